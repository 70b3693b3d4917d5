//! The audit log page with filters and paging.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use domain::permission::Action;
use serde::Deserialize;
use serde_json::{Value, json};
use store::AuditFilter;

use super::{AUDIT_ACTIONS, PageResult, action_label, base_context, merge, page};
use crate::AppState;
use crate::auth::PageUser;

const PAGE_SIZE: i64 = 50;

/// Query string of the audit page.
#[derive(Debug, Default, Deserialize, serde::Serialize)]
pub struct AuditQuery {
    #[serde(default)]
    action: String,
    #[serde(default)]
    actor: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    until: String,
    #[serde(default)]
    page: Option<String>,
}

/// Parses the query into a store filter; returns a Chinese message for a bad date.
pub fn parse_filter(q: &AuditQuery, limit: i64) -> Result<(AuditFilter, i64), String> {
    let date = |s: &str, label: &str| -> Result<Option<NaiveDate>, String> {
        if s.is_empty() {
            return Ok(None);
        }
        NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| format!("{label}格式应为YYYY-MM-DD"))
    };
    let from = date(&q.from, "起始日期")?;
    let until = date(&q.until, "截止日期")?;
    let page = q
        .page
        .as_deref()
        .and_then(|p| p.parse::<i64>().ok())
        .filter(|&p| p >= 1)
        .unwrap_or(1);
    Ok((
        AuditFilter {
            action: (!q.action.is_empty()).then(|| q.action.clone()),
            actor: (!q.actor.trim().is_empty()).then(|| q.actor.trim().to_owned()),
            from_ms: from.map(crate::time::day_start_ms),
            until_ms: until
                .and_then(|d| d.succ_opt())
                .map(crate::time::day_start_ms),
            limit,
            offset: (page - 1) * limit,
        },
        page,
    ))
}

/// GET /staff/audit
pub async fn list_audit(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(q): Query<AuditQuery>,
) -> PageResult {
    me.require(Action::ViewAudit)?;
    let (filter, page_no, error) = match parse_filter(&q, PAGE_SIZE) {
        Ok((f, p)) => (f, p, String::new()),
        Err(m) => (
            AuditFilter {
                limit: PAGE_SIZE,
                ..Default::default()
            },
            1,
            m,
        ),
    };
    let (entries, total) = state
        .store
        .list_audit(me.user.government_id, &filter)
        .await?;
    let rows: Vec<Value> = entries
        .iter()
        .map(|e| {
            json!({"at": crate::time::format_ms(e.at), "actor_name": e.actor_name, "action_label": action_label(&e.action),
                   "target": e.target, "detail": e.detail, "client_ip": e.client_ip})
        })
        .collect();
    let actions: Vec<Value> = AUDIT_ACTIONS
        .iter()
        .map(|a| json!({"value": a, "label": action_label(a)}))
        .collect();
    let n_pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
    let base = format!(
        "/staff/audit?action={}&actor={}&from={}&until={}&",
        urlencode(&q.action),
        urlencode(&q.actor),
        urlencode(&q.from),
        urlencode(&q.until)
    );
    let status = if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let ctx = merge(
        base_context(&state, &me, "/staff/audit", "审计日志").await?,
        json!({"entries": rows, "actions": actions, "filter": q, "total": total, "page": page_no,
               "n_pages": n_pages.max(1), "base": base, "error": error}),
    );
    page(status, "audit.html", &ctx)
}

/// Percent-encodes a query-string value.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

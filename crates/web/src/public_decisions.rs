//! Published enforcement decisions on the portal (行政执法公示 事后公开): the list per government,
//! each decision's redacted text, a withdrawn decision's reason (第四十八条), its place in the
//! tamper-evident log, and each department's legal-review catalogue (审核目录).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::pages::{PageResult, page};
use crate::{AppState, WebError};

/// Decisions on one page of the portal list.
pub const PAGE_SIZE: i64 = 30;

/// Query of the portal list.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct DecisionQuery {
    /// Government id (default: the first).
    #[serde(default)]
    pub government: String,
    /// Page from 1.
    #[serde(default)]
    pub page: String,
}

/// GET /decisions
pub async fn list(State(state): State<AppState>, Query(q): Query<DecisionQuery>) -> PageResult {
    let governments = state.store.list_governments().await?;
    let gov = q
        .government
        .parse::<i64>()
        .ok()
        .and_then(|id| governments.iter().find(|g| g.id == id))
        .or(governments.first());
    let page_no = q.page.parse::<i64>().ok().filter(|&p| p > 0).unwrap_or(1);
    let mut rows = Vec::new();
    let mut catalogue = Vec::new();
    if let Some(g) = gov {
        let departments = state.store.list_departments(g.id).await?;
        let name = |id: i64| {
            departments
                .iter()
                .find(|d| d.id == id)
                .map(|d| d.name.clone())
                .unwrap_or_default()
        };
        for d in state
            .store
            .disclosures(g.id, None, false, (page_no - 1) * PAGE_SIZE, PAGE_SIZE + 1)
            .await?
        {
            rows.push(json!({"id": d.id, "title": d.title, "department": name(d.department_id),
                             "published_on": d.published_on, "status": d.status, "withdrawn_on": d.withdrawn_on}));
        }
        for i in state.store.review_catalogue(g.id, None).await? {
            catalogue.push(
                json!({"department": name(i.department_id), "title": i.title, "basis": i.basis,
                                  "min_fine": i.min_fine_fen.map(domain::enforcement::yuan)}),
            );
        }
    }
    let has_next = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let ctx = json!({
        "governments": governments.iter().map(|g| json!({"id": g.id.to_string(), "name": g.name})).collect::<Vec<_>>(),
        "government_id": gov.map(|g| g.id.to_string()), "government_name": gov.map(|g| g.name.clone()),
        "decisions": rows, "catalogue": catalogue, "page": page_no, "has_next": has_next,
    });
    page(StatusCode::OK, "portal_decisions.html", &ctx)
}

/// Query naming the government of a decision.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct GovernmentQuery {
    /// Government id (default: the first).
    #[serde(default)]
    pub government: String,
}

/// GET /decisions/{id}
pub async fn show(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<GovernmentQuery>,
) -> PageResult {
    let governments = state.store.list_governments().await?;
    let gov = q
        .government
        .parse::<i64>()
        .ok()
        .and_then(|id| governments.iter().find(|g| g.id == id))
        .or(governments.first())
        .ok_or(WebError::NotFound)?;
    let id: i64 = id.parse().map_err(|_| WebError::NotFound)?;
    let d = state.store.disclosure(gov.id, id).await?;
    let departments = state.store.list_departments(gov.id).await?;
    let lines: Vec<Value> = d
        .content
        .lines()
        .map(|l| match l.split_once('：') {
            Some((k, v)) => json!({"label": k, "value": v}),
            None => json!({"label": "", "value": l}),
        })
        .collect();
    let ctx = json!({
        "government_id": gov.id, "government_name": gov.name,
        "d": {"id": d.id, "title": d.title, "document_number": d.document_number, "published_on": d.published_on,
              "status": d.status, "withdrawn_on": d.withdrawn_on, "withdrawal_ground": d.withdrawal_ground,
              "withdrawal_reason": d.withdrawal_reason,
              "department": departments.iter().find(|x| x.id == d.department_id).map(|x| x.name.clone())},
        "lines": lines,
    });
    page(StatusCode::OK, "portal_decision.html", &ctx)
}

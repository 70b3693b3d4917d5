//! What the supervision pages share (案卷评查, 行政检查, 提示函/督办函): the user's department
//! scope, dates from forms, the feedback of a refused form, and a record's timeline read from its
//! ledger entries (each entry holds the record's whole state after the step).

use calendar::NaiveDate;
use domain::FieldErrors;
use serde_json::{Value, json};
use store::Department;

use super::case_forms::Fields;
use crate::auth::CurrentUser;
use crate::{AppState, WebError};

/// Rows on one page of the supervision lists.
pub const PAGE_SIZE: i64 = 30;

/// The departments of the government and the ids the user is limited to (`None`: all).
pub async fn scope(
    state: &AppState,
    me: &CurrentUser,
) -> Result<(Vec<Department>, Option<Vec<i64>>), WebError> {
    super::cases::case_scope(state, me).await
}

/// Whether `department_id` is inside `scope`.
pub fn covers(scope: &Option<Vec<i64>>, department_id: i64) -> bool {
    scope
        .as_ref()
        .is_none_or(|ids| ids.contains(&department_id))
}

/// A department's name.
pub fn dept_name(all: &[Department], id: i64) -> String {
    all.iter()
        .find(|d| d.id == id)
        .map(|d| d.name.clone())
        .unwrap_or_default()
}

/// The enforcement bodies inside the scope, as `{id, name}` options.
pub fn department_options(all: &[Department], scope: &Option<Vec<i64>>) -> Vec<Value> {
    all.iter()
        .filter(|d| d.is_enforcement_body && covers(scope, d.id))
        .map(|d| json!({"id": d.id.to_string(), "name": d.name}))
        .collect()
}

/// A date field: empty gives `default`, a bad one adds a field error.
pub fn date_field(e: &mut FieldErrors, name: &str, value: &str, default: NaiveDate) -> NaiveDate {
    let value = value.trim();
    if value.is_empty() {
        return default;
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d").unwrap_or_else(|_| {
        e.add(name, "请按 年-月-日 填写日期");
        default
    })
}

/// An integer field in `min..=max`.
pub fn number_field(e: &mut FieldErrors, name: &str, value: &str, min: i64, max: i64) -> i64 {
    match value.trim().parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => n,
        _ => {
            e.add(name, format!("请填写{min}至{max}之间的整数"));
            min
        }
    }
}

/// The page number of a `page` query value.
pub fn page_number(raw: &str) -> i64 {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}

/// The link base of a filtered list (`{path}?a=1&` or `{path}?`).
pub fn list_base(path: &str, params: &[(&str, &str)]) -> String {
    let parts: Vec<String> = params
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", super::powers::url_encode(v.trim())))
        .collect();
    if parts.is_empty() {
        format!("{path}?")
    } else {
        format!("{path}?{}&", parts.join("&"))
    }
}

/// What a page shows again after a refused or invalid form.
pub fn feedback(form: &str, e: &WebError, fields: &Fields) -> Value {
    let submitted: serde_json::Map<String, Value> = fields
        .iter()
        .filter(|(k, _)| k != "csrf")
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    json!({
        "form": form,
        "error": match e {
            WebError::Invalid(_) => "请按提示修改后再提交".to_owned(),
            other => other.to_string(),
        },
        "errors": match e {
            WebError::Invalid(f) => json!(f.0),
            _ => json!({}),
        },
        "fields": Value::Object(submitted),
    })
}

/// No feedback.
pub fn no_feedback() -> Value {
    json!({"form": "", "error": "", "errors": {}, "fields": {}})
}

/// Whether an error is one the page shows beside its form (rather than an error page).
pub fn shown_on_page(e: &WebError) -> bool {
    matches!(
        e,
        WebError::Refused(_) | WebError::Invalid(_) | WebError::Conflict(_)
    )
}

/// Chinese name of a supervision ledger event.
pub fn event_label(event: &str) -> &str {
    match event {
        "draw" => "随机抽取",
        "score" => "评分并记录评查意见",
        "issue" => "下达整改通知",
        "report" => "报告整改情况",
        "done" => "整改验收办结",
        "create" => "登记",
        "exclusion" => "登记回避",
        "send" => "发函",
        "reply" => "答复",
        "inspection.planned" => "安排检查",
        "inspection.conducted" => "实施检查",
        "inspection.result_recorded" => "记录检查结果",
        "inspection.penalty_case_linked" => "立案并关联处罚案件",
        "inspection.transferred" => "移送",
        "inspection.rectification_verified" => "整改复查",
        "inspection.closed" => "办结",
        "inspection.published" => "公示检查结果",
        other => other,
    }
}

/// The timeline of some records: their ledger entries in log order, each with its position (to
/// check on 核验), time, actor and step.
pub async fn ledger_timeline(
    state: &AppState,
    gov: i64,
    records: &[(&str, String, String)],
) -> Result<Vec<Value>, WebError> {
    let mut rows = Vec::new();
    for (record_type, record_id, what) in records {
        for e in state
            .store
            .ledger_entries_of(gov, record_type, record_id)
            .await?
        {
            rows.push((
                e.idx,
                json!({
                    "idx": e.idx, "at": crate::time::format_ms(e.at), "actor": e.actor,
                    "event": event_label(&e.event), "what": what,
                }),
            ));
        }
    }
    rows.sort_by_key(|(idx, _)| *idx);
    Ok(rows.into_iter().map(|(_, v)| v).collect())
}

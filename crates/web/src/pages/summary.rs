//! The summary procedure (简易程序) for staff: the register of on-the-spot decisions of the
//! user's departments, the form to record a numbered decision (行政处罚法 第五十一条、第五十二条),
//! and filing with the department (备案).

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use calendar::NaiveDateTime;
use domain::FieldErrors;
use domain::enforcement::PartyKind;
use domain::enforcement::officer::CertifiedOfficer;
use domain::enforcement::summary::{
    Collection, FILING_PERIOD, FormNumbering, OnTheSpotDecision, Receipt, SpotCollectionGround,
    SummaryInput, SummaryLimits, SummarySanction, decide_on_the_spot,
};
use domain::permission::{Action, allows};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use store::Department;
use store::summary::SummaryRecord;

use super::case_forms::{Fields, field, parse_yuan};
use super::cases::{actor, case_scope, department_officers};
use super::deadlines::today;
use super::org::parse_id;
use super::{PageResult, base_context, merge, page, see_other};
use crate::auth::{CurrentUser, PageUser};
use crate::{AppState, WebError};

/// Decisions on one page.
pub const PAGE_SIZE: i64 = 50;

/// Digits after the prefix of a department's pre-printed forms.
pub const FORM_DIGITS: usize = 8;

/// The numbering of a department's forms: its short name, 「简」 and eight digits, e.g.
/// 「市监简00001234」.
pub fn numbering_of(d: &Department) -> FormNumbering {
    let short = if d.short_name.trim().is_empty() {
        d.name.chars().take(2).collect()
    } else {
        d.short_name.trim().to_owned()
    };
    FormNumbering {
        prefix: format!("{short}简"),
        digits: FORM_DIGITS,
    }
}

/// A decision as the register shows it.
pub fn summary_json(r: &SummaryRecord, all: &[Department]) -> Value {
    json!({
        "id": r.id, "number": r.number, "party_name": r.party_name, "party_kind_label": r.party_kind.label(),
        "department": all.iter().find(|d| d.id == r.department_id).map(|d| d.name.clone()),
        "facts": r.facts, "basis": r.basis, "place": r.place, "decided_at": r.decided_at,
        "sanction": if r.sanction == "warning" { "警告".to_owned() } else { format!("罚款{}", domain::enforcement::yuan(r.fine_fen)) },
        "officers": r.officers, "receipt": if r.receipt == "signed" { "当事人已签收" } else { "当事人拒绝签收，已注明" },
        "filing_due": r.filing_due, "filed_on": r.filed_on, "filed_late": r.filed_late,
    })
}

/// Validates the form and lets the domain decide; returns the department and the decision.
pub async fn read_decision(
    state: &AppState,
    me: &CurrentUser,
    fields: &Fields,
) -> Result<(i64, OnTheSpotDecision), WebError> {
    let mut e = FieldErrors::new();
    let (all, scope) = case_scope(state, me).await?;
    let dept = field(fields, "department_id")
        .parse::<i64>()
        .ok()
        .and_then(|id| all.iter().find(|d| d.id == id && d.is_enforcement_body))
        .filter(|d| scope.as_ref().is_none_or(|s| s.contains(&d.id)));
    if dept.is_none() {
        e.add("department_id", "请选择本人管理范围内的执法主体");
    }
    let party_kind = match field(fields, "party_kind") {
        "individual" => PartyKind::Individual,
        "organisation" => PartyKind::Organisation,
        _ => {
            e.add("party_kind", "请选择当事人类型");
            PartyKind::Individual
        }
    };
    let number = e.required_text("number", field(fields, "number"), 40);
    let party_name = e.required_text("party_name", field(fields, "party_name"), 100);
    let facts = e.required_text("facts", field(fields, "facts"), 1000);
    let basis = e.required_text("basis", field(fields, "basis"), 500);
    let place = e.required_text("place", field(fields, "place"), 200);
    let decided_at = NaiveDateTime::parse_from_str(field(fields, "decided_at"), "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(field(fields, "decided_at"), "%Y-%m-%d %H:%M"));
    if decided_at.is_err() {
        e.add("decided_at", "请填写处罚的日期和时间");
    }
    let sanction = match field(fields, "sanction") {
        "warning" => SummarySanction::Warning,
        "fine" => match parse_yuan(field(fields, "fine_yuan")) {
            Some(fen) if fen > 0 => SummarySanction::Fine { fen },
            _ => {
                e.add("fine_yuan", "请填写罚款金额（元，至多两位小数）");
                SummarySanction::Warning
            }
        },
        _ => {
            e.add("sanction", "请选择处罚种类：警告或罚款");
            SummarySanction::Warning
        }
    };
    let collection = match field(fields, "collection") {
        "small_fine" => Collection::OnTheSpot(SpotCollectionGround::SmallFine),
        "hard_to_enforce" => Collection::OnTheSpot(SpotCollectionGround::HardToEnforce),
        "remote_area" => Collection::OnTheSpot(SpotCollectionGround::RemoteArea),
        _ => Collection::Bank,
    };
    let receipt = if field(fields, "receipt") == "refused" {
        Receipt::RefusedNoted
    } else {
        Receipt::Signed
    };
    let (Some(dept), Ok(decided_at)) = (dept, decided_at) else {
        return Err(WebError::Invalid(e));
    };
    let roster = department_officers(state, me.user.government_id, dept.id).await?;
    let mut officers = Vec::new();
    for raw in fields.iter().filter(|(k, _)| k == "officer_ids") {
        match roster.iter().find(|o| o.id.to_string() == raw.1.trim()) {
            Some(o) => officers
                .push(CertifiedOfficer::certify(o, decided_at.date()).map_err(WebError::Refused)?),
            None => e.add("officer_ids", "所选执法人员不属于该执法主体"),
        }
    }
    if !e.is_empty() {
        return Err(WebError::Invalid(e));
    }
    let single = field(fields, "single_officer_basis");
    let input = SummaryInput {
        number,
        party_kind,
        party_name,
        facts,
        basis,
        place,
        decided_at,
        sanction,
        collection,
        officers,
        single_officer_basis: (!single.is_empty()).then(|| single.to_owned()),
        rights_told_and_heard: matches!(field(fields, "rights_told"), "true" | "on"),
        receipt,
    };
    if decided_at.date() > today(state) {
        return Err(WebError::Refused(domain::Refusal::new(
            "summary.date_in_future",
            "处罚时间不能晚于今天",
        )));
    }
    let calendar = state.calendar.get();
    let decision = decide_on_the_spot(
        input,
        &numbering_of(dept),
        &SummaryLimits::STATUTE,
        FILING_PERIOD,
        &calendar,
    )?;
    Ok((dept.id, decision))
}

/// Records a validated decision.
pub async fn record(
    state: &AppState,
    me: &CurrentUser,
    dept: i64,
    decision: &OnTheSpotDecision,
) -> Result<SummaryRecord, WebError> {
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let r = tx.record_summary_decision(dept, decision).await?;
    tx.commit().await?;
    Ok(r)
}

/// Query of the register.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct SummaryQuery {
    /// Page from 1.
    #[serde(default)]
    pub page: String,
}

async fn register_page(
    state: &AppState,
    me: &CurrentUser,
    page_no: i64,
    form: &Fields,
    error: &str,
    errors: Value,
    status: StatusCode,
) -> PageResult {
    let gov = me.user.government_id;
    let (all, scope) = case_scope(state, me).await?;
    let (rows, total) = state
        .store
        .summary_decisions(gov, scope.as_deref(), (page_no - 1) * PAGE_SIZE, PAGE_SIZE)
        .await?;
    let depts: Vec<&Department> = all
        .iter()
        .filter(|d| d.is_enforcement_body)
        .filter(|d| scope.as_ref().is_none_or(|s| s.contains(&d.id)))
        .collect();
    let mut officers = Vec::new();
    for d in &depts {
        for o in department_officers(state, gov, d.id).await? {
            officers.push(json!({"id": o.id.to_string(), "name": o.name, "department": d.name, "certificate": o.certificate.number}));
        }
    }
    let submitted: serde_json::Map<String, Value> = form
        .iter()
        .filter(|(k, _)| k != "csrf")
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect();
    let ctx = merge(
        base_context(state, me, "/staff/summary", "当场处罚（简易程序）").await?,
        json!({
            "decisions": rows.iter().map(|r| summary_json(r, &all)).collect::<Vec<_>>(),
            "total": total, "page": page_no, "n_pages": ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1),
            "base": "/staff/summary?",
            "departments": depts.iter().map(|d| json!({"id": d.id.to_string(), "name": d.name, "prefix": numbering_of(d).prefix})).collect::<Vec<_>>(),
            "officers": officers, "form": submitted, "error": error, "errors": errors,
            "can_handle": allows(me.user.role, Action::HandleCases),
            "now": chrono::DateTime::from_timestamp_millis(state.now()).map(|t| t.with_timezone(&crate::time::cst()).format("%Y-%m-%dT%H:%M").to_string()),
        }),
    );
    page(status, "summary.html", &ctx)
}

/// GET /staff/summary
pub async fn list(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(q): Query<SummaryQuery>,
) -> PageResult {
    me.require(Action::ViewCases)?;
    let page_no = q.page.parse::<i64>().ok().filter(|p| *p >= 1).unwrap_or(1);
    register_page(
        &state,
        &me,
        page_no,
        &Fields::new(),
        "",
        json!({}),
        StatusCode::OK,
    )
    .await
}

/// POST /staff/summary
pub async fn create(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(fields): Form<Fields>,
) -> PageResult {
    me.require(Action::HandleCases)?;
    me.check_csrf(field(&fields, "csrf"))?;
    let result = match read_decision(&state, &me, &fields).await {
        Ok((dept, decision)) => record(&state, &me, dept, &decision).await.map(|_| ()),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => see_other("/staff/summary"),
        Err(e @ (WebError::Refused(_) | WebError::Invalid(_) | WebError::Conflict(_))) => {
            let (error, errors) = match &e {
                WebError::Invalid(f) => ("请按提示修改后再提交".to_owned(), json!(f.0)),
                other => (other.to_string(), json!({})),
            };
            register_page(&state, &me, 1, &fields, &error, errors, e.status()).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Form with the CSRF token only.
#[derive(Debug, Default, Deserialize)]
pub struct FileForm {
    /// Token.
    #[serde(default)]
    pub csrf: String,
}

/// POST /staff/summary/{id}/file — file with the department.
pub async fn file(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(f): Form<FileForm>,
) -> PageResult {
    me.require(Action::HandleCases)?;
    me.check_csrf(&f.csrf)?;
    let id = parse_id(&id)?;
    let gov = me.user.government_id;
    let r = state.store.summary_decision(gov, id).await?;
    let (_, scope) = case_scope(&state, &me).await?;
    if scope.is_some_and(|s| !s.contains(&r.department_id)) {
        return Err(WebError::NotFound.into());
    }
    let mut tx = state
        .store
        .begin_write(gov, &actor(&me), state.now())
        .await?;
    tx.file_summary_decision(id, &today(&state).to_string())
        .await?;
    tx.commit().await?;
    see_other(&format!("/staff/summary#s{id}"))
}

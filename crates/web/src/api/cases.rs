//! Penalty cases in the JSON API: list, read (with the timeline), register a clue, and run one
//! step of the procedure. The same parser, scope checks and flow as the staff pages
//! (`pages::cases`, `pages::case_forms`), so a refusal names the same article in both.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use domain::permission::Action;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::dto::ApiError;
use super::{RawJson, check_csrf_header};
use crate::auth::CurrentUser;
use crate::pages::case_forms::Fields;
use crate::pages::cases::{
    CaseQuery, PAGE_SIZE, RegisterForm, case_detail_json, case_filter, read_registration, register,
    run_step, visible_case,
};
use crate::pages::deadlines::today;
use crate::{AppState, WebError};

type ApiResult<T> = Result<T, WebError>;

/// A case in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseSummaryDto {
    /// Id.
    pub id: i64,
    /// 案件编号.
    pub case_number: String,
    /// Party name.
    pub party_name: String,
    /// Department id.
    pub department_id: i64,
    /// Stage code.
    pub stage: String,
    /// Stage in Chinese.
    pub stage_label: String,
    /// Registered on.
    pub registered_on: String,
    /// Earliest open due date.
    pub next_due: Option<String>,
    /// Past a due date today.
    pub overdue: bool,
    /// 决定书文号.
    pub decision_number: Option<String>,
}

/// One page of cases.
#[derive(Debug, Serialize, ToSchema)]
pub struct CasePage {
    /// Matching cases.
    pub total: i64,
    /// Page from 1.
    pub page: i64,
    /// Page size.
    pub per_page: i64,
    /// The cases.
    pub cases: Vec<CaseSummaryDto>,
}

/// A case with its state and timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseDto {
    /// The list columns.
    pub summary: CaseSummaryDto,
    /// Version: send it back with a command so a stale form is refused.
    pub version: i64,
    /// The case's state as the case page shows it.
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
    /// The timeline: one entry per step, with its ledger position.
    pub events: Vec<CaseEventDto>,
}

/// One step of the timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseEventDto {
    /// Kind, e.g. `penalty.opened`.
    pub kind: String,
    /// Day.
    pub on: String,
    /// Stage after it.
    pub stage: String,
    /// Who recorded it.
    pub actor: String,
    /// Its facts as name/value pairs.
    pub fields: Vec<(String, String)>,
    /// Its ledger entry.
    pub ledger_idx: i64,
}

/// A step of the procedure. `action` is one of: verify, open, decline, assign, ground,
/// mark_major, close_investigation, notice, defence, waive, request_hearing, schedule_hearing,
/// record_hearing, submit_review, review, deliberation, suspend_clock, extend, decide, serve,
/// pay, close, archive. `fields` holds the same names as the case page's form (dates
/// `YYYY-MM-DD`, amounts in yuan, `officer_ids` as a list).
#[derive(Debug, Deserialize, ToSchema)]
pub struct CommandBody {
    /// The step.
    pub action: String,
    /// The version the caller read (optional; when given, a stale one is refused with 409).
    #[serde(default)]
    pub version: Option<i64>,
    /// The step's fields.
    #[serde(default)]
    #[schema(value_type = Object)]
    pub fields: serde_json::Map<String, serde_json::Value>,
}

fn summary_dto(s: &store::CaseSummary, today: calendar::NaiveDate) -> CaseSummaryDto {
    CaseSummaryDto {
        id: s.id,
        case_number: s.case_number.clone(),
        party_name: s.party_name.clone(),
        department_id: s.department_id,
        stage: s.stage.as_str().into(),
        stage_label: s.stage.label().into(),
        registered_on: s.registered_on.clone(),
        next_due: s.next_due.clone(),
        overdue: s
            .next_due
            .as_deref()
            .is_some_and(|d| d < today.to_string().as_str()),
        decision_number: s.decision_number.clone(),
    }
}

async fn case_dto(state: &AppState, me: &CurrentUser, c: &store::StoredCase) -> ApiResult<CaseDto> {
    let gov = me.user.government_id;
    let all = state.store.list_departments(gov).await?;
    let today = today(state);
    let events = state.store.penalty_events(gov, c.case.id).await?;
    Ok(CaseDto {
        summary: summary_dto(&c.summary, today),
        version: c.version,
        detail: case_detail_json(c, &all, today),
        events: events
            .into_iter()
            .map(|e| CaseEventDto {
                kind: e.kind,
                on: e.on_date,
                stage: e.stage.as_str().into(),
                actor: e.actor,
                fields: e.fields,
                ledger_idx: e.ledger_idx,
            })
            .collect(),
    })
}

/// Cases in the caller's scope, newest first; filters as the case list page.
#[utoipa::path(get, path = "/api/v1/cases", tag = "cases",
    params(
        ("department" = Option<i64>, Query, description = "执法主体"),
        ("stage" = Option<String>, Query, description = "阶段代码，如 under_legal_review"),
        ("overdue" = Option<String>, Query, description = "1：仅看已超期"),
        ("q" = Option<String>, Query, description = "案件编号或当事人"),
        ("year" = Option<i32>, Query, description = "登记年度"),
        ("page" = Option<i64>, Query, description = "页码，从1开始"),
    ),
    responses((status = 200, body = CasePage), (status = "4XX", body = ApiError)))]
pub async fn list_cases(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<CaseQuery>,
) -> ApiResult<Json<CasePage>> {
    me.require(Action::ViewCases)?;
    let (filter, page) = case_filter(&state, &me, &q, PAGE_SIZE).await?;
    let (rows, total) = state
        .store
        .list_penalty_cases(me.user.government_id, &filter)
        .await?;
    let today = today(&state);
    Ok(Json(CasePage {
        total,
        page,
        per_page: PAGE_SIZE,
        cases: rows.iter().map(|r| summary_dto(r, today)).collect(),
    }))
}

/// One case with its timeline (404 outside the caller's scope).
#[utoipa::path(get, path = "/api/v1/cases/{id}", tag = "cases", params(("id" = i64, Path)),
    responses((status = 200, body = CaseDto), (status = "4XX", body = ApiError)))]
pub async fn find_case(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<CaseDto>> {
    me.require(Action::ViewCases)?;
    let c = visible_case(&state, &me, &id).await?;
    Ok(Json(case_dto(&state, &me, &c).await?))
}

/// Register a clue (案源登记) as a new case.
#[utoipa::path(post, path = "/api/v1/cases", tag = "cases", request_body = RegisterForm,
    responses((status = 201, body = CaseDto), (status = "4XX", body = ApiError)))]
pub async fn create_case(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    raw: RawJson,
) -> ApiResult<(StatusCode, Json<CaseDto>)> {
    me.require(Action::HandleCases)?;
    check_csrf_header(&me, &headers)?;
    let body: RegisterForm = raw.parse()?;
    let r = read_registration(&state, &me, &body).await?;
    let c = register(&state, &me, r).await?;
    Ok((StatusCode::CREATED, Json(case_dto(&state, &me, &c).await?)))
}

/// Run one step of the procedure; a step out of order or before its gate is refused with 422
/// and the article it breaks, e.g. `penalty.notice_missing` (第四十四条、第六十二条).
#[utoipa::path(post, path = "/api/v1/cases/{id}/commands", tag = "cases", params(("id" = i64, Path)),
    request_body = CommandBody,
    responses((status = 200, body = CaseDto), (status = "4XX", body = ApiError)))]
pub async fn run_command(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    raw: RawJson,
) -> ApiResult<Json<CaseDto>> {
    me.require(Action::ViewCases)?;
    check_csrf_header(&me, &headers)?;
    let c = visible_case(&state, &me, &id).await?;
    let body: CommandBody = raw.parse()?;
    let fields = fields_of(body.fields);
    let saved = run_step(&state, &me, &c, &body.action, &fields, body.version).await?;
    Ok(Json(case_dto(&state, &me, &saved).await?))
}

/// A JSON object of a form's fields as the form parser reads them: a list gives one pair per
/// item (e.g. `officer_ids`), other values their text.
fn fields_of(body: serde_json::Map<String, serde_json::Value>) -> Fields {
    let mut fields: Fields = Vec::new();
    for (k, v) in body {
        match v {
            serde_json::Value::Array(items) => {
                for item in items {
                    fields.push((k.clone(), plain(&item)));
                }
            }
            other => fields.push((k, plain(&other))),
        }
    }
    fields
}

fn plain(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// An on-the-spot decision in the register.
#[derive(Debug, Serialize, ToSchema)]
pub struct SummaryDecisionDto {
    /// The decision as the register shows it.
    #[schema(value_type = Object)]
    pub decision: serde_json::Value,
}

/// The register of on-the-spot decisions (简易程序) in the caller's scope, newest first.
#[utoipa::path(get, path = "/api/v1/summary-decisions", tag = "cases",
    params(("page" = Option<i64>, Query, description = "页码，从1开始")),
    responses((status = 200, body = [SummaryDecisionDto]), (status = "4XX", body = ApiError)))]
pub async fn list_summary_decisions(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<crate::pages::summary::SummaryQuery>,
) -> ApiResult<Json<Vec<SummaryDecisionDto>>> {
    me.require(Action::ViewCases)?;
    let page = q.page.parse::<i64>().ok().filter(|p| *p >= 1).unwrap_or(1);
    let (all, scope) = crate::pages::cases::case_scope(&state, &me).await?;
    let per = crate::pages::summary::PAGE_SIZE;
    let (rows, _) = state
        .store
        .summary_decisions(
            me.user.government_id,
            scope.as_deref(),
            (page - 1) * per,
            per,
        )
        .await?;
    Ok(Json(
        rows.iter()
            .map(|r| SummaryDecisionDto {
                decision: crate::pages::summary::summary_json(r, &all),
            })
            .collect(),
    ))
}

/// Record an on-the-spot decision (第五十一条、第五十二条). The body has the form's fields:
/// department_id, number, party_kind, party_name, facts, basis, place, decided_at
/// (`YYYY-MM-DD HH:MM`), sanction (warning|fine), fine_yuan, collection, officer_ids (list),
/// single_officer_basis, rights_told (true), receipt (signed|refused).
#[utoipa::path(post, path = "/api/v1/summary-decisions", tag = "cases",
    request_body(content = Object, description = "当场处罚决定书的各项内容"),
    responses((status = 201, body = SummaryDecisionDto), (status = "4XX", body = ApiError)))]
pub async fn create_summary_decision(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    raw: RawJson,
) -> ApiResult<(StatusCode, Json<SummaryDecisionDto>)> {
    me.require(Action::HandleCases)?;
    check_csrf_header(&me, &headers)?;
    let body: serde_json::Map<String, serde_json::Value> = raw.parse()?;
    let fields = fields_of(body);
    let (dept, decision) = crate::pages::summary::read_decision(&state, &me, &fields).await?;
    let r = crate::pages::summary::record(&state, &me, dept, &decision).await?;
    let all = state.store.list_departments(me.user.government_id).await?;
    Ok((
        StatusCode::CREATED,
        Json(SummaryDecisionDto {
            decision: crate::pages::summary::summary_json(&r, &all),
        }),
    ))
}

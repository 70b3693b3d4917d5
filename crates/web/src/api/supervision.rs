//! Supervision in the JSON API: case-file reviews (`/api/v1/case-reviews`), inspections and
//! random inspections (`/api/v1/inspections`), prompt and supervision letters (`/api/v1/letters`),
//! and the published inspection results (`/api/v1/public/inspections`). The same parsers, scope
//! checks and store calls as the staff pages, so a refusal names the same rule on both surfaces.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use domain::enforcement::supervision::ItemScore;
use domain::permission::Action;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;

use super::cases::CommandBody;
use super::dto::ApiError;
use super::{RawJson, check_csrf_header};
use crate::auth::CurrentUser;
use crate::pages::case_forms::Fields;
use crate::pages::case_reviews::{self, RoundInput, RoundQuery};
use crate::pages::deadlines::today;
use crate::pages::inspections::{
    self, InspectionQuery, PlanInput, TargetInput, TargetQuery, inspection_detail, inspection_row,
    plan_json, target_json,
};
use crate::pages::letters::{self, LetterInput, LetterQuery, letter_json};
use crate::pages::supervision::{self as common, PAGE_SIZE};
use crate::{AppState, WebError};

type ApiResult<T> = Result<T, WebError>;

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ListPage {
    /// Rows that match.
    pub total: i64,
    /// Page from 1.
    pub page: i64,
    /// Page size.
    pub per_page: i64,
    /// The rows (their fields as the staff pages show them).
    #[schema(value_type = Vec<Object>)]
    pub items: Vec<Value>,
}

/// A score sheet for one drawn file.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ScoreBody {
    /// The drawn penalty case.
    pub case_id: i64,
    /// One score per rubric item.
    #[serde(default)]
    pub scores: Vec<ScoreItem>,
    /// Findings (评查意见).
    #[serde(default)]
    pub findings: String,
}

/// A score on one rubric item.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ScoreItem {
    /// Rubric item code.
    pub code: String,
    /// Points given.
    pub points: u32,
    /// Why points were deducted (required below the maximum).
    #[serde(default)]
    pub deduction_reason: String,
}

/// A rectification notice.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RectificationBody {
    /// The drawn penalty case.
    pub case_id: i64,
    /// What must be done.
    #[serde(default)]
    pub requirement: String,
    /// Deadline, `YYYY-MM-DD`.
    #[serde(default)]
    pub due_on: String,
}

/// A text for a step (a report, an acceptance note, a reply).
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct TextBody {
    /// The text.
    #[serde(default)]
    pub text: String,
}

/// An inspection to plan outside a random draw.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewInspectionBody {
    /// Registered target.
    pub target_id: i64,
    /// Planned day, `YYYY-MM-DD` (today when empty).
    #[serde(default)]
    pub planned_on: String,
}

/// An exclusion (回避) of an officer from a target.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ExclusionBody {
    /// Officer.
    pub officer_id: i64,
    /// Reason.
    #[serde(default)]
    pub reason: String,
}

fn page_of(total: i64, page: i64, items: Vec<Value>) -> Json<ListPage> {
    Json(ListPage {
        total,
        page,
        per_page: PAGE_SIZE,
        items,
    })
}

// ---------------------------------------------------------------- case-file reviews

/// Rounds of case-file review whose departments are in the caller's scope, newest first.
#[utoipa::path(get, path = "/api/v1/case-reviews", tag = "supervision",
    params(("year" = Option<i32>, Query, description = "抽取年度"), ("page" = Option<i64>, Query, description = "页码")),
    responses((status = 200, body = ListPage), (status = "4XX", body = ApiError)))]
pub async fn list_case_reviews(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<RoundQuery>,
) -> ApiResult<Json<ListPage>> {
    me.require(Action::ViewCases)?;
    let page = common::page_number(&q.page);
    let year = q.year.trim().parse::<i32>().ok();
    let (rounds, total) = case_reviews::visible_rounds(&state, &me, year, page).await?;
    let items = rounds
        .iter()
        .map(|s| {
            json!({"id": s.round.id, "title": s.round.title, "closed_from": s.round.closed_from,
                   "closed_to": s.round.closed_to, "department_ids": s.round.department_ids,
                   "seed": s.round.seed.to_string(), "drawn_on": s.round.drawn_on,
                   "n_files": s.n_files, "n_scored": s.n_scored, "n_open_rectifications": s.n_open_rectifications})
        })
        .collect();
    Ok(page_of(total, page, items))
}

/// Draw a new round (the legal-affairs office): closed cases per department, a seed nobody
/// picks, the population and the sample recorded in the ledger.
#[utoipa::path(post, path = "/api/v1/case-reviews", tag = "supervision", request_body = RoundInput,
    responses((status = 201, description = "评查批次（含抽取结果与随机种子）", body = Object), (status = "4XX", body = ApiError)))]
pub async fn create_case_review(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    raw: RawJson,
) -> ApiResult<(StatusCode, Json<Value>)> {
    me.require(Action::SuperviseEnforcement)?;
    check_csrf_header(&me, &headers)?;
    let input: RoundInput = raw.parse()?;
    let new = case_reviews::read_round(&state, &me, &input).await?;
    let round = case_reviews::draw(&state, &me, new).await?;
    Ok((
        StatusCode::CREATED,
        Json(case_reviews::round_json(&state, &me, &round).await?),
    ))
}

/// One round with its drawn files, scores and rectifications (those in the caller's scope).
#[utoipa::path(get, path = "/api/v1/case-reviews/{id}", tag = "supervision", params(("id" = i64, Path)),
    responses((status = 200, description = "评查批次", body = Object), (status = "4XX", body = ApiError)))]
pub async fn find_case_review(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    me.require(Action::ViewCases)?;
    let round = case_reviews::visible_round(&state, &me, &id).await?;
    Ok(Json(case_reviews::round_json(&state, &me, &round).await?))
}

/// Score one drawn file against the round's rubric (a deduction needs its reason).
#[utoipa::path(post, path = "/api/v1/case-reviews/{id}/scores", tag = "supervision", params(("id" = i64, Path)),
    request_body = ScoreBody, responses((status = 200, description = "评查批次", body = Object), (status = "4XX", body = ApiError)))]
pub async fn score_case_file(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    raw: RawJson,
) -> ApiResult<Json<Value>> {
    me.require(Action::SuperviseEnforcement)?;
    check_csrf_header(&me, &headers)?;
    let round = case_reviews::visible_round(&state, &me, &id).await?;
    let body: ScoreBody = raw.parse()?;
    let scores: Vec<ItemScore> = body
        .scores
        .into_iter()
        .map(|s| ItemScore {
            code: s.code,
            points: s.points,
            deduction_reason: s.deduction_reason,
        })
        .collect();
    case_reviews::score_file(&state, &me, &round, body.case_id, &scores, &body.findings).await?;
    Ok(Json(case_reviews::round_json(&state, &me, &round).await?))
}

/// Issue a rectification for a drawn file, with its deadline (opened for the department).
#[utoipa::path(post, path = "/api/v1/case-reviews/{id}/rectifications", tag = "supervision", params(("id" = i64, Path)),
    request_body = RectificationBody, responses((status = 201, description = "整改事项", body = Object), (status = "4XX", body = ApiError)))]
pub async fn issue_rectification(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    raw: RawJson,
) -> ApiResult<(StatusCode, Json<Value>)> {
    me.require(Action::SuperviseEnforcement)?;
    check_csrf_header(&me, &headers)?;
    let round = case_reviews::visible_round(&state, &me, &id).await?;
    let body: RectificationBody = raw.parse()?;
    let r = case_reviews::issue_rectification(
        &state,
        &me,
        &round,
        body.case_id,
        &body.requirement,
        &body.due_on,
    )
    .await?;
    rectification_reply(&state, &me, &r)
        .await
        .map(|j| (StatusCode::CREATED, j))
}

async fn rectification_reply(
    state: &AppState,
    me: &CurrentUser,
    r: &store::case_reviews::Rectification,
) -> ApiResult<Json<Value>> {
    let gov = me.user.government_id;
    let all = state.store.list_departments(gov).await?;
    let number = state
        .store
        .penalty_case(gov, r.case_id)
        .await
        .map(|c| c.summary.case_number)
        .unwrap_or_default();
    Ok(Json(case_reviews::rectification_json(
        r,
        &all,
        &number,
        today(state),
    )))
}

/// The department reports what it did about a rectification (`text`).
#[utoipa::path(post, path = "/api/v1/case-reviews/rectifications/{id}/report", tag = "supervision", params(("id" = i64, Path)),
    request_body = TextBody, responses((status = 200, description = "整改事项", body = Object), (status = "4XX", body = ApiError)))]
pub async fn report_rectification(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    raw: RawJson,
) -> ApiResult<Json<Value>> {
    me.require(Action::HandleCases)?;
    check_csrf_header(&me, &headers)?;
    let r = case_reviews::visible_rectification(&state, &me, &id).await?;
    let body: TextBody = raw.parse()?;
    let saved = case_reviews::report_rectification(&state, &me, &r, &body.text).await?;
    rectification_reply(&state, &me, &saved).await
}

/// The office accepts a reported rectification as done (`text`: its note).
#[utoipa::path(post, path = "/api/v1/case-reviews/rectifications/{id}/done", tag = "supervision", params(("id" = i64, Path)),
    request_body = TextBody, responses((status = 200, description = "整改事项", body = Object), (status = "4XX", body = ApiError)))]
pub async fn complete_rectification(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    raw: RawJson,
) -> ApiResult<Json<Value>> {
    me.require(Action::SuperviseEnforcement)?;
    check_csrf_header(&me, &headers)?;
    let r = case_reviews::visible_rectification(&state, &me, &id).await?;
    let body: TextBody = raw.parse()?;
    let saved = case_reviews::complete_rectification(&state, &me, &r, &body.text).await?;
    rectification_reply(&state, &me, &saved).await
}

// ---------------------------------------------------------------- letters

/// Letters to departments in the caller's scope, newest first.
#[utoipa::path(get, path = "/api/v1/letters", tag = "supervision",
    params(("kind" = Option<String>, Query, description = "prompt 或 supervision"), ("department" = Option<i64>, Query),
           ("unreplied" = Option<String>, Query, description = "1：仅看未答复"), ("q" = Option<String>, Query), ("page" = Option<i64>, Query)),
    responses((status = 200, body = ListPage), (status = "4XX", body = ApiError)))]
pub async fn list_letters(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<LetterQuery>,
) -> ApiResult<Json<ListPage>> {
    me.require(Action::ViewCases)?;
    let (filter, page) = letters::letter_filter(&state, &me, &q).await?;
    let (rows, total) = state.store.letters(me.user.government_id, &filter).await?;
    let all = state.store.list_departments(me.user.government_id).await?;
    let today = today(&state);
    Ok(page_of(
        total,
        page,
        rows.iter().map(|l| letter_json(l, &all, today)).collect(),
    ))
}

/// Send a prompt or supervision letter; its reply deadline (working days, configurable) opens
/// for the department.
#[utoipa::path(post, path = "/api/v1/letters", tag = "supervision", request_body = LetterInput,
    responses((status = 201, description = "函件", body = Object), (status = "4XX", body = ApiError)))]
pub async fn send_letter(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    raw: RawJson,
) -> ApiResult<(StatusCode, Json<Value>)> {
    me.require(Action::SuperviseEnforcement)?;
    check_csrf_header(&me, &headers)?;
    let input: LetterInput = raw.parse()?;
    let new = letters::read_letter(&state, &me, &input).await?;
    let letter = letters::send(&state, &me, new).await?;
    let all = state.store.list_departments(me.user.government_id).await?;
    Ok((
        StatusCode::CREATED,
        Json(letter_json(&letter, &all, today(&state))),
    ))
}

/// One letter (404 outside the caller's scope).
#[utoipa::path(get, path = "/api/v1/letters/{id}", tag = "supervision", params(("id" = i64, Path)),
    responses((status = 200, description = "函件", body = Object), (status = "4XX", body = ApiError)))]
pub async fn find_letter(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    me.require(Action::ViewCases)?;
    let letter = letters::visible_letter(&state, &me, &id).await?;
    let all = state.store.list_departments(me.user.government_id).await?;
    Ok(Json(letter_json(&letter, &all, today(&state))))
}

/// The department's reply (`text`), once; a late reply is recorded as late.
#[utoipa::path(post, path = "/api/v1/letters/{id}/reply", tag = "supervision", params(("id" = i64, Path)),
    request_body = TextBody, responses((status = 200, description = "函件", body = Object), (status = "4XX", body = ApiError)))]
pub async fn reply_letter(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    raw: RawJson,
) -> ApiResult<Json<Value>> {
    me.require(Action::HandleCases)?;
    check_csrf_header(&me, &headers)?;
    let letter = letters::visible_letter(&state, &me, &id).await?;
    let body: TextBody = raw.parse()?;
    let saved = letters::reply(&state, &me, &letter, &body.text).await?;
    let all = state.store.list_departments(me.user.government_id).await?;
    Ok(Json(letter_json(&saved, &all, today(&state))))
}

// ---------------------------------------------------------------- inspections

/// Inspections of departments in the caller's scope, newest planned first.
#[utoipa::path(get, path = "/api/v1/inspections", tag = "supervision",
    params(("department" = Option<i64>, Query), ("stage" = Option<String>, Query, description = "planned, conducted, result_recorded, closed"),
           ("plan" = Option<i64>, Query), ("q" = Option<String>, Query), ("page" = Option<i64>, Query)),
    responses((status = 200, body = ListPage), (status = "4XX", body = ApiError)))]
pub async fn list_inspections(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<InspectionQuery>,
) -> ApiResult<Json<ListPage>> {
    me.require(Action::ViewCases)?;
    let (filter, page) = inspections::inspection_filter(&state, &me, &q).await?;
    let (rows, total) = state
        .store
        .inspections(me.user.government_id, &filter)
        .await?;
    let all = state.store.list_departments(me.user.government_id).await?;
    let today = today(&state);
    Ok(page_of(
        total,
        page,
        rows.iter()
            .map(|i| inspection_row(i, &all, today))
            .collect(),
    ))
}

/// Plan an inspection of a registered target outside a random draw.
#[utoipa::path(post, path = "/api/v1/inspections", tag = "supervision", request_body = NewInspectionBody,
    responses((status = 201, description = "行政检查", body = Object), (status = "4XX", body = ApiError)))]
pub async fn create_inspection(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    raw: RawJson,
) -> ApiResult<(StatusCode, Json<Value>)> {
    me.require(Action::HandleCases)?;
    check_csrf_header(&me, &headers)?;
    let body: NewInspectionBody = raw.parse()?;
    let target = inspections::visible_target(&state, &me, &body.target_id.to_string()).await?;
    let i = inspections::plan_inspection(&state, &me, &target, &body.planned_on).await?;
    Ok((
        StatusCode::CREATED,
        Json(inspection_detail(&state, &me, &i).await?),
    ))
}

/// One inspection with its team, result and linked penalty case.
#[utoipa::path(get, path = "/api/v1/inspections/{id}", tag = "supervision", params(("id" = i64, Path)),
    responses((status = 200, description = "行政检查", body = Object), (status = "4XX", body = ApiError)))]
pub async fn find_inspection(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    me.require(Action::ViewCases)?;
    let i = inspections::visible_inspection(&state, &me, &id).await?;
    Ok(Json(inspection_detail(&state, &me, &i).await?))
}

/// Run one step of an inspection. `action` is one of: conduct (`conducted_on`, `officer_ids`,
/// `findings`), result (`result`: compliant, rectify or case; `rectify_by`), verify (`on`),
/// transfer (`to`), close (`on`), open_case (立案 through the penalty flow), publish.
#[utoipa::path(post, path = "/api/v1/inspections/{id}/commands", tag = "supervision", params(("id" = i64, Path)),
    request_body = CommandBody, responses((status = 200, description = "行政检查", body = Object), (status = "4XX", body = ApiError)))]
pub async fn run_inspection_command(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    raw: RawJson,
) -> ApiResult<Json<Value>> {
    me.require(Action::HandleCases)?;
    check_csrf_header(&me, &headers)?;
    let i = inspections::visible_inspection(&state, &me, &id).await?;
    let body: CommandBody = raw.parse()?;
    let mut fields: Fields = Vec::new();
    for (k, v) in body.fields {
        match v {
            Value::Array(items) => {
                for item in items {
                    fields.push((k.clone(), plain(&item)));
                }
            }
            other => fields.push((k, plain(&other))),
        }
    }
    let saved =
        inspections::run_inspection_step(&state, &me, &i, &body.action, &fields, body.version)
            .await?;
    Ok(Json(inspection_detail(&state, &me, &saved).await?))
}

fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The register of inspection targets (检查对象名录库) in the caller's scope.
#[utoipa::path(get, path = "/api/v1/inspections/targets", tag = "supervision",
    params(("department" = Option<i64>, Query), ("matter" = Option<String>, Query), ("q" = Option<String>, Query), ("page" = Option<i64>, Query)),
    responses((status = 200, body = ListPage), (status = "4XX", body = ApiError)))]
pub async fn list_inspection_targets(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<TargetQuery>,
) -> ApiResult<Json<ListPage>> {
    me.require(Action::ViewCases)?;
    let (filter, page) = inspections::target_filter(&state, &me, &q).await?;
    let (rows, total) = state
        .store
        .inspection_targets(me.user.government_id, &filter)
        .await?;
    let all = state.store.list_departments(me.user.government_id).await?;
    Ok(page_of(
        total,
        page,
        rows.iter().map(|t| target_json(t, &all)).collect(),
    ))
}

/// Register a target.
#[utoipa::path(post, path = "/api/v1/inspections/targets", tag = "supervision", request_body = TargetInput,
    responses((status = 201, description = "检查对象", body = Object), (status = "4XX", body = ApiError)))]
pub async fn create_inspection_target(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    raw: RawJson,
) -> ApiResult<(StatusCode, Json<Value>)> {
    me.require(Action::HandleCases)?;
    check_csrf_header(&me, &headers)?;
    let input: TargetInput = raw.parse()?;
    let new = inspections::read_target(&state, &me, &input).await?;
    let t = inspections::add_target(&state, &me, new).await?;
    let all = state.store.list_departments(me.user.government_id).await?;
    Ok((StatusCode::CREATED, Json(target_json(&t, &all))))
}

/// Record a conflict of interest: the officer is never drawn for the target.
#[utoipa::path(post, path = "/api/v1/inspections/targets/{id}/exclusions", tag = "supervision", params(("id" = i64, Path)),
    request_body = ExclusionBody, responses((status = 200, description = "检查对象", body = Object), (status = "4XX", body = ApiError)))]
pub async fn add_inspection_exclusion(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    raw: RawJson,
) -> ApiResult<Json<Value>> {
    me.require(Action::HandleCases)?;
    check_csrf_header(&me, &headers)?;
    let t = inspections::visible_target(&state, &me, &id).await?;
    let body: ExclusionBody = raw.parse()?;
    let saved =
        inspections::exclude(&state, &me, &t, &body.officer_id.to_string(), &body.reason).await?;
    let all = state.store.list_departments(me.user.government_id).await?;
    Ok(Json(target_json(&saved, &all)))
}

/// Random inspection plans in the caller's scope.
#[utoipa::path(get, path = "/api/v1/inspections/plans", tag = "supervision",
    params(("page" = Option<i64>, Query)), responses((status = 200, body = ListPage), (status = "4XX", body = ApiError)))]
pub async fn list_inspection_plans(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<InspectionQuery>,
) -> ApiResult<Json<ListPage>> {
    me.require(Action::ViewCases)?;
    let gov = me.user.government_id;
    let (all, scope) = common::scope(&state, &me).await?;
    let page = common::page_number(&q.page);
    let (rows, total) = state
        .store
        .inspection_plans(gov, scope.as_deref(), (page - 1) * PAGE_SIZE, PAGE_SIZE)
        .await?;
    Ok(page_of(
        total,
        page,
        rows.iter().map(|p| plan_json(p, &all, gov)).collect(),
    ))
}

/// Create a random inspection plan (drawn separately).
#[utoipa::path(post, path = "/api/v1/inspections/plans", tag = "supervision", request_body = PlanInput,
    responses((status = 201, description = "抽查计划", body = Object), (status = "4XX", body = ApiError)))]
pub async fn create_inspection_plan(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    raw: RawJson,
) -> ApiResult<(StatusCode, Json<Value>)> {
    me.require(Action::HandleCases)?;
    check_csrf_header(&me, &headers)?;
    let input: PlanInput = raw.parse()?;
    let new = inspections::read_plan(&state, &me, &input).await?;
    let p = inspections::create_plan_with(&state, &me, new).await?;
    let all = state.store.list_departments(me.user.government_id).await?;
    Ok((
        StatusCode::CREATED,
        Json(plan_json(&p, &all, me.user.government_id)),
    ))
}

/// Draw a plan (双随机): targets from the register, officers from the department's certified
/// roster, conflicts of interest excluded; the seed and populations are recorded in the ledger.
#[utoipa::path(post, path = "/api/v1/inspections/plans/{id}/draw", tag = "supervision", params(("id" = i64, Path)),
    responses((status = 200, description = "抽查计划（含抽取结果）", body = Object), (status = "4XX", body = ApiError)))]
pub async fn draw_inspection_plan(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    me.require(Action::HandleCases)?;
    check_csrf_header(&me, &headers)?;
    let p = inspections::visible_plan(&state, &me, &id).await?;
    let (p, made) = inspections::draw_plan_now(&state, &me, &p).await?;
    let all = state.store.list_departments(me.user.government_id).await?;
    let mut v = plan_json(&p, &all, me.user.government_id);
    v["inspection_ids"] = json!(made.iter().map(|i| i.inspection.id).collect::<Vec<_>>());
    Ok(Json(v))
}

/// Published results of inspections (双随机一公开), newest first; an individual target's name is
/// masked and no personal data is included.
#[utoipa::path(get, path = "/api/v1/public/inspections", tag = "public",
    params(("government" = Option<i64>, Query, description = "人民政府（默认第一个）"), ("page" = Option<i64>, Query)),
    responses((status = 200, body = ListPage), (status = "4XX", body = ApiError)))]
pub async fn list_public_inspections(
    State(state): State<AppState>,
    Query(q): Query<crate::public_inspections::InspectionQuery>,
) -> ApiResult<Json<ListPage>> {
    let governments = state.store.list_governments().await?;
    let Some(gov) = q
        .government
        .parse::<i64>()
        .ok()
        .and_then(|id| governments.iter().find(|g| g.id == id))
        .or(governments.first())
    else {
        return Ok(page_of(0, 1, Vec::new()));
    };
    let page = common::page_number(&q.page);
    let departments = state.store.list_departments(gov.id).await?;
    let (rows, total) = state
        .store
        .inspections(
            gov.id,
            &store::inspections::InspectionFilter {
                published_only: true,
                offset: (page - 1) * PAGE_SIZE,
                limit: PAGE_SIZE,
                ..Default::default()
            },
        )
        .await?;
    Ok(page_of(
        total,
        page,
        rows.iter()
            .map(|i| crate::public_inspections::public_result(i, &departments))
            .collect(),
    ))
}

//! Indicators and annual reports in the JSON API: the figures of a year (with last year beside
//! them), the records behind a figure, and the annual report's draft, versions, approval and
//! publication. The same checks as the staff pages (`pages::dashboard`, `pages::annual_reports`):
//! an approval is refused with 422 `annual_report.not_ready` while the report review finds an
//! inconsistency.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use domain::permission::Action;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::dto::ApiError;
use super::{RawJson, check_csrf_header};
use crate::auth::CurrentUser;
use crate::indicators::{catch_up, change_text, default_year, figure_text, parse_year};
use crate::pages::annual_reports::{
    approve_report, create_report, parse_body, publish_report, report_of, save_version,
};
use crate::pages::dashboard::{Drill, RecordsQuery, period_date};
use crate::{AppState, WebError};

type ApiResult<T> = Result<T, WebError>;

/// One indicator's figure.
#[derive(Debug, Serialize, ToSchema)]
pub struct FigureDto {
    /// Indicator id, e.g. `enforcement.disclosure_rate`.
    pub id: String,
    /// Chinese name.
    pub name: String,
    /// Area (行政执法…).
    pub area: String,
    /// The figure as reports write it (`97.19%`, `5.12万元`, `12件`).
    pub text: String,
    /// Count, amount in fen, or a rate's numerator.
    pub numerator: i64,
    /// A rate's denominator.
    pub denominator: Option<i64>,
    /// What the minimum volume is compared with.
    pub volume: i64,
    /// Whether the volume is enough to rank.
    pub rankable: bool,
    /// Last year's figure, written the same way.
    pub last_year_text: String,
    /// Last year's numerator.
    pub last_year_numerator: i64,
    /// Last year's denominator.
    pub last_year_denominator: Option<i64>,
    /// The change in words (`+3件`, `-1.5个百分点`).
    pub change: String,
}

/// The figures of one year.
#[derive(Debug, Serialize, ToSchema)]
pub struct FiguresDto {
    /// Government.
    pub government_id: i64,
    /// Department (0: the whole government).
    pub department_id: i64,
    /// Year.
    pub year: i32,
    /// Every indicator whose records the platform keeps, in catalogue order.
    pub figures: Vec<FigureDto>,
}

/// Query of the figures.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct FiguresQuery {
    /// Year (default: last year until March, then this year).
    #[serde(default)]
    pub year: Option<String>,
    /// Department id (default: the whole government).
    #[serde(default)]
    pub department_id: Option<i64>,
}

/// The figures of every indicator for a year, with last year's beside them.
#[utoipa::path(get, path = "/api/v1/indicators", tag = "indicators", params(FiguresQuery),
    responses((status = 200, body = FiguresDto), (status = "4XX", body = ApiError)))]
pub async fn list_figures(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<FiguresQuery>,
) -> ApiResult<Json<FiguresDto>> {
    me.require(Action::ViewIndicators)?;
    let gov = me.user.government_id;
    let year = match q.year.as_deref() {
        None | Some("") => default_year(&state),
        Some(y) => parse_year(y).ok_or_else(|| WebError::BadRequest("年度应为四位数字".into()))?,
    };
    let department_id = q.department_id.unwrap_or(0);
    if department_id != 0 {
        state.store.department(gov, department_id).await?;
    }
    catch_up(&state, gov).await?;
    let this = state
        .store
        .indicator_figures(&[gov], department_id, year)
        .await?;
    let last = state
        .store
        .indicator_figures(&[gov], department_id, year - 1)
        .await?;
    let figures = crate::pages::dashboard::fed()
        .filter_map(|i| {
            let (a, b) = (this.get(i.id)?, last.get(i.id)?);
            Some(FigureDto {
                id: i.id.to_owned(),
                name: i.name.to_owned(),
                area: i.area.label().to_owned(),
                text: figure_text(a),
                numerator: a.numerator,
                denominator: a.denominator,
                volume: a.volume,
                rankable: a.rankable,
                last_year_text: figure_text(b),
                last_year_numerator: b.numerator,
                last_year_denominator: b.denominator,
                change: change_text(a, b),
            })
        })
        .collect();
    Ok(Json(FiguresDto {
        government_id: gov,
        department_id,
        year,
        figures,
    }))
}

/// One record behind a figure.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorRecordDto {
    /// Record type (`penalty_case`, `officer`, `power`).
    pub record_type: String,
    /// Record id.
    pub record_id: i64,
    /// How lists name it.
    pub label: String,
    /// Its staff page.
    pub link: String,
    /// Its department (0: none).
    pub department_id: i64,
    /// The date that puts it in the year.
    pub date: String,
    /// What it adds (1, or an amount in fen).
    pub value: i64,
}

/// A page of records.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorRecordsDto {
    /// Indicator id.
    pub indicator: String,
    /// Year.
    pub year: i32,
    /// `numerator` or `denominator`.
    pub part: String,
    /// Records matching.
    pub total: usize,
    /// Page from 1.
    pub page: usize,
    /// The records.
    pub records: Vec<IndicatorRecordDto>,
}

/// The records behind one part of a figure (query: `year`, `part`, `department`, `month`, `page`).
#[utoipa::path(get, path = "/api/v1/indicators/{id}/records", tag = "indicators",
    params(("id" = String, Path), ("year" = Option<String>, Query), ("part" = Option<String>, Query),
           ("department" = Option<String>, Query), ("month" = Option<String>, Query), ("page" = Option<String>, Query)),
    responses((status = 200, body = IndicatorRecordsDto), (status = "4XX", body = ApiError)))]
pub async fn list_indicator_records(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
    Query(q): Query<RecordsQuery>,
) -> ApiResult<Json<IndicatorRecordsDto>> {
    me.require(Action::ViewIndicators)?;
    let drill = Drill::parse(&state, &id, &q)?;
    let gov = me.user.government_id;
    if drill.department != 0 {
        state.store.department(gov, drill.department).await?;
    }
    catch_up(&state, gov).await?;
    let per_page = crate::pages::dashboard::PER_PAGE;
    let (list, total) = state
        .store
        .indicator_records(
            gov,
            drill.indicator,
            drill.part,
            drill.department,
            drill.year,
            drill.month,
            (drill.page - 1) * per_page,
            per_page,
        )
        .await?;
    Ok(Json(IndicatorRecordsDto {
        indicator: drill.indicator.id.to_owned(),
        year: drill.year,
        part: drill.part.code().to_owned(),
        total,
        page: drill.page,
        records: list
            .iter()
            .map(|r| IndicatorRecordDto {
                record_type: r.source.type_code().to_owned(),
                record_id: r.source.id(),
                label: r.label.clone(),
                link: r.link.clone(),
                department_id: r.department_id,
                date: period_date(drill.indicator, &r.fact),
                value: r.value,
            })
            .collect(),
    }))
}

/// An annual report.
#[derive(Debug, Serialize, ToSchema)]
pub struct AnnualReportDto {
    /// Id.
    pub id: i64,
    /// Year reported on.
    pub year: i32,
    /// `draft`, `approved` or `published`.
    pub status: String,
    /// Current version.
    pub version: i64,
    /// Version approved.
    pub approved_version: Option<i64>,
    /// Approver.
    pub approved_by: Option<String>,
    /// Last day to publish.
    pub due_on: Option<String>,
    /// Publication day.
    pub published_on: Option<String>,
}

impl From<&store::annual_reports::StoredAnnualReport> for AnnualReportDto {
    fn from(r: &store::annual_reports::StoredAnnualReport) -> Self {
        AnnualReportDto {
            id: r.id,
            year: r.year,
            status: r.status.code().to_owned(),
            version: r.current_version,
            approved_version: r.approved_version,
            approved_by: r.approved_by.clone(),
            due_on: r.due_on.clone(),
            published_on: r.published_on.clone(),
        }
    }
}

/// A report with the text of its current version and its review.
#[derive(Debug, Serialize, ToSchema)]
pub struct AnnualReportDetailDto {
    /// The report.
    pub report: AnnualReportDto,
    /// The current version's text (`report::annual::json` format 1: title, opening, five
    /// sections of paragraphs with their kinds).
    #[schema(value_type = Object)]
    pub body: serde_json::Value,
    /// Whether the version may be approved.
    pub ready: bool,
    /// Why not, in Chinese (prompts left, empty sections, inconsistent figures).
    pub problems: Vec<String>,
}

/// Drafting a year's report.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewAnnualReport {
    /// Year reported on.
    pub year: i32,
}

/// A new version.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AnnualReportVersionBody {
    /// The version the edit started from (a stale one answers 409).
    pub version: i64,
    /// The whole text in `report::annual::json` format.
    #[schema(value_type = Object)]
    pub body: serde_json::Value,
    /// What changed.
    #[serde(default)]
    pub note: String,
}

/// Approving a version.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ApproveBody {
    /// The version approved (default: the current one).
    #[serde(default)]
    pub version: Option<i64>,
}

async fn detail(
    state: &AppState,
    r: &store::annual_reports::StoredAnnualReport,
) -> ApiResult<AnnualReportDetailDto> {
    let v = state
        .store
        .annual_report_version(r.government_id, r.id, r.current_version)
        .await?;
    let report = parse_body(&v)?;
    let (ready, problems) = match report.approval_check() {
        Ok(_) => (true, Vec::new()),
        Err(p) => (false, crate::pages::annual_reports::problems_text(&p)),
    };
    Ok(AnnualReportDetailDto {
        report: AnnualReportDto::from(r),
        body: report::annual::json::to_json(&report),
        ready,
        problems,
    })
}

/// The government's annual reports, latest year first.
#[utoipa::path(get, path = "/api/v1/annual-reports", tag = "annual_reports",
    responses((status = 200, body = [AnnualReportDto]), (status = "4XX", body = ApiError)))]
pub async fn list_annual_reports(
    State(state): State<AppState>,
    me: CurrentUser,
) -> ApiResult<Json<Vec<AnnualReportDto>>> {
    me.require(Action::ViewIndicators)?;
    let list = state
        .store
        .list_annual_reports(me.user.government_id)
        .await?;
    Ok(Json(list.iter().map(AnnualReportDto::from).collect()))
}

/// Draft a year's report from the indicators (version 1). A second report of a year is 409.
#[utoipa::path(post, path = "/api/v1/annual-reports", tag = "annual_reports", request_body = NewAnnualReport,
    responses((status = 201, body = AnnualReportDetailDto), (status = "4XX", body = ApiError)))]
pub async fn create_annual_report(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    raw: RawJson,
) -> ApiResult<(StatusCode, Json<AnnualReportDetailDto>)> {
    me.require(Action::DraftAnnualReport)?;
    check_csrf_header(&me, &headers)?;
    let body: NewAnnualReport = raw.parse()?;
    if !(2000..=2100).contains(&body.year) {
        return Err(WebError::BadRequest("年度应为四位数字".into()));
    }
    let r = create_report(&state, &me, body.year).await?;
    Ok((StatusCode::CREATED, Json(detail(&state, &r).await?)))
}

/// A report with its current text and whether it may be approved.
#[utoipa::path(get, path = "/api/v1/annual-reports/{id}", tag = "annual_reports", params(("id" = i64, Path)),
    responses((status = 200, body = AnnualReportDetailDto), (status = "4XX", body = ApiError)))]
pub async fn find_annual_report(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<AnnualReportDetailDto>> {
    me.require(Action::ViewIndicators)?;
    let r = report_of(&state, &me, &id).await?;
    Ok(Json(detail(&state, &r).await?))
}

/// Save a new version of the text (ledgered); an approved report returns to draft.
#[utoipa::path(put, path = "/api/v1/annual-reports/{id}", tag = "annual_reports", params(("id" = i64, Path)),
    request_body = AnnualReportVersionBody,
    responses((status = 200, body = AnnualReportDetailDto), (status = "4XX", body = ApiError)))]
pub async fn update_annual_report(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    raw: RawJson,
) -> ApiResult<Json<AnnualReportDetailDto>> {
    me.require(Action::DraftAnnualReport)?;
    check_csrf_header(&me, &headers)?;
    let r = report_of(&state, &me, &id).await?;
    let body: AnnualReportVersionBody = raw.parse()?;
    let report = report::annual::json::from_json(&body.body)
        .map_err(|e| WebError::BadRequest(format!("报告内容不符合格式：{e}")))?;
    if report.year != r.year {
        return Err(WebError::BadRequest("报告年度不能修改".into()));
    }
    let saved = save_version(&state, &me, &r, body.version, &report, &body.note).await?;
    Ok(Json(detail(&state, &saved).await?))
}

/// Approve a version (leaders); refused with `annual_report.not_ready` while the report review
/// finds a problem.
#[utoipa::path(post, path = "/api/v1/annual-reports/{id}/approve", tag = "annual_reports", params(("id" = i64, Path)),
    request_body = ApproveBody,
    responses((status = 200, body = AnnualReportDto), (status = "4XX", body = ApiError)))]
pub async fn approve_annual_report(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    raw: RawJson,
) -> ApiResult<Json<AnnualReportDto>> {
    me.require(Action::ApproveAnnualReport)?;
    check_csrf_header(&me, &headers)?;
    let r = report_of(&state, &me, &id).await?;
    let body: ApproveBody = raw.parse()?;
    let approved =
        approve_report(&state, &me, &r, body.version.unwrap_or(r.current_version)).await?;
    Ok(Json(AnnualReportDto::from(&approved)))
}

/// Publish the approved version on the portal today.
#[utoipa::path(post, path = "/api/v1/annual-reports/{id}/publish", tag = "annual_reports", params(("id" = i64, Path)),
    responses((status = 200, body = AnnualReportDto), (status = "4XX", body = ApiError)))]
pub async fn publish_annual_report(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Json<AnnualReportDto>> {
    me.require(Action::ApproveAnnualReport)?;
    check_csrf_header(&me, &headers)?;
    let r = report_of(&state, &me, &id).await?;
    let published = publish_report(&state, &me, &r).await?;
    Ok(Json(AnnualReportDto::from(&published)))
}

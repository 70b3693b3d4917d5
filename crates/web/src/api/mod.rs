//! The JSON API under `/api/v1`, described by the OpenAPI document at `/api/v1/openapi.json`.
//!
//! Authentication is the same server-side session as the staff UI (the `fazhi_session` cookie,
//! obtained with `POST /api/v1/session`); every state-changing request must also send the
//! session's CSRF token in the `X-CSRF-Token` header. Errors are `{code, message}` (Chinese).

pub mod cases;
pub mod dto;
pub mod handlers;
pub mod ledger;
pub mod normative;
pub mod powers;
// Supervision of enforcement and inspections (issue #5 items 5 and 10).
pub mod supervision;

// Indicators (issue #9) and the annual report.
pub mod indicators;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::HeaderMap;
use serde::de::DeserializeOwned;
use utoipa::OpenApi;

use crate::WebError;
use crate::auth::CurrentUser;

/// A request body read but not yet parsed: handlers authorise first, then call [`RawJson::parse`],
/// so that a caller without the right gets 403 whatever it sent.
pub struct RawJson(Bytes);

impl<S: Send + Sync> FromRequest<S> for RawJson {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Bytes::from_request(req, state).await {
            Ok(bytes) => Ok(RawJson(bytes)),
            Err(rejection) if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                Err(WebError::TooLarge)
            }
            Err(rejection) => Err(WebError::BadRequest(format!(
                "无法读取请求体：{}",
                rejection.body_text()
            ))),
        }
    }
}

impl RawJson {
    /// Parses the body as JSON of type `T`; a malformed body is a 400 with a Chinese message.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, WebError> {
        serde_json::from_slice(&self.0)
            .map_err(|e| WebError::BadRequest(format!("请求体不是有效的JSON或字段不符合要求：{e}")))
    }
}

/// Checks the `X-CSRF-Token` header of a state-changing API request.
pub fn check_csrf_header(me: &CurrentUser, headers: &HeaderMap) -> Result<(), WebError> {
    let token = headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    me.check_csrf(token)
}

/// The OpenAPI 3 document.
#[derive(OpenApi)]
#[openapi(
    info(title = "fazhi API", version = "1", description = "法治政府建设工作平台 JSON API。错误统一为 {code, message}。"),
    paths(
        handlers::login, handlers::logout, handlers::me,
        handlers::list_regions, handlers::create_region,
        handlers::list_governments, handlers::create_government,
        handlers::list_departments, handlers::find_department, handlers::create_department, handlers::update_department,
        handlers::publish_department, handlers::withdraw_department,
        handlers::list_users, handlers::create_user, handlers::unlock_user, handlers::reset_password,
        handlers::list_audit, handlers::review_reports, handlers::calendar_due, handlers::calendar_day, handlers::import_calendar_table, handlers::list_enforcement_bodies, handlers::healthz,
        handlers::list_officers, handlers::find_officer, handlers::create_officer, handlers::update_officer,
        handlers::set_officer_standing, handlers::check_certificate,
        powers::list_powers, powers::find_power, powers::create_power, powers::update_power,
        powers::change_power_status, powers::set_power_discretion, powers::check_power_fine, powers::list_public_powers,
        ledger::log, ledger::tree_head, ledger::tree_heads, ledger::entries, ledger::inclusion, ledger::consistency,
        cases::list_cases, cases::find_case, cases::create_case, cases::run_command,
        cases::list_summary_decisions, cases::create_summary_decision,
        supervision::list_case_reviews, supervision::create_case_review, supervision::find_case_review,
        supervision::score_case_file, supervision::issue_rectification, supervision::report_rectification,
        supervision::complete_rectification, supervision::list_letters, supervision::send_letter,
        supervision::find_letter, supervision::reply_letter, supervision::list_inspections,
        supervision::create_inspection, supervision::find_inspection, supervision::run_inspection_command,
        supervision::list_inspection_targets, supervision::create_inspection_target,
        supervision::add_inspection_exclusion, supervision::list_inspection_plans,
        supervision::create_inspection_plan, supervision::draw_inspection_plan,
        supervision::list_public_inspections,
        indicators::list_figures, indicators::list_indicator_records,
        indicators::list_annual_reports, indicators::create_annual_report, indicators::find_annual_report,
        indicators::update_annual_report, indicators::approve_annual_report, indicators::publish_annual_report,
        normative::list_normative_documents, normative::create_normative_document, normative::find_normative_document,
        normative::put_normative_text, normative::comment_normative_document, normative::submit_normative_document,
        normative::dispose_normative_finding, normative::record_normative_opinion, normative::record_normative_deliberation,
        normative::register_normative_document, normative::publish_normative_document, normative::file_normative_document,
        normative::review_normative_filing, normative::change_normative_lifecycle,
        normative::list_normative_issuers, normative::create_normative_issuer, normative::update_normative_issuer,
        normative::list_normative_objections, normative::reply_normative_objection,
        normative::list_normative_cleanups, normative::start_normative_cleanup, normative::decide_normative_cleanup,
        normative::close_normative_cleanup,
        normative::list_public_normative_documents, normative::find_public_normative_document,
        normative::object_to_normative_document,
    ),
    components(schemas(
        dto::ApiError, dto::LoginRequest, dto::LoginResponse, dto::UserDto, dto::RegionDto, dto::NewRegion,
        dto::GovernmentDto, dto::NewGovernment, dto::DepartmentDto, dto::DepartmentBody, dto::NewUserRequest,
        dto::NewUserResponse, dto::AuditEntryDto, dto::AuditPage, dto::EnforcementBodyDto, dto::Health,
        dto::OfficerDto, dto::OfficerBody, dto::StandingBody, dto::OfficerPage, dto::PublicCertificateDto,
        dto::PowerDto, dto::PowerPage, dto::StatusEventDto, dto::BandDto, dto::PowerDetailDto, dto::PowerBody,
        dto::StatusChangeBody, dto::BandsBody, dto::FineCheckBody, dto::FineCheckDto, dto::PublicPowerDto,
        cases::CaseSummaryDto, cases::CasePage, cases::CaseDto, cases::CaseEventDto, cases::CommandBody,
        cases::SummaryDecisionDto,
        crate::pages::cases::RegisterForm,
        supervision::ListPage, supervision::ScoreBody, supervision::ScoreItem, supervision::RectificationBody,
        supervision::TextBody, supervision::NewInspectionBody, supervision::ExclusionBody,
        crate::pages::case_reviews::RoundInput, crate::pages::case_reviews::RubricItemInput,
        crate::pages::letters::LetterInput, crate::pages::inspections::TargetInput,
        crate::pages::inspections::PlanInput,
        indicators::FigureDto, indicators::FiguresDto, indicators::IndicatorRecordDto, indicators::IndicatorRecordsDto,
        indicators::AnnualReportDto, indicators::AnnualReportDetailDto, indicators::NewAnnualReport,
        indicators::AnnualReportVersionBody, indicators::ApproveBody,
        normative::NormativeDocumentDto, normative::NormativeDocumentPage, normative::NewDraftBody, normative::IssuerDto,
        normative::ObjectionDto,
        crate::pages::normative::forms::CommentForm, crate::pages::normative::forms::SubmitForm,
        crate::pages::normative::forms::FindingForm, crate::pages::normative::forms::OpinionForm,
        crate::pages::normative::forms::DeliberationForm, crate::pages::normative::forms::RegisterForm,
        crate::pages::normative::forms::PublishForm, crate::pages::normative::forms::FilingForm,
        crate::pages::normative::forms::FilingReviewForm, crate::pages::normative::forms::LifecycleForm,
        crate::pages::normative::forms::ObjectionForm, crate::pages::normative::forms::ReplyForm,
        crate::pages::normative::forms::CampaignForm, crate::pages::normative::forms::DecisionForm,
        crate::pages::normative::forms::CloseForm, crate::pages::normative::forms::IssuerForm,
    )),
    tags(
        (name = "session", description = "登录与会话"),
        (name = "organisation", description = "行政区划、人民政府、部门与执法主体"),
        (name = "users", description = "用户管理"),
        (name = "audit", description = "审计日志"),
        (name = "report", description = "年度报告审读"),
        (name = "calendar", description = "工作日历与法定期限"),
        (name = "ledger", description = "防篡改日志（执法全过程记录）：树头、条目与证明"),
        (name = "officers", description = "执法人员与执法证"),
        (name = "powers", description = "权责清单与行政处罚裁量基准"),
        (name = "cases", description = "行政处罚案件：案源登记、办理步骤、全过程记录"),
        (name = "public", description = "门户公开数据"),
        (name = "supervision", description = "行政执法监督与行政检查：案卷评查、整改、提示函与督办函、检查对象名录库、双随机抽查"),
        (name = "indicators", description = "指标：年度数字、同比与所依据的记录"),
        (name = "annual_reports", description = "法治政府建设年度报告：起草、版本、审定与公开"),
        (name = "normative", description = "行政规范性文件：起草、征求意见、合法性审核、集体审议、统一登记编号公布、备案审查、清理与异议"),
    )
)]
pub struct ApiDoc;

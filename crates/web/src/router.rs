//! Every URL of fazhi, in one file, grouped by who uses it. [`ROUTES`] lists each with the action
//! it needs; the role × route matrix test walks that list, so a new route must be added there.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use domain::permission::Action;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;

use crate::api::handlers as api;
use crate::api::normative as normative_api;
use crate::pages::{
    account, audit, calendar, cases, deadlines, disclosures, officers, org, penalty_settings,
    powers, report_review, summary, users,
};
use crate::{AppState, WebError, portal, public_powers};
// Supervision of enforcement and inspections (issue #5 items 5 and 10).
use crate::api::supervision as sup;
use crate::pages::normative;
use crate::pages::{case_reviews, inspections, letters};
use crate::portal_normative;

/// Largest request body accepted (forms and JSON). Later upload routes set their own limits.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, logged in or not.
    Public,
    /// Any logged-in user, even one who must still change the password.
    LoggedIn,
    /// A logged-in user whose role allows the action.
    Needs(Action),
}

/// Every route: method, path (with `{id}` for a placeholder) and who may use it.
pub const ROUTES: &[(&str, &str, Access)] = &[
    // Public portal.
    ("GET", "/", Access::Public),
    ("GET", "/healthz", Access::Public),
    ("GET", "/static/style.css", Access::Public),
    ("GET", "/api/v1/openapi.json", Access::Public),
    ("GET", "/api/v1/public/enforcement-bodies", Access::Public),
    ("GET", "/verify", Access::Public),
    ("GET", "/powers", Access::Public),
    ("GET", "/decisions", Access::Public),
    ("GET", "/enforcement", Access::Public),
    ("GET", "/decisions/{id}", Access::Public),
    ("GET", "/laws", Access::Public),
    ("GET", "/api/v1/public/powers", Access::Public),
    ("GET", "/certificate", Access::Public),
    (
        "GET",
        "/api/v1/public/certificates/{number}",
        Access::Public,
    ),
    ("POST", "/verify/file", Access::Public),
    ("GET", "/api/v1/ledger/{government}", Access::Public),
    (
        "GET",
        "/api/v1/ledger/{government}/tree-head",
        Access::Public,
    ),
    (
        "GET",
        "/api/v1/ledger/{government}/tree-heads",
        Access::Public,
    ),
    ("GET", "/api/v1/ledger/{government}/entries", Access::Public),
    (
        "GET",
        "/api/v1/ledger/{government}/proof/inclusion",
        Access::Public,
    ),
    (
        "GET",
        "/api/v1/ledger/{government}/proof/consistency",
        Access::Public,
    ),
    // Login.
    ("GET", "/login", Access::Public),
    ("POST", "/login", Access::Public),
    ("POST", "/logout", Access::LoggedIn),
    ("GET", "/account/password", Access::LoggedIn),
    ("POST", "/account/password", Access::LoggedIn),
    // Staff UI.
    ("GET", "/staff", Access::Needs(Action::UseStaffArea)),
    (
        "GET",
        "/staff/regions",
        Access::Needs(Action::ViewOrganisation),
    ),
    (
        "POST",
        "/staff/regions",
        Access::Needs(Action::ManageRegions),
    ),
    (
        "GET",
        "/staff/governments",
        Access::Needs(Action::ViewOrganisation),
    ),
    (
        "POST",
        "/staff/governments",
        Access::Needs(Action::ManageGovernments),
    ),
    (
        "GET",
        "/staff/departments",
        Access::Needs(Action::ViewOrganisation),
    ),
    (
        "GET",
        "/staff/departments/new",
        Access::Needs(Action::ManageDepartments),
    ),
    (
        "POST",
        "/staff/departments",
        Access::Needs(Action::ManageDepartments),
    ),
    (
        "GET",
        "/staff/departments/{id}",
        Access::Needs(Action::ViewOrganisation),
    ),
    (
        "POST",
        "/staff/departments/{id}",
        Access::Needs(Action::ManageDepartments),
    ),
    (
        "POST",
        "/staff/departments/{id}/publish",
        Access::Needs(Action::PublishEnforcementBodies),
    ),
    ("GET", "/staff/users", Access::Needs(Action::ViewUsers)),
    (
        "GET",
        "/staff/users/new",
        Access::Needs(Action::ManageUsers),
    ),
    ("POST", "/staff/users", Access::Needs(Action::ManageUsers)),
    (
        "POST",
        "/staff/users/{id}/reset-password",
        Access::Needs(Action::ManageUsers),
    ),
    (
        "POST",
        "/staff/users/{id}/unlock",
        Access::Needs(Action::ManageUsers),
    ),
    ("GET", "/staff/audit", Access::Needs(Action::ViewAudit)),
    (
        "GET",
        "/staff/deadlines",
        Access::Needs(Action::UseStaffArea),
    ),
    (
        "GET",
        "/staff/legality-review",
        Access::Needs(Action::UseStaffArea),
    ),
    (
        "POST",
        "/staff/legality-review",
        Access::Needs(Action::UseStaffArea),
    ),
    (
        "GET",
        "/staff/calendar",
        Access::Needs(Action::UseStaffArea),
    ),
    (
        "POST",
        "/staff/calendar/import",
        Access::Needs(Action::ManageCalendar),
    ),
    (
        "GET",
        "/staff/report-review",
        Access::Needs(Action::ReviewReports),
    ),
    (
        "POST",
        "/staff/report-review",
        Access::Needs(Action::ReviewReports),
    ),
    (
        "GET",
        "/staff/officers",
        Access::Needs(Action::ViewOfficers),
    ),
    (
        "POST",
        "/staff/officers",
        Access::Needs(Action::ManageOfficers),
    ),
    (
        "GET",
        "/staff/officers/new",
        Access::Needs(Action::ManageOfficers),
    ),
    (
        "GET",
        "/staff/officers/template.xlsx",
        Access::Needs(Action::ManageOfficers),
    ),
    (
        "GET",
        "/staff/officers/export.xlsx",
        Access::Needs(Action::ViewOfficers),
    ),
    (
        "POST",
        "/staff/officers/import",
        Access::Needs(Action::ManageOfficers),
    ),
    (
        "GET",
        "/staff/officers/{id}",
        Access::Needs(Action::ViewOfficers),
    ),
    (
        "POST",
        "/staff/officers/{id}",
        Access::Needs(Action::ManageOfficers),
    ),
    (
        "POST",
        "/staff/officers/{id}/standing",
        Access::Needs(Action::ManageOfficers),
    ),
    ("GET", "/staff/cases", Access::Needs(Action::ViewCases)),
    ("POST", "/staff/cases", Access::Needs(Action::HandleCases)),
    (
        "GET",
        "/staff/cases/new",
        Access::Needs(Action::HandleCases),
    ),
    ("GET", "/staff/cases/{id}", Access::Needs(Action::ViewCases)),
    (
        "POST",
        "/staff/cases/{id}/act",
        Access::Needs(Action::ViewCases),
    ),
    (
        "POST",
        "/staff/cases/{id}/evidence",
        Access::Needs(Action::HandleCases),
    ),
    (
        "GET",
        "/staff/cases/{id}/evidence/{hash}",
        Access::Needs(Action::ViewCases),
    ),
    (
        "POST",
        "/staff/cases/{id}/publish",
        Access::Needs(Action::HandleCases),
    ),
    (
        "POST",
        "/staff/cases/{id}/file",
        Access::Needs(Action::HandleCases),
    ),
    (
        "POST",
        "/staff/disclosures/{id}/withdraw",
        Access::Needs(Action::HandleCases),
    ),
    (
        "GET",
        "/staff/disclosures",
        Access::Needs(Action::ViewCases),
    ),
    ("GET", "/staff/filings", Access::Needs(Action::ViewCases)),
    (
        "GET",
        "/staff/legal-review",
        Access::Needs(Action::ReviewCases),
    ),
    (
        "GET",
        "/staff/review-catalogue",
        Access::Needs(Action::ManageReviewCatalogue),
    ),
    (
        "POST",
        "/staff/review-catalogue",
        Access::Needs(Action::ManageReviewCatalogue),
    ),
    ("GET", "/staff/summary", Access::Needs(Action::ViewCases)),
    ("POST", "/staff/summary", Access::Needs(Action::HandleCases)),
    (
        "POST",
        "/staff/summary/{id}/file",
        Access::Needs(Action::HandleCases),
    ),
    (
        "GET",
        "/api/v1/summary-decisions",
        Access::Needs(Action::ViewCases),
    ),
    (
        "POST",
        "/api/v1/summary-decisions",
        Access::Needs(Action::HandleCases),
    ),
    (
        "GET",
        "/staff/penalty-settings",
        Access::Needs(Action::ManageReviewCatalogue),
    ),
    (
        "POST",
        "/staff/penalty-settings",
        Access::Needs(Action::ManageReviewCatalogue),
    ),
    ("GET", "/api/v1/cases", Access::Needs(Action::ViewCases)),
    ("POST", "/api/v1/cases", Access::Needs(Action::HandleCases)),
    (
        "GET",
        "/api/v1/cases/{id}",
        Access::Needs(Action::ViewCases),
    ),
    (
        "POST",
        "/api/v1/cases/{id}/commands",
        Access::Needs(Action::ViewCases),
    ),
    ("GET", "/staff/powers", Access::Needs(Action::ViewPowers)),
    ("POST", "/staff/powers", Access::Needs(Action::ManagePowers)),
    (
        "GET",
        "/staff/powers/new",
        Access::Needs(Action::ManagePowers),
    ),
    (
        "GET",
        "/staff/powers/template",
        Access::Needs(Action::ViewPowers),
    ),
    (
        "GET",
        "/staff/powers/export",
        Access::Needs(Action::ViewPowers),
    ),
    (
        "POST",
        "/staff/powers/import",
        Access::Needs(Action::ManagePowers),
    ),
    (
        "GET",
        "/staff/powers/{id}",
        Access::Needs(Action::ViewPowers),
    ),
    (
        "POST",
        "/staff/powers/{id}",
        Access::Needs(Action::ManagePowers),
    ),
    (
        "POST",
        "/staff/powers/{id}/status",
        Access::Needs(Action::ManagePowers),
    ),
    (
        "POST",
        "/staff/powers/{id}/discretion",
        Access::Needs(Action::ManagePowers),
    ),
    // JSON API.
    ("POST", "/api/v1/session", Access::Public),
    ("DELETE", "/api/v1/session", Access::LoggedIn),
    ("GET", "/api/v1/me", Access::Needs(Action::UseStaffArea)),
    (
        "GET",
        "/api/v1/regions",
        Access::Needs(Action::ViewOrganisation),
    ),
    (
        "POST",
        "/api/v1/regions",
        Access::Needs(Action::ManageRegions),
    ),
    (
        "GET",
        "/api/v1/governments",
        Access::Needs(Action::ViewOrganisation),
    ),
    (
        "POST",
        "/api/v1/governments",
        Access::Needs(Action::ManageGovernments),
    ),
    (
        "GET",
        "/api/v1/departments",
        Access::Needs(Action::ViewOrganisation),
    ),
    (
        "POST",
        "/api/v1/departments",
        Access::Needs(Action::ManageDepartments),
    ),
    (
        "GET",
        "/api/v1/departments/{id}",
        Access::Needs(Action::ViewOrganisation),
    ),
    (
        "PUT",
        "/api/v1/departments/{id}",
        Access::Needs(Action::ManageDepartments),
    ),
    (
        "POST",
        "/api/v1/departments/{id}/publish",
        Access::Needs(Action::PublishEnforcementBodies),
    ),
    (
        "POST",
        "/api/v1/departments/{id}/withdraw",
        Access::Needs(Action::PublishEnforcementBodies),
    ),
    ("GET", "/api/v1/users", Access::Needs(Action::ViewUsers)),
    ("POST", "/api/v1/users", Access::Needs(Action::ManageUsers)),
    (
        "POST",
        "/api/v1/users/{id}/unlock",
        Access::Needs(Action::ManageUsers),
    ),
    (
        "POST",
        "/api/v1/users/{id}/reset-password",
        Access::Needs(Action::ManageUsers),
    ),
    ("GET", "/api/v1/audit", Access::Needs(Action::ViewAudit)),
    (
        "POST",
        "/api/v1/report-reviews",
        Access::Needs(Action::ReviewReports),
    ),
    (
        "GET",
        "/api/v1/officers",
        Access::Needs(Action::ViewOfficers),
    ),
    (
        "POST",
        "/api/v1/officers",
        Access::Needs(Action::ManageOfficers),
    ),
    (
        "GET",
        "/api/v1/officers/{id}",
        Access::Needs(Action::ViewOfficers),
    ),
    (
        "PUT",
        "/api/v1/officers/{id}",
        Access::Needs(Action::ManageOfficers),
    ),
    (
        "POST",
        "/api/v1/officers/{id}/standing",
        Access::Needs(Action::ManageOfficers),
    ),
    ("GET", "/api/v1/powers", Access::Needs(Action::ViewPowers)),
    (
        "POST",
        "/api/v1/powers",
        Access::Needs(Action::ManagePowers),
    ),
    (
        "GET",
        "/api/v1/powers/{id}",
        Access::Needs(Action::ViewPowers),
    ),
    (
        "PUT",
        "/api/v1/powers/{id}",
        Access::Needs(Action::ManagePowers),
    ),
    (
        "POST",
        "/api/v1/powers/{id}/status",
        Access::Needs(Action::ManagePowers),
    ),
    (
        "PUT",
        "/api/v1/powers/{id}/discretion",
        Access::Needs(Action::ManagePowers),
    ),
    (
        "POST",
        "/api/v1/powers/{id}/check-fine",
        Access::Needs(Action::ViewPowers),
    ),
    ("GET", "/api/v1/calendar/due", Access::Public),
    ("GET", "/api/v1/calendar/days/{date}", Access::Public),
    (
        "POST",
        "/api/v1/calendar/tables",
        Access::Needs(Action::ManageCalendar),
    ),
    // Supervision of enforcement and inspections (issue #5 items 5 and 10).
    ("GET", "/inspections", Access::Public),
    ("GET", "/api/v1/public/inspections", Access::Public),
    (
        "GET",
        "/staff/case-reviews",
        Access::Needs(Action::ViewCases),
    ),
    (
        "POST",
        "/staff/case-reviews",
        Access::Needs(Action::SuperviseEnforcement),
    ),
    (
        "GET",
        "/staff/case-reviews/new",
        Access::Needs(Action::SuperviseEnforcement),
    ),
    (
        "GET",
        "/staff/case-reviews/{id}",
        Access::Needs(Action::ViewCases),
    ),
    (
        "POST",
        "/staff/case-reviews/{id}/score",
        Access::Needs(Action::SuperviseEnforcement),
    ),
    (
        "POST",
        "/staff/case-reviews/{id}/rectifications",
        Access::Needs(Action::SuperviseEnforcement),
    ),
    (
        "POST",
        "/staff/case-reviews/rectifications/{id}/report",
        Access::Needs(Action::HandleCases),
    ),
    (
        "POST",
        "/staff/case-reviews/rectifications/{id}/done",
        Access::Needs(Action::SuperviseEnforcement),
    ),
    ("GET", "/staff/letters", Access::Needs(Action::ViewCases)),
    (
        "POST",
        "/staff/letters",
        Access::Needs(Action::SuperviseEnforcement),
    ),
    (
        "GET",
        "/staff/letters/new",
        Access::Needs(Action::SuperviseEnforcement),
    ),
    (
        "POST",
        "/staff/letters/settings",
        Access::Needs(Action::SuperviseEnforcement),
    ),
    (
        "GET",
        "/staff/letters/{id}",
        Access::Needs(Action::ViewCases),
    ),
    (
        "POST",
        "/staff/letters/{id}/reply",
        Access::Needs(Action::HandleCases),
    ),
    (
        "GET",
        "/staff/inspections",
        Access::Needs(Action::ViewCases),
    ),
    (
        "POST",
        "/staff/inspections",
        Access::Needs(Action::HandleCases),
    ),
    (
        "GET",
        "/staff/inspections/{id}",
        Access::Needs(Action::ViewCases),
    ),
    (
        "POST",
        "/staff/inspections/{id}/act",
        Access::Needs(Action::HandleCases),
    ),
    (
        "GET",
        "/staff/inspection-targets",
        Access::Needs(Action::ViewCases),
    ),
    (
        "POST",
        "/staff/inspection-targets",
        Access::Needs(Action::HandleCases),
    ),
    (
        "POST",
        "/staff/inspection-targets/{id}/exclusions",
        Access::Needs(Action::HandleCases),
    ),
    (
        "GET",
        "/staff/inspection-plans",
        Access::Needs(Action::ViewCases),
    ),
    (
        "POST",
        "/staff/inspection-plans",
        Access::Needs(Action::HandleCases),
    ),
    (
        "GET",
        "/staff/inspection-plans/{id}",
        Access::Needs(Action::ViewCases),
    ),
    (
        "POST",
        "/staff/inspection-plans/{id}/draw",
        Access::Needs(Action::HandleCases),
    ),
    (
        "GET",
        "/api/v1/case-reviews",
        Access::Needs(Action::ViewCases),
    ),
    (
        "POST",
        "/api/v1/case-reviews",
        Access::Needs(Action::SuperviseEnforcement),
    ),
    (
        "GET",
        "/api/v1/case-reviews/{id}",
        Access::Needs(Action::ViewCases),
    ),
    (
        "POST",
        "/api/v1/case-reviews/{id}/scores",
        Access::Needs(Action::SuperviseEnforcement),
    ),
    (
        "POST",
        "/api/v1/case-reviews/{id}/rectifications",
        Access::Needs(Action::SuperviseEnforcement),
    ),
    (
        "POST",
        "/api/v1/case-reviews/rectifications/{id}/report",
        Access::Needs(Action::HandleCases),
    ),
    (
        "POST",
        "/api/v1/case-reviews/rectifications/{id}/done",
        Access::Needs(Action::SuperviseEnforcement),
    ),
    ("GET", "/api/v1/letters", Access::Needs(Action::ViewCases)),
    (
        "POST",
        "/api/v1/letters",
        Access::Needs(Action::SuperviseEnforcement),
    ),
    (
        "GET",
        "/api/v1/letters/{id}",
        Access::Needs(Action::ViewCases),
    ),
    (
        "POST",
        "/api/v1/letters/{id}/reply",
        Access::Needs(Action::HandleCases),
    ),
    (
        "GET",
        "/api/v1/inspections",
        Access::Needs(Action::ViewCases),
    ),
    (
        "POST",
        "/api/v1/inspections",
        Access::Needs(Action::HandleCases),
    ),
    (
        "GET",
        "/api/v1/inspections/{id}",
        Access::Needs(Action::ViewCases),
    ),
    (
        "POST",
        "/api/v1/inspections/{id}/commands",
        Access::Needs(Action::HandleCases),
    ),
    (
        "GET",
        "/api/v1/inspections/targets",
        Access::Needs(Action::ViewCases),
    ),
    (
        "POST",
        "/api/v1/inspections/targets",
        Access::Needs(Action::HandleCases),
    ),
    (
        "POST",
        "/api/v1/inspections/targets/{id}/exclusions",
        Access::Needs(Action::HandleCases),
    ),
    (
        "GET",
        "/api/v1/inspections/plans",
        Access::Needs(Action::ViewCases),
    ),
    (
        "POST",
        "/api/v1/inspections/plans",
        Access::Needs(Action::HandleCases),
    ),
    (
        "POST",
        "/api/v1/inspections/plans/{id}/draw",
        Access::Needs(Action::HandleCases),
    ),
    // Indicators (issue #9) and the annual report.
    (
        "GET",
        "/staff/dashboard",
        Access::Needs(Action::ViewIndicators),
    ),
    (
        "GET",
        "/staff/dashboard/export.xlsx",
        Access::Needs(Action::ViewIndicators),
    ),
    (
        "GET",
        "/staff/indicators/{id}",
        Access::Needs(Action::ViewIndicators),
    ),
    (
        "GET",
        "/staff/indicators/{id}/export.xlsx",
        Access::Needs(Action::ViewIndicators),
    ),
    (
        "GET",
        "/staff/annual-reports",
        Access::Needs(Action::ViewIndicators),
    ),
    (
        "POST",
        "/staff/annual-reports",
        Access::Needs(Action::DraftAnnualReport),
    ),
    (
        "GET",
        "/staff/annual-reports/{id}",
        Access::Needs(Action::ViewIndicators),
    ),
    (
        "POST",
        "/staff/annual-reports/{id}",
        Access::Needs(Action::DraftAnnualReport),
    ),
    (
        "GET",
        "/staff/annual-reports/{id}/edit",
        Access::Needs(Action::DraftAnnualReport),
    ),
    (
        "POST",
        "/staff/annual-reports/{id}/redraft",
        Access::Needs(Action::DraftAnnualReport),
    ),
    (
        "POST",
        "/staff/annual-reports/{id}/approve",
        Access::Needs(Action::ApproveAnnualReport),
    ),
    (
        "POST",
        "/staff/annual-reports/{id}/publish",
        Access::Needs(Action::ApproveAnnualReport),
    ),
    (
        "GET",
        "/staff/annual-reports/{id}/download",
        Access::Needs(Action::ViewIndicators),
    ),
    ("GET", "/annual-reports", Access::Public),
    ("GET", "/annual-reports/{government}/{year}", Access::Public),
    (
        "GET",
        "/annual-reports/{government}/{year}/download",
        Access::Public,
    ),
    // Normative documents (行政规范性文件): portal, staff UI and API.
    ("GET", "/normative", Access::Public),
    ("GET", "/normative/issuers", Access::Public),
    ("GET", "/normative/cleanup", Access::Public),
    ("GET", "/normative/consultations", Access::Public),
    ("GET", "/normative/consultations/{id}", Access::Public),
    (
        "POST",
        "/normative/consultations/{id}/comments",
        Access::Public,
    ),
    ("GET", "/normative/{id}", Access::Public),
    ("POST", "/normative/{id}/objections", Access::Public),
    ("GET", "/api/v1/public/normative-documents", Access::Public),
    (
        "GET",
        "/api/v1/public/normative-documents/{id}",
        Access::Public,
    ),
    (
        "POST",
        "/api/v1/public/normative-documents/{id}/objections",
        Access::Public,
    ),
    (
        "GET",
        "/api/v1/indicators",
        Access::Needs(Action::ViewIndicators),
    ),
    (
        "GET",
        "/api/v1/indicators/{id}/records",
        Access::Needs(Action::ViewIndicators),
    ),
    (
        "GET",
        "/api/v1/annual-reports",
        Access::Needs(Action::ViewIndicators),
    ),
    (
        "POST",
        "/api/v1/annual-reports",
        Access::Needs(Action::DraftAnnualReport),
    ),
    (
        "GET",
        "/api/v1/annual-reports/{id}",
        Access::Needs(Action::ViewIndicators),
    ),
    (
        "PUT",
        "/api/v1/annual-reports/{id}",
        Access::Needs(Action::DraftAnnualReport),
    ),
    (
        "POST",
        "/api/v1/annual-reports/{id}/approve",
        Access::Needs(Action::ApproveAnnualReport),
    ),
    (
        "POST",
        "/api/v1/annual-reports/{id}/publish",
        Access::Needs(Action::ApproveAnnualReport),
    ),
    (
        "GET",
        "/staff/normative",
        Access::Needs(Action::ViewNormativeDocuments),
    ),
    (
        "GET",
        "/staff/normative/new",
        Access::Needs(Action::DraftNormativeDocuments),
    ),
    (
        "POST",
        "/staff/normative",
        Access::Needs(Action::DraftNormativeDocuments),
    ),
    (
        "GET",
        "/staff/normative/{id}",
        Access::Needs(Action::ViewNormativeDocuments),
    ),
    (
        "POST",
        "/staff/normative/{id}/text",
        Access::Needs(Action::DraftNormativeDocuments),
    ),
    (
        "POST",
        "/staff/normative/{id}/comments",
        Access::Needs(Action::DraftNormativeDocuments),
    ),
    (
        "POST",
        "/staff/normative/{id}/submit",
        Access::Needs(Action::DraftNormativeDocuments),
    ),
    (
        "POST",
        "/staff/normative/{id}/findings",
        Access::Needs(Action::ReviewNormativeDocuments),
    ),
    (
        "POST",
        "/staff/normative/{id}/opinion",
        Access::Needs(Action::ReviewNormativeDocuments),
    ),
    (
        "POST",
        "/staff/normative/{id}/deliberation",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "POST",
        "/staff/normative/{id}/register",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "POST",
        "/staff/normative/{id}/publish",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "POST",
        "/staff/normative/{id}/filing",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "POST",
        "/staff/normative/{id}/filing-review",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "POST",
        "/staff/normative/{id}/lifecycle",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "GET",
        "/staff/normative/issuers",
        Access::Needs(Action::ViewNormativeDocuments),
    ),
    (
        "POST",
        "/staff/normative/issuers",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "POST",
        "/staff/normative/issuers/{id}",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "GET",
        "/staff/normative/cleanup",
        Access::Needs(Action::ViewNormativeDocuments),
    ),
    (
        "POST",
        "/staff/normative/cleanup",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "GET",
        "/staff/normative/cleanup/{id}",
        Access::Needs(Action::ViewNormativeDocuments),
    ),
    (
        "POST",
        "/staff/normative/cleanup/{id}/decisions",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "POST",
        "/staff/normative/cleanup/{id}/close",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "GET",
        "/staff/normative/objections",
        Access::Needs(Action::ViewNormativeDocuments),
    ),
    (
        "POST",
        "/staff/normative/objections/{id}/reply",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "GET",
        "/api/v1/normative-documents",
        Access::Needs(Action::ViewNormativeDocuments),
    ),
    (
        "POST",
        "/api/v1/normative-documents",
        Access::Needs(Action::DraftNormativeDocuments),
    ),
    (
        "GET",
        "/api/v1/normative-documents/{id}",
        Access::Needs(Action::ViewNormativeDocuments),
    ),
    (
        "PUT",
        "/api/v1/normative-documents/{id}/text",
        Access::Needs(Action::DraftNormativeDocuments),
    ),
    (
        "POST",
        "/api/v1/normative-documents/{id}/comments",
        Access::Needs(Action::DraftNormativeDocuments),
    ),
    (
        "POST",
        "/api/v1/normative-documents/{id}/submit",
        Access::Needs(Action::DraftNormativeDocuments),
    ),
    (
        "POST",
        "/api/v1/normative-documents/{id}/findings",
        Access::Needs(Action::ReviewNormativeDocuments),
    ),
    (
        "POST",
        "/api/v1/normative-documents/{id}/opinion",
        Access::Needs(Action::ReviewNormativeDocuments),
    ),
    (
        "POST",
        "/api/v1/normative-documents/{id}/deliberation",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "POST",
        "/api/v1/normative-documents/{id}/register",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "POST",
        "/api/v1/normative-documents/{id}/publish",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "POST",
        "/api/v1/normative-documents/{id}/filing",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "POST",
        "/api/v1/normative-documents/{id}/filing-review",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "POST",
        "/api/v1/normative-documents/{id}/lifecycle",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "GET",
        "/api/v1/normative-issuers",
        Access::Needs(Action::ViewNormativeDocuments),
    ),
    (
        "POST",
        "/api/v1/normative-issuers",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "PUT",
        "/api/v1/normative-issuers/{id}",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "GET",
        "/api/v1/normative-objections",
        Access::Needs(Action::ViewNormativeDocuments),
    ),
    (
        "POST",
        "/api/v1/normative-objections/{id}/reply",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "GET",
        "/api/v1/normative-cleanups",
        Access::Needs(Action::ViewNormativeDocuments),
    ),
    (
        "POST",
        "/api/v1/normative-cleanups",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "POST",
        "/api/v1/normative-cleanups/{id}/decisions",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
    (
        "POST",
        "/api/v1/normative-cleanups/{id}/close",
        Access::Needs(Action::ManageNormativeDocuments),
    ),
];

/// The whole application.
pub fn app(state: AppState) -> Router {
    Router::new()
        // Public portal.
        .route("/", get(portal::index))
        .route("/healthz", get(api::healthz))
        .route("/static/style.css", get(style_css))
        .route("/api/v1/openapi.json", get(openapi_json))
        .route(
            "/staff/legality-review",
            get(crate::pages::legality_review::form)
                .post(crate::pages::legality_review::submit)
                .layer(DefaultBodyLimit::max(20 * 1024 * 1024)),
        )
        .route("/verify", get(portal::verify))
        .route("/certificate", get(portal::certificate))
        .route(
            "/api/v1/public/certificates/{number}",
            get(api::check_certificate),
        )
        .route(
            "/verify/file",
            post(portal::verify_file).layer(DefaultBodyLimit::max(report_review::MAX_BATCH_BYTES)),
        )
        .route("/api/v1/ledger/{government}", get(crate::api::ledger::log))
        .route(
            "/api/v1/ledger/{government}/tree-head",
            get(crate::api::ledger::tree_head),
        )
        .route(
            "/api/v1/ledger/{government}/tree-heads",
            get(crate::api::ledger::tree_heads),
        )
        .route(
            "/api/v1/ledger/{government}/entries",
            get(crate::api::ledger::entries),
        )
        .route(
            "/api/v1/ledger/{government}/proof/inclusion",
            get(crate::api::ledger::inclusion),
        )
        .route(
            "/api/v1/ledger/{government}/proof/consistency",
            get(crate::api::ledger::consistency),
        )
        .route("/powers", get(public_powers::list))
        .route("/laws", get(public_powers::law))
        .route(
            "/api/v1/public/powers",
            get(crate::api::powers::list_public_powers),
        )
        .route(
            "/api/v1/public/enforcement-bodies",
            get(api::list_enforcement_bodies),
        )
        // Login and account.
        .route(
            "/login",
            get(account::login_page).post(account::login_submit),
        )
        .route("/logout", post(account::logout))
        .route(
            "/account/password",
            get(account::password_page).post(account::password_submit),
        )
        // Staff UI.
        .route("/staff", get(account::home))
        .route(
            "/staff/regions",
            get(org::list_regions).post(org::create_region),
        )
        .route(
            "/staff/governments",
            get(org::list_governments).post(org::create_government),
        )
        .route(
            "/staff/departments",
            get(org::list_departments).post(org::create_department),
        )
        .route("/staff/departments/new", get(org::new_department))
        .route(
            "/staff/departments/{id}",
            get(org::show_department).post(org::update_department),
        )
        .route(
            "/staff/departments/{id}/publish",
            post(org::publish_department),
        )
        .route(
            "/staff/users",
            get(users::list_users).post(users::create_user),
        )
        .route("/staff/users/new", get(users::new_user))
        .route(
            "/staff/users/{id}/reset-password",
            post(users::reset_password),
        )
        .route("/staff/users/{id}/unlock", post(users::unlock_user))
        .route("/staff/audit", get(audit::list_audit))
        .route("/staff/deadlines", get(deadlines::list))
        .route("/staff/calendar", get(calendar::show))
        .route("/staff/calendar/import", post(calendar::import))
        .route(
            "/staff/report-review",
            get(report_review::form)
                .post(report_review::submit)
                .layer(DefaultBodyLimit::max(report_review::MAX_BATCH_BYTES)),
        )
        .route(
            "/staff/officers",
            get(officers::list).post(officers::create),
        )
        .route("/staff/officers/new", get(officers::new))
        .route("/staff/officers/template.xlsx", get(officers::template))
        .route("/staff/officers/export.xlsx", get(officers::export))
        .route(
            "/staff/officers/import",
            post(officers::import).layer(DefaultBodyLimit::max(officers::MAX_IMPORT_BYTES)),
        )
        .route(
            "/staff/officers/{id}",
            get(officers::show).post(officers::update),
        )
        .route(
            "/staff/officers/{id}/standing",
            post(officers::set_standing),
        )
        .route("/staff/cases", get(cases::list).post(cases::create))
        .route("/staff/cases/new", get(cases::new))
        .route("/staff/cases/{id}", get(cases::show))
        .route("/staff/cases/{id}/act", post(cases::act))
        .route(
            "/staff/cases/{id}/evidence",
            post(cases::upload_evidence).layer(DefaultBodyLimit::max(cases::MAX_EVIDENCE_UPLOAD)),
        )
        .route(
            "/staff/cases/{id}/evidence/{hash}",
            get(cases::download_evidence),
        )
        .route("/staff/cases/{id}/publish", post(disclosures::publish_case))
        .route("/staff/cases/{id}/file", post(disclosures::file_case))
        .route(
            "/staff/disclosures/{id}/withdraw",
            post(disclosures::withdraw_disclosure),
        )
        .route("/staff/summary", get(summary::list).post(summary::create))
        .route("/staff/summary/{id}/file", post(summary::file))
        .route(
            "/staff/penalty-settings",
            get(penalty_settings::show).post(penalty_settings::save),
        )
        .route("/staff/disclosures", get(disclosures::list))
        .route("/staff/filings", get(disclosures::filings))
        .route("/staff/legal-review", get(disclosures::queue))
        .route(
            "/staff/review-catalogue",
            get(disclosures::catalogue).post(disclosures::add_catalogue_item),
        )
        .route(
            "/api/v1/cases",
            get(crate::api::cases::list_cases).post(crate::api::cases::create_case),
        )
        .route(
            "/api/v1/summary-decisions",
            get(crate::api::cases::list_summary_decisions)
                .post(crate::api::cases::create_summary_decision),
        )
        .route("/api/v1/cases/{id}", get(crate::api::cases::find_case))
        .route(
            "/api/v1/cases/{id}/commands",
            post(crate::api::cases::run_command),
        )
        .route("/decisions", get(crate::public_decisions::list))
        .route("/enforcement", get(crate::public_decisions::about))
        .route("/decisions/{id}", get(crate::public_decisions::show))
        .route("/staff/powers", get(powers::list).post(powers::create))
        .route("/staff/powers/new", get(powers::new))
        .route("/staff/powers/template", get(powers::template))
        .route("/staff/powers/export", get(powers::export))
        .route(
            "/staff/powers/import",
            post(powers::import).layer(DefaultBodyLimit::max(crate::excel::MAX_XLSX_BYTES)),
        )
        .route("/staff/powers/{id}", get(powers::show).post(powers::update))
        .route("/staff/powers/{id}/status", post(powers::change_status))
        .route("/staff/powers/{id}/discretion", post(powers::add_band))
        // JSON API.
        .route("/api/v1/session", post(api::login).delete(api::logout))
        .route("/api/v1/me", get(api::me))
        .route(
            "/api/v1/regions",
            get(api::list_regions).post(api::create_region),
        )
        .route(
            "/api/v1/governments",
            get(api::list_governments).post(api::create_government),
        )
        .route(
            "/api/v1/departments",
            get(api::list_departments).post(api::create_department),
        )
        .route(
            "/api/v1/departments/{id}",
            get(api::find_department).put(api::update_department),
        )
        .route(
            "/api/v1/departments/{id}/publish",
            post(api::publish_department),
        )
        .route(
            "/api/v1/departments/{id}/withdraw",
            post(api::withdraw_department),
        )
        .route("/api/v1/users", get(api::list_users).post(api::create_user))
        .route("/api/v1/users/{id}/unlock", post(api::unlock_user))
        .route(
            "/api/v1/users/{id}/reset-password",
            post(api::reset_password),
        )
        .route("/api/v1/audit", get(api::list_audit))
        .route(
            "/api/v1/officers",
            get(api::list_officers).post(api::create_officer),
        )
        .route(
            "/api/v1/officers/{id}",
            get(api::find_officer).put(api::update_officer),
        )
        .route(
            "/api/v1/officers/{id}/standing",
            post(api::set_officer_standing),
        )
        .route(
            "/api/v1/powers",
            get(crate::api::powers::list_powers).post(crate::api::powers::create_power),
        )
        .route(
            "/api/v1/powers/{id}",
            get(crate::api::powers::find_power).put(crate::api::powers::update_power),
        )
        .route(
            "/api/v1/powers/{id}/status",
            post(crate::api::powers::change_power_status),
        )
        .route(
            "/api/v1/powers/{id}/discretion",
            put(crate::api::powers::set_power_discretion),
        )
        .route(
            "/api/v1/powers/{id}/check-fine",
            post(crate::api::powers::check_power_fine),
        )
        .route("/api/v1/calendar/due", get(api::calendar_due))
        .route("/api/v1/calendar/days/{date}", get(api::calendar_day))
        .route("/api/v1/calendar/tables", post(api::import_calendar_table))
        .route(
            "/api/v1/report-reviews",
            post(api::review_reports).layer(DefaultBodyLimit::max(report_review::MAX_BATCH_BYTES)),
        )
        // Supervision of enforcement and inspections (issue #5 items 5 and 10).
        .route("/inspections", get(crate::public_inspections::list))
        .route(
            "/api/v1/public/inspections",
            get(sup::list_public_inspections),
        )
        .route(
            "/staff/case-reviews",
            get(case_reviews::list).post(case_reviews::create),
        )
        .route("/staff/case-reviews/new", get(case_reviews::new))
        .route("/staff/case-reviews/{id}", get(case_reviews::show))
        .route("/staff/case-reviews/{id}/score", post(case_reviews::score))
        .route(
            "/staff/case-reviews/{id}/rectifications",
            post(case_reviews::rectify),
        )
        .route(
            "/staff/case-reviews/rectifications/{id}/report",
            post(case_reviews::report),
        )
        .route(
            "/staff/case-reviews/rectifications/{id}/done",
            post(case_reviews::done),
        )
        .route("/staff/letters", get(letters::list).post(letters::create))
        .route("/staff/letters/new", get(letters::new))
        .route("/staff/letters/settings", post(letters::settings))
        .route("/staff/letters/{id}", get(letters::show))
        .route("/staff/letters/{id}/reply", post(letters::reply_form))
        .route(
            "/staff/inspections",
            get(inspections::list).post(inspections::create),
        )
        .route("/staff/inspections/{id}", get(inspections::show))
        .route("/staff/inspections/{id}/act", post(inspections::act))
        .route(
            "/staff/inspection-targets",
            get(inspections::targets).post(inspections::create_target),
        )
        .route(
            "/staff/inspection-targets/{id}/exclusions",
            post(inspections::add_exclusion),
        )
        .route(
            "/staff/inspection-plans",
            get(inspections::plans).post(inspections::create_plan),
        )
        .route("/staff/inspection-plans/{id}", get(inspections::show_plan))
        .route(
            "/staff/inspection-plans/{id}/draw",
            post(inspections::draw_plan),
        )
        .route(
            "/api/v1/case-reviews",
            get(sup::list_case_reviews).post(sup::create_case_review),
        )
        .route("/api/v1/case-reviews/{id}", get(sup::find_case_review))
        .route(
            "/api/v1/case-reviews/{id}/scores",
            post(sup::score_case_file),
        )
        .route(
            "/api/v1/case-reviews/{id}/rectifications",
            post(sup::issue_rectification),
        )
        .route(
            "/api/v1/case-reviews/rectifications/{id}/report",
            post(sup::report_rectification),
        )
        .route(
            "/api/v1/case-reviews/rectifications/{id}/done",
            post(sup::complete_rectification),
        )
        .route(
            "/api/v1/letters",
            get(sup::list_letters).post(sup::send_letter),
        )
        .route("/api/v1/letters/{id}", get(sup::find_letter))
        .route("/api/v1/letters/{id}/reply", post(sup::reply_letter))
        .route(
            "/api/v1/inspections",
            get(sup::list_inspections).post(sup::create_inspection),
        )
        .route("/api/v1/inspections/{id}", get(sup::find_inspection))
        .route(
            "/api/v1/inspections/{id}/commands",
            post(sup::run_inspection_command),
        )
        .route(
            "/api/v1/inspections/targets",
            get(sup::list_inspection_targets).post(sup::create_inspection_target),
        )
        .route(
            "/api/v1/inspections/targets/{id}/exclusions",
            post(sup::add_inspection_exclusion),
        )
        .route(
            "/api/v1/inspections/plans",
            get(sup::list_inspection_plans).post(sup::create_inspection_plan),
        )
        .route(
            "/api/v1/inspections/plans/{id}/draw",
            post(sup::draw_inspection_plan),
        )
        // Indicators (issue #9) and the annual report.
        .route("/staff/dashboard", get(crate::pages::dashboard::show))
        .route(
            "/staff/dashboard/export.xlsx",
            get(crate::pages::dashboard::export),
        )
        .route(
            "/staff/indicators/{id}",
            get(crate::pages::dashboard::records),
        )
        .route(
            "/staff/indicators/{id}/export.xlsx",
            get(crate::pages::dashboard::export_records),
        )
        .route(
            "/staff/annual-reports",
            get(crate::pages::annual_reports::list).post(crate::pages::annual_reports::create),
        )
        .route(
            "/staff/annual-reports/{id}",
            get(crate::pages::annual_reports::show).post(crate::pages::annual_reports::update),
        )
        .route(
            "/staff/annual-reports/{id}/edit",
            get(crate::pages::annual_reports::edit),
        )
        .route(
            "/staff/annual-reports/{id}/redraft",
            post(crate::pages::annual_reports::redraft),
        )
        .route(
            "/staff/annual-reports/{id}/approve",
            post(crate::pages::annual_reports::approve),
        )
        .route(
            "/staff/annual-reports/{id}/publish",
            post(crate::pages::annual_reports::publish),
        )
        .route(
            "/staff/annual-reports/{id}/download",
            get(crate::pages::annual_reports::download),
        )
        .route("/annual-reports", get(crate::public_reports::list))
        .route(
            "/annual-reports/{government}/{year}",
            get(crate::public_reports::show),
        )
        .route(
            "/annual-reports/{government}/{year}/download",
            get(crate::public_reports::download),
        )
        .route(
            "/api/v1/indicators",
            get(crate::api::indicators::list_figures),
        )
        .route(
            "/api/v1/indicators/{id}/records",
            get(crate::api::indicators::list_indicator_records),
        )
        .route(
            "/api/v1/annual-reports",
            get(crate::api::indicators::list_annual_reports)
                .post(crate::api::indicators::create_annual_report),
        )
        .route(
            "/api/v1/annual-reports/{id}",
            get(crate::api::indicators::find_annual_report)
                .put(crate::api::indicators::update_annual_report),
        )
        .route(
            "/api/v1/annual-reports/{id}/approve",
            post(crate::api::indicators::approve_annual_report),
        )
        .route(
            "/api/v1/annual-reports/{id}/publish",
            post(crate::api::indicators::publish_annual_report),
        )
        // Normative documents (行政规范性文件): portal.
        .route("/normative", get(portal_normative::library))
        .route("/normative/issuers", get(portal_normative::issuers))
        .route("/normative/cleanup", get(portal_normative::cleanups))
        .route(
            "/normative/consultations",
            get(portal_normative::consultations),
        )
        .route(
            "/normative/consultations/{id}",
            get(portal_normative::consultation),
        )
        .route(
            "/normative/consultations/{id}/comments",
            post(portal_normative::comment),
        )
        .route("/normative/{id}", get(portal_normative::document))
        .route("/normative/{id}/objections", post(portal_normative::object))
        .route(
            "/api/v1/public/normative-documents",
            get(normative_api::list_public_normative_documents),
        )
        .route(
            "/api/v1/public/normative-documents/{id}",
            get(normative_api::find_public_normative_document),
        )
        .route(
            "/api/v1/public/normative-documents/{id}/objections",
            post(normative_api::object_to_normative_document),
        )
        // Normative documents: staff UI.
        .route(
            "/staff/normative",
            get(normative::documents::list)
                .post(normative::documents::create)
                .layer(DefaultBodyLimit::max(
                    normative::documents::MAX_UPLOAD_BYTES + 64 * 1024,
                )),
        )
        .route("/staff/normative/new", get(normative::documents::new))
        .route("/staff/normative/{id}", get(normative::documents::show))
        .route(
            "/staff/normative/{id}/text",
            post(normative::documents::revise).layer(DefaultBodyLimit::max(
                normative::documents::MAX_UPLOAD_BYTES + 64 * 1024,
            )),
        )
        .route(
            "/staff/normative/{id}/comments",
            post(normative::workflow::comments),
        )
        .route(
            "/staff/normative/{id}/submit",
            post(normative::workflow::submit),
        )
        .route(
            "/staff/normative/{id}/findings",
            post(normative::workflow::finding),
        )
        .route(
            "/staff/normative/{id}/opinion",
            post(normative::workflow::opinion),
        )
        .route(
            "/staff/normative/{id}/deliberation",
            post(normative::workflow::deliberation),
        )
        .route(
            "/staff/normative/{id}/register",
            post(normative::workflow::register),
        )
        .route(
            "/staff/normative/{id}/publish",
            post(normative::workflow::publish),
        )
        .route(
            "/staff/normative/{id}/filing",
            post(normative::workflow::filing),
        )
        .route(
            "/staff/normative/{id}/filing-review",
            post(normative::workflow::filing_review),
        )
        .route(
            "/staff/normative/{id}/lifecycle",
            post(normative::workflow::lifecycle),
        )
        .route(
            "/staff/normative/issuers",
            get(normative::registry::issuers).post(normative::registry::create_issuer),
        )
        .route(
            "/staff/normative/issuers/{id}",
            post(normative::registry::update_issuer),
        )
        .route(
            "/staff/normative/cleanup",
            get(normative::registry::cleanups).post(normative::registry::start_cleanup),
        )
        .route(
            "/staff/normative/cleanup/{id}",
            get(normative::registry::cleanup),
        )
        .route(
            "/staff/normative/cleanup/{id}/decisions",
            post(normative::registry::decide),
        )
        .route(
            "/staff/normative/cleanup/{id}/close",
            post(normative::registry::close),
        )
        .route(
            "/staff/normative/objections",
            get(normative::registry::objections),
        )
        .route(
            "/staff/normative/objections/{id}/reply",
            post(normative::registry::reply),
        )
        // Normative documents: JSON API.
        .route(
            "/api/v1/normative-documents",
            get(normative_api::list_normative_documents)
                .post(normative_api::create_normative_document),
        )
        .route(
            "/api/v1/normative-documents/{id}",
            get(normative_api::find_normative_document),
        )
        .route(
            "/api/v1/normative-documents/{id}/text",
            put(normative_api::put_normative_text).layer(DefaultBodyLimit::max(
                normative::documents::MAX_UPLOAD_BYTES,
            )),
        )
        .route(
            "/api/v1/normative-documents/{id}/comments",
            post(normative_api::comment_normative_document),
        )
        .route(
            "/api/v1/normative-documents/{id}/submit",
            post(normative_api::submit_normative_document),
        )
        .route(
            "/api/v1/normative-documents/{id}/findings",
            post(normative_api::dispose_normative_finding),
        )
        .route(
            "/api/v1/normative-documents/{id}/opinion",
            post(normative_api::record_normative_opinion),
        )
        .route(
            "/api/v1/normative-documents/{id}/deliberation",
            post(normative_api::record_normative_deliberation),
        )
        .route(
            "/api/v1/normative-documents/{id}/register",
            post(normative_api::register_normative_document),
        )
        .route(
            "/api/v1/normative-documents/{id}/publish",
            post(normative_api::publish_normative_document),
        )
        .route(
            "/api/v1/normative-documents/{id}/filing",
            post(normative_api::file_normative_document),
        )
        .route(
            "/api/v1/normative-documents/{id}/filing-review",
            post(normative_api::review_normative_filing),
        )
        .route(
            "/api/v1/normative-documents/{id}/lifecycle",
            post(normative_api::change_normative_lifecycle),
        )
        .route(
            "/api/v1/normative-issuers",
            get(normative_api::list_normative_issuers).post(normative_api::create_normative_issuer),
        )
        .route(
            "/api/v1/normative-issuers/{id}",
            put(normative_api::update_normative_issuer),
        )
        .route(
            "/api/v1/normative-objections",
            get(normative_api::list_normative_objections),
        )
        .route(
            "/api/v1/normative-objections/{id}/reply",
            post(normative_api::reply_normative_objection),
        )
        .route(
            "/api/v1/normative-cleanups",
            get(normative_api::list_normative_cleanups)
                .post(normative_api::start_normative_cleanup),
        )
        .route(
            "/api/v1/normative-cleanups/{id}/decisions",
            post(normative_api::decide_normative_cleanup),
        )
        .route(
            "/api/v1/normative-cleanups/{id}/close",
            post(normative_api::close_normative_cleanup),
        )
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// A handler that panicked (a bug) answers 500 with the Chinese error page; the server goes on.
fn panic_response(cause: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let message = cause
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| cause.downcast_ref::<&str>().copied())
        .unwrap_or("");
    tracing::error!("handler panicked: {message}");
    WebError::Internal(message.to_owned()).into_response()
}

async fn style_css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        crate::templates::STYLE_CSS,
    )
        .into_response()
}

async fn openapi_json() -> Response {
    axum::Json(crate::api::ApiDoc::openapi()).into_response()
}

async fn not_found(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        WebError::NotFound.into_response()
    } else {
        (
            StatusCode::NOT_FOUND,
            crate::templates::render_error_page(
                StatusCode::NOT_FOUND,
                "您访问的页面不存在，请检查地址是否正确。",
            ),
        )
            .into_response()
    }
}

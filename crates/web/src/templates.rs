//! Templates, embedded in the binary at compile time (a shipped binary needs no template folder).
//! Their names end in `.html`, which is what turns minijinja's auto-escaping on.

use std::sync::LazyLock;

use axum::http::StatusCode;
use axum::response::Html;
use minijinja::Environment;

use crate::WebError;

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("cases.html", include_str!("../templates/cases.html")),
    ("case.html", include_str!("../templates/case.html")),
    ("case_new.html", include_str!("../templates/case_new.html")),
    ("summary.html", include_str!("../templates/summary.html")),
    (
        "portal_enforcement.html",
        include_str!("../templates/portal_enforcement.html"),
    ),
    (
        "penalty_settings.html",
        include_str!("../templates/penalty_settings.html"),
    ),
    (
        "disclosures.html",
        include_str!("../templates/disclosures.html"),
    ),
    ("filings.html", include_str!("../templates/filings.html")),
    (
        "legal_review_queue.html",
        include_str!("../templates/legal_review_queue.html"),
    ),
    (
        "review_catalogue.html",
        include_str!("../templates/review_catalogue.html"),
    ),
    (
        "portal_decisions.html",
        include_str!("../templates/portal_decisions.html"),
    ),
    (
        "portal_decision.html",
        include_str!("../templates/portal_decision.html"),
    ),
    ("macros.html", include_str!("../templates/macros.html")),
    ("login.html", include_str!("../templates/login.html")),
    (
        "change_password.html",
        include_str!("../templates/change_password.html"),
    ),
    ("home.html", include_str!("../templates/home.html")),
    ("regions.html", include_str!("../templates/regions.html")),
    (
        "governments.html",
        include_str!("../templates/governments.html"),
    ),
    (
        "departments.html",
        include_str!("../templates/departments.html"),
    ),
    (
        "department.html",
        include_str!("../templates/department.html"),
    ),
    ("users.html", include_str!("../templates/users.html")),
    (
        "user_form.html",
        include_str!("../templates/user_form.html"),
    ),
    ("audit.html", include_str!("../templates/audit.html")),
    (
        "portal_index.html",
        include_str!("../templates/portal_index.html"),
    ),
    ("error.html", include_str!("../templates/error.html")),
    (
        "report_review.html",
        include_str!("../templates/report_review.html"),
    ),
    ("calendar.html", include_str!("../templates/calendar.html")),
    (
        "deadlines.html",
        include_str!("../templates/deadlines.html"),
    ),
    ("verify.html", include_str!("../templates/verify.html")),
    (
        "legality_review.html",
        include_str!("../templates/legality_review.html"),
    ),
    ("officers.html", include_str!("../templates/officers.html")),
    ("officer.html", include_str!("../templates/officer.html")),
    (
        "certificate.html",
        include_str!("../templates/certificate.html"),
    ),
    ("powers.html", include_str!("../templates/powers.html")),
    ("power.html", include_str!("../templates/power.html")),
    (
        "power_form.html",
        include_str!("../templates/power_form.html"),
    ),
    (
        "portal_powers.html",
        include_str!("../templates/portal_powers.html"),
    ),
    ("law.html", include_str!("../templates/law.html")),
    // Supervision of enforcement and inspections (issue #5 items 5 and 10).
    (
        "case_reviews.html",
        include_str!("../templates/case_reviews.html"),
    ),
    (
        "case_review.html",
        include_str!("../templates/case_review.html"),
    ),
    (
        "case_review_new.html",
        include_str!("../templates/case_review_new.html"),
    ),
    ("letters.html", include_str!("../templates/letters.html")),
    ("letter.html", include_str!("../templates/letter.html")),
    (
        "letter_new.html",
        include_str!("../templates/letter_new.html"),
    ),
    (
        "inspections.html",
        include_str!("../templates/inspections.html"),
    ),
    (
        "inspection.html",
        include_str!("../templates/inspection.html"),
    ),
    (
        "inspection_targets.html",
        include_str!("../templates/inspection_targets.html"),
    ),
    (
        "inspection_plans.html",
        include_str!("../templates/inspection_plans.html"),
    ),
    (
        "inspection_plan.html",
        include_str!("../templates/inspection_plan.html"),
    ),
    (
        "portal_inspections.html",
        include_str!("../templates/portal_inspections.html"),
    ),
    // Indicators (issue #9) and the annual report.
    (
        "dashboard.html",
        include_str!("../templates/dashboard.html"),
    ),
    (
        "indicator_records.html",
        include_str!("../templates/indicator_records.html"),
    ),
    (
        "annual_reports.html",
        include_str!("../templates/annual_reports.html"),
    ),
    (
        "annual_report.html",
        include_str!("../templates/annual_report.html"),
    ),
    (
        "annual_report_edit.html",
        include_str!("../templates/annual_report_edit.html"),
    ),
    (
        "portal_annual_reports.html",
        include_str!("../templates/portal_annual_reports.html"),
    ),
    (
        "portal_annual_report.html",
        include_str!("../templates/portal_annual_report.html"),
    ),
    // Normative documents (行政规范性文件).
    (
        "normative_list.html",
        include_str!("../templates/normative_list.html"),
    ),
    (
        "normative_new.html",
        include_str!("../templates/normative_new.html"),
    ),
    (
        "normative_document.html",
        include_str!("../templates/normative_document.html"),
    ),
    (
        "normative_issuers.html",
        include_str!("../templates/normative_issuers.html"),
    ),
    (
        "normative_cleanups.html",
        include_str!("../templates/normative_cleanups.html"),
    ),
    (
        "normative_cleanup.html",
        include_str!("../templates/normative_cleanup.html"),
    ),
    (
        "normative_objections.html",
        include_str!("../templates/normative_objections.html"),
    ),
    (
        "portal_normative.html",
        include_str!("../templates/portal_normative.html"),
    ),
    (
        "portal_normative_document.html",
        include_str!("../templates/portal_normative_document.html"),
    ),
    (
        "portal_normative_issuers.html",
        include_str!("../templates/portal_normative_issuers.html"),
    ),
    (
        "portal_normative_cleanups.html",
        include_str!("../templates/portal_normative_cleanups.html"),
    ),
    (
        "portal_consultations.html",
        include_str!("../templates/portal_consultations.html"),
    ),
    (
        "portal_consultation.html",
        include_str!("../templates/portal_consultation.html"),
    ),
];

static ENV: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    for (name, source) in TEMPLATES {
        env.add_template(name, source)
            .unwrap_or_else(|e| panic!("template {name}: {e}"));
    }
    env
});

/// The stylesheet, served at `/static/style.css`.
pub const STYLE_CSS: &str = include_str!("../static/style.css");

/// Renders a template with a JSON context.
pub fn render(name: &str, ctx: &serde_json::Value) -> Result<Html<String>, WebError> {
    let template = ENV
        .get_template(name)
        .map_err(|e| WebError::Internal(e.to_string()))?;
    template
        .render(ctx)
        .map(Html)
        .map_err(|e| WebError::Internal(format!("{name}: {e:#}")))
}

/// The Chinese error page for a status.
pub fn render_error_page(status: StatusCode, message: &str) -> Html<String> {
    let title = match status {
        StatusCode::NOT_FOUND => "页面不存在",
        StatusCode::FORBIDDEN => "无权访问",
        StatusCode::SERVICE_UNAVAILABLE => "系统暂时不可用",
        StatusCode::PAYLOAD_TOO_LARGE => "提交的内容过大",
        s if s.is_client_error() => "请求有误",
        _ => "系统错误",
    };
    render(
        "error.html",
        &serde_json::json!({ "title": title, "message": message }),
    )
    .unwrap_or_else(|_| Html(format!("<h1>{title}</h1><p>{message}</p>")))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_template_file_is_registered() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        for f in std::fs::read_dir(dir).unwrap() {
            let name = f.unwrap().file_name().into_string().unwrap();
            assert!(
                super::TEMPLATES.iter().any(|(n, _)| *n == name),
                "templates/{name} is not in TEMPLATES"
            );
        }
    }

    #[test]
    fn every_template_parses() {
        for (name, _) in super::TEMPLATES {
            assert!(super::ENV.get_template(name).is_ok(), "{name}");
        }
    }
}

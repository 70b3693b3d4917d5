//! Annual reports on the portal (督察工作规定 第二十四条: published before 1 April for public
//! supervision): the list of every published report and each report's approved text, with
//! downloads in .docx, HTML and Markdown. Only the approved version of a published report is
//! ever shown here.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::pages::annual_reports::{ShowQuery, download_response, parse_body, report_json};
use crate::pages::{PageResult, page};
use crate::{AppState, WebError};

/// Every published report, latest year first: (government id, government name, year, title,
/// published on).
pub async fn published(state: &AppState) -> Result<Vec<Value>, WebError> {
    let mut out = Vec::new();
    for (g, r) in state.store.published_annual_reports().await? {
        out.push(json!({
            "government_id": g.id,
            "government": g.name,
            "year": r.year,
            "title": format!("{}关于{}年度法治政府建设情况的报告", g.name, r.year),
            "published_on": r.published_on,
            "link": format!("/annual-reports/{}/{}", g.id, r.year),
        }));
    }
    Ok(out)
}

/// GET /annual-reports
pub async fn list(State(state): State<AppState>) -> PageResult {
    let reports = published(&state).await?;
    page(
        StatusCode::OK,
        "portal_annual_reports.html",
        &json!({"reports": reports}),
    )
}

/// The published report of a government and year, with its approved text.
async fn published_report(
    state: &AppState,
    government: &str,
    year: &str,
) -> Result<
    (
        store::Government,
        store::annual_reports::StoredAnnualReport,
        report::annual::AnnualReport,
    ),
    WebError,
> {
    let gov: i64 = government.parse().map_err(|_| WebError::NotFound)?;
    let year: i32 = year.parse().map_err(|_| WebError::NotFound)?;
    let g = state
        .store
        .government(gov)
        .await
        .map_err(|_| WebError::NotFound)?;
    let r = state
        .store
        .annual_report_of_year(gov, year)
        .await?
        .filter(|r| r.status == store::annual_reports::ReportStatus::Published)
        .ok_or(WebError::NotFound)?;
    let version = r.approved_version.ok_or(WebError::NotFound)?;
    let v = state
        .store
        .annual_report_version(gov, r.id, version)
        .await?;
    Ok((g, r, parse_body(&v)?))
}

/// GET /annual-reports/{government}/{year}
pub async fn show(
    State(state): State<AppState>,
    Path((government, year)): Path<(String, String)>,
) -> PageResult {
    let (g, r, report) = published_report(&state, &government, &year).await?;
    page(
        StatusCode::OK,
        "portal_annual_report.html",
        &json!({
            "government_id": g.id,
            "year": r.year,
            "published_on": r.published_on,
            "report": report_json(&report),
        }),
    )
}

/// GET /annual-reports/{government}/{year}/download?format=docx|html|md
pub async fn download(
    State(state): State<AppState>,
    Path((government, year)): Path<(String, String)>,
    Query(q): Query<ShowQuery>,
) -> PageResult {
    let (g, r, report) = published_report(&state, &government, &year).await?;
    Ok(download_response(
        &report,
        &q.format,
        &format!("annual-report-{}-{}", g.region_code, r.year),
    )?)
}

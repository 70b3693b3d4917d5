//! 审读: the legal-affairs office uploads a batch of annual reports (e.g. from its subordinate
//! governments) and sees them side by side: figures, inconsistencies, missing statutory sections.
//! Nothing is stored: the files are reviewed in memory and the result is shown.

use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use domain::permission::Action;
use serde_json::{Value, json};

use super::{PageResult, base_context, merge, page};
use crate::auth::PageUser;
use crate::{AppState, WebError};

/// Short column headers for the five statutory items, in their order (the full names are the
/// columns' tooltips).
const SECTION_SHORT: [&str; 5] = ["举措成效", "不足原因", "第一责任人", "下年安排", "其他"];

/// Largest upload of one batch (the reviewer itself refuses a single file above its own limit).
pub const MAX_BATCH_BYTES: usize = 64 * 1024 * 1024;
/// Most files in one batch.
pub const MAX_BATCH_FILES: usize = 60;

/// The files of a multipart upload, in order: (file name, bytes). Fields other than `files` are ignored.
pub async fn read_files(mut multipart: Multipart) -> Result<Vec<(String, Vec<u8>)>, WebError> {
    let mut files = Vec::new();
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(WebError::TooLarge);
            }
            Err(e) => {
                return Err(WebError::BadRequest(format!(
                    "上传的内容无法读取：{}",
                    e.body_text()
                )));
            }
        };
        if field.name() != Some("files") {
            continue;
        }
        let name = field.file_name().unwrap_or("未命名").to_owned();
        let bytes = match field.bytes().await {
            Ok(b) => b,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(WebError::TooLarge);
            }
            Err(e) => {
                return Err(WebError::BadRequest(format!(
                    "文件“{name}”无法读取：{}",
                    e.body_text()
                )));
            }
        };
        if name == "未命名" && bytes.is_empty() {
            continue; // the browser sends an empty part when no file was chosen
        }
        files.push((name, bytes.to_vec()));
        if files.len() > MAX_BATCH_FILES {
            return Err(WebError::BadRequest(format!(
                "一次最多审读{MAX_BATCH_FILES}份报告"
            )));
        }
    }
    Ok(files)
}

/// Reads the body as multipart only after the caller was authorised, so that a caller without the
/// right gets 403 whatever it sent.
pub async fn multipart_of(
    request: axum::extract::Request,
    state: &AppState,
) -> Result<Multipart, WebError> {
    use axum::extract::FromRequest;
    Multipart::from_request(request, state).await.map_err(|e| {
        WebError::BadRequest(format!(
            "请以 multipart/form-data 上传文件：{}",
            e.body_text()
        ))
    })
}

/// Authorises, then reads the uploaded files.
pub async fn uploaded_files(
    request: axum::extract::Request,
    state: &AppState,
) -> Result<Vec<(String, Vec<u8>)>, WebError> {
    read_files(multipart_of(request, state).await?).await
}

/// Reviews every file; each result is the review as JSON or the reason it could not be read.
pub fn review_all(files: &[(String, Vec<u8>)]) -> Vec<Value> {
    files
        .iter()
        .map(|(name, bytes)| match report::review::review_bytes(name, bytes) {
            Ok(review) => {
                let summary = review.summary();
                let n_errors = summary.rate_errors + summary.sum_errors + summary.breakdown_errors;
                let published = summary.published.map(|d| d.to_string());
                json!({"file_name": name, "review": review, "summary": summary, "n_errors": n_errors, "published": published})
            }
            Err(e) => json!({"file_name": name, "error": e.to_string()}),
        })
        .collect()
}

async fn render(
    state: &AppState,
    me: &crate::auth::CurrentUser,
    results: Vec<Value>,
    error: &str,
    status: StatusCode,
) -> PageResult {
    let sections: Vec<&str> = report::review::SectionItem::ALL
        .iter()
        .map(|s| s.name_zh())
        .collect();
    let ctx = merge(
        base_context(state, me, "/staff/report-review", "年度报告审读").await?,
        json!({"results": results, "section_names": sections, "section_short": SECTION_SHORT, "error": error}),
    );
    page(status, "report_review.html", &ctx)
}

/// GET /staff/report-review
pub async fn form(State(state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    me.require(Action::ReviewReports)?;
    render(&state, &me, Vec::new(), "", StatusCode::OK).await
}

/// POST /staff/report-review (multipart, field `files`, several files). The CSRF token comes in the
/// query string because a multipart body is read only after authorisation.
pub async fn submit(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    axum::extract::Query(q): axum::extract::Query<super::account::CsrfForm>,
    request: axum::extract::Request,
) -> PageResult {
    me.require(Action::ReviewReports)?;
    me.check_csrf(&q.csrf)?;
    let files = match uploaded_files(request, &state).await {
        Ok(f) => f,
        Err(e @ (WebError::BadRequest(_) | WebError::TooLarge)) => {
            return render(&state, &me, Vec::new(), &e.to_string(), e.status()).await;
        }
        Err(e) => return Err(e.into()),
    };
    if files.is_empty() {
        return render(
            &state,
            &me,
            Vec::new(),
            "请选择至少一份报告文件（.txt、.docx 或 .html）",
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let results = tokio::task::spawn_blocking(move || review_all(&files))
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;
    render(&state, &me, results, "", StatusCode::OK).await
}

//! 智能审查: a staff member uploads a draft normative document and sees the automatic review's
//! findings (citations against the law corpus, clauses a normative document may not contain),
//! or downloads them as a draft 合法性审核意见书 (.docx) to edit. Machine findings, never a
//! decision; nothing is stored.

use std::sync::LazyLock;

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use domain::permission::Action;
use legaltext::Corpus;
use serde_json::json;

use super::{PageResult, base_context, merge, page};
use crate::auth::{CurrentUser, PageUser};
use crate::{AppState, WebError};

/// The law corpus built into the binary, parsed once per process.
pub static CORPUS: LazyLock<Corpus> = LazyLock::new(Corpus::embedded);

async fn render(
    state: &AppState,
    me: &CurrentUser,
    review: Option<serde_json::Value>,
    file_name: &str,
    error: &str,
    status: StatusCode,
) -> PageResult {
    let ctx = merge(
        base_context(state, me, "/staff/legality-review", "规范性文件智能审查").await?,
        json!({"review": review, "file_name": file_name, "error": error, "n_laws": CORPUS.laws.len()}),
    );
    page(status, "legality_review.html", &ctx)
}

/// GET /staff/legality-review
pub async fn form(State(state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    me.require(Action::UseStaffArea)?;
    render(&state, &me, None, "", "", StatusCode::OK).await
}

/// POST /staff/legality-review?csrf=…[&output=docx] (multipart, field `files`: one .docx or .txt).
pub async fn submit(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
    request: axum::extract::Request,
) -> PageResult {
    me.require(Action::UseStaffArea)?;
    me.check_csrf(q.get("csrf").map(String::as_str).unwrap_or(""))?;
    let files = match super::report_review::uploaded_files(request, &state).await {
        Ok(f) => f,
        Err(e @ (WebError::BadRequest(_) | WebError::TooLarge)) => {
            return render(&state, &me, None, "", &e.to_string(), e.status()).await;
        }
        Err(e) => return Err(e.into()),
    };
    let Some((name, bytes)) = files.into_iter().next() else {
        return render(
            &state,
            &me,
            None,
            "",
            "请选择要审查的文件（.docx 或 .txt）",
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let review =
        match tokio::task::spawn_blocking(move || legaltext::review_bytes(&bytes, &CORPUS)).await {
            Ok(Ok(r)) => r,
            Ok(Err(e)) => {
                return render(
                    &state,
                    &me,
                    None,
                    &name,
                    &e.to_string(),
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
            Err(e) => return Err(WebError::Internal(e.to_string()).into()),
        };
    if q.get("output").is_some_and(|o| o == "docx") {
        let government = state.store.government(me.user.government_id).await?;
        let options = legaltext::OpinionOptions {
            reviewer: government.name,
            ..Default::default()
        };
        let docx = legaltext::opinion_docx(&review, &options)
            .map_err(|e| WebError::Internal(e.to_string()))?;
        return Ok((
            [
                (
                    header::CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                        .to_owned(),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"legality-review-opinion.docx\"".to_owned(),
                ),
            ],
            docx,
        )
            .into_response());
    }
    let value = serde_json::to_value(&review).map_err(|e| WebError::Internal(e.to_string()))?;
    render(&state, &me, Some(value), &name, "", StatusCode::OK).await
}

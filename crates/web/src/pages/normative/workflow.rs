//! The procedure's forms on the document page: public comment, sending to legality review
//! (the automatic review runs on the current text first), the reviewer's decision on each
//! finding and the written opinion, collective deliberation, registration and numbering,
//! publication, filing and the filing review, renewal, expiry, repeal and withdrawal.
//!
//! Each handler authorises, turns its form into one domain command and commits it through the
//! store's flow in one transaction; a refusal re-renders the document page with the rule's
//! message (and its basis) and leaves nothing behind.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use domain::FieldErrors;
use domain::normative::Command;
use domain::permission::Action;
use store::StoredDocument;

use super::documents::document_page;
use super::forms::{
    CommentForm, DeliberationForm, FilingForm, FilingReviewForm, FindingForm, LifecycleForm,
    OpinionForm, PublishForm, RegisterForm, SubmitForm, version,
};
use super::{Env, actor, automatic_findings, document_in_scope, index_now};
use crate::auth::{CurrentUser, PageUser};
use crate::pages::{PageResult, see_other};
use crate::{AppState, WebError};

/// The document page again, with why the action was refused (422), or the conflict (409).
pub async fn refused_page(
    state: &AppState,
    me: &CurrentUser,
    doc: &StoredDocument,
    e: WebError,
) -> PageResult {
    match e {
        WebError::Refused(r) => {
            let message = match &r.basis {
                Some(b) => format!("{}（依据：{b}）", r.message),
                None => r.message.clone(),
            };
            document_page(
                state,
                me,
                doc,
                &message,
                &FieldErrors::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        WebError::Invalid(fields) => {
            document_page(
                state,
                me,
                doc,
                "请检查填写的内容",
                &fields,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        WebError::Conflict(m) => {
            document_page(
                state,
                me,
                doc,
                &m,
                &FieldErrors::new(),
                StatusCode::CONFLICT,
            )
            .await
        }
        other => Err(other.into()),
    }
}

/// Applies one command to a document in one transaction and feeds the index.
pub async fn apply(
    state: &AppState,
    me: &CurrentUser,
    doc: &StoredDocument,
    read_version: Option<i64>,
    command: Command,
) -> Result<StoredDocument, WebError> {
    let env = Env::of(state);
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let saved = tx
        .apply_normative_command(&env.flow(), doc.document.id, read_version, command)
        .await?;
    tx.commit().await?;
    index_now(state).await;
    Ok(saved)
}

/// Runs `build` and applies its command, answering 303 back to the document or the page with
/// the refusal.
async fn act(
    state: &AppState,
    me: &CurrentUser,
    doc: StoredDocument,
    read_version: Option<i64>,
    command: Result<Command, WebError>,
) -> PageResult {
    let result = match command {
        Ok(c) => apply(state, me, &doc, read_version, c).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(saved) => see_other(&format!("/staff/normative/{}", saved.document.id)),
        Err(e) => refused_page(state, me, &doc, e).await,
    }
}

/// The command that sends the current text to legality review, with the automatic review's
/// findings on it.
pub async fn submit_command(doc: &StoredDocument, form: &SubmitForm) -> Result<Command, WebError> {
    let mut errors = FieldErrors::new();
    let on = super::forms::date(&mut errors, "on", &form.on);
    errors.into_result()?;
    let findings = automatic_findings(doc.body.clone().unwrap_or_default()).await?;
    Ok(Command::SubmitForLegalityReview {
        on: on.ok_or_else(|| WebError::Invalid(FieldErrors::new()))?,
        findings,
        change: form.change.clone(),
    })
}

/// POST /staff/normative/{id}/comments
pub async fn comments(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<CommentForm>,
) -> PageResult {
    me.require(Action::DraftNormativeDocuments)?;
    me.check_csrf(&form.csrf)?;
    let doc = document_in_scope(&state, &me, &id).await?;
    let command = form.command().map_err(WebError::Invalid);
    act(&state, &me, doc, version(&form.version), command).await
}

/// POST /staff/normative/{id}/submit
pub async fn submit(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<SubmitForm>,
) -> PageResult {
    me.require(Action::DraftNormativeDocuments)?;
    me.check_csrf(&form.csrf)?;
    let doc = document_in_scope(&state, &me, &id).await?;
    let command = submit_command(&doc, &form).await;
    act(&state, &me, doc, version(&form.version), command).await
}

/// POST /staff/normative/{id}/findings
pub async fn finding(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<FindingForm>,
) -> PageResult {
    me.require(Action::ReviewNormativeDocuments)?;
    me.check_csrf(&form.csrf)?;
    let doc = document_in_scope(&state, &me, &id).await?;
    let command = form.command().map_err(WebError::Invalid);
    act(&state, &me, doc, version(&form.version), command).await
}

/// POST /staff/normative/{id}/opinion
pub async fn opinion(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<OpinionForm>,
) -> PageResult {
    me.require(Action::ReviewNormativeDocuments)?;
    me.check_csrf(&form.csrf)?;
    let doc = document_in_scope(&state, &me, &id).await?;
    let command = form
        .command(me.user.id, &me.user.display_name)
        .map_err(WebError::Invalid);
    act(&state, &me, doc, version(&form.version), command).await
}

/// POST /staff/normative/{id}/deliberation
pub async fn deliberation(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<DeliberationForm>,
) -> PageResult {
    me.require(Action::ManageNormativeDocuments)?;
    me.check_csrf(&form.csrf)?;
    let doc = document_in_scope(&state, &me, &id).await?;
    let command = form.command().map_err(WebError::Invalid);
    act(&state, &me, doc, version(&form.version), command).await
}

/// Registers a document with the number asked for (or the next); the caller has authorised.
pub async fn register_document(
    state: &AppState,
    me: &CurrentUser,
    doc: &StoredDocument,
    form: &RegisterForm,
) -> Result<StoredDocument, WebError> {
    let (on, number) = form.parse()?;
    let env = Env::of(state);
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let saved = tx
        .register_normative_document(
            &env.flow(),
            doc.document.id,
            version(&form.version),
            on,
            number,
        )
        .await?;
    tx.commit().await?;
    index_now(state).await;
    Ok(saved)
}

/// POST /staff/normative/{id}/register
pub async fn register(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<RegisterForm>,
) -> PageResult {
    me.require(Action::ManageNormativeDocuments)?;
    me.check_csrf(&form.csrf)?;
    let doc = document_in_scope(&state, &me, &id).await?;
    match register_document(&state, &me, &doc, &form).await {
        Ok(saved) => see_other(&format!("/staff/normative/{}", saved.document.id)),
        Err(e) => refused_page(&state, &me, &doc, e).await,
    }
}

/// POST /staff/normative/{id}/publish
pub async fn publish(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<PublishForm>,
) -> PageResult {
    me.require(Action::ManageNormativeDocuments)?;
    me.check_csrf(&form.csrf)?;
    let doc = document_in_scope(&state, &me, &id).await?;
    let command = form.command().map_err(WebError::Invalid);
    act(&state, &me, doc, version(&form.version), command).await
}

/// POST /staff/normative/{id}/filing
pub async fn filing(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<FilingForm>,
) -> PageResult {
    me.require(Action::ManageNormativeDocuments)?;
    me.check_csrf(&form.csrf)?;
    let doc = document_in_scope(&state, &me, &id).await?;
    let command = form.command().map_err(WebError::Invalid);
    act(&state, &me, doc, version(&form.version), command).await
}

/// POST /staff/normative/{id}/filing-review
pub async fn filing_review(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<FilingReviewForm>,
) -> PageResult {
    me.require(Action::ManageNormativeDocuments)?;
    me.check_csrf(&form.csrf)?;
    let doc = document_in_scope(&state, &me, &id).await?;
    let command = form.command().map_err(WebError::Invalid);
    act(&state, &me, doc, version(&form.version), command).await
}

/// POST /staff/normative/{id}/lifecycle
pub async fn lifecycle(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<LifecycleForm>,
) -> PageResult {
    me.require(Action::ManageNormativeDocuments)?;
    me.check_csrf(&form.csrf)?;
    let doc = document_in_scope(&state, &me, &id).await?;
    let command = form.command().map_err(WebError::Invalid);
    act(&state, &me, doc, version(&form.version), command).await
}

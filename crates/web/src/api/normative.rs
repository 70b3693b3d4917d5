//! Normative documents (行政规范性文件) in the JSON API: the library with full-text search,
//! drafting (text as JSON, or a .docx/.txt uploaded as the request body), each step of the
//! procedure, issuing bodies, objections and clean-up campaigns; and the public library and
//! objection form of the portal. The same forms, rules and scope as the staff pages
//! (`pages::normative`), which hold the shared checks.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::permission::Action;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use store::{DocumentFilter, StoredDocument};
use utoipa::{IntoParams, ToSchema};

use super::dto::ApiError;
use super::{RawJson, check_csrf_header};
use crate::auth::CurrentUser;
use crate::pages::normative::documents::{
    DraftUpload, LibraryQuery, STATUS_FILTERS, create_draft, hit_json, revise_text, run_search,
};
use crate::pages::normative::forms::{
    CampaignForm, CloseForm, CommentForm, DecisionForm, DeliberationForm, FilingForm,
    FilingReviewForm, FindingForm, IssuerForm, LifecycleForm, ObjectionForm, OpinionForm,
    PublishForm, RegisterForm, ReplyForm, SubmitForm, version,
};
use crate::pages::normative::workflow::{apply, register_document, submit_command};
use crate::pages::normative::{
    Env, PAGE_SIZE, document_in_scope, document_json, issuers_in_scope, visible_document,
};
use crate::pages::org::parse_id;
use crate::{AppState, WebError};

type ApiResult<T> = Result<T, WebError>;

/// A normative document: the fields clients filter on, its text, and its procedure record.
#[derive(Debug, Serialize, ToSchema)]
pub struct NormativeDocumentDto {
    /// Id within the government.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Document number (文号), once registered.
    pub number: Option<String>,
    /// Issuing body id.
    pub issuer_id: i64,
    /// Issuing body name.
    pub issuer_name: String,
    /// Stage code (drafting, public_comment, under_legality_review, returned_by_review,
    /// review_passed, adopted, registered, published, expired, repealed, void, withdrawn).
    pub stage: String,
    /// Status today (draft, public_comment, under_review, not_yet_in_force, in_force, expired,
    /// repealed, void, withdrawn).
    pub status: String,
    /// Status in Chinese.
    pub status_label: String,
    /// Version: send it back as `version` so that a change made meanwhile is refused (409).
    pub version: i64,
    /// The current text (detail only).
    pub text: Option<String>,
    /// Everything else: public comment, review rounds with their findings and dispositions,
    /// deliberations, publication, filing, renewals, ending.
    #[schema(value_type = Object)]
    pub procedure: Value,
}

/// One page of documents.
#[derive(Debug, Serialize, ToSchema)]
pub struct NormativeDocumentPage {
    /// Matching documents in all.
    pub total: i64,
    /// This page, from 1.
    pub page: i64,
    /// Rows per page.
    pub per_page: i64,
    /// The documents (list rows; full-text hits carry `title_segments` and `snippet` in
    /// `procedure`, with the matched words marked).
    pub documents: Vec<NormativeDocumentDto>,
}

/// A new draft as JSON.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct NewDraftBody {
    /// Issuing body id.
    pub issuer_id: i64,
    /// Title.
    pub title: String,
    /// Whether it affects the public's rights and obligations (public comment required).
    pub affects_public: bool,
    /// Day drafting started, `YYYY-MM-DD` (default today).
    pub drafted_on: Option<String>,
    /// The text.
    pub text: String,
}

/// Query of a text upload.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct TextQuery {
    /// What changed (修改说明).
    pub note: String,
    /// The version the client read.
    pub version: String,
    /// The file's name (for the record).
    pub file_name: String,
}

/// Query of the staff and public libraries.
#[derive(Debug, Default, Deserialize, Serialize, IntoParams)]
#[serde(default)]
pub struct LibraryParams {
    /// Government id (public library only; default the first with documents).
    pub government: String,
    /// Words searched in the full text (Chinese, segmented by jieba).
    pub q: String,
    /// Issuing body id.
    pub issuer: String,
    /// Year (of the number once registered, of drafting before).
    pub year: String,
    /// Status code.
    pub status: String,
    /// Page from 1.
    pub page: String,
}

fn dto(v: Value, text: Option<String>) -> NormativeDocumentDto {
    let s = |k: &str| v[k].as_str().unwrap_or("").to_owned();
    NormativeDocumentDto {
        id: v["id"].as_i64().unwrap_or(0),
        title: s("title"),
        number: v["number"].as_str().map(str::to_owned),
        issuer_id: v["issuer_id"].as_i64().unwrap_or(0),
        issuer_name: s("issuer_name"),
        stage: s("stage"),
        status: s("status"),
        status_label: s("status_label"),
        version: v["version"].as_i64().unwrap_or(0),
        text,
        procedure: v,
    }
}

async fn document_dto(
    state: &AppState,
    me: &CurrentUser,
    doc: &StoredDocument,
) -> ApiResult<NormativeDocumentDto> {
    let issuers = state.store.normative_issuers(me.user.government_id).await?;
    let today = Env::of(state).today;
    Ok(dto(document_json(doc, &issuers, today), doc.body.clone()))
}

/// A search error in the API: the user's mistakes (a query of punctuation only, too long, a bad
/// filter) answer 400 with the index's code, e.g. `search.empty_query`.
fn search_failure(e: WebError) -> ApiResult<Response> {
    match e {
        WebError::Refused(r) if r.code.starts_with("search.") => Ok((
            StatusCode::BAD_REQUEST,
            Json(json!({"code": r.code, "message": r.message})),
        )
            .into_response()),
        other => Err(other),
    }
}

async fn library(
    state: &AppState,
    government_id: i64,
    params: &LibraryParams,
    scope: Option<Vec<i64>>,
    public: bool,
) -> ApiResult<Response> {
    let env = Env::of(state);
    let lq = LibraryQuery {
        q: params.q.clone(),
        issuer: params.issuer.clone(),
        year: params.year.clone(),
        status: params.status.clone(),
        page: params.page.clone(),
    };
    let page_no = lq.page_no();
    let issuer = lq.issuer.trim().parse::<i64>().ok();
    let year = lq.year.trim().parse::<i32>().ok();
    let status = STATUS_FILTERS
        .iter()
        .map(|(c, _)| *c)
        .find(|c| *c == lq.status.trim())
        .filter(|c| {
            !public
                || crate::portal_normative::PUBLIC_STATUSES
                    .iter()
                    .any(|(p, _)| p == c)
        })
        .map(str::to_owned);
    let issuers = state.store.normative_issuers(government_id).await?;
    let (documents, total) = if lq.q.trim().is_empty() {
        let (docs, total) = state
            .store
            .list_normative_documents(
                government_id,
                &DocumentFilter {
                    public_only: public,
                    issuer_scope: scope,
                    issuer_id: issuer,
                    year,
                    status,
                    today: Some(env.today),
                    offset: (page_no - 1) * PAGE_SIZE,
                    limit: PAGE_SIZE,
                    ..Default::default()
                },
            )
            .await?;
        (
            docs.iter()
                .map(|d| dto(document_json(d, &issuers, env.today), None))
                .collect::<Vec<_>>(),
            total,
        )
    } else {
        let mut query = search::Query::new(
            government_id,
            if public {
                search::Scope::Portal
            } else {
                search::Scope::Staff
            },
            lq.q.trim(),
        );
        query.issuer_ids = match (issuer, scope) {
            (Some(i), _) => vec![i],
            (None, Some(s)) => s,
            (None, None) => Vec::new(),
        };
        query.years = year.map(|y| (y, y));
        query.statuses = status.into_iter().collect();
        query.offset = ((page_no - 1) * PAGE_SIZE) as usize;
        query.limit = PAGE_SIZE as usize;
        let hits = match run_search(state, &query).await {
            Ok(h) => h,
            Err(e) => return search_failure(e),
        };
        (
            hits.hits
                .iter()
                .map(|h| {
                    let mut v = hit_json(h);
                    v["title"] = json!(h.title.text);
                    v["issuer_id"] = json!(h.issuer_id);
                    dto(v, None)
                })
                .collect(),
            hits.total as i64,
        )
    };
    Ok(Json(NormativeDocumentPage {
        total,
        page: page_no,
        per_page: PAGE_SIZE,
        documents,
    })
    .into_response())
}

/// The library of the caller's government, drafts included (within the caller's scope); with
/// `q`, a full-text search.
#[utoipa::path(get, path = "/api/v1/normative-documents", tag = "normative", params(LibraryParams),
    responses((status = 200, body = NormativeDocumentPage), (status = "4XX", body = ApiError)))]
pub async fn list_normative_documents(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(params): Query<LibraryParams>,
) -> ApiResult<Response> {
    me.require(Action::ViewNormativeDocuments)?;
    let (_, scope) = issuers_in_scope(&state, &me).await?;
    library(&state, me.user.government_id, &params, scope, false).await
}

/// Start a draft with its text.
#[utoipa::path(post, path = "/api/v1/normative-documents", tag = "normative", request_body = NewDraftBody,
    responses((status = 201, body = NormativeDocumentDto), (status = "4XX", body = ApiError)))]
pub async fn create_normative_document(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    raw: RawJson,
) -> ApiResult<(StatusCode, Json<NormativeDocumentDto>)> {
    me.require(Action::DraftNormativeDocuments)?;
    check_csrf_header(&me, &headers)?;
    let body: NewDraftBody = raw.parse()?;
    let upload = DraftUpload {
        title: body.title,
        issuer_id: body.issuer_id.to_string(),
        affects_public: body.affects_public.to_string(),
        drafted_on: body
            .drafted_on
            .unwrap_or_else(|| Env::of(&state).today.to_string()),
        text: body.text,
        ..Default::default()
    };
    let doc = create_draft(&state, &me, &upload).await?;
    Ok((
        StatusCode::CREATED,
        Json(document_dto(&state, &me, &doc).await?),
    ))
}

/// One document with its text (404 outside the caller's scope, unless published).
#[utoipa::path(get, path = "/api/v1/normative-documents/{id}", tag = "normative", params(("id" = i64, Path)),
    responses((status = 200, body = NormativeDocumentDto), (status = "4XX", body = ApiError)))]
pub async fn find_normative_document(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<NormativeDocumentDto>> {
    me.require(Action::ViewNormativeDocuments)?;
    let doc = visible_document(&state, &me, &id).await?;
    Ok(Json(document_dto(&state, &me, &doc).await?))
}

/// Replace the text with the request body: a Word .docx or a text file (UTF-8, UTF-16, GB18030),
/// sent as is. A corrupt file is refused (422, `invalid_input`) and nothing is stored.
#[utoipa::path(put, path = "/api/v1/normative-documents/{id}/text", tag = "normative",
    params(("id" = i64, Path), TextQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, body = NormativeDocumentDto), (status = "4XX", body = ApiError)))]
pub async fn put_normative_text(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<TextQuery>,
    body: Bytes,
) -> ApiResult<Json<NormativeDocumentDto>> {
    me.require(Action::DraftNormativeDocuments)?;
    check_csrf_header(&me, &headers)?;
    let doc = document_in_scope(&state, &me, &id).await?;
    let upload = DraftUpload {
        note: q.note,
        version: q.version,
        file_name: q.file_name,
        file: Some(body.to_vec()),
        ..Default::default()
    };
    let saved = revise_text(&state, &me, &doc, &upload).await?;
    Ok(Json(document_dto(&state, &me, &saved).await?))
}

async fn step<F: serde::de::DeserializeOwned>(
    state: &AppState,
    me: &CurrentUser,
    headers: &HeaderMap,
    id: &str,
    raw: &RawJson,
    action: Action,
) -> ApiResult<(StoredDocument, F)> {
    me.require(action)?;
    check_csrf_header(me, headers)?;
    let doc = document_in_scope(state, me, id).await?;
    let form: F = raw.parse()?;
    Ok((doc, form))
}

macro_rules! step_handler {
    ($name:ident, $path:literal, $form:ty, $action:expr, $doc:literal, |$state:ident, $me:ident, $d:ident, $f:ident| $command:expr) => {
        #[doc = $doc]
        #[utoipa::path(post, path = $path, tag = "normative", params(("id" = i64, Path)), request_body = $form,
            responses((status = 200, body = NormativeDocumentDto), (status = "4XX", body = ApiError)))]
        pub async fn $name(
            State($state): State<AppState>,
            $me: CurrentUser,
            headers: HeaderMap,
            Path(id): Path<String>,
            raw: RawJson,
        ) -> ApiResult<Json<NormativeDocumentDto>> {
            let ($d, $f): (StoredDocument, $form) =
                step(&$state, &$me, &headers, &id, &raw, $action).await?;
            let command = $command;
            let saved = apply(&$state, &$me, &$d, version(&$f.version), command).await?;
            Ok(Json(document_dto(&$state, &$me, &saved).await?))
        }
    };
}

step_handler!(
    comment_normative_document,
    "/api/v1/normative-documents/{id}/comments",
    CommentForm,
    Action::DraftNormativeDocuments,
    "Public comment: `op` is open, exempt, record, answer or close.",
    |state, me, doc, form| form.command()?
);

step_handler!(
    submit_normative_document,
    "/api/v1/normative-documents/{id}/submit",
    SubmitForm,
    Action::DraftNormativeDocuments,
    "Send the current text to legality review; the automatic review runs on it first and its findings go with it.",
    |state, me, doc, form| submit_command(&doc, &form).await?
);

step_handler!(
    dispose_normative_finding,
    "/api/v1/normative-documents/{id}/findings",
    FindingForm,
    Action::ReviewNormativeDocuments,
    "The reviewer accepts, edits or rejects one automatic finding of the current round.",
    |state, me, doc, form| form.command()?
);

step_handler!(
    record_normative_opinion,
    "/api/v1/normative-documents/{id}/opinion",
    OpinionForm,
    Action::ReviewNormativeDocuments,
    "The written legality opinion: lawful, amendments_required or unlawful.",
    |state, me, doc, form| form.command(me.user.id, &me.user.display_name)?
);

step_handler!(
    record_normative_deliberation,
    "/api/v1/normative-documents/{id}/deliberation",
    DeliberationForm,
    Action::ManageNormativeDocuments,
    "The collective deliberation (refused unless the legality review passed).",
    |state, me, doc, form| form.command()?
);

step_handler!(
    publish_normative_document,
    "/api/v1/normative-documents/{id}/publish",
    PublishForm,
    Action::ManageNormativeDocuments,
    "Publication (统一发布), with the effective date and the validity.",
    |state, me, doc, form| form.command()?
);

step_handler!(
    file_normative_document,
    "/api/v1/normative-documents/{id}/filing",
    FilingForm,
    Action::ManageNormativeDocuments,
    "Filing with the level above; a filing after the deadline is recorded as late, not refused.",
    |state, me, doc, form| form.command()?
);

step_handler!(
    review_normative_filing,
    "/api/v1/normative-documents/{id}/filing-review",
    FilingReviewForm,
    Action::ManageNormativeDocuments,
    "The filing review: `decision` accept, demand (a correction) or corrected.",
    |state, me, doc, form| form.command()?
);

step_handler!(
    change_normative_lifecycle,
    "/api/v1/normative-documents/{id}/lifecycle",
    LifecycleForm,
    Action::ManageNormativeDocuments,
    "Renew, expire, repeal, declare void, or withdraw before registration (`op`).",
    |state, me, doc, form| form.command()?
);

/// Register and number (统一登记、统一编号): the number given, or the issuer's next. A duplicate
/// is refused (`normative.number_duplicate`), and so is a gap (`normative.number_gap`).
#[utoipa::path(post, path = "/api/v1/normative-documents/{id}/register", tag = "normative", params(("id" = i64, Path)),
    request_body = RegisterForm,
    responses((status = 200, body = NormativeDocumentDto), (status = "4XX", body = ApiError)))]
pub async fn register_normative_document(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    raw: RawJson,
) -> ApiResult<Json<NormativeDocumentDto>> {
    let (doc, form): (StoredDocument, RegisterForm) = step(
        &state,
        &me,
        &headers,
        &id,
        &raw,
        Action::ManageNormativeDocuments,
    )
    .await?;
    let saved = register_document(&state, &me, &doc, &form).await?;
    Ok(Json(document_dto(&state, &me, &saved).await?))
}

/// An issuing body.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssuerDto {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// government, department or authorised.
    pub kind: String,
    /// The department of a department issuer.
    pub department_id: Option<i64>,
    /// Document-number prefix.
    pub number_prefix: String,
    /// Why it may issue normative documents.
    pub basis: String,
    /// The body it files with.
    pub filing_body: String,
    /// On the portal's list.
    pub published: bool,
}

impl From<&store::Issuer> for IssuerDto {
    fn from(i: &store::Issuer) -> Self {
        IssuerDto {
            id: i.id,
            name: i.input.name.clone(),
            kind: i.input.kind.as_str().into(),
            department_id: i.input.department_id,
            number_prefix: i.input.number_prefix.clone(),
            basis: i.input.basis.clone(),
            filing_body: i.input.filing_body.clone(),
            published: i.published,
        }
    }
}

/// The issuing bodies of the caller's government.
#[utoipa::path(get, path = "/api/v1/normative-issuers", tag = "normative",
    responses((status = 200, body = [IssuerDto]), (status = "4XX", body = ApiError)))]
pub async fn list_normative_issuers(
    State(state): State<AppState>,
    me: CurrentUser,
) -> ApiResult<Json<Vec<IssuerDto>>> {
    me.require(Action::ViewNormativeDocuments)?;
    Ok(Json(
        state
            .store
            .normative_issuers(me.user.government_id)
            .await?
            .iter()
            .map(IssuerDto::from)
            .collect(),
    ))
}

/// Add an issuing body (`op` is ignored).
#[utoipa::path(post, path = "/api/v1/normative-issuers", tag = "normative", request_body = IssuerForm,
    responses((status = 201, body = IssuerDto), (status = "4XX", body = ApiError)))]
pub async fn create_normative_issuer(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    raw: RawJson,
) -> ApiResult<(StatusCode, Json<IssuerDto>)> {
    me.require(Action::ManageNormativeDocuments)?;
    check_csrf_header(&me, &headers)?;
    let form: IssuerForm = raw.parse()?;
    let issuer = crate::pages::normative::registry::save_issuer(&state, &me, None, &form).await?;
    Ok((StatusCode::CREATED, Json(IssuerDto::from(&issuer))))
}

/// Edit an issuing body, or publish or withdraw it (`op`: save, publish, withdraw).
#[utoipa::path(put, path = "/api/v1/normative-issuers/{id}", tag = "normative", params(("id" = i64, Path)),
    request_body = IssuerForm,
    responses((status = 200, body = IssuerDto), (status = "4XX", body = ApiError)))]
pub async fn update_normative_issuer(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    raw: RawJson,
) -> ApiResult<Json<IssuerDto>> {
    me.require(Action::ManageNormativeDocuments)?;
    check_csrf_header(&me, &headers)?;
    let id = parse_id(&id)?;
    state
        .store
        .normative_issuer(me.user.government_id, id)
        .await?;
    let form: IssuerForm = raw.parse()?;
    let issuer =
        crate::pages::normative::registry::save_issuer(&state, &me, Some(id), &form).await?;
    Ok(Json(IssuerDto::from(&issuer)))
}

/// An objection, as staff see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ObjectionDto {
    /// Id.
    pub id: i64,
    /// The document.
    pub document_id: i64,
    /// Received on.
    pub received_on: String,
    /// Who objects.
    pub citizen: String,
    /// Contact (staff only).
    pub contact: String,
    /// Grounds.
    pub grounds: String,
    /// Last day to reply.
    pub reply_due: String,
    /// The reply, once given.
    #[schema(value_type = Option<Object>)]
    pub reply: Option<Value>,
}

fn objection_dto(o: &store::StoredObjection) -> ObjectionDto {
    let v = crate::pages::normative::documents::objection_json(o);
    ObjectionDto {
        id: o.objection.id,
        document_id: o.objection.document_id,
        received_on: o.objection.received_on.to_string(),
        citizen: o.objection.citizen.clone(),
        contact: o.contact.clone(),
        grounds: o.objection.grounds.clone(),
        reply_due: o.reply_due.clone(),
        reply: (!v["reply"].is_null()).then(|| v["reply"].clone()),
    }
}

/// Query of the objection list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct ObjectionParams {
    /// `all` for every objection; the open ones otherwise (soonest due first).
    pub show: String,
}

/// Objections and review requests received.
#[utoipa::path(get, path = "/api/v1/normative-objections", tag = "normative", params(ObjectionParams),
    responses((status = 200, body = [ObjectionDto]), (status = "4XX", body = ApiError)))]
pub async fn list_normative_objections(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<ObjectionParams>,
) -> ApiResult<Json<Vec<ObjectionDto>>> {
    me.require(Action::ViewNormativeDocuments)?;
    Ok(Json(
        state
            .store
            .normative_objections(me.user.government_id, q.show != "all")
            .await?
            .iter()
            .map(objection_dto)
            .collect(),
    ))
}

/// Reply to an objection (published with the document; a late reply is recorded as late).
#[utoipa::path(post, path = "/api/v1/normative-objections/{id}/reply", tag = "normative", params(("id" = i64, Path)),
    request_body = ReplyForm,
    responses((status = 200, body = ObjectionDto), (status = "4XX", body = ApiError)))]
pub async fn reply_normative_objection(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    raw: RawJson,
) -> ApiResult<Json<ObjectionDto>> {
    me.require(Action::ManageNormativeDocuments)?;
    check_csrf_header(&me, &headers)?;
    let id = parse_id(&id)?;
    state
        .store
        .normative_objection(me.user.government_id, id)
        .await?;
    let form: ReplyForm = raw.parse()?;
    let o = crate::pages::normative::registry::reply_objection(&state, &me, id, &form).await?;
    Ok(Json(objection_dto(&o)))
}

/// Clean-up campaigns, newest first, with their documents and lists.
#[utoipa::path(get, path = "/api/v1/normative-cleanups", tag = "normative",
    responses((status = 200, body = [Object]), (status = "4XX", body = ApiError)))]
pub async fn list_normative_cleanups(
    State(state): State<AppState>,
    me: CurrentUser,
) -> ApiResult<Json<Vec<Value>>> {
    me.require(Action::ViewNormativeDocuments)?;
    let gov = me.user.government_id;
    let mut out = Vec::new();
    for c in state.store.normative_campaigns(gov).await? {
        out.push(crate::pages::normative::registry::campaign_json(&state, gov, &c).await?);
    }
    Ok(Json(out))
}

/// Start a clean-up campaign over the documents in force (`scope`: all, or an issuer id).
#[utoipa::path(post, path = "/api/v1/normative-cleanups", tag = "normative", request_body = CampaignForm,
    responses((status = 201, body = Object), (status = "4XX", body = ApiError)))]
pub async fn start_normative_cleanup(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    raw: RawJson,
) -> ApiResult<(StatusCode, Json<Value>)> {
    me.require(Action::ManageNormativeDocuments)?;
    check_csrf_header(&me, &headers)?;
    let form: CampaignForm = raw.parse()?;
    let c = crate::pages::normative::registry::start_campaign(&state, &me, &form).await?;
    let v =
        crate::pages::normative::registry::campaign_json(&state, me.user.government_id, &c).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

async fn campaign_of(
    state: &AppState,
    me: &CurrentUser,
    id: &str,
) -> ApiResult<store::StoredCampaign> {
    Ok(state
        .store
        .normative_campaign(me.user.government_id, parse_id(id)?)
        .await?)
}

/// Decide one document of an open campaign: keep, amend, repeal or declare_void, with reasons.
#[utoipa::path(post, path = "/api/v1/normative-cleanups/{id}/decisions", tag = "normative", params(("id" = i64, Path)),
    request_body = DecisionForm,
    responses((status = 200, body = Object), (status = "4XX", body = ApiError)))]
pub async fn decide_normative_cleanup(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    raw: RawJson,
) -> ApiResult<Json<Value>> {
    me.require(Action::ManageNormativeDocuments)?;
    check_csrf_header(&me, &headers)?;
    let stored = campaign_of(&state, &me, &id).await?;
    let form: DecisionForm = raw.parse()?;
    let c = crate::pages::normative::registry::decide_campaign(&state, &me, &stored, &form).await?;
    Ok(Json(
        crate::pages::normative::registry::campaign_json(&state, me.user.government_id, &c).await?,
    ))
}

/// Close a campaign: its lists are published and its repeals carried onto the documents.
#[utoipa::path(post, path = "/api/v1/normative-cleanups/{id}/close", tag = "normative", params(("id" = i64, Path)),
    request_body = CloseForm,
    responses((status = 200, body = Object), (status = "4XX", body = ApiError)))]
pub async fn close_normative_cleanup(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    raw: RawJson,
) -> ApiResult<Json<Value>> {
    me.require(Action::ManageNormativeDocuments)?;
    check_csrf_header(&me, &headers)?;
    let stored = campaign_of(&state, &me, &id).await?;
    let form: CloseForm = raw.parse()?;
    let c = crate::pages::normative::registry::close_campaign(&state, &me, &stored, &form).await?;
    Ok(Json(
        crate::pages::normative::registry::campaign_json(&state, me.user.government_id, &c).await?,
    ))
}

/// The portal's library: published documents only; with `q`, a full-text search. A query of
/// punctuation only answers 400 `search.empty_query`.
#[utoipa::path(get, path = "/api/v1/public/normative-documents", tag = "public", params(LibraryParams),
    responses((status = 200, body = NormativeDocumentPage), (status = "4XX", body = ApiError)))]
pub async fn list_public_normative_documents(
    State(state): State<AppState>,
    Query(params): Query<LibraryParams>,
) -> ApiResult<Response> {
    let gov = public_government(&state, &params.government).await?;
    library(&state, gov, &params, None, true).await
}

/// Query naming a government.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct GovernmentParams {
    /// Government id (default: the first with documents).
    pub government: String,
}

async fn public_government(state: &AppState, raw: &str) -> ApiResult<i64> {
    let governments = state.store.list_governments().await?;
    if let Ok(id) = raw.trim().parse::<i64>() {
        return governments
            .iter()
            .find(|g| g.id == id)
            .map(|g| g.id)
            .ok_or(WebError::NotFound);
    }
    for g in &governments {
        if !state.store.normative_issuers(g.id).await?.is_empty() {
            return Ok(g.id);
        }
    }
    governments.first().map(|g| g.id).ok_or(WebError::NotFound)
}

/// A published document with its text, public history and answered objections.
#[utoipa::path(get, path = "/api/v1/public/normative-documents/{id}", tag = "public",
    params(("id" = i64, Path), GovernmentParams),
    responses((status = 200, body = NormativeDocumentDto), (status = "4XX", body = ApiError)))]
pub async fn find_public_normative_document(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<GovernmentParams>,
) -> ApiResult<Json<NormativeDocumentDto>> {
    let gov = public_government(&state, &q.government).await?;
    let doc = state.store.normative_document(gov, parse_id(&id)?).await?;
    if !doc.document.is_public() {
        return Err(WebError::NotFound);
    }
    let v = crate::portal_normative::public_document_json(&state, gov, &doc).await?;
    let mut d = dto(v, doc.body.clone());
    d.version = 0;
    Ok(Json(d))
}

/// Object to a published document, or ask for its review (异议、审查建议). The reply is due
/// within the reply period and is published with the document.
#[utoipa::path(post, path = "/api/v1/public/normative-documents/{id}/objections", tag = "public",
    params(("id" = i64, Path), GovernmentParams), request_body = ObjectionForm,
    responses((status = 201, body = Object), (status = "4XX", body = ApiError)))]
pub async fn object_to_normative_document(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<GovernmentParams>,
    raw: RawJson,
) -> ApiResult<(StatusCode, Json<Value>)> {
    // JSON only: a cross-site form cannot send it without a CORS preflight.
    let json_body = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !json_body {
        return Err(WebError::BadRequest("请以 application/json 提交".into()));
    }
    let gov = public_government(&state, &q.government).await?;
    let doc = state.store.normative_document(gov, parse_id(&id)?).await?;
    if !doc.document.is_public() {
        return Err(WebError::NotFound);
    }
    let form: ObjectionForm = raw.parse()?;
    let o = crate::portal_normative::receive_objection(&state, gov, &doc, &form).await?;
    Ok((
        StatusCode::CREATED,
        Json(
            json!({"id": o.objection.id, "received_on": o.objection.received_on.to_string(), "reply_due": o.reply_due}),
        ),
    ))
}

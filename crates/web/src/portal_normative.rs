//! The portal's normative-document library (行政规范性文件库): full-text search in Chinese and
//! filters by issuing body, year and status; each document with its text, number, dates,
//! status, history and the published answers to objections, and a form to object; the list of
//! issuing bodies (制定主体清单); the results of clean-up campaigns; and drafts out for public
//! comment (公开征求意见) with the comments received, the drafter's answers and a form to comment.
//!
//! Only what has been published: drafts never appear except while out for comment, and a
//! citizen's contact details never appear at all. Public forms carry a double-submit token
//! (the pre-login CSRF cookie), since a visitor has no session.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use domain::FieldErrors;
use domain::normative::Stage;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use store::{Actor, DocumentFilter, StoredDocument};

use crate::auth::{self, LOGIN_CSRF_COOKIE};
use crate::pages::normative::documents::{LibraryQuery, hit_json, run_search};
use crate::pages::normative::forms::{ObjectionForm, PublicCommentForm};
use crate::pages::normative::{
    Env, PAGE_SIZE, PUBLIC_EVENTS, document_json, event_label, index_now, text_lines,
};
use crate::pages::org::parse_id;
use crate::pages::{PageResult, page, see_other};
use crate::{AppState, WebError};

/// The statuses the public filters by: (code, label).
pub const PUBLIC_STATUSES: &[(&str, &str)] = &[
    ("in_force", "现行有效"),
    ("not_yet_in_force", "尚未施行"),
    ("expired", "已失效"),
    ("repealed", "已废止"),
    ("void", "宣布失效"),
];

/// The actor of what the public submits.
fn public_actor() -> Actor {
    Actor {
        user_id: None,
        name: "社会公众（门户网站）".into(),
    }
}

/// Query naming a government (default: the first that has normative documents).
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct GovernmentQuery {
    /// Government id.
    pub government: String,
}

/// The government a portal page is about.
async fn government(state: &AppState, raw: &str) -> Result<store::Government, WebError> {
    let governments = state.store.list_governments().await?;
    if let Ok(id) = raw.trim().parse::<i64>() {
        return governments
            .into_iter()
            .find(|g| g.id == id)
            .ok_or(WebError::NotFound);
    }
    for g in &governments {
        if !state.store.normative_issuers(g.id).await?.is_empty() {
            return Ok(g.clone());
        }
    }
    governments.into_iter().next().ok_or(WebError::NotFound)
}

/// The double-submit token of a visitor: the cookie's value if set, else a new one.
fn public_token(headers: &HeaderMap) -> String {
    auth::cookie(headers, LOGIN_CSRF_COOKIE).unwrap_or_else(auth::random_token)
}

fn with_token(
    state: &AppState,
    mut resp: axum::response::Response,
    token: &str,
) -> axum::response::Response {
    if let Ok(v) = auth::set_cookie(state, LOGIN_CSRF_COOKIE, token, Some(3600)).parse() {
        resp.headers_mut().insert(header::SET_COOKIE, v);
    }
    resp
}

fn check_public_token(headers: &HeaderMap, token: &str) -> Result<(), WebError> {
    let expected = auth::cookie(headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    if expected.is_empty() || !auth::constant_time_eq(expected.as_bytes(), token.as_bytes()) {
        return Err(WebError::Csrf);
    }
    Ok(())
}

/// Query of the portal library.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct PortalLibraryQuery {
    /// Government id.
    pub government: String,
    /// The library filters.
    #[serde(flatten)]
    pub library: LibraryQuery,
}

/// GET /normative — the library.
pub async fn library(
    State(state): State<AppState>,
    Query(q): Query<PortalLibraryQuery>,
) -> PageResult {
    let gov = government(&state, &q.government).await?;
    let env = Env::of(&state);
    let issuers = state.store.normative_issuers(gov.id).await?;
    let lq = &q.library;
    let page_no = lq.page_no();
    let issuer = lq.issuer.trim().parse::<i64>().ok();
    let year = lq.year.trim().parse::<i32>().ok();
    let status = PUBLIC_STATUSES
        .iter()
        .find(|(c, _)| *c == lq.status.trim())
        .map(|(c, _)| (*c).to_owned());
    let mut error = String::new();
    let mut code = StatusCode::OK;
    let (rows, total): (Vec<Value>, i64) = if lq.q.trim().is_empty() {
        let (docs, total) = state
            .store
            .list_normative_documents(
                gov.id,
                &DocumentFilter {
                    public_only: true,
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
                .map(|d| document_json(d, &issuers, env.today))
                .collect(),
            total,
        )
    } else {
        let mut query = search::Query::new(gov.id, search::Scope::Portal, lq.q.trim());
        query.issuer_ids = issuer.into_iter().collect();
        query.years = year.map(|y| (y, y));
        query.statuses = status.into_iter().collect();
        query.offset = ((page_no - 1) * PAGE_SIZE) as usize;
        query.limit = PAGE_SIZE as usize;
        match run_search(&state, &query).await {
            Ok(hits) => (hits.hits.iter().map(hit_json).collect(), hits.total as i64),
            Err(WebError::Refused(r)) => {
                error = r.message;
                code = StatusCode::BAD_REQUEST;
                (Vec::new(), 0)
            }
            Err(e) => return Err(e.into()),
        }
    };
    let years = state.store.normative_years(gov.id, true).await?;
    let base = lq.base("/normative").replacen(
        "/normative?",
        &format!("/normative?government={}&", gov.id),
        1,
    );
    page(
        code,
        "portal_normative.html",
        &json!({
            "government_id": gov.id.to_string(), "government_name": gov.name,
            "documents": rows, "total": total, "page": page_no,
            "n_pages": ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1), "base": base,
            "filter": lq, "searching": !lq.q.trim().is_empty(), "error": error,
            "issuers": issuers.iter().filter(|i| i.published).map(|i| json!({"id": i.id.to_string(), "name": i.input.name})).collect::<Vec<_>>(),
            "years": years.iter().map(|y| y.to_string()).collect::<Vec<_>>(),
            "statuses": PUBLIC_STATUSES.iter().map(|(v, l)| json!({"value": v, "label": l})).collect::<Vec<_>>(),
        }),
    )
}

/// A published document of a government, or "not found".
async fn published_document(
    state: &AppState,
    government_id: i64,
    raw_id: &str,
) -> Result<StoredDocument, WebError> {
    let doc = state
        .store
        .normative_document(government_id, parse_id(raw_id)?)
        .await?;
    if doc.document.is_public() {
        Ok(doc)
    } else {
        Err(WebError::NotFound)
    }
}

/// A citizen's name as published: the surname and 某 (the full name is kept for the reply).
pub fn masked_name(name: &str) -> String {
    let name = name.trim();
    let n = name.chars().count();
    // Organisations (公司、协会…) are named in full; a person's name is masked.
    if n > 4 {
        return name.to_owned();
    }
    match name.chars().next() {
        Some(first) => format!("{first}某"),
        None => "匿名".to_owned(),
    }
}

/// The public view of a document: its text, its public history, the answered objections.
pub async fn public_document_json(
    state: &AppState,
    government_id: i64,
    doc: &StoredDocument,
) -> Result<Value, WebError> {
    let env = Env::of(state);
    let issuers = state.store.normative_issuers(government_id).await?;
    let mut v = document_json(doc, &issuers, env.today);
    // Nothing of the drafting procedure is on the portal.
    for key in [
        "reviews",
        "deliberations",
        "next_due",
        "version",
        "text_seq",
    ] {
        if let Some(o) = v.as_object_mut() {
            o.remove(key);
        }
    }
    let history: Vec<Value> = state
        .store
        .normative_events(government_id, doc.document.id)
        .await?
        .iter()
        .filter(|e| PUBLIC_EVENTS.contains(&e.kind.as_str()))
        .map(|e| {
            let detail: Vec<String> = e
                .fields
                .iter()
                .filter(|(k, _)| {
                    matches!(
                        k.as_str(),
                        "number"
                            | "effective_on"
                            | "valid_until"
                            | "recipient"
                            | "reason"
                            | "evaluation"
                            | "summary"
                            | "late"
                    )
                })
                .filter(|(k, v)| k != "late" || v == "true")
                .map(|(k, v)| {
                    if k == "late" {
                        "逾期报备".to_owned()
                    } else {
                        format!(
                            "{}：{v}",
                            crate::pages::normative::documents::field_label(k)
                        )
                    }
                })
                .collect();
            json!({"on": e.on_date, "label": event_label(&e.kind), "detail": detail.join("；")})
        })
        .collect();
    let objections: Vec<Value> = state
        .store
        .normative_objections_of(government_id, doc.document.id)
        .await?
        .iter()
        .filter_map(|o| {
            let r = o.objection.reply.as_ref()?;
            Some(json!({
                "received_on": o.objection.received_on.to_string(),
                "citizen": masked_name(&o.objection.citizen),
                "grounds": o.objection.grounds,
                "replied_on": r.replied_on.to_string(), "finding_label": r.finding.label(), "reply": r.text,
            }))
        })
        .collect();
    v["history"] = json!(history);
    v["objections"] = json!(objections);
    Ok(v)
}

#[expect(clippy::too_many_arguments, reason = "one page, every piece it shows")]
async fn document_page(
    state: &AppState,
    headers: &HeaderMap,
    government: &store::Government,
    doc: &StoredDocument,
    form: &ObjectionForm,
    errors: &FieldErrors,
    message: &str,
    status: StatusCode,
) -> PageResult {
    let token = public_token(headers);
    let v = public_document_json(state, government.id, doc).await?;
    let body = doc.body.clone().unwrap_or_default();
    let resp = page(
        status,
        "portal_normative_document.html",
        &json!({
            "government_id": government.id, "government_name": government.name,
            "doc": v, "lines": text_lines(&body), "csrf": token, "form": form,
            "errors": errors.0, "message": message,
            "may_object": doc.document.stage == Stage::Published,
        }),
    )?;
    Ok(with_token(state, resp, &token))
}

/// Query of a document page.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DocumentQuery {
    /// Government id.
    pub government: String,
    /// Set after an objection was received.
    pub received: String,
}

/// GET /normative/{id}
pub async fn document(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<DocumentQuery>,
) -> PageResult {
    let gov = government(&state, &q.government).await?;
    let doc = published_document(&state, gov.id, &id).await?;
    let message = if q.received.is_empty() {
        ""
    } else {
        "您的异议已收到，我们将在规定期限内答复，答复将与本文件一并公开。"
    };
    document_page(
        &state,
        &headers,
        &gov,
        &doc,
        &ObjectionForm::default(),
        &FieldErrors::new(),
        message,
        StatusCode::OK,
    )
    .await
}

/// Registers a citizen's objection to a published document; the caller checked the token.
pub async fn receive_objection(
    state: &AppState,
    government_id: i64,
    doc: &StoredDocument,
    form: &ObjectionForm,
) -> Result<store::StoredObjection, WebError> {
    let channel = form.channel()?;
    let mut errors = FieldErrors::new();
    if form.contact.trim().is_empty() {
        errors.add("contact", "请填写联系方式（电话或地址），以便答复");
    }
    if form.citizen.chars().count() > 60 || form.contact.chars().count() > 100 {
        errors.add("citizen", "姓名或联系方式过长");
    }
    if form.grounds.chars().count() > 5_000 {
        errors.add("grounds", "异议理由不超过5000字");
    }
    errors.into_result()?;
    let env = Env::of(state);
    let mut tx = state
        .store
        .begin_write(government_id, &public_actor(), state.now())
        .await?;
    let o = tx
        .receive_normative_objection(
            &env.flow(),
            doc.document.id,
            &form.citizen,
            &form.contact,
            &form.grounds,
            channel,
            env.today,
        )
        .await?;
    tx.commit().await?;
    Ok(o)
}

/// POST /normative/{id}/objections
pub async fn object(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<GovernmentQuery>,
    Form(form): Form<ObjectionForm>,
) -> PageResult {
    check_public_token(&headers, &form.csrf)?;
    let gov = government(&state, &q.government).await?;
    let doc = published_document(&state, gov.id, &id).await?;
    let refused = |errors: FieldErrors, message: String| {
        let state = state.clone();
        let headers = headers.clone();
        let gov = gov.clone();
        let doc = doc.clone();
        let form = form.clone();
        async move {
            document_page(
                &state,
                &headers,
                &gov,
                &doc,
                &form,
                &errors,
                &message,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    };
    match receive_objection(&state, gov.id, &doc, &form).await {
        Ok(_) => see_other(&format!(
            "/normative/{}?government={}&received=1#objection",
            doc.document.id, gov.id
        )),
        Err(WebError::Invalid(errors)) => refused(errors, "请检查填写的内容".into()).await,
        Err(WebError::Refused(r)) => {
            let mut errors = FieldErrors::new();
            let field = match r.code {
                "normative_objection.citizen_missing" => "citizen",
                "normative_objection.grounds_missing" => "grounds",
                _ => "grounds",
            };
            errors.add(field, r.message.clone());
            refused(errors, r.message).await
        }
        Err(e) => Err(e.into()),
    }
}

/// GET /normative/issuers — 制定主体清单.
pub async fn issuers(
    State(state): State<AppState>,
    Query(q): Query<GovernmentQuery>,
) -> PageResult {
    let gov = government(&state, &q.government).await?;
    let departments = state.store.list_departments(gov.id).await?;
    let issuers: Vec<Value> = state
        .store
        .normative_issuers(gov.id)
        .await?
        .iter()
        .filter(|i| i.published)
        .map(|i| crate::pages::normative::registry::issuer_json(i, &departments))
        .collect();
    page(
        StatusCode::OK,
        "portal_normative_issuers.html",
        &json!({"government_id": gov.id, "government_name": gov.name, "issuers": issuers}),
    )
}

/// GET /normative/cleanup — the published results of closed clean-up campaigns.
pub async fn cleanups(
    State(state): State<AppState>,
    Query(q): Query<GovernmentQuery>,
) -> PageResult {
    let gov = government(&state, &q.government).await?;
    let mut campaigns = Vec::new();
    for c in state.store.normative_campaigns(gov.id).await? {
        if c.campaign.closed_on.is_some() {
            campaigns
                .push(crate::pages::normative::registry::campaign_json(&state, gov.id, &c).await?);
        }
    }
    page(
        StatusCode::OK,
        "portal_normative_cleanups.html",
        &json!({"government_id": gov.id, "government_name": gov.name, "campaigns": campaigns}),
    )
}

/// GET /normative/consultations — drafts out for public comment.
pub async fn consultations(
    State(state): State<AppState>,
    Query(q): Query<GovernmentQuery>,
) -> PageResult {
    let gov = government(&state, &q.government).await?;
    let env = Env::of(&state);
    let issuers = state.store.normative_issuers(gov.id).await?;
    let (docs, _) = state
        .store
        .list_normative_documents(
            gov.id,
            &DocumentFilter {
                stage: Some(Stage::PublicComment.as_str().into()),
                limit: 100,
                ..Default::default()
            },
        )
        .await?;
    let rows: Vec<Value> = docs
        .iter()
        .map(|d| document_json(d, &issuers, env.today))
        .collect();
    page(
        StatusCode::OK,
        "portal_consultations.html",
        &json!({"government_id": gov.id, "government_name": gov.name, "documents": rows}),
    )
}

/// A draft out for comment (or whose comment has closed, with the answers), or "not found".
async fn consulted_document(
    state: &AppState,
    government_id: i64,
    raw_id: &str,
) -> Result<StoredDocument, WebError> {
    let doc = state
        .store
        .normative_document(government_id, parse_id(raw_id)?)
        .await?;
    if doc.document.public_comment.is_some() {
        Ok(doc)
    } else {
        Err(WebError::NotFound)
    }
}

#[expect(clippy::too_many_arguments, reason = "one page, every piece it shows")]
async fn consultation_page(
    state: &AppState,
    headers: &HeaderMap,
    government: &store::Government,
    doc: &StoredDocument,
    form: &PublicCommentForm,
    errors: &FieldErrors,
    message: &str,
    status: StatusCode,
) -> PageResult {
    let token = public_token(headers);
    let env = Env::of(state);
    let issuers = state.store.normative_issuers(government.id).await?;
    let mut v = document_json(doc, &issuers, env.today);
    if let Some(comments) = v["public_comment"]["comments"].as_array_mut() {
        for c in comments {
            let masked = masked_name(c["commenter"].as_str().unwrap_or(""));
            c["commenter"] = json!(masked);
        }
    }
    let body = doc.body.clone().unwrap_or_default();
    let resp = page(
        status,
        "portal_consultation.html",
        &json!({
            "government_id": government.id, "government_name": government.name, "doc": v,
            "lines": text_lines(&body), "csrf": token, "form": form, "errors": errors.0, "message": message,
            "open": doc.document.stage == Stage::PublicComment,
        }),
    )?;
    Ok(with_token(state, resp, &token))
}

/// GET /normative/consultations/{id}
pub async fn consultation(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<DocumentQuery>,
) -> PageResult {
    let gov = government(&state, &q.government).await?;
    let doc = consulted_document(&state, gov.id, &id).await?;
    let message = if q.received.is_empty() {
        ""
    } else {
        "您的意见已收到。起草单位将逐条研究，并公开采纳情况。"
    };
    consultation_page(
        &state,
        &headers,
        &gov,
        &doc,
        &PublicCommentForm::default(),
        &FieldErrors::new(),
        message,
        StatusCode::OK,
    )
    .await
}

/// POST /normative/consultations/{id}/comments
pub async fn comment(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<GovernmentQuery>,
    Form(form): Form<PublicCommentForm>,
) -> PageResult {
    check_public_token(&headers, &form.csrf)?;
    let gov = government(&state, &q.government).await?;
    let doc = consulted_document(&state, gov.id, &id).await?;
    let env = Env::of(&state);
    let mut errors = FieldErrors::new();
    if form.text.chars().count() > 5_000 || form.commenter.chars().count() > 60 {
        errors.add("text", "意见不超过5000字");
    }
    let result = match errors.into_result() {
        Err(e) => Err(WebError::Invalid(e)),
        Ok(()) => {
            async {
                let mut tx = state
                    .store
                    .begin_write(gov.id, &public_actor(), state.now())
                    .await?;
                tx.apply_normative_command(
                    &env.flow(),
                    doc.document.id,
                    None,
                    domain::normative::Command::RecordComment {
                        received_on: env.today,
                        commenter: form.commenter.clone(),
                        text: form.text.clone(),
                    },
                )
                .await?;
                tx.commit().await?;
                Ok::<_, WebError>(())
            }
            .await
        }
    };
    match result {
        Ok(()) => {
            index_now(&state).await;
            see_other(&format!(
                "/normative/consultations/{}?government={}&received=1",
                doc.document.id, gov.id
            ))
        }
        Err(WebError::Refused(r)) => {
            let mut errors = FieldErrors::new();
            errors.add("text", r.message.clone());
            consultation_page(
                &state,
                &headers,
                &gov,
                &doc,
                &form,
                &errors,
                &r.message,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(WebError::Invalid(errors)) => {
            consultation_page(
                &state,
                &headers,
                &gov,
                &doc,
                &form,
                &errors,
                "请检查填写的内容",
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

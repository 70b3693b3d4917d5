//! The library (with full-text search, drafts included), the draft form, the document page and
//! text revisions.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use calendar::Datelike;
use domain::FieldErrors;
use domain::normative::Stage;
use domain::permission::{Action, allows};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use store::{DocumentFilter, NewDraft, NewText, StoredDocument, TextSource};

use super::{
    Env, MAX_TEXT_CHARS, PAGE_SIZE, actor, allowed_actions, decode_upload, document_json,
    event_label, index_now, issuer_choices, issuers_in_scope, normalise_text, text_lines,
    visible_document,
};
use crate::auth::{CurrentUser, PageUser};
use crate::pages::{PageResult, base_context, merge, page, see_other};
use crate::{AppState, WebError};

/// Largest draft upload: a .docx with pictures is a few megabytes.
pub const MAX_UPLOAD_BYTES: usize = 20 * 1024 * 1024;

/// The status filters offered to staff: (code, label).
pub const STATUS_FILTERS: &[(&str, &str)] = &[
    ("draft", "草稿"),
    ("public_comment", "征求意见中"),
    ("under_review", "审核审议中"),
    ("not_yet_in_force", "尚未施行"),
    ("in_force", "现行有效"),
    ("expired", "已失效"),
    ("repealed", "已废止"),
    ("void", "宣布失效"),
    ("withdrawn", "终止制定"),
];

/// Query of the library.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct LibraryQuery {
    /// Words searched in the full text.
    pub q: String,
    /// Issuer id.
    pub issuer: String,
    /// Year.
    pub year: String,
    /// A status code of [`STATUS_FILTERS`].
    pub status: String,
    /// Page from 1.
    pub page: String,
}

impl LibraryQuery {
    /// The page number.
    pub fn page_no(&self) -> i64 {
        self.page
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|p| *p >= 1)
            .unwrap_or(1)
    }

    /// The query string without the page, for paging links.
    pub fn base(&self, path: &str) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("q", &self.q),
            ("issuer", &self.issuer),
            ("year", &self.year),
            ("status", &self.status),
        ] {
            if !v.trim().is_empty() {
                parts.push(format!(
                    "{k}={}",
                    crate::pages::powers::url_encode(v.trim())
                ));
            }
        }
        if parts.is_empty() {
            format!("{path}?")
        } else {
            format!("{path}?{}&", parts.join("&"))
        }
    }
}

/// One row of a library list: from the store or from the index (with highlights).
pub fn hit_json(hit: &search::Hit) -> Value {
    let segments = |h: &search::Highlighted| -> Vec<Value> {
        h.segments()
            .into_iter()
            .map(|(t, m)| json!({"text": t, "mark": m}))
            .collect()
    };
    let label = STATUS_FILTERS
        .iter()
        .find(|(c, _)| *c == hit.status)
        .map(|(_, l)| *l)
        .unwrap_or("");
    json!({
        "id": hit.id, "title_segments": segments(&hit.title), "snippet": segments(&hit.snippet),
        "number": hit.document_number, "issuer_name": hit.issuer_name, "year": hit.year,
        "status": hit.status, "status_label": label, "status_class": super::status_class(&hit.status),
    })
}

/// Runs a full-text search after feeding the index; a query without words is the user's error.
pub async fn run_search(state: &AppState, query: &search::Query) -> Result<search::Hits, WebError> {
    index_now(state).await;
    let service = state.search.clone();
    let query = query.clone();
    let result = tokio::task::spawn_blocking(move || service.index().search(&query))
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;
    result.map_err(search_error)
}

/// A search error as the web answers it: the user's mistakes are 400 with the index's message.
pub fn search_error(e: search::SearchError) -> WebError {
    if e.is_user_error() {
        WebError::Refused(domain::Refusal::new(e.code(), e.to_string()))
    } else {
        WebError::Internal(e.to_string())
    }
}

/// GET /staff/normative
pub async fn list(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(q): Query<LibraryQuery>,
) -> PageResult {
    me.require(Action::ViewNormativeDocuments)?;
    let env = Env::of(&state);
    let gov = me.user.government_id;
    let (issuers, scope) = issuers_in_scope(&state, &me).await?;
    let page_no = q.page_no();
    let issuer = q
        .issuer
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| scope.as_ref().is_none_or(|s| s.contains(id)));
    let year = q.year.trim().parse::<i32>().ok();
    let status = STATUS_FILTERS
        .iter()
        .find(|(c, _)| *c == q.status.trim())
        .map(|(c, _)| (*c).to_owned());
    let mut error = String::new();
    let mut status_code = StatusCode::OK;
    let (rows, total): (Vec<Value>, i64) = if q.q.trim().is_empty() {
        let (docs, total) = state
            .store
            .list_normative_documents(
                gov,
                &DocumentFilter {
                    issuer_scope: scope.clone(),
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
        let mut query = search::Query::new(gov, search::Scope::Staff, q.q.trim());
        query.issuer_ids = match (issuer, &scope) {
            (Some(i), _) => vec![i],
            (None, Some(s)) => s.clone(),
            (None, None) => Vec::new(),
        };
        query.years = year.map(|y| (y, y));
        query.statuses = status.into_iter().collect();
        query.offset = ((page_no - 1) * PAGE_SIZE) as usize;
        query.limit = PAGE_SIZE as usize;
        match run_search(&state, &query).await {
            Ok(hits) => (hits.hits.iter().map(hit_json).collect(), hits.total as i64),
            Err(WebError::Refused(r)) => {
                error = r.message;
                status_code = StatusCode::BAD_REQUEST;
                (Vec::new(), 0)
            }
            Err(e) => return Err(e.into()),
        }
    };
    let counts = state.store.normative_stage_counts(gov).await?;
    let stats: Vec<Value> = [
        ("起草中", vec![Stage::Drafting, Stage::ReturnedByReview]),
        ("征求意见", vec![Stage::PublicComment]),
        ("合法性审核", vec![Stage::UnderLegalityReview]),
        (
            "待审议登记公布",
            vec![Stage::ReviewPassed, Stage::Adopted, Stage::Registered],
        ),
        ("已公布", vec![Stage::Published]),
        (
            "已失效或废止",
            vec![Stage::Expired, Stage::Repealed, Stage::Void],
        ),
    ]
    .iter()
    .map(|(label, stages)| {
        let n: i64 = stages
            .iter()
            .map(|s| counts.get(s.as_str()).copied().unwrap_or(0))
            .sum();
        json!({"label": label, "n": n})
    })
    .collect();
    let years = state.store.normative_years(gov, false).await?;
    let ctx = merge(
        base_context(&state, &me, "/staff/normative", "行政规范性文件").await?,
        json!({
            "documents": rows, "total": total, "page": page_no,
            "n_pages": ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1), "base": q.base("/staff/normative"),
            "filter": q, "searching": !q.q.trim().is_empty(), "error": error, "stats": stats,
            "issuers": issuer_choices(&issuers, scope.as_deref()),
            "years": years.iter().map(|y| y.to_string()).collect::<Vec<_>>(),
            "statuses": STATUS_FILTERS.iter().map(|(v, l)| json!({"value": v, "label": l})).collect::<Vec<_>>(),
            "can_draft": allows(me.user.role, Action::DraftNormativeDocuments),
            "can_manage": allows(me.user.role, Action::ManageNormativeDocuments),
        }),
    );
    page(status_code, "normative_list.html", &ctx)
}

/// The fields of a draft or text-revision upload.
#[derive(Debug, Default, Clone, Serialize)]
pub struct DraftUpload {
    /// Title.
    pub title: String,
    /// Issuer id.
    pub issuer_id: String,
    /// Checkbox.
    pub affects_public: String,
    /// Day drafting started.
    pub drafted_on: String,
    /// Text written in the page.
    pub text: String,
    /// What changed (revision).
    pub note: String,
    /// The version shown (revision).
    pub version: String,
    /// The uploaded file's name.
    #[serde(skip)]
    pub file_name: String,
    /// The uploaded file.
    #[serde(skip)]
    pub file: Option<Vec<u8>>,
}

/// Reads a multipart draft form.
pub async fn read_upload(
    request: axum::extract::Request,
    state: &AppState,
) -> Result<DraftUpload, WebError> {
    let mut multipart = crate::pages::report_review::multipart_of(request, state).await?;
    let mut fields: BTreeMap<String, String> = BTreeMap::new();
    let mut upload = DraftUpload::default();
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
        let name = field.name().unwrap_or("").to_owned();
        let file_name = field.file_name().unwrap_or("").to_owned();
        let bytes = match field.bytes().await {
            Ok(b) => b,
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
        if name == "file" {
            // The browser sends an empty part when no file was chosen.
            if !bytes.is_empty() {
                upload.file_name = file_name;
                upload.file = Some(bytes.to_vec());
            }
        } else {
            fields.insert(name, String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    let mut take = |k: &str| fields.remove(k).unwrap_or_default();
    upload.title = take("title");
    upload.issuer_id = take("issuer_id");
    upload.affects_public = take("affects_public");
    upload.drafted_on = take("drafted_on");
    upload.text = take("text");
    upload.note = take("note");
    upload.version = take("version");
    Ok(upload)
}

/// The text of an upload: the file when one was chosen, else the text box.
pub fn text_of(upload: &DraftUpload, errors: &mut FieldErrors) -> Option<NewText> {
    let (body, source, file_name) = match &upload.file {
        Some(bytes) => match decode_upload(bytes) {
            Ok((body, source)) => (body, source, upload.file_name.clone()),
            Err(m) => {
                errors.add("file", m);
                return None;
            }
        },
        None => (
            normalise_text(&upload.text),
            TextSource::Typed,
            String::new(),
        ),
    };
    if body.trim().is_empty() {
        errors.add("text", "请上传草案文件（.docx 或 .txt）或在页面中填写正文");
        return None;
    }
    if body.chars().count() > MAX_TEXT_CHARS {
        errors.add(
            "text",
            format!("正文超过{MAX_TEXT_CHARS}字，请检查是否上传了错误的文件"),
        );
        return None;
    }
    Some(NewText {
        body,
        source,
        file_name,
        note: upload.note.trim().to_owned(),
    })
}

async fn new_page(
    state: &AppState,
    me: &CurrentUser,
    form: &DraftUpload,
    errors: &FieldErrors,
    status: StatusCode,
) -> PageResult {
    let (issuers, scope) = issuers_in_scope(state, me).await?;
    let ctx = merge(
        base_context(state, me, "/staff/normative", "起草规范性文件").await?,
        json!({
            "form": form, "errors": errors.0,
            "issuers": issuer_choices(&issuers, scope.as_deref()),
        }),
    );
    page(status, "normative_new.html", &ctx)
}

/// GET /staff/normative/new
pub async fn new(State(state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    me.require(Action::DraftNormativeDocuments)?;
    let form = DraftUpload {
        drafted_on: crate::pages::deadlines::today(&state).to_string(),
        ..Default::default()
    };
    new_page(&state, &me, &form, &FieldErrors::new(), StatusCode::OK).await
}

/// A draft's fields checked: the issuer in scope, the title, the day, the text.
async fn parse_draft(
    state: &AppState,
    me: &CurrentUser,
    upload: &DraftUpload,
) -> Result<(NewDraft, NewText), FieldErrors> {
    let mut errors = FieldErrors::new();
    let scope = issuers_in_scope(state, me).await.ok().map(|(_, s)| s);
    let issuer_id = upload.issuer_id.trim().parse::<i64>().ok().filter(|id| {
        scope
            .as_ref()
            .is_some_and(|s| s.as_ref().is_none_or(|s| s.contains(id)))
    });
    if issuer_id.is_none() {
        errors.add("issuer_id", "请选择本人可起草的制定主体");
    }
    let title = errors.required_text("title", &upload.title, 100);
    let drafted_on = super::forms::date(&mut errors, "drafted_on", &upload.drafted_on);
    let text = text_of(upload, &mut errors);
    errors.into_result()?;
    match (issuer_id, drafted_on, text) {
        (Some(issuer_id), Some(drafted_on), Some(text)) => Ok((
            NewDraft {
                issuer_id,
                drafter_id: me.user.id,
                title,
                affects_public: super::forms::ticked(&upload.affects_public),
                drafted_on,
            },
            text,
        )),
        _ => Err(FieldErrors::new()),
    }
}

/// Stores a new draft; the caller has authorised.
pub async fn create_draft(
    state: &AppState,
    me: &CurrentUser,
    upload: &DraftUpload,
) -> Result<StoredDocument, WebError> {
    let (draft, text) = parse_draft(state, me, upload).await?;
    let env = Env::of(state);
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let doc = tx
        .draft_normative_document(&env.flow(), &draft, &text)
        .await?;
    tx.commit().await?;
    index_now(state).await;
    Ok(doc)
}

/// POST /staff/normative?csrf=… (multipart: title, issuer_id, affects_public, drafted_on, text,
/// file).
pub async fn create(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(q): Query<crate::pages::account::CsrfForm>,
    request: axum::extract::Request,
) -> PageResult {
    me.require(Action::DraftNormativeDocuments)?;
    me.check_csrf(&q.csrf)?;
    let upload = match read_upload(request, &state).await {
        Ok(u) => u,
        Err(e @ (WebError::BadRequest(_) | WebError::TooLarge)) => {
            let mut errors = FieldErrors::new();
            errors.add("file", e.to_string());
            return new_page(&state, &me, &DraftUpload::default(), &errors, e.status()).await;
        }
        Err(e) => return Err(e.into()),
    };
    match create_draft(&state, &me, &upload).await {
        Ok(doc) => see_other(&format!("/staff/normative/{}", doc.document.id)),
        Err(WebError::Invalid(errors)) => {
            new_page(
                &state,
                &me,
                &upload,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(WebError::Refused(r)) => {
            let mut errors = FieldErrors::new();
            errors.add("title", r.message);
            new_page(
                &state,
                &me,
                &upload,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// The document page, with an error from a refused action when there is one.
pub async fn document_page(
    state: &AppState,
    me: &CurrentUser,
    doc: &StoredDocument,
    error: &str,
    errors: &FieldErrors,
    status: StatusCode,
) -> PageResult {
    let gov = me.user.government_id;
    let env = Env::of(state);
    let (issuers, scope) = issuers_in_scope(state, me).await?;
    let in_scope = scope
        .as_ref()
        .is_none_or(|s| s.contains(&doc.document.issuer_id));
    let id = doc.document.id;
    let events: Vec<Value> = state
        .store
        .normative_events(gov, id)
        .await?
        .iter()
        .map(|e| {
            json!({
                "seq": e.seq, "kind": e.kind, "label": event_label(&e.kind), "on": e.on_date,
                "stage_label": e.stage.label(), "actor": e.actor, "ledger_idx": e.ledger_idx,
                "at": crate::time::format_ms(e.created_at),
                "fields": e.fields.iter().filter(|(k, v)| !v.is_empty() && !matches!(k.as_str(), "index" | "rule" | "reviewer_id"))
                    .map(|(k, v)| format!("{}：{}", field_label(k), value_label(v))).collect::<Vec<_>>().join("；"),
            })
        })
        .collect();
    let texts: Vec<Value> = state
        .store
        .normative_texts(gov, id)
        .await?
        .iter()
        .map(|t| {
            json!({
                "seq": t.seq, "source_label": t.source.label(), "file_name": t.file_name, "note": t.note,
                "actor": t.actor, "at": crate::time::format_ms(t.created_at), "chars": t.body.chars().count(),
            })
        })
        .collect();
    let objections: Vec<Value> = state
        .store
        .normative_objections_of(gov, id)
        .await?
        .iter()
        .map(objection_json)
        .collect();
    let today = env.today;
    let next_number = match (
        &doc.document.stage,
        issuers.iter().find(|i| i.id == doc.document.issuer_id),
    ) {
        (Stage::Adopted, Some(issuer)) => {
            let used = state
                .store
                .used_normative_sequences(gov, &issuer.input.number_prefix, today.year())
                .await?;
            Some(
                domain::normative::next_number(&issuer.input.number_prefix, today.year(), &used)
                    .to_string(),
            )
        }
        _ => None,
    };
    let body = doc.body.clone().unwrap_or_default();
    let ctx = merge(
        base_context(state, me, "/staff/normative", &doc.document.title).await?,
        json!({
            "doc": document_json(doc, &issuers, today),
            "lines": text_lines(&body),
            "events": events, "texts": texts, "objections": objections,
            "actions": allowed_actions(me, &doc.document, in_scope),
            "today": today.to_string(), "next_number": next_number,
            "error": error, "errors": errors.0,
        }),
    );
    page(status, "normative_document.html", &ctx)
}

/// An objection as the pages show it (the contact only to staff).
pub fn objection_json(o: &store::StoredObjection) -> Value {
    let x = &o.objection;
    json!({
        "id": x.id, "document_id": x.document_id, "received_on": x.received_on.to_string(),
        "citizen": x.citizen, "contact": o.contact, "grounds": x.grounds,
        "channel_label": match x.channel { domain::normative::objection::Channel::Issuer => "向制定机关提出", domain::normative::objection::Channel::FilingBody => "向备案审查机关提出" },
        "reply_due": o.reply_due,
        "reply": x.reply.as_ref().map(|r| json!({
            "replied_on": r.replied_on.to_string(), "finding": r.finding.as_str(), "finding_label": r.finding.label(),
            "text": r.text, "late": r.late,
        })),
    })
}

/// Chinese names of the facts recorded with an event.
pub fn field_label(key: &str) -> &str {
    match key {
        "title" => "标题",
        "affects_public" => "涉及公众权利义务",
        "channel" => "渠道",
        "period" => "期限",
        "period_ends" => "期满日",
        "reason" => "理由",
        "number" => "编号",
        "commenter" => "提出人",
        "text" => "内容",
        "adoption" => "采纳情况",
        "comments" => "意见条数",
        "round" => "轮次",
        "findings" => "智能审查意见",
        "error_findings" => "其中违法",
        "change" => "修改情况",
        "disposition" => "处理",
        "message" => "修改后的意见",
        "reviewer_id" => "审核人编号",
        "reviewer" => "审核人",
        "conclusion" => "结论",
        "late" => "逾期",
        "short_review_reason" => "提前出具意见的理由",
        "meeting" => "会议",
        "participants" => "参加人员",
        "adopted" => "通过",
        "effective_on" => "施行日期",
        "valid_until" => "有效期至",
        "recipient" => "备案审查机关",
        "due" => "期限届满日",
        "reasons" => "问题",
        "action" => "纠正方式",
        "summary" => "修改内容",
        "previous_until" => "原有效期至",
        "evaluation" => "评估结论",
        "campaign_id" => "清理工作编号",
        "text_seq" => "文本版本",
        "source" => "来源",
        "file_name" => "文件名",
        "note" => "修改说明",
        other => other,
    }
}

fn value_label(v: &str) -> &str {
    match v {
        "true" => "是",
        "false" => "否",
        "lawful" => "合法",
        "amendments_required" => "应当予以修改",
        "unlawful" => "不合法",
        "accepted" => "采纳",
        "edited" => "修改后采纳",
        "rejected" => "不予采纳",
        "adopted" => "采纳",
        "partly_adopted" => "部分采纳",
        "not_adopted" => "不予采纳",
        "typed" => "在线编写",
        "docx" => "Word文档",
        other => other,
    }
}

/// GET /staff/normative/{id}
pub async fn show(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
) -> PageResult {
    me.require(Action::ViewNormativeDocuments)?;
    let doc = visible_document(&state, &me, &id).await?;
    document_page(&state, &me, &doc, "", &FieldErrors::new(), StatusCode::OK).await
}

/// Stores a new text version; the caller has authorised and checked the scope.
pub async fn revise_text(
    state: &AppState,
    me: &CurrentUser,
    doc: &StoredDocument,
    upload: &DraftUpload,
) -> Result<StoredDocument, WebError> {
    let mut errors = FieldErrors::new();
    let text = text_of(upload, &mut errors);
    errors.into_result()?;
    let text = text.ok_or_else(|| WebError::Invalid(FieldErrors::new()))?;
    let env = Env::of(state);
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let saved = tx
        .revise_normative_text(
            doc.document.id,
            super::forms::version(&upload.version),
            &text,
            env.today,
        )
        .await?;
    tx.commit().await?;
    index_now(state).await;
    Ok(saved)
}

/// POST /staff/normative/{id}/text?csrf=… (multipart: text or file, note, version)
pub async fn revise(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Query(q): Query<crate::pages::account::CsrfForm>,
    request: axum::extract::Request,
) -> PageResult {
    me.require(Action::DraftNormativeDocuments)?;
    me.check_csrf(&q.csrf)?;
    let doc = super::document_in_scope(&state, &me, &id).await?;
    let upload = match read_upload(request, &state).await {
        Ok(u) => u,
        Err(e @ (WebError::BadRequest(_) | WebError::TooLarge)) => {
            return document_page(
                &state,
                &me,
                &doc,
                &e.to_string(),
                &FieldErrors::new(),
                e.status(),
            )
            .await;
        }
        Err(e) => return Err(e.into()),
    };
    match revise_text(&state, &me, &doc, &upload).await {
        Ok(saved) => see_other(&format!("/staff/normative/{}", saved.document.id)),
        Err(e) => super::workflow::refused_page(&state, &me, &doc, e).await,
    }
}

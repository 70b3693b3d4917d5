//! The legal-affairs office's registers: issuing bodies (制定主体清单, published on the portal),
//! clean-up campaigns (清理) and citizens' objections (异议、审查建议) with their replies.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use domain::FieldErrors;
use domain::normative::Stage;
use domain::normative::cleanup::{Campaign, CampaignKind};
use domain::permission::{Action, allows};
use serde_json::{Value, json};
use store::{DocumentFilter, IssuerKind, StoredCampaign};

use super::forms::{CampaignForm, CloseForm, DecisionForm, IssuerForm, ReplyForm};
use super::{Env, actor, index_now};
use crate::auth::{CurrentUser, PageUser};
use crate::pages::org::parse_id;
use crate::pages::{PageResult, base_context, merge, page, see_other};
use crate::{AppState, WebError};

// ---------------------------------------------------------------- issuing bodies

/// An issuing body as the pages show it.
pub fn issuer_json(i: &store::Issuer, departments: &[store::Department]) -> Value {
    json!({
        "id": i.id, "name": i.input.name, "kind": i.input.kind.as_str(), "kind_label": i.input.kind.label(),
        "department_id": i.input.department_id.map(|d| d.to_string()).unwrap_or_default(),
        "department_name": i.input.department_id.and_then(|d| departments.iter().find(|x| x.id == d)).map(|d| d.name.clone()).unwrap_or_default(),
        "number_prefix": i.input.number_prefix, "basis": i.input.basis, "filing_body": i.input.filing_body,
        "published": i.published,
    })
}

async fn issuers_page(
    state: &AppState,
    me: &CurrentUser,
    form: &IssuerForm,
    errors: &FieldErrors,
    error: &str,
    status: StatusCode,
) -> PageResult {
    let gov = me.user.government_id;
    let departments = state.store.list_departments(gov).await?;
    let issuers: Vec<Value> = state
        .store
        .normative_issuers(gov)
        .await?
        .iter()
        .map(|i| issuer_json(i, &departments))
        .collect();
    let ctx = merge(
        base_context(state, me, "/staff/normative/issuers", "制定主体清单").await?,
        json!({
            "issuers": issuers, "form": form, "errors": errors.0, "error": error,
            "kinds": IssuerKind::ALL.iter().map(|k| json!({"value": k.as_str(), "label": k.label()})).collect::<Vec<_>>(),
            "departments": departments.iter().map(|d| json!({"id": d.id.to_string(), "name": d.name})).collect::<Vec<_>>(),
            "can_manage": allows(me.user.role, Action::ManageNormativeDocuments),
        }),
    );
    page(status, "normative_issuers.html", &ctx)
}

/// GET /staff/normative/issuers
pub async fn issuers(State(state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    me.require(Action::ViewNormativeDocuments)?;
    let form = IssuerForm {
        kind: "department".into(),
        ..Default::default()
    };
    issuers_page(&state, &me, &form, &FieldErrors::new(), "", StatusCode::OK).await
}

/// Creates an issuing body, or edits, publishes or withdraws one (`id`); the caller has
/// authorised.
pub async fn save_issuer(
    state: &AppState,
    me: &CurrentUser,
    id: Option<i64>,
    form: &IssuerForm,
) -> Result<store::Issuer, WebError> {
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let issuer = match (id, form.op.trim()) {
        (Some(id), "publish") => tx.set_normative_issuer_published(id, true).await?,
        (Some(id), "withdraw") => tx.set_normative_issuer_published(id, false).await?,
        (Some(id), _) => tx.update_normative_issuer(id, &form.input()?).await?,
        (None, _) => tx.create_normative_issuer(&form.input()?).await?,
    };
    tx.commit().await?;
    Ok(issuer)
}

/// POST /staff/normative/issuers
pub async fn create_issuer(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(form): Form<IssuerForm>,
) -> PageResult {
    me.require(Action::ManageNormativeDocuments)?;
    me.check_csrf(&form.csrf)?;
    match save_issuer(&state, &me, None, &form).await {
        Ok(_) => see_other("/staff/normative/issuers"),
        Err(WebError::Invalid(errors)) => {
            issuers_page(
                &state,
                &me,
                &form,
                &errors,
                "",
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(WebError::Conflict(m)) => {
            issuers_page(
                &state,
                &me,
                &form,
                &FieldErrors::new(),
                &m,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /staff/normative/issuers/{id} (op: save, publish, withdraw)
pub async fn update_issuer(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<IssuerForm>,
) -> PageResult {
    me.require(Action::ManageNormativeDocuments)?;
    me.check_csrf(&form.csrf)?;
    let id = parse_id(&id)?;
    state
        .store
        .normative_issuer(me.user.government_id, id)
        .await?;
    match save_issuer(&state, &me, Some(id), &form).await {
        Ok(_) => see_other("/staff/normative/issuers"),
        Err(WebError::Invalid(errors)) => {
            issuers_page(
                &state,
                &me,
                &form,
                &errors,
                "修改未保存，请检查填写的内容",
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(WebError::Conflict(m)) => {
            issuers_page(
                &state,
                &me,
                &form,
                &FieldErrors::new(),
                &m,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------- clean-up

/// Every published document of a government (stage `published`), as ids.
pub async fn documents_in_force(
    state: &AppState,
    government_id: i64,
    issuer: Option<i64>,
) -> Result<Vec<i64>, WebError> {
    let mut ids = Vec::new();
    let mut offset = 0;
    loop {
        let (page, total) = state
            .store
            .list_normative_documents(
                government_id,
                &DocumentFilter {
                    stage: Some(Stage::Published.as_str().into()),
                    issuer_id: issuer,
                    offset,
                    limit: 500,
                    ..Default::default()
                },
            )
            .await?;
        offset += page.len() as i64;
        ids.extend(page.iter().map(|d| d.document.id));
        if page.is_empty() || offset >= total {
            break;
        }
    }
    ids.sort_unstable();
    Ok(ids)
}

/// The documents whose text has the words of `topic` (every page of the index's answer).
pub async fn documents_on_topic(
    state: &AppState,
    government_id: i64,
    topic: &str,
) -> Result<Vec<i64>, WebError> {
    let mut ids = Vec::new();
    let mut query = search::Query::new(government_id, search::Scope::Staff, topic);
    query.limit = search::MAX_PAGE_SIZE;
    loop {
        let hits = match super::documents::run_search(state, &query).await {
            Ok(h) => h,
            Err(WebError::Refused(r)) => {
                let mut e = FieldErrors::new();
                e.add("topic", r.message);
                return Err(WebError::Invalid(e));
            }
            Err(e) => return Err(e),
        };
        ids.extend(hits.hits.iter().map(|h| h.id));
        query.offset += hits.hits.len();
        if hits.hits.is_empty() || query.offset >= hits.total {
            break;
        }
    }
    Ok(ids)
}

/// A campaign as the pages show it, with its documents named.
pub async fn campaign_json(
    state: &AppState,
    government_id: i64,
    stored: &StoredCampaign,
) -> Result<Value, WebError> {
    let c = &stored.campaign;
    let titles = state
        .store
        .normative_titles(government_id, &c.scope)
        .await?;
    let documents: Vec<Value> = c
        .scope
        .iter()
        .map(|id| {
            let (title, number) = titles.get(id).cloned().unwrap_or_default();
            let decision = c.decisions.get(id);
            json!({
                "id": id, "title": title, "number": number,
                "outcome": decision.map(|d| d.outcome.as_str()), "outcome_label": decision.map(|d| d.outcome.label()),
                "reason": decision.map(|d| d.reason.clone()), "decided_on": decision.map(|d| d.decided_on.to_string()),
            })
        })
        .collect();
    let lists: Vec<Value> = c
        .lists()
        .into_iter()
        .map(|(outcome, ids)| {
            json!({
                "label": outcome.label(), "outcome": outcome.as_str(), "count": ids.len(),
                "documents": ids.iter().map(|id| {
                    let (title, number) = titles.get(id).cloned().unwrap_or_default();
                    json!({"id": id, "title": title, "number": number, "reason": c.decisions.get(id).map(|d| d.reason.clone())})
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(json!({
        "id": c.id, "title": c.title,
        "kind_label": match &c.kind { CampaignKind::Periodic => "定期清理".to_owned(), CampaignKind::Special { trigger } => format!("专项清理（{trigger}）") },
        "started_on": c.started_on.to_string(), "closed_on": c.closed_on.map(|d| d.to_string()),
        "n_documents": c.scope.len(), "n_undecided": c.undecided().len(),
        "documents": documents, "lists": lists, "version": stored.version,
    }))
}

async fn cleanups_page(
    state: &AppState,
    me: &CurrentUser,
    form: &CampaignForm,
    errors: &FieldErrors,
    error: &str,
    status: StatusCode,
) -> PageResult {
    let gov = me.user.government_id;
    let campaigns: Vec<Value> = state
        .store
        .normative_campaigns(gov)
        .await?
        .iter()
        .map(|s| {
            let c: &Campaign = &s.campaign;
            json!({"id": c.id, "title": c.title, "started_on": c.started_on.to_string(),
                   "closed_on": c.closed_on.map(|d| d.to_string()), "n_documents": c.scope.len(),
                   "n_undecided": c.undecided().len()})
        })
        .collect();
    let issuers = state.store.normative_issuers(gov).await?;
    let ctx = merge(
        base_context(state, me, "/staff/normative/cleanup", "规范性文件清理").await?,
        json!({
            "campaigns": campaigns, "form": form, "errors": errors.0, "error": error,
            "issuers": super::issuer_choices(&issuers, None),
            "can_manage": allows(me.user.role, Action::ManageNormativeDocuments),
        }),
    );
    page(status, "normative_cleanups.html", &ctx)
}

/// GET /staff/normative/cleanup
pub async fn cleanups(State(state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    me.require(Action::ViewNormativeDocuments)?;
    let today = crate::pages::deadlines::today(&state);
    let form = CampaignForm {
        started_on: today.to_string(),
        kind: "periodic".into(),
        scope: "all".into(),
        title: format!(
            "{}年行政规范性文件集中清理",
            calendar::Datelike::year(&today)
        ),
        ..Default::default()
    };
    cleanups_page(&state, &me, &form, &FieldErrors::new(), "", StatusCode::OK).await
}

/// Starts a campaign over the documents in force (all, or one issuer's); the caller has
/// authorised.
pub async fn start_campaign(
    state: &AppState,
    me: &CurrentUser,
    form: &CampaignForm,
) -> Result<StoredCampaign, WebError> {
    let (kind, started_on) = form.parse()?;
    let issuer = match form.scope.trim() {
        "" | "all" => None,
        raw => Some(raw.parse::<i64>().map_err(|_| {
            let mut e = FieldErrors::new();
            e.add("scope", "请选择清理范围");
            WebError::Invalid(e)
        })?),
    };
    let mut scope = documents_in_force(state, me.user.government_id, issuer).await?;
    if !form.topic.trim().is_empty() {
        let matching = documents_on_topic(state, me.user.government_id, form.topic.trim()).await?;
        scope.retain(|id| matching.contains(id));
        if scope.is_empty() {
            let mut e = FieldErrors::new();
            e.add("topic", "没有正文包含这些字词的现行有效文件");
            return Err(WebError::Invalid(e));
        }
    }
    let env = Env::of(state);
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let c = tx
        .start_normative_campaign(&env.flow(), &form.title, kind, started_on, scope)
        .await?;
    tx.commit().await?;
    Ok(c)
}

/// POST /staff/normative/cleanup
pub async fn start_cleanup(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(form): Form<CampaignForm>,
) -> PageResult {
    me.require(Action::ManageNormativeDocuments)?;
    me.check_csrf(&form.csrf)?;
    match start_campaign(&state, &me, &form).await {
        Ok(c) => see_other(&format!("/staff/normative/cleanup/{}", c.campaign.id)),
        Err(WebError::Invalid(errors)) => {
            cleanups_page(
                &state,
                &me,
                &form,
                &errors,
                "",
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(WebError::Refused(r)) => {
            cleanups_page(
                &state,
                &me,
                &form,
                &FieldErrors::new(),
                &r.message,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn cleanup_page(
    state: &AppState,
    me: &CurrentUser,
    stored: &StoredCampaign,
    error: &str,
    status: StatusCode,
) -> PageResult {
    let campaign = campaign_json(state, me.user.government_id, stored).await?;
    let ctx = merge(
        base_context(
            state,
            me,
            "/staff/normative/cleanup",
            &stored.campaign.title,
        )
        .await?,
        json!({
            "campaign": campaign, "error": error,
            "today": crate::pages::deadlines::today(state).to_string(),
            "can_manage": allows(me.user.role, Action::ManageNormativeDocuments),
        }),
    );
    page(status, "normative_cleanup.html", &ctx)
}

/// GET /staff/normative/cleanup/{id}
pub async fn cleanup(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
) -> PageResult {
    me.require(Action::ViewNormativeDocuments)?;
    let stored = state
        .store
        .normative_campaign(me.user.government_id, parse_id(&id)?)
        .await?;
    cleanup_page(&state, &me, &stored, "", StatusCode::OK).await
}

/// POST /staff/normative/cleanup/{id}/decisions
pub async fn decide(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<DecisionForm>,
) -> PageResult {
    me.require(Action::ManageNormativeDocuments)?;
    me.check_csrf(&form.csrf)?;
    let stored = state
        .store
        .normative_campaign(me.user.government_id, parse_id(&id)?)
        .await?;
    match decide_campaign(&state, &me, &stored, &form).await {
        Ok(_) => see_other(&format!("/staff/normative/cleanup/{}", stored.campaign.id)),
        Err(e) => cleanup_refused(&state, &me, &stored, e).await,
    }
}

/// Records a decision; the caller has authorised.
pub async fn decide_campaign(
    state: &AppState,
    me: &CurrentUser,
    stored: &StoredCampaign,
    form: &DecisionForm,
) -> Result<StoredCampaign, WebError> {
    let (document_id, outcome, on) = form.parse()?;
    let env = Env::of(state);
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let c = tx
        .decide_normative_campaign(
            &env.flow(),
            stored.campaign.id,
            document_id,
            outcome,
            &form.reason,
            on,
        )
        .await?;
    tx.commit().await?;
    Ok(c)
}

/// Closes a campaign and carries its repeals onto the documents; the caller has authorised.
pub async fn close_campaign(
    state: &AppState,
    me: &CurrentUser,
    stored: &StoredCampaign,
    form: &CloseForm,
) -> Result<StoredCampaign, WebError> {
    let mut errors = FieldErrors::new();
    let on = super::forms::date(&mut errors, "on", &form.on);
    errors.into_result()?;
    let on = on.ok_or_else(|| WebError::Invalid(FieldErrors::new()))?;
    let env = Env::of(state);
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let c = tx
        .close_normative_campaign(&env.flow(), stored.campaign.id, on)
        .await?;
    tx.commit().await?;
    index_now(state).await;
    Ok(c)
}

async fn cleanup_refused(
    state: &AppState,
    me: &CurrentUser,
    stored: &StoredCampaign,
    e: WebError,
) -> PageResult {
    match e {
        WebError::Refused(r) => {
            cleanup_page(
                state,
                me,
                stored,
                &r.message,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        WebError::Invalid(f) => {
            let message: Vec<String> = f.0.values().flatten().cloned().collect();
            cleanup_page(
                state,
                me,
                stored,
                &message.join("；"),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        WebError::Conflict(m) => cleanup_page(state, me, stored, &m, StatusCode::CONFLICT).await,
        other => Err(other.into()),
    }
}

/// POST /staff/normative/cleanup/{id}/close
pub async fn close(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<CloseForm>,
) -> PageResult {
    me.require(Action::ManageNormativeDocuments)?;
    me.check_csrf(&form.csrf)?;
    let stored = state
        .store
        .normative_campaign(me.user.government_id, parse_id(&id)?)
        .await?;
    match close_campaign(&state, &me, &stored, &form).await {
        Ok(_) => see_other(&format!("/staff/normative/cleanup/{}", stored.campaign.id)),
        Err(e) => cleanup_refused(&state, &me, &stored, e).await,
    }
}

// ---------------------------------------------------------------- objections

/// Query of the objection list.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ObjectionQuery {
    /// "all" for every objection, else the open ones.
    pub show: String,
}

async fn objections_page(
    state: &AppState,
    me: &CurrentUser,
    all: bool,
    error: &str,
    status: StatusCode,
) -> PageResult {
    let gov = me.user.government_id;
    let list = state.store.normative_objections(gov, !all).await?;
    let ids: Vec<i64> = list.iter().map(|o| o.objection.document_id).collect();
    let titles: BTreeMap<i64, (String, Option<String>)> =
        state.store.normative_titles(gov, &ids).await?;
    let today = crate::pages::deadlines::today(state).to_string();
    let rows: Vec<Value> = list
        .iter()
        .map(|o| {
            let mut v = super::documents::objection_json(o);
            let (title, number) = titles
                .get(&o.objection.document_id)
                .cloned()
                .unwrap_or_default();
            v["document_title"] = json!(title);
            v["document_number"] = json!(number);
            v["overdue"] = json!(o.objection.reply.is_none() && o.reply_due < today);
            v
        })
        .collect();
    let ctx = merge(
        base_context(state, me, "/staff/normative/objections", "异议与审查建议").await?,
        json!({
            "objections": rows, "all": all, "error": error, "today": today,
            "can_manage": allows(me.user.role, Action::ManageNormativeDocuments),
        }),
    );
    page(status, "normative_objections.html", &ctx)
}

/// GET /staff/normative/objections
pub async fn objections(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(q): Query<ObjectionQuery>,
) -> PageResult {
    me.require(Action::ViewNormativeDocuments)?;
    objections_page(&state, &me, q.show == "all", "", StatusCode::OK).await
}

/// Records the reply to an objection; the caller has authorised.
pub async fn reply_objection(
    state: &AppState,
    me: &CurrentUser,
    id: i64,
    form: &ReplyForm,
) -> Result<store::StoredObjection, WebError> {
    let (on, finding) = form.parse()?;
    let env = Env::of(state);
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let o = tx
        .reply_normative_objection(&env.flow(), id, on, finding, &form.text)
        .await?;
    tx.commit().await?;
    Ok(o)
}

/// POST /staff/normative/objections/{id}/reply
pub async fn reply(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<ReplyForm>,
) -> PageResult {
    me.require(Action::ManageNormativeDocuments)?;
    me.check_csrf(&form.csrf)?;
    let id = parse_id(&id)?;
    state
        .store
        .normative_objection(me.user.government_id, id)
        .await?;
    match reply_objection(&state, &me, id, &form).await {
        Ok(_) => see_other("/staff/normative/objections"),
        Err(WebError::Refused(r)) => {
            objections_page(
                &state,
                &me,
                false,
                &r.message,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(WebError::Invalid(f)) => {
            let message: Vec<String> = f.0.values().flatten().cloned().collect();
            objections_page(
                &state,
                &me,
                false,
                &message.join("；"),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(WebError::Conflict(m)) => {
            objections_page(&state, &me, false, &m, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e.into()),
    }
}

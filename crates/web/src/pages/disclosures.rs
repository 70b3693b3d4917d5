//! What hangs off decided cases: publication of penalty decisions with the party's personal data
//! redacted (国办发〔2018〕118号; 行政处罚法 第四十八条) and their withdrawal, the lists of what is
//! due and published, major-penalty filings (重大行政处罚备案), the legal-review queue and each
//! department's legal-review catalogue (审核目录).

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use calendar::NaiveDate;
use domain::FieldErrors;
use domain::enforcement::disclosure::{self, DecisionKind, DisclosurePeriods, WithdrawalGround};
use domain::permission::{Action, allows};
use serde::Deserialize;
use serde_json::{Value, json};
use store::disclosures::NewDisclosure;
use store::{CaseFilter, Department, StoredCase};

use super::cases::{actor, case_scope, summary_json, visible_case};
use super::deadlines::today;
use super::org::parse_id;
use super::{PageResult, base_context, merge, page, see_other};
use crate::auth::{CurrentUser, PageUser};
use crate::{AppState, WebError};

/// The redacted text of a penalty decision as published (see `store::disclosures::decision_text`).
pub fn decision_text(c: &StoredCase, department: &str) -> Result<(String, String), WebError> {
    store::disclosures::decision_text(c, department).map_err(|m| WebError::Conflict(m.into()))
}

/// Publishes the decision of a case; returns the disclosure id.
pub async fn publish(state: &AppState, me: &CurrentUser, c: &StoredCase) -> Result<i64, WebError> {
    me.require(Action::HandleCases)?;
    let gov = me.user.government_id;
    let departments = state.store.list_departments(gov).await?;
    let department = departments
        .iter()
        .find(|d| d.id == c.summary.department_id)
        .map(|d| d.name.clone())
        .unwrap_or_default();
    let (title, content) = decision_text(c, &department)?;
    let decision = c
        .case
        .decision
        .as_ref()
        .ok_or_else(|| WebError::Conflict("案件尚未作出决定".into()))?;
    let calendar = state.calendar.get();
    let due = disclosure::publication_due(
        DecisionKind::Penalty,
        decision.decided_on,
        &DisclosurePeriods::default(),
        &calendar,
    )?;
    let mut tx = state
        .store
        .begin_write(gov, &actor(me), state.now())
        .await?;
    let d = tx
        .publish_disclosure(&NewDisclosure {
            case_id: c.case.id,
            department_id: c.summary.department_id,
            title,
            document_number: decision.document_number.clone(),
            content,
            decided_on: decision.decided_on.to_string(),
            due_on: due.due.to_string(),
            published_on: today(state).to_string(),
        })
        .await?;
    tx.commit().await?;
    Ok(d.id)
}

/// Form with only the CSRF token.
#[derive(Debug, Default, Deserialize)]
pub struct CsrfForm {
    /// Token.
    #[serde(default)]
    pub csrf: String,
}

/// POST /staff/cases/{id}/publish
pub async fn publish_case(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(f): Form<CsrfForm>,
) -> PageResult {
    me.require(Action::HandleCases)?;
    me.check_csrf(&f.csrf)?;
    let c = visible_case(&state, &me, &id).await?;
    publish(&state, &me, &c).await?;
    see_other(&format!("/staff/cases/{}#disclosure", c.case.id))
}

/// The withdrawal form.
#[derive(Debug, Default, Deserialize)]
pub struct WithdrawForm {
    /// Token.
    #[serde(default)]
    pub csrf: String,
    /// changed / revoked / unlawful / void.
    #[serde(default)]
    pub ground: String,
    /// Day of the change.
    #[serde(default)]
    pub ground_on: String,
    /// Reason shown to the public.
    #[serde(default)]
    pub reason: String,
}

/// Withdraws a published decision (第四十八条第二款); returns the case id.
pub async fn withdraw(
    state: &AppState,
    me: &CurrentUser,
    disclosure_id: i64,
    f: &WithdrawForm,
) -> Result<i64, WebError> {
    me.require(Action::HandleCases)?;
    let gov = me.user.government_id;
    let d = state.store.disclosure(gov, disclosure_id).await?;
    // The disclosure is in scope when its case is.
    let c = visible_case(state, me, &d.case_id.to_string()).await?;
    let mut e = FieldErrors::new();
    let ground = match f.ground.trim() {
        "changed" => Some(WithdrawalGround::Changed),
        "revoked" => Some(WithdrawalGround::Revoked),
        "unlawful" => Some(WithdrawalGround::ConfirmedUnlawful),
        "void" => Some(WithdrawalGround::ConfirmedVoid),
        _ => {
            e.add("ground", "请选择撤回事由");
            None
        }
    };
    let ground_on = NaiveDate::parse_from_str(f.ground_on.trim(), "%Y-%m-%d").ok();
    if ground_on.is_none() {
        e.add("ground_on", "请按 年-月-日 填写变更、撤销或确认之日");
    }
    if !e.is_empty() {
        return Err(WebError::Invalid(e));
    }
    let (Some(ground), Some(ground_on)) = (ground, ground_on) else {
        return Err(WebError::Invalid(e));
    };
    let calendar = state.calendar.get();
    let withdrawal = disclosure::withdraw(ground, ground_on, today(state), &f.reason, &calendar)?;
    let mut tx = state
        .store
        .begin_write(gov, &actor(me), state.now())
        .await?;
    tx.withdraw_disclosure(
        disclosure_id,
        &withdrawal.withdrawn_on.to_string(),
        ground.label(),
        &withdrawal.reason,
        withdrawal.late,
    )
    .await?;
    tx.commit().await?;
    Ok(c.case.id)
}

/// POST /staff/disclosures/{id}/withdraw
pub async fn withdraw_disclosure(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(f): Form<WithdrawForm>,
) -> PageResult {
    me.require(Action::HandleCases)?;
    me.check_csrf(&f.csrf)?;
    let id = parse_id(&id)?;
    match withdraw(&state, &me, id, &f).await {
        Ok(case_id) => see_other(&format!("/staff/cases/{case_id}#disclosure")),
        Err(e @ (WebError::Refused(_) | WebError::Invalid(_))) => {
            let gov = me.user.government_id;
            let d = state.store.disclosure(gov, id).await?;
            let c = visible_case(&state, &me, &d.case_id.to_string()).await?;
            let feedback = super::cases::StepFeedback {
                action: String::new(),
                error: match &e {
                    WebError::Invalid(f) => {
                        f.0.values()
                            .flatten()
                            .cloned()
                            .collect::<Vec<_>>()
                            .join("；")
                    }
                    other => other.to_string(),
                },
                ..Default::default()
            };
            super::cases::case_page(&state, &me, &c, feedback, e.status()).await
        }
        Err(e) => Err(e.into()),
    }
}

fn dept_name(all: &[Department], id: i64) -> String {
    all.iter()
        .find(|d| d.id == id)
        .map(|d| d.name.clone())
        .unwrap_or_default()
}

/// GET /staff/disclosures — due for publication (late ones marked) and published.
pub async fn list(State(state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    me.require(Action::ViewCases)?;
    let gov = me.user.government_id;
    let (all, scope) = case_scope(&state, &me).await?;
    let today = today(&state).to_string();
    let pending = state
        .store
        .pending_disclosures(gov, scope.as_deref())
        .await?;
    let published = state
        .store
        .disclosures(gov, scope.as_deref(), false, 0, 200)
        .await?;
    let pending: Vec<Value> = pending
        .iter()
        .map(|p| {
            let late = p.due_on.as_deref().is_some_and(|d| d < today.as_str());
            json!({"case_id": p.case_id, "case_number": p.case_number, "decision_number": p.decision_number,
                   "department": dept_name(&all, p.department_id), "decided_on": p.decided_on, "due_on": p.due_on, "late": late})
        })
        .collect();
    let published: Vec<Value> = published
        .iter()
        .map(|d| json!({"id": d.id, "case_id": d.case_id, "title": d.title, "department": dept_name(&all, d.department_id),
                        "published_on": d.published_on, "late": d.late, "status": d.status, "withdrawn_on": d.withdrawn_on}))
        .collect();
    let ctx = merge(
        base_context(&state, &me, "/staff/disclosures", "执法决定公示").await?,
        json!({"pending": pending, "published": published}),
    );
    page(StatusCode::OK, "disclosures.html", &ctx)
}

/// The filing form.
#[derive(Debug, Default, Deserialize)]
pub struct FileForm {
    /// Token.
    #[serde(default)]
    pub csrf: String,
    /// Note.
    #[serde(default)]
    pub note: String,
}

/// Files a major penalty (late filings are recorded as late).
pub async fn file(
    state: &AppState,
    me: &CurrentUser,
    c: &StoredCase,
    note: &str,
) -> Result<(), WebError> {
    me.require(Action::HandleCases)?;
    let Some(decision) = &c.case.decision else {
        return Err(WebError::Conflict("案件尚未作出决定，不能备案".into()));
    };
    if !c.summary.major {
        return Err(WebError::Conflict(
            "该案件不属于重大行政处罚，无需备案".into(),
        ));
    }
    let calendar = state.calendar.get();
    let env = super::cases::env_of(state, &calendar);
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let due = tx.filing_due(&env, decision.decided_on)?;
    tx.file_major_penalty(
        c,
        &today(state).to_string(),
        &due.to_string(),
        note.chars().take(500).collect::<String>().as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// POST /staff/cases/{id}/file
pub async fn file_case(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(f): Form<FileForm>,
) -> PageResult {
    me.require(Action::HandleCases)?;
    me.check_csrf(&f.csrf)?;
    let c = visible_case(&state, &me, &id).await?;
    file(&state, &me, &c, &f.note).await?;
    see_other(&format!("/staff/cases/{}", c.case.id))
}

/// GET /staff/filings — the legal-affairs office sees every filing of its government; a
/// department sees its own, and its major cases still to file.
pub async fn filings(State(state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    me.require(Action::ViewCases)?;
    let gov = me.user.government_id;
    let (all, scope) = case_scope(&state, &me).await?;
    let filings = state.store.major_filings(gov, scope.as_deref()).await?;
    let today = today(&state);
    let due = state
        .store
        .open_deadlines(gov)
        .await?
        .into_iter()
        .filter(|d| d.deadline.rule_id == store::penalty::FILING_RULE_ID)
        .filter(|d| {
            scope
                .as_ref()
                .is_none_or(|ids| d.deadline.department_id.is_some_and(|id| ids.contains(&id)))
        })
        .map(|d| json!({"title": d.deadline.title, "link": d.deadline.link, "due": d.deadline.due_date, "overdue": d.deadline.due_date < today.to_string()}))
        .collect::<Vec<_>>();
    let rows: Vec<Value> = filings
        .iter()
        .map(|f| json!({"case_id": f.case_id, "case_number": f.case_number, "party_name": f.party_name,
                        "department": dept_name(&all, f.department_id), "filed_on": f.filed_on, "due_on": f.due_on,
                        "late": f.late, "note": f.note}))
        .collect();
    let ctx = merge(
        base_context(&state, &me, "/staff/filings", "重大行政处罚备案").await?,
        json!({"filings": rows, "due": due}),
    );
    page(StatusCode::OK, "filings.html", &ctx)
}

/// GET /staff/legal-review — cases waiting for the reviewer's opinion, oldest first.
pub async fn queue(State(state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    me.require(Action::ReviewCases)?;
    let gov = me.user.government_id;
    let (all, scope) = case_scope(&state, &me).await?;
    let today = today(&state);
    let (waiting, _) = state
        .store
        .list_penalty_cases(
            gov,
            &CaseFilter {
                departments: scope.clone(),
                stage: Some("under_legal_review".into()),
                limit: 200,
                ..CaseFilter::default()
            },
        )
        .await?;
    let (returned, _) = state
        .store
        .list_penalty_cases(
            gov,
            &CaseFilter {
                departments: scope,
                stage: Some("returned_by_legal_review".into()),
                limit: 200,
                ..CaseFilter::default()
            },
        )
        .await?;
    let ctx = merge(
        base_context(&state, &me, "/staff/legal-review", "法制审核").await?,
        json!({
            "waiting": waiting.iter().rev().map(|c| summary_json(c, &all, today)).collect::<Vec<_>>(),
            "returned": returned.iter().map(|c| summary_json(c, &all, today)).collect::<Vec<_>>(),
        }),
    );
    page(StatusCode::OK, "legal_review_queue.html", &ctx)
}

/// The catalogue form.
#[derive(Debug, Default, Deserialize)]
pub struct CatalogueForm {
    /// Token.
    #[serde(default)]
    pub csrf: String,
    /// Department id.
    #[serde(default)]
    pub department_id: String,
    /// What the item covers.
    #[serde(default)]
    pub title: String,
    /// Where the duty comes from.
    #[serde(default)]
    pub basis: String,
    /// Power id (matter-based item), optional.
    #[serde(default)]
    pub power_id: String,
    /// Fine threshold in yuan (amount-based item), optional.
    #[serde(default)]
    pub min_fine_yuan: String,
}

async fn catalogue_page(
    state: &AppState,
    me: &CurrentUser,
    form: &CatalogueForm,
    errors: Value,
    status: StatusCode,
) -> PageResult {
    let gov = me.user.government_id;
    let (all, scope) = case_scope(state, me).await?;
    let items = state.store.review_catalogue(gov, None).await?;
    let rows: Vec<Value> = items
        .iter()
        .filter(|i| scope.as_ref().is_none_or(|ids| ids.contains(&i.department_id)))
        .map(|i| json!({"department": dept_name(&all, i.department_id), "title": i.title, "basis": i.basis,
                        "power_id": i.power_id, "min_fine": i.min_fine_fen.map(domain::enforcement::yuan)}))
        .collect();
    let departments: Vec<Value> = all
        .iter()
        .filter(|d| d.is_enforcement_body)
        .filter(|d| scope.as_ref().is_none_or(|ids| ids.contains(&d.id)))
        .map(|d| json!({"id": d.id.to_string(), "name": d.name}))
        .collect();
    let ctx = merge(
        base_context(
            state,
            me,
            "/staff/review-catalogue",
            "重大执法决定法制审核目录",
        )
        .await?,
        json!({"items": rows, "departments": departments, "form": {
            "department_id": form.department_id, "title": form.title, "basis": form.basis,
            "power_id": form.power_id, "min_fine_yuan": form.min_fine_yuan}, "errors": errors,
            "can_manage": allows(me.user.role, Action::ManageReviewCatalogue)}),
    );
    page(status, "review_catalogue.html", &ctx)
}

/// GET /staff/review-catalogue
pub async fn catalogue(State(state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    me.require(Action::ManageReviewCatalogue)?;
    catalogue_page(
        &state,
        &me,
        &CatalogueForm::default(),
        json!({}),
        StatusCode::OK,
    )
    .await
}

/// POST /staff/review-catalogue
pub async fn add_catalogue_item(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(f): Form<CatalogueForm>,
) -> PageResult {
    me.require(Action::ManageReviewCatalogue)?;
    me.check_csrf(&f.csrf)?;
    let (all, scope) = case_scope(&state, &me).await?;
    let mut e = FieldErrors::new();
    let dept = f
        .department_id
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| all.iter().any(|d| d.id == *id && d.is_enforcement_body))
        .filter(|id| scope.as_ref().is_none_or(|s| s.contains(id)));
    if dept.is_none() {
        e.add("department_id", "请选择本人管理范围内的执法主体");
    }
    let title = e.required_text("title", &f.title, 200);
    let basis = e.required_text("basis", &f.basis, 500);
    let power_id = match f.power_id.trim() {
        "" => None,
        raw => match raw.parse::<i64>() {
            Ok(id) => match state.store.power(me.user.government_id, id).await {
                Ok(p) if Some(p.department_id) == dept => Some(id),
                _ => {
                    e.add("power_id", "所选事项不属于该执法主体的权责清单");
                    None
                }
            },
            Err(_) => {
                e.add("power_id", "事项编号应为数字");
                None
            }
        },
    };
    let min_fine = match f.min_fine_yuan.trim() {
        "" => None,
        raw => match super::case_forms::parse_yuan(raw) {
            Some(fen) if fen > 0 => Some(fen),
            _ => {
                e.add("min_fine_yuan", "罚款金额应为大于零的数额（元）");
                None
            }
        },
    };
    if power_id.is_none()
        && min_fine.is_none()
        && !e.contains("power_id")
        && !e.contains("min_fine_yuan")
    {
        e.add(
            "min_fine_yuan",
            "请填写适用的事项编号或罚款金额起点，至少一项",
        );
    }
    if !e.is_empty() {
        return catalogue_page(
            &state,
            &me,
            &f,
            json!(e.0),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    tx.add_catalogue_item(dept.unwrap_or_default(), &title, &basis, power_id, min_fine)
        .await?;
    tx.commit().await?;
    see_other("/staff/review-catalogue")
}

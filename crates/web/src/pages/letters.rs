//! Prompt letters and supervision letters (提示函、督办函) for staff: the list with filters and
//! paging, sending a letter (the legal-affairs office), the letter page with its reply deadline
//! and timeline, the department's reply, and the reply period setting.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use domain::FieldErrors;
use domain::enforcement::supervision::{LetterKind, MAX_LETTER_REPLY_WORKING_DAYS};
use domain::permission::{Action, allows};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use store::letters::{Letter, LetterFilter, NewLetter};

use super::case_forms::{Fields, field};
use super::cases::actor;
use super::deadlines::today;
use super::org::parse_id;
use super::supervision::{
    self as common, covers, department_options, dept_name, feedback, no_feedback, shown_on_page,
};
use super::{PageResult, base_context, merge, page, see_other};
use crate::auth::{CurrentUser, PageUser};
use crate::{AppState, WebError};

/// A letter to send (the body of `POST /api/v1/letters`; the form sends the same fields).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct LetterInput {
    /// `prompt` (提示函) or `supervision` (督办函).
    #[serde(default)]
    pub kind: String,
    /// Addressee department id.
    #[serde(default)]
    pub department_id: String,
    /// Subject (事由).
    #[serde(default)]
    pub subject: String,
    /// Body.
    #[serde(default)]
    pub body: String,
}

/// Validates a letter.
pub async fn read_letter(
    state: &AppState,
    me: &CurrentUser,
    input: &LetterInput,
) -> Result<NewLetter, WebError> {
    let mut e = FieldErrors::new();
    let (all, _) = common::scope(state, me).await?;
    let kind = LetterKind::parse(input.kind.trim());
    if kind.is_none() {
        e.add("kind", "请选择提示函或督办函");
    }
    let department_id = input
        .department_id
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| all.iter().any(|d| d.id == *id));
    if department_id.is_none() {
        e.add("department_id", "请选择收函单位");
    }
    let subject = e.required_text("subject", &input.subject, 100);
    let body = e.required_text("body", &input.body, 5000);
    e.into_result()?;
    Ok(NewLetter {
        kind: kind.unwrap_or(LetterKind::Prompt),
        department_id: department_id.unwrap_or_default(),
        subject,
        body,
        sent_on: today(state),
    })
}

/// Sends a validated letter.
pub async fn send(state: &AppState, me: &CurrentUser, new: NewLetter) -> Result<Letter, WebError> {
    let calendar = state.calendar.get();
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let letter = tx.send_letter(&new, today(state), &calendar).await?;
    tx.commit().await?;
    Ok(letter)
}

/// A letter the user may see (addressed to a department in scope), or "not found".
pub async fn visible_letter(
    state: &AppState,
    me: &CurrentUser,
    raw_id: &str,
) -> Result<Letter, WebError> {
    let id = parse_id(raw_id)?;
    let letter = state.store.letter(me.user.government_id, id).await?;
    let (_, scope) = common::scope(state, me).await?;
    if covers(&scope, letter.department_id) {
        Ok(letter)
    } else {
        Err(WebError::NotFound)
    }
}

/// The department's reply.
pub async fn reply(
    state: &AppState,
    me: &CurrentUser,
    letter: &Letter,
    text: &str,
) -> Result<Letter, WebError> {
    me.require(Action::HandleCases)?;
    let mut e = FieldErrors::new();
    let text = e.required_text("reply", text, 5000);
    e.into_result()?;
    let today = today(state);
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let saved = tx.reply_letter(letter.id, &text, today, today).await?;
    tx.commit().await?;
    Ok(saved)
}

/// A letter as pages and the API show it.
pub fn letter_json(l: &Letter, all: &[store::Department], today: calendar::NaiveDate) -> Value {
    json!({
        "id": l.id, "kind": l.kind.code(), "kind_label": l.kind.label(), "letter_number": l.letter_number,
        "department_id": l.department_id, "department_name": dept_name(all, l.department_id),
        "subject": l.subject, "body": l.body, "sent_on": l.sent_on, "sent_by": l.sent_by,
        "reply_working_days": l.reply_working_days, "reply_due": l.reply_due,
        "reply": l.reply, "replied_on": l.replied_on, "replied_by": l.replied_by, "reply_late": l.reply_late,
        "overdue": l.replied_on.is_none() && l.reply_due < today.to_string(),
    })
}

// ---------------------------------------------------------------- list

/// Query of the letter list.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct LetterQuery {
    /// `prompt` or `supervision`.
    #[serde(default)]
    pub kind: String,
    /// Department id.
    #[serde(default)]
    pub department: String,
    /// `1`: only letters not replied yet.
    #[serde(default)]
    pub unreplied: String,
    /// Subject or number.
    #[serde(default)]
    pub q: String,
    /// Page from 1.
    #[serde(default)]
    pub page: String,
}

/// The store filter of a list query within the user's scope, and the page number.
pub async fn letter_filter(
    state: &AppState,
    me: &CurrentUser,
    q: &LetterQuery,
) -> Result<(LetterFilter, i64), WebError> {
    let (_, scope) = common::scope(state, me).await?;
    let chosen = q.department.trim().parse::<i64>().ok();
    let departments = match (chosen, scope) {
        (Some(id), Some(ids)) => Some(if ids.contains(&id) { vec![id] } else { vec![] }),
        (Some(id), None) => Some(vec![id]),
        (None, s) => s,
    };
    let page_no = common::page_number(&q.page);
    Ok((
        LetterFilter {
            departments,
            kind: LetterKind::parse(q.kind.trim()),
            unreplied_only: q.unreplied.trim() == "1",
            query: Some(q.q.trim().chars().take(40).collect()),
            offset: (page_no - 1) * common::PAGE_SIZE,
            limit: common::PAGE_SIZE,
        },
        page_no,
    ))
}

async fn list_page(
    state: &AppState,
    me: &CurrentUser,
    q: &LetterQuery,
    settings_error: &str,
    status: StatusCode,
) -> PageResult {
    let gov = me.user.government_id;
    let (filter, page_no) = letter_filter(state, me, q).await?;
    let (rows, total) = state.store.letters(gov, &filter).await?;
    let (all, scope) = common::scope(state, me).await?;
    let today = today(state);
    let ctx = merge(
        base_context(state, me, "/staff/letters", "提示函与督办函").await?,
        json!({
            "letters": rows.iter().map(|l| letter_json(l, &all, today)).collect::<Vec<_>>(),
            "total": total, "page": page_no,
            "n_pages": ((total + common::PAGE_SIZE - 1) / common::PAGE_SIZE).max(1),
            "base": common::list_base("/staff/letters", &[("kind", &q.kind), ("department", &q.department), ("unreplied", &q.unreplied), ("q", &q.q)]),
            "filter": q,
            "departments": all.iter().filter(|d| covers(&scope, d.id)).map(|d| json!({"id": d.id.to_string(), "name": d.name})).collect::<Vec<_>>(),
            "can_supervise": allows(me.user.role, Action::SuperviseEnforcement),
            "reply_days": state.store.letter_reply_working_days(gov).await?,
            "max_reply_days": MAX_LETTER_REPLY_WORKING_DAYS,
            "settings_error": settings_error,
        }),
    );
    page(status, "letters.html", &ctx)
}

/// GET /staff/letters
pub async fn list(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(q): Query<LetterQuery>,
) -> PageResult {
    me.require(Action::ViewCases)?;
    list_page(&state, &me, &q, "", StatusCode::OK).await
}

/// POST /staff/letters/settings — the reply period in working days.
pub async fn settings(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(fields): Form<Fields>,
) -> PageResult {
    me.require(Action::SuperviseEnforcement)?;
    me.check_csrf(field(&fields, "csrf"))?;
    let days = field(&fields, "reply_working_days")
        .parse::<u32>()
        .unwrap_or(0);
    let result = async {
        let mut tx = state
            .store
            .begin_write(me.user.government_id, &actor(&me), state.now())
            .await?;
        tx.set_letter_reply_working_days(days).await?;
        tx.commit().await?;
        Ok::<(), WebError>(())
    }
    .await;
    match result {
        Ok(()) => see_other("/staff/letters"),
        Err(e) if shown_on_page(&e) => {
            let status = e.status();
            list_page(&state, &me, &LetterQuery::default(), &e.to_string(), status).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------- sending

async fn new_page(
    state: &AppState,
    me: &CurrentUser,
    form: &LetterInput,
    errors: &Value,
    status: StatusCode,
) -> PageResult {
    let (all, _) = common::scope(state, me).await?;
    let gov = me.user.government_id;
    let ctx = merge(
        base_context(state, me, "/staff/letters", "发函").await?,
        json!({
            "form": form, "errors": errors,
            "departments": department_options(&all, &None),
            "kinds": LetterKind::ALL.iter().map(|k| json!({"code": k.code(), "label": k.label()})).collect::<Vec<_>>(),
            "reply_days": state.store.letter_reply_working_days(gov).await?,
        }),
    );
    page(status, "letter_new.html", &ctx)
}

/// GET /staff/letters/new
pub async fn new(State(state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    me.require(Action::SuperviseEnforcement)?;
    let form = LetterInput {
        kind: "supervision".into(),
        ..LetterInput::default()
    };
    new_page(&state, &me, &form, &json!({}), StatusCode::OK).await
}

/// POST /staff/letters — send a letter.
pub async fn create(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(fields): Form<Fields>,
) -> PageResult {
    me.require(Action::SuperviseEnforcement)?;
    me.check_csrf(field(&fields, "csrf"))?;
    let input = LetterInput {
        kind: field(&fields, "kind").to_owned(),
        department_id: field(&fields, "department_id").to_owned(),
        subject: field(&fields, "subject").to_owned(),
        body: field(&fields, "body").to_owned(),
    };
    let result = match read_letter(&state, &me, &input).await {
        Ok(new) => send(&state, &me, new).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(letter) => see_other(&format!("/staff/letters/{}", letter.id)),
        Err(WebError::Invalid(e)) => {
            new_page(
                &state,
                &me,
                &input,
                &json!(e.0),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e @ WebError::Refused(_)) => {
            let errors = json!({"body": [e.to_string()]});
            new_page(
                &state,
                &me,
                &input,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------- the letter page

async fn letter_page(
    state: &AppState,
    me: &CurrentUser,
    letter: &Letter,
    fb: Value,
    status: StatusCode,
) -> PageResult {
    let gov = me.user.government_id;
    let all = state.store.list_departments(gov).await?;
    let timeline = common::ledger_timeline(
        state,
        gov,
        &[(
            store::letters::LETTER_RECORD_TYPE,
            letter.id.to_string(),
            letter.letter_number.clone(),
        )],
    )
    .await?;
    let title = format!("{}（{}）", letter.subject, letter.letter_number);
    let ctx = merge(
        base_context(state, me, "/staff/letters", &title).await?,
        json!({
            "letter": letter_json(letter, &all, today(state)), "timeline": timeline, "feedback": fb,
            "can_reply": allows(me.user.role, Action::HandleCases) && letter.replied_on.is_none(),
        }),
    );
    page(status, "letter.html", &ctx)
}

/// GET /staff/letters/{id}
pub async fn show(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
) -> PageResult {
    me.require(Action::ViewCases)?;
    let letter = visible_letter(&state, &me, &id).await?;
    letter_page(&state, &me, &letter, no_feedback(), StatusCode::OK).await
}

/// POST /staff/letters/{id}/reply — the department's reply.
pub async fn reply_form(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> PageResult {
    me.require(Action::HandleCases)?;
    me.check_csrf(field(&fields, "csrf"))?;
    let letter = visible_letter(&state, &me, &id).await?;
    match reply(&state, &me, &letter, field(&fields, "reply")).await {
        Ok(saved) => see_other(&format!("/staff/letters/{}", saved.id)),
        Err(e) if shown_on_page(&e) => {
            let status = e.status();
            let fresh = visible_letter(&state, &me, &id).await?;
            letter_page(&state, &me, &fresh, feedback("reply", &e, &fields), status).await
        }
        Err(e) => Err(e.into()),
    }
}

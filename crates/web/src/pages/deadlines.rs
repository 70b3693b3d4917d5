//! 我的期限: the open statutory deadlines of the logged-in user (or their department), soonest
//! first, each with its legal basis and its warning state (normal / approaching / overdue).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use calendar::{NaiveDate, WarningPolicy, WarningState, warning_state};
use domain::permission::Action;
use serde::Deserialize;
use serde_json::{Value, json};
use store::OpenDeadline;

use super::{PageResult, base_context, departments_in_scope, merge, page};
use crate::auth::{CurrentUser, PageUser};
use crate::{AppState, WebError};

/// Today's date in China Standard Time.
pub fn today(state: &AppState) -> NaiveDate {
    chrono::DateTime::from_timestamp_millis(state.now())
        .map(|t| t.with_timezone(&crate::time::cst()).date_naive())
        .unwrap_or_default()
}

/// The open deadlines a user answers for: assigned to them, or to a department in their scope
/// with nobody assigned. With `all`, every open deadline in their scope.
pub async fn deadlines_of(
    state: &AppState,
    me: &CurrentUser,
    all: bool,
) -> Result<Vec<OpenDeadline>, WebError> {
    let gov = me.user.government_id;
    let departments: Vec<i64> = departments_in_scope(me, state.store.list_departments(gov).await?)
        .iter()
        .map(|d| d.id)
        .collect();
    if all {
        let every = state.store.open_deadlines(gov).await?;
        return Ok(match me.user.department_id {
            None => every,
            Some(_) => every
                .into_iter()
                .filter(|d| {
                    d.deadline
                        .department_id
                        .is_some_and(|x| departments.contains(&x))
                })
                .collect(),
        });
    }
    // Whole-government users answer for what is assigned to them; department users also for
    // their departments' unassigned items.
    let scope_departments = if me.user.department_id.is_some() {
        departments
    } else {
        Vec::new()
    };
    Ok(state
        .store
        .open_deadlines_for(gov, me.user.id, &scope_departments)
        .await?)
}

/// The warning state of each deadline today, with a Chinese label and the days left.
pub fn with_states(state: &AppState, deadlines: &[OpenDeadline]) -> Vec<Value> {
    let cal = state.calendar.get();
    let today = today(state);
    deadlines
        .iter()
        .map(|d| {
            let due = NaiveDate::parse_from_str(&d.deadline.due_date, "%Y-%m-%d").ok();
            let warning =
                due.and_then(|due| warning_state(&cal, due, today, WarningPolicy::default()).ok());
            let (code, label) = match warning {
                Some(WarningState::Overdue) => ("bad", "已逾期"),
                Some(WarningState::Approaching) => ("warn", "临近届满"),
                Some(WarningState::Normal) => ("ok", "正常"),
                None => ("", "—"),
            };
            let left = due.map(|due| (due - today).num_days()).unwrap_or(0);
            let rule = domain::deadline_rules::rule(&d.deadline.rule_id);
            json!({
                "title": d.deadline.title, "link": d.deadline.link, "due_date": d.deadline.due_date,
                "trigger_date": d.deadline.trigger_date, "provisional": d.deadline.provisional,
                "state": code, "state_label": label, "days_left": left, "days_over": -left,
                "basis": rule.map(|r| format!("《{}》{}", r.law, r.article)).unwrap_or_default(),
                "subject": rule.map(|r| r.subject).unwrap_or(""),
            })
        })
        .collect()
}

/// Query string: `all=1` shows every deadline in scope.
#[derive(Debug, Default, Deserialize)]
pub struct DeadlineQuery {
    #[serde(default)]
    all: String,
}

/// GET /staff/deadlines
pub async fn list(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(q): Query<DeadlineQuery>,
) -> PageResult {
    me.require(Action::UseStaffArea)?;
    let all = q.all == "1";
    let items = with_states(&state, &deadlines_of(&state, &me, all).await?);
    let ctx = merge(
        base_context(&state, &me, "/staff/deadlines", "我的期限").await?,
        json!({"items": items, "all": all, "today": today(&state).to_string()}),
    );
    page(StatusCode::OK, "deadlines.html", &ctx)
}

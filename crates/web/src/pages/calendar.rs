//! 工作日历: the official holiday tables with their provenance, a due-date calculator for any
//! staff member, and (administrators) the import of next year's table or a local rule.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use calendar::{Calendar, NaiveDate, due_report, working_day_report};
use domain::permission::{Action, allows};
use serde::Deserialize;
use serde_json::{Value, json};
use store::Actor;

use super::{PageResult, base_context, merge, page, see_other};
use crate::auth::{CurrentUser, PageUser};
use crate::calendar::{calendar_error_zh, parse_import, years_of};
use crate::{AppState, WebError};

/// The calculator's query string.
#[derive(Debug, Default, Deserialize, serde::Serialize)]
pub struct CalcQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    days: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    date: String,
}

fn unit_label(unit: &str) -> &'static str {
    match unit {
        "working" => "个工作日",
        "calendar" => "日（自然日）",
        "month" => "个月",
        "year" => "年",
        _ => "",
    }
}

fn kind_label(kind: calendar::DayKind) -> &'static str {
    match kind {
        calendar::DayKind::WorkingDay => "工作日",
        calendar::DayKind::MakeUpWorkingDay => "调休上班日",
        calendar::DayKind::Weekend => "周末休息日",
        calendar::DayKind::PublicHoliday => "法定节假日",
        calendar::DayKind::RestDay => "调休休息日",
    }
}

/// Computes the calculator's answer, or a Chinese error.
pub fn calculate(cal: &Calendar, q: &CalcQuery) -> (Option<Value>, Option<Value>, String) {
    let mut error = String::new();
    let mut due = None;
    let mut day = None;
    if !q.from.is_empty() || !q.days.is_empty() {
        match (
            NaiveDate::parse_from_str(q.from.trim(), "%Y-%m-%d"),
            q.days.trim().parse::<i64>(),
        ) {
            (Err(_), _) => error = "起算日期格式应为YYYY-MM-DD".to_owned(),
            (_, Err(_)) => error = "期限长度应为整数".to_owned(),
            (Ok(from), Ok(days)) => match due_report(
                cal,
                from,
                days,
                if q.unit.is_empty() {
                    "working"
                } else {
                    &q.unit
                },
            ) {
                Ok(r) => {
                    due = Some(
                        json!({"due": r.due.to_string(), "provisional": r.provisional, "rolled_over": r.rolled_over,
                                      "from": r.from.to_string(), "length": days, "unit_label": unit_label(&q.unit)}),
                    )
                }
                Err(e) => error = calendar_error_zh(&e),
            },
        }
    }
    if !q.date.is_empty() {
        match NaiveDate::parse_from_str(q.date.trim(), "%Y-%m-%d") {
            Err(_) => error = "查询日期格式应为YYYY-MM-DD".to_owned(),
            Ok(d) => match working_day_report(cal, d) {
                Ok(r) => {
                    let info = cal.day(d).ok();
                    day = Some(
                        json!({"date": r.date.to_string(), "working_day": r.working_day, "provisional": r.provisional,
                                      "kind_label": info.map(|i| kind_label(i.kind)).unwrap_or(""), "festival": r.festival}),
                    )
                }
                Err(e) => error = calendar_error_zh(&e),
            },
        }
    }
    (due, day, error)
}

async fn render(
    state: &AppState,
    me: &CurrentUser,
    q: &CalcQuery,
    import_error: &str,
    source: &str,
    status: StatusCode,
) -> PageResult {
    let cal = state.calendar.get();
    let (due, day, error) = calculate(&cal, q);
    let mut years: Vec<Value> = Vec::new();
    for year in cal.known_years().collect::<Vec<_>>().into_iter().rev() {
        for n in cal.notices(year) {
            years.push(json!({"year": year, "number": n.number, "title": n.title, "issued_on": n.issued_on.to_string(), "note": n.note}));
        }
    }
    let imports: Vec<Value> = state
        .store
        .calendar_tables()
        .await?
        .iter()
        .map(|r| json!({"kind": if r.kind == "overlay" { "地方规定（叠加）" } else { "全年安排" }, "years": r.years,
                        "imported_at": crate::time::format_ms(r.imported_at), "imported_by": r.imported_by}))
        .collect();
    let status = if error.is_empty() {
        status
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let ctx = merge(
        base_context(state, me, "/staff/calendar", "工作日历").await?,
        json!({"q": q, "due": due, "day": day, "error": error, "years": years, "imports": imports,
               "import_error": import_error, "source": source, "can_manage": allows(me.user.role, Action::ManageCalendar)}),
    );
    page(status, "calendar.html", &ctx)
}

/// GET /staff/calendar
pub async fn show(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(q): Query<CalcQuery>,
) -> PageResult {
    me.require(Action::UseStaffArea)?;
    render(&state, &me, &q, "", "", StatusCode::OK).await
}

/// The import form.
#[derive(Debug, Deserialize)]
pub struct ImportForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    source: String,
}

/// Validates and stores an imported table, audited, and reloads the calendar in force.
pub async fn import_table(
    state: &AppState,
    me: &CurrentUser,
    kind: &str,
    source: &str,
) -> Result<String, WebError> {
    let kind = if kind == "overlay" {
        "overlay"
    } else {
        "years"
    };
    let table = parse_import(source).map_err(|m| {
        let mut e = domain::FieldErrors::new();
        e.add("source", m);
        WebError::Invalid(e)
    })?;
    let years = years_of(&table);
    let actor = Actor {
        user_id: Some(me.user.id),
        name: me.user.display_name.clone(),
    };
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor, state.now())
        .await?;
    tx.import_calendar_table(kind, &years, source).await?;
    tx.commit().await?;
    state.calendar.reload(&state.store).await?;
    Ok(years)
}

/// POST /staff/calendar/import
pub async fn import(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(form): Form<ImportForm>,
) -> PageResult {
    me.require(Action::ManageCalendar)?;
    me.check_csrf(&form.csrf)?;
    match import_table(&state, &me, &form.kind, &form.source).await {
        Ok(_) => see_other("/staff/calendar"),
        Err(WebError::Invalid(e)) => {
            let message =
                e.0.get("source")
                    .and_then(|m| m.first())
                    .cloned()
                    .unwrap_or_default();
            render(
                &state,
                &me,
                &CalcQuery::default(),
                &message,
                &form.source,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// GET /staff/calendar/... helper for the API: the calculator as JSON.
pub fn due_json(cal: &Calendar, from: &str, days: &str, unit: &str) -> Result<Value, WebError> {
    let q = CalcQuery {
        from: from.to_owned(),
        days: days.to_owned(),
        unit: unit.to_owned(),
        date: String::new(),
    };
    let (due, _, error) = calculate(cal, &q);
    match due {
        Some(d) if error.is_empty() => Ok(d),
        _ => Err(WebError::BadRequest(if error.is_empty() {
            "请提供 from、days 和 unit".to_owned()
        } else {
            error
        })),
    }
}

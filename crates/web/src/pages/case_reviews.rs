//! Case-file reviews (案卷评查) for staff: the rounds, a new round (departments, period, sample
//! size, rubric) drawn with a seed nobody picks, the round page with the drawn files linking to
//! their cases, the score sheet per file, findings, rectifications with a deadline, the
//! department's report and the office's acceptance, and the round's timeline from the ledger.
//!
//! The legal-affairs office supervises (`Action::SuperviseEnforcement`); the department reports
//! on its rectifications (`Action::HandleCases`); everyone who sees cases sees the rounds of the
//! departments in their scope.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use calendar::NaiveDate;
use domain::FieldErrors;
use domain::enforcement::supervision::{
    self, DEFAULT_RECTIFICATION_WORKING_DAYS, ItemScore, RectificationStatus, Rubric, RubricItem,
    SampleSize,
};
use domain::permission::{Action, allows};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use store::case_reviews::{
    NewRound, Rectification, RectificationFilter, ReviewFile, ReviewRound, rubric_json,
};

use super::case_forms::{Fields, field};
use super::cases::actor;
use super::deadlines::today;
use super::org::parse_id;
use super::supervision::{
    self as common, covers, date_field, department_options, dept_name, feedback, no_feedback,
    shown_on_page,
};
use super::{PageResult, base_context, merge, page, see_other};
use crate::auth::{CurrentUser, PageUser};
use crate::{AppState, WebError};

// ---------------------------------------------------------------- input

/// One rubric item of a new round.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct RubricItemInput {
    /// Stable code, e.g. `procedure`.
    #[serde(default)]
    pub code: String,
    /// Title, e.g. 执法程序.
    #[serde(default)]
    pub title: String,
    /// Highest score.
    #[serde(default)]
    pub max_points: u32,
}

/// A new round (the body of `POST /api/v1/case-reviews`; the form sends the same fields).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct RoundInput {
    /// Title.
    #[serde(default)]
    pub title: String,
    /// The departments reviewed (enforcement bodies).
    #[serde(default)]
    pub department_ids: Vec<i64>,
    /// Cases closed from this day, `YYYY-MM-DD` (1 January of this year when empty).
    #[serde(default)]
    pub closed_from: String,
    /// … to this day (today when empty).
    #[serde(default)]
    pub closed_to: String,
    /// `count` (files per department) or `per_mille` (share of each department's closed files).
    #[serde(default)]
    pub size_kind: String,
    /// The number or the share in per mille.
    #[serde(default)]
    pub size_value: u32,
    /// The score sheet (the default sheet when empty).
    #[serde(default)]
    pub rubric: Vec<RubricItemInput>,
}

/// Validates a new round.
pub async fn read_round(
    state: &AppState,
    me: &CurrentUser,
    input: &RoundInput,
) -> Result<NewRound, WebError> {
    let mut e = FieldErrors::new();
    let (all, _) = common::scope(state, me).await?;
    let title = e.required_text("title", &input.title, 100);
    let mut departments = Vec::new();
    for id in &input.department_ids {
        if all.iter().any(|d| d.id == *id && d.is_enforcement_body) {
            departments.push(*id);
        } else {
            e.add("department_ids", "所选单位不是本级人民政府的执法主体");
        }
    }
    if departments.is_empty() && !e.contains("department_ids") {
        e.add("department_ids", "请至少选择一个被评查单位");
    }
    let today = today(state);
    let year_start =
        NaiveDate::from_ymd_opt(calendar::Datelike::year(&today), 1, 1).unwrap_or(today);
    let closed_from = date_field(&mut e, "closed_from", &input.closed_from, year_start);
    let closed_to = date_field(&mut e, "closed_to", &input.closed_to, today);
    if closed_from > closed_to {
        e.add("closed_to", "截止日不能早于起始日");
    }
    let size = match input.size_kind.trim() {
        "count" | "" if (1..=200).contains(&input.size_value) => {
            SampleSize::Count(input.size_value as usize)
        }
        "per_mille" if (1..=1000).contains(&input.size_value) => {
            SampleSize::PerMille(input.size_value)
        }
        "per_mille" => {
            e.add("size_value", "抽取比例应为1‰至1000‰");
            SampleSize::Count(1)
        }
        _ => {
            e.add("size_value", "每个单位抽取的案卷数应为1至200件");
            SampleSize::Count(1)
        }
    };
    let items: Vec<RubricItem> = input
        .rubric
        .iter()
        .filter(|i| !(i.code.trim().is_empty() && i.title.trim().is_empty()))
        .map(|i| RubricItem {
            code: i.code.trim().to_owned(),
            title: i.title.trim().to_owned(),
            max_points: i.max_points,
        })
        .collect();
    let rubric = if items.is_empty() {
        supervision::default_rubric()
    } else {
        match Rubric::new(items) {
            Ok(r) => r,
            Err(errors) => {
                for (_, messages) in errors.0 {
                    for m in messages {
                        e.add("rubric", m);
                    }
                }
                supervision::default_rubric()
            }
        }
    };
    if !e.is_empty() {
        return Err(WebError::Invalid(e));
    }
    Ok(NewRound {
        title,
        department_ids: departments,
        closed_from,
        closed_to,
        size,
        rubric,
        drawn_on: today,
    })
}

/// Draws a validated round.
pub async fn draw(
    state: &AppState,
    me: &CurrentUser,
    new: NewRound,
) -> Result<ReviewRound, WebError> {
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let round = tx.draw_case_review(&new).await?;
    tx.commit().await?;
    Ok(round)
}

/// A round the user may see (one of its departments is in scope), or "not found".
pub async fn visible_round(
    state: &AppState,
    me: &CurrentUser,
    raw_id: &str,
) -> Result<ReviewRound, WebError> {
    let id = parse_id(raw_id)?;
    let round = state
        .store
        .case_review_round(me.user.government_id, id)
        .await?;
    let (_, scope) = common::scope(state, me).await?;
    if round.department_ids.iter().any(|d| covers(&scope, *d)) {
        Ok(round)
    } else {
        Err(WebError::NotFound)
    }
}

/// Validates a score sheet against the round's rubric; field errors are named `points_{code}`.
pub fn read_scores(round: &ReviewRound, scores: &[ItemScore]) -> Result<(), WebError> {
    let rubric = round.rubric()?;
    supervision::score(&rubric, scores)
        .map(|_| ())
        .map_err(|errors| {
            let mut e = FieldErrors::new();
            for (code, messages) in errors.0 {
                for m in messages {
                    e.add(&format!("points_{code}"), m);
                }
            }
            WebError::Invalid(e)
        })
}

/// Scores a drawn file of a visible round.
pub async fn score_file(
    state: &AppState,
    me: &CurrentUser,
    round: &ReviewRound,
    case_id: i64,
    scores: &[ItemScore],
    findings: &str,
) -> Result<ReviewFile, WebError> {
    me.require(Action::SuperviseEnforcement)?;
    read_scores(round, scores)?;
    let mut e = FieldErrors::new();
    let findings = e.optional_text("findings", findings, 2000);
    e.into_result()?;
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let file = tx
        .score_case_file(round.id, case_id, scores, &findings, today(state))
        .await?;
    tx.commit().await?;
    Ok(file)
}

/// Issues a rectification for a drawn file.
pub async fn issue_rectification(
    state: &AppState,
    me: &CurrentUser,
    round: &ReviewRound,
    case_id: i64,
    requirement: &str,
    due_on: &str,
) -> Result<Rectification, WebError> {
    me.require(Action::SuperviseEnforcement)?;
    let mut e = FieldErrors::new();
    let requirement = e.required_text("requirement", requirement, 2000);
    let today = today(state);
    let due = date_field(&mut e, "due_on", due_on, today);
    if due_on.trim().is_empty() {
        e.add("due_on", "请填写整改期限");
    }
    e.into_result()?;
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let r = tx
        .issue_rectification(round.id, case_id, &requirement, today, due, today)
        .await?;
    tx.commit().await?;
    Ok(r)
}

/// A rectification the user may see, with its round.
pub async fn visible_rectification(
    state: &AppState,
    me: &CurrentUser,
    raw_id: &str,
) -> Result<Rectification, WebError> {
    let id = parse_id(raw_id)?;
    let r = state.store.rectification(me.user.government_id, id).await?;
    let (_, scope) = common::scope(state, me).await?;
    if covers(&scope, r.department_id) {
        Ok(r)
    } else {
        Err(WebError::NotFound)
    }
}

/// The department reports on a rectification.
pub async fn report_rectification(
    state: &AppState,
    me: &CurrentUser,
    r: &Rectification,
    report: &str,
) -> Result<Rectification, WebError> {
    me.require(Action::HandleCases)?;
    let mut e = FieldErrors::new();
    let report = e.required_text("report", report, 2000);
    e.into_result()?;
    let today = today(state);
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let saved = tx.report_rectification(r.id, &report, today, today).await?;
    tx.commit().await?;
    Ok(saved)
}

/// The office accepts a rectification as done.
pub async fn complete_rectification(
    state: &AppState,
    me: &CurrentUser,
    r: &Rectification,
    note: &str,
) -> Result<Rectification, WebError> {
    me.require(Action::SuperviseEnforcement)?;
    let mut e = FieldErrors::new();
    let note = e.optional_text("note", note, 1000);
    e.into_result()?;
    let today = today(state);
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let saved = tx.complete_rectification(r.id, &note, today, today).await?;
    tx.commit().await?;
    Ok(saved)
}

// ---------------------------------------------------------------- JSON views

fn size_label(size: SampleSize) -> String {
    match size {
        SampleSize::Count(n) => format!("每个单位随机抽取{n}件"),
        SampleSize::PerMille(pm) => format!("每个单位随机抽取{pm}‰（不足一件的抽一件）"),
    }
}

fn status_class(s: RectificationStatus) -> &'static str {
    match s {
        RectificationStatus::Open => "warn",
        RectificationStatus::Reported => "",
        RectificationStatus::Done => "ok",
    }
}

/// A rectification as pages and the API show it.
pub fn rectification_json(
    r: &Rectification,
    all: &[store::Department],
    case_number: &str,
    today: NaiveDate,
) -> Value {
    json!({
        "id": r.id, "round_id": r.round_id, "case_id": r.case_id, "case_number": case_number,
        "department_id": r.department_id, "department_name": dept_name(all, r.department_id),
        "requirement": r.requirement, "issued_on": r.issued_on, "due_on": r.due_on,
        "status": r.status.code(), "status_label": r.status.label(), "status_class": status_class(r.status),
        "overdue": r.status == RectificationStatus::Open && r.due_on < today.to_string(),
        "report": r.report, "reported_on": r.reported_on, "late": r.late,
        "done_on": r.done_on, "done_note": r.done_note,
    })
}

/// A round with its files and rectifications within the user's scope.
pub async fn round_json(
    state: &AppState,
    me: &CurrentUser,
    round: &ReviewRound,
) -> Result<Value, WebError> {
    let gov = me.user.government_id;
    let (all, scope) = common::scope(state, me).await?;
    let today = today(state);
    let files = state.store.case_review_files(gov, round.id).await?;
    let rects = state
        .store
        .rectifications(
            gov,
            &RectificationFilter {
                round_id: Some(round.id),
                ..RectificationFilter::default()
            },
        )
        .await?;
    let titles: std::collections::BTreeMap<&str, (&str, u32)> = round
        .rubric
        .iter()
        .map(|i| (i.code.as_str(), (i.title.as_str(), i.max_points)))
        .collect();
    let mut groups = Vec::new();
    for s in &round.sample {
        if !covers(&scope, s.department_id) {
            continue;
        }
        let files: Vec<Value> = files
            .iter()
            .filter(|f| f.department_id == s.department_id)
            .map(|f| {
                let scores: Vec<Value> = f.scores.iter().flatten().map(|x| {
                    let (title, max) = titles.get(x.code.as_str()).copied().unwrap_or(("", 0));
                    json!({"code": x.code, "title": title, "points": x.points, "max_points": max, "reason": x.deduction_reason})
                }).collect();
                let rs: Vec<Value> = rects
                    .iter()
                    .filter(|r| r.case_id == f.case_id)
                    .map(|r| rectification_json(r, &all, &f.case_number, today))
                    .collect();
                json!({"case_id": f.case_id, "case_number": f.case_number, "scored": f.scores.is_some(),
                       "total": f.total, "max_total": f.max_total, "findings": f.findings,
                       "reviewer": f.reviewer, "scored_on": f.scored_on, "scores": scores, "rectifications": rs})
            })
            .collect();
        groups.push(json!({
            "department_id": s.department_id, "department_name": dept_name(&all, s.department_id),
            "population": s.population, "drawn": s.case_ids.len(), "files": files,
        }));
    }
    let source = &round.seed_source;
    Ok(json!({
        "id": round.id, "title": round.title, "closed_from": round.closed_from, "closed_to": round.closed_to,
        "size_label": size_label(round.size), "size": store::case_reviews::size_json(round.size),
        "departments": round.department_ids.iter().map(|d| dept_name(&all, *d)).collect::<Vec<_>>(),
        "department_ids": round.department_ids,
        "rubric": rubric_json(&round.rubric),
        "max_total": round.rubric.iter().map(|i| i.max_points).sum::<u32>(),
        "seed": round.seed.to_string(),
        "seed_source": {"derivation": store::supervision::SEED_DERIVATION, "tree_size": source.tree_size,
                        "root_hash": source.root_hash, "at": crate::time::format_ms(source.at), "at_ms": source.at,
                        "algorithm": source.algorithm, "purpose": source.purpose,
                        "preimage": source.preimage(gov)},
        "drawn_on": round.drawn_on, "drawn_by": round.drawn_by,
        "groups": groups,
    }))
}

// ---------------------------------------------------------------- list

/// Query of the round list.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct RoundQuery {
    /// Year of the draw.
    #[serde(default)]
    pub year: String,
    /// `1`: only rectifications not yet done.
    #[serde(default)]
    pub open: String,
    /// Page from 1.
    #[serde(default)]
    pub page: String,
}

/// The rounds a user may see, newest first, one page, with the total.
pub async fn visible_rounds(
    state: &AppState,
    me: &CurrentUser,
    year: Option<i32>,
    page_no: i64,
) -> Result<(Vec<store::case_reviews::RoundSummary>, i64), WebError> {
    let (_, scope) = common::scope(state, me).await?;
    // Rounds are few (a handful a year): read them all and keep those the user may see.
    let (rounds, _) = state
        .store
        .case_review_rounds(me.user.government_id, year, 0, 500)
        .await?;
    let visible: Vec<_> = rounds
        .into_iter()
        .filter(|r| r.round.department_ids.iter().any(|d| covers(&scope, *d)))
        .collect();
    let total = visible.len() as i64;
    let start = ((page_no - 1) * common::PAGE_SIZE) as usize;
    Ok((
        visible
            .into_iter()
            .skip(start)
            .take(common::PAGE_SIZE as usize)
            .collect(),
        total,
    ))
}

/// GET /staff/case-reviews
pub async fn list(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(q): Query<RoundQuery>,
) -> PageResult {
    me.require(Action::ViewCases)?;
    let gov = me.user.government_id;
    let page_no = common::page_number(&q.page);
    let year = q
        .year
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..2100).contains(y));
    let (rounds, total) = visible_rounds(&state, &me, year, page_no).await?;
    let (all, scope) = common::scope(&state, &me).await?;
    let today = today(&state);
    let rects = state
        .store
        .rectifications(
            gov,
            &RectificationFilter {
                departments: scope.clone(),
                open_only: q.open.trim() != "0",
                ..RectificationFilter::default()
            },
        )
        .await?;
    let mut rect_rows = Vec::new();
    for r in &rects {
        let number = state
            .store
            .penalty_case(gov, r.case_id)
            .await
            .map(|c| c.summary.case_number)
            .unwrap_or_default();
        rect_rows.push(rectification_json(r, &all, &number, today));
    }
    let rows: Vec<Value> = rounds
        .iter()
        .map(|s| {
            json!({"id": s.round.id, "title": s.round.title, "closed_from": s.round.closed_from,
                   "closed_to": s.round.closed_to, "n_departments": s.round.department_ids.len(),
                   "n_files": s.n_files, "n_scored": s.n_scored, "n_open": s.n_open_rectifications,
                   "drawn_on": s.round.drawn_on, "drawn_by": s.round.drawn_by})
        })
        .collect();
    let ctx = merge(
        base_context(&state, &me, "/staff/case-reviews", "案卷评查").await?,
        json!({
            "rounds": rows, "total": total, "page": page_no,
            "n_pages": ((total + common::PAGE_SIZE - 1) / common::PAGE_SIZE).max(1),
            "base": common::list_base("/staff/case-reviews", &[("year", &q.year), ("open", &q.open)]),
            "filter": q, "rectifications": rect_rows,
            "can_supervise": allows(me.user.role, Action::SuperviseEnforcement),
        }),
    );
    page(StatusCode::OK, "case_reviews.html", &ctx)
}

// ---------------------------------------------------------------- new round

/// The new-round form as submitted: fields plus `department_ids` repeated and rubric rows
/// `item_code_N`, `item_title_N`, `item_points_N`.
fn round_input_of(fields: &Fields) -> RoundInput {
    let mut rubric = Vec::new();
    for n in 0..20 {
        let code = field(fields, &format!("item_code_{n}"));
        let title = field(fields, &format!("item_title_{n}"));
        let points = field(fields, &format!("item_points_{n}"));
        if code.is_empty() && title.is_empty() {
            continue;
        }
        rubric.push(RubricItemInput {
            code: code.to_owned(),
            title: title.to_owned(),
            max_points: points.parse().unwrap_or(0),
        });
    }
    RoundInput {
        title: field(fields, "title").to_owned(),
        department_ids: fields
            .iter()
            .filter(|(k, _)| k == "department_ids")
            .filter_map(|(_, v)| v.trim().parse().ok())
            .collect(),
        closed_from: field(fields, "closed_from").to_owned(),
        closed_to: field(fields, "closed_to").to_owned(),
        size_kind: field(fields, "size_kind").to_owned(),
        size_value: field(fields, "size_value").parse().unwrap_or(0),
        rubric,
    }
}

async fn new_page(
    state: &AppState,
    me: &CurrentUser,
    form: &RoundInput,
    errors: &Value,
    status: StatusCode,
) -> PageResult {
    let (all, _) = common::scope(state, me).await?;
    let today = today(state);
    let mut rows: Vec<Value> = if form.rubric.is_empty() {
        supervision::default_rubric()
            .items()
            .iter()
            .map(|i| json!({"code": i.code, "title": i.title, "max_points": i.max_points}))
            .collect()
    } else {
        form.rubric.iter().map(|i| json!(i)).collect()
    };
    while rows.len() < 10 {
        rows.push(json!({"code": "", "title": "", "max_points": ""}));
    }
    let year_start = format!("{}-01-01", calendar::Datelike::year(&today));
    let ctx = merge(
        base_context(state, me, "/staff/case-reviews", "新建案卷评查").await?,
        json!({
            "form": form, "errors": errors, "rubric_rows": rows,
            "departments": department_options(&all, &None),
            "selected": form.department_ids.iter().map(|d| d.to_string()).collect::<Vec<_>>(),
            "today": today.to_string(), "year_start": year_start,
        }),
    );
    page(status, "case_review_new.html", &ctx)
}

/// GET /staff/case-reviews/new
pub async fn new(State(state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    me.require(Action::SuperviseEnforcement)?;
    let form = RoundInput {
        size_kind: "count".into(),
        size_value: 3,
        ..RoundInput::default()
    };
    new_page(&state, &me, &form, &json!({}), StatusCode::OK).await
}

/// POST /staff/case-reviews — draw a new round.
pub async fn create(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(fields): Form<Fields>,
) -> PageResult {
    me.require(Action::SuperviseEnforcement)?;
    me.check_csrf(field(&fields, "csrf"))?;
    let input = round_input_of(&fields);
    let result = match read_round(&state, &me, &input).await {
        Ok(new) => draw(&state, &me, new).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(round) => see_other(&format!("/staff/case-reviews/{}", round.id)),
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
            let errors = json!({"title": [e.to_string()]});
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

// ---------------------------------------------------------------- the round page

async fn round_page(
    state: &AppState,
    me: &CurrentUser,
    round: &ReviewRound,
    fb: Value,
    status: StatusCode,
) -> PageResult {
    let gov = me.user.government_id;
    let r = round_json(state, me, round).await?;
    let mut records = vec![(
        store::case_reviews::ROUND_RECORD_TYPE,
        round.id.to_string(),
        "抽取".to_owned(),
    )];
    for g in r["groups"].as_array().into_iter().flatten() {
        for f in g["files"].as_array().into_iter().flatten() {
            let number = f["case_number"].as_str().unwrap_or_default().to_owned();
            records.push((
                store::case_reviews::FILE_RECORD_TYPE,
                format!("{}:{}", round.id, f["case_id"]),
                number.clone(),
            ));
            for x in f["rectifications"].as_array().into_iter().flatten() {
                records.push((
                    store::case_reviews::RECTIFICATION_RECORD_TYPE,
                    x["id"].to_string(),
                    format!("{number} 整改"),
                ));
            }
        }
    }
    let timeline = common::ledger_timeline(state, gov, &records).await?;
    let calendar = state.calendar.get();
    let today = today(state);
    let suggested_due = calendar
        .add_working_days(today, DEFAULT_RECTIFICATION_WORKING_DAYS)
        .unwrap_or(today);
    let ctx = merge(
        base_context(state, me, "/staff/case-reviews", &round.title).await?,
        json!({
            "round": r, "timeline": timeline, "feedback": fb,
            "today": today.to_string(), "suggested_due": suggested_due.to_string(),
            "can_supervise": allows(me.user.role, Action::SuperviseEnforcement),
            "can_handle": allows(me.user.role, Action::HandleCases),
        }),
    );
    page(status, "case_review.html", &ctx)
}

/// GET /staff/case-reviews/{id}
pub async fn show(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
) -> PageResult {
    me.require(Action::ViewCases)?;
    let round = visible_round(&state, &me, &id).await?;
    round_page(&state, &me, &round, no_feedback(), StatusCode::OK).await
}

fn case_id_of(fields: &Fields) -> Result<i64, WebError> {
    field(fields, "case_id").parse::<i64>().map_err(|_| {
        let mut e = FieldErrors::new();
        e.add("case_id", "请选择评查案卷");
        WebError::Invalid(e)
    })
}

/// POST /staff/case-reviews/{id}/score — score one drawn file.
pub async fn score(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> PageResult {
    me.require(Action::SuperviseEnforcement)?;
    me.check_csrf(field(&fields, "csrf"))?;
    let round = visible_round(&state, &me, &id).await?;
    let result = async {
        let case_id = case_id_of(&fields)?;
        let scores: Vec<ItemScore> = round
            .rubric
            .iter()
            .map(|i| ItemScore {
                code: i.code.clone(),
                points: field(&fields, &format!("points_{}", i.code))
                    .parse()
                    .unwrap_or(u32::MAX),
                deduction_reason: field(&fields, &format!("reason_{}", i.code)).to_owned(),
            })
            .collect();
        if let Some(bad) = scores.iter().find(|s| s.points == u32::MAX) {
            let mut e = FieldErrors::new();
            e.add(&format!("points_{}", bad.code), "请填写得分（非负整数）");
            return Err(WebError::Invalid(e));
        }
        score_file(
            &state,
            &me,
            &round,
            case_id,
            &scores,
            field(&fields, "findings"),
        )
        .await
    }
    .await;
    match result {
        Ok(file) => see_other(&format!(
            "/staff/case-reviews/{}#file-{}",
            round.id, file.case_id
        )),
        Err(e) if shown_on_page(&e) => {
            let form = format!("score-{}", field(&fields, "case_id"));
            let status = e.status();
            round_page(&state, &me, &round, feedback(&form, &e, &fields), status).await
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /staff/case-reviews/{id}/rectifications — issue a rectification for a drawn file.
pub async fn rectify(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> PageResult {
    me.require(Action::SuperviseEnforcement)?;
    me.check_csrf(field(&fields, "csrf"))?;
    let round = visible_round(&state, &me, &id).await?;
    let result = async {
        let case_id = case_id_of(&fields)?;
        issue_rectification(
            &state,
            &me,
            &round,
            case_id,
            field(&fields, "requirement"),
            field(&fields, "due_on"),
        )
        .await
    }
    .await;
    match result {
        Ok(r) => see_other(&format!(
            "/staff/case-reviews/{}#rectification-{}",
            round.id, r.id
        )),
        Err(e) if shown_on_page(&e) => {
            let form = format!("rectify-{}", field(&fields, "case_id"));
            let status = e.status();
            round_page(&state, &me, &round, feedback(&form, &e, &fields), status).await
        }
        Err(e) => Err(e.into()),
    }
}

async fn rectification_step(
    state: AppState,
    me: CurrentUser,
    id: String,
    fields: Fields,
    done: bool,
) -> PageResult {
    me.check_csrf(field(&fields, "csrf"))?;
    let r = visible_rectification(&state, &me, &id).await?;
    let result = if done {
        complete_rectification(&state, &me, &r, field(&fields, "note")).await
    } else {
        report_rectification(&state, &me, &r, field(&fields, "report")).await
    };
    match result {
        Ok(saved) => see_other(&format!(
            "/staff/case-reviews/{}#rectification-{}",
            saved.round_id, saved.id
        )),
        Err(e) if shown_on_page(&e) => {
            let round = state
                .store
                .case_review_round(me.user.government_id, r.round_id)
                .await?;
            let form = format!("{}-{}", if done { "done" } else { "report" }, r.id);
            let status = e.status();
            round_page(&state, &me, &round, feedback(&form, &e, &fields), status).await
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /staff/case-reviews/rectifications/{id}/report — the department reports what it did.
pub async fn report(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> PageResult {
    me.require(Action::HandleCases)?;
    rectification_step(state, me, id, fields, false).await
}

/// POST /staff/case-reviews/rectifications/{id}/done — the office accepts the rectification.
pub async fn done(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> PageResult {
    me.require(Action::SuperviseEnforcement)?;
    rectification_step(state, me, id, fields, true).await
}

//! Inspections (行政检查) and random inspections (双随机一公开) for staff: the register of
//! inspection targets per department and matter with conflict-of-interest exclusions, the plans
//! and their draw of targets and officers, the inspection list, and the inspection page with its
//! steps (conduct, result, re-inspection, transfer, close), 立案 through the penalty flow, and the
//! publication of the result on the portal.
//!
//! The handling department's staff do all of it (`Action::HandleCases`) within their scope;
//! everyone who sees cases sees the inspections of the departments in their scope.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use calendar::NaiveDate;
use domain::enforcement::PartyKind;
use domain::enforcement::inspection::{InspectionCommand, InspectionResult, InspectionStage};
use domain::enforcement::officer::{CertificateStatus, CertifiedOfficer, InvestigationTeam};
use domain::enforcement::supervision::inspection_result_label;
use domain::permission::{Action, allows};
use domain::{FieldErrors, Refusal};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use store::inspections::{
    InspectionFilter, InspectionPlan, InspectionTarget, NewPlan, NewTarget, StoredInspection,
    TargetFilter, parse_stage, stage_code, stage_label,
};

use super::case_forms::{Fields, field};
use super::cases::{actor, department_officers, env_of};
use super::deadlines::today;
use super::org::parse_id;
use super::supervision::{
    self as common, covers, date_field, department_options, dept_name, feedback, no_feedback,
    number_field, shown_on_page,
};
use super::{PageResult, base_context, merge, page, see_other};
use crate::auth::{CurrentUser, PageUser};
use crate::{AppState, WebError};

// ---------------------------------------------------------------- targets

/// A target to register (the body of `POST /api/v1/inspections/targets`; the form sends the
/// same fields).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct TargetInput {
    /// Department id.
    #[serde(default)]
    pub department_id: String,
    /// Power (matter) id on the power list, optional.
    #[serde(default)]
    pub power_id: String,
    /// The matter (检查事项); the power's name when empty and a power is chosen.
    #[serde(default)]
    pub matter: String,
    /// Name of the person or organisation.
    #[serde(default)]
    pub name: String,
    /// `individual` or `organisation`.
    #[serde(default)]
    pub party_kind: String,
    /// 统一社会信用代码 or 身份证号.
    #[serde(default)]
    pub id_number: String,
    /// Address.
    #[serde(default)]
    pub address: String,
}

fn department_in_scope(
    e: &mut FieldErrors,
    raw: &str,
    all: &[store::Department],
    scope: &Option<Vec<i64>>,
) -> i64 {
    match raw
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| all.iter().any(|d| d.id == *id && d.is_enforcement_body))
        .filter(|id| covers(scope, *id))
    {
        Some(id) => id,
        None => {
            e.add("department_id", "请选择本人管理范围内的执法主体");
            0
        }
    }
}

/// Validates a target.
pub async fn read_target(
    state: &AppState,
    me: &CurrentUser,
    input: &TargetInput,
) -> Result<NewTarget, WebError> {
    let mut e = FieldErrors::new();
    let (all, scope) = common::scope(state, me).await?;
    let department_id = department_in_scope(&mut e, &input.department_id, &all, &scope);
    let mut matter = e.optional_text("matter", &input.matter, 100);
    let power_id = match input.power_id.trim() {
        "" => None,
        raw => match raw.parse::<i64>() {
            Ok(pid) => match state.store.power(me.user.government_id, pid).await {
                Ok(p) if p.department_id == department_id => {
                    if matter.is_empty() {
                        matter = p.name.clone();
                    }
                    Some(pid)
                }
                _ => {
                    e.add("power_id", "所选事项不属于该执法主体的权责清单");
                    None
                }
            },
            Err(_) => {
                e.add("power_id", "请填写权责清单中的事项编号");
                None
            }
        },
    };
    if matter.is_empty() && !e.contains("matter") {
        e.add("matter", "请填写检查事项");
    }
    let name = e.required_text("name", &input.name, 100);
    let kind = match input.party_kind.trim() {
        "individual" => PartyKind::Individual,
        "organisation" | "" => PartyKind::Organisation,
        _ => {
            e.add("party_kind", "请选择对象类型");
            PartyKind::Organisation
        }
    };
    let id_number = e.optional_text("id_number", &input.id_number, 30);
    if !id_number.chars().all(|c| c.is_ascii_alphanumeric()) {
        e.add("id_number", "证件号码只能包含数字和字母");
    }
    let address = e.optional_text("address", &input.address, 200);
    e.into_result()?;
    Ok(NewTarget {
        department_id,
        power_id,
        matter,
        name,
        party_kind: kind,
        id_number,
        address,
    })
}

/// Registers a validated target.
pub async fn add_target(
    state: &AppState,
    me: &CurrentUser,
    new: NewTarget,
) -> Result<InspectionTarget, WebError> {
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let t = tx.add_inspection_target(&new).await?;
    tx.commit().await?;
    Ok(t)
}

/// A target the user may see.
pub async fn visible_target(
    state: &AppState,
    me: &CurrentUser,
    raw_id: &str,
) -> Result<InspectionTarget, WebError> {
    let id = parse_id(raw_id)?;
    let t = state
        .store
        .inspection_target(me.user.government_id, id)
        .await?;
    let (_, scope) = common::scope(state, me).await?;
    if covers(&scope, t.department_id) {
        Ok(t)
    } else {
        Err(WebError::NotFound)
    }
}

/// A target as pages and the API show it (staff see the full name; the portal never does).
pub fn target_json(t: &InspectionTarget, all: &[store::Department]) -> Value {
    json!({
        "id": t.id, "department_id": t.department_id, "department_name": dept_name(all, t.department_id),
        "power_id": t.power_id, "matter": t.matter, "name": t.name, "public_name": t.public_name(),
        "party_kind": store::penalty::party_kind_code(t.party_kind), "party_kind_label": t.party_kind.label(),
        "id_number": t.id_number, "address": t.address,
        "exclusions": t.exclusions.iter().map(|x| json!({"officer_id": x.officer_id, "reason": x.reason})).collect::<Vec<_>>(),
    })
}

/// Query of the target register.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct TargetQuery {
    /// Department id.
    #[serde(default)]
    pub department: String,
    /// Matter.
    #[serde(default)]
    pub matter: String,
    /// Name contains.
    #[serde(default)]
    pub q: String,
    /// Page from 1.
    #[serde(default)]
    pub page: String,
}

/// The store filter of a register query within the user's scope, and the page number.
pub async fn target_filter(
    state: &AppState,
    me: &CurrentUser,
    q: &TargetQuery,
) -> Result<(TargetFilter, i64), WebError> {
    let (_, scope) = common::scope(state, me).await?;
    let page_no = common::page_number(&q.page);
    Ok((
        TargetFilter {
            departments: narrowed(&q.department, scope),
            matter: Some(q.matter.trim().to_owned()),
            query: Some(q.q.trim().chars().take(40).collect()),
            offset: (page_no - 1) * common::PAGE_SIZE,
            limit: common::PAGE_SIZE,
        },
        page_no,
    ))
}

fn narrowed(raw: &str, scope: Option<Vec<i64>>) -> Option<Vec<i64>> {
    match (raw.trim().parse::<i64>().ok(), scope) {
        (Some(id), Some(ids)) => Some(if ids.contains(&id) { vec![id] } else { vec![] }),
        (Some(id), None) => Some(vec![id]),
        (None, s) => s,
    }
}

async fn targets_page(
    state: &AppState,
    me: &CurrentUser,
    q: &TargetQuery,
    fb: Value,
    status: StatusCode,
) -> PageResult {
    let gov = me.user.government_id;
    let (filter, page_no) = target_filter(state, me, q).await?;
    let (rows, total) = state.store.inspection_targets(gov, &filter).await?;
    let (all, scope) = common::scope(state, me).await?;
    let can_handle = allows(me.user.role, Action::HandleCases);
    let mut officers_by_department: std::collections::BTreeMap<i64, Vec<Value>> =
        std::collections::BTreeMap::new();
    if can_handle {
        for t in &rows {
            if let std::collections::btree_map::Entry::Vacant(v) =
                officers_by_department.entry(t.department_id)
            {
                let officers = department_officers(state, gov, t.department_id).await?;
                v.insert(
                    officers
                        .iter()
                        .map(|o| json!({"id": o.id, "name": o.name}))
                        .collect(),
                );
            }
        }
    }
    let officer_names: std::collections::BTreeMap<i64, String> = {
        let mut m = std::collections::BTreeMap::new();
        for t in &rows {
            for x in &t.exclusions {
                if let Ok(o) = state.store.officer(gov, x.officer_id).await {
                    m.insert(x.officer_id, o.officer.name);
                }
            }
        }
        m
    };
    let targets: Vec<Value> = rows
        .iter()
        .map(|t| {
            let mut v = target_json(t, &all);
            v["officers"] = json!(
                officers_by_department
                    .get(&t.department_id)
                    .cloned()
                    .unwrap_or_default()
            );
            v["exclusion_labels"] = json!(
                t.exclusions
                    .iter()
                    .map(|x| format!(
                        "{}（{}）",
                        officer_names
                            .get(&x.officer_id)
                            .cloned()
                            .unwrap_or_default(),
                        x.reason
                    ))
                    .collect::<Vec<_>>()
            );
            v
        })
        .collect();
    let matters: Vec<String> = {
        let mut m: Vec<String> = state
            .store
            .inspection_matters(gov)
            .await?
            .into_iter()
            .filter(|(d, _)| covers(&scope, *d))
            .map(|(_, m)| m)
            .collect();
        m.sort();
        m.dedup();
        m
    };
    let ctx = merge(
        base_context(state, me, "/staff/inspection-targets", "检查对象名录库").await?,
        json!({
            "targets": targets, "total": total, "page": page_no,
            "n_pages": ((total + common::PAGE_SIZE - 1) / common::PAGE_SIZE).max(1),
            "base": common::list_base("/staff/inspection-targets", &[("department", &q.department), ("matter", &q.matter), ("q", &q.q)]),
            "filter": q, "matters": matters,
            "departments": department_options(&all, &scope),
            "can_handle": can_handle, "feedback": fb, "today": today(state).to_string(),
        }),
    );
    page(status, "inspection_targets.html", &ctx)
}

/// GET /staff/inspection-targets
pub async fn targets(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(q): Query<TargetQuery>,
) -> PageResult {
    me.require(Action::ViewCases)?;
    targets_page(&state, &me, &q, no_feedback(), StatusCode::OK).await
}

/// POST /staff/inspection-targets — register a target.
pub async fn create_target(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(fields): Form<Fields>,
) -> PageResult {
    me.require(Action::HandleCases)?;
    me.check_csrf(field(&fields, "csrf"))?;
    let input = TargetInput {
        department_id: field(&fields, "department_id").to_owned(),
        power_id: field(&fields, "power_id").to_owned(),
        matter: field(&fields, "matter").to_owned(),
        name: field(&fields, "name").to_owned(),
        party_kind: field(&fields, "party_kind").to_owned(),
        id_number: field(&fields, "id_number").to_owned(),
        address: field(&fields, "address").to_owned(),
    };
    let result = match read_target(&state, &me, &input).await {
        Ok(new) => add_target(&state, &me, new).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(t) => see_other(&format!(
            "/staff/inspection-targets?matter={}",
            super::powers::url_encode(&t.matter)
        )),
        Err(e) if shown_on_page(&e) => {
            let status = e.status();
            targets_page(
                &state,
                &me,
                &TargetQuery::default(),
                feedback("target", &e, &fields),
                status,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// POST /staff/inspection-targets/{id}/exclusions — an officer must not inspect the target.
pub async fn add_exclusion(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> PageResult {
    me.require(Action::HandleCases)?;
    me.check_csrf(field(&fields, "csrf"))?;
    let t = visible_target(&state, &me, &id).await?;
    let result = exclude(
        &state,
        &me,
        &t,
        field(&fields, "officer_id"),
        field(&fields, "reason"),
    )
    .await;
    match result {
        Ok(_) => see_other(&format!(
            "/staff/inspection-targets?matter={}",
            super::powers::url_encode(&t.matter)
        )),
        Err(e) if shown_on_page(&e) => {
            let status = e.status();
            let q = TargetQuery {
                matter: t.matter.clone(),
                ..TargetQuery::default()
            };
            targets_page(
                &state,
                &me,
                &q,
                feedback(&format!("exclusion-{}", t.id), &e, &fields),
                status,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// Records a conflict of interest: the officer must be of the target's department.
pub async fn exclude(
    state: &AppState,
    me: &CurrentUser,
    t: &InspectionTarget,
    officer_id: &str,
    reason: &str,
) -> Result<InspectionTarget, WebError> {
    me.require(Action::HandleCases)?;
    let gov = me.user.government_id;
    let mut e = FieldErrors::new();
    let officer = match officer_id.trim().parse::<i64>() {
        Ok(oid) => match state.store.officer(gov, oid).await {
            Ok(o) if o.officer.department_id == t.department_id => Some(oid),
            _ => None,
        },
        Err(_) => None,
    };
    if officer.is_none() {
        e.add("officer_id", "请选择该执法主体的执法人员");
    }
    let reason = e.required_text("reason", reason, 200);
    e.into_result()?;
    let mut tx = state
        .store
        .begin_write(gov, &actor(me), state.now())
        .await?;
    let saved = tx
        .add_inspection_exclusion(t.id, officer.unwrap_or_default(), &reason)
        .await?;
    tx.commit().await?;
    Ok(saved)
}

// ---------------------------------------------------------------- plans

/// A plan to create (the body of `POST /api/v1/inspections/plans`; the form sends the same).
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct PlanInput {
    /// Department id.
    #[serde(default)]
    pub department_id: String,
    /// Title.
    #[serde(default)]
    pub title: String,
    /// The matter whose register is drawn from.
    #[serde(default)]
    pub matter: String,
    /// Targets to draw.
    #[serde(default)]
    pub n_targets: String,
    /// Officers per target (at least two).
    #[serde(default)]
    pub officers_per_target: String,
    /// Planned day, `YYYY-MM-DD`.
    #[serde(default)]
    pub planned_on: String,
}

/// Validates a plan.
pub async fn read_plan(
    state: &AppState,
    me: &CurrentUser,
    input: &PlanInput,
) -> Result<NewPlan, WebError> {
    let mut e = FieldErrors::new();
    let (all, scope) = common::scope(state, me).await?;
    let department_id = department_in_scope(&mut e, &input.department_id, &all, &scope);
    let title = e.required_text("title", &input.title, 100);
    let matter = e.required_text("matter", &input.matter, 100);
    let n_targets = number_field(&mut e, "n_targets", &input.n_targets, 1, 500);
    let per = if input.officers_per_target.trim().is_empty() {
        2
    } else {
        number_field(
            &mut e,
            "officers_per_target",
            &input.officers_per_target,
            2,
            10,
        )
    };
    let today = today(state);
    let planned_on = date_field(&mut e, "planned_on", &input.planned_on, today);
    e.into_result()?;
    Ok(NewPlan {
        department_id,
        title,
        matter,
        n_targets: n_targets as u32,
        officers_per_target: per as u32,
        planned_on,
    })
}

/// Creates a validated plan.
pub async fn create_plan_with(
    state: &AppState,
    me: &CurrentUser,
    new: NewPlan,
) -> Result<InspectionPlan, WebError> {
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let p = tx.create_inspection_plan(&new).await?;
    tx.commit().await?;
    Ok(p)
}

/// A plan the user may see.
pub async fn visible_plan(
    state: &AppState,
    me: &CurrentUser,
    raw_id: &str,
) -> Result<InspectionPlan, WebError> {
    let id = parse_id(raw_id)?;
    let p = state
        .store
        .inspection_plan(me.user.government_id, id)
        .await?;
    let (_, scope) = common::scope(state, me).await?;
    if covers(&scope, p.department_id) {
        Ok(p)
    } else {
        Err(WebError::NotFound)
    }
}

/// Draws a plan with the department's roster.
pub async fn draw_plan_now(
    state: &AppState,
    me: &CurrentUser,
    p: &InspectionPlan,
) -> Result<(InspectionPlan, Vec<StoredInspection>), WebError> {
    me.require(Action::HandleCases)?;
    let gov = me.user.government_id;
    let roster = department_officers(state, gov, p.department_id).await?;
    let mut tx = state
        .store
        .begin_write(gov, &actor(me), state.now())
        .await?;
    let drawn = tx.draw_inspection_plan(p.id, &roster, today(state)).await?;
    tx.commit().await?;
    Ok(drawn)
}

/// A plan as pages and the API show it.
pub fn plan_json(p: &InspectionPlan, all: &[store::Department], gov: i64) -> Value {
    json!({
        "id": p.id, "department_id": p.department_id, "department_name": dept_name(all, p.department_id),
        "title": p.title, "matter": p.matter, "n_targets": p.n_targets, "officers_per_target": p.officers_per_target,
        "planned_on": p.planned_on, "status": p.status, "drawn": p.status == "drawn",
        "seed": p.seed.map(|s| s.to_string()), "drawn_on": p.drawn_on,
        "seed_source": p.seed_source.as_ref().map(|s| json!({"tree_size": s.tree_size, "root_hash": s.root_hash,
            "at": crate::time::format_ms(s.at), "at_ms": s.at, "algorithm": s.algorithm, "preimage": s.preimage(gov)})),
        "draw": p.draw,
    })
}

/// Query of the plan list.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct PlanQuery {
    /// Page from 1.
    #[serde(default)]
    pub page: String,
}

async fn plans_page(
    state: &AppState,
    me: &CurrentUser,
    q: &PlanQuery,
    form: &PlanInput,
    fb: Value,
    status: StatusCode,
) -> PageResult {
    let gov = me.user.government_id;
    let (all, scope) = common::scope(state, me).await?;
    let page_no = common::page_number(&q.page);
    let (rows, total) = state
        .store
        .inspection_plans(
            gov,
            scope.as_deref(),
            (page_no - 1) * common::PAGE_SIZE,
            common::PAGE_SIZE,
        )
        .await?;
    let matters: Vec<Value> = state
        .store
        .inspection_matters(gov)
        .await?
        .into_iter()
        .filter(|(d, _)| covers(&scope, *d))
        .map(|(d, m)| json!({"department_id": d.to_string(), "department_name": dept_name(&all, d), "matter": m}))
        .collect();
    let ctx = merge(
        base_context(state, me, "/staff/inspection-plans", "随机抽查计划").await?,
        json!({
            "plans": rows.iter().map(|p| plan_json(p, &all, gov)).collect::<Vec<_>>(),
            "total": total, "page": page_no,
            "n_pages": ((total + common::PAGE_SIZE - 1) / common::PAGE_SIZE).max(1),
            "base": "/staff/inspection-plans?",
            "departments": department_options(&all, &scope), "matters": matters,
            "can_handle": allows(me.user.role, Action::HandleCases),
            "form": form, "feedback": fb, "today": today(state).to_string(),
        }),
    );
    page(status, "inspection_plans.html", &ctx)
}

/// GET /staff/inspection-plans
pub async fn plans(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(q): Query<PlanQuery>,
) -> PageResult {
    me.require(Action::ViewCases)?;
    let form = PlanInput {
        officers_per_target: "2".into(),
        ..PlanInput::default()
    };
    plans_page(&state, &me, &q, &form, no_feedback(), StatusCode::OK).await
}

/// POST /staff/inspection-plans — create a plan.
pub async fn create_plan(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(fields): Form<Fields>,
) -> PageResult {
    me.require(Action::HandleCases)?;
    me.check_csrf(field(&fields, "csrf"))?;
    let input = PlanInput {
        department_id: field(&fields, "department_id").to_owned(),
        title: field(&fields, "title").to_owned(),
        matter: field(&fields, "matter").to_owned(),
        n_targets: field(&fields, "n_targets").to_owned(),
        officers_per_target: field(&fields, "officers_per_target").to_owned(),
        planned_on: field(&fields, "planned_on").to_owned(),
    };
    let result = match read_plan(&state, &me, &input).await {
        Ok(new) => create_plan_with(&state, &me, new).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(p) => see_other(&format!("/staff/inspection-plans/{}", p.id)),
        Err(e) if shown_on_page(&e) => {
            let status = e.status();
            plans_page(
                &state,
                &me,
                &PlanQuery::default(),
                &input,
                feedback("plan", &e, &fields),
                status,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn plan_page(
    state: &AppState,
    me: &CurrentUser,
    p: &InspectionPlan,
    fb: Value,
    status: StatusCode,
) -> PageResult {
    let gov = me.user.government_id;
    let all = state.store.list_departments(gov).await?;
    let (rows, _) = state
        .store
        .inspections(
            gov,
            &InspectionFilter {
                plan_id: Some(p.id),
                limit: 1000,
                ..InspectionFilter::default()
            },
        )
        .await?;
    let officers = department_officers(state, gov, p.department_id).await?;
    let name_of = |id: i64| {
        officers
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let inspections: Vec<Value> = rows
        .iter()
        .map(|i| {
            let mut v = inspection_row(i, &all, today(state));
            v["drawn_officers"] = json!(
                i.drawn_officer_ids
                    .iter()
                    .map(|o| name_of(*o))
                    .collect::<Vec<_>>()
                    .join("、")
            );
            v
        })
        .collect();
    let timeline = common::ledger_timeline(
        state,
        gov,
        &[(
            store::inspections::PLAN_RECORD_TYPE,
            p.id.to_string(),
            p.title.clone(),
        )],
    )
    .await?;
    let ctx = merge(
        base_context(state, me, "/staff/inspection-plans", &p.title).await?,
        json!({
            "plan": plan_json(p, &all, gov), "inspections": inspections, "timeline": timeline,
            "can_handle": allows(me.user.role, Action::HandleCases), "feedback": fb,
        }),
    );
    page(status, "inspection_plan.html", &ctx)
}

/// GET /staff/inspection-plans/{id}
pub async fn show_plan(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
) -> PageResult {
    me.require(Action::ViewCases)?;
    let p = visible_plan(&state, &me, &id).await?;
    plan_page(&state, &me, &p, no_feedback(), StatusCode::OK).await
}

/// POST /staff/inspection-plans/{id}/draw — draw targets and officers.
pub async fn draw_plan(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> PageResult {
    me.require(Action::HandleCases)?;
    me.check_csrf(field(&fields, "csrf"))?;
    let p = visible_plan(&state, &me, &id).await?;
    match draw_plan_now(&state, &me, &p).await {
        Ok((p, _)) => see_other(&format!("/staff/inspection-plans/{}", p.id)),
        Err(e) if shown_on_page(&e) => {
            let status = e.status();
            plan_page(&state, &me, &p, feedback("draw", &e, &fields), status).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------- inspections

/// An inspection the user may see.
pub async fn visible_inspection(
    state: &AppState,
    me: &CurrentUser,
    raw_id: &str,
) -> Result<StoredInspection, WebError> {
    let id = parse_id(raw_id)?;
    let i = state.store.inspection(me.user.government_id, id).await?;
    let (_, scope) = common::scope(state, me).await?;
    if covers(&scope, i.department_id) {
        Ok(i)
    } else {
        Err(WebError::NotFound)
    }
}

fn result_code(r: &InspectionResult) -> &'static str {
    match r {
        InspectionResult::Compliant => "compliant",
        InspectionResult::OrderedToRectify { .. } => "rectify",
        InspectionResult::CaseOrTransfer => "case",
    }
}

/// An inspection as lists show it.
pub fn inspection_row(i: &StoredInspection, all: &[store::Department], today: NaiveDate) -> Value {
    let x = &i.inspection;
    json!({
        "id": x.id, "department_id": i.department_id, "department_name": dept_name(all, i.department_id),
        "target_id": x.target_id, "target_name": i.target_name, "target_public_name": i.target_public_name(),
        "matter": i.matter, "plan_id": i.plan_id, "planned_on": x.planned_on.to_string(),
        "stage": stage_code(x.stage), "stage_label": stage_label(x.stage),
        "stage_class": match x.stage { InspectionStage::Closed => "ok", InspectionStage::Planned => "", _ => "warn" },
        "overdue": x.stage == InspectionStage::Planned && x.planned_on < today,
        "conducted_on": x.conducted_on.map(|d| d.to_string()),
        "result": x.result.as_ref().map(result_code),
        "result_label": x.result.as_ref().map(inspection_result_label),
        "penalty_case_id": x.penalty_case_id, "published": i.published, "published_on": i.published_on,
        "version": i.version,
    })
}

/// An inspection with everything its page shows.
pub async fn inspection_detail(
    state: &AppState,
    me: &CurrentUser,
    i: &StoredInspection,
) -> Result<Value, WebError> {
    let gov = me.user.government_id;
    let all = state.store.list_departments(gov).await?;
    let today = today(state);
    let x = &i.inspection;
    let officers = department_officers(state, gov, i.department_id).await?;
    let name_of = |id: i64| {
        officers
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let target = state.store.inspection_target(gov, x.target_id).await?;
    let case_number = match x.penalty_case_id {
        Some(cid) => state
            .store
            .penalty_case(gov, cid)
            .await
            .ok()
            .map(|c| c.summary.case_number),
        None => None,
    };
    let mut v = inspection_row(i, &all, today);
    v["target"] = target_json(&target, &all);
    v["findings"] = json!(x.findings);
    v["team"] = json!(x.team.iter().map(|m| json!({"officer_id": m.officer_id, "name": m.name, "certificate": m.certificate_number})).collect::<Vec<_>>());
    v["drawn_officer_ids"] = json!(i.drawn_officer_ids);
    v["drawn_officers"] = json!(
        i.drawn_officer_ids
            .iter()
            .map(|o| name_of(*o))
            .collect::<Vec<_>>()
            .join("、")
    );
    v["rectify_by"] = json!(match &x.result {
        Some(InspectionResult::OrderedToRectify { by }) => Some(by.to_string()),
        _ => None,
    });
    v["transferred_to"] = json!(x.transferred_to);
    v["rectified_on"] = json!(x.rectified_on.map(|d| d.to_string()));
    v["closed_on"] = json!(x.closed_on.map(|d| d.to_string()));
    v["case_number"] = json!(case_number);
    v["draw_seed"] = json!(x.draw_seed.map(|s| s.to_string()));
    v["officers"] = json!(officers.iter().map(|o| {
        let status = o.certificate.status_on(today);
        json!({"id": o.id, "name": o.name, "certificate": o.certificate.number, "status": status.label(),
               "valid": status == CertificateStatus::Valid, "drawn": i.drawn_officer_ids.contains(&o.id)})
    }).collect::<Vec<_>>());
    Ok(v)
}

/// The steps offered at an inspection's stage: (code, label).
pub fn actions_at(i: &StoredInspection) -> Vec<(&'static str, &'static str)> {
    let x = &i.inspection;
    let mut out = Vec::new();
    match x.stage {
        InspectionStage::Planned => out.push(("conduct", "登记检查实施情况")),
        InspectionStage::Conducted => out.push(("result", "记录检查结果")),
        InspectionStage::ResultRecorded => {
            match &x.result {
                Some(InspectionResult::CaseOrTransfer)
                    if x.penalty_case_id.is_none() && x.transferred_to.is_none() =>
                {
                    out.push(("open_case", "立案（登记行政处罚案件）"));
                    out.push(("transfer", "移送有关机关"));
                }
                Some(InspectionResult::OrderedToRectify { .. }) if x.rectified_on.is_none() => {
                    out.push(("verify", "登记整改复查"));
                }
                _ => {}
            }
            out.push(("close", "办结"));
        }
        InspectionStage::Closed => {}
    }
    if !i.published
        && matches!(
            x.stage,
            InspectionStage::ResultRecorded | InspectionStage::Closed
        )
    {
        out.push(("publish", "公示检查结果"));
    }
    out
}

fn refusal(code: &'static str, message: &str) -> WebError {
    WebError::Refused(Refusal::new(code, message))
}

/// Plans an inspection of a target outside a random draw.
pub async fn plan_inspection(
    state: &AppState,
    me: &CurrentUser,
    target: &InspectionTarget,
    planned_on: &str,
) -> Result<StoredInspection, WebError> {
    me.require(Action::HandleCases)?;
    let mut e = FieldErrors::new();
    let on = date_field(&mut e, "planned_on", planned_on, today(state));
    e.into_result()?;
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let i = tx.create_inspection(target.id, on).await?;
    tx.commit().await?;
    Ok(i)
}

/// Runs one step on a visible inspection: conduct, result, verify, transfer, close, open_case,
/// publish. Returns the saved inspection.
pub async fn run_inspection_step(
    state: &AppState,
    me: &CurrentUser,
    i: &StoredInspection,
    action: &str,
    fields: &Fields,
    read_version: Option<i64>,
) -> Result<StoredInspection, WebError> {
    me.require(Action::HandleCases)?;
    let gov = me.user.government_id;
    let today = today(state);
    let calendar = state.calendar.get();
    let mut e = FieldErrors::new();
    let command = match action {
        "conduct" => {
            let on = date_field(&mut e, "conducted_on", field(fields, "conducted_on"), today);
            let findings = e.optional_text("findings", field(fields, "findings"), 2000);
            let ids: Vec<i64> = fields
                .iter()
                .filter(|(k, _)| k == "officer_ids")
                .filter_map(|(_, v)| v.trim().parse().ok())
                .collect();
            e.into_result()?;
            let roster = department_officers(state, gov, i.department_id).await?;
            let mut certified = Vec::new();
            for id in &ids {
                let Some(o) = roster.iter().find(|o| o.id == *id) else {
                    let mut e = FieldErrors::new();
                    e.add("officer_ids", "所选人员不是本执法主体的执法人员");
                    return Err(WebError::Invalid(e));
                };
                certified.push(CertifiedOfficer::certify(o, on)?);
            }
            InspectionCommand::Conduct {
                on,
                team: InvestigationTeam::new(certified)?,
                findings,
            }
        }
        "result" => {
            let result = match field(fields, "result") {
                "compliant" => InspectionResult::Compliant,
                "rectify" => {
                    if field(fields, "rectify_by").is_empty() {
                        e.add("rectify_by", "责令改正的，请填写改正期限");
                    }
                    let by = date_field(&mut e, "rectify_by", field(fields, "rectify_by"), today);
                    InspectionResult::OrderedToRectify { by }
                }
                "case" => InspectionResult::CaseOrTransfer,
                _ => {
                    e.add("result", "请选择检查结果");
                    InspectionResult::Compliant
                }
            };
            e.into_result()?;
            InspectionCommand::RecordResult { result }
        }
        "verify" => {
            let on = date_field(&mut e, "on", field(fields, "on"), today);
            e.into_result()?;
            InspectionCommand::VerifyRectification { on }
        }
        "transfer" => {
            let to = e.required_text("to", field(fields, "to"), 100);
            e.into_result()?;
            InspectionCommand::Transfer { to }
        }
        "close" => {
            let on = date_field(&mut e, "on", field(fields, "on"), today);
            e.into_result()?;
            InspectionCommand::Close { on }
        }
        "open_case" => {
            let env = env_of(state, &calendar);
            let mut tx = state
                .store
                .begin_write(gov, &actor(me), state.now())
                .await?;
            let (saved, _case) = tx
                .open_case_from_inspection(&env, i.inspection.id, read_version)
                .await?;
            tx.commit().await?;
            return Ok(saved);
        }
        "publish" => {
            let mut tx = state
                .store
                .begin_write(gov, &actor(me), state.now())
                .await?;
            let saved = tx
                .publish_inspection_result(i.inspection.id, today, today)
                .await?;
            tx.commit().await?;
            return Ok(saved);
        }
        _ => return Err(refusal("inspection.unknown_action", "未知的办理步骤")),
    };
    let mut tx = state
        .store
        .begin_write(gov, &actor(me), state.now())
        .await?;
    let saved = tx
        .apply_inspection_command(i.inspection.id, read_version, command, today, &calendar)
        .await?;
    tx.commit().await?;
    Ok(saved)
}

/// Query of the inspection list.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct InspectionQuery {
    /// Department id.
    #[serde(default)]
    pub department: String,
    /// Stage code.
    #[serde(default)]
    pub stage: String,
    /// Plan id.
    #[serde(default)]
    pub plan: String,
    /// Target or matter contains.
    #[serde(default)]
    pub q: String,
    /// Page from 1.
    #[serde(default)]
    pub page: String,
}

/// The store filter of a list query within the user's scope, and the page number.
pub async fn inspection_filter(
    state: &AppState,
    me: &CurrentUser,
    q: &InspectionQuery,
) -> Result<(InspectionFilter, i64), WebError> {
    let (_, scope) = common::scope(state, me).await?;
    let page_no = common::page_number(&q.page);
    Ok((
        InspectionFilter {
            departments: narrowed(&q.department, scope),
            stage: parse_stage(q.stage.trim()).map(|s| stage_code(s).to_owned()),
            plan_id: q.plan.trim().parse().ok(),
            query: Some(q.q.trim().chars().take(40).collect()),
            published_only: false,
            offset: (page_no - 1) * common::PAGE_SIZE,
            limit: common::PAGE_SIZE,
        },
        page_no,
    ))
}

/// GET /staff/inspections
pub async fn list(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(q): Query<InspectionQuery>,
) -> PageResult {
    me.require(Action::ViewCases)?;
    let gov = me.user.government_id;
    let (filter, page_no) = inspection_filter(&state, &me, &q).await?;
    let (rows, total) = state.store.inspections(gov, &filter).await?;
    let (all, scope) = common::scope(&state, &me).await?;
    let today = today(&state);
    let stages: Vec<Value> = store::inspections::STAGES
        .iter()
        .map(|s| json!({"value": stage_code(*s), "label": stage_label(*s)}))
        .collect();
    let ctx = merge(
        base_context(&state, &me, "/staff/inspections", "行政检查").await?,
        json!({
            "inspections": rows.iter().map(|i| inspection_row(i, &all, today)).collect::<Vec<_>>(),
            "total": total, "page": page_no,
            "n_pages": ((total + common::PAGE_SIZE - 1) / common::PAGE_SIZE).max(1),
            "base": common::list_base("/staff/inspections", &[("department", &q.department), ("stage", &q.stage), ("plan", &q.plan), ("q", &q.q)]),
            "filter": q, "stages": stages,
            "departments": department_options(&all, &scope),
        }),
    );
    page(StatusCode::OK, "inspections.html", &ctx)
}

/// POST /staff/inspections — plan an inspection of a registered target.
pub async fn create(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(fields): Form<Fields>,
) -> PageResult {
    me.require(Action::HandleCases)?;
    me.check_csrf(field(&fields, "csrf"))?;
    let target = match field(&fields, "target_id").parse::<i64>() {
        Ok(_) => visible_target(&state, &me, field(&fields, "target_id")).await,
        Err(_) => Err(WebError::Invalid({
            let mut e = FieldErrors::new();
            e.add("target_id", "请选择检查对象");
            e
        })),
    };
    let result = match target {
        Ok(t) => plan_inspection(&state, &me, &t, field(&fields, "planned_on")).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(i) => see_other(&format!("/staff/inspections/{}", i.inspection.id)),
        Err(e) if shown_on_page(&e) => {
            let status = e.status();
            targets_page(
                &state,
                &me,
                &TargetQuery::default(),
                feedback("plan-inspection", &e, &fields),
                status,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn inspection_page(
    state: &AppState,
    me: &CurrentUser,
    i: &StoredInspection,
    fb: Value,
    status: StatusCode,
) -> PageResult {
    let gov = me.user.government_id;
    let detail = inspection_detail(state, me, i).await?;
    let timeline = common::ledger_timeline(
        state,
        gov,
        &[(
            store::inspections::INSPECTION_RECORD_TYPE,
            i.inspection.id.to_string(),
            "检查".to_owned(),
        )],
    )
    .await?;
    let can_handle = allows(me.user.role, Action::HandleCases);
    let actions: Vec<Value> = if can_handle {
        actions_at(i)
            .into_iter()
            .map(|(code, label)| json!({"code": code, "label": label}))
            .collect()
    } else {
        Vec::new()
    };
    let title = format!("行政检查：{}", i.target_name);
    let ctx = merge(
        base_context(state, me, "/staff/inspections", &title).await?,
        json!({
            "i": detail, "timeline": timeline, "actions": actions, "feedback": fb,
            "today": today(state).to_string(),
        }),
    );
    page(status, "inspection.html", &ctx)
}

/// GET /staff/inspections/{id}
pub async fn show(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
) -> PageResult {
    me.require(Action::ViewCases)?;
    let i = visible_inspection(&state, &me, &id).await?;
    inspection_page(&state, &me, &i, no_feedback(), StatusCode::OK).await
}

/// POST /staff/inspections/{id}/act — one step of the inspection.
pub async fn act(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> PageResult {
    me.require(Action::HandleCases)?;
    me.check_csrf(field(&fields, "csrf"))?;
    let i = visible_inspection(&state, &me, &id).await?;
    let action = field(&fields, "action").to_owned();
    let version = field(&fields, "version").parse::<i64>().ok();
    match run_inspection_step(&state, &me, &i, &action, &fields, version).await {
        Ok(saved) => {
            if action == "open_case"
                && let Some(cid) = saved.inspection.penalty_case_id
            {
                return see_other(&format!("/staff/cases/{cid}"));
            }
            see_other(&format!("/staff/inspections/{}", saved.inspection.id))
        }
        Err(e) if shown_on_page(&e) => {
            let status = e.status();
            let fresh = visible_inspection(&state, &me, &id).await?;
            inspection_page(&state, &me, &fresh, feedback(&action, &e, &fields), status).await
        }
        Err(e) => Err(e.into()),
    }
}

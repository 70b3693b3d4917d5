//! Regions, governments and departments (with the enforcement-body flag and its publication).

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use domain::FieldErrors;
use domain::org::{DepartmentInput, RegionLevel, check_region_code, may_publish_enforcement_body};
use domain::permission::{Action, allows};
use serde::Deserialize;
use serde_json::{Value, json};
use store::{Actor, Department};

use super::{
    PageResult, base_context, departments_in_scope, depth, event_label, merge, page, see_other,
};
use crate::auth::{CurrentUser, PageUser};
use crate::{AppState, WebError};

fn actor(me: &CurrentUser) -> Actor {
    Actor {
        user_id: Some(me.user.id),
        name: me.user.display_name.clone(),
    }
}

/// Parses a numeric path id; anything else is "not found", before any query.
pub fn parse_id(raw: &str) -> Result<i64, WebError> {
    raw.parse::<i64>()
        .ok()
        .filter(|&id| id > 0)
        .ok_or(WebError::NotFound)
}

// ---------------------------------------------------------------- regions

/// The region form.
#[derive(Debug, Default, Deserialize, serde::Serialize)]
pub struct RegionForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    parent_code: String,
}

async fn regions_page(
    state: &AppState,
    me: &CurrentUser,
    form: &RegionForm,
    errors: &FieldErrors,
    error: &str,
    status: StatusCode,
) -> PageResult {
    let regions = state.store.list_regions().await?;
    let rows: Vec<Value> = regions
        .iter()
        .map(|r| {
            let indent = "　".repeat(RegionLevel::ALL.iter().position(|l| *l == r.level).unwrap_or(0));
            json!({"code": r.code, "name": r.name, "level_label": r.level.label(), "parent_code": r.parent_code, "indent": indent})
        })
        .collect();
    let levels: Vec<Value> = RegionLevel::ALL
        .iter()
        .map(|l| json!({"value": l.as_str(), "label": l.label()}))
        .collect();
    let ctx = merge(
        base_context(state, me, "/staff/regions", "行政区划").await?,
        json!({"regions": rows, "levels": levels, "form": form, "errors": errors.0, "error": error,
               "can_manage": allows(me.user.role, Action::ManageRegions)}),
    );
    page(status, "regions.html", &ctx)
}

/// GET /staff/regions
pub async fn list_regions(State(state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    me.require(Action::ViewOrganisation)?;
    regions_page(
        &state,
        &me,
        &RegionForm {
            level: "county".into(),
            ..Default::default()
        },
        &FieldErrors::new(),
        "",
        StatusCode::OK,
    )
    .await
}

/// POST /staff/regions
pub async fn create_region(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(form): Form<RegionForm>,
) -> PageResult {
    me.require(Action::ManageRegions)?;
    me.check_csrf(&form.csrf)?;
    match new_region(
        &state,
        &me,
        &form.code,
        &form.name,
        &form.level,
        &form.parent_code,
    )
    .await
    {
        Ok(_) => see_other("/staff/regions"),
        Err(WebError::Invalid(errors)) => {
            regions_page(
                &state,
                &me,
                &form,
                &errors,
                "",
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => {
            regions_page(
                &state,
                &me,
                &form,
                &FieldErrors::new(),
                &e.to_string(),
                e.status(),
            )
            .await
        }
    }
}

/// Validates a new region against GB/T 2260 and its parent, and creates it: the one path for the
/// page and the API. Invalid input comes back as [`WebError::Invalid`] with the fields named.
pub async fn new_region(
    state: &AppState,
    me: &CurrentUser,
    code: &str,
    name: &str,
    level: &str,
    parent_code: &str,
) -> Result<store::Region, WebError> {
    let mut errors = FieldErrors::new();
    let name = errors.required_text("name", name, 40);
    let level = RegionLevel::parse(level);
    let parent = if parent_code.is_empty() {
        None
    } else {
        state.store.region(parent_code).await.ok()
    };
    match level {
        None => errors.add("level", "请选择级别（province、city、county 或 town）"),
        Some(level) => {
            if !parent_code.is_empty() && parent.is_none() {
                errors.add("parent_code", "上级区划不存在");
            } else if let Err(m) = check_region_code(
                code.trim(),
                level,
                parent.as_ref().map(|p| (p.code.as_str(), p.level)),
            ) {
                errors.add("code", m);
            }
        }
    }
    errors.into_result()?;
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let region = tx
        .create_region(
            code.trim(),
            &name,
            level.expect("checked above"),
            parent.as_ref().map(|p| p.code.as_str()),
        )
        .await?;
    tx.commit().await?;
    Ok(region)
}

/// Validates a new government and creates it with its log and signing key (SM3 and SM2): the one
/// path for the page and the API. `parent` is the parent government's id as text (empty: none).
pub async fn new_government(
    state: &AppState,
    me: &CurrentUser,
    region_code: &str,
    name: &str,
    parent: &str,
) -> Result<store::Government, WebError> {
    let mut errors = FieldErrors::new();
    let name = errors.required_text("name", name, 60);
    if state.store.region(region_code).await.is_err() {
        errors.add("region_code", "请选择行政区划");
    }
    let parent = if parent.trim().is_empty() {
        None
    } else {
        match parent.trim().parse::<i64>() {
            Ok(id) if state.store.government(id).await.is_ok() => Some(id),
            _ => {
                errors.add("parent_government_id", "上级政府不存在");
                None
            }
        }
    };
    errors.into_result()?;
    let log = state
        .keys
        .create_log(
            region_code,
            &name,
            state.now(),
            ledger::HashAlgorithm::Sm3,
            ledger::SignatureAlgorithm::Sm2,
        )
        .map_err(WebError::Internal)?;
    Ok(state
        .store
        .create_government(&actor(me), state.now(), region_code, &name, parent, &log)
        .await?)
}

// ---------------------------------------------------------------- governments

/// The government form.
#[derive(Debug, Default, Deserialize, serde::Serialize)]
pub struct GovernmentForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    region_code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    parent_government_id: String,
}

async fn governments_page(
    state: &AppState,
    me: &CurrentUser,
    form: &GovernmentForm,
    errors: &FieldErrors,
    error: &str,
    status: StatusCode,
) -> PageResult {
    let governments = state.store.list_governments().await?;
    let regions = state.store.list_regions().await?;
    let rows: Vec<Value> = governments
        .iter()
        .map(|g| {
            let region_name = regions.iter().find(|r| r.code == g.region_code).map(|r| r.name.clone());
            let parent_name = g.parent_government_id.and_then(|p| governments.iter().find(|x| x.id == p)).map(|x| x.name.clone());
            json!({"id": g.id, "name": g.name, "region_code": g.region_code, "region_name": region_name,
                   "parent_name": parent_name, "created_at": crate::time::format_ms(g.created_at)})
        })
        .collect();
    let free_regions: Vec<Value> = regions
        .iter()
        .filter(|r| !governments.iter().any(|g| g.region_code == r.code))
        .map(|r| json!({"code": r.code, "name": r.name}))
        .collect();
    let ctx = merge(
        base_context(state, me, "/staff/governments", "人民政府").await?,
        json!({"governments": rows, "regions": free_regions, "form": form, "errors": errors.0, "error": error,
               "can_manage": allows(me.user.role, Action::ManageGovernments)}),
    );
    page(status, "governments.html", &ctx)
}

/// GET /staff/governments
pub async fn list_governments(State(state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    me.require(Action::ViewOrganisation)?;
    governments_page(
        &state,
        &me,
        &GovernmentForm::default(),
        &FieldErrors::new(),
        "",
        StatusCode::OK,
    )
    .await
}

/// POST /staff/governments
pub async fn create_government(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(form): Form<GovernmentForm>,
) -> PageResult {
    me.require(Action::ManageGovernments)?;
    me.check_csrf(&form.csrf)?;
    match new_government(
        &state,
        &me,
        &form.region_code,
        &form.name,
        &form.parent_government_id,
    )
    .await
    {
        Ok(_) => see_other("/staff/governments"),
        Err(WebError::Invalid(errors)) => {
            governments_page(
                &state,
                &me,
                &form,
                &errors,
                "",
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => {
            governments_page(
                &state,
                &me,
                &form,
                &FieldErrors::new(),
                &e.to_string(),
                e.status(),
            )
            .await
        }
    }
}

// ---------------------------------------------------------------- departments

/// Filters of the department list.
#[derive(Debug, Default, Deserialize)]
pub struct DepartmentFilter {
    #[serde(default)]
    q: String,
    #[serde(default)]
    kind: String,
}

/// GET /staff/departments
pub async fn list_departments(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(f): Query<DepartmentFilter>,
) -> PageResult {
    me.require(Action::ViewOrganisation)?;
    let all = state.store.list_departments(me.user.government_id).await?;
    let visible = departments_in_scope(&me, all.clone());
    let rows: Vec<Value> = visible
        .iter()
        .filter(|d| f.q.trim().is_empty() || d.name.contains(f.q.trim()))
        .filter(|d| match f.kind.as_str() {
            "enforcement" => d.is_enforcement_body,
            "published" => d.enforcement_published,
            _ => true,
        })
        .map(|d| {
            let mut v = department_json(d);
            v["indent"] = json!("　".repeat(depth(&all, d.id)));
            v
        })
        .collect();
    let ctx = merge(
        base_context(&state, &me, "/staff/departments", "部门与执法主体").await?,
        json!({"departments": rows, "q": f.q, "kind": f.kind, "can_manage": allows(me.user.role, Action::ManageDepartments)}),
    );
    page(StatusCode::OK, "departments.html", &ctx)
}

fn department_json(d: &Department) -> Value {
    json!({
        "id": d.id, "name": d.name, "short_name": d.short_name, "parent_id": d.parent_id,
        "is_enforcement_body": d.is_enforcement_body, "enforcement_basis": d.enforcement_basis,
        "enforcement_published": d.enforcement_published,
    })
}

/// The department form.
#[derive(Debug, Default, Deserialize, serde::Serialize)]
pub struct DepartmentForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    short_name: String,
    #[serde(default)]
    parent_id: String,
    #[serde(default)]
    is_enforcement_body: Option<String>,
    #[serde(default)]
    enforcement_basis: String,
}

impl DepartmentForm {
    fn is_enforcement_body(&self) -> bool {
        self.is_enforcement_body
            .as_deref()
            .is_some_and(|v| v == "true" || v == "on")
    }
}

async fn department_page(
    state: &AppState,
    me: &CurrentUser,
    dept: Option<&Department>,
    form: &DepartmentForm,
    errors: &FieldErrors,
    error: &str,
    status: StatusCode,
) -> PageResult {
    let all = state.store.list_departments(me.user.government_id).await?;
    let parents: Vec<Value> = departments_in_scope(me, all)
        .iter()
        .map(|d| json!({"id": d.id, "name": d.name}))
        .collect();
    let history: Vec<Value> = match dept {
        Some(d) => state
            .store
            .ledger_entries_of(me.user.government_id, "department", &d.id.to_string())
            .await?
            .iter()
            .map(|e| json!({"idx": e.idx, "at": crate::time::format_ms(e.at), "event_label": event_label(&e.event), "actor": e.actor}))
            .collect(),
        None => Vec::new(),
    };
    let mut form_json = serde_json::to_value(form).unwrap_or_default();
    form_json["is_enforcement_body"] = json!(form.is_enforcement_body());
    let title = dept
        .map(|d| d.name.clone())
        .unwrap_or_else(|| "新增部门".to_owned());
    let ctx = merge(
        base_context(state, me, "/staff/departments", &title).await?,
        json!({
            "dept": dept.map(department_json), "form": form_json, "errors": errors.0, "error": error,
            "parents": parents, "history": history,
            "can_manage": allows(me.user.role, Action::ManageDepartments),
            "can_publish": allows(me.user.role, Action::PublishEnforcementBodies),
        }),
    );
    page(status, "department.html", &ctx)
}

fn form_of(d: &Department) -> DepartmentForm {
    DepartmentForm {
        csrf: String::new(),
        name: d.name.clone(),
        short_name: d.short_name.clone(),
        parent_id: d.parent_id.map(|p| p.to_string()).unwrap_or_default(),
        is_enforcement_body: d.is_enforcement_body.then(|| "true".to_owned()),
        enforcement_basis: d.enforcement_basis.clone(),
    }
}

/// Loads a department the user may see, or "not found".
async fn visible_department(
    state: &AppState,
    me: &CurrentUser,
    raw_id: &str,
) -> Result<Department, WebError> {
    let id = parse_id(raw_id)?;
    let all = state.store.list_departments(me.user.government_id).await?;
    departments_in_scope(me, all)
        .into_iter()
        .find(|d| d.id == id)
        .ok_or(WebError::NotFound)
}

/// GET /staff/departments/new
pub async fn new_department(State(state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    me.require(Action::ManageDepartments)?;
    department_page(
        &state,
        &me,
        None,
        &DepartmentForm::default(),
        &FieldErrors::new(),
        "",
        StatusCode::OK,
    )
    .await
}

/// POST /staff/departments
pub async fn create_department(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(form): Form<DepartmentForm>,
) -> PageResult {
    me.require(Action::ManageDepartments)?;
    me.check_csrf(&form.csrf)?;
    let parent_id = if form.parent_id.is_empty() {
        None
    } else {
        match visible_department(&state, &me, &form.parent_id).await {
            Ok(p) => Some(p.id),
            Err(_) => {
                let mut errors = FieldErrors::new();
                errors.add("parent_id", "上级部门不存在");
                return department_page(
                    &state,
                    &me,
                    None,
                    &form,
                    &errors,
                    "",
                    StatusCode::UNPROCESSABLE_ENTITY,
                )
                .await;
            }
        }
    };
    let input = match DepartmentInput::parse(
        &form.name,
        &form.short_name,
        form.is_enforcement_body(),
        &form.enforcement_basis,
    ) {
        Ok(i) => i,
        Err(errors) => {
            return department_page(
                &state,
                &me,
                None,
                &form,
                &errors,
                "",
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    match tx.create_department(&input, parent_id).await {
        Ok(d) => {
            tx.commit().await?;
            see_other(&format!("/staff/departments/{}", d.id))
        }
        Err(e) => {
            drop(tx);
            let e = WebError::from(e);
            department_page(
                &state,
                &me,
                None,
                &form,
                &FieldErrors::new(),
                &e.to_string(),
                e.status(),
            )
            .await
        }
    }
}

/// GET /staff/departments/{id}
pub async fn show_department(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
) -> PageResult {
    me.require(Action::ViewOrganisation)?;
    let dept = visible_department(&state, &me, &id).await?;
    department_page(
        &state,
        &me,
        Some(&dept),
        &form_of(&dept),
        &FieldErrors::new(),
        "",
        StatusCode::OK,
    )
    .await
}

/// POST /staff/departments/{id}
pub async fn update_department(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<DepartmentForm>,
) -> PageResult {
    me.require(Action::ManageDepartments)?;
    me.check_csrf(&form.csrf)?;
    let dept = visible_department(&state, &me, &id).await?;
    let input = match DepartmentInput::parse(
        &form.name,
        &form.short_name,
        form.is_enforcement_body(),
        &form.enforcement_basis,
    ) {
        Ok(i) => i,
        Err(errors) => {
            return department_page(
                &state,
                &me,
                Some(&dept),
                &form,
                &errors,
                "",
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    match tx.update_department(dept.id, &input).await {
        Ok(_) => {
            tx.commit().await?;
            see_other(&format!("/staff/departments/{}", dept.id))
        }
        Err(e) => {
            drop(tx);
            let e = WebError::from(e);
            department_page(
                &state,
                &me,
                Some(&dept),
                &form,
                &FieldErrors::new(),
                &e.to_string(),
                e.status(),
            )
            .await
        }
    }
}

/// The publish form.
#[derive(Debug, Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    published: String,
}

/// POST /staff/departments/{id}/publish
pub async fn publish_department(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<PublishForm>,
) -> PageResult {
    me.require(Action::PublishEnforcementBodies)?;
    me.check_csrf(&form.csrf)?;
    let dept = visible_department(&state, &me, &id).await?;
    let publish = form.published == "true";
    if publish
        && let Err(m) =
            may_publish_enforcement_body(dept.is_enforcement_body, &dept.enforcement_basis)
    {
        return department_page(
            &state,
            &me,
            Some(&dept),
            &form_of(&dept),
            &FieldErrors::new(),
            &m,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    tx.set_enforcement_published(dept.id, publish).await?;
    tx.commit().await?;
    see_other(&format!("/staff/departments/{}", dept.id))
}

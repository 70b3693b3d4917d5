//! JSON handlers: `<verb>_<resource>`, each with its OpenAPI description.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::FieldErrors;
use domain::account::{Role, check_username};
use domain::org::{DepartmentInput, may_publish_enforcement_body};
use domain::permission::Action;
use store::{Actor, NewUser};

use super::dto::*;
use super::{RawJson, check_csrf_header};
use crate::auth::{self, CurrentUser, SESSION_COOKIE};
use crate::pages::audit::{AuditQuery, parse_filter};
use crate::pages::org::parse_id;
use crate::pages::users::initial_password;
use crate::{AppState, WebError};

type ApiResult<T> = Result<T, WebError>;

fn actor(me: &CurrentUser) -> Actor {
    Actor {
        user_id: Some(me.user.id),
        name: me.user.display_name.clone(),
    }
}

/// Log in; sets the session cookie.
#[utoipa::path(post, path = "/api/v1/session", tag = "session", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = "4XX", body = ApiError)))]
pub async fn login(State(state): State<AppState>, raw: RawJson) -> ApiResult<Response> {
    let body: LoginRequest = raw.parse()?;
    let logged_in = auth::login(&state, &body.username, &body.password, "").await?;
    let cookie = auth::set_cookie(&state, SESSION_COOKIE, &logged_in.cookie_value, None);
    let body = LoginResponse {
        user: UserDto::from(&logged_in.user),
        csrf_token: logged_in.csrf_token,
    };
    Ok(([(header::SET_COOKIE, cookie)], Json(body)).into_response())
}

/// Log out.
#[utoipa::path(delete, path = "/api/v1/session", tag = "session",
    responses((status = 204), (status = "4XX", body = ApiError)))]
pub async fn logout(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
) -> ApiResult<Response> {
    check_csrf_header(&me, &headers)?;
    state
        .store
        .end_session(
            me.user.government_id,
            &me.session_key,
            &me.user,
            "logout",
            state.now(),
            "",
        )
        .await?;
    let cookie = auth::set_cookie(&state, SESSION_COOKIE, "", Some(0));
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

/// The logged-in account.
#[utoipa::path(get, path = "/api/v1/me", tag = "session",
    responses((status = 200, body = UserDto), (status = "4XX", body = ApiError)))]
pub async fn me(me: CurrentUser) -> ApiResult<Json<UserDto>> {
    me.require(Action::UseStaffArea)?;
    Ok(Json(UserDto::from(&me.user)))
}

/// Every region.
#[utoipa::path(get, path = "/api/v1/regions", tag = "organisation",
    responses((status = 200, body = [RegionDto]), (status = "4XX", body = ApiError)))]
pub async fn list_regions(
    State(state): State<AppState>,
    me: CurrentUser,
) -> ApiResult<Json<Vec<RegionDto>>> {
    me.require(Action::ViewOrganisation)?;
    Ok(Json(
        state
            .store
            .list_regions()
            .await?
            .iter()
            .map(RegionDto::from)
            .collect(),
    ))
}

/// Create a region.
#[utoipa::path(post, path = "/api/v1/regions", tag = "organisation", request_body = NewRegion,
    responses((status = 201, body = RegionDto), (status = "4XX", body = ApiError)))]
pub async fn create_region(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    raw: RawJson,
) -> ApiResult<(StatusCode, Json<RegionDto>)> {
    me.require(Action::ManageRegions)?;
    check_csrf_header(&me, &headers)?;
    let body: NewRegion = raw.parse()?;
    let parent = body.parent_code.unwrap_or_default();
    let region =
        crate::pages::org::new_region(&state, &me, &body.code, &body.name, &body.level, &parent)
            .await?;
    Ok((StatusCode::CREATED, Json(RegionDto::from(&region))))
}

/// Every government.
#[utoipa::path(get, path = "/api/v1/governments", tag = "organisation",
    responses((status = 200, body = [GovernmentDto]), (status = "4XX", body = ApiError)))]
pub async fn list_governments(
    State(state): State<AppState>,
    me: CurrentUser,
) -> ApiResult<Json<Vec<GovernmentDto>>> {
    me.require(Action::ViewOrganisation)?;
    Ok(Json(
        state
            .store
            .list_governments()
            .await?
            .iter()
            .map(GovernmentDto::from)
            .collect(),
    ))
}

/// Create a government.
#[utoipa::path(post, path = "/api/v1/governments", tag = "organisation", request_body = NewGovernment,
    responses((status = 201, body = GovernmentDto), (status = "4XX", body = ApiError)))]
pub async fn create_government(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    raw: RawJson,
) -> ApiResult<(StatusCode, Json<GovernmentDto>)> {
    me.require(Action::ManageGovernments)?;
    check_csrf_header(&me, &headers)?;
    let body: NewGovernment = raw.parse()?;
    let parent = body
        .parent_government_id
        .map(|p| p.to_string())
        .unwrap_or_default();
    let g = crate::pages::org::new_government(&state, &me, &body.region_code, &body.name, &parent)
        .await?;
    Ok((StatusCode::CREATED, Json(GovernmentDto::from(&g))))
}

/// Departments in the caller's scope.
#[utoipa::path(get, path = "/api/v1/departments", tag = "organisation",
    responses((status = 200, body = [DepartmentDto]), (status = "4XX", body = ApiError)))]
pub async fn list_departments(
    State(state): State<AppState>,
    me: CurrentUser,
) -> ApiResult<Json<Vec<DepartmentDto>>> {
    me.require(Action::ViewOrganisation)?;
    let all = state.store.list_departments(me.user.government_id).await?;
    Ok(Json(
        crate::pages::departments_in_scope(&me, all)
            .iter()
            .map(DepartmentDto::from)
            .collect(),
    ))
}

async fn visible(state: &AppState, me: &CurrentUser, raw: &str) -> ApiResult<store::Department> {
    let id = parse_id(raw)?;
    let all = state.store.list_departments(me.user.government_id).await?;
    crate::pages::departments_in_scope(me, all)
        .into_iter()
        .find(|d| d.id == id)
        .ok_or(WebError::NotFound)
}

/// One department.
#[utoipa::path(get, path = "/api/v1/departments/{id}", tag = "organisation", params(("id" = i64, Path)),
    responses((status = 200, body = DepartmentDto), (status = "4XX", body = ApiError)))]
pub async fn find_department(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<DepartmentDto>> {
    me.require(Action::ViewOrganisation)?;
    Ok(Json(DepartmentDto::from(&visible(&state, &me, &id).await?)))
}

/// Create a department.
#[utoipa::path(post, path = "/api/v1/departments", tag = "organisation", request_body = DepartmentBody,
    responses((status = 201, body = DepartmentDto), (status = "4XX", body = ApiError)))]
pub async fn create_department(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    raw: RawJson,
) -> ApiResult<(StatusCode, Json<DepartmentDto>)> {
    me.require(Action::ManageDepartments)?;
    check_csrf_header(&me, &headers)?;
    let body: DepartmentBody = raw.parse()?;
    let input = DepartmentInput::parse(
        &body.name,
        &body.short_name,
        body.is_enforcement_body,
        &body.enforcement_basis,
    )?;
    let parent = match body.parent_id {
        Some(p) => Some(
            visible(&state, &me, &p.to_string())
                .await
                .map_err(|_| {
                    let mut e = FieldErrors::new();
                    e.add("parent_id", "上级部门不存在");
                    WebError::Invalid(e)
                })?
                .id,
        ),
        None => None,
    };
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    let d = tx.create_department(&input, parent).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(DepartmentDto::from(&d))))
}

/// Edit a department.
#[utoipa::path(put, path = "/api/v1/departments/{id}", tag = "organisation", params(("id" = i64, Path)), request_body = DepartmentBody,
    responses((status = 200, body = DepartmentDto), (status = "4XX", body = ApiError)))]
pub async fn update_department(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    raw: RawJson,
) -> ApiResult<Json<DepartmentDto>> {
    me.require(Action::ManageDepartments)?;
    check_csrf_header(&me, &headers)?;
    let body: DepartmentBody = raw.parse()?;
    let dept = visible(&state, &me, &id).await?;
    let input = DepartmentInput::parse(
        &body.name,
        &body.short_name,
        body.is_enforcement_body,
        &body.enforcement_basis,
    )?;
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    let d = tx.update_department(dept.id, &input).await?;
    tx.commit().await?;
    Ok(Json(DepartmentDto::from(&d)))
}

async fn set_published(
    state: AppState,
    me: CurrentUser,
    headers: HeaderMap,
    id: String,
    publish: bool,
) -> ApiResult<Json<DepartmentDto>> {
    me.require(Action::PublishEnforcementBodies)?;
    check_csrf_header(&me, &headers)?;
    let dept = visible(&state, &me, &id).await?;
    if publish {
        may_publish_enforcement_body(dept.is_enforcement_body, &dept.enforcement_basis).map_err(
            |m| WebError::Refused(domain::Refusal::new("department.not_publishable", m)),
        )?;
    }
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    let d = tx.set_enforcement_published(dept.id, publish).await?;
    tx.commit().await?;
    Ok(Json(DepartmentDto::from(&d)))
}

/// Publish a department on the portal's list of enforcement bodies.
#[utoipa::path(post, path = "/api/v1/departments/{id}/publish", tag = "organisation", params(("id" = i64, Path)),
    responses((status = 200, body = DepartmentDto), (status = "4XX", body = ApiError)))]
pub async fn publish_department(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Json<DepartmentDto>> {
    set_published(state, me, headers, id, true).await
}

/// Withdraw a department from the portal's list of enforcement bodies.
#[utoipa::path(post, path = "/api/v1/departments/{id}/withdraw", tag = "organisation", params(("id" = i64, Path)),
    responses((status = 200, body = DepartmentDto), (status = "4XX", body = ApiError)))]
pub async fn withdraw_department(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Json<DepartmentDto>> {
    set_published(state, me, headers, id, false).await
}

/// Accounts of the caller's government.
#[utoipa::path(get, path = "/api/v1/users", tag = "users",
    responses((status = 200, body = [UserDto]), (status = "4XX", body = ApiError)))]
pub async fn list_users(
    State(state): State<AppState>,
    me: CurrentUser,
) -> ApiResult<Json<Vec<UserDto>>> {
    me.require(Action::ViewUsers)?;
    Ok(Json(
        state
            .store
            .list_users(me.user.government_id)
            .await?
            .iter()
            .map(UserDto::from)
            .collect(),
    ))
}

/// Create an account with a generated initial password.
#[utoipa::path(post, path = "/api/v1/users", tag = "users", request_body = NewUserRequest,
    responses((status = 201, body = NewUserResponse), (status = "4XX", body = ApiError)))]
pub async fn create_user(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    raw: RawJson,
) -> ApiResult<(StatusCode, Json<NewUserResponse>)> {
    me.require(Action::ManageUsers)?;
    check_csrf_header(&me, &headers)?;
    let body: NewUserRequest = raw.parse()?;
    let mut errors = FieldErrors::new();
    let username = body.username.trim().to_owned();
    if let Err(m) = check_username(&username) {
        errors.add("username", m);
    }
    let display_name = errors.required_text("display_name", &body.display_name, 30);
    let role = Role::parse(&body.role);
    if role.is_none() {
        errors.add("role", "未知角色");
    }
    if let Some(d) = body.department_id
        && state
            .store
            .department(me.user.government_id, d)
            .await
            .is_err()
    {
        errors.add("department_id", "部门不存在");
    }
    if role.is_some_and(Role::needs_department) && body.department_id.is_none() {
        errors.add("department_id", "该角色须指定所属部门");
    }
    errors.into_result()?;
    let password = initial_password();
    let new = NewUser {
        username,
        display_name,
        role: role.expect("checked"),
        department_id: body.department_id,
        password_hash: auth::hash_password(&password)?,
        must_change_password: true,
    };
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    let user = tx.create_user(&new).await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(NewUserResponse {
            user: UserDto::from(&user),
            initial_password: password,
        }),
    ))
}

/// Lift a lockout.
#[utoipa::path(post, path = "/api/v1/users/{id}/unlock", tag = "users", params(("id" = i64, Path)),
    responses((status = 200, body = UserDto), (status = "4XX", body = ApiError)))]
pub async fn unlock_user(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Json<UserDto>> {
    me.require(Action::ManageUsers)?;
    check_csrf_header(&me, &headers)?;
    let user = state
        .store
        .user(me.user.government_id, parse_id(&id)?)
        .await?;
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    tx.unlock_user(user.id).await?;
    tx.commit().await?;
    Ok(Json(UserDto::from(
        &state.store.user(me.user.government_id, user.id).await?,
    )))
}

/// Reset a password to a new initial password (changed at next login).
#[utoipa::path(post, path = "/api/v1/users/{id}/reset-password", tag = "users", params(("id" = i64, Path)),
    responses((status = 200, body = NewUserResponse), (status = "4XX", body = ApiError)))]
pub async fn reset_password(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Json<NewUserResponse>> {
    me.require(Action::ManageUsers)?;
    check_csrf_header(&me, &headers)?;
    let user = state
        .store
        .user(me.user.government_id, parse_id(&id)?)
        .await?;
    let password = initial_password();
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    tx.set_password(user.id, &auth::hash_password(&password)?, true)
        .await?;
    tx.commit().await?;
    let user = state.store.user(me.user.government_id, user.id).await?;
    Ok(Json(NewUserResponse {
        user: UserDto::from(&user),
        initial_password: password,
    }))
}

/// Audit records, newest first; filters `action`, `actor`, `from`, `until` (YYYY-MM-DD), `page`.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit",
    params(("action" = Option<String>, Query), ("actor" = Option<String>, Query), ("from" = Option<String>, Query),
           ("until" = Option<String>, Query), ("page" = Option<i64>, Query)),
    responses((status = 200, body = AuditPage), (status = "4XX", body = ApiError)))]
pub async fn list_audit(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<AuditQuery>,
) -> ApiResult<Json<AuditPage>> {
    me.require(Action::ViewAudit)?;
    let (filter, _) = parse_filter(&q, 100).map_err(WebError::BadRequest)?;
    let (entries, total) = state
        .store
        .list_audit(me.user.government_id, &filter)
        .await?;
    let entries = entries
        .into_iter()
        .map(|e| AuditEntryDto {
            id: e.id,
            at: e.at,
            actor_name: e.actor_name,
            action: e.action,
            target: e.target,
            detail: e.detail,
            client_ip: e.client_ip,
        })
        .collect();
    Ok(Json(AuditPage { total, entries }))
}

/// Published enforcement bodies of every government (public, no login).
#[utoipa::path(get, path = "/api/v1/public/enforcement-bodies", tag = "public",
    responses((status = 200, body = [EnforcementBodyDto]), (status = "5XX", body = ApiError)))]
pub async fn list_enforcement_bodies(
    State(state): State<AppState>,
) -> ApiResult<Json<Vec<EnforcementBodyDto>>> {
    let rows = state.store.published_enforcement_bodies().await?;
    Ok(Json(
        rows.into_iter()
            .map(|(g, d)| EnforcementBodyDto {
                government_id: g.id,
                government_name: g.name,
                department_id: d.id,
                name: d.name,
                enforcement_basis: d.enforcement_basis,
            })
            .collect(),
    ))
}

/// Liveness and database reachability.
#[utoipa::path(get, path = "/healthz", tag = "public", responses((status = 200, body = Health), (status = 503, body = Health)))]
pub async fn healthz(State(state): State<AppState>) -> Response {
    let database = state.store.engine().name().to_owned();
    match state.store.ping().await {
        Ok(()) => Json(Health {
            status: "ok".into(),
            database,
        })
        .into_response(),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(Health {
                status: "unavailable".into(),
                database,
            }),
        )
            .into_response(),
    }
}

/// Report review (审读) of a batch of annual reports: multipart, field `files`, one or more files
/// (.txt, .docx, .html; simplified or traditional). Each result has the full review or an error.
#[utoipa::path(post, path = "/api/v1/report-reviews", tag = "report",
    request_body(content = String, content_type = "multipart/form-data", description = "字段 files：一份或多份报告文件"),
    responses((status = 200, description = "每份报告的审读结果：figures、inconsistencies、sections", body = Object),
              (status = "4XX", body = ApiError)))]
pub async fn review_reports(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    request: axum::extract::Request,
) -> ApiResult<Json<serde_json::Value>> {
    me.require(Action::ReviewReports)?;
    check_csrf_header(&me, &headers)?;
    let files = crate::pages::report_review::uploaded_files(request, &state).await?;
    if files.is_empty() {
        let mut e = FieldErrors::new();
        e.add("files", "请上传至少一份报告文件");
        return Err(WebError::Invalid(e));
    }
    let results =
        tokio::task::spawn_blocking(move || crate::pages::report_review::review_all(&files))
            .await
            .map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(Json(serde_json::json!({ "reports": results })))
}

/// Due date of a period: `from` (YYYY-MM-DD, not counted), `days` (length), `unit` (`working`,
/// `calendar`, `month`). Public: anyone may check a date.
#[utoipa::path(get, path = "/api/v1/calendar/due", tag = "calendar",
    params(("from" = String, Query), ("days" = i64, Query), ("unit" = String, Query)),
    responses((status = 200, description = "{due, provisional, rolled_over, from, length}", body = Object), (status = "4XX", body = ApiError)))]
pub async fn calendar_due(
    State(state): State<AppState>,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> ApiResult<Json<serde_json::Value>> {
    let get = |k: &str| q.get(k).cloned().unwrap_or_default();
    let unit = if get("unit").is_empty() {
        "working".to_owned()
    } else {
        get("unit")
    };
    Ok(Json(crate::pages::calendar::due_json(
        &state.calendar.get(),
        &get("from"),
        &get("days"),
        &unit,
    )?))
}

/// Whether a date is a working day, and why.
#[utoipa::path(get, path = "/api/v1/calendar/days/{date}", tag = "calendar", params(("date" = String, Path)),
    responses((status = 200, description = "{date, working_day, kind, festival, provisional}", body = Object), (status = "4XX", body = ApiError)))]
pub async fn calendar_day(
    State(state): State<AppState>,
    Path(date): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    let d = calendar::NaiveDate::parse_from_str(&date, "%Y-%m-%d")
        .map_err(|_| WebError::BadRequest("日期格式应为YYYY-MM-DD".into()))?;
    let r = calendar::working_day_report(&state.calendar.get(), d)
        .map_err(|e| WebError::BadRequest(crate::calendar::calendar_error_zh(&e)))?;
    Ok(Json(
        serde_json::to_value(&r).map_err(|e| WebError::Internal(e.to_string()))?,
    ))
}

/// Import a holiday table (next year's notice, or a local rule with `kind` = `overlay`).
#[utoipa::path(post, path = "/api/v1/calendar/tables", tag = "calendar", request_body = Object,
    responses((status = 201, description = "{years}", body = Object), (status = "4XX", body = ApiError)))]
pub async fn import_calendar_table(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    raw: RawJson,
) -> ApiResult<(StatusCode, Json<serde_json::Value>)> {
    me.require(Action::ManageCalendar)?;
    check_csrf_header(&me, &headers)?;
    #[derive(serde::Deserialize)]
    struct Body {
        #[serde(default)]
        kind: String,
        source: String,
    }
    let body: Body = raw.parse()?;
    let years = crate::pages::calendar::import_table(&state, &me, &body.kind, &body.source).await?;
    Ok((
        StatusCode::CREATED,
        Json(serde_json::json!({ "years": years })),
    ))
}

// ---------------------------------------------------------------- officers

fn officer_dto(
    r: &store::OfficerRecord,
    departments: &[store::Department],
    today: calendar::NaiveDate,
) -> OfficerDto {
    let v = crate::pages::officers::officer_json(r, departments, today);
    let o = &r.officer;
    OfficerDto {
        id: o.id,
        name: o.name.clone(),
        department_id: o.department_id,
        department_name: v["department_name"].as_str().unwrap_or("").to_owned(),
        certificate_number: o.certificate.number.clone(),
        category: o.certificate.category.clone(),
        issued_on: o.certificate.issued_on.to_string(),
        expires_on: o.certificate.expires_on.to_string(),
        standing: store::standing_code(o.certificate.standing).to_owned(),
        status: v["status"].as_str().unwrap_or("").to_owned(),
        status_label: v["status_label"].as_str().unwrap_or("").to_owned(),
        expiring: v["expiring"].as_bool().unwrap_or(false),
        legal_review_qualified: o.legal_review_qualified,
        training_hours: o.training_hours,
    }
}

async fn officer_reply(
    state: &AppState,
    me: &CurrentUser,
    r: &store::OfficerRecord,
) -> ApiResult<OfficerDto> {
    let all = state.store.list_departments(me.user.government_id).await?;
    Ok(officer_dto(r, &all, crate::pages::deadlines::today(state)))
}

fn officer_form(body: &OfficerBody) -> crate::pages::officers::OfficerForm {
    crate::pages::officers::OfficerForm {
        name: body.name.clone(),
        department_id: body.department_id.to_string(),
        certificate_number: body.certificate_number.clone(),
        category: body.category.clone(),
        issued_on: body.issued_on.clone(),
        expires_on: body.expires_on.clone(),
        standing: body.standing.clone(),
        legal_review_qualified: body.legal_review_qualified.then(|| "true".to_owned()),
        training_hours: body.training_hours.to_string(),
        ..Default::default()
    }
}

/// Validates a body: its fields, then the department (in the caller's scope).
async fn officer_input(
    state: &AppState,
    me: &CurrentUser,
    body: &OfficerBody,
) -> ApiResult<(
    domain::enforcement::officer::OfficerInput,
    store::Department,
)> {
    let form = officer_form(body);
    let parsed = crate::pages::officers::parse_officer_form(&form);
    let department =
        crate::pages::officers::department_for_officers(state, me, &form.department_id).await;
    let mut errors = FieldErrors::new();
    let department = match department {
        Ok(d) => Some(d),
        Err(WebError::Invalid(e)) => {
            errors = e;
            None
        }
        // Infrastructure failures are not field errors.
        Err(e) => return Err(e),
    };
    let input = match parsed {
        Ok(i) => Some(i),
        Err(e) => {
            for (field, messages) in e.0 {
                for m in messages {
                    errors.add(&field, m);
                }
            }
            None
        }
    };
    match (input, department) {
        (Some(input), Some(department)) => Ok((input, department)),
        _ => Err(WebError::Invalid(errors)),
    }
}

/// The roster in the caller's scope: filter by `department` (with its subtree), `status`
/// (valid, suspended, revoked, expired, not_yet_valid, expiring), `q` (name or number); 50 a page.
#[utoipa::path(get, path = "/api/v1/officers", tag = "officers",
    params(
        ("department" = Option<i64>, Query, description = "部门（含下级）"),
        ("status" = Option<String>, Query, description = "valid、suspended、revoked、expired、not_yet_valid 或 expiring（90日内到期）"),
        ("q" = Option<String>, Query, description = "姓名或执法证号"),
        ("page" = Option<i64>, Query, description = "页码，从1开始"),
    ),
    responses((status = 200, body = OfficerPage), (status = "4XX", body = ApiError)))]
pub async fn list_officers(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<crate::pages::officers::RosterQuery>,
) -> ApiResult<Json<OfficerPage>> {
    me.require(Action::ViewOfficers)?;
    let per_page = crate::pages::officers::PAGE_SIZE;
    let (filter, page) = crate::pages::officers::roster_filter(&state, &me, &q, per_page).await?;
    let (records, total) = state
        .store
        .list_officers(me.user.government_id, &filter)
        .await?;
    let all = state.store.list_departments(me.user.government_id).await?;
    Ok(Json(OfficerPage {
        total,
        page,
        per_page,
        officers: records
            .iter()
            .map(|r| officer_dto(r, &all, filter.today))
            .collect(),
    }))
}

/// One officer (404 outside the caller's scope).
#[utoipa::path(get, path = "/api/v1/officers/{id}", tag = "officers", params(("id" = i64, Path)),
    responses((status = 200, body = OfficerDto), (status = "4XX", body = ApiError)))]
pub async fn find_officer(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<OfficerDto>> {
    me.require(Action::ViewOfficers)?;
    let r = crate::pages::officers::visible_officer(&state, &me, &id).await?;
    Ok(Json(officer_reply(&state, &me, &r).await?))
}

/// Add an officer.
#[utoipa::path(post, path = "/api/v1/officers", tag = "officers", request_body = OfficerBody,
    responses((status = 201, body = OfficerDto), (status = "4XX", body = ApiError)))]
pub async fn create_officer(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    raw: RawJson,
) -> ApiResult<(StatusCode, Json<OfficerDto>)> {
    me.require(Action::ManageOfficers)?;
    check_csrf_header(&me, &headers)?;
    let body: OfficerBody = raw.parse()?;
    let (input, department) = officer_input(&state, &me, &body).await?;
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    let r = tx.create_officer(department.id, &input).await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(officer_reply(&state, &me, &r).await?),
    ))
}

/// Edit an officer (the standing is not changed here).
#[utoipa::path(put, path = "/api/v1/officers/{id}", tag = "officers", params(("id" = i64, Path)), request_body = OfficerBody,
    responses((status = 200, body = OfficerDto), (status = "4XX", body = ApiError)))]
pub async fn update_officer(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    raw: RawJson,
) -> ApiResult<Json<OfficerDto>> {
    me.require(Action::ManageOfficers)?;
    check_csrf_header(&me, &headers)?;
    let existing = crate::pages::officers::visible_officer(&state, &me, &id).await?;
    let mut body: OfficerBody = raw.parse()?;
    body.standing = store::standing_code(existing.officer.certificate.standing).to_owned();
    let (input, department) = officer_input(&state, &me, &body).await?;
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    let r = tx
        .update_officer(existing.officer.id, department.id, &input)
        .await?;
    tx.commit().await?;
    Ok(Json(officer_reply(&state, &me, &r).await?))
}

/// Suspend, revoke or restore a certificate.
#[utoipa::path(post, path = "/api/v1/officers/{id}/standing", tag = "officers", params(("id" = i64, Path)), request_body = StandingBody,
    responses((status = 200, body = OfficerDto), (status = "4XX", body = ApiError)))]
pub async fn set_officer_standing(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    raw: RawJson,
) -> ApiResult<Json<OfficerDto>> {
    me.require(Action::ManageOfficers)?;
    check_csrf_header(&me, &headers)?;
    let existing = crate::pages::officers::visible_officer(&state, &me, &id).await?;
    let body: StandingBody = raw.parse()?;
    let standing = store::parse_standing_code(body.standing.trim()).ok_or_else(|| {
        let mut e = FieldErrors::new();
        e.add("standing", "应为 in_force、suspended 或 revoked");
        WebError::Invalid(e)
    })?;
    if standing == existing.officer.certificate.standing {
        return Err(WebError::Conflict(format!(
            "该执法证已是「{}」状态",
            standing.label()
        )));
    }
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    let r = tx
        .set_certificate_standing(existing.officer.id, standing)
        .await?;
    tx.commit().await?;
    Ok(Json(officer_reply(&state, &me, &r).await?))
}

/// Check a certificate number (public, no login): the holder, unit, category, dates and status
/// today; 404 when no certificate has that number.
#[utoipa::path(get, path = "/api/v1/public/certificates/{number}", tag = "public", params(("number" = String, Path)),
    responses((status = 200, body = [PublicCertificateDto]), (status = 404, body = ApiError)))]
pub async fn check_certificate(
    State(state): State<AppState>,
    Path(number): Path<String>,
) -> ApiResult<Json<Vec<PublicCertificateDto>>> {
    let found = crate::portal::public_certificates(&state, &number).await?;
    if found.is_empty() {
        return Err(WebError::NotFound);
    }
    Ok(Json(found))
}

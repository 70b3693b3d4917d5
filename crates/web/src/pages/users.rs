//! User accounts: list, create (with a generated initial password), reset password, unlock.

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use domain::FieldErrors;
use domain::account::{Role, check_username};
use domain::permission::{Action, allows};
use serde::Deserialize;
use serde_json::{Value, json};
use store::{Actor, NewUser};

use super::account::CsrfForm;
use super::org::parse_id;
use super::{PageResult, base_context, merge, page};
use crate::auth::{self, CurrentUser, PageUser};
use crate::{AppState, WebError};

/// A random initial password that satisfies the complexity rule (upper, lower, digit, symbol).
pub fn initial_password() -> String {
    let token = auth::random_token();
    let digit = u8::from_str_radix(&token[10..12], 16).unwrap_or(7) % 10;
    format!("Fz{}#{digit}", &token[..8])
}

async fn users_page(
    state: &AppState,
    me: &CurrentUser,
    new_password: (&str, &str),
    error: &str,
    status: StatusCode,
) -> PageResult {
    let users = state.store.list_users(me.user.government_id).await?;
    let departments = state.store.list_departments(me.user.government_id).await?;
    let now = state.now();
    let rows: Vec<Value> = users
        .iter()
        .map(|u| {
            let locked = u.locked_until.is_some_and(|t| t > now);
            json!({
                "id": u.id, "username": u.username, "display_name": u.display_name, "role_label": u.role.label(),
                "department_name": u.department_id.and_then(|d| departments.iter().find(|x| x.id == d)).map(|d| d.name.clone()),
                "locked": locked, "locked_until": u.locked_until.map(crate::time::format_ms),
                "must_change_password": u.must_change_password,
            })
        })
        .collect();
    let ctx = merge(
        base_context(state, me, "/staff/users", "用户管理").await?,
        json!({"users": rows, "new_username": new_password.0, "new_password": new_password.1, "error": error, "can_manage": allows(me.user.role, Action::ManageUsers)}),
    );
    page(status, "users.html", &ctx)
}

/// GET /staff/users
pub async fn list_users(State(state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    me.require(Action::ViewUsers)?;
    users_page(&state, &me, ("", ""), "", StatusCode::OK).await
}

/// The new-user form.
#[derive(Debug, Default, Deserialize, serde::Serialize)]
pub struct UserForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    department_id: String,
}

async fn user_form_page(
    state: &AppState,
    me: &CurrentUser,
    form: &UserForm,
    errors: &FieldErrors,
    error: &str,
    status: StatusCode,
) -> PageResult {
    let departments: Vec<Value> = state
        .store
        .list_departments(me.user.government_id)
        .await?
        .iter()
        .map(|d| json!({"id": d.id, "name": d.name}))
        .collect();
    let roles: Vec<Value> = Role::ALL
        .iter()
        .map(|r| json!({"value": r.as_str(), "label": r.label()}))
        .collect();
    let ctx = merge(
        base_context(state, me, "/staff/users", "新增用户").await?,
        json!({"form": form, "errors": errors.0, "error": error, "roles": roles, "departments": departments}),
    );
    page(status, "user_form.html", &ctx)
}

/// GET /staff/users/new
pub async fn new_user(State(state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    me.require(Action::ManageUsers)?;
    user_form_page(
        &state,
        &me,
        &UserForm {
            role: "department_staff".into(),
            ..Default::default()
        },
        &FieldErrors::new(),
        "",
        StatusCode::OK,
    )
    .await
}

/// POST /staff/users
pub async fn create_user(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(form): Form<UserForm>,
) -> PageResult {
    me.require(Action::ManageUsers)?;
    me.check_csrf(&form.csrf)?;
    let mut errors = FieldErrors::new();
    let username = form.username.trim().to_owned();
    if let Err(m) = check_username(&username) {
        errors.add("username", m);
    }
    let display_name = errors.required_text("display_name", &form.display_name, 30);
    let role = Role::parse(&form.role);
    if role.is_none() {
        errors.add("role", "请选择角色");
    }
    let department_id = if form.department_id.is_empty() {
        None
    } else {
        match parse_id(&form.department_id) {
            Ok(id)
                if state
                    .store
                    .department(me.user.government_id, id)
                    .await
                    .is_ok() =>
            {
                Some(id)
            }
            _ => {
                errors.add("department_id", "部门不存在");
                None
            }
        }
    };
    if role.is_some_and(Role::needs_department)
        && department_id.is_none()
        && !errors.0.contains_key("department_id")
    {
        errors.add("department_id", "该角色须指定所属部门");
    }
    if !errors.is_empty() {
        return user_form_page(
            &state,
            &me,
            &form,
            &errors,
            "",
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    }
    let password = initial_password();
    let new = NewUser {
        username,
        display_name,
        role: role.expect("checked"),
        department_id,
        password_hash: auth::hash_password(&password)?,
        must_change_password: true,
    };
    let actor = Actor {
        user_id: Some(me.user.id),
        name: me.user.display_name.clone(),
    };
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor, state.now())
        .await?;
    match tx.create_user(&new).await {
        Ok(_) => {
            tx.commit().await?;
            users_page(&state, &me, (&new.username, &password), "", StatusCode::OK).await
        }
        Err(e) => {
            drop(tx);
            let e = WebError::from(e);
            let mut errors = FieldErrors::new();
            if matches!(e, WebError::Conflict(_)) {
                errors.add("username", "该用户名已被使用");
            }
            user_form_page(&state, &me, &form, &errors, &e.to_string(), e.status()).await
        }
    }
}

/// POST /staff/users/{id}/reset-password — a new initial password, changed at next login.
pub async fn reset_password(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
) -> PageResult {
    me.require(Action::ManageUsers)?;
    me.check_csrf(&form.csrf)?;
    let user = state
        .store
        .user(me.user.government_id, parse_id(&id)?)
        .await?;
    let password = initial_password();
    let actor = Actor {
        user_id: Some(me.user.id),
        name: me.user.display_name.clone(),
    };
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor, state.now())
        .await?;
    tx.set_password(user.id, &auth::hash_password(&password)?, true)
        .await?;
    tx.commit().await?;
    users_page(&state, &me, (&user.username, &password), "", StatusCode::OK).await
}

/// POST /staff/users/{id}/unlock
pub async fn unlock_user(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
) -> PageResult {
    me.require(Action::ManageUsers)?;
    me.check_csrf(&form.csrf)?;
    let user = state
        .store
        .user(me.user.government_id, parse_id(&id)?)
        .await?;
    let actor = Actor {
        user_id: Some(me.user.id),
        name: me.user.display_name.clone(),
    };
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor, state.now())
        .await?;
    tx.unlock_user(user.id).await?;
    tx.commit().await?;
    super::see_other("/staff/users")
}

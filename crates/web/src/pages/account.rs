//! Login, logout, the staff home page and the password change.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use domain::FieldErrors;
use domain::account::check_password_complexity;
use domain::permission::Action;
use serde::Deserialize;
use serde_json::json;
use store::{Actor, AuditFilter};

use super::{PageResult, action_label, base_context, merge, page, see_other};
use crate::auth::{self, ClientIp, CurrentUser, LOGIN_CSRF_COOKIE, PageUser, SESSION_COOKIE};
use crate::error::PageError;
use crate::{AppState, WebError};

/// GET /login
pub async fn login_page(
    State(state): State<AppState>,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> PageResult {
    let csrf = auth::random_token();
    let flash = if q.contains_key("changed") {
        "密码已修改，请使用新密码重新登录"
    } else {
        ""
    };
    let mut resp = page(
        StatusCode::OK,
        "login.html",
        &json!({"csrf": csrf, "username": "", "flash": flash}),
    )?;
    resp.headers_mut().insert(
        header::SET_COOKIE,
        auth::set_cookie(&state, LOGIN_CSRF_COOKIE, &csrf, Some(3600))
            .parse()
            .expect("cookie header"),
    );
    Ok(resp)
}

/// The login form.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

/// POST /login
pub async fn login_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    Form(form): Form<LoginForm>,
) -> PageResult {
    let expected = auth::cookie(&headers, LOGIN_CSRF_COOKIE).unwrap_or_default();
    let render_error = |status: StatusCode, message: String| {
        let csrf = if expected.is_empty() {
            auth::random_token()
        } else {
            expected.clone()
        };
        let mut resp = page(
            status,
            "login.html",
            &json!({"csrf": csrf, "username": form.username, "error": message}),
        )?;
        resp.headers_mut().insert(
            header::SET_COOKIE,
            auth::set_cookie(&state, LOGIN_CSRF_COOKIE, &csrf, Some(3600))
                .parse()
                .expect("cookie header"),
        );
        Ok(resp)
    };
    if expected.is_empty() || !auth::constant_time_eq(expected.as_bytes(), form.csrf.as_bytes()) {
        return render_error(StatusCode::FORBIDDEN, WebError::Csrf.to_string());
    }
    if form.username.trim().is_empty() || form.password.is_empty() {
        return render_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "请输入用户名和密码".to_owned(),
        );
    }
    match auth::login(&state, &form.username, &form.password, &ip).await {
        Ok(logged_in) => {
            let to = if logged_in.user.must_change_password {
                "/account/password"
            } else {
                "/staff"
            };
            let mut resp = Redirect::to(to).into_response();
            let h = resp.headers_mut();
            h.append(
                header::SET_COOKIE,
                auth::set_cookie(&state, SESSION_COOKIE, &logged_in.cookie_value, None)
                    .parse()
                    .expect("cookie"),
            );
            h.append(
                header::SET_COOKIE,
                auth::set_cookie(&state, LOGIN_CSRF_COOKIE, "", Some(0))
                    .parse()
                    .expect("cookie"),
            );
            Ok(resp)
        }
        Err(e @ (WebError::Refused(_) | WebError::Unavailable)) => {
            render_error(e.status(), e.to_string())
        }
        Err(e) => Err(PageError(e)),
    }
}

/// A form that carries only its CSRF token.
#[derive(Debug, Deserialize)]
pub struct CsrfForm {
    /// The token.
    #[serde(default)]
    pub csrf: String,
}

/// POST /logout
pub async fn logout(
    State(state): State<AppState>,
    me: Result<CurrentUser, WebError>,
    ClientIp(ip): ClientIp,
    Form(form): Form<CsrfForm>,
) -> PageResult {
    let Ok(me) = me else {
        return see_other("/login");
    };
    me.check_csrf(&form.csrf)?;
    state
        .store
        .end_session(
            me.user.government_id,
            &me.session_key,
            &me.user,
            "logout",
            state.now(),
            &ip,
        )
        .await?;
    let mut resp = Redirect::to("/login").into_response();
    resp.headers_mut().insert(
        header::SET_COOKIE,
        auth::set_cookie(&state, SESSION_COOKIE, "", Some(0))
            .parse()
            .expect("cookie"),
    );
    Ok(resp)
}

/// GET /staff — the home page ("my work"; later subsystems add their to-do items).
pub async fn home(State(state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    me.require(Action::UseStaffArea)?;
    let gov = me.user.government_id;
    let departments = super::departments_in_scope(&me, state.store.list_departments(gov).await?);
    let n_enforcement = departments.iter().filter(|d| d.is_enforcement_body).count();
    let n_published = departments
        .iter()
        .filter(|d| d.enforcement_published)
        .count();
    let ledger_size = state.store.ledger_size(gov).await?;
    let mut todos = Vec::new();
    let mine = super::deadlines::with_states(
        &state,
        &super::deadlines::deadlines_of(&state, &me, false).await?,
    );
    let n_overdue = mine.iter().filter(|d| d["state"] == "bad").count();
    let n_approaching = mine.iter().filter(|d| d["state"] == "warn").count();
    if n_overdue > 0 {
        todos.push(json!({"href": "/staff/deadlines", "label": format!("{n_overdue}个事项已超过法定期限")}));
    }
    if n_approaching > 0 {
        todos.push(json!({"href": "/staff/deadlines", "label": format!("{n_approaching}个事项临近法定期限")}));
    }
    if domain::permission::allows(me.user.role, Action::PublishEnforcementBodies) {
        for d in departments
            .iter()
            .filter(|d| d.is_enforcement_body && !d.enforcement_published)
        {
            todos.push(json!({"href": format!("/staff/departments/{}", d.id), "label": format!("执法主体“{}”尚未在门户网站公示", d.name)}));
        }
    }
    let (recent, _) = state
        .store
        .list_audit(
            gov,
            &AuditFilter {
                actor: Some(me.user.username.clone()),
                limit: 5,
                ..Default::default()
            },
        )
        .await?;
    let recent: Vec<_> = recent
        .iter()
        .map(|e| json!({"at": crate::time::format_ms(e.at), "action_label": action_label(&e.action), "client_ip": e.client_ip}))
        .collect();
    // The latest annual report (or the year to draft), for the roles that read indicators.
    let annual = if domain::permission::allows(me.user.role, Action::ViewIndicators) {
        let report = state
            .store
            .list_annual_reports(gov)
            .await?
            .into_iter()
            .next();
        let year = report
            .as_ref()
            .map(|r| r.year)
            .unwrap_or_else(|| crate::indicators::default_report_year(&state));
        Some(json!({
            "year": year,
            "id": report.as_ref().map(|r| r.id),
            "status": report.as_ref().map(|r| r.status.label()),
            "version": report.as_ref().map(|r| r.current_version),
        }))
    } else {
        None
    };
    let ctx = merge(
        base_context(&state, &me, "/staff", "工作台").await?,
        json!({
            "annual": annual,
            "n_departments": departments.len(),
            "n_enforcement": n_enforcement,
            "n_published": n_published,
            "ledger_size": ledger_size,
            "todos": todos,
            "recent": recent,
        }),
    );
    page(StatusCode::OK, "home.html", &ctx)
}

/// GET /account/password
pub async fn password_page(State(state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    let ctx = merge(
        base_context(&state, &me, "", "修改密码").await?,
        json!({"forced": me.user.must_change_password, "errors": {}}),
    );
    page(StatusCode::OK, "change_password.html", &ctx)
}

/// The password change form.
#[derive(Debug, Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirm: String,
}

/// POST /account/password — ends every session of the account, so the user logs in again.
pub async fn password_submit(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(form): Form<PasswordForm>,
) -> PageResult {
    me.check_csrf(&form.csrf)?;
    let mut errors = FieldErrors::new();
    let hash = state
        .store
        .password_hash(me.user.government_id, me.user.id)
        .await?;
    if !auth::verify_password(&hash, &form.current) {
        errors.add("current", "当前密码不正确");
    }
    if let Err(r) = check_password_complexity(&form.new_password, &me.user.username) {
        errors.add("new_password", r.message);
    } else if form.new_password == form.current {
        errors.add("new_password", "新密码不能与当前密码相同");
    }
    if form.confirm != form.new_password {
        errors.add("confirm", "两次输入的新密码不一致");
    }
    if !errors.is_empty() {
        let ctx = merge(
            base_context(&state, &me, "", "修改密码").await?,
            json!({"forced": me.user.must_change_password, "errors": errors.0}),
        );
        return page(
            StatusCode::UNPROCESSABLE_ENTITY,
            "change_password.html",
            &ctx,
        );
    }
    let new_hash = auth::hash_password(&form.new_password)?;
    let actor = Actor {
        user_id: Some(me.user.id),
        name: me.user.display_name.clone(),
    };
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor, state.now())
        .await?;
    tx.set_password(me.user.id, &new_hash, false).await?;
    tx.commit().await?;
    let mut resp = Redirect::to("/login?changed=1").into_response();
    resp.headers_mut().insert(
        header::SET_COOKIE,
        auth::set_cookie(&state, SESSION_COOKIE, "", Some(0))
            .parse()
            .expect("cookie"),
    );
    Ok(resp)
}

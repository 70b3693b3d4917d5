//! Errors of both surfaces: JSON `{code, message}` for the API, a Chinese page for the UI.
//!
//! One enum, one `status()` match. Infrastructure causes are logged and never sent to the client.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::{FieldErrors, Refusal};
use serde_json::json;
use store::StoreError;

/// Everything a handler can fail with.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// The domain refused, citing its rule.
    #[error("{0}")]
    Refused(Refusal),
    /// Input failed validation, field by field.
    #[error("{0}")]
    Invalid(FieldErrors),
    /// Input could not be read at all.
    #[error("{0}")]
    BadRequest(String),
    /// Absent, or outside the caller's scope (the same answer for both).
    #[error("未找到该页面或记录")]
    NotFound,
    /// Not logged in.
    #[error("请先登录")]
    Unauthenticated,
    /// Logged in, in scope, but the role may not do this.
    #[error("您的角色无权进行此操作")]
    Forbidden,
    /// The CSRF token is missing or wrong.
    #[error("表单已过期或来源不明，请刷新页面后重试")]
    Csrf,
    /// A unique key or a stale state.
    #[error("{0}")]
    Conflict(String),
    /// The request body exceeds the limit.
    #[error("提交的内容过大")]
    TooLarge,
    /// The database is down or overloaded.
    #[error("系统暂时不可用，请稍后再试")]
    Unavailable,
    /// A bug; the cause is logged.
    #[error("系统内部错误")]
    Internal(String),
}

impl WebError {
    /// HTTP status of the error.
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::Refused(_) | WebError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::NotFound => StatusCode::NOT_FOUND,
            WebError::Unauthenticated => StatusCode::UNAUTHORIZED,
            WebError::Forbidden | WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            WebError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            WebError::Refused(r) => r.code,
            WebError::Invalid(_) => "invalid_input",
            WebError::BadRequest(_) => "bad_request",
            WebError::NotFound => "not_found",
            WebError::Unauthenticated => "unauthenticated",
            WebError::Forbidden => "forbidden",
            WebError::Csrf => "csrf",
            WebError::Conflict(_) => "conflict",
            WebError::TooLarge => "payload_too_large",
            WebError::Unavailable => "unavailable",
            WebError::Internal(_) => "internal",
        }
    }

    /// The JSON body: `{code, message}` plus `basis` or `fields` when they apply.
    pub fn body(&self) -> serde_json::Value {
        let mut body = json!({ "code": self.code(), "message": self.to_string() });
        match self {
            WebError::Refused(r) => {
                if let Some(b) = &r.basis {
                    body["basis"] = json!({ "law": b.law, "article": b.article });
                }
            }
            WebError::Invalid(fields) => body["fields"] = json!(fields.0),
            WebError::Internal(cause) => tracing::error!("internal error: {cause}"),
            _ => {}
        }
        body
    }
}

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => WebError::NotFound,
            StoreError::Conflict(what) => WebError::Conflict(conflict_message(&what)),
            StoreError::Refused(r) => WebError::Refused(r),
            StoreError::Unavailable(cause) => {
                tracing::warn!("database unavailable: {cause}");
                WebError::Unavailable
            }
            other => WebError::Internal(other.to_string()),
        }
    }
}

fn conflict_message(what: &str) -> String {
    // The store's own messages are written for the user in Chinese; database messages are not.
    if !what.is_ascii() && !what.contains("UNIQUE") && !what.contains("duplicate") {
        what.to_owned()
    } else if what.contains("username") {
        "该用户名已被使用".to_owned()
    } else if what.contains("name") {
        "名称与已有记录重复".to_owned()
    } else if what.contains("code") || what.contains("regions") {
        "代码与已有记录重复".to_owned()
    } else {
        "与已有记录冲突".to_owned()
    }
}

impl From<Refusal> for WebError {
    fn from(r: Refusal) -> Self {
        WebError::Refused(r)
    }
}

impl From<FieldErrors> for WebError {
    fn from(f: FieldErrors) -> Self {
        WebError::Invalid(f)
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        (self.status(), Json(self.body())).into_response()
    }
}

/// An error on a staff or portal page: rendered as a Chinese page; "not logged in" redirects to
/// the login page and "must change password" to the password page.
#[derive(Debug)]
pub struct PageError(pub WebError);

impl<E: Into<WebError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match &self.0 {
            WebError::Unauthenticated => return Redirect::to("/login").into_response(),
            WebError::Refused(r) if r.code == crate::auth::PASSWORD_CHANGE_REQUIRED => {
                return Redirect::to("/account/password").into_response();
            }
            _ => {}
        }
        if let WebError::Internal(cause) = &self.0 {
            tracing::error!("internal error: {cause}");
            #[cfg(debug_assertions)]
            eprintln!("internal error: {cause}");
        }
        let html = crate::templates::render_error_page(self.0.status(), &self.0.to_string());
        (self.0.status(), html).into_response()
    }
}

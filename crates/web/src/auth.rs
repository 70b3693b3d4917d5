//! Authentication: Argon2id passwords, server-side sessions in the database, CSRF tokens, and the
//! [`CurrentUser`] extractor that enforces the idle timeout and the forced password change.

use std::net::SocketAddr;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use blake2::{Blake2b512, Digest};
use domain::Refusal;
use domain::account::{self, LoginOutcome, LoginState};
use domain::permission::{Action, Scope, allows};
use store::User;

use crate::{AppState, WebError};

/// Name of the session cookie; its value is `{government_id}.{token}`.
pub const SESSION_COOKIE: &str = "fazhi_session";
/// Name of the pre-login CSRF cookie (double-submit for the login form).
pub const LOGIN_CSRF_COOKIE: &str = "fazhi_login_csrf";
/// Refusal code when an initial or reset password has not been changed yet.
pub const PASSWORD_CHANGE_REQUIRED: &str = "account.password_change_required";

/// Hashes a password with Argon2id (default parameters: m = 19 MiB, t = 2, p = 1) and a fresh salt.
pub fn hash_password(password: &str) -> Result<String, WebError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| WebError::Internal(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| WebError::Internal(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| WebError::Internal(e.to_string()))
}

/// Checks a password against a stored PHC string.
pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// 32 random bytes as lowercase hex.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("operating-system randomness");
    hex(&bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The key under which a session is stored: a hash of the cookie token, so that a copy of the
/// database does not hand out live sessions.
pub fn session_key(token: &str) -> String {
    hex(&Blake2b512::digest(token.as_bytes())[..32])
}

/// Reads one cookie from the request headers.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Strict, Path=/, and Secure when configured.
pub fn set_cookie(state: &AppState, name: &str, value: &str, max_age_s: Option<i64>) -> String {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict");
    if let Some(age) = max_age_s {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if state.secure_cookies {
        c.push_str("; Secure");
    }
    c
}

/// The client's address as the server saw it (empty when unknown, e.g. in-process tests).
pub fn client_ip(parts: &Parts) -> String {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_default()
}

/// A successful login: the account, the cookie token and the session's CSRF token.
pub struct LoggedIn {
    /// The account.
    pub user: User,
    /// The cookie value to set (`{government_id}.{token}`).
    pub cookie_value: String,
    /// The session's CSRF token.
    pub csrf_token: String,
}

fn bad_credentials(remaining: Option<i64>) -> WebError {
    let message = match remaining {
        Some(n) if n > 0 => format!("用户名或密码错误，再连续失败{n}次账号将被锁定"),
        _ => "用户名或密码错误".to_owned(),
    };
    WebError::Refused(Refusal::new("account.bad_credentials", message))
}

fn locked(until_ms: i64) -> WebError {
    WebError::Refused(Refusal::new(
        "account.locked",
        format!(
            "连续登录失败次数过多，账号已锁定至{}，请稍后再试或联系管理员解锁",
            crate::time::format_ms(until_ms)
        ),
    ))
}

/// Checks a user name and password, applying the lockout rule, and opens a session.
/// Every outcome is written to the audit log.
pub async fn login(
    state: &AppState,
    username: &str,
    password: &str,
    ip: &str,
) -> Result<LoggedIn, WebError> {
    let now = state.now();
    let Some((user, hash)) = state.store.find_login(username.trim()).await? else {
        // Spend the same time as a real check, so that timing does not reveal which names exist.
        let _ = verify_password(
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            password,
        );
        state
            .store
            .system_audit(
                now,
                "login_failed",
                &format!("未知用户名：{}", username.trim()),
                ip,
            )
            .await?;
        return Err(bad_credentials(None));
    };
    let login_state = LoginState {
        failed_logins: user.failed_logins,
        locked_until: user.locked_until,
        active: user.active,
    };
    let password_ok = account::is_locked(&login_state, now).is_none()
        && login_state.active
        && verify_password(&hash, password);
    let outcome = account::decide_login(&login_state, password_ok, now, &state.policy);
    state.store.record_login(&user, outcome, now, ip).await?;
    match outcome {
        LoginOutcome::Success => {
            let token = random_token();
            let csrf_token = random_token();
            state
                .store
                .create_session(&user, &session_key(&token), &csrf_token, now)
                .await?;
            let cookie_value = format!("{}.{token}", user.government_id);
            Ok(LoggedIn {
                user,
                cookie_value,
                csrf_token,
            })
        }
        LoginOutcome::Failure { failed_logins } => Err(bad_credentials(Some(
            state.policy.max_failed_logins - failed_logins,
        ))),
        LoginOutcome::LockedNow { until } | LoginOutcome::StillLocked { until } => {
            Err(locked(until))
        }
        LoginOutcome::Inactive => Err(WebError::Refused(Refusal::new(
            "account.inactive",
            "该账号已停用",
        ))),
    }
}

/// The logged-in user of a request.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    /// The account.
    pub user: User,
    /// The session's CSRF token (forms carry it; API writes send it as `X-CSRF-Token`).
    pub csrf_token: String,
    /// The stored session key.
    pub session_key: String,
}

impl CurrentUser {
    /// The organisation subtree the user acts within.
    pub fn scope(&self) -> Scope {
        Scope {
            government_id: self.user.government_id,
            department_id: self.user.department_id,
        }
    }

    /// Refuses unless the role allows `action` and the password needs no change.
    pub fn require(&self, action: Action) -> Result<(), WebError> {
        if self.user.must_change_password {
            return Err(WebError::Refused(Refusal::new(
                PASSWORD_CHANGE_REQUIRED,
                "首次登录或密码被重置后须先修改密码",
            )));
        }
        if !allows(self.user.role, action) {
            return Err(WebError::Forbidden);
        }
        Ok(())
    }

    /// Refuses a state-changing request whose CSRF token does not match the session's.
    pub fn check_csrf(&self, token: &str) -> Result<(), WebError> {
        if token.is_empty() || !constant_time_eq(token.as_bytes(), self.csrf_token.as_bytes()) {
            return Err(WebError::Csrf);
        }
        Ok(())
    }
}

/// Compares two byte strings in time independent of where they differ.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let value = cookie(&parts.headers, SESSION_COOKIE).ok_or(WebError::Unauthenticated)?;
        let (gov, token) = value.split_once('.').ok_or(WebError::Unauthenticated)?;
        let government_id: i64 = gov.parse().map_err(|_| WebError::Unauthenticated)?;
        let key = session_key(token);
        let session = state
            .store
            .session_user(government_id, &key)
            .await?
            .ok_or(WebError::Unauthenticated)?;
        let now = state.now();
        if account::session_expired(session.last_seen_at, now, &state.policy) {
            state
                .store
                .end_session(
                    government_id,
                    &key,
                    &session.user,
                    "session_timeout",
                    now,
                    &client_ip(parts),
                )
                .await?;
            return Err(WebError::Unauthenticated);
        }
        if !session.user.active {
            return Err(WebError::Unauthenticated);
        }
        state.store.touch_session(government_id, &key, now).await?;
        Ok(CurrentUser {
            user: session.user,
            csrf_token: session.csrf_token,
            session_key: key,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_hash_round_trip() {
        let h = hash_password("Fazhi@2026").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(&h, "Fazhi@2026"));
        assert!(!verify_password(&h, "fazhi@2026"));
        assert!(!verify_password("garbage", "x"));
    }

    #[test]
    fn cookies_are_read_from_any_header() {
        let mut h = HeaderMap::new();
        h.append("cookie", "a=1; fazhi_session=3.abc".parse().unwrap());
        assert_eq!(cookie(&h, SESSION_COOKIE).as_deref(), Some("3.abc"));
        assert_eq!(cookie(&h, "b"), None);
    }
}

/// The client's IP address (empty when unknown); never rejects.
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(client_ip(parts)))
    }
}

/// The logged-in user of a staff page: like [`CurrentUser`], but a missing or expired session
/// redirects to the login page instead of answering JSON.
#[derive(Debug, Clone)]
pub struct PageUser(pub CurrentUser);

impl FromRequestParts<AppState> for PageUser {
    type Rejection = crate::error::PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(PageUser(
            CurrentUser::from_request_parts(parts, state).await?,
        ))
    }
}

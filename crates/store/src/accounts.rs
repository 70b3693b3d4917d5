//! Staff accounts and their server-side sessions.

use domain::account::{LoginOutcome, Role};
use serde_json::json;
use sqlx::{Row, any::AnyRow};

use crate::tx::{Actor, WriteTx, next_id};
use crate::{Result, Store, StoreError};

/// A staff account (the password hash is kept apart and never leaves the store but for login).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Government (tenant).
    pub government_id: i64,
    /// Id within the government.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Name shown in the UI and the ledger.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Department whose subtree is the user's scope; `None` is the whole government.
    pub department_id: Option<i64>,
    /// The password was set by someone else and must be changed at the next login.
    pub must_change_password: bool,
    /// Failed logins in a row.
    pub failed_logins: i64,
    /// End of a lockout (unix ms).
    pub locked_until: Option<i64>,
    /// Disabled accounts cannot log in.
    pub active: bool,
    /// Creation time (unix ms).
    pub created_at: i64,
}

/// Input for a new account; the password is already hashed.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Login name (checked by `domain::account::check_username`).
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Scope department.
    pub department_id: Option<i64>,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Whether the password must be changed at first login.
    pub must_change_password: bool,
}

/// A session joined with its user.
#[derive(Debug, Clone)]
pub struct SessionUser {
    /// The logged-in user.
    pub user: User,
    /// The session's CSRF token.
    pub csrf_token: String,
    /// Last request time (unix ms).
    pub last_seen_at: i64,
}

const USER_COLUMNS: &str =
    "government_id, id, username, display_name, role, department_id, must_change_password,
    failed_logins, locked_until, active, created_at";

fn user_from_row(r: &AnyRow) -> Result<User> {
    let role: String = r.try_get("role")?;
    Ok(User {
        government_id: r.try_get("government_id")?,
        id: r.try_get("id")?,
        username: r.try_get("username")?,
        display_name: r.try_get("display_name")?,
        role: Role::parse(&role).ok_or_else(|| StoreError::Conflict(format!("未知角色 {role}")))?,
        department_id: r.try_get("department_id")?,
        must_change_password: r.try_get::<i64, _>("must_change_password")? != 0,
        failed_logins: r.try_get("failed_logins")?,
        locked_until: r.try_get("locked_until")?,
        active: r.try_get::<i64, _>("active")? != 0,
        created_at: r.try_get("created_at")?,
    })
}

impl User {
    /// What the ledger records about an account (never the password hash).
    pub fn ledger_content(&self) -> serde_json::Value {
        json!({
            "id": self.id,
            "username": self.username,
            "display_name": self.display_name,
            "role": self.role.as_str(),
            "department_id": self.department_id,
            "active": self.active,
        })
    }
}

impl Store {
    /// Finds an account by login name in any government, with its password hash.
    pub async fn find_login(&self, username: &str) -> Result<Option<(User, String)>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS}, password_hash FROM users WHERE username = $1 ORDER BY government_id LIMIT 1"
        )))
        .bind(username)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok((user_from_row(&r)?, r.try_get("password_hash")?)))
            .transpose()
    }

    /// The password hash of one account.
    pub async fn password_hash(&self, government_id: i64, id: i64) -> Result<String> {
        Ok(sqlx::query_scalar(
            "SELECT password_hash FROM users WHERE government_id = $1 AND id = $2",
        )
        .bind(government_id)
        .bind(id)
        .fetch_one(&self.pool)
        .await?)
    }

    /// Accounts of a government, by id.
    pub async fn list_users(&self, government_id: i64) -> Result<Vec<User>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users WHERE government_id = $1 ORDER BY id"
        )))
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(user_from_row).collect()
    }

    /// One account.
    pub async fn user(&self, government_id: i64, id: i64) -> Result<User> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users WHERE government_id = $1 AND id = $2"
        )))
        .bind(government_id)
        .bind(id)
        .fetch_one(&self.pool)
        .await?;
        user_from_row(&row)
    }

    /// Persists the outcome of a login attempt and its audit record, in one transaction.
    pub async fn record_login(
        &self,
        user: &User,
        outcome: LoginOutcome,
        now_ms: i64,
        client_ip: &str,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let (failed, locked_until) = match outcome {
            LoginOutcome::Success => (Some(0), None),
            LoginOutcome::Failure { failed_logins } => (Some(failed_logins), None),
            LoginOutcome::LockedNow { until } => (Some(0), Some(until)),
            LoginOutcome::StillLocked { .. } | LoginOutcome::Inactive => (None, user.locked_until),
        };
        if let Some(failed) = failed {
            sqlx::query("UPDATE users SET failed_logins = $3, locked_until = $4 WHERE government_id = $1 AND id = $2")
                .bind(user.government_id)
                .bind(user.id)
                .bind(failed)
                .bind(locked_until)
                .execute(&mut *tx)
                .await?;
        }
        let id = next_id(&mut tx, user.government_id, "audit").await?;
        let actor = Actor {
            user_id: Some(user.id),
            name: user.username.clone(),
        };
        let detail = match outcome {
            LoginOutcome::Failure { failed_logins } => format!("连续失败{failed_logins}次"),
            LoginOutcome::LockedNow { .. } => "连续登录失败，账号锁定".to_owned(),
            _ => String::new(),
        };
        crate::audit::insert(
            &mut tx,
            user.government_id,
            id,
            now_ms,
            &actor,
            outcome.audit_action(),
            &format!("user:{}", user.username),
            &detail,
            client_ip,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Opens a session. `session_key` is the hash of the cookie token (the token itself is never stored).
    pub async fn create_session(
        &self,
        user: &User,
        session_key: &str,
        csrf_token: &str,
        now_ms: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO sessions (government_id, id, user_id, csrf_token, created_at, last_seen_at)
             VALUES ($1, $2, $3, $4, $5, $5)",
        )
        .bind(user.government_id)
        .bind(session_key)
        .bind(user.id)
        .bind(csrf_token)
        .bind(now_ms)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Looks up a session with its user.
    pub async fn session_user(
        &self,
        government_id: i64,
        session_key: &str,
    ) -> Result<Option<SessionUser>> {
        let row = sqlx::query(
            "SELECT u.government_id, u.id, u.username, u.display_name, u.role, u.department_id, u.must_change_password,
                    u.failed_logins, u.locked_until, u.active, u.created_at, s.csrf_token, s.last_seen_at
             FROM sessions s JOIN users u ON u.government_id = s.government_id AND u.id = s.user_id
             WHERE s.government_id = $1 AND s.id = $2",
        )
        .bind(government_id)
        .bind(session_key)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(SessionUser {
                user: user_from_row(&r)?,
                csrf_token: r.try_get("csrf_token")?,
                last_seen_at: r.try_get("last_seen_at")?,
            })
        })
        .transpose()
    }

    /// Marks a session as used now (idle timeout counts from here).
    pub async fn touch_session(
        &self,
        government_id: i64,
        session_key: &str,
        now_ms: i64,
    ) -> Result<()> {
        sqlx::query("UPDATE sessions SET last_seen_at = $3 WHERE government_id = $1 AND id = $2")
            .bind(government_id)
            .bind(session_key)
            .bind(now_ms)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Ends a session; with `audit_action` set, records why (logout or idle timeout).
    pub async fn end_session(
        &self,
        government_id: i64,
        session_key: &str,
        user: &User,
        audit_action: &str,
        now_ms: i64,
        client_ip: &str,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        sqlx::query("DELETE FROM sessions WHERE government_id = $1 AND id = $2")
            .bind(government_id)
            .bind(session_key)
            .execute(&mut *tx)
            .await?;
        let id = next_id(&mut tx, government_id, "audit").await?;
        let actor = Actor {
            user_id: Some(user.id),
            name: user.username.clone(),
        };
        crate::audit::insert(
            &mut tx,
            government_id,
            id,
            now_ms,
            &actor,
            audit_action,
            &format!("user:{}", user.username),
            "",
            client_ip,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

impl WriteTx {
    /// Creates an account. User names are unique across the deployment, because login asks
    /// only for the name.
    pub async fn create_user(&mut self, new: &NewUser) -> Result<User> {
        let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE username = $1")
            .bind(&new.username)
            .fetch_one(&mut *self.tx)
            .await?;
        if taken > 0 {
            return Err(StoreError::Conflict("username".to_owned()));
        }
        let id = self.next_id("users").await?;
        let now = self.now_ms();
        sqlx::query(
            "INSERT INTO users (government_id, id, username, display_name, role, department_id, password_hash,
                                must_change_password, failed_logins, locked_until, active, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, NULL, 1, $9, $9)",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(&new.username)
        .bind(&new.display_name)
        .bind(new.role.as_str())
        .bind(new.department_id)
        .bind(&new.password_hash)
        .bind(i64::from(new.must_change_password))
        .bind(now)
        .execute(&mut *self.tx)
        .await?;
        let user = User {
            government_id: self.government_id(),
            id,
            username: new.username.clone(),
            display_name: new.display_name.clone(),
            role: new.role,
            department_id: new.department_id,
            must_change_password: new.must_change_password,
            failed_logins: 0,
            locked_until: None,
            active: true,
            created_at: now,
        };
        self.record("user", &id.to_string(), "create", &user.ledger_content())
            .await?;
        self.audit(
            "user.create",
            &format!("user:{}", user.username),
            user.role.label(),
        )
        .await?;
        Ok(user)
    }

    /// Sets a new password hash; `must_change` forces a change at next login (a reset by an admin).
    pub async fn set_password(
        &mut self,
        user_id: i64,
        password_hash: &str,
        must_change: bool,
    ) -> Result<()> {
        let n = sqlx::query(
            "UPDATE users SET password_hash = $3, must_change_password = $4, updated_at = $5
             WHERE government_id = $1 AND id = $2",
        )
        .bind(self.government_id())
        .bind(user_id)
        .bind(password_hash)
        .bind(i64::from(must_change))
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        // A new password ends every other session of the account.
        sqlx::query("DELETE FROM sessions WHERE government_id = $1 AND user_id = $2")
            .bind(self.government_id())
            .bind(user_id)
            .execute(&mut *self.tx)
            .await?;
        let action = if must_change {
            "user.reset_password"
        } else {
            "user.change_password"
        };
        self.audit(action, &format!("user:{user_id}"), "").await?;
        Ok(())
    }

    /// Lifts a lockout and clears the failure count.
    pub async fn unlock_user(&mut self, user_id: i64) -> Result<()> {
        let n = sqlx::query(
            "UPDATE users SET failed_logins = 0, locked_until = NULL, updated_at = $3 WHERE government_id = $1 AND id = $2",
        )
        .bind(self.government_id())
        .bind(user_id)
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        self.audit("user.unlock", &format!("user:{user_id}"), "")
            .await?;
        Ok(())
    }
}

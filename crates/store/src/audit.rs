//! The audit log (安全审计): logins, logouts, failures, lockouts and administrative changes.

use sqlx::{Any, Row, Transaction};

use crate::tx::{Actor, next_id};
use crate::{Result, Store};

/// One audit record as shown on the audit page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Id within the government.
    pub id: i64,
    /// Time (unix ms, UTC).
    pub at: i64,
    /// The acting user, if any.
    pub actor_user_id: Option<i64>,
    /// The acting user's name (or the user name tried, for a failed login).
    pub actor_name: String,
    /// Stable action name, e.g. `login`, `login_failed`, `account_locked`, `department.create`.
    pub action: String,
    /// What was acted on, e.g. `department:3` or `user:zhangsan`.
    pub target: String,
    /// Free detail text.
    pub detail: String,
    /// Client IP address as seen by the server.
    pub client_ip: String,
}

/// Filters of the audit page; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Exact action name.
    pub action: Option<String>,
    /// Substring of the actor's name.
    pub actor: Option<String>,
    /// From this time (unix ms, inclusive).
    pub from_ms: Option<i64>,
    /// Until this time (unix ms, exclusive).
    pub until_ms: Option<i64>,
    /// Page size.
    pub limit: i64,
    /// Rows to skip.
    pub offset: i64,
}

#[expect(clippy::too_many_arguments, reason = "one column each")]
pub(crate) async fn insert(
    tx: &mut Transaction<'static, Any>,
    government_id: i64,
    id: i64,
    at: i64,
    actor: &Actor,
    action: &str,
    target: &str,
    detail: &str,
    client_ip: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (government_id, id, at, actor_user_id, actor_name, action, target, detail, client_ip)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(government_id)
    .bind(id)
    .bind(at)
    .bind(actor.user_id)
    .bind(&actor.name)
    .bind(action)
    .bind(target)
    .bind(detail)
    .bind(client_ip)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) async fn insert_system(
    tx: &mut Transaction<'static, Any>,
    at: i64,
    actor_name: &str,
    action: &str,
    target: &str,
    detail: &str,
    client_ip: &str,
) -> Result<()> {
    let id = next_id(tx, 0, "system_audit").await?;
    sqlx::query(
        "INSERT INTO system_audit_log (id, at, actor_name, action, target, detail, client_ip)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(at)
    .bind(actor_name)
    .bind(action)
    .bind(target)
    .bind(detail)
    .bind(client_ip)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

impl Store {
    /// Writes one audit record in its own transaction (login events, which change no record).
    #[expect(clippy::too_many_arguments, reason = "one column each")]
    pub async fn audit(
        &self,
        government_id: i64,
        at: i64,
        actor: &Actor,
        action: &str,
        target: &str,
        detail: &str,
        client_ip: &str,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let id = next_id(&mut tx, government_id, "audit").await?;
        insert(
            &mut tx,
            government_id,
            id,
            at,
            actor,
            action,
            target,
            detail,
            client_ip,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Records an event that belongs to no known government (a login with an unknown user name).
    pub async fn system_audit(
        &self,
        at: i64,
        action: &str,
        detail: &str,
        client_ip: &str,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        insert_system(&mut tx, at, "", action, "", detail, client_ip).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Audit records of a government, newest first, filtered; returns the page and the total count.
    pub async fn list_audit(
        &self,
        government_id: i64,
        filter: &AuditFilter,
    ) -> Result<(Vec<AuditEntry>, i64)> {
        let action = filter.action.clone().unwrap_or_default();
        let actor = filter
            .actor
            .as_ref()
            .map(|a| format!("%{a}%"))
            .unwrap_or_default();
        let from = filter.from_ms.unwrap_or(i64::MIN);
        let until = filter.until_ms.unwrap_or(i64::MAX);
        const WHERE: &str = "WHERE government_id = $1 AND ($2 = '' OR action = $2) AND ($3 = '' OR actor_name LIKE $3)
             AND at >= $4 AND at < $5";
        let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM audit_log {WHERE}"
        )))
        .bind(government_id)
        .bind(&action)
        .bind(&actor)
        .bind(from)
        .bind(until)
        .fetch_one(&self.pool)
        .await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT id, at, actor_user_id, actor_name, action, target, detail, client_ip FROM audit_log {WHERE}
             ORDER BY at DESC, id DESC LIMIT $6 OFFSET $7"
        )))
        .bind(government_id)
        .bind(&action)
        .bind(&actor)
        .bind(from)
        .bind(until)
        .bind(filter.limit)
        .bind(filter.offset)
        .fetch_all(&self.pool)
        .await?;
        let entries = rows
            .iter()
            .map(|r| {
                Ok(AuditEntry {
                    id: r.try_get("id")?,
                    at: r.try_get("at")?,
                    actor_user_id: r.try_get("actor_user_id")?,
                    actor_name: r.try_get("actor_name")?,
                    action: r.try_get("action")?,
                    target: r.try_get("target")?,
                    detail: r.try_get("detail")?,
                    client_ip: r.try_get("client_ip")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok((entries, total))
    }
}

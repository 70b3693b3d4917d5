//! The single write path: one transaction holds the new state, its ledger entry and its outbox row.

use sqlx::{Any, Transaction};

use crate::{Result, Store, StoreError};

/// Who makes a change: a logged-in user, or the system (CLI, demo generator).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The user's id, when a user acts.
    pub user_id: Option<i64>,
    /// The name recorded in the ledger and the audit log.
    pub name: String,
}

impl Actor {
    /// A change made by the system itself, e.g. `fazhi init` or the demo generator.
    pub fn system(what: &str) -> Actor {
        Actor {
            user_id: None,
            name: format!("系统（{what}）"),
        }
    }
}

/// A ledger entry as stored: one change of state of one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerEntry {
    /// Position in the government's log, from 0.
    pub idx: i64,
    /// Record type, e.g. `department`.
    pub record_type: String,
    /// Record id within the government.
    pub record_id: String,
    /// Event, e.g. `create`, `edit`, `publish`.
    pub event: String,
    /// Actor name.
    pub actor: String,
    /// Time (unix ms, UTC).
    pub at: i64,
    /// The entry's canonical encoding (ledger entry format v1, RFC 8785 JSON): what its leaf hashes.
    pub body: String,
}

/// An open write transaction for one government. Dropping it without [`WriteTx::commit`] rolls
/// everything back, so a failed request leaves nothing behind.
pub struct WriteTx {
    pub(crate) tx: Transaction<'static, Any>,
    government_id: i64,
    actor: Actor,
    now_ms: i64,
    n_recorded: usize,
    hash_algorithm: Option<ledger::HashAlgorithm>,
}

impl Store {
    /// Begins a change of state in government `government_id`, made by `actor` at `now_ms`.
    pub async fn begin_write(
        &self,
        government_id: i64,
        actor: &Actor,
        now_ms: i64,
    ) -> Result<WriteTx> {
        Ok(WriteTx {
            tx: self.begin().await?,
            government_id,
            actor: actor.clone(),
            now_ms,
            n_recorded: 0,
            hash_algorithm: None,
        })
    }
}

impl WriteTx {
    /// Wraps a transaction that is already open (used when the government is created in it).
    pub(crate) fn from_parts(
        tx: Transaction<'static, Any>,
        government_id: i64,
        actor: &Actor,
        now_ms: i64,
    ) -> WriteTx {
        WriteTx {
            tx,
            government_id,
            actor: actor.clone(),
            now_ms,
            n_recorded: 0,
            hash_algorithm: None,
        }
    }

    /// The government this transaction writes to.
    pub fn government_id(&self) -> i64 {
        self.government_id
    }

    /// The time of the change.
    pub fn now_ms(&self) -> i64 {
        self.now_ms
    }

    /// The actor of the change.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Allocates the next id of a per-government sequence (no gaps once committed).
    pub async fn next_id(&mut self, name: &str) -> Result<i64> {
        next_id(&mut self.tx, self.government_id, name).await
    }

    /// The hash algorithm of this government's log (read once per transaction).
    pub(crate) async fn hash_algorithm_in_tx(&mut self) -> Result<ledger::HashAlgorithm> {
        if let Some(alg) = self.hash_algorithm {
            return Ok(alg);
        }
        let alg = crate::ledger::log_in_tx(&mut self.tx, self.government_id)
            .await?
            .hash_algorithm;
        self.hash_algorithm = Some(alg);
        Ok(alg)
    }

    /// Records a change of state of one record: its ledger entry (appended to the government's
    /// Merkle tree in this same transaction) and its outbox row.
    pub async fn record(
        &mut self,
        record_type: &str,
        record_id: &str,
        event: &str,
        content: &serde_json::Value,
    ) -> Result<i64> {
        let alg = self.hash_algorithm_in_tx().await?;
        let idx = next_id(&mut self.tx, self.government_id, "ledger").await? - 1;
        let entry = ledger::Entry::new(
            idx as u64,
            record_type,
            record_id,
            event,
            self.actor.name.clone(),
            self.now_ms,
            content.clone(),
        );
        let canonical = String::from_utf8(
            entry
                .canonical_bytes()
                .map_err(|e| StoreError::Conflict(format!("记录内容无法规范化：{e}")))?,
        )
        .map_err(|_| StoreError::WritePath("规范化编码不是UTF-8"))?;
        let leaf =
            crate::ledger::append_in_tx(&mut self.tx, self.government_id, alg, &entry).await?;
        sqlx::query(
            "INSERT INTO ledger_entries (government_id, idx, record_type, record_id, event, actor, at, body, leaf_hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(self.government_id)
        .bind(idx)
        .bind(record_type)
        .bind(record_id)
        .bind(event)
        .bind(&self.actor.name)
        .bind(self.now_ms)
        .bind(&canonical)
        .bind(leaf.to_hex())
        .execute(&mut *self.tx)
        .await?;
        // One outbox row per ledger entry: its id is the entry's position, which saves a second
        // sequence update on the hottest path.
        let outbox_id = idx;
        sqlx::query(
            "INSERT INTO outbox (government_id, id, topic, record_type, record_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(self.government_id)
        .bind(outbox_id)
        .bind(event)
        .bind(record_type)
        .bind(record_id)
        .bind(self.now_ms)
        .execute(&mut *self.tx)
        .await?;
        self.n_recorded += 1;
        Ok(idx)
    }

    /// Adds an audit-log record in the same transaction.
    pub async fn audit(&mut self, action: &str, target: &str, detail: &str) -> Result<()> {
        let id = next_id(&mut self.tx, self.government_id, "audit").await?;
        crate::audit::insert(
            &mut self.tx,
            self.government_id,
            id,
            self.now_ms,
            &self.actor,
            action,
            target,
            detail,
            "",
        )
        .await?;
        self.n_recorded += 1;
        Ok(())
    }

    /// Adds a record to the system audit log (changes to shared catalogue data such as regions).
    pub async fn system_audit(&mut self, action: &str, target: &str, detail: &str) -> Result<()> {
        crate::audit::insert_system(
            &mut self.tx,
            self.now_ms,
            &self.actor.name,
            action,
            target,
            detail,
            "",
        )
        .await?;
        self.n_recorded += 1;
        Ok(())
    }

    /// Commits. A transaction that recorded nothing is a bug in the caller: every change of state
    /// must leave a ledger entry or an audit record, so it is refused and rolled back.
    pub async fn commit(self) -> Result<()> {
        if self.n_recorded == 0 {
            return Err(StoreError::WritePath("变更未写入防篡改日志或审计日志"));
        }
        self.tx.commit().await?;
        Ok(())
    }
}

/// Allocates the next value of sequence `name` in government `government_id` inside `tx`.
pub(crate) async fn next_id(
    tx: &mut Transaction<'static, Any>,
    government_id: i64,
    name: &str,
) -> Result<i64> {
    let value: i64 = sqlx::query_scalar(
        "INSERT INTO id_sequences (government_id, name, next_value) VALUES ($1, $2, 1)
         ON CONFLICT (government_id, name) DO UPDATE SET next_value = id_sequences.next_value + 1
         RETURNING next_value",
    )
    .bind(government_id)
    .bind(name)
    .fetch_one(&mut **tx)
    .await?;
    Ok(value)
}

impl Store {
    /// The ledger entries of a government in `[start, end)`.
    pub async fn ledger_entries(
        &self,
        government_id: i64,
        start: i64,
        end: i64,
    ) -> Result<Vec<LedgerEntry>> {
        use sqlx::Row;
        let rows = sqlx::query(
            "SELECT idx, record_type, record_id, event, actor, at, body FROM ledger_entries
             WHERE government_id = $1 AND idx >= $2 AND idx < $3 ORDER BY idx",
        )
        .bind(government_id)
        .bind(start)
        .bind(end)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(LedgerEntry {
                    idx: r.try_get("idx")?,
                    record_type: r.try_get("record_type")?,
                    record_id: r.try_get("record_id")?,
                    event: r.try_get("event")?,
                    actor: r.try_get("actor")?,
                    at: r.try_get("at")?,
                    body: r.try_get("body")?,
                })
            })
            .collect()
    }

    /// Number of entries in a government's ledger.
    pub async fn ledger_size(&self, government_id: i64) -> Result<i64> {
        let n: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM ledger_entries WHERE government_id = $1")
                .bind(government_id)
                .fetch_one(&self.pool)
                .await?;
        Ok(n)
    }

    /// Number of outbox rows not yet processed (all governments).
    pub async fn outbox_pending(&self) -> Result<i64> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE processed_at IS NULL")
            .fetch_one(&self.pool)
            .await?;
        Ok(n)
    }
}

impl Store {
    /// The ledger entries of one record, oldest first (its history).
    pub async fn ledger_entries_of(
        &self,
        government_id: i64,
        record_type: &str,
        record_id: &str,
    ) -> Result<Vec<LedgerEntry>> {
        use sqlx::Row;
        let rows = sqlx::query(
            "SELECT idx, record_type, record_id, event, actor, at, body FROM ledger_entries
             WHERE government_id = $1 AND record_type = $2 AND record_id = $3 ORDER BY idx",
        )
        .bind(government_id)
        .bind(record_type)
        .bind(record_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(LedgerEntry {
                    idx: r.try_get("idx")?,
                    record_type: r.try_get("record_type")?,
                    record_id: r.try_get("record_id")?,
                    event: r.try_get("event")?,
                    actor: r.try_get("actor")?,
                    at: r.try_get("at")?,
                    body: r.try_get("body")?,
                })
            })
            .collect()
    }
}

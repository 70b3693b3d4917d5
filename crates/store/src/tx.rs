//! The single write path: one transaction holds the new state, its ledger entry and its outbox row.

use std::sync::Arc;

use sqlx::{Any, Transaction};

use crate::ledger::{Inserted, LedgerMemo};
use crate::{Result, Store, StoreError};

/// How often an append retries at the log's end when other writers keep taking it.
const APPEND_ATTEMPTS: usize = 64;

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
    /// The position this transaction's next entry takes, once it has appended one.
    next_idx: Option<u64>,
    /// Entries after the transaction's first, written together at commit (see [`WriteTx::record`]).
    held: Vec<crate::ledger::HeldEntry>,
    memo: Arc<LedgerMemo>,
}

impl Store {
    /// Begins a change of state in government `government_id`, made by `actor` at `now_ms`.
    pub async fn begin_write(
        &self,
        government_id: i64,
        actor: &Actor,
        now_ms: i64,
    ) -> Result<WriteTx> {
        Ok(WriteTx::from_parts(
            self.begin().await?,
            government_id,
            actor,
            now_ms,
            self.ledger_memo.clone(),
        ))
    }
}

impl WriteTx {
    /// Wraps a transaction that is already open (used when the government is created in it).
    pub(crate) fn from_parts(
        tx: Transaction<'static, Any>,
        government_id: i64,
        actor: &Actor,
        now_ms: i64,
        memo: Arc<LedgerMemo>,
    ) -> WriteTx {
        WriteTx {
            tx,
            government_id,
            actor: actor.clone(),
            now_ms,
            n_recorded: 0,
            hash_algorithm: memo.algorithm(government_id),
            next_idx: None,
            held: Vec::new(),
            memo,
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

    /// Records a change of state of one record: its ledger entry, in this same transaction.
    /// The entry's position is the log's next; the tree's interior nodes over it are integrated
    /// later ([`Store::integrate_ledger`]), and the derived-data workers read it as their outbox.
    ///
    /// The transaction's first entry is written at once by an insert that checks its position
    /// (free, and the one before it filled). That row then holds the positions after it for
    /// this transaction: on SQLite the database is locked for the transaction, and on
    /// PostgreSQL another writer cannot place an entry after an uncommitted one. So the later
    /// entries of the same transaction are held and written together by [`WriteTx::commit`],
    /// a few statements for a whole batch (group commit).
    pub async fn record(
        &mut self,
        record_type: &str,
        record_id: &str,
        event: &str,
        content: &serde_json::Value,
    ) -> Result<i64> {
        let alg = self.hash_algorithm_in_tx().await?;
        let mut entry = ledger::Entry::new(
            0,
            record_type,
            record_id,
            event,
            self.actor.name.clone(),
            self.now_ms,
            content.clone(),
        );
        if let Some(idx) = self.next_idx {
            entry.idx = idx;
            let (canonical, leaf) = canonical_and_leaf(&entry, alg)?;
            self.held.push(crate::ledger::HeldEntry {
                entry,
                canonical,
                leaf,
            });
            self.next_idx = Some(idx + 1);
            self.n_recorded += 1;
            return Ok(idx as i64);
        }
        let mut idx = match self.memo.next_idx(self.government_id) {
            Some(idx) => idx,
            None => crate::ledger::end_of_log(&mut *self.tx, self.government_id).await?,
        };
        for _ in 0..APPEND_ATTEMPTS {
            entry.idx = idx;
            let (canonical, leaf) = canonical_and_leaf(&entry, alg)?;
            match crate::ledger::insert_entry_in_tx(
                &mut self.tx,
                self.government_id,
                &entry,
                &canonical,
                &leaf,
            )
            .await?
            {
                Inserted::Done => {
                    self.next_idx = Some(idx + 1);
                    self.n_recorded += 1;
                    return Ok(idx as i64);
                }
                Inserted::PositionTaken => {
                    idx = crate::ledger::end_of_log(&mut *self.tx, self.government_id).await?;
                }
            }
        }
        Err(StoreError::Conflict(
            "防篡改日志写入繁忙，请稍后重试".to_owned(),
        ))
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
    pub async fn commit(mut self) -> Result<()> {
        if self.n_recorded == 0 {
            return Err(StoreError::WritePath("变更未写入防篡改日志或审计日志"));
        }
        crate::ledger::insert_held_in_tx(&mut self.tx, self.government_id, &self.held).await?;
        self.tx.commit().await?;
        if let Some(alg) = self.hash_algorithm {
            self.memo.committed(self.government_id, alg, self.next_idx);
        }
        Ok(())
    }
}

/// An entry's canonical text and its leaf hash.
fn canonical_and_leaf(
    entry: &ledger::Entry,
    alg: ledger::HashAlgorithm,
) -> Result<(String, ledger::Hash)> {
    let canonical = entry
        .canonical_text()
        .map_err(|e| StoreError::Conflict(format!("记录内容无法规范化：{e}")))?;
    let leaf = alg.leaf_hash(canonical.as_bytes());
    Ok((canonical, leaf))
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

    /// Number of entries in a government's ledger (the position after its last entry).
    pub async fn ledger_size(&self, government_id: i64) -> Result<i64> {
        Ok(crate::ledger::end_of_log(&self.pool, government_id).await? as i64)
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

//! The tamper-evident log in the database: log metadata, the nodes of complete perfect subtrees,
//! signed tree heads, and the reads behind proofs. The tree itself is the `ledger` crate's; this
//! module only stores and fetches what it asks for (O(log n) rows per proof).

use std::collections::HashMap;
use std::sync::Mutex;

use ledger::merkle::{self, Appender, NodeId, StoredNode};
use ledger::{Entry, Hash, HashAlgorithm, LogMetadata, SignedTreeHead};
use sqlx::{Any, Row, Transaction};

use crate::{Result, Store, StoreError};

fn bad_data(what: impl std::fmt::Display) -> StoreError {
    StoreError::Other(sqlx::Error::Protocol(format!(
        "防篡改日志数据无法解析：{what}"
    )))
}

/// The SQL that reads a set of nodes in one round trip: an OR of full-key equalities, each term
/// with its own government parameter. SQLite answers exactly that form with one primary-key search
/// per node (MULTI-INDEX OR); a row-value `(level, idx) IN (…)`, or the government factored out of
/// the OR, makes it use only the `government_id` prefix and scan the whole tree. PostgreSQL turns
/// the same SQL into a BitmapOr of primary-key lookups.
pub fn nodes_query(n: usize) -> String {
    let terms: Vec<String> = (0..n)
        .map(|k| {
            format!(
                "(government_id = ${} AND level = ${} AND idx = ${})",
                3 * k + 1,
                3 * k + 2,
                3 * k + 3
            )
        })
        .collect();
    format!(
        "SELECT level, idx, hash FROM ledger_nodes WHERE {}",
        terms.join(" OR ")
    )
}

/// Reads the given nodes of a government's tree in one query (missing ones are absent).
pub(crate) async fn fetch_nodes_in<'e, E>(
    executor: E,
    government_id: i64,
    ids: &[NodeId],
) -> Result<HashMap<NodeId, Hash>>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let mut out = HashMap::with_capacity(ids.len());
    if ids.is_empty() {
        return Ok(out);
    }
    let mut q = sqlx::query(sqlx::AssertSqlSafe(nodes_query(ids.len())));
    for id in ids {
        q = q
            .bind(government_id)
            .bind(i64::from(id.level))
            .bind(id.index as i64);
    }
    for r in q.fetch_all(executor).await? {
        let level: i64 = r.try_get("level")?;
        let index: i64 = r.try_get("idx")?;
        let hex: String = r.try_get("hash")?;
        out.insert(
            NodeId {
                level: level as u8,
                index: index as u64,
            },
            Hash::from_hex(&hex).map_err(bad_data)?,
        );
    }
    Ok(out)
}

/// What this process remembers of each government's log between transactions, so that an append
/// is one statement: the hash algorithm (fixed when the log is created), the position the next
/// entry takes, and how many entries the stored tree covers. Only committed facts are written
/// here. A remembered position is a guess that the entry's insert checks against the table
/// ([`insert_entry_in_tx`]): another process may have appended meanwhile.
#[derive(Debug, Default)]
pub(crate) struct LedgerMemo {
    logs: Mutex<HashMap<i64, Remembered>>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Remembered {
    alg: Option<HashAlgorithm>,
    next_idx: Option<u64>,
    tree_size: u64,
}

impl LedgerMemo {
    fn with<T>(&self, government_id: i64, f: impl FnOnce(&mut Remembered) -> T) -> T {
        // A poisoned lock only means a panic elsewhere while holding it; the map stays usable
        // because every value in it is only a hint checked against the database.
        let mut logs = self.logs.lock().unwrap_or_else(|e| e.into_inner());
        f(logs.entry(government_id).or_default())
    }

    /// The log's hash algorithm, once a committed transaction has used it.
    pub(crate) fn algorithm(&self, government_id: i64) -> Option<HashAlgorithm> {
        self.with(government_id, |r| r.alg)
    }

    /// Where the next entry probably goes.
    pub(crate) fn next_idx(&self, government_id: i64) -> Option<u64> {
        self.with(government_id, |r| r.next_idx)
    }

    /// Remembers a committed transaction: its log's algorithm and, if it appended, the position
    /// after its last entry (never moving backwards past a later commit).
    pub(crate) fn committed(&self, government_id: i64, alg: HashAlgorithm, next_idx: Option<u64>) {
        self.with(government_id, |r| {
            r.alg = Some(alg);
            if let Some(next) = next_idx {
                r.next_idx = Some(r.next_idx.map_or(next, |old| old.max(next)));
            }
        })
    }

    fn tree_size(&self, government_id: i64) -> u64 {
        self.with(government_id, |r| r.tree_size)
    }

    fn integrated(&self, government_id: i64, size: u64) {
        self.with(government_id, |r| r.tree_size = r.tree_size.max(size))
    }
}

/// Binds an entry's eight columns after the government, in the order both inserts name them:
/// idx, record_type, record_id, event, actor, at, body, leaf_hash.
fn bind_entry<'q>(
    q: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments>,
    entry: &'q Entry,
    canonical: &'q str,
    leaf: &Hash,
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments> {
    q.bind(entry.idx as i64)
        .bind(entry.record_type.as_str())
        .bind(entry.record_id.as_str())
        .bind(entry.event.as_str())
        .bind(entry.actor.as_str())
        .bind(entry.at_ms)
        .bind(canonical)
        .bind(leaf.to_hex())
}

/// What [`insert_entry_in_tx`] found.
pub(crate) enum Inserted {
    /// The entry is in the table at the position it was built for.
    Done,
    /// That position was taken, or the one before it is empty: the caller rebuilds the entry
    /// at [`end_of_log`] and tries again.
    PositionTaken,
}

/// Writes an entry and its leaf hash in one statement, only where it continues the log: its
/// position must be free and, unless it is the first, the previous position filled. So the log
/// has no gaps and no entry is overwritten, whatever another writer did; on PostgreSQL a second
/// writer at the same position waits for the first to commit or roll back.
pub(crate) async fn insert_entry_in_tx(
    tx: &mut Transaction<'static, Any>,
    government_id: i64,
    entry: &Entry,
    canonical: &str,
    leaf: &Hash,
) -> Result<Inserted> {
    let query = sqlx::query(
        "INSERT INTO ledger_entries (government_id, idx, record_type, record_id, event, actor, at, body, leaf_hash)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9
         WHERE $2 = 0 OR EXISTS (SELECT 1 FROM ledger_entries WHERE government_id = $1 AND idx = $2 - 1)
         ON CONFLICT (government_id, idx) DO NOTHING",
    )
    .bind(government_id);
    let done = bind_entry(query, entry, canonical, leaf)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    Ok(if done == 1 {
        Inserted::Done
    } else {
        Inserted::PositionTaken
    })
}

/// An entry built and hashed by [`crate::WriteTx::record`], waiting for the transaction's commit.
pub(crate) struct HeldEntry {
    pub(crate) entry: Entry,
    pub(crate) canonical: String,
    pub(crate) leaf: Hash,
}

/// Row counts of the multi-row inserts of held entries: a batch is written as a few statements
/// of these sizes, so each engine prepares four statements, not one per batch size.
const HELD_ROWS_PER_STATEMENT: [usize; 4] = [64, 16, 4, 1];

/// Writes the held entries of a transaction, whose positions its first entry holds.
pub(crate) async fn insert_held_in_tx(
    tx: &mut Transaction<'static, Any>,
    government_id: i64,
    held: &[HeldEntry],
) -> Result<()> {
    let mut rest = held;
    while !rest.is_empty() {
        let n = HELD_ROWS_PER_STATEMENT
            .into_iter()
            .find(|n| *n <= rest.len())
            .unwrap_or(1);
        let (chunk, tail) = rest.split_at(n);
        rest = tail;
        let rows: Vec<String> = (0..n)
            .map(|k| {
                let p = 8 * k;
                format!(
                    "($1, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
                    p + 2,
                    p + 3,
                    p + 4,
                    p + 5,
                    p + 6,
                    p + 7,
                    p + 8,
                    p + 9
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO ledger_entries (government_id, idx, record_type, record_id, event, actor, at, body, leaf_hash) VALUES {}",
            rows.join(", ")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(government_id);
        for HeldEntry {
            entry,
            canonical,
            leaf,
        } in chunk
        {
            q = bind_entry(q, entry, canonical, leaf);
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// The position after the last entry of a government's log: one search of the primary key,
/// where `COUNT(*)` would read the whole log (verification compares the two).
pub(crate) async fn end_of_log<'e, E>(executor: E, government_id: i64) -> Result<u64>
where
    E: sqlx::Executor<'e, Database = Any>,
{
    let max: Option<i64> =
        sqlx::query_scalar("SELECT MAX(idx) FROM ledger_entries WHERE government_id = $1")
            .bind(government_id)
            .fetch_one(executor)
            .await?;
    Ok(max.map_or(0, |m| m as u64 + 1))
}

/// Entries integrated into the stored tree per transaction.
const INTEGRATE_BATCH: i64 = 4096;

/// Node rows per INSERT statement (4 parameters each, well under both engines' limits).
const NODE_ROWS_PER_STATEMENT: usize = 500;

/// Writes nodes in multi-row INSERTs.
async fn insert_nodes_in_tx(
    tx: &mut Transaction<'static, Any>,
    government_id: i64,
    nodes: &[StoredNode],
) -> Result<()> {
    for chunk in nodes.chunks(NODE_ROWS_PER_STATEMENT) {
        let placeholders: Vec<String> = (0..chunk.len())
            .map(|k| {
                format!(
                    "(${}, ${}, ${}, ${})",
                    4 * k + 1,
                    4 * k + 2,
                    4 * k + 3,
                    4 * k + 4
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO ledger_nodes (government_id, level, idx, hash) VALUES {}",
            placeholders.join(", ")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for StoredNode { level, index, hash } in chunk {
            q = q
                .bind(government_id)
                .bind(i64::from(*level))
                .bind(*index as i64)
                .bind(hash.to_hex());
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Reads a government's log metadata inside `tx`.
pub(crate) async fn log_in_tx(
    tx: &mut Transaction<'static, Any>,
    government_id: i64,
) -> Result<LogMetadata> {
    let text: String =
        sqlx::query_scalar("SELECT metadata FROM ledger_logs WHERE government_id = $1")
            .bind(government_id)
            .fetch_optional(&mut **tx)
            .await?
            .ok_or(StoreError::WritePath("该政府尚未建立防篡改日志"))?;
    serde_json::from_str(&text).map_err(bad_data)
}

/// Creates a government's log (its metadata; the private key is the caller's to keep) inside `tx`.
pub(crate) async fn create_log_in_tx(
    tx: &mut Transaction<'static, Any>,
    government_id: i64,
    meta: &LogMetadata,
) -> Result<()> {
    let text = serde_json::to_string(meta).map_err(bad_data)?;
    sqlx::query("INSERT INTO ledger_logs (government_id, log_id, metadata, created_at) VALUES ($1, $2, $3, $4)")
        .bind(government_id)
        .bind(&meta.log_id)
        .bind(text)
        .bind(meta.created_at_ms as i64)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// One stored entry with its recorded leaf hash.
#[derive(Debug, Clone)]
pub struct StoredEntry {
    /// The entry, parsed from its canonical encoding.
    pub entry: Entry,
    /// The canonical encoding as stored.
    pub canonical: String,
    /// The leaf hash recorded when it was appended.
    pub leaf_hash: Option<Hash>,
}

impl Store {
    /// A government's log metadata, if it has a log.
    pub async fn ledger_log(&self, government_id: i64) -> Result<Option<LogMetadata>> {
        let text: Option<String> =
            sqlx::query_scalar("SELECT metadata FROM ledger_logs WHERE government_id = $1")
                .bind(government_id)
                .fetch_optional(&self.pool)
                .await?;
        text.map(|t| serde_json::from_str(&t).map_err(bad_data))
            .transpose()
    }

    /// Every government that has a log, with its metadata.
    pub async fn ledger_logs(&self) -> Result<Vec<(i64, LogMetadata)>> {
        let rows =
            sqlx::query("SELECT government_id, metadata FROM ledger_logs ORDER BY government_id")
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|r| {
                let text: String = r.try_get("metadata")?;
                Ok((
                    r.try_get("government_id")?,
                    serde_json::from_str(&text).map_err(bad_data)?,
                ))
            })
            .collect()
    }

    /// The given nodes of a government's tree (missing ones are absent from the map).
    pub async fn ledger_nodes(
        &self,
        government_id: i64,
        ids: &[NodeId],
    ) -> Result<HashMap<NodeId, Hash>> {
        fetch_nodes_in(&self.pool, government_id, ids).await
    }

    /// Every stored node of a government's tree (for full verification).
    pub async fn all_ledger_nodes(&self, government_id: i64) -> Result<HashMap<NodeId, Hash>> {
        let rows =
            sqlx::query("SELECT level, idx, hash FROM ledger_nodes WHERE government_id = $1")
                .bind(government_id)
                .fetch_all(&self.pool)
                .await?;
        let mut out = HashMap::with_capacity(rows.len());
        for r in rows {
            let level: i64 = r.try_get("level")?;
            let index: i64 = r.try_get("idx")?;
            let hex: String = r.try_get("hash")?;
            out.insert(
                NodeId {
                    level: level as u8,
                    index: index as u64,
                },
                Hash::from_hex(&hex).map_err(bad_data)?,
            );
        }
        Ok(out)
    }

    /// How many entries the stored tree of a government covers.
    pub async fn ledger_tree_size(&self, government_id: i64) -> Result<u64> {
        let size: Option<i64> =
            sqlx::query_scalar("SELECT tree_size FROM ledger_logs WHERE government_id = $1")
                .bind(government_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(size.unwrap_or(0) as u64)
    }

    /// Extends a government's stored tree over every entry appended since it was last extended,
    /// in transactions of a few thousand entries, and returns the size it now covers. Each leaf
    /// is recomputed from the stored canonical entry and must equal the leaf hash written with
    /// it; an entry that was changed in between stops the integration with
    /// [`StoreError::Corrupt`] naming it, so a tampered entry never enters a signed tree.
    /// Two integrators at once are safe: the log's row is locked (PostgreSQL) or the database
    /// is (SQLite), and the second continues from where the first stopped.
    pub async fn integrate_ledger(&self, government_id: i64) -> Result<u64> {
        loop {
            let (size, finished) = self.integrate_batch(government_id).await?;
            self.ledger_memo.integrated(government_id, size);
            if finished {
                return Ok(size);
            }
        }
    }

    /// Makes sure the stored tree covers at least `size` entries (integrating if not; nothing is
    /// read when this process already integrated that far) and returns the size it covers.
    pub async fn ensure_ledger_integrated(&self, government_id: i64, size: u64) -> Result<u64> {
        let known = self.ledger_memo.tree_size(government_id);
        if known >= size {
            return Ok(known);
        }
        self.integrate_ledger(government_id).await
    }

    async fn integrate_batch(&self, government_id: i64) -> Result<(u64, bool)> {
        let mut tx = self.begin().await?;
        // The no-op update takes the row lock on PostgreSQL before the size is read.
        let row = sqlx::query(
            "UPDATE ledger_logs SET tree_size = tree_size WHERE government_id = $1 RETURNING tree_size, metadata",
        )
        .bind(government_id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let tree_size = row.try_get::<i64, _>("tree_size")? as u64;
        let meta: LogMetadata =
            serde_json::from_str(&row.try_get::<String, _>("metadata")?).map_err(bad_data)?;
        let alg = meta.hash_algorithm;
        let rows = sqlx::query(
            "SELECT idx, body, leaf_hash FROM ledger_entries WHERE government_id = $1 AND idx >= $2 ORDER BY idx LIMIT $3",
        )
        .bind(government_id)
        .bind(tree_size as i64)
        .bind(INTEGRATE_BATCH)
        .fetch_all(&mut *tx)
        .await?;
        if rows.is_empty() {
            return Ok((tree_size, true));
        }
        let edge =
            fetch_nodes_in(&mut *tx, government_id, &Appender::resume_nodes(tree_size)).await?;
        let mut appender = Appender::resume(alg, &edge, tree_size).map_err(|e| {
            StoreError::Corrupt(format!("防篡改日志的树节点缺失（树大小{tree_size}）：{e}"))
        })?;
        let mut nodes = Vec::with_capacity(rows.len() * 2 + 64);
        for (offset, r) in rows.iter().enumerate() {
            let expected = tree_size + offset as u64;
            let idx = r.try_get::<i64, _>("idx")? as u64;
            if idx != expected {
                return Err(StoreError::Corrupt(format!(
                    "防篡改日志第{expected}条缺失，无法并入树"
                )));
            }
            let body: String = r.try_get("body")?;
            let recorded: String = r.try_get("leaf_hash")?;
            let leaf = alg.leaf_hash(body.as_bytes());
            if leaf.to_hex() != recorded {
                return Err(StoreError::Corrupt(format!(
                    "防篡改日志第{idx}条的内容与写入时的叶哈希不符，拒绝并入树"
                )));
            }
            appender.append_leaf_hash_into(leaf, &mut nodes);
        }
        insert_nodes_in_tx(&mut tx, government_id, &nodes).await?;
        let new_size = appender.size();
        sqlx::query("UPDATE ledger_logs SET tree_size = $2 WHERE government_id = $1")
            .bind(government_id)
            .bind(new_size as i64)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok((new_size, (rows.len() as i64) < INTEGRATE_BATCH))
    }

    /// The root of a government's tree at `size` entries, from O(log n) stored nodes (the tree
    /// is integrated that far first if it is not yet).
    pub async fn ledger_root(
        &self,
        government_id: i64,
        alg: HashAlgorithm,
        size: u64,
    ) -> Result<Hash> {
        self.ensure_ledger_integrated(government_id, size).await?;
        let nodes = self
            .ledger_nodes(government_id, &merkle::root_nodes(size))
            .await?;
        merkle::root(alg, &nodes, size).map_err(bad_data)
    }

    /// Entries `[start, end)` with their recorded leaf hashes.
    pub async fn ledger_stored_entries(
        &self,
        government_id: i64,
        start: u64,
        end: u64,
    ) -> Result<Vec<StoredEntry>> {
        let rows = sqlx::query(
            "SELECT idx, body, leaf_hash FROM ledger_entries WHERE government_id = $1 AND idx >= $2 AND idx < $3 ORDER BY idx",
        )
        .bind(government_id)
        .bind(start as i64)
        .bind(end as i64)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let canonical: String = r.try_get("body")?;
                let leaf: String = r.try_get("leaf_hash")?;
                let idx: i64 = r.try_get("idx")?;
                let entry = Entry::from_canonical_bytes(canonical.as_bytes())
                    .map_err(|e| bad_data(format!("第{idx}条：{e}")))?;
                Ok(StoredEntry {
                    entry,
                    canonical,
                    leaf_hash: Hash::from_hex(&leaf).ok(),
                })
            })
            .collect()
    }

    /// Every signed tree head of a government, oldest first.
    pub async fn tree_heads(&self, government_id: i64) -> Result<Vec<SignedTreeHead>> {
        let rows: Vec<String> = sqlx::query_scalar(
            "SELECT head FROM ledger_tree_heads WHERE government_id = $1 ORDER BY tree_size",
        )
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|t| serde_json::from_str(t).map_err(bad_data))
            .collect()
    }

    /// The newest signed tree head of a government.
    pub async fn latest_tree_head(&self, government_id: i64) -> Result<Option<SignedTreeHead>> {
        let row: Option<String> = sqlx::query_scalar(
            "SELECT head FROM ledger_tree_heads WHERE government_id = $1 ORDER BY tree_size DESC LIMIT 1",
        )
        .bind(government_id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|t| serde_json::from_str(&t).map_err(bad_data))
            .transpose()
    }

    /// Keeps a signed tree head. A head for a size already signed is kept once (the first wins).
    pub async fn insert_tree_head(
        &self,
        government_id: i64,
        head: &SignedTreeHead,
    ) -> Result<bool> {
        let text = serde_json::to_string(head).map_err(bad_data)?;
        let n = sqlx::query(
            "INSERT INTO ledger_tree_heads (government_id, tree_size, timestamp_ms, root_hash, head) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (government_id, tree_size) DO NOTHING",
        )
        .bind(government_id)
        .bind(head.tree_size as i64)
        .bind(head.timestamp_ms as i64)
        .bind(head.root_hash.to_hex())
        .bind(text)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(n == 1)
    }

    /// Ledger entries of a record (any government), oldest first: (government, entry).
    pub async fn ledger_entries_of_record(
        &self,
        government_id: i64,
        record_type: &str,
        record_id: &str,
    ) -> Result<Vec<StoredEntry>> {
        let rows = sqlx::query(
            "SELECT idx, body, leaf_hash FROM ledger_entries WHERE government_id = $1 AND record_type = $2 AND record_id = $3 ORDER BY idx",
        )
        .bind(government_id)
        .bind(record_type)
        .bind(record_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let canonical: String = r.try_get("body")?;
                let leaf: String = r.try_get("leaf_hash")?;
                let entry = Entry::from_canonical_bytes(canonical.as_bytes()).map_err(bad_data)?;
                Ok(StoredEntry {
                    entry,
                    canonical,
                    leaf_hash: Hash::from_hex(&leaf).ok(),
                })
            })
            .collect()
    }
}

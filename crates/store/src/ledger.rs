//! The tamper-evident log in the database: log metadata, the nodes of complete perfect subtrees,
//! signed tree heads, and the reads behind proofs. The tree itself is the `ledger` crate's; this
//! module only stores and fetches what it asks for (O(log n) rows per proof).

use std::collections::HashMap;

use ledger::merkle::{self, NodeId, StoredNode};
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

/// Appends one entry to a government's tree inside `tx`: reads the left siblings it completes,
/// writes the leaf and the new perfect subtrees. Returns the leaf hash.
pub(crate) async fn append_in_tx(
    tx: &mut Transaction<'static, Any>,
    government_id: i64,
    alg: HashAlgorithm,
    entry: &Entry,
) -> Result<Hash> {
    let leaf = entry.leaf_hash(alg).map_err(bad_data)?;
    let reads = merkle::append_reads(entry.idx);
    let known = fetch_nodes_in(&mut **tx, government_id, &reads).await?;
    let nodes = merkle::append_nodes(alg, &known, entry.idx, leaf).map_err(bad_data)?;
    // All new nodes in one statement (usually two rows; at most 1 + log2 n).
    let placeholders: Vec<String> = (0..nodes.len())
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
    for StoredNode { level, index, hash } in &nodes {
        q = q
            .bind(government_id)
            .bind(i64::from(*level))
            .bind(*index as i64)
            .bind(hash.to_hex());
    }
    q.execute(&mut **tx).await?;
    Ok(leaf)
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

    /// The root of a government's tree at `size` entries, from O(log n) stored nodes.
    pub async fn ledger_root(
        &self,
        government_id: i64,
        alg: HashAlgorithm,
        size: u64,
    ) -> Result<Hash> {
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

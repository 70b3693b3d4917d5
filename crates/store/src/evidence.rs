//! Evidence files, stored content-addressed. Attaching a file to a record is a change of state:
//! one ledger entry whose content names the file's hash, in the same transaction as the bytes.

use sqlx::Row;

use crate::tx::WriteTx;
use crate::{Result, Store, StoreError};

/// The ledger event of an attachment. It adds to a record's file; it is not a new state of the
/// record, so verification does not compare it with the record's row.
pub const ATTACH_EVENT: &str = "attach_evidence";

/// Largest evidence file accepted (a few minutes of enforcement video).
pub const MAX_EVIDENCE_BYTES: usize = 200 * 1024 * 1024;

/// An attachment of a file to a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceLink {
    /// Id within the government.
    pub id: i64,
    /// Record type, e.g. `penalty_case`.
    pub record_type: String,
    /// Record id.
    pub record_id: String,
    /// Lowercase hex hash of the bytes (the log's algorithm).
    pub content_hash: String,
    /// File name as uploaded.
    pub file_name: String,
    /// The ledger entry that attached it.
    pub ledger_idx: i64,
    /// When (unix ms).
    pub created_at: i64,
}

/// A stored file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceFile {
    /// Lowercase hex hash of the bytes.
    pub content_hash: String,
    /// Media type, e.g. `image/jpeg`.
    pub media_type: String,
    /// The bytes.
    pub content: Vec<u8>,
}

impl WriteTx {
    /// Stores a file (once per content) and attaches it to a record with a ledger entry whose
    /// content carries the file's hash, name, size and media type. Returns the hash.
    pub async fn attach_evidence(
        &mut self,
        record_type: &str,
        record_id: &str,
        file_name: &str,
        media_type: &str,
        bytes: &[u8],
    ) -> Result<String> {
        if bytes.len() > MAX_EVIDENCE_BYTES {
            return Err(StoreError::Conflict(format!(
                "证据文件超过{}MB",
                MAX_EVIDENCE_BYTES / 1024 / 1024
            )));
        }
        let alg = self.hash_algorithm_in_tx().await?;
        let hash = alg.content_hash(bytes).to_hex();
        let exists: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM evidence_files WHERE government_id = $1 AND content_hash = $2",
        )
        .bind(self.government_id())
        .bind(&hash)
        .fetch_one(&mut *self.tx)
        .await?;
        if exists == 0 {
            sqlx::query(
                "INSERT INTO evidence_files (government_id, content_hash, size_bytes, media_type, content, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(self.government_id())
            .bind(&hash)
            .bind(bytes.len() as i64)
            .bind(media_type)
            .bind(bytes.to_vec())
            .bind(self.now_ms())
            .execute(&mut *self.tx)
            .await?;
        }
        let content = serde_json::json!({
            "file_name": file_name, "media_type": media_type, "size_bytes": bytes.len(),
            "content_hash": hash, "hash_algorithm": alg.to_string(),
        });
        let idx = self
            .record(record_type, record_id, ATTACH_EVENT, &content)
            .await?;
        let id = self.next_id("evidence_links").await?;
        sqlx::query(
            "INSERT INTO evidence_links (government_id, id, record_type, record_id, content_hash, file_name, ledger_idx, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(record_type)
        .bind(record_id)
        .bind(&hash)
        .bind(file_name)
        .bind(idx)
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        Ok(hash)
    }
}

impl Store {
    /// The files attached to a record, oldest first.
    pub async fn evidence_of(
        &self,
        government_id: i64,
        record_type: &str,
        record_id: &str,
    ) -> Result<Vec<EvidenceLink>> {
        let rows = sqlx::query(
            "SELECT id, record_type, record_id, content_hash, file_name, ledger_idx, created_at FROM evidence_links
             WHERE government_id = $1 AND record_type = $2 AND record_id = $3 ORDER BY id",
        )
        .bind(government_id)
        .bind(record_type)
        .bind(record_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(EvidenceLink {
                    id: r.try_get("id")?,
                    record_type: r.try_get("record_type")?,
                    record_id: r.try_get("record_id")?,
                    content_hash: r.try_get("content_hash")?,
                    file_name: r.try_get("file_name")?,
                    ledger_idx: r.try_get("ledger_idx")?,
                    created_at: r.try_get("created_at")?,
                })
            })
            .collect()
    }

    /// The ledger positions of the entries that attached a file with this hash.
    pub async fn evidence_entries(
        &self,
        government_id: i64,
        content_hash: &str,
    ) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar("SELECT ledger_idx FROM evidence_links WHERE government_id = $1 AND content_hash = $2 ORDER BY ledger_idx")
            .bind(government_id)
            .bind(content_hash)
            .fetch_all(&self.pool)
            .await?)
    }

    /// A stored file by its hash.
    pub async fn evidence_file(
        &self,
        government_id: i64,
        content_hash: &str,
    ) -> Result<EvidenceFile> {
        let r = sqlx::query("SELECT content_hash, media_type, content FROM evidence_files WHERE government_id = $1 AND content_hash = $2")
            .bind(government_id)
            .bind(content_hash)
            .fetch_one(&self.pool)
            .await?;
        Ok(EvidenceFile {
            content_hash: r.try_get("content_hash")?,
            media_type: r.try_get("media_type")?,
            content: r.try_get("content")?,
        })
    }
}

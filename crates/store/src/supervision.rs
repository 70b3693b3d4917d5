//! What case-file reviews and random inspections share: the seed of a draw, which nobody picks,
//! and the current content of every supervision record for `ledger verify`.
//!
//! The seed of a draw is derived from public, already-signed data: the government's latest
//! signed tree head (its size and root hash, published at `/api/v1/ledger/{government}/tree-heads`)
//! and the time of the draw, hashed with the log's own algorithm. The derivation inputs, the seed,
//! the population drawn from and the sample are written in the draw's ledger entry in the same
//! transaction as the sample, so anyone can recompute the seed and rerun
//! `domain::enforcement::supervision::draw_case_files` or `draw_random_inspection` and get the
//! same sample. A draw cannot be deleted; drawing again makes a new, visible entry.

use std::collections::BTreeMap;

use sqlx::Row;

use crate::tx::WriteTx;
use crate::{Result, Store};

/// Version tag of the seed derivation (part of the hashed text, so it can change only visibly).
pub const SEED_DERIVATION: &str = "fazhi-draw-v1";

/// Where a draw's seed came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedSource {
    /// What was drawn, e.g. `case_review_round:3` or `inspection_plan:7`.
    pub purpose: String,
    /// Size of the latest signed tree head at the time of the draw (0 if none yet).
    pub tree_size: i64,
    /// Its root hash, lowercase hex (empty if none yet).
    pub root_hash: String,
    /// Time of the draw, unix ms.
    pub at: i64,
    /// Hash algorithm of the log (`sm3` or `sha256`).
    pub algorithm: String,
}

impl SeedSource {
    /// The text that is hashed.
    pub fn preimage(&self, government_id: i64) -> String {
        format!(
            "{SEED_DERIVATION}|{government_id}|{}|{}|{}|{}",
            self.purpose, self.tree_size, self.root_hash, self.at
        )
    }

    /// The seed: the first eight bytes (big-endian) of the hash of [`SeedSource::preimage`].
    pub fn seed(&self, government_id: i64, alg: ledger::HashAlgorithm) -> u64 {
        let hash = alg.digest(&[self.preimage(government_id).as_bytes()]);
        let hex = hash.to_hex();
        u64::from_str_radix(&hex[..16], 16).unwrap_or(0)
    }

    /// As recorded in the ledger and stored beside the draw.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "derivation": SEED_DERIVATION,
            "purpose": self.purpose,
            "tree_size": self.tree_size,
            "root_hash": self.root_hash,
            "at": self.at,
            "algorithm": self.algorithm,
        })
    }

    /// Reads the stored form back.
    pub fn from_json(v: &serde_json::Value) -> SeedSource {
        SeedSource {
            purpose: v["purpose"].as_str().unwrap_or_default().to_owned(),
            tree_size: v["tree_size"].as_i64().unwrap_or(0),
            root_hash: v["root_hash"].as_str().unwrap_or_default().to_owned(),
            at: v["at"].as_i64().unwrap_or(0),
            algorithm: v["algorithm"].as_str().unwrap_or_default().to_owned(),
        }
    }
}

impl WriteTx {
    /// The seed of a draw made now for `purpose`, and its source (read in this transaction).
    pub async fn draw_seed(&mut self, purpose: &str) -> Result<(u64, SeedSource)> {
        let alg = self.hash_algorithm_in_tx().await?;
        let row = sqlx::query(
            "SELECT tree_size, root_hash FROM ledger_tree_heads WHERE government_id = $1
             ORDER BY tree_size DESC LIMIT 1",
        )
        .bind(self.government_id())
        .fetch_optional(&mut *self.tx)
        .await?;
        let (tree_size, root_hash) = match row {
            Some(r) => (r.try_get("tree_size")?, r.try_get("root_hash")?),
            None => (0, String::new()),
        };
        let source = SeedSource {
            purpose: purpose.to_owned(),
            tree_size,
            root_hash,
            at: self.now_ms(),
            algorithm: alg.name().to_owned(),
        };
        Ok((source.seed(self.government_id(), alg), source))
    }
}

/// Ledger record types of supervision records whose current state `ledger verify` compares with
/// their last entry.
pub const RECORD_TYPES: &[&str] = &[
    crate::case_reviews::ROUND_RECORD_TYPE,
    crate::case_reviews::FILE_RECORD_TYPE,
    crate::case_reviews::RECTIFICATION_RECORD_TYPE,
    crate::inspections::TARGET_RECORD_TYPE,
    crate::inspections::PLAN_RECORD_TYPE,
    crate::inspections::INSPECTION_RECORD_TYPE,
    crate::letters::LETTER_RECORD_TYPE,
];

/// A supervision record as it is now: what its last ledger entry must say, and whether it must
/// have one (a drawn file has none until it is scored; the round's entry lists it).
#[derive(Debug, Clone, PartialEq)]
pub struct CurrentRecord {
    /// The content its last entry must carry.
    pub content: serde_json::Value,
    /// Whether the record must appear in the log.
    pub must_be_logged: bool,
    /// A Chinese description for messages.
    pub title: String,
}

impl Store {
    /// The current content of every supervision record of a government, by (record type, id).
    pub async fn supervision_records(
        &self,
        government_id: i64,
    ) -> Result<BTreeMap<(String, String), CurrentRecord>> {
        let mut out = BTreeMap::new();
        let mut put = |t: &str, id: String, content: serde_json::Value, logged: bool, title| {
            out.insert(
                (t.to_owned(), id),
                CurrentRecord {
                    content,
                    must_be_logged: logged,
                    title,
                },
            );
        };
        for r in self.all_case_review_rounds(government_id).await? {
            put(
                crate::case_reviews::ROUND_RECORD_TYPE,
                r.id.to_string(),
                r.ledger_content(),
                true,
                format!("案卷评查 {}", r.title),
            );
        }
        for f in self.all_case_review_files(government_id).await? {
            put(
                crate::case_reviews::FILE_RECORD_TYPE,
                f.record_id(),
                f.ledger_content(),
                f.scores.is_some(),
                format!("评查案卷 {}", f.case_number),
            );
        }
        for r in self
            .rectifications(government_id, &Default::default())
            .await?
        {
            put(
                crate::case_reviews::RECTIFICATION_RECORD_TYPE,
                r.id.to_string(),
                r.ledger_content(),
                true,
                format!("整改 {}", r.id),
            );
        }
        for t in self.all_inspection_targets(government_id).await? {
            put(
                crate::inspections::TARGET_RECORD_TYPE,
                t.id.to_string(),
                t.ledger_content(),
                true,
                format!("检查对象 {}", t.name),
            );
        }
        for p in self.all_inspection_plans(government_id).await? {
            put(
                crate::inspections::PLAN_RECORD_TYPE,
                p.id.to_string(),
                p.ledger_content(),
                true,
                format!("抽查计划 {}", p.title),
            );
        }
        for i in self.all_inspections(government_id).await? {
            put(
                crate::inspections::INSPECTION_RECORD_TYPE,
                i.inspection.id.to_string(),
                i.ledger_content(),
                true,
                format!("行政检查 {}", i.inspection.id),
            );
        }
        for l in self.all_letters(government_id).await? {
            put(
                crate::letters::LETTER_RECORD_TYPE,
                l.id.to_string(),
                l.ledger_content(),
                true,
                format!("函件 {}", l.letter_number),
            );
        }
        Ok(out)
    }
}

/// A `LIKE` pattern that matches `q` anywhere, with `%`, `_` and `\` escaped.
pub(crate) fn like_pattern(q: &str) -> String {
    let escaped: String = q
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    format!("%{escaped}%")
}

/// A comma-separated list of integer ids for an `IN (…)` clause (ids are integers, not user text).
pub(crate) fn id_list(ids: &[i64]) -> String {
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

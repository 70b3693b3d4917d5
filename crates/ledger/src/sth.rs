//! Signed tree heads and the byte encoding that is signed (tree-head format version 1).
//!
//! # What is signed (version 1)
//!
//! | bytes | content |
//! |---|---|
//! | 16 | ASCII `fazhi-ledger-sth` (domain separation: these bytes mean nothing else) |
//! | 1 | format version, `0x01` |
//! | 1 | hash algorithm: `0x01` SM3, `0x02` SHA-256 |
//! | 1 | signature algorithm: `0x01` SM2, `0x02` Ed25519 |
//! | 2 | length `L` of the log id in bytes, big-endian |
//! | L | log id, UTF-8 |
//! | 8 | tree size, big-endian |
//! | 8 | timestamp, Unix milliseconds UTC, big-endian |
//! | 32 | root hash |
//!
//! All fields have fixed width or an explicit length, so no two tree heads share an encoding.
//! The algorithms are signed so that a head cannot be replayed under another algorithm.
//!
//! # JSON (the API's `tree-head` response and the bundle's `tree_heads`)
//!
//! ```json
//! {"version":1,"log_id":"fazhi:gov:330102","tree_size":42,"root_hash":"<hex>",
//!  "timestamp_ms":1767225600000,"hash_algorithm":"sm3","signature_algorithm":"sm2",
//!  "signature":"<hex>"}
//! ```

use serde::{Deserialize, Serialize};

use crate::hash::{Hash, HashAlgorithm, from_hex, to_hex};
use crate::keys::{BadSignature, KeyError, PublicKey, SignatureAlgorithm, SigningKey};
use crate::log::LogMetadata;

/// The tree-head format version this crate writes and reads.
pub const TREE_HEAD_FORMAT_VERSION: u8 = 1;

/// Domain-separation prefix of the signed bytes.
pub const TREE_HEAD_DOMAIN: &[u8; 16] = b"fazhi-ledger-sth";

/// A signed tree head: the log's commitment to its first `tree_size` entries at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedTreeHead {
    /// Format version ([`TREE_HEAD_FORMAT_VERSION`]).
    pub version: u8,
    /// The log's id ([`LogMetadata::log_id`]).
    pub log_id: String,
    /// Number of entries covered.
    pub tree_size: u64,
    /// RFC 9162 root hash of those entries.
    pub root_hash: Hash,
    /// When the head was signed, Unix milliseconds UTC.
    pub timestamp_ms: u64,
    /// The log's hash algorithm.
    pub hash_algorithm: HashAlgorithm,
    /// The signature's algorithm.
    pub signature_algorithm: SignatureAlgorithm,
    /// Signature over [`SignedTreeHead::signed_bytes`], lowercase hex in JSON.
    #[serde(with = "hex_bytes")]
    pub signature: Vec<u8>,
}

/// Why a tree head was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SthError {
    /// The signature does not verify with the log's public key.
    #[error("tree head signature does not verify")]
    BadSignature,
    /// The head names another log, another algorithm or an unknown version.
    #[error("tree head does not belong to this log: {0}")]
    WrongLog(String),
    /// The signing key is not the log's key, or signing failed.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// The log id is longer than 65535 bytes.
    #[error("log id too long")]
    LogIdTooLong,
}

impl From<BadSignature> for SthError {
    fn from(_: BadSignature) -> Self {
        SthError::BadSignature
    }
}

/// The version-1 bytes that are signed (see the module docs).
pub fn tree_head_signed_bytes(
    log_id: &str,
    tree_size: u64,
    root_hash: &Hash,
    timestamp_ms: u64,
    hash_algorithm: HashAlgorithm,
    signature_algorithm: SignatureAlgorithm,
) -> Result<Vec<u8>, SthError> {
    let id = log_id.as_bytes();
    let id_len = u16::try_from(id.len()).map_err(|_| SthError::LogIdTooLong)?;
    let mut b = Vec::with_capacity(16 + 3 + 2 + id.len() + 16 + 32);
    b.extend_from_slice(TREE_HEAD_DOMAIN);
    b.push(TREE_HEAD_FORMAT_VERSION);
    b.push(hash_algorithm.code());
    b.push(signature_algorithm.code());
    b.extend_from_slice(&id_len.to_be_bytes());
    b.extend_from_slice(id);
    b.extend_from_slice(&tree_size.to_be_bytes());
    b.extend_from_slice(&timestamp_ms.to_be_bytes());
    b.extend_from_slice(&root_hash.0);
    Ok(b)
}

/// Signs the tree head of a log of `meta` at `tree_size` with root `root_hash`. Refuses a key
/// that is not the log's own, so that a misconfigured key file is caught at once.
pub fn sign_tree_head(
    meta: &LogMetadata,
    key: &SigningKey,
    tree_size: u64,
    root_hash: Hash,
    timestamp_ms: u64,
) -> Result<SignedTreeHead, SthError> {
    if key.public_key() != meta.public_key {
        return Err(SthError::WrongLog(
            "signing key is not the log's key".into(),
        ));
    }
    let bytes = tree_head_signed_bytes(
        &meta.log_id,
        tree_size,
        &root_hash,
        timestamp_ms,
        meta.hash_algorithm,
        key.algorithm(),
    )?;
    Ok(SignedTreeHead {
        version: TREE_HEAD_FORMAT_VERSION,
        log_id: meta.log_id.clone(),
        tree_size,
        root_hash,
        timestamp_ms,
        hash_algorithm: meta.hash_algorithm,
        signature_algorithm: key.algorithm(),
        signature: key.sign(&bytes)?,
    })
}

impl SignedTreeHead {
    /// The bytes the signature covers.
    pub fn signed_bytes(&self) -> Result<Vec<u8>, SthError> {
        tree_head_signed_bytes(
            &self.log_id,
            self.tree_size,
            &self.root_hash,
            self.timestamp_ms,
            self.hash_algorithm,
            self.signature_algorithm,
        )
    }

    /// Checks the signature with `key` only (for a client that has the key but no metadata).
    pub fn verify_signature(&self, key: &PublicKey) -> Result<(), SthError> {
        if self.version != TREE_HEAD_FORMAT_VERSION {
            return Err(SthError::WrongLog(format!(
                "unknown version {}",
                self.version
            )));
        }
        if self.signature_algorithm != key.algorithm() {
            return Err(SthError::WrongLog(
                "signature algorithm differs from the key's".into(),
            ));
        }
        key.verify(&self.signed_bytes()?, &self.signature)?;
        Ok(())
    }

    /// Checks that the head belongs to the log of `meta` and that its signature verifies.
    pub fn verify(&self, meta: &LogMetadata) -> Result<(), SthError> {
        if self.log_id != meta.log_id {
            return Err(SthError::WrongLog(format!("log id {:?}", self.log_id)));
        }
        if self.hash_algorithm != meta.hash_algorithm {
            return Err(SthError::WrongLog(format!(
                "hash algorithm {}",
                self.hash_algorithm
            )));
        }
        self.verify_signature(&meta.public_key)
    }
}

/// Serde helper: bytes as lowercase hex.
pub(crate) mod hex_bytes {
    use super::{from_hex, to_hex};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(b: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&to_hex(b))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let s = String::deserialize(d)?;
        from_hex(&s).map_err(serde::de::Error::custom)
    }
}

//! A log's metadata: its identity, its algorithms and its public key, fixed at creation.

use serde::{Deserialize, Serialize};

use crate::hash::HashAlgorithm;
use crate::keys::{KeyError, PublicKey, SignatureAlgorithm, SigningKey};

/// What identifies a log and how to check it. Created once per government with
/// [`create_log`]; none of it changes afterwards (a new key would need a new log in this
/// version).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogMetadata {
    /// Stable identifier of the log, signed into every tree head, e.g. `fazhi:gov:330102`
    /// (the store chooses it; it must never be reused for another log).
    pub log_id: String,
    /// Human-readable name of the government, e.g. `杭州市上城区人民政府`.
    pub government: String,
    /// Hash algorithm of leaves and nodes.
    pub hash_algorithm: HashAlgorithm,
    /// Signature algorithm of tree heads.
    pub signature_algorithm: SignatureAlgorithm,
    /// Public key that verifies the tree heads (text form, see [`crate::keys`]).
    pub public_key: PublicKey,
    /// When the log was created, Unix milliseconds UTC.
    pub created_at_ms: u64,
}

impl LogMetadata {
    /// Metadata for a log whose tree heads `key` signs.
    pub fn new(
        log_id: impl Into<String>,
        government: impl Into<String>,
        hash_algorithm: HashAlgorithm,
        public_key: PublicKey,
        created_at_ms: u64,
    ) -> LogMetadata {
        LogMetadata {
            log_id: log_id.into(),
            government: government.into(),
            hash_algorithm,
            signature_algorithm: public_key.algorithm(),
            public_key,
            created_at_ms,
        }
    }
}

/// Creates a new log: generates its signing key from OS randomness and returns the metadata to
/// store with the key to keep secret (write [`SigningKey::to_text`] to a file with mode 0600).
/// Defaults for a government are SM3 and SM2.
pub fn create_log(
    log_id: impl Into<String>,
    government: impl Into<String>,
    hash_algorithm: HashAlgorithm,
    signature_algorithm: SignatureAlgorithm,
    created_at_ms: u64,
) -> Result<(LogMetadata, SigningKey), KeyError> {
    let key = SigningKey::generate(signature_algorithm)?;
    let meta = LogMetadata::new(
        log_id,
        government,
        hash_algorithm,
        key.public_key(),
        created_at_ms,
    );
    Ok((meta, key))
}

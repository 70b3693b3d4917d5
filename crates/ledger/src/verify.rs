//! The log verifier: recomputes every leaf from the entries, rebuilds the tree and checks every
//! signed tree head against it, naming the first entry that does not fit.
//!
//! Entries are streamed ([`LogVerifier::push_entry`]), so memory stays O(log n) whatever the
//! log's size. Every head's root is recomputed from the one sequence of leaves, so heads that
//! pass are pairwise consistent: this is exactly what an RFC 9162 consistency proof between them
//! would establish, without needing the proof.

use crate::entry::Entry;
use crate::hash::{Hash, HashAlgorithm};
use crate::keys::PublicKey;
use crate::log::LogMetadata;
use crate::merkle::Appender;
use crate::sth::{SignedTreeHead, SthError};

/// The outcome of a successful verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    /// The log's id.
    pub log_id: String,
    /// The log's hash algorithm.
    pub hash_algorithm: HashAlgorithm,
    /// The public key the heads were checked with (compare it with the one on the portal).
    pub public_key: PublicKey,
    /// Number of entries checked.
    pub entries: u64,
    /// Number of tree heads checked.
    pub tree_heads: usize,
    /// Size and root of the latest tree head, if any.
    pub latest_tree_head: Option<(u64, Hash)>,
    /// Root of all entries (equal to the latest head's root when it covers every entry).
    pub root_hash: Hash,
    /// Entries after the latest tree head: recomputed but not yet covered by a signature.
    pub unsigned_entries: u64,
}

/// The first inconsistency found. [`VerifyError::first_bad_entry`] names the entry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    /// The entry at this position records another position: an entry before it was deleted,
    /// or entries were reordered.
    #[error("entry {index}: records position {found} (an entry is missing or out of order)")]
    EntryPosition {
        /// Position in the sequence given.
        index: u64,
        /// The `idx` the entry records.
        found: u64,
    },
    /// The entry cannot be read or has no canonical form.
    #[error("entry {index}: {reason}")]
    EntryMalformed {
        /// Position of the entry.
        index: u64,
        /// What is wrong.
        reason: String,
    },
    /// The entry's recomputed leaf hash differs from the stored leaf hash: its content changed.
    #[error("entry {index}: leaf hash {computed} differs from the recorded {recorded}")]
    LeafMismatch {
        /// Position of the entry.
        index: u64,
        /// Leaf hash recorded in the store or bundle.
        recorded: Hash,
        /// Leaf hash recomputed from the entry.
        computed: Hash,
    },
    /// A tree head's signature or log identity is wrong (a forged or foreign head).
    #[error("tree head {head} (size {tree_size}): {reason}")]
    TreeHeadRejected {
        /// Position of the head in the list given.
        head: usize,
        /// Its tree size.
        tree_size: u64,
        /// Why it was rejected.
        reason: String,
    },
    /// A tree head's size or time goes backwards.
    #[error("tree head {head} (size {tree_size}): {reason}")]
    TreeHeadOrder {
        /// Position of the head.
        head: usize,
        /// Its tree size.
        tree_size: u64,
        /// What goes backwards.
        reason: String,
    },
    /// The entries do not reproduce a signed root. Some entry in
    /// `first_entry..tree_size` was changed (the heads before vouch for the ones before).
    #[error(
        "tree head {head} (size {tree_size}): signed root {signed} but the entries give \
         {computed}; the first changed entry is at or after entry {first_entry}"
    )]
    RootMismatch {
        /// Position of the head.
        head: usize,
        /// Its tree size.
        tree_size: u64,
        /// Root in the signed head.
        signed: Hash,
        /// Root recomputed from the entries.
        computed: Hash,
        /// First entry not vouched for by an earlier verified head.
        first_entry: u64,
    },
    /// A signed head covers more entries than were given: entries from `first_missing` on
    /// were deleted.
    #[error("tree head {head} covers {tree_size} entries but only {first_missing} were given")]
    MissingEntries {
        /// Position of the head.
        head: usize,
        /// Its tree size.
        tree_size: u64,
        /// Number of entries given, i.e. the first missing entry.
        first_missing: u64,
    },
}

impl VerifyError {
    /// The index of the first entry found (or, for a root mismatch, bounded) to be bad, if the
    /// error concerns entries rather than a tree head alone.
    pub fn first_bad_entry(&self) -> Option<u64> {
        match self {
            VerifyError::EntryPosition { index, .. }
            | VerifyError::EntryMalformed { index, .. }
            | VerifyError::LeafMismatch { index, .. } => Some(*index),
            VerifyError::RootMismatch { first_entry, .. } => Some(*first_entry),
            VerifyError::MissingEntries { first_missing, .. } => Some(*first_missing),
            VerifyError::TreeHeadRejected { .. } | VerifyError::TreeHeadOrder { .. } => None,
        }
    }
}

/// Streaming verifier of one log. Create it with the log's metadata and tree heads, push every
/// entry in order, then [`LogVerifier::finish`].
#[derive(Debug)]
pub struct LogVerifier {
    meta: LogMetadata,
    heads: Vec<SignedTreeHead>,
    next_head: usize,
    verified_size: u64,
    appender: Appender,
}

impl LogVerifier {
    /// Checks every head's signature and order up front, so a forged head is named before
    /// any entry is read.
    pub fn new(meta: &LogMetadata, heads: Vec<SignedTreeHead>) -> Result<LogVerifier, VerifyError> {
        for (i, head) in heads.iter().enumerate() {
            head.verify(meta)
                .map_err(|e: SthError| VerifyError::TreeHeadRejected {
                    head: i,
                    tree_size: head.tree_size,
                    reason: e.to_string(),
                })?;
            if i > 0 {
                let prev = &heads[i - 1];
                let reason = if head.tree_size < prev.tree_size {
                    Some("tree size is smaller than the previous head's")
                } else if head.timestamp_ms < prev.timestamp_ms {
                    Some("timestamp is earlier than the previous head's")
                } else {
                    None
                };
                if let Some(reason) = reason {
                    return Err(VerifyError::TreeHeadOrder {
                        head: i,
                        tree_size: head.tree_size,
                        reason: reason.into(),
                    });
                }
            }
        }
        let mut v = LogVerifier {
            meta: meta.clone(),
            heads,
            next_head: 0,
            verified_size: 0,
            appender: Appender::new(meta.hash_algorithm),
        };
        v.check_heads()?;
        Ok(v)
    }

    /// Number of entries pushed so far.
    pub fn size(&self) -> u64 {
        self.appender.size()
    }

    /// Pushes the next entry, with the leaf hash the store recorded for it if available (which
    /// lets a changed entry be named exactly rather than bounded by tree heads).
    pub fn push_entry(
        &mut self,
        entry: &Entry,
        recorded_leaf: Option<&Hash>,
    ) -> Result<(), VerifyError> {
        let index = self.appender.size();
        if entry.idx != index {
            return Err(VerifyError::EntryPosition {
                index,
                found: entry.idx,
            });
        }
        let computed =
            entry
                .leaf_hash(self.meta.hash_algorithm)
                .map_err(|e| VerifyError::EntryMalformed {
                    index,
                    reason: e.to_string(),
                })?;
        self.push_leaf(index, computed, recorded_leaf)
    }

    /// Pushes the next entry as canonical bytes (as stored), refusing non-canonical bytes.
    pub fn push_canonical(
        &mut self,
        bytes: &[u8],
        recorded_leaf: Option<&Hash>,
    ) -> Result<(), VerifyError> {
        let index = self.appender.size();
        let entry =
            Entry::from_canonical_bytes(bytes).map_err(|e| VerifyError::EntryMalformed {
                index,
                reason: e.to_string(),
            })?;
        self.push_entry(&entry, recorded_leaf)
    }

    fn push_leaf(
        &mut self,
        index: u64,
        computed: Hash,
        recorded: Option<&Hash>,
    ) -> Result<(), VerifyError> {
        if let Some(recorded) = recorded
            && *recorded != computed
        {
            return Err(VerifyError::LeafMismatch {
                index,
                recorded: *recorded,
                computed,
            });
        }
        self.appender.append_leaf_hash(computed);
        self.check_heads()
    }

    /// Checks every head whose size the tree has just reached.
    fn check_heads(&mut self) -> Result<(), VerifyError> {
        let size = self.appender.size();
        while let Some(head) = self.heads.get(self.next_head) {
            if head.tree_size != size {
                break;
            }
            let computed = self.appender.root();
            if computed != head.root_hash {
                return Err(VerifyError::RootMismatch {
                    head: self.next_head,
                    tree_size: size,
                    signed: head.root_hash,
                    computed,
                    first_entry: self.verified_size,
                });
            }
            self.verified_size = size;
            self.next_head += 1;
        }
        Ok(())
    }

    /// Ends the verification: every head must have been reached.
    pub fn finish(self) -> Result<VerifyReport, VerifyError> {
        let size = self.appender.size();
        if let Some(head) = self.heads.get(self.next_head) {
            return Err(VerifyError::MissingEntries {
                head: self.next_head,
                tree_size: head.tree_size,
                first_missing: size,
            });
        }
        let latest = self.heads.last().map(|h| (h.tree_size, h.root_hash));
        Ok(VerifyReport {
            log_id: self.meta.log_id.clone(),
            hash_algorithm: self.meta.hash_algorithm,
            public_key: self.meta.public_key.clone(),
            entries: size,
            tree_heads: self.heads.len(),
            latest_tree_head: latest,
            root_hash: self.appender.root(),
            unsigned_entries: size - latest.map_or(0, |(s, _)| s),
        })
    }
}

/// Verifies a whole log: `entries` in order (with the store's recorded leaf hashes when
/// available) against the signed `heads`.
pub fn verify_log<'a>(
    meta: &LogMetadata,
    heads: Vec<SignedTreeHead>,
    entries: impl IntoIterator<Item = (&'a Entry, Option<&'a Hash>)>,
) -> Result<VerifyReport, VerifyError> {
    let mut v = LogVerifier::new(meta, heads)?;
    for (entry, leaf) in entries {
        v.push_entry(entry, leaf)?;
    }
    v.finish()
}

/// Checks that tree head `newer` extends `older` with an RFC 9162 consistency proof generated
/// from stored nodes (the store runs this before publishing a new head; O(log n) reads).
/// Both heads must already have verified signatures.
pub fn check_consistency<R: crate::merkle::NodeReader + ?Sized>(
    reader: &R,
    older: &SignedTreeHead,
    newer: &SignedTreeHead,
) -> Result<(), crate::merkle::ProofError> {
    let alg = newer.hash_algorithm;
    let proof = crate::merkle::consistency_proof(alg, reader, older.tree_size, newer.tree_size)?;
    crate::merkle::verify_consistency(
        alg,
        older.tree_size,
        newer.tree_size,
        &older.root_hash,
        &newer.root_hash,
        &proof,
    )
}

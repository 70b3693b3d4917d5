//! JSON shapes of the ledger API (`/api/v1/ledger/{government}/…`). Hashes are lowercase hex
//! and every response names the hash algorithm, so a client can check proofs on its own.
//!
//! | route | response |
//! |---|---|
//! | `GET …/tree-head` | [`TreeHeadResponse`] (a [`SignedTreeHead`]) |
//! | `GET …/tree-heads` | [`TreeHeadsResponse`] |
//! | `GET …/entries?start=&end=` | [`EntriesResponse`] |
//! | `GET …/proof/inclusion?index=&tree_size=` | [`InclusionProofResponse`] |
//! | `GET …/proof/consistency?first=&second=` | [`ConsistencyProofResponse`] |

use serde::{Deserialize, Serialize};

use crate::entry::Entry;
use crate::hash::{Hash, HashAlgorithm};
use crate::log::LogMetadata;
use crate::merkle::{self, NodeReader, ProofError};
use crate::sth::SignedTreeHead;

/// `GET …/tree-head`: the latest signed tree head (it names its hash algorithm).
pub type TreeHeadResponse = SignedTreeHead;

/// `GET …/tree-heads`: all signed tree heads, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeHeadsResponse {
    /// The log's id.
    pub log_id: String,
    /// The log's hash algorithm.
    pub hash_algorithm: HashAlgorithm,
    /// The heads.
    pub tree_heads: Vec<SignedTreeHead>,
}

/// One entry with its position and leaf hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntryItem {
    /// Position in the log.
    pub index: u64,
    /// RFC 9162 leaf hash of the entry's canonical bytes.
    pub leaf_hash: Hash,
    /// The entry.
    pub entry: Entry,
}

/// `GET …/entries?start=&end=`: entries `start..end`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntriesResponse {
    /// The log's id.
    pub log_id: String,
    /// The log's hash algorithm.
    pub hash_algorithm: HashAlgorithm,
    /// First index returned.
    pub start: u64,
    /// One past the last index returned.
    pub end: u64,
    /// The entries.
    pub entries: Vec<EntryItem>,
}

/// `GET …/proof/inclusion?index=&tree_size=`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InclusionProofResponse {
    /// The log's id.
    pub log_id: String,
    /// The log's hash algorithm.
    pub hash_algorithm: HashAlgorithm,
    /// The leaf's index.
    pub leaf_index: u64,
    /// The tree size the proof is for.
    pub tree_size: u64,
    /// The leaf hash.
    pub leaf_hash: Hash,
    /// RFC 9162 inclusion path, leaf first.
    pub inclusion_path: Vec<Hash>,
}

impl InclusionProofResponse {
    /// Builds the response from stored nodes (`2·log2(tree_size)` reads at most).
    pub fn build<R: NodeReader + ?Sized>(
        meta: &LogMetadata,
        reader: &R,
        leaf_index: u64,
        tree_size: u64,
    ) -> Result<Self, ProofError> {
        let inclusion_path =
            merkle::inclusion_proof(meta.hash_algorithm, reader, leaf_index, tree_size)?;
        Ok(InclusionProofResponse {
            log_id: meta.log_id.clone(),
            hash_algorithm: meta.hash_algorithm,
            leaf_index,
            tree_size,
            leaf_hash: reader.node(0, leaf_index)?,
            inclusion_path,
        })
    }

    /// Checks the proof against a root (from a verified tree head of size `tree_size`).
    pub fn verify(&self, root: &Hash) -> Result<(), ProofError> {
        merkle::verify_inclusion(
            self.hash_algorithm,
            self.leaf_index,
            self.tree_size,
            &self.leaf_hash,
            &self.inclusion_path,
            root,
        )
    }
}

/// `GET …/proof/consistency?first=&second=`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsistencyProofResponse {
    /// The log's id.
    pub log_id: String,
    /// The log's hash algorithm.
    pub hash_algorithm: HashAlgorithm,
    /// The older tree size.
    pub first: u64,
    /// The newer tree size.
    pub second: u64,
    /// RFC 9162 consistency proof.
    pub consistency_path: Vec<Hash>,
}

impl ConsistencyProofResponse {
    /// Builds the response from stored nodes.
    pub fn build<R: NodeReader + ?Sized>(
        meta: &LogMetadata,
        reader: &R,
        first: u64,
        second: u64,
    ) -> Result<Self, ProofError> {
        Ok(ConsistencyProofResponse {
            log_id: meta.log_id.clone(),
            hash_algorithm: meta.hash_algorithm,
            first,
            second,
            consistency_path: merkle::consistency_proof(
                meta.hash_algorithm,
                reader,
                first,
                second,
            )?,
        })
    }

    /// Checks the proof against the roots of two verified tree heads.
    pub fn verify(&self, first_root: &Hash, second_root: &Hash) -> Result<(), ProofError> {
        merkle::verify_consistency(
            self.hash_algorithm,
            self.first,
            self.second,
            first_root,
            second_root,
            &self.consistency_path,
        )
    }
}

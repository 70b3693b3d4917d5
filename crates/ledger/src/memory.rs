//! In-memory node store and log, for tests, benchmarks and the offline bundle verifier.

use crate::hash::{Hash, HashAlgorithm};
use crate::merkle::{self, Appender, NodeError, NodeReader, ProofError, StoredNode};

/// Stored perfect-subtree hashes, one vector per level (index = position in the vector).
#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    levels: Vec<Vec<Hash>>,
}

/// A node that does not continue its level (the store is append-only).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("node (level {level}, index {index}) does not extend its level of {len} nodes")]
pub struct OutOfOrder {
    /// Level of the rejected node.
    pub level: u8,
    /// Index of the rejected node.
    pub index: u64,
    /// Nodes already stored at that level.
    pub len: u64,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    /// An empty store with room for `leaves` leaves, so that building a large tree does not
    /// reallocate (and briefly double) the level vectors.
    pub fn with_capacity(leaves: u64) -> MemoryStore {
        let mut levels = Vec::new();
        let mut n = leaves;
        while n > 0 {
            levels.push(Vec::with_capacity(n as usize));
            n >>= 1;
        }
        MemoryStore { levels }
    }

    /// Stores a node. Nodes of a level must arrive in index order, as the appender emits
    /// them; re-storing an identical node is accepted (idempotent), a different one is not.
    pub fn insert(&mut self, node: &StoredNode) -> Result<(), OutOfOrder> {
        let level = usize::from(node.level);
        while self.levels.len() <= level {
            self.levels.push(Vec::new());
        }
        let v = &mut self.levels[level];
        let len = v.len() as u64;
        if node.index == len {
            v.push(node.hash);
            Ok(())
        } else if node.index < len && v[node.index as usize] == node.hash {
            Ok(())
        } else {
            Err(OutOfOrder {
                level: node.level,
                index: node.index,
                len,
            })
        }
    }

    /// Number of leaves stored.
    pub fn leaf_count(&self) -> u64 {
        self.levels.first().map_or(0, |v| v.len() as u64)
    }
}

impl NodeReader for MemoryStore {
    fn node(&self, level: u8, index: u64) -> Result<Hash, NodeError> {
        self.levels
            .get(usize::from(level))
            .and_then(|v| v.get(usize::try_from(index).ok()?))
            .copied()
            .ok_or(NodeError::Missing { level, index })
    }
}

/// A whole log in memory: an [`Appender`] feeding a [`MemoryStore`].
#[derive(Debug, Clone)]
pub struct MemoryLog {
    appender: Appender,
    store: MemoryStore,
    scratch: Vec<StoredNode>,
}

impl MemoryLog {
    /// An empty log.
    pub fn new(alg: HashAlgorithm) -> MemoryLog {
        MemoryLog::with_capacity(alg, 0)
    }

    /// An empty log with room for `leaves` leaves.
    pub fn with_capacity(alg: HashAlgorithm, leaves: u64) -> MemoryLog {
        MemoryLog {
            appender: Appender::new(alg),
            store: MemoryStore::with_capacity(leaves),
            scratch: Vec::with_capacity(8),
        }
    }

    /// The hash algorithm.
    pub fn algorithm(&self) -> HashAlgorithm {
        self.appender.algorithm()
    }

    /// Number of leaves.
    pub fn size(&self) -> u64 {
        self.appender.size()
    }

    /// The node store.
    pub fn store(&self) -> &MemoryStore {
        &self.store
    }

    /// Appends an entry by its canonical bytes; returns its leaf index.
    pub fn append_entry(&mut self, canonical_entry: &[u8]) -> u64 {
        let leaf = self.algorithm().leaf_hash(canonical_entry);
        self.append_leaf_hash(leaf)
    }

    /// Appends a leaf hash; returns its leaf index.
    pub fn append_leaf_hash(&mut self, leaf_hash: Hash) -> u64 {
        let index = self.appender.size();
        self.scratch.clear();
        self.appender
            .append_leaf_hash_into(leaf_hash, &mut self.scratch);
        for n in &self.scratch {
            // The appender emits every level in index order, so this cannot fail.
            let stored = self.store.insert(n);
            debug_assert!(stored.is_ok());
        }
        index
    }

    /// Current root (no reads).
    pub fn root(&self) -> Hash {
        self.appender.root()
    }

    /// Root of the first `size` leaves, from stored nodes.
    pub fn root_at(&self, size: u64) -> Result<Hash, NodeError> {
        merkle::root(self.algorithm(), &self.store, size)
    }

    /// Inclusion proof of leaf `index` in the tree of `size` leaves.
    pub fn inclusion_proof(&self, index: u64, size: u64) -> Result<Vec<Hash>, ProofError> {
        merkle::inclusion_proof(self.algorithm(), &self.store, index, size)
    }

    /// Consistency proof between sizes `first ≤ second`.
    pub fn consistency_proof(&self, first: u64, second: u64) -> Result<Vec<Hash>, ProofError> {
        merkle::consistency_proof(self.algorithm(), &self.store, first, second)
    }
}

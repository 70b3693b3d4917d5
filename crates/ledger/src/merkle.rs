//! The RFC 9162 §2.1 Merkle tree over stored complete subtrees: the node-store trait, the
//! appender, roots and proofs of any past tree size, and proof verification.
//!
//! # Stored nodes
//!
//! A node `(level, index)` is the root of the *perfect* subtree over leaves
//! `[index·2^level, (index+1)·2^level)`; level 0 holds the leaf hashes. Such a node never
//! changes once its last leaf exists, so the store is append-only: appending leaf `n` writes the
//! leaf and every perfect subtree it completes, `1 + trailing_ones(n)` nodes (amortised 2).
//!
//! Every RFC 9162 quantity of a tree of size `n` — the root `MTH(D[n])`, an inclusion path,
//! a consistency proof — is a list of hashes of sub-ranges `D[a:b]` in which every range but at
//! most one is a perfect aligned subtree (one stored node); the exception lies on the right edge
//! and is the right-fold of its `popcount(b − a)` perfect parts. So each needs O(log n) reads,
//! and works for any past size `m ≤ n` because stored nodes never change.
//!
//! For storage that is async or remote (SQL), every operation has a `*_nodes` function listing
//! the node addresses it will read, so they can be fetched in one query into a
//! [`std::collections::HashMap`] (which implements [`NodeReader`]) before the pure computation.

use std::collections::{BTreeMap, HashMap};

use crate::hash::{Hash, HashAlgorithm};

/// Address of a stored node: the perfect subtree over leaves `[index·2^level, (index+1)·2^level)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId {
    /// Height above the leaves (0 = leaf hash).
    pub level: u8,
    /// Position within the level, from 0 at the left.
    pub index: u64,
}

impl NodeId {
    /// First leaf covered by this node.
    pub fn first_leaf(self) -> u64 {
        self.index << self.level
    }

    /// One past the last leaf covered by this node.
    pub fn end_leaf(self) -> u64 {
        (self.index + 1) << self.level
    }
}

/// A node to persist, as returned by the appender (`ledger_node(government_id, level, idx, hash)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredNode {
    /// Height above the leaves (0 = leaf hash).
    pub level: u8,
    /// Position within the level.
    pub index: u64,
    /// The node's hash.
    pub hash: Hash,
}

impl StoredNode {
    /// The node's address.
    pub fn id(&self) -> NodeId {
        NodeId {
            level: self.level,
            index: self.index,
        }
    }
}

/// Failure to read a stored node.
#[derive(Debug, thiserror::Error)]
pub enum NodeError {
    /// The store has no such node (the tree is smaller than asked, or a prefetch missed it).
    #[error("node (level {level}, index {index}) is not stored")]
    Missing {
        /// Requested level.
        level: u8,
        /// Requested index.
        index: u64,
    },
    /// The storage backend failed.
    #[error("node store: {0}")]
    Backend(Box<dyn std::error::Error + Send + Sync>),
}

/// Read access to the stored hashes of complete perfect subtrees (see the module docs).
///
/// Object-safe on purpose (`&dyn NodeReader` works): the store crate implements it over the
/// `ledger_node` table, or over a map prefetched with the `*_nodes` functions.
pub trait NodeReader {
    /// The hash of the perfect subtree `(level, index)`; [`NodeError::Missing`] if not stored.
    fn node(&self, level: u8, index: u64) -> Result<Hash, NodeError>;
}

impl<R: NodeReader + ?Sized> NodeReader for &R {
    fn node(&self, level: u8, index: u64) -> Result<Hash, NodeError> {
        (**self).node(level, index)
    }
}

impl NodeReader for HashMap<NodeId, Hash> {
    fn node(&self, level: u8, index: u64) -> Result<Hash, NodeError> {
        self.get(&NodeId { level, index })
            .copied()
            .ok_or(NodeError::Missing { level, index })
    }
}

impl NodeReader for BTreeMap<NodeId, Hash> {
    fn node(&self, level: u8, index: u64) -> Result<Hash, NodeError> {
        self.get(&NodeId { level, index })
            .copied()
            .ok_or(NodeError::Missing { level, index })
    }
}

/// Why a proof cannot be produced or does not verify.
#[derive(Debug, thiserror::Error)]
pub enum ProofError {
    /// The leaf index is not below the tree size.
    #[error("leaf index {index} is not below tree size {size}")]
    IndexOutOfRange {
        /// Leaf index asked for.
        index: u64,
        /// Tree size asked for.
        size: u64,
    },
    /// The first tree size is larger than the second.
    #[error("first tree size {first} is larger than second tree size {second}")]
    SizesOutOfOrder {
        /// First (older) size.
        first: u64,
        /// Second (newer) size.
        second: u64,
    },
    /// The proof has the wrong number of hashes for these sizes.
    #[error("proof has the wrong length")]
    WrongLength,
    /// The recomputed root differs from the expected one.
    #[error("recomputed root {computed} differs from expected root {expected}")]
    RootMismatch {
        /// Root the caller expected.
        expected: Hash,
        /// Root the proof leads to.
        computed: Hash,
    },
    /// A stored node could not be read.
    #[error(transparent)]
    Node(#[from] NodeError),
}

/// `2^k`, the largest power of two strictly less than `n` (`n ≥ 2`): RFC 9162's split point.
fn split(n: u64) -> u64 {
    debug_assert!(n >= 2);
    1u64 << (63 - (n - 1).leading_zeros())
}

/// The perfect aligned subtrees that make up `[start, end)`, left to right (largest first).
/// Valid for every range that occurs in RFC 9162's recursion, whose start is a multiple of the
/// next power of two at or above its length.
fn range_nodes(start: u64, end: u64) -> Vec<NodeId> {
    let mut out = Vec::new();
    let mut at = start;
    let len = end - start;
    for level in (0..64u8).rev() {
        if len & (1u64 << level) != 0 {
            debug_assert_eq!(at % (1u64 << level), 0, "unaligned range");
            out.push(NodeId {
                level,
                index: at >> level,
            });
            at += 1u64 << level;
        }
    }
    out
}

/// Hash of a range given its perfect parts: `H(p1, H(p2, … H(pk-1, pk)))` (RFC 9162's MTH,
/// because the left part of every split is the largest perfect subtree).
fn fold_range<R: NodeReader + ?Sized>(
    alg: HashAlgorithm,
    reader: &R,
    parts: &[NodeId],
) -> Result<Hash, NodeError> {
    let mut iter = parts.iter().rev();
    let Some(last) = iter.next() else {
        return Ok(alg.empty_root());
    };
    let mut h = reader.node(last.level, last.index)?;
    for p in iter {
        h = alg.node_hash(&reader.node(p.level, p.index)?, &h);
    }
    Ok(h)
}

/// A proof before its hashes are read: each element is a range, given by its perfect parts.
type Plan = Vec<Vec<NodeId>>;

fn eval_plan<R: NodeReader + ?Sized>(
    alg: HashAlgorithm,
    reader: &R,
    plan: &Plan,
) -> Result<Vec<Hash>, NodeError> {
    plan.iter().map(|r| fold_range(alg, reader, r)).collect()
}

fn flatten(plan: Plan) -> Vec<NodeId> {
    let mut ids: Vec<NodeId> = plan.into_iter().flatten().collect();
    ids.sort();
    ids.dedup();
    ids
}

/// Node addresses read by [`root`] for a tree of `size` leaves (`popcount(size)` of them).
pub fn root_nodes(size: u64) -> Vec<NodeId> {
    range_nodes(0, size)
}

/// Root hash `MTH(D[size])` of the tree's first `size` leaves, from stored nodes.
pub fn root<R: NodeReader + ?Sized>(
    alg: HashAlgorithm,
    reader: &R,
    size: u64,
) -> Result<Hash, NodeError> {
    fold_range(alg, reader, &range_nodes(0, size))
}

fn inclusion_plan(index: u64, size: u64) -> Result<Plan, ProofError> {
    if index >= size {
        return Err(ProofError::IndexOutOfRange { index, size });
    }
    // RFC 9162 §2.1.3.1 PATH(m, D[n]), walked top-down; the result is leaf-first.
    let mut plan = Vec::new();
    let (mut start, mut n, mut m) = (0u64, size, index);
    while n > 1 {
        let k = split(n);
        if m < k {
            plan.push(range_nodes(start + k, start + n));
            n = k;
        } else {
            plan.push(range_nodes(start, start + k));
            start += k;
            m -= k;
            n -= k;
        }
    }
    plan.reverse();
    Ok(plan)
}

/// Node addresses read by [`inclusion_proof`] (at most `2·log2(size)`).
pub fn inclusion_proof_nodes(index: u64, size: u64) -> Result<Vec<NodeId>, ProofError> {
    Ok(flatten(inclusion_plan(index, size)?))
}

/// RFC 9162 §2.1.3.1 inclusion proof (audit path) of leaf `index` in the tree of `size` leaves.
pub fn inclusion_proof<R: NodeReader + ?Sized>(
    alg: HashAlgorithm,
    reader: &R,
    index: u64,
    size: u64,
) -> Result<Vec<Hash>, ProofError> {
    Ok(eval_plan(alg, reader, &inclusion_plan(index, size)?)?)
}

fn consistency_plan(first: u64, second: u64) -> Result<Plan, ProofError> {
    if first > second {
        return Err(ProofError::SizesOutOfOrder { first, second });
    }
    let mut plan = Vec::new();
    if first == 0 || first == second {
        return Ok(plan);
    }
    // RFC 9162 §2.1.4.1 SUBPROOF(m, D[n], b), walked top-down; the result is bottom-first.
    let (mut start, mut n, mut m, mut whole) = (0u64, second, first, true);
    while m != n {
        let k = split(n);
        if m <= k {
            plan.push(range_nodes(start + k, start + n));
            n = k;
        } else {
            plan.push(range_nodes(start, start + k));
            start += k;
            m -= k;
            n -= k;
            whole = false;
        }
    }
    if !whole {
        plan.push(range_nodes(start, start + n));
    }
    plan.reverse();
    Ok(plan)
}

/// Node addresses read by [`consistency_proof`].
pub fn consistency_proof_nodes(first: u64, second: u64) -> Result<Vec<NodeId>, ProofError> {
    Ok(flatten(consistency_plan(first, second)?))
}

/// RFC 9162 §2.1.4.1 consistency proof between tree sizes `first ≤ second`. Empty when
/// `first` is 0 or equal to `second`.
pub fn consistency_proof<R: NodeReader + ?Sized>(
    alg: HashAlgorithm,
    reader: &R,
    first: u64,
    second: u64,
) -> Result<Vec<Hash>, ProofError> {
    Ok(eval_plan(alg, reader, &consistency_plan(first, second)?)?)
}

/// The root an inclusion proof leads to (RFC 9162 §2.1.3.2, steps 1–5).
pub fn root_from_inclusion_proof(
    alg: HashAlgorithm,
    index: u64,
    size: u64,
    leaf_hash: &Hash,
    proof: &[Hash],
) -> Result<Hash, ProofError> {
    if index >= size {
        return Err(ProofError::IndexOutOfRange { index, size });
    }
    let (mut f_n, mut s_n) = (index, size - 1);
    let mut r = *leaf_hash;
    for p in proof {
        if s_n == 0 {
            return Err(ProofError::WrongLength);
        }
        if f_n & 1 == 1 || f_n == s_n {
            r = alg.node_hash(p, &r);
            if f_n & 1 == 0 {
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            r = alg.node_hash(&r, p);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    if s_n != 0 {
        return Err(ProofError::WrongLength);
    }
    Ok(r)
}

/// Verifies an inclusion proof (RFC 9162 §2.1.3.2).
pub fn verify_inclusion(
    alg: HashAlgorithm,
    index: u64,
    size: u64,
    leaf_hash: &Hash,
    proof: &[Hash],
    root: &Hash,
) -> Result<(), ProofError> {
    let computed = root_from_inclusion_proof(alg, index, size, leaf_hash, proof)?;
    if computed != *root {
        return Err(ProofError::RootMismatch {
            expected: *root,
            computed,
        });
    }
    Ok(())
}

/// Verifies a consistency proof (RFC 9162 §2.1.4.2). As in transparency-dev/merkle, sizes 0
/// and equal sizes are consistent with an empty proof (and, for equal sizes, equal roots).
pub fn verify_consistency(
    alg: HashAlgorithm,
    first: u64,
    second: u64,
    first_root: &Hash,
    second_root: &Hash,
    proof: &[Hash],
) -> Result<(), ProofError> {
    if first > second {
        return Err(ProofError::SizesOutOfOrder { first, second });
    }
    if first == second {
        if !proof.is_empty() {
            return Err(ProofError::WrongLength);
        }
        if first_root != second_root {
            return Err(ProofError::RootMismatch {
                expected: *second_root,
                computed: *first_root,
            });
        }
        return Ok(());
    }
    if first == 0 {
        return if proof.is_empty() {
            Ok(())
        } else {
            Err(ProofError::WrongLength)
        };
    }
    // Step 1.
    if proof.is_empty() {
        return Err(ProofError::WrongLength);
    }
    // Step 2: a power-of-two first tree is itself the first node of the path.
    let mut path: Vec<Hash> = Vec::with_capacity(proof.len() + 1);
    if first.is_power_of_two() {
        path.push(*first_root);
    }
    path.extend_from_slice(proof);
    // Steps 3–4.
    let (mut f_n, mut s_n) = (first - 1, second - 1);
    while f_n & 1 == 1 {
        f_n >>= 1;
        s_n >>= 1;
    }
    // Step 5.
    let (mut fr, mut sr) = (path[0], path[0]);
    // Step 6.
    for c in &path[1..] {
        if s_n == 0 {
            return Err(ProofError::WrongLength);
        }
        if f_n & 1 == 1 || f_n == s_n {
            fr = alg.node_hash(c, &fr);
            sr = alg.node_hash(c, &sr);
            if f_n & 1 == 0 {
                while f_n & 1 == 0 && f_n != 0 {
                    f_n >>= 1;
                    s_n >>= 1;
                }
            }
        } else {
            sr = alg.node_hash(&sr, c);
        }
        f_n >>= 1;
        s_n >>= 1;
    }
    // Step 7.
    if s_n != 0 {
        return Err(ProofError::WrongLength);
    }
    if fr != *first_root {
        return Err(ProofError::RootMismatch {
            expected: *first_root,
            computed: fr,
        });
    }
    if sr != *second_root {
        return Err(ProofError::RootMismatch {
            expected: *second_root,
            computed: sr,
        });
    }
    Ok(())
}

/// Node addresses read by [`append_nodes`]: the left siblings a new leaf at position `size`
/// completes (`trailing_ones(size)` of them).
pub fn append_reads(size: u64) -> Vec<NodeId> {
    let mut out = Vec::new();
    let mut index = size;
    let mut level = 0u8;
    while index & 1 == 1 {
        out.push(NodeId {
            level,
            index: index - 1,
        });
        index >>= 1;
        level += 1;
    }
    out
}

/// Stateless append: the nodes to persist when leaf `leaf_hash` becomes leaf number `size` of a
/// tree that has `size` leaves. Reads only [`append_reads`]`(size)`. The first node returned is
/// the leaf itself; the rest are the perfect subtrees it completes, bottom-up.
pub fn append_nodes<R: NodeReader + ?Sized>(
    alg: HashAlgorithm,
    reader: &R,
    size: u64,
    leaf_hash: Hash,
) -> Result<Vec<StoredNode>, NodeError> {
    let mut out = vec![StoredNode {
        level: 0,
        index: size,
        hash: leaf_hash,
    }];
    let mut current = leaf_hash;
    for sibling in append_reads(size) {
        let left = reader.node(sibling.level, sibling.index)?;
        current = alg.node_hash(&left, &current);
        out.push(StoredNode {
            level: sibling.level + 1,
            index: sibling.index >> 1,
            hash: current,
        });
    }
    Ok(out)
}

/// Incremental appender that keeps the tree's right edge (the perfect subtrees making up the
/// current size, at most 64 hashes) in memory, so appending needs no reads at all and the
/// current root is computed without storage.
#[derive(Debug, Clone)]
pub struct Appender {
    alg: HashAlgorithm,
    size: u64,
    /// Perfect subtrees covering `[0, size)`, left to right, strictly decreasing levels.
    frontier: Vec<StoredNode>,
}

impl Appender {
    /// Appender for a new, empty log.
    pub fn new(alg: HashAlgorithm) -> Appender {
        Appender {
            alg,
            size: 0,
            frontier: Vec::new(),
        }
    }

    /// Node addresses [`Appender::resume`] reads for a log of `size` leaves.
    pub fn resume_nodes(size: u64) -> Vec<NodeId> {
        range_nodes(0, size)
    }

    /// Appender for an existing log of `size` leaves (reads `popcount(size)` nodes).
    pub fn resume<R: NodeReader + ?Sized>(
        alg: HashAlgorithm,
        reader: &R,
        size: u64,
    ) -> Result<Appender, NodeError> {
        let frontier = range_nodes(0, size)
            .into_iter()
            .map(|id| {
                Ok(StoredNode {
                    level: id.level,
                    index: id.index,
                    hash: reader.node(id.level, id.index)?,
                })
            })
            .collect::<Result<_, NodeError>>()?;
        Ok(Appender {
            alg,
            size,
            frontier,
        })
    }

    /// The log's hash algorithm.
    pub fn algorithm(&self) -> HashAlgorithm {
        self.alg
    }

    /// Number of leaves appended so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Current root hash (no storage reads).
    pub fn root(&self) -> Hash {
        let mut iter = self.frontier.iter().rev();
        let Some(last) = iter.next() else {
            return self.alg.empty_root();
        };
        iter.fold(last.hash, |acc, n| self.alg.node_hash(&n.hash, &acc))
    }

    /// Appends a leaf by its entry's canonical bytes; returns the nodes to persist.
    pub fn append_entry(&mut self, canonical_entry: &[u8]) -> Vec<StoredNode> {
        let leaf = self.alg.leaf_hash(canonical_entry);
        self.append_leaf_hash(leaf)
    }

    /// Appends a leaf hash; returns the nodes to persist (the leaf first, then each completed
    /// perfect subtree bottom-up; `1 + trailing_ones(old size)` nodes).
    pub fn append_leaf_hash(&mut self, leaf_hash: Hash) -> Vec<StoredNode> {
        let mut out = Vec::with_capacity(2);
        self.append_leaf_hash_into(leaf_hash, &mut out);
        out
    }

    /// As [`Appender::append_leaf_hash`], pushing the nodes onto `out` (no allocation when
    /// `out` is reused).
    pub fn append_leaf_hash_into(&mut self, leaf_hash: Hash, out: &mut Vec<StoredNode>) {
        let leaf = StoredNode {
            level: 0,
            index: self.size,
            hash: leaf_hash,
        };
        out.push(leaf);
        self.frontier.push(leaf);
        while self.frontier.len() >= 2 {
            let right = self.frontier[self.frontier.len() - 1];
            let left = self.frontier[self.frontier.len() - 2];
            if left.level != right.level {
                break;
            }
            let parent = StoredNode {
                level: left.level + 1,
                index: left.index >> 1,
                hash: self.alg.node_hash(&left.hash, &right.hash),
            };
            self.frontier.truncate(self.frontier.len() - 2);
            self.frontier.push(parent);
            out.push(parent);
        }
        self.size += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_is_largest_power_below() {
        assert_eq!(split(2), 1);
        assert_eq!(split(3), 2);
        assert_eq!(split(4), 2);
        assert_eq!(split(5), 4);
        assert_eq!(split(8), 4);
        assert_eq!(split(9), 8);
    }

    #[test]
    fn range_nodes_decompose() {
        assert_eq!(
            range_nodes(0, 7),
            vec![
                NodeId { level: 2, index: 0 },
                NodeId { level: 1, index: 2 },
                NodeId { level: 0, index: 6 }
            ]
        );
        assert!(range_nodes(0, 0).is_empty());
    }

    #[test]
    fn append_reads_are_trailing_ones() {
        assert!(append_reads(0).is_empty());
        assert_eq!(append_reads(3).len(), 2);
        assert_eq!(append_reads(4).len(), 0);
        assert_eq!(append_reads(7).len(), 3);
    }
}

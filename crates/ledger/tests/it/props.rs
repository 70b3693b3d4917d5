//! Property tests: proofs of random trees verify, and roots from stored nodes equal roots
//! computed from scratch by RFC 9162's recursive definition.

use std::collections::HashMap;

use ledger::memory::MemoryLog;
use ledger::merkle::{self, NodeId};
use ledger::{Hash, HashAlgorithm};
use proptest::prelude::*;

/// RFC 9162 §2.1.1 MTH, by the recursive definition, as an independent oracle.
fn mth(alg: HashAlgorithm, leaves: &[Hash]) -> Hash {
    match leaves.len() {
        0 => alg.empty_root(),
        1 => leaves[0],
        n => {
            let k = 1usize << (usize::BITS - 1 - (n - 1).leading_zeros());
            alg.node_hash(&mth(alg, &leaves[..k]), &mth(alg, &leaves[k..]))
        }
    }
}

fn build(alg: HashAlgorithm, n: u64) -> (MemoryLog, Vec<Hash>) {
    let mut log = MemoryLog::new(alg);
    let mut leaves = Vec::new();
    for i in 0..n {
        let leaf = alg.leaf_hash(&i.to_be_bytes());
        log.append_leaf_hash(leaf);
        leaves.push(leaf);
    }
    (log, leaves)
}

fn alg_strategy() -> impl Strategy<Value = HashAlgorithm> {
    prop_oneof![Just(HashAlgorithm::Sm3), Just(HashAlgorithm::Sha256)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_inclusion_proof_verifies(alg in alg_strategy(), n in 1u64..150, seed in any::<u64>()) {
        let (log, leaves) = build(alg, n);
        // Every past size m ≤ n, each against its own root.
        let m = 1 + seed % n;
        let root = mth(alg, &leaves[..m as usize]);
        for i in 0..m {
            let proof = log.inclusion_proof(i, m).unwrap();
            prop_assert!(proof.len() <= 64 - (m - 1).leading_zeros() as usize);
            merkle::verify_inclusion(alg, i, m, &leaves[i as usize], &proof, &root).unwrap();
        }
    }

    #[test]
    fn every_consistency_proof_verifies(alg in alg_strategy(), n in 1u64..80) {
        let (log, leaves) = build(alg, n);
        let roots: Vec<Hash> = (0..=n as usize).map(|m| mth(alg, &leaves[..m])).collect();
        for second in 1..=n {
            let r2 = roots[second as usize];
            for first in 0..=second {
                let r1 = roots[first as usize];
                let proof = log.consistency_proof(first, second).unwrap();
                merkle::verify_consistency(alg, first, second, &r1, &r2, &proof).unwrap();
            }
        }
    }

    #[test]
    fn stored_root_equals_scratch_root(alg in alg_strategy(), n in 0u64..300) {
        let (log, leaves) = build(alg, n);
        prop_assert_eq!(log.root(), mth(alg, &leaves));
        for m in (0..=n).step_by(7).chain([n]) {
            prop_assert_eq!(log.root_at(m).unwrap(), mth(alg, &leaves[..m as usize]));
            prop_assert!(merkle::root_nodes(m).len() as u32 == m.count_ones());
        }
    }

    #[test]
    fn prefetched_nodes_suffice(n in 1u64..200, a in any::<u64>(), b in any::<u64>()) {
        // What the SQL store does: fetch the listed nodes into a map, compute from the map.
        let alg = HashAlgorithm::Sha256;
        let (log, _) = build(alg, n);
        let size = 1 + a % n;
        let index = b % size;
        let first = b % (size + 1);
        let fetch = |ids: Vec<NodeId>| -> HashMap<NodeId, Hash> {
            use ledger::merkle::NodeReader;
            ids.into_iter().map(|id| (id, log.store().node(id.level, id.index).unwrap())).collect()
        };
        let ids = merkle::inclusion_proof_nodes(index, size).unwrap();
        prop_assert!(ids.len() <= 2 * 64);
        let map = fetch(ids);
        prop_assert_eq!(
            merkle::inclusion_proof(alg, &map, index, size).unwrap(),
            log.inclusion_proof(index, size).unwrap()
        );
        let map = fetch(merkle::consistency_proof_nodes(first, size).unwrap());
        prop_assert_eq!(
            merkle::consistency_proof(alg, &map, first, size).unwrap(),
            log.consistency_proof(first, size).unwrap()
        );
        let map = fetch(merkle::root_nodes(size));
        prop_assert_eq!(merkle::root(alg, &map, size).unwrap(), log.root_at(size).unwrap());
    }

    #[test]
    fn stateless_append_matches_appender(n in 0u64..200) {
        // The store's write path: read the left siblings, persist what `append_nodes` returns.
        let alg = HashAlgorithm::Sm3;
        let mut store = ledger::memory::MemoryStore::new();
        let mut appender = merkle::Appender::new(alg);
        let mut writes = 0usize;
        for i in 0..n {
            let leaf = alg.leaf_hash(&i.to_le_bytes());
            let nodes = merkle::append_nodes(alg, &store, i, leaf).unwrap();
            prop_assert_eq!(&nodes, &appender.append_leaf_hash(leaf));
            writes += nodes.len();
            for node in &nodes {
                store.insert(node).unwrap();
            }
            let resumed = merkle::Appender::resume(alg, &store, i + 1).unwrap();
            prop_assert_eq!(resumed.root(), appender.root());
        }
        // Amortised at most two writes per append.
        prop_assert!(writes as u64 <= 2 * n);
    }
}

proptest! {
    #[test]
    fn es_number_format_reads_back(bits in any::<u64>()) {
        // Whatever the layout, the text must denote the same double (RFC 8785 §3.2.2.3).
        let x = f64::from_bits(bits);
        prop_assume!(x.is_finite());
        let text = ledger::jcs::format_es_number(x).unwrap();
        let back: f64 = text.parse().unwrap();
        prop_assert!(back == x, "{} -> {}", x, text);
        prop_assert!(!text.contains("e+0") && !text.contains("e-0"));
    }
}

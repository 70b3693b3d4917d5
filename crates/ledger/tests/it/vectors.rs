//! Published test vectors: the RFC 6962 reference tree (certificate-transparency /
//! transparency-dev `merkle`) and SM3 from GB/T 32905-2016.

use ledger::memory::MemoryLog;
use ledger::merkle;
use ledger::{Hash, HashAlgorithm};

use crate::{bytes, h};

/// The eight leaf inputs of the reference tree.
pub const LEAVES: [&str; 8] = [
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
];

const LEAF_HASHES: [&str; 8] = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
    "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
    "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
    "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
    "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
];

/// Roots of the trees of sizes 1..=8.
pub const ROOTS: [&str; 8] = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

const EMPTY_ROOT: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// (leaf index, tree size, path) — transparency-dev's table, converted to 0-based indices.
pub const INCLUSION: &[(u64, u64, &[&str])] = &[
    (
        0,
        8,
        &[
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        5,
        8,
        &[
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        2,
        3,
        &["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"],
    ),
    (
        1,
        5,
        &[
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
    (0, 1, &[]),
    // RFC 9162's classic size-7 example: leaf 6 has a two-step path.
    (
        6,
        7,
        &[
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
];

/// (first size, second size, proof).
pub const CONSISTENCY: &[(u64, u64, &[&str])] = &[
    (1, 1, &[]),
    (
        1,
        8,
        &[
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        &[
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        2,
        5,
        &[
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
    (
        6,
        7,
        &[
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        3,
        7,
        &[
            "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
            "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "837dbb152e9b079010717e84e865da4ebc0fa198a806d59d31bf15accef22d0e",
        ],
    ),
    (
        4,
        7,
        &["837dbb152e9b079010717e84e865da4ebc0fa198a806d59d31bf15accef22d0e"],
    ),
];

/// The reference tree of 8 leaves, SHA-256.
pub fn reference_log() -> MemoryLog {
    let mut log = MemoryLog::new(HashAlgorithm::Sha256);
    for leaf in LEAVES {
        log.append_entry(&bytes(leaf));
    }
    log
}

fn hashes(v: &[&str]) -> Vec<Hash> {
    v.iter().map(|s| h(s)).collect()
}

#[test]
fn rfc6962_leaf_hashes() {
    for (input, want) in LEAVES.iter().zip(LEAF_HASHES) {
        assert_eq!(HashAlgorithm::Sha256.leaf_hash(&bytes(input)), h(want));
    }
}

#[test]
fn rfc6962_roots_for_sizes_0_to_8() {
    let log = reference_log();
    assert_eq!(log.root_at(0).unwrap(), h(EMPTY_ROOT));
    assert_eq!(HashAlgorithm::Sha256.empty_root(), h(EMPTY_ROOT));
    for (i, want) in ROOTS.iter().enumerate() {
        assert_eq!(
            log.root_at(i as u64 + 1).unwrap(),
            h(want),
            "size {}",
            i + 1
        );
    }
    // The appender's own root, incrementally.
    let mut log = MemoryLog::new(HashAlgorithm::Sha256);
    assert_eq!(log.root(), h(EMPTY_ROOT));
    for (leaf, want) in LEAVES.iter().zip(ROOTS) {
        log.append_entry(&bytes(leaf));
        assert_eq!(log.root(), h(want));
    }
}

#[test]
fn rfc6962_inclusion_proofs() {
    let log = reference_log();
    for (index, size, path) in INCLUSION {
        let proof = log.inclusion_proof(*index, *size).unwrap();
        assert_eq!(proof, hashes(path), "PATH({index}, D[{size}])");
        let leaf = HashAlgorithm::Sha256.leaf_hash(&bytes(LEAVES[*index as usize]));
        merkle::verify_inclusion(
            HashAlgorithm::Sha256,
            *index,
            *size,
            &leaf,
            &proof,
            &h(ROOTS[*size as usize - 1]),
        )
        .unwrap();
    }
}

#[test]
fn rfc6962_consistency_proofs() {
    let log = reference_log();
    for (first, second, path) in CONSISTENCY {
        let proof = log.consistency_proof(*first, *second).unwrap();
        assert_eq!(proof, hashes(path), "PROOF({first}, D[{second}])");
        merkle::verify_consistency(
            HashAlgorithm::Sha256,
            *first,
            *second,
            &h(ROOTS[*first as usize - 1]),
            &h(ROOTS[*second as usize - 1]),
            &proof,
        )
        .unwrap();
    }
}

#[test]
fn stored_nodes_match_the_reference_tree() {
    // Every complete subtree of the 8-leaf tree, level by level (transparency-dev testdata).
    let log = reference_log();
    let store = log.store();
    use ledger::merkle::NodeReader;
    assert_eq!(
        store.node(1, 1).unwrap(),
        h("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e")
    );
    assert_eq!(
        store.node(2, 1).unwrap(),
        h("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")
    );
    assert_eq!(store.node(3, 0).unwrap(), h(ROOTS[7]));
    assert!(store.node(3, 1).is_err());
}

#[test]
fn sm3_gbt32905_vectors() {
    // GB/T 32905-2016 Appendix A, example 1: "abc".
    assert_eq!(
        HashAlgorithm::Sm3.digest(&[b"abc"]),
        h("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")
    );
    // Example 2: the 64-byte message "abcd" × 16.
    assert_eq!(
        HashAlgorithm::Sm3.content_hash("abcd".repeat(16).as_bytes()),
        h("debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")
    );
}

#[test]
fn sha256_fips_vector() {
    assert_eq!(
        HashAlgorithm::Sha256.content_hash(b"abc"),
        h("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    );
}

#[test]
fn sm3_tree_uses_the_same_shape() {
    // An SM3 log is the same tree with SM3 in place of SHA-256.
    let alg = HashAlgorithm::Sm3;
    let mut log = MemoryLog::new(alg);
    for leaf in LEAVES {
        log.append_entry(&bytes(leaf));
    }
    let l: Vec<Hash> = LEAVES.iter().map(|x| alg.leaf_hash(&bytes(x))).collect();
    let n = |a: &Hash, b: &Hash| alg.node_hash(a, b);
    let want = n(
        &n(&n(&l[0], &l[1]), &n(&l[2], &l[3])),
        &n(&n(&l[4], &l[5]), &n(&l[6], &l[7])),
    );
    assert_eq!(log.root(), want);
    assert_eq!(
        log.root_at(3).unwrap(),
        n(&n(&l[0], &l[1]), &l[2]),
        "size 3 splits 2 + 1"
    );
    assert_eq!(alg.empty_root(), alg.digest(&[]));
    assert_ne!(alg.leaf_hash(b""), HashAlgorithm::Sha256.leaf_hash(b""));
}

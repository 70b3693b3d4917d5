//! Every corruption of a valid proof must fail, as in transparency-dev/merkle's
//! `corruptInclusionProof` / `corruptConsistencyProof`.

use ledger::merkle::{self, ProofError};
use ledger::{Hash, HashAlgorithm};

use crate::h;
use crate::vectors::{CONSISTENCY, INCLUSION, LEAVES, ROOTS, reference_log};

const ALG: HashAlgorithm = HashAlgorithm::Sha256;

fn some_hash() -> Hash {
    h("abacaba000000000000000000000000000000000000000000060061e00123456")
}

fn flip(proof: &[Hash], i: usize, bit: u8) -> Vec<Hash> {
    let mut p = proof.to_vec();
    p[i].0[0] ^= bit;
    p
}

fn with(front: &[Hash], proof: &[Hash], back: &[Hash]) -> Vec<Hash> {
    front.iter().chain(proof).chain(back).copied().collect()
}

/// (description, index, size, leaf, proof, root) probes that must all fail.
fn inclusion_probes(
    index: u64,
    size: u64,
    leaf: Hash,
    proof: &[Hash],
    root: Hash,
) -> Vec<(String, u64, u64, Hash, Vec<Hash>, Hash)> {
    let p = proof.to_vec();
    let zero = Hash::default();
    let mut v = vec![
        (
            "index - 1".into(),
            index.wrapping_sub(1),
            size,
            leaf,
            p.clone(),
            root,
        ),
        ("index + 1".into(), index + 1, size, leaf, p.clone(), root),
        ("index ^ 2".into(), index ^ 2, size, leaf, p.clone(), root),
        ("size * 2".into(), index, size * 2, leaf, p.clone(), root),
        ("size / 2".into(), index, size / 2, leaf, p.clone(), root),
        (
            "wrong leaf".into(),
            index,
            size,
            ALG.leaf_hash(b"WrongLeaf"),
            p.clone(),
            root,
        ),
        (
            "empty root".into(),
            index,
            size,
            leaf,
            p.clone(),
            ALG.empty_root(),
        ),
        (
            "random root".into(),
            index,
            size,
            leaf,
            p.clone(),
            some_hash(),
        ),
        (
            "trailing garbage".into(),
            index,
            size,
            leaf,
            with(&[], proof, &[zero]),
            root,
        ),
        (
            "trailing root".into(),
            index,
            size,
            leaf,
            with(&[], proof, &[root]),
            root,
        ),
        (
            "preceding garbage".into(),
            index,
            size,
            leaf,
            with(&[zero], proof, &[]),
            root,
        ),
        (
            "preceding root".into(),
            index,
            size,
            leaf,
            with(&[root], proof, &[]),
            root,
        ),
    ];
    for i in 0..proof.len() {
        v.push((
            format!("proof[{i}] bit 3 flipped"),
            index,
            size,
            leaf,
            flip(proof, i, 8),
            root,
        ));
    }
    if !proof.is_empty() {
        v.push((
            "removed node".into(),
            index,
            size,
            leaf,
            proof[..proof.len() - 1].to_vec(),
            root,
        ));
    }
    if proof.len() > 1 {
        let inserted = with(&[proof[0], some_hash()], &proof[1..], &[]);
        v.push(("inserted node".into(), index, size, leaf, inserted, root));
    }
    v
}

#[test]
fn corrupted_inclusion_proofs_fail() {
    let log = reference_log();
    for (index, size, _) in INCLUSION {
        let (index, size) = (*index, *size);
        let leaf = ALG.leaf_hash(&crate::bytes(LEAVES[index as usize]));
        let root = h(ROOTS[size as usize - 1]);
        let proof = log.inclusion_proof(index, size).unwrap();
        merkle::verify_inclusion(ALG, index, size, &leaf, &proof, &root).unwrap();
        for (desc, i, s, l, p, r) in inclusion_probes(index, size, leaf, &proof, root) {
            assert!(
                merkle::verify_inclusion(ALG, i, s, &l, &p, &r).is_err(),
                "PATH({index}, {size}): {desc} verified"
            );
        }
    }
}

#[test]
fn corrupted_consistency_proofs_fail() {
    let log = reference_log();
    for (first, second, _) in CONSISTENCY {
        let (first, second) = (*first, *second);
        let r1 = h(ROOTS[first as usize - 1]);
        let r2 = h(ROOTS[second as usize - 1]);
        let proof = log.consistency_proof(first, second).unwrap();
        merkle::verify_consistency(ALG, first, second, &r1, &r2, &proof).unwrap();
        if proof.is_empty() {
            continue;
        }
        let wrong = ALG.leaf_hash(b"WrongRoot");
        let mut probes: Vec<(String, u64, u64, Hash, Hash, Vec<Hash>)> = vec![
            ("first - 1".into(), first - 1, second, r1, r2, proof.clone()),
            ("first + 1".into(), first + 1, second, r1, r2, proof.clone()),
            ("first ^ 2".into(), first ^ 2, second, r1, r2, proof.clone()),
            (
                "second * 2".into(),
                first,
                second * 2,
                r1,
                r2,
                proof.clone(),
            ),
            (
                "second / 2".into(),
                first,
                second / 2,
                r1,
                r2,
                proof.clone(),
            ),
            (
                "wrong root1".into(),
                first,
                second,
                wrong,
                r2,
                proof.clone(),
            ),
            (
                "wrong root2".into(),
                first,
                second,
                r1,
                wrong,
                proof.clone(),
            ),
            ("swapped roots".into(), first, second, r2, r1, proof.clone()),
            ("empty proof".into(), first, second, r1, r2, vec![]),
            (
                "trailing garbage".into(),
                first,
                second,
                r1,
                r2,
                with(&[], &proof, &[Hash::default()]),
            ),
            (
                "trailing root1".into(),
                first,
                second,
                r1,
                r2,
                with(&[], &proof, &[r1]),
            ),
            (
                "trailing root2".into(),
                first,
                second,
                r1,
                r2,
                with(&[], &proof, &[r2]),
            ),
            (
                "preceding garbage".into(),
                first,
                second,
                r1,
                r2,
                with(&[Hash::default()], &proof, &[]),
            ),
            (
                "preceding root1".into(),
                first,
                second,
                r1,
                r2,
                with(&[r1], &proof, &[]),
            ),
            (
                "preceding root2".into(),
                first,
                second,
                r1,
                r2,
                with(&[r2], &proof, &[]),
            ),
            (
                "preceding proof[0]".into(),
                first,
                second,
                r1,
                r2,
                with(&[proof[0]], &proof, &[]),
            ),
            (
                "truncated".into(),
                first,
                second,
                r1,
                r2,
                proof[..proof.len() - 1].to_vec(),
            ),
        ];
        if proof.len() > 1 {
            let inserted = with(&[proof[0], some_hash()], &proof[1..], &[]);
            probes.push(("inserted node".into(), first, second, r1, r2, inserted));
        }
        for i in 0..proof.len() {
            probes.push((
                format!("proof[{i}] bit 4 flipped"),
                first,
                second,
                r1,
                r2,
                flip(&proof, i, 16),
            ));
        }
        for (desc, f, s, a, b, p) in probes {
            assert!(
                merkle::verify_consistency(ALG, f, s, &a, &b, &p).is_err(),
                "PROOF({first}, {second}): {desc} verified"
            );
        }
    }
}

#[test]
fn degenerate_sizes() {
    let some = some_hash();
    let empty = ALG.empty_root();
    // Inclusion in an empty tree or past the end is refused.
    for (i, s) in [(0, 0), (1, 0), (2, 1)] {
        assert!(matches!(
            merkle::verify_inclusion(ALG, i, s, &some, &[], &empty),
            Err(ProofError::IndexOutOfRange { .. })
        ));
    }
    // A one-leaf tree: the root is the leaf hash and the proof is empty.
    let leaf = ALG.leaf_hash(b"data");
    merkle::verify_inclusion(ALG, 0, 1, &leaf, &[], &leaf).unwrap();
    assert!(merkle::verify_inclusion(ALG, 0, 1, &leaf, &[], &some).is_err());
    assert!(merkle::verify_inclusion(ALG, 0, 1, &some, &[], &leaf).is_err());

    let (r1, r2) = (ALG.leaf_hash(b"1"), ALG.leaf_hash(b"2"));
    // Equal sizes need equal roots and an empty proof.
    assert!(merkle::verify_consistency(ALG, 0, 0, &r1, &r2, &[]).is_err());
    assert!(merkle::verify_consistency(ALG, 1, 1, &r1, &r2, &[]).is_err());
    merkle::verify_consistency(ALG, 0, 0, &r1, &r1, &[]).unwrap();
    merkle::verify_consistency(ALG, 1, 1, &r2, &r2, &[]).unwrap();
    assert!(merkle::verify_consistency(ALG, 1, 1, &empty, &empty, &[empty]).is_err());
    // The empty tree is consistent with everything, with an empty proof only.
    merkle::verify_consistency(ALG, 0, 1, &r1, &r2, &[]).unwrap();
    assert!(merkle::verify_consistency(ALG, 0, 1, &empty, &empty, &[empty]).is_err());
    // Time travel to the past.
    assert!(merkle::verify_consistency(ALG, 1, 0, &r1, &r2, &[]).is_err());
    assert!(merkle::verify_consistency(ALG, 2, 1, &r1, &r2, &[]).is_err());
    // A non-trivial pair needs a proof.
    assert!(merkle::verify_consistency(ALG, 1, 2, &r1, &r2, &[]).is_err());
    // Generation refuses the same bad arguments.
    let log = reference_log();
    assert!(log.inclusion_proof(8, 8).is_err());
    assert!(log.consistency_proof(5, 4).is_err());
    // Sizes beyond the stored tree fail on the missing node, not with a wrong answer.
    assert!(log.inclusion_proof(0, 9).is_err());
    assert!(log.root_at(9).is_err());
}

#[test]
fn proof_hex_of_wrong_length_is_refused() {
    // The API carries hashes as hex; a short or long element can never become a `Hash`.
    assert!(Hash::from_hex("").is_err());
    assert!(Hash::from_hex(&"00".repeat(33)).is_err());
    assert!(Hash::from_hex("WrongLeaf").is_err());
}

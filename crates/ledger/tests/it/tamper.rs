//! Tampering at the verifier level: every change to entries or heads is caught and the first
//! bad entry is named. Bundles round-trip.

use ledger::bundle::{BundleError, parse_bundle};
use ledger::memory::MemoryLog;
use ledger::{
    Entry, Hash, HashAlgorithm, LogMetadata, SignatureAlgorithm, SignedTreeHead, SigningKey,
    VerifyError, create_log, export, sign_tree_head, verify_bundle, verify_bundle_with_key,
    verify_log,
};
use serde_json::json;

struct Fixture {
    meta: LogMetadata,
    key: SigningKey,
    entries: Vec<Entry>,
    leaves: Vec<Hash>,
    heads: Vec<SignedTreeHead>,
}

/// A log of 20 entries with heads signed at sizes 0, 5, 12 and 20.
fn fixture(sig: SignatureAlgorithm) -> Fixture {
    let (meta, key) =
        create_log("fazhi:gov:42", "示例县人民政府", HashAlgorithm::Sm3, sig, 1).unwrap();
    let mut log = MemoryLog::new(meta.hash_algorithm);
    let mut entries = Vec::new();
    let mut leaves = Vec::new();
    let mut heads = Vec::new();
    let head_at =
        |log: &MemoryLog, t| sign_tree_head(&meta, &key, log.size(), log.root(), t).unwrap();
    heads.push(head_at(&log, 10));
    for i in 0..20u64 {
        let e = Entry::new(
            i,
            "case",
            format!("{}", i / 2),
            if i % 2 == 0 { "create" } else { "publish" },
            "张三",
            1_767_225_600_000 + i as i64,
            json!({"title": format!("案件{i}"), "amount": 500.5}),
        );
        let leaf = e.leaf_hash(meta.hash_algorithm).unwrap();
        log.append_leaf_hash(leaf);
        entries.push(e);
        leaves.push(leaf);
        if [5, 12, 20].contains(&log.size()) {
            heads.push(head_at(&log, 100 + i));
        }
    }
    Fixture {
        meta,
        key,
        entries,
        leaves,
        heads,
    }
}

fn run(
    f: &Fixture,
    entries: &[Entry],
    leaves: Option<&[Hash]>,
) -> Result<ledger::VerifyReport, VerifyError> {
    verify_log(
        &f.meta,
        f.heads.clone(),
        entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e, leaves.map(|l| &l[i]))),
    )
}

#[test]
fn untouched_log_verifies() {
    for sig in [SignatureAlgorithm::Sm2, SignatureAlgorithm::Ed25519] {
        let f = fixture(sig);
        let report = run(&f, &f.entries, Some(&f.leaves)).unwrap();
        assert_eq!(report.entries, 20);
        assert_eq!(report.tree_heads, 4);
        assert_eq!(report.unsigned_entries, 0);
        assert_eq!(report.latest_tree_head, Some((20, report.root_hash)));
        run(&f, &f.entries, None).unwrap();
    }
}

#[test]
fn edited_entry_is_named() {
    let f = fixture(SignatureAlgorithm::Sm2);
    let mut entries = f.entries.clone();
    entries[7].content = ledger::Content::Inline(json!({"title": "案件7", "amount": 5000.5}));
    // With recorded leaf hashes: exactly entry 7.
    let err = run(&f, &entries, Some(&f.leaves)).unwrap_err();
    assert!(
        matches!(err, VerifyError::LeafMismatch { index: 7, .. }),
        "{err}"
    );
    assert_eq!(err.first_bad_entry(), Some(7));
    // Without them: the head at 12 fails, and entries before 5 are vouched for by the head at 5.
    let err = run(&f, &entries, None).unwrap_err();
    assert!(
        matches!(
            err,
            VerifyError::RootMismatch {
                tree_size: 12,
                first_entry: 5,
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("entry 5"));
    // An edit of the actor or the time is caught as well.
    let mut entries = f.entries.clone();
    entries[3].actor = "李四".into();
    assert_eq!(
        run(&f, &entries, Some(&f.leaves))
            .unwrap_err()
            .first_bad_entry(),
        Some(3)
    );
}

#[test]
fn deleted_entry_is_named() {
    let f = fixture(SignatureAlgorithm::Sm2);
    let mut entries = f.entries.clone();
    entries.remove(9);
    let err = run(&f, &entries, None).unwrap_err();
    assert_eq!(
        err,
        VerifyError::EntryPosition {
            index: 9,
            found: 10
        }
    );
    // Deleting the last entries: the head at 20 names the first missing one.
    let err = run(&f, &f.entries[..18], None).unwrap_err();
    assert!(
        matches!(
            err,
            VerifyError::MissingEntries {
                first_missing: 18,
                tree_size: 20,
                ..
            }
        ),
        "{err}"
    );
    // Deleting and renumbering to hide it: the root no longer matches.
    let mut entries = f.entries.clone();
    entries.remove(9);
    for (i, e) in entries.iter_mut().enumerate() {
        e.idx = i as u64;
    }
    let err = run(&f, &entries, None).unwrap_err();
    assert_eq!(err.first_bad_entry(), Some(5));
}

#[test]
fn swapped_entries_are_named() {
    let f = fixture(SignatureAlgorithm::Ed25519);
    let mut entries = f.entries.clone();
    entries.swap(3, 14);
    let err = run(&f, &entries, None).unwrap_err();
    assert_eq!(
        err,
        VerifyError::EntryPosition {
            index: 3,
            found: 14
        }
    );
    // Swapped with their positions rewritten: caught by the leaf hashes at entry 3.
    entries[3].idx = 3;
    entries[14].idx = 14;
    let mut leaves = f.leaves.clone();
    leaves.swap(3, 14);
    let err = run(&f, &entries, Some(&f.leaves)).unwrap_err();
    assert!(
        matches!(err, VerifyError::LeafMismatch { index: 3, .. }),
        "{err}"
    );
    // Leaf hashes swapped along with the entries: the signed roots catch it.
    let err = run(&f, &entries, Some(&leaves)).unwrap_err();
    assert!(
        matches!(
            err,
            VerifyError::LeafMismatch { .. } | VerifyError::RootMismatch { .. }
        ),
        "{err}"
    );
}

#[test]
fn forged_tree_heads_are_rejected() {
    let f = fixture(SignatureAlgorithm::Sm2);
    // A head re-signed by another key.
    let other = SigningKey::generate(SignatureAlgorithm::Sm2).unwrap();
    let mut heads = f.heads.clone();
    heads[2].signature = other.sign(&heads[2].signed_bytes().unwrap()).unwrap();
    let err = verify_log(&f.meta, heads, f.entries.iter().map(|e| (e, None))).unwrap_err();
    assert!(
        matches!(err, VerifyError::TreeHeadRejected { head: 2, .. }),
        "{err}"
    );
    // A head whose root was replaced to match tampered entries.
    let mut heads = f.heads.clone();
    heads[3].root_hash = Hash([1; 32]);
    let err = verify_log(&f.meta, heads, f.entries.iter().map(|e| (e, None))).unwrap_err();
    assert!(
        matches!(err, VerifyError::TreeHeadRejected { head: 3, .. }),
        "{err}"
    );
    // Heads out of order.
    let mut heads = f.heads.clone();
    heads.swap(1, 2);
    let err = verify_log(&f.meta, heads, f.entries.iter().map(|e| (e, None))).unwrap_err();
    assert!(
        matches!(err, VerifyError::TreeHeadOrder { head: 2, .. }),
        "{err}"
    );
    // A validly signed head of another fork: same size, different root.
    let mut forked = f.entries.clone();
    forked[1].event = "withdraw".into();
    let mut log = MemoryLog::new(f.meta.hash_algorithm);
    for e in &forked[..5] {
        log.append_leaf_hash(e.leaf_hash(f.meta.hash_algorithm).unwrap());
    }
    let mut heads = f.heads.clone();
    heads[1] = sign_tree_head(&f.meta, &f.key, 5, log.root(), 104).unwrap();
    let err = verify_log(&f.meta, heads, f.entries.iter().map(|e| (e, None))).unwrap_err();
    assert!(
        matches!(
            err,
            VerifyError::RootMismatch {
                head: 1,
                first_entry: 0,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn canonical_bytes_path() {
    let f = fixture(SignatureAlgorithm::Sm2);
    let mut v = ledger::LogVerifier::new(&f.meta, f.heads.clone()).unwrap();
    for e in &f.entries {
        v.push_canonical(&e.canonical_bytes().unwrap(), None)
            .unwrap();
    }
    assert_eq!(v.finish().unwrap().entries, 20);
    let mut v = ledger::LogVerifier::new(&f.meta, f.heads.clone()).unwrap();
    let err = v.push_canonical(b"{\"v\":1}", None).unwrap_err();
    assert_eq!(err.first_bad_entry(), Some(0));
}

#[test]
fn bundle_round_trip_and_tampering() {
    let f = fixture(SignatureAlgorithm::Sm2);
    let with_leaves = export(
        &f.meta,
        f.heads.clone(),
        f.entries
            .iter()
            .cloned()
            .zip(f.leaves.iter().copied().map(Some)),
    )
    .unwrap();
    let report = verify_bundle(&with_leaves).unwrap();
    assert_eq!(report.entries, 20);
    assert_eq!(report.public_key, f.meta.public_key);
    verify_bundle_with_key(&with_leaves, &f.meta.public_key).unwrap();
    let stranger = SigningKey::generate(SignatureAlgorithm::Sm2)
        .unwrap()
        .public_key();
    assert!(matches!(
        verify_bundle_with_key(&with_leaves, &stranger),
        Err(BundleError::UntrustedKey { .. })
    ));
    let bundle = parse_bundle(&with_leaves).unwrap();
    assert_eq!(bundle.entries, f.entries);
    assert_eq!(bundle.leaf_hashes.as_deref(), Some(&f.leaves[..]));

    let without = export(
        &f.meta,
        f.heads.clone(),
        f.entries.iter().cloned().map(|e| (e, None)),
    )
    .unwrap();
    verify_bundle(&without).unwrap();
    assert!(parse_bundle(&without).unwrap().leaf_hashes.is_none());

    // Edit one entry's text inside the file.
    let text = String::from_utf8(with_leaves.clone()).unwrap();
    let edited = text.replacen("案件11", "案件十一", 1);
    assert_ne!(edited, text);
    let err = verify_bundle(edited.as_bytes()).unwrap_err();
    match err {
        BundleError::Verify(e) => assert_eq!(e.first_bad_entry(), Some(11), "{e}"),
        other => panic!("unexpected {other}"),
    }
    // Not a bundle, or a future version.
    assert!(matches!(verify_bundle(b"{}"), Err(BundleError::Format(_))));
    let future = text.replacen("\"version\":1", "\"version\":2", 1);
    assert!(matches!(
        verify_bundle(future.as_bytes()),
        Err(BundleError::Format(_))
    ));
    // A bundle whose key was swapped for the attacker's fails on the heads' signatures.
    let mut b = parse_bundle(&with_leaves).unwrap();
    b.log.public_key = stranger;
    let swapped = serde_json::to_vec(&b).unwrap();
    assert!(matches!(
        verify_bundle(&swapped),
        Err(BundleError::Verify(VerifyError::TreeHeadRejected { .. }))
    ));
}

#[test]
fn successive_heads_are_consistent_by_proof() {
    let f = fixture(SignatureAlgorithm::Sm2);
    let mut log = MemoryLog::new(f.meta.hash_algorithm);
    for leaf in &f.leaves {
        log.append_leaf_hash(*leaf);
    }
    for pair in f.heads.windows(2) {
        ledger::check_consistency(log.store(), &pair[0], &pair[1]).unwrap();
    }
    // A head from a fork is not consistent with the real later head.
    let mut forked = f.heads[1].clone();
    forked.root_hash = Hash([9; 32]);
    assert!(ledger::check_consistency(log.store(), &forked, &f.heads[3]).is_err());
}

//! Keys and signed tree heads: round trips, wrong keys, forged heads.

use ledger::keys::{KeyError, PublicKey, SM2_DEFAULT_DISTID, SignatureAlgorithm, SigningKey};
use ledger::sth::{SthError, TREE_HEAD_DOMAIN, tree_head_signed_bytes};
use ledger::{HashAlgorithm, create_log, sign_tree_head};

const ALGS: [SignatureAlgorithm; 2] = [SignatureAlgorithm::Sm2, SignatureAlgorithm::Ed25519];

#[test]
fn sign_verify_round_trip_and_other_key_fails() {
    for alg in ALGS {
        let key = SigningKey::generate(alg).unwrap();
        let other = SigningKey::generate(alg).unwrap();
        let sig = key.sign(b"tree head").unwrap();
        assert_eq!(sig.len(), 64);
        key.public_key().verify(b"tree head", &sig).unwrap();
        assert!(
            key.public_key().verify(b"tree heaD", &sig).is_err(),
            "{alg}: other message"
        );
        assert!(
            other.public_key().verify(b"tree head", &sig).is_err(),
            "{alg}: other key"
        );
        let mut flipped = sig.clone();
        flipped[10] ^= 1;
        assert!(key.public_key().verify(b"tree head", &flipped).is_err());
        assert!(key.public_key().verify(b"tree head", &sig[..63]).is_err());
    }
}

#[test]
fn sm2_distinguishing_identifier_matters() {
    let key = SigningKey::generate_sm2("alice@example").unwrap();
    let sig = key.sign(b"m").unwrap();
    key.public_key().verify(b"m", &sig).unwrap();
    // The same point with the default identifier computes another Z_A: the signature fails.
    let default_id =
        PublicKey::from_bytes(SignatureAlgorithm::Sm2, key.public_key().bytes()).unwrap();
    assert_eq!(default_id.distid(), SM2_DEFAULT_DISTID);
    assert!(default_id.verify(b"m", &sig).is_err());
    // The text form keeps a non-default identifier.
    let text = key.public_key().to_text();
    assert_eq!(PublicKey::from_text(&text).unwrap(), key.public_key());
}

#[test]
fn key_text_round_trips() {
    for alg in ALGS {
        let key = SigningKey::generate(alg).unwrap();
        let text = key.to_text();
        assert!(text.starts_with("-----BEGIN FAZHI LEDGER SIGNING KEY-----\n"));
        let back = SigningKey::from_text(&text).unwrap();
        assert_eq!(back.secret_bytes(), key.secret_bytes());
        assert_eq!(back.public_key(), key.public_key());
        let pub_text = key.public_key().to_text();
        assert!(pub_text.starts_with(&format!("{alg}:")));
        assert_eq!(PublicKey::from_text(&pub_text).unwrap(), key.public_key());
        // Signatures made after the round trip verify with the original public key.
        key.public_key()
            .verify(b"x", &back.sign(b"x").unwrap())
            .unwrap();
        // Debug never shows the secret.
        let secret_hex = ledger::hash::to_hex(&key.secret_bytes());
        assert!(!format!("{key:?}").contains(&secret_hex));
    }
    assert!(SigningKey::from_text("garbage").is_err());
    assert!(PublicKey::from_text("sm2:04").is_err());
    assert!(PublicKey::from_text("rsa:00").is_err());
    assert!(matches!(
        SigningKey::from_secret_bytes(SignatureAlgorithm::Sm2, &[0u8; 32], SM2_DEFAULT_DISTID),
        Err(KeyError::Invalid)
    ));
}

#[test]
fn sm2_key_from_known_scalar_is_deterministic() {
    // Same secret, same public key, and deterministic (RFC 6979-style) signatures.
    let secret = [7u8; 32];
    let a = SigningKey::from_secret_bytes(SignatureAlgorithm::Sm2, &secret, SM2_DEFAULT_DISTID)
        .unwrap();
    let b = SigningKey::from_secret_bytes(SignatureAlgorithm::Sm2, &secret, SM2_DEFAULT_DISTID)
        .unwrap();
    assert_eq!(a.public_key(), b.public_key());
    assert_eq!(a.public_key().bytes().len(), 65);
    assert_eq!(a.sign(b"m").unwrap(), b.sign(b"m").unwrap());
}

#[test]
fn tree_heads_sign_and_verify_for_every_algorithm_pair() {
    for hash in [HashAlgorithm::Sm3, HashAlgorithm::Sha256] {
        for sig in ALGS {
            let (meta, key) = create_log("fazhi:gov:7", "测试县人民政府", hash, sig, 1000).unwrap();
            assert_eq!(meta.signature_algorithm, sig);
            let root = hash.leaf_hash(b"e");
            let head = sign_tree_head(&meta, &key, 1, root, 2000).unwrap();
            head.verify(&meta).unwrap();
            // JSON round trip.
            let json = serde_json::to_string(&head).unwrap();
            assert!(json.contains(&format!("\"hash_algorithm\":\"{hash}\"")));
            let back: ledger::SignedTreeHead = serde_json::from_str(&json).unwrap();
            back.verify(&meta).unwrap();
            // Any field changed: the signature no longer verifies.
            let mut forged = head.clone();
            forged.tree_size = 2;
            assert_eq!(forged.verify(&meta), Err(SthError::BadSignature));
            let mut forged = head.clone();
            forged.root_hash.0[0] ^= 1;
            assert_eq!(forged.verify(&meta), Err(SthError::BadSignature));
            let mut forged = head.clone();
            forged.timestamp_ms += 1;
            assert_eq!(forged.verify(&meta), Err(SthError::BadSignature));
            // Another log's head, or another key.
            let (other_meta, other_key) = create_log("fazhi:gov:8", "x", hash, sig, 1000).unwrap();
            assert!(head.verify(&other_meta).is_err());
            assert!(
                sign_tree_head(&meta, &other_key, 1, root, 2000).is_err(),
                "foreign key refused"
            );
            let mut forged = sign_tree_head(&other_meta, &other_key, 1, root, 2000).unwrap();
            forged.log_id = meta.log_id.clone();
            assert_eq!(forged.verify(&meta), Err(SthError::BadSignature));
        }
    }
}

#[test]
fn signed_bytes_layout_v1() {
    let root = ledger::Hash([0xab; 32]);
    let b = tree_head_signed_bytes(
        "g1",
        5,
        &root,
        258,
        HashAlgorithm::Sm3,
        SignatureAlgorithm::Sm2,
    )
    .unwrap();
    let mut want = TREE_HEAD_DOMAIN.to_vec();
    want.extend_from_slice(&[1, 1, 1, 0, 2, b'g', b'1']);
    want.extend_from_slice(&5u64.to_be_bytes());
    want.extend_from_slice(&258u64.to_be_bytes());
    want.extend_from_slice(&[0xab; 32]);
    assert_eq!(b, want);
}

//! Signing keys of a log: SM2 (GB/T 32918, the default) or Ed25519, their generation from OS
//! randomness and their text forms.
//!
//! # Text forms (version 1)
//!
//! Private key, for a file the store writes with mode 0600:
//!
//! ```text
//! -----BEGIN FAZHI LEDGER SIGNING KEY-----
//! version: 1
//! algorithm: sm2
//! distid: 1234567812345678
//! secret: <64 lowercase hex digits>
//! -----END FAZHI LEDGER SIGNING KEY-----
//! ```
//!
//! The `distid` line is present for SM2 only. The secret is the SM2 private scalar (32 bytes,
//! big-endian) or the Ed25519 seed (32 bytes, RFC 8032).
//!
//! Public key, one line for the portal: `sm2:<hex>` or `ed25519:<hex>`, where the SM2 key is the
//! SEC1 uncompressed point (`04 ‖ x ‖ y`, 65 bytes) and the Ed25519 key is its 32 bytes. An SM2
//! key with a distinguishing identifier other than the default has a third part,
//! `sm2:<hex>:<hex of the identifier's bytes>`.
//!
//! # Signatures
//!
//! SM2 signatures are `r ‖ s` (64 bytes), computed over the message with SM3 and `Z_A` as
//! GB/T 32918.2 prescribes, with the distinguishing identifier (default `1234567812345678`,
//! GM/T 0009). Ed25519 signatures are RFC 8032's 64 bytes, verified strictly.

use std::fmt;
use std::str::FromStr;

use ed25519_dalek::{Signer as _, Verifier as _};
use serde::{Deserialize, Serialize};

use crate::hash::{from_hex, to_hex};

/// The default SM2 distinguishing identifier (GM/T 0009-2012).
pub const SM2_DEFAULT_DISTID: &str = "1234567812345678";

const KEY_BEGIN: &str = "-----BEGIN FAZHI LEDGER SIGNING KEY-----";
const KEY_END: &str = "-----END FAZHI LEDGER SIGNING KEY-----";

/// Signature algorithm of a log, recorded in its metadata and in every signed tree head.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum SignatureAlgorithm {
    /// SM2 digital signature, GB/T 32918.2-2016 (the default).
    #[default]
    #[serde(rename = "sm2")]
    Sm2,
    /// Ed25519, RFC 8032.
    #[serde(rename = "ed25519")]
    Ed25519,
}

impl SignatureAlgorithm {
    /// Text name: `sm2` or `ed25519`.
    pub fn name(self) -> &'static str {
        match self {
            SignatureAlgorithm::Sm2 => "sm2",
            SignatureAlgorithm::Ed25519 => "ed25519",
        }
    }

    /// One-byte code in the signed-tree-head encoding (1 = SM2, 2 = Ed25519).
    pub fn code(self) -> u8 {
        match self {
            SignatureAlgorithm::Sm2 => 1,
            SignatureAlgorithm::Ed25519 => 2,
        }
    }
}

impl fmt::Display for SignatureAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for SignatureAlgorithm {
    type Err = KeyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "sm2" => Ok(SignatureAlgorithm::Sm2),
            "ed25519" => Ok(SignatureAlgorithm::Ed25519),
            _ => Err(KeyError::Format(format!(
                "unknown signature algorithm {s:?}"
            ))),
        }
    }
}

/// Key generation, parsing or signing failures.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// The operating system's random number generator failed.
    #[error("OS randomness unavailable: {0}")]
    Randomness(String),
    /// The key text or bytes are malformed.
    #[error("malformed key: {0}")]
    Format(String),
    /// The key bytes are not a valid key.
    #[error("invalid key")]
    Invalid,
    /// Signing failed.
    #[error("signing failed")]
    Sign,
}

/// A signature did not verify.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("signature does not verify")]
pub struct BadSignature;

enum Inner {
    Sm2 {
        key: Box<sm2::dsa::SigningKey>,
        distid: String,
    },
    Ed25519(Box<ed25519_dalek::SigningKey>),
}

/// A log's private signing key. Its `Debug` output never shows the secret.
pub struct SigningKey(Inner);

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "SigningKey({}, public {})",
            self.algorithm(),
            self.public_key()
        )
    }
}

fn random_32() -> Result<[u8; 32], KeyError> {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).map_err(|e| KeyError::Randomness(e.to_string()))?;
    Ok(b)
}

impl SigningKey {
    /// Generates a key from OS randomness (SM2 with the default distinguishing identifier).
    pub fn generate(alg: SignatureAlgorithm) -> Result<SigningKey, KeyError> {
        match alg {
            SignatureAlgorithm::Sm2 => SigningKey::generate_sm2(SM2_DEFAULT_DISTID),
            SignatureAlgorithm::Ed25519 => {
                SigningKey::from_secret_bytes(alg, &random_32()?, SM2_DEFAULT_DISTID)
            }
        }
    }

    /// Generates an SM2 key with a given distinguishing identifier.
    pub fn generate_sm2(distid: &str) -> Result<SigningKey, KeyError> {
        // A random 32-byte string is a valid scalar unless it is 0 or ≥ n (probability about
        // 2^-32): draw again in that case.
        for _ in 0..16 {
            if let Ok(k) =
                SigningKey::from_secret_bytes(SignatureAlgorithm::Sm2, &random_32()?, distid)
            {
                return Ok(k);
            }
        }
        Err(KeyError::Randomness("no valid SM2 scalar drawn".into()))
    }

    /// A key from its 32 secret bytes (see the module docs); `distid` is used for SM2 only.
    pub fn from_secret_bytes(
        alg: SignatureAlgorithm,
        secret: &[u8],
        distid: &str,
    ) -> Result<SigningKey, KeyError> {
        let secret: &[u8; 32] = secret
            .try_into()
            .map_err(|_| KeyError::Format("secret must be 32 bytes".into()))?;
        match alg {
            SignatureAlgorithm::Sm2 => {
                let key = sm2::dsa::SigningKey::from_slice(distid, secret)
                    .map_err(|_| KeyError::Invalid)?;
                Ok(SigningKey(Inner::Sm2 {
                    key: Box::new(key),
                    distid: distid.to_owned(),
                }))
            }
            SignatureAlgorithm::Ed25519 => Ok(SigningKey(Inner::Ed25519(Box::new(
                ed25519_dalek::SigningKey::from_bytes(secret),
            )))),
        }
    }

    /// The signature algorithm.
    pub fn algorithm(&self) -> SignatureAlgorithm {
        match &self.0 {
            Inner::Sm2 { .. } => SignatureAlgorithm::Sm2,
            Inner::Ed25519(_) => SignatureAlgorithm::Ed25519,
        }
    }

    /// The 32 secret bytes. Handle with care: this is the private key.
    pub fn secret_bytes(&self) -> [u8; 32] {
        match &self.0 {
            Inner::Sm2 { key, .. } => key.to_bytes().into(),
            Inner::Ed25519(k) => k.to_bytes(),
        }
    }

    /// The matching public key.
    pub fn public_key(&self) -> PublicKey {
        match &self.0 {
            Inner::Sm2 { key, distid } => PublicKey {
                algorithm: SignatureAlgorithm::Sm2,
                bytes: key.verifying_key().to_sec1_bytes().into_vec(),
                distid: distid.clone(),
            },
            Inner::Ed25519(k) => PublicKey {
                algorithm: SignatureAlgorithm::Ed25519,
                bytes: k.verifying_key().to_bytes().to_vec(),
                distid: String::new(),
            },
        }
    }

    /// Signs `message` (SM2: deterministic RFC 6979-style nonce, as the `sm2` crate does).
    pub fn sign(&self, message: &[u8]) -> Result<Vec<u8>, KeyError> {
        match &self.0 {
            Inner::Sm2 { key, .. } => {
                let sig: sm2::dsa::Signature = key.try_sign(message).map_err(|_| KeyError::Sign)?;
                Ok(sig.to_bytes().to_vec())
            }
            Inner::Ed25519(k) => Ok(k.sign(message).to_bytes().to_vec()),
        }
    }

    /// The private key's text form (see the module docs).
    pub fn to_text(&self) -> String {
        let mut s = format!("{KEY_BEGIN}\nversion: 1\nalgorithm: {}\n", self.algorithm());
        if let Inner::Sm2 { distid, .. } = &self.0 {
            s.push_str(&format!("distid: {distid}\n"));
        }
        s.push_str(&format!(
            "secret: {}\n{KEY_END}\n",
            to_hex(&self.secret_bytes())
        ));
        s
    }

    /// Parses the private key's text form.
    pub fn from_text(text: &str) -> Result<SigningKey, KeyError> {
        let bad = |w: &str| KeyError::Format(w.to_owned());
        let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
        if lines.next() != Some(KEY_BEGIN) {
            return Err(bad("missing BEGIN line"));
        }
        let (mut version, mut alg, mut distid, mut secret) = (None, None, None, None);
        let mut ended = false;
        for line in lines.by_ref() {
            if line == KEY_END {
                ended = true;
                break;
            }
            let (k, v) = line
                .split_once(':')
                .ok_or_else(|| bad("line without ':'"))?;
            let v = v.trim().to_owned();
            let slot = match k.trim() {
                "version" => &mut version,
                "algorithm" => &mut alg,
                "distid" => &mut distid,
                "secret" => &mut secret,
                other => return Err(bad(&format!("unknown field {other:?}"))),
            };
            if slot.replace(v).is_some() {
                return Err(bad("repeated field"));
            }
        }
        if !ended || lines.next().is_some() {
            return Err(bad("missing or misplaced END line"));
        }
        if version.as_deref() != Some("1") {
            return Err(bad("unknown version"));
        }
        let alg: SignatureAlgorithm = alg.ok_or_else(|| bad("no algorithm"))?.parse()?;
        let secret = from_hex(&secret.ok_or_else(|| bad("no secret"))?)
            .map_err(|_| bad("secret is not hex"))?;
        let distid = match alg {
            SignatureAlgorithm::Sm2 => distid.ok_or_else(|| bad("no distid"))?,
            SignatureAlgorithm::Ed25519 if distid.is_some() => {
                return Err(bad("distid for ed25519"));
            }
            SignatureAlgorithm::Ed25519 => String::new(),
        };
        SigningKey::from_secret_bytes(alg, &secret, &distid)
    }
}

/// A log's public key, as published on the portal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicKey {
    algorithm: SignatureAlgorithm,
    bytes: Vec<u8>,
    /// SM2 distinguishing identifier; empty for Ed25519.
    distid: String,
}

impl PublicKey {
    /// The signature algorithm.
    pub fn algorithm(&self) -> SignatureAlgorithm {
        self.algorithm
    }

    /// The raw key bytes (SEC1 uncompressed point for SM2, 32 bytes for Ed25519).
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The SM2 distinguishing identifier (empty for Ed25519).
    pub fn distid(&self) -> &str {
        &self.distid
    }

    /// A public key from its algorithm and raw bytes (SM2 with the default identifier).
    pub fn from_bytes(alg: SignatureAlgorithm, bytes: &[u8]) -> Result<PublicKey, KeyError> {
        let distid = match alg {
            SignatureAlgorithm::Sm2 => SM2_DEFAULT_DISTID,
            SignatureAlgorithm::Ed25519 => "",
        };
        PublicKey::checked(alg, bytes.to_vec(), distid.to_owned())
    }

    fn checked(
        algorithm: SignatureAlgorithm,
        bytes: Vec<u8>,
        distid: String,
    ) -> Result<PublicKey, KeyError> {
        let key = PublicKey {
            algorithm,
            bytes,
            distid,
        };
        // Parse once so that an invalid point is refused when read, not when first used.
        match algorithm {
            SignatureAlgorithm::Sm2 => {
                key.sm2()?;
            }
            SignatureAlgorithm::Ed25519 => {
                key.ed25519()?;
            }
        }
        Ok(key)
    }

    fn sm2(&self) -> Result<sm2::dsa::VerifyingKey, KeyError> {
        // Only the uncompressed form is accepted, so that one key has one text.
        if self.bytes.first() != Some(&0x04) {
            return Err(KeyError::Invalid);
        }
        sm2::dsa::VerifyingKey::from_sec1_bytes(&self.distid, &self.bytes)
            .map_err(|_| KeyError::Invalid)
    }

    fn ed25519(&self) -> Result<ed25519_dalek::VerifyingKey, KeyError> {
        let b: &[u8; 32] = self
            .bytes
            .as_slice()
            .try_into()
            .map_err(|_| KeyError::Invalid)?;
        ed25519_dalek::VerifyingKey::from_bytes(b).map_err(|_| KeyError::Invalid)
    }

    /// Verifies `signature` over `message`.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), BadSignature> {
        match self.algorithm {
            SignatureAlgorithm::Sm2 => {
                let key = self.sm2().map_err(|_| BadSignature)?;
                let sig = sm2::dsa::Signature::from_slice(signature).map_err(|_| BadSignature)?;
                key.verify(message, &sig).map_err(|_| BadSignature)
            }
            SignatureAlgorithm::Ed25519 => {
                let key = self.ed25519().map_err(|_| BadSignature)?;
                let sig =
                    ed25519_dalek::Signature::from_slice(signature).map_err(|_| BadSignature)?;
                key.verify_strict(message, &sig).map_err(|_| BadSignature)
            }
        }
    }

    /// The one-line text form (see the module docs).
    pub fn to_text(&self) -> String {
        let mut s = format!("{}:{}", self.algorithm, to_hex(&self.bytes));
        if self.algorithm == SignatureAlgorithm::Sm2 && self.distid != SM2_DEFAULT_DISTID {
            s.push(':');
            s.push_str(&to_hex(self.distid.as_bytes()));
        }
        s
    }

    /// Parses the one-line text form.
    pub fn from_text(text: &str) -> Result<PublicKey, KeyError> {
        let bad = |w: &str| KeyError::Format(w.to_owned());
        let mut parts = text.trim().split(':');
        let alg: SignatureAlgorithm = parts.next().unwrap_or_default().parse()?;
        let bytes = from_hex(parts.next().ok_or_else(|| bad("no key"))?)
            .map_err(|_| bad("key is not hex"))?;
        let distid = match (alg, parts.next()) {
            (SignatureAlgorithm::Sm2, None) => SM2_DEFAULT_DISTID.to_owned(),
            (SignatureAlgorithm::Sm2, Some(id)) => {
                let id = from_hex(id).map_err(|_| bad("distid is not hex"))?;
                String::from_utf8(id).map_err(|_| bad("distid is not UTF-8"))?
            }
            (SignatureAlgorithm::Ed25519, None) => String::new(),
            (SignatureAlgorithm::Ed25519, Some(_)) => return Err(bad("distid for ed25519")),
        };
        if parts.next().is_some() {
            return Err(bad("too many parts"));
        }
        PublicKey::checked(alg, bytes, distid)
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}

impl FromStr for PublicKey {
    type Err = KeyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PublicKey::from_text(s)
    }
}

impl Serialize for PublicKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_text())
    }
}

impl<'de> Deserialize<'de> for PublicKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        PublicKey::from_text(&s).map_err(serde::de::Error::custom)
    }
}

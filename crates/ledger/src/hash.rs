//! Hash algorithms of a log (SM3 by default, SHA-256 as the alternative), the 32-byte [`Hash`]
//! value with its lowercase-hex text form, and the RFC 9162 §2.1.1 leaf and node hashes.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::Digest as _;

/// Length in bytes of every hash the ledger uses (both SM3 and SHA-256 give 256 bits).
pub const HASH_LEN: usize = 32;

/// The hash algorithm of one log. Chosen when the log is created, recorded in its metadata and
/// in every signed tree head, and never changed afterwards: changing it would change every
/// leaf hash and therefore every root that has already been signed and published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum HashAlgorithm {
    /// SM3, GB/T 32905-2016 (the default: national standard for government systems).
    #[default]
    #[serde(rename = "sm3")]
    Sm3,
    /// SHA-256, FIPS 180-4 (as used by RFC 6962 / RFC 9162 Certificate Transparency logs).
    #[serde(rename = "sha256")]
    Sha256,
}

impl HashAlgorithm {
    /// The text name used in JSON and in public-key and bundle files: `sm3` or `sha256`.
    pub fn name(self) -> &'static str {
        match self {
            HashAlgorithm::Sm3 => "sm3",
            HashAlgorithm::Sha256 => "sha256",
        }
    }

    /// The one-byte code used in the signed-tree-head encoding (1 = SM3, 2 = SHA-256).
    pub fn code(self) -> u8 {
        match self {
            HashAlgorithm::Sm3 => 1,
            HashAlgorithm::Sha256 => 2,
        }
    }

    /// Inverse of [`HashAlgorithm::code`].
    pub fn from_code(code: u8) -> Option<HashAlgorithm> {
        match code {
            1 => Some(HashAlgorithm::Sm3),
            2 => Some(HashAlgorithm::Sha256),
            _ => None,
        }
    }

    /// Hashes the concatenation of `parts` (no framing between them).
    pub fn digest(self, parts: &[&[u8]]) -> Hash {
        match self {
            HashAlgorithm::Sm3 => {
                let mut h = sm3::Sm3::new();
                for p in parts {
                    h.update(p);
                }
                Hash(h.finalize().into())
            }
            HashAlgorithm::Sha256 => {
                let mut h = sha2::Sha256::new();
                for p in parts {
                    h.update(p);
                }
                Hash(h.finalize().into())
            }
        }
    }

    /// RFC 9162 §2.1.1 leaf hash: `H(0x00 ‖ entry)`, where `entry` is the entry's canonical bytes.
    pub fn leaf_hash(self, entry: &[u8]) -> Hash {
        self.digest(&[&[0x00], entry])
    }

    /// RFC 9162 §2.1.1 interior node hash: `H(0x01 ‖ left ‖ right)`.
    pub fn node_hash(self, left: &Hash, right: &Hash) -> Hash {
        self.digest(&[&[0x01], &left.0, &right.0])
    }

    /// Root of the empty tree: the hash of the empty string (RFC 9162 §2.1.1).
    pub fn empty_root(self) -> Hash {
        self.digest(&[])
    }

    /// Content address of an evidence file: the plain hash of its bytes (no prefix), so that
    /// `sm3sum`/`sha256sum` give the same value.
    pub fn content_hash(self, file_bytes: &[u8]) -> Hash {
        self.digest(&[file_bytes])
    }
}

impl fmt::Display for HashAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for HashAlgorithm {
    type Err = HexError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "sm3" => Ok(HashAlgorithm::Sm3),
            "sha256" => Ok(HashAlgorithm::Sha256),
            _ => Err(HexError::UnknownAlgorithm(s.to_owned())),
        }
    }
}

/// A 32-byte hash value. Its text form (JSON, API, bundle) is 64 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Hash(pub [u8; HASH_LEN]);

/// Errors parsing hex text or algorithm names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HexError {
    /// The text has an odd length or a character that is not a hex digit.
    #[error("not a hex string")]
    NotHex,
    /// The bytes decoded, but not to the expected length.
    #[error("expected {expected} bytes, got {got}")]
    Length {
        /// Required length in bytes.
        expected: usize,
        /// Decoded length in bytes.
        got: usize,
    },
    /// An algorithm name this version does not know.
    #[error("unknown algorithm {0:?}")]
    UnknownAlgorithm(String),
}

impl Hash {
    /// Lowercase hex text of the hash.
    pub fn to_hex(&self) -> String {
        to_hex(&self.0)
    }

    /// Parses 64 hex digits (either case; we always write lowercase).
    pub fn from_hex(s: &str) -> Result<Hash, HexError> {
        let bytes = from_hex(s)?;
        let arr: [u8; HASH_LEN] = bytes.as_slice().try_into().map_err(|_| HexError::Length {
            expected: HASH_LEN,
            got: bytes.len(),
        })?;
        Ok(Hash(arr))
    }
}

impl fmt::Debug for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hash({})", self.to_hex())
    }
}

impl fmt::Display for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl FromStr for Hash {
    type Err = HexError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Hash::from_hex(s)
    }
}

impl Serialize for Hash {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Hash {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Hash::from_hex(&s).map_err(serde::de::Error::custom)
    }
}

/// Lowercase hex encoding (sha2 0.11's output has no `LowerHex`, and a dependency for this is
/// not worth it).
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 0x0f)] as char);
    }
    s
}

/// Decodes hex text (either case).
pub fn from_hex(s: &str) -> Result<Vec<u8>, HexError> {
    fn nibble(c: u8) -> Result<u8, HexError> {
        match c {
            b'0'..=b'9' => Ok(c - b'0'),
            b'a'..=b'f' => Ok(c - b'a' + 10),
            b'A'..=b'F' => Ok(c - b'A' + 10),
            _ => Err(HexError::NotHex),
        }
    }
    let b = s.as_bytes();
    if !b.len().is_multiple_of(2) {
        return Err(HexError::NotHex);
    }
    b.chunks_exact(2)
        .map(|p| Ok((nibble(p[0])? << 4) | nibble(p[1])?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trip() {
        let h = HashAlgorithm::Sha256.digest(&[b"x"]);
        assert_eq!(Hash::from_hex(&h.to_hex()), Ok(h));
        assert_eq!(Hash::from_hex("abc"), Err(HexError::NotHex));
        assert_eq!(Hash::from_hex("zz"), Err(HexError::NotHex));
        assert_eq!(
            Hash::from_hex("00"),
            Err(HexError::Length {
                expected: 32,
                got: 1
            })
        );
    }

    #[test]
    fn algorithm_codes_round_trip() {
        for a in [HashAlgorithm::Sm3, HashAlgorithm::Sha256] {
            assert_eq!(HashAlgorithm::from_code(a.code()), Some(a));
            assert_eq!(a.name().parse::<HashAlgorithm>(), Ok(a));
        }
        assert_eq!(HashAlgorithm::default(), HashAlgorithm::Sm3);
    }
}

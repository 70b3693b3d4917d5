//! The offline bundle: a self-contained JSON file with everything needed to verify a log
//! without the server (bundle format version 1).
//!
//! ```json
//! {"format":"fazhi-ledger-bundle","version":1,
//!  "log":{"log_id":"…","government":"…","hash_algorithm":"sm3","signature_algorithm":"sm2",
//!         "public_key":"sm2:04…","created_at_ms":…},
//!  "tree_heads":[{…signed tree head…}, …],
//!  "entries":[
//!  {…entry…},
//!  …],
//!  "leaf_hashes":["<hex>", …]}
//! ```
//!
//! - `log`: [`LogMetadata`]; `tree_heads`: [`SignedTreeHead`]s in signing order; `entries`:
//!   every [`Entry`] as its JSON object, in log order, one per line.
//! - `leaf_hashes` (optional): the leaf hashes the store recorded, one per entry. With them a
//!   changed entry is named exactly; without them it is bounded by the tree heads.
//! - Unknown members are refused. A bundle proves only that the log is consistent with the
//!   key it contains: compare [`VerifyReport::public_key`] with the key published on the
//!   portal, or use [`verify_bundle_with_key`].

use std::io::Write;

use serde::{Deserialize, Serialize};

use crate::entry::Entry;
use crate::hash::Hash;
use crate::keys::PublicKey;
use crate::log::LogMetadata;
use crate::sth::SignedTreeHead;
use crate::verify::{LogVerifier, VerifyError, VerifyReport};

/// The `format` member of every bundle.
pub const BUNDLE_FORMAT: &str = "fazhi-ledger-bundle";

/// The bundle format version this crate writes and reads.
pub const BUNDLE_VERSION: u32 = 1;

/// A bundle in memory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    /// Always [`BUNDLE_FORMAT`].
    pub format: String,
    /// Always [`BUNDLE_VERSION`] for this crate.
    pub version: u32,
    /// The log's metadata, including its public key.
    pub log: LogMetadata,
    /// Signed tree heads, in signing order.
    pub tree_heads: Vec<SignedTreeHead>,
    /// Every entry, in log order.
    pub entries: Vec<Entry>,
    /// The recorded leaf hashes, one per entry, if exported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leaf_hashes: Option<Vec<Hash>>,
}

/// Why a bundle could not be written or verified.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// Writing failed.
    #[error("writing the bundle: {0}")]
    Io(#[from] std::io::Error),
    /// The file is not a version-1 bundle.
    #[error("not a ledger bundle: {0}")]
    Format(String),
    /// The bundle's key is not the trusted key.
    #[error("the bundle is signed with {bundle}, not with the trusted key {trusted}")]
    UntrustedKey {
        /// Key in the bundle.
        bundle: String,
        /// Key the caller trusts.
        trusted: String,
    },
    /// The log does not verify.
    #[error(transparent)]
    Verify(#[from] VerifyError),
}

fn json_err(e: serde_json::Error) -> BundleError {
    BundleError::Format(e.to_string())
}

/// Writes a bundle to `out`, streaming the entries (they need not fit in memory). Pass the
/// store's recorded leaf hashes beside each entry, or `None`s to omit them (all or none).
pub fn export_to<W: Write>(
    mut out: W,
    meta: &LogMetadata,
    heads: impl IntoIterator<Item = SignedTreeHead>,
    entries: impl IntoIterator<Item = (Entry, Option<Hash>)>,
) -> Result<(), BundleError> {
    write!(
        out,
        "{{\"format\":\"{BUNDLE_FORMAT}\",\"version\":{BUNDLE_VERSION},\n\"log\":"
    )?;
    serde_json::to_writer(&mut out, meta).map_err(json_err)?;
    out.write_all(b",\n\"tree_heads\":[")?;
    for (i, head) in heads.into_iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut out, &head).map_err(json_err)?;
    }
    out.write_all(b"],\n\"entries\":[")?;
    let mut leaves = Vec::new();
    let mut with_leaves = None;
    for (i, (entry, leaf)) in entries.into_iter().enumerate() {
        match (*with_leaves.get_or_insert(leaf.is_some()), leaf) {
            (true, Some(leaf)) => leaves.push(leaf),
            (false, None) => {}
            _ => {
                return Err(BundleError::Format(
                    "leaf hashes given for some entries only".into(),
                ));
            }
        }
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut out, &entry).map_err(json_err)?;
    }
    out.write_all(b"]")?;
    if with_leaves == Some(true) {
        out.write_all(b",\n\"leaf_hashes\":")?;
        serde_json::to_writer(&mut out, &leaves).map_err(json_err)?;
    }
    out.write_all(b"}\n")?;
    Ok(())
}

/// A bundle as bytes (see [`export_to`]).
pub fn export(
    meta: &LogMetadata,
    heads: impl IntoIterator<Item = SignedTreeHead>,
    entries: impl IntoIterator<Item = (Entry, Option<Hash>)>,
) -> Result<Vec<u8>, BundleError> {
    let mut out = Vec::new();
    export_to(&mut out, meta, heads, entries)?;
    Ok(out)
}

/// Parses a bundle, checking its format and version.
pub fn parse_bundle(bytes: &[u8]) -> Result<Bundle, BundleError> {
    let bundle: Bundle = serde_json::from_slice(bytes).map_err(json_err)?;
    if bundle.format != BUNDLE_FORMAT {
        return Err(BundleError::Format(format!("format {:?}", bundle.format)));
    }
    if bundle.version != BUNDLE_VERSION {
        return Err(BundleError::Format(format!(
            "unknown version {}",
            bundle.version
        )));
    }
    if let Some(leaves) = &bundle.leaf_hashes
        && leaves.len() != bundle.entries.len()
    {
        return Err(BundleError::Format(format!(
            "{} leaf hashes for {} entries",
            leaves.len(),
            bundle.entries.len()
        )));
    }
    Ok(bundle)
}

/// Verifies a bundle against the key it contains. The report names that key: compare it
/// with the portal's.
pub fn verify_bundle(bytes: &[u8]) -> Result<VerifyReport, BundleError> {
    let bundle = parse_bundle(bytes)?;
    let mut v = LogVerifier::new(&bundle.log, bundle.tree_heads)?;
    for (i, entry) in bundle.entries.iter().enumerate() {
        let leaf = bundle.leaf_hashes.as_ref().map(|l| &l[i]);
        v.push_entry(entry, leaf)?;
    }
    Ok(v.finish()?)
}

/// Verifies a bundle and requires it to be signed with `trusted` (e.g. the portal's key).
pub fn verify_bundle_with_key(
    bytes: &[u8],
    trusted: &PublicKey,
) -> Result<VerifyReport, BundleError> {
    let report = verify_bundle(bytes)?;
    if report.public_key != *trusted {
        return Err(BundleError::UntrustedKey {
            bundle: report.public_key.to_text(),
            trusted: trusted.to_text(),
        });
    }
    Ok(report)
}

//! The tamper-evident log (防篡改日志) of fazhi: one append-only Merkle log per government.
//!
//! Pure: no SQL, no clock, no files. Storage sits behind [`merkle::NodeReader`]; the store
//! crate writes what [`merkle::Appender`] / [`merkle::append_nodes`] return in the same
//! transaction as the record and its entry.
//!
//! # The log
//!
//! - **Tree**: RFC 9162 §2.1 exactly — leaf hash `H(0x00 ‖ entry)`, node hash
//!   `H(0x01 ‖ left ‖ right)`, split at the largest power of two below the size, empty root
//!   `H("")`. Inclusion and consistency proofs as §2.1.3 / §2.1.4 ([`merkle`]).
//! - **Hash**: SM3 (GB/T 32905-2016) by default, SHA-256 as the alternative, chosen at
//!   creation ([`create_log`]) and recorded in [`LogMetadata`] and every tree head
//!   ([`HashAlgorithm`]).
//! - **Storage**: the hashes of complete perfect subtrees, `(level, index) → hash`, append-only;
//!   about two writes per entry; roots and proofs of any past size in O(log n) reads
//!   ([`merkle`] module docs).
//! - **Signatures**: SM2 (GB/T 32918, distinguishing identifier `1234567812345678`) by default,
//!   Ed25519 as the alternative ([`keys`]).
//!
//! # Formats kept forever (each versioned)
//!
//! 1. **Entry (leaf) encoding, version 1** — RFC 8785 canonical JSON of
//!    `{v, idx, record_type, record_id, event, actor, at, content | content_hash}`; see
//!    [`entry`] for the table of members. Evidence files are content-addressed by
//!    [`HashAlgorithm::content_hash`], the plain hash of their bytes.
//! 2. **Signed tree head encoding, version 1** — `"fazhi-ledger-sth" ‖ 0x01 ‖ hash alg ‖
//!    signature alg ‖ u16 len ‖ log id ‖ u64 size ‖ u64 timestamp ms ‖ root`, big-endian;
//!    see [`sth`].
//! 3. **Key text forms, version 1** — see [`keys`].
//! 4. **Offline bundle, version 1** — JSON `{format, version, log, tree_heads, entries,
//!    leaf_hashes?}`; see [`bundle`].
//!
//! A change to any of these is a new version number, and readers keep accepting the old ones.
//!
//! # Typical use by the store
//!
//! ```
//! use ledger::{create_log, Entry, HashAlgorithm, SignatureAlgorithm};
//! use ledger::memory::MemoryStore;
//! use ledger::merkle::{self, Appender};
//!
//! let (meta, key) = create_log("fazhi:gov:1", "示例县人民政府", HashAlgorithm::Sm3,
//!                              SignatureAlgorithm::Sm2, 1_767_225_600_000).unwrap();
//! let mut store = MemoryStore::new(); // the store crate: the ledger_node table
//! let entry = Entry::new(0, "department", "1", "create", "系统", 1_767_225_600_000,
//!                        serde_json::json!({"name": "司法局"}));
//! // In the write transaction: read the left siblings, write the returned nodes.
//! let leaf = entry.leaf_hash(meta.hash_algorithm).unwrap();
//! for node in merkle::append_nodes(meta.hash_algorithm, &store, 0, leaf).unwrap() {
//!     store.insert(&node).unwrap();
//! }
//! let root = merkle::root(meta.hash_algorithm, &store, 1).unwrap();
//! let head = ledger::sign_tree_head(&meta, &key, 1, root, 1_767_225_600_001).unwrap();
//! head.verify(&meta).unwrap();
//! ```

pub mod api;
pub mod bundle;
pub mod entry;
pub mod hash;
pub mod jcs;
pub mod keys;
pub mod log;
pub mod memory;
pub mod merkle;
pub mod sth;
pub mod verify;

pub use bundle::{export, export_to, verify_bundle, verify_bundle_with_key};
pub use entry::{Content, Entry};
pub use hash::{Hash, HashAlgorithm};
pub use keys::{PublicKey, SignatureAlgorithm, SigningKey};
pub use log::{LogMetadata, create_log};
pub use sth::{SignedTreeHead, sign_tree_head};
pub use verify::{LogVerifier, VerifyError, VerifyReport, check_consistency, verify_log};

//! The tamper-evident log (防篡改日志) of fazhi. Docs to be completed.

pub mod hash;
pub mod jcs;
pub mod memory;
pub mod merkle;

pub use hash::{Hash, HashAlgorithm};

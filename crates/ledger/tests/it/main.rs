//! Integration tests of the ledger crate, in one binary to save link time.

mod adversarial;
mod jcs;
mod props;
mod signing;
mod tamper;
mod vectors;

use ledger::Hash;

/// Parses a hex hash in test data.
pub fn h(s: &str) -> Hash {
    Hash::from_hex(s).unwrap()
}

/// Decodes hex bytes in test data.
pub fn bytes(s: &str) -> Vec<u8> {
    ledger::hash::from_hex(s).unwrap()
}

//! ledger crate of fazhi.

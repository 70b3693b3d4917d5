//! domain crate of fazhi.

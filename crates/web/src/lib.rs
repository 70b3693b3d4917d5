//! web crate of fazhi.

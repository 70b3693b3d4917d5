//! store crate of fazhi.

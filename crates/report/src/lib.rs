//! report crate of fazhi.

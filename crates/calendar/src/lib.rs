//! calendar crate of fazhi.

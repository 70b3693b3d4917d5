//! demo crate of fazhi.

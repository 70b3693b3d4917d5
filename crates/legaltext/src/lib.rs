//! legaltext crate of fazhi.

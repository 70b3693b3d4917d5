//! Every record type, state machine and statutory rule of fazhi, with roles and permissions.
//!
//! Pure and synchronous: no SQL, no HTTP, no clock (time comes in as an argument), no randomness
//! (a seed comes in).

pub mod deadline_rules;

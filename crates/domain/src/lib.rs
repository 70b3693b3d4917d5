//! Every record type, state machine and statutory rule of fazhi, with roles and permissions.
//!
//! Pure and synchronous: no SQL, no HTTP, no clock (time comes in as an argument), no randomness
//! (a seed comes in). A refusal is data ([`Refusal`]): a stable code, a Chinese sentence and,
//! where a law is the reason, its [`LegalBasis`].

pub mod account;
pub mod deadline_rules;
pub mod enforcement;
pub mod indicators;
pub mod normative;
pub mod org;
pub mod permission;
pub mod refusal;

pub use refusal::{FieldErrors, LegalBasis, Refusal};

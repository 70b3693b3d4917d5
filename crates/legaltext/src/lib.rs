//! Chinese legal text for fazhi: numerals, script conversion, the legal text model
//! (编/分编/章/节/条/款/项/目), parsers for laws and normative documents, citation
//! extraction and resolution against the law corpus, and the automatic review rules.
//!
//! Architecture invariant: the crate is pure. It reads only files its caller names and
//! never touches the network, a database or the clock.

pub mod citation;
pub mod corpus;
pub mod document;
mod embedded;
pub mod input;
pub mod law;
pub mod model;
pub mod numerals;
pub mod opinion;
pub mod review;
pub mod rules;
pub mod script;
pub mod text;

pub use corpus::Corpus;
pub use opinion::{OpinionOptions, opinion_docx};
pub use review::{Review, review_bytes, review_file, review_text};

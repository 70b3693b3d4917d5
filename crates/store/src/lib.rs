//! Persistence for fazhi on SQLite (embedded, the default) or PostgreSQL, chosen at run time
//! from the database URL.
//!
//! The only crate that knows SQL. Every change of state goes through [`WriteTx`]: the new rows,
//! their ledger entry and their outbox row are committed in one transaction, or not at all.

mod accounts;
mod audit;
mod calendar_tables;
pub mod copy;
mod deadlines;
pub mod disclosures;
pub mod engine;
mod error;
pub mod evidence;
pub mod ledger;
pub mod migrations;
pub mod normative;
pub mod normative_flow;
mod officers;
mod org;
pub mod penalty;
pub mod penalty_flow;
pub mod powers;
pub mod schema;
pub mod summary;
pub mod test_support;
mod tx;
// Supervision of enforcement and inspections (issue #5 items 5 and 10).
pub mod case_reviews;
pub mod inspections;
pub mod letters;
pub mod supervision;

// Indicators (issue #9) and the annual report.
pub mod annual_reports;
pub mod indicators;

pub use accounts::{NewUser, SessionUser, User};
pub use audit::{AuditEntry, AuditFilter};
pub use calendar_tables::CalendarTableRow;
pub use deadlines::{NewDeadline, OpenDeadline};
pub use engine::{Engine, RawTx, Store};
pub use error::StoreError;
pub use evidence::{EvidenceFile, EvidenceLink};
pub use normative::{
    DocumentEvent, DocumentFilter, ImportedDocument, Issuer, IssuerInput, IssuerKind, NewText,
    StoredCampaign, StoredDocument, StoredObjection, TextSource, TextVersion,
};
pub use normative_flow::{NewDraft, NormativeEnv};
pub use officers::{
    OFFICER_RECORD_TYPE, OfficerFilter, OfficerRecord, parse_standing_code, parse_status_code,
    standing_code, status_code,
};
pub use org::{Department, Government, Region};
pub use penalty::{
    CaseEvent, CaseFilter, CaseSummary, CatalogueItem, Filing, NewCase, PartyDetails,
    PenaltySettings, StoredCase,
};
pub use powers::{PowerFields, PowerFilter, StoredPower, StoredStatusEvent};
pub use tx::{Actor, LedgerEntry, WriteTx};

/// Result of a store operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

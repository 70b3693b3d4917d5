//! API and page tests, driving the router in-process. Every test runs on SQLite and, when
//! reachable, PostgreSQL.

mod util;

mod accounts;
mod api;
mod calendar;
mod cases;
mod deadlines;
mod ledger;
mod matrix;
mod normative;
mod officers;
mod pages;
mod powers;
// Supervision of enforcement and inspections (issue #5 items 5 and 10).
mod supervision;

// Indicators (issue #9) and the annual report.
mod indicators;

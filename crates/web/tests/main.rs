//! API and page tests, driving the router in-process. Every test runs on SQLite and, when
//! reachable, PostgreSQL.

mod util;

mod accounts;
mod api;
mod calendar;
mod deadlines;
mod ledger;
mod matrix;
mod normative;
mod officers;
mod pages;
mod powers;

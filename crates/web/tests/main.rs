//! API and page tests, driving the router in-process. Every test runs on SQLite and, when
//! reachable, PostgreSQL.

mod util;

mod accounts;
mod api;
mod matrix;
mod pages;

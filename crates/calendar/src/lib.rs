//! Working-day calendar (工作日历) and statutory-deadline arithmetic for fazhi.
//!
//! The crate is pure: it parses its embedded holiday table once (see [`Calendar::official`])
//! and does no I/O afterwards. Administrators extend it with tables in the same text format
//! ([`parse_table`], [`CalendarBuilder`]).
//!
//! What it answers:
//! * whether a date is a working day (weekdays, minus public holidays and other rest days from
//!   the State Council's yearly notice, plus make-up working days, 调休上班);
//! * when a period ends ([`Calendar::due_date`], [`Calendar::deadline_due`]): calendar days,
//!   working days, months, years and hours, with suspensions (中止) and approved extensions (延长);
//! * the warning state of an open item ([`warning_state`]);
//! * small serializable reports for the `fazhi calendar …` commands ([`due_report`],
//!   [`working_day_report`]).
//!
//! Every answer that touches a date outside the years the tables cover is computed from
//! weekends alone and says so with `provisional: true`.

mod calendar;
mod period;
mod report;
mod table;
mod warning;

pub use crate::calendar::{Calendar, CalendarBuilder, CalendarError, DayInfo, DayKind};
pub use crate::period::{
    Approval, Deadline, DueDate, DueTime, Extension, Period, Suspension, Unit,
};
pub use crate::report::{DueReport, WorkingDayReport, due_report, working_day_report};
pub use crate::table::{
    HolidayTable, Notice, ParseError, ParseErrorKind, TableDay, TableDayKind, TableErrors,
    YearTable, parse_table,
};
pub use crate::warning::{WarningPolicy, WarningState, warning_state};

/// Date types of the API, re-exported so that users need no direct chrono dependency.
pub use chrono::{Datelike, Days, NaiveDate, NaiveDateTime};

/// The embedded official table: State Council holiday notices for 2010–2026.
pub const OFFICIAL_TABLE: &str = include_str!("../data/holidays.tsv");

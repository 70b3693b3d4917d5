//! Serializable answers for the `fazhi calendar due` and `fazhi calendar is-working-day`
//! commands, so that the CLI only parses arguments and prints.

use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::{Calendar, CalendarError};
use crate::period::{Period, Unit};

/// Answer of `fazhi calendar due`. Its JSON form is part of the CLI's output contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DueReport {
    /// The trigger date (not counted).
    pub from: NaiveDate,
    /// The period length.
    pub length: u32,
    /// The unit: `working`, `calendar`, `month` or `year`.
    pub unit: &'static str,
    /// The due date.
    pub due: NaiveDate,
    /// Whether a year without a table lies between `from` and `due`.
    pub provisional: bool,
    /// Whether the plain end fell on a rest day and moved to the next working day.
    pub rolled_over: bool,
}

impl fmt::Display for DueReport {
    /// Just the date, `YYYY-MM-DD`: the plain-text output of the command.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.due.format("%Y-%m-%d"))
    }
}

/// Answer of `fazhi calendar is-working-day`. Its JSON form is part of the CLI's output contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WorkingDayReport {
    /// The date asked about.
    pub date: NaiveDate,
    /// Whether it is a working day.
    pub working_day: bool,
    /// `working_day`, `make_up_working_day`, `weekend`, `public_holiday` or `rest_day`.
    pub kind: &'static str,
    /// The festival the tables list it under, if any.
    pub festival: Option<String>,
    /// Whether no table covers the date's year (weekends only).
    pub provisional: bool,
}

impl fmt::Display for WorkingDayReport {
    /// `YYYY-MM-DD working|rest (kind[, festival])[ provisional]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = if self.working_day { "working" } else { "rest" };
        write!(
            f,
            "{} {verdict} ({}",
            self.date.format("%Y-%m-%d"),
            self.kind
        )?;
        if let Some(festival) = &self.festival {
            write!(f, ", {festival}")?;
        }
        f.write_str(")")?;
        if self.provisional {
            f.write_str(" provisional")?;
        }
        Ok(())
    }
}

/// Computes `fazhi calendar due --from FROM --days LENGTH --unit UNIT`.
///
/// `unit` is parsed with [`Unit::from_str`](std::str::FromStr) (`working`, `calendar`,
/// `month`, `year`); `hour` is refused because the command takes a date.
pub fn due_report(
    calendar: &Calendar,
    from: NaiveDate,
    length: i64,
    unit: &str,
) -> Result<DueReport, CalendarError> {
    let unit: Unit = unit.parse()?;
    let period = Period::new(length, unit)?;
    let due = calendar.due_date(from, period)?;
    Ok(DueReport {
        from,
        length: period.length(),
        unit: unit.as_str(),
        due: due.due,
        provisional: due.provisional,
        rolled_over: due.rolled_over,
    })
}

/// Computes `fazhi calendar is-working-day DATE`.
pub fn working_day_report(
    calendar: &Calendar,
    date: NaiveDate,
) -> Result<WorkingDayReport, CalendarError> {
    let day = calendar.day(date)?;
    Ok(WorkingDayReport {
        date,
        working_day: day.kind.is_working_day(),
        kind: day.kind.as_str(),
        festival: day.festival,
        provisional: day.provisional,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn due_report_text_and_json() {
        let report = due_report(Calendar::official(), d(2024, 2, 8), 5, "working").expect("report");
        assert_eq!(report.to_string(), "2024-02-21");
        assert_eq!(
            serde_json::to_string(&report).expect("json"),
            r#"{"from":"2024-02-08","length":5,"unit":"working","due":"2024-02-21","provisional":false,"rolled_over":false}"#
        );
    }

    #[test]
    fn due_report_refuses_bad_arguments() {
        let cal = Calendar::official();
        assert_eq!(
            due_report(cal, d(2024, 2, 8), -5, "working"),
            Err(CalendarError::NegativeLength(-5))
        );
        assert_eq!(
            due_report(cal, d(2024, 2, 8), 5, "weeks"),
            Err(CalendarError::UnknownUnit("weeks".into()))
        );
        assert_eq!(
            due_report(cal, d(2024, 2, 8), 5, "hour"),
            Err(CalendarError::HourPeriodNeedsTime)
        );
    }

    #[test]
    fn working_day_report_text_and_json() {
        let report = working_day_report(Calendar::official(), d(2024, 2, 4)).expect("report");
        assert_eq!(
            report.to_string(),
            "2024-02-04 working (make_up_working_day, 春节)"
        );
        assert_eq!(
            serde_json::to_string(&report).expect("json"),
            r#"{"date":"2024-02-04","working_day":true,"kind":"make_up_working_day","festival":"春节","provisional":false}"#
        );
        let later = working_day_report(Calendar::official(), d(2030, 1, 5)).expect("report");
        assert_eq!(later.to_string(), "2030-01-05 rest (weekend) provisional");
    }
}

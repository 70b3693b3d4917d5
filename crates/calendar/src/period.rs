//! Periods and deadlines: units, suspensions (中止), approved extensions (延长) and the rules
//! that turn a trigger date into a due date.
//!
//! Rules (STATUTES.md §1):
//! * the day of the triggering event is not counted (民事诉讼法 art. 85, 民法典 art. 201);
//! * working-day periods skip weekends, public holidays and other rest days, and count make-up
//!   working days (行政处罚法 art. 85, 行政许可法 art. 82, 行政强制法 art. 69, 行政复议法 art. 88);
//! * calendar-day, month and year periods whose last day is a rest day end on the next working
//!   day (民事诉讼法 art. 85, 民法典 art. 203);
//! * month and year periods end on the corresponding day, or the month's last day when there is
//!   none (民法典 art. 202: 2024-01-31 + 1 month = 2024-02-29);
//! * hour periods run from the hour of the event, which is not counted, with no roll-over.

use std::fmt;
use std::str::FromStr;

use chrono::{Duration, Months, NaiveDate, NaiveDateTime};

use crate::calendar::{Calendar, CalendarError};

/// Largest accepted period length, far beyond any statutory period, so that arithmetic
/// cannot overflow.
const MAX_LENGTH: i64 = 100_000;

/// The unit a period is counted in; which one applies comes from each law's definition clause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Unit {
    /// 日 counted as calendar days, rolled forward off a rest day at the end.
    CalendarDay,
    /// 工作日: working days only.
    WorkingDay,
    /// 月: corresponding day of the month, month-end clamp, roll-over.
    Month,
    /// 年: twelve months.
    Year,
    /// 小时.
    Hour,
}

impl Unit {
    /// Stable name used on the command line and in JSON: `calendar`, `working`, `month`,
    /// `year`, `hour`.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::CalendarDay => "calendar",
            Unit::WorkingDay => "working",
            Unit::Month => "month",
            Unit::Year => "year",
            Unit::Hour => "hour",
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Unit {
    type Err = CalendarError;

    /// Accepts the English names (`working`, `calendar`, `month`, `year`, `hour`, with an
    /// optional plural `s`) and the Chinese ones (工作日, 日, 月, 年, 小时).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim() {
            "working" | "workings" | "working-day" | "working-days" | "wd" | "工作日" => {
                Ok(Unit::WorkingDay)
            }
            "calendar" | "day" | "days" | "calendar-day" | "calendar-days" | "日" | "天" => {
                Ok(Unit::CalendarDay)
            }
            "month" | "months" | "月" | "个月" => Ok(Unit::Month),
            "year" | "years" | "年" => Ok(Unit::Year),
            "hour" | "hours" | "小时" => Ok(Unit::Hour),
            other => Err(CalendarError::UnknownUnit(other.to_owned())),
        }
    }
}

/// A length in a unit: "7 working days", "90 days", "3 months".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Period {
    length: u32,
    unit: Unit,
}

impl Period {
    /// A period from an untrusted length (e.g. a command-line argument): negative or absurdly
    /// large lengths are refused.
    pub fn new(length: i64, unit: Unit) -> Result<Self, CalendarError> {
        if length < 0 {
            return Err(CalendarError::NegativeLength(length));
        }
        if length > MAX_LENGTH {
            return Err(CalendarError::LengthTooLarge(length));
        }
        Ok(Period {
            length: length as u32,
            unit,
        })
    }

    /// `n` calendar days.
    pub const fn days(n: u32) -> Self {
        Period {
            length: n,
            unit: Unit::CalendarDay,
        }
    }

    /// `n` working days.
    pub const fn working_days(n: u32) -> Self {
        Period {
            length: n,
            unit: Unit::WorkingDay,
        }
    }

    /// `n` months.
    pub const fn months(n: u32) -> Self {
        Period {
            length: n,
            unit: Unit::Month,
        }
    }

    /// `n` years.
    pub const fn years(n: u32) -> Self {
        Period {
            length: n,
            unit: Unit::Year,
        }
    }

    /// `n` hours.
    pub const fn hours(n: u32) -> Self {
        Period {
            length: n,
            unit: Unit::Hour,
        }
    }

    /// The length.
    pub const fn length(self) -> u32 {
        self.length
    }

    /// The unit.
    pub const fn unit(self) -> Unit {
        self.unit
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.length, self.unit)
    }
}

/// Who approved an extension, and when: an extension without its approval is not an extension.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Approval {
    /// The approving authority, e.g. "本机关负责人" or "上一级行政机关".
    pub authority: String,
    /// Date of approval.
    pub approved_on: NaiveDate,
    /// Document or record reference of the approval, if any.
    pub reference: Option<String>,
}

/// An approved extension (延长) of a period, counted from the end of the period it extends.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Extension {
    /// The extra length; its unit may differ from the base period's.
    pub period: Period,
    /// The approval.
    pub approval: Approval,
}

/// A span during which the clock stops (中止); it resumes the day after `until`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Suspension {
    /// First suspended day.
    pub from: NaiveDate,
    /// Last suspended day (inclusive).
    pub until: NaiveDate,
    /// Why (e.g. "听证", "检测、鉴定", "征求第三方意见").
    pub reason: String,
}

/// A statutory deadline as data: trigger date, period, suspensions and extensions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// The triggering event's date (day 0, not counted).
    pub trigger: NaiveDate,
    /// The period.
    pub period: Period,
    /// Spans during which the clock stopped.
    pub suspensions: Vec<Suspension>,
    /// Approved extensions, applied in order.
    pub extensions: Vec<Extension>,
}

impl Deadline {
    /// A deadline with no suspension and no extension.
    pub fn new(trigger: NaiveDate, period: Period) -> Self {
        Deadline {
            trigger,
            period,
            suspensions: Vec::new(),
            extensions: Vec::new(),
        }
    }
}

/// A computed due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueDate {
    /// The last day of the period.
    pub due: NaiveDate,
    /// True when a year without a table lies between trigger and due date, so the answer
    /// may change when that year's notice comes out.
    pub provisional: bool,
    /// True when the plain end fell on a rest day and was moved to the next working day.
    pub rolled_over: bool,
}

/// A computed due time for an hour period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueTime {
    /// The moment the period ends.
    pub due: NaiveDateTime,
}

impl Calendar {
    /// The due date of `period` started by an event on `trigger`.
    pub fn due_date(&self, trigger: NaiveDate, period: Period) -> Result<DueDate, CalendarError> {
        self.deadline_due(&Deadline::new(trigger, period))
    }

    /// The due date of a deadline with its suspensions and extensions.
    pub fn deadline_due(&self, deadline: &Deadline) -> Result<DueDate, CalendarError> {
        let suspensions = merged(&deadline.suspensions)?;
        let mut end = self.advance(deadline.trigger, deadline.period, &suspensions)?;
        for extension in &deadline.extensions {
            end = self.advance(end, extension.period, &suspensions)?;
        }
        let due = self.next_working_day_on_or_after(end)?;
        Ok(DueDate {
            due,
            provisional: self.is_provisional(deadline.trigger, due)?,
            rolled_over: due != end,
        })
    }

    /// The latest date on which something must happen when the law says it must happen
    /// `period` before `event` (e.g. a hearing notice 7 working days before the hearing):
    /// counted back from the event, the event's day not counted. A calendar-day result that
    /// falls on a rest day moves back to the previous working day, the safe side for the
    /// agency \[practice\].
    pub fn latest_before(
        &self,
        event: NaiveDate,
        period: Period,
    ) -> Result<DueDate, CalendarError> {
        let n = period.length();
        let raw = match period.unit() {
            Unit::WorkingDay => self.sub_working_days(event, n)?,
            Unit::CalendarDay => checked_sub_days(event, n)?,
            Unit::Month => event
                .checked_sub_months(Months::new(n))
                .ok_or(CalendarError::OutOfRange(event))?,
            Unit::Year => event
                .checked_sub_months(Months::new(n.saturating_mul(12)))
                .ok_or(CalendarError::OutOfRange(event))?,
            Unit::Hour => return Err(CalendarError::HourPeriodNeedsTime),
        };
        let due = self.previous_working_day_on_or_before(raw)?;
        Ok(DueDate {
            due,
            provisional: self.is_provisional(due, event)?,
            rolled_over: due != raw,
        })
    }

    /// The end of an hour period started at `start` (the starting hour not counted). Hours run
    /// round the clock, without roll-over; other units are refused.
    pub fn due_at(&self, start: NaiveDateTime, period: Period) -> Result<DueTime, CalendarError> {
        if period.unit() != Unit::Hour {
            return Err(CalendarError::UnknownUnit(
                period.unit().as_str().to_owned(),
            ));
        }
        let due = start + Duration::hours(i64::from(period.length()));
        self.index(due.date())?;
        Ok(DueTime { due })
    }

    /// The plain end (before roll-over) of `period` after `from`, skipping suspended days.
    fn advance(
        &self,
        from: NaiveDate,
        period: Period,
        suspensions: &[(NaiveDate, NaiveDate)],
    ) -> Result<NaiveDate, CalendarError> {
        let n = i64::from(period.length());
        match period.unit() {
            Unit::CalendarDay | Unit::WorkingDay => {
                let unit = period.unit();
                let mut remaining = n;
                let mut cursor = from;
                for &(first, last) in suspensions {
                    if last <= cursor {
                        continue;
                    }
                    let start = first.max(cursor + Duration::days(1));
                    let before = self.count(unit, cursor, start - Duration::days(1))?;
                    if before >= remaining {
                        break;
                    }
                    remaining -= before;
                    cursor = last;
                }
                self.step(unit, cursor, remaining)
            }
            Unit::Month | Unit::Year => {
                let months = if period.unit() == Unit::Year {
                    n * 12
                } else {
                    n
                };
                let base = from
                    .checked_add_months(Months::new(months as u32))
                    .ok_or(CalendarError::PastEndOfRange)?;
                // Suspended days inside the period push its end out by as many days; repeat
                // until the pushed end takes in no further suspended day.
                let mut end = base;
                loop {
                    let extra: i64 = suspensions
                        .iter()
                        .map(|&(first, last)| {
                            let a = first.max(from + Duration::days(1));
                            let b = last.min(end);
                            (b - a).num_days().max(-1) + 1
                        })
                        .sum();
                    let next = checked_add_days(base, extra)?;
                    if next == end {
                        break;
                    }
                    end = next;
                }
                self.index(end)?;
                Ok(end)
            }
            Unit::Hour => Err(CalendarError::HourPeriodNeedsTime),
        }
    }

    /// Units of `unit` in the half-open span (`from`, `to`].
    fn count(&self, unit: Unit, from: NaiveDate, to: NaiveDate) -> Result<i64, CalendarError> {
        match unit {
            Unit::WorkingDay => self.working_days_between(from, to),
            _ => Ok((to - from).num_days()),
        }
    }

    /// `n` units of `unit` after `from` (day unit only).
    fn step(&self, unit: Unit, from: NaiveDate, n: i64) -> Result<NaiveDate, CalendarError> {
        match unit {
            Unit::WorkingDay => self.add_working_days(from, n as u32),
            _ => {
                let end = checked_add_days(from, n)?;
                self.index(end)?;
                Ok(end)
            }
        }
    }
}

fn checked_add_days(date: NaiveDate, n: i64) -> Result<NaiveDate, CalendarError> {
    date.checked_add_signed(Duration::days(n))
        .ok_or(CalendarError::PastEndOfRange)
}

fn checked_sub_days(date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
    date.checked_sub_signed(Duration::days(i64::from(n)))
        .ok_or(CalendarError::OutOfRange(date))
}

/// Suspensions sorted and merged into disjoint inclusive spans.
fn merged(suspensions: &[Suspension]) -> Result<Vec<(NaiveDate, NaiveDate)>, CalendarError> {
    let mut spans = Vec::with_capacity(suspensions.len());
    for s in suspensions {
        if s.until < s.from {
            return Err(CalendarError::ReversedSuspension {
                from: s.from,
                until: s.until,
            });
        }
        spans.push((s.from, s.until));
    }
    spans.sort();
    let mut out: Vec<(NaiveDate, NaiveDate)> = Vec::with_capacity(spans.len());
    for (first, last) in spans {
        match out.last_mut() {
            Some(prev) if first <= prev.1 + Duration::days(1) => prev.1 = prev.1.max(last),
            _ => out.push((first, last)),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    fn approval() -> Approval {
        Approval {
            authority: "本机关负责人".into(),
            approved_on: d(2024, 3, 1),
            reference: None,
        }
    }

    #[test]
    fn calendar_days_roll_over_a_rest_day() {
        let cal = Calendar::official();
        // 2024-09-20 + 15 days = 2024-10-05, inside National Day: ends 2024-10-08.
        let due = cal.due_date(d(2024, 9, 20), Period::days(15)).expect("due");
        assert_eq!(
            due,
            DueDate {
                due: d(2024, 10, 8),
                provisional: false,
                rolled_over: true
            }
        );
        // Ending on the 2024-10-12 make-up Saturday: a working day, no roll-over.
        let due = cal.due_date(d(2024, 9, 27), Period::days(15)).expect("due");
        assert_eq!(due.due, d(2024, 10, 12));
        assert!(!due.rolled_over);
    }

    #[test]
    fn months_clamp_to_month_end_and_roll_over() {
        let cal = Calendar::official();
        // 民法典 art. 202 examples.
        assert_eq!(
            cal.due_date(d(2024, 1, 31), Period::months(1))
                .map(|x| x.due),
            Ok(d(2024, 2, 29))
        );
        // 2023-02-28 is a Tuesday.
        assert_eq!(
            cal.due_date(d(2023, 1, 31), Period::months(1))
                .map(|x| x.due),
            Ok(d(2023, 2, 28))
        );
        // 2024-08-01 + 2 months = 2024-10-01 (National Day) → 2024-10-08.
        assert_eq!(
            cal.due_date(d(2024, 8, 1), Period::months(2))
                .map(|x| x.due),
            Ok(d(2024, 10, 8))
        );
        // 2024-02-29 + 1 year = 2025-02-28 (Friday).
        assert_eq!(
            cal.due_date(d(2024, 2, 29), Period::years(1))
                .map(|x| x.due),
            Ok(d(2025, 2, 28))
        );
    }

    #[test]
    fn suspension_stops_the_working_day_clock() {
        let cal = Calendar::official();
        // 20 working days from Monday 2024-03-04 is 2024-04-01; a hearing from 03-11 to 03-15
        // (5 working days) suspends the clock, so it ends 5 working days later.
        let mut deadline = Deadline::new(d(2024, 3, 4), Period::working_days(20));
        assert_eq!(
            cal.deadline_due(&deadline).map(|x| x.due),
            Ok(d(2024, 4, 1))
        );
        deadline.suspensions.push(Suspension {
            from: d(2024, 3, 11),
            until: d(2024, 3, 15),
            reason: "听证".into(),
        });
        // 2024-04-04..06 is Qingming, 04-07 a make-up Sunday.
        assert_eq!(
            cal.deadline_due(&deadline).map(|x| x.due),
            Ok(d(2024, 4, 9))
        );
    }

    #[test]
    fn suspension_of_calendar_and_month_clocks() {
        let cal = Calendar::official();
        let mut deadline = Deadline::new(d(2024, 3, 1), Period::days(10));
        deadline.suspensions.push(Suspension {
            from: d(2024, 3, 5),
            until: d(2024, 3, 7),
            reason: "鉴定".into(),
        });
        // 3 suspended days: 03-11 → 03-14.
        assert_eq!(
            cal.deadline_due(&deadline).map(|x| x.due),
            Ok(d(2024, 3, 14))
        );
        let mut deadline = Deadline::new(d(2024, 3, 1), Period::months(1));
        deadline.suspensions.push(Suspension {
            from: d(2024, 3, 5),
            until: d(2024, 3, 7),
            reason: "鉴定".into(),
        });
        // 04-01 + 3 days = 04-04, Qingming → 04-07 (make-up Sunday).
        assert_eq!(
            cal.deadline_due(&deadline).map(|x| x.due),
            Ok(d(2024, 4, 7))
        );
        // A suspension before the trigger changes nothing.
        let mut deadline = Deadline::new(d(2024, 3, 1), Period::days(10));
        deadline.suspensions.push(Suspension {
            from: d(2024, 2, 1),
            until: d(2024, 3, 1),
            reason: "x".into(),
        });
        assert_eq!(
            cal.deadline_due(&deadline).map(|x| x.due),
            Ok(d(2024, 3, 11))
        );
    }

    #[test]
    fn extension_counts_from_the_end_of_the_period() {
        let cal = Calendar::official();
        // 行政许可法 art. 42: 20 working days + 10 with the head's approval.
        let mut deadline = Deadline::new(d(2024, 3, 4), Period::working_days(20));
        deadline.extensions.push(Extension {
            period: Period::working_days(10),
            approval: approval(),
        });
        assert_eq!(
            cal.deadline_due(&deadline).map(|x| x.due),
            Ok(d(2024, 4, 16))
        );
    }

    #[test]
    fn bad_input_is_a_typed_error() {
        let cal = Calendar::official();
        assert_eq!(
            Period::new(-1, Unit::WorkingDay),
            Err(CalendarError::NegativeLength(-1))
        );
        assert_eq!(
            Period::new(100_001, Unit::CalendarDay),
            Err(CalendarError::LengthTooLarge(100_001))
        );
        assert_eq!(
            "fortnight".parse::<Unit>(),
            Err(CalendarError::UnknownUnit("fortnight".into()))
        );
        assert_eq!(
            cal.due_date(d(2024, 1, 1), Period::hours(24)),
            Err(CalendarError::HourPeriodNeedsTime)
        );
        let mut deadline = Deadline::new(d(2024, 3, 1), Period::days(10));
        deadline.suspensions.push(Suspension {
            from: d(2024, 3, 7),
            until: d(2024, 3, 5),
            reason: "x".into(),
        });
        assert!(matches!(
            cal.deadline_due(&deadline),
            Err(CalendarError::ReversedSuspension { .. })
        ));
        assert_eq!(
            cal.due_date(d(2199, 12, 1), Period::months(2)),
            Err(CalendarError::OutOfRange(d(2200, 2, 1)))
        );
    }

    #[test]
    fn provisional_after_the_last_table() {
        let cal = Calendar::official();
        let due = cal
            .due_date(d(2026, 12, 20), Period::working_days(10))
            .expect("due");
        assert!(due.provisional);
        assert!(
            !cal.due_date(d(2026, 11, 20), Period::working_days(10))
                .expect("due")
                .provisional
        );
    }

    #[test]
    fn hours_run_round_the_clock() {
        let cal = Calendar::official();
        let start = d(2024, 2, 9).and_hms_opt(15, 30, 0).expect("time");
        assert_eq!(
            cal.due_at(start, Period::hours(24)).map(|x| x.due),
            Ok(d(2024, 2, 10).and_hms_opt(15, 30, 0).expect("time"))
        );
    }

    #[test]
    fn latest_before_counts_back() {
        let cal = Calendar::official();
        // A hearing on Monday 2024-02-19: 7 working days before is the 2024-02-04 make-up Sunday (02-18 counts too).
        assert_eq!(
            cal.latest_before(d(2024, 2, 19), Period::working_days(7))
                .map(|x| x.due),
            Ok(d(2024, 2, 4))
        );
        // 30 days before 2024-10-31 is 2024-10-01 (holiday) → 2024-09-30.
        let due = cal
            .latest_before(d(2024, 10, 31), Period::days(30))
            .expect("due");
        assert_eq!(due.due, d(2024, 9, 30));
        assert!(due.rolled_over);
    }
}

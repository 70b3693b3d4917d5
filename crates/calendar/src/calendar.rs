//! The [`Calendar`]: day kinds for every date in a fixed range, with precomputed indexes so
//! that working-day arithmetic is O(1) per query (a cumulative count of working days per
//! date and the position of every working day).
//!
//! Invariant: built once from tables, then read-only; no I/O.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::table::{HolidayTable, Notice, TableDayKind, YearTable, parse_table};

/// First date the calendar can answer for.
const FIRST_YEAR: i32 = 1980;
/// Last year the calendar can answer for (through 31 December).
const LAST_YEAR: i32 = 2199;

/// What kind of day a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayKind {
    /// An ordinary Monday–Friday working day.
    WorkingDay,
    /// A Saturday or Sunday made a working day by the arrangement (调休上班).
    MakeUpWorkingDay,
    /// An ordinary Saturday or Sunday.
    Weekend,
    /// A statutory public-holiday date (法定节假日).
    PublicHoliday,
    /// Another rest day of the arrangement (swapped or compensating day, one-off or local holiday).
    RestDay,
}

impl DayKind {
    /// Whether agencies work on this day: the unit that working-day periods count.
    pub fn is_working_day(self) -> bool {
        matches!(self, DayKind::WorkingDay | DayKind::MakeUpWorkingDay)
    }

    /// Stable snake_case name, used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            DayKind::WorkingDay => "working_day",
            DayKind::MakeUpWorkingDay => "make_up_working_day",
            DayKind::Weekend => "weekend",
            DayKind::PublicHoliday => "public_holiday",
            DayKind::RestDay => "rest_day",
        }
    }
}

/// Everything the calendar knows about one date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayInfo {
    /// The date.
    pub date: NaiveDate,
    /// Its kind.
    pub kind: DayKind,
    /// The festival a table lists it under, if any.
    pub festival: Option<String>,
    /// True when no table covers the date's year, so only weekends were applied.
    pub provisional: bool,
}

/// Errors of calendar arithmetic.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// A date (given or computed) outside the range the calendar covers.
    #[error("date {0} is outside the supported range 1980-01-01..=2199-12-31")]
    OutOfRange(NaiveDate),
    /// A computed date that would pass the end of the supported range.
    #[error("the period runs past 2199-12-31")]
    PastEndOfRange,
    /// A negative period length.
    #[error("period length must not be negative, got {0}")]
    NegativeLength(i64),
    /// A period length beyond any statutory period.
    #[error("period length {0} is too large (at most 100000)")]
    LengthTooLarge(i64),
    /// A unit name the parser does not know.
    #[error("unknown unit `{0}` (expected working, calendar, month, year or hour)")]
    UnknownUnit(String),
    /// An hour period given to a date-only computation.
    #[error("an hour period needs a time of day: use Calendar::due_at")]
    HourPeriodNeedsTime,
    /// A suspension whose end precedes its start.
    #[error("suspension from {from} until {until} ends before it starts")]
    ReversedSuspension {
        /// First suspended day.
        from: NaiveDate,
        /// Last suspended day.
        until: NaiveDate,
    },
}

/// The working-day calendar: official tables plus administrators' imports.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// `num_days_from_ce` of 1980-01-01: index 0 of every vector below.
    origin: i32,
    /// Kind of each day.
    kinds: Vec<DayKind>,
    /// `cum_working[i]` = working days among indexes `0..i` (length n + 1).
    cum_working: Vec<u32>,
    /// Index of the k-th working day.
    working_index: Vec<u32>,
    /// `cum_unknown[i]` = days among `0..i` in years without a table (length n + 1).
    cum_unknown: Vec<u32>,
    /// Festival names of listed days.
    festivals: BTreeMap<NaiveDate, String>,
    /// Provenance per covered year.
    notices: BTreeMap<i32, Vec<Notice>>,
}

/// Builds a [`Calendar`] from year tables and overlays.
#[derive(Debug, Clone, Default)]
pub struct CalendarBuilder {
    years: BTreeMap<i32, YearTable>,
    overlays: Vec<YearTable>,
}

impl CalendarBuilder {
    /// A builder with no tables: every year is provisional (weekends only).
    pub fn empty() -> Self {
        Self::default()
    }

    /// A builder holding the embedded official table.
    pub fn official() -> Self {
        Self::empty().with_years(official_table().clone())
    }

    /// Adds year arrangements; a year already present is replaced whole (a corrected or newly
    /// published national arrangement). The years become known (not provisional).
    pub fn with_years(mut self, table: HolidayTable) -> Self {
        for year in table.years {
            self.years.insert(year.year, year);
        }
        self
    }

    /// Adds an overlay applied date by date on top of the year arrangements, e.g. a local
    /// holiday of an autonomous region (放假办法 art. 4) or an emergency change. Overlays do
    /// not make a year known: a year with only an overlay stays provisional.
    pub fn with_overlay(mut self, table: HolidayTable) -> Self {
        self.overlays.extend(table.years);
        self
    }

    /// Builds the calendar and its indexes.
    pub fn build(self) -> Calendar {
        let first = NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap_or(NaiveDate::MIN);
        let last = NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).unwrap_or(NaiveDate::MAX);
        let origin = first.num_days_from_ce();
        let n_days = (last.num_days_from_ce() - origin + 1) as usize;

        let mut kinds: Vec<DayKind> = first
            .iter_days()
            .take(n_days)
            .map(|d| match d.weekday() {
                Weekday::Sat | Weekday::Sun => DayKind::Weekend,
                _ => DayKind::WorkingDay,
            })
            .collect();
        let mut festivals = BTreeMap::new();
        let mut notices = BTreeMap::new();
        let known_years: BTreeSet<i32> = self.years.keys().copied().collect();

        // Blocks apply in year order, then overlays in the order given: later wins per date.
        for block in self.years.values().chain(self.overlays.iter()) {
            for day in &block.days {
                let idx = (day.date.num_days_from_ce() - origin) as usize;
                kinds[idx] = match day.kind {
                    TableDayKind::PublicHoliday => DayKind::PublicHoliday,
                    TableDayKind::RestDay => DayKind::RestDay,
                    TableDayKind::MakeUpWorkingDay => DayKind::MakeUpWorkingDay,
                };
                festivals.insert(day.date, day.festival.clone());
            }
        }
        for block in self.years.into_values() {
            notices.insert(block.year, block.notices);
        }

        let mut cum_working = Vec::with_capacity(n_days + 1);
        let mut cum_unknown = Vec::with_capacity(n_days + 1);
        let mut working_index = Vec::with_capacity(n_days);
        let (mut n_working, mut n_unknown) = (0u32, 0u32);
        for (idx, (kind, date)) in kinds.iter().zip(first.iter_days()).enumerate() {
            cum_working.push(n_working);
            cum_unknown.push(n_unknown);
            if kind.is_working_day() {
                working_index.push(idx as u32);
                n_working += 1;
            }
            if !known_years.contains(&date.year()) {
                n_unknown += 1;
            }
        }
        cum_working.push(n_working);
        cum_unknown.push(n_unknown);

        Calendar {
            origin,
            kinds,
            cum_working,
            working_index,
            cum_unknown,
            festivals,
            notices,
        }
    }
}

/// The embedded table, parsed once.
fn official_table() -> &'static HolidayTable {
    static TABLE: OnceLock<HolidayTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        // The embedded file is checked by this crate's tests, so a failure here is a build
        // defect, not a runtime condition.
        parse_table(crate::OFFICIAL_TABLE).unwrap_or_else(|e| panic!("embedded holiday table: {e}"))
    })
}

impl Calendar {
    /// The official calendar (embedded State Council tables), built once per process.
    pub fn official() -> &'static Calendar {
        static CALENDAR: OnceLock<Calendar> = OnceLock::new();
        CALENDAR.get_or_init(|| CalendarBuilder::official().build())
    }

    /// A builder seeded with the official tables, to add imports to.
    pub fn builder() -> CalendarBuilder {
        CalendarBuilder::official()
    }

    /// The years covered by year arrangements (not provisional), ascending.
    pub fn known_years(&self) -> impl Iterator<Item = i32> + '_ {
        self.notices.keys().copied()
    }

    /// The notices a year's arrangement comes from (empty for a provisional year).
    pub fn notices(&self, year: i32) -> &[Notice] {
        self.notices.get(&year).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The kind of a date.
    pub fn day_kind(&self, date: NaiveDate) -> Result<DayKind, CalendarError> {
        Ok(self.kinds[self.index(date)?])
    }

    /// Whether a date is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        Ok(self.day_kind(date)?.is_working_day())
    }

    /// Everything known about a date.
    pub fn day(&self, date: NaiveDate) -> Result<DayInfo, CalendarError> {
        let idx = self.index(date)?;
        Ok(DayInfo {
            date,
            kind: self.kinds[idx],
            festival: self.festivals.get(&date).cloned(),
            provisional: self.cum_unknown[idx + 1] > self.cum_unknown[idx],
        })
    }

    /// Whether any day from `first` to `last` (inclusive, either order) lies in a year
    /// without a table.
    pub fn is_provisional(&self, first: NaiveDate, last: NaiveDate) -> Result<bool, CalendarError> {
        let (a, b) = (self.index(first.min(last))?, self.index(first.max(last))?);
        Ok(self.cum_unknown[b + 1] > self.cum_unknown[a])
    }

    /// The date `n` working days after `date`; `date` itself is not counted, so for n ≥ 1
    /// the result is the n-th working day after it, and for n = 0 it is `date`.
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        if n == 0 {
            self.index(date)?;
            return Ok(date);
        }
        let idx = self.index(date)?;
        let k = self.cum_working[idx + 1] as usize + n as usize - 1;
        self.working_day_at(k)
    }

    /// The n-th working day before `date` (`date` not counted); `date` itself for n = 0.
    pub fn sub_working_days(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        if n == 0 {
            self.index(date)?;
            return Ok(date);
        }
        let idx = self.index(date)?;
        let before = self.cum_working[idx] as usize;
        match before.checked_sub(n as usize) {
            Some(k) => self.working_day_at(k),
            None => Err(CalendarError::OutOfRange(date)),
        }
    }

    /// Working days in the half-open span (`from`, `to`]: after `from`, up to and including
    /// `to`. Negative when `to` is before `from`.
    pub fn working_days_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<i64, CalendarError> {
        let (a, b) = (self.index(from)?, self.index(to)?);
        Ok(i64::from(self.cum_working[b + 1]) - i64::from(self.cum_working[a + 1]))
    }

    /// `date` if it is a working day, else the next working day.
    pub fn next_working_day_on_or_after(
        &self,
        date: NaiveDate,
    ) -> Result<NaiveDate, CalendarError> {
        let idx = self.index(date)?;
        self.working_day_at(self.cum_working[idx] as usize)
    }

    /// `date` if it is a working day, else the last working day before it.
    pub fn previous_working_day_on_or_before(
        &self,
        date: NaiveDate,
    ) -> Result<NaiveDate, CalendarError> {
        let idx = self.index(date)?;
        match (self.cum_working[idx + 1] as usize).checked_sub(1) {
            Some(k) => self.working_day_at(k),
            None => Err(CalendarError::OutOfRange(date)),
        }
    }

    fn working_day_at(&self, k: usize) -> Result<NaiveDate, CalendarError> {
        let idx = *self
            .working_index
            .get(k)
            .ok_or(CalendarError::PastEndOfRange)?;
        Ok(self.date_at(idx as usize))
    }

    pub(crate) fn index(&self, date: NaiveDate) -> Result<usize, CalendarError> {
        let offset = date.num_days_from_ce() - self.origin;
        if offset < 0 || offset as usize >= self.kinds.len() {
            return Err(CalendarError::OutOfRange(date));
        }
        Ok(offset as usize)
    }

    fn date_at(&self, idx: usize) -> NaiveDate {
        // idx < kinds.len() by construction, so the date exists.
        NaiveDate::from_num_days_from_ce_opt(self.origin + idx as i32).unwrap_or(NaiveDate::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn official_table_parses_and_covers_2010_to_2026() {
        let cal = Calendar::official();
        assert_eq!(
            cal.known_years().collect::<Vec<_>>(),
            (2010..=2026).collect::<Vec<_>>()
        );
        assert_eq!(cal.notices(2024)[0].number, "国办发明电〔2023〕7号");
        assert!(cal.notices(2027).is_empty());
    }

    #[test]
    fn spring_festival_2024() {
        let cal = Calendar::official();
        assert_eq!(cal.day_kind(d(2024, 2, 4)), Ok(DayKind::MakeUpWorkingDay));
        assert_eq!(cal.day_kind(d(2024, 2, 9)), Ok(DayKind::WorkingDay)); // 除夕 not yet statutory
        assert_eq!(cal.day_kind(d(2024, 2, 10)), Ok(DayKind::PublicHoliday));
        assert_eq!(cal.day_kind(d(2024, 2, 15)), Ok(DayKind::RestDay));
        assert_eq!(cal.day_kind(d(2024, 2, 18)), Ok(DayKind::MakeUpWorkingDay));
        assert_eq!(
            cal.day(d(2024, 2, 12))
                .expect("in range")
                .festival
                .as_deref(),
            Some("春节")
        );
    }

    #[test]
    fn out_of_range_dates_are_typed_errors() {
        let cal = Calendar::official();
        assert_eq!(
            cal.day_kind(d(1979, 12, 31)),
            Err(CalendarError::OutOfRange(d(1979, 12, 31)))
        );
        assert_eq!(
            cal.add_working_days(d(2199, 12, 30), 5),
            Err(CalendarError::PastEndOfRange)
        );
        assert_eq!(
            cal.sub_working_days(d(1980, 1, 2), 5),
            Err(CalendarError::OutOfRange(d(1980, 1, 2)))
        );
    }

    #[test]
    fn provisional_outside_the_tables() {
        let cal = Calendar::official();
        assert!(!cal.day(d(2026, 12, 31)).expect("in range").provisional);
        let day = cal.day(d(2027, 10, 1)).expect("in range");
        assert!(day.provisional);
        // Weekends only: National Day 2027 is unknown, a Friday counts as working.
        assert_eq!(day.kind, DayKind::WorkingDay);
        assert!(cal.day(d(2009, 10, 1)).expect("in range").provisional);
        assert_eq!(cal.is_provisional(d(2026, 12, 20), d(2027, 1, 5)), Ok(true));
        assert_eq!(
            cal.is_provisional(d(2025, 12, 20), d(2026, 1, 5)),
            Ok(false)
        );
    }

    #[test]
    fn overlay_adds_a_local_holiday_without_making_the_year_known() {
        let overlay = parse_table(
            "year\t2027\nnotice\t新政办发〔2026〕1号\t2026-12-01\t自治区2027年古尔邦节放假通知\nrest\t2027-05-17..2027-05-18\t古尔邦节\n",
        )
        .expect("valid");
        let cal = Calendar::builder().with_overlay(overlay).build();
        let day = cal.day(d(2027, 5, 17)).expect("in range");
        assert_eq!(day.kind, DayKind::RestDay);
        assert!(day.provisional);
        assert_eq!(day.festival.as_deref(), Some("古尔邦节"));
    }

    #[test]
    fn imported_year_becomes_known_and_replaces() {
        let next = parse_table(
            "year\t2027\nnotice\t国办发明电〔2026〕9号\t2026-11-01\t国务院办公厅关于2027年部分节假日安排的通知\nholiday\t2027-01-01\t元旦\nworkday\t2027-01-02\t元旦\n",
        )
        .expect("valid");
        let cal = Calendar::builder().with_years(next).build();
        assert_eq!(cal.known_years().last(), Some(2027));
        assert_eq!(cal.day_kind(d(2027, 1, 2)), Ok(DayKind::MakeUpWorkingDay));
        assert!(!cal.day(d(2027, 6, 1)).expect("in range").provisional);
    }

    #[test]
    fn working_day_steps() {
        let cal = Calendar::official();
        // Thursday 2024-02-08 + 5 working days crosses the Spring Festival and the 2-18 make-up Sunday.
        assert_eq!(cal.add_working_days(d(2024, 2, 8), 5), Ok(d(2024, 2, 21)));
        assert_eq!(cal.add_working_days(d(2024, 2, 8), 2), Ok(d(2024, 2, 18)));
        assert_eq!(cal.sub_working_days(d(2024, 2, 21), 5), Ok(d(2024, 2, 8)));
        assert_eq!(
            cal.working_days_between(d(2024, 2, 8), d(2024, 2, 21)),
            Ok(5)
        );
        assert_eq!(
            cal.next_working_day_on_or_after(d(2024, 2, 10)),
            Ok(d(2024, 2, 18))
        );
        assert_eq!(
            cal.previous_working_day_on_or_before(d(2024, 2, 17)),
            Ok(d(2024, 2, 9))
        );
    }
}

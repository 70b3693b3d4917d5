//! The holiday-table text format: one parser for the embedded table and for administrators'
//! imports, so that an imported file is checked exactly like the official one.
//!
//! Records are TAB-separated; `#` starts a comment line; blank lines are ignored.
//!
//! ```text
//! year     2024
//! notice   国办发明电〔2023〕7号   2023-10-25   国务院办公厅关于2024年部分节假日安排的通知   [note]
//! holiday  2024-02-10..2024-02-12   春节     statutory public-holiday dates
//! rest     2024-02-13..2024-02-17   春节     other rest days of the arrangement
//! workday  2024-02-04               春节     make-up working day (a Saturday or Sunday)
//! ```

use std::collections::BTreeSet;
use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};

/// A parsed holiday table: the arrangements of one or more years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayTable {
    /// The year blocks, in file order.
    pub years: Vec<YearTable>,
}

/// One year's arrangement: its provenance and the days it changes from the weekend rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearTable {
    /// The calendar year the arrangement is for.
    pub year: i32,
    /// The notices this block comes from: the yearly notice first, then amending notices.
    pub notices: Vec<Notice>,
    /// The listed days, ranges expanded.
    pub days: Vec<TableDay>,
}

/// Provenance of a year block: a State Council notice (or a local rule, for local imports).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Document number, e.g. `国办发明电〔2023〕7号`.
    pub number: String,
    /// Date the notice was issued.
    pub issued_on: NaiveDate,
    /// Full title of the notice.
    pub title: String,
    /// Free note (what an amending notice changed, or doubts about the source).
    pub note: Option<String>,
}

/// One listed day of a year block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableDay {
    /// The date.
    pub date: NaiveDate,
    /// What the arrangement makes of it.
    pub kind: TableDayKind,
    /// The festival (or other occasion) the notice lists it under.
    pub festival: String,
    /// 1-based line of the file it came from.
    pub line: usize,
}

/// What a table line makes of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TableDayKind {
    /// A statutory public-holiday date (法定节假日; 全国年节及纪念日放假办法 art. 2).
    PublicHoliday,
    /// Any other rest day of the arrangement (swapped or compensating day, one-off holiday).
    RestDay,
    /// A make-up working day (调休上班), always a Saturday or Sunday.
    MakeUpWorkingDay,
}

/// A validation error in a holiday table, naming the line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {kind}")]
pub struct ParseError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub kind: ParseErrorKind,
}

/// What is wrong with one line of a holiday table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseErrorKind {
    /// The first field is not `year`, `notice`, `holiday`, `rest` or `workday`.
    #[error("unknown record type `{0}` (expected year, notice, holiday, rest or workday)")]
    UnknownRecord(String),
    /// Wrong number of TAB-separated fields.
    #[error("`{record}` needs {expected} TAB-separated fields, found {found}")]
    FieldCount {
        /// The record type.
        record: &'static str,
        /// How many fields it needs, e.g. "3".
        expected: &'static str,
        /// How many there were.
        found: usize,
    },
    /// The year is not a number between 1980 and 2199.
    #[error("bad year `{0}` (expected a year between 1980 and 2199)")]
    BadYear(String),
    /// A date is not `YYYY-MM-DD`.
    #[error("bad date `{0}` (expected YYYY-MM-DD)")]
    BadDate(String),
    /// A range `a..b` with `b` before `a`.
    #[error("range `{0}` ends before it starts")]
    ReversedRange(String),
    /// A range longer than 31 days: surely a typo.
    #[error("range `{0}` is longer than 31 days")]
    RangeTooLong(String),
    /// A day or notice line before the first `year` line.
    #[error("record before any `year` line")]
    OutsideYearBlock,
    /// The same year has two blocks.
    #[error("year {0} appears twice")]
    DuplicateYear(i32),
    /// A date that belongs neither to the block's year nor to the December before it.
    #[error("date {date} is outside year {year} (only that year and the December before it)")]
    DateOutsideYear {
        /// The date.
        date: NaiveDate,
        /// The block's year.
        year: i32,
    },
    /// A make-up working day that is not a Saturday or Sunday.
    #[error("make-up working day {0} is a {1}, not a Saturday or Sunday")]
    MakeUpOnWeekday(NaiveDate, Weekday),
    /// A date listed twice in one year block.
    #[error("date {0} is listed twice in this year")]
    DuplicateDate(NaiveDate),
    /// A year block without any `notice` line (the line is the `year` line).
    #[error("year {0} has no notice line: every arrangement needs its provenance")]
    MissingNotice(i32),
    /// An empty name or number field.
    #[error("empty {0}")]
    EmptyField(&'static str),
}

/// All validation errors of one table, in line order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct TableErrors {
    /// The errors, at least one.
    pub errors: Vec<ParseError>,
}

impl fmt::Display for TableErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} error(s) in holiday table", self.errors.len())?;
        for error in &self.errors {
            write!(f, "\n  {error}")?;
        }
        Ok(())
    }
}

/// The longest range a `holiday` or `rest` line may span.
const MAX_RANGE_DAYS: i64 = 31;

/// Parses and validates a holiday table (the embedded format, see the module docs).
///
/// Collects every error rather than stopping at the first, so an administrator can fix a
/// whole file in one pass.
pub fn parse_table(text: &str) -> Result<HolidayTable, TableErrors> {
    let mut errors = Vec::new();
    let mut years: Vec<YearTable> = Vec::new();
    // Line of each block's `year` record, for the missing-notice error.
    let mut year_lines: Vec<usize> = Vec::new();
    let mut seen_years = BTreeSet::new();
    let mut seen_dates: BTreeSet<NaiveDate> = BTreeSet::new();

    for (idx, raw) in text.lines().enumerate() {
        let line = idx + 1;
        let trimmed = raw.trim_end_matches('\r');
        if trimmed.trim().is_empty() || trimmed.trim_start().starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = trimmed.split('\t').map(str::trim).collect();
        let mut fail = |kind| errors.push(ParseError { line, kind });
        match fields[0] {
            "year" => {
                if fields.len() != 2 {
                    fail(ParseErrorKind::FieldCount {
                        record: "year",
                        expected: "2",
                        found: fields.len(),
                    });
                    continue;
                }
                let Some(year) = parse_year(fields[1]) else {
                    fail(ParseErrorKind::BadYear(fields[1].to_owned()));
                    continue;
                };
                if !seen_years.insert(year) {
                    fail(ParseErrorKind::DuplicateYear(year));
                }
                years.push(YearTable {
                    year,
                    notices: Vec::new(),
                    days: Vec::new(),
                });
                year_lines.push(line);
                seen_dates.clear();
            }
            "notice" => {
                if !(4..=5).contains(&fields.len()) {
                    fail(ParseErrorKind::FieldCount {
                        record: "notice",
                        expected: "4 or 5",
                        found: fields.len(),
                    });
                    continue;
                }
                let Some(block) = years.last_mut() else {
                    fail(ParseErrorKind::OutsideYearBlock);
                    continue;
                };
                let Some(issued_on) = parse_date(fields[2]) else {
                    fail(ParseErrorKind::BadDate(fields[2].to_owned()));
                    continue;
                };
                if fields[1].is_empty() {
                    fail(ParseErrorKind::EmptyField("notice number"));
                    continue;
                }
                if fields[3].is_empty() {
                    fail(ParseErrorKind::EmptyField("notice title"));
                    continue;
                }
                block.notices.push(Notice {
                    number: fields[1].to_owned(),
                    issued_on,
                    title: fields[3].to_owned(),
                    note: fields
                        .get(4)
                        .filter(|n| !n.is_empty())
                        .map(|n| (*n).to_owned()),
                });
            }
            record @ ("holiday" | "rest" | "workday") => {
                let (kind, record_name) = match record {
                    "holiday" => (TableDayKind::PublicHoliday, "holiday"),
                    "rest" => (TableDayKind::RestDay, "rest"),
                    _ => (TableDayKind::MakeUpWorkingDay, "workday"),
                };
                if fields.len() != 3 {
                    fail(ParseErrorKind::FieldCount {
                        record: record_name,
                        expected: "3",
                        found: fields.len(),
                    });
                    continue;
                }
                let Some(block) = years.last_mut() else {
                    fail(ParseErrorKind::OutsideYearBlock);
                    continue;
                };
                if fields[2].is_empty() {
                    fail(ParseErrorKind::EmptyField("festival name"));
                    continue;
                }
                let dates = match parse_range(fields[1]) {
                    Ok(dates) => dates,
                    Err(kind) => {
                        fail(kind);
                        continue;
                    }
                };
                for date in dates {
                    let in_block = date.year() == block.year
                        || (date.year() == block.year - 1 && date.month() == 12);
                    if !in_block {
                        fail(ParseErrorKind::DateOutsideYear {
                            date,
                            year: block.year,
                        });
                        continue;
                    }
                    if kind == TableDayKind::MakeUpWorkingDay
                        && !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
                    {
                        fail(ParseErrorKind::MakeUpOnWeekday(date, date.weekday()));
                        continue;
                    }
                    if !seen_dates.insert(date) {
                        fail(ParseErrorKind::DuplicateDate(date));
                        continue;
                    }
                    block.days.push(TableDay {
                        date,
                        kind,
                        festival: fields[2].to_owned(),
                        line,
                    });
                }
            }
            other => fail(ParseErrorKind::UnknownRecord(other.to_owned())),
        }
    }
    for (block, &line) in years.iter().zip(&year_lines) {
        if block.notices.is_empty() {
            errors.push(ParseError {
                line,
                kind: ParseErrorKind::MissingNotice(block.year),
            });
        }
    }
    if errors.is_empty() {
        Ok(HolidayTable { years })
    } else {
        errors.sort_by_key(|e| e.line);
        Err(TableErrors { errors })
    }
}

fn parse_year(text: &str) -> Option<i32> {
    let year: i32 = text.parse().ok()?;
    (1980..=2199).contains(&year).then_some(year)
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    // Exactly YYYY-MM-DD: chrono alone would also accept signs and short fields.
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

fn parse_range(text: &str) -> Result<Vec<NaiveDate>, ParseErrorKind> {
    let (first, last) = match text.split_once("..") {
        Some((a, b)) => (a, b),
        None => (text, text),
    };
    let first = parse_date(first).ok_or_else(|| ParseErrorKind::BadDate(first.to_owned()))?;
    let last = parse_date(last).ok_or_else(|| ParseErrorKind::BadDate(last.to_owned()))?;
    let span = (last - first).num_days();
    if span < 0 {
        return Err(ParseErrorKind::ReversedRange(text.to_owned()));
    }
    if span >= MAX_RANGE_DAYS {
        return Err(ParseErrorKind::RangeTooLong(text.to_owned()));
    }
    Ok(first.iter_days().take(span as usize + 1).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors_of(text: &str) -> Vec<ParseError> {
        parse_table(text)
            .expect_err("table should be rejected")
            .errors
    }

    #[test]
    fn parses_a_small_block() {
        let table = parse_table(
            "# comment\nyear\t2024\nnotice\t国办发明电〔2023〕7号\t2023-10-25\t通知\nholiday\t2024-02-10..2024-02-12\t春节\nworkday\t2024-02-04\t春节\n",
        )
        .expect("valid");
        assert_eq!(table.years.len(), 1);
        assert_eq!(table.years[0].days.len(), 4);
        assert_eq!(table.years[0].days[3].kind, TableDayKind::MakeUpWorkingDay);
        assert_eq!(table.years[0].days[3].line, 5);
    }

    #[test]
    fn errors_name_the_line() {
        let errors = errors_of(
            "year\t2024\nnotice\tN\t2023-10-25\tT\nholiday\t2024-13-01\t春节\nworkday\t2024-02-05\t春节\nfrobnicate\tx\n",
        );
        assert_eq!(
            errors,
            vec![
                ParseError {
                    line: 3,
                    kind: ParseErrorKind::BadDate("2024-13-01".into())
                },
                ParseError {
                    line: 4,
                    kind: ParseErrorKind::MakeUpOnWeekday(
                        NaiveDate::from_ymd_opt(2024, 2, 5).expect("date"),
                        Weekday::Mon
                    )
                },
                ParseError {
                    line: 5,
                    kind: ParseErrorKind::UnknownRecord("frobnicate".into())
                },
            ]
        );
        let message = TableErrors { errors }.to_string();
        assert!(
            message.contains("line 4: make-up working day 2024-02-05 is a Mon"),
            "{message}"
        );
    }

    #[test]
    fn rejects_structural_mistakes() {
        let errors = errors_of(
            "holiday\t2024-01-01\t元旦\nyear\t2024\nyear\t2024\nnotice\tN\t2023-10-25\tT\nrest\t2024-02-17..2024-02-10\t春节\nrest\t2024-01-01..2024-03-01\tx\nrest\t2026-01-01\tx\nholiday\t2024-01-01\ta\nholiday\t2024-01-01\tb\nrest\t24-1-1\tx\nyear\t2025\n",
        );
        let kinds: Vec<_> = errors.iter().map(|e| (e.line, e.kind.clone())).collect();
        assert_eq!(kinds[0], (1, ParseErrorKind::OutsideYearBlock));
        assert_eq!(kinds[1], (2, ParseErrorKind::MissingNotice(2024)));
        assert_eq!(kinds[2], (3, ParseErrorKind::DuplicateYear(2024)));
        assert_eq!(
            kinds[3],
            (
                5,
                ParseErrorKind::ReversedRange("2024-02-17..2024-02-10".into())
            )
        );
        assert_eq!(
            kinds[4],
            (
                6,
                ParseErrorKind::RangeTooLong("2024-01-01..2024-03-01".into())
            )
        );
        assert!(matches!(
            kinds[5],
            (7, ParseErrorKind::DateOutsideYear { year: 2024, .. })
        ));
        assert!(matches!(kinds[6], (9, ParseErrorKind::DuplicateDate(_))));
        assert_eq!(kinds[7], (10, ParseErrorKind::BadDate("24-1-1".into())));
        assert_eq!(kinds[8], (11, ParseErrorKind::MissingNotice(2025)));
    }

    #[test]
    fn rejects_wrong_field_counts_and_years() {
        let errors = errors_of("year\tMMXXIV\nyear\nyear\t2024\nnotice\tN\nworkday\t2024-02-04\n");
        let kinds: Vec<_> = errors.into_iter().map(|e| e.kind).collect();
        assert_eq!(kinds[0], ParseErrorKind::BadYear("MMXXIV".into()));
        assert!(matches!(
            kinds[1],
            ParseErrorKind::FieldCount { record: "year", .. }
        ));
        assert_eq!(kinds[2], ParseErrorKind::MissingNotice(2024));
        assert!(matches!(
            kinds[3],
            ParseErrorKind::FieldCount {
                record: "notice",
                ..
            }
        ));
        assert!(matches!(
            kinds[4],
            ParseErrorKind::FieldCount {
                record: "workday",
                ..
            }
        ));
    }
}

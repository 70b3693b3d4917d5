//! The working-day calendar in force: the embedded official tables plus the tables imported by
//! administrators (stored in the database), rebuilt after every import. Messages in Chinese for
//! the calendar's errors.

use std::sync::{Arc, RwLock};

use calendar::{Calendar, CalendarError, HolidayTable, ParseErrorKind, TableErrors, parse_table};
use store::{CalendarTableRow, Store};

/// The calendar shared by every request; replaced whole after an import.
#[derive(Clone)]
pub struct SharedCalendar(Arc<RwLock<Arc<Calendar>>>);

impl Default for SharedCalendar {
    fn default() -> Self {
        SharedCalendar(Arc::new(RwLock::new(Arc::new(Calendar::builder().build()))))
    }
}

impl SharedCalendar {
    /// The calendar now in force.
    pub fn get(&self) -> Arc<Calendar> {
        self.0
            .read()
            .map(|c| c.clone())
            .unwrap_or_else(|poisoned| poisoned.into_inner().clone())
    }

    /// Rebuilds from the official tables plus every imported table in the store.
    pub async fn reload(&self, store: &Store) -> Result<(), store::StoreError> {
        let rows = store.calendar_tables().await?;
        let calendar = build(&rows);
        match self.0.write() {
            Ok(mut guard) => *guard = Arc::new(calendar),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(calendar),
        }
        Ok(())
    }
}

/// Builds the calendar from the official tables and imported rows (oldest first). A stored row
/// that no longer parses (it was validated at import) is skipped with a log line.
pub fn build(rows: &[CalendarTableRow]) -> Calendar {
    let mut builder = Calendar::builder();
    for row in rows {
        match parse_table(&row.source) {
            Ok(table) if row.kind == "overlay" => builder = builder.with_overlay(table),
            Ok(table) => builder = builder.with_years(table),
            Err(e) => tracing::error!("imported calendar table {} does not parse: {e}", row.id),
        }
    }
    builder.build()
}

/// Parses an import, answering in Chinese, line by line.
pub fn parse_import(source: &str) -> Result<HolidayTable, String> {
    if source.trim().is_empty() {
        return Err("节假日安排表为空".to_owned());
    }
    parse_table(source).map_err(|e| table_errors_zh(&e))
}

/// The years a table covers, comma-separated.
pub fn years_of(table: &HolidayTable) -> String {
    table
        .years
        .iter()
        .map(|y| y.year.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// Chinese text of a table's validation errors, one per line.
pub fn table_errors_zh(e: &TableErrors) -> String {
    e.errors
        .iter()
        .map(|pe| format!("第{}行：{}", pe.line, parse_error_zh(&pe.kind)))
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse_error_zh(kind: &ParseErrorKind) -> String {
    match kind {
        ParseErrorKind::UnknownRecord(r) => {
            format!("未知的记录类型“{r}”（应为 year、notice、holiday、rest 或 workday）")
        }
        ParseErrorKind::FieldCount {
            record,
            expected,
            found,
        } => format!("“{record}”应有{expected}个以制表符分隔的字段，实有{found}个"),
        ParseErrorKind::BadYear(y) => format!("年份“{y}”无效（应为1980至2199年）"),
        ParseErrorKind::BadDate(d) => format!("日期“{d}”无效（应为YYYY-MM-DD）"),
        ParseErrorKind::ReversedRange(r) => format!("日期区间“{r}”的结束早于开始"),
        ParseErrorKind::RangeTooLong(r) => format!("日期区间“{r}”超过31天"),
        ParseErrorKind::OutsideYearBlock => "该行出现在任何 year 行之前".to_owned(),
        ParseErrorKind::DuplicateYear(y) => format!("{y}年重复出现"),
        ParseErrorKind::DateOutsideYear { date, year } => {
            format!("日期{date}不在{year}年内（只允许该年及上一年12月）")
        }
        ParseErrorKind::MakeUpOnWeekday(d, _) => format!("调休上班日{d}不是星期六或星期日"),
        ParseErrorKind::DuplicateDate(d) => format!("日期{d}在同一年中重复列出"),
        ParseErrorKind::MissingNotice(y) => {
            format!("{y}年没有 notice 行：每年的安排都须注明来源文件")
        }
        ParseErrorKind::EmptyField(f) => format!("字段“{f}”为空"),
    }
}

/// Chinese text of a calendar error.
pub fn calendar_error_zh(e: &CalendarError) -> String {
    match e {
        CalendarError::OutOfRange(d) => format!("日期{d}超出支持范围（1980-01-01至2199-12-31）"),
        CalendarError::PastEndOfRange => "期限超出2199-12-31".to_owned(),
        CalendarError::NegativeLength(n) => format!("期限长度不能为负数（{n}）"),
        CalendarError::LengthTooLarge(n) => format!("期限长度{n}过大（最多100000）"),
        CalendarError::UnknownUnit(u) => format!(
            "未知的期限单位“{u}”（应为 working 工作日、calendar 自然日、month 月、year 年）"
        ),
        CalendarError::HourPeriodNeedsTime => "按小时计算的期限需要具体时刻".to_owned(),
        CalendarError::ReversedSuspension { from, until } => {
            format!("中止期间的结束日{until}早于开始日{from}")
        }
    }
}

//! Time: stored as unix milliseconds in UTC, shown in China Standard Time (UTC+8, no daylight saving).

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};

/// China Standard Time.
pub fn cst() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("valid offset")
}

/// The system clock in unix milliseconds.
pub fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

/// `2026-11-23 16:40` in China Standard Time.
pub fn format_ms(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms)
        .map(|t| t.with_timezone(&cst()).format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

/// Start of a calendar day in China Standard Time, in unix ms.
pub fn day_start_ms(date: NaiveDate) -> i64 {
    cst()
        .from_local_datetime(&date.and_hms_opt(0, 0, 0).expect("midnight"))
        .single()
        .map(|t| t.timestamp_millis())
        .unwrap_or(0)
}

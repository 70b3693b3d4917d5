//! Shared pieces of spreadsheet import: row errors and the cell readers (dates, yes/no, numbers).
//!
//! The lead reads Excel sheets into rows of text cells; the parsers in [`officer`](super::officer)
//! and [`power`](super::power) turn them into inputs. An import is all or nothing: one bad row
//! and nothing is accepted, because half an imported roster is worse than none.

use calendar::NaiveDate;

/// One problem in one cell of an imported sheet, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// Row number among the data rows passed in, counting the first as 1 (the caller adds the
    /// header offset if it wants sheet row numbers).
    pub row: usize,
    /// The column's Chinese header, e.g. "执法证号".
    pub column: &'static str,
    /// What is wrong, in Chinese.
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "第{}行「{}」：{}", self.row, self.column, self.message)
    }
}

/// The trimmed text of cell `index`, or "" when the row is shorter.
pub(crate) fn cell<S: AsRef<str>>(row: &[S], index: usize) -> &str {
    row.get(index).map(|s| s.as_ref().trim()).unwrap_or("")
}

/// Parses a date as people type it in spreadsheets: `2024-01-05`, `2024/1/5`, `2024.1.5`,
/// `2024年1月5日`, or an Excel serial day number (1900 date system, as calamine may give it).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    // An Excel serial number: days since 1899-12-30 (Excel's fictitious 1900-02-29 is why the
    // epoch is the 30th, not the 31st). Only plausible modern dates are accepted.
    if let Ok(serial) = text.split('.').next().unwrap_or("").parse::<i64>()
        && text.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !text.contains('-')
        && (20_000..=80_000).contains(&serial)
    {
        let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
        return epoch.checked_add_days(calendar::Days::new(serial as u64));
    }
    let normalised: String = text
        .replace(['年', '月'], "-")
        .replace('日', "")
        .replace(['/', '.'], "-");
    let mut parts = normalised.split('-');
    let year: i32 = parts.next()?.trim().parse().ok()?;
    let month: u32 = parts.next()?.trim().parse().ok()?;
    let day: u32 = parts.next()?.trim().parse().ok()?;
    if parts.next().is_some() || !(1900..=2199).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Parses a yes/no cell: 是/否, Y/N, 有/无, true/false, 1/0. Empty is `None`.
pub(crate) fn parse_yes_no(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "是" | "有" | "y" | "yes" | "true" | "1" | "√" => Some(true),
        "否" | "无" | "n" | "no" | "false" | "0" | "×" => Some(false),
        _ => None,
    }
}

/// Parses an amount of money in yuan (up to two decimals, optional 元 suffix and thousands
/// commas) into fen. Floating point is never used: the digits are read as text.
pub fn parse_yuan_to_fen(text: &str) -> Option<i64> {
    let text = text.trim().trim_end_matches('元').replace([',', '，'], "");
    if text.is_empty() || text.starts_with('-') || text.starts_with('+') {
        return None;
    }
    let (whole, frac) = match text.split_once('.') {
        Some((w, f)) => (w, f),
        None => (text.as_str(), ""),
    };
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac_fen: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    whole.checked_mul(100)?.checked_add(frac_fen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_the_forms_people_type() {
        let cases = [
            ("2024-01-05", Some(d(2024, 1, 5))),
            ("2024/1/5", Some(d(2024, 1, 5))),
            ("2024.1.5", Some(d(2024, 1, 5))),
            ("2024年1月5日", Some(d(2024, 1, 5))),
            (" 2024-12-31 ", Some(d(2024, 12, 31))),
            ("45292", Some(d(2024, 1, 1))),
            ("45292.0", Some(d(2024, 1, 1))),
            ("2024-02-30", None),
            ("2024-13-01", None),
            ("明年", None),
            ("", None),
            ("12", None),
            ("2024-01-05-01", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_date(text), want, "{text}");
        }
    }

    #[test]
    fn yuan_amounts_to_fen() {
        let cases = [
            ("200", Some(20_000)),
            ("200元", Some(20_000)),
            ("1,000.5", Some(100_050)),
            ("0.01", Some(1)),
            ("3000.00", Some(300_000)),
            ("-1", None),
            ("1.234", None),
            ("abc", None),
            ("", None),
            (".5", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_yuan_to_fen(text), want, "{text}");
        }
    }

    #[test]
    fn yes_no_cells() {
        assert_eq!(parse_yes_no("是"), Some(true));
        assert_eq!(parse_yes_no("否"), Some(false));
        assert_eq!(parse_yes_no("Y"), Some(true));
        assert_eq!(parse_yes_no("也许"), None);
    }
}

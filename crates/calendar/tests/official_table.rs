//! Validation of the embedded official table against the law and the notices, and a
//! cross-check against an independent source (the `chinese_holiday` crate).

use std::collections::BTreeMap;

use calendar::{Calendar, DayKind, OFFICIAL_TABLE, TableDayKind, parse_table};
use chrono::{Datelike, NaiveDate, Weekday};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

#[test]
fn no_year_missing_from_2010_to_2026() {
    let table = parse_table(OFFICIAL_TABLE).expect("embedded table is valid");
    let years: Vec<i32> = table.years.iter().map(|y| y.year).collect();
    assert_eq!(years, (2010..=2026).collect::<Vec<_>>());
    for year in &table.years {
        let first = &year.notices[0];
        assert!(
            first
                .title
                .contains(&format!("关于{}年部分节假日安排的通知", year.year)),
            "{}",
            first.title
        );
        assert!(
            first.number.starts_with("国办发明电〔") && first.number.ends_with('号'),
            "{}",
            first.number
        );
        assert_eq!(
            first.issued_on.year(),
            year.year - 1,
            "yearly notice of {} issued the year before",
            year.year
        );
    }
}

/// 全国年节及纪念日放假办法 art. 2: 11 statutory days a year under the 2007 and 2013 texts,
/// 13 from 2025-01-01 (国务院令第795号). Dates are counted once, so a year in which two
/// festivals share a date has fewer (2020: 中秋 on 1 October).
#[test]
fn statutory_holiday_count_matches_the_measures_in_force() {
    let table = parse_table(OFFICIAL_TABLE).expect("embedded table is valid");
    for year in &table.years {
        let count = year
            .days
            .iter()
            .filter(|day| day.kind == TableDayKind::PublicHoliday && day.date.year() == year.year)
            .count();
        let by_law = if year.year >= 2025 { 13 } else { 11 };
        let coincidences = if year.year == 2020 { 1 } else { 0 };
        assert_eq!(
            count,
            by_law - coincidences,
            "statutory dates in {}",
            year.year
        );
    }
}

#[test]
fn every_make_up_day_is_a_saturday_or_sunday() {
    let table = parse_table(OFFICIAL_TABLE).expect("embedded table is valid");
    let mut n_make_up = 0;
    for day in table.years.iter().flat_map(|y| &y.days) {
        if day.kind == TableDayKind::MakeUpWorkingDay {
            n_make_up += 1;
            assert!(
                matches!(day.date.weekday(), Weekday::Sat | Weekday::Sun),
                "{}",
                day.date
            );
        }
    }
    assert!(n_make_up > 50, "{n_make_up} make-up days");
}

#[test]
fn make_up_days_of_2025_and_2026_match_the_notices() {
    let cal = Calendar::official();
    let make_up_in = |year: i32| -> Vec<NaiveDate> {
        d(year, 1, 1)
            .iter_days()
            .take_while(|x| x.year() == year)
            .filter(|x| cal.day_kind(*x) == Ok(DayKind::MakeUpWorkingDay))
            .collect()
    };
    assert_eq!(
        make_up_in(2025),
        vec![
            d(2025, 1, 26),
            d(2025, 2, 8),
            d(2025, 4, 27),
            d(2025, 9, 28),
            d(2025, 10, 11)
        ]
    );
    assert_eq!(
        make_up_in(2026),
        vec![
            d(2026, 1, 4),
            d(2026, 2, 14),
            d(2026, 2, 28),
            d(2026, 5, 9),
            d(2026, 9, 20),
            d(2026, 10, 10)
        ]
    );
}

#[test]
fn spring_festival_and_national_day_2024() {
    let cal = Calendar::official();
    // 国办发明电〔2023〕7号: 春节 2-10..2-17, work 2-04 (Sun) and 2-18 (Sun).
    for x in d(2024, 2, 10).iter_days().take(8) {
        assert_eq!(cal.is_working_day(x), Ok(false), "{x}");
    }
    assert_eq!(cal.is_working_day(d(2024, 2, 4)), Ok(true));
    assert_eq!(cal.is_working_day(d(2024, 2, 18)), Ok(true));
    assert_eq!(cal.is_working_day(d(2024, 2, 9)), Ok(true));
    // 国庆 10-01..10-07, work 9-29 (Sun) and 10-12 (Sat).
    for x in d(2024, 10, 1).iter_days().take(7) {
        assert_eq!(cal.is_working_day(x), Ok(false), "{x}");
    }
    assert_eq!(cal.day_kind(d(2024, 9, 29)), Ok(DayKind::MakeUpWorkingDay));
    assert_eq!(cal.day_kind(d(2024, 10, 12)), Ok(DayKind::MakeUpWorkingDay));
    assert_eq!(cal.day_kind(d(2024, 10, 3)), Ok(DayKind::PublicHoliday));
    assert_eq!(cal.day_kind(d(2024, 10, 4)), Ok(DayKind::RestDay));
}

#[test]
fn spring_festival_and_national_day_2025() {
    let cal = Calendar::official();
    // 春节 1-28..2-04 with 除夕 (1-28) statutory from 2025; work 1-26 (Sun), 2-08 (Sat).
    assert_eq!(cal.day_kind(d(2025, 1, 28)), Ok(DayKind::PublicHoliday));
    assert_eq!(cal.day_kind(d(2025, 1, 31)), Ok(DayKind::PublicHoliday));
    assert_eq!(cal.day_kind(d(2025, 2, 3)), Ok(DayKind::RestDay));
    assert_eq!(cal.is_working_day(d(2025, 2, 5)), Ok(true));
    assert_eq!(cal.is_working_day(d(2025, 1, 26)), Ok(true));
    assert_eq!(cal.is_working_day(d(2025, 2, 8)), Ok(true));
    // 劳动节 5-01 and 5-02 both statutory from 2025.
    assert_eq!(cal.day_kind(d(2025, 5, 2)), Ok(DayKind::PublicHoliday));
    // 国庆 + 中秋 10-01..10-08, work 9-28 (Sun) and 10-11 (Sat); 中秋 on 10-06.
    for x in d(2025, 10, 1).iter_days().take(8) {
        assert_eq!(cal.is_working_day(x), Ok(false), "{x}");
    }
    assert_eq!(
        cal.day(d(2025, 10, 6)).map(|x| x.festival),
        Ok(Some("中秋节".to_owned()))
    );
    assert_eq!(cal.is_working_day(d(2025, 9, 28)), Ok(true));
    assert_eq!(cal.is_working_day(d(2025, 10, 11)), Ok(true));
}

#[test]
fn later_amending_notices_are_applied() {
    let cal = Calendar::official();
    // 国发明电〔2015〕1号: 9-03..9-05 off, 9-06 (Sun) a working day.
    assert_eq!(cal.day_kind(d(2015, 9, 3)), Ok(DayKind::RestDay));
    assert_eq!(cal.day_kind(d(2015, 9, 4)), Ok(DayKind::RestDay));
    assert_eq!(cal.day_kind(d(2015, 9, 6)), Ok(DayKind::MakeUpWorkingDay));
    // 国办发明电〔2019〕3号: 劳动节 5-01..5-04, work 4-28 and 5-05.
    assert_eq!(cal.day_kind(d(2019, 5, 2)), Ok(DayKind::RestDay));
    assert_eq!(cal.day_kind(d(2019, 5, 5)), Ok(DayKind::MakeUpWorkingDay));
    // 国办发明电〔2020〕1号: 春节 extended to 2-02; 2-01 (Sat) no longer a working day.
    assert_eq!(cal.day_kind(d(2020, 1, 31)), Ok(DayKind::RestDay));
    assert_eq!(cal.is_working_day(d(2020, 2, 1)), Ok(false));
    assert_eq!(cal.is_working_day(d(2020, 2, 3)), Ok(true));
    assert_eq!(cal.notices(2020).len(), 2);
    // A 元旦 arrangement reaching into the previous December (国办发明电〔2018〕15号).
    assert_eq!(cal.day_kind(d(2018, 12, 29)), Ok(DayKind::MakeUpWorkingDay));
    assert_eq!(cal.day_kind(d(2018, 12, 31)), Ok(DayKind::RestDay));
}

/// Independent second source: every date from 2010-01-01 to 2026-12-25 (the crate's range)
/// must agree on working day or not, except where the notice's own text shows the other
/// source wrong.
#[test]
fn agrees_with_chinese_holiday_crate() {
    let cal = Calendar::official();
    let mut mismatches = BTreeMap::new();
    for date in d(2010, 1, 1)
        .iter_days()
        .take_while(|x| *x <= d(2026, 12, 25))
    {
        let theirs = chinese_holiday::chinese_holiday((
            date.year() as u16,
            date.month() as u8,
            date.day() as u8,
        ));
        let ours = cal.is_working_day(date).expect("in range");
        // 国办发明电〔2015〕18号: "10月8日（星期六）、10月9日（星期日）上班"; and
        // 国办发明电〔2016〕17号: "元旦：1月1日放假，1月2日（星期一）补休", so Friday
        // 2016-12-30 is an ordinary working day. chinese_holiday 2026.0.1 has both as rest days.
        let notice_overrules = [d(2016, 10, 9), d(2016, 12, 30)];
        if ours != theirs.is_workday() && !notice_overrules.contains(&date) {
            mismatches.insert(date, format!("ours {ours}, theirs {theirs:?}"));
        }
    }
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}

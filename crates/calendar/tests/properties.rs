//! Property tests of working-day and calendar-day arithmetic over the whole table range and
//! beyond it (provisional years).

use calendar::{Calendar, Period, WarningPolicy, WarningState, warning_state};
use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

fn date_in(first: NaiveDate, n_days: i64) -> impl Strategy<Value = NaiveDate> {
    (0..n_days).prop_map(move |offset| first + Duration::days(offset))
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    // 2009 (before the table) to 2030 (after it).
    date_in(NaiveDate::from_ymd_opt(2009, 1, 1).expect("date"), 22 * 365)
}

proptest! {
    #[test]
    fn adding_n_working_days_then_counting_back_gives_n(start in any_date(), n in 0u32..400) {
        let cal = Calendar::official();
        let due = cal.add_working_days(start, n).expect("in range");
        prop_assert_eq!(cal.working_days_between(start, due).expect("in range"), i64::from(n));
        prop_assert_eq!(cal.sub_working_days(due, n).expect("in range") <= start, true);
    }

    #[test]
    fn due_dates_never_fall_on_rest_days(start in any_date(), n in 0u32..400, unit in 0usize..4) {
        let cal = Calendar::official();
        let period = [Period::working_days(n), Period::days(n), Period::months(n % 40), Period::years(n % 6)][unit];
        let due = cal.due_date(start, period).expect("in range");
        prop_assert!(cal.is_working_day(due.due).expect("in range"), "{} + {} = {}", start, period, due.due);
        prop_assert!(due.due >= start);
    }

    #[test]
    fn due_dates_are_monotone_in_n(start in any_date(), n in 0u32..400, unit in 0usize..3) {
        let cal = Calendar::official();
        let make = |k: u32| [Period::working_days(k), Period::days(k), Period::months(k % 40)][unit];
        let a = cal.due_date(start, make(n)).expect("in range").due;
        let b = cal.due_date(start, make(n + 1)).expect("in range").due;
        if unit == 2 && (n + 1) % 40 == 0 {
            // The month strategy wraps at 40; nothing to compare.
        } else {
            prop_assert!(a <= b, "{} then {}", a, b);
        }
        if unit == 0 && n > 0 {
            prop_assert!(a < b);
        }
    }

    #[test]
    fn working_day_addition_matches_a_day_by_day_walk(start in any_date(), n in 0u32..60) {
        let cal = Calendar::official();
        let mut walked = start;
        let mut left = n;
        while left > 0 {
            walked += Duration::days(1);
            if cal.is_working_day(walked).expect("in range") {
                left -= 1;
            }
        }
        prop_assert_eq!(cal.add_working_days(start, n).expect("in range"), walked);
    }

    #[test]
    fn warning_states_are_ordered_in_time(due in any_date(), before in 0i64..30, after in 1i64..30) {
        let cal = Calendar::official();
        let policy = WarningPolicy::default();
        let early = warning_state(cal, due, due - Duration::days(before), policy).expect("in range");
        let late = warning_state(cal, due, due + Duration::days(after), policy).expect("in range");
        prop_assert_eq!(late, WarningState::Overdue);
        prop_assert!(early <= WarningState::Approaching);
    }
}

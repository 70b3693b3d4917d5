//! Warning states of open items: normal, approaching, overdue.

use chrono::NaiveDate;

use crate::calendar::{Calendar, CalendarError};

/// How close an open item is to its due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WarningState {
    /// More working days left than the policy's threshold.
    Normal,
    /// Due within the threshold (including due today).
    Approaching,
    /// The due date has passed.
    Overdue,
}

impl WarningState {
    /// Stable snake_case name, used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningState::Normal => "normal",
            WarningState::Approaching => "approaching",
            WarningState::Overdue => "overdue",
        }
    }
}

/// When an item counts as approaching its due date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WarningPolicy {
    /// An item is approaching when at most this many working days remain after today, the
    /// due day included \[practice; configurable\].
    pub approaching_within_working_days: u32,
}

impl Default for WarningPolicy {
    /// Three working days.
    fn default() -> Self {
        WarningPolicy {
            approaching_within_working_days: 3,
        }
    }
}

/// The warning state of an item due on `due`, seen on `today`.
///
/// Overdue once `today` is after `due`; approaching when the working days in (`today`, `due`]
/// are at most the threshold; otherwise normal. O(1) per item.
pub fn warning_state(
    calendar: &Calendar,
    due: NaiveDate,
    today: NaiveDate,
    policy: WarningPolicy,
) -> Result<WarningState, CalendarError> {
    if today > due {
        return Ok(WarningState::Overdue);
    }
    let left = calendar.working_days_between(today, due)?;
    if left <= i64::from(policy.approaching_within_working_days) {
        Ok(WarningState::Approaching)
    } else {
        Ok(WarningState::Normal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn states_around_the_spring_festival() {
        let cal = Calendar::official();
        let policy = WarningPolicy::default();
        let due = d(2024, 2, 21);
        // From 02-08: 02-09, 02-18, 02-19, 02-20, 02-21 = 5 working days left.
        assert_eq!(
            warning_state(cal, due, d(2024, 2, 8), policy),
            Ok(WarningState::Normal)
        );
        // From 02-09: 4 left, but from 02-10 (holiday): 02-18, 19, 20, 21 = 4 left; 02-18: 3 left.
        assert_eq!(
            warning_state(cal, due, d(2024, 2, 10), policy),
            Ok(WarningState::Normal)
        );
        assert_eq!(
            warning_state(cal, due, d(2024, 2, 18), policy),
            Ok(WarningState::Approaching)
        );
        assert_eq!(
            warning_state(cal, due, due, policy),
            Ok(WarningState::Approaching)
        );
        assert_eq!(
            warning_state(cal, due, d(2024, 2, 22), policy),
            Ok(WarningState::Overdue)
        );
        let strict = WarningPolicy {
            approaching_within_working_days: 0,
        };
        assert_eq!(
            warning_state(cal, due, d(2024, 2, 20), strict),
            Ok(WarningState::Normal)
        );
        assert_eq!(
            warning_state(cal, due, due, strict),
            Ok(WarningState::Approaching)
        );
    }
}

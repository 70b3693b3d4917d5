//! Disclosure (行政执法公示) after a decision: publication deadlines and withdrawal.
//!
//! 国办发〔2018〕118号 (STATUTES.md §3.1): penalty and licence decisions are published within 7
//! working days, other enforcement decisions within 20. Those figures were read in secondary
//! sources only, so they are configuration ([`DisclosurePeriods`]) with the
//! [`crate::deadline_rules`] values as defaults. 行政处罚法 第四十八条第二款 (verified): a
//! published decision that is changed, revoked, confirmed unlawful or void is withdrawn within
//! 3 working days, with the reason made public. What is published is redacted by
//! [`redaction`](super::redaction).

use calendar::{Calendar, NaiveDate, Period};

use crate::deadline_rules;
use crate::enforcement::penalty::DueItem;
use crate::enforcement::penalty_law;
use crate::refusal::Refusal;

/// What kind of decision is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DecisionKind {
    /// 行政处罚决定.
    Penalty,
    /// 行政许可决定.
    Licence,
    /// Other enforcement decisions (强制、检查结果、征收…).
    Other,
}

/// The department's publication periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DisclosurePeriods {
    /// Penalty and licence decisions (default 7 working days, 118号 \[secondary\]).
    pub penalty_and_licence: Period,
    /// Other decisions (default 20 working days, 118号 \[secondary\]).
    pub other: Period,
}

impl Default for DisclosurePeriods {
    fn default() -> Self {
        DisclosurePeriods {
            penalty_and_licence: Period::working_days(7),
            other: Period::working_days(20),
        }
    }
}

/// The rule id for a kind of decision.
pub fn publication_rule_id(kind: DecisionKind) -> &'static str {
    match kind {
        DecisionKind::Penalty | DecisionKind::Licence => "disclosure.licence_and_penalty_decisions",
        DecisionKind::Other => "disclosure.other_decisions",
    }
}

/// The last day to publish a decision made on `decided_on`.
pub fn publication_due(
    kind: DecisionKind,
    decided_on: NaiveDate,
    periods: &DisclosurePeriods,
    calendar: &Calendar,
) -> Result<DueItem, Refusal> {
    let id = publication_rule_id(kind);
    let rule = deadline_rules::rule(id)
        .ok_or_else(|| Refusal::new("calendar.rule_missing", "期限规则缺失"))?;
    let period = match kind {
        DecisionKind::Penalty | DecisionKind::Licence => periods.penalty_and_licence,
        DecisionKind::Other => periods.other,
    };
    let due = rule
        .due_with(calendar, decided_on, period)
        .map_err(|e| Refusal::new("calendar.unavailable", format!("无法计算期限：{e}")))?;
    Ok(DueItem {
        rule_id: id,
        subject: match kind {
            DecisionKind::Penalty | DecisionKind::Licence => "公示行政处罚、行政许可决定",
            DecisionKind::Other => "公示其他行政执法决定",
        },
        due: due.due,
        provisional: due.provisional,
    })
}

/// Whether a publication on `published_on` was on time (for 公示及时率).
pub fn published_on_time(
    kind: DecisionKind,
    decided_on: NaiveDate,
    published_on: NaiveDate,
    periods: &DisclosurePeriods,
    calendar: &Calendar,
) -> Result<bool, Refusal> {
    if published_on < decided_on {
        return Err(Refusal::new(
            "disclosure.date_order",
            "公示日期不得早于决定日期",
        ));
    }
    Ok(published_on <= publication_due(kind, decided_on, periods, calendar)?.due)
}

/// Why a published decision is withdrawn (第四十八条第二款).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WithdrawalGround {
    /// 依法变更.
    Changed,
    /// 撤销.
    Revoked,
    /// 确认违法.
    ConfirmedUnlawful,
    /// 确认无效.
    ConfirmedVoid,
}

impl WithdrawalGround {
    /// The Chinese word.
    pub fn label(self) -> &'static str {
        match self {
            WithdrawalGround::Changed => "变更",
            WithdrawalGround::Revoked => "撤销",
            WithdrawalGround::ConfirmedUnlawful => "确认违法",
            WithdrawalGround::ConfirmedVoid => "确认无效",
        }
    }
}

/// A withdrawal of published decision information.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withdrawal {
    /// Ground.
    pub ground: WithdrawalGround,
    /// Day of the change/revocation (the clock starts here).
    pub ground_on: NaiveDate,
    /// Day withdrawn.
    pub withdrawn_on: NaiveDate,
    /// The reason published with the withdrawal.
    pub reason: String,
    /// Withdrawn after the 3-working-day limit (recorded, not refused: withdrawal is still owed).
    pub late: bool,
}

/// The last day to withdraw after a change on `ground_on` (第四十八条第二款、第八十五条).
pub fn withdrawal_due(ground_on: NaiveDate, calendar: &Calendar) -> Result<DueItem, Refusal> {
    let rule = deadline_rules::rule("penalty.withdraw_publication")
        .ok_or_else(|| Refusal::new("calendar.rule_missing", "期限规则缺失"))?;
    let due = rule
        .due(calendar, ground_on)
        .map_err(|e| Refusal::new("calendar.unavailable", format!("无法计算期限：{e}")))?;
    Ok(DueItem {
        rule_id: "penalty.withdraw_publication",
        subject: "撤回已公开的行政处罚决定信息（第四十八条）",
        due: due.due,
        provisional: due.provisional,
    })
}

/// 行政处罚法 第四十八条第二款: withdraw within 3 working days and publicly state the reason.
pub fn withdraw(
    ground: WithdrawalGround,
    ground_on: NaiveDate,
    withdrawn_on: NaiveDate,
    reason: &str,
    calendar: &Calendar,
) -> Result<Withdrawal, Refusal> {
    if reason.trim().is_empty() {
        return Err(Refusal::by_law(
            "disclosure.withdrawal_reason_missing",
            format!(
                "已公开的行政处罚决定被依法{}的，撤回时应当公开说明理由（《中华人民共和国行政处罚法》第四十八条第二款）",
                ground.label()
            ),
            penalty_law("第四十八条第二款"),
        ));
    }
    if withdrawn_on < ground_on {
        return Err(Refusal::new(
            "disclosure.date_order",
            "撤回日期不得早于决定变更或撤销的日期",
        ));
    }
    let due = withdrawal_due(ground_on, calendar)?;
    Ok(Withdrawal {
        ground,
        ground_on,
        withdrawn_on,
        reason: reason.trim().to_owned(),
        late: withdrawn_on > due.due,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enforcement::officer::tests::d;

    fn cal() -> &'static Calendar {
        Calendar::official()
    }

    #[test]
    fn penalty_and_licence_published_within_7_working_days_118() {
        let p = DisclosurePeriods::default();
        // Fri 2025-03-07 + 7 working days = Tue 03-18.
        for kind in [DecisionKind::Penalty, DecisionKind::Licence] {
            let due = publication_due(kind, d(2025, 3, 7), &p, cal()).unwrap();
            assert_eq!(due.due, d(2025, 3, 18));
            assert_eq!(due.rule_id, "disclosure.licence_and_penalty_decisions");
        }
        assert!(
            published_on_time(
                DecisionKind::Penalty,
                d(2025, 3, 7),
                d(2025, 3, 18),
                &p,
                cal()
            )
            .unwrap()
        );
        assert!(
            !published_on_time(
                DecisionKind::Penalty,
                d(2025, 3, 7),
                d(2025, 3, 19),
                &p,
                cal()
            )
            .unwrap()
        );
        // Across the 2025 National Day holiday (10-01..10-08, 09-28 and 10-11 worked).
        let due = publication_due(DecisionKind::Penalty, d(2025, 9, 30), &p, cal()).unwrap();
        assert_eq!(due.due, d(2025, 10, 16));
    }

    #[test]
    fn other_decisions_within_20_working_days_118_configurable() {
        let p = DisclosurePeriods::default();
        let due = publication_due(DecisionKind::Other, d(2025, 3, 7), &p, cal()).unwrap();
        assert_eq!(due.due, d(2025, 4, 7));
        let local = DisclosurePeriods {
            other: Period::working_days(10),
            ..p
        };
        let due = publication_due(DecisionKind::Other, d(2025, 3, 7), &local, cal()).unwrap();
        assert_eq!(due.due, d(2025, 3, 21));
    }

    #[test]
    fn withdrawal_within_3_working_days_with_reason_art_48() {
        let refusal = withdraw(
            WithdrawalGround::Revoked,
            d(2025, 3, 7),
            d(2025, 3, 10),
            " ",
            cal(),
        )
        .unwrap_err();
        assert_eq!(refusal.code, "disclosure.withdrawal_reason_missing");
        assert!(refusal.message.contains("第四十八条"));
        // Fri 03-07 + 3 working days = Wed 03-12.
        let w = withdraw(
            WithdrawalGround::Revoked,
            d(2025, 3, 7),
            d(2025, 3, 12),
            "复议决定撤销",
            cal(),
        )
        .unwrap();
        assert!(!w.late);
        let w = withdraw(
            WithdrawalGround::ConfirmedUnlawful,
            d(2025, 3, 7),
            d(2025, 3, 13),
            "判决确认违法",
            cal(),
        )
        .unwrap();
        assert!(w.late);
    }
}

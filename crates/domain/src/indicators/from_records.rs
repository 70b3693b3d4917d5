//! Facts from the enforcement records the domain already has: a penalty case, an on-the-spot
//! decision, an officer, a power, an inspection, a legal-review opinion, a disclosure and a
//! case-file review. The lead calls these whenever a record changes and hands the old and new
//! facts to [`contributions`](super::contributions).
//!
//! A normative document gives its own fact and one per legality review ([`normative_facts`]).
//! Records the domain has no type for yet (major-penalty filings) are built with [`Fact::new`]
//! and the fields of [`records`](super::records).

use calendar::{Calendar, NaiveDate, Period};

use crate::deadline_rules;
use crate::enforcement::disclosure::{self, DecisionKind, DisclosurePeriods};
use crate::enforcement::inspection::{Inspection, InspectionResult};
use crate::enforcement::legal_review::{Opinion, ReviewRecord, ReviewTrack};
use crate::enforcement::officer::{CertificateStanding, Officer};
use crate::enforcement::penalty::{
    Context, Hearing, HearingOutcome, Outcome, PenaltyCase, Sanction,
};
use crate::enforcement::power::{Power, PowerChange, PowerType};
use crate::enforcement::summary::{Collection, OnTheSpotDecision, SummarySanction};
use crate::enforcement::supervision::ScoreCard;
use crate::refusal::Refusal;

use super::fact::Fact;
use crate::normative::NormativeDocument;
use crate::normative::review::Conclusion;

/// Default pass mark of a case-file review, in per cent of the highest total: 60 \[practice\]
/// (local 案卷评查 rules commonly grade ≥90 优秀, 60–89 合格).
pub const DEFAULT_PASS_MARK_PERCENT: u32 = 60;

/// Settings a penalty case's fact depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PenaltyFactOptions {
    /// The department's period to open a case after a clue is registered, if it has one
    /// (市场监督管理行政处罚程序规定 第十八条: 15 working days \[secondary\]); `None` leaves
    /// `opened_on_time` out, so the case does not count towards 立案及时率.
    pub opening_period: Option<Period>,
}

impl Default for PenaltyFactOptions {
    fn default() -> Self {
        PenaltyFactOptions {
            opening_period: Some(Period::working_days(15)),
        }
    }
}

/// The 第九条 group of a sanction (items (一) to (六)).
pub fn sanction_group(sanction: &Sanction) -> &'static str {
    match sanction {
        Sanction::Warning | Sanction::Criticism => "reprimand",
        Sanction::Fine { .. }
        | Sanction::ConfiscateGains { .. }
        | Sanction::ConfiscateProperty { .. } => "property",
        Sanction::SuspendLicence | Sanction::LowerQualification | Sanction::RevokeLicence => {
            "qualification"
        }
        Sanction::RestrictBusiness
        | Sanction::OrderSuspension
        | Sanction::OrderClosure
        | Sanction::RestrictPractice => "conduct",
        Sanction::Detention { .. } => "detention",
        Sanction::Other { .. } => "other",
    }
}

fn groups<'a>(sanctions: impl Iterator<Item = &'a Sanction>) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for s in sanctions {
        let g = sanction_group(s);
        if !out.contains(&g) {
            out.push(g);
        }
    }
    out
}

/// A penalty case's fact. `ctx` supplies the calendar and whether the matter is on the legal
/// review catalogue (第五十八条 grounds are those of [`PenaltyCase::review_grounds_now`]).
pub fn penalty_case_fact(
    case: &PenaltyCase,
    ctx: &Context<'_>,
    options: &PenaltyFactOptions,
) -> Fact {
    let mut fact = Fact::new("penalty_case", case.id.to_string())
        .with("registered_on", case.registered_on)
        .with_opt("opened_on", case.opened_on)
        .with_opt("closed_on", case.closed_on)
        .with("review_required", !case.review_grounds_now(ctx).is_empty())
        .with("review_passed", case.review.passed());
    if let (Some(opened_on), Some(period), Some(rule)) = (
        case.opened_on,
        options.opening_period,
        deadline_rules::rule("penalty.samr_case_opening"),
    ) && let Ok(due) = rule.due_with(ctx.calendar, case.registered_on, period)
    {
        fact = fact.with("opened_on_time", opened_on <= due.due);
    }
    if let ReviewTrack::Passed(record) = &case.review {
        fact = fact.with("reviewed_on", record.reviewed_on);
    }
    if let Some(notice) = &case.notice {
        fact = fact
            .with("noticed_on", notice.served_on)
            .with("hearing_right_due", notice.hearing_ground.is_some())
            .with(
                "hearing_right_notified",
                !matches!(case.hearing, Hearing::NotApplicable),
            )
            .with(
                "hearing_requested",
                matches!(
                    case.hearing,
                    Hearing::Requested { .. } | Hearing::Scheduled { .. } | Hearing::Done { .. }
                ),
            )
            .with(
                "hearing_held",
                matches!(
                    case.hearing,
                    Hearing::Done {
                        outcome: HearingOutcome::Held,
                        ..
                    }
                ),
            );
    }
    if let Some(decision) = &case.decision {
        fact = fact
            .with("decided_on", decision.decided_on)
            .with("outcome", decision.outcome.as_str())
            .with("decided_late", decision.late);
        if let Outcome::Penalty(penalty) = &decision.outcome {
            let money: i64 = penalty
                .sanctions
                .iter()
                .map(|s| match s {
                    Sanction::Fine { fen } | Sanction::ConfiscateGains { fen } => *fen,
                    _ => 0,
                })
                .sum();
            fact = fact
                .with("sanction_groups", groups(penalty.sanctions.iter()))
                .with("fines_and_confiscations_fen", money);
        }
    }
    if let Some(service) = &case.service {
        fact = fact.with("served_on", service.served_on);
    }
    fact
}

/// An on-the-spot decision's fact; `id` is its store id.
pub fn summary_penalty_fact(id: i64, decision: &OnTheSpotDecision) -> Fact {
    let input = &decision.input;
    let (sanction, fen) = match input.sanction {
        SummarySanction::Warning => ("warning", 0),
        SummarySanction::Fine { fen } => ("fine", fen),
    };
    Fact::new("summary_penalty", id.to_string())
        .with("decided_on", input.decided_at.date())
        .with("sanction", sanction)
        .with(
            "sanction_groups",
            vec![if sanction == "warning" {
                "reprimand"
            } else {
                "property"
            }],
        )
        .with("fines_and_confiscations_fen", fen)
        .with(
            "collected_on_the_spot",
            matches!(input.collection, Collection::OnTheSpot(_)),
        )
}

/// An officer's fact. The roster dates come from the store (the day the officer was entered,
/// and the day they left, if they did).
pub fn officer_fact(officer: &Officer, listed_on: NaiveDate, left_on: Option<NaiveDate>) -> Fact {
    let c = &officer.certificate;
    Fact::new("officer", officer.id.to_string())
        .with("department_id", officer.department_id)
        .with("listed_on", listed_on)
        .with_opt("left_on", left_on)
        .with("certificate_issued_on", c.issued_on)
        .with("certificate_expires_on", c.expires_on)
        .with(
            "certificate_standing",
            match c.standing {
                CertificateStanding::InForce => "in_force",
                CertificateStanding::Suspended => "suspended",
                CertificateStanding::Revoked => "revoked",
            },
        )
        .with("legal_review_qualified", officer.legal_review_qualified)
}

fn power_type_code(t: PowerType) -> &'static str {
    match t {
        PowerType::Penalty => "penalty",
        PowerType::Licence => "licence",
        PowerType::CoerciveMeasure => "coercive_measure",
        PowerType::Inspection => "inspection",
        PowerType::Levy => "levy",
        PowerType::Benefit => "benefit",
        PowerType::Confirmation => "confirmation",
        PowerType::Reward => "reward",
        PowerType::Adjudication => "adjudication",
        PowerType::Other => "other",
    }
}

/// A power's facts: one per period in force (added or assumed, until cancelled or delegated),
/// with ids `<code>#1`, `<code>#2`…, so that a power cancelled and later added again counts in
/// both periods and not in between.
pub fn power_facts(power: &Power) -> Vec<Fact> {
    let mut out = Vec::new();
    let mut from: Option<NaiveDate> = None;
    let push = |from: NaiveDate, until: Option<NaiveDate>, out: &mut Vec<Fact>| {
        let n = out.len() + 1;
        out.push(
            Fact::new("power", format!("{}#{n}", power.code))
                .with("in_force_from", from)
                .with_opt("in_force_until", until)
                .with("power_type", power_type_code(power.power_type)),
        );
    };
    for event in &power.history {
        match (event.change, from) {
            (PowerChange::Added | PowerChange::Assumed, None) => from = Some(event.on),
            (PowerChange::Cancelled | PowerChange::Delegated, Some(start)) => {
                push(start, Some(event.on), &mut out);
                from = None;
            }
            _ => {}
        }
    }
    if let Some(start) = from {
        push(start, None, &mut out);
    }
    out
}

/// An inspection's fact.
pub fn inspection_fact(inspection: &Inspection) -> Fact {
    let result = inspection.result.as_ref().map(|r| match r {
        InspectionResult::Compliant => "compliant",
        InspectionResult::OrderedToRectify { .. } => "ordered_to_rectify",
        InspectionResult::CaseOrTransfer => "case_or_transfer",
    });
    Fact::new("inspection", inspection.id.to_string())
        .with("planned_on", inspection.planned_on)
        .with_opt("conducted_on", inspection.conducted_on)
        .with_opt("result", result)
        .with("random", inspection.draw_seed.is_some())
        .with_opt("closed_on", inspection.closed_on)
}

/// A legal-review opinion's fact; ids are `<case id>/<round>`.
pub fn legal_review_fact(case_id: i64, record: &ReviewRecord) -> Fact {
    Fact::new("legal_review", format!("{case_id}/{}", record.round))
        .with("reviewed_on", record.reviewed_on)
        .with(
            "opinion",
            match record.opinion {
                Opinion::Approve => "approve",
                Opinion::Problems(_) => "problems",
            },
        )
        .with("round", i64::from(record.round))
}

/// A decision to be disclosed, and its publication. Whether it was published on time is
/// worked out with the department's periods (118号 \[secondary\]: 7 or 20 working days).
pub fn disclosure_fact(
    id: &str,
    kind: DecisionKind,
    decided_on: NaiveDate,
    published_on: Option<NaiveDate>,
    withdrawn_on: Option<NaiveDate>,
    periods: &DisclosurePeriods,
    calendar: &Calendar,
) -> Result<Fact, Refusal> {
    let on_time = published_on
        .map(|p| disclosure::published_on_time(kind, decided_on, p, periods, calendar))
        .transpose()?;
    Ok(Fact::new("disclosure", id)
        .with("decided_on", decided_on)
        .with(
            "decision_kind",
            match kind {
                DecisionKind::Penalty => "penalty",
                DecisionKind::Licence => "licence",
                DecisionKind::Other => "other",
            },
        )
        .with_opt("published_on", published_on)
        .with_opt("published_on_time", on_time)
        .with_opt("withdrawn_on", withdrawn_on))
}

/// A case-file review's fact: passed when the total reaches `pass_mark_percent` of the highest
/// total ([`DEFAULT_PASS_MARK_PERCENT`] by default).
pub fn case_file_review_fact(
    id: i64,
    reviewed_on: NaiveDate,
    card: &ScoreCard,
    pass_mark_percent: u32,
) -> Fact {
    let passed =
        u64::from(card.total) * 100 >= u64::from(card.max_total) * u64::from(pass_mark_percent);
    Fact::new("case_file_review", id.to_string())
        .with("reviewed_on", reviewed_on)
        .with("score", i64::from(card.total))
        .with("max_score", i64::from(card.max_total))
        .with("passed", passed)
}

/// The facts of a normative document: the document itself once published (国办发〔2018〕37号:
/// 统一登记、统一编号、统一印发; 公布之日起三十日内报送备案), and one legality review per round
/// that received an opinion (国办发〔2018〕115号: 合法性审核).
///
/// - `issued_on` is the publication day; an unpublished draft has no document fact.
/// - `legality_reviewed`: a 合法 opinion was given before the deliberation that adopted it
///   (or before publication, when none is recorded).
/// - Every published document is to be filed (`filing_required`); `filed_on_time` is the
///   filing's own timeliness, judged by the domain against the configured period when filed.
/// - `filing_conforming` is left unset: the platform does not assess the filing materials.
pub fn normative_facts(doc: &NormativeDocument) -> Vec<Fact> {
    let mut out = Vec::new();
    if let Some(publication) = &doc.publication {
        let adopted_on = doc
            .deliberations
            .iter()
            .find(|d| d.adopted)
            .map(|d| d.held_on)
            .unwrap_or(publication.published_on);
        let legality_reviewed = doc.reviews.iter().any(|r| {
            r.opinion
                .as_ref()
                .is_some_and(|o| o.conclusion == Conclusion::Lawful && o.given_on <= adopted_on)
        });
        out.push(
            Fact::new("normative_document", doc.id.to_string())
                .with("issued_on", publication.published_on)
                .with("legality_reviewed", legality_reviewed)
                .with("filing_required", true)
                .with_opt("filed_on", doc.filing.as_ref().map(|f| f.filed_on))
                .with_opt("filed_on_time", doc.filing.as_ref().map(|f| !f.late)),
        );
    }
    for round in &doc.reviews {
        let Some(opinion) = &round.opinion else {
            continue;
        };
        out.push(
            Fact::new("document_review", format!("{}#{}", doc.id, round.round))
                .with("received_on", round.submitted_on)
                .with("reviewed_on", opinion.given_on)
                .with(
                    "opinion",
                    match opinion.conclusion {
                        Conclusion::Lawful => "lawful",
                        Conclusion::Unlawful => "unlawful",
                        Conclusion::AmendmentsRequired => "amend",
                    },
                ),
        );
    }
    out
}

#[cfg(test)]
mod tests;

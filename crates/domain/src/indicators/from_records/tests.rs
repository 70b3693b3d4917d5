//! Tests of the facts built from domain records: each fits its record kind and carries what the
//! catalogue counts.

use calendar::{Calendar, NaiveDate};

use super::*;
use crate::enforcement::PartyKind;
use crate::enforcement::inspection::InspectionStage;
use crate::enforcement::legal_review::{Finding, ReviewPoint};
use crate::enforcement::officer::Certificate;
use crate::enforcement::penalty::{
    DEFENCE_PERIOD, Decision, HearingGround, HearingThresholds, Notice, Party, Penalty,
};
use crate::enforcement::power::StatusEvent;
use crate::enforcement::summary::{Receipt, SummaryInput};
use crate::indicators::{Value, catalogue, evaluate};

static THRESHOLDS: HearingThresholds = HearingThresholds::public_security();

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn ctx() -> Context<'static> {
    Context {
        today: d("2024-12-31"),
        calendar: Calendar::official(),
        hearing_thresholds: &THRESHOLDS,
        on_review_catalogue: false,
        defence_period: DEFENCE_PERIOD,
    }
}

/// A case registered on Friday 2024-03-01, opened, noticed with a hearing right, heard, reviewed
/// and decided with a fine and a confiscation.
fn decided_case(opened_on: &str) -> PenaltyCase {
    let party = Party {
        kind: PartyKind::Organisation,
        name: "某公司".into(),
    };
    let (mut case, _) =
        PenaltyCase::register(9, party, "群众举报", d("2024-03-01"), &ctx()).unwrap();
    let penalty = Penalty {
        sanctions: vec![
            Sanction::Warning,
            Sanction::Fine { fen: 5_000_000 },
            Sanction::ConfiscateGains { fen: 120_000 },
            Sanction::ConfiscateProperty { value_fen: 999 },
        ],
        other_hearing_ground: false,
    };
    case.opened_on = Some(d(opened_on));
    case.notice = Some(Notice {
        served_on: d("2024-04-10"),
        proposal: penalty.clone(),
        facts: "事实".into(),
        basis: "依据".into(),
        hearing_ground: Some(HearingGround::LargeFine),
        ordinal: 1,
    });
    case.hearing = Hearing::Done {
        on: d("2024-04-25"),
        outcome: HearingOutcome::Held,
    };
    case.review = ReviewTrack::Passed(ReviewRecord {
        reviewer_id: 3,
        reviewer_name: "赵审".into(),
        reviewed_on: d("2024-05-06"),
        round: 1,
        opinion: Opinion::Approve,
    });
    case.decision = Some(Decision {
        decided_on: d("2024-05-10"),
        document_number: "某罚〔2024〕1号".into(),
        outcome: Outcome::Penalty(penalty),
        late: false,
    });
    case
}

#[test]
fn penalty_case_fact_carries_what_the_catalogue_counts() {
    let fact = penalty_case_fact(
        &decided_case("2024-03-15"),
        &ctx(),
        &PenaltyFactOptions::default(),
    );
    assert_eq!(fact.check(), Ok(()));
    assert_eq!(fact.get("outcome"), Some(&Value::from("penalty")));
    assert_eq!(
        fact.get("fines_and_confiscations_fen"),
        Some(&Value::Int(5_120_000))
    );
    assert_eq!(
        fact.get("sanction_groups"),
        Some(&Value::from(vec!["reprimand", "property"]))
    );
    // A hearing was held, so 第五十八条第一款第二项 required the review, which passed.
    assert_eq!(fact.get("review_required"), Some(&Value::Bool(true)));
    assert_eq!(fact.get("review_passed"), Some(&Value::Bool(true)));
    assert_eq!(fact.get("hearing_held"), Some(&Value::Bool(true)));
    assert_eq!(fact.get("hearing_right_due"), Some(&Value::Bool(true)));
    // 15 working days from Friday 1 March 2024 end on Friday 22 March.
    assert_eq!(fact.get("opened_on_time"), Some(&Value::Bool(true)));
    let figures = evaluate(&catalogue::LEGAL_REVIEW_RATE, 2024, &[fact]);
    assert_eq!((figures.numerator, figures.denominator), (1, Some(1)));
}

#[test]
fn opening_late_or_without_a_period() {
    let late = penalty_case_fact(
        &decided_case("2024-03-25"),
        &ctx(),
        &PenaltyFactOptions::default(),
    );
    assert_eq!(late.get("opened_on_time"), Some(&Value::Bool(false)));
    let none = penalty_case_fact(
        &decided_case("2024-03-25"),
        &ctx(),
        &PenaltyFactOptions {
            opening_period: None,
        },
    );
    assert_eq!(none.get("opened_on_time"), None);
}

#[test]
fn summary_penalty_fact_fits() {
    let decision = OnTheSpotDecision {
        input: SummaryInput {
            number: "0001".into(),
            party_kind: PartyKind::Individual,
            party_name: "李四".into(),
            facts: "事实".into(),
            basis: "依据".into(),
            place: "某路".into(),
            decided_at: d("2024-06-01").and_hms_opt(10, 0, 0).unwrap(),
            sanction: SummarySanction::Fine { fen: 10_000 },
            collection: Collection::Bank,
            officers: Vec::new(),
            single_officer_basis: None,
            rights_told_and_heard: true,
            receipt: Receipt::Signed,
        },
        due: Vec::new(),
    };
    let fact = summary_penalty_fact(5, &decision);
    assert_eq!(fact.check(), Ok(()));
    assert_eq!(fact.date("decided_on"), Some(d("2024-06-01")));
    assert_eq!(fact.int("fines_and_confiscations_fen"), Some(10_000));
}

#[test]
fn officer_fact_fits() {
    let officer = Officer {
        id: 1,
        name: "李明".into(),
        department_id: 2,
        certificate: Certificate {
            number: "33000000001".into(),
            category: "综合行政执法".into(),
            issued_on: d("2022-01-01"),
            expires_on: d("2027-12-31"),
            standing: CertificateStanding::Suspended,
        },
        legal_review_qualified: true,
        training_hours: 40,
    };
    let fact = officer_fact(&officer, d("2022-01-05"), None);
    assert_eq!(fact.check(), Ok(()));
    assert_eq!(
        fact.get("certificate_standing"),
        Some(&Value::from("suspended"))
    );
    let rate = evaluate(&catalogue::CERTIFIED_OFFICER_RATE, 2024, &[fact]);
    assert_eq!((rate.numerator, rate.denominator), (0, Some(1)));
}

#[test]
fn a_power_cancelled_and_added_again_has_two_periods() {
    let event = |change, on: &str| StatusEvent {
        change,
        on: d(on),
        document_number: "某政发〔2020〕1号".into(),
    };
    let power = Power {
        code: "330100001".into(),
        name: "对某违法行为的处罚".into(),
        power_type: PowerType::Penalty,
        bases: Vec::new(),
        history: vec![
            event(PowerChange::Added, "2019-01-01"),
            event(PowerChange::Delegated, "2021-06-01"),
            event(PowerChange::Assumed, "2023-03-01"),
        ],
    };
    let facts = power_facts(&power);
    assert_eq!(facts.len(), 2);
    for f in &facts {
        assert_eq!(f.check(), Ok(()));
    }
    let count = |year| evaluate(&catalogue::PENALTY_POWERS, year, &facts).numerator;
    assert_eq!(
        [count(2020), count(2021), count(2022), count(2023)],
        [1, 0, 0, 1]
    );
    for year in 2018..2026 {
        assert_eq!(
            count(year) == 1,
            power.in_force_on(d(&format!("{year}-12-31"))),
            "{year}"
        );
    }
}

#[test]
fn inspection_fact_fits() {
    let inspection = Inspection {
        id: 3,
        target_id: 4,
        planned_on: d("2024-04-01"),
        draw_seed: Some(42),
        stage: InspectionStage::ResultRecorded,
        team: Vec::new(),
        conducted_on: Some(d("2024-04-02")),
        findings: "发现问题".into(),
        result: Some(InspectionResult::OrderedToRectify {
            by: d("2024-05-01"),
        }),
        penalty_case_id: None,
        transferred_to: None,
        rectified_on: None,
        closed_on: None,
    };
    let fact = inspection_fact(&inspection);
    assert_eq!(fact.check(), Ok(()));
    let found = evaluate(&catalogue::INSPECTIONS_WITH_PROBLEMS, 2024, &[fact]);
    assert_eq!(found.numerator, 1);
}

#[test]
fn legal_review_fact_fits() {
    let record = ReviewRecord {
        reviewer_id: 3,
        reviewer_name: "赵审".into(),
        reviewed_on: d("2024-05-06"),
        round: 2,
        opinion: Opinion::Problems(vec![Finding {
            point: ReviewPoint::FactsAndEvidence,
            reason: "证据不足".into(),
        }]),
    };
    let fact = legal_review_fact(9, &record);
    assert_eq!(fact.check(), Ok(()));
    assert_eq!(fact.id, "9/2");
    assert_eq!(fact.get("opinion"), Some(&Value::from("problems")));
}

#[test]
fn disclosure_fact_uses_the_working_day_period() {
    // Decided Friday 2024-09-27; 7 working days skip the National Day holiday (1–7 October),
    // with 29 September and 12 October as make-up working days.
    let fact = disclosure_fact(
        "p-1",
        DecisionKind::Penalty,
        d("2024-09-27"),
        Some(d("2024-10-10")),
        None,
        &DisclosurePeriods::default(),
        Calendar::official(),
    )
    .unwrap();
    assert_eq!(fact.check(), Ok(()));
    assert_eq!(fact.get("published_on_time"), Some(&Value::Bool(true)));
    let unpublished = disclosure_fact(
        "p-2",
        DecisionKind::Other,
        d("2024-09-27"),
        None,
        None,
        &DisclosurePeriods::default(),
        Calendar::official(),
    )
    .unwrap();
    assert_eq!(unpublished.get("published_on_time"), None);
}

#[test]
fn case_file_review_pass_mark() {
    let card = |total| ScoreCard {
        items: Vec::new(),
        total,
        max_total: 100,
    };
    let passed = |total| {
        case_file_review_fact(1, d("2024-10-01"), &card(total), DEFAULT_PASS_MARK_PERCENT)
            .get("passed")
            .cloned()
    };
    assert_eq!(passed(60), Some(Value::Bool(true)));
    assert_eq!(passed(59), Some(Value::Bool(false)));
}

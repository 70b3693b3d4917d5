//! Tests of the catalogue: its shape (every filter names real fields with the right types, every
//! indicator has a source) and one test per available indicator, named after its article.

use calendar::NaiveDate;

use super::*;
use crate::indicators::records::{self, FieldType};
use crate::indicators::{Fact, Figure, evaluate};

const YEAR: i32 = 2024;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// Evaluates in [`YEAR`] and returns (numerator, denominator).
fn run(indicator: &Indicator, facts: &[Fact]) -> (i64, Option<i64>) {
    let figure: Figure = evaluate(indicator, YEAR, facts);
    (figure.numerator, figure.denominator)
}

fn case(id: u32) -> Fact {
    Fact::new("penalty_case", id.to_string())
}

fn decided(id: u32, on: &str, outcome: &'static str) -> Fact {
    case(id).with("decided_on", d(on)).with("outcome", outcome)
}

fn summary(id: u32, on: &str, fen: i64) -> Fact {
    Fact::new("summary_penalty", id.to_string())
        .with("decided_on", d(on))
        .with("sanction", if fen > 0 { "fine" } else { "warning" })
        .with(
            "sanction_groups",
            vec![if fen > 0 { "property" } else { "reprimand" }],
        )
        .with("fines_and_confiscations_fen", fen)
}

fn officer(id: u32, listed: &str, issued: &str, expires: &str, standing: &'static str) -> Fact {
    Fact::new("officer", id.to_string())
        .with("listed_on", d(listed))
        .with("certificate_issued_on", d(issued))
        .with("certificate_expires_on", d(expires))
        .with("certificate_standing", standing)
        .with("legal_review_qualified", false)
}

// ---- shape of the catalogue ------------------------------------------------------------------

fn lit_fits(lit: &Lit, ty: FieldType) -> bool {
    match (lit, ty) {
        (Lit::Bool(_), FieldType::Bool) | (Lit::Int(_), FieldType::Int) => true,
        (Lit::Text(t), FieldType::Code(codes)) => codes.contains(t),
        _ => false,
    }
}

fn check_cond(id: &str, kind: &records::RecordKind, cond: &Cond) {
    let field = |name: &str| {
        kind.field(name)
            .unwrap_or_else(|| panic!("{id}: {} has no field {name}", kind.name))
            .ty
    };
    match *cond {
        Cond::Is(f, lit) => assert!(lit_fits(&lit, field(f)), "{id}: {f} = {lit:?}"),
        Cond::In(f, lits) => {
            let ty = field(f);
            assert!(
                lits.iter().all(|l| lit_fits(l, ty)),
                "{id}: {f} in {lits:?}"
            );
        }
        Cond::Has(f, code) => {
            assert!(
                matches!(field(f), FieldType::Codes(codes) if codes.contains(&code)),
                "{id}: {f} has {code}"
            );
        }
        Cond::Set(f) | Cond::Unset(f) => {
            field(f);
        }
        Cond::OnOrBefore(f, _) | Cond::OnOrAfter(f, _) => {
            assert_eq!(field(f), FieldType::Date, "{id}: {f} is not a date");
        }
        Cond::Any(conds) => conds.iter().for_each(|c| check_cond(id, kind, c)),
    }
}

#[test]
fn every_filter_names_real_fields_with_the_right_types() {
    for indicator in all() {
        let id = indicator.id;
        let quantities: Vec<Quantity> = match indicator.measure {
            Measure::Total(q) => vec![q],
            Measure::Rate {
                numerator,
                denominator,
            } => vec![numerator, denominator],
        };
        for q in quantities {
            for filter in q.filters() {
                let kind = records::record(filter.record)
                    .unwrap_or_else(|| panic!("{id}: unknown record {}", filter.record));
                for cond in filter.conditions {
                    check_cond(id, kind, cond);
                }
                if let Quantity::Sum { field, .. } = q {
                    assert_eq!(
                        kind.field(field).map(|f| f.ty),
                        Some(FieldType::Int),
                        "{id}: sums {field}"
                    );
                }
                for field in indicator.period.fields() {
                    assert_eq!(
                        kind.field(field).map(|f| f.ty),
                        Some(FieldType::Date),
                        "{id}: period field {field} on {}",
                        kind.name
                    );
                }
            }
        }
    }
}

#[test]
fn available_indicators_use_only_available_records() {
    for indicator in all() {
        let kinds_available = indicator
            .measure
            .filters()
            .iter()
            .all(|f| records::record(f.record).is_some_and(|r| r.available));
        if indicator.available {
            assert!(kinds_available, "{} counts records not kept", indicator.id);
        }
        if let Some(base) = indicator.variant_of {
            let base = find(base).unwrap();
            assert!(base.available || !indicator.available, "{}", indicator.id);
        }
    }
}

#[test]
fn ids_are_unique_and_every_indicator_has_a_source() {
    let all = all();
    for (i, indicator) in all.iter().enumerate() {
        assert!(
            all[..i].iter().all(|o| o.id != indicator.id),
            "{} twice",
            indicator.id
        );
        let s = &indicator.source;
        assert!(!s.law.is_empty() && !s.article.is_empty() && !s.note.is_empty());
        assert!(!indicator.name.is_empty() && !indicator.definition.is_empty());
        assert_eq!(
            indicator.is_rate(),
            indicator.unit == Unit::Percent,
            "{}",
            indicator.id
        );
        if let Some(base) = indicator.variant_of {
            assert!(indicator.id.starts_with(base));
        }
        let prefix = match indicator.area {
            Area::Enforcement => "enforcement.",
            Area::NormativeDocuments => "normative.",
            Area::MajorDecisions => "major_decision.",
            Area::Reconsideration => "reconsideration.",
            Area::Litigation => "litigation.",
        };
        assert!(indicator.id.starts_with(prefix), "{}", indicator.id);
    }
}

/// The §17 indicators whose records exist today, by the name reports use: all present and
/// computable.
#[test]
fn section_17_indicators_with_records_are_present_and_available() {
    let names = [
        "行政处罚决定数",
        "普通程序行政处罚决定数",
        "简易程序行政处罚决定数",
        "罚没金额",
        "执法人员持证率",
        "法制审核人员占比",
        "重大执法决定法制审核率",
        "听证告知率",
        "听证率",
        "行政处罚案件按期办结率",
        "立案及时率",
        "行政执法决定公示率",
        "公示及时率",
        "涉嫌犯罪移送司法机关案件数",
        "行政规范性文件制发数",
        "规范性文件合法性审核件数",
        "规范性文件合法性审核率",
        "报备率",
        "报备及时率",
        "报备规范率",
    ];
    for name in names {
        let found = all().iter().find(|i| i.name == name);
        assert!(
            found.is_some_and(|i| i.available),
            "{name} missing or unavailable"
        );
    }
}

/// §17 indicators whose records do not exist yet are declared, and marked unavailable.
#[test]
fn section_17_indicators_without_records_are_declared_unavailable() {
    for id in [
        "enforcement.full_process_record_rate",
        "enforcement.licence_on_time_rate",
        "enforcement.licence_speedup_rate",
        "normative.filing_correction_rate",
        "normative.review_request_answer_rate",
        "normative.cleanup_repealed",
        "major_decision.legality_review_rate",
        "reconsideration.correction_rate",
        "reconsideration.on_time_rate",
        "litigation.loss_rate",
        "litigation.head_appearance_rate",
    ] {
        let indicator = find(id).unwrap_or_else(|| panic!("{id} missing"));
        assert!(!indicator.available, "{id}");
    }
}

/// STATUTES.md §7.3: three denominators of 负责人出庭应诉率, three readings of 败诉率; §17: 综合纠错率
/// and the 中止 choice of 按期审结率.
#[test]
fn variants_where_practice_differs_are_present() {
    let variants = |id: &str| -> Vec<&'static str> {
        all()
            .iter()
            .filter(|i| i.variant_of == Some(id))
            .map(|i| i.id)
            .collect()
    };
    assert_eq!(
        variants("litigation.head_appearance_rate"),
        [
            "litigation.head_appearance_rate.notified",
            "litigation.head_appearance_rate.sessions"
        ]
    );
    assert_eq!(
        variants("litigation.loss_rate"),
        [
            "litigation.loss_rate.judgments",
            "litigation.loss_rate.substantive"
        ]
    );
    assert_eq!(
        variants("reconsideration.correction_rate"),
        ["reconsideration.correction_rate.comprehensive"]
    );
    assert_eq!(
        variants("reconsideration.on_time_rate"),
        ["reconsideration.on_time_rate.counting_suspension"]
    );
    let sessions = find("litigation.head_appearance_rate.sessions").unwrap();
    assert!(!sessions.available);
    assert_eq!(sessions.unit, Unit::Percent);
}

#[test]
fn a_rate_below_its_minimum_volume_is_not_ranked() {
    let facts: Vec<Fact> = (0..9)
        .map(|i| decided(i, "2024-05-01", "penalty").with("decided_late", false))
        .collect();
    let figure = evaluate(&DECIDED_ON_TIME_RATE, YEAR, &facts);
    assert_eq!((figure.numerator, figure.denominator), (9, Some(9)));
    assert!(!figure.rankable);
    let mut more = facts.clone();
    more.push(decided(99, "2024-06-01", "penalty").with("decided_late", true));
    let figure = evaluate(&DECIDED_ON_TIME_RATE, YEAR, &more);
    assert!(figure.rankable);
    assert_eq!(figure.value(), Some(90.0));
}

// ---- one test per available indicator ---------------------------------------------------------

#[test]
fn cases_opened_art_54() {
    let facts = [
        case(1).with("opened_on", d("2024-01-05")),
        case(2).with("opened_on", d("2024-12-31")),
        case(3).with("opened_on", d("2023-12-31")),
        case(4).with("registered_on", d("2024-03-01")),
    ];
    assert_eq!(run(&CASES_OPENED, &facts), (2, None));
}

fn decisions() -> Vec<Fact> {
    vec![
        decided(1, "2024-02-01", "penalty")
            .with("sanction_groups", vec!["reprimand", "property"])
            .with("fines_and_confiscations_fen", 500_000),
        decided(2, "2024-03-01", "penalty")
            .with("sanction_groups", vec!["qualification"])
            .with("fines_and_confiscations_fen", 0),
        decided(3, "2024-04-01", "no_penalty_minor"),
        decided(4, "2024-05-01", "transfer_to_judiciary"),
        decided(5, "2023-05-01", "penalty").with("fines_and_confiscations_fen", 7),
        summary(6, "2024-06-01", 20_000),
        summary(7, "2024-06-02", 0),
        summary(8, "2025-01-01", 10_000),
    ]
}

#[test]
fn penalty_decisions_art_57_and_art_51() {
    assert_eq!(run(&PENALTY_DECISIONS, &decisions()), (4, None));
}

#[test]
fn penalty_decisions_ordinary_art_57() {
    assert_eq!(run(&PENALTY_DECISIONS_ORDINARY, &decisions()), (2, None));
}

#[test]
fn penalty_decisions_summary_art_51_and_art_52() {
    assert_eq!(run(&PENALTY_DECISIONS_SUMMARY, &decisions()), (2, None));
}

#[test]
fn penalty_decisions_by_kind_art_9() {
    let facts = decisions();
    assert_eq!(run(&PENALTY_DECISIONS_REPRIMAND, &facts), (2, None));
    assert_eq!(run(&PENALTY_DECISIONS_PROPERTY, &facts), (2, None));
    assert_eq!(run(&PENALTY_DECISIONS_QUALIFICATION, &facts), (1, None));
    assert_eq!(run(&PENALTY_DECISIONS_CONDUCT, &facts), (0, None));
    assert_eq!(run(&PENALTY_DECISIONS_DETENTION, &facts), (0, None));
    assert_eq!(run(&PENALTY_DECISIONS_OTHER_KIND, &facts), (0, None));
}

#[test]
fn no_penalty_decisions_art_33() {
    assert_eq!(run(&NO_PENALTY_DECISIONS, &decisions()), (1, None));
}

#[test]
fn transfers_to_judiciary_art_27() {
    assert_eq!(run(&TRANSFERS_TO_JUDICIARY, &decisions()), (1, None));
}

#[test]
fn fines_and_confiscations_art_74() {
    let figure = evaluate(&FINES_AND_CONFISCATIONS, YEAR, &decisions());
    assert_eq!(figure.numerator, 520_000);
    assert_eq!(figure.volume, 4);
    assert_eq!(figure.value(), Some(5_200.0));
}

#[test]
fn decided_on_time_rate_art_60() {
    let facts = [
        decided(1, "2024-02-01", "penalty").with("decided_late", false),
        decided(2, "2024-02-01", "no_penalty_minor").with("decided_late", false),
        decided(3, "2024-02-01", "penalty").with("decided_late", true),
        decided(4, "2024-02-01", "penalty"),
    ];
    assert_eq!(run(&DECIDED_ON_TIME_RATE, &facts), (2, Some(3)));
}

#[test]
fn opened_on_time_rate_art_54() {
    let facts = [
        case(1)
            .with("opened_on", d("2024-02-01"))
            .with("opened_on_time", true),
        case(2)
            .with("opened_on", d("2024-02-01"))
            .with("opened_on_time", false),
        case(3).with("opened_on", d("2024-02-01")),
    ];
    assert_eq!(run(&OPENED_ON_TIME_RATE, &facts), (1, Some(2)));
}

fn noticed(id: u32, due: bool, notified: bool, requested: bool, held: bool) -> Fact {
    case(id)
        .with("noticed_on", d("2024-07-01"))
        .with("hearing_right_due", due)
        .with("hearing_right_notified", notified)
        .with("hearing_requested", requested)
        .with("hearing_held", held)
}

#[test]
fn hearing_notice_rate_art_63() {
    let facts = [
        noticed(1, true, true, false, false),
        noticed(2, true, false, false, false),
        noticed(3, false, false, false, false),
    ];
    assert_eq!(run(&HEARING_NOTICE_RATE, &facts), (1, Some(2)));
}

#[test]
fn hearing_rate_art_64() {
    let facts = [
        noticed(1, true, true, true, true),
        noticed(2, true, true, true, false),
        noticed(3, true, true, false, false),
    ];
    assert_eq!(run(&HEARING_RATE, &facts), (1, Some(2)));
}

#[test]
fn hearings_held_art_64() {
    let facts = [
        noticed(1, true, true, true, true),
        noticed(2, true, true, true, false),
    ];
    assert_eq!(run(&HEARINGS_HELD, &facts), (1, None));
}

#[test]
fn legal_review_rate_art_58() {
    let facts = [
        decided(1, "2024-02-01", "penalty")
            .with("review_required", true)
            .with("review_passed", true),
        decided(2, "2024-02-01", "penalty")
            .with("review_required", true)
            .with("review_passed", false),
        decided(3, "2024-02-01", "penalty")
            .with("review_required", false)
            .with("review_passed", true),
    ];
    assert_eq!(run(&LEGAL_REVIEW_RATE, &facts), (1, Some(2)));
}

fn opinion(id: &str, on: &str, opinion: &'static str) -> Fact {
    Fact::new("legal_review", id)
        .with("reviewed_on", d(on))
        .with("opinion", opinion)
        .with("round", 1)
}

#[test]
fn legal_reviews_art_58() {
    let facts = [
        opinion("1/1", "2024-01-02", "problems"),
        opinion("1/2", "2024-01-09", "approve"),
        opinion("2/1", "2023-12-09", "approve"),
    ];
    assert_eq!(run(&LEGAL_REVIEWS, &facts), (2, None));
}

#[test]
fn legal_reviews_with_problems_art_58() {
    let facts = [
        opinion("1/1", "2024-01-02", "problems"),
        opinion("1/2", "2024-01-09", "approve"),
    ];
    assert_eq!(run(&LEGAL_REVIEWS_WITH_PROBLEMS, &facts), (1, None));
}

fn roster() -> Vec<Fact> {
    vec![
        officer(1, "2020-01-01", "2020-01-01", "2026-12-31", "in_force")
            .with("legal_review_qualified", true),
        // Expires on 31 December: still valid that day.
        officer(2, "2020-01-01", "2020-01-01", "2024-12-31", "in_force"),
        // Expired during the year.
        officer(3, "2020-01-01", "2020-01-01", "2024-06-30", "in_force"),
        officer(4, "2020-01-01", "2020-01-01", "2026-12-31", "suspended"),
        // Certificate issued next year.
        officer(5, "2024-11-01", "2025-01-02", "2030-01-01", "in_force"),
        // Left the roster during the year.
        officer(6, "2020-01-01", "2020-01-01", "2026-12-31", "in_force")
            .with("left_on", d("2024-09-01")),
        // Listed next year.
        officer(7, "2025-01-01", "2025-01-01", "2030-01-01", "in_force"),
    ]
}

#[test]
fn officers_art_42() {
    assert_eq!(run(&OFFICERS, &roster()), (5, None));
}

#[test]
fn certified_officers_art_42() {
    assert_eq!(run(&CERTIFIED_OFFICERS, &roster()), (2, None));
}

#[test]
fn certified_officer_rate_art_42() {
    assert_eq!(run(&CERTIFIED_OFFICER_RATE, &roster()), (2, Some(5)));
}

#[test]
fn legal_review_staff_art_58() {
    assert_eq!(run(&LEGAL_REVIEW_STAFF, &roster()), (1, None));
}

#[test]
fn legal_review_staff_share_art_58() {
    assert_eq!(run(&LEGAL_REVIEW_STAFF_SHARE, &roster()), (1, Some(5)));
}

fn power(id: &str, from: &str, until: Option<&str>, kind: &'static str) -> Fact {
    Fact::new("power", id)
        .with("in_force_from", d(from))
        .with_opt("in_force_until", until.map(d))
        .with("power_type", kind)
}

#[test]
fn powers_art_39() {
    let facts = [
        power("a#1", "2019-01-01", None, "penalty"),
        power("b#1", "2019-01-01", Some("2024-05-01"), "penalty"),
        power("c#1", "2024-12-31", None, "licence"),
        power("d#1", "2025-01-01", None, "penalty"),
    ];
    assert_eq!(run(&POWERS, &facts), (2, None));
}

#[test]
fn penalty_powers_art_39() {
    let facts = [
        power("a#1", "2019-01-01", None, "penalty"),
        power("c#1", "2024-12-31", None, "licence"),
    ];
    assert_eq!(run(&PENALTY_POWERS, &facts), (1, None));
}

fn inspected(id: u32, on: &str, result: &'static str, random: bool) -> Fact {
    Fact::new("inspection", id.to_string())
        .with("planned_on", d(on))
        .with("conducted_on", d(on))
        .with("result", result)
        .with("random", random)
}

fn inspections() -> Vec<Fact> {
    vec![
        inspected(1, "2024-03-01", "compliant", true),
        inspected(2, "2024-03-02", "ordered_to_rectify", false),
        inspected(3, "2024-03-03", "case_or_transfer", true),
        Fact::new("inspection", "4").with("planned_on", d("2024-12-01")),
    ]
}

#[test]
fn inspections_art_54() {
    assert_eq!(run(&INSPECTIONS, &inspections()), (3, None));
}

#[test]
fn random_inspections_art_54() {
    assert_eq!(run(&RANDOM_INSPECTIONS, &inspections()), (2, None));
}

#[test]
fn inspections_with_problems_art_54() {
    assert_eq!(run(&INSPECTIONS_WITH_PROBLEMS, &inspections()), (2, None));
}

fn disclosure(id: u32, decided: &str, published: Option<(&str, bool)>) -> Fact {
    let mut fact = Fact::new("disclosure", id.to_string())
        .with("decided_on", d(decided))
        .with("decision_kind", "penalty");
    if let Some((on, on_time)) = published {
        fact = fact
            .with("published_on", d(on))
            .with("published_on_time", on_time);
    }
    fact
}

fn disclosures() -> Vec<Fact> {
    vec![
        disclosure(1, "2024-03-01", Some(("2024-03-05", true))),
        disclosure(2, "2024-12-30", Some(("2025-01-20", false))),
        disclosure(3, "2024-05-01", None),
        disclosure(4, "2023-12-20", Some(("2024-01-10", false))),
    ]
}

#[test]
fn disclosure_rate_art_48() {
    assert_eq!(run(&DISCLOSURE_RATE, &disclosures()), (2, Some(3)));
}

#[test]
fn disclosures_art_48() {
    assert_eq!(run(&DISCLOSURES, &disclosures()), (2, None));
}

#[test]
fn disclosure_on_time_rate_guoban_118() {
    assert_eq!(run(&DISCLOSURE_ON_TIME_RATE, &disclosures()), (1, Some(2)));
}

fn filing(id: u32, on: &str, on_time: bool) -> Fact {
    Fact::new("major_penalty_filing", id.to_string())
        .with("decided_on", d(on))
        .with("filed_on", d(on))
        .with("filed_on_time", on_time)
}

#[test]
fn major_penalty_filings_local_rules() {
    let facts = [
        filing(1, "2024-02-01", true),
        filing(2, "2024-02-01", false),
    ];
    assert_eq!(run(&MAJOR_PENALTY_FILINGS, &facts), (2, None));
}

#[test]
fn major_penalty_filing_on_time_rate_local_rules() {
    let facts = [
        filing(1, "2024-02-01", true),
        filing(2, "2024-02-01", false),
    ];
    assert_eq!(
        run(&MAJOR_PENALTY_FILING_ON_TIME_RATE, &facts),
        (1, Some(2))
    );
}

fn file_review(id: u32, on: &str, passed: bool) -> Fact {
    Fact::new("case_file_review", id.to_string())
        .with("reviewed_on", d(on))
        .with("score", if passed { 90 } else { 40 })
        .with("max_score", 100)
        .with("passed", passed)
}

#[test]
fn case_file_reviews_art_47() {
    let facts = [
        file_review(1, "2024-10-01", true),
        file_review(2, "2024-10-01", false),
        file_review(3, "2023-10-01", true),
    ];
    assert_eq!(run(&CASE_FILE_REVIEWS, &facts), (2, None));
}

#[test]
fn case_file_pass_rate_art_47() {
    let facts = [
        file_review(1, "2024-10-01", true),
        file_review(2, "2024-10-01", false),
    ];
    assert_eq!(run(&CASE_FILE_PASS_RATE, &facts), (1, Some(2)));
}

fn document(id: u32, issued: &str) -> Fact {
    Fact::new("normative_document", id.to_string()).with("issued_on", d(issued))
}

fn documents() -> Vec<Fact> {
    vec![
        document(1, "2024-02-01")
            .with("legality_reviewed", true)
            .with("filing_required", true)
            .with("filed_on", d("2024-02-20"))
            .with("filed_on_time", true)
            .with("filing_conforming", true),
        document(2, "2024-12-15")
            .with("legality_reviewed", true)
            .with("filing_required", true)
            .with("filed_on", d("2025-01-30"))
            .with("filed_on_time", false)
            .with("filing_conforming", false),
        document(3, "2024-06-01")
            .with("legality_reviewed", false)
            .with("filing_required", true),
        document(4, "2024-06-01")
            .with("legality_reviewed", true)
            .with("filing_required", false),
        document(5, "2023-11-20")
            .with("legality_reviewed", true)
            .with("filing_required", true)
            .with("filed_on", d("2024-01-10"))
            .with("filed_on_time", false)
            .with("filing_conforming", true),
    ]
}

#[test]
fn documents_issued_guoban_37() {
    assert_eq!(run(&DOCUMENTS_ISSUED, &documents()), (4, None));
}

#[test]
fn legality_reviews_guoban_115() {
    let facts = [
        Fact::new("document_review", "1")
            .with("received_on", d("2024-01-01"))
            .with("reviewed_on", d("2024-01-10"))
            .with("opinion", "amend"),
        Fact::new("document_review", "2")
            .with("received_on", d("2024-12-25"))
            .with("reviewed_on", d("2025-01-05"))
            .with("opinion", "lawful"),
    ];
    assert_eq!(run(&DOCUMENT_REVIEWS, &facts), (1, None));
}

#[test]
fn legality_review_rate_guoban_115() {
    assert_eq!(run(&LEGALITY_REVIEW_RATE, &documents()), (3, Some(4)));
}

#[test]
fn filing_rate_guoban_37() {
    assert_eq!(run(&FILING_RATE, &documents()), (2, Some(3)));
}

#[test]
fn filings_guoban_37() {
    assert_eq!(run(&FILINGS, &documents()), (2, None));
}

#[test]
fn filing_on_time_rate_guoban_37() {
    assert_eq!(run(&FILING_ON_TIME_RATE, &documents()), (1, Some(2)));
}

#[test]
fn filing_conformity_rate_demonstration_item_27() {
    assert_eq!(run(&FILING_CONFORMITY_RATE, &documents()), (2, Some(2)));
}

/// Every available indicator is covered by a test above (checked by name: the constant's id
/// must be evaluated by some test; kept as a list so a new indicator fails until tested).
#[test]
fn every_available_indicator_has_its_own_test() {
    let tested = [
        CASES_OPENED,
        PENALTY_DECISIONS,
        PENALTY_DECISIONS_ORDINARY,
        PENALTY_DECISIONS_SUMMARY,
        PENALTY_DECISIONS_REPRIMAND,
        PENALTY_DECISIONS_PROPERTY,
        PENALTY_DECISIONS_QUALIFICATION,
        PENALTY_DECISIONS_CONDUCT,
        PENALTY_DECISIONS_DETENTION,
        PENALTY_DECISIONS_OTHER_KIND,
        NO_PENALTY_DECISIONS,
        TRANSFERS_TO_JUDICIARY,
        FINES_AND_CONFISCATIONS,
        DECIDED_ON_TIME_RATE,
        OPENED_ON_TIME_RATE,
        HEARING_NOTICE_RATE,
        HEARING_RATE,
        HEARINGS_HELD,
        LEGAL_REVIEW_RATE,
        LEGAL_REVIEWS,
        LEGAL_REVIEWS_WITH_PROBLEMS,
        OFFICERS,
        CERTIFIED_OFFICERS,
        CERTIFIED_OFFICER_RATE,
        LEGAL_REVIEW_STAFF,
        LEGAL_REVIEW_STAFF_SHARE,
        POWERS,
        PENALTY_POWERS,
        INSPECTIONS,
        RANDOM_INSPECTIONS,
        INSPECTIONS_WITH_PROBLEMS,
        DISCLOSURE_RATE,
        DISCLOSURES,
        DISCLOSURE_ON_TIME_RATE,
        MAJOR_PENALTY_FILINGS,
        MAJOR_PENALTY_FILING_ON_TIME_RATE,
        CASE_FILE_REVIEWS,
        CASE_FILE_PASS_RATE,
        DOCUMENTS_ISSUED,
        DOCUMENT_REVIEWS,
        LEGALITY_REVIEW_RATE,
        FILING_RATE,
        FILINGS,
        FILING_ON_TIME_RATE,
        FILING_CONFORMITY_RATE,
    ];
    for indicator in all().iter().filter(|i| i.available) {
        assert!(
            tested.iter().any(|t| t.id == indicator.id),
            "{} has no test",
            indicator.id
        );
    }
}

//! Tests of evaluation and contributions: summing contributions gives what [`evaluate`] computes,
//! and a change (remove the old fact's contributions, add the new one's) gives what recomputing
//! from scratch gives — for random facts of every available record kind.

use calendar::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::indicators::records::{self, FieldType};
use crate::indicators::{Fact, Value, find};

const YEARS: std::ops::RangeInclusive<i32> = 2017..=2029;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A fact of `kind`, every field present or absent according to the draws and every value drawn
/// from its type (dates over 2018–2027).
fn build(kind: &records::RecordKind, id: String, draws: &[u64]) -> Fact {
    let mut fact = Fact::new(kind.name, id);
    for (spec, draw) in kind.fields.iter().zip(draws) {
        if draw % 5 == 0 {
            continue;
        }
        let r = draw / 5;
        let value = match spec.ty {
            FieldType::Bool => Value::Bool(r % 2 == 0),
            FieldType::Int => Value::Int((r % 100_000) as i64),
            FieldType::Date => Value::Date(
                d("2018-01-01")
                    .checked_add_days(calendar::Days::new(r % 3650))
                    .unwrap(),
            ),
            FieldType::Code(codes) => Value::Text(codes[(r as usize) % codes.len()].into()),
            FieldType::Codes(codes) => Value::List(
                codes
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| r >> i & 1 == 1)
                    .map(|(_, c)| (*c).to_owned())
                    .collect(),
            ),
        };
        fact.fields.insert(spec.name, value);
    }
    fact
}

fn draws() -> impl Strategy<Value = Vec<u64>> {
    prop::collection::vec(any::<u64>(), 32)
}

/// A random fact of an available record kind.
fn any_fact() -> impl Strategy<Value = Fact> {
    let kinds: Vec<&'static records::RecordKind> =
        records::RECORDS.iter().filter(|r| r.available).collect();
    (0..kinds.len(), any::<u32>(), draws())
        .prop_map(move |(k, id, draws)| build(kinds[k], id.to_string(), &draws))
}

fn aggregate(facts: &[Fact]) -> Aggregates {
    let mut agg = Aggregates::new();
    for f in facts {
        agg.add(&contributions(f));
    }
    agg
}

fn assert_agrees(agg: &Aggregates, facts: &[Fact]) -> Result<(), TestCaseError> {
    for indicator in catalogue::all().iter().filter(|i| i.available) {
        for year in YEARS {
            let expected = evaluate(indicator, year, facts);
            let got = agg.figure(indicator, year);
            prop_assert_eq!(got, expected, "{} in {}", indicator.id, year);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn summed_contributions_equal_evaluate(facts in prop::collection::vec(any_fact(), 0..40)) {
        for f in &facts {
            prop_assert_eq!(f.check(), Ok(()));
        }
        assert_agrees(&aggregate(&facts), &facts)?;
    }

    #[test]
    fn a_change_is_removing_the_old_contributions_and_adding_the_new(
        facts in prop::collection::vec(any_fact(), 1..30),
        replacement in draws(),
        at in any::<prop::sample::Index>(),
    ) {
        let i = at.index(facts.len());
        let mut agg = aggregate(&facts);
        let old = &facts[i];
        // A record keeps its kind and id when it changes.
        let new = build(records::record(old.record).unwrap(), old.id.clone(), &replacement);
        agg.remove(&contributions(old));
        agg.add(&contributions(&new));
        let mut changed = facts.clone();
        changed[i] = new;
        prop_assert_eq!(&agg, &aggregate(&changed));
        assert_agrees(&agg, &changed)?;
    }

    #[test]
    fn removing_every_record_leaves_nothing(facts in prop::collection::vec(any_fact(), 0..30)) {
        let mut agg = aggregate(&facts);
        for f in &facts {
            agg.remove(&contributions(f));
        }
        prop_assert_eq!(agg, Aggregates::new());
    }
}

#[test]
fn an_officer_counts_at_every_year_end_on_the_roster() {
    let officer = Fact::new("officer", "1")
        .with("listed_on", d("2020-03-01"))
        .with("certificate_issued_on", d("2020-03-01"))
        .with("certificate_expires_on", d("2023-06-30"))
        .with("certificate_standing", "in_force")
        .with("legal_review_qualified", false);
    let c = contributions(&officer);
    let run = |id: &str| -> Vec<(i32, Option<i32>, Tally)> {
        c.iter()
            .filter(|c| c.indicator == id)
            .map(|c| (c.from_year, c.to_year, c.tally))
            .collect()
    };
    let one = Tally {
        numerator: 1,
        denominator: 0,
        records: 1,
    };
    assert_eq!(run("enforcement.officers"), [(2020, None, one)]);
    assert_eq!(
        run("enforcement.certified_officers"),
        [(2020, Some(2022), one)]
    );
    assert_eq!(
        run("enforcement.certified_officer_rate"),
        [
            (
                2020,
                Some(2022),
                Tally {
                    numerator: 1,
                    denominator: 1,
                    records: 1
                }
            ),
            (
                2023,
                None,
                Tally {
                    numerator: 0,
                    denominator: 1,
                    records: 1
                }
            ),
        ]
    );
}

#[test]
fn a_dated_record_counts_in_one_year() {
    let case = Fact::new("penalty_case", "7")
        .with("decided_on", d("2024-08-08"))
        .with("outcome", "penalty")
        .with("decided_late", false)
        .with("fines_and_confiscations_fen", 12_345);
    let c = contributions(&case);
    assert!(
        c.iter()
            .all(|c| c.from_year == 2024 && c.to_year == Some(2024))
    );
    let fines = c
        .iter()
        .find(|c| c.indicator == "enforcement.fines_and_confiscations")
        .unwrap();
    assert_eq!(fines.tally.numerator, 12_345);
    assert!(
        c.iter()
            .any(|c| c.indicator == "enforcement.decided_on_time_rate")
    );
}

#[test]
fn unavailable_indicators_get_no_contributions_and_no_figures() {
    let case = Fact::new("litigation_case", "1")
        .with("concluded_on", d("2024-08-08"))
        .with("heard_in_court", true)
        .with("head_appeared", true);
    assert!(contributions(&case).is_empty());
    let figures = evaluate_all(2024, &[case]);
    assert!(figures.get("litigation.head_appearance_rate").is_none());
    assert!(figures.get("enforcement.penalty_decisions").is_some());
}

#[test]
fn values_in_their_units() {
    let rate = find("enforcement.decided_on_time_rate").unwrap();
    let zero = Figure::from_tally(rate, 2024, Tally::default());
    assert_eq!(zero.value(), None);
    assert!(!zero.rankable);
    let fines = find("enforcement.fines_and_confiscations").unwrap();
    let f = Figure::from_tally(
        fines,
        2024,
        Tally {
            numerator: 123_456,
            denominator: 0,
            records: 3,
        },
    );
    assert_eq!(f.value(), Some(1_234.56));
    assert_eq!(f.volume, 3);
}

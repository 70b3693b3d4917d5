//! Indicators (指标): the counts and rates that annual reports and assessments quote
//! (STATUTES.md §17), as data.
//!
//! Each [`Indicator`] says what it counts as declarative [`Filter`]s over record kinds and
//! their fields ([`records`] lists both), how a record falls into a year ([`PeriodRule`]: by its
//! receipt, decision or closing date, or as the state at the year's end), its [`Unit`], the
//! variants where practice differs, the minimum volume below which it is not ranked, and the
//! [`Source`] of both the thing counted and the formula. The filters are plain data so that the
//! store can turn them into SQL and into counters; nothing here computes a working-day period
//! or reads a clock — a record's fact carries the booleans (`decided_late`, `filed_on_time`)
//! that its own module worked out with the calendar when the record changed.
//!
//! Two ways to compute a figure, which must agree (tested):
//! * [`evaluate`] over in-memory [`Fact`]s for one year: the test oracle;
//! * [`contributions`] of one fact to every indicator, as year spans with a [`Tally`], so that
//!   an aggregate is kept up to date by removing a record's old contributions and adding its
//!   new ones ([`Aggregates`] does this in memory).
//!
//! National instruments define none of these formulas (STATUTES.md §17): they are \[practice\]
//! and a deployment may replace any indicator (all fields are public and `Copy`), e.g.
//! `Indicator { min_volume: 20, ..*catalogue::find("enforcement.decided_on_time_rate").unwrap() }`.

pub mod catalogue;
mod evaluate;
mod fact;
pub mod from_records;
pub mod records;

pub use catalogue::{CATALOGUE, all, find};
pub use evaluate::{
    Aggregates, Contribution, Figure, Figures, Tally, contributions, evaluate, evaluate_all,
};
pub use fact::{Fact, FactError, Value};

use crate::deadline_rules::Certainty;

/// Where an indicator belongs: the headings of STATUTES.md §17.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Area {
    /// 行政执法.
    Enforcement,
    /// 行政规范性文件.
    NormativeDocuments,
    /// 重大行政决策.
    MajorDecisions,
    /// 行政复议.
    Reconsideration,
    /// 行政应诉.
    Litigation,
}

impl Area {
    /// The Chinese heading.
    pub fn label(self) -> &'static str {
        match self {
            Area::Enforcement => "行政执法",
            Area::NormativeDocuments => "行政规范性文件",
            Area::MajorDecisions => "重大行政决策",
            Area::Reconsideration => "行政复议",
            Area::Litigation => "行政应诉",
        }
    }
}

/// The unit a figure is shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// A count, with the measure word reports use (`件`, `人`, `次`, `卷`, `项`).
    Count(&'static str),
    /// A rate in per cent.
    Percent,
    /// An amount of money; summed in fen, shown in 元 or 万元.
    Yuan,
}

/// A literal a condition compares a field with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lit {
    /// A yes/no field.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A code (stable ASCII, as listed in [`records`]).
    Text(&'static str),
}

/// A date a condition compares a date field with, relative to the year being computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateRef {
    /// 1 January of the year.
    YearStart,
    /// 31 December of the year.
    YearEnd,
}

/// One condition on a record's field. A condition on a field the record lacks is false, except
/// [`Cond::Unset`] (SQL: `NULL` compares as unknown, and a `WHERE` keeps only true rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cond {
    /// `field = value`.
    Is(&'static str, Lit),
    /// `field IN (values)`.
    In(&'static str, &'static [Lit]),
    /// A list field contains the code.
    Has(&'static str, &'static str),
    /// The field has a value (`IS NOT NULL`).
    Set(&'static str),
    /// The field has no value (`IS NULL`).
    Unset(&'static str),
    /// A date field on or before the reference date.
    OnOrBefore(&'static str, DateRef),
    /// A date field on or after the reference date.
    OnOrAfter(&'static str, DateRef),
    /// At least one of the conditions holds.
    Any(&'static [Cond]),
}

/// Records of one kind meeting every condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Filter {
    /// The record kind, as named in [`records::RECORDS`].
    pub record: &'static str,
    /// Conditions, all of which must hold.
    pub conditions: &'static [Cond],
}

/// What is added up over the records that pass any of the filters (a record passing several
/// filters counts once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quantity {
    /// The number of records.
    Records(&'static [Filter]),
    /// The sum of an integer field over the records (absent counts as 0).
    Sum {
        /// The records.
        of: &'static [Filter],
        /// The integer field summed.
        field: &'static str,
    },
}

impl Quantity {
    /// The filters of the quantity.
    pub fn filters(&self) -> &'static [Filter] {
        match *self {
            Quantity::Records(of) | Quantity::Sum { of, .. } => of,
        }
    }
}

/// How an indicator is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    /// A count or an amount.
    Total(Quantity),
    /// `numerator ÷ denominator × 100%`; no figure when the denominator is 0.
    Rate {
        /// What is counted above the line.
        numerator: Quantity,
        /// What is counted below the line.
        denominator: Quantity,
    },
}

impl Measure {
    /// Every filter the measure uses.
    pub fn filters(&self) -> Vec<Filter> {
        match self {
            Measure::Total(q) => q.filters().to_vec(),
            Measure::Rate {
                numerator,
                denominator,
            } => numerator
                .filters()
                .iter()
                .chain(denominator.filters())
                .copied()
                .collect(),
        }
    }

    /// Whether the measure looks at records of `kind`.
    pub fn uses(&self, kind: &str) -> bool {
        self.filters().iter().any(|f| f.record == kind)
    }
}

/// Which date of a record decides its year (STATUTES.md §17: intake counts by receipt date,
/// outcome rates by closing date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateBasis {
    /// 收案/收件: the day it was received or registered.
    Receipt,
    /// 立案/受理: the day it was opened or accepted.
    Opening,
    /// 决定/公布: the day it was decided or issued.
    Decision,
    /// 结案/审结/办结: the day it was closed.
    Closing,
    /// The day of the event counted (an inspection, a publication, a filing).
    Event,
}

/// How the records of a year are chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodRule {
    /// Records whose date `field` falls in the year.
    Dated {
        /// Which kind of date it is.
        basis: DateBasis,
        /// The date field; every record kind of the measure has it.
        field: &'static str,
    },
    /// The state on 31 December: records present since `since` (on or before that day) and not
    /// gone by then (`until` absent or after it; `until` is the first day gone).
    YearEnd {
        /// The first day present.
        since: &'static str,
        /// The first day no longer present, if any.
        until: Option<&'static str>,
    },
}

/// Where an indicator comes from: the article behind what is counted, and how sure the formula
/// is (STATUTES.md tags).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Source {
    /// The law or instrument behind the thing counted.
    pub law: &'static str,
    /// The article(s).
    pub article: &'static str,
    /// How sure the formula is: \[practice\] for nearly all (§17 has no national formulas).
    pub certainty: Certainty,
    /// Where the formula is written down (STATUTES.md section) and any caveat.
    pub note: &'static str,
}

/// A variant of an indicator where practice differs (three denominators of 负责人出庭应诉率).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Variant {
    /// Full id, `<indicator id>.<variant>`.
    pub id: &'static str,
    /// Chinese name.
    pub name: &'static str,
    /// What it counts, in Chinese.
    pub definition: &'static str,
    /// How it is computed.
    pub measure: Measure,
    /// Whether its records exist yet.
    pub available: bool,
}

/// One indicator of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Indicator {
    /// Stable ASCII id, `area.name`.
    pub id: &'static str,
    /// Chinese name as reports write it.
    pub name: &'static str,
    /// What it counts, in Chinese (the formula in words).
    pub definition: &'static str,
    /// Area.
    pub area: Area,
    /// Unit.
    pub unit: Unit,
    /// How it is computed.
    pub measure: Measure,
    /// How records fall into a year.
    pub period: PeriodRule,
    /// Variants where practice differs.
    pub variants: &'static [Variant],
    /// Below this volume (records counted, or the denominator of a rate) a figure is shown but
    /// not ranked. \[practice\]: a default a deployment may change.
    pub min_volume: i64,
    /// Source.
    pub source: Source,
    /// Whether the records it needs exist yet; an unavailable indicator is never computed.
    pub available: bool,
    /// For a variant: the id of the indicator it varies.
    pub variant_of: Option<&'static str>,
}

impl Indicator {
    /// The variants as indicators of their own (same unit, period, source and volume rule).
    pub fn variant_indicators(&self) -> impl Iterator<Item = Indicator> + '_ {
        self.variants.iter().map(move |v| Indicator {
            id: v.id,
            name: v.name,
            definition: v.definition,
            measure: v.measure,
            variants: &[],
            available: v.available,
            variant_of: Some(self.id),
            ..*self
        })
    }

    /// Whether it is a rate.
    pub fn is_rate(&self) -> bool {
        matches!(self.measure, Measure::Rate { .. })
    }
}

//! Computing figures: [`evaluate`] over a set of facts (the oracle), and [`contributions`] of one
//! fact for aggregates kept up to date record by record ([`Aggregates`]).

use std::collections::BTreeMap;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

use calendar::Datelike;

use super::catalogue;
use super::fact::Fact;
use super::{Indicator, Measure, PeriodRule, Quantity, Unit};

/// What records add to an indicator in one year: the numerator (a count or an amount), the
/// denominator (rates only) and how many records were counted (for a rate: those below the
/// line). Tallies add and subtract, so an aggregate is a sum of tallies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Tally {
    /// Count, or sum of the field.
    pub numerator: i64,
    /// Denominator of a rate; 0 otherwise.
    pub denominator: i64,
    /// Records counted (below the line, for a rate).
    pub records: i64,
}

impl Tally {
    /// Whether it adds nothing.
    pub fn is_zero(&self) -> bool {
        *self == Tally::default()
    }
}

impl Add for Tally {
    type Output = Tally;
    fn add(self, o: Tally) -> Tally {
        Tally {
            numerator: self.numerator + o.numerator,
            denominator: self.denominator + o.denominator,
            records: self.records + o.records,
        }
    }
}

impl Sub for Tally {
    type Output = Tally;
    fn sub(self, o: Tally) -> Tally {
        self + (-o)
    }
}

impl Neg for Tally {
    type Output = Tally;
    fn neg(self) -> Tally {
        Tally {
            numerator: -self.numerator,
            denominator: -self.denominator,
            records: -self.records,
        }
    }
}

impl AddAssign for Tally {
    fn add_assign(&mut self, o: Tally) {
        *self = *self + o;
    }
}

impl SubAssign for Tally {
    fn sub_assign(&mut self, o: Tally) {
        *self = *self - o;
    }
}

/// An indicator's figure for one year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    /// Indicator id.
    pub indicator: &'static str,
    /// The year.
    pub year: i32,
    /// Unit.
    pub unit: Unit,
    /// The count; the amount in fen for [`Unit::Yuan`]; the numerator of a rate.
    pub numerator: i64,
    /// The denominator of a rate.
    pub denominator: Option<i64>,
    /// Records counted, or a rate's denominator: what [`Indicator::min_volume`] is compared with.
    pub volume: i64,
    /// Whether the volume reaches the minimum for ranking.
    pub rankable: bool,
}

impl Figure {
    /// The figure of a tally.
    pub fn from_tally(indicator: &Indicator, year: i32, tally: Tally) -> Figure {
        let (denominator, volume) = match indicator.measure {
            Measure::Total(_) => (None, tally.records),
            Measure::Rate { .. } => (Some(tally.denominator), tally.denominator),
        };
        Figure {
            indicator: indicator.id,
            year,
            unit: indicator.unit,
            numerator: tally.numerator,
            denominator,
            volume,
            rankable: volume >= indicator.min_volume,
        }
    }

    /// The value in its unit: a count, yuan, or per cent. `None` for a rate over nothing.
    pub fn value(&self) -> Option<f64> {
        match (self.unit, self.denominator) {
            (_, Some(0)) => None,
            (_, Some(d)) => Some(self.numerator as f64 / d as f64 * 100.0),
            (Unit::Yuan, None) => Some(self.numerator as f64 / 100.0),
            (_, None) => Some(self.numerator as f64),
        }
    }
}

/// Figures of one year, by indicator id.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Figures {
    /// The year.
    pub year: i32,
    by_id: BTreeMap<&'static str, Figure>,
}

impl Figures {
    /// No figures yet.
    pub fn new(year: i32) -> Self {
        Figures {
            year,
            by_id: BTreeMap::new(),
        }
    }

    /// Adds or replaces a figure.
    pub fn insert(&mut self, figure: Figure) {
        self.by_id.insert(figure.indicator, figure);
    }

    /// A figure by indicator id.
    pub fn get(&self, id: &str) -> Option<&Figure> {
        self.by_id.get(id)
    }

    /// Every figure, by id.
    pub fn iter(&self) -> impl Iterator<Item = &Figure> {
        self.by_id.values()
    }

    /// Number of figures.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

/// The number of records passing `quantity` and what they add up to.
fn measure(quantity: &Quantity, facts: &[&Fact], year: i32) -> (i64, i64) {
    let passing: Vec<&&Fact> = facts
        .iter()
        .filter(|f| quantity.filters().iter().any(|flt| flt.matches(f, year)))
        .collect();
    let value = match *quantity {
        Quantity::Records(_) => passing.len() as i64,
        Quantity::Sum { field, .. } => passing.iter().map(|f| f.int(field).unwrap_or(0)).sum(),
    };
    (value, passing.len() as i64)
}

/// The indicator's figure for `year` over `facts` (facts of other record kinds are ignored).
pub fn evaluate(indicator: &Indicator, year: i32, facts: &[Fact]) -> Figure {
    let in_year: Vec<&Fact> = facts
        .iter()
        .filter(|f| indicator.measure.uses(f.record) && indicator.period.includes(f, year))
        .collect();
    let tally = match &indicator.measure {
        Measure::Total(q) => {
            let (value, records) = measure(q, &in_year, year);
            Tally {
                numerator: value,
                denominator: 0,
                records,
            }
        }
        Measure::Rate {
            numerator,
            denominator,
        } => {
            let (n, _) = measure(numerator, &in_year, year);
            let (d, records) = measure(denominator, &in_year, year);
            Tally {
                numerator: n,
                denominator: d,
                records,
            }
        }
    };
    Figure::from_tally(indicator, year, tally)
}

/// The figures of every available indicator and variant for `year`.
pub fn evaluate_all(year: i32, facts: &[Fact]) -> Figures {
    let mut figures = Figures::new(year);
    for indicator in catalogue::all().iter().filter(|i| i.available) {
        figures.insert(evaluate(indicator, year, facts));
    }
    figures
}

/// What one fact adds to an indicator over a run of years: `from_year` to `to_year` inclusive,
/// or to every later year when `to_year` is `None` (a record still present at every future
/// year's end).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Contribution {
    /// Indicator (or variant) id.
    pub indicator: &'static str,
    /// First year.
    pub from_year: i32,
    /// Last year, if the run ends.
    pub to_year: Option<i32>,
    /// What it adds in each of those years.
    pub tally: Tally,
}

impl Contribution {
    /// Whether the contribution counts in `year`.
    pub fn covers(&self, year: i32) -> bool {
        self.from_year <= year && self.to_year.is_none_or(|to| year <= to)
    }
}

/// What one fact adds to one indicator in one year.
fn tally_of(indicator: &Indicator, fact: &Fact, year: i32) -> Tally {
    if !indicator.period.includes(fact, year) {
        return Tally::default();
    }
    match &indicator.measure {
        Measure::Total(q) => Tally {
            numerator: q.value_of(fact, year),
            denominator: 0,
            records: i64::from(q.matches(fact, year)),
        },
        Measure::Rate {
            numerator,
            denominator,
        } => Tally {
            numerator: numerator.value_of(fact, year),
            denominator: denominator.value_of(fact, year),
            records: i64::from(denominator.matches(fact, year)),
        },
    }
}

/// The years in which a year-end rule can change its answer for the fact: from the year of its
/// earliest date to the year after its latest. Before, the record is not yet present; after,
/// every date comparison with 1 January or 31 December comes out the same.
fn year_span(fact: &Fact) -> Option<(i32, i32)> {
    let years = fact.fields.values().filter_map(|v| match v {
        super::Value::Date(d) => Some(d.year()),
        _ => None,
    });
    let (lo, hi) = years.fold(None, |acc: Option<(i32, i32)>, y| match acc {
        None => Some((y, y)),
        Some((lo, hi)) => Some((lo.min(y), hi.max(y))),
    })?;
    Some((lo, hi.saturating_add(1)))
}

/// What one fact contributes to every available indicator and variant that counts its kind.
/// When a record changes, remove the contributions of its old fact and add those of its new one.
pub fn contributions(fact: &Fact) -> Vec<Contribution> {
    let mut out = Vec::new();
    for indicator in catalogue::all()
        .iter()
        .filter(|i| i.available && i.measure.uses(fact.record))
    {
        match indicator.period {
            PeriodRule::Dated { field, .. } => {
                let Some(year) = fact.date(field).map(|d| d.year()) else {
                    continue;
                };
                let tally = tally_of(indicator, fact, year);
                if !tally.is_zero() {
                    out.push(Contribution {
                        indicator: indicator.id,
                        from_year: year,
                        to_year: Some(year),
                        tally,
                    });
                }
            }
            PeriodRule::YearEnd { .. } => {
                let Some((lo, hi)) = year_span(fact) else {
                    continue;
                };
                let mut run: Option<(i32, Tally)> = None;
                for year in lo..=hi {
                    let tally = tally_of(indicator, fact, year);
                    match run {
                        Some((_, current)) if current == tally => {}
                        _ => {
                            if let Some((from, current)) = run.filter(|(_, t)| !t.is_zero()) {
                                out.push(Contribution {
                                    indicator: indicator.id,
                                    from_year: from,
                                    to_year: Some(year - 1),
                                    tally: current,
                                });
                            }
                            run = Some((year, tally));
                        }
                    }
                }
                if let Some((from, tally)) = run.filter(|(_, t)| !t.is_zero()) {
                    out.push(Contribution {
                        indicator: indicator.id,
                        from_year: from,
                        to_year: None,
                        tally,
                    });
                }
            }
        }
    }
    out
}

/// Aggregates kept from contributions, in memory: what the store keeps in a table (one row per
/// indicator and year run) and updates in the record's own transaction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Aggregates {
    runs: BTreeMap<(&'static str, i32, Option<i32>), Tally>,
}

impl Aggregates {
    /// Empty.
    pub fn new() -> Self {
        Self::default()
    }

    fn apply(&mut self, contributions: &[Contribution], sign: i64) {
        for c in contributions {
            let key = (c.indicator, c.from_year, c.to_year);
            let entry = self.runs.entry(key).or_default();
            if sign > 0 {
                *entry += c.tally;
            } else {
                *entry -= c.tally;
            }
            if entry.is_zero() {
                self.runs.remove(&key);
            }
        }
    }

    /// Adds a record's contributions.
    pub fn add(&mut self, contributions: &[Contribution]) {
        self.apply(contributions, 1);
    }

    /// Removes a record's (earlier) contributions.
    pub fn remove(&mut self, contributions: &[Contribution]) {
        self.apply(contributions, -1);
    }

    /// The tally of an indicator for a year.
    pub fn tally(&self, indicator: &str, year: i32) -> Tally {
        self.runs
            .iter()
            .filter(|((id, from, to), _)| {
                *id == indicator && *from <= year && to.is_none_or(|to| year <= to)
            })
            .fold(Tally::default(), |acc, (_, t)| acc + *t)
    }

    /// The figure of an indicator for a year.
    pub fn figure(&self, indicator: &Indicator, year: i32) -> Figure {
        Figure::from_tally(indicator, year, self.tally(indicator.id, year))
    }
}

#[cfg(test)]
mod tests;

//! A fact: one record as indicators see it (its kind, id and the fields of
//! [`records`](super::records)), and how conditions and filters are tested on it.

use std::collections::BTreeMap;
use std::fmt;

use calendar::NaiveDate;

use super::records::{self, FieldType};
use super::{Cond, DateRef, Filter, Lit, PeriodRule, Quantity};

/// A field's value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value {
    /// Yes or no.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A date.
    Date(NaiveDate),
    /// A code.
    Text(String),
    /// A set of codes.
    List(Vec<String>),
}

impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}

impl From<NaiveDate> for Value {
    fn from(v: NaiveDate) -> Self {
        Value::Date(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_owned())
    }
}

impl From<Vec<&str>> for Value {
    fn from(v: Vec<&str>) -> Self {
        Value::List(v.into_iter().map(str::to_owned).collect())
    }
}

/// One record as indicators see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// Record kind ([`records::RECORDS`]).
    pub record: &'static str,
    /// The record's id within its kind (the store's key, as text).
    pub id: String,
    /// Field values; a field without a value is absent.
    pub fields: BTreeMap<&'static str, Value>,
}

/// Why a fact does not fit its record kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FactError {
    /// The record kind is not in [`records::RECORDS`].
    UnknownRecord(String),
    /// The kind has no such field.
    UnknownField {
        /// Record kind.
        record: &'static str,
        /// Field.
        field: &'static str,
    },
    /// The value has the wrong type, or a code not in the list.
    BadValue {
        /// Record kind.
        record: &'static str,
        /// Field.
        field: &'static str,
    },
}

impl fmt::Display for FactError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FactError::UnknownRecord(r) => write!(f, "unknown record kind {r}"),
            FactError::UnknownField { record, field } => write!(f, "{record} has no field {field}"),
            FactError::BadValue { record, field } => {
                write!(f, "{record}.{field}: wrong type or unknown code")
            }
        }
    }
}

impl std::error::Error for FactError {}

impl Fact {
    /// A fact with no fields yet.
    pub fn new(record: &'static str, id: impl Into<String>) -> Self {
        Fact {
            record,
            id: id.into(),
            fields: BTreeMap::new(),
        }
    }

    /// Sets a field.
    pub fn with(mut self, field: &'static str, value: impl Into<Value>) -> Self {
        self.fields.insert(field, value.into());
        self
    }

    /// Sets a field when there is a value.
    pub fn with_opt<V: Into<Value>>(mut self, field: &'static str, value: Option<V>) -> Self {
        if let Some(v) = value {
            self.fields.insert(field, v.into());
        }
        self
    }

    /// A field's value.
    pub fn get(&self, field: &str) -> Option<&Value> {
        self.fields.get(field)
    }

    /// A date field.
    pub fn date(&self, field: &str) -> Option<NaiveDate> {
        match self.get(field) {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        }
    }

    /// An integer field.
    pub fn int(&self, field: &str) -> Option<i64> {
        match self.get(field) {
            Some(Value::Int(v)) => Some(*v),
            _ => None,
        }
    }

    /// Checks the fact against its record kind: known kind, known fields, right types, known
    /// codes.
    pub fn check(&self) -> Result<(), FactError> {
        let kind = records::record(self.record)
            .ok_or_else(|| FactError::UnknownRecord(self.record.to_owned()))?;
        for (&name, value) in &self.fields {
            let spec = kind.field(name).ok_or(FactError::UnknownField {
                record: kind.name,
                field: name,
            })?;
            let ok = match (spec.ty, value) {
                (FieldType::Bool, Value::Bool(_))
                | (FieldType::Int, Value::Int(_))
                | (FieldType::Date, Value::Date(_)) => true,
                (FieldType::Code(codes), Value::Text(t)) => codes.contains(&t.as_str()),
                (FieldType::Codes(codes), Value::List(l)) => {
                    l.iter().all(|t| codes.contains(&t.as_str()))
                }
                _ => false,
            };
            if !ok {
                return Err(FactError::BadValue {
                    record: kind.name,
                    field: spec.name,
                });
            }
        }
        Ok(())
    }
}

/// 1 January or 31 December of `year`.
pub(crate) fn reference_date(reference: DateRef, year: i32) -> NaiveDate {
    let (month, day) = match reference {
        DateRef::YearStart => (1, 1),
        DateRef::YearEnd => (12, 31),
    };
    // Every year chrono can hold has both days; outside that range, fall back to the extremes.
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(if year < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

fn lit_matches(lit: &Lit, value: &Value) -> bool {
    match (lit, value) {
        (Lit::Bool(a), Value::Bool(b)) => a == b,
        (Lit::Int(a), Value::Int(b)) => a == b,
        (Lit::Text(a), Value::Text(b)) => a == b,
        _ => false,
    }
}

impl Cond {
    /// Whether the condition holds for the fact in `year` (date references are that year's).
    pub fn holds(&self, fact: &Fact, year: i32) -> bool {
        match *self {
            Cond::Is(field, lit) => fact.get(field).is_some_and(|v| lit_matches(&lit, v)),
            Cond::In(field, lits) => fact
                .get(field)
                .is_some_and(|v| lits.iter().any(|l| lit_matches(l, v))),
            Cond::Has(field, code) => {
                matches!(fact.get(field), Some(Value::List(l)) if l.iter().any(|c| c == code))
            }
            Cond::Set(field) => fact.get(field).is_some(),
            Cond::Unset(field) => fact.get(field).is_none(),
            Cond::OnOrBefore(field, r) => fact
                .date(field)
                .is_some_and(|d| d <= reference_date(r, year)),
            Cond::OnOrAfter(field, r) => fact
                .date(field)
                .is_some_and(|d| d >= reference_date(r, year)),
            Cond::Any(conds) => conds.iter().any(|c| c.holds(fact, year)),
        }
    }

    /// The fields the condition reads.
    pub fn fields(&self) -> Vec<&'static str> {
        match *self {
            Cond::Is(f, _)
            | Cond::In(f, _)
            | Cond::Has(f, _)
            | Cond::Set(f)
            | Cond::Unset(f)
            | Cond::OnOrBefore(f, _)
            | Cond::OnOrAfter(f, _) => vec![f],
            Cond::Any(conds) => conds.iter().flat_map(Cond::fields).collect(),
        }
    }
}

impl Filter {
    /// Whether the fact is of the filter's kind and meets every condition in `year`.
    pub fn matches(&self, fact: &Fact, year: i32) -> bool {
        fact.record == self.record && self.conditions.iter().all(|c| c.holds(fact, year))
    }
}

impl Quantity {
    /// Whether the fact passes any filter.
    pub fn matches(&self, fact: &Fact, year: i32) -> bool {
        self.filters().iter().any(|f| f.matches(fact, year))
    }

    /// What the fact adds: 1 for a counted record, the field for a sum, 0 if it does not pass.
    pub fn value_of(&self, fact: &Fact, year: i32) -> i64 {
        if !self.matches(fact, year) {
            return 0;
        }
        match *self {
            Quantity::Records(_) => 1,
            Quantity::Sum { field, .. } => fact.int(field).unwrap_or(0),
        }
    }
}

impl PeriodRule {
    /// Whether the fact belongs to `year`.
    pub fn includes(&self, fact: &Fact, year: i32) -> bool {
        use calendar::Datelike;
        match *self {
            PeriodRule::Dated { field, .. } => fact.date(field).is_some_and(|d| d.year() == year),
            PeriodRule::YearEnd { since, until } => {
                let end = reference_date(DateRef::YearEnd, year);
                fact.date(since).is_some_and(|d| d <= end)
                    && until.is_none_or(|u| fact.date(u).is_none_or(|d| d > end))
            }
        }
    }

    /// The date fields the rule reads.
    pub fn fields(&self) -> Vec<&'static str> {
        match *self {
            PeriodRule::Dated { field, .. } => vec![field],
            PeriodRule::YearEnd { since, until } => std::iter::once(since).chain(until).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn conditions_on_absent_fields_are_false_except_unset() {
        let fact = Fact::new("penalty_case", "1").with("decided_on", d(2024, 3, 1));
        assert!(!Cond::Is("decided_late", Lit::Bool(false)).holds(&fact, 2024));
        assert!(Cond::Unset("decided_late").holds(&fact, 2024));
        assert!(Cond::OnOrBefore("decided_on", DateRef::YearEnd).holds(&fact, 2024));
        assert!(!Cond::OnOrBefore("decided_on", DateRef::YearEnd).holds(&fact, 2023));
        assert!(!Cond::OnOrAfter("closed_on", DateRef::YearStart).holds(&fact, 2024));
    }

    #[test]
    fn year_end_presence() {
        let rule = PeriodRule::YearEnd {
            since: "listed_on",
            until: Some("left_on"),
        };
        let fact = Fact::new("officer", "1")
            .with("listed_on", d(2022, 6, 1))
            .with("left_on", d(2024, 1, 1));
        assert!(!rule.includes(&fact, 2021));
        assert!(rule.includes(&fact, 2022));
        assert!(rule.includes(&fact, 2023));
        assert!(!rule.includes(&fact, 2024));
        // `until` is the first day gone: leaving on 31 December drops the officer from that year.
        let left = fact.clone().with("left_on", d(2023, 12, 31));
        assert!(!rule.includes(&left, 2023));
    }

    #[test]
    fn check_rejects_unknown_fields_and_codes() {
        let ok = Fact::new("penalty_case", "1").with("outcome", "penalty");
        assert_eq!(ok.check(), Ok(()));
        let bad_code = Fact::new("penalty_case", "1").with("outcome", "fined");
        assert!(matches!(bad_code.check(), Err(FactError::BadValue { .. })));
        let bad_field = Fact::new("penalty_case", "1").with("colour", true);
        assert!(matches!(
            bad_field.check(),
            Err(FactError::UnknownField { .. })
        ));
        assert!(matches!(
            Fact::new("boat", "1").check(),
            Err(FactError::UnknownRecord(_))
        ));
    }
}

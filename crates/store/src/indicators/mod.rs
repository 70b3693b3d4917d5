//! Indicators (指标, issue #9) in the store: the facts each record contributes
//! ([`facts`]), the aggregates kept up to date from the outbox and rebuilt at will ([`worker`]),
//! and the queries behind the dashboards, the drill-down and the annual report.
//!
//! Aggregates are sums of `domain::indicators::Tally` by government, department (0 is the whole
//! government), run of years and month. A year's figure sums the rows whose run covers the year,
//! so a page reads a few hundred rows however many records the year has, and never scans
//! history. The tables are derived: a rebuild from the records gives the same rows (tested).

pub mod facts;
pub mod worker;

use std::collections::BTreeMap;

use calendar::Datelike;
use domain::indicators::{Fact, Figure, Figures, Indicator, Measure, PeriodRule, Tally};
use sqlx::Row;

pub use facts::{OPEN_END, Source, SourcedFact, fact_from_json, fact_to_json};
pub use worker::{CatchUp, Rebuilt};

use crate::{Government, Result, Store};

/// Which records of an indicator a drill-down lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The records above the line of a rate, or those counted by a total.
    Numerator,
    /// The records below the line of a rate.
    Denominator,
}

impl Part {
    /// `numerator` or `denominator`.
    pub fn code(self) -> &'static str {
        match self {
            Part::Numerator => "numerator",
            Part::Denominator => "denominator",
        }
    }

    /// The part of a code.
    pub fn parse(code: &str) -> Option<Part> {
        match code {
            "numerator" => Some(Part::Numerator),
            "denominator" => Some(Part::Denominator),
            _ => None,
        }
    }
}

/// One record behind a figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorRecord {
    /// Its fact.
    pub fact: Fact,
    /// Its record.
    pub source: Source,
    /// Its department (0: none).
    pub department_id: i64,
    /// How lists name it.
    pub label: String,
    /// Its staff page.
    pub link: String,
    /// What it adds to the part (1 for a counted record; the amount for a sum).
    pub value: i64,
}

/// Open deadlines of one department: how many, and how many are overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeadlineCounts {
    /// Department (`None`: not assigned to a department).
    pub department_id: Option<i64>,
    /// Open deadlines.
    pub open: i64,
    /// Open deadlines whose due date is before today.
    pub overdue: i64,
}

/// An aggregate row to load: department, last year, first year, indicator, month, tally.
pub type LoadRow<'a> = (i64, i64, i64, &'a str, i64, Tally);

/// One aggregate row (for tests and the rebuild check).
pub type AggregateRow = (i64, i64, i64, String, i64, Tally);

/// `IN (…)` of integers (ids from the store, never user text).
fn id_list(ids: &[i64]) -> String {
    if ids.is_empty() {
        return "NULL".to_owned();
    }
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn tally_of(r: &sqlx::any::AnyRow) -> Result<Tally> {
    Ok(Tally {
        numerator: r.try_get("n")?,
        denominator: r.try_get("d")?,
        records: r.try_get("r")?,
    })
}

const SUMS: &str = "CAST(SUM(numerator) AS BIGINT) AS n, CAST(SUM(denominator) AS BIGINT) AS d,
    CAST(SUM(records) AS BIGINT) AS r";

/// The record kinds whose facts the store keeps ([`facts`]). An indicator that counts none of
/// them has no records here yet: its figure is left out (a report then says nothing of it)
/// rather than shown as 0. A subsystem that starts feeding a kind adds it here.
pub const FED_RECORDS: &[&str] = &[
    "penalty_case",
    "disclosure",
    "major_penalty_filing",
    "legal_review",
    "officer",
    "power",
    "normative_document",
    "document_review",
];

/// Whether the store keeps records the indicator counts (see [`FED_RECORDS`]).
pub fn is_fed(indicator: &Indicator) -> bool {
    indicator.available
        && indicator
            .measure
            .filters()
            .iter()
            .any(|f| FED_RECORDS.contains(&f.record))
}

/// The figures of every indicator the store feeds, from tallies by indicator id (zero where
/// absent).
pub fn figures_from_tallies(year: i32, tallies: &BTreeMap<String, Tally>) -> Figures {
    let mut figures = Figures::new(year);
    for indicator in domain::indicators::all().iter().filter(|i| is_fed(i)) {
        let tally = tallies.get(indicator.id).copied().unwrap_or_default();
        figures.insert(Figure::from_tally(indicator, year, tally));
    }
    figures
}

impl Store {
    /// Tallies by indicator for `year`, summed over `governments`, for one department
    /// (`0`: each government as a whole).
    pub async fn indicator_tallies(
        &self,
        governments: &[i64],
        department_id: i64,
        year: i32,
    ) -> Result<BTreeMap<String, Tally>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT indicator, {SUMS} FROM indicator_aggregates
             WHERE government_id IN ({}) AND department_id = $1 AND to_year >= $2 AND from_year <= $2
             GROUP BY indicator ORDER BY indicator",
            id_list(governments)
        )))
        .bind(department_id)
        .bind(i64::from(year))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("indicator")?, tally_of(r)?)))
            .collect()
    }

    /// The figures of `year` (see [`Store::indicator_tallies`]).
    pub async fn indicator_figures(
        &self,
        governments: &[i64],
        department_id: i64,
        year: i32,
    ) -> Result<Figures> {
        let tallies = self
            .indicator_tallies(governments, department_id, year)
            .await?;
        Ok(figures_from_tallies(year, &tallies))
    }

    /// Tallies of dated indicators by month of `year`: `(indicator, month) → tally`.
    pub async fn indicator_monthly(
        &self,
        governments: &[i64],
        department_id: i64,
        year: i32,
    ) -> Result<BTreeMap<(String, u32), Tally>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT indicator, month, {SUMS} FROM indicator_aggregates
             WHERE government_id IN ({}) AND department_id = $1 AND to_year = $2 AND from_year = $2 AND month > 0
             GROUP BY indicator, month ORDER BY indicator, month",
            id_list(governments)
        )))
        .bind(department_id)
        .bind(i64::from(year))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let month: i64 = r.try_get("month")?;
                Ok((
                    (r.try_get("indicator")?, u32::try_from(month).unwrap_or(0)),
                    tally_of(r)?,
                ))
            })
            .collect()
    }

    /// Tallies of `year` by department of one government: `(department, indicator) → tally`.
    pub async fn indicator_tallies_by_department(
        &self,
        government_id: i64,
        year: i32,
    ) -> Result<BTreeMap<(i64, String), Tally>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT department_id, indicator, {SUMS} FROM indicator_aggregates
             WHERE government_id = $1 AND department_id <> 0 AND to_year >= $2 AND from_year <= $2
             GROUP BY department_id, indicator ORDER BY department_id, indicator"
        )))
        .bind(government_id)
        .bind(i64::from(year))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    (r.try_get("department_id")?, r.try_get("indicator")?),
                    tally_of(r)?,
                ))
            })
            .collect()
    }

    /// Tallies of `year` by government: `(government, indicator) → tally` (the region roll-up's
    /// comparison of subordinate governments).
    pub async fn indicator_tallies_by_government(
        &self,
        governments: &[i64],
        year: i32,
    ) -> Result<BTreeMap<(i64, String), Tally>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT government_id, indicator, {SUMS} FROM indicator_aggregates
             WHERE government_id IN ({}) AND department_id = 0 AND to_year >= $1 AND from_year <= $1
             GROUP BY government_id, indicator ORDER BY government_id, indicator",
            id_list(governments)
        )))
        .bind(i64::from(year))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    (r.try_get("government_id")?, r.try_get("indicator")?),
                    tally_of(r)?,
                ))
            })
            .collect()
    }

    /// The records behind one part of an indicator's figure for `year` (and `month` of its date,
    /// for a dated indicator) in one government (and department, unless 0), ordered by kind,
    /// label and id, paged; with the total.
    #[expect(clippy::too_many_arguments, reason = "a query's filters and its page")]
    pub async fn indicator_records(
        &self,
        government_id: i64,
        indicator: &Indicator,
        part: Part,
        department_id: i64,
        year: i32,
        month: Option<u32>,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<IndicatorRecord>, usize)> {
        let quantity = match (&indicator.measure, part) {
            (Measure::Total(q), _) => *q,
            (Measure::Rate { numerator, .. }, Part::Numerator) => *numerator,
            (Measure::Rate { denominator, .. }, Part::Denominator) => *denominator,
        };
        let mut kinds: Vec<&str> = quantity.filters().iter().map(|f| f.record).collect();
        kinds.dedup();
        let kind_list = kinds
            .iter()
            .map(|k| format!("'{k}'"))
            .collect::<Vec<_>>()
            .join(", ");
        let department = if department_id == 0 {
            String::new()
        } else {
            format!(" AND department_id = {department_id}")
        };
        // The record kinds are the catalogue's constants, the department an integer.
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT record, record_id, source_type, source_id, department_id, label, link, fact FROM record_facts
             WHERE government_id = $1 AND record IN ({kind_list}) AND to_year >= $2 AND from_year <= $2{department}
             ORDER BY record, label, record_id"
        )))
        .bind(government_id)
        .bind(i64::from(year))
        .fetch_all(&self.pool)
        .await?;
        let mut matching = Vec::new();
        for r in &rows {
            let fact = fact_from_json(&r.try_get::<String, _>("fact")?)?;
            if !(indicator.period.includes(&fact, year) && quantity.matches(&fact, year)) {
                continue;
            }
            if let (Some(m), PeriodRule::Dated { field, .. }) = (month, indicator.period)
                && fact.date(field).map(|d| d.month()) != Some(m)
            {
                continue;
            }
            let source_type: String = r.try_get("source_type")?;
            let source_id: String = r.try_get("source_id")?;
            let Some(source) = Source::parse(&source_type, &source_id) else {
                continue;
            };
            matching.push(IndicatorRecord {
                value: quantity.value_of(&fact, year),
                fact,
                source,
                department_id: r.try_get("department_id")?,
                label: r.try_get("label")?,
                link: r.try_get("link")?,
            });
        }
        let total = matching.len();
        let page = matching.into_iter().skip(offset).take(limit).collect();
        Ok((page, total))
    }

    /// Open deadlines by department, with those overdue on `today` (`YYYY-MM-DD`).
    pub async fn deadline_counts_by_department(
        &self,
        government_id: i64,
        today: &str,
    ) -> Result<Vec<DeadlineCounts>> {
        let rows = sqlx::query(
            "SELECT department_id, COUNT(*) AS open_n,
                    CAST(SUM(CASE WHEN due_date < $2 THEN 1 ELSE 0 END) AS BIGINT) AS overdue_n
             FROM deadlines WHERE government_id = $1 AND status = 'open'
             GROUP BY department_id ORDER BY department_id",
        )
        .bind(government_id)
        .bind(today)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DeadlineCounts {
                    department_id: r.try_get("department_id")?,
                    open: r.try_get("open_n")?,
                    overdue: r.try_get::<Option<i64>, _>("overdue_n")?.unwrap_or(0),
                })
            })
            .collect()
    }

    /// The government and every government whose region lies under its region (the region
    /// tree), the government first, then by region code.
    pub async fn government_subtree(&self, government_id: i64) -> Result<Vec<Government>> {
        let governments = self.list_governments().await?;
        let regions = self.list_regions().await?;
        let root = self.government(government_id).await?;
        let parent_of = |code: &str| {
            regions
                .iter()
                .find(|r| r.code == code)
                .and_then(|r| r.parent_code.clone())
        };
        let under = |g: &Government| {
            let mut code = Some(g.region_code.clone());
            let mut steps = 0;
            while let Some(c) = code {
                if c == root.region_code {
                    return true;
                }
                steps += 1;
                if steps > 8 {
                    break;
                }
                code = parent_of(&c);
            }
            false
        };
        let mut out = vec![root.clone()];
        out.extend(
            governments
                .into_iter()
                .filter(|g| g.id != root.id && under(g)),
        );
        Ok(out)
    }

    /// Adds precomputed aggregate rows of a government in one transaction (keys must be new):
    /// for benchmarks at a province's scale and for moving derived data in bulk. The rows are
    /// derived; `rebuild_indicators` recomputes them from the records.
    pub async fn bulk_load_aggregates(
        &self,
        government_id: i64,
        rows: &[LoadRow<'_>],
    ) -> Result<()> {
        // Indicator ids go into the statement: only the catalogue's own constants are taken.
        if let Some((.., bad, _, _)) = rows
            .iter()
            .find(|r| domain::indicators::find(r.3).is_none())
        {
            return Err(crate::StoreError::Conflict(format!("未知指标 {bad}")));
        }
        let mut tx = self.begin().await?;
        for chunk in rows.chunks(500) {
            let values: Vec<String> = chunk
                .iter()
                .map(|(dept, to, from, indicator, month, t)| {
                    format!(
                        "({government_id}, {dept}, {to}, {from}, '{indicator}', {month}, {}, {}, {})",
                        t.numerator, t.denominator, t.records
                    )
                })
                .collect();
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "INSERT INTO indicator_aggregates (government_id, department_id, to_year, from_year, indicator, month,
                    numerator, denominator, records) VALUES {}",
                values.join(", ")
            )))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Every non-zero aggregate row of a government, in key order.
    pub async fn aggregate_rows(&self, government_id: i64) -> Result<Vec<AggregateRow>> {
        let rows = sqlx::query(
            "SELECT department_id, to_year, from_year, indicator, month,
                    numerator AS n, denominator AS d, records AS r
             FROM indicator_aggregates WHERE government_id = $1
             ORDER BY department_id, to_year, from_year, indicator, month",
        )
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("department_id")?,
                    r.try_get("to_year")?,
                    r.try_get("from_year")?,
                    r.try_get("indicator")?,
                    r.try_get("month")?,
                    tally_of(r)?,
                ))
            })
            .filter(|row: &Result<AggregateRow>| row.as_ref().map_or(true, |r| !r.5.is_zero()))
            .collect()
    }

    /// Every stored fact of a government as `(record, id, JSON)`, in key order.
    pub async fn record_fact_rows(
        &self,
        government_id: i64,
    ) -> Result<Vec<(String, String, String)>> {
        let rows = sqlx::query(
            "SELECT record, record_id, fact FROM record_facts WHERE government_id = $1 ORDER BY record, record_id",
        )
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("record")?,
                    r.try_get("record_id")?,
                    r.try_get("fact")?,
                ))
            })
            .collect()
    }
}

//! Keeping the aggregates: the outbox worker ([`Store::catch_up_indicators`]) and the full
//! recompute ([`Store::rebuild_indicators`]), which must agree (tested).
//!
//! The worker reads outbox rows past the government's cursor, works out which records they
//! touch, rebuilds each record's facts from the store, and applies the difference between its
//! stored facts and the new ones to the aggregates — all in one transaction with the cursor's
//! advance. The transaction first moves the cursor from the value it read to the new one, so a
//! second worker (the background task and a page's "catch up now") finds the cursor moved and
//! retries instead of applying the same rows twice. Recomputing a record from its current state
//! is idempotent, so replaying a row is harmless.

use std::collections::{BTreeMap, BTreeSet};

use calendar::Calendar;
use domain::indicators::Tally;
use sqlx::{AnyConnection, Row};

use super::facts::{
    self, AggKey, Source, SourcedFact, add_contributions, fact_from_json, fact_to_json, year_span,
};
use crate::{Result, Store};

/// Outbox rows one transaction of the worker applies at most.
pub const BATCH: i64 = 500;

/// What a catch-up did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CatchUp {
    /// Outbox rows read.
    pub outbox_rows: usize,
    /// Records whose facts were recomputed.
    pub records: usize,
}

/// What a rebuild wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rebuilt {
    /// Facts stored.
    pub facts: usize,
    /// Aggregate rows stored.
    pub aggregates: usize,
    /// The outbox row the cursor was set to (-1: none).
    pub cursor: i64,
}

/// Makes sure the government has a cursor row; returns its value.
async fn cursor(conn: &mut AnyConnection, government_id: i64) -> Result<i64> {
    sqlx::query(
        "INSERT INTO indicator_cursor (government_id, last_outbox_id, updated_at) VALUES ($1, -1, 0)
         ON CONFLICT (government_id) DO NOTHING",
    )
    .bind(government_id)
    .execute(&mut *conn)
    .await?;
    Ok(
        sqlx::query_scalar("SELECT last_outbox_id FROM indicator_cursor WHERE government_id = $1")
            .bind(government_id)
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// Moves the cursor from `from` to `to`; false when another worker moved it first.
async fn move_cursor(
    conn: &mut AnyConnection,
    government_id: i64,
    from: i64,
    to: i64,
    now_ms: i64,
) -> Result<bool> {
    let n = sqlx::query(
        "UPDATE indicator_cursor SET last_outbox_id = $3, updated_at = $4
         WHERE government_id = $1 AND last_outbox_id = $2",
    )
    .bind(government_id)
    .bind(from)
    .bind(to)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// The records an outbox row touches.
async fn sources_of(
    conn: &mut AnyConnection,
    government_id: i64,
    record_type: &str,
    record_id: &str,
    out: &mut BTreeSet<Source>,
) -> Result<()> {
    if let Some(source) = Source::parse(record_type, record_id) {
        out.insert(source);
        return Ok(());
    }
    let Ok(id) = record_id.parse::<i64>() else {
        return Ok(());
    };
    let case_ids: Vec<i64> = match record_type {
        // A publication or a filing changes its case's facts.
        t if t == crate::disclosures::DISCLOSURE_RECORD_TYPE => {
            sqlx::query_scalar(
                "SELECT case_id FROM disclosures WHERE government_id = $1 AND id = $2",
            )
            .bind(government_id)
            .bind(id)
            .fetch_all(&mut *conn)
            .await?
        }
        t if t == crate::penalty::FILING_RECORD_TYPE => vec![id],
        // A new catalogue item can make a review required in any case of its department.
        "review_catalogue_item" => {
            sqlx::query_scalar(
                "SELECT c.id FROM penalty_cases c JOIN review_catalogue_items i
                   ON i.government_id = c.government_id AND i.department_id = c.department_id
                 WHERE i.government_id = $1 AND i.id = $2 ORDER BY c.id",
            )
            .bind(government_id)
            .bind(id)
            .fetch_all(&mut *conn)
            .await?
        }
        _ => Vec::new(),
    };
    out.extend(case_ids.into_iter().map(Source::PenaltyCase));
    Ok(())
}

/// Stores a fact row.
async fn insert_fact(
    conn: &mut AnyConnection,
    government_id: i64,
    f: &SourcedFact,
    now_ms: i64,
) -> Result<()> {
    let (from, to) = year_span(&f.fact);
    sqlx::query(
        "INSERT INTO record_facts (government_id, record, record_id, source_type, source_id, department_id,
            from_year, to_year, label, link, fact, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(government_id)
    .bind(f.fact.record)
    .bind(&f.fact.id)
    .bind(f.source.type_code())
    .bind(f.source.id().to_string())
    .bind(f.department_id)
    .bind(from)
    .bind(to)
    .bind(&f.label)
    .bind(&f.link)
    .bind(fact_to_json(&f.fact))
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Replaces a source's stored facts with `new`, adding the difference to `delta`.
async fn replace_facts(
    conn: &mut AnyConnection,
    government_id: i64,
    source: Source,
    new: &[SourcedFact],
    delta: &mut BTreeMap<AggKey, Tally>,
    now_ms: i64,
) -> Result<()> {
    let old = sqlx::query(
        "SELECT department_id, fact FROM record_facts
         WHERE government_id = $1 AND source_type = $2 AND source_id = $3",
    )
    .bind(government_id)
    .bind(source.type_code())
    .bind(source.id().to_string())
    .fetch_all(&mut *conn)
    .await?;
    for row in &old {
        let fact = fact_from_json(&row.try_get::<String, _>("fact")?)?;
        add_contributions(&fact, row.try_get("department_id")?, -1, delta);
    }
    sqlx::query(
        "DELETE FROM record_facts WHERE government_id = $1 AND source_type = $2 AND source_id = $3",
    )
    .bind(government_id)
    .bind(source.type_code())
    .bind(source.id().to_string())
    .execute(&mut *conn)
    .await?;
    for f in new {
        add_contributions(&f.fact, f.department_id, 1, delta);
        insert_fact(conn, government_id, f, now_ms).await?;
    }
    Ok(())
}

/// Adds the non-zero tallies of `delta` to the aggregates; a row that comes to zero is deleted.
async fn apply_delta(
    conn: &mut AnyConnection,
    government_id: i64,
    delta: &BTreeMap<AggKey, Tally>,
) -> Result<()> {
    for (&(dept, to, from, indicator, month), t) in delta {
        if t.is_zero() {
            continue;
        }
        let row = sqlx::query(
            "INSERT INTO indicator_aggregates (government_id, department_id, to_year, from_year, indicator, month,
                numerator, denominator, records)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (government_id, department_id, to_year, from_year, indicator, month) DO UPDATE SET
                numerator = indicator_aggregates.numerator + excluded.numerator,
                denominator = indicator_aggregates.denominator + excluded.denominator,
                records = indicator_aggregates.records + excluded.records
             RETURNING numerator, denominator, records",
        )
        .bind(government_id)
        .bind(dept)
        .bind(to)
        .bind(from)
        .bind(indicator)
        .bind(month)
        .bind(t.numerator)
        .bind(t.denominator)
        .bind(t.records)
        .fetch_one(&mut *conn)
        .await?;
        let now = Tally {
            numerator: row.try_get("numerator")?,
            denominator: row.try_get("denominator")?,
            records: row.try_get("records")?,
        };
        if now.is_zero() {
            sqlx::query(
                "DELETE FROM indicator_aggregates WHERE government_id = $1 AND department_id = $2
                   AND to_year = $3 AND from_year = $4 AND indicator = $5 AND month = $6",
            )
            .bind(government_id)
            .bind(dept)
            .bind(to)
            .bind(from)
            .bind(indicator)
            .bind(month)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

impl Store {
    /// Applies every outbox row of the government past the indicators' cursor. Call it before
    /// reading figures that must include the latest changes; the server also runs it in the
    /// background. `now_ms` stamps the rows written.
    pub async fn catch_up_indicators(
        &self,
        government_id: i64,
        calendar: &Calendar,
        now_ms: i64,
    ) -> Result<CatchUp> {
        let mut done = CatchUp::default();
        loop {
            let from = {
                let mut conn = self.pool.acquire().await?;
                cursor(&mut conn, government_id).await?
            };
            let rows = sqlx::query(
                "SELECT id, record_type, record_id FROM outbox
                 WHERE government_id = $1 AND id > $2 ORDER BY id LIMIT $3",
            )
            .bind(government_id)
            .bind(from)
            .bind(BATCH)
            .fetch_all(&self.pool)
            .await?;
            let Some(last) = rows.last() else {
                return Ok(done);
            };
            let to: i64 = last.try_get("id")?;
            let mut tx = self.begin().await?;
            if !move_cursor(&mut tx, government_id, from, to, now_ms).await? {
                // Another worker applied these rows meanwhile; read the cursor again.
                tx.rollback().await?;
                continue;
            }
            let mut sources = BTreeSet::new();
            for row in &rows {
                let record_type: String = row.try_get("record_type")?;
                let record_id: String = row.try_get("record_id")?;
                sources_of(
                    &mut tx,
                    government_id,
                    &record_type,
                    &record_id,
                    &mut sources,
                )
                .await?;
            }
            let catalogues = facts::catalogues(&mut tx, government_id).await?;
            let mut delta = BTreeMap::new();
            for &source in &sources {
                let new =
                    facts::facts_of_source(&mut tx, government_id, source, &catalogues, calendar)
                        .await?;
                replace_facts(&mut tx, government_id, source, &new, &mut delta, now_ms).await?;
            }
            apply_delta(&mut tx, government_id, &delta).await?;
            tx.commit().await?;
            done.outbox_rows += rows.len();
            done.records += sources.len();
        }
    }

    /// [`Store::catch_up_indicators`] for every government.
    pub async fn catch_up_all_indicators(
        &self,
        calendar: &Calendar,
        now_ms: i64,
    ) -> Result<CatchUp> {
        let mut done = CatchUp::default();
        for g in self.list_governments().await? {
            let c = self.catch_up_indicators(g.id, calendar, now_ms).await?;
            done.outbox_rows += c.outbox_rows;
            done.records += c.records;
        }
        Ok(done)
    }

    /// Outbox rows of the government the indicators have not applied yet.
    pub async fn indicators_lag(&self, government_id: i64) -> Result<i64> {
        let mut conn = self.pool.acquire().await?;
        let from = cursor(&mut conn, government_id).await?;
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE government_id = $1 AND id > $2")
                .bind(government_id)
                .bind(from)
                .fetch_one(&mut *conn)
                .await?,
        )
    }

    /// Recomputes the facts and aggregates of a government from its records, in one
    /// transaction, and sets the cursor to the last outbox row (`fazhi indicators rebuild`).
    pub async fn rebuild_indicators(
        &self,
        government_id: i64,
        calendar: &Calendar,
        now_ms: i64,
    ) -> Result<Rebuilt> {
        loop {
            let from = {
                let mut conn = self.pool.acquire().await?;
                cursor(&mut conn, government_id).await?
            };
            let mut tx = self.begin().await?;
            // Take the cursor first: a worker that starts now waits, then finds it moved.
            if !move_cursor(&mut tx, government_id, from, from, now_ms).await? {
                tx.rollback().await?;
                continue;
            }
            let last: Option<i64> =
                sqlx::query_scalar("SELECT MAX(id) FROM outbox WHERE government_id = $1")
                    .bind(government_id)
                    .fetch_one(&mut *tx)
                    .await?;
            let last = last.unwrap_or(-1);
            for table in ["record_facts", "indicator_aggregates"] {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DELETE FROM {table} WHERE government_id = $1"
                )))
                .bind(government_id)
                .execute(&mut *tx)
                .await?;
            }
            let all = facts::all_facts(&mut tx, government_id, calendar).await?;
            let mut sums = BTreeMap::new();
            for f in &all {
                add_contributions(&f.fact, f.department_id, 1, &mut sums);
                insert_fact(&mut tx, government_id, f, now_ms).await?;
            }
            apply_delta(&mut tx, government_id, &sums).await?;
            move_cursor(&mut tx, government_id, from, last, now_ms).await?;
            tx.commit().await?;
            return Ok(Rebuilt {
                facts: all.len(),
                aggregates: sums.values().filter(|t| !t.is_zero()).count(),
                cursor: last,
            });
        }
    }
}

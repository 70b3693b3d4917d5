//! Case-file reviews (案卷评查): the legal-affairs office draws closed penalty cases per department
//! with a seed nobody picks (`supervision::SeedSource`), scores each drawn file against the
//! round's rubric, records its findings, and issues rectifications (整改) with a deadline that
//! the department reports on and the office accepts.
//!
//! The store never decides: `domain::enforcement::supervision` draws, validates scores and checks
//! each step; this module writes the rows, the ledger entry (whose content is the record's whole
//! current state, so `ledger verify` can compare) and the deadlines in the caller's transaction.

use calendar::NaiveDate;
use domain::enforcement::supervision::{
    self, CaseSample, DepartmentCases, ItemScore, RECTIFICATION_RULE_ID, RectificationStatus,
    Rubric, RubricItem, SampleSize, ScoreCard,
};
use domain::{FieldErrors, Refusal};
use serde_json::{Value, json};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::deadlines::NewDeadline;
use crate::supervision::{SeedSource, id_list};
use crate::tx::WriteTx;
use crate::{Result, Store, StoreError};

/// Ledger record type of a review round (its draw).
pub const ROUND_RECORD_TYPE: &str = "case_review_round";
/// Ledger record type of a scored file; its id is `{round}:{case}`.
pub const FILE_RECORD_TYPE: &str = "case_review_file";
/// Ledger record type of a rectification.
pub const RECTIFICATION_RECORD_TYPE: &str = "rectification";

/// What a new round needs.
#[derive(Debug, Clone)]
pub struct NewRound {
    /// Title, e.g. 「2026年第一季度行政处罚案卷评查」.
    pub title: String,
    /// The departments reviewed.
    pub department_ids: Vec<i64>,
    /// Cases closed from this day …
    pub closed_from: NaiveDate,
    /// … to this day (inclusive).
    pub closed_to: NaiveDate,
    /// How many files per department.
    pub size: SampleSize,
    /// The score sheet.
    pub rubric: Rubric,
    /// The day of the draw.
    pub drawn_on: NaiveDate,
}

/// A round with its draw.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewRound {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Closed from (inclusive).
    pub closed_from: String,
    /// Closed to (inclusive).
    pub closed_to: String,
    /// Sample size per department.
    pub size: SampleSize,
    /// Departments reviewed.
    pub department_ids: Vec<i64>,
    /// Rubric items.
    pub rubric: Vec<RubricItem>,
    /// The seed.
    pub seed: u64,
    /// Where it came from.
    pub seed_source: SeedSource,
    /// The closed cases drawn from, per department.
    pub population: Vec<DepartmentCases>,
    /// The drawn files, per department.
    pub sample: Vec<CaseSample>,
    /// Day of the draw.
    pub drawn_on: String,
    /// Who drew.
    pub drawn_by: String,
}

/// JSON of a sample size.
pub fn size_json(size: SampleSize) -> Value {
    match size {
        SampleSize::Count(n) => json!({"count": n}),
        SampleSize::PerMille(pm) => json!({"per_mille": pm}),
    }
}

/// JSON of rubric items.
pub fn rubric_json(items: &[RubricItem]) -> Value {
    Value::Array(
        items
            .iter()
            .map(|i| json!({"code": i.code, "title": i.title, "max_points": i.max_points}))
            .collect(),
    )
}

fn rubric_from(v: &Value) -> Vec<RubricItem> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|i| RubricItem {
                    code: i["code"].as_str().unwrap_or_default().to_owned(),
                    title: i["title"].as_str().unwrap_or_default().to_owned(),
                    max_points: i["max_points"].as_u64().unwrap_or(0) as u32,
                })
                .collect()
        })
        .unwrap_or_default()
}

fn ids_from(v: &Value) -> Vec<i64> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_i64).collect())
        .unwrap_or_default()
}

/// JSON of a population.
pub fn population_json(p: &[DepartmentCases]) -> Value {
    Value::Array(
        p.iter()
            .map(|d| json!({"department_id": d.department_id, "case_ids": d.case_ids}))
            .collect(),
    )
}

fn population_from(v: &Value) -> Vec<DepartmentCases> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|d| DepartmentCases {
                    department_id: d["department_id"].as_i64().unwrap_or(0),
                    case_ids: ids_from(&d["case_ids"]),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// JSON of a sample.
pub fn sample_json(s: &[CaseSample]) -> Value {
    Value::Array(
        s.iter()
            .map(|d| json!({"department_id": d.department_id, "population": d.population, "case_ids": d.case_ids}))
            .collect(),
    )
}

fn sample_from(v: &Value) -> Vec<CaseSample> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|d| CaseSample {
                    department_id: d["department_id"].as_i64().unwrap_or(0),
                    population: d["population"].as_u64().unwrap_or(0) as usize,
                    case_ids: ids_from(&d["case_ids"]),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn parse_json(text: &str, what: &str) -> Result<Value> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{what}：{e}")))
}

impl ReviewRound {
    /// The rubric as a domain value.
    pub fn rubric(&self) -> Result<Rubric> {
        Rubric::new(self.rubric.clone())
            .map_err(|e| StoreError::Corrupt(format!("评查标准无法读取：{e}")))
    }

    /// What the round's ledger entry records: everything needed to rerun the draw.
    pub fn ledger_content(&self) -> Value {
        json!({
            "title": self.title,
            "closed_from": self.closed_from,
            "closed_to": self.closed_to,
            "size": size_json(self.size),
            "department_ids": self.department_ids,
            "rubric": rubric_json(&self.rubric),
            "seed": self.seed.to_string(),
            "seed_source": self.seed_source.to_json(),
            "population": population_json(&self.population),
            "sample": sample_json(&self.sample),
            "drawn_on": self.drawn_on,
        })
    }

    fn from_row(r: &AnyRow) -> Result<ReviewRound> {
        let kind: String = r.try_get("size_kind")?;
        let value: i64 = r.try_get("size_value")?;
        let size = match kind.as_str() {
            "count" => SampleSize::Count(usize::try_from(value).unwrap_or(0)),
            _ => SampleSize::PerMille(u32::try_from(value).unwrap_or(0)),
        };
        let seed: String = r.try_get("seed")?;
        Ok(ReviewRound {
            id: r.try_get("id")?,
            title: r.try_get("title")?,
            closed_from: r.try_get("closed_from")?,
            closed_to: r.try_get("closed_to")?,
            size,
            department_ids: ids_from(&parse_json(
                &r.try_get::<String, _>("department_ids")?,
                "评查部门",
            )?),
            rubric: rubric_from(&parse_json(&r.try_get::<String, _>("rubric")?, "评查标准")?),
            seed: seed
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("随机种子 {seed}")))?,
            seed_source: SeedSource::from_json(&parse_json(
                &r.try_get::<String, _>("seed_source")?,
                "种子来源",
            )?),
            population: population_from(&parse_json(
                &r.try_get::<String, _>("population")?,
                "抽取范围",
            )?),
            sample: sample_from(&parse_json(&r.try_get::<String, _>("sample")?, "抽取结果")?),
            drawn_on: r.try_get("drawn_on")?,
            drawn_by: r.try_get("drawn_by")?,
        })
    }
}

/// A drawn case file and its score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewFile {
    /// Round.
    pub round_id: i64,
    /// The penalty case.
    pub case_id: i64,
    /// Its department.
    pub department_id: i64,
    /// Its number.
    pub case_number: String,
    /// Scores per rubric item, once scored.
    pub scores: Option<Vec<ItemScore>>,
    /// Total, once scored.
    pub total: Option<i64>,
    /// Highest total.
    pub max_total: i64,
    /// Findings (评查意见).
    pub findings: String,
    /// Who scored.
    pub reviewer: String,
    /// Scored on.
    pub scored_on: Option<String>,
}

impl ReviewFile {
    /// Its ledger record id.
    pub fn record_id(&self) -> String {
        format!("{}:{}", self.round_id, self.case_id)
    }

    /// What its ledger entry records.
    pub fn ledger_content(&self) -> Value {
        json!({
            "round_id": self.round_id,
            "case_id": self.case_id,
            "case_number": self.case_number,
            "scores": self.scores.as_ref().map(|s| scores_json(s)),
            "total": self.total,
            "max_total": self.max_total,
            "findings": self.findings,
            "scored_on": self.scored_on,
        })
    }

    fn from_row(r: &AnyRow) -> Result<ReviewFile> {
        let scores: Option<String> = r.try_get("scores")?;
        Ok(ReviewFile {
            round_id: r.try_get("round_id")?,
            case_id: r.try_get("case_id")?,
            department_id: r.try_get("department_id")?,
            case_number: r.try_get("case_number")?,
            scores: scores
                .map(|s| parse_json(&s, "评分").map(|v| scores_from(&v)))
                .transpose()?,
            total: r.try_get("total")?,
            max_total: r.try_get("max_total")?,
            findings: r.try_get("findings")?,
            reviewer: r.try_get("reviewer")?,
            scored_on: r.try_get("scored_on")?,
        })
    }
}

fn scores_json(s: &[ItemScore]) -> Value {
    Value::Array(
        s.iter()
            .map(|i| json!({"code": i.code, "points": i.points, "deduction_reason": i.deduction_reason}))
            .collect(),
    )
}

fn scores_from(v: &Value) -> Vec<ItemScore> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|i| ItemScore {
                    code: i["code"].as_str().unwrap_or_default().to_owned(),
                    points: i["points"].as_u64().unwrap_or(0) as u32,
                    deduction_reason: i["deduction_reason"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A rectification (整改).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rectification {
    /// Id.
    pub id: i64,
    /// Round.
    pub round_id: i64,
    /// The reviewed case.
    pub case_id: i64,
    /// The department that must rectify.
    pub department_id: i64,
    /// What must be done.
    pub requirement: String,
    /// Notice day.
    pub issued_on: String,
    /// Deadline.
    pub due_on: String,
    /// Status.
    pub status: RectificationStatus,
    /// The department's report.
    pub report: String,
    /// Reported on.
    pub reported_on: Option<String>,
    /// Accepted as done on.
    pub done_on: Option<String>,
    /// The office's note on acceptance.
    pub done_note: String,
    /// Reported after the deadline.
    pub late: bool,
}

impl Rectification {
    /// What its ledger entry records.
    pub fn ledger_content(&self) -> Value {
        json!({
            "round_id": self.round_id,
            "case_id": self.case_id,
            "department_id": self.department_id,
            "requirement": self.requirement,
            "issued_on": self.issued_on,
            "due_on": self.due_on,
            "status": self.status.code(),
            "report": self.report,
            "reported_on": self.reported_on,
            "done_on": self.done_on,
            "done_note": self.done_note,
            "late": self.late,
        })
    }

    fn from_row(r: &AnyRow) -> Result<Rectification> {
        let status: String = r.try_get("status")?;
        Ok(Rectification {
            id: r.try_get("id")?,
            round_id: r.try_get("round_id")?,
            case_id: r.try_get("case_id")?,
            department_id: r.try_get("department_id")?,
            requirement: r.try_get("requirement")?,
            issued_on: r.try_get("issued_on")?,
            due_on: r.try_get("due_on")?,
            status: RectificationStatus::parse(&status)
                .ok_or_else(|| StoreError::Corrupt(format!("整改状态 {status}")))?,
            report: r.try_get("report")?,
            reported_on: r.try_get("reported_on")?,
            done_on: r.try_get("done_on")?,
            done_note: r.try_get("done_note")?,
            late: r.try_get::<i64, _>("late")? != 0,
        })
    }
}

/// Filters of the rectification list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RectificationFilter {
    /// Only this round.
    pub round_id: Option<i64>,
    /// Only these departments (the user's scope), when set.
    pub departments: Option<Vec<i64>>,
    /// Only not yet done.
    pub open_only: bool,
}

/// A round as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundSummary {
    /// The round.
    pub round: ReviewRound,
    /// Files drawn.
    pub n_files: i64,
    /// Files scored.
    pub n_scored: i64,
    /// Rectifications not yet done.
    pub n_open_rectifications: i64,
}

const ROUND_COLUMNS: &str =
    "id, title, closed_from, closed_to, size_kind, size_value, department_ids, rubric, seed,
    seed_source, population, sample, drawn_on, drawn_by";
const FILE_COLUMNS: &str = "round_id, case_id, department_id, case_number, scores, total, max_total, findings, reviewer, scored_on";
const RECT_COLUMNS: &str =
    "id, round_id, case_id, department_id, requirement, issued_on, due_on, status, report,
    reported_on, done_on, done_note, late";

impl Store {
    /// Rounds, newest first, with their counts, and the number of rounds.
    pub async fn case_review_rounds(
        &self,
        government_id: i64,
        year: Option<i32>,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<RoundSummary>, i64)> {
        // The year is an integer, not user text.
        let by_year = year
            .map(|y| format!(" AND drawn_on >= '{y:04}-01-01' AND drawn_on <= '{y:04}-12-31'"))
            .unwrap_or_default();
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ROUND_COLUMNS},
                (SELECT COUNT(*) FROM case_review_files f WHERE f.government_id = r.government_id AND f.round_id = r.id) AS n_files,
                (SELECT COUNT(*) FROM case_review_files f WHERE f.government_id = r.government_id AND f.round_id = r.id AND f.scores IS NOT NULL) AS n_scored,
                (SELECT COUNT(*) FROM rectifications x WHERE x.government_id = r.government_id AND x.round_id = r.id AND x.status <> 'done') AS n_open
             FROM case_review_rounds r WHERE government_id = $1{by_year} ORDER BY id DESC LIMIT {} OFFSET {}",
            limit.clamp(1, 500),
            offset.max(0)
        )))
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        let list = rows
            .iter()
            .map(|r| {
                Ok(RoundSummary {
                    round: ReviewRound::from_row(r)?,
                    n_files: r.try_get("n_files")?,
                    n_scored: r.try_get("n_scored")?,
                    n_open_rectifications: r.try_get("n_open")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM case_review_rounds WHERE government_id = $1{by_year}"
        )))
        .bind(government_id)
        .fetch_one(&self.pool)
        .await?;
        Ok((list, total))
    }

    /// Every round of a government, oldest first.
    pub async fn all_case_review_rounds(&self, government_id: i64) -> Result<Vec<ReviewRound>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ROUND_COLUMNS} FROM case_review_rounds WHERE government_id = $1 ORDER BY id"
        )))
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(ReviewRound::from_row).collect()
    }

    /// One round.
    pub async fn case_review_round(&self, government_id: i64, id: i64) -> Result<ReviewRound> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ROUND_COLUMNS} FROM case_review_rounds WHERE government_id = $1 AND id = $2"
        )))
        .bind(government_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        ReviewRound::from_row(&row)
    }

    /// The files of a round, by department and case number.
    pub async fn case_review_files(
        &self,
        government_id: i64,
        round_id: i64,
    ) -> Result<Vec<ReviewFile>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {FILE_COLUMNS} FROM case_review_files WHERE government_id = $1 AND round_id = $2
             ORDER BY department_id, case_id"
        )))
        .bind(government_id)
        .bind(round_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(ReviewFile::from_row).collect()
    }

    /// Every drawn file of a government.
    pub async fn all_case_review_files(&self, government_id: i64) -> Result<Vec<ReviewFile>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {FILE_COLUMNS} FROM case_review_files WHERE government_id = $1 ORDER BY round_id, case_id"
        )))
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(ReviewFile::from_row).collect()
    }

    /// Rectifications, oldest first.
    pub async fn rectifications(
        &self,
        government_id: i64,
        filter: &RectificationFilter,
    ) -> Result<Vec<Rectification>> {
        let mut terms = vec!["government_id = $1".to_owned()];
        if let Some(r) = filter.round_id {
            terms.push(format!("round_id = {r}"));
        }
        if let Some(depts) = &filter.departments {
            if depts.is_empty() {
                return Ok(Vec::new());
            }
            terms.push(format!("department_id IN ({})", id_list(depts)));
        }
        if filter.open_only {
            terms.push("status <> 'done'".into());
        }
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {RECT_COLUMNS} FROM rectifications WHERE {} ORDER BY id",
            terms.join(" AND ")
        )))
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(Rectification::from_row).collect()
    }

    /// One rectification.
    pub async fn rectification(&self, government_id: i64, id: i64) -> Result<Rectification> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {RECT_COLUMNS} FROM rectifications WHERE government_id = $1 AND id = $2"
        )))
        .bind(government_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Rectification::from_row(&row)
    }

    /// Ids of the closed penalty cases of `departments` closed in `[from, to]`, per department
    /// (every department listed, even with none): the population of a draw.
    pub async fn closed_case_population(
        &self,
        government_id: i64,
        departments: &[i64],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<DepartmentCases>> {
        population(&self.pool, government_id, departments, from, to).await
    }
}

async fn population<'e, E>(
    executor: E,
    government_id: i64,
    departments: &[i64],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<DepartmentCases>>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let mut out: Vec<DepartmentCases> = departments
        .iter()
        .map(|d| DepartmentCases {
            department_id: *d,
            case_ids: Vec::new(),
        })
        .collect();
    if departments.is_empty() {
        return Ok(out);
    }
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT department_id, id FROM penalty_cases
         WHERE government_id = $1 AND department_id IN ({}) AND stage IN ('closed', 'archived')
           AND closed_on IS NOT NULL AND closed_on >= $2 AND closed_on <= $3
         ORDER BY department_id, id",
        id_list(departments)
    )))
    .bind(government_id)
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(executor)
    .await?;
    for r in &rows {
        let d: i64 = r.try_get("department_id")?;
        let id: i64 = r.try_get("id")?;
        if let Some(entry) = out.iter_mut().find(|x| x.department_id == d) {
            entry.case_ids.push(id);
        }
    }
    Ok(out)
}

fn refused(r: Refusal) -> StoreError {
    StoreError::Refused(r)
}

/// The refusal of a score sheet that does not fit the rubric (the web layer validates first and
/// shows the fields; this is the store's own guard).
fn score_refusal(e: FieldErrors) -> StoreError {
    refused(Refusal::new(
        "supervision.score_invalid",
        format!("评分不符合评查标准：{e}"),
    ))
}

impl WriteTx {
    /// Draws a new round: reads the population, derives the seed, draws, and writes the round,
    /// its files and its ledger entry (seed, source, population and sample) together.
    pub async fn draw_case_review(&mut self, new: &NewRound) -> Result<ReviewRound> {
        let mut departments = new.department_ids.clone();
        departments.sort_unstable();
        departments.dedup();
        if departments.is_empty() {
            return Err(refused(Refusal::new(
                "supervision.no_departments",
                "请至少选择一个被评查单位",
            )));
        }
        if new.closed_from > new.closed_to {
            return Err(refused(Refusal::new(
                "supervision.period_invalid",
                "结案日期范围的起始日晚于截止日",
            )));
        }
        let id = self.next_id("case_review_rounds").await?;
        let gov = self.government_id();
        let population = population(
            &mut *self.tx,
            gov,
            &departments,
            new.closed_from,
            new.closed_to,
        )
        .await?;
        let (seed, seed_source) = self.draw_seed(&format!("{ROUND_RECORD_TYPE}:{id}")).await?;
        let sample = supervision::draw_case_files(seed, &population, new.size);
        let round = ReviewRound {
            id,
            title: new.title.trim().to_owned(),
            closed_from: new.closed_from.to_string(),
            closed_to: new.closed_to.to_string(),
            size: new.size,
            department_ids: departments,
            rubric: new.rubric.items().to_vec(),
            seed,
            seed_source,
            population,
            sample,
            drawn_on: new.drawn_on.to_string(),
            drawn_by: self.actor().name.clone(),
        };
        let (size_kind, size_value) = match round.size {
            SampleSize::Count(n) => ("count", n as i64),
            SampleSize::PerMille(pm) => ("per_mille", i64::from(pm)),
        };
        sqlx::query(
            "INSERT INTO case_review_rounds (government_id, id, title, closed_from, closed_to, size_kind, size_value,
                department_ids, rubric, seed, seed_source, population, sample, drawn_on, drawn_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(&round.title)
        .bind(&round.closed_from)
        .bind(&round.closed_to)
        .bind(size_kind)
        .bind(size_value)
        .bind(json!(round.department_ids).to_string())
        .bind(rubric_json(&round.rubric).to_string())
        .bind(seed.to_string())
        .bind(round.seed_source.to_json().to_string())
        .bind(population_json(&round.population).to_string())
        .bind(sample_json(&round.sample).to_string())
        .bind(&round.drawn_on)
        .bind(&round.drawn_by)
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        let max_total = i64::from(new.rubric.max_total());
        for s in &round.sample {
            for case_id in &s.case_ids {
                sqlx::query(
                    "INSERT INTO case_review_files (government_id, round_id, case_id, department_id, case_number, scores,
                        total, max_total, findings, reviewer, scored_on, updated_at)
                     SELECT government_id, $2, id, department_id, case_number, NULL, NULL, $4, '', '', NULL, $5
                     FROM penalty_cases WHERE government_id = $1 AND id = $3",
                )
                .bind(self.government_id())
                .bind(id)
                .bind(*case_id)
                .bind(max_total)
                .bind(self.now_ms())
                .execute(&mut *self.tx)
                .await?;
            }
        }
        self.record(
            ROUND_RECORD_TYPE,
            &id.to_string(),
            "draw",
            &round.ledger_content(),
        )
        .await?;
        Ok(round)
    }

    async fn round_in_tx(&mut self, id: i64) -> Result<ReviewRound> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ROUND_COLUMNS} FROM case_review_rounds WHERE government_id = $1 AND id = $2"
        )))
        .bind(self.government_id())
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        ReviewRound::from_row(&row)
    }

    async fn file_in_tx(&mut self, round_id: i64, case_id: i64) -> Result<ReviewFile> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {FILE_COLUMNS} FROM case_review_files WHERE government_id = $1 AND round_id = $2 AND case_id = $3"
        )))
        .bind(self.government_id())
        .bind(round_id)
        .bind(case_id)
        .fetch_optional(&mut *self.tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        ReviewFile::from_row(&row)
    }

    /// Scores a drawn file (again, if it was scored before: the new score is a new entry).
    /// `scores` must fit the round's rubric (checked again here with `supervision::score`).
    pub async fn score_case_file(
        &mut self,
        round_id: i64,
        case_id: i64,
        scores: &[ItemScore],
        findings: &str,
        scored_on: NaiveDate,
    ) -> Result<ReviewFile> {
        let round = self.round_in_tx(round_id).await?;
        let card: ScoreCard =
            supervision::score(&round.rubric()?, scores).map_err(score_refusal)?;
        self.file_in_tx(round_id, case_id).await?;
        sqlx::query(
            "UPDATE case_review_files SET scores = $4, total = $5, max_total = $6, findings = $7, reviewer = $8,
                scored_on = $9, updated_at = $10
             WHERE government_id = $1 AND round_id = $2 AND case_id = $3",
        )
        .bind(self.government_id())
        .bind(round_id)
        .bind(case_id)
        .bind(scores_json(&card.items).to_string())
        .bind(i64::from(card.total))
        .bind(i64::from(card.max_total))
        .bind(findings.trim())
        .bind(self.actor().name.clone())
        .bind(scored_on.to_string())
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        let file = self.file_in_tx(round_id, case_id).await?;
        self.record(
            FILE_RECORD_TYPE,
            &file.record_id(),
            "score",
            &file.ledger_content(),
        )
        .await?;
        Ok(file)
    }

    async fn rectification_in_tx(&mut self, id: i64) -> Result<Rectification> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {RECT_COLUMNS} FROM rectifications WHERE government_id = $1 AND id = $2"
        )))
        .bind(self.government_id())
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        Rectification::from_row(&row)
    }

    /// Issues a rectification for a drawn file, due on `due_on`, and opens its deadline for the
    /// department.
    pub async fn issue_rectification(
        &mut self,
        round_id: i64,
        case_id: i64,
        requirement: &str,
        issued_on: NaiveDate,
        due_on: NaiveDate,
        today: NaiveDate,
    ) -> Result<Rectification> {
        supervision::check_rectification(issued_on, due_on, today).map_err(refused)?;
        if requirement.trim().is_empty() {
            return Err(refused(Refusal::new(
                "supervision.requirement_missing",
                "请写明整改要求",
            )));
        }
        let file = self.file_in_tx(round_id, case_id).await?;
        let id = self.next_id("rectifications").await?;
        sqlx::query(
            "INSERT INTO rectifications (government_id, id, round_id, case_id, department_id, requirement, issued_on,
                due_on, status, report, reported_on, done_on, done_note, late, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', '', NULL, NULL, '', 0, $9, $9)",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(round_id)
        .bind(case_id)
        .bind(file.department_id)
        .bind(requirement.trim())
        .bind(issued_on.to_string())
        .bind(due_on.to_string())
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        let r = self.rectification_in_tx(id).await?;
        self.record(
            RECTIFICATION_RECORD_TYPE,
            &id.to_string(),
            "issue",
            &r.ledger_content(),
        )
        .await?;
        self.open_deadline(&NewDeadline {
            record_type: RECTIFICATION_RECORD_TYPE.into(),
            record_id: id.to_string(),
            rule_id: RECTIFICATION_RULE_ID.into(),
            title: format!("案卷评查整改：{}", file.case_number),
            link: format!("/staff/case-reviews/{round_id}#rectification-{id}"),
            trigger_date: issued_on.to_string(),
            due_date: due_on.to_string(),
            provisional: false,
            assignee_user_id: None,
            department_id: Some(file.department_id),
        })
        .await?;
        Ok(r)
    }

    /// The department reports what it did (it may report again until the office accepts).
    pub async fn report_rectification(
        &mut self,
        id: i64,
        report: &str,
        reported_on: NaiveDate,
        today: NaiveDate,
    ) -> Result<Rectification> {
        let r = self.rectification_in_tx(id).await?;
        let issued = date(&r.issued_on)?;
        supervision::check_rectification_report(r.status, issued, reported_on, today)
            .map_err(refused)?;
        if report.trim().is_empty() {
            return Err(refused(Refusal::new(
                "supervision.report_missing",
                "请写明整改情况",
            )));
        }
        let late = reported_on.to_string() > r.due_on;
        sqlx::query(
            "UPDATE rectifications SET status = 'reported', report = $3, reported_on = $4, late = $5, updated_at = $6
             WHERE government_id = $1 AND id = $2",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(report.trim())
        .bind(reported_on.to_string())
        .bind(i64::from(late))
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        let r = self.rectification_in_tx(id).await?;
        self.record(
            RECTIFICATION_RECORD_TYPE,
            &id.to_string(),
            "report",
            &r.ledger_content(),
        )
        .await?;
        // The department's duty is met by its report; the office's acceptance follows.
        self.close_deadlines(
            RECTIFICATION_RECORD_TYPE,
            &id.to_string(),
            RECTIFICATION_RULE_ID,
            "met",
        )
        .await?;
        Ok(r)
    }

    /// The office accepts the rectification as done.
    pub async fn complete_rectification(
        &mut self,
        id: i64,
        note: &str,
        done_on: NaiveDate,
        today: NaiveDate,
    ) -> Result<Rectification> {
        let r = self.rectification_in_tx(id).await?;
        let issued = date(&r.issued_on)?;
        supervision::check_rectification_done(r.status, issued, done_on, today).map_err(refused)?;
        sqlx::query(
            "UPDATE rectifications SET status = 'done', done_on = $3, done_note = $4, updated_at = $5
             WHERE government_id = $1 AND id = $2",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(done_on.to_string())
        .bind(note.trim())
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        let r = self.rectification_in_tx(id).await?;
        self.record(
            RECTIFICATION_RECORD_TYPE,
            &id.to_string(),
            "done",
            &r.ledger_content(),
        )
        .await?;
        self.close_deadlines(
            RECTIFICATION_RECORD_TYPE,
            &id.to_string(),
            RECTIFICATION_RULE_ID,
            "met",
        )
        .await?;
        Ok(r)
    }
}

pub(crate) fn date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("日期 {text}")))
}

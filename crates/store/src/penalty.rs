//! Penalty cases (行政处罚案件): the snapshot of each case beside the columns lists filter on, its
//! timeline, the department's procedure settings and legal-review catalogue, and major-penalty
//! filings.
//!
//! The store never decides: the caller runs `domain::enforcement::penalty::apply` and hands the
//! accepted case and its event to [`WriteTx::save_penalty_case`], which writes the new snapshot,
//! the timeline row, the ledger entry and the open deadlines in the caller's one transaction.

use std::collections::BTreeMap;

use domain::enforcement::PartyKind;
use domain::enforcement::legal_review::ReviewTrack;
use domain::enforcement::penalty::{
    Complexity, Event, HearingThresholds, Outcome, PenaltyCase, Stage,
};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::deadlines::NewDeadline;
use crate::tx::WriteTx;
use crate::{Result, Store, StoreError};

/// Ledger record type of a penalty case.
pub const PENALTY_RECORD_TYPE: &str = "penalty_case";

/// Ledger record type of a major-penalty filing.
pub const FILING_RECORD_TYPE: &str = "major_penalty_filing";

/// Every stage, for parsing the stored code back.
pub const STAGES: [Stage; 18] = [
    Stage::ClueRegistered,
    Stage::Verifying,
    Stage::NotOpened,
    Stage::Opened,
    Stage::Investigating,
    Stage::InvestigationClosed,
    Stage::Noticed,
    Stage::HearingRequested,
    Stage::HearingScheduled,
    Stage::DefenceClosed,
    Stage::UnderLegalReview,
    Stage::ReturnedByLegalReview,
    Stage::LegalReviewPassed,
    Stage::Decided,
    Stage::Served,
    Stage::Executed,
    Stage::Closed,
    Stage::Archived,
];

/// The stage whose code is `code`.
pub fn parse_stage(code: &str) -> Option<Stage> {
    STAGES.iter().copied().find(|s| s.as_str() == code)
}

/// Stored code of a party kind.
pub fn party_kind_code(kind: PartyKind) -> &'static str {
    match kind {
        PartyKind::Individual => "individual",
        PartyKind::Organisation => "organisation",
    }
}

/// The party kind whose code is `code`.
pub fn parse_party_kind(code: &str) -> Option<PartyKind> {
    match code {
        "individual" => Some(PartyKind::Individual),
        "organisation" => Some(PartyKind::Organisation),
        _ => None,
    }
}

/// The party's personal data, kept beside the case and never published unredacted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PartyDetails {
    /// 身份证号 or 统一社会信用代码.
    pub id_number: String,
    /// Phone.
    pub phone: String,
    /// Address.
    pub address: String,
}

/// A department's settings of the penalty procedure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PenaltySettings {
    /// Department.
    pub department_id: i64,
    /// 较大数额 thresholds of 第六十三条 (configurable; 公安 figures by default).
    pub thresholds: HearingThresholds,
    /// Statement-of-defence period in working days (SAMR practice 5; configurable).
    pub defence_working_days: u32,
    /// Prefix of case numbers, e.g. 「安市监」 gives 「安市监案〔2026〕12号」.
    pub case_prefix: String,
}

impl PenaltySettings {
    /// The defaults for a department that has not set its own: the 公安 thresholds of
    /// 公安机关办理行政案件程序规定 第一百二十三条, 5 working days for the defence, and a prefix
    /// from the department's name.
    pub fn default_for(department_id: i64, department_name: &str) -> Self {
        let name = department_name.trim();
        // A short name (简称, as 「安市监」) is the prefix itself.
        let short: String = if name.chars().count() <= 6 {
            name.to_owned()
        } else {
            Self::derived_prefix(name)
        };
        PenaltySettings {
            department_id,
            thresholds: HearingThresholds::public_security(),
            defence_working_days: 5,
            case_prefix: if short.is_empty() {
                "执法".into()
            } else {
                short
            },
        }
    }

    /// Two characters of a full department name after the place name: 「安吉县市场监督管理局」 → 「市场」.
    fn derived_prefix(department_name: &str) -> String {
        department_name
            .trim_start_matches(|c| c != '县' && c != '市' && c != '区')
            .chars()
            .filter(|c| !matches!(c, '县' | '市' | '区' | '局' | '委' | '办'))
            .take(2)
            .collect()
    }
}

/// One item of a department's 重大执法决定法制审核目录.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueItem {
    /// Id.
    pub id: i64,
    /// Department.
    pub department_id: i64,
    /// What decisions the item covers, e.g. 「对个人处以一万元以上罚款」.
    pub title: String,
    /// Where the duty comes from.
    pub basis: String,
    /// The matter (power) it covers, if it is matter-based.
    pub power_id: Option<i64>,
    /// The fine from which it applies, if it is amount-based.
    pub min_fine_fen: Option<i64>,
}

impl CatalogueItem {
    /// The content recorded in the ledger for this item (verification compares it too).
    pub fn ledger_content(&self) -> serde_json::Value {
        serde_json::json!({
            "department_id": self.department_id, "title": self.title, "basis": self.basis,
            "power_id": self.power_id, "min_fine_fen": self.min_fine_fen,
        })
    }

    /// Whether a case on `power_id` with a proposed fine of `fine_fen` falls under this item.
    pub fn covers(&self, power_id: Option<i64>, fine_fen: i64) -> bool {
        let by_power = self.power_id.is_some() && self.power_id == power_id;
        let by_fine = self.min_fine_fen.is_some_and(|min| fine_fen >= min);
        by_power || by_fine
    }
}

/// A case as lists show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSummary {
    /// Id.
    pub id: i64,
    /// Department.
    pub department_id: i64,
    /// The matter on the power list, if chosen.
    pub power_id: Option<i64>,
    /// 案件编号.
    pub case_number: String,
    /// 决定书文号.
    pub decision_number: Option<String>,
    /// Party kind.
    pub party_kind: PartyKind,
    /// Party name.
    pub party_name: String,
    /// Stage.
    pub stage: Stage,
    /// Registered on.
    pub registered_on: String,
    /// Opened on.
    pub opened_on: Option<String>,
    /// Decided on.
    pub decided_on: Option<String>,
    /// Closed on.
    pub closed_on: Option<String>,
    /// Earliest open due date.
    pub next_due: Option<String>,
    /// Outcome code of the decision.
    pub outcome: Option<String>,
    /// Fine imposed, in fen.
    pub fine_fen: i64,
    /// A major case (complex or reviewed): filed with the legal-affairs office.
    pub major: bool,
}

/// A case with its snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCase {
    /// The list columns.
    pub summary: CaseSummary,
    /// The domain case.
    pub case: PenaltyCase,
    /// The party's personal data.
    pub details: PartyDetails,
    /// Version for optimistic concurrency: a save names the version it read.
    pub version: i64,
}

/// One row of a case's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseEvent {
    /// Position in the case, from 1.
    pub seq: i64,
    /// Kind, e.g. `penalty.opened`.
    pub kind: String,
    /// The day it happened.
    pub on_date: String,
    /// Stage after it.
    pub stage: Stage,
    /// Who recorded it.
    pub actor: String,
    /// Its facts.
    pub fields: Vec<(String, String)>,
    /// Its ledger entry.
    pub ledger_idx: i64,
    /// When it was recorded (unix ms).
    pub created_at: i64,
}

/// Filters of the case list. Dates are `YYYY-MM-DD`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    /// Only these departments (the user's scope), when set.
    pub departments: Option<Vec<i64>>,
    /// Only this stage.
    pub stage: Option<String>,
    /// Only cases with a due date before this day (overdue on it).
    pub overdue_on: Option<String>,
    /// Case number or party name contains this.
    pub query: Option<String>,
    /// Registered in this year.
    pub year: Option<i32>,
    /// Only major cases.
    pub major_only: bool,
    /// Rows to skip.
    pub offset: i64,
    /// Rows to return.
    pub limit: i64,
}

/// A major-penalty filing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filing {
    /// Case.
    pub case_id: i64,
    /// Case number.
    pub case_number: String,
    /// Party.
    pub party_name: String,
    /// Department.
    pub department_id: i64,
    /// Filed on.
    pub filed_on: String,
    /// Due on.
    pub due_on: String,
    /// Filed after the due date.
    pub late: bool,
    /// Note.
    pub note: String,
}

impl Filing {
    /// The content recorded in the ledger for this filing (verification compares it too).
    pub fn ledger_content(&self) -> serde_json::Value {
        serde_json::json!({
            "case_number": self.case_number, "filed_on": self.filed_on, "due_on": self.due_on,
            "late": self.late, "note": self.note,
        })
    }
}

/// The columns of a case's summary (a macro, so that [`STORED_CASE_COLUMNS`] can extend it).
macro_rules! summary_columns {
    () => {
        "id, department_id, power_id, case_number, decision_number, party_kind, party_name, stage,
    registered_on, opened_on, decided_on, closed_on, next_due, outcome, fine_fen, major"
    };
}

pub(crate) const SUMMARY_COLUMNS: &str = summary_columns!();

/// The columns [`stored_from_row`] reads: the summary, the party's contact details and the
/// snapshot with its version.
const STORED_CASE_COLUMNS: &str = concat!(
    summary_columns!(),
    ", party_id_number, party_phone, party_address, snapshot, version"
);

fn summary_from_row(r: &AnyRow) -> Result<CaseSummary> {
    let stage: String = r.try_get("stage")?;
    let kind: String = r.try_get("party_kind")?;
    Ok(CaseSummary {
        id: r.try_get("id")?,
        department_id: r.try_get("department_id")?,
        power_id: r.try_get("power_id")?,
        case_number: r.try_get("case_number")?,
        decision_number: r.try_get("decision_number")?,
        party_kind: parse_party_kind(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("当事人类型 {kind}")))?,
        party_name: r.try_get("party_name")?,
        stage: parse_stage(&stage)
            .ok_or_else(|| StoreError::Corrupt(format!("案件阶段 {stage}")))?,
        registered_on: r.try_get("registered_on")?,
        opened_on: r.try_get("opened_on")?,
        decided_on: r.try_get("decided_on")?,
        closed_on: r.try_get("closed_on")?,
        next_due: r.try_get("next_due")?,
        outcome: r.try_get("outcome")?,
        fine_fen: r.try_get("fine_fen")?,
        major: r.try_get::<i64, _>("major")? != 0,
    })
}

pub(crate) fn stored_from_row(r: &AnyRow) -> Result<StoredCase> {
    let snapshot: String = r.try_get("snapshot")?;
    let case: PenaltyCase = serde_json::from_str(&snapshot)
        .map_err(|e| StoreError::Corrupt(format!("案件快照无法读取：{e}")))?;
    Ok(StoredCase {
        summary: summary_from_row(r)?,
        case,
        details: PartyDetails {
            id_number: r.try_get("party_id_number")?,
            phone: r.try_get("party_phone")?,
            address: r.try_get("party_address")?,
        },
        version: r.try_get("version")?,
    })
}

/// Whether a case counts as major: decided by collective deliberation, or put through legal
/// review (重大执法决定). Those are the cases filed with the legal-affairs office.
pub fn is_major(case: &PenaltyCase) -> bool {
    case.complexity == Complexity::ComplexOrMajor
        || !case.review_grounds.is_empty()
        || !matches!(case.review, ReviewTrack::NotSubmitted)
}

fn snapshot_json(case: &PenaltyCase) -> Result<String> {
    serde_json::to_string(case).map_err(|e| StoreError::Conflict(format!("案件无法序列化：{e}")))
}

/// The hash of a case's snapshot recorded in each ledger entry, so that `ledger verify` can
/// check the case as it is now against its last entry.
pub fn state_hash(alg: ledger::HashAlgorithm, case: &PenaltyCase) -> Result<String> {
    Ok(alg.digest(&[snapshot_json(case)?.as_bytes()]).to_hex())
}

fn event_content(case_number: &str, event: &Event, state: &str) -> serde_json::Value {
    let fields: serde_json::Map<String, serde_json::Value> = event
        .fields
        .iter()
        .map(|(k, v)| ((*k).to_owned(), serde_json::Value::String(v.clone())))
        .collect();
    serde_json::json!({
        "case_number": case_number,
        "on": event.on.to_string(),
        "stage": event.stage.as_str(),
        "fields": fields,
        "state": state,
    })
}

/// Most matches a text search counts: past it the list says 「1000+」 instead of scanning a
/// province's history for an exact total.
pub const SEARCH_COUNT_CAP: i64 = 1000;

/// Whether a search text is a whole case or decision number, e.g. 「安市监罚〔2026〕12号」.
fn looks_like_number(q: &str) -> bool {
    !q.starts_with('〔') && q.contains('〔') && q.ends_with('号')
}

fn like_pattern(q: &str) -> String {
    let escaped: String = q
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    format!("%{escaped}%")
}

/// The SQL of a case list: its `WHERE` clause (with `$1` the government), the text values
/// bound after it, and its `ORDER BY`; `None` when the filter can match nothing. Public so that
/// a test can check the plan of every list the pages show.
pub fn case_list_query(filter: &CaseFilter) -> Option<(String, Vec<String>, &'static str)> {
    let mut terms = vec!["government_id = $1".to_owned()];
    let mut texts: Vec<String> = Vec::new();
    let mut n = 1;
    let mut push_text = |terms: &mut Vec<String>, texts: &mut Vec<String>, sql: &str, v: String| {
        n += 1;
        terms.push(sql.replace('?', &format!("${n}")));
        texts.push(v);
    };
    if let Some(stage) = &filter.stage {
        push_text(&mut terms, &mut texts, "stage = ?", stage.clone());
    }
    if let Some(day) = &filter.overdue_on {
        push_text(&mut terms, &mut texts, "next_due < ?", day.clone());
    }
    if let Some(q) = filter.query.as_ref().filter(|q| !q.trim().is_empty()) {
        let q = q.trim();
        if looks_like_number(q) {
            // A case or decision number is looked up by its index, not searched.
            push_text(
                &mut terms,
                &mut texts,
                "(case_number = ? OR decision_number = ?)",
                q.to_owned(),
            );
        } else {
            push_text(
                &mut terms,
                &mut texts,
                "(case_number LIKE ? ESCAPE '\\' OR party_name LIKE ? ESCAPE '\\')",
                like_pattern(q),
            );
        }
    }
    if let Some(year) = filter.year {
        push_text(
            &mut terms,
            &mut texts,
            "registered_on >= ?",
            format!("{year:04}-01-01"),
        );
        push_text(
            &mut terms,
            &mut texts,
            "registered_on <= ?",
            format!("{year:04}-12-31"),
        );
    }
    if filter.major_only {
        terms.push("major = 1".into());
    }
    if let Some(depts) = &filter.departments {
        if depts.is_empty() {
            return None;
        }
        // Department ids are integers from the session's scope, not user text.
        let list: Vec<String> = depts.iter().map(i64::to_string).collect();
        terms.push(format!("department_id IN ({})", list.join(", ")));
    }
    let where_sql = terms.join(" AND ");
    // Overdue lists show the most overdue first; the others the newest registration first.
    let order = if filter.overdue_on.is_some() {
        "next_due, id"
    } else {
        "registered_on DESC, id DESC"
    };
    Some((where_sql, texts, order))
}

impl Store {
    /// Lists cases with the total that matches: newest registration first, or for an overdue
    /// filter the most overdue first.
    pub async fn list_penalty_cases(
        &self,
        government_id: i64,
        filter: &CaseFilter,
    ) -> Result<(Vec<CaseSummary>, i64)> {
        let Some((where_sql, texts, order)) = case_list_query(filter) else {
            return Ok((Vec::new(), 0));
        };
        let limit = filter.limit.clamp(1, 500);
        let offset = filter.offset.max(0);
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM penalty_cases WHERE {where_sql}
             ORDER BY {order} LIMIT {limit} OFFSET {offset}"
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(government_id);
        for t in &texts {
            q = q.bind(t.clone());
        }
        let rows = q.fetch_all(&self.pool).await?;
        let list = rows
            .iter()
            .map(summary_from_row)
            .collect::<Result<Vec<_>>>()?;
        // The total is only needed for paging; a short first page is its own total.
        let total = if offset == 0 && (list.len() as i64) < limit {
            list.len() as i64
        } else {
            // A text search counts at most SEARCH_COUNT_CAP + 1 rows (the page shows 「1000+」).
            let count_sql = if filter.query.as_ref().is_some_and(|q| !q.trim().is_empty()) {
                format!(
                    "SELECT COUNT(*) FROM (SELECT 1 FROM penalty_cases WHERE {where_sql} LIMIT {}) t",
                    SEARCH_COUNT_CAP + 1
                )
            } else {
                format!("SELECT COUNT(*) FROM penalty_cases WHERE {where_sql}")
            };
            let mut q =
                sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(count_sql)).bind(government_id);
            for t in &texts {
                q = q.bind(t.clone());
            }
            q.fetch_one(&self.pool).await?
        };
        Ok((list, total))
    }

    /// One case with its snapshot.
    pub async fn penalty_case(&self, government_id: i64, id: i64) -> Result<StoredCase> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {STORED_CASE_COLUMNS}
             FROM penalty_cases WHERE government_id = $1 AND id = $2"
        )))
        .bind(government_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        stored_from_row(&row)
    }

    /// Every case of a government with its snapshot, in id order (for `ledger verify`).
    pub async fn all_penalty_cases(&self, government_id: i64) -> Result<Vec<StoredCase>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {STORED_CASE_COLUMNS}
             FROM penalty_cases WHERE government_id = $1 ORDER BY id"
        )))
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(stored_from_row).collect()
    }

    /// A case's timeline, oldest first.
    pub async fn penalty_events(&self, government_id: i64, case_id: i64) -> Result<Vec<CaseEvent>> {
        let rows = sqlx::query(
            "SELECT seq, kind, on_date, stage, actor, fields, ledger_idx, created_at FROM penalty_events
             WHERE government_id = $1 AND case_id = $2 ORDER BY seq",
        )
        .bind(government_id)
        .bind(case_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let stage: String = r.try_get("stage")?;
                let fields: String = r.try_get("fields")?;
                let fields: Vec<(String, String)> = serde_json::from_str(&fields)
                    .map_err(|e| StoreError::Corrupt(format!("案件事件字段：{e}")))?;
                Ok(CaseEvent {
                    seq: r.try_get("seq")?,
                    kind: r.try_get("kind")?,
                    on_date: r.try_get("on_date")?,
                    stage: parse_stage(&stage)
                        .ok_or_else(|| StoreError::Corrupt(format!("案件阶段 {stage}")))?,
                    actor: r.try_get("actor")?,
                    fields,
                    ledger_idx: r.try_get("ledger_idx")?,
                    created_at: r.try_get("created_at")?,
                })
            })
            .collect()
    }

    /// Number of cases per stage in the given departments (all when `None`).
    pub async fn penalty_stage_counts(
        &self,
        government_id: i64,
        departments: Option<&[i64]>,
    ) -> Result<BTreeMap<String, i64>> {
        let scope = match departments {
            Some([]) => return Ok(BTreeMap::new()),
            Some(d) => format!(
                " AND department_id IN ({})",
                d.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
            ),
            None => String::new(),
        };
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT stage, COUNT(*) AS n FROM penalty_cases WHERE government_id = $1{scope} GROUP BY stage"
        )))
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get::<String, _>("stage")?, r.try_get::<i64, _>("n")?)))
            .collect()
    }

    /// A department's settings, or the defaults when it has none.
    pub async fn penalty_settings(
        &self,
        government_id: i64,
        department_id: i64,
        department_name: &str,
    ) -> Result<PenaltySettings> {
        let row = sqlx::query(
            "SELECT individual_fine_fen, organisation_fine_fen, individual_confiscation_fen,
                    organisation_confiscation_fen, defence_working_days, case_prefix
             FROM penalty_settings WHERE government_id = $1 AND department_id = $2",
        )
        .bind(government_id)
        .bind(department_id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(r) = row else {
            return Ok(PenaltySettings::default_for(department_id, department_name));
        };
        Ok(PenaltySettings {
            department_id,
            thresholds: HearingThresholds {
                individual_fine_fen: r.try_get("individual_fine_fen")?,
                organisation_fine_fen: r.try_get("organisation_fine_fen")?,
                individual_confiscation_fen: r.try_get("individual_confiscation_fen")?,
                organisation_confiscation_fen: r.try_get("organisation_confiscation_fen")?,
            },
            defence_working_days: u32::try_from(r.try_get::<i64, _>("defence_working_days")?)
                .unwrap_or(5),
            case_prefix: r.try_get("case_prefix")?,
        })
    }

    /// The legal-review catalogue of a department (all departments when `None`).
    pub async fn review_catalogue(
        &self,
        government_id: i64,
        department_id: Option<i64>,
    ) -> Result<Vec<CatalogueItem>> {
        let rows = sqlx::query(
            "SELECT id, department_id, title, basis, power_id, min_fine_fen FROM review_catalogue_items
             WHERE government_id = $1 AND ($2 < 0 OR department_id = $2) ORDER BY department_id, id",
        )
        .bind(government_id)
        .bind(department_id.unwrap_or(-1))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(CatalogueItem {
                    id: r.try_get("id")?,
                    department_id: r.try_get("department_id")?,
                    title: r.try_get("title")?,
                    basis: r.try_get("basis")?,
                    power_id: r.try_get("power_id")?,
                    min_fine_fen: r.try_get("min_fine_fen")?,
                })
            })
            .collect()
    }

    /// Major-penalty filings, newest first (all departments when `departments` is `None`).
    pub async fn major_filings(
        &self,
        government_id: i64,
        departments: Option<&[i64]>,
    ) -> Result<Vec<Filing>> {
        let scope = match departments {
            Some([]) => return Ok(Vec::new()),
            Some(d) => format!(
                " AND f.department_id IN ({})",
                d.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
            ),
            None => String::new(),
        };
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT f.case_id, c.case_number, c.party_name, f.department_id, f.filed_on, f.due_on, f.late, f.note
             FROM major_penalty_filings f JOIN penalty_cases c ON c.government_id = f.government_id AND c.id = f.case_id
             WHERE f.government_id = $1{scope} ORDER BY f.filed_on DESC, f.case_id DESC LIMIT 500"
        )))
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Filing {
                    case_id: r.try_get("case_id")?,
                    case_number: r.try_get("case_number")?,
                    party_name: r.try_get("party_name")?,
                    department_id: r.try_get("department_id")?,
                    filed_on: r.try_get("filed_on")?,
                    due_on: r.try_get("due_on")?,
                    late: r.try_get::<i64, _>("late")? != 0,
                    note: r.try_get("note")?,
                })
            })
            .collect()
    }

    /// The filing of a case, if it was filed.
    pub async fn major_filing(&self, government_id: i64, case_id: i64) -> Result<Option<Filing>> {
        let all = sqlx::query(
            "SELECT f.case_id, c.case_number, c.party_name, f.department_id, f.filed_on, f.due_on, f.late, f.note
             FROM major_penalty_filings f JOIN penalty_cases c ON c.government_id = f.government_id AND c.id = f.case_id
             WHERE f.government_id = $1 AND f.case_id = $2",
        )
        .bind(government_id)
        .bind(case_id)
        .fetch_optional(&self.pool)
        .await?;
        all.map(|r| {
            Ok(Filing {
                case_id: r.try_get("case_id")?,
                case_number: r.try_get("case_number")?,
                party_name: r.try_get("party_name")?,
                department_id: r.try_get("department_id")?,
                filed_on: r.try_get("filed_on")?,
                due_on: r.try_get("due_on")?,
                late: r.try_get::<i64, _>("late")? != 0,
                note: r.try_get("note")?,
            })
        })
        .transpose()
    }
}

/// What registering a case needs beside the domain case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCase {
    /// Department handling it.
    pub department_id: i64,
    /// The matter on the power list, if known.
    pub power_id: Option<i64>,
    /// The party's personal data.
    pub details: PartyDetails,
    /// Case-number prefix (from the department's settings).
    pub case_prefix: String,
}

impl WriteTx {
    /// Allocates the id of a new case (call before `PenaltyCase::register`).
    pub async fn next_penalty_case_id(&mut self) -> Result<i64> {
        self.next_id("penalty_cases").await
    }

    /// Stores a newly registered case with its first event.
    pub async fn insert_penalty_case(
        &mut self,
        new: &NewCase,
        case: &PenaltyCase,
        event: &Event,
    ) -> Result<StoredCase> {
        let year = case.registered_on.format("%Y").to_string();
        let seq = self
            .next_id(&format!("penalty_case_number:{}:{year}", new.department_id))
            .await?;
        let case_number = format!("{}案〔{year}〕{seq}号", new.case_prefix.trim());
        let snapshot = snapshot_json(case)?;
        let next_due = event.due.iter().map(|d| d.due).min().map(|d| d.to_string());
        sqlx::query(
            "INSERT INTO penalty_cases (government_id, id, department_id, power_id, case_number, decision_number,
                party_kind, party_name, party_id_number, party_phone, party_address, stage, registered_on,
                opened_on, decided_on, closed_on, next_due, outcome, fine_fen, major, snapshot, version,
                created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8, $9, $10, $11, $12, NULL, NULL, NULL, $13, NULL, 0, 0, $14, 1, $15, $15)",
        )
        .bind(self.government_id())
        .bind(case.id)
        .bind(new.department_id)
        .bind(new.power_id)
        .bind(&case_number)
        .bind(party_kind_code(case.party.kind))
        .bind(&case.party.name)
        .bind(new.details.id_number.trim())
        .bind(new.details.phone.trim())
        .bind(new.details.address.trim())
        .bind(case.stage.as_str())
        .bind(case.registered_on.to_string())
        .bind(next_due)
        .bind(&snapshot)
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        self.after_change(case, event, &case_number, new.department_id, 1)
            .await?;
        self.audit(
            "penalty.register",
            &format!("penalty_case:{}", case.id),
            &format!("{case_number} {}", case.party.name),
        )
        .await?;
        self.stored_case_in_tx(case.id).await
    }

    /// Saves a case after `apply` accepted a command. `read_version` is the version the caller
    /// loaded: if someone else changed the case since, nothing is written and the caller is told
    /// to reload.
    pub async fn save_penalty_case(
        &mut self,
        read_version: i64,
        case: &PenaltyCase,
        event: &Event,
    ) -> Result<StoredCase> {
        let snapshot = snapshot_json(case)?;
        let next_due = event.due.iter().map(|d| d.due).min().map(|d| d.to_string());
        let (decision_number, decided_on, outcome) = match &case.decision {
            Some(d) => (
                Some(d.document_number.clone()),
                Some(d.decided_on.to_string()),
                Some(d.outcome.as_str().to_owned()),
            ),
            None => (None, None, None),
        };
        let fine = match &case.decision {
            Some(d) => match &d.outcome {
                Outcome::Penalty(p) => p.fine_fen(),
                _ => 0,
            },
            None => 0,
        };
        // The row comes back as saved, so the step needs no second read of the case.
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE penalty_cases SET stage = $4, opened_on = $5, decided_on = $6, closed_on = $7, next_due = $8,
                    outcome = $9, fine_fen = $10, major = $11, snapshot = $12, decision_number = $13,
                    version = version + 1, updated_at = $14
             WHERE government_id = $1 AND id = $2 AND version = $3
             RETURNING {STORED_CASE_COLUMNS}"
        )))
        .bind(self.government_id())
        .bind(case.id)
        .bind(read_version)
        .bind(case.stage.as_str())
        .bind(case.opened_on.map(|d| d.to_string()))
        .bind(decided_on)
        .bind(case.closed_on.map(|d| d.to_string()))
        .bind(next_due)
        .bind(outcome)
        .bind(fine)
        .bind(i64::from(is_major(case)))
        .bind(&snapshot)
        .bind(decision_number)
        .bind(self.now_ms())
        .fetch_optional(&mut *self.tx)
        .await?
        .ok_or_else(|| {
            StoreError::Conflict("案件已被他人更新，请刷新页面后重试".into())
        })?;
        let saved = stored_from_row(&row)?;
        self.after_change(
            case,
            event,
            &saved.summary.case_number,
            saved.summary.department_id,
            saved.version,
        )
        .await?;
        Ok(saved)
    }

    /// The timeline row, the ledger entry and the deadlines of one accepted event.
    async fn after_change(
        &mut self,
        case: &PenaltyCase,
        event: &Event,
        case_number: &str,
        department_id: i64,
        seq: i64,
    ) -> Result<()> {
        let alg = self.hash_algorithm_in_tx().await?;
        let state = state_hash(alg, case)?;
        let id = case.id.to_string();
        let idx = self
            .record(
                PENALTY_RECORD_TYPE,
                &id,
                event.kind,
                &event_content(case_number, event, &state),
            )
            .await?;
        let fields: Vec<(&str, &str)> =
            event.fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        sqlx::query(
            "INSERT INTO penalty_events (government_id, case_id, seq, kind, on_date, stage, actor, fields, ledger_idx, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(self.government_id())
        .bind(case.id)
        .bind(seq)
        .bind(event.kind)
        .bind(event.on.to_string())
        .bind(event.stage.as_str())
        .bind(self.actor().name.clone())
        .bind(serde_json::to_string(&fields).unwrap_or_else(|_| "[]".into()))
        .bind(idx)
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        self.sync_case_deadlines(case, event, case_number, department_id)
            .await
    }

    /// Makes the open deadlines of the case those the event lists: items no longer due are
    /// closed as met, moved items are replaced, new items opened.
    async fn sync_case_deadlines(
        &mut self,
        case: &PenaltyCase,
        event: &Event,
        case_number: &str,
        department_id: i64,
    ) -> Result<()> {
        let id = case.id.to_string();
        let open = sqlx::query(
            "SELECT rule_id, due_date FROM deadlines
             WHERE government_id = $1 AND record_type = $2 AND record_id = $3 AND status = 'open'
               AND rule_id <> $4 AND rule_id <> $5",
        )
        .bind(self.government_id())
        .bind(PENALTY_RECORD_TYPE)
        .bind(&id)
        // Publication and filing are duties after the decision that the flow opens and the
        // publication or filing closes; the case's own procedure does not list them.
        .bind(crate::disclosures::PUBLICATION_RULE_ID)
        .bind(FILING_RULE_ID)
        .fetch_all(&mut *self.tx)
        .await?;
        let mut open: BTreeMap<String, String> = open
            .iter()
            .map(|r| Ok((r.try_get("rule_id")?, r.try_get("due_date")?)))
            .collect::<Result<_>>()?;
        for item in &event.due {
            let due = item.due.to_string();
            match open.remove(item.rule_id) {
                Some(d) if d == due => continue,
                Some(_) => {
                    self.close_deadlines(PENALTY_RECORD_TYPE, &id, item.rule_id, "cancelled")
                        .await?;
                }
                None => {}
            }
            let trigger = case.opened_on.unwrap_or(case.registered_on).to_string();
            self.open_deadline(&NewDeadline {
                record_type: PENALTY_RECORD_TYPE.into(),
                record_id: id.clone(),
                rule_id: item.rule_id.into(),
                title: format!("{case_number} {}", item.subject),
                link: format!("/staff/cases/{}", case.id),
                trigger_date: trigger,
                due_date: due,
                provisional: item.provisional,
                assignee_user_id: None,
                department_id: Some(department_id),
            })
            .await?;
        }
        for rule in open.keys() {
            self.close_deadlines(PENALTY_RECORD_TYPE, &id, rule, "met")
                .await?;
        }
        Ok(())
    }

    /// One case with its snapshot, read inside this transaction.
    pub(crate) async fn stored_case_in_tx(&mut self, id: i64) -> Result<StoredCase> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {STORED_CASE_COLUMNS}
             FROM penalty_cases WHERE government_id = $1 AND id = $2"
        )))
        .bind(self.government_id())
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        stored_from_row(&row)
    }

    /// Sets a department's procedure settings (audited).
    pub async fn set_penalty_settings(&mut self, s: &PenaltySettings) -> Result<()> {
        sqlx::query(
            "INSERT INTO penalty_settings (government_id, department_id, individual_fine_fen, organisation_fine_fen,
                individual_confiscation_fen, organisation_confiscation_fen, defence_working_days, case_prefix, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             ON CONFLICT (government_id, department_id) DO UPDATE SET
                individual_fine_fen = excluded.individual_fine_fen,
                organisation_fine_fen = excluded.organisation_fine_fen,
                individual_confiscation_fen = excluded.individual_confiscation_fen,
                organisation_confiscation_fen = excluded.organisation_confiscation_fen,
                defence_working_days = excluded.defence_working_days,
                case_prefix = excluded.case_prefix,
                updated_at = excluded.updated_at",
        )
        .bind(self.government_id())
        .bind(s.department_id)
        .bind(s.thresholds.individual_fine_fen)
        .bind(s.thresholds.organisation_fine_fen)
        .bind(s.thresholds.individual_confiscation_fen)
        .bind(s.thresholds.organisation_confiscation_fen)
        .bind(i64::from(s.defence_working_days))
        .bind(s.case_prefix.trim())
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        self.audit(
            "penalty.settings",
            &format!("department:{}", s.department_id),
            &format!(
                "较大数额：个人{}分、单位{}分；陈述申辩{}个工作日；案号前缀{}",
                s.thresholds.individual_fine_fen,
                s.thresholds.organisation_fine_fen,
                s.defence_working_days,
                s.case_prefix
            ),
        )
        .await
    }

    /// Adds an item to a department's legal-review catalogue; the catalogue is published, so
    /// the change is ledgered.
    pub async fn add_catalogue_item(
        &mut self,
        department_id: i64,
        title: &str,
        basis: &str,
        power_id: Option<i64>,
        min_fine_fen: Option<i64>,
    ) -> Result<CatalogueItem> {
        let id = self.next_id("review_catalogue_items").await?;
        sqlx::query(
            "INSERT INTO review_catalogue_items (government_id, id, department_id, title, basis, power_id, min_fine_fen, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(department_id)
        .bind(title.trim())
        .bind(basis.trim())
        .bind(power_id)
        .bind(min_fine_fen)
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        let item = CatalogueItem {
            id,
            department_id,
            title: title.trim().into(),
            basis: basis.trim().into(),
            power_id,
            min_fine_fen,
        };
        self.record(
            "review_catalogue_item",
            &id.to_string(),
            "create",
            &item.ledger_content(),
        )
        .await?;
        Ok(item)
    }

    /// Files a major case with the legal-affairs office (重大行政处罚备案). Late filings are
    /// recorded as late, not refused: the duty to file remains.
    pub async fn file_major_penalty(
        &mut self,
        case: &StoredCase,
        filed_on: &str,
        due_on: &str,
        note: &str,
    ) -> Result<()> {
        let late = filed_on > due_on;
        let n = sqlx::query(
            "INSERT INTO major_penalty_filings (government_id, case_id, department_id, filed_on, due_on, late, note, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (government_id, case_id) DO NOTHING",
        )
        .bind(self.government_id())
        .bind(case.case.id)
        .bind(case.summary.department_id)
        .bind(filed_on)
        .bind(due_on)
        .bind(i64::from(late))
        .bind(note.trim())
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::Conflict("该案件已备案".into()));
        }
        self.record(
            FILING_RECORD_TYPE,
            &case.case.id.to_string(),
            "create",
            &serde_json::json!({
                "case_number": case.summary.case_number, "filed_on": filed_on, "due_on": due_on,
                "late": late, "note": note.trim(),
            }),
        )
        .await?;
        self.close_deadlines(
            PENALTY_RECORD_TYPE,
            &case.case.id.to_string(),
            FILING_RULE_ID,
            "met",
        )
        .await?;
        Ok(())
    }
}

/// Rule id of the major-penalty filing period (configuration, not statute: see the web layer).
pub const FILING_RULE_ID: &str = "penalty.major_filing";

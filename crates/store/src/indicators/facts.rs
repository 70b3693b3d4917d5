//! The facts indicators count, built from the records the store keeps: a penalty case gives its
//! own fact and those of its disclosure (公示), major-penalty filing (备案) and legal-review
//! opinions (法制审核意见); an officer gives one; a power one per period in force; a normative
//! document one once published and one per legality review. The domain's
//! `indicators::from_records` decides every field; this module only reads the rows it needs.
//!
//! Facts are stored as JSON ([`fact_to_json`]); the field types of `indicators::records` tell the
//! reader how to read each value back.

use std::collections::BTreeMap;

use calendar::{Calendar, Datelike, Days, NaiveDate};
use domain::enforcement::penalty::{Context, DEFENCE_PERIOD, HearingThresholds, Outcome};
use domain::indicators::from_records::{self, PenaltyFactOptions};
use domain::indicators::records::{self, FieldType};
use domain::indicators::{Fact, PeriodRule, Tally, Value, contributions};
use serde_json::json;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use domain::normative::NormativeDocument;

use crate::officers::OfficerRecord;
use crate::penalty::StoredCase;
use crate::powers::{StoredPower, StoredStatusEvent};
use crate::{Result, StoreError};

/// Year that stands for "every later year" in the aggregates (a state still present).
pub const OPEN_END: i64 = 9999;

/// The record a set of facts is kept for: the unit the outbox worker recomputes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// A penalty case with its disclosure, filing and legal-review opinions.
    PenaltyCase(i64),
    /// An officer on the roster.
    Officer(i64),
    /// A power on the power list.
    Power(i64),
    /// A normative document with its legality reviews.
    NormativeDocument(i64),
}

impl Source {
    /// The record type (as in the ledger).
    pub fn type_code(self) -> &'static str {
        match self {
            Source::PenaltyCase(_) => crate::penalty::PENALTY_RECORD_TYPE,
            Source::Officer(_) => crate::officers::OFFICER_RECORD_TYPE,
            Source::Power(_) => "power",
            Source::NormativeDocument(_) => crate::normative::DOCUMENT_RECORD_TYPE,
        }
    }

    /// The record's id.
    pub fn id(self) -> i64 {
        match self {
            Source::PenaltyCase(id)
            | Source::Officer(id)
            | Source::Power(id)
            | Source::NormativeDocument(id) => id,
        }
    }

    /// The source of a record type and id, when indicators count that type.
    pub fn parse(type_code: &str, id: &str) -> Option<Source> {
        let id: i64 = id.parse().ok()?;
        match type_code {
            t if t == crate::penalty::PENALTY_RECORD_TYPE => Some(Source::PenaltyCase(id)),
            t if t == crate::officers::OFFICER_RECORD_TYPE => Some(Source::Officer(id)),
            "power" => Some(Source::Power(id)),
            t if t == crate::normative::DOCUMENT_RECORD_TYPE => Some(Source::NormativeDocument(id)),
            _ => None,
        }
    }
}

/// A fact with its source and what the drill-down shows of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourcedFact {
    /// The fact.
    pub fact: Fact,
    /// Its record.
    pub source: Source,
    /// The department it belongs to (0: none).
    pub department_id: i64,
    /// How a list names it (case number and party, officer and certificate, power code and name).
    pub label: String,
    /// The staff page of its record.
    pub link: String,
}

/// The fact as stored JSON: `{"record", "id", "fields": {name: value}}`, dates as `YYYY-MM-DD`.
pub fn fact_to_json(fact: &Fact) -> String {
    let fields: serde_json::Map<String, serde_json::Value> = fact
        .fields
        .iter()
        .map(|(name, value)| {
            let v = match value {
                Value::Bool(b) => json!(b),
                Value::Int(i) => json!(i),
                Value::Date(d) => json!(d.to_string()),
                Value::Text(t) => json!(t),
                Value::List(l) => json!(l),
            };
            ((*name).to_owned(), v)
        })
        .collect();
    json!({"record": fact.record, "id": fact.id, "fields": fields}).to_string()
}

/// Reads a fact written by [`fact_to_json`], typed by its record kind's fields.
pub fn fact_from_json(text: &str) -> Result<Fact> {
    let corrupt = |what: String| StoreError::Corrupt(format!("指标事实：{what}"));
    let v: serde_json::Value =
        serde_json::from_str(text).map_err(|e| corrupt(format!("不是JSON（{e}）")))?;
    let record = v["record"].as_str().unwrap_or_default();
    let kind = records::record(record).ok_or_else(|| corrupt(format!("未知记录类型 {record}")))?;
    let mut fact = Fact::new(kind.name, v["id"].as_str().unwrap_or_default());
    if let Some(fields) = v["fields"].as_object() {
        for (name, value) in fields {
            let spec = kind
                .field(name)
                .ok_or_else(|| corrupt(format!("{record} 没有字段 {name}")))?;
            let bad = || corrupt(format!("{record}.{name} 的值 {value}"));
            let parsed = match spec.ty {
                FieldType::Bool => Value::Bool(value.as_bool().ok_or_else(bad)?),
                FieldType::Int => Value::Int(value.as_i64().ok_or_else(bad)?),
                FieldType::Date => Value::Date(
                    value
                        .as_str()
                        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
                        .ok_or_else(bad)?,
                ),
                FieldType::Code(_) => Value::Text(value.as_str().ok_or_else(bad)?.to_owned()),
                FieldType::Codes(_) => Value::List(
                    value
                        .as_array()
                        .ok_or_else(bad)?
                        .iter()
                        .map(|c| c.as_str().map(str::to_owned).ok_or_else(bad))
                        .collect::<Result<_>>()?,
                ),
            };
            fact.fields.insert(spec.name, parsed);
        }
    }
    Ok(fact)
}

/// Key of an aggregate row: department (0: the whole government), last year, first year,
/// indicator, month (1–12 for a dated indicator, 0 for a year-end state).
pub type AggKey = (i64, i64, i64, &'static str, i64);

/// Adds `sign` times the fact's contributions to `out`, under its department and under 0.
pub fn add_contributions(
    fact: &Fact,
    department_id: i64,
    sign: i64,
    out: &mut BTreeMap<AggKey, Tally>,
) {
    for c in contributions(fact) {
        let month = match domain::indicators::find(c.indicator).map(|i| i.period) {
            Some(PeriodRule::Dated { field, .. }) => {
                fact.date(field).map(|d| i64::from(d.month())).unwrap_or(0)
            }
            _ => 0,
        };
        let to = c.to_year.map(i64::from).unwrap_or(OPEN_END);
        let tally = if sign < 0 { -c.tally } else { c.tally };
        let mut add = |dept: i64| {
            *out.entry((dept, to, i64::from(c.from_year), c.indicator, month))
                .or_default() += tally;
        };
        add(0);
        if department_id != 0 {
            add(department_id);
        }
    }
}

/// The first and last year the fact counts in (`OPEN_END` when it goes on); `(OPEN_END, 0)` when
/// it counts in none.
pub fn year_span(fact: &Fact) -> (i64, i64) {
    contributions(fact)
        .iter()
        .fold((OPEN_END, 0), |(lo, hi), c| {
            (
                lo.min(i64::from(c.from_year)),
                hi.max(c.to_year.map(i64::from).unwrap_or(OPEN_END)),
            )
        })
}

/// What a penalty case's facts need besides the case.
#[derive(Debug, Clone, Default)]
pub(crate) struct CaseExtras {
    /// The disclosure: published on, withdrawn on, published late.
    pub disclosure: Option<(String, Option<String>, bool)>,
    /// The major-penalty filing: filed on, filed late.
    pub filing: Option<(String, bool)>,
    /// Legal-review opinions in order: day, whether problems were found.
    pub reviews: Vec<(String, bool)>,
}

/// A department's legal-review catalogue: (power, minimum fine) of each item.
pub(crate) type Catalogue = Vec<(Option<i64>, Option<i64>)>;

fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The fine the flow checks the catalogue with: the decision's, else the notice's proposal.
fn catalogue_fine(case: &StoredCase) -> i64 {
    match &case.case.decision {
        Some(d) => match &d.outcome {
            Outcome::Penalty(p) => p.fine_fen(),
            _ => case
                .case
                .notice
                .as_ref()
                .map(|n| n.proposal.fine_fen())
                .unwrap_or(0),
        },
        None => case
            .case
            .notice
            .as_ref()
            .map(|n| n.proposal.fine_fen())
            .unwrap_or(0),
    }
}

/// The facts of a penalty case.
pub(crate) fn case_facts(
    stored: &StoredCase,
    extras: &CaseExtras,
    catalogue: &Catalogue,
    calendar: &Calendar,
) -> Vec<SourcedFact> {
    let case = &stored.case;
    let s = &stored.summary;
    let fine = catalogue_fine(stored);
    let on_review_catalogue = catalogue.iter().any(|(power, min)| {
        (power.is_some() && *power == s.power_id) || min.is_some_and(|m| fine >= m)
    });
    // Only the calendar (立案及时) and the catalogue flag (法制审核) reach the fact; the hearing
    // thresholds and the defence period are part of the context but not of the fact.
    let thresholds = HearingThresholds::public_security();
    let ctx = Context {
        today: case.registered_on,
        calendar,
        hearing_thresholds: &thresholds,
        on_review_catalogue,
        defence_period: DEFENCE_PERIOD,
    };
    let source = Source::PenaltyCase(case.id);
    let link = format!("/staff/cases/{}", case.id);
    let sourced = |fact: Fact, label: String| SourcedFact {
        fact,
        source,
        department_id: s.department_id,
        label,
        link: link.clone(),
    };
    let mut out = vec![sourced(
        from_records::penalty_case_fact(case, &ctx, &PenaltyFactOptions::default())
            .with("department_id", s.department_id),
        format!("{} {}", s.case_number, s.party_name),
    )];
    let decision_label = s
        .decision_number
        .clone()
        .unwrap_or_else(|| s.case_number.clone());
    if let Some(decision) = &case.decision {
        let to_publish = matches!(decision.outcome, Outcome::Penalty(_));
        if to_publish || extras.disclosure.is_some() {
            let mut fact = Fact::new("disclosure", case.id.to_string())
                .with("decided_on", decision.decided_on)
                .with("decision_kind", "penalty");
            if let Some((published_on, withdrawn_on, late)) = &extras.disclosure {
                fact = fact
                    .with_opt("published_on", parse_day(published_on))
                    .with("published_on_time", !late)
                    .with_opt("withdrawn_on", withdrawn_on.as_deref().and_then(parse_day));
            }
            out.push(sourced(fact, decision_label.clone()));
        }
        if let Some((filed_on, late)) = &extras.filing {
            let fact = Fact::new("major_penalty_filing", case.id.to_string())
                .with("decided_on", decision.decided_on)
                .with_opt("filed_on", parse_day(filed_on))
                .with("filed_on_time", !late);
            out.push(sourced(fact, decision_label));
        }
    }
    for (i, (on, problems)) in extras.reviews.iter().enumerate() {
        let round = i as i64 + 1;
        let fact = Fact::new("legal_review", format!("{}/{round}", case.id))
            .with_opt("reviewed_on", parse_day(on))
            .with("opinion", if *problems { "problems" } else { "approve" })
            .with("round", round);
        out.push(sourced(
            fact,
            format!("{} 第{round}次法制审核", s.case_number),
        ));
    }
    out
}

/// The day of a unix-ms instant in China Standard Time.
pub(crate) fn china_date(ms: i64) -> NaiveDate {
    let days = (ms + 8 * 3_600_000).div_euclid(86_400_000);
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date");
    epoch
        .checked_add_days(Days::new(u64::try_from(days).unwrap_or(0)))
        .unwrap_or(epoch)
}

/// The fact of an officer. The roster keeps no listing date: an officer counts from the earlier
/// of the day entered into the platform and the day the certificate was issued (an officer
/// imported with a certificate of 2022 has been on the roster since 2022); the roster has no
/// departures yet.
pub(crate) fn officer_facts(record: &OfficerRecord) -> Vec<SourcedFact> {
    let o = &record.officer;
    let listed_on = china_date(record.created_at).min(o.certificate.issued_on);
    vec![SourcedFact {
        fact: from_records::officer_fact(o, listed_on, None),
        source: Source::Officer(o.id),
        department_id: o.department_id,
        label: format!("{}（{}）", o.name, o.certificate.number),
        link: format!("/staff/officers/{}", o.id),
    }]
}

/// The facts of a power, one per period in force. Ids are the store id (not the code, which
/// staff may edit) and the period's number.
pub(crate) fn power_facts(power: &StoredPower, history: &[StoredStatusEvent]) -> Vec<SourcedFact> {
    let domain_power = power.to_domain(history.iter().map(|e| e.event.clone()).collect());
    from_records::power_facts(&domain_power)
        .into_iter()
        .enumerate()
        .map(|(i, mut fact)| {
            fact.id = format!("{}#{}", power.id, i + 1);
            SourcedFact {
                fact,
                source: Source::Power(power.id),
                department_id: power.department_id,
                label: format!("{} {}", power.code, power.name),
                link: format!("/staff/powers/{}", power.id),
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Reading the rows, one source at a time (the worker) or all at once (a rebuild).
// ---------------------------------------------------------------------------------------------

fn case_sql(filter: &str) -> String {
    format!(
        "SELECT {}, party_id_number, party_phone, party_address, snapshot, version
         FROM penalty_cases WHERE government_id = $1{filter} ORDER BY id",
        crate::penalty::SUMMARY_COLUMNS
    )
}

fn review_problems(fields: &str) -> bool {
    serde_json::from_str::<Vec<(String, String)>>(fields)
        .map(|f| f.iter().any(|(k, v)| k == "opinion" && v == "存在问题"))
        .unwrap_or(false)
}

fn add_extra(extras: &mut BTreeMap<i64, CaseExtras>, row: &AnyRow, kind: &str) -> Result<()> {
    let case_id: i64 = row.try_get("case_id")?;
    let e = extras.entry(case_id).or_default();
    match kind {
        "disclosure" => {
            e.disclosure = Some((
                row.try_get("published_on")?,
                row.try_get("withdrawn_on")?,
                row.try_get::<i64, _>("late")? != 0,
            ));
        }
        "filing" => {
            e.filing = Some((
                row.try_get("filed_on")?,
                row.try_get::<i64, _>("late")? != 0,
            ));
        }
        _ => {
            let fields: String = row.try_get("fields")?;
            e.reviews
                .push((row.try_get("on_date")?, review_problems(&fields)));
        }
    }
    Ok(())
}

/// The extras of the cases matching `filter` (`""` for all, or ` AND case_id = $2`).
async fn extras_where(
    conn: &mut AnyConnection,
    government_id: i64,
    filter: &str,
    case_id: Option<i64>,
) -> Result<BTreeMap<i64, CaseExtras>> {
    let mut out = BTreeMap::new();
    let queries = [
        (
            "disclosure",
            "SELECT case_id, published_on, withdrawn_on, late FROM disclosures WHERE government_id = $1",
        ),
        (
            "filing",
            "SELECT case_id, filed_on, late FROM major_penalty_filings WHERE government_id = $1",
        ),
        (
            "review",
            "SELECT case_id, on_date, fields FROM penalty_events WHERE government_id = $1
             AND kind = 'penalty.legal_review_recorded'",
        ),
    ];
    for (kind, sql) in queries {
        let order = if kind == "review" {
            " ORDER BY case_id, seq"
        } else {
            " ORDER BY case_id"
        };
        let mut q =
            sqlx::query(sqlx::AssertSqlSafe(format!("{sql}{filter}{order}"))).bind(government_id);
        if let Some(id) = case_id {
            q = q.bind(id);
        }
        for row in q.fetch_all(&mut *conn).await? {
            add_extra(&mut out, &row, kind)?;
        }
    }
    Ok(out)
}

/// The legal-review catalogue of every department of a government.
pub(crate) async fn catalogues(
    conn: &mut AnyConnection,
    government_id: i64,
) -> Result<BTreeMap<i64, Catalogue>> {
    let rows = sqlx::query(
        "SELECT department_id, power_id, min_fine_fen FROM review_catalogue_items
         WHERE government_id = $1 ORDER BY department_id, id",
    )
    .bind(government_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut out: BTreeMap<i64, Catalogue> = BTreeMap::new();
    for r in rows {
        out.entry(r.try_get("department_id")?)
            .or_default()
            .push((r.try_get("power_id")?, r.try_get("min_fine_fen")?));
    }
    Ok(out)
}

/// The current facts of one source; none when the record is gone.
pub(crate) async fn facts_of_source(
    conn: &mut AnyConnection,
    government_id: i64,
    source: Source,
    catalogues: &BTreeMap<i64, Catalogue>,
    calendar: &Calendar,
) -> Result<Vec<SourcedFact>> {
    match source {
        Source::PenaltyCase(id) => {
            let row = sqlx::query(sqlx::AssertSqlSafe(case_sql(" AND id = $2")))
                .bind(government_id)
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?;
            let Some(row) = row else {
                return Ok(Vec::new());
            };
            let stored = crate::penalty::stored_from_row(&row)?;
            let extras = extras_where(conn, government_id, " AND case_id = $2", Some(id))
                .await?
                .remove(&id)
                .unwrap_or_default();
            let empty = Catalogue::new();
            let catalogue = catalogues
                .get(&stored.summary.department_id)
                .unwrap_or(&empty);
            Ok(case_facts(&stored, &extras, catalogue, calendar))
        }
        Source::Officer(id) => {
            let row = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT {} FROM officers WHERE government_id = $1 AND id = $2",
                crate::officers::OFFICER_COLUMNS
            )))
            .bind(government_id)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            match row {
                Some(r) => Ok(officer_facts(&OfficerRecord::from_row(&r)?)),
                None => Ok(Vec::new()),
            }
        }
        Source::Power(id) => {
            let row = sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT {} FROM powers WHERE government_id = $1 AND id = $2",
                crate::powers::POWER_COLUMNS
            )))
            .bind(government_id)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            let Some(row) = row else {
                return Ok(Vec::new());
            };
            let power = StoredPower::from_row(&row)?;
            let history = sqlx::query(
                "SELECT seq, change_kind, effective_on, document_number, recorded_at
                 FROM power_status_events WHERE government_id = $1 AND power_id = $2 ORDER BY seq",
            )
            .bind(government_id)
            .bind(id)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(crate::powers::event_from_row)
            .collect::<Result<Vec<_>>>()?;
            Ok(power_facts(&power, &history))
        }
        Source::NormativeDocument(id) => {
            let row = sqlx::query(sqlx::AssertSqlSafe(format!(
                "{DOCUMENT_FACTS_SQL} AND d.id = $2"
            )))
            .bind(government_id)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            match row {
                Some(r) => {
                    let (document, department_id) = document_from_fact_row(&r)?;
                    Ok(document_facts(&document, department_id))
                }
                None => Ok(Vec::new()),
            }
        }
    }
}

/// The facts of a normative document (`domain::indicators::from_records::normative_facts`),
/// counted for its issuer's department (0: the government itself).
pub(crate) fn document_facts(document: &NormativeDocument, department_id: i64) -> Vec<SourcedFact> {
    let label = match &document.number {
        Some(n) => format!("{n} {}", document.title),
        None => document.title.clone(),
    };
    from_records::normative_facts(document)
        .into_iter()
        .map(|fact| SourcedFact {
            fact,
            source: Source::NormativeDocument(document.id),
            department_id,
            label: label.clone(),
            link: format!("/staff/normative/{}", document.id),
        })
        .collect()
}

/// The documents of a government (or the one of `id_clause`) with their issuer's department.
const DOCUMENT_FACTS_SQL: &str = "SELECT d.snapshot, i.department_id FROM normative_documents d
     JOIN normative_issuers i ON i.government_id = d.government_id AND i.id = d.issuer_id
     WHERE d.government_id = $1";

fn document_from_fact_row(row: &AnyRow) -> Result<(NormativeDocument, i64)> {
    let snapshot: String = row.try_get("snapshot")?;
    let document: NormativeDocument = serde_json::from_str(&snapshot)
        .map_err(|e| StoreError::Corrupt(format!("规范性文件快照无法读取：{e}")))?;
    let department_id: Option<i64> = row.try_get("department_id")?;
    Ok((document, department_id.unwrap_or(0)))
}

/// Every fact of a government, read in a few queries (a rebuild).
pub(crate) async fn all_facts(
    conn: &mut AnyConnection,
    government_id: i64,
    calendar: &Calendar,
) -> Result<Vec<SourcedFact>> {
    let catalogues = catalogues(conn, government_id).await?;
    let mut extras = extras_where(conn, government_id, "", None).await?;
    let mut out = Vec::new();
    let empty = Catalogue::new();
    let cases = sqlx::query(sqlx::AssertSqlSafe(case_sql("")))
        .bind(government_id)
        .fetch_all(&mut *conn)
        .await?;
    for row in &cases {
        let stored = crate::penalty::stored_from_row(row)?;
        let e = extras.remove(&stored.case.id).unwrap_or_default();
        let catalogue = catalogues
            .get(&stored.summary.department_id)
            .unwrap_or(&empty);
        out.extend(case_facts(&stored, &e, catalogue, calendar));
    }
    let officers = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {} FROM officers WHERE government_id = $1 ORDER BY id",
        crate::officers::OFFICER_COLUMNS
    )))
    .bind(government_id)
    .fetch_all(&mut *conn)
    .await?;
    for row in &officers {
        out.extend(officer_facts(&OfficerRecord::from_row(row)?));
    }
    let mut histories: BTreeMap<i64, Vec<StoredStatusEvent>> = BTreeMap::new();
    for row in sqlx::query(
        "SELECT power_id, seq, change_kind, effective_on, document_number, recorded_at
         FROM power_status_events WHERE government_id = $1 ORDER BY power_id, seq",
    )
    .bind(government_id)
    .fetch_all(&mut *conn)
    .await?
    {
        histories
            .entry(row.try_get("power_id")?)
            .or_default()
            .push(crate::powers::event_from_row(&row)?);
    }
    let powers = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {} FROM powers WHERE government_id = $1 ORDER BY id",
        crate::powers::POWER_COLUMNS
    )))
    .bind(government_id)
    .fetch_all(&mut *conn)
    .await?;
    for row in &powers {
        let power = StoredPower::from_row(row)?;
        let history = histories.remove(&power.id).unwrap_or_default();
        out.extend(power_facts(&power, &history));
    }
    let documents = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{DOCUMENT_FACTS_SQL} ORDER BY d.id"
    )))
    .bind(government_id)
    .fetch_all(&mut *conn)
    .await?;
    for row in &documents {
        let (document, department_id) = document_from_fact_row(row)?;
        out.extend(document_facts(&document, department_id));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_survive_their_json() {
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
        let fact = Fact::new("penalty_case", "7")
            .with("department_id", 3_i64)
            .with("registered_on", d(1, 2))
            .with("decided_on", d(3, 4))
            .with("outcome", "penalty")
            .with("sanction_groups", vec!["property", "reprimand"])
            .with("fines_and_confiscations_fen", 80_000_i64)
            .with("decided_late", false);
        assert_eq!(fact_from_json(&fact_to_json(&fact)).unwrap(), fact);
        assert!(fact_from_json(r#"{"record":"boat","id":"1","fields":{}}"#).is_err());
        assert!(
            fact_from_json(r#"{"record":"officer","id":"1","fields":{"listed_on":3}}"#).is_err()
        );
    }

    #[test]
    fn contributions_go_to_the_department_and_the_whole_government() {
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
        let fact = Fact::new("penalty_case", "7")
            .with("registered_on", d(1, 2))
            .with("opened_on", d(1, 3))
            .with("decided_on", d(3, 4))
            .with("outcome", "penalty")
            .with("decided_late", false);
        let mut out = BTreeMap::new();
        add_contributions(&fact, 5, 1, &mut out);
        let decided = out[&(0, 2025, 2025, "enforcement.penalty_decisions", 3)];
        assert_eq!(decided.numerator, 1);
        assert_eq!(
            out[&(5, 2025, 2025, "enforcement.penalty_decisions", 3)],
            decided
        );
        assert_eq!(
            out[&(5, 2025, 2025, "enforcement.cases_opened", 1)].numerator,
            1
        );
        add_contributions(&fact, 5, -1, &mut out);
        assert!(out.values().all(Tally::is_zero));
        assert_eq!(year_span(&fact), (2025, 2025));
        assert_eq!(year_span(&Fact::new("penalty_case", "8")), (OPEN_END, 0));
    }
}

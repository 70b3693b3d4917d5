//! Administrative normative documents (行政规范性文件): the list of issuing bodies, the
//! documents (a snapshot of `domain::normative::NormativeDocument` beside the columns lists and
//! the portal filter on), their text versions and timeline, citizens' objections, clean-up
//! campaigns, and the search index's outbox cursor.
//!
//! The store never decides: `normative_flow` runs `domain::normative::apply` and hands the
//! accepted document and its event to [`WriteTx::save_normative_document`], which writes the new
//! snapshot, the timeline row, the ledger entry and the open deadlines in one transaction.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use domain::normative::cleanup::Campaign;
use domain::normative::objection::{Channel, Finding};
use domain::normative::{Event, FilingReview, NormativeDocument, Stage};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::deadlines::NewDeadline;
use crate::tx::WriteTx;
use crate::{Result, Store, StoreError};

/// Ledger record type of a normative document (the search worker reads these outbox rows).
pub const DOCUMENT_RECORD_TYPE: &str = "normative_document";
/// Ledger record type of an issuing body.
pub const ISSUER_RECORD_TYPE: &str = "normative_issuer";
/// Ledger record type of an objection.
pub const OBJECTION_RECORD_TYPE: &str = "normative_objection";
/// Ledger record type of a clean-up campaign.
pub const CAMPAIGN_RECORD_TYPE: &str = "normative_campaign";
/// The deadline rule of an objection's reply.
pub const OBJECTION_REPLY_RULE: &str = "normative_document.objection_reply";

/// What kind of body issues the documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IssuerKind {
    /// 人民政府 (and its general office, issuing in the government's name).
    Government,
    /// 政府工作部门.
    Department,
    /// 法律法规授权的组织.
    Authorised,
}

impl IssuerKind {
    /// Every kind.
    pub const ALL: [IssuerKind; 3] = [
        IssuerKind::Government,
        IssuerKind::Department,
        IssuerKind::Authorised,
    ];

    /// Stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            IssuerKind::Government => "government",
            IssuerKind::Department => "department",
            IssuerKind::Authorised => "authorised",
        }
    }

    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            IssuerKind::Government => "人民政府",
            IssuerKind::Department => "政府工作部门",
            IssuerKind::Authorised => "法律法规授权的组织",
        }
    }

    /// Parses [`IssuerKind::as_str`].
    pub fn parse(code: &str) -> Option<IssuerKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == code)
    }
}

/// The fields of an issuing body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuerInput {
    /// Name, e.g. 安吉县人民政府.
    pub name: String,
    /// Kind.
    pub kind: IssuerKind,
    /// The department, for a department issuer.
    pub department_id: Option<i64>,
    /// Document-number prefix (文号前缀), e.g. 安政规.
    pub number_prefix: String,
    /// Why it may issue normative documents (its organic law or authorising provision).
    pub basis: String,
    /// The filing-review body (备案审查机关) it files with.
    pub filing_body: String,
}

/// An issuing body (制定主体).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// Id.
    pub id: i64,
    /// Its fields.
    pub input: IssuerInput,
    /// Whether it is on the portal's list.
    pub published: bool,
}

impl Issuer {
    fn from_row(r: &AnyRow) -> Result<Issuer> {
        let kind: String = r.try_get("kind")?;
        Ok(Issuer {
            id: r.try_get("id")?,
            input: IssuerInput {
                name: r.try_get("name")?,
                kind: IssuerKind::parse(&kind)
                    .ok_or_else(|| StoreError::Corrupt(format!("制定主体类型 {kind}")))?,
                department_id: r.try_get("department_id")?,
                number_prefix: r.try_get("number_prefix")?,
                basis: r.try_get("basis")?,
                filing_body: r.try_get("filing_body")?,
            },
            published: r.try_get::<i64, _>("published")? != 0,
        })
    }

    /// The content recorded in the ledger for this issuing body.
    pub fn ledger_content(&self) -> serde_json::Value {
        serde_json::json!({
            "name": self.input.name, "kind": self.input.kind.as_str(),
            "department_id": self.input.department_id, "number_prefix": self.input.number_prefix,
            "basis": self.input.basis, "filing_body": self.input.filing_body,
            "published": self.published,
        })
    }
}

const ISSUER_COLUMNS: &str =
    "id, name, kind, department_id, number_prefix, basis, filing_body, published";

/// How a text version came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextSource {
    /// Written in the page's text box (or sent as JSON).
    Typed,
    /// Uploaded as a text file.
    Text,
    /// Uploaded as a Word .docx file.
    Docx,
}

impl TextSource {
    /// Stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            TextSource::Typed => "typed",
            TextSource::Text => "text",
            TextSource::Docx => "docx",
        }
    }

    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            TextSource::Typed => "在线编写",
            TextSource::Text => "上传文本文件",
            TextSource::Docx => "上传Word文档",
        }
    }

    /// Parses [`TextSource::as_str`].
    pub fn parse(code: &str) -> Option<TextSource> {
        [TextSource::Typed, TextSource::Text, TextSource::Docx]
            .into_iter()
            .find(|s| s.as_str() == code)
    }
}

/// A new version of a document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewText {
    /// The text (already decoded from the upload).
    pub body: String,
    /// How it came in.
    pub source: TextSource,
    /// The uploaded file's name (empty when typed).
    pub file_name: String,
    /// What changed (修改说明), empty for the first version.
    pub note: String,
}

/// One stored version of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextVersion {
    /// 1, 2, 3…
    pub seq: i64,
    /// The text.
    pub body: String,
    /// How it came in.
    pub source: TextSource,
    /// Uploaded file name.
    pub file_name: String,
    /// What changed.
    pub note: String,
    /// Who.
    pub actor: String,
    /// Its ledger entry.
    pub ledger_idx: i64,
    /// When (unix ms).
    pub created_at: i64,
}

/// A document as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    /// The domain document.
    pub document: NormativeDocument,
    /// The current text; `None` in lists, which do not read it.
    pub body: Option<String>,
    /// The current text's version number.
    pub text_seq: i64,
    /// Earliest open due date.
    pub next_due: Option<String>,
    /// Version for optimistic concurrency: a save names the version it read.
    pub version: i64,
    /// Last change (unix ms).
    pub updated_at: i64,
}

/// One row of a document's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentEvent {
    /// Position, from 1.
    pub seq: i64,
    /// Kind, e.g. `normative.published`.
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

/// Filters of the document lists. Dates are `YYYY-MM-DD`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentFilter {
    /// Only documents the public may see (published once).
    pub public_only: bool,
    /// Only these issuers (a drafter's scope), when set.
    pub issuer_scope: Option<Vec<i64>>,
    /// Only this issuer.
    pub issuer_id: Option<i64>,
    /// Only this year (of the number once registered, of drafting before).
    pub year: Option<i32>,
    /// Only this stage (a [`Stage::as_str`] code).
    pub stage: Option<String>,
    /// Only this status (a `domain::normative::Status::as_str` code) on `today`.
    pub status: Option<String>,
    /// The day statuses are computed for.
    pub today: Option<NaiveDate>,
    /// Title or number contains this (the full-text search is the index's; this is the plain
    /// list's quick filter).
    pub query: Option<String>,
    /// Rows to skip.
    pub offset: i64,
    /// Rows to return.
    pub limit: i64,
}

/// A document to import with its history (see [`WriteTx::import_normative_documents`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedDocument {
    /// The final state.
    pub document: NormativeDocument,
    /// Every event, oldest first, with who recorded it.
    pub events: Vec<(Event, String)>,
    /// Every text version, oldest first (the last is the current text).
    pub texts: Vec<NewText>,
    /// The issuer's department (for the open deadlines).
    pub department_id: Option<i64>,
}

/// A citizen's objection as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredObjection {
    /// The domain objection.
    pub objection: domain::normative::objection::Objection,
    /// Contact for the reply (never published).
    pub contact: String,
    /// Last day to reply.
    pub reply_due: String,
}

/// A clean-up campaign as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCampaign {
    /// The domain campaign.
    pub campaign: Campaign,
    /// Version.
    pub version: i64,
}

/// Stored code of an objection channel.
pub fn channel_code(c: Channel) -> &'static str {
    c.as_str()
}

/// The channel whose code is `code`.
pub fn parse_channel(code: &str) -> Option<Channel> {
    [Channel::Issuer, Channel::FilingBody]
        .into_iter()
        .find(|c| c.as_str() == code)
}

/// The finding whose code is `code`.
pub fn parse_finding(code: &str) -> Option<Finding> {
    [Finding::Upheld, Finding::PartlyUpheld, Finding::Rejected]
        .into_iter()
        .find(|f| f.as_str() == code)
}

fn corrupt(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what}：{e}"))
}

fn snapshot_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Conflict(format!("无法序列化：{e}")))
}

/// The hash of a document's snapshot recorded in each ledger entry, so that the record as it
/// is now can be checked against its last entry.
pub fn state_hash(alg: ledger::HashAlgorithm, doc: &NormativeDocument) -> Result<String> {
    Ok(alg.digest(&[snapshot_json(doc)?.as_bytes()]).to_hex())
}

const DOCUMENT_COLUMNS: &str = "id, text_seq, next_due, snapshot, version, updated_at";

fn document_from_row(r: &AnyRow, with_body: bool) -> Result<StoredDocument> {
    let snapshot: String = r.try_get("snapshot")?;
    let document: NormativeDocument =
        serde_json::from_str(&snapshot).map_err(|e| corrupt("规范性文件快照无法读取", e))?;
    Ok(StoredDocument {
        document,
        body: if with_body {
            Some(r.try_get("body")?)
        } else {
            None
        },
        text_seq: r.try_get("text_seq")?,
        next_due: r.try_get("next_due")?,
        version: r.try_get("version")?,
        updated_at: r.try_get("updated_at")?,
    })
}

fn objection_from_row(r: &AnyRow) -> Result<StoredObjection> {
    let channel: String = r.try_get("channel")?;
    let date = |col: &str| -> Result<NaiveDate> {
        let s: String = r.try_get(col)?;
        NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| corrupt(col, e))
    };
    let replied_on: Option<String> = r.try_get("replied_on")?;
    let reply = match replied_on {
        Some(on) => {
            let finding: String = r
                .try_get::<Option<String>, _>("finding")?
                .unwrap_or_default();
            Some(domain::normative::objection::Reply {
                replied_on: NaiveDate::parse_from_str(&on, "%Y-%m-%d")
                    .map_err(|e| corrupt("答复日期", e))?,
                finding: parse_finding(&finding)
                    .ok_or_else(|| StoreError::Corrupt(format!("异议结论 {finding}")))?,
                text: r.try_get::<Option<String>, _>("reply")?.unwrap_or_default(),
                late: r.try_get::<Option<i64>, _>("late")?.unwrap_or(0) != 0,
            })
        }
        None => None,
    };
    Ok(StoredObjection {
        objection: domain::normative::objection::Objection {
            id: r.try_get("id")?,
            document_id: r.try_get("document_id")?,
            received_on: date("received_on")?,
            citizen: r.try_get("citizen")?,
            grounds: r.try_get("grounds")?,
            channel: parse_channel(&channel)
                .ok_or_else(|| StoreError::Corrupt(format!("异议渠道 {channel}")))?,
            reply,
        },
        contact: r.try_get("contact")?,
        reply_due: r.try_get("reply_due")?,
    })
}

const OBJECTION_COLUMNS: &str = "id, document_id, received_on, citizen, contact, grounds, channel, reply_due, replied_on, finding, reply, late";

fn campaign_from_row(r: &AnyRow) -> Result<StoredCampaign> {
    let snapshot: String = r.try_get("snapshot")?;
    Ok(StoredCampaign {
        campaign: serde_json::from_str(&snapshot).map_err(|e| corrupt("清理快照无法读取", e))?,
        version: r.try_get("version")?,
    })
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

/// The SQL condition of a status on a day (mirrors `NormativeDocument::status_on`), with the
/// day bound as `?` (once or twice).
fn status_condition(status: &str) -> Option<(&'static str, usize)> {
    Some(match status {
        "draft" => ("stage IN ('drafting', 'returned_by_review')", 0),
        "public_comment" => ("stage = 'public_comment'", 0),
        "under_review" => (
            "stage IN ('under_legality_review', 'review_passed', 'adopted', 'registered')",
            0,
        ),
        "not_yet_in_force" => ("(stage = 'published' AND effective_on > ?)", 1),
        "in_force" => (
            "(stage = 'published' AND effective_on <= ? AND valid_until >= ?)",
            2,
        ),
        "expired" => (
            "(stage = 'expired' OR (stage = 'published' AND valid_until < ?))",
            1,
        ),
        "repealed" => ("stage = 'repealed'", 0),
        "void" => ("stage = 'void'", 0),
        "withdrawn" => ("stage = 'withdrawn'", 0),
        _ => return None,
    })
}

impl Store {
    /// The issuing bodies of a government, in id order.
    pub async fn normative_issuers(&self, government_id: i64) -> Result<Vec<Issuer>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ISSUER_COLUMNS} FROM normative_issuers WHERE government_id = $1 ORDER BY id"
        )))
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(Issuer::from_row).collect()
    }

    /// One issuing body.
    pub async fn normative_issuer(&self, government_id: i64, id: i64) -> Result<Issuer> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ISSUER_COLUMNS} FROM normative_issuers WHERE government_id = $1 AND id = $2"
        )))
        .bind(government_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Issuer::from_row(&row)
    }

    /// One document with its current text.
    pub async fn normative_document(&self, government_id: i64, id: i64) -> Result<StoredDocument> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {DOCUMENT_COLUMNS}, body FROM normative_documents WHERE government_id = $1 AND id = $2"
        )))
        .bind(government_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        document_from_row(&row, true)
    }

    /// Documents with their text, by id from `after_id` (exclusive), at most `limit`: the pages
    /// of a search-index rebuild.
    pub async fn normative_documents_after(
        &self,
        government_id: i64,
        after_id: i64,
        limit: i64,
    ) -> Result<Vec<StoredDocument>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {DOCUMENT_COLUMNS}, body FROM normative_documents
             WHERE government_id = $1 AND id > $2 ORDER BY id LIMIT {}",
            limit.clamp(1, 1000)
        )))
        .bind(government_id)
        .bind(after_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| document_from_row(r, true)).collect()
    }

    /// Lists documents (without their text), newest first, with the total that matches.
    pub async fn list_normative_documents(
        &self,
        government_id: i64,
        filter: &DocumentFilter,
    ) -> Result<(Vec<StoredDocument>, i64)> {
        let mut terms = vec!["government_id = $1".to_owned()];
        let mut texts: Vec<String> = Vec::new();
        let mut ints: Vec<i64> = Vec::new();
        // Text parameters come after the integer ones: $2.. for ints, then texts.
        let mut int_terms: Vec<String> = Vec::new();
        let mut text_terms: Vec<(String, usize)> = Vec::new();
        if filter.public_only {
            terms.push("public = 1".into());
        }
        if let Some(scope) = &filter.issuer_scope {
            if scope.is_empty() {
                return Ok((Vec::new(), 0));
            }
            // Ids from the session's scope, not user text.
            let list: Vec<String> = scope.iter().map(i64::to_string).collect();
            terms.push(format!("issuer_id IN ({})", list.join(", ")));
        }
        if let Some(issuer) = filter.issuer_id {
            int_terms.push("issuer_id = ?".into());
            ints.push(issuer);
        }
        if let Some(year) = filter.year {
            int_terms.push("year = ?".into());
            ints.push(i64::from(year));
        }
        if let Some(stage) = &filter.stage {
            text_terms.push(("stage = ?".into(), 1));
            texts.push(stage.clone());
        }
        if let Some(status) = &filter.status {
            let Some((sql, n_days)) = status_condition(status) else {
                return Ok((Vec::new(), 0));
            };
            let day = filter.today.unwrap_or_default().to_string();
            text_terms.push((sql.to_owned(), n_days));
            for _ in 0..n_days {
                texts.push(day.clone());
            }
        }
        if let Some(q) = filter.query.as_ref().filter(|q| !q.trim().is_empty()) {
            let p = like_pattern(q.trim());
            text_terms.push((
                "(title LIKE ? ESCAPE '\\' OR document_number LIKE ? ESCAPE '\\')".into(),
                2,
            ));
            texts.push(p.clone());
            texts.push(p);
        }
        let mut n = 1;
        for t in int_terms {
            n += 1;
            terms.push(t.replace('?', &format!("${n}")));
        }
        for (t, count) in text_terms {
            let mut sql = t;
            for _ in 0..count {
                n += 1;
                sql = sql.replacen('?', &format!("${n}"), 1);
            }
            terms.push(sql);
        }
        let where_sql = terms.join(" AND ");
        let limit = filter.limit.clamp(1, 500);
        let offset = filter.offset.max(0);
        let order = if filter.public_only {
            "published_on DESC, id DESC"
        } else {
            "updated_at DESC, id DESC"
        };
        let sql = format!(
            "SELECT {DOCUMENT_COLUMNS} FROM normative_documents WHERE {where_sql}
             ORDER BY {order} LIMIT {limit} OFFSET {offset}"
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(government_id);
        for i in &ints {
            q = q.bind(*i);
        }
        for t in &texts {
            q = q.bind(t.clone());
        }
        let rows = q.fetch_all(&self.pool).await?;
        let list = rows
            .iter()
            .map(|r| document_from_row(r, false))
            .collect::<Result<Vec<_>>>()?;
        let total = if offset == 0 && (list.len() as i64) < limit {
            list.len() as i64
        } else {
            let mut q = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
                "SELECT COUNT(*) FROM normative_documents WHERE {where_sql}"
            )))
            .bind(government_id);
            for i in &ints {
                q = q.bind(*i);
            }
            for t in &texts {
                q = q.bind(t.clone());
            }
            q.fetch_one(&self.pool).await?
        };
        Ok((list, total))
    }

    /// The years that have documents (newest first), for the year filter.
    pub async fn normative_years(&self, government_id: i64, public_only: bool) -> Result<Vec<i32>> {
        let rows: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT year FROM normative_documents
             WHERE government_id = $1 AND ($2 = 0 OR public = 1) ORDER BY year DESC",
        )
        .bind(government_id)
        .bind(i64::from(public_only))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|y| i32::try_from(y).ok())
            .collect())
    }

    /// Number of documents per stage.
    pub async fn normative_stage_counts(
        &self,
        government_id: i64,
    ) -> Result<BTreeMap<String, i64>> {
        let rows = sqlx::query(
            "SELECT stage, COUNT(*) AS n FROM normative_documents WHERE government_id = $1 GROUP BY stage",
        )
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get::<String, _>("stage")?, r.try_get::<i64, _>("n")?)))
            .collect()
    }

    /// Number of documents of a government.
    pub async fn count_normative_documents(&self, government_id: i64) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM normative_documents WHERE government_id = $1")
                .bind(government_id)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// A document's timeline, oldest first.
    pub async fn normative_events(
        &self,
        government_id: i64,
        document_id: i64,
    ) -> Result<Vec<DocumentEvent>> {
        let rows = sqlx::query(
            "SELECT seq, kind, on_date, stage, actor, fields, ledger_idx, created_at FROM normative_events
             WHERE government_id = $1 AND document_id = $2 ORDER BY seq",
        )
        .bind(government_id)
        .bind(document_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let stage: String = r.try_get("stage")?;
                let fields: String = r.try_get("fields")?;
                Ok(DocumentEvent {
                    seq: r.try_get("seq")?,
                    kind: r.try_get("kind")?,
                    on_date: r.try_get("on_date")?,
                    stage: Stage::parse(&stage)
                        .ok_or_else(|| StoreError::Corrupt(format!("文件阶段 {stage}")))?,
                    actor: r.try_get("actor")?,
                    fields: serde_json::from_str(&fields).map_err(|e| corrupt("事件字段", e))?,
                    ledger_idx: r.try_get("ledger_idx")?,
                    created_at: r.try_get("created_at")?,
                })
            })
            .collect()
    }

    /// Every version of a document's text, oldest first.
    pub async fn normative_texts(
        &self,
        government_id: i64,
        document_id: i64,
    ) -> Result<Vec<TextVersion>> {
        let rows = sqlx::query(
            "SELECT seq, body, source, file_name, note, actor, ledger_idx, created_at FROM normative_texts
             WHERE government_id = $1 AND document_id = $2 ORDER BY seq",
        )
        .bind(government_id)
        .bind(document_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let source: String = r.try_get("source")?;
                Ok(TextVersion {
                    seq: r.try_get("seq")?,
                    body: r.try_get("body")?,
                    source: TextSource::parse(&source)
                        .ok_or_else(|| StoreError::Corrupt(format!("文本来源 {source}")))?,
                    file_name: r.try_get("file_name")?,
                    note: r.try_get("note")?,
                    actor: r.try_get("actor")?,
                    ledger_idx: r.try_get("ledger_idx")?,
                    created_at: r.try_get("created_at")?,
                })
            })
            .collect()
    }

    /// The objections to a document, oldest first.
    pub async fn normative_objections_of(
        &self,
        government_id: i64,
        document_id: i64,
    ) -> Result<Vec<StoredObjection>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {OBJECTION_COLUMNS} FROM normative_objections
             WHERE government_id = $1 AND document_id = $2 ORDER BY id"
        )))
        .bind(government_id)
        .bind(document_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(objection_from_row).collect()
    }

    /// The objections of a government: the open ones (soonest due first) or all (newest first).
    pub async fn normative_objections(
        &self,
        government_id: i64,
        open_only: bool,
    ) -> Result<Vec<StoredObjection>> {
        let sql = if open_only {
            format!(
                "SELECT {OBJECTION_COLUMNS} FROM normative_objections
                 WHERE government_id = $1 AND replied_on IS NULL ORDER BY reply_due, id"
            )
        } else {
            format!(
                "SELECT {OBJECTION_COLUMNS} FROM normative_objections
                 WHERE government_id = $1 ORDER BY received_on DESC, id DESC LIMIT 500"
            )
        };
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(government_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(objection_from_row).collect()
    }

    /// One objection.
    pub async fn normative_objection(
        &self,
        government_id: i64,
        id: i64,
    ) -> Result<StoredObjection> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {OBJECTION_COLUMNS} FROM normative_objections WHERE government_id = $1 AND id = $2"
        )))
        .bind(government_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        objection_from_row(&row)
    }

    /// The clean-up campaigns of a government, newest first.
    pub async fn normative_campaigns(&self, government_id: i64) -> Result<Vec<StoredCampaign>> {
        let rows = sqlx::query(
            "SELECT snapshot, version FROM normative_campaigns WHERE government_id = $1
             ORDER BY started_on DESC, id DESC",
        )
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(campaign_from_row).collect()
    }

    /// One clean-up campaign.
    pub async fn normative_campaign(&self, government_id: i64, id: i64) -> Result<StoredCampaign> {
        let row = sqlx::query(
            "SELECT snapshot, version FROM normative_campaigns WHERE government_id = $1 AND id = $2",
        )
        .bind(government_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        campaign_from_row(&row)
    }

    /// Titles and numbers of documents by id (for lists that name documents).
    pub async fn normative_titles(
        &self,
        government_id: i64,
        ids: &[i64],
    ) -> Result<BTreeMap<i64, (String, Option<String>)>> {
        if ids.is_empty() {
            return Ok(BTreeMap::new());
        }
        let list: Vec<String> = ids.iter().map(i64::to_string).collect();
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT id, title, document_number FROM normative_documents
             WHERE government_id = $1 AND id IN ({})",
            list.join(", ")
        )))
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get::<i64, _>("id")?,
                    (r.try_get("title")?, r.try_get("document_number")?),
                ))
            })
            .collect()
    }

    /// The sequences a number prefix has used in a year (for showing the next number).
    pub async fn used_normative_sequences(
        &self,
        government_id: i64,
        prefix: &str,
        year: i32,
    ) -> Result<Vec<u32>> {
        let rows: Vec<i64> = sqlx::query_scalar(
            "SELECT number_seq FROM normative_documents
             WHERE government_id = $1 AND number_prefix = $2 AND number_year = $3 AND number_seq IS NOT NULL",
        )
        .bind(government_id)
        .bind(prefix)
        .bind(i64::from(year))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|s| u32::try_from(s).ok())
            .collect())
    }

    /// The search index's cursor in a government's outbox (-1 when it has read nothing).
    pub async fn search_cursor(&self, government_id: i64) -> Result<i64> {
        let v: Option<i64> =
            sqlx::query_scalar("SELECT last_outbox_id FROM search_cursor WHERE government_id = $1")
                .bind(government_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(v.unwrap_or(-1))
    }

    /// Moves the search index's cursor. Derived bookkeeping, not a change of any record: it has
    /// no ledger entry (a lost cursor only makes the worker read the outbox again).
    pub async fn set_search_cursor(
        &self,
        government_id: i64,
        last_outbox_id: i64,
        now_ms: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO search_cursor (government_id, last_outbox_id, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (government_id) DO UPDATE SET last_outbox_id = excluded.last_outbox_id,
                 updated_at = excluded.updated_at",
        )
        .bind(government_id)
        .bind(last_outbox_id)
        .bind(now_ms)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The newest outbox id of a government (-1 when empty).
    pub async fn max_outbox_id(&self, government_id: i64) -> Result<i64> {
        let v: Option<i64> =
            sqlx::query_scalar("SELECT MAX(id) FROM outbox WHERE government_id = $1")
                .bind(government_id)
                .fetch_one(&self.pool)
                .await?;
        Ok(v.unwrap_or(-1))
    }

    /// Outbox rows of `record_type` with `after < id <= upto`, oldest first, at most `limit`:
    /// (outbox id, record id).
    pub async fn outbox_rows(
        &self,
        government_id: i64,
        record_type: &str,
        after: i64,
        upto: i64,
        limit: i64,
    ) -> Result<Vec<(i64, String)>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT id, record_id FROM outbox
             WHERE government_id = $1 AND record_type = $2 AND id > $3 AND id <= $4
             ORDER BY id LIMIT {}",
            limit.clamp(1, 10_000)
        )))
        .bind(government_id)
        .bind(record_type)
        .bind(after)
        .bind(upto)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("record_id")?)))
            .collect()
    }
}

/// The list columns of a document, derived from its snapshot.
struct Columns {
    year: i64,
    prefix: Option<String>,
    number_year: Option<i64>,
    number_seq: Option<i64>,
    number: Option<String>,
    registered_on: Option<String>,
    published_on: Option<String>,
    effective_on: Option<String>,
    valid_until: Option<String>,
    ended_on: Option<String>,
    filed_on: Option<String>,
    filing_late: Option<i64>,
    filing_review: Option<String>,
    public: i64,
}

fn columns_of(doc: &NormativeDocument) -> Columns {
    let p = doc.publication.as_ref();
    Columns {
        year: i64::from(doc.year()),
        prefix: doc.number.as_ref().map(|n| n.prefix.clone()),
        number_year: doc.number.as_ref().map(|n| i64::from(n.year)),
        number_seq: doc.number.as_ref().map(|n| i64::from(n.sequence)),
        number: doc.number.as_ref().map(|n| n.to_string()),
        registered_on: doc.registered_on.map(|d| d.to_string()),
        published_on: p.map(|p| p.published_on.to_string()),
        effective_on: p.map(|p| p.effective_on.to_string()),
        valid_until: p.map(|p| p.valid_until.to_string()),
        ended_on: doc.ending.as_ref().map(|e| e.on.to_string()),
        filed_on: doc.filing.as_ref().map(|f| f.filed_on.to_string()),
        filing_late: doc.filing.as_ref().map(|f| i64::from(f.late)),
        filing_review: doc.filing.as_ref().map(|f| {
            match f.review {
                FilingReview::Pending => "pending",
                FilingReview::Accepted { .. } => "accepted",
                FilingReview::CorrectionDemanded { .. } => "correction_demanded",
                FilingReview::Corrected { .. } => "corrected",
            }
            .to_owned()
        }),
        public: i64::from(doc.is_public()),
    }
}

fn event_content(doc: &NormativeDocument, event: &Event, state: &str) -> serde_json::Value {
    let fields: serde_json::Map<String, serde_json::Value> = event
        .fields
        .iter()
        .map(|(k, v)| ((*k).to_owned(), serde_json::Value::String(v.clone())))
        .collect();
    serde_json::json!({
        "title": doc.title,
        "number": doc.number.as_ref().map(|n| n.to_string()),
        "on": event.on.to_string(),
        "stage": event.stage.as_str(),
        "fields": fields,
        "state": state,
    })
}

impl WriteTx {
    /// Creates an issuing body (ledgered: the list is published).
    pub async fn create_normative_issuer(&mut self, input: &IssuerInput) -> Result<Issuer> {
        let id = self.next_id("normative_issuers").await?;
        sqlx::query(
            "INSERT INTO normative_issuers (government_id, id, name, kind, department_id, number_prefix, basis,
                filing_body, published, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $9)",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(input.name.trim())
        .bind(input.kind.as_str())
        .bind(input.department_id)
        .bind(input.number_prefix.trim())
        .bind(input.basis.trim())
        .bind(input.filing_body.trim())
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await
        .map_err(issuer_conflict)?;
        let issuer = self.normative_issuer_in_tx(id).await?;
        self.record(
            ISSUER_RECORD_TYPE,
            &id.to_string(),
            "create",
            &issuer.ledger_content(),
        )
        .await?;
        Ok(issuer)
    }

    /// Edits an issuing body.
    pub async fn update_normative_issuer(
        &mut self,
        id: i64,
        input: &IssuerInput,
    ) -> Result<Issuer> {
        let n = sqlx::query(
            "UPDATE normative_issuers SET name = $3, kind = $4, department_id = $5, number_prefix = $6,
                basis = $7, filing_body = $8, updated_at = $9
             WHERE government_id = $1 AND id = $2",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(input.name.trim())
        .bind(input.kind.as_str())
        .bind(input.department_id)
        .bind(input.number_prefix.trim())
        .bind(input.basis.trim())
        .bind(input.filing_body.trim())
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await
        .map_err(issuer_conflict)?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        let issuer = self.normative_issuer_in_tx(id).await?;
        self.record(
            ISSUER_RECORD_TYPE,
            &id.to_string(),
            "edit",
            &issuer.ledger_content(),
        )
        .await?;
        Ok(issuer)
    }

    /// Publishes an issuing body on the portal's list, or withdraws it.
    pub async fn set_normative_issuer_published(
        &mut self,
        id: i64,
        published: bool,
    ) -> Result<Issuer> {
        let n = sqlx::query(
            "UPDATE normative_issuers SET published = $3, updated_at = $4 WHERE government_id = $1 AND id = $2",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(i64::from(published))
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        let issuer = self.normative_issuer_in_tx(id).await?;
        self.record(
            ISSUER_RECORD_TYPE,
            &id.to_string(),
            if published { "publish" } else { "withdraw" },
            &issuer.ledger_content(),
        )
        .await?;
        Ok(issuer)
    }

    /// An issuing body, read in this transaction.
    pub async fn normative_issuer_in_tx(&mut self, id: i64) -> Result<Issuer> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {ISSUER_COLUMNS} FROM normative_issuers WHERE government_id = $1 AND id = $2"
        )))
        .bind(self.government_id())
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        Issuer::from_row(&row)
    }

    /// Allocates the id of a new document (call before `NormativeDocument::draft`).
    pub async fn next_normative_document_id(&mut self) -> Result<i64> {
        self.next_id("normative_documents").await
    }

    /// Stores a new draft with its first text and first event.
    pub async fn insert_normative_document(
        &mut self,
        doc: &NormativeDocument,
        event: &Event,
        text: &NewText,
    ) -> Result<StoredDocument> {
        let c = columns_of(doc);
        let snapshot = snapshot_json(doc)?;
        let next_due = event.due.iter().map(|d| d.due).min().map(|d| d.to_string());
        sqlx::query(
            "INSERT INTO normative_documents (government_id, id, issuer_id, drafter_id, title, stage, year,
                number_prefix, number_year, number_seq, document_number, drafted_on, registered_on, published_on,
                effective_on, valid_until, ended_on, filed_on, filing_late, filing_review, next_due, public, body,
                text_seq, snapshot, version, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
                $21, $22, $23, 1, $24, 1, $25, $25)",
        )
        .bind(self.government_id())
        .bind(doc.id)
        .bind(doc.issuer_id)
        .bind(doc.drafter_id)
        .bind(&doc.title)
        .bind(doc.stage.as_str())
        .bind(c.year)
        .bind(c.prefix)
        .bind(c.number_year)
        .bind(c.number_seq)
        .bind(c.number)
        .bind(doc.drafted_on.to_string())
        .bind(c.registered_on)
        .bind(c.published_on)
        .bind(c.effective_on)
        .bind(c.valid_until)
        .bind(c.ended_on)
        .bind(c.filed_on)
        .bind(c.filing_late)
        .bind(c.filing_review)
        .bind(next_due)
        .bind(c.public)
        .bind(&text.body)
        .bind(&snapshot)
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        let idx = self.after_document_change(doc, event, 1).await?;
        self.insert_text_version(doc.id, 1, text, idx).await?;
        self.stored_document_in_tx(doc.id).await
    }

    /// Reserves `n` consecutive ids of a per-government sequence in one statement; returns the
    /// first.
    pub async fn reserve_ids(&mut self, name: &str, n: i64) -> Result<i64> {
        let last: i64 = sqlx::query_scalar(
            "INSERT INTO id_sequences (government_id, name, next_value) VALUES ($1, $2, $3)
             ON CONFLICT (government_id, name) DO UPDATE SET next_value = id_sequences.next_value + $3
             RETURNING next_value",
        )
        .bind(self.government_id())
        .bind(name)
        .bind(n.max(1))
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(last - n.max(1) + 1)
    }

    /// Imports documents with their whole history, as a deployment does with the documents of
    /// the system it replaces (and the demo generator with its county): each document's final
    /// state, one timeline row per past event (with who recorded it), every text version, and
    /// **one** ledger entry per document (`normative.imported`) naming its events and its
    /// state's hash. The open deadlines are those of each document's last event. Rows are
    /// written in multi-row statements, since an import is a bulk load.
    pub async fn import_normative_documents(&mut self, docs: &[ImportedDocument]) -> Result<()> {
        let gov = self.government_id();
        let now = self.now_ms();
        for d in docs {
            if d.events.is_empty() || d.texts.is_empty() {
                return Err(StoreError::WritePath("导入的文件缺少事件或文本"));
            }
        }
        // Documents, 20 to a statement.
        for chunk in docs.chunks(20) {
            let mut sql = String::from(
                "INSERT INTO normative_documents (government_id, id, issuer_id, drafter_id, title, stage, year,
                    number_prefix, number_year, number_seq, document_number, drafted_on, registered_on, published_on,
                    effective_on, valid_until, ended_on, filed_on, filing_late, filing_review, next_due, public, body,
                    text_seq, snapshot, version, created_at, updated_at) VALUES ",
            );
            for k in 0..chunk.len() {
                let b = k * 28;
                sql.push_str(if k == 0 { "(" } else { ", (" });
                let ps: Vec<String> = (1..=28).map(|i| format!("${}", b + i)).collect();
                sql.push_str(&ps.join(", "));
                sql.push(')');
            }
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for d in chunk {
                let doc = &d.document;
                let c = columns_of(doc);
                let last = &d.events[d.events.len() - 1].0;
                q = q
                    .bind(gov)
                    .bind(doc.id)
                    .bind(doc.issuer_id)
                    .bind(doc.drafter_id)
                    .bind(doc.title.clone())
                    .bind(doc.stage.as_str())
                    .bind(c.year)
                    .bind(c.prefix)
                    .bind(c.number_year)
                    .bind(c.number_seq)
                    .bind(c.number)
                    .bind(doc.drafted_on.to_string())
                    .bind(c.registered_on)
                    .bind(c.published_on)
                    .bind(c.effective_on)
                    .bind(c.valid_until)
                    .bind(c.ended_on)
                    .bind(c.filed_on)
                    .bind(c.filing_late)
                    .bind(c.filing_review)
                    .bind(last.due.iter().map(|x| x.due).min().map(|x| x.to_string()))
                    .bind(c.public)
                    .bind(d.texts[d.texts.len() - 1].body.clone())
                    .bind(d.texts.len() as i64)
                    .bind(snapshot_json(doc)?)
                    .bind(d.events.len() as i64)
                    .bind(now)
                    .bind(now);
            }
            q.execute(&mut *self.tx).await?;
        }
        // One ledger entry per document.
        let alg = self.hash_algorithm_in_tx().await?;
        let mut idxs = Vec::with_capacity(docs.len());
        for d in docs {
            let doc = &d.document;
            let kinds: Vec<&str> = d.events.iter().map(|(e, _)| e.kind).collect();
            idxs.push(
                self.record(
                    DOCUMENT_RECORD_TYPE,
                    &doc.id.to_string(),
                    "normative.imported",
                    &serde_json::json!({
                        "title": doc.title,
                        "number": doc.number.as_ref().map(|n| n.to_string()),
                        "stage": doc.stage.as_str(),
                        "events": kinds,
                        "text_versions": d.texts.len(),
                        "state": state_hash(alg, doc)?,
                    }),
                )
                .await?,
            );
        }
        // Timelines, 200 rows to a statement.
        let rows: Vec<(i64, i64, usize, &Event, &String)> = docs
            .iter()
            .zip(&idxs)
            .flat_map(|(d, idx)| {
                d.events
                    .iter()
                    .enumerate()
                    .map(move |(k, (e, a))| (d.document.id, *idx, k, e, a))
            })
            .collect();
        for chunk in rows.chunks(200) {
            let mut sql = String::from(
                "INSERT INTO normative_events (government_id, document_id, seq, kind, on_date, stage, actor, fields,
                    ledger_idx, created_at) VALUES ",
            );
            for k in 0..chunk.len() {
                let ps: Vec<String> = (1..=10).map(|i| format!("${}", k * 10 + i)).collect();
                sql.push_str(if k == 0 { "(" } else { ", (" });
                sql.push_str(&ps.join(", "));
                sql.push(')');
            }
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (id, idx, k, event, actor) in chunk {
                let fields: Vec<(&str, &str)> =
                    event.fields.iter().map(|(a, b)| (*a, b.as_str())).collect();
                q = q
                    .bind(gov)
                    .bind(*id)
                    .bind(*k as i64 + 1)
                    .bind(event.kind)
                    .bind(event.on.to_string())
                    .bind(event.stage.as_str())
                    .bind((*actor).clone())
                    .bind(serde_json::to_string(&fields).unwrap_or_else(|_| "[]".into()))
                    .bind(*idx)
                    .bind(now);
            }
            q.execute(&mut *self.tx).await?;
        }
        // Text versions, 50 to a statement.
        let actor = self.actor().name.clone();
        let texts: Vec<(i64, i64, usize, &NewText)> = docs
            .iter()
            .zip(&idxs)
            .flat_map(|(d, idx)| {
                d.texts
                    .iter()
                    .enumerate()
                    .map(move |(k, t)| (d.document.id, *idx, k, t))
            })
            .collect();
        for chunk in texts.chunks(50) {
            let mut sql = String::from(
                "INSERT INTO normative_texts (government_id, document_id, seq, body, source, file_name, note, actor,
                    ledger_idx, created_at) VALUES ",
            );
            for k in 0..chunk.len() {
                let ps: Vec<String> = (1..=10).map(|i| format!("${}", k * 10 + i)).collect();
                sql.push_str(if k == 0 { "(" } else { ", (" });
                sql.push_str(&ps.join(", "));
                sql.push(')');
            }
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (id, idx, k, t) in chunk {
                q = q
                    .bind(gov)
                    .bind(*id)
                    .bind(*k as i64 + 1)
                    .bind(t.body.clone())
                    .bind(t.source.as_str())
                    .bind(t.file_name.trim().to_owned())
                    .bind(t.note.trim().to_owned())
                    .bind(actor.clone())
                    .bind(*idx)
                    .bind(now);
            }
            q.execute(&mut *self.tx).await?;
        }
        // Open deadlines of the last events.
        let mut deadlines = Vec::new();
        for d in docs {
            let doc = &d.document;
            let last = &d.events[d.events.len() - 1].0;
            let name = doc
                .number
                .as_ref()
                .map(|n| n.to_string())
                .unwrap_or_else(|| format!("《{}》", doc.title));
            for item in &last.due {
                deadlines.push(NewDeadline {
                    record_type: DOCUMENT_RECORD_TYPE.into(),
                    record_id: doc.id.to_string(),
                    rule_id: item.rule_id.into(),
                    title: format!("{name} {}", item.subject),
                    link: format!("/staff/normative/{}", doc.id),
                    trigger_date: last.on.to_string(),
                    due_date: item.due.to_string(),
                    provisional: item.provisional,
                    assignee_user_id: None,
                    department_id: d.department_id,
                });
            }
        }
        if deadlines.is_empty() {
            return Ok(());
        }
        let first = self
            .reserve_ids("deadlines", deadlines.len() as i64)
            .await?;
        let numbered: Vec<(i64, &NewDeadline)> = deadlines
            .iter()
            .enumerate()
            .map(|(k, dl)| (first + k as i64, dl))
            .collect();
        for chunk in numbered.chunks(100) {
            let mut sql = String::from(
                "INSERT INTO deadlines (government_id, id, record_type, record_id, rule_id, title, link, trigger_date,
                    due_date, provisional, assignee_user_id, department_id, status) VALUES ",
            );
            for k in 0..chunk.len() {
                let ps: Vec<String> = (1..=12).map(|i| format!("${}", k * 12 + i)).collect();
                sql.push_str(if k == 0 { "(" } else { ", (" });
                sql.push_str(&ps.join(", "));
                sql.push_str(", 'open')");
            }
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (id, dl) in chunk {
                q = q
                    .bind(gov)
                    .bind(*id)
                    .bind(dl.record_type.clone())
                    .bind(dl.record_id.clone())
                    .bind(dl.rule_id.clone())
                    .bind(dl.title.clone())
                    .bind(dl.link.clone())
                    .bind(dl.trigger_date.clone())
                    .bind(dl.due_date.clone())
                    .bind(i64::from(dl.provisional))
                    .bind(dl.assignee_user_id)
                    .bind(dl.department_id);
            }
            q.execute(&mut *self.tx).await?;
        }
        Ok(())
    }

    /// Imports a clean-up campaign with its history (one ledger entry, like a document).
    pub async fn import_normative_campaign(
        &mut self,
        campaign: &Campaign,
        n_events: usize,
    ) -> Result<()> {
        let kind = match campaign.kind {
            domain::normative::cleanup::CampaignKind::Periodic => "periodic",
            domain::normative::cleanup::CampaignKind::Special { .. } => "special",
        };
        sqlx::query(
            "INSERT INTO normative_campaigns (government_id, id, title, kind, started_on, closed_on, snapshot,
                version, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
        )
        .bind(self.government_id())
        .bind(campaign.id)
        .bind(&campaign.title)
        .bind(kind)
        .bind(campaign.started_on.to_string())
        .bind(campaign.closed_on.map(|d| d.to_string()))
        .bind(snapshot_json(campaign)?)
        .bind(n_events as i64)
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        let lists: serde_json::Map<String, serde_json::Value> = campaign
            .lists()
            .into_iter()
            .map(|(o, ids)| (o.as_str().to_owned(), serde_json::json!(ids)))
            .collect();
        self.record(
            CAMPAIGN_RECORD_TYPE,
            &campaign.id.to_string(),
            "normative_cleanup.imported",
            &serde_json::json!({
                "title": campaign.title, "started_on": campaign.started_on.to_string(),
                "closed_on": campaign.closed_on.map(|d| d.to_string()), "lists": lists,
            }),
        )
        .await?;
        Ok(())
    }

    /// Saves a document after `apply` accepted a command. `read_version` is the version the
    /// caller loaded: if someone changed the document since, nothing is written.
    pub async fn save_normative_document(
        &mut self,
        read_version: i64,
        doc: &NormativeDocument,
        event: &Event,
    ) -> Result<StoredDocument> {
        let c = columns_of(doc);
        let snapshot = snapshot_json(doc)?;
        let next_due = event.due.iter().map(|d| d.due).min().map(|d| d.to_string());
        let row = sqlx::query(
            "UPDATE normative_documents SET title = $4, stage = $5, year = $6, number_prefix = $7, number_year = $8,
                number_seq = $9, document_number = $10, registered_on = $11, published_on = $12, effective_on = $13,
                valid_until = $14, ended_on = $15, filed_on = $16, filing_late = $17, filing_review = $18,
                next_due = $19, public = $20, snapshot = $21, version = version + 1, updated_at = $22
             WHERE government_id = $1 AND id = $2 AND version = $3
             RETURNING version",
        )
        .bind(self.government_id())
        .bind(doc.id)
        .bind(read_version)
        .bind(&doc.title)
        .bind(doc.stage.as_str())
        .bind(c.year)
        .bind(c.prefix)
        .bind(c.number_year)
        .bind(c.number_seq)
        .bind(c.number.clone())
        .bind(c.registered_on)
        .bind(c.published_on)
        .bind(c.effective_on)
        .bind(c.valid_until)
        .bind(c.ended_on)
        .bind(c.filed_on)
        .bind(c.filing_late)
        .bind(c.filing_review)
        .bind(next_due)
        .bind(c.public)
        .bind(&snapshot)
        .bind(self.now_ms())
        .fetch_optional(&mut *self.tx)
        .await
        .map_err(|e| match StoreError::from(e) {
            StoreError::Conflict(_) => StoreError::Conflict(format!(
                "文号{}已被使用，规范性文件实行统一编号，同一文号不得重复使用",
                c.number.clone().unwrap_or_default()
            )),
            other => other,
        })?
        .ok_or_else(|| {
            StoreError::Conflict("文件已被他人更新，请刷新页面后重试".into())
        })?;
        let version: i64 = row.try_get("version")?;
        self.after_document_change(doc, event, version).await?;
        self.stored_document_in_tx(doc.id).await
    }

    /// Stores a new version of the text (while drafting or after the review returned it).
    pub async fn revise_normative_text(
        &mut self,
        document_id: i64,
        read_version: Option<i64>,
        text: &NewText,
        on: NaiveDate,
    ) -> Result<StoredDocument> {
        let stored = self.stored_document_in_tx(document_id).await?;
        if let Some(v) = read_version
            && v != stored.version
        {
            return Err(StoreError::Conflict(
                "文件已被他人更新，请刷新页面后重试".into(),
            ));
        }
        stored
            .document
            .check_text_revisable()
            .map_err(StoreError::Refused)?;
        let seq = stored.text_seq + 1;
        let row = sqlx::query(
            "UPDATE normative_documents SET body = $4, text_seq = $5, version = version + 1, updated_at = $6
             WHERE government_id = $1 AND id = $2 AND version = $3 RETURNING version",
        )
        .bind(self.government_id())
        .bind(document_id)
        .bind(stored.version)
        .bind(&text.body)
        .bind(seq)
        .bind(self.now_ms())
        .fetch_optional(&mut *self.tx)
        .await?
        .ok_or_else(|| {
            StoreError::Conflict("文件已被他人更新，请刷新页面后重试".into())
        })?;
        let version: i64 = row.try_get("version")?;
        let alg = self.hash_algorithm_in_tx().await?;
        let text_hash = alg.digest(&[text.body.as_bytes()]).to_hex();
        let fields = vec![
            ("text_seq".to_owned(), seq.to_string()),
            ("source".to_owned(), text.source.as_str().to_owned()),
            ("file_name".to_owned(), text.file_name.clone()),
            ("note".to_owned(), text.note.trim().to_owned()),
        ];
        let idx = self
            .record(
                DOCUMENT_RECORD_TYPE,
                &document_id.to_string(),
                "normative.text_revised",
                &serde_json::json!({
                    "title": stored.document.title,
                    "on": on.to_string(),
                    "text_seq": seq,
                    "text_hash": text_hash,
                    "source": text.source.as_str(),
                    "file_name": text.file_name,
                    "note": text.note.trim(),
                }),
            )
            .await?;
        self.insert_timeline_row(
            document_id,
            version,
            "normative.text_revised",
            &on.to_string(),
            stored.document.stage,
            &fields,
            idx,
        )
        .await?;
        self.insert_text_version(document_id, seq, text, idx)
            .await?;
        self.stored_document_in_tx(document_id).await
    }

    async fn insert_text_version(
        &mut self,
        document_id: i64,
        seq: i64,
        text: &NewText,
        ledger_idx: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO normative_texts (government_id, document_id, seq, body, source, file_name, note, actor,
                ledger_idx, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(self.government_id())
        .bind(document_id)
        .bind(seq)
        .bind(&text.body)
        .bind(text.source.as_str())
        .bind(text.file_name.trim())
        .bind(text.note.trim())
        .bind(self.actor().name.clone())
        .bind(ledger_idx)
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "one row of the timeline, every column"
    )]
    async fn insert_timeline_row(
        &mut self,
        document_id: i64,
        seq: i64,
        kind: &str,
        on: &str,
        stage: Stage,
        fields: &[(String, String)],
        ledger_idx: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO normative_events (government_id, document_id, seq, kind, on_date, stage, actor, fields,
                ledger_idx, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(self.government_id())
        .bind(document_id)
        .bind(seq)
        .bind(kind)
        .bind(on)
        .bind(stage.as_str())
        .bind(self.actor().name.clone())
        .bind(serde_json::to_string(fields).unwrap_or_else(|_| "[]".into()))
        .bind(ledger_idx)
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// The ledger entry, the timeline row and the deadlines of one accepted event. Returns the
    /// entry's position.
    async fn after_document_change(
        &mut self,
        doc: &NormativeDocument,
        event: &Event,
        seq: i64,
    ) -> Result<i64> {
        let alg = self.hash_algorithm_in_tx().await?;
        let state = state_hash(alg, doc)?;
        let idx = self
            .record(
                DOCUMENT_RECORD_TYPE,
                &doc.id.to_string(),
                event.kind,
                &event_content(doc, event, &state),
            )
            .await?;
        let fields: Vec<(String, String)> = event
            .fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect();
        self.insert_timeline_row(
            doc.id,
            seq,
            event.kind,
            &event.on.to_string(),
            event.stage,
            &fields,
            idx,
        )
        .await?;
        self.sync_document_deadlines(doc, event).await?;
        Ok(idx)
    }

    /// Makes the open deadlines of the document those the event lists: items no longer due
    /// are closed as met, moved items replaced, new items opened.
    async fn sync_document_deadlines(
        &mut self,
        doc: &NormativeDocument,
        event: &Event,
    ) -> Result<()> {
        let id = doc.id.to_string();
        let open = sqlx::query(
            "SELECT rule_id, due_date FROM deadlines
             WHERE government_id = $1 AND record_type = $2 AND record_id = $3 AND status = 'open'",
        )
        .bind(self.government_id())
        .bind(DOCUMENT_RECORD_TYPE)
        .bind(&id)
        .fetch_all(&mut *self.tx)
        .await?;
        let mut open: BTreeMap<String, String> = open
            .iter()
            .map(|r| Ok((r.try_get("rule_id")?, r.try_get("due_date")?)))
            .collect::<Result<_>>()?;
        let department_id = self
            .normative_issuer_in_tx(doc.issuer_id)
            .await?
            .input
            .department_id;
        let name = doc
            .number
            .as_ref()
            .map(|n| n.to_string())
            .unwrap_or_else(|| format!("《{}》", doc.title));
        for item in &event.due {
            let due = item.due.to_string();
            match open.remove(item.rule_id) {
                Some(d) if d == due => continue,
                Some(_) => {
                    self.close_deadlines(DOCUMENT_RECORD_TYPE, &id, item.rule_id, "cancelled")
                        .await?;
                }
                None => {}
            }
            self.open_deadline(&NewDeadline {
                record_type: DOCUMENT_RECORD_TYPE.into(),
                record_id: id.clone(),
                rule_id: item.rule_id.into(),
                title: format!("{name} {}", item.subject),
                link: format!("/staff/normative/{}", doc.id),
                trigger_date: event.on.to_string(),
                due_date: due,
                provisional: item.provisional,
                assignee_user_id: None,
                department_id,
            })
            .await?;
        }
        for rule in open.keys() {
            self.close_deadlines(DOCUMENT_RECORD_TYPE, &id, rule, "met")
                .await?;
        }
        Ok(())
    }

    /// A document with its text, read in this transaction.
    pub async fn stored_document_in_tx(&mut self, id: i64) -> Result<StoredDocument> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {DOCUMENT_COLUMNS}, body FROM normative_documents WHERE government_id = $1 AND id = $2"
        )))
        .bind(self.government_id())
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        document_from_row(&row, true)
    }

    /// The sequences already used by a number prefix in a year (registered documents keep theirs
    /// for ever, whatever became of them).
    pub async fn used_normative_sequences(&mut self, prefix: &str, year: i32) -> Result<Vec<u32>> {
        let rows: Vec<i64> = sqlx::query_scalar(
            "SELECT number_seq FROM normative_documents
             WHERE government_id = $1 AND number_prefix = $2 AND number_year = $3 AND number_seq IS NOT NULL
             ORDER BY number_seq",
        )
        .bind(self.government_id())
        .bind(prefix)
        .bind(i64::from(year))
        .fetch_all(&mut *self.tx)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|s| u32::try_from(s).ok())
            .collect())
    }

    /// Stores a received objection and opens its reply deadline.
    pub async fn insert_normative_objection(
        &mut self,
        objection: &domain::normative::objection::Objection,
        event: &domain::normative::objection::ObjectionEvent,
        contact: &str,
        document_name: &str,
        department_id: Option<i64>,
    ) -> Result<StoredObjection> {
        let due = event
            .reply_due
            .ok_or(StoreError::WritePath("异议缺少答复期限"))?
            .to_string();
        sqlx::query(
            "INSERT INTO normative_objections (government_id, id, document_id, received_on, citizen, contact, grounds,
                channel, reply_due, replied_on, finding, reply, late, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, NULL, NULL, NULL, NULL, $10, $10)",
        )
        .bind(self.government_id())
        .bind(objection.id)
        .bind(objection.document_id)
        .bind(objection.received_on.to_string())
        .bind(&objection.citizen)
        .bind(contact.trim())
        .bind(&objection.grounds)
        .bind(objection.channel.as_str())
        .bind(&due)
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        let mut content = objection_content(event);
        content["document_id"] = serde_json::json!(objection.document_id);
        self.record(
            OBJECTION_RECORD_TYPE,
            &objection.id.to_string(),
            event.kind,
            &content,
        )
        .await?;
        self.open_deadline(&NewDeadline {
            record_type: OBJECTION_RECORD_TYPE.into(),
            record_id: objection.id.to_string(),
            rule_id: OBJECTION_REPLY_RULE.into(),
            title: format!("答复对{document_name}的异议（{}）", objection.citizen),
            link: format!("/staff/normative/{}#objections", objection.document_id),
            trigger_date: objection.received_on.to_string(),
            due_date: due,
            provisional: false,
            assignee_user_id: None,
            department_id,
        })
        .await?;
        self.normative_objection_in_tx(objection.id).await
    }

    /// Stores the reply to an objection and closes its deadline.
    pub async fn save_normative_objection_reply(
        &mut self,
        objection: &domain::normative::objection::Objection,
        event: &domain::normative::objection::ObjectionEvent,
    ) -> Result<StoredObjection> {
        let reply = objection
            .reply
            .as_ref()
            .ok_or(StoreError::WritePath("答复缺失"))?;
        let n = sqlx::query(
            "UPDATE normative_objections SET replied_on = $3, finding = $4, reply = $5, late = $6, updated_at = $7
             WHERE government_id = $1 AND id = $2 AND replied_on IS NULL",
        )
        .bind(self.government_id())
        .bind(objection.id)
        .bind(reply.replied_on.to_string())
        .bind(reply.finding.as_str())
        .bind(&reply.text)
        .bind(i64::from(reply.late))
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::Conflict("该异议已经答复".into()));
        }
        let mut content = objection_content(event);
        content["text"] = serde_json::json!(reply.text);
        self.record(
            OBJECTION_RECORD_TYPE,
            &objection.id.to_string(),
            event.kind,
            &content,
        )
        .await?;
        self.close_deadlines(
            OBJECTION_RECORD_TYPE,
            &objection.id.to_string(),
            OBJECTION_REPLY_RULE,
            "met",
        )
        .await?;
        self.normative_objection_in_tx(objection.id).await
    }

    /// An objection, read in this transaction.
    pub async fn normative_objection_in_tx(&mut self, id: i64) -> Result<StoredObjection> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {OBJECTION_COLUMNS} FROM normative_objections WHERE government_id = $1 AND id = $2"
        )))
        .bind(self.government_id())
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        objection_from_row(&row)
    }

    /// Stores a new campaign.
    pub async fn insert_normative_campaign(
        &mut self,
        campaign: &Campaign,
        event: &domain::normative::cleanup::CampaignEvent,
    ) -> Result<StoredCampaign> {
        let kind = match campaign.kind {
            domain::normative::cleanup::CampaignKind::Periodic => "periodic",
            domain::normative::cleanup::CampaignKind::Special { .. } => "special",
        };
        sqlx::query(
            "INSERT INTO normative_campaigns (government_id, id, title, kind, started_on, closed_on, snapshot,
                version, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, NULL, $6, 1, $7, $7)",
        )
        .bind(self.government_id())
        .bind(campaign.id)
        .bind(&campaign.title)
        .bind(kind)
        .bind(campaign.started_on.to_string())
        .bind(snapshot_json(campaign)?)
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        self.record_campaign_event(campaign, event).await?;
        self.normative_campaign_in_tx(campaign.id).await
    }

    /// Saves a campaign after a decision or its close.
    pub async fn save_normative_campaign(
        &mut self,
        read_version: i64,
        campaign: &Campaign,
        event: &domain::normative::cleanup::CampaignEvent,
    ) -> Result<StoredCampaign> {
        let n = sqlx::query(
            "UPDATE normative_campaigns SET closed_on = $4, snapshot = $5, version = version + 1, updated_at = $6
             WHERE government_id = $1 AND id = $2 AND version = $3",
        )
        .bind(self.government_id())
        .bind(campaign.id)
        .bind(read_version)
        .bind(campaign.closed_on.map(|d| d.to_string()))
        .bind(snapshot_json(campaign)?)
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::Conflict(
                "清理工作已被他人更新，请刷新页面后重试".into(),
            ));
        }
        self.record_campaign_event(campaign, event).await?;
        self.normative_campaign_in_tx(campaign.id).await
    }

    async fn record_campaign_event(
        &mut self,
        campaign: &Campaign,
        event: &domain::normative::cleanup::CampaignEvent,
    ) -> Result<i64> {
        let fields: serde_json::Map<String, serde_json::Value> = event
            .fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), serde_json::Value::String(v.clone())))
            .collect();
        self.record(
            CAMPAIGN_RECORD_TYPE,
            &campaign.id.to_string(),
            event.kind,
            &serde_json::json!({"title": campaign.title, "on": event.on.to_string(), "fields": fields}),
        )
        .await
    }

    /// A campaign, read in this transaction.
    pub async fn normative_campaign_in_tx(&mut self, id: i64) -> Result<StoredCampaign> {
        let row = sqlx::query(
            "SELECT snapshot, version FROM normative_campaigns WHERE government_id = $1 AND id = $2",
        )
        .bind(self.government_id())
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        campaign_from_row(&row)
    }
}

fn objection_content(event: &domain::normative::objection::ObjectionEvent) -> serde_json::Value {
    let fields: serde_json::Map<String, serde_json::Value> = event
        .fields
        .iter()
        .map(|(k, v)| ((*k).to_owned(), serde_json::Value::String(v.clone())))
        .collect();
    serde_json::json!({
        "on": event.on.to_string(),
        "fields": fields,
        "reply_due": event.reply_due.map(|d| d.to_string()),
    })
}

fn issuer_conflict(e: sqlx::Error) -> StoreError {
    match StoreError::from(e) {
        StoreError::Conflict(what) if what.contains("prefix") => {
            StoreError::Conflict("文号前缀已被其他制定主体使用".into())
        }
        StoreError::Conflict(what) if what.contains("name") => {
            StoreError::Conflict("已有同名的制定主体".into())
        }
        StoreError::Conflict(what) if what.contains("department") || what.contains("FOREIGN") => {
            StoreError::Conflict("所选部门不存在".into())
        }
        other => other,
    }
}

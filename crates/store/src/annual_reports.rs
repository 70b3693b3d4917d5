//! The annual report on rule-of-law government work (法治政府建设年度报告): one report per
//! government and year, its text kept in numbered versions, its approval by a leader and its
//! publication on the portal. Every version, approval and publication is ledgered; the ledger
//! entry carries the hash of the version's text, so the published text can be checked.
//!
//! The store keeps the text as the JSON the `report` crate writes and reads (`report::annual::json`)
//! and never looks inside it; whether a version may be approved (no prompts left, the review
//! finds no inconsistency) is decided by the caller with `AnnualReport::approval_check`.

use sqlx::Row;
use sqlx::any::AnyRow;

use crate::tx::WriteTx;
use crate::{Government, Result, Store, StoreError};

/// Ledger record type of an annual report.
pub const ANNUAL_REPORT_RECORD_TYPE: &str = "annual_report";

/// Deadline rule of publication (督察工作规定 第二十四条: before 1 April).
pub const PUBLICATION_RULE_ID: &str = "annual_report.publish";

/// Where a report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportStatus {
    /// Being written; any version may be edited.
    Draft,
    /// A leader approved the current version.
    Approved,
    /// The approved version is published on the portal.
    Published,
}

impl ReportStatus {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            ReportStatus::Draft => "draft",
            ReportStatus::Approved => "approved",
            ReportStatus::Published => "published",
        }
    }

    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            ReportStatus::Draft => "起草中",
            ReportStatus::Approved => "已审定",
            ReportStatus::Published => "已公开",
        }
    }

    /// The status of a stored code.
    pub fn parse(code: &str) -> Option<ReportStatus> {
        [
            ReportStatus::Draft,
            ReportStatus::Approved,
            ReportStatus::Published,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

/// An annual report as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAnnualReport {
    /// Owning government.
    pub government_id: i64,
    /// Id within the government.
    pub id: i64,
    /// Year reported on.
    pub year: i32,
    /// Status.
    pub status: ReportStatus,
    /// The latest version.
    pub current_version: i64,
    /// The version approved (and published), if any.
    pub approved_version: Option<i64>,
    /// Who approved it.
    pub approved_by: Option<String>,
    /// When (unix ms).
    pub approved_at: Option<i64>,
    /// Publication day (`YYYY-MM-DD`).
    pub published_on: Option<String>,
    /// When published (unix ms).
    pub published_at: Option<i64>,
    /// Last day to publish, from the deadline catalogue.
    pub due_on: Option<String>,
    /// Created (unix ms).
    pub created_at: i64,
    /// Last change (unix ms).
    pub updated_at: i64,
}

/// One version of a report's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportVersion {
    /// Version number, from 1.
    pub version: i64,
    /// The report as JSON (`report::annual::json`).
    pub body: String,
    /// Hash of `body` with the government's ledger hash.
    pub body_hash: String,
    /// Who saved it.
    pub author: String,
    /// What changed, in the author's words.
    pub note: String,
    /// Its ledger entry.
    pub ledger_idx: i64,
    /// When (unix ms).
    pub created_at: i64,
}

const REPORT_COLUMNS: &str =
    "government_id, id, year, status, current_version, approved_version, approved_by,
    approved_at, published_on, published_at, due_on, created_at, updated_at";

fn report_from_row(r: &AnyRow) -> Result<StoredAnnualReport> {
    let status: String = r.try_get("status")?;
    let year: i64 = r.try_get("year")?;
    Ok(StoredAnnualReport {
        government_id: r.try_get("government_id")?,
        id: r.try_get("id")?,
        year: i32::try_from(year).map_err(|_| StoreError::Corrupt(format!("年度 {year}")))?,
        status: ReportStatus::parse(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("报告状态 {status}")))?,
        current_version: r.try_get("current_version")?,
        approved_version: r.try_get("approved_version")?,
        approved_by: r.try_get("approved_by")?,
        approved_at: r.try_get("approved_at")?,
        published_on: r.try_get("published_on")?,
        published_at: r.try_get("published_at")?,
        due_on: r.try_get("due_on")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

fn version_from_row(r: &AnyRow) -> Result<ReportVersion> {
    Ok(ReportVersion {
        version: r.try_get("version")?,
        body: r.try_get("body")?,
        body_hash: r.try_get("body_hash")?,
        author: r.try_get("author")?,
        note: r.try_get("note")?,
        ledger_idx: r.try_get("ledger_idx")?,
        created_at: r.try_get("created_at")?,
    })
}

impl Store {
    /// A government's reports, latest year first.
    pub async fn list_annual_reports(&self, government_id: i64) -> Result<Vec<StoredAnnualReport>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {REPORT_COLUMNS} FROM annual_reports WHERE government_id = $1 ORDER BY year DESC, id"
        )))
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(report_from_row).collect()
    }

    /// One report.
    pub async fn annual_report(&self, government_id: i64, id: i64) -> Result<StoredAnnualReport> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {REPORT_COLUMNS} FROM annual_reports WHERE government_id = $1 AND id = $2"
        )))
        .bind(government_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        report_from_row(&row)
    }

    /// The report of a year, if there is one.
    pub async fn annual_report_of_year(
        &self,
        government_id: i64,
        year: i32,
    ) -> Result<Option<StoredAnnualReport>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {REPORT_COLUMNS} FROM annual_reports WHERE government_id = $1 AND year = $2"
        )))
        .bind(government_id)
        .bind(i64::from(year))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(report_from_row).transpose()
    }

    /// Every version of a report, oldest first.
    pub async fn annual_report_versions(
        &self,
        government_id: i64,
        report_id: i64,
    ) -> Result<Vec<ReportVersion>> {
        let rows = sqlx::query(
            "SELECT version, body, body_hash, author, note, ledger_idx, created_at FROM annual_report_versions
             WHERE government_id = $1 AND report_id = $2 ORDER BY version",
        )
        .bind(government_id)
        .bind(report_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(version_from_row).collect()
    }

    /// One version of a report.
    pub async fn annual_report_version(
        &self,
        government_id: i64,
        report_id: i64,
        version: i64,
    ) -> Result<ReportVersion> {
        let row = sqlx::query(
            "SELECT version, body, body_hash, author, note, ledger_idx, created_at FROM annual_report_versions
             WHERE government_id = $1 AND report_id = $2 AND version = $3",
        )
        .bind(government_id)
        .bind(report_id)
        .bind(version)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        version_from_row(&row)
    }

    /// Every published report of every government (the portal), latest year first.
    pub async fn published_annual_reports(&self) -> Result<Vec<(Government, StoredAnnualReport)>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {REPORT_COLUMNS} FROM annual_reports WHERE status = 'published'
             ORDER BY year DESC, government_id, id"
        )))
        .fetch_all(&self.pool)
        .await?;
        let governments = self.list_governments().await?;
        let mut out = Vec::new();
        for r in &rows {
            let report = report_from_row(r)?;
            if let Some(g) = governments.iter().find(|g| g.id == report.government_id) {
                out.push((g.clone(), report));
            }
        }
        Ok(out)
    }
}

impl WriteTx {
    async fn body_hash(&mut self, body: &str) -> Result<String> {
        let alg = self.hash_algorithm_in_tx().await?;
        Ok(alg.digest(&[body.as_bytes()]).to_hex())
    }

    async fn annual_report_in_tx(&mut self, id: i64) -> Result<StoredAnnualReport> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {REPORT_COLUMNS} FROM annual_reports WHERE government_id = $1 AND id = $2"
        )))
        .bind(self.government_id())
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        report_from_row(&row)
    }

    /// Writes version `version` of report `report_id` and its ledger entry.
    async fn insert_version(
        &mut self,
        report: &StoredAnnualReport,
        version: i64,
        body: &str,
        note: &str,
        event: &str,
    ) -> Result<()> {
        let hash = self.body_hash(body).await?;
        let idx = self
            .record(
                ANNUAL_REPORT_RECORD_TYPE,
                &report.id.to_string(),
                event,
                &serde_json::json!({
                    "year": report.year, "version": version, "body_hash": hash, "note": note.trim(),
                }),
            )
            .await?;
        sqlx::query(
            "INSERT INTO annual_report_versions (government_id, report_id, version, body, body_hash, author, note, ledger_idx, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(self.government_id())
        .bind(report.id)
        .bind(version)
        .bind(body)
        .bind(&hash)
        .bind(self.actor().name.clone())
        .bind(note.trim())
        .bind(idx)
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Creates the report of `year` with its first version (the draft). A second report of
    /// the same year is refused.
    pub async fn create_annual_report(
        &mut self,
        year: i32,
        due_on: Option<&str>,
        body: &str,
        note: &str,
    ) -> Result<StoredAnnualReport> {
        let id = self.next_id("annual_reports").await?;
        let n = sqlx::query(
            "INSERT INTO annual_reports (government_id, id, year, status, current_version, due_on, created_at, updated_at)
             VALUES ($1, $2, $3, 'draft', 1, $4, $5, $5)
             ON CONFLICT (government_id, year) DO NOTHING",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(i64::from(year))
        .bind(due_on)
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::Conflict(format!("{year}年度的报告已经存在")));
        }
        let report = self.annual_report_in_tx(id).await?;
        self.insert_version(&report, 1, body, note, "create")
            .await?;
        // The publication duty goes on the government's list of open deadlines (我的期限).
        if let Some(due) = due_on {
            self.open_deadline(&crate::NewDeadline {
                record_type: ANNUAL_REPORT_RECORD_TYPE.into(),
                record_id: id.to_string(),
                rule_id: PUBLICATION_RULE_ID.into(),
                title: format!("{year}年度法治政府建设年度报告向社会公开"),
                link: format!("/staff/annual-reports/{id}"),
                trigger_date: format!("{year:04}-12-31"),
                due_date: due.to_owned(),
                provisional: false,
                assignee_user_id: None,
                department_id: None,
            })
            .await?;
        }
        Ok(report)
    }

    /// Saves a new version. `read_version` is the version the editor started from; if someone
    /// saved since, nothing is written. An approved report goes back to draft (the approval was
    /// of the earlier text); a published one is refused.
    pub async fn save_annual_report_version(
        &mut self,
        id: i64,
        read_version: i64,
        body: &str,
        note: &str,
    ) -> Result<StoredAnnualReport> {
        let report = self.annual_report_in_tx(id).await?;
        if report.status == ReportStatus::Published {
            return Err(StoreError::Refused(domain::Refusal::new(
                "annual_report.published",
                "报告已经公开，不能再修改",
            )));
        }
        if report.current_version != read_version {
            return Err(StoreError::Conflict(
                "报告已被他人保存了新版本，请刷新页面后重试".into(),
            ));
        }
        let version = read_version + 1;
        let n = sqlx::query(
            "UPDATE annual_reports SET current_version = $3, status = 'draft', approved_version = NULL,
                    approved_by = NULL, approved_at = NULL, updated_at = $4
             WHERE government_id = $1 AND id = $2 AND current_version = $5",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(version)
        .bind(self.now_ms())
        .bind(read_version)
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::Conflict(
                "报告已被他人保存了新版本，请刷新页面后重试".into(),
            ));
        }
        self.insert_version(&report, version, body, note, "edit")
            .await?;
        self.annual_report_in_tx(id).await
    }

    /// Records a leader's approval of `version`, which must be the current version of a draft.
    pub async fn approve_annual_report(
        &mut self,
        id: i64,
        version: i64,
    ) -> Result<StoredAnnualReport> {
        let report = self.annual_report_in_tx(id).await?;
        if report.status != ReportStatus::Draft {
            return Err(StoreError::Refused(domain::Refusal::new(
                "annual_report.not_draft",
                format!("报告{}，不需要再次审定", report.status.label()),
            )));
        }
        if report.current_version != version {
            return Err(StoreError::Conflict(
                "报告已有更新的版本，请刷新页面后审定最新版本".into(),
            ));
        }
        let body = self.version_body(id, version).await?;
        let hash = self.body_hash(&body).await?;
        let approver = self.actor().name.clone();
        sqlx::query(
            "UPDATE annual_reports SET status = 'approved', approved_version = $3, approved_by = $4,
                    approved_at = $5, updated_at = $5
             WHERE government_id = $1 AND id = $2",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(version)
        .bind(&approver)
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        self.record(
            ANNUAL_REPORT_RECORD_TYPE,
            &id.to_string(),
            "approve",
            &serde_json::json!({
                "year": report.year, "version": version, "body_hash": hash, "approved_by": approver,
            }),
        )
        .await?;
        self.annual_report_in_tx(id).await
    }

    /// Publishes the approved version on the portal on `published_on` (`YYYY-MM-DD`).
    pub async fn publish_annual_report(
        &mut self,
        id: i64,
        published_on: &str,
    ) -> Result<StoredAnnualReport> {
        let report = self.annual_report_in_tx(id).await?;
        let Some(version) = report
            .approved_version
            .filter(|_| report.status == ReportStatus::Approved)
        else {
            return Err(StoreError::Refused(domain::Refusal::new(
                "annual_report.not_approved",
                match report.status {
                    ReportStatus::Published => "报告已经公开",
                    _ => "报告经领导审定后才能公开",
                },
            )));
        };
        let body = self.version_body(id, version).await?;
        let hash = self.body_hash(&body).await?;
        sqlx::query(
            "UPDATE annual_reports SET status = 'published', published_on = $3, published_at = $4, updated_at = $4
             WHERE government_id = $1 AND id = $2",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(published_on)
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        self.record(
            ANNUAL_REPORT_RECORD_TYPE,
            &id.to_string(),
            "publish",
            &serde_json::json!({
                "year": report.year, "version": version, "body_hash": hash,
                "published_on": published_on, "due_on": report.due_on,
            }),
        )
        .await?;
        self.close_deadlines(
            ANNUAL_REPORT_RECORD_TYPE,
            &id.to_string(),
            PUBLICATION_RULE_ID,
            "met",
        )
        .await?;
        self.annual_report_in_tx(id).await
    }

    async fn version_body(&mut self, id: i64, version: i64) -> Result<String> {
        sqlx::query_scalar(
            "SELECT body FROM annual_report_versions WHERE government_id = $1 AND report_id = $2 AND version = $3",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(version)
        .fetch_optional(&mut *self.tx)
        .await?
        .ok_or(StoreError::NotFound)
    }
}

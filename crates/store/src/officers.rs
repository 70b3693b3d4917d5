//! Officers (执法人员) and their certificates (执法证): the roster of each government.
//!
//! The domain type [`Officer`] is what callers work with; this module stores it with its
//! government and timestamps, lists the roster with filters and paging, and records every change
//! (create, edit, standing, import) in the ledger under record type `officer`.

use chrono::NaiveDate;
use domain::enforcement::officer::{
    Certificate, CertificateStanding, CertificateStatus, Officer, OfficerInput,
};
use serde_json::json;
use sqlx::{Row, any::AnyRow};

use crate::tx::WriteTx;
use crate::{Result, Store, StoreError};

/// The ledger's record type of an officer.
pub const OFFICER_RECORD_TYPE: &str = "officer";

/// The code a standing is stored under (and used in forms and the API).
pub fn standing_code(standing: CertificateStanding) -> &'static str {
    match standing {
        CertificateStanding::InForce => "in_force",
        CertificateStanding::Suspended => "suspended",
        CertificateStanding::Revoked => "revoked",
    }
}

/// Parses a stored standing code.
pub fn parse_standing_code(code: &str) -> Option<CertificateStanding> {
    match code {
        "in_force" => Some(CertificateStanding::InForce),
        "suspended" => Some(CertificateStanding::Suspended),
        "revoked" => Some(CertificateStanding::Revoked),
        _ => None,
    }
}

/// The code of a certificate status (filters and the API).
pub fn status_code(status: CertificateStatus) -> &'static str {
    match status {
        CertificateStatus::Valid => "valid",
        CertificateStatus::NotYetValid => "not_yet_valid",
        CertificateStatus::Suspended => "suspended",
        CertificateStatus::Revoked => "revoked",
        CertificateStatus::Expired => "expired",
    }
}

/// Parses a status code.
pub fn parse_status_code(code: &str) -> Option<CertificateStatus> {
    [
        CertificateStatus::Valid,
        CertificateStatus::NotYetValid,
        CertificateStatus::Suspended,
        CertificateStatus::Revoked,
        CertificateStatus::Expired,
    ]
    .into_iter()
    .find(|s| status_code(*s) == code)
}

/// An officer as stored: the domain value with its government and timestamps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficerRecord {
    /// Owning government.
    pub government_id: i64,
    /// The officer and the certificate.
    pub officer: Officer,
    /// Creation time (unix ms).
    pub created_at: i64,
    /// Last change (unix ms).
    pub updated_at: i64,
}

impl OfficerRecord {
    pub(crate) fn from_row(r: &AnyRow) -> Result<OfficerRecord> {
        let date = |column: &str| -> Result<NaiveDate> {
            let text: String = r.try_get(column)?;
            NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                .map_err(|_| StoreError::WritePath("执法证日期格式损坏"))
        };
        let standing: String = r.try_get("standing")?;
        let hours: i64 = r.try_get("training_hours")?;
        Ok(OfficerRecord {
            government_id: r.try_get("government_id")?,
            officer: Officer {
                id: r.try_get("id")?,
                name: r.try_get("name")?,
                department_id: r.try_get("department_id")?,
                certificate: Certificate {
                    number: r.try_get("certificate_number")?,
                    category: r.try_get("category")?,
                    issued_on: date("issued_on")?,
                    expires_on: date("expires_on")?,
                    standing: parse_standing_code(&standing)
                        .ok_or(StoreError::WritePath("执法证状态代码损坏"))?,
                },
                legal_review_qualified: r.try_get::<i64, _>("legal_review_qualified")? != 0,
                training_hours: u32::try_from(hours).unwrap_or(0),
            },
            created_at: r.try_get("created_at")?,
            updated_at: r.try_get("updated_at")?,
        })
    }

    /// The content recorded in the ledger for this officer.
    pub fn ledger_content(&self) -> serde_json::Value {
        let o = &self.officer;
        json!({
            "id": o.id,
            "name": o.name,
            "department_id": o.department_id,
            "certificate_number": o.certificate.number,
            "category": o.certificate.category,
            "issued_on": o.certificate.issued_on.to_string(),
            "expires_on": o.certificate.expires_on.to_string(),
            "standing": standing_code(o.certificate.standing),
            "legal_review_qualified": o.legal_review_qualified,
            "training_hours": o.training_hours,
        })
    }
}

pub(crate) const OFFICER_COLUMNS: &str = "government_id, id, department_id, name, certificate_number, category,
    issued_on, expires_on, standing, legal_review_qualified, training_hours, created_at, updated_at";

/// Filters and paging of the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficerFilter {
    /// Only officers of these departments (`None`: every department). The web layer passes the
    /// caller's department subtree here, so an empty list means "nothing visible".
    pub department_ids: Option<Vec<i64>>,
    /// Only certificates with this status on [`OfficerFilter::today`].
    pub status: Option<CertificateStatus>,
    /// Only valid certificates that expire within this many days of `today` (inclusive).
    pub expiring_within_days: Option<u32>,
    /// Part of a name or certificate number (case-insensitive); empty: no search.
    pub search: String,
    /// The day statuses are computed for.
    pub today: NaiveDate,
    /// Rows to skip.
    pub offset: i64,
    /// Most rows to return.
    pub limit: i64,
}

/// Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` pattern.
fn like_pattern(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.to_uppercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// A value bound to a dynamically built query.
enum Bind {
    Int(i64),
    Text(String),
}

/// Adds a value and returns its placeholder (`$1` is the government).
fn next(binds: &mut Vec<Bind>, b: Bind) -> String {
    binds.push(b);
    format!("${}", binds.len() + 1)
}

/// The WHERE clause (after `government_id = $1`) and its values, numbered from `$2`.
fn where_clause(filter: &OfficerFilter) -> (String, Vec<Bind>) {
    let mut sql = String::new();
    let mut binds = Vec::new();
    if let Some(ids) = &filter.department_ids {
        if ids.is_empty() {
            sql.push_str(" AND 1 = 0");
        } else {
            let placeholders: Vec<String> = ids
                .iter()
                .map(|id| next(&mut binds, Bind::Int(*id)))
                .collect();
            sql.push_str(&format!(
                " AND department_id IN ({})",
                placeholders.join(", ")
            ));
        }
    }
    let search = filter.search.trim();
    if !search.is_empty() {
        let p = next(&mut binds, Bind::Text(like_pattern(search)));
        sql.push_str(&format!(
            " AND (UPPER(name) LIKE {p} ESCAPE '\\' OR UPPER(certificate_number) LIKE {p} ESCAPE '\\')"
        ));
    }
    let today = filter.today.to_string();
    if let Some(status) = filter.status {
        // The same rule as `Certificate::status_on`, in SQL: standing first, then the dates.
        match status {
            CertificateStatus::Suspended => sql.push_str(" AND standing = 'suspended'"),
            CertificateStatus::Revoked => sql.push_str(" AND standing = 'revoked'"),
            CertificateStatus::NotYetValid => {
                let p = next(&mut binds, Bind::Text(today.clone()));
                sql.push_str(&format!(" AND standing = 'in_force' AND issued_on > {p}"));
            }
            CertificateStatus::Expired => {
                let p = next(&mut binds, Bind::Text(today.clone()));
                sql.push_str(&format!(" AND standing = 'in_force' AND expires_on < {p}"));
            }
            CertificateStatus::Valid => {
                let p = next(&mut binds, Bind::Text(today.clone()));
                sql.push_str(&format!(
                    " AND standing = 'in_force' AND issued_on <= {p} AND expires_on >= {p}"
                ));
            }
        }
    }
    if let Some(days) = filter.expiring_within_days {
        let until = filter
            .today
            .checked_add_days(chrono::Days::new(u64::from(days)))
            .unwrap_or(filter.today)
            .to_string();
        let from = next(&mut binds, Bind::Text(today));
        let to = next(&mut binds, Bind::Text(until));
        sql.push_str(&format!(
            " AND standing = 'in_force' AND issued_on <= {from} AND expires_on >= {from} AND expires_on <= {to}"
        ));
    }
    (sql, binds)
}

fn bind_all<'q>(
    mut q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    binds: &[Bind],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    for b in binds {
        q = match b {
            Bind::Int(i) => q.bind(*i),
            Bind::Text(s) => q.bind(s.clone()),
        };
    }
    q
}

impl Store {
    /// Every officer of a government (for full verification of the ledger).
    pub async fn all_officers(&self, government_id: i64) -> Result<Vec<OfficerRecord>> {
        let filter = OfficerFilter {
            department_ids: None,
            status: None,
            expiring_within_days: None,
            search: String::new(),
            // Only status filters read the day, and none is set.
            today: NaiveDate::default(),
            offset: 0,
            limit: i64::MAX,
        };
        Ok(self.list_officers(government_id, &filter).await?.0)
    }

    /// One page of a government's roster, ordered by department then name, and the number of
    /// officers matching the filter.
    pub async fn list_officers(
        &self,
        government_id: i64,
        filter: &OfficerFilter,
    ) -> Result<(Vec<OfficerRecord>, i64)> {
        let (clause, binds) = where_clause(filter);
        let count_sql = format!("SELECT COUNT(*) FROM officers WHERE government_id = $1{clause}");
        let mut count =
            sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(count_sql)).bind(government_id);
        for b in &binds {
            count = match b {
                Bind::Int(i) => count.bind(*i),
                Bind::Text(s) => count.bind(s.clone()),
            };
        }
        let total = count.fetch_one(&self.pool).await?;
        let n = binds.len() + 2;
        let sql = format!(
            "SELECT {OFFICER_COLUMNS} FROM officers WHERE government_id = $1{clause}
             ORDER BY department_id, name, id LIMIT ${n} OFFSET ${}",
            n + 1
        );
        let rows = bind_all(
            sqlx::query(sqlx::AssertSqlSafe(sql)).bind(government_id),
            &binds,
        )
        .bind(filter.limit.max(0))
        .bind(filter.offset.max(0))
        .fetch_all(&self.pool)
        .await?;
        let officers = rows
            .iter()
            .map(OfficerRecord::from_row)
            .collect::<Result<Vec<_>>>()?;
        Ok((officers, total))
    }

    /// One officer.
    pub async fn officer(&self, government_id: i64, id: i64) -> Result<OfficerRecord> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {OFFICER_COLUMNS} FROM officers WHERE government_id = $1 AND id = $2"
        )))
        .bind(government_id)
        .bind(id)
        .fetch_one(&self.pool)
        .await?;
        OfficerRecord::from_row(&row)
    }

    /// Every officer of every government holding certificate `number` (compared without
    /// surrounding spaces and case-insensitively), for the public certificate check. Numbers
    /// are unique within a government only, so there may be more than one.
    pub async fn find_certificates(&self, number: &str) -> Result<Vec<OfficerRecord>> {
        let number = number.trim();
        if number.is_empty() {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {OFFICER_COLUMNS} FROM officers WHERE UPPER(certificate_number) = $1
             ORDER BY government_id, id"
        )))
        .bind(number.to_uppercase())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(OfficerRecord::from_row).collect()
    }
}

impl WriteTx {
    /// Refuses a certificate number already held by another officer of the government.
    async fn check_number_free(&mut self, number: &str, except_id: Option<i64>) -> Result<()> {
        let row = sqlx::query(
            "SELECT id, name FROM officers WHERE government_id = $1 AND UPPER(certificate_number) = $2",
        )
        .bind(self.government_id())
        .bind(number.trim().to_uppercase())
        .fetch_optional(&mut *self.tx)
        .await?;
        if let Some(row) = row {
            let id: i64 = row.try_get("id")?;
            if Some(id) != except_id {
                let name: String = row.try_get("name")?;
                return Err(StoreError::Conflict(format!(
                    "执法证号「{}」已由执法人员{name}持有",
                    number.trim()
                )));
            }
        }
        Ok(())
    }

    async fn officer_in_tx(&mut self, id: i64) -> Result<OfficerRecord> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {OFFICER_COLUMNS} FROM officers WHERE government_id = $1 AND id = $2"
        )))
        .bind(self.government_id())
        .bind(id)
        .fetch_one(&mut *self.tx)
        .await?;
        OfficerRecord::from_row(&row)
    }

    async fn insert_officer(
        &mut self,
        department_id: i64,
        input: &OfficerInput,
        event: &str,
    ) -> Result<OfficerRecord> {
        self.check_number_free(&input.certificate_number, None)
            .await?;
        let id = self.next_id("officers").await?;
        let now = self.now_ms();
        let record = OfficerRecord {
            government_id: self.government_id(),
            officer: Officer {
                id,
                name: input.name.trim().to_owned(),
                department_id,
                certificate: Certificate {
                    number: input.certificate_number.trim().to_owned(),
                    category: input.category.trim().to_owned(),
                    issued_on: input.issued_on,
                    expires_on: input.expires_on,
                    standing: input.standing,
                },
                legal_review_qualified: input.legal_review_qualified,
                training_hours: input.training_hours,
            },
            created_at: now,
            updated_at: now,
        };
        let o = &record.officer;
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO officers ({OFFICER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
        )))
        .bind(record.government_id)
        .bind(id)
        .bind(department_id)
        .bind(&o.name)
        .bind(&o.certificate.number)
        .bind(&o.certificate.category)
        .bind(o.certificate.issued_on.to_string())
        .bind(o.certificate.expires_on.to_string())
        .bind(standing_code(o.certificate.standing))
        .bind(i64::from(o.legal_review_qualified))
        .bind(i64::from(o.training_hours))
        .bind(now)
        .bind(now)
        .execute(&mut *self.tx)
        .await?;
        self.record(
            OFFICER_RECORD_TYPE,
            &id.to_string(),
            event,
            &record.ledger_content(),
        )
        .await?;
        Ok(record)
    }

    /// Adds an officer to `department_id` (which must belong to the government).
    pub async fn create_officer(
        &mut self,
        department_id: i64,
        input: &OfficerInput,
    ) -> Result<OfficerRecord> {
        let record = self.insert_officer(department_id, input, "create").await?;
        let o = &record.officer;
        self.audit(
            "officer.create",
            &format!("officer:{}", o.id),
            &format!("{}（{}）", o.name, o.certificate.number),
        )
        .await?;
        Ok(record)
    }

    /// Edits an officer: name, department and the certificate's printed fields. The standing is
    /// not changed here ([`WriteTx::set_certificate_standing`] does that, as its own event), so
    /// `input.standing` is ignored.
    pub async fn update_officer(
        &mut self,
        id: i64,
        department_id: i64,
        input: &OfficerInput,
    ) -> Result<OfficerRecord> {
        self.check_number_free(&input.certificate_number, Some(id))
            .await?;
        let n = sqlx::query(
            "UPDATE officers SET department_id = $3, name = $4, certificate_number = $5, category = $6,
                    issued_on = $7, expires_on = $8, legal_review_qualified = $9, training_hours = $10,
                    updated_at = $11
             WHERE government_id = $1 AND id = $2",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(department_id)
        .bind(input.name.trim())
        .bind(input.certificate_number.trim())
        .bind(input.category.trim())
        .bind(input.issued_on.to_string())
        .bind(input.expires_on.to_string())
        .bind(i64::from(input.legal_review_qualified))
        .bind(i64::from(input.training_hours))
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        let record = self.officer_in_tx(id).await?;
        self.record(
            OFFICER_RECORD_TYPE,
            &id.to_string(),
            "edit",
            &record.ledger_content(),
        )
        .await?;
        let o = &record.officer;
        self.audit(
            "officer.edit",
            &format!("officer:{id}"),
            &format!("{}（{}）", o.name, o.certificate.number),
        )
        .await?;
        Ok(record)
    }

    /// Sets a certificate's standing (suspend, revoke, or restore to in force). The ledger event
    /// is `suspend`, `revoke` or `restore`.
    pub async fn set_certificate_standing(
        &mut self,
        id: i64,
        standing: CertificateStanding,
    ) -> Result<OfficerRecord> {
        let n = sqlx::query(
            "UPDATE officers SET standing = $3, updated_at = $4 WHERE government_id = $1 AND id = $2",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(standing_code(standing))
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        let record = self.officer_in_tx(id).await?;
        let event = match standing {
            CertificateStanding::InForce => "restore",
            CertificateStanding::Suspended => "suspend",
            CertificateStanding::Revoked => "revoke",
        };
        self.record(
            OFFICER_RECORD_TYPE,
            &id.to_string(),
            event,
            &record.ledger_content(),
        )
        .await?;
        let o = &record.officer;
        self.audit(
            &format!("officer.{event}"),
            &format!("officer:{id}"),
            &format!("{}（{}）", o.name, o.certificate.number),
        )
        .await?;
        Ok(record)
    }

    /// Imports a whole roster into `department_id` in this transaction: one ledger entry per
    /// officer (event `import`) and one audit record for the batch. A certificate number already
    /// held in the government refuses the whole batch, naming the number; the caller drops the
    /// transaction and nothing is stored.
    pub async fn import_officers(
        &mut self,
        department_id: i64,
        inputs: &[OfficerInput],
    ) -> Result<Vec<OfficerRecord>> {
        let mut out = Vec::with_capacity(inputs.len());
        for input in inputs {
            out.push(self.insert_officer(department_id, input, "import").await?);
        }
        self.audit(
            "officer.import",
            &format!("department:{department_id}"),
            &format!("导入执法人员{}名", out.len()),
        )
        .await?;
        Ok(out)
    }
}

//! The index of open statutory deadlines (我的期限): written by each subsystem in the same
//! transaction as the change that starts, moves or ends a clock.

use sqlx::Row;
use sqlx::any::AnyRow;

use crate::tx::WriteTx;
use crate::{Result, Store};

/// A deadline to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDeadline {
    /// Record type, e.g. `penalty_case`.
    pub record_type: String,
    /// Record id.
    pub record_id: String,
    /// The rule in `domain::deadline_rules`, e.g. `penalty.decision_ordinary`.
    pub rule_id: String,
    /// What must be done, for the list, e.g. 「市监罚〔2026〕12号 作出处罚决定」.
    pub title: String,
    /// Staff URL of the record.
    pub link: String,
    /// The day the clock started (not counted), `YYYY-MM-DD`.
    pub trigger_date: String,
    /// The due date, `YYYY-MM-DD`, computed by the calendar.
    pub due_date: String,
    /// The due date lies in a year without an official table yet.
    pub provisional: bool,
    /// The responsible user, if one.
    pub assignee_user_id: Option<i64>,
    /// The responsible department, if one.
    pub department_id: Option<i64>,
}

/// An open deadline as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenDeadline {
    /// Id within the government.
    pub id: i64,
    /// The deadline's fields.
    pub deadline: NewDeadline,
}

fn from_row(r: &AnyRow) -> Result<OpenDeadline> {
    Ok(OpenDeadline {
        id: r.try_get("id")?,
        deadline: NewDeadline {
            record_type: r.try_get("record_type")?,
            record_id: r.try_get("record_id")?,
            rule_id: r.try_get("rule_id")?,
            title: r.try_get("title")?,
            link: r.try_get("link")?,
            trigger_date: r.try_get("trigger_date")?,
            due_date: r.try_get("due_date")?,
            provisional: r.try_get::<i64, _>("provisional")? != 0,
            assignee_user_id: r.try_get("assignee_user_id")?,
            department_id: r.try_get("department_id")?,
        },
    })
}

const COLUMNS: &str =
    "id, record_type, record_id, rule_id, title, link, trigger_date, due_date, provisional,
    assignee_user_id, department_id";

impl Store {
    /// Open deadlines of a user (assigned to them, or to a department in `departments` with no
    /// assignee), soonest first.
    pub async fn open_deadlines_for(
        &self,
        government_id: i64,
        user_id: i64,
        departments: &[i64],
    ) -> Result<Vec<OpenDeadline>> {
        // Filtered in SQL (on the open-due index), so a page load never reads the whole
        // government's deadlines.
        let dept_terms: Vec<String> = (0..departments.len())
            .map(|k| format!("${}", k + 3))
            .collect();
        let by_department = if departments.is_empty() {
            String::new()
        } else {
            format!(
                " OR (assignee_user_id IS NULL AND department_id IN ({}))",
                dept_terms.join(", ")
            )
        };
        let mut q = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM deadlines WHERE government_id = $1 AND status = 'open'
             AND (assignee_user_id = $2{by_department}) ORDER BY due_date, id"
        )))
        .bind(government_id)
        .bind(user_id);
        for d in departments {
            q = q.bind(*d);
        }
        let rows = q.fetch_all(&self.pool).await?;
        rows.iter().map(from_row).collect()
    }

    /// The open deadlines of one record, soonest first.
    pub async fn open_deadlines_of_record(
        &self,
        government_id: i64,
        record_type: &str,
        record_id: &str,
    ) -> Result<Vec<OpenDeadline>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM deadlines WHERE government_id = $1 AND record_type = $2 AND record_id = $3
             AND status = 'open' ORDER BY due_date, id"
        )))
        .bind(government_id)
        .bind(record_type)
        .bind(record_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(from_row).collect()
    }

    /// Every open deadline of a government, soonest first.
    pub async fn open_deadlines(&self, government_id: i64) -> Result<Vec<OpenDeadline>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM deadlines WHERE government_id = $1 AND status = 'open' ORDER BY due_date, id"
        )))
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(from_row).collect()
    }
}

impl WriteTx {
    /// Opens a deadline (its clock has started).
    pub async fn open_deadline(&mut self, d: &NewDeadline) -> Result<i64> {
        let id = self.next_id("deadlines").await?;
        sqlx::query(
            "INSERT INTO deadlines (government_id, id, record_type, record_id, rule_id, title, link, trigger_date, due_date,
                                    provisional, assignee_user_id, department_id, status)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open')",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(&d.record_type)
        .bind(&d.record_id)
        .bind(&d.rule_id)
        .bind(&d.title)
        .bind(&d.link)
        .bind(&d.trigger_date)
        .bind(&d.due_date)
        .bind(i64::from(d.provisional))
        .bind(d.assignee_user_id)
        .bind(d.department_id)
        .execute(&mut *self.tx)
        .await?;
        Ok(id)
    }

    /// Ends the open deadlines of a record under a rule (`met` when done, `cancelled` when the
    /// procedure no longer needs it). Returns how many were closed.
    pub async fn close_deadlines(
        &mut self,
        record_type: &str,
        record_id: &str,
        rule_id: &str,
        status: &str,
    ) -> Result<u64> {
        let n = sqlx::query(
            "UPDATE deadlines SET status = $5, closed_at = $6
             WHERE government_id = $1 AND record_type = $2 AND record_id = $3 AND rule_id = $4 AND status = 'open'",
        )
        .bind(self.government_id())
        .bind(record_type)
        .bind(record_id)
        .bind(rule_id)
        .bind(if status == "met" { "met" } else { "cancelled" })
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        Ok(n)
    }
}

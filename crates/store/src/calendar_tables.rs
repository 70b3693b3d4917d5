//! Holiday tables imported by administrators; the application builds its calendar from the
//! embedded official tables plus these, in import order.

use sqlx::Row;

use crate::tx::{WriteTx, next_id};
use crate::{Result, Store};

/// One imported table, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarTableRow {
    /// Id (import order).
    pub id: i64,
    /// `years` (whole years, e.g. next year's notice) or `overlay` (a local rule, date by date).
    pub kind: String,
    /// The years it covers, comma-separated.
    pub years: String,
    /// The table in the import format (see the `calendar` crate).
    pub source: String,
    /// Import time (unix ms).
    pub imported_at: i64,
    /// Who imported it.
    pub imported_by: String,
}

impl Store {
    /// Every imported table, oldest first.
    pub async fn calendar_tables(&self) -> Result<Vec<CalendarTableRow>> {
        let rows = sqlx::query("SELECT id, kind, years, source, imported_at, imported_by FROM calendar_tables ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(CalendarTableRow {
                    id: r.try_get("id")?,
                    kind: r.try_get("kind")?,
                    years: r.try_get("years")?,
                    source: r.try_get("source")?,
                    imported_at: r.try_get("imported_at")?,
                    imported_by: r.try_get("imported_by")?,
                })
            })
            .collect()
    }
}

impl WriteTx {
    /// Stores an imported table (already validated by the caller) and audits the import.
    pub async fn import_calendar_table(
        &mut self,
        kind: &str,
        years: &str,
        source: &str,
    ) -> Result<i64> {
        let id = next_id(&mut self.tx, 0, "calendar_tables").await?;
        sqlx::query(
            "INSERT INTO calendar_tables (id, kind, years, source, imported_at, imported_by) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(kind)
        .bind(years)
        .bind(source)
        .bind(self.now_ms())
        .bind(&self.actor().name)
        .execute(&mut *self.tx)
        .await?;
        self.system_audit(
            "calendar.import",
            &format!("calendar_table:{id}"),
            &format!("{kind} {years}"),
        )
        .await?;
        Ok(id)
    }
}

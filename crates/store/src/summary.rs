//! On-the-spot decisions of the summary procedure (简易程序): the numbered form as decided, and
//! its filing with the department (第五十二条第三款). The domain validates
//! (`domain::enforcement::summary::decide_on_the_spot`); the store keeps what it accepted.

use domain::enforcement::PartyKind;
use domain::enforcement::summary::{
    Collection, FILING_RULE_ID, OnTheSpotDecision, Receipt, SpotCollectionGround, SummarySanction,
};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::penalty::{parse_party_kind, party_kind_code};
use crate::tx::WriteTx;
use crate::{NewDeadline, Result, Store, StoreError};

/// Ledger record type of an on-the-spot decision.
pub const SUMMARY_RECORD_TYPE: &str = "summary_decision";

/// A stored on-the-spot decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRecord {
    /// Id.
    pub id: i64,
    /// Department.
    pub department_id: i64,
    /// Form number.
    pub number: String,
    /// Party kind.
    pub party_kind: PartyKind,
    /// Party name.
    pub party_name: String,
    /// Facts.
    pub facts: String,
    /// Basis.
    pub basis: String,
    /// Place.
    pub place: String,
    /// When, `YYYY-MM-DD HH:MM`.
    pub decided_at: String,
    /// `warning` or `fine`.
    pub sanction: String,
    /// Fine in fen (0 for a warning).
    pub fine_fen: i64,
    /// `bank` or `on_the_spot:<ground>`.
    pub collection: String,
    /// Officers as printed on the form.
    pub officers: String,
    /// `signed` or `refused_noted`.
    pub receipt: String,
    /// Last day to file.
    pub filing_due: String,
    /// Filed on.
    pub filed_on: Option<String>,
    /// Filed after the due day.
    pub filed_late: bool,
}

impl SummaryRecord {
    /// What the ledger records.
    pub fn ledger_content(&self) -> serde_json::Value {
        serde_json::json!({
            "department_id": self.department_id, "number": self.number,
            "party_kind": party_kind_code(self.party_kind), "party_name": self.party_name,
            "facts": self.facts, "basis": self.basis, "place": self.place, "decided_at": self.decided_at,
            "sanction": self.sanction, "fine_fen": self.fine_fen, "collection": self.collection,
            "officers": self.officers, "receipt": self.receipt, "filing_due": self.filing_due,
            "filed_on": self.filed_on, "filed_late": self.filed_late,
        })
    }
}

const COLUMNS: &str =
    "id, department_id, number, party_kind, party_name, facts, basis, place, decided_at, sanction,
    fine_fen, collection, officers, receipt, filing_due, filed_on, filed_late";

fn from_row(r: &AnyRow) -> Result<SummaryRecord> {
    let kind: String = r.try_get("party_kind")?;
    Ok(SummaryRecord {
        id: r.try_get("id")?,
        department_id: r.try_get("department_id")?,
        number: r.try_get("number")?,
        party_kind: parse_party_kind(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("当事人类型 {kind}")))?,
        party_name: r.try_get("party_name")?,
        facts: r.try_get("facts")?,
        basis: r.try_get("basis")?,
        place: r.try_get("place")?,
        decided_at: r.try_get("decided_at")?,
        sanction: r.try_get("sanction")?,
        fine_fen: r.try_get("fine_fen")?,
        collection: r.try_get("collection")?,
        officers: r.try_get("officers")?,
        receipt: r.try_get("receipt")?,
        filing_due: r.try_get("filing_due")?,
        filed_on: r.try_get("filed_on")?,
        filed_late: r.try_get::<Option<i64>, _>("filed_late")?.unwrap_or(0) != 0,
    })
}

/// Stored code of how a fine is collected.
pub fn collection_code(c: Collection) -> &'static str {
    match c {
        Collection::Bank => "bank",
        Collection::OnTheSpot(SpotCollectionGround::SmallFine) => "on_the_spot:small_fine",
        Collection::OnTheSpot(SpotCollectionGround::HardToEnforce) => "on_the_spot:hard_to_enforce",
        Collection::OnTheSpot(SpotCollectionGround::RemoteArea) => "on_the_spot:remote_area",
    }
}

impl Store {
    /// On-the-spot decisions, newest first (all departments when `departments` is `None`).
    pub async fn summary_decisions(
        &self,
        government_id: i64,
        departments: Option<&[i64]>,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<SummaryRecord>, i64)> {
        let scope = match departments {
            Some([]) => return Ok((Vec::new(), 0)),
            Some(d) => format!(
                " AND department_id IN ({})",
                d.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
            ),
            None => String::new(),
        };
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM summary_decisions WHERE government_id = $1{scope}
             ORDER BY decided_at DESC, id DESC LIMIT {} OFFSET {}",
            limit.clamp(1, 500),
            offset.max(0)
        )))
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM summary_decisions WHERE government_id = $1{scope}"
        )))
        .bind(government_id)
        .fetch_one(&self.pool)
        .await?;
        Ok((rows.iter().map(from_row).collect::<Result<_>>()?, total))
    }

    /// One on-the-spot decision.
    pub async fn summary_decision(&self, government_id: i64, id: i64) -> Result<SummaryRecord> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM summary_decisions WHERE government_id = $1 AND id = $2"
        )))
        .bind(government_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        from_row(&row)
    }
}

impl WriteTx {
    /// Records an on-the-spot decision the domain accepted, and opens its filing deadline. A form
    /// number already used in the government is refused (each pre-printed form is used once).
    pub async fn record_summary_decision(
        &mut self,
        department_id: i64,
        decision: &OnTheSpotDecision,
    ) -> Result<SummaryRecord> {
        let input = &decision.input;
        let taken: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM summary_decisions WHERE government_id = $1 AND number = $2",
        )
        .bind(self.government_id())
        .bind(input.number.trim())
        .fetch_one(&mut *self.tx)
        .await?;
        if taken > 0 {
            return Err(StoreError::Conflict(format!(
                "当场处罚决定书编号 {} 已经使用，每份预定格式、编有号码的决定书只能使用一次",
                input.number.trim()
            )));
        }
        let id = self.next_id("summary_decisions").await?;
        let filing = decision.due.iter().find(|d| d.rule_id == FILING_RULE_ID);
        let filing_due = filing
            .map(|d| d.due.to_string())
            .unwrap_or_else(|| input.decided_at.date().to_string());
        let (sanction, fine) = match input.sanction {
            SummarySanction::Warning => ("warning", 0),
            SummarySanction::Fine { fen } => ("fine", fen),
        };
        let officers = input
            .officers
            .iter()
            .map(|o| format!("{}（{}）", o.name(), o.certificate_number()))
            .collect::<Vec<_>>()
            .join("、");
        sqlx::query(
            "INSERT INTO summary_decisions (government_id, id, department_id, number, party_kind, party_name, facts, basis,
                place, decided_at, sanction, fine_fen, collection, officers, receipt, filing_due, filed_on, filed_late, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, NULL, NULL, $17)",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(department_id)
        .bind(input.number.trim())
        .bind(party_kind_code(input.party_kind))
        .bind(input.party_name.trim())
        .bind(input.facts.trim())
        .bind(input.basis.trim())
        .bind(input.place.trim())
        .bind(input.decided_at.format("%Y-%m-%d %H:%M").to_string())
        .bind(sanction)
        .bind(fine)
        .bind(collection_code(input.collection))
        .bind(&officers)
        .bind(match input.receipt {
            Receipt::Signed => "signed",
            Receipt::RefusedNoted => "refused_noted",
        })
        .bind(&filing_due)
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        let record = self.summary_in_tx(id).await?;
        self.record(
            SUMMARY_RECORD_TYPE,
            &id.to_string(),
            "decide",
            &record.ledger_content(),
        )
        .await?;
        for due in &decision.due {
            self.open_deadline(&NewDeadline {
                record_type: SUMMARY_RECORD_TYPE.into(),
                record_id: id.to_string(),
                rule_id: due.rule_id.into(),
                title: format!("{} {}", record.number, due.subject),
                link: format!("/staff/summary#s{id}"),
                trigger_date: input.decided_at.date().to_string(),
                due_date: due.due.to_string(),
                provisional: due.provisional,
                assignee_user_id: None,
                department_id: Some(department_id),
            })
            .await?;
        }
        Ok(record)
    }

    /// Files an on-the-spot decision with the department (备案); a late filing is recorded as
    /// late, not refused.
    pub async fn file_summary_decision(
        &mut self,
        id: i64,
        filed_on: &str,
    ) -> Result<SummaryRecord> {
        let n = sqlx::query(
            "UPDATE summary_decisions SET filed_on = $3, filed_late = CASE WHEN filing_due < $3 THEN 1 ELSE 0 END
             WHERE government_id = $1 AND id = $2 AND filed_on IS NULL",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(filed_on)
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::Conflict("该当场处罚决定不存在或已备案".into()));
        }
        let record = self.summary_in_tx(id).await?;
        self.record(
            SUMMARY_RECORD_TYPE,
            &id.to_string(),
            "file",
            &record.ledger_content(),
        )
        .await?;
        self.close_deadlines(SUMMARY_RECORD_TYPE, &id.to_string(), FILING_RULE_ID, "met")
            .await?;
        Ok(record)
    }

    async fn summary_in_tx(&mut self, id: i64) -> Result<SummaryRecord> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM summary_decisions WHERE government_id = $1 AND id = $2"
        )))
        .bind(self.government_id())
        .bind(id)
        .fetch_one(&mut *self.tx)
        .await?;
        from_row(&row)
    }
}

//! Disclosure of enforcement decisions (行政执法公示, 事后公开): the redacted text published on
//! the portal, its withdrawal with the reason shown, and what is due or late.

use sqlx::Row;
use sqlx::any::AnyRow;

use domain::enforcement::PartyKind;
use domain::enforcement::penalty::Outcome;
use domain::enforcement::redaction::{Field, FieldKind, redact_fields};

use crate::StoredCase;
use crate::penalty::PENALTY_RECORD_TYPE;
use crate::tx::WriteTx;
use crate::{Result, Store, StoreError};

/// Ledger record type of a published decision.
pub const DISCLOSURE_RECORD_TYPE: &str = "disclosure";

/// Deadline rule of publication (国办发〔2018〕118号: penalty and licence decisions within 7
/// working days).
pub const PUBLICATION_RULE_ID: &str = "disclosure.licence_and_penalty_decisions";

/// Deadline rule of withdrawal (行政处罚法 第四十八条第二款: within 3 working days).
pub const WITHDRAWAL_RULE_ID: &str = "penalty.withdraw_publication";

/// The redacted text of a penalty decision as published: the party's name masked (individuals),
/// identity number, phone and address removed, names in the facts redacted (118号; 个人信息保护法).
pub fn decision_text(c: &StoredCase, department: &str) -> Result<(String, String), &'static str> {
    let Some(decision) = &c.case.decision else {
        return Err("案件尚未作出决定");
    };
    let Outcome::Penalty(p) = &decision.outcome else {
        return Err("只有给予行政处罚的决定需要公示");
    };
    let person = c.case.party.kind == PartyKind::Individual;
    let notice = c.case.notice.as_ref();
    let fields = vec![
        Field {
            name: "当事人".into(),
            kind: if person {
                FieldKind::PersonName
            } else {
                FieldKind::OrganisationName
            },
            value: c.case.party.name.clone(),
        },
        Field {
            name: if person {
                "身份证号码"
            } else {
                "统一社会信用代码"
            }
            .into(),
            // An organisation's credit code is public registration data; a person's ID is not.
            kind: if person {
                FieldKind::IdNumber
            } else {
                FieldKind::Plain
            },
            value: c.details.id_number.clone(),
        },
        Field {
            name: "住所".into(),
            kind: if person {
                FieldKind::Address
            } else {
                FieldKind::Plain
            },
            value: c.details.address.clone(),
        },
        Field {
            name: "违法事实".into(),
            kind: FieldKind::Text,
            value: notice.map(|n| n.facts.clone()).unwrap_or_default(),
        },
        Field {
            name: "处罚依据".into(),
            kind: FieldKind::Text,
            value: notice.map(|n| n.basis.clone()).unwrap_or_default(),
        },
        Field {
            name: "处罚内容".into(),
            kind: FieldKind::Plain,
            value: p.describe(),
        },
        Field {
            name: "作出决定机关".into(),
            kind: FieldKind::Plain,
            value: department.to_owned(),
        },
        Field {
            name: "作出决定日期".into(),
            kind: FieldKind::Plain,
            value: decision.decided_on.to_string(),
        },
    ];
    let text = redact_fields(&fields)
        .iter()
        .filter(|f| !f.value.trim().is_empty())
        .map(|f| format!("{}：{}", f.name, f.value))
        .collect::<Vec<_>>()
        .join("\n");
    let title = format!("行政处罚决定书（{}）", decision.document_number);
    Ok((title, text))
}

/// A published (or withdrawn) decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disclosure {
    /// Id (the number a citizen checks on 核验).
    pub id: i64,
    /// The case.
    pub case_id: i64,
    /// Deciding department.
    pub department_id: i64,
    /// Title, e.g. 「行政处罚决定书（安市监罚〔2026〕3号）」.
    pub title: String,
    /// 决定书文号.
    pub document_number: String,
    /// Redacted text.
    pub content: String,
    /// Decision day.
    pub decided_on: String,
    /// Last day to publish.
    pub due_on: String,
    /// Published on.
    pub published_on: String,
    /// Published after the due day.
    pub late: bool,
    /// `published` or `withdrawn`.
    pub status: String,
    /// Withdrawn on.
    pub withdrawn_on: Option<String>,
    /// Ground of withdrawal (变更、撤销、确认违法、确认无效).
    pub withdrawal_ground: Option<String>,
    /// Reason shown to the public.
    pub withdrawal_reason: Option<String>,
    /// Withdrawn after the 3-working-day limit.
    pub withdrawal_late: bool,
}

impl Disclosure {
    /// What the ledger records: everything the portal shows.
    pub fn ledger_content(&self) -> serde_json::Value {
        serde_json::json!({
            "case_id": self.case_id,
            "title": self.title,
            "document_number": self.document_number,
            "content": self.content,
            "decided_on": self.decided_on,
            "published_on": self.published_on,
            "late": self.late,
            "status": self.status,
            "withdrawn_on": self.withdrawn_on,
            "withdrawal_ground": self.withdrawal_ground,
            "withdrawal_reason": self.withdrawal_reason,
        })
    }
}

/// A decision made and not yet published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingDisclosure {
    /// Case.
    pub case_id: i64,
    /// Case number.
    pub case_number: String,
    /// Decision number.
    pub decision_number: String,
    /// Department.
    pub department_id: i64,
    /// Decided on.
    pub decided_on: String,
    /// Due on (from the open deadline).
    pub due_on: Option<String>,
}

const COLUMNS: &str =
    "id, case_id, department_id, title, document_number, content, decided_on, due_on, published_on,
    late, status, withdrawn_on, withdrawal_ground, withdrawal_reason, withdrawal_late";

fn from_row(r: &AnyRow) -> Result<Disclosure> {
    Ok(Disclosure {
        id: r.try_get("id")?,
        case_id: r.try_get("case_id")?,
        department_id: r.try_get("department_id")?,
        title: r.try_get("title")?,
        document_number: r.try_get("document_number")?,
        content: r.try_get("content")?,
        decided_on: r.try_get("decided_on")?,
        due_on: r.try_get("due_on")?,
        published_on: r.try_get("published_on")?,
        late: r.try_get::<i64, _>("late")? != 0,
        status: r.try_get("status")?,
        withdrawn_on: r.try_get("withdrawn_on")?,
        withdrawal_ground: r.try_get("withdrawal_ground")?,
        withdrawal_reason: r.try_get("withdrawal_reason")?,
        withdrawal_late: r.try_get::<Option<i64>, _>("withdrawal_late")?.unwrap_or(0) != 0,
    })
}

fn scope_sql(column: &str, departments: Option<&[i64]>) -> Option<String> {
    match departments {
        Some([]) => None,
        Some(d) => Some(format!(
            " AND {column} IN ({})",
            d.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
        )),
        None => Some(String::new()),
    }
}

impl Store {
    /// Published and withdrawn decisions, newest first; `published_only` for the portal.
    pub async fn disclosures(
        &self,
        government_id: i64,
        departments: Option<&[i64]>,
        published_only: bool,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<Disclosure>> {
        let Some(scope) = scope_sql("department_id", departments) else {
            return Ok(Vec::new());
        };
        let status = if published_only {
            " AND status = 'published'"
        } else {
            ""
        };
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM disclosures WHERE government_id = $1{scope}{status}
             ORDER BY published_on DESC, id DESC LIMIT {} OFFSET {}",
            limit.clamp(1, 500),
            offset.max(0)
        )))
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(from_row).collect()
    }

    /// Every disclosure of a government in id order (for `ledger verify`).
    pub async fn all_disclosures(&self, government_id: i64) -> Result<Vec<Disclosure>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM disclosures WHERE government_id = $1 ORDER BY id"
        )))
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(from_row).collect()
    }

    /// One disclosure.
    pub async fn disclosure(&self, government_id: i64, id: i64) -> Result<Disclosure> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM disclosures WHERE government_id = $1 AND id = $2"
        )))
        .bind(government_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        from_row(&row)
    }

    /// The disclosure of a case, if published.
    pub async fn disclosure_of_case(
        &self,
        government_id: i64,
        case_id: i64,
    ) -> Result<Option<Disclosure>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM disclosures WHERE government_id = $1 AND case_id = $2"
        )))
        .bind(government_id)
        .bind(case_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// Decisions with a penalty that are not yet published, soonest due first.
    pub async fn pending_disclosures(
        &self,
        government_id: i64,
        departments: Option<&[i64]>,
    ) -> Result<Vec<PendingDisclosure>> {
        let Some(scope) = scope_sql("c.department_id", departments) else {
            return Ok(Vec::new());
        };
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT c.id, c.case_number, c.decision_number, c.department_id, c.decided_on, d.due_date
             FROM penalty_cases c
             LEFT JOIN disclosures x ON x.government_id = c.government_id AND x.case_id = c.id
             LEFT JOIN deadlines d ON d.government_id = c.government_id AND d.record_type = '{PENALTY_RECORD_TYPE}'
                  AND d.record_id = CAST(c.id AS TEXT) AND d.rule_id = '{PUBLICATION_RULE_ID}' AND d.status = 'open'
             WHERE c.government_id = $1{scope} AND c.outcome = 'penalty' AND x.id IS NULL
             ORDER BY d.due_date, c.id LIMIT 500"
        )))
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(PendingDisclosure {
                    case_id: r.try_get("id")?,
                    case_number: r.try_get("case_number")?,
                    decision_number: r
                        .try_get::<Option<String>, _>("decision_number")?
                        .unwrap_or_default(),
                    department_id: r.try_get("department_id")?,
                    decided_on: r
                        .try_get::<Option<String>, _>("decided_on")?
                        .unwrap_or_default(),
                    due_on: r.try_get("due_date")?,
                })
            })
            .collect()
    }
}

/// A decision to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDisclosure {
    /// Case.
    pub case_id: i64,
    /// Department.
    pub department_id: i64,
    /// Title.
    pub title: String,
    /// Decision number.
    pub document_number: String,
    /// The redacted text.
    pub content: String,
    /// Decided on.
    pub decided_on: String,
    /// Due on.
    pub due_on: String,
    /// Published on.
    pub published_on: String,
}

impl WriteTx {
    /// Publishes a decision: the disclosure row and its ledger entry; the publication deadline
    /// is met. A second publication of the same case is refused.
    pub async fn publish_disclosure(&mut self, new: &NewDisclosure) -> Result<Disclosure> {
        let id = self.next_id("disclosures").await?;
        let late = new.published_on > new.due_on;
        let n = sqlx::query(
            "INSERT INTO disclosures (government_id, id, case_id, department_id, title, document_number, content,
                decided_on, due_on, published_on, late, status, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'published', $12, $12)
             ON CONFLICT (government_id, case_id) DO NOTHING",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(new.case_id)
        .bind(new.department_id)
        .bind(&new.title)
        .bind(&new.document_number)
        .bind(&new.content)
        .bind(&new.decided_on)
        .bind(&new.due_on)
        .bind(&new.published_on)
        .bind(i64::from(late))
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::Conflict("该决定已公示".into()));
        }
        let d = self.disclosure_in_tx(id).await?;
        self.record(
            DISCLOSURE_RECORD_TYPE,
            &id.to_string(),
            "publish",
            &d.ledger_content(),
        )
        .await?;
        self.close_deadlines(
            PENALTY_RECORD_TYPE,
            &new.case_id.to_string(),
            PUBLICATION_RULE_ID,
            "met",
        )
        .await?;
        Ok(d)
    }

    /// Withdraws a published decision with the reason shown to the public (第四十八条).
    pub async fn withdraw_disclosure(
        &mut self,
        id: i64,
        withdrawn_on: &str,
        ground: &str,
        reason: &str,
        late: bool,
    ) -> Result<Disclosure> {
        let n = sqlx::query(
            "UPDATE disclosures SET status = 'withdrawn', withdrawn_on = $3, withdrawal_ground = $4,
                    withdrawal_reason = $5, withdrawal_late = $6, updated_at = $7
             WHERE government_id = $1 AND id = $2 AND status = 'published'",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(withdrawn_on)
        .bind(ground)
        .bind(reason.trim())
        .bind(i64::from(late))
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::Conflict("该公示不存在或已撤回".into()));
        }
        let d = self.disclosure_in_tx(id).await?;
        self.record(
            DISCLOSURE_RECORD_TYPE,
            &id.to_string(),
            "withdraw",
            &d.ledger_content(),
        )
        .await?;
        Ok(d)
    }

    async fn disclosure_in_tx(&mut self, id: i64) -> Result<Disclosure> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM disclosures WHERE government_id = $1 AND id = $2"
        )))
        .bind(self.government_id())
        .bind(id)
        .fetch_one(&mut *self.tx)
        .await?;
        from_row(&row)
    }
}

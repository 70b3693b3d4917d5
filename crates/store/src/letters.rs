//! Prompt letters and supervision letters (提示函、督办函) from the legal-affairs office to a
//! department, with a reply deadline (a configurable number of working days, \[practice\]
//! default 15) and the department's reply.

use calendar::{Calendar, Datelike, NaiveDate};
use domain::Refusal;
use domain::enforcement::supervision::{
    self, DEFAULT_LETTER_REPLY_WORKING_DAYS, LETTER_REPLY_RULE_ID, LetterKind,
};
use serde_json::{Value, json};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::case_reviews::date;
use crate::deadlines::NewDeadline;
use crate::supervision::{id_list, like_pattern};
use crate::tx::WriteTx;
use crate::{Result, Store, StoreError};

/// Ledger record type of a letter.
pub const LETTER_RECORD_TYPE: &str = "supervision_letter";

/// Prefix of letter numbers: 「法监督〔2026〕3号」 (督办函), 「法监提〔2026〕1号」 (提示函).
pub const LETTER_NUMBER_PREFIX: &str = "法监";

/// A letter to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLetter {
    /// Kind.
    pub kind: LetterKind,
    /// Addressee.
    pub department_id: i64,
    /// Subject.
    pub subject: String,
    /// Body.
    pub body: String,
    /// Day sent.
    pub sent_on: NaiveDate,
}

/// A letter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    /// Id.
    pub id: i64,
    /// Kind.
    pub kind: LetterKind,
    /// Number.
    pub letter_number: String,
    /// Addressee.
    pub department_id: i64,
    /// Subject.
    pub subject: String,
    /// Body.
    pub body: String,
    /// Sent on.
    pub sent_on: String,
    /// Sent by.
    pub sent_by: String,
    /// Reply period in working days.
    pub reply_working_days: i64,
    /// Reply due.
    pub reply_due: String,
    /// Reply (empty until replied).
    pub reply: String,
    /// Replied on.
    pub replied_on: Option<String>,
    /// Replied by.
    pub replied_by: String,
    /// Replied after the due day.
    pub reply_late: bool,
}

impl Letter {
    /// What its ledger entries record.
    pub fn ledger_content(&self) -> Value {
        json!({
            "kind": self.kind.code(),
            "letter_number": self.letter_number,
            "department_id": self.department_id,
            "subject": self.subject,
            "body": self.body,
            "sent_on": self.sent_on,
            "reply_working_days": self.reply_working_days,
            "reply_due": self.reply_due,
            "reply": self.reply,
            "replied_on": self.replied_on,
            "replied_by": self.replied_by,
            "reply_late": self.reply_late,
        })
    }

    fn from_row(r: &AnyRow) -> Result<Letter> {
        let kind: String = r.try_get("kind")?;
        Ok(Letter {
            id: r.try_get("id")?,
            kind: LetterKind::parse(&kind)
                .ok_or_else(|| StoreError::Corrupt(format!("函件种类 {kind}")))?,
            letter_number: r.try_get("letter_number")?,
            department_id: r.try_get("department_id")?,
            subject: r.try_get("subject")?,
            body: r.try_get("body")?,
            sent_on: r.try_get("sent_on")?,
            sent_by: r.try_get("sent_by")?,
            reply_working_days: r.try_get("reply_working_days")?,
            reply_due: r.try_get("reply_due")?,
            reply: r.try_get("reply")?,
            replied_on: r.try_get("replied_on")?,
            replied_by: r.try_get("replied_by")?,
            reply_late: r.try_get::<i64, _>("reply_late")? != 0,
        })
    }
}

/// Filters of the letter list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LetterFilter {
    /// Only these departments (the user's scope), when set.
    pub departments: Option<Vec<i64>>,
    /// Only this kind.
    pub kind: Option<LetterKind>,
    /// Only letters not replied yet.
    pub unreplied_only: bool,
    /// Subject or number contains this.
    pub query: Option<String>,
    /// Rows to skip.
    pub offset: i64,
    /// Rows to return.
    pub limit: i64,
}

const LETTER_COLUMNS: &str =
    "id, kind, letter_number, department_id, subject, body, sent_on, sent_by, reply_working_days,
    reply_due, reply, replied_on, replied_by, reply_late";

impl Store {
    /// The reply period of letters in working days (the government's setting, or the default).
    pub async fn letter_reply_working_days(&self, government_id: i64) -> Result<u32> {
        let v: Option<i64> = sqlx::query_scalar(
            "SELECT letter_reply_working_days FROM supervision_settings WHERE government_id = $1",
        )
        .bind(government_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(v.and_then(|d| u32::try_from(d).ok())
            .unwrap_or(DEFAULT_LETTER_REPLY_WORKING_DAYS))
    }

    /// Letters, newest first, with the total that matches.
    pub async fn letters(
        &self,
        government_id: i64,
        filter: &LetterFilter,
    ) -> Result<(Vec<Letter>, i64)> {
        let mut terms = vec!["government_id = $1".to_owned()];
        let mut texts = Vec::new();
        if let Some(depts) = &filter.departments {
            if depts.is_empty() {
                return Ok((Vec::new(), 0));
            }
            terms.push(format!("department_id IN ({})", id_list(depts)));
        }
        if let Some(k) = filter.kind {
            terms.push(format!("kind = '{}'", k.code()));
        }
        if filter.unreplied_only {
            terms.push("replied_on IS NULL".into());
        }
        if let Some(q) = filter.query.as_ref().filter(|q| !q.trim().is_empty()) {
            texts.push(like_pattern(q.trim()));
            let n = texts.len() + 1;
            terms.push(format!(
                "(subject LIKE ${n} ESCAPE '\\' OR letter_number LIKE ${n} ESCAPE '\\')"
            ));
        }
        let where_sql = terms.join(" AND ");
        let mut q = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {LETTER_COLUMNS} FROM supervision_letters WHERE {where_sql}
             ORDER BY sent_on DESC, id DESC LIMIT {} OFFSET {}",
            filter.limit.clamp(1, 500),
            filter.offset.max(0)
        )))
        .bind(government_id);
        for t in &texts {
            q = q.bind(t.clone());
        }
        let list = q
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(Letter::from_row)
            .collect::<Result<Vec<_>>>()?;
        let mut c = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM supervision_letters WHERE {where_sql}"
        )))
        .bind(government_id);
        for t in &texts {
            c = c.bind(t.clone());
        }
        Ok((list, c.fetch_one(&self.pool).await?))
    }

    /// Every letter, oldest first.
    pub async fn all_letters(&self, government_id: i64) -> Result<Vec<Letter>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {LETTER_COLUMNS} FROM supervision_letters WHERE government_id = $1 ORDER BY id"
        )))
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(Letter::from_row).collect()
    }

    /// One letter.
    pub async fn letter(&self, government_id: i64, id: i64) -> Result<Letter> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {LETTER_COLUMNS} FROM supervision_letters WHERE government_id = $1 AND id = $2"
        )))
        .bind(government_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        Letter::from_row(&row)
    }
}

fn refused(r: Refusal) -> StoreError {
    StoreError::Refused(r)
}

impl WriteTx {
    /// Sets the reply period of letters (audited; letters already sent keep theirs).
    pub async fn set_letter_reply_working_days(&mut self, working_days: u32) -> Result<()> {
        supervision::check_reply_period(working_days).map_err(refused)?;
        sqlx::query(
            "INSERT INTO supervision_settings (government_id, letter_reply_working_days, updated_at)
             VALUES ($1, $2, $3)
             ON CONFLICT (government_id) DO UPDATE SET
                letter_reply_working_days = excluded.letter_reply_working_days,
                updated_at = excluded.updated_at",
        )
        .bind(self.government_id())
        .bind(i64::from(working_days))
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        self.audit(
            "supervision.settings",
            "supervision_settings",
            &format!("提示函、督办函答复期限：{working_days}个工作日"),
        )
        .await
    }

    async fn letter_in_tx(&mut self, id: i64) -> Result<Letter> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {LETTER_COLUMNS} FROM supervision_letters WHERE government_id = $1 AND id = $2"
        )))
        .bind(self.government_id())
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        Letter::from_row(&row)
    }

    /// Sends a letter: numbers it, computes its reply due day from the government's setting,
    /// records it and opens the reply deadline for the department.
    pub async fn send_letter(
        &mut self,
        new: &NewLetter,
        today: NaiveDate,
        calendar: &Calendar,
    ) -> Result<Letter> {
        let days: Option<i64> = sqlx::query_scalar(
            "SELECT letter_reply_working_days FROM supervision_settings WHERE government_id = $1",
        )
        .bind(self.government_id())
        .fetch_optional(&mut *self.tx)
        .await?;
        let days = days
            .and_then(|d| u32::try_from(d).ok())
            .unwrap_or(DEFAULT_LETTER_REPLY_WORKING_DAYS);
        let due =
            supervision::letter_reply_due(new.sent_on, days, today, calendar).map_err(refused)?;
        if new.subject.trim().is_empty() || new.body.trim().is_empty() {
            return Err(refused(Refusal::new(
                "supervision.letter_empty",
                "函件的事由和正文不能为空",
            )));
        }
        let id = self.next_id("supervision_letters").await?;
        let year = new.sent_on.year();
        let seq = self
            .next_id(&format!("letter_number:{}:{year}", new.kind.code()))
            .await?;
        let number = format!(
            "{LETTER_NUMBER_PREFIX}{}〔{year}〕{seq}号",
            new.kind.number_mark()
        );
        sqlx::query(
            "INSERT INTO supervision_letters (government_id, id, kind, letter_number, department_id, subject, body,
                sent_on, sent_by, reply_working_days, reply_due, reply, replied_on, replied_by, reply_late,
                created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, '', NULL, '', 0, $12, $12)",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(new.kind.code())
        .bind(&number)
        .bind(new.department_id)
        .bind(new.subject.trim())
        .bind(new.body.trim())
        .bind(new.sent_on.to_string())
        .bind(self.actor().name.clone())
        .bind(i64::from(days))
        .bind(due.due.to_string())
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        let letter = self.letter_in_tx(id).await?;
        self.record(
            LETTER_RECORD_TYPE,
            &id.to_string(),
            "send",
            &letter.ledger_content(),
        )
        .await?;
        self.open_deadline(&NewDeadline {
            record_type: LETTER_RECORD_TYPE.into(),
            record_id: id.to_string(),
            rule_id: LETTER_REPLY_RULE_ID.into(),
            title: format!(
                "答复{}「{}」（{}）",
                new.kind.label(),
                letter.subject,
                letter.letter_number
            ),
            link: format!("/staff/letters/{id}"),
            trigger_date: new.sent_on.to_string(),
            due_date: due.due.to_string(),
            provisional: due.provisional,
            assignee_user_id: None,
            department_id: Some(new.department_id),
        })
        .await?;
        Ok(letter)
    }

    /// The department's reply (once; a late reply is recorded as late).
    pub async fn reply_letter(
        &mut self,
        id: i64,
        reply: &str,
        replied_on: NaiveDate,
        today: NaiveDate,
    ) -> Result<Letter> {
        let letter = self.letter_in_tx(id).await?;
        let late = supervision::check_letter_reply(
            date(&letter.sent_on)?,
            date(&letter.reply_due)?,
            letter.replied_on.is_some(),
            replied_on,
            today,
        )
        .map_err(refused)?;
        if reply.trim().is_empty() {
            return Err(refused(Refusal::new(
                "supervision.reply_empty",
                "请填写答复内容",
            )));
        }
        sqlx::query(
            "UPDATE supervision_letters SET reply = $3, replied_on = $4, replied_by = $5, reply_late = $6, updated_at = $7
             WHERE government_id = $1 AND id = $2 AND replied_on IS NULL",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(reply.trim())
        .bind(replied_on.to_string())
        .bind(self.actor().name.clone())
        .bind(i64::from(late))
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        let letter = self.letter_in_tx(id).await?;
        self.record(
            LETTER_RECORD_TYPE,
            &id.to_string(),
            "reply",
            &letter.ledger_content(),
        )
        .await?;
        self.close_deadlines(
            LETTER_RECORD_TYPE,
            &id.to_string(),
            LETTER_REPLY_RULE_ID,
            "met",
        )
        .await?;
        Ok(letter)
    }
}

//! The power list (权责清单): powers with their legal basis, status history and discretion
//! standard (裁量基准). The rules (which change is allowed, whether a band is sound) live in
//! `domain::enforcement::power`; this module stores what the domain accepted, each change with
//! its ledger entry (`record_type` `power`) and audit record in the same transaction.

use chrono::NaiveDate;
use domain::enforcement::power::{
    Band, BasisText, Circumstance, Power, PowerChange, PowerInput, PowerType, StatusEvent,
};
use serde_json::json;
use sqlx::{Row, any::AnyRow};

use crate::tx::WriteTx;
use crate::{Result, Store, StoreError};

/// A power on a government's power list, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPower {
    /// Owning government.
    pub government_id: i64,
    /// Id within the government.
    pub id: i64,
    /// Code in the list (事项编码), unique within the government.
    pub code: String,
    /// Name of the power, e.g. 对生产经营不符合食品安全标准的食品的处罚.
    pub name: String,
    /// One of the ten power types.
    pub power_type: PowerType,
    /// Legal basis: law title and article text.
    pub basis: BasisText,
    /// The department that exercises it.
    pub department_id: i64,
    /// Level that exercises it (行使层级), e.g. 县级; free text, may be empty.
    pub level: String,
    /// Whether it is in force after the last status event.
    pub in_force: bool,
    /// Creation time (unix ms).
    pub created_at: i64,
    /// Last change (unix ms).
    pub updated_at: i64,
}

impl StoredPower {
    pub(crate) fn from_row(r: &AnyRow) -> Result<StoredPower> {
        let type_text: String = r.try_get("power_type")?;
        Ok(StoredPower {
            government_id: r.try_get("government_id")?,
            id: r.try_get("id")?,
            code: r.try_get("code")?,
            name: r.try_get("name")?,
            power_type: PowerType::parse(&type_text).ok_or(StoreError::WritePath(
                "powers.power_type holds an unknown type",
            ))?,
            basis: BasisText {
                law: r.try_get("basis_law")?,
                article: r.try_get("basis_article")?,
            },
            department_id: r.try_get("department_id")?,
            level: r.try_get("level")?,
            in_force: r.try_get::<i64, _>("in_force")? != 0,
            created_at: r.try_get("created_at")?,
            updated_at: r.try_get("updated_at")?,
        })
    }

    /// The domain value of this power with its history (for the status-change rules).
    pub fn to_domain(&self, history: Vec<StatusEvent>) -> Power {
        Power {
            code: self.code.clone(),
            name: self.name.clone(),
            power_type: self.power_type,
            bases: vec![self.basis.clone()],
            history,
        }
    }

    /// The content recorded in the ledger for this power.
    pub fn ledger_content(&self) -> serde_json::Value {
        json!({
            "id": self.id,
            "code": self.code,
            "name": self.name,
            "power_type": self.power_type.label(),
            "basis_law": self.basis.law,
            "basis_article": self.basis.article,
            "department_id": self.department_id,
            "level": self.level,
            "in_force": self.in_force,
        })
    }
}

/// The editable fields of a power (everything but its status, which only status events change).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PowerFields {
    /// Code in the list.
    pub code: String,
    /// Name.
    pub name: String,
    /// Type.
    pub power_type: PowerType,
    /// Legal basis.
    pub basis: BasisText,
    /// Department that exercises it.
    pub department_id: i64,
    /// Level that exercises it, e.g. 县级.
    pub level: String,
}

/// Filters of a power-list query; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PowerFilter {
    /// Only these departments (e.g. the published ones of a portal query); `None`: all.
    pub department_ids: Option<Vec<i64>>,
    /// Only this type.
    pub power_type: Option<PowerType>,
    /// Only powers in force (`Some(true)`) or not in force (`Some(false)`).
    pub in_force: Option<bool>,
    /// Text searched in code, name and legal basis.
    pub q: String,
}

/// A stored status event (one line of a power's history).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredStatusEvent {
    /// Position in the power's history, from 1.
    pub seq: i64,
    /// The event.
    pub event: StatusEvent,
    /// When it was recorded (unix ms).
    pub recorded_at: i64,
}

/// Parses the stored Chinese word of a status change.
pub fn parse_change(text: &str) -> Option<PowerChange> {
    [
        PowerChange::Added,
        PowerChange::Cancelled,
        PowerChange::Delegated,
        PowerChange::Assumed,
    ]
    .into_iter()
    .find(|c| c.label() == text)
}

/// Whether a power is in force after `change` (新增 and 承接 start it; 取消 and 下放 end it here).
pub fn in_force_after(change: PowerChange) -> bool {
    matches!(change, PowerChange::Added | PowerChange::Assumed)
}

pub(crate) const POWER_COLUMNS: &str = "government_id, id, code, name, power_type, basis_law, basis_article, department_id, level, in_force, created_at, updated_at";

/// Builds the WHERE clause of a filter after `government_id = $1`; returns the SQL and the
/// text parameters to bind in order (after the government id).
fn filter_sql(filter: &PowerFilter, first_param: usize) -> (String, Vec<FilterParam>) {
    let mut sql = String::new();
    let mut params = Vec::new();
    let mut n = first_param;
    if let Some(ids) = &filter.department_ids {
        if ids.is_empty() {
            sql.push_str(" AND 1 = 0");
        } else {
            let list: Vec<String> = ids
                .iter()
                .map(|id| {
                    let p = format!("${n}");
                    n += 1;
                    params.push(FilterParam::Int(*id));
                    p
                })
                .collect();
            sql.push_str(&format!(" AND department_id IN ({})", list.join(", ")));
        }
    }
    if let Some(t) = filter.power_type {
        sql.push_str(&format!(" AND power_type = ${n}"));
        n += 1;
        params.push(FilterParam::Text(t.label().to_owned()));
    }
    if let Some(f) = filter.in_force {
        sql.push_str(&format!(" AND in_force = ${n}"));
        n += 1;
        params.push(FilterParam::Int(i64::from(f)));
    }
    let q = filter.q.trim();
    if !q.is_empty() {
        // LIKE wildcards typed by the user are taken literally.
        let pattern = format!(
            "%{}%",
            q.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        sql.push_str(&format!(
            " AND (code LIKE ${a} ESCAPE '\\' OR name LIKE ${b} ESCAPE '\\' OR basis_law LIKE ${c} ESCAPE '\\')",
            a = n,
            b = n + 1,
            c = n + 2
        ));
        for _ in 0..3 {
            params.push(FilterParam::Text(pattern.clone()));
        }
    }
    (sql, params)
}

enum FilterParam {
    Int(i64),
    Text(String),
}

fn bind_all<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    params: &'q [FilterParam],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    for p in params {
        query = match p {
            FilterParam::Int(v) => query.bind(*v),
            FilterParam::Text(v) => query.bind(v.as_str()),
        };
    }
    query
}

pub(crate) fn event_from_row(r: &AnyRow) -> Result<StoredStatusEvent> {
    let change: String = r.try_get("change_kind")?;
    let on: String = r.try_get("effective_on")?;
    Ok(StoredStatusEvent {
        seq: r.try_get("seq")?,
        event: StatusEvent {
            change: parse_change(&change).ok_or(StoreError::WritePath(
                "power_status_events.change_kind holds an unknown change",
            ))?,
            on: NaiveDate::parse_from_str(&on, "%Y-%m-%d").map_err(|_| {
                StoreError::WritePath("power_status_events.effective_on is not a date")
            })?,
            document_number: r.try_get("document_number")?,
        },
        recorded_at: r.try_get("recorded_at")?,
    })
}

pub(crate) fn band_from_row(r: &AnyRow) -> Result<(i64, Band)> {
    let c: String = r.try_get("circumstance")?;
    Ok((
        r.try_get("power_id")?,
        Band {
            circumstance: Circumstance::parse(&c).ok_or(StoreError::WritePath(
                "discretion_standards.circumstance holds an unknown circumstance",
            ))?,
            min_fen: r.try_get("min_fen")?,
            max_fen: r.try_get("max_fen")?,
            description: r.try_get("description")?,
        },
    ))
}

impl Store {
    /// Powers of a government matching `filter`, ordered by department then code: the total
    /// count and the rows of `[offset, offset + limit)`.
    pub async fn list_powers(
        &self,
        government_id: i64,
        filter: &PowerFilter,
        offset: i64,
        limit: i64,
    ) -> Result<(i64, Vec<StoredPower>)> {
        let (where_sql, params) = filter_sql(filter, 2);
        let total: i64 = {
            let sql =
                format!("SELECT COUNT(*) AS n FROM powers WHERE government_id = $1{where_sql}");
            let q = bind_all(
                sqlx::query(sqlx::AssertSqlSafe(sql)).bind(government_id),
                &params,
            );
            q.fetch_one(&self.pool).await?.try_get("n")?
        };
        let n = params.len() + 2;
        let sql = format!(
            "SELECT {POWER_COLUMNS} FROM powers WHERE government_id = $1{where_sql}
             ORDER BY department_id, code LIMIT ${n} OFFSET ${m}",
            m = n + 1
        );
        let q = bind_all(
            sqlx::query(sqlx::AssertSqlSafe(sql)).bind(government_id),
            &params,
        )
        .bind(limit)
        .bind(offset);
        let rows = q.fetch_all(&self.pool).await?;
        let powers = rows
            .iter()
            .map(StoredPower::from_row)
            .collect::<Result<_>>()?;
        Ok((total, powers))
    }

    /// One power.
    pub async fn power(&self, government_id: i64, id: i64) -> Result<StoredPower> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {POWER_COLUMNS} FROM powers WHERE government_id = $1 AND id = $2"
        )))
        .bind(government_id)
        .bind(id)
        .fetch_one(&self.pool)
        .await?;
        StoredPower::from_row(&row)
    }

    /// The status history of a power, oldest first.
    pub async fn power_history(
        &self,
        government_id: i64,
        power_id: i64,
    ) -> Result<Vec<StoredStatusEvent>> {
        let rows = sqlx::query(
            "SELECT seq, change_kind, effective_on, document_number, recorded_at FROM power_status_events
             WHERE government_id = $1 AND power_id = $2 ORDER BY seq",
        )
        .bind(government_id)
        .bind(power_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(event_from_row).collect()
    }

    /// The discretion bands of a power, from the lightest circumstance to the heaviest.
    pub async fn discretion_bands(&self, government_id: i64, power_id: i64) -> Result<Vec<Band>> {
        let rows = sqlx::query(
            "SELECT power_id, circumstance, min_fen, max_fen, description FROM discretion_standards
             WHERE government_id = $1 AND power_id = $2",
        )
        .bind(government_id)
        .bind(power_id)
        .fetch_all(&self.pool)
        .await?;
        let mut bands: Vec<Band> = rows
            .iter()
            .map(|r| band_from_row(r).map(|(_, b)| b))
            .collect::<Result<_>>()?;
        bands.sort_by_key(|b| b.circumstance);
        Ok(bands)
    }

    /// Every power of a government, ordered by id (for full verification of the ledger).
    pub async fn all_powers(&self, government_id: i64) -> Result<Vec<StoredPower>> {
        let (_, mut powers) = self
            .list_powers(government_id, &PowerFilter::default(), 0, i64::MAX)
            .await?;
        powers.sort_by_key(|p| p.id);
        Ok(powers)
    }

    /// Every discretion band of a government, by power id (for the portal and exports).
    pub async fn all_discretion_bands(&self, government_id: i64) -> Result<Vec<(i64, Band)>> {
        let rows = sqlx::query(
            "SELECT power_id, circumstance, min_fen, max_fen, description FROM discretion_standards
             WHERE government_id = $1 ORDER BY power_id",
        )
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        let mut bands: Vec<(i64, Band)> = rows.iter().map(band_from_row).collect::<Result<_>>()?;
        bands.sort_by_key(|(p, b)| (*p, b.circumstance));
        Ok(bands)
    }

    /// Number of powers of a government (the demo seeds its list only once).
    pub async fn count_powers(&self, government_id: i64) -> Result<i64> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM powers WHERE government_id = $1")
            .bind(government_id)
            .fetch_one(&self.pool)
            .await?;
        Ok(n)
    }
}

impl WriteTx {
    async fn insert_event(&mut self, power_id: i64, seq: i64, event: &StatusEvent) -> Result<()> {
        sqlx::query(
            "INSERT INTO power_status_events (government_id, power_id, seq, change_kind, effective_on, document_number, recorded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(self.government_id())
        .bind(power_id)
        .bind(seq)
        .bind(event.change.label())
        .bind(event.on.format("%Y-%m-%d").to_string())
        .bind(&event.document_number)
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    /// Adds a power to the list with its first status event (新增 on `input.added_on` by
    /// `input.document_number`), exercised by `department_id` at `level`.
    pub async fn create_power(
        &mut self,
        input: &PowerInput,
        department_id: i64,
        level: &str,
    ) -> Result<StoredPower> {
        let id = self.next_id("powers").await?;
        let now = self.now_ms();
        let power = StoredPower {
            government_id: self.government_id(),
            id,
            code: input.code.clone(),
            name: input.name.clone(),
            power_type: input.power_type,
            basis: input.basis.clone(),
            department_id,
            level: level.to_owned(),
            in_force: true,
            created_at: now,
            updated_at: now,
        };
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO powers ({POWER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
        )))
        .bind(power.government_id)
        .bind(id)
        .bind(&power.code)
        .bind(&power.name)
        .bind(power.power_type.label())
        .bind(&power.basis.law)
        .bind(&power.basis.article)
        .bind(department_id)
        .bind(level)
        .bind(1_i64)
        .bind(now)
        .bind(now)
        .execute(&mut *self.tx)
        .await?;
        let event = StatusEvent {
            change: PowerChange::Added,
            on: input.added_on,
            document_number: input.document_number.clone(),
        };
        self.insert_event(id, 1, &event).await?;
        let mut content = power.ledger_content();
        content["status_event"] = event_json(&event);
        self.record("power", &id.to_string(), "create", &content)
            .await?;
        self.audit(
            "power.create",
            &format!("power:{id}"),
            &format!("{} {}", power.code, power.name),
        )
        .await?;
        Ok(power)
    }

    /// Edits a power's code, name, type, basis, department and level (not its status).
    pub async fn update_power(&mut self, id: i64, fields: &PowerFields) -> Result<StoredPower> {
        let n = sqlx::query(
            "UPDATE powers SET code = $3, name = $4, power_type = $5, basis_law = $6, basis_article = $7,
                    department_id = $8, level = $9, updated_at = $10
             WHERE government_id = $1 AND id = $2",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(&fields.code)
        .bind(&fields.name)
        .bind(fields.power_type.label())
        .bind(&fields.basis.law)
        .bind(&fields.basis.article)
        .bind(fields.department_id)
        .bind(&fields.level)
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        let power = self.power_in_tx(id).await?;
        self.record("power", &id.to_string(), "edit", &power.ledger_content())
            .await?;
        self.audit(
            "power.edit",
            &format!("power:{id}"),
            &format!("{} {}", power.code, power.name),
        )
        .await?;
        Ok(power)
    }

    /// Appends a status event the domain accepted (`Power::record_change`) and sets the
    /// power's in-force flag to the state after it.
    pub async fn record_power_change(
        &mut self,
        id: i64,
        event: &StatusEvent,
    ) -> Result<StoredPower> {
        let last: Option<i64> = sqlx::query_scalar(
            "SELECT MAX(seq) FROM power_status_events WHERE government_id = $1 AND power_id = $2",
        )
        .bind(self.government_id())
        .bind(id)
        .fetch_one(&mut *self.tx)
        .await?;
        self.insert_event(id, last.unwrap_or(0) + 1, event).await?;
        let n = sqlx::query(
            "UPDATE powers SET in_force = $3, updated_at = $4 WHERE government_id = $1 AND id = $2",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(i64::from(in_force_after(event.change)))
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        let power = self.power_in_tx(id).await?;
        let mut content = power.ledger_content();
        content["status_event"] = event_json(event);
        self.record("power", &id.to_string(), "status_change", &content)
            .await?;
        self.audit(
            "power.status_change",
            &format!("power:{id}"),
            &format!(
                "{} {}（{}）",
                event.change.label(),
                power.name,
                event.document_number
            ),
        )
        .await?;
        Ok(power)
    }

    /// Sets the discretion standard of a power: the given bands replace the old ones (a band of
    /// a circumstance not given is kept). The caller has checked the whole standard with
    /// `domain::enforcement::power::parse_discretion_rows`.
    pub async fn set_discretion_bands(
        &mut self,
        power_id: i64,
        bands: &[Band],
    ) -> Result<Vec<Band>> {
        let power = self.power_in_tx(power_id).await?;
        for band in bands {
            sqlx::query(
                "DELETE FROM discretion_standards WHERE government_id = $1 AND power_id = $2 AND circumstance = $3",
            )
            .bind(self.government_id())
            .bind(power_id)
            .bind(band.circumstance.label())
            .execute(&mut *self.tx)
            .await?;
            sqlx::query(
                "INSERT INTO discretion_standards (government_id, power_id, circumstance, min_fen, max_fen, description)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(self.government_id())
            .bind(power_id)
            .bind(band.circumstance.label())
            .bind(band.min_fen)
            .bind(band.max_fen)
            .bind(&band.description)
            .execute(&mut *self.tx)
            .await?;
        }
        let rows = sqlx::query(
            "SELECT power_id, circumstance, min_fen, max_fen, description FROM discretion_standards
             WHERE government_id = $1 AND power_id = $2",
        )
        .bind(self.government_id())
        .bind(power_id)
        .fetch_all(&mut *self.tx)
        .await?;
        let mut all: Vec<Band> = rows
            .iter()
            .map(|r| band_from_row(r).map(|(_, b)| b))
            .collect::<Result<_>>()?;
        all.sort_by_key(|b| b.circumstance);
        let content = json!({
            "id": power_id,
            "code": power.code,
            "discretion_standard": discretion_ledger_value(&all),
        });
        self.record("power", &power_id.to_string(), "discretion", &content)
            .await?;
        self.audit(
            "power.discretion",
            &format!("power:{power_id}"),
            &format!("{} 裁量基准{}档", power.name, all.len()),
        )
        .await?;
        Ok(all)
    }

    /// Adds every row of an imported power list in this one transaction (all or nothing: the
    /// caller drops the transaction on the first error). Each row: input, department, level.
    pub async fn import_powers(
        &mut self,
        rows: &[(PowerInput, i64, String)],
    ) -> Result<Vec<StoredPower>> {
        let mut out = Vec::with_capacity(rows.len());
        for (input, department_id, level) in rows {
            out.push(self.create_power(input, *department_id, level).await?);
        }
        Ok(out)
    }

    async fn power_in_tx(&mut self, id: i64) -> Result<StoredPower> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {POWER_COLUMNS} FROM powers WHERE government_id = $1 AND id = $2"
        )))
        .bind(self.government_id())
        .bind(id)
        .fetch_one(&mut *self.tx)
        .await?;
        StoredPower::from_row(&row)
    }
}

fn event_json(e: &StatusEvent) -> serde_json::Value {
    json!({"change": e.change.label(), "on": e.on.format("%Y-%m-%d").to_string(), "document_number": e.document_number})
}

/// A power's discretion standard as its ledger entry holds it (`discretion_standard`): the
/// bands from the lightest circumstance to the heaviest. Verification compares the stored
/// bands with the last entry through this same function.
pub fn discretion_ledger_value(bands: &[Band]) -> serde_json::Value {
    let mut sorted: Vec<&Band> = bands.iter().collect();
    sorted.sort_by_key(|b| b.circumstance);
    serde_json::Value::Array(sorted.into_iter().map(band_json).collect())
}

fn band_json(b: &Band) -> serde_json::Value {
    json!({"circumstance": b.circumstance.label(), "min_fen": b.min_fen, "max_fen": b.max_fen, "description": b.description})
}

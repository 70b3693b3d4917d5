//! Regions (shared catalogue), governments (the tenants) and departments.

use domain::org::{DepartmentInput, RegionLevel};
use serde_json::json;
use sqlx::{Row, any::AnyRow};

use crate::tx::{Actor, WriteTx, next_id};
use crate::{Result, Store, StoreError};

/// A node of the administrative division tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// Division code (6 digits; 9 for a town).
    pub code: String,
    /// Name, e.g. 青海省.
    pub name: String,
    /// Level in the tree.
    pub level: RegionLevel,
    /// Code of the region above.
    pub parent_code: Option<String>,
}

/// A people's government: the tenant that owns records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Government {
    /// Id (also the tenant key).
    pub id: i64,
    /// Region it governs.
    pub region_code: String,
    /// Name, e.g. 某某县人民政府.
    pub name: String,
    /// The government above, if it is in this deployment.
    pub parent_government_id: Option<i64>,
    /// Creation time (unix ms).
    pub created_at: i64,
}

impl Government {
    /// The content recorded in the ledger for this government (verification compares it too).
    pub fn ledger_content(&self) -> serde_json::Value {
        json!({"id": self.id, "region_code": self.region_code, "name": self.name,
               "parent_government_id": self.parent_government_id})
    }
}

/// A department of a government.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    /// Owning government.
    pub government_id: i64,
    /// Id within the government.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// Short name for document numbers.
    pub short_name: String,
    /// Department above, if any.
    pub parent_id: Option<i64>,
    /// Whether it is an enforcement body (执法主体).
    pub is_enforcement_body: bool,
    /// Legal basis for being one.
    pub enforcement_basis: String,
    /// Whether it is published on the portal's list of enforcement bodies.
    pub enforcement_published: bool,
    /// Creation time (unix ms).
    pub created_at: i64,
    /// Last change (unix ms).
    pub updated_at: i64,
}

impl Department {
    fn from_row(r: &AnyRow) -> Result<Department> {
        Ok(Department {
            government_id: r.try_get("government_id")?,
            id: r.try_get("id")?,
            name: r.try_get("name")?,
            short_name: r.try_get("short_name")?,
            parent_id: r.try_get("parent_id")?,
            is_enforcement_body: r.try_get::<i64, _>("is_enforcement_body")? != 0,
            enforcement_basis: r.try_get("enforcement_basis")?,
            enforcement_published: r.try_get::<i64, _>("enforcement_published")? != 0,
            created_at: r.try_get("created_at")?,
            updated_at: r.try_get("updated_at")?,
        })
    }

    /// The content recorded in the ledger for this department.
    pub fn ledger_content(&self) -> serde_json::Value {
        json!({
            "id": self.id,
            "name": self.name,
            "short_name": self.short_name,
            "parent_id": self.parent_id,
            "is_enforcement_body": self.is_enforcement_body,
            "enforcement_basis": self.enforcement_basis,
            "enforcement_published": self.enforcement_published,
        })
    }
}

const DEPARTMENT_COLUMNS: &str =
    "government_id, id, name, short_name, parent_id, is_enforcement_body,
    enforcement_basis, enforcement_published, created_at, updated_at";

fn region_from_row(r: &AnyRow) -> Result<Region> {
    let level: String = r.try_get("level")?;
    Ok(Region {
        code: r.try_get("code")?,
        name: r.try_get("name")?,
        level: RegionLevel::parse(&level).ok_or(StoreError::NotFound)?,
        parent_code: r.try_get("parent_code")?,
    })
}

fn government_from_row(r: &AnyRow) -> Result<Government> {
    Ok(Government {
        id: r.try_get("id")?,
        region_code: r.try_get("region_code")?,
        name: r.try_get("name")?,
        parent_government_id: r.try_get("parent_government_id")?,
        created_at: r.try_get("created_at")?,
    })
}

impl Store {
    /// Every region, ordered by code (which keeps each subtree together).
    pub async fn list_regions(&self) -> Result<Vec<Region>> {
        let rows = sqlx::query("SELECT code, name, level, parent_code FROM regions ORDER BY code")
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(region_from_row).collect()
    }

    /// One region by code.
    pub async fn region(&self, code: &str) -> Result<Region> {
        let row = sqlx::query("SELECT code, name, level, parent_code FROM regions WHERE code = $1")
            .bind(code)
            .fetch_one(&self.pool)
            .await?;
        region_from_row(&row)
    }

    /// Every government, ordered by region code.
    pub async fn list_governments(&self) -> Result<Vec<Government>> {
        let rows = sqlx::query(
            "SELECT id, region_code, name, parent_government_id, created_at FROM governments ORDER BY region_code",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(government_from_row).collect()
    }

    /// One government by id.
    pub async fn government(&self, id: i64) -> Result<Government> {
        let row = sqlx::query(
            "SELECT id, region_code, name, parent_government_id, created_at FROM governments WHERE id = $1",
        )
        .bind(id)
        .fetch_one(&self.pool)
        .await?;
        government_from_row(&row)
    }

    /// Creates a government for a region with its tamper-evident log (whose private key the caller
    /// keeps). The log's first entry is this event.
    pub async fn create_government(
        &self,
        actor: &Actor,
        now_ms: i64,
        region_code: &str,
        name: &str,
        parent_government_id: Option<i64>,
        log: &ledger::LogMetadata,
    ) -> Result<Government> {
        let mut tx = self.begin().await?;
        let id = next_id(&mut tx, 0, "governments").await?;
        sqlx::query(
            "INSERT INTO governments (id, region_code, name, parent_government_id, created_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(region_code)
        .bind(name)
        .bind(parent_government_id)
        .bind(now_ms)
        .execute(&mut *tx)
        .await?;
        crate::ledger::create_log_in_tx(&mut tx, id, log).await?;
        let mut w = WriteTx::from_parts(tx, id, actor, now_ms, self.ledger_memo.clone());
        let government = Government {
            id,
            region_code: region_code.to_owned(),
            name: name.to_owned(),
            parent_government_id,
            created_at: now_ms,
        };
        w.record(
            "government",
            &id.to_string(),
            "create",
            &government.ledger_content(),
        )
        .await?;
        w.audit("government.create", &format!("government:{id}"), name)
            .await?;
        w.commit().await?;
        Ok(government)
    }

    /// Departments of a government, by id.
    pub async fn list_departments(&self, government_id: i64) -> Result<Vec<Department>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {DEPARTMENT_COLUMNS} FROM departments WHERE government_id = $1 ORDER BY id"
        )))
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(Department::from_row).collect()
    }

    /// One department.
    pub async fn department(&self, government_id: i64, id: i64) -> Result<Department> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {DEPARTMENT_COLUMNS} FROM departments WHERE government_id = $1 AND id = $2"
        )))
        .bind(government_id)
        .bind(id)
        .fetch_one(&self.pool)
        .await?;
        Department::from_row(&row)
    }

    /// Published enforcement bodies of every government, for the portal, by government then id.
    pub async fn published_enforcement_bodies(&self) -> Result<Vec<(Government, Department)>> {
        let rows = sqlx::query(
            "SELECT d.government_id, d.id, d.name, d.short_name, d.parent_id, d.is_enforcement_body,
                    d.enforcement_basis, d.enforcement_published, d.created_at, d.updated_at,
                    g.region_code, g.name AS government_name, g.parent_government_id, g.created_at AS government_created_at
             FROM departments d JOIN governments g ON g.id = d.government_id
             WHERE d.is_enforcement_body = 1 AND d.enforcement_published = 1
             ORDER BY g.region_code, d.id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let dept = Department::from_row(r)?;
                let gov = Government {
                    id: dept.government_id,
                    region_code: r.try_get("region_code")?,
                    name: r.try_get("government_name")?,
                    parent_government_id: r.try_get("parent_government_id")?,
                    created_at: r.try_get("government_created_at")?,
                };
                Ok((gov, dept))
            })
            .collect()
    }
}

impl WriteTx {
    /// Creates a region (shared catalogue); audited in the system audit log.
    pub async fn create_region(
        &mut self,
        code: &str,
        name: &str,
        level: RegionLevel,
        parent_code: Option<&str>,
    ) -> Result<Region> {
        sqlx::query("INSERT INTO regions (code, name, level, parent_code) VALUES ($1, $2, $3, $4)")
            .bind(code)
            .bind(name)
            .bind(level.as_str())
            .bind(parent_code)
            .execute(&mut *self.tx)
            .await?;
        self.system_audit("region.create", &format!("region:{code}"), name)
            .await?;
        Ok(Region {
            code: code.to_owned(),
            name: name.to_owned(),
            level,
            parent_code: parent_code.map(str::to_owned),
        })
    }

    /// Creates a department under `parent_id` (or at the top).
    pub async fn create_department(
        &mut self,
        input: &DepartmentInput,
        parent_id: Option<i64>,
    ) -> Result<Department> {
        let id = self.next_id("departments").await?;
        let now = self.now_ms();
        let dept = Department {
            government_id: self.government_id(),
            id,
            name: input.name.clone(),
            short_name: input.short_name.clone(),
            parent_id,
            is_enforcement_body: input.is_enforcement_body,
            enforcement_basis: input.enforcement_basis.clone(),
            enforcement_published: false,
            created_at: now,
            updated_at: now,
        };
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO departments ({DEPARTMENT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        )))
        .bind(dept.government_id)
        .bind(dept.id)
        .bind(&dept.name)
        .bind(&dept.short_name)
        .bind(dept.parent_id)
        .bind(i64::from(dept.is_enforcement_body))
        .bind(&dept.enforcement_basis)
        .bind(0_i64)
        .bind(now)
        .bind(now)
        .execute(&mut *self.tx)
        .await?;
        self.record(
            "department",
            &id.to_string(),
            "create",
            &dept.ledger_content(),
        )
        .await?;
        self.audit("department.create", &format!("department:{id}"), &dept.name)
            .await?;
        Ok(dept)
    }

    /// Edits a department's name and enforcement-body data. A department that stops being an
    /// enforcement body is withdrawn from the portal in the same change.
    pub async fn update_department(
        &mut self,
        id: i64,
        input: &DepartmentInput,
    ) -> Result<Department> {
        let now = self.now_ms();
        let n = sqlx::query(
            "UPDATE departments SET name = $3, short_name = $4, is_enforcement_body = $5, enforcement_basis = $6,
                    enforcement_published = CASE WHEN $5 = 1 THEN enforcement_published ELSE 0 END, updated_at = $7
             WHERE government_id = $1 AND id = $2",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(&input.name)
        .bind(&input.short_name)
        .bind(i64::from(input.is_enforcement_body))
        .bind(&input.enforcement_basis)
        .bind(now)
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        let dept = self.department_in_tx(id).await?;
        self.record(
            "department",
            &id.to_string(),
            "edit",
            &dept.ledger_content(),
        )
        .await?;
        self.audit("department.edit", &format!("department:{id}"), &dept.name)
            .await?;
        Ok(dept)
    }

    /// Publishes or withdraws a department on the portal's list of enforcement bodies.
    pub async fn set_enforcement_published(
        &mut self,
        id: i64,
        published: bool,
    ) -> Result<Department> {
        let now = self.now_ms();
        let n = sqlx::query(
            "UPDATE departments SET enforcement_published = $3, updated_at = $4 WHERE government_id = $1 AND id = $2",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(i64::from(published))
        .bind(now)
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        let dept = self.department_in_tx(id).await?;
        let event = if published { "publish" } else { "withdraw" };
        self.record("department", &id.to_string(), event, &dept.ledger_content())
            .await?;
        self.audit(
            &format!("department.{event}"),
            &format!("department:{id}"),
            &dept.name,
        )
        .await?;
        Ok(dept)
    }

    async fn department_in_tx(&mut self, id: i64) -> Result<Department> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {DEPARTMENT_COLUMNS} FROM departments WHERE government_id = $1 AND id = $2"
        )))
        .bind(self.government_id())
        .bind(id)
        .fetch_one(&mut *self.tx)
        .await?;
        Department::from_row(&row)
    }
}

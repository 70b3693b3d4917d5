//! `fazhi db copy`: moves a whole deployment between engines (SQLite ⇄ PostgreSQL) with nothing lost.
//!
//! Rows are read generically (integer, real, text, bytes or NULL per column) and written in
//! foreign-key order inside one transaction on the target; self-references are written as NULL
//! first and set once every row of the table exists.

use std::collections::BTreeMap;

use sqlx::{Row, ValueRef, any::AnyRow};

use crate::{Result, Store, StoreError};

/// A column value read generically from either engine.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// Any integer.
    Int(i64),
    /// Floating point.
    Real(f64),
    /// Text.
    Text(String),
    /// Bytes.
    Bytes(Vec<u8>),
}

/// A table to copy: its name, its primary-key columns (for ordering and updates) and its
/// self-referencing columns (written in a second pass).
#[derive(Debug, Clone, Copy)]
pub struct TableSpec {
    /// Table name.
    pub name: &'static str,
    /// Primary key columns.
    pub primary_key: &'static [&'static str],
    /// Columns that refer to rows of the same table.
    pub self_refs: &'static [&'static str],
}

/// Every table, parents before children. A test checks that this list names every table.
pub const TABLES: &[TableSpec] = &[
    TableSpec {
        name: "regions",
        primary_key: &["code"],
        self_refs: &["parent_code"],
    },
    TableSpec {
        name: "governments",
        primary_key: &["id"],
        self_refs: &["parent_government_id"],
    },
    TableSpec {
        name: "id_sequences",
        primary_key: &["government_id", "name"],
        self_refs: &[],
    },
    TableSpec {
        name: "departments",
        primary_key: &["government_id", "id"],
        self_refs: &["parent_id"],
    },
    TableSpec {
        name: "users",
        primary_key: &["government_id", "id"],
        self_refs: &[],
    },
    TableSpec {
        name: "sessions",
        primary_key: &["government_id", "id"],
        self_refs: &[],
    },
    TableSpec {
        name: "audit_log",
        primary_key: &["government_id", "id"],
        self_refs: &[],
    },
    TableSpec {
        name: "system_audit_log",
        primary_key: &["id"],
        self_refs: &[],
    },
    TableSpec {
        name: "ledger_entries",
        primary_key: &["government_id", "idx"],
        self_refs: &[],
    },
    TableSpec {
        name: "ledger_logs",
        primary_key: &["government_id"],
        self_refs: &[],
    },
    TableSpec {
        name: "ledger_nodes",
        primary_key: &["government_id", "level", "idx"],
        self_refs: &[],
    },
    TableSpec {
        name: "ledger_tree_heads",
        primary_key: &["government_id", "tree_size"],
        self_refs: &[],
    },
    TableSpec {
        name: "deadlines",
        primary_key: &["government_id", "id"],
        self_refs: &[],
    },
    TableSpec {
        name: "powers",
        primary_key: &["government_id", "id"],
        self_refs: &[],
    },
    TableSpec {
        name: "power_status_events",
        primary_key: &["government_id", "power_id", "seq"],
        self_refs: &[],
    },
    TableSpec {
        name: "discretion_standards",
        primary_key: &["government_id", "power_id", "circumstance"],
        self_refs: &[],
    },
    TableSpec {
        name: "calendar_tables",
        primary_key: &["id"],
        self_refs: &[],
    },
    TableSpec {
        name: "evidence_files",
        primary_key: &["government_id", "content_hash"],
        self_refs: &[],
    },
    TableSpec {
        name: "evidence_links",
        primary_key: &["government_id", "id"],
        self_refs: &[],
    },
    TableSpec {
        name: "officers",
        primary_key: &["government_id", "id"],
        self_refs: &[],
    },
    TableSpec {
        name: "penalty_settings",
        primary_key: &["government_id", "department_id"],
        self_refs: &[],
    },
    TableSpec {
        name: "review_catalogue_items",
        primary_key: &["government_id", "id"],
        self_refs: &[],
    },
    TableSpec {
        name: "penalty_cases",
        primary_key: &["government_id", "id"],
        self_refs: &[],
    },
    TableSpec {
        name: "penalty_events",
        primary_key: &["government_id", "case_id", "seq"],
        self_refs: &[],
    },
    TableSpec {
        name: "disclosures",
        primary_key: &["government_id", "id"],
        self_refs: &[],
    },
    TableSpec {
        name: "major_penalty_filings",
        primary_key: &["government_id", "case_id"],
        self_refs: &[],
    },
    TableSpec {
        name: "summary_decisions",
        primary_key: &["government_id", "id"],
        self_refs: &[],
    },
    TableSpec {
        name: "supervision_settings",
        primary_key: &["government_id"],
        self_refs: &[],
    },
    TableSpec {
        name: "case_review_rounds",
        primary_key: &["government_id", "id"],
        self_refs: &[],
    },
    TableSpec {
        name: "case_review_files",
        primary_key: &["government_id", "round_id", "case_id"],
        self_refs: &[],
    },
    TableSpec {
        name: "rectifications",
        primary_key: &["government_id", "id"],
        self_refs: &[],
    },
    TableSpec {
        name: "inspection_targets",
        primary_key: &["government_id", "id"],
        self_refs: &[],
    },
    TableSpec {
        name: "inspection_exclusions",
        primary_key: &["government_id", "target_id", "officer_id"],
        self_refs: &[],
    },
    TableSpec {
        name: "inspection_plans",
        primary_key: &["government_id", "id"],
        self_refs: &[],
    },
    TableSpec {
        name: "inspections",
        primary_key: &["government_id", "id"],
        self_refs: &[],
    },
    TableSpec {
        name: "supervision_letters",
        primary_key: &["government_id", "id"],
        self_refs: &[],
    },
    TableSpec {
        name: "record_facts",
        primary_key: &["government_id", "record", "record_id"],
        self_refs: &[],
    },
    TableSpec {
        name: "indicator_aggregates",
        primary_key: &[
            "government_id",
            "department_id",
            "to_year",
            "from_year",
            "indicator",
            "month",
        ],
        self_refs: &[],
    },
    TableSpec {
        name: "indicator_cursor",
        primary_key: &["government_id"],
        self_refs: &[],
    },
    TableSpec {
        name: "annual_reports",
        primary_key: &["government_id", "id"],
        self_refs: &[],
    },
    TableSpec {
        name: "annual_report_versions",
        primary_key: &["government_id", "report_id", "version"],
        self_refs: &[],
    },
    TableSpec {
        name: "normative_issuers",
        primary_key: &["government_id", "id"],
        self_refs: &[],
    },
    TableSpec {
        name: "normative_documents",
        primary_key: &["government_id", "id"],
        self_refs: &[],
    },
    TableSpec {
        name: "normative_texts",
        primary_key: &["government_id", "document_id", "seq"],
        self_refs: &[],
    },
    TableSpec {
        name: "normative_events",
        primary_key: &["government_id", "document_id", "seq"],
        self_refs: &[],
    },
    TableSpec {
        name: "normative_objections",
        primary_key: &["government_id", "id"],
        self_refs: &[],
    },
    TableSpec {
        name: "normative_campaigns",
        primary_key: &["government_id", "id"],
        self_refs: &[],
    },
    TableSpec {
        name: "search_cursor",
        primary_key: &["government_id"],
        self_refs: &[],
    },
];

fn read_value(row: &AnyRow, i: usize) -> Result<Value> {
    let raw = row.try_get_raw(i)?;
    if raw.is_null() {
        return Ok(Value::Null);
    }
    if let Ok(v) = row.try_get::<i64, _>(i) {
        return Ok(Value::Int(v));
    }
    if let Ok(v) = row.try_get::<f64, _>(i) {
        return Ok(Value::Real(v));
    }
    if let Ok(v) = row.try_get::<String, _>(i) {
        return Ok(Value::Text(v));
    }
    Ok(Value::Bytes(row.try_get::<Vec<u8>, _>(i)?))
}

impl Store {
    /// Every row of a table, ordered by primary key, with the column names.
    pub async fn dump_table(&self, spec: &TableSpec) -> Result<(Vec<String>, Vec<Vec<Value>>)> {
        let tables = self.tables().await?;
        let columns = tables.get(spec.name).cloned().ok_or(StoreError::NotFound)?;
        let sql = format!(
            "SELECT {} FROM {} ORDER BY {}",
            columns.join(", "),
            spec.name,
            spec.primary_key.join(", ")
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            out.push(
                (0..columns.len())
                    .map(|i| read_value(row, i))
                    .collect::<Result<Vec<_>>>()?,
            );
        }
        Ok((columns, out))
    }

    /// Whether every application table is empty (a copy target must be).
    pub async fn is_empty(&self) -> Result<bool> {
        for spec in TABLES {
            let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                "SELECT COUNT(*) FROM {}",
                spec.name
            )))
            .fetch_one(&self.pool)
            .await?;
            if n > 0 {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

fn bind_value<'q>(
    q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    v: &Value,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    match v {
        Value::Null => q.bind(None::<i64>),
        Value::Int(i) => q.bind(*i),
        Value::Real(f) => q.bind(*f),
        Value::Text(s) => q.bind(s.clone()),
        Value::Bytes(b) => q.bind(b.clone()),
    }
}

/// Copies every table from `from` to `to` (which must be migrated and empty), in one transaction
/// on the target. Returns the number of rows copied per table.
pub async fn copy_database(from: &Store, to: &Store) -> Result<BTreeMap<&'static str, usize>> {
    if !to.is_empty().await? {
        return Err(StoreError::Conflict(
            "目标数据库不是空的；请使用新建的数据库".to_owned(),
        ));
    }
    let mut counts = BTreeMap::new();
    let mut tx = to.begin().await?;
    for spec in TABLES {
        let (columns, rows) = from.dump_table(spec).await?;
        let placeholders: Vec<String> = (1..=columns.len()).map(|i| format!("${i}")).collect();
        let insert = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            spec.name,
            columns.join(", "),
            placeholders.join(", ")
        );
        let self_ref_idx: Vec<usize> = spec
            .self_refs
            .iter()
            .filter_map(|c| columns.iter().position(|x| x == c))
            .collect();
        for row in &rows {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(insert.clone()));
            for (i, v) in row.iter().enumerate() {
                q = bind_value(
                    q,
                    if self_ref_idx.contains(&i) {
                        &Value::Null
                    } else {
                        v
                    },
                );
            }
            q.execute(&mut *tx).await?;
        }
        for &ci in &self_ref_idx {
            let pk_idx: Vec<usize> = spec
                .primary_key
                .iter()
                .map(|c| columns.iter().position(|x| x == c).expect("pk column"))
                .collect();
            let where_clause: Vec<String> = spec
                .primary_key
                .iter()
                .enumerate()
                .map(|(k, c)| format!("{c} = ${}", k + 2))
                .collect();
            let update = format!(
                "UPDATE {} SET {} = $1 WHERE {}",
                spec.name,
                columns[ci],
                where_clause.join(" AND ")
            );
            for row in rows.iter().filter(|r| r[ci] != Value::Null) {
                let mut q = bind_value(sqlx::query(sqlx::AssertSqlSafe(update.clone())), &row[ci]);
                for &pi in &pk_idx {
                    q = bind_value(q, &row[pi]);
                }
                q.execute(&mut *tx).await?;
            }
        }
        counts.insert(spec.name, rows.len());
    }
    tx.commit().await?;
    Ok(counts)
}

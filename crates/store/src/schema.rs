//! Schema introspection on both engines: tables, columns and keys. Used by the schema guard
//! tests (`schemas_match`, `schema_tenancy`) and by `db copy`.

use std::collections::BTreeMap;

use sqlx::Row;

use crate::{Engine, Result, Store};

/// The kind of a key constraint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum KeyKind {
    /// PRIMARY KEY.
    Primary,
    /// UNIQUE.
    Unique,
    /// FOREIGN KEY (columns of the referencing side).
    Foreign,
}

/// A key of a table and its columns, in order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    /// What kind of key.
    pub kind: KeyKind,
    /// Its columns.
    pub columns: Vec<String>,
    /// For a foreign key, the referenced table.
    pub references: Option<String>,
}

/// Tables of the catalogue (shared by all governments), which carry no `government_id`.
pub const CATALOGUE_TABLES: &[&str] = &[
    "regions",
    "governments",
    "system_audit_log",
    "calendar_tables",
];

impl Store {
    /// Every application table with its columns in declaration order (migration bookkeeping excluded).
    pub async fn tables(&self) -> Result<BTreeMap<String, Vec<String>>> {
        let names: Vec<String> = match self.engine() {
            Engine::Sqlite => sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                 AND name NOT LIKE '_sqlx%' ORDER BY name",
            )
            .fetch_all(&self.pool)
            .await?,
            Engine::Postgres => sqlx::query_scalar(
                "SELECT CAST(table_name AS TEXT) FROM information_schema.tables WHERE table_schema = current_schema()
                 AND table_type = 'BASE TABLE' AND table_name NOT LIKE '_sqlx%' ORDER BY table_name",
            )
            .fetch_all(&self.pool)
            .await?,
        };
        let mut out = BTreeMap::new();
        for name in names {
            let columns: Vec<String> = match self.engine() {
                Engine::Sqlite => sqlx::query_scalar("SELECT name FROM pragma_table_info($1) ORDER BY cid")
                    .bind(&name)
                    .fetch_all(&self.pool)
                    .await?,
                Engine::Postgres => sqlx::query_scalar(
                    "SELECT CAST(column_name AS TEXT) FROM information_schema.columns
                     WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
                )
                .bind(&name)
                .fetch_all(&self.pool)
                .await?,
            };
            out.insert(name, columns);
        }
        Ok(out)
    }

    /// The primary, unique and foreign keys of a table.
    pub async fn keys(&self, table: &str) -> Result<Vec<Key>> {
        let mut keys = Vec::new();
        match self.engine() {
            Engine::Sqlite => {
                let indexes = sqlx::query("SELECT name, origin FROM pragma_index_list($1)")
                    .bind(table)
                    .fetch_all(&self.pool)
                    .await?;
                for ix in indexes {
                    let origin: String = ix.try_get("origin")?;
                    let kind = match origin.as_str() {
                        "pk" => KeyKind::Primary,
                        "u" => KeyKind::Unique,
                        _ => continue,
                    };
                    let name: String = ix.try_get("name")?;
                    let columns: Vec<String> =
                        sqlx::query_scalar("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                            .bind(&name)
                            .fetch_all(&self.pool)
                            .await?;
                    keys.push(Key {
                        kind,
                        columns,
                        references: None,
                    });
                }
                // A single-column INTEGER PRIMARY KEY has no index entry; read it from table_info.
                if !keys.iter().any(|k| k.kind == KeyKind::Primary) {
                    let columns: Vec<String> = sqlx::query_scalar(
                        "SELECT name FROM pragma_table_info($1) WHERE pk > 0 ORDER BY pk",
                    )
                    .bind(table)
                    .fetch_all(&self.pool)
                    .await?;
                    if !columns.is_empty() {
                        keys.push(Key {
                            kind: KeyKind::Primary,
                            columns,
                            references: None,
                        });
                    }
                }
                let fks = sqlx::query("SELECT id, seq, \"table\" AS target, \"from\" AS col FROM pragma_foreign_key_list($1) ORDER BY id, seq")
                    .bind(table)
                    .fetch_all(&self.pool)
                    .await?;
                let mut by_id: BTreeMap<i64, Key> = BTreeMap::new();
                for fk in fks {
                    let id: i64 = fk.try_get("id")?;
                    let entry = by_id.entry(id).or_insert_with(|| Key {
                        kind: KeyKind::Foreign,
                        columns: Vec::new(),
                        references: None,
                    });
                    entry.columns.push(fk.try_get("col")?);
                    entry.references = Some(fk.try_get("target")?);
                }
                keys.extend(by_id.into_values());
            }
            Engine::Postgres => {
                let rows = sqlx::query(
                    "SELECT CAST(tc.constraint_name AS TEXT) AS name, CAST(tc.constraint_type AS TEXT) AS kind,
                            CAST(kcu.column_name AS TEXT) AS col,
                            (SELECT CAST(ccu.table_name AS TEXT) FROM information_schema.constraint_column_usage ccu
                              WHERE ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema LIMIT 1) AS target
                     FROM information_schema.table_constraints tc
                     JOIN information_schema.key_column_usage kcu
                       ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
                     WHERE tc.table_schema = current_schema() AND tc.table_name = $1
                       AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')
                     ORDER BY tc.constraint_name, kcu.ordinal_position",
                )
                .bind(table)
                .fetch_all(&self.pool)
                .await?;
                let mut by_name: BTreeMap<String, Key> = BTreeMap::new();
                for r in rows {
                    let name: String = r.try_get("name")?;
                    let kind: String = r.try_get("kind")?;
                    let kind = match kind.as_str() {
                        "PRIMARY KEY" => KeyKind::Primary,
                        "UNIQUE" => KeyKind::Unique,
                        _ => KeyKind::Foreign,
                    };
                    let target: Option<String> = r.try_get("target")?;
                    let entry = by_name.entry(name).or_insert_with(|| Key {
                        kind,
                        columns: Vec::new(),
                        references: if kind == KeyKind::Foreign {
                            target
                        } else {
                            None
                        },
                    });
                    entry.columns.push(r.try_get("col")?);
                }
                keys.extend(by_name.into_values());
            }
        }
        keys.sort();
        Ok(keys)
    }
}

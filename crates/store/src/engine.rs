//! Opening a database: the URL decides the engine; SQLite gets WAL, foreign keys and a busy timeout.

use std::path::Path;
use std::str::FromStr;
use std::sync::Once;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

use crate::{Result, StoreError};

/// The database engine behind a [`Store`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Embedded SQLite, one file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

impl Engine {
    /// Decides the engine from a URL scheme; anything else is refused.
    pub fn from_url(url: &str) -> Result<Engine> {
        if url.starts_with("sqlite:") {
            Ok(Engine::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Engine::Postgres)
        } else {
            Err(StoreError::BadUrl(format!(
                "不支持的数据库地址：{url}（应以 sqlite: 或 postgres:// 开头）"
            )))
        }
    }

    /// Name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Engine::Sqlite => "SQLite",
            Engine::Postgres => "PostgreSQL",
        }
    }
}

/// A handle on the database: a connection pool and the engine it talks to. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    engine: Engine,
    url: String,
    /// What this process remembers of each log between transactions (shared by every clone).
    pub(crate) ledger_memo: std::sync::Arc<crate::ledger::LedgerMemo>,
}

static DRIVERS: Once = Once::new();

/// The SQLite URL for a data folder (created if missing): `DIR/fazhi.db`.
pub fn sqlite_url_for_dir(dir: &Path) -> Result<String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| StoreError::BadUrl(format!("无法创建数据目录 {}：{e}", dir.display())))?;
    let file = dir.join("fazhi.db");
    Ok(format!("sqlite://{}?mode=rwc", file.display()))
}

impl Store {
    /// Connects to `url` (sqlite:… or postgres://…) without migrating.
    pub async fn connect(url: &str) -> Result<Store> {
        DRIVERS.call_once(sqlx::any::install_default_drivers);
        let engine = Engine::from_url(url)?;
        let options =
            AnyConnectOptions::from_str(url).map_err(|e| StoreError::BadUrl(e.to_string()))?;
        let pool_options = AnyPoolOptions::new()
            .acquire_timeout(Duration::from_secs(5))
            .max_connections(if engine == Engine::Sqlite { 8 } else { 16 });
        let pool_options = if engine == Engine::Sqlite {
            pool_options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    // WAL lets readers run beside the writer; foreign keys are off by default in
                    // SQLite; the busy timeout makes a second writer wait instead of failing.
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                    conn.execute("PRAGMA busy_timeout = 5000").await?;
                    conn.execute("PRAGMA synchronous = NORMAL").await?;
                    Ok(())
                })
            })
        } else {
            pool_options
        };
        let pool = pool_options.connect_with(options).await?;
        Ok(Store {
            pool,
            engine,
            url: url.to_owned(),
            ledger_memo: Default::default(),
        })
    }

    /// Connects and brings the schema up to date.
    pub async fn open(url: &str) -> Result<Store> {
        let store = Store::connect(url).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Runs the engine's pending migrations.
    pub async fn migrate(&self) -> Result<()> {
        crate::migrations::migrator(self.engine)
            .run(&self.pool)
            .await?;
        Ok(())
    }

    /// The engine behind this store.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// The URL this store was opened with.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Checks that the database answers (for `/healthz`).
    pub async fn ping(&self) -> Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    /// Closes every connection.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Begins a transaction; on SQLite it takes the write lock at once (BEGIN IMMEDIATE) so that
    /// two writers queue on the busy timeout instead of failing on a lock upgrade.
    pub(crate) async fn begin(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(match self.engine {
            Engine::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Engine::Postgres => self.pool.begin().await?,
        })
    }
}

impl Store {
    /// Runs one SQL statement as given. For tests that tamper with the database around the write
    /// path (to prove the ledger catches it) and for operators' maintenance; never for requests.
    pub async fn execute_raw(&self, sql: &str) -> Result<u64> {
        Ok(sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(&self.pool)
            .await?
            .rows_affected())
    }

    /// Runs one query that answers a single integer (`COUNT(*)`, a `SUM` cast to BIGINT; NULL
    /// reads as 0). For tests that check figures against plain SQL over the same rows, and for
    /// benchmarks' baselines; never for requests.
    pub async fn scalar_raw(&self, sql: &str) -> Result<i64> {
        let v: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned()))
            .fetch_one(&self.pool)
            .await?;
        Ok(v.unwrap_or(0))
    }
}

/// A bare transaction for benchmarks' baselines: the same driver and transaction handling as
/// the write path, without the ledger.
pub struct RawTx(sqlx::Transaction<'static, sqlx::Any>);

impl Store {
    /// Begins a bare transaction (benchmark baselines only).
    pub async fn begin_raw(&self) -> Result<RawTx> {
        Ok(RawTx(self.begin().await?))
    }
}

impl RawTx {
    /// Inserts `(id, body)` into a two-column table with one bound statement.
    pub async fn insert_text_row(&mut self, table: &str, id: i64, body: &str) -> Result<()> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO {table} (id, body) VALUES ($1, $2)"
        )))
        .bind(id)
        .bind(body)
        .execute(&mut *self.0)
        .await?;
        Ok(())
    }

    /// Commits.
    pub async fn commit(self) -> Result<()> {
        self.0.commit().await?;
        Ok(())
    }
}

impl crate::WriteTx {
    /// Inserts `(id, body)` into a two-column table with one bound statement, in this write's
    /// transaction: the benchmark's stand-in for a record's own row beside its ledger entry.
    /// Product tables are written only by their own modules.
    pub async fn insert_text_row(&mut self, table: &str, id: i64, body: &str) -> Result<()> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO {table} (id, body) VALUES ($1, $2)"
        )))
        .bind(id)
        .bind(body)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }
}

impl Store {
    /// The plan SQLite chooses for `sql` (an `EXPLAIN QUERY PLAN …` statement) with `n_params`
    /// parameters bound to 0, one line per step: for tests that guard hot queries' plans.
    pub async fn explain_sqlite(&self, sql: &str, n_params: usize) -> Result<String> {
        use sqlx::Row;
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()));
        for _ in 0..n_params {
            q = q.bind(0_i64);
        }
        let rows = q.fetch_all(&self.pool).await?;
        let mut out = String::new();
        for r in rows {
            let detail: String = r.try_get("detail")?;
            out.push_str(&detail);
            out.push('\n');
        }
        Ok(out)
    }
}

//! Fresh databases for tests on both engines.
//!
//! SQLite: a new file in a temporary folder. PostgreSQL: a new database created on the server
//! named by `FAZHI_TEST_PG` (default `postgres://postgres@127.0.0.1:5432/test`) and dropped by
//! [`TestDb::finish`]. When PostgreSQL cannot be reached the PostgreSQL half is skipped with a
//! message, unless `CI=true`, where that is a failure.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::{Engine, Store};

/// The default PostgreSQL server for tests.
pub const DEFAULT_TEST_PG: &str = "postgres://postgres@127.0.0.1:5432/test";

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A migrated, empty database that a test owns.
pub struct TestDb {
    /// The store on it.
    pub store: Store,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(PathBuf),
    Postgres { admin_url: String, name: String },
}

/// A name part no other test of any run uses: the process, a counter and the clock's
/// nanoseconds (a process id alone comes back in later runs, beside their leftovers).
pub fn unique_suffix() -> String {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!("{}_{n}_{nanos}", std::process::id())
}

/// A fresh SQLite database in a new temporary folder.
pub async fn sqlite() -> TestDb {
    let dir = std::env::temp_dir().join(format!("fazhi-test-{}", unique_suffix()));
    let url = crate::engine::sqlite_url_for_dir(&dir).expect("temporary folder");
    let store = Store::open(&url).await.expect("open SQLite test database");
    TestDb {
        store,
        cleanup: Cleanup::Dir(dir),
    }
}

/// The PostgreSQL server URL for tests.
pub fn postgres_admin_url() -> String {
    std::env::var("FAZHI_TEST_PG").unwrap_or_else(|_| DEFAULT_TEST_PG.to_owned())
}

/// A fresh PostgreSQL database, or `None` (with a message) when no server answers outside CI.
///
/// # Panics
/// When the server cannot be reached and `CI=true`: CI must run every store test on both engines.
pub async fn postgres() -> Option<TestDb> {
    let admin_url = postgres_admin_url();
    let admin = match Store::connect(&admin_url).await {
        Ok(s) => s,
        Err(e) => {
            if std::env::var("CI").as_deref() == Ok("true") {
                panic!(
                    "PostgreSQL unreachable at {admin_url} ({e}) and CI=true: store tests must run on both engines"
                );
            }
            eprintln!(
                "skipping the PostgreSQL half of this test: {admin_url} unreachable ({e}); set FAZHI_TEST_PG"
            );
            return None;
        }
    };
    let name = format!("fazhi_t_{}", unique_suffix());
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&admin.pool)
        .await
        .expect("create test database");
    admin.close().await;
    let base = admin_url
        .rsplit_once('/')
        .map(|(b, _)| b)
        .unwrap_or(&admin_url);
    let store = Store::open(&format!("{base}/{name}"))
        .await
        .expect("open PostgreSQL test database");
    Some(TestDb {
        store,
        cleanup: Cleanup::Postgres { admin_url, name },
    })
}

/// A fresh database on every engine available: SQLite always, PostgreSQL when reachable.
pub async fn engines() -> Vec<TestDb> {
    let mut dbs = vec![sqlite().await];
    if let Some(pg) = postgres().await {
        dbs.push(pg);
    }
    dbs
}

impl TestDb {
    /// The engine of this database.
    pub fn engine(&self) -> Engine {
        self.store.engine()
    }

    /// Closes the store and deletes the database.
    pub async fn finish(self) {
        self.store.close().await;
        match self.cleanup {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Postgres { admin_url, name } => {
                if let Ok(admin) = Store::connect(&admin_url).await {
                    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                    )))
                    .execute(&admin.pool)
                    .await;
                    admin.close().await;
                }
            }
        }
    }
}

/// Log metadata for a test government (SHA-256 and Ed25519, so tests run fast; the key is dropped).
pub fn test_log(region_code: &str) -> ledger::LogMetadata {
    ledger::create_log(
        format!("fazhi:test:{region_code}"),
        "测试",
        ledger::HashAlgorithm::Sha256,
        ledger::SignatureAlgorithm::Ed25519,
        0,
    )
    .expect("test key")
    .0
}

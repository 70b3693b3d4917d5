//! The embedded migrations of both engines.
//!
//! Built at run time from `include_str!` rather than with `sqlx::migrate!`, which would need
//! sqlx's proc-macro crate and a second compile of both drivers for the host (about 40 s on our
//! machines). The list must name every file in `migrations/sqlite` and `migrations/postgres`;
//! the test `migrations_are_paired` checks it.

use std::borrow::Cow;

use sqlx::migrate::{Migration, MigrationType, Migrator};

use crate::Engine;

/// One migration: version, description, and its SQL for each engine.
struct Pair {
    version: i64,
    description: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

/// Every migration, oldest first. File names are `{version}_{description}.sql` in both folders.
const MIGRATIONS: &[Pair] = &[
    Pair {
        version: 20261123000001,
        description: "foundation",
        sqlite: include_str!("../migrations/sqlite/20261123000001_foundation.sql"),
        postgres: include_str!("../migrations/postgres/20261123000001_foundation.sql"),
    },
    Pair {
        version: 20261123000002,
        description: "calendar_tables",
        sqlite: include_str!("../migrations/sqlite/20261123000002_calendar_tables.sql"),
        postgres: include_str!("../migrations/postgres/20261123000002_calendar_tables.sql"),
    },
    Pair {
        version: 20261123000003,
        description: "deadlines",
        sqlite: include_str!("../migrations/sqlite/20261123000003_deadlines.sql"),
        postgres: include_str!("../migrations/postgres/20261123000003_deadlines.sql"),
    },
    Pair {
        version: 20261123000004,
        description: "ledger",
        sqlite: include_str!("../migrations/sqlite/20261123000004_ledger.sql"),
        postgres: include_str!("../migrations/postgres/20261123000004_ledger.sql"),
    },
    Pair {
        version: 20261123000005,
        description: "officers",
        sqlite: include_str!("../migrations/sqlite/20261123000005_officers.sql"),
        postgres: include_str!("../migrations/postgres/20261123000005_officers.sql"),
    },
    Pair {
        version: 20261123000006,
        description: "powers",
        sqlite: include_str!("../migrations/sqlite/20261123000006_powers.sql"),
        postgres: include_str!("../migrations/postgres/20261123000006_powers.sql"),
    },
    Pair {
        version: 20261123000007,
        description: "evidence",
        sqlite: include_str!("../migrations/sqlite/20261123000007_evidence.sql"),
        postgres: include_str!("../migrations/postgres/20261123000007_evidence.sql"),
    },
    Pair {
        version: 20261123000008,
        description: "penalty",
        sqlite: include_str!("../migrations/sqlite/20261123000008_penalty.sql"),
        postgres: include_str!("../migrations/postgres/20261123000008_penalty.sql"),
    },
    Pair {
        version: 20261123000009,
        description: "normative",
        sqlite: include_str!("../migrations/sqlite/20261123000009_normative.sql"),
        postgres: include_str!("../migrations/postgres/20261123000009_normative.sql"),
    },
    Pair {
        version: 20261123000010,
        description: "indicators",
        sqlite: include_str!("../migrations/sqlite/20261123000010_indicators.sql"),
        postgres: include_str!("../migrations/postgres/20261123000010_indicators.sql"),
    },
    Pair {
        version: 20261123000011,
        description: "supervision",
        sqlite: include_str!("../migrations/sqlite/20261123000011_supervision.sql"),
        postgres: include_str!("../migrations/postgres/20261123000011_supervision.sql"),
    },
    Pair {
        version: 20261123000012,
        description: "summary",
        sqlite: include_str!("../migrations/sqlite/20261123000012_summary.sql"),
        postgres: include_str!("../migrations/postgres/20261123000012_summary.sql"),
    },
    Pair {
        version: 20261123000013,
        description: "ledger_integration",
        sqlite: include_str!("../migrations/sqlite/20261123000013_ledger_integration.sql"),
        postgres: include_str!("../migrations/postgres/20261123000013_ledger_integration.sql"),
    },
];

/// The file names the embedded list expects in each folder.
pub fn expected_file_names() -> Vec<String> {
    MIGRATIONS
        .iter()
        .map(|m| format!("{}_{}.sql", m.version, m.description))
        .collect()
}

/// The migrator for an engine.
pub fn migrator(engine: Engine) -> Migrator {
    let migrations = MIGRATIONS
        .iter()
        .map(|m| {
            let sql = match engine {
                Engine::Sqlite => m.sqlite,
                Engine::Postgres => m.postgres,
            };
            Migration::new(
                m.version,
                Cow::Borrowed(m.description),
                MigrationType::Simple,
                sql.into_sql_str(),
                false,
            )
        })
        .collect::<Vec<_>>();
    Migrator {
        migrations: Cow::Owned(migrations),
        ..Migrator::DEFAULT
    }
}

use sqlx::SqlSafeStr;

//! Store tests: every test runs on SQLite and, when reachable, on PostgreSQL.

use domain::account::{LoginOutcome, Role};
use domain::org::{DepartmentInput, RegionLevel};
use store::copy::{TABLES, copy_database};
use store::schema::{CATALOGUE_TABLES, KeyKind};
use store::test_support::{self, TestDb};
use store::{Actor, AuditFilter, NewUser, Store, StoreError};

const T0: i64 = 1_764_000_000_000;

async fn seed(store: &Store) -> i64 {
    let admin = Actor::system("测试");
    let mut tx = store.begin_write(0, &admin, T0).await.unwrap();
    tx.create_region("630000", "青海省", RegionLevel::Province, None)
        .await
        .unwrap();
    tx.create_region(
        "632800",
        "海西蒙古族藏族自治州",
        RegionLevel::City,
        Some("630000"),
    )
    .await
    .unwrap();
    tx.create_region("632801", "格尔木市", RegionLevel::County, Some("632800"))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    store
        .create_government(
            &admin,
            T0,
            "632801",
            "格尔木市人民政府",
            None,
            &test_support::test_log("632801"),
        )
        .await
        .unwrap()
        .id
}

fn department(name: &str, enforcement: bool) -> DepartmentInput {
    DepartmentInput::parse(
        name,
        "",
        enforcement,
        if enforcement {
            "《中华人民共和国行政处罚法》第十七条"
        } else {
            ""
        },
    )
    .unwrap()
}

#[tokio::test]
async fn migrations_are_paired() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let names = |dir: &str| {
        let mut v: Vec<String> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        v.sort();
        v
    };
    let sqlite = names("sqlite");
    let postgres = names("postgres");
    assert_eq!(
        sqlite, postgres,
        "both engines must have the same migration files"
    );
    assert_eq!(
        sqlite,
        store::migrations::expected_file_names(),
        "the embedded list must name every file"
    );
}

#[tokio::test]
async fn schemas_match() {
    let sqlite = test_support::sqlite().await;
    let Some(pg) = test_support::postgres().await else {
        sqlite.finish().await;
        return;
    };
    let a = sqlite.store.tables().await.unwrap();
    let b = pg.store.tables().await.unwrap();
    assert_eq!(
        a, b,
        "SQLite and PostgreSQL must have the same tables and columns"
    );
    for table in a.keys() {
        let ka = sqlite.store.keys(table).await.unwrap();
        let kb = pg.store.keys(table).await.unwrap();
        assert_eq!(ka, kb, "keys of {table}");
    }
    sqlite.finish().await;
    pg.finish().await;
}

#[tokio::test]
async fn schema_tenancy() {
    for db in test_support::engines().await {
        let tables = db.store.tables().await.unwrap();
        for (table, columns) in &tables {
            if CATALOGUE_TABLES.contains(&table.as_str()) {
                continue;
            }
            assert_eq!(
                columns[0],
                "government_id",
                "{table}: government_id comes first ({:?})",
                db.engine()
            );
            for key in db.store.keys(table).await.unwrap() {
                assert_eq!(
                    key.columns[0], "government_id",
                    "{table}: every key starts with government_id: {key:?}"
                );
                if key.kind == KeyKind::Foreign && key.references.as_deref() != Some("governments")
                {
                    assert!(key.columns.len() >= 2, "{table}: {key:?}");
                }
            }
        }
        db.finish().await;
    }
}

#[tokio::test]
async fn copy_table_list_names_every_table() {
    let db = test_support::sqlite().await;
    let tables = db.store.tables().await.unwrap();
    let listed: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
    for table in tables.keys() {
        assert!(
            listed.contains(&table.as_str()),
            "store::copy::TABLES must list {table}"
        );
    }
    db.finish().await;
}

#[tokio::test]
async fn department_changes_are_ledgered_in_the_same_transaction() {
    for db in test_support::engines().await {
        let s = &db.store;
        let gov = seed(s).await;
        let before = s.ledger_size(gov).await.unwrap();
        let actor = Actor {
            user_id: None,
            name: "张三".into(),
        };
        let mut tx = s.begin_write(gov, &actor, T0 + 1).await.unwrap();
        let d = tx
            .create_department(&department("格尔木市市场监督管理局", true), None)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let mut tx = s.begin_write(gov, &actor, T0 + 2).await.unwrap();
        let d2 = tx.set_enforcement_published(d.id, true).await.unwrap();
        tx.commit().await.unwrap();
        assert!(d2.enforcement_published);
        let entries = s.ledger_entries(gov, before, before + 10).await.unwrap();
        let events: Vec<&str> = entries.iter().map(|e| e.event.as_str()).collect();
        assert_eq!(events, ["create", "publish"], "{:?}", db.engine());
        assert_eq!(entries[1].actor, "张三");
        assert!(entries[1].body.contains("\"enforcement_published\":true"));
        let published = s.published_enforcement_bodies().await.unwrap();
        assert_eq!(published.len(), 1);
        assert_eq!(published[0].1.name, "格尔木市市场监督管理局");
        // Unpublishing by making it a non-enforcement department withdraws it in the same change.
        let mut tx = s.begin_write(gov, &actor, T0 + 3).await.unwrap();
        tx.update_department(d.id, &department("格尔木市市场监督管理局", false))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert!(s.published_enforcement_bodies().await.unwrap().is_empty());
        db.finish().await;
    }
}

#[tokio::test]
async fn a_failed_change_leaves_nothing_behind() {
    for db in test_support::engines().await {
        let s = &db.store;
        let gov = seed(s).await;
        let actor = Actor::system("测试");
        let mut tx = s.begin_write(gov, &actor, T0).await.unwrap();
        tx.create_department(&department("县公安局", true), None)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let size = s.ledger_size(gov).await.unwrap();
        let outbox = s.max_outbox_id(gov).await.unwrap();
        // A duplicate name is refused by the unique key; the department written first in the same
        // transaction must not survive either.
        let mut tx = s.begin_write(gov, &actor, T0).await.unwrap();
        tx.create_department(&department("县交通运输局", true), None)
            .await
            .unwrap();
        let err = tx
            .create_department(&department("县公安局", true), None)
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
        drop(tx);
        assert_eq!(
            s.list_departments(gov).await.unwrap().len(),
            1,
            "{:?}",
            db.engine()
        );
        assert_eq!(s.ledger_size(gov).await.unwrap(), size);
        assert_eq!(s.max_outbox_id(gov).await.unwrap(), outbox);
        // A transaction that records nothing cannot commit.
        let tx = s.begin_write(gov, &actor, T0).await.unwrap();
        assert!(matches!(tx.commit().await, Err(StoreError::WritePath(_))));
        db.finish().await;
    }
}

#[tokio::test]
async fn usernames_are_unique_across_governments() {
    for db in test_support::engines().await {
        let s = &db.store;
        let gov = seed(s).await;
        let actor = Actor::system("测试");
        let new = NewUser {
            username: "zhangsan".into(),
            display_name: "张三".into(),
            role: Role::LegalOffice,
            department_id: None,
            password_hash: "$argon2id$x".into(),
            must_change_password: true,
        };
        let mut tx = s.begin_write(gov, &actor, T0).await.unwrap();
        let u = tx.create_user(&new).await.unwrap();
        tx.commit().await.unwrap();
        let gov2 = s
            .create_government(
                &actor,
                T0,
                "632800",
                "海西州人民政府",
                None,
                &test_support::test_log("632800"),
            )
            .await
            .unwrap()
            .id;
        let mut tx = s.begin_write(gov2, &actor, T0).await.unwrap();
        assert!(matches!(
            tx.create_user(&new).await,
            Err(StoreError::Conflict(_))
        ));
        drop(tx);
        let (found, hash) = s.find_login("zhangsan").await.unwrap().unwrap();
        assert_eq!(found, u);
        assert_eq!(hash, "$argon2id$x");
        assert!(s.find_login("lisi").await.unwrap().is_none());
        db.finish().await;
    }
}

#[tokio::test]
async fn login_outcomes_are_persisted_and_audited() {
    for db in test_support::engines().await {
        let s = &db.store;
        let gov = seed(s).await;
        let actor = Actor::system("测试");
        let mut tx = s.begin_write(gov, &actor, T0).await.unwrap();
        let u = tx
            .create_user(&NewUser {
                username: "lisi".into(),
                display_name: "李四".into(),
                role: Role::Leader,
                department_id: None,
                password_hash: "h".into(),
                must_change_password: false,
            })
            .await
            .unwrap();
        tx.commit().await.unwrap();
        s.record_login(
            &u,
            LoginOutcome::Failure { failed_logins: 1 },
            T0 + 1,
            "127.0.0.1",
        )
        .await
        .unwrap();
        s.record_login(
            &u,
            LoginOutcome::LockedNow {
                until: T0 + 900_000,
            },
            T0 + 2,
            "127.0.0.1",
        )
        .await
        .unwrap();
        let u2 = s.user(gov, u.id).await.unwrap();
        assert_eq!(u2.locked_until, Some(T0 + 900_000));
        let (entries, total) = s
            .list_audit(
                gov,
                &AuditFilter {
                    action: Some("account_locked".into()),
                    limit: 10,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(total, 1);
        assert_eq!(entries[0].client_ip, "127.0.0.1");
        let (_, all) = s
            .list_audit(
                gov,
                &AuditFilter {
                    actor: Some("lis".into()),
                    limit: 10,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(all, 2);
        let mut tx = s.begin_write(gov, &actor, T0 + 3).await.unwrap();
        tx.unlock_user(u.id).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(s.user(gov, u.id).await.unwrap().locked_until, None);
        db.finish().await;
    }
}

async fn dump_all(store: &Store) -> Vec<(Vec<String>, Vec<Vec<store::copy::Value>>)> {
    let mut out = Vec::new();
    for spec in TABLES {
        out.push(store.dump_table(spec).await.unwrap());
    }
    out
}

#[tokio::test]
async fn db_copy_round_trips_between_engines() {
    let src = test_support::sqlite().await;
    let gov = seed(&src.store).await;
    let actor = Actor::system("测试");
    let mut tx = src.store.begin_write(gov, &actor, T0).await.unwrap();
    let parent = tx
        .create_department(&department("县卫生健康委员会", true), None)
        .await
        .unwrap();
    tx.create_department(
        &department("县卫生健康综合行政执法大队", true),
        Some(parent.id),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    src.store
        .system_audit(T0, "login_failed", "unknown user x", "10.0.0.1")
        .await
        .unwrap();
    let expected = dump_all(&src.store).await;

    let mid: TestDb = match test_support::postgres().await {
        Some(pg) => pg,
        None => test_support::sqlite().await,
    };
    copy_database(&src.store, &mid.store).await.unwrap();
    assert_eq!(
        dump_all(&mid.store).await,
        expected,
        "copy to {:?}",
        mid.engine()
    );
    // A second copy into a non-empty database is refused.
    assert!(copy_database(&src.store, &mid.store).await.is_err());
    let back = test_support::sqlite().await;
    copy_database(&mid.store, &back.store).await.unwrap();
    assert_eq!(dump_all(&back.store).await, expected, "copy back to SQLite");
    // The copied deployment keeps working: sequences continue without reuse.
    let mut tx = back.store.begin_write(gov, &actor, T0).await.unwrap();
    let d = tx
        .create_department(&department("县应急管理局", true), None)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(d.id, 3);
    src.finish().await;
    mid.finish().await;
    back.finish().await;
}

#[tokio::test]
async fn ledger_node_reads_search_the_primary_key() {
    // A full scan of a government's tree per append or proof would make both O(n); the plan must
    // be one primary-key search per node.
    let db = test_support::sqlite().await;
    let sql = format!("EXPLAIN QUERY PLAN {}", store::ledger::nodes_query(3));
    let plan = db.store.explain_sqlite(&sql, 9).await.unwrap();
    assert!(
        plan.contains("government_id=? AND level=? AND idx=?"),
        "{plan}"
    );
    assert!(!plan.contains("SCAN"), "{plan}");
    db.finish().await;
}

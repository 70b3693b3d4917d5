//! Store tests of the power list on both engines: every change is ledgered and audited in its
//! transaction, an import is all or nothing, and filters and history read back.

use chrono::NaiveDate;
use domain::enforcement::power::{
    Band, BasisText, Circumstance, PowerChange, PowerInput, PowerType, StatusEvent,
};
use domain::org::{DepartmentInput, RegionLevel};
use store::test_support::{self, TestDb};
use store::{Actor, PowerFields, PowerFilter, Store};

const T0: i64 = 1_764_000_000_000;

async fn seed(store: &Store) -> (i64, i64, i64) {
    let admin = Actor::system("测试");
    let mut tx = store.begin_write(0, &admin, T0).await.unwrap();
    tx.create_region("330000", "浙江省", RegionLevel::Province, None)
        .await
        .unwrap();
    tx.create_region("330100", "杭州市", RegionLevel::City, Some("330000"))
        .await
        .unwrap();
    tx.create_region("330122", "桐庐县", RegionLevel::County, Some("330100"))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let gov = store
        .create_government(
            &admin,
            T0,
            "330122",
            "桐庐县人民政府",
            None,
            &test_support::test_log("330122"),
        )
        .await
        .unwrap()
        .id;
    let mut tx = store.begin_write(gov, &admin, T0).await.unwrap();
    let dept = |name: &str| {
        DepartmentInput::parse(name, "", true, "《中华人民共和国行政处罚法》第十七条").unwrap()
    };
    let market = tx
        .create_department(&dept("桐庐县市场监督管理局"), None)
        .await
        .unwrap()
        .id;
    let police = tx
        .create_department(&dept("桐庐县公安局"), None)
        .await
        .unwrap()
        .id;
    tx.commit().await.unwrap();
    (gov, market, police)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn input(code: &str, name: &str, t: PowerType) -> PowerInput {
    PowerInput {
        code: code.into(),
        name: name.into(),
        power_type: t,
        basis: BasisText {
            law: "《中华人民共和国食品安全法》".into(),
            article: "第一百二十四条".into(),
        },
        added_on: day(2025, 1, 1),
        document_number: "桐政发〔2025〕1号".into(),
    }
}

async fn each(f: impl AsyncFn(&TestDb, i64, i64, i64)) {
    for db in test_support::engines().await {
        let (gov, market, police) = seed(&db.store).await;
        f(&db, gov, market, police).await;
        db.finish().await;
    }
}

#[tokio::test]
async fn power_changes_are_ledgered_and_audited() {
    each(async |db, gov, market, police| {
        let s = &db.store;
        let actor = Actor::system("测试");
        let before = s.ledger_size(gov).await.unwrap();
        let mut tx = s.begin_write(gov, &actor, T0).await.unwrap();
        let p = tx
            .create_power(
                &input(
                    "CF-001",
                    "对生产经营不符合食品安全标准的食品的处罚",
                    PowerType::Penalty,
                ),
                market,
                "县级",
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert!(p.in_force);
        assert_eq!(s.ledger_size(gov).await.unwrap(), before + 1);

        let mut tx = s.begin_write(gov, &actor, T0 + 1).await.unwrap();
        let edited = tx
            .update_power(
                p.id,
                &PowerFields {
                    code: "CF-001".into(),
                    name: "对经营不符合食品安全标准的食品的处罚".into(),
                    power_type: PowerType::Penalty,
                    basis: p.basis.clone(),
                    department_id: police,
                    level: "县级".into(),
                },
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(edited.department_id, police);

        let event = StatusEvent {
            change: PowerChange::Delegated,
            on: day(2026, 1, 1),
            document_number: "桐政发〔2025〕30号".into(),
        };
        let mut tx = s.begin_write(gov, &actor, T0 + 2).await.unwrap();
        let changed = tx.record_power_change(p.id, &event).await.unwrap();
        tx.commit().await.unwrap();
        assert!(!changed.in_force);
        let history = s.power_history(gov, p.id).await.unwrap();
        assert_eq!(history.len(), 2);
        assert_eq!(history[0].event.change, PowerChange::Added);
        assert_eq!(history[1].event, event);
        assert!(
            !changed
                .to_domain(history.into_iter().map(|e| e.event).collect())
                .in_force_on(day(2026, 1, 1))
        );

        let bands = vec![
            Band {
                circumstance: Circumstance::Ordinary,
                min_fen: 500_000,
                max_fen: 2_000_000,
                description: String::new(),
            },
            Band {
                circumstance: Circumstance::Lighter,
                min_fen: 0,
                max_fen: 500_000,
                description: "初次违法".into(),
            },
        ];
        let mut tx = s.begin_write(gov, &actor, T0 + 3).await.unwrap();
        let stored = tx.set_discretion_bands(p.id, &bands).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(stored[0].circumstance, Circumstance::Lighter);
        assert_eq!(s.discretion_bands(gov, p.id).await.unwrap(), stored);

        let entries = s
            .ledger_entries_of(gov, "power", &p.id.to_string())
            .await
            .unwrap();
        let events: Vec<&str> = entries.iter().map(|e| e.event.as_str()).collect();
        assert_eq!(events, ["create", "edit", "status_change", "discretion"]);
        assert!(entries[2].body.contains("桐政发〔2025〕30号"));
        let audit = s
            .list_audit(
                gov,
                &store::AuditFilter {
                    limit: 100,
                    ..Default::default()
                },
            )
            .await
            .unwrap()
            .0;
        for action in [
            "power.create",
            "power.edit",
            "power.status_change",
            "power.discretion",
        ] {
            assert!(audit.iter().any(|a| a.action == action), "{action}");
        }
    })
    .await;
}

#[tokio::test]
async fn an_import_is_all_or_nothing_and_filters_read_back() {
    each(async |db, gov, market, police| {
        let s = &db.store;
        let actor = Actor::system("测试");
        let rows: Vec<(PowerInput, i64, String)> = (1..=30)
            .map(|i| {
                let t = if i % 3 == 0 {
                    PowerType::Inspection
                } else {
                    PowerType::Penalty
                };
                let dept = if i % 2 == 0 { market } else { police };
                (
                    input(&format!("X-{i:03}"), &format!("事项{i}"), t),
                    dept,
                    "县级".to_owned(),
                )
            })
            .collect();
        // A duplicate code at the end: the whole import must leave nothing behind.
        let mut bad = rows.clone();
        bad.push(rows[0].clone());
        let mut tx = s.begin_write(gov, &actor, T0).await.unwrap();
        assert!(tx.import_powers(&bad).await.is_err());
        drop(tx);
        assert_eq!(s.count_powers(gov).await.unwrap(), 0);

        let mut tx = s.begin_write(gov, &actor, T0).await.unwrap();
        tx.import_powers(&rows).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(s.count_powers(gov).await.unwrap(), 30);

        let (total, page) = s
            .list_powers(
                gov,
                &PowerFilter {
                    power_type: Some(PowerType::Inspection),
                    ..Default::default()
                },
                0,
                5,
            )
            .await
            .unwrap();
        assert_eq!((total, page.len()), (10, 5));
        let (total, _) = s
            .list_powers(
                gov,
                &PowerFilter {
                    department_ids: Some(vec![market]),
                    ..Default::default()
                },
                0,
                50,
            )
            .await
            .unwrap();
        assert_eq!(total, 15);
        let (total, found) = s
            .list_powers(
                gov,
                &PowerFilter {
                    q: "X-02".into(),
                    ..Default::default()
                },
                0,
                50,
            )
            .await
            .unwrap();
        assert_eq!(total, 10, "{found:?}");
        let (total, _) = s
            .list_powers(
                gov,
                &PowerFilter {
                    q: "100%_".into(),
                    ..Default::default()
                },
                0,
                50,
            )
            .await
            .unwrap();
        assert_eq!(total, 0, "LIKE wildcards are literal");
        let (total, _) = s
            .list_powers(
                gov,
                &PowerFilter {
                    in_force: Some(false),
                    ..Default::default()
                },
                0,
                50,
            )
            .await
            .unwrap();
        assert_eq!(total, 0);
    })
    .await;
}

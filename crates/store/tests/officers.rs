//! Store tests of the officer roster: every test runs on SQLite and, when reachable, PostgreSQL.

use chrono::NaiveDate;
use domain::enforcement::officer::{CertificateStanding, CertificateStatus, OfficerInput};
use domain::org::{DepartmentInput, RegionLevel};
use store::test_support::{self, TestDb};
use store::{Actor, OfficerFilter, Store, StoreError};

const T0: i64 = 1_764_000_000_000;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A government with two departments; returns (government, department a, department b).
async fn seed(store: &Store) -> (i64, i64, i64) {
    let system = Actor::system("测试");
    let mut tx = store.begin_write(0, &system, T0).await.unwrap();
    tx.create_region("330000", "浙江省", RegionLevel::Province, None)
        .await
        .unwrap();
    tx.create_region("330500", "湖州市", RegionLevel::City, Some("330000"))
        .await
        .unwrap();
    tx.create_region("330523", "安吉县", RegionLevel::County, Some("330500"))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let gov = store
        .create_government(
            &system,
            T0,
            "330523",
            "安吉县人民政府",
            None,
            &test_support::test_log("330523"),
        )
        .await
        .unwrap()
        .id;
    let mut tx = store.begin_write(gov, &system, T0).await.unwrap();
    let basis = "《中华人民共和国行政处罚法》第十七条";
    let a = tx
        .create_department(
            &DepartmentInput::parse("安吉县市场监督管理局", "市监", true, basis).unwrap(),
            None,
        )
        .await
        .unwrap();
    let b = tx
        .create_department(
            &DepartmentInput::parse("安吉县交通运输局", "交", true, basis).unwrap(),
            None,
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    (gov, a.id, b.id)
}

fn input(name: &str, number: &str, expires_on: NaiveDate) -> OfficerInput {
    OfficerInput {
        name: name.into(),
        certificate_number: number.into(),
        category: "市场监管".into(),
        issued_on: d(2024, 1, 1),
        expires_on,
        standing: CertificateStanding::InForce,
        legal_review_qualified: false,
        training_hours: 40,
    }
}

fn filter(today: NaiveDate) -> OfficerFilter {
    OfficerFilter {
        department_ids: None,
        status: None,
        expiring_within_days: None,
        search: String::new(),
        today,
        offset: 0,
        limit: 50,
    }
}

async fn each_engine() -> Vec<TestDb> {
    test_support::engines().await
}

#[tokio::test]
async fn officer_changes_are_ledgered() {
    for db in each_engine().await {
        let s = &db.store;
        let (gov, a, b) = seed(s).await;
        let actor = Actor {
            user_id: None,
            name: "李明华".into(),
        };
        let before = s.ledger_size(gov).await.unwrap();
        let mut tx = s.begin_write(gov, &actor, T0 + 1).await.unwrap();
        let o = tx
            .create_officer(a, &input("王磊", "浙A33052300001", d(2029, 12, 31)))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let id = o.officer.id;
        let mut tx = s.begin_write(gov, &actor, T0 + 2).await.unwrap();
        let mut edited = input("王磊", "浙A33052300001", d(2030, 6, 30));
        edited.legal_review_qualified = true;
        // The standing in the input is ignored by an edit.
        edited.standing = CertificateStanding::Revoked;
        let e = tx.update_officer(id, b, &edited).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(e.officer.department_id, b);
        assert_eq!(e.officer.certificate.standing, CertificateStanding::InForce);
        assert!(e.officer.legal_review_qualified);
        let mut tx = s.begin_write(gov, &actor, T0 + 3).await.unwrap();
        tx.set_certificate_standing(id, CertificateStanding::Suspended)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let mut tx = s.begin_write(gov, &actor, T0 + 4).await.unwrap();
        tx.set_certificate_standing(id, CertificateStanding::InForce)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let history = s
            .ledger_entries_of(gov, "officer", &id.to_string())
            .await
            .unwrap();
        let events: Vec<&str> = history.iter().map(|e| e.event.as_str()).collect();
        assert_eq!(
            events,
            ["create", "edit", "suspend", "restore"],
            "{:?}",
            db.engine()
        );
        assert!(history[1].body.contains("\"expires_on\":\"2030-06-30\""));
        assert!(history[2].body.contains("\"standing\":\"suspended\""));
        assert_eq!(history[0].actor, "李明华");
        assert_eq!(s.ledger_size(gov).await.unwrap(), before + 4);
        let back = s.officer(gov, id).await.unwrap();
        assert_eq!(back.officer.certificate.expires_on, d(2030, 6, 30));
        assert_eq!(back.updated_at, T0 + 4);
        assert!(matches!(
            s.officer(gov, id + 100).await,
            Err(StoreError::NotFound)
        ));
        db.finish().await;
    }
}

#[tokio::test]
async fn certificate_numbers_are_unique_per_government() {
    for db in each_engine().await {
        let s = &db.store;
        let (gov, a, b) = seed(s).await;
        let actor = Actor::system("测试");
        let mut tx = s.begin_write(gov, &actor, T0).await.unwrap();
        let first = tx
            .create_officer(a, &input("王磊", "浙A001", d(2029, 1, 1)))
            .await
            .unwrap();
        tx.create_officer(a, &input("李娜", "浙A002", d(2029, 1, 1)))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        // The same number in another case is the same certificate.
        let mut tx = s.begin_write(gov, &actor, T0).await.unwrap();
        let err = tx
            .create_officer(b, &input("赵强", "浙a001", d(2029, 1, 1)))
            .await
            .unwrap_err();
        drop(tx);
        assert!(
            matches!(&err, StoreError::Conflict(m) if m.contains("浙a001") && m.contains("王磊")),
            "{err:?}"
        );
        // An edit may keep its own number but not take another's.
        let mut tx = s.begin_write(gov, &actor, T0).await.unwrap();
        tx.update_officer(first.officer.id, a, &input("王磊", "浙A001", d(2030, 1, 1)))
            .await
            .unwrap();
        let err = tx
            .update_officer(first.officer.id, a, &input("王磊", "浙A002", d(2030, 1, 1)))
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Conflict(_)));
        drop(tx);
        assert_eq!(
            s.officer(gov, first.officer.id)
                .await
                .unwrap()
                .officer
                .certificate
                .expires_on,
            d(2029, 1, 1),
            "the dropped transaction left nothing"
        );
        db.finish().await;
    }
}

#[tokio::test]
async fn an_import_is_all_or_nothing() {
    for db in each_engine().await {
        let s = &db.store;
        let (gov, a, _) = seed(s).await;
        let actor = Actor::system("测试");
        let mut tx = s.begin_write(gov, &actor, T0).await.unwrap();
        tx.create_officer(a, &input("王磊", "浙A100", d(2029, 1, 1)))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let size = s.ledger_size(gov).await.unwrap();
        let batch: Vec<OfficerInput> = (0..20)
            .map(|i| {
                input(
                    &format!("人员{i}"),
                    &format!("浙A{}", 200 + i),
                    d(2029, 1, 1),
                )
            })
            .chain([input("重复", "浙A100", d(2029, 1, 1))])
            .collect();
        let mut tx = s.begin_write(gov, &actor, T0).await.unwrap();
        let err = tx.import_officers(a, &batch).await.unwrap_err();
        drop(tx);
        assert!(
            matches!(&err, StoreError::Conflict(m) if m.contains("浙A100")),
            "{err:?}"
        );
        assert_eq!(s.ledger_size(gov).await.unwrap(), size);
        assert_eq!(
            s.list_officers(gov, &filter(d(2026, 1, 1)))
                .await
                .unwrap()
                .1,
            1
        );
        let mut tx = s.begin_write(gov, &actor, T0).await.unwrap();
        let stored = tx.import_officers(a, &batch[..20]).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(stored.len(), 20);
        assert_eq!(s.ledger_size(gov).await.unwrap(), size + 20);
        assert_eq!(
            s.list_officers(gov, &filter(d(2026, 1, 1)))
                .await
                .unwrap()
                .1,
            21
        );
        db.finish().await;
    }
}

#[tokio::test]
async fn the_roster_filters_and_pages() {
    for db in each_engine().await {
        let s = &db.store;
        let (gov, a, b) = seed(s).await;
        let actor = Actor::system("测试");
        let mut tx = s.begin_write(gov, &actor, T0).await.unwrap();
        let mut batch = vec![
            input("王磊", "浙A_01", d(2029, 1, 1)),
            input("李娜", "浙A%02", d(2025, 12, 31)),
            input("张伟", "ZJ-03", d(2026, 2, 1)),
        ];
        batch[2].issued_on = d(2026, 1, 15);
        let mut suspended = input("赵强", "ZJ-04", d(2029, 1, 1));
        suspended.standing = CertificateStanding::Suspended;
        batch.push(suspended);
        tx.import_officers(a, &batch).await.unwrap();
        tx.create_officer(b, &input("陈静", "ZJ-05", d(2029, 1, 1)))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let today = d(2026, 1, 10);
        let names = |v: &[store::OfficerRecord]| {
            let mut n: Vec<String> = v.iter().map(|o| o.officer.name.clone()).collect();
            n.sort();
            n
        };
        let status = |st| OfficerFilter {
            status: Some(st),
            ..filter(today)
        };
        let (v, _) = s
            .list_officers(gov, &status(CertificateStatus::Valid))
            .await
            .unwrap();
        assert_eq!(names(&v), ["王磊", "陈静"], "{:?}", db.engine());
        let (v, _) = s
            .list_officers(gov, &status(CertificateStatus::Expired))
            .await
            .unwrap();
        assert_eq!(names(&v), ["李娜"]);
        let (v, _) = s
            .list_officers(gov, &status(CertificateStatus::NotYetValid))
            .await
            .unwrap();
        assert_eq!(names(&v), ["张伟"]);
        let (v, _) = s
            .list_officers(gov, &status(CertificateStatus::Suspended))
            .await
            .unwrap();
        assert_eq!(names(&v), ["赵强"]);
        // Every status computed in SQL agrees with the domain's rule.
        let (all, total) = s.list_officers(gov, &filter(today)).await.unwrap();
        assert_eq!(total, 5);
        for st in [
            CertificateStatus::Valid,
            CertificateStatus::Expired,
            CertificateStatus::NotYetValid,
            CertificateStatus::Suspended,
            CertificateStatus::Revoked,
        ] {
            let (v, _) = s.list_officers(gov, &status(st)).await.unwrap();
            let expected: Vec<_> = all
                .iter()
                .filter(|o| o.officer.certificate.status_on(today) == st)
                .cloned()
                .collect();
            assert_eq!(names(&v), names(&expected), "{st:?}");
        }
        // Department scope; an empty scope sees nothing.
        let in_b = OfficerFilter {
            department_ids: Some(vec![b]),
            ..filter(today)
        };
        assert_eq!(
            names(&s.list_officers(gov, &in_b).await.unwrap().0),
            ["陈静"]
        );
        let nothing = OfficerFilter {
            department_ids: Some(vec![]),
            ..filter(today)
        };
        assert_eq!(s.list_officers(gov, &nothing).await.unwrap().1, 0);
        // Search by name or number, case-insensitively; LIKE wildcards are literal.
        let search = |q: &str| OfficerFilter {
            search: q.into(),
            ..filter(today)
        };
        assert_eq!(
            names(&s.list_officers(gov, &search("zj-0")).await.unwrap().0),
            ["张伟", "赵强", "陈静"]
        );
        assert_eq!(
            names(&s.list_officers(gov, &search("A_")).await.unwrap().0),
            ["王磊"]
        );
        assert_eq!(
            names(&s.list_officers(gov, &search("%")).await.unwrap().0),
            ["李娜"]
        );
        assert_eq!(
            names(&s.list_officers(gov, &search("娜")).await.unwrap().0),
            ["李娜"]
        );
        // Expiring soon: valid certificates ending within the window.
        let soon = OfficerFilter {
            expiring_within_days: Some(90),
            ..filter(d(2028, 11, 1))
        };
        assert_eq!(
            names(&s.list_officers(gov, &soon).await.unwrap().0),
            ["王磊", "陈静"]
        );
        // Paging keeps the total.
        let page2 = OfficerFilter {
            offset: 2,
            limit: 2,
            ..filter(today)
        };
        let (v, total) = s.list_officers(gov, &page2).await.unwrap();
        assert_eq!((v.len(), total), (2, 5));
        // The public check finds a number in any case, with spaces around it.
        let found = s.find_certificates("  zj-05 ").await.unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].officer.name, "陈静");
        assert!(s.find_certificates("ZJ-99").await.unwrap().is_empty());
        assert!(s.find_certificates("  ").await.unwrap().is_empty());
        db.finish().await;
    }
}

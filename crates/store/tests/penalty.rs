//! Store tests of penalty cases: the flow through `WriteTx::apply_penalty_command`, the timeline,
//! ledger entries, deadlines, disclosure and filing. Every test runs on SQLite and PostgreSQL.

use calendar::Calendar;
use chrono::NaiveDate;
use domain::enforcement::PartyKind;
use domain::enforcement::officer::{
    CertificateStanding, CertifiedOfficer, InvestigationTeam, OfficerInput,
};
use domain::enforcement::penalty::{
    Command, Complexity, DefenceFinding, Outcome, Party, Penalty, Sanction, ServiceMethod, Stage,
};
use domain::org::{DepartmentInput, RegionLevel};
use store::disclosures::NewDisclosure;
use store::penalty_flow::{NewClue, PenaltyEnv};
use store::test_support;
use store::{Actor, CaseFilter, PartyDetails, Store, StoreError};

const T0: i64 = 1_764_000_000_000;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn env(today: NaiveDate) -> PenaltyEnv<'static> {
    PenaltyEnv::new(Calendar::official(), today)
}

struct Seeded {
    gov: i64,
    dept: i64,
    officers: Vec<domain::enforcement::officer::Officer>,
}

/// A county with a market-regulation bureau and three officers: two valid, one revoked.
async fn seed(store: &Store) -> Seeded {
    let system = Actor::system("测试");
    let mut tx = store.begin_write(0, &system, T0).await.unwrap();
    tx.create_region("330000", "浙江省", RegionLevel::Province, None)
        .await
        .unwrap();
    tx.create_region("330523", "安吉县", RegionLevel::County, Some("330000"))
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
    let dept = tx
        .create_department(
            &DepartmentInput::parse(
                "安吉县市场监督管理局",
                "安市监",
                true,
                "《中华人民共和国行政处罚法》第十七条",
            )
            .unwrap(),
            None,
        )
        .await
        .unwrap()
        .id;
    let mut officers = Vec::new();
    for (name, number, standing, qualified) in [
        ("李明", "33052300101", CertificateStanding::InForce, false),
        ("王芳", "33052300102", CertificateStanding::InForce, true),
        ("赵强", "33052300103", CertificateStanding::Revoked, false),
    ] {
        let rec = tx
            .create_officer(
                dept,
                &OfficerInput {
                    name: name.into(),
                    certificate_number: number.into(),
                    category: "市场监管".into(),
                    issued_on: d(2023, 1, 1),
                    expires_on: d(2029, 12, 31),
                    standing,
                    legal_review_qualified: qualified,
                    training_hours: 60,
                },
            )
            .await
            .unwrap();
        if standing != CertificateStanding::InForce {
            tx.set_certificate_standing(rec.officer.id, standing)
                .await
                .unwrap();
        }
        officers.push(rec.officer);
    }
    tx.commit().await.unwrap();
    let officers = store
        .list_officers(
            gov,
            &store::OfficerFilter {
                department_ids: None,
                status: None,
                expiring_within_days: None,
                search: String::new(),
                today: d(2026, 3, 2),
                offset: 0,
                limit: 50,
            },
        )
        .await
        .unwrap()
        .0
        .into_iter()
        .map(|r| r.officer)
        .collect();
    Seeded {
        gov,
        dept,
        officers,
    }
}

fn officer<'a>(s: &'a Seeded, name: &str) -> &'a domain::enforcement::officer::Officer {
    s.officers.iter().find(|o| o.name == name).unwrap()
}

fn officer_actor() -> Actor {
    Actor {
        user_id: None,
        name: "李明".into(),
    }
}

async fn step(
    store: &Store,
    s: &Seeded,
    id: i64,
    today: NaiveDate,
    command: Command,
) -> store::StoredCase {
    let mut tx = store
        .begin_write(s.gov, &officer_actor(), T0 + 10)
        .await
        .unwrap();
    let saved = tx
        .apply_penalty_command(&env(today), id, None, command)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap();
    saved
}

async fn register(store: &Store, s: &Seeded, on: NaiveDate) -> store::StoredCase {
    let mut tx = store
        .begin_write(s.gov, &officer_actor(), T0 + 5)
        .await
        .unwrap();
    let c = tx
        .register_penalty_case(
            &env(on),
            NewClue {
                department_id: s.dept,
                power_id: None,
                party: Party {
                    kind: PartyKind::Individual,
                    name: "张小三".into(),
                },
                details: PartyDetails {
                    id_number: "330523199001011234".into(),
                    phone: "13800000000".into(),
                    address: "安吉县递铺街道某路1号".into(),
                },
                clue: "群众举报无照经营".into(),
                registered_on: on,
            },
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    c
}

fn fine(yuan: i64) -> Penalty {
    Penalty {
        sanctions: vec![Sanction::Fine { fen: yuan * 100 }],
        other_hearing_ground: false,
    }
}

/// Takes a new case to 调查终结 on 2026-03-06.
async fn investigated(store: &Store, s: &Seeded) -> i64 {
    let c = register(store, s, d(2026, 3, 2)).await;
    let id = c.case.id;
    step(store, s, id, d(2026, 3, 2), Command::StartVerification).await;
    step(
        store,
        s,
        id,
        d(2026, 3, 2),
        Command::Open {
            opened_on: d(2026, 3, 2),
            complexity: Complexity::Ordinary,
        },
    )
    .await;
    let team = InvestigationTeam::new(vec![
        CertifiedOfficer::certify(officer(s, "李明"), d(2026, 3, 2)).unwrap(),
        CertifiedOfficer::certify(officer(s, "王芳"), d(2026, 3, 2)).unwrap(),
    ])
    .unwrap();
    step(
        store,
        s,
        id,
        d(2026, 3, 2),
        Command::AssignInvestigators { team },
    )
    .await;
    step(
        store,
        s,
        id,
        d(2026, 3, 6),
        Command::CloseInvestigation {
            closed_on: d(2026, 3, 6),
        },
    )
    .await;
    id
}

#[tokio::test]
async fn case_from_clue_to_archive_is_ledgered_with_its_timeline_and_deadlines() {
    for db in test_support::engines().await {
        let store = &db.store;
        let s = seed(store).await;
        let id = investigated(store, &s).await;
        let c = store.penalty_case(s.gov, id).await.unwrap();
        assert_eq!(c.summary.case_number, "安市监案〔2026〕1号");
        assert_eq!(c.case.stage, Stage::InvestigationClosed);
        // The 第六十条 clock is open: 90 days from 2026-03-02, rolled off Sunday 05-31.
        let open = store.open_deadlines(s.gov).await.unwrap();
        assert!(
            open.iter()
                .any(|o| o.deadline.rule_id == "penalty.decision_ordinary"
                    && o.deadline.due_date == "2026-06-01"),
            "{open:?}"
        );
        step(
            store,
            &s,
            id,
            d(2026, 3, 9),
            Command::IssueNotice {
                served_on: d(2026, 3, 9),
                proposal: fine(1000),
                facts: "未取得营业执照从事经营活动".into(),
                basis: "《无证无照经营查处办法》第十三条".into(),
            },
        )
        .await;
        step(
            store,
            &s,
            id,
            d(2026, 3, 12),
            Command::RecordDefence {
                received_on: d(2026, 3, 12),
                summary: "初次违法".into(),
                finding: DefenceFinding::PartlyAdopted,
            },
        )
        .await;
        let decided = step(
            store,
            &s,
            id,
            d(2026, 3, 13),
            Command::Decide {
                decided_on: d(2026, 3, 13),
                document_number: "安市监罚〔2026〕1号".into(),
                outcome: Outcome::Penalty(fine(800)),
            },
        )
        .await;
        assert_eq!(decided.summary.fine_fen, 80_000);
        assert_eq!(
            decided.summary.decision_number.as_deref(),
            Some("安市监罚〔2026〕1号")
        );
        let rules: Vec<String> = store
            .open_deadlines(s.gov)
            .await
            .unwrap()
            .into_iter()
            .map(|o| o.deadline.rule_id)
            .collect();
        assert!(
            !rules.contains(&"penalty.decision_ordinary".to_owned()),
            "{rules:?}"
        );
        assert!(
            rules.contains(&"penalty.service_absent".to_owned()),
            "{rules:?}"
        );
        assert!(
            rules.contains(&"disclosure.licence_and_penalty_decisions".to_owned()),
            "{rules:?}"
        );
        let pending = store.pending_disclosures(s.gov, None).await.unwrap();
        assert_eq!(pending.len(), 1);
        step(
            store,
            &s,
            id,
            d(2026, 3, 16),
            Command::Serve {
                served_on: d(2026, 3, 16),
                method: ServiceMethod::InPerson,
                consent_signed: false,
            },
        )
        .await;
        step(
            store,
            &s,
            id,
            d(2026, 3, 20),
            Command::RecordPayment {
                paid_on: d(2026, 3, 20),
                fen: 80_000,
            },
        )
        .await;
        step(
            store,
            &s,
            id,
            d(2026, 3, 23),
            Command::Close {
                closed_on: d(2026, 3, 23),
            },
        )
        .await;
        let archived = step(
            store,
            &s,
            id,
            d(2026, 3, 24),
            Command::Archive {
                archived_on: d(2026, 3, 24),
            },
        )
        .await;
        assert_eq!(archived.case.stage, Stage::Archived);
        let events = store.penalty_events(s.gov, id).await.unwrap();
        let kinds: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "penalty.clue_registered",
                "penalty.verification_started",
                "penalty.opened",
                "penalty.investigators_assigned",
                "penalty.investigation_closed",
                "penalty.noticed",
                "penalty.defence_recorded",
                "penalty.decided",
                "penalty.served",
                "penalty.payment_recorded",
                "penalty.closed",
                "penalty.archived",
            ],
            "{:?}",
            db.engine()
        );
        let ledger = store
            .ledger_entries_of(s.gov, "penalty_case", &id.to_string())
            .await
            .unwrap();
        assert_eq!(ledger.len(), events.len());
        for (e, l) in events.iter().zip(&ledger) {
            assert_eq!(e.ledger_idx, l.idx);
            assert_eq!(e.kind, l.event);
        }
        // Only the publication duty is left open.
        let rules: Vec<String> = store
            .open_deadlines(s.gov)
            .await
            .unwrap()
            .into_iter()
            .map(|o| o.deadline.rule_id)
            .collect();
        assert_eq!(rules, ["disclosure.licence_and_penalty_decisions"]);
        db.finish().await;
    }
}

#[tokio::test]
async fn refused_command_leaves_nothing_and_names_the_article() {
    for db in test_support::engines().await {
        let store = &db.store;
        let s = seed(store).await;
        let id = investigated(store, &s).await;
        let before = store.ledger_size(s.gov).await.unwrap();
        let version = store.penalty_case(s.gov, id).await.unwrap().version;
        let mut tx = store
            .begin_write(s.gov, &officer_actor(), T0 + 20)
            .await
            .unwrap();
        // 第四十四条、第六十二条: no decision without a notice.
        let err = tx
            .apply_penalty_command(
                &env(d(2026, 3, 9)),
                id,
                Some(version),
                Command::Decide {
                    decided_on: d(2026, 3, 9),
                    document_number: "安市监罚〔2026〕2号".into(),
                    outcome: Outcome::Penalty(fine(500)),
                },
            )
            .await
            .unwrap_err();
        drop(tx);
        match err {
            StoreError::Refused(r) => {
                assert_eq!(r.code, "penalty.notice_missing");
                assert!(r.message.contains("第六十二条"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(store.ledger_size(s.gov).await.unwrap(), before);
        let after = store.penalty_case(s.gov, id).await.unwrap();
        assert_eq!(after.version, version);
        assert_eq!(after.case.stage, Stage::InvestigationClosed);
        db.finish().await;
    }
}

#[tokio::test]
async fn stale_version_is_a_conflict() {
    for db in test_support::engines().await {
        let store = &db.store;
        let s = seed(store).await;
        let c = register(store, &s, d(2026, 3, 2)).await;
        step(
            store,
            &s,
            c.case.id,
            d(2026, 3, 2),
            Command::StartVerification,
        )
        .await;
        let mut tx = store
            .begin_write(s.gov, &officer_actor(), T0 + 20)
            .await
            .unwrap();
        let err = tx
            .apply_penalty_command(
                &env(d(2026, 3, 2)),
                c.case.id,
                Some(c.version),
                Command::DeclineToOpen {
                    reason: "不属于本机关管辖".into(),
                },
            )
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Conflict(_)), "{err:?}");
        drop(tx);
        db.finish().await;
    }
}

#[tokio::test]
async fn revoked_certificate_cannot_join_the_team_art_42() {
    let revoked = seed_revoked_check();
    assert!(revoked.is_err());
}

/// A revoked certificate is refused by the domain before the store is reached.
fn seed_revoked_check() -> Result<CertifiedOfficer, domain::Refusal> {
    let o = domain::enforcement::officer::Officer {
        id: 3,
        name: "赵强".into(),
        department_id: 1,
        certificate: domain::enforcement::officer::Certificate {
            number: "33052300103".into(),
            category: "市场监管".into(),
            issued_on: d(2023, 1, 1),
            expires_on: d(2029, 12, 31),
            standing: CertificateStanding::Revoked,
        },
        legal_review_qualified: false,
        training_hours: 0,
    };
    CertifiedOfficer::certify(&o, d(2026, 3, 2))
}

#[tokio::test]
async fn decision_is_published_redacted_and_withdrawn_with_reason() {
    for db in test_support::engines().await {
        let store = &db.store;
        let s = seed(store).await;
        let c = register(store, &s, d(2026, 3, 2)).await;
        let mut tx = store
            .begin_write(s.gov, &officer_actor(), T0 + 30)
            .await
            .unwrap();
        let published = tx
            .publish_disclosure(&NewDisclosure {
                case_id: c.case.id,
                department_id: s.dept,
                title: "行政处罚决定书（安市监罚〔2026〕1号）".into(),
                document_number: "安市监罚〔2026〕1号".into(),
                content: "当事人：张**".into(),
                decided_on: "2026-03-13".into(),
                due_on: "2026-03-24".into(),
                published_on: "2026-03-25".into(),
            })
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert!(published.late);
        let mut tx = store
            .begin_write(s.gov, &officer_actor(), T0 + 31)
            .await
            .unwrap();
        let err = tx
            .publish_disclosure(&NewDisclosure {
                case_id: c.case.id,
                department_id: s.dept,
                title: "重复".into(),
                document_number: "安市监罚〔2026〕1号".into(),
                content: "x".into(),
                decided_on: "2026-03-13".into(),
                due_on: "2026-03-24".into(),
                published_on: "2026-03-25".into(),
            })
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Conflict(_)));
        drop(tx);
        let mut tx = store
            .begin_write(s.gov, &officer_actor(), T0 + 32)
            .await
            .unwrap();
        let w = tx
            .withdraw_disclosure(
                published.id,
                "2026-04-01",
                "revoked",
                "复议机关撤销原处罚决定",
                false,
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(w.status, "withdrawn");
        assert_eq!(
            store
                .disclosures(s.gov, None, true, 0, 50)
                .await
                .unwrap()
                .len(),
            0
        );
        let history = store
            .ledger_entries_of(s.gov, "disclosure", &published.id.to_string())
            .await
            .unwrap();
        let events: Vec<&str> = history.iter().map(|e| e.event.as_str()).collect();
        assert_eq!(events, ["publish", "withdraw"]);
        assert!(history[1].body.contains("复议机关撤销原处罚决定"));
        db.finish().await;
    }
}

#[tokio::test]
async fn case_list_filters_by_stage_overdue_and_party() {
    for db in test_support::engines().await {
        let store = &db.store;
        let s = seed(store).await;
        let a = investigated(store, &s).await;
        let b = register(store, &s, d(2026, 3, 3)).await.case.id;
        let all = |f: CaseFilter| async move { store.list_penalty_cases(s.gov, &f).await.unwrap() };
        let base = CaseFilter {
            limit: 50,
            ..CaseFilter::default()
        };
        assert_eq!(all(base.clone()).await.1, 2);
        let (rows, n) = all(CaseFilter {
            stage: Some("investigation_closed".into()),
            ..base.clone()
        })
        .await;
        assert_eq!((n, rows[0].id), (1, a));
        // The 90-day clock of case a ends 2026-05-31, a Sunday, so on Monday 2026-06-01
        // (第八十五条); overdue from 2026-06-02.
        assert_eq!(
            all(CaseFilter {
                overdue_on: Some("2026-06-02".into()),
                ..base.clone()
            })
            .await
            .1,
            1
        );
        assert_eq!(
            all(CaseFilter {
                overdue_on: Some("2026-06-01".into()),
                ..base.clone()
            })
            .await
            .1,
            0
        );
        let (rows, _) = all(CaseFilter {
            query: Some("小三".into()),
            ..base.clone()
        })
        .await;
        assert_eq!(rows.len(), 2);
        let (rows, _) = all(CaseFilter {
            query: Some("〔2026〕2号".into()),
            ..base.clone()
        })
        .await;
        assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), [b]);
        assert_eq!(
            all(CaseFilter {
                departments: Some(vec![]),
                ..base.clone()
            })
            .await
            .1,
            0
        );
        assert_eq!(
            all(CaseFilter {
                query: Some("%".into()),
                ..base.clone()
            })
            .await
            .1,
            0
        );
        db.finish().await;
    }
}

#[tokio::test]
async fn case_lists_read_their_page_from_an_index() {
    // At two million cases a list that sorts a department's history per page load takes
    // hundreds of milliseconds; every list the pages show must walk an index in its order.
    let db = test_support::sqlite().await;
    let base = CaseFilter {
        limit: 30,
        ..CaseFilter::default()
    };
    let filters = [
        CaseFilter {
            departments: Some(vec![5]),
            ..base.clone()
        },
        CaseFilter {
            departments: Some(vec![5]),
            stage: Some("investigating".into()),
            ..base.clone()
        },
        CaseFilter {
            departments: Some(vec![5]),
            overdue_on: Some("2026-06-30".into()),
            ..base.clone()
        },
        CaseFilter {
            stage: Some("under_legal_review".into()),
            ..base.clone()
        },
        CaseFilter {
            overdue_on: Some("2026-06-30".into()),
            ..base.clone()
        },
        base.clone(),
    ];
    for f in filters {
        let (where_sql, texts, order) = store::penalty::case_list_query(&f).unwrap();
        let sql = format!(
            "EXPLAIN QUERY PLAN SELECT id FROM penalty_cases WHERE {where_sql} ORDER BY {order} LIMIT 30"
        );
        let plan = db
            .store
            .explain_sqlite(&sql, 1 + texts.len())
            .await
            .unwrap();
        assert!(!plan.contains("TEMP B-TREE"), "{f:?}\n{plan}");
        assert!(!plan.contains("SCAN penalty_cases"), "{f:?}\n{plan}");
    }
    db.finish().await;
}

#[tokio::test]
async fn a_whole_case_number_is_found_by_its_index() {
    let db = test_support::sqlite().await;
    let f = CaseFilter {
        query: Some("安市监罚〔2026〕12号".into()),
        limit: 30,
        ..CaseFilter::default()
    };
    let (where_sql, texts, order) = store::penalty::case_list_query(&f).unwrap();
    let sql = format!(
        "EXPLAIN QUERY PLAN SELECT id FROM penalty_cases WHERE {where_sql} ORDER BY {order} LIMIT 30"
    );
    let plan = db
        .store
        .explain_sqlite(&sql, 1 + texts.len())
        .await
        .unwrap();
    assert!(!plan.contains("SCAN penalty_cases"), "{plan}");
    db.finish().await;
}

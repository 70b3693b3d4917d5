//! Store tests of supervision: case-file review draws whose recorded seed reproduces the sample,
//! scores, rectifications with their deadline, letters with a configurable reply period, the
//! random inspection draw with conflict-of-interest exclusions, an inspection that gives rise to
//! a penalty case, and the published result. Every test runs on SQLite and PostgreSQL.

use calendar::Calendar;
use chrono::NaiveDate;
use domain::enforcement::PartyKind;
use domain::enforcement::inspection::{InspectionCommand, InspectionResult, InspectionStage};
use domain::enforcement::officer::{
    CertificateStanding, CertifiedOfficer, InvestigationTeam, Officer, OfficerInput,
};
use domain::enforcement::penalty::{
    Command, Complexity, DefenceFinding, Outcome, Party, Penalty, Sanction, ServiceMethod,
};
use domain::enforcement::supervision::{
    self, Exclusion, ItemScore, LetterKind, RandomInspectionInput, RectificationStatus, Rubric,
    RubricItem, SampleSize,
};
use domain::org::{DepartmentInput, RegionLevel};
use store::case_reviews::{NewRound, RectificationFilter};
use store::inspections::{InspectionFilter, NewPlan, NewTarget};
use store::letters::NewLetter;
use store::penalty_flow::{NewClue, PenaltyEnv};
use store::test_support;
use store::{Actor, PartyDetails, Store, StoreError};

const T0: i64 = 1_764_000_000_000;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn cal() -> &'static Calendar {
    Calendar::official()
}

fn env(today: NaiveDate) -> PenaltyEnv<'static> {
    PenaltyEnv::new(cal(), today)
}

struct Seeded {
    gov: i64,
    market: i64,
    roads: i64,
    officers: Vec<Officer>,
}

fn officer<'a>(s: &'a Seeded, name: &str) -> &'a Officer {
    s.officers.iter().find(|o| o.name == name).unwrap()
}

fn legal_office() -> Actor {
    Actor {
        user_id: None,
        name: "李明华".into(),
    }
}

fn department_staff() -> Actor {
    Actor {
        user_id: None,
        name: "张卫东".into(),
    }
}

/// A county with two enforcement bodies; the market bureau has four officers (one revoked).
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
    let mut ids = Vec::new();
    for (name, short) in [
        ("安吉县市场监督管理局", "安市监"),
        ("安吉县交通运输局", "安交"),
    ] {
        ids.push(
            tx.create_department(
                &DepartmentInput::parse(name, short, true, "《中华人民共和国行政处罚法》第十七条")
                    .unwrap(),
                None,
            )
            .await
            .unwrap()
            .id,
        );
    }
    for (name, number, standing) in [
        ("李明", "33052300101", CertificateStanding::InForce),
        ("王芳", "33052300102", CertificateStanding::InForce),
        ("赵强", "33052300103", CertificateStanding::Revoked),
        ("孙丽", "33052300104", CertificateStanding::InForce),
    ] {
        let rec = tx
            .create_officer(
                ids[0],
                &OfficerInput {
                    name: name.into(),
                    certificate_number: number.into(),
                    category: "市场监管".into(),
                    issued_on: d(2023, 1, 1),
                    expires_on: d(2029, 12, 31),
                    standing,
                    legal_review_qualified: false,
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
        market: ids[0],
        roads: ids[1],
        officers,
    }
}

async fn step(store: &Store, s: &Seeded, id: i64, today: NaiveDate, command: Command) {
    let mut tx = store
        .begin_write(s.gov, &department_staff(), T0 + 10)
        .await
        .unwrap();
    tx.apply_penalty_command(&env(today), id, None, command)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    tx.commit().await.unwrap();
}

fn fine(yuan: i64) -> Penalty {
    Penalty {
        sanctions: vec![Sanction::Fine { fen: yuan * 100 }],
        other_hearing_ground: false,
    }
}

/// A penalty case of `dept` taken through the ordinary procedure and closed on 2026-03-23.
async fn closed_case(store: &Store, s: &Seeded, dept: i64, n: usize) -> i64 {
    let on = d(2026, 3, 2);
    let mut tx = store
        .begin_write(s.gov, &department_staff(), T0 + 5)
        .await
        .unwrap();
    let id = tx
        .register_penalty_case(
            &env(on),
            NewClue {
                department_id: dept,
                power_id: None,
                party: Party {
                    kind: PartyKind::Organisation,
                    name: format!("安吉第{n}超市有限公司"),
                },
                details: PartyDetails::default(),
                clue: "日常检查发现销售过期食品".into(),
                registered_on: on,
            },
        )
        .await
        .unwrap()
        .case
        .id;
    tx.commit().await.unwrap();
    step(store, s, id, on, Command::StartVerification).await;
    step(
        store,
        s,
        id,
        on,
        Command::Open {
            opened_on: on,
            complexity: Complexity::Ordinary,
        },
    )
    .await;
    let team = InvestigationTeam::new(vec![
        CertifiedOfficer::certify(officer(s, "李明"), on).unwrap(),
        CertifiedOfficer::certify(officer(s, "王芳"), on).unwrap(),
    ])
    .unwrap();
    step(store, s, id, on, Command::AssignInvestigators { team }).await;
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
    step(
        store,
        s,
        id,
        d(2026, 3, 9),
        Command::IssueNotice {
            served_on: d(2026, 3, 9),
            proposal: fine(1000),
            facts: "当事人销售超过保质期的食品".into(),
            basis: "《中华人民共和国食品安全法》第一百二十四条".into(),
        },
    )
    .await;
    step(
        store,
        s,
        id,
        d(2026, 3, 12),
        Command::RecordDefence {
            received_on: d(2026, 3, 12),
            summary: "初次违法".into(),
            finding: DefenceFinding::NotAdopted,
        },
    )
    .await;
    step(
        store,
        s,
        id,
        d(2026, 3, 13),
        Command::Decide {
            decided_on: d(2026, 3, 13),
            document_number: format!("安市监罚〔2026〕{}号", 100 + n),
            outcome: Outcome::Penalty(fine(1000)),
        },
    )
    .await;
    step(
        store,
        s,
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
        s,
        id,
        d(2026, 3, 20),
        Command::RecordPayment {
            paid_on: d(2026, 3, 20),
            fen: 100_000,
        },
    )
    .await;
    step(
        store,
        s,
        id,
        d(2026, 3, 23),
        Command::Close {
            closed_on: d(2026, 3, 23),
        },
    )
    .await;
    id
}

fn rubric() -> Rubric {
    Rubric::new(vec![
        RubricItem {
            code: "subject".into(),
            title: "执法主体".into(),
            max_points: 20,
        },
        RubricItem {
            code: "procedure".into(),
            title: "执法程序".into(),
            max_points: 40,
        },
        RubricItem {
            code: "documents".into(),
            title: "文书制作".into(),
            max_points: 40,
        },
    ])
    .unwrap()
}

/// The content of a record's last ledger entry.
async fn last_entry(store: &Store, gov: i64, record_type: &str, id: &str) -> serde_json::Value {
    let entries = store.ledger_entries_of(gov, record_type, id).await.unwrap();
    let body: serde_json::Value =
        serde_json::from_str(&entries.last().expect("an entry").body).unwrap();
    body["content"].clone()
}

/// Every supervision record is what its last ledger entry says (what `ledger verify` checks).
async fn records_match_the_ledger(store: &Store, gov: i64) {
    for ((t, id), current) in store.supervision_records(gov).await.unwrap() {
        let entries = store.ledger_entries_of(gov, &t, &id).await.unwrap();
        if entries.is_empty() {
            assert!(!current.must_be_logged, "{t}:{id} is not in the ledger");
            continue;
        }
        assert_eq!(
            last_entry(store, gov, &t, &id).await,
            current.content,
            "{t}:{id}"
        );
    }
}

#[tokio::test]
async fn case_file_review_draw_is_recorded_with_its_seed_and_rerunning_it_reproduces_the_sample() {
    for db in test_support::engines().await {
        let store = &db.store;
        let s = seed(store).await;
        let mut closed = Vec::new();
        for n in 0..5 {
            closed.push(closed_case(store, &s, s.market, n).await);
        }
        let other = closed_case(store, &s, s.roads, 9).await;
        let before = store.ledger_size(s.gov).await.unwrap();
        let mut tx = store
            .begin_write(s.gov, &legal_office(), T0 + 1_000)
            .await
            .unwrap();
        let round = tx
            .draw_case_review(&NewRound {
                title: "2026年第一季度行政处罚案卷评查".into(),
                department_ids: vec![s.roads, s.market],
                closed_from: d(2026, 1, 1),
                closed_to: d(2026, 3, 31),
                size: SampleSize::Count(3),
                rubric: rubric(),
                drawn_on: d(2026, 3, 30),
            })
            .await
            .unwrap();
        tx.commit().await.unwrap();
        // One ledger entry for the draw, holding the seed, its source, the population and the sample.
        assert_eq!(store.ledger_size(s.gov).await.unwrap(), before + 1);
        let entry = last_entry(store, s.gov, "case_review_round", &round.id.to_string()).await;
        assert_eq!(entry["seed"], round.seed.to_string());
        assert_eq!(entry["seed_source"]["at"], T0 + 1_000);
        // Anyone can recompute the seed from the recorded source …
        let source = store::supervision::SeedSource::from_json(&entry["seed_source"]);
        assert_eq!(
            source.seed(s.gov, ledger::HashAlgorithm::Sha256),
            round.seed
        );
        // … and rerun the draw on the recorded population to get the stored sample.
        let population = store
            .closed_case_population(s.gov, &[s.market, s.roads], d(2026, 1, 1), d(2026, 3, 31))
            .await
            .unwrap();
        let rerun = supervision::draw_case_files(round.seed, &population, SampleSize::Count(3));
        assert_eq!(rerun, round.sample);
        let stored = store.case_review_round(s.gov, round.id).await.unwrap();
        assert_eq!(stored.sample, round.sample);
        assert_eq!(stored.population, population);
        let files = store.case_review_files(s.gov, round.id).await.unwrap();
        let drawn: Vec<i64> = files.iter().map(|f| f.case_id).collect();
        assert_eq!(
            drawn.len(),
            4,
            "three of five, and the one other: {drawn:?}"
        );
        assert!(drawn.contains(&other));
        assert!(drawn.iter().all(|id| closed.contains(id) || *id == other));
        assert!(
            files
                .iter()
                .all(|f| f.max_total == 100 && f.scores.is_none())
        );
        records_match_the_ledger(store, s.gov).await;
        db.finish().await;
    }
}

#[tokio::test]
async fn scores_follow_the_rubric_and_rectification_is_tracked_to_done_with_its_deadline() {
    for db in test_support::engines().await {
        let store = &db.store;
        let s = seed(store).await;
        let case_id = closed_case(store, &s, s.market, 1).await;
        let mut tx = store
            .begin_write(s.gov, &legal_office(), T0 + 1_000)
            .await
            .unwrap();
        let round = tx
            .draw_case_review(&NewRound {
                title: "专项评查".into(),
                department_ids: vec![s.market],
                closed_from: d(2026, 1, 1),
                closed_to: d(2026, 12, 31),
                size: SampleSize::PerMille(1000),
                rubric: rubric(),
                drawn_on: d(2026, 3, 30),
            })
            .await
            .unwrap();
        tx.commit().await.unwrap();
        // A deduction without a reason is refused and leaves nothing behind.
        let before = store.ledger_size(s.gov).await.unwrap();
        let score = |code: &str, points: u32, reason: &str| ItemScore {
            code: code.into(),
            points,
            deduction_reason: reason.into(),
        };
        let mut tx = store
            .begin_write(s.gov, &legal_office(), T0 + 2_000)
            .await
            .unwrap();
        let err = tx
            .score_case_file(
                round.id,
                case_id,
                &[
                    score("subject", 20, ""),
                    score("procedure", 30, ""),
                    score("documents", 40, ""),
                ],
                "",
                d(2026, 3, 31),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Refused(r) if r.code == "supervision.score_invalid"),
            "{err:?}"
        );
        drop(tx);
        assert_eq!(store.ledger_size(s.gov).await.unwrap(), before);
        let mut tx = store
            .begin_write(s.gov, &legal_office(), T0 + 2_000)
            .await
            .unwrap();
        let file = tx
            .score_case_file(
                round.id,
                case_id,
                &[
                    score("subject", 20, ""),
                    score("procedure", 30, "告知书未载明听证权利"),
                    score("documents", 35, "送达回证缺少签名"),
                ],
                "程序存在瑕疵",
                d(2026, 3, 31),
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!((file.total, file.max_total), (Some(85), 100));
        // A rectification due before its notice is refused; a proper one opens its deadline.
        let mut tx = store
            .begin_write(s.gov, &legal_office(), T0 + 3_000)
            .await
            .unwrap();
        let err = tx
            .issue_rectification(
                round.id,
                case_id,
                "补正送达回证",
                d(2026, 3, 31),
                d(2026, 3, 30),
                d(2026, 3, 31),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Refused(r) if r.code == "supervision.rectification_due_too_early")
        );
        drop(tx);
        let mut tx = store
            .begin_write(s.gov, &legal_office(), T0 + 3_000)
            .await
            .unwrap();
        let r = tx
            .issue_rectification(
                round.id,
                case_id,
                "补正送达回证，完善告知书格式",
                d(2026, 3, 31),
                d(2026, 4, 30),
                d(2026, 3, 31),
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let open = store.open_deadlines(s.gov).await.unwrap();
        let due = open
            .iter()
            .find(|o| o.deadline.rule_id == supervision::RECTIFICATION_RULE_ID)
            .expect("rectification deadline");
        assert_eq!(due.deadline.due_date, "2026-04-30");
        assert_eq!(due.deadline.department_id, Some(s.market));
        // Accepting before the department has reported is refused.
        let mut tx = store
            .begin_write(s.gov, &legal_office(), T0 + 4_000)
            .await
            .unwrap();
        let err = tx
            .complete_rectification(r.id, "", d(2026, 4, 10), d(2026, 4, 10))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Refused(r) if r.code == "supervision.rectification_not_reported")
        );
        drop(tx);
        let mut tx = store
            .begin_write(s.gov, &department_staff(), T0 + 5_000)
            .await
            .unwrap();
        let reported = tx
            .report_rectification(
                r.id,
                "已补正送达回证并修订告知书模板",
                d(2026, 4, 8),
                d(2026, 4, 8),
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(reported.status, RectificationStatus::Reported);
        assert!(!reported.late);
        assert!(
            !store
                .open_deadlines(s.gov)
                .await
                .unwrap()
                .iter()
                .any(|o| o.deadline.rule_id == supervision::RECTIFICATION_RULE_ID)
        );
        let mut tx = store
            .begin_write(s.gov, &legal_office(), T0 + 6_000)
            .await
            .unwrap();
        let done = tx
            .complete_rectification(r.id, "经复核，整改到位", d(2026, 4, 10), d(2026, 4, 10))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(done.status, RectificationStatus::Done);
        let open_list = store
            .rectifications(
                s.gov,
                &RectificationFilter {
                    open_only: true,
                    ..RectificationFilter::default()
                },
            )
            .await
            .unwrap();
        assert!(open_list.is_empty());
        let events: Vec<String> = store
            .ledger_entries_of(s.gov, "rectification", &r.id.to_string())
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.event)
            .collect();
        assert_eq!(events, ["issue", "report", "done"]);
        records_match_the_ledger(store, s.gov).await;
        db.finish().await;
    }
}

#[tokio::test]
async fn letter_reply_deadline_is_configurable_and_closed_by_the_reply() {
    for db in test_support::engines().await {
        let store = &db.store;
        let s = seed(store).await;
        assert_eq!(
            store.letter_reply_working_days(s.gov).await.unwrap(),
            supervision::DEFAULT_LETTER_REPLY_WORKING_DAYS
        );
        let send = |subject: &'static str, kind| NewLetter {
            kind,
            department_id: s.market,
            subject: subject.into(),
            body: "请于期限内书面答复整改情况。".into(),
            sent_on: d(2026, 3, 2),
        };
        let mut tx = store
            .begin_write(s.gov, &legal_office(), T0 + 1_000)
            .await
            .unwrap();
        let first = tx
            .send_letter(
                &send("关于行政处罚决定公示超期的督办", LetterKind::Supervision),
                d(2026, 3, 2),
                cal(),
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        // 15 working days (the [practice] default) from Monday 2026-03-02.
        assert_eq!(first.reply_due, "2026-03-23");
        assert_eq!(first.letter_number, "法监督〔2026〕1号");
        let mut tx = store
            .begin_write(s.gov, &legal_office(), T0 + 2_000)
            .await
            .unwrap();
        let err = tx.set_letter_reply_working_days(0).await.unwrap_err();
        assert!(matches!(err, StoreError::Refused(_)));
        drop(tx);
        let mut tx = store
            .begin_write(s.gov, &legal_office(), T0 + 2_000)
            .await
            .unwrap();
        tx.set_letter_reply_working_days(10).await.unwrap();
        let second = tx
            .send_letter(
                &send("关于执法证到期的提示", LetterKind::Prompt),
                d(2026, 3, 2),
                cal(),
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(second.reply_due, "2026-03-16");
        assert_eq!(second.letter_number, "法监提〔2026〕1号");
        let rules: Vec<String> = store
            .open_deadlines(s.gov)
            .await
            .unwrap()
            .into_iter()
            .filter(|o| o.deadline.rule_id == supervision::LETTER_REPLY_RULE_ID)
            .map(|o| o.deadline.record_id)
            .collect();
        assert_eq!(rules.len(), 2);
        // The department replies late to the second; a second reply is refused.
        let mut tx = store
            .begin_write(s.gov, &department_staff(), T0 + 3_000)
            .await
            .unwrap();
        let replied = tx
            .reply_letter(
                second.id,
                "已提醒相关人员换证",
                d(2026, 3, 17),
                d(2026, 3, 17),
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert!(replied.reply_late);
        let before = store.ledger_size(s.gov).await.unwrap();
        let mut tx = store
            .begin_write(s.gov, &department_staff(), T0 + 4_000)
            .await
            .unwrap();
        let err = tx
            .reply_letter(second.id, "再次答复", d(2026, 3, 18), d(2026, 3, 18))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Refused(r) if r.code == "supervision.letter_already_replied")
        );
        drop(tx);
        assert_eq!(store.ledger_size(s.gov).await.unwrap(), before);
        let open: Vec<String> = store
            .open_deadlines(s.gov)
            .await
            .unwrap()
            .into_iter()
            .filter(|o| o.deadline.rule_id == supervision::LETTER_REPLY_RULE_ID)
            .map(|o| o.deadline.record_id)
            .collect();
        assert_eq!(open, [first.id.to_string()]);
        let (unreplied, _) = store
            .letters(
                s.gov,
                &store::letters::LetterFilter {
                    unreplied_only: true,
                    limit: 10,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(unreplied.len(), 1);
        records_match_the_ledger(store, s.gov).await;
        db.finish().await;
    }
}

async fn register_targets(store: &Store, s: &Seeded, n: usize) -> Vec<i64> {
    let mut tx = store
        .begin_write(s.gov, &department_staff(), T0 + 100)
        .await
        .unwrap();
    let mut ids = Vec::new();
    for k in 0..n {
        let individual = k % 3 == 0;
        ids.push(
            tx.add_inspection_target(&NewTarget {
                department_id: s.market,
                power_id: None,
                matter: "食品经营许可事项监督检查".into(),
                name: if individual {
                    format!("周{}", ["海峰", "建国", "小燕", "文杰"][k % 4])
                } else {
                    format!("安吉{k}号便利店")
                },
                party_kind: if individual {
                    PartyKind::Individual
                } else {
                    PartyKind::Organisation
                },
                id_number: if individual {
                    "330523199001011234".into()
                } else {
                    format!("91330523MA2{k:07}")
                },
                address: format!("安吉县递铺街道{k}号"),
            })
            .await
            .unwrap()
            .id,
        );
    }
    tx.commit().await.unwrap();
    ids
}

#[tokio::test]
async fn random_inspection_draw_respects_exclusions_and_reruns_from_the_ledger() {
    for db in test_support::engines().await {
        let store = &db.store;
        let s = seed(store).await;
        let targets = register_targets(store, &s, 6).await;
        let li = officer(&s, "李明").id;
        let mut tx = store
            .begin_write(s.gov, &department_staff(), T0 + 200)
            .await
            .unwrap();
        for t in &targets {
            tx.add_inspection_exclusion(*t, li, "与检查对象存在亲属关系")
                .await
                .unwrap();
        }
        let plan = tx
            .create_inspection_plan(&NewPlan {
                department_id: s.market,
                title: "2026年食品经营者双随机抽查".into(),
                matter: "食品经营许可事项监督检查".into(),
                n_targets: 3,
                officers_per_target: 2,
                planned_on: d(2026, 3, 10),
            })
            .await
            .unwrap();
        tx.commit().await.unwrap();
        // The register's only valid officers left after the exclusion are 王芳 and 孙丽 (赵强's
        // certificate is revoked), so each drawn target gets exactly them.
        let mut tx = store
            .begin_write(s.gov, &department_staff(), T0 + 300)
            .await
            .unwrap();
        let (drawn, inspections) = tx
            .draw_inspection_plan(plan.id, &s.officers, d(2026, 3, 2))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(inspections.len(), 3);
        let mut pair = vec![officer(&s, "王芳").id, officer(&s, "孙丽").id];
        pair.sort_unstable();
        for i in &inspections {
            assert_eq!(i.drawn_officer_ids, pair);
            assert_eq!(i.inspection.stage, InspectionStage::Planned);
            assert_eq!(i.inspection.draw_seed, drawn.seed);
        }
        // Drawing twice is refused.
        let mut tx = store
            .begin_write(s.gov, &department_staff(), T0 + 400)
            .await
            .unwrap();
        let err = tx
            .draw_inspection_plan(plan.id, &s.officers, d(2026, 3, 2))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Refused(r) if r.code == "inspection.plan_already_drawn")
        );
        drop(tx);
        // Rerun from the ledger entry of the draw.
        let entry = last_entry(store, s.gov, "inspection_plan", &plan.id.to_string()).await;
        let seed: u64 = entry["seed"].as_str().unwrap().parse().unwrap();
        let source = store::supervision::SeedSource::from_json(&entry["seed_source"]);
        assert_eq!(source.seed(s.gov, ledger::HashAlgorithm::Sha256), seed);
        let ids = |v: &serde_json::Value| -> Vec<i64> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_i64().unwrap())
                .collect()
        };
        let roster: Vec<CertifiedOfficer> = ids(&entry["draw"]["officers"])
            .iter()
            .map(|id| {
                CertifiedOfficer::certify(
                    s.officers.iter().find(|o| o.id == *id).unwrap(),
                    d(2026, 3, 2),
                )
                .unwrap()
            })
            .collect();
        let exclusions: Vec<Exclusion> = entry["draw"]["exclusions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| Exclusion {
                target_id: e["target_id"].as_i64().unwrap(),
                officer_id: e["officer_id"].as_i64().unwrap(),
            })
            .collect();
        let rerun = supervision::draw_random_inspection(&RandomInspectionInput {
            seed,
            targets: &ids(&entry["draw"]["targets"]),
            n_targets: 3,
            officers: &roster,
            officers_per_target: 2,
            exclusions: &exclusions,
        })
        .unwrap();
        let stored: Vec<(i64, Vec<i64>)> = inspections
            .iter()
            .map(|i| (i.inspection.target_id, i.drawn_officer_ids.clone()))
            .collect();
        let rerun: Vec<(i64, Vec<i64>)> = rerun
            .into_iter()
            .map(|a| (a.target_id, a.officer_ids))
            .collect();
        assert_eq!(rerun, stored);
        // The public ledger never holds an individual target's name or identity number.
        let t = store.inspection_target(s.gov, targets[0]).await.unwrap();
        let content = last_entry(store, s.gov, "inspection_target", &t.id.to_string()).await;
        assert_ne!(content["name"], t.name);
        assert!(!content.to_string().contains("330523199001011234"));
        records_match_the_ledger(store, s.gov).await;
        db.finish().await;
    }
}

#[tokio::test]
async fn inspection_gives_rise_to_a_penalty_case_and_its_result_is_published() {
    for db in test_support::engines().await {
        let store = &db.store;
        let s = seed(store).await;
        let targets = register_targets(store, &s, 4).await;
        let mut tx = store
            .begin_write(s.gov, &department_staff(), T0 + 200)
            .await
            .unwrap();
        let plan = tx
            .create_inspection_plan(&NewPlan {
                department_id: s.market,
                title: "专项抽查".into(),
                matter: "食品经营许可事项监督检查".into(),
                n_targets: 2,
                officers_per_target: 2,
                planned_on: d(2026, 3, 3),
            })
            .await
            .unwrap();
        let (_, drawn) = tx
            .draw_inspection_plan(plan.id, &s.officers, d(2026, 3, 2))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert!(
            drawn
                .iter()
                .all(|i| targets.contains(&i.inspection.target_id))
        );
        let id = drawn[0].inspection.id;
        let on = d(2026, 3, 3);
        let team = InvestigationTeam::new(
            drawn[0]
                .drawn_officer_ids
                .iter()
                .map(|oid| {
                    CertifiedOfficer::certify(s.officers.iter().find(|o| o.id == *oid).unwrap(), on)
                        .unwrap()
                })
                .collect(),
        )
        .unwrap();
        let gov = s.gov;
        let run = |command: InspectionCommand, today: NaiveDate| async move {
            let mut tx = store
                .begin_write(gov, &department_staff(), T0 + 300)
                .await
                .unwrap();
            let r = tx
                .apply_inspection_command(id, None, command, today, cal())
                .await;
            if r.is_ok() {
                tx.commit().await.unwrap();
            }
            r
        };
        // Publishing before the result is recorded is refused.
        let mut tx = store
            .begin_write(s.gov, &department_staff(), T0 + 250)
            .await
            .unwrap();
        let err = tx.publish_inspection_result(id, on, on).await.unwrap_err();
        assert!(matches!(&err, StoreError::Refused(r) if r.code == "inspection.result_missing"));
        drop(tx);
        run(
            InspectionCommand::Conduct {
                on,
                team,
                findings: "后厨存放超过保质期的食品原料".into(),
            },
            on,
        )
        .await
        .unwrap();
        run(
            InspectionCommand::RecordResult {
                result: InspectionResult::CaseOrTransfer,
            },
            on,
        )
        .await
        .unwrap();
        // 118号: the result of a random inspection is due for publication within 20 working days.
        let due = store
            .open_deadlines_of_record(s.gov, "inspection", &id.to_string())
            .await
            .unwrap();
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].deadline.rule_id, "disclosure.other_decisions");
        assert_eq!(due[0].deadline.due_date, "2026-03-31");
        // Closing before a case is linked is refused.
        let err = run(InspectionCommand::Close { on }, on).await.unwrap_err();
        assert!(matches!(&err, StoreError::Refused(r) if r.code == "inspection.case_not_linked"));
        // 立案 through the penalty flow, linked in the same transaction.
        let mut tx = store
            .begin_write(s.gov, &department_staff(), T0 + 400)
            .await
            .unwrap();
        let (linked, case) = tx
            .open_case_from_inspection(&env(d(2026, 3, 4)), id, None)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(linked.inspection.penalty_case_id, Some(case.case.id));
        assert_eq!(case.summary.department_id, s.market);
        assert!(case.case.clue.contains("后厨存放超过保质期的食品原料"));
        assert_eq!(
            store
                .inspection_of_case(s.gov, case.case.id)
                .await
                .unwrap()
                .map(|i| i.inspection.id),
            Some(id)
        );
        let mut tx = store
            .begin_write(s.gov, &department_staff(), T0 + 500)
            .await
            .unwrap();
        tx.publish_inspection_result(id, d(2026, 3, 5), d(2026, 3, 5))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert!(
            store
                .open_deadlines_of_record(s.gov, "inspection", &id.to_string())
                .await
                .unwrap()
                .is_empty()
        );
        let closed = run(
            InspectionCommand::Close { on: d(2026, 3, 5) },
            d(2026, 3, 5),
        )
        .await
        .unwrap();
        assert_eq!(closed.inspection.stage, InspectionStage::Closed);
        let (public, n) = store
            .inspections(
                s.gov,
                &InspectionFilter {
                    published_only: true,
                    limit: 10,
                    ..InspectionFilter::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(n, 1);
        assert_eq!(public[0].inspection.id, id);
        assert!(public[0].published);
        let events: Vec<String> = store
            .ledger_entries_of(s.gov, "inspection", &id.to_string())
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.event)
            .collect();
        assert_eq!(
            events,
            [
                "inspection.planned",
                "inspection.conducted",
                "inspection.result_recorded",
                "inspection.penalty_case_linked",
                "inspection.published",
                "inspection.closed",
            ]
        );
        records_match_the_ledger(store, s.gov).await;
        db.finish().await;
    }
}

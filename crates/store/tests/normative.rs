//! Store tests of normative documents (行政规范性文件): every test runs on SQLite and, when
//! reachable, PostgreSQL. Each step is one transaction with its ledger entry; a refused step
//! leaves nothing behind.

use calendar::Calendar;
use chrono::NaiveDate;
use domain::normative::cleanup::{CampaignKind, CleanupOutcome};
use domain::normative::objection::{Channel, Finding};
use domain::normative::{Command, Conclusion, DocumentNumber, Policy, Stage};
use domain::org::{DepartmentInput, RegionLevel};
use store::normative::DOCUMENT_RECORD_TYPE;
use store::test_support;
use store::{
    Actor, DocumentFilter, IssuerInput, IssuerKind, NewDraft, NewText, NormativeEnv, Store,
    StoreError, TextSource,
};

const T0: i64 = 1_764_000_000_000;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn policy() -> &'static Policy {
    static P: std::sync::LazyLock<Policy> = std::sync::LazyLock::new(Policy::defaults);
    &P
}

fn env(today: NaiveDate) -> NormativeEnv<'static> {
    NormativeEnv {
        calendar: Calendar::official(),
        today,
        policy: policy(),
    }
}

fn actor() -> Actor {
    Actor {
        user_id: None,
        name: "李明华".into(),
    }
}

/// A government with one department and two issuers (the government, the department).
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
    let dept = tx
        .create_department(
            &DepartmentInput::parse("安吉县市场监督管理局", "市监", true, "《食品安全法》第六条")
                .unwrap(),
            None,
        )
        .await
        .unwrap();
    let county = tx
        .create_normative_issuer(&IssuerInput {
            name: "安吉县人民政府".into(),
            kind: IssuerKind::Government,
            department_id: None,
            number_prefix: "安政规".into(),
            basis: "《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》第七十三条"
                .into(),
            filing_body: "湖州市人民政府".into(),
        })
        .await
        .unwrap();
    let market = tx
        .create_normative_issuer(&IssuerInput {
            name: "安吉县市场监督管理局".into(),
            kind: IssuerKind::Department,
            department_id: Some(dept.id),
            number_prefix: "安市监规".into(),
            basis: "《安吉县市场监督管理局职能配置、内设机构和人员编制规定》".into(),
            filing_body: "安吉县人民政府".into(),
        })
        .await
        .unwrap();
    tx.commit().await.unwrap();
    (gov, county.id, market.id)
}

fn text(body: &str) -> NewText {
    NewText {
        body: body.into(),
        source: TextSource::Typed,
        file_name: String::new(),
        note: String::new(),
    }
}

const BODY: &str = "安吉县农贸市场管理办法\n第一条 为了规范农贸市场管理，制定本办法。\n第二条 本办法自2025年4月18日起施行，有效期五年。";

/// Drafted 2025-03-03 (not affecting the public), lawful 2025-03-12, adopted 2025-03-14.
async fn adopted(store: &Store, gov: i64, issuer: i64, title: &str) -> i64 {
    let e = env(d(2025, 6, 30));
    let mut tx = store.begin_write(gov, &actor(), T0).await.unwrap();
    let doc = tx
        .draft_normative_document(
            &e,
            &NewDraft {
                issuer_id: issuer,
                drafter_id: 7,
                title: title.into(),
                affects_public: false,
                drafted_on: d(2025, 3, 3),
            },
            &text(BODY),
        )
        .await
        .unwrap();
    let id = doc.document.id;
    for command in [
        Command::SubmitForLegalityReview {
            on: d(2025, 3, 4),
            findings: vec![],
            change: String::new(),
        },
        Command::RecordLegalityOpinion {
            reviewer_id: 9,
            reviewer: "周律".into(),
            on: d(2025, 3, 12),
            conclusion: Conclusion::Lawful,
            text: "经审核，合法".into(),
            short_review_reason: None,
        },
        Command::RecordDeliberation {
            held_on: d(2025, 3, 14),
            meeting: "县人民政府第12次常务会议".into(),
            participants: vec!["县长".into(), "副县长".into()],
            adopted: true,
            conclusion: "原则通过".into(),
        },
    ] {
        tx.apply_normative_command(&e, id, None, command)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    id
}

async fn register(
    store: &Store,
    gov: i64,
    id: i64,
    number: Option<DocumentNumber>,
) -> Result<store::StoredDocument, StoreError> {
    let mut tx = store.begin_write(gov, &actor(), T0).await.unwrap();
    let r = tx
        .register_normative_document(&env(d(2025, 6, 30)), id, None, d(2025, 3, 17), number)
        .await?;
    tx.commit().await.unwrap();
    Ok(r)
}

async fn publish(store: &Store, gov: i64, id: i64) {
    let mut tx = store.begin_write(gov, &actor(), T0).await.unwrap();
    tx.apply_normative_command(
        &env(d(2025, 6, 30)),
        id,
        None,
        Command::Publish {
            published_on: d(2025, 3, 18),
            effective_on: d(2025, 4, 18),
            valid_until: None,
            channel: "安吉县人民政府门户网站".into(),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

async fn deadlines_of(store: &Store, gov: i64, id: i64) -> Vec<String> {
    store
        .open_deadlines(gov)
        .await
        .unwrap()
        .into_iter()
        .filter(|d| {
            d.deadline.record_type == DOCUMENT_RECORD_TYPE && d.deadline.record_id == id.to_string()
        })
        .map(|d| format!("{} {}", d.deadline.rule_id, d.deadline.due_date))
        .collect()
}

#[tokio::test]
async fn each_step_is_one_ledger_entry_with_its_timeline_row_and_deadlines() {
    for db in test_support::engines().await {
        let s = &db.store;
        let (gov, county, _) = seed(s).await;
        let before = s.ledger_size(gov).await.unwrap();
        let id = adopted(s, gov, county, "安吉县农贸市场管理办法").await;
        // Draft, submit, opinion, deliberation.
        assert_eq!(s.ledger_size(gov).await.unwrap(), before + 4);
        let stored = register(s, gov, id, None).await.unwrap();
        assert_eq!(
            stored.document.number.as_ref().unwrap().to_string(),
            "安政规〔2025〕1号"
        );
        publish(s, gov, id).await;
        // Filing is due 30 days after publication (local 人大 rules; 37号).
        assert_eq!(
            deadlines_of(s, gov, id).await,
            [
                "normative_document.filing 2025-04-17",
                "normative_document.expiry_evaluation 2029-10-17"
            ]
        );
        let mut tx = s.begin_write(gov, &actor(), T0).await.unwrap();
        tx.apply_normative_command(
            &env(d(2025, 6, 30)),
            id,
            None,
            Command::File {
                filed_on: d(2025, 3, 20),
                recipient: "湖州市人民政府".into(),
            },
        )
        .await
        .unwrap();
        tx.apply_normative_command(
            &env(d(2025, 6, 30)),
            id,
            None,
            Command::AcceptFiling { on: d(2025, 4, 1) },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            deadlines_of(s, gov, id).await,
            ["normative_document.expiry_evaluation 2029-10-17"]
        );
        let events = s.normative_events(gov, id).await.unwrap();
        let kinds: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "normative.drafted",
                "normative.legality_review_submitted",
                "normative.legality_opinion_recorded",
                "normative.deliberated",
                "normative.registered",
                "normative.published",
                "normative.filed",
                "normative.filing_accepted"
            ],
            "{:?}",
            db.engine()
        );
        let ledger = s
            .ledger_entries_of(gov, DOCUMENT_RECORD_TYPE, &id.to_string())
            .await
            .unwrap();
        assert_eq!(ledger.len(), 8);
        assert!(
            ledger
                .iter()
                .zip(&events)
                .all(|(l, e)| l.idx == e.ledger_idx)
        );
        assert!(ledger[4].body.contains("安政规〔2025〕1号"));
        // The outbox announces every step to the search index.
        let rows = s
            .outbox_rows(gov, DOCUMENT_RECORD_TYPE, -1, i64::MAX, 100)
            .await
            .unwrap();
        assert_eq!(rows.len(), 8);
        let doc = s.normative_document(gov, id).await.unwrap();
        assert_eq!(doc.document.stage, Stage::Published);
        assert_eq!(doc.body.as_deref(), Some(BODY));
        assert_eq!(doc.version, 8);
        db.finish().await;
    }
}

#[tokio::test]
async fn numbering_has_no_gaps_and_no_reuse_37() {
    for db in test_support::engines().await {
        let s = &db.store;
        let (gov, county, market) = seed(s).await;
        let a = adopted(s, gov, county, "甲办法").await;
        let b = adopted(s, gov, county, "乙办法").await;
        let c = adopted(s, gov, market, "丙规定").await;
        register(s, gov, a, None).await.unwrap();
        let size = s.ledger_size(gov).await.unwrap();
        // A number already used is refused, and nothing is left behind.
        let dup = DocumentNumber::parse("安政规〔2025〕1号").unwrap();
        match register(s, gov, b, Some(dup)).await {
            Err(StoreError::Refused(r)) => assert_eq!(r.code, "normative.number_duplicate"),
            other => panic!("{other:?}"),
        }
        // So is one that leaves a gap.
        let gap = DocumentNumber::parse("安政规〔2025〕5号").unwrap();
        match register(s, gov, b, Some(gap)).await {
            Err(StoreError::Refused(r)) => assert_eq!(r.code, "normative.number_gap"),
            other => panic!("{other:?}"),
        }
        // And another issuer's prefix.
        let other = DocumentNumber::parse("安市监规〔2025〕1号").unwrap();
        match register(s, gov, b, Some(other)).await {
            Err(StoreError::Refused(r)) => {
                assert_eq!(r.code, "normative.number_prefix_mismatch")
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(s.ledger_size(gov).await.unwrap(), size);
        assert_eq!(
            s.normative_document(gov, b).await.unwrap().document.stage,
            Stage::Adopted
        );
        let b = register(s, gov, b, None).await.unwrap();
        assert_eq!(b.document.number.unwrap().to_string(), "安政规〔2025〕2号");
        // Each issuer has its own sequence.
        let c = register(s, gov, c, None).await.unwrap();
        assert_eq!(
            c.document.number.unwrap().to_string(),
            "安市监规〔2025〕1号"
        );
        db.finish().await;
    }
}

#[tokio::test]
async fn late_filing_is_recorded_not_refused() {
    for db in test_support::engines().await {
        let s = &db.store;
        let (gov, county, _) = seed(s).await;
        let id = adopted(s, gov, county, "安吉县农贸市场管理办法").await;
        register(s, gov, id, None).await.unwrap();
        publish(s, gov, id).await;
        let mut tx = s.begin_write(gov, &actor(), T0).await.unwrap();
        let filed = tx
            .apply_normative_command(
                &env(d(2025, 6, 30)),
                id,
                None,
                Command::File {
                    filed_on: d(2025, 5, 20),
                    recipient: "湖州市人民政府".into(),
                },
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert!(filed.document.filing.as_ref().unwrap().late);
        let (late, _) = s
            .list_normative_documents(
                gov,
                &DocumentFilter {
                    limit: 10,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert!(late[0].document.filing.as_ref().unwrap().late);
        db.finish().await;
    }
}

#[tokio::test]
async fn text_revisions_are_versioned_and_locked_under_review() {
    for db in test_support::engines().await {
        let s = &db.store;
        let (gov, county, _) = seed(s).await;
        let e = env(d(2025, 6, 30));
        let mut tx = s.begin_write(gov, &actor(), T0).await.unwrap();
        let doc = tx
            .draft_normative_document(
                &e,
                &NewDraft {
                    issuer_id: county,
                    drafter_id: 7,
                    title: "安吉县户外广告管理办法".into(),
                    affects_public: false,
                    drafted_on: d(2025, 3, 3),
                },
                &text("第一条 违反本办法的，处五百元罚款。"),
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let id = doc.document.id;
        let mut tx = s.begin_write(gov, &actor(), T0).await.unwrap();
        tx.revise_normative_text(
            id,
            Some(doc.version),
            &NewText {
                note: "删去罚款条款".into(),
                ..text("第一条 为了规范户外广告设置，制定本办法。")
            },
            d(2025, 3, 4),
        )
        .await
        .unwrap();
        tx.apply_normative_command(
            &e,
            id,
            None,
            Command::SubmitForLegalityReview {
                on: d(2025, 3, 5),
                findings: vec![],
                change: String::new(),
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let size = s.ledger_size(gov).await.unwrap();
        let mut tx = s.begin_write(gov, &actor(), T0).await.unwrap();
        match tx
            .revise_normative_text(id, None, &text("改过的文本"), d(2025, 3, 6))
            .await
        {
            Err(StoreError::Refused(r)) => assert_eq!(r.code, "normative.text_locked"),
            other => panic!("{other:?}"),
        }
        drop(tx);
        assert_eq!(s.ledger_size(gov).await.unwrap(), size);
        let texts = s.normative_texts(gov, id).await.unwrap();
        assert_eq!(texts.len(), 2);
        assert_eq!(texts[1].note, "删去罚款条款");
        let stored = s.normative_document(gov, id).await.unwrap();
        assert_eq!(stored.text_seq, 2);
        assert!(stored.body.unwrap().contains("户外广告设置"));
        // A stale version is a conflict.
        let mut tx = s.begin_write(gov, &actor(), T0).await.unwrap();
        assert!(matches!(
            tx.revise_normative_text(id, Some(1), &text("x"), d(2025, 3, 6))
                .await,
            Err(StoreError::Conflict(_))
        ));
        drop(tx);
        db.finish().await;
    }
}

#[tokio::test]
async fn objections_open_and_close_their_reply_deadline() {
    for db in test_support::engines().await {
        let s = &db.store;
        let (gov, county, _) = seed(s).await;
        let id = adopted(s, gov, county, "安吉县农贸市场管理办法").await;
        // No objection to an unpublished document.
        let mut tx = s.begin_write(gov, &actor(), T0).await.unwrap();
        match tx
            .receive_normative_objection(
                &env(d(2025, 6, 30)),
                id,
                "王五",
                "13800000000",
                "第二条无上位法依据",
                Channel::Issuer,
                d(2025, 3, 20),
            )
            .await
        {
            Err(StoreError::Refused(r)) => assert_eq!(r.code, "normative_objection.not_published"),
            other => panic!("{other:?}"),
        }
        drop(tx);
        register(s, gov, id, None).await.unwrap();
        publish(s, gov, id).await;
        let mut tx = s.begin_write(gov, &actor(), T0).await.unwrap();
        let o = tx
            .receive_normative_objection(
                &env(d(2025, 6, 30)),
                id,
                "王五",
                "13800000000",
                "第二条无上位法依据",
                Channel::Issuer,
                d(2025, 3, 20),
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(o.reply_due, "2025-04-21");
        let open = s.open_deadlines(gov).await.unwrap();
        assert!(
            open.iter()
                .any(|d| d.deadline.rule_id == "normative_document.objection_reply")
        );
        let mut tx = s.begin_write(gov, &actor(), T0).await.unwrap();
        let replied = tx
            .reply_normative_objection(
                &env(d(2025, 6, 30)),
                o.objection.id,
                d(2025, 4, 30),
                Finding::Rejected,
                "第二条依据《农产品质量安全法》第五条制定，异议不成立",
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let reply = replied.objection.reply.unwrap();
        assert!(reply.late, "replied after 2025-04-21");
        let open = s.open_deadlines(gov).await.unwrap();
        assert!(
            !open
                .iter()
                .any(|d| d.deadline.rule_id == "normative_document.objection_reply")
        );
        assert_eq!(s.normative_objections_of(gov, id).await.unwrap().len(), 1);
        assert!(s.normative_objections(gov, true).await.unwrap().is_empty());
        db.finish().await;
    }
}

#[tokio::test]
async fn closing_a_cleanup_repeals_what_it_lists() {
    for db in test_support::engines().await {
        let s = &db.store;
        let (gov, county, _) = seed(s).await;
        let a = adopted(s, gov, county, "甲办法").await;
        let b = adopted(s, gov, county, "乙办法").await;
        for id in [a, b] {
            register(s, gov, id, None).await.unwrap();
            publish(s, gov, id).await;
        }
        let e = env(d(2025, 6, 30));
        let mut tx = s.begin_write(gov, &actor(), T0).await.unwrap();
        let c = tx
            .start_normative_campaign(
                &e,
                "2025年规范性文件集中清理",
                CampaignKind::Periodic,
                d(2025, 6, 1),
                vec![a, b],
            )
            .await
            .unwrap();
        tx.decide_normative_campaign(
            &e,
            c.campaign.id,
            a,
            CleanupOutcome::Keep,
            "符合上位法",
            d(2025, 6, 10),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        // Closing with an undecided document is refused.
        let mut tx = s.begin_write(gov, &actor(), T0).await.unwrap();
        match tx
            .close_normative_campaign(&e, c.campaign.id, d(2025, 6, 20))
            .await
        {
            Err(StoreError::Refused(r)) => assert_eq!(r.code, "normative_cleanup.undecided"),
            other => panic!("{other:?}"),
        }
        drop(tx);
        let mut tx = s.begin_write(gov, &actor(), T0).await.unwrap();
        tx.decide_normative_campaign(
            &e,
            c.campaign.id,
            b,
            CleanupOutcome::Repeal,
            "上位法已废止",
            d(2025, 6, 12),
        )
        .await
        .unwrap();
        let closed = tx
            .close_normative_campaign(&e, c.campaign.id, d(2025, 6, 20))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(closed.campaign.closed_on, Some(d(2025, 6, 20)));
        assert_eq!(
            s.normative_document(gov, a).await.unwrap().document.stage,
            Stage::Published
        );
        let repealed = s.normative_document(gov, b).await.unwrap().document;
        assert_eq!(repealed.stage, Stage::Repealed);
        assert_eq!(repealed.ending.unwrap().campaign_id, Some(c.campaign.id));
        assert_eq!(s.normative_campaigns(gov).await.unwrap().len(), 1);
        db.finish().await;
    }
}

#[tokio::test]
async fn lists_filter_by_status_year_issuer_and_scope() {
    for db in test_support::engines().await {
        let s = &db.store;
        let (gov, county, market) = seed(s).await;
        let a = adopted(s, gov, county, "甲办法").await;
        let _draft = adopted(s, gov, market, "乙规定").await;
        register(s, gov, a, None).await.unwrap();
        publish(s, gov, a).await;
        let list = |f: DocumentFilter| async move {
            s.list_normative_documents(gov, &DocumentFilter { limit: 50, ..f })
                .await
                .unwrap()
                .1
        };
        let today = Some(d(2025, 6, 30));
        assert_eq!(list(DocumentFilter::default()).await, 2);
        assert_eq!(
            list(DocumentFilter {
                public_only: true,
                ..Default::default()
            })
            .await,
            1
        );
        assert_eq!(
            list(DocumentFilter {
                status: Some("in_force".into()),
                today,
                ..Default::default()
            })
            .await,
            1
        );
        assert_eq!(
            list(DocumentFilter {
                status: Some("not_yet_in_force".into()),
                today: Some(d(2025, 3, 20)),
                ..Default::default()
            })
            .await,
            1
        );
        assert_eq!(
            list(DocumentFilter {
                status: Some("under_review".into()),
                today,
                ..Default::default()
            })
            .await,
            1
        );
        assert_eq!(
            list(DocumentFilter {
                issuer_id: Some(market),
                ..Default::default()
            })
            .await,
            1
        );
        assert_eq!(
            list(DocumentFilter {
                issuer_scope: Some(vec![]),
                ..Default::default()
            })
            .await,
            0
        );
        assert_eq!(
            list(DocumentFilter {
                year: Some(2024),
                ..Default::default()
            })
            .await,
            0
        );
        assert_eq!(
            list(DocumentFilter {
                query: Some("安政规".into()),
                ..Default::default()
            })
            .await,
            1
        );
        assert_eq!(s.normative_years(gov, true).await.unwrap(), vec![2025]);
        db.finish().await;
    }
}

#[tokio::test]
async fn search_cursor_reads_the_outbox_past_it() {
    for db in test_support::engines().await {
        let s = &db.store;
        let (gov, county, _) = seed(s).await;
        assert_eq!(s.search_cursor(gov).await.unwrap(), -1);
        let id = adopted(s, gov, county, "甲办法").await;
        let max = s.max_outbox_id(gov).await.unwrap();
        let rows = s
            .outbox_rows(gov, DOCUMENT_RECORD_TYPE, -1, max, 2)
            .await
            .unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|(_, r)| *r == id.to_string()));
        s.set_search_cursor(gov, max, T0).await.unwrap();
        s.set_search_cursor(gov, max, T0 + 1).await.unwrap();
        assert_eq!(s.search_cursor(gov).await.unwrap(), max);
        assert!(
            s.outbox_rows(gov, DOCUMENT_RECORD_TYPE, max, max, 10)
                .await
                .unwrap()
                .is_empty()
        );
        db.finish().await;
    }
}

#[tokio::test]
async fn issuers_have_unique_names_and_prefixes() {
    for db in test_support::engines().await {
        let s = &db.store;
        let (gov, _, _) = seed(s).await;
        let mut tx = s.begin_write(gov, &actor(), T0).await.unwrap();
        let r = tx
            .create_normative_issuer(&IssuerInput {
                name: "安吉县人民政府办公室".into(),
                kind: IssuerKind::Government,
                department_id: None,
                number_prefix: "安政规".into(),
                basis: "x".into(),
                filing_body: "湖州市人民政府".into(),
            })
            .await;
        match r {
            Err(StoreError::Conflict(m)) => assert!(m.contains("文号前缀"), "{m}"),
            other => panic!("{other:?}"),
        }
        drop(tx);
        let mut tx = s.begin_write(gov, &actor(), T0).await.unwrap();
        let i = tx
            .create_normative_issuer(&IssuerInput {
                name: "安吉县人民政府办公室".into(),
                kind: IssuerKind::Government,
                department_id: None,
                number_prefix: "安政办规".into(),
                basis: "x".into(),
                filing_body: "湖州市人民政府".into(),
            })
            .await
            .unwrap();
        tx.set_normative_issuer_published(i.id, true).await.unwrap();
        tx.commit().await.unwrap();
        let all = s.normative_issuers(gov).await.unwrap();
        assert_eq!(all.len(), 3);
        assert!(all.iter().find(|x| x.id == i.id).unwrap().published);
        db.finish().await;
    }
}

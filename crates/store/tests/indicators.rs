//! Store tests of indicators: the figures equal independent counts written as plain SQL over the
//! same rows; the aggregates kept from the outbox equal a rebuild from the records, after a fixed
//! history and after random sequences of changes (property test); the drill-down lists exactly
//! the records counted. Every test runs on SQLite and PostgreSQL (the property test on SQLite,
//! with one generated history replayed on PostgreSQL too).

use std::collections::BTreeMap;

use calendar::{Calendar, Days};
use chrono::NaiveDate;
use domain::enforcement::PartyKind;
use domain::enforcement::legal_review::{Opinion, QualifiedReviewer, ReviewerQualification};
use domain::enforcement::officer::{
    CertificateStanding, CertifiedOfficer, InvestigationTeam, Officer, OfficerInput,
};
use domain::enforcement::penalty::{Command, Complexity, Outcome, Party, Penalty, Sanction};
use domain::enforcement::power::{BasisText, PowerChange, PowerInput, PowerType, StatusEvent};
use domain::indicators;
use domain::org::{DepartmentInput, RegionLevel};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use store::disclosures::NewDisclosure;
use store::indicators::Part;
use store::penalty_flow::{NewClue, PenaltyEnv};
use store::test_support::{self, TestDb};
use store::{Actor, PartyDetails, Store};

const T0: i64 = 1_764_000_000_000;
const YEAR: i32 = 2025;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn plus(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_add_days(Days::new(n)).unwrap()
}

fn cal() -> &'static Calendar {
    Calendar::official()
}

fn actor() -> Actor {
    Actor {
        user_id: None,
        name: "李明".into(),
    }
}

/// A county with two enforcement departments and a few officers in each.
struct County {
    gov: i64,
    depts: [i64; 2],
    officers: Vec<Officer>,
}

async fn seed(store: &Store) -> County {
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
    let mut depts = [0; 2];
    for (i, (name, short)) in [
        ("安吉县市场监督管理局", "安市监"),
        ("安吉县交通运输局", "安交"),
    ]
    .into_iter()
    .enumerate()
    {
        depts[i] = tx
            .create_department(
                &DepartmentInput::parse(name, short, true, "《中华人民共和国行政处罚法》第十七条")
                    .unwrap(),
                None,
            )
            .await
            .unwrap()
            .id;
    }
    let mut officers = Vec::new();
    for (i, (dept, name, qualified)) in [
        (depts[0], "李明", false),
        (depts[0], "王芳", true),
        (depts[0], "陈静", false),
        (depts[1], "赵强", false),
        (depts[1], "孙伟", true),
    ]
    .into_iter()
    .enumerate()
    {
        let rec = tx
            .create_officer(
                dept,
                &OfficerInput {
                    name: name.into(),
                    certificate_number: format!("330523001{i:02}"),
                    category: "市场监管".into(),
                    issued_on: d(2023, 1, 1),
                    expires_on: d(2029, 12, 31),
                    standing: CertificateStanding::InForce,
                    legal_review_qualified: qualified,
                    training_hours: 60,
                },
            )
            .await
            .unwrap();
        officers.push(rec.officer);
    }
    tx.commit().await.unwrap();
    County {
        gov,
        depts,
        officers,
    }
}

fn fine(yuan: i64) -> Penalty {
    Penalty {
        sanctions: vec![Sanction::Fine { fen: yuan * 100 }],
        other_hearing_ground: false,
    }
}

/// Applies one command; a refusal leaves nothing and answers false.
async fn step(store: &Store, gov: i64, id: i64, today: NaiveDate, command: Command) -> bool {
    let mut tx = store.begin_write(gov, &actor(), T0 + 10).await.unwrap();
    match tx
        .apply_penalty_command(&PenaltyEnv::new(cal(), today), id, None, command)
        .await
    {
        Ok(_) => {
            tx.commit().await.unwrap();
            true
        }
        Err(_) => false,
    }
}

async fn register(store: &Store, c: &County, dept: i64, on: NaiveDate) -> i64 {
    let mut tx = store.begin_write(c.gov, &actor(), T0 + 5).await.unwrap();
    let case = tx
        .register_penalty_case(
            &PenaltyEnv::new(cal(), on),
            NewClue {
                department_id: dept,
                power_id: None,
                party: Party {
                    kind: PartyKind::Individual,
                    name: "张小三".into(),
                },
                details: PartyDetails::default(),
                clue: "群众举报无照经营".into(),
                registered_on: on,
            },
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    case.case.id
}

/// Opens a case and takes it to the end of the investigation.
async fn investigate(store: &Store, c: &County, id: i64, dept: i64, on: NaiveDate) -> bool {
    let team: Vec<CertifiedOfficer> = c
        .officers
        .iter()
        .filter(|o| o.department_id == dept)
        .take(2)
        .map(|o| CertifiedOfficer::certify(o, on).unwrap())
        .collect();
    step(store, c.gov, id, on, Command::StartVerification).await
        && step(
            store,
            c.gov,
            id,
            on,
            Command::Open {
                opened_on: on,
                complexity: Complexity::Ordinary,
            },
        )
        .await
        && step(
            store,
            c.gov,
            id,
            on,
            Command::AssignInvestigators {
                team: InvestigationTeam::new(team).unwrap(),
            },
        )
        .await
        && step(
            store,
            c.gov,
            id,
            plus(on, 2),
            Command::CloseInvestigation {
                closed_on: plus(on, 2),
            },
        )
        .await
}

/// Issues the notice, has the party waive the defence, passes the legal review when asked, and
/// decides: `outcome` 0 a fine of `yuan`, 1 不予处罚（轻微）, 2 违法事实不能成立, 3 移送.
async fn decide(store: &Store, c: &County, id: i64, on: NaiveDate, outcome: u8, yuan: i64) -> bool {
    let outcome = match outcome % 4 {
        0 => Outcome::Penalty(fine(yuan)),
        1 => Outcome::NoPenaltyMinor,
        2 => Outcome::NoPenaltyNotEstablished,
        _ => Outcome::TransferToJudiciary {
            to: "安吉县公安局".into(),
        },
    };
    let notice_on = plus(on, 3);
    let ok = step(
        store,
        c.gov,
        id,
        notice_on,
        Command::IssueNotice {
            served_on: notice_on,
            proposal: fine(yuan.max(100)),
            facts: "未取得营业执照从事经营活动".into(),
            basis: "《无证无照经营查处办法》第十三条".into(),
        },
    )
    .await
        && step(
            store,
            c.gov,
            id,
            plus(on, 4),
            Command::WaiveDefence { on: plus(on, 4) },
        )
        .await;
    if !ok {
        return false;
    }
    let decide = |when: NaiveDate| Command::Decide {
        decided_on: when,
        document_number: format!("安罚〔{YEAR}〕{id}号"),
        outcome: outcome.clone(),
    };
    if step(store, c.gov, id, plus(on, 5), decide(plus(on, 5))).await {
        return true;
    }
    // The catalogue asks for a legal review first (第五十八条).
    let reviewer =
        QualifiedReviewer::new(99, "周律", ReviewerQualification::LegalProfession).unwrap();
    step(
        store,
        c.gov,
        id,
        plus(on, 5),
        Command::SubmitForLegalReview {
            on: plus(on, 5),
            change: String::new(),
        },
    )
    .await
        && step(
            store,
            c.gov,
            id,
            plus(on, 6),
            Command::RecordLegalReview {
                reviewer,
                on: plus(on, 6),
                opinion: Opinion::Approve,
            },
        )
        .await
        && step(store, c.gov, id, plus(on, 7), decide(plus(on, 7))).await
}

async fn publish(store: &Store, c: &County, id: i64, late: bool) -> bool {
    let case = store.penalty_case(c.gov, id).await.unwrap();
    let Some(decision) = &case.case.decision else {
        return false;
    };
    let decided = decision.decided_on;
    let (due, published) = (plus(decided, 9), plus(decided, if late { 12 } else { 3 }));
    let mut tx = store.begin_write(c.gov, &actor(), T0 + 20).await.unwrap();
    let r = tx
        .publish_disclosure(&NewDisclosure {
            case_id: id,
            department_id: case.summary.department_id,
            title: format!("行政处罚决定书（{}）", decision.document_number),
            document_number: decision.document_number.clone(),
            content: "当事人：张**".into(),
            decided_on: decided.to_string(),
            due_on: due.to_string(),
            published_on: published.to_string(),
        })
        .await;
    match r {
        Ok(_) => {
            tx.commit().await.unwrap();
            true
        }
        Err(_) => false,
    }
}

async fn file(store: &Store, c: &County, id: i64, late: bool) -> bool {
    let case = store.penalty_case(c.gov, id).await.unwrap();
    let Some(decided) = case.case.decision.as_ref().map(|d| d.decided_on) else {
        return false;
    };
    let due = plus(decided, 20);
    let filed = plus(decided, if late { 25 } else { 6 });
    let mut tx = store.begin_write(c.gov, &actor(), T0 + 30).await.unwrap();
    match tx
        .file_major_penalty(&case, &filed.to_string(), &due.to_string(), "")
        .await
    {
        Ok(()) => {
            tx.commit().await.unwrap();
            true
        }
        Err(_) => false,
    }
}

async fn add_power(
    store: &Store,
    c: &County,
    n: usize,
    dept: i64,
    penalty: bool,
    on: NaiveDate,
) -> i64 {
    let mut tx = store.begin_write(c.gov, &actor(), T0 + 40).await.unwrap();
    let p = tx
        .create_power(
            &PowerInput {
                code: format!("P{n:04}"),
                name: format!("事项{n}"),
                power_type: if penalty {
                    PowerType::Penalty
                } else {
                    PowerType::Inspection
                },
                basis: BasisText {
                    law: "《中华人民共和国食品安全法》".into(),
                    article: "第一百二十四条".into(),
                },
                added_on: on,
                document_number: "安政发〔2025〕1号".into(),
            },
            dept,
            "县级",
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    p.id
}

async fn cancel_power(store: &Store, c: &County, id: i64, on: NaiveDate) {
    let mut tx = store.begin_write(c.gov, &actor(), T0 + 50).await.unwrap();
    tx.record_power_change(
        id,
        &StatusEvent {
            change: PowerChange::Cancelled,
            on,
            document_number: "安政发〔2025〕9号".into(),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

async fn catch_up(store: &Store, gov: i64) {
    store.catch_up_indicators(gov, cal(), T0).await.unwrap();
}

/// The aggregates and facts now, then after a rebuild: they must be the same.
async fn assert_rebuild_agrees(store: &Store, gov: i64) {
    catch_up(store, gov).await;
    assert_eq!(store.indicators_lag(gov).await.unwrap(), 0);
    let rows = store.aggregate_rows(gov).await.unwrap();
    let facts = store.record_fact_rows(gov).await.unwrap();
    let rebuilt = store.rebuild_indicators(gov, cal(), T0).await.unwrap();
    assert_eq!(rebuilt.facts, facts.len());
    assert_eq!(store.record_fact_rows(gov).await.unwrap(), facts);
    let after = store.aggregate_rows(gov).await.unwrap();
    if after != rows {
        let a: BTreeMap<_, _> = rows
            .iter()
            .map(|r| ((r.0, r.1, r.2, r.3.clone(), r.4), r.5))
            .collect();
        let b: BTreeMap<_, _> = after
            .iter()
            .map(|r| ((r.0, r.1, r.2, r.3.clone(), r.4), r.5))
            .collect();
        let diff: Vec<_> = a
            .keys()
            .chain(b.keys())
            .filter(|k| a.get(*k) != b.get(*k))
            .map(|k| (k.clone(), a.get(k), b.get(k)))
            .collect();
        panic!("incremental and rebuilt aggregates differ: {diff:?}");
    }
    assert_eq!(store.indicators_lag(gov).await.unwrap(), 0);
}

/// A fixed history: cases of every outcome in both departments, publications (one late),
/// filings (one late), a catalogue item that forces legal reviews, a suspended certificate,
/// powers added and cancelled.
async fn history(store: &Store, c: &County) {
    let mut day = d(YEAR, 1, 6);
    for i in 0..12_u8 {
        let dept = c.depts[usize::from(i % 2)];
        let id = register(store, c, dept, day).await;
        if i % 6 != 5 && investigate(store, c, id, dept, day).await && i % 6 != 4 {
            decide(store, c, id, plus(day, 1), i % 4, 200 + i64::from(i) * 150).await;
            if i % 4 == 0 {
                publish(store, c, id, i == 8).await;
            }
            if i % 3 == 0 {
                file(store, c, id, i == 3).await;
            }
        }
        if i == 6 {
            // From now on, fines of 1000 yuan or more in the first department need a legal review.
            let mut tx = store.begin_write(c.gov, &actor(), T0 + 60).await.unwrap();
            tx.add_catalogue_item(
                c.depts[0],
                "罚款一千元以上",
                "审核目录",
                None,
                Some(100_000),
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
        }
        day = plus(day, 27);
    }
    // A case decided in the next year, and one registered late in the year and decided after it.
    let id = register(store, c, c.depts[1], d(YEAR, 12, 20)).await;
    investigate(store, c, id, c.depts[1], d(YEAR, 12, 20)).await;
    decide(store, c, id, d(YEAR + 1, 1, 5), 0, 300).await;
    let mut tx = store.begin_write(c.gov, &actor(), T0 + 70).await.unwrap();
    tx.set_certificate_standing(c.officers[2].id, CertificateStanding::Suspended)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    for n in 0..6 {
        let dept = c.depts[n % 2];
        let id = add_power(store, c, n, dept, n % 3 != 0, d(2024, 1 + n as u32, 1)).await;
        if n == 4 {
            cancel_power(store, c, id, d(YEAR, 6, 30)).await;
        }
    }
}

fn year_sql(column: &str) -> String {
    format!("{column} >= '{YEAR}-01-01' AND {column} <= '{YEAR}-12-31'")
}

#[tokio::test]
async fn indicator_values_equal_independent_sql_counts() {
    for db in test_support::engines().await {
        let store = &db.store;
        let c = seed(store).await;
        history(store, &c).await;
        catch_up(store, c.gov).await;
        let g = c.gov;
        let figures = store.indicator_figures(&[g], 0, YEAR).await.unwrap();
        let count = |sql: String| async move { store.scalar_raw(&sql).await.unwrap() };
        let checks: Vec<(&str, bool, String)> = vec![
            (
                "enforcement.cases_opened",
                false,
                format!("SELECT COUNT(*) FROM penalty_cases WHERE government_id = {g} AND {}", year_sql("opened_on")),
            ),
            (
                "enforcement.penalty_decisions",
                false,
                format!("SELECT COUNT(*) FROM penalty_cases WHERE government_id = {g} AND outcome = 'penalty' AND {}", year_sql("decided_on")),
            ),
            (
                "enforcement.penalty_decisions_ordinary",
                false,
                format!("SELECT COUNT(*) FROM penalty_cases WHERE government_id = {g} AND outcome = 'penalty' AND {}", year_sql("decided_on")),
            ),
            (
                "enforcement.no_penalty_decisions",
                false,
                format!("SELECT COUNT(*) FROM penalty_cases WHERE government_id = {g} AND outcome = 'no_penalty_minor' AND {}", year_sql("decided_on")),
            ),
            (
                "enforcement.transfers_to_judiciary",
                false,
                format!("SELECT COUNT(*) FROM penalty_cases WHERE government_id = {g} AND outcome = 'transfer_to_judiciary' AND {}", year_sql("decided_on")),
            ),
            (
                "enforcement.fines_and_confiscations",
                false,
                format!("SELECT CAST(SUM(fine_fen) AS BIGINT) FROM penalty_cases WHERE government_id = {g} AND outcome = 'penalty' AND {}", year_sql("decided_on")),
            ),
            (
                "enforcement.decided_on_time_rate",
                true,
                format!("SELECT COUNT(*) FROM penalty_cases WHERE government_id = {g} AND {}", year_sql("decided_on")),
            ),
            (
                "enforcement.disclosure_rate",
                false,
                format!("SELECT COUNT(*) FROM disclosures d JOIN penalty_cases c ON c.government_id = d.government_id AND c.id = d.case_id
                         WHERE d.government_id = {g} AND {}", year_sql("c.decided_on")),
            ),
            (
                "enforcement.disclosure_rate",
                true,
                format!("SELECT COUNT(*) FROM penalty_cases WHERE government_id = {g} AND outcome = 'penalty' AND {}", year_sql("decided_on")),
            ),
            (
                "enforcement.disclosures",
                false,
                format!("SELECT COUNT(*) FROM disclosures WHERE government_id = {g} AND {}", year_sql("published_on")),
            ),
            (
                "enforcement.disclosure_on_time_rate",
                false,
                format!("SELECT COUNT(*) FROM disclosures WHERE government_id = {g} AND late = 0 AND {}", year_sql("published_on")),
            ),
            (
                "enforcement.major_penalty_filings",
                false,
                format!("SELECT COUNT(*) FROM major_penalty_filings WHERE government_id = {g} AND {}", year_sql("filed_on")),
            ),
            (
                "enforcement.major_penalty_filing_on_time_rate",
                false,
                format!("SELECT COUNT(*) FROM major_penalty_filings WHERE government_id = {g} AND late = 0 AND {}", year_sql("filed_on")),
            ),
            (
                "enforcement.legal_reviews",
                false,
                format!("SELECT COUNT(*) FROM penalty_events WHERE government_id = {g} AND kind = 'penalty.legal_review_recorded' AND {}", year_sql("on_date")),
            ),
            (
                "enforcement.officers",
                false,
                format!("SELECT COUNT(*) FROM officers WHERE government_id = {g}"),
            ),
            (
                "enforcement.certified_officers",
                false,
                format!("SELECT COUNT(*) FROM officers WHERE government_id = {g} AND standing = 'in_force'
                         AND issued_on <= '{YEAR}-12-31' AND expires_on >= '{YEAR}-12-31'"),
            ),
            (
                "enforcement.legal_review_staff",
                false,
                format!("SELECT COUNT(*) FROM officers WHERE government_id = {g} AND legal_review_qualified = 1"),
            ),
            (
                "enforcement.powers",
                false,
                // In force at the year's end: the last status event up to 31 December adds it.
                format!("SELECT COUNT(*) FROM powers p WHERE p.government_id = {g} AND (
                           SELECT e.change_kind FROM power_status_events e
                           WHERE e.government_id = p.government_id AND e.power_id = p.id AND e.effective_on <= '{YEAR}-12-31'
                           ORDER BY e.seq DESC LIMIT 1) IN ('新增', '承接')"),
            ),
            (
                "enforcement.penalty_powers",
                false,
                format!("SELECT COUNT(*) FROM powers p WHERE p.government_id = {g} AND p.power_type = '处罚' AND (
                           SELECT e.change_kind FROM power_status_events e
                           WHERE e.government_id = p.government_id AND e.power_id = p.id AND e.effective_on <= '{YEAR}-12-31'
                           ORDER BY e.seq DESC LIMIT 1) IN ('新增', '承接')"),
            ),
        ];
        for (id, denominator, sql) in checks {
            let f = figures.get(id).unwrap_or_else(|| panic!("{id}"));
            let got = if denominator {
                f.denominator.unwrap()
            } else {
                f.numerator
            };
            assert_eq!(
                got,
                count(sql.clone()).await,
                "{id} ({:?}): {sql}",
                db.engine()
            );
        }
        // The history is rich enough for the comparison to mean something.
        let positive = |id: &str| figures.get(id).unwrap().numerator > 0;
        for id in [
            "enforcement.penalty_decisions",
            "enforcement.no_penalty_decisions",
            "enforcement.transfers_to_judiciary",
            "enforcement.disclosures",
            "enforcement.major_penalty_filings",
            "enforcement.legal_reviews",
            "enforcement.powers",
        ] {
            assert!(positive(id), "{id}: {:?}", figures.get(id));
        }
        let on_time = figures.get("enforcement.disclosure_on_time_rate").unwrap();
        assert!(
            on_time.numerator < on_time.denominator.unwrap(),
            "one late publication"
        );
        // By department: the same counts grouped by department.
        let by_dept = store
            .indicator_tallies_by_department(g, YEAR)
            .await
            .unwrap();
        for dept in c.depts {
            let sql = format!(
                "SELECT COUNT(*) FROM penalty_cases WHERE government_id = {g} AND department_id = {dept}
                 AND outcome = 'penalty' AND {}",
                year_sql("decided_on")
            );
            let t = by_dept
                .get(&(dept, "enforcement.penalty_decisions".to_owned()))
                .copied()
                .unwrap_or_default();
            assert_eq!(t.numerator, count(sql).await);
            let dept_figures = store.indicator_figures(&[g], dept, YEAR).await.unwrap();
            assert_eq!(
                dept_figures
                    .get("enforcement.penalty_decisions")
                    .unwrap()
                    .numerator,
                t.numerator
            );
        }
        // By month: the months add up to the year.
        let monthly = store.indicator_monthly(&[g], 0, YEAR).await.unwrap();
        let months: i64 = monthly
            .iter()
            .filter(|((id, _), _)| id == "enforcement.penalty_decisions")
            .map(|(_, t)| t.numerator)
            .sum();
        assert_eq!(
            months,
            figures
                .get("enforcement.penalty_decisions")
                .unwrap()
                .numerator
        );
        db.finish().await;
    }
}

#[tokio::test]
async fn drill_down_lists_the_records_behind_numerator_and_denominator() {
    for db in test_support::engines().await {
        let store = &db.store;
        let c = seed(store).await;
        history(store, &c).await;
        catch_up(store, c.gov).await;
        let figures = store.indicator_figures(&[c.gov], 0, YEAR).await.unwrap();
        for id in [
            "enforcement.disclosure_rate",
            "enforcement.penalty_decisions",
            "enforcement.fines_and_confiscations",
            "enforcement.certified_officer_rate",
            "enforcement.powers",
            "enforcement.legal_reviews",
        ] {
            let indicator = indicators::find(id).unwrap();
            let f = figures.get(id).unwrap();
            let (list, total) = store
                .indicator_records(c.gov, indicator, Part::Numerator, 0, YEAR, None, 0, 1000)
                .await
                .unwrap();
            assert_eq!(list.len(), total);
            assert_eq!(
                list.iter().map(|r| r.value).sum::<i64>(),
                f.numerator,
                "{id}"
            );
            if let Some(den) = f.denominator {
                let (list, total) = store
                    .indicator_records(c.gov, indicator, Part::Denominator, 0, YEAR, None, 0, 1000)
                    .await
                    .unwrap();
                assert_eq!(total as i64, den, "{id}");
                assert!(list.iter().all(|r| r.link.starts_with("/staff/")));
            }
        }
        // Paging.
        let indicator = indicators::find("enforcement.officers").unwrap();
        let (page, total) = store
            .indicator_records(c.gov, indicator, Part::Numerator, 0, YEAR, None, 2, 2)
            .await
            .unwrap();
        assert_eq!((page.len(), total), (2, 5));
        db.finish().await;
    }
}

#[tokio::test]
async fn incremental_equals_rebuild_after_a_history() {
    for db in test_support::engines().await {
        let store = &db.store;
        let c = seed(store).await;
        // Catch up in the middle too, so that updates subtract what earlier batches added.
        let id = register(store, &c, c.depts[0], d(YEAR, 2, 3)).await;
        catch_up(store, c.gov).await;
        investigate(store, &c, id, c.depts[0], d(YEAR, 2, 3)).await;
        catch_up(store, c.gov).await;
        history(store, &c).await;
        assert_rebuild_agrees(store, c.gov).await;
        // A rebuild of a rebuild, and a worker run after it, change nothing.
        assert_rebuild_agrees(store, c.gov).await;
        db.finish().await;
    }
}

#[tokio::test]
async fn two_workers_apply_each_row_once() {
    for db in test_support::engines().await {
        let store = &db.store;
        let c = seed(store).await;
        history(store, &c).await;
        let (a, b) = tokio::join!(
            store.catch_up_indicators(c.gov, cal(), T0),
            store.catch_up_indicators(c.gov, cal(), T0)
        );
        a.unwrap();
        b.unwrap();
        assert_rebuild_agrees(store, c.gov).await;
        db.finish().await;
    }
}

/// One change of a random history.
#[derive(Debug, Clone)]
enum Op {
    Register {
        dept: u8,
        day: u16,
    },
    Investigate {
        case: u8,
    },
    Decide {
        case: u8,
        outcome: u8,
        yuan: u16,
    },
    Publish {
        case: u8,
        late: bool,
    },
    File {
        case: u8,
        late: bool,
    },
    AddOfficer {
        dept: u8,
        qualified: bool,
        issued_day: u16,
    },
    Standing {
        officer: u8,
        standing: u8,
    },
    AddPower {
        dept: u8,
        penalty: bool,
        day: u16,
    },
    CancelPower {
        power: u8,
        day: u16,
    },
    Catalogue {
        dept: u8,
        min_yuan: u16,
    },
    CatchUp,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (any::<u8>(), 0..330_u16).prop_map(|(dept, day)| Op::Register { dept, day }),
        3 => any::<u8>().prop_map(|case| Op::Investigate { case }),
        3 => (any::<u8>(), any::<u8>(), 1..3000_u16).prop_map(|(case, outcome, yuan)| Op::Decide { case, outcome, yuan }),
        2 => (any::<u8>(), any::<bool>()).prop_map(|(case, late)| Op::Publish { case, late }),
        1 => (any::<u8>(), any::<bool>()).prop_map(|(case, late)| Op::File { case, late }),
        1 => (any::<u8>(), any::<bool>(), 0..1500_u16).prop_map(|(dept, qualified, issued_day)| Op::AddOfficer { dept, qualified, issued_day }),
        1 => (any::<u8>(), 0..3_u8).prop_map(|(officer, standing)| Op::Standing { officer, standing }),
        1 => (any::<u8>(), any::<bool>(), 0..700_u16).prop_map(|(dept, penalty, day)| Op::AddPower { dept, penalty, day }),
        1 => (any::<u8>(), 0..700_u16).prop_map(|(power, day)| Op::CancelPower { power, day }),
        1 => (any::<u8>(), 100..3000_u16).prop_map(|(dept, min_yuan)| Op::Catalogue { dept, min_yuan }),
        2 => Just(Op::CatchUp),
    ]
}

/// Runs a history of random changes, catching up where it says so, then checks the aggregates
/// against a rebuild and against an evaluation of the stored facts by the domain's oracle.
async fn run_ops(db: &TestDb, ops: &[Op]) {
    let store = &db.store;
    let c = seed(store).await;
    let mut cases: Vec<(i64, i64, NaiveDate)> = Vec::new();
    let mut officers: Vec<i64> = c.officers.iter().map(|o| o.id).collect();
    let mut powers: Vec<(i64, NaiveDate, bool)> = Vec::new();
    let start = d(2024, 6, 1);
    for op in ops {
        match *op {
            Op::Register { dept, day } => {
                let dept_id = c.depts[usize::from(dept % 2)];
                let on = plus(start, u64::from(day) * 2);
                let id = register(store, &c, dept_id, on).await;
                cases.push((id, dept_id, on));
            }
            Op::Investigate { case } if !cases.is_empty() => {
                let (id, dept, on) = cases[usize::from(case) % cases.len()];
                investigate(store, &c, id, dept, on).await;
            }
            Op::Decide {
                case,
                outcome,
                yuan,
            } if !cases.is_empty() => {
                let (id, _, on) = cases[usize::from(case) % cases.len()];
                decide(store, &c, id, plus(on, 1), outcome, i64::from(yuan)).await;
            }
            Op::Publish { case, late } if !cases.is_empty() => {
                let (id, _, _) = cases[usize::from(case) % cases.len()];
                publish(store, &c, id, late).await;
            }
            Op::File { case, late } if !cases.is_empty() => {
                let (id, _, _) = cases[usize::from(case) % cases.len()];
                file(store, &c, id, late).await;
            }
            Op::AddOfficer {
                dept,
                qualified,
                issued_day,
            } => {
                let n = officers.len();
                let issued = plus(d(2021, 1, 1), u64::from(issued_day));
                let mut tx = store.begin_write(c.gov, &actor(), T0 + 80).await.unwrap();
                let rec = tx
                    .create_officer(
                        c.depts[usize::from(dept % 2)],
                        &OfficerInput {
                            name: format!("随机{n}"),
                            certificate_number: format!("RND{n:05}"),
                            category: "市场监管".into(),
                            issued_on: issued,
                            expires_on: plus(issued, 5 * 365),
                            standing: CertificateStanding::InForce,
                            legal_review_qualified: qualified,
                            training_hours: 40,
                        },
                    )
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
                officers.push(rec.officer.id);
            }
            Op::Standing { officer, standing } => {
                let id = officers[usize::from(officer) % officers.len()];
                let standing = [
                    CertificateStanding::InForce,
                    CertificateStanding::Suspended,
                    CertificateStanding::Revoked,
                ][usize::from(standing)];
                let mut tx = store.begin_write(c.gov, &actor(), T0 + 90).await.unwrap();
                if tx.set_certificate_standing(id, standing).await.is_ok() {
                    tx.commit().await.unwrap();
                }
            }
            Op::AddPower { dept, penalty, day } => {
                let on = plus(d(2024, 1, 1), u64::from(day));
                let id = add_power(
                    store,
                    &c,
                    powers.len(),
                    c.depts[usize::from(dept % 2)],
                    penalty,
                    on,
                )
                .await;
                powers.push((id, on, true));
            }
            Op::CancelPower { power, day } if !powers.is_empty() => {
                let i = usize::from(power) % powers.len();
                let (id, added, in_force) = powers[i];
                if in_force {
                    let on = plus(added, 1 + u64::from(day));
                    cancel_power(store, &c, id, on).await;
                    powers[i].2 = false;
                }
            }
            Op::Catalogue { dept, min_yuan } => {
                let mut tx = store.begin_write(c.gov, &actor(), T0 + 95).await.unwrap();
                tx.add_catalogue_item(
                    c.depts[usize::from(dept % 2)],
                    "罚款数额较大",
                    "审核目录",
                    None,
                    Some(i64::from(min_yuan) * 100),
                )
                .await
                .unwrap();
                tx.commit().await.unwrap();
            }
            Op::CatchUp => catch_up(store, c.gov).await,
            _ => {}
        }
    }
    assert_rebuild_agrees(store, c.gov).await;
    // The aggregates also equal the domain's oracle over the stored facts.
    let facts: Vec<indicators::Fact> = store
        .record_fact_rows(c.gov)
        .await
        .unwrap()
        .iter()
        .map(|(_, _, json)| store::indicators::fact_from_json(json).unwrap())
        .collect();
    for year in [2024, YEAR, 2026] {
        let oracle = indicators::evaluate_all(year, &facts);
        let figures = store.indicator_figures(&[c.gov], 0, year).await.unwrap();
        for f in oracle.iter() {
            if store::indicators::is_fed(indicators::find(f.indicator).unwrap()) {
                assert_eq!(
                    Some(f),
                    figures.get(f.indicator),
                    "{} in {year}",
                    f.indicator
                );
            } else {
                assert_eq!(f.numerator, 0, "{}: no records are kept", f.indicator);
                assert!(figures.get(f.indicator).is_none());
            }
        }
    }
}

#[tokio::test]
async fn a_generated_history_agrees_on_both_engines() {
    // One fixed history from the generator, replayed on every engine.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let ops = proptest::collection::vec(op(), 40)
        .new_tree(&mut runner)
        .unwrap()
        .current();
    for db in test_support::engines().await {
        run_ops(&db, &ops).await;
        db.finish().await;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn incremental_equals_rebuild_after_random_changes(ops in proptest::collection::vec(op(), 1..30)) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let db = test_support::sqlite().await;
            run_ops(&db, &ops).await;
            db.finish().await;
        });
    }
}

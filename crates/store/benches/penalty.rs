//! Penalty-case benchmarks at province scale, each beside its baseline in the same run:
//!
//! 1. Case creation and transitions per second through the real path
//!    (`WriteTx::register_penalty_case` / `apply_penalty_command`: domain decision, snapshot,
//!    timeline row, ledger entry with its tree nodes and outbox row, deadlines), one step per
//!    transaction, against a plain insert of a row of the same size per transaction.
//! 2. The case list with typical filters (department, department + stage, overdue, whole
//!    government by stage, party name) at that size: p50 and p99.
//!
//! The province-scale table is bulk-loaded first (FAZHI_BENCH_CASES, default 2,000,000 cases
//! spread over 20 departments and three years, 70% archived, the rest at every stage with due
//! dates around "today"); then FAZHI_BENCH_N new cases (default 500) go through six steps each.
//!
//! `cargo bench -p store --bench penalty` (SQLite in a temporary folder; FAZHI_BENCH_PG=<url of
//! an empty database> for PostgreSQL).

use std::time::{Duration, Instant};

use calendar::{Calendar, NaiveDate};
use domain::enforcement::PartyKind;
use domain::enforcement::officer::{
    CertificateStanding, CertifiedOfficer, InvestigationTeam, OfficerInput,
};
use domain::enforcement::penalty::{Command, Complexity, Party, Penalty, Sanction};
use domain::org::{DepartmentInput, RegionLevel};
use ledger::{HashAlgorithm, SignatureAlgorithm};
use store::penalty_flow::{NewClue, PenaltyEnv};
use store::{Actor, CaseFilter, PartyDetails, Store};

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const STAGES: [&str; 12] = [
    "clue_registered",
    "verifying",
    "opened",
    "investigating",
    "investigation_closed",
    "noticed",
    "defence_closed",
    "under_legal_review",
    "decided",
    "served",
    "closed",
    "not_opened",
];

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

async fn setup(
    store: &Store,
) -> (
    i64,
    Vec<i64>,
    Vec<Vec<domain::enforcement::officer::Officer>>,
) {
    let actor = Actor::system("bench");
    let mut tx = store.begin_write(0, &actor, 0).await.unwrap();
    tx.create_region("990501", "基准测试省", RegionLevel::County, None)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let (meta, _key) = ledger::create_log(
        "fazhi:bench:penalty",
        "基准测试省",
        HashAlgorithm::Sm3,
        SignatureAlgorithm::Ed25519,
        0,
    )
    .unwrap();
    let gov = store
        .create_government(&actor, 0, "990501", "基准测试人民政府", None, &meta)
        .await
        .unwrap()
        .id;
    let mut tx = store.begin_write(gov, &actor, 0).await.unwrap();
    let mut depts = Vec::new();
    let mut officers = Vec::new();
    for k in 0..20 {
        let dept = tx
            .create_department(
                &DepartmentInput::parse(
                    &format!("基准测试执法局{k}"),
                    &format!("基{k}"),
                    true,
                    "《中华人民共和国行政处罚法》第十七条",
                )
                .unwrap(),
                None,
            )
            .await
            .unwrap()
            .id;
        let mut list = Vec::new();
        for j in 0..2 {
            let rec = tx
                .create_officer(
                    dept,
                    &OfficerInput {
                        name: format!("执法员{k}-{j}"),
                        certificate_number: format!("B{k:02}{j:03}"),
                        category: "综合".into(),
                        issued_on: d(2024, 1, 1),
                        expires_on: d(2028, 12, 31),
                        standing: CertificateStanding::InForce,
                        legal_review_qualified: false,
                        training_hours: 40,
                    },
                )
                .await
                .unwrap();
            list.push(rec.officer);
        }
        depts.push(dept);
        officers.push(list);
    }
    tx.commit().await.unwrap();
    (gov, depts, officers)
}

/// Bulk-loads `n` cases with realistic list columns and a snapshot-sized body.
async fn bulk_load(store: &Store, gov: i64, depts: &[i64], n: u64, today: NaiveDate) {
    let filler = "x".repeat(700);
    let mut rng = Rng(7);
    let mut batch = String::new();
    let t = Instant::now();
    for i in 1..=n {
        let dept = depts[rng.below(depts.len() as u64) as usize];
        let registered = today - chrono::Days::new(rng.below(3 * 365));
        let archived = rng.below(100) < 70;
        let stage = if archived {
            "archived"
        } else {
            STAGES[rng.below(STAGES.len() as u64) as usize]
        };
        let next_due = if archived || stage == "not_opened" || stage == "closed" {
            "NULL".to_owned()
        } else {
            format!(
                "'{}'",
                today + chrono::Days::new(rng.below(120)) - chrono::Days::new(40)
            )
        };
        if batch.is_empty() {
            batch.push_str(
                "BEGIN;INSERT INTO penalty_cases (government_id, id, department_id, power_id, case_number, decision_number,
                 party_kind, party_name, party_id_number, party_phone, party_address, stage, registered_on, opened_on,
                 decided_on, closed_on, next_due, outcome, fine_fen, major, snapshot, version, created_at, updated_at) VALUES ",
            );
        } else {
            batch.push(',');
        }
        batch.push_str(&format!(
            "({gov},{i},{dept},NULL,'B{dept}案〔{}〕{i}号',NULL,'organisation','基准当事人{}','', '', '', '{stage}','{registered}',NULL,NULL,NULL,{next_due},NULL,{},0,'{filler}',1,0,0)",
            registered.format("%Y"),
            rng.below(100_000),
            rng.below(100) * 10_000,
        ));
        if i % 2000 == 0 {
            batch.push_str(";COMMIT;");
            store.execute_raw(&batch).await.unwrap();
            batch.clear();
        }
    }
    if !batch.is_empty() {
        batch.push_str(";COMMIT;");
        store.execute_raw(&batch).await.unwrap();
    }
    store
        .execute_raw(&format!(
            "INSERT INTO id_sequences (government_id, name, next_value) VALUES ({gov}, 'penalty_cases', {n})"
        ))
        .await
        .unwrap();
    store.execute_raw("ANALYZE").await.unwrap();
    println!(
        "(bulk-loaded {n} cases in {:.1} s)",
        t.elapsed().as_secs_f64()
    );
}

#[tokio::main]
async fn main() {
    let n_cases = env_u64("FAZHI_BENCH_CASES", 2_000_000);
    let n_new = env_u64("FAZHI_BENCH_N", 500);
    let (store, dir) = match std::env::var("FAZHI_BENCH_PG") {
        Ok(url) => (Store::open(&url).await.unwrap(), None),
        Err(_) => {
            let dir =
                std::env::temp_dir().join(format!("fazhi-bench-penalty-{}", std::process::id()));
            let url = store::engine::sqlite_url_for_dir(&dir).unwrap();
            (Store::open(&url).await.unwrap(), Some(dir))
        }
    };
    let today = d(2026, 6, 30);
    println!(
        "engine: {}, cases in the table: {n_cases}, new cases through the real path: {n_new} × 6 steps",
        store.engine().name()
    );
    let (gov, depts, officers) = setup(&store).await;
    bulk_load(&store, gov, &depts, n_cases, today).await;
    let calendar = Calendar::official();
    let env = PenaltyEnv::new(calendar, today);
    let actor = Actor::system("bench");

    // 1. The real path: register, verify, open, assign, close the investigation, notice.
    let mut rng = Rng(11);
    let t = Instant::now();
    let mut steps = 0u64;
    for i in 0..n_new {
        let k = rng.below(depts.len() as u64) as usize;
        let mut tx = store.begin_write(gov, &actor, i as i64).await.unwrap();
        let c = tx
            .register_penalty_case(
                &env,
                NewClue {
                    department_id: depts[k],
                    power_id: None,
                    party: Party {
                        kind: PartyKind::Organisation,
                        name: format!("基准新当事人{i}"),
                    },
                    details: PartyDetails::default(),
                    clue: "巡查发现无照经营".into(),
                    registered_on: today,
                },
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        steps += 1;
        let team = InvestigationTeam::new(
            officers[k]
                .iter()
                .map(|o| CertifiedOfficer::certify(o, today).unwrap())
                .collect(),
        )
        .unwrap();
        for command in [
            Command::StartVerification,
            Command::Open {
                opened_on: today,
                complexity: Complexity::Ordinary,
            },
            Command::AssignInvestigators { team },
            Command::CloseInvestigation { closed_on: today },
            Command::IssueNotice {
                served_on: today,
                proposal: Penalty {
                    sanctions: vec![Sanction::Fine { fen: 100_000 }],
                    other_hearing_ground: false,
                },
                facts: "未取得营业执照从事经营活动".into(),
                basis: "《无证无照经营查处办法》第十三条".into(),
            },
        ] {
            let mut tx = store.begin_write(gov, &actor, i as i64).await.unwrap();
            tx.apply_penalty_command(&env, c.case.id, None, command)
                .await
                .unwrap();
            tx.commit().await.unwrap();
            steps += 1;
        }
    }
    let real = t.elapsed();
    // Baseline: one plain INSERT per transaction of a row the size of a case snapshot.
    store
        .execute_raw("CREATE TABLE bench_plain (id BIGINT PRIMARY KEY, body TEXT NOT NULL)")
        .await
        .unwrap();
    let body = "x".repeat(1200);
    let t = Instant::now();
    for i in 0..steps {
        let mut tx = store.begin_raw().await.unwrap();
        tx.insert_text_row("bench_plain", i as i64, &body)
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    let plain = t.elapsed();
    let real_rate = steps as f64 / real.as_secs_f64();
    let plain_rate = steps as f64 / plain.as_secs_f64();
    println!("\n## case creation and transitions at {n_cases} cases (one step per transaction)");
    println!("| path | steps/s | ratio (plain/real) |");
    println!("|---|---|---|");
    println!(
        "| real path: domain + snapshot + timeline + ledger entry + deadlines | {real_rate:.0}/s | {:.2} |",
        plain_rate / real_rate
    );
    println!("| baseline: plain insert of a 1.2 KB row | {plain_rate:.0}/s | 1.00 |");

    // 2. The case list with typical filters.
    let samples = 300;
    let mut results = Vec::new();
    for (name, make) in [
        ("one department, newest first", 0u8),
        ("department + stage", 1),
        ("department, overdue", 2),
        ("whole government, one stage", 3),
        ("whole government, overdue", 4),
        ("party name contains (LIKE; total capped at 1,000)", 5),
        ("whole case number (index lookup)", 6),
    ] {
        // A contains-search scans the table: fewer samples keep the run short.
        let samples = if make == 5 { samples / 10 } else { samples };
        let mut times = Vec::with_capacity(samples);
        let mut rng = Rng(100 + u64::from(make));
        for _ in 0..samples {
            let dept = depts[rng.below(depts.len() as u64) as usize];
            let stage = STAGES[rng.below(STAGES.len() as u64) as usize].to_owned();
            let filter = match make {
                0 => CaseFilter {
                    departments: Some(vec![dept]),
                    limit: 30,
                    ..CaseFilter::default()
                },
                1 => CaseFilter {
                    departments: Some(vec![dept]),
                    stage: Some(stage),
                    limit: 30,
                    ..CaseFilter::default()
                },
                2 => CaseFilter {
                    departments: Some(vec![dept]),
                    overdue_on: Some(today.to_string()),
                    limit: 30,
                    ..CaseFilter::default()
                },
                3 => CaseFilter {
                    stage: Some(stage),
                    limit: 30,
                    ..CaseFilter::default()
                },
                4 => CaseFilter {
                    overdue_on: Some(today.to_string()),
                    limit: 30,
                    ..CaseFilter::default()
                },
                5 => CaseFilter {
                    query: Some(format!("当事人{}", rng.below(100_000))),
                    limit: 30,
                    ..CaseFilter::default()
                },
                // A whole case number (this year's numbering: a hit or a miss, both one
                // index lookup).
                _ => CaseFilter {
                    query: Some(format!(
                        "B{dept}案〔{}〕{}号",
                        today.format("%Y"),
                        1 + rng.below(n_cases)
                    )),
                    limit: 30,
                    ..CaseFilter::default()
                },
            };
            let t = Instant::now();
            let (rows, _total) = store.list_penalty_cases(gov, &filter).await.unwrap();
            times.push(t.elapsed());
            std::hint::black_box(rows);
        }
        times.sort();
        results.push((name, percentile(&times, 0.5), percentile(&times, 0.99)));
    }
    println!("\n## case list (first page of 30, with the total) at {n_cases} cases");
    println!("| filter | p50 | p99 |");
    println!("|---|---|---|");
    for (name, p50, p99) in results {
        println!("| {name} | {p50:?} | {p99:?} |");
    }
    store.close().await;
    if let Some(dir) = dir {
        let _ = std::fs::remove_dir_all(dir);
    }
}

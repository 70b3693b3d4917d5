//! Indicator page for a province-year, beside a plain SQL GROUP BY over the same rows, in the
//! same run.
//!
//! A province of `INDICATORS_BENCH_GOVS` county governments (default 90) with 30 departments
//! each, and `INDICATORS_BENCH_N` penalty cases a year (default 2,000,000) for two years, drawn
//! with a seeded generator. Every case becomes its fact (`domain::indicators::Fact`) and its
//! contributions are summed exactly as the outbox worker sums them (by government, department,
//! year run and month); the aggregate rows are loaded, and the same cases go into a plain table
//! of one row per case. Then, timed over `INDICATORS_BENCH_REPEAT` runs (default 20):
//!
//! * the indicator page of the province: every available indicator for the year and the year
//!   before, the monthly trend of both years, and each county beside the others (five queries on
//!   the aggregates, summed over the region tree);
//! * the baseline: one GROUP BY over the plain rows of the year (counts, fines, late decisions,
//!   reviews by outcome), which computes only a few of the figures.
//!
//! `cargo bench -p store --bench indicators` (SQLite in a temporary folder; FAZHI_BENCH_PG set to
//! the URL of an empty PostgreSQL database runs it there).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use calendar::{Days, NaiveDate};
use domain::indicators::{Fact, Tally};
use store::indicators::facts::{AggKey, add_contributions};
use store::{Actor, Store};

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// SplitMix64: a seeded, fast, good-enough generator.
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

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn day(year: i32, offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .unwrap()
        .checked_add_days(Days::new(offset))
        .unwrap()
}

/// One plain row per case: what a records table without aggregates would scan.
struct RawCase {
    government_id: i64,
    department_id: i64,
    registered_on: NaiveDate,
    decided_on: Option<NaiveDate>,
    outcome: &'static str,
    fine_fen: i64,
    late: bool,
    review_required: bool,
    review_passed: bool,
}

fn case(rng: &mut Rng, id: u64, government_id: i64, year: i32) -> (Fact, RawCase) {
    let department_id = 1 + rng.below(30) as i64;
    let registered_on = day(year, rng.below(365));
    let opened_on = registered_on
        .checked_add_days(Days::new(rng.below(12)))
        .unwrap();
    let mut fact = Fact::new("penalty_case", id.to_string())
        .with("department_id", department_id)
        .with("registered_on", registered_on)
        .with("opened_on", opened_on)
        .with("opened_on_time", rng.chance(96));
    let mut raw = RawCase {
        government_id,
        department_id,
        registered_on,
        decided_on: None,
        outcome: "",
        fine_fen: 0,
        late: false,
        review_required: false,
        review_passed: false,
    };
    if rng.chance(90) {
        let decided_on = opened_on
            .checked_add_days(Days::new(10 + rng.below(80)))
            .unwrap();
        let outcome = match rng.below(20) {
            0 => "no_penalty_minor",
            1 => "transfer_to_judiciary",
            2 => "no_penalty_not_established",
            _ => "penalty",
        };
        let late = rng.chance(3);
        let review = rng.chance(15);
        let noticed_on = decided_on.checked_sub_days(Days::new(5)).unwrap();
        fact = fact
            .with("decided_on", decided_on)
            .with("outcome", outcome)
            .with("decided_late", late)
            .with("review_required", review)
            .with("review_passed", review)
            .with("noticed_on", noticed_on)
            .with("hearing_right_due", rng.chance(20))
            .with("hearing_right_notified", true)
            .with("hearing_requested", rng.chance(5))
            .with("hearing_held", rng.chance(3));
        raw.decided_on = Some(decided_on);
        raw.outcome = outcome;
        raw.late = late;
        raw.review_required = review;
        raw.review_passed = review;
        if outcome == "penalty" {
            let fine = (1 + rng.below(2_000) as i64) * 10_000;
            fact = fact
                .with("sanction_groups", vec!["property"])
                .with("fines_and_confiscations_fen", fine);
            raw.fine_fen = fine;
        }
    }
    (fact, raw)
}

async fn province(store: &Store, counties: u64) -> (i64, Vec<i64>) {
    let actor = Actor::system("bench");
    let mut tx = store.begin_write(0, &actor, 0).await.unwrap();
    tx.create_region(
        "330000",
        "基准测试省",
        domain::org::RegionLevel::Province,
        None,
    )
    .await
    .unwrap();
    for i in 0..counties {
        tx.create_region(
            &format!("33{:04}", i + 1),
            &format!("基准测试县{i}"),
            domain::org::RegionLevel::County,
            Some("330000"),
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
    let mut ids = Vec::new();
    for (code, name) in std::iter::once(("330000".to_owned(), "基准测试省人民政府".to_owned()))
        .chain((0..counties).map(|i| (format!("33{:04}", i + 1), format!("基准测试县{i}人民政府"))))
    {
        let (meta, _key) = ledger::create_log(
            format!("fazhi:bench:{code}"),
            &name,
            ledger::HashAlgorithm::Sha256,
            ledger::SignatureAlgorithm::Ed25519,
            0,
        )
        .unwrap();
        ids.push(
            store
                .create_government(&actor, 0, &code, &name, None, &meta)
                .await
                .unwrap()
                .id,
        );
    }
    (ids[0], ids[1..].to_vec())
}

fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(|d| format!("'{d}'")).unwrap_or_else(|| "NULL".into())
}

async fn load_raw(store: &Store, rows: &[RawCase]) {
    for chunk in rows.chunks(1000) {
        let values: Vec<String> = chunk
            .iter()
            .map(|r| {
                format!(
                    "({}, {}, '{}', {}, {}, {}, {}, {}, {})",
                    r.government_id,
                    r.department_id,
                    r.registered_on,
                    opt_date(r.decided_on),
                    if r.outcome.is_empty() {
                        "NULL".to_owned()
                    } else {
                        format!("'{}'", r.outcome)
                    },
                    r.fine_fen,
                    i64::from(r.late),
                    i64::from(r.review_required),
                    i64::from(r.review_passed)
                )
            })
            .collect();
        store
            .execute_raw(&format!(
                "INSERT INTO bench_cases (government_id, department_id, registered_on, decided_on, outcome, fine_fen,
                    late, review_required, review_passed) VALUES {}",
                values.join(", ")
            ))
            .await
            .unwrap();
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main]
async fn main() {
    let n = env_u64("INDICATORS_BENCH_N", 2_000_000);
    let counties = env_u64("INDICATORS_BENCH_GOVS", 90);
    let repeat = env_u64("INDICATORS_BENCH_REPEAT", 20) as usize;
    let (store, dir) = match std::env::var("FAZHI_BENCH_PG") {
        Ok(url) => (Store::open(&url).await.unwrap(), None),
        Err(_) => {
            let dir =
                std::env::temp_dir().join(format!("fazhi-bench-indicators-{}", std::process::id()));
            let url = store::engine::sqlite_url_for_dir(&dir).unwrap();
            (Store::open(&url).await.unwrap(), Some(dir))
        }
    };
    println!(
        "engine {}; {counties} counties × 30 departments; {n} penalty cases a year, 2024 and 2025",
        store.engine().name()
    );
    let (province_id, county_ids) = province(&store, counties).await;

    // Facts → aggregates, as the worker sums them; and the same cases as plain rows.
    let t = Instant::now();
    let mut rng = Rng(20_251_231);
    let mut sums: BTreeMap<(i64, AggKey), Tally> = BTreeMap::new();
    let mut raw = Vec::with_capacity((2 * n) as usize);
    let mut per_gov: BTreeMap<AggKey, Tally> = BTreeMap::new();
    for year in [2024, 2025] {
        for i in 0..n {
            let gov = county_ids[rng.below(county_ids.len() as u64) as usize];
            let (fact, row) = case(&mut rng, i + (year as u64) * 10_000_000, gov, year);
            per_gov.clear();
            add_contributions(&fact, row.department_id, 1, &mut per_gov);
            for (k, t) in &per_gov {
                *sums.entry((gov, *k)).or_default() += *t;
            }
            raw.push(row);
        }
    }
    let facts_time = t.elapsed();
    println!(
        "facts and their contributions: {} cases in {:.1} s ({:.2} µs a case); {} aggregate rows",
        raw.len(),
        facts_time.as_secs_f64(),
        facts_time.as_secs_f64() * 1e6 / raw.len() as f64,
        sums.len()
    );
    let t = Instant::now();
    let mut by_gov: BTreeMap<i64, Vec<store::indicators::LoadRow<'_>>> = BTreeMap::new();
    for ((gov, (dept, to, from, indicator, month)), t) in &sums {
        by_gov
            .entry(*gov)
            .or_default()
            .push((*dept, *to, *from, indicator, *month, *t));
    }
    for (gov, rows) in &by_gov {
        store.bulk_load_aggregates(*gov, rows).await.unwrap();
    }
    println!("aggregates loaded in {:.1} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    store
        .execute_raw(
            "CREATE TABLE bench_cases (government_id BIGINT NOT NULL, department_id BIGINT NOT NULL,
                registered_on TEXT NOT NULL, decided_on TEXT, outcome TEXT, fine_fen BIGINT NOT NULL,
                late BIGINT NOT NULL, review_required BIGINT NOT NULL, review_passed BIGINT NOT NULL)",
        )
        .await
        .unwrap();
    load_raw(&store, &raw).await;
    store
        .execute_raw("CREATE INDEX bench_cases_decided ON bench_cases (government_id, decided_on)")
        .await
        .unwrap();
    if store.engine() == store::Engine::Postgres {
        store.execute_raw("ANALYZE").await.unwrap();
    }
    println!(
        "plain rows loaded and indexed (government, decision day) in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    drop(raw);

    let subtree: Vec<i64> = store
        .government_subtree(province_id)
        .await
        .unwrap()
        .iter()
        .map(|g| g.id)
        .collect();
    assert_eq!(subtree.len() as u64, counties + 1);

    // The indicator page of the province-year.
    let mut page_times = Vec::new();
    let mut figures = None;
    for _ in 0..repeat {
        let t = Instant::now();
        let this = store.indicator_figures(&subtree, 0, 2025).await.unwrap();
        let last = store.indicator_figures(&subtree, 0, 2024).await.unwrap();
        let m1 = store.indicator_monthly(&subtree, 0, 2025).await.unwrap();
        let m2 = store.indicator_monthly(&subtree, 0, 2024).await.unwrap();
        let g = store
            .indicator_tallies_by_government(&subtree, 2025)
            .await
            .unwrap();
        page_times.push(t.elapsed());
        assert!(!m1.is_empty() && !m2.is_empty() && !g.is_empty() && !last.is_empty());
        figures = Some(this);
    }
    let figures = figures.unwrap();

    // The baseline: one GROUP BY over the year's plain rows of the same governments.
    let list: Vec<String> = subtree.iter().map(i64::to_string).collect();
    let group_by = format!(
        "SELECT outcome, COUNT(*) AS n, CAST(SUM(fine_fen) AS BIGINT) AS fines, CAST(SUM(late) AS BIGINT) AS late,
                CAST(SUM(review_required) AS BIGINT) AS reviews, CAST(SUM(review_passed) AS BIGINT) AS passed
         FROM bench_cases WHERE government_id IN ({}) AND decided_on >= '2025-01-01' AND decided_on <= '2025-12-31'
         GROUP BY outcome",
        list.join(", ")
    );
    let mut base_times = Vec::new();
    for _ in 0..repeat {
        let t = Instant::now();
        let n = store.execute_raw(&group_by).await.unwrap();
        base_times.push(t.elapsed());
        let _ = n;
    }
    // The two agree on what both compute.
    let decided = store
        .scalar_raw(&format!(
            "SELECT COUNT(*) FROM bench_cases WHERE government_id IN ({})
             AND decided_on >= '2025-01-01' AND decided_on <= '2025-12-31'",
            list.join(", ")
        ))
        .await
        .unwrap();
    let decided_penalty = store
        .scalar_raw(&format!(
            "SELECT COUNT(*) FROM bench_cases WHERE government_id IN ({}) AND outcome = 'penalty'
             AND decided_on >= '2025-01-01' AND decided_on <= '2025-12-31'",
            list.join(", ")
        ))
        .await
        .unwrap();
    let fines = store
        .scalar_raw(&format!(
            "SELECT CAST(SUM(fine_fen) AS BIGINT) FROM bench_cases WHERE government_id IN ({}) AND outcome = 'penalty'
             AND decided_on >= '2025-01-01' AND decided_on <= '2025-12-31'",
            list.join(", ")
        ))
        .await
        .unwrap();
    assert_eq!(
        figures
            .get("enforcement.penalty_decisions")
            .unwrap()
            .numerator,
        decided_penalty
    );
    assert_eq!(
        figures
            .get("enforcement.fines_and_confiscations")
            .unwrap()
            .numerator,
        fines
    );
    page_times.sort();
    base_times.sort();
    let p50 = percentile(&page_times, 0.5);
    let b50 = percentile(&base_times, 0.5);
    println!();
    println!("| what ({} runs) | p50 | p99 |", repeat);
    println!("|---|---|---|");
    println!(
        "| indicator page, province-year: {} figures × 2 years, monthly × 2 years, {} governments | {} | {} |",
        figures.len(),
        subtree.len(),
        ms(p50),
        ms(percentile(&page_times, 0.99))
    );
    println!(
        "| baseline: one GROUP BY over the {} plain rows decided in the year (a few figures) | {} | {} |",
        decided,
        ms(b50),
        ms(percentile(&base_times, 0.99))
    );
    println!(
        "| ratio (baseline / page) | {:.1}× | |",
        b50.as_secs_f64() / p50.as_secs_f64()
    );
    store.close().await;
    if let Some(dir) = dir {
        let _ = std::fs::remove_dir_all(dir);
    }
}

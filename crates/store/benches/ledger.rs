//! Ledger benchmarks through the real write path, each beside its baseline in the same run:
//!
//! 1. Appends per second: a record change with its ledger entry (canonical JSON, leaf hash, tree
//!    nodes) and outbox row in one transaction, against a raw insert of the same bytes into a
//!    plain table — one change per transaction, and 100 per transaction (group commit).
//! 2. Inclusion-proof latency from stored nodes (O(log n) row reads) at a large tree, against
//!    the same number of primary-key reads of random rows.
//!
//! `cargo bench -p store --bench ledger` (SQLite in a temporary folder; set FAZHI_BENCH_PG to a
//! PostgreSQL URL of an empty database to run on PostgreSQL). FAZHI_BENCH_N sets the number of
//! appends (default 5000) and FAZHI_BENCH_TREE the size of the proof tree (default 1,000,000).

use std::time::{Duration, Instant};

use ledger::merkle::{self, Appender, NodeId};
use ledger::{HashAlgorithm, SignatureAlgorithm};
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

async fn government(store: &Store, code: &str, alg: HashAlgorithm) -> i64 {
    let actor = Actor::system("bench");
    let mut tx = store.begin_write(0, &actor, 0).await.unwrap();
    tx.create_region(code, "基准测试县", domain::org::RegionLevel::County, None)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let (meta, _key) = ledger::create_log(
        format!("fazhi:bench:{code}"),
        "基准测试县人民政府",
        alg,
        SignatureAlgorithm::Ed25519,
        0,
    )
    .unwrap();
    store
        .create_government(&actor, 0, code, "基准测试县人民政府", None, &meta)
        .await
        .unwrap()
        .id
}

fn content(i: u64) -> serde_json::Value {
    serde_json::json!({"id": i, "name": format!("基准测试记录{i}"), "stage": "opened", "department_id": 3, "note": "x".repeat(120)})
}

async fn create_text_table(store: &Store, table: &str) {
    store
        .execute_raw(&format!(
            "CREATE TABLE {table} (id BIGINT PRIMARY KEY, body TEXT NOT NULL)"
        ))
        .await
        .unwrap();
}

/// Appends changes `ids` through the real path: `WriteTx::record` (canonical entry, leaf hash,
/// one guarded insert), and with `record_table` also the record's own row in the same
/// transaction.
async fn appends(
    store: &Store,
    gov: i64,
    ids: std::ops::Range<u64>,
    per_tx: u64,
    record_table: Option<&str>,
) -> Duration {
    let actor = Actor::system("bench");
    let t = Instant::now();
    let mut i = ids.start;
    while i < ids.end {
        let mut tx = store.begin_write(gov, &actor, i as i64).await.unwrap();
        for _ in 0..per_tx.min(ids.end - i) {
            let content = content(i);
            if let Some(table) = record_table {
                tx.insert_text_row(table, i as i64, &content.to_string())
                    .await
                    .unwrap();
            }
            tx.record("bench_record", &i.to_string(), "edit", &content)
                .await
                .unwrap();
            i += 1;
        }
        tx.commit().await.unwrap();
    }
    t.elapsed()
}

/// The same bytes (the record's JSON) through the same driver, one bound INSERT per row, in
/// transactions of the same size: what a system without a ledger would write.
async fn raw_inserts(
    store: &Store,
    ids: std::ops::Range<u64>,
    per_tx: u64,
    table: &str,
) -> Duration {
    let t = Instant::now();
    let mut i = ids.start;
    while i < ids.end {
        let mut tx = store.begin_raw().await.unwrap();
        for _ in 0..per_tx.min(ids.end - i) {
            tx.insert_text_row(table, i as i64, &content(i).to_string())
                .await
                .unwrap();
            i += 1;
        }
        tx.commit().await.unwrap();
    }
    t.elapsed()
}

#[tokio::main]
async fn main() {
    let n = env_u64("FAZHI_BENCH_N", 5000);
    let tree = env_u64("FAZHI_BENCH_TREE", 1_000_000);
    let (store, dir) = match std::env::var("FAZHI_BENCH_PG") {
        Ok(url) => (Store::open(&url).await.unwrap(), None),
        Err(_) => {
            let dir = std::env::temp_dir().join(format!("fazhi-bench-{}", std::process::id()));
            let url = store::engine::sqlite_url_for_dir(&dir).unwrap();
            (Store::open(&url).await.unwrap(), Some(dir))
        }
    };
    println!(
        "engine: {}, appends: {n}, proof tree: {tree} entries",
        store.engine().name()
    );

    println!("\n## appends through the real path vs raw insert of the same bytes");
    println!(
        "Rates in changes per second. Entry: `WriteTx::record` alone. Record + entry: the record's \
         row and its entry in one transaction. Integration: the tree's interior nodes built \
         afterwards in batches (`Store::integrate_ledger`), entries per second."
    );
    println!(
        "| transaction size | raw insert | entry | raw/entry | record + entry | raw/(record + entry) | integration |"
    );
    println!("|---|---|---|---|---|---|---|");
    for (k, per_tx) in [1u64, 100].into_iter().enumerate() {
        let gov = government(&store, &format!("99{:02}01", k), HashAlgorithm::Sm3).await;
        let gov2 = government(&store, &format!("99{:02}02", k), HashAlgorithm::Sm3).await;
        let (raw_table, record_table) = (
            format!("bench_raw_{per_tx}"),
            format!("bench_records_{per_tx}"),
        );
        create_text_table(&store, &raw_table).await;
        create_text_table(&store, &record_table).await;
        // Interleaved in rounds, so that a slow moment of a shared machine falls on all three.
        let (mut raw, mut entry, mut both) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
        const ROUNDS: u64 = 10;
        for r in 0..ROUNDS {
            let ids = r * n / ROUNDS..(r + 1) * n / ROUNDS;
            raw += raw_inserts(&store, ids.clone(), per_tx, &raw_table).await;
            entry += appends(&store, gov, ids.clone(), per_tx, None).await;
            both += appends(&store, gov2, ids, per_tx, Some(&record_table)).await;
        }
        let t = Instant::now();
        let integrated = store.integrate_ledger(gov).await.unwrap();
        let integration = t.elapsed();
        assert_eq!(
            integrated,
            n + 1,
            "the government's own entry and the appends"
        );
        let rate = |d: Duration| n as f64 / d.as_secs_f64();
        println!(
            "| {per_tx} per transaction | {:.0}/s | {:.0}/s | {:.2} | {:.0}/s | {:.2} | {:.0}/s |",
            rate(raw),
            rate(entry),
            rate(raw) / rate(entry),
            rate(both),
            rate(raw) / rate(both),
            rate(integration),
        );
    }

    println!("\n## inclusion proofs from stored nodes at {tree} entries (SM3)");
    // Build the tree in memory (the appender returns exactly the rows the write path stores) and
    // bulk-load its nodes, so the bench measures proof reads, not hours of appends.
    let gov = government(&store, "990301", HashAlgorithm::Sm3).await;
    // Replace the government's one real entry's nodes with the synthetic tree.
    store
        .execute_raw(&format!(
            "DELETE FROM ledger_nodes WHERE government_id = {gov}"
        ))
        .await
        .unwrap();
    let alg = HashAlgorithm::Sm3;
    let mut appender = Appender::new(alg);
    let mut batch = String::new();
    let mut rows = 0;
    let t = Instant::now();
    for i in 0..tree {
        for node in appender.append_entry(format!("entry {i}").as_bytes()) {
            if batch.is_empty() {
                batch.push_str(
                    "BEGIN;INSERT INTO ledger_nodes (government_id, level, idx, hash) VALUES ",
                );
            } else {
                batch.push(',');
            }
            batch.push_str(&format!(
                "({gov},{},{},'{}')",
                node.level,
                node.index,
                node.hash.to_hex()
            ));
            rows += 1;
            if rows % 5000 == 0 {
                batch.push_str(";COMMIT;");
                store.execute_raw(&batch).await.unwrap();
                batch.clear();
            }
        }
    }
    if !batch.is_empty() {
        batch.push_str(";COMMIT;");
        store.execute_raw(&batch).await.unwrap();
    }
    println!(
        "(loaded {rows} nodes in {:.1} s)",
        t.elapsed().as_secs_f64()
    );
    let root = appender.root();
    let meta = ledger::create_log(
        "fazhi:bench:proof",
        "基准",
        alg,
        SignatureAlgorithm::Ed25519,
        0,
    )
    .unwrap()
    .0;
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let samples = 2000;
    let mut proof_times = Vec::with_capacity(samples);
    let mut read_times = Vec::with_capacity(samples);
    for _ in 0..samples {
        let index = next() % tree;
        let t = Instant::now();
        let mut ids = merkle::inclusion_proof_nodes(index, tree).unwrap();
        ids.push(NodeId { level: 0, index });
        let nodes = store.ledger_nodes(gov, &ids).await.unwrap();
        let proof = ledger::api::InclusionProofResponse::build(&meta, &nodes, index, tree).unwrap();
        proof.verify(&root).unwrap();
        proof_times.push(t.elapsed());
        // Baseline: the same number of primary-key reads of distinct random leaves.
        let mut random: Vec<NodeId> = Vec::with_capacity(ids.len());
        while random.len() < ids.len() {
            let id = NodeId {
                level: 0,
                index: next() % tree,
            };
            if !random.contains(&id) {
                random.push(id);
            }
        }
        let t = Instant::now();
        let got = store.ledger_nodes(gov, &random).await.unwrap();
        assert_eq!(got.len(), random.len());
        read_times.push(t.elapsed());
    }
    proof_times.sort();
    read_times.sort();
    println!("| what | median | p99 |");
    println!("|---|---|---|");
    println!(
        "| inclusion proof: node reads + build + verify | {:?} | {:?} |",
        percentile(&proof_times, 0.5),
        percentile(&proof_times, 0.99)
    );
    println!(
        "| baseline: same number of primary-key reads | {:?} | {:?} |",
        percentile(&read_times, 0.5),
        percentile(&read_times, 0.99)
    );
    store.close().await;
    if let Some(dir) = dir {
        let _ = std::fs::remove_dir_all(dir);
    }
}

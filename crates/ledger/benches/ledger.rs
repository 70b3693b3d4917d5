//! Ledger benchmarks (plain `Instant`, no harness): append throughput beside raw hashing, and
//! inclusion-proof latency in a 10-million-entry tree. `cargo bench -p ledger`; set
//! `LEDGER_BENCH_N` to use another tree size.

use std::cell::Cell;
use std::hint::black_box;
use std::time::{Duration, Instant};

use ledger::memory::MemoryLog;
use ledger::merkle::{self, NodeError, NodeReader};
use ledger::{Entry, Hash, HashAlgorithm};

/// A typical entry's canonical length is a few hundred bytes; the leaves here are 256 bytes.
const LEAF_LEN: usize = 256;

fn leaf_bytes(i: u64, buf: &mut [u8; LEAF_LEN]) {
    buf[..8].copy_from_slice(&i.to_le_bytes());
}

/// xorshift64*: reproducible random indices without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// Counts the node reads of a proof, to show they stay O(log n).
struct Counting<'a, R> {
    inner: &'a R,
    reads: Cell<u64>,
}

impl<R: NodeReader> NodeReader for Counting<'_, R> {
    fn node(&self, level: u8, index: u64) -> Result<Hash, NodeError> {
        self.reads.set(self.reads.get() + 1);
        self.inner.node(level, index)
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn per_op(d: Duration, n: u64) -> f64 {
    d.as_nanos() as f64 / n as f64
}

fn bench_append(alg: HashAlgorithm, n: u64) {
    let mut buf = [0x5au8; LEAF_LEN];
    let t = Instant::now();
    for i in 0..n {
        leaf_bytes(i, &mut buf);
        black_box(alg.leaf_hash(&buf));
    }
    let raw = t.elapsed();

    let mut log = MemoryLog::with_capacity(alg, n);
    let t = Instant::now();
    for i in 0..n {
        leaf_bytes(i, &mut buf);
        log.append_entry(&buf);
    }
    let append = t.elapsed();
    black_box(log.root());
    println!(
        "| append, {alg} | {n} | {:.0} ns | {:.0} ns | {:.2}× | {:.0}/s |",
        per_op(raw, n),
        per_op(append, n),
        append.as_secs_f64() / raw.as_secs_f64(),
        n as f64 / append.as_secs_f64()
    );
}

fn bench_entry_encoding(alg: HashAlgorithm, n: u64) {
    let t = Instant::now();
    for i in 0..n {
        let e = Entry::new(
            i,
            "case",
            i.to_string(),
            "publish",
            "张三",
            1_767_225_600_000,
            serde_json::json!({"title": "某某行政处罚决定书", "amount": 5000, "basis": "《中华人民共和国行政处罚法》第五十八条"}),
        );
        black_box(e.leaf_hash(alg).unwrap());
    }
    println!(
        "| entry → canonical JSON → leaf hash, {alg} | {n} | {:.0} ns per entry |",
        per_op(t.elapsed(), n)
    );
}

fn bench_proofs(alg: HashAlgorithm, n: u64, samples: usize) {
    let mut buf = [0x5au8; LEAF_LEN];
    let t = Instant::now();
    let mut log = MemoryLog::with_capacity(alg, n);
    for i in 0..n {
        leaf_bytes(i, &mut buf);
        log.append_entry(&buf);
    }
    let build = t.elapsed();
    let root = log.root();
    let stored = root == log.root_at(n).unwrap();
    println!(
        "\nBuilt a {n}-entry {alg} tree in {:.1} s ({:.0} ns per append); root from stored nodes \
         equals the appender's: {stored}.",
        build.as_secs_f64(),
        per_op(build, n)
    );

    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut gen_t, mut ver_t, mut both_t) = (Vec::new(), Vec::new(), Vec::new());
    let mut max_reads = 0;
    let mut max_len = 0;
    for _ in 0..samples {
        let index = rng.next() % n;
        let t0 = Instant::now();
        let proof = log.inclusion_proof(index, n).unwrap();
        let t1 = Instant::now();
        let leaf = merkle::NodeReader::node(log.store(), 0, index).unwrap();
        merkle::verify_inclusion(alg, index, n, &leaf, &proof, &root).unwrap();
        let t2 = Instant::now();
        gen_t.push(t1 - t0);
        ver_t.push(t2 - t1);
        both_t.push(t2 - t0);
        max_len = max_len.max(proof.len());
        let counting = Counting {
            inner: log.store(),
            reads: Cell::new(0),
        };
        black_box(merkle::inclusion_proof(alg, &counting, index, n).unwrap());
        max_reads = max_reads.max(counting.reads.get());
    }
    // Proofs against an older tree size, as a client holding an old head asks.
    let mut old_t = Vec::new();
    for _ in 0..samples {
        let size = 1 + rng.next() % n;
        let index = rng.next() % size;
        let t0 = Instant::now();
        let proof = log.inclusion_proof(index, size).unwrap();
        let old_root = log.root_at(size).unwrap();
        let leaf = merkle::NodeReader::node(log.store(), 0, index).unwrap();
        merkle::verify_inclusion(alg, index, size, &leaf, &proof, &old_root).unwrap();
        old_t.push(t0.elapsed());
    }
    for v in [&mut gen_t, &mut ver_t, &mut both_t, &mut old_t] {
        v.sort();
    }
    println!();
    println!("| inclusion proof, {n} entries, {alg} ({samples} random leaves) | median | p99 |");
    println!("|---|---|---|");
    for (what, v) in [
        ("generation (in-memory store)", &gen_t),
        ("verification", &ver_t),
        ("generation + verification", &both_t),
        ("random past size: proof + root + verification", &old_t),
    ] {
        println!(
            "| {what} | {:.1} µs | {:.1} µs |",
            percentile(v, 0.5).as_nanos() as f64 / 1000.0,
            percentile(v, 0.99).as_nanos() as f64 / 1000.0
        );
    }
    println!(
        "\nProof length ≤ {max_len} hashes; node reads per proof ≤ {max_reads} \
         (log2 n = {:.1}).",
        (n as f64).log2()
    );
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is read from the arguments.
    let n: u64 = std::env::var("LEDGER_BENCH_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000_000);
    let append_n = n.min(1_000_000);

    println!("## ledger (crates/ledger/benches/ledger.rs)\n");
    println!("Leaves of {LEAF_LEN} bytes; in-memory node store.\n");
    println!(
        "| operation | leaves | raw leaf hash | append (leaf + nodes + store) | ratio | appends |"
    );
    println!("|---|---|---|---|---|---|");
    for alg in [HashAlgorithm::Sm3, HashAlgorithm::Sha256] {
        bench_append(alg, append_n);
    }
    println!();
    println!("| operation | entries | time |");
    println!("|---|---|---|");
    for alg in [HashAlgorithm::Sm3, HashAlgorithm::Sha256] {
        bench_entry_encoding(alg, 100_000);
    }
    bench_proofs(HashAlgorithm::Sm3, n, 10_000);
}

//! Benchmark: due dates and warning states of one million open items, beside a plain loop
//! that adds a chrono `Duration` to the same dates. Run with `cargo bench -p calendar`.

use std::hint::black_box;
use std::time::Instant;

use calendar::{Calendar, Period, WarningPolicy, WarningState, warning_state};
use chrono::{Duration, NaiveDate};

const N_ITEMS: usize = 1_000_000;

/// Deterministic pseudo-random numbers (a 64-bit LCG): the bench needs no `rand`.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

fn main() {
    let first = NaiveDate::from_ymd_opt(2015, 1, 1).expect("date");
    let today = NaiveDate::from_ymd_opt(2025, 6, 15).expect("date");
    let mut rng = Lcg(42);
    let items: Vec<(NaiveDate, Period)> = (0..N_ITEMS)
        .map(|_| {
            let trigger = first + Duration::days((rng.next() % (11 * 365)) as i64);
            let period = match rng.next() % 10 {
                0..=5 => Period::working_days(1 + (rng.next() % 30) as u32),
                6..=8 => Period::days(1 + (rng.next() % 90) as u32),
                _ => Period::months(1 + (rng.next() % 6) as u32),
            };
            (trigger, period)
        })
        .collect();

    let build_start = Instant::now();
    let calendar = Calendar::builder().build();
    let build_time = build_start.elapsed();

    let policy = WarningPolicy::default();
    let start = Instant::now();
    let mut counts = [0usize; 3];
    for &(trigger, period) in &items {
        let due = calendar
            .due_date(black_box(trigger), black_box(period))
            .expect("due");
        let state = warning_state(&calendar, due.due, today, policy).expect("state");
        counts[state as usize] += 1;
    }
    let ours = start.elapsed();
    black_box(counts);

    let start = Instant::now();
    let mut plain_counts = [0usize; 3];
    for &(trigger, period) in &items {
        let due = black_box(trigger) + Duration::days(i64::from(black_box(period).length()));
        let state = if today > due {
            WarningState::Overdue
        } else if due - today <= Duration::days(3) {
            WarningState::Approaching
        } else {
            WarningState::Normal
        };
        plain_counts[state as usize] += 1;
    }
    let plain = start.elapsed();
    black_box(plain_counts);

    println!(
        "calendar build (tables + indexes): {:>8.2} ms",
        build_time.as_secs_f64() * 1e3
    );
    println!(
        "due date + warning, {N_ITEMS} items:  {:>8.2} ms  ({:.1} ns/item)  normal/approaching/overdue = {:?}",
        ours.as_secs_f64() * 1e3,
        ours.as_nanos() as f64 / N_ITEMS as f64,
        counts
    );
    println!(
        "plain Duration loop, {N_ITEMS} items: {:>8.2} ms  ({:.1} ns/item)",
        plain.as_secs_f64() * 1e3,
        plain.as_nanos() as f64 / N_ITEMS as f64
    );
    println!(
        "ratio calendar / plain: {:.1}x",
        ours.as_secs_f64() / plain.as_secs_f64()
    );
}

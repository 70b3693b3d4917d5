//! Report review throughput: reports per second for a 15,000-character report, beside the time
//! to read the file from disk. Run in release: `cargo bench -p report --bench review`.

use std::time::{Duration, Instant};

use report::review::review_bytes;

/// Builds a report of at least `chars` characters from the fixtures: the seed reports and a
/// composed one, repeated.
fn report_of(chars: usize, files: &[&str]) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let parts: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(dir.join(f)).expect("fixture"))
        .collect();
    let mut text = String::new();
    while text.chars().count() < chars {
        for p in &parts {
            text.push_str(p);
            text.push('\n');
        }
    }
    text.chars().take(chars).collect()
}

fn time<F: FnMut()>(mut f: F, min: Duration) -> (u32, Duration) {
    f();
    let start = Instant::now();
    let mut n = 0;
    while start.elapsed() < min {
        f();
        n += 1;
    }
    (n, start.elapsed())
}

fn main() {
    let cases = [
        (
            "simplified (seeds + composed)",
            report_of(
                15_000,
                &[
                    "changchun-nanguan-2019.txt",
                    "neimenggu-sifating-2021.txt",
                    "cases/k2-errors.txt",
                ],
            ),
        ),
        (
            "traditional with pinyin (xiangning)",
            report_of(15_000, &["xiangning-2023.txt"]),
        ),
    ];
    println!(
        "| report (15,000 characters) | read file | review | reports/s | figures | findings |"
    );
    println!("|---|---|---|---|---|---|");
    for (name, text) in cases {
        let path =
            std::env::temp_dir().join(format!("fazhi-review-bench-{}.txt", std::process::id()));
        std::fs::write(&path, &text).expect("write");
        let (reads, read_time) = time(
            || {
                std::hint::black_box(std::fs::read(&path).expect("read"));
            },
            Duration::from_millis(500),
        );
        let bytes = text.as_bytes();
        let mut figures = 0;
        let mut findings = 0;
        let (reviews, review_time) = time(
            || {
                let r = review_bytes("bench.txt", std::hint::black_box(bytes)).expect("review");
                figures = r.figures.len();
                findings = r.inconsistencies.len();
            },
            Duration::from_secs(2),
        );
        let _ = std::fs::remove_file(&path);
        let per_read = read_time / reads.max(1);
        let per_review = review_time / reviews.max(1);
        println!(
            "| {name} | {:.1} µs | {:.2} ms | {:.0} | {figures} | {findings} |",
            per_read.as_secs_f64() * 1e6,
            per_review.as_secs_f64() * 1e3,
            reviews as f64 / review_time.as_secs_f64()
        );
    }
}

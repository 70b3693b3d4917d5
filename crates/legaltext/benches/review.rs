//! Benchmark: parse the whole corpus, and review a typical draft (about 4,000 characters)
//! beside the time to merely read the file. Run with
//! `cargo bench -p legaltext --bench review` (release profile).

use std::path::PathBuf;
use std::time::Instant;

use legaltext::corpus::Corpus;
use legaltext::review::review_bytes;

/// A typical draft: cover notice, 41 articles mixing creations and restatements.
fn draft() -> String {
    let mut text = String::from(
        "某市人民政府关于印发《某市城市市容管理办法》的通知\n某政规〔2024〕7号\n各区人民政府，市政府各部门：\n现将《某市城市市容管理办法》印发给你们，请认真贯彻执行。\n某市人民政府\n2024年3月1日\n\n某市城市市容管理办法\n第一章 总则\n",
    );
    let bodies = [
        "根据《城市市容和环境卫生管理条例》《中华人民共和国行政处罚法》等法律法规，结合本市实际，制定本办法。",
        "设置户外广告的，须经市城市管理部门批准。未经批准，任何单位不得设置。",
        "违反本办法规定，擅自设置户外广告的，由城市管理部门处二千元以上一万元以下的罚款。",
        "违反本办法规定的，依照《中华人民共和国广告法》第五十八条的规定处罚。",
        "对拒不改正的，城市管理部门可以暂扣其经营工具。",
        "申请占用城市道路的，应当缴纳道路占用费。",
        "临街单位应当履行门前责任区市容环境卫生责任，保持责任区整洁，及时清除积雪和杂物，对在责任区内乱摆乱放、乱贴乱画的行为予以劝阻，劝阻无效的向城市管理部门报告。",
    ];
    for i in 0..40 {
        let n = legaltext::numerals::format(i as u64 + 1);
        text.push_str(&format!("第{n}条 {}\n", bodies[i % bodies.len()]));
        text.push_str(&format!("{}\n", bodies[(i + 3) % bodies.len()]));
    }
    text.push_str("第四十一条 本办法自2024年5月1日起施行，有效期五年。\n");
    text
}

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/laws");
    let runs = 5;
    let start = Instant::now();
    let mut articles = 0;
    for _ in 0..runs {
        let corpus = Corpus::load_dir(&dir).expect("corpus");
        articles = corpus.article_count();
    }
    let per_corpus = start.elapsed() / runs;
    println!("corpus: 55 laws, {articles} articles, read + parse {per_corpus:?} per run");

    let corpus = Corpus::embedded();
    let text = draft();
    let path = std::env::temp_dir().join(format!("legaltext-bench-{}.txt", std::process::id()));
    std::fs::write(&path, &text).expect("write draft");
    let n = 500;
    let start = Instant::now();
    for _ in 0..n {
        std::hint::black_box(std::fs::read(&path).expect("read"));
    }
    let read = start.elapsed() / n;
    let start = Instant::now();
    let mut findings = 0;
    for _ in 0..n {
        let bytes = std::fs::read(&path).expect("read");
        findings = review_bytes(&bytes, &corpus)
            .expect("review")
            .findings
            .len();
    }
    let review = start.elapsed() / n;
    std::fs::remove_file(&path).ok();
    println!(
        "review: {} characters, {findings} findings; read file {read:?}, read + review {review:?} ({:.0} documents/s)",
        text.chars().count(),
        1.0 / review.as_secs_f64()
    );
}

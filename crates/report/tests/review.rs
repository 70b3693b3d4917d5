//! Report review against fixtures: the three seed reports (correct as far as we know), planted
//! errors in copies of them and in composed reports (`tests/fixtures/cases.tsv` lists each file
//! with its expected findings), bad input, and a property test that no input panics.

use std::path::PathBuf;

use proptest::prelude::*;
use report::review::{
    CheckKind, ReviewError, SectionItem, batch_to_text, review_batch, review_bytes, review_file,
};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn item_key(item: SectionItem) -> &'static str {
    match item {
        SectionItem::MeasuresAndResults => "measures_and_results",
        SectionItem::ShortcomingsAndCauses => "shortcomings_and_causes",
        SectionItem::FirstResponsibility => "first_responsibility",
        SectionItem::NextYearPlan => "next_year_plan",
        SectionItem::Other => "other",
    }
}

fn kind_key(kind: CheckKind) -> &'static str {
    match kind {
        CheckKind::Rate => "rate",
        CheckKind::Sum => "sum",
        CheckKind::Breakdown => "breakdown",
    }
}

/// One line of `cases.tsv`.
struct Case {
    file: String,
    findings: Vec<(String, String)>,
    missing: Vec<String>,
    deadline: String,
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(fixtures().join("cases.tsv")).expect("cases.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let col = |i: usize| cols.get(i).copied().unwrap_or("");
            Case {
                file: col(0).to_string(),
                findings: col(1)
                    .split('|')
                    .filter(|s| !s.is_empty())
                    .map(|s| {
                        let (k, snippet) = s.split_once(':').expect("kind:snippet");
                        (k.to_string(), snippet.to_string())
                    })
                    .collect(),
                missing: col(2)
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
                deadline: col(3).to_string(),
            }
        })
        .collect()
}

#[test]
fn seed_reports_have_no_inconsistency_and_their_structure_is_recognised() {
    for (seed, missing) in [
        ("changchun-nanguan-2019.txt", vec![SectionItem::Other]),
        ("neimenggu-sifating-2021.txt", vec![SectionItem::Other]),
        ("xiangning-2023.txt", vec![]),
    ] {
        let review = review_file(&fixtures().join(seed)).expect(seed);
        assert!(
            review.inconsistencies.is_empty(),
            "{seed}: {:#?}",
            review.inconsistencies
        );
        assert!(
            review.figures.len() >= 25,
            "{seed}: {}",
            review.figures.len()
        );
        assert!(review.checked.rates + review.checked.sums >= 1, "{seed}");
        let found: Vec<SectionItem> = review.sections.missing.iter().map(|m| m.item).collect();
        assert_eq!(found, missing, "{seed}: {:#?}", review.sections);
    }
}

#[test]
fn seed_dates_are_read() {
    let c = review_file(&fixtures().join("changchun-nanguan-2019.txt")).expect("changchun");
    assert_eq!(c.dates.report_year, Some(2019));
    assert_eq!(
        c.dates.published.map(|d| d.to_string()),
        Some("2020-02-25".into())
    );
    assert_eq!(c.dates.on_time, Some(true));
    let n = review_file(&fixtures().join("neimenggu-sifating-2021.txt")).expect("neimenggu");
    assert_eq!(n.dates.report_year, Some(2021));
    let x = review_file(&fixtures().join("xiangning-2023.txt")).expect("xiangning");
    assert_eq!(x.dates.report_year, Some(2023));
    assert_eq!(
        x.dates.signed.map(|d| d.to_string()),
        Some("2024-01-19".into())
    );
    assert!(x.traditional);
}

/// Precision and recall of findings (inconsistencies and missing sections) over every case.
/// The floors are what the review reached when the cases were written; a change that loses
/// either fails here.
#[test]
fn precision_and_recall_over_planted_errors() {
    let mut true_pos = 0usize;
    let mut false_pos = 0usize;
    let mut false_neg = 0usize;
    let mut report = String::new();
    for case in cases() {
        let path = fixtures().join("cases").join(&case.file);
        let review = review_file(&path).unwrap_or_else(|e| panic!("{}: {e}", case.file));
        let mut unmatched: Vec<String> = review
            .inconsistencies
            .iter()
            .map(|f| format!("{}:{}", kind_key(f.kind), f.excerpt))
            .collect();
        for (kind, snippet) in &case.findings {
            let hit = unmatched
                .iter()
                .position(|f| f.starts_with(&format!("{kind}:")) && f.contains(snippet.as_str()));
            match hit {
                Some(i) => {
                    unmatched.remove(i);
                    true_pos += 1;
                }
                None => {
                    false_neg += 1;
                    report.push_str(&format!("{}: missed {kind}:{snippet}\n", case.file));
                }
            }
        }
        for f in &unmatched {
            false_pos += 1;
            report.push_str(&format!("{}: false alarm {f}\n", case.file));
        }
        let missing: Vec<&str> = review
            .sections
            .missing
            .iter()
            .map(|m| item_key(m.item))
            .collect();
        for m in &case.missing {
            if missing.contains(&m.as_str()) {
                true_pos += 1;
            } else {
                false_neg += 1;
                report.push_str(&format!(
                    "{}: missing section {m} not reported\n",
                    case.file
                ));
            }
        }
        for m in &missing {
            if !case.missing.iter().any(|e| e == m) {
                false_pos += 1;
                report.push_str(&format!(
                    "{}: section {m} wrongly reported missing\n",
                    case.file
                ));
            }
        }
        match case.deadline.as_str() {
            "ontime" => assert_eq!(review.dates.on_time, Some(true), "{}", case.file),
            "late" => assert_eq!(review.dates.on_time, Some(false), "{}", case.file),
            _ => {}
        }
    }
    let precision = true_pos as f64 / (true_pos + false_pos).max(1) as f64;
    let recall = true_pos as f64 / (true_pos + false_neg).max(1) as f64;
    println!(
        "report review: precision {precision:.3}, recall {recall:.3} (tp {true_pos}, fp {false_pos}, fn {false_neg})\n{report}"
    );
    assert!(true_pos >= 30, "{true_pos}");
    assert!(precision >= 1.0, "precision {precision:.3}\n{report}");
    assert!(recall >= 1.0, "recall {recall:.3}\n{report}");
}

#[test]
fn all_formats_of_one_report_agree() {
    let dir = fixtures().join("cases");
    let mut counts = Vec::new();
    for file in [
        "k1-correct.txt",
        "k1-gbk.txt",
        "k1-page.html",
        "k1-word.docx",
    ] {
        let review = review_file(&dir.join(file)).expect(file);
        assert!(
            review.inconsistencies.is_empty(),
            "{file}: {:#?}",
            review.inconsistencies
        );
        assert!(review.sections.missing.is_empty(), "{file}");
        counts.push((
            file,
            review.figures.len(),
            review.checked.rates,
            review.checked.sums,
        ));
    }
    assert!(
        counts
            .windows(2)
            .all(|w| w[0].1 == w[1].1 && w[0].2 == w[1].2),
        "{counts:?}"
    );
    let gbk = review_file(&dir.join("k1-gbk.txt")).expect("gbk");
    assert_eq!(gbk.encoding, "GB18030");
    let html = review_file(&dir.join("k1-page.html")).expect("html");
    assert_eq!(
        html.dates.published.map(|d| d.to_string()),
        Some("2025-03-12".into())
    );
}

#[test]
fn figures_carry_value_unit_label_and_excerpt() {
    let review = review_file(&fixtures().join("cases/k1-correct.txt")).expect("k1");
    let find = |text: &str| {
        review
            .figures
            .iter()
            .find(|f| f.text == text)
            .unwrap_or_else(|| panic!("{text}"))
    };
    let orders = find("2312件");
    assert_eq!((orders.value, orders.unit.as_str()), (2312.0, "件"));
    assert_eq!(orders.counts, "受理工单");
    assert!(orders.excerpt.contains("受理工单2312件"));
    assert_eq!(find("97.19%").counts, "办结率");
    assert_eq!(find("172.7万条").value, 1_727_000.0);
    assert_eq!(find("1,286件").value, 1286.0);
}

#[test]
fn json_has_the_documented_shape() {
    let review = review_file(&fixtures().join("cases/k2-errors.txt")).expect("k2");
    let json: serde_json::Value = serde_json::from_str(&review.to_json()).expect("json");
    let first = &json["inconsistencies"][0];
    for key in ["kind", "stated", "computed", "excerpt"] {
        assert!(!first[key].is_null(), "{key}");
    }
    assert!(["rate", "sum", "breakdown"].contains(&first["kind"].as_str().unwrap_or("")));
    let figure = &json["figures"][0];
    for key in ["value", "unit", "counts", "excerpt"] {
        assert!(!figure[key].is_null(), "{key}");
    }
    assert!(json["sections"]["present"].is_array());
    assert!(json["sections"]["missing"].is_array());
    let text = review.to_text();
    assert!(text.contains("办结率"));
    assert!(text.contains("发现不一致 6 处"), "{text}");
}

#[test]
fn batch_puts_reports_side_by_side() {
    let dir = fixtures().join("cases");
    let files: Vec<(String, Vec<u8>)> = ["k1-correct.txt", "k2-errors.txt", "k3-missing.txt"]
        .iter()
        .map(|f| (f.to_string(), std::fs::read(dir.join(f)).expect("read")))
        .chain([("bad.txt".to_string(), b"%PDF-1.4".to_vec())])
        .collect();
    let entries = review_batch(files);
    assert_eq!(entries.len(), 4);
    let k2 = entries[1].summary.as_ref().expect("k2");
    assert_eq!(
        (k2.rate_errors, k2.sum_errors, k2.breakdown_errors),
        (3, 2, 1)
    );
    let k3 = entries[2].summary.as_ref().expect("k3");
    assert_eq!(k3.sections_present, [true, true, false, true, false]);
    assert!(entries[3].error.as_deref().unwrap_or("").contains("PDF"));
    let table = batch_to_text(&entries);
    assert_eq!(table.lines().count(), 5);
}

#[test]
fn bad_input_is_a_typed_error_in_chinese() {
    assert!(matches!(
        review_bytes("a.txt", b""),
        Err(ReviewError::Empty)
    ));
    let pdf = review_bytes("report.txt", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj").unwrap_err();
    assert!(matches!(pdf, ReviewError::Pdf));
    assert!(pdf.to_string().contains("PDF"));
    let big = vec![b'x'; 50 * 1024 * 1024];
    let err = review_bytes("big.txt", &big).unwrap_err();
    assert!(matches!(err, ReviewError::TooLarge { .. }));
    assert!(err.to_string().contains("文件过大"));
    let english = "Annual report on law-based government 2023. We handled 2312 cases, 97.18% closed. \
                   Section 1: measures. Section 2: shortcomings.";
    let err = review_bytes("en.txt", english.as_bytes()).unwrap_err();
    assert!(matches!(err, ReviewError::NotChinese { .. }));
    assert!(err.to_string().contains("不是中文"));
    assert!(matches!(
        review_bytes("a.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"),
        Err(ReviewError::Unsupported(_))
    ));
    assert!(matches!(
        review_bytes("a.docx", b"PK\x03\x04garbage"),
        Err(ReviewError::Docx(_))
    ));
    assert!(matches!(
        review_bytes("a.html", b"<html><body><script>x</script></body></html>"),
        Err(ReviewError::Empty)
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = review_bytes("x.txt", &bytes);
        let _ = review_bytes("x.html", &bytes);
    }

    #[test]
    fn arbitrary_report_like_text_never_panics(
        text in "[一二三四五六七八九十百千万亿零两共其中件人次项个份场%率占比增长同比，。、；：（）()0-9.,\\n 受理办结成功败诉第年月日余多以上]{0,400}"
    ) {
        let padded = format!("法治政府建设年度报告审读测试文本用于检查不会崩溃的情况下的各种输入内容是否稳定{text}");
        if let Ok(review) = review_bytes("x.txt", padded.as_bytes()) {
            let _ = review.to_json();
            let _ = review.to_text();
        }
    }
}

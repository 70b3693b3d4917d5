//! Tests of the annual report: the five sections in order with the headings the review knows,
//! the deadline, drafting from realistic and from random figures (the drafted text must pass the
//! report review with no inconsistency), approval checks, and the HTML and Markdown exports.

use calendar::NaiveDate;
use domain::indicators::{self, Fact, Figure, Figures, Measure, Tally, evaluate_all};
use proptest::prelude::*;

use super::*;

pub(crate) const YEAR: i32 = 2024;
pub(crate) const GOVERNMENT: &str = "安吉县人民政府";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A small deterministic generator (a linear congruential generator) for test data.
struct Draws(u64);

impl Draws {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next(100) < percent
    }

    fn date(&mut self, year: i32) -> NaiveDate {
        d(year, 1, 1)
            .checked_add_days(calendar::Days::new(self.next(365)))
            .unwrap()
    }
}

/// The records of a county for a year, about the size of the demo county.
pub(crate) fn county_facts() -> Vec<Fact> {
    let mut r = Draws(20_240_331);
    let mut facts = Vec::new();
    for i in 0..260 {
        let opened = r.date(YEAR);
        let mut f = Fact::new("penalty_case", i.to_string())
            .with("registered_on", opened)
            .with("opened_on", opened)
            .with("opened_on_time", r.chance(96));
        if r.chance(90) {
            let outcome = match r.next(20) {
                0 => "no_penalty_minor",
                1 => "transfer_to_judiciary",
                2 => "no_penalty_not_established",
                _ => "penalty",
            };
            let review = r.chance(15);
            f = f
                .with("decided_on", r.date(YEAR))
                .with("outcome", outcome)
                .with("decided_late", r.chance(3))
                .with("review_required", review)
                .with("review_passed", review)
                .with("noticed_on", r.date(YEAR))
                .with("hearing_right_due", r.chance(20))
                .with("hearing_right_notified", true)
                .with("hearing_requested", r.chance(5))
                .with("hearing_held", r.chance(3));
            if outcome == "penalty" {
                f = f.with("sanction_groups", vec!["property"]).with(
                    "fines_and_confiscations_fen",
                    (r.next(2_000) as i64 + 1) * 10_000,
                );
            }
        }
        facts.push(f);
    }
    for i in 0..180 {
        facts.push(
            Fact::new("summary_penalty", i.to_string())
                .with("decided_on", r.date(YEAR))
                .with("sanction", "fine")
                .with("sanction_groups", vec!["property"])
                .with(
                    "fines_and_confiscations_fen",
                    (r.next(200) as i64 + 1) * 100,
                ),
        );
    }
    for i in 0..206 {
        let standing = if r.chance(2) { "suspended" } else { "in_force" };
        facts.push(
            Fact::new("officer", i.to_string())
                .with("listed_on", d(2021, 3, 1))
                .with("certificate_issued_on", d(2021, 3, 1))
                .with(
                    "certificate_expires_on",
                    if r.chance(3) {
                        d(2024, 6, 30)
                    } else {
                        d(2027, 2, 28)
                    },
                )
                .with("certificate_standing", standing)
                .with("legal_review_qualified", r.chance(7)),
        );
    }
    for i in 0..312 {
        let kind = if r.chance(60) { "penalty" } else { "licence" };
        facts.push(
            Fact::new("power", format!("{i}#1"))
                .with("in_force_from", d(2020, 1, 1))
                .with("power_type", kind),
        );
    }
    for i in 0..420 {
        let result = match r.next(10) {
            0 => "case_or_transfer",
            1 | 2 => "ordered_to_rectify",
            _ => "compliant",
        };
        let on = r.date(YEAR);
        facts.push(
            Fact::new("inspection", i.to_string())
                .with("planned_on", on)
                .with("conducted_on", on)
                .with("result", result)
                .with("random", r.chance(40)),
        );
    }
    for i in 0..45 {
        facts.push(
            Fact::new("legal_review", format!("{i}/1"))
                .with("reviewed_on", r.date(YEAR))
                .with("opinion", if r.chance(20) { "problems" } else { "approve" })
                .with("round", 1),
        );
    }
    for i in 0..230 {
        let decided = r.date(YEAR);
        let mut f = Fact::new("disclosure", i.to_string())
            .with("decided_on", decided)
            .with("decision_kind", "penalty");
        if r.chance(97) {
            f = f
                .with("published_on", decided)
                .with("published_on_time", r.chance(95));
        }
        facts.push(f);
    }
    for i in 0..14 {
        facts.push(
            Fact::new("major_penalty_filing", i.to_string())
                .with("decided_on", r.date(YEAR))
                .with("filed_on", r.date(YEAR))
                .with("filed_on_time", r.chance(90)),
        );
    }
    for i in 0..96 {
        facts.push(
            Fact::new("case_file_review", i.to_string())
                .with("reviewed_on", r.date(YEAR))
                .with("score", 80)
                .with("max_score", 100)
                .with("passed", r.chance(92)),
        );
    }
    for i in 0..17 {
        let issued = r.date(YEAR);
        let filed = r.chance(95);
        facts.push(
            Fact::new("normative_document", i.to_string())
                .with("issued_on", issued)
                .with("legality_reviewed", r.chance(97))
                .with("filing_required", true)
                .with_opt("filed_on", filed.then_some(issued))
                .with_opt("filed_on_time", filed.then(|| r.chance(90)))
                .with_opt("filing_conforming", filed.then(|| r.chance(95))),
        );
    }
    for i in 0..23 {
        facts.push(
            Fact::new("document_review", i.to_string())
                .with("received_on", r.date(YEAR))
                .with("reviewed_on", r.date(YEAR))
                .with("opinion", "lawful"),
        );
    }
    facts
}

pub(crate) fn county_figures() -> Figures {
    evaluate_all(YEAR, &county_facts())
}

/// The draft with every prompt replaced by a narrative paragraph and a date under the signature.
pub(crate) fn finished_report() -> AnnualReport {
    let mut report = draft(YEAR, GOVERNMENT, &county_figures());
    let texts = [
        "2024年，县政府坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面推进依法行政。",
        "深化“放管服”改革，政务服务事项全部纳入一体化平台办理；严格执行重大行政决策程序，法律顾问参与审议议题。",
        "对照法治政府建设要求，仍存在一些不足：基层执法力量配备不足，部分执法人员法治思维有待加强。原因在于培训针对性不强。",
        "县政府主要负责人认真履行推进法治建设第一责任人职责，专题研究法治政府建设工作，带头学法述法。",
        "2025年，县政府将持续深化法治政府建设，重点抓好行政执法质量提升和规范性文件管理。",
        "无。",
    ];
    let mut next = texts.iter();
    for p in report.opening.iter_mut().chain(
        report
            .sections
            .iter_mut()
            .flat_map(|s| s.paragraphs.iter_mut()),
    ) {
        if p.kind == ParagraphKind::Prompt {
            *p = Paragraph::narrative(*next.next().unwrap());
        }
    }
    report.dated_on = Some(d(2025, 3, 20));
    report
}

#[test]
fn five_sections_in_the_order_of_the_inspection_rules() {
    let report = draft(YEAR, GOVERNMENT, &Figures::new(YEAR));
    let items: Vec<SectionItem> = report.sections.iter().map(|s| s.item).collect();
    assert_eq!(items, SectionItem::ALL);
    assert_eq!(
        report.numbered_heading(0),
        "一、2024年推进法治政府建设的主要举措和成效"
    );
    assert_eq!(
        report.numbered_heading(3),
        "四、2025年推进法治政府建设的主要安排"
    );
    assert_eq!(
        report.title,
        "安吉县人民政府关于2024年度法治政府建设情况的报告"
    );
    // The review finds each item by its heading, in order.
    let review = report.review().unwrap();
    assert!(review.sections.missing.is_empty(), "{:?}", review.sections);
    let found: Vec<SectionItem> = review.sections.present.iter().map(|h| h.item).collect();
    assert_eq!(found, SectionItem::ALL);
    assert!(review.sections.present.iter().all(|h| h.by_heading));
    assert_eq!(review.dates.report_year, Some(YEAR));
}

/// 督察工作规定 第二十四条 \[secondary\]: published before 1 April of the next year.
#[test]
fn publication_due_before_1_april_art_24() {
    assert_eq!(publication_due(2024), Some(d(2025, 3, 31)));
    assert_eq!(publication_due(2019), Some(d(2020, 3, 31)));
    let report = draft(2024, GOVERNMENT, &Figures::new(2024));
    assert_eq!(report.due_on, Some(d(2025, 3, 31)));
}

#[test]
fn numbers_are_written_as_the_seed_reports_write_them() {
    assert_eq!(format_percent(2247, 2312).as_deref(), Some("97.19%"));
    assert_eq!(format_percent(91, 100).as_deref(), Some("91%"));
    assert_eq!(format_percent(58, 153).as_deref(), Some("37.91%"));
    assert_eq!(format_percent(1, 8).as_deref(), Some("12.5%"));
    assert_eq!(format_percent(5, 5).as_deref(), Some("100%"));
    assert_eq!(format_percent(0, 5).as_deref(), Some("0%"));
    assert_eq!(format_percent(3, 0), None);
    // Never a false 100% or 0%.
    assert_eq!(format_percent(9_999, 10_000).as_deref(), Some("99.99%"));
    assert_eq!(format_percent(99_999, 100_000).as_deref(), Some("99.999%"));
    assert_eq!(format_percent(1, 100_000).as_deref(), Some("0.001%"));
    assert_eq!(format_yuan(5_120_000), "5.12万元");
    assert_eq!(format_yuan(5_000_000), "5万元");
    assert_eq!(format_yuan(865_000), "8650元");
    assert_eq!(format_yuan(8_650), "86.5元");
    assert_eq!(format_yuan(184_300_000_000), "18.43亿元");
    assert_eq!(format_yuan(-5_120_000), "-5.12万元");
    assert_eq!(format_count(544), "544");
}

#[test]
fn drafted_from_realistic_figures_the_text_passes_the_review() {
    let report = draft(YEAR, GOVERNMENT, &county_figures());
    let text = report.to_text();
    let review = report.review().unwrap();
    assert!(
        review.inconsistencies.is_empty(),
        "{:#?}\n{text}",
        review.inconsistencies
    );
    // The rates were recomputed, not skipped.
    assert!(review.checked.rates >= 10, "{:?}\n{text}", review.checked);
    assert!(review.checked.sums >= 5, "{:?}\n{text}", review.checked);
    for phrase in [
        "（一）加强行政执法队伍建设",
        "在册行政执法人员206人",
        "全年共作出行政处罚决定",
        "罚没款",
        "按期办结率",
        "“双随机”抽查",
        "全年共审核行政规范性文件23件",
        "报备及时率",
        "（四）加强行政规范性文件监督管理",
    ] {
        assert!(text.contains(phrase), "{phrase} missing:\n{text}");
    }
    let data = &report.sections[0].paragraphs[1];
    match &data.kind {
        ParagraphKind::Data { indicators } => {
            assert!(indicators.contains(&"enforcement.certified_officer_rate".to_string()));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn missing_figures_are_left_out_never_invented() {
    let mut figures = Figures::new(YEAR);
    let rate = indicators::find("normative.filing_on_time_rate").unwrap();
    figures.insert(Figure::from_tally(
        rate,
        YEAR,
        Tally {
            numerator: 11,
            denominator: 12,
            records: 12,
        },
    ));
    // A rate over nothing is no figure.
    let legality = indicators::find("normative.legality_review_rate").unwrap();
    figures.insert(Figure::from_tally(legality, YEAR, Tally::default()));
    let report = draft(YEAR, GOVERNMENT, &figures);
    let text = report.to_text();
    assert!(text.contains("全年报送备案12件，其中及时报备11件，报备及时率91.67%。"));
    assert!(!text.contains("合法性审核率"));
    assert!(!text.contains("行政处罚"));
    assert!(!text.contains("（二）"), "{text}");
    assert!(text.contains("（一）加强行政规范性文件监督管理"));
}

#[test]
fn the_draft_is_not_ready_until_prompts_are_written() {
    let report = draft(YEAR, GOVERNMENT, &county_figures());
    let problems = report.approval_check().unwrap_err();
    assert!(
        matches!(problems[0], NotReady::PromptsLeft(6)),
        "{problems:?}"
    );
    let finished = finished_report();
    let review = finished.approval_check().unwrap();
    assert!(review.inconsistencies.is_empty());
    assert_eq!(
        review.dates.signed.map(|d| d.to_string()).as_deref(),
        Some("2025-03-20")
    );
}

#[test]
fn an_edited_figure_that_does_not_add_up_blocks_approval() {
    let mut report = finished_report();
    let section = report.section_mut(SectionItem::MeasuresAndResults);
    let p = section
        .paragraphs
        .iter_mut()
        .find(|p| p.text.contains("报备及时率"))
        .unwrap();
    // Staff change a rate by hand without changing its parts.
    let at = p.text.find("报备及时率").unwrap() + "报备及时率".len();
    let end = at + p.text[at..].find('%').unwrap();
    p.text.replace_range(at..end, "12.5");
    let problems = report.approval_check().unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| matches!(p, NotReady::Inconsistent(list) if list[0].label == "报备及时率")),
        "{problems:?}"
    );
    let empty = {
        let mut r = finished_report();
        r.section_mut(SectionItem::Other).paragraphs.clear();
        r
    };
    assert!(
        empty
            .approval_check()
            .unwrap_err()
            .iter()
            .any(|p| matches!(p, NotReady::EmptySection(SectionItem::Other)))
    );
}

#[test]
fn html_escapes_user_text() {
    let mut report = finished_report();
    report.sections[4].paragraphs = vec![Paragraph::narrative(
        "<script>alert(\"x\")</script> & 'quoted'",
    )];
    report.government = "某县<b>人民政府</b>".into();
    let html = to_html(&report);
    assert!(!html.contains("<script>"));
    assert!(!html.contains("<b>"));
    assert!(
        html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;")
    );
    assert!(html.contains("<h2>五、其他需要报告的情况</h2>"));
    assert!(html.starts_with("<!DOCTYPE html>"));
    // The page reads back through the review's HTML reader with nothing inconsistent.
    let review = crate::review::review_bytes("report.html", html.as_bytes()).unwrap();
    assert!(review.inconsistencies.is_empty());
    assert!(review.sections.missing.is_empty());
}

#[test]
fn markdown_has_the_structure_and_escapes_markup() {
    let mut report = finished_report();
    report.sections[4].paragraphs = vec![
        Paragraph::narrative("# 不是标题 *强调* [链接](http://x) <i>"),
        Paragraph::narrative("1. 不是列表"),
    ];
    let md = to_markdown(&report);
    assert!(md.starts_with("# 安吉县人民政府关于2024年度法治政府建设情况的报告\n\n"));
    assert!(md.contains("\n## 一、2024年推进法治政府建设的主要举措和成效\n"));
    assert!(md.contains("\n### （一）加强行政执法队伍建设\n"));
    assert!(md.contains("\\# 不是标题 \\*强调\\* \\[链接\\](http://x) \\<i\\>"));
    assert!(md.contains("\n1\\. 不是列表\n"));
    // Figures stay as written: the only escaped full stop is the list marker above.
    assert!(md.contains("%"));
    assert_eq!(md.matches("\\.").count(), 1);
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(headings.len(), 5);
}

fn any_figures() -> impl Strategy<Value = Figures> {
    let ids: Vec<&'static indicators::Indicator> =
        indicators::all().iter().filter(|i| i.available).collect();
    let n = ids.len();
    // Small values make parts equal to or above their totals often; large ones test 万 and up.
    let value = || prop_oneof![0i64..12, 0i64..200_000];
    (
        prop::collection::vec(any::<bool>(), n),
        prop::collection::vec((value(), value()), n),
        prop::collection::vec(0i64..20_000_000_000, n),
    )
        .prop_map(move |(present, pairs, money)| {
            let mut figures = Figures::new(YEAR);
            for (k, indicator) in ids.iter().enumerate() {
                if !present[k] {
                    continue;
                }
                let (a, b) = pairs[k];
                let tally = match indicator.measure {
                    Measure::Rate { .. } => Tally {
                        numerator: a.min(b),
                        denominator: a.max(b),
                        records: a.max(b),
                    },
                    Measure::Total(_) if indicator.unit == domain::indicators::Unit::Yuan => {
                        Tally {
                            numerator: money[k],
                            denominator: 0,
                            records: a,
                        }
                    }
                    Measure::Total(_) => Tally {
                        numerator: a,
                        denominator: 0,
                        records: a,
                    },
                };
                figures.insert(Figure::from_tally(indicator, YEAR, tally));
            }
            figures
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the figures, the drafted text passes the report review: every rate stands with
    /// its own numerator and denominator, and parts are listed only under a total they fit in.
    #[test]
    fn drafted_text_passes_the_review_for_any_figures(figures in any_figures()) {
        let report = draft(YEAR, GOVERNMENT, &figures);
        let review = report.review().unwrap();
        prop_assert!(
            review.inconsistencies.is_empty(),
            "{:#?}\n{}",
            review.inconsistencies,
            report.to_text()
        );
        prop_assert!(review.sections.missing.is_empty());
    }
}

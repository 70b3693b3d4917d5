//! Human-readable renderings of a review and of a batch, in Chinese, for the terminal.

use std::fmt::Write;

use super::{BatchEntry, Review, SectionItem};

fn number(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// Renders one review.
pub fn review(r: &Review) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "审读报告：{}", r.file_name);
    if let Some(title) = &r.title {
        let _ = writeln!(out, "标题：{title}");
    }
    let _ = writeln!(
        out,
        "格式：{:?}，编码：{}{}，正文 {} 字",
        r.format,
        r.encoding,
        if r.traditional {
            "，繁体已转简体"
        } else {
            ""
        },
        r.chars
    );
    let d = &r.dates;
    let year = d
        .report_year
        .map_or("未识别".to_string(), |y| format!("{y}年"));
    let _ = write!(out, "报告年度：{year}");
    if let Some(p) = d.published {
        let _ = write!(out, "，发布日期：{p}");
    }
    if let Some(s) = d.signed {
        let _ = write!(out, "，落款日期：{s}");
    }
    match (d.on_time, d.deadline) {
        (Some(true), Some(dl)) => {
            let _ = write!(out, "，在 {dl} 前公开（符合）");
        }
        (Some(false), Some(dl)) => {
            let _ = write!(out, "，晚于 {dl}（不符合：应于4月1日前公开）");
        }
        _ => {}
    }
    out.push('\n');

    let _ = writeln!(out, "\n一、结构（督察工作规定 五项内容）");
    for item in SectionItem::ALL {
        match r.sections.present.iter().find(|h| h.item == item) {
            Some(h) => {
                let how = if h.by_heading { "标题" } else { "段落" };
                let _ = writeln!(
                    out,
                    "  ✓ {}：第{}行（{how}）“{}”",
                    item.name_zh(),
                    h.line,
                    h.heading
                );
            }
            None => {
                let _ = writeln!(out, "  ✗ {}：未找到", item.name_zh());
            }
        }
    }

    let c = &r.checked;
    let _ = writeln!(
        out,
        "\n二、数字核算：核算比率 {} 处、合计 {} 处、构成比例 {} 处，发现不一致 {} 处",
        c.rates,
        c.sums,
        c.breakdowns,
        r.inconsistencies.len()
    );
    for (i, f) in r.inconsistencies.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {}. [{}] 第{}行 {}\n     报告值 {}，核算值 {}\n     原文：{}",
            i + 1,
            f.kind.label_zh(),
            f.line,
            f.explanation,
            number(f.stated),
            number(f.computed),
            f.excerpt
        );
    }

    let _ = writeln!(out, "\n三、数字（共 {} 个）", r.figures.len());
    for f in &r.figures {
        let approx = if f.approximate { "（约数）" } else { "" };
        let _ = writeln!(
            out,
            "  第{}行 {}{approx}  {}  …{}",
            f.line,
            f.text,
            f.counts,
            f.excerpt.trim_start_matches('…')
        );
    }
    out
}

/// Renders a batch as a table.
pub fn batch(entries: &[BatchEntry]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "文件\t年度\t发布日期\t按时\t数字\t核算\t比率错\t合计错\t比例错\t举措\t不足\t第一责任人\t安排\t其他"
    );
    for e in entries {
        match (&e.summary, &e.error) {
            (Some(s), _) => {
                let mark = |b: bool| if b { "✓" } else { "✗" };
                let _ = writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    e.file_name,
                    s.report_year.map_or("-".into(), |y| y.to_string()),
                    s.published.map_or("-".into(), |d| d.to_string()),
                    s.on_time.map_or("-", |b| if b { "是" } else { "否" }),
                    s.figures,
                    s.checks,
                    s.rate_errors,
                    s.sum_errors,
                    s.breakdown_errors,
                    mark(s.sections_present[0]),
                    mark(s.sections_present[1]),
                    mark(s.sections_present[2]),
                    mark(s.sections_present[3]),
                    mark(s.sections_present[4]),
                );
            }
            (None, error) => {
                let _ = writeln!(
                    out,
                    "{}\t无法审读：{}",
                    e.file_name,
                    error.as_deref().unwrap_or("未知错误")
                );
            }
        }
    }
    out
}

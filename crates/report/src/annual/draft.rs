//! Drafting the report from indicator figures, in the register of real reports: counts in 件,
//! 人, 次, 卷; rates in per cent beside their numerator and denominator; money in 元 or 万元.
//!
//! Every rate is written in a sentence with its own numerator and denominator, and the
//! numerator is worded with the rate's name (`及时报备…件，报备及时率…%`), so that the report
//! review can recompute it; parts follow their total only when they cannot exceed it. A figure
//! missing from the [`Figures`], or a rate over nothing, leaves its words out.

use domain::indicators::{Figure, Figures};

use super::{AnnualReport, Paragraph, ParagraphKind, Section, SectionItem, heading};

/// A count as reports write it: Arabic digits, no separators (`2312`).
pub fn format_count(n: i64) -> String {
    n.to_string()
}

/// `scaled` (a value times 10^decimals) as a decimal without trailing zeros.
fn decimal(scaled: i128, decimals: u32) -> String {
    let scale = 10i128.pow(decimals);
    let (sign, scaled) = if scaled < 0 {
        ("-", -scaled)
    } else {
        ("", scaled)
    };
    let whole = scaled / scale;
    let fraction = scaled % scale;
    if fraction == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{fraction:0width$}", width = decimals as usize);
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

/// A rate `numerator ÷ denominator` as a percentage with two decimals at most, trailing zeros
/// dropped (`97.19%`, `91%`). A rate that is not exactly 0% or 100% never shows as such: more
/// decimals are used instead (`99.996%`). `None` when the denominator is 0.
pub fn format_percent(numerator: i64, denominator: i64) -> Option<String> {
    if denominator <= 0 || numerator < 0 {
        return None;
    }
    let (n, d) = (i128::from(numerator), i128::from(denominator));
    for decimals in 2..=8u32 {
        let scale = 10i128.pow(decimals);
        // Half up: (2x + d) / 2d.
        let rounded = (2 * n * 100 * scale + d) / (2 * d);
        let hundred = 100 * scale;
        let false_zero = rounded == 0 && n > 0;
        let false_hundred = rounded == hundred && n < d;
        if !(false_zero || false_hundred) {
            return Some(format!("{}%", decimal(rounded, decimals)));
        }
    }
    // Beyond eight decimals: cut rather than round.
    Some(format!("{}%", decimal(n * 100 * 10i128.pow(8) / d, 8)))
}

/// An amount in fen as reports write it: `8650元`, `86.5元` below ten thousand yuan, `5.12万元`
/// from ten thousand, `1.2亿元` from a hundred million (rounded half up to two decimals).
pub fn format_yuan(fen: i64) -> String {
    let fen = i128::from(fen);
    // Rounded half away from zero to whole multiples of `unit`.
    let in_units = |unit: i128| {
        let q = (2 * fen.abs() + unit) / (2 * unit);
        if fen < 0 { -q } else { q }
    };
    if fen.abs() >= 10_000_000_000 {
        format!("{}亿元", decimal(in_units(100_000_000), 2))
    } else if fen.abs() >= 1_000_000 {
        format!("{}万元", decimal(in_units(10_000), 2))
    } else {
        format!("{}元", decimal(fen, 2))
    }
}

/// Reads figures for one paragraph and remembers which indicators it quoted.
struct Writer<'a> {
    figures: &'a Figures,
    used: Vec<String>,
}

impl<'a> Writer<'a> {
    fn figure(&mut self, id: &str) -> Option<&'a Figure> {
        let f = self.figures.get(id)?;
        if !self.used.iter().any(|u| u == id) {
            self.used.push(id.to_string());
        }
        Some(f)
    }

    /// A count or amount, when present.
    fn total(&mut self, id: &str) -> Option<i64> {
        let f = self.figures.get(id)?;
        if f.denominator.is_some() {
            return None;
        }
        self.figure(id).map(|f| f.numerator)
    }

    /// A positive count or amount.
    fn positive(&mut self, id: &str) -> Option<i64> {
        let f = self.figures.get(id)?;
        if f.denominator.is_some() || f.numerator <= 0 {
            return None;
        }
        self.figure(id).map(|f| f.numerator)
    }

    /// A rate with its numerator, denominator and text, when the denominator is not 0, without
    /// noting it as quoted.
    fn peek_rate(&self, id: &str) -> Option<(i64, i64, String)> {
        let f = self.figures.get(id)?;
        let d = f.denominator.filter(|d| *d > 0)?;
        Some((f.numerator, d, format_percent(f.numerator, d)?))
    }

    /// A rate with its numerator, denominator and text, when the denominator is not 0.
    fn rate(&mut self, id: &str) -> Option<(i64, i64, String)> {
        let rate = self.peek_rate(id)?;
        self.figure(id);
        Some(rate)
    }
}

/// 执法队伍: officers and their certificates, legal-review staff, the power list.
fn enforcement_staff(w: &mut Writer<'_>, year: i32) -> Vec<String> {
    let mut out = Vec::new();
    const SHARE: &str = "enforcement.legal_review_staff_share";
    let certified = w.rate("enforcement.certified_officer_rate");
    let share = w.peek_rate(SHARE);
    let mut s = String::new();
    match (&certified, &share) {
        (Some((c, n, rate)), _) => {
            s.push_str(&format!(
                "截至{year}年底，在册行政执法人员{n}人，其中持证{c}人，持证率{rate}"
            ));
            // The share is quoted against the same roster only.
            if let Some((q, n2, share)) = &share
                && n2 == n
            {
                w.figure(SHARE);
                s.push_str(&format!("；具备法制审核资格的人员{q}人，占比{share}"));
            }
        }
        (None, Some((q, n, share))) => {
            w.figure(SHARE);
            s.push_str(&format!(
                "截至{year}年底，在册行政执法人员{n}人，其中具备法制审核资格的人员{q}人，占比{share}"
            ));
        }
        (None, None) => {
            if let Some(n) = w.positive("enforcement.officers") {
                s.push_str(&format!("截至{year}年底，在册行政执法人员{n}人"));
            }
        }
    }
    if !s.is_empty() {
        s.push('。');
        out.push(s);
    }
    if let Some(p) = w.positive("enforcement.powers") {
        let mut s = format!("年末权责清单在列事项{p}项");
        if let Some(q) = w.positive("enforcement.penalty_powers").filter(|q| *q <= p) {
            s.push_str(&format!("，其中行政处罚事项{q}项"));
        }
        s.push('。');
        out.push(s);
    }
    out
}

/// 执法办案: decisions, money, no-penalty decisions, transfers, timeliness, legal review,
/// hearings.
fn enforcement_cases(w: &mut Writer<'_>) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(n) = w.total("enforcement.penalty_decisions") {
        let mut s = format!("全年共作出行政处罚决定{n}件");
        let ordinary = w.figures.get("enforcement.penalty_decisions_ordinary");
        let summary = w.figures.get("enforcement.penalty_decisions_summary");
        if let (Some(a), Some(b)) = (ordinary, summary)
            && n > 0
            && a.numerator + b.numerator == n
        {
            let (a, b) = (a.numerator, b.numerator);
            w.figure("enforcement.penalty_decisions_ordinary");
            w.figure("enforcement.penalty_decisions_summary");
            s.push_str(&format!("，其中普通程序{a}件、简易程序{b}件"));
        }
        if let Some(fen) = w.positive("enforcement.fines_and_confiscations") {
            s.push_str(&format!("，罚没款{}", format_yuan(fen)));
        }
        s.push('。');
        out.push(s);
    }
    let mut parts = Vec::new();
    if let Some(m) = w.positive("enforcement.no_penalty_decisions") {
        parts.push(format!("依法作出不予行政处罚决定{m}件"));
    }
    if let Some(t) = w.positive("enforcement.transfers_to_judiciary") {
        parts.push(format!("涉嫌犯罪移送司法机关{t}件"));
    }
    if !parts.is_empty() {
        out.push(format!("{}。", parts.join("；")));
    }
    if let Some((k, d, r)) = w.rate("enforcement.decided_on_time_rate") {
        out.push(format!(
            "普通程序案件作出决定{d}件，其中按期办结{k}件，按期办结率{r}。"
        ));
    }
    if let Some((n, d, r)) = w.rate("enforcement.legal_review_rate") {
        out.push(format!(
            "应当进行法制审核的案件{d}件，经法制审核{n}件，法制审核率{r}。"
        ));
    }
    if let Some(x) = w.positive("enforcement.legal_reviews") {
        let mut s = format!("全年出具法制审核意见{x}件次");
        if let Some(y) = w
            .positive("enforcement.legal_reviews_with_problems")
            .filter(|y| *y <= x)
        {
            s.push_str(&format!("，其中提出问题退回修改{y}件次"));
        }
        s.push('。');
        out.push(s);
    }
    let notified = w
        .figures
        .get("enforcement.hearing_notice_rate")
        .map(|f| f.numerator)
        .filter(|n| *n > 0);
    if let Some(a) = notified {
        w.figure("enforcement.hearing_notice_rate");
        let mut s = format!("依法告知听证权利{a}件");
        if let Some(f) = w
            .figures
            .get("enforcement.hearing_rate")
            .filter(|f| f.denominator.is_some_and(|d| d > 0))
        {
            let (h, r) = (f.numerator, f.denominator.unwrap_or_default());
            w.figure("enforcement.hearing_rate");
            s.push_str(&format!("，当事人申请听证{r}件，举行听证{h}件"));
        }
        s.push('。');
        out.push(s);
    }
    out
}

/// 执法监督: inspections, disclosure, major-penalty filings, case-file review.
fn enforcement_supervision(w: &mut Writer<'_>) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(n) = w.positive("enforcement.inspections") {
        let mut s = format!("全年开展行政检查{n}次");
        if let Some(r) = w
            .positive("enforcement.random_inspections")
            .filter(|r| *r <= n)
        {
            s.push_str(&format!("，其中“双随机”抽查{r}次"));
        }
        if let Some(p) = w
            .positive("enforcement.inspections_with_problems")
            .filter(|p| *p <= n)
        {
            s.push_str(&format!("；检查发现问题{p}次"));
        }
        s.push('。');
        out.push(s);
    }
    if let Some((p, d, q)) = w.rate("enforcement.disclosure_rate") {
        out.push(format!(
            "当年作出的应当公示的行政执法决定{d}件，已公示{p}件，公示率{q}。"
        ));
    }
    if let Some((k, n, r)) = w.rate("enforcement.disclosure_on_time_rate") {
        out.push(format!(
            "全年公示行政执法决定{n}件，其中在规定期限内及时公示{k}件，公示及时率{r}。"
        ));
    }
    if let Some((k, n, r)) = w.rate("enforcement.major_penalty_filing_on_time_rate") {
        out.push(format!(
            "报送重大行政处罚备案{n}件，其中及时备案{k}件，备案及时率{r}。"
        ));
    } else if let Some(n) = w.positive("enforcement.major_penalty_filings") {
        out.push(format!("报送重大行政处罚备案{n}件。"));
    }
    if let Some((p, n, r)) = w.rate("enforcement.case_file_pass_rate") {
        out.push(format!(
            "开展行政执法案卷评查，共评查案卷{n}卷，其中合格{p}卷，合格率{r}。"
        ));
    } else if let Some(n) = w.positive("enforcement.case_file_reviews") {
        out.push(format!("开展行政执法案卷评查，共评查案卷{n}卷。"));
    }
    out
}

/// 行政规范性文件: reviews, documents issued, legality review, filing.
fn normative_documents(w: &mut Writer<'_>) -> Vec<String> {
    let mut out = Vec::new();
    let reviewed = w.total("normative.legality_reviews");
    let issued = w.total("normative.documents_issued");
    match (reviewed, issued) {
        (Some(r), Some(i)) => out.push(format!(
            "全年共审核行政规范性文件{r}件，制发行政规范性文件{i}件。"
        )),
        (Some(r), None) => out.push(format!("全年共审核行政规范性文件{r}件。")),
        (None, Some(i)) => out.push(format!("全年制发行政规范性文件{i}件。")),
        (None, None) => {}
    }
    if let Some((n, d, q)) = w.rate("normative.legality_review_rate") {
        out.push(format!(
            "公布的行政规范性文件{d}件中，经合法性审核{n}件，合法性审核率{q}。"
        ));
    }
    if let Some((f, d, x)) = w.rate("normative.filing_rate") {
        out.push(format!("应当报送备案的{d}件，已报备{f}件，报备率{x}。"));
    }
    if let Some((k, n, y)) = w.rate("normative.filing_on_time_rate") {
        out.push(format!(
            "全年报送备案{n}件，其中及时报备{k}件，报备及时率{y}。"
        ));
    } else if let Some(n) = w.positive("normative.filings") {
        out.push(format!("全年报送备案{n}件。"));
    }
    if let Some((c, n, z)) = w.rate("normative.filing_conformity_rate") {
        out.push(format!(
            "报送备案的{n}件中，材料齐全、格式规范的{c}件，报备规范率{z}。"
        ));
    }
    out
}

const NUMBERS: [&str; 4] = ["一", "二", "三", "四"];

fn prompt(text: &str) -> Paragraph {
    Paragraph {
        kind: ParagraphKind::Prompt,
        text: format!("【待撰写：{text}】"),
    }
}

/// The paragraphs of section one: a subheading and a data paragraph for each area with figures,
/// then a prompt for the other measures.
fn measures(figures: &Figures, year: i32) -> Vec<Paragraph> {
    let mut w = Writer {
        figures,
        used: Vec::new(),
    };
    let mut areas: Vec<(&str, Vec<String>, Vec<String>)> = Vec::new();
    let staff = enforcement_staff(&mut w, year);
    areas.push(("加强行政执法队伍建设", staff, std::mem::take(&mut w.used)));
    let cases = enforcement_cases(&mut w);
    areas.push(("严格规范公正文明执法", cases, std::mem::take(&mut w.used)));
    let supervision = enforcement_supervision(&mut w);
    areas.push(("强化行政执法监督", supervision, std::mem::take(&mut w.used)));
    let documents = normative_documents(&mut w);
    areas.push((
        "加强行政规范性文件监督管理",
        documents,
        std::mem::take(&mut w.used),
    ));
    let mut out = Vec::new();
    for (title, sentences, indicators) in areas {
        if sentences.is_empty() {
            continue;
        }
        let number = NUMBERS[out.len() / 2];
        out.push(Paragraph {
            kind: ParagraphKind::Subheading,
            text: format!("（{number}）{title}"),
        });
        out.push(Paragraph {
            kind: ParagraphKind::Data { indicators },
            text: sentences.concat(),
        });
    }
    out.push(prompt(
        "其他方面的主要举措和成效（可另列小标题），如依法全面履行政府职能、推进重大行政决策科学民主依法、行政复议和应诉、法治宣传教育等。",
    ));
    out
}

pub(super) fn draft(year: i32, government: &str, figures: &Figures) -> AnnualReport {
    let section = |item: SectionItem, paragraphs: Vec<Paragraph>| Section {
        item,
        heading: heading(item, year),
        paragraphs,
    };
    AnnualReport {
        government: government.to_string(),
        year,
        title: format!("{government}关于{year}年度法治政府建设情况的报告"),
        opening: vec![prompt("开头语，概述本年度推进法治政府建设的总体情况。")],
        sections: [
            section(SectionItem::MeasuresAndResults, measures(figures, year)),
            section(
                SectionItem::ShortcomingsAndCauses,
                vec![prompt("存在的不足和原因。")],
            ),
            section(
                SectionItem::FirstResponsibility,
                vec![prompt(
                    "党政主要负责人履行推进法治建设第一责任人职责、加强法治政府建设的情况。",
                )],
            ),
            section(
                SectionItem::NextYearPlan,
                vec![prompt("下一年度推进法治政府建设的主要安排。")],
            ),
            section(
                SectionItem::Other,
                vec![prompt("其他需要报告的情况；没有的，写明“无”。")],
            ),
        ],
        due_on: super::publication_due(year),
        dated_on: None,
    }
}

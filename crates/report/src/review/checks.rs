//! Recomputing the relations between the figures of one sentence: rates beside their numerator
//! and denominator, totals with their parts, and percentage breakdowns that must make 100%.
//!
//! The rule throughout is *no false alarm*: a relation is checked only when the sentence names
//! its pieces, every reading of an ambiguous sentence is tried, and a finding is reported only
//! when no reading is consistent. A relation that cannot be derived is not a failure.

use serde::Serialize;

use super::figures::{Fig, Sentence, strip_connectives};

/// The kind of relation that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckKind {
    /// A rate or share differs from numerator ÷ denominator.
    Rate,
    /// Parts exceed their total, or exhaustive parts do not add up to it.
    Sum,
    /// Percentages of one whole do not add up to 100%.
    Breakdown,
}

impl CheckKind {
    /// Chinese name shown to users.
    pub fn label_zh(self) -> &'static str {
        match self {
            CheckKind::Rate => "比率不符",
            CheckKind::Sum => "合计不符",
            CheckKind::Breakdown => "构成比例不为100%",
        }
    }
}

/// A relation that does not hold, before positions are turned into lines.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Which relation.
    pub kind: CheckKind,
    /// The name of the rate or total (`办结率`, `行政复议案件`).
    pub label: String,
    /// The value the report states.
    pub stated: f64,
    /// The value recomputed from the report's own figures.
    pub computed: f64,
    /// Byte offset of the sentence in the cleaned text.
    pub start: usize,
    /// The sentence, clipped.
    pub excerpt: String,
    /// How the value was computed, in Chinese.
    pub explanation: String,
}

/// Counts of checks made, to tell "nothing wrong" from "nothing checked".
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct CheckCounts {
    /// Rates recomputed.
    pub rates: usize,
    /// Totals compared with their parts.
    pub sums: usize,
    /// Percentage breakdowns added up.
    pub breakdowns: usize,
}

/// Words that mark the rest of a whole (其余, 未审结…): a list containing one is exhaustive.
const REMAINDER: &[&str] = &[
    "其余",
    "其他",
    "剩余",
    "余下",
    "未审结",
    "未办结",
    "未结案",
    "未结",
    "正在办理",
    "办理中",
    "在办",
    "尚未",
    "待办",
    "审理中",
];

/// Outcomes that count as the agency losing (STATUTES.md §17, 败诉率).
const LOSS_OUTCOMES: &[&str] = &["撤销", "确认违法", "确认无效", "变更", "责令履行", "败诉"];

/// Runs every check on every sentence.
pub fn check(sentences: &[Sentence]) -> (Vec<Finding>, CheckCounts) {
    let mut findings = Vec::new();
    let mut counts = CheckCounts::default();
    for s in sentences {
        if s.figs.len() < 2 {
            continue;
        }
        check_rates(s, &mut findings, &mut counts);
        check_sums(s, &mut findings, &mut counts);
        check_breakdown(s, &mut findings, &mut counts);
    }
    (findings, counts)
}

/// Whether `computed` is what the report would write as `stated` with `decimals` decimals,
/// rounding or truncating (both are found in real reports).
pub fn agrees(stated: f64, decimals: u32, computed: f64) -> bool {
    let unit = 10f64.powi(-(decimals as i32));
    computed >= stated - 0.5 * unit - 1e-9 && computed < stated + unit - 1e-9
}

fn is_count(f: &Fig) -> bool {
    !f.is_percent() && !f.approx && f.unit != "个百分点" && f.unit != "倍"
}

fn share_label(f: &Fig) -> bool {
    let label = f.before.trim_end_matches(['为', '达', '是', ' ']);
    label.ends_with('占')
        || label.ends_with("占比")
        || label.contains("占总")
        || label.contains("占全")
        || label.contains("比例")
        || label.contains("比重")
        || label.contains("分别占")
}

/// The words of a figure for matching a rate's name; the words after it are left out when they
/// name a rate themselves (`25件(败诉率32%)`), or the denominator would match as numerator.
fn text_of(f: &Fig) -> String {
    let after = f.after.split(['(', '（']).next().unwrap_or("");
    if after.contains('率') {
        f.before.clone()
    } else {
        format!("{}{}", f.before, after)
    }
}

/// Clips a sentence to about 160 characters around the byte offset `focus` (relative to the
/// sentence), so that the figures concerned are always in the excerpt.
pub fn excerpt(text: &str, focus: usize) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    if chars.len() <= 160 {
        return text.trim().to_string();
    }
    let at = chars.partition_point(|(b, _)| *b < focus);
    let start = at.saturating_sub(60);
    let end = (start + 160).min(chars.len());
    let start = end.saturating_sub(160);
    let mut s: String = chars[start..end].iter().map(|(_, c)| c).collect();
    if start > 0 {
        s.insert(0, '…');
    }
    if end < chars.len() {
        s.push('…');
    }
    s.trim().to_string()
}

fn fmt(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

fn pct(v: f64, decimals: u32) -> String {
    format!("{:.*}%", (decimals + 2) as usize, v)
}

fn check_rates(s: &Sentence, out: &mut Vec<Finding>, counts: &mut CheckCounts) {
    for (pi, p) in s.figs.iter().enumerate() {
        if !p.is_percent() || p.approx {
            continue;
        }
        let label = strip_connectives(&p.before);
        let label = label.trim_start_matches(['(', '（']).to_string();
        if is_growth(&label) {
            check_growth(s, pi, &label, out, counts);
        } else if share_label(p) {
            check_share(s, pi, out, counts);
        } else if let Some(rate_at) = label.rfind('率') {
            check_named_rate(s, pi, &label[..rate_at], out, counts);
        }
    }
}

/// Candidate denominators for a numerator: same unit, not smaller, anywhere in the sentence.
fn denominators<'a>(s: &'a Sentence, exclude: &[usize], unit: &str, at_least: f64) -> Vec<&'a Fig> {
    s.figs
        .iter()
        .enumerate()
        .filter(|(i, f)| {
            !exclude.contains(i) && is_count(f) && f.unit == unit && f.value >= at_least
        })
        .map(|(_, f)| f)
        .collect()
}

/// Reports a rate unless some reading agrees; `pairs` are (numerator, denominator) readings in
/// order of preference.
fn judge_rate(
    s: &Sentence,
    p: &Fig,
    label: &str,
    pairs: &[(f64, f64)],
    out: &mut Vec<Finding>,
    counts: &mut CheckCounts,
) {
    let pairs: Vec<(f64, f64)> = pairs.iter().copied().filter(|(_, d)| *d > 0.0).collect();
    if pairs.is_empty() {
        return;
    }
    counts.rates += 1;
    if pairs
        .iter()
        .any(|(n, d)| agrees(p.value, p.decimals, n / d * 100.0))
    {
        return;
    }
    let (n, d) = pairs[0];
    let computed = n / d * 100.0;
    out.push(Finding {
        kind: CheckKind::Rate,
        label: label.to_string(),
        stated: p.value,
        computed: round_to(computed, p.decimals + 2),
        start: s.start,
        excerpt: excerpt(&s.text, p.start - s.start),
        explanation: format!(
            "{label}：{} ÷ {} = {}，报告写 {}",
            fmt(n),
            fmt(d),
            pct(computed, p.decimals),
            p.text
        ),
    });
}

fn round_to(v: f64, decimals: u32) -> f64 {
    let m = 10f64.powi(decimals as i32);
    (v * m).round() / m
}

/// `占比` after a count: the count over the sentence's total.
fn check_share(s: &Sentence, pi: usize, out: &mut Vec<Finding>, counts: &mut CheckCounts) {
    let p = &s.figs[pi];
    let Some((ni, n)) = s.figs[..pi]
        .iter()
        .enumerate()
        .rev()
        .find(|(_, f)| !f.is_percent())
    else {
        return;
    };
    if !is_count(n) || n.segment != p.segment {
        return;
    }
    let label = format!("{}占比", short(&n.counts()));
    let pairs: Vec<(f64, f64)> = denominators(s, &[ni], &n.unit, n.value)
        .iter()
        .filter(|d| d.start < n.start)
        .map(|d| (n.value, d.value))
        .collect();
    judge_rate(s, p, &label, &pairs, out, counts);
}

fn short(text: &str) -> String {
    let count = text.chars().count();
    text.chars().skip(count.saturating_sub(10)).collect()
}

/// A rate named `X率`: the numerator is the figure whose words contain X.
fn check_named_rate(
    s: &Sentence,
    pi: usize,
    before_rate: &str,
    out: &mut Vec<Finding>,
    counts: &mut CheckCounts,
) {
    let p = &s.figs[pi];
    let name: Vec<char> = before_rate
        .chars()
        .rev()
        .take_while(|c| super::normalize::is_cjk(*c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if name.len() < 2 {
        return;
    }
    let rate_label = format!("{}率", name.iter().collect::<String>());
    let mut numerators: Vec<(Vec<usize>, f64)> = Vec::new();
    for len in (2..=name.len().min(4)).rev() {
        let stem: String = name[name.len() - len..].iter().collect();
        for (i, f) in s.figs.iter().enumerate() {
            if i != pi && is_count(f) && !f.in_parens && text_of(f).contains(&stem) {
                numerators.push((vec![i], f.value));
            }
        }
        if !numerators.is_empty() {
            break;
        }
    }
    if numerators.is_empty() && rate_label.ends_with("败诉率") {
        let losses: Vec<usize> = s
            .figs
            .iter()
            .enumerate()
            .filter(|(i, f)| {
                *i != pi
                    && is_count(f)
                    && LOSS_OUTCOMES
                        .iter()
                        .any(|w| strip_connectives(&f.before).starts_with(w))
            })
            .map(|(i, _)| i)
            .collect();
        if !losses.is_empty() {
            let sum = losses.iter().map(|&i| s.figs[i].value).sum();
            numerators.push((losses, sum));
        }
    }
    let mut pairs = Vec::new();
    for (used, n) in &numerators {
        let unit = &s.figs[used[0]].unit;
        if used.iter().any(|&i| s.figs[i].unit != *unit) {
            continue;
        }
        let mut ds = denominators(s, used, unit, *n);
        // Prefer the sentence's head figure, then the marked total.
        ds.sort_by_key(|d| (!is_marked_total(d), d.start));
        pairs.extend(ds.iter().map(|d| (*n, d.value)));
    }
    judge_rate(s, p, &rate_label, &pairs, out, counts);
}

fn is_growth(label: &str) -> bool {
    [
        "增长", "增加", "上升", "提高", "下降", "减少", "降低", "增幅", "降幅",
    ]
    .iter()
    .any(|w| label.ends_with(w) || label.contains(&format!("{w}了")))
        && !label.contains('率')
}

/// Year-on-year change: needs the previous value (上年/去年/同期/由…) or a net increase beside
/// the new total.
fn check_growth(
    s: &Sentence,
    pi: usize,
    label: &str,
    out: &mut Vec<Finding>,
    counts: &mut CheckCounts,
) {
    let p = &s.figs[pi];
    let falling = ["下降", "减少", "降低", "降幅"]
        .iter()
        .any(|w| label.contains(w));
    let mut pairs = Vec::new();
    for (i, f) in s.figs.iter().enumerate() {
        if i == pi || !is_count(f) {
            continue;
        }
        let words = strip_connectives(&f.before);
        let previous = ["上年", "去年", "同期", "上一年", "由", "从"]
            .iter()
            .any(|w| words.contains(w));
        let net = ["净增", "净减"].iter().any(|w| words.contains(w));
        for (j, g) in s.figs.iter().enumerate() {
            if j == i || j == pi || !is_count(g) || g.unit != f.unit {
                continue;
            }
            if previous && f.value > 0.0 {
                let change = if falling {
                    f.value - g.value
                } else {
                    g.value - f.value
                };
                pairs.push((change, f.value));
            } else if net && g.value > f.value {
                pairs.push((f.value, g.value - f.value));
            }
        }
    }
    judge_rate(s, p, label, &pairs, out, counts);
}

fn has_total_marker(text: &str) -> bool {
    if [
        "共计", "合计", "总计", "累计", "总数", "总量", "一共", "总共",
    ]
    .iter()
    .any(|m| text.contains(m))
    {
        return true;
    }
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        c == '共'
            && (i == 0 || chars[i - 1] != '公')
            && chars
                .get(i + 1)
                .is_none_or(|n| !"同享建治识性产青用".contains(*n))
    })
}

fn is_marked_total(f: &Fig) -> bool {
    has_total_marker(&f.before)
}

fn remove_parens(text: &str) -> String {
    let mut depth = 0;
    text.chars()
        .filter(|&c| {
            match c {
                '(' | '（' => depth += 1,
                ')' | '）' => {
                    depth -= 1;
                    return false;
                }
                _ => {}
            }
            depth <= 0
        })
        .collect()
}

/// Whether the words after a total open a list of its parts (`…件，其中`, `…措施中，`).
fn opens_parts(s: &Sentence, total: &Fig) -> bool {
    let clause = &s.clauses[total.clause];
    let Some(at) = clause.find(&total.text) else {
        return false;
    };
    let rest = remove_parens(&clause[at + total.text.len()..]);
    let rest = rest.trim();
    rest.ends_with('中')
        || rest.ends_with("其中")
        || rest.ends_with("分别为")
        || rest.ends_with("包括")
}

fn clause_opens_parts(clause: &str) -> bool {
    let c = clause.trim();
    c.starts_with("其中")
        || c.starts_with("分别为")
        || c.starts_with("分别是")
        || c.starts_with("包括")
}

fn check_sums(s: &Sentence, out: &mut Vec<Finding>, counts: &mut CheckCounts) {
    let mut used_totals = Vec::new();
    // Explicit groups: a total followed by 其中 / 中 / 分别为.
    for (ti, t) in s.figs.iter().enumerate() {
        if !is_count(t) || t.in_parens {
            continue;
        }
        let next_clause_opens = s
            .clauses
            .get(t.clause + 1)
            .is_some_and(|c| clause_opens_parts(c));
        if !(opens_parts(s, t) || next_clause_opens) {
            continue;
        }
        // The parts run to the end of the `；`-segment (or of the sentence for a list opened by
        // `其中：`), a new total, or a nested 其中.
        let list_form = s
            .clauses
            .get(t.clause + 1)
            .is_some_and(|c| matches!(c.trim(), "其中" | "分别为" | "包括"));
        let mut parts: Vec<&Fig> = Vec::new();
        let mut exhaustive = false;
        let mut clean = true;
        for (i, f) in s.figs.iter().enumerate().skip(ti + 1) {
            if f.clause == t.clause && !f.in_parens {
                clean = false;
                break;
            }
            if f.segment != t.segment && !list_form {
                break;
            }
            if f.in_parens || f.is_percent() || f.unit != t.unit {
                continue;
            }
            if f.approx {
                clean = false;
                break;
            }
            if i > ti + 1 && (is_marked_total(f) || clause_opens_parts(&s.clauses[f.clause])) {
                break;
            }
            if REMAINDER.iter().any(|w| s.clauses[f.clause].contains(w)) {
                exhaustive = true;
            }
            if s.clauses[f.clause].contains("分别为") {
                exhaustive = true;
            }
            parts.push(f);
            if opens_parts(s, f) {
                break;
            }
        }
        if !clean || parts.is_empty() {
            continue;
        }
        used_totals.push(ti);
        judge_sum(s, t, &parts, exhaustive, out, counts);
    }
    // Implicit groups: the head figure of a segment followed by an outcome list with a remainder
    // (`案件25件，撤销8件，…，未审结2件`).
    let segments = s.figs.iter().map(|f| f.segment).max().unwrap_or(0);
    for seg in 0..=segments {
        let figs: Vec<(usize, &Fig)> = s
            .figs
            .iter()
            .enumerate()
            .filter(|(_, f)| f.segment == seg && !f.in_parens && !f.is_percent())
            .collect();
        let Some(&(ti, t)) = figs.first() else {
            continue;
        };
        if used_totals.contains(&ti) || !is_count(t) {
            continue;
        }
        let parts: Vec<&Fig> = figs[1..].iter().map(|(_, f)| *f).collect();
        let same_unit = parts.iter().all(|f| f.unit == t.unit && is_count(f));
        let one_per_clause = parts
            .iter()
            .enumerate()
            .all(|(k, f)| f.clause > t.clause && (k == 0 || parts[k - 1].clause < f.clause));
        let remainder = parts.iter().any(|f| {
            REMAINDER
                .iter()
                .any(|w| strip_connectives(&f.before).starts_with(w))
        });
        if parts.len() >= 2 && same_unit && one_per_clause && remainder {
            judge_sum(s, t, &parts, true, out, counts);
        }
    }
}

/// Drops runs that itemise the part just before them (`二审2件，1件…，1件…`), so a sub-total and
/// its own items are not both added.
fn collapse_nested(parts: &[&Fig]) -> Vec<f64> {
    let values: Vec<f64> = parts.iter().map(|f| f.value).collect();
    let mut kept = Vec::new();
    let mut i = 0;
    while i < values.len() {
        kept.push(values[i]);
        let mut sum = 0.0;
        let mut skip_to = None;
        for (j, v) in values.iter().enumerate().skip(i + 1) {
            sum += v;
            if j >= i + 2 && (sum - values[i]).abs() < 1e-9 {
                skip_to = Some(j + 1);
                break;
            }
            if sum > values[i] {
                break;
            }
        }
        i = skip_to.unwrap_or(i + 1);
    }
    kept
}

fn judge_sum(
    s: &Sentence,
    total: &Fig,
    parts: &[&Fig],
    exhaustive: bool,
    out: &mut Vec<Finding>,
    counts: &mut CheckCounts,
) {
    let values = collapse_nested(parts);
    let sum: f64 = values.iter().sum();
    counts.sums += 1;
    let exceeds = sum > total.value + 1e-6;
    let short = exhaustive && sum < total.value - 1e-6;
    if !(exceeds || short) {
        return;
    }
    let label = short_label(&total.counts());
    let written: Vec<String> = values.iter().map(|v| fmt(*v)).collect();
    let why = if exceeds {
        "分项之和超过总数"
    } else {
        "分项已列全（含“其余/未结”等），但合计不等于总数"
    };
    out.push(Finding {
        kind: CheckKind::Sum,
        label: label.clone(),
        stated: total.value,
        computed: sum,
        start: s.start,
        excerpt: excerpt(&s.text, total.start - s.start),
        explanation: format!(
            "{label}：总数 {}，分项 {} = {}{}，{why}",
            total.text,
            written.join(" + "),
            fmt(sum),
            total.unit
        ),
    });
}

fn short_label(text: &str) -> String {
    let t = text.trim_matches(|c: char| !super::normalize::is_cjk(c));
    if t.is_empty() {
        "总数".to_string()
    } else {
        short(t)
    }
}

fn check_breakdown(s: &Sentence, out: &mut Vec<Finding>, counts: &mut CheckCounts) {
    let mut shares: Vec<&Fig> = Vec::new();
    let mut numerators: Vec<&Fig> = Vec::new();
    let mut listed = false;
    for (i, f) in s.figs.iter().enumerate() {
        if !f.is_percent() {
            continue;
        }
        let continues_list = strip_connectives(&f.before).is_empty()
            && shares.last().is_some_and(|l| l.clause + 1 == f.clause);
        if share_label(f) || continues_list {
            if f.approx {
                return;
            }
            if f.before.contains("分别") || continues_list {
                listed = true;
            }
            shares.push(f);
            if let Some(n) = s.figs[..i].iter().rev().find(|g| !g.is_percent()) {
                numerators.push(n);
            }
        }
    }
    if shares.len() < 2 {
        return;
    }
    let sum: f64 = shares.iter().map(|f| f.value).sum();
    let units: f64 = shares
        .iter()
        .map(|f| 10f64.powi(-(f.decimals as i32)))
        .sum();
    let numerator_sum: f64 = numerators.iter().map(|f| f.value).sum();
    let parts_complete = numerators.len() == shares.len()
        && numerators.iter().all(|f| is_count(f))
        && s.figs
            .iter()
            .any(|f| is_count(f) && (f.value - numerator_sum).abs() < 1e-9);
    let remainder = s
        .clauses
        .iter()
        .any(|c| REMAINDER.iter().any(|w| c.contains(w)));
    let exhaustive = parts_complete || remainder;
    counts.breakdowns += 1;
    let over = sum > 100.0 + 0.5 * units + 1e-9 && (shares.len() >= 3 || listed || exhaustive);
    let under = exhaustive && sum < 100.0 - units - 1e-9;
    if !(over || under) {
        return;
    }
    let written: Vec<&str> = shares.iter().map(|f| f.text.as_str()).collect();
    out.push(Finding {
        kind: CheckKind::Breakdown,
        label: "构成比例".to_string(),
        stated: 100.0,
        computed: round_to(sum, 4),
        start: s.start,
        excerpt: excerpt(&s.text, shares[0].start - s.start),
        explanation: format!(
            "各部分占比 {} 合计 {}%，应为 100%",
            written.join(" + "),
            fmt(round_to(sum, 4))
        ),
    });
}

#[cfg(test)]
mod tests {
    use super::super::figures::read_sentences;
    use super::*;

    fn kinds(text: &str) -> Vec<CheckKind> {
        check(&read_sentences(text))
            .0
            .iter()
            .map(|f| f.kind)
            .collect()
    }

    #[test]
    fn rounding_of_the_report_is_allowed() {
        assert!(agrees(97.19, 2, 2247.0 / 2312.0 * 100.0));
        assert!(agrees(41.0, 0, 15.0 / 37.0 * 100.0));
        assert!(agrees(40.0, 0, 15.0 / 37.0 * 100.0));
        assert!(!agrees(95.18, 2, 2247.0 / 2312.0 * 100.0));
    }

    #[test]
    fn named_rate() {
        assert!(kinds("受理工单2312件,办结2247件,办结率97.19%。").is_empty());
        assert_eq!(
            kinds("受理工单2312件,办结2247件,办结率95.18%。"),
            [CheckKind::Rate]
        );
    }

    #[test]
    fn loss_rate_uses_loss_outcomes() {
        let ok = "区政府行政应诉案件25件(败诉率32%),撤销8件,驳回诉讼请求1件,驳回起诉11件,撤诉3件,未审结2件。";
        assert!(kinds(ok).is_empty());
        let bad = ok.replace("32%", "12%");
        assert_eq!(kinds(&bad), [CheckKind::Rate]);
    }

    #[test]
    fn parts_short_under_qizhong_are_fine() {
        assert!(kinds("共清理规范性文件1482件,其中90件涉及民族方面问题,42件存在偏差。").is_empty());
        assert_eq!(
            kinds("共清理规范性文件100件,其中90件涉及民族方面问题,42件存在偏差。"),
            [CheckKind::Sum]
        );
        assert_eq!(
            kinds("受理行政复议案件5件,其中2件办结,2件正在办理中。"),
            [CheckKind::Sum]
        );
        assert!(kinds("受理行政复议案件4件,其中2件办结,2件正在办理中。").is_empty());
    }

    #[test]
    fn parallel_figures_after_gong_are_not_parts() {
        assert!(kinds("共清理出涉及行政处罚内容的规章60件,规范性文件254件。").is_empty());
        assert!(
            kinds("10项整改措施(盟市10项、厅局10项)中,5项已完成,5项已取得阶段性成果。").is_empty()
        );
    }

    #[test]
    fn breakdown_over_100() {
        assert_eq!(
            kinds("回访群众中,满意占85%,基本满意占12%,不满意占7%。"),
            [CheckKind::Breakdown]
        );
        assert!(kinds("回访群众中,满意占85%,基本满意占12%,不满意占3%。").is_empty());
    }

    #[test]
    fn growth_from_net_increase() {
        let ok = "全县市场主体总量达20984户,同比增长91.06%,净增市场主体达10001户。";
        assert!(kinds(ok).is_empty());
        assert_eq!(kinds(&ok.replace("91.06", "81.06")), [CheckKind::Rate]);
    }
}

//! Figures (数字) in a report: every quantity with its unit, what it counts and where it stands,
//! grouped by sentence and clause so that the checks can find the figures that belong together.
//!
//! A figure is a number followed by a unit (`2312件`, `3.68万件`, `97.18%`, `六百余名`). Numbers
//! without a unit (years, article numbers, resolutions such as `1366*768`) are not figures.
//! Numbers inside `《》` titles and `“”` quotations are slogans or names (`“两个维护”`), and
//! numbers touching mojibake (`?0个乡镇`) have lost digits, so neither is read.

use super::lang;
use super::normalize::is_cjk;

/// Units a count may carry, longest first so that `人次` wins over `人`.
const UNITS: &[&str] = &[
    "个百分点",
    "平方米",
    "人次",
    "场次",
    "批次",
    "户次",
    "件次",
    "条次",
    "小时",
    "公里",
    "件",
    "人",
    "次",
    "项",
    "个",
    "份",
    "场",
    "条",
    "名",
    "家",
    "户",
    "起",
    "例",
    "卷",
    "所",
    "部",
    "批",
    "期",
    "宗",
    "亩",
    "元",
    "篇",
    "套",
    "本",
    "处",
    "台",
    "辆",
    "支",
    "类",
    "张",
    "封",
    "位",
    "天",
    "倍",
];

/// One quantity read from the text.
#[derive(Debug, Clone)]
pub struct Fig {
    /// The value, with 万/亿 applied (`3.68万` → 36800).
    pub value: f64,
    /// The unit as written (`件`, `人次`, `%`, `元`).
    pub unit: String,
    /// Decimals as written, for the report's own rounding.
    pub decimals: u32,
    /// Written with 余/多/以上/左右/近/约: not exact, never used in a check.
    pub approx: bool,
    /// The figure as written (`3.68万件`).
    pub text: String,
    /// Byte offset of the figure in the cleaned text.
    pub start: usize,
    /// Index of the sentence the figure stands in.
    pub sentence: usize,
    /// Index of the clause within the sentence (clauses end at `，；：、`).
    pub clause: usize,
    /// Index of the `；`-segment within the sentence.
    pub segment: usize,
    /// Inside round brackets (an aside such as `(败诉率32%)` or `(盟市10项、厅局10项)`).
    pub in_parens: bool,
    /// Clause text before the figure (after the previous figure of the same clause).
    pub before: String,
    /// Clause text after the unit, up to the next figure or the end of the clause.
    pub after: String,
}

impl Fig {
    /// Whether the figure is a percentage.
    pub fn is_percent(&self) -> bool {
        self.unit == "%"
    }

    /// What the figure counts: the words before it, or after it when nothing precedes
    /// (`其中2件办结` → `办结`).
    pub fn counts(&self) -> String {
        let before = strip_connectives(&self.before);
        if before.chars().count() >= 2 {
            return tail_chars(&before, 16);
        }
        let after: String = self.after.chars().take(16).collect();
        let after = after.trim_matches(|c: char| c.is_whitespace() || c == ')' || c == '(');
        if after.is_empty() {
            before
        } else {
            after.to_string()
        }
    }
}

/// A sentence of the report with its figures.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// Byte offset of the sentence in the cleaned text.
    pub start: usize,
    /// The sentence text, without its final `。`.
    pub text: String,
    /// The clauses of the sentence, in order.
    pub clauses: Vec<String>,
    /// The figures of the sentence, in order.
    pub figs: Vec<Fig>,
}

/// Splits the cleaned text into sentences and reads the figures of each.
pub fn read_sentences(text: &str) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '!' | '！' | '\n') {
            push_sentence(text, start, i, &mut sentences);
            start = i + c.len_utf8();
        }
    }
    push_sentence(text, start, text.len(), &mut sentences);
    sentences
}

fn push_sentence(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let body = &text[start..end];
    if body.trim().is_empty() {
        return;
    }
    let index = out.len();
    let (clauses, figs) = read_figures(body, start, index);
    out.push(Sentence {
        start,
        text: body.to_string(),
        clauses,
        figs,
    });
}

fn is_clause_break(c: char) -> bool {
    matches!(c, ',' | '，' | ';' | '；' | ':' | '：' | '、')
}

fn is_segment_break(c: char) -> bool {
    matches!(c, ';' | '；')
}

/// Reads the figures of one sentence.
fn read_figures(body: &str, base: usize, sentence: usize) -> (Vec<String>, Vec<Fig>) {
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let mut clauses = Vec::new();
    let mut figs: Vec<Fig> = Vec::new();
    let mut clause = 0;
    let mut segment = 0;
    let mut clause_start = 0;
    // Byte offset where the current clause's unread text begins (after the last figure).
    let mut free_from = 0;
    let mut paren = 0i32;
    let mut quote = 0i32;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        match c {
            '(' | '（' | '[' | '【' => paren += 1,
            ')' | '）' | ']' | '】' => paren = (paren - 1).max(0),
            '“' | '《' | '「' | '‘' => quote += 1,
            '”' | '》' | '」' | '’' => quote = (quote - 1).max(0),
            _ => {}
        }
        if is_clause_break(c) && paren == 0 {
            clauses.push(body[clause_start..at].to_string());
            if let Some(last) = figs.last_mut().filter(|f| f.clause == clause) {
                last.after = after_text(body, last, base, at);
            }
            clause += 1;
            if is_segment_break(c) {
                segment += 1;
            }
            clause_start = at + c.len_utf8();
            free_from = clause_start;
            i += 1;
            continue;
        }
        let starts_number = c.is_ascii_digit()
            || (lang::is_chinese_numeral_char(c) && !matches!(c, '百' | '千' | '万' | '亿'));
        if !starts_number {
            i += 1;
            continue;
        }
        match scan_number(&chars, i, body) {
            Some(scan) => {
                let usable = quote == 0 && !scan.unit.is_empty();
                if usable {
                    let before_start = free_from.max(clause_start);
                    if let Some(last) = figs.last_mut().filter(|f| f.clause == clause) {
                        last.after = body[last_end(last, base)..at].to_string();
                    }
                    figs.push(Fig {
                        value: scan.value,
                        unit: scan.unit.to_string(),
                        decimals: scan.decimals,
                        approx: scan.approx,
                        text: body[at..scan.end_byte].to_string(),
                        start: base + at,
                        sentence,
                        clause,
                        segment,
                        in_parens: paren > 0,
                        before: body[before_start..at].to_string(),
                        after: String::new(),
                    });
                    free_from = scan.end_byte;
                }
                i = scan.next;
            }
            None => {
                // Skip the rest of this run of digits so "IE10.0" is not read as "0".
                while i < chars.len()
                    && (chars[i].1.is_ascii_digit()
                        || chars[i].1 == '.'
                        || lang::is_chinese_numeral_char(chars[i].1))
                {
                    i += 1;
                }
            }
        }
    }
    clauses.push(body[clause_start..].to_string());
    if let Some(last) = figs.last_mut().filter(|f| f.clause == clause) {
        last.after = after_text(body, last, base, body.len());
    }
    (clauses, figs)
}

fn last_end(fig: &Fig, base: usize) -> usize {
    fig.start - base + fig.text.len()
}

fn after_text(body: &str, fig: &Fig, base: usize, until: usize) -> String {
    let from = last_end(fig, base);
    if from <= until {
        body[from..until].to_string()
    } else {
        String::new()
    }
}

/// A number as scanned, with its unit.
struct Scan {
    value: f64,
    decimals: u32,
    unit: &'static str,
    approx: bool,
    end_byte: usize,
    next: usize,
}

/// Scans a number starting at `chars[i]`, with multiplier, approximation marks and unit.
fn scan_number(chars: &[(usize, char)], i: usize, body: &str) -> Option<Scan> {
    let prev = i.checked_sub(1).map(|p| chars[p].1);
    if let Some(p) = prev {
        // Ordinals, versions, dates and lost digits are not quantities.
        if p.is_ascii_alphabetic()
            || matches!(
                p,
                '第' | '.' | '-' | '—' | '·' | '/' | '*' | '?' | '\u{FFFD}' | '每' | '~' | '_'
            )
            || p.is_ascii_digit()
        {
            return None;
        }
    }
    let mut j = i;
    let mut value;
    let mut decimals = 0;
    let chinese = !chars[i].1.is_ascii_digit();
    if chinese {
        while j < chars.len() && lang::is_chinese_numeral_char(chars[j].1) {
            j += 1;
        }
        let run: String = chars[i..j].iter().map(|(_, c)| c).collect();
        // Longest prefix of the run that parses, so "十二万" keeps its 万 as part of the number.
        value = lang::parse_chinese_integer(&run)? as f64;
        if value < 2.0 {
            // "一" is mostly idiom (一口受理, 一站式, 一把手); a single item is not worth the risk.
            return None;
        }
        if chars.get(j).is_some_and(|(_, c)| *c == '是') {
            return None;
        }
    } else {
        let mut digits = String::new();
        while j < chars.len() {
            let c = chars[j].1;
            if c.is_ascii_digit() {
                digits.push(c);
                j += 1;
            } else if c == ','
                && chars.get(j + 4).is_none_or(|(_, d)| !d.is_ascii_digit())
                && chars[j + 1..]
                    .iter()
                    .take(3)
                    .filter(|(_, d)| d.is_ascii_digit())
                    .count()
                    == 3
                && !digits.contains('.')
            {
                // Thousands separator: exactly three digits follow.
                j += 1;
            } else if c == '.'
                && !digits.contains('.')
                && chars.get(j + 1).is_some_and(|(_, d)| d.is_ascii_digit())
            {
                digits.push('.');
                j += 1;
            } else {
                break;
            }
        }
        if chars
            .get(j)
            .is_some_and(|(_, c)| *c == '.' || c.is_ascii_alphabetic())
        {
            return None;
        }
        decimals = digits.split_once('.').map_or(0, |(_, d)| d.len() as u32);
        value = digits.parse::<f64>().ok()?;
    }
    let mut approx = false;
    if i >= 1 && matches!(chars[i - 1].1, '近' | '约') {
        approx = true;
    }
    if i >= 2 && chars[i - 2].1 == '超' && chars[i - 1].1 == '过' {
        approx = true;
    }
    // Percentages take no multiplier.
    if !chinese && chars.get(j).is_some_and(|(_, c)| *c == '%') {
        let end = j + 1;
        let (approx_after, next) = approx_suffix(chars, end);
        return Some(Scan {
            value,
            decimals,
            unit: "%",
            approx: approx || approx_after,
            end_byte: byte_at(chars, end, body),
            next,
        });
    }
    if !chinese {
        match chars.get(j).map(|(_, c)| *c) {
            Some('万') => {
                value *= 10_000.0;
                j += 1;
            }
            Some('亿') => {
                value *= 100_000_000.0;
                j += 1;
            }
            _ => {}
        }
        if chars.get(j).is_some_and(|(_, c)| *c == '万') {
            // 万亿
            value *= 10_000.0;
            j += 1;
        }
        // 3.68万 is 36800 exactly; undo binary noise from the multiplication.
        if (value - value.round()).abs() < 1e-6 {
            value = value.round();
        }
    }
    if chars
        .get(j)
        .is_some_and(|(_, c)| matches!(c, '余' | '多' | '来'))
    {
        approx = true;
        j += 1;
    }
    let rest: String = chars[j..].iter().take(4).map(|(_, c)| c).collect();
    let unit = UNITS.iter().find(|u| rest.starts_with(**u)).copied()?;
    let after_unit = j + unit.chars().count();
    // 一次性, 两次性: adjectives, not counts.
    if chars.get(after_unit).is_some_and(|(_, c)| *c == '性') {
        return None;
    }
    let (approx_after, next) = approx_suffix(chars, after_unit);
    Some(Scan {
        value,
        decimals,
        unit,
        approx: approx || approx_after,
        end_byte: byte_at(chars, after_unit, body),
        next,
    })
}

/// `以上`, `左右`, `以内`, `余` after a unit make the figure a bound or an estimate.
fn approx_suffix(chars: &[(usize, char)], at: usize) -> (bool, usize) {
    let two: String = chars[at..].iter().take(2).map(|(_, c)| c).collect();
    if matches!(two.as_str(), "以上" | "左右" | "以内" | "以下" | "上下") {
        (true, at + 2)
    } else if chars.get(at).is_some_and(|(_, c)| *c == '余') {
        (true, at + 1)
    } else {
        (false, at)
    }
}

fn byte_at(chars: &[(usize, char)], index: usize, body: &str) -> usize {
    chars.get(index).map_or(body.len(), |(b, _)| *b)
}

/// Drops connectives that say nothing about what is counted.
pub fn strip_connectives(text: &str) -> String {
    let mut s = text
        .trim()
        .trim_start_matches([')', '）', '(', '（', '、', ',', '，', ';', '；', ':', '：'])
        .trim();
    loop {
        let before = s;
        for p in [
            "其中",
            "共计",
            "合计",
            "总计",
            "累计",
            "全年共",
            "全年",
            "今年以来",
            "今年",
            "共",
            "并",
            "分别",
            "已",
            "均",
        ] {
            s = s.trim_start_matches(p);
        }
        for p in [
            "达到", "达", "为", "有", "了", "约", "近", "超过", "共计", "共", "累计",
        ] {
            s = s.trim_end_matches(p);
        }
        if s == before {
            break;
        }
    }
    s.trim().to_string()
}

fn tail_chars(text: &str, n: usize) -> String {
    let count = text.chars().count();
    text.chars().skip(count.saturating_sub(n)).collect()
}

/// Whether a text has any CJK character (a label worth showing).
pub fn has_cjk(text: &str) -> bool {
    text.chars().any(is_cjk)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figs(text: &str) -> Vec<(f64, String, String)> {
        read_sentences(text)
            .into_iter()
            .flat_map(|s| s.figs)
            .map(|f| (f.value, f.unit.clone(), f.counts()))
            .collect()
    }

    #[test]
    fn reads_counts_rates_and_multipliers() {
        let f = figs("受理工单2312件,办结率97.18%,调解成功5602件,共收集数据172.7万条。");
        assert_eq!(f[0], (2312.0, "件".into(), "受理工单".into()));
        assert_eq!(f[1], (97.18, "%".into(), "办结率".into()));
        assert_eq!(f[2], (5602.0, "件".into(), "调解成功".into()));
        assert_eq!(f[3], (1_727_000.0, "条".into(), "收集数据".into()));
    }

    #[test]
    fn skips_years_titles_quotes_and_mojibake() {
        let f = figs("2019年,《纲要(2021-2025年)》“4·15”目前?0个乡镇,第3批,IE10.0。");
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn label_after_when_nothing_before() {
        let f = figs("受理行政复议案件4件,其中2件办结,2件正在办理中。");
        assert_eq!(f[1].2, "办结");
        assert_eq!(f[2].2, "正在办理中");
    }

    #[test]
    fn thousands_separator_and_approx() {
        let s = read_sentences("受理1,234件,培训2100余人次,即办率80%以上。");
        let f = &s[0].figs;
        assert_eq!(f[0].value, 1234.0);
        assert!(f[1].approx && f[1].unit == "人次");
        assert!(f[2].approx);
    }
}

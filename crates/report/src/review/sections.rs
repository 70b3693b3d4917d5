//! The structure of an annual report compared with the five items of the 督察工作规定
//! (STATUTES.md §13.1), and the report's dates compared with the 1 April publication deadline
//! (§13.3).
//!
//! Real reports phrase their headings very differently ("工作回顾", "建设情况", "主要举措和成效";
//! shortcomings often share a heading with next year's plan, or sit in an unheaded paragraph
//! "还存在一定差距"), so an item is found by its heading first and by a paragraph second.

use serde::Serialize;

/// One of the five items an annual report must contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionItem {
    /// 上一年度推进法治政府建设的主要举措和成效.
    MeasuresAndResults,
    /// 存在的不足和原因.
    ShortcomingsAndCauses,
    /// 党政主要负责人履行推进法治建设第一责任人职责情况.
    FirstResponsibility,
    /// 下一年度推进法治政府建设的主要安排.
    NextYearPlan,
    /// 其他需要报告的情况.
    Other,
}

impl SectionItem {
    /// The five items in the order of the 督察工作规定.
    pub const ALL: [SectionItem; 5] = [
        SectionItem::MeasuresAndResults,
        SectionItem::ShortcomingsAndCauses,
        SectionItem::FirstResponsibility,
        SectionItem::NextYearPlan,
        SectionItem::Other,
    ];

    /// The item's name as the 督察工作规定 words it.
    pub fn name_zh(self) -> &'static str {
        match self {
            SectionItem::MeasuresAndResults => "主要举措和成效",
            SectionItem::ShortcomingsAndCauses => "存在的不足和原因",
            SectionItem::FirstResponsibility => "党政主要负责人履行推进法治建设第一责任人职责情况",
            SectionItem::NextYearPlan => "下一年度主要安排",
            SectionItem::Other => "其他需要报告的情况",
        }
    }
}

/// Where an item was found.
#[derive(Debug, Clone, Serialize)]
pub struct SectionHit {
    /// The item.
    pub item: SectionItem,
    /// Its Chinese name.
    pub name: &'static str,
    /// The heading text, or the opening words of the paragraph that covers the item.
    pub heading: String,
    /// Line number (1-based) in the cleaned text; for plain text, the line of the file.
    pub line: usize,
    /// Character offset in the cleaned text.
    pub offset: usize,
    /// `true` when found by a heading, `false` when by the words of a paragraph.
    pub by_heading: bool,
}

/// An item the report lacks.
#[derive(Debug, Clone, Serialize)]
pub struct MissingSection {
    /// The item.
    pub item: SectionItem,
    /// Its Chinese name.
    pub name: &'static str,
}

/// The report's structure against the five items.
#[derive(Debug, Clone, Serialize)]
pub struct Sections {
    /// Items found, in the order of the 督察工作规定.
    pub present: Vec<SectionHit>,
    /// Items not found.
    pub missing: Vec<MissingSection>,
}

/// A calendar date as written in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day, 1–31.
    pub day: u32,
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The report year and the dates that matter for the 1 April deadline.
#[derive(Debug, Clone, Serialize)]
pub struct Dates {
    /// The year the report covers.
    pub report_year: Option<i32>,
    /// Publication date from the page's metadata (发布时间), if the file is a saved web page.
    pub published: Option<Date>,
    /// The date under the signature at the end of the report.
    pub signed: Option<Date>,
    /// Publication must come before this date: 1 April of the year after the report year.
    pub deadline: Option<Date>,
    /// Whether the deadline was met: `None` when no date tells.
    pub on_time: Option<bool>,
}

/// A line of the cleaned text with its position.
struct Line<'a> {
    index: usize,
    offset: usize,
    text: &'a str,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for (index, line) in text.split('\n').enumerate() {
        out.push(Line {
            index,
            offset,
            text: line,
        });
        offset += line.chars().count() + 1;
    }
    out
}

const CN_DIGITS: &str = "一二三四五六七八九十";

/// The heading level of a line and its heading text: 1 for `一、`, `第一部分`; 2 for `(一)`.
fn heading(line: &str) -> Option<(u8, String)> {
    let t = line.trim();
    let head: String = t.split('。').next().unwrap_or("").to_string();
    if head.chars().count() > 60 {
        return None;
    }
    let digits = t.chars().take_while(|c| CN_DIGITS.contains(*c)).count();
    if (1..=3).contains(&digits) && t.chars().nth(digits) == Some('、') {
        return Some((1, head));
    }
    if t.starts_with('第') && t.contains("部分") && t.find("部分").is_some_and(|at| at <= 12) {
        return Some((1, head));
    }
    if let Some(rest) = t.strip_prefix(['(', '（']) {
        let digits = rest.chars().take_while(|c| CN_DIGITS.contains(*c)).count();
        if (1..=3).contains(&digits)
            && rest
                .chars()
                .nth(digits)
                .is_some_and(|c| c == ')' || c == '）')
        {
            return Some((2, head));
        }
    }
    None
}

fn classify(heading: &str, year: Option<i32>) -> Vec<SectionItem> {
    let mut items = Vec::new();
    let has = |words: &[&str]| words.iter().any(|w| heading.contains(w));
    if has(&[
        "不足",
        "存在的问题",
        "存在问题",
        "问题和",
        "问题及",
        "差距",
        "短板",
        "薄弱",
        "困难和问题",
    ]) {
        items.push(SectionItem::ShortcomingsAndCauses);
    }
    let next_year = year.is_some_and(|y| heading.contains(&format!("{}年", y + 1)));
    if has(&[
        "安排",
        "计划",
        "打算",
        "思路",
        "下一步",
        "下一年",
        "展望",
        "努力方向",
        "工作重点",
        "工作设想",
    ]) || (next_year && has(&["工作", "将"]))
    {
        items.push(SectionItem::NextYearPlan);
    }
    if has(&["第一责任人", "主要负责人履行"]) {
        items.push(SectionItem::FirstResponsibility);
    }
    if has(&["其他", "需要报告"]) {
        items.push(SectionItem::Other);
    }
    if items.is_empty()
        && has(&[
            "举措",
            "成效",
            "回顾",
            "主要工作",
            "工作情况",
            "建设情况",
            "开展情况",
            "进展",
            "做法",
            "成绩",
            "推进情况",
            "完成情况",
            "落实情况",
        ])
    {
        items.push(SectionItem::MeasuresAndResults);
    }
    items
}

/// Finds the five items in the cleaned text.
pub fn find_sections(text: &str, year: Option<i32>) -> Sections {
    let lines = lines(text);
    let mut hits: Vec<SectionHit> = Vec::new();
    let found = |item: SectionItem,
                 heading: &str,
                 line: &Line<'_>,
                 by_heading: bool,
                 hits: &mut Vec<SectionHit>| {
        if !hits.iter().any(|h| h.item == item) {
            hits.push(SectionHit {
                item,
                name: item.name_zh(),
                heading: heading.chars().take(60).collect(),
                line: line.index + 1,
                offset: line.offset
                    + (line.text.chars().count() - line.text.trim_start().chars().count()),
                by_heading,
            });
        }
    };
    // Headings.
    let mut later_item_seen = false;
    for line in &lines {
        let Some((level, head)) = heading(line.text) else {
            continue;
        };
        let items = classify(&head, year);
        for &item in &items {
            found(item, &head, line, true, &mut hits);
        }
        if items.iter().any(|i| *i != SectionItem::MeasuresAndResults) {
            later_item_seen = true;
        }
        if level == 1 && items.is_empty() {
            // A topical top-level heading: the measures when they have no heading of their own
            // yet, otherwise an extra matter reported ("我县履行法院生效裁判情况").
            let measures_found = hits
                .iter()
                .any(|h| h.item == SectionItem::MeasuresAndResults);
            let item = if measures_found || later_item_seen {
                SectionItem::Other
            } else {
                SectionItem::MeasuresAndResults
            };
            found(item, &head, line, true, &mut hits);
        }
    }
    // Paragraphs, for items without a heading.
    for line in &lines {
        let t = line.text.trim();
        if t.is_empty() {
            continue;
        }
        for sentence in t.split('。') {
            let opening = || -> String { sentence.chars().take(40).collect() };
            if sentence.contains("第一责任人") {
                found(
                    SectionItem::FirstResponsibility,
                    &opening(),
                    line,
                    false,
                    &mut hits,
                );
            }
            if states_shortcomings(sentence) {
                found(
                    SectionItem::ShortcomingsAndCauses,
                    &opening(),
                    line,
                    false,
                    &mut hits,
                );
            }
            let plan_year = year.is_some_and(|y| {
                sentence.starts_with(&format!("{}年", y + 1))
                    && sentence.chars().take(40).collect::<String>().contains('将')
            });
            if plan_year || sentence.starts_with("下一步") || sentence.starts_with("下一年度")
            {
                found(
                    SectionItem::NextYearPlan,
                    &opening(),
                    line,
                    false,
                    &mut hits,
                );
            }
        }
    }
    hits.sort_by_key(|h| SectionItem::ALL.iter().position(|i| *i == h.item));
    let missing = SectionItem::ALL
        .iter()
        .filter(|item| !hits.iter().any(|h| h.item == **item))
        .map(|&item| MissingSection {
            item,
            name: item.name_zh(),
        })
        .collect();
    Sections {
        present: hits,
        missing,
    }
}

/// An unheaded paragraph admitting shortcomings ("还存在一定差距", "存在的不足").
fn states_shortcomings(sentence: &str) -> bool {
    if [
        "不足之处",
        "存在的不足",
        "存在的问题和不足",
        "差距和不足",
        "问题和不足",
    ]
    .iter()
    .any(|w| sentence.contains(w))
    {
        return true;
    }
    for lead in [
        "还存在",
        "仍存在",
        "仍然存在",
        "依然存在",
        "也存在",
        "但存在",
    ] {
        if let Some(at) = sentence.find(lead) {
            let window: String = sentence[at..].chars().take(20).collect();
            if ["差距", "不足", "问题", "短板", "薄弱"]
                .iter()
                .any(|w| window.contains(w))
            {
                return true;
            }
        }
    }
    false
}

/// Reads `YYYY-MM-DD`, `YYYY年M月D日` or `YYYY年M月D` at the start of `text`.
fn parse_date(text: &str) -> Option<(Date, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut nums = Vec::new();
    for _ in 0..3 {
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i == start || i - start > 4 {
            break;
        }
        nums.push(
            chars[start..i]
                .iter()
                .collect::<String>()
                .parse::<u32>()
                .ok()?,
        );
        match chars.get(i) {
            Some('-' | '年' | '月' | '/' | '.') => i += 1,
            Some('日') => {
                i += 1;
                break;
            }
            _ => break,
        }
    }
    if nums.len() != 3 || !(1990..=2100).contains(&nums[0]) {
        return None;
    }
    let date = Date {
        year: nums[0] as i32,
        month: nums[1],
        day: nums[2],
    };
    ((1..=12).contains(&date.month) && (1..=31).contains(&date.day)).then_some((date, i))
}

fn find_date_in(text: &str) -> Option<Date> {
    text.char_indices()
        .filter(|(_, c)| c.is_ascii_digit())
        .find_map(|(at, _)| parse_date(&text[at..]).map(|(d, _)| d))
}

/// The report year: the year named with 法治政府建设 near the top, else the year written most
/// often in the opening.
pub fn report_year(text: &str) -> Option<i32> {
    let opening: String = text.chars().take(1500).collect();
    let mut counts: Vec<(i32, usize)> = Vec::new();
    let chars: Vec<char> = opening.chars().collect();
    for i in 0..chars.len().saturating_sub(4) {
        let is_year = chars[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && (i == 0 || !chars[i - 1].is_ascii_digit())
            && chars[i + 4] == '年';
        if !is_year {
            continue;
        }
        let year: i32 = chars[i..i + 4].iter().collect::<String>().parse().ok()?;
        if !(1990..=2100).contains(&year) {
            continue;
        }
        let after: String = chars[i + 5..].iter().take(8).collect();
        let after = after.trim_start_matches('度');
        if after.starts_with("法治政府建设") || after.starts_with("推进法治政府") {
            return Some(year);
        }
        // A range such as 2021—2025年 names a plan, not the report year.
        if i >= 1 && matches!(chars[i - 1], '—' | '-' | '–' | '至') {
            continue;
        }
        match counts.iter_mut().find(|(y, _)| *y == year) {
            Some((_, n)) => *n += 1,
            None => counts.push((year, 1)),
        }
    }
    counts
        .iter()
        .max_by_key(|(y, n)| (*n, -*y))
        .map(|(y, _)| *y)
}

/// Reads the dates of the report: publication from page metadata, signature from the last lines.
pub fn find_dates(text: &str, boilerplate: &[(usize, String)], year: Option<i32>) -> Dates {
    let published = boilerplate
        .iter()
        .filter(|(_, l)| l.contains("时间") || l.contains("日期"))
        .find_map(|(_, l)| find_date_in(l));
    let signed = text
        .lines()
        .rev()
        .filter(|l| !l.trim().is_empty())
        .take(8)
        .find_map(|l| {
            let t = l.trim();
            parse_date(t)
                .filter(|(_, used)| *used + 1 >= t.chars().count())
                .map(|(d, _)| d)
        });
    let deadline = year.map(|y| Date {
        year: y + 1,
        month: 4,
        day: 1,
    });
    let on_time = match (deadline, published, signed) {
        (Some(dl), Some(p), _) => Some(p < dl),
        (Some(dl), None, Some(s)) if s >= dl => Some(false),
        _ => None,
    };
    Dates {
        report_year: year,
        published,
        signed,
        deadline,
        on_time,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_classified() {
        let text = "标题\n一、推进法治政府建设的主要举措和成效\n正文。\n二、我县履行法院生效裁判情况\n三、存在的不足和下一步工作计划\n";
        let s = find_sections(text, Some(2023));
        let items: Vec<SectionItem> = s.present.iter().map(|h| h.item).collect();
        assert_eq!(
            items,
            [
                SectionItem::MeasuresAndResults,
                SectionItem::ShortcomingsAndCauses,
                SectionItem::NextYearPlan,
                SectionItem::Other
            ]
        );
        assert_eq!(s.missing.len(), 1);
        assert_eq!(s.present[0].line, 2);
    }

    #[test]
    fn dates_and_deadline() {
        assert_eq!(report_year("关于2021年法治政府建设情况报告"), Some(2021));
        let d = find_dates(
            "正文\n2024年1月19日\n",
            &[(0, "发布时间: 2024-04-02 10:00".into())],
            Some(2023),
        );
        assert_eq!(d.signed.map(|d| d.to_string()), Some("2024-01-19".into()));
        assert_eq!(d.on_time, Some(false));
    }
}

//! Parser for normative documents as people write them: a cover notice (通知) with a
//! document number, then a body numbered with 第X条 articles, with 一、（一）1. outline
//! numbering, or not numbered at all; simplified or traditional script.
//!
//! The result is a flat list of [`Clause`]s, one per 款 (articles) or per numbered line
//! (outline), each with the article or item number and a location a reviewer can quote.

use serde::Serialize;

use crate::law::ArticleBuilder;
use crate::model::{ArticleNumber, Issue};
use crate::numerals;
use crate::script;
use crate::text::{
    article_head, clean_line, division_head, item_head, outline_head, sub_item_head,
};

/// How the body of a document is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Numbering {
    /// 第一条, 第二条 …
    Articles,
    /// 一、（一）1.
    Outline,
    /// No recognisable numbering: one clause per paragraph.
    Plain,
}

/// Script the document was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Script {
    /// Simplified characters.
    Simplified,
    /// Mostly traditional characters; the document was converted before review.
    Traditional,
}

/// One reviewable piece of a document: a 款 with its 项, or one outline line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clause {
    /// Stable id, e.g. `art_7__para_2` or `point_2__point_3`.
    pub id: String,
    /// The article number (articles) or top-level item number (outline).
    pub article: Option<u32>,
    /// Where it is, in Chinese: `第七条第二款`, `二、（三）`, `第3段`.
    pub location: String,
    /// Its text (items joined by newlines).
    pub text: String,
    /// 1-based line of its first line in the (converted) text.
    pub line: usize,
}

/// A parsed normative document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    /// Title of the body (e.g. `XX市餐饮服务油烟污染防治管理办法`).
    pub title: String,
    /// Document number (文号) as written, e.g. `X政规〔2024〕3号`.
    pub number: Option<String>,
    /// Date written on the document (成文日期), as written.
    pub date: Option<String>,
    /// Script of the original.
    pub script: Script,
    /// Numbering of the body.
    pub numbering: Numbering,
    /// Lines of the cover notice before the body title.
    pub notice: Vec<String>,
    /// Reviewable clauses of the body.
    pub clauses: Vec<Clause>,
    /// Lines after the body (signature, 抄送, 印发).
    pub trailer: Vec<String>,
    /// The whole text after script conversion, for document-wide checks.
    pub text: String,
    /// Number of characters of the original.
    pub chars: usize,
}

/// Whether a line ends the body (signature block and distribution list).
fn is_trailer_line(line: &str) -> bool {
    line.starts_with("抄送")
        || line.starts_with("附件")
        || line.starts_with("公开方式")
        || line.ends_with("印发")
        || (line.chars().count() <= 25 && is_date_line(line))
}

/// Whether a line is a date such as `2024年3月1日` or `二〇二四年三月一日`.
fn is_date_line(line: &str) -> bool {
    let Some(year_end) = line.find('年') else {
        return false;
    };
    let year = line[..year_end]
        .trim_start_matches(|c: char| !numerals::is_numeral_char(c))
        .trim();
    let tail = &line[year_end..];
    year.chars().count() == 4
        && numerals::parse(year).is_some()
        && tail.contains('月')
        && tail.trim_end().ends_with('日')
}

/// Finds a document number (文号) on a short line: issuer abbreviation, year in brackets,
/// sequence number, 号. Returns the text as written, whatever brackets it uses.
pub fn find_doc_number(line: &str) -> Option<String> {
    let line = line.trim();
    if !line.ends_with('号') || line.chars().count() > 40 {
        return None;
    }
    // A 4-digit year somewhere before 号.
    let chars: Vec<char> = line.chars().collect();
    let has_year = chars
        .windows(4)
        .any(|w| w.iter().all(|c| c.is_ascii_digit()));
    if !has_year || line.contains(['。', '，', '《']) {
        return None;
    }
    // Take the last white-space separated token: the number often shares a line with
    // the issuer's name or a 签发人 field.
    let token = line.split_whitespace().last().unwrap_or(line);
    Some(token.to_string())
}

/// Whether a document number has the standard form `X〔2024〕3号` (GB/T 9704: year in
/// 六角括号 〔〕, sequence number without leading zeros and without 第).
pub fn doc_number_well_formed(number: &str) -> bool {
    let Some((prefix, rest)) = number.split_once('〔') else {
        return false;
    };
    let Some((year, seq)) = rest.split_once('〕') else {
        return false;
    };
    let Some(seq) = seq.strip_suffix('号') else {
        return false;
    };
    !prefix.is_empty()
        && !prefix.chars().any(|c| c.is_ascii_digit())
        && year.len() == 4
        && year.chars().all(|c| c.is_ascii_digit())
        && !seq.is_empty()
        && seq.chars().all(|c| c.is_ascii_digit())
        && !seq.starts_with('0')
}

/// Parses a normative document. Never panics; unclear structure becomes issues.
pub fn parse_document(input: &str) -> (Document, Vec<Issue>) {
    let mut issues = Vec::new();
    let traditional = script::is_mostly_traditional(input);
    let text = if traditional {
        issues.push(Issue::new(
            0,
            "traditional_script",
            "文本主要为繁体字，已转换为简体后审查",
        ));
        script::to_simplified(input)
    } else {
        input.to_string()
    };
    let lines: Vec<(usize, String)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, clean_line(l)))
        .filter(|(_, l)| !l.is_empty())
        .collect();

    let article_lines = lines
        .iter()
        .filter(|(_, l)| article_head(l, false).is_some())
        .count();
    let outline_lines = lines
        .iter()
        .filter(|(_, l)| outline_head(l).is_some())
        .count();
    let numbering = if article_lines >= 2 {
        Numbering::Articles
    } else if outline_lines >= 2 {
        Numbering::Outline
    } else {
        Numbering::Plain
    };
    // The body starts at the first article (or outline head / chapter heading).
    let body_start = lines
        .iter()
        .position(|(_, l)| match numbering {
            Numbering::Articles => {
                article_head(l, false).is_some() || division_head(l).is_some_and(|d| d.1 == 1)
            }
            Numbering::Outline => outline_head(l).is_some(),
            Numbering::Plain => false,
        })
        .unwrap_or(0);
    let (title, title_index) = find_title(&lines, body_start);
    let notice: Vec<String> = lines[..title_index.unwrap_or(0)]
        .iter()
        .map(|(_, l)| l.clone())
        .collect();
    let number = lines
        .iter()
        .take(body_start.max(12))
        .find_map(|(_, l)| find_doc_number(l));
    let date = lines
        .iter()
        .map(|(_, l)| l)
        .find(|l| l.chars().count() <= 25 && is_date_line(l))
        .cloned();

    let body = &lines[body_start.min(lines.len())..];
    let (clauses, trailer) = match numbering {
        Numbering::Articles => article_clauses(body, &mut issues),
        Numbering::Outline => outline_clauses(body, &mut issues),
        Numbering::Plain => plain_clauses(body, title_index),
    };
    if clauses.is_empty() {
        issues.push(Issue::new(0, "no_clauses", "未识别出可审查的条款"));
    }
    check_brackets(&lines, &mut issues);
    let document = Document {
        title,
        number,
        date,
        script: if traditional {
            Script::Traditional
        } else {
            Script::Simplified
        },
        numbering,
        notice,
        clauses,
        trailer,
        chars: input.chars().count(),
        text,
    };
    (document, issues)
}

/// The body title: the last title-like line before the body; else the first line.
fn find_title(lines: &[(usize, String)], body_start: usize) -> (String, Option<usize>) {
    let title_like = |l: &str| {
        let n = l.chars().count();
        (4..=80).contains(&n)
            && !l.ends_with(['。', '；', '：', ':', ';', '，'])
            && find_doc_number(l).is_none()
            && !is_date_line(l)
            && division_head(l).is_none()
    };
    for i in (0..body_start.min(lines.len())).rev() {
        if title_like(&lines[i].1) {
            return (lines[i].1.trim_matches('#').trim().to_string(), Some(i));
        }
    }
    match lines.first() {
        Some((_, l)) if body_start == 0 && title_like(l) => (l.clone(), Some(0)),
        _ => (String::new(), None),
    }
}

/// Clauses of an article-numbered body: one per 款.
fn article_clauses(
    body: &[(usize, String)],
    issues: &mut Vec<Issue>,
) -> (Vec<Clause>, Vec<String>) {
    let mut builder = ArticleBuilder::default();
    let mut trailer = Vec::new();
    let mut lines_of: Vec<usize> = Vec::new();
    for (line_no, line) in body {
        if !trailer.is_empty() || (!builder.articles.is_empty() && is_trailer_line(line)) {
            trailer.push(line.clone());
            continue;
        }
        if let Some(head) = article_head(line, false) {
            builder.start(
                ArticleNumber {
                    number: head.number,
                    suffix: head.suffix,
                },
                head.rest,
                *line_no,
            );
            lines_of.push(*line_no);
            continue;
        }
        if division_head(line).is_some() || line.starts_with('#') {
            continue;
        }
        builder.add_line(line);
    }
    issues.append(&mut builder.issues);
    let mut clauses = Vec::new();
    for article in &builder.articles {
        let single = article.paragraphs.len() <= 1;
        for para in &article.paragraphs {
            let mut text = para.text.clone();
            for item in &para.items {
                text.push('\n');
                text.push_str(&format!(
                    "（{}）{}",
                    numerals::format(item.number.into()),
                    item.text
                ));
                for sub in &item.sub_items {
                    text.push('\n');
                    text.push_str(&format!("{}.{}", sub.number, sub.text));
                }
            }
            let location = if single {
                article.number.label()
            } else {
                format!(
                    "{}第{}款",
                    article.number.label(),
                    numerals::format(para.number.into())
                )
            };
            clauses.push(Clause {
                id: para.id.clone(),
                article: Some(article.number.number),
                location,
                text,
                line: article.line,
            });
        }
    }
    (clauses, trailer)
}

/// Clauses of an outline-numbered body: one per line, located by its 一、（一）1. path.
fn outline_clauses(
    body: &[(usize, String)],
    issues: &mut Vec<Issue>,
) -> (Vec<Clause>, Vec<String>) {
    let mut clauses = Vec::new();
    let mut trailer = Vec::new();
    let mut top: Option<u32> = None;
    let mut item: Option<u32> = None;
    let mut sub: Option<u32> = None;
    let mut para_in_place = 0;
    for (line_no, line) in body {
        if !trailer.is_empty() || (!clauses.is_empty() && is_trailer_line(line)) {
            trailer.push(line.clone());
            continue;
        }
        let text;
        if let Some((n, rest)) = outline_head(line) {
            if let Some(prev) = top
                && n != prev + 1
            {
                issues.push(Issue::new(
                    *line_no,
                    "numbering_skip",
                    format!(
                        "“{}、”之后是“{}、”，序号不连续",
                        numerals::format(prev.into()),
                        numerals::format(n.into())
                    ),
                ));
            }
            top = Some(n);
            item = None;
            sub = None;
            para_in_place = 0;
            text = rest;
        } else if let Some((n, rest)) = item_head(line) {
            item = Some(n);
            sub = None;
            para_in_place = 0;
            text = rest;
        } else if let Some((n, rest)) = sub_item_head(line) {
            sub = Some(n);
            para_in_place = 0;
            text = rest;
        } else {
            para_in_place += 1;
            text = line.as_str();
        }
        let mut location = String::new();
        let mut id = Vec::new();
        if let Some(t) = top {
            location.push_str(&format!("{}、", numerals::format(t.into())));
            id.push(format!("point_{t}"));
        }
        if let Some(i) = item {
            location.push_str(&format!("（{}）", numerals::format(i.into())));
            id.push(format!("point_{i}"));
        }
        if let Some(s) = sub {
            location.push_str(&format!("{s}."));
            id.push(format!("subpoint_{s}"));
        }
        if para_in_place > 0 {
            location.push_str(&format!("第{}段", numerals::format(para_in_place)));
            id.push(format!("para_{para_in_place}"));
        }
        if location.is_empty() {
            location = format!("第{line_no}行");
            id.push(format!("line_{line_no}"));
        }
        clauses.push(Clause {
            id: id.join("__"),
            article: top,
            location,
            text: text.to_string(),
            line: *line_no,
        });
    }
    (clauses, trailer)
}

/// Clauses of an unnumbered body: one per paragraph after the title.
fn plain_clauses(
    body: &[(usize, String)],
    title_index: Option<usize>,
) -> (Vec<Clause>, Vec<String>) {
    let skip = title_index.map_or(0, |i| i + 1);
    let mut clauses = Vec::new();
    let mut trailer = Vec::new();
    for (n, (line_no, line)) in body.iter().skip(skip).enumerate() {
        if !trailer.is_empty() || (!clauses.is_empty() && is_trailer_line(line)) {
            trailer.push(line.clone());
            continue;
        }
        let n = n + 1;
        clauses.push(Clause {
            id: format!("para_{n}"),
            article: None,
            location: format!("第{}段", numerals::format(n as u64)),
            text: line.clone(),
            line: *line_no,
        });
    }
    (clauses, trailer)
}

/// Reports unbalanced 《 》 per line: citations cannot be read reliably there.
fn check_brackets(lines: &[(usize, String)], issues: &mut Vec<Issue>) {
    for (line_no, line) in lines {
        let mut depth: i32 = 0;
        let mut bad = false;
        for c in line.chars() {
            match c {
                '《' => depth += 1,
                '》' => {
                    depth -= 1;
                    if depth < 0 {
                        bad = true;
                    }
                }
                _ => {}
            }
        }
        if bad || depth != 0 {
            issues.push(Issue::new(
                *line_no,
                "unbalanced_title_marks",
                "书名号《》不配对，该行的引用可能无法识别",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTICE: &str = "某市人民政府关于印发《某市餐饮油烟管理办法》的通知\n某政规〔2024〕3号\n各区人民政府，市政府各部门：\n现将《某市餐饮油烟管理办法》印发给你们，请认真贯彻执行。\n某市人民政府\n2024年3月1日\n\n某市餐饮油烟管理办法\n\n第一章 总则\n第一条 为了防治油烟污染，制定本办法。\n第二条 本办法适用于本市。\n经营者应当安装油烟净化设施。\n第三条 有下列行为之一的：\n（一）甲；\n（二）乙。\n第四条 本办法自2024年4月1日起施行，有效期5年。\n抄送：市委办公室。\n";

    #[test]
    fn parses_notice_and_articles() {
        let (doc, issues) = parse_document(NOTICE);
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(doc.title, "某市餐饮油烟管理办法");
        assert_eq!(doc.number.as_deref(), Some("某政规〔2024〕3号"));
        assert_eq!(doc.date.as_deref(), Some("2024年3月1日"));
        assert_eq!(doc.numbering, Numbering::Articles);
        assert_eq!(doc.notice.len(), 6);
        assert_eq!(doc.clauses.len(), 5);
        assert_eq!(doc.clauses[2].location, "第二条第二款");
        assert_eq!(
            doc.clauses[3].text,
            "有下列行为之一的：\n（一）甲；\n（二）乙。"
        );
        assert_eq!(doc.trailer, vec!["抄送：市委办公室。"]);
    }

    #[test]
    fn parses_outline_numbering() {
        let text = "关于加强管理的意见\n一、总体要求\n（一）基本原则。坚持依法。\n1.具体措施。\n二、主要任务\n四、保障措施\n";
        let (doc, issues) = parse_document(text);
        assert_eq!(doc.numbering, Numbering::Outline);
        assert_eq!(doc.title, "关于加强管理的意见");
        assert_eq!(doc.clauses[2].location, "一、（一）1.");
        assert_eq!(doc.clauses[2].article, Some(1));
        assert_eq!(issues[0].code, "numbering_skip");
    }

    #[test]
    fn converts_traditional_documents() {
        let text =
            "某市管理辦法\n第一條 為了規範管理，制定本辦法。\n第二條 本辦法自發布之日起施行。\n";
        let (doc, issues) = parse_document(text);
        assert_eq!(doc.script, Script::Traditional);
        assert_eq!(doc.clauses[0].text, "为了规范管理，制定本办法。");
        assert_eq!(issues[0].code, "traditional_script");
    }

    #[test]
    fn checks_document_numbers() {
        assert!(doc_number_well_formed("某政规〔2024〕3号"));
        assert!(!doc_number_well_formed("某政规[2024]3号"));
        assert!(!doc_number_well_formed("某政规（2024）3号"));
        assert!(!doc_number_well_formed("某政规〔2024〕03号"));
        assert!(!doc_number_well_formed("某政规〔24〕3号"));
        assert_eq!(
            find_doc_number("签发人：张三  某政发[2024]12号").as_deref(),
            Some("某政发[2024]12号")
        );
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for text in [
            "",
            "《《《",
            "第一条",
            "一、",
            "（一）",
            "1.",
            "\u{200B}",
            "第九十九条 x\n第一条 y",
        ] {
            let _ = parse_document(text);
        }
        let (_, issues) = parse_document("第一条 依照《某法\n第二条 x");
        assert!(issues.iter().any(|i| i.code == "unbalanced_title_marks"));
    }
}

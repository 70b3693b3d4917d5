//! Parser for the laws of the corpus (`data/laws/*.md`) into the [`Law`] model.
//!
//! Heading depth (`#`, `##` …) is ignored: the level comes from the unit character
//! (编/分编/章/节), because the corpus uses inconsistent depths (民法典 puts 节 under `####`).
//! The parser never fails: what it cannot place becomes preamble text or an [`Issue`].

use crate::model::{
    Article, ArticleNumber, Division, DivisionKind, Issue, Item, Law, LawMeta, Paragraph, SubItem,
};
use crate::text::{article_head, clean_line, division_head, item_head, squeeze, sub_item_head};

/// Builds articles line by line; shared with the document parser.
#[derive(Debug, Default)]
pub(crate) struct ArticleBuilder {
    pub articles: Vec<Article>,
    pub issues: Vec<Issue>,
}

impl ArticleBuilder {
    /// Starts a new article, checking that numbering does not skip or go back.
    pub fn start(&mut self, number: ArticleNumber, text: &str, line: usize) {
        if let Some(prev) = self.articles.last() {
            let expected = prev.number.number + 1;
            let ok = if number.suffix > 0 {
                // 第X条之Y follows 第X条 or 第X条之(Y-1).
                number.number == prev.number.number && number.suffix == prev.number.suffix + 1
            } else {
                number.number == expected
            };
            if !ok {
                self.issues.push(Issue::new(
                    line,
                    "numbering_skip",
                    format!(
                        "{}之后是{}，条文序号不连续",
                        prev.number.label(),
                        number.label()
                    ),
                ));
            }
        } else if number.number != 1 {
            self.issues.push(Issue::new(
                line,
                "numbering_skip",
                format!("第一个条文是{}，不是第一条", number.label()),
            ));
        }
        if self.articles.iter().any(|a| a.number == number) {
            self.issues.push(Issue::new(
                line,
                "duplicate_article",
                format!("{}重复出现", number.label()),
            ));
        }
        let id = number.id();
        let mut article = Article {
            id,
            number,
            paragraphs: Vec::new(),
            line,
        };
        if !text.is_empty() {
            push_paragraph(&mut article, text);
        }
        self.articles.push(article);
    }

    /// Adds a body line to the current article; returns false when there is none.
    pub fn add_line(&mut self, line: &str) -> bool {
        let Some(article) = self.articles.last_mut() else {
            return false;
        };
        if let Some((number, rest)) = item_head(line) {
            if article.paragraphs.is_empty() {
                push_paragraph(article, "");
            }
            let Some(para) = article.paragraphs.last_mut() else {
                return false;
            };
            let id = format!("{}__point_{}", para.id, number);
            para.items.push(Item {
                id,
                number,
                text: rest.to_string(),
                sub_items: Vec::new(),
            });
            return true;
        }
        if let Some((number, rest)) = sub_item_head(line)
            && let Some(item) = article
                .paragraphs
                .last_mut()
                .and_then(|p| p.items.last_mut())
        {
            let id = format!("{}__subpoint_{}", item.id, number);
            item.sub_items.push(SubItem {
                id,
                number,
                text: rest.to_string(),
            });
            return true;
        }
        push_paragraph(article, line);
        true
    }
}

/// Appends a 款 to an article.
fn push_paragraph(article: &mut Article, text: &str) {
    let number = article.paragraphs.len() as u32 + 1;
    article.paragraphs.push(Paragraph {
        id: format!("{}__para_{}", article.id, number),
        number,
        text: text.to_string(),
        items: Vec::new(),
    });
}

/// Splits a YAML-like front matter (`---` … `---`) from the body; returns the fields and
/// the line index where the body starts.
fn front_matter(lines: &[&str]) -> (LawMeta, usize) {
    let mut meta = LawMeta::default();
    if lines.first().map(|l| l.trim()) != Some("---") {
        return (meta, 0);
    }
    for (i, line) in lines.iter().enumerate().skip(1) {
        let line = line.trim();
        if line == "---" {
            return (meta, i + 1);
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches('"').to_string();
        match key.trim() {
            "title" => meta.title = value,
            "short_title" => meta.short_title = value,
            "category" => meta.category = value,
            "version" => meta.version = value,
            "promulgated" => meta.promulgated = value,
            "effective" => meta.effective = value,
            "status" => meta.status = value,
            _ => {}
        }
    }
    // No closing marker: treat the whole input as body.
    (LawMeta::default(), 0)
}

/// Parses one corpus law. Never panics; unreadable parts are reported as issues.
pub fn parse_law(text: &str) -> (Law, Vec<Issue>) {
    let lines: Vec<&str> = text.lines().collect();
    let (meta, body_start) = front_matter(&lines);
    let mut law = Law {
        meta,
        ..Law::default()
    };
    let mut builder = ArticleBuilder::default();
    // Before `<!-- INFO END -->` come the title and history; files without the marker
    // start their body at the first heading or article.
    let has_info_end = lines.iter().any(|l| l.contains("INFO END"));
    let mut in_header = has_info_end;
    let mut path: Vec<(DivisionKind, u32)> = Vec::new();
    for (index, raw) in lines.iter().enumerate().skip(body_start) {
        let line_no = index + 1;
        let line = clean_line(raw);
        if line.is_empty() {
            continue;
        }
        if line.starts_with("<!--") {
            if line.contains("INFO END") {
                in_header = false;
            }
            continue;
        }
        let heading = line
            .strip_prefix('#')
            .map(|h| clean_line(h.trim_start_matches('#')));
        if in_header {
            match heading {
                Some(h) if law.meta.title.is_empty() => law.meta.title = squeeze(&h),
                Some(_) => {}
                None => law.history.push(line),
            }
            continue;
        }
        let heading_text = heading.clone().unwrap_or_else(|| line.clone());
        if let Some((kind, number, title)) = division_head(&heading_text) {
            push_division(&mut law, &mut path, kind, number, title, &builder, line_no);
            continue;
        }
        if let Some(h) = heading {
            let title = squeeze(&h);
            if law.meta.title.is_empty() && law.articles.is_empty() && builder.articles.is_empty() {
                law.meta.title = title;
            } else if title == law.meta.title {
                // The assembled 民法典 repeats nothing, but other files may: skip.
            } else if !title.is_empty() {
                // 序言, 附则 and similar unnumbered headings.
                path.retain(|(k, _)| *k == DivisionKind::Book);
                let id = format!("div_{}", law.divisions.len() + 1);
                law.divisions.push(Division {
                    id,
                    kind: DivisionKind::Other,
                    number: 0,
                    title,
                    first_article: builder.articles.len(),
                    line: line_no,
                });
            }
            continue;
        }
        if let Some(head) = article_head(&line, true) {
            builder.start(
                ArticleNumber {
                    number: head.number,
                    suffix: head.suffix,
                },
                head.rest,
                line_no,
            );
            continue;
        }
        if !builder.add_line(&line) {
            law.preamble.push(line);
        }
    }
    if law.meta.short_title.is_empty() {
        law.meta.short_title = law
            .meta
            .title
            .trim_start_matches("中华人民共和国")
            .to_string();
    }
    let mut issues = builder.issues;
    if builder.articles.is_empty() {
        issues.push(Issue::new(0, "no_articles", "未识别出任何条文"));
    }
    law.articles = builder.articles;
    (law, issues)
}

/// Records a numbered heading and updates the division path used for its id.
fn push_division(
    law: &mut Law,
    path: &mut Vec<(DivisionKind, u32)>,
    kind: DivisionKind,
    number: u32,
    title: String,
    builder: &ArticleBuilder,
    line: usize,
) {
    let rank = |k: DivisionKind| match k {
        DivisionKind::Book => 0,
        DivisionKind::SubBook => 1,
        DivisionKind::Chapter => 2,
        DivisionKind::Section => 3,
        DivisionKind::Other => 4,
    };
    path.retain(|(k, _)| rank(*k) < rank(kind));
    path.push((kind, number));
    let id = path
        .iter()
        .map(|(k, n)| format!("{}_{}", k.id_prefix(), n))
        .collect::<Vec<_>>()
        .join("__");
    law.divisions.push(Division {
        id,
        kind,
        number,
        title,
        first_article: builder.articles.len(),
        line,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "---\ntitle: 中华人民共和国示例法\nshort_title: 示例法\nstatus: 有效\n---\n\n# 中华人民共和国示例法\n\n2020年1月1日 通过\n\n<!-- INFO END -->\n\n## 第一章　总　　则\n\n\u{200B}\n\n第一条 为了规范。\n\n第二条 有下列情形之一的：\n\n（一）甲；\n\n(二)乙：\n\n1.子目\n\n第二款内容。\n\n#### 第一节  细则\n\n第二条之一 插入条文。\n\n第四条 跳号。\n";

    #[test]
    fn parses_structure_and_ids() {
        let (law, issues) = parse_law(SAMPLE);
        assert_eq!(law.meta.title, "中华人民共和国示例法");
        assert_eq!(law.history, vec!["2020年1月1日 通过"]);
        assert_eq!(law.divisions[0].title, "总则");
        assert_eq!(law.divisions[1].id, "chp_1__sec_1");
        assert_eq!(law.articles.len(), 4);
        let art2 = &law.articles[1];
        assert_eq!(art2.paragraphs.len(), 2);
        assert_eq!(art2.paragraphs[0].items[1].id, "art_2__para_1__point_2");
        assert_eq!(
            art2.paragraphs[0].items[1].sub_items[0].id,
            "art_2__para_1__point_2__subpoint_1"
        );
        assert_eq!(law.articles[2].id, "art_2-1");
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].code, "numbering_skip");
    }

    #[test]
    fn garbage_and_empty_inputs_do_not_panic() {
        for input in [
            "",
            "---",
            "---\n---",
            "#",
            "第",
            "第一条",
            "\u{0}\u{FFFD}ÿ",
            "（",
            "1.",
        ] {
            let _ = parse_law(input);
        }
        let (_, issues) = parse_law("");
        assert_eq!(issues[0].code, "no_articles");
    }
}

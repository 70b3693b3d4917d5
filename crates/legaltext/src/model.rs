//! The legal text model: divisions (编/分编/章/节) and the article tree (条/款/项/目).
//!
//! Ids follow Akoma Ntoso's eId style: levels joined by `__`, each level a short name and a
//! number, e.g. `art_9__para_1__point_1`. `第一百二十条之一` becomes `art_120-1` so that ids
//! stay unique and sortable. Ids depend only on numbers, never on positions, so a finding
//! keeps pointing at the same place when the text around it changes.

use serde::Serialize;

use crate::numerals;

/// A problem found while parsing: the parse went on, but the caller should know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// 1-based line number in the input, 0 when the issue concerns the whole input.
    pub line: usize,
    /// Stable machine-readable code, e.g. `numbering_skip`.
    pub code: &'static str,
    /// Explanation in Chinese for the reviewer.
    pub message: String,
}

impl Issue {
    /// Builds an issue.
    pub fn new(line: usize, code: &'static str, message: impl Into<String>) -> Self {
        Issue {
            line,
            code,
            message: message.into(),
        }
    }
}

/// The kind of a division heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DivisionKind {
    /// 编
    Book,
    /// 分编
    SubBook,
    /// 章
    Chapter,
    /// 节
    Section,
    /// A heading without a number, such as 序言 or 附则.
    Other,
}

impl DivisionKind {
    /// The Akoma Ntoso short name used in ids.
    pub fn id_prefix(self) -> &'static str {
        match self {
            DivisionKind::Book => "book",
            DivisionKind::SubBook => "subbook",
            DivisionKind::Chapter => "chp",
            DivisionKind::Section => "sec",
            DivisionKind::Other => "div",
        }
    }

    /// The Chinese unit character(s) of the heading.
    pub fn unit(self) -> &'static str {
        match self {
            DivisionKind::Book => "编",
            DivisionKind::SubBook => "分编",
            DivisionKind::Chapter => "章",
            DivisionKind::Section => "节",
            DivisionKind::Other => "",
        }
    }
}

/// A heading such as `第二章 行政处罚的种类和设定`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Division {
    /// Stable id, e.g. `book_1__chp_2__sec_3`.
    pub id: String,
    /// Kind of heading.
    pub kind: DivisionKind,
    /// Its number (0 for [`DivisionKind::Other`]).
    pub number: u32,
    /// Title with inner spaces removed (`监  护` → `监护`).
    pub title: String,
    /// Index in [`Law::articles`] of the first article under this heading.
    pub first_article: usize,
    /// 1-based line of the heading.
    pub line: usize,
}

/// An article number: `第一百二十条之一` is `{ number: 120, suffix: 1 }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ArticleNumber {
    /// The main number.
    pub number: u32,
    /// The 之X suffix, 0 when absent.
    pub suffix: u32,
}

impl ArticleNumber {
    /// A plain article number without 之X.
    pub fn plain(number: u32) -> Self {
        ArticleNumber { number, suffix: 0 }
    }

    /// The id fragment, `art_9` or `art_120-1`.
    pub fn id(self) -> String {
        if self.suffix == 0 {
            format!("art_{}", self.number)
        } else {
            format!("art_{}-{}", self.number, self.suffix)
        }
    }

    /// The Chinese label, `第九条` or `第一百二十条之一`.
    pub fn label(self) -> String {
        if self.suffix == 0 {
            format!("第{}条", numerals::format(u64::from(self.number)))
        } else {
            format!(
                "第{}条之{}",
                numerals::format(u64::from(self.number)),
                numerals::format(u64::from(self.suffix))
            )
        }
    }
}

/// A 目 (sub-item), written `1.` under an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubItem {
    /// Stable id, e.g. `art_9__para_1__point_1__subpoint_2`.
    pub id: String,
    /// Its number.
    pub number: u32,
    /// Text without the number.
    pub text: String,
}

/// A 项 (item), written `（一）` or `(一)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// Stable id, e.g. `art_9__para_1__point_1`.
    pub id: String,
    /// Its number.
    pub number: u32,
    /// Text without the number.
    pub text: String,
    /// Its 目.
    pub sub_items: Vec<SubItem>,
}

/// A 款 (paragraph): one line of an article, with the items that follow it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// Stable id, e.g. `art_9__para_2`.
    pub id: String,
    /// 1-based number within the article.
    pub number: u32,
    /// Text of the paragraph's own line.
    pub text: String,
    /// Its 项.
    pub items: Vec<Item>,
}

/// A 条 (article).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Article {
    /// Stable id, e.g. `art_9`.
    pub id: String,
    /// Its number.
    pub number: ArticleNumber,
    /// Its 款.
    pub paragraphs: Vec<Paragraph>,
    /// 1-based line of the article's first line.
    pub line: usize,
}

impl Article {
    /// The whole text of the article, paragraphs and items joined by newlines.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for p in &self.paragraphs {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&p.text);
            for item in &p.items {
                out.push('\n');
                out.push_str(&item.text);
                for sub in &item.sub_items {
                    out.push('\n');
                    out.push_str(&sub.text);
                }
            }
        }
        out
    }
}

/// Metadata from a corpus file's front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct LawMeta {
    /// Official full title, e.g. 中华人民共和国行政处罚法.
    pub title: String,
    /// Short title without 中华人民共和国.
    pub short_title: String,
    /// 宪法 / 法律 / 行政法规 / 党内法规.
    pub category: String,
    /// Version label, e.g. 2021年修订.
    pub version: String,
    /// Promulgation date of this version, `YYYY-MM-DD`.
    pub promulgated: String,
    /// Effective date of this version, `YYYY-MM-DD`.
    pub effective: String,
    /// 有效 / 已修改 / 已废止.
    pub status: String,
}

/// A parsed law or regulation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Law {
    /// Front-matter metadata (title falls back to the `#` heading).
    pub meta: LawMeta,
    /// History lines between the title and the body (通过/修正/修订 events).
    pub history: Vec<String>,
    /// Text before the first article that is not a heading (e.g. the 宪法's 序言).
    pub preamble: Vec<String>,
    /// Headings in order.
    pub divisions: Vec<Division>,
    /// Articles in order.
    pub articles: Vec<Article>,
}

impl Law {
    /// Finds an article by number.
    pub fn article(&self, number: ArticleNumber) -> Option<&Article> {
        self.articles.iter().find(|a| a.number == number)
    }

    /// The highest plain article number.
    pub fn max_article(&self) -> u32 {
        self.articles
            .iter()
            .map(|a| a.number.number)
            .max()
            .unwrap_or(0)
    }
}

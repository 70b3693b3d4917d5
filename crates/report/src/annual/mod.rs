//! The annual report on rule-of-law government work (法治政府建设年度报告, issue #9): the report of
//! one government for one year, with the five items of the 督察工作规定 in their order
//! (STATUTES.md §13.1), its publication deadline, data paragraphs drafted from indicator
//! figures, and exports to .docx (公文 format, GB/T 9704-2012), HTML and Markdown.
//!
//! [`draft`] writes the data paragraphs in the register of real reports ("全年共审核行政规范性文件
//! N件……") and leaves a [`ParagraphKind::Prompt`] wherever staff must write; a figure that is
//! not available is left out, never invented. Before a leader approves, [`AnnualReport::approval_check`]
//! runs the text through the report review (审读) and refuses while a prompt is left, a section is
//! empty or a figure is inconsistent. Versions and approvals are kept by the store.

mod docx;
mod draft;
mod html;
pub mod json;
mod markdown;

use calendar::{Calendar, NaiveDate};
use domain::deadline_rules;
use domain::indicators::Figures;

pub use crate::review::sections::SectionItem;
use crate::review::{Inconsistency, Review, ReviewError};
pub use docx::{DocxOptions, Font, layout, to_docx, to_docx_with};
pub use draft::{format_count, format_percent, format_yuan};
pub use html::to_html;
pub use markdown::to_markdown;

/// The deadline rule for publishing the report: before 1 April of the next year (督察工作规定
/// 第二十四条 \[secondary\]).
pub const PUBLICATION_RULE: &str = "annual_report.publish";

/// What a paragraph is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParagraphKind {
    /// A second-level heading within a section, numbered `（一）`.
    Subheading,
    /// Drafted from the figures of these indicators; staff may edit it like any text.
    Data {
        /// Indicator ids the paragraph quotes.
        indicators: Vec<String>,
    },
    /// Text written by staff.
    Narrative,
    /// Where staff must still write; the text says what belongs there. A report with a prompt
    /// left is not ready for approval.
    Prompt,
}

/// One paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// What it is.
    pub kind: ParagraphKind,
    /// Its text (one paragraph, no line breaks).
    pub text: String,
}

impl Paragraph {
    /// A paragraph written by staff.
    pub fn narrative(text: impl Into<String>) -> Self {
        Paragraph {
            kind: ParagraphKind::Narrative,
            text: text.into(),
        }
    }
}

/// One of the five items, with its heading and paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The item of the 督察工作规定.
    pub item: SectionItem,
    /// The heading without its number (`2024年推进法治政府建设的主要举措和成效`).
    pub heading: String,
    /// Paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
}

/// The place of an item among the five.
fn index_of(item: SectionItem) -> usize {
    match item {
        SectionItem::MeasuresAndResults => 0,
        SectionItem::ShortcomingsAndCauses => 1,
        SectionItem::FirstResponsibility => 2,
        SectionItem::NextYearPlan => 3,
        SectionItem::Other => 4,
    }
}

/// The numbers of the five headings.
const NUMBERS: [&str; 5] = ["一", "二", "三", "四", "五"];

/// The annual report of one government for one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnualReport {
    /// The reporting government, as it signs (`安吉县人民政府`).
    pub government: String,
    /// The year reported on.
    pub year: i32,
    /// The title.
    pub title: String,
    /// Paragraphs before the first section (the opening summary).
    pub opening: Vec<Paragraph>,
    /// The five items, in the order of the 督察工作规定.
    pub sections: [Section; 5],
    /// Last day to publish (before 1 April of the next year); `None` only for a year outside
    /// the calendar's range.
    pub due_on: Option<NaiveDate>,
    /// The date under the signature (成文日期), once set.
    pub dated_on: Option<NaiveDate>,
}

/// The standard heading of each item, in the words reports use (seed reports: "推进法治政府建设的
/// 主要举措和成效", "存在的不足", "主要安排").
pub fn heading(item: SectionItem, year: i32) -> String {
    match item {
        SectionItem::MeasuresAndResults => format!("{year}年推进法治政府建设的主要举措和成效"),
        SectionItem::ShortcomingsAndCauses => {
            format!("{year}年推进法治政府建设存在的不足和原因")
        }
        SectionItem::FirstResponsibility => {
            "党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况".to_string()
        }
        SectionItem::NextYearPlan => format!("{}年推进法治政府建设的主要安排", year + 1),
        SectionItem::Other => "其他需要报告的情况".to_string(),
    }
}

/// The last day to publish the report on `year`, from the deadline catalogue
/// ([`PUBLICATION_RULE`]): 31 March of the next year.
pub fn publication_due(year: i32) -> Option<NaiveDate> {
    let rule = deadline_rules::rule(PUBLICATION_RULE)?;
    // Any day of the year reported on starts the rule; its last day makes the next 1 April
    // the one meant.
    let last_day = NaiveDate::from_ymd_opt(year, 12, 31)?;
    rule.due(Calendar::official(), last_day).ok().map(|d| d.due)
}

/// Drafts the report of `government` for `year` from indicator figures: the title, the five
/// headings, the data paragraphs of section one, and prompts where staff write.
pub fn draft(year: i32, government: &str, figures: &Figures) -> AnnualReport {
    draft::draft(year, government, figures)
}

/// Why a report may not go to a leader for approval yet.
#[derive(Debug, Clone)]
pub enum NotReady {
    /// Prompts are left where staff must write.
    PromptsLeft(usize),
    /// A section has no text.
    EmptySection(SectionItem),
    /// The review found figures that do not agree.
    Inconsistent(Vec<Inconsistency>),
    /// The review did not find these of the five items.
    MissingSections(Vec<&'static str>),
    /// The text could not be reviewed.
    Unreadable(String),
}

impl std::fmt::Display for NotReady {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotReady::PromptsLeft(n) => write!(f, "还有{n}处待撰写内容"),
            NotReady::EmptySection(item) => write!(f, "“{}”部分没有内容", item.name_zh()),
            NotReady::Inconsistent(list) => write!(f, "审读发现{}处数字不一致", list.len()),
            NotReady::MissingSections(names) => {
                write!(f, "审读未找到：{}", names.join("、"))
            }
            NotReady::Unreadable(why) => write!(f, "无法审读：{why}"),
        }
    }
}

impl AnnualReport {
    /// The heading of section `index` (0–4) with its number: `一、2024年推进……`.
    pub fn numbered_heading(&self, index: usize) -> String {
        format!("{}、{}", NUMBERS[index], self.sections[index].heading)
    }

    /// The section of an item.
    pub fn section(&self, item: SectionItem) -> &Section {
        &self.sections[index_of(item)]
    }

    /// The section of an item, to edit.
    pub fn section_mut(&mut self, item: SectionItem) -> &mut Section {
        &mut self.sections[index_of(item)]
    }

    /// Every paragraph, opening first.
    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.opening
            .iter()
            .chain(self.sections.iter().flat_map(|s| s.paragraphs.iter()))
    }

    /// How many prompts are left.
    pub fn prompts_left(&self) -> usize {
        self.paragraphs()
            .filter(|p| p.kind == ParagraphKind::Prompt)
            .count()
    }

    /// The date line under the signature, `2025年3月20日` (GB/T 9704: Arabic numerals, no
    /// leading zeros).
    pub fn date_line(&self) -> Option<String> {
        use calendar::Datelike;
        self.dated_on
            .map(|d| format!("{}年{}月{}日", d.year(), d.month(), d.day()))
    }

    /// The report as plain text, one paragraph a line: what the review reads.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let mut line = |s: &str| {
            out.push_str(s);
            out.push('\n');
        };
        line(&self.title);
        for p in &self.opening {
            line(&p.text);
        }
        for (i, section) in self.sections.iter().enumerate() {
            line(&self.numbered_heading(i));
            for p in &section.paragraphs {
                line(&p.text);
            }
        }
        line(&self.government);
        if let Some(date) = self.date_line() {
            line(&date);
        }
        out
    }

    /// Runs the report review (审读) on the report's text.
    pub fn review(&self) -> Result<Review, ReviewError> {
        crate::review::review_text(&format!("{}.txt", self.title), &self.to_text())
    }

    /// Whether the report may go to a leader: no prompt left, no empty section, and a review
    /// that finds all five items and no inconsistent figure. Returns the review when ready.
    pub fn approval_check(&self) -> Result<Review, Vec<NotReady>> {
        let mut problems = Vec::new();
        let prompts = self.prompts_left();
        if prompts > 0 {
            problems.push(NotReady::PromptsLeft(prompts));
        }
        for section in &self.sections {
            if section.paragraphs.iter().all(|p| p.text.trim().is_empty()) {
                problems.push(NotReady::EmptySection(section.item));
            }
        }
        match self.review() {
            Ok(review) => {
                if !review.inconsistencies.is_empty() {
                    problems.push(NotReady::Inconsistent(review.inconsistencies.clone()));
                }
                if !review.sections.missing.is_empty() {
                    problems.push(NotReady::MissingSections(
                        review.sections.missing.iter().map(|m| m.name).collect(),
                    ));
                }
                if problems.is_empty() {
                    return Ok(review);
                }
            }
            Err(e) => problems.push(NotReady::Unreadable(e.to_string())),
        }
        Err(problems)
    }
}

#[cfg(test)]
mod tests;

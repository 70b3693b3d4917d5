//! Report review (审读, issue #8): reads an annual report (plain text, .docx or HTML; simplified
//! or traditional script; UTF-8 or GBK), extracts its figures, recomputes every relation between
//! them that can be derived (rates, totals with parts, percentage breakdowns), and compares its
//! structure and dates with the 督察工作规定 (STATUTES.md §13).
//!
//! Entry points: [`review_file`] and [`review_bytes`] return a [`Review`], which renders as text
//! ([`Review::to_text`]) or JSON ([`Review::to_json`]); [`review_batch`] reviews many files and
//! returns one [`ReviewSummary`] per file for a side-by-side view.
//!
//! The review never decides: its findings are for the legal-affairs office to read.

pub mod checks;
pub mod error;
pub mod figures;
mod lang;
pub mod normalize;
pub mod read;
mod render;
pub mod sections;

use std::path::Path;

use serde::Serialize;

pub use checks::{CheckCounts, CheckKind};
pub use error::ReviewError;
pub use read::{Format, MAX_INPUT_BYTES};
pub use sections::{Date, Dates, MissingSection, SectionHit, SectionItem, Sections};

/// Fewest CJK characters a report must have; below this the text is not a Chinese report.
const MIN_CJK: usize = 30;

/// A figure of the report, as shown to users.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// The value with 万/亿 applied (`3.68万件` → 36800).
    pub value: f64,
    /// The unit (`件`, `人次`, `%`, `元`).
    pub unit: String,
    /// What the figure counts (`受理工单`, `办结率`).
    pub counts: String,
    /// The figure as written.
    pub text: String,
    /// Written as an estimate or a bound (余, 多, 以上, 近).
    pub approximate: bool,
    /// The sentence around the figure.
    pub excerpt: String,
    /// Line number (1-based) in the cleaned text.
    pub line: usize,
    /// Character offset in the cleaned text.
    pub offset: usize,
}

/// A relation between figures that does not hold.
#[derive(Debug, Clone, Serialize)]
pub struct Inconsistency {
    /// `rate`, `sum` or `breakdown`.
    pub kind: CheckKind,
    /// The rate or total concerned (`办结率`, `行政复议案件`).
    pub label: String,
    /// The value the report states (for a breakdown: 100).
    pub stated: f64,
    /// The value recomputed from the report's own figures.
    pub computed: f64,
    /// How it was computed, in Chinese.
    pub explanation: String,
    /// The sentence.
    pub excerpt: String,
    /// Line number (1-based) in the cleaned text.
    pub line: usize,
    /// Character offset of the sentence in the cleaned text.
    pub offset: usize,
}

/// The review of one report.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    /// The file name as given.
    pub file_name: String,
    /// The container format.
    pub format: Format,
    /// The encoding detected.
    pub encoding: &'static str,
    /// Whether the report was in traditional script (converted before review).
    pub traditional: bool,
    /// Characters of report text reviewed.
    pub chars: usize,
    /// The report's title, when it has one.
    pub title: Option<String>,
    /// Report year and deadline check.
    pub dates: Dates,
    /// Every figure, in order.
    pub figures: Vec<Figure>,
    /// Every relation that failed.
    pub inconsistencies: Vec<Inconsistency>,
    /// How many relations were checked.
    pub checked: CheckCounts,
    /// The five items: present and missing.
    pub sections: Sections,
}

/// One line per report for a side-by-side view of a batch.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewSummary {
    /// The file name.
    pub file_name: String,
    /// The title, when found.
    pub title: Option<String>,
    /// The report year.
    pub report_year: Option<i32>,
    /// Publication date, when found.
    pub published: Option<Date>,
    /// Whether the 1 April deadline was met, when a date tells.
    pub on_time: Option<bool>,
    /// Number of figures read.
    pub figures: usize,
    /// Number of relations checked.
    pub checks: usize,
    /// Number of failed rates.
    pub rate_errors: usize,
    /// Number of failed totals.
    pub sum_errors: usize,
    /// Number of failed breakdowns.
    pub breakdown_errors: usize,
    /// For each of the five items in order, whether it is present.
    pub sections_present: [bool; 5],
    /// Names of the missing items.
    pub missing_sections: Vec<&'static str>,
}

/// The outcome for one file of a batch.
#[derive(Debug, Clone, Serialize)]
pub struct BatchEntry {
    /// The file name.
    pub file_name: String,
    /// The summary, when the file could be reviewed.
    pub summary: Option<ReviewSummary>,
    /// Why it could not, in Chinese.
    pub error: Option<String>,
}

/// Reviews a file on disk. The size is checked before reading, so a huge file is refused
/// without being loaded.
pub fn review_file(path: &Path) -> Result<Review, ReviewError> {
    let size = std::fs::metadata(path)?.len();
    if size > MAX_INPUT_BYTES as u64 {
        return Err(ReviewError::TooLarge {
            size: usize::try_from(size).unwrap_or(usize::MAX),
            limit: MAX_INPUT_BYTES,
            limit_mb: MAX_INPUT_BYTES / (1024 * 1024),
        });
    }
    let bytes = std::fs::read(path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    review_bytes(&name, &bytes)
}

/// Reviews the bytes of an uploaded file; the name only helps to tell HTML from text.
pub fn review_bytes(file_name: &str, bytes: &[u8]) -> Result<Review, ReviewError> {
    let raw = read::read_bytes(file_name, bytes)?;
    review_raw(file_name, raw)
}

/// Reviews text already in memory (plain text, not HTML).
pub fn review_text(file_name: &str, text: &str) -> Result<Review, ReviewError> {
    review_bytes(file_name, text.as_bytes())
}

/// Reviews many files and returns one entry per file, in order; a file that cannot be reviewed
/// gets its error message instead of a summary.
pub fn review_batch<N, B>(files: impl IntoIterator<Item = (N, B)>) -> Vec<BatchEntry>
where
    N: AsRef<str>,
    B: AsRef<[u8]>,
{
    files
        .into_iter()
        .map(|(name, bytes)| {
            let name = name.as_ref().to_string();
            match review_bytes(&name, bytes.as_ref()) {
                Ok(review) => BatchEntry {
                    file_name: name,
                    summary: Some(review.summary()),
                    error: None,
                },
                Err(e) => BatchEntry {
                    file_name: name,
                    summary: None,
                    error: Some(e.to_string()),
                },
            }
        })
        .collect()
}

/// Renders a batch as a text table, one row per report.
pub fn batch_to_text(entries: &[BatchEntry]) -> String {
    render::batch(entries)
}

fn review_raw(file_name: &str, raw: read::RawText) -> Result<Review, ReviewError> {
    let cleaned = normalize::clean(&raw.text);
    let cjk = normalize::count_cjk(&cleaned.text);
    if cleaned.text.trim().is_empty() {
        return Err(ReviewError::Empty);
    }
    if cjk < MIN_CJK {
        return Err(ReviewError::NotChinese { cjk });
    }
    let text = &cleaned.text;
    let positions = Positions::new(text);
    let sentences = figures::read_sentences(text);
    let mut figure_list = Vec::new();
    for s in &sentences {
        for f in &s.figs {
            let (line, offset) = positions.at(f.start);
            figure_list.push(Figure {
                value: f.value,
                unit: f.unit.clone(),
                counts: f.counts(),
                text: f.text.clone(),
                approximate: f.approx,
                excerpt: window(&s.text, f.start - s.start, f.text.len()),
                line,
                offset,
            });
        }
    }
    let (findings, checked) = checks::check(&sentences);
    let inconsistencies = findings
        .into_iter()
        .map(|f| {
            let (line, offset) = positions.at(f.start);
            Inconsistency {
                kind: f.kind,
                label: f.label,
                stated: f.stated,
                computed: f.computed,
                explanation: f.explanation,
                excerpt: f.excerpt,
                line,
                offset,
            }
        })
        .collect();
    let year = sections::report_year(text);
    Ok(Review {
        file_name: file_name.to_string(),
        format: raw.format,
        encoding: raw.encoding,
        traditional: cleaned.traditional,
        chars: text.chars().filter(|c| !c.is_whitespace()).count(),
        title: find_title(text),
        dates: sections::find_dates(text, &cleaned.boilerplate, year),
        figures: figure_list,
        inconsistencies,
        checked,
        sections: sections::find_sections(text, year),
    })
}

/// The first line that names an annual report (…法治政府建设…报告), joined with the line before
/// when the title was broken after 关于.
fn find_title(text: &str) -> Option<String> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(12)
        .collect();
    for (i, line) in lines.iter().enumerate() {
        if line.contains("报告") && line.chars().count() <= 60 && !line.contains('。') {
            if i > 0 && lines[i - 1].ends_with("关于") {
                return Some(format!("{}{}", lines[i - 1], line));
            }
            return Some((*line).to_string());
        }
    }
    None
}

/// About 30 characters either side of a figure, within its sentence.
fn window(sentence: &str, at: usize, len: usize) -> String {
    let before: Vec<char> = sentence[..at].chars().collect();
    let after: Vec<char> = sentence[at + len..].chars().collect();
    let start = before.len().saturating_sub(30);
    let mut s: String = before[start..]
        .iter()
        .collect::<String>()
        .trim_start()
        .to_string();
    if start > 0 {
        s.insert(0, '…');
    }
    s.push_str(&sentence[at..at + len]);
    s.extend(after.iter().take(30));
    if after.len() > 30 {
        s.push('…');
    }
    s
}

/// Maps byte offsets of the cleaned text to (line, character offset).
struct Positions {
    /// (byte offset, char offset) of each line start.
    starts: Vec<(usize, usize)>,
    text_ptr: String,
}

impl Positions {
    fn new(text: &str) -> Self {
        let mut starts = vec![(0, 0)];
        let mut chars = 0;
        for (b, c) in text.char_indices() {
            chars += 1;
            if c == '\n' {
                starts.push((b + 1, chars));
            }
        }
        Positions {
            starts,
            text_ptr: text.to_string(),
        }
    }

    fn at(&self, byte: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|(b, _)| *b <= byte).max(1) - 1;
        let (line_byte, line_char) = self.starts[line];
        let within = self.text_ptr[line_byte..byte].chars().count();
        (line + 1, line_char + within)
    }
}

impl Review {
    /// The review as pretty-printed JSON: `figures`, `inconsistencies` (kind, stated, computed,
    /// excerpt), `sections` (present, missing), `dates` and metadata.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
    }

    /// The review as text for a terminal, in Chinese.
    pub fn to_text(&self) -> String {
        render::review(self)
    }

    /// One line for a side-by-side view.
    pub fn summary(&self) -> ReviewSummary {
        let count = |k: CheckKind| self.inconsistencies.iter().filter(|i| i.kind == k).count();
        let mut sections_present = [false; 5];
        for (i, item) in SectionItem::ALL.iter().enumerate() {
            sections_present[i] = self.sections.present.iter().any(|h| h.item == *item);
        }
        ReviewSummary {
            file_name: self.file_name.clone(),
            title: self.title.clone(),
            report_year: self.dates.report_year,
            published: self.dates.published,
            on_time: self.dates.on_time,
            figures: self.figures.len(),
            checks: self.checked.rates + self.checked.sums + self.checked.breakdowns,
            rate_errors: count(CheckKind::Rate),
            sum_errors: count(CheckKind::Sum),
            breakdown_errors: count(CheckKind::Breakdown),
            sections_present,
            missing_sections: self.sections.missing.iter().map(|m| m.name).collect(),
        }
    }
}

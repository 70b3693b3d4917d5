//! The report as Markdown (CommonMark): `#` title, `##` the five headings, `###` subheadings,
//! one paragraph per block. Text is escaped so that nothing a user typed becomes markup, while
//! figures such as `97.19%` stay as written.

use super::{AnnualReport, Paragraph, ParagraphKind};

/// Escapes a paragraph's text for CommonMark: inline markup characters always, and at the start
/// of the block the characters that would open a heading, list, quote or rule.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    let first = out.chars().next();
    if matches!(first, Some('#' | '-' | '+' | '=')) {
        out.insert(0, '\\');
    } else {
        // `1.` or `1)` opens an ordered list.
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && matches!(out[digits..].chars().next(), Some('.' | ')')) {
            out.insert(digits, '\\');
        }
    }
    out
}

fn paragraph(p: &Paragraph, out: &mut String) {
    let text = escape(&p.text);
    match p.kind {
        ParagraphKind::Subheading => out.push_str(&format!("### {text}\n\n")),
        ParagraphKind::Data { .. } | ParagraphKind::Narrative | ParagraphKind::Prompt => {
            out.push_str(&format!("{text}\n\n"))
        }
    }
}

/// The report as Markdown.
pub fn to_markdown(report: &AnnualReport) -> String {
    let mut out = format!("# {}\n\n", escape(&report.title));
    for p in &report.opening {
        paragraph(p, &mut out);
    }
    for (i, section) in report.sections.iter().enumerate() {
        out.push_str(&format!("## {}\n\n", escape(&report.numbered_heading(i))));
        for p in &section.paragraphs {
            paragraph(p, &mut out);
        }
    }
    out.push_str(&escape(&report.government));
    out.push('\n');
    if let Some(date) = report.date_line() {
        out.push('\n');
        out.push_str(&escape(&date));
        out.push('\n');
    }
    out
}

//! Automatic review of a normative document: the entry points for `fazhi review FILE
//! [--json]` and the web UI, and the text and JSON renderings of the result.
//!
//! Findings are machine suggestions for the legality review, never a final decision.

use std::path::Path;

use serde::Serialize;

use crate::corpus::Corpus;
use crate::document::{Document, Numbering, Script, parse_document};
use crate::input::{InputError, SourceFormat, decode, read_file};
use crate::model::Issue;
use crate::rules::{
    ClauseContext, Finding, ResolvedCitation, Severity, clause_rules, document_rules,
    resolve_citations,
};

/// Summary of the reviewed document, as serialised under `"document"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentSummary {
    /// Body title.
    pub title: String,
    /// Document number (文号), if found.
    pub number: Option<String>,
    /// Date written on the document, if found.
    pub date: Option<String>,
    /// Format the input was read from.
    pub format: SourceFormat,
    /// Script of the original.
    pub script: Script,
    /// Numbering of the body.
    pub numbering: Numbering,
    /// Number of characters.
    pub chars: usize,
    /// Number of reviewable clauses.
    pub clauses: usize,
    /// Number of citations found.
    pub citations: usize,
    /// What the parser could not read (unbalanced 《》, skipped numbers …).
    pub issues: Vec<Issue>,
}

/// The result of an automatic review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Review {
    /// The document.
    pub document: DocumentSummary,
    /// Findings, document-wide first, then in clause order.
    pub findings: Vec<Finding>,
}

impl Review {
    /// Number of findings of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// The JSON rendering: `{ "document": {...}, "findings": [...] }`.
    pub fn to_json(&self) -> String {
        // Serialising plain structs of strings and numbers cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_string())
    }

    /// The human-readable rendering for the terminal.
    pub fn to_text(&self) -> String {
        let d = &self.document;
        let mut out = String::new();
        out.push_str(&format!(
            "智能审查结果（机器提示，仅供合法性审核参考）\n文件：{}\n",
            if d.title.is_empty() {
                "（未识别标题）"
            } else {
                &d.title
            }
        ));
        if let Some(n) = &d.number {
            out.push_str(&format!("文号：{n}\n"));
        }
        out.push_str(&format!(
            "字数：{}，条款：{}，引用：{}\n错误 {}，警告 {}，提示 {}\n",
            d.chars,
            d.clauses,
            d.citations,
            self.count(Severity::Error),
            self.count(Severity::Warning),
            self.count(Severity::Info)
        ));
        for issue in &d.issues {
            let line = if issue.line > 0 {
                format!("第{}行：", issue.line)
            } else {
                String::new()
            };
            out.push_str(&format!("  [解析] {line}{}\n", issue.message));
        }
        if self.findings.is_empty() {
            out.push_str("\n未发现问题。\n");
        }
        for (i, f) in self.findings.iter().enumerate() {
            out.push_str(&format!(
                "\n{}. [{}] {} {}\n",
                i + 1,
                f.severity.label(),
                f.rule,
                if f.location.is_empty() {
                    "（全文）"
                } else {
                    &f.location
                }
            ));
            if !f.excerpt.is_empty() {
                out.push_str(&format!("   原文：{}\n", f.excerpt));
            }
            out.push_str(&format!("   意见：{}\n   依据：{}\n", f.message, f.basis));
        }
        out
    }
}

/// Reviews an already parsed document.
pub fn review_document(
    document: &Document,
    issues: Vec<Issue>,
    format: SourceFormat,
    corpus: &Corpus,
) -> Review {
    let mut findings = Vec::new();
    for rule in document_rules() {
        findings.extend(rule.check(document));
    }
    let mut citations = 0;
    for clause in &document.clauses {
        let resolved: Vec<ResolvedCitation> = resolve_citations(&clause.text, corpus);
        citations += resolved.len();
        let ctx = ClauseContext {
            clause,
            citations: &resolved,
            document_title: &document.title,
        };
        for rule in clause_rules() {
            findings.extend(rule.check(&ctx));
        }
    }
    Review {
        document: DocumentSummary {
            title: document.title.clone(),
            number: document.number.clone(),
            date: document.date.clone(),
            format,
            script: document.script,
            numbering: document.numbering,
            chars: document.chars,
            clauses: document.clauses.len(),
            citations,
            issues,
        },
        findings,
    }
}

/// Reviews text.
pub fn review_text(text: &str, corpus: &Corpus) -> Review {
    let (document, issues) = parse_document(text);
    review_document(&document, issues, SourceFormat::Text, corpus)
}

/// Reviews the bytes of a file (.docx or text); errors for empty, binary or oversized input.
pub fn review_bytes(bytes: &[u8], corpus: &Corpus) -> Result<Review, InputError> {
    let (text, format) = decode(bytes)?;
    let (document, issues) = parse_document(&text);
    Ok(review_document(&document, issues, format, corpus))
}

/// Reviews a file; refuses files above [`crate::input::MAX_INPUT_BYTES`] without reading them.
pub fn review_file(path: &Path, corpus: &Corpus) -> Result<Review, InputError> {
    review_bytes(&read_file(path)?, corpus)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DRAFT: &str = "某市人民政府关于印发《某市户外广告管理办法》的通知\n某政发[2024]5号\n\n某市户外广告管理办法\n第一条 根据《中华人民共和国广告法》《信访条例》，制定本办法。\n第二条 设置户外广告的，须经市城市管理部门批准。\n第三条 违反本办法规定的，由市城市管理部门处二千元以上一万元以下的罚款。\n第四条 违反本办法第二条规定的，依照《中华人民共和国广告法》第五十八条的规定处罚。\n第五条 本办法自2024年5月1日起施行。\n";

    #[test]
    fn reviews_a_draft() {
        let corpus = Corpus::embedded();
        let review = review_text(DRAFT, &corpus);
        let rules: Vec<&str> = review.findings.iter().map(|f| f.rule).collect();
        assert_eq!(
            rules,
            [
                "missing_validity_period",
                "numbering_format",
                "repealed_citation",
                "creates_licence",
                "creates_penalty"
            ]
        );
        let penalty = &review.findings[4];
        assert_eq!(penalty.article, Some(3));
        assert_eq!(penalty.location, "第三条");
        let json: serde_json::Value = serde_json::from_str(&review.to_json()).unwrap();
        assert_eq!(json["findings"][4]["rule"], "creates_penalty");
        assert_eq!(json["findings"][4]["severity"], "error");
        assert_eq!(json["findings"][4]["article"], 3);
        assert_eq!(json["document"]["title"], "某市户外广告管理办法");
        assert!(review.to_text().contains("第三条"));
    }

    #[test]
    fn bad_inputs_are_clear_errors() {
        let corpus = Corpus::embedded();
        assert_eq!(review_bytes(b"", &corpus), Err(InputError::Empty));
        assert!(review_bytes(&[0u8, 159, 146, 150, 0, 1], &corpus).is_err());
        let review = review_bytes("随便写的一段话".as_bytes(), &corpus).unwrap();
        assert_eq!(review.document.numbering, Numbering::Plain);
    }
}

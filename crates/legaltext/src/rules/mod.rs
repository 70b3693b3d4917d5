//! The automatic review rules. Each rule has a stable id, a severity, the legal basis it
//! enforces and an explanation a reviewer can paste into a legality-review opinion.
//!
//! Clause rules look at one clause at a time ([`ClauseContext`]); document rules look at
//! the whole document. The creation rules (`creates_*`, `restricts_rights`) share the
//! sentence analysis in [`detect`]: a sentence is flagged when it triggers the rule, is
//! not negated (不得收取 is a protection, not a fee) and carries no authority (a valid
//! citation of an upper law, or 依法/依照有关法律法规 where the rule accepts it).

use serde::Serialize;

use crate::citation::{Citation, Resolution};
use crate::corpus::Corpus;
use crate::document::{Clause, Document};

pub mod creates_coercive_measure;
pub mod creates_fee;
pub mod creates_licence;
pub mod creates_penalty;
pub mod detect;
pub mod missing_effective_date;
pub mod missing_validity_period;
pub mod numbering_format;
pub mod repealed_citation;
pub mod restricts_rights;
pub mod unknown_article;
pub mod unknown_law;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The clause is unlawful as written.
    Error,
    /// The reviewer should look; often a drafting or procedure defect.
    Warning,
    /// For information only.
    Info,
}

impl Severity {
    /// Chinese label for the text report and the opinion.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// The fixed description of a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RuleInfo {
    /// Stable id, e.g. `creates_penalty`.
    pub id: &'static str,
    /// Severity of its findings.
    pub severity: Severity,
    /// Short Chinese name.
    pub name: &'static str,
    /// The legal basis the rule enforces.
    pub basis: &'static str,
    /// Explanation for the opinion (Chinese).
    pub explanation: &'static str,
}

/// One finding of the automatic review: a machine suggestion, never a final decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Rule id.
    pub rule: &'static str,
    /// Severity.
    pub severity: Severity,
    /// Article number (or top-level item number for 一、 numbering), if located.
    pub article: Option<u32>,
    /// Location in Chinese, e.g. `第七条第二款`; empty for document-wide findings.
    pub location: String,
    /// The sentence or text concerned.
    pub excerpt: String,
    /// Legal basis.
    pub basis: &'static str,
    /// Explanation for the reviewer.
    pub message: String,
}

impl Finding {
    /// A finding for `info` at `clause`.
    pub fn at(info: &RuleInfo, clause: &Clause, excerpt: &str, message: String) -> Finding {
        Finding {
            rule: info.id,
            severity: info.severity,
            article: clause.article,
            location: clause.location.clone(),
            excerpt: shorten(excerpt, 160),
            basis: info.basis,
            message,
        }
    }

    /// A document-wide finding.
    pub fn document(info: &RuleInfo, excerpt: &str, message: String) -> Finding {
        Finding {
            rule: info.id,
            severity: info.severity,
            article: None,
            location: String::new(),
            excerpt: shorten(excerpt, 160),
            basis: info.basis,
            message,
        }
    }
}

/// Cuts `text` to `max` characters, marking the cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max).collect();
    s.push('…');
    s
}

/// A citation with its resolution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResolvedCitation {
    /// The citation.
    pub citation: Citation,
    /// What it resolves to.
    pub resolution: Resolution,
}

/// What a clause rule sees.
pub struct ClauseContext<'a> {
    /// The clause.
    pub clause: &'a Clause,
    /// Citations in the clause, resolved.
    pub citations: &'a [ResolvedCitation],
    /// The document's own title, to ignore self-citations.
    pub document_title: &'a str,
}

/// A rule applied to each clause.
pub trait ClauseRule: Sync {
    /// The rule's description.
    fn info(&self) -> &'static RuleInfo;
    /// Findings in one clause.
    fn check(&self, ctx: &ClauseContext<'_>) -> Vec<Finding>;
}

/// A rule applied to the whole document.
pub trait DocumentRule: Sync {
    /// The rule's description.
    fn info(&self) -> &'static RuleInfo;
    /// Findings in the document.
    fn check(&self, document: &Document) -> Vec<Finding>;
}

/// All clause rules, in report order.
pub fn clause_rules() -> &'static [&'static dyn ClauseRule] {
    &[
        &creates_licence::CreatesLicence,
        &creates_penalty::CreatesPenalty,
        &creates_coercive_measure::CreatesCoerciveMeasure,
        &creates_fee::CreatesFee,
        &restricts_rights::RestrictsRights,
        &repealed_citation::RepealedCitation,
        &unknown_article::UnknownArticle,
        &unknown_law::UnknownLaw,
    ]
}

/// All document rules, in report order.
pub fn document_rules() -> &'static [&'static dyn DocumentRule] {
    &[
        &missing_effective_date::MissingEffectiveDate,
        &missing_validity_period::MissingValidityPeriod,
        &numbering_format::NumberingFormat,
    ]
}

/// Descriptions of every rule (for documentation and the UI).
pub fn all_rule_infos() -> Vec<&'static RuleInfo> {
    clause_rules()
        .iter()
        .map(|r| r.info())
        .chain(document_rules().iter().map(|r| r.info()))
        .collect()
}

/// Resolves the citations of a clause text.
pub fn resolve_citations(text: &str, corpus: &Corpus) -> Vec<ResolvedCitation> {
    crate::citation::extract(text)
        .into_iter()
        .map(|citation| {
            let resolution = crate::citation::resolve(&citation, corpus);
            ResolvedCitation {
                citation,
                resolution,
            }
        })
        .collect()
}

/// Runs the clause rules on a single clause text, for tests and the labelled set:
/// returns the ids of the rules that fire.
pub fn classify_clause(text: &str, corpus: &Corpus) -> Vec<&'static str> {
    let clause = Clause {
        id: "art_1".into(),
        article: Some(1),
        location: "第一条".into(),
        text: text.to_string(),
        line: 1,
    };
    let citations = resolve_citations(text, corpus);
    let ctx = ClauseContext {
        clause: &clause,
        citations: &citations,
        document_title: "",
    };
    let mut ids: Vec<&'static str> = clause_rules()
        .iter()
        .filter(|r| !r.check(&ctx).is_empty())
        .map(|r| r.info().id)
        .collect();
    ids.sort_unstable();
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_and_described() {
        let infos = all_rule_infos();
        let mut ids: Vec<&str> = infos.iter().map(|i| i.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), infos.len());
        assert!(infos.len() >= 11);
        for info in infos {
            assert!(
                !info.basis.is_empty() && !info.explanation.is_empty(),
                "{}",
                info.id
            );
        }
    }
}

//! `unknown_law`: a clause cites an act that is not in the corpus (information only:
//! local regulations, rules and documents are not in the corpus).

use super::{ClauseContext, ClauseRule, Finding, RuleInfo, Severity};
use crate::citation::Resolution;

/// The rule.
pub struct UnknownLaw;

/// Its description.
pub static INFO: RuleInfo = RuleInfo {
    id: "unknown_law",
    severity: Severity::Info,
    name: "援引依据未收录",
    basis: "国办发〔2018〕37号（合法性审核：制定依据是否合法有效）",
    explanation: "援引的法律法规或文件不在本系统法规库中，无法自动核验其效力和条文，请人工核实其名称、效力状态和条文序号。",
};

impl ClauseRule for UnknownLaw {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &ClauseContext<'_>) -> Vec<Finding> {
        ctx.citations
            .iter()
            .filter(|c| matches!(c.resolution, Resolution::NotInCorpus))
            .filter(|c| {
                ctx.document_title.is_empty() || !ctx.document_title.contains(&c.citation.title)
            })
            .map(|c| {
                Finding::at(
                    &INFO,
                    ctx.clause,
                    &c.citation.text,
                    format!(
                        "《{}》未收录于法规库。{}",
                        c.citation.title, INFO.explanation
                    ),
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::Corpus;
    use crate::rules::classify_clause;

    #[test]
    fn informs_about_acts_outside_the_corpus() {
        let corpus = Corpus::embedded();
        assert!(
            classify_clause("根据《某省物业管理条例》，制定本办法。", &corpus)
                .contains(&"unknown_law")
        );
        assert!(
            !classify_clause("根据《物业管理条例》，制定本办法。", &corpus)
                .contains(&"unknown_law")
        );
    }
}

//! `unknown_article`: a clause cites an article (款, 项) that the cited law does not have.

use super::{ClauseContext, ClauseRule, Finding, RuleInfo, Severity};
use crate::citation::Resolution;

/// The rule.
pub struct UnknownArticle;

/// Its description.
pub static INFO: RuleInfo = RuleInfo {
    id: "unknown_article",
    severity: Severity::Error,
    name: "援引条文不存在",
    basis: "国办发〔2018〕37号（合法性审核：制定依据是否准确）",
    explanation: "援引的条款在现行文本中不存在，可能是条文序号错误或援引了修订前的条文序号。请核对现行文本后改正。",
};

impl ClauseRule for UnknownArticle {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &ClauseContext<'_>) -> Vec<Finding> {
        ctx.citations
            .iter()
            .filter_map(|c| match &c.resolution {
                Resolution::UnknownArticle {
                    title,
                    missing,
                    max_article,
                } => Some(Finding::at(
                    &INFO,
                    ctx.clause,
                    &c.citation.text,
                    format!(
                        "《{title}》现行文本中没有{}（该法共{}条）。{}",
                        missing.join("、"),
                        max_article,
                        INFO.explanation
                    ),
                )),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::Corpus;
    use crate::rules::classify_clause;

    #[test]
    fn flags_missing_articles() {
        let corpus = Corpus::embedded();
        assert!(
            classify_clause("依照《行政处罚法》第九十五条处理。", &corpus)
                .contains(&"unknown_article")
        );
        assert!(
            !classify_clause("依照《行政处罚法》第十六条处理。", &corpus)
                .contains(&"unknown_article")
        );
    }
}

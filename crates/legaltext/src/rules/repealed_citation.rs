//! `repealed_citation`: a clause cites a law or regulation that has been repealed.

use super::{ClauseContext, ClauseRule, Finding, RuleInfo, Severity};
use crate::citation::Resolution;

/// The rule.
pub struct RepealedCitation;

/// Its description.
pub static INFO: RuleInfo = RuleInfo {
    id: "repealed_citation",
    severity: Severity::Error,
    name: "引用已废止的法律法规",
    basis: "《中华人民共和国立法法》第一百零三条；国办发〔2018〕37号（内容应当符合现行法律法规）",
    explanation: "规范性文件援引的依据已经废止，不能作为制定依据或执法依据。应当改为援引现行有效的法律、法规。",
};

impl ClauseRule for RepealedCitation {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &ClauseContext<'_>) -> Vec<Finding> {
        ctx.citations
            .iter()
            .filter_map(|c| match &c.resolution {
                Resolution::Repealed {
                    title,
                    repealed_by,
                    repeal_effective,
                } => {
                    let mut message = format!("《{title}》已废止");
                    if !repeal_effective.is_empty() {
                        message.push_str(&format!("（{repeal_effective}起）"));
                    }
                    if !repealed_by.is_empty() {
                        message.push_str(&format!("，由《{repealed_by}》取代或废止"));
                    }
                    message.push('。');
                    message.push_str(INFO.explanation);
                    Some(Finding::at(&INFO, ctx.clause, &c.citation.text, message))
                }
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
    fn flags_repealed_acts() {
        let corpus = Corpus::embedded();
        assert!(
            classify_clause("根据《信访条例》第三条，制定本办法。", &corpus)
                .contains(&"repealed_citation")
        );
        assert!(
            !classify_clause("根据《信访工作条例》，制定本办法。", &corpus)
                .contains(&"repealed_citation")
        );
    }
}

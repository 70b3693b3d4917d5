//! `missing_effective_date`: the document does not say when it takes effect.

use super::{DocumentRule, Finding, RuleInfo, Severity};
use crate::document::Document;

/// The rule.
pub struct MissingEffectiveDate;

/// Its description.
pub static INFO: RuleInfo = RuleInfo {
    id: "missing_effective_date",
    severity: Severity::Warning,
    name: "未规定施行日期",
    basis: "国办发〔2018〕37号（规范性文件应当明确施行日期）",
    explanation: "文件未载明施行日期。规范性文件应当明确施行日期（如“本办法自××××年×月×日起施行”），涉及公民、法人和其他组织权利义务的，一般应当为公布与施行之间留出必要的时间。",
};

/// Phrases that state a start date.
const MARKERS: &[&str] = &[
    "起施行",
    "起实施",
    "起执行",
    "起生效",
    "开始施行",
    "正式施行",
    "施行日期",
    "起试行",
];

impl DocumentRule for MissingEffectiveDate {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, document: &Document) -> Vec<Finding> {
        if document.clauses.is_empty() || MARKERS.iter().any(|m| document.text.contains(m)) {
            return Vec::new();
        }
        vec![Finding::document(
            &INFO,
            &document.title,
            INFO.explanation.to_string(),
        )]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse_document;

    #[test]
    fn detects_missing_start_date() {
        let (doc, _) = parse_document("某办法\n第一条 甲。\n第二条 乙。\n");
        assert_eq!(MissingEffectiveDate.check(&doc).len(), 1);
        let (doc, _) = parse_document("某办法\n第一条 甲。\n第二条 本办法自2025年1月1日起施行。\n");
        assert!(MissingEffectiveDate.check(&doc).is_empty());
    }
}

//! `missing_validity_period`: the document sets no validity period (有效期).

use super::{DocumentRule, Finding, RuleInfo, Severity};
use crate::document::Document;

/// The rule.
pub struct MissingValidityPeriod;

/// Its description.
pub static INFO: RuleInfo = RuleInfo {
    id: "missing_validity_period",
    severity: Severity::Warning,
    name: "未规定有效期",
    basis: "国办发〔2018〕37号及地方规范性文件管理规定（有效期一般不超过5年，暂行、试行不超过2年）",
    explanation: "文件未载明有效期。按照地方规范性文件管理实践，规范性文件应当规定有效期，一般不超过5年；名称冠以“暂行”“试行”的，一般不超过2年。建议增加“有效期至××××年×月×日”或“有效期×年”。",
};

const MARKERS: &[&str] = &["有效期", "有效至", "止失效", "日止", "届满失效", "自动失效"];

impl DocumentRule for MissingValidityPeriod {
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
    fn detects_missing_validity() {
        let (doc, _) = parse_document("某办法\n第一条 甲。\n第二条 本办法自2025年1月1日起施行。\n");
        assert_eq!(MissingValidityPeriod.check(&doc).len(), 1);
        let (doc, _) =
            parse_document("某办法\n第一条 甲。\n第二条 本办法自2025年1月1日起施行，有效期5年。\n");
        assert!(MissingValidityPeriod.check(&doc).is_empty());
    }
}

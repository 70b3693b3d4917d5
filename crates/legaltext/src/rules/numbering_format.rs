//! `numbering_format`: the document number (文号) is not of the form `X〔2024〕3号`.

use super::{DocumentRule, Finding, RuleInfo, Severity};
use crate::document::{Document, doc_number_well_formed};

/// The rule.
pub struct NumberingFormat;

/// Its description.
pub static INFO: RuleInfo = RuleInfo {
    id: "numbering_format",
    severity: Severity::Warning,
    name: "文号格式不规范",
    basis: "《党政机关公文格式》（GB/T 9704—2012）7.2.4；国办发〔2018〕37号（统一编号）",
    explanation: "发文字号应当由发文机关代字、年份和发文顺序号组成，年份用六角括号“〔〕”括入，序号不加“第”字、不编虚位（如“×政规〔2024〕3号”）。",
};

impl DocumentRule for NumberingFormat {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, document: &Document) -> Vec<Finding> {
        match &document.number {
            Some(number) if !doc_number_well_formed(number) => vec![Finding::document(
                &INFO,
                number,
                format!("文号“{number}”格式不规范。{}", INFO.explanation),
            )],
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse_document;

    #[test]
    fn checks_brackets_and_sequence() {
        let (doc, _) = parse_document("某政规[2024]3号\n某办法\n第一条 甲。\n第二条 乙。\n");
        assert_eq!(NumberingFormat.check(&doc).len(), 1);
        let (doc, _) = parse_document("某政规〔2024〕3号\n某办法\n第一条 甲。\n第二条 乙。\n");
        assert!(NumberingFormat.check(&doc).is_empty());
    }
}

//! `creates_coercive_measure`: a normative document may not create an administrative
//! coercive measure or enforcement method.

use super::detect::{Accepts, creation_findings, near, negated_in_segment};
use super::{ClauseContext, ClauseRule, Finding, RuleInfo, Severity};

/// The rule.
pub struct CreatesCoerciveMeasure;

/// Its description.
pub static INFO: RuleInfo = RuleInfo {
    id: "creates_coercive_measure",
    severity: Severity::Error,
    name: "设定行政强制",
    basis: "《中华人民共和国行政强制法》第十条第四款、第十三条；国办发〔2018〕37号",
    explanation: "根据《中华人民共和国行政强制法》第十条第四款，法律、法规以外的其他规范性文件不得设定行政强制措施；根据第十三条，行政强制执行由法律设定。建议删除查封、扣押、冻结、强制拆除、停水停电等强制内容，或援引设定该强制的法律、法规的具体条款。",
};

const TRIGGERS: &[&str] = &[
    "查封",
    "扣押",
    "冻结",
    "暂扣",
    "扣留",
    "强制拆除",
    "强制清除",
    "强制清理",
    "强制带离",
    "强制隔离",
    "强制收回",
    "强制执行",
    "强制扣缴",
    "强行",
    "代履行",
    "代为拆除",
    "代为清除",
    "停止供水",
    "停止供电",
    "停止供气",
    "停水",
    "停电",
    "断水",
    "断电",
    "拖移",
    "拖离",
    "拖走",
    "收缴",
    "限制人身自由",
    "强制收容",
];

const NEGATIONS: &[&str] = &["不得", "严禁", "禁止", "不予", "解除", "予以返还", "退还"];

/// What the sentence imposes, if it is a coercive measure.
pub fn trigger(sentence: &str) -> Option<&'static str> {
    // "查封、扣押的财物" names things already seized; it imposes nothing.
    let mut sentence = sentence.to_string();
    for done in ["查封、扣押的", "查封的", "扣押的", "冻结的", "暂扣的"] {
        sentence = sentence.replace(done, "");
    }
    let sentence = sentence.as_str();
    let hit = TRIGGERS.iter().find(|t| sentence.contains(**t))?;
    // 暂扣许可证 is a penalty (行政处罚法 第九条), not a coercive measure.
    if *hit == "暂扣" && (near(sentence, "暂扣", "许可证", 3) || near(sentence, "暂扣", "执照", 5))
    {
        return None;
    }
    // "收缴罚款" is collection of a penalty, not a measure.
    if *hit == "收缴" && sentence.contains("罚款") {
        return None;
    }
    if negated_in_segment(sentence, TRIGGERS, NEGATIONS) {
        return None;
    }
    Some("设定了行政强制措施或强制执行方式")
}

impl ClauseRule for CreatesCoerciveMeasure {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &ClauseContext<'_>) -> Vec<Finding> {
        creation_findings(&INFO, ctx, Accepts::CitationOrGeneric, trigger)
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::Corpus;
    use crate::rules::classify_clause;

    fn fires(text: &str) -> bool {
        classify_clause(text, &Corpus::embedded()).contains(&"creates_coercive_measure")
    }

    #[test]
    fn creation_and_restatement() {
        assert!(fires("对拒不改正的，城市管理部门可以暂扣其经营工具。"));
        assert!(fires(
            "对拒不缴纳物业费的业主，物业服务企业可以停止供水、供电。"
        ));
        assert!(!fires(
            "行政机关依照《中华人民共和国行政强制法》的规定实施查封、扣押。"
        ));
        assert!(!fires("任何单位不得采取停止供水、供电的方式催缴费用。"));
    }
}

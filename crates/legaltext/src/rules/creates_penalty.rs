//! `creates_penalty`: a normative document may not create an administrative penalty.

use super::detect::{Accepts, creation_findings, fixes_amount, near, negated_in_segment};
use super::{ClauseContext, ClauseRule, Finding, RuleInfo, Severity};

/// The rule.
pub struct CreatesPenalty;

/// Its description.
pub static INFO: RuleInfo = RuleInfo {
    id: "creates_penalty",
    severity: Severity::Error,
    name: "设定行政处罚",
    basis: "《中华人民共和国行政处罚法》第十六条；国办发〔2018〕37号",
    explanation: "根据《中华人民共和国行政处罚法》第十六条，除法律、法规、规章外，其他规范性文件不得设定行政处罚。建议删除该条款，或改为援引设定该处罚的法律、法规、规章的具体条款（如“依照《中华人民共和国××法》第×条的规定处罚”）。",
};

/// Phrases that impose a penalty (kinds listed in 行政处罚法 第九条).
const TRIGGERS: &[&str] = &[
    "罚款",
    "没收违法所得",
    "没收非法财物",
    "没收",
    "吊销",
    "暂扣许可证",
    "暂扣执照",
    "暂扣营业执照",
    "责令停产停业",
    "责令停业",
    "责令关闭",
    "通报批评",
    "降低资质等级",
    "行政拘留",
    "限制从业",
    "限制开展生产经营活动",
    "予以警告",
    "给予警告",
    "处警告",
    "予以处罚",
    "给予处罚",
    "给予行政处罚",
    "予以行政处罚",
    "处以",
];

/// Sentences about penalties that impose none: procedure, collection, publicity.
const NOT_IMPOSING: &[&str] = &[
    "罚款决定",
    "罚款收缴",
    "罚缴分离",
    "罚没",
    "处罚决定书",
    "处罚结果",
    "处罚信息",
    "设定行政处罚",
    "行政处罚的设定",
    "罚款的数额",
    "裁量基准",
];

const NEGATIONS: &[&str] = &["不得", "不予", "免予", "免于", "不再", "严禁", "可以不"];

/// What the sentence imposes, if anything.
pub fn trigger(sentence: &str) -> Option<&'static str> {
    if NOT_IMPOSING.iter().any(|m| sentence.contains(m)) && !fixes_amount(sentence) {
        return None;
    }
    let licence_suspended =
        near(sentence, "暂扣", "许可证", 3) || near(sentence, "暂扣", "执照", 5);
    let hit = match TRIGGERS.iter().find(|t| sentence.contains(**t)) {
        Some(hit) => hit,
        None if licence_suspended => &"暂扣许可证",
        None => return None,
    };
    if *hit == "处以" && !sentence.contains("罚") {
        return None;
    }
    if negated_in_segment(sentence, TRIGGERS, NEGATIONS) {
        return None;
    }
    Some("设定了行政处罚")
}

impl ClauseRule for CreatesPenalty {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, ctx: &ClauseContext<'_>) -> Vec<Finding> {
        creation_findings(&INFO, ctx, Accepts::CitationOrGenericWithoutAmount, trigger)
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::Corpus;
    use crate::rules::classify_clause;

    fn fires(text: &str) -> bool {
        classify_clause(text, &Corpus::embedded()).contains(&"creates_penalty")
    }

    #[test]
    fn creation_and_restatement() {
        assert!(fires(
            "对违反本规定的经营者，由市场监督管理部门处二千元以上一万元以下的罚款。"
        ));
        assert!(fires("逾期不改正的，由城市管理部门依法处五百元罚款。"));
        assert!(!fires(
            "违反本办法规定的，依照《中华人民共和国食品安全法》第一百二十四条的规定处罚。"
        ));
        assert!(!fires(
            "违反本规定的，按照《中华人民共和国道路交通安全法》的有关规定处理。"
        ));
        assert!(!fires("违反本办法规定的，由有关部门依法予以处罚。"));
        assert!(!fires("对首次轻微违法行为，不予行政处罚。"));
        assert!(!fires("罚款决定与罚款收缴分离。"));
    }
}

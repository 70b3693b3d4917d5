//! `creates_fee`: a normative document may not create an administrative fee or levy.

use super::detect::{Accepts, creation_findings, negated_in_segment};
use super::{ClauseContext, ClauseRule, Finding, RuleInfo, Severity};

/// The rule.
pub struct CreatesFee;

/// Its description.
pub static INFO: RuleInfo = RuleInfo {
    id: "creates_fee",
    severity: Severity::Error,
    name: "设定收费或征收",
    basis: "国办发〔2018〕37号（部分省份明确规范性文件不得设定行政征收、收费）",
    explanation: "行政事业性收费、征收项目须有法律、法规依据并按规定审批，规范性文件不得违法设定收费、保证金、押金或摊派（国办发〔2018〕37号，部分省份明确不得设定行政征收、收费）。建议删除该收费要求，或注明收费项目的法律、法规依据和批准文件。",
};

const TRIGGERS: &[&str] = &["收取", "缴纳", "交纳", "征收", "集资", "摊派", "缴存"];

const NEGATIONS: &[&str] = &[
    "不得",
    "免收",
    "免费",
    "不收取",
    "不再",
    "严禁",
    "禁止",
    "取消",
    "免除",
    "减免",
    "退还",
    "免征",
];

/// What the sentence charges, if it is a fee.
pub fn trigger(sentence: &str) -> Option<&'static str> {
    // A charge the sentence imposes, not one it says someone failed to pay (拒不缴纳).
    let imposed = TRIGGERS.iter().any(|t| {
        sentence.match_indices(t).any(|(i, _)| {
            let before = &sentence[..i];
            let tail: String = before
                .chars()
                .rev()
                .take(3)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            !["未", "拒", "欠", "逾期"].iter().any(|n| tail.contains(n))
        })
    });
    if !imposed {
        return None;
    }
    let charge = ["费", "押金", "保证金", "赞助", "集资", "摊派", "基金"]
        .iter()
        .any(|w| sentence.contains(w));
    if !charge {
        return None;
    }
    // Prices agreed between private parties are not government fees.
    if ["协商", "约定", "市场调节", "自愿"]
        .iter()
        .any(|w| sentence.contains(w))
    {
        return None;
    }
    if negated_in_segment(sentence, TRIGGERS, NEGATIONS) {
        return None;
    }
    Some("设定了收费（押金、保证金）或征收事项")
}

impl ClauseRule for CreatesFee {
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
        classify_clause(text, &Corpus::embedded()).contains(&"creates_fee")
    }

    #[test]
    fn creation_and_restatement() {
        assert!(fires(
            "申请设置户外广告的，应当向市城管局缴纳城市空间占用费。"
        ));
        assert!(fires("施工单位应当缴纳5万元渣土运输保证金。"));
        assert!(!fires("行政机关提供行政许可申请书格式文本，不得收费。"));
        assert!(!fires("物业服务收费由业主和物业服务企业协商确定。"));
        assert!(!fires("按照国家规定的标准收取污水处理费。"));
    }
}

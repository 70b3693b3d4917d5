//! `creates_licence`: a normative document may not create an administrative licence.

use super::detect::{Accepts, creation_findings, near, negated_in_segment};
use super::{ClauseContext, ClauseRule, Finding, RuleInfo, Severity};

/// The rule.
pub struct CreatesLicence;

/// Its description.
pub static INFO: RuleInfo = RuleInfo {
    id: "creates_licence",
    severity: Severity::Error,
    name: "设定行政许可",
    basis: "《中华人民共和国行政许可法》第十七条；国办发〔2018〕37号",
    explanation: "根据《中华人民共和国行政许可法》第十七条，除该法第十四条、第十五条规定的外，其他规范性文件一律不得设定行政许可，也不得增设行政许可条件。建议删除该审批、许可或变相许可（如备案后方可、须经同意）要求，或援引设定该许可的法律、法规的具体条款。",
};

const TRIGGERS: &[&str] = &[
    "批准后方可",
    "审批后方可",
    "许可后方可",
    "核准后方可",
    "同意后方可",
    "备案后方可",
    "审核后方可",
    "登记后方可",
    "审查后方可",
    "后方可从事",
    "后方可经营",
    "后方可营业",
    "后方可开工",
    "后方可施工",
    "后方可开展",
    "后方可进入",
    "未经批准",
    "未经许可",
    "未经审批",
    "未经核准",
    "未经同意",
    "未经备案",
    "未经审核",
    "未取得许可",
    "取得许可",
    "实行许可",
    "实行审批",
    "实行准入",
    "实行审批制度",
    "许可制度",
    "准入制度",
    "申请许可",
    "申请审批",
    "申请批准",
    "办理审批",
    "审批手续",
    "批准手续",
    "许可手续",
    "核准手续",
    "报经",
    "准营证",
    "准运证",
    "准入证",
];

const NEGATIONS: &[&str] = &[
    "不得要求",
    "不得设定",
    "不得增设",
    "不得另行",
    "无需",
    "无须",
    "不需",
    "取消",
    "不再",
    "免于",
    "免予",
    "改革",
    "精简",
];

/// What the sentence requires, if it is a licence.
pub fn trigger(sentence: &str) -> Option<&'static str> {
    // "违反本办法规定，未经批准擅自…的，处…" describes an offence against a requirement
    // set elsewhere; the requirement, not the penalty clause, is what may create a licence.
    if sentence.starts_with("违反") || sentence.contains("擅自") {
        return None;
    }
    let weak = ["须经", "应当经", "必须经", "应经"].iter().any(|p| {
        sentence.match_indices(p).any(|(i, _)| {
            let next = sentence[i + p.len()..].chars().next();
            !matches!(
                next,
                Some('营' | '济' | '费' | '常' | '过' | '历' | '手' | '办')
            )
        })
    }) && ["批准", "同意", "审批", "许可", "核准", "审核", "审查"]
        .iter()
        .any(|w| sentence.contains(w));
    let certificate = ["取得", "申领", "领取", "办理", "持有"]
        .iter()
        .any(|v| near(sentence, v, "许可证", 20) || near(sentence, v, "批准文件", 20));
    let strong = TRIGGERS.iter().any(|t| sentence.contains(t));
    let unapproved = ["同意", "批准", "许可", "审批", "核准", "审核"]
        .iter()
        .any(|w| near(sentence, "未经", w, 15));
    if !(weak || certificate || strong || unapproved) {
        return None;
    }
    let all: Vec<&str> = TRIGGERS
        .iter()
        .copied()
        .chain(["须经", "应当经", "必须经", "许可证", "批准", "未经"])
        .collect();
    if negated_in_segment(sentence, &all, NEGATIONS) {
        return None;
    }
    Some("设定了行政许可（审批）事项")
}

impl ClauseRule for CreatesLicence {
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
        classify_clause(text, &Corpus::embedded()).contains(&"creates_licence")
    }

    #[test]
    fn creation_and_restatement() {
        assert!(fires("在本市从事废旧物品回收经营的，须经区商务部门批准。"));
        assert!(fires(
            "未经市城市管理部门同意，任何单位和个人不得设置户外广告。"
        ));
        assert!(fires("经营者应当向街道办事处备案，备案后方可营业。"));
        assert!(!fires("从事食品生产经营活动，应当依法取得许可。"));
        assert!(!fires(
            "行政机关不得要求申请人提交与其申请的行政许可事项无关的材料。"
        ));
        assert!(!fires("取消企业投资项目前置审批，不再要求提交批准文件。"));
    }
}

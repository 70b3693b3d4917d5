//! `restricts_rights`: a normative document may not, without legal basis, reduce the
//! rights or add to the obligations of citizens and organisations.

use super::detect::{Accepts, creation_findings, near, negated_in_segment};
use super::{ClauseContext, ClauseRule, Finding, RuleInfo, Severity};

/// The rule.
pub struct RestrictsRights;

/// Its description.
pub static INFO: RuleInfo = RuleInfo {
    id: "restricts_rights",
    severity: Severity::Warning,
    name: "减损权利或增加义务",
    basis: "《中华人民共和国立法法》第九十一条第二款；国办发〔2018〕37号",
    explanation: "根据国办发〔2018〕37号，行政规范性文件不得违法减损公民、法人和其他组织的合法权益或者增加其义务，不得违法设置市场准入和退出条件、排除或限制公平竞争（参照《中华人民共和国立法法》第九十一条第二款对部门规章的要求）。请核实该限制是否有法律、法规依据；没有依据的应当删除。",
};

const TRIGGERS: &[&str] = &[
    "黑名单",
    "联合惩戒",
    "失信惩戒",
    "限制其",
    "限制乘坐",
    "限制出境",
    "限制入学",
    "限制高消费",
    "限制参加",
    "限制参与",
    "取消其",
    "不得参加",
    "不得参与",
    "不得报名",
    "不得享受",
    "不得录用",
    "不予办理",
    "暂停办理",
    "停止办理",
    "不予受理",
    "不予录用",
    "本地户籍",
    "本市户籍",
    "外地企业",
    "外地经营者",
    "外地产品",
    "非本地",
    "在本市设立分支机构",
    "在本地设立分支机构",
    "在本市注册",
    "本地注册",
    "指定的企业",
    "指定企业",
    "指定的商品",
    "指定的产品",
    "指定的服务",
    "无犯罪记录证明",
    "个人信用承诺",
    "须提供",
    "优先采购本地",
];

const NEGATIONS: &[&str] = &[
    "不得限制",
    "不得要求",
    "不得设置",
    "不得指定",
    "不得以",
    "不得歧视",
    "不得排斥",
    "不得违法",
    "严禁",
    "禁止指定",
    "不得强制",
    "依申请",
];

/// What the sentence restricts, if anything.
pub fn trigger(sentence: &str) -> Option<&'static str> {
    let qualification = near(sentence, "取消", "资格", 12);
    if !(qualification || TRIGGERS.iter().any(|t| sentence.contains(t))) {
        return None;
    }
    let all: Vec<&str> = TRIGGERS.iter().copied().chain(["取消"]).collect();
    if negated_in_segment(sentence, &all, NEGATIONS) {
        return None;
    }
    Some("限制了公民、法人或其他组织的权利或增加了其义务")
}

impl ClauseRule for RestrictsRights {
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
        classify_clause(text, &Corpus::embedded()).contains(&"restricts_rights")
    }

    #[test]
    fn creation_and_restatement() {
        assert!(fires(
            "对拖欠物业费的业主，纳入黑名单，其子女不得报名本市公办学校。"
        ));
        assert!(fires(
            "外地企业参与本市政府投资项目投标的，须在本市设立分支机构。"
        ));
        assert!(!fires("行政机关不得限制外地经营者参加本地招标投标活动。"));
        assert!(!fires("对严重失信主体，依法依规实施联合惩戒。"));
    }
}

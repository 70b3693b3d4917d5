//! The record kinds indicators count and the fields of their facts: the contract between the
//! modules that own the records (which fill a [`Fact`](super::Fact) when a record changes, see
//! [`from_records`](super::from_records)) and the catalogue (whose filters name these fields).
//!
//! Booleans that need the calendar (`decided_late`, `filed_on_time`) are worked out by the
//! record's own module with the department's configured periods, so that a filter never has to
//! count working days. Codes are stable ASCII.

/// The type of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldType {
    /// Yes or no.
    Bool,
    /// A whole number (counts, amounts in fen, ids).
    Int,
    /// A calendar date.
    Date,
    /// One code of the list.
    Code(&'static [&'static str]),
    /// A set of codes of the list.
    Codes(&'static [&'static str]),
}

/// One field of a record kind's fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldSpec {
    /// Field name.
    pub name: &'static str,
    /// Type.
    pub ty: FieldType,
    /// What it holds.
    pub doc: &'static str,
}

/// A record kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RecordKind {
    /// Stable ASCII name (GLOSSARY.md).
    pub name: &'static str,
    /// Chinese name.
    pub name_zh: &'static str,
    /// Fields of its fact.
    pub fields: &'static [FieldSpec],
    /// Whether the platform keeps these records yet.
    pub available: bool,
}

impl RecordKind {
    /// A field by name.
    pub fn field(&self, name: &str) -> Option<&'static FieldSpec> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// A record kind by name.
pub fn record(name: &str) -> Option<&'static RecordKind> {
    RECORDS.iter().find(|r| r.name == name)
}

const fn field(name: &'static str, ty: FieldType, doc: &'static str) -> FieldSpec {
    FieldSpec { name, ty, doc }
}

use FieldType::{Bool, Code, Codes, Date, Int};

/// The six groups of sanctions of 行政处罚法 第九条, items (一) to (六).
pub const SANCTION_GROUPS: &[&str] = &[
    "reprimand",
    "property",
    "qualification",
    "conduct",
    "detention",
    "other",
];

/// Outcomes of 行政处罚法 第五十七条第一款 (`penalty::Outcome::as_str`).
pub const PENALTY_OUTCOMES: &[&str] = &[
    "penalty",
    "no_penalty_minor",
    "no_penalty_not_established",
    "transfer_to_judiciary",
];

/// Decisions of 行政复议法 第六十三条至第七十四条 and 第三十三条 (STATUTES.md §6.3).
pub const RECONSIDERATION_OUTCOMES: &[&str] = &[
    "change",
    "revoke",
    "confirm_unlawful",
    "order_performance",
    "confirm_void",
    "maintain",
    "dismiss_claim",
    "dismiss_application",
    "agreement_liability",
    "compensation",
    "mediated",
    "terminated_settled",
    "terminated",
];

/// First-instance outcomes of 行政诉讼法 第六十二条、第六十九条至第七十八条 (STATUTES.md §7.1).
pub const LITIGATION_OUTCOMES: &[&str] = &[
    "dismiss_claim",
    "revoke",
    "order_performance",
    "order_payment",
    "confirm_unlawful",
    "confirm_void",
    "change",
    "agreement_liability",
    "compensation",
    "dismiss_suit",
    "withdrawn",
    "withdrawn_after_change",
];

/// Every record kind an indicator counts.
pub static RECORDS: &[RecordKind] = &[
    RecordKind {
        name: "penalty_case",
        name_zh: "行政处罚案件（普通程序）",
        available: true,
        fields: &[
            field("department_id", Int, "承办部门"),
            field("registered_on", Date, "案源登记日"),
            field("opened_on", Date, "立案日"),
            field(
                "opened_on_time",
                Bool,
                "在配置的立案期限内立案（默认十五个工作日，市场监管规定〔secondary〕）；未配置期限时不填",
            ),
            field("noticed_on", Date, "（最后一次）事先告知送达日"),
            field(
                "hearing_right_due",
                Bool,
                "拟作出的处罚属第六十三条应告知听证权利的情形",
            ),
            field("hearing_right_notified", Bool, "告知书告知了听证权利"),
            field("hearing_requested", Bool, "当事人申请了听证"),
            field("hearing_held", Bool, "举行了听证"),
            field(
                "review_required",
                Bool,
                "第五十八条或法制审核目录要求法制审核",
            ),
            field("review_passed", Bool, "法制审核通过"),
            field("reviewed_on", Date, "法制审核通过日"),
            field("decided_on", Date, "决定日"),
            field(
                "outcome",
                Code(PENALTY_OUTCOMES),
                "第五十七条第一款的决定类型",
            ),
            field(
                "sanction_groups",
                Codes(SANCTION_GROUPS),
                "处罚种类（第九条各项）",
            ),
            field(
                "fines_and_confiscations_fen",
                Int,
                "罚款与没收违法所得金额（分），不含没收非法财物的估值",
            ),
            field(
                "decided_late",
                Bool,
                "超过第六十条期限（含依法延长）作出决定",
            ),
            field("served_on", Date, "决定书送达日"),
            field("closed_on", Date, "结案日"),
        ],
    },
    RecordKind {
        name: "summary_penalty",
        name_zh: "当场行政处罚决定（简易程序）",
        available: true,
        fields: &[
            field("department_id", Int, "作出决定的部门"),
            field("decided_on", Date, "决定日"),
            field("sanction", Code(&["warning", "fine"]), "警告或罚款"),
            field(
                "sanction_groups",
                Codes(SANCTION_GROUPS),
                "处罚种类（第九条各项）",
            ),
            field("fines_and_confiscations_fen", Int, "罚款金额（分）"),
            field("collected_on_the_spot", Bool, "当场收缴罚款"),
        ],
    },
    RecordKind {
        name: "officer",
        name_zh: "行政执法人员",
        available: true,
        fields: &[
            field("department_id", Int, "所在部门"),
            field("listed_on", Date, "列入执法人员名册之日"),
            field("left_on", Date, "调离名册之日（当日起不在册）"),
            field("certificate_issued_on", Date, "执法证发证日"),
            field("certificate_expires_on", Date, "执法证有效期至（含当日）"),
            field(
                "certificate_standing",
                Code(&["in_force", "suspended", "revoked"]),
                "执法证状态（有效、暂扣、吊销）",
            ),
            field("legal_review_qualified", Bool, "具备法制审核资格"),
        ],
    },
    RecordKind {
        name: "power",
        name_zh: "权责清单事项（一段实施期间）",
        available: true,
        fields: &[
            field("in_force_from", Date, "开始实施（新增或承接）之日"),
            field(
                "in_force_until",
                Date,
                "停止实施（取消或下放）之日，当日起不再实施",
            ),
            field(
                "power_type",
                Code(&[
                    "penalty",
                    "licence",
                    "coercive_measure",
                    "inspection",
                    "levy",
                    "benefit",
                    "confirmation",
                    "reward",
                    "adjudication",
                    "other",
                ]),
                "权力类型",
            ),
        ],
    },
    RecordKind {
        name: "inspection",
        name_zh: "行政检查",
        available: true,
        fields: &[
            field("planned_on", Date, "计划检查日"),
            field("conducted_on", Date, "实施检查日"),
            field(
                "result",
                Code(&["compliant", "ordered_to_rectify", "case_or_transfer"]),
                "检查结果",
            ),
            field("random", Bool, "双随机抽取的检查"),
            field("closed_on", Date, "办结日"),
        ],
    },
    RecordKind {
        name: "legal_review",
        name_zh: "法制审核意见",
        available: true,
        fields: &[
            field("reviewed_on", Date, "出具意见日"),
            field("opinion", Code(&["approve", "problems"]), "同意或存在问题"),
            field("round", Int, "第几次送审"),
        ],
    },
    RecordKind {
        name: "disclosure",
        name_zh: "行政执法决定公示",
        available: true,
        fields: &[
            field("decided_on", Date, "执法决定作出日"),
            field(
                "decision_kind",
                Code(&["penalty", "licence", "other"]),
                "决定类型",
            ),
            field("published_on", Date, "公示日"),
            field(
                "published_on_time",
                Bool,
                "在配置的公示期限内公示（默认处罚、许可七个工作日，其他二十个工作日）",
            ),
            field("withdrawn_on", Date, "撤回公示日"),
        ],
    },
    RecordKind {
        name: "major_penalty_filing",
        name_zh: "重大行政处罚备案",
        available: true,
        fields: &[
            field("decided_on", Date, "处罚决定日"),
            field("filed_on", Date, "报送备案日"),
            field("filed_on_time", Bool, "在地方规定的期限内报送备案"),
        ],
    },
    RecordKind {
        name: "case_file_review",
        name_zh: "行政执法案卷评查",
        available: true,
        fields: &[
            field("reviewed_on", Date, "评查日"),
            field("score", Int, "得分"),
            field("max_score", Int, "满分"),
            field("passed", Bool, "达到配置的合格线"),
        ],
    },
    RecordKind {
        name: "recorded_action",
        name_zh: "应全程音像记录的执法活动",
        available: false,
        fields: &[
            field("acted_on", Date, "执法活动日"),
            field("av_required", Bool, "属于应全程音像记录的活动"),
            field("av_attached", Bool, "已附音像记录"),
        ],
    },
    RecordKind {
        name: "licence_application",
        name_zh: "行政许可申请",
        available: false,
        fields: &[
            field("received_on", Date, "受理日"),
            field("decided_on", Date, "决定日"),
            field("decided_on_time", Bool, "在法定期限内作出决定"),
            field("legal_days", Int, "法定办理时限（工作日）"),
            field("saved_days", Int, "法定时限减去实际用时（工作日）"),
        ],
    },
    RecordKind {
        name: "normative_document",
        name_zh: "行政规范性文件",
        available: true,
        fields: &[
            field("issued_on", Date, "公布日"),
            field("legality_reviewed", Bool, "提交集体审议前经合法性审核"),
            field("filing_required", Bool, "应当报送备案"),
            field("filed_on", Date, "报送备案日"),
            field(
                "filed_on_time",
                Bool,
                "在配置的期限内报送备案（默认公布之日起三十日）",
            ),
            field("filing_conforming", Bool, "备案材料齐全、格式规范"),
        ],
    },
    RecordKind {
        name: "document_review",
        name_zh: "规范性文件合法性审核",
        available: true,
        fields: &[
            field("received_on", Date, "收到送审稿日"),
            field("reviewed_on", Date, "出具审核意见日"),
            field(
                "opinion",
                Code(&["lawful", "unlawful", "amend"]),
                "合法、不合法或应予修改",
            ),
        ],
    },
    RecordKind {
        name: "filing_review",
        name_zh: "规范性文件备案审查",
        available: false,
        fields: &[
            field("registered_on", Date, "登记日"),
            field("concluded_on", Date, "审查完毕日"),
            field(
                "outcome",
                Code(&["no_problem", "corrected", "annulled"]),
                "审查结论：无问题、纠正、撤销",
            ),
        ],
    },
    RecordKind {
        name: "review_request",
        name_zh: "规范性文件审查建议",
        available: false,
        fields: &[
            field("received_on", Date, "收到日"),
            field("answered_on", Date, "答复日"),
        ],
    },
    RecordKind {
        name: "document_cleanup",
        name_zh: "规范性文件清理结果",
        available: false,
        fields: &[
            field("decided_on", Date, "清理结果公布日"),
            field(
                "result",
                Code(&["keep", "amend", "repeal", "lapse"]),
                "继续有效、修改、废止、宣布失效",
            ),
        ],
    },
    RecordKind {
        name: "major_decision",
        name_zh: "重大行政决策事项",
        available: false,
        fields: &[
            field("listed_on", Date, "列入决策事项目录之日"),
            field("decided_on", Date, "作出决策日"),
            field("legality_reviewed", Bool, "讨论前经合法性审查"),
            field("collective", Bool, "经常务会议或全体会议讨论决定"),
            field("public_participation_required", Bool, "应当公众参与"),
            field("public_participation_held", Bool, "履行了公众参与程序"),
            field("expert_review_required", Bool, "应当专家论证"),
            field("expert_review_held", Bool, "履行了专家论证程序"),
            field("risk_assessment_required", Bool, "应当风险评估"),
            field("risk_assessment_held", Bool, "履行了风险评估程序"),
        ],
    },
    RecordKind {
        name: "post_evaluation",
        name_zh: "重大行政决策后评估",
        available: false,
        fields: &[field("evaluated_on", Date, "评估报告完成日")],
    },
    RecordKind {
        name: "reconsideration_case",
        name_zh: "行政复议案件",
        available: false,
        fields: &[
            field("received_on", Date, "收到申请日（补正后）"),
            field("accepted", Bool, "受理"),
            field("accepted_on", Date, "受理日"),
            field("rejected", Bool, "不予受理"),
            field("simple_procedure", Bool, "适用简易程序"),
            field("concluded_on", Date, "审结日"),
            field("outcome", Code(RECONSIDERATION_OUTCOMES), "决定类型"),
            field("respondent_corrected", Bool, "调解、和解中被申请人自行纠正"),
            field("concluded_on_time", Bool, "扣除中止期间后在法定期限内审结"),
            field(
                "concluded_on_time_counting_suspension",
                Bool,
                "不扣除中止期间仍在期限内审结",
            ),
            field("answered_on_time", Bool, "被申请人在期限内答复"),
        ],
    },
    RecordKind {
        name: "litigation_case",
        name_zh: "行政应诉案件（一审）",
        available: false,
        fields: &[
            field("received_on", Date, "收到起诉状副本日"),
            field("concluded_on", Date, "审结日"),
            field("outcome", Code(LITIGATION_OUTCOMES), "裁判结果"),
            field("judgment", Bool, "以判决结案"),
            field("heard_in_court", Bool, "开庭审理"),
            field("appearance_notified", Bool, "法院发出负责人出庭通知"),
            field("head_appeared", Bool, "负责人出庭（每审级至少一次开庭）"),
            field("principal_head_appeared", Bool, "正职负责人出庭"),
            field("sessions", Int, "开庭次数"),
            field("sessions_head_appeared", Int, "负责人出庭的庭次"),
            field("answered_on_time", Bool, "在十五日内提交答辩状"),
            field("adverse_effective", Bool, "生效裁判对行政机关不利、需履行"),
            field("complied", Bool, "已履行生效裁判"),
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_codes_nonempty() {
        for (i, r) in RECORDS.iter().enumerate() {
            assert!(
                RECORDS[..i].iter().all(|o| o.name != r.name),
                "{} twice",
                r.name
            );
            for (j, f) in r.fields.iter().enumerate() {
                assert!(
                    r.fields[..j].iter().all(|o| o.name != f.name),
                    "{}.{} twice",
                    r.name,
                    f.name
                );
                if let Code(codes) | Codes(codes) = f.ty {
                    assert!(!codes.is_empty());
                }
            }
        }
    }
}

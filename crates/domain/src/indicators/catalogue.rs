//! The indicator catalogue: every indicator of STATUTES.md §17 whose records the platform keeps
//! (enforcement and normative documents), and the reconsideration, litigation and major-decision
//! indicators with their variants, declared now and marked unavailable until their records exist.
//!
//! Each constant names, in its doc comment, the law and article behind what it counts; the
//! formulas themselves are \[practice\] (§17: no national formula) unless said otherwise. Each
//! available indicator has a test named after it at the bottom of this file.

use std::sync::LazyLock;

use crate::deadline_rules::Certainty::{self, Memory, Practice, Secondary};
use crate::enforcement::{GUOBAN_118, PENALTY_LAW};

use super::Area::{Enforcement, Litigation, MajorDecisions, NormativeDocuments, Reconsideration};
use super::DateBasis::{Closing, Decision, Event, Opening, Receipt};
use super::{
    Area, Cond, DateBasis, DateRef, Filter, Indicator, Lit, Measure, PeriodRule, Quantity, Source,
    Unit, Variant,
};

/// Default minimum denominator for ranking a rate \[practice\]: below 10 cases one case moves a
/// rate by more than ten points.
pub const DEFAULT_MIN_VOLUME_RATE: i64 = 10;

const LICENCE_LAW: &str = "中华人民共和国行政许可法";
const RECONSIDERATION_LAW: &str = "中华人民共和国行政复议法";
const LITIGATION_LAW: &str = "中华人民共和国行政诉讼法";
const HEAD_APPEARANCE_RULES: &str = "最高人民法院关于行政机关负责人出庭应诉若干问题的规定";
const DECISION_REGULATION: &str = "重大行政决策程序暂行条例";
const GUOBAN_37: &str =
    "国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知（国办发〔2018〕37号）";
const GUOBAN_115: &str =
    "国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见（国办发〔2018〕115号）";

const fn src(
    law: &'static str,
    article: &'static str,
    certainty: Certainty,
    note: &'static str,
) -> Source {
    Source {
        law,
        article,
        certainty,
        note,
    }
}

const fn dated(basis: DateBasis, field: &'static str) -> PeriodRule {
    PeriodRule::Dated { basis, field }
}

const fn records(of: &'static [Filter]) -> Quantity {
    Quantity::Records(of)
}

const fn of(record: &'static str, conditions: &'static [Cond]) -> Filter {
    Filter { record, conditions }
}

/// A count (or amount) indicator, available, with the default minimum volume.
#[expect(clippy::too_many_arguments, reason = "a table row")]
const fn total(
    id: &'static str,
    name: &'static str,
    definition: &'static str,
    area: Area,
    unit: Unit,
    quantity: Quantity,
    period: PeriodRule,
    source: Source,
) -> Indicator {
    Indicator {
        id,
        name,
        definition,
        area,
        unit,
        measure: Measure::Total(quantity),
        period,
        variants: &[],
        min_volume: 0,
        source,
        available: true,
        variant_of: None,
    }
}

/// A rate indicator, available, with the default minimum volume.
#[expect(clippy::too_many_arguments, reason = "a table row")]
const fn rate(
    id: &'static str,
    name: &'static str,
    definition: &'static str,
    area: Area,
    numerator: Quantity,
    denominator: Quantity,
    period: PeriodRule,
    source: Source,
) -> Indicator {
    Indicator {
        id,
        name,
        definition,
        area,
        unit: Unit::Percent,
        measure: Measure::Rate {
            numerator,
            denominator,
        },
        period,
        variants: &[],
        min_volume: DEFAULT_MIN_VOLUME_RATE,
        source,
        available: true,
        variant_of: None,
    }
}

impl Indicator {
    const fn unavailable(self) -> Indicator {
        Indicator {
            available: false,
            ..self
        }
    }

    const fn with_variants(self, variants: &'static [Variant]) -> Indicator {
        Indicator { variants, ..self }
    }
}

// Conditions and filters shared by several indicators.

const fn yes(field: &'static str) -> Cond {
    Cond::Is(field, Lit::Bool(true))
}

const fn no(field: &'static str) -> Cond {
    Cond::Is(field, Lit::Bool(false))
}

const fn code(field: &'static str, value: &'static str) -> Cond {
    Cond::Is(field, Lit::Text(value))
}

const PENALTY_IMPOSED: Cond = code("outcome", "penalty");
const ORDINARY_PENALTIES: Filter = of("penalty_case", &[PENALTY_IMPOSED]);
const SUMMARY_PENALTIES: Filter = of("summary_penalty", &[]);
const BY_DECISION: PeriodRule = dated(Decision, "decided_on");
const ROSTER: PeriodRule = PeriodRule::YearEnd {
    since: "listed_on",
    until: Some("left_on"),
};
const CERTIFICATE_VALID_AT_YEAR_END: &[Cond] = &[
    code("certificate_standing", "in_force"),
    Cond::OnOrBefore("certificate_issued_on", DateRef::YearEnd),
    Cond::OnOrAfter("certificate_expires_on", DateRef::YearEnd),
];

// ---------------------------------------------------------------------------------------------
// Enforcement (行政执法)
// ---------------------------------------------------------------------------------------------

/// 行政处罚法 第五十四条第二款 (符合立案标准的，应当及时立案): ordinary-procedure cases opened in
/// the year.
pub const CASES_OPENED: Indicator = total(
    "enforcement.cases_opened",
    "行政处罚立案数",
    "当年立案的普通程序行政处罚案件数",
    Enforcement,
    Unit::Count("件"),
    records(&[of("penalty_case", &[])]),
    dated(Opening, "opened_on"),
    src(
        PENALTY_LAW,
        "第五十四条第二款",
        Practice,
        "STATUTES.md §2.5 立案数",
    ),
);

/// 行政处罚法 第五十七条第一款第一项 and 第五十一条: penalty decisions of the year, ordinary and
/// on-the-spot (行政处罚案件数).
pub const PENALTY_DECISIONS: Indicator = total(
    "enforcement.penalty_decisions",
    "行政处罚决定数",
    "当年作出的行政处罚决定数（普通程序给予处罚的决定与简易程序当场处罚决定之和）",
    Enforcement,
    Unit::Count("件"),
    records(&[ORDINARY_PENALTIES, SUMMARY_PENALTIES]),
    BY_DECISION,
    src(
        PENALTY_LAW,
        "第五十七条第一款第一项、第五十一条",
        Practice,
        "STATUTES.md §17 行政处罚案件数",
    ),
);

/// 行政处罚法 第五十七条第一款第一项: penalty decisions under the ordinary procedure.
pub const PENALTY_DECISIONS_ORDINARY: Indicator = total(
    "enforcement.penalty_decisions_ordinary",
    "普通程序行政处罚决定数",
    "当年按普通程序作出的给予行政处罚的决定数",
    Enforcement,
    Unit::Count("件"),
    records(&[ORDINARY_PENALTIES]),
    BY_DECISION,
    src(
        PENALTY_LAW,
        "第五十七条第一款第一项",
        Practice,
        "STATUTES.md §17 行政处罚案件数（按简易/普通）",
    ),
);

/// 行政处罚法 第五十一条、第五十二条: on-the-spot decisions under the summary procedure.
pub const PENALTY_DECISIONS_SUMMARY: Indicator = total(
    "enforcement.penalty_decisions_summary",
    "简易程序行政处罚决定数",
    "当年按简易程序当场作出的行政处罚决定数",
    Enforcement,
    Unit::Count("件"),
    records(&[SUMMARY_PENALTIES]),
    BY_DECISION,
    src(
        PENALTY_LAW,
        "第五十一条、第五十二条",
        Practice,
        "STATUTES.md §17 行政处罚案件数（按简易/普通）",
    ),
);

macro_rules! sanction_group {
    ($name:ident, $id:literal, $zh:literal, $group:literal, $article:literal, $doc:literal) => {
        #[doc = $doc]
        pub const $name: Indicator = total(
            $id,
            $zh,
            concat!(
                "当年作出的行政处罚决定中，处罚种类属于行政处罚法",
                $article,
                "的决定数（一个决定可有多个种类）"
            ),
            Enforcement,
            Unit::Count("件"),
            records(&[
                of(
                    "penalty_case",
                    &[PENALTY_IMPOSED, Cond::Has("sanction_groups", $group)],
                ),
                of("summary_penalty", &[Cond::Has("sanction_groups", $group)]),
            ]),
            BY_DECISION,
            src(
                PENALTY_LAW,
                $article,
                Practice,
                "STATUTES.md §17 行政处罚案件数（按第九条种类）",
            ),
        );
    };
}

sanction_group!(
    PENALTY_DECISIONS_REPRIMAND,
    "enforcement.penalty_decisions_reprimand",
    "警告、通报批评决定数",
    "reprimand",
    "第九条第一项",
    "行政处罚法 第九条第一项 (警告、通报批评): decisions imposing a reprimand."
);
sanction_group!(
    PENALTY_DECISIONS_PROPERTY,
    "enforcement.penalty_decisions_property",
    "罚款、没收违法所得、没收非法财物决定数",
    "property",
    "第九条第二项",
    "行政处罚法 第九条第二项 (罚款、没收违法所得、没收非法财物): decisions imposing a fine or a confiscation."
);
sanction_group!(
    PENALTY_DECISIONS_QUALIFICATION,
    "enforcement.penalty_decisions_qualification",
    "暂扣许可证件、降低资质等级、吊销许可证件决定数",
    "qualification",
    "第九条第三项",
    "行政处罚法 第九条第三项 (暂扣许可证件、降低资质等级、吊销许可证件): decisions on licences and qualifications."
);
sanction_group!(
    PENALTY_DECISIONS_CONDUCT,
    "enforcement.penalty_decisions_conduct",
    "限制开展生产经营活动、责令停产停业、责令关闭、限制从业决定数",
    "conduct",
    "第九条第四项",
    "行政处罚法 第九条第四项 (限制开展生产经营活动、责令停产停业、责令关闭、限制从业): decisions restricting conduct."
);
sanction_group!(
    PENALTY_DECISIONS_DETENTION,
    "enforcement.penalty_decisions_detention",
    "行政拘留决定数",
    "detention",
    "第九条第五项",
    "行政处罚法 第九条第五项 (行政拘留): detention decisions."
);
sanction_group!(
    PENALTY_DECISIONS_OTHER_KIND,
    "enforcement.penalty_decisions_other_kind",
    "法律、行政法规规定的其他行政处罚决定数",
    "other",
    "第九条第六项",
    "行政处罚法 第九条第六项 (法律、行政法规规定的其他行政处罚): decisions of other kinds."
);

/// 行政处罚法 第三十三条第一款 and 第五十七条第一款第二项: decisions not to impose a penalty on a
/// minor violation (不予处罚, the 免罚清单 count).
pub const NO_PENALTY_DECISIONS: Indicator = total(
    "enforcement.no_penalty_decisions",
    "不予行政处罚决定数",
    "当年因违法行为轻微依法作出不予行政处罚决定的案件数",
    Enforcement,
    Unit::Count("件"),
    records(&[of("penalty_case", &[code("outcome", "no_penalty_minor")])]),
    BY_DECISION,
    src(
        PENALTY_LAW,
        "第三十三条第一款、第五十七条第一款第二项",
        Practice,
        "STATUTES.md §2.5 不予处罚 count",
    ),
);

/// 行政处罚法 第二十七条 and 第五十七条第一款第四项: cases transferred to the judiciary as
/// suspected crimes (涉嫌犯罪移送数).
pub const TRANSFERS_TO_JUDICIARY: Indicator = total(
    "enforcement.transfers_to_judiciary",
    "涉嫌犯罪移送司法机关案件数",
    "当年因涉嫌犯罪决定移送司法机关的案件数",
    Enforcement,
    Unit::Count("件"),
    records(&[of(
        "penalty_case",
        &[code("outcome", "transfer_to_judiciary")],
    )]),
    BY_DECISION,
    src(
        PENALTY_LAW,
        "第二十七条、第五十七条第一款第四项",
        Practice,
        "STATUTES.md §17 涉嫌犯罪移送数",
    ),
);

/// 行政处罚法 第九条第二项 and 第七十四条第二款 (罚款、没收的违法所得…必须全部上缴国库): fines and
/// confiscated gains decided in the year (罚没金额).
pub const FINES_AND_CONFISCATIONS: Indicator = total(
    "enforcement.fines_and_confiscations",
    "罚没金额",
    "当年行政处罚决定的罚款与没收违法所得金额之和（不含没收非法财物估值）",
    Enforcement,
    Unit::Yuan,
    Quantity::Sum {
        of: &[ORDINARY_PENALTIES, SUMMARY_PENALTIES],
        field: "fines_and_confiscations_fen",
    },
    BY_DECISION,
    src(
        PENALTY_LAW,
        "第九条第二项、第七十四条第二款",
        Practice,
        "STATUTES.md §17 罚没金额",
    ),
);

/// 行政处罚法 第六十条 (立案之日起九十日内作出行政处罚决定): cases decided within 90 days or a
/// lawful extension ÷ cases decided (按期办结率).
pub const DECIDED_ON_TIME_RATE: Indicator = rate(
    "enforcement.decided_on_time_rate",
    "行政处罚案件按期办结率",
    "当年作出决定的普通程序案件中，在法定期限（含依法延长、扣除中止）内作出决定的比例",
    Enforcement,
    records(&[of("penalty_case", &[no("decided_late")])]),
    records(&[of("penalty_case", &[Cond::Set("decided_late")])]),
    BY_DECISION,
    src(
        PENALTY_LAW,
        "第六十条",
        Practice,
        "STATUTES.md §17 按期办结率（处罚）",
    ),
);

/// 行政处罚法 第五十四条第二款 (应当及时立案); the period is a sector rule, SAMR 15 working days
/// (市场监督管理行政处罚程序规定 第十八条 \[secondary\]) by default: cases opened on time ÷ cases opened
/// where a period applies (立案及时率).
pub const OPENED_ON_TIME_RATE: Indicator = rate(
    "enforcement.opened_on_time_rate",
    "立案及时率",
    "当年立案且适用立案期限的案件中，在期限内立案的比例",
    Enforcement,
    records(&[of("penalty_case", &[yes("opened_on_time")])]),
    records(&[of("penalty_case", &[Cond::Set("opened_on_time")])]),
    dated(Opening, "opened_on"),
    src(
        PENALTY_LAW,
        "第五十四条第二款",
        Practice,
        "STATUTES.md §17 立案及时率; period: 市场监督管理行政处罚程序规定 第十八条 [secondary], configurable",
    ),
);

/// 行政处罚法 第六十三条、第四十四条: notices announcing the hearing right ÷ notices of a
/// 第六十三条 penalty (听证告知率).
pub const HEARING_NOTICE_RATE: Indicator = rate(
    "enforcement.hearing_notice_rate",
    "听证告知率",
    "当年事先告知的案件中，属第六十三条情形并告知听证权利的比例",
    Enforcement,
    records(&[of(
        "penalty_case",
        &[yes("hearing_right_due"), yes("hearing_right_notified")],
    )]),
    records(&[of("penalty_case", &[yes("hearing_right_due")])]),
    dated(Event, "noticed_on"),
    src(
        PENALTY_LAW,
        "第六十三条、第四十四条",
        Practice,
        "STATUTES.md §17 听证告知率",
    ),
);

/// 行政处罚法 第六十三条第一款 (当事人要求听证的，行政机关应当组织听证)、第六十四条: hearings held ÷
/// hearings requested (听证率).
pub const HEARING_RATE: Indicator = rate(
    "enforcement.hearing_rate",
    "听证率",
    "当年事先告知后申请听证的案件中，举行听证的比例",
    Enforcement,
    records(&[of(
        "penalty_case",
        &[yes("hearing_requested"), yes("hearing_held")],
    )]),
    records(&[of("penalty_case", &[yes("hearing_requested")])]),
    dated(Event, "noticed_on"),
    src(
        PENALTY_LAW,
        "第六十三条第一款、第六十四条",
        Practice,
        "STATUTES.md §17 听证率",
    ),
);

/// 行政处罚法 第六十四条: hearings held (听证次数).
pub const HEARINGS_HELD: Indicator = total(
    "enforcement.hearings_held",
    "举行听证案件数",
    "当年事先告知的案件中举行了听证的案件数",
    Enforcement,
    Unit::Count("件"),
    records(&[of("penalty_case", &[yes("hearing_held")])]),
    dated(Event, "noticed_on"),
    src(
        PENALTY_LAW,
        "第六十四条",
        Practice,
        "STATUTES.md §2.5 hearings held",
    ),
);

/// 行政处罚法 第五十八条 (未经法制审核或者审核未通过的，不得作出决定): decisions reviewed and passed
/// before the decision ÷ decisions that required a review (重大执法决定法制审核率, target 100%).
pub const LEGAL_REVIEW_RATE: Indicator = rate(
    "enforcement.legal_review_rate",
    "重大执法决定法制审核率",
    "当年作出决定且应当法制审核的案件中，决定前经法制审核通过的比例（目标100%）",
    Enforcement,
    records(&[of(
        "penalty_case",
        &[yes("review_required"), yes("review_passed")],
    )]),
    records(&[of("penalty_case", &[yes("review_required")])]),
    BY_DECISION,
    src(
        PENALTY_LAW,
        "第五十八条",
        Practice,
        "STATUTES.md §17 法制审核率",
    ),
);

/// 行政处罚法 第五十八条: legal-review opinions given (法制审核 count).
pub const LEGAL_REVIEWS: Indicator = total(
    "enforcement.legal_reviews",
    "法制审核件次",
    "当年出具的重大执法决定法制审核意见数（退回后再次送审另计）",
    Enforcement,
    Unit::Count("件次"),
    records(&[of("legal_review", &[])]),
    dated(Event, "reviewed_on"),
    src(
        PENALTY_LAW,
        "第五十八条",
        Practice,
        "STATUTES.md §2.5 法制审核 count",
    ),
);

/// 行政处罚法 第五十八条 (审核未通过的，不得作出决定): opinions that found problems and returned the
/// case (118号 存在问题 outcome \[memory\]).
pub const LEGAL_REVIEWS_WITH_PROBLEMS: Indicator = total(
    "enforcement.legal_reviews_with_problems",
    "法制审核提出问题件次",
    "当年法制审核意见为“存在问题”、退回承办机构的件次",
    Enforcement,
    Unit::Count("件次"),
    records(&[of("legal_review", &[code("opinion", "problems")])]),
    dated(Event, "reviewed_on"),
    src(
        PENALTY_LAW,
        "第五十八条",
        Memory,
        "STATUTES.md §3.3 outcomes 同意/存在问题 (118号, unverified)",
    ),
);

/// 行政处罚法 第四十二条 (具有行政执法资格的执法人员): officers on the roster on 31 December.
pub const OFFICERS: Indicator = total(
    "enforcement.officers",
    "行政执法人员数",
    "年末在册的行政执法人员数",
    Enforcement,
    Unit::Count("人"),
    records(&[of("officer", &[])]),
    ROSTER,
    src(
        PENALTY_LAW,
        "第四十二条",
        Practice,
        "STATUTES.md §17 执法人员持证率（分母）",
    ),
);

/// 行政处罚法 第四十二条: officers whose certificate is valid on 31 December.
pub const CERTIFIED_OFFICERS: Indicator = total(
    "enforcement.certified_officers",
    "持证行政执法人员数",
    "年末在册且执法证有效（未暂扣、吊销、过期）的行政执法人员数",
    Enforcement,
    Unit::Count("人"),
    records(&[of("officer", CERTIFICATE_VALID_AT_YEAR_END)]),
    ROSTER,
    src(
        PENALTY_LAW,
        "第四十二条",
        Practice,
        "STATUTES.md §17 执法人员持证率（分子）",
    ),
);

/// 行政处罚法 第四十二条: officers holding a valid certificate ÷ officers on the roster, on
/// 31 December (执法人员持证率).
pub const CERTIFIED_OFFICER_RATE: Indicator = rate(
    "enforcement.certified_officer_rate",
    "执法人员持证率",
    "年末在册行政执法人员中执法证有效的比例",
    Enforcement,
    records(&[of("officer", CERTIFICATE_VALID_AT_YEAR_END)]),
    records(&[of("officer", &[])]),
    ROSTER,
    src(
        PENALTY_LAW,
        "第四十二条",
        Practice,
        "STATUTES.md §17 执法人员持证率",
    ),
);

/// 行政处罚法 第五十八条第二款 (初次从事法制审核的人员应当通过国家统一法律职业资格考试): officers
/// qualified for legal review on 31 December.
pub const LEGAL_REVIEW_STAFF: Indicator = total(
    "enforcement.legal_review_staff",
    "法制审核人员数",
    "年末在册且具备法制审核资格的人员数",
    Enforcement,
    Unit::Count("人"),
    records(&[of("officer", &[yes("legal_review_qualified")])]),
    ROSTER,
    src(
        PENALTY_LAW,
        "第五十八条第二款",
        Practice,
        "STATUTES.md §17 法制审核人员占比（分子）",
    ),
);

/// 行政处罚法 第五十八条第二款; 118号 asks for reviewers of about 5% of enforcement staff
/// \[memory\]: legal-review staff ÷ officers on 31 December (法制审核人员占比).
pub const LEGAL_REVIEW_STAFF_SHARE: Indicator = rate(
    "enforcement.legal_review_staff_share",
    "法制审核人员占比",
    "年末具备法制审核资格的人员占在册行政执法人员的比例（118号原则上不少于5%，未经核实）",
    Enforcement,
    records(&[of("officer", &[yes("legal_review_qualified")])]),
    records(&[of("officer", &[])]),
    ROSTER,
    src(
        PENALTY_LAW,
        "第五十八条第二款",
        Memory,
        "STATUTES.md §17 法制审核人员占比; 5% target from 118号 unverified, configurable",
    ),
);

/// 行政处罚法 第三十九条 (实施机关、立案依据…应当公示); 118号 事前公开 \[secondary\]: powers on the
/// power list on 31 December (权责清单事项数).
pub const POWERS: Indicator = total(
    "enforcement.powers",
    "权责清单事项数",
    "年末权责清单中正在实施的事项数",
    Enforcement,
    Unit::Count("项"),
    records(&[of("power", &[])]),
    PeriodRule::YearEnd {
        since: "in_force_from",
        until: Some("in_force_until"),
    },
    src(
        PENALTY_LAW,
        "第三十九条",
        Practice,
        "STATUTES.md §3.1 事前公开 (118号 [secondary]); not a §17 formula",
    ),
);

/// 行政处罚法 第三十九条: penalty powers on the power list on 31 December.
pub const PENALTY_POWERS: Indicator = total(
    "enforcement.penalty_powers",
    "行政处罚事项数",
    "年末权责清单中正在实施的行政处罚事项数",
    Enforcement,
    Unit::Count("项"),
    records(&[of("power", &[code("power_type", "penalty")])]),
    PeriodRule::YearEnd {
        since: "in_force_from",
        until: Some("in_force_until"),
    },
    src(
        PENALTY_LAW,
        "第三十九条",
        Practice,
        "STATUTES.md §3.1 事前公开; not a §17 formula",
    ),
);

/// 行政处罚法 第五十四条第一款 (必要时…可以进行检查): inspections carried out in the year.
pub const INSPECTIONS: Indicator = total(
    "enforcement.inspections",
    "行政检查次数",
    "当年实施的行政检查次数",
    Enforcement,
    Unit::Count("次"),
    records(&[of("inspection", &[])]),
    dated(Event, "conducted_on"),
    src(
        PENALTY_LAW,
        "第五十四条第一款",
        Practice,
        "inspection counts quoted in reports; not a §17 formula",
    ),
);

/// 行政处罚法 第五十四条第一款; 双随机、一公开 \[practice\]: inspections whose targets and officers
/// were drawn at random.
pub const RANDOM_INSPECTIONS: Indicator = total(
    "enforcement.random_inspections",
    "“双随机”抽查次数",
    "当年实施的随机抽取检查对象和执法人员的检查次数",
    Enforcement,
    Unit::Count("次"),
    records(&[of("inspection", &[yes("random")])]),
    dated(Event, "conducted_on"),
    src(
        PENALTY_LAW,
        "第五十四条第一款",
        Practice,
        "双随机 counts quoted in reports; not a §17 formula",
    ),
);

/// 行政处罚法 第五十四条第一款: inspections that found a problem (责令改正 or 立案/移送).
pub const INSPECTIONS_WITH_PROBLEMS: Indicator = total(
    "enforcement.inspections_with_problems",
    "检查发现问题次数",
    "当年实施的检查中结果为责令改正或立案、移送的次数",
    Enforcement,
    Unit::Count("次"),
    records(&[of(
        "inspection",
        &[Cond::In(
            "result",
            &[
                Lit::Text("ordered_to_rectify"),
                Lit::Text("case_or_transfer"),
            ],
        )],
    )]),
    dated(Event, "conducted_on"),
    src(
        PENALTY_LAW,
        "第五十四条第一款",
        Practice,
        "not a §17 formula",
    ),
);

/// 行政处罚法 第四十八条第一款 (具有一定社会影响的行政处罚决定应当依法公开); 118号 事后公开
/// \[secondary\]: decisions published ÷ decisions to be published (执法公示率).
pub const DISCLOSURE_RATE: Indicator = rate(
    "enforcement.disclosure_rate",
    "行政执法决定公示率",
    "当年作出且应当公示的行政执法决定中已公示的比例",
    Enforcement,
    records(&[of("disclosure", &[Cond::Set("published_on")])]),
    records(&[of("disclosure", &[])]),
    BY_DECISION,
    src(
        PENALTY_LAW,
        "第四十八条第一款",
        Secondary,
        "STATUTES.md §17 执法公示率; 118号 事后公开 [secondary]",
    ),
);

/// 行政处罚法 第四十八条第一款; 118号 \[secondary\]: decisions published in the year.
pub const DISCLOSURES: Indicator = total(
    "enforcement.disclosures",
    "公示行政执法决定数",
    "当年公示的行政执法决定数",
    Enforcement,
    Unit::Count("件"),
    records(&[of("disclosure", &[])]),
    dated(Event, "published_on"),
    src(
        PENALTY_LAW,
        "第四十八条第一款",
        Secondary,
        "STATUTES.md §17 执法公示率 / 公示及时率",
    ),
);

/// 118号 (处罚、许可决定七个工作日内，其他二十个工作日内公示) \[secondary\]: decisions published
/// within the period ÷ decisions published (公示及时率).
pub const DISCLOSURE_ON_TIME_RATE: Indicator = rate(
    "enforcement.disclosure_on_time_rate",
    "公示及时率",
    "当年公示的行政执法决定中在规定期限内公示的比例",
    Enforcement,
    records(&[of("disclosure", &[yes("published_on_time")])]),
    records(&[of("disclosure", &[Cond::Set("published_on_time")])]),
    dated(Event, "published_on"),
    src(
        GUOBAN_118,
        "（二）事后公开",
        Secondary,
        "STATUTES.md §3.1, §17 公示及时率; periods configurable (DisclosurePeriods)",
    ),
);

/// Local rules on filing major penalty decisions (重大行政处罚备案) \[practice\]: filings made in
/// the year.
pub const MAJOR_PENALTY_FILINGS: Indicator = total(
    "enforcement.major_penalty_filings",
    "重大行政处罚备案数",
    "当年报送备案的重大行政处罚决定数",
    Enforcement,
    Unit::Count("件"),
    records(&[of("major_penalty_filing", &[])]),
    dated(Event, "filed_on"),
    src(
        "地方重大行政处罚备案规定",
        "（各地规定）",
        Practice,
        "local rules; not a §17 formula",
    ),
);

/// Local rules on filing major penalty decisions \[practice\]: filings within the local period ÷
/// filings (备案及时率).
pub const MAJOR_PENALTY_FILING_ON_TIME_RATE: Indicator = rate(
    "enforcement.major_penalty_filing_on_time_rate",
    "重大行政处罚备案及时率",
    "当年报送备案的重大行政处罚决定中在规定期限内报送的比例",
    Enforcement,
    records(&[of("major_penalty_filing", &[yes("filed_on_time")])]),
    records(&[of("major_penalty_filing", &[Cond::Set("filed_on_time")])]),
    dated(Event, "filed_on"),
    src(
        "地方重大行政处罚备案规定",
        "（各地规定）",
        Practice,
        "local rules; period configurable",
    ),
);

/// 行政处罚法 第四十七条 (全过程记录，归档保存); case-file review (案卷评查) is \[practice\]: case
/// files reviewed in the year.
pub const CASE_FILE_REVIEWS: Indicator = total(
    "enforcement.case_file_reviews",
    "评查行政执法案卷数",
    "当年评查的行政执法案卷数",
    Enforcement,
    Unit::Count("卷"),
    records(&[of("case_file_review", &[])]),
    dated(Event, "reviewed_on"),
    src(
        PENALTY_LAW,
        "第四十七条",
        Practice,
        "case-file review counts quoted in reports (seed: 共评查544卷案卷)",
    ),
);

/// 行政处罚法 第四十七条; case-file review \[practice\]: files at or above the pass mark ÷ files
/// reviewed (案卷评查合格率).
pub const CASE_FILE_PASS_RATE: Indicator = rate(
    "enforcement.case_file_pass_rate",
    "案卷评查合格率",
    "当年评查的行政执法案卷中达到合格线的比例",
    Enforcement,
    records(&[of("case_file_review", &[yes("passed")])]),
    records(&[of("case_file_review", &[Cond::Set("passed")])]),
    dated(Event, "reviewed_on"),
    src(
        PENALTY_LAW,
        "第四十七条",
        Practice,
        "pass mark configurable (from_records::DEFAULT_PASS_MARK_PERCENT)",
    ),
);

/// 行政处罚法 第四十七条 (文字、音像等形式…全过程记录): actions that must be recorded on audio-video
/// with the recording attached ÷ such actions (全过程记录覆盖率). Not yet computable.
pub const FULL_PROCESS_RECORD_RATE: Indicator = rate(
    "enforcement.full_process_record_rate",
    "全过程记录覆盖率",
    "应全程音像记录的执法活动中已附音像记录的比例",
    Enforcement,
    records(&[of(
        "recorded_action",
        &[yes("av_required"), yes("av_attached")],
    )]),
    records(&[of("recorded_action", &[yes("av_required")])]),
    dated(Event, "acted_on"),
    src(
        PENALTY_LAW,
        "第四十七条",
        Memory,
        "STATUTES.md §17 全过程记录覆盖率; mandatory-AV list from 118号 unverified",
    ),
)
.unavailable();

/// 行政许可法 第四十二条 (二十日内作出行政许可决定…可以延长十日): licences decided within the legal
/// limit ÷ licences decided (许可按期办结率). Not yet computable.
pub const LICENCE_ON_TIME_RATE: Indicator = rate(
    "enforcement.licence_on_time_rate",
    "行政许可按期办结率",
    "当年作出决定的行政许可申请中在法定期限内办结的比例",
    Enforcement,
    records(&[of("licence_application", &[yes("decided_on_time")])]),
    records(&[of("licence_application", &[])]),
    BY_DECISION,
    src(
        LICENCE_LAW,
        "第四十二条",
        Practice,
        "STATUTES.md §17 许可按期办结率",
    ),
)
.unavailable();

/// 行政许可法 第四十二条: working days saved ÷ legal working days, i.e. 1 − (actual ÷ legal) on
/// the totals (许可提速率). Not yet computable.
pub const LICENCE_SPEEDUP_RATE: Indicator = rate(
    "enforcement.licence_speedup_rate",
    "行政许可提速率",
    "当年办结的行政许可中，法定时限减实际用时之和占法定时限之和的比例",
    Enforcement,
    Quantity::Sum {
        of: &[of("licence_application", &[])],
        field: "saved_days",
    },
    Quantity::Sum {
        of: &[of("licence_application", &[])],
        field: "legal_days",
    },
    BY_DECISION,
    src(
        LICENCE_LAW,
        "第四十二条",
        Practice,
        "STATUTES.md §17 提速率",
    ),
)
.unavailable();

// ---------------------------------------------------------------------------------------------
// Normative documents (行政规范性文件)
// ---------------------------------------------------------------------------------------------

/// 国办发〔2018〕37号 (统一登记、统一编号、统一印发) \[memory\]: normative documents issued in the year
/// (制发数).
pub const DOCUMENTS_ISSUED: Indicator = total(
    "normative.documents_issued",
    "行政规范性文件制发数",
    "当年公布的行政规范性文件数",
    NormativeDocuments,
    Unit::Count("件"),
    records(&[of("normative_document", &[])]),
    dated(Decision, "issued_on"),
    src(
        GUOBAN_37,
        "三统一",
        Memory,
        "STATUTES.md §9 Indicators 制发数",
    ),
);

/// 国办发〔2018〕115号 (合法性审核) \[memory\]: legality reviews of draft documents completed in the
/// year ('全年共审核行政规范性文件N件').
pub const DOCUMENT_REVIEWS: Indicator = total(
    "normative.legality_reviews",
    "规范性文件合法性审核件数",
    "当年出具合法性审核意见的行政规范性文件（送审稿）数",
    NormativeDocuments,
    Unit::Count("件"),
    records(&[of("document_review", &[])]),
    dated(Event, "reviewed_on"),
    src(
        GUOBAN_115,
        "合法性审核",
        Memory,
        "STATUTES.md §9.2; seed register",
    ),
);

/// 国办发〔2018〕37号、115号 (未经合法性审核或经审核不合法的，不得提交集体审议) \[memory\]: documents
/// issued after a legality review ÷ documents issued (合法性审核率, target 100%).
pub const LEGALITY_REVIEW_RATE: Indicator = rate(
    "normative.legality_review_rate",
    "规范性文件合法性审核率",
    "当年公布的行政规范性文件中经合法性审核的比例（目标100%）",
    NormativeDocuments,
    records(&[of("normative_document", &[yes("legality_reviewed")])]),
    records(&[of("normative_document", &[])]),
    dated(Decision, "issued_on"),
    src(
        GUOBAN_115,
        "合法性审核",
        Memory,
        "STATUTES.md §17 规范性文件合法性审核率",
    ),
);

/// 国办发〔2018〕37号 (公布之日起三十日内报送备案) \[memory\]; verified in local rules (上海市规范性文件
/// 备案审查条例 第十条, 北京 第十一条): documents filed ÷ documents that must be filed (报备率).
pub const FILING_RATE: Indicator = rate(
    "normative.filing_rate",
    "报备率",
    "当年公布且应当报送备案的行政规范性文件中已报送备案的比例",
    NormativeDocuments,
    records(&[of(
        "normative_document",
        &[yes("filing_required"), Cond::Set("filed_on")],
    )]),
    records(&[of("normative_document", &[yes("filing_required")])]),
    dated(Decision, "issued_on"),
    src(GUOBAN_37, "备案", Memory, "STATUTES.md §17 报备率"),
);

/// 国办发〔2018〕37号 \[memory\]: documents filed in the year.
pub const FILINGS: Indicator = total(
    "normative.filings",
    "报送备案件数",
    "当年报送备案的行政规范性文件数",
    NormativeDocuments,
    Unit::Count("件"),
    records(&[of("normative_document", &[Cond::Set("filed_on")])]),
    dated(Event, "filed_on"),
    src(
        GUOBAN_37,
        "备案",
        Memory,
        "STATUTES.md §9 Indicators; seed register 备案N件",
    ),
);

/// 国办发〔2018〕37号 (三十日内报送备案) \[memory\]; 上海市…条例 第十条 \[verified\]: filings within
/// 30 days of publication ÷ filings (报备及时率).
pub const FILING_ON_TIME_RATE: Indicator = rate(
    "normative.filing_on_time_rate",
    "报备及时率",
    "当年报送备案的行政规范性文件中在公布之日起三十日内报送的比例",
    NormativeDocuments,
    records(&[of("normative_document", &[yes("filed_on_time")])]),
    records(&[of("normative_document", &[Cond::Set("filed_on_time")])]),
    dated(Event, "filed_on"),
    src(
        GUOBAN_37,
        "备案",
        Memory,
        "STATUTES.md §17 报备及时率; 30 days verified in 上海 art. 10 / 北京 art. 11, configurable",
    ),
);

/// 法治政府建设示范指标体系 item 27 \[secondary\]: filings meeting format and material requirements
/// ÷ filings (报备规范率).
pub const FILING_CONFORMITY_RATE: Indicator = rate(
    "normative.filing_conformity_rate",
    "报备规范率",
    "当年报送备案的行政规范性文件中材料齐全、格式规范的比例",
    NormativeDocuments,
    records(&[of("normative_document", &[yes("filing_conforming")])]),
    records(&[of("normative_document", &[Cond::Set("filing_conforming")])]),
    dated(Event, "filed_on"),
    src(
        "市县法治政府建设示范指标体系",
        "第27项",
        Secondary,
        "STATUTES.md §17 报备规范率, §9 Indicators",
    ),
);

/// 国办发〔2018〕37号 (有错必纠) \[memory\]: filed documents corrected or annulled after filing
/// review (纠错数). Not yet computable.
pub const FILING_CORRECTIONS: Indicator = total(
    "normative.filing_corrections",
    "备案审查纠错件数",
    "当年备案审查后予以纠正或撤销的规范性文件数",
    NormativeDocuments,
    Unit::Count("件"),
    records(&[of(
        "filing_review",
        &[Cond::In(
            "outcome",
            &[Lit::Text("corrected"), Lit::Text("annulled")],
        )],
    )]),
    dated(Closing, "concluded_on"),
    src(GUOBAN_37, "备案审查", Memory, "STATUTES.md §17 纠错数"),
)
.unavailable();

/// 国办发〔2018〕37号 \[memory\]: corrected or annulled ÷ reviewed (纠错率). Not yet computable.
pub const FILING_CORRECTION_RATE: Indicator = rate(
    "normative.filing_correction_rate",
    "备案审查纠错率",
    "当年审查完毕的备案规范性文件中予以纠正或撤销的比例",
    NormativeDocuments,
    records(&[of(
        "filing_review",
        &[Cond::In(
            "outcome",
            &[Lit::Text("corrected"), Lit::Text("annulled")],
        )],
    )]),
    records(&[of("filing_review", &[])]),
    dated(Closing, "concluded_on"),
    src(GUOBAN_37, "备案审查", Memory, "STATUTES.md §17 纠错率"),
)
.unavailable();

/// 国办发〔2018〕37号 (审查建议) \[memory\]: citizens' review requests answered ÷ received
/// (审查建议办结率). Not yet computable.
pub const REVIEW_REQUEST_ANSWER_RATE: Indicator = rate(
    "normative.review_request_answer_rate",
    "审查建议办结率",
    "当年收到的规范性文件审查建议中已答复的比例",
    NormativeDocuments,
    records(&[of("review_request", &[Cond::Set("answered_on")])]),
    records(&[of("review_request", &[])]),
    dated(Receipt, "received_on"),
    src(
        GUOBAN_37,
        "审查建议",
        Memory,
        "STATUTES.md §17 审查建议办结率",
    ),
)
.unavailable();

macro_rules! cleanup_result {
    ($name:ident, $id:literal, $zh:literal, $result:literal, $doc:literal) => {
        #[doc = $doc]
        pub const $name: Indicator = total(
            $id,
            $zh,
            "当年清理中作出该结论的规范性文件数",
            NormativeDocuments,
            Unit::Count("件"),
            records(&[of("document_cleanup", &[code("result", $result)])]),
            dated(Decision, "decided_on"),
            src(GUOBAN_37, "清理", Practice, "STATUTES.md §17 清理结果"),
        )
        .unavailable();
    };
}

cleanup_result!(
    CLEANUP_KEPT,
    "normative.cleanup_kept",
    "清理后继续有效件数",
    "keep",
    "国办发〔2018〕37号 (定期清理) \\[practice\\]: documents kept after clean-up. Not yet computable."
);
cleanup_result!(
    CLEANUP_AMENDED,
    "normative.cleanup_amended",
    "清理后修改件数",
    "amend",
    "国办发〔2018〕37号 (定期清理) \\[practice\\]: documents amended after clean-up. Not yet computable."
);
cleanup_result!(
    CLEANUP_REPEALED,
    "normative.cleanup_repealed",
    "清理后废止件数",
    "repeal",
    "国办发〔2018〕37号 (定期清理) \\[practice\\]: documents repealed after clean-up. Not yet computable."
);
cleanup_result!(
    CLEANUP_LAPSED,
    "normative.cleanup_lapsed",
    "清理后宣布失效件数",
    "lapse",
    "国办发〔2018〕37号 (定期清理) \\[practice\\]: documents declared lapsed after clean-up. Not yet computable."
);

// ---------------------------------------------------------------------------------------------
// Major decisions (重大行政决策) — records not kept yet
// ---------------------------------------------------------------------------------------------

/// 重大行政决策程序暂行条例 第三条第三款 (决策事项目录): catalogue items decided by 31 December ÷
/// items listed in the year (决策目录完成率). Not yet computable.
pub const DECISION_CATALOGUE_COMPLETION_RATE: Indicator = rate(
    "major_decision.catalogue_completion_rate",
    "决策事项目录完成率",
    "当年列入决策事项目录的事项中年底前作出决策的比例",
    MajorDecisions,
    records(&[of(
        "major_decision",
        &[Cond::OnOrBefore("decided_on", DateRef::YearEnd)],
    )]),
    records(&[of("major_decision", &[])]),
    dated(Event, "listed_on"),
    src(
        DECISION_REGULATION,
        "第三条第三款",
        Practice,
        "STATUTES.md §17 决策目录完成率",
    ),
)
.unavailable();

/// 重大行政决策程序暂行条例 第二十五条 (讨论前应当…进行合法性审查): decisions with a legality review
/// before discussion ÷ decisions (合法性审查率, target 100%). Not yet computable.
pub const DECISION_LEGALITY_REVIEW_RATE: Indicator = rate(
    "major_decision.legality_review_rate",
    "重大行政决策合法性审查率",
    "当年作出的重大行政决策中讨论前经合法性审查的比例（目标100%）",
    MajorDecisions,
    records(&[of("major_decision", &[yes("legality_reviewed")])]),
    records(&[of("major_decision", &[])]),
    BY_DECISION,
    src(
        DECISION_REGULATION,
        "第二十五条",
        Practice,
        "STATUTES.md §17 合法性审查率（决策）",
    ),
)
.unavailable();

/// 重大行政决策程序暂行条例 第十四条 (公众参与): decisions with public participation ÷ decisions
/// requiring it. Not yet computable.
pub const PUBLIC_PARTICIPATION_RATE: Indicator = rate(
    "major_decision.public_participation_rate",
    "公众参与履行率",
    "当年作出且应当公众参与的重大行政决策中履行了公众参与程序的比例",
    MajorDecisions,
    records(&[of(
        "major_decision",
        &[
            yes("public_participation_required"),
            yes("public_participation_held"),
        ],
    )]),
    records(&[of(
        "major_decision",
        &[yes("public_participation_required")],
    )]),
    BY_DECISION,
    src(
        DECISION_REGULATION,
        "第十四条",
        Practice,
        "STATUTES.md §17 公众参与履行率",
    ),
)
.unavailable();

/// 重大行政决策程序暂行条例 第十九条 (专家论证): decisions with expert review ÷ decisions requiring
/// it. Not yet computable.
pub const EXPERT_REVIEW_RATE: Indicator = rate(
    "major_decision.expert_review_rate",
    "专家论证履行率",
    "当年作出且应当专家论证的重大行政决策中履行了专家论证程序的比例",
    MajorDecisions,
    records(&[of(
        "major_decision",
        &[yes("expert_review_required"), yes("expert_review_held")],
    )]),
    records(&[of("major_decision", &[yes("expert_review_required")])]),
    BY_DECISION,
    src(
        DECISION_REGULATION,
        "第十九条",
        Practice,
        "STATUTES.md §17 专家论证履行率",
    ),
)
.unavailable();

/// 重大行政决策程序暂行条例 第二十二条 (风险评估): decisions with a risk assessment ÷ decisions
/// requiring it. Not yet computable.
pub const RISK_ASSESSMENT_RATE: Indicator = rate(
    "major_decision.risk_assessment_rate",
    "风险评估履行率",
    "当年作出且应当风险评估的重大行政决策中履行了风险评估程序的比例",
    MajorDecisions,
    records(&[of(
        "major_decision",
        &[yes("risk_assessment_required"), yes("risk_assessment_held")],
    )]),
    records(&[of("major_decision", &[yes("risk_assessment_required")])]),
    BY_DECISION,
    src(
        DECISION_REGULATION,
        "第二十二条",
        Practice,
        "STATUTES.md §17 风险评估履行率",
    ),
)
.unavailable();

/// 重大行政决策程序暂行条例 第三十条 (常务会议或者全体会议讨论): decisions adopted at such a meeting ÷
/// decisions (集体讨论率). Not yet computable.
pub const COLLECTIVE_DECISION_RATE: Indicator = rate(
    "major_decision.collective_decision_rate",
    "集体讨论决定率",
    "当年作出的重大行政决策中经常务会议或全体会议讨论决定的比例",
    MajorDecisions,
    records(&[of("major_decision", &[yes("collective")])]),
    records(&[of("major_decision", &[])]),
    BY_DECISION,
    src(
        DECISION_REGULATION,
        "第三十条",
        Practice,
        "STATUTES.md §17 集体讨论率",
    ),
)
.unavailable();

/// 重大行政决策程序暂行条例 第三十六条 (决策后评估): post-evaluations completed. Not yet computable.
pub const POST_EVALUATIONS: Indicator = total(
    "major_decision.post_evaluations",
    "决策后评估数",
    "当年完成的重大行政决策后评估数",
    MajorDecisions,
    Unit::Count("项"),
    records(&[of("post_evaluation", &[])]),
    dated(Event, "evaluated_on"),
    src(
        DECISION_REGULATION,
        "第三十六条",
        Practice,
        "STATUTES.md §17 后评估数",
    ),
)
.unavailable();

// ---------------------------------------------------------------------------------------------
// Reconsideration (行政复议) — records not kept yet
// ---------------------------------------------------------------------------------------------

const CONCLUDED_RECONSIDERATION: &[Filter] = &[of("reconsideration_case", &[])];
const BY_RECONSIDERATION_CLOSING: PeriodRule = dated(Closing, "concluded_on");
const CORRECTING_OUTCOMES: &[Lit] = &[
    Lit::Text("change"),
    Lit::Text("revoke"),
    Lit::Text("confirm_unlawful"),
    Lit::Text("confirm_void"),
    Lit::Text("order_performance"),
];

/// 行政复议法 第三十条: applications received (after 补正) in the year (收案数). Not yet
/// computable.
pub const RECONSIDERATION_APPLICATIONS: Indicator = total(
    "reconsideration.applications",
    "行政复议收案数",
    "当年收到的行政复议申请数（补正后）",
    Reconsideration,
    Unit::Count("件"),
    records(&[of("reconsideration_case", &[])]),
    dated(Receipt, "received_on"),
    src(
        RECONSIDERATION_LAW,
        "第三十条",
        Practice,
        "STATUTES.md §17 收案数",
    ),
)
.unavailable();

/// 行政复议法 第三十条: applications accepted ÷ applications received (受理率). Not yet computable.
pub const RECONSIDERATION_ACCEPTANCE_RATE: Indicator = rate(
    "reconsideration.acceptance_rate",
    "行政复议受理率",
    "当年收到的申请中予以受理的比例",
    Reconsideration,
    records(&[of("reconsideration_case", &[yes("accepted")])]),
    records(&[of("reconsideration_case", &[])]),
    dated(Receipt, "received_on"),
    src(
        RECONSIDERATION_LAW,
        "第三十条",
        Practice,
        "STATUTES.md §17 受理率",
    ),
)
.unavailable();

/// 行政复议法 第六十二条: cases concluded in the year (审结数). Not yet computable.
pub const RECONSIDERATION_CONCLUDED: Indicator = total(
    "reconsideration.concluded",
    "行政复议审结数",
    "当年审结的行政复议案件数",
    Reconsideration,
    Unit::Count("件"),
    records(CONCLUDED_RECONSIDERATION),
    BY_RECONSIDERATION_CLOSING,
    src(
        RECONSIDERATION_LAW,
        "第六十二条",
        Practice,
        "STATUTES.md §17 审结数",
    ),
)
.unavailable();

/// 行政复议法 第六十三条至第六十七条 (变更、撤销、确认违法、责令履行、确认无效): corrections ÷ cases
/// concluded (纠错率), with the 综合纠错率 variant counting mediations and settlements where the
/// respondent corrected its act. Not yet computable.
pub const RECONSIDERATION_CORRECTION_RATE: Indicator = rate(
    "reconsideration.correction_rate",
    "行政复议纠错率",
    "当年审结案件中决定变更、撤销（含部分撤销）、确认违法、确认无效、责令履行的比例",
    Reconsideration,
    records(&[of(
        "reconsideration_case",
        &[Cond::In("outcome", CORRECTING_OUTCOMES)],
    )]),
    records(CONCLUDED_RECONSIDERATION),
    BY_RECONSIDERATION_CLOSING,
    src(
        RECONSIDERATION_LAW,
        "第六十三条至第六十七条",
        Practice,
        "STATUTES.md §17 纠错率",
    ),
)
.with_variants(&[Variant {
    id: "reconsideration.correction_rate.comprehensive",
    name: "行政复议综合纠错率",
    definition: "纠错决定加上被申请人自行纠正后调解、和解结案的案件，占审结案件的比例",
    measure: Measure::Rate {
        numerator: records(&[
            of(
                "reconsideration_case",
                &[Cond::In("outcome", CORRECTING_OUTCOMES)],
            ),
            of(
                "reconsideration_case",
                &[
                    Cond::In(
                        "outcome",
                        &[Lit::Text("mediated"), Lit::Text("terminated_settled")],
                    ),
                    yes("respondent_corrected"),
                ],
            ),
        ]),
        denominator: records(CONCLUDED_RECONSIDERATION),
    },
    available: false,
}])
.unavailable();

/// 行政复议法 第六十八条 (维持): decisions upholding the act ÷ cases concluded (维持率). Not yet
/// computable.
pub const RECONSIDERATION_MAINTAIN_RATE: Indicator = rate(
    "reconsideration.maintain_rate",
    "行政复议维持率",
    "当年审结案件中决定维持的比例",
    Reconsideration,
    records(&[of("reconsideration_case", &[code("outcome", "maintain")])]),
    records(CONCLUDED_RECONSIDERATION),
    BY_RECONSIDERATION_CLOSING,
    src(
        RECONSIDERATION_LAW,
        "第六十八条",
        Practice,
        "STATUTES.md §17 维持率",
    ),
)
.unavailable();

/// 行政复议法 第六十九条、第三十三条 (驳回复议请求、驳回申请): dismissals ÷ cases concluded (驳回率).
/// Not yet computable.
pub const RECONSIDERATION_DISMISSAL_RATE: Indicator = rate(
    "reconsideration.dismissal_rate",
    "行政复议驳回率",
    "当年审结案件中驳回复议请求或驳回申请的比例",
    Reconsideration,
    records(&[of(
        "reconsideration_case",
        &[Cond::In(
            "outcome",
            &[Lit::Text("dismiss_claim"), Lit::Text("dismiss_application")],
        )],
    )]),
    records(CONCLUDED_RECONSIDERATION),
    BY_RECONSIDERATION_CLOSING,
    src(
        RECONSIDERATION_LAW,
        "第六十九条、第三十三条",
        Practice,
        "STATUTES.md §17 驳回率",
    ),
)
.unavailable();

/// 行政复议法 第七十三条、第七十四条 (调解、和解): mediations and settlements ÷ cases concluded
/// (调解和解率). Not yet computable.
pub const RECONSIDERATION_MEDIATION_RATE: Indicator = rate(
    "reconsideration.mediation_settlement_rate",
    "行政复议调解和解率",
    "当年审结案件中以调解书结案或和解后撤回终止的比例",
    Reconsideration,
    records(&[of(
        "reconsideration_case",
        &[Cond::In(
            "outcome",
            &[Lit::Text("mediated"), Lit::Text("terminated_settled")],
        )],
    )]),
    records(CONCLUDED_RECONSIDERATION),
    BY_RECONSIDERATION_CLOSING,
    src(
        RECONSIDERATION_LAW,
        "第七十三条、第七十四条",
        Practice,
        "STATUTES.md §17 调解和解率",
    ),
)
.unavailable();

/// 行政复议法 第六十二条 (六十日，延长不超过三十日；简易程序三十日): cases concluded in time ÷ cases
/// concluded (按期审结率); whether 中止 time is excluded is a \[practice\] choice (第三十九条), so
/// the variant counts it. Not yet computable.
pub const RECONSIDERATION_ON_TIME_RATE: Indicator = rate(
    "reconsideration.on_time_rate",
    "行政复议按期审结率",
    "当年审结案件中扣除中止期间后在法定期限内审结的比例",
    Reconsideration,
    records(&[of("reconsideration_case", &[yes("concluded_on_time")])]),
    records(CONCLUDED_RECONSIDERATION),
    BY_RECONSIDERATION_CLOSING,
    src(
        RECONSIDERATION_LAW,
        "第六十二条、第三十九条",
        Practice,
        "STATUTES.md §17 按期审结率; suspension choice configurable",
    ),
)
.with_variants(&[Variant {
    id: "reconsideration.on_time_rate.counting_suspension",
    name: "行政复议按期审结率（不扣除中止期间）",
    definition: "当年审结案件中不扣除中止期间仍在法定期限内审结的比例",
    measure: Measure::Rate {
        numerator: records(&[of(
            "reconsideration_case",
            &[yes("concluded_on_time_counting_suspension")],
        )]),
        denominator: records(CONCLUDED_RECONSIDERATION),
    },
    available: false,
}])
.unavailable();

/// 行政复议法 第五十三条 (简易程序): cases heard under the simple procedure ÷ cases accepted
/// (简易程序适用率). Not yet computable.
pub const RECONSIDERATION_SIMPLE_PROCEDURE_RATE: Indicator = rate(
    "reconsideration.simple_procedure_rate",
    "行政复议简易程序适用率",
    "当年受理案件中适用简易程序的比例",
    Reconsideration,
    records(&[of(
        "reconsideration_case",
        &[yes("accepted"), yes("simple_procedure")],
    )]),
    records(&[of("reconsideration_case", &[yes("accepted")])]),
    dated(Opening, "accepted_on"),
    src(
        RECONSIDERATION_LAW,
        "第五十三条",
        Practice,
        "STATUTES.md §17 简易程序适用率",
    ),
)
.unavailable();

/// 行政复议法 第四十八条 (十日内答复；简易程序五日，第五十四条): respondents answering in time ÷
/// cases (被申请人答复及时率). Not yet computable.
pub const RESPONDENT_ANSWER_ON_TIME_RATE: Indicator = rate(
    "reconsideration.respondent_answer_on_time_rate",
    "被申请人答复及时率",
    "当年受理案件中被申请人在期限内提出书面答复的比例",
    Reconsideration,
    records(&[of(
        "reconsideration_case",
        &[yes("accepted"), yes("answered_on_time")],
    )]),
    records(&[of(
        "reconsideration_case",
        &[yes("accepted"), Cond::Set("answered_on_time")],
    )]),
    dated(Opening, "accepted_on"),
    src(
        RECONSIDERATION_LAW,
        "第四十八条、第五十四条",
        Practice,
        "STATUTES.md §17 被申请人答复及时率",
    ),
)
.unavailable();

// ---------------------------------------------------------------------------------------------
// Litigation (行政应诉) — records not kept yet
// ---------------------------------------------------------------------------------------------

const CONCLUDED_LITIGATION: &[Filter] = &[of("litigation_case", &[])];
const BY_LITIGATION_CLOSING: PeriodRule = dated(Closing, "concluded_on");
const LOSS_OUTCOMES: &[Lit] = &[
    Lit::Text("revoke"),
    Lit::Text("order_performance"),
    Lit::Text("order_payment"),
    Lit::Text("confirm_unlawful"),
    Lit::Text("confirm_void"),
    Lit::Text("change"),
    Lit::Text("agreement_liability"),
    Lit::Text("compensation"),
];
const LOSS_OUTCOMES_WITH_WITHDRAWAL_AFTER_CHANGE: &[Lit] = &[
    Lit::Text("revoke"),
    Lit::Text("order_performance"),
    Lit::Text("order_payment"),
    Lit::Text("confirm_unlawful"),
    Lit::Text("confirm_void"),
    Lit::Text("change"),
    Lit::Text("agreement_liability"),
    Lit::Text("compensation"),
    Lit::Text("withdrawn_after_change"),
];

/// 行政诉讼法 第六十七条: first-instance cases received (一审收案数). Not yet computable.
pub const LITIGATION_CASES: Indicator = total(
    "litigation.first_instance_cases",
    "行政应诉一审收案数",
    "当年收到起诉状副本的一审行政应诉案件数",
    Litigation,
    Unit::Count("件"),
    records(&[of("litigation_case", &[])]),
    dated(Receipt, "received_on"),
    src(
        LITIGATION_LAW,
        "第六十七条",
        Practice,
        "STATUTES.md §17 一审收案数",
    ),
)
.unavailable();

/// 行政诉讼法 第八十一条: first-instance cases concluded (审结数). Not yet computable.
pub const LITIGATION_CONCLUDED: Indicator = total(
    "litigation.concluded",
    "行政应诉审结数",
    "当年审结的一审行政应诉案件数",
    Litigation,
    Unit::Count("件"),
    records(CONCLUDED_LITIGATION),
    BY_LITIGATION_CLOSING,
    src(
        LITIGATION_LAW,
        "第八十一条",
        Practice,
        "STATUTES.md §17 审结数",
    ),
)
.unavailable();

/// 行政诉讼法 第七十条至第七十八条 (judgments against the agency): losses ÷ cases concluded
/// (败诉率), with variants ÷ judgments only, and counting 撤诉 after the agency changed its act
/// (第六十二条) as a loss (STATUTES.md §7.3). Not yet computable.
pub const LOSS_RATE: Indicator = rate(
    "litigation.loss_rate",
    "行政机关败诉率",
    "当年审结案件中判决撤销（含部分撤销）、确认违法、确认无效、责令履行或给付、变更、承担协议或赔偿责任的比例",
    Litigation,
    records(&[of("litigation_case", &[Cond::In("outcome", LOSS_OUTCOMES)])]),
    records(CONCLUDED_LITIGATION),
    BY_LITIGATION_CLOSING,
    src(
        LITIGATION_LAW,
        "第七十条至第七十八条",
        Practice,
        "STATUTES.md §7.3, §17 败诉率",
    ),
)
.with_variants(&[
    Variant {
        id: "litigation.loss_rate.judgments",
        name: "行政机关败诉率（以判决结案数为分母）",
        definition: "当年以判决结案的案件中行政机关败诉的比例",
        measure: Measure::Rate {
            numerator: records(&[of(
                "litigation_case",
                &[yes("judgment"), Cond::In("outcome", LOSS_OUTCOMES)],
            )]),
            denominator: records(&[of("litigation_case", &[yes("judgment")])]),
        },
        available: false,
    },
    Variant {
        id: "litigation.loss_rate.substantive",
        name: "行政机关实质败诉率（含改变行为后撤诉）",
        definition: "败诉案件加上被告改变行政行为后原告撤诉的案件，占审结案件的比例",
        measure: Measure::Rate {
            numerator: records(&[of(
                "litigation_case",
                &[Cond::In(
                    "outcome",
                    LOSS_OUTCOMES_WITH_WITHDRAWAL_AFTER_CHANGE,
                )],
            )]),
            denominator: records(CONCLUDED_LITIGATION),
        },
        available: false,
    },
])
.unavailable();

/// 行政诉讼法 第三条第三款 (被诉行政机关负责人应当出庭应诉); 最高人民法院关于行政机关负责人出庭应诉
/// 若干问题的规定 第六条、第七条 (one appearance per instance; rejected proof = not appeared): cases
/// where a head appeared ÷ cases heard in court (负责人出庭应诉率), with the two other
/// denominators of STATUTES.md §7.3: cases with a court notice to appear (出庭通知到庭率), and
/// hearing sessions. Not yet computable.
pub const HEAD_APPEARANCE_RATE: Indicator = rate(
    "litigation.head_appearance_rate",
    "行政机关负责人出庭应诉率",
    "当年审结且开庭审理的案件中行政机关负责人出庭应诉的比例",
    Litigation,
    records(&[of(
        "litigation_case",
        &[yes("heard_in_court"), yes("head_appeared")],
    )]),
    records(&[of("litigation_case", &[yes("heard_in_court")])]),
    BY_LITIGATION_CLOSING,
    src(
        LITIGATION_LAW,
        "第三条第三款",
        Practice,
        "STATUTES.md §7.2–7.3, §17 负责人出庭应诉率; counting per 出庭应诉规定 第六条、第七条",
    ),
)
.with_variants(&[
    Variant {
        id: "litigation.head_appearance_rate.notified",
        name: "出庭通知到庭率",
        definition: "当年审结且法院发出负责人出庭通知的案件中负责人出庭的比例",
        measure: Measure::Rate {
            numerator: records(&[of(
                "litigation_case",
                &[yes("appearance_notified"), yes("head_appeared")],
            )]),
            denominator: records(&[of("litigation_case", &[yes("appearance_notified")])]),
        },
        available: false,
    },
    Variant {
        id: "litigation.head_appearance_rate.sessions",
        name: "行政机关负责人出庭应诉率（按庭次）",
        definition: "当年审结案件的开庭庭次中负责人出庭的庭次所占比例",
        measure: Measure::Rate {
            numerator: Quantity::Sum {
                of: CONCLUDED_LITIGATION,
                field: "sessions_head_appeared",
            },
            denominator: Quantity::Sum {
                of: CONCLUDED_LITIGATION,
                field: "sessions",
            },
        },
        available: false,
    },
])
.unavailable();

/// 最高人民法院关于行政机关负责人出庭应诉若干问题的规定 第二条 (正职负责人): cases where the principal
/// head appeared ÷ cases heard in court (正职负责人出庭率). Not yet computable.
pub const PRINCIPAL_HEAD_APPEARANCE_RATE: Indicator = rate(
    "litigation.principal_head_appearance_rate",
    "正职负责人出庭率",
    "当年审结且开庭审理的案件中正职负责人出庭的比例",
    Litigation,
    records(&[of(
        "litigation_case",
        &[yes("heard_in_court"), yes("principal_head_appeared")],
    )]),
    records(&[of("litigation_case", &[yes("heard_in_court")])]),
    BY_LITIGATION_CLOSING,
    src(
        HEAD_APPEARANCE_RULES,
        "第二条",
        Practice,
        "STATUTES.md §17 正职负责人出庭率",
    ),
)
.unavailable();

/// 行政诉讼法 第六十七条第一款 (收到起诉状副本之日起十五日内…提出答辩状): answers in time ÷ cases
/// (答辩及时率). Not yet computable.
pub const ANSWER_ON_TIME_RATE: Indicator = rate(
    "litigation.answer_on_time_rate",
    "答辩及时率",
    "当年收到的一审案件中在十五日内提交答辩状的比例",
    Litigation,
    records(&[of("litigation_case", &[yes("answered_on_time")])]),
    records(&[of("litigation_case", &[Cond::Set("answered_on_time")])]),
    dated(Receipt, "received_on"),
    src(
        LITIGATION_LAW,
        "第六十七条第一款",
        Practice,
        "STATUTES.md §17 答辩及时率",
    ),
)
.unavailable();

/// 行政诉讼法 第九十四条 (当事人必须履行人民法院发生法律效力的判决、裁定、调解书): adverse effective
/// judgments complied with ÷ such judgments (生效裁判履行率). Not yet computable.
pub const JUDGMENT_COMPLIANCE_RATE: Indicator = rate(
    "litigation.judgment_compliance_rate",
    "生效裁判履行率",
    "当年审结且对行政机关不利的生效裁判中已履行的比例",
    Litigation,
    records(&[of(
        "litigation_case",
        &[yes("adverse_effective"), yes("complied")],
    )]),
    records(&[of("litigation_case", &[yes("adverse_effective")])]),
    BY_LITIGATION_CLOSING,
    src(
        LITIGATION_LAW,
        "第九十四条",
        Practice,
        "STATUTES.md §17 生效裁判履行率",
    ),
)
.unavailable();

/// Every indicator, in the order reports quote them: enforcement, normative documents, major
/// decisions, reconsideration, litigation. Variants are listed inside their indicator.
pub static CATALOGUE: &[Indicator] = &[
    CASES_OPENED,
    PENALTY_DECISIONS,
    PENALTY_DECISIONS_ORDINARY,
    PENALTY_DECISIONS_SUMMARY,
    PENALTY_DECISIONS_REPRIMAND,
    PENALTY_DECISIONS_PROPERTY,
    PENALTY_DECISIONS_QUALIFICATION,
    PENALTY_DECISIONS_CONDUCT,
    PENALTY_DECISIONS_DETENTION,
    PENALTY_DECISIONS_OTHER_KIND,
    NO_PENALTY_DECISIONS,
    TRANSFERS_TO_JUDICIARY,
    FINES_AND_CONFISCATIONS,
    DECIDED_ON_TIME_RATE,
    OPENED_ON_TIME_RATE,
    HEARING_NOTICE_RATE,
    HEARING_RATE,
    HEARINGS_HELD,
    LEGAL_REVIEW_RATE,
    LEGAL_REVIEWS,
    LEGAL_REVIEWS_WITH_PROBLEMS,
    OFFICERS,
    CERTIFIED_OFFICERS,
    CERTIFIED_OFFICER_RATE,
    LEGAL_REVIEW_STAFF,
    LEGAL_REVIEW_STAFF_SHARE,
    POWERS,
    PENALTY_POWERS,
    INSPECTIONS,
    RANDOM_INSPECTIONS,
    INSPECTIONS_WITH_PROBLEMS,
    DISCLOSURE_RATE,
    DISCLOSURES,
    DISCLOSURE_ON_TIME_RATE,
    MAJOR_PENALTY_FILINGS,
    MAJOR_PENALTY_FILING_ON_TIME_RATE,
    CASE_FILE_REVIEWS,
    CASE_FILE_PASS_RATE,
    FULL_PROCESS_RECORD_RATE,
    LICENCE_ON_TIME_RATE,
    LICENCE_SPEEDUP_RATE,
    DOCUMENTS_ISSUED,
    DOCUMENT_REVIEWS,
    LEGALITY_REVIEW_RATE,
    FILING_RATE,
    FILINGS,
    FILING_ON_TIME_RATE,
    FILING_CONFORMITY_RATE,
    FILING_CORRECTIONS,
    FILING_CORRECTION_RATE,
    REVIEW_REQUEST_ANSWER_RATE,
    CLEANUP_KEPT,
    CLEANUP_AMENDED,
    CLEANUP_REPEALED,
    CLEANUP_LAPSED,
    DECISION_CATALOGUE_COMPLETION_RATE,
    DECISION_LEGALITY_REVIEW_RATE,
    PUBLIC_PARTICIPATION_RATE,
    EXPERT_REVIEW_RATE,
    RISK_ASSESSMENT_RATE,
    COLLECTIVE_DECISION_RATE,
    POST_EVALUATIONS,
    RECONSIDERATION_APPLICATIONS,
    RECONSIDERATION_ACCEPTANCE_RATE,
    RECONSIDERATION_CONCLUDED,
    RECONSIDERATION_CORRECTION_RATE,
    RECONSIDERATION_MAINTAIN_RATE,
    RECONSIDERATION_DISMISSAL_RATE,
    RECONSIDERATION_MEDIATION_RATE,
    RECONSIDERATION_ON_TIME_RATE,
    RECONSIDERATION_SIMPLE_PROCEDURE_RATE,
    RESPONDENT_ANSWER_ON_TIME_RATE,
    LITIGATION_CASES,
    LITIGATION_CONCLUDED,
    LOSS_RATE,
    HEAD_APPEARANCE_RATE,
    PRINCIPAL_HEAD_APPEARANCE_RATE,
    ANSWER_ON_TIME_RATE,
    JUDGMENT_COMPLIANCE_RATE,
];

static ALL: LazyLock<Vec<Indicator>> = LazyLock::new(|| {
    CATALOGUE
        .iter()
        .flat_map(|i| std::iter::once(*i).chain(i.variant_indicators()))
        .collect()
});

/// Every indicator with its variants as indicators of their own, in catalogue order (each
/// variant right after its indicator).
pub fn all() -> &'static [Indicator] {
    &ALL
}

/// An indicator or variant by id.
pub fn find(id: &str) -> Option<&'static Indicator> {
    all().iter().find(|i| i.id == id)
}

#[cfg(test)]
mod tests;

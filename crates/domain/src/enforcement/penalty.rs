//! The penalty case under the ordinary procedure (普通程序) of the Administrative Penalty Law:
//! its stages (STATUTES.md §2.1), the commands that move it, and the statutory gates.
//!
//! One pure function, [`apply`], takes a case, a [`Command`] and a [`Context`] (today, the
//! calendar, the department's configuration) and returns the new case and the [`Event`] to
//! record, or a [`Refusal`] that names the article. The case keeps records of what was checked
//! (team members, review opinions); commands take the checked types ([`InvestigationTeam`],
//! [`QualifiedReviewer`]) so that an unchecked officer or reviewer cannot reach a case.
//!
//! Deadlines come from [`crate::deadline_rules`]: see [`PenaltyCase::due_dates`].

use calendar::{Approval, Calendar, Deadline, Extension, NaiveDate, Period, Suspension};

use crate::deadline_rules;
use crate::enforcement::legal_review::{
    self, Opinion, QualifiedReviewer, ReviewGround, ReviewTrack,
};
use crate::enforcement::officer::InvestigationTeam;
use crate::enforcement::{PartyKind, penalty_law, yuan};
use crate::refusal::Refusal;

/// The stages of an ordinary-procedure penalty case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Stage {
    /// 案源登记: a clue is registered.
    ClueRegistered,
    /// 核查: the clue is being verified.
    Verifying,
    /// 不予立案: not opened (final).
    NotOpened,
    /// 立案: opened, investigators not yet assigned.
    Opened,
    /// 调查取证: under investigation by the team.
    Investigating,
    /// 调查终结: investigation closed, report made.
    InvestigationClosed,
    /// 事先告知: notice served; statement of defence period running.
    Noticed,
    /// 听证申请: the party asked for a hearing.
    HearingRequested,
    /// 听证通知: hearing time and place notified.
    HearingScheduled,
    /// 陈述申辩/听证结束: the defence was heard (or the hearing held or waived).
    DefenceClosed,
    /// 法制审核中.
    UnderLegalReview,
    /// 法制审核退回: returned with problems, to be changed and resubmitted.
    ReturnedByLegalReview,
    /// 法制审核通过.
    LegalReviewPassed,
    /// 决定: decided (one of the four outcomes of 第五十七条).
    Decided,
    /// 送达: decision served.
    Served,
    /// 执行完毕: the fine and surcharge are paid.
    Executed,
    /// 结案.
    Closed,
    /// 归档.
    Archived,
}

impl Stage {
    /// The stable code stored by the lead.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::ClueRegistered => "clue_registered",
            Stage::Verifying => "verifying",
            Stage::NotOpened => "not_opened",
            Stage::Opened => "opened",
            Stage::Investigating => "investigating",
            Stage::InvestigationClosed => "investigation_closed",
            Stage::Noticed => "noticed",
            Stage::HearingRequested => "hearing_requested",
            Stage::HearingScheduled => "hearing_scheduled",
            Stage::DefenceClosed => "defence_closed",
            Stage::UnderLegalReview => "under_legal_review",
            Stage::ReturnedByLegalReview => "returned_by_legal_review",
            Stage::LegalReviewPassed => "legal_review_passed",
            Stage::Decided => "decided",
            Stage::Served => "served",
            Stage::Executed => "executed",
            Stage::Closed => "closed",
            Stage::Archived => "archived",
        }
    }

    /// The Chinese name shown in the UI.
    pub fn label(self) -> &'static str {
        match self {
            Stage::ClueRegistered => "案源登记",
            Stage::Verifying => "核查",
            Stage::NotOpened => "不予立案",
            Stage::Opened => "已立案",
            Stage::Investigating => "调查取证",
            Stage::InvestigationClosed => "调查终结",
            Stage::Noticed => "已告知",
            Stage::HearingRequested => "已申请听证",
            Stage::HearingScheduled => "已通知听证",
            Stage::DefenceClosed => "陈述申辩（听证）结束",
            Stage::UnderLegalReview => "法制审核中",
            Stage::ReturnedByLegalReview => "法制审核退回",
            Stage::LegalReviewPassed => "法制审核通过",
            Stage::Decided => "已决定",
            Stage::Served => "已送达",
            Stage::Executed => "执行完毕",
            Stage::Closed => "已结案",
            Stage::Archived => "已归档",
        }
    }

    /// Stages between the notice and the decision, where a new notice may still be served.
    fn is_pre_decision_after_notice(self) -> bool {
        matches!(
            self,
            Stage::Noticed
                | Stage::HearingRequested
                | Stage::HearingScheduled
                | Stage::DefenceClosed
                | Stage::ReturnedByLegalReview
                | Stage::LegalReviewPassed
        )
    }
}

/// One sanction of 行政处罚法 第九条. Amounts are in fen.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Sanction {
    /// 警告.
    Warning,
    /// 通报批评.
    Criticism,
    /// 罚款.
    Fine {
        /// Amount in fen.
        fen: i64,
    },
    /// 没收违法所得.
    ConfiscateGains {
        /// Amount in fen.
        fen: i64,
    },
    /// 没收非法财物.
    ConfiscateProperty {
        /// Estimated value in fen.
        value_fen: i64,
    },
    /// 暂扣许可证件.
    SuspendLicence,
    /// 降低资质等级.
    LowerQualification,
    /// 吊销许可证件.
    RevokeLicence,
    /// 限制开展生产经营活动.
    RestrictBusiness,
    /// 责令停产停业.
    OrderSuspension,
    /// 责令关闭.
    OrderClosure,
    /// 限制从业.
    RestrictPractice,
    /// 行政拘留.
    Detention {
        /// Days.
        days: u32,
    },
    /// 法律、行政法规规定的其他行政处罚.
    Other {
        /// What it is, as the law names it.
        description: String,
    },
}

impl Sanction {
    /// The Chinese name with the amount, e.g. 「罚款5000元」.
    pub fn describe(&self) -> String {
        match self {
            Sanction::Warning => "警告".into(),
            Sanction::Criticism => "通报批评".into(),
            Sanction::Fine { fen } => format!("罚款{}", yuan(*fen)),
            Sanction::ConfiscateGains { fen } => format!("没收违法所得{}", yuan(*fen)),
            Sanction::ConfiscateProperty { value_fen } => {
                format!("没收非法财物（价值{}）", yuan(*value_fen))
            }
            Sanction::SuspendLicence => "暂扣许可证件".into(),
            Sanction::LowerQualification => "降低资质等级".into(),
            Sanction::RevokeLicence => "吊销许可证件".into(),
            Sanction::RestrictBusiness => "限制开展生产经营活动".into(),
            Sanction::OrderSuspension => "责令停产停业".into(),
            Sanction::OrderClosure => "责令关闭".into(),
            Sanction::RestrictPractice => "限制从业".into(),
            Sanction::Detention { days } => format!("行政拘留{days}日"),
            Sanction::Other { description } => description.clone(),
        }
    }

    /// The quantity that makes one sanction of a kind heavier than another (fen or days).
    fn measure(&self) -> i64 {
        match self {
            Sanction::Fine { fen } | Sanction::ConfiscateGains { fen } => *fen,
            Sanction::ConfiscateProperty { value_fen } => *value_fen,
            Sanction::Detention { days } => i64::from(*days),
            _ => 0,
        }
    }

    fn same_kind(&self, other: &Sanction) -> bool {
        match (self, other) {
            (Sanction::Other { description: a }, Sanction::Other { description: b }) => {
                a.trim() == b.trim()
            }
            _ => std::mem::discriminant(self) == std::mem::discriminant(other),
        }
    }
}

/// The penalty proposed in a notice, or imposed by a decision.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Penalty {
    /// The sanctions, at least one.
    pub sanctions: Vec<Sanction>,
    /// The department judges it 其他较重的行政处罚 or another rule gives a hearing right
    /// (第六十三条第一款第五项、第六项); the statute leaves this to sector rules.
    pub other_hearing_ground: bool,
}

impl Penalty {
    /// The sum of fines, in fen (the amount that bears the 第七十二条 surcharge).
    pub fn fine_fen(&self) -> i64 {
        self.sanctions
            .iter()
            .map(|s| match s {
                Sanction::Fine { fen } => *fen,
                _ => 0,
            })
            .sum()
    }

    /// The sanctions in words, joined by 「、」.
    pub fn describe(&self) -> String {
        self.sanctions
            .iter()
            .map(Sanction::describe)
            .collect::<Vec<_>>()
            .join("、")
    }

    fn validate(&self) -> Result<(), Refusal> {
        if self.sanctions.is_empty() {
            return Err(Refusal::new(
                "penalty.no_sanction",
                "拟作出的行政处罚至少应有一项处罚种类",
            ));
        }
        for s in &self.sanctions {
            let bad = match s {
                Sanction::Fine { fen } | Sanction::ConfiscateGains { fen } => *fen <= 0,
                Sanction::ConfiscateProperty { value_fen } => *value_fen < 0,
                Sanction::Detention { days } => *days == 0,
                Sanction::Other { description } => description.trim().is_empty(),
                _ => false,
            };
            if bad {
                return Err(Refusal::new(
                    "penalty.amount_invalid",
                    format!("处罚「{}」的数额或内容无效", s.describe()),
                ));
            }
        }
        Ok(())
    }

    /// The first sanction of `self` heavier than what `notified` proposed: a kind not notified,
    /// or a larger amount or longer term than notified (第四十五条第二款).
    pub fn heavier_than(&self, notified: &Penalty) -> Option<&Sanction> {
        self.sanctions.iter().find(|s| {
            !notified
                .sanctions
                .iter()
                .any(|n| n.same_kind(s) && s.measure() <= n.measure())
        })
    }
}

/// The party (当事人).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Party {
    /// Natural person or organisation.
    pub kind: PartyKind,
    /// Name.
    pub name: String,
}

/// The department's 较大数额 thresholds for 第六十三条 (hearing right), in fen.
///
/// The statute leaves the amounts to sector and provincial rules, so every department configures
/// its own. [`HearingThresholds::public_security`] gives the 公安 figures of
/// 公安机关办理行政案件程序规定 第一百二十三条 (2018 text; check for later amendments and, for
/// 治安 cases from 2026, the revised 治安管理处罚法).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HearingThresholds {
    /// Fine on an individual from which the hearing right arises (inclusive: 以上).
    pub individual_fine_fen: i64,
    /// Fine on an organisation from which the hearing right arises.
    pub organisation_fine_fen: i64,
    /// Confiscation (gains or property value) from an individual from which it arises.
    pub individual_confiscation_fen: i64,
    /// Confiscation from an organisation from which it arises.
    pub organisation_confiscation_fen: i64,
}

impl HearingThresholds {
    /// 公安 defaults (configurable): individual 2,000 元, organisation 10,000 元. The 公安 rule
    /// names fines only; using the same figures for confiscation is our default, not a rule.
    pub const fn public_security() -> Self {
        HearingThresholds {
            individual_fine_fen: 200_000,
            organisation_fine_fen: 1_000_000,
            individual_confiscation_fen: 200_000,
            organisation_confiscation_fen: 1_000_000,
        }
    }
}

/// Why the party has a hearing right (第六十三条第一款).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum HearingGround {
    /// （一）较大数额罚款.
    LargeFine,
    /// （二）没收较大数额违法所得、没收较大价值非法财物.
    LargeConfiscation,
    /// （三）降低资质等级、吊销许可证件.
    QualificationOrLicence,
    /// （四）责令停产停业、责令关闭、限制从业.
    StopOrCloseOrRestrict,
    /// （五）（六）其他较重的行政处罚，或其他规定.
    Other,
}

impl HearingGround {
    /// The item, in Chinese.
    pub fn label(self) -> &'static str {
        match self {
            HearingGround::LargeFine => "较大数额罚款（第六十三条第一款第一项）",
            HearingGround::LargeConfiscation => {
                "没收较大数额违法所得、没收较大价值非法财物（第六十三条第一款第二项）"
            }
            HearingGround::QualificationOrLicence => {
                "降低资质等级、吊销许可证件（第六十三条第一款第三项）"
            }
            HearingGround::StopOrCloseOrRestrict => {
                "责令停产停业、责令关闭、限制从业（第六十三条第一款第四项）"
            }
            HearingGround::Other => "其他较重的行政处罚（第六十三条第一款第五项、第六项）",
        }
    }
}

/// 行政处罚法 第六十三条: whether the proposed penalty gives the party a hearing right.
pub fn hearing_ground(
    penalty: &Penalty,
    party: PartyKind,
    thresholds: &HearingThresholds,
) -> Option<HearingGround> {
    let (fine_limit, confiscation_limit) = match party {
        PartyKind::Individual => (
            thresholds.individual_fine_fen,
            thresholds.individual_confiscation_fen,
        ),
        PartyKind::Organisation => (
            thresholds.organisation_fine_fen,
            thresholds.organisation_confiscation_fen,
        ),
    };
    if penalty.fine_fen() >= fine_limit {
        return Some(HearingGround::LargeFine);
    }
    for s in &penalty.sanctions {
        match s {
            Sanction::ConfiscateGains { fen } if *fen >= confiscation_limit => {
                return Some(HearingGround::LargeConfiscation);
            }
            Sanction::ConfiscateProperty { value_fen } if *value_fen >= confiscation_limit => {
                return Some(HearingGround::LargeConfiscation);
            }
            Sanction::LowerQualification | Sanction::RevokeLicence => {
                return Some(HearingGround::QualificationOrLicence);
            }
            Sanction::OrderSuspension | Sanction::OrderClosure | Sanction::RestrictPractice => {
                return Some(HearingGround::StopOrCloseOrRestrict);
            }
            // 限制开展生产经营活动 sits beside 责令停产停业 in 第九条 and is at least as heavy:
            // treated as 其他较重的行政处罚 (第五项).
            Sanction::RestrictBusiness => return Some(HearingGround::Other),
            _ => {}
        }
    }
    penalty.other_hearing_ground.then_some(HearingGround::Other)
}

/// The notice (事先告知) served on the party.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Notice {
    /// Day the party received it (the hearing-request clock starts here).
    pub served_on: NaiveDate,
    /// The proposed penalty.
    pub proposal: Penalty,
    /// Facts found, in brief.
    pub facts: String,
    /// Legal basis of the proposal.
    pub basis: String,
    /// The hearing right the notice had to announce, if any.
    pub hearing_ground: Option<HearingGround>,
    /// Ordinal of this notice in the case (a heavier decision needs a fresh notice).
    pub ordinal: u32,
}

/// The party's statement of defence (陈述申辩).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Defence {
    /// Nothing yet.
    Pending,
    /// Stated and reviewed (复核).
    Heard {
        /// Received on.
        on: NaiveDate,
        /// Its substance.
        summary: String,
        /// Whether the facts, reasons or evidence were adopted.
        finding: DefenceFinding,
    },
    /// Expressly waived in writing (第六十二条 但书), together with the hearing right.
    Waived {
        /// Waived on.
        on: NaiveDate,
    },
}

/// The outcome of reviewing (复核) a statement of defence (第四十五条第一款: 成立的，应当采纳).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum DefenceFinding {
    /// 采纳.
    Adopted,
    /// 部分采纳.
    PartlyAdopted,
    /// 不予采纳.
    NotAdopted,
}

/// The hearing (听证).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Hearing {
    /// No hearing right under the notice.
    NotApplicable,
    /// A right the party has not (yet) used.
    Available,
    /// Requested.
    Requested {
        /// Request date.
        on: NaiveDate,
    },
    /// Notified.
    Scheduled {
        /// Request date.
        requested_on: NaiveDate,
        /// Day the party was notified of time and place.
        notified_on: NaiveDate,
        /// Hearing day.
        hearing_on: NaiveDate,
        /// Presiding officer (not an investigator).
        presiding_officer_id: i64,
    },
    /// Over.
    Done {
        /// Hearing day.
        on: NaiveDate,
        /// How it ended.
        outcome: HearingOutcome,
    },
    /// The party waived it with the defence.
    Waived,
}

/// How a hearing ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum HearingOutcome {
    /// Held; the decision follows the hearing record (第六十五条).
    Held,
    /// The party did not attend without good reason: treated as waiver (第六十四条第八项).
    PartyAbsent,
    /// The party left without permission: treated as waiver (第六十四条第八项).
    PartyWithdrew,
}

/// The four outcomes of 行政处罚法 第五十七条第一款.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Outcome {
    /// （一）作出行政处罚决定.
    Penalty(Penalty),
    /// （二）违法行为轻微，依法可以不予行政处罚.
    NoPenaltyMinor,
    /// （三）违法事实不能成立，不予行政处罚.
    NoPenaltyNotEstablished,
    /// （四）违法行为涉嫌犯罪，移送司法机关.
    TransferToJudiciary {
        /// The receiving body, e.g. 县公安局.
        to: String,
    },
}

impl Outcome {
    /// Stable code.
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Penalty(_) => "penalty",
            Outcome::NoPenaltyMinor => "no_penalty_minor",
            Outcome::NoPenaltyNotEstablished => "no_penalty_not_established",
            Outcome::TransferToJudiciary { .. } => "transfer_to_judiciary",
        }
    }
}

/// The decision.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Decision {
    /// Decision day.
    pub decided_on: NaiveDate,
    /// Document number (文书号), formatted by the department.
    pub document_number: String,
    /// Outcome.
    pub outcome: Outcome,
    /// Decided after the 第六十条 due date (with extensions): recorded, not refused, since a late
    /// decision still has to be made.
    pub late: bool,
}

/// How the decision was served (第六十一条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ServiceMethod {
    /// 当场交付 after announcement.
    OnAnnouncement,
    /// 直接送达.
    InPerson,
    /// 留置送达.
    LeftAtAddress,
    /// 邮寄送达.
    Post,
    /// 公告送达.
    Publication,
    /// 传真、电子邮件等: only with the party's signed consent (第六十一条第二款).
    Electronic,
}

/// Service of the decision.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Service {
    /// Day served.
    pub served_on: NaiveDate,
    /// Method.
    pub method: ServiceMethod,
    /// Served after the 7-working-day limit (recorded, not refused).
    pub late: bool,
}

/// A payment of the fine.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Payment {
    /// Day paid.
    pub paid_on: NaiveDate,
    /// Amount in fen.
    pub fen: i64,
}

/// Collective deliberation by the department's heads (负责人集体讨论).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Deliberation {
    /// Meeting day.
    pub held_on: NaiveDate,
    /// Heads present.
    pub participants: Vec<String>,
    /// Conclusion.
    pub conclusion: String,
}

/// A team member as recorded on the case when assigned.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TeamMember {
    /// Officer's store id.
    pub officer_id: i64,
    /// Name.
    pub name: String,
    /// Certificate number checked.
    pub certificate_number: String,
    /// Day the certificate was checked valid.
    pub certified_on: NaiveDate,
}

/// Whether a case is 情节复杂或者重大违法行为 (第五十七条第二款).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Complexity {
    /// Ordinary.
    Ordinary,
    /// Complex or a major violation: the penalty is decided by collective deliberation.
    ComplexOrMajor,
}

/// Who approved an extension of the decision deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ExtensionAuthority {
    /// The department head, up to the rule's maximum (30 days by SAMR default).
    HeadApproval,
    /// Collective deliberation, for anything beyond (SAMR \[secondary\]).
    CollectiveDeliberation,
}

/// A penalty case. The store rebuilds it from its rows; change it only through [`apply`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PenaltyCase {
    /// Store id.
    pub id: i64,
    /// Stage.
    pub stage: Stage,
    /// The party.
    pub party: Party,
    /// Clue registered on.
    pub registered_on: NaiveDate,
    /// What the clue says.
    pub clue: String,
    /// Opened on (立案).
    pub opened_on: Option<NaiveDate>,
    /// Why the case was not opened.
    pub not_opened_reason: Option<String>,
    /// Complexity (第五十七条第二款).
    pub complexity: Complexity,
    /// Recorded 第五十八条 grounds (the catalogue comes from [`Context`]).
    pub review_grounds: Vec<ReviewGround>,
    /// Investigators.
    pub team: Vec<TeamMember>,
    /// Investigation closed on.
    pub investigation_closed_on: Option<NaiveDate>,
    /// The latest notice.
    pub notice: Option<Notice>,
    /// Statement of defence on the latest notice.
    pub defence: Defence,
    /// Hearing on the latest notice.
    pub hearing: Hearing,
    /// Legal review.
    pub review: ReviewTrack,
    /// Collective deliberation.
    pub deliberation: Option<Deliberation>,
    /// Suspensions of the 90-day clock.
    pub suspensions: Vec<Suspension>,
    /// Approved extensions of the 90-day clock.
    pub extensions: Vec<Extension>,
    /// Decision.
    pub decision: Option<Decision>,
    /// Service.
    pub service: Option<Service>,
    /// Payments of the fine.
    pub payments: Vec<Payment>,
    /// Closed on.
    pub closed_on: Option<NaiveDate>,
    /// Archived on.
    pub archived_on: Option<NaiveDate>,
}

/// What [`apply`] needs from outside: the date, the calendar and the department's settings.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// Today (Asia/Shanghai), from the caller's clock.
    pub today: NaiveDate,
    /// Working-day calendar.
    pub calendar: &'a Calendar,
    /// The department's 较大数额 thresholds.
    pub hearing_thresholds: &'a HearingThresholds,
    /// The case's matter is on the department's legal-review catalogue.
    pub on_review_catalogue: bool,
    /// Period for the statement of defence after the notice. The statute sets none (第四十五条);
    /// sector rules do (SAMR: 5 working days), so it is configuration. See [`DEFENCE_PERIOD`].
    pub defence_period: Period,
}

/// Default statement-of-defence period: 5 working days (SAMR practice; configurable).
pub const DEFENCE_PERIOD: Period = Period::working_days(5);

/// Rule id used for the statement-of-defence period (not in `deadline_rules`: no national rule).
pub const DEFENCE_RULE_ID: &str = "penalty.statement_of_defence";

/// A change to a case.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Start verifying the clue (核查).
    StartVerification,
    /// Open the case (立案).
    Open {
        /// Opening day; the 90-day clock starts here.
        opened_on: NaiveDate,
        /// Complexity as assessed at opening.
        complexity: Complexity,
    },
    /// Decide not to open (不予立案).
    DeclineToOpen {
        /// Reason.
        reason: String,
    },
    /// Assign the investigators (第四十二条).
    AssignInvestigators {
        /// Two or more certified officers.
        team: InvestigationTeam,
    },
    /// Record a 第五十八条 ground found during the case.
    AddReviewGround {
        /// The ground.
        ground: ReviewGround,
    },
    /// Mark the case complex or major (第五十七条第二款).
    MarkComplexOrMajor,
    /// Close the investigation (调查终结).
    CloseInvestigation {
        /// Day.
        closed_on: NaiveDate,
    },
    /// Serve the notice of the proposed penalty (事先告知, 第四十四条). Also serves a fresh
    /// notice, which resets defence, hearing and legal review.
    IssueNotice {
        /// Day the party received it.
        served_on: NaiveDate,
        /// Proposed penalty.
        proposal: Penalty,
        /// Facts.
        facts: String,
        /// Legal basis.
        basis: String,
    },
    /// Record a statement of defence and its review (复核).
    RecordDefence {
        /// Received on.
        received_on: NaiveDate,
        /// Substance.
        summary: String,
        /// Outcome of the review.
        finding: DefenceFinding,
    },
    /// The party waives the statement of defence and the hearing in writing.
    WaiveDefence {
        /// Day.
        on: NaiveDate,
    },
    /// The party requests a hearing (第六十四条第一项).
    RequestHearing {
        /// Request day.
        requested_on: NaiveDate,
    },
    /// Notify the hearing (第六十四条第二项、第四项).
    ScheduleHearing {
        /// Day the party is notified.
        notified_on: NaiveDate,
        /// Hearing day.
        hearing_on: NaiveDate,
        /// Presiding officer.
        presiding_officer_id: i64,
    },
    /// Record the hearing.
    RecordHearing {
        /// Day.
        held_on: NaiveDate,
        /// How it ended.
        outcome: HearingOutcome,
    },
    /// Submit (or resubmit after a change) for legal review.
    SubmitForLegalReview {
        /// Day.
        on: NaiveDate,
        /// What changed since the review returned the case (empty the first time).
        change: String,
    },
    /// Record the reviewer's opinion.
    RecordLegalReview {
        /// A qualified reviewer.
        reviewer: QualifiedReviewer,
        /// Day.
        on: NaiveDate,
        /// Opinion.
        opinion: Opinion,
    },
    /// Record the collective deliberation.
    RecordDeliberation {
        /// Day.
        held_on: NaiveDate,
        /// Heads present.
        participants: Vec<String>,
        /// Conclusion.
        conclusion: String,
    },
    /// Stop the 90-day clock for a span the sector rules exclude (听证、鉴定、公告…).
    SuspendDecisionClock {
        /// The span.
        suspension: Suspension,
    },
    /// Extend the 90-day clock.
    ExtendDecisionDeadline {
        /// Extra length.
        period: Period,
        /// Approval.
        approval: Approval,
        /// Authority.
        authority: ExtensionAuthority,
    },
    /// Decide (第五十七条).
    Decide {
        /// Day.
        decided_on: NaiveDate,
        /// Document number.
        document_number: String,
        /// Outcome.
        outcome: Outcome,
    },
    /// Serve the decision (第六十一条).
    Serve {
        /// Day.
        served_on: NaiveDate,
        /// Method.
        method: ServiceMethod,
        /// For electronic service: the party signed the consent (确认书).
        consent_signed: bool,
    },
    /// Record a payment of the fine.
    RecordPayment {
        /// Day.
        paid_on: NaiveDate,
        /// Amount in fen.
        fen: i64,
    },
    /// Close the case (结案).
    Close {
        /// Day.
        closed_on: NaiveDate,
    },
    /// Archive the case file (归档).
    Archive {
        /// Day.
        archived_on: NaiveDate,
    },
}

/// A due date of an open item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    /// Rule id: a [`deadline_rules`] id, or [`DEFENCE_RULE_ID`].
    pub rule_id: &'static str,
    /// What is due, in Chinese.
    pub subject: &'static str,
    /// Last day.
    pub due: NaiveDate,
    /// The calendar for part of the span is not yet published.
    pub provisional: bool,
}

/// What the lead records in the ledger for one transition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable kind, e.g. `penalty.decided`.
    pub kind: &'static str,
    /// The case's store id.
    pub case_id: i64,
    /// The date the event happened (the command's date, or today).
    pub on: NaiveDate,
    /// Stage after the transition.
    pub stage: Stage,
    /// The facts of the transition as name/value pairs (stable ASCII names, values as text).
    pub fields: Vec<(&'static str, String)>,
    /// The case's open due dates after the transition.
    pub due: Vec<DueItem>,
}

impl PenaltyCase {
    /// Registers a clue (案源登记): the first event of every case.
    pub fn register(
        id: i64,
        party: Party,
        clue: &str,
        registered_on: NaiveDate,
        ctx: &Context<'_>,
    ) -> Result<(PenaltyCase, Event), Refusal> {
        not_in_future(registered_on, ctx)?;
        if party.name.trim().is_empty() || clue.trim().is_empty() {
            return Err(Refusal::new(
                "penalty.clue_incomplete",
                "案源登记须填写当事人和案源内容",
            ));
        }
        let case = PenaltyCase {
            id,
            stage: Stage::ClueRegistered,
            party,
            registered_on,
            clue: clue.trim().to_owned(),
            opened_on: None,
            not_opened_reason: None,
            complexity: Complexity::Ordinary,
            review_grounds: Vec::new(),
            team: Vec::new(),
            investigation_closed_on: None,
            notice: None,
            defence: Defence::Pending,
            hearing: Hearing::NotApplicable,
            review: ReviewTrack::NotSubmitted,
            deliberation: None,
            suspensions: Vec::new(),
            extensions: Vec::new(),
            decision: None,
            service: None,
            payments: Vec::new(),
            closed_on: None,
            archived_on: None,
        };
        let fields = vec![
            ("party", case.party.name.clone()),
            ("party_kind", party_kind_code(case.party.kind).into()),
            ("clue", case.clue.clone()),
        ];
        let event = event(&case, "penalty.clue_registered", registered_on, fields, ctx)?;
        Ok((case, event))
    }

    /// The 第六十条 clock: 90 days from opening, with the case's suspensions and extensions.
    pub fn decision_deadline(&self) -> Option<Deadline> {
        let rule = deadline_rules::rule("penalty.decision_ordinary")?;
        let mut deadline = rule.deadline(self.opened_on?)?;
        deadline.suspensions = self.suspensions.clone();
        deadline.extensions = self.extensions.clone();
        Some(deadline)
    }

    /// Whether a legal review is required, and on which grounds (第五十八条). A held hearing
    /// counts as item (二): every 第六十三条 penalty touches the party's major rights, so we read
    /// 「直接关系…重大权益，经过听证程序」 as met whenever a hearing was held (conservative).
    pub fn review_grounds_now(&self, ctx: &Context<'_>) -> Vec<ReviewGround> {
        let mut grounds =
            legal_review::required_grounds(&self.review_grounds, ctx.on_review_catalogue);
        if matches!(
            self.hearing,
            Hearing::Done {
                outcome: HearingOutcome::Held,
                ..
            }
        ) && !grounds.contains(&ReviewGround::MajorRightsAfterHearing)
        {
            grounds.push(ReviewGround::MajorRightsAfterHearing);
        }
        grounds
    }

    /// The open due dates: decision (第六十条), hearing request (第六十四条), statement of
    /// defence (configured), service (第六十一条), payment (第六十七条).
    pub fn due_dates(&self, ctx: &Context<'_>) -> Result<Vec<DueItem>, Refusal> {
        let mut due = Vec::new();
        let cal = ctx.calendar;
        let before_decision = matches!(
            self.stage,
            Stage::Opened
                | Stage::Investigating
                | Stage::InvestigationClosed
                | Stage::UnderLegalReview
        ) || self.stage.is_pre_decision_after_notice();
        if before_decision && let Some(deadline) = self.decision_deadline() {
            let d = cal.deadline_due(&deadline).map_err(calendar_refusal)?;
            due.push(DueItem {
                rule_id: "penalty.decision_ordinary",
                subject: "作出处罚决定（第六十条）",
                due: d.due,
                provisional: d.provisional,
            });
        }
        if self.stage == Stage::Noticed
            && let Some(notice) = &self.notice
        {
            if self.defence == Defence::Pending {
                let d = cal
                    .due_date(notice.served_on, ctx.defence_period)
                    .map_err(calendar_refusal)?;
                due.push(DueItem {
                    rule_id: DEFENCE_RULE_ID,
                    subject: "当事人陈述、申辩",
                    due: d.due,
                    provisional: d.provisional,
                });
            }
            if self.hearing == Hearing::Available {
                let d = hearing_request_due(notice, cal)?;
                due.push(DueItem {
                    rule_id: "penalty.hearing_request",
                    subject: "当事人要求听证（第六十四条）",
                    due: d.due,
                    provisional: d.provisional,
                });
            }
        }
        if self.stage == Stage::Decided
            && let Some(decision) = &self.decision
        {
            let d = rule_due("penalty.service_absent", decision.decided_on, cal)?;
            due.push(DueItem {
                rule_id: "penalty.service_absent",
                subject: "送达行政处罚决定书（第六十一条）",
                due: d.due,
                provisional: d.provisional,
            });
        }
        if self.stage == Stage::Served
            && let Some(service) = &self.service
            && self.outstanding_fine_fen() > 0
        {
            let d = rule_due("penalty.pay_fine", service.served_on, cal)?;
            due.push(DueItem {
                rule_id: "penalty.pay_fine",
                subject: "当事人缴纳罚款（第六十七条）",
                due: d.due,
                provisional: d.provisional,
            });
        }
        Ok(due)
    }

    /// The fine imposed by the decision, in fen (0 when there is none).
    pub fn fine_fen(&self) -> i64 {
        match &self.decision {
            Some(Decision {
                outcome: Outcome::Penalty(p),
                ..
            }) => p.fine_fen(),
            _ => 0,
        }
    }

    /// Fine not yet paid (before any surcharge).
    pub fn outstanding_fine_fen(&self) -> i64 {
        (self.fine_fen() - self.paid_fen()).max(0)
    }

    fn paid_fen(&self) -> i64 {
        self.payments.iter().map(|p| p.fen).sum()
    }

    /// The 第七十二条 surcharge owed on `on`: 3% of the fine a day from the day after the
    /// payment due date, capped at the fine. Zero before service.
    pub fn surcharge_on(&self, on: NaiveDate, ctx: &Context<'_>) -> Result<i64, Refusal> {
        let Some(service) = &self.service else {
            return Ok(0);
        };
        let due = rule_due("penalty.pay_fine", service.served_on, ctx.calendar)?.due;
        Ok(late_payment_surcharge(self.fine_fen(), due, on))
    }
}

/// 行政处罚法 第七十二条第一款第一项: 每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额.
///
/// `pay_due` is the last day to pay (第六十七条, 15 days from service, rolled off a rest day);
/// counting starts the day after. Fractions of a fen are dropped, in the party's favour.
/// Days during 复议/诉讼 are not counted (第七十三条第三款): the caller passes the date up to
/// which to count with those days removed, or simply stops counting.
pub fn late_payment_surcharge(fine_fen: i64, pay_due: NaiveDate, on: NaiveDate) -> i64 {
    if fine_fen <= 0 || on <= pay_due {
        return 0;
    }
    let days = (on - pay_due).num_days();
    let raw = i128::from(fine_fen) * 3 * i128::from(days) / 100;
    raw.min(i128::from(fine_fen)) as i64
}

/// The single transition function: the new case and its event, or a refusal naming the rule.
pub fn apply(
    case: &PenaltyCase,
    command: Command,
    ctx: &Context<'_>,
) -> Result<(PenaltyCase, Event), Refusal> {
    let mut next = case.clone();
    let (kind, on, fields) = match command {
        Command::StartVerification => {
            expect_stage(case, &[Stage::ClueRegistered], "开始核查")?;
            next.stage = Stage::Verifying;
            ("penalty.verification_started", ctx.today, vec![])
        }
        Command::Open {
            opened_on,
            complexity,
        } => {
            expect_stage(case, &[Stage::ClueRegistered, Stage::Verifying], "立案")?;
            not_in_future(opened_on, ctx)?;
            not_before(opened_on, case.registered_on, "立案日期", "案源登记日期")?;
            next.stage = Stage::Opened;
            next.opened_on = Some(opened_on);
            next.complexity = complexity;
            (
                "penalty.opened",
                opened_on,
                vec![("complexity", complexity_code(complexity).into())],
            )
        }
        Command::DeclineToOpen { reason } => {
            expect_stage(case, &[Stage::ClueRegistered, Stage::Verifying], "不予立案")?;
            let reason = required(&reason, "penalty.reason_missing", "不予立案须写明理由")?;
            next.stage = Stage::NotOpened;
            next.not_opened_reason = Some(reason.clone());
            ("penalty.not_opened", ctx.today, vec![("reason", reason)])
        }
        Command::AssignInvestigators { team } => {
            expect_stage(case, &[Stage::Opened, Stage::Investigating], "指派调查人员")?;
            // A certificate checked on an earlier day may since have been suspended or expired.
            if team.certified_on() != ctx.today {
                return Err(Refusal::by_law(
                    "officer.certificate_check_stale",
                    "执法证状态须在指派当日核验（《中华人民共和国行政处罚法》第四十二条）",
                    penalty_law("第四十二条"),
                ));
            }
            next.stage = Stage::Investigating;
            next.team = team
                .officers()
                .iter()
                .map(|o| TeamMember {
                    officer_id: o.id(),
                    name: o.name().to_owned(),
                    certificate_number: o.certificate_number().to_owned(),
                    certified_on: o.certified_on(),
                })
                .collect();
            let names = next
                .team
                .iter()
                .map(|m| format!("{}（{}）", m.name, m.certificate_number))
                .collect::<Vec<_>>()
                .join("、");
            (
                "penalty.investigators_assigned",
                ctx.today,
                vec![("officers", names)],
            )
        }
        Command::AddReviewGround { ground } => {
            expect_undecided(case)?;
            if !next.review_grounds.contains(&ground) {
                next.review_grounds.push(ground);
            }
            (
                "penalty.review_ground_added",
                ctx.today,
                vec![("ground", ground.label().into())],
            )
        }
        Command::MarkComplexOrMajor => {
            expect_undecided(case)?;
            next.complexity = Complexity::ComplexOrMajor;
            ("penalty.marked_complex_or_major", ctx.today, vec![])
        }
        Command::CloseInvestigation { closed_on } => {
            expect_stage(case, &[Stage::Investigating], "调查终结")?;
            investigation_gate(case)?;
            not_in_future(closed_on, ctx)?;
            not_before(
                closed_on,
                case.opened_on.unwrap_or(closed_on),
                "调查终结日期",
                "立案日期",
            )?;
            next.stage = Stage::InvestigationClosed;
            next.investigation_closed_on = Some(closed_on);
            ("penalty.investigation_closed", closed_on, vec![])
        }
        Command::IssueNotice {
            served_on,
            proposal,
            facts,
            basis,
        } => {
            if case.stage != Stage::InvestigationClosed
                && !case.stage.is_pre_decision_after_notice()
            {
                return Err(wrong_stage(case, "告知拟作出的行政处罚"));
            }
            not_in_future(served_on, ctx)?;
            if let Some(closed) = case.investigation_closed_on {
                not_before(served_on, closed, "告知日期", "调查终结日期")?;
            }
            proposal.validate()?;
            let facts = required(&facts, "penalty.notice_incomplete", notice_incomplete())?;
            let basis = required(&basis, "penalty.notice_incomplete", notice_incomplete())?;
            let ground = hearing_ground(&proposal, case.party.kind, ctx.hearing_thresholds);
            let ordinal = case.notice.as_ref().map_or(1, |n| n.ordinal + 1);
            let fields = vec![
                ("proposal", proposal.describe()),
                ("ordinal", ordinal.to_string()),
                (
                    "hearing_right",
                    ground.map_or("无".to_owned(), |g| g.label().to_owned()),
                ),
            ];
            next.notice = Some(Notice {
                served_on,
                proposal,
                facts,
                basis,
                hearing_ground: ground,
                ordinal,
            });
            // A fresh notice is a new proposal: the defence, the hearing and the legal review
            // were about the old one.
            next.defence = Defence::Pending;
            next.hearing = if ground.is_some() {
                Hearing::Available
            } else {
                Hearing::NotApplicable
            };
            next.review = ReviewTrack::NotSubmitted;
            next.stage = Stage::Noticed;
            ("penalty.noticed", served_on, fields)
        }
        Command::RecordDefence {
            received_on,
            summary,
            finding,
        } => {
            expect_stage(
                case,
                &[
                    Stage::Noticed,
                    Stage::HearingRequested,
                    Stage::HearingScheduled,
                    Stage::DefenceClosed,
                ],
                "记录陈述申辩",
            )?;
            not_in_future(received_on, ctx)?;
            let notice = case.notice.as_ref().ok_or_else(notice_missing)?;
            not_before(received_on, notice.served_on, "陈述申辩日期", "告知日期")?;
            let summary = required(&summary, "penalty.defence_empty", "请填写陈述申辩的内容")?;
            next.defence = Defence::Heard {
                on: received_on,
                summary: summary.clone(),
                finding,
            };
            // Without a pending hearing, hearing the defence closes the defence phase.
            if case.stage == Stage::Noticed && !matches!(case.hearing, Hearing::Available) {
                next.stage = Stage::DefenceClosed;
            }
            (
                "penalty.defence_recorded",
                received_on,
                vec![
                    ("summary", summary),
                    ("finding", defence_finding_code(finding).into()),
                ],
            )
        }
        Command::WaiveDefence { on } => {
            expect_stage(case, &[Stage::Noticed], "放弃陈述申辩")?;
            not_in_future(on, ctx)?;
            next.defence = Defence::Waived { on };
            if matches!(case.hearing, Hearing::Available) {
                next.hearing = Hearing::Waived;
            }
            next.stage = Stage::DefenceClosed;
            ("penalty.defence_waived", on, vec![])
        }
        Command::RequestHearing { requested_on } => {
            expect_stage(case, &[Stage::Noticed], "申请听证")?;
            not_in_future(requested_on, ctx)?;
            let notice = case.notice.as_ref().ok_or_else(notice_missing)?;
            if case.hearing != Hearing::Available {
                return Err(Refusal::by_law(
                    "penalty.no_hearing_right",
                    "拟作出的行政处罚不属于《中华人民共和国行政处罚法》第六十三条规定的应当告知听证权利的情形",
                    penalty_law("第六十三条"),
                ));
            }
            not_before(requested_on, notice.served_on, "听证申请日期", "告知日期")?;
            let due = hearing_request_due(notice, ctx.calendar)?;
            if requested_on > due.due {
                return Err(Refusal::by_law(
                    "penalty.hearing_request_late",
                    format!(
                        "当事人应当在告知后五个工作日内（{}前）提出听证要求，逾期视为放弃（《中华人民共和国行政处罚法》第六十四条第一项）",
                        due.due
                    ),
                    penalty_law("第六十四条第一项"),
                ));
            }
            next.hearing = Hearing::Requested { on: requested_on };
            next.stage = Stage::HearingRequested;
            ("penalty.hearing_requested", requested_on, vec![])
        }
        Command::ScheduleHearing {
            notified_on,
            hearing_on,
            presiding_officer_id,
        } => {
            expect_stage(case, &[Stage::HearingRequested], "通知听证")?;
            not_in_future(notified_on, ctx)?;
            let Hearing::Requested { on: requested_on } = case.hearing else {
                return Err(wrong_stage(case, "通知听证"));
            };
            let latest = deadline_rules::rule("penalty.hearing_notice")
                .ok_or_else(missing_rule)?
                .due(ctx.calendar, hearing_on)
                .map_err(calendar_refusal)?;
            if notified_on > latest.due {
                return Err(Refusal::by_law(
                    "penalty.hearing_notice_too_late",
                    format!(
                        "应当在举行听证的七个工作日前（不迟于{}）通知当事人听证的时间、地点（《中华人民共和国行政处罚法》第六十四条第二项）",
                        latest.due
                    ),
                    penalty_law("第六十四条第二项"),
                ));
            }
            if case
                .team
                .iter()
                .any(|m| m.officer_id == presiding_officer_id)
            {
                return Err(Refusal::by_law(
                    "penalty.hearing_presider_is_investigator",
                    "听证由行政机关指定的非本案调查人员主持（《中华人民共和国行政处罚法》第六十四条第四项）",
                    penalty_law("第六十四条第四项"),
                ));
            }
            next.hearing = Hearing::Scheduled {
                requested_on,
                notified_on,
                hearing_on,
                presiding_officer_id,
            };
            next.stage = Stage::HearingScheduled;
            (
                "penalty.hearing_scheduled",
                notified_on,
                vec![
                    ("hearing_on", hearing_on.to_string()),
                    ("presiding_officer_id", presiding_officer_id.to_string()),
                ],
            )
        }
        Command::RecordHearing { held_on, outcome } => {
            expect_stage(case, &[Stage::HearingScheduled], "记录听证")?;
            not_in_future(held_on, ctx)?;
            if let Hearing::Scheduled { hearing_on, .. } = case.hearing {
                not_before(held_on, hearing_on, "听证日期", "通知的听证日期")?;
            }
            next.hearing = Hearing::Done {
                on: held_on,
                outcome,
            };
            next.stage = Stage::DefenceClosed;
            (
                "penalty.hearing_recorded",
                held_on,
                vec![("outcome", hearing_outcome_code(outcome).into())],
            )
        }
        Command::SubmitForLegalReview { on, change } => {
            let allowed = match case.stage {
                Stage::DefenceClosed | Stage::ReturnedByLegalReview => true,
                Stage::Noticed => defence_phase_complete(case, ctx)?,
                // Cases ending without a penalty go to review straight from the investigation.
                Stage::InvestigationClosed => true,
                _ => false,
            };
            if !allowed {
                return Err(wrong_stage(case, "送法制审核"));
            }
            not_in_future(on, ctx)?;
            next.review = legal_review::submit(&case.review, on, &change)?;
            next.stage = Stage::UnderLegalReview;
            let round = match &next.review {
                ReviewTrack::Submitted { round, .. } => *round,
                _ => 1,
            };
            (
                "penalty.legal_review_submitted",
                on,
                vec![
                    ("round", round.to_string()),
                    ("change", change.trim().to_owned()),
                ],
            )
        }
        Command::RecordLegalReview {
            reviewer,
            on,
            opinion,
        } => {
            expect_stage(case, &[Stage::UnderLegalReview], "出具法制审核意见")?;
            not_in_future(on, ctx)?;
            let investigators: Vec<i64> = case.team.iter().map(|m| m.officer_id).collect();
            let mut fields = vec![
                ("reviewer_id", reviewer.id().to_string()),
                ("reviewer", reviewer.name().to_owned()),
            ];
            match &opinion {
                Opinion::Approve => fields.push(("opinion", "同意".into())),
                Opinion::Problems(findings) => {
                    fields.push(("opinion", "存在问题".into()));
                    let reasons = findings
                        .iter()
                        .map(|f| format!("{}：{}", f.point.label(), f.reason.trim()))
                        .collect::<Vec<_>>()
                        .join("；");
                    fields.push(("reasons", reasons));
                }
            }
            next.review =
                legal_review::record_opinion(&case.review, &reviewer, on, opinion, &investigators)?;
            next.stage = if next.review.passed() {
                Stage::LegalReviewPassed
            } else {
                Stage::ReturnedByLegalReview
            };
            ("penalty.legal_review_recorded", on, fields)
        }
        Command::RecordDeliberation {
            held_on,
            participants,
            conclusion,
        } => {
            expect_undecided(case)?;
            if case.investigation_closed_on.is_none() {
                return Err(wrong_stage(case, "集体讨论"));
            }
            not_in_future(held_on, ctx)?;
            let participants: Vec<String> = participants
                .into_iter()
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty())
                .collect();
            // "集体" needs more than one head; the law gives no quorum, so two is our floor.
            if participants.len() < 2 {
                return Err(Refusal::by_law(
                    "penalty.deliberation_not_collective",
                    "集体讨论应当由行政机关负责人集体进行，参加人员不得少于二人（《中华人民共和国行政处罚法》第五十七条第二款）",
                    penalty_law("第五十七条第二款"),
                ));
            }
            let conclusion = required(
                &conclusion,
                "penalty.deliberation_empty",
                "请填写集体讨论结论",
            )?;
            next.deliberation = Some(Deliberation {
                held_on,
                participants: participants.clone(),
                conclusion: conclusion.clone(),
            });
            (
                "penalty.deliberation_recorded",
                held_on,
                vec![
                    ("participants", participants.join("、")),
                    ("conclusion", conclusion),
                ],
            )
        }
        Command::SuspendDecisionClock { suspension } => {
            expect_undecided(case)?;
            if case.opened_on.is_none() {
                return Err(wrong_stage(case, "中止办案期限"));
            }
            if suspension.until < suspension.from || suspension.reason.trim().is_empty() {
                return Err(Refusal::new(
                    "penalty.suspension_invalid",
                    "期限中止须写明起止日期（截止不得早于开始）和事由",
                ));
            }
            let fields = vec![
                ("from", suspension.from.to_string()),
                ("until", suspension.until.to_string()),
                ("reason", suspension.reason.clone()),
            ];
            next.suspensions.push(suspension);
            ("penalty.decision_clock_suspended", ctx.today, fields)
        }
        Command::ExtendDecisionDeadline {
            period,
            approval,
            authority,
        } => {
            expect_undecided(case)?;
            let deadline = case
                .decision_deadline()
                .ok_or_else(|| wrong_stage(case, "延长办案期限"))?;
            let due = ctx
                .calendar
                .deadline_due(&deadline)
                .map_err(calendar_refusal)?;
            if approval.approved_on > due.due {
                return Err(Refusal::by_law(
                    "penalty.extension_after_due",
                    format!(
                        "办案期限已于{}届满，延期须在届满前批准（《中华人民共和国行政处罚法》第六十条）",
                        due.due
                    ),
                    penalty_law("第六十条"),
                ));
            }
            let rule =
                deadline_rules::rule("penalty.decision_ordinary").ok_or_else(missing_rule)?;
            let max = rule.extension.and_then(|e| e.max);
            if authority == ExtensionAuthority::HeadApproval
                && let Some(max) = max
                && (period.unit() != max.unit()
                    || period.length() > max.length()
                    || !case.extensions.is_empty())
            {
                return Err(Refusal::by_law(
                    "penalty.extension_needs_deliberation",
                    format!(
                        "经负责人批准可延长{}；再次延长或超出的，应当经负责人集体讨论决定（《中华人民共和国行政处罚法》第六十条）",
                        max
                    ),
                    penalty_law("第六十条"),
                ));
            }
            if authority == ExtensionAuthority::CollectiveDeliberation
                && case.deliberation.is_none()
            {
                return Err(Refusal::by_law(
                    "penalty.deliberation_missing",
                    "延长办案期限须经负责人集体讨论，尚无集体讨论记录（《中华人民共和国行政处罚法》第六十条）",
                    penalty_law("第六十条"),
                ));
            }
            let fields = vec![
                ("period", period.to_string()),
                ("authority", approval.authority.clone()),
                ("approved_on", approval.approved_on.to_string()),
            ];
            next.extensions.push(Extension { period, approval });
            ("penalty.decision_deadline_extended", ctx.today, fields)
        }
        Command::Decide {
            decided_on,
            document_number,
            outcome,
        } => {
            not_in_future(decided_on, ctx)?;
            let document_number = required(
                &document_number,
                "penalty.document_number_missing",
                "请填写决定书文号",
            )?;
            decide_gates(case, &outcome, ctx)?;
            if let Some(closed) = case.investigation_closed_on {
                not_before(decided_on, closed, "决定日期", "调查终结日期")?;
            }
            let late = match case.decision_deadline() {
                Some(d) => {
                    decided_on > ctx.calendar.deadline_due(&d).map_err(calendar_refusal)?.due
                }
                None => false,
            };
            let mut fields = vec![
                ("document_number", document_number.clone()),
                ("outcome", outcome.as_str().into()),
                ("late", late.to_string()),
            ];
            match &outcome {
                Outcome::Penalty(p) => fields.push(("penalty", p.describe())),
                Outcome::TransferToJudiciary { to } => fields.push(("transfer_to", to.clone())),
                _ => {}
            }
            next.decision = Some(Decision {
                decided_on,
                document_number,
                outcome,
                late,
            });
            next.stage = Stage::Decided;
            ("penalty.decided", decided_on, fields)
        }
        Command::Serve {
            served_on,
            method,
            consent_signed,
        } => {
            expect_stage(case, &[Stage::Decided], "送达")?;
            not_in_future(served_on, ctx)?;
            let decision = case
                .decision
                .as_ref()
                .ok_or_else(|| wrong_stage(case, "送达"))?;
            not_before(served_on, decision.decided_on, "送达日期", "决定日期")?;
            if method == ServiceMethod::Electronic && !consent_signed {
                return Err(Refusal::by_law(
                    "penalty.electronic_service_without_consent",
                    "当事人同意并签订确认书的，方可采用传真、电子邮件等方式送达（《中华人民共和国行政处罚法》第六十一条第二款）",
                    penalty_law("第六十一条第二款"),
                ));
            }
            let due = rule_due("penalty.service_absent", decision.decided_on, ctx.calendar)?;
            let late = method != ServiceMethod::OnAnnouncement && served_on > due.due;
            next.service = Some(Service {
                served_on,
                method,
                late,
            });
            next.stage = Stage::Served;
            (
                "penalty.served",
                served_on,
                vec![
                    ("method", service_method_code(method).into()),
                    ("late", late.to_string()),
                ],
            )
        }
        Command::RecordPayment { paid_on, fen } => {
            expect_stage(case, &[Stage::Served], "登记缴款")?;
            not_in_future(paid_on, ctx)?;
            if fen <= 0 || case.fine_fen() == 0 {
                return Err(Refusal::new(
                    "penalty.payment_invalid",
                    "缴款金额须大于零，且决定须有罚款",
                ));
            }
            let surcharge = case.surcharge_on(paid_on, ctx)?;
            next.payments.push(Payment { paid_on, fen });
            let owed = case.fine_fen() + surcharge;
            if next.paid_fen() >= owed {
                next.stage = Stage::Executed;
            }
            (
                "penalty.payment_recorded",
                paid_on,
                vec![
                    ("fen", fen.to_string()),
                    ("surcharge_fen", surcharge.to_string()),
                    ("owed_fen", owed.to_string()),
                ],
            )
        }
        Command::Close { closed_on } => {
            not_in_future(closed_on, ctx)?;
            let may_close = match case.stage {
                Stage::Executed => true,
                Stage::Served => case.fine_fen() == 0,
                // 移送司法机关 ends the agency's part without a decision to serve on the party.
                Stage::Decided => matches!(
                    case.decision,
                    Some(Decision {
                        outcome: Outcome::TransferToJudiciary { .. },
                        ..
                    })
                ),
                _ => false,
            };
            if !may_close {
                let message = if case.stage == Stage::Served {
                    format!(
                        "罚款尚未缴清（未缴{}），应当依法执行或申请强制执行后方可结案",
                        yuan(case.outstanding_fine_fen())
                    )
                } else {
                    format!("案件处于「{}」阶段，不能结案", case.stage.label())
                };
                return Err(Refusal::new("penalty.cannot_close", message));
            }
            next.stage = Stage::Closed;
            next.closed_on = Some(closed_on);
            ("penalty.closed", closed_on, vec![])
        }
        Command::Archive { archived_on } => {
            expect_stage(case, &[Stage::Closed, Stage::NotOpened], "归档")?;
            not_in_future(archived_on, ctx)?;
            next.stage = Stage::Archived;
            next.archived_on = Some(archived_on);
            ("penalty.archived", archived_on, vec![])
        }
    };
    let event = event(&next, kind, on, fields, ctx)?;
    Ok((next, event))
}

/// The gates before a decision (第四十四条、第四十五条、第五十七条第二款、第五十八条、第六十二条、
/// 第六十三条).
fn decide_gates(case: &PenaltyCase, outcome: &Outcome, ctx: &Context<'_>) -> Result<(), Refusal> {
    let stage_ok = case.stage == Stage::InvestigationClosed
        || case.stage == Stage::UnderLegalReview
        || case.stage.is_pre_decision_after_notice();
    if !stage_ok {
        return Err(wrong_stage(case, "作出决定"));
    }
    if case.stage == Stage::UnderLegalReview {
        return Err(legal_review_missing(case, ctx));
    }
    if let Outcome::Penalty(penalty) = outcome {
        penalty.validate()?;
        // 第四十四条、第六十二条: no notice, no penalty decision.
        let notice = case.notice.as_ref().ok_or_else(notice_missing)?;
        // 第六十三条: a requested hearing must be held (or waived by absence) first.
        if matches!(
            case.hearing,
            Hearing::Requested { .. } | Hearing::Scheduled { .. }
        ) {
            return Err(Refusal::by_law(
                "penalty.hearing_pending",
                "当事人要求听证的，行政机关应当组织听证；听证结束前不得作出行政处罚决定（《中华人民共和国行政处罚法》第六十三条、第六十五条）",
                penalty_law("第六十三条"),
            ));
        }
        // 第四十五条、第六十二条: the defence heard, waived, or its period lapsed.
        if !defence_phase_complete(case, ctx)? {
            return Err(Refusal::by_law(
                "penalty.defence_not_heard",
                "当事人陈述、申辩（听证申请）期限尚未届满且未明确放弃，不得作出行政处罚决定（《中华人民共和国行政处罚法》第四十五条、第六十二条）",
                penalty_law("第六十二条"),
            ));
        }
        // 第四十五条第二款: a heavier penalty than notified needs a fresh notice.
        if let Some(heavier) = penalty.heavier_than(&notice.proposal) {
            return Err(Refusal::by_law(
                "penalty.heavier_than_notice",
                format!(
                    "拟决定的「{}」重于告知的「{}」；不得因当事人陈述、申辩而给予更重的处罚，确需加重的应当重新告知（《中华人民共和国行政处罚法》第四十五条第二款）",
                    heavier.describe(),
                    notice.proposal.describe()
                ),
                penalty_law("第四十五条第二款"),
            ));
        }
    }
    // 第五十八条 applies "before the head decides", whatever the outcome.
    if !case.review_grounds_now(ctx).is_empty() && !case.review.passed() {
        return Err(legal_review_missing(case, ctx));
    }
    // 第五十七条第二款: complex or major cases are decided collectively.
    if matches!(outcome, Outcome::Penalty(_))
        && case.complexity == Complexity::ComplexOrMajor
        && case.deliberation.is_none()
    {
        return Err(Refusal::by_law(
            "penalty.deliberation_missing",
            "对情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定（《中华人民共和国行政处罚法》第五十七条第二款）",
            penalty_law("第五十七条第二款"),
        ));
    }
    Ok(())
}

fn legal_review_missing(case: &PenaltyCase, ctx: &Context<'_>) -> Refusal {
    let grounds = case
        .review_grounds_now(ctx)
        .iter()
        .map(|g| g.label())
        .collect::<Vec<_>>()
        .join("；");
    Refusal::by_law(
        "penalty.legal_review_missing",
        format!(
            "本案属于《中华人民共和国行政处罚法》第五十八条规定的情形（{grounds}），未经法制审核或者审核未通过的，不得作出决定"
        ),
        penalty_law("第五十八条"),
    )
}

/// Whether the statement of defence (and hearing request) phase is over on `ctx.today`.
fn defence_phase_complete(case: &PenaltyCase, ctx: &Context<'_>) -> Result<bool, Refusal> {
    let Some(notice) = &case.notice else {
        return Ok(false);
    };
    let hearing_over = match &case.hearing {
        Hearing::NotApplicable | Hearing::Waived | Hearing::Done { .. } => true,
        Hearing::Requested { .. } | Hearing::Scheduled { .. } => false,
        Hearing::Available => ctx.today > hearing_request_due(notice, ctx.calendar)?.due,
    };
    let defence_over = match &case.defence {
        Defence::Heard { .. } | Defence::Waived { .. } => true,
        // A hearing is the fullest statement of defence.
        Defence::Pending if matches!(case.hearing, Hearing::Done { .. }) => true,
        Defence::Pending => {
            ctx.today
                > ctx
                    .calendar
                    .due_date(notice.served_on, ctx.defence_period)
                    .map_err(calendar_refusal)?
                    .due
        }
    };
    Ok(hearing_over && defence_over)
}

fn investigation_gate(case: &PenaltyCase) -> Result<(), Refusal> {
    if case.team.len() < 2 {
        return Err(Refusal::by_law(
            "officer.fewer_than_two",
            "调查取证的持证执法人员不得少于两人（《中华人民共和国行政处罚法》第四十二条）",
            penalty_law("第四十二条"),
        ));
    }
    Ok(())
}

fn hearing_request_due(notice: &Notice, cal: &Calendar) -> Result<calendar::DueDate, Refusal> {
    rule_due("penalty.hearing_request", notice.served_on, cal)
}

fn rule_due(id: &str, trigger: NaiveDate, cal: &Calendar) -> Result<calendar::DueDate, Refusal> {
    deadline_rules::rule(id)
        .ok_or_else(missing_rule)?
        .due(cal, trigger)
        .map_err(calendar_refusal)
}

fn event(
    case: &PenaltyCase,
    kind: &'static str,
    on: NaiveDate,
    fields: Vec<(&'static str, String)>,
    ctx: &Context<'_>,
) -> Result<Event, Refusal> {
    Ok(Event {
        kind,
        case_id: case.id,
        on,
        stage: case.stage,
        fields,
        due: case.due_dates(ctx)?,
    })
}

fn notice_missing() -> Refusal {
    Refusal::by_law(
        "penalty.notice_missing",
        "未履行告知程序，不得作出行政处罚决定（《中华人民共和国行政处罚法》第四十四条、第六十二条）",
        penalty_law("第六十二条"),
    )
}

fn notice_incomplete() -> &'static str {
    "告知书应当载明拟作出的行政处罚内容及事实、理由、依据（《中华人民共和国行政处罚法》第四十四条）"
}

fn expect_stage(case: &PenaltyCase, allowed: &[Stage], action: &str) -> Result<(), Refusal> {
    if allowed.contains(&case.stage) {
        Ok(())
    } else {
        Err(wrong_stage(case, action))
    }
}

fn expect_undecided(case: &PenaltyCase) -> Result<(), Refusal> {
    if case.decision.is_some()
        || matches!(
            case.stage,
            Stage::NotOpened | Stage::Closed | Stage::Archived
        )
    {
        Err(wrong_stage(case, "此操作"))
    } else {
        Ok(())
    }
}

fn wrong_stage(case: &PenaltyCase, action: &str) -> Refusal {
    Refusal::new(
        "penalty.wrong_stage",
        format!("案件处于「{}」阶段，不能{}", case.stage.label(), action),
    )
}

fn not_in_future(on: NaiveDate, ctx: &Context<'_>) -> Result<(), Refusal> {
    if on > ctx.today {
        Err(Refusal::new(
            "penalty.date_in_future",
            format!("日期{on}晚于今天（{}），不能登记尚未发生的事项", ctx.today),
        ))
    } else {
        Ok(())
    }
}

fn not_before(on: NaiveDate, earliest: NaiveDate, what: &str, than: &str) -> Result<(), Refusal> {
    if on < earliest {
        Err(Refusal::new(
            "penalty.date_order",
            format!("{what}（{on}）不得早于{than}（{earliest}）"),
        ))
    } else {
        Ok(())
    }
}

fn required(text: &str, code: &'static str, message: &str) -> Result<String, Refusal> {
    let text = text.trim();
    if text.is_empty() {
        Err(Refusal::new(code, message))
    } else {
        Ok(text.to_owned())
    }
}

fn calendar_refusal(error: calendar::CalendarError) -> Refusal {
    Refusal::new("calendar.unavailable", format!("无法计算期限：{error}"))
}

fn missing_rule() -> Refusal {
    Refusal::new("calendar.rule_missing", "期限规则缺失")
}

fn party_kind_code(kind: PartyKind) -> &'static str {
    match kind {
        PartyKind::Individual => "individual",
        PartyKind::Organisation => "organisation",
    }
}

fn complexity_code(c: Complexity) -> &'static str {
    match c {
        Complexity::Ordinary => "ordinary",
        Complexity::ComplexOrMajor => "complex_or_major",
    }
}

fn defence_finding_code(f: DefenceFinding) -> &'static str {
    match f {
        DefenceFinding::Adopted => "adopted",
        DefenceFinding::PartlyAdopted => "partly_adopted",
        DefenceFinding::NotAdopted => "not_adopted",
    }
}

fn hearing_outcome_code(o: HearingOutcome) -> &'static str {
    match o {
        HearingOutcome::Held => "held",
        HearingOutcome::PartyAbsent => "party_absent",
        HearingOutcome::PartyWithdrew => "party_withdrew",
    }
}

fn service_method_code(m: ServiceMethod) -> &'static str {
    match m {
        ServiceMethod::OnAnnouncement => "on_announcement",
        ServiceMethod::InPerson => "in_person",
        ServiceMethod::LeftAtAddress => "left_at_address",
        ServiceMethod::Post => "post",
        ServiceMethod::Publication => "publication",
        ServiceMethod::Electronic => "electronic",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enforcement::legal_review::{Finding, ReviewPoint, ReviewerQualification};
    use crate::enforcement::officer::CertifiedOfficer;
    use crate::enforcement::officer::tests::{d, officer};

    static THRESHOLDS: HearingThresholds = HearingThresholds::public_security();

    fn ctx(today: NaiveDate) -> Context<'static> {
        Context {
            today,
            calendar: Calendar::official(),
            hearing_thresholds: &THRESHOLDS,
            on_review_catalogue: false,
            defence_period: DEFENCE_PERIOD,
        }
    }

    fn run(case: &PenaltyCase, command: Command, today: NaiveDate) -> PenaltyCase {
        match apply(case, command, &ctx(today)) {
            Ok((next, _)) => next,
            Err(r) => panic!("refused: {} {}", r.code, r.message),
        }
    }

    fn refuse(case: &PenaltyCase, command: Command, today: NaiveDate) -> Refusal {
        apply(case, command, &ctx(today)).expect_err("expected a refusal")
    }

    fn fine(yuan: i64) -> Penalty {
        Penalty {
            sanctions: vec![Sanction::Fine { fen: yuan * 100 }],
            other_hearing_ground: false,
        }
    }

    fn team(on: NaiveDate) -> InvestigationTeam {
        InvestigationTeam::new(vec![
            CertifiedOfficer::certify(&officer(1, "李明"), on).unwrap(),
            CertifiedOfficer::certify(&officer(2, "王芳"), on).unwrap(),
        ])
        .unwrap()
    }

    /// Opened 2025-03-03 (Mon), investigated by officers 1 and 2, closed 2025-03-07.
    fn investigated(kind: PartyKind) -> PenaltyCase {
        let party = Party {
            kind,
            name: "张三".into(),
        };
        let (case, _) = PenaltyCase::register(
            7,
            party,
            "群众举报无照经营",
            d(2025, 3, 3),
            &ctx(d(2025, 3, 3)),
        )
        .unwrap();
        let case = run(&case, Command::StartVerification, d(2025, 3, 3));
        let case = run(
            &case,
            Command::Open {
                opened_on: d(2025, 3, 3),
                complexity: Complexity::Ordinary,
            },
            d(2025, 3, 3),
        );
        let case = run(
            &case,
            Command::AssignInvestigators {
                team: team(d(2025, 3, 3)),
            },
            d(2025, 3, 3),
        );
        run(
            &case,
            Command::CloseInvestigation {
                closed_on: d(2025, 3, 7),
            },
            d(2025, 3, 7),
        )
    }

    fn notice(proposal: Penalty, served_on: NaiveDate) -> Command {
        Command::IssueNotice {
            served_on,
            proposal,
            facts: "未取得营业执照从事经营活动".into(),
            basis: "《无证无照经营查处办法》第十三条".into(),
        }
    }

    /// Notice of a fine served 2025-03-10 (Mon); defence and hearing-request periods end
    /// 2025-03-17 (Mon).
    fn noticed(kind: PartyKind, proposal: Penalty) -> PenaltyCase {
        run(
            &investigated(kind),
            notice(proposal, d(2025, 3, 10)),
            d(2025, 3, 10),
        )
    }

    fn decide(outcome: Outcome, on: NaiveDate) -> Command {
        Command::Decide {
            decided_on: on,
            document_number: "某市监罚〔2025〕12号".into(),
            outcome,
        }
    }

    fn defence(on: NaiveDate) -> Command {
        Command::RecordDefence {
            received_on: on,
            summary: "初次违法，已停止经营".into(),
            finding: DefenceFinding::PartlyAdopted,
        }
    }

    fn reviewer() -> QualifiedReviewer {
        QualifiedReviewer::new(9, "周律", ReviewerQualification::LegalProfession).unwrap()
    }

    #[test]
    fn ordinary_procedure_end_to_end() {
        let case = noticed(PartyKind::Individual, fine(1000));
        assert_eq!(case.stage, Stage::Noticed);
        assert_eq!(case.hearing, Hearing::NotApplicable);
        let case = run(&case, defence(d(2025, 3, 12)), d(2025, 3, 12));
        assert_eq!(case.stage, Stage::DefenceClosed);
        let (case, event) = apply(
            &case,
            decide(Outcome::Penalty(fine(800)), d(2025, 3, 13)),
            &ctx(d(2025, 3, 13)),
        )
        .unwrap();
        assert_eq!(event.kind, "penalty.decided");
        assert_eq!(event.stage, Stage::Decided);
        assert!(event.fields.contains(&("penalty", "罚款800元".to_owned())));
        assert!(event.fields.contains(&("late", "false".to_owned())));
        assert_eq!(event.due[0].rule_id, "penalty.service_absent");
        // 7 working days after Thu 2025-03-13.
        assert_eq!(event.due[0].due, d(2025, 3, 24));
        let (case, event) = apply(
            &case,
            Command::Serve {
                served_on: d(2025, 3, 14),
                method: ServiceMethod::InPerson,
                consent_signed: false,
            },
            &ctx(d(2025, 3, 14)),
        )
        .unwrap();
        assert_eq!(event.due[0].rule_id, "penalty.pay_fine");
        assert_eq!(event.due[0].due, d(2025, 3, 29 + 2)); // 03-29 is a Saturday: rolled to Monday.
        let refusal = refuse(
            &case,
            Command::Close {
                closed_on: d(2025, 3, 20),
            },
            d(2025, 3, 20),
        );
        assert_eq!(refusal.code, "penalty.cannot_close");
        let case = run(
            &case,
            Command::RecordPayment {
                paid_on: d(2025, 3, 20),
                fen: 80_000,
            },
            d(2025, 3, 20),
        );
        assert_eq!(case.stage, Stage::Executed);
        let case = run(
            &case,
            Command::Close {
                closed_on: d(2025, 3, 21),
            },
            d(2025, 3, 21),
        );
        let case = run(
            &case,
            Command::Archive {
                archived_on: d(2025, 3, 24),
            },
            d(2025, 3, 24),
        );
        assert_eq!(case.stage, Stage::Archived);
    }

    #[test]
    fn decision_refused_without_notice_art_44() {
        let case = investigated(PartyKind::Individual);
        let refusal = refuse(
            &case,
            decide(Outcome::Penalty(fine(500)), d(2025, 3, 10)),
            d(2025, 3, 10),
        );
        assert_eq!(refusal.code, "penalty.notice_missing");
        assert!(refusal.message.contains("第四十四条"));
        assert!(refusal.message.contains("第六十二条"));
        assert_eq!(refusal.basis, Some(penalty_law("第六十二条")));
    }

    #[test]
    fn notice_must_state_facts_and_basis_art_44() {
        let case = investigated(PartyKind::Individual);
        let refusal = refuse(
            &case,
            Command::IssueNotice {
                served_on: d(2025, 3, 10),
                proposal: fine(500),
                facts: " ".into(),
                basis: "x".into(),
            },
            d(2025, 3, 10),
        );
        assert_eq!(refusal.code, "penalty.notice_incomplete");
        assert!(refusal.message.contains("第四十四条"));
    }

    #[test]
    fn decision_refused_while_defence_period_running_art_45_art_62() {
        let case = noticed(PartyKind::Individual, fine(1000));
        // Last day of the defence period: still running.
        let refusal = refuse(
            &case,
            decide(Outcome::Penalty(fine(1000)), d(2025, 3, 17)),
            d(2025, 3, 17),
        );
        assert_eq!(refusal.code, "penalty.defence_not_heard");
        assert!(refusal.message.contains("第四十五条"));
        // The period has lapsed the next day.
        let case = run(
            &case,
            decide(Outcome::Penalty(fine(1000)), d(2025, 3, 18)),
            d(2025, 3, 18),
        );
        assert_eq!(case.stage, Stage::Decided);
    }

    #[test]
    fn express_waiver_allows_decision_art_62() {
        let case = noticed(PartyKind::Individual, fine(5000));
        assert_eq!(case.hearing, Hearing::Available);
        let case = run(
            &case,
            Command::WaiveDefence { on: d(2025, 3, 11) },
            d(2025, 3, 11),
        );
        assert_eq!(case.hearing, Hearing::Waived);
        let case = run(
            &case,
            decide(Outcome::Penalty(fine(5000)), d(2025, 3, 11)),
            d(2025, 3, 11),
        );
        assert_eq!(case.stage, Stage::Decided);
    }

    #[test]
    fn no_heavier_penalty_after_defence_art_45() {
        let case = noticed(PartyKind::Individual, fine(1000));
        let case = run(&case, defence(d(2025, 3, 11)), d(2025, 3, 11));
        for heavier in [
            fine(1500),
            Penalty {
                sanctions: vec![Sanction::Fine { fen: 100_000 }, Sanction::Warning],
                other_hearing_ground: false,
            },
        ] {
            let refusal = refuse(
                &case,
                decide(Outcome::Penalty(heavier), d(2025, 3, 12)),
                d(2025, 3, 12),
            );
            assert_eq!(refusal.code, "penalty.heavier_than_notice");
            assert!(refusal.message.contains("第四十五条第二款"));
            assert!(refusal.message.contains("重新告知"));
        }
        // The same or lighter is fine.
        assert!(
            apply(
                &case,
                decide(Outcome::Penalty(fine(1000)), d(2025, 3, 12)),
                &ctx(d(2025, 3, 12))
            )
            .is_ok()
        );
        // A heavier decision needs a fresh notice, which restarts the defence period.
        let renoticed = run(&case, notice(fine(1500), d(2025, 3, 12)), d(2025, 3, 12));
        assert_eq!(renoticed.notice.as_ref().unwrap().ordinal, 2);
        assert_eq!(renoticed.defence, Defence::Pending);
        let refusal = refuse(
            &renoticed,
            decide(Outcome::Penalty(fine(1500)), d(2025, 3, 13)),
            d(2025, 3, 13),
        );
        assert_eq!(refusal.code, "penalty.defence_not_heard");
        let renoticed = run(&renoticed, defence(d(2025, 3, 13)), d(2025, 3, 13));
        assert!(
            apply(
                &renoticed,
                decide(Outcome::Penalty(fine(1500)), d(2025, 3, 13)),
                &ctx(d(2025, 3, 13))
            )
            .is_ok()
        );
    }

    #[test]
    fn hearing_right_from_thresholds_art_63() {
        let th = HearingThresholds::public_security();
        let ind = PartyKind::Individual;
        let org = PartyKind::Organisation;
        let cases = [
            (fine(1999), ind, None),
            (fine(2000), ind, Some(HearingGround::LargeFine)),
            (fine(9999), org, None),
            (fine(10_000), org, Some(HearingGround::LargeFine)),
            (
                Penalty {
                    sanctions: vec![Sanction::ConfiscateGains { fen: 300_000 }],
                    other_hearing_ground: false,
                },
                ind,
                Some(HearingGround::LargeConfiscation),
            ),
            (
                Penalty {
                    sanctions: vec![Sanction::Warning, Sanction::RevokeLicence],
                    other_hearing_ground: false,
                },
                org,
                Some(HearingGround::QualificationOrLicence),
            ),
            (
                Penalty {
                    sanctions: vec![Sanction::OrderSuspension],
                    other_hearing_ground: false,
                },
                org,
                Some(HearingGround::StopOrCloseOrRestrict),
            ),
            (
                Penalty {
                    sanctions: vec![Sanction::Warning],
                    other_hearing_ground: true,
                },
                ind,
                Some(HearingGround::Other),
            ),
            (
                Penalty {
                    sanctions: vec![Sanction::Warning],
                    other_hearing_ground: false,
                },
                ind,
                None,
            ),
        ];
        for (penalty, kind, want) in cases {
            assert_eq!(
                hearing_ground(&penalty, kind, &th),
                want,
                "{}",
                penalty.describe()
            );
        }
        // Thresholds are per department.
        let local = HearingThresholds {
            individual_fine_fen: 500_000,
            ..th
        };
        assert_eq!(hearing_ground(&fine(2000), ind, &local), None);
    }

    #[test]
    fn hearing_request_within_5_working_days_art_64() {
        let case = noticed(PartyKind::Individual, fine(3000));
        let refusal = refuse(
            &case,
            Command::RequestHearing {
                requested_on: d(2025, 3, 18),
            },
            d(2025, 3, 18),
        );
        assert_eq!(refusal.code, "penalty.hearing_request_late");
        assert!(refusal.message.contains("第六十四条"));
        let case = run(
            &case,
            Command::RequestHearing {
                requested_on: d(2025, 3, 17),
            },
            d(2025, 3, 17),
        );
        assert_eq!(case.stage, Stage::HearingRequested);
        // No hearing right, no request.
        let small = noticed(PartyKind::Individual, fine(100));
        let refusal = refuse(
            &small,
            Command::RequestHearing {
                requested_on: d(2025, 3, 11),
            },
            d(2025, 3, 11),
        );
        assert_eq!(refusal.code, "penalty.no_hearing_right");
    }

    fn hearing_requested() -> PenaltyCase {
        let case = noticed(PartyKind::Individual, fine(3000));
        run(
            &case,
            Command::RequestHearing {
                requested_on: d(2025, 3, 12),
            },
            d(2025, 3, 12),
        )
    }

    #[test]
    fn hearing_notice_7_working_days_before_art_64() {
        let case = hearing_requested();
        // Hearing on Tue 2025-03-25: the 7th working day before is Fri 03-14.
        let refusal = refuse(
            &case,
            Command::ScheduleHearing {
                notified_on: d(2025, 3, 17),
                hearing_on: d(2025, 3, 25),
                presiding_officer_id: 5,
            },
            d(2025, 3, 17),
        );
        assert_eq!(refusal.code, "penalty.hearing_notice_too_late");
        assert!(refusal.message.contains("第六十四条"));
        let case = run(
            &case,
            Command::ScheduleHearing {
                notified_on: d(2025, 3, 14),
                hearing_on: d(2025, 3, 25),
                presiding_officer_id: 5,
            },
            d(2025, 3, 14),
        );
        assert_eq!(case.stage, Stage::HearingScheduled);
    }

    #[test]
    fn hearing_presided_by_non_investigator_art_64() {
        let refusal = refuse(
            &hearing_requested(),
            Command::ScheduleHearing {
                notified_on: d(2025, 3, 13),
                hearing_on: d(2025, 3, 28),
                presiding_officer_id: 1,
            },
            d(2025, 3, 13),
        );
        assert_eq!(refusal.code, "penalty.hearing_presider_is_investigator");
    }

    #[test]
    fn decision_refused_while_hearing_pending_art_63() {
        let case = hearing_requested();
        let refusal = refuse(
            &case,
            decide(Outcome::Penalty(fine(3000)), d(2025, 3, 20)),
            d(2025, 3, 20),
        );
        assert_eq!(refusal.code, "penalty.hearing_pending");
        assert!(refusal.message.contains("第六十三条"));
    }

    fn heard() -> PenaltyCase {
        let case = run(
            &hearing_requested(),
            Command::ScheduleHearing {
                notified_on: d(2025, 3, 13),
                hearing_on: d(2025, 3, 25),
                presiding_officer_id: 5,
            },
            d(2025, 3, 13),
        );
        run(
            &case,
            Command::RecordHearing {
                held_on: d(2025, 3, 25),
                outcome: HearingOutcome::Held,
            },
            d(2025, 3, 25),
        )
    }

    #[test]
    fn legal_review_required_after_hearing_art_58() {
        let case = heard();
        assert_eq!(case.stage, Stage::DefenceClosed);
        let refusal = refuse(
            &case,
            decide(Outcome::Penalty(fine(3000)), d(2025, 3, 26)),
            d(2025, 3, 26),
        );
        assert_eq!(refusal.code, "penalty.legal_review_missing");
        assert!(refusal.message.contains("第五十八条"));
        assert!(refusal.message.contains("经过听证程序"));
        let case = run(
            &case,
            Command::SubmitForLegalReview {
                on: d(2025, 3, 26),
                change: String::new(),
            },
            d(2025, 3, 26),
        );
        let refusal = refuse(
            &case,
            decide(Outcome::Penalty(fine(3000)), d(2025, 3, 26)),
            d(2025, 3, 26),
        );
        assert_eq!(refusal.code, "penalty.legal_review_missing");
        let case = run(
            &case,
            Command::RecordLegalReview {
                reviewer: reviewer(),
                on: d(2025, 3, 27),
                opinion: Opinion::Approve,
            },
            d(2025, 3, 27),
        );
        assert_eq!(case.stage, Stage::LegalReviewPassed);
        let case = run(
            &case,
            decide(Outcome::Penalty(fine(3000)), d(2025, 3, 27)),
            d(2025, 3, 27),
        );
        assert_eq!(case.stage, Stage::Decided);
    }

    #[test]
    fn legal_review_required_art_58() {
        // On the department's catalogue.
        let case = run(
            &noticed(PartyKind::Organisation, fine(500)),
            defence(d(2025, 3, 11)),
            d(2025, 3, 11),
        );
        let mut on_catalogue = ctx(d(2025, 3, 12));
        on_catalogue.on_review_catalogue = true;
        let refusal = apply(
            &case,
            decide(Outcome::Penalty(fine(500)), d(2025, 3, 12)),
            &on_catalogue,
        )
        .unwrap_err();
        assert_eq!(refusal.code, "penalty.legal_review_missing");
        assert!(refusal.message.contains("目录清单"));
        // A recorded 第五十八条 ground, with a non-penalty outcome too.
        let case = run(
            &investigated(PartyKind::Individual),
            Command::AddReviewGround {
                ground: ReviewGround::MajorPublicInterest,
            },
            d(2025, 3, 7),
        );
        let refusal = refuse(
            &case,
            decide(Outcome::NoPenaltyMinor, d(2025, 3, 10)),
            d(2025, 3, 10),
        );
        assert_eq!(refusal.code, "penalty.legal_review_missing");
        assert!(refusal.message.contains("重大公共利益"));
    }

    #[test]
    fn returned_review_blocks_decision_until_resubmitted_art_58() {
        let case = run(
            &noticed(PartyKind::Individual, fine(500)),
            Command::AddReviewGround {
                ground: ReviewGround::ComplexMultipleRelations,
            },
            d(2025, 3, 10),
        );
        let case = run(&case, defence(d(2025, 3, 11)), d(2025, 3, 11));
        let case = run(
            &case,
            Command::SubmitForLegalReview {
                on: d(2025, 3, 11),
                change: String::new(),
            },
            d(2025, 3, 11),
        );
        let case = run(
            &case,
            Command::RecordLegalReview {
                reviewer: reviewer(),
                on: d(2025, 3, 12),
                opinion: Opinion::Problems(vec![Finding {
                    point: ReviewPoint::FactsAndEvidence,
                    reason: "缺少现场检查笔录".into(),
                }]),
            },
            d(2025, 3, 12),
        );
        assert_eq!(case.stage, Stage::ReturnedByLegalReview);
        let refusal = refuse(
            &case,
            decide(Outcome::Penalty(fine(500)), d(2025, 3, 12)),
            d(2025, 3, 12),
        );
        assert_eq!(refusal.code, "penalty.legal_review_missing");
        let refusal = refuse(
            &case,
            Command::SubmitForLegalReview {
                on: d(2025, 3, 13),
                change: "".into(),
            },
            d(2025, 3, 13),
        );
        assert_eq!(refusal.code, "legal_review.resubmitted_unchanged");
        let case = run(
            &case,
            Command::SubmitForLegalReview {
                on: d(2025, 3, 13),
                change: "补充现场检查笔录".into(),
            },
            d(2025, 3, 13),
        );
        let case = run(
            &case,
            Command::RecordLegalReview {
                reviewer: reviewer(),
                on: d(2025, 3, 14),
                opinion: Opinion::Approve,
            },
            d(2025, 3, 14),
        );
        assert!(
            apply(
                &case,
                decide(Outcome::Penalty(fine(500)), d(2025, 3, 14)),
                &ctx(d(2025, 3, 14))
            )
            .is_ok()
        );
        // A fresh notice resets the review: it approved the old proposal.
        let renoticed = run(&case, notice(fine(400), d(2025, 3, 14)), d(2025, 3, 14));
        assert_eq!(renoticed.review, ReviewTrack::NotSubmitted);
    }

    #[test]
    fn collective_deliberation_required_art_57() {
        let case = run(
            &noticed(PartyKind::Individual, fine(500)),
            Command::MarkComplexOrMajor,
            d(2025, 3, 10),
        );
        let case = run(&case, defence(d(2025, 3, 11)), d(2025, 3, 11));
        let refusal = refuse(
            &case,
            decide(Outcome::Penalty(fine(500)), d(2025, 3, 12)),
            d(2025, 3, 12),
        );
        assert_eq!(refusal.code, "penalty.deliberation_missing");
        assert!(refusal.message.contains("第五十七条第二款"));
        let refusal = refuse(
            &case,
            Command::RecordDeliberation {
                held_on: d(2025, 3, 12),
                participants: vec!["局长".into()],
                conclusion: "同意".into(),
            },
            d(2025, 3, 12),
        );
        assert_eq!(refusal.code, "penalty.deliberation_not_collective");
        let case = run(
            &case,
            Command::RecordDeliberation {
                held_on: d(2025, 3, 12),
                participants: vec!["局长".into(), "副局长".into(), "纪检组长".into()],
                conclusion: "同意罚款500元".into(),
            },
            d(2025, 3, 12),
        );
        assert!(
            apply(
                &case,
                decide(Outcome::Penalty(fine(500)), d(2025, 3, 12)),
                &ctx(d(2025, 3, 12))
            )
            .is_ok()
        );
        // Not needed to decide not to penalise.
        let other = run(
            &investigated(PartyKind::Individual),
            Command::MarkComplexOrMajor,
            d(2025, 3, 7),
        );
        assert!(
            apply(
                &other,
                decide(Outcome::NoPenaltyNotEstablished, d(2025, 3, 7)),
                &ctx(d(2025, 3, 7))
            )
            .is_ok()
        );
    }

    #[test]
    fn investigation_needs_two_certified_officers_art_42() {
        let (case, _) = PenaltyCase::register(
            1,
            Party {
                kind: PartyKind::Organisation,
                name: "某某商贸有限公司".into(),
            },
            "日常检查发现",
            d(2025, 3, 3),
            &ctx(d(2025, 3, 3)),
        )
        .unwrap();
        let case = run(
            &case,
            Command::Open {
                opened_on: d(2025, 3, 3),
                complexity: Complexity::Ordinary,
            },
            d(2025, 3, 3),
        );
        // Cannot close an investigation nobody was assigned to.
        let refusal = refuse(
            &case,
            Command::CloseInvestigation {
                closed_on: d(2025, 3, 4),
            },
            d(2025, 3, 4),
        );
        assert_eq!(refusal.code, "penalty.wrong_stage");
        // A team certified on another day is stale.
        let refusal = refuse(
            &case,
            Command::AssignInvestigators {
                team: team(d(2025, 3, 1)),
            },
            d(2025, 3, 3),
        );
        assert_eq!(refusal.code, "officer.certificate_check_stale");
        assert!(refusal.message.contains("第四十二条"));
        let case = run(
            &case,
            Command::AssignInvestigators {
                team: team(d(2025, 3, 3)),
            },
            d(2025, 3, 3),
        );
        assert_eq!(case.team.len(), 2);
        assert_eq!(case.team[0].certificate_number, "ZF-0001");
    }

    #[test]
    fn decision_within_90_days_art_60() {
        let case = investigated(PartyKind::Individual);
        let due = case.due_dates(&ctx(d(2025, 3, 7))).unwrap();
        assert_eq!(due[0].rule_id, "penalty.decision_ordinary");
        // 2025-03-03 + 90 days = Sun 06-01; 06-02 is the Dragon Boat holiday, so Tue 06-03.
        assert_eq!(due[0].due, d(2025, 6, 3));
        let late = run(
            &case,
            decide(Outcome::NoPenaltyMinor, d(2025, 6, 4)),
            d(2025, 6, 4),
        );
        assert!(late.decision.as_ref().unwrap().late);
        // Head approval extends up to 30 days, once.
        let approval = Approval {
            authority: "局长".into(),
            approved_on: d(2025, 5, 30),
            reference: None,
        };
        let extended = run(
            &case,
            Command::ExtendDecisionDeadline {
                period: Period::days(30),
                approval: approval.clone(),
                authority: ExtensionAuthority::HeadApproval,
            },
            d(2025, 5, 30),
        );
        let due = extended.due_dates(&ctx(d(2025, 5, 30))).unwrap();
        // The extension runs from the plain end (Sun 06-01), before roll-over: Tue 07-01.
        assert_eq!(due[0].due, d(2025, 7, 1));
        let on_time = run(
            &extended,
            decide(Outcome::NoPenaltyMinor, d(2025, 6, 4)),
            d(2025, 6, 4),
        );
        assert!(!on_time.decision.as_ref().unwrap().late);
        let refusal = refuse(
            &extended,
            Command::ExtendDecisionDeadline {
                period: Period::days(10),
                approval: approval.clone(),
                authority: ExtensionAuthority::HeadApproval,
            },
            d(2025, 5, 30),
        );
        assert_eq!(refusal.code, "penalty.extension_needs_deliberation");
        // After the due date no extension.
        let refusal = refuse(
            &case,
            Command::ExtendDecisionDeadline {
                period: Period::days(30),
                approval: Approval {
                    approved_on: d(2025, 6, 4),
                    ..approval
                },
                authority: ExtensionAuthority::HeadApproval,
            },
            d(2025, 6, 4),
        );
        assert_eq!(refusal.code, "penalty.extension_after_due");
        // A suspension moves the due date.
        let suspended = run(
            &case,
            Command::SuspendDecisionClock {
                suspension: Suspension {
                    from: d(2025, 4, 1),
                    until: d(2025, 4, 10),
                    reason: "鉴定".into(),
                },
            },
            d(2025, 4, 11),
        );
        let due = suspended.due_dates(&ctx(d(2025, 4, 11))).unwrap();
        assert!(due[0].due > d(2025, 6, 3));
    }

    #[test]
    fn service_within_7_working_days_art_61() {
        let case = run(
            &investigated(PartyKind::Individual),
            decide(Outcome::NoPenaltyMinor, d(2025, 3, 7)),
            d(2025, 3, 7),
        );
        let refusal = refuse(
            &case,
            Command::Serve {
                served_on: d(2025, 3, 10),
                method: ServiceMethod::Electronic,
                consent_signed: false,
            },
            d(2025, 3, 10),
        );
        assert_eq!(refusal.code, "penalty.electronic_service_without_consent");
        assert!(refusal.message.contains("第六十一条第二款"));
        // 7 working days after Fri 03-07 is Tue 03-18.
        let on_time = run(
            &case,
            Command::Serve {
                served_on: d(2025, 3, 18),
                method: ServiceMethod::Post,
                consent_signed: false,
            },
            d(2025, 3, 18),
        );
        assert!(!on_time.service.unwrap().late);
        let late = run(
            &case,
            Command::Serve {
                served_on: d(2025, 3, 19),
                method: ServiceMethod::Post,
                consent_signed: false,
            },
            d(2025, 3, 19),
        );
        assert!(late.service.unwrap().late);
    }

    #[test]
    fn late_payment_surcharge_3_percent_capped_art_72() {
        let due = d(2025, 4, 22);
        let cases = [
            (100_000, d(2025, 4, 22), 0),
            (100_000, d(2025, 4, 23), 3_000),
            (100_000, d(2025, 4, 25), 9_000),
            (100_000, d(2025, 5, 25), 99_000),
            (100_000, d(2025, 5, 26), 100_000),
            (100_000, d(2026, 1, 1), 100_000),
            // 3% of 33 fen is 0.99 fen: fractions are dropped.
            (33, d(2025, 4, 23), 0),
            (0, d(2025, 5, 1), 0),
        ];
        for (fine_fen, on, want) in cases {
            assert_eq!(
                late_payment_surcharge(fine_fen, due, on),
                want,
                "{fine_fen} {on}"
            );
        }
    }

    #[test]
    fn pay_within_15_days_art_67() {
        let case = noticed(PartyKind::Individual, fine(1000));
        let case = run(
            &case,
            Command::WaiveDefence { on: d(2025, 3, 10) },
            d(2025, 3, 10),
        );
        let case = run(
            &case,
            decide(Outcome::Penalty(fine(1000)), d(2025, 3, 10)),
            d(2025, 3, 10),
        );
        let case = run(
            &case,
            Command::Serve {
                served_on: d(2025, 3, 10),
                method: ServiceMethod::OnAnnouncement,
                consent_signed: false,
            },
            d(2025, 3, 10),
        );
        // Due Tue 03-25; paid the fine only on Thu 03-27: 2 days of surcharge are still owed.
        let part = run(
            &case,
            Command::RecordPayment {
                paid_on: d(2025, 3, 27),
                fen: 100_000,
            },
            d(2025, 3, 27),
        );
        assert_eq!(part.stage, Stage::Served);
        assert_eq!(
            part.surcharge_on(d(2025, 3, 27), &ctx(d(2025, 3, 27)))
                .unwrap(),
            6_000
        );
        let paid = run(
            &part,
            Command::RecordPayment {
                paid_on: d(2025, 3, 27),
                fen: 6_000,
            },
            d(2025, 3, 27),
        );
        assert_eq!(paid.stage, Stage::Executed);
    }

    #[test]
    fn transfer_to_judiciary_needs_no_notice_art_57() {
        let case = investigated(PartyKind::Individual);
        let case = run(
            &case,
            decide(
                Outcome::TransferToJudiciary {
                    to: "县公安局".into(),
                },
                d(2025, 3, 7),
            ),
            d(2025, 3, 7),
        );
        let case = run(
            &case,
            Command::Close {
                closed_on: d(2025, 3, 8),
            },
            d(2025, 3, 8),
        );
        assert_eq!(case.stage, Stage::Closed);
    }

    #[test]
    fn commands_refused_out_of_order_or_in_future() {
        let case = investigated(PartyKind::Individual);
        let refusal = refuse(&case, notice(fine(100), d(2025, 3, 12)), d(2025, 3, 11));
        assert_eq!(refusal.code, "penalty.date_in_future");
        let refusal = refuse(&case, Command::StartVerification, d(2025, 3, 11));
        assert_eq!(refusal.code, "penalty.wrong_stage");
        assert!(refusal.message.contains("调查终结"));
        let refusal = refuse(
            &case,
            notice(
                Penalty {
                    sanctions: vec![],
                    other_hearing_ground: false,
                },
                d(2025, 3, 10),
            ),
            d(2025, 3, 10),
        );
        assert_eq!(refusal.code, "penalty.no_sanction");
    }

    #[test]
    fn events_carry_due_dates_of_the_defence_phase() {
        let (_, event) = apply(
            &investigated(PartyKind::Individual),
            notice(fine(3000), d(2025, 3, 10)),
            &ctx(d(2025, 3, 10)),
        )
        .unwrap();
        assert_eq!(event.kind, "penalty.noticed");
        let ids: Vec<&str> = event.due.iter().map(|i| i.rule_id).collect();
        assert_eq!(
            ids,
            vec![
                "penalty.decision_ordinary",
                DEFENCE_RULE_ID,
                "penalty.hearing_request"
            ]
        );
        assert_eq!(event.due[2].due, d(2025, 3, 17));
        assert!(
            event
                .fields
                .iter()
                .any(|(k, v)| *k == "hearing_right" && v.contains("较大数额罚款"))
        );
    }
}

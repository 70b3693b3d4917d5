//! The catalogue of statutory deadlines (STATUTES.md §16) as data, computed by `calendar`.
//!
//! Every rule is a [`DeadlineRule`] constant with a stable ASCII id (`penalty.decision_ordinary`),
//! its law and article, the length and unit, what starts the clock, what may suspend or extend
//! it and with whose approval, and how sure the source is. Which unit a law uses comes from its
//! own definition clause (行政处罚法 art. 85, 行政许可法 art. 82, 行政强制法 art. 69,
//! 行政复议法 art. 88); the rest are calendar periods rolled off rest days (民事诉讼法 art. 85).
//! Rules tagged \[practice\], \[secondary\], \[memory\] or unverified in STATUTES.md carry a
//! `configurable` note: the figure here is the default a deployment may override with
//! [`DeadlineRule::due_with`].
//!
//! Look a rule up with [`rule`] (`rule("penalty.service_absent")`) or walk [`RULES`].
//!
//! Not deadlines, so not here: 行政处罚法 art. 72 (加处罚款 3% a day, capped at the fine) is a
//! surcharge computed from amounts.

use calendar::{
    Calendar, CalendarError, Deadline, DueDate, DueTime, NaiveDate, NaiveDateTime, Period,
};

/// How a rule's period relates to its starting event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Timing {
    /// Act within the period after the start (an ordinary deadline).
    Within,
    /// The period is a minimum: the next step may come only after it has run.
    AtLeast,
    /// Act at least the period before an event: counted back from the event.
    Before,
}

/// The shape of a rule's time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Schedule {
    /// A period counted from the starting event.
    Period(Period),
    /// A fixed day each year, on or before which the duty falls ("31 January").
    ByAnnualDate {
        /// Month, 1–12.
        month: u32,
        /// Day of the month.
        day: u32,
    },
    /// A fixed day each year, strictly before which the duty falls ("before 1 April").
    BeforeAnnualDate {
        /// Month, 1–12.
        month: u32,
        /// Day of the month.
        day: u32,
    },
}

/// How sure the figure is (the tags of STATUTES.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Certainty {
    /// Article text read in the corpus.
    Verified,
    /// Read in a third-party or local-government copy only.
    Secondary,
    /// Local or common practice, not a national rule.
    Practice,
    /// From background knowledge; unverified.
    Memory,
}

/// What an extension of a rule's period allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExtensionRule {
    /// The longest extension; `None` where the law sets no fixed length.
    pub max: Option<Period>,
    /// Who must approve it.
    pub approval: &'static str,
}

/// One statutory deadline as data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DeadlineRule {
    /// Stable ASCII id, `area.name`.
    pub id: &'static str,
    /// The law or instrument.
    pub law: &'static str,
    /// The article(s), including the definition clause that fixes the unit.
    pub article: &'static str,
    /// What must happen.
    pub subject: &'static str,
    /// The length and unit, or the annual date.
    pub schedule: Schedule,
    /// Deadline, minimum, or time before an event.
    pub timing: Timing,
    /// The event that starts the clock (day 0, not counted).
    pub starts_on: &'static str,
    /// Events that suspend the clock (中止 or excluded time).
    pub suspended_by: &'static [&'static str],
    /// The extension the law allows, if any.
    pub extension: Option<ExtensionRule>,
    /// How sure the figure is.
    pub certainty: Certainty,
    /// Why the figure is only a default, when it is.
    pub configurable: Option<&'static str>,
    /// A court's (or other outside body's) clock: show it, never block on it.
    pub informational: bool,
}

impl DeadlineRule {
    /// The rule's period, for [`Schedule::Period`] rules.
    pub fn period(&self) -> Option<Period> {
        match self.schedule {
            Schedule::Period(period) => Some(period),
            Schedule::ByAnnualDate { .. } | Schedule::BeforeAnnualDate { .. } => None,
        }
    }

    /// The due date (or, for [`Timing::Before`], the latest date) for a start on `trigger`.
    ///
    /// For annual rules `trigger` is any day of the year reported on, and the answer is the
    /// first such annual date after it (no roll-over: the date is fixed, not a period).
    pub fn due(&self, calendar: &Calendar, trigger: NaiveDate) -> Result<DueDate, CalendarError> {
        match self.schedule {
            Schedule::Period(period) => self.due_with(calendar, trigger, period),
            Schedule::ByAnnualDate { month, day } => annual(calendar, trigger, month, day, 0),
            Schedule::BeforeAnnualDate { month, day } => annual(calendar, trigger, month, day, 1),
        }
    }

    /// Like [`DeadlineRule::due`], with a configured period in place of the default (for
    /// configurable rules). Annual rules ignore `period`.
    pub fn due_with(
        &self,
        calendar: &Calendar,
        trigger: NaiveDate,
        period: Period,
    ) -> Result<DueDate, CalendarError> {
        if !matches!(self.schedule, Schedule::Period(_)) {
            return self.due(calendar, trigger);
        }
        match self.timing {
            Timing::Within | Timing::AtLeast => calendar.due_date(trigger, period),
            Timing::Before => calendar.latest_before(trigger, period),
        }
    }

    /// The end of an hour rule started at `start`.
    pub fn due_at(
        &self,
        calendar: &Calendar,
        start: NaiveDateTime,
    ) -> Result<DueTime, CalendarError> {
        match self.schedule {
            Schedule::Period(period) => calendar.due_at(start, period),
            Schedule::ByAnnualDate { .. } | Schedule::BeforeAnnualDate { .. } => {
                Err(CalendarError::HourPeriodNeedsTime)
            }
        }
    }

    /// A [`Deadline`] for this rule started on `trigger`, to which the caller adds the case's
    /// suspensions and approved extensions. `None` for annual rules and counted-back rules.
    pub fn deadline(&self, trigger: NaiveDate) -> Option<Deadline> {
        match (self.schedule, self.timing) {
            (Schedule::Period(period), Timing::Within | Timing::AtLeast) => {
                Some(Deadline::new(trigger, period))
            }
            _ => None,
        }
    }
}

/// The first `month`-`day` after `trigger`, less `days_before` days.
fn annual(
    calendar: &Calendar,
    trigger: NaiveDate,
    month: u32,
    day: u32,
    days_before: u64,
) -> Result<DueDate, CalendarError> {
    use calendar::Datelike;
    let on = |year: i32| {
        NaiveDate::from_ymd_opt(year, month, day).ok_or(CalendarError::OutOfRange(trigger))
    };
    let mut target = on(trigger.year())?;
    if target <= trigger {
        target = on(trigger.year() + 1)?;
    }
    let due = target
        .checked_sub_days(chrono_days(days_before))
        .ok_or(CalendarError::OutOfRange(target))?;
    Ok(DueDate {
        due,
        provisional: calendar.is_provisional(trigger, due)?,
        rolled_over: false,
    })
}

fn chrono_days(n: u64) -> calendar::Days {
    calendar::Days::new(n)
}

/// Looks a rule up by its id.
pub fn rule(id: &str) -> Option<&'static DeadlineRule> {
    RULES.iter().copied().find(|r| r.id == id)
}

/// 行政处罚法 第五十六条、第八十五条: decide on evidence registered and preserved (先行登记保存) — within 7 working days.
///
/// Starts on: the day the evidence is registered and preserved. Source tag: \[verified\].
pub const PENALTY_EVIDENCE_PRESERVATION_DECISION: DeadlineRule = DeadlineRule {
    id: "penalty.evidence_preservation_decision",
    law: "行政处罚法",
    article: "第五十六条、第八十五条",
    subject: "decide on evidence registered and preserved (先行登记保存)",
    schedule: Schedule::Period(Period::working_days(7)),
    timing: Timing::Within,
    starts_on: "the day the evidence is registered and preserved",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政处罚法 第六十四条第（一）项、第八十五条: party requests a hearing after being notified — within 5 working days.
///
/// Starts on: the day the party receives the notice of the right to a hearing. Source tag: \[verified\].
pub const PENALTY_HEARING_REQUEST: DeadlineRule = DeadlineRule {
    id: "penalty.hearing_request",
    law: "行政处罚法",
    article: "第六十四条第（一）项、第八十五条",
    subject: "party requests a hearing after being notified",
    schedule: Schedule::Period(Period::working_days(5)),
    timing: Timing::Within,
    starts_on: "the day the party receives the notice of the right to a hearing",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政处罚法 第六十四条第（二）项、第八十五条: notify the party of the hearing time and place — at least, before the event: 7 working days.
///
/// Starts on: the hearing date (counted back). Source tag: \[verified\].
pub const PENALTY_HEARING_NOTICE: DeadlineRule = DeadlineRule {
    id: "penalty.hearing_notice",
    law: "行政处罚法",
    article: "第六十四条第（二）项、第八十五条",
    subject: "notify the party of the hearing time and place",
    schedule: Schedule::Period(Period::working_days(7)),
    timing: Timing::Before,
    starts_on: "the hearing date (counted back)",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政处罚法 第六十条: decide an ordinary-procedure case — within 90 days.
///
/// Starts on: the day the case is opened (立案). Source tag: \[practice\].
/// Extension: up to 30 days, approved by 本机关负责人批准 (SAMR 处罚程序规定; other sectors per their rules).
/// Suspended by: 听证; 检测、检验、检疫、鉴定; 公告送达 (SAMR rules).
/// Configurable: 90 days is the statute; roll-over off a rest day is practice (民诉法 art. 85 by analogy), and the suspension events and the +30-day extension come from SAMR rules \[secondary\], so the extension is configurable with 30 days as default.
pub const PENALTY_DECISION_ORDINARY: DeadlineRule = DeadlineRule {
    id: "penalty.decision_ordinary",
    law: "行政处罚法",
    article: "第六十条",
    subject: "decide an ordinary-procedure case",
    schedule: Schedule::Period(Period::days(90)),
    timing: Timing::Within,
    starts_on: "the day the case is opened (立案)",
    suspended_by: &["听证", "检测、检验、检疫、鉴定", "公告送达 (SAMR rules)"],
    extension: Some(ExtensionRule {
        max: Some(Period::days(30)),
        approval: "本机关负责人批准 (SAMR 处罚程序规定; other sectors per their rules)",
    }),
    certainty: Certainty::Practice,
    configurable: Some(
        "90 days is the statute; roll-over off a rest day is practice (民诉法 art. 85 by analogy), and the suspension events and the +30-day extension come from SAMR rules [secondary], so the extension is configurable with 30 days as default",
    ),
    informational: false,
};

/// 行政处罚法 第六十一条、第八十五条: serve the decision when the party was absent when it was announced — within 7 working days.
///
/// Starts on: the day the decision is made. Source tag: \[verified\].
pub const PENALTY_SERVICE_ABSENT: DeadlineRule = DeadlineRule {
    id: "penalty.service_absent",
    law: "行政处罚法",
    article: "第六十一条、第八十五条",
    subject: "serve the decision when the party was absent when it was announced",
    schedule: Schedule::Period(Period::working_days(7)),
    timing: Timing::Within,
    starts_on: "the day the decision is made",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政处罚法 第四十八条、第八十五条: withdraw a published decision that was revoked or confirmed unlawful — within 3 working days.
///
/// Starts on: the day the decision is revoked or confirmed unlawful. Source tag: \[verified\].
pub const PENALTY_WITHDRAW_PUBLICATION: DeadlineRule = DeadlineRule {
    id: "penalty.withdraw_publication",
    law: "行政处罚法",
    article: "第四十八条、第八十五条",
    subject: "withdraw a published decision that was revoked or confirmed unlawful",
    schedule: Schedule::Period(Period::working_days(3)),
    timing: Timing::Within,
    starts_on: "the day the decision is revoked or confirmed unlawful",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政处罚法 第六十七条: party pays the fine at the designated bank — within 15 days.
///
/// Starts on: the day the party receives the decision. Source tag: \[verified\].
pub const PENALTY_PAY_FINE: DeadlineRule = DeadlineRule {
    id: "penalty.pay_fine",
    law: "行政处罚法",
    article: "第六十七条",
    subject: "party pays the fine at the designated bank",
    schedule: Schedule::Period(Period::days(15)),
    timing: Timing::Within,
    starts_on: "the day the party receives the decision",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政处罚法 第七十一条、第八十五条: officer hands fines collected on the spot to the agency — within 2 working days.
///
/// Starts on: the day the fine is collected (on water: the day of landing). Source tag: \[verified\].
pub const PENALTY_CASH_TO_AGENCY: DeadlineRule = DeadlineRule {
    id: "penalty.cash_to_agency",
    law: "行政处罚法",
    article: "第七十一条、第八十五条",
    subject: "officer hands fines collected on the spot to the agency",
    schedule: Schedule::Period(Period::working_days(2)),
    timing: Timing::Within,
    starts_on: "the day the fine is collected (on water: the day of landing)",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政处罚法 第七十一条、第八十五条: agency pays collected fines into the designated bank — within 2 working days.
///
/// Starts on: the day the agency receives the cash. Source tag: \[verified\].
pub const PENALTY_CASH_TO_BANK: DeadlineRule = DeadlineRule {
    id: "penalty.cash_to_bank",
    law: "行政处罚法",
    article: "第七十一条、第八十五条",
    subject: "agency pays collected fines into the designated bank",
    schedule: Schedule::Period(Period::working_days(2)),
    timing: Timing::Within,
    starts_on: "the day the agency receives the cash",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政处罚法 第三十六条: limitation: a violation not discovered within two years is not penalised — within 2 years.
///
/// Starts on: the day of the violation (or the day a continuing violation ends). Source tag: \[verified\].
pub const PENALTY_LIMITATION: DeadlineRule = DeadlineRule {
    id: "penalty.limitation",
    law: "行政处罚法",
    article: "第三十六条",
    subject: "limitation: a violation not discovered within two years is not penalised",
    schedule: Schedule::Period(Period::years(2)),
    timing: Timing::Within,
    starts_on: "the day of the violation (or the day a continuing violation ends)",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政处罚法 第三十六条: limitation for violations of citizens' life and health or financial security with harmful consequences — within 5 years.
///
/// Starts on: the day of the violation (or the day a continuing violation ends). Source tag: \[verified\].
pub const PENALTY_LIMITATION_EXTENDED: DeadlineRule = DeadlineRule {
    id: "penalty.limitation_extended",
    law: "行政处罚法",
    article: "第三十六条",
    subject: "limitation for violations of citizens' life and health or financial security with harmful consequences",
    schedule: Schedule::Period(Period::years(5)),
    timing: Timing::Within,
    starts_on: "the day of the violation (or the day a continuing violation ends)",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 市场监督管理行政处罚程序规定 第十八条: decide whether to open a case after a lead is found — within 15 working days.
///
/// Starts on: the day the lead is found or received. Source tag: \[secondary\].
/// Extension: up to 15 working days, approved by 市场监督管理部门负责人批准.
/// Configurable: SAMR procedure rules read in secondary copies only (unverified: no primary text found); 15 (+15) working days are defaults.
pub const PENALTY_SAMR_CASE_OPENING: DeadlineRule = DeadlineRule {
    id: "penalty.samr_case_opening",
    law: "市场监督管理行政处罚程序规定",
    article: "第十八条",
    subject: "decide whether to open a case after a lead is found",
    schedule: Schedule::Period(Period::working_days(15)),
    timing: Timing::Within,
    starts_on: "the day the lead is found or received",
    suspended_by: &[],
    extension: Some(ExtensionRule {
        max: Some(Period::working_days(15)),
        approval: "市场监督管理部门负责人批准",
    }),
    certainty: Certainty::Secondary,
    configurable: Some(
        "SAMR procedure rules read in secondary copies only (unverified: no primary text found); 15 (+15) working days are defaults",
    ),
    informational: false,
};

/// 市场监督管理行政处罚信息公示规定 第九条: publish penalty information on the enterprise credit system (same province) — within 20 working days.
///
/// Starts on: the day the decision is made. Source tag: \[verified\].
pub const PENALTY_SAMR_PUBLICITY: DeadlineRule = DeadlineRule {
    id: "penalty.samr_publicity",
    law: "市场监督管理行政处罚信息公示规定",
    article: "第九条",
    subject: "publish penalty information on the enterprise credit system (same province)",
    schedule: Schedule::Period(Period::working_days(20)),
    timing: Timing::Within,
    starts_on: "the day the decision is made",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 市场监督管理行政处罚信息公示规定 第十条: push penalty information to the registering authority of another province — within 10 working days.
///
/// Starts on: the day the decision is made. Source tag: \[verified\].
pub const PENALTY_SAMR_CROSS_PROVINCE_PUSH: DeadlineRule = DeadlineRule {
    id: "penalty.samr_cross_province_push",
    law: "市场监督管理行政处罚信息公示规定",
    article: "第十条",
    subject: "push penalty information to the registering authority of another province",
    schedule: Schedule::Period(Period::working_days(10)),
    timing: Timing::Within,
    starts_on: "the day the decision is made",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 国办发〔2018〕118号 三项制度指导意见: publish licence and penalty decisions (事后公开) — within 7 working days.
///
/// Starts on: the day the decision is made. Source tag: \[secondary\].
/// Configurable: 118号 read in secondary summaries only (unverified: no primary text found); 7 working days is the default.
pub const DISCLOSURE_LICENCE_AND_PENALTY_DECISIONS: DeadlineRule = DeadlineRule {
    id: "disclosure.licence_and_penalty_decisions",
    law: "国办发〔2018〕118号",
    article: "三项制度指导意见",
    subject: "publish licence and penalty decisions (事后公开)",
    schedule: Schedule::Period(Period::working_days(7)),
    timing: Timing::Within,
    starts_on: "the day the decision is made",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Secondary,
    configurable: Some(
        "118号 read in secondary summaries only (unverified: no primary text found); 7 working days is the default",
    ),
    informational: false,
};

/// 国办发〔2018〕118号 三项制度指导意见: publish other enforcement decisions — within 20 working days.
///
/// Starts on: the day the decision is made. Source tag: \[secondary\].
/// Configurable: 118号 read in secondary summaries only (unverified: no primary text found); 20 working days is the default.
pub const DISCLOSURE_OTHER_DECISIONS: DeadlineRule = DeadlineRule {
    id: "disclosure.other_decisions",
    law: "国办发〔2018〕118号",
    article: "三项制度指导意见",
    subject: "publish other enforcement decisions",
    schedule: Schedule::Period(Period::working_days(20)),
    timing: Timing::Within,
    starts_on: "the day the decision is made",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Secondary,
    configurable: Some(
        "118号 read in secondary summaries only (unverified: no primary text found); 20 working days is the default",
    ),
    informational: false,
};

/// 国办发〔2018〕118号 三项制度指导意见: publish the previous year's enforcement statistics — by 31 January each year.
///
/// Starts on: the year reported on. Source tag: \[secondary\].
/// Configurable: secondary only (unverified: no primary text found); 31 January is the default.
pub const DISCLOSURE_ENFORCEMENT_STATISTICS: DeadlineRule = DeadlineRule {
    id: "disclosure.enforcement_statistics",
    law: "国办发〔2018〕118号",
    article: "三项制度指导意见",
    subject: "publish the previous year's enforcement statistics",
    schedule: Schedule::ByAnnualDate { month: 1, day: 31 },
    timing: Timing::Within,
    starts_on: "the year reported on",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Secondary,
    configurable: Some(
        "secondary only (unverified: no primary text found); 31 January is the default",
    ),
    informational: false,
};

/// 行政许可法 第三十二条、第八十二条: tell the applicant at once what to add to an incomplete application — within 5 working days.
///
/// Starts on: the day the application is received. Source tag: \[verified\].
pub const LICENCE_CORRECTION_NOTICE: DeadlineRule = DeadlineRule {
    id: "licence.correction_notice",
    law: "行政许可法",
    article: "第三十二条、第八十二条",
    subject: "tell the applicant at once what to add to an incomplete application",
    schedule: Schedule::Period(Period::working_days(5)),
    timing: Timing::Within,
    starts_on: "the day the application is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政许可法 第四十二条、第八十二条: decide on a licence application — within 20 working days.
///
/// Starts on: the day the application is accepted. Source tag: \[verified\].
/// Extension: up to 10 working days, approved by 本行政机关负责人批准.
/// Suspended by: 听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审 (第四十五条).
pub const LICENCE_DECISION: DeadlineRule = DeadlineRule {
    id: "licence.decision",
    law: "行政许可法",
    article: "第四十二条、第八十二条",
    subject: "decide on a licence application",
    schedule: Schedule::Period(Period::working_days(20)),
    timing: Timing::Within,
    starts_on: "the day the application is accepted",
    suspended_by: &["听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审 (第四十五条)"],
    extension: Some(ExtensionRule {
        max: Some(Period::working_days(10)),
        approval: "本行政机关负责人批准",
    }),
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政许可法 第四十二条、第八十二条: decide through joint or centralised handling — within 45 working days.
///
/// Starts on: the day the application is accepted. Source tag: \[verified\].
/// Extension: up to 15 working days, approved by 本级人民政府负责人批准.
/// Suspended by: 听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审 (第四十五条).
pub const LICENCE_JOINT_HANDLING: DeadlineRule = DeadlineRule {
    id: "licence.joint_handling",
    law: "行政许可法",
    article: "第四十二条、第八十二条",
    subject: "decide through joint or centralised handling",
    schedule: Schedule::Period(Period::working_days(45)),
    timing: Timing::Within,
    starts_on: "the day the application is accepted",
    suspended_by: &["听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审 (第四十五条)"],
    extension: Some(ExtensionRule {
        max: Some(Period::working_days(15)),
        approval: "本级人民政府负责人批准",
    }),
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政许可法 第四十三条、第八十二条: lower-level agency completes its preliminary review — within 20 working days.
///
/// Starts on: the day the application is accepted. Source tag: \[verified\].
pub const LICENCE_LOWER_LEVEL_REVIEW: DeadlineRule = DeadlineRule {
    id: "licence.lower_level_review",
    law: "行政许可法",
    article: "第四十三条、第八十二条",
    subject: "lower-level agency completes its preliminary review",
    schedule: Schedule::Period(Period::working_days(20)),
    timing: Timing::Within,
    starts_on: "the day the application is accepted",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政许可法 第四十四条、第八十二条: issue and serve the licence certificate — within 10 working days.
///
/// Starts on: the day the decision to grant is made. Source tag: \[verified\].
pub const LICENCE_ISSUE_CERTIFICATE: DeadlineRule = DeadlineRule {
    id: "licence.issue_certificate",
    law: "行政许可法",
    article: "第四十四条、第八十二条",
    subject: "issue and serve the licence certificate",
    schedule: Schedule::Period(Period::working_days(10)),
    timing: Timing::Within,
    starts_on: "the day the decision to grant is made",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政许可法 第四十七条: applicant or interested party requests a hearing — within 5 working days.
///
/// Starts on: the day the party is told of the right to a hearing. Source tag: \[practice\].
/// Configurable: the unit is unsettled (art. 82 covers only the agency's periods; STATUTES.md §18 item 8): the default counts working days, the generous reading, so that no request made within 5 working days is ever rejected; a deployment may choose calendar days.
pub const LICENCE_HEARING_REQUEST: DeadlineRule = DeadlineRule {
    id: "licence.hearing_request",
    law: "行政许可法",
    article: "第四十七条",
    subject: "applicant or interested party requests a hearing",
    schedule: Schedule::Period(Period::working_days(5)),
    timing: Timing::Within,
    starts_on: "the day the party is told of the right to a hearing",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Practice,
    configurable: Some(
        "the unit is unsettled (art. 82 covers only the agency's periods; STATUTES.md §18 item 8): the default counts working days, the generous reading, so that no request made within 5 working days is ever rejected; a deployment may choose calendar days",
    ),
    informational: false,
};

/// 行政许可法 第四十七条、第八十二条: organise the hearing after it is requested — within 20 working days.
///
/// Starts on: the day the hearing request is received. Source tag: \[verified\].
pub const LICENCE_HEARING_ORGANISE: DeadlineRule = DeadlineRule {
    id: "licence.hearing_organise",
    law: "行政许可法",
    article: "第四十七条、第八十二条",
    subject: "organise the hearing after it is requested",
    schedule: Schedule::Period(Period::working_days(20)),
    timing: Timing::Within,
    starts_on: "the day the hearing request is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政许可法 第四十八条、第八十二条: notify the applicant and interested parties of the hearing — at least, before the event: 7 working days.
///
/// Starts on: the hearing date (counted back). Source tag: \[verified\].
pub const LICENCE_HEARING_NOTICE: DeadlineRule = DeadlineRule {
    id: "licence.hearing_notice",
    law: "行政许可法",
    article: "第四十八条、第八十二条",
    subject: "notify the applicant and interested parties of the hearing",
    schedule: Schedule::Period(Period::working_days(7)),
    timing: Timing::Before,
    starts_on: "the hearing date (counted back)",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政许可法 第五十条: licensee applies for renewal before the licence expires — at least, before the event: 30 days.
///
/// Starts on: the expiry date (counted back). Source tag: \[practice\].
/// Configurable: whether the 30 days are working or calendar days is unsettled (STATUTES.md §18 item 8): calendar days are the default.
pub const LICENCE_RENEWAL_APPLICATION: DeadlineRule = DeadlineRule {
    id: "licence.renewal_application",
    law: "行政许可法",
    article: "第五十条",
    subject: "licensee applies for renewal before the licence expires",
    schedule: Schedule::Period(Period::days(30)),
    timing: Timing::Before,
    starts_on: "the expiry date (counted back)",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Practice,
    configurable: Some(
        "whether the 30 days are working or calendar days is unsettled (STATUTES.md §18 item 8): calendar days are the default",
    ),
    informational: false,
};

/// 行政强制法 第十九条: report an on-the-spot emergency measure to the agency head — within 24 hours.
///
/// Starts on: the moment the measure is taken. Source tag: \[verified\].
pub const COERCIVE_EMERGENCY_REPORT: DeadlineRule = DeadlineRule {
    id: "coercive.emergency_report",
    law: "行政强制法",
    article: "第十九条",
    subject: "report an on-the-spot emergency measure to the agency head",
    schedule: Schedule::Period(Period::hours(24)),
    timing: Timing::Within,
    starts_on: "the moment the measure is taken",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政强制法 第二十五条: decide on seized or detained property — within 30 days.
///
/// Starts on: the day the property is seized or detained. Source tag: \[verified\].
/// Extension: up to 30 days, approved by 行政机关负责人批准.
/// Suspended by: 检测、检验、检疫、技术鉴定 (第二十五条第三款).
pub const COERCIVE_SEIZURE: DeadlineRule = DeadlineRule {
    id: "coercive.seizure",
    law: "行政强制法",
    article: "第二十五条",
    subject: "decide on seized or detained property",
    schedule: Schedule::Period(Period::days(30)),
    timing: Timing::Within,
    starts_on: "the day the property is seized or detained",
    suspended_by: &["检测、检验、检疫、技术鉴定 (第二十五条第三款)"],
    extension: Some(ExtensionRule {
        max: Some(Period::days(30)),
        approval: "行政机关负责人批准",
    }),
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政强制法 第三十一条、第六十九条: deliver the freeze decision to the party — within 3 working days.
///
/// Starts on: the day the account is frozen. Source tag: \[verified\].
pub const COERCIVE_FREEZE_DECISION_DELIVERY: DeadlineRule = DeadlineRule {
    id: "coercive.freeze_decision_delivery",
    law: "行政强制法",
    article: "第三十一条、第六十九条",
    subject: "deliver the freeze decision to the party",
    schedule: Schedule::Period(Period::working_days(3)),
    timing: Timing::Within,
    starts_on: "the day the account is frozen",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政强制法 第三十二条: decide on frozen deposits or remittances — within 30 days.
///
/// Starts on: the day the account is frozen. Source tag: \[verified\].
/// Extension: up to 30 days, approved by 行政机关负责人批准.
pub const COERCIVE_FREEZE_RESOLUTION: DeadlineRule = DeadlineRule {
    id: "coercive.freeze_resolution",
    law: "行政强制法",
    article: "第三十二条",
    subject: "decide on frozen deposits or remittances",
    schedule: Schedule::Period(Period::days(30)),
    timing: Timing::Within,
    starts_on: "the day the account is frozen",
    suspended_by: &[],
    extension: Some(ExtensionRule {
        max: Some(Period::days(30)),
        approval: "行政机关负责人批准",
    }),
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政强制法 第四十六条: late-payment surcharge has run more than 30 days before the agency may enforce — at least 30 days.
///
/// Starts on: the day the surcharge starts to accrue. Source tag: \[verified\].
pub const COERCIVE_ACCRUAL_BEFORE_ENFORCEMENT: DeadlineRule = DeadlineRule {
    id: "coercive.accrual_before_enforcement",
    law: "行政强制法",
    article: "第四十六条",
    subject: "late-payment surcharge has run more than 30 days before the agency may enforce",
    schedule: Schedule::Period(Period::days(30)),
    timing: Timing::AtLeast,
    starts_on: "the day the surcharge starts to accrue",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政强制法 第五十一条、第六十九条: remind the party before substitute performance (代履行) — at least, before the event: 3 working days.
///
/// Starts on: the date of substitute performance (counted back). Source tag: \[verified\].
pub const COERCIVE_SUBSTITUTE_PERFORMANCE_REMINDER: DeadlineRule = DeadlineRule {
    id: "coercive.substitute_performance_reminder",
    law: "行政强制法",
    article: "第五十一条、第六十九条",
    subject: "remind the party before substitute performance (代履行)",
    schedule: Schedule::Period(Period::working_days(3)),
    timing: Timing::Before,
    starts_on: "the date of substitute performance (counted back)",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政强制法 第五十三条: apply to the court for enforcement — within 3 months.
///
/// Starts on: the day the period to apply for reconsideration or to sue expires. Source tag: \[verified\].
pub const COERCIVE_COURT_APPLICATION_WINDOW: DeadlineRule = DeadlineRule {
    id: "coercive.court_application_window",
    law: "行政强制法",
    article: "第五十三条",
    subject: "apply to the court for enforcement",
    schedule: Schedule::Period(Period::months(3)),
    timing: Timing::Within,
    starts_on: "the day the period to apply for reconsideration or to sue expires",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政强制法 第五十四条、第六十九条: party has not performed 10 working days after the reminder: the agency may apply to the court — at least 10 working days.
///
/// Starts on: the day the reminder is served. Source tag: \[verified\].
pub const COERCIVE_COURT_APPLICATION_AFTER_REMINDER: DeadlineRule = DeadlineRule {
    id: "coercive.court_application_after_reminder",
    law: "行政强制法",
    article: "第五十四条、第六十九条",
    subject: "party has not performed 10 working days after the reminder: the agency may apply to the court",
    schedule: Schedule::Period(Period::working_days(10)),
    timing: Timing::AtLeast,
    starts_on: "the day the reminder is served",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政强制法 第五十六条第一款、第六十九条: court decides whether to accept the application — within 5 working days.
///
/// Starts on: the day the court receives the application. Source tag: \[verified\].
/// Informational: a court's clock, shown but never blocking the agency's work.
pub const COERCIVE_COURT_ACCEPTANCE: DeadlineRule = DeadlineRule {
    id: "coercive.court_acceptance",
    law: "行政强制法",
    article: "第五十六条第一款、第六十九条",
    subject: "court decides whether to accept the application",
    schedule: Schedule::Period(Period::working_days(5)),
    timing: Timing::Within,
    starts_on: "the day the court receives the application",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: true,
};

/// 行政强制法 第五十七条、第六十九条: court rules on the application after written review — within 7 working days.
///
/// Starts on: the day the court accepts the application. Source tag: \[verified\].
/// Informational: a court's clock, shown but never blocking the agency's work.
pub const COERCIVE_COURT_RULING: DeadlineRule = DeadlineRule {
    id: "coercive.court_ruling",
    law: "行政强制法",
    article: "第五十七条、第六十九条",
    subject: "court rules on the application after written review",
    schedule: Schedule::Period(Period::working_days(7)),
    timing: Timing::Within,
    starts_on: "the day the court accepts the application",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: true,
};

/// 行政强制法 第五十八条第二款: court rules when it found a defect under art. 58 ¶1 and heard the parties — within 30 days.
///
/// Starts on: the day the court accepts the application. Source tag: \[verified\].
/// Informational: a court's clock, shown but never blocking the agency's work.
pub const COERCIVE_COURT_RULING_DEFECT: DeadlineRule = DeadlineRule {
    id: "coercive.court_ruling_defect",
    law: "行政强制法",
    article: "第五十八条第二款",
    subject: "court rules when it found a defect under art. 58 ¶1 and heard the parties",
    schedule: Schedule::Period(Period::days(30)),
    timing: Timing::Within,
    starts_on: "the day the court accepts the application",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: true,
};

/// 行政强制法 第五十八条第二款、第六十九条: court serves a ruling refusing enforcement on the agency — within 5 working days.
///
/// Starts on: the day the ruling is made. Source tag: \[verified\].
/// Informational: a court's clock, shown but never blocking the agency's work.
pub const COERCIVE_REFUSAL_RULING_SERVICE: DeadlineRule = DeadlineRule {
    id: "coercive.refusal_ruling_service",
    law: "行政强制法",
    article: "第五十八条第二款、第六十九条",
    subject: "court serves a ruling refusing enforcement on the agency",
    schedule: Schedule::Period(Period::working_days(5)),
    timing: Timing::Within,
    starts_on: "the day the ruling is made",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: true,
};

/// 行政强制法 第五十六条第二款、第五十八条第三款: agency applies to the court one level up against non-acceptance or refusal — within 15 days.
///
/// Starts on: the day the agency receives the ruling. Source tag: \[verified\].
pub const COERCIVE_HIGHER_COURT_APPLICATION: DeadlineRule = DeadlineRule {
    id: "coercive.higher_court_application",
    law: "行政强制法",
    article: "第五十六条第二款、第五十八条第三款",
    subject: "agency applies to the court one level up against non-acceptance or refusal",
    schedule: Schedule::Period(Period::days(15)),
    timing: Timing::Within,
    starts_on: "the day the agency receives the ruling",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政强制法 第五十六条第二款: higher court rules on non-acceptance — within 15 days.
///
/// Starts on: the day the higher court receives the application. Source tag: \[verified\].
/// Informational: a court's clock, shown but never blocking the agency's work.
pub const COERCIVE_HIGHER_COURT_RULING_ON_REJECTION: DeadlineRule = DeadlineRule {
    id: "coercive.higher_court_ruling_on_rejection",
    law: "行政强制法",
    article: "第五十六条第二款",
    subject: "higher court rules on non-acceptance",
    schedule: Schedule::Period(Period::days(15)),
    timing: Timing::Within,
    starts_on: "the day the higher court receives the application",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: true,
};

/// 行政强制法 第五十八条第三款: higher court rules on refusal to enforce — within 30 days.
///
/// Starts on: the day the higher court receives the application. Source tag: \[verified\].
/// Informational: a court's clock, shown but never blocking the agency's work.
pub const COERCIVE_HIGHER_COURT_RULING_ON_REFUSAL: DeadlineRule = DeadlineRule {
    id: "coercive.higher_court_ruling_on_refusal",
    law: "行政强制法",
    article: "第五十八条第三款",
    subject: "higher court rules on refusal to enforce",
    schedule: Schedule::Period(Period::days(30)),
    timing: Timing::Within,
    starts_on: "the day the higher court receives the application",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: true,
};

/// 行政复议法 第二十条: apply for reconsideration — within 60 days.
///
/// Starts on: the day the applicant knows or should know of the act. Source tag: \[verified\].
pub const RECONSIDERATION_APPLICATION: DeadlineRule = DeadlineRule {
    id: "reconsideration.application",
    law: "行政复议法",
    article: "第二十条",
    subject: "apply for reconsideration",
    schedule: Schedule::Period(Period::days(60)),
    timing: Timing::Within,
    starts_on: "the day the applicant knows or should know of the act",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政复议法 第二十条第三款: apply when the agency did not tell the right, organ or period — within 1 years.
///
/// Starts on: the day the applicant knows or should know the content of the act. Source tag: \[verified\].
pub const RECONSIDERATION_APPLICATION_NOT_INFORMED: DeadlineRule = DeadlineRule {
    id: "reconsideration.application_not_informed",
    law: "行政复议法",
    article: "第二十条第三款",
    subject: "apply when the agency did not tell the right, organ or period",
    schedule: Schedule::Period(Period::years(1)),
    timing: Timing::Within,
    starts_on: "the day the applicant knows or should know the content of the act",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政复议法 第二十一条: no application accepted once 5 years have passed since the act — within 5 years.
///
/// Starts on: the day of the act. Source tag: \[verified\].
pub const RECONSIDERATION_ABSOLUTE_BAR: DeadlineRule = DeadlineRule {
    id: "reconsideration.absolute_bar",
    law: "行政复议法",
    article: "第二十一条",
    subject: "no application accepted once 5 years have passed since the act",
    schedule: Schedule::Period(Period::years(5)),
    timing: Timing::Within,
    starts_on: "the day of the act",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政复议法 第二十一条: no application accepted once 20 years have passed since an act on real property — within 20 years.
///
/// Starts on: the day of the act. Source tag: \[verified\].
pub const RECONSIDERATION_ABSOLUTE_BAR_REAL_PROPERTY: DeadlineRule = DeadlineRule {
    id: "reconsideration.absolute_bar_real_property",
    law: "行政复议法",
    article: "第二十一条",
    subject: "no application accepted once 20 years have passed since an act on real property",
    schedule: Schedule::Period(Period::years(20)),
    timing: Timing::Within,
    starts_on: "the day of the act",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政复议法 第三十二条第二款、第八十八条: agency that decided on the spot (or by electronic monitoring) forwards the application — within 5 working days.
///
/// Starts on: the day the application is received. Source tag: \[verified\].
pub const RECONSIDERATION_FORWARD_ON_THE_SPOT_PENALTY: DeadlineRule = DeadlineRule {
    id: "reconsideration.forward_on_the_spot_penalty",
    law: "行政复议法",
    article: "第三十二条第二款、第八十八条",
    subject: "agency that decided on the spot (or by electronic monitoring) forwards the application",
    schedule: Schedule::Period(Period::working_days(5)),
    timing: Timing::Within,
    starts_on: "the day the application is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政复议法 第三十条、第八十八条: review whether to accept the application — within 5 working days.
///
/// Starts on: the day the application is received. Source tag: \[verified\].
pub const RECONSIDERATION_ACCEPTANCE_REVIEW: DeadlineRule = DeadlineRule {
    id: "reconsideration.acceptance_review",
    law: "行政复议法",
    article: "第三十条、第八十八条",
    subject: "review whether to accept the application",
    schedule: Schedule::Period(Period::working_days(5)),
    timing: Timing::Within,
    starts_on: "the day the application is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政复议法 第三十一条、第八十八条: tell the applicant what to correct — within 5 working days.
///
/// Starts on: the day the application is received. Source tag: \[verified\].
pub const RECONSIDERATION_CORRECTION_NOTICE: DeadlineRule = DeadlineRule {
    id: "reconsideration.correction_notice",
    law: "行政复议法",
    article: "第三十一条、第八十八条",
    subject: "tell the applicant what to correct",
    schedule: Schedule::Period(Period::working_days(5)),
    timing: Timing::Within,
    starts_on: "the day the application is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政复议法 第三十一条、第八十八条: applicant submits the corrections — within 10 working days.
///
/// Starts on: the day the applicant receives the correction notice. Source tag: \[verified\].
pub const RECONSIDERATION_CORRECTION_REPLY: DeadlineRule = DeadlineRule {
    id: "reconsideration.correction_reply",
    law: "行政复议法",
    article: "第三十一条、第八十八条",
    subject: "applicant submits the corrections",
    schedule: Schedule::Period(Period::working_days(10)),
    timing: Timing::Within,
    starts_on: "the day the applicant receives the correction notice",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政复议法 第四十八条、第八十八条: send the application to the respondent (ordinary procedure) — within 7 working days.
///
/// Starts on: the day the application is accepted. Source tag: \[verified\].
pub const RECONSIDERATION_COPY_TO_RESPONDENT: DeadlineRule = DeadlineRule {
    id: "reconsideration.copy_to_respondent",
    law: "行政复议法",
    article: "第四十八条、第八十八条",
    subject: "send the application to the respondent (ordinary procedure)",
    schedule: Schedule::Period(Period::working_days(7)),
    timing: Timing::Within,
    starts_on: "the day the application is accepted",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政复议法 第四十八条、第八十八条: respondent answers and submits evidence (ordinary procedure) — within 10 working days.
///
/// Starts on: the day the respondent receives the copy. Source tag: \[verified\].
pub const RECONSIDERATION_RESPONDENT_ANSWER: DeadlineRule = DeadlineRule {
    id: "reconsideration.respondent_answer",
    law: "行政复议法",
    article: "第四十八条、第八十八条",
    subject: "respondent answers and submits evidence (ordinary procedure)",
    schedule: Schedule::Period(Period::working_days(10)),
    timing: Timing::Within,
    starts_on: "the day the respondent receives the copy",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政复议法 第五十四条、第八十八条: send the application to the respondent (simple procedure) — within 3 working days.
///
/// Starts on: the day the application is accepted. Source tag: \[verified\].
pub const RECONSIDERATION_SIMPLE_COPY: DeadlineRule = DeadlineRule {
    id: "reconsideration.simple_copy",
    law: "行政复议法",
    article: "第五十四条、第八十八条",
    subject: "send the application to the respondent (simple procedure)",
    schedule: Schedule::Period(Period::working_days(3)),
    timing: Timing::Within,
    starts_on: "the day the application is accepted",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政复议法 第五十四条、第八十八条: respondent answers (simple procedure) — within 5 working days.
///
/// Starts on: the day the respondent receives the copy. Source tag: \[verified\].
pub const RECONSIDERATION_SIMPLE_ANSWER: DeadlineRule = DeadlineRule {
    id: "reconsideration.simple_answer",
    law: "行政复议法",
    article: "第五十四条、第八十八条",
    subject: "respondent answers (simple procedure)",
    schedule: Schedule::Period(Period::working_days(5)),
    timing: Timing::Within,
    starts_on: "the day the respondent receives the copy",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政复议法 第五十一条、第八十八条: notify the parties of the hearing — at least, before the event: 5 working days.
///
/// Starts on: the hearing date (counted back). Source tag: \[verified\].
pub const RECONSIDERATION_HEARING_NOTICE: DeadlineRule = DeadlineRule {
    id: "reconsideration.hearing_notice",
    law: "行政复议法",
    article: "第五十一条、第八十八条",
    subject: "notify the parties of the hearing",
    schedule: Schedule::Period(Period::working_days(5)),
    timing: Timing::Before,
    starts_on: "the hearing date (counted back)",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政复议法 第四十一条第（五）项: a 中止 under art. 39 ¶1 (一)(二)(四) unresolved for 60 days ends the case (终止) — at least 60 days.
///
/// Starts on: the day the reconsideration is suspended. Source tag: \[verified\].
pub const RECONSIDERATION_SUSPENSION_TO_TERMINATION: DeadlineRule = DeadlineRule {
    id: "reconsideration.suspension_to_termination",
    law: "行政复议法",
    article: "第四十一条第（五）项",
    subject: "a 中止 under art. 39 ¶1 (一)(二)(四) unresolved for 60 days ends the case (终止)",
    schedule: Schedule::Period(Period::days(60)),
    timing: Timing::AtLeast,
    starts_on: "the day the reconsideration is suspended",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政复议法 第六十二条: decide an ordinary-procedure case — within 60 days.
///
/// Starts on: the day the application is accepted. Source tag: \[practice\].
/// Extension: up to 30 days, approved by 行政复议机构的负责人批准.
/// Suspended by: 中止 (第三十九条).
/// Configurable: art. 39 does not itself say the 中止 span is excluded from the 60-day clock (STATUTES.md §1 rule 4): excluding it is the configurable default.
pub const RECONSIDERATION_DECISION_ORDINARY: DeadlineRule = DeadlineRule {
    id: "reconsideration.decision_ordinary",
    law: "行政复议法",
    article: "第六十二条",
    subject: "decide an ordinary-procedure case",
    schedule: Schedule::Period(Period::days(60)),
    timing: Timing::Within,
    starts_on: "the day the application is accepted",
    suspended_by: &["中止 (第三十九条)"],
    extension: Some(ExtensionRule {
        max: Some(Period::days(30)),
        approval: "行政复议机构的负责人批准",
    }),
    certainty: Certainty::Practice,
    configurable: Some(
        "art. 39 does not itself say the 中止 span is excluded from the 60-day clock (STATUTES.md §1 rule 4): excluding it is the configurable default",
    ),
    informational: false,
};

/// 行政复议法 第六十二条第二款: decide a simple-procedure case — within 30 days.
///
/// Starts on: the day the application is accepted. Source tag: \[verified\].
pub const RECONSIDERATION_DECISION_SIMPLE: DeadlineRule = DeadlineRule {
    id: "reconsideration.decision_simple",
    law: "行政复议法",
    article: "第六十二条第二款",
    subject: "decide a simple-procedure case",
    schedule: Schedule::Period(Period::days(30)),
    timing: Timing::Within,
    starts_on: "the day the application is accepted",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政复议法 第五十六条、第五十七条: handle an incidental review of a normative document the organ may decide on — within 30 days.
///
/// Starts on: the day the request is received (or the issue is found). Source tag: \[verified\].
pub const RECONSIDERATION_INCIDENTAL_REVIEW_HANDLE: DeadlineRule = DeadlineRule {
    id: "reconsideration.incidental_review_handle",
    law: "行政复议法",
    article: "第五十六条、第五十七条",
    subject: "handle an incidental review of a normative document the organ may decide on",
    schedule: Schedule::Period(Period::days(30)),
    timing: Timing::Within,
    starts_on: "the day the request is received (or the issue is found)",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政复议法 第五十六条、第五十七条、第八十八条: transfer an incidental review to the competent organ — within 7 working days.
///
/// Starts on: the day the request is received (or the issue is found). Source tag: \[verified\].
pub const RECONSIDERATION_INCIDENTAL_REVIEW_TRANSFER: DeadlineRule = DeadlineRule {
    id: "reconsideration.incidental_review_transfer",
    law: "行政复议法",
    article: "第五十六条、第五十七条、第八十八条",
    subject: "transfer an incidental review to the competent organ",
    schedule: Schedule::Period(Period::working_days(7)),
    timing: Timing::Within,
    starts_on: "the day the request is received (or the issue is found)",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政复议法 第六十条: organ that received a transfer replies with its opinion — within 60 days.
///
/// Starts on: the day the transfer is received. Source tag: \[verified\].
pub const RECONSIDERATION_INCIDENTAL_REVIEW_REPLY: DeadlineRule = DeadlineRule {
    id: "reconsideration.incidental_review_reply",
    law: "行政复议法",
    article: "第六十条",
    subject: "organ that received a transfer replies with its opinion",
    schedule: Schedule::Period(Period::days(60)),
    timing: Timing::Within,
    starts_on: "the day the transfer is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政复议法 第五十八条、第八十八条: ask the drafting organ for a written answer — within 3 working days.
///
/// Starts on: the day the reconsideration is suspended. Source tag: \[verified\].
pub const RECONSIDERATION_INCIDENTAL_REVIEW_NOTIFY_DRAFTER: DeadlineRule = DeadlineRule {
    id: "reconsideration.incidental_review_notify_drafter",
    law: "行政复议法",
    article: "第五十八条、第八十八条",
    subject: "ask the drafting organ for a written answer",
    schedule: Schedule::Period(Period::working_days(3)),
    timing: Timing::Within,
    starts_on: "the day the reconsideration is suspended",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政复议法 第五十八条、第八十八条: drafting organ submits its written answer — within 10 working days.
///
/// Starts on: the day the drafter receives the notice. Source tag: \[verified\].
pub const RECONSIDERATION_INCIDENTAL_REVIEW_DRAFTER_ANSWER: DeadlineRule = DeadlineRule {
    id: "reconsideration.incidental_review_drafter_answer",
    law: "行政复议法",
    article: "第五十八条、第八十八条",
    subject: "drafting organ submits its written answer",
    schedule: Schedule::Period(Period::working_days(10)),
    timing: Timing::Within,
    starts_on: "the day the drafter receives the notice",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政复议法 第七十六条: report how a reconsideration opinion (意见书) was complied with — within 60 days.
///
/// Starts on: the day the opinion is received. Source tag: \[verified\].
pub const RECONSIDERATION_OPINION_COMPLIANCE: DeadlineRule = DeadlineRule {
    id: "reconsideration.opinion_compliance",
    law: "行政复议法",
    article: "第七十六条",
    subject: "report how a reconsideration opinion (意见书) was complied with",
    schedule: Schedule::Period(Period::days(60)),
    timing: Timing::Within,
    starts_on: "the day the opinion is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政复议法 第三十四条: sue after a mandatory reconsideration was refused, dismissed or not decided — within 15 days.
///
/// Starts on: the day the refusal is received or the decision period expires. Source tag: \[verified\].
pub const RECONSIDERATION_SUIT_AFTER_MANDATORY: DeadlineRule = DeadlineRule {
    id: "reconsideration.suit_after_mandatory",
    law: "行政复议法",
    article: "第三十四条",
    subject: "sue after a mandatory reconsideration was refused, dismissed or not decided",
    schedule: Schedule::Period(Period::days(15)),
    timing: Timing::Within,
    starts_on: "the day the refusal is received or the decision period expires",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政诉讼法 第四十六条: sue directly — within 6 months.
///
/// Starts on: the day the plaintiff knows or should know of the act. Source tag: \[verified\].
pub const LITIGATION_DIRECT_SUIT: DeadlineRule = DeadlineRule {
    id: "litigation.direct_suit",
    law: "行政诉讼法",
    article: "第四十六条",
    subject: "sue directly",
    schedule: Schedule::Period(Period::months(6)),
    timing: Timing::Within,
    starts_on: "the day the plaintiff knows or should know of the act",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政诉讼法 第四十六条第二款: no suit accepted once 5 years have passed since the act — within 5 years.
///
/// Starts on: the day of the act. Source tag: \[verified\].
pub const LITIGATION_ABSOLUTE_BAR: DeadlineRule = DeadlineRule {
    id: "litigation.absolute_bar",
    law: "行政诉讼法",
    article: "第四十六条第二款",
    subject: "no suit accepted once 5 years have passed since the act",
    schedule: Schedule::Period(Period::years(5)),
    timing: Timing::Within,
    starts_on: "the day of the act",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政诉讼法 第四十六条第二款: no suit accepted once 20 years have passed since an act on real property — within 20 years.
///
/// Starts on: the day of the act. Source tag: \[verified\].
pub const LITIGATION_ABSOLUTE_BAR_REAL_PROPERTY: DeadlineRule = DeadlineRule {
    id: "litigation.absolute_bar_real_property",
    law: "行政诉讼法",
    article: "第四十六条第二款",
    subject: "no suit accepted once 20 years have passed since an act on real property",
    schedule: Schedule::Period(Period::years(20)),
    timing: Timing::Within,
    starts_on: "the day of the act",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政诉讼法 第四十五条: sue after a reconsideration decision — within 15 days.
///
/// Starts on: the day the decision is received. Source tag: \[verified\].
pub const LITIGATION_SUIT_AFTER_RECONSIDERATION: DeadlineRule = DeadlineRule {
    id: "litigation.suit_after_reconsideration",
    law: "行政诉讼法",
    article: "第四十五条",
    subject: "sue after a reconsideration decision",
    schedule: Schedule::Period(Period::days(15)),
    timing: Timing::Within,
    starts_on: "the day the decision is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政诉讼法 第四十七条: sue an agency that has not performed a duty 2 months after the application — at least 2 months.
///
/// Starts on: the day the application is received. Source tag: \[verified\].
pub const LITIGATION_SUIT_FOR_NONPERFORMANCE: DeadlineRule = DeadlineRule {
    id: "litigation.suit_for_nonperformance",
    law: "行政诉讼法",
    article: "第四十七条",
    subject: "sue an agency that has not performed a duty 2 months after the application",
    schedule: Schedule::Period(Period::months(2)),
    timing: Timing::AtLeast,
    starts_on: "the day the application is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政诉讼法 第五十一条第二款: court decides whether to file the case — within 7 days.
///
/// Starts on: the day the complaint is received. Source tag: \[verified\].
/// Informational: a court's clock, shown but never blocking the agency's work.
pub const LITIGATION_FILING_DECISION: DeadlineRule = DeadlineRule {
    id: "litigation.filing_decision",
    law: "行政诉讼法",
    article: "第五十一条第二款",
    subject: "court decides whether to file the case",
    schedule: Schedule::Period(Period::days(7)),
    timing: Timing::Within,
    starts_on: "the day the complaint is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: true,
};

/// 行政诉讼法 第六十七条: court sends the complaint to the defendant — within 5 days.
///
/// Starts on: the day the case is filed. Source tag: \[verified\].
/// Informational: a court's clock, shown but never blocking the agency's work.
pub const LITIGATION_COMPLAINT_COPY: DeadlineRule = DeadlineRule {
    id: "litigation.complaint_copy",
    law: "行政诉讼法",
    article: "第六十七条",
    subject: "court sends the complaint to the defendant",
    schedule: Schedule::Period(Period::days(5)),
    timing: Timing::Within,
    starts_on: "the day the case is filed",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: true,
};

/// 行政诉讼法 第六十七条: defendant agency answers and submits its evidence and legal basis — within 15 days.
///
/// Starts on: the day the agency receives the complaint. Source tag: \[verified\].
pub const LITIGATION_DEFENDANT_ANSWER: DeadlineRule = DeadlineRule {
    id: "litigation.defendant_answer",
    law: "行政诉讼法",
    article: "第六十七条",
    subject: "defendant agency answers and submits its evidence and legal basis",
    schedule: Schedule::Period(Period::days(15)),
    timing: Timing::Within,
    starts_on: "the day the agency receives the complaint",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政诉讼法 第八十一条: court gives the first-instance judgment — within 6 months.
///
/// Starts on: the day the case is filed. Source tag: \[verified\].
/// Informational: a court's clock, shown but never blocking the agency's work.
pub const LITIGATION_FIRST_INSTANCE: DeadlineRule = DeadlineRule {
    id: "litigation.first_instance",
    law: "行政诉讼法",
    article: "第八十一条",
    subject: "court gives the first-instance judgment",
    schedule: Schedule::Period(Period::months(6)),
    timing: Timing::Within,
    starts_on: "the day the case is filed",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: true,
};

/// 行政诉讼法 第八十三条: court concludes a simple-procedure case — within 45 days.
///
/// Starts on: the day the case is filed. Source tag: \[verified\].
/// Informational: a court's clock, shown but never blocking the agency's work.
pub const LITIGATION_SIMPLE_PROCEDURE: DeadlineRule = DeadlineRule {
    id: "litigation.simple_procedure",
    law: "行政诉讼法",
    article: "第八十三条",
    subject: "court concludes a simple-procedure case",
    schedule: Schedule::Period(Period::days(45)),
    timing: Timing::Within,
    starts_on: "the day the case is filed",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: true,
};

/// 行政诉讼法 第八十五条: appeal against a first-instance judgment — within 15 days.
///
/// Starts on: the day the judgment is served. Source tag: \[verified\].
pub const LITIGATION_APPEAL: DeadlineRule = DeadlineRule {
    id: "litigation.appeal",
    law: "行政诉讼法",
    article: "第八十五条",
    subject: "appeal against a first-instance judgment",
    schedule: Schedule::Period(Period::days(15)),
    timing: Timing::Within,
    starts_on: "the day the judgment is served",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政诉讼法 第八十五条: appeal against a first-instance ruling — within 10 days.
///
/// Starts on: the day the ruling is served. Source tag: \[verified\].
pub const LITIGATION_APPEAL_AGAINST_RULING: DeadlineRule = DeadlineRule {
    id: "litigation.appeal_against_ruling",
    law: "行政诉讼法",
    article: "第八十五条",
    subject: "appeal against a first-instance ruling",
    schedule: Schedule::Period(Period::days(10)),
    timing: Timing::Within,
    starts_on: "the day the ruling is served",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 行政诉讼法 第八十八条: court gives the second-instance judgment — within 3 months.
///
/// Starts on: the day the appeal is received. Source tag: \[verified\].
/// Informational: a court's clock, shown but never blocking the agency's work.
pub const LITIGATION_SECOND_INSTANCE: DeadlineRule = DeadlineRule {
    id: "litigation.second_instance",
    law: "行政诉讼法",
    article: "第八十八条",
    subject: "court gives the second-instance judgment",
    schedule: Schedule::Period(Period::months(3)),
    timing: Timing::Within,
    starts_on: "the day the appeal is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: true,
};

/// 最高人民法院关于行政机关负责人出庭应诉若干问题的规定 第五条: court notifies the agency that its head should appear — at least, before the event: 3 days.
///
/// Starts on: the hearing date (counted back). Source tag: \[verified\].
/// Informational: a court's clock, shown but never blocking the agency's work.
pub const LITIGATION_HEAD_APPEARANCE_NOTICE: DeadlineRule = DeadlineRule {
    id: "litigation.head_appearance_notice",
    law: "最高人民法院关于行政机关负责人出庭应诉若干问题的规定",
    article: "第五条",
    subject: "court notifies the agency that its head should appear",
    schedule: Schedule::Period(Period::days(3)),
    timing: Timing::Before,
    starts_on: "the hearing date (counted back)",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: true,
};

/// 重大行政决策程序暂行条例 第十五条: public comment period on a draft major decision — at least 30 days.
///
/// Starts on: the day the draft is published for comment. Source tag: \[verified\].
pub const MAJOR_DECISION_PUBLIC_COMMENT: DeadlineRule = DeadlineRule {
    id: "major_decision.public_comment",
    law: "重大行政决策程序暂行条例",
    article: "第十五条",
    subject: "public comment period on a draft major decision",
    schedule: Schedule::Period(Period::days(30)),
    timing: Timing::AtLeast,
    starts_on: "the day the draft is published for comment",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 重大行政决策程序暂行条例 第十六条: publish hearing materials before the hearing — at least, before the event: 7 days.
///
/// Starts on: the hearing date (counted back). Source tag: \[verified\].
pub const MAJOR_DECISION_HEARING_MATERIALS: DeadlineRule = DeadlineRule {
    id: "major_decision.hearing_materials",
    law: "重大行政决策程序暂行条例",
    article: "第十六条",
    subject: "publish hearing materials before the hearing",
    schedule: Schedule::Period(Period::days(7)),
    timing: Timing::Before,
    starts_on: "the hearing date (counted back)",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 重大行政决策程序暂行条例 第二十六条: time given to the legality review — at least 7 working days.
///
/// Starts on: the day the draft is sent for review. Source tag: \[verified\].
pub const MAJOR_DECISION_LEGALITY_REVIEW: DeadlineRule = DeadlineRule {
    id: "major_decision.legality_review",
    law: "重大行政决策程序暂行条例",
    article: "第二十六条",
    subject: "time given to the legality review",
    schedule: Schedule::Period(Period::working_days(7)),
    timing: Timing::AtLeast,
    starts_on: "the day the draft is sent for review",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 国办发〔2018〕115号 合法性审核机制指导意见: legality review of a normative document: shortest review — at least 5 working days.
///
/// Starts on: the day the draft is received for review. Source tag: \[memory\].
/// Configurable: from memory only (unverified: no primary text found); stored as configuration min_wd=5.
pub const NORMATIVE_DOCUMENT_LEGALITY_REVIEW_MIN: DeadlineRule = DeadlineRule {
    id: "normative_document.legality_review_min",
    law: "国办发〔2018〕115号",
    article: "合法性审核机制指导意见",
    subject: "legality review of a normative document: shortest review",
    schedule: Schedule::Period(Period::working_days(5)),
    timing: Timing::AtLeast,
    starts_on: "the day the draft is received for review",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Memory,
    configurable: Some(
        "from memory only (unverified: no primary text found); stored as configuration min_wd=5",
    ),
    informational: false,
};

/// 国办发〔2018〕115号 合法性审核机制指导意见: legality review of a normative document: longest review — within 15 working days.
///
/// Starts on: the day the draft is received for review. Source tag: \[memory\].
/// Configurable: from memory only (unverified: no primary text found); stored as configuration max_wd=15.
pub const NORMATIVE_DOCUMENT_LEGALITY_REVIEW_MAX: DeadlineRule = DeadlineRule {
    id: "normative_document.legality_review_max",
    law: "国办发〔2018〕115号",
    article: "合法性审核机制指导意见",
    subject: "legality review of a normative document: longest review",
    schedule: Schedule::Period(Period::working_days(15)),
    timing: Timing::Within,
    starts_on: "the day the draft is received for review",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Memory,
    configurable: Some(
        "from memory only (unverified: no primary text found); stored as configuration max_wd=15",
    ),
    informational: false,
};

/// 地方人大常委会备案审查条例；立法法 第一百零九条 (规章): file a normative document with the body above — within 30 days.
///
/// Starts on: the day the document is published. Source tag: \[practice\].
/// Configurable: local rules differ; 30 days is the default (立法法 art. 109 for 规章).
pub const NORMATIVE_DOCUMENT_FILING: DeadlineRule = DeadlineRule {
    id: "normative_document.filing",
    law: "地方人大常委会备案审查条例；立法法",
    article: "第一百零九条 (规章)",
    subject: "file a normative document with the body above",
    schedule: Schedule::Period(Period::days(30)),
    timing: Timing::Within,
    starts_on: "the day the document is published",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Practice,
    configurable: Some("local rules differ; 30 days is the default (立法法 art. 109 for 规章)"),
    informational: false,
};

// Normative documents (STATUTES.md §9.2), added with `domain::normative`: the figures below
// are local practice, so each is a configuration default.

/// 国办发〔2018〕37号 (public comment on documents affecting the public): comment period on a draft normative document — at least 30 days.
///
/// Starts on: the day the draft is published for comment. Source tag: \[practice\].
/// Configurable: no national length; local rules commonly set at least 7 working days or at least 30 days.
pub const NORMATIVE_DOCUMENT_PUBLIC_COMMENT: DeadlineRule = DeadlineRule {
    id: "normative_document.public_comment",
    law: "国办发〔2018〕37号",
    article: "规范性文件制定和监督管理通知 (公开征求意见)",
    subject: "comment period on a draft normative document",
    schedule: Schedule::Period(Period::days(30)),
    timing: Timing::AtLeast,
    starts_on: "the day the draft is published for comment",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Practice,
    configurable: Some(
        "no national length; local rules commonly set at least 7 working days or at least 30 days",
    ),
    informational: false,
};

/// 地方规范性文件管理规定 (有效期): evaluate a normative document before its validity ends — at least 6 months before expiry.
///
/// Starts on: the last day of validity (counted back). Source tag: \[practice\].
/// Configurable: local practice ("届满前6个月评估"); no national rule.
pub const NORMATIVE_DOCUMENT_EXPIRY_EVALUATION: DeadlineRule = DeadlineRule {
    id: "normative_document.expiry_evaluation",
    law: "地方规范性文件管理规定",
    article: "有效期届满前评估",
    subject: "evaluate a normative document before its validity ends",
    schedule: Schedule::Period(Period::months(6)),
    timing: Timing::Before,
    starts_on: "the last day of validity (counted back)",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Practice,
    configurable: Some("local practice (\"届满前6个月评估\"); no national rule"),
    informational: false,
};

/// 法规规章备案审查条例 第二十一条 (规章, by analogy); 地方人大常委会备案审查条例: maker corrects a normative document after the filing review demands it — within 30 days.
///
/// Starts on: the day the correction notice is received. Source tag: \[practice\].
/// Configurable: 30 days is verified for 规章 (第二十一条) and for 北京 人大 review opinions (第二十九条第二款); government filing bodies set their own.
pub const NORMATIVE_DOCUMENT_FILING_CORRECTION: DeadlineRule = DeadlineRule {
    id: "normative_document.filing_correction",
    law: "法规规章备案审查条例",
    article: "第二十一条 (规章, by analogy)",
    subject: "maker corrects a normative document after the filing review demands it",
    schedule: Schedule::Period(Period::days(30)),
    timing: Timing::Within,
    starts_on: "the day the correction notice is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Practice,
    configurable: Some(
        "30 days is verified for 规章 (第二十一条) and for 北京 人大 review opinions (第二十九条第二款); government filing bodies set their own",
    ),
    informational: false,
};

/// 国办发〔2018〕37号 (审查建议); local rules: answer a citizen's objection to a normative document — within 30 days.
///
/// Starts on: the day the objection is received. Source tag: \[practice\].
/// Configurable: no national length found (unverified); 30 days is our default (北京条例 第二十五条第二款 gives the 人大 10 days to say it will not review).
pub const NORMATIVE_DOCUMENT_OBJECTION_REPLY: DeadlineRule = DeadlineRule {
    id: "normative_document.objection_reply",
    law: "国办发〔2018〕37号",
    article: "规范性文件制定和监督管理通知 (审查建议)",
    subject: "answer a citizen's objection to a normative document",
    schedule: Schedule::Period(Period::days(30)),
    timing: Timing::Within,
    starts_on: "the day the objection is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Practice,
    configurable: Some(
        "no national length found (unverified); 30 days is our default (北京条例 第二十五条第二款 gives the 人大 10 days to say it will not review)",
    ),
    informational: false,
};

/// 法规规章备案审查条例 第九条第二款: maker files late or re-files after notice — within 15 days.
///
/// Starts on: the day the notice is received. Source tag: \[verified\].
pub const FILING_REVIEW_STATE_COUNCIL_RESUBMISSION: DeadlineRule = DeadlineRule {
    id: "filing_review.state_council.resubmission",
    law: "法规规章备案审查条例",
    article: "第九条第二款",
    subject: "maker files late or re-files after notice",
    schedule: Schedule::Period(Period::days(15)),
    timing: Timing::Within,
    starts_on: "the day the notice is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 法规规章备案审查条例 第十一条: active review by the State Council legal office — within 2 months.
///
/// Starts on: the day the filing is received. Source tag: \[verified\].
/// Extension: no fixed length, approved by complex cases may take longer (no fixed extra length).
/// Configurable: "generally" two months, extendable for complex cases without a fixed limit: the extension length is configurable.
pub const FILING_REVIEW_STATE_COUNCIL_ACTIVE_REVIEW: DeadlineRule = DeadlineRule {
    id: "filing_review.state_council.active_review",
    law: "法规规章备案审查条例",
    article: "第十一条",
    subject: "active review by the State Council legal office",
    schedule: Schedule::Period(Period::months(2)),
    timing: Timing::Within,
    starts_on: "the day the filing is received",
    suspended_by: &[],
    extension: Some(ExtensionRule {
        max: None,
        approval: "complex cases may take longer (no fixed extra length)",
    }),
    certainty: Certainty::Verified,
    configurable: Some(
        "\"generally\" two months, extendable for complex cases without a fixed limit: the extension length is configurable",
    ),
    informational: false,
};

/// 法规规章备案审查条例 第二十一条: maker reports how it handled the review opinion — within 30 days.
///
/// Starts on: the day the notice is received. Source tag: \[verified\].
pub const FILING_REVIEW_STATE_COUNCIL_MAKER_REPORT: DeadlineRule = DeadlineRule {
    id: "filing_review.state_council.maker_report",
    law: "法规规章备案审查条例",
    article: "第二十一条",
    subject: "maker reports how it handled the review opinion",
    schedule: Schedule::Period(Period::days(30)),
    timing: Timing::Within,
    starts_on: "the day the notice is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 法规规章备案审查条例 第二十二条: submit the previous year's catalogue of regulations and rules — by 31 January each year.
///
/// Starts on: the year reported on. Source tag: \[verified\].
pub const FILING_REVIEW_STATE_COUNCIL_ANNUAL_CATALOGUE: DeadlineRule = DeadlineRule {
    id: "filing_review.state_council.annual_catalogue",
    law: "法规规章备案审查条例",
    article: "第二十二条",
    subject: "submit the previous year's catalogue of regulations and rules",
    schedule: Schedule::ByAnnualDate { month: 1, day: 31 },
    timing: Timing::Within,
    starts_on: "the year reported on",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 上海市人民代表大会常务委员会规范性文件备案审查条例 第十二条: registry checks a filing — within 5 working days.
///
/// Starts on: the day the filing is received. Source tag: \[verified\].
pub const FILING_REVIEW_SHANGHAI_REGISTRY_CHECK: DeadlineRule = DeadlineRule {
    id: "filing_review.shanghai.registry_check",
    law: "上海市人民代表大会常务委员会规范性文件备案审查条例",
    article: "第十二条",
    subject: "registry checks a filing",
    schedule: Schedule::Period(Period::working_days(5)),
    timing: Timing::Within,
    starts_on: "the day the filing is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 上海市人民代表大会常务委员会规范性文件备案审查条例 第十二条: maker resubmits an incomplete filing — within 10 working days.
///
/// Starts on: the day the maker is notified. Source tag: \[verified\].
pub const FILING_REVIEW_SHANGHAI_RESUBMISSION: DeadlineRule = DeadlineRule {
    id: "filing_review.shanghai.resubmission",
    law: "上海市人民代表大会常务委员会规范性文件备案审查条例",
    article: "第十二条",
    subject: "maker resubmits an incomplete filing",
    schedule: Schedule::Period(Period::working_days(10)),
    timing: Timing::Within,
    starts_on: "the day the maker is notified",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 上海市人民代表大会常务委员会规范性文件备案审查条例 第十五条第二款: special committee gives its opinion — within 30 days.
///
/// Starts on: the day the document is received. Source tag: \[verified\].
pub const FILING_REVIEW_SHANGHAI_COMMITTEE_OPINION: DeadlineRule = DeadlineRule {
    id: "filing_review.shanghai.committee_opinion",
    law: "上海市人民代表大会常务委员会规范性文件备案审查条例",
    article: "第十五条第二款",
    subject: "special committee gives its opinion",
    schedule: Schedule::Period(Period::days(30)),
    timing: Timing::Within,
    starts_on: "the day the document is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 上海市人民代表大会常务委员会规范性文件备案审查条例 第十三条: submit the previous year's catalogue of normative documents — by 31 January each year.
///
/// Starts on: the year reported on. Source tag: \[verified\].
pub const FILING_REVIEW_SHANGHAI_ANNUAL_CATALOGUE: DeadlineRule = DeadlineRule {
    id: "filing_review.shanghai.annual_catalogue",
    law: "上海市人民代表大会常务委员会规范性文件备案审查条例",
    article: "第十三条",
    subject: "submit the previous year's catalogue of normative documents",
    schedule: Schedule::ByAnnualDate { month: 1, day: 31 },
    timing: Timing::Within,
    starts_on: "the year reported on",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 北京市人民代表大会常务委员会规范性文件备案审查条例 第十二条: formal check of a filing — within 10 days.
///
/// Starts on: the day the filing is received. Source tag: \[verified\].
pub const FILING_REVIEW_BEIJING_FORMAL_CHECK: DeadlineRule = DeadlineRule {
    id: "filing_review.beijing.formal_check",
    law: "北京市人民代表大会常务委员会规范性文件备案审查条例",
    article: "第十二条",
    subject: "formal check of a filing",
    schedule: Schedule::Period(Period::days(10)),
    timing: Timing::Within,
    starts_on: "the day the filing is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 北京市人民代表大会常务委员会规范性文件备案审查条例 第十二条: maker resubmits after the formal check — within 10 days.
///
/// Starts on: the day the maker is notified. Source tag: \[verified\].
pub const FILING_REVIEW_BEIJING_RESUBMISSION: DeadlineRule = DeadlineRule {
    id: "filing_review.beijing.resubmission",
    law: "北京市人民代表大会常务委员会规范性文件备案审查条例",
    article: "第十二条",
    subject: "maker resubmits after the formal check",
    schedule: Schedule::Period(Period::days(10)),
    timing: Timing::Within,
    starts_on: "the day the maker is notified",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 北京市人民代表大会常务委员会规范性文件备案审查条例 第二十二条: distribute a filed document to the committees — within 5 working days.
///
/// Starts on: the day the filing is registered. Source tag: \[verified\].
pub const FILING_REVIEW_BEIJING_DISTRIBUTION: DeadlineRule = DeadlineRule {
    id: "filing_review.beijing.distribution",
    law: "北京市人民代表大会常务委员会规范性文件备案审查条例",
    article: "第二十二条",
    subject: "distribute a filed document to the committees",
    schedule: Schedule::Period(Period::working_days(5)),
    timing: Timing::Within,
    starts_on: "the day the filing is registered",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 北京市人民代表大会常务委员会规范性文件备案审查条例 第二十三条第一款: active review — within 3 months.
///
/// Starts on: the day the filing is received. Source tag: \[verified\].
/// Extension: up to 3 months, approved by 主任会议同意 (extension up to 3 months).
pub const FILING_REVIEW_BEIJING_ACTIVE_REVIEW: DeadlineRule = DeadlineRule {
    id: "filing_review.beijing.active_review",
    law: "北京市人民代表大会常务委员会规范性文件备案审查条例",
    article: "第二十三条第一款",
    subject: "active review",
    schedule: Schedule::Period(Period::months(3)),
    timing: Timing::Within,
    starts_on: "the day the filing is received",
    suspended_by: &[],
    extension: Some(ExtensionRule {
        max: Some(Period::months(3)),
        approval: "主任会议同意 (extension up to 3 months)",
    }),
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 北京市人民代表大会常务委员会规范性文件备案审查条例 第二十三条第二款: committee gives its opinion — within 30 days.
///
/// Starts on: the day the document is received. Source tag: \[verified\].
/// Extension: up to 30 days, approved by extension up to 30 days as the regulation allows.
pub const FILING_REVIEW_BEIJING_COMMITTEE_OPINION: DeadlineRule = DeadlineRule {
    id: "filing_review.beijing.committee_opinion",
    law: "北京市人民代表大会常务委员会规范性文件备案审查条例",
    article: "第二十三条第二款",
    subject: "committee gives its opinion",
    schedule: Schedule::Period(Period::days(30)),
    timing: Timing::Within,
    starts_on: "the day the document is received",
    suspended_by: &[],
    extension: Some(ExtensionRule {
        max: Some(Period::days(30)),
        approval: "extension up to 30 days as the regulation allows",
    }),
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 北京市人民代表大会常务委员会规范性文件备案审查条例 第二十四条第三款: tell the proposer its review suggestion is incomplete — within 5 working days.
///
/// Starts on: the day the suggestion is received. Source tag: \[verified\].
pub const FILING_REVIEW_BEIJING_INCOMPLETE_SUGGESTION_REPLY: DeadlineRule = DeadlineRule {
    id: "filing_review.beijing.incomplete_suggestion_reply",
    law: "北京市人民代表大会常务委员会规范性文件备案审查条例",
    article: "第二十四条第三款",
    subject: "tell the proposer its review suggestion is incomplete",
    schedule: Schedule::Period(Period::working_days(5)),
    timing: Timing::Within,
    starts_on: "the day the suggestion is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 北京市人民代表大会常务委员会规范性文件备案审查条例 第二十五条第二款: tell the proposer no review will be started — within 10 days.
///
/// Starts on: the day of the decision not to review. Source tag: \[verified\].
pub const FILING_REVIEW_BEIJING_NO_REVIEW_REPLY: DeadlineRule = DeadlineRule {
    id: "filing_review.beijing.no_review_reply",
    law: "北京市人民代表大会常务委员会规范性文件备案审查条例",
    article: "第二十五条第二款",
    subject: "tell the proposer no review will be started",
    schedule: Schedule::Period(Period::days(10)),
    timing: Timing::Within,
    starts_on: "the day of the decision not to review",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 北京市人民代表大会常务委员会规范性文件备案审查条例 第二十九条第二款: maker responds in writing to the review opinion — within 30 days.
///
/// Starts on: the day the opinion is received. Source tag: \[verified\].
pub const FILING_REVIEW_BEIJING_MAKER_RESPONSE: DeadlineRule = DeadlineRule {
    id: "filing_review.beijing.maker_response",
    law: "北京市人民代表大会常务委员会规范性文件备案审查条例",
    article: "第二十九条第二款",
    subject: "maker responds in writing to the review opinion",
    schedule: Schedule::Period(Period::days(30)),
    timing: Timing::Within,
    starts_on: "the day the opinion is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 法律援助法 第四十三条: legal aid agency decides on an application — within 7 days.
///
/// Starts on: the day the application is received. Source tag: \[verified\].
pub const LEGAL_AID_REVIEW: DeadlineRule = DeadlineRule {
    id: "legal_aid.review",
    law: "法律援助法",
    article: "第四十三条",
    subject: "legal aid agency decides on an application",
    schedule: Schedule::Period(Period::days(7)),
    timing: Timing::Within,
    starts_on: "the day the application is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 法律援助法 第四十三条: assign a lawyer after granting aid — within 3 days.
///
/// Starts on: the day aid is granted. Source tag: \[verified\].
pub const LEGAL_AID_ASSIGN: DeadlineRule = DeadlineRule {
    id: "legal_aid.assign",
    law: "法律援助法",
    article: "第四十三条",
    subject: "assign a lawyer after granting aid",
    schedule: Schedule::Period(Period::days(3)),
    timing: Timing::Within,
    starts_on: "the day aid is granted",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 法律援助法 第三十六条: court, procuratorate or police notifies the legal aid agency in a mandatory case — within 3 days.
///
/// Starts on: the day the need arises. Source tag: \[verified\].
pub const LEGAL_AID_MANDATORY_NOTICE: DeadlineRule = DeadlineRule {
    id: "legal_aid.mandatory_notice",
    law: "法律援助法",
    article: "第三十六条",
    subject: "court, procuratorate or police notifies the legal aid agency in a mandatory case",
    schedule: Schedule::Period(Period::days(3)),
    timing: Timing::Within,
    starts_on: "the day the need arises",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 法律援助法 第三十六条: legal aid agency assigns a lawyer in a mandatory case — within 3 days.
///
/// Starts on: the day the notice is received. Source tag: \[verified\].
pub const LEGAL_AID_MANDATORY_ASSIGN: DeadlineRule = DeadlineRule {
    id: "legal_aid.mandatory_assign",
    law: "法律援助法",
    article: "第三十六条",
    subject: "legal aid agency assigns a lawyer in a mandatory case",
    schedule: Schedule::Period(Period::days(3)),
    timing: Timing::Within,
    starts_on: "the day the notice is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 法律援助法 第四十九条: justice bureau decides on an objection to a refusal — within 5 days.
///
/// Starts on: the day the objection is received. Source tag: \[verified\].
pub const LEGAL_AID_OBJECTION_DECISION: DeadlineRule = DeadlineRule {
    id: "legal_aid.objection_decision",
    law: "法律援助法",
    article: "第四十九条",
    subject: "justice bureau decides on an objection to a refusal",
    schedule: Schedule::Period(Period::days(5)),
    timing: Timing::Within,
    starts_on: "the day the objection is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 法律援助法 第三十九条: forward a detainee's or a duty-lawyer application — within 24 hours.
///
/// Starts on: the moment the application is received. Source tag: \[verified\].
pub const LEGAL_AID_DETAINEE_FORWARD: DeadlineRule = DeadlineRule {
    id: "legal_aid.detainee_forward",
    law: "法律援助法",
    article: "第三十九条",
    subject: "forward a detainee's or a duty-lawyer application",
    schedule: Schedule::Period(Period::hours(24)),
    timing: Timing::Within,
    starts_on: "the moment the application is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 法律援助法 第四十四条第（一）项: aid may be given first when a limitation or deadline is less than 7 days away — at least, before the event: 7 days.
///
/// Starts on: the limitation or deadline date (counted back). Source tag: \[verified\].
pub const LEGAL_AID_PROVISIONAL_AID_THRESHOLD: DeadlineRule = DeadlineRule {
    id: "legal_aid.provisional_aid_threshold",
    law: "法律援助法",
    article: "第四十四条第（一）项",
    subject: "aid may be given first when a limitation or deadline is less than 7 days away",
    schedule: Schedule::Period(Period::days(7)),
    timing: Timing::Before,
    starts_on: "the limitation or deadline date (counted back)",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 人民调解法 第三十三条: parties apply for judicial confirmation of a mediation agreement — within 30 days.
///
/// Starts on: the day the agreement takes effect. Source tag: \[verified\].
pub const MEDIATION_JUDICIAL_CONFIRMATION_APPLICATION: DeadlineRule = DeadlineRule {
    id: "mediation.judicial_confirmation_application",
    law: "人民调解法",
    article: "第三十三条",
    subject: "parties apply for judicial confirmation of a mediation agreement",
    schedule: Schedule::Period(Period::days(30)),
    timing: Timing::Within,
    starts_on: "the day the agreement takes effect",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 最高人民法院关于人民调解协议司法确认程序的若干规定 第四条: court decides whether to accept the application — within 3 days.
///
/// Starts on: the day the application is received. Source tag: \[verified\].
/// Informational: a court's clock, shown but never blocking the agency's work.
pub const MEDIATION_COURT_ACCEPTANCE: DeadlineRule = DeadlineRule {
    id: "mediation.court_acceptance",
    law: "最高人民法院关于人民调解协议司法确认程序的若干规定",
    article: "第四条",
    subject: "court decides whether to accept the application",
    schedule: Schedule::Period(Period::days(3)),
    timing: Timing::Within,
    starts_on: "the day the application is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: true,
};

/// 最高人民法院关于人民调解协议司法确认程序的若干规定 第五条: court decides on confirmation — within 15 days.
///
/// Starts on: the day the application is accepted. Source tag: \[verified\].
/// Extension: up to 10 days, approved by 本院院长批准 (court).
/// Informational: a court's clock, shown but never blocking the agency's work.
pub const MEDIATION_COURT_DECISION: DeadlineRule = DeadlineRule {
    id: "mediation.court_decision",
    law: "最高人民法院关于人民调解协议司法确认程序的若干规定",
    article: "第五条",
    subject: "court decides on confirmation",
    schedule: Schedule::Period(Period::days(15)),
    timing: Timing::Within,
    starts_on: "the day the application is accepted",
    suspended_by: &[],
    extension: Some(ExtensionRule {
        max: Some(Period::days(10)),
        approval: "本院院长批准 (court)",
    }),
    certainty: Certainty::Verified,
    configurable: None,
    informational: true,
};

/// 民事诉讼法 第一百八十七条: court concludes a special-procedure case (informational; never block) — within 30 days.
///
/// Starts on: the day the case is filed. Source tag: \[verified\].
/// Extension: no fixed length, approved by 本院院长批准 (court; no fixed length).
/// Informational: a court's clock, shown but never blocking the agency's work.
pub const MEDIATION_SPECIAL_PROCEDURE: DeadlineRule = DeadlineRule {
    id: "mediation.special_procedure",
    law: "民事诉讼法",
    article: "第一百八十七条",
    subject: "court concludes a special-procedure case (informational; never block)",
    schedule: Schedule::Period(Period::days(30)),
    timing: Timing::Within,
    starts_on: "the day the case is filed",
    suspended_by: &[],
    extension: Some(ExtensionRule {
        max: None,
        approval: "本院院长批准 (court; no fixed length)",
    }),
    certainty: Certainty::Verified,
    configurable: None,
    informational: true,
};

/// 政府信息公开条例 第二十六条: publish information that must be published proactively — within 20 working days.
///
/// Starts on: the day the information is made or changed. Source tag: \[verified\].
pub const OPEN_INFORMATION_PROACTIVE: DeadlineRule = DeadlineRule {
    id: "open_information.proactive",
    law: "政府信息公开条例",
    article: "第二十六条",
    subject: "publish information that must be published proactively",
    schedule: Schedule::Period(Period::working_days(20)),
    timing: Timing::Within,
    starts_on: "the day the information is made or changed",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 政府信息公开条例 第三十条: ask the requester to clarify an unclear request — within 7 working days.
///
/// Starts on: the day the request is received. Source tag: \[verified\].
pub const OPEN_INFORMATION_CORRECTION_NOTICE: DeadlineRule = DeadlineRule {
    id: "open_information.correction_notice",
    law: "政府信息公开条例",
    article: "第三十条",
    subject: "ask the requester to clarify an unclear request",
    schedule: Schedule::Period(Period::working_days(7)),
    timing: Timing::Within,
    starts_on: "the day the request is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 政府信息公开条例 第三十三条: reply to a request for information — within 20 working days.
///
/// Starts on: the day the request is received. Source tag: \[verified\].
/// Extension: up to 20 working days, approved by 政府信息公开工作机构负责人同意.
/// Suspended by: 征求第三方意见 (第三十二条); 征求其他机关意见 (第三十四条).
pub const OPEN_INFORMATION_REPLY: DeadlineRule = DeadlineRule {
    id: "open_information.reply",
    law: "政府信息公开条例",
    article: "第三十三条",
    subject: "reply to a request for information",
    schedule: Schedule::Period(Period::working_days(20)),
    timing: Timing::Within,
    starts_on: "the day the request is received",
    suspended_by: &[
        "征求第三方意见 (第三十二条)",
        "征求其他机关意见 (第三十四条)",
    ],
    extension: Some(ExtensionRule {
        max: Some(Period::working_days(20)),
        approval: "政府信息公开工作机构负责人同意",
    }),
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 政府信息公开条例 第三十二条: third party gives its opinion on disclosure — within 15 working days.
///
/// Starts on: the day the third party receives the consultation. Source tag: \[verified\].
pub const OPEN_INFORMATION_THIRD_PARTY: DeadlineRule = DeadlineRule {
    id: "open_information.third_party",
    law: "政府信息公开条例",
    article: "第三十二条",
    subject: "third party gives its opinion on disclosure",
    schedule: Schedule::Period(Period::working_days(15)),
    timing: Timing::Within,
    starts_on: "the day the third party receives the consultation",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 政府信息公开条例 第三十四条: co-making agency gives its opinion on disclosure — within 15 working days.
///
/// Starts on: the day the consultation is received. Source tag: \[verified\].
pub const OPEN_INFORMATION_CO_MAKER: DeadlineRule = DeadlineRule {
    id: "open_information.co_maker",
    law: "政府信息公开条例",
    article: "第三十四条",
    subject: "co-making agency gives its opinion on disclosure",
    schedule: Schedule::Period(Period::working_days(15)),
    timing: Timing::Within,
    starts_on: "the day the consultation is received",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 政府信息公开条例 第四十九条: department publishes its annual report on open government information — by 31 January each year.
///
/// Starts on: the year reported on. Source tag: \[verified\].
pub const OPEN_INFORMATION_DEPARTMENT_ANNUAL_REPORT: DeadlineRule = DeadlineRule {
    id: "open_information.department_annual_report",
    law: "政府信息公开条例",
    article: "第四十九条",
    subject: "department publishes its annual report on open government information",
    schedule: Schedule::ByAnnualDate { month: 1, day: 31 },
    timing: Timing::Within,
    starts_on: "the year reported on",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 政府信息公开条例 第四十九条: government publishes its annual report on open government information — by 31 March each year.
///
/// Starts on: the year reported on. Source tag: \[verified\].
pub const OPEN_INFORMATION_GOVERNMENT_ANNUAL_REPORT: DeadlineRule = DeadlineRule {
    id: "open_information.government_annual_report",
    law: "政府信息公开条例",
    article: "第四十九条",
    subject: "government publishes its annual report on open government information",
    schedule: Schedule::ByAnnualDate { month: 3, day: 31 },
    timing: Timing::Within,
    starts_on: "the year reported on",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Verified,
    configurable: None,
    informational: false,
};

/// 潍坊市12345政务服务便民热线条例；济南市12345市民服务热线条例 第二十条；第二十四条: handle an ordinary hotline work order — within 5 working days.
///
/// Starts on: the day the order is dispatched. Source tag: \[practice\].
/// Configurable: local rules (潍坊, 济南): 5 working days is the default.
pub const HOTLINE_GENERAL_ORDER: DeadlineRule = DeadlineRule {
    id: "hotline.general_order",
    law: "潍坊市12345政务服务便民热线条例；济南市12345市民服务热线条例",
    article: "第二十条；第二十四条",
    subject: "handle an ordinary hotline work order",
    schedule: Schedule::Period(Period::working_days(5)),
    timing: Timing::Within,
    starts_on: "the day the order is dispatched",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Practice,
    configurable: Some("local rules (潍坊, 济南): 5 working days is the default"),
    informational: false,
};

/// 法治政府建设与责任落实督察工作规定 第二十四条: publish the annual report on rule-of-law government work — before 1 April each year.
///
/// Starts on: the year reported on. Source tag: \[secondary\].
/// Configurable: secondary sources only (unverified: no primary text found); before 1 April is the default.
pub const ANNUAL_REPORT_PUBLISH: DeadlineRule = DeadlineRule {
    id: "annual_report.publish",
    law: "法治政府建设与责任落实督察工作规定",
    article: "第二十四条",
    subject: "publish the annual report on rule-of-law government work",
    schedule: Schedule::BeforeAnnualDate { month: 4, day: 1 },
    timing: Timing::Within,
    starts_on: "the year reported on",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Secondary,
    configurable: Some(
        "secondary sources only (unverified: no primary text found); before 1 April is the default",
    ),
    informational: false,
};

/// 法治政府建设与责任落实督察工作规定 (article not read): province reports to 党中央、国务院 — before 1 April each year.
///
/// Starts on: the year reported on. Source tag: \[secondary\].
/// Configurable: secondary sources only (unverified: no primary text found); before 1 April is the default.
pub const ANNUAL_REPORT_PROVINCE_TO_CENTRE: DeadlineRule = DeadlineRule {
    id: "annual_report.province_to_centre",
    law: "法治政府建设与责任落实督察工作规定",
    article: "(article not read)",
    subject: "province reports to 党中央、国务院",
    schedule: Schedule::BeforeAnnualDate { month: 4, day: 1 },
    timing: Timing::Within,
    starts_on: "the year reported on",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Secondary,
    configurable: Some(
        "secondary sources only (unverified: no primary text found); before 1 April is the default",
    ),
    informational: false,
};

/// 法治政府建设与责任落实督察工作规定 (article not read; provincial guidance): department reports to the government and party committee at its level and to the department above — before 1 March each year.
///
/// Starts on: the year reported on. Source tag: \[secondary\].
/// Configurable: provincial guidance only (unverified: no primary text found); before 1 March is the default.
pub const ANNUAL_REPORT_DEPARTMENT_TO_GOVERNMENT: DeadlineRule = DeadlineRule {
    id: "annual_report.department_to_government",
    law: "法治政府建设与责任落实督察工作规定",
    article: "(article not read; provincial guidance)",
    subject: "department reports to the government and party committee at its level and to the department above",
    schedule: Schedule::BeforeAnnualDate { month: 3, day: 1 },
    timing: Timing::Within,
    starts_on: "the year reported on",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Secondary,
    configurable: Some(
        "provincial guidance only (unverified: no primary text found); before 1 March is the default",
    ),
    informational: false,
};

/// 法治政府建设与责任落实督察工作规定 (unverified): government reports to the party committee and people's congress standing committee at its level; lower governments to the level above — before 1 March each year.
///
/// Starts on: the year reported on. Source tag: \[memory\].
/// Configurable: unverified: 1 March, 1 April or the first quarter in different provinces; before 1 March is the default.
pub const ANNUAL_REPORT_GOVERNMENT_TO_PARTY_COMMITTEE: DeadlineRule = DeadlineRule {
    id: "annual_report.government_to_party_committee",
    law: "法治政府建设与责任落实督察工作规定",
    article: "(unverified)",
    subject: "government reports to the party committee and people's congress standing committee at its level; lower governments to the level above",
    schedule: Schedule::BeforeAnnualDate { month: 3, day: 1 },
    timing: Timing::Within,
    starts_on: "the year reported on",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Memory,
    configurable: Some(
        "unverified: 1 March, 1 April or the first quarter in different provinces; before 1 March is the default",
    ),
    informational: false,
};

/// 法治政府建设与责任落实督察工作规定 (provincial guidance): national demonstration areas report to 中央依法治国办 — by 31 January each year.
///
/// Starts on: the year reported on. Source tag: \[secondary\].
/// Configurable: provincial sources only (unverified: no primary text found); end of January is the default.
pub const ANNUAL_REPORT_DEMONSTRATION_AREA: DeadlineRule = DeadlineRule {
    id: "annual_report.demonstration_area",
    law: "法治政府建设与责任落实督察工作规定",
    article: "(provincial guidance)",
    subject: "national demonstration areas report to 中央依法治国办",
    schedule: Schedule::ByAnnualDate { month: 1, day: 31 },
    timing: Timing::Within,
    starts_on: "the year reported on",
    suspended_by: &[],
    extension: None,
    certainty: Certainty::Secondary,
    configurable: Some(
        "provincial sources only (unverified: no primary text found); end of January is the default",
    ),
    informational: false,
};

pub static RULES: &[&DeadlineRule] = &[
    &PENALTY_EVIDENCE_PRESERVATION_DECISION,
    &PENALTY_HEARING_REQUEST,
    &PENALTY_HEARING_NOTICE,
    &PENALTY_DECISION_ORDINARY,
    &PENALTY_SERVICE_ABSENT,
    &PENALTY_WITHDRAW_PUBLICATION,
    &PENALTY_PAY_FINE,
    &PENALTY_CASH_TO_AGENCY,
    &PENALTY_CASH_TO_BANK,
    &PENALTY_LIMITATION,
    &PENALTY_LIMITATION_EXTENDED,
    &PENALTY_SAMR_CASE_OPENING,
    &PENALTY_SAMR_PUBLICITY,
    &PENALTY_SAMR_CROSS_PROVINCE_PUSH,
    &DISCLOSURE_LICENCE_AND_PENALTY_DECISIONS,
    &DISCLOSURE_OTHER_DECISIONS,
    &DISCLOSURE_ENFORCEMENT_STATISTICS,
    &LICENCE_CORRECTION_NOTICE,
    &LICENCE_DECISION,
    &LICENCE_JOINT_HANDLING,
    &LICENCE_LOWER_LEVEL_REVIEW,
    &LICENCE_ISSUE_CERTIFICATE,
    &LICENCE_HEARING_REQUEST,
    &LICENCE_HEARING_ORGANISE,
    &LICENCE_HEARING_NOTICE,
    &LICENCE_RENEWAL_APPLICATION,
    &COERCIVE_EMERGENCY_REPORT,
    &COERCIVE_SEIZURE,
    &COERCIVE_FREEZE_DECISION_DELIVERY,
    &COERCIVE_FREEZE_RESOLUTION,
    &COERCIVE_ACCRUAL_BEFORE_ENFORCEMENT,
    &COERCIVE_SUBSTITUTE_PERFORMANCE_REMINDER,
    &COERCIVE_COURT_APPLICATION_WINDOW,
    &COERCIVE_COURT_APPLICATION_AFTER_REMINDER,
    &COERCIVE_COURT_ACCEPTANCE,
    &COERCIVE_COURT_RULING,
    &COERCIVE_COURT_RULING_DEFECT,
    &COERCIVE_REFUSAL_RULING_SERVICE,
    &COERCIVE_HIGHER_COURT_APPLICATION,
    &COERCIVE_HIGHER_COURT_RULING_ON_REJECTION,
    &COERCIVE_HIGHER_COURT_RULING_ON_REFUSAL,
    &RECONSIDERATION_APPLICATION,
    &RECONSIDERATION_APPLICATION_NOT_INFORMED,
    &RECONSIDERATION_ABSOLUTE_BAR,
    &RECONSIDERATION_ABSOLUTE_BAR_REAL_PROPERTY,
    &RECONSIDERATION_FORWARD_ON_THE_SPOT_PENALTY,
    &RECONSIDERATION_ACCEPTANCE_REVIEW,
    &RECONSIDERATION_CORRECTION_NOTICE,
    &RECONSIDERATION_CORRECTION_REPLY,
    &RECONSIDERATION_COPY_TO_RESPONDENT,
    &RECONSIDERATION_RESPONDENT_ANSWER,
    &RECONSIDERATION_SIMPLE_COPY,
    &RECONSIDERATION_SIMPLE_ANSWER,
    &RECONSIDERATION_HEARING_NOTICE,
    &RECONSIDERATION_SUSPENSION_TO_TERMINATION,
    &RECONSIDERATION_DECISION_ORDINARY,
    &RECONSIDERATION_DECISION_SIMPLE,
    &RECONSIDERATION_INCIDENTAL_REVIEW_HANDLE,
    &RECONSIDERATION_INCIDENTAL_REVIEW_TRANSFER,
    &RECONSIDERATION_INCIDENTAL_REVIEW_REPLY,
    &RECONSIDERATION_INCIDENTAL_REVIEW_NOTIFY_DRAFTER,
    &RECONSIDERATION_INCIDENTAL_REVIEW_DRAFTER_ANSWER,
    &RECONSIDERATION_OPINION_COMPLIANCE,
    &RECONSIDERATION_SUIT_AFTER_MANDATORY,
    &LITIGATION_DIRECT_SUIT,
    &LITIGATION_ABSOLUTE_BAR,
    &LITIGATION_ABSOLUTE_BAR_REAL_PROPERTY,
    &LITIGATION_SUIT_AFTER_RECONSIDERATION,
    &LITIGATION_SUIT_FOR_NONPERFORMANCE,
    &LITIGATION_FILING_DECISION,
    &LITIGATION_COMPLAINT_COPY,
    &LITIGATION_DEFENDANT_ANSWER,
    &LITIGATION_FIRST_INSTANCE,
    &LITIGATION_SIMPLE_PROCEDURE,
    &LITIGATION_APPEAL,
    &LITIGATION_APPEAL_AGAINST_RULING,
    &LITIGATION_SECOND_INSTANCE,
    &LITIGATION_HEAD_APPEARANCE_NOTICE,
    &MAJOR_DECISION_PUBLIC_COMMENT,
    &MAJOR_DECISION_HEARING_MATERIALS,
    &MAJOR_DECISION_LEGALITY_REVIEW,
    &NORMATIVE_DOCUMENT_LEGALITY_REVIEW_MIN,
    &NORMATIVE_DOCUMENT_LEGALITY_REVIEW_MAX,
    &NORMATIVE_DOCUMENT_FILING,
    &NORMATIVE_DOCUMENT_PUBLIC_COMMENT,
    &NORMATIVE_DOCUMENT_EXPIRY_EVALUATION,
    &NORMATIVE_DOCUMENT_FILING_CORRECTION,
    &NORMATIVE_DOCUMENT_OBJECTION_REPLY,
    &FILING_REVIEW_STATE_COUNCIL_RESUBMISSION,
    &FILING_REVIEW_STATE_COUNCIL_ACTIVE_REVIEW,
    &FILING_REVIEW_STATE_COUNCIL_MAKER_REPORT,
    &FILING_REVIEW_STATE_COUNCIL_ANNUAL_CATALOGUE,
    &FILING_REVIEW_SHANGHAI_REGISTRY_CHECK,
    &FILING_REVIEW_SHANGHAI_RESUBMISSION,
    &FILING_REVIEW_SHANGHAI_COMMITTEE_OPINION,
    &FILING_REVIEW_SHANGHAI_ANNUAL_CATALOGUE,
    &FILING_REVIEW_BEIJING_FORMAL_CHECK,
    &FILING_REVIEW_BEIJING_RESUBMISSION,
    &FILING_REVIEW_BEIJING_DISTRIBUTION,
    &FILING_REVIEW_BEIJING_ACTIVE_REVIEW,
    &FILING_REVIEW_BEIJING_COMMITTEE_OPINION,
    &FILING_REVIEW_BEIJING_INCOMPLETE_SUGGESTION_REPLY,
    &FILING_REVIEW_BEIJING_NO_REVIEW_REPLY,
    &FILING_REVIEW_BEIJING_MAKER_RESPONSE,
    &LEGAL_AID_REVIEW,
    &LEGAL_AID_ASSIGN,
    &LEGAL_AID_MANDATORY_NOTICE,
    &LEGAL_AID_MANDATORY_ASSIGN,
    &LEGAL_AID_OBJECTION_DECISION,
    &LEGAL_AID_DETAINEE_FORWARD,
    &LEGAL_AID_PROVISIONAL_AID_THRESHOLD,
    &MEDIATION_JUDICIAL_CONFIRMATION_APPLICATION,
    &MEDIATION_COURT_ACCEPTANCE,
    &MEDIATION_COURT_DECISION,
    &MEDIATION_SPECIAL_PROCEDURE,
    &OPEN_INFORMATION_PROACTIVE,
    &OPEN_INFORMATION_CORRECTION_NOTICE,
    &OPEN_INFORMATION_REPLY,
    &OPEN_INFORMATION_THIRD_PARTY,
    &OPEN_INFORMATION_CO_MAKER,
    &OPEN_INFORMATION_DEPARTMENT_ANNUAL_REPORT,
    &OPEN_INFORMATION_GOVERNMENT_ANNUAL_REPORT,
    &HOTLINE_GENERAL_ORDER,
    &ANNUAL_REPORT_PUBLISH,
    &ANNUAL_REPORT_PROVINCE_TO_CENTRE,
    &ANNUAL_REPORT_DEPARTMENT_TO_GOVERNMENT,
    &ANNUAL_REPORT_GOVERNMENT_TO_PARTY_COMMITTEE,
    &ANNUAL_REPORT_DEMONSTRATION_AREA,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
    }

    /// One worked example per rule: the start date and the expected due date.
    macro_rules! rule_example {
        ($name:ident, $rule:expr, $trigger:expr, $expected:expr) => {
            #[test]
            fn $name() {
                let due = $rule
                    .due(Calendar::official(), date($trigger))
                    .expect("due date");
                assert_eq!(due.due, date($expected), "{} from {}", $rule.id, $trigger);
            }
        };
    }

    macro_rules! rule_example_hours {
        ($name:ident, $rule:expr, $start:expr, $expected:expr) => {
            #[test]
            fn $name() {
                let at = |t: &str| {
                    NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M").expect("test time")
                };
                let due = $rule
                    .due_at(Calendar::official(), at($start))
                    .expect("due time");
                assert_eq!(due.due, at($expected));
            }
        };
    }

    rule_example!(
        penalty_evidence_preservation_decision_within_7_working_days_art_56,
        PENALTY_EVIDENCE_PRESERVATION_DECISION,
        "2024-02-08",
        "2024-02-23"
    );
    rule_example!(
        penalty_hearing_request_within_5_working_days_art_64,
        PENALTY_HEARING_REQUEST,
        "2024-02-08",
        "2024-02-21"
    );
    rule_example!(
        penalty_hearing_notice_7_working_days_before_art_64,
        PENALTY_HEARING_NOTICE,
        "2024-02-19",
        "2024-02-04"
    );
    rule_example!(
        penalty_decision_within_90_days_art_60,
        PENALTY_DECISION_ORDINARY,
        "2024-07-05",
        "2024-10-08"
    );
    rule_example!(
        penalty_service_within_7_working_days_art_61,
        PENALTY_SERVICE_ABSENT,
        "2024-09-26",
        "2024-10-11"
    );
    rule_example!(
        penalty_withdraw_publication_within_3_working_days_art_48,
        PENALTY_WITHDRAW_PUBLICATION,
        "2025-01-24",
        "2025-02-05"
    );
    rule_example!(
        penalty_pay_fine_within_15_days_art_67,
        PENALTY_PAY_FINE,
        "2024-09-16",
        "2024-10-08"
    );
    rule_example!(
        penalty_cash_to_agency_within_2_working_days_art_71,
        PENALTY_CASH_TO_AGENCY,
        "2024-09-30",
        "2024-10-09"
    );
    rule_example!(
        penalty_cash_to_bank_within_2_working_days_art_71,
        PENALTY_CASH_TO_BANK,
        "2024-04-03",
        "2024-04-08"
    );
    rule_example!(
        penalty_limitation_2_years_art_36,
        PENALTY_LIMITATION,
        "2023-10-01",
        "2025-10-09"
    );
    rule_example!(
        penalty_limitation_5_years_art_36,
        PENALTY_LIMITATION_EXTENDED,
        "2021-06-14",
        "2026-06-15"
    );
    rule_example!(
        penalty_samr_case_opening_within_15_working_days_art_18,
        PENALTY_SAMR_CASE_OPENING,
        "2024-02-08",
        "2024-03-06"
    );
    rule_example!(
        penalty_samr_publicity_within_20_working_days_art_9,
        PENALTY_SAMR_PUBLICITY,
        "2024-02-08",
        "2024-03-13"
    );
    rule_example!(
        penalty_samr_cross_province_push_within_10_working_days_art_10,
        PENALTY_SAMR_CROSS_PROVINCE_PUSH,
        "2024-02-08",
        "2024-02-28"
    );
    rule_example!(
        disclosure_licence_and_penalty_decisions_within_7_working_days_118,
        DISCLOSURE_LICENCE_AND_PENALTY_DECISIONS,
        "2024-02-08",
        "2024-02-23"
    );
    rule_example!(
        disclosure_other_decisions_within_20_working_days_118,
        DISCLOSURE_OTHER_DECISIONS,
        "2024-02-08",
        "2024-03-13"
    );
    rule_example!(
        disclosure_enforcement_statistics_by_31_january_118,
        DISCLOSURE_ENFORCEMENT_STATISTICS,
        "2024-12-31",
        "2025-01-31"
    );
    rule_example!(
        licence_correction_notice_within_5_working_days_art_32,
        LICENCE_CORRECTION_NOTICE,
        "2024-02-08",
        "2024-02-21"
    );
    rule_example!(
        licence_decision_within_20_working_days_art_42,
        LICENCE_DECISION,
        "2024-09-20",
        "2024-10-23"
    );
    rule_example!(
        licence_joint_handling_within_45_working_days_art_42,
        LICENCE_JOINT_HANDLING,
        "2024-02-08",
        "2024-04-18"
    );
    rule_example!(
        licence_lower_level_review_within_20_working_days_art_43,
        LICENCE_LOWER_LEVEL_REVIEW,
        "2024-02-08",
        "2024-03-13"
    );
    rule_example!(
        licence_issue_certificate_within_10_working_days_art_44,
        LICENCE_ISSUE_CERTIFICATE,
        "2024-04-30",
        "2024-05-16"
    );
    rule_example!(
        licence_hearing_request_within_5_days_art_47,
        LICENCE_HEARING_REQUEST,
        "2024-02-08",
        "2024-02-21"
    );
    rule_example!(
        licence_hearing_organise_within_20_working_days_art_47,
        LICENCE_HEARING_ORGANISE,
        "2024-02-08",
        "2024-03-13"
    );
    rule_example!(
        licence_hearing_notice_7_working_days_before_art_48,
        LICENCE_HEARING_NOTICE,
        "2024-10-14",
        "2024-09-29"
    );
    rule_example!(
        licence_renewal_application_30_days_before_expiry_art_50,
        LICENCE_RENEWAL_APPLICATION,
        "2024-10-31",
        "2024-09-30"
    );
    rule_example_hours!(
        coercive_emergency_report_within_24_hours_art_19,
        COERCIVE_EMERGENCY_REPORT,
        "2024-02-09 15:30",
        "2024-02-10 15:30"
    );
    rule_example!(
        coercive_seizure_within_30_days_art_25,
        COERCIVE_SEIZURE,
        "2024-09-05",
        "2024-10-08"
    );
    rule_example!(
        coercive_freeze_decision_within_3_working_days_art_31,
        COERCIVE_FREEZE_DECISION_DELIVERY,
        "2024-02-08",
        "2024-02-19"
    );
    rule_example!(
        coercive_freeze_resolution_within_30_days_art_32,
        COERCIVE_FREEZE_RESOLUTION,
        "2025-01-03",
        "2025-02-05"
    );
    rule_example!(
        coercive_accrual_over_30_days_before_enforcement_art_46,
        COERCIVE_ACCRUAL_BEFORE_ENFORCEMENT,
        "2024-02-08",
        "2024-03-11"
    );
    rule_example!(
        coercive_substitute_performance_reminder_3_working_days_before_art_51,
        COERCIVE_SUBSTITUTE_PERFORMANCE_REMINDER,
        "2024-10-08",
        "2024-09-27"
    );
    rule_example!(
        coercive_court_application_within_3_months_art_53,
        COERCIVE_COURT_APPLICATION_WINDOW,
        "2024-11-30",
        "2025-02-28"
    );
    rule_example!(
        coercive_court_application_after_reminder_10_working_days_art_54,
        COERCIVE_COURT_APPLICATION_AFTER_REMINDER,
        "2024-02-08",
        "2024-02-28"
    );
    rule_example!(
        coercive_court_acceptance_within_5_working_days_art_56,
        COERCIVE_COURT_ACCEPTANCE,
        "2024-02-08",
        "2024-02-21"
    );
    rule_example!(
        coercive_court_ruling_within_7_working_days_art_57,
        COERCIVE_COURT_RULING,
        "2024-02-08",
        "2024-02-23"
    );
    rule_example!(
        coercive_court_ruling_after_hearing_within_30_days_art_58,
        COERCIVE_COURT_RULING_DEFECT,
        "2024-02-08",
        "2024-03-11"
    );
    rule_example!(
        coercive_refusal_ruling_service_within_5_working_days_art_58,
        COERCIVE_REFUSAL_RULING_SERVICE,
        "2024-02-08",
        "2024-02-21"
    );
    rule_example!(
        coercive_higher_court_application_within_15_days_art_56,
        COERCIVE_HIGHER_COURT_APPLICATION,
        "2024-02-08",
        "2024-02-23"
    );
    rule_example!(
        coercive_higher_court_ruling_on_rejection_within_15_days_art_56,
        COERCIVE_HIGHER_COURT_RULING_ON_REJECTION,
        "2024-02-08",
        "2024-02-23"
    );
    rule_example!(
        coercive_higher_court_ruling_on_refusal_within_30_days_art_58,
        COERCIVE_HIGHER_COURT_RULING_ON_REFUSAL,
        "2024-02-08",
        "2024-03-11"
    );
    rule_example!(
        reconsideration_application_within_60_days_art_20,
        RECONSIDERATION_APPLICATION,
        "2024-08-02",
        "2024-10-08"
    );
    rule_example!(
        reconsideration_application_not_informed_1_year_art_20,
        RECONSIDERATION_APPLICATION_NOT_INFORMED,
        "2024-02-10",
        "2025-02-10"
    );
    rule_example!(
        reconsideration_absolute_bar_5_years_art_21,
        RECONSIDERATION_ABSOLUTE_BAR,
        "2019-10-01",
        "2024-10-08"
    );
    rule_example!(
        reconsideration_absolute_bar_real_property_20_years_art_21,
        RECONSIDERATION_ABSOLUTE_BAR_REAL_PROPERTY,
        "2006-01-01",
        "2026-01-04"
    );
    rule_example!(
        reconsideration_forward_on_the_spot_penalty_within_5_working_days_art_32,
        RECONSIDERATION_FORWARD_ON_THE_SPOT_PENALTY,
        "2024-02-08",
        "2024-02-21"
    );
    rule_example!(
        reconsideration_acceptance_review_within_5_working_days_art_30,
        RECONSIDERATION_ACCEPTANCE_REVIEW,
        "2025-09-26",
        "2025-10-10"
    );
    rule_example!(
        reconsideration_correction_notice_within_5_working_days_art_31,
        RECONSIDERATION_CORRECTION_NOTICE,
        "2024-02-08",
        "2024-02-21"
    );
    rule_example!(
        reconsideration_correction_reply_within_10_working_days_art_31,
        RECONSIDERATION_CORRECTION_REPLY,
        "2024-02-08",
        "2024-02-28"
    );
    rule_example!(
        reconsideration_copy_to_respondent_within_7_working_days_art_48,
        RECONSIDERATION_COPY_TO_RESPONDENT,
        "2024-02-08",
        "2024-02-23"
    );
    rule_example!(
        reconsideration_respondent_answer_within_10_working_days_art_48,
        RECONSIDERATION_RESPONDENT_ANSWER,
        "2024-02-08",
        "2024-02-28"
    );
    rule_example!(
        reconsideration_simple_copy_within_3_working_days_art_54,
        RECONSIDERATION_SIMPLE_COPY,
        "2024-02-08",
        "2024-02-19"
    );
    rule_example!(
        reconsideration_simple_answer_within_5_working_days_art_54,
        RECONSIDERATION_SIMPLE_ANSWER,
        "2024-02-08",
        "2024-02-21"
    );
    rule_example!(
        reconsideration_hearing_notice_5_working_days_before_art_51,
        RECONSIDERATION_HEARING_NOTICE,
        "2024-05-06",
        "2024-04-25"
    );
    rule_example!(
        reconsideration_suspension_to_termination_after_60_days_art_41,
        RECONSIDERATION_SUSPENSION_TO_TERMINATION,
        "2024-02-08",
        "2024-04-08"
    );
    rule_example!(
        reconsideration_decision_within_60_days_art_62,
        RECONSIDERATION_DECISION_ORDINARY,
        "2024-08-02",
        "2024-10-08"
    );
    rule_example!(
        reconsideration_decision_simple_within_30_days_art_62,
        RECONSIDERATION_DECISION_SIMPLE,
        "2025-09-01",
        "2025-10-09"
    );
    rule_example!(
        reconsideration_incidental_review_handle_within_30_days_art_56,
        RECONSIDERATION_INCIDENTAL_REVIEW_HANDLE,
        "2024-02-08",
        "2024-03-11"
    );
    rule_example!(
        reconsideration_incidental_review_transfer_within_7_working_days_art_56,
        RECONSIDERATION_INCIDENTAL_REVIEW_TRANSFER,
        "2024-02-08",
        "2024-02-23"
    );
    rule_example!(
        reconsideration_incidental_review_reply_within_60_days_art_60,
        RECONSIDERATION_INCIDENTAL_REVIEW_REPLY,
        "2024-02-08",
        "2024-04-08"
    );
    rule_example!(
        reconsideration_incidental_review_notify_drafter_within_3_working_days_art_58,
        RECONSIDERATION_INCIDENTAL_REVIEW_NOTIFY_DRAFTER,
        "2024-02-08",
        "2024-02-19"
    );
    rule_example!(
        reconsideration_incidental_review_drafter_answer_within_10_working_days_art_58,
        RECONSIDERATION_INCIDENTAL_REVIEW_DRAFTER_ANSWER,
        "2024-02-08",
        "2024-02-28"
    );
    rule_example!(
        reconsideration_opinion_compliance_within_60_days_art_76,
        RECONSIDERATION_OPINION_COMPLIANCE,
        "2024-02-08",
        "2024-04-08"
    );
    rule_example!(
        reconsideration_suit_after_mandatory_within_15_days_art_34,
        RECONSIDERATION_SUIT_AFTER_MANDATORY,
        "2024-01-26",
        "2024-02-18"
    );
    rule_example!(
        litigation_direct_suit_within_6_months_art_46,
        LITIGATION_DIRECT_SUIT,
        "2024-04-01",
        "2024-10-08"
    );
    rule_example!(
        litigation_absolute_bar_5_years_art_46,
        LITIGATION_ABSOLUTE_BAR,
        "2020-04-30",
        "2025-04-30"
    );
    rule_example!(
        litigation_absolute_bar_real_property_20_years_art_46,
        LITIGATION_ABSOLUTE_BAR_REAL_PROPERTY,
        "2004-05-01",
        "2024-05-06"
    );
    rule_example!(
        litigation_suit_after_reconsideration_within_15_days_art_45,
        LITIGATION_SUIT_AFTER_RECONSIDERATION,
        "2024-09-16",
        "2024-10-08"
    );
    rule_example!(
        litigation_suit_for_nonperformance_after_2_months_art_47,
        LITIGATION_SUIT_FOR_NONPERFORMANCE,
        "2023-12-01",
        "2024-02-01"
    );
    rule_example!(
        litigation_filing_decision_within_7_days_art_51,
        LITIGATION_FILING_DECISION,
        "2024-02-08",
        "2024-02-18"
    );
    rule_example!(
        litigation_complaint_copy_within_5_days_art_67,
        LITIGATION_COMPLAINT_COPY,
        "2024-02-08",
        "2024-02-18"
    );
    rule_example!(
        litigation_defendant_answer_within_15_days_art_67,
        LITIGATION_DEFENDANT_ANSWER,
        "2024-09-20",
        "2024-10-08"
    );
    rule_example!(
        litigation_first_instance_within_6_months_art_81,
        LITIGATION_FIRST_INSTANCE,
        "2024-02-08",
        "2024-08-08"
    );
    rule_example!(
        litigation_simple_procedure_within_45_days_art_83,
        LITIGATION_SIMPLE_PROCEDURE,
        "2024-02-08",
        "2024-03-25"
    );
    rule_example!(
        litigation_appeal_within_15_days_art_85,
        LITIGATION_APPEAL,
        "2024-02-08",
        "2024-02-23"
    );
    rule_example!(
        litigation_appeal_against_ruling_within_10_days_art_85,
        LITIGATION_APPEAL_AGAINST_RULING,
        "2024-02-08",
        "2024-02-18"
    );
    rule_example!(
        litigation_second_instance_within_3_months_art_88,
        LITIGATION_SECOND_INSTANCE,
        "2024-02-08",
        "2024-05-08"
    );
    rule_example!(
        litigation_head_appearance_notice_3_days_before_spc_2020_art_5,
        LITIGATION_HEAD_APPEARANCE_NOTICE,
        "2024-02-08",
        "2024-02-05"
    );
    rule_example!(
        major_decision_public_comment_at_least_30_days_art_15,
        MAJOR_DECISION_PUBLIC_COMMENT,
        "2024-02-08",
        "2024-03-11"
    );
    rule_example!(
        major_decision_hearing_materials_7_days_before_art_16,
        MAJOR_DECISION_HEARING_MATERIALS,
        "2024-02-08",
        "2024-02-01"
    );
    rule_example!(
        major_decision_legality_review_at_least_7_working_days_art_26,
        MAJOR_DECISION_LEGALITY_REVIEW,
        "2024-02-08",
        "2024-02-23"
    );
    rule_example!(
        normative_document_legality_review_at_least_5_working_days_115,
        NORMATIVE_DOCUMENT_LEGALITY_REVIEW_MIN,
        "2024-02-08",
        "2024-02-21"
    );
    rule_example!(
        normative_document_legality_review_within_15_working_days_115,
        NORMATIVE_DOCUMENT_LEGALITY_REVIEW_MAX,
        "2024-02-08",
        "2024-03-06"
    );
    rule_example!(
        normative_document_filing_within_30_days_local,
        NORMATIVE_DOCUMENT_FILING,
        "2024-02-08",
        "2024-03-11"
    );
    rule_example!(
        normative_document_public_comment_at_least_30_days_practice,
        NORMATIVE_DOCUMENT_PUBLIC_COMMENT,
        "2024-02-08",
        "2024-03-11"
    );
    // Counted back from the last day of validity; 2024-10-07 is in the National Day holiday.
    rule_example!(
        normative_document_expiry_evaluation_6_months_before_practice,
        NORMATIVE_DOCUMENT_EXPIRY_EVALUATION,
        "2025-04-07",
        "2024-09-30"
    );
    rule_example!(
        normative_document_filing_correction_within_30_days_practice,
        NORMATIVE_DOCUMENT_FILING_CORRECTION,
        "2024-02-08",
        "2024-03-11"
    );
    rule_example!(
        normative_document_objection_reply_within_30_days_practice,
        NORMATIVE_DOCUMENT_OBJECTION_REPLY,
        "2024-09-20",
        "2024-10-21"
    );
    rule_example!(
        filing_review_state_council_resubmission_within_15_days_art_9,
        FILING_REVIEW_STATE_COUNCIL_RESUBMISSION,
        "2024-02-08",
        "2024-02-23"
    );
    rule_example!(
        filing_review_state_council_active_review_2_months_art_11,
        FILING_REVIEW_STATE_COUNCIL_ACTIVE_REVIEW,
        "2024-02-08",
        "2024-04-08"
    );
    rule_example!(
        filing_review_state_council_maker_report_within_30_days_art_21,
        FILING_REVIEW_STATE_COUNCIL_MAKER_REPORT,
        "2024-02-08",
        "2024-03-11"
    );
    rule_example!(
        filing_review_state_council_annual_catalogue_by_31_january_art_22,
        FILING_REVIEW_STATE_COUNCIL_ANNUAL_CATALOGUE,
        "2025-12-31",
        "2026-01-31"
    );
    rule_example!(
        filing_review_shanghai_registry_check_within_5_working_days_art_12,
        FILING_REVIEW_SHANGHAI_REGISTRY_CHECK,
        "2024-02-08",
        "2024-02-21"
    );
    rule_example!(
        filing_review_shanghai_resubmission_within_10_working_days_art_12,
        FILING_REVIEW_SHANGHAI_RESUBMISSION,
        "2024-02-08",
        "2024-02-28"
    );
    rule_example!(
        filing_review_shanghai_committee_opinion_within_30_days_art_15,
        FILING_REVIEW_SHANGHAI_COMMITTEE_OPINION,
        "2024-02-08",
        "2024-03-11"
    );
    rule_example!(
        filing_review_shanghai_annual_catalogue_by_31_january_art_13,
        FILING_REVIEW_SHANGHAI_ANNUAL_CATALOGUE,
        "2024-12-31",
        "2025-01-31"
    );
    rule_example!(
        filing_review_beijing_formal_check_within_10_days_art_12,
        FILING_REVIEW_BEIJING_FORMAL_CHECK,
        "2024-02-08",
        "2024-02-18"
    );
    rule_example!(
        filing_review_beijing_resubmission_within_10_days_art_12,
        FILING_REVIEW_BEIJING_RESUBMISSION,
        "2024-02-08",
        "2024-02-18"
    );
    rule_example!(
        filing_review_beijing_distribution_within_5_working_days_art_22,
        FILING_REVIEW_BEIJING_DISTRIBUTION,
        "2024-02-08",
        "2024-02-21"
    );
    rule_example!(
        filing_review_beijing_active_review_within_3_months_art_23,
        FILING_REVIEW_BEIJING_ACTIVE_REVIEW,
        "2024-02-08",
        "2024-05-08"
    );
    rule_example!(
        filing_review_beijing_committee_opinion_within_30_days_art_23,
        FILING_REVIEW_BEIJING_COMMITTEE_OPINION,
        "2024-02-08",
        "2024-03-11"
    );
    rule_example!(
        filing_review_beijing_incomplete_suggestion_reply_within_5_working_days_art_24,
        FILING_REVIEW_BEIJING_INCOMPLETE_SUGGESTION_REPLY,
        "2024-02-08",
        "2024-02-21"
    );
    rule_example!(
        filing_review_beijing_no_review_reply_within_10_days_art_25,
        FILING_REVIEW_BEIJING_NO_REVIEW_REPLY,
        "2024-02-08",
        "2024-02-18"
    );
    rule_example!(
        filing_review_beijing_maker_response_within_30_days_art_29,
        FILING_REVIEW_BEIJING_MAKER_RESPONSE,
        "2024-02-08",
        "2024-03-11"
    );
    rule_example!(
        legal_aid_review_within_7_days_art_43,
        LEGAL_AID_REVIEW,
        "2024-09-27",
        "2024-10-08"
    );
    rule_example!(
        legal_aid_assign_within_3_days_art_43,
        LEGAL_AID_ASSIGN,
        "2024-02-08",
        "2024-02-18"
    );
    rule_example!(
        legal_aid_mandatory_notice_within_3_days_art_36,
        LEGAL_AID_MANDATORY_NOTICE,
        "2024-02-08",
        "2024-02-18"
    );
    rule_example!(
        legal_aid_mandatory_assign_within_3_days_art_36,
        LEGAL_AID_MANDATORY_ASSIGN,
        "2024-02-08",
        "2024-02-18"
    );
    rule_example!(
        legal_aid_objection_decision_within_5_days_art_49,
        LEGAL_AID_OBJECTION_DECISION,
        "2024-02-08",
        "2024-02-18"
    );
    rule_example_hours!(
        legal_aid_detainee_forward_within_24_hours_art_39,
        LEGAL_AID_DETAINEE_FORWARD,
        "2024-02-09 15:30",
        "2024-02-10 15:30"
    );
    rule_example!(
        legal_aid_provisional_aid_7_days_before_limitation_art_44,
        LEGAL_AID_PROVISIONAL_AID_THRESHOLD,
        "2024-02-08",
        "2024-02-01"
    );
    rule_example!(
        mediation_judicial_confirmation_application_within_30_days_art_33,
        MEDIATION_JUDICIAL_CONFIRMATION_APPLICATION,
        "2024-02-08",
        "2024-03-11"
    );
    rule_example!(
        mediation_court_acceptance_within_3_days_spc_2011_art_4,
        MEDIATION_COURT_ACCEPTANCE,
        "2024-02-08",
        "2024-02-18"
    );
    rule_example!(
        mediation_court_decision_within_15_days_spc_2011_art_5,
        MEDIATION_COURT_DECISION,
        "2024-02-08",
        "2024-02-23"
    );
    rule_example!(
        mediation_special_procedure_within_30_days_civil_procedure_art_187,
        MEDIATION_SPECIAL_PROCEDURE,
        "2024-02-08",
        "2024-03-11"
    );
    rule_example!(
        open_information_proactive_within_20_working_days_art_26,
        OPEN_INFORMATION_PROACTIVE,
        "2024-02-08",
        "2024-03-13"
    );
    rule_example!(
        open_information_correction_notice_within_7_working_days_art_30,
        OPEN_INFORMATION_CORRECTION_NOTICE,
        "2024-02-08",
        "2024-02-23"
    );
    rule_example!(
        open_information_reply_within_20_working_days_art_33,
        OPEN_INFORMATION_REPLY,
        "2024-09-09",
        "2024-10-12"
    );
    rule_example!(
        open_information_third_party_within_15_working_days_art_32,
        OPEN_INFORMATION_THIRD_PARTY,
        "2024-02-08",
        "2024-03-06"
    );
    rule_example!(
        open_information_co_maker_within_15_working_days_art_34,
        OPEN_INFORMATION_CO_MAKER,
        "2024-02-08",
        "2024-03-06"
    );
    rule_example!(
        open_information_department_annual_report_by_31_january_art_49,
        OPEN_INFORMATION_DEPARTMENT_ANNUAL_REPORT,
        "2024-12-31",
        "2025-01-31"
    );
    rule_example!(
        open_information_government_annual_report_by_31_march_art_49,
        OPEN_INFORMATION_GOVERNMENT_ANNUAL_REPORT,
        "2024-12-31",
        "2025-03-31"
    );
    rule_example!(
        hotline_general_order_within_5_working_days_local,
        HOTLINE_GENERAL_ORDER,
        "2024-02-08",
        "2024-02-21"
    );
    rule_example!(
        annual_report_publish_before_1_april_art_24,
        ANNUAL_REPORT_PUBLISH,
        "2024-12-31",
        "2025-03-31"
    );
    rule_example!(
        annual_report_province_to_centre_before_1_april,
        ANNUAL_REPORT_PROVINCE_TO_CENTRE,
        "2024-12-31",
        "2025-03-31"
    );
    rule_example!(
        annual_report_department_to_government_before_1_march,
        ANNUAL_REPORT_DEPARTMENT_TO_GOVERNMENT,
        "2023-12-31",
        "2024-02-29"
    );
    rule_example!(
        annual_report_government_to_party_committee_before_1_march,
        ANNUAL_REPORT_GOVERNMENT_TO_PARTY_COMMITTEE,
        "2024-12-31",
        "2025-02-28"
    );
    rule_example!(
        annual_report_demonstration_area_by_31_january,
        ANNUAL_REPORT_DEMONSTRATION_AREA,
        "2024-12-31",
        "2025-01-31"
    );

    #[test]
    fn ids_are_unique_ascii_and_found_by_lookup() {
        let mut seen = std::collections::BTreeSet::new();
        for r in RULES {
            assert!(r.id.is_ascii() && r.id.contains('.'), "{}", r.id);
            assert!(seen.insert(r.id), "duplicate id {}", r.id);
            assert_eq!(rule(r.id), Some(*r));
        }
        assert_eq!(rule("no.such_rule"), None);
    }

    #[test]
    fn uncertain_figures_are_configurable() {
        for r in RULES {
            if matches!(
                r.certainty,
                Certainty::Secondary | Certainty::Practice | Certainty::Memory
            ) {
                assert!(
                    r.configurable.is_some(),
                    "{} is {:?} but not configurable",
                    r.id,
                    r.certainty
                );
            }
        }
    }

    #[test]
    fn configured_period_overrides_the_default() {
        // A deployment that reads 行政许可法 art. 47's 5 days as calendar days.
        let due = LICENCE_HEARING_REQUEST
            .due_with(Calendar::official(), date("2024-02-08"), Period::days(5))
            .expect("due");
        assert_eq!(due.due, date("2024-02-18"));
    }

    #[test]
    fn extension_and_suspension_through_the_rule() {
        let mut deadline = LICENCE_DECISION
            .deadline(date("2024-03-04"))
            .expect("period rule");
        let extension = LICENCE_DECISION
            .extension
            .and_then(|e| e.max)
            .expect("extension");
        deadline.extensions.push(calendar::Extension {
            period: extension,
            approval: calendar::Approval {
                authority: "本行政机关负责人".into(),
                approved_on: date("2024-03-28"),
                reference: None,
            },
        });
        let due = Calendar::official().deadline_due(&deadline).expect("due");
        assert_eq!(due.due, date("2024-04-16"));
        assert_eq!(ANNUAL_REPORT_PUBLISH.deadline(date("2024-12-31")), None);
    }
}

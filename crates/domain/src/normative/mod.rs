//! Administrative normative documents (行政规范性文件): the making procedure, registration and
//! numbering, publication, filing with the level above, validity, clean-up campaigns and
//! citizens' objections (STATUTES.md §9).
//!
//! One pure function, [`apply`], takes a document, a [`Command`] and a [`Context`] (today, the
//! calendar, the deployment's [`Policy`]) and returns the new document and the [`Event`] to
//! record, or a [`Refusal`] naming its source:
//!
//! ```text
//! Drafting ─▶ PublicComment ─▶ (every comment answered) ─▶ UnderLegalityReview ─▶ ReviewPassed
//!    ▲  (or exempt) ────────────────────────────────────────▶│        │
//!    └───── ReturnedByReview ◀── (amend / unlawful) ──────────┘        ▼
//!                                                         collective deliberation ─▶ Adopted
//!  Adopted ─▶ Registered (文号) ─▶ Published ─▶ filed (late is recorded) ─▶ filing review
//!  Published ─▶ Expired | Repealed | Void          (before registration: Withdrawn)
//! ```
//!
//! Sources. The national instruments for this procedure are State Council General Office
//! notices (国办发〔2018〕37号 and 〔2018〕115号) whose primary text we have not read
//! (STATUTES.md §0, §18): refusals cite them by name and subject, never by a section number we
//! could not check. Every length that is local practice is a [`Policy`] field whose default
//! comes from [`crate::deadline_rules`], where it is tagged and marked configurable.

pub mod cleanup;
pub mod numbering;
pub mod objection;
pub mod review;

use calendar::{Calendar, Datelike, DueDate, NaiveDate, Period};

use crate::deadline_rules;
use crate::refusal::{LegalBasis, Refusal};

pub use numbering::{DocumentNumber, check_number, next_number};
pub use review::{
    AutomaticFinding, Conclusion, Disposition, Opinion, ReviewRound, ReviewedFinding, Severity,
};

/// 国办发〔2018〕37号, the State Council notice on making and supervising normative documents.
pub const GUOBAN_37: &str =
    "国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知（国办发〔2018〕37号）";

/// 国办发〔2018〕115号, the State Council opinion on the legality-review mechanism.
pub const GUOBAN_115: &str =
    "国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见（国办发〔2018〕115号）";

/// A basis in 37号, by subject (its section numbers are unverified, STATUTES.md §18 item 2).
pub(crate) fn guoban_37(subject: &'static str) -> LegalBasis {
    LegalBasis {
        law: GUOBAN_37,
        article: subject,
    }
}

/// A basis in 115号, by subject (STATUTES.md §18 item 1).
pub(crate) fn guoban_115(subject: &'static str) -> LegalBasis {
    LegalBasis {
        law: GUOBAN_115,
        article: subject,
    }
}

/// Where a document is in its procedure and life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Stage {
    /// 起草: being drafted.
    Drafting,
    /// 公开征求意见: the draft is out for public comment.
    PublicComment,
    /// 合法性审核中.
    UnderLegalityReview,
    /// 审核退回: returned by the legality review, to be amended and resubmitted.
    ReturnedByReview,
    /// 合法性审核通过: may go to collective deliberation.
    ReviewPassed,
    /// 集体审议通过.
    Adopted,
    /// 已登记编号: registered and numbered, not yet published.
    Registered,
    /// 已公布: published (in force from its effective date until its validity ends).
    Published,
    /// 已失效: its validity ended.
    Expired,
    /// 已废止.
    Repealed,
    /// 宣布失效: declared void (by a clean-up or a correction).
    Void,
    /// 终止制定: withdrawn before registration.
    Withdrawn,
}

impl Stage {
    /// The stable code stored by the lead.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Drafting => "drafting",
            Stage::PublicComment => "public_comment",
            Stage::UnderLegalityReview => "under_legality_review",
            Stage::ReturnedByReview => "returned_by_review",
            Stage::ReviewPassed => "review_passed",
            Stage::Adopted => "adopted",
            Stage::Registered => "registered",
            Stage::Published => "published",
            Stage::Expired => "expired",
            Stage::Repealed => "repealed",
            Stage::Void => "void",
            Stage::Withdrawn => "withdrawn",
        }
    }

    /// The Chinese name shown in the UI.
    pub fn label(self) -> &'static str {
        match self {
            Stage::Drafting => "起草中",
            Stage::PublicComment => "公开征求意见",
            Stage::UnderLegalityReview => "合法性审核中",
            Stage::ReturnedByReview => "审核退回修改",
            Stage::ReviewPassed => "合法性审核通过",
            Stage::Adopted => "集体审议通过",
            Stage::Registered => "已登记编号",
            Stage::Published => "已公布",
            Stage::Expired => "已失效",
            Stage::Repealed => "已废止",
            Stage::Void => "宣布失效",
            Stage::Withdrawn => "终止制定",
        }
    }

    /// Parses [`Stage::as_str`].
    pub fn parse(code: &str) -> Option<Stage> {
        ALL_STAGES.iter().copied().find(|s| s.as_str() == code)
    }
}

/// Every stage, in procedure order.
pub const ALL_STAGES: [Stage; 12] = [
    Stage::Drafting,
    Stage::PublicComment,
    Stage::UnderLegalityReview,
    Stage::ReturnedByReview,
    Stage::ReviewPassed,
    Stage::Adopted,
    Stage::Registered,
    Stage::Published,
    Stage::Expired,
    Stage::Repealed,
    Stage::Void,
    Stage::Withdrawn,
];

/// The status people filter by (the search index's `status` code), derived from the stage and
/// the date: a published document is pending, in force or expired depending on the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// 草稿 (drafting or returned for amendment).
    Draft,
    /// 征求意见中.
    PublicComment,
    /// 审核审议中: in legality review, deliberation or registration.
    UnderReview,
    /// 已公布未施行: published, effective date not reached.
    NotYetInForce,
    /// 现行有效.
    InForce,
    /// 已失效.
    Expired,
    /// 已废止.
    Repealed,
    /// 宣布失效.
    Void,
    /// 终止制定.
    Withdrawn,
}

impl Status {
    /// Stable code (what `search::IndexedDocument::status` holds).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::PublicComment => "public_comment",
            Status::UnderReview => "under_review",
            Status::NotYetInForce => "not_yet_in_force",
            Status::InForce => "in_force",
            Status::Expired => "expired",
            Status::Repealed => "repealed",
            Status::Void => "void",
            Status::Withdrawn => "withdrawn",
        }
    }

    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "草稿",
            Status::PublicComment => "征求意见中",
            Status::UnderReview => "审核审议中",
            Status::NotYetInForce => "尚未施行",
            Status::InForce => "现行有效",
            Status::Expired => "已失效",
            Status::Repealed => "已废止",
            Status::Void => "宣布失效",
            Status::Withdrawn => "终止制定",
        }
    }
}

/// How long a document may be valid. \[practice\]: local rules commonly allow at most 5 years,
/// and 2 for 暂行/试行 documents (STATUTES.md §9.2, secondary); these are configuration defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValidityPolicy {
    /// Longest validity in years.
    pub max_years: u32,
    /// Longest validity of a provisional (暂行、试行) document, in years.
    pub provisional_max_years: u32,
}

impl ValidityPolicy {
    /// The common local defaults: 5 years, 2 for provisional documents \[practice\].
    pub const DEFAULT: ValidityPolicy = ValidityPolicy {
        max_years: 5,
        provisional_max_years: 2,
    };

    /// The last day a document taking effect on `effective_on` may still be valid: the day
    /// before the anniversary, since the effective day itself counts (a document in force from
    /// 2025-03-01 for 5 years is valid through 2030-02-28). No roll-over: a validity end is a
    /// date printed in the document, not a time limit for acting.
    pub fn latest_end(&self, effective_on: NaiveDate, provisional: bool) -> Option<NaiveDate> {
        let years = if provisional {
            self.provisional_max_years
        } else {
            self.max_years
        };
        let year = effective_on
            .year()
            .checked_add(i32::try_from(years).ok()?)?;
        // 民法典 第二百零二条: no corresponding day (29 February) means the month's last day.
        let anniversary = NaiveDate::from_ymd_opt(year, effective_on.month(), effective_on.day())
            .or_else(|| NaiveDate::from_ymd_opt(year, effective_on.month(), 28))?;
        anniversary.pred_opt()
    }
}

/// The deployment's figures for this procedure. Every field is a default from a
/// [`deadline_rules`] rule tagged \[practice\] or \[memory\], so each may be configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Shortest public comment period (`normative_document.public_comment`).
    pub public_comment: Period,
    /// Shortest legality review (`normative_document.legality_review_min`): a shorter review
    /// needs a recorded reason, since 115号 says "一般".
    pub review_min: Period,
    /// Longest legality review (`normative_document.legality_review_max`): a later opinion is
    /// recorded as late.
    pub review_max: Period,
    /// Filing after publication (`normative_document.filing`): later filing is recorded late.
    pub filing: Period,
    /// Correction after the filing review demands it (`normative_document.filing_correction`).
    pub filing_correction: Period,
    /// Reply to a citizen's objection (`normative_document.objection_reply`).
    pub objection_reply: Period,
    /// How long before expiry the evaluation falls due (`normative_document.expiry_evaluation`).
    pub expiry_evaluation: Period,
    /// Validity limits.
    pub validity: ValidityPolicy,
}

impl Policy {
    /// The catalogue's defaults.
    pub fn defaults() -> Policy {
        let period = |id: &str, fallback: Period| {
            deadline_rules::rule(id)
                .and_then(|r| r.period())
                .unwrap_or(fallback)
        };
        Policy {
            public_comment: period("normative_document.public_comment", Period::days(30)),
            review_min: period(
                "normative_document.legality_review_min",
                Period::working_days(5),
            ),
            review_max: period(
                "normative_document.legality_review_max",
                Period::working_days(15),
            ),
            filing: period("normative_document.filing", Period::days(30)),
            filing_correction: period("normative_document.filing_correction", Period::days(30)),
            objection_reply: period("normative_document.objection_reply", Period::days(30)),
            expiry_evaluation: period("normative_document.expiry_evaluation", Period::months(6)),
            validity: ValidityPolicy::DEFAULT,
        }
    }
}

/// What [`apply`] needs from outside.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// Today (Asia/Shanghai), from the caller's clock.
    pub today: NaiveDate,
    /// Working-day calendar.
    pub calendar: &'a Calendar,
    /// The deployment's figures.
    pub policy: &'a Policy,
}

/// How the drafter answered one public comment (说明采纳情况).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Adoption {
    /// 采纳.
    Adopted,
    /// 部分采纳.
    PartlyAdopted,
    /// 不予采纳.
    NotAdopted,
}

impl Adoption {
    /// Stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            Adoption::Adopted => "adopted",
            Adoption::PartlyAdopted => "partly_adopted",
            Adoption::NotAdopted => "not_adopted",
        }
    }

    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Adoption::Adopted => "采纳",
            Adoption::PartlyAdopted => "部分采纳",
            Adoption::NotAdopted => "不予采纳",
        }
    }
}

/// The drafter's answer to a comment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CommentAnswer {
    /// Adopted or not.
    pub adoption: Adoption,
    /// The reasons.
    pub reason: String,
    /// Day answered.
    pub answered_on: NaiveDate,
}

/// One comment received during public comment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Comment {
    /// 1, 2, 3… within the document.
    pub number: u32,
    /// Day received.
    pub received_on: NaiveDate,
    /// Who commented (a name, an organisation, or 匿名).
    pub commenter: String,
    /// What they said.
    pub text: String,
    /// The drafter's answer, once given.
    pub answer: Option<CommentAnswer>,
}

/// The public comment on a draft.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PublicComment {
    /// Day the draft was published for comment.
    pub opened_on: NaiveDate,
    /// Where it was published (政府网站、报刊…).
    pub channel: String,
    /// Last day of the shortest period: the comment may close on or after it.
    pub period_ends: NaiveDate,
    /// Day closed.
    pub closed_on: Option<NaiveDate>,
    /// The comments.
    pub comments: Vec<Comment>,
}

impl PublicComment {
    /// Comments still without an answer.
    pub fn unanswered(&self) -> usize {
        self.comments.iter().filter(|c| c.answer.is_none()).count()
    }
}

/// The collective deliberation (制定机关办公会议或常务会议).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Deliberation {
    /// Meeting day.
    pub held_on: NaiveDate,
    /// The meeting, e.g. 县人民政府第12次常务会议.
    pub meeting: String,
    /// Participants.
    pub participants: Vec<String>,
    /// Adopted or sent back.
    pub adopted: bool,
    /// Conclusion.
    pub conclusion: String,
}

/// Publication (公开发布).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Publication {
    /// Day published.
    pub published_on: NaiveDate,
    /// Day it takes effect.
    pub effective_on: NaiveDate,
    /// Last day of validity.
    pub valid_until: NaiveDate,
    /// Where (政府公报、政府网站…).
    pub channel: String,
}

/// A renewal of the validity after the evaluation before expiry.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Renewal {
    /// Day renewed.
    pub renewed_on: NaiveDate,
    /// The previous last day of validity.
    pub previous_until: NaiveDate,
    /// The new last day.
    pub valid_until: NaiveDate,
    /// The evaluation's conclusion.
    pub evaluation: String,
}

/// What the filing review decided.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FilingReview {
    /// Not yet reviewed.
    Pending,
    /// 审查通过.
    Accepted {
        /// Day.
        on: NaiveDate,
    },
    /// 责令纠正: the filing body demands a correction, tracked until done.
    CorrectionDemanded {
        /// Day the maker received the demand (the correction clock starts here).
        on: NaiveDate,
        /// The problems.
        reasons: String,
    },
    /// The correction was made.
    Corrected {
        /// Day the demand was received.
        demanded_on: NaiveDate,
        /// The problems.
        reasons: String,
        /// Day corrected.
        corrected_on: NaiveDate,
        /// What was done.
        action: CorrectionAction,
        /// After the correction period (recorded, not refused).
        late: bool,
    },
}

/// How a demanded correction was made.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CorrectionAction {
    /// The document was amended (by an amending document).
    Amended {
        /// What changed.
        summary: String,
    },
    /// The document was repealed.
    Repealed,
    /// The document was declared void.
    DeclaredVoid,
}

impl CorrectionAction {
    /// Stable code.
    pub fn as_str(&self) -> &'static str {
        match self {
            CorrectionAction::Amended { .. } => "amended",
            CorrectionAction::Repealed => "repealed",
            CorrectionAction::DeclaredVoid => "declared_void",
        }
    }
}

/// Filing with the level above (备案).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Filing {
    /// Day filed.
    pub filed_on: NaiveDate,
    /// The filing body (上一级人民政府、本级人大常委会…).
    pub recipient: String,
    /// Filed after the filing period: recorded, not refused, since a late filing is still owed.
    pub late: bool,
    /// The filing review.
    pub review: FilingReview,
}

/// How a document's life ended.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Ending {
    /// Day.
    pub on: NaiveDate,
    /// Why.
    pub reason: String,
    /// The clean-up campaign that decided it, if one did.
    pub campaign_id: Option<i64>,
}

/// A normative document. The store rebuilds it from its rows; change it only through [`apply`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NormativeDocument {
    /// Store id.
    pub id: i64,
    /// The issuing body (制定机关).
    pub issuer_id: i64,
    /// The drafter's account id (may not review its own draft).
    pub drafter_id: i64,
    /// Title.
    pub title: String,
    /// Stage.
    pub stage: Stage,
    /// Drafting started on.
    pub drafted_on: NaiveDate,
    /// Whether it affects the public's rights and obligations, so that public comment is
    /// required unless exempted.
    pub affects_public: bool,
    /// Why it was exempted from public comment (e.g. 涉及国家秘密).
    pub comment_exemption: Option<String>,
    /// Public comment.
    pub public_comment: Option<PublicComment>,
    /// Legality review rounds, oldest first.
    pub reviews: Vec<ReviewRound>,
    /// Collective deliberations, oldest first.
    pub deliberations: Vec<Deliberation>,
    /// Registration number.
    pub number: Option<DocumentNumber>,
    /// Day registered.
    pub registered_on: Option<NaiveDate>,
    /// Publication.
    pub publication: Option<Publication>,
    /// Renewals of validity.
    pub renewals: Vec<Renewal>,
    /// Filing.
    pub filing: Option<Filing>,
    /// How it ended (expired, repealed, void, withdrawn).
    pub ending: Option<Ending>,
}

/// A change to a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Publish the draft for public comment (公开征求意见).
    OpenPublicComment {
        /// Day published.
        on: NaiveDate,
        /// Where.
        channel: String,
    },
    /// Record that the draft needs no public comment, and why (涉密, or not affecting the public).
    ExemptFromPublicComment {
        /// Why.
        reason: String,
    },
    /// Record a comment.
    RecordComment {
        /// Day received.
        received_on: NaiveDate,
        /// Who.
        commenter: String,
        /// What.
        text: String,
    },
    /// Answer a comment.
    AnswerComment {
        /// The comment's number.
        number: u32,
        /// Adopted or not.
        adoption: Adoption,
        /// The reasons.
        reason: String,
    },
    /// Close the public comment.
    ClosePublicComment {
        /// Day.
        on: NaiveDate,
    },
    /// Send the draft (again) for legality review, with the automatic review's findings.
    SubmitForLegalityReview {
        /// Day received by the reviewing body.
        on: NaiveDate,
        /// The automatic review's findings on this version.
        findings: Vec<AutomaticFinding>,
        /// What changed since it was returned (required on resubmission).
        change: String,
    },
    /// The reviewer decides on one automatic finding of the current round.
    DisposeFinding {
        /// Index in the round's findings.
        index: usize,
        /// Accepted, edited or rejected.
        disposition: Disposition,
    },
    /// The reviewer records the written opinion.
    RecordLegalityOpinion {
        /// Reviewer's account id.
        reviewer_id: i64,
        /// Reviewer's name.
        reviewer: String,
        /// Day.
        on: NaiveDate,
        /// Conclusion.
        conclusion: Conclusion,
        /// Text.
        text: String,
        /// Why the review is shorter than the minimum, if it is.
        short_review_reason: Option<String>,
    },
    /// Record the collective deliberation.
    RecordDeliberation {
        /// Day.
        held_on: NaiveDate,
        /// The meeting.
        meeting: String,
        /// Participants.
        participants: Vec<String>,
        /// Adopted, or sent back for redrafting.
        adopted: bool,
        /// Conclusion.
        conclusion: String,
    },
    /// Register and number (统一登记、统一编号).
    Register {
        /// Day.
        on: NaiveDate,
        /// The number, normally from [`next_number`].
        number: DocumentNumber,
        /// The sequences already used by the prefix in that year (from the store).
        used: Vec<u32>,
    },
    /// Publish (统一发布).
    Publish {
        /// Day published.
        published_on: NaiveDate,
        /// Day it takes effect.
        effective_on: NaiveDate,
        /// Last day of validity; `None` for the longest the policy allows.
        valid_until: Option<NaiveDate>,
        /// Where.
        channel: String,
    },
    /// File with the level above (备案).
    File {
        /// Day.
        filed_on: NaiveDate,
        /// Filing body.
        recipient: String,
    },
    /// The filing body's review: accepted.
    AcceptFiling {
        /// Day.
        on: NaiveDate,
    },
    /// The filing body's review: correction demanded.
    DemandCorrection {
        /// Day the maker received the demand.
        on: NaiveDate,
        /// The problems.
        reasons: String,
    },
    /// The maker made the demanded correction.
    RecordCorrection {
        /// Day.
        on: NaiveDate,
        /// What was done.
        action: CorrectionAction,
    },
    /// Renew the validity after the evaluation before expiry \[practice\].
    Renew {
        /// Day.
        on: NaiveDate,
        /// New last day of validity.
        valid_until: NaiveDate,
        /// The evaluation's conclusion.
        evaluation: String,
    },
    /// Record that the validity ended.
    Expire {
        /// Day (after the last valid day).
        on: NaiveDate,
    },
    /// Repeal (废止).
    Repeal {
        /// Day.
        on: NaiveDate,
        /// Why.
        reason: String,
        /// The clean-up campaign, if any.
        campaign_id: Option<i64>,
    },
    /// Declare void (宣布失效).
    DeclareVoid {
        /// Day.
        on: NaiveDate,
        /// Why.
        reason: String,
        /// The clean-up campaign, if any.
        campaign_id: Option<i64>,
    },
    /// Stop making the document (before registration).
    Withdraw {
        /// Day.
        on: NaiveDate,
        /// Why.
        reason: String,
    },
}

/// A due date of an open item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    /// A [`deadline_rules`] id.
    pub rule_id: &'static str,
    /// What is due, in Chinese.
    pub subject: &'static str,
    /// The day.
    pub due: NaiveDate,
    /// The calendar for part of the span is not yet published.
    pub provisional: bool,
}

/// What the lead records in the ledger for one transition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable kind, e.g. `normative.published`.
    pub kind: &'static str,
    /// The document's store id.
    pub document_id: i64,
    /// The date the event happened.
    pub on: NaiveDate,
    /// Stage after the transition.
    pub stage: Stage,
    /// The facts, as stable ASCII names and text values.
    pub fields: Vec<(&'static str, String)>,
    /// The document's open due dates after the transition.
    pub due: Vec<DueItem>,
}

/// Where a published document stands against its validity on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValidityState {
    /// Not published, or already ended.
    NotApplicable,
    /// Valid, the evaluation not yet due.
    Valid {
        /// Last valid day.
        valid_until: NaiveDate,
    },
    /// Within the evaluation window before expiry: warn.
    ExpiringSoon {
        /// Last valid day.
        valid_until: NaiveDate,
        /// The day from which the warning runs (the evaluation date).
        evaluate_by: NaiveDate,
    },
    /// Past its last valid day but not yet recorded as expired: record [`Command::Expire`].
    Lapsed {
        /// Last valid day.
        valid_until: NaiveDate,
    },
}

impl NormativeDocument {
    /// Starts a draft (立项/起草): the first event of every document.
    pub fn draft(
        id: i64,
        issuer_id: i64,
        drafter_id: i64,
        title: &str,
        affects_public: bool,
        drafted_on: NaiveDate,
        ctx: &Context<'_>,
    ) -> Result<(NormativeDocument, Event), Refusal> {
        not_in_future(drafted_on, ctx)?;
        let title = required(title, "normative.title_missing", "请填写规范性文件标题")?;
        let doc = NormativeDocument {
            id,
            issuer_id,
            drafter_id,
            title: title.clone(),
            stage: Stage::Drafting,
            drafted_on,
            affects_public,
            comment_exemption: None,
            public_comment: None,
            reviews: Vec::new(),
            deliberations: Vec::new(),
            number: None,
            registered_on: None,
            publication: None,
            renewals: Vec::new(),
            filing: None,
            ending: None,
        };
        let fields = vec![
            ("title", title),
            ("affects_public", affects_public.to_string()),
        ];
        let event = event(&doc, "normative.drafted", drafted_on, fields, ctx)?;
        Ok((doc, event))
    }

    /// 暂行 or 试行 in the title: a provisional document, with the shorter validity limit.
    pub fn is_provisional(&self) -> bool {
        self.title.contains("暂行") || self.title.contains("试行")
    }

    /// Whether the public may see it: published once, whatever happened since.
    pub fn is_public(&self) -> bool {
        self.publication.is_some()
    }

    /// Whether the text may be revised now: while drafting, or after the legality review
    /// returned it (按审核意见修改后重新送审). Out for comment, under review or adopted, the text
    /// must stay the one the public, the reviewer or the meeting saw; after publication a change
    /// is an amendment, which is a new making procedure (37号, 统一发布).
    pub fn check_text_revisable(&self) -> Result<(), Refusal> {
        match self.stage {
            Stage::Drafting | Stage::ReturnedByReview => Ok(()),
            Stage::PublicComment
            | Stage::UnderLegalityReview
            | Stage::ReviewPassed
            | Stage::Adopted => Err(Refusal::new(
                "normative.text_locked",
                format!(
                    "文件处于「{}」阶段，文本不能修改：征求意见、审核和审议针对的是同一文本",
                    self.stage.label()
                ),
            )),
            _ => Err(Refusal::by_law(
                "normative.text_locked",
                format!(
                    "文件处于「{}」阶段，文本不能修改；需要修改的，应当按制定程序另行制发修改文件",
                    self.stage.label()
                ),
                guoban_37("统一发布"),
            )),
        }
    }

    /// The current legality review round.
    pub fn current_review(&self) -> Option<&ReviewRound> {
        self.reviews.last()
    }

    /// The status on `on`, for filters and the portal.
    pub fn status_on(&self, on: NaiveDate) -> Status {
        match self.stage {
            Stage::Drafting | Stage::ReturnedByReview => Status::Draft,
            Stage::PublicComment => Status::PublicComment,
            Stage::UnderLegalityReview
            | Stage::ReviewPassed
            | Stage::Adopted
            | Stage::Registered => Status::UnderReview,
            Stage::Published => match &self.publication {
                Some(p) if on < p.effective_on => Status::NotYetInForce,
                Some(p) if on > p.valid_until => Status::Expired,
                _ => Status::InForce,
            },
            Stage::Expired => Status::Expired,
            Stage::Repealed => Status::Repealed,
            Stage::Void => Status::Void,
            Stage::Withdrawn => Status::Withdrawn,
        }
    }

    /// The year the search index files it under: of the number once registered, of drafting
    /// before.
    pub fn year(&self) -> i32 {
        self.number
            .as_ref()
            .map_or(self.drafted_on.year(), |n| n.year)
    }

    /// The evaluation date of a validity ending on `valid_until`: `expiry_evaluation` before it
    /// (6 months by default \[practice\]), moved back off a rest day.
    pub fn evaluation_date(valid_until: NaiveDate, ctx: &Context<'_>) -> Result<DueDate, Refusal> {
        ctx.calendar
            .latest_before(valid_until, ctx.policy.expiry_evaluation)
            .map_err(calendar_refusal)
    }

    /// Validity on `on`: valid, within the warning window before expiry, or lapsed.
    pub fn validity_on(&self, on: NaiveDate, ctx: &Context<'_>) -> Result<ValidityState, Refusal> {
        let Some(p) = self
            .publication
            .as_ref()
            .filter(|_| self.stage == Stage::Published)
        else {
            return Ok(ValidityState::NotApplicable);
        };
        if on > p.valid_until {
            return Ok(ValidityState::Lapsed {
                valid_until: p.valid_until,
            });
        }
        let evaluate_by = Self::evaluation_date(p.valid_until, ctx)?.due;
        Ok(if on >= evaluate_by {
            ValidityState::ExpiringSoon {
                valid_until: p.valid_until,
                evaluate_by,
            }
        } else {
            ValidityState::Valid {
                valid_until: p.valid_until,
            }
        })
    }

    /// The open due dates: end of the shortest comment period, the legality review's longest
    /// period, filing, correction after the filing review, evaluation before expiry.
    pub fn due_dates(&self, ctx: &Context<'_>) -> Result<Vec<DueItem>, Refusal> {
        let mut due = Vec::new();
        let cal = ctx.calendar;
        let mut push = |rule_id, subject, d: DueDate| {
            due.push(DueItem {
                rule_id,
                subject,
                due: d.due,
                provisional: d.provisional,
            })
        };
        if self.stage == Stage::PublicComment
            && let Some(c) = &self.public_comment
        {
            push(
                "normative_document.public_comment",
                "征求意见期届满（届满后方可结束征求意见）",
                DueDate {
                    due: c.period_ends,
                    provisional: false,
                    rolled_over: false,
                },
            );
        }
        if self.stage == Stage::UnderLegalityReview
            && let Some(r) = self.current_review()
        {
            let d = cal
                .due_date(r.submitted_on, ctx.policy.review_max)
                .map_err(calendar_refusal)?;
            push(
                "normative_document.legality_review_max",
                "出具合法性审核意见",
                d,
            );
        }
        if self.stage == Stage::Published
            && let Some(p) = &self.publication
        {
            match &self.filing {
                None => {
                    let d = cal
                        .due_date(p.published_on, ctx.policy.filing)
                        .map_err(calendar_refusal)?;
                    push("normative_document.filing", "报送备案", d);
                }
                Some(Filing {
                    review: FilingReview::CorrectionDemanded { on, .. },
                    ..
                }) => {
                    let d = cal
                        .due_date(*on, ctx.policy.filing_correction)
                        .map_err(calendar_refusal)?;
                    push(
                        "normative_document.filing_correction",
                        "按备案审查意见纠正",
                        d,
                    );
                }
                Some(_) => {}
            }
            push(
                "normative_document.expiry_evaluation",
                "有效期届满前评估",
                Self::evaluation_date(p.valid_until, ctx)?,
            );
        }
        Ok(due)
    }
}

/// The single transition function: the new document and its event, or a refusal naming the rule.
pub fn apply(
    doc: &NormativeDocument,
    command: Command,
    ctx: &Context<'_>,
) -> Result<(NormativeDocument, Event), Refusal> {
    let mut next = doc.clone();
    let (kind, on, fields) = match command {
        Command::OpenPublicComment { on, channel } => {
            expect_stage(doc, &[Stage::Drafting], "公开征求意见")?;
            not_in_future(on, ctx)?;
            not_before(on, doc.drafted_on, "征求意见日期", "起草日期")?;
            if doc.public_comment.is_some() {
                return Err(Refusal::new(
                    "normative.comment_already_held",
                    "本文件已经公开征求过意见",
                ));
            }
            let channel = required(
                &channel,
                "normative.comment_channel_missing",
                "请填写征求意见的发布渠道",
            )?;
            let period_ends = ctx
                .calendar
                .due_date(on, ctx.policy.public_comment)
                .map_err(calendar_refusal)?
                .due;
            next.public_comment = Some(PublicComment {
                opened_on: on,
                channel: channel.clone(),
                period_ends,
                closed_on: None,
                comments: Vec::new(),
            });
            next.comment_exemption = None;
            next.stage = Stage::PublicComment;
            (
                "normative.public_comment_opened",
                on,
                vec![
                    ("channel", channel),
                    ("period", ctx.policy.public_comment.to_string()),
                    ("period_ends", period_ends.to_string()),
                ],
            )
        }
        Command::ExemptFromPublicComment { reason } => {
            expect_stage(doc, &[Stage::Drafting], "免予征求意见")?;
            let reason = required(
                &reason,
                "normative.exemption_reason_missing",
                "不公开征求意见的，应当说明理由（如涉及国家秘密）",
            )?;
            next.comment_exemption = Some(reason.clone());
            (
                "normative.public_comment_exempted",
                ctx.today,
                vec![("reason", reason)],
            )
        }
        Command::RecordComment {
            received_on,
            commenter,
            text,
        } => {
            expect_stage(doc, &[Stage::PublicComment], "登记意见")?;
            not_in_future(received_on, ctx)?;
            let comment = next
                .public_comment
                .as_mut()
                .ok_or_else(|| wrong_stage(doc, "登记意见"))?;
            not_before(
                received_on,
                comment.opened_on,
                "收到意见日期",
                "征求意见日期",
            )?;
            let text = required(&text, "normative.comment_empty", "请填写意见内容")?;
            let commenter = match commenter.trim() {
                "" => "匿名".to_owned(),
                c => c.to_owned(),
            };
            let number = comment.comments.len() as u32 + 1;
            comment.comments.push(Comment {
                number,
                received_on,
                commenter: commenter.clone(),
                text: text.clone(),
                answer: None,
            });
            (
                "normative.comment_recorded",
                received_on,
                vec![
                    ("number", number.to_string()),
                    ("commenter", commenter),
                    ("text", text),
                ],
            )
        }
        Command::AnswerComment {
            number,
            adoption,
            reason,
        } => {
            // Answers may follow the close: the drafter studies the comments afterwards.
            expect_stage(
                doc,
                &[
                    Stage::PublicComment,
                    Stage::Drafting,
                    Stage::ReturnedByReview,
                ],
                "答复意见",
            )?;
            let comment = next
                .public_comment
                .as_mut()
                .and_then(|c| c.comments.iter_mut().find(|c| c.number == number))
                .ok_or_else(|| {
                    Refusal::new(
                        "normative.comment_not_found",
                        format!("没有第{number}条意见"),
                    )
                })?;
            let reason = required(
                &reason,
                "normative.comment_answer_missing",
                "请说明意见的采纳情况及理由",
            )?;
            comment.answer = Some(CommentAnswer {
                adoption,
                reason: reason.clone(),
                answered_on: ctx.today,
            });
            (
                "normative.comment_answered",
                ctx.today,
                vec![
                    ("number", number.to_string()),
                    ("adoption", adoption.as_str().into()),
                    ("reason", reason),
                ],
            )
        }
        Command::ClosePublicComment { on } => {
            expect_stage(doc, &[Stage::PublicComment], "结束征求意见")?;
            not_in_future(on, ctx)?;
            let comment = next
                .public_comment
                .as_mut()
                .ok_or_else(|| wrong_stage(doc, "结束征求意见"))?;
            if on < comment.period_ends {
                return Err(Refusal::by_law(
                    "normative.comment_period_running",
                    format!(
                        "征求意见期不少于{}，{}前不能结束征求意见",
                        ctx.policy.public_comment, comment.period_ends
                    ),
                    guoban_37("公开征求意见"),
                ));
            }
            comment.closed_on = Some(on);
            let received = comment.comments.len();
            next.stage = Stage::Drafting;
            (
                "normative.public_comment_closed",
                on,
                vec![("comments", received.to_string())],
            )
        }
        Command::SubmitForLegalityReview {
            on,
            findings,
            change,
        } => {
            expect_stage(
                doc,
                &[Stage::Drafting, Stage::ReturnedByReview],
                "送合法性审核",
            )?;
            not_in_future(on, ctx)?;
            not_before(on, doc.drafted_on, "送审日期", "起草日期")?;
            comment_gate(doc)?;
            let change = change.trim().to_owned();
            if doc.stage == Stage::ReturnedByReview && change.is_empty() {
                return Err(Refusal::by_law(
                    "normative.resubmission_without_change",
                    "审核退回的文件须按审核意见修改，重新送审时应当说明修改情况",
                    guoban_115("审核意见的处理"),
                ));
            }
            let round = doc.reviews.len() as u32 + 1;
            let count = findings.len();
            let errors = findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count();
            next.reviews.push(ReviewRound {
                round,
                submitted_on: on,
                change: change.clone(),
                findings: findings
                    .into_iter()
                    .map(|finding| ReviewedFinding {
                        finding,
                        disposition: Disposition::Pending,
                    })
                    .collect(),
                opinion: None,
            });
            next.stage = Stage::UnderLegalityReview;
            (
                "normative.legality_review_submitted",
                on,
                vec![
                    ("round", round.to_string()),
                    ("findings", count.to_string()),
                    ("error_findings", errors.to_string()),
                    ("change", change),
                ],
            )
        }
        Command::DisposeFinding { index, disposition } => {
            expect_stage(doc, &[Stage::UnderLegalityReview], "处理智能审查意见")?;
            let round = next
                .reviews
                .last_mut()
                .ok_or_else(|| wrong_stage(doc, "处理智能审查意见"))?;
            let item = round.findings.get_mut(index).ok_or_else(|| {
                Refusal::new(
                    "normative.finding_not_found",
                    format!("没有第{}条智能审查意见", index + 1),
                )
            })?;
            let disposition = match disposition {
                Disposition::Pending => {
                    return Err(Refusal::new(
                        "normative.finding_disposition_missing",
                        "请选择采纳、修改或不予采纳",
                    ));
                }
                Disposition::Edited { message } => Disposition::Edited {
                    message: required(
                        &message,
                        "normative.finding_edit_empty",
                        "修改后的审查意见不能为空",
                    )?,
                },
                Disposition::Rejected { reason } => Disposition::Rejected {
                    reason: required(
                        &reason,
                        "normative.finding_rejection_reason_missing",
                        "不予采纳智能审查意见的，请说明理由",
                    )?,
                },
                Disposition::Accepted => Disposition::Accepted,
            };
            let mut fields = vec![
                ("index", index.to_string()),
                ("rule", item.finding.rule.clone()),
                ("disposition", disposition.as_str().into()),
            ];
            match &disposition {
                Disposition::Edited { message } => fields.push(("message", message.clone())),
                Disposition::Rejected { reason } => fields.push(("reason", reason.clone())),
                _ => {}
            }
            item.disposition = disposition;
            ("normative.finding_disposed", ctx.today, fields)
        }
        Command::RecordLegalityOpinion {
            reviewer_id,
            reviewer,
            on,
            conclusion,
            text,
            short_review_reason,
        } => {
            expect_stage(doc, &[Stage::UnderLegalityReview], "出具合法性审核意见")?;
            not_in_future(on, ctx)?;
            let round = doc
                .current_review()
                .ok_or_else(|| wrong_stage(doc, "出具合法性审核意见"))?;
            not_before(on, round.submitted_on, "审核意见日期", "送审日期")?;
            if reviewer_id == doc.drafter_id {
                return Err(Refusal::new(
                    "normative.reviewer_is_drafter",
                    "起草人员不得审核本人起草的文件",
                ));
            }
            let reviewer = required(&reviewer, "normative.reviewer_missing", "请填写审核人员")?;
            let text = required(
                &text,
                "normative.opinion_empty",
                "合法性审核应当出具书面审核意见",
            )?;
            if round.pending() > 0 {
                return Err(Refusal::by_law(
                    "normative.findings_pending",
                    format!(
                        "尚有{}条智能审查意见未处理：智能审查结果须经审核人员逐条确认后方可出具审核意见",
                        round.pending()
                    ),
                    guoban_115("审核意见"),
                ));
            }
            if conclusion == Conclusion::Lawful
                && let Some(error) = round.standing_errors().next()
            {
                return Err(Refusal::by_law(
                    "normative.lawful_with_standing_error",
                    format!(
                        "已确认的审查意见指出{}存在违法问题（{}），不能出具「合法」意见",
                        if error.finding.location.is_empty() {
                            "文件"
                        } else {
                            error.finding.location.as_str()
                        },
                        error.finding.message
                    ),
                    guoban_115("审核内容"),
                ));
            }
            let min_end = ctx
                .calendar
                .due_date(round.submitted_on, ctx.policy.review_min)
                .map_err(calendar_refusal)?
                .due;
            let short_review_reason = short_review_reason
                .map(|r| r.trim().to_owned())
                .filter(|r| !r.is_empty());
            if on < min_end && short_review_reason.is_none() {
                return Err(Refusal::by_law(
                    "normative.review_too_short",
                    format!(
                        "合法性审核时间一般不少于{}（{}届满）；提前出具意见的，应当说明理由",
                        ctx.policy.review_min, min_end
                    ),
                    guoban_115("审核时限"),
                ));
            }
            let max_end = ctx
                .calendar
                .due_date(round.submitted_on, ctx.policy.review_max)
                .map_err(calendar_refusal)?
                .due;
            let late = on > max_end;
            let mut fields = vec![
                ("round", round.round.to_string()),
                ("reviewer_id", reviewer_id.to_string()),
                ("reviewer", reviewer.clone()),
                ("conclusion", conclusion.as_str().into()),
                ("late", late.to_string()),
            ];
            if let Some(reason) = &short_review_reason {
                fields.push(("short_review_reason", reason.clone()));
            }
            let round = next
                .reviews
                .last_mut()
                .ok_or_else(|| wrong_stage(doc, "出具合法性审核意见"))?;
            round.opinion = Some(Opinion {
                reviewer_id,
                reviewer,
                given_on: on,
                conclusion,
                text,
                short_review_reason,
                late,
            });
            next.stage = match conclusion {
                Conclusion::Lawful => Stage::ReviewPassed,
                Conclusion::AmendmentsRequired | Conclusion::Unlawful => Stage::ReturnedByReview,
            };
            ("normative.legality_opinion_recorded", on, fields)
        }
        Command::RecordDeliberation {
            held_on,
            meeting,
            participants,
            adopted,
            conclusion,
        } => {
            if doc.stage != Stage::ReviewPassed {
                return Err(Refusal::by_law(
                    "normative.legality_review_missing",
                    "未经合法性审核或者经审核不合法的规范性文件，不得提交集体审议",
                    guoban_37("合法性审核"),
                ));
            }
            not_in_future(held_on, ctx)?;
            if let Some(opinion) = doc.current_review().and_then(|r| r.opinion.as_ref()) {
                not_before(held_on, opinion.given_on, "审议日期", "审核意见日期")?;
            }
            let meeting = required(
                &meeting,
                "normative.meeting_missing",
                "请填写审议会议（制定机关办公会议或常务会议）",
            )?;
            let participants: Vec<String> = participants
                .into_iter()
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty())
                .collect();
            // "集体" needs more than one member; no instrument gives a quorum, so two is our floor.
            if participants.len() < 2 {
                return Err(Refusal::by_law(
                    "normative.deliberation_not_collective",
                    "规范性文件应当经制定机关办公会议或者常务会议集体审议，参加人员不得少于二人",
                    guoban_37("集体审议"),
                ));
            }
            let conclusion = required(
                &conclusion,
                "normative.deliberation_empty",
                "请填写审议结论",
            )?;
            next.deliberations.push(Deliberation {
                held_on,
                meeting: meeting.clone(),
                participants: participants.clone(),
                adopted,
                conclusion: conclusion.clone(),
            });
            // Sent back: redrafted, and the new text needs a new legality review.
            next.stage = if adopted {
                Stage::Adopted
            } else {
                Stage::Drafting
            };
            (
                "normative.deliberated",
                held_on,
                vec![
                    ("meeting", meeting),
                    ("participants", participants.join("、")),
                    ("adopted", adopted.to_string()),
                    ("conclusion", conclusion),
                ],
            )
        }
        Command::Register { on, number, used } => {
            expect_stage(doc, &[Stage::Adopted], "登记编号")?;
            not_in_future(on, ctx)?;
            if number.year != on.year() {
                return Err(Refusal::new(
                    "normative.number_year_mismatch",
                    format!("文号年份应为登记年度{}，而不是{}", on.year(), number.year),
                ));
            }
            check_number(&number, &used)?;
            next.number = Some(number.clone());
            next.registered_on = Some(on);
            next.stage = Stage::Registered;
            (
                "normative.registered",
                on,
                vec![("number", number.to_string())],
            )
        }
        Command::Publish {
            published_on,
            effective_on,
            valid_until,
            channel,
        } => {
            expect_stage(doc, &[Stage::Registered], "公布")?;
            not_in_future(published_on, ctx)?;
            if let Some(registered) = doc.registered_on {
                not_before(published_on, registered, "公布日期", "登记日期")?;
            }
            // Unpublished documents may not be applied (37号), so none can take effect earlier.
            if effective_on < published_on {
                return Err(Refusal::by_law(
                    "normative.effective_before_publication",
                    format!(
                        "施行日期（{effective_on}）不得早于公布日期（{published_on}）：未经公布的规范性文件不得作为行政管理依据"
                    ),
                    guoban_37("统一发布"),
                ));
            }
            let channel = required(
                &channel,
                "normative.publication_channel_missing",
                "请填写发布载体（政府公报、政府网站等）",
            )?;
            let valid_until = validity_end(doc, effective_on, valid_until, ctx)?;
            next.publication = Some(Publication {
                published_on,
                effective_on,
                valid_until,
                channel: channel.clone(),
            });
            next.stage = Stage::Published;
            (
                "normative.published",
                published_on,
                vec![
                    ("effective_on", effective_on.to_string()),
                    ("valid_until", valid_until.to_string()),
                    ("channel", channel),
                ],
            )
        }
        Command::File {
            filed_on,
            recipient,
        } => {
            expect_stage(doc, &[Stage::Published], "报送备案")?;
            not_in_future(filed_on, ctx)?;
            if doc.filing.is_some() {
                return Err(Refusal::new(
                    "normative.already_filed",
                    "本文件已经报送备案",
                ));
            }
            let p = doc
                .publication
                .as_ref()
                .ok_or_else(|| wrong_stage(doc, "报送备案"))?;
            not_before(filed_on, p.published_on, "报备日期", "公布日期")?;
            let recipient = required(
                &recipient,
                "normative.filing_recipient_missing",
                "请填写备案审查机关",
            )?;
            let due = ctx
                .calendar
                .due_date(p.published_on, ctx.policy.filing)
                .map_err(calendar_refusal)?
                .due;
            let late = filed_on > due;
            next.filing = Some(Filing {
                filed_on,
                recipient: recipient.clone(),
                late,
                review: FilingReview::Pending,
            });
            (
                "normative.filed",
                filed_on,
                vec![
                    ("recipient", recipient),
                    ("due", due.to_string()),
                    ("late", late.to_string()),
                ],
            )
        }
        Command::AcceptFiling { on } => {
            not_in_future(on, ctx)?;
            let filing = pending_filing(&mut next, on)?;
            filing.review = FilingReview::Accepted { on };
            ("normative.filing_accepted", on, vec![])
        }
        Command::DemandCorrection { on, reasons } => {
            not_in_future(on, ctx)?;
            let reasons = required(
                &reasons,
                "normative.correction_reasons_missing",
                "请填写需要纠正的问题",
            )?;
            let filing = pending_filing(&mut next, on)?;
            filing.review = FilingReview::CorrectionDemanded {
                on,
                reasons: reasons.clone(),
            };
            let due = ctx
                .calendar
                .due_date(on, ctx.policy.filing_correction)
                .map_err(calendar_refusal)?
                .due;
            (
                "normative.correction_demanded",
                on,
                vec![("reasons", reasons), ("due", due.to_string())],
            )
        }
        Command::RecordCorrection { on, action } => {
            not_in_future(on, ctx)?;
            let Some(Filing {
                review:
                    FilingReview::CorrectionDemanded {
                        on: demanded_on,
                        reasons,
                    },
                ..
            }) = &doc.filing
            else {
                return Err(Refusal::new(
                    "normative.no_correction_demanded",
                    "备案审查机关未要求纠正本文件",
                ));
            };
            not_before(on, *demanded_on, "纠正日期", "收到纠正通知日期")?;
            if let CorrectionAction::Amended { summary } = &action
                && summary.trim().is_empty()
            {
                return Err(Refusal::new(
                    "normative.correction_summary_missing",
                    "请写明修改的内容",
                ));
            }
            let due = ctx
                .calendar
                .due_date(*demanded_on, ctx.policy.filing_correction)
                .map_err(calendar_refusal)?
                .due;
            let late = on > due;
            match &action {
                CorrectionAction::Amended { .. } => {}
                CorrectionAction::Repealed | CorrectionAction::DeclaredVoid => {
                    next.stage = if matches!(action, CorrectionAction::Repealed) {
                        Stage::Repealed
                    } else {
                        Stage::Void
                    };
                    next.ending = Some(Ending {
                        on,
                        reason: format!("按备案审查意见纠正：{reasons}"),
                        campaign_id: None,
                    });
                }
            }
            let mut fields = vec![
                ("action", action.as_str().into()),
                ("due", due.to_string()),
                ("late", late.to_string()),
            ];
            if let CorrectionAction::Amended { summary } = &action {
                fields.push(("summary", summary.trim().to_owned()));
            }
            if let Some(filing) = next.filing.as_mut() {
                filing.review = FilingReview::Corrected {
                    demanded_on: *demanded_on,
                    reasons: reasons.clone(),
                    corrected_on: on,
                    action,
                    late,
                };
            }
            ("normative.corrected", on, fields)
        }
        Command::Renew {
            on,
            valid_until,
            evaluation,
        } => {
            expect_stage(doc, &[Stage::Published], "延续有效期")?;
            not_in_future(on, ctx)?;
            let p = doc
                .publication
                .as_ref()
                .ok_or_else(|| wrong_stage(doc, "延续有效期"))?;
            if on > p.valid_until {
                return Err(Refusal::new(
                    "normative.renewal_after_expiry",
                    format!(
                        "有效期已于{}届满，文件已失效，不能延续；需要继续施行的，应当重新制定",
                        p.valid_until
                    ),
                ));
            }
            let evaluation = required(
                &evaluation,
                "normative.evaluation_missing",
                "延续有效期前应当进行评估，请填写评估结论",
            )?;
            if valid_until <= p.valid_until {
                return Err(Refusal::new(
                    "normative.renewal_not_later",
                    "延续后的有效期应当晚于原有效期",
                ));
            }
            let limit = ctx
                .policy
                .validity
                .latest_end(on, doc.is_provisional())
                .ok_or_else(date_range_refusal)?;
            if valid_until > limit {
                return Err(validity_too_long(doc, limit, ctx));
            }
            let previous_until = p.valid_until;
            next.renewals.push(Renewal {
                renewed_on: on,
                previous_until,
                valid_until,
                evaluation: evaluation.clone(),
            });
            if let Some(p) = next.publication.as_mut() {
                p.valid_until = valid_until;
            }
            (
                "normative.renewed",
                on,
                vec![
                    ("previous_until", previous_until.to_string()),
                    ("valid_until", valid_until.to_string()),
                    ("evaluation", evaluation),
                ],
            )
        }
        Command::Expire { on } => {
            expect_stage(doc, &[Stage::Published], "登记失效")?;
            not_in_future(on, ctx)?;
            let p = doc
                .publication
                .as_ref()
                .ok_or_else(|| wrong_stage(doc, "登记失效"))?;
            if on <= p.valid_until {
                return Err(Refusal::new(
                    "normative.still_valid",
                    format!("有效期至{}，届满前不能登记为失效", p.valid_until),
                ));
            }
            next.stage = Stage::Expired;
            next.ending = Some(Ending {
                on,
                reason: format!("有效期于{}届满", p.valid_until),
                campaign_id: None,
            });
            (
                "normative.expired",
                on,
                vec![("valid_until", p.valid_until.to_string())],
            )
        }
        Command::Repeal {
            on,
            reason,
            campaign_id,
        } => end_life(
            doc,
            &mut next,
            Stage::Repealed,
            on,
            &reason,
            campaign_id,
            ctx,
        )?,
        Command::DeclareVoid {
            on,
            reason,
            campaign_id,
        } => end_life(doc, &mut next, Stage::Void, on, &reason, campaign_id, ctx)?,
        Command::Withdraw { on, reason } => {
            expect_stage(
                doc,
                &[
                    Stage::Drafting,
                    Stage::PublicComment,
                    Stage::UnderLegalityReview,
                    Stage::ReturnedByReview,
                    Stage::ReviewPassed,
                    Stage::Adopted,
                ],
                "终止制定",
            )?;
            not_in_future(on, ctx)?;
            let reason = required(
                &reason,
                "normative.withdraw_reason_missing",
                "请说明终止制定的理由",
            )?;
            next.stage = Stage::Withdrawn;
            next.ending = Some(Ending {
                on,
                reason: reason.clone(),
                campaign_id: None,
            });
            ("normative.withdrawn", on, vec![("reason", reason)])
        }
    };
    let event = event(&next, kind, on, fields, ctx)?;
    Ok((next, event))
}

/// The public comment gate before legality review: a document affecting the public must have
/// been out for comment (closed, every comment answered) unless exempted with a reason
/// (37号, 公开征求意见 \[memory\]). Any comment held must be closed and fully answered.
fn comment_gate(doc: &NormativeDocument) -> Result<(), Refusal> {
    match &doc.public_comment {
        Some(c) => {
            if c.closed_on.is_none() {
                return Err(wrong_stage(doc, "送合法性审核（征求意见尚未结束）"));
            }
            if c.unanswered() > 0 {
                return Err(Refusal::by_law(
                    "normative.comments_unanswered",
                    format!(
                        "尚有{}条公众意见未说明采纳情况，送审前应当逐条研究处理",
                        c.unanswered()
                    ),
                    guoban_37("公开征求意见"),
                ));
            }
            Ok(())
        }
        None if doc.affects_public && doc.comment_exemption.is_none() => Err(Refusal::by_law(
            "normative.public_comment_missing",
            "涉及群众切身利益或者对公民、法人和其他组织权利义务有重大影响的规范性文件，应当向社会公开征求意见（依法不予公开的除外，须说明理由）",
            guoban_37("公开征求意见"),
        )),
        None => Ok(()),
    }
}

/// The last valid day for a publication: the one asked for, or the longest the policy allows.
fn validity_end(
    doc: &NormativeDocument,
    effective_on: NaiveDate,
    asked: Option<NaiveDate>,
    ctx: &Context<'_>,
) -> Result<NaiveDate, Refusal> {
    let limit = ctx
        .policy
        .validity
        .latest_end(effective_on, doc.is_provisional())
        .ok_or_else(date_range_refusal)?;
    match asked {
        None => Ok(limit),
        Some(until) if until < effective_on => Err(Refusal::new(
            "normative.validity_before_effect",
            "有效期截止日期不得早于施行日期",
        )),
        Some(until) if until > limit => Err(validity_too_long(doc, limit, ctx)),
        Some(until) => Ok(until),
    }
}

fn validity_too_long(doc: &NormativeDocument, limit: NaiveDate, ctx: &Context<'_>) -> Refusal {
    let (years, kind) = if doc.is_provisional() {
        (
            ctx.policy.validity.provisional_max_years,
            "标注「暂行」「试行」的规范性文件",
        )
    } else {
        (ctx.policy.validity.max_years, "规范性文件")
    };
    Refusal::new(
        "normative.validity_too_long",
        format!("{kind}有效期不超过{years}年，最迟至{limit}"),
    )
}

fn pending_filing(next: &mut NormativeDocument, on: NaiveDate) -> Result<&mut Filing, Refusal> {
    let filing = next
        .filing
        .as_mut()
        .ok_or_else(|| Refusal::new("normative.not_filed", "本文件尚未报送备案"))?;
    if filing.review != FilingReview::Pending {
        return Err(Refusal::new(
            "normative.filing_already_reviewed",
            "本文件的备案审查已有结论",
        ));
    }
    if on < filing.filed_on {
        return Err(Refusal::new(
            "normative.date_order",
            format!("审查日期（{on}）不得早于报备日期（{}）", filing.filed_on),
        ));
    }
    Ok(filing)
}

/// An event's kind, date and fields, before the event is built.
type Transition = (&'static str, NaiveDate, Vec<(&'static str, String)>);

fn end_life(
    doc: &NormativeDocument,
    next: &mut NormativeDocument,
    stage: Stage,
    on: NaiveDate,
    reason: &str,
    campaign_id: Option<i64>,
    ctx: &Context<'_>,
) -> Result<Transition, Refusal> {
    let action = if stage == Stage::Repealed {
        "废止"
    } else {
        "宣布失效"
    };
    expect_stage(doc, &[Stage::Published], action)?;
    not_in_future(on, ctx)?;
    let reason = required(reason, "normative.ending_reason_missing", "请说明理由")?;
    next.stage = stage;
    next.ending = Some(Ending {
        on,
        reason: reason.clone(),
        campaign_id,
    });
    let mut fields = vec![("reason", reason)];
    if let Some(id) = campaign_id {
        fields.push(("campaign_id", id.to_string()));
    }
    let kind = if stage == Stage::Repealed {
        "normative.repealed"
    } else {
        "normative.declared_void"
    };
    Ok((kind, on, fields))
}

fn event(
    doc: &NormativeDocument,
    kind: &'static str,
    on: NaiveDate,
    fields: Vec<(&'static str, String)>,
    ctx: &Context<'_>,
) -> Result<Event, Refusal> {
    Ok(Event {
        kind,
        document_id: doc.id,
        on,
        stage: doc.stage,
        fields,
        due: doc.due_dates(ctx)?,
    })
}

fn expect_stage(doc: &NormativeDocument, allowed: &[Stage], action: &str) -> Result<(), Refusal> {
    if allowed.contains(&doc.stage) {
        Ok(())
    } else {
        Err(wrong_stage(doc, action))
    }
}

fn wrong_stage(doc: &NormativeDocument, action: &str) -> Refusal {
    Refusal::new(
        "normative.wrong_stage",
        format!("文件处于「{}」阶段，不能{}", doc.stage.label(), action),
    )
}

pub(crate) fn not_in_future(on: NaiveDate, ctx: &Context<'_>) -> Result<(), Refusal> {
    if on > ctx.today {
        Err(Refusal::new(
            "normative.date_in_future",
            format!("日期{on}晚于今天（{}），不能登记尚未发生的事项", ctx.today),
        ))
    } else {
        Ok(())
    }
}

pub(crate) fn not_before(
    on: NaiveDate,
    earliest: NaiveDate,
    what: &str,
    than: &str,
) -> Result<(), Refusal> {
    if on < earliest {
        Err(Refusal::new(
            "normative.date_order",
            format!("{what}（{on}）不得早于{than}（{earliest}）"),
        ))
    } else {
        Ok(())
    }
}

pub(crate) fn required(text: &str, code: &'static str, message: &str) -> Result<String, Refusal> {
    let text = text.trim();
    if text.is_empty() {
        Err(Refusal::new(code, message))
    } else {
        Ok(text.to_owned())
    }
}

pub(crate) fn calendar_refusal(error: calendar::CalendarError) -> Refusal {
    Refusal::new("calendar.unavailable", format!("无法计算期限：{error}"))
}

fn date_range_refusal() -> Refusal {
    Refusal::new("calendar.unavailable", "日期超出可计算范围")
}

#[cfg(test)]
mod tests;

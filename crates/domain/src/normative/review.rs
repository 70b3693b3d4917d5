//! Legality review (合法性审核) of a draft normative document: the automatic review's findings,
//! the reviewer's decision on each, and the written opinion (STATUTES.md §9.2, 国办发〔2018〕115号
//! \[memory\]). Machine findings are never a decision: the reviewer accepts, edits or rejects
//! every one of them before an opinion can be recorded.

use calendar::NaiveDate;

/// How serious an automatic finding is (the severities of `legaltext`'s review rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Severity {
    /// The clause is unlawful as written (e.g. it sets a licence or a penalty).
    Error,
    /// The reviewer should look; often a drafting or procedure defect.
    Warning,
    /// For information only.
    Info,
}

impl Severity {
    /// Stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "违法",
            Severity::Warning => "提示",
            Severity::Info => "参考",
        }
    }
}

/// One finding of the automatic review (智能审查), copied from `legaltext`'s review by the
/// caller so that the domain does not depend on the parser.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AutomaticFinding {
    /// The rule's id, e.g. `creates_penalty`.
    pub rule: String,
    /// Severity.
    pub severity: Severity,
    /// Where, e.g. 第七条第二款; empty for document-wide findings.
    pub location: String,
    /// The text concerned.
    pub excerpt: String,
    /// The explanation.
    pub message: String,
    /// The legal basis the rule cites.
    pub basis: String,
}

/// The reviewer's decision on one automatic finding.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Disposition {
    /// Not yet decided.
    Pending,
    /// The finding stands as written.
    Accepted,
    /// The finding stands, reworded by the reviewer.
    Edited {
        /// The reviewer's wording.
        message: String,
    },
    /// The finding is wrong (a false alarm).
    Rejected {
        /// Why.
        reason: String,
    },
}

impl Disposition {
    /// Stable code.
    pub fn as_str(&self) -> &'static str {
        match self {
            Disposition::Pending => "pending",
            Disposition::Accepted => "accepted",
            Disposition::Edited { .. } => "edited",
            Disposition::Rejected { .. } => "rejected",
        }
    }

    /// Whether the finding stands (accepted or edited).
    pub fn stands(&self) -> bool {
        matches!(self, Disposition::Accepted | Disposition::Edited { .. })
    }
}

/// A finding with the reviewer's decision.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReviewedFinding {
    /// The machine's finding, unchanged.
    pub finding: AutomaticFinding,
    /// The reviewer's decision.
    pub disposition: Disposition,
}

/// The conclusion of a written legality opinion (合法 / 应当予以修改 / 不合法).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Conclusion {
    /// 合法: may go to collective deliberation.
    Lawful,
    /// 应当予以修改: returned with the amendments to make.
    AmendmentsRequired,
    /// 不合法: returned; may not go to deliberation as it is.
    Unlawful,
}

impl Conclusion {
    /// Stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            Conclusion::Lawful => "lawful",
            Conclusion::AmendmentsRequired => "amendments_required",
            Conclusion::Unlawful => "unlawful",
        }
    }

    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Conclusion::Lawful => "合法",
            Conclusion::AmendmentsRequired => "应当予以修改",
            Conclusion::Unlawful => "不合法",
        }
    }
}

/// The written legality opinion (书面审核意见).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Opinion {
    /// The reviewer's account id.
    pub reviewer_id: i64,
    /// The reviewer's name.
    pub reviewer: String,
    /// Day given.
    pub given_on: NaiveDate,
    /// Conclusion.
    pub conclusion: Conclusion,
    /// The opinion's text (and, when returned, the amendments to make).
    pub text: String,
    /// Why the review took less than the minimum period, when it did.
    pub short_review_reason: Option<String>,
    /// Given after the longest review period (recorded, not refused).
    pub late: bool,
}

/// One round of review: a submission, the findings, and the opinion once given.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReviewRound {
    /// 1 for the first submission, then one more for each resubmission.
    pub round: u32,
    /// Day the draft was received for review (the review clock starts here).
    pub submitted_on: NaiveDate,
    /// What changed since the previous round was returned (empty in round 1).
    pub change: String,
    /// The automatic findings and the reviewer's decisions.
    pub findings: Vec<ReviewedFinding>,
    /// The opinion, once given.
    pub opinion: Option<Opinion>,
}

impl ReviewRound {
    /// Findings the reviewer has not decided yet.
    pub fn pending(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.disposition == Disposition::Pending)
            .count()
    }

    /// Error findings the reviewer let stand.
    pub fn standing_errors(&self) -> impl Iterator<Item = &ReviewedFinding> {
        self.findings
            .iter()
            .filter(|f| f.finding.severity == Severity::Error && f.disposition.stands())
    }
}

//! Legal review (法制审核) of a major enforcement decision: who may review, what is reviewed,
//! the two outcomes, and resubmission after a return.
//!
//! 行政处罚法 第五十八条: in the cases it lists, the decision may not be made without a legal
//! review, or when the review did not pass; a first-time reviewer must hold the legal profession
//! qualification. The review points and the 同意/存在问题 outcomes come from 国办发〔2018〕118号
//! (STATUTES.md §3.3, read in secondary sources only). The track here is shared by every case
//! type that needs a review: [`penalty`](super::penalty) keeps one per case.

use calendar::NaiveDate;

use crate::enforcement::officer::Officer;
use crate::enforcement::penalty_law;
use crate::refusal::Refusal;

/// The points a reviewer checks (118号 §3.3; the list is \[memory\] in STATUTES.md, so the UI
/// treats it as a checklist, not as a closed set of reasons).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum ReviewPoint {
    /// 执法主体是否合法、执法人员是否具备资格.
    Subject,
    /// 程序是否合法.
    Procedure,
    /// 事实是否清楚、证据是否合法充分.
    FactsAndEvidence,
    /// 适用法律是否准确、裁量基准运用是否适当.
    LawAndDiscretion,
    /// 是否超越职权.
    Competence,
    /// 文书是否完备规范.
    Documents,
    /// 是否涉嫌犯罪需要移送司法机关.
    Transfer,
}

impl ReviewPoint {
    /// Every point, in the order of the review form.
    pub const ALL: [ReviewPoint; 7] = [
        ReviewPoint::Subject,
        ReviewPoint::Procedure,
        ReviewPoint::FactsAndEvidence,
        ReviewPoint::LawAndDiscretion,
        ReviewPoint::Competence,
        ReviewPoint::Documents,
        ReviewPoint::Transfer,
    ];

    /// The Chinese heading on the review form.
    pub fn label(self) -> &'static str {
        match self {
            ReviewPoint::Subject => "执法主体及执法人员资格",
            ReviewPoint::Procedure => "执法程序",
            ReviewPoint::FactsAndEvidence => "事实与证据",
            ReviewPoint::LawAndDiscretion => "适用法律与裁量基准",
            ReviewPoint::Competence => "是否超越职权",
            ReviewPoint::Documents => "执法文书",
            ReviewPoint::Transfer => "是否涉嫌犯罪需要移送",
        }
    }
}

/// Why a case must be reviewed: the items of 行政处罚法 第五十八条第一款 and the department's
/// catalogue (重大执法决定法制审核目录清单).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ReviewGround {
    /// （一）涉及重大公共利益.
    MajorPublicInterest,
    /// （二）直接关系当事人或者第三人重大权益，经过听证程序.
    MajorRightsAfterHearing,
    /// （三）案件情况疑难复杂、涉及多个法律关系.
    ComplexMultipleRelations,
    /// （四）法律、法规规定应当进行法制审核的其他情形.
    RequiredByLaw,
    /// On the department's legal-review catalogue.
    OnCatalogue,
}

impl ReviewGround {
    /// The Chinese description, naming the item.
    pub fn label(self) -> &'static str {
        match self {
            ReviewGround::MajorPublicInterest => "涉及重大公共利益（第五十八条第一款第一项）",
            ReviewGround::MajorRightsAfterHearing => {
                "直接关系当事人或者第三人重大权益，经过听证程序（第五十八条第一款第二项）"
            }
            ReviewGround::ComplexMultipleRelations => {
                "案件情况疑难复杂、涉及多个法律关系（第五十八条第一款第三项）"
            }
            ReviewGround::RequiredByLaw => {
                "法律、法规规定应当进行法制审核（第五十八条第一款第四项）"
            }
            ReviewGround::OnCatalogue => "列入本部门重大执法决定法制审核目录清单",
        }
    }
}

/// How the reviewer is qualified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ReviewerQualification {
    /// Passed the national unified legal profession exam (法律职业资格).
    LegalProfession,
    /// Already doing legal review before the 2021 law took effect (2021-07-15): 第五十八条第二款
    /// asks the exam only of first-time reviewers.
    ReviewingBefore2021,
    /// Neither.
    None,
}

/// A reviewer who may sign a legal review opinion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QualifiedReviewer {
    id: i64,
    name: String,
}

impl QualifiedReviewer {
    /// 行政处罚法 第五十八条第二款: 初次从事行政处罚决定法制审核的，应当通过国家统一法律职业资格考试
    /// 取得法律职业资格.
    pub fn new(id: i64, name: &str, qualification: ReviewerQualification) -> Result<Self, Refusal> {
        match qualification {
            ReviewerQualification::LegalProfession | ReviewerQualification::ReviewingBefore2021 => {
                Ok(QualifiedReviewer {
                    id,
                    name: name.to_owned(),
                })
            }
            ReviewerQualification::None => Err(unqualified(name)),
        }
    }

    /// A reviewer from the officer roster, by its legal-review qualification column.
    pub fn from_officer(officer: &Officer) -> Result<Self, Refusal> {
        if officer.legal_review_qualified {
            Ok(QualifiedReviewer {
                id: officer.id,
                name: officer.name.clone(),
            })
        } else {
            Err(unqualified(&officer.name))
        }
    }

    /// Store id of the reviewer.
    pub fn id(&self) -> i64 {
        self.id
    }

    /// Name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

fn unqualified(name: &str) -> Refusal {
    Refusal::by_law(
        "legal_review.reviewer_not_qualified",
        format!(
            "{name}不具备法制审核资格：初次从事行政处罚决定法制审核的人员应当取得法律职业资格（《中华人民共和国行政处罚法》第五十八条第二款）"
        ),
        penalty_law("第五十八条第二款"),
    )
}

/// One problem the reviewer found, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Finding {
    /// The review point.
    pub point: ReviewPoint,
    /// What is wrong and what to change, in Chinese.
    pub reason: String,
}

/// The reviewer's written opinion.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Opinion {
    /// 同意.
    Approve,
    /// 存在问题, with the findings.
    Problems(Vec<Finding>),
}

/// A signed opinion, as the case keeps it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReviewRecord {
    /// Reviewer's store id.
    pub reviewer_id: i64,
    /// Reviewer's name.
    pub reviewer_name: String,
    /// Date of the opinion.
    pub reviewed_on: NaiveDate,
    /// Submission round it answers (1 for the first submission).
    pub round: u32,
    /// The opinion.
    pub opinion: Opinion,
}

/// Where a case stands in legal review (送审 → 审核 → 同意 | 存在问题 → 修改 → 再次送审).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ReviewTrack {
    /// Not submitted (or reset by a new notice).
    #[default]
    NotSubmitted,
    /// Submitted and waiting for an opinion.
    Submitted {
        /// Submission date.
        on: NaiveDate,
        /// Round, from 1.
        round: u32,
        /// What changed since the last return (empty on the first round).
        change: String,
    },
    /// Returned with problems; must be changed and resubmitted.
    Returned(ReviewRecord),
    /// Approved (同意).
    Passed(ReviewRecord),
}

impl ReviewTrack {
    /// Whether the review has passed.
    pub fn passed(&self) -> bool {
        matches!(self, ReviewTrack::Passed(_))
    }

    /// The latest signed opinion, if any.
    pub fn last_record(&self) -> Option<&ReviewRecord> {
        match self {
            ReviewTrack::Returned(r) | ReviewTrack::Passed(r) => Some(r),
            _ => None,
        }
    }
}

/// Submits (or resubmits) for review. A returned case must say what was changed: resubmitting
/// the same file unchanged would make the review a formality (118号: 承办机构修改后再次送审).
pub fn submit(track: &ReviewTrack, on: NaiveDate, change: &str) -> Result<ReviewTrack, Refusal> {
    match track {
        ReviewTrack::NotSubmitted => Ok(ReviewTrack::Submitted {
            on,
            round: 1,
            change: change.trim().to_owned(),
        }),
        ReviewTrack::Returned(record) => {
            if change.trim().is_empty() {
                return Err(Refusal::new(
                    "legal_review.resubmitted_unchanged",
                    "法制审核意见为「存在问题」，须说明根据审核意见所作的修改后方可再次送审",
                ));
            }
            if on < record.reviewed_on {
                return Err(Refusal::new(
                    "legal_review.date_before_opinion",
                    "再次送审日期不得早于审核意见日期",
                ));
            }
            Ok(ReviewTrack::Submitted {
                on,
                round: record.round + 1,
                change: change.trim().to_owned(),
            })
        }
        ReviewTrack::Submitted { .. } => Err(Refusal::new(
            "legal_review.already_submitted",
            "案件已送法制审核，尚未出具审核意见",
        )),
        ReviewTrack::Passed(_) => Err(Refusal::new(
            "legal_review.already_passed",
            "法制审核已通过，无需再次送审",
        )),
    }
}

/// Records the reviewer's opinion on a submitted case.
///
/// `investigator_ids` are the case's investigators: the reviewer must not be one of them, since
/// a review by the people who made the file is no review (118号 places it in a separate legal
/// office; a practice rule, not an article).
pub fn record_opinion(
    track: &ReviewTrack,
    reviewer: &QualifiedReviewer,
    on: NaiveDate,
    opinion: Opinion,
    investigator_ids: &[i64],
) -> Result<ReviewTrack, Refusal> {
    let (submitted_on, round) = match track {
        ReviewTrack::Submitted { on, round, .. } => (*on, *round),
        _ => {
            return Err(Refusal::new(
                "legal_review.not_submitted",
                "案件未送法制审核，不能出具审核意见",
            ));
        }
    };
    if on < submitted_on {
        return Err(Refusal::new(
            "legal_review.date_before_submission",
            "审核意见日期不得早于送审日期",
        ));
    }
    if investigator_ids.contains(&reviewer.id) {
        return Err(Refusal::new(
            "legal_review.reviewer_is_investigator",
            format!("{}是本案调查人员，不得担任本案法制审核人员", reviewer.name),
        ));
    }
    if let Opinion::Problems(findings) = &opinion
        && (findings.is_empty() || findings.iter().any(|f| f.reason.trim().is_empty()))
    {
        return Err(Refusal::new(
            "legal_review.problems_without_reasons",
            "审核意见为「存在问题」的，应当逐项写明问题和理由",
        ));
    }
    let record = ReviewRecord {
        reviewer_id: reviewer.id,
        reviewer_name: reviewer.name.clone(),
        reviewed_on: on,
        round,
        opinion,
    };
    Ok(match record.opinion {
        Opinion::Approve => ReviewTrack::Passed(record),
        Opinion::Problems(_) => ReviewTrack::Returned(record),
    })
}

/// 行政处罚法 第五十八条第一款: whether a review is required, and why. `grounds` are those
/// recorded on the case; `on_catalogue` says whether its matter is on the department's catalogue.
pub fn required_grounds(grounds: &[ReviewGround], on_catalogue: bool) -> Vec<ReviewGround> {
    let mut all: Vec<ReviewGround> = grounds.to_vec();
    if on_catalogue && !all.contains(&ReviewGround::OnCatalogue) {
        all.push(ReviewGround::OnCatalogue);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enforcement::officer::tests::{d, officer};

    fn reviewer() -> QualifiedReviewer {
        QualifiedReviewer::new(9, "周律", ReviewerQualification::LegalProfession).unwrap()
    }

    #[test]
    fn reviewer_needs_qualification_art_58() {
        let refusal = QualifiedReviewer::new(9, "周律", ReviewerQualification::None).unwrap_err();
        assert_eq!(refusal.code, "legal_review.reviewer_not_qualified");
        assert!(refusal.message.contains("第五十八条第二款"));
        assert!(
            QualifiedReviewer::new(9, "周律", ReviewerQualification::ReviewingBefore2021).is_ok()
        );
        let mut o = officer(3, "陈静");
        assert!(QualifiedReviewer::from_officer(&o).is_err());
        o.legal_review_qualified = true;
        assert_eq!(QualifiedReviewer::from_officer(&o).unwrap().id(), 3);
    }

    #[test]
    fn returned_case_must_be_resubmitted_after_change() {
        let t = submit(&ReviewTrack::NotSubmitted, d(2025, 3, 3), "").unwrap();
        let problems = Opinion::Problems(vec![Finding {
            point: ReviewPoint::LawAndDiscretion,
            reason: "罚款数额超出裁量基准".into(),
        }]);
        let t = record_opinion(&t, &reviewer(), d(2025, 3, 5), problems, &[1, 2]).unwrap();
        assert!(matches!(t, ReviewTrack::Returned(_)));
        assert!(!t.passed());
        let refusal = submit(&t, d(2025, 3, 6), "  ").unwrap_err();
        assert_eq!(refusal.code, "legal_review.resubmitted_unchanged");
        let t = submit(&t, d(2025, 3, 6), "按基准调整罚款数额").unwrap();
        assert!(matches!(t, ReviewTrack::Submitted { round: 2, .. }));
        let t = record_opinion(&t, &reviewer(), d(2025, 3, 7), Opinion::Approve, &[1, 2]).unwrap();
        assert!(t.passed());
        assert_eq!(t.last_record().unwrap().round, 2);
        assert_eq!(
            submit(&t, d(2025, 3, 8), "x").unwrap_err().code,
            "legal_review.already_passed"
        );
    }

    #[test]
    fn problems_need_reasons_and_reviewer_is_independent() {
        let t = submit(&ReviewTrack::NotSubmitted, d(2025, 3, 3), "").unwrap();
        let refusal = record_opinion(
            &t,
            &reviewer(),
            d(2025, 3, 4),
            Opinion::Problems(vec![]),
            &[],
        )
        .unwrap_err();
        assert_eq!(refusal.code, "legal_review.problems_without_reasons");
        let refusal =
            record_opinion(&t, &reviewer(), d(2025, 3, 4), Opinion::Approve, &[9]).unwrap_err();
        assert_eq!(refusal.code, "legal_review.reviewer_is_investigator");
        let refusal =
            record_opinion(&t, &reviewer(), d(2025, 3, 2), Opinion::Approve, &[]).unwrap_err();
        assert_eq!(refusal.code, "legal_review.date_before_submission");
        let refusal = record_opinion(
            &ReviewTrack::NotSubmitted,
            &reviewer(),
            d(2025, 3, 4),
            Opinion::Approve,
            &[],
        )
        .unwrap_err();
        assert_eq!(refusal.code, "legal_review.not_submitted");
    }

    #[test]
    fn catalogue_adds_a_ground() {
        assert!(required_grounds(&[], false).is_empty());
        assert_eq!(required_grounds(&[], true), vec![ReviewGround::OnCatalogue]);
        assert_eq!(ReviewPoint::ALL.len(), 7);
    }
}

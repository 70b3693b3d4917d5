//! Inspections (行政检查): planned → conducted → result recorded (合格 / 责令改正 / 立案移送) →
//! closed, linkable to the penalty case an inspection gives rise to.
//!
//! Simpler than a penalty case: the only statutory point carried here is that officers act in
//! pairs with valid certificates (the same [`InvestigationTeam`] as 行政处罚法 第四十二条 asks
//! for investigations, since an inspection's findings become a case's evidence).

use calendar::NaiveDate;

use crate::enforcement::officer::InvestigationTeam;
use crate::enforcement::penalty::TeamMember;
use crate::refusal::Refusal;

/// Stages of an inspection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InspectionStage {
    /// 计划.
    Planned,
    /// 已实施.
    Conducted,
    /// 已记录结果.
    ResultRecorded,
    /// 已办结.
    Closed,
}

/// The result of an inspection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InspectionResult {
    /// 合格 / 未发现问题.
    Compliant,
    /// 责令改正, by a date.
    OrderedToRectify {
        /// Rectification deadline.
        by: NaiveDate,
    },
    /// 立案 (a penalty case follows) or 移送 (to another body).
    CaseOrTransfer,
}

/// An inspection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    /// Store id.
    pub id: i64,
    /// Inspected target's store id.
    pub target_id: i64,
    /// Planned day.
    pub planned_on: NaiveDate,
    /// Seed of the random inspection draw that chose it, if any.
    pub draw_seed: Option<u64>,
    /// Stage.
    pub stage: InspectionStage,
    /// Officers who conducted it.
    pub team: Vec<TeamMember>,
    /// Conducted on.
    pub conducted_on: Option<NaiveDate>,
    /// Findings.
    pub findings: String,
    /// Result.
    pub result: Option<InspectionResult>,
    /// The penalty case opened from it.
    pub penalty_case_id: Option<i64>,
    /// The body it was transferred to.
    pub transferred_to: Option<String>,
    /// Rectification verified on (复查).
    pub rectified_on: Option<NaiveDate>,
    /// Closed on.
    pub closed_on: Option<NaiveDate>,
}

/// A change to an inspection.
#[derive(Debug, Clone, PartialEq)]
pub enum InspectionCommand {
    /// Record that the inspection took place.
    Conduct {
        /// Day.
        on: NaiveDate,
        /// Two or more certified officers.
        team: InvestigationTeam,
        /// What was found.
        findings: String,
    },
    /// Record the result.
    RecordResult {
        /// Result.
        result: InspectionResult,
    },
    /// Link the penalty case opened from this inspection.
    LinkPenaltyCase {
        /// Penalty case store id.
        case_id: i64,
    },
    /// Record a transfer to another body.
    Transfer {
        /// Receiving body.
        to: String,
    },
    /// Record that a rectification was verified.
    VerifyRectification {
        /// Day.
        on: NaiveDate,
    },
    /// Close.
    Close {
        /// Day.
        on: NaiveDate,
    },
}

/// What the lead records for an inspection transition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectionEvent {
    /// Stable kind, e.g. `inspection.conducted`.
    pub kind: &'static str,
    /// Inspection store id.
    pub inspection_id: i64,
    /// Day.
    pub on: NaiveDate,
    /// Facts.
    pub fields: Vec<(&'static str, String)>,
}

impl Inspection {
    /// A planned inspection.
    pub fn plan(id: i64, target_id: i64, planned_on: NaiveDate, draw_seed: Option<u64>) -> Self {
        Inspection {
            id,
            target_id,
            planned_on,
            draw_seed,
            stage: InspectionStage::Planned,
            team: Vec::new(),
            conducted_on: None,
            findings: String::new(),
            result: None,
            penalty_case_id: None,
            transferred_to: None,
            rectified_on: None,
            closed_on: None,
        }
    }
}

/// The transition function of an inspection; `today` bounds the dates.
pub fn apply_inspection(
    inspection: &Inspection,
    command: InspectionCommand,
    today: NaiveDate,
) -> Result<(Inspection, InspectionEvent), Refusal> {
    let mut next = inspection.clone();
    let wrong = |action: &str| {
        Refusal::new(
            "inspection.wrong_stage",
            format!("检查处于当前阶段，不能{action}"),
        )
    };
    let future = |on: NaiveDate| {
        if on > today {
            Err(Refusal::new(
                "inspection.date_in_future",
                format!("日期{on}晚于今天"),
            ))
        } else {
            Ok(())
        }
    };
    let (kind, on, fields) = match command {
        InspectionCommand::Conduct { on, team, findings } => {
            if inspection.stage != InspectionStage::Planned {
                return Err(wrong("登记实施"));
            }
            future(on)?;
            if team.certified_on() != on {
                return Err(Refusal::new(
                    "officer.certificate_check_stale",
                    "执法证状态须在检查当日核验",
                ));
            }
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
            next.conducted_on = Some(on);
            next.findings = findings.trim().to_owned();
            next.stage = InspectionStage::Conducted;
            (
                "inspection.conducted",
                on,
                vec![("findings", next.findings.clone())],
            )
        }
        InspectionCommand::RecordResult { result } => {
            if inspection.stage != InspectionStage::Conducted {
                return Err(wrong("记录检查结果"));
            }
            if result != InspectionResult::Compliant && inspection.findings.is_empty() {
                return Err(Refusal::new(
                    "inspection.findings_missing",
                    "发现问题的，应当记录检查发现的问题",
                ));
            }
            let code = match &result {
                InspectionResult::Compliant => "compliant".to_owned(),
                InspectionResult::OrderedToRectify { by } => format!("rectify_by:{by}"),
                InspectionResult::CaseOrTransfer => "case_or_transfer".to_owned(),
            };
            next.result = Some(result);
            next.stage = InspectionStage::ResultRecorded;
            ("inspection.result_recorded", today, vec![("result", code)])
        }
        InspectionCommand::LinkPenaltyCase { case_id } => {
            if inspection.result != Some(InspectionResult::CaseOrTransfer) {
                return Err(wrong("关联处罚案件"));
            }
            next.penalty_case_id = Some(case_id);
            (
                "inspection.penalty_case_linked",
                today,
                vec![("case_id", case_id.to_string())],
            )
        }
        InspectionCommand::Transfer { to } => {
            if inspection.result != Some(InspectionResult::CaseOrTransfer) || to.trim().is_empty() {
                return Err(wrong("登记移送"));
            }
            next.transferred_to = Some(to.trim().to_owned());
            (
                "inspection.transferred",
                today,
                vec![("to", to.trim().to_owned())],
            )
        }
        InspectionCommand::VerifyRectification { on } => {
            if !matches!(
                inspection.result,
                Some(InspectionResult::OrderedToRectify { .. })
            ) {
                return Err(wrong("登记整改复查"));
            }
            future(on)?;
            next.rectified_on = Some(on);
            ("inspection.rectification_verified", on, vec![])
        }
        InspectionCommand::Close { on } => {
            if inspection.stage != InspectionStage::ResultRecorded {
                return Err(wrong("办结"));
            }
            future(on)?;
            // An inspection that found a violation is closed only once it led somewhere.
            match &inspection.result {
                Some(InspectionResult::CaseOrTransfer)
                    if inspection.penalty_case_id.is_none()
                        && inspection.transferred_to.is_none() =>
                {
                    return Err(Refusal::new(
                        "inspection.case_not_linked",
                        "检查结果为立案或移送的，须关联处罚案件或登记移送机关后方可办结",
                    ));
                }
                Some(InspectionResult::OrderedToRectify { .. })
                    if inspection.rectified_on.is_none() =>
                {
                    return Err(Refusal::new(
                        "inspection.rectification_unverified",
                        "责令改正的，须经整改复查后方可办结；逾期未改正的应当立案",
                    ));
                }
                _ => {}
            }
            next.closed_on = Some(on);
            next.stage = InspectionStage::Closed;
            ("inspection.closed", on, vec![])
        }
    };
    let event = InspectionEvent {
        kind,
        inspection_id: inspection.id,
        on,
        fields,
    };
    Ok((next, event))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enforcement::officer::CertifiedOfficer;
    use crate::enforcement::officer::tests::{d, officer};

    fn team(on: NaiveDate) -> InvestigationTeam {
        InvestigationTeam::new(vec![
            CertifiedOfficer::certify(&officer(1, "李明"), on).unwrap(),
            CertifiedOfficer::certify(&officer(2, "王芳"), on).unwrap(),
        ])
        .unwrap()
    }

    fn run(i: &Inspection, c: InspectionCommand) -> Inspection {
        apply_inspection(i, c, d(2025, 3, 20)).unwrap().0
    }

    fn conducted(findings: &str) -> Inspection {
        let i = Inspection::plan(1, 500, d(2025, 3, 3), Some(99));
        run(
            &i,
            InspectionCommand::Conduct {
                on: d(2025, 3, 5),
                team: team(d(2025, 3, 5)),
                findings: findings.into(),
            },
        )
    }

    #[test]
    fn compliant_inspection_closes() {
        let i = run(
            &conducted(""),
            InspectionCommand::RecordResult {
                result: InspectionResult::Compliant,
            },
        );
        let i = run(&i, InspectionCommand::Close { on: d(2025, 3, 6) });
        assert_eq!(i.stage, InspectionStage::Closed);
        assert_eq!(i.team.len(), 2);
    }

    #[test]
    fn inspection_leading_to_a_case_is_linked_before_closing() {
        let i = run(
            &conducted("无照经营"),
            InspectionCommand::RecordResult {
                result: InspectionResult::CaseOrTransfer,
            },
        );
        let err = apply_inspection(
            &i,
            InspectionCommand::Close { on: d(2025, 3, 6) },
            d(2025, 3, 20),
        )
        .unwrap_err();
        assert_eq!(err.code, "inspection.case_not_linked");
        let (i, event) = apply_inspection(
            &i,
            InspectionCommand::LinkPenaltyCase { case_id: 7 },
            d(2025, 3, 20),
        )
        .unwrap();
        assert_eq!(event.fields, vec![("case_id", "7".to_owned())]);
        let i = run(&i, InspectionCommand::Close { on: d(2025, 3, 6) });
        assert_eq!(i.penalty_case_id, Some(7));
    }

    #[test]
    fn rectification_is_verified_before_closing() {
        let i = run(
            &conducted("消防通道堵塞"),
            InspectionCommand::RecordResult {
                result: InspectionResult::OrderedToRectify { by: d(2025, 3, 15) },
            },
        );
        let err = apply_inspection(
            &i,
            InspectionCommand::Close { on: d(2025, 3, 16) },
            d(2025, 3, 20),
        )
        .unwrap_err();
        assert_eq!(err.code, "inspection.rectification_unverified");
        let i = run(
            &i,
            InspectionCommand::VerifyRectification { on: d(2025, 3, 14) },
        );
        assert_eq!(
            run(&i, InspectionCommand::Close { on: d(2025, 3, 16) }).stage,
            InspectionStage::Closed
        );
    }

    #[test]
    fn inspection_needs_officers_certified_that_day_art_42() {
        let i = Inspection::plan(1, 500, d(2025, 3, 3), None);
        let err = apply_inspection(
            &i,
            InspectionCommand::Conduct {
                on: d(2025, 3, 5),
                team: team(d(2025, 3, 4)),
                findings: String::new(),
            },
            d(2025, 3, 20),
        )
        .unwrap_err();
        assert_eq!(err.code, "officer.certificate_check_stale");
        let err = apply_inspection(
            &conducted(""),
            InspectionCommand::RecordResult {
                result: InspectionResult::CaseOrTransfer,
            },
            d(2025, 3, 20),
        )
        .unwrap_err();
        assert_eq!(err.code, "inspection.findings_missing");
    }
}

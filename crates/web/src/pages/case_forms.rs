//! Penalty-case commands from submitted fields: one parser for the case page's forms and the
//! JSON API, so both say the same thing about the same input. It only reads the input; whether
//! the step is lawful now is the domain's decision (`domain::enforcement::penalty::apply`).

use calendar::{Approval, NaiveDate, Period, Suspension};
use domain::FieldErrors;
use domain::enforcement::legal_review::{
    Finding, Opinion, QualifiedReviewer, ReviewGround, ReviewPoint,
};
use domain::enforcement::officer::{CertifiedOfficer, InvestigationTeam, Officer};
use domain::enforcement::penalty::{
    Command, Complexity, DefenceFinding, ExtensionAuthority, HearingOutcome, Outcome, Penalty,
    Sanction, ServiceMethod, Stage,
};

use crate::WebError;

/// Submitted fields, in order (a key may repeat, e.g. `officer_ids`).
pub type Fields = Vec<(String, String)>;

/// The actions of the case page: (code, Chinese label), in procedural order.
pub const ACTIONS: &[(&str, &str)] = &[
    ("verify", "开始核查"),
    ("open", "立案"),
    ("decline", "不予立案"),
    ("assign", "指派执法人员"),
    ("ground", "记录法制审核情形"),
    ("mark_major", "认定为情节复杂或重大违法"),
    ("close_investigation", "调查终结"),
    ("notice", "事先告知"),
    ("defence", "记录陈述申辩"),
    ("waive", "当事人放弃陈述申辩和听证"),
    ("request_hearing", "当事人要求听证"),
    ("schedule_hearing", "通知听证"),
    ("record_hearing", "记录听证"),
    ("submit_review", "送法制审核"),
    ("review", "法制审核意见"),
    ("deliberation", "负责人集体讨论"),
    ("suspend_clock", "中止办案期限"),
    ("extend", "延长办案期限"),
    ("decide", "作出决定"),
    ("serve", "送达决定书"),
    ("pay", "记录缴纳罚款"),
    ("close", "结案"),
    ("archive", "归档"),
];

/// The label of an action code.
pub fn action_label(code: &str) -> &'static str {
    ACTIONS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, l)| *l)
        .unwrap_or("未知操作")
}

/// The actions worth offering at a stage (the domain still decides each one). `review` is
/// offered to reviewers only; the rest to case handlers.
pub fn actions_at(stage: Stage) -> Vec<&'static str> {
    use Stage::*;
    let list: &[&str] = match stage {
        ClueRegistered => &["verify", "open", "decline"],
        Verifying => &["open", "decline"],
        Opened => &["assign", "ground", "mark_major", "suspend_clock", "extend"],
        Investigating => &[
            "close_investigation",
            "ground",
            "mark_major",
            "suspend_clock",
            "extend",
        ],
        InvestigationClosed => &["notice", "decide", "ground", "mark_major", "extend"],
        Noticed => &["defence", "waive", "request_hearing", "notice", "extend"],
        HearingRequested => &["schedule_hearing", "extend"],
        HearingScheduled => &["record_hearing", "suspend_clock", "extend"],
        DefenceClosed | LegalReviewPassed => &[
            "submit_review",
            "deliberation",
            "decide",
            "notice",
            "ground",
            "extend",
        ],
        UnderLegalReview => &["review"],
        ReturnedByLegalReview => &["submit_review", "notice", "extend"],
        Decided => &["serve"],
        Served => &["pay", "close"],
        Executed => &["close"],
        Closed => &["archive"],
        NotOpened | Archived => &[],
    };
    list.to_vec()
}

/// Reads one field (trimmed; empty when absent).
pub fn field<'a>(fields: &'a Fields, name: &str) -> &'a str {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .unwrap_or("")
}

fn all<'a>(fields: &'a Fields, name: &str) -> Vec<&'a str> {
    fields
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
        .collect()
}

/// Collects field errors, then turns them into one `Invalid`.
struct Reader<'a> {
    fields: &'a Fields,
    errors: FieldErrors,
}

impl<'a> Reader<'a> {
    fn text(&mut self, name: &str, label: &str) -> String {
        let v = field(self.fields, name);
        if v.is_empty() {
            self.errors.add(name, format!("请填写{label}"));
        } else if v.chars().count() > 2000 {
            self.errors.add(name, format!("{label}不得超过2000字"));
        }
        v.to_owned()
    }

    fn optional_text(&mut self, name: &str) -> String {
        field(self.fields, name).chars().take(2000).collect()
    }

    fn date(&mut self, name: &str, label: &str) -> NaiveDate {
        let v = field(self.fields, name);
        match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            Ok(d) => d,
            Err(_) => {
                self.errors.add(name, format!("请按 年-月-日 填写{label}"));
                NaiveDate::MIN
            }
        }
    }

    /// An amount in yuan with at most two decimals, as fen; empty is `None`.
    fn yuan(&mut self, name: &str, label: &str) -> Option<i64> {
        let v = field(self.fields, name).replace([',', '，'], "");
        if v.is_empty() {
            return None;
        }
        match parse_yuan(&v) {
            Some(fen) if fen > 0 => Some(fen),
            _ => {
                self.errors
                    .add(name, format!("{label}须为大于零的金额（元，至多两位小数）"));
                None
            }
        }
    }

    fn int(&mut self, name: &str, label: &str) -> i64 {
        match field(self.fields, name).parse::<i64>() {
            Ok(n) if n > 0 => n,
            _ => {
                self.errors.add(name, format!("请填写{label}（正整数）"));
                0
            }
        }
    }

    fn choice<T: Copy>(&mut self, name: &str, label: &str, options: &[(&str, T)]) -> Option<T> {
        let v = field(self.fields, name);
        let found = options.iter().find(|(c, _)| *c == v).map(|(_, t)| *t);
        if found.is_none() {
            self.errors.add(name, format!("请选择{label}"));
        }
        found
    }

    fn checked(&self, name: &str) -> bool {
        matches!(field(self.fields, name), "true" | "on" | "1")
    }

    fn finish<T>(self, value: T) -> Result<T, WebError> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(WebError::Invalid(self.errors))
        }
    }
}

/// Parses `12`, `12.5`, `12.05` yuan into fen.
pub fn parse_yuan(text: &str) -> Option<i64> {
    let (whole, frac) = match text.split_once('.') {
        Some((w, f)) => (w, f),
        None => (text, ""),
    };
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) || frac.len() > 2 {
        return None;
    }
    if !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = format!("{frac:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(frac)
}

/// The sanctions of a notice or decision form: checkboxes and amounts.
fn penalty(r: &mut Reader<'_>) -> Penalty {
    let mut sanctions = Vec::new();
    if r.checked("warning") {
        sanctions.push(Sanction::Warning);
    }
    if r.checked("criticism") {
        sanctions.push(Sanction::Criticism);
    }
    if let Some(fen) = r.yuan("fine_yuan", "罚款金额") {
        sanctions.push(Sanction::Fine { fen });
    }
    if let Some(fen) = r.yuan("gains_yuan", "没收违法所得金额") {
        sanctions.push(Sanction::ConfiscateGains { fen });
    }
    if let Some(value_fen) = r.yuan("property_yuan", "没收非法财物价值") {
        sanctions.push(Sanction::ConfiscateProperty { value_fen });
    }
    for (name, s) in [
        ("suspend_licence", Sanction::SuspendLicence),
        ("lower_qualification", Sanction::LowerQualification),
        ("revoke_licence", Sanction::RevokeLicence),
        ("restrict_business", Sanction::RestrictBusiness),
        ("order_suspension", Sanction::OrderSuspension),
        ("order_closure", Sanction::OrderClosure),
        ("restrict_practice", Sanction::RestrictPractice),
    ] {
        if r.checked(name) {
            sanctions.push(s);
        }
    }
    if sanctions.is_empty() && !r.errors.contains("fine_yuan") {
        r.errors.add(
            "sanctions",
            "请至少选择一项处罚种类（第九条）或填写罚款金额",
        );
    }
    Penalty {
        sanctions,
        other_hearing_ground: r.checked("other_hearing_ground"),
    }
}

/// Officers of the case's department, for the team, reviewer and presiding-officer choices.
pub struct Roster<'a> {
    /// The department's officers.
    pub officers: &'a [Officer],
    /// Today, the day certificates are checked.
    pub today: NaiveDate,
}

impl Roster<'_> {
    fn find(&self, raw: &str) -> Option<&Officer> {
        let id: i64 = raw.parse().ok()?;
        self.officers.iter().find(|o| o.id == id)
    }
}

/// Parses the fields of `action` into a command.
pub fn parse_command(
    action: &str,
    fields: &Fields,
    roster: &Roster<'_>,
) -> Result<Command, WebError> {
    let mut r = Reader {
        fields,
        errors: FieldErrors::new(),
    };
    let command = match action {
        "verify" => Command::StartVerification,
        "open" => {
            let opened_on = r.date("opened_on", "立案日期");
            let complexity = r
                .choice(
                    "complexity",
                    "案件性质",
                    &[
                        ("ordinary", Complexity::Ordinary),
                        ("complex", Complexity::ComplexOrMajor),
                    ],
                )
                .unwrap_or(Complexity::Ordinary);
            Command::Open {
                opened_on,
                complexity,
            }
        }
        "decline" => Command::DeclineToOpen {
            reason: r.text("reason", "不予立案理由"),
        },
        "assign" => {
            let chosen = all(fields, "officer_ids");
            let mut certified = Vec::new();
            for raw in &chosen {
                match roster.find(raw) {
                    // 第四十二条: each investigator must hold a valid certificate today; a
                    // revoked, suspended or expired one is refused here, naming the officer.
                    Some(o) => certified.push(
                        CertifiedOfficer::certify(o, roster.today).map_err(WebError::Refused)?,
                    ),
                    None => r.errors.add("officer_ids", "所选执法人员不属于本部门"),
                }
            }
            if !r.errors.is_empty() {
                return Err(WebError::Invalid(r.errors));
            }
            let team = InvestigationTeam::new(certified).map_err(WebError::Refused)?;
            Command::AssignInvestigators { team }
        }
        "ground" => {
            let ground = r.choice(
                "ground",
                "法制审核情形",
                &[
                    ("major_public_interest", ReviewGround::MajorPublicInterest),
                    ("complex_multiple", ReviewGround::ComplexMultipleRelations),
                    ("required_by_law", ReviewGround::RequiredByLaw),
                ],
            );
            return r.finish(()).map(|_| Command::AddReviewGround {
                ground: ground.unwrap_or(ReviewGround::RequiredByLaw),
            });
        }
        "mark_major" => Command::MarkComplexOrMajor,
        "close_investigation" => Command::CloseInvestigation {
            closed_on: r.date("closed_on", "调查终结日期"),
        },
        "notice" => {
            let served_on = r.date("served_on", "告知书送达日期");
            let proposal = penalty(&mut r);
            Command::IssueNotice {
                served_on,
                proposal,
                facts: r.text("facts", "违法事实"),
                basis: r.text("basis", "处罚依据"),
            }
        }
        "defence" => {
            let received_on = r.date("received_on", "陈述申辩日期");
            let summary = r.text("summary", "陈述申辩要点");
            let finding = r
                .choice(
                    "finding",
                    "复核结论",
                    &[
                        ("adopted", DefenceFinding::Adopted),
                        ("partly", DefenceFinding::PartlyAdopted),
                        ("not_adopted", DefenceFinding::NotAdopted),
                    ],
                )
                .unwrap_or(DefenceFinding::NotAdopted);
            Command::RecordDefence {
                received_on,
                summary,
                finding,
            }
        }
        "waive" => Command::WaiveDefence {
            on: r.date("on", "放弃日期"),
        },
        "request_hearing" => Command::RequestHearing {
            requested_on: r.date("requested_on", "要求听证日期"),
        },
        "schedule_hearing" => {
            let notified_on = r.date("notified_on", "听证通知送达日期");
            let hearing_on = r.date("hearing_on", "听证日期");
            let presiding = field(fields, "presiding_officer_id");
            let presiding_officer_id = match roster.find(presiding) {
                Some(o) => o.id,
                None => {
                    r.errors
                        .add("presiding_officer_id", "请选择本部门的听证主持人");
                    0
                }
            };
            Command::ScheduleHearing {
                notified_on,
                hearing_on,
                presiding_officer_id,
            }
        }
        "record_hearing" => {
            let held_on = r.date("held_on", "听证日期");
            let outcome = r
                .choice(
                    "hearing_outcome",
                    "听证结果",
                    &[
                        ("held", HearingOutcome::Held),
                        ("absent", HearingOutcome::PartyAbsent),
                        ("withdrew", HearingOutcome::PartyWithdrew),
                    ],
                )
                .unwrap_or(HearingOutcome::Held);
            Command::RecordHearing { held_on, outcome }
        }
        "submit_review" => Command::SubmitForLegalReview {
            on: r.date("on", "送审日期"),
            change: r.optional_text("change"),
        },
        "review" => {
            let on = r.date("on", "审核日期");
            let reviewer = match roster.find(field(fields, "reviewer_officer_id")) {
                // 第五十八条第二款: the reviewer must hold 法律职业资格 (first-time reviewers).
                Some(o) => Some(QualifiedReviewer::from_officer(o).map_err(WebError::Refused)?),
                None => {
                    r.errors
                        .add("reviewer_officer_id", "请选择本部门的法制审核人员");
                    None
                }
            };
            let opinion = match field(fields, "opinion") {
                "approve" => Opinion::Approve,
                "problems" => {
                    let findings: Vec<Finding> = REVIEW_POINT_FIELDS
                        .iter()
                        .filter_map(|(name, point)| {
                            let reason = field(fields, name);
                            (!reason.is_empty()).then(|| Finding {
                                point: *point,
                                reason: reason.chars().take(2000).collect(),
                            })
                        })
                        .collect();
                    if findings.is_empty() {
                        r.errors.add(
                            "opinion",
                            "存在问题的，请至少在一个审核要点下写明问题和理由",
                        );
                    }
                    Opinion::Problems(findings)
                }
                _ => {
                    r.errors.add("opinion", "请选择审核意见：同意或存在问题");
                    Opinion::Approve
                }
            };
            let Some(reviewer) = reviewer else {
                return Err(WebError::Invalid(r.errors));
            };
            Command::RecordLegalReview {
                reviewer,
                on,
                opinion,
            }
        }
        "deliberation" => {
            let held_on = r.date("held_on", "讨论日期");
            let participants: Vec<String> = field(fields, "participants")
                .split(['、', ',', '，', ' ', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            if participants.is_empty() {
                r.errors
                    .add("participants", "请填写参加讨论的负责人，以顿号分隔");
            }
            Command::RecordDeliberation {
                held_on,
                participants,
                conclusion: r.text("conclusion", "讨论结论"),
            }
        }
        "suspend_clock" => {
            let from = r.date("from", "中止起始日");
            let until = r.date("until", "中止截止日");
            Command::SuspendDecisionClock {
                suspension: Suspension {
                    from,
                    until,
                    reason: r.text("reason", "中止事由"),
                },
            }
        }
        "extend" => {
            let days = r.int("days", "延长天数");
            let approved_on = r.date("approved_on", "批准日期");
            let authority = r
                .choice(
                    "authority",
                    "批准方式",
                    &[
                        ("head", ExtensionAuthority::HeadApproval),
                        ("collective", ExtensionAuthority::CollectiveDeliberation),
                    ],
                )
                .unwrap_or(ExtensionAuthority::HeadApproval);
            let reference = r.optional_text("reference");
            let days = u32::try_from(days.min(365)).unwrap_or(0);
            Command::ExtendDecisionDeadline {
                period: Period::days(days),
                approval: Approval {
                    authority: match authority {
                        ExtensionAuthority::HeadApproval => "本机关负责人".into(),
                        ExtensionAuthority::CollectiveDeliberation => "负责人集体讨论".into(),
                    },
                    approved_on,
                    reference: (!reference.is_empty()).then_some(reference),
                },
                authority,
            }
        }
        "decide" => {
            let decided_on = r.date("decided_on", "决定日期");
            let document_number = r.text("document_number", "决定书文号");
            let outcome = match field(fields, "outcome") {
                "penalty" => Outcome::Penalty(penalty(&mut r)),
                "minor" => Outcome::NoPenaltyMinor,
                "not_established" => Outcome::NoPenaltyNotEstablished,
                "transfer" => Outcome::TransferToJudiciary {
                    to: r.text("transfer_to", "移送机关"),
                },
                _ => {
                    r.errors.add("outcome", "请选择处理结果（第五十七条）");
                    Outcome::NoPenaltyNotEstablished
                }
            };
            Command::Decide {
                decided_on,
                document_number,
                outcome,
            }
        }
        "serve" => {
            let served_on = r.date("served_on", "送达日期");
            let method = r
                .choice(
                    "method",
                    "送达方式",
                    &[
                        ("announcement", ServiceMethod::OnAnnouncement),
                        ("in_person", ServiceMethod::InPerson),
                        ("left", ServiceMethod::LeftAtAddress),
                        ("post", ServiceMethod::Post),
                        ("publication", ServiceMethod::Publication),
                        ("electronic", ServiceMethod::Electronic),
                    ],
                )
                .unwrap_or(ServiceMethod::InPerson);
            Command::Serve {
                served_on,
                method,
                consent_signed: r.checked("consent_signed"),
            }
        }
        "pay" => {
            let paid_on = r.date("paid_on", "缴款日期");
            let fen = r.yuan("amount_yuan", "缴款金额");
            if fen.is_none() && !r.errors.contains("amount_yuan") {
                r.errors.add("amount_yuan", "请填写缴款金额");
            }
            Command::RecordPayment {
                paid_on,
                fen: fen.unwrap_or(0),
            }
        }
        "close" => Command::Close {
            closed_on: r.date("closed_on", "结案日期"),
        },
        "archive" => Command::Archive {
            archived_on: r.date("archived_on", "归档日期"),
        },
        _ => return Err(WebError::BadRequest(format!("未知的案件操作：{action}"))),
    };
    r.finish(command)
}

/// The review points of the form (审核要点, 118号 §3.3): field name and point.
pub const REVIEW_POINT_FIELDS: &[(&str, ReviewPoint)] = &[
    ("point_subject", ReviewPoint::Subject),
    ("point_procedure", ReviewPoint::Procedure),
    ("point_facts", ReviewPoint::FactsAndEvidence),
    ("point_law", ReviewPoint::LawAndDiscretion),
    ("point_competence", ReviewPoint::Competence),
    ("point_documents", ReviewPoint::Documents),
    ("point_transfer", ReviewPoint::Transfer),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn f(pairs: &[(&str, &str)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn roster() -> Vec<Officer> {
        Vec::new()
    }

    #[test]
    fn yuan_amounts_parse_to_fen() {
        assert_eq!(parse_yuan("800"), Some(80_000));
        assert_eq!(parse_yuan("800.5"), Some(80_050));
        assert_eq!(parse_yuan("0.05"), Some(5));
        assert_eq!(parse_yuan("1.234"), None);
        assert_eq!(parse_yuan("-3"), None);
        assert_eq!(parse_yuan("三百"), None);
        assert_eq!(parse_yuan(""), None);
    }

    #[test]
    fn notice_without_sanction_is_a_field_error() {
        let officers = roster();
        let r = Roster {
            officers: &officers,
            today: NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
        };
        let err = parse_command(
            "notice",
            &f(&[("served_on", "2026-03-09"), ("facts", "x"), ("basis", "y")]),
            &r,
        )
        .unwrap_err();
        match err {
            WebError::Invalid(e) => assert!(e.contains("sanctions")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_offered_action_has_a_parser() {
        let officers = roster();
        let r = Roster {
            officers: &officers,
            today: NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
        };
        for (code, _) in ACTIONS {
            let result = parse_command(code, &Fields::new(), &r);
            assert!(
                !matches!(result, Err(WebError::BadRequest(_))),
                "{code} has no parser"
            );
        }
    }
}

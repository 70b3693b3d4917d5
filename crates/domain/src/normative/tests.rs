//! The procedure end to end, and one test per gate or deadline, named after the rule.

use std::sync::LazyLock;

use super::cleanup::{self, Campaign, CampaignKind, CleanupOutcome};
use super::objection::{self, Channel, Finding, Objection};
use super::*;

static POLICY: LazyLock<Policy> = LazyLock::new(Policy::defaults);

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("test date")
}

fn ctx(today: NaiveDate) -> Context<'static> {
    Context {
        today,
        calendar: Calendar::official(),
        policy: &POLICY,
    }
}

fn run(doc: &NormativeDocument, command: Command, today: NaiveDate) -> NormativeDocument {
    match apply(doc, command, &ctx(today)) {
        Ok((next, _)) => next,
        Err(r) => panic!("refused: {} {}", r.code, r.message),
    }
}

fn refuse(doc: &NormativeDocument, command: Command, today: NaiveDate) -> Refusal {
    apply(doc, command, &ctx(today)).expect_err("expected a refusal")
}

const DRAFTER: i64 = 7;
const REVIEWER: i64 = 9;

/// Drafted Mon 2025-03-03 by account 7 for issuer 1.
fn drafted(title: &str, affects_public: bool) -> NormativeDocument {
    NormativeDocument::draft(
        42,
        1,
        DRAFTER,
        title,
        affects_public,
        d(2025, 3, 3),
        &ctx(d(2025, 3, 3)),
    )
    .expect("draft")
    .0
}

fn open_comment(on: NaiveDate) -> Command {
    Command::OpenPublicComment {
        on,
        channel: "县人民政府门户网站".into(),
    }
}

/// Out for comment 2025-03-03 (the 30-day period ends Wed 2025-04-02), one comment answered,
/// closed 2025-04-02.
fn commented() -> NormativeDocument {
    let doc = drafted("青山县农贸市场管理办法", true);
    let doc = run(&doc, open_comment(d(2025, 3, 3)), d(2025, 3, 3));
    let doc = run(
        &doc,
        Command::RecordComment {
            received_on: d(2025, 3, 10),
            commenter: "张三".into(),
            text: "建议明确摊位费标准".into(),
        },
        d(2025, 3, 10),
    );
    let doc = run(
        &doc,
        Command::AnswerComment {
            number: 1,
            adoption: Adoption::PartlyAdopted,
            reason: "收费标准由价格主管部门另行制定，本办法作出衔接规定".into(),
        },
        d(2025, 3, 20),
    );
    run(
        &doc,
        Command::ClosePublicComment { on: d(2025, 4, 2) },
        d(2025, 4, 2),
    )
}

fn finding(severity: Severity) -> AutomaticFinding {
    AutomaticFinding {
        rule: "creates_penalty".into(),
        severity,
        location: "第九条".into(),
        excerpt: "违反本办法的，处以五百元罚款".into(),
        message: "规范性文件不得设定行政处罚".into(),
        basis: "《中华人民共和国行政处罚法》第十六条".into(),
    }
}

fn submit(on: NaiveDate, findings: Vec<AutomaticFinding>, change: &str) -> Command {
    Command::SubmitForLegalityReview {
        on,
        findings,
        change: change.into(),
    }
}

fn opinion(on: NaiveDate, conclusion: Conclusion) -> Command {
    Command::RecordLegalityOpinion {
        reviewer_id: REVIEWER,
        reviewer: "周律".into(),
        on,
        conclusion,
        text: "经审核，该文件制定主体合法，内容符合上位法规定".into(),
        short_review_reason: None,
    }
}

/// Submitted Thu 2025-04-03 (minimum ends Fri 2025-04-11, 4 April being 清明), one warning
/// finding rejected, lawful on Mon 2025-04-14.
fn reviewed() -> NormativeDocument {
    let doc = run(
        &commented(),
        submit(d(2025, 4, 3), vec![finding(Severity::Warning)], ""),
        d(2025, 4, 3),
    );
    let doc = run(
        &doc,
        Command::DisposeFinding {
            index: 0,
            disposition: Disposition::Rejected {
                reason: "第九条系引用上位法的罚则，并未新设处罚".into(),
            },
        },
        d(2025, 4, 10),
    );
    run(
        &doc,
        opinion(d(2025, 4, 14), Conclusion::Lawful),
        d(2025, 4, 14),
    )
}

fn deliberate(on: NaiveDate, participants: &[&str], adopted: bool) -> Command {
    Command::RecordDeliberation {
        held_on: on,
        meeting: "县人民政府第12次常务会议".into(),
        participants: participants.iter().map(|p| (*p).to_owned()).collect(),
        adopted,
        conclusion: "原则通过".into(),
    }
}

fn number(sequence: u32) -> DocumentNumber {
    DocumentNumber {
        prefix: "青政规".into(),
        year: 2025,
        sequence,
    }
}

/// Adopted 2025-04-18, registered 青政规〔2025〕3号 on 2025-04-21.
fn registered() -> NormativeDocument {
    let doc = run(
        &reviewed(),
        deliberate(d(2025, 4, 18), &["县长", "副县长", "县司法局局长"], true),
        d(2025, 4, 18),
    );
    run(
        &doc,
        Command::Register {
            on: d(2025, 4, 21),
            number: next_number("青政规", 2025, &[1, 2]),
            used: vec![1, 2],
        },
        d(2025, 4, 21),
    )
}

fn publish(valid_until: Option<NaiveDate>) -> Command {
    Command::Publish {
        published_on: d(2025, 4, 22),
        effective_on: d(2025, 5, 22),
        valid_until,
        channel: "县人民政府公报".into(),
    }
}

/// Published Tue 2025-04-22, in force from 2025-05-22, valid through 2027-04-30.
fn published() -> NormativeDocument {
    run(&registered(), publish(Some(d(2027, 4, 30))), d(2025, 4, 22))
}

fn file(on: NaiveDate) -> Command {
    Command::File {
        filed_on: on,
        recipient: "青州市人民政府".into(),
    }
}

#[test]
fn procedure_end_to_end() {
    let doc = published();
    assert_eq!(doc.stage, Stage::Published);
    assert_eq!(
        doc.number.as_ref().map(ToString::to_string).as_deref(),
        Some("青政规〔2025〕3号")
    );
    assert_eq!(doc.year(), 2025);
    assert_eq!(doc.status_on(d(2025, 5, 1)), Status::NotYetInForce);
    assert_eq!(doc.status_on(d(2025, 5, 22)), Status::InForce);
    assert!(doc.is_public());
    let due = doc.due_dates(&ctx(d(2025, 4, 22))).unwrap();
    assert_eq!(due[0].rule_id, "normative_document.filing");
    assert_eq!(due[0].due, d(2025, 5, 22));
    let (doc, event) = apply(&doc, file(d(2025, 5, 20)), &ctx(d(2025, 5, 20))).unwrap();
    assert_eq!(event.kind, "normative.filed");
    assert!(event.fields.contains(&("late", "false".to_owned())));
    let doc = run(
        &doc,
        Command::AcceptFiling { on: d(2025, 6, 10) },
        d(2025, 6, 10),
    );
    assert_eq!(
        doc.filing.as_ref().map(|f| &f.review),
        Some(&FilingReview::Accepted { on: d(2025, 6, 10) })
    );
    // Only the evaluation before expiry remains open.
    let due = doc.due_dates(&ctx(d(2025, 6, 10))).unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].rule_id, "normative_document.expiry_evaluation");
    assert_eq!(due[0].due, d(2026, 10, 30));
}

#[test]
fn stage_codes_round_trip() {
    for stage in ALL_STAGES {
        assert_eq!(Stage::parse(stage.as_str()), Some(stage));
        assert!(!stage.label().is_empty());
    }
}

#[test]
fn public_comment_closes_only_after_thirty_days() {
    let doc = drafted("青山县农贸市场管理办法", true);
    let (doc, event) = apply(&doc, open_comment(d(2025, 3, 3)), &ctx(d(2025, 3, 3))).unwrap();
    assert_eq!(doc.stage, Stage::PublicComment);
    assert_eq!(event.due[0].rule_id, "normative_document.public_comment");
    assert_eq!(event.due[0].due, d(2025, 4, 2));
    let r = refuse(
        &doc,
        Command::ClosePublicComment { on: d(2025, 4, 1) },
        d(2025, 4, 1),
    );
    assert_eq!(r.code, "normative.comment_period_running");
    assert!(r.basis.is_some());
    let doc = run(
        &doc,
        Command::ClosePublicComment { on: d(2025, 4, 2) },
        d(2025, 4, 2),
    );
    assert_eq!(doc.stage, Stage::Drafting);
    // After the close no comment is taken.
    let r = refuse(
        &doc,
        Command::RecordComment {
            received_on: d(2025, 4, 3),
            commenter: String::new(),
            text: "迟到的意见".into(),
        },
        d(2025, 4, 3),
    );
    assert_eq!(r.code, "normative.wrong_stage");
}

#[test]
fn public_comment_period_is_configurable() {
    let policy = Policy {
        public_comment: Period::working_days(7),
        ..Policy::defaults()
    };
    let ctx = Context {
        today: d(2025, 3, 3),
        calendar: Calendar::official(),
        policy: &policy,
    };
    let doc = drafted("青山县农贸市场管理办法", true);
    let (doc, _) = apply(&doc, open_comment(d(2025, 3, 3)), &ctx).unwrap();
    assert_eq!(doc.public_comment.unwrap().period_ends, d(2025, 3, 12));
}

#[test]
fn public_comment_required_for_documents_affecting_the_public() {
    let doc = drafted("青山县农贸市场管理办法", true);
    let r = refuse(&doc, submit(d(2025, 3, 5), vec![], ""), d(2025, 3, 5));
    assert_eq!(r.code, "normative.public_comment_missing");
    assert_eq!(r.basis.as_ref().map(|b| b.law), Some(GUOBAN_37));
    // Exempt with a reason (涉密), it may go on.
    let r = refuse(
        &doc,
        Command::ExemptFromPublicComment { reason: " ".into() },
        d(2025, 3, 5),
    );
    assert_eq!(r.code, "normative.exemption_reason_missing");
    let doc = run(
        &doc,
        Command::ExemptFromPublicComment {
            reason: "涉及国家秘密，依法不予公开".into(),
        },
        d(2025, 3, 5),
    );
    let doc = run(&doc, submit(d(2025, 3, 5), vec![], ""), d(2025, 3, 5));
    assert_eq!(doc.stage, Stage::UnderLegalityReview);
    // An internal document that does not affect the public needs no comment.
    let internal = drafted("青山县行政规范性文件管理工作规程", false);
    assert!(
        apply(
            &internal,
            submit(d(2025, 3, 5), vec![], ""),
            &ctx(d(2025, 3, 5))
        )
        .is_ok()
    );
}

#[test]
fn every_comment_needs_an_answer_before_legality_review() {
    let doc = drafted("青山县农贸市场管理办法", true);
    let doc = run(&doc, open_comment(d(2025, 3, 3)), d(2025, 3, 3));
    let doc = run(
        &doc,
        Command::RecordComment {
            received_on: d(2025, 3, 10),
            commenter: String::new(),
            text: "建议延长营业时间".into(),
        },
        d(2025, 3, 10),
    );
    assert_eq!(
        doc.public_comment.as_ref().unwrap().comments[0].commenter,
        "匿名"
    );
    let doc = run(
        &doc,
        Command::ClosePublicComment { on: d(2025, 4, 2) },
        d(2025, 4, 2),
    );
    let r = refuse(&doc, submit(d(2025, 4, 3), vec![], ""), d(2025, 4, 3));
    assert_eq!(r.code, "normative.comments_unanswered");
    let r = refuse(
        &doc,
        Command::AnswerComment {
            number: 1,
            adoption: Adoption::NotAdopted,
            reason: String::new(),
        },
        d(2025, 4, 3),
    );
    assert_eq!(r.code, "normative.comment_answer_missing");
    let doc = run(
        &doc,
        Command::AnswerComment {
            number: 1,
            adoption: Adoption::NotAdopted,
            reason: "营业时间由市场开办者自行确定".into(),
        },
        d(2025, 4, 3),
    );
    assert!(apply(&doc, submit(d(2025, 4, 3), vec![], ""), &ctx(d(2025, 4, 3))).is_ok());
}

#[test]
fn every_automatic_finding_needs_a_disposition_before_the_opinion() {
    let doc = run(
        &commented(),
        submit(
            d(2025, 4, 3),
            vec![finding(Severity::Error), finding(Severity::Info)],
            "",
        ),
        d(2025, 4, 3),
    );
    let r = refuse(
        &doc,
        opinion(d(2025, 4, 14), Conclusion::AmendmentsRequired),
        d(2025, 4, 14),
    );
    assert_eq!(r.code, "normative.findings_pending");
    assert!(r.message.contains("2条"));
    // "Pending" is not a decision, and a rejection needs its reason.
    let r = refuse(
        &doc,
        Command::DisposeFinding {
            index: 0,
            disposition: Disposition::Pending,
        },
        d(2025, 4, 10),
    );
    assert_eq!(r.code, "normative.finding_disposition_missing");
    let r = refuse(
        &doc,
        Command::DisposeFinding {
            index: 1,
            disposition: Disposition::Rejected {
                reason: String::new(),
            },
        },
        d(2025, 4, 10),
    );
    assert_eq!(r.code, "normative.finding_rejection_reason_missing");
    let doc = run(
        &doc,
        Command::DisposeFinding {
            index: 0,
            disposition: Disposition::Edited {
                message: "第九条设定罚款，违反《中华人民共和国行政处罚法》第十六条，应当删除"
                    .into(),
            },
        },
        d(2025, 4, 10),
    );
    let doc = run(
        &doc,
        Command::DisposeFinding {
            index: 1,
            disposition: Disposition::Accepted,
        },
        d(2025, 4, 10),
    );
    let doc = run(
        &doc,
        opinion(d(2025, 4, 14), Conclusion::AmendmentsRequired),
        d(2025, 4, 14),
    );
    assert_eq!(doc.stage, Stage::ReturnedByReview);
}

#[test]
fn lawful_opinion_refused_while_an_error_finding_stands() {
    let doc = run(
        &commented(),
        submit(d(2025, 4, 3), vec![finding(Severity::Error)], ""),
        d(2025, 4, 3),
    );
    let doc = run(
        &doc,
        Command::DisposeFinding {
            index: 0,
            disposition: Disposition::Accepted,
        },
        d(2025, 4, 10),
    );
    let r = refuse(
        &doc,
        opinion(d(2025, 4, 14), Conclusion::Lawful),
        d(2025, 4, 14),
    );
    assert_eq!(r.code, "normative.lawful_with_standing_error");
    assert!(r.message.contains("第九条"));
    assert_eq!(r.basis.as_ref().map(|b| b.law), Some(GUOBAN_115));
}

#[test]
fn returned_draft_is_fixed_and_resubmitted() {
    let doc = run(
        &commented(),
        submit(d(2025, 4, 3), vec![], ""),
        d(2025, 4, 3),
    );
    let doc = run(
        &doc,
        opinion(d(2025, 4, 14), Conclusion::Unlawful),
        d(2025, 4, 14),
    );
    assert_eq!(doc.stage, Stage::ReturnedByReview);
    assert_eq!(doc.status_on(d(2025, 4, 14)), Status::Draft);
    // Returned drafts may not go to deliberation.
    let r = refuse(
        &doc,
        deliberate(d(2025, 4, 15), &["县长", "副县长"], true),
        d(2025, 4, 15),
    );
    assert_eq!(r.code, "normative.legality_review_missing");
    let r = refuse(&doc, submit(d(2025, 4, 16), vec![], "  "), d(2025, 4, 16));
    assert_eq!(r.code, "normative.resubmission_without_change");
    let doc = run(
        &doc,
        submit(d(2025, 4, 16), vec![], "删除第九条罚款规定"),
        d(2025, 4, 16),
    );
    assert_eq!(doc.reviews.len(), 2);
    assert_eq!(doc.current_review().unwrap().round, 2);
    let doc = run(
        &doc,
        opinion(d(2025, 4, 24), Conclusion::Lawful),
        d(2025, 4, 24),
    );
    assert_eq!(doc.stage, Stage::ReviewPassed);
}

#[test]
fn legality_review_required_before_deliberation() {
    let doc = commented();
    let r = refuse(
        &doc,
        deliberate(d(2025, 4, 3), &["县长", "副县长"], true),
        d(2025, 4, 3),
    );
    assert_eq!(r.code, "normative.legality_review_missing");
    assert_eq!(r.basis.as_ref().map(|b| b.law), Some(GUOBAN_37));
    let under_review = run(&doc, submit(d(2025, 4, 3), vec![], ""), d(2025, 4, 3));
    let r = refuse(
        &under_review,
        deliberate(d(2025, 4, 7), &["县长", "副县长"], true),
        d(2025, 4, 7),
    );
    assert_eq!(r.code, "normative.legality_review_missing");
}

#[test]
fn deliberation_is_collective_and_a_rejection_sends_the_draft_back() {
    let doc = reviewed();
    let r = refuse(
        &doc,
        deliberate(d(2025, 4, 18), &["县长"], true),
        d(2025, 4, 18),
    );
    assert_eq!(r.code, "normative.deliberation_not_collective");
    let doc = run(
        &doc,
        deliberate(d(2025, 4, 18), &["县长", "副县长"], false),
        d(2025, 4, 18),
    );
    assert_eq!(doc.stage, Stage::Drafting);
    // The redrafted text needs a new legality review before the next meeting.
    let r = refuse(
        &doc,
        deliberate(d(2025, 4, 25), &["县长", "副县长"], true),
        d(2025, 4, 25),
    );
    assert_eq!(r.code, "normative.legality_review_missing");
}

#[test]
fn review_shorter_than_five_working_days_needs_a_reason() {
    let doc = run(
        &commented(),
        submit(d(2025, 4, 3), vec![], ""),
        d(2025, 4, 3),
    );
    // Thu 3 April + 5 working days (Fri 4 April is 清明) = Fri 11 April.
    let r = refuse(
        &doc,
        opinion(d(2025, 4, 10), Conclusion::Lawful),
        d(2025, 4, 10),
    );
    assert_eq!(r.code, "normative.review_too_short");
    assert!(r.message.contains("2025-04-11"), "{}", r.message);
    let urgent = Command::RecordLegalityOpinion {
        reviewer_id: REVIEWER,
        reviewer: "周律".into(),
        on: d(2025, 4, 10),
        conclusion: Conclusion::Lawful,
        text: "经审核，合法".into(),
        short_review_reason: Some("应对突发事件，须于4月12日前施行".into()),
    };
    let (doc, event) = apply(&doc, urgent, &ctx(d(2025, 4, 10))).unwrap();
    assert_eq!(doc.stage, Stage::ReviewPassed);
    assert!(
        event
            .fields
            .iter()
            .any(|(k, _)| *k == "short_review_reason")
    );
    assert!(
        apply(
            &run(
                &commented(),
                submit(d(2025, 4, 3), vec![], ""),
                d(2025, 4, 3)
            ),
            opinion(d(2025, 4, 11), Conclusion::Lawful),
            &ctx(d(2025, 4, 11))
        )
        .is_ok()
    );
}

#[test]
fn review_after_fifteen_working_days_is_recorded_late() {
    let doc = run(
        &commented(),
        submit(d(2025, 4, 3), vec![], ""),
        d(2025, 4, 3),
    );
    let due = doc.due_dates(&ctx(d(2025, 4, 3))).unwrap();
    assert_eq!(due[0].rule_id, "normative_document.legality_review_max");
    assert_eq!(due[0].due, d(2025, 4, 25));
    let (on_time, _) = apply(
        &doc,
        opinion(d(2025, 4, 25), Conclusion::Lawful),
        &ctx(d(2025, 4, 25)),
    )
    .unwrap();
    assert!(
        !on_time
            .current_review()
            .unwrap()
            .opinion
            .as_ref()
            .unwrap()
            .late
    );
    let (late, event) = apply(
        &doc,
        opinion(d(2025, 4, 28), Conclusion::Lawful),
        &ctx(d(2025, 4, 28)),
    )
    .unwrap();
    assert!(
        late.current_review()
            .unwrap()
            .opinion
            .as_ref()
            .unwrap()
            .late
    );
    assert!(event.fields.contains(&("late", "true".to_owned())));
}

#[test]
fn reviewer_cannot_review_own_draft() {
    let doc = run(
        &commented(),
        submit(d(2025, 4, 3), vec![], ""),
        d(2025, 4, 3),
    );
    let own = Command::RecordLegalityOpinion {
        reviewer_id: DRAFTER,
        reviewer: "起草人".into(),
        on: d(2025, 4, 14),
        conclusion: Conclusion::Lawful,
        text: "合法".into(),
        short_review_reason: None,
    };
    assert_eq!(
        refuse(&doc, own, d(2025, 4, 14)).code,
        "normative.reviewer_is_drafter"
    );
}

#[test]
fn registration_numbers_without_gaps_or_reuse() {
    let adopted = run(
        &reviewed(),
        deliberate(d(2025, 4, 18), &["县长", "副县长"], true),
        d(2025, 4, 18),
    );
    let register = |sequence, used: Vec<u32>| Command::Register {
        on: d(2025, 4, 21),
        number: number(sequence),
        used,
    };
    assert_eq!(
        refuse(&adopted, register(2, vec![1, 2]), d(2025, 4, 21)).code,
        "normative.number_duplicate"
    );
    assert_eq!(
        refuse(&adopted, register(4, vec![1, 2]), d(2025, 4, 21)).code,
        "normative.number_gap"
    );
    let wrong_year = Command::Register {
        on: d(2025, 4, 21),
        number: DocumentNumber {
            year: 2024,
            ..number(3)
        },
        used: vec![],
    };
    assert_eq!(
        refuse(&adopted, wrong_year, d(2025, 4, 21)).code,
        "normative.number_year_mismatch"
    );
    let (doc, event) = apply(&adopted, register(3, vec![1, 2]), &ctx(d(2025, 4, 21))).unwrap();
    assert_eq!(doc.stage, Stage::Registered);
    assert!(
        event
            .fields
            .contains(&("number", "青政规〔2025〕3号".to_owned()))
    );
    // Before adoption there is nothing to register.
    assert_eq!(
        refuse(&reviewed(), register(3, vec![1, 2]), d(2025, 4, 21)).code,
        "normative.wrong_stage"
    );
}

#[test]
fn validity_defaults_to_five_years() {
    let doc = run(&registered(), publish(None), d(2025, 4, 22));
    // In force from 2025-05-22: valid through 2030-05-21.
    assert_eq!(
        doc.publication.as_ref().unwrap().valid_until,
        d(2030, 5, 21)
    );
}

#[test]
fn validity_longer_than_five_years_is_refused() {
    let r = refuse(&registered(), publish(Some(d(2030, 5, 22))), d(2025, 4, 22));
    assert_eq!(r.code, "normative.validity_too_long");
    assert!(r.message.contains("5年"));
    assert!(
        apply(
            &registered(),
            publish(Some(d(2030, 5, 21))),
            &ctx(d(2025, 4, 22))
        )
        .is_ok()
    );
}

#[test]
fn provisional_document_valid_at_most_two_years() {
    let mut doc = registered();
    doc.title = "青山县农贸市场管理暂行办法".into();
    assert!(doc.is_provisional());
    let r = refuse(&doc, publish(Some(d(2027, 5, 22))), d(2025, 4, 22));
    assert_eq!(r.code, "normative.validity_too_long");
    let doc = run(&doc, publish(None), d(2025, 4, 22));
    assert_eq!(doc.publication.unwrap().valid_until, d(2027, 5, 21));
}

#[test]
fn validity_limit_is_configurable() {
    let policy = Policy {
        validity: ValidityPolicy {
            max_years: 3,
            provisional_max_years: 1,
        },
        ..Policy::defaults()
    };
    let ctx = Context {
        today: d(2025, 4, 22),
        calendar: Calendar::official(),
        policy: &policy,
    };
    let (doc, _) = apply(&registered(), publish(None), &ctx).unwrap();
    assert_eq!(doc.publication.unwrap().valid_until, d(2028, 5, 21));
    // 29 February has no anniversary: the month's last day (民法典 第二百零二条), less one.
    assert_eq!(
        ValidityPolicy::DEFAULT.latest_end(d(2024, 2, 29), false),
        Some(d(2029, 2, 27))
    );
}

#[test]
fn effective_date_before_publication_is_refused() {
    let command = Command::Publish {
        published_on: d(2025, 4, 22),
        effective_on: d(2025, 4, 1),
        valid_until: None,
        channel: "县人民政府公报".into(),
    };
    let r = refuse(&registered(), command, d(2025, 4, 22));
    assert_eq!(r.code, "normative.effective_before_publication");
    assert!(r.basis.is_some());
}

#[test]
fn filing_within_thirty_days_is_on_time() {
    let doc = run(&published(), file(d(2025, 5, 22)), d(2025, 5, 22));
    assert!(!doc.filing.unwrap().late);
}

#[test]
fn filing_after_thirty_days_is_recorded_late() {
    // Published 2025-04-22: due 2025-05-22. A late filing is still owed, so it is taken.
    let (doc, event) = apply(&published(), file(d(2025, 5, 23)), &ctx(d(2025, 5, 23))).unwrap();
    assert!(doc.filing.as_ref().unwrap().late);
    assert!(event.fields.contains(&("late", "true".to_owned())));
    assert!(event.fields.contains(&("due", "2025-05-22".to_owned())));
    assert_eq!(
        refuse(&doc, file(d(2025, 5, 24)), d(2025, 5, 24)).code,
        "normative.already_filed"
    );
}

#[test]
fn filing_review_correction_is_tracked_to_done() {
    let doc = run(&published(), file(d(2025, 5, 20)), d(2025, 5, 20));
    let r = refuse(
        &doc,
        Command::RecordCorrection {
            on: d(2025, 6, 1),
            action: CorrectionAction::Repealed,
        },
        d(2025, 6, 1),
    );
    assert_eq!(r.code, "normative.no_correction_demanded");
    let (doc, event) = apply(
        &doc,
        Command::DemandCorrection {
            on: d(2025, 6, 3),
            reasons: "第九条增设罚款，违反上位法".into(),
        },
        &ctx(d(2025, 6, 3)),
    )
    .unwrap();
    assert_eq!(
        event
            .due
            .iter()
            .find(|i| i.rule_id == "normative_document.filing_correction")
            .map(|i| i.due),
        Some(d(2025, 7, 3))
    );
    // A second review outcome is refused while the first stands.
    assert_eq!(
        refuse(
            &doc,
            Command::AcceptFiling { on: d(2025, 6, 4) },
            d(2025, 6, 4)
        )
        .code,
        "normative.filing_already_reviewed"
    );
    let doc = run(
        &doc,
        Command::RecordCorrection {
            on: d(2025, 6, 20),
            action: CorrectionAction::Amended {
                summary: "以青政规〔2025〕5号删除第九条".into(),
            },
        },
        d(2025, 6, 20),
    );
    assert_eq!(doc.stage, Stage::Published);
    assert!(matches!(
        doc.filing.as_ref().unwrap().review,
        FilingReview::Corrected { late: false, .. }
    ));
    assert!(
        doc.due_dates(&ctx(d(2025, 6, 20)))
            .unwrap()
            .iter()
            .all(|i| i.rule_id != "normative_document.filing_correction")
    );
}

#[test]
fn correction_after_thirty_days_is_recorded_late() {
    let doc = run(&published(), file(d(2025, 5, 20)), d(2025, 5, 20));
    let doc = run(
        &doc,
        Command::DemandCorrection {
            on: d(2025, 6, 3),
            reasons: "违反上位法".into(),
        },
        d(2025, 6, 3),
    );
    let (doc, event) = apply(
        &doc,
        Command::RecordCorrection {
            on: d(2025, 7, 10),
            action: CorrectionAction::Repealed,
        },
        &ctx(d(2025, 7, 10)),
    )
    .unwrap();
    assert!(event.fields.contains(&("late", "true".to_owned())));
    assert_eq!(doc.stage, Stage::Repealed);
    assert_eq!(doc.status_on(d(2025, 7, 10)), Status::Repealed);
}

#[test]
fn validity_warning_starts_six_months_before_expiry() {
    let doc = published();
    let c = ctx(d(2027, 5, 1));
    assert_eq!(
        doc.validity_on(d(2026, 10, 29), &c).unwrap(),
        ValidityState::Valid {
            valid_until: d(2027, 4, 30)
        }
    );
    assert_eq!(
        doc.validity_on(d(2026, 10, 30), &c).unwrap(),
        ValidityState::ExpiringSoon {
            valid_until: d(2027, 4, 30),
            evaluate_by: d(2026, 10, 30)
        }
    );
    assert_eq!(
        doc.validity_on(d(2027, 5, 1), &c).unwrap(),
        ValidityState::Lapsed {
            valid_until: d(2027, 4, 30)
        }
    );
    assert_eq!(doc.status_on(d(2027, 5, 1)), Status::Expired);
}

#[test]
fn expiry_only_after_the_last_valid_day() {
    let doc = published();
    let r = refuse(&doc, Command::Expire { on: d(2027, 4, 30) }, d(2027, 4, 30));
    assert_eq!(r.code, "normative.still_valid");
    let doc = run(&doc, Command::Expire { on: d(2027, 5, 1) }, d(2027, 5, 1));
    assert_eq!(doc.stage, Stage::Expired);
    assert!(doc.due_dates(&ctx(d(2027, 5, 1))).unwrap().is_empty());
}

#[test]
fn renewal_needs_an_evaluation_and_stays_within_the_limit() {
    let doc = published();
    let renew = |until, evaluation: &str| Command::Renew {
        on: d(2026, 11, 2),
        valid_until: until,
        evaluation: evaluation.into(),
    };
    assert_eq!(
        refuse(&doc, renew(d(2029, 4, 30), ""), d(2026, 11, 2)).code,
        "normative.evaluation_missing"
    );
    assert_eq!(
        refuse(&doc, renew(d(2031, 11, 2), "继续有效"), d(2026, 11, 2)).code,
        "normative.validity_too_long"
    );
    let doc = run(
        &doc,
        renew(d(2031, 11, 1), "实施效果良好，继续施行"),
        d(2026, 11, 2),
    );
    assert_eq!(
        doc.publication.as_ref().unwrap().valid_until,
        d(2031, 11, 1)
    );
    assert_eq!(doc.renewals[0].previous_until, d(2027, 4, 30));
    let lapsed = published();
    let late = Command::Renew {
        on: d(2027, 5, 2),
        valid_until: d(2030, 1, 1),
        evaluation: "继续施行".into(),
    };
    assert_eq!(
        refuse(&lapsed, late, d(2027, 5, 2)).code,
        "normative.renewal_after_expiry"
    );
}

#[test]
fn withdrawal_only_before_registration() {
    let doc = run(
        &commented(),
        Command::Withdraw {
            on: d(2025, 4, 3),
            reason: "上位法已作规定，无需另行制定".into(),
        },
        d(2025, 4, 3),
    );
    assert_eq!(doc.stage, Stage::Withdrawn);
    let r = refuse(
        &registered(),
        Command::Withdraw {
            on: d(2025, 4, 22),
            reason: "不再需要".into(),
        },
        d(2025, 4, 22),
    );
    assert_eq!(r.code, "normative.wrong_stage");
}

#[test]
fn dates_in_the_future_are_refused() {
    let r = refuse(&published(), file(d(2025, 5, 30)), d(2025, 5, 20));
    assert_eq!(r.code, "normative.date_in_future");
}

#[test]
fn cleanup_campaign_needs_a_decision_for_every_document() {
    let c = ctx(d(2025, 9, 1));
    let (campaign, _) = Campaign::start(
        3,
        "2025年行政规范性文件集中清理",
        CampaignKind::Periodic,
        d(2025, 9, 1),
        vec![42, 43, 42, 44],
        &c,
    )
    .unwrap();
    assert_eq!(campaign.scope, [42, 43, 44]);
    let (campaign, _) = cleanup::decide(
        &campaign,
        42,
        CleanupOutcome::Repeal,
        "与修订后的上位法不一致",
        d(2025, 9, 1),
        &c,
    )
    .unwrap();
    let (campaign, _) = cleanup::decide(
        &campaign,
        43,
        CleanupOutcome::Keep,
        "符合现行规定",
        d(2025, 9, 1),
        &c,
    )
    .unwrap();
    let r = cleanup::close(&campaign, d(2025, 9, 1), &c).unwrap_err();
    assert_eq!(r.code, "normative_cleanup.undecided");
    assert_eq!(campaign.undecided(), [44]);
    let (campaign, _) = cleanup::decide(
        &campaign,
        44,
        CleanupOutcome::DeclareVoid,
        "调整对象已消失",
        d(2025, 9, 1),
        &c,
    )
    .unwrap();
    let (campaign, event) = cleanup::close(&campaign, d(2025, 9, 1), &c).unwrap();
    assert!(event.fields.contains(&("repeal", "1".to_owned())));
    assert_eq!(campaign.lists()[&CleanupOutcome::Keep], [43]);
    // A closed campaign takes no more decisions.
    assert_eq!(
        cleanup::decide(
            &campaign,
            43,
            CleanupOutcome::Amend,
            "x",
            d(2025, 9, 2),
            &ctx(d(2025, 9, 2))
        )
        .unwrap_err()
        .code,
        "normative_cleanup.closed"
    );
    // The repeal is carried onto the document.
    let command = cleanup::command_for(&campaign, 42).expect("repeal command");
    let mut doc = published();
    doc.id = 42;
    let doc = run(&doc, command, d(2025, 9, 1));
    assert_eq!(doc.stage, Stage::Repealed);
    assert_eq!(doc.ending.as_ref().unwrap().campaign_id, Some(3));
    assert!(cleanup::command_for(&campaign, 43).is_none());
}

#[test]
fn cleanup_decision_needs_a_reason_and_a_document_in_scope() {
    let c = ctx(d(2025, 9, 1));
    let (campaign, _) = Campaign::start(
        3,
        "《行政处罚法》修订专项清理",
        CampaignKind::Special {
            trigger: "《中华人民共和国行政处罚法》修订".into(),
        },
        d(2025, 9, 1),
        vec![42],
        &c,
    )
    .unwrap();
    assert_eq!(
        cleanup::decide(&campaign, 42, CleanupOutcome::Amend, " ", d(2025, 9, 1), &c)
            .unwrap_err()
            .code,
        "normative_cleanup.reason_missing"
    );
    assert_eq!(
        cleanup::decide(
            &campaign,
            99,
            CleanupOutcome::Keep,
            "符合",
            d(2025, 9, 1),
            &c
        )
        .unwrap_err()
        .code,
        "normative_cleanup.not_in_scope"
    );
    assert_eq!(
        Campaign::start(4, "清理", CampaignKind::Periodic, d(2025, 9, 1), vec![], &c)
            .unwrap_err()
            .code,
        "normative_cleanup.scope_empty"
    );
}

#[test]
fn objection_reply_after_thirty_days_is_recorded_late() {
    let doc = published();
    let c = ctx(d(2025, 9, 20));
    let (objection, event) = Objection::receive(
        5,
        &doc,
        "李四",
        "第九条增设的备案要求没有上位法依据",
        Channel::Issuer,
        d(2025, 9, 20),
        &c,
    )
    .unwrap();
    // 30 days from Sat 2025-09-20 is Mon 2025-10-20.
    assert_eq!(event.reply_due, Some(d(2025, 10, 20)));
    let (answered, _) = objection::reply(
        &objection,
        d(2025, 10, 20),
        Finding::Rejected,
        "该要求系依据《优化营商环境条例》作出",
        &ctx(d(2025, 10, 20)),
    )
    .unwrap();
    assert!(!answered.reply.unwrap().late);
    let (late, event) = objection::reply(
        &objection,
        d(2025, 10, 21),
        Finding::Upheld,
        "异议成立，将予修改",
        &ctx(d(2025, 10, 21)),
    )
    .unwrap();
    assert!(late.reply.as_ref().unwrap().late);
    assert!(event.fields.contains(&("late", "true".to_owned())));
    assert_eq!(
        objection::reply(
            &late,
            d(2025, 10, 22),
            Finding::Upheld,
            "再次答复",
            &ctx(d(2025, 10, 22))
        )
        .unwrap_err()
        .code,
        "normative_objection.already_replied"
    );
}

#[test]
fn objection_only_to_a_published_document() {
    let r = Objection::receive(
        5,
        &commented(),
        "李四",
        "理由",
        Channel::FilingBody,
        d(2025, 4, 3),
        &ctx(d(2025, 4, 3)),
    )
    .unwrap_err();
    assert_eq!(r.code, "normative_objection.not_published");
}

#[test]
fn policy_defaults_come_from_the_deadline_catalogue() {
    let p = Policy::defaults();
    assert_eq!(p.public_comment, Period::days(30));
    assert_eq!(p.review_min, Period::working_days(5));
    assert_eq!(p.review_max, Period::working_days(15));
    assert_eq!(p.filing, Period::days(30));
    assert_eq!(p.filing_correction, Period::days(30));
    assert_eq!(p.objection_reply, Period::days(30));
    assert_eq!(p.expiry_evaluation, Period::months(6));
    for id in [
        "normative_document.public_comment",
        "normative_document.legality_review_min",
        "normative_document.legality_review_max",
        "normative_document.filing",
        "normative_document.filing_correction",
        "normative_document.objection_reply",
        "normative_document.expiry_evaluation",
    ] {
        let rule = deadline_rules::rule(id).expect(id);
        assert!(
            rule.configurable.is_some(),
            "{id} is a default, so configurable"
        );
    }
}

#[test]
fn text_is_revisable_only_while_drafting_or_returned_37() {
    let doc = drafted("青山县农贸市场管理办法", true);
    assert!(doc.check_text_revisable().is_ok());
    let out = run(&doc, open_comment(d(2025, 3, 3)), d(2025, 3, 3));
    assert_eq!(
        out.check_text_revisable().unwrap_err().code,
        "normative.text_locked"
    );
    let closed = commented();
    assert!(closed.check_text_revisable().is_ok());
}

/// The indicator facts of a document (国办发〔2018〕37号, 115号): a published document counts
/// on its publication day, reviewed before its adoption, and its legality reviews count one
/// per round with an opinion.
#[test]
fn indicator_facts_count_a_published_document_on_its_publication_day() {
    use crate::indicators::Value;
    use crate::indicators::from_records::normative_facts;
    assert!(
        normative_facts(&drafted("关于规范停车收费的通知", true))
            .iter()
            .all(|f| f.record != "normative_document"),
        "a draft is not issued"
    );
    let doc = published();
    let facts = normative_facts(&doc);
    for f in &facts {
        f.check().unwrap();
    }
    let issued = facts
        .iter()
        .find(|f| f.record == "normative_document")
        .unwrap();
    assert_eq!(issued.date("issued_on"), Some(d(2025, 4, 22)));
    assert_eq!(
        issued.get("legality_reviewed"),
        Some(&Value::Bool(true)),
        "a 合法 opinion before the deliberation that adopted it"
    );
    assert_eq!(issued.get("filing_required"), Some(&Value::Bool(true)));
    assert_eq!(issued.get("filed_on"), None, "not filed yet");
    let reviews: Vec<_> = facts
        .iter()
        .filter(|f| f.record == "document_review")
        .collect();
    assert_eq!(
        reviews.len(),
        doc.reviews.iter().filter(|r| r.opinion.is_some()).count()
    );
    assert_eq!(
        reviews.last().unwrap().get("opinion"),
        Some(&Value::Text("lawful".into()))
    );
}

/// 国办发〔2018〕37号: filed within 30 days of publication is on time, later is late.
#[test]
fn indicator_facts_carry_the_filing_and_its_timeliness() {
    use crate::indicators::Value;
    use crate::indicators::from_records::normative_facts;
    for (filed_on, on_time) in [(d(2025, 5, 20), true), (d(2025, 6, 30), false)] {
        let doc = run(&published(), file(filed_on), filed_on);
        let facts = normative_facts(&doc);
        let issued = facts
            .iter()
            .find(|f| f.record == "normative_document")
            .unwrap();
        assert_eq!(issued.date("filed_on"), Some(filed_on));
        assert_eq!(issued.get("filed_on_time"), Some(&Value::Bool(on_time)));
    }
}

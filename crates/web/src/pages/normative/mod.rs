//! Normative documents (行政规范性文件) in the staff UI: the library with search, the draft form
//! (upload .docx or text, or write in the page), the document page with the procedure's forms
//! (public comment, legality review with the automatic findings beside the text, collective
//! deliberation, registration and numbering, publication, filing and filing review, renewal,
//! repeal), the list of issuing bodies, clean-up campaigns and objections.
//!
//! Scope: a department role sees and drafts the documents of the issuing bodies of its
//! department subtree and of the government (which departments draft for); every published
//! document is visible to every staff role. Out of scope answers 404.

pub mod documents;
pub mod forms;
pub mod registry;
pub mod workflow;

use std::sync::{Arc, LazyLock};

use calendar::{Calendar, NaiveDate};
use domain::normative::{
    AutomaticFinding, Disposition, FilingReview, NormativeDocument, Policy, Severity, Stage,
    ValidityState,
};
use domain::permission::Action;
use serde_json::{Value, json};
use store::{Actor, Issuer, IssuerKind, NormativeEnv, StoredDocument};

use crate::auth::CurrentUser;
use crate::{AppState, WebError};

/// Documents on one page of a list.
pub const PAGE_SIZE: i64 = 20;

/// The deployment's figures of the procedure (the catalogue's defaults).
pub static POLICY: LazyLock<Policy> = LazyLock::new(Policy::defaults);

/// What the flow needs, owned: the calendar in force and today.
pub struct Env {
    calendar: Arc<Calendar>,
    /// Today (China Standard Time).
    pub today: NaiveDate,
}

impl Env {
    /// The environment of a request.
    pub fn of(state: &AppState) -> Env {
        Env {
            calendar: state.calendar.get(),
            today: super::deadlines::today(state),
        }
    }

    /// Borrowed for the store's flow.
    pub fn flow(&self) -> NormativeEnv<'_> {
        NormativeEnv {
            calendar: &self.calendar,
            today: self.today,
            policy: &POLICY,
        }
    }
}

/// The ledger actor of a user.
pub fn actor(me: &CurrentUser) -> Actor {
    Actor {
        user_id: Some(me.user.id),
        name: me.user.display_name.clone(),
    }
}

/// Feeds the search index after a write, so that the next page finds what was saved. A failure
/// is logged, never the request's: the background task catches up.
pub async fn index_now(state: &AppState) {
    let today = super::deadlines::today(state);
    if let Err(e) = state.search.catch_up(&state.store, today).await {
        tracing::warn!("search index catch-up: {e}");
    }
}

/// The issuing bodies a user acts for: all for a role without a department; for a department
/// role, those of its department subtree and the government's own (which departments draft).
pub async fn issuers_in_scope(
    state: &AppState,
    me: &CurrentUser,
) -> Result<(Vec<Issuer>, Option<Vec<i64>>), WebError> {
    let issuers = state.store.normative_issuers(me.user.government_id).await?;
    if me.scope().department_id.is_none() {
        return Ok((issuers, None));
    }
    let (_, visible) = super::officers::visible_departments(state, me).await?;
    let ids = issuers
        .iter()
        .filter(|i| match i.input.kind {
            IssuerKind::Government => true,
            _ => i
                .input
                .department_id
                .is_some_and(|d| visible.iter().any(|v| v.id == d)),
        })
        .map(|i| i.id)
        .collect();
    Ok((issuers, Some(ids)))
}

/// Loads a document the user may see: in scope, or published. Absent and out of scope alike
/// answer "not found".
pub async fn visible_document(
    state: &AppState,
    me: &CurrentUser,
    raw_id: &str,
) -> Result<StoredDocument, WebError> {
    let id = super::org::parse_id(raw_id)?;
    let doc = state
        .store
        .normative_document(me.user.government_id, id)
        .await?;
    let (_, scope) = issuers_in_scope(state, me).await?;
    let in_scope = scope
        .as_ref()
        .is_none_or(|ids| ids.contains(&doc.document.issuer_id));
    if in_scope || doc.document.is_public() {
        Ok(doc)
    } else {
        Err(WebError::NotFound)
    }
}

/// Like [`visible_document`], but the user must act within scope (a published document of
/// another department is readable, not changeable).
pub async fn document_in_scope(
    state: &AppState,
    me: &CurrentUser,
    raw_id: &str,
) -> Result<StoredDocument, WebError> {
    let doc = visible_document(state, me, raw_id).await?;
    let (_, scope) = issuers_in_scope(state, me).await?;
    if scope
        .as_ref()
        .is_none_or(|ids| ids.contains(&doc.document.issuer_id))
    {
        Ok(doc)
    } else {
        Err(WebError::NotFound)
    }
}

/// The automatic review of a text (智能审查), as domain findings.
pub async fn automatic_findings(body: String) -> Result<Vec<AutomaticFinding>, WebError> {
    tokio::task::spawn_blocking(move || {
        let review = legaltext::review_text(&body, &super::legality_review::CORPUS);
        review
            .findings
            .into_iter()
            .map(|f| AutomaticFinding {
                rule: f.rule.to_owned(),
                severity: match f.severity {
                    legaltext::rules::Severity::Error => Severity::Error,
                    legaltext::rules::Severity::Warning => Severity::Warning,
                    legaltext::rules::Severity::Info => Severity::Info,
                },
                location: f.location,
                excerpt: f.excerpt,
                message: f.message,
                basis: f.basis.to_owned(),
            })
            .collect()
    })
    .await
    .map_err(|e| WebError::Internal(e.to_string()))
}

/// Reads an uploaded draft: a .docx or a text file (UTF-8, UTF-16 or GB18030). A corrupt or
/// binary file is refused with the reason, in Chinese.
pub fn decode_upload(bytes: &[u8]) -> Result<(String, store::TextSource), String> {
    let (text, format) = legaltext::input::decode(bytes).map_err(|e| match e {
        legaltext::input::InputError::NotText(m) => format!(
            "文件无法读取（{m}）。请上传 Word 文档（.docx）或文本文件（.txt），或在页面中直接填写正文"
        ),
        legaltext::input::InputError::Empty => "上传的文件没有正文内容".to_owned(),
        other => other.to_string(),
    })?;
    let source = match format {
        legaltext::input::SourceFormat::Docx => store::TextSource::Docx,
        legaltext::input::SourceFormat::Text => store::TextSource::Text,
    };
    Ok((normalise_text(&text), source))
}

/// Line endings to `\n`, trailing spaces off, at most one blank line in a row.
pub fn normalise_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.replace("\r\n", "\n").replace('\r', "\n").lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim().to_owned()
}

/// The longest text accepted, in characters (a normative document is a few thousand).
pub const MAX_TEXT_CHARS: usize = 200_000;

fn issuer_name(issuers: &[Issuer], id: i64) -> String {
    issuers
        .iter()
        .find(|i| i.id == id)
        .map(|i| i.input.name.clone())
        .unwrap_or_default()
}

/// The CSS class of a status.
pub fn status_class(status: &str) -> &'static str {
    match status {
        "in_force" => "ok",
        "not_yet_in_force" | "public_comment" | "under_review" | "draft" => "warn",
        "expired" | "repealed" | "void" | "withdrawn" => "bad",
        _ => "",
    }
}

/// The label of a timeline event.
pub fn event_label(kind: &str) -> &'static str {
    match kind {
        "normative.drafted" => "起草",
        "normative.text_revised" => "修改文本",
        "normative.public_comment_opened" => "公开征求意见",
        "normative.public_comment_exempted" => "免予征求意见",
        "normative.comment_recorded" => "收到公众意见",
        "normative.comment_answered" => "答复公众意见",
        "normative.public_comment_closed" => "结束征求意见",
        "normative.legality_review_submitted" => "送合法性审核",
        "normative.finding_disposed" => "处理智能审查意见",
        "normative.legality_opinion_recorded" => "出具合法性审核意见",
        "normative.deliberated" => "集体审议",
        "normative.registered" => "统一登记编号",
        "normative.published" => "公布",
        "normative.filed" => "报送备案",
        "normative.filing_accepted" => "备案审查通过",
        "normative.correction_demanded" => "备案审查要求纠正",
        "normative.corrected" => "完成纠正",
        "normative.renewed" => "延续有效期",
        "normative.expired" => "有效期届满失效",
        "normative.repealed" => "废止",
        "normative.declared_void" => "宣布失效",
        "normative.withdrawn" => "终止制定",
        _ => "其他",
    }
}

/// Events the portal shows in a document's history: its public life, not its drafting.
pub const PUBLIC_EVENTS: &[&str] = &[
    "normative.registered",
    "normative.published",
    "normative.filed",
    "normative.filing_accepted",
    "normative.correction_demanded",
    "normative.corrected",
    "normative.renewed",
    "normative.expired",
    "normative.repealed",
    "normative.declared_void",
];

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "bad",
        Severity::Warning => "warn",
        Severity::Info => "",
    }
}

fn disposition_label(d: &Disposition) -> &'static str {
    match d {
        Disposition::Pending => "待处理",
        Disposition::Accepted => "采纳",
        Disposition::Edited { .. } => "修改后采纳",
        Disposition::Rejected { .. } => "不予采纳",
    }
}

/// A document as the pages (staff and portal) show it.
pub fn document_json(stored: &StoredDocument, issuers: &[Issuer], today: NaiveDate) -> Value {
    let d = &stored.document;
    let status = d.status_on(today);
    let issuer = issuers.iter().find(|i| i.id == d.issuer_id);
    let validity = validity_json(d, today);
    json!({
        "id": d.id,
        "title": d.title,
        "stage": d.stage.as_str(),
        "stage_label": d.stage.label(),
        "status": status.as_str(),
        "status_label": status.label(),
        "status_class": status_class(status.as_str()),
        "number": d.number.as_ref().map(|n| n.to_string()),
        "issuer_id": d.issuer_id,
        "issuer_name": issuer_name(issuers, d.issuer_id),
        "filing_body": issuer.map(|i| i.input.filing_body.clone()).unwrap_or_default(),
        "drafted_on": d.drafted_on.to_string(),
        "year": d.year(),
        "affects_public": d.affects_public,
        "comment_exemption": d.comment_exemption,
        "provisional": d.is_provisional(),
        "registered_on": d.registered_on.map(|x| x.to_string()),
        "publication": d.publication.as_ref().map(|p| json!({
            "published_on": p.published_on.to_string(), "effective_on": p.effective_on.to_string(),
            "valid_until": p.valid_until.to_string(), "channel": p.channel,
        })),
        "validity": validity,
        "public_comment": d.public_comment.as_ref().map(|c| json!({
            "opened_on": c.opened_on.to_string(), "channel": c.channel, "period_ends": c.period_ends.to_string(),
            "closed_on": c.closed_on.map(|x| x.to_string()), "unanswered": c.unanswered(),
            "comments": c.comments.iter().map(|m| json!({
                "number": m.number, "received_on": m.received_on.to_string(), "commenter": m.commenter, "text": m.text,
                "answer": m.answer.as_ref().map(|a| json!({
                    "adoption": a.adoption.as_str(), "adoption_label": a.adoption.label(), "reason": a.reason,
                    "answered_on": a.answered_on.to_string(),
                })),
            })).collect::<Vec<_>>(),
        })),
        "reviews": d.reviews.iter().map(|r| json!({
            "round": r.round, "submitted_on": r.submitted_on.to_string(), "change": r.change, "pending": r.pending(),
            "findings": r.findings.iter().enumerate().map(|(i, f)| json!({
                "index": i, "rule": f.finding.rule, "severity": f.finding.severity.as_str(),
                "severity_label": f.finding.severity.label(), "severity_class": severity_class(f.finding.severity),
                "location": f.finding.location, "excerpt": f.finding.excerpt, "message": f.finding.message,
                "basis": f.finding.basis, "disposition": f.disposition.as_str(),
                "disposition_label": disposition_label(&f.disposition),
                "edited_message": match &f.disposition { Disposition::Edited { message } => message.clone(), _ => String::new() },
                "rejection_reason": match &f.disposition { Disposition::Rejected { reason } => reason.clone(), _ => String::new() },
            })).collect::<Vec<_>>(),
            "opinion": r.opinion.as_ref().map(|o| json!({
                "reviewer": o.reviewer, "given_on": o.given_on.to_string(), "conclusion": o.conclusion.as_str(),
                "conclusion_label": o.conclusion.label(), "text": o.text, "short_review_reason": o.short_review_reason,
                "late": o.late,
            })),
        })).collect::<Vec<_>>(),
        "deliberations": d.deliberations.iter().map(|m| json!({
            "held_on": m.held_on.to_string(), "meeting": m.meeting, "participants": m.participants.join("、"),
            "adopted": m.adopted, "conclusion": m.conclusion,
        })).collect::<Vec<_>>(),
        "renewals": d.renewals.iter().map(|r| json!({
            "renewed_on": r.renewed_on.to_string(), "previous_until": r.previous_until.to_string(),
            "valid_until": r.valid_until.to_string(), "evaluation": r.evaluation,
        })).collect::<Vec<_>>(),
        "filing": d.filing.as_ref().map(filing_json),
        "ending": d.ending.as_ref().map(|e| json!({
            "on": e.on.to_string(), "reason": e.reason, "campaign_id": e.campaign_id,
        })),
        "next_due": stored.next_due,
        "version": stored.version,
        "text_seq": stored.text_seq,
        "public": d.is_public(),
    })
}

fn validity_json(d: &NormativeDocument, today: NaiveDate) -> Value {
    let ctx = domain::normative::Context {
        today,
        calendar: Calendar::official(),
        policy: &POLICY,
    };
    match d.validity_on(today, &ctx) {
        Ok(ValidityState::ExpiringSoon {
            valid_until,
            evaluate_by,
        }) => json!({
            "state": "expiring",
            "message": format!("有效期至{valid_until}，已进入届满前评估期（自{evaluate_by}起），请评估后决定延续或失效"),
        }),
        Ok(ValidityState::Lapsed { valid_until }) => json!({
            "state": "lapsed",
            "message": format!("有效期已于{valid_until}届满，尚待登记失效"),
        }),
        Ok(ValidityState::Valid { valid_until }) => {
            json!({"state": "valid", "message": format!("有效期至{valid_until}")})
        }
        _ => Value::Null,
    }
}

fn filing_json(f: &domain::normative::Filing) -> Value {
    let (review, review_label, detail) = match &f.review {
        FilingReview::Pending => ("pending", "待审查", String::new()),
        FilingReview::Accepted { on } => ("accepted", "审查通过", format!("{on}审查通过")),
        FilingReview::CorrectionDemanded { on, reasons } => (
            "correction_demanded",
            "要求纠正",
            format!("{on}收到纠正意见：{reasons}"),
        ),
        FilingReview::Corrected {
            demanded_on,
            reasons,
            corrected_on,
            action,
            late,
        } => (
            "corrected",
            "已纠正",
            format!(
                "{demanded_on}收到纠正意见：{reasons}；{corrected_on}{}{}",
                match action {
                    domain::normative::CorrectionAction::Amended { summary } =>
                        format!("修改（{summary}）"),
                    domain::normative::CorrectionAction::Repealed => "废止".to_owned(),
                    domain::normative::CorrectionAction::DeclaredVoid => "宣布失效".to_owned(),
                },
                if *late { "，逾期纠正" } else { "" }
            ),
        ),
    };
    json!({
        "filed_on": f.filed_on.to_string(), "recipient": f.recipient, "late": f.late,
        "review": review, "review_label": review_label, "detail": detail,
    })
}

/// The text split into paragraphs for display, each with an anchor when it opens an article
/// (第X条), so a finding's location links to its clause.
pub fn text_lines(body: &str) -> Vec<Value> {
    body.lines()
        .map(|line| {
            let t = line.trim_start();
            let anchor = t
                .strip_prefix('第')
                .and_then(|rest| rest.find('条').map(|end| &rest[..end]))
                .filter(|n| {
                    !n.is_empty()
                        && n.chars()
                            .all(|c| "零一二三四五六七八九十百千0123456789".contains(c))
                })
                .map(|n| format!("第{n}条"));
            json!({"text": line, "anchor": anchor})
        })
        .collect()
}

/// Issuers as choices of a form.
pub fn issuer_choices(issuers: &[Issuer], scope: Option<&[i64]>) -> Vec<Value> {
    issuers
        .iter()
        .filter(|i| scope.is_none_or(|s| s.contains(&i.id)))
        .map(
            |i| json!({"id": i.id.to_string(), "name": i.input.name, "kind": i.input.kind.label()}),
        )
        .collect()
}

/// What the user may do on a document now, for the page's forms.
pub fn allowed_actions(me: &CurrentUser, d: &NormativeDocument, in_scope: bool) -> Value {
    let role = me.user.role;
    let can = |a: Action| domain::permission::allows(role, a);
    let draft = in_scope && can(Action::DraftNormativeDocuments);
    let review = can(Action::ReviewNormativeDocuments);
    let manage = can(Action::ManageNormativeDocuments);
    let s = d.stage;
    json!({
        "revise_text": draft && matches!(s, Stage::Drafting | Stage::ReturnedByReview),
        "comment": draft && matches!(s, Stage::Drafting | Stage::PublicComment | Stage::ReturnedByReview),
        "open_comment": draft && s == Stage::Drafting && d.public_comment.is_none(),
        "submit": draft && matches!(s, Stage::Drafting | Stage::ReturnedByReview),
        "review": review && s == Stage::UnderLegalityReview && me.user.id != d.drafter_id,
        "deliberate": manage && s == Stage::ReviewPassed,
        "register": manage && s == Stage::Adopted,
        "publish": manage && s == Stage::Registered,
        "file": manage && s == Stage::Published && d.filing.is_none(),
        "filing_review": manage && d.filing.as_ref().is_some_and(|f| matches!(f.review, FilingReview::Pending)),
        "correction": manage && d.filing.as_ref().is_some_and(|f| matches!(f.review, FilingReview::CorrectionDemanded { .. })),
        "lifecycle": manage && s == Stage::Published,
        "withdraw": manage && matches!(s, Stage::Drafting | Stage::PublicComment | Stage::UnderLegalityReview | Stage::ReturnedByReview | Stage::ReviewPassed | Stage::Adopted),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_get_anchors() {
        let lines = text_lines("某某办法\n第一条 为了……\n第十二条 本办法\n第三款");
        assert_eq!(lines[0]["anchor"], Value::Null);
        assert_eq!(lines[1]["anchor"], "第一条");
        assert_eq!(lines[2]["anchor"], "第十二条");
        assert_eq!(lines[3]["anchor"], Value::Null);
    }

    #[test]
    fn uploads_are_decoded_or_refused_in_chinese() {
        let (text, source) =
            decode_upload("第一条 为了\r\n\r\n\r\n第二条 本办法".as_bytes()).unwrap();
        assert_eq!(text, "第一条 为了\n\n第二条 本办法");
        assert_eq!(source, store::TextSource::Text);
        let corrupt = b"PK\x03\x04this is not really a zip archive";
        let e = decode_upload(corrupt).unwrap_err();
        assert!(e.contains("无法读取"), "{e}");
        assert!(decode_upload(b"").is_err());
    }
}

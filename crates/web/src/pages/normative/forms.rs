//! The forms of the normative-document procedure, as text fields, and their translation into
//! domain commands. The staff pages post them as forms and the API as JSON with the same field
//! names, so both surfaces say the same thing about the same input.

use calendar::NaiveDate;
use domain::FieldErrors;
use domain::normative::cleanup::{CampaignKind, CleanupOutcome};
use domain::normative::objection::{Channel, Finding};
use domain::normative::{
    Adoption, Command, Conclusion, CorrectionAction, Disposition, DocumentNumber,
};
use serde::{Deserialize, Serialize};

/// Reads a `YYYY-MM-DD` field, recording an error when it is empty or malformed.
pub fn date(errors: &mut FieldErrors, field: &str, value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    if value.is_empty() {
        errors.add(field, "请填写日期");
        return None;
    }
    match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            errors.add(field, "日期格式应为YYYY-MM-DD");
            None
        }
    }
}

/// An optional `YYYY-MM-DD` field.
pub fn optional_date(errors: &mut FieldErrors, field: &str, value: &str) -> Option<NaiveDate> {
    if value.trim().is_empty() {
        None
    } else {
        date(errors, field, value)
    }
}

/// A checkbox or boolean text: "true", "on", "1", "是".
pub fn ticked(value: &str) -> bool {
    matches!(value.trim(), "true" | "on" | "1" | "是")
}

/// The version the form showed (optimistic concurrency); absent or malformed means "don't check".
pub fn version(value: &str) -> Option<i64> {
    value.trim().parse().ok()
}

/// Public comment (公开征求意见): open, exempt, record a comment, answer one, close.
#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CommentForm {
    /// CSRF token (forms only).
    pub csrf: String,
    /// The version shown.
    pub version: String,
    /// `open`, `exempt`, `record`, `answer` or `close`.
    pub op: String,
    /// Day (opened, received, closed).
    pub on: String,
    /// Where published (open).
    pub channel: String,
    /// Why exempt (exempt), or the answer's reasons (answer).
    pub reason: String,
    /// Who commented (record).
    pub commenter: String,
    /// The comment (record).
    pub text: String,
    /// The comment's number (answer).
    pub number: String,
    /// `adopted`, `partly_adopted` or `not_adopted` (answer).
    pub adoption: String,
}

impl CommentForm {
    /// The command, or field errors.
    pub fn command(&self) -> Result<Command, FieldErrors> {
        let mut e = FieldErrors::new();
        let command = match self.op.trim() {
            "open" => date(&mut e, "on", &self.on).map(|on| Command::OpenPublicComment {
                on,
                channel: self.channel.clone(),
            }),
            "exempt" => Some(Command::ExemptFromPublicComment {
                reason: self.reason.clone(),
            }),
            "record" => date(&mut e, "on", &self.on).map(|received_on| Command::RecordComment {
                received_on,
                commenter: self.commenter.clone(),
                text: self.text.clone(),
            }),
            "answer" => {
                let number = self.number.trim().parse::<u32>().ok();
                if number.is_none() {
                    e.add("number", "请选择要答复的意见");
                }
                let adoption = match self.adoption.trim() {
                    "adopted" => Some(Adoption::Adopted),
                    "partly_adopted" => Some(Adoption::PartlyAdopted),
                    "not_adopted" => Some(Adoption::NotAdopted),
                    _ => {
                        e.add("adoption", "请选择采纳、部分采纳或不予采纳");
                        None
                    }
                };
                match (number, adoption) {
                    (Some(number), Some(adoption)) => Some(Command::AnswerComment {
                        number,
                        adoption,
                        reason: self.reason.clone(),
                    }),
                    _ => None,
                }
            }
            "close" => date(&mut e, "on", &self.on).map(|on| Command::ClosePublicComment { on }),
            _ => {
                e.add("op", "未知的操作");
                None
            }
        };
        e.into_result()?;
        command.ok_or_else(FieldErrors::new)
    }
}

/// Send to legality review (the automatic review's findings are added by the handler).
#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct SubmitForm {
    /// CSRF token.
    pub csrf: String,
    /// The version shown.
    pub version: String,
    /// Day received by the reviewing body.
    pub on: String,
    /// What changed since the review returned it.
    pub change: String,
}

/// The reviewer's decision on one automatic finding.
#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct FindingForm {
    /// CSRF token.
    pub csrf: String,
    /// The version shown.
    pub version: String,
    /// The finding's index (from 0).
    pub index: String,
    /// `accepted`, `edited` or `rejected`.
    pub disposition: String,
    /// The reviewer's wording (edited).
    pub message: String,
    /// Why rejected.
    pub reason: String,
}

impl FindingForm {
    /// The command, or field errors.
    pub fn command(&self) -> Result<Command, FieldErrors> {
        let mut e = FieldErrors::new();
        let index = self.index.trim().parse::<usize>().ok();
        if index.is_none() {
            e.add("index", "请选择智能审查意见");
        }
        let disposition = match self.disposition.trim() {
            "accepted" => Some(Disposition::Accepted),
            "edited" => Some(Disposition::Edited {
                message: self.message.clone(),
            }),
            "rejected" => Some(Disposition::Rejected {
                reason: self.reason.clone(),
            }),
            _ => {
                e.add("disposition", "请选择采纳、修改或不予采纳");
                None
            }
        };
        e.into_result()?;
        match (index, disposition) {
            (Some(index), Some(disposition)) => Ok(Command::DisposeFinding { index, disposition }),
            _ => Err(FieldErrors::new()),
        }
    }
}

/// The written legality opinion.
#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct OpinionForm {
    /// CSRF token.
    pub csrf: String,
    /// The version shown.
    pub version: String,
    /// Day given.
    pub on: String,
    /// `lawful`, `amendments_required` or `unlawful`.
    pub conclusion: String,
    /// The opinion.
    pub text: String,
    /// Why shorter than the minimum review period.
    pub short_review_reason: String,
}

impl OpinionForm {
    /// The command for reviewer `reviewer_id` (`reviewer` is the name), or field errors.
    pub fn command(&self, reviewer_id: i64, reviewer: &str) -> Result<Command, FieldErrors> {
        let mut e = FieldErrors::new();
        let on = date(&mut e, "on", &self.on);
        let conclusion = match self.conclusion.trim() {
            "lawful" => Some(Conclusion::Lawful),
            "amendments_required" => Some(Conclusion::AmendmentsRequired),
            "unlawful" => Some(Conclusion::Unlawful),
            _ => {
                e.add("conclusion", "请选择审核结论：合法、应当予以修改或不合法");
                None
            }
        };
        e.into_result()?;
        match (on, conclusion) {
            (Some(on), Some(conclusion)) => Ok(Command::RecordLegalityOpinion {
                reviewer_id,
                reviewer: reviewer.to_owned(),
                on,
                conclusion,
                text: self.text.clone(),
                short_review_reason: Some(self.short_review_reason.clone()),
            }),
            _ => Err(FieldErrors::new()),
        }
    }
}

/// The collective deliberation.
#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct DeliberationForm {
    /// CSRF token.
    pub csrf: String,
    /// The version shown.
    pub version: String,
    /// Meeting day.
    pub held_on: String,
    /// The meeting.
    pub meeting: String,
    /// Participants, one per line or separated by 、 or commas.
    pub participants: String,
    /// "true" when adopted, anything else when sent back.
    pub adopted: String,
    /// Conclusion.
    pub conclusion: String,
}

impl DeliberationForm {
    /// The command, or field errors.
    pub fn command(&self) -> Result<Command, FieldErrors> {
        let mut e = FieldErrors::new();
        let held_on = date(&mut e, "held_on", &self.held_on);
        e.into_result()?;
        let participants = self
            .participants
            .split(['\n', '、', ',', '，', ';', '；'])
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect();
        Ok(Command::RecordDeliberation {
            held_on: held_on.ok_or_else(FieldErrors::new)?,
            meeting: self.meeting.clone(),
            participants,
            adopted: ticked(&self.adopted),
            conclusion: self.conclusion.clone(),
        })
    }
}

/// Registration and numbering: the number (empty for the next one).
#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RegisterForm {
    /// CSRF token.
    pub csrf: String,
    /// The version shown.
    pub version: String,
    /// Day registered.
    pub on: String,
    /// The number as typed, e.g. 安政规〔2026〕3号; empty for the next.
    pub number: String,
}

impl RegisterForm {
    /// The day and the number asked for, or field errors.
    pub fn parse(&self) -> Result<(NaiveDate, Option<DocumentNumber>), FieldErrors> {
        let mut e = FieldErrors::new();
        let on = date(&mut e, "on", &self.on);
        let number = if self.number.trim().is_empty() {
            None
        } else {
            let n = DocumentNumber::parse(&self.number);
            if n.is_none() {
                e.add(
                    "number",
                    "文号格式应为「前缀〔年份〕序号号」，如 安政规〔2026〕3号",
                );
            }
            n
        };
        e.into_result()?;
        Ok((on.ok_or_else(FieldErrors::new)?, number))
    }
}

/// Publication.
#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct PublishForm {
    /// CSRF token.
    pub csrf: String,
    /// The version shown.
    pub version: String,
    /// Day published.
    pub published_on: String,
    /// Day it takes effect.
    pub effective_on: String,
    /// Last day of validity (empty: the longest allowed).
    pub valid_until: String,
    /// Where published.
    pub channel: String,
}

impl PublishForm {
    /// The command, or field errors.
    pub fn command(&self) -> Result<Command, FieldErrors> {
        let mut e = FieldErrors::new();
        let published_on = date(&mut e, "published_on", &self.published_on);
        let effective_on = date(&mut e, "effective_on", &self.effective_on);
        let valid_until = optional_date(&mut e, "valid_until", &self.valid_until);
        e.into_result()?;
        match (published_on, effective_on) {
            (Some(published_on), Some(effective_on)) => Ok(Command::Publish {
                published_on,
                effective_on,
                valid_until,
                channel: self.channel.clone(),
            }),
            _ => Err(FieldErrors::new()),
        }
    }
}

/// Filing with the level above.
#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct FilingForm {
    /// CSRF token.
    pub csrf: String,
    /// The version shown.
    pub version: String,
    /// Day filed.
    pub filed_on: String,
    /// The filing-review body.
    pub recipient: String,
}

impl FilingForm {
    /// The command, or field errors.
    pub fn command(&self) -> Result<Command, FieldErrors> {
        let mut e = FieldErrors::new();
        let filed_on = date(&mut e, "filed_on", &self.filed_on);
        e.into_result()?;
        Ok(Command::File {
            filed_on: filed_on.ok_or_else(FieldErrors::new)?,
            recipient: self.recipient.clone(),
        })
    }
}

/// The filing body's review: accepted, correction demanded, or the correction made.
#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct FilingReviewForm {
    /// CSRF token.
    pub csrf: String,
    /// The version shown.
    pub version: String,
    /// `accept`, `demand` or `corrected`.
    pub decision: String,
    /// Day.
    pub on: String,
    /// The problems (demand).
    pub reasons: String,
    /// `amended`, `repealed` or `declared_void` (corrected).
    pub action: String,
    /// What was amended (corrected by amendment).
    pub summary: String,
}

impl FilingReviewForm {
    /// The command, or field errors.
    pub fn command(&self) -> Result<Command, FieldErrors> {
        let mut e = FieldErrors::new();
        let on = date(&mut e, "on", &self.on);
        let command = match (self.decision.trim(), on) {
            ("accept", Some(on)) => Some(Command::AcceptFiling { on }),
            ("demand", Some(on)) => Some(Command::DemandCorrection {
                on,
                reasons: self.reasons.clone(),
            }),
            ("corrected", Some(on)) => {
                let action = match self.action.trim() {
                    "amended" => Some(CorrectionAction::Amended {
                        summary: self.summary.clone(),
                    }),
                    "repealed" => Some(CorrectionAction::Repealed),
                    "declared_void" => Some(CorrectionAction::DeclaredVoid),
                    _ => {
                        e.add("action", "请选择纠正方式：修改、废止或宣布失效");
                        None
                    }
                };
                action.map(|action| Command::RecordCorrection { on, action })
            }
            (_, _) if !matches!(self.decision.trim(), "accept" | "demand" | "corrected") => {
                e.add("decision", "请选择审查结论");
                None
            }
            _ => None,
        };
        e.into_result()?;
        command.ok_or_else(FieldErrors::new)
    }
}

/// The document's life after publication, or its withdrawal before registration.
#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct LifecycleForm {
    /// CSRF token.
    pub csrf: String,
    /// The version shown.
    pub version: String,
    /// `renew`, `expire`, `repeal`, `void` or `withdraw`.
    pub op: String,
    /// Day.
    pub on: String,
    /// New last day of validity (renew).
    pub valid_until: String,
    /// The evaluation's conclusion (renew).
    pub evaluation: String,
    /// Why (repeal, void, withdraw).
    pub reason: String,
}

impl LifecycleForm {
    /// The command, or field errors.
    pub fn command(&self) -> Result<Command, FieldErrors> {
        let mut e = FieldErrors::new();
        let on = date(&mut e, "on", &self.on);
        let command = match self.op.trim() {
            "renew" => {
                let until = date(&mut e, "valid_until", &self.valid_until);
                on.zip(until).map(|(on, valid_until)| Command::Renew {
                    on,
                    valid_until,
                    evaluation: self.evaluation.clone(),
                })
            }
            "expire" => on.map(|on| Command::Expire { on }),
            "repeal" => on.map(|on| Command::Repeal {
                on,
                reason: self.reason.clone(),
                campaign_id: None,
            }),
            "void" => on.map(|on| Command::DeclareVoid {
                on,
                reason: self.reason.clone(),
                campaign_id: None,
            }),
            "withdraw" => on.map(|on| Command::Withdraw {
                on,
                reason: self.reason.clone(),
            }),
            _ => {
                e.add("op", "未知的操作");
                None
            }
        };
        e.into_result()?;
        command.ok_or_else(FieldErrors::new)
    }
}

/// A citizen's objection (portal form and public API).
#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ObjectionForm {
    /// The double-submit token (portal form only).
    pub csrf: String,
    /// Who objects (a person or an enterprise).
    pub citizen: String,
    /// How to reach them for the reply (never published).
    pub contact: String,
    /// Which clause, and why it is unlawful or unreasonable.
    pub grounds: String,
    /// `issuer` (to the issuing body) or `filing_body` (to the filing-review body).
    pub channel: String,
}

impl ObjectionForm {
    /// The channel, or field errors; the domain checks the rest.
    pub fn channel(&self) -> Result<Channel, FieldErrors> {
        match self.channel.trim() {
            "" | "issuer" => Ok(Channel::Issuer),
            "filing_body" => Ok(Channel::FilingBody),
            _ => {
                let mut e = FieldErrors::new();
                e.add("channel", "请选择向制定机关或备案审查机关提出");
                Err(e)
            }
        }
    }
}

/// The reply to an objection.
#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ReplyForm {
    /// CSRF token.
    pub csrf: String,
    /// Day replied.
    pub on: String,
    /// `upheld`, `partly_upheld` or `rejected`.
    pub finding: String,
    /// The reply.
    pub text: String,
}

impl ReplyForm {
    /// The day and finding, or field errors.
    pub fn parse(&self) -> Result<(NaiveDate, Finding), FieldErrors> {
        let mut e = FieldErrors::new();
        let on = date(&mut e, "on", &self.on);
        let finding = store::normative::parse_finding(self.finding.trim());
        if finding.is_none() {
            e.add("finding", "请选择异议成立、部分成立或不成立");
        }
        e.into_result()?;
        Ok((
            on.ok_or_else(FieldErrors::new)?,
            finding.ok_or_else(FieldErrors::new)?,
        ))
    }
}

/// A public comment from the portal.
#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct PublicCommentForm {
    /// The double-submit token.
    pub csrf: String,
    /// Who (may be empty: 匿名).
    pub commenter: String,
    /// The comment.
    pub text: String,
}

/// A clean-up campaign to start.
#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CampaignForm {
    /// CSRF token.
    pub csrf: String,
    /// Title.
    pub title: String,
    /// `periodic` or `special`.
    pub kind: String,
    /// The trigger of a special clean-up.
    pub trigger: String,
    /// Day started.
    pub started_on: String,
    /// Scope: `all` (every document in force) or an issuer id.
    pub scope: String,
    /// A topic (专项清理 by subject): only documents in force whose text has these words, found
    /// by the full-text index, e.g. 行政处罚 or 证明材料.
    pub topic: String,
}

impl CampaignForm {
    /// The kind and start day, or field errors.
    pub fn parse(&self) -> Result<(CampaignKind, NaiveDate), FieldErrors> {
        let mut e = FieldErrors::new();
        let on = date(&mut e, "started_on", &self.started_on);
        let kind = match self.kind.trim() {
            "" | "periodic" => CampaignKind::Periodic,
            _ => CampaignKind::Special {
                trigger: self.trigger.clone(),
            },
        };
        e.into_result()?;
        Ok((kind, on.ok_or_else(FieldErrors::new)?))
    }
}

/// A decision in a clean-up campaign.
#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct DecisionForm {
    /// CSRF token.
    pub csrf: String,
    /// The document.
    pub document_id: String,
    /// `keep`, `amend`, `repeal` or `declare_void`.
    pub outcome: String,
    /// Why.
    pub reason: String,
    /// Day.
    pub on: String,
}

impl DecisionForm {
    /// The document, outcome and day, or field errors.
    pub fn parse(&self) -> Result<(i64, CleanupOutcome, NaiveDate), FieldErrors> {
        let mut e = FieldErrors::new();
        let on = date(&mut e, "on", &self.on);
        let id = self.document_id.trim().parse::<i64>().ok();
        if id.is_none() {
            e.add("document_id", "请选择文件");
        }
        let outcome = match self.outcome.trim() {
            "keep" => Some(CleanupOutcome::Keep),
            "amend" => Some(CleanupOutcome::Amend),
            "repeal" => Some(CleanupOutcome::Repeal),
            "declare_void" => Some(CleanupOutcome::DeclareVoid),
            _ => {
                e.add("outcome", "请选择继续有效、修改、废止或宣布失效");
                None
            }
        };
        e.into_result()?;
        match (id, outcome, on) {
            (Some(id), Some(outcome), Some(on)) => Ok((id, outcome, on)),
            _ => Err(FieldErrors::new()),
        }
    }
}

/// Closing a campaign.
#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct CloseForm {
    /// CSRF token.
    pub csrf: String,
    /// Day.
    pub on: String,
}

/// An issuing body's fields.
#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(default)]
pub struct IssuerForm {
    /// CSRF token.
    pub csrf: String,
    /// `save` (default), `publish` or `withdraw`.
    pub op: String,
    /// Name.
    pub name: String,
    /// `government`, `department` or `authorised`.
    pub kind: String,
    /// Department id (department issuers).
    pub department_id: String,
    /// Document-number prefix.
    pub number_prefix: String,
    /// Why it may issue normative documents.
    pub basis: String,
    /// The body it files with.
    pub filing_body: String,
}

impl IssuerForm {
    /// The issuer's fields, or field errors.
    pub fn input(&self) -> Result<store::IssuerInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let name = e.required_text("name", &self.name, 60);
        let kind = store::IssuerKind::parse(self.kind.trim());
        if kind.is_none() {
            e.add("kind", "请选择制定主体类型");
        }
        let department_id = self.department_id.trim().parse::<i64>().ok();
        if kind == Some(store::IssuerKind::Department) && department_id.is_none() {
            e.add("department_id", "政府工作部门应选择对应的部门");
        }
        let prefix = match domain::normative::numbering::valid_prefix(&self.number_prefix) {
            Ok(p) => p,
            Err(r) => {
                e.add("number_prefix", r.message);
                String::new()
            }
        };
        let basis = e.required_text("basis", &self.basis, 500);
        let filing_body = e.required_text("filing_body", &self.filing_body, 60);
        e.into_result()?;
        Ok(store::IssuerInput {
            name,
            kind: kind.unwrap_or(store::IssuerKind::Government),
            department_id: if kind == Some(store::IssuerKind::Department) {
                department_id
            } else {
                None
            },
            number_prefix: prefix,
            basis,
            filing_body,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn participants_split_on_any_separator() {
        let f = DeliberationForm {
            held_on: "2026-03-02".into(),
            meeting: "常务会议".into(),
            participants: "张三、李四\n王五，赵六".into(),
            adopted: "true".into(),
            conclusion: "通过".into(),
            ..Default::default()
        };
        match f.command().unwrap() {
            Command::RecordDeliberation {
                participants,
                adopted,
                ..
            } => {
                assert_eq!(participants, ["张三", "李四", "王五", "赵六"]);
                assert!(adopted);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_malformed_number_is_a_field_error() {
        let f = RegisterForm {
            on: "2026-03-02".into(),
            number: "安政规2026-3".into(),
            ..Default::default()
        };
        assert!(f.parse().unwrap_err().0.contains_key("number"));
        let ok = RegisterForm {
            on: "2026-03-02".into(),
            number: "安政规[2026]3号".into(),
            ..Default::default()
        };
        assert_eq!(ok.parse().unwrap().1.unwrap().sequence, 3);
    }

    #[test]
    fn empty_dates_are_refused_beside_their_field() {
        let f = PublishForm {
            channel: "政府网站".into(),
            ..Default::default()
        };
        let e = f.command().unwrap_err();
        assert!(e.0.contains_key("published_on"));
        assert!(e.0.contains_key("effective_on"));
        assert!(!e.0.contains_key("valid_until"));
    }
}

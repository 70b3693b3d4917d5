//! Citizens' objections (异议 / 审查建议) to a published normative document, each answered
//! within a reply period (`normative_document.objection_reply`, 30 days by default
//! \[practice\]; STATUTES.md §9.2 "Citizen objections"). A late reply is recorded as late, not
//! refused: the citizen is still owed an answer.

use calendar::{DueDate, NaiveDate};

use crate::normative::{
    Context, NormativeDocument, calendar_refusal, not_before, not_in_future, required,
};
use crate::refusal::Refusal;

/// Where the objection was lodged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Channel {
    /// To the issuing body (制定机关).
    Issuer,
    /// To the filing-review body (备案审查机关).
    FilingBody,
}

impl Channel {
    /// Stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Issuer => "issuer",
            Channel::FilingBody => "filing_body",
        }
    }
}

/// The finding on an objection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Finding {
    /// 成立: the document will be corrected.
    Upheld,
    /// 部分成立.
    PartlyUpheld,
    /// 不成立.
    Rejected,
}

impl Finding {
    /// Stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            Finding::Upheld => "upheld",
            Finding::PartlyUpheld => "partly_upheld",
            Finding::Rejected => "rejected",
        }
    }

    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Finding::Upheld => "异议成立",
            Finding::PartlyUpheld => "异议部分成立",
            Finding::Rejected => "异议不成立",
        }
    }
}

/// The reply.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Reply {
    /// Day replied.
    pub replied_on: NaiveDate,
    /// Finding.
    pub finding: Finding,
    /// The reply's text.
    pub text: String,
    /// After the reply period (recorded, not refused).
    pub late: bool,
}

/// An objection.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Objection {
    /// Store id.
    pub id: i64,
    /// The document objected to.
    pub document_id: i64,
    /// Day received (the reply clock starts here).
    pub received_on: NaiveDate,
    /// Who objects.
    pub citizen: String,
    /// The grounds (which clause, why unlawful or unreasonable).
    pub grounds: String,
    /// Where lodged.
    pub channel: Channel,
    /// The reply, once given.
    pub reply: Option<Reply>,
}

/// What the lead records for an objection step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectionEvent {
    /// Stable kind, e.g. `normative_objection.received`.
    pub kind: &'static str,
    /// The objection's store id.
    pub objection_id: i64,
    /// Day.
    pub on: NaiveDate,
    /// The facts.
    pub fields: Vec<(&'static str, String)>,
    /// The reply's due date while it is open.
    pub reply_due: Option<NaiveDate>,
}

impl Objection {
    /// Registers an objection to a published document.
    pub fn receive(
        id: i64,
        document: &NormativeDocument,
        citizen: &str,
        grounds: &str,
        channel: Channel,
        received_on: NaiveDate,
        ctx: &Context<'_>,
    ) -> Result<(Objection, ObjectionEvent), Refusal> {
        not_in_future(received_on, ctx)?;
        if !document.is_public() {
            return Err(Refusal::new(
                "normative_objection.not_published",
                "只能对已公布的规范性文件提出异议；对草案的意见请在征求意见期间提出",
            ));
        }
        let citizen = required(
            citizen,
            "normative_objection.citizen_missing",
            "请填写异议人",
        )?;
        let grounds = required(
            grounds,
            "normative_objection.grounds_missing",
            "请写明异议的条款和理由",
        )?;
        let objection = Objection {
            id,
            document_id: document.id,
            received_on,
            citizen: citizen.clone(),
            grounds: grounds.clone(),
            channel,
            reply: None,
        };
        let due = objection.reply_due(ctx)?;
        Ok((
            objection,
            ObjectionEvent {
                kind: "normative_objection.received",
                objection_id: id,
                on: received_on,
                fields: vec![
                    ("document_id", document.id.to_string()),
                    ("citizen", citizen),
                    ("grounds", grounds),
                    ("channel", channel.as_str().into()),
                ],
                reply_due: Some(due.due),
            },
        ))
    }

    /// The last day to reply.
    pub fn reply_due(&self, ctx: &Context<'_>) -> Result<DueDate, Refusal> {
        ctx.calendar
            .due_date(self.received_on, ctx.policy.objection_reply)
            .map_err(calendar_refusal)
    }
}

/// Records the reply; a reply after the due date is recorded as late.
pub fn reply(
    objection: &Objection,
    replied_on: NaiveDate,
    finding: Finding,
    text: &str,
    ctx: &Context<'_>,
) -> Result<(Objection, ObjectionEvent), Refusal> {
    if objection.reply.is_some() {
        return Err(Refusal::new(
            "normative_objection.already_replied",
            "该异议已经答复",
        ));
    }
    not_in_future(replied_on, ctx)?;
    not_before(
        replied_on,
        objection.received_on,
        "答复日期",
        "收到异议日期",
    )?;
    let text = required(text, "normative_objection.reply_empty", "请填写答复内容")?;
    let due = objection.reply_due(ctx)?.due;
    let late = replied_on > due;
    let mut next = objection.clone();
    next.reply = Some(Reply {
        replied_on,
        finding,
        text,
        late,
    });
    Ok((
        next,
        ObjectionEvent {
            kind: "normative_objection.replied",
            objection_id: objection.id,
            on: replied_on,
            fields: vec![
                ("finding", finding.as_str().into()),
                ("due", due.to_string()),
                ("late", late.to_string()),
            ],
            reply_due: None,
        },
    ))
}

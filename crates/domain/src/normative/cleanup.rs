//! Clean-up campaigns (清理): periodic (commonly every 2 years \[practice\]) or special, when a
//! higher law changes. Every document in scope gets one outcome — keep, amend, repeal or declare
//! void — with its reason; the campaign closes only when none is left undecided, and then its
//! lists are published (STATUTES.md §9.2, \[practice; secondary\]).
//!
//! The campaign decides; each document's own change is made by [`command_for`]'s command
//! through [`super::apply`], so a repeal by clean-up is recorded on the document as well.

use std::collections::BTreeMap;

use calendar::NaiveDate;

use crate::normative::{Command, Context, not_before, not_in_future, required};
use crate::refusal::Refusal;

/// Why the campaign runs.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CampaignKind {
    /// 定期清理.
    Periodic,
    /// 专项清理 or 即时清理, e.g. after a higher law is revised.
    Special {
        /// The trigger, e.g. 《行政处罚法》修订.
        trigger: String,
    },
}

/// The outcome for one document.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum CleanupOutcome {
    /// 继续有效.
    Keep,
    /// 修改: stays in force until the amending document is made.
    Amend,
    /// 废止.
    Repeal,
    /// 宣布失效.
    DeclareVoid,
}

impl CleanupOutcome {
    /// Stable code.
    pub fn as_str(self) -> &'static str {
        match self {
            CleanupOutcome::Keep => "keep",
            CleanupOutcome::Amend => "amend",
            CleanupOutcome::Repeal => "repeal",
            CleanupOutcome::DeclareVoid => "declare_void",
        }
    }

    /// The list's Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            CleanupOutcome::Keep => "继续有效",
            CleanupOutcome::Amend => "拟修改",
            CleanupOutcome::Repeal => "废止",
            CleanupOutcome::DeclareVoid => "宣布失效",
        }
    }
}

/// The decision on one document.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CleanupDecision {
    /// Outcome.
    pub outcome: CleanupOutcome,
    /// Why (e.g. 与修订后的上位法不一致).
    pub reason: String,
    /// Day decided.
    pub decided_on: NaiveDate,
}

/// A clean-up campaign.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Campaign {
    /// Store id.
    pub id: i64,
    /// Title, e.g. 2025年规范性文件集中清理.
    pub title: String,
    /// Periodic or special.
    pub kind: CampaignKind,
    /// Day started.
    pub started_on: NaiveDate,
    /// The documents in scope (store ids), without duplicates.
    pub scope: Vec<i64>,
    /// Decisions by document id.
    pub decisions: BTreeMap<i64, CleanupDecision>,
    /// Day closed.
    pub closed_on: Option<NaiveDate>,
}

/// What the lead records for a campaign step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignEvent {
    /// Stable kind, e.g. `normative_cleanup.decided`.
    pub kind: &'static str,
    /// The campaign's store id.
    pub campaign_id: i64,
    /// Day.
    pub on: NaiveDate,
    /// The facts.
    pub fields: Vec<(&'static str, String)>,
}

impl Campaign {
    /// Starts a campaign over `scope` (the documents in force that it reviews).
    pub fn start(
        id: i64,
        title: &str,
        kind: CampaignKind,
        started_on: NaiveDate,
        scope: Vec<i64>,
        ctx: &Context<'_>,
    ) -> Result<(Campaign, CampaignEvent), Refusal> {
        not_in_future(started_on, ctx)?;
        let title = required(
            title,
            "normative_cleanup.title_missing",
            "请填写清理工作名称",
        )?;
        if let CampaignKind::Special { trigger } = &kind
            && trigger.trim().is_empty()
        {
            return Err(Refusal::new(
                "normative_cleanup.trigger_missing",
                "专项清理应当写明清理事由（如上位法修改）",
            ));
        }
        let mut unique = Vec::with_capacity(scope.len());
        for id in scope {
            if !unique.contains(&id) {
                unique.push(id);
            }
        }
        if unique.is_empty() {
            return Err(Refusal::new(
                "normative_cleanup.scope_empty",
                "清理范围内至少应有一件规范性文件",
            ));
        }
        let campaign = Campaign {
            id,
            title: title.clone(),
            kind,
            started_on,
            scope: unique,
            decisions: BTreeMap::new(),
            closed_on: None,
        };
        let fields = vec![
            ("title", title),
            ("kind", kind_code(&campaign.kind).into()),
            ("documents", campaign.scope.len().to_string()),
        ];
        Ok((
            campaign.clone(),
            CampaignEvent {
                kind: "normative_cleanup.started",
                campaign_id: id,
                on: started_on,
                fields,
            },
        ))
    }

    /// Documents in scope still without a decision.
    pub fn undecided(&self) -> Vec<i64> {
        self.scope
            .iter()
            .copied()
            .filter(|id| !self.decisions.contains_key(id))
            .collect()
    }

    /// The published lists: document ids by outcome.
    pub fn lists(&self) -> BTreeMap<CleanupOutcome, Vec<i64>> {
        let mut lists: BTreeMap<CleanupOutcome, Vec<i64>> = BTreeMap::new();
        for id in &self.scope {
            if let Some(d) = self.decisions.get(id) {
                lists.entry(d.outcome).or_default().push(*id);
            }
        }
        lists
    }
}

/// Decides (or re-decides, while the campaign is open) the outcome for one document in scope.
pub fn decide(
    campaign: &Campaign,
    document_id: i64,
    outcome: CleanupOutcome,
    reason: &str,
    on: NaiveDate,
    ctx: &Context<'_>,
) -> Result<(Campaign, CampaignEvent), Refusal> {
    expect_open(campaign)?;
    not_in_future(on, ctx)?;
    not_before(on, campaign.started_on, "清理决定日期", "清理开始日期")?;
    if !campaign.scope.contains(&document_id) {
        return Err(Refusal::new(
            "normative_cleanup.not_in_scope",
            "该文件不在本次清理范围内",
        ));
    }
    let reason = required(
        reason,
        "normative_cleanup.reason_missing",
        "清理意见须逐件写明理由",
    )?;
    let mut next = campaign.clone();
    next.decisions.insert(
        document_id,
        CleanupDecision {
            outcome,
            reason: reason.clone(),
            decided_on: on,
        },
    );
    Ok((
        next,
        CampaignEvent {
            kind: "normative_cleanup.decided",
            campaign_id: campaign.id,
            on,
            fields: vec![
                ("document_id", document_id.to_string()),
                ("outcome", outcome.as_str().into()),
                ("reason", reason),
            ],
        },
    ))
}

/// Closes the campaign once every document in scope has its decision.
pub fn close(
    campaign: &Campaign,
    on: NaiveDate,
    ctx: &Context<'_>,
) -> Result<(Campaign, CampaignEvent), Refusal> {
    expect_open(campaign)?;
    not_in_future(on, ctx)?;
    not_before(on, campaign.started_on, "清理结束日期", "清理开始日期")?;
    let undecided = campaign.undecided();
    if !undecided.is_empty() {
        return Err(Refusal::new(
            "normative_cleanup.undecided",
            format!(
                "尚有{}件文件未提出清理意见（继续有效、修改、废止或宣布失效），不能结束清理",
                undecided.len()
            ),
        ));
    }
    let mut next = campaign.clone();
    next.closed_on = Some(on);
    let fields = next
        .lists()
        .into_iter()
        .map(|(outcome, ids)| (outcome.as_str(), ids.len().to_string()))
        .collect();
    Ok((
        next,
        CampaignEvent {
            kind: "normative_cleanup.closed",
            campaign_id: campaign.id,
            on,
            fields,
        },
    ))
}

/// The command that carries a campaign's decision onto the document: repeal or declare void.
/// `None` for keep and amend, which leave the document in force (an amendment is a new
/// making procedure).
pub fn command_for(campaign: &Campaign, document_id: i64) -> Option<Command> {
    let decision = campaign.decisions.get(&document_id)?;
    let on = campaign.closed_on.unwrap_or(decision.decided_on);
    let reason = format!("{}：{}", campaign.title, decision.reason);
    match decision.outcome {
        CleanupOutcome::Repeal => Some(Command::Repeal {
            on,
            reason,
            campaign_id: Some(campaign.id),
        }),
        CleanupOutcome::DeclareVoid => Some(Command::DeclareVoid {
            on,
            reason,
            campaign_id: Some(campaign.id),
        }),
        CleanupOutcome::Keep | CleanupOutcome::Amend => None,
    }
}

fn expect_open(campaign: &Campaign) -> Result<(), Refusal> {
    match campaign.closed_on {
        Some(on) => Err(Refusal::new(
            "normative_cleanup.closed",
            format!("本次清理已于{on}结束"),
        )),
        None => Ok(()),
    }
}

fn kind_code(kind: &CampaignKind) -> &'static str {
    match kind {
        CampaignKind::Periodic => "periodic",
        CampaignKind::Special { .. } => "special",
    }
}

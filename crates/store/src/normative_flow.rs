//! The one path by which a normative document, an objection or a clean-up campaign changes:
//! read it in the write transaction, let `domain::normative` decide, save the result with its
//! ledger entry and deadlines. The web forms, the JSON API and the demo generator all call this.

use calendar::Calendar;
use chrono::{Datelike, NaiveDate};
use domain::normative::cleanup::{self, Campaign, CampaignKind, CleanupOutcome};
use domain::normative::objection::{self, Channel, Finding, Objection};
use domain::normative::{self, Command, Context, DocumentNumber, NormativeDocument, Policy};

use crate::normative::{NewText, StoredCampaign, StoredDocument, StoredObjection};
use crate::tx::WriteTx;
use crate::{Result, StoreError};

/// What the flow needs from outside the database.
#[derive(Debug, Clone, Copy)]
pub struct NormativeEnv<'a> {
    /// The working-day calendar.
    pub calendar: &'a Calendar,
    /// Today (Asia/Shanghai).
    pub today: NaiveDate,
    /// The deployment's periods (defaults from `domain::deadline_rules`).
    pub policy: &'a Policy,
}

impl NormativeEnv<'_> {
    fn ctx(&self) -> Context<'_> {
        Context {
            today: self.today,
            calendar: self.calendar,
            policy: self.policy,
        }
    }
}

fn refused(r: domain::Refusal) -> StoreError {
    StoreError::Refused(r)
}

/// A new draft's facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDraft {
    /// The issuing body.
    pub issuer_id: i64,
    /// The drafter's account (0 for the system).
    pub drafter_id: i64,
    /// Title.
    pub title: String,
    /// Whether it affects the public's rights and obligations (public comment required).
    pub affects_public: bool,
    /// Day drafting started.
    pub drafted_on: NaiveDate,
}

impl WriteTx {
    /// Starts a draft (立项/起草) with its first text.
    pub async fn draft_normative_document(
        &mut self,
        env: &NormativeEnv<'_>,
        draft: &NewDraft,
        text: &NewText,
    ) -> Result<StoredDocument> {
        // The issuer must exist in this government (404 otherwise).
        self.normative_issuer_in_tx(draft.issuer_id).await?;
        let id = self.next_normative_document_id().await?;
        let (doc, event) = NormativeDocument::draft(
            id,
            draft.issuer_id,
            draft.drafter_id,
            &draft.title,
            draft.affects_public,
            draft.drafted_on,
            &env.ctx(),
        )
        .map_err(refused)?;
        self.insert_normative_document(&doc, &event, text).await
    }

    /// Applies one command to a document. `read_version`, when given, must still be the
    /// document's version (a form names the version it showed).
    pub async fn apply_normative_command(
        &mut self,
        env: &NormativeEnv<'_>,
        document_id: i64,
        read_version: Option<i64>,
        command: Command,
    ) -> Result<StoredDocument> {
        let stored = self.stored_document_in_tx(document_id).await?;
        if let Some(v) = read_version
            && v != stored.version
        {
            return Err(StoreError::Conflict(
                "文件已被他人更新，请刷新页面后重试".into(),
            ));
        }
        let (doc, event) =
            normative::apply(&stored.document, command, &env.ctx()).map_err(refused)?;
        self.save_normative_document(stored.version, &doc, &event)
            .await
    }

    /// The number the issuer's next registration in `year` gets (统一编号: one past the highest
    /// used, never reused).
    pub async fn next_normative_number(
        &mut self,
        issuer_id: i64,
        year: i32,
    ) -> Result<DocumentNumber> {
        let issuer = self.normative_issuer_in_tx(issuer_id).await?;
        let used = self
            .used_normative_sequences(&issuer.input.number_prefix, year)
            .await?;
        Ok(normative::next_number(
            &issuer.input.number_prefix,
            year,
            &used,
        ))
    }

    /// Registers and numbers a document (统一登记、统一编号): the number given, checked against
    /// the numbers already used (a duplicate or a gap is refused), or the next one.
    pub async fn register_normative_document(
        &mut self,
        env: &NormativeEnv<'_>,
        document_id: i64,
        read_version: Option<i64>,
        on: NaiveDate,
        number: Option<DocumentNumber>,
    ) -> Result<StoredDocument> {
        let stored = self.stored_document_in_tx(document_id).await?;
        let issuer = self
            .normative_issuer_in_tx(stored.document.issuer_id)
            .await?;
        let number = match number {
            Some(n) => n,
            None => {
                self.next_normative_number(stored.document.issuer_id, on.year())
                    .await?
            }
        };
        if number.prefix != issuer.input.number_prefix {
            return Err(StoreError::Refused(domain::Refusal::new(
                "normative.number_prefix_mismatch",
                format!(
                    "{}的文号前缀是「{}」，不能使用「{}」",
                    issuer.input.name, issuer.input.number_prefix, number.prefix
                ),
            )));
        }
        let used = self
            .used_normative_sequences(&number.prefix, number.year)
            .await?;
        self.apply_normative_command(
            env,
            document_id,
            read_version,
            Command::Register { on, number, used },
        )
        .await
    }

    /// Registers an objection to a published document and opens its reply deadline.
    #[expect(
        clippy::too_many_arguments,
        reason = "the objection form, field by field"
    )]
    pub async fn receive_normative_objection(
        &mut self,
        env: &NormativeEnv<'_>,
        document_id: i64,
        citizen: &str,
        contact: &str,
        grounds: &str,
        channel: Channel,
        received_on: NaiveDate,
    ) -> Result<StoredObjection> {
        let stored = self.stored_document_in_tx(document_id).await?;
        let issuer = self
            .normative_issuer_in_tx(stored.document.issuer_id)
            .await?;
        let id = self.next_id("normative_objections").await?;
        let (o, event) = Objection::receive(
            id,
            &stored.document,
            citizen,
            grounds,
            channel,
            received_on,
            &env.ctx(),
        )
        .map_err(refused)?;
        let name = stored
            .document
            .number
            .as_ref()
            .map(|n| n.to_string())
            .unwrap_or_else(|| format!("《{}》", stored.document.title));
        self.insert_normative_objection(&o, &event, contact, &name, issuer.input.department_id)
            .await
    }

    /// Records the reply to an objection (late replies are recorded as late).
    pub async fn reply_normative_objection(
        &mut self,
        env: &NormativeEnv<'_>,
        objection_id: i64,
        replied_on: NaiveDate,
        finding: Finding,
        text: &str,
    ) -> Result<StoredObjection> {
        let stored = self.normative_objection_in_tx(objection_id).await?;
        let (o, event) = objection::reply(&stored.objection, replied_on, finding, text, &env.ctx())
            .map_err(refused)?;
        self.save_normative_objection_reply(&o, &event).await
    }

    /// Starts a clean-up campaign over the documents given (which must be published and in
    /// this government).
    pub async fn start_normative_campaign(
        &mut self,
        env: &NormativeEnv<'_>,
        title: &str,
        kind: CampaignKind,
        started_on: NaiveDate,
        scope: Vec<i64>,
    ) -> Result<StoredCampaign> {
        for id in &scope {
            let doc = self.stored_document_in_tx(*id).await?;
            if doc.document.stage != normative::Stage::Published {
                return Err(StoreError::Refused(domain::Refusal::new(
                    "normative_cleanup.not_in_force",
                    format!(
                        "《{}》处于「{}」阶段，清理只针对现行有效的规范性文件",
                        doc.document.title,
                        doc.document.stage.label()
                    ),
                )));
            }
        }
        let id = self.next_id("normative_campaigns").await?;
        let (campaign, event) =
            Campaign::start(id, title, kind, started_on, scope, &env.ctx()).map_err(refused)?;
        self.insert_normative_campaign(&campaign, &event).await
    }

    /// Decides the outcome for one document of an open campaign.
    pub async fn decide_normative_campaign(
        &mut self,
        env: &NormativeEnv<'_>,
        campaign_id: i64,
        document_id: i64,
        outcome: CleanupOutcome,
        reason: &str,
        on: NaiveDate,
    ) -> Result<StoredCampaign> {
        let stored = self.normative_campaign_in_tx(campaign_id).await?;
        let (campaign, event) = cleanup::decide(
            &stored.campaign,
            document_id,
            outcome,
            reason,
            on,
            &env.ctx(),
        )
        .map_err(refused)?;
        self.save_normative_campaign(stored.version, &campaign, &event)
            .await
    }

    /// Closes a campaign, publishing its lists, and carries each repeal or declaration of
    /// voidness onto its document in the same transaction.
    pub async fn close_normative_campaign(
        &mut self,
        env: &NormativeEnv<'_>,
        campaign_id: i64,
        on: NaiveDate,
    ) -> Result<StoredCampaign> {
        let stored = self.normative_campaign_in_tx(campaign_id).await?;
        let (campaign, event) =
            cleanup::close(&stored.campaign, on, &env.ctx()).map_err(refused)?;
        let saved = self
            .save_normative_campaign(stored.version, &campaign, &event)
            .await?;
        for id in campaign.scope.clone() {
            if let Some(command) = cleanup::command_for(&campaign, id) {
                self.apply_normative_command(env, id, None, command).await?;
            }
        }
        Ok(saved)
    }
}

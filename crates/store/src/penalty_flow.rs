//! The one path by which a penalty case changes: read the case and its department's settings in
//! the write transaction, let `domain::enforcement::penalty` decide, save the result with its
//! ledger entry and deadlines. The web forms, the JSON API and the demo generator all call this.

use calendar::Calendar;
use chrono::NaiveDate;
use domain::enforcement::disclosure::{self, DecisionKind, DisclosurePeriods};
use domain::enforcement::penalty::{
    self, Command, Context, DEFENCE_PERIOD, Outcome, Party, PenaltyCase,
};
use domain::enforcement::power::{Circumstance, DiscretionStandard, check_fine};
use sqlx::Row;

use crate::penalty::{FILING_RULE_ID, NewCase, PENALTY_RECORD_TYPE, PenaltySettings, StoredCase};
use crate::tx::WriteTx;
use crate::{NewDeadline, Result, StoreError};

/// Working days a department has to file a major penalty with the legal-affairs office.
/// No national rule fixes it; 15 working days is common in provincial rules \[practice\], so it is
/// configuration with that default.
pub const MAJOR_FILING_WORKING_DAYS: u32 = 15;

/// What the flow needs from outside the database.
#[derive(Debug, Clone, Copy)]
pub struct PenaltyEnv<'a> {
    /// The working-day calendar.
    pub calendar: &'a Calendar,
    /// Today (Asia/Shanghai).
    pub today: NaiveDate,
    /// Publication periods (118号 defaults).
    pub disclosure_periods: DisclosurePeriods,
    /// Filing period of major penalties, in working days.
    pub filing_working_days: u32,
}

impl<'a> PenaltyEnv<'a> {
    /// The environment with the default periods.
    pub fn new(calendar: &'a Calendar, today: NaiveDate) -> Self {
        PenaltyEnv {
            calendar,
            today,
            disclosure_periods: DisclosurePeriods::default(),
            filing_working_days: MAJOR_FILING_WORKING_DAYS,
        }
    }
}

/// A clue to register (案源登记).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewClue {
    /// Handling department (an enforcement body).
    pub department_id: i64,
    /// The matter on the power list, if known.
    pub power_id: Option<i64>,
    /// The party.
    pub party: Party,
    /// The party's personal data.
    pub details: crate::PartyDetails,
    /// What the clue says.
    pub clue: String,
    /// Registration day.
    pub registered_on: NaiveDate,
}

fn refused(r: domain::Refusal) -> StoreError {
    StoreError::Refused(r)
}

impl WriteTx {
    /// A department's settings, read in this transaction.
    pub async fn penalty_settings_in_tx(&mut self, department_id: i64) -> Result<PenaltySettings> {
        let row = sqlx::query(
            "SELECT d.name, d.short_name, s.individual_fine_fen, s.organisation_fine_fen,
                    s.individual_confiscation_fen, s.organisation_confiscation_fen, s.defence_working_days, s.case_prefix
             FROM departments d LEFT JOIN penalty_settings s
                  ON s.government_id = d.government_id AND s.department_id = d.id
             WHERE d.government_id = $1 AND d.id = $2",
        )
        .bind(self.government_id())
        .bind(department_id)
        .fetch_optional(&mut *self.tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let prefix: Option<String> = row.try_get("case_prefix")?;
        let Some(case_prefix) = prefix else {
            let short: String = row.try_get("short_name")?;
            let name: String = row.try_get("name")?;
            let source = if short.trim().is_empty() { name } else { short };
            return Ok(PenaltySettings::default_for(department_id, &source));
        };
        Ok(PenaltySettings {
            department_id,
            thresholds: penalty::HearingThresholds {
                individual_fine_fen: row.try_get("individual_fine_fen")?,
                organisation_fine_fen: row.try_get("organisation_fine_fen")?,
                individual_confiscation_fen: row.try_get("individual_confiscation_fen")?,
                organisation_confiscation_fen: row.try_get("organisation_confiscation_fen")?,
            },
            defence_working_days: u32::try_from(row.try_get::<i64, _>("defence_working_days")?)
                .unwrap_or(5),
            case_prefix,
        })
    }

    /// Whether a case on `power_id` with a fine of `fine_fen` is on the department's
    /// legal-review catalogue.
    async fn on_catalogue(
        &mut self,
        department_id: i64,
        power_id: Option<i64>,
        fine_fen: i64,
    ) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM review_catalogue_items
             WHERE government_id = $1 AND department_id = $2
               AND ((power_id IS NOT NULL AND power_id = $3) OR (min_fine_fen IS NOT NULL AND min_fine_fen <= $4))",
        )
        .bind(self.government_id())
        .bind(department_id)
        .bind(power_id.unwrap_or(-1))
        .bind(fine_fen)
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(n > 0)
    }

    /// Registers a clue (案源登记) as a new case.
    pub async fn register_penalty_case(
        &mut self,
        env: &PenaltyEnv<'_>,
        clue: NewClue,
    ) -> Result<StoredCase> {
        let NewClue {
            department_id,
            power_id,
            party,
            details,
            clue,
            registered_on,
        } = clue;
        let settings = self.penalty_settings_in_tx(department_id).await?;
        let id = self.next_penalty_case_id().await?;
        let ctx = Context {
            today: env.today,
            calendar: env.calendar,
            hearing_thresholds: &settings.thresholds,
            on_review_catalogue: false,
            defence_period: calendar::Period::working_days(settings.defence_working_days),
        };
        let (case, event) =
            PenaltyCase::register(id, party, &clue, registered_on, &ctx).map_err(refused)?;
        let new = NewCase {
            department_id,
            power_id,
            details,
            case_prefix: settings.case_prefix,
        };
        self.insert_penalty_case(&new, &case, &event).await
    }

    /// Applies one command to a case. `read_version`, when given, must still be the case's
    /// version (a form names the version it showed). Returns the saved case.
    pub async fn apply_penalty_command(
        &mut self,
        env: &PenaltyEnv<'_>,
        case_id: i64,
        read_version: Option<i64>,
        command: Command,
    ) -> Result<StoredCase> {
        self.apply_penalty_command_with(env, case_id, read_version, command, None)
            .await
    }

    /// [`WriteTx::apply_penalty_command`] with the circumstance (裁量情节) the officer chose
    /// for a fine: when the case's matter has a published discretion standard, a proposed or
    /// decided fine must lie in the band of that circumstance (行政处罚法 第三十四条).
    pub async fn apply_penalty_command_with(
        &mut self,
        env: &PenaltyEnv<'_>,
        case_id: i64,
        read_version: Option<i64>,
        command: Command,
        circumstance: Option<Circumstance>,
    ) -> Result<StoredCase> {
        let stored = self.stored_case_in_tx(case_id).await?;
        self.check_discretion(&stored, &command, circumstance)
            .await?;
        if let Some(v) = read_version
            && v != stored.version
        {
            return Err(StoreError::Conflict(
                "案件已被他人更新，请刷新页面后重试".into(),
            ));
        }
        let settings = self
            .penalty_settings_in_tx(stored.summary.department_id)
            .await?;
        let proposed = match &command {
            Command::Decide {
                outcome: Outcome::Penalty(p),
                ..
            } => p.fine_fen(),
            Command::IssueNotice { proposal, .. } => proposal.fine_fen(),
            _ => stored
                .case
                .notice
                .as_ref()
                .map(|n| n.proposal.fine_fen())
                .unwrap_or(0),
        };
        let on_review_catalogue = self
            .on_catalogue(
                stored.summary.department_id,
                stored.summary.power_id,
                proposed,
            )
            .await?;
        let defence_period = if settings.defence_working_days == DEFENCE_PERIOD.length() {
            DEFENCE_PERIOD
        } else {
            calendar::Period::working_days(settings.defence_working_days)
        };
        let ctx = Context {
            today: env.today,
            calendar: env.calendar,
            hearing_thresholds: &settings.thresholds,
            on_review_catalogue,
            defence_period,
        };
        let (case, event) = penalty::apply(&stored.case, command, &ctx).map_err(refused)?;
        let saved = self
            .save_penalty_case(stored.version, &case, &event)
            .await?;
        if event.kind == "penalty.decided" {
            self.open_decision_duties(env, &saved).await?;
        }
        Ok(saved)
    }

    /// 行政处罚法 第三十四条: a fine on a matter with a discretion standard must lie in the band
    /// of the circumstance found.
    async fn check_discretion(
        &mut self,
        stored: &StoredCase,
        command: &Command,
        circumstance: Option<Circumstance>,
    ) -> Result<()> {
        let fine = match command {
            Command::IssueNotice { proposal, .. } => proposal.fine_fen(),
            Command::Decide {
                outcome: Outcome::Penalty(p),
                ..
            } => p.fine_fen(),
            _ => 0,
        };
        let Some(power_id) = stored.summary.power_id.filter(|_| fine > 0) else {
            return Ok(());
        };
        let rows = sqlx::query(
            "SELECT s.power_id, s.circumstance, s.min_fen, s.max_fen, s.description, p.name
             FROM discretion_standards s JOIN powers p ON p.government_id = s.government_id AND p.id = s.power_id
             WHERE s.government_id = $1 AND s.power_id = $2",
        )
        .bind(self.government_id())
        .bind(power_id)
        .fetch_all(&mut *self.tx)
        .await?;
        if rows.is_empty() {
            return Ok(());
        }
        let violation: String = rows[0].try_get("name")?;
        let bands = rows
            .iter()
            .map(|r| crate::powers::band_from_row(r).map(|(_, b)| b))
            .collect::<Result<Vec<_>>>()?;
        let Some(circumstance) = circumstance else {
            return Err(refused(domain::Refusal::by_law(
                "penalty.circumstance_missing",
                format!(
                    "「{violation}」有公布的裁量基准，拟处罚款时须选择裁量情节（《中华人民共和国行政处罚法》第三十四条）"
                ),
                domain::LegalBasis {
                    law: domain::enforcement::PENALTY_LAW,
                    article: "第三十四条",
                },
            )));
        };
        let standard = DiscretionStandard {
            violation_code: String::new(),
            violation,
            bands,
        };
        check_fine(&standard, circumstance, fine).map_err(refused)
    }

    /// After a decision: the publication deadline (118号) for a penalty, and the filing
    /// deadline for a major case.
    async fn open_decision_duties(
        &mut self,
        env: &PenaltyEnv<'_>,
        saved: &StoredCase,
    ) -> Result<()> {
        let Some(decision) = &saved.case.decision else {
            return Ok(());
        };
        let id = saved.case.id.to_string();
        let link = format!("/staff/cases/{id}");
        if matches!(decision.outcome, Outcome::Penalty(_)) {
            let due = disclosure::publication_due(
                DecisionKind::Penalty,
                decision.decided_on,
                &env.disclosure_periods,
                env.calendar,
            )
            .map_err(refused)?;
            self.open_deadline(&NewDeadline {
                record_type: PENALTY_RECORD_TYPE.into(),
                record_id: id.clone(),
                rule_id: due.rule_id.into(),
                title: format!("{} {}", saved.summary.case_number, due.subject),
                link: link.clone(),
                trigger_date: decision.decided_on.to_string(),
                due_date: due.due.to_string(),
                provisional: due.provisional,
                assignee_user_id: None,
                department_id: Some(saved.summary.department_id),
            })
            .await?;
        }
        if saved.summary.major {
            let due = self.filing_due(env, decision.decided_on)?;
            self.open_deadline(&NewDeadline {
                record_type: PENALTY_RECORD_TYPE.into(),
                record_id: id,
                rule_id: FILING_RULE_ID.into(),
                title: format!("{} 重大行政处罚备案", saved.summary.case_number),
                link,
                trigger_date: decision.decided_on.to_string(),
                due_date: due.to_string(),
                provisional: false,
                assignee_user_id: None,
                department_id: Some(saved.summary.department_id),
            })
            .await?;
        }
        Ok(())
    }

    /// The last day to file a major penalty decided on `decided_on`.
    pub fn filing_due(&self, env: &PenaltyEnv<'_>, decided_on: NaiveDate) -> Result<NaiveDate> {
        env.calendar
            .due_date(
                decided_on,
                calendar::Period::working_days(env.filing_working_days),
            )
            .map(|d| d.due)
            .map_err(|e| {
                StoreError::Refused(domain::Refusal::new(
                    "calendar.unavailable",
                    format!("无法计算备案期限：{e}"),
                ))
            })
    }
}

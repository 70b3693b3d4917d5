//! Inspections (行政检查) and random inspections (双随机一公开): the register of inspection
//! targets per department and matter (检查对象名录库) with conflict-of-interest exclusions, plans
//! whose draw of targets and officers is recorded with its seed, and the inspections themselves,
//! each with its own simple procedure (`domain::enforcement::inspection`), linkable to the penalty
//! case it gives rise to, and its result published on the portal.
//!
//! The store never decides: the domain applies each command; this module writes the row, the
//! ledger entry (the record's whole current state) and the deadlines in one transaction.

use calendar::{Calendar, NaiveDate};
use domain::Refusal;
use domain::enforcement::PartyKind;
use domain::enforcement::disclosure::{self, DecisionKind, DisclosurePeriods};
use domain::enforcement::inspection::{
    self, Inspection, InspectionCommand, InspectionResult, InspectionStage,
};
use domain::enforcement::officer::{CertificateStatus, CertifiedOfficer, Officer};
use domain::enforcement::penalty::{Party, TeamMember};
use domain::enforcement::supervision::{
    self, Exclusion, RandomInspectionInput, public_target_name,
};
use serde_json::{Value, json};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::case_reviews::date;
use crate::deadlines::NewDeadline;
use crate::penalty::{parse_party_kind, party_kind_code};
use crate::penalty_flow::{NewClue, PenaltyEnv};
use crate::supervision::{SeedSource, id_list, like_pattern};
use crate::tx::WriteTx;
use crate::{PartyDetails, Result, Store, StoreError, StoredCase};

/// Ledger record type of an inspection target.
pub const TARGET_RECORD_TYPE: &str = "inspection_target";
/// Ledger record type of a random inspection plan.
pub const PLAN_RECORD_TYPE: &str = "inspection_plan";
/// Ledger record type of an inspection.
pub const INSPECTION_RECORD_TYPE: &str = "inspection";

/// Rule id of the re-inspection of an ordered rectification (复查). Not in `deadline_rules`: the
/// day is the one the order itself sets.
pub const RECTIFICATION_CHECK_RULE_ID: &str = "inspection.rectification_check";

/// Every stage, for parsing the stored code back.
pub const STAGES: [InspectionStage; 4] = [
    InspectionStage::Planned,
    InspectionStage::Conducted,
    InspectionStage::ResultRecorded,
    InspectionStage::Closed,
];

/// Stored code of a stage.
pub fn stage_code(stage: InspectionStage) -> &'static str {
    match stage {
        InspectionStage::Planned => "planned",
        InspectionStage::Conducted => "conducted",
        InspectionStage::ResultRecorded => "result_recorded",
        InspectionStage::Closed => "closed",
    }
}

/// The stage whose code is `code`.
pub fn parse_stage(code: &str) -> Option<InspectionStage> {
    STAGES.into_iter().find(|s| stage_code(*s) == code)
}

/// Chinese name of a stage.
pub fn stage_label(stage: InspectionStage) -> &'static str {
    match stage {
        InspectionStage::Planned => "待检查",
        InspectionStage::Conducted => "已检查",
        InspectionStage::ResultRecorded => "已记录结果",
        InspectionStage::Closed => "已办结",
    }
}

fn refused(r: Refusal) -> StoreError {
    StoreError::Refused(r)
}

fn details_hash(name: &str, id_number: &str, address: &str) -> String {
    ledger::HashAlgorithm::Sha256
        .digest(&[format!("{name}|{id_number}|{address}").as_bytes()])
        .to_hex()
}

// ------------------------------------------------------------------ targets

/// A target to register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTarget {
    /// The department whose register it is in.
    pub department_id: i64,
    /// The matter on the power list, if chosen.
    pub power_id: Option<i64>,
    /// The matter's name (检查事项).
    pub matter: String,
    /// Name of the person or organisation.
    pub name: String,
    /// Individual or organisation.
    pub party_kind: PartyKind,
    /// 统一社会信用代码 or 身份证号.
    pub id_number: String,
    /// Address.
    pub address: String,
}

/// An officer excluded from inspecting a target, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetExclusion {
    /// Officer.
    pub officer_id: i64,
    /// Reason (回避事由).
    pub reason: String,
}

/// A registered target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectionTarget {
    /// Id.
    pub id: i64,
    /// Department.
    pub department_id: i64,
    /// The matter on the power list.
    pub power_id: Option<i64>,
    /// Matter.
    pub matter: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub party_kind: PartyKind,
    /// Identity or credit code.
    pub id_number: String,
    /// Address.
    pub address: String,
    /// Conflicts of interest.
    pub exclusions: Vec<TargetExclusion>,
}

impl InspectionTarget {
    /// The name as published (an individual's is masked).
    pub fn public_name(&self) -> String {
        public_target_name(self.party_kind == PartyKind::Individual, &self.name)
    }

    /// What its ledger entry records. The log is public, so an individual's name is masked and
    /// the personal details appear only as a hash that `ledger verify` recomputes.
    pub fn ledger_content(&self) -> Value {
        json!({
            "department_id": self.department_id,
            "power_id": self.power_id,
            "matter": self.matter,
            "name": self.public_name(),
            "party_kind": party_kind_code(self.party_kind),
            "details_hash": details_hash(&self.name, &self.id_number, &self.address),
            "exclusions": self.exclusions.iter().map(|e| json!({"officer_id": e.officer_id, "reason": e.reason})).collect::<Vec<_>>(),
        })
    }

    fn from_row(r: &AnyRow) -> Result<InspectionTarget> {
        let kind: String = r.try_get("party_kind")?;
        Ok(InspectionTarget {
            id: r.try_get("id")?,
            department_id: r.try_get("department_id")?,
            power_id: r.try_get("power_id")?,
            matter: r.try_get("matter")?,
            name: r.try_get("name")?,
            party_kind: parse_party_kind(&kind)
                .ok_or_else(|| StoreError::Corrupt(format!("对象类型 {kind}")))?,
            id_number: r.try_get("id_number")?,
            address: r.try_get("address")?,
            exclusions: Vec::new(),
        })
    }
}

/// Filters of the target register.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TargetFilter {
    /// Only these departments (the user's scope), when set.
    pub departments: Option<Vec<i64>>,
    /// Only this matter.
    pub matter: Option<String>,
    /// Name contains this.
    pub query: Option<String>,
    /// Rows to skip.
    pub offset: i64,
    /// Rows to return.
    pub limit: i64,
}

const TARGET_COLUMNS: &str =
    "id, department_id, power_id, matter, name, party_kind, id_number, address";

// ------------------------------------------------------------------ plans

/// A plan to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPlan {
    /// Department.
    pub department_id: i64,
    /// Title, e.g. 「2026年食品经营者双随机抽查」.
    pub title: String,
    /// The matter whose register is drawn from.
    pub matter: String,
    /// Targets to draw.
    pub n_targets: u32,
    /// Officers per target (at least two).
    pub officers_per_target: u32,
    /// The day the inspections are planned for.
    pub planned_on: NaiveDate,
}

/// A random inspection plan.
#[derive(Debug, Clone, PartialEq)]
pub struct InspectionPlan {
    /// Id.
    pub id: i64,
    /// Department.
    pub department_id: i64,
    /// Title.
    pub title: String,
    /// Matter.
    pub matter: String,
    /// Targets to draw.
    pub n_targets: i64,
    /// Officers per target.
    pub officers_per_target: i64,
    /// Planned day.
    pub planned_on: String,
    /// `planned` or `drawn`.
    pub status: String,
    /// Seed, once drawn.
    pub seed: Option<u64>,
    /// Its source.
    pub seed_source: Option<SeedSource>,
    /// The draw: populations, exclusions applied and assignments.
    pub draw: Option<Value>,
    /// Drawn on.
    pub drawn_on: Option<String>,
}

impl InspectionPlan {
    /// What its ledger entries record: everything needed to rerun the draw.
    pub fn ledger_content(&self) -> Value {
        json!({
            "department_id": self.department_id,
            "title": self.title,
            "matter": self.matter,
            "n_targets": self.n_targets,
            "officers_per_target": self.officers_per_target,
            "planned_on": self.planned_on,
            "status": self.status,
            "seed": self.seed.map(|s| s.to_string()),
            "seed_source": self.seed_source.as_ref().map(SeedSource::to_json),
            "draw": self.draw,
            "drawn_on": self.drawn_on,
        })
    }

    fn from_row(r: &AnyRow) -> Result<InspectionPlan> {
        let seed: Option<String> = r.try_get("seed")?;
        let source: Option<String> = r.try_get("seed_source")?;
        let draw: Option<String> = r.try_get("draw")?;
        let parse = |t: &str| {
            serde_json::from_str::<Value>(t)
                .map_err(|e| StoreError::Corrupt(format!("抽查记录：{e}")))
        };
        Ok(InspectionPlan {
            id: r.try_get("id")?,
            department_id: r.try_get("department_id")?,
            title: r.try_get("title")?,
            matter: r.try_get("matter")?,
            n_targets: r.try_get("n_targets")?,
            officers_per_target: r.try_get("officers_per_target")?,
            planned_on: r.try_get("planned_on")?,
            status: r.try_get("status")?,
            seed: seed
                .map(|s| {
                    s.parse::<u64>()
                        .map_err(|_| StoreError::Corrupt(format!("随机种子 {s}")))
                })
                .transpose()?,
            seed_source: source
                .map(|t| parse(&t).map(|v| SeedSource::from_json(&v)))
                .transpose()?,
            draw: draw.map(|t| parse(&t)).transpose()?,
            drawn_on: r.try_get("drawn_on")?,
        })
    }
}

const PLAN_COLUMNS: &str =
    "id, department_id, title, matter, n_targets, officers_per_target, planned_on, status, seed,
    seed_source, draw, drawn_on";

// ------------------------------------------------------------------ inspections

/// An inspection with what the lists show beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredInspection {
    /// The domain inspection.
    pub inspection: Inspection,
    /// Department.
    pub department_id: i64,
    /// The plan that drew it, if any.
    pub plan_id: Option<i64>,
    /// Officers drawn for it (empty when not drawn).
    pub drawn_officer_ids: Vec<i64>,
    /// Result published on the portal.
    pub published: bool,
    /// Published on.
    pub published_on: Option<String>,
    /// Version for optimistic concurrency.
    pub version: i64,
    /// Target name.
    pub target_name: String,
    /// Target kind.
    pub target_kind: PartyKind,
    /// Matter.
    pub matter: String,
}

impl StoredInspection {
    /// What its ledger entries record: its whole state.
    pub fn ledger_content(&self) -> Value {
        let i = &self.inspection;
        let (result, rectify_by) = result_columns(i.result.as_ref());
        json!({
            "department_id": self.department_id,
            "target_id": i.target_id,
            "plan_id": self.plan_id,
            "planned_on": i.planned_on.to_string(),
            "drawn_officer_ids": self.drawn_officer_ids,
            "draw_seed": i.draw_seed.map(|s| s.to_string()),
            "stage": stage_code(i.stage),
            "team": i.team.iter().map(|m| json!({"officer_id": m.officer_id, "name": m.name, "certificate_number": m.certificate_number, "certified_on": m.certified_on.to_string()})).collect::<Vec<_>>(),
            "conducted_on": i.conducted_on.map(|d| d.to_string()),
            "findings": i.findings,
            "result": result,
            "rectify_by": rectify_by,
            "penalty_case_id": i.penalty_case_id,
            "transferred_to": i.transferred_to,
            "rectified_on": i.rectified_on.map(|d| d.to_string()),
            "closed_on": i.closed_on.map(|d| d.to_string()),
            "published": self.published,
            "published_on": self.published_on,
        })
    }

    fn from_row(r: &AnyRow) -> Result<StoredInspection> {
        let opt_date = |name: &str| -> Result<Option<NaiveDate>> {
            let v: Option<String> = r.try_get(name)?;
            v.map(|t| date(&t)).transpose()
        };
        let stage: String = r.try_get("stage")?;
        let team: String = r.try_get("team")?;
        let team: Vec<TeamMember> = serde_json::from_str(&team)
            .map_err(|e| StoreError::Corrupt(format!("检查人员：{e}")))?;
        let drawn: String = r.try_get("drawn_officer_ids")?;
        let drawn: Vec<i64> = serde_json::from_str(&drawn)
            .map_err(|e| StoreError::Corrupt(format!("抽取人员：{e}")))?;
        let seed: Option<String> = r.try_get("draw_seed")?;
        let result: Option<String> = r.try_get("result")?;
        let result = match result.as_deref() {
            None => None,
            Some("compliant") => Some(InspectionResult::Compliant),
            Some("rectify") => Some(InspectionResult::OrderedToRectify {
                by: opt_date("rectify_by")?
                    .ok_or_else(|| StoreError::Corrupt("责令改正期限缺失".into()))?,
            }),
            Some("case_or_transfer") => Some(InspectionResult::CaseOrTransfer),
            Some(other) => return Err(StoreError::Corrupt(format!("检查结果 {other}"))),
        };
        let kind: String = r.try_get("target_kind")?;
        Ok(StoredInspection {
            inspection: Inspection {
                id: r.try_get("id")?,
                target_id: r.try_get("target_id")?,
                planned_on: date(&r.try_get::<String, _>("planned_on")?)?,
                draw_seed: seed.and_then(|s| s.parse().ok()),
                stage: parse_stage(&stage)
                    .ok_or_else(|| StoreError::Corrupt(format!("检查阶段 {stage}")))?,
                team,
                conducted_on: opt_date("conducted_on")?,
                findings: r.try_get("findings")?,
                result,
                penalty_case_id: r.try_get("penalty_case_id")?,
                transferred_to: r.try_get("transferred_to")?,
                rectified_on: opt_date("rectified_on")?,
                closed_on: opt_date("closed_on")?,
            },
            department_id: r.try_get("department_id")?,
            plan_id: r.try_get("plan_id")?,
            drawn_officer_ids: drawn,
            published: r.try_get::<i64, _>("published")? != 0,
            published_on: r.try_get("published_on")?,
            version: r.try_get("version")?,
            target_name: r.try_get("target_name")?,
            target_kind: parse_party_kind(&kind)
                .ok_or_else(|| StoreError::Corrupt(format!("对象类型 {kind}")))?,
            matter: r.try_get("matter")?,
        })
    }
}

fn result_columns(result: Option<&InspectionResult>) -> (Option<&'static str>, Option<String>) {
    match result {
        None => (None, None),
        Some(InspectionResult::Compliant) => (Some("compliant"), None),
        Some(InspectionResult::OrderedToRectify { by }) => (Some("rectify"), Some(by.to_string())),
        Some(InspectionResult::CaseOrTransfer) => (Some("case_or_transfer"), None),
    }
}

const INSPECTION_SELECT: &str = "SELECT i.id, i.department_id, i.target_id, i.plan_id, i.planned_on, i.drawn_officer_ids,
    i.draw_seed, i.stage, i.team, i.conducted_on, i.findings, i.result, i.rectify_by, i.penalty_case_id,
    i.transferred_to, i.rectified_on, i.closed_on, i.published, i.published_on, i.version,
    t.name AS target_name, t.party_kind AS target_kind, t.matter AS matter
    FROM inspections i JOIN inspection_targets t ON t.government_id = i.government_id AND t.id = i.target_id";

/// Filters of the inspection list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InspectionFilter {
    /// Only these departments (the user's scope), when set.
    pub departments: Option<Vec<i64>>,
    /// Only this stage code.
    pub stage: Option<String>,
    /// Only this plan.
    pub plan_id: Option<i64>,
    /// Target name or matter contains this.
    pub query: Option<String>,
    /// Only published results.
    pub published_only: bool,
    /// Rows to skip.
    pub offset: i64,
    /// Rows to return.
    pub limit: i64,
}

impl Store {
    /// The target register, newest first, with the total that matches.
    pub async fn inspection_targets(
        &self,
        government_id: i64,
        filter: &TargetFilter,
    ) -> Result<(Vec<InspectionTarget>, i64)> {
        let mut terms = vec!["government_id = $1".to_owned()];
        let mut texts = Vec::new();
        if let Some(depts) = &filter.departments {
            if depts.is_empty() {
                return Ok((Vec::new(), 0));
            }
            terms.push(format!("department_id IN ({})", id_list(depts)));
        }
        if let Some(m) = filter.matter.as_ref().filter(|m| !m.trim().is_empty()) {
            texts.push(m.trim().to_owned());
            terms.push(format!("matter = ${}", texts.len() + 1));
        }
        if let Some(q) = filter.query.as_ref().filter(|q| !q.trim().is_empty()) {
            texts.push(like_pattern(q.trim()));
            terms.push(format!("name LIKE ${} ESCAPE '\\'", texts.len() + 1));
        }
        let where_sql = terms.join(" AND ");
        let mut q = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {TARGET_COLUMNS} FROM inspection_targets WHERE {where_sql} ORDER BY id DESC LIMIT {} OFFSET {}",
            filter.limit.clamp(1, 1000),
            filter.offset.max(0)
        )))
        .bind(government_id);
        for t in &texts {
            q = q.bind(t.clone());
        }
        let mut list = q
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(InspectionTarget::from_row)
            .collect::<Result<Vec<_>>>()?;
        let mut c = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM inspection_targets WHERE {where_sql}"
        )))
        .bind(government_id);
        for t in &texts {
            c = c.bind(t.clone());
        }
        let total = c.fetch_one(&self.pool).await?;
        for t in &mut list {
            t.exclusions = self.target_exclusions(government_id, t.id).await?;
        }
        Ok((list, total))
    }

    async fn target_exclusions(
        &self,
        government_id: i64,
        target_id: i64,
    ) -> Result<Vec<TargetExclusion>> {
        let rows = sqlx::query(
            "SELECT officer_id, reason FROM inspection_exclusions WHERE government_id = $1 AND target_id = $2 ORDER BY officer_id",
        )
        .bind(government_id)
        .bind(target_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(TargetExclusion {
                    officer_id: r.try_get("officer_id")?,
                    reason: r.try_get("reason")?,
                })
            })
            .collect()
    }

    /// Every target of a government, oldest first, with its exclusions.
    pub async fn all_inspection_targets(
        &self,
        government_id: i64,
    ) -> Result<Vec<InspectionTarget>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {TARGET_COLUMNS} FROM inspection_targets WHERE government_id = $1 ORDER BY id"
        )))
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        let mut list = rows
            .iter()
            .map(InspectionTarget::from_row)
            .collect::<Result<Vec<_>>>()?;
        let rows = sqlx::query(
            "SELECT target_id, officer_id, reason FROM inspection_exclusions WHERE government_id = $1
             ORDER BY target_id, officer_id",
        )
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        for r in &rows {
            let t: i64 = r.try_get("target_id")?;
            if let Some(target) = list.iter_mut().find(|x| x.id == t) {
                target.exclusions.push(TargetExclusion {
                    officer_id: r.try_get("officer_id")?,
                    reason: r.try_get("reason")?,
                });
            }
        }
        Ok(list)
    }

    /// One target with its exclusions.
    pub async fn inspection_target(&self, government_id: i64, id: i64) -> Result<InspectionTarget> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {TARGET_COLUMNS} FROM inspection_targets WHERE government_id = $1 AND id = $2"
        )))
        .bind(government_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        let mut t = InspectionTarget::from_row(&row)?;
        t.exclusions = self.target_exclusions(government_id, id).await?;
        Ok(t)
    }

    /// The matters of a government's register (distinct, sorted), with their department.
    pub async fn inspection_matters(&self, government_id: i64) -> Result<Vec<(i64, String)>> {
        let rows = sqlx::query(
            "SELECT DISTINCT department_id, matter FROM inspection_targets WHERE government_id = $1
             ORDER BY department_id, matter",
        )
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("department_id")?, r.try_get("matter")?)))
            .collect()
    }

    /// Plans, newest first, with the total.
    pub async fn inspection_plans(
        &self,
        government_id: i64,
        departments: Option<&[i64]>,
        offset: i64,
        limit: i64,
    ) -> Result<(Vec<InspectionPlan>, i64)> {
        let scope = match departments {
            Some([]) => return Ok((Vec::new(), 0)),
            Some(ids) => format!(" AND department_id IN ({})", id_list(ids)),
            None => String::new(),
        };
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {PLAN_COLUMNS} FROM inspection_plans WHERE government_id = $1{scope}
             ORDER BY planned_on DESC, id DESC LIMIT {} OFFSET {}",
            limit.clamp(1, 500),
            offset.max(0)
        )))
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        let list = rows
            .iter()
            .map(InspectionPlan::from_row)
            .collect::<Result<Vec<_>>>()?;
        let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM inspection_plans WHERE government_id = $1{scope}"
        )))
        .bind(government_id)
        .fetch_one(&self.pool)
        .await?;
        Ok((list, total))
    }

    /// Every plan, oldest first.
    pub async fn all_inspection_plans(&self, government_id: i64) -> Result<Vec<InspectionPlan>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {PLAN_COLUMNS} FROM inspection_plans WHERE government_id = $1 ORDER BY id"
        )))
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(InspectionPlan::from_row).collect()
    }

    /// One plan.
    pub async fn inspection_plan(&self, government_id: i64, id: i64) -> Result<InspectionPlan> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {PLAN_COLUMNS} FROM inspection_plans WHERE government_id = $1 AND id = $2"
        )))
        .bind(government_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        InspectionPlan::from_row(&row)
    }

    /// Inspections, newest planned first, with the total that matches.
    pub async fn inspections(
        &self,
        government_id: i64,
        filter: &InspectionFilter,
    ) -> Result<(Vec<StoredInspection>, i64)> {
        let mut terms = vec!["i.government_id = $1".to_owned()];
        let mut texts = Vec::new();
        if let Some(depts) = &filter.departments {
            if depts.is_empty() {
                return Ok((Vec::new(), 0));
            }
            terms.push(format!("i.department_id IN ({})", id_list(depts)));
        }
        if let Some(s) = filter.stage.as_deref().and_then(parse_stage) {
            terms.push(format!("i.stage = '{}'", stage_code(s)));
        }
        if let Some(p) = filter.plan_id {
            terms.push(format!("i.plan_id = {p}"));
        }
        if filter.published_only {
            terms.push("i.published = 1".into());
        }
        if let Some(q) = filter.query.as_ref().filter(|q| !q.trim().is_empty()) {
            texts.push(like_pattern(q.trim()));
            let n = texts.len() + 1;
            terms.push(format!(
                "(t.name LIKE ${n} ESCAPE '\\' OR t.matter LIKE ${n} ESCAPE '\\')"
            ));
        }
        let where_sql = terms.join(" AND ");
        let order = if filter.published_only {
            "i.published_on DESC, i.id DESC"
        } else {
            "i.planned_on DESC, i.id DESC"
        };
        let mut q = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{INSPECTION_SELECT} WHERE {where_sql} ORDER BY {order} LIMIT {} OFFSET {}",
            filter.limit.clamp(1, 1000),
            filter.offset.max(0)
        )))
        .bind(government_id);
        for t in &texts {
            q = q.bind(t.clone());
        }
        let list = q
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(StoredInspection::from_row)
            .collect::<Result<Vec<_>>>()?;
        let mut c = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM inspections i JOIN inspection_targets t ON t.government_id = i.government_id AND t.id = i.target_id WHERE {where_sql}"
        )))
        .bind(government_id);
        for t in &texts {
            c = c.bind(t.clone());
        }
        Ok((list, c.fetch_one(&self.pool).await?))
    }

    /// Every inspection, oldest first.
    pub async fn all_inspections(&self, government_id: i64) -> Result<Vec<StoredInspection>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{INSPECTION_SELECT} WHERE i.government_id = $1 ORDER BY i.id"
        )))
        .bind(government_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(StoredInspection::from_row).collect()
    }

    /// One inspection.
    pub async fn inspection(&self, government_id: i64, id: i64) -> Result<StoredInspection> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{INSPECTION_SELECT} WHERE i.government_id = $1 AND i.id = $2"
        )))
        .bind(government_id)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound)?;
        StoredInspection::from_row(&row)
    }

    /// The inspection opened from a penalty case's clue, if any (the case page links back).
    pub async fn inspection_of_case(
        &self,
        government_id: i64,
        case_id: i64,
    ) -> Result<Option<StoredInspection>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{INSPECTION_SELECT} WHERE i.government_id = $1 AND i.penalty_case_id = $2"
        )))
        .bind(government_id)
        .bind(case_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(StoredInspection::from_row).transpose()
    }
}

impl WriteTx {
    /// Registers a target.
    pub async fn add_inspection_target(&mut self, new: &NewTarget) -> Result<InspectionTarget> {
        let id = self.next_id("inspection_targets").await?;
        sqlx::query(
            "INSERT INTO inspection_targets (government_id, id, department_id, power_id, matter, name, party_kind,
                id_number, address, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(new.department_id)
        .bind(new.power_id)
        .bind(new.matter.trim())
        .bind(new.name.trim())
        .bind(party_kind_code(new.party_kind))
        .bind(new.id_number.trim())
        .bind(new.address.trim())
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        let t = self.target_in_tx(id).await?;
        self.record(
            TARGET_RECORD_TYPE,
            &id.to_string(),
            "create",
            &t.ledger_content(),
        )
        .await?;
        Ok(t)
    }

    async fn target_in_tx(&mut self, id: i64) -> Result<InspectionTarget> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {TARGET_COLUMNS} FROM inspection_targets WHERE government_id = $1 AND id = $2"
        )))
        .bind(self.government_id())
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        let mut t = InspectionTarget::from_row(&row)?;
        let rows = sqlx::query(
            "SELECT officer_id, reason FROM inspection_exclusions WHERE government_id = $1 AND target_id = $2 ORDER BY officer_id",
        )
        .bind(self.government_id())
        .bind(id)
        .fetch_all(&mut *self.tx)
        .await?;
        for r in &rows {
            t.exclusions.push(TargetExclusion {
                officer_id: r.try_get("officer_id")?,
                reason: r.try_get("reason")?,
            });
        }
        Ok(t)
    }

    /// Records that an officer must not inspect a target (回避).
    pub async fn add_inspection_exclusion(
        &mut self,
        target_id: i64,
        officer_id: i64,
        reason: &str,
    ) -> Result<InspectionTarget> {
        if reason.trim().is_empty() {
            return Err(refused(Refusal::new(
                "inspection.exclusion_reason_missing",
                "请写明回避事由",
            )));
        }
        self.target_in_tx(target_id).await?;
        let n = sqlx::query(
            "INSERT INTO inspection_exclusions (government_id, target_id, officer_id, reason, created_at)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (government_id, target_id, officer_id) DO NOTHING",
        )
        .bind(self.government_id())
        .bind(target_id)
        .bind(officer_id)
        .bind(reason.trim())
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::Conflict("该执法人员已登记回避".into()));
        }
        let t = self.target_in_tx(target_id).await?;
        self.record(
            TARGET_RECORD_TYPE,
            &target_id.to_string(),
            "exclusion",
            &t.ledger_content(),
        )
        .await?;
        Ok(t)
    }

    /// Creates a random inspection plan (not drawn yet).
    pub async fn create_inspection_plan(&mut self, new: &NewPlan) -> Result<InspectionPlan> {
        if new.officers_per_target < 2 {
            return Err(refused(Refusal::new(
                "supervision.team_too_small",
                "每个检查对象应当随机匹配至少两名执法检查人员",
            )));
        }
        if new.n_targets == 0 {
            return Err(refused(Refusal::new(
                "inspection.no_targets",
                "抽取对象数量应大于零",
            )));
        }
        let id = self.next_id("inspection_plans").await?;
        sqlx::query(
            "INSERT INTO inspection_plans (government_id, id, department_id, title, matter, n_targets,
                officers_per_target, planned_on, status, seed, seed_source, draw, drawn_on, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'planned', NULL, NULL, NULL, NULL, $9, $9)",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(new.department_id)
        .bind(new.title.trim())
        .bind(new.matter.trim())
        .bind(i64::from(new.n_targets))
        .bind(i64::from(new.officers_per_target))
        .bind(new.planned_on.to_string())
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        let p = self.plan_in_tx(id).await?;
        self.record(
            PLAN_RECORD_TYPE,
            &id.to_string(),
            "create",
            &p.ledger_content(),
        )
        .await?;
        Ok(p)
    }

    async fn plan_in_tx(&mut self, id: i64) -> Result<InspectionPlan> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {PLAN_COLUMNS} FROM inspection_plans WHERE government_id = $1 AND id = $2"
        )))
        .bind(self.government_id())
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        InspectionPlan::from_row(&row)
    }

    /// Draws a plan (双随机): targets from the register of its department and matter, officers
    /// from `roster` (the department's officers; those whose certificate is not valid on
    /// `drawn_on` are left out), skipping excluded pairs. Writes the draw and one planned
    /// inspection per drawn target, each with its ledger entry, in this transaction.
    pub async fn draw_inspection_plan(
        &mut self,
        plan_id: i64,
        roster: &[Officer],
        drawn_on: NaiveDate,
    ) -> Result<(InspectionPlan, Vec<StoredInspection>)> {
        let plan = self.plan_in_tx(plan_id).await?;
        if plan.status != "planned" {
            return Err(refused(Refusal::new(
                "inspection.plan_already_drawn",
                "该计划已抽取，抽取结果不能更改",
            )));
        }
        let target_rows = sqlx::query(
            "SELECT id FROM inspection_targets WHERE government_id = $1 AND department_id = $2 AND matter = $3 ORDER BY id",
        )
        .bind(self.government_id())
        .bind(plan.department_id)
        .bind(&plan.matter)
        .fetch_all(&mut *self.tx)
        .await?;
        let targets: Vec<i64> = target_rows
            .iter()
            .map(|r| r.try_get("id"))
            .collect::<std::result::Result<_, _>>()?;
        if targets.is_empty() {
            return Err(refused(Refusal::new(
                "inspection.register_empty",
                format!("「{}」的检查对象名录库为空，无法抽取", plan.matter),
            )));
        }
        let exclusions: Vec<Exclusion> = if targets.is_empty() {
            Vec::new()
        } else {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "SELECT target_id, officer_id FROM inspection_exclusions WHERE government_id = $1 AND target_id IN ({})
                 ORDER BY target_id, officer_id",
                id_list(&targets)
            )))
            .bind(self.government_id())
            .fetch_all(&mut *self.tx)
            .await?
            .iter()
            .map(|r| {
                Ok(Exclusion {
                    target_id: r.try_get("target_id")?,
                    officer_id: r.try_get("officer_id")?,
                })
            })
            .collect::<Result<Vec<_>>>()?
        };
        let certified: Vec<CertifiedOfficer> = roster
            .iter()
            .filter(|o| o.department_id == plan.department_id)
            .filter(|o| o.certificate.status_on(drawn_on) == CertificateStatus::Valid)
            .filter_map(|o| CertifiedOfficer::certify(o, drawn_on).ok())
            .collect();
        let (seed, seed_source) = self
            .draw_seed(&format!("{PLAN_RECORD_TYPE}:{plan_id}"))
            .await?;
        let assignments = supervision::draw_random_inspection(&RandomInspectionInput {
            seed,
            targets: &targets,
            n_targets: usize::try_from(plan.n_targets).unwrap_or(0),
            officers: &certified,
            officers_per_target: usize::try_from(plan.officers_per_target).unwrap_or(0),
            exclusions: &exclusions,
        })
        .map_err(refused)?;
        let mut officer_ids: Vec<i64> = certified.iter().map(|o| o.id()).collect();
        officer_ids.sort_unstable();
        let draw = json!({
            "targets": targets,
            "officers": officer_ids,
            "exclusions": exclusions.iter().map(|e| json!({"target_id": e.target_id, "officer_id": e.officer_id})).collect::<Vec<_>>(),
            "n_targets": plan.n_targets,
            "officers_per_target": plan.officers_per_target,
            "assignments": assignments.iter().map(|a| json!({"target_id": a.target_id, "officer_ids": a.officer_ids})).collect::<Vec<_>>(),
        });
        sqlx::query(
            "UPDATE inspection_plans SET status = 'drawn', seed = $3, seed_source = $4, draw = $5, drawn_on = $6, updated_at = $7
             WHERE government_id = $1 AND id = $2",
        )
        .bind(self.government_id())
        .bind(plan_id)
        .bind(seed.to_string())
        .bind(seed_source.to_json().to_string())
        .bind(draw.to_string())
        .bind(drawn_on.to_string())
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        let plan = self.plan_in_tx(plan_id).await?;
        self.record(
            PLAN_RECORD_TYPE,
            &plan_id.to_string(),
            "draw",
            &plan.ledger_content(),
        )
        .await?;
        let planned_on = date(&plan.planned_on)?;
        let mut made = Vec::new();
        for a in &assignments {
            let i = self
                .insert_inspection(
                    plan.department_id,
                    a.target_id,
                    Some(plan_id),
                    planned_on,
                    &a.officer_ids,
                    Some(seed),
                )
                .await?;
            made.push(i);
        }
        Ok((plan, made))
    }

    async fn insert_inspection(
        &mut self,
        department_id: i64,
        target_id: i64,
        plan_id: Option<i64>,
        planned_on: NaiveDate,
        drawn_officer_ids: &[i64],
        seed: Option<u64>,
    ) -> Result<StoredInspection> {
        let id = self.next_id("inspections").await?;
        sqlx::query(
            "INSERT INTO inspections (government_id, id, department_id, target_id, plan_id, planned_on, drawn_officer_ids,
                draw_seed, stage, team, conducted_on, findings, result, rectify_by, penalty_case_id, transferred_to,
                rectified_on, closed_on, published, published_on, version, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'planned', '[]', NULL, '', NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, 1, $9, $9)",
        )
        .bind(self.government_id())
        .bind(id)
        .bind(department_id)
        .bind(target_id)
        .bind(plan_id)
        .bind(planned_on.to_string())
        .bind(json!(drawn_officer_ids).to_string())
        .bind(seed.map(|s| s.to_string()))
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?;
        let i = self.inspection_in_tx(id).await?;
        self.record(
            INSPECTION_RECORD_TYPE,
            &id.to_string(),
            "inspection.planned",
            &i.ledger_content(),
        )
        .await?;
        Ok(i)
    }

    /// Plans an inspection of a registered target outside a random draw (e.g. on a complaint).
    pub async fn create_inspection(
        &mut self,
        target_id: i64,
        planned_on: NaiveDate,
    ) -> Result<StoredInspection> {
        let target = self.target_in_tx(target_id).await?;
        self.insert_inspection(target.department_id, target_id, None, planned_on, &[], None)
            .await
    }

    async fn inspection_in_tx(&mut self, id: i64) -> Result<StoredInspection> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{INSPECTION_SELECT} WHERE i.government_id = $1 AND i.id = $2"
        )))
        .bind(self.government_id())
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?
        .ok_or(StoreError::NotFound)?;
        StoredInspection::from_row(&row)
    }

    async fn save_inspection(
        &mut self,
        read_version: i64,
        stored: &StoredInspection,
        next: &Inspection,
        published_on: Option<String>,
    ) -> Result<StoredInspection> {
        let (result, rectify_by) = result_columns(next.result.as_ref());
        let team = serde_json::to_string(&next.team)
            .map_err(|e| StoreError::Conflict(format!("检查人员无法序列化：{e}")))?;
        let n = sqlx::query(
            "UPDATE inspections SET stage = $4, team = $5, conducted_on = $6, findings = $7, result = $8, rectify_by = $9,
                penalty_case_id = $10, transferred_to = $11, rectified_on = $12, closed_on = $13, published = $14,
                published_on = $15, version = version + 1, updated_at = $16
             WHERE government_id = $1 AND id = $2 AND version = $3",
        )
        .bind(self.government_id())
        .bind(next.id)
        .bind(read_version)
        .bind(stage_code(next.stage))
        .bind(team)
        .bind(next.conducted_on.map(|d| d.to_string()))
        .bind(&next.findings)
        .bind(result)
        .bind(rectify_by)
        .bind(next.penalty_case_id)
        .bind(next.transferred_to.clone())
        .bind(next.rectified_on.map(|d| d.to_string()))
        .bind(next.closed_on.map(|d| d.to_string()))
        .bind(i64::from(published_on.is_some() || stored.published))
        .bind(published_on.or_else(|| stored.published_on.clone()))
        .bind(self.now_ms())
        .execute(&mut *self.tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Err(StoreError::Conflict(
                "检查记录已被他人更新，请刷新页面后重试".into(),
            ));
        }
        self.inspection_in_tx(next.id).await
    }

    /// Applies one command to an inspection (`read_version`, when given, must still be current).
    pub async fn apply_inspection_command(
        &mut self,
        id: i64,
        read_version: Option<i64>,
        command: InspectionCommand,
        today: NaiveDate,
        calendar: &Calendar,
    ) -> Result<StoredInspection> {
        let stored = self.inspection_in_tx(id).await?;
        if let Some(v) = read_version
            && v != stored.version
        {
            return Err(StoreError::Conflict(
                "检查记录已被他人更新，请刷新页面后重试".into(),
            ));
        }
        let (next, event) =
            inspection::apply_inspection(&stored.inspection, command, today).map_err(refused)?;
        let saved = self
            .save_inspection(stored.version, &stored, &next, None)
            .await?;
        self.record(
            INSPECTION_RECORD_TYPE,
            &id.to_string(),
            event.kind,
            &saved.ledger_content(),
        )
        .await?;
        let rid = id.to_string();
        let link = format!("/staff/inspections/{id}");
        match event.kind {
            "inspection.result_recorded" => {
                // 双随机一公开: the result of a random inspection is published (118号 事后公开,
                // other enforcement decisions within 20 working days, a configurable default).
                if saved.plan_id.is_some() {
                    let due = disclosure::publication_due(
                        DecisionKind::Other,
                        today,
                        &DisclosurePeriods::default(),
                        calendar,
                    )
                    .map_err(refused)?;
                    self.open_deadline(&NewDeadline {
                        record_type: INSPECTION_RECORD_TYPE.into(),
                        record_id: rid.clone(),
                        rule_id: due.rule_id.into(),
                        title: format!("公示抽查结果：{}", saved.target_public_name()),
                        link: link.clone(),
                        trigger_date: today.to_string(),
                        due_date: due.due.to_string(),
                        provisional: due.provisional,
                        assignee_user_id: None,
                        department_id: Some(saved.department_id),
                    })
                    .await?;
                }
                if let Some(InspectionResult::OrderedToRectify { by }) = &saved.inspection.result {
                    self.open_deadline(&NewDeadline {
                        record_type: INSPECTION_RECORD_TYPE.into(),
                        record_id: rid.clone(),
                        rule_id: RECTIFICATION_CHECK_RULE_ID.into(),
                        title: format!("复查整改：{}", saved.target_public_name()),
                        link,
                        trigger_date: today.to_string(),
                        due_date: by.to_string(),
                        provisional: false,
                        assignee_user_id: None,
                        department_id: Some(saved.department_id),
                    })
                    .await?;
                }
            }
            "inspection.rectification_verified" => {
                self.close_deadlines(
                    INSPECTION_RECORD_TYPE,
                    &rid,
                    RECTIFICATION_CHECK_RULE_ID,
                    "met",
                )
                .await?;
            }
            _ => {}
        }
        Ok(saved)
    }

    /// 立案 from an inspection whose result is 立案或移送: registers a penalty case through the
    /// penalty flow (the target is the party, the findings the clue) and links it, in this
    /// transaction. Returns the inspection and the new case.
    pub async fn open_case_from_inspection(
        &mut self,
        env: &PenaltyEnv<'_>,
        id: i64,
        read_version: Option<i64>,
    ) -> Result<(StoredInspection, StoredCase)> {
        let stored = self.inspection_in_tx(id).await?;
        if stored.inspection.result != Some(InspectionResult::CaseOrTransfer) {
            return Err(refused(Refusal::new(
                "inspection.wrong_stage",
                "检查结果为立案或移送的，方可据此登记处罚案件",
            )));
        }
        if stored.inspection.penalty_case_id.is_some() {
            return Err(refused(Refusal::new(
                "inspection.case_already_linked",
                "该检查已关联处罚案件",
            )));
        }
        let target = self.target_in_tx(stored.inspection.target_id).await?;
        let case = self
            .register_penalty_case(
                env,
                NewClue {
                    department_id: stored.department_id,
                    power_id: target.power_id,
                    party: Party {
                        kind: target.party_kind,
                        name: target.name.clone(),
                    },
                    details: PartyDetails {
                        id_number: target.id_number.clone(),
                        phone: String::new(),
                        address: target.address.clone(),
                    },
                    clue: format!(
                        "行政检查发现（{}，{}）：{}",
                        target.matter,
                        stored
                            .inspection
                            .conducted_on
                            .map(|d| d.to_string())
                            .unwrap_or_default(),
                        stored.inspection.findings
                    ),
                    registered_on: env.today,
                },
            )
            .await?;
        let saved = self
            .apply_inspection_command(
                id,
                read_version,
                InspectionCommand::LinkPenaltyCase {
                    case_id: case.case.id,
                },
                env.today,
                env.calendar,
            )
            .await?;
        Ok((saved, case))
    }

    /// Publishes an inspection's result on the portal.
    pub async fn publish_inspection_result(
        &mut self,
        id: i64,
        published_on: NaiveDate,
        today: NaiveDate,
    ) -> Result<StoredInspection> {
        let stored = self.inspection_in_tx(id).await?;
        supervision::check_inspection_publication(&stored.inspection, stored.published)
            .map_err(refused)?;
        if published_on > today {
            return Err(refused(Refusal::new(
                "supervision.date_in_future",
                format!("公示日期{published_on}晚于今天"),
            )));
        }
        let saved = self
            .save_inspection(
                stored.version,
                &stored,
                &stored.inspection,
                Some(published_on.to_string()),
            )
            .await?;
        self.record(
            INSPECTION_RECORD_TYPE,
            &id.to_string(),
            "inspection.published",
            &saved.ledger_content(),
        )
        .await?;
        self.close_deadlines(
            INSPECTION_RECORD_TYPE,
            &id.to_string(),
            disclosure::publication_rule_id(DecisionKind::Other),
            "met",
        )
        .await?;
        Ok(saved)
    }
}

impl StoredInspection {
    /// The target's name as published.
    pub fn target_public_name(&self) -> String {
        public_target_name(self.target_kind == PartyKind::Individual, &self.target_name)
    }
}

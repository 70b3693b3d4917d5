//! Penalty cases (行政处罚案件) for staff: the list with filters and paging, registration of a
//! clue, the case page with its due dates, the forms of the next steps, the whole timeline with
//! evidence, and the legal-review opinion; publication of the decision and the major-penalty
//! filing hang off the same page.
//!
//! Every step goes HTTP → `case_forms::parse_command` (reads input) → `store::penalty_flow`
//! (domain decides, one transaction writes case + timeline + ledger + deadlines).

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use calendar::NaiveDate;
use domain::FieldErrors;
use domain::enforcement::PartyKind;
use domain::enforcement::legal_review::{Opinion, ReviewTrack};
use domain::enforcement::officer::Officer;
use domain::enforcement::penalty::{Defence, Hearing, Outcome, Party, Stage};
use domain::permission::{Action, allows};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use store::penalty_flow::PenaltyEnv;
use store::{Actor, CaseFilter, Department, PartyDetails, StoredCase};

use super::case_forms::{self, ACTIONS, Fields, REVIEW_POINT_FIELDS, Roster};
use super::deadlines::today;
use super::org::parse_id;
use super::powers::url_encode;
use super::{PageResult, base_context, departments_in_scope, merge, page, see_other};
use crate::auth::{CurrentUser, PageUser};
use crate::{AppState, WebError};

/// Cases on one page of the list.
pub const PAGE_SIZE: i64 = 30;

/// Largest evidence upload (the store's limit plus the multipart envelope).
pub const MAX_EVIDENCE_UPLOAD: usize = store::evidence::MAX_EVIDENCE_BYTES + 64 * 1024;

/// The actor of a change made by `me`.
pub fn actor(me: &CurrentUser) -> Actor {
    Actor {
        user_id: Some(me.user.id),
        name: me.user.display_name.clone(),
    }
}

/// The department ids a user's case lists are limited to (`None`: the whole government).
pub async fn case_scope(
    state: &AppState,
    me: &CurrentUser,
) -> Result<(Vec<Department>, Option<Vec<i64>>), WebError> {
    let all = state.store.list_departments(me.user.government_id).await?;
    let scope = me.scope().department_id.map(|_| {
        departments_in_scope(me, all.clone())
            .iter()
            .map(|d| d.id)
            .collect()
    });
    Ok((all, scope))
}

/// Loads a case the user may see, or "not found" (absent and out of scope alike).
pub async fn visible_case(
    state: &AppState,
    me: &CurrentUser,
    raw_id: &str,
) -> Result<StoredCase, WebError> {
    let id = parse_id(raw_id)?;
    let case = state.store.penalty_case(me.user.government_id, id).await?;
    let (_, scope) = case_scope(state, me).await?;
    match scope {
        Some(ids) if !ids.contains(&case.summary.department_id) => Err(WebError::NotFound),
        _ => Ok(case),
    }
}

/// The environment of the flow: the shared calendar and today.
pub fn env_of<'a>(state: &AppState, calendar: &'a calendar::Calendar) -> PenaltyEnv<'a> {
    PenaltyEnv::new(calendar, today(state))
}

/// CSS class of a stage tag.
pub fn stage_class(stage: Stage) -> &'static str {
    match stage {
        Stage::NotOpened | Stage::Closed | Stage::Archived | Stage::Executed => "ok",
        Stage::ReturnedByLegalReview => "bad",
        Stage::UnderLegalReview | Stage::HearingRequested | Stage::HearingScheduled => "warn",
        _ => "",
    }
}

fn dept_name(all: &[Department], id: i64) -> String {
    all.iter()
        .find(|d| d.id == id)
        .map(|d| d.name.clone())
        .unwrap_or_default()
}

/// A case summary as lists show it.
pub fn summary_json(s: &store::CaseSummary, all: &[Department], today: NaiveDate) -> Value {
    let overdue = s
        .next_due
        .as_deref()
        .is_some_and(|d| d < today.to_string().as_str());
    json!({
        "id": s.id,
        "case_number": s.case_number,
        "decision_number": s.decision_number,
        "party_name": s.party_name,
        "party_kind": store::penalty::party_kind_code(s.party_kind),
        "party_kind_label": s.party_kind.label(),
        "department_id": s.department_id,
        "department_name": dept_name(all, s.department_id),
        "stage": s.stage.as_str(),
        "stage_label": s.stage.label(),
        "stage_class": stage_class(s.stage),
        "registered_on": s.registered_on,
        "decided_on": s.decided_on,
        "next_due": s.next_due,
        "overdue": overdue,
        "fine": (s.fine_fen > 0).then(|| domain::enforcement::yuan(s.fine_fen)),
        "major": s.major,
    })
}

// ---------------------------------------------------------------- list

/// Query of the case list.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct CaseQuery {
    /// Department id.
    #[serde(default)]
    pub department: String,
    /// Stage code.
    #[serde(default)]
    pub stage: String,
    /// `1`: only cases past a due date.
    #[serde(default)]
    pub overdue: String,
    /// Case number or party name.
    #[serde(default)]
    pub q: String,
    /// Year of registration.
    #[serde(default)]
    pub year: String,
    /// Page from 1.
    #[serde(default)]
    pub page: String,
}

/// The store filter of a list query within the user's scope, and the page number.
pub async fn case_filter(
    state: &AppState,
    me: &CurrentUser,
    q: &CaseQuery,
    limit: i64,
) -> Result<(CaseFilter, i64), WebError> {
    let (_, scope) = case_scope(state, me).await?;
    let chosen = q.department.trim().parse::<i64>().ok();
    let departments = match (chosen, scope) {
        (Some(id), Some(ids)) => Some(if ids.contains(&id) { vec![id] } else { vec![] }),
        (Some(id), None) => Some(vec![id]),
        (None, s) => s,
    };
    let page_no = q
        .page
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let stage = store::penalty::parse_stage(q.stage.trim()).map(|s| s.as_str().to_owned());
    let filter = CaseFilter {
        departments,
        stage,
        overdue_on: (q.overdue.trim() == "1").then(|| today(state).to_string()),
        query: Some(q.q.trim().chars().take(40).collect()),
        year: q
            .year
            .trim()
            .parse()
            .ok()
            .filter(|y| (2000..2100).contains(y)),
        major_only: false,
        offset: (page_no - 1).saturating_mul(limit),
        limit,
    };
    Ok((filter, page_no))
}

/// GET /staff/cases
pub async fn list(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(q): Query<CaseQuery>,
) -> PageResult {
    me.require(Action::ViewCases)?;
    let (filter, page_no) = case_filter(&state, &me, &q, PAGE_SIZE).await?;
    let (rows, total) = state
        .store
        .list_penalty_cases(me.user.government_id, &filter)
        .await?;
    let (all, scope) = case_scope(&state, &me).await?;
    let today = today(&state);
    let counts = state
        .store
        .penalty_stage_counts(me.user.government_id, scope.as_deref())
        .await?;
    let visible: Vec<&Department> = all
        .iter()
        .filter(|d| d.is_enforcement_body)
        .filter(|d| scope.as_ref().is_none_or(|ids| ids.contains(&d.id)))
        .collect();
    let mut parts = Vec::new();
    for (k, v) in [
        ("department", &q.department),
        ("stage", &q.stage),
        ("overdue", &q.overdue),
        ("q", &q.q),
        ("year", &q.year),
    ] {
        if !v.trim().is_empty() {
            parts.push(format!("{k}={}", url_encode(v.trim())));
        }
    }
    let base = if parts.is_empty() {
        "/staff/cases?".to_owned()
    } else {
        format!("/staff/cases?{}&", parts.join("&"))
    };
    let stages: Vec<Value> = store::penalty::STAGES
        .iter()
        .map(|s| json!({"value": s.as_str(), "label": s.label(), "count": counts.get(s.as_str()).copied().unwrap_or(0)}))
        .collect();
    let ctx = merge(
        base_context(&state, &me, "/staff/cases", "行政处罚案件").await?,
        json!({
            "cases": rows.iter().map(|r| summary_json(r, &all, today)).collect::<Vec<_>>(),
            "total": if total > store::penalty::SEARCH_COUNT_CAP { json!(format!("{}+", store::penalty::SEARCH_COUNT_CAP)) } else { json!(total) },
            "page": page_no, "n_pages": ((total.min(store::penalty::SEARCH_COUNT_CAP) + PAGE_SIZE - 1) / PAGE_SIZE).max(1),
            "base": base, "filter": q, "stages": stages,
            "departments": visible.iter().map(|d| json!({"id": d.id.to_string(), "name": d.name})).collect::<Vec<_>>(),
            "can_handle": allows(me.user.role, Action::HandleCases),
        }),
    );
    page(StatusCode::OK, "cases.html", &ctx)
}

// ---------------------------------------------------------------- registration

/// The registration form (and the API body of `POST /api/v1/cases`).
#[derive(Debug, Default, Clone, Deserialize, Serialize, utoipa::ToSchema)]
pub struct RegisterForm {
    /// CSRF token (forms only).
    #[serde(default)]
    pub csrf: String,
    /// Handling department id.
    #[serde(default)]
    pub department_id: String,
    /// Power (matter) id on the power list, optional.
    #[serde(default)]
    pub power_id: String,
    /// `individual` or `organisation`.
    #[serde(default)]
    pub party_kind: String,
    /// Party name.
    #[serde(default)]
    pub party_name: String,
    /// 身份证号 or 统一社会信用代码.
    #[serde(default)]
    pub party_id_number: String,
    /// Phone.
    #[serde(default)]
    pub party_phone: String,
    /// Address.
    #[serde(default)]
    pub party_address: String,
    /// What the clue says.
    #[serde(default)]
    pub clue: String,
    /// Registration day, `YYYY-MM-DD` (today when empty).
    #[serde(default)]
    pub registered_on: String,
}

/// A validated registration.
pub type Registration = store::penalty_flow::NewClue;

/// Validates a registration against the user's scope.
pub async fn read_registration(
    state: &AppState,
    me: &CurrentUser,
    f: &RegisterForm,
) -> Result<Registration, WebError> {
    let mut e = FieldErrors::new();
    let (all, scope) = case_scope(state, me).await?;
    let department_id = f
        .department_id
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| all.iter().any(|d| d.id == *id && d.is_enforcement_body))
        .filter(|id| scope.as_ref().is_none_or(|s| s.contains(id)));
    if department_id.is_none() {
        e.add("department_id", "请选择本人管理范围内的执法主体");
    }
    let kind = match f.party_kind.trim() {
        "individual" => Some(PartyKind::Individual),
        "organisation" => Some(PartyKind::Organisation),
        _ => {
            e.add("party_kind", "请选择当事人类型");
            None
        }
    };
    let name = e.required_text("party_name", &f.party_name, 100);
    let clue = e.required_text("clue", &f.clue, 2000);
    let id_number = e.optional_text("party_id_number", &f.party_id_number, 30);
    if !id_number.is_empty() && !id_number.chars().all(|c| c.is_ascii_alphanumeric()) {
        e.add("party_id_number", "证件号码只能包含数字和字母");
    }
    let phone = e.optional_text("party_phone", &f.party_phone, 30);
    let address = e.optional_text("party_address", &f.party_address, 200);
    let registered_on = if f.registered_on.trim().is_empty() {
        today(state)
    } else {
        match NaiveDate::parse_from_str(f.registered_on.trim(), "%Y-%m-%d") {
            Ok(d) => d,
            Err(_) => {
                e.add("registered_on", "请按 年-月-日 填写登记日期");
                today(state)
            }
        }
    };
    let power_id = match f.power_id.trim() {
        "" => None,
        raw => match raw.parse::<i64>() {
            Ok(id) => Some(id),
            Err(_) => {
                e.add("power_id", "请选择权责清单中的事项");
                None
            }
        },
    };
    if let (Some(pid), Some(dept)) = (power_id, department_id) {
        match state.store.power(me.user.government_id, pid).await {
            Ok(p) if p.department_id == dept => {}
            _ => e.add("power_id", "所选事项不属于该执法主体的权责清单"),
        }
    }
    if !e.is_empty() {
        return Err(WebError::Invalid(e));
    }
    Ok(Registration {
        department_id: department_id.unwrap_or_default(),
        power_id,
        party: Party {
            kind: kind.unwrap_or(PartyKind::Individual),
            name,
        },
        details: PartyDetails {
            id_number,
            phone,
            address,
        },
        clue,
        registered_on,
    })
}

/// Registers a validated clue; returns the stored case.
pub async fn register(
    state: &AppState,
    me: &CurrentUser,
    r: Registration,
) -> Result<StoredCase, WebError> {
    let calendar = state.calendar.get();
    let env = env_of(state, &calendar);
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let saved = tx.register_penalty_case(&env, r).await?;
    tx.commit().await?;
    Ok(saved)
}

async fn new_page(
    state: &AppState,
    me: &CurrentUser,
    form: &RegisterForm,
    errors: &Value,
    status: StatusCode,
) -> PageResult {
    let (all, scope) = case_scope(state, me).await?;
    let departments: Vec<Value> = all
        .iter()
        .filter(|d| d.is_enforcement_body)
        .filter(|d| scope.as_ref().is_none_or(|ids| ids.contains(&d.id)))
        .map(|d| json!({"id": d.id.to_string(), "name": d.name}))
        .collect();
    let ctx = merge(
        base_context(state, me, "/staff/cases", "案源登记").await?,
        json!({"form": form, "errors": errors, "departments": departments, "today": today(state).to_string()}),
    );
    page(status, "case_new.html", &ctx)
}

/// GET /staff/cases/new
pub async fn new(State(state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    me.require(Action::HandleCases)?;
    new_page(
        &state,
        &me,
        &RegisterForm::default(),
        &json!({}),
        StatusCode::OK,
    )
    .await
}

/// POST /staff/cases
pub async fn create(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(f): Form<RegisterForm>,
) -> PageResult {
    me.require(Action::HandleCases)?;
    me.check_csrf(&f.csrf)?;
    let r = match read_registration(&state, &me, &f).await {
        Ok(r) => r,
        Err(WebError::Invalid(e)) => {
            return new_page(
                &state,
                &me,
                &f,
                &json!(e.0),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
        Err(e) => return Err(e.into()),
    };
    let saved = register(&state, &me, r).await?;
    see_other(&format!("/staff/cases/{}", saved.case.id))
}

// ---------------------------------------------------------------- the case page

fn field_label(key: &str) -> &str {
    match key {
        "party" => "当事人",
        "party_kind" => "当事人类型",
        "clue" => "案源",
        "complexity" => "案件性质",
        "reason" | "reasons" => "理由",
        "officers" => "执法人员",
        "ground" => "审核情形",
        "proposal" => "拟处罚",
        "penalty" => "处罚",
        "facts" => "违法事实",
        "basis" => "依据",
        "summary" => "要点",
        "finding" => "复核结论",
        "hearing_on" => "听证日期",
        "presiding_officer_id" => "主持人",
        "change" => "修改情况",
        "round" => "送审轮次",
        "reviewer" => "审核人员",
        "reviewer_id" => "审核人员编号",
        "opinion" => "审核意见",
        "participants" => "参加人员",
        "conclusion" => "结论",
        "from" => "自",
        "until" => "至",
        "period" => "期间",
        "approved_on" => "批准日期",
        "authority" => "批准",
        "document_number" => "文书号",
        "outcome" => "处理结果",
        "transfer_to" => "移送机关",
        "late" => "是否逾期",
        "method" => "送达方式",
        "fen" => "金额（分）",
        "owed_fen" => "尚欠（分）",
        "surcharge_fen" => "加处罚款（分）",
        "ordinal" => "告知次数",
        "hearing_right" => "听证权利",
        "hearing_ground" => "听证情形",
        "requested_on" => "申请日期",
        "notified_on" => "通知日期",
        "held_on" => "日期",
        other => other,
    }
}

fn event_title(kind: &str) -> &'static str {
    match kind {
        "penalty.clue_registered" => "案源登记",
        "penalty.verification_started" => "开始核查",
        "penalty.opened" => "立案",
        "penalty.not_opened" => "不予立案",
        "penalty.investigators_assigned" => "指派执法人员",
        "penalty.review_ground_added" => "记录法制审核情形",
        "penalty.marked_complex_or_major" => "认定情节复杂或重大违法",
        "penalty.investigation_closed" => "调查终结",
        "penalty.noticed" => "事先告知",
        "penalty.defence_recorded" => "陈述申辩及复核",
        "penalty.defence_waived" => "放弃陈述申辩和听证",
        "penalty.hearing_requested" => "当事人要求听证",
        "penalty.hearing_scheduled" => "通知听证",
        "penalty.hearing_recorded" => "听证",
        "penalty.legal_review_submitted" => "送法制审核",
        "penalty.legal_review_recorded" => "法制审核意见",
        "penalty.deliberation_recorded" => "负责人集体讨论",
        "penalty.decision_clock_suspended" => "中止办案期限",
        "penalty.decision_deadline_extended" => "延长办案期限",
        "penalty.decided" => "作出决定",
        "penalty.served" => "送达决定书",
        "penalty.payment_recorded" => "缴纳罚款",
        "penalty.closed" => "结案",
        "penalty.archived" => "归档",
        _ => "案件事件",
    }
}

fn value_label(key: &str, value: &str) -> String {
    match (key, value) {
        ("late", "true") => "是（已逾期）".into(),
        ("late", "false") => "否".into(),
        ("party_kind", "individual") => "公民".into(),
        ("party_kind", "organisation") => "法人或者其他组织".into(),
        ("complexity", "ordinary") => "一般案件".into(),
        ("complexity", "complex_or_major") => "情节复杂或重大违法".into(),
        ("outcome", "penalty") => "给予行政处罚".into(),
        ("outcome", "no_penalty_minor") => "违法行为轻微，不予行政处罚".into(),
        ("outcome", "no_penalty_not_established") => "违法事实不能成立，不予行政处罚".into(),
        ("outcome", "transfer_to_judiciary") => "涉嫌犯罪，移送司法机关".into(),
        (k, v) if k.ends_with("fen") => v
            .parse::<i64>()
            .map(domain::enforcement::yuan)
            .unwrap_or_else(|_| v.to_owned()),
        _ => value.to_owned(),
    }
}

/// Events and evidence of a case, in ledger order.
async fn timeline(state: &AppState, gov: i64, case: &StoredCase) -> Result<Vec<Value>, WebError> {
    let events = state.store.penalty_events(gov, case.case.id).await?;
    let files = state
        .store
        .evidence_of(
            gov,
            store::penalty::PENALTY_RECORD_TYPE,
            &case.case.id.to_string(),
        )
        .await?;
    let mut out: Vec<(i64, Value)> = events
        .iter()
        .map(|e| {
            let fields: Vec<Value> = e
                .fields
                .iter()
                .filter(|(k, v)| !v.is_empty() && k != "reviewer_id")
                .map(|(k, v)| json!({"label": field_label(k), "value": value_label(k, v)}))
                .collect();
            (
                e.ledger_idx,
                json!({"kind": "event", "title": event_title(&e.kind), "on": e.on_date, "actor": e.actor,
                       "stage_label": e.stage.label(), "fields": fields, "ledger_idx": e.ledger_idx,
                       "at": crate::time::format_ms(e.created_at)}),
            )
        })
        .collect();
    out.extend(files.iter().map(|f| {
        (
            f.ledger_idx,
            json!({"kind": "evidence", "title": "附加证据材料", "file_name": f.file_name, "hash": f.content_hash,
                   "ledger_idx": f.ledger_idx, "at": crate::time::format_ms(f.created_at)}),
        )
    }));
    out.sort_by_key(|(idx, _)| *idx);
    Ok(out.into_iter().map(|(_, v)| v).collect())
}

/// The department's officers (for the team, presiding officer and reviewer choices).
pub async fn department_officers(
    state: &AppState,
    gov: i64,
    department_id: i64,
) -> Result<Vec<Officer>, WebError> {
    let filter = store::OfficerFilter {
        department_ids: Some(vec![department_id]),
        status: None,
        expiring_within_days: None,
        search: String::new(),
        today: today(state),
        offset: 0,
        limit: 1000,
    };
    Ok(state
        .store
        .list_officers(gov, &filter)
        .await?
        .0
        .into_iter()
        .map(|r| r.officer)
        .collect())
}

fn review_json(track: &ReviewTrack) -> Value {
    let record = |r: &domain::enforcement::legal_review::ReviewRecord| {
        let findings: Vec<Value> = match &r.opinion {
            Opinion::Approve => vec![],
            Opinion::Problems(f) => f
                .iter()
                .map(|f| json!({"point": f.point.label(), "reason": f.reason}))
                .collect(),
        };
        json!({"reviewer": r.reviewer_name, "on": r.reviewed_on.to_string(), "round": r.round,
               "approved": matches!(r.opinion, Opinion::Approve), "findings": findings})
    };
    match track {
        ReviewTrack::NotSubmitted => json!({"state": "未送审"}),
        ReviewTrack::Submitted { on, round, change } => {
            json!({"state": format!("第{round}次送审，待审核"), "on": on.to_string(), "change": change})
        }
        ReviewTrack::Returned(r) => json!({"state": "存在问题，已退回", "record": record(r)}),
        ReviewTrack::Passed(r) => json!({"state": "同意", "record": record(r)}),
    }
}

/// The case as the case page shows it.
pub fn case_detail_json(c: &StoredCase, all: &[Department], today: NaiveDate) -> Value {
    let case = &c.case;
    let notice = case.notice.as_ref().map(|n| {
        json!({"served_on": n.served_on.to_string(), "proposal": n.proposal.describe(), "facts": n.facts,
               "basis": n.basis, "hearing_ground": n.hearing_ground.map(|g| g.label()), "ordinal": n.ordinal})
    });
    let defence = match &case.defence {
        Defence::Pending => json!(null),
        Defence::Heard { on, summary, .. } => json!({"on": on.to_string(), "summary": summary}),
        Defence::Waived { on } => {
            json!({"on": on.to_string(), "summary": "当事人书面放弃陈述申辩和听证"})
        }
    };
    let hearing = match &case.hearing {
        Hearing::NotApplicable => "不适用",
        Hearing::Available => "已告知听证权利，当事人尚未要求",
        Hearing::Requested { .. } => "当事人已要求听证",
        Hearing::Scheduled { .. } => "已通知听证",
        Hearing::Done { .. } => "听证已结束",
        Hearing::Waived => "当事人放弃听证",
    };
    let decision = case.decision.as_ref().map(|d| {
        let outcome = match &d.outcome {
            Outcome::Penalty(p) => format!("给予行政处罚：{}", p.describe()),
            Outcome::NoPenaltyMinor => "违法行为轻微，依法不予行政处罚".into(),
            Outcome::NoPenaltyNotEstablished => "违法事实不能成立，不予行政处罚".into(),
            Outcome::TransferToJudiciary { to } => format!("涉嫌犯罪，移送{to}"),
        };
        json!({"on": d.decided_on.to_string(), "number": d.document_number, "outcome": outcome, "late": d.late})
    });
    let deadline = case
        .decision_deadline()
        .map(|d| json!({"extensions": d.extensions.len(), "suspensions": d.suspensions.len()}));
    json!({
        "summary": summary_json(&c.summary, all, today),
        "version": c.version,
        "clue": case.clue,
        "opened_on": case.opened_on.map(|d| d.to_string()),
        "not_opened_reason": case.not_opened_reason,
        "complex": case.complexity == domain::enforcement::penalty::Complexity::ComplexOrMajor,
        "grounds": case.review_grounds.iter().map(|g| g.label()).collect::<Vec<_>>(),
        "team": case.team.iter().map(|m| json!({"name": m.name, "certificate": m.certificate_number})).collect::<Vec<_>>(),
        "investigation_closed_on": case.investigation_closed_on.map(|d| d.to_string()),
        "notice": notice,
        "defence": defence,
        "hearing": hearing,
        "review": review_json(&case.review),
        "deliberation": case.deliberation.as_ref().map(|d| json!({"on": d.held_on.to_string(), "participants": d.participants.join("、"), "conclusion": d.conclusion})),
        "decision": decision,
        "deadline": deadline,
        "service": case.service.as_ref().map(|s| json!({"on": s.served_on.to_string(), "late": s.late})),
        "paid": domain::enforcement::yuan(case.payments.iter().map(|p| p.fen).sum()),
        "outstanding": domain::enforcement::yuan(case.outstanding_fine_fen()),
        "closed_on": case.closed_on.map(|d| d.to_string()),
        "archived_on": case.archived_on.map(|d| d.to_string()),
        "party_id_number": c.details.id_number,
        "party_phone": c.details.phone,
        "party_address": c.details.address,
    })
}

/// What to show again after a refused or invalid step.
#[derive(Default)]
pub struct StepFeedback {
    /// The action that failed.
    pub action: String,
    /// The refusal message (with its article).
    pub error: String,
    /// Field errors.
    pub errors: Value,
    /// The submitted fields.
    pub fields: Value,
    /// A notice after success.
    pub notice: String,
}

/// Renders the case page.
pub async fn case_page(
    state: &AppState,
    me: &CurrentUser,
    c: &StoredCase,
    feedback: StepFeedback,
    status: StatusCode,
) -> PageResult {
    let gov = me.user.government_id;
    let all = state.store.list_departments(gov).await?;
    let today = today(state);
    let role = me.user.role;
    let can_handle = allows(role, Action::HandleCases);
    let can_review = allows(role, Action::ReviewCases);
    let officers = department_officers(state, gov, c.summary.department_id).await?;
    let actions: Vec<&str> = case_forms::actions_at(c.case.stage)
        .into_iter()
        .filter(|a| {
            if *a == "review" {
                can_review
            } else {
                can_handle
            }
        })
        .collect();
    let due = state
        .store
        .open_deadlines_of_record(
            gov,
            store::penalty::PENALTY_RECORD_TYPE,
            &c.case.id.to_string(),
        )
        .await?;
    let due: Vec<Value> = due
        .iter()
        .map(|d| json!({"title": d.deadline.title, "due": d.deadline.due_date, "overdue": d.deadline.due_date < today.to_string(), "provisional": d.deadline.provisional}))
        .collect();
    let disclosure = state.store.disclosure_of_case(gov, c.case.id).await?;
    let filing = state.store.major_filing(gov, c.case.id).await?;
    // A case registered from an inspection's finding links back to that inspection.
    let inspection = state.store.inspection_of_case(gov, c.case.id).await?;
    let timeline = timeline(state, gov, c).await?;
    // The discretion standard of the case's matter (第三十四条), offered beside the fine.
    let bands: Vec<Value> = match c.summary.power_id {
        Some(pid) => state
            .store
            .discretion_bands(gov, pid)
            .await?
            .iter()
            .map(|b| json!({"label": b.circumstance.label(), "min": domain::enforcement::yuan(b.min_fen),
                            "max": domain::enforcement::yuan(b.max_fen), "description": b.description}))
            .collect(),
        None => Vec::new(),
    };
    let officer_options: Vec<Value> = officers
        .iter()
        .map(|o| {
            let status = o.certificate.status_on(today);
            json!({"id": o.id, "name": o.name, "certificate": o.certificate.number, "status": status.label(),
                   "valid": status == domain::enforcement::officer::CertificateStatus::Valid,
                   "qualified": o.legal_review_qualified})
        })
        .collect();
    let actions_json: Vec<Value> = ACTIONS
        .iter()
        .filter(|(code, _)| actions.contains(code))
        .map(|(code, label)| json!({"code": code, "label": label}))
        .collect();
    let points: Vec<Value> = REVIEW_POINT_FIELDS
        .iter()
        .map(|(name, p)| json!({"name": name, "label": p.label()}))
        .collect();
    let can_publish = can_handle
        && disclosure.is_none()
        && matches!(
            c.case.decision,
            Some(domain::enforcement::penalty::Decision {
                outcome: Outcome::Penalty(_),
                ..
            })
        );
    let can_file = can_handle && filing.is_none() && c.summary.major && c.case.decision.is_some();
    let title = format!("{} {}", c.summary.case_number, c.summary.party_name);
    let ctx = merge(
        base_context(state, me, "/staff/cases", &title).await?,
        json!({
            "case": case_detail_json(c, &all, today),
            "due": due,
            "timeline": timeline,
            "actions": actions_json,
            "officers": officer_options,
            "review_points": points,
            "bands": bands,
            "today": today.to_string(),
            "can_handle": can_handle,
            "can_publish": can_publish,
            "can_file": can_file,
            "disclosure": disclosure.as_ref().map(|d| json!({"id": d.id, "status": d.status, "published_on": d.published_on, "late": d.late, "withdrawn_on": d.withdrawn_on, "withdrawal_reason": d.withdrawal_reason})),
            "filing": filing.as_ref().map(|f| json!({"filed_on": f.filed_on, "due_on": f.due_on, "late": f.late})),
            "inspection": inspection.as_ref().map(|i| json!({"id": i.inspection.id, "target": i.target_name, "matter": i.matter, "conducted_on": i.inspection.conducted_on.map(|d| d.to_string())})),
            "step_action": feedback.action,
            "step_action_label": if feedback.action.is_empty() { "" } else { case_forms::action_label(&feedback.action) },
            "step_error": feedback.error,
            "errors": feedback.errors,
            "fields": feedback.fields,
            "notice": feedback.notice,
        }),
    );
    page(status, "case.html", &ctx)
}

/// GET /staff/cases/{id}
pub async fn show(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
) -> PageResult {
    me.require(Action::ViewCases)?;
    let c = visible_case(&state, &me, &id).await?;
    case_page(&state, &me, &c, StepFeedback::default(), StatusCode::OK).await
}

/// Runs one step on a case the user may act on; returns the saved case.
pub async fn run_step(
    state: &AppState,
    me: &CurrentUser,
    c: &StoredCase,
    action: &str,
    fields: &Fields,
    read_version: Option<i64>,
) -> Result<StoredCase, WebError> {
    if action == "review" {
        me.require(Action::ReviewCases)?;
    } else {
        me.require(Action::HandleCases)?;
    }
    let gov = me.user.government_id;
    let officers = department_officers(state, gov, c.summary.department_id).await?;
    let roster = Roster {
        officers: &officers,
        today: today(state),
    };
    let command = case_forms::parse_command(action, fields, &roster)?;
    let calendar = state.calendar.get();
    let env = env_of(state, &calendar);
    // The circumstance (裁量情节) the officer found, for a fine on a matter with a standard.
    let circumstance =
        domain::enforcement::power::Circumstance::parse(case_forms::field(fields, "circumstance"));
    let mut tx = state
        .store
        .begin_write(gov, &actor(me), state.now())
        .await?;
    let saved = tx
        .apply_penalty_command_with(&env, c.case.id, read_version, command, circumstance)
        .await?;
    tx.commit().await?;
    Ok(saved)
}

/// POST /staff/cases/{id}/act — one step of the procedure.
pub async fn act(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(fields): Form<Fields>,
) -> PageResult {
    me.require(Action::ViewCases)?;
    me.check_csrf(case_forms::field(&fields, "csrf"))?;
    let c = visible_case(&state, &me, &id).await?;
    let action = case_forms::field(&fields, "action").to_owned();
    let version = case_forms::field(&fields, "version").parse::<i64>().ok();
    match run_step(&state, &me, &c, &action, &fields, version).await {
        Ok(saved) => see_other(&format!(
            "/staff/cases/{}?done={}",
            saved.case.id,
            url_encode(&action)
        )),
        Err(e @ (WebError::Refused(_) | WebError::Invalid(_) | WebError::Conflict(_))) => {
            let submitted: serde_json::Map<String, Value> = fields
                .iter()
                .filter(|(k, _)| k != "csrf")
                .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                .collect();
            let feedback = StepFeedback {
                action: action.clone(),
                error: match &e {
                    WebError::Invalid(_) => "请按提示修改后再提交".into(),
                    other => other.to_string(),
                },
                errors: match &e {
                    WebError::Invalid(f) => json!(f.0),
                    _ => json!({}),
                },
                fields: Value::Object(submitted),
                notice: String::new(),
            };
            let status = e.status();
            let fresh = visible_case(&state, &me, &id).await?;
            case_page(&state, &me, &fresh, feedback, status).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------- evidence

fn media_type_of(name: &str) -> &'static str {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit('.').next().unwrap_or("");
    match ext {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "pdf" => "application/pdf",
        "mp3" => "audio/mpeg",
        "m4a" => "audio/mp4",
        "wav" => "audio/wav",
        "mp4" => "video/mp4",
        "mov" => "video/quicktime",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// POST /staff/cases/{id}/evidence — attach files (multipart, field `files`).
pub async fn upload_evidence(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<CsrfQuery>,
    request: axum::extract::Request,
) -> PageResult {
    me.require(Action::HandleCases)?;
    me.check_csrf(&q.csrf)?;
    let c = visible_case(&state, &me, &id).await?;
    let files = super::report_review::uploaded_files(request, &state).await?;
    if files.is_empty() || files.iter().all(|(_, b)| b.is_empty()) {
        let feedback = StepFeedback {
            action: "evidence".into(),
            error: "请选择要上传的证据文件".into(),
            ..StepFeedback::default()
        };
        return case_page(&state, &me, &c, feedback, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    for (name, bytes) in files.iter().filter(|(_, b)| !b.is_empty()) {
        let name: String = name.chars().take(200).collect();
        tx.attach_evidence(
            store::penalty::PENALTY_RECORD_TYPE,
            &c.case.id.to_string(),
            &name,
            media_type_of(&name),
            bytes,
        )
        .await?;
    }
    tx.commit().await?;
    see_other(&format!("/staff/cases/{}?done=evidence", c.case.id))
}

/// The CSRF token of a multipart form, sent in the query string (the body is read after the
/// role check).
#[derive(Debug, Default, Deserialize)]
pub struct CsrfQuery {
    /// Token.
    #[serde(default)]
    pub csrf: String,
}

/// GET /staff/cases/{id}/evidence/{hash} — download an attached file.
pub async fn download_evidence(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path((id, hash)): Path<(String, String)>,
) -> Result<Response, crate::error::PageError> {
    me.require(Action::ViewCases)?;
    let c = visible_case(&state, &me, &id).await?;
    let gov = me.user.government_id;
    let links = state
        .store
        .evidence_of(
            gov,
            store::penalty::PENALTY_RECORD_TYPE,
            &c.case.id.to_string(),
        )
        .await?;
    let Some(link) = links.iter().find(|l| l.content_hash == hash) else {
        return Err(WebError::NotFound.into());
    };
    let file = state.store.evidence_file(gov, &hash).await?;
    let disposition = format!(
        "attachment; filename=\"evidence\"; filename*=UTF-8''{}",
        url_encode(&link.file_name)
    );
    Ok((
        [
            (header::CONTENT_TYPE, file.media_type.clone()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        file.content,
    )
        .into_response())
}

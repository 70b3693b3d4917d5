//! Published enforcement decisions on the portal (行政执法公示 事后公开): the list per government,
//! each decision's redacted text, a withdrawn decision's reason (第四十八条), its place in the
//! tamper-evident log, and each department's legal-review catalogue (审核目录).

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::pages::{PageResult, page};
use crate::{AppState, WebError};

/// Decisions on one page of the portal list.
pub const PAGE_SIZE: i64 = 30;

/// Query of the portal list.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct DecisionQuery {
    /// Government id (default: the first).
    #[serde(default)]
    pub government: String,
    /// Page from 1.
    #[serde(default)]
    pub page: String,
}

/// GET /decisions
pub async fn list(State(state): State<AppState>, Query(q): Query<DecisionQuery>) -> PageResult {
    let governments = state.store.list_governments().await?;
    let gov = q
        .government
        .parse::<i64>()
        .ok()
        .and_then(|id| governments.iter().find(|g| g.id == id))
        .or(governments.first());
    let page_no = q.page.parse::<i64>().ok().filter(|&p| p > 0).unwrap_or(1);
    let mut rows = Vec::new();
    let mut catalogue = Vec::new();
    if let Some(g) = gov {
        let departments = state.store.list_departments(g.id).await?;
        let name = |id: i64| {
            departments
                .iter()
                .find(|d| d.id == id)
                .map(|d| d.name.clone())
                .unwrap_or_default()
        };
        for d in state
            .store
            .disclosures(g.id, None, false, (page_no - 1) * PAGE_SIZE, PAGE_SIZE + 1)
            .await?
        {
            rows.push(json!({"id": d.id, "title": d.title, "department": name(d.department_id),
                             "published_on": d.published_on, "status": d.status, "withdrawn_on": d.withdrawn_on}));
        }
        for i in state.store.review_catalogue(g.id, None).await? {
            catalogue.push(
                json!({"department": name(i.department_id), "title": i.title, "basis": i.basis,
                                  "min_fine": i.min_fine_fen.map(domain::enforcement::yuan)}),
            );
        }
    }
    let has_next = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let ctx = json!({
        "governments": governments.iter().map(|g| json!({"id": g.id.to_string(), "name": g.name})).collect::<Vec<_>>(),
        "government_id": gov.map(|g| g.id.to_string()), "government_name": gov.map(|g| g.name.clone()),
        "decisions": rows, "catalogue": catalogue, "page": page_no, "has_next": has_next,
    });
    page(StatusCode::OK, "portal_decisions.html", &ctx)
}

/// Query naming the government of a decision.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct GovernmentQuery {
    /// Government id (default: the first).
    #[serde(default)]
    pub government: String,
}

/// GET /decisions/{id}
pub async fn show(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<GovernmentQuery>,
) -> PageResult {
    let governments = state.store.list_governments().await?;
    let gov = q
        .government
        .parse::<i64>()
        .ok()
        .and_then(|id| governments.iter().find(|g| g.id == id))
        .or(governments.first())
        .ok_or(WebError::NotFound)?;
    let id: i64 = id.parse().map_err(|_| WebError::NotFound)?;
    let d = state.store.disclosure(gov.id, id).await?;
    let departments = state.store.list_departments(gov.id).await?;
    let lines: Vec<Value> = d
        .content
        .lines()
        .map(|l| match l.split_once('：') {
            Some((k, v)) => json!({"label": k, "value": v}),
            None => json!({"label": "", "value": l}),
        })
        .collect();
    let ctx = json!({
        "government_id": gov.id, "government_name": gov.name,
        "d": {"id": d.id, "title": d.title, "document_number": d.document_number, "published_on": d.published_on,
              "status": d.status, "withdrawn_on": d.withdrawn_on, "withdrawal_ground": d.withdrawal_ground,
              "withdrawal_reason": d.withdrawal_reason,
              "department": departments.iter().find(|x| x.id == d.department_id).map(|x| x.name.clone())},
        "lines": lines,
    });
    page(StatusCode::OK, "portal_decision.html", &ctx)
}

/// The stages of the ordinary procedure as the public page explains them: stage, what happens,
/// and the article of the 行政处罚法 that governs it.
const PROCEDURE: &[(&str, &str, &str)] = &[
    ("立案", "符合立案标准的，应当及时立案", "第五十四条"),
    (
        "调查取证",
        "执法人员不得少于两人，应当主动出示执法证件",
        "第四十二条、第五十五条",
    ),
    (
        "事先告知",
        "作出决定前告知拟处罚的内容及事实、理由、依据，以及陈述、申辩、要求听证的权利",
        "第四十四条",
    ),
    (
        "陈述申辩与听证",
        "当事人有权陈述、申辩；较大数额罚款等情形可以要求听证，告知后五日内提出",
        "第四十五条、第六十三条、第六十四条",
    ),
    (
        "法制审核",
        "重大执法决定作出前须经法制审核，未经审核或审核未通过的不得作出决定",
        "第五十八条",
    ),
    (
        "集体讨论",
        "情节复杂或者重大违法行为给予行政处罚，由负责人集体讨论决定",
        "第五十七条",
    ),
    ("作出决定", "自立案之日起九十日内作出处理决定", "第六十条"),
    ("送达", "当场交付；当事人不在场的，七日内送达", "第六十一条"),
    (
        "执行",
        "收到决定书之日起十五日内缴纳罚款；逾期每日加处罚款数额的百分之三",
        "第六十七条、第七十二条",
    ),
];

/// GET /enforcement — 事前公开: who enforces, by what procedure, and what remedies a party has.
pub async fn about(State(state): State<AppState>, Query(q): Query<GovernmentQuery>) -> PageResult {
    let governments = state.store.list_governments().await?;
    let gov = q
        .government
        .parse::<i64>()
        .ok()
        .and_then(|id| governments.iter().find(|g| g.id == id))
        .or(governments.first());
    let mut bodies = Vec::new();
    let mut catalogue = Vec::new();
    if let Some(g) = gov {
        let departments = state.store.list_departments(g.id).await?;
        for d in departments
            .iter()
            .filter(|d| d.is_enforcement_body && d.enforcement_published)
        {
            bodies.push(json!({"name": d.name, "basis": d.enforcement_basis}));
        }
        for i in state.store.review_catalogue(g.id, None).await? {
            let name = departments
                .iter()
                .find(|d| d.id == i.department_id)
                .map(|d| d.name.clone())
                .unwrap_or_default();
            catalogue.push(json!({"department": name, "title": i.title}));
        }
    }
    let procedure: Vec<Value> = PROCEDURE
        .iter()
        .map(|(stage, what, article)| json!({"stage": stage, "what": what, "article": article}))
        .collect();
    let ctx = json!({
        "government_id": gov.map(|g| g.id), "government_name": gov.map(|g| g.name.clone()),
        "bodies": bodies, "catalogue": catalogue, "procedure": procedure,
    });
    page(StatusCode::OK, "portal_enforcement.html", &ctx)
}

//! Random inspection results on the portal (双随机一公开): the drawn plans and each published
//! result with the enforcement body, matter, target (an individual's name masked, no identity
//! number or address), inspection day and conclusion.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use domain::enforcement::supervision::inspection_result_label;
use serde::{Deserialize, Serialize};
use serde_json::json;
use store::inspections::InspectionFilter;

use crate::AppState;
use crate::pages::{PageResult, page};

/// Results on one page of the portal list.
pub const PAGE_SIZE: i64 = 30;

/// Query of the portal list.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct InspectionQuery {
    /// Government id (default: the first).
    #[serde(default)]
    pub government: String,
    /// Page from 1.
    #[serde(default)]
    pub page: String,
}

/// A published result as the portal and the public API show it.
pub fn public_result(
    i: &store::inspections::StoredInspection,
    departments: &[store::Department],
) -> serde_json::Value {
    let x = &i.inspection;
    json!({
        "id": x.id,
        "department": departments.iter().find(|d| d.id == i.department_id).map(|d| d.name.clone()).unwrap_or_default(),
        "matter": i.matter,
        "target": i.target_public_name(),
        "random": i.plan_id.is_some(),
        "inspected_on": x.conducted_on.map(|d| d.to_string()),
        "conclusion": x.result.as_ref().map(inspection_result_label),
        "published_on": i.published_on,
    })
}

/// GET /inspections
pub async fn list(State(state): State<AppState>, Query(q): Query<InspectionQuery>) -> PageResult {
    let governments = state.store.list_governments().await?;
    let gov = q
        .government
        .parse::<i64>()
        .ok()
        .and_then(|id| governments.iter().find(|g| g.id == id))
        .or(governments.first());
    let page_no = q.page.parse::<i64>().ok().filter(|&p| p > 0).unwrap_or(1);
    let mut rows = Vec::new();
    let mut plans = Vec::new();
    if let Some(g) = gov {
        let departments = state.store.list_departments(g.id).await?;
        let (list, _) = state
            .store
            .inspections(
                g.id,
                &InspectionFilter {
                    published_only: true,
                    offset: (page_no - 1) * PAGE_SIZE,
                    limit: PAGE_SIZE + 1,
                    ..InspectionFilter::default()
                },
            )
            .await?;
        rows = list
            .iter()
            .map(|i| public_result(i, &departments))
            .collect();
        let (all_plans, _) = state.store.inspection_plans(g.id, None, 0, 20).await?;
        plans = all_plans
            .iter()
            .filter(|p| p.status == "drawn")
            .map(|p| {
                json!({"title": p.title, "matter": p.matter, "n_targets": p.n_targets, "drawn_on": p.drawn_on,
                       "department": departments.iter().find(|d| d.id == p.department_id).map(|d| d.name.clone()).unwrap_or_default()})
            })
            .collect();
    }
    let has_next = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let ctx = json!({
        "governments": governments.iter().map(|g| json!({"id": g.id.to_string(), "name": g.name})).collect::<Vec<_>>(),
        "government_id": gov.map(|g| g.id.to_string()), "government_name": gov.map(|g| g.name.clone()),
        "results": rows, "plans": plans, "page": page_no, "has_next": has_next,
    });
    page(StatusCode::OK, "portal_inspections.html", &ctx)
}

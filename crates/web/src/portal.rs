//! The public portal: only what has been published, with nothing personal.

use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::AppState;
use crate::pages::{PageResult, page};

/// GET / — the portal home, listing the published enforcement bodies of every government.
pub async fn index(State(state): State<AppState>) -> PageResult {
    let rows = state.store.published_enforcement_bodies().await?;
    let mut governments: Vec<Value> = Vec::new();
    for (gov, dept) in rows {
        let body = json!({"name": dept.name, "enforcement_basis": dept.enforcement_basis});
        match governments.last_mut() {
            Some(last) if last["id"] == json!(gov.id) => last["bodies"].as_array_mut().expect("array").push(body),
            _ => governments.push(json!({"id": gov.id, "name": gov.name, "region_code": gov.region_code, "bodies": [body]})),
        }
    }
    page(
        StatusCode::OK,
        "portal_index.html",
        &json!({"governments": governments}),
    )
}

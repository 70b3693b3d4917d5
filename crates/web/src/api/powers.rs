//! The power list (权责清单) in the JSON API: list, read, create, edit, status change,
//! discretion bands and the fine check; and the public list of every government.
//! The same rules and scope as the staff pages (`pages::powers`), which hold the shared checks.

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use domain::FieldErrors;
use domain::enforcement::power::{Circumstance, check_fine};
use domain::permission::Action;
use serde::Deserialize;
use store::Actor;

use super::dto::*;
use super::{RawJson, check_csrf_header};
use crate::auth::CurrentUser;
use crate::pages::powers::{
    ListQuery, PowerForm, StatusForm, decide_bands, decide_status_change, manageable_departments,
    managed_power, power_fields, standard_of, validate_power, visible_power, yuan_text,
};
use crate::{AppState, WebError};

type ApiResult<T> = Result<T, WebError>;

fn actor(me: &CurrentUser) -> Actor {
    Actor {
        user_id: Some(me.user.id),
        name: me.user.display_name.clone(),
    }
}

/// Query of the API list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct PowerListQuery {
    /// Department id.
    #[serde(default)]
    pub department_id: Option<i64>,
    /// Power type, e.g. 处罚.
    #[serde(default)]
    pub power_type: Option<String>,
    /// `in_force` or `not_in_force`.
    #[serde(default)]
    pub status: Option<String>,
    /// Text searched in code, name and legal basis.
    #[serde(default)]
    pub q: Option<String>,
    /// Page from 1.
    #[serde(default)]
    pub page: Option<i64>,
    /// Rows per page (at most 500, default 50).
    #[serde(default)]
    pub per_page: Option<i64>,
}

/// The power list of the caller's government, filtered and paged.
#[utoipa::path(get, path = "/api/v1/powers", tag = "powers", params(PowerListQuery),
    responses((status = 200, body = PowerPage), (status = "4XX", body = ApiError)))]
pub async fn list_powers(
    State(state): State<AppState>,
    me: CurrentUser,
    Query(q): Query<PowerListQuery>,
) -> ApiResult<Json<PowerPage>> {
    me.require(Action::ViewPowers)?;
    let filter = ListQuery {
        department: q.department_id.map(|d| d.to_string()).unwrap_or_default(),
        power_type: q.power_type.unwrap_or_default(),
        status: q.status.unwrap_or_default(),
        q: q.q.unwrap_or_default(),
        page: String::new(),
    }
    .filter();
    let per_page = q.per_page.unwrap_or(50).clamp(1, 500);
    let page = q.page.unwrap_or(1).max(1);
    let (total, powers) = state
        .store
        .list_powers(
            me.user.government_id,
            &filter,
            (page - 1) * per_page,
            per_page,
        )
        .await?;
    Ok(Json(PowerPage {
        total,
        items: powers.iter().map(PowerDto::from).collect(),
    }))
}

async fn detail(state: &AppState, power: &store::StoredPower) -> ApiResult<PowerDetailDto> {
    let history = state
        .store
        .power_history(power.government_id, power.id)
        .await?
        .into_iter()
        .map(|e| StatusEventDto {
            change: e.event.change.label().to_owned(),
            on: e.event.on.to_string(),
            document_number: e.event.document_number,
        })
        .collect();
    let bands = state
        .store
        .discretion_bands(power.government_id, power.id)
        .await?;
    Ok(PowerDetailDto {
        power: PowerDto::from(power),
        history,
        bands: bands.iter().map(BandDto::from).collect(),
    })
}

/// One power with its status history and discretion standard.
#[utoipa::path(get, path = "/api/v1/powers/{id}", tag = "powers", params(("id" = i64, Path)),
    responses((status = 200, body = PowerDetailDto), (status = "4XX", body = ApiError)))]
pub async fn find_power(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<String>,
) -> ApiResult<Json<PowerDetailDto>> {
    me.require(Action::ViewPowers)?;
    let power = visible_power(&state, &me, &id).await?;
    Ok(Json(detail(&state, &power).await?))
}

fn form_of(body: &PowerBody) -> PowerForm {
    PowerForm {
        csrf: String::new(),
        code: body.code.clone(),
        name: body.name.clone(),
        power_type: body.power_type.clone(),
        basis_law: body.basis_law.clone(),
        basis_article: body.basis_article.clone(),
        department_id: body.department_id.to_string(),
        level: body.level.clone(),
        added_on: body.added_on.clone(),
        document_number: body.document_number.clone(),
    }
}

fn conflict(e: store::StoreError, code: &str) -> WebError {
    match e {
        store::StoreError::Conflict(_) => WebError::Conflict(format!("事项编码「{code}」已存在")),
        other => other.into(),
    }
}

/// Add a power (with its 新增 event) to a department the caller manages.
#[utoipa::path(post, path = "/api/v1/powers", tag = "powers", request_body = PowerBody,
    responses((status = 201, body = PowerDto), (status = "4XX", body = ApiError)))]
pub async fn create_power(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    raw: RawJson,
) -> ApiResult<(StatusCode, Json<PowerDto>)> {
    me.require(Action::ManagePowers)?;
    check_csrf_header(&me, &headers)?;
    let body: PowerBody = raw.parse()?;
    let departments = manageable_departments(&state, &me).await?;
    let (input, department_id, level) =
        validate_power(&form_of(&body), &departments).map_err(WebError::Invalid)?;
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    let p = tx
        .create_power(&input, department_id, &level)
        .await
        .map_err(|e| conflict(e, &input.code))?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(PowerDto::from(&p))))
}

/// Edit a power's code, name, type, basis, department and level.
#[utoipa::path(put, path = "/api/v1/powers/{id}", tag = "powers", params(("id" = i64, Path)), request_body = PowerBody,
    responses((status = 200, body = PowerDto), (status = "4XX", body = ApiError)))]
pub async fn update_power(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    raw: RawJson,
) -> ApiResult<Json<PowerDto>> {
    me.require(Action::ManagePowers)?;
    check_csrf_header(&me, &headers)?;
    let power = managed_power(&state, &me, &id).await?;
    let body: PowerBody = raw.parse()?;
    let departments = manageable_departments(&state, &me).await?;
    let mut form = form_of(&body);
    // The date and document belong to status events; the row parser wants them present.
    form.added_on = "2000-01-01".into();
    form.document_number = "—".into();
    let (input, department_id, level) =
        validate_power(&form, &departments).map_err(WebError::Invalid)?;
    let code = input.code.clone();
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    let p = tx
        .update_power(power.id, &power_fields(input, department_id, level))
        .await
        .map_err(|e| conflict(e, &code))?;
    tx.commit().await?;
    Ok(Json(PowerDto::from(&p)))
}

/// Record a status change (取消, 下放, 承接) with its date and document number.
#[utoipa::path(post, path = "/api/v1/powers/{id}/status", tag = "powers", params(("id" = i64, Path)), request_body = StatusChangeBody,
    responses((status = 200, body = PowerDetailDto), (status = "4XX", body = ApiError)))]
pub async fn change_power_status(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    raw: RawJson,
) -> ApiResult<Json<PowerDetailDto>> {
    me.require(Action::ManagePowers)?;
    check_csrf_header(&me, &headers)?;
    let power = managed_power(&state, &me, &id).await?;
    let body: StatusChangeBody = raw.parse()?;
    let form = StatusForm {
        csrf: String::new(),
        change: body.change,
        on: body.on,
        document_number: body.document_number,
    };
    let event = decide_status_change(&state, &power, &form).await?;
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    let p = tx.record_power_change(power.id, &event).await?;
    tx.commit().await?;
    Ok(Json(detail(&state, &p).await?))
}

/// Set bands of a penalty power's discretion standard, checked as a whole by the domain.
#[utoipa::path(put, path = "/api/v1/powers/{id}/discretion", tag = "powers", params(("id" = i64, Path)), request_body = BandsBody,
    responses((status = 200, body = [BandDto]), (status = "4XX", body = ApiError)))]
pub async fn set_power_discretion(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    raw: RawJson,
) -> ApiResult<Json<Vec<BandDto>>> {
    me.require(Action::ManagePowers)?;
    check_csrf_header(&me, &headers)?;
    let power = managed_power(&state, &me, &id).await?;
    let body: BandsBody = raw.parse()?;
    let existing = state
        .store
        .discretion_bands(me.user.government_id, power.id)
        .await?;
    let mut errors = FieldErrors::new();
    for b in &body.bands {
        if b.min_fen < 0 || b.max_fen < 0 {
            errors.add("bands", "金额不能为负数");
        }
    }
    errors.into_result().map_err(WebError::Invalid)?;
    let new: Vec<(String, String, String, String)> = body
        .bands
        .iter()
        .map(|b| {
            (
                b.circumstance.clone(),
                yuan_text(b.min_fen),
                yuan_text(b.max_fen),
                b.description.trim().to_owned(),
            )
        })
        .collect();
    let bands = decide_bands(&power, &existing, &new)?;
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    let all = tx.set_discretion_bands(power.id, &bands).await?;
    tx.commit().await?;
    Ok(Json(all.iter().map(BandDto::from).collect()))
}

/// Check a proposed fine against the power's discretion standard (行政处罚法 第三十四条): 200
/// when within the band of the circumstance, otherwise 422 with the article as `basis`.
#[utoipa::path(post, path = "/api/v1/powers/{id}/check-fine", tag = "powers", params(("id" = i64, Path)), request_body = FineCheckBody,
    responses((status = 200, body = FineCheckDto), (status = "4XX", body = ApiError)))]
pub async fn check_power_fine(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(id): Path<String>,
    raw: RawJson,
) -> ApiResult<Json<FineCheckDto>> {
    me.require(Action::ViewPowers)?;
    check_csrf_header(&me, &headers)?;
    let power = visible_power(&state, &me, &id).await?;
    let body: FineCheckBody = raw.parse()?;
    let Some(circumstance) = Circumstance::parse(&body.circumstance) else {
        let mut e = FieldErrors::new();
        e.add("circumstance", "情节应为不予处罚、减轻、从轻、一般或从重");
        return Err(WebError::Invalid(e));
    };
    let bands = state
        .store
        .discretion_bands(me.user.government_id, power.id)
        .await?;
    check_fine(&standard_of(&power, bands), circumstance, body.fine_fen)
        .map_err(WebError::Refused)?;
    Ok(Json(FineCheckDto { within: true }))
}

/// Query of the public list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct PublicPowerQuery {
    /// Government id (default: every government).
    #[serde(default)]
    pub government_id: Option<i64>,
    /// Department id.
    #[serde(default)]
    pub department_id: Option<i64>,
    /// Power type, e.g. 处罚.
    #[serde(default)]
    pub power_type: Option<String>,
    /// Text searched in code, name and legal basis.
    #[serde(default)]
    pub q: Option<String>,
}

/// The published power lists (powers in force) with their discretion standards (public, no
/// login; 行政处罚法 第三十四条 requires discretion standards to be public).
#[utoipa::path(get, path = "/api/v1/public/powers", tag = "public", params(PublicPowerQuery),
    responses((status = 200, body = [PublicPowerDto]), (status = "5XX", body = ApiError)))]
pub async fn list_public_powers(
    State(state): State<AppState>,
    Query(q): Query<PublicPowerQuery>,
) -> ApiResult<Json<Vec<PublicPowerDto>>> {
    let filter = crate::public_powers::portal_filter(
        &q.department_id.map(|d| d.to_string()).unwrap_or_default(),
        q.power_type.as_deref().unwrap_or(""),
        q.q.as_deref().unwrap_or(""),
    );
    let mut out = Vec::new();
    for g in state.store.list_governments().await? {
        if q.government_id.is_some_and(|id| id != g.id) {
            continue;
        }
        let departments = state.store.list_departments(g.id).await?;
        let (_, powers) = state
            .store
            .list_powers(g.id, &filter, 0, i64::MAX / 2)
            .await?;
        if powers.is_empty() {
            continue;
        }
        let bands = state.store.all_discretion_bands(g.id).await?;
        for p in &powers {
            out.push(PublicPowerDto {
                government_id: g.id,
                government_name: g.name.clone(),
                department_name: departments
                    .iter()
                    .find(|d| d.id == p.department_id)
                    .map(|d| d.name.clone())
                    .unwrap_or_default(),
                power: PowerDto::from(p),
                bands: bands
                    .iter()
                    .filter(|(id, _)| *id == p.id)
                    .map(|(_, b)| BandDto::from(b))
                    .collect(),
            });
        }
    }
    Ok(Json(out))
}

//! A department's settings of the penalty procedure: the 较大数额 thresholds above which the
//! notice must announce the right to a hearing (行政处罚法 第六十三条; the statute leaves the
//! amounts to sector and provincial rules, so each department sets its own, with the 公安 figures
//! of 公安机关办理行政案件程序规定 第一百二十三条 as the default), the statement-of-defence period
//! (SAMR practice: 5 working days) and the case-number prefix.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use domain::FieldErrors;
use domain::enforcement::penalty::HearingThresholds;
use domain::permission::Action;
use serde::Deserialize;
use serde_json::{Value, json};
use store::PenaltySettings;

use super::case_forms::parse_yuan;
use super::cases::{actor, case_scope};
use super::{PageResult, base_context, merge, page, see_other};
use crate::auth::{CurrentUser, PageUser};
use crate::{AppState, WebError};

/// The settings form of one department.
#[derive(Debug, Default, Deserialize)]
pub struct SettingsForm {
    /// Token.
    #[serde(default)]
    pub csrf: String,
    /// Department.
    #[serde(default)]
    pub department_id: String,
    /// 较大数额罚款, individual (元).
    #[serde(default)]
    pub individual_fine_yuan: String,
    /// 较大数额罚款, organisation (元).
    #[serde(default)]
    pub organisation_fine_yuan: String,
    /// 较大数额没收, individual (元).
    #[serde(default)]
    pub individual_confiscation_yuan: String,
    /// 较大数额没收, organisation (元).
    #[serde(default)]
    pub organisation_confiscation_yuan: String,
    /// Defence period in working days.
    #[serde(default)]
    pub defence_working_days: String,
    /// Case-number prefix.
    #[serde(default)]
    pub case_prefix: String,
}

fn yuan_text(fen: i64) -> String {
    if fen % 100 == 0 {
        (fen / 100).to_string()
    } else {
        format!("{}.{:02}", fen / 100, fen % 100)
    }
}

async fn settings_page(
    state: &AppState,
    me: &CurrentUser,
    error_department: &str,
    errors: Value,
    status: StatusCode,
) -> PageResult {
    let gov = me.user.government_id;
    let (all, scope) = case_scope(state, me).await?;
    let mut rows = Vec::new();
    for d in all
        .iter()
        .filter(|d| d.is_enforcement_body)
        .filter(|d| scope.as_ref().is_none_or(|s| s.contains(&d.id)))
    {
        let source = if d.short_name.trim().is_empty() {
            &d.name
        } else {
            &d.short_name
        };
        let s = state.store.penalty_settings(gov, d.id, source).await?;
        let t = s.thresholds;
        rows.push(json!({
            "id": d.id.to_string(), "name": d.name,
            "individual_fine_yuan": yuan_text(t.individual_fine_fen),
            "organisation_fine_yuan": yuan_text(t.organisation_fine_fen),
            "individual_confiscation_yuan": yuan_text(t.individual_confiscation_fen),
            "organisation_confiscation_yuan": yuan_text(t.organisation_confiscation_fen),
            "defence_working_days": s.defence_working_days, "case_prefix": s.case_prefix,
            "errors": if error_department == d.id.to_string() { errors.clone() } else { json!({}) },
        }));
    }
    let ctx = merge(
        base_context(state, me, "/staff/penalty-settings", "行政处罚程序设置").await?,
        json!({"departments": rows}),
    );
    page(status, "penalty_settings.html", &ctx)
}

/// GET /staff/penalty-settings
pub async fn show(State(state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    me.require(Action::ManageReviewCatalogue)?;
    settings_page(&state, &me, "", json!({}), StatusCode::OK).await
}

/// Reads the form into settings, or field errors.
pub fn read_settings(f: &SettingsForm, department_id: i64) -> Result<PenaltySettings, FieldErrors> {
    let mut e = FieldErrors::new();
    let mut amount = |name: &str, value: &str| match parse_yuan(value.trim()) {
        Some(fen) if fen > 0 => fen,
        _ => {
            e.add(name, "请填写大于零的金额（元）");
            0
        }
    };
    let thresholds = HearingThresholds {
        individual_fine_fen: amount("individual_fine_yuan", &f.individual_fine_yuan),
        organisation_fine_fen: amount("organisation_fine_yuan", &f.organisation_fine_yuan),
        individual_confiscation_fen: amount(
            "individual_confiscation_yuan",
            &f.individual_confiscation_yuan,
        ),
        organisation_confiscation_fen: amount(
            "organisation_confiscation_yuan",
            &f.organisation_confiscation_yuan,
        ),
    };
    let days = match f.defence_working_days.trim().parse::<u32>() {
        Ok(n) if (1..=30).contains(&n) => n,
        _ => {
            e.add("defence_working_days", "陈述申辩期限应为1至30个工作日");
            5
        }
    };
    let prefix = e.required_text("case_prefix", &f.case_prefix, 10);
    e.into_result()?;
    Ok(PenaltySettings {
        department_id,
        thresholds,
        defence_working_days: days,
        case_prefix: prefix,
    })
}

/// POST /staff/penalty-settings
pub async fn save(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(f): Form<SettingsForm>,
) -> PageResult {
    me.require(Action::ManageReviewCatalogue)?;
    me.check_csrf(&f.csrf)?;
    let (all, scope) = case_scope(&state, &me).await?;
    let dept = f
        .department_id
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| all.iter().any(|d| d.id == *id && d.is_enforcement_body))
        .filter(|id| scope.as_ref().is_none_or(|s| s.contains(id)))
        .ok_or(WebError::NotFound)?;
    match read_settings(&f, dept) {
        Ok(settings) => {
            let mut tx = state
                .store
                .begin_write(me.user.government_id, &actor(&me), state.now())
                .await?;
            tx.set_penalty_settings(&settings).await?;
            tx.commit().await?;
            see_other("/staff/penalty-settings")
        }
        Err(e) => {
            settings_page(
                &state,
                &me,
                &dept.to_string(),
                json!(e.0),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
    }
}

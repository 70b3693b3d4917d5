//! Officers (执法人员) and their certificates (执法证): the roster with filters and paging, the
//! add/edit form, suspend/revoke/restore, and the Excel template, import and export.
//!
//! Scope: a department role sees and keeps only its department subtree's officers; an officer
//! outside it answers 404, the same as an absent one. Validation is the domain's roster parser
//! (`parse_officer_rows`), used for one form as for a whole sheet, so both say the same thing.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use calendar::NaiveDate;
use domain::FieldErrors;
use domain::enforcement::RowError;
use domain::enforcement::officer::{
    CertificateStanding, CertificateStatus, OFFICER_COLUMNS, OfficerInput, parse_officer_rows,
};
use domain::permission::{Action, allows};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use store::{Actor, Department, OfficerFilter, OfficerRecord, StoreError};

use super::deadlines::today;
use super::org::parse_id;
use super::{PageResult, base_context, departments_in_scope, merge, page, see_other};
use crate::auth::{CurrentUser, PageUser};
use crate::{AppState, WebError};

/// Officers shown on one page of the roster.
pub const PAGE_SIZE: i64 = 50;
/// A valid certificate that ends within this many days is flagged on the roster.
pub const EXPIRY_WARNING_DAYS: i64 = 90;
/// Most officers in one export (a county has a few thousand at most).
pub const MAX_EXPORT_ROWS: i64 = 100_000;
/// Largest import upload: the workbook limit plus room for the multipart envelope.
pub const MAX_IMPORT_BYTES: usize = crate::excel::MAX_XLSX_BYTES + 64 * 1024;

/// The content type of .xlsx downloads.
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The status filters offered, in order: (code, label).
pub const STATUS_FILTERS: &[(&str, &str)] = &[
    ("valid", "有效"),
    ("suspended", "暂扣"),
    ("revoked", "吊销"),
    ("expired", "已过期"),
    ("not_yet_valid", "未生效"),
    ("expiring", "90日内到期"),
];

fn actor(me: &CurrentUser) -> Actor {
    Actor {
        user_id: Some(me.user.id),
        name: me.user.display_name.clone(),
    }
}

/// The departments a user may see, and the whole list (for names and the tree).
pub async fn visible_departments(
    state: &AppState,
    me: &CurrentUser,
) -> Result<(Vec<Department>, Vec<Department>), WebError> {
    let all = state.store.list_departments(me.user.government_id).await?;
    let visible = departments_in_scope(me, all.clone());
    Ok((all, visible))
}

/// Ids of `root` and every department under it.
fn subtree(all: &[Department], root: i64) -> Vec<i64> {
    let mut out = vec![root];
    let mut i = 0;
    while i < out.len() {
        let parent = out[i];
        out.extend(
            all.iter()
                .filter(|d| d.parent_id == Some(parent) && !out.contains(&d.id))
                .map(|d| d.id)
                .collect::<Vec<_>>(),
        );
        i += 1;
    }
    out
}

/// Loads an officer the user may see, or "not found" (absent and out of scope alike).
pub async fn visible_officer(
    state: &AppState,
    me: &CurrentUser,
    raw_id: &str,
) -> Result<OfficerRecord, WebError> {
    let id = parse_id(raw_id)?;
    let record = state.store.officer(me.user.government_id, id).await?;
    let (_, visible) = visible_departments(state, me).await?;
    if visible.iter().any(|d| d.id == record.officer.department_id) {
        Ok(record)
    } else {
        Err(WebError::NotFound)
    }
}

/// A department chosen in a form or body that the user may keep officers in, or a field error.
pub async fn department_for_officers(
    state: &AppState,
    me: &CurrentUser,
    raw: &str,
) -> Result<Department, WebError> {
    let (_, visible) = visible_departments(state, me).await?;
    raw.trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| visible.into_iter().find(|d| d.id == id))
        .ok_or_else(|| {
            let mut e = FieldErrors::new();
            e.add("department_id", "请选择本人管理范围内的部门");
            WebError::Invalid(e)
        })
}

/// Query string of the roster and its export.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct RosterQuery {
    /// Department id (its subtree is listed).
    #[serde(default)]
    pub department: String,
    /// A code of [`STATUS_FILTERS`].
    #[serde(default)]
    pub status: String,
    /// Part of a name or certificate number.
    #[serde(default)]
    pub q: String,
    /// Page number, from 1.
    #[serde(default)]
    pub page: String,
    /// Set after an import: how many officers were imported.
    #[serde(default)]
    pub imported: String,
}

/// Builds the store filter of a roster query within the user's scope, and the page number.
pub async fn roster_filter(
    state: &AppState,
    me: &CurrentUser,
    q: &RosterQuery,
    limit: i64,
) -> Result<(OfficerFilter, i64), WebError> {
    let (all, visible) = visible_departments(state, me).await?;
    let visible_ids: Vec<i64> = visible.iter().map(|d| d.id).collect();
    let chosen = q
        .department
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| visible_ids.contains(id));
    let department_ids = match (chosen, me.scope().department_id) {
        (Some(id), _) => Some(subtree(&all, id)),
        (None, Some(_)) => Some(visible_ids),
        (None, None) => None,
    };
    let page_no = q
        .page
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    let filter = OfficerFilter {
        department_ids,
        status: store::parse_status_code(q.status.trim()),
        expiring_within_days: (q.status.trim() == "expiring").then_some(EXPIRY_WARNING_DAYS as u32),
        search: q.q.trim().chars().take(40).collect(),
        today: today(state),
        offset: (page_no - 1).saturating_mul(limit),
        limit,
    };
    Ok((filter, page_no))
}

/// The CSS class of a status tag.
fn status_class(status: CertificateStatus) -> &'static str {
    match status {
        CertificateStatus::Valid => "ok",
        CertificateStatus::NotYetValid | CertificateStatus::Suspended => "warn",
        CertificateStatus::Revoked | CertificateStatus::Expired => "bad",
    }
}

/// An officer as the pages show it.
pub fn officer_json(record: &OfficerRecord, departments: &[Department], today: NaiveDate) -> Value {
    let o = &record.officer;
    let c = &o.certificate;
    let status = c.status_on(today);
    let days_left = (c.expires_on - today).num_days();
    let expiring = status == CertificateStatus::Valid && days_left <= EXPIRY_WARNING_DAYS;
    json!({
        "id": o.id,
        "name": o.name,
        "department_id": o.department_id,
        "department_name": departments.iter().find(|d| d.id == o.department_id).map(|d| d.name.clone()).unwrap_or_default(),
        "certificate_number": c.number,
        "category": c.category,
        "issued_on": c.issued_on.to_string(),
        "expires_on": c.expires_on.to_string(),
        "standing": store::standing_code(c.standing),
        "standing_label": c.standing.label(),
        "status": store::status_code(status),
        "status_label": status.label(),
        "status_class": status_class(status),
        "expiring": expiring,
        "days_left": days_left,
        "legal_review_qualified": o.legal_review_qualified,
        "training_hours": o.training_hours,
    })
}

/// One row error of an import, as the page shows it: the sheet row, the column, the problem.
fn row_error_json(e: &RowError, sheet_rows: &[usize]) -> Value {
    let row = sheet_rows.get(e.row - 1).copied().unwrap_or(e.row);
    json!({"row": row, "column": e.column, "message": e.message})
}

async fn roster_page(
    state: &AppState,
    me: &CurrentUser,
    q: &RosterQuery,
    import_error: &str,
    row_errors: &[Value],
    import_department: &str,
    status: StatusCode,
) -> PageResult {
    let (filter, page_no) = roster_filter(state, me, q, PAGE_SIZE).await?;
    let (records, total) = state
        .store
        .list_officers(me.user.government_id, &filter)
        .await?;
    let (all, visible) = visible_departments(state, me).await?;
    let rows: Vec<Value> = records
        .iter()
        .map(|r| officer_json(r, &all, filter.today))
        .collect();
    let n_pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let query = |page: Option<i64>| {
        let mut parts = Vec::new();
        for (k, v) in [
            ("department", &q.department),
            ("status", &q.status),
            ("q", &q.q),
        ] {
            if !v.trim().is_empty() {
                parts.push(format!("{k}={}", encode(v.trim())));
            }
        }
        if let Some(p) = page {
            parts.push(format!("page={p}"));
        }
        parts.join("&")
    };
    let base = {
        let q = query(None);
        if q.is_empty() {
            "/staff/officers?".to_owned()
        } else {
            format!("/staff/officers?{q}&")
        }
    };
    let departments: Vec<Value> = visible
        .iter()
        .map(|d| json!({"id": d.id.to_string(), "name": d.name, "indent": "　".repeat(super::depth(&all, d.id))}))
        .collect();
    let statuses: Vec<Value> = STATUS_FILTERS
        .iter()
        .map(|(code, label)| json!({"value": code, "label": label}))
        .collect();
    let ctx = merge(
        base_context(state, me, "/staff/officers", "执法人员与执法证").await?,
        json!({
            "officers": rows, "total": total, "page": page_no, "n_pages": n_pages, "base": base,
            "export_query": query(None), "filter": q, "departments": departments, "statuses": statuses,
            "can_manage": allows(me.user.role, Action::ManageOfficers),
            "import_error": import_error, "row_errors": row_errors,
            "import_department": import_department,
            "imported": q.imported.trim().parse::<i64>().ok(),
            "warning_days": EXPIRY_WARNING_DAYS,
        }),
    );
    page(status, "officers.html", &ctx)
}

/// Percent-encodes a query value (UTF-8 bytes; unreserved characters kept).
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// GET /staff/officers
pub async fn list(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(q): Query<RosterQuery>,
) -> PageResult {
    me.require(Action::ViewOfficers)?;
    roster_page(&state, &me, &q, "", &[], "", StatusCode::OK).await
}

// ---------------------------------------------------------------- the form

/// The officer form (and the fields of the API body, as text).
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct OfficerForm {
    /// The session's CSRF token (forms only).
    #[serde(default)]
    pub csrf: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Department id.
    #[serde(default)]
    pub department_id: String,
    /// Certificate number.
    #[serde(default)]
    pub certificate_number: String,
    /// Enforcement category.
    #[serde(default)]
    pub category: String,
    /// Issue date.
    #[serde(default)]
    pub issued_on: String,
    /// Last day of validity.
    #[serde(default)]
    pub expires_on: String,
    /// Standing code (on creation only).
    #[serde(default)]
    pub standing: String,
    /// Checkbox: "true" or "on" when ticked.
    #[serde(default)]
    pub legal_review_qualified: Option<String>,
    /// Training hours.
    #[serde(default)]
    pub training_hours: String,
}

impl OfficerForm {
    /// Whether the legal-review box is ticked.
    pub fn qualified(&self) -> bool {
        self.legal_review_qualified
            .as_deref()
            .is_some_and(|v| v == "true" || v == "on")
    }

    fn of(record: &OfficerRecord) -> OfficerForm {
        let o = &record.officer;
        OfficerForm {
            csrf: String::new(),
            name: o.name.clone(),
            department_id: o.department_id.to_string(),
            certificate_number: o.certificate.number.clone(),
            category: o.certificate.category.clone(),
            issued_on: o.certificate.issued_on.to_string(),
            expires_on: o.certificate.expires_on.to_string(),
            standing: store::standing_code(o.certificate.standing).to_owned(),
            legal_review_qualified: o.legal_review_qualified.then(|| "true".to_owned()),
            training_hours: o.training_hours.to_string(),
        }
    }
}

/// The field name of a roster column, for errors shown beside form fields or API fields.
fn field_of(column: &str) -> &'static str {
    match column {
        "姓名" => "name",
        "执法证号" => "certificate_number",
        "执法类别" => "category",
        "发证日期" => "issued_on",
        "有效期至" => "expires_on",
        "证件状态" => "standing",
        "法制审核资格" => "legal_review_qualified",
        _ => "training_hours",
    }
}

/// Validates one officer's fields with the domain's roster parser (one row), so that a form,
/// the API and an imported sheet give the same answers. The standing is a code here; the
/// department is checked by the caller.
pub fn parse_officer_form(form: &OfficerForm) -> Result<OfficerInput, FieldErrors> {
    let mut errors = FieldErrors::new();
    let standing = if form.standing.trim().is_empty() {
        Some(CertificateStanding::InForce)
    } else {
        store::parse_standing_code(form.standing.trim())
    };
    if standing.is_none() {
        errors.add(
            "standing",
            "证件状态应为有效（in_force）、暂扣（suspended）或吊销（revoked）",
        );
    }
    let row = [
        form.name.as_str(),
        form.certificate_number.as_str(),
        form.category.as_str(),
        form.issued_on.as_str(),
        form.expires_on.as_str(),
        standing.unwrap_or(CertificateStanding::InForce).label(),
        if form.qualified() { "是" } else { "否" },
        form.training_hours.as_str(),
    ];
    match parse_officer_rows(&[row]) {
        Ok(mut inputs) if errors.is_empty() => Ok(inputs.remove(0)),
        Ok(_) => Err(errors),
        Err(row_errors) => {
            for e in row_errors {
                errors.add(field_of(e.column), e.message);
            }
            Err(errors)
        }
    }
}

#[expect(clippy::too_many_arguments, reason = "one page, every piece it shows")]
async fn officer_page(
    state: &AppState,
    me: &CurrentUser,
    record: Option<&OfficerRecord>,
    form: &OfficerForm,
    errors: &FieldErrors,
    error: &str,
    status: StatusCode,
    can_manage: bool,
) -> PageResult {
    let (all, visible) = visible_departments(state, me).await?;
    let departments: Vec<Value> = visible
        .iter()
        .map(|d| json!({"id": d.id.to_string(), "name": d.name, "indent": "　".repeat(super::depth(&all, d.id))}))
        .collect();
    let history: Vec<Value> = match record {
        Some(r) => state
            .store
            .ledger_entries_of(
                me.user.government_id,
                store::OFFICER_RECORD_TYPE,
                &r.officer.id.to_string(),
            )
            .await?
            .iter()
            .map(|e| json!({"idx": e.idx, "at": crate::time::format_ms(e.at), "event_label": super::event_label(&e.event), "actor": e.actor}))
            .collect(),
        None => Vec::new(),
    };
    let mut form_json = serde_json::to_value(form).unwrap_or_default();
    form_json["legal_review_qualified"] = json!(form.qualified());
    let title = record
        .map(|r| format!("执法人员：{}", r.officer.name))
        .unwrap_or_else(|| "新增执法人员".to_owned());
    let standings: Vec<Value> = [
        CertificateStanding::InForce,
        CertificateStanding::Suspended,
        CertificateStanding::Revoked,
    ]
    .iter()
    .map(|s| json!({"value": store::standing_code(*s), "label": s.label()}))
    .collect();
    let ctx = merge(
        base_context(state, me, "/staff/officers", &title).await?,
        json!({
            "officer": record.map(|r| officer_json(r, &all, today(state))),
            "form": form_json, "errors": errors.0, "error": error, "departments": departments,
            "standings": standings, "history": history, "can_manage": can_manage,
        }),
    );
    page(status, "officer.html", &ctx)
}

/// GET /staff/officers/new
pub async fn new(State(state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    me.require(Action::ManageOfficers)?;
    let form = OfficerForm {
        department_id: me
            .user
            .department_id
            .map(|d| d.to_string())
            .unwrap_or_default(),
        standing: "in_force".into(),
        ..Default::default()
    };
    officer_page(
        &state,
        &me,
        None,
        &form,
        &FieldErrors::new(),
        "",
        StatusCode::OK,
        true,
    )
    .await
}

/// A store refusal of a form, shown beside the certificate number when it is a duplicate.
fn conflict_errors(e: StoreError) -> Result<FieldErrors, WebError> {
    match e {
        StoreError::Conflict(m) => {
            let mut errors = FieldErrors::new();
            errors.add("certificate_number", m);
            Ok(errors)
        }
        other => Err(other.into()),
    }
}

/// POST /staff/officers
pub async fn create(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(form): Form<OfficerForm>,
) -> PageResult {
    me.require(Action::ManageOfficers)?;
    me.check_csrf(&form.csrf)?;
    let mut errors = FieldErrors::new();
    let department = match department_for_officers(&state, &me, &form.department_id).await {
        Ok(d) => Some(d),
        Err(WebError::Invalid(e)) => {
            errors = e;
            None
        }
        Err(e) => return Err(e.into()),
    };
    let input = match parse_officer_form(&form) {
        Ok(i) => Some(i),
        Err(e) => {
            for (field, messages) in e.0 {
                for m in messages {
                    errors.add(&field, m);
                }
            }
            None
        }
    };
    let (Some(department), Some(input)) = (department, input) else {
        return officer_page(
            &state,
            &me,
            None,
            &form,
            &errors,
            "",
            StatusCode::UNPROCESSABLE_ENTITY,
            true,
        )
        .await;
    };
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    match tx.create_officer(department.id, &input).await {
        Ok(r) => {
            tx.commit().await?;
            see_other(&format!("/staff/officers/{}", r.officer.id))
        }
        Err(e) => {
            drop(tx);
            let errors = conflict_errors(e)?;
            officer_page(
                &state,
                &me,
                None,
                &form,
                &errors,
                "",
                StatusCode::CONFLICT,
                true,
            )
            .await
        }
    }
}

/// GET /staff/officers/{id}
pub async fn show(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
) -> PageResult {
    me.require(Action::ViewOfficers)?;
    let record = visible_officer(&state, &me, &id).await?;
    officer_page(
        &state,
        &me,
        Some(&record),
        &OfficerForm::of(&record),
        &FieldErrors::new(),
        "",
        StatusCode::OK,
        allows(me.user.role, Action::ManageOfficers),
    )
    .await
}

/// POST /staff/officers/{id}
pub async fn update(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(mut form): Form<OfficerForm>,
) -> PageResult {
    me.require(Action::ManageOfficers)?;
    me.check_csrf(&form.csrf)?;
    let record = visible_officer(&state, &me, &id).await?;
    // The standing is changed by its own buttons, never by the edit form.
    form.standing = store::standing_code(record.officer.certificate.standing).to_owned();
    let mut errors = FieldErrors::new();
    let department = match department_for_officers(&state, &me, &form.department_id).await {
        Ok(d) => Some(d),
        Err(WebError::Invalid(e)) => {
            errors = e;
            None
        }
        Err(e) => return Err(e.into()),
    };
    let input = match parse_officer_form(&form) {
        Ok(i) => Some(i),
        Err(e) => {
            for (field, messages) in e.0 {
                for m in messages {
                    errors.add(&field, m);
                }
            }
            None
        }
    };
    let (Some(department), Some(input)) = (department, input) else {
        return officer_page(
            &state,
            &me,
            Some(&record),
            &form,
            &errors,
            "",
            StatusCode::UNPROCESSABLE_ENTITY,
            true,
        )
        .await;
    };
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    match tx
        .update_officer(record.officer.id, department.id, &input)
        .await
    {
        Ok(_) => {
            tx.commit().await?;
            see_other(&format!("/staff/officers/{}", record.officer.id))
        }
        Err(e) => {
            drop(tx);
            let errors = conflict_errors(e)?;
            officer_page(
                &state,
                &me,
                Some(&record),
                &form,
                &errors,
                "",
                StatusCode::CONFLICT,
                true,
            )
            .await
        }
    }
}

/// The standing form: one of the buttons 暂扣, 吊销, 恢复有效.
#[derive(Debug, Deserialize)]
pub struct StandingForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    standing: String,
}

/// POST /staff/officers/{id}/standing
pub async fn set_standing(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<StandingForm>,
) -> PageResult {
    me.require(Action::ManageOfficers)?;
    me.check_csrf(&form.csrf)?;
    let record = visible_officer(&state, &me, &id).await?;
    let refuse = |message: &str| {
        let message = message.to_owned();
        let record = record.clone();
        let state = state.clone();
        let me = me.clone();
        async move {
            officer_page(
                &state,
                &me,
                Some(&record),
                &OfficerForm::of(&record),
                &FieldErrors::new(),
                &message,
                StatusCode::UNPROCESSABLE_ENTITY,
                true,
            )
            .await
        }
    };
    let Some(standing) = store::parse_standing_code(form.standing.trim()) else {
        return refuse("请选择暂扣、吊销或恢复有效").await;
    };
    if standing == record.officer.certificate.standing {
        return refuse(&format!("该执法证已是「{}」状态", standing.label())).await;
    }
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    tx.set_certificate_standing(record.officer.id, standing)
        .await?;
    tx.commit().await?;
    see_other(&format!("/staff/officers/{}", record.officer.id))
}

// ---------------------------------------------------------------- Excel

fn xlsx_response(file_name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, XLSX.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// A sample row of the import template.
pub const TEMPLATE_SAMPLE: [&str; 8] = [
    "张三",
    "浙A33052300123",
    "市场监管",
    "2024-01-01",
    "2029-12-31",
    "有效",
    "否",
    "40",
];

/// GET /staff/officers/template.xlsx
pub async fn template(PageUser(me): PageUser) -> PageResult {
    me.require(Action::ManageOfficers)?;
    let rows = vec![TEMPLATE_SAMPLE.iter().map(|s| (*s).to_owned()).collect()];
    let bytes = crate::excel::write_xlsx("执法人员", &OFFICER_COLUMNS, &rows)
        .map_err(WebError::Internal)?;
    Ok(xlsx_response("officers-template.xlsx", bytes))
}

/// Columns of the export after [`OFFICER_COLUMNS`] (an export imports back as it is).
pub const EXPORT_EXTRA_COLUMNS: [&str; 2] = ["所属部门", "当前状态"];

/// GET /staff/officers/export.xlsx — the filtered roster, every page.
pub async fn export(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(mut q): Query<RosterQuery>,
) -> PageResult {
    me.require(Action::ViewOfficers)?;
    q.page = String::new();
    let (filter, _) = roster_filter(&state, &me, &q, MAX_EXPORT_ROWS).await?;
    let (records, _) = state
        .store
        .list_officers(me.user.government_id, &filter)
        .await?;
    let (all, _) = visible_departments(&state, &me).await?;
    let rows: Vec<Vec<String>> = records
        .iter()
        .map(|r| {
            let o = &r.officer;
            let c = &o.certificate;
            vec![
                o.name.clone(),
                c.number.clone(),
                c.category.clone(),
                c.issued_on.to_string(),
                c.expires_on.to_string(),
                c.standing.label().to_owned(),
                if o.legal_review_qualified {
                    "是"
                } else {
                    "否"
                }
                .to_owned(),
                o.training_hours.to_string(),
                all.iter()
                    .find(|d| d.id == o.department_id)
                    .map(|d| d.name.clone())
                    .unwrap_or_default(),
                c.status_on(filter.today).label().to_owned(),
            ]
        })
        .collect();
    let headers: Vec<&str> = OFFICER_COLUMNS
        .iter()
        .chain(EXPORT_EXTRA_COLUMNS.iter())
        .copied()
        .collect();
    let bytes =
        tokio::task::spawn_blocking(move || crate::excel::write_xlsx("执法人员", &headers, &rows))
            .await
            .map_err(|e| WebError::Internal(e.to_string()))?
            .map_err(WebError::Internal)?;
    Ok(xlsx_response("officers.xlsx", bytes))
}

/// The parts of an import upload: the department field and the file.
async fn read_import(
    request: axum::extract::Request,
    state: &AppState,
) -> Result<(String, Option<Vec<u8>>), WebError> {
    let mut multipart = super::report_review::multipart_of(request, state).await?;
    let mut department = String::new();
    let mut file = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(WebError::TooLarge);
            }
            Err(e) => {
                return Err(WebError::BadRequest(format!(
                    "上传的内容无法读取：{}",
                    e.body_text()
                )));
            }
        };
        let name = field.name().unwrap_or("").to_owned();
        let bytes = match field.bytes().await {
            Ok(b) => b,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(WebError::TooLarge);
            }
            Err(e) => {
                return Err(WebError::BadRequest(format!(
                    "上传的内容无法读取：{}",
                    e.body_text()
                )));
            }
        };
        match name.as_str() {
            "department_id" => department = String::from_utf8_lossy(&bytes).into_owned(),
            // The browser sends an empty part when no file was chosen.
            "file" if !bytes.is_empty() => file = Some(bytes.to_vec()),
            _ => {}
        }
    }
    Ok((department, file))
}

/// What is wrong with a sheet's header row, if anything.
pub fn check_header(header: &[String]) -> Result<(), String> {
    for (i, expected) in OFFICER_COLUMNS.iter().enumerate() {
        let got = header.get(i).map(|s| s.trim()).unwrap_or("");
        if got != *expected {
            return Err(format!(
                "表头与模板不符：第{}列应为「{expected}」，实际为「{got}」。请下载导入模板后填写",
                i + 1
            ));
        }
    }
    Ok(())
}

/// Why a sheet cannot be imported: one message, or the errors of its rows (row numbers are
/// the sheet's own).
pub enum SheetProblem {
    /// The file as a whole is wrong (not a workbook, empty, wrong headers).
    File(String),
    /// Some rows are wrong; nothing is imported.
    Rows(Vec<Value>),
}

/// Reads and validates a roster workbook: all rows or none.
pub fn parse_sheet(bytes: &[u8]) -> Result<Vec<OfficerInput>, SheetProblem> {
    let rows = crate::excel::read_rows(bytes).map_err(SheetProblem::File)?;
    let Some((_, header)) = rows.first() else {
        return Err(SheetProblem::File(
            "工作表是空的：请按导入模板填写表头和数据".to_owned(),
        ));
    };
    check_header(header).map_err(SheetProblem::File)?;
    let data = &rows[1..];
    if data.is_empty() {
        return Err(SheetProblem::File("表头以下没有数据行".to_owned()));
    }
    let sheet_rows: Vec<usize> = data.iter().map(|(n, _)| *n).collect();
    let cells: Vec<Vec<String>> = data
        .iter()
        .map(|(_, c)| c.iter().take(OFFICER_COLUMNS.len()).cloned().collect())
        .collect();
    parse_officer_rows(&cells).map_err(|errors| {
        SheetProblem::Rows(
            errors
                .iter()
                .map(|e| row_error_json(e, &sheet_rows))
                .collect(),
        )
    })
}

/// POST /staff/officers/import (multipart: `department_id` and `file`). The CSRF token comes in
/// the query string because the body is read only after authorisation.
pub async fn import(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(q): Query<super::account::CsrfForm>,
    request: axum::extract::Request,
) -> PageResult {
    me.require(Action::ManageOfficers)?;
    me.check_csrf(&q.csrf)?;
    let roster = RosterQuery::default();
    let fail = |message: String, rows: Vec<Value>, department: String, status: StatusCode| {
        let state = state.clone();
        let me = me.clone();
        let roster = roster.clone();
        async move { roster_page(&state, &me, &roster, &message, &rows, &department, status).await }
    };
    let (department_raw, file) = match read_import(request, &state).await {
        Ok(parts) => parts,
        Err(e @ (WebError::BadRequest(_) | WebError::TooLarge)) => {
            let status = e.status();
            return fail(e.to_string(), Vec::new(), String::new(), status).await;
        }
        Err(e) => return Err(e.into()),
    };
    let department = match department_for_officers(&state, &me, &department_raw).await {
        Ok(d) => d,
        Err(_) => {
            return fail(
                "请选择导入到哪个部门（本人管理范围内）".to_owned(),
                Vec::new(),
                department_raw,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let Some(bytes) = file else {
        return fail(
            "请选择要导入的Excel文件（.xlsx）".to_owned(),
            Vec::new(),
            department_raw,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let parsed = tokio::task::spawn_blocking(move || parse_sheet(&bytes))
        .await
        .map_err(|e| WebError::Internal(e.to_string()))?;
    let inputs = match parsed {
        Ok(i) => i,
        Err(SheetProblem::File(m)) => {
            return fail(
                m,
                Vec::new(),
                department_raw,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
        Err(SheetProblem::Rows(rows)) => {
            let message = format!("{}处错误，未导入任何记录。请改正后重新上传", rows.len());
            return fail(
                message,
                rows,
                department_raw,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    match tx.import_officers(department.id, &inputs).await {
        Ok(stored) => {
            tx.commit().await?;
            see_other(&format!(
                "/staff/officers?department={}&imported={}",
                department.id,
                stored.len()
            ))
        }
        Err(StoreError::Conflict(m)) => {
            drop(tx);
            fail(
                format!("{m}，未导入任何记录"),
                Vec::new(),
                department_raw,
                StatusCode::CONFLICT,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

//! The power list (权责清单) in the staff area: list with filters and paging, detail with legal
//! basis, status history and discretion standard (裁量基准), forms to add and edit a power, to
//! record a status change (取消/下放/承接) and to set discretion bands, and Excel template,
//! import (all or nothing) and export.
//!
//! Every staff role reads the list; administrators and the legal-affairs office manage all of
//! it, department staff only their own department's powers (others answer 404 to them, as out
//! of scope). The rules are the domain's (`domain::enforcement::power`); this module only reads
//! forms and sheets and shows what the domain says.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::FieldErrors;
use domain::enforcement::RowError;
use domain::enforcement::power::{
    Band, Circumstance, DiscretionStandard, POWER_COLUMNS, PowerChange, PowerInput, PowerType,
    StatusEvent, check_fine, parse_discretion_rows, parse_power_rows,
};
use domain::enforcement::rows::{parse_date, parse_yuan_to_fen};
use domain::permission::{Action, allows};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use store::{Actor, Department, PowerFields, PowerFilter, StoredPower};

use super::{PageResult, base_context, departments_in_scope, event_label, merge, page, see_other};
use crate::auth::{CurrentUser, PageUser};
use crate::{AppState, WebError};

/// Rows per page of the staff list and the portal.
pub const PAGE_SIZE: i64 = 50;

/// Columns of the power-list sheet: the domain's seven, then the department that exercises
/// the power and its level (the domain sheet has no department: one list serves many).
pub const SHEET_COLUMNS: [&str; 9] = [
    POWER_COLUMNS[0],
    POWER_COLUMNS[1],
    POWER_COLUMNS[2],
    POWER_COLUMNS[3],
    POWER_COLUMNS[4],
    POWER_COLUMNS[5],
    POWER_COLUMNS[6],
    "实施部门",
    "行使层级",
];

/// Header of the export's last column: the current status, informative only (an import adds
/// every row as 新增 and ignores it).
pub const STATUS_COLUMN: &str = "当前状态（导入时不读取）";

/// The law corpus, parsed once: tells whether a legal basis can be linked to its text.
pub static CORPUS: LazyLock<legaltext::Corpus> = LazyLock::new(legaltext::Corpus::embedded);

fn actor(me: &CurrentUser) -> Actor {
    Actor {
        user_id: Some(me.user.id),
        name: me.user.display_name.clone(),
    }
}

/// Today in China Standard Time.
pub fn today(state: &AppState) -> chrono::NaiveDate {
    chrono::DateTime::from_timestamp_millis(state.now())
        .unwrap_or_default()
        .with_timezone(&crate::time::cst())
        .date_naive()
}

/// Parses the Chinese word of a status change offered in forms (新增 is only the first event).
pub fn parse_change(text: &str) -> Option<PowerChange> {
    store::powers::parse_change(text.trim())
}

/// The departments whose powers the user manages: the whole government, or the subtree of the
/// user's department.
pub async fn manageable_departments(
    state: &AppState,
    me: &CurrentUser,
) -> Result<Vec<Department>, WebError> {
    let all = state.store.list_departments(me.user.government_id).await?;
    Ok(departments_in_scope(me, all))
}

/// Loads a power the user may read (every power of the user's government), or "not found".
pub async fn visible_power(
    state: &AppState,
    me: &CurrentUser,
    raw_id: &str,
) -> Result<StoredPower, WebError> {
    let id = super::org::parse_id(raw_id)?;
    Ok(state.store.power(me.user.government_id, id).await?)
}

/// Loads a power the user may manage: outside the user's departments it is "not found".
pub async fn managed_power(
    state: &AppState,
    me: &CurrentUser,
    raw_id: &str,
) -> Result<StoredPower, WebError> {
    let power = visible_power(state, me, raw_id).await?;
    let mine = manageable_departments(state, me).await?;
    if mine.iter().any(|d| d.id == power.department_id) {
        Ok(power)
    } else {
        Err(WebError::NotFound)
    }
}

/// Finds a department of the sheet or form by id, full name or short name among `departments`.
fn find_department<'a>(departments: &'a [Department], text: &str) -> Option<&'a Department> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    departments.iter().find(|d| {
        d.id.to_string() == t || d.name == t || (!d.short_name.is_empty() && d.short_name == t)
    })
}

/// Field name of a form for a sheet column of the domain.
fn field_of(column: &str) -> &'static str {
    match column {
        "事项编码" => "code",
        "事项名称" => "name",
        "权力类型" => "power_type",
        "依据法律" => "basis_law",
        "依据条款" => "basis_article",
        "生效日期" => "added_on",
        "文件文号" => "document_number",
        _ => "form",
    }
}

/// The fields of a power as a form or an API body gives them.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct PowerForm {
    /// CSRF token (forms only).
    #[serde(default)]
    pub csrf: String,
    /// 事项编码.
    #[serde(default)]
    pub code: String,
    /// 事项名称.
    #[serde(default)]
    pub name: String,
    /// 权力类型 (处罚 or 行政处罚 …).
    #[serde(default)]
    pub power_type: String,
    /// 依据法律.
    #[serde(default)]
    pub basis_law: String,
    /// 依据条款.
    #[serde(default)]
    pub basis_article: String,
    /// 实施部门 id.
    #[serde(default)]
    pub department_id: String,
    /// 行使层级.
    #[serde(default)]
    pub level: String,
    /// 生效日期 (new powers only).
    #[serde(default)]
    pub added_on: String,
    /// 文件文号 (new powers only).
    #[serde(default)]
    pub document_number: String,
}

/// Validates a power form with the domain's sheet parser (one row), then the department
/// against those the user manages. Returns the input, its department id and level.
pub fn validate_power(
    form: &PowerForm,
    departments: &[Department],
) -> Result<(PowerInput, i64, String), FieldErrors> {
    let row = vec![
        form.code.clone(),
        form.name.clone(),
        form.power_type.clone(),
        form.basis_law.clone(),
        form.basis_article.clone(),
        form.added_on.clone(),
        form.document_number.clone(),
    ];
    let mut errors = FieldErrors::new();
    let parsed = match parse_power_rows(&[row]) {
        Ok(mut v) => v.pop(),
        Err(row_errors) => {
            for e in row_errors {
                errors.add(field_of(e.column), e.message);
            }
            None
        }
    };
    for (field, value, max) in [
        ("code", &form.code, 40),
        ("name", &form.name, 200),
        ("basis_law", &form.basis_law, 200),
        ("basis_article", &form.basis_article, 200),
    ] {
        if value.trim().chars().count() > max {
            errors.add(field, format!("不能超过{max}个字"));
        }
    }
    let level = errors.optional_text("level", &form.level, 20);
    let department = find_department(departments, &form.department_id);
    if department.is_none() {
        errors.add("department_id", "请选择实施部门（须为您所管理的部门）");
    }
    match (parsed, department) {
        (Some(input), Some(d)) if errors.is_empty() => Ok((input, d.id, level)),
        _ => Err(errors),
    }
}

/// The fields of an edited power (the status is changed by status events only).
pub fn power_fields(input: PowerInput, department_id: i64, level: String) -> PowerFields {
    PowerFields {
        code: input.code,
        name: input.name,
        power_type: input.power_type,
        basis: input.basis,
        department_id,
        level,
    }
}

/// The status-change form.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct StatusForm {
    /// CSRF token (forms only).
    #[serde(default)]
    pub csrf: String,
    /// 取消, 下放 or 承接 (新增 is refused by the domain when the power is in force).
    #[serde(default)]
    pub change: String,
    /// Effective date.
    #[serde(default)]
    pub on: String,
    /// Document number, e.g. 安政发〔2026〕3号.
    #[serde(default)]
    pub document_number: String,
}

/// Checks a status change with the domain against the power's history; the accepted event.
pub async fn decide_status_change(
    state: &AppState,
    power: &StoredPower,
    form: &StatusForm,
) -> Result<StatusEvent, WebError> {
    let mut errors = FieldErrors::new();
    let change = parse_change(&form.change);
    if change.is_none() {
        errors.add("change", "请选择调整类型（取消、下放或承接）");
    }
    let on = parse_date(&form.on);
    if on.is_none() {
        errors.add("on", "请填写有效的生效日期");
    }
    if form.document_number.trim().chars().count() > 60 {
        errors.add("document_number", "不能超过60个字");
    }
    let (Some(change), Some(on)) = (change, on) else {
        return Err(WebError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(WebError::Invalid(errors));
    }
    let history = state
        .store
        .power_history(power.government_id, power.id)
        .await?
        .into_iter()
        .map(|e| e.event)
        .collect();
    let event = StatusEvent {
        change,
        on,
        document_number: form.document_number.trim().to_owned(),
    };
    power
        .to_domain(history)
        .record_change(event.clone())
        .map_err(WebError::Refused)?;
    Ok(event)
}

/// Formats fen as the yuan text the sheets and forms use (`5000`, `123.45`).
pub fn yuan_text(fen: i64) -> String {
    if fen % 100 == 0 {
        format!("{}", fen / 100)
    } else {
        format!("{}.{:02}", fen / 100, fen % 100)
    }
}

/// Merges new bands into a power's standard and checks the whole standard with the domain
/// (min ≤ max, one band per circumstance, ceilings rising with the circumstance). Only penalty
/// powers have discretion standards (行政处罚法 第三十四条).
pub fn decide_bands(
    power: &StoredPower,
    existing: &[Band],
    new: &[(String, String, String, String)],
) -> Result<Vec<Band>, WebError> {
    if power.power_type != PowerType::Penalty {
        return Err(WebError::Refused(domain::Refusal::new(
            "power.discretion_not_penalty",
            "只有行政处罚事项制定裁量基准（《中华人民共和国行政处罚法》第三十四条）",
        )));
    }
    if new.is_empty() {
        let mut e = FieldErrors::new();
        e.add("circumstance", "请至少填写一档裁量基准");
        return Err(WebError::Invalid(e));
    }
    let new_circumstances: Vec<Option<Circumstance>> =
        new.iter().map(|(c, ..)| Circumstance::parse(c)).collect();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (c, min, max, description) in new {
        rows.push(vec![
            power.code.clone(),
            power.name.clone(),
            c.clone(),
            min.clone(),
            max.clone(),
            description.clone(),
        ]);
    }
    // Kept bands come after the new ones, so row numbers of errors point at what was typed.
    for b in existing {
        if !new_circumstances.contains(&Some(b.circumstance)) {
            rows.push(vec![
                power.code.clone(),
                power.name.clone(),
                b.circumstance.label().to_owned(),
                yuan_text(b.min_fen),
                yuan_text(b.max_fen),
                b.description.clone(),
            ]);
        }
    }
    match parse_discretion_rows(&rows) {
        Ok(mut standards) => Ok(standards.pop().map(|s| s.bands).unwrap_or_default()),
        Err(row_errors) => {
            let mut e = FieldErrors::new();
            for r in row_errors {
                let field = match r.column {
                    "情节" => "circumstance",
                    "最低罚款（元）" => "min_yuan",
                    "最高罚款（元）" => "max_yuan",
                    _ => "circumstance",
                };
                e.add(field, r.message);
            }
            Err(WebError::Invalid(e))
        }
    }
}

/// The domain's discretion standard of a power.
pub fn standard_of(power: &StoredPower, bands: Vec<Band>) -> DiscretionStandard {
    DiscretionStandard {
        violation_code: power.code.clone(),
        violation: power.name.clone(),
        bands,
    }
}

/// Where the text of a law can be read: the law page when the corpus has it.
pub fn law_link(law: &str, article: &str) -> Option<String> {
    CORPUS.find(law).map(|_| {
        format!(
            "/laws?title={}&article={}",
            crate::pages::powers::url_encode(law),
            url_encode(article)
        )
    })
}

/// Percent-encodes a query value.
pub fn url_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// JSON of a power for lists and pages.
pub fn power_json(p: &StoredPower, departments: &[Department]) -> Value {
    let dept = departments.iter().find(|d| d.id == p.department_id);
    json!({
        "id": p.id, "code": p.code, "name": p.name, "power_type": p.power_type.label(),
        "basis_law": p.basis.law, "basis_article": p.basis.article,
        "law_link": law_link(&p.basis.law, &p.basis.article),
        "department_id": p.department_id, "department_name": dept.map(|d| d.name.clone()).unwrap_or_default(),
        "level": p.level, "in_force": p.in_force,
    })
}

/// JSON of a band for pages.
pub fn band_json(b: &Band) -> Value {
    json!({"circumstance": b.circumstance.label(), "min": crate::pages::powers::yuan_label(b.min_fen),
           "max": yuan_label(b.max_fen), "description": b.description})
}

/// An amount for display, e.g. `2000元`.
pub fn yuan_label(fen: i64) -> String {
    domain::enforcement::yuan(fen)
}

// ---------------------------------------------------------------- list

/// Filters of the list (query string); also used by the export.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct ListQuery {
    /// Department id.
    #[serde(default)]
    pub department: String,
    /// Power type label.
    #[serde(default)]
    pub power_type: String,
    /// `in_force` or `not_in_force`.
    #[serde(default)]
    pub status: String,
    /// Search text.
    #[serde(default)]
    pub q: String,
    /// Page number from 1.
    #[serde(default)]
    pub page: String,
}

impl ListQuery {
    /// The store filter of this query.
    pub fn filter(&self) -> PowerFilter {
        PowerFilter {
            department_ids: self.department.parse::<i64>().ok().map(|d| vec![d]),
            power_type: PowerType::parse(&self.power_type),
            in_force: match self.status.as_str() {
                "in_force" => Some(true),
                "not_in_force" => Some(false),
                _ => None,
            },
            q: self.q.clone(),
        }
    }

    /// The page number (from 1).
    pub fn page(&self) -> i64 {
        self.page
            .parse::<i64>()
            .ok()
            .filter(|&p| p > 0)
            .unwrap_or(1)
    }

    /// The query string of the filters (without the page), ending in `&` for the pager.
    pub fn base(&self, path: &str) -> String {
        format!(
            "{path}?department={}&power_type={}&status={}&q={}&",
            url_encode(&self.department),
            url_encode(&self.power_type),
            url_encode(&self.status),
            url_encode(&self.q)
        )
    }
}

fn type_options() -> Vec<Value> {
    PowerType::ALL
        .iter()
        .map(|t| json!({"value": t.label(), "label": format!("行政{}", t.label()).replace("行政其他", "其他行政权力")}))
        .collect()
}

/// GET /staff/powers
pub async fn list(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(q): Query<ListQuery>,
) -> PageResult {
    me.require(Action::ViewPowers)?;
    let departments = state.store.list_departments(me.user.government_id).await?;
    let page_no = q.page();
    let (total, powers) = state
        .store
        .list_powers(
            me.user.government_id,
            &q.filter(),
            (page_no - 1) * PAGE_SIZE,
            PAGE_SIZE,
        )
        .await?;
    let rows: Vec<Value> = powers.iter().map(|p| power_json(p, &departments)).collect();
    let n_pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let dept_options: Vec<Value> = departments
        .iter()
        .filter(|d| d.is_enforcement_body)
        .map(|d| json!({"id": d.id.to_string(), "name": d.name}))
        .collect();
    let ctx = merge(
        base_context(&state, &me, "/staff/powers", "权责清单").await?,
        json!({
            "powers": rows, "q": q, "total": total, "page": page_no, "n_pages": n_pages,
            "base": q.base("/staff/powers"), "export_href": format!("{}page=1", q.base("/staff/powers/export")),
            "departments": dept_options, "types": type_options(),
            "can_manage": allows(me.user.role, Action::ManagePowers),
            "import_errors": Vec::<Value>::new(), "import_message": "",
        }),
    );
    page(StatusCode::OK, "powers.html", &ctx)
}

// ---------------------------------------------------------------- new / create

async fn form_page(
    state: &AppState,
    me: &CurrentUser,
    form: &PowerForm,
    errors: &FieldErrors,
    error: &str,
    status: StatusCode,
) -> PageResult {
    let departments: Vec<Value> = manageable_departments(state, me)
        .await?
        .iter()
        .map(|d| json!({"id": d.id.to_string(), "name": d.name}))
        .collect();
    let ctx = merge(
        base_context(state, me, "/staff/powers", "新增权力事项").await?,
        json!({"form": form, "errors": errors.0, "error": error, "departments": departments, "types": type_options()}),
    );
    page(status, "power_form.html", &ctx)
}

/// GET /staff/powers/new
pub async fn new(State(state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    me.require(Action::ManagePowers)?;
    let form = PowerForm {
        power_type: "处罚".into(),
        level: "县级".into(),
        added_on: today(&state).format("%Y-%m-%d").to_string(),
        department_id: me
            .user
            .department_id
            .map(|d| d.to_string())
            .unwrap_or_default(),
        ..Default::default()
    };
    form_page(&state, &me, &form, &FieldErrors::new(), "", StatusCode::OK).await
}

/// POST /staff/powers
pub async fn create(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(form): Form<PowerForm>,
) -> PageResult {
    me.require(Action::ManagePowers)?;
    me.check_csrf(&form.csrf)?;
    let departments = manageable_departments(&state, &me).await?;
    let (input, department_id, level) = match validate_power(&form, &departments) {
        Ok(v) => v,
        Err(errors) => {
            return form_page(
                &state,
                &me,
                &form,
                &errors,
                "",
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    match tx.create_power(&input, department_id, &level).await {
        Ok(p) => {
            tx.commit().await?;
            see_other(&format!("/staff/powers/{}", p.id))
        }
        Err(e) => {
            drop(tx);
            let e = WebError::from(e);
            let message = if matches!(e, WebError::Conflict(_)) {
                format!("事项编码「{}」已存在", input.code)
            } else {
                e.to_string()
            };
            form_page(
                &state,
                &me,
                &form,
                &FieldErrors::new(),
                &message,
                e.status(),
            )
            .await
        }
    }
}

// ---------------------------------------------------------------- detail and its forms

/// The fine check of the detail page (query string): circumstance and fine in yuan.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct DetailQuery {
    /// Circumstance to check.
    #[serde(default)]
    pub circumstance: String,
    /// Fine in yuan.
    #[serde(default)]
    pub fine: String,
}

/// Forms shown again with their errors.
#[derive(Default)]
struct DetailForms {
    edit: Option<PowerForm>,
    status: StatusForm,
    band: BandForm,
    errors: FieldErrors,
    error: String,
    which: &'static str,
}

fn form_of(p: &StoredPower) -> PowerForm {
    PowerForm {
        csrf: String::new(),
        code: p.code.clone(),
        name: p.name.clone(),
        power_type: p.power_type.label().to_owned(),
        basis_law: p.basis.law.clone(),
        basis_article: p.basis.article.clone(),
        department_id: p.department_id.to_string(),
        level: p.level.clone(),
        added_on: String::new(),
        document_number: String::new(),
    }
}

async fn detail_page(
    state: &AppState,
    me: &CurrentUser,
    power: &StoredPower,
    check: &DetailQuery,
    forms: DetailForms,
    status: StatusCode,
) -> PageResult {
    let gov = me.user.government_id;
    let departments = state.store.list_departments(gov).await?;
    let history: Vec<Value> = state
        .store
        .power_history(gov, power.id)
        .await?
        .iter()
        .map(|e| json!({"seq": e.seq, "change": e.event.change.label(), "on": e.event.on.to_string(), "document_number": e.event.document_number}))
        .collect();
    let bands = state.store.discretion_bands(gov, power.id).await?;
    let ledger: Vec<Value> = state
        .store
        .ledger_entries_of(gov, "power", &power.id.to_string())
        .await?
        .iter()
        .map(|e| json!({"idx": e.idx, "at": crate::time::format_ms(e.at), "event_label": event_label(&e.event), "actor": e.actor}))
        .collect();
    let manageable = manageable_departments(state, me).await?;
    let can_manage = allows(me.user.role, Action::ManagePowers)
        && manageable.iter().any(|d| d.id == power.department_id);
    // The fine check: 行政处罚法 第三十四条, as the domain decides it.
    let check_result = if check.fine.trim().is_empty() {
        Value::Null
    } else {
        match (
            Circumstance::parse(&check.circumstance),
            parse_yuan_to_fen(&check.fine),
        ) {
            (Some(c), Some(fen)) => match check_fine(&standard_of(power, bands.clone()), c, fen) {
                Ok(()) => {
                    json!({"ok": true, "message": format!("罚款{}在「{}」情节的裁量幅度之内", yuan_label(fen), c.label())})
                }
                Err(r) => json!({"ok": false, "message": r.message}),
            },
            _ => json!({"ok": false, "message": "请选择情节并填写有效的罚款金额（元）"}),
        }
    };
    let edit = forms.edit.unwrap_or_else(|| form_of(power));
    let dept_options: Vec<Value> = manageable
        .iter()
        .map(|d| json!({"id": d.id.to_string(), "name": d.name}))
        .collect();
    let circumstances: Vec<&str> = [
        Circumstance::NoPenalty,
        Circumstance::Mitigated,
        Circumstance::Lighter,
        Circumstance::Ordinary,
        Circumstance::Heavier,
    ]
    .iter()
    .map(|c| c.label())
    .collect();
    let ctx = merge(
        base_context(state, me, "/staff/powers", &power.name).await?,
        json!({
            "power": power_json(power, &departments), "history": history,
            "bands": bands.iter().map(band_json).collect::<Vec<_>>(), "ledger": ledger,
            "is_penalty": power.power_type == PowerType::Penalty,
            "can_manage": can_manage, "form": edit, "status_form": forms.status, "band_form": forms.band,
            "errors": forms.errors.0, "error": forms.error, "which": forms.which,
            "departments": dept_options, "types": type_options(), "circumstances": circumstances,
            "check": check, "check_result": check_result,
        }),
    );
    page(status, "power.html", &ctx)
}

/// GET /staff/powers/{id}
pub async fn show(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Query(check): Query<DetailQuery>,
) -> PageResult {
    me.require(Action::ViewPowers)?;
    let power = visible_power(&state, &me, &id).await?;
    detail_page(
        &state,
        &me,
        &power,
        &check,
        DetailForms::default(),
        StatusCode::OK,
    )
    .await
}

/// POST /staff/powers/{id}
pub async fn update(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<PowerForm>,
) -> PageResult {
    me.require(Action::ManagePowers)?;
    me.check_csrf(&form.csrf)?;
    let power = managed_power(&state, &me, &id).await?;
    let departments = manageable_departments(&state, &me).await?;
    // The date and document of a power belong to its status events; the parser wants them.
    let mut checked = form.clone();
    checked.added_on = "2000-01-01".into();
    checked.document_number = "—".into();
    let fail = |errors: FieldErrors, error: String, status| {
        let forms = DetailForms {
            edit: Some(form.clone()),
            errors,
            error,
            which: "edit",
            ..Default::default()
        };
        (forms, status)
    };
    let (forms, status) = match validate_power(&checked, &departments) {
        Ok((input, department_id, level)) => {
            let mut tx = state
                .store
                .begin_write(me.user.government_id, &actor(&me), state.now())
                .await?;
            match tx
                .update_power(power.id, &power_fields(input, department_id, level))
                .await
            {
                Ok(_) => {
                    tx.commit().await?;
                    return see_other(&format!("/staff/powers/{}", power.id));
                }
                Err(e) => {
                    drop(tx);
                    let e = WebError::from(e);
                    let message = if matches!(e, WebError::Conflict(_)) {
                        format!("事项编码「{}」已存在", form.code.trim())
                    } else {
                        e.to_string()
                    };
                    fail(FieldErrors::new(), message, e.status())
                }
            }
        }
        Err(errors) => fail(errors, String::new(), StatusCode::UNPROCESSABLE_ENTITY),
    };
    detail_page(&state, &me, &power, &DetailQuery::default(), forms, status).await
}

/// POST /staff/powers/{id}/status
pub async fn change_status(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<StatusForm>,
) -> PageResult {
    me.require(Action::ManagePowers)?;
    me.check_csrf(&form.csrf)?;
    let power = managed_power(&state, &me, &id).await?;
    let event = match decide_status_change(&state, &power, &form).await {
        Ok(e) => e,
        Err(e @ (WebError::Invalid(_) | WebError::Refused(_))) => {
            let status = e.status();
            let (errors, error) = match e {
                WebError::Invalid(f) => (f, String::new()),
                other => (FieldErrors::new(), other.to_string()),
            };
            let forms = DetailForms {
                status: form,
                errors,
                error,
                which: "status",
                ..Default::default()
            };
            return detail_page(&state, &me, &power, &DetailQuery::default(), forms, status).await;
        }
        Err(e) => return Err(e.into()),
    };
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    tx.record_power_change(power.id, &event).await?;
    tx.commit().await?;
    see_other(&format!("/staff/powers/{}", power.id))
}

/// The discretion band form: one band.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct BandForm {
    /// CSRF token.
    #[serde(default)]
    pub csrf: String,
    /// Circumstance word.
    #[serde(default)]
    pub circumstance: String,
    /// Lowest fine, yuan.
    #[serde(default)]
    pub min_yuan: String,
    /// Highest fine, yuan.
    #[serde(default)]
    pub max_yuan: String,
    /// What the circumstance covers.
    #[serde(default)]
    pub description: String,
}

/// POST /staff/powers/{id}/discretion
pub async fn add_band(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<BandForm>,
) -> PageResult {
    me.require(Action::ManagePowers)?;
    me.check_csrf(&form.csrf)?;
    let power = managed_power(&state, &me, &id).await?;
    let existing = state
        .store
        .discretion_bands(me.user.government_id, power.id)
        .await?;
    let new = vec![(
        form.circumstance.clone(),
        form.min_yuan.clone(),
        form.max_yuan.clone(),
        form.description.trim().to_owned(),
    )];
    let bands = match decide_bands(&power, &existing, &new) {
        Ok(b) => b,
        Err(e) => {
            let status = e.status();
            let (errors, error) = match e {
                WebError::Invalid(f) => (f, String::new()),
                other => (FieldErrors::new(), other.to_string()),
            };
            let forms = DetailForms {
                band: form,
                errors,
                error,
                which: "band",
                ..Default::default()
            };
            return detail_page(&state, &me, &power, &DetailQuery::default(), forms, status).await;
        }
    };
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    tx.set_discretion_bands(power.id, &bands).await?;
    tx.commit().await?;
    see_other(&format!("/staff/powers/{}", power.id))
}

// ---------------------------------------------------------------- Excel

fn xlsx_response(bytes: Vec<u8>, file_name: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"powers.xlsx\"; filename*=UTF-8''{}",
                    url_encode(file_name)
                ),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// GET /staff/powers/template — the empty sheet with its headers and one example row.
pub async fn template(State(_state): State<AppState>, PageUser(me): PageUser) -> PageResult {
    me.require(Action::ViewPowers)?;
    let example = vec![
        "330523-CF-001",
        "对生产经营不符合食品安全标准的食品的处罚",
        "行政处罚",
        "《中华人民共和国食品安全法》",
        "第一百二十四条",
        "2026-01-01",
        "安政发〔2026〕1号",
        "安吉县市场监督管理局",
        "县级",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    let bytes = crate::excel::write_xlsx("权责清单", &SHEET_COLUMNS, &[example])
        .map_err(WebError::Internal)?;
    Ok(xlsx_response(bytes, "权责清单导入模板.xlsx"))
}

/// The rows of the export of `filter`: sheet columns plus the status.
pub async fn export_rows(
    state: &AppState,
    government_id: i64,
    filter: &PowerFilter,
) -> Result<Vec<Vec<String>>, WebError> {
    let departments = state.store.list_departments(government_id).await?;
    let (_, powers) = state
        .store
        .list_powers(government_id, filter, 0, i64::MAX / 2)
        .await?;
    let mut rows = Vec::with_capacity(powers.len());
    for p in powers {
        let history = state.store.power_history(government_id, p.id).await?;
        let first = history.first();
        let dept = departments
            .iter()
            .find(|d| d.id == p.department_id)
            .map(|d| d.name.clone())
            .unwrap_or_default();
        let last = history.last().map(|e| {
            format!(
                "{}（{} {}）",
                e.event.change.label(),
                e.event.on,
                e.event.document_number
            )
        });
        rows.push(vec![
            p.code.clone(),
            p.name.clone(),
            format!("行政{}", p.power_type.label()).replace("行政其他", "其他行政权力"),
            p.basis.law.clone(),
            p.basis.article.clone(),
            first.map(|e| e.event.on.to_string()).unwrap_or_default(),
            first
                .map(|e| e.event.document_number.clone())
                .unwrap_or_default(),
            dept,
            p.level.clone(),
            last.unwrap_or_default(),
        ]);
    }
    Ok(rows)
}

/// GET /staff/powers/export — the filtered list as .xlsx (same columns as the import, plus the
/// current status).
pub async fn export(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(q): Query<ListQuery>,
) -> PageResult {
    me.require(Action::ViewPowers)?;
    let rows = export_rows(&state, me.user.government_id, &q.filter()).await?;
    let mut headers: Vec<&str> = SHEET_COLUMNS.to_vec();
    headers.push(STATUS_COLUMN);
    let bytes =
        crate::excel::write_xlsx("权责清单", &headers, &rows).map_err(WebError::Internal)?;
    Ok(xlsx_response(bytes, "权责清单.xlsx"))
}

/// An import row error with its sheet row number.
#[derive(Debug, Clone, Serialize)]
pub struct SheetError {
    /// Row number in the sheet (the header is row 1).
    pub row: usize,
    /// Column header.
    pub column: String,
    /// What is wrong.
    pub message: String,
}

/// Reads and checks a whole power-list sheet: every row error, or every row ready to store.
/// Codes already on the government's list are errors too, so that nothing is half imported.
pub async fn check_sheet(
    state: &AppState,
    me: &CurrentUser,
    bytes: &[u8],
) -> Result<Result<Vec<(PowerInput, i64, String)>, Vec<SheetError>>, WebError> {
    let one = |message: String| {
        Ok(Err(vec![SheetError {
            row: 0,
            column: String::new(),
            message,
        }]))
    };
    let rows = match crate::excel::read_rows(bytes) {
        Ok(r) => r,
        Err(m) => return one(m),
    };
    let Some((_, header_row)) = rows.first() else {
        return one("工作表是空的".into());
    };
    for (i, h) in SHEET_COLUMNS.iter().enumerate() {
        if header_row.get(i).map(|s| s.trim()) != Some(*h) {
            return one(format!(
                "第1行应为表头「{}」，请使用导入模板",
                SHEET_COLUMNS.join("、")
            ));
        }
    }
    let data = &rows[1..];
    if data.is_empty() {
        return one("工作表中没有数据行".into());
    }
    let sheet_row = |idx: usize| data.get(idx - 1).map(|(n, _)| *n).unwrap_or(idx + 1);
    let mut errors: Vec<SheetError> = Vec::new();
    let push = |errors: &mut Vec<SheetError>, e: RowError| {
        errors.push(SheetError {
            row: sheet_row(e.row),
            column: e.column.to_owned(),
            message: e.message,
        })
    };
    let domain_rows: Vec<Vec<String>> = data
        .iter()
        .map(|(_, cells)| cells.iter().take(7).cloned().collect())
        .collect();
    let parsed = match parse_power_rows(&domain_rows) {
        Ok(p) => Some(p),
        Err(errs) => {
            for e in errs {
                push(&mut errors, e);
            }
            None
        }
    };
    let departments = manageable_departments(state, me).await?;
    let existing: BTreeMap<String, ()> = state
        .store
        .list_powers(
            me.user.government_id,
            &PowerFilter::default(),
            0,
            i64::MAX / 2,
        )
        .await?
        .1
        .into_iter()
        .map(|p| (p.code, ()))
        .collect();
    let mut places = Vec::with_capacity(data.len());
    for (i, (_, cells)) in data.iter().enumerate() {
        let row_no = i + 1;
        let dept_text = cells.get(7).map(|s| s.trim()).unwrap_or("");
        let dept = find_department(&departments, dept_text);
        if dept.is_none() {
            push(
                &mut errors,
                RowError {
                    row: row_no,
                    column: "实施部门",
                    message: if dept_text.is_empty() {
                        "实施部门不能为空".into()
                    } else {
                        format!("实施部门「{dept_text}」不存在或不在您管理的范围内")
                    },
                },
            );
        }
        let level = cells.get(8).map(|s| s.trim()).unwrap_or("").to_owned();
        if level.chars().count() > 20 {
            push(
                &mut errors,
                RowError {
                    row: row_no,
                    column: "行使层级",
                    message: "行使层级不能超过20个字".into(),
                },
            );
        }
        let code = cells.first().map(|s| s.trim()).unwrap_or("");
        if existing.contains_key(code) {
            push(
                &mut errors,
                RowError {
                    row: row_no,
                    column: "事项编码",
                    message: format!("事项编码「{code}」已在权责清单中"),
                },
            );
        }
        places.push((dept.map(|d| d.id), level));
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.row);
        return Ok(Err(errors));
    }
    let parsed = parsed.unwrap_or_default();
    Ok(Ok(parsed
        .into_iter()
        .zip(places)
        .map(|(input, (dept, level))| (input, dept.unwrap_or_default(), level))
        .collect()))
}

/// POST /staff/powers/import (multipart, field `files`; the CSRF token in the query string
/// because the body is read only after authorisation). All or nothing.
pub async fn import(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(q): Query<super::account::CsrfForm>,
    request: axum::extract::Request,
) -> PageResult {
    me.require(Action::ManagePowers)?;
    me.check_csrf(&q.csrf)?;
    let files = match super::report_review::uploaded_files(request, &state).await {
        Ok(f) => f,
        Err(e @ (WebError::BadRequest(_) | WebError::TooLarge)) => {
            return import_result(&state, &me, Vec::new(), &e.to_string(), e.status()).await;
        }
        Err(e) => return Err(e.into()),
    };
    let Some((_, bytes)) = files.into_iter().next() else {
        return import_result(
            &state,
            &me,
            Vec::new(),
            "请选择要导入的Excel文件（.xlsx）",
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let rows = match check_sheet(&state, &me, &bytes).await? {
        Ok(rows) => rows,
        Err(errors) => {
            let n = errors.len();
            return import_result(
                &state,
                &me,
                errors,
                &format!("导入未执行：发现{n}处错误，请修改后重新上传（整表不导入任何一行）"),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(&me), state.now())
        .await?;
    tx.import_powers(&rows).await?;
    tx.commit().await?;
    import_result(
        &state,
        &me,
        Vec::new(),
        &format!("已导入{}项权力事项", rows.len()),
        StatusCode::OK,
    )
    .await
}

async fn import_result(
    state: &AppState,
    me: &CurrentUser,
    errors: Vec<SheetError>,
    message: &str,
    status: StatusCode,
) -> PageResult {
    let departments = state.store.list_departments(me.user.government_id).await?;
    let q = ListQuery::default();
    let (total, powers) = state
        .store
        .list_powers(me.user.government_id, &q.filter(), 0, PAGE_SIZE)
        .await?;
    let rows: Vec<Value> = powers.iter().map(|p| power_json(p, &departments)).collect();
    let n_pages = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let dept_options: Vec<Value> = departments
        .iter()
        .filter(|d| d.is_enforcement_body)
        .map(|d| json!({"id": d.id.to_string(), "name": d.name}))
        .collect();
    let ctx = merge(
        base_context(state, me, "/staff/powers", "权责清单").await?,
        json!({
            "powers": rows, "q": q, "total": total, "page": 1, "n_pages": n_pages,
            "base": q.base("/staff/powers"), "export_href": format!("{}page=1", q.base("/staff/powers/export")),
            "departments": dept_options, "types": type_options(),
            "can_manage": allows(me.user.role, Action::ManagePowers),
            "import_errors": errors, "import_message": message, "import_failed": !status.is_success(),
        }),
    );
    page(status, "powers.html", &ctx)
}

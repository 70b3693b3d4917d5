//! Staff UI: server-rendered pages in Simplified Chinese, usable without JavaScript.
//! Every form posts with its CSRF token and answers with 303 on success (POST/redirect/GET) or the
//! same page with the errors beside the fields on failure.

pub mod account;
pub mod audit;
pub mod calendar;
pub mod case_forms;
pub mod cases;
pub mod deadlines;
pub mod disclosures;
pub mod legality_review;
pub mod normative;
pub mod officers;
pub mod org;
pub mod penalty_settings;
pub mod powers;
pub mod report_review;
pub mod summary;
pub mod users;
// Supervision of enforcement and inspections (issue #5 items 5 and 10).
pub mod case_reviews;
pub mod inspections;
pub mod letters;
pub mod supervision;

// Indicators (issue #9) and the annual report.
pub mod annual_reports;
pub mod dashboard;

use axum::response::{Html, IntoResponse, Redirect, Response};
use domain::permission::{Action, allows};
use serde_json::{Value, json};
use store::Department;

use crate::auth::CurrentUser;
use crate::error::PageError;
use crate::{AppState, WebError};

/// Result of a page handler.
pub type PageResult = Result<Response, PageError>;

/// The context every staff page shares: who is logged in, the navigation, the CSRF token.
pub async fn base_context(
    state: &AppState,
    me: &CurrentUser,
    active: &str,
    title: &str,
) -> Result<Value, WebError> {
    let government = state.store.government(me.user.government_id).await?;
    let role = me.user.role;
    let mut nav = vec![
        json!({"href": "/staff", "label": "工作台"}),
        json!({"href": "/staff/deadlines", "label": "我的期限"}),
    ];
    nav.push(json!({"group": "机构管理"}));
    if allows(role, Action::ViewOrganisation) {
        nav.push(json!({"href": "/staff/regions", "label": "行政区划"}));
        nav.push(json!({"href": "/staff/governments", "label": "人民政府"}));
        nav.push(json!({"href": "/staff/departments", "label": "部门与执法主体"}));
    }
    if allows(role, Action::ViewOfficers) || allows(role, Action::ViewPowers) {
        nav.push(json!({"group": "行政执法"}));
    }
    if allows(role, Action::ViewOfficers) {
        nav.push(json!({"href": "/staff/officers", "label": "执法人员与执法证"}));
    }
    if allows(role, Action::ViewPowers) {
        nav.push(json!({"href": "/staff/powers", "label": "权责清单"}));
    }
    if allows(role, Action::ViewCases) {
        nav.push(json!({"href": "/staff/cases", "label": "行政处罚案件"}));
    }
    if allows(role, Action::ViewCases) {
        nav.push(json!({"href": "/staff/summary", "label": "当场处罚（简易程序）"}));
    }
    if allows(role, Action::ReviewCases) {
        nav.push(json!({"href": "/staff/legal-review", "label": "法制审核"}));
    }
    if allows(role, Action::ViewCases) {
        nav.push(json!({"href": "/staff/disclosures", "label": "执法决定公示"}));
        nav.push(json!({"href": "/staff/filings", "label": "重大行政处罚备案"}));
    }
    if allows(role, Action::ManageReviewCatalogue) {
        nav.push(json!({"href": "/staff/review-catalogue", "label": "法制审核目录"}));
        nav.push(json!({"href": "/staff/penalty-settings", "label": "听证标准与程序设置"}));
    }
    if allows(role, Action::ReviewReports) {
        nav.push(json!({"group": "监督"}));
        nav.push(json!({"href": "/staff/report-review", "label": "年度报告审读"}));
    }
    if allows(role, Action::ViewUsers) || allows(role, Action::ViewAudit) {
        nav.push(json!({"group": "系统管理"}));
    }
    if allows(role, Action::ViewUsers) {
        nav.push(json!({"href": "/staff/users", "label": "用户管理"}));
    }
    if allows(role, Action::ViewAudit) {
        nav.push(json!({"href": "/staff/audit", "label": "审计日志"}));
    }
    // Supervision of enforcement and inspections (issue #5 items 5 and 10).
    if allows(role, Action::ViewCases) {
        nav.push(json!({"group": "执法监督与行政检查"}));
        nav.push(json!({"href": "/staff/inspections", "label": "行政检查"}));
        nav.push(json!({"href": "/staff/inspection-targets", "label": "检查对象名录库"}));
        nav.push(json!({"href": "/staff/inspection-plans", "label": "双随机抽查"}));
        nav.push(json!({"href": "/staff/case-reviews", "label": "案卷评查"}));
        nav.push(json!({"href": "/staff/letters", "label": "提示函与督办函"}));
    }
    if allows(role, Action::ViewIndicators) {
        nav.push(json!({"group": "指标与年度报告"}));
        nav.push(json!({"href": "/staff/dashboard", "label": "指标看板"}));
        nav.push(json!({"href": "/staff/annual-reports", "label": "法治政府建设年度报告"}));
    }
    if allows(role, Action::ViewNormativeDocuments) {
        nav.push(json!({"group": "行政规范性文件"}));
        nav.push(json!({"href": "/staff/normative", "label": "规范性文件库"}));
        nav.push(json!({"href": "/staff/normative/issuers", "label": "制定主体清单"}));
        nav.push(json!({"href": "/staff/normative/objections", "label": "异议与审查建议"}));
        nav.push(json!({"href": "/staff/normative/cleanup", "label": "文件清理"}));
    }
    nav.push(json!({"group": "工具"}));
    nav.push(json!({"href": "/staff/legality-review", "label": "规范性文件智能审查"}));
    nav.push(json!({"href": "/staff/calendar", "label": "工作日历与期限"}));
    nav.push(json!({"group": "公开"}));
    nav.push(json!({"href": "/", "label": "门户网站"}));
    Ok(json!({
        "title": title,
        "active": active,
        "nav": nav,
        "csrf": me.csrf_token,
        "me": {
            "display_name": me.user.display_name,
            "role_label": role.label(),
            "government_name": government.name,
        },
    }))
}

/// Merges page-specific values into the base context.
pub fn merge(mut base: Value, extra: Value) -> Value {
    if let (Some(b), Value::Object(e)) = (base.as_object_mut(), extra) {
        b.extend(e);
    }
    base
}

/// Renders a page with a status.
pub fn page(status: axum::http::StatusCode, name: &str, ctx: &Value) -> PageResult {
    let html: Html<String> = crate::templates::render(name, ctx)?;
    Ok((status, html).into_response())
}

/// 303 See Other to `to`.
pub fn see_other(to: &str) -> PageResult {
    Ok(Redirect::to(to).into_response())
}

/// Departments the user may see: the whole government, or the subtree of the user's department.
pub fn departments_in_scope(me: &CurrentUser, all: Vec<Department>) -> Vec<Department> {
    let scope = me.scope();
    let parent_of = |id: i64| all.iter().find(|d| d.id == id).and_then(|d| d.parent_id);
    let ancestors = |mut id: i64| {
        let mut out = Vec::new();
        while let Some(p) = parent_of(id) {
            if out.contains(&p) {
                break;
            }
            out.push(p);
            id = p;
        }
        out
    };
    all.iter()
        .filter(|d| scope.covers_department(d.id, &ancestors(d.id)))
        .cloned()
        .collect()
}

/// Depth of each department in its tree, for indenting lists.
pub fn depth(all: &[Department], id: i64) -> usize {
    let mut depth = 0;
    let mut current = all.iter().find(|d| d.id == id).and_then(|d| d.parent_id);
    while let Some(p) = current {
        depth += 1;
        if depth > 16 {
            break;
        }
        current = all.iter().find(|d| d.id == p).and_then(|d| d.parent_id);
    }
    depth
}

/// Chinese label of an audit action.
pub fn action_label(action: &str) -> String {
    let label = match action {
        "login" => "登录成功",
        "login_failed" => "登录失败",
        "account_locked" => "账号锁定",
        "login_refused_locked" => "锁定期间尝试登录",
        "login_refused_inactive" => "停用账号尝试登录",
        "logout" => "退出登录",
        "session_timeout" => "超时自动退出",
        "user.create" => "新增用户",
        "user.reset_password" => "重置密码",
        "user.change_password" => "修改密码",
        "user.unlock" => "解锁账号",
        "department.create" => "新增部门",
        "department.edit" => "修改部门",
        "department.publish" => "公示执法主体",
        "department.withdraw" => "撤回执法主体公示",
        "government.create" => "新增人民政府",
        "region.create" => "新增行政区划",
        "calendar.import" => "导入放假安排",
        "officer.create" => "新增执法人员",
        "officer.edit" => "修改执法人员",
        "officer.suspend" => "暂扣执法证",
        "officer.revoke" => "吊销执法证",
        "officer.restore" => "恢复执法证",
        "officer.import" => "导入执法人员",
        "power.create" => "新增权力事项",
        "power.edit" => "修改权力事项",
        "power.status_change" => "调整权力事项",
        "power.discretion" => "制定裁量基准",
        "supervision.settings" => "设置函件答复期限",
        other => return other.to_owned(),
    };
    label.to_owned()
}

/// The audit actions offered as filters.
pub const AUDIT_ACTIONS: &[&str] = &[
    "login",
    "login_failed",
    "account_locked",
    "login_refused_locked",
    "logout",
    "session_timeout",
    "user.create",
    "user.reset_password",
    "user.change_password",
    "user.unlock",
    "department.create",
    "department.edit",
    "department.publish",
    "department.withdraw",
    "government.create",
    "officer.create",
    "officer.edit",
    "officer.suspend",
    "officer.revoke",
    "officer.restore",
    "officer.import",
    "power.create",
    "power.edit",
    "power.status_change",
    "power.discretion",
    "supervision.settings",
];

/// Chinese label of a ledger event.
pub fn event_label(event: &str) -> &str {
    match event {
        "create" => "创建",
        "edit" => "修改",
        "publish" => "公示",
        "withdraw" => "撤回",
        "transition" => "流转",
        "attach_evidence" => "附加证据材料",
        "suspend" => "暂扣",
        "revoke" => "吊销",
        "restore" => "恢复有效",
        "import" => "导入",
        "status_change" => "调整状态",
        "discretion" => "裁量基准",
        other => other,
    }
}

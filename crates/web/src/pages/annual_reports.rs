//! The annual report (法治政府建设年度报告) in the staff UI: the legal-affairs office drafts it
//! from the indicators (data paragraphs in the register of real reports, prompts where staff
//! write), edits the text in a plain form (every save is a new, ledgered version), and sees the
//! report review (审读) of the current version; a leader approves it — refused while the review
//! finds an inconsistency, a prompt is left or a section is empty — and publishes it on the
//! portal. Every version downloads as .docx (公文 format), HTML and Markdown.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use calendar::NaiveDate;
use domain::FieldErrors;
use domain::permission::{Action, allows};
use report::annual::{AnnualReport, NotReady, Paragraph, ParagraphKind, SectionItem};
use serde::Deserialize;
use serde_json::{Value, json};
use store::annual_reports::{ReportStatus, ReportVersion, StoredAnnualReport};
use store::{Actor, StoreError};

use super::{PageResult, base_context, merge, page, see_other};
use crate::auth::{CurrentUser, PageUser};
use crate::indicators::{catch_up, default_report_year, parse_year, today};
use crate::{AppState, WebError};

fn actor(me: &CurrentUser) -> Actor {
    Actor {
        user_id: Some(me.user.id),
        name: me.user.display_name.clone(),
    }
}

/// The report of an id in the user's government, or 404.
pub async fn report_of(
    state: &AppState,
    me: &CurrentUser,
    id: &str,
) -> Result<StoredAnnualReport, WebError> {
    let id: i64 = id.parse().map_err(|_| WebError::NotFound)?;
    Ok(state.store.annual_report(me.user.government_id, id).await?)
}

/// A version's text as a report.
pub fn parse_body(version: &ReportVersion) -> Result<AnnualReport, WebError> {
    report::annual::json::from_json_str(&version.body)
        .map_err(|e| WebError::Internal(format!("年度报告第{}稿无法读取：{e}", version.version)))
}

/// Drafts the report of `year` from the government's indicators (after catching up).
pub async fn draft_report(
    state: &AppState,
    government_id: i64,
    year: i32,
) -> Result<AnnualReport, WebError> {
    catch_up(state, government_id).await?;
    let government = state.store.government(government_id).await?;
    let figures = state
        .store
        .indicator_figures(&[government_id], 0, year)
        .await?;
    Ok(report::annual::draft(year, &government.name, &figures))
}

/// Creates the draft of `year` as version 1 (ledgered), with its publication deadline.
pub async fn create_report(
    state: &AppState,
    me: &CurrentUser,
    year: i32,
) -> Result<StoredAnnualReport, WebError> {
    let report = draft_report(state, me.user.government_id, year).await?;
    let body = report::annual::json::to_json_string(&report);
    let due = report.due_on.map(|d| d.to_string());
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let stored = tx
        .create_annual_report(year, due.as_deref(), &body, "依据指标自动起草")
        .await?;
    tx.commit().await?;
    Ok(stored)
}

/// Problems that keep a report from approval, in Chinese, with the review's inconsistencies
/// spelled out.
pub fn problems_text(problems: &[NotReady]) -> Vec<String> {
    let mut out = Vec::new();
    for p in problems {
        out.push(p.to_string());
        if let NotReady::Inconsistent(list) = p {
            for i in list {
                out.push(format!(
                    "　　{}：{}（原文：{}）",
                    i.label, i.explanation, i.excerpt
                ));
            }
        }
    }
    out
}

/// The review of a report as the page shows it.
fn review_json(report: &AnnualReport) -> Value {
    match report.approval_check() {
        Ok(review) => json!({
            "ready": true,
            "n_figures": review.figures.len(),
            "n_checked": review.checked.rates + review.checked.sums + review.checked.breakdowns,
            "problems": [],
        }),
        Err(problems) => {
            let n_figures = report.review().map(|r| r.figures.len()).unwrap_or(0);
            json!({"ready": false, "n_figures": n_figures, "n_checked": 0, "problems": problems_text(&problems)})
        }
    }
}

fn paragraph_json(p: &Paragraph) -> Value {
    let kind = report::annual::json::kind_code(&p.kind);
    json!({"kind": kind, "text": p.text})
}

/// The report's text for the page: title, opening, numbered sections, signature.
pub fn report_json(report: &AnnualReport) -> Value {
    let sections: Vec<Value> = report
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({
                "heading": report.numbered_heading(i),
                "paragraphs": s.paragraphs.iter().map(paragraph_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "title": report.title,
        "government": report.government,
        "opening": report.opening.iter().map(paragraph_json).collect::<Vec<_>>(),
        "sections": sections,
        "date_line": report.date_line(),
        "dated_on": report.dated_on.map(|d| d.to_string()).unwrap_or_default(),
        "prompts": report.prompts_left(),
    })
}

/// The report's status and dates for pages and lists.
pub fn stored_json(state: &AppState, r: &StoredAnnualReport) -> Value {
    let overdue = r.status != ReportStatus::Published
        && r.due_on
            .as_deref()
            .is_some_and(|due| today(state).to_string().as_str() > due);
    json!({
        "id": r.id,
        "year": r.year,
        "status": r.status.code(),
        "status_label": r.status.label(),
        "version": r.current_version,
        "approved_version": r.approved_version,
        "approved_by": r.approved_by,
        "approved_at": r.approved_at.map(crate::time::format_ms),
        "published_on": r.published_on,
        "due_on": r.due_on,
        "overdue": overdue,
        "updated_at": crate::time::format_ms(r.updated_at),
    })
}

/// Query of the list page.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    /// Year proposed in the draft form.
    #[serde(default)]
    pub year: String,
}

async fn list_page(
    state: &AppState,
    me: &CurrentUser,
    year: &str,
    error: &str,
    status: StatusCode,
) -> PageResult {
    let reports: Vec<Value> = state
        .store
        .list_annual_reports(me.user.government_id)
        .await?
        .iter()
        .map(|r| stored_json(state, r))
        .collect();
    let year = parse_year(year).unwrap_or_else(|| default_report_year(state));
    let ctx = merge(
        base_context(state, me, "/staff/annual-reports", "法治政府建设年度报告").await?,
        json!({
            "reports": reports,
            "year": year,
            "error": error,
            "may_draft": allows(me.user.role, Action::DraftAnnualReport),
        }),
    );
    page(status, "annual_reports.html", &ctx)
}

/// GET /staff/annual-reports
pub async fn list(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(q): Query<ListQuery>,
) -> PageResult {
    me.require(Action::ViewIndicators)?;
    list_page(&state, &me, &q.year, "", StatusCode::OK).await
}

/// The form that drafts a year's report.
#[derive(Debug, Default, Deserialize)]
pub struct CreateForm {
    /// CSRF token.
    #[serde(default)]
    pub csrf: String,
    /// Year.
    #[serde(default)]
    pub year: String,
}

/// POST /staff/annual-reports
pub async fn create(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Form(form): Form<CreateForm>,
) -> PageResult {
    me.require(Action::DraftAnnualReport)?;
    me.check_csrf(&form.csrf)?;
    let Some(year) = parse_year(&form.year) else {
        return list_page(
            &state,
            &me,
            &form.year,
            "请填写报告年度（如2025）",
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    if let Some(existing) = state
        .store
        .annual_report_of_year(me.user.government_id, year)
        .await?
    {
        return see_other(&format!("/staff/annual-reports/{}", existing.id));
    }
    match create_report(&state, &me, year).await {
        Ok(r) => see_other(&format!("/staff/annual-reports/{}", r.id)),
        Err(WebError::Conflict(m)) => {
            list_page(&state, &me, &form.year, &m, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Query of the report page: a version other than the current one.
#[derive(Debug, Default, Deserialize)]
pub struct ShowQuery {
    /// Version number.
    #[serde(default)]
    pub version: String,
    /// Format of a download: `docx`, `html` or `md`.
    #[serde(default)]
    pub format: String,
}

async fn version_of(
    state: &AppState,
    r: &StoredAnnualReport,
    q: &str,
) -> Result<ReportVersion, WebError> {
    let n = match q.trim() {
        "" => r.current_version,
        v => v.parse::<i64>().map_err(|_| WebError::NotFound)?,
    };
    Ok(state
        .store
        .annual_report_version(r.government_id, r.id, n)
        .await?)
}

async fn show_page(
    state: &AppState,
    me: &CurrentUser,
    r: &StoredAnnualReport,
    version: &ReportVersion,
    error: Vec<String>,
    status: StatusCode,
) -> PageResult {
    let report = parse_body(version)?;
    let versions: Vec<Value> = state
        .store
        .annual_report_versions(r.government_id, r.id)
        .await?
        .iter()
        .rev()
        .map(|v| {
            json!({
                "version": v.version, "author": v.author, "note": v.note,
                "at": crate::time::format_ms(v.created_at), "ledger_idx": v.ledger_idx,
                "body_hash": v.body_hash,
            })
        })
        .collect();
    let role = me.user.role;
    let current = version.version == r.current_version;
    let ctx = merge(
        base_context(state, me, "/staff/annual-reports", &report.title).await?,
        json!({
            "stored": stored_json(state, r),
            "report": report_json(&report),
            "review": review_json(&report),
            "shown_version": version.version,
            "current": current,
            "versions": versions,
            "error": error,
            "may_edit": allows(role, Action::DraftAnnualReport) && r.status != ReportStatus::Published && current,
            "may_approve": allows(role, Action::ApproveAnnualReport) && r.status == ReportStatus::Draft && current,
            "may_publish": allows(role, Action::ApproveAnnualReport) && r.status == ReportStatus::Approved,
        }),
    );
    page(status, "annual_report.html", &ctx)
}

/// GET /staff/annual-reports/{id}
pub async fn show(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> PageResult {
    me.require(Action::ViewIndicators)?;
    let r = report_of(&state, &me, &id).await?;
    let version = version_of(&state, &r, &q.version).await?;
    show_page(&state, &me, &r, &version, Vec::new(), StatusCode::OK).await
}

/// The file of a report in a format: (content type, file extension, bytes).
pub fn export(
    report: &AnnualReport,
    format: &str,
) -> Option<(&'static str, &'static str, Vec<u8>)> {
    match format {
        "docx" | "" => Some((
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
            report::annual::to_docx(report),
        )),
        "html" => Some((
            "text/html; charset=utf-8",
            "html",
            report::annual::to_html(report).into_bytes(),
        )),
        "md" => Some((
            "text/markdown; charset=utf-8",
            "md",
            report::annual::to_markdown(report).into_bytes(),
        )),
        _ => None,
    }
}

/// The download response of a report.
pub fn download_response(
    report: &AnnualReport,
    format: &str,
    stem: &str,
) -> Result<Response, WebError> {
    let (content_type, ext, bytes) = export(report, format).ok_or(WebError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{stem}.{ext}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// GET /staff/annual-reports/{id}/download?format=docx|html|md&version=N
pub async fn download(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> PageResult {
    me.require(Action::ViewIndicators)?;
    let r = report_of(&state, &me, &id).await?;
    let version = version_of(&state, &r, &q.version).await?;
    let report = parse_body(&version)?;
    Ok(download_response(
        &report,
        &q.format,
        &format!("annual-report-{}-v{}", r.year, version.version),
    )?)
}

/// GET /staff/annual-reports/{id}/edit
pub async fn edit(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
) -> PageResult {
    me.require(Action::DraftAnnualReport)?;
    let r = report_of(&state, &me, &id).await?;
    let version = version_of(&state, &r, "").await?;
    edit_page(
        &state,
        &me,
        &r,
        &parse_body(&version)?,
        "",
        &FieldErrors::new(),
        StatusCode::OK,
    )
    .await
}

async fn edit_page(
    state: &AppState,
    me: &CurrentUser,
    r: &StoredAnnualReport,
    report: &AnnualReport,
    note: &str,
    errors: &FieldErrors,
    status: StatusCode,
) -> PageResult {
    let mut blocks = vec![json!({
        "key": "o",
        "heading": "开头语",
        "paragraphs": report.opening.iter().map(paragraph_json).collect::<Vec<_>>(),
    })];
    for (i, s) in report.sections.iter().enumerate() {
        blocks.push(json!({
            "key": i.to_string(),
            "heading": report.numbered_heading(i),
            "paragraphs": s.paragraphs.iter().map(paragraph_json).collect::<Vec<_>>(),
        }));
    }
    let ctx = merge(
        base_context(state, me, "/staff/annual-reports", "修改年度报告").await?,
        json!({
            "stored": stored_json(state, r),
            "title": report.title,
            "blocks": blocks,
            "dated_on": report.dated_on.map(|d| d.to_string()).unwrap_or_default(),
            "note": note,
            "errors": errors.0,
        }),
    );
    page(status, "annual_report_edit.html", &ctx)
}

/// Splits a textarea into paragraphs: one a non-empty line.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

/// The paragraphs of one block after the edit: each paragraph's textarea `p_{key}_{n}` (absent:
/// unchanged; empty: removed; several lines: several paragraphs of a narrative), then the new
/// text of `new_{key}`. A prompt whose text was replaced becomes narrative.
fn edited_block(key: &str, old: &[Paragraph], fields: &HashMap<String, String>) -> Vec<Paragraph> {
    let mut out = Vec::new();
    for (n, p) in old.iter().enumerate() {
        let Some(text) = fields.get(&format!("p_{key}_{n}")) else {
            out.push(p.clone());
            continue;
        };
        let parts = lines(text);
        if parts.is_empty() {
            continue;
        }
        match &p.kind {
            ParagraphKind::Prompt if parts.len() == 1 && parts[0] == p.text => out.push(p.clone()),
            ParagraphKind::Prompt | ParagraphKind::Narrative => {
                for t in parts {
                    let kind = if t.starts_with("【待撰写") {
                        ParagraphKind::Prompt
                    } else {
                        ParagraphKind::Narrative
                    };
                    out.push(Paragraph { kind, text: t });
                }
            }
            // Headings and data paragraphs stay one paragraph.
            kind => out.push(Paragraph {
                kind: kind.clone(),
                text: parts.concat(),
            }),
        }
    }
    if let Some(text) = fields.get(&format!("new_{key}")) {
        out.extend(lines(text).into_iter().map(Paragraph::narrative));
    }
    out
}

/// The report after the edit form, or the field errors.
pub fn apply_edit(
    report: &AnnualReport,
    fields: &HashMap<String, String>,
) -> Result<AnnualReport, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut next = report.clone();
    next.opening = edited_block("o", &report.opening, fields);
    for (i, item) in SectionItem::ALL.into_iter().enumerate() {
        next.section_mut(item).paragraphs =
            edited_block(&i.to_string(), &report.section(item).paragraphs, fields);
    }
    if let Some(date) = fields.get("dated_on") {
        match date.trim() {
            "" => next.dated_on = None,
            d => match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
                Ok(d) => next.dated_on = Some(d),
                Err(_) => errors.add("dated_on", "成文日期格式应为 YYYY-MM-DD"),
            },
        }
    }
    if errors.is_empty() {
        Ok(next)
    } else {
        Err(errors)
    }
}

/// Saves a new version; a stale version or a published report answers with the reason.
pub async fn save_version(
    state: &AppState,
    me: &CurrentUser,
    r: &StoredAnnualReport,
    read_version: i64,
    report: &AnnualReport,
    note: &str,
) -> Result<StoredAnnualReport, WebError> {
    let body = report::annual::json::to_json_string(report);
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let saved = tx
        .save_annual_report_version(r.id, read_version, &body, note)
        .await?;
    tx.commit().await?;
    Ok(saved)
}

/// POST /staff/annual-reports/{id}: saves the edit form as a new version.
pub async fn update(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> PageResult {
    me.require(Action::DraftAnnualReport)?;
    let fields: HashMap<String, String> = fields.into_iter().collect();
    me.check_csrf(fields.get("csrf").map(String::as_str).unwrap_or(""))?;
    let r = report_of(&state, &me, &id).await?;
    let read_version = fields
        .get("version")
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap_or(r.current_version);
    let base = version_of(&state, &r, &read_version.to_string()).await?;
    let old = parse_body(&base)?;
    let note = fields
        .get("note")
        .map(|n| n.trim().to_owned())
        .unwrap_or_default();
    let next = match apply_edit(&old, &fields) {
        Ok(n) => n,
        Err(errors) => {
            return edit_page(
                &state,
                &me,
                &r,
                &old,
                &note,
                &errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    match save_version(&state, &me, &r, read_version, &next, &note).await {
        Ok(_) => see_other(&format!("/staff/annual-reports/{}", r.id)),
        Err(e @ (WebError::Conflict(_) | WebError::Refused(_))) => {
            let version = version_of(&state, &r, "").await?;
            show_page(&state, &me, &r, &version, vec![e.to_string()], e.status()).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The report with the data paragraphs of section one drafted again from today's figures; the
/// paragraphs staff wrote there follow them, and the other sections are kept as they are.
pub fn redrafted(old: &AnnualReport, fresh: &AnnualReport) -> AnnualReport {
    let mut next = old.clone();
    let item = SectionItem::MeasuresAndResults;
    let mut paragraphs: Vec<Paragraph> = fresh
        .section(item)
        .paragraphs
        .iter()
        .filter(|p| {
            matches!(
                p.kind,
                ParagraphKind::Subheading | ParagraphKind::Data { .. }
            )
        })
        .cloned()
        .collect();
    paragraphs.extend(
        old.section(item)
            .paragraphs
            .iter()
            .filter(|p| {
                !matches!(
                    p.kind,
                    ParagraphKind::Subheading | ParagraphKind::Data { .. }
                )
            })
            .cloned(),
    );
    next.section_mut(item).paragraphs = paragraphs;
    next.due_on = fresh.due_on;
    next
}

/// A form with the version it acts on.
#[derive(Debug, Default, Deserialize)]
pub struct VersionForm {
    /// CSRF token.
    #[serde(default)]
    pub csrf: String,
    /// The version shown when the button was pressed.
    #[serde(default)]
    pub version: String,
}

/// POST /staff/annual-reports/{id}/redraft: refreshes the data paragraphs (a new version).
pub async fn redraft(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<VersionForm>,
) -> PageResult {
    me.require(Action::DraftAnnualReport)?;
    me.check_csrf(&form.csrf)?;
    let r = report_of(&state, &me, &id).await?;
    let read_version = form.version.parse::<i64>().unwrap_or(r.current_version);
    let current = version_of(&state, &r, &read_version.to_string()).await?;
    let fresh = draft_report(&state, me.user.government_id, r.year).await?;
    let next = redrafted(&parse_body(&current)?, &fresh);
    match save_version(
        &state,
        &me,
        &r,
        read_version,
        &next,
        "依据最新指标更新数据段落",
    )
    .await
    {
        Ok(_) => see_other(&format!("/staff/annual-reports/{}", r.id)),
        Err(e @ (WebError::Conflict(_) | WebError::Refused(_))) => {
            show_page(&state, &me, &r, &current, vec![e.to_string()], e.status()).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Approves version `version` after the approval check (the review must find no
/// inconsistency). `Err(Refused)` carries the problems.
pub async fn approve_report(
    state: &AppState,
    me: &CurrentUser,
    r: &StoredAnnualReport,
    version: i64,
) -> Result<StoredAnnualReport, WebError> {
    let v = state
        .store
        .annual_report_version(r.government_id, r.id, version)
        .await?;
    let report = parse_body(&v)?;
    if let Err(problems) = report.approval_check() {
        return Err(WebError::Refused(domain::Refusal::new(
            "annual_report.not_ready",
            format!("报告尚不能审定：{}", problems_text(&problems).join("；")),
        )));
    }
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let approved = tx.approve_annual_report(r.id, version).await?;
    tx.commit().await?;
    Ok(approved)
}

/// POST /staff/annual-reports/{id}/approve
pub async fn approve(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<VersionForm>,
) -> PageResult {
    me.require(Action::ApproveAnnualReport)?;
    me.check_csrf(&form.csrf)?;
    let r = report_of(&state, &me, &id).await?;
    let version = form.version.parse::<i64>().unwrap_or(r.current_version);
    match approve_report(&state, &me, &r, version).await {
        Ok(_) => see_other(&format!("/staff/annual-reports/{}", r.id)),
        Err(e @ (WebError::Conflict(_) | WebError::Refused(_) | WebError::NotFound)) => {
            let current = version_of(&state, &r, "").await?;
            show_page(&state, &me, &r, &current, vec![e.to_string()], e.status()).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Publishes the approved version on the portal today.
pub async fn publish_report(
    state: &AppState,
    me: &CurrentUser,
    r: &StoredAnnualReport,
) -> Result<StoredAnnualReport, WebError> {
    let mut tx = state
        .store
        .begin_write(me.user.government_id, &actor(me), state.now())
        .await?;
    let published = tx
        .publish_annual_report(r.id, &today(state).to_string())
        .await
        .map_err(|e| match e {
            StoreError::Refused(r) => WebError::Refused(r),
            other => other.into(),
        })?;
    tx.commit().await?;
    Ok(published)
}

/// POST /staff/annual-reports/{id}/publish
pub async fn publish(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Form(form): Form<VersionForm>,
) -> PageResult {
    me.require(Action::ApproveAnnualReport)?;
    me.check_csrf(&form.csrf)?;
    let r = report_of(&state, &me, &id).await?;
    match publish_report(&state, &me, &r).await {
        Ok(_) => see_other(&format!("/staff/annual-reports/{}", r.id)),
        Err(e @ (WebError::Conflict(_) | WebError::Refused(_))) => {
            let current = version_of(&state, &r, "").await?;
            show_page(&state, &me, &r, &current, vec![e.to_string()], e.status()).await
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use domain::indicators::Figures;

    use super::*;

    fn report() -> AnnualReport {
        report::annual::draft(2025, "安吉县人民政府", &Figures::new(2025))
    }

    #[test]
    fn writing_over_a_prompt_makes_narrative_and_blank_removes() {
        let r = report();
        let mut fields = HashMap::new();
        fields.insert(
            "p_o_0".to_owned(),
            "2025年，我县坚持依法行政。\n全面推进法治政府建设。".to_owned(),
        );
        fields.insert("p_1_0".to_owned(), String::new());
        fields.insert("new_1".to_owned(), "一是执法监督仍有短板。".to_owned());
        fields.insert("dated_on".to_owned(), "2026-03-20".to_owned());
        let next = apply_edit(&r, &fields).unwrap();
        assert_eq!(next.opening.len(), 2);
        assert!(
            next.opening
                .iter()
                .all(|p| p.kind == ParagraphKind::Narrative)
        );
        let s = &next.section(SectionItem::ShortcomingsAndCauses).paragraphs;
        assert_eq!(s, &vec![Paragraph::narrative("一是执法监督仍有短板。")]);
        assert_eq!(next.dated_on, NaiveDate::from_ymd_opt(2026, 3, 20));
        // Untouched prompts stay prompts.
        assert_eq!(next.prompts_left(), r.prompts_left() - 2);
    }

    #[test]
    fn a_bad_date_is_a_field_error() {
        let mut fields = HashMap::new();
        fields.insert("dated_on".to_owned(), "3月20日".to_owned());
        assert!(
            apply_edit(&report(), &fields)
                .unwrap_err()
                .contains("dated_on")
        );
    }

    #[test]
    fn redrafting_keeps_what_staff_wrote() {
        let mut old = report();
        old.section_mut(SectionItem::MeasuresAndResults)
            .paragraphs
            .push(Paragraph::narrative("（五）加强法治宣传。"));
        old.section_mut(SectionItem::NextYearPlan).paragraphs =
            vec![Paragraph::narrative("继续推进。")];
        let fresh = report();
        let next = redrafted(&old, &fresh);
        let s1 = &next.section(SectionItem::MeasuresAndResults).paragraphs;
        assert_eq!(s1.last().unwrap().text, "（五）加强法治宣传。");
        assert_eq!(next.section(SectionItem::NextYearPlan).paragraphs.len(), 1);
    }
}

//! The dashboards (指标看板): a leader's view (key figures of the year with last year beside
//! them, monthly trends, departments compared, overdue items by department) and the
//! legal-affairs office's view (the same, and every indicator of the catalogue with its
//! numerator and denominator); the records behind every figure (drill-down); and any table as
//! .xlsx. Figures come from the aggregates after a "catch up now", never from a scan of the
//! records. A government with subordinate governments can roll the figures up over its region.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use calendar::Datelike;
use domain::account::Role;
use domain::indicators::{Figure, Figures, Indicator, Measure, PeriodRule, Tally, Unit};
use domain::permission::{Action, allows};
use serde::Deserialize;
use serde_json::{Value, json};
use store::indicators::{DeadlineCounts, Part, Source};
use store::{Department, Government};

use super::{PageResult, base_context, merge, page};
use crate::auth::{CurrentUser, PageUser};
use crate::indicators::{
    DEFAULT_COMPARISON, HEADLINES, TRENDS, catch_up, certainty_label, change_text, default_year,
    figure_text, figure_value, parse_year, today, unit_label,
};
use crate::svg::{self, Bar};
use crate::{AppState, WebError};

/// Rows of a drill-down page.
pub const PER_PAGE: usize = 50;
/// Most rows of an exported drill-down.
pub const MAX_EXPORT_ROWS: usize = 100_000;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Query of the dashboard and its exports.
#[derive(Debug, Default, Deserialize)]
pub struct DashboardQuery {
    /// The year (default: [`default_year`]).
    #[serde(default)]
    pub year: String,
    /// `leader` or `office` (default by role).
    #[serde(default)]
    pub view: String,
    /// Indicator the departments are compared on.
    #[serde(default)]
    pub compare: String,
    /// `region`: roll up over the governments under this one.
    #[serde(default)]
    pub scope: String,
    /// Which table an export writes.
    #[serde(default)]
    pub table: String,
}

/// An indicator by id, when the store keeps the records it counts.
pub fn indicator(id: &str) -> Option<&'static Indicator> {
    domain::indicators::find(id).filter(|i| store::indicators::is_fed(i))
}

/// Every indicator whose records the store keeps, in catalogue order.
pub fn fed() -> impl Iterator<Item = &'static Indicator> {
    domain::indicators::all()
        .iter()
        .filter(|i| store::indicators::is_fed(i))
}

fn zero_figure(indicator: &Indicator, year: i32) -> Figure {
    Figure::from_tally(indicator, year, Tally::default())
}

/// The link to the records behind a figure.
pub fn drill_link(id: &str, year: i32, part: Part, department: i64, month: Option<u32>) -> String {
    let mut link = format!("/staff/indicators/{id}?year={year}&part={}", part.code());
    if department != 0 {
        link.push_str(&format!("&department={department}"));
    }
    if let Some(m) = month {
        link.push_str(&format!("&month={m}"));
    }
    link
}

/// What the dashboard reads for one year and scope.
struct Loaded {
    year: i32,
    region: bool,
    subtree: Vec<Government>,
    ids: Vec<i64>,
    this: Figures,
    last: Figures,
    departments: Vec<Department>,
}

async fn load(state: &AppState, me: &CurrentUser, q: &DashboardQuery) -> Result<Loaded, WebError> {
    let gov = me.user.government_id;
    let year = parse_year(&q.year).unwrap_or_else(|| default_year(state));
    let subtree = state.store.government_subtree(gov).await?;
    let region = q.scope == "region" && subtree.len() > 1;
    let ids: Vec<i64> = if region {
        subtree.iter().map(|g| g.id).collect()
    } else {
        vec![gov]
    };
    for id in &ids {
        catch_up(state, *id).await?;
    }
    let this = state.store.indicator_figures(&ids, 0, year).await?;
    let last = state.store.indicator_figures(&ids, 0, year - 1).await?;
    let departments = state.store.list_departments(gov).await?;
    Ok(Loaded {
        year,
        region,
        subtree,
        ids,
        this,
        last,
        departments,
    })
}

/// One indicator's row: this year, last year, the change, and the drill-down links.
fn figure_row(l: &Loaded, indicator: &Indicator) -> Value {
    let this = l
        .this
        .get(indicator.id)
        .copied()
        .unwrap_or_else(|| zero_figure(indicator, l.year));
    let last = l
        .last
        .get(indicator.id)
        .copied()
        .unwrap_or_else(|| zero_figure(indicator, l.year - 1));
    let link = |part: Part| (!l.region).then(|| drill_link(indicator.id, l.year, part, 0, None));
    json!({
        "id": indicator.id,
        "name": indicator.name,
        "definition": indicator.definition,
        "unit": unit_label(indicator),
        "is_rate": indicator.is_rate(),
        "text": figure_text(&this),
        "numerator": this.numerator,
        "numerator_text": match indicator.unit { Unit::Yuan => report::annual::format_yuan(this.numerator), _ => this.numerator.to_string() },
        "denominator": this.denominator,
        "last_text": figure_text(&last),
        "change": change_text(&this, &last),
        "link": link(Part::Numerator),
        "denominator_link": if indicator.is_rate() { link(Part::Denominator) } else { None },
        "source": format!("{} {}", indicator.source.law, indicator.source.article),
        "certainty": certainty_label(indicator.source.certainty),
        "min_volume": indicator.min_volume,
    })
}

/// Values of a monthly tally in the indicator's unit (yuan for money).
fn monthly_values(indicator: &Indicator, tallies: &BTreeMap<(String, u32), Tally>) -> [f64; 12] {
    std::array::from_fn(|m| {
        let t = tallies
            .get(&(indicator.id.to_owned(), m as u32 + 1))
            .copied()
            .unwrap_or_default();
        match indicator.unit {
            Unit::Yuan => t.numerator as f64 / 100.0,
            _ => t.numerator as f64,
        }
    })
}

async fn trends(state: &AppState, l: &Loaded) -> Result<Vec<Value>, WebError> {
    let this = state.store.indicator_monthly(&l.ids, 0, l.year).await?;
    let last = state.store.indicator_monthly(&l.ids, 0, l.year - 1).await?;
    let mut out = Vec::new();
    for id in TRENDS {
        let Some(indicator) = indicator(id) else {
            continue;
        };
        let values = monthly_values(indicator, &this);
        let bars: [Bar; 12] = std::array::from_fn(|m| {
            let month = m as u32 + 1;
            let text = match indicator.unit {
                Unit::Yuan => report::annual::format_yuan((values[m] * 100.0).round() as i64),
                Unit::Count(word) => format!("{}{word}", values[m] as i64),
                Unit::Percent => format!("{:.1}%", values[m]),
            };
            Bar {
                label: format!("{month}月"),
                value: values[m],
                text,
                href: (!l.region).then(|| drill_link(id, l.year, Part::Numerator, 0, Some(month))),
                muted: false,
            }
        });
        let unit = match indicator.unit {
            Unit::Yuan => "（元）",
            _ => "",
        };
        out.push(json!({
            "id": id,
            "name": indicator.name,
            "svg": svg::monthly(
                &format!("{}{unit}：{}年与{}年逐月对比", indicator.name, l.year, l.year - 1),
                &format!("{}年", l.year),
                &format!("{}年", l.year - 1),
                &bars,
                &monthly_values(indicator, &last),
            ),
        }));
    }
    Ok(out)
}

/// Departments compared on one indicator: rankable departments first (by value, highest
/// first), then those below the minimum volume, which are shown but not ranked.
struct Compared {
    department: Department,
    figure: Figure,
    rank: Option<usize>,
}

async fn compare_departments(
    state: &AppState,
    l: &Loaded,
    indicator: &Indicator,
) -> Result<Vec<Compared>, WebError> {
    let gov = l.ids[0];
    let by_dept = state
        .store
        .indicator_tallies_by_department(gov, l.year)
        .await?;
    let mut rows: Vec<Compared> = l
        .departments
        .iter()
        .filter_map(|d| {
            let tally = by_dept.get(&(d.id, indicator.id.to_owned())).copied();
            // Enforcement bodies always; other departments only when they have figures.
            if tally.is_none() && !d.is_enforcement_body {
                return None;
            }
            Some(Compared {
                department: d.clone(),
                figure: Figure::from_tally(indicator, l.year, tally.unwrap_or_default()),
                rank: None,
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        b.figure
            .rankable
            .cmp(&a.figure.rankable)
            .then(
                figure_value(&b.figure)
                    .partial_cmp(&figure_value(&a.figure))
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
            .then(a.department.id.cmp(&b.department.id))
    });
    let mut rank = 0;
    for r in rows.iter_mut().filter(|r| r.figure.rankable) {
        rank += 1;
        r.rank = Some(rank);
    }
    Ok(rows)
}

fn department_name(all: &[Department], id: Option<i64>) -> String {
    match id {
        Some(id) => all
            .iter()
            .find(|d| d.id == id)
            .map(|d| d.name.clone())
            .unwrap_or_else(|| format!("部门{id}")),
        None => "政府本级（未分配部门）".to_owned(),
    }
}

async fn overdue(state: &AppState, l: &Loaded) -> Result<Vec<(String, DeadlineCounts)>, WebError> {
    let counts = state
        .store
        .deadline_counts_by_department(l.ids[0], &today(state).to_string())
        .await?;
    let mut rows: Vec<(String, DeadlineCounts)> = counts
        .into_iter()
        .map(|c| (department_name(&l.departments, c.department_id), c))
        .collect();
    rows.sort_by(|a, b| b.1.overdue.cmp(&a.1.overdue).then(b.1.open.cmp(&a.1.open)));
    Ok(rows)
}

/// GET /staff/dashboard
pub async fn show(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(q): Query<DashboardQuery>,
) -> PageResult {
    me.require(Action::ViewIndicators)?;
    let l = load(&state, &me, &q).await?;
    let view = match q.view.as_str() {
        "leader" | "office" => q.view.clone(),
        _ if me.user.role == Role::Leader => "leader".to_owned(),
        _ => "office".to_owned(),
    };
    let headlines: Vec<Value> = HEADLINES
        .iter()
        .filter_map(|id| indicator(id))
        .map(|i| figure_row(&l, i))
        .collect();
    let trends = trends(&state, &l).await?;
    let compare = indicator(&q.compare).unwrap_or_else(|| {
        indicator(DEFAULT_COMPARISON).expect("the default comparison is in the catalogue")
    });
    let (compared, compare_svg) = if l.region {
        (Vec::new(), String::new())
    } else {
        let rows = compare_departments(&state, &l, compare).await?;
        let bars: Vec<Bar> = rows
            .iter()
            .map(|r| Bar {
                label: if r.department.short_name.trim().is_empty() {
                    r.department.name.clone()
                } else {
                    r.department.short_name.clone()
                },
                value: figure_value(&r.figure),
                text: if r.figure.rankable {
                    figure_text(&r.figure)
                } else {
                    format!("{}（样本不足）", figure_text(&r.figure))
                },
                href: Some(drill_link(
                    compare.id,
                    l.year,
                    Part::Numerator,
                    r.department.id,
                    None,
                )),
                muted: !r.figure.rankable,
            })
            .collect();
        let svg = svg::bars(&format!("各部门{}（{}年）", compare.name, l.year), &bars);
        let rows: Vec<Value> = rows
            .iter()
            .map(|r| {
                json!({
                    "rank": r.rank,
                    "department": r.department.name,
                    "text": figure_text(&r.figure),
                    "numerator": r.figure.numerator,
                    "denominator": r.figure.denominator,
                    "volume": r.figure.volume,
                    "rankable": r.figure.rankable,
                    "link": drill_link(compare.id, l.year, Part::Numerator, r.department.id, None),
                    "denominator_link": compare.is_rate().then(|| drill_link(compare.id, l.year, Part::Denominator, r.department.id, None)),
                })
            })
            .collect();
        (rows, svg)
    };
    let overdue_counts = if l.region {
        Vec::new()
    } else {
        overdue(&state, &l).await?
    };
    let overdue_rows: Vec<Value> = overdue_counts
        .iter()
        .map(|(name, c)| json!({"department": name, "open": c.open, "overdue": c.overdue}))
        .collect();
    let overdue_bars: Vec<Bar> = overdue_counts
        .iter()
        .filter(|(_, c)| c.overdue > 0)
        .map(|(name, c)| Bar {
            label: name.clone(),
            value: c.overdue as f64,
            text: format!("{}项", c.overdue),
            href: Some("/staff/deadlines?all=1".to_owned()),
            muted: false,
        })
        .collect();
    let overdue_svg = if overdue_bars.is_empty() {
        String::new()
    } else {
        svg::bars("各部门超期事项", &overdue_bars)
    };
    let governments: Vec<Value> = if l.region {
        let by_gov = state
            .store
            .indicator_tallies_by_government(&l.ids, l.year)
            .await?;
        l.subtree
            .iter()
            .map(|g| {
                let cells: Vec<String> = HEADLINES
                    .iter()
                    .filter_map(|id| indicator(id))
                    .map(|i| {
                        let t = by_gov
                            .get(&(g.id, i.id.to_owned()))
                            .copied()
                            .unwrap_or_default();
                        figure_text(&Figure::from_tally(i, l.year, t))
                    })
                    .collect();
                json!({"name": g.name, "cells": cells})
            })
            .collect()
    } else {
        Vec::new()
    };
    let areas: Vec<Value> = if view == "office" {
        crate::indicators::areas()
            .into_iter()
            .map(|area| {
                let rows: Vec<Value> = fed()
                    .filter(|i| i.area == area)
                    .map(|i| figure_row(&l, i))
                    .collect();
                json!({"label": area.label(), "rows": rows})
            })
            .collect()
    } else {
        Vec::new()
    };
    let report = state
        .store
        .annual_report_of_year(me.user.government_id, l.year)
        .await?
        .map(|r| json!({"id": r.id, "status": r.status.label(), "version": r.current_version}));
    let comparisons: Vec<Value> = fed()
        .filter(|i| i.variant_of.is_none())
        .map(|i| json!({"id": i.id, "name": i.name, "selected": i.id == compare.id}))
        .collect();
    let years: Vec<i32> = (l.year - 5..=today(&state).year()).rev().collect();
    let ctx = merge(
        base_context(&state, &me, "/staff/dashboard", "指标看板").await?,
        json!({
            "year": l.year,
            "last_year": l.year - 1,
            "years": years,
            "view": view,
            "region": l.region,
            "has_region": l.subtree.len() > 1,
            "n_governments": l.subtree.len(),
            "headlines": headlines,
            "headline_names": HEADLINES.iter().filter_map(|id| indicator(id)).map(|i| i.name).collect::<Vec<_>>(),
            "trends": trends,
            "compare": {"id": compare.id, "name": compare.name, "min_volume": compare.min_volume, "is_rate": compare.is_rate()},
            "comparisons": comparisons,
            "compared": compared,
            "compare_svg": compare_svg,
            "overdue": overdue_rows,
            "overdue_svg": overdue_svg,
            "governments": governments,
            "areas": areas,
            "report": report,
            "may_draft": allows(me.user.role, Action::DraftAnnualReport),
            "query": format!("year={}&view={view}&compare={}{}", l.year, compare.id, if l.region { "&scope=region" } else { "" }),
        }),
    );
    page(StatusCode::OK, "dashboard.html", &ctx)
}

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

async fn write_xlsx(
    sheet: &'static str,
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    file_name: &str,
) -> PageResult {
    let bytes =
        tokio::task::spawn_blocking(move || crate::excel::write_xlsx(sheet, &headers, &rows))
            .await
            .map_err(|e| WebError::Internal(e.to_string()))?
            .map_err(WebError::Internal)?;
    Ok(xlsx_response(file_name, bytes))
}

fn opt(v: Option<i64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// GET /staff/dashboard/export.xlsx?table=indicators|departments|overdue|governments
pub async fn export(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Query(q): Query<DashboardQuery>,
) -> PageResult {
    me.require(Action::ViewIndicators)?;
    let l = load(&state, &me, &q).await?;
    let year = l.year;
    match q.table.as_str() {
        "departments" if !l.region => {
            let compare = indicator(&q.compare)
                .or_else(|| indicator(DEFAULT_COMPARISON))
                .ok_or(WebError::NotFound)?;
            let rows = compare_departments(&state, &l, compare)
                .await?
                .into_iter()
                .map(|r| {
                    vec![
                        r.rank
                            .map(|n| n.to_string())
                            .unwrap_or_else(|| "不排名（样本不足）".into()),
                        r.department.name.clone(),
                        figure_text(&r.figure),
                        r.figure.numerator.to_string(),
                        opt(r.figure.denominator),
                        r.figure.volume.to_string(),
                    ]
                })
                .collect();
            write_xlsx(
                "部门对比",
                vec![
                    "排名",
                    "部门",
                    compare.name,
                    "分子（或数值）",
                    "分母",
                    "样本量",
                ],
                rows,
                &format!("departments-{year}.xlsx"),
            )
            .await
        }
        "overdue" if !l.region => {
            let rows = overdue(&state, &l)
                .await?
                .into_iter()
                .map(|(name, c)| vec![name, c.open.to_string(), c.overdue.to_string()])
                .collect();
            write_xlsx(
                "超期事项",
                vec!["部门", "未办结期限事项", "其中已超期"],
                rows,
                "overdue.xlsx",
            )
            .await
        }
        "governments" if l.region => {
            let by_gov = state
                .store
                .indicator_tallies_by_government(&l.ids, year)
                .await?;
            let mut headers = vec!["人民政府"];
            headers.extend(
                HEADLINES
                    .iter()
                    .filter_map(|id| indicator(id))
                    .map(|i| i.name),
            );
            let rows = l
                .subtree
                .iter()
                .map(|g| {
                    let mut row = vec![g.name.clone()];
                    row.extend(HEADLINES.iter().filter_map(|id| indicator(id)).map(|i| {
                        let t = by_gov
                            .get(&(g.id, i.id.to_owned()))
                            .copied()
                            .unwrap_or_default();
                        figure_text(&Figure::from_tally(i, year, t))
                    }));
                    row
                })
                .collect();
            write_xlsx(
                "下级政府对比",
                headers,
                rows,
                &format!("governments-{year}.xlsx"),
            )
            .await
        }
        "indicators" | "" => {
            let rows = fed()
                .map(|i| {
                    let this = l
                        .this
                        .get(i.id)
                        .copied()
                        .unwrap_or_else(|| zero_figure(i, year));
                    let last = l
                        .last
                        .get(i.id)
                        .copied()
                        .unwrap_or_else(|| zero_figure(i, year - 1));
                    vec![
                        i.area.label().to_owned(),
                        i.name.to_owned(),
                        figure_text(&this),
                        this.numerator.to_string(),
                        opt(this.denominator),
                        figure_text(&last),
                        change_text(&this, &last),
                        i.definition.to_owned(),
                        format!("{} {}", i.source.law, i.source.article),
                    ]
                })
                .collect();
            write_xlsx(
                "指标",
                vec![
                    "领域",
                    "指标",
                    "本年",
                    "分子（或数值）",
                    "分母",
                    "上年",
                    "同比",
                    "口径",
                    "依据",
                ],
                rows,
                &format!("indicators-{year}.xlsx"),
            )
            .await
        }
        _ => Err(WebError::NotFound.into()),
    }
}

/// Query of the drill-down.
#[derive(Debug, Default, Deserialize)]
pub struct RecordsQuery {
    /// Year.
    #[serde(default)]
    pub year: String,
    /// `numerator` (default) or `denominator`.
    #[serde(default)]
    pub part: String,
    /// Department id (empty: the whole government).
    #[serde(default)]
    pub department: String,
    /// Month of the indicator's date (1–12).
    #[serde(default)]
    pub month: String,
    /// Page from 1.
    #[serde(default)]
    pub page: String,
}

/// The drill-down's parsed query.
pub struct Drill {
    /// Indicator.
    pub indicator: &'static Indicator,
    /// Year.
    pub year: i32,
    /// Part.
    pub part: Part,
    /// Department (0: all).
    pub department: i64,
    /// Month.
    pub month: Option<u32>,
    /// Page from 1.
    pub page: usize,
}

impl Drill {
    /// Parses the query; an unknown indicator or department is absent (404).
    pub fn parse(state: &AppState, id: &str, q: &RecordsQuery) -> Result<Drill, WebError> {
        let indicator = indicator(id).ok_or(WebError::NotFound)?;
        let part = match q.part.as_str() {
            "" => Part::Numerator,
            p => Part::parse(p).ok_or(WebError::NotFound)?,
        };
        if part == Part::Denominator && !indicator.is_rate() {
            return Err(WebError::NotFound);
        }
        let department = match q.department.trim() {
            "" => 0,
            d => d.parse::<i64>().map_err(|_| WebError::NotFound)?,
        };
        let month = match q.month.trim() {
            "" => None,
            m => Some(
                m.parse::<u32>()
                    .ok()
                    .filter(|m| (1..=12).contains(m))
                    .ok_or(WebError::NotFound)?,
            ),
        };
        Ok(Drill {
            indicator,
            year: parse_year(&q.year).unwrap_or_else(|| default_year(state)),
            part,
            department,
            month,
            page: q.page.parse::<usize>().ok().filter(|p| *p > 0).unwrap_or(1),
        })
    }
}

/// The date a record falls into its year by (for the drill-down's column).
pub fn period_date(indicator: &Indicator, fact: &domain::indicators::Fact) -> String {
    let field = match indicator.period {
        PeriodRule::Dated { field, .. } => field,
        PeriodRule::YearEnd { since, .. } => since,
    };
    fact.date(field).map(|d| d.to_string()).unwrap_or_default()
}

/// The name of a record's date, in Chinese.
pub fn period_label(indicator: &Indicator) -> String {
    let (record, field) = match indicator.period {
        PeriodRule::Dated { field, .. } => (indicator.measure.filters()[0].record, field),
        PeriodRule::YearEnd { since, .. } => (indicator.measure.filters()[0].record, since),
    };
    domain::indicators::records::record(record)
        .and_then(|r| r.field(field))
        .map(|f| f.doc.to_owned())
        .unwrap_or_else(|| field.to_owned())
}

/// What the value of one record shows: the amount for a sum, nothing for a count.
fn value_text(indicator: &Indicator, part: Part, value: i64) -> String {
    match (&indicator.measure, part) {
        (Measure::Total(domain::indicators::Quantity::Sum { .. }), _) => {
            report::annual::format_yuan(value)
        }
        _ => String::new(),
    }
}

fn source_label(source: Source) -> &'static str {
    match source {
        Source::PenaltyCase(_) => "行政处罚案件",
        Source::Officer(_) => "执法人员",
        Source::Power(_) => "权责清单事项",
        Source::NormativeDocument(_) => "行政规范性文件",
    }
}

/// GET /staff/indicators/{id}
pub async fn records(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Query(q): Query<RecordsQuery>,
) -> PageResult {
    me.require(Action::ViewIndicators)?;
    let drill = Drill::parse(&state, &id, &q)?;
    let gov = me.user.government_id;
    let departments = state.store.list_departments(gov).await?;
    if drill.department != 0 && !departments.iter().any(|d| d.id == drill.department) {
        return Err(WebError::NotFound.into());
    }
    catch_up(&state, gov).await?;
    let i = drill.indicator;
    let figures = state
        .store
        .indicator_figures(&[gov], drill.department, drill.year)
        .await?;
    let figure = figures
        .get(i.id)
        .copied()
        .unwrap_or_else(|| zero_figure(i, drill.year));
    let (list, total) = state
        .store
        .indicator_records(
            gov,
            i,
            drill.part,
            drill.department,
            drill.year,
            drill.month,
            (drill.page - 1) * PER_PAGE,
            PER_PAGE,
        )
        .await?;
    let rows: Vec<Value> = list
        .iter()
        .enumerate()
        .map(|(n, r)| {
            json!({
                "n": (drill.page - 1) * PER_PAGE + n + 1,
                "label": r.label,
                "link": r.link,
                "kind": source_label(r.source),
                "department": if r.department_id == 0 { String::new() } else { department_name(&departments, Some(r.department_id)) },
                "date": period_date(i, &r.fact),
                "value": value_text(i, drill.part, r.value),
            })
        })
        .collect();
    let n_pages = total.div_ceil(PER_PAGE).max(1);
    let mut base = format!(
        "/staff/indicators/{}?year={}&part={}",
        i.id,
        drill.year,
        drill.part.code()
    );
    if drill.department != 0 {
        base.push_str(&format!("&department={}", drill.department));
    }
    if let Some(m) = drill.month {
        base.push_str(&format!("&month={m}"));
    }
    let part_label = match (i.is_rate(), drill.part) {
        (false, _) => "计入的记录".to_owned(),
        (true, Part::Numerator) => "分子：计入分子的记录".to_owned(),
        (true, Part::Denominator) => "分母：计入分母的记录".to_owned(),
    };
    let ctx = merge(
        base_context(&state, &me, "/staff/dashboard", i.name).await?,
        json!({
            "indicator": {
                "id": i.id, "name": i.name, "definition": i.definition, "is_rate": i.is_rate(),
                "source": format!("{} {}", i.source.law, i.source.article),
                "certainty": certainty_label(i.source.certainty), "note": i.source.note,
                "min_volume": i.min_volume,
            },
            "year": drill.year,
            "part": drill.part.code(),
            "part_label": part_label,
            "month": drill.month,
            "department": if drill.department == 0 { String::new() } else { department_name(&departments, Some(drill.department)) },
            "department_id": drill.department,
            "figure": figure_text(&figure),
            "numerator": figure.numerator,
            "denominator": figure.denominator,
            "numerator_link": drill_link(i.id, drill.year, Part::Numerator, drill.department, drill.month),
            "denominator_link": i.is_rate().then(|| drill_link(i.id, drill.year, Part::Denominator, drill.department, drill.month)),
            "date_label": period_label(i),
            "has_value": matches!(i.measure, Measure::Total(domain::indicators::Quantity::Sum { .. })),
            "rows": rows,
            "total": total,
            "page": drill.page,
            "n_pages": n_pages,
            "base": format!("{base}&"),
            "export": base.replacen(&format!("/staff/indicators/{}?", i.id), &format!("/staff/indicators/{}/export.xlsx?", i.id), 1),
        }),
    );
    page(StatusCode::OK, "indicator_records.html", &ctx)
}

/// GET /staff/indicators/{id}/export.xlsx
pub async fn export_records(
    State(state): State<AppState>,
    PageUser(me): PageUser,
    Path(id): Path<String>,
    Query(q): Query<RecordsQuery>,
) -> PageResult {
    me.require(Action::ViewIndicators)?;
    let drill = Drill::parse(&state, &id, &q)?;
    let gov = me.user.government_id;
    let departments = state.store.list_departments(gov).await?;
    if drill.department != 0 && !departments.iter().any(|d| d.id == drill.department) {
        return Err(WebError::NotFound.into());
    }
    catch_up(&state, gov).await?;
    let i = drill.indicator;
    let (list, _) = state
        .store
        .indicator_records(
            gov,
            i,
            drill.part,
            drill.department,
            drill.year,
            drill.month,
            0,
            MAX_EXPORT_ROWS,
        )
        .await?;
    let rows = list
        .iter()
        .enumerate()
        .map(|(n, r)| {
            vec![
                (n + 1).to_string(),
                source_label(r.source).to_owned(),
                r.label.clone(),
                if r.department_id == 0 {
                    String::new()
                } else {
                    department_name(&departments, Some(r.department_id))
                },
                period_date(i, &r.fact),
                r.value.to_string(),
            ]
        })
        .collect();
    write_xlsx(
        "记录",
        vec!["序号", "记录类型", "记录", "部门", "日期", "计入值"],
        rows,
        &format!("records-{}-{}.xlsx", drill.year, drill.part.code()),
    )
    .await
}

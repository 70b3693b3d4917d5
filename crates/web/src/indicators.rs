//! Indicators in the running service: the background task that applies the outbox to the
//! aggregates, the "catch up now" a dashboard runs before it reads, and how a figure is written
//! (counts with their measure word, money in 元 or 万元, rates in per cent) — shared by the
//! dashboards, the drill-down, the API and the annual report pages.

use std::time::Duration;

use domain::indicators::{Area, Figure, Indicator, Unit};

use crate::{AppState, WebError};

/// How often the background task applies new outbox rows.
pub const WORKER_INTERVAL: Duration = Duration::from_secs(2);

/// Runs [`store::Store::catch_up_all_indicators`] every [`WORKER_INTERVAL`] until the process ends.
pub fn spawn_worker(state: AppState) {
    tokio::spawn(async move {
        loop {
            let calendar = state.calendar.get();
            if let Err(e) = state
                .store
                .catch_up_all_indicators(&calendar, state.now())
                .await
            {
                tracing::warn!("indicators worker: {e}");
            }
            tokio::time::sleep(WORKER_INTERVAL).await;
        }
    });
}

/// Applies what the outbox holds for the government now, so that a page shows every change
/// made before it was requested.
pub async fn catch_up(state: &AppState, government_id: i64) -> Result<(), WebError> {
    let calendar = state.calendar.get();
    state
        .store
        .catch_up_indicators(government_id, &calendar, state.now())
        .await?;
    Ok(())
}

/// Today in China Standard Time.
pub fn today(state: &AppState) -> calendar::NaiveDate {
    crate::pages::deadlines::today(state)
}

/// The year a dashboard opens on: last year until the end of March (the annual report season),
/// then the current year.
pub fn default_year(state: &AppState) -> i32 {
    use calendar::Datelike;
    let today = today(state);
    if today.month() <= 3 {
        today.year() - 1
    } else {
        today.year()
    }
}

/// The year an annual report is drafted for by default: the last year that has ended.
pub fn default_report_year(state: &AppState) -> i32 {
    use calendar::Datelike;
    today(state).year() - 1
}

/// A year from a query parameter, within a sane range; `None` for anything else.
pub fn parse_year(text: &str) -> Option<i32> {
    text.trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (2000..=2100).contains(y))
}

/// The figure as reports write it: `123件`, `5.12万元`, `97.19%`; `—` for a rate over nothing.
pub fn figure_text(figure: &Figure) -> String {
    match (figure.unit, figure.denominator) {
        (_, Some(d)) => {
            report::annual::format_percent(figure.numerator, d).unwrap_or_else(|| "—".to_owned())
        }
        (Unit::Yuan, None) => report::annual::format_yuan(figure.numerator),
        (Unit::Count(word), None) => format!("{}{word}", figure.numerator),
        (Unit::Percent, None) => figure.numerator.to_string(),
    }
}

/// A number in the figure's own unit, for charts and sorting (a count, yuan, or per cent).
pub fn figure_value(figure: &Figure) -> f64 {
    figure.value().unwrap_or(0.0)
}

/// The change from last year, in words: `+12件`, `-3.5个百分点`, `持平`; empty when either year
/// has no figure.
pub fn change_text(this: &Figure, last: &Figure) -> String {
    let (Some(a), Some(b)) = (this.value(), last.value()) else {
        return String::new();
    };
    let diff = a - b;
    if diff.abs() < 1e-9 {
        return "持平".to_owned();
    }
    let sign = if diff > 0.0 { "+" } else { "-" };
    let magnitude = diff.abs();
    match this.unit {
        Unit::Percent => {
            let points = format!("{magnitude:.2}");
            let points = points.trim_end_matches('0').trim_end_matches('.');
            format!("{sign}{points}个百分点")
        }
        Unit::Yuan => format!(
            "{sign}{}",
            report::annual::format_yuan((magnitude * 100.0).round() as i64)
        ),
        Unit::Count(word) => format!("{sign}{}{word}", magnitude.round() as i64),
    }
}

/// How sure a formula is, in Chinese (STATUTES.md tags).
pub fn certainty_label(c: domain::deadline_rules::Certainty) -> &'static str {
    use domain::deadline_rules::Certainty;
    match c {
        Certainty::Verified => "已核对法律原文",
        Certainty::Secondary => "依据转载文本，待核对原文",
        Certainty::Practice => "实践口径，国家未统一规定",
        Certainty::Memory => "未经核实",
    }
}

/// The unit in words, for table headers and exports.
pub fn unit_label(indicator: &Indicator) -> String {
    match indicator.unit {
        Unit::Count(word) => word.to_owned(),
        Unit::Percent => "%".to_owned(),
        Unit::Yuan => "元".to_owned(),
    }
}

/// Every area with indicators whose records the store keeps, in catalogue order.
pub fn areas() -> Vec<Area> {
    let mut out: Vec<Area> = Vec::new();
    for i in domain::indicators::all()
        .iter()
        .filter(|i| store::indicators::is_fed(i))
    {
        if !out.contains(&i.area) {
            out.push(i.area);
        }
    }
    out
}

/// The headline figures of a leader's view, in the order shown.
pub const HEADLINES: &[&str] = &[
    "enforcement.penalty_decisions",
    "enforcement.fines_and_confiscations",
    "enforcement.cases_opened",
    "enforcement.decided_on_time_rate",
    "enforcement.legal_review_rate",
    "enforcement.disclosure_rate",
    "enforcement.disclosure_on_time_rate",
    "enforcement.certified_officer_rate",
];

/// The monthly trends of a leader's view.
pub const TRENDS: &[&str] = &[
    "enforcement.penalty_decisions",
    "enforcement.fines_and_confiscations",
    "enforcement.cases_opened",
];

/// The indicator departments are compared on unless another is chosen.
pub const DEFAULT_COMPARISON: &str = "enforcement.penalty_decisions";

#[cfg(test)]
mod tests {
    use domain::indicators::{Tally, find};

    use super::*;

    fn figure(id: &str, numerator: i64, denominator: i64) -> Figure {
        Figure::from_tally(
            find(id).unwrap(),
            2025,
            Tally {
                numerator,
                denominator,
                records: denominator.max(numerator),
            },
        )
    }

    #[test]
    fn figures_are_written_as_reports_write_them() {
        assert_eq!(
            figure_text(&figure("enforcement.penalty_decisions", 12, 0)),
            "12件"
        );
        assert_eq!(
            figure_text(&figure("enforcement.fines_and_confiscations", 5_120_000, 0)),
            "5.12万元"
        );
        assert_eq!(
            figure_text(&figure("enforcement.disclosure_rate", 97, 100)),
            "97%"
        );
        assert_eq!(
            figure_text(&figure("enforcement.disclosure_rate", 0, 0)),
            "—"
        );
    }

    #[test]
    fn changes_from_last_year() {
        let a = figure("enforcement.penalty_decisions", 12, 0);
        let b = figure("enforcement.penalty_decisions", 9, 0);
        assert_eq!(change_text(&a, &b), "+3件");
        assert_eq!(change_text(&b, &a), "-3件");
        assert_eq!(change_text(&a, &a), "持平");
        let r = figure("enforcement.disclosure_rate", 95, 100);
        let s = figure("enforcement.disclosure_rate", 90, 100);
        assert_eq!(change_text(&r, &s), "+5个百分点");
        let t = figure("enforcement.disclosure_rate", 80, 100);
        assert_eq!(change_text(&t, &r), "-15个百分点");
        let u = figure("enforcement.disclosure_rate", 100, 100);
        assert_eq!(
            change_text(&u, &figure("enforcement.disclosure_rate", 90, 100)),
            "+10个百分点"
        );
        let none = figure("enforcement.disclosure_rate", 0, 0);
        assert_eq!(change_text(&r, &none), "");
    }

    #[test]
    fn years_in_queries() {
        assert_eq!(parse_year("2025"), Some(2025));
        assert_eq!(parse_year("25"), None);
        assert_eq!(parse_year("x"), None);
    }
}

//! Charts drawn on the server as SVG: they need no script, print, and every bar can be a link
//! (an `<a>` around the bar), so a figure in a chart is as clickable as one in a table.

use std::fmt::Write;

/// Escapes text for SVG content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

const BLUE: &str = "#1d4f91";
const GREY: &str = "#b9c2cf";
const MUTED: &str = "#8a94a3";
const FONT: &str = "font-family=\"Noto Sans CJK SC, Microsoft YaHei, sans-serif\"";

/// One value of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Label under or beside the bar.
    pub label: String,
    /// Value (its length).
    pub value: f64,
    /// The value as written on the bar.
    pub text: String,
    /// Where a click goes.
    pub href: Option<String>,
    /// Drawn pale (e.g. a volume too small to rank).
    pub muted: bool,
}

/// A round upper bound for an axis: 1, 2 or 5 times a power of ten.
fn nice_max(max: f64) -> f64 {
    if max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let magnitude = 10f64.powf(max.log10().floor());
    for step in [1.0, 2.0, 5.0, 10.0] {
        if max <= step * magnitude {
            return step * magnitude;
        }
    }
    10.0 * magnitude
}

fn linked(out: &mut String, href: Option<&str>, title: &str, body: &str) {
    match href {
        Some(h) => {
            let _ = write!(
                out,
                "<a href=\"{}\"><title>{}</title>{body}</a>",
                escape(h),
                escape(title)
            );
        }
        None => {
            let _ = write!(out, "<g><title>{}</title>{body}</g>", escape(title));
        }
    }
}

/// Twelve months of this year beside the same months of last year: grouped vertical bars, this
/// year's linked to its records.
pub fn monthly(
    title: &str,
    this_label: &str,
    last_label: &str,
    this: &[Bar; 12],
    last: &[f64; 12],
) -> String {
    let (width, height) = (640.0, 240.0);
    let (left, right, top, bottom) = (48.0, 12.0, 34.0, 28.0);
    let plot_w = width - left - right;
    let plot_h = height - top - bottom;
    // At least 4, so that the ticks of small counts are whole numbers.
    let max = nice_max(
        this.iter()
            .map(|b| b.value)
            .chain(last.iter().copied())
            .fold(0.0, f64::max),
    )
    .max(4.0);
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-label=\"{}\" {FONT} font-size=\"11\">",
        escape(title)
    );
    let _ = write!(
        out,
        "<text x=\"{left}\" y=\"16\" font-size=\"13\" fill=\"#1f2933\">{}</text>",
        escape(title)
    );
    // Legend.
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"7\" width=\"10\" height=\"10\" fill=\"{BLUE}\"/><text x=\"{}\" y=\"16\">{}</text>\
         <rect x=\"{}\" y=\"7\" width=\"10\" height=\"10\" fill=\"{GREY}\"/><text x=\"{}\" y=\"16\">{}</text>",
        width - 170.0,
        width - 156.0,
        escape(this_label),
        width - 90.0,
        width - 76.0,
        escape(last_label)
    );
    for i in 0..=4 {
        let v = max * f64::from(i) / 4.0;
        let y = top + plot_h - plot_h * f64::from(i) / 4.0;
        let _ = write!(
            out,
            "<line x1=\"{left}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#e3e7ee\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{MUTED}\">{}</text>",
            width - right,
            left - 6.0,
            y + 4.0,
            axis_label(v)
        );
    }
    let slot = plot_w / 12.0;
    let bar_w = slot * 0.36;
    for m in 0..12 {
        let x0 = left + slot * m as f64 + slot * 0.12;
        let h_last = plot_h * last[m] / max;
        let _ = write!(
            out,
            "<rect x=\"{x0:.1}\" y=\"{:.1}\" width=\"{bar_w:.1}\" height=\"{h_last:.1}\" fill=\"{GREY}\"><title>{}：{}</title></rect>",
            top + plot_h - h_last,
            escape(last_label),
            axis_label(last[m])
        );
        let b = &this[m];
        let h = plot_h * b.value / max;
        let body = format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{bar_w:.1}\" height=\"{:.1}\" fill=\"{}\"/>",
            x0 + bar_w,
            top + plot_h - h,
            h.max(0.5),
            if b.muted { GREY } else { BLUE }
        );
        linked(
            &mut out,
            b.href.as_deref(),
            &format!("{} {}：{}", this_label, b.label, b.text),
            &body,
        );
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{MUTED}\">{}</text>",
            x0 + bar_w,
            height - 10.0,
            escape(&b.label)
        );
    }
    out.push_str("</svg>");
    out
}

/// Horizontal bars, one a row (departments compared), each linked and labelled with its text.
pub fn bars(title: &str, rows: &[Bar]) -> String {
    let row_h = 24.0;
    let (width, top, label_w, text_w) = (640.0, 26.0, 190.0, 110.0);
    let height = top + row_h * rows.len().max(1) as f64 + 8.0;
    let plot_w = width - label_w - text_w;
    let max = nice_max(rows.iter().map(|b| b.value).fold(0.0, f64::max));
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-label=\"{}\" {FONT} font-size=\"12\">\
         <text x=\"0\" y=\"16\" font-size=\"13\" fill=\"#1f2933\">{}</text>",
        escape(title),
        escape(title)
    );
    if rows.is_empty() {
        let _ = write!(
            out,
            "<text x=\"0\" y=\"{}\" fill=\"{MUTED}\">暂无数据</text>",
            top + 16.0
        );
    }
    for (i, b) in rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        let w = plot_w * b.value / max;
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#1f2933\">{}</text>",
            label_w - 8.0,
            y + 16.0,
            escape(&b.label)
        );
        let body = format!(
            "<rect x=\"{label_w}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" fill=\"{}\">{}</text>",
            y + 4.0,
            w.max(0.5),
            row_h - 8.0,
            if b.muted { GREY } else { BLUE },
            label_w + w + 6.0,
            y + 16.0,
            if b.muted { MUTED } else { "#1f2933" },
            escape(&b.text)
        );
        linked(
            &mut out,
            b.href.as_deref(),
            &format!("{}：{}", b.label, b.text),
            &body,
        );
    }
    out.push_str("</svg>");
    out
}

/// An axis label: whole numbers without decimals, others with one.
fn axis_label(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, value: f64, href: Option<&str>) -> Bar {
        Bar {
            label: label.into(),
            value,
            text: format!("{value}"),
            href: href.map(str::to_owned),
            muted: false,
        }
    }

    #[test]
    fn axes_are_round() {
        assert_eq!(nice_max(0.0), 1.0);
        assert_eq!(nice_max(7.0), 10.0);
        assert_eq!(nice_max(13.0), 20.0);
        assert_eq!(nice_max(96.5), 100.0);
        assert_eq!(nice_max(420.0), 500.0);
    }

    #[test]
    fn bars_link_and_escape() {
        let svg = bars(
            "部门<对比>",
            &[
                bar("市场监管局", 12.0, Some("/staff/indicators/x?a=1&b=2")),
                bar("交通局", 0.0, None),
            ],
        );
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("部门&lt;对比&gt;"));
        assert!(svg.contains("href=\"/staff/indicators/x?a=1&amp;b=2\""));
        assert_eq!(svg.matches("<a ").count(), 1);
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn twelve_months_with_last_year() {
        let this: [Bar; 12] =
            std::array::from_fn(|m| bar(&format!("{}月", m + 1), m as f64, Some("/x")));
        let svg = monthly("处罚决定", "2025年", "2024年", &this, &[1.0; 12]);
        assert_eq!(svg.matches("<a ").count(), 12);
        assert!(svg.contains("12月"));
        assert!(svg.contains("2024年"));
    }
}

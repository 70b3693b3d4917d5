//! The stored form of an annual report: JSON with a format number, written and read by hand so
//! that the report's types make no promise by deriving `Serialize`. The store keeps every
//! version in this form and its ledger entry hashes it, so the format is kept: a new field gets
//! a default when absent, and a change that old readers cannot ignore raises [`FORMAT`].
//!
//! ```json
//! {"format": 1, "government": "安吉县人民政府", "year": 2025, "title": "…",
//!  "opening": [{"kind": "prompt", "text": "【待撰写：…】"}],
//!  "sections": [{"item": "measures_and_results", "heading": "2025年…",
//!                "paragraphs": [{"kind": "data", "indicators": ["enforcement.officers"], "text": "…"}]}, …],
//!  "due_on": "2026-03-31", "dated_on": null}
//! ```

use calendar::NaiveDate;
use serde_json::{Value, json};

use super::{AnnualReport, Paragraph, ParagraphKind, Section, SectionItem};

/// The format number written today.
pub const FORMAT: i64 = 1;

/// The stable code of an item (the same words as the review's JSON).
pub fn item_code(item: SectionItem) -> &'static str {
    match item {
        SectionItem::MeasuresAndResults => "measures_and_results",
        SectionItem::ShortcomingsAndCauses => "shortcomings_and_causes",
        SectionItem::FirstResponsibility => "first_responsibility",
        SectionItem::NextYearPlan => "next_year_plan",
        SectionItem::Other => "other",
    }
}

/// The item of a code.
pub fn parse_item(code: &str) -> Option<SectionItem> {
    SectionItem::ALL
        .into_iter()
        .find(|item| item_code(*item) == code)
}

/// The stable code of a paragraph kind.
pub fn kind_code(kind: &ParagraphKind) -> &'static str {
    match kind {
        ParagraphKind::Subheading => "subheading",
        ParagraphKind::Data { .. } => "data",
        ParagraphKind::Narrative => "narrative",
        ParagraphKind::Prompt => "prompt",
    }
}

fn paragraph_json(p: &Paragraph) -> Value {
    match &p.kind {
        ParagraphKind::Data { indicators } => {
            json!({"kind": "data", "indicators": indicators, "text": p.text})
        }
        kind => json!({"kind": kind_code(kind), "text": p.text}),
    }
}

/// The report as JSON.
pub fn to_json(report: &AnnualReport) -> Value {
    let sections: Vec<Value> = report
        .sections
        .iter()
        .map(|s| {
            json!({
                "item": item_code(s.item),
                "heading": s.heading,
                "paragraphs": s.paragraphs.iter().map(paragraph_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({
        "format": FORMAT,
        "government": report.government,
        "year": report.year,
        "title": report.title,
        "opening": report.opening.iter().map(paragraph_json).collect::<Vec<_>>(),
        "sections": sections,
        "due_on": report.due_on.map(|d| d.to_string()),
        "dated_on": report.dated_on.map(|d| d.to_string()),
    })
}

/// The report as a JSON string (what the store keeps).
pub fn to_json_string(report: &AnnualReport) -> String {
    to_json(report).to_string()
}

fn text<'a>(v: &'a Value, key: &str) -> Result<&'a str, String> {
    v.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("缺少文本字段 {key}"))
}

fn date(v: &Value, key: &str) -> Result<Option<NaiveDate>, String> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| format!("{key} 不是日期：{s}")),
        Some(other) => Err(format!("{key} 不是日期：{other}")),
    }
}

fn paragraph_of(v: &Value) -> Result<Paragraph, String> {
    let kind = match text(v, "kind")? {
        "subheading" => ParagraphKind::Subheading,
        "narrative" => ParagraphKind::Narrative,
        "prompt" => ParagraphKind::Prompt,
        "data" => ParagraphKind::Data {
            indicators: v
                .get("indicators")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
        },
        other => return Err(format!("未知的段落类型 {other}")),
    };
    Ok(Paragraph {
        kind,
        text: text(v, "text")?.to_owned(),
    })
}

fn paragraphs_of(v: Option<&Value>) -> Result<Vec<Paragraph>, String> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().map(paragraph_of).collect())
        .unwrap_or_else(|| Ok(Vec::new()))
}

/// Reads a report written by [`to_json`] (any format up to [`FORMAT`]).
pub fn from_json(v: &Value) -> Result<AnnualReport, String> {
    let format = v.get("format").and_then(Value::as_i64).unwrap_or(0);
    if !(1..=FORMAT).contains(&format) {
        return Err(format!("不支持的报告格式 {format}"));
    }
    let year = v
        .get("year")
        .and_then(Value::as_i64)
        .and_then(|y| i32::try_from(y).ok())
        .ok_or("缺少年度")?;
    let list = v
        .get("sections")
        .and_then(Value::as_array)
        .ok_or("缺少正文部分")?;
    let mut sections: Vec<Section> = Vec::with_capacity(5);
    for (i, item) in SectionItem::ALL.into_iter().enumerate() {
        let s = list.get(i).ok_or_else(|| format!("缺少第{}部分", i + 1))?;
        if parse_item(text(s, "item")?) != Some(item) {
            return Err(format!("第{}部分不是“{}”", i + 1, item.name_zh()));
        }
        sections.push(Section {
            item,
            heading: text(s, "heading")?.to_owned(),
            paragraphs: paragraphs_of(s.get("paragraphs"))?,
        });
    }
    let sections: [Section; 5] = sections
        .try_into()
        .map_err(|_| "正文应有五个部分".to_string())?;
    Ok(AnnualReport {
        government: text(v, "government")?.to_owned(),
        year,
        title: text(v, "title")?.to_owned(),
        opening: paragraphs_of(v.get("opening"))?,
        sections,
        due_on: date(v, "due_on")?,
        dated_on: date(v, "dated_on")?,
    })
}

/// Reads a report from its JSON string.
pub fn from_json_str(s: &str) -> Result<AnnualReport, String> {
    let v: Value = serde_json::from_str(s).map_err(|e| format!("报告内容不是有效的JSON：{e}"))?;
    from_json(&v)
}

#[cfg(test)]
mod tests {
    use domain::indicators::evaluate_all;

    use super::*;

    #[test]
    fn a_drafted_report_survives_the_round_trip() {
        let facts = crate::annual::tests::county_facts();
        let figures = evaluate_all(2024, &facts);
        let mut report = crate::annual::draft(2024, "安吉县人民政府", &figures);
        report.dated_on = NaiveDate::from_ymd_opt(2025, 3, 20);
        report.sections[1]
            .paragraphs
            .push(Paragraph::narrative("一是“三项制度”落实不够到位。"));
        let back = from_json_str(&to_json_string(&report)).unwrap();
        assert_eq!(back, report);
    }

    #[test]
    fn a_report_without_its_five_sections_is_refused() {
        let facts = crate::annual::tests::county_facts();
        let report = crate::annual::draft(2024, "安吉县人民政府", &evaluate_all(2024, &facts));
        let mut v = to_json(&report);
        v["sections"].as_array_mut().unwrap().swap(0, 1);
        assert!(from_json(&v).unwrap_err().contains("第1部分"));
        v["format"] = json!(99);
        assert!(from_json(&v).unwrap_err().contains("格式"));
    }
}

//! The power list (权责清单): powers by type, their legal basis and status history, and the
//! discretion standard (裁量基准) with the check that a proposed fine lies within it.
//!
//! 行政处罚法 第三十四条: a department may make a discretion standard and must publish it; once
//! made it binds the department, so a fine outside its band for the circumstance is refused.

use std::collections::BTreeMap;

use calendar::NaiveDate;

use crate::enforcement::rows::{RowError, cell, parse_date, parse_yuan_to_fen};
use crate::enforcement::{penalty_law, yuan};
use crate::refusal::Refusal;

/// The ten power types of a power list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PowerType {
    /// 行政处罚.
    Penalty,
    /// 行政许可.
    Licence,
    /// 行政强制.
    CoerciveMeasure,
    /// 行政检查.
    Inspection,
    /// 行政征收.
    Levy,
    /// 行政给付.
    Benefit,
    /// 行政确认.
    Confirmation,
    /// 行政奖励.
    Reward,
    /// 行政裁决.
    Adjudication,
    /// 其他行政权力.
    Other,
}

impl PowerType {
    /// Every type, in list order.
    pub const ALL: [PowerType; 10] = [
        PowerType::Penalty,
        PowerType::Licence,
        PowerType::CoerciveMeasure,
        PowerType::Inspection,
        PowerType::Levy,
        PowerType::Benefit,
        PowerType::Confirmation,
        PowerType::Reward,
        PowerType::Adjudication,
        PowerType::Other,
    ];

    /// The short Chinese name used in lists and sheets.
    pub fn label(self) -> &'static str {
        match self {
            PowerType::Penalty => "处罚",
            PowerType::Licence => "许可",
            PowerType::CoerciveMeasure => "强制",
            PowerType::Inspection => "检查",
            PowerType::Levy => "征收",
            PowerType::Benefit => "给付",
            PowerType::Confirmation => "确认",
            PowerType::Reward => "奖励",
            PowerType::Adjudication => "裁决",
            PowerType::Other => "其他",
        }
    }

    /// Parses 「处罚」 or 「行政处罚」 (and 「其他行政权力」).
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        let t = t.strip_prefix("行政").unwrap_or(t);
        let t = if t == "其他行政权力" || t == "其他权力" {
            "其他"
        } else {
            t
        };
        PowerType::ALL.into_iter().find(|p| p.label() == t)
    }
}

/// A legal basis as written in the list (free text: laws, regulations and local rules alike).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasisText {
    /// Law title, e.g. 《中华人民共和国食品安全法》.
    pub law: String,
    /// Article text, e.g. 第一百二十二条第一款.
    pub article: String,
}

/// A change in a power's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PowerChange {
    /// 新增.
    Added,
    /// 取消.
    Cancelled,
    /// 下放 (to a lower level: no longer exercised here).
    Delegated,
    /// 承接 (taken over from another level).
    Assumed,
}

impl PowerChange {
    /// Chinese word.
    pub fn label(self) -> &'static str {
        match self {
            PowerChange::Added => "新增",
            PowerChange::Cancelled => "取消",
            PowerChange::Delegated => "下放",
            PowerChange::Assumed => "承接",
        }
    }

    fn in_force_after(self) -> bool {
        matches!(self, PowerChange::Added | PowerChange::Assumed)
    }
}

/// One status event, with the document that ordered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusEvent {
    /// The change.
    pub change: PowerChange,
    /// Effective date.
    pub on: NaiveDate,
    /// Document number, e.g. 某政发〔2024〕3号.
    pub document_number: String,
}

/// A power on the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Power {
    /// Code in the list.
    pub code: String,
    /// Name.
    pub name: String,
    /// Type.
    pub power_type: PowerType,
    /// Legal bases.
    pub bases: Vec<BasisText>,
    /// Status history, oldest first.
    pub history: Vec<StatusEvent>,
}

impl Power {
    /// Whether the department exercises the power on `on`.
    pub fn in_force_on(&self, on: NaiveDate) -> bool {
        self.history
            .iter()
            .rfind(|e| e.on <= on)
            .is_some_and(|e| e.change.in_force_after())
    }

    /// Appends a status event: dates in order, a document number, and a change that makes sense
    /// (one cannot cancel or delegate a power not in force, nor add one already in force).
    pub fn record_change(&self, event: StatusEvent) -> Result<Power, Refusal> {
        if event.document_number.trim().is_empty() {
            return Err(Refusal::new(
                "power.document_missing",
                "权力事项调整须注明依据文件文号",
            ));
        }
        if let Some(last) = self.history.last()
            && event.on < last.on
        {
            return Err(Refusal::new(
                "power.date_order",
                format!(
                    "调整日期（{}）不得早于上次调整日期（{}）",
                    event.on, last.on
                ),
            ));
        }
        let in_force = self
            .history
            .last()
            .is_some_and(|e| e.change.in_force_after());
        if in_force == event.change.in_force_after() {
            return Err(Refusal::new(
                "power.change_invalid",
                format!(
                    "事项「{}」当前{}，不能{}",
                    self.name,
                    if in_force {
                        "已在实施"
                    } else {
                        "未在实施"
                    },
                    event.change.label()
                ),
            ));
        }
        let mut next = self.clone();
        next.history.push(event);
        Ok(next)
    }
}

/// A circumstance (情节) of a discretion standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Circumstance {
    /// 不予处罚.
    NoPenalty,
    /// 减轻.
    Mitigated,
    /// 从轻.
    Lighter,
    /// 一般.
    Ordinary,
    /// 从重.
    Heavier,
}

impl Circumstance {
    /// Chinese word.
    pub fn label(self) -> &'static str {
        match self {
            Circumstance::NoPenalty => "不予处罚",
            Circumstance::Mitigated => "减轻",
            Circumstance::Lighter => "从轻",
            Circumstance::Ordinary => "一般",
            Circumstance::Heavier => "从重",
        }
    }

    /// Parses 「从轻」, 「从轻处罚」 etc.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        let t = if t == "不予处罚" {
            t
        } else {
            t.strip_suffix("处罚").unwrap_or(t)
        };
        [
            Circumstance::NoPenalty,
            Circumstance::Mitigated,
            Circumstance::Lighter,
            Circumstance::Ordinary,
            Circumstance::Heavier,
        ]
        .into_iter()
        .find(|c| c.label() == t)
    }
}

/// The fine range of one circumstance, in fen, inclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    /// Circumstance.
    pub circumstance: Circumstance,
    /// Lowest fine.
    pub min_fen: i64,
    /// Highest fine.
    pub max_fen: i64,
    /// What the circumstance covers, as the standard words it.
    pub description: String,
}

/// The discretion standard of one violation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscretionStandard {
    /// Violation code.
    pub violation_code: String,
    /// Violation.
    pub violation: String,
    /// Bands, one per circumstance.
    pub bands: Vec<Band>,
}

/// 行政处罚法 第三十四条: a proposed fine must lie in the band of the standard for the circumstance.
pub fn check_fine(
    standard: &DiscretionStandard,
    circumstance: Circumstance,
    fine_fen: i64,
) -> Result<(), Refusal> {
    let Some(band) = standard
        .bands
        .iter()
        .find(|b| b.circumstance == circumstance)
    else {
        return Err(Refusal::by_law(
            "power.discretion_band_missing",
            format!(
                "「{}」的裁量基准未规定「{}」情节（《中华人民共和国行政处罚法》第三十四条）",
                standard.violation,
                circumstance.label()
            ),
            penalty_law("第三十四条"),
        ));
    };
    if fine_fen < band.min_fen || fine_fen > band.max_fen {
        return Err(Refusal::by_law(
            "power.fine_outside_discretion",
            format!(
                "罚款{}不在「{}」{}情节的裁量幅度{}至{}之内（《中华人民共和国行政处罚法》第三十四条）",
                yuan(fine_fen),
                standard.violation,
                band.circumstance.label(),
                yuan(band.min_fen),
                yuan(band.max_fen)
            ),
            penalty_law("第三十四条"),
        ));
    }
    Ok(())
}

/// A validated row of the power list sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PowerInput {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Type.
    pub power_type: PowerType,
    /// Legal basis.
    pub basis: BasisText,
    /// Effective date of the first status event (新增).
    pub added_on: NaiveDate,
    /// Its document number.
    pub document_number: String,
}

/// Columns of the power list sheet, in order.
pub const POWER_COLUMNS: [&str; 7] = [
    "事项编码",
    "事项名称",
    "权力类型",
    "依据法律",
    "依据条款",
    "生效日期",
    "文件文号",
];

/// Parses power-list rows; all or nothing, with every error reported by row and column.
pub fn parse_power_rows<R, S>(rows: &[R]) -> Result<Vec<PowerInput>, Vec<RowError>>
where
    R: AsRef<[S]>,
    S: AsRef<str>,
{
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (idx, row) in rows.iter().enumerate() {
        let row_no = idx + 1;
        let row = row.as_ref();
        let mut err = |column: &'static str, message: String| {
            errors.push(RowError {
                row: row_no,
                column,
                message,
            })
        };
        let code = cell(row, 0);
        if code.is_empty() {
            err("事项编码", "事项编码不能为空".into());
        } else if let Some(first) = seen.get(code) {
            err("事项编码", format!("事项编码「{code}」与第{first}行重复"));
        } else {
            seen.insert(code.to_owned(), row_no);
        }
        let name = cell(row, 1);
        if name.is_empty() {
            err("事项名称", "事项名称不能为空".into());
        }
        let type_text = cell(row, 2);
        let power_type = PowerType::parse(type_text);
        if power_type.is_none() {
            err(
                "权力类型",
                format!(
                    "权力类型「{type_text}」应为处罚、许可、强制、检查、征收、给付、确认、奖励、裁决或其他"
                ),
            );
        }
        let law = cell(row, 3);
        if law.is_empty() {
            err("依据法律", "依据法律不能为空".into());
        }
        let article = cell(row, 4);
        if article.is_empty() {
            err("依据条款", "依据条款不能为空".into());
        }
        let date_text = cell(row, 5);
        let added_on = parse_date(date_text);
        if added_on.is_none() {
            err("生效日期", format!("生效日期「{date_text}」无法识别"));
        }
        let document = cell(row, 6);
        if document.is_empty() {
            err("文件文号", "文件文号不能为空".into());
        }
        if let (Some(power_type), Some(added_on)) = (power_type, added_on) {
            out.push(PowerInput {
                code: code.to_owned(),
                name: name.to_owned(),
                power_type,
                basis: BasisText {
                    law: law.to_owned(),
                    article: article.to_owned(),
                },
                added_on,
                document_number: document.to_owned(),
            });
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Columns of the discretion standard sheet, in order (amounts in yuan).
pub const DISCRETION_COLUMNS: [&str; 6] = [
    "违法行为编码",
    "违法行为",
    "情节",
    "最低罚款（元）",
    "最高罚款（元）",
    "适用情形",
];

/// Parses discretion-standard rows into one standard per violation code; all or nothing. A
/// circumstance appears once per violation, min ≤ max, and bands are checked to rise with
/// the circumstance (a heavier circumstance may not have a lower ceiling).
pub fn parse_discretion_rows<R, S>(rows: &[R]) -> Result<Vec<DiscretionStandard>, Vec<RowError>>
where
    R: AsRef<[S]>,
    S: AsRef<str>,
{
    let mut errors = Vec::new();
    let mut standards: BTreeMap<String, (DiscretionStandard, Vec<usize>)> = BTreeMap::new();
    for (idx, row) in rows.iter().enumerate() {
        let row_no = idx + 1;
        let row = row.as_ref();
        let mut err = |column: &'static str, message: String| {
            errors.push(RowError {
                row: row_no,
                column,
                message,
            })
        };
        let code = cell(row, 0);
        if code.is_empty() {
            err("违法行为编码", "违法行为编码不能为空".into());
        }
        let violation = cell(row, 1);
        if violation.is_empty() {
            err("违法行为", "违法行为不能为空".into());
        }
        let c_text = cell(row, 2);
        let circumstance = Circumstance::parse(c_text);
        if circumstance.is_none() {
            err(
                "情节",
                format!("情节「{c_text}」应为不予处罚、减轻、从轻、一般或从重"),
            );
        }
        let min_text = cell(row, 3);
        let min = parse_yuan_to_fen(min_text);
        if min.is_none() {
            err(
                "最低罚款（元）",
                format!("金额「{min_text}」应为不小于0的数字，最多两位小数"),
            );
        }
        let max_text = cell(row, 4);
        let max = parse_yuan_to_fen(max_text);
        if max.is_none() {
            err(
                "最高罚款（元）",
                format!("金额「{max_text}」应为不小于0的数字，最多两位小数"),
            );
        }
        if let (Some(min), Some(max)) = (min, max)
            && min > max
        {
            err(
                "最高罚款（元）",
                format!("最高罚款{}低于最低罚款{}", yuan(max), yuan(min)),
            );
        }
        if code.is_empty() {
            continue;
        }
        let entry = standards.entry(code.to_owned()).or_insert_with(|| {
            (
                DiscretionStandard {
                    violation_code: code.to_owned(),
                    violation: violation.to_owned(),
                    bands: Vec::new(),
                },
                Vec::new(),
            )
        });
        if let Some(c) = circumstance {
            if entry.0.bands.iter().any(|b| b.circumstance == c) {
                err(
                    "情节",
                    format!("违法行为「{code}」的「{}」情节重复", c.label()),
                );
            } else if let (Some(min), Some(max)) = (min, max)
                && min <= max
            {
                entry.0.bands.push(Band {
                    circumstance: c,
                    min_fen: min,
                    max_fen: max,
                    description: cell(row, 5).to_owned(),
                });
                entry.1.push(row_no);
            }
        }
    }
    for (standard, row_nos) in standards.values() {
        let mut bands: Vec<(&Band, usize)> =
            standard.bands.iter().zip(row_nos.iter().copied()).collect();
        bands.sort_by_key(|(b, _)| b.circumstance);
        for pair in bands.windows(2) {
            let ((lower, _), (higher, row)) = (pair[0], pair[1]);
            if higher.max_fen < lower.max_fen {
                errors.push(RowError {
                    row,
                    column: "最高罚款（元）",
                    message: format!(
                        "「{}」情节的最高罚款低于「{}」情节",
                        higher.circumstance.label(),
                        lower.circumstance.label()
                    ),
                });
            }
        }
    }
    if errors.is_empty() {
        Ok(standards.into_values().map(|(s, _)| s).collect())
    } else {
        errors.sort_by_key(|e| e.row);
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enforcement::officer::tests::d;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn power_types_parse() {
        assert_eq!(PowerType::parse("行政处罚"), Some(PowerType::Penalty));
        assert_eq!(PowerType::parse("裁决"), Some(PowerType::Adjudication));
        assert_eq!(PowerType::parse("其他行政权力"), Some(PowerType::Other));
        assert_eq!(PowerType::parse("备案"), None);
    }

    #[test]
    fn status_history_in_force() {
        let p = Power {
            code: "330217001".into(),
            name: "对无照经营的处罚".into(),
            power_type: PowerType::Penalty,
            bases: vec![],
            history: vec![],
        };
        let ev = |change, on, doc: &str| StatusEvent {
            change,
            on,
            document_number: doc.into(),
        };
        assert_eq!(
            p.record_change(ev(PowerChange::Cancelled, d(2024, 1, 1), "x"))
                .unwrap_err()
                .code,
            "power.change_invalid"
        );
        let p = p
            .record_change(ev(PowerChange::Added, d(2024, 1, 1), "某政发〔2024〕1号"))
            .unwrap();
        assert_eq!(
            p.record_change(ev(PowerChange::Assumed, d(2024, 2, 1), "y"))
                .unwrap_err()
                .code,
            "power.change_invalid"
        );
        let p = p
            .record_change(ev(
                PowerChange::Delegated,
                d(2024, 6, 1),
                "某政发〔2024〕5号",
            ))
            .unwrap();
        assert!(!p.in_force_on(d(2023, 12, 31)));
        assert!(p.in_force_on(d(2024, 5, 31)));
        assert!(!p.in_force_on(d(2024, 6, 1)));
        assert_eq!(
            p.record_change(ev(PowerChange::Assumed, d(2024, 5, 1), "z"))
                .unwrap_err()
                .code,
            "power.date_order"
        );
        assert_eq!(
            p.record_change(ev(PowerChange::Assumed, d(2024, 7, 1), " "))
                .unwrap_err()
                .code,
            "power.document_missing"
        );
    }

    fn standard() -> DiscretionStandard {
        let rows = vec![
            row(&["V1", "无照经营", "从轻", "0", "5000", "初次违法"]),
            row(&["V1", "无照经营", "一般", "5000", "20000", ""]),
            row(&["V1", "无照经营", "从重", "20000", "50000", "拒不改正"]),
        ];
        parse_discretion_rows(&rows).unwrap().remove(0)
    }

    #[test]
    fn fine_within_discretion_standard_art_34() {
        let s = standard();
        assert!(check_fine(&s, Circumstance::Ordinary, 1_000_000).is_ok());
        assert!(check_fine(&s, Circumstance::Ordinary, 500_000).is_ok());
        assert!(check_fine(&s, Circumstance::Ordinary, 2_000_000).is_ok());
        let r = check_fine(&s, Circumstance::Ordinary, 2_000_001).unwrap_err();
        assert_eq!(r.code, "power.fine_outside_discretion");
        assert!(r.message.contains("第三十四条"));
        assert!(r.message.contains("5000元至20000元"));
        assert_eq!(r.basis, Some(penalty_law("第三十四条")));
        let r = check_fine(&s, Circumstance::Mitigated, 100).unwrap_err();
        assert_eq!(r.code, "power.discretion_band_missing");
    }

    #[test]
    fn discretion_rows_errors() {
        let rows = vec![
            row(&["V1", "无照经营", "从轻", "0", "5000", ""]),
            row(&["V1", "无照经营", "从轻", "0", "5000", ""]),
            row(&["V1", "无照经营", "从重", "6000", "4000", ""]),
            row(&["V2", "x", "严重", "1.234", "abc", ""]),
            row(&["V3", "y", "一般", "100", "9000", ""]),
            row(&["V3", "y", "从重", "100", "8000", ""]),
        ];
        let errors = parse_discretion_rows(&rows).unwrap_err();
        let got: Vec<(usize, &str)> = errors.iter().map(|e| (e.row, e.column)).collect();
        assert_eq!(
            got,
            vec![
                (2, "情节"),
                (3, "最高罚款（元）"),
                (4, "情节"),
                (4, "最低罚款（元）"),
                (4, "最高罚款（元）"),
                (6, "最高罚款（元）"),
            ]
        );
    }

    #[test]
    fn power_rows_parse_all_or_nothing() {
        let good = vec![row(&[
            "330217001",
            "对无照经营的处罚",
            "行政处罚",
            "《无证无照经营查处办法》",
            "第十三条",
            "2024-01-01",
            "某政发〔2024〕1号",
        ])];
        let p = parse_power_rows(&good).unwrap();
        assert_eq!(p[0].power_type, PowerType::Penalty);
        let mut bad = good.clone();
        bad.push(row(&["330217001", "", "备案", "", "", "昨天", ""]));
        let errors = parse_power_rows(&bad).unwrap_err();
        let cols: Vec<&str> = errors.iter().map(|e| e.column).collect();
        assert_eq!(cols, POWER_COLUMNS.to_vec());
        assert!(errors.iter().all(|e| e.row == 2));
    }
}

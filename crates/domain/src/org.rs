//! Regions, governments and departments: the organisation tree every record hangs from.

use crate::refusal::FieldErrors;

/// A level of the administrative division tree (行政区划).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RegionLevel {
    /// 省级 (province, autonomous region, municipality).
    Province,
    /// 地级 (city, prefecture, league).
    City,
    /// 县级 (county, district, county-level city, banner).
    County,
    /// 乡级 (town, township, sub-district).
    Town,
}

impl RegionLevel {
    /// The code stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            RegionLevel::Province => "province",
            RegionLevel::City => "city",
            RegionLevel::County => "county",
            RegionLevel::Town => "town",
        }
    }

    /// Parses the stored code.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "province" => RegionLevel::Province,
            "city" => RegionLevel::City,
            "county" => RegionLevel::County,
            "town" => RegionLevel::Town,
            _ => return None,
        })
    }

    /// The Chinese label shown in the UI.
    pub fn label(self) -> &'static str {
        match self {
            RegionLevel::Province => "省级",
            RegionLevel::City => "市级",
            RegionLevel::County => "县级",
            RegionLevel::Town => "乡镇级",
        }
    }

    /// All levels, top down.
    pub const ALL: [RegionLevel; 4] = [
        RegionLevel::Province,
        RegionLevel::City,
        RegionLevel::County,
        RegionLevel::Town,
    ];
}

/// Checks a region code against GB/T 2260 (six digits: 2 province, 2 city, 2 county) and
/// GB/T 10114 (a town adds three digits to its county's code), and its place under its parent.
///
/// Province codes end in `0000`, city codes in `00`, county codes in anything else; the parent
/// of a city starts with the province's two digits, and so on down the tree.
pub fn check_region_code(
    code: &str,
    level: RegionLevel,
    parent: Option<(&str, RegionLevel)>,
) -> Result<(), String> {
    let digits_only = code.chars().all(|c| c.is_ascii_digit());
    let expected_len = if level == RegionLevel::Town { 9 } else { 6 };
    if !digits_only || code.len() != expected_len {
        return Err(if level == RegionLevel::Town {
            "乡镇级区划代码应为9位数字（县级代码加3位）".to_owned()
        } else {
            "区划代码应为6位数字".to_owned()
        });
    }
    let shape_ok = match level {
        RegionLevel::Province => code.ends_with("0000") && &code[..2] != "00",
        RegionLevel::City => code.ends_with("00") && &code[2..4] != "00",
        RegionLevel::County => &code[4..6] != "00",
        RegionLevel::Town => &code[6..9] != "000",
    };
    if !shape_ok {
        return Err(format!("代码{code}不符合{}区划代码的格式", level.label()));
    }
    match (level, parent) {
        (RegionLevel::Province, None) => Ok(()),
        (RegionLevel::Province, Some(_)) => Err("省级区划不能有上级区划".to_owned()),
        (_, None) => Err("请选择上级区划".to_owned()),
        (level, Some((parent_code, parent_level))) => {
            let prefix_len = match parent_level {
                RegionLevel::Province => 2,
                RegionLevel::City => 4,
                RegionLevel::County => 6,
                RegionLevel::Town => return Err("乡镇级区划不能再有下级".to_owned()),
            };
            // Directly administered counties (省直辖县) sit under a province: allow skipping a level.
            if parent_level >= level {
                return Err("上级区划的级别必须高于本级".to_owned());
            }
            if code[..prefix_len] != parent_code[..prefix_len] {
                return Err(format!("代码{code}不在上级区划{parent_code}之下"));
            }
            Ok(())
        }
    }
}

/// The level a region code implies on its own (GB/T 2260: six digits ending in 0000 a province, in 00 a city,
/// other six-digit codes county; nine digits town).
pub fn infer_region_level(code: &str) -> Option<RegionLevel> {
    if !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    match code.len() {
        9 => Some(RegionLevel::Town),
        6 if code.ends_with("0000") => Some(RegionLevel::Province),
        6 if code.ends_with("00") => Some(RegionLevel::City),
        6 => Some(RegionLevel::County),
        _ => None,
    }
}

/// Validated input for a new or edited department.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentInput {
    /// Full name, e.g. 县市场监督管理局.
    pub name: String,
    /// Short name used in document numbers, e.g. 市监.
    pub short_name: String,
    /// Whether the department is an enforcement body (执法主体).
    pub is_enforcement_body: bool,
    /// The laws that make it one; required when it is.
    pub enforcement_basis: String,
}

impl DepartmentInput {
    /// Validates raw form values.
    ///
    /// An enforcement body needs its legal basis stated: 行政处罚法 第十七条 gives penalty power
    /// only to bodies that laws and regulations name, so the list must say which law names it.
    pub fn parse(
        name: &str,
        short_name: &str,
        is_enforcement_body: bool,
        enforcement_basis: &str,
    ) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = errors.required_text("name", name, 60);
        let short_name = errors.optional_text("short_name", short_name, 20);
        let enforcement_basis = errors.optional_text("enforcement_basis", enforcement_basis, 2000);
        if is_enforcement_body && enforcement_basis.is_empty() {
            errors.add(
                "enforcement_basis",
                "执法主体须填写法定依据（行政处罚法第十七条）",
            );
        }
        errors.into_result()?;
        Ok(DepartmentInput {
            name,
            short_name,
            is_enforcement_body,
            enforcement_basis,
        })
    }
}

/// Whether a department may be published on the portal's list of enforcement bodies.
pub fn may_publish_enforcement_body(is_enforcement_body: bool, basis: &str) -> Result<(), String> {
    if !is_enforcement_body {
        return Err("只有执法主体才能公示".to_owned());
    }
    if basis.trim().is_empty() {
        return Err("公示执法主体前须填写法定依据".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_codes_follow_gb_t_2260() {
        use RegionLevel::*;
        assert!(check_region_code("630000", Province, None).is_ok());
        assert!(check_region_code("632800", City, Some(("630000", Province))).is_ok());
        assert!(check_region_code("632801", County, Some(("632800", City))).is_ok());
        assert!(check_region_code("632801100", Town, Some(("632801", County))).is_ok());
        // Directly administered county under a province.
        assert!(check_region_code("429004", County, Some(("420000", Province))).is_ok());
        assert!(check_region_code("63280", County, Some(("632800", City))).is_err());
        assert!(check_region_code("632801", County, Some(("620100", City))).is_err());
        assert!(check_region_code("632800", Province, None).is_err());
        assert!(check_region_code("63a000", Province, None).is_err());
        assert!(check_region_code("632801", City, Some(("632800", City))).is_err());
    }

    #[test]
    fn enforcement_body_needs_legal_basis_art_17() {
        let err = DepartmentInput::parse("县市场监督管理局", "市监", true, " ").unwrap_err();
        assert!(err.0.contains_key("enforcement_basis"));
        let ok = DepartmentInput::parse(
            " 县市场监督管理局 ",
            "市监",
            true,
            "《市场监督管理行政处罚程序规定》",
        )
        .unwrap();
        assert_eq!(ok.name, "县市场监督管理局");
        assert!(may_publish_enforcement_body(false, "x").is_err());
        assert!(may_publish_enforcement_body(true, "").is_err());
        assert!(may_publish_enforcement_body(true, "依据").is_ok());
    }

    #[test]
    fn department_name_is_required_and_bounded() {
        let err = DepartmentInput::parse("", "", false, "").unwrap_err();
        assert_eq!(err.0["name"], vec!["此项为必填项".to_owned()]);
        let long = "局".repeat(61);
        assert!(DepartmentInput::parse(&long, "", false, "").is_err());
    }
}

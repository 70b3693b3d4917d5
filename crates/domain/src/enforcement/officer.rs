//! Officers (执法人员) and their certificates (执法证): status on a date, the certified-officer
//! type, the two-officer rule and roster import.
//!
//! 行政处罚法 第四十二条: a penalty is carried out by officers holding enforcement
//! qualification, at least two of them. The rule is in the types: a [`CertifiedOfficer`] can
//! only be made from an officer whose certificate is valid on the given date, and an
//! [`InvestigationTeam`] only from two or more distinct certified officers.

use std::collections::BTreeMap;

use calendar::NaiveDate;

use crate::enforcement::penalty_law;
use crate::enforcement::rows::{RowError, cell, parse_date, parse_yes_no};
use crate::refusal::Refusal;

/// The recorded standing of a certificate, as the issuing authority last set it. Expiry is not a
/// standing: it follows from the dates (see [`Certificate::status_on`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CertificateStanding {
    /// 有效: in force.
    InForce,
    /// 暂扣: suspended by the issuing authority.
    Suspended,
    /// 吊销/注销: revoked or cancelled.
    Revoked,
}

impl CertificateStanding {
    /// The Chinese word used in rosters.
    pub fn label(self) -> &'static str {
        match self {
            CertificateStanding::InForce => "有效",
            CertificateStanding::Suspended => "暂扣",
            CertificateStanding::Revoked => "吊销",
        }
    }

    /// Parses a roster cell; empty means in force.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "" | "有效" | "正常" => Some(CertificateStanding::InForce),
            "暂扣" | "暂停" | "中止" => Some(CertificateStanding::Suspended),
            "吊销" | "注销" | "撤销" | "收回" => Some(CertificateStanding::Revoked),
            _ => None,
        }
    }
}

/// What a certificate allows on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CertificateStatus {
    /// Usable for enforcement on that day.
    Valid,
    /// The day is before the issue date.
    NotYetValid,
    /// Suspended by the issuing authority.
    Suspended,
    /// Revoked or cancelled.
    Revoked,
    /// The day is after the expiry date.
    Expired,
}

impl CertificateStatus {
    /// The Chinese word shown in the UI.
    pub fn label(self) -> &'static str {
        match self {
            CertificateStatus::Valid => "有效",
            CertificateStatus::NotYetValid => "尚未生效",
            CertificateStatus::Suspended => "暂扣",
            CertificateStatus::Revoked => "吊销",
            CertificateStatus::Expired => "已过期",
        }
    }
}

/// An enforcement certificate (执法证).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// Certificate number, free text as issued (formats differ by province).
    pub number: String,
    /// Enforcement category (执法类别/执法领域) printed on it, e.g. 市场监管, 综合行政执法.
    pub category: String,
    /// Issue date.
    pub issued_on: NaiveDate,
    /// Last day of validity (有效期至), inclusive.
    pub expires_on: NaiveDate,
    /// Recorded standing.
    pub standing: CertificateStanding,
}

impl Certificate {
    /// The certificate's status on `on`. Revocation and suspension win over dates: a revoked
    /// certificate is reported revoked even after it would have expired.
    pub fn status_on(&self, on: NaiveDate) -> CertificateStatus {
        match self.standing {
            CertificateStanding::Revoked => CertificateStatus::Revoked,
            CertificateStanding::Suspended => CertificateStatus::Suspended,
            CertificateStanding::InForce if on < self.issued_on => CertificateStatus::NotYetValid,
            CertificateStanding::InForce if on > self.expires_on => CertificateStatus::Expired,
            CertificateStanding::InForce => CertificateStatus::Valid,
        }
    }
}

/// An officer as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Officer {
    /// Store id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Store id of the officer's department.
    pub department_id: i64,
    /// The enforcement certificate.
    pub certificate: Certificate,
    /// Holds the qualification to do legal review (法制审核): 行政处罚法 第五十八条第二款 asks a
    /// first-time reviewer to have passed the national legal profession exam.
    pub legal_review_qualified: bool,
    /// Training hours recorded this year.
    pub training_hours: u32,
}

/// An officer whose certificate was valid on [`CertifiedOfficer::certified_on`]; the only way
/// to put an officer on a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertifiedOfficer {
    id: i64,
    name: String,
    certificate_number: String,
    category: String,
    certified_on: NaiveDate,
}

impl CertifiedOfficer {
    /// 行政处罚法 第四十二条第一款: only officers with enforcement qualification may enforce,
    /// so an expired, suspended, revoked or not-yet-valid certificate is refused.
    pub fn certify(officer: &Officer, on: NaiveDate) -> Result<Self, Refusal> {
        let status = officer.certificate.status_on(on);
        if status != CertificateStatus::Valid {
            return Err(Refusal::by_law(
                "officer.certificate_not_valid",
                format!(
                    "执法人员{}的执法证（{}）于{}的状态为「{}」，不得指派执行执法任务（《中华人民共和国行政处罚法》第四十二条）",
                    officer.name,
                    officer.certificate.number,
                    on,
                    status.label()
                ),
                penalty_law("第四十二条"),
            ));
        }
        Ok(CertifiedOfficer {
            id: officer.id,
            name: officer.name.clone(),
            certificate_number: officer.certificate.number.clone(),
            category: officer.certificate.category.clone(),
            certified_on: on,
        })
    }

    /// Store id of the officer.
    pub fn id(&self) -> i64 {
        self.id
    }

    /// Name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Certificate number.
    pub fn certificate_number(&self) -> &str {
        &self.certificate_number
    }

    /// Enforcement category of the certificate.
    pub fn category(&self) -> &str {
        &self.category
    }

    /// The day the certificate was checked.
    pub fn certified_on(&self) -> NaiveDate {
        self.certified_on
    }
}

/// Two or more distinct certified officers: the investigators of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvestigationTeam {
    officers: Vec<CertifiedOfficer>,
}

impl InvestigationTeam {
    /// 行政处罚法 第四十二条第一款: 执法人员不得少于两人. Duplicates count once.
    pub fn new(officers: Vec<CertifiedOfficer>) -> Result<Self, Refusal> {
        let mut unique: Vec<CertifiedOfficer> = Vec::with_capacity(officers.len());
        for officer in officers {
            if !unique.iter().any(|o| o.id == officer.id) {
                unique.push(officer);
            }
        }
        if unique.len() < 2 {
            return Err(Refusal::by_law(
                "officer.fewer_than_two",
                format!(
                    "调查取证的持证执法人员不得少于两人，当前仅{}人（《中华人民共和国行政处罚法》第四十二条）",
                    unique.len()
                ),
                penalty_law("第四十二条"),
            ));
        }
        Ok(InvestigationTeam { officers: unique })
    }

    /// The officers, in the order given.
    pub fn officers(&self) -> &[CertifiedOfficer] {
        &self.officers
    }

    /// Whether an officer (by id) is on the team.
    pub fn includes(&self, officer_id: i64) -> bool {
        self.officers.iter().any(|o| o.id == officer_id)
    }

    /// The earliest day on which the members were certified.
    pub fn certified_on(&self) -> NaiveDate {
        self.officers
            .iter()
            .map(|o| o.certified_on)
            .min()
            .expect("a team has at least two officers")
    }
}

/// A validated roster row, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficerInput {
    /// Name.
    pub name: String,
    /// Certificate number.
    pub certificate_number: String,
    /// Enforcement category.
    pub category: String,
    /// Issue date.
    pub issued_on: NaiveDate,
    /// Last day of validity.
    pub expires_on: NaiveDate,
    /// Recorded standing.
    pub standing: CertificateStanding,
    /// Legal-review qualification.
    pub legal_review_qualified: bool,
    /// Training hours.
    pub training_hours: u32,
}

/// Column headers of the roster sheet, in order. Columns after 执法证号 and 有效期至 are the
/// ones the provincial certificate systems export.
pub const OFFICER_COLUMNS: [&str; 8] = [
    "姓名",
    "执法证号",
    "执法类别",
    "发证日期",
    "有效期至",
    "证件状态",
    "法制审核资格",
    "培训学时",
];

/// Parses roster rows (without the header) in the order of [`OFFICER_COLUMNS`].
///
/// Every row is checked and every error reported, row by row, in Chinese; nothing is accepted
/// unless every row is valid. Certificate numbers must be non-empty and unique within the batch
/// (compared without surrounding spaces and case-insensitively, since the same number typed
/// twice is the same certificate).
pub fn parse_officer_rows<R, S>(rows: &[R]) -> Result<Vec<OfficerInput>, Vec<RowError>>
where
    R: AsRef<[S]>,
    S: AsRef<str>,
{
    let mut errors = Vec::new();
    let mut inputs = Vec::new();
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
        let name = cell(row, 0);
        if name.is_empty() {
            err("姓名", "姓名不能为空".into());
        } else if name.chars().count() > 30 {
            err("姓名", "姓名不能超过30个字".into());
        }
        let number = cell(row, 1);
        if number.is_empty() {
            err("执法证号", "执法证号不能为空".into());
        } else {
            let key = number.to_uppercase();
            if let Some(first) = seen.get(&key) {
                err("执法证号", format!("执法证号「{number}」与第{first}行重复"));
            } else {
                seen.insert(key, row_no);
            }
        }
        let category = cell(row, 2);
        if category.is_empty() {
            err("执法类别", "执法类别不能为空".into());
        }
        let issued = cell(row, 3);
        let issued_on = parse_date(issued);
        if issued_on.is_none() {
            err(
                "发证日期",
                format!("发证日期「{issued}」无法识别，请填写如2024-01-31的日期"),
            );
        }
        let expires = cell(row, 4);
        let expires_on = parse_date(expires);
        if expires_on.is_none() {
            err(
                "有效期至",
                format!("有效期至「{expires}」无法识别，请填写如2029-01-31的日期"),
            );
        }
        if let (Some(i), Some(e)) = (issued_on, expires_on)
            && e <= i
        {
            err("有效期至", format!("有效期至（{e}）须晚于发证日期（{i}）"));
        }
        let standing_text = cell(row, 5);
        let standing = CertificateStanding::parse(standing_text);
        if standing.is_none() {
            err(
                "证件状态",
                format!("证件状态「{standing_text}」无法识别，应为有效、暂扣或吊销"),
            );
        }
        let qualified_text = cell(row, 6);
        let qualified = if qualified_text.is_empty() {
            Some(false)
        } else {
            parse_yes_no(qualified_text)
        };
        if qualified.is_none() {
            err(
                "法制审核资格",
                format!("法制审核资格「{qualified_text}」应填写是或否"),
            );
        }
        let hours_text = cell(row, 7);
        let hours = if hours_text.is_empty() {
            Some(0)
        } else {
            hours_text.parse::<u32>().ok().filter(|h| *h <= 10_000)
        };
        if hours.is_none() {
            err(
                "培训学时",
                format!("培训学时「{hours_text}」应为不小于0的整数"),
            );
        }
        if let (Some(issued_on), Some(expires_on), Some(standing), Some(qualified), Some(hours)) =
            (issued_on, expires_on, standing, qualified, hours)
        {
            inputs.push(OfficerInput {
                name: name.to_owned(),
                certificate_number: number.to_owned(),
                category: category.to_owned(),
                issued_on,
                expires_on,
                standing,
                legal_review_qualified: qualified,
                training_hours: hours,
            });
        }
    }
    if errors.is_empty() {
        Ok(inputs)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// An officer with a certificate valid through 2029.
    pub(crate) fn officer(id: i64, name: &str) -> Officer {
        Officer {
            id,
            name: name.into(),
            department_id: 1,
            certificate: Certificate {
                number: format!("ZF-{id:04}"),
                category: "市场监管".into(),
                issued_on: d(2024, 1, 1),
                expires_on: d(2029, 12, 31),
                standing: CertificateStanding::InForce,
            },
            legal_review_qualified: false,
            training_hours: 60,
        }
    }

    #[test]
    fn certificate_status_from_dates_and_standing() {
        let mut o = officer(1, "李明");
        assert_eq!(
            o.certificate.status_on(d(2025, 6, 1)),
            CertificateStatus::Valid
        );
        // The expiry day itself is still valid; the next day is not.
        assert_eq!(
            o.certificate.status_on(d(2029, 12, 31)),
            CertificateStatus::Valid
        );
        assert_eq!(
            o.certificate.status_on(d(2030, 1, 1)),
            CertificateStatus::Expired
        );
        assert_eq!(
            o.certificate.status_on(d(2023, 12, 31)),
            CertificateStatus::NotYetValid
        );
        o.certificate.standing = CertificateStanding::Suspended;
        assert_eq!(
            o.certificate.status_on(d(2025, 6, 1)),
            CertificateStatus::Suspended
        );
        o.certificate.standing = CertificateStanding::Revoked;
        assert_eq!(
            o.certificate.status_on(d(2031, 6, 1)),
            CertificateStatus::Revoked
        );
    }

    #[test]
    fn invalid_certificate_cannot_be_assigned_art_42() {
        let today = d(2025, 6, 1);
        assert!(CertifiedOfficer::certify(&officer(1, "李明"), today).is_ok());
        for (standing, expires, label) in [
            (CertificateStanding::InForce, d(2025, 5, 31), "已过期"),
            (CertificateStanding::Suspended, d(2029, 1, 1), "暂扣"),
            (CertificateStanding::Revoked, d(2029, 1, 1), "吊销"),
        ] {
            let mut o = officer(2, "王芳");
            o.certificate.standing = standing;
            o.certificate.expires_on = expires;
            let refusal = CertifiedOfficer::certify(&o, today).unwrap_err();
            assert_eq!(refusal.code, "officer.certificate_not_valid");
            assert!(refusal.message.contains(label), "{}", refusal.message);
            assert!(refusal.message.contains("第四十二条"));
            assert_eq!(refusal.basis, Some(penalty_law("第四十二条")));
        }
    }

    #[test]
    fn at_least_two_officers_art_42() {
        let today = d(2025, 6, 1);
        let a = CertifiedOfficer::certify(&officer(1, "李明"), today).unwrap();
        let b = CertifiedOfficer::certify(&officer(2, "王芳"), today).unwrap();
        let refusal = InvestigationTeam::new(vec![a.clone()]).unwrap_err();
        assert_eq!(refusal.code, "officer.fewer_than_two");
        assert!(refusal.message.contains("第四十二条"));
        // The same officer twice is still one officer.
        let refusal = InvestigationTeam::new(vec![a.clone(), a.clone()]).unwrap_err();
        assert_eq!(refusal.code, "officer.fewer_than_two");
        let team = InvestigationTeam::new(vec![a, b]).unwrap();
        assert_eq!(team.officers().len(), 2);
        assert!(team.includes(2));
        assert_eq!(team.certified_on(), today);
    }

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn roster_rows_parse_when_all_valid() {
        let rows = vec![
            row(&[
                "李明",
                "ZF-0001",
                "市场监管",
                "2024-01-01",
                "2029-12-31",
                "有效",
                "是",
                "60",
            ]),
            row(&[
                "王芳",
                "ZF-0002",
                "市场监管",
                "2024/3/1",
                "2029年2月28日",
                "",
                "",
                "",
            ]),
        ];
        let inputs = parse_officer_rows(&rows).unwrap();
        assert_eq!(inputs.len(), 2);
        assert!(inputs[0].legal_review_qualified);
        assert_eq!(inputs[0].training_hours, 60);
        assert_eq!(inputs[1].issued_on, d(2024, 3, 1));
        assert_eq!(inputs[1].expires_on, d(2029, 2, 28));
        assert_eq!(inputs[1].standing, CertificateStanding::InForce);
        assert!(!inputs[1].legal_review_qualified);
    }

    #[test]
    fn roster_rows_report_every_error_and_accept_nothing() {
        let rows = vec![
            row(&[
                "李明",
                "ZF-0001",
                "市场监管",
                "2024-01-01",
                "2029-12-31",
                "有效",
                "是",
                "60",
            ]),
            row(&[
                "",
                "zf-0001",
                "",
                "2024-02-30",
                "2023-01-01",
                "作废",
                "也许",
                "-3",
            ]),
            row(&["赵强", "", "市场监管", "2025-01-01", "2024-01-01"]),
        ];
        let errors = parse_officer_rows(&rows).unwrap_err();
        let got: Vec<(usize, &str)> = errors.iter().map(|e| (e.row, e.column)).collect();
        assert_eq!(
            got,
            vec![
                (2, "姓名"),
                (2, "执法证号"),
                (2, "执法类别"),
                (2, "发证日期"),
                (2, "证件状态"),
                (2, "法制审核资格"),
                (2, "培训学时"),
                (3, "执法证号"),
                (3, "有效期至"),
            ]
        );
        assert!(errors[1].message.contains("与第1行重复"));
        assert!(errors[8].message.contains("须晚于发证日期"));
        assert_eq!(errors[0].to_string(), "第2行「姓名」：姓名不能为空");
    }
}

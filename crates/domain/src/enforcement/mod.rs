//! Enforcement (行政执法): officers and certificates, powers, penalty and inspection cases under the statutory procedure, disclosure and supervision rules.
//!
//! Everything here is pure: dates come in as arguments, draws take a seed, and a rule that says
//! "no" returns a [`Refusal`](crate::Refusal) citing its article. The lead's `store` and `web`
//! record the [`penalty::Event`]s these functions return and render the refusals.

pub mod disclosure;
pub mod inspection;
pub mod legal_review;
pub mod officer;
pub mod penalty;
pub mod power;
pub mod redaction;
pub mod rows;
pub mod summary;
pub mod supervision;

pub use rows::RowError;

use crate::refusal::LegalBasis;

/// Full title of the Administrative Penalty Law (2021 revision), as `LegalBasis::law` wants it.
pub const PENALTY_LAW: &str = "中华人民共和国行政处罚法";

/// The 2018 State Council opinion on the three enforcement systems (三项制度).
pub const GUOBAN_118: &str = "国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见（国办发〔2018〕118号）";

/// A basis in the Administrative Penalty Law, e.g. `penalty_law("第五十八条")`.
pub(crate) fn penalty_law(article: &'static str) -> LegalBasis {
    LegalBasis {
        law: PENALTY_LAW,
        article,
    }
}

/// Whether the party is a natural person or an organisation: several limits differ
/// (行政处罚法 第五十一条 summary fines, 第六十三条 hearing thresholds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum PartyKind {
    /// 公民: a natural person.
    Individual,
    /// 法人或者其他组织: a legal person or other organisation.
    Organisation,
}

impl PartyKind {
    /// The Chinese term used in messages.
    pub fn label(self) -> &'static str {
        match self {
            PartyKind::Individual => "公民",
            PartyKind::Organisation => "法人或者其他组织",
        }
    }
}

/// Formats an amount in fen as yuan for a message, e.g. `200000` → `2000元`, `12345` → `123.45元`.
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    if abs.is_multiple_of(100) {
        format!("{sign}{}元", abs / 100)
    } else {
        format!("{sign}{}.{:02}元", abs / 100, abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yuan_formats_fen() {
        assert_eq!(yuan(200_000), "2000元");
        assert_eq!(yuan(12_345), "123.45元");
        assert_eq!(yuan(5), "0.05元");
        assert_eq!(yuan(-100), "-1元");
    }
}

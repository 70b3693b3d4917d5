//! Unified registration and numbering (统一登记、统一编号): document numbers such as
//! 青政规〔2025〕3号, a prefix per issuing body and a sequence per issuer per year that has no
//! gaps and never reuses a number (STATUTES.md §9.2 "三统一", 国办发〔2018〕37号 \[memory\]).

use std::fmt;

use crate::normative::guoban_37;
use crate::refusal::Refusal;

/// A registered document number: `{prefix}〔{year}〕{sequence}号`.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct DocumentNumber {
    /// The issuing body's prefix, e.g. 青政规 (configured per issuer).
    pub prefix: String,
    /// The year of registration.
    pub year: i32,
    /// The sequence within the issuer and year, from 1.
    pub sequence: u32,
}

impl fmt::Display for DocumentNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}〔{}〕{}号", self.prefix, self.year, self.sequence)
    }
}

impl DocumentNumber {
    /// Reads a number as people type it: the year may be in 〔〕, [], ［］, 【】 or (), digits
    /// may be full-width, spaces are ignored. `None` when it is not a document number.
    pub fn parse(text: &str) -> Option<DocumentNumber> {
        let folded: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '[' | '【' | '(' | '（' | '［' => '〔',
                ']' | '】' | ')' | '）' | '］' => '〕',
                _ => c,
            })
            .collect();
        let (prefix, rest) = folded.split_once('〔')?;
        let (year, rest) = rest.split_once('〕')?;
        let sequence = rest.strip_suffix('号')?;
        let prefix = valid_prefix(prefix).ok()?;
        let year: i32 = year.parse().ok()?;
        let sequence: u32 = sequence.parse().ok()?;
        if year.to_string().len() != 4 || sequence == 0 {
            return None;
        }
        Some(DocumentNumber {
            prefix,
            year,
            sequence,
        })
    }
}

/// The next number of an issuer's year: one past the highest used, so that numbers run
/// without gaps and a number once given (even to a document later repealed or withdrawn) is
/// never given again. `used` are the sequences the store holds for this prefix and year.
pub fn next_number(prefix: &str, year: i32, used: &[u32]) -> DocumentNumber {
    DocumentNumber {
        prefix: prefix.trim().to_owned(),
        year,
        sequence: used.iter().copied().max().unwrap_or(0) + 1,
    }
}

/// Checks a number proposed for registration against the numbers already used in its prefix
/// and year: a duplicate is refused, and so is one that would leave a gap (a number is only
/// ever the next one).
pub fn check_number(number: &DocumentNumber, used: &[u32]) -> Result<(), Refusal> {
    valid_prefix(&number.prefix)?;
    if used.contains(&number.sequence) {
        return Err(Refusal::by_law(
            "normative.number_duplicate",
            format!("文号{number}已被使用，规范性文件实行统一编号，同一文号不得重复使用"),
            guoban_37("统一登记、统一编号、统一印发"),
        ));
    }
    let next = next_number(&number.prefix, number.year, used);
    if number.sequence != next.sequence {
        return Err(Refusal::by_law(
            "normative.number_gap",
            format!("文号应当连续编排，下一个文号是{next}，不能使用{number}"),
            guoban_37("统一登记、统一编号、统一印发"),
        ));
    }
    Ok(())
}

/// A prefix is the issuer's short name and document kind (青政规, 青市监规): Chinese or Latin
/// letters only, since digits and brackets belong to the year and sequence.
pub fn valid_prefix(prefix: &str) -> Result<String, Refusal> {
    let prefix = prefix.trim();
    let ok = !prefix.is_empty()
        && prefix.chars().count() <= 12
        && prefix
            .chars()
            .all(|c| c.is_alphabetic() && !c.is_ascii_digit());
    if ok {
        Ok(prefix.to_owned())
    } else {
        Err(Refusal::new(
            "normative.number_prefix_invalid",
            "文号前缀应为发文机关代字（不超过12个字，不含数字和括号），如「青政规」",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(sequence: u32) -> DocumentNumber {
        DocumentNumber {
            prefix: "青政规".into(),
            year: 2025,
            sequence,
        }
    }

    #[test]
    fn number_format_is_prefix_year_in_brackets_sequence() {
        assert_eq!(number(3).to_string(), "青政规〔2025〕3号");
    }

    #[test]
    fn number_parses_as_people_type_it() {
        for typed in [
            "青政规〔2025〕3号",
            "青政规[2025]3号",
            "青政规【２０２５】３号",
            " 青政规 (2025) 3号",
        ] {
            assert_eq!(DocumentNumber::parse(typed), Some(number(3)), "{typed}");
        }
        for bad in [
            "青政规2025-3",
            "〔2025〕3号",
            "青政规〔25〕3号",
            "青政规〔2025〕0号",
            "青政规〔2025〕号",
        ] {
            assert_eq!(DocumentNumber::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbering_is_sequential_per_issuer_and_year() {
        assert_eq!(next_number("青政规", 2025, &[]), number(1));
        assert_eq!(next_number("青政规", 2025, &[1, 2]), number(3));
        // A repealed or withdrawn document keeps its number: the sequence never goes back.
        assert_eq!(next_number("青政规", 2025, &[2, 1, 3]).sequence, 4);
    }

    #[test]
    fn duplicate_number_is_refused() {
        let r = check_number(&number(2), &[1, 2]).unwrap_err();
        assert_eq!(r.code, "normative.number_duplicate");
        assert!(r.basis.is_some());
    }

    #[test]
    fn number_leaving_a_gap_is_refused() {
        let r = check_number(&number(5), &[1, 2]).unwrap_err();
        assert_eq!(r.code, "normative.number_gap");
        assert!(r.message.contains("青政规〔2025〕3号"));
        assert!(check_number(&number(3), &[1, 2]).is_ok());
        assert!(check_number(&number(1), &[]).is_ok());
    }

    #[test]
    fn prefix_without_digits_or_brackets() {
        assert!(valid_prefix("青市监规").is_ok());
        assert!(valid_prefix("").is_err());
        assert!(valid_prefix("青政〔规").is_err());
        assert!(valid_prefix("青2规").is_err());
    }
}

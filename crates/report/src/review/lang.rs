//! The language services report review borrows from `legaltext`: Chinese numerals and
//! traditional→simplified script conversion. Kept behind this module so that the rest of the
//! review never depends on the shape of another crate's API.

/// Converts traditional characters to simplified ones.
pub(crate) fn to_simplified(text: &str) -> String {
    legaltext::script::to_simplified(text)
}

/// Whether a text is mostly in traditional script.
pub(crate) fn is_traditional(text: &str) -> bool {
    legaltext::script::is_mostly_traditional(text)
}

/// Parses a run of Chinese numeral characters (`二十三`, `六百`, `两`) into an integer.
pub(crate) fn parse_chinese_integer(numeral: &str) -> Option<u64> {
    legaltext::numerals::parse(numeral)
}

/// Whether `c` can appear in a Chinese numeral as reports write counts. Capital numerals
/// (壹贰叁) are left out on purpose: in report prose they are amounts on receipts, not counts.
pub(crate) fn is_chinese_numeral_char(c: char) -> bool {
    matches!(
        c,
        '零' | '〇'
            | '一'
            | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '亿'
    )
}

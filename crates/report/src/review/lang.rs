//! The two language services report review borrows from `legaltext`: Chinese numerals and
//! traditional→simplified script conversion. Kept behind this module so that the rest of the
//! review never depends on the shape of another crate's API.

/// Converts traditional characters to simplified ones.
pub(crate) fn to_simplified(text: &str) -> String {
    // Waiting for `legaltext::script::to_simplified`.
    text.to_string()
}

/// Parses a run of Chinese numeral characters (`二十三`, `六百`, `两`) into an integer.
pub(crate) fn parse_chinese_integer(_numeral: &str) -> Option<u64> {
    // Waiting for `legaltext::numerals`.
    None
}

/// Whether `c` can appear in a Chinese numeral.
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

//! Chinese numerals, both ways.
//!
//! Legal texts number articles and items in Chinese (`第一千二百六十条`, `（十二）`), write
//! amounts in Chinese or in capital "financial" numerals (`壹万贰仟元`), and some files use
//! full-width digits (`２４小时`). [`parse`] reads all of these; [`format`] writes the
//! ordinary form used in article numbers and [`format_financial`] the capital form.
//!
//! Accepted characters: 零 〇 ○ (U+25CB, used in the corpus's 宪法 for 〇) 一 二 两 三 … 九,
//! 十 百 千 万 亿, the capitals 壹 贰 叁 肆 伍 陆 柒 捌 玖 拾 佰 仟 (and their traditional forms
//! 貳 參 陸 萬 億), 廿 (twenty), ASCII and full-width digits. A string with no unit character
//! is read digit by digit (`二〇二四` → 2024), as years are written.

/// Value of a single digit character (Chinese, capital, ASCII or full-width), if it is one.
pub fn digit_value(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' | '○' | '0' | '０' => 0,
        '一' | '壹' | '1' | '１' | '幺' => 1,
        '二' | '两' | '兩' | '贰' | '貳' | '2' | '２' => 2,
        '三' | '叁' | '參' | '3' | '３' => 3,
        '四' | '肆' | '4' | '４' => 4,
        '五' | '伍' | '5' | '５' => 5,
        '六' | '陆' | '陸' | '6' | '６' => 6,
        '七' | '柒' | '7' | '７' => 7,
        '八' | '捌' | '8' | '８' => 8,
        '九' | '玖' | '9' | '９' => 9,
        _ => return None,
    })
}

/// Multiplier of a unit character inside a section of ten thousand (十 百 千), if it is one.
fn small_unit(c: char) -> Option<u64> {
    match c {
        '十' | '拾' => Some(10),
        '百' | '佰' => Some(100),
        '千' | '仟' => Some(1000),
        _ => None,
    }
}

/// Whether `c` may appear in a numeral that [`parse`] accepts.
pub fn is_numeral_char(c: char) -> bool {
    digit_value(c).is_some()
        || small_unit(c).is_some()
        || matches!(c, '万' | '萬' | '亿' | '億' | '廿')
}

/// Whether `c` is an ASCII or full-width decimal digit.
fn is_arabic(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Parses a numeral; `None` when the text is empty, holds other characters, is malformed
/// (`一二百`) or overflows `u64`.
///
/// ```
/// use legaltext::numerals::parse;
/// assert_eq!(parse("一千二百六十"), Some(1260));
/// assert_eq!(parse("十"), Some(10));
/// assert_eq!(parse("两万"), Some(20_000));
/// assert_eq!(parse("壹佰贰拾叁"), Some(123));
/// assert_eq!(parse("２４"), Some(24));
/// assert_eq!(parse("二〇二四"), Some(2024));
/// ```
pub fn parse(text: &str) -> Option<u64> {
    let text = text.trim();
    if text.is_empty() || !text.chars().all(is_numeral_char) {
        return None;
    }
    let has_unit = text
        .chars()
        .any(|c| small_unit(c).is_some() || matches!(c, '万' | '萬' | '亿' | '億' | '廿'));
    if !has_unit {
        // Digit by digit: years (二〇二四), Arabic and full-width numbers.
        let mut value: u64 = 0;
        for c in text.chars() {
            value = value.checked_mul(10)?.checked_add(digit_value(c)?)?;
        }
        return Some(value);
    }
    parse_with_units(text)
}

/// Reads a numeral with units, section by section (亿, 万, then 千百十 within a section).
fn parse_with_units(text: &str) -> Option<u64> {
    let mut above_yi: u64 = 0; // everything already multiplied by 亿
    let mut wan_part: u64 = 0; // the current 万 section, already multiplied by 万
    let mut section: u64 = 0; // the current section below 万
    let mut number: Option<u64> = None; // a digit waiting for its unit
    let mut last_unit: u64 = u64::MAX; // to reject 一百二千 (units must fall)
    let mut prev_arabic = false;
    for c in text.chars() {
        if let Some(d) = digit_value(c) {
            if is_arabic(c) && prev_arabic {
                // A run of Arabic digits such as 30万.
                number = Some(number.unwrap_or(0).checked_mul(10)?.checked_add(d)?);
            } else if d == 0 {
                // 零 only marks a gap (一千零五); two digits in a row are malformed otherwise.
                if number.is_some_and(|n| n != 0) {
                    return None;
                }
                number = Some(0);
            } else {
                if number.is_some_and(|n| n != 0) {
                    return None;
                }
                number = Some(d);
            }
            prev_arabic = is_arabic(c);
            continue;
        }
        prev_arabic = false;
        if c == '廿' {
            if number.is_some_and(|n| n != 0) {
                return None;
            }
            section = section.checked_add(20)?;
            last_unit = 10;
            number = None;
            continue;
        }
        if let Some(unit) = small_unit(c) {
            if unit >= last_unit {
                return None;
            }
            // A bare 十 at the start of a section means 一十 (十二 = 12).
            let n = match number {
                Some(0) | None => 1,
                Some(n) => n,
            };
            section = section.checked_add(n.checked_mul(unit)?)?;
            last_unit = unit;
            number = None;
            continue;
        }
        let whole = section.checked_add(number.unwrap_or(0))?;
        match c {
            '万' | '萬' => {
                if wan_part != 0 {
                    return None;
                }
                // 万 alone means 一万.
                let base = if whole == 0 { 1 } else { whole };
                wan_part = base.checked_mul(10_000)?;
            }
            '亿' | '億' => {
                let base = above_yi.checked_add(wan_part)?.checked_add(whole)?;
                let base = if base == 0 { 1 } else { base };
                above_yi = base.checked_mul(100_000_000)?;
                wan_part = 0;
            }
            _ => return None,
        }
        section = 0;
        number = None;
        last_unit = u64::MAX;
    }
    above_yi
        .checked_add(wan_part)?
        .checked_add(section)?
        .checked_add(number.unwrap_or(0))
}

/// Replaces full-width digits with ASCII digits and leaves everything else alone.
pub fn normalize_digits(text: &str) -> String {
    text.chars()
        .map(|c| {
            if ('０'..='９').contains(&c) {
                char::from(b'0' + (c as u32 - '０' as u32) as u8)
            } else {
                c
            }
        })
        .collect()
}

/// The digit and unit characters of one numeral style.
struct Style {
    digits: [char; 10],
    units: [char; 3],
    wan: char,
    yi: char,
    /// Whether 10–19 drop the leading 一 (十二, not 一十二), as article numbers do.
    bare_ten: bool,
}

const ORDINARY: Style = Style {
    digits: ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'],
    units: ['十', '百', '千'],
    wan: '万',
    yi: '亿',
    bare_ten: true,
};

const FINANCIAL: Style = Style {
    digits: ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'],
    units: ['拾', '佰', '仟'],
    wan: '万',
    yi: '亿',
    bare_ten: false,
};

/// Formats `n` in ordinary Chinese numerals, as article numbers are written.
///
/// ```
/// use legaltext::numerals::format;
/// assert_eq!(format(1260), "一千二百六十");
/// assert_eq!(format(10), "十");
/// assert_eq!(format(110), "一百一十");
/// assert_eq!(format(1005), "一千零五");
/// ```
pub fn format(n: u64) -> String {
    format_with(n, &ORDINARY)
}

/// Formats `n` in capital (financial) numerals, as amounts are written on receipts.
///
/// ```
/// assert_eq!(legaltext::numerals::format_financial(12_000), "壹万贰仟");
/// ```
pub fn format_financial(n: u64) -> String {
    format_with(n, &FINANCIAL)
}

/// Writes `n` as 亿 part, 万 part and units, inserting 零 for gaps as Chinese requires.
fn format_with(n: u64, style: &Style) -> String {
    if n == 0 {
        return style.digits[0].to_string();
    }
    let mut out = String::new();
    write_number(n, style, true, &mut out);
    out
}

/// Writes `n > 0`; `leading` says whether nothing precedes it (for the bare 十).
fn write_number(n: u64, style: &Style, leading: bool, out: &mut String) {
    for (unit, mark) in [(100_000_000u64, style.yi), (10_000, style.wan)] {
        if n >= unit {
            let high = n / unit;
            let low = n % unit;
            write_number(high, style, leading, out);
            out.push(mark);
            if low > 0 {
                // A gap in the next-lower position is read as 零 (一万零五, 一亿零一万).
                if low < unit / 10 {
                    out.push(style.digits[0]);
                }
                write_number(low, style, false, out);
            }
            return;
        }
    }
    format_group(n, style, leading, out);
}

/// Writes one group below 万 (1..=9999).
fn format_group(group: u64, style: &Style, leading: bool, out: &mut String) {
    let digits = [group / 1000, group / 100 % 10, group / 10 % 10, group % 10];
    let mut zero = false;
    let mut started = false;
    for (i, &d) in digits.iter().enumerate() {
        if d == 0 {
            zero = started;
            continue;
        }
        if zero {
            out.push(style.digits[0]);
            zero = false;
        }
        let is_tens = i == 2;
        let skip_one = style.bare_ten && is_tens && d == 1 && !started && leading;
        if !skip_one {
            out.push(style.digits[d as usize]);
        }
        if i < 3 {
            out.push(style.units[2 - i]);
        }
        started = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_the_forms_laws_use() {
        let cases = [
            ("一千二百六十", 1260),
            ("十", 10),
            ("二十三", 23),
            ("零", 0),
            ("〇", 0),
            ("两", 2),
            ("两千", 2000),
            ("一百零五", 105),
            ("一千零十", 1010),
            ("一百一十", 110),
            ("一百十", 110),
            ("壹贰叁", 123),
            ("壹佰贰拾叁", 123),
            ("貳拾萬", 200_000),
            ("一万零一百", 10_100),
            ("一亿二千万", 120_000_000),
            ("十万", 100_000),
            ("３", 3),
            ("２４", 24),
            ("30万", 300_000),
            ("一八四○", 1840),
            ("廿三", 23),
        ];
        for (text, want) in cases {
            assert_eq!(parse(text), Some(want), "{text}");
        }
    }

    #[test]
    fn rejects_malformed_numerals() {
        for text in ["", "第一", "一二百", "百千", "十十", "abc", "一万万"] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn formats_article_numbers() {
        let cases = [
            (0, "零"),
            (1, "一"),
            (10, "十"),
            (12, "十二"),
            (20, "二十"),
            (101, "一百零一"),
            (110, "一百一十"),
            (1005, "一千零五"),
            (1260, "一千二百六十"),
            (10_010, "一万零一十"),
            (100_000, "十万"),
            (120_000_000, "一亿二千万"),
            (100_000_001, "一亿零一"),
        ];
        for (n, want) in cases {
            assert_eq!(format(n), want, "{n}");
        }
        assert_eq!(format_financial(10), "壹拾");
        assert_eq!(format_financial(20_500), "贰万零伍佰");
    }

    #[test]
    fn normalizes_full_width_digits() {
        assert_eq!(normalize_digits("３日内２４小时"), "3日内24小时");
    }

    proptest! {
        #[test]
        fn format_then_parse_round_trips(n in 0u64..10_000_000_000_000) {
            prop_assert_eq!(parse(&format(n)), Some(n));
            prop_assert_eq!(parse(&format_financial(n)), Some(n));
        }

        #[test]
        fn parse_never_panics(text in "[零一二两三四五六七八九十百千万亿〇0-9０-９壹拾佰廿x]{0,12}") {
            let _ = parse(&text);
        }
    }
}

//! Clean-up of report text before reading figures and sections: pinyin annotations left by
//! websites (`鄉(xiāng)`), full-width forms, traditional script, and website boilerplate lines
//! (breadcrumbs, share buttons, ICP numbers).
//!
//! Line structure is preserved: a boilerplate line is blanked, not removed, so that line numbers
//! in findings still point at the right line of a plain-text file.

use super::lang;

/// Text ready for review, with what was learnt while cleaning it.
#[derive(Debug, Clone)]
pub struct Cleaned {
    /// The cleaned text: simplified script, half-width digits and punctuation.
    pub text: String,
    /// The lines blanked as boilerplate, by line index (0-based), already cleaned; page metadata
    /// such as the publication date lives there.
    pub boilerplate: Vec<(usize, String)>,
    /// Whether the text was (mostly) in traditional script.
    pub traditional: bool,
    /// Number of pinyin annotations removed.
    pub pinyin_removed: usize,
}

/// Cleans raw report text.
pub fn clean(raw: &str) -> Cleaned {
    let (no_pinyin, pinyin_removed) = strip_pinyin(raw);
    let half = to_half_width(&no_pinyin);
    let traditional = lang::is_traditional(&half);
    let simplified = lang::to_simplified(&half);
    let mut text = String::with_capacity(simplified.len());
    let mut boilerplate = Vec::new();
    for (index, line) in simplified.split('\n').enumerate() {
        if index > 0 {
            text.push('\n');
        }
        let line = line.trim_end_matches('\r');
        if is_boilerplate(line) {
            boilerplate.push((index, line.trim().to_string()));
        } else {
            text.push_str(line);
        }
    }
    Cleaned {
        text,
        boilerplate,
        traditional,
        pinyin_removed,
    }
}

/// Counts CJK unified ideographs.
pub fn count_cjk(text: &str) -> usize {
    text.chars().filter(|&c| is_cjk(c)).count()
}

/// Whether `c` is a CJK unified ideograph (basic block or extension A).
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

fn is_tone_vowel(c: char) -> bool {
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ".contains(c)
}

/// Removes `(xiāng)`-style pinyin annotations: a parenthesised run of lower-case Latin letters
/// with at least one tone mark. Requiring a tone mark keeps `(a)` enumerations and `(APP)`.
fn strip_pinyin(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut removed = 0;
    let mut rest = text;
    while let Some(open) = rest.find(['(', '（']) {
        out.push_str(&rest[..open]);
        let after_open = &rest[open..];
        let open_len = after_open.chars().next().map_or(1, char::len_utf8);
        let inner_and_more = &after_open[open_len..];
        let inner_len: usize = inner_and_more
            .chars()
            .take(8)
            .take_while(|&c| c.is_ascii_lowercase() || is_tone_vowel(c))
            .map(char::len_utf8)
            .sum();
        let inner = &inner_and_more[..inner_len];
        let closes = inner_and_more[inner_len..].starts_with([')', '）']);
        if closes && !inner.is_empty() && inner.chars().any(is_tone_vowel) {
            removed += 1;
            rest = &inner_and_more[inner_len + 1..];
            if inner_and_more[inner_len..].starts_with('）') {
                rest = &inner_and_more[inner_len + '）'.len_utf8()..];
            }
        } else {
            out.push_str(&after_open[..open_len]);
            rest = inner_and_more;
        }
    }
    out.push_str(rest);
    (out, removed)
}

/// Maps full-width ASCII forms (０–９, ％, ，, （ …) and the ideographic space to ASCII, so the
/// figure reader sees one form of each digit and sign.
fn to_half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' | '\u{00A0}' => ' ',
            _ => c,
        })
        .collect()
}

/// Markers of website furniture. A line is boilerplate only when it is short and carries one of
/// them, so that a sentence of the report that mentions 网站 is never lost.
const BOILERPLATE: &[&str] = &[
    "您当前的位置",
    "当前位置",
    "首页 >",
    "首页>",
    "主办:",
    "承办:",
    "ICP备",
    "ICP证",
    "网站标识码",
    "版权所有",
    "分享到",
    "扫一扫",
    "字体:",
    "【字体",
    "打印本页",
    "关闭窗口",
    "搜本站",
    "信息来源",
    "发布时间",
    "发布日期",
    "来源:",
    "浏览次数",
    "阅读次数",
    "分辨率",
    "浏览器",
    "涉密文件严禁上网",
    "公网安备",
    "联系我们",
    "网站地图",
];

fn is_boilerplate(line: &str) -> bool {
    let trimmed = line.trim();
    if trimmed.is_empty() {
        return false;
    }
    let short = trimmed.chars().count() <= 80;
    if short && BOILERPLATE.iter().any(|m| trimmed.contains(m)) {
        return true;
    }
    // Navigation words alone on a line ("搜索", "list", "打印").
    matches!(
        trimmed,
        "搜索" | "list" | "打印" | "返回" | "分享" | "收藏" | "关闭"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_annotations_are_removed() {
        let (s, n) = strip_pinyin("鄉(xiāng)寧縣網(wǎng)站(APP)(a)");
        assert_eq!(s, "鄉寧縣網站(APP)(a)");
        assert_eq!(n, 2);
    }

    #[test]
    fn full_width_becomes_ascii() {
        assert_eq!(to_half_width("１２．５％（二）"), "12.5%(二)");
    }

    #[test]
    fn boilerplate_lines_are_blanked_not_removed() {
        let c = clean("首页 > 法治\n正文一行\n主办:某县人民政府 版权所有");
        assert_eq!(c.text, "\n正文一行\n");
        assert_eq!(c.boilerplate.len(), 2);
    }
}

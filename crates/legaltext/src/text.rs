//! Line-level helpers shared by the law and document parsers: cleaning lines and
//! recognising the numbering patterns of Chinese legal texts (第X条, 第X章, （一）, 一、, 1.).

use crate::numerals;

/// Characters that are invisible but break matching (the corpus has a U+200B line).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// Removes invisible characters and trims all Unicode white space (U+3000, U+2002 …).
pub fn clean_line(line: &str) -> String {
    let cleaned: String = line.chars().filter(|c| !is_invisible(*c)).collect();
    cleaned.trim().to_string()
}

/// Removes every white-space character; Chinese headings carry no meaningful spaces
/// (`总　　则`, `监  护`).
pub fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !is_invisible(*c))
        .collect()
}

/// Reads a numeral at the start of `text`; returns its value and the byte length read.
pub fn leading_numeral(text: &str) -> Option<(u64, usize)> {
    let end = text
        .char_indices()
        .find(|(_, c)| !numerals::is_numeral_char(*c))
        .map_or(text.len(), |(i, _)| i);
    if end == 0 {
        return None;
    }
    numerals::parse(&text[..end]).map(|n| (n, end))
}

/// A recognised `第X条(之Y)` article head: numbers and the rest of the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleHead<'a> {
    /// Main number.
    pub number: u32,
    /// 之Y suffix, 0 when absent.
    pub suffix: u32,
    /// Text after the head and its separator.
    pub rest: &'a str,
}

/// Recognises a line starting with `第X条`, `第X条之Y`, as an article's first line.
///
/// `strict` (laws) requires white space or the end of line after the head; otherwise a
/// `：` or a plain character that cannot continue a cross-reference also ends the head,
/// because drafters write `第一条为了…` or `第一条：`.
pub fn article_head(line: &str, strict: bool) -> Option<ArticleHead<'_>> {
    let after = line.strip_prefix('第')?;
    let (number, len) = leading_numeral(after)?;
    let after = after[len..].strip_prefix('条')?;
    let (suffix, after) = match after.strip_prefix('之') {
        Some(rest) => match leading_numeral(rest) {
            Some((s, l)) => (s, &rest[l..]),
            None => return None,
        },
        None => (0, after),
    };
    let next = after.chars().next();
    let rest = match next {
        None => after,
        Some(c) if c.is_whitespace() => after.trim_start(),
        Some('：' | ':' | '.' | '．') if !strict => &after[next.map_or(0, char::len_utf8)..],
        Some(c) if !strict && !"第规的所、至和及或中款项（(，,以".contains(c) => {
            after
        }
        _ => return None,
    };
    Some(ArticleHead {
        number: u32::try_from(number).ok()?,
        suffix: u32::try_from(suffix).ok()?,
        rest: rest.trim_start(),
    })
}

/// Recognises a heading `第X编|分编|章|节 标题` (after any `#` marks were removed).
pub fn division_head(line: &str) -> Option<(crate::model::DivisionKind, u32, String)> {
    use crate::model::DivisionKind;
    let after = line.strip_prefix('第')?;
    let (number, len) = leading_numeral(after)?;
    let after = &after[len..];
    let (kind, rest) = if let Some(r) = after.strip_prefix("分编") {
        (DivisionKind::SubBook, r)
    } else if let Some(r) = after.strip_prefix('编') {
        (DivisionKind::Book, r)
    } else if let Some(r) = after.strip_prefix('章') {
        (DivisionKind::Chapter, r)
    } else if let Some(r) = after.strip_prefix('节') {
        (DivisionKind::Section, r)
    } else {
        return None;
    };
    // A heading is short and has no sentence punctuation; this keeps "第二章规定的…"
    // in running text from becoming a heading.
    let title = squeeze(rest);
    if title.chars().count() > 30 || title.contains(['。', '，', '；', ',', ';']) {
        return None;
    }
    Some((kind, u32::try_from(number).ok()?, title))
}

/// Recognises an item head `（一）`/`(一)`/`（1）`; returns number and the rest.
pub fn item_head(line: &str) -> Option<(u32, &str)> {
    let after = line.strip_prefix('（').or_else(|| line.strip_prefix('('))?;
    let (number, len) = leading_numeral(after)?;
    let after = &after[len..];
    let rest = after
        .strip_prefix('）')
        .or_else(|| after.strip_prefix(')'))?;
    Some((u32::try_from(number).ok()?, rest.trim_start()))
}

/// Recognises an outline head `一、` (Chinese numeral then 、); returns number and rest.
pub fn outline_head(line: &str) -> Option<(u32, &str)> {
    let (number, len) = leading_numeral(line)?;
    // Arabic `1、` is a sub-item in the documents we see, not a top-level outline head.
    if line[..len]
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return None;
    }
    let rest = line[len..].strip_prefix('、')?;
    Some((u32::try_from(number).ok()?, rest.trim_start()))
}

/// Recognises a sub-item head `1.`, `1．`, `1、` (Arabic or full-width digits).
pub fn sub_item_head(line: &str) -> Option<(u32, &str)> {
    let end = line
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || ('０'..='９').contains(c)))
        .map_or(line.len(), |(i, _)| i);
    if end == 0 || end > 6 {
        return None;
    }
    let number = numerals::parse(&line[..end])?;
    let after = &line[end..];
    let rest = after
        .strip_prefix('.')
        .or_else(|| after.strip_prefix('．'))
        .or_else(|| after.strip_prefix('、'))?;
    // "1.5倍" is a number, not a sub-item.
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((u32::try_from(number).ok()?, rest.trim_start()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DivisionKind;

    #[test]
    fn cleans_invisible_and_wide_spaces() {
        assert_eq!(clean_line("\u{200B}　第一条 x\u{2002}"), "第一条 x");
        assert_eq!(squeeze("总　　则"), "总则");
    }

    #[test]
    fn recognises_article_heads() {
        let h = article_head("第一百二十条之一 内容", true).unwrap();
        assert_eq!((h.number, h.suffix, h.rest), (120, 1, "内容"));
        assert_eq!(article_head("第十条", true).unwrap().rest, "");
        assert!(article_head("第十条规定的", false).is_none());
        assert!(article_head("第十条为了", true).is_none());
        assert_eq!(article_head("第十条为了", false).unwrap().rest, "为了");
        assert_eq!(article_head("第十条：为了", false).unwrap().rest, "为了");
        assert!(article_head("第x条", false).is_none());
    }

    #[test]
    fn recognises_headings_and_items() {
        assert_eq!(
            division_head("第一章  基本规定"),
            Some((DivisionKind::Chapter, 1, "基本规定".into()))
        );
        assert_eq!(
            division_head("第二分编 x").unwrap().0,
            DivisionKind::SubBook
        );
        assert!(division_head("第二章规定的情形，依照").is_none());
        assert_eq!(item_head("(三)内容"), Some((3, "内容")));
        assert_eq!(item_head("（十二） 内容"), Some((12, "内容")));
        assert_eq!(outline_head("二、总体要求"), Some((2, "总体要求")));
        assert_eq!(outline_head("2、x"), None);
        assert_eq!(sub_item_head("3. 内容"), Some((3, "内容")));
        assert_eq!(sub_item_head("１．内容"), Some((1, "内容")));
        assert_eq!(sub_item_head("1.5倍"), None);
    }
}

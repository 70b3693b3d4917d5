//! Traditional → simplified script conversion and script detection.
//!
//! Normative documents from Hong Kong, Macao or Taiwan counterparts, or drafts typed on a
//! traditional-script input method, must be reviewed against the simplified corpus. The
//! tables are OpenCC's `TSCharacters.txt` and `TSPhrases.txt` (Apache-2.0 data, provenance
//! in `data/opencc/README.md`), embedded at compile time so the crate stays pure.
//!
//! Conversion is longest-phrase-first, then character by character with the first
//! candidate of the table: enough for legal prose, not a full OpenCC replacement.

use std::collections::HashMap;
use std::sync::OnceLock;

/// OpenCC's traditional → simplified character table (tab-separated, candidates by space).
const CHARACTERS: &str = include_str!("../data/opencc/TSCharacters.txt");
/// OpenCC's phrase table for words whose conversion differs from char-by-char.
const PHRASES: &str = include_str!("../data/opencc/TSPhrases.txt");

/// The parsed tables, built once on first use.
struct Tables {
    chars: HashMap<char, char>,
    /// Phrase → replacement, keyed by first character to keep lookups short.
    phrases: HashMap<char, Vec<(Vec<char>, String)>>,
    /// Characters that only occur as simplified forms (targets that are not sources).
    simplified_only: std::collections::HashSet<char>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut chars = HashMap::new();
        for line in CHARACTERS.lines() {
            let mut cols = line.split('\t');
            let (Some(from), Some(to)) = (cols.next(), cols.next()) else {
                continue;
            };
            let mut from_chars = from.chars();
            let (Some(f), None) = (from_chars.next(), from_chars.next()) else {
                continue;
            };
            // The first candidate is OpenCC's default; single characters only.
            let first = to.split(' ').next().unwrap_or("");
            let mut to_chars = first.chars();
            if let (Some(t), None) = (to_chars.next(), to_chars.next())
                && t != f
            {
                chars.insert(f, t);
            }
        }
        let mut phrases: HashMap<char, Vec<(Vec<char>, String)>> = HashMap::new();
        for line in PHRASES.lines() {
            let mut cols = line.split('\t');
            let (Some(from), Some(to)) = (cols.next(), cols.next()) else {
                continue;
            };
            let from: Vec<char> = from.chars().collect();
            let to = to.split(' ').next().unwrap_or("").to_string();
            if let Some(&first) = from.first() {
                phrases.entry(first).or_default().push((from, to));
            }
        }
        for list in phrases.values_mut() {
            // Longest first, so the first match is the longest.
            list.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
        }
        let sources: std::collections::HashSet<char> = chars.keys().copied().collect();
        let simplified_only = chars
            .values()
            .copied()
            .filter(|c| !sources.contains(c))
            .collect();
        Tables {
            chars,
            phrases,
            simplified_only,
        }
    })
}

/// Converts traditional characters to simplified ones; other text passes through unchanged.
///
/// ```
/// use legaltext::script::to_simplified;
/// assert_eq!(to_simplified("中華人民共和國行政處罰法"), "中华人民共和国行政处罚法");
/// assert_eq!(to_simplified("第十條"), "第十条");
/// ```
pub fn to_simplified(text: &str) -> String {
    let tables = tables();
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(candidates) = tables.phrases.get(&c)
            && let Some((from, to)) = candidates
                .iter()
                .find(|(from, _)| chars[i..].starts_with(from))
        {
            out.push_str(to);
            i += from.len();
            continue;
        }
        out.push(*tables.chars.get(&c).unwrap_or(&c));
        i += 1;
    }
    out
}

/// Counts of script-specific characters in a text, for deciding which script it is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScriptCounts {
    /// Characters that exist only in traditional script (they convert to something else).
    pub traditional: usize,
    /// Characters that exist only in simplified script.
    pub simplified: usize,
}

/// Counts traditional-only and simplified-only characters in `text`.
pub fn count_scripts(text: &str) -> ScriptCounts {
    let tables = tables();
    let mut counts = ScriptCounts::default();
    for c in text.chars() {
        if tables.chars.contains_key(&c) {
            counts.traditional += 1;
        } else if tables.simplified_only.contains(&c) {
            counts.simplified += 1;
        }
    }
    counts
}

/// Whether a text is mostly in traditional script: more traditional-only than
/// simplified-only characters, and at least two of them (one stray character in a
/// simplified draft, such as a quoted name, does not count).
///
/// ```
/// use legaltext::script::is_mostly_traditional;
/// assert!(is_mostly_traditional("對違反本規定的經營者，處以罰款"));
/// assert!(!is_mostly_traditional("对违反本规定的经营者，处以罚款"));
/// ```
pub fn is_mostly_traditional(text: &str) -> bool {
    let counts = count_scripts(text);
    counts.traditional >= 2 && counts.traditional > counts.simplified
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_legal_vocabulary() {
        assert_eq!(
            to_simplified("依照《中華人民共和國食品安全法》第一百二十四條的規定處罰"),
            "依照《中华人民共和国食品安全法》第一百二十四条的规定处罚"
        );
        assert_eq!(to_simplified("著作權"), "著作权");
        assert_eq!(to_simplified("abc １２ 。"), "abc １２ 。");
    }

    #[test]
    fn phrases_take_precedence_over_characters() {
        // 瞭 maps to 瞭 by character, but 一目瞭然 becomes 一目了然.
        assert_eq!(to_simplified("一目瞭然"), "一目了然");
    }

    #[test]
    fn detects_mixed_and_plain_texts() {
        assert!(!is_mostly_traditional(""));
        assert!(!is_mostly_traditional("hello 123"));
        assert!(!is_mostly_traditional("本规定自发布之日起施行，國"));
        let counts = count_scripts("規則规则");
        assert_eq!(counts.traditional, 2);
        assert_eq!(counts.simplified, 2);
    }

    #[test]
    fn simplified_text_is_unchanged() {
        let text = "第三条 县级以上人民政府应当加强领导。";
        assert_eq!(to_simplified(text), text);
    }
}

//! Sentence analysis shared by the creation rules: does a sentence create a power, or
//! restate one that an upper law grants?
//!
//! The test is the one a reviewer applies: a clause that sets a penalty, licence, coercive
//! measure, fee or restriction by itself creates it; a clause that says it applies an
//! upper law (依照《中华人民共和国食品安全法》第一百二十四条的规定处罚, 依法予以处罚,
//! 按照有关法律、法规的规定处理) restates it. Negated sentences (不得收取费用, 不予处罚)
//! are protections, not creations.

use super::{ClauseContext, Finding, RuleInfo};

/// How much authority a rule accepts as proof that a sentence restates an upper law.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accepts {
    /// A citation, or a generic reference to upper law; 依法 alone only when the sentence
    /// fixes no amount (an amount set by the document itself is a creation).
    CitationOrGenericWithoutAmount,
    /// A citation, or a generic reference including 依法.
    CitationOrGeneric,
}

/// Splits a clause into sentences (。；; and line breaks end a sentence).
pub fn sentences(text: &str) -> Vec<&str> {
    text.split(['。', '；', ';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Splits a sentence into comma segments, where negations apply.
pub fn segments(sentence: &str) -> Vec<&str> {
    sentence
        .split(['，', ',', '：', ':'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// The sentence with 《…》 titles blanked, so a certificate's name (《食品经营许可证》)
/// does not trigger a rule.
pub fn without_titles(sentence: &str) -> String {
    let mut out = String::with_capacity(sentence.len());
    let mut depth = 0usize;
    for c in sentence.chars() {
        match c {
            '《' => {
                depth += 1;
                out.push('《');
            }
            '》' => {
                depth = depth.saturating_sub(1);
                out.push('》');
            }
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

/// Generic references to upper law that make a sentence a restatement.
const GENERIC_AUTHORITY: &[&str] = &[
    "依照有关法律",
    "依照相关法律",
    "依据有关法律",
    "依据相关法律",
    "按照有关法律",
    "按照相关法律",
    "根据有关法律",
    "依照法律",
    "依据法律",
    "按照法律",
    "根据法律",
    "法律、法规另有规定",
    "法律法规另有规定",
    "法律、法规已有规定",
    "法律法规已有规定",
    "法律、行政法规",
    "依照国家有关规定",
    "按照国家有关规定",
    "依据国家有关规定",
    "依照有关规定",
    "按照有关规定",
    "依据有关规定",
    "依照相关规定",
    "按照相关规定",
    "按照国家规定",
    "依照国家规定",
    "国家规定的",
    "由有关法律",
    "法律法规规定",
    "法律、法规规定",
    "法律、法规、规章规定",
    "依法依规",
];

/// Whether the sentence refers to upper law in general terms (without 依法).
pub fn has_generic_authority(sentence: &str) -> bool {
    GENERIC_AUTHORITY.iter().any(|m| sentence.contains(m))
}

/// Whether the sentence says 依法 (according to law).
pub fn says_according_to_law(sentence: &str) -> bool {
    sentence.contains("依法") && !sentence.contains("依法行政")
}

/// Whether the sentence cites an external act (a law-like title in 《》 other than the
/// document itself). Its validity is checked by the citation rules.
pub fn cites_external_act(sentence: &str, ctx: &ClauseContext<'_>) -> bool {
    ctx.citations.iter().any(|c| {
        sentence.contains(&c.citation.title)
            && (ctx.document_title.is_empty() || !ctx.document_title.contains(&c.citation.title))
    })
}

/// Whether the sentence fixes an amount (X元, X倍) or a period.
pub fn fixes_amount(sentence: &str) -> bool {
    let chars: Vec<char> = sentence.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        (c == '元' || c == '倍')
            && i > 0
            && (crate::numerals::is_numeral_char(chars[i - 1]) || chars[i - 1] == '万')
    })
}

/// Whether any segment that contains one of `triggers` is negated by one of `negations`.
pub fn negated_in_segment(sentence: &str, triggers: &[&str], negations: &[&str]) -> bool {
    segments(sentence).iter().any(|seg| {
        triggers.iter().any(|t| seg.contains(t)) && negations.iter().any(|n| seg.contains(n))
    })
}

/// Whether the sentence restates upper law, in the sense `accepts`.
pub fn has_authority(sentence: &str, ctx: &ClauseContext<'_>, accepts: Accepts) -> bool {
    if cites_external_act(sentence, ctx) || has_generic_authority(sentence) {
        return true;
    }
    match accepts {
        Accepts::CitationOrGeneric => says_according_to_law(sentence),
        Accepts::CitationOrGenericWithoutAmount => {
            says_according_to_law(sentence) && !fixes_amount(sentence)
        }
    }
}

/// The shared engine of the creation rules: one finding per sentence for which
/// `trigger` returns a description of what is created and which has no authority.
pub fn creation_findings(
    info: &'static RuleInfo,
    ctx: &ClauseContext<'_>,
    accepts: Accepts,
    trigger: impl Fn(&str) -> Option<&'static str>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    // A clause that makes the whole document subordinate to upper law on this point
    // (法律、法规另有规定的，从其规定) applies to every sentence of the clause.
    for sentence in sentences(&ctx.clause.text) {
        let plain = without_titles(sentence);
        let Some(what) = trigger(&plain) else {
            continue;
        };
        if has_authority(sentence, ctx, accepts) {
            continue;
        }
        findings.push(Finding::at(
            info,
            ctx.clause,
            sentence,
            format!("本条款{what}，未援引法律、法规依据。{}", info.explanation),
        ));
    }
    findings
}

/// Whether `text` contains `a` followed by `b` within `gap` characters.
pub fn near(text: &str, a: &str, b: &str, gap: usize) -> bool {
    let mut start = 0;
    while let Some(i) = text[start..].find(a).map(|i| i + start) {
        let after = &text[i + a.len()..];
        let window: String = after.chars().take(gap + b.chars().count()).collect();
        if window.contains(b) {
            return true;
        }
        start = i + a.len();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_blanks() {
        assert_eq!(sentences("甲。乙；丙\n丁"), ["甲", "乙", "丙", "丁"]);
        assert_eq!(without_titles("持《食品经营许可证》经营"), "持《》经营");
        assert_eq!(segments("未经批准，不得从事"), ["未经批准", "不得从事"]);
    }

    #[test]
    fn recognises_amounts_and_nearness() {
        assert!(fixes_amount("处二千元以上一万元以下的罚款"));
        assert!(fixes_amount("处200元罚款"));
        assert!(fixes_amount("处货值金额五倍以上十倍以下罚款"));
        assert!(!fixes_amount("依法予以处罚"));
        assert!(near("应当取得食品经营许可证", "取得", "许可证", 6));
        assert!(!near(
            "取得了很多很多很多很多成绩和许可证",
            "取得",
            "许可证",
            4
        ));
    }

    #[test]
    fn generic_authority_and_according_to_law() {
        assert!(has_generic_authority("按照有关法律、法规的规定处理"));
        assert!(says_according_to_law("由有关部门依法予以处罚"));
        assert!(!says_according_to_law("坚持依法行政"));
    }
}

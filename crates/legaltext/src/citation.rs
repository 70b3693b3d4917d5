//! Citations: finding references to laws and regulations in a text and resolving them
//! against the corpus.
//!
//! A citation is a title in 《》 that names a law-like act, optionally followed by article
//! references (`第三条第二款第（一）项`, `第十条至第十二条`, `第五条、第八条`). References to
//! the document itself (本法, 本办法, 前款, 本条) are internal and never resolved externally.

use std::ops::Range;

use serde::Serialize;

use crate::corpus::Corpus;
use crate::model::ArticleNumber;
use crate::text::leading_numeral;

/// One article reference inside a citation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ArticleRef {
    /// The article.
    pub article: ArticleNumber,
    /// The 款, if given.
    pub paragraph: Option<u32>,
    /// The 项, if given.
    pub item: Option<u32>,
}

impl ArticleRef {
    /// Chinese label, e.g. `第三条第二款第（一）项`.
    pub fn label(&self) -> String {
        let mut s = self.article.label();
        if let Some(p) = self.paragraph {
            s.push_str(&format!("第{}款", crate::numerals::format(p.into())));
        }
        if let Some(i) = self.item {
            s.push_str(&format!("第（{}）项", crate::numerals::format(i.into())));
        }
        s
    }
}

/// A reference to a law or regulation found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// The title as written inside 《》.
    pub title: String,
    /// Articles referred to (ranges expanded).
    pub articles: Vec<ArticleRef>,
    /// Byte range in the text of the title and its article references.
    pub span: Range<usize>,
    /// The citation as written.
    pub text: String,
}

/// What a citation resolves to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Resolution {
    /// In the corpus and in force; every cited article exists.
    InForce {
        /// Official title.
        title: String,
        /// Corpus status (有效, or 已修改 when a newer version is known).
        corpus_status: String,
    },
    /// Recorded as repealed.
    Repealed {
        /// Title as recorded.
        title: String,
        /// What replaced it, may be empty.
        repealed_by: String,
        /// When, may be empty.
        repeal_effective: String,
    },
    /// In the corpus, but some cited articles (or 款/项) do not exist.
    UnknownArticle {
        /// Official title.
        title: String,
        /// Labels of the missing references.
        missing: Vec<String>,
        /// The law's highest article number.
        max_article: u32,
    },
    /// Not in the corpus: information, not an error.
    NotInCorpus,
}

/// Title endings of acts that can be cited as legal bases. Titles in 《》 that end
/// otherwise (《营业执照》, 《申请表》) are forms or certificates, not law.
const LAW_ENDINGS: &[&str] = &[
    "法", "法典", "条例", "规定", "办法", "细则", "规则", "决定", "解释", "意见", "通知", "宪法",
    "规程", "纲要",
];

/// Whether a title names an act that can be cited as a legal basis.
pub fn is_law_like(title: &str) -> bool {
    let t = title.trim_end_matches(['）', ')']);
    let t = match t.rfind(['（', '(']) {
        Some(i) if title.ends_with(['）', ')']) => &t[..i],
        _ => t,
    };
    LAW_ENDINGS.iter().any(|e| t.ends_with(e))
}

/// Finds the citations in `text`. Unbalanced 《 are skipped (the document parser reports
/// them); never panics.
pub fn extract(text: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(open) = text[pos..].find('《').map(|i| i + pos) {
        let title_start = open + '《'.len_utf8();
        let rest = &text[title_start..];
        // The closing mark must come before another opening one and within a title's length.
        let close = rest.find('》');
        let next_open = rest.find('《');
        let Some(close) = close.filter(|c| next_open.is_none_or(|n| n > *c) && *c <= 200) else {
            pos = title_start;
            continue;
        };
        let title = &rest[..close];
        let after_title = title_start + close + '》'.len_utf8();
        pos = after_title;
        if !is_law_like(title) {
            continue;
        }
        let (articles, end) = article_refs(text, after_title);
        out.push(Citation {
            title: title.to_string(),
            articles,
            span: open..end,
            text: text[open..end].to_string(),
        });
        pos = end.max(after_title);
    }
    out
}

/// Reads `第…条…` references starting at `start` (after optional version notes and 的);
/// returns them and the byte offset where they end.
fn article_refs(text: &str, start: usize) -> (Vec<ArticleRef>, usize) {
    let mut refs: Vec<ArticleRef> = Vec::new();
    let mut pos = start;
    // Skip a version note such as （2021年修订）.
    if let Some(rest) = text[pos..]
        .strip_prefix('（')
        .or(text[pos..].strip_prefix('('))
        && let Some(close) = rest.find(['）', ')'])
        && close <= 30
    {
        let skip = text.len() - rest.len() + close;
        pos = skip + text[skip..].chars().next().map_or(0, char::len_utf8);
    }
    let mut end = start;
    let mut range_from: Option<ArticleNumber> = None;
    while let Some((r, len)) = one_ref(&text[pos..]) {
        if let Some(from) = range_from.take() {
            // 第十条至第十二条: expand, bounded so a typo cannot blow up the list.
            let to = r.article.number;
            if to > from.number && to - from.number <= 200 {
                for n in from.number + 1..to {
                    refs.push(ArticleRef {
                        article: ArticleNumber::plain(n),
                        paragraph: None,
                        item: None,
                    });
                }
            }
        }
        refs.push(r);
        pos += len;
        end = pos;
        let rest = &text[pos..];
        let connectors = ["至", "到", "、", "和", "及", "以及", "或者", "或", "，"];
        let Some(conn) = connectors.iter().find(|c| rest.starts_with(**c)) else {
            break;
        };
        if !rest[conn.len()..].starts_with('第') {
            break;
        }
        if matches!(*conn, "至" | "到") {
            range_from = Some(r.article);
        }
        pos += conn.len();
    }
    (refs, end)
}

/// Reads one `第X条(之Y)(第X款)(第（X）项)`; returns it and its byte length.
fn one_ref(text: &str) -> Option<(ArticleRef, usize)> {
    let after = text.strip_prefix('第')?;
    let (number, len) = leading_numeral(after)?;
    let mut rest = after[len..].strip_prefix('条')?;
    let mut suffix = 0;
    if let Some(r) = rest.strip_prefix('之')
        && let Some((s, l)) = leading_numeral(r)
    {
        suffix = s;
        rest = &r[l..];
    }
    let mut paragraph = None;
    if let Some(r) = rest.strip_prefix('第')
        && let Some((p, l)) = leading_numeral(r)
        && let Some(r2) = r[l..].strip_prefix('款')
    {
        paragraph = Some(u32::try_from(p).ok()?);
        rest = r2;
    }
    let mut item = None;
    if let Some(r) = rest.strip_prefix('第') {
        let r = r.strip_prefix(['（', '(']).unwrap_or(r);
        if let Some((i, l)) = leading_numeral(r) {
            let r2 = r[l..].strip_prefix(['）', ')']).unwrap_or(&r[l..]);
            if let Some(r3) = r2.strip_prefix('项') {
                item = Some(u32::try_from(i).ok()?);
                rest = r3;
            }
        }
    }
    let r = ArticleRef {
        article: ArticleNumber {
            number: u32::try_from(number).ok()?,
            suffix: u32::try_from(suffix).ok()?,
        },
        paragraph,
        item,
    };
    Some((r, text.len() - rest.len()))
}

/// Resolves a citation against the corpus.
pub fn resolve(citation: &Citation, corpus: &Corpus) -> Resolution {
    if let Some(law) = corpus.find(&citation.title) {
        let mut missing = Vec::new();
        for r in &citation.articles {
            let ok = match law.article(r.article) {
                None => false,
                Some(article) => match r.paragraph {
                    None => r.item.is_none_or(|i| {
                        article
                            .paragraphs
                            .iter()
                            .any(|p| p.items.iter().any(|it| it.number == i))
                    }),
                    Some(p) => {
                        p > 0
                            && article.paragraphs.get(p as usize - 1).is_some_and(|para| {
                                r.item
                                    .is_none_or(|i| para.items.iter().any(|it| it.number == i))
                            })
                    }
                },
            };
            if !ok {
                missing.push(r.label());
            }
        }
        if missing.is_empty() {
            return Resolution::InForce {
                title: law.meta.title.clone(),
                corpus_status: law.meta.status.clone(),
            };
        }
        return Resolution::UnknownArticle {
            title: law.meta.title.clone(),
            missing,
            max_article: law.max_article(),
        };
    }
    if let Some(rep) = corpus.find_repealed(&citation.title) {
        return Resolution::Repealed {
            title: rep.title.clone(),
            repealed_by: rep.repealed_by.clone(),
            repeal_effective: rep.repeal_effective.clone(),
        };
    }
    Resolution::NotInCorpus
}

/// Whether the text refers to the document itself or a nearby provision (本法, 本办法,
/// 前款, 本条): such references are internal and are not checked against the corpus.
pub fn has_internal_reference(text: &str) -> bool {
    [
        "本法",
        "本条例",
        "本规定",
        "本办法",
        "本细则",
        "本规则",
        "本决定",
        "本意见",
        "本通知",
        "前款",
        "本条",
        "前条",
        "前两款",
        "前三款",
    ]
    .iter()
    .any(|m| text.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(text: &str) -> Vec<String> {
        extract(text)
            .iter()
            .flat_map(|c| c.articles.iter().map(|r| r.label()))
            .collect()
    }

    #[test]
    fn extracts_titles_and_article_references() {
        let c = extract("依照《中华人民共和国食品安全法》第一百二十四条的规定处罚");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].title, "中华人民共和国食品安全法");
        assert_eq!(c[0].text, "《中华人民共和国食品安全法》第一百二十四条");
        assert_eq!(
            refs("《行政处罚法》第三条第二款第（一）项"),
            ["第三条第二款第（一）项"]
        );
        assert_eq!(
            refs("《行政处罚法》第二十八条第一款第(一)项"),
            ["第二十八条第一款第（一）项"]
        );
        assert_eq!(
            refs("《某法》第十条至第十二条"),
            ["第十条", "第十一条", "第十二条"]
        );
        assert_eq!(
            refs("《某法》第五条、第八条和第九条之一"),
            ["第五条", "第八条", "第九条之一"]
        );
        assert_eq!(refs("《某法》（2021年修订）第五条"), ["第五条"]);
        assert!(refs("按照《某法》的有关规定处理").is_empty());
    }

    #[test]
    fn skips_non_law_titles_and_broken_marks() {
        assert!(extract("持《食品经营许可证》和《营业执照》").is_empty());
        assert_eq!(extract("《行政处罚法》《《").len(), 1);
        assert!(extract("依照《行政处罚法").is_empty());
        assert!(extract("》》《").is_empty());
    }

    #[test]
    fn resolves_against_the_corpus() {
        let corpus = Corpus::embedded();
        let one = |t: &str| resolve(&extract(t)[0], &corpus);
        assert!(matches!(
            one("《中华人民共和国行政处罚法》第十六条"),
            Resolution::InForce { .. }
        ));
        assert!(matches!(
            one("《行政处罚法》第九十五条"),
            Resolution::UnknownArticle { .. }
        ));
        assert!(matches!(
            one("《行政处罚法》第九条第二款"),
            Resolution::UnknownArticle { .. }
        ));
        assert!(matches!(
            one("《行政处罚法》第九条第（六）项"),
            Resolution::InForce { .. }
        ));
        assert!(matches!(
            one("《信访条例》第三条"),
            Resolution::Repealed { .. }
        ));
        assert!(matches!(
            one("《某市市容管理办法》"),
            Resolution::NotInCorpus
        ));
    }

    #[test]
    fn recognises_internal_references() {
        assert!(has_internal_reference("违反本办法第五条规定的"));
        assert!(has_internal_reference("前款规定的"));
        assert!(!has_internal_reference("依照《行政处罚法》"));
    }
}

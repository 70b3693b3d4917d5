//! Chinese text handling: one shared jieba segmenter with our law-name dictionary, the tantivy
//! tokenizer built on it, normalisation, and the splitting of a user's query into words.

use std::sync::LazyLock;

use jieba_rs::{Jieba, TokenizeMode};
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The name under which [`ChineseTokenizer`] is registered with every index.
pub(crate) const TOKENIZER_NAME: &str = "fazhi_jieba";

/// Law names and procedure terms that must stay one token (see `lexicon.txt`).
const LEXICON: &str = include_str!("lexicon.txt");

/// One segmenter for the process: building it loads a 5 MB dictionary (about 0.7 s in a debug
/// build), and tantivy clones tokenizers per segment and per snippet, so the tokenizer must hold
/// only a reference to it.
static JIEBA: LazyLock<Jieba> = LazyLock::new(|| {
    let mut jieba = Jieba::new();
    for word in lexicon() {
        // No frequency given: jieba suggests one high enough to keep the word whole.
        jieba.add_word(word, None, None);
    }
    jieba
});

/// The user-dictionary words, without comments and blank lines.
pub fn lexicon() -> impl Iterator<Item = &'static str> {
    LEXICON
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// Loads the segmenter now, so that the first search does not pay for it (call at start-up).
pub fn warm_up() {
    LazyLock::force(&JIEBA);
}

/// Folds full-width ASCII to half-width and upper case to lower case, so that `ＡＢＣ１２３`,
/// `abc123` and `ABC123` are one term. Chinese characters pass unchanged.
pub(crate) fn normalise(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => {
                char::from_u32(c as u32 - 0xFEE0).map_or(c, |c| c.to_ascii_lowercase())
            }
            '\u{3000}' => ' ',
            _ => c.to_ascii_lowercase(),
        })
        .collect()
}

/// A token worth indexing: it has at least one letter, digit or ideograph. Jieba emits
/// punctuation and spaces as tokens of their own; they must match nothing.
pub(crate) fn is_meaningful(word: &str) -> bool {
    word.chars().any(char::is_alphanumeric)
}

/// Words so common in Chinese prose that requiring them would only lose matches.
const STOP_WORDS: &[&str] = &[
    "的", "了", "和", "与", "及", "或", "在", "对", "等", "之", "是", "为", "有", "由", "将", "其",
    "以", "于", "并", "而",
];

/// The tantivy tokenizer: jieba in search mode (each long word also yields its dictionary
/// sub-words, so 食品安全法 is found by 食品安全 and by 安全), punctuation dropped, text folded by
/// [`normalise`]. Offsets point into the original text, which the snippets need.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct ChineseTokenizer;

impl Tokenizer for ChineseTokenizer {
    type TokenStream<'a> = ChineseTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ChineseTokenStream {
        let tokens = JIEBA
            .tokenize(text, TokenizeMode::Search, true)
            .into_iter()
            .filter(|t| is_meaningful(t.word))
            .enumerate()
            .map(|(position, t)| Token {
                offset_from: t.byte_start,
                offset_to: t.byte_end,
                position,
                text: normalise(t.word),
                position_length: 1,
            })
            .collect();
        ChineseTokenStream {
            tokens,
            next: 0,
            current: Token::default(),
        }
    }
}

/// The tokenizer of snippets: the index's tokens reduced to a chain in which both offsets only
/// grow. tantivy's fragment selection assumes that order: search mode's overlapping sub-words
/// (农贸 and 市场 before 农贸市场) let a fragment start after a later token's start, and its
/// highlight offset then went below zero (a panic in debug builds). Sorting by start, then end,
/// and dropping a sub-word that ends inside an earlier longer word keeps every highlight inside
/// its fragment; such a sub-word is covered by the longer word it lies in.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct SnippetTokenizer;

impl Tokenizer for SnippetTokenizer {
    type TokenStream<'a> = ChineseTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ChineseTokenStream {
        let mut inner = ChineseTokenizer;
        let mut tokens = std::mem::take(&mut inner.token_stream(text).tokens);
        tokens.sort_by_key(|t| (t.offset_from, t.offset_to));
        let mut last_to = 0;
        tokens.retain(|t| {
            let keep = t.offset_to >= last_to;
            if keep {
                last_to = t.offset_to;
            }
            keep
        });
        for (position, t) in tokens.iter_mut().enumerate() {
            t.position = position;
        }
        ChineseTokenStream {
            tokens,
            next: 0,
            current: Token::default(),
        }
    }
}

/// The tokens of one text, produced eagerly (jieba segments whole sentences anyway).
pub(crate) struct ChineseTokenStream {
    tokens: Vec<Token>,
    next: usize,
    current: Token,
}

impl TokenStream for ChineseTokenStream {
    fn advance(&mut self) -> bool {
        match self.tokens.get_mut(self.next) {
            Some(token) => {
                self.current = std::mem::take(token);
                self.next += 1;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

/// One word of a query and the dictionary sub-words it can also be matched by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QueryWord {
    /// The word as jieba cuts it from the query (normalised).
    pub word: String,
    /// Dictionary sub-words covering it ([`covering_parts`]); empty for short words and words
    /// they do not cover. A document with all of them matches the word even when it says the
    /// word differently.
    pub parts: Vec<String>,
}

/// Splits a query into words the way the index was built: jieba's default cut gives the words
/// the user meant; each long word also lists its sub-words, so 食品安全 matches a text that only
/// has 食品安全法, and 法治政府建设 matches 建设法治政府. Punctuation is dropped, and stop words
/// too unless the query has nothing else.
pub(crate) fn query_words(query: &str) -> Vec<QueryWord> {
    let cut = JIEBA.cut(query, true);
    let mut words: Vec<String> = Vec::new();
    for token in &cut {
        if !is_meaningful(token.word) {
            continue;
        }
        let word = normalise(token.word.trim());
        if !words.contains(&word) {
            words.push(word);
        }
    }
    if words.iter().any(|w| !STOP_WORDS.contains(&w.as_str())) {
        words.retain(|w| !STOP_WORDS.contains(&w.as_str()));
    }
    words
        .into_iter()
        .map(|word| {
            let parts = covering_parts(&word);
            QueryWord { word, parts }
        })
        .collect()
}

/// The dictionary sub-words (two or three characters, as jieba's search mode indexes them)
/// that together cover every character of `word`, fewest first; empty when they do not
/// cover it. A 4-character word inside a longer one (食品安全 in 食品安全法) is not indexed
/// itself, only its sub-words, so they are the way to find it; a word with a character no
/// sub-word covers must match whole, or a text with only some of it (行政复议 for
/// 行政复议法) would match.
fn covering_parts(word: &str) -> Vec<String> {
    let len = word.chars().count();
    if len <= 2 {
        return Vec::new();
    }
    let subs: Vec<_> = JIEBA
        .tokenize(word, TokenizeMode::Search, false)
        .into_iter()
        .filter(|t| t.word != word && (2..=3).contains(&(t.end - t.start)))
        .collect();
    let mut parts: Vec<String> = Vec::new();
    let mut at = 0;
    while at < len {
        // The sub-word over `at` reaching furthest: a greedy cover uses fewest parts.
        let Some(best) = subs
            .iter()
            .filter(|t| t.start <= at && at < t.end)
            .max_by_key(|t| t.end)
        else {
            return Vec::new();
        };
        let part = normalise(best.word);
        if !parts.contains(&part) {
            parts.push(part);
        }
        at = best.end;
    }
    parts
}

/// The exact-match key of a document number (文号): no spaces, full-width digits folded, and
/// every bracket pair people type for the year (〔〕［］[]【】（）()) made 〔〕, so
/// `青政规[2025]3号` finds `青政规〔2025〕3号`.
pub(crate) fn number_key(number: &str) -> String {
    normalise(number)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '[' | '【' | '(' | '（' | '［' | '〔' => '〔',
            ']' | '】' | ')' | '）' | '］' | '〕' => '〕',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        let mut tokenizer = ChineseTokenizer;
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn law_names_stay_one_token() {
        let t = tokens("依据《中华人民共和国行政复议法》第二十三条");
        assert!(t.contains(&"行政复议法".to_owned()), "{t:?}");
        // Search mode still indexes the sub-words.
        assert!(
            t.contains(&"行政".to_owned()) && t.contains(&"复议".to_owned()),
            "{t:?}"
        );
        assert!(!t.iter().any(|w| w == "《" || w == "》"), "{t:?}");
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "关于加强食品安全监管的通知";
        let mut tokenizer = ChineseTokenizer;
        let mut stream = tokenizer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            assert_eq!(normalise(&text[t.offset_from..t.offset_to]), t.text);
        }
    }

    #[test]
    fn query_words_drop_punctuation_and_stop_words() {
        let words = query_words("食品的安全，！");
        let w: Vec<_> = words.iter().map(|w| w.word.as_str()).collect();
        assert_eq!(w, ["食品", "安全"]);
        assert!(query_words("，。！？ 、").is_empty());
        // A query of stop words only keeps them.
        assert_eq!(query_words("的").len(), 1);
    }

    #[test]
    fn long_query_words_carry_their_parts() {
        let words = query_words("法治政府建设");
        let all: Vec<&str> = words
            .iter()
            .flat_map(|w| {
                std::iter::once(w.word.as_str()).chain(w.parts.iter().map(String::as_str))
            })
            .collect();
        assert!(
            all.contains(&"法治") && all.contains(&"政府") && all.contains(&"建设"),
            "{words:?}"
        );
    }

    #[test]
    fn parts_must_cover_the_whole_word() {
        let parts = |w: &str| covering_parts(w);
        assert_eq!(parts("食品安全"), ["食品", "安全"]);
        // Every character is covered, so 行政复议 alone never matches 行政复议法.
        let law = parts("行政复议法");
        assert!(
            law.is_empty() || law.iter().any(|p| p.contains('法')),
            "{law:?}"
        );
        assert!(parts("食品").is_empty());
    }

    #[test]
    fn number_key_folds_brackets_and_width() {
        assert_eq!(number_key("青政规[2025]3号"), "青政规〔2025〕3号");
        assert_eq!(number_key(" 青政规【２０２５】３号 "), "青政规〔2025〕3号");
        assert_eq!(number_key("青政规〔2025〕3号"), "青政规〔2025〕3号");
    }

    #[test]
    fn normalise_folds_full_width_and_case() {
        assert_eq!(normalise("ＡＢＣ１２３abc"), "abc123abc");
    }
}

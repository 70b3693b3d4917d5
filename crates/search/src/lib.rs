//! Chinese full-text search over normative documents (行政规范性文件), on tantivy with jieba.
//!
//! The store is the record; this index is a derived copy that the server feeds from the
//! outbox ([`DocumentIndex::upsert`], [`DocumentIndex::delete`], [`DocumentIndex::commit`]) and
//! can throw away and rebuild at any time ([`DocumentIndex::rebuild`]).
//!
//! Queries are built here, never by tantivy's `QueryParser`: it turns a multi-token Chinese
//! word into a phrase and misses 食品安全 in a text that says 食品安全法 (shared/docs/CRATES.md
//! §3). Every word of the query must occur (in the title, the body or the document number);
//! a title match weighs [`TITLE_BOOST`] times a body match; an exact document number (文号)
//! puts its document first. Ranking is tantivy's BM25.
//!
//! Tenancy: every query names its government, and the index never returns another's documents.

mod index;
mod text;

use std::fmt;
use std::ops::Range;

pub use index::{DocumentIndex, IndexOptions};
pub use text::{lexicon, warm_up};

/// How much more a word in the title weighs than the same word in the body.
pub const TITLE_BOOST: f32 = 3.0;

/// How much an exact document-number match weighs: enough to beat any text match.
pub const NUMBER_BOOST: f32 = 50.0;

/// The most hits one page may ask for.
pub const MAX_PAGE_SIZE: usize = 100;

/// The longest query accepted, in characters: a query is a few words, not a document, and each
/// word becomes clauses of the boolean query.
pub const MAX_QUERY_CHARS: usize = 100;

/// One normative document as the index sees it: what is searched, filtered and shown in a hit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedDocument {
    /// The government the document belongs to (tenancy).
    pub government_id: i64,
    /// The document's id in the store (unique within its government).
    pub id: i64,
    /// Title (标题).
    pub title: String,
    /// Document number (文号), e.g. 青政规〔2025〕3号; `None` before registration.
    pub document_number: Option<String>,
    /// The issuing body's id in the store.
    pub issuer_id: i64,
    /// The issuing body's name, shown in hits.
    pub issuer_name: String,
    /// The year filtered on: of the number once registered, of drafting before.
    pub year: i32,
    /// Stable status code (`domain::normative::Status::as_str`), e.g. `in_force`, `draft`.
    pub status: String,
    /// The full text.
    pub body: String,
    /// Whether the public may see it (the portal searches only these).
    pub published: bool,
}

/// Who is searching, which decides what may be found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The public portal: published documents only.
    Portal,
    /// Staff: everything of the government, drafts included.
    Staff,
}

/// A search request. Build one with [`Query::new`] and set the filters you need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// What the user typed.
    pub text: String,
    /// The government searched (required: tenancy).
    pub government_id: i64,
    /// Portal or staff.
    pub scope: Scope,
    /// Only these issuing bodies; empty for all.
    pub issuer_ids: Vec<i64>,
    /// Only these years, inclusive; `None` for all.
    pub years: Option<(i32, i32)>,
    /// Only these status codes; empty for all.
    pub statuses: Vec<String>,
    /// Hits to skip (paging).
    pub offset: usize,
    /// Hits to return, at most [`MAX_PAGE_SIZE`].
    pub limit: usize,
}

impl Query {
    /// A query for `text` in `government_id`'s documents, first page of 20, no filters.
    pub fn new(government_id: i64, scope: Scope, text: impl Into<String>) -> Query {
        Query {
            text: text.into(),
            government_id,
            scope,
            issuer_ids: Vec::new(),
            years: None,
            statuses: Vec::new(),
            offset: 0,
            limit: 20,
        }
    }
}

/// A text with the parts that matched the query marked, as byte ranges into `text`.
///
/// The text is plain (never HTML): render it with [`Highlighted::segments`], escaping each
/// segment and wrapping the marked ones, e.g. in `<mark>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Highlighted {
    /// The plain text (a title, or a fragment of the body).
    pub text: String,
    /// Sorted, non-overlapping byte ranges of `text` that matched, on char boundaries.
    pub marks: Vec<Range<usize>>,
}

impl Highlighted {
    /// The text cut into runs, each with whether it matched; the runs concatenate to `text`.
    pub fn segments(&self) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        let mut at = 0;
        for mark in &self.marks {
            if mark.start > at {
                out.push((&self.text[at..mark.start], false));
            }
            out.push((&self.text[mark.clone()], true));
            at = mark.end;
        }
        if at < self.text.len() {
            out.push((&self.text[at..], false));
        }
        out
    }

    /// The text with each match between `open` and `close`, e.g. `marked("【", "】")` for a
    /// terminal. Not for HTML: the text is not escaped.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + 8 * self.marks.len());
        for (run, hit) in self.segments() {
            if hit {
                out.push_str(open);
                out.push_str(run);
                out.push_str(close);
            } else {
                out.push_str(run);
            }
        }
        out
    }
}

/// One found document.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The government.
    pub government_id: i64,
    /// The document's store id.
    pub id: i64,
    /// BM25 score (higher is better); comparable only within one search.
    pub score: f32,
    /// The title with the matched words marked.
    pub title: Highlighted,
    /// Document number, if registered.
    pub document_number: Option<String>,
    /// Issuing body's id.
    pub issuer_id: i64,
    /// Issuing body's name.
    pub issuer_name: String,
    /// Year.
    pub year: i32,
    /// Status code.
    pub status: String,
    /// Whether published.
    pub published: bool,
    /// The best fragment of the body with the matched words marked (the opening of the body
    /// when only the title or number matched).
    pub snippet: Highlighted,
}

/// One page of results.
#[derive(Debug, Clone, PartialEq)]
pub struct Hits {
    /// How many documents match in all (for paging).
    pub total: usize,
    /// This page, best first.
    pub hits: Vec<Hit>,
}

/// Why a search or an index operation failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query has no word to search for (empty, spaces or punctuation only).
    #[error("请输入要检索的字词")]
    EmptyQuery,
    /// The query is longer than [`MAX_QUERY_CHARS`].
    #[error("检索词不能超过{MAX_QUERY_CHARS}个字")]
    QueryTooLong,
    /// A filter is out of range (a reversed year range, a page too large).
    #[error("检索条件无效：{0}")]
    InvalidFilter(&'static str),
    /// The index folder holds an index of another layout: rebuild it.
    #[error("检索索引的结构与程序版本不一致，需要重建索引")]
    SchemaMismatch,
    /// The index itself failed (I/O, corruption, a lock held by another process).
    #[error("检索索引出错：{0}")]
    Index(#[from] tantivy::TantivyError),
    /// The index folder could not be created.
    #[error("无法创建检索索引目录：{0}")]
    Io(#[from] std::io::Error),
}

impl SearchError {
    /// Stable code for the API's error body.
    pub fn code(&self) -> &'static str {
        match self {
            SearchError::EmptyQuery => "search.empty_query",
            SearchError::QueryTooLong => "search.query_too_long",
            SearchError::InvalidFilter(_) => "search.invalid_filter",
            SearchError::SchemaMismatch => "search.schema_mismatch",
            SearchError::Index(_) => "search.index",
            SearchError::Io(_) => "search.io",
        }
    }

    /// True for errors in the user's request (answer 400); false for the server's (500).
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            SearchError::EmptyQuery | SearchError::QueryTooLong | SearchError::InvalidFilter(_)
        )
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Scope::Portal => "portal",
            Scope::Staff => "staff",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_and_marked_cover_the_text() {
        let h = Highlighted {
            text: "加强食品安全监管".into(),
            marks: vec![Range { start: 6, end: 18 }],
        };
        assert_eq!(
            h.segments(),
            vec![("加强", false), ("食品安全", true), ("监管", false)]
        );
        assert_eq!(h.marked("<", ">"), "加强<食品安全>监管");
        let whole = Highlighted {
            text: "食品".into(),
            marks: vec![Range { start: 0, end: 6 }],
        };
        assert_eq!(whole.marked("[", "]"), "[食品]");
    }
}

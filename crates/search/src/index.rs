//! The index: schema, writing (upsert, delete, commit, rebuild) and searching.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Mutex;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, Query as TantivyQuery, TermQuery,
    TermSetQuery,
};
use tantivy::schema::{
    Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
    Value,
};
use tantivy::snippet::{SnippetGenerator, collapse_overlapped_ranges};
use tantivy::tokenizer::{TextAnalyzer, TokenStream, Tokenizer};
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::text::{self, ChineseTokenizer, SnippetTokenizer, TOKENIZER_NAME};
use crate::{
    Highlighted, Hit, Hits, IndexedDocument, MAX_PAGE_SIZE, MAX_QUERY_CHARS, NUMBER_BOOST, Query,
    Scope, SearchError, TITLE_BOOST,
};

/// Bytes of body text around the matches shown in a hit (tantivy counts bytes: about 80 Chinese
/// characters).
const SNIPPET_BYTES: usize = 240;

/// Characters of the body shown when only the title or the number matched.
const OPENING_CHARS: usize = 80;

/// The widest year range a filter may span; a larger one is a mistake, and each year is a term.
const MAX_YEAR_SPAN: i32 = 200;

/// How the writer runs. The defaults suit a server sharing two cores with its database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexOptions {
    /// Indexing threads (each needs at least 15 MB of the budget).
    pub threads: usize,
    /// Memory for buffered documents before they are flushed to a segment, in bytes, shared by
    /// the threads.
    pub memory_budget_bytes: usize,
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            threads: 1,
            memory_budget_bytes: 50_000_000,
        }
    }
}

/// The fields of the schema.
#[derive(Debug, Clone, Copy)]
struct Fields {
    /// `government_id:id`, the unique key used to replace and delete.
    key: Field,
    government_id: Field,
    id: Field,
    title: Field,
    body: Field,
    /// The number as written, for display.
    number: Field,
    /// The number's exact key ([`text::number_key`]).
    number_key: Field,
    /// The number segmented, so that 青政规 alone finds it.
    number_text: Field,
    issuer_id: Field,
    issuer_name: Field,
    year: Field,
    status: Field,
    published: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    // Frequencies but no positions: queries are bags of words, never phrases, and positions
    // would about double the postings.
    let chinese = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER_NAME)
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields = Fields {
        key: b.add_text_field("key", STRING),
        government_id: b.add_i64_field("government_id", INDEXED | STORED),
        id: b.add_i64_field("id", STORED),
        title: b.add_text_field("title", chinese.clone().set_stored()),
        body: b.add_text_field("body", chinese.clone().set_stored()),
        number: b.add_text_field("number", STORED),
        number_key: b.add_text_field("number_key", STRING),
        number_text: b.add_text_field("number_text", chinese),
        issuer_id: b.add_i64_field("issuer_id", INDEXED | STORED),
        issuer_name: b.add_text_field("issuer_name", STORED),
        year: b.add_i64_field("year", INDEXED | STORED),
        status: b.add_text_field("status", STRING | STORED),
        published: b.add_bool_field("published", INDEXED | STORED),
    };
    (b.build(), fields)
}

/// A Chinese full-text index of one deployment's normative documents (all governments).
///
/// Safe to share between threads: searches run in parallel, writes are serialised. Changes
/// become visible to searches at [`DocumentIndex::commit`].
pub struct DocumentIndex {
    index: Index,
    reader: IndexReader,
    writer: Mutex<IndexWriter<TantivyDocument>>,
    fields: Fields,
}

impl std::fmt::Debug for DocumentIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentIndex").finish_non_exhaustive()
    }
}

impl DocumentIndex {
    /// Opens the index in `dir`, creating the folder and an empty index when there is none.
    ///
    /// An index of another layout answers [`SearchError::SchemaMismatch`]: delete the folder
    /// and [`rebuild`](DocumentIndex::rebuild) from the store.
    pub fn open(dir: &Path) -> Result<DocumentIndex, SearchError> {
        Self::open_with(dir, IndexOptions::default())
    }

    /// Like [`DocumentIndex::open`], with writer options.
    pub fn open_with(dir: &Path, options: IndexOptions) -> Result<DocumentIndex, SearchError> {
        let (schema, fields) = schema();
        std::fs::create_dir_all(dir)?;
        let index = if dir.join("meta.json").exists() {
            let index = Index::open_in_dir(dir)?;
            if index.schema() != schema {
                return Err(SearchError::SchemaMismatch);
            }
            index
        } else {
            Index::create_in_dir(dir, schema)?
        };
        Self::wrap(index, fields, options)
    }

    /// An index in memory, for tests and benchmarks.
    pub fn in_memory() -> Result<DocumentIndex, SearchError> {
        Self::in_memory_with(IndexOptions::default())
    }

    /// Like [`DocumentIndex::in_memory`], with writer options.
    pub fn in_memory_with(options: IndexOptions) -> Result<DocumentIndex, SearchError> {
        let (schema, fields) = schema();
        Self::wrap(Index::create_in_ram(schema), fields, options)
    }

    fn wrap(
        index: Index,
        fields: Fields,
        options: IndexOptions,
    ) -> Result<DocumentIndex, SearchError> {
        // Tokenizers are not stored in the index folder: register ours on every open.
        index.tokenizers().register(
            TOKENIZER_NAME,
            TextAnalyzer::builder(ChineseTokenizer).build(),
        );
        // Manual reload: a search right after `commit` must see the commit (the outbox worker
        // and the tests rely on it), which the timer-based policy does not promise.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let writer =
            index.writer_with_num_threads(options.threads.max(1), options.memory_budget_bytes)?;
        Ok(DocumentIndex {
            index,
            reader,
            writer: Mutex::new(writer),
            fields,
        })
    }

    /// Adds the document, or replaces the one with the same government and id. Visible after
    /// [`DocumentIndex::commit`].
    pub fn upsert(&self, doc: &IndexedDocument) -> Result<(), SearchError> {
        let writer = self.writer();
        writer.delete_term(self.key_term(doc.government_id, doc.id));
        writer.add_document(self.to_tantivy(doc))?;
        Ok(())
    }

    /// Removes a document (absent ones are ignored). Visible after [`DocumentIndex::commit`].
    pub fn delete(&self, government_id: i64, id: i64) -> Result<(), SearchError> {
        self.writer().delete_term(self.key_term(government_id, id));
        Ok(())
    }

    /// Removes every document of a government (before re-indexing it from the store). Visible
    /// after [`DocumentIndex::commit`].
    pub fn delete_government(&self, government_id: i64) -> Result<(), SearchError> {
        self.writer().delete_term(Term::from_field_i64(
            self.fields.government_id,
            government_id,
        ));
        Ok(())
    }

    /// Makes the changes since the last commit durable and visible to searches.
    pub fn commit(&self) -> Result<(), SearchError> {
        self.writer().commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Throws the index's contents away and indexes `docs` instead, then commits: the way to
    /// recover from a lost or damaged index, or a change of tokenizer. Returns how many were
    /// indexed.
    pub fn rebuild<I>(&self, docs: I) -> Result<usize, SearchError>
    where
        I: IntoIterator<Item = IndexedDocument>,
    {
        let mut writer = self.writer();
        writer.delete_all_documents()?;
        let mut n = 0;
        for doc in docs {
            writer.delete_term(self.key_term(doc.government_id, doc.id));
            writer.add_document(self.to_tantivy(&doc))?;
            n += 1;
        }
        writer.commit()?;
        drop(writer);
        self.reader.reload()?;
        Ok(n)
    }

    /// Documents visible to searches (all governments).
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// True when no document is visible.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Runs a query: one page of hits, best first, and the total count.
    pub fn search(&self, query: &Query) -> Result<Hits, SearchError> {
        if query.limit == 0 || query.limit > MAX_PAGE_SIZE {
            return Err(SearchError::InvalidFilter("每页条数应在1至100之间"));
        }
        let (tantivy_query, terms) = self.build_query(query)?;
        let searcher = self.reader.searcher();
        let top = TopDocs::with_limit(query.limit)
            .and_offset(query.offset)
            .order_by_score();
        let (top, total) = searcher.search(&tantivy_query, &(top, Count))?;
        let body_snippets = self.snippet_generator(&searcher, &terms)?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            hits.push(self.hit(&searcher, address, score, &terms, &body_snippets)?);
        }
        Ok(Hits { total, hits })
    }

    /// The body's snippets, with the query's words weighted as tantivy's own generator weighs
    /// them, but cut by [`SnippetTokenizer`], whose token order tantivy's fragments can use.
    fn snippet_generator(
        &self,
        searcher: &tantivy::Searcher,
        terms: &BTreeSet<String>,
    ) -> Result<SnippetGenerator, SearchError> {
        let mut weighted = std::collections::BTreeMap::new();
        for word in terms {
            let n = searcher.doc_freq(&Term::from_field_text(self.fields.body, word))?;
            if n > 0 {
                weighted.insert(word.clone(), 1.0 / (1.0 + n as f32));
            }
        }
        Ok(SnippetGenerator::new(
            weighted,
            TextAnalyzer::builder(SnippetTokenizer).build(),
            self.fields.body,
            SNIPPET_BYTES,
        ))
    }

    fn hit(
        &self,
        searcher: &tantivy::Searcher,
        address: DocAddress,
        score: f32,
        terms: &BTreeSet<String>,
        body_snippets: &SnippetGenerator,
    ) -> Result<Hit, SearchError> {
        let f = &self.fields;
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        };
        let int = |field: Field| doc.get_first(field).and_then(|v| v.as_i64()).unwrap_or(0);
        let body = text(f.body);
        let snippet = body_snippets.snippet(&body);
        let snippet = if snippet.is_empty() {
            Highlighted {
                text: body.chars().take(OPENING_CHARS).collect(),
                marks: Vec::new(),
            }
        } else {
            Highlighted {
                text: snippet.fragment().to_owned(),
                marks: collapse_overlapped_ranges(snippet.highlighted()),
            }
        };
        let number = text(f.number);
        Ok(Hit {
            government_id: int(f.government_id),
            id: int(f.id),
            score,
            title: highlight_whole(&text(f.title), terms),
            document_number: (!number.is_empty()).then_some(number),
            issuer_id: int(f.issuer_id),
            issuer_name: text(f.issuer_name),
            year: i32::try_from(int(f.year)).unwrap_or_default(),
            status: text(f.status),
            published: doc
                .get_first(f.published)
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
            snippet,
        })
    }

    /// The tantivy query for a request, and the set of terms to highlight.
    fn build_query(&self, q: &Query) -> Result<(BooleanQuery, BTreeSet<String>), SearchError> {
        let f = &self.fields;
        if q.text.chars().count() > MAX_QUERY_CHARS {
            return Err(SearchError::QueryTooLong);
        }
        let words = text::query_words(&q.text);
        if words.is_empty() {
            return Err(SearchError::EmptyQuery);
        }
        let mut highlight = BTreeSet::new();
        let mut text_clauses: Vec<(Occur, Box<dyn TantivyQuery>)> = Vec::new();
        for word in &words {
            highlight.insert(word.word.clone());
            let whole = self.in_text_fields(&word.word);
            let clause: Box<dyn TantivyQuery> = if word.parts.is_empty() {
                whole
            } else {
                highlight.extend(word.parts.iter().cloned());
                let parts = word
                    .parts
                    .iter()
                    .map(|p| (Occur::Must, self.in_text_fields(p)))
                    .collect();
                Box::new(BooleanQuery::new(vec![
                    (Occur::Should, whole),
                    (Occur::Should, Box::new(BooleanQuery::new(parts))),
                ]))
            };
            text_clauses.push((Occur::Must, clause));
        }
        let mut matches: Vec<(Occur, Box<dyn TantivyQuery>)> =
            vec![(Occur::Should, Box::new(BooleanQuery::new(text_clauses)))];
        let key = text::number_key(&q.text);
        if !key.is_empty() {
            let exact = TermQuery::new(
                Term::from_field_text(f.number_key, &key),
                IndexRecordOption::Basic,
            );
            matches.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(exact), NUMBER_BOOST)),
            ));
        }

        let mut clauses: Vec<(Occur, Box<dyn TantivyQuery>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::new(matches)))];
        let mut filter = |terms: Vec<Term>| {
            clauses.push((
                Occur::Must,
                Box::new(ConstScoreQuery::new(
                    Box::new(TermSetQuery::new(terms)),
                    0.0,
                )),
            ));
        };
        filter(vec![Term::from_field_i64(f.government_id, q.government_id)]);
        if q.scope == Scope::Portal {
            filter(vec![Term::from_field_bool(f.published, true)]);
        }
        if !q.issuer_ids.is_empty() {
            filter(
                q.issuer_ids
                    .iter()
                    .map(|id| Term::from_field_i64(f.issuer_id, *id))
                    .collect(),
            );
        }
        if !q.statuses.is_empty() {
            filter(
                q.statuses
                    .iter()
                    .map(|s| Term::from_field_text(f.status, s))
                    .collect(),
            );
        }
        if let Some((from, to)) = q.years {
            if from > to {
                return Err(SearchError::InvalidFilter("起始年份晚于截止年份"));
            }
            if to - from > MAX_YEAR_SPAN {
                return Err(SearchError::InvalidFilter("年份范围过大"));
            }
            filter(
                (from..=to)
                    .map(|y| Term::from_field_i64(f.year, i64::from(y)))
                    .collect(),
            );
        }
        Ok((BooleanQuery::new(clauses), highlight))
    }

    /// A word in the title (weighted [`TITLE_BOOST`]), the body or the document number.
    fn in_text_fields(&self, word: &str) -> Box<dyn TantivyQuery> {
        let f = &self.fields;
        let term = |field: Field| {
            Box::new(TermQuery::new(
                Term::from_field_text(field, word),
                IndexRecordOption::WithFreqs,
            ))
        };
        Box::new(BooleanQuery::new(vec![
            (
                Occur::Should,
                Box::new(BoostQuery::new(term(f.title), TITLE_BOOST)),
            ),
            (Occur::Should, term(f.body)),
            (Occur::Should, term(f.number_text)),
        ]))
    }

    fn to_tantivy(&self, doc: &IndexedDocument) -> TantivyDocument {
        let f = &self.fields;
        let mut d = TantivyDocument::new();
        d.add_text(f.key, key(doc.government_id, doc.id));
        d.add_i64(f.government_id, doc.government_id);
        d.add_i64(f.id, doc.id);
        d.add_text(f.title, &doc.title);
        d.add_text(f.body, &doc.body);
        if let Some(number) = doc
            .document_number
            .as_deref()
            .filter(|n| !n.trim().is_empty())
        {
            d.add_text(f.number, number.trim());
            d.add_text(f.number_key, text::number_key(number));
            d.add_text(f.number_text, number);
        }
        d.add_i64(f.issuer_id, doc.issuer_id);
        d.add_text(f.issuer_name, &doc.issuer_name);
        d.add_i64(f.year, i64::from(doc.year));
        d.add_text(f.status, &doc.status);
        d.add_bool(f.published, doc.published);
        d
    }

    fn key_term(&self, government_id: i64, id: i64) -> Term {
        Term::from_field_text(self.fields.key, &key(government_id, id))
    }

    fn writer(&self) -> std::sync::MutexGuard<'_, IndexWriter<TantivyDocument>> {
        // A panic while holding the lock leaves tantivy's writer usable (its own state is
        // consistent between calls), so a poisoned lock is taken over, not propagated.
        self.writer.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The tantivy index, for diagnostics (segment counts, sizes).
    pub fn tantivy(&self) -> &Index {
        &self.index
    }
}

fn key(government_id: i64, id: i64) -> String {
    format!("{government_id}:{id}")
}

/// The whole of a short text (a title) with the tokens in `terms` marked.
fn highlight_whole(text: &str, terms: &BTreeSet<String>) -> Highlighted {
    let mut tokenizer = ChineseTokenizer;
    let mut stream = tokenizer.token_stream(text);
    let mut ranges = Vec::new();
    while stream.advance() {
        let t = stream.token();
        if terms.contains(&t.text) {
            ranges.push(t.offset_from..t.offset_to);
        }
    }
    Highlighted {
        text: text.to_owned(),
        marks: collapse_overlapped_ranges(&ranges),
    }
}

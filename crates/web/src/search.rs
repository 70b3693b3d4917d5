//! The full-text index of normative documents in the running service: a derived copy fed from
//! the outbox (`WriteTx::record` writes one outbox row per ledger entry, in the change's own
//! transaction), read past a stored cursor, and rebuildable from the documents table at will.
//!
//! [`SearchService::catch_up`] is the one feeder: the background task calls it every few
//! seconds, staff handlers right after their write (so the next page finds what was just saved),
//! and searches before they query. Catch-ups are serialised; each reads the outbox rows of record
//! type `normative_document` past the government's cursor, loads each document named, upserts
//! it (or deletes it, if the store no longer has it), commits, then moves the cursor. A crash
//! between the commit and the cursor only makes the next catch-up upsert the same documents
//! again.
//!
//! A document's status depends on the day (a published document comes into force and lapses on
//! dates), so once a day the published documents are re-indexed, and the ones past their last
//! valid day are recorded as expired (`Command::Expire`, by the system) through the usual path.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Arc, Mutex};

use calendar::NaiveDate;
use domain::normative::{Command, Policy, Stage};
use search::{DocumentIndex, IndexedDocument, SearchError};
use store::normative::DOCUMENT_RECORD_TYPE;
use store::{Actor, DocumentFilter, NormativeEnv, Store, StoreError, StoredDocument};

use crate::AppState;

/// How often the background task looks at the outbox.
pub const CATCH_UP_INTERVAL: std::time::Duration = std::time::Duration::from_secs(2);

/// Outbox rows read per batch.
const BATCH: i64 = 1_000;

/// Documents read per page of a rebuild.
const REBUILD_PAGE: i64 = 200;

/// The index and its feeder's state. Cheap to share (`Arc`).
pub struct SearchService {
    index: DocumentIndex,
    /// Serialises catch-ups and rebuilds (one writer of the cursor at a time).
    feeding: tokio::sync::Mutex<()>,
    /// The day the date-dependent statuses were last refreshed, and whether this process has
    /// checked that the index is not an empty folder behind an advanced cursor.
    state: Mutex<FeedState>,
}

#[derive(Debug, Default)]
struct FeedState {
    refreshed_on: Option<NaiveDate>,
    checked_empty: bool,
}

impl std::fmt::Debug for SearchService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchService")
            .field("documents", &self.index.len())
            .finish_non_exhaustive()
    }
}

/// Why feeding the index failed.
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    /// The store.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// The index.
    #[error("{0}")]
    Index(#[from] SearchError),
}

impl SearchService {
    /// An index in memory (tests; a server without a data folder rebuilds it at start).
    pub fn in_memory() -> Arc<SearchService> {
        Arc::new(Self::wrap(
            DocumentIndex::in_memory().expect("an in-memory index always opens"),
        ))
    }

    /// The index in `dir` (`<data>/search`). An index of another layout is derived data: the
    /// folder is emptied and the index rebuilt from the store at the first catch-up.
    pub fn open(dir: &Path) -> Result<Arc<SearchService>, SearchError> {
        let index = match DocumentIndex::open(dir) {
            Err(SearchError::SchemaMismatch) => {
                tracing::warn!(
                    "search index at {} has another layout: rebuilding it",
                    dir.display()
                );
                std::fs::remove_dir_all(dir)?;
                DocumentIndex::open(dir)?
            }
            other => other?,
        };
        Ok(Arc::new(Self::wrap(index)))
    }

    fn wrap(index: DocumentIndex) -> SearchService {
        SearchService {
            index,
            feeding: tokio::sync::Mutex::new(()),
            state: Mutex::new(FeedState::default()),
        }
    }

    /// The index, for searching.
    pub fn index(&self) -> &DocumentIndex {
        &self.index
    }

    fn feed_state(&self) -> std::sync::MutexGuard<'_, FeedState> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Brings the index up to date with every government's outbox. Returns how many documents
    /// were (re)indexed.
    pub async fn catch_up(&self, store: &Store, today: NaiveDate) -> Result<usize, FeedError> {
        let _feeding = self.feeding.lock().await;
        let governments = store.list_governments().await?;
        let first = !std::mem::replace(&mut self.feed_state().checked_empty, true);
        if first && self.index.is_empty() {
            // A new or lost index folder behind a cursor that has moved on: rebuild from the
            // documents themselves.
            let mut n = 0;
            for g in &governments {
                if store.count_normative_documents(g.id).await? > 0 {
                    n += self.rebuild_locked(store, g.id, today).await?;
                }
            }
            self.feed_state().refreshed_on = Some(today);
            return Ok(n);
        }
        let mut n = 0;
        for g in &governments {
            n += self.catch_up_government(store, g.id, today).await?;
        }
        let refresh = self.feed_state().refreshed_on != Some(today);
        if refresh {
            for g in &governments {
                n += self.refresh_published(store, g.id, today).await?;
            }
            self.feed_state().refreshed_on = Some(today);
        }
        Ok(n)
    }

    async fn catch_up_government(
        &self,
        store: &Store,
        government_id: i64,
        today: NaiveDate,
    ) -> Result<usize, FeedError> {
        let mut cursor = store.search_cursor(government_id).await?;
        let upto = store.max_outbox_id(government_id).await?;
        if upto <= cursor {
            return Ok(0);
        }
        let mut n = 0;
        let mut issuers = None;
        loop {
            let rows = store
                .outbox_rows(government_id, DOCUMENT_RECORD_TYPE, cursor, upto, BATCH)
                .await?;
            let ids: BTreeSet<i64> = rows.iter().filter_map(|(_, r)| r.parse().ok()).collect();
            if !ids.is_empty() {
                if issuers.is_none() {
                    issuers = Some(issuer_names(store, government_id).await?);
                }
                let names = issuers.as_ref().expect("loaded above");
                for id in ids {
                    match store.normative_document(government_id, id).await {
                        Ok(doc) => {
                            self.index
                                .upsert(&indexed(government_id, &doc, names, today))?;
                            n += 1;
                        }
                        Err(StoreError::NotFound) => self.index.delete(government_id, id)?,
                        Err(e) => return Err(e.into()),
                    }
                }
                self.index.commit()?;
            }
            let full = rows.len() as i64 == BATCH;
            // Rows of other record types up to `upto` are skipped with the last batch: ids are
            // committed in order within a government (the ledger sequence row is locked until
            // commit), so nothing below `upto` can still appear.
            cursor = match (full, rows.last()) {
                (true, Some((id, _))) => *id,
                _ => upto,
            };
            store
                .set_search_cursor(government_id, cursor, now_ms())
                .await?;
            if !full {
                break;
            }
        }
        Ok(n)
    }

    /// Re-indexes the published documents of a government, whose status moves with the date.
    async fn refresh_published(
        &self,
        store: &Store,
        government_id: i64,
        today: NaiveDate,
    ) -> Result<usize, FeedError> {
        let names = issuer_names(store, government_id).await?;
        let mut after = 0;
        let mut n = 0;
        loop {
            let page = store
                .normative_documents_after(government_id, after, REBUILD_PAGE)
                .await?;
            let Some(last) = page.last() else { break };
            after = last.document.id;
            for doc in page.iter().filter(|d| d.document.stage == Stage::Published) {
                self.index
                    .upsert(&indexed(government_id, doc, &names, today))?;
                n += 1;
            }
        }
        if n > 0 {
            self.index.commit()?;
        }
        Ok(n)
    }

    /// Throws away a government's documents in the index and indexes them again from the
    /// documents table; the cursor moves to the outbox's end as it was before reading.
    pub async fn rebuild(
        &self,
        store: &Store,
        government_id: i64,
        today: NaiveDate,
    ) -> Result<usize, FeedError> {
        let _feeding = self.feeding.lock().await;
        self.rebuild_locked(store, government_id, today).await
    }

    async fn rebuild_locked(
        &self,
        store: &Store,
        government_id: i64,
        today: NaiveDate,
    ) -> Result<usize, FeedError> {
        let upto = store.max_outbox_id(government_id).await?;
        let names = issuer_names(store, government_id).await?;
        self.index.delete_government(government_id)?;
        let mut after = 0;
        let mut n = 0;
        loop {
            let page = store
                .normative_documents_after(government_id, after, REBUILD_PAGE)
                .await?;
            let Some(last) = page.last() else { break };
            after = last.document.id;
            for doc in &page {
                self.index
                    .upsert(&indexed(government_id, doc, &names, today))?;
                n += 1;
            }
        }
        self.index.commit()?;
        store
            .set_search_cursor(government_id, upto, now_ms())
            .await?;
        Ok(n)
    }
}

fn now_ms() -> i64 {
    crate::time::now_ms()
}

async fn issuer_names(
    store: &Store,
    government_id: i64,
) -> Result<BTreeMap<i64, String>, StoreError> {
    Ok(store
        .normative_issuers(government_id)
        .await?
        .into_iter()
        .map(|i| (i.id, i.input.name))
        .collect())
}

/// A stored document as the index sees it, with its status on `today`.
pub fn indexed(
    government_id: i64,
    doc: &StoredDocument,
    issuers: &BTreeMap<i64, String>,
    today: NaiveDate,
) -> IndexedDocument {
    let d = &doc.document;
    IndexedDocument {
        government_id,
        id: d.id,
        title: d.title.clone(),
        document_number: d.number.as_ref().map(|n| n.to_string()),
        issuer_id: d.issuer_id,
        issuer_name: issuers.get(&d.issuer_id).cloned().unwrap_or_default(),
        year: d.year(),
        status: d.status_on(today).as_str().to_owned(),
        body: doc.body.clone().unwrap_or_default(),
        published: d.is_public(),
    }
}

/// Records as expired every published document of every government past its last valid day
/// (the date printed in the document; no decision is involved). Returns how many.
pub async fn expire_lapsed(state: &AppState) -> Result<usize, StoreError> {
    let today = crate::pages::deadlines::today(state);
    let calendar = state.calendar.get();
    let policy = Policy::defaults();
    let env = NormativeEnv {
        calendar: &calendar,
        today,
        policy: &policy,
    };
    let system = Actor::system("有效期届满");
    let mut n = 0;
    for g in state.store.list_governments().await? {
        let (lapsed, _) = state
            .store
            .list_normative_documents(
                g.id,
                &DocumentFilter {
                    stage: Some(Stage::Published.as_str().into()),
                    status: Some("expired".into()),
                    today: Some(today),
                    limit: 500,
                    ..Default::default()
                },
            )
            .await?;
        for doc in lapsed {
            let Some(p) = &doc.document.publication else {
                continue;
            };
            let on = p.valid_until.succ_opt().unwrap_or(today).min(today);
            let mut tx = state.store.begin_write(g.id, &system, state.now()).await?;
            match tx
                .apply_normative_command(
                    &env,
                    doc.document.id,
                    Some(doc.version),
                    Command::Expire { on },
                )
                .await
            {
                Ok(_) => {
                    tx.commit().await?;
                    n += 1;
                }
                // Someone changed it meanwhile: the next round looks again.
                Err(StoreError::Conflict(_) | StoreError::Refused(_)) => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(n)
}

/// Runs the feeder every [`CATCH_UP_INTERVAL`] (and the daily expiry) until the process ends.
pub fn spawn_feeder(state: AppState) {
    tokio::spawn(async move {
        let mut expired_on: Option<NaiveDate> = None;
        loop {
            let today = crate::pages::deadlines::today(&state);
            if expired_on != Some(today) {
                match expire_lapsed(&state).await {
                    Ok(n) => {
                        if n > 0 {
                            tracing::info!("recorded {n} normative documents as expired");
                        }
                        expired_on = Some(today);
                    }
                    Err(e) => tracing::warn!("normative expiry: {e}"),
                }
            }
            if let Err(e) = state.search.catch_up(&state.store, today).await {
                tracing::warn!("search index: {e}");
            }
            tokio::time::sleep(CATCH_UP_INTERVAL).await;
        }
    });
}

//! Shared application state: the store, templates, security policy and an injectable clock.

use std::sync::Arc;

use domain::account::SecurityPolicy;
use store::Store;

/// A source of "now" in unix milliseconds; tests inject a fixed or moving clock.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// Everything a handler needs. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// Login and session controls.
    pub policy: SecurityPolicy,
    /// Whether cookies carry `Secure` (set when served behind HTTPS).
    pub secure_cookies: bool,
    pub(crate) clock: Clock,
    /// The working-day calendar in force (official tables plus imports).
    pub calendar: crate::calendar::SharedCalendar,
    /// The folder of the logs' private signing keys.
    pub keys: crate::keys::KeyDir,
    /// The full-text index of normative documents (derived from the store).
    pub search: Arc<crate::search::SearchService>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("engine", &self.store.engine())
            .finish_non_exhaustive()
    }
}

impl AppState {
    /// State with the system clock and default policy; `keys` holds the logs' signing keys.
    pub fn new(store: Store, keys: crate::keys::KeyDir) -> AppState {
        AppState {
            store,
            policy: SecurityPolicy::default(),
            secure_cookies: false,
            clock: Arc::new(crate::time::now_ms),
            calendar: crate::calendar::SharedCalendar::default(),
            keys,
            search: crate::search::SearchService::in_memory(),
        }
    }

    /// Replaces the search index (the server's on-disk one under `<data>/search`).
    pub fn with_search(mut self, search: Arc<crate::search::SearchService>) -> AppState {
        self.search = search;
        self
    }

    /// Replaces the clock (tests).
    pub fn with_clock(mut self, clock: Clock) -> AppState {
        self.clock = clock;
        self
    }

    /// Loads the imported calendar tables from the store (call once at start).
    pub async fn load(self) -> Result<AppState, store::StoreError> {
        self.calendar.reload(&self.store).await?;
        Ok(self)
    }

    /// Now, in unix milliseconds.
    pub fn now(&self) -> i64 {
        (self.clock)()
    }
}

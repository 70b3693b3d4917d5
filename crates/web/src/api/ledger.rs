//! The public ledger API: tree heads, entries and proofs of every government's log. Anyone may
//! read it; hashes are lowercase hex and every response names its hash algorithm.

use axum::Json;
use axum::extract::{Path, Query, State};
use ledger::api::{
    ConsistencyProofResponse, EntriesResponse, EntryItem, InclusionProofResponse, TreeHeadsResponse,
};
use ledger::{Hash, SignedTreeHead};

use crate::ledger::{consistency_proof, inclusion_proof, log_of};
use crate::pages::org::parse_id;
use crate::{AppState, WebError};

type ApiResult<T> = Result<T, WebError>;

/// Most entries per `entries` request.
pub const MAX_ENTRIES_PER_REQUEST: u64 = 1000;

fn number(q: &std::collections::HashMap<String, String>, name: &str) -> ApiResult<u64> {
    q.get(name)
        .ok_or_else(|| WebError::BadRequest(format!("缺少参数 {name}")))?
        .parse::<u64>()
        .map_err(|_| WebError::BadRequest(format!("参数 {name} 应为非负整数")))
}

/// The log's metadata: id, government, algorithms and the public key that verifies its tree heads.
#[utoipa::path(get, path = "/api/v1/ledger/{government}", tag = "ledger", params(("government" = i64, Path)),
    responses((status = 200, description = "{log_id, government, hash_algorithm, signature_algorithm, public_key, created_at_ms}", body = Object),
              (status = "4XX", body = super::dto::ApiError)))]
pub async fn log(
    State(state): State<AppState>,
    Path(gov): Path<String>,
) -> ApiResult<Json<ledger::LogMetadata>> {
    Ok(Json(log_of(&state, parse_id(&gov)?).await?))
}

/// The newest signed tree head.
#[utoipa::path(get, path = "/api/v1/ledger/{government}/tree-head", tag = "ledger", params(("government" = i64, Path)),
    responses((status = 200, description = "签名树头 {version, log_id, tree_size, root_hash, timestamp_ms, hash_algorithm, signature_algorithm, signature}", body = Object),
              (status = "4XX", body = super::dto::ApiError)))]
pub async fn tree_head(
    State(state): State<AppState>,
    Path(gov): Path<String>,
) -> ApiResult<Json<SignedTreeHead>> {
    let gov = parse_id(&gov)?;
    log_of(&state, gov).await?;
    Ok(Json(
        state
            .store
            .latest_tree_head(gov)
            .await?
            .ok_or(WebError::NotFound)?,
    ))
}

/// Every signed tree head, oldest first.
#[utoipa::path(get, path = "/api/v1/ledger/{government}/tree-heads", tag = "ledger", params(("government" = i64, Path)),
    responses((status = 200, description = "{log_id, hash_algorithm, tree_heads}", body = Object), (status = "4XX", body = super::dto::ApiError)))]
pub async fn tree_heads(
    State(state): State<AppState>,
    Path(gov): Path<String>,
) -> ApiResult<Json<TreeHeadsResponse>> {
    let gov = parse_id(&gov)?;
    let meta = log_of(&state, gov).await?;
    let heads: Vec<SignedTreeHead> = state.store.tree_heads(gov).await?;
    Ok(Json(TreeHeadsResponse {
        log_id: meta.log_id,
        hash_algorithm: meta.hash_algorithm,
        tree_heads: heads,
    }))
}

/// Entries `[start, end)` (at most 1000), each with its canonical content and leaf hash.
#[utoipa::path(get, path = "/api/v1/ledger/{government}/entries", tag = "ledger",
    params(("government" = i64, Path), ("start" = u64, Query), ("end" = u64, Query)),
    responses((status = 200, description = "{log_id, hash_algorithm, start, end, entries}", body = Object), (status = "4XX", body = super::dto::ApiError)))]
pub async fn entries(
    State(state): State<AppState>,
    Path(gov): Path<String>,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> ApiResult<Json<EntriesResponse>> {
    let gov = parse_id(&gov)?;
    let meta = log_of(&state, gov).await?;
    let start = number(&q, "start")?;
    let end = number(&q, "end")?;
    if end < start || end - start > MAX_ENTRIES_PER_REQUEST {
        return Err(WebError::BadRequest(format!(
            "end 应不小于 start，且一次最多{MAX_ENTRIES_PER_REQUEST}条"
        )));
    }
    let stored = state.store.ledger_stored_entries(gov, start, end).await?;
    let mut items = Vec::with_capacity(stored.len());
    for s in stored {
        let leaf: Hash = match s.leaf_hash {
            Some(h) => h,
            None => s
                .entry
                .leaf_hash(meta.hash_algorithm)
                .map_err(|e| WebError::Internal(e.to_string()))?,
        };
        items.push(EntryItem {
            index: s.entry.idx,
            leaf_hash: leaf,
            entry: s.entry,
        });
    }
    let end = start + items.len() as u64;
    Ok(Json(EntriesResponse {
        log_id: meta.log_id,
        hash_algorithm: meta.hash_algorithm,
        start,
        end,
        entries: items,
    }))
}

/// Inclusion proof of entry `index` in the tree of `tree_size` entries.
#[utoipa::path(get, path = "/api/v1/ledger/{government}/proof/inclusion", tag = "ledger",
    params(("government" = i64, Path), ("index" = u64, Query), ("tree_size" = u64, Query)),
    responses((status = 200, description = "{log_id, hash_algorithm, leaf_index, tree_size, leaf_hash, inclusion_path}", body = Object), (status = "4XX", body = super::dto::ApiError)))]
pub async fn inclusion(
    State(state): State<AppState>,
    Path(gov): Path<String>,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> ApiResult<Json<InclusionProofResponse>> {
    let gov = parse_id(&gov)?;
    let meta = log_of(&state, gov).await?;
    let (index, size) = (number(&q, "index")?, number(&q, "tree_size")?);
    let available = state.store.ledger_size(gov).await? as u64;
    if size > available || index >= size {
        return Err(WebError::BadRequest(format!(
            "应满足 index < tree_size ≤ {available}"
        )));
    }
    Ok(Json(
        inclusion_proof(&state.store, gov, &meta, index, size).await?,
    ))
}

/// Consistency proof between the trees of `first` and `second` entries.
#[utoipa::path(get, path = "/api/v1/ledger/{government}/proof/consistency", tag = "ledger",
    params(("government" = i64, Path), ("first" = u64, Query), ("second" = u64, Query)),
    responses((status = 200, description = "{log_id, hash_algorithm, first, second, consistency_path}", body = Object), (status = "4XX", body = super::dto::ApiError)))]
pub async fn consistency(
    State(state): State<AppState>,
    Path(gov): Path<String>,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> ApiResult<Json<ConsistencyProofResponse>> {
    let gov = parse_id(&gov)?;
    let meta = log_of(&state, gov).await?;
    let (first, second) = (number(&q, "first")?, number(&q, "second")?);
    let available = state.store.ledger_size(gov).await? as u64;
    if second > available || first == 0 || first > second {
        return Err(WebError::BadRequest(format!(
            "应满足 0 < first ≤ second ≤ {available}"
        )));
    }
    Ok(Json(
        consistency_proof(&state.store, gov, &meta, first, second).await?,
    ))
}

//! The log in the running service: signing tree heads when a log has grown, proofs for the API
//! and the 核验 page, and the full verification behind `fazhi ledger verify`.

use std::collections::{BTreeMap, HashMap};

use ledger::api::{ConsistencyProofResponse, InclusionProofResponse};
use ledger::merkle::{self, Appender};
use ledger::{LogMetadata, SignedTreeHead, sign_tree_head};
use store::Store;

use crate::keys::KeyDir;
use crate::{AppState, WebError};

/// How often the service checks whether a log has grown and signs a new tree head.
pub const SIGN_INTERVAL: std::time::Duration = std::time::Duration::from_secs(3);

/// Signs a tree head for every log that has grown since its last head. Returns how many were
/// signed. A log that cannot be signed (an entry changed before integration, a missing key)
/// does not hold up the others: they are signed, and the error names every log that failed.
pub async fn sign_pending(store: &Store, keys: &KeyDir, now_ms: i64) -> Result<usize, String> {
    let mut signed = 0;
    let mut failures = Vec::new();
    for (gov, meta) in store.ledger_logs().await.map_err(|e| e.to_string())? {
        match sign_one(store, keys, gov, &meta, now_ms).await {
            Ok(true) => signed += 1,
            Ok(false) => {}
            Err(e) => failures.push(format!("政府{gov}：{e}")),
        }
    }
    if failures.is_empty() {
        Ok(signed)
    } else {
        Err(failures.join("；"))
    }
}

/// Integrates a log's new entries into its stored tree and signs a head over them, if it grew.
async fn sign_one(
    store: &Store,
    keys: &KeyDir,
    gov: i64,
    meta: &LogMetadata,
    now_ms: i64,
) -> Result<bool, String> {
    // The tree's interior nodes are integrated here, in batches, off the write path.
    let size = store
        .integrate_ledger(gov)
        .await
        .map_err(|e| e.to_string())?;
    let last = store
        .latest_tree_head(gov)
        .await
        .map_err(|e| e.to_string())?
        .map(|h| h.tree_size)
        .unwrap_or(0);
    if size == 0 || size <= last {
        return Ok(false);
    }
    let root = store
        .ledger_root(gov, meta.hash_algorithm, size)
        .await
        .map_err(|e| e.to_string())?;
    let key = keys.signing_key(meta)?;
    let head = sign_tree_head(meta, &key, size, root, now_ms.max(0) as u64)
        .map_err(|e| format!("签名失败：{e}"))?;
    store
        .insert_tree_head(gov, &head)
        .await
        .map_err(|e| e.to_string())
}

/// Runs [`sign_pending`] every [`SIGN_INTERVAL`] until the process ends.
pub fn spawn_signer(state: AppState) {
    tokio::spawn(async move {
        loop {
            if let Err(e) = sign_pending(&state.store, &state.keys, state.now()).await {
                tracing::warn!("tree head signing: {e}");
            }
            tokio::time::sleep(SIGN_INTERVAL).await;
        }
    });
}

/// The log of a government, or "not found".
pub async fn log_of(state: &AppState, government_id: i64) -> Result<LogMetadata, WebError> {
    state
        .store
        .ledger_log(government_id)
        .await?
        .ok_or(WebError::NotFound)
}

/// An inclusion proof from O(log n) stored nodes.
pub async fn inclusion_proof(
    store: &Store,
    gov: i64,
    meta: &LogMetadata,
    index: u64,
    size: u64,
) -> Result<InclusionProofResponse, WebError> {
    let mut ids = merkle::inclusion_proof_nodes(index, size)
        .map_err(|e| WebError::BadRequest(format!("证明参数无效：{e}")))?;
    ids.push(merkle::NodeId { level: 0, index });
    store.ensure_ledger_integrated(gov, size).await?;
    let nodes = store.ledger_nodes(gov, &ids).await?;
    InclusionProofResponse::build(meta, &nodes, index, size)
        .map_err(|e| WebError::BadRequest(format!("证明参数无效：{e}")))
}

/// A consistency proof from O(log n) stored nodes.
pub async fn consistency_proof(
    store: &Store,
    gov: i64,
    meta: &LogMetadata,
    first: u64,
    second: u64,
) -> Result<ConsistencyProofResponse, WebError> {
    let ids = merkle::consistency_proof_nodes(first, second)
        .map_err(|e| WebError::BadRequest(format!("证明参数无效：{e}")))?;
    store.ensure_ledger_integrated(gov, second).await?;
    let nodes = store.ledger_nodes(gov, &ids).await?;
    ConsistencyProofResponse::build(meta, &nodes, first, second)
        .map_err(|e| WebError::BadRequest(format!("证明参数无效：{e}")))
}

/// What a full verification found.
#[derive(Debug, Clone)]
pub struct VerifyOutcome {
    /// Entries checked.
    pub entries: u64,
    /// Tree heads whose signature and root were checked.
    pub tree_heads: usize,
    /// Records whose current state was compared with their last ledger entry.
    pub records_checked: usize,
}

/// Verifies a government's log completely: every stored entry re-encoded and re-hashed, the tree
/// rebuilt and compared with every stored node, every tree head's signature, root and the
/// consistency of successive heads, and the current state of every record against its last entry.
/// The error names the first bad entry and what differs, in Chinese.
pub async fn verify_government(store: &Store, gov: i64) -> Result<VerifyOutcome, String> {
    let meta = store
        .ledger_log(gov)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("政府{gov}没有防篡改日志"))?;
    let heads: Vec<SignedTreeHead> = store.tree_heads(gov).await.map_err(|e| e.to_string())?;
    let n_heads = heads.len();
    let size = store.ledger_size(gov).await.map_err(|e| e.to_string())? as u64;
    // The stored tree covers the first `tree_size` entries; later ones are checked as entries
    // and wait for the next integration to get their nodes.
    let tree_size = store
        .ledger_tree_size(gov)
        .await
        .map_err(|e| e.to_string())?;
    if tree_size > size {
        return Err(format!(
            "树节点覆盖{tree_size}条，而日志只有{size}条：末尾的条目被删除"
        ));
    }
    let stored_nodes = store
        .all_ledger_nodes(gov)
        .await
        .map_err(|e| e.to_string())?;
    let mut verifier =
        ledger::LogVerifier::new(&meta, heads).map_err(|e| format!("树头校验失败：{e}"))?;
    let mut appender = Appender::new(meta.hash_algorithm);
    // The last entry of each record (and aspect, see `comparable`): its position and content.
    let mut latest: BTreeMap<(String, String, &'static str), (u64, serde_json::Value)> =
        BTreeMap::new();
    // Evidence attached to records: (entry, its content naming the file's hash).
    let mut attachments: Vec<(u64, serde_json::Value)> = Vec::new();
    let mut n_nodes = 0usize;
    const BATCH: u64 = 10_000;
    let mut start = 0;
    while start < size {
        let batch = store
            .ledger_stored_entries(gov, start, (start + BATCH).min(size))
            .await
            .map_err(|e| format!("读取日志条目失败：{e}"))?;
        for (offset, stored) in batch.iter().enumerate() {
            let expected_idx = start + offset as u64;
            if stored.entry.idx != expected_idx {
                return Err(format!(
                    "第{expected_idx}条日志缺失或顺序被改动（该位置存放的是第{}条）",
                    stored.entry.idx
                ));
            }
            let canonical = stored
                .entry
                .canonical_bytes()
                .map_err(|e| format!("第{expected_idx}条无法规范化：{e}"))?;
            if canonical != stored.canonical.as_bytes() {
                return Err(format!(
                    "第{expected_idx}条日志的存储内容不是规范编码，已被改动"
                ));
            }
            verifier
                .push_entry(&stored.entry, stored.leaf_hash.as_ref())
                .map_err(|e| format!("第{expected_idx}条日志校验失败：{e}"))?;
            let integrated = expected_idx < tree_size;
            for node in appender.append_entry(&canonical) {
                if !integrated {
                    if stored_nodes.contains_key(&node.id()) {
                        return Err(format!(
                            "第{expected_idx}条日志尚未并入树，却已有树节点（层{}，位置{}）",
                            node.level, node.index
                        ));
                    }
                    continue;
                }
                n_nodes += 1;
                match stored_nodes.get(&node.id()) {
                    Some(h) if *h == node.hash => {}
                    Some(_) => {
                        return Err(format!(
                            "第{expected_idx}条日志对应的树节点（层{}，位置{}）与重算结果不符",
                            node.level, node.index
                        ));
                    }
                    None => {
                        return Err(format!(
                            "第{expected_idx}条日志对应的树节点（层{}，位置{}）缺失",
                            node.level, node.index
                        ));
                    }
                }
            }
            let ledger::Content::Inline(v) = &stored.entry.content else {
                continue;
            };
            if stored.entry.event == store::evidence::ATTACH_EVENT {
                attachments.push((expected_idx, v.clone()));
                continue;
            }
            for (aspect, value) in comparable(&stored.entry.record_type, &stored.entry.event, v) {
                latest.insert(
                    (
                        stored.entry.record_type.clone(),
                        stored.entry.record_id.clone(),
                        aspect,
                    ),
                    (expected_idx, value),
                );
            }
        }
        if batch.len() as u64 != (start + BATCH).min(size) - start {
            return Err(format!(
                "日志条目数少于序号：应有{size}条，第{}条之后缺失",
                start + batch.len() as u64
            ));
        }
        start += BATCH;
    }
    if n_nodes != stored_nodes.len() {
        return Err(format!(
            "存储的树节点数（{}）与重算结果（{n_nodes}）不符",
            stored_nodes.len()
        ));
    }
    verifier.finish().map_err(|e| format!("校验失败：{e}"))?;
    // The records as they are now must be what their last entry says.
    let mut records_checked = 0;
    let departments = store
        .list_departments(gov)
        .await
        .map_err(|e| e.to_string())?;
    let users = store.list_users(gov).await.map_err(|e| e.to_string())?;
    let cases = store
        .all_penalty_cases(gov)
        .await
        .map_err(|e| e.to_string())?;
    let disclosures = store
        .all_disclosures(gov)
        .await
        .map_err(|e| e.to_string())?;
    // Supervision records (case-file reviews, rectifications, inspections, letters): each entry
    // holds the record's whole state after the step.
    let supervision = store
        .supervision_records(gov)
        .await
        .map_err(|e| e.to_string())?;
    // Evidence files are stored by content hash: each attached file must still be there and
    // still hash to what its entry says.
    for (idx, content) in &attachments {
        let hash = content["content_hash"].as_str().unwrap_or_default();
        match store.evidence_file(gov, hash).await {
            Ok(file) => {
                if meta.hash_algorithm.content_hash(&file.content).to_hex() != hash {
                    return Err(format!("第{idx}条日志登记的证据文件（{hash}）内容已被改动"));
                }
            }
            Err(store::StoreError::NotFound) => {
                return Err(format!(
                    "第{idx}条日志登记的证据文件（{hash}）已从数据库中删除"
                ));
            }
            Err(e) => return Err(e.to_string()),
        }
        records_checked += 1;
    }
    let by_id = |id: &str| id.parse::<i64>().unwrap_or(-1);
    let powers: HashMap<i64, store::StoredPower> = store
        .all_powers(gov)
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut bands: HashMap<i64, Vec<domain::enforcement::power::Band>> = HashMap::new();
    for (power_id, band) in store
        .all_discretion_bands(gov)
        .await
        .map_err(|e| e.to_string())?
    {
        bands.entry(power_id).or_default().push(band);
    }
    let officers: HashMap<i64, store::OfficerRecord> = store
        .all_officers(gov)
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|o| (o.officer.id, o))
        .collect();
    let summaries: HashMap<i64, store::summary::SummaryRecord> = store
        .summary_decisions(gov, None, 0, i64::MAX)
        .await
        .map_err(|e| e.to_string())?
        .0
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let issuers: HashMap<i64, store::Issuer> = store
        .normative_issuers(gov)
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let mut documents: HashMap<i64, store::StoredDocument> = HashMap::new();
    loop {
        let after = documents.keys().max().copied().unwrap_or(0);
        let page = store
            .normative_documents_after(gov, after, 1000)
            .await
            .map_err(|e| e.to_string())?;
        if page.is_empty() {
            break;
        }
        documents.extend(page.into_iter().map(|d| (d.document.id, d)));
    }
    let catalogue: HashMap<i64, store::CatalogueItem> = store
        .review_catalogue(gov, None)
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|i| (i.id, i))
        .collect();
    let government = store.government(gov).await.map_err(|e| e.to_string())?;
    let alg = meta.hash_algorithm;
    for ((record_type, record_id, aspect), (idx, content)) in &latest {
        let current = match (record_type.as_str(), *aspect) {
            ("power", "discretion") => powers.get(&by_id(record_id)).map(|p| {
                store::powers::discretion_ledger_value(bands.get(&p.id).map_or(&[], |b| b))
            }),
            ("power", _) => powers.get(&by_id(record_id)).map(|p| p.ledger_content()),
            ("review_catalogue_item", _) => {
                catalogue.get(&by_id(record_id)).map(|i| i.ledger_content())
            }
            ("government", _) => {
                (by_id(record_id) == government.id).then(|| government.ledger_content())
            }
            (store::penalty::FILING_RECORD_TYPE, _) => store
                .major_filing(gov, by_id(record_id))
                .await
                .map_err(|e| e.to_string())?
                .map(|f| f.ledger_content()),
            (store::OFFICER_RECORD_TYPE, _) => {
                officers.get(&by_id(record_id)).map(|o| o.ledger_content())
            }
            (store::summary::SUMMARY_RECORD_TYPE, _) => {
                summaries.get(&by_id(record_id)).map(|r| r.ledger_content())
            }
            (store::normative::ISSUER_RECORD_TYPE, _) => {
                issuers.get(&by_id(record_id)).map(|i| i.ledger_content())
            }
            // A document's entries carry the hash of its snapshot after the step, and a text
            // revision the hash of the new text.
            (store::normative::DOCUMENT_RECORD_TYPE, "text") => {
                documents.get(&by_id(record_id)).map(|d| {
                    serde_json::Value::String(
                        alg.digest(&[d.body.as_deref().unwrap_or_default().as_bytes()])
                            .to_hex(),
                    )
                })
            }
            (store::normative::DOCUMENT_RECORD_TYPE, _) => match documents.get(&by_id(record_id)) {
                Some(d) => Some(serde_json::Value::String(
                    store::normative::state_hash(alg, &d.document).map_err(|e| e.to_string())?,
                )),
                None => None,
            },
            _ => match record_type.as_str() {
                // A case's entry carries the hash of the case as it was after the step; the case
                // now must hash to the same value, and its content is the rest of the entry.
                "penalty_case" => {
                    match cases.iter().find(|c| c.case.id.to_string() == *record_id) {
                        Some(c) => {
                            let hash = store::penalty::state_hash(meta.hash_algorithm, &c.case)
                                .map_err(|e| e.to_string())?;
                            let mut expected = content.clone();
                            expected["state"] = serde_json::Value::String(hash);
                            Some(expected)
                        }
                        None => None,
                    }
                }
                "disclosure" => disclosures
                    .iter()
                    .find(|d| d.id.to_string() == *record_id)
                    .map(|d| d.ledger_content()),
                "department" => departments
                    .iter()
                    .find(|d| d.id.to_string() == *record_id)
                    .map(|d| d.ledger_content()),
                "user" => users
                    .iter()
                    .find(|u| u.id.to_string() == *record_id)
                    .map(|u| u.ledger_content()),
                t if store::supervision::RECORD_TYPES.contains(&t) => supervision
                    .get(&(record_type.clone(), record_id.clone()))
                    .map(|r| r.content.clone()),
                // An annual report's entry names a version and the hash of its text: the stored text
                // of that version must still hash to it.
                store::annual_reports::ANNUAL_REPORT_RECORD_TYPE => {
                    let id = record_id.parse::<i64>().unwrap_or(-1);
                    let version = content["version"].as_i64().unwrap_or(-1);
                    match store.annual_report_version(gov, id, version).await {
                        Ok(v) => {
                            let mut now = content.clone();
                            now["body_hash"] = serde_json::Value::String(
                                meta.hash_algorithm.digest(&[v.body.as_bytes()]).to_hex(),
                            );
                            Some(now)
                        }
                        Err(store::StoreError::NotFound) => None,
                        Err(e) => return Err(e.to_string()),
                    }
                }
                _ => continue,
            },
        };
        records_checked += 1;
        match current {
            None => {
                return Err(format!(
                    "记录 {record_type}:{record_id} 在日志中存在（最后一条为第{idx}条），但已从数据库中删除"
                ));
            }
            Some(now) if now != *content => {
                return Err(format!(
                    "记录 {record_type}:{record_id} 的当前内容与其最后一条日志（第{idx}条）不符：日志为 {content}，数据库为 {now}"
                ));
            }
            Some(_) => {}
        }
    }
    // Records in the database that the log has never seen.
    let logged = |record_type: &str, record_id: &str| {
        latest.contains_key(&(record_type.to_owned(), record_id.to_owned(), "state"))
    };
    for p in powers.values() {
        if !logged("power", &p.id.to_string()) {
            return Err(format!("职权 {}（{}）不在防篡改日志中", p.id, p.name));
        }
    }
    for o in officers.values() {
        if !logged(store::OFFICER_RECORD_TYPE, &o.officer.id.to_string()) {
            return Err(format!(
                "执法人员 {}（{}）不在防篡改日志中",
                o.officer.id, o.officer.name
            ));
        }
    }
    for d in documents.values() {
        if !logged(
            store::normative::DOCUMENT_RECORD_TYPE,
            &d.document.id.to_string(),
        ) {
            return Err(format!(
                "规范性文件 {}（{}）不在防篡改日志中",
                d.document.id, d.document.title
            ));
        }
    }
    for c in &cases {
        if !logged("penalty_case", &c.case.id.to_string()) {
            return Err(format!(
                "案件 {}（{}）不在防篡改日志中",
                c.case.id, c.summary.case_number
            ));
        }
    }
    // Records in the database that the log has never seen.
    for ((record_type, record_id), r) in &supervision {
        if r.must_be_logged && !logged(record_type, record_id) {
            return Err(format!(
                "{}（{record_type}:{record_id}）不在防篡改日志中",
                r.title
            ));
        }
    }
    for d in &departments {
        if !logged("department", &d.id.to_string()) {
            return Err(format!("部门 {}（{}）不在防篡改日志中", d.id, d.name));
        }
    }
    Ok(VerifyOutcome {
        entries: size,
        tree_heads: n_heads,
        records_checked,
    })
}

/// What of an entry's content can be compared with its record as stored now, by aspect: most
/// entries hold the record's whole state ("state"). A power's status-change entries add the
/// status event, which is history rather than state, and its discretion entries hold the
/// discretion standard alone. A normative document's entries hold the hash of its snapshot and,
/// for a text revision, the hash of its text.
fn comparable(
    record_type: &str,
    event: &str,
    content: &serde_json::Value,
) -> Vec<(&'static str, serde_json::Value)> {
    match record_type {
        "power" if event == "discretion" => {
            vec![("discretion", content["discretion_standard"].clone())]
        }
        "power" => {
            let mut state = content.clone();
            if let Some(m) = state.as_object_mut() {
                m.remove("status_event");
            }
            vec![("state", state)]
        }
        store::normative::DOCUMENT_RECORD_TYPE => {
            let mut out = Vec::new();
            if let Some(state) = content.get("state") {
                out.push(("state", state.clone()));
            }
            if let Some(text) = content.get("text_hash") {
                out.push(("text", text.clone()));
            }
            out
        }
        _ => vec![("state", content.clone())],
    }
}

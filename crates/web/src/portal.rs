//! The public portal: only what has been published, with nothing personal.

use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::AppState;
use crate::pages::{PageResult, page};

/// GET / — the portal home, listing the published enforcement bodies of every government.
pub async fn index(State(state): State<AppState>) -> PageResult {
    let rows = state.store.published_enforcement_bodies().await?;
    let mut governments: Vec<Value> = Vec::new();
    for (gov, dept) in rows {
        let body = json!({"name": dept.name, "enforcement_basis": dept.enforcement_basis});
        match governments.last_mut() {
            Some(last) if last["id"] == json!(gov.id) => last["bodies"].as_array_mut().expect("array").push(body),
            _ => governments.push(json!({"id": gov.id, "name": gov.name, "region_code": gov.region_code, "bodies": [body]})),
        }
    }
    let annual_reports = crate::public_reports::published(&state).await?;
    page(
        StatusCode::OK,
        "portal_index.html",
        &json!({"governments": governments, "annual_reports": annual_reports}),
    )
}

/// Record types a visitor may look up on the 核验 page (public records only; accounts are not).
pub const PUBLIC_RECORD_TYPES: &[(&str, &str)] = &[
    ("department", "部门与执法主体"),
    ("government", "人民政府"),
    ("power", "权责清单事项"),
    ("disclosure", "行政执法决定公示"),
    ("review_catalogue_item", "法制审核目录事项"),
];

/// Query of the 核验 page.
#[derive(Debug, Default, serde::Deserialize, serde::Serialize)]
pub struct VerifyQuery {
    #[serde(default)]
    government: String,
    #[serde(default)]
    record_type: String,
    #[serde(default)]
    record_id: String,
}

async fn verify_page(
    state: &AppState,
    q: &VerifyQuery,
    found: Option<Vec<store::ledger::StoredEntry>>,
    file_hash: &str,
    error: &str,
) -> PageResult {
    let governments = state.store.list_governments().await?;
    let gov_id = q
        .government
        .parse::<i64>()
        .ok()
        .or_else(|| governments.first().map(|g| g.id))
        .unwrap_or(0);
    let gov = governments.iter().find(|g| g.id == gov_id);
    let meta = match gov {
        Some(_) => state.store.ledger_log(gov_id).await?,
        None => None,
    };
    let head = state.store.latest_tree_head(gov_id).await?;
    let mut results = Vec::new();
    if let (Some(entries), Some(meta)) = (&found, &meta) {
        for stored in entries {
            let e = &stored.entry;
            let mut r = json!({
                "index": e.idx, "position": e.idx + 1, "when": crate::time::format_ms(e.at_ms), "actor": e.actor,
                "event_label": crate::pages::event_label(&e.event), "record_type": e.record_type, "record_id": e.record_id,
                "leaf_hash": stored.leaf_hash.map(|h| h.to_hex()).unwrap_or_default(),
                "content": match &e.content { ledger::Content::Inline(v) => serde_json::to_string_pretty(v).unwrap_or_default(), ledger::Content::Hash(h) => format!("内容摘要 {}", h.to_hex()) },
            });
            match &head {
                Some(h) if e.idx < h.tree_size => {
                    let check = async {
                        h.verify(meta)
                            .map_err(|err| format!("树头签名无效：{err}"))?;
                        let proof = crate::ledger::inclusion_proof(
                            &state.store,
                            gov_id,
                            meta,
                            e.idx,
                            h.tree_size,
                        )
                        .await
                        .map_err(|err| err.to_string())?;
                        let leaf = e
                            .leaf_hash(meta.hash_algorithm)
                            .map_err(|err| err.to_string())?;
                        if leaf != proof.leaf_hash {
                            return Err(
                                "记录内容计算出的叶哈希与日志中的不一致：记录已被改动".to_owned()
                            );
                        }
                        proof
                            .verify(&h.root_hash)
                            .map_err(|err| format!("包含证明不成立：{err}"))?;
                        Ok::<_, String>(proof)
                    };
                    match check.await {
                        Ok(proof) => {
                            r["verified"] = json!(true);
                            r["tree_size"] = json!(h.tree_size);
                            r["root"] = json!(h.root_hash.to_hex());
                            r["head_time"] = json!(crate::time::format_ms(h.timestamp_ms as i64));
                            r["proof_len"] = json!(proof.inclusion_path.len());
                            r["proof"] = json!(
                                proof
                                    .inclusion_path
                                    .iter()
                                    .map(|x| x.to_hex())
                                    .collect::<Vec<_>>()
                            );
                        }
                        Err(f) => r["failure"] = json!(f),
                    }
                }
                _ => r["pending"] = json!(true),
            }
            results.push(r);
        }
    }
    let types: Vec<Value> = PUBLIC_RECORD_TYPES
        .iter()
        .map(|(v, l)| json!({"value": v, "label": l}))
        .collect();
    let govs: Vec<Value> = governments
        .iter()
        .map(|g| json!({"id": g.id, "name": g.name}))
        .collect();
    let ctx = json!({
        "governments": govs, "government_id": gov_id, "government_name": gov.map(|g| g.name.clone()),
        "record_types": types, "q": q, "searched": found.is_some(), "results": results, "file_hash": file_hash, "error": error,
        "log_id": meta.as_ref().map(|m| m.log_id.clone()),
        "hash_algorithm": meta.as_ref().map(|m| m.hash_algorithm.to_string()),
        "signature_algorithm": meta.as_ref().map(|m| m.signature_algorithm.to_string()),
        "public_key": meta.as_ref().map(|m| m.public_key.to_text()),
        "head": head.as_ref().map(|h| json!({"tree_size": h.tree_size, "root": h.root_hash.to_hex(), "time": crate::time::format_ms(h.timestamp_ms as i64)})),
    });
    let status = if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    page(status, "verify.html", &ctx)
}

/// GET /verify — look a public record up in its government's log and check the proof.
pub async fn verify(
    State(state): State<AppState>,
    axum::extract::Query(q): axum::extract::Query<VerifyQuery>,
) -> PageResult {
    if q.record_id.trim().is_empty() {
        return verify_page(&state, &q, None, "", "").await;
    }
    if !PUBLIC_RECORD_TYPES.iter().any(|(t, _)| *t == q.record_type) {
        return verify_page(&state, &q, None, "", "请选择可公开核验的记录类别").await;
    }
    let gov: i64 = q
        .government
        .parse()
        .map_err(|_| crate::WebError::NotFound)?;
    let found = state
        .store
        .ledger_entries_of_record(gov, &q.record_type, q.record_id.trim())
        .await?;
    verify_page(&state, &q, Some(found), "", "").await
}

/// POST /verify/file — find an uploaded file (a published document or evidence) by its content hash.
pub async fn verify_file(
    State(state): State<AppState>,
    axum::extract::Query(q): axum::extract::Query<VerifyQuery>,
    request: axum::extract::Request,
) -> PageResult {
    let gov: i64 = q
        .government
        .parse()
        .map_err(|_| crate::WebError::NotFound)?;
    let files = match crate::pages::report_review::uploaded_files(request, &state).await {
        Ok(f) => f,
        Err(e) => return verify_page(&state, &q, None, "", &e.to_string()).await,
    };
    let Some((_, bytes)) = files.into_iter().next() else {
        return verify_page(&state, &q, None, "", "请选择要核验的文件").await;
    };
    let meta = state
        .store
        .ledger_log(gov)
        .await?
        .ok_or(crate::WebError::NotFound)?;
    let hash = meta.hash_algorithm.content_hash(&bytes).to_hex();
    let mut found = Vec::new();
    for idx in state.store.evidence_entries(gov, &hash).await? {
        found.extend(
            state
                .store
                .ledger_stored_entries(gov, idx as u64, idx as u64 + 1)
                .await?,
        );
    }
    verify_page(&state, &q, Some(found), &hash, "").await
}

/// Query of the 执法证查询 page.
#[derive(Debug, Default, serde::Deserialize)]
pub struct CertificateQuery {
    #[serde(default)]
    number: String,
}

/// The certificates with a number, as the public may see them: holder, unit, category, dates,
/// status today, and nothing else (no ids, no qualification or training data).
pub async fn public_certificates(
    state: &AppState,
    number: &str,
) -> Result<Vec<crate::api::dto::PublicCertificateDto>, crate::WebError> {
    let number: String = number.trim().chars().take(40).collect();
    let records = state.store.find_certificates(&number).await?;
    let today = crate::pages::deadlines::today(state);
    let mut out = Vec::with_capacity(records.len());
    for r in records {
        let government = state.store.government(r.government_id).await?;
        let department = state
            .store
            .department(r.government_id, r.officer.department_id)
            .await?;
        let c = &r.officer.certificate;
        let status = c.status_on(today);
        out.push(crate::api::dto::PublicCertificateDto {
            holder_name: r.officer.name.clone(),
            certificate_number: c.number.clone(),
            government_name: government.name,
            department_name: department.name,
            category: c.category.clone(),
            issued_on: c.issued_on.to_string(),
            expires_on: c.expires_on.to_string(),
            status: store::status_code(status).to_owned(),
            status_label: status.label().to_owned(),
        });
    }
    Ok(out)
}

/// GET /certificate — anyone checks a certificate number (执法证查询).
pub async fn certificate(
    State(state): State<AppState>,
    axum::extract::Query(q): axum::extract::Query<CertificateQuery>,
) -> PageResult {
    let number: String = q.number.trim().chars().take(40).collect();
    let certificates: Vec<Value> = if number.is_empty() {
        Vec::new()
    } else {
        public_certificates(&state, &number)
            .await?
            .iter()
            .map(|c| {
                let mut v = serde_json::to_value(c).unwrap_or_default();
                v["status_class"] = json!(if c.status == "valid" { "ok" } else { "bad" });
                v
            })
            .collect()
    };
    page(
        StatusCode::OK,
        "certificate.html",
        &json!({"number": number, "searched": !number.is_empty(), "certificates": certificates}),
    )
}

//! The ledger wired through the store: every change is an entry in the same transaction, tree
//! heads are signed, proofs from the API verify, the 核验 page checks them, and tampering with
//! stored records, entries or tree heads is detected and named.

use axum::http::StatusCode;
use ledger::api::{ConsistencyProofResponse, InclusionProofResponse};
use ledger::{Hash, SignedTreeHead};

use crate::util::TestApp;

async fn exec(app: &TestApp, sql: &str) {
    // Tampering goes around the store on purpose: that is what the log must catch.
    let url = app.db.store.url().to_owned();
    let raw = store::Store::connect(&url).await.unwrap();
    raw.execute_raw(sql).await.unwrap();
    raw.close().await;
}

#[tokio::test]
async fn proofs_from_the_api_verify_against_the_signed_tree_head() {
    for app in TestApp::all().await {
        let g = app.government_id;
        let head: SignedTreeHead = serde_json::from_value(
            app.get(&format!("/api/v1/ledger/{g}/tree-head"), None)
                .await
                .json(),
        )
        .unwrap();
        let meta = app.db.store.ledger_log(g).await.unwrap().unwrap();
        head.verify(&meta).unwrap();
        assert_eq!(head.tree_size as i64, app.ledger_size().await);
        assert_eq!(
            meta.hash_algorithm,
            ledger::HashAlgorithm::Sm3,
            "SM3 by default"
        );
        assert_eq!(
            meta.signature_algorithm,
            ledger::SignatureAlgorithm::Sm2,
            "SM2 by default"
        );
        let body = app
            .get(&format!("/api/v1/ledger/{g}/tree-head"), None)
            .await
            .json();
        assert_eq!(body["hash_algorithm"], "sm3");
        let log = app.get(&format!("/api/v1/ledger/{g}"), None).await.json();
        assert!(
            log["public_key"].as_str().unwrap().starts_with("sm2:"),
            "{log}"
        );
        // Every entry's inclusion proof verifies.
        for index in 0..head.tree_size {
            let r = app
                .get(
                    &format!(
                        "/api/v1/ledger/{g}/proof/inclusion?index={index}&tree_size={}",
                        head.tree_size
                    ),
                    None,
                )
                .await;
            let proof: InclusionProofResponse = serde_json::from_str(&r.body).unwrap();
            proof.verify(&head.root_hash).unwrap();
        }
        let entries = app
            .get(&format!("/api/v1/ledger/{g}/entries?start=0&end=3"), None)
            .await
            .json();
        assert_eq!(entries["entries"].as_array().unwrap().len(), 3);
        assert_eq!(entries["entries"][0]["entry"]["record_type"], "government");
        // Grow the log, sign again, and check consistency between the two heads.
        let s = app.login("sifaju").await;
        app.json(
            "POST",
            "/api/v1/departments",
            Some(&s),
            &serde_json::json!({"name": "安吉县统计局"}),
        )
        .await;
        web::ledger::sign_pending(&app.db.store, &app.keys, crate::util::T0 + 1000)
            .await
            .unwrap();
        let heads = app
            .get(&format!("/api/v1/ledger/{g}/tree-heads"), None)
            .await
            .json();
        let heads: Vec<SignedTreeHead> =
            serde_json::from_value(heads["tree_heads"].clone()).unwrap();
        assert_eq!(heads.len(), 2);
        let r = app
            .get(
                &format!(
                    "/api/v1/ledger/{g}/proof/consistency?first={}&second={}",
                    heads[0].tree_size, heads[1].tree_size
                ),
                None,
            )
            .await;
        let proof: ConsistencyProofResponse = serde_json::from_str(&r.body).unwrap();
        proof
            .verify(&heads[0].root_hash, &heads[1].root_hash)
            .unwrap();
        // Bad input.
        let r = app
            .get(
                &format!("/api/v1/ledger/{g}/proof/inclusion?index=999&tree_size=3"),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            app.get("/api/v1/ledger/999/tree-head", None).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.get(&format!("/api/v1/ledger/{g}/entries?start=5&end=2"), None)
                .await
                .status,
            StatusCode::BAD_REQUEST
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn the_verify_page_checks_a_department_in_the_signed_log() {
    for app in TestApp::all().await {
        let g = app.government_id;
        let r = app
            .get(
                &format!("/verify?government={g}&record_type=department&record_id=2"),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("已核验"), "{}", r.body);
        assert!(r.body.contains("安吉县市场监督管理局"));
        // Published powers can be checked too (the demo seeds its power list).
        let r = app
            .get(
                &format!("/verify?government={g}&record_type=power&record_id=1"),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            r.body.contains("已核验") || r.body.contains("待签名"),
            "{}",
            r.body
        );
        let r = app
            .get(
                &format!("/verify?government={g}&record_type=user&record_id=1"),
                None,
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "accounts are not public records"
        );
        let r = app
            .get(
                &format!("/verify?government={g}&record_type=department&record_id=9999"),
                None,
            )
            .await;
        assert!(r.body.contains("未在"));
        // An entry edited in the database no longer verifies, and the page says so.
        exec(&app, &format!("UPDATE ledger_entries SET body = REPLACE(body, '市场监督管理局', '市场管理局') WHERE government_id = {g} AND record_type = 'department' AND record_id = '2'")).await;
        let r = app
            .get(
                &format!("/verify?government={g}&record_type=department&record_id=2"),
                None,
            )
            .await;
        assert!(r.body.contains("核验失败"), "{}", r.body);
        app.finish().await;
    }
}

#[tokio::test]
async fn verify_passes_on_an_untouched_log() {
    for app in TestApp::all().await {
        let outcome = web::ledger::verify_government(&app.db.store, app.government_id)
            .await
            .unwrap();
        assert_eq!(outcome.entries as i64, app.ledger_size().await);
        assert_eq!(outcome.tree_heads, 1);
        assert!(outcome.records_checked > 20);
        app.finish().await;
    }
}

#[tokio::test]
async fn editing_a_stored_record_is_named_by_verify() {
    for app in TestApp::all().await {
        exec(&app, &format!("UPDATE departments SET name = '安吉县公安分局' WHERE government_id = {} AND id = 1", app.government_id)).await;
        let err = web::ledger::verify_government(&app.db.store, app.government_id)
            .await
            .unwrap_err();
        assert!(err.contains("department:1"), "{err}");
        app.finish().await;
    }
}

#[tokio::test]
async fn editing_an_entry_is_named_by_verify() {
    for app in TestApp::all().await {
        exec(&app, &format!("UPDATE ledger_entries SET body = REPLACE(body, '公安局', '公安分局') WHERE government_id = {} AND idx = 1", app.government_id)).await;
        let err = web::ledger::verify_government(&app.db.store, app.government_id)
            .await
            .unwrap_err();
        assert!(err.contains("第1条"), "{err}");
        app.finish().await;
    }
}

#[tokio::test]
async fn deleting_an_entry_is_named_by_verify() {
    for app in TestApp::all().await {
        exec(
            &app,
            &format!(
                "DELETE FROM ledger_entries WHERE government_id = {} AND idx = 5",
                app.government_id
            ),
        )
        .await;
        let err = web::ledger::verify_government(&app.db.store, app.government_id)
            .await
            .unwrap_err();
        assert!(err.contains("第5条"), "{err}");
        app.finish().await;
    }
}

#[tokio::test]
async fn swapping_two_entries_is_named_by_verify() {
    for app in TestApp::all().await {
        let g = app.government_id;
        exec(
            &app,
            &format!("UPDATE ledger_entries SET idx = -1 WHERE government_id = {g} AND idx = 3"),
        )
        .await;
        exec(
            &app,
            &format!("UPDATE ledger_entries SET idx = 3 WHERE government_id = {g} AND idx = 4"),
        )
        .await;
        exec(
            &app,
            &format!("UPDATE ledger_entries SET idx = 4 WHERE government_id = {g} AND idx = -1"),
        )
        .await;
        let err = web::ledger::verify_government(&app.db.store, g)
            .await
            .unwrap_err();
        assert!(err.contains("第3条"), "{err}");
        app.finish().await;
    }
}

#[tokio::test]
async fn a_forged_tree_head_is_rejected() {
    for app in TestApp::all().await {
        let g = app.government_id;
        let head = app.db.store.latest_tree_head(g).await.unwrap().unwrap();
        let mut forged = head.clone();
        forged.tree_size += 1;
        forged.root_hash = Hash([7; 32]);
        forged.timestamp_ms += 1;
        app.db.store.insert_tree_head(g, &forged).await.unwrap();
        let err = web::ledger::verify_government(&app.db.store, g)
            .await
            .unwrap_err();
        assert!(err.contains("树头"), "{err}");
        app.finish().await;
    }
}

#[tokio::test]
async fn evidence_is_stored_by_content_and_verified_by_upload() {
    use axum::body::Body;
    use axum::http::{Request, header};
    for app in TestApp::all().await {
        let g = app.government_id;
        let photo = b"\xff\xd8\xff\xe0 photo of the scene, 2026-03-02".to_vec();
        let actor = store::Actor::system("测试");
        let mut tx = app
            .db
            .store
            .begin_write(g, &actor, crate::util::T0)
            .await
            .unwrap();
        let hash = tx
            .attach_evidence("department", "2", "现场照片.jpg", "image/jpeg", &photo)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        // The same bytes again are stored once, attached twice.
        let mut tx = app
            .db
            .store
            .begin_write(g, &actor, crate::util::T0)
            .await
            .unwrap();
        assert_eq!(
            tx.attach_evidence("department", "2", "照片副本.jpg", "image/jpeg", &photo)
                .await
                .unwrap(),
            hash
        );
        tx.commit().await.unwrap();
        assert_eq!(
            app.db
                .store
                .evidence_of(g, "department", "2")
                .await
                .unwrap()
                .len(),
            2
        );
        assert_eq!(
            app.db.store.evidence_file(g, &hash).await.unwrap().content,
            photo
        );
        let meta = app.db.store.ledger_log(g).await.unwrap().unwrap();
        assert_eq!(
            hash,
            meta.hash_algorithm.content_hash(&photo).to_hex(),
            "the key is the file's own hash"
        );
        web::ledger::sign_pending(&app.db.store, &app.keys, crate::util::T0 + 1)
            .await
            .unwrap();
        let boundary = "fazhiEvidence";
        let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"p.jpg\"\r\n\r\n").into_bytes();
        body.extend_from_slice(&photo);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let req = Request::post(format!("/verify/file?government={g}"))
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .unwrap();
        let r = app.send(req).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("已核验"), "{}", r.body);
        assert!(r.body.contains("现场照片.jpg"));
        // A file that was never attached is not found.
        let other = b"another file".to_vec();
        let mut body = format!("--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"x.bin\"\r\n\r\n").into_bytes();
        body.extend_from_slice(&other);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let req = Request::post(format!("/verify/file?government={g}"))
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .unwrap();
        assert!(app.send(req).await.body.contains("未在"));
        // The whole log still verifies with evidence in it.
        web::ledger::verify_government(&app.db.store, g)
            .await
            .unwrap();
        app.finish().await;
    }
}

/// A change after the fixture's tree head, through the real write path: its entry is written,
/// its tree nodes are not yet.
async fn add_a_department(app: &TestApp) {
    let mut tx = app
        .db
        .store
        .begin_write(
            app.government_id,
            &store::Actor::system("测试"),
            crate::util::T0 + 10,
        )
        .await
        .unwrap();
    tx.create_department(
        &domain::org::DepartmentInput::parse("县档案馆", "", false, "").unwrap(),
        None,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn entries_not_yet_in_the_stored_tree_verify_and_get_proofs() {
    for app in TestApp::all().await {
        let g = app.government_id;
        let store = &app.db.store;
        add_a_department(&app).await;
        let size = app.ledger_size().await as u64;
        assert!(store.ledger_tree_size(g).await.unwrap() < size);
        let outcome = web::ledger::verify_government(store, g).await.unwrap();
        assert_eq!(outcome.entries, size);
        // A proof up to the newest entry integrates the tree that far first.
        let r = app
            .get(
                &format!(
                    "/api/v1/ledger/{g}/proof/inclusion?index={}&tree_size={size}",
                    size - 1
                ),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let proof: InclusionProofResponse = serde_json::from_value(r.json()).unwrap();
        let meta = store.ledger_log(g).await.unwrap().unwrap();
        let root = store
            .ledger_root(g, meta.hash_algorithm, size)
            .await
            .unwrap();
        proof.verify(&root).unwrap();
        assert_eq!(store.ledger_tree_size(g).await.unwrap(), size);
        web::ledger::verify_government(store, g).await.unwrap();
        app.finish().await;
    }
}

#[tokio::test]
async fn every_kind_of_record_edited_around_the_write_path_is_named_by_verify() {
    // Each tamper: the statement, and what the error must name.
    let tampers: [(&str, &str); 8] = [
        (
            "UPDATE governments SET name = name || '（改）' WHERE id = {g}",
            "government:",
        ),
        (
            "UPDATE review_catalogue_items SET min_fine_fen = min_fine_fen + 1 WHERE government_id = {g}",
            "review_catalogue_item:",
        ),
        (
            "UPDATE powers SET name = name || '（改）' WHERE government_id = {g} AND id = (SELECT MIN(id) FROM powers WHERE government_id = {g})",
            "power:",
        ),
        (
            "UPDATE discretion_standards SET max_fen = max_fen + 100 WHERE government_id = {g} AND power_id = (SELECT MIN(power_id) FROM discretion_standards WHERE government_id = {g})",
            "power:",
        ),
        (
            "UPDATE officers SET training_hours = training_hours + 1 WHERE government_id = {g} AND id = (SELECT MIN(id) FROM officers WHERE government_id = {g})",
            "officer:",
        ),
        (
            "UPDATE normative_issuers SET basis = basis || '改' WHERE government_id = {g} AND id = (SELECT MIN(id) FROM normative_issuers WHERE government_id = {g})",
            "normative_issuer:",
        ),
        (
            "UPDATE normative_documents SET snapshot = REPLACE(snapshot, '\"title\":\"', '\"title\":\"改') WHERE government_id = {g} AND id = (SELECT MIN(id) FROM normative_documents WHERE government_id = {g})",
            "normative_document:",
        ),
        (
            "UPDATE evidence_files SET content = {blob} WHERE government_id = {g}",
            "证据文件",
        ),
    ];
    for (sql, named) in tampers {
        for app in TestApp::all().await {
            let g = app.government_id;
            if sql.contains("review_catalogue_items") {
                // The fixture has no catalogue: add an item through the real path first.
                let mut tx = app
                    .db
                    .store
                    .begin_write(g, &store::Actor::system("测试"), crate::util::T0 + 5)
                    .await
                    .unwrap();
                tx.add_catalogue_item(
                    1,
                    "对个人处以一万元以上罚款",
                    "本部门审核目录",
                    None,
                    Some(1_000_000),
                )
                .await
                .unwrap();
                tx.commit().await.unwrap();
                web::ledger::verify_government(&app.db.store, g)
                    .await
                    .unwrap();
            }
            if sql.contains("evidence_files") {
                // The fixture has no evidence: attach one file through the real path first.
                let mut tx = app
                    .db
                    .store
                    .begin_write(g, &store::Actor::system("测试"), crate::util::T0 + 5)
                    .await
                    .unwrap();
                tx.attach_evidence(
                    "department",
                    "1",
                    "现场照片.jpg",
                    "image/jpeg",
                    b"\xff\xd8photo",
                )
                .await
                .unwrap();
                tx.commit().await.unwrap();
                web::ledger::verify_government(&app.db.store, g)
                    .await
                    .unwrap();
            }
            let blob = match app.db.engine() {
                store::Engine::Sqlite => "X'ffd8ff'",
                store::Engine::Postgres => "decode('ffd8ff', 'hex')",
            };
            exec(
                &app,
                &sql.replace("{g}", &g.to_string()).replace("{blob}", blob),
            )
            .await;
            let err = web::ledger::verify_government(&app.db.store, g)
                .await
                .expect_err(sql);
            assert!(err.contains(named), "{sql}: {err}");
            assert!(
                err.contains('第') && err.contains('条'),
                "names the entry: {err}"
            );
            app.finish().await;
        }
    }
}

#[tokio::test]
async fn an_entry_changed_before_integration_never_enters_a_signed_tree() {
    for app in TestApp::all().await {
        let (store, g) = (&app.db.store, app.government_id);
        let signed = store.latest_tree_head(g).await.unwrap().unwrap().tree_size;
        add_a_department(&app).await;
        let idx = app.ledger_size().await - 1;
        exec(
            &app,
            &format!("UPDATE ledger_entries SET body = REPLACE(body, '县档案馆', '县档案局') WHERE government_id = {g} AND idx = {idx}"),
        )
        .await;
        let err = web::ledger::sign_pending(store, &app.keys, crate::util::T0 + 2000)
            .await
            .unwrap_err();
        assert!(err.contains(&format!("第{idx}条")), "{err}");
        assert_eq!(
            store.latest_tree_head(g).await.unwrap().unwrap().tree_size,
            signed,
            "no head over the changed entry"
        );
        let err = web::ledger::verify_government(store, g).await.unwrap_err();
        assert!(err.contains(&format!("第{idx}条")), "{err}");
        app.finish().await;
    }
}

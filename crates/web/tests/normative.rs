//! Normative documents (行政规范性文件) end to end: the procedure through the staff pages and
//! the API, the portal's library and search, objections, and the bad inputs of issue #7
//! (a duplicate number, a late filing, a corrupt .docx, a query of punctuation only), each a
//! clear error that leaves nothing behind.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};

use crate::util::{Reply, Session, TestApp, enc};

/// 2026-03-02, the test clock's day.
const TODAY: &str = "2026-03-02";

const UNLAWFUL: &str = "安吉县电动自行车停放充电管理办法\n\n第一条　为了规范电动自行车停放充电行为，根据《中华人民共和国消防法》，结合本县实际，制定本办法。\n第二条　本办法适用于本县行政区域内住宅小区电动自行车的停放和充电。\n第三条　禁止在建筑物的公共门厅、疏散走道、楼梯间停放电动自行车或者为其充电。\n第四条　违反本办法第三条规定的，由县消防救援机构处五百元以上二千元以下罚款。\n第五条　本办法自2026年4月1日起施行，有效期五年。";

const LAWFUL: &str = "安吉县电动自行车停放充电管理办法\n\n第一条　为了规范电动自行车停放充电行为，根据《中华人民共和国消防法》，结合本县实际，制定本办法。\n第二条　本办法适用于本县行政区域内住宅小区电动自行车的停放和充电。\n第三条　禁止在建筑物的公共门厅、疏散走道、楼梯间停放电动自行车或者为其充电。\n第四条　违反本办法第三条规定的，依照《中华人民共和国消防法》的有关规定处理。\n第五条　本办法自2026年4月1日起施行，有效期五年。";

/// A multipart form post (the draft forms), with the CSRF token in the query string.
async fn post_multipart(
    app: &TestApp,
    path: &str,
    session: &Session,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> Reply {
    let boundary = "----fazhi-test-boundary";
    let mut body: Vec<u8> = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let sep = if path.contains('?') { '&' } else { '?' };
    let req = Request::post(format!("{path}{sep}csrf={}", enc(&session.csrf)))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::COOKIE, &session.cookie)
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

async fn issuer_id(app: &TestApp, s: &Session, name: &str) -> i64 {
    let r = app.get("/api/v1/normative-issuers", Some(s)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == name)
        .unwrap_or_else(|| panic!("issuer {name}"))["id"]
        .as_i64()
        .unwrap()
}

fn id_of(r: &Reply) -> i64 {
    r.location()
        .trim_start_matches("/staff/normative/")
        .parse()
        .unwrap_or_else(|_| panic!("{} {}", r.status, &r.body[..r.body.len().min(600)]))
}

async fn document(app: &TestApp, s: &Session, id: i64) -> Value {
    let r = app
        .get(&format!("/api/v1/normative-documents/{id}"), Some(s))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

async fn step(app: &TestApp, s: &Session, id: i64, action: &str, body: Value) -> Reply {
    app.json(
        "POST",
        &format!("/api/v1/normative-documents/{id}/{action}"),
        Some(s),
        &body,
    )
    .await
}

fn ok(r: &Reply) -> Value {
    assert!(
        r.status.is_success(),
        "{} {}",
        r.status,
        &r.body[..r.body.len().min(800)]
    );
    r.json()
}

/// A draft by 张卫东 (department staff) taken through review and deliberation via the API:
/// returns its id, adopted. Dates are `days_ago` before today.
async fn adopted(
    app: &TestApp,
    zhifa: &Session,
    sifaju: &Session,
    title: &str,
    issuer: i64,
    days_ago: i64,
) -> i64 {
    let day = |n: i64| {
        (chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap() - chrono::Duration::days(n))
            .to_string()
    };
    let created = app
        .json(
            "POST",
            "/api/v1/normative-documents",
            Some(zhifa),
            &json!({"issuer_id": issuer, "title": title, "affects_public": false,
                    "drafted_on": day(days_ago), "text": LAWFUL.replace("安吉县电动自行车停放充电管理办法", title)}),
        )
        .await;
    let id = ok(&created)["id"].as_i64().unwrap();
    ok(&step(app, zhifa, id, "submit", json!({"on": day(days_ago - 2)})).await);
    let doc = document(app, sifaju, id).await;
    let n = doc["procedure"]["reviews"][0]["findings"]
        .as_array()
        .unwrap()
        .len();
    for i in 0..n {
        ok(&step(
            app,
            sifaju,
            id,
            "findings",
            json!({"index": i.to_string(), "disposition": "accepted"}),
        )
        .await);
    }
    ok(&step(
        app,
        sifaju,
        id,
        "opinion",
        json!({"on": day(days_ago - 12), "conclusion": "lawful", "text": "经审核，合法"}),
    )
    .await);
    ok(&step(
        app,
        sifaju,
        id,
        "deliberation",
        json!({"held_on": day(days_ago - 13), "meeting": "局务会议", "participants": "甲、乙、丙", "adopted": "true", "conclusion": "通过"}),
    )
    .await);
    id
}

#[tokio::test]
async fn an_unlawful_draft_is_returned_then_passes_and_is_numbered_published_found_filed_and_accepted()
 {
    for app in TestApp::all().await {
        let zhifa = app.login("zhifa").await;
        let sifaju = app.login("sifaju").await;
        let market = issuer_id(&app, &zhifa, "安吉县市场监督管理局").await;
        // The drafter uploads the draft as a text file.
        let r = post_multipart(
            &app,
            "/staff/normative",
            &zhifa,
            &[
                ("title", "安吉县电动自行车停放充电管理办法"),
                ("issuer_id", &market.to_string()),
                ("drafted_on", TODAY),
            ],
            Some(("草案.txt", UNLAWFUL.as_bytes())),
        )
        .await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "{}",
            &r.body[..r.body.len().min(800)]
        );
        let id = id_of(&r);
        let base = format!("/staff/normative/{id}");
        let r = app
            .post_form(&format!("{base}/submit"), Some(&zhifa), &[("on", TODAY)])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        // The review page shows the automatic finding beside the text.
        let page = app.get(&base, Some(&sifaju)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("智能审查意见"), "{}", page.body);
        assert!(page.body.contains("行政处罚"), "the fine is found");
        assert!(page.body.contains("第四条"));
        // The drafter may not review; the reviewer may not give an opinion before deciding on
        // every finding (国办发〔2018〕115号).
        let r = app
            .post_form(
                &format!("{base}/findings"),
                Some(&zhifa),
                &[("index", "0"), ("disposition", "accepted")],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let before = app.ledger_size().await;
        let r = app
            .post_form(
                &format!("{base}/opinion"),
                Some(&sifaju),
                &[
                    ("on", TODAY),
                    ("conclusion", "lawful"),
                    ("text", "合法"),
                    ("short_review_reason", "急需"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("未处理"), "{}", r.body);
        assert_eq!(
            app.ledger_size().await,
            before,
            "a refusal leaves nothing behind"
        );
        let doc = document(&app, &sifaju, id).await;
        let findings = doc["procedure"]["reviews"][0]["findings"]
            .as_array()
            .unwrap()
            .clone();
        assert!(
            findings
                .iter()
                .any(|f| f["rule"] == "creates_penalty" && f["severity"] == "error")
        );
        for f in &findings {
            let r = app
                .post_form(
                    &format!("{base}/findings"),
                    Some(&sifaju),
                    &[
                        ("index", &f["index"].to_string()),
                        ("disposition", "accepted"),
                    ],
                )
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        }
        // With the error standing, "lawful" is refused; the review returns the draft.
        let r = app
            .post_form(
                &format!("{base}/opinion"),
                Some(&sifaju),
                &[
                    ("on", TODAY),
                    ("conclusion", "lawful"),
                    ("text", "合法"),
                    ("short_review_reason", "急需"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("不能出具「合法」意见"), "{}", r.body);
        let r = app
            .post_form(
                &format!("{base}/opinion"),
                Some(&sifaju),
                &[
                    ("on", TODAY),
                    ("conclusion", "amendments_required"),
                    ("text", "第四条设定罚款，应当删除"),
                ],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "shorter than 5 working days needs a reason"
        );
        assert!(r.body.contains("不少于5个工作日"), "{}", r.body);
        let r = app
            .post_form(
                &format!("{base}/opinion"),
                Some(&sifaju),
                &[
                    ("on", TODAY),
                    ("conclusion", "amendments_required"),
                    ("text", "第四条设定罚款，应当删除"),
                    ("short_review_reason", "列入县政府年度重点工作，急需出台"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(
            document(&app, &zhifa, id).await["stage"],
            "returned_by_review"
        );
        // The drafter fixes the text and resubmits, saying what changed.
        let r = post_multipart(
            &app,
            &format!("{base}/text"),
            &zhifa,
            &[("text", LAWFUL), ("note", "删除罚款条款")],
            None,
        )
        .await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "{}",
            &r.body[..r.body.len().min(500)]
        );
        let r = app
            .post_form(&format!("{base}/submit"), Some(&zhifa), &[("on", TODAY)])
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a resubmission says what changed"
        );
        let r = app
            .post_form(
                &format!("{base}/submit"),
                Some(&zhifa),
                &[("on", TODAY), ("change", "删除第四条罚款规定")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let doc = document(&app, &sifaju, id).await;
        let round2 = doc["procedure"]["reviews"][1]["findings"]
            .as_array()
            .unwrap()
            .clone();
        assert!(
            round2.iter().all(|f| f["severity"] != "error"),
            "{round2:?}"
        );
        for f in &round2 {
            app.post_form(
                &format!("{base}/findings"),
                Some(&sifaju),
                &[
                    ("index", &f["index"].to_string()),
                    ("disposition", "accepted"),
                ],
            )
            .await;
        }
        let r = app
            .post_form(
                &format!("{base}/opinion"),
                Some(&sifaju),
                &[
                    ("on", TODAY),
                    ("conclusion", "lawful"),
                    ("text", "经审核，合法"),
                    ("short_review_reason", "第二轮审核，问题已修改"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        for (action, form) in [
            (
                "deliberation",
                vec![
                    ("held_on", TODAY),
                    ("meeting", "县市场监管局局务会议"),
                    ("participants", "沈国华、钱丽萍"),
                    ("adopted", "true"),
                    ("conclusion", "审议通过"),
                ],
            ),
            ("register", vec![("on", TODAY), ("number", "")]),
            (
                "publish",
                vec![
                    ("published_on", TODAY),
                    ("effective_on", TODAY),
                    ("valid_until", ""),
                    ("channel", "安吉县人民政府门户网站"),
                ],
            ),
        ] {
            let r = app
                .post_form(&format!("{base}/{action}"), Some(&sifaju), &form)
                .await;
            assert_eq!(
                r.status,
                StatusCode::SEE_OTHER,
                "{action}: {}",
                &r.body[..r.body.len().min(1500)]
            );
        }
        let doc = document(&app, &sifaju, id).await;
        assert_eq!(doc["stage"], "published");
        assert!(
            doc["number"]
                .as_str()
                .unwrap()
                .starts_with("安市监规〔2026〕")
        );
        assert_eq!(doc["procedure"]["publication"]["valid_until"], "2031-03-01");
        // The public finds it by searching the library.
        let r = app
            .get(&format!("/normative?q={}", enc("电动自行车 充电")), None)
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(
            r.body.contains(&format!("/normative/{id}?")),
            "found on the portal"
        );
        assert!(r.body.contains("<mark>"));
        let r = app.get(&format!("/normative/{id}"), None).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains(doc["number"].as_str().unwrap()));
        assert!(
            !r.body.contains("设定罚款"),
            "the review is not on the portal"
        );
        // Filed within 30 days, and accepted by the filing-review body.
        let r = app
            .post_form(
                &format!("{base}/filing"),
                Some(&sifaju),
                &[("filed_on", TODAY), ("recipient", "安吉县人民政府")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = app
            .post_form(
                &format!("{base}/filing-review"),
                Some(&sifaju),
                &[("decision", "accept"), ("on", TODAY)],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let doc = document(&app, &sifaju, id).await;
        assert_eq!(doc["procedure"]["filing"]["review"], "accepted");
        assert_eq!(doc["procedure"]["filing"]["late"], false);
        let history = app
            .db
            .store
            .ledger_entries_of(app.government_id, "normative_document", &id.to_string())
            .await
            .unwrap();
        let events: Vec<&str> = history.iter().map(|e| e.event.as_str()).collect();
        assert!(events.contains(&"normative.text_revised"));
        assert_eq!(events.last(), Some(&"normative.filing_accepted"));
        let page = app.get(&format!("/normative/{id}"), None).await;
        assert!(page.body.contains("备案审查通过"), "the history is public");
        app.finish().await;
    }
}

#[tokio::test]
async fn a_corrupt_docx_is_refused_in_chinese_and_nothing_is_stored() {
    for app in TestApp::all().await {
        let zhifa = app.login("zhifa").await;
        let market = issuer_id(&app, &zhifa, "安吉县市场监督管理局").await;
        let before = app.ledger_size().await;
        let count = app
            .db
            .store
            .count_normative_documents(app.government_id)
            .await
            .unwrap();
        let corrupt = b"PK\x03\x04\x14\x00\x00\x00this is not a zip archive at all";
        let r = post_multipart(
            &app,
            "/staff/normative",
            &zhifa,
            &[
                ("title", "损坏的文件"),
                ("issuer_id", &market.to_string()),
                ("drafted_on", TODAY),
            ],
            Some(("草案.docx", corrupt)),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("文件无法读取"), "{}", r.body);
        assert!(r.body.contains("损坏的文件"), "the typed fields are kept");
        // An empty form says what is missing.
        let r = post_multipart(
            &app,
            "/staff/normative",
            &zhifa,
            &[("drafted_on", TODAY)],
            None,
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("请上传草案文件"));
        assert!(r.body.contains("请选择本人可起草的制定主体"));
        // The API: the same refusal for a corrupt upload as the new text of a draft.
        let created = app
            .json("POST", "/api/v1/normative-documents", Some(&zhifa),
                  &json!({"issuer_id": market, "title": "某办法", "text": "第一条　为了规范管理，制定本办法。"}))
            .await;
        let id = ok(&created)["id"].as_i64().unwrap();
        let size = app.ledger_size().await;
        let req = Request::put(format!("/api/v1/normative-documents/{id}/text"))
            .header(header::COOKIE, &zhifa.cookie)
            .header("x-csrf-token", &zhifa.csrf)
            .body(Body::from(corrupt.to_vec()))
            .unwrap();
        let r = app.send(req).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["code"], "invalid_input");
        assert!(
            r.json()["fields"]["file"][0]
                .as_str()
                .unwrap()
                .contains(".docx")
        );
        assert_eq!(app.ledger_size().await, size);
        assert_eq!(
            document(&app, &zhifa, id).await["text"],
            "第一条　为了规范管理，制定本办法。"
        );
        assert_eq!(size, before + 1, "only the API draft was stored");
        assert_eq!(
            app.db
                .store
                .count_normative_documents(app.government_id)
                .await
                .unwrap(),
            count + 1
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn a_duplicate_number_is_refused_by_its_rule_and_a_gap_too() {
    for app in TestApp::all().await {
        let zhifa = app.login("zhifa").await;
        let sifaju = app.login("sifaju").await;
        let county = issuer_id(&app, &zhifa, "安吉县人民政府").await;
        let a = adopted(&app, &zhifa, &sifaju, "安吉县甲管理办法", county, 30).await;
        let b = adopted(&app, &zhifa, &sifaju, "安吉县乙管理办法", county, 30).await;
        let first = ok(&step(&app, &sifaju, a, "register", json!({"on": TODAY})).await);
        let number = first["number"].as_str().unwrap().to_owned();
        assert!(number.starts_with("安政规〔2026〕"), "{number}");
        let size = app.ledger_size().await;
        let r = step(
            &app,
            &sifaju,
            b,
            "register",
            json!({"on": TODAY, "number": number}),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["code"], "normative.number_duplicate");
        assert!(r.json()["basis"]["law"].as_str().unwrap().contains("37号"));
        let seq: u32 = number
            .trim_start_matches("安政规〔2026〕")
            .trim_end_matches('号')
            .parse()
            .unwrap();
        let gap = format!("安政规〔2026〕{}号", seq + 2);
        let r = step(
            &app,
            &sifaju,
            b,
            "register",
            json!({"on": TODAY, "number": gap}),
        )
        .await;
        assert_eq!(r.json()["code"], "normative.number_gap");
        let r = step(
            &app,
            &sifaju,
            b,
            "register",
            json!({"on": TODAY, "number": "安政规2026-3"}),
        )
        .await;
        assert_eq!(r.json()["code"], "invalid_input");
        assert_eq!(app.ledger_size().await, size, "nothing left behind");
        // The page says the same beside the form.
        let r = app
            .post_form(
                &format!("/staff/normative/{b}/register"),
                Some(&sifaju),
                &[("on", TODAY), ("number", &number)],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("同一文号不得重复使用"), "{}", r.body);
        let second = ok(&step(&app, &sifaju, b, "register", json!({"on": TODAY})).await);
        assert_eq!(second["number"], format!("安政规〔2026〕{}号", seq + 1));
        app.finish().await;
    }
}

#[tokio::test]
async fn filing_after_the_deadline_is_recorded_as_late_not_refused() {
    for app in TestApp::all().await {
        let zhifa = app.login("zhifa").await;
        let sifaju = app.login("sifaju").await;
        let county = issuer_id(&app, &zhifa, "安吉县人民政府").await;
        let id = adopted(&app, &zhifa, &sifaju, "安吉县丙管理办法", county, 80).await;
        ok(&step(&app, &sifaju, id, "register", json!({"on": "2026-01-05"})).await);
        ok(&step(&app, &sifaju, id, "publish", json!({"published_on": "2026-01-06", "effective_on": "2026-02-01", "channel": "安吉县人民政府门户网站"})).await);
        let r = step(
            &app,
            &sifaju,
            id,
            "filing",
            json!({"filed_on": TODAY, "recipient": "湖州市人民政府"}),
        )
        .await;
        let doc = ok(&r);
        assert_eq!(doc["procedure"]["filing"]["late"], true);
        let page = app
            .get(&format!("/staff/normative/{id}"), Some(&sifaju))
            .await;
        assert!(page.body.contains("逾期报备"));
        let portal = app.get(&format!("/normative/{id}"), None).await;
        assert!(
            portal.body.contains("逾期报备"),
            "the late filing is in the public history"
        );
        // Filing twice is refused.
        let r = step(
            &app,
            &sifaju,
            id,
            "filing",
            json!({"filed_on": TODAY, "recipient": "湖州市人民政府"}),
        )
        .await;
        assert_eq!(r.json()["code"], "normative.already_filed");
        app.finish().await;
    }
}

#[tokio::test]
async fn a_query_of_punctuation_only_is_a_clear_error() {
    for app in TestApp::all().await {
        let q = enc("，。！？");
        let r = app.get(&format!("/normative?q={q}"), None).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("请输入要检索的字词"));
        let r = app
            .get(&format!("/api/v1/public/normative-documents?q={q}"), None)
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(r.json()["code"], "search.empty_query");
        assert_eq!(r.json()["message"], "请输入要检索的字词");
        let s = app.login("lingdao").await;
        let r = app.get(&format!("/staff/normative?q={q}"), Some(&s)).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("请输入要检索的字词"));
        app.finish().await;
    }
}

#[tokio::test]
async fn the_portal_library_searches_filters_and_hides_drafts() {
    for app in TestApp::all().await {
        let r = app.get("/normative", None).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("行政规范性文件库"));
        let api = app
            .get("/api/v1/public/normative-documents", None)
            .await
            .json();
        let total = api["total"].as_i64().unwrap();
        assert!(total > 100, "a county's worth of documents: {total}");
        for status in ["in_force", "expired", "repealed"] {
            let page = app
                .get(
                    &format!("/api/v1/public/normative-documents?status={status}"),
                    None,
                )
                .await
                .json();
            assert!(page["total"].as_i64().unwrap() > 0, "{status}");
            assert!(
                page["documents"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|d| d["status"] == status)
            );
        }
        // Drafts are the staff's: the portal neither lists nor finds nor shows them.
        let s = app.login("sifaju").await;
        let drafts = app
            .get("/api/v1/normative-documents?status=draft", Some(&s))
            .await
            .json();
        let draft = &drafts["documents"][0];
        let id = draft["id"].as_i64().unwrap();
        assert_eq!(
            app.get(&format!("/normative/{id}"), None).await.status,
            StatusCode::NOT_FOUND
        );
        let title = draft["title"].as_str().unwrap();
        let staff = app
            .get(
                &format!("/api/v1/normative-documents?q={}", enc(title)),
                Some(&s),
            )
            .await
            .json();
        assert!(
            staff["documents"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["id"] == id),
            "staff search includes drafts"
        );
        let public = app
            .get(
                &format!("/api/v1/public/normative-documents?q={}", enc(title)),
                None,
            )
            .await
            .json();
        assert!(
            !public["documents"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["id"] == id)
        );
        // A repealed document shows its history and the clean-up that repealed it.
        let repealed = app
            .get("/api/v1/public/normative-documents?status=repealed", None)
            .await
            .json();
        let rid = repealed["documents"][0]["id"].as_i64().unwrap();
        let page = app.get(&format!("/normative/{rid}"), None).await;
        assert!(page.body.contains("废止"));
        assert!(page.body.contains("公布"));
        let cleanup = app.get("/normative/cleanup", None).await;
        assert!(cleanup.body.contains("全面清理"));
        assert!(cleanup.body.contains("废止"));
        let issuers = app.get("/normative/issuers", None).await;
        assert!(issuers.body.contains("安政规"));
        assert!(issuers.body.contains("安吉县市场监督管理局"));
        let consultations = app.get("/normative/consultations", None).await;
        assert!(consultations.body.contains("征求意见稿"));
        app.finish().await;
    }
}

#[tokio::test]
async fn an_objection_from_the_portal_is_answered_and_published_with_the_document() {
    for app in TestApp::all().await {
        let list = app
            .get("/api/v1/public/normative-documents?status=in_force", None)
            .await
            .json();
        let id = list["documents"][0]["id"].as_i64().unwrap();
        let page = app.get(&format!("/normative/{id}"), None).await;
        let cookie = page
            .cookies()
            .into_iter()
            .find(|c| c.starts_with("fazhi_login_csrf="))
            .expect("form token");
        let token = cookie.trim_start_matches("fazhi_login_csrf=").to_owned();
        let post = |fields: Vec<(&'static str, String)>| {
            let body = fields
                .iter()
                .map(|(k, v)| format!("{k}={}", enc(v)))
                .collect::<Vec<_>>()
                .join("&");
            Request::post(format!("/normative/{id}/objections"))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, cookie.clone())
                .body(Body::from(body))
                .unwrap()
        };
        let size = app.ledger_size().await;
        // Without grounds: refused beside the field, nothing stored.
        let r = app
            .send(post(vec![
                ("csrf", token.clone()),
                ("citizen", "周小明".into()),
                ("contact", "13900000000".into()),
                ("grounds", "".into()),
            ]))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("请写明异议的条款和理由"));
        assert_eq!(app.ledger_size().await, size);
        let r = app
            .send(post(vec![
                ("csrf", token.clone()),
                ("citizen", "周小明".into()),
                ("contact", "13900000000".into()),
                ("grounds", "第四条要求提供的证明没有法律依据".into()),
            ]))
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        // Without the token: refused.
        let r = app.send(post(vec![("citizen", "周小明".into())])).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let s = app.login("sifaju").await;
        let open = app
            .get("/api/v1/normative-objections", Some(&s))
            .await
            .json();
        let mine = open
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["citizen"] == "周小明")
            .expect("received")
            .clone();
        assert_eq!(mine["reply_due"], "2026-04-01");
        let deadlines = app.get("/staff/deadlines?all=1", Some(&s)).await;
        assert_eq!(deadlines.status, StatusCode::OK);
        let r = app
            .post_form(
                &format!("/staff/normative/objections/{}/reply", mine["id"]),
                Some(&s),
                &[
                    ("on", TODAY),
                    ("finding", "rejected"),
                    ("text", "经审查，第四条依据上位法制定，异议不成立"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let page = app.get(&format!("/normative/{id}"), None).await;
        assert!(page.body.contains("异议不成立"));
        assert!(page.body.contains("周某"), "the name is masked");
        assert!(
            !page.body.contains("13900000000"),
            "the contact is never published"
        );
        // The JSON form of the portal.
        let r = app
            .json(
                "POST",
                &format!("/api/v1/public/normative-documents/{id}/objections"),
                None,
                &json!({"citizen": "某企业有限公司", "contact": "0572-5000000", "grounds": "第二条适用范围过宽"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        app.finish().await;
    }
}

#[tokio::test]
async fn department_staff_draft_within_their_scope_and_never_review() {
    for app in TestApp::all().await {
        let zhifa = app.login("zhifa").await;
        let admin = app.login("admin").await;
        // An issuer outside the market bureau's subtree.
        let housing = issuer_id(&app, &admin, "安吉县住房和城乡建设局").await;
        let r = app
            .json(
                "POST",
                "/api/v1/normative-documents",
                Some(&zhifa),
                &json!({"issuer_id": housing, "title": "越权起草", "text": "第一条　测试"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.json()["fields"]["issuer_id"].is_array());
        // A draft of that issuer is not even visible to them.
        let drafts = app
            .get(
                &format!("/api/v1/normative-documents?status=draft&issuer={housing}"),
                Some(&admin),
            )
            .await
            .json();
        if let Some(d) = drafts["documents"].as_array().unwrap().first() {
            let r = app
                .get(&format!("/staff/normative/{}", d["id"]), Some(&zhifa))
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND);
        }
        // Reviewing is the legal-affairs office's.
        let r = app.get("/staff/normative", Some(&zhifa)).await;
        assert_eq!(r.status, StatusCode::OK);
        let r = app
            .json(
                "POST",
                "/api/v1/normative-documents/1/opinion",
                Some(&zhifa),
                &json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        // A deliberation before the legality review passed is refused, citing 37号.
        let sifaju = app.login("sifaju").await;
        let market = issuer_id(&app, &zhifa, "安吉县市场监督管理局").await;
        let created = app
            .json(
                "POST",
                "/api/v1/normative-documents",
                Some(&zhifa),
                &json!({"issuer_id": market, "title": "未经审核的办法", "text": "第一条　测试"}),
            )
            .await;
        let id = ok(&created)["id"].as_i64().unwrap();
        let size = app.ledger_size().await;
        let r = step(&app, &sifaju, id, "deliberation",
                     json!({"held_on": TODAY, "meeting": "局务会议", "participants": "甲、乙", "adopted": "true", "conclusion": "通过"}))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["code"], "normative.legality_review_missing");
        assert!(r.json()["basis"].is_object());
        assert_eq!(app.ledger_size().await, size);
        app.finish().await;
    }
}

#[tokio::test]
async fn staff_pages_show_the_library_issuers_cleanups_and_objections() {
    for app in TestApp::all().await {
        let s = app.login("sifaju").await;
        for path in [
            "/staff/normative",
            "/staff/normative/new",
            "/staff/normative/issuers",
            "/staff/normative/cleanup",
            "/staff/normative/objections",
            "/staff/normative/objections?show=all",
            "/staff/normative?status=in_force",
            &format!("/staff/normative?q={}", enc("管理办法")),
        ] {
            let r = app.get(path, Some(&s)).await;
            let expected = if path.ends_with("/new") {
                StatusCode::FORBIDDEN
            } else {
                StatusCode::OK
            };
            assert_eq!(r.status, expected, "{path}");
        }
        let campaigns = app.get("/api/v1/normative-cleanups", Some(&s)).await.json();
        let c = &campaigns[0];
        assert!(c["closed_on"].is_string());
        let r = app
            .get(&format!("/staff/normative/cleanup/{}", c["id"]), Some(&s))
            .await;
        assert!(r.body.contains("继续有效"));
        // Every document page of the demo renders, whatever its stage.
        let list = app
            .get("/api/v1/normative-documents?page=1", Some(&s))
            .await
            .json();
        for d in list["documents"].as_array().unwrap() {
            let r = app
                .get(&format!("/staff/normative/{}", d["id"]), Some(&s))
                .await;
            assert_eq!(r.status, StatusCode::OK, "{}", d["id"]);
        }
        app.finish().await;
    }
}

#[tokio::test]
async fn a_cleanup_by_topic_decides_each_document_and_publishes_its_lists() {
    for app in TestApp::all().await {
        let s = app.login("sifaju").await;
        // Every document in scope needs its decision; a topic narrows the scope by full text.
        let r = app
            .json("POST", "/api/v1/normative-cleanups", Some(&s),
                  &json!({"title": "涉及信用档案的规范性文件专项清理", "kind": "special", "trigger": "《浙江省公共信用信息管理条例》修订",
                          "started_on": TODAY, "scope": "all", "topic": "信用档案"}))
            .await;
        let campaign = ok(&r);
        let id = campaign["id"].as_i64().unwrap();
        let docs: Vec<i64> = campaign["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["id"].as_i64().unwrap())
            .collect();
        assert!(!docs.is_empty());
        let all = app
            .get("/api/v1/public/normative-documents?status=in_force", None)
            .await
            .json();
        assert!(
            (docs.len() as i64) < all["total"].as_i64().unwrap(),
            "the topic narrows the scope"
        );
        let r = app
            .json(
                "POST",
                &format!("/api/v1/normative-cleanups/{id}/close"),
                Some(&s),
                &json!({"on": TODAY}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["code"], "normative_cleanup.undecided");
        let r = app
            .json("POST", &format!("/api/v1/normative-cleanups/{id}/decisions"), Some(&s),
                  &json!({"document_id": docs[0].to_string(), "outcome": "repeal", "reason": "", "on": TODAY}))
            .await;
        assert_eq!(r.json()["code"], "normative_cleanup.reason_missing");
        for (k, doc) in docs.iter().enumerate() {
            let (outcome, reason) = if k == 0 {
                ("repeal", "上位法已修订，本文件不再适用")
            } else {
                ("keep", "符合修订后的上位法")
            };
            ok(&app
                .json("POST", &format!("/api/v1/normative-cleanups/{id}/decisions"), Some(&s),
                      &json!({"document_id": doc.to_string(), "outcome": outcome, "reason": reason, "on": TODAY}))
                .await);
        }
        ok(&app
            .json(
                "POST",
                &format!("/api/v1/normative-cleanups/{id}/close"),
                Some(&s),
                &json!({"on": TODAY}),
            )
            .await);
        assert_eq!(document(&app, &s, docs[0]).await["stage"], "repealed");
        assert_eq!(
            document(&app, &s, docs[1.min(docs.len() - 1)]).await["stage"],
            if docs.len() > 1 {
                "published"
            } else {
                "repealed"
            }
        );
        let portal = app.get("/normative/cleanup", None).await;
        assert!(portal.body.contains("涉及信用档案的规范性文件专项清理"));
        assert!(portal.body.contains("上位法已修订，本文件不再适用"));
        // The repeal is in the document's public history and its status on the portal.
        let page = app.get(&format!("/normative/{}", docs[0]), None).await;
        assert!(page.body.contains("已废止"));
        app.finish().await;
    }
}

#[tokio::test]
async fn the_index_fed_from_the_outbox_gives_what_a_rebuild_gives() {
    for app in TestApp::all().await {
        let store = &app.db.store;
        let today = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap();
        let fed = web::search::SearchService::in_memory();
        // The first catch-up of an empty index rebuilds it from the documents table.
        assert!(fed.catch_up(store, today).await.unwrap() > 100);
        // Changes made since (straight through the store, so that no other index reads the
        // outbox first) reach it through the outbox only.
        let zhifa = app.login("zhifa").await;
        let county = issuer_id(&app, &zhifa, "安吉县人民政府").await;
        let policy = domain::normative::Policy::defaults();
        let env = store::NormativeEnv {
            calendar: calendar::Calendar::official(),
            today,
            policy: &policy,
        };
        let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut tx = store
            .begin_write(
                app.government_id,
                &store::Actor::system("测试"),
                crate::util::T0,
            )
            .await
            .unwrap();
        let doc = tx
            .draft_normative_document(
                &env,
                &store::NewDraft {
                    issuer_id: county,
                    drafter_id: 0,
                    title: "安吉县共享单车停放管理办法".into(),
                    affects_public: false,
                    drafted_on: d("2026-01-05"),
                },
                &store::NewText {
                    body: LAWFUL.replace("电动自行车停放充电", "共享单车停放"),
                    source: store::TextSource::Typed,
                    file_name: String::new(),
                    note: String::new(),
                },
            )
            .await
            .unwrap();
        let id = doc.document.id;
        use domain::normative::{Command, Conclusion};
        for command in [
            Command::SubmitForLegalityReview {
                on: d("2026-01-06"),
                findings: vec![],
                change: String::new(),
            },
            Command::RecordLegalityOpinion {
                reviewer_id: 99,
                reviewer: "审核人".into(),
                on: d("2026-01-20"),
                conclusion: Conclusion::Lawful,
                text: "合法".into(),
                short_review_reason: None,
            },
            Command::RecordDeliberation {
                held_on: d("2026-01-22"),
                meeting: "常务会议".into(),
                participants: vec!["甲".into(), "乙".into()],
                adopted: true,
                conclusion: "通过".into(),
            },
        ] {
            tx.apply_normative_command(&env, id, None, command)
                .await
                .unwrap();
        }
        tx.register_normative_document(&env, id, None, d("2026-01-23"), None)
            .await
            .unwrap();
        tx.apply_normative_command(
            &env,
            id,
            None,
            Command::Publish {
                published_on: d("2026-01-26"),
                effective_on: d("2026-01-26"),
                valid_until: None,
                channel: "门户网站".into(),
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let n = fed.catch_up(store, today).await.unwrap();
        assert_eq!(n, 1, "one document changed");
        assert_eq!(
            fed.catch_up(store, today).await.unwrap(),
            0,
            "nothing twice"
        );
        let rebuilt = web::search::SearchService::in_memory();
        rebuilt
            .rebuild(store, app.government_id, today)
            .await
            .unwrap();
        assert_eq!(fed.index().len(), rebuilt.index().len());
        for (q, scope) in [
            ("共享单车", search::Scope::Portal),
            ("共享单车", search::Scope::Staff),
            ("管理办法", search::Scope::Portal),
            ("农贸市场", search::Scope::Staff),
            ("安政规", search::Scope::Portal),
        ] {
            let query = search::Query::new(app.government_id, scope, q);
            let a = fed.index().search(&query).unwrap();
            let b = rebuilt.index().search(&query).unwrap();
            let ids = |h: &search::Hits| {
                h.hits
                    .iter()
                    .map(|x| (x.id, x.status.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(a.total, b.total, "{q}");
            assert_eq!(ids(&a), ids(&b), "{q}");
        }
        let hits = fed
            .index()
            .search(&search::Query::new(
                app.government_id,
                search::Scope::Portal,
                "共享单车",
            ))
            .unwrap();
        assert_eq!(hits.hits[0].id, id);
        app.finish().await;
    }
}

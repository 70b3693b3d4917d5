//! Indicators and the annual report through HTTP: the dashboards with server-drawn charts and
//! last year beside this year, a figure down to its records, .xlsx exports, the demo's report
//! from draft to approval (refused while the review finds a problem) to the portal, versions in
//! the ledger, and the JSON API.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::util::{Session, TestApp};

/// The demo year at the test clock (2026-03-02): the year that ended.
const YEAR: i32 = 2025;

async fn get_bytes(
    app: &TestApp,
    path: &str,
    session: Option<&Session>,
) -> (StatusCode, String, Vec<u8>) {
    let mut b = Request::get(path);
    if let Some(s) = session {
        b = b.header(header::COOKIE, &s.cookie);
    }
    let resp = app
        .router
        .clone()
        .oneshot(b.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let content_type = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let bytes = resp
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    (status, content_type, bytes)
}

/// The demo's report of its year.
async fn demo_report(app: &TestApp) -> store::annual_reports::StoredAnnualReport {
    app.db
        .store
        .annual_report_of_year(app.government_id, YEAR)
        .await
        .unwrap()
        .expect("the demo drafts its year's report")
}

/// A figure of the API.
async fn figure(app: &TestApp, s: &Session, year: i32, id: &str) -> serde_json::Value {
    let r = app
        .get(&format!("/api/v1/indicators?year={year}"), Some(s))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("{id}"))
}

#[tokio::test]
async fn a_leader_opens_the_dashboard_and_follows_a_figure_to_its_records() {
    for app in TestApp::all().await {
        let leader = app.login("lingdao").await;
        let r = app
            .get(&format!("/staff/dashboard?year={YEAR}"), Some(&leader))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("指标看板"));
        assert!(r.body.contains("领导视图"));
        assert!(
            r.body.contains(&format!("{}年：", YEAR - 1)),
            "last year beside"
        );
        assert!(r.body.contains("<svg"), "charts drawn on the server");
        assert!(r.body.contains("部门对比"));
        assert!(r.body.contains("各部门超期事项"));
        assert!(r.body.contains(&format!("{YEAR}年度法治政府建设年度报告")));
        // The certified-officer rate, down to the officers behind its denominator.
        let rate = figure(&app, &leader, YEAR, "enforcement.certified_officer_rate").await;
        let denominator = rate["denominator"].as_i64().unwrap();
        assert!(denominator > 0, "{rate}");
        let link = format!(
            "/staff/indicators/enforcement.certified_officer_rate?year={YEAR}&part=denominator"
        );
        assert!(
            r.body
                .contains(&link.replace('&', "&amp;").replace('/', "&#x2f;")),
            "figure links to its records: {}",
            r.body
        );
        let page = app.get(&link, Some(&leader)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("执法人员持证率"));
        assert!(
            page.body.contains(&format!("共 {denominator} 条")),
            "{}",
            &page.body[page.body.len().saturating_sub(3000)..]
        );
        assert!(page.body.contains("&#x2f;staff&#x2f;officers&#x2f;"));
        // The same through the API.
        let api = app
            .get(
                &format!("/api/v1/indicators/enforcement.certified_officer_rate/records?year={YEAR}&part=denominator"),
                Some(&leader),
            )
            .await;
        assert_eq!(api.json()["total"], denominator);
        // An unknown indicator or part is absent.
        assert_eq!(
            app.get("/staff/indicators/no.such", Some(&leader))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.get(
                "/staff/indicators/enforcement.officers?part=denominator",
                Some(&leader)
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
        // The office's view lists every indicator.
        let office = app.login("sifaju").await;
        let r = app
            .get(
                &format!("/staff/dashboard?year={YEAR}&view=office"),
                Some(&office),
            )
            .await;
        assert!(r.body.contains("全部指标"));
        assert!(r.body.contains("重大执法决定法制审核率"));
        // Department roles do not see the dashboards.
        let staff = app.login("zhifa").await;
        assert_eq!(
            app.get("/staff/dashboard", Some(&staff)).await.status,
            StatusCode::FORBIDDEN
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn every_table_exports_to_xlsx() {
    for app in TestApp::all().await {
        let s = app.login("sifaju").await;
        for (path, header) in [
            (
                format!("/staff/dashboard/export.xlsx?table=indicators&year={YEAR}"),
                "指标",
            ),
            (
                format!(
                    "/staff/dashboard/export.xlsx?table=departments&year={YEAR}&compare=enforcement.officers"
                ),
                "排名",
            ),
            (
                "/staff/dashboard/export.xlsx?table=overdue".to_owned(),
                "部门",
            ),
            (
                format!("/staff/indicators/enforcement.officers/export.xlsx?year={YEAR}"),
                "记录",
            ),
        ] {
            let (status, content_type, bytes) = get_bytes(&app, &path, Some(&s)).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            assert!(content_type.contains("spreadsheetml"), "{path}");
            let rows = web::excel::read_rows(&bytes).unwrap();
            assert!(
                rows[0].1.iter().any(|c| c == header),
                "{path}: {:?}",
                rows[0]
            );
        }
        let (_, _, bytes) = get_bytes(
            &app,
            &format!("/staff/indicators/enforcement.officers/export.xlsx?year={YEAR}"),
            Some(&s),
        )
        .await;
        let officers = figure(&app, &s, YEAR, "enforcement.officers").await["numerator"]
            .as_i64()
            .unwrap();
        assert_eq!(
            web::excel::read_rows(&bytes).unwrap().len() as i64,
            officers + 1
        );
        let (status, _, _) =
            get_bytes(&app, "/staff/dashboard/export.xlsx?table=nothing", Some(&s)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        app.finish().await;
    }
}

#[tokio::test]
async fn the_demo_report_goes_from_draft_to_approval_to_the_portal() {
    for app in TestApp::all().await {
        let r = demo_report(&app).await;
        assert_eq!(r.current_version, 2, "drafted, then written");
        assert_eq!(r.due_on.as_deref(), Some("2026-03-31"));
        let office = app.login("sifaju").await;
        let page = app
            .get(&format!("/staff/annual-reports/{}", r.id), Some(&office))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("审读通过"), "{}", page.body);
        assert!(page.body.contains("五、其他需要报告的情况"));
        assert!(
            !page.body.contains("审定第2稿"),
            "the office does not approve"
        );
        // The staff home page links to it.
        let home = app.get("/staff", Some(&office)).await;
        assert!(
            home.body
                .contains(&format!("/staff/annual-reports/{}", r.id)),
            "{}",
            home.body
        );
        // A leader approves; the approval is ledgered.
        let leader = app.login("lingdao").await;
        let page = app
            .get(&format!("/staff/annual-reports/{}", r.id), Some(&leader))
            .await;
        assert!(page.body.contains("审定第2稿"));
        let before = app.ledger_size().await;
        let done = app
            .post_form(
                &format!("/staff/annual-reports/{}/approve", r.id),
                Some(&leader),
                &[("version", "2")],
            )
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        assert_eq!(app.ledger_size().await, before + 1);
        // Not on the portal before publication.
        let portal = app.get("/annual-reports", None).await;
        assert!(portal.body.contains("尚无公开的年度报告"));
        let done = app
            .post_form(
                &format!("/staff/annual-reports/{}/publish", r.id),
                Some(&leader),
                &[],
            )
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        let stored = demo_report(&app).await;
        assert_eq!(stored.status.code(), "published");
        assert_eq!(stored.published_on.as_deref(), Some("2026-03-02"));
        let entries = app
            .db
            .store
            .ledger_entries_of(app.government_id, "annual_report", &r.id.to_string())
            .await
            .unwrap();
        let events: Vec<&str> = entries.iter().map(|e| e.event.as_str()).collect();
        assert_eq!(events, ["create", "edit", "approve", "publish"]);
        // The publication deadline is met.
        let open = app
            .db
            .store
            .open_deadlines(app.government_id)
            .await
            .unwrap();
        assert!(
            !open
                .iter()
                .any(|d| d.deadline.record_type == "annual_report")
        );
        // On the portal: the list, the home page, the text and the downloads.
        let title = format!("安吉县人民政府关于{YEAR}年度法治政府建设情况的报告");
        assert!(app.get("/annual-reports", None).await.body.contains(&title));
        assert!(app.get("/", None).await.body.contains(&title));
        let shown = app
            .get(
                &format!("/annual-reports/{}/{YEAR}", app.government_id),
                None,
            )
            .await;
        assert_eq!(shown.status, StatusCode::OK);
        assert!(shown.body.contains("存在的不足和原因"));
        let (status, content_type, bytes) = get_bytes(
            &app,
            &format!(
                "/annual-reports/{}/{YEAR}/download?format=docx",
                app.government_id
            ),
            None,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(content_type.contains("wordprocessingml"));
        let review = report::review::review_bytes("report.docx", &bytes).unwrap();
        assert!(
            review.inconsistencies.is_empty(),
            "{:?}",
            review.inconsistencies
        );
        assert!(review.sections.missing.is_empty());
        // A published report cannot be edited or published again.
        let office = app.login("sifaju").await;
        let r2 = app
            .post_form(
                &format!("/staff/annual-reports/{}", r.id),
                Some(&office),
                &[("version", "2"), ("note", "x")],
            )
            .await;
        assert_eq!(r2.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r2.body);
        let again = app
            .post_form(
                &format!("/staff/annual-reports/{}/publish", r.id),
                Some(&leader),
                &[],
            )
            .await;
        assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
        // Unpublished years are absent from the portal.
        assert_eq!(
            app.get(
                &format!("/annual-reports/{}/{}", app.government_id, YEAR - 1),
                None
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn approval_is_refused_while_the_review_finds_an_inconsistency() {
    for app in TestApp::all().await {
        let r = demo_report(&app).await;
        let office = app.login("sifaju").await;
        // The office adds a sentence whose rate does not follow from its figures.
        let saved = app
            .post_form(
                &format!("/staff/annual-reports/{}", r.id),
                Some(&office),
                &[
                    ("version", "2"),
                    (
                        "new_0",
                        "全年办理行政复议案件10件，其中纠错5件，纠错率60%。",
                    ),
                    ("note", "补充行政复议情况"),
                ],
            )
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        let stored = demo_report(&app).await;
        assert_eq!(stored.current_version, 3);
        let leader = app.login("lingdao").await;
        let page = app
            .get(&format!("/staff/annual-reports/{}", r.id), Some(&leader))
            .await;
        assert!(page.body.contains("尚不能审定"));
        assert!(page.body.contains("不一致"), "{}", page.body);
        let before = app.ledger_size().await;
        let refused = app
            .post_form(
                &format!("/staff/annual-reports/{}/approve", r.id),
                Some(&leader),
                &[("version", "3")],
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("纠错率"), "{}", refused.body);
        assert_eq!(app.ledger_size().await, before, "nothing left behind");
        assert_eq!(demo_report(&app).await.status.code(), "draft");
        // A stale form is a conflict; the fix is a new version, which the leader approves.
        let stale = app
            .post_form(
                &format!("/staff/annual-reports/{}", r.id),
                Some(&office),
                &[("version", "2"), ("note", "旧稿")],
            )
            .await;
        assert_eq!(stale.status, StatusCode::CONFLICT);
        let edit = app
            .get(
                &format!("/staff/annual-reports/{}/edit", r.id),
                Some(&office),
            )
            .await;
        assert!(edit.body.contains("纠错率60%"));
        let sentence_field = edit
            .body
            .split("name=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap())
            .find(|name| {
                edit.body
                    .split(&format!("name=\"{name}\""))
                    .nth(1)
                    .is_some_and(|rest| {
                        rest.split("</textarea>")
                            .next()
                            .unwrap_or("")
                            .contains("纠错率60%")
                    })
            })
            .expect("the sentence's textarea")
            .to_owned();
        let fixed = app
            .post_form(
                &format!("/staff/annual-reports/{}", r.id),
                Some(&office),
                &[
                    ("version", "3"),
                    (
                        &sentence_field,
                        "全年办理行政复议案件10件，其中纠错5件，纠错率50%。",
                    ),
                ],
            )
            .await;
        assert_eq!(fixed.status, StatusCode::SEE_OTHER, "{}", fixed.body);
        let ok = app
            .post_form(
                &format!("/staff/annual-reports/{}/approve", r.id),
                Some(&leader),
                &[("version", "4")],
            )
            .await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
        // Editing an approved report returns it to draft: the approval was of the earlier text.
        let edited = app
            .post_form(
                &format!("/staff/annual-reports/{}", r.id),
                Some(&office),
                &[("version", "4"), ("dated_on", "2026-03-20")],
            )
            .await;
        assert_eq!(edited.status, StatusCode::SEE_OTHER);
        let stored = demo_report(&app).await;
        assert_eq!((stored.status.code(), stored.current_version), ("draft", 5));
        assert_eq!(stored.approved_version, None);
        // The ledger checks the text of the version each report's last entry names.
        web::ledger::verify_government(&app.db.store, app.government_id)
            .await
            .unwrap();
        app.db
            .store
            .execute_raw(&format!(
                "UPDATE annual_report_versions SET body = REPLACE(body, '一是', '一、') WHERE government_id = {} AND report_id = {} AND version = 5",
                app.government_id, r.id
            ))
            .await
            .unwrap();
        let err = web::ledger::verify_government(&app.db.store, app.government_id)
            .await
            .unwrap_err();
        assert!(err.contains("annual_report"), "{err}");
        // Every version is kept and can be downloaded.
        for v in 1..=5 {
            let (status, _, bytes) = get_bytes(
                &app,
                &format!(
                    "/staff/annual-reports/{}/download?format=md&version={v}",
                    r.id
                ),
                Some(&office),
            )
            .await;
            assert_eq!(status, StatusCode::OK);
            assert!(String::from_utf8(bytes).unwrap().contains("法治政府建设"));
        }
        app.finish().await;
    }
}

#[tokio::test]
async fn the_api_drafts_edits_and_refuses_an_unready_approval() {
    for app in TestApp::all().await {
        let office = app.login("sifaju").await;
        let created = app
            .json(
                "POST",
                "/api/v1/annual-reports",
                Some(&office),
                &serde_json::json!({"year": 2024}),
            )
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let body = created.json();
        let id = body["report"]["id"].as_i64().unwrap();
        assert_eq!(body["report"]["status"], "draft");
        assert_eq!(body["report"]["due_on"], "2025-03-31");
        assert_eq!(body["ready"], false, "prompts are left");
        assert_eq!(body["body"]["sections"].as_array().unwrap().len(), 5);
        let again = app
            .json(
                "POST",
                "/api/v1/annual-reports",
                Some(&office),
                &serde_json::json!({"year": 2024}),
            )
            .await;
        assert_eq!(again.status, StatusCode::CONFLICT);
        assert_eq!(again.json()["code"], "conflict");
        let leader = app.login("lingdao").await;
        let refused = app
            .json(
                "POST",
                &format!("/api/v1/annual-reports/{id}/approve"),
                Some(&leader),
                &serde_json::json!({}),
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(refused.json()["code"], "annual_report.not_ready");
        // A new version through PUT; a stale one is 409.
        let mut text = body["body"].clone();
        text["dated_on"] = serde_json::json!("2025-03-20");
        let put = app
            .json(
                "PUT",
                &format!("/api/v1/annual-reports/{id}"),
                Some(&office),
                &serde_json::json!({"version": 1, "body": text, "note": "落款日期"}),
            )
            .await;
        assert_eq!(put.status, StatusCode::OK, "{}", put.body);
        assert_eq!(put.json()["report"]["version"], 2);
        let stale = app
            .json(
                "PUT",
                &format!("/api/v1/annual-reports/{id}"),
                Some(&office),
                &serde_json::json!({"version": 1, "body": text}),
            )
            .await;
        assert_eq!(stale.status, StatusCode::CONFLICT);
        let bad = app
            .json(
                "PUT",
                &format!("/api/v1/annual-reports/{id}"),
                Some(&office),
                &serde_json::json!({"version": 2, "body": {"format": 1}}),
            )
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        let list = app
            .get("/api/v1/annual-reports", Some(&office))
            .await
            .json();
        assert_eq!(list.as_array().unwrap().len(), 2);
        // The leader may not draft; the office may not approve.
        let r = app
            .json(
                "POST",
                "/api/v1/annual-reports",
                Some(&leader),
                &serde_json::json!({"year": 2023}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = app
            .json(
                "POST",
                &format!("/api/v1/annual-reports/{id}/approve"),
                Some(&office),
                &serde_json::json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        app.finish().await;
    }
}

#[tokio::test]
async fn figures_follow_changes_through_the_outbox() {
    for app in TestApp::all().await {
        let office = app.login("sifaju").await;
        let before = figure(&app, &office, 2026, "enforcement.officers").await;
        let departments = app
            .db
            .store
            .list_departments(app.government_id)
            .await
            .unwrap();
        let market = departments
            .iter()
            .find(|d| d.name == "安吉县市场监督管理局")
            .unwrap();
        let r = app
            .json(
                "POST",
                "/api/v1/officers",
                Some(&office),
                &serde_json::json!({
                    "name": "新同志", "certificate_number": "浙E33052399001", "category": "市场监管",
                    "issued_on": "2026-02-01", "expires_on": "2031-01-31", "department_id": market.id,
                    "legal_review_qualified": true, "training_hours": 40
                }),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        // The page catches up before it reads: the new officer counts at once.
        let after = figure(&app, &office, 2026, "enforcement.officers").await;
        assert_eq!(
            after["numerator"].as_i64().unwrap(),
            before["numerator"].as_i64().unwrap() + 1
        );
        // Last year's roster is what it was.
        assert_eq!(after["last_year_numerator"], before["last_year_numerator"]);
        // The aggregates kept from the outbox equal a rebuild from the records.
        let calendar = calendar::Calendar::official();
        let rows = app
            .db
            .store
            .aggregate_rows(app.government_id)
            .await
            .unwrap();
        app.db
            .store
            .rebuild_indicators(app.government_id, calendar, 0)
            .await
            .unwrap();
        assert_eq!(
            app.db
                .store
                .aggregate_rows(app.government_id)
                .await
                .unwrap(),
            rows
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn normative_document_figures_equal_sql_counts_and_survive_a_rebuild() {
    for app in TestApp::all().await {
        let (store, g) = (&app.db.store, app.government_id);
        let calendar = calendar::Calendar::official();
        store
            .catch_up_indicators(g, calendar, crate::util::T0)
            .await
            .unwrap();
        let count = |sql: String| async move { store.scalar_raw(&sql).await.unwrap() };
        let mut issued_in_all_years = 0;
        for year in 2019..=2026 {
            let figures = store.indicator_figures(&[g], 0, year).await.unwrap();
            let issued = figures
                .get("normative.documents_issued")
                .map_or(0, |f| f.numerator);
            let in_year =
                |column: &str| format!("{column} >= '{year}-01-01' AND {column} <= '{year}-12-31'");
            assert_eq!(
                issued,
                count(format!(
                    "SELECT COUNT(*) FROM normative_documents WHERE government_id = {g} AND published_on IS NOT NULL AND {}",
                    in_year("published_on")
                ))
                .await,
                "{year}"
            );
            issued_in_all_years += issued;
            let filings = figures.get("normative.filings").map_or(0, |f| f.numerator);
            assert_eq!(
                filings,
                count(format!(
                    "SELECT COUNT(*) FROM normative_documents WHERE government_id = {g} AND filed_on IS NOT NULL AND {}",
                    in_year("filed_on")
                ))
                .await,
                "{year}"
            );
            if let Some(on_time) = figures.get("normative.filing_on_time_rate") {
                assert_eq!(
                    on_time.numerator,
                    count(format!(
                        "SELECT COUNT(*) FROM normative_documents WHERE government_id = {g} AND filed_on IS NOT NULL AND filing_late = 0 AND {}",
                        in_year("filed_on")
                    ))
                    .await
                );
            }
        }
        assert!(issued_in_all_years > 10, "the demo publishes documents");
        // The figures kept from the outbox are what a rebuild from the records gives.
        let kept = store.aggregate_rows(g).await.unwrap();
        store.rebuild_indicators(g, calendar, 0).await.unwrap();
        assert_eq!(store.aggregate_rows(g).await.unwrap(), kept);
        app.finish().await;
    }
}

//! Penalty cases through the staff pages and the API: the whole ordinary procedure with a legal
//! review that returns the case once, the gates refused with their article, publication with
//! redaction and withdrawal, the major-penalty filing, and the ledger check at the end.

use axum::http::StatusCode;
use domain::enforcement::officer::CertificateStatus;
use store::{Department, OfficerFilter};

use crate::util::{Session, TestApp};

async fn market(app: &TestApp) -> Department {
    app.db
        .store
        .list_departments(app.government_id)
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.name == "安吉县市场监督管理局")
        .expect("demo market bureau")
}

/// Officers of the market bureau with the status of their certificate today, and whether each
/// may review.
async fn roster(app: &TestApp, dept: i64) -> Vec<(i64, CertificateStatus, bool)> {
    let today = web_today();
    app.db
        .store
        .list_officers(
            app.government_id,
            &OfficerFilter {
                department_ids: Some(vec![dept]),
                status: None,
                expiring_within_days: None,
                search: String::new(),
                today,
                offset: 0,
                limit: 100,
            },
        )
        .await
        .unwrap()
        .0
        .into_iter()
        .map(|r| {
            (
                r.officer.id,
                r.officer.certificate.status_on(today),
                r.officer.legal_review_qualified,
            )
        })
        .collect()
}

/// The test clock's day (T0 of the test app, in China time).
fn web_today() -> calendar::NaiveDate {
    chrono::DateTime::from_timestamp_millis(crate::util::T0)
        .unwrap()
        .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap())
        .date_naive()
}

async fn register(app: &TestApp, s: &Session, dept: i64, kind: &str, name: &str) -> i64 {
    let r = app
        .post_form(
            "/staff/cases",
            Some(s),
            &[
                ("department_id", &dept.to_string()),
                ("party_kind", kind),
                ("party_name", name),
                ("party_id_number", "330523199001011234"),
                ("party_phone", "13900001111"),
                ("party_address", "安吉县递铺街道天目路8号"),
                ("clue", "群众举报：某店铺销售过期食品"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location()
        .trim_start_matches("/staff/cases/")
        .parse()
        .unwrap()
}

async fn step(app: &TestApp, s: &Session, id: i64, action: &str, fields: &[(&str, &str)]) {
    let r = try_step(app, s, id, action, fields).await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "{action}: {}",
        &r.body[r.body.find("alert").unwrap_or(0)..][..r.body.len().min(600)]
    );
}

async fn try_step(
    app: &TestApp,
    s: &Session,
    id: i64,
    action: &str,
    fields: &[(&str, &str)],
) -> crate::util::Reply {
    let mut form = vec![("action", action)];
    form.extend_from_slice(fields);
    app.post_form(&format!("/staff/cases/{id}/act"), Some(s), &form)
        .await
}

#[tokio::test]
async fn officer_takes_a_case_from_clue_to_archive_and_the_reviewer_returns_it_once() {
    for app in TestApp::all().await {
        let zhifa = app.login("zhifa").await;
        let shenhe = app.login("shenhe").await;
        let dept = market(&app).await.id;
        let officers = roster(&app, dept).await;
        let reviewer = officers
            .iter()
            .find(|(_, st, q)| *q && *st == CertificateStatus::Valid)
            .unwrap()
            .0;
        let team: Vec<String> = officers
            .iter()
            .filter(|(id, st, _)| *st == CertificateStatus::Valid && *id != reviewer)
            .take(2)
            .map(|(id, _, _)| id.to_string())
            .collect();
        let today = web_today().to_string();
        let id = register(&app, &zhifa, dept, "individual", "张小明").await;
        step(&app, &zhifa, id, "verify", &[]).await;
        step(
            &app,
            &zhifa,
            id,
            "open",
            &[("opened_on", &today), ("complexity", "ordinary")],
        )
        .await;
        step(
            &app,
            &zhifa,
            id,
            "assign",
            &[("officer_ids", &team[0]), ("officer_ids", &team[1])],
        )
        .await;
        step(
            &app,
            &zhifa,
            id,
            "ground",
            &[("ground", "major_public_interest")],
        )
        .await;
        step(
            &app,
            &zhifa,
            id,
            "close_investigation",
            &[("closed_on", &today)],
        )
        .await;
        // 第四十四条、第六十二条: no decision before the notice.
        let r = try_step(
            &app,
            &zhifa,
            id,
            "decide",
            &[
                ("decided_on", &today),
                ("document_number", "安市监罚〔2025〕88号"),
                ("outcome", "penalty"),
                ("fine_yuan", "1000"),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("第六十二条"), "{}", r.body);
        step(
            &app,
            &zhifa,
            id,
            "notice",
            &[
                ("served_on", &today),
                ("fine_yuan", "1000"),
                ("facts", "张小明销售超过保质期的食品"),
                ("basis", "《中华人民共和国食品安全法》第一百二十四条"),
            ],
        )
        .await;
        step(
            &app,
            &zhifa,
            id,
            "defence",
            &[
                ("received_on", &today),
                ("summary", "初次违法，已下架"),
                ("finding", "not_adopted"),
            ],
        )
        .await;
        // 第五十八条: a case with a review ground needs a passed review before the decision.
        let r = try_step(
            &app,
            &zhifa,
            id,
            "decide",
            &[
                ("decided_on", &today),
                ("document_number", "安市监罚〔2025〕88号"),
                ("outcome", "penalty"),
                ("fine_yuan", "1000"),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("第五十八条"), "{}", r.body);
        step(&app, &zhifa, id, "submit_review", &[("on", &today)]).await;
        // The officer may not review; the reviewer returns the case once.
        let r = try_step(&app, &zhifa, id, "review", &[]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let queue = app.get("/staff/legal-review", Some(&shenhe)).await;
        assert!(queue.body.contains("张小明"), "{}", queue.body);
        step(
            &app,
            &shenhe,
            id,
            "review",
            &[
                ("reviewer_officer_id", &reviewer.to_string()),
                ("on", &today),
                ("opinion", "problems"),
                ("point_facts", "缺少进货查验记录"),
            ],
        )
        .await;
        let page = app.get(&format!("/staff/cases/{id}"), Some(&zhifa)).await;
        assert!(page.body.contains("缺少进货查验记录"));
        assert!(page.body.contains("法制审核退回"));
        // Resubmitting unchanged is refused; with the change it goes back to review.
        let r = try_step(&app, &zhifa, id, "submit_review", &[("on", &today)]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        step(
            &app,
            &zhifa,
            id,
            "submit_review",
            &[("on", &today), ("change", "补充进货查验记录")],
        )
        .await;
        step(
            &app,
            &shenhe,
            id,
            "review",
            &[
                ("reviewer_officer_id", &reviewer.to_string()),
                ("on", &today),
                ("opinion", "approve"),
            ],
        )
        .await;
        // 第四十五条: no heavier penalty than notified.
        let r = try_step(
            &app,
            &zhifa,
            id,
            "decide",
            &[
                ("decided_on", &today),
                ("document_number", "安市监罚〔2025〕88号"),
                ("outcome", "penalty"),
                ("fine_yuan", "1500"),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("第四十五条"), "{}", r.body);
        step(
            &app,
            &zhifa,
            id,
            "decide",
            &[
                ("decided_on", &today),
                ("document_number", "安市监罚〔2025〕88号"),
                ("outcome", "penalty"),
                ("fine_yuan", "1000"),
            ],
        )
        .await;
        step(
            &app,
            &zhifa,
            id,
            "serve",
            &[("served_on", &today), ("method", "in_person")],
        )
        .await;
        step(
            &app,
            &zhifa,
            id,
            "pay",
            &[("paid_on", &today), ("amount_yuan", "1000")],
        )
        .await;
        step(&app, &zhifa, id, "close", &[("closed_on", &today)]).await;
        step(&app, &zhifa, id, "archive", &[("archived_on", &today)]).await;
        let page = app.get(&format!("/staff/cases/{id}"), Some(&zhifa)).await;
        assert!(page.body.contains("已归档"));
        for title in [
            "案源登记",
            "立案",
            "事先告知",
            "法制审核意见",
            "作出决定",
            "归档",
        ] {
            assert!(page.body.contains(title), "timeline lacks {title}");
        }

        // Major case (reviewed): filed with the legal-affairs office, who sees it.
        let r = app
            .post_form(
                &format!("/staff/cases/{id}/file"),
                Some(&zhifa),
                &[("note", "经法制审核")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let sifaju = app.login("sifaju").await;
        let filings = app.get("/staff/filings", Some(&sifaju)).await;
        assert!(filings.body.contains("张小明"), "{}", filings.body);

        // Published redacted, then withdrawn with the reason shown.
        let r = app
            .post_form(&format!("/staff/cases/{id}/publish"), Some(&zhifa), &[])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let d = app
            .db
            .store
            .disclosure_of_case(app.government_id, id)
            .await
            .unwrap()
            .unwrap();
        let public = app.get(&format!("/decisions/{}", d.id), None).await;
        assert_eq!(public.status, StatusCode::OK);
        assert!(public.body.contains("张**"), "{}", public.body);
        assert!(!public.body.contains("张小明"));
        assert!(!public.body.contains("330523199001011234"));
        assert!(!public.body.contains("13900001111"));
        assert!(!public.body.contains("天目路"));
        assert!(public.body.contains("罚款1000元"));
        let list = app.get("/decisions", None).await;
        assert!(list.body.contains("安市监罚〔2025〕88号"));
        let r = app
            .post_form(
                &format!("/staff/disclosures/{}/withdraw", d.id),
                Some(&zhifa),
                &[("ground", "revoked"), ("ground_on", &today), ("reason", "")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("第四十八条"), "{}", r.body);
        let r = app
            .post_form(
                &format!("/staff/disclosures/{}/withdraw", d.id),
                Some(&zhifa),
                &[
                    ("ground", "revoked"),
                    ("ground_on", &today),
                    ("reason", "复议机关撤销原处罚决定"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let public = app.get(&format!("/decisions/{}", d.id), None).await;
        assert!(public.body.contains("复议机关撤销原处罚决定"));
        assert!(!public.body.contains("罚款1000元"));
        let verify = app
            .get(
                &format!(
                    "/verify?government={}&record_type=disclosure&record_id={}",
                    app.government_id, d.id
                ),
                None,
            )
            .await;
        assert_eq!(verify.status, StatusCode::OK);

        let outcome = web::ledger::verify_government(&app.db.store, app.government_id)
            .await
            .expect("the log verifies");
        assert!(outcome.records_checked > 0);
        app.finish().await;
    }
}

#[tokio::test]
async fn third_officer_with_an_expired_certificate_is_refused_art_42() {
    for app in TestApp::all().await {
        let zhifa = app.login("zhifa").await;
        let dept = market(&app).await.id;
        let officers = roster(&app, dept).await;
        let valid: Vec<String> = officers
            .iter()
            .filter(|(_, st, _)| *st == CertificateStatus::Valid)
            .take(2)
            .map(|(id, _, _)| id.to_string())
            .collect();
        let Some(expired) = officers
            .iter()
            .find(|(_, st, _)| *st == CertificateStatus::Expired)
        else {
            panic!("the demo roster has an expired certificate");
        };
        let today = web_today().to_string();
        let id = register(&app, &zhifa, dept, "organisation", "安吉某某食品有限公司").await;
        step(
            &app,
            &zhifa,
            id,
            "open",
            &[("opened_on", &today), ("complexity", "ordinary")],
        )
        .await;
        let before = app.ledger_size().await;
        let r = try_step(
            &app,
            &zhifa,
            id,
            "assign",
            &[
                ("officer_ids", &valid[0]),
                ("officer_ids", &valid[1]),
                ("officer_ids", &expired.0.to_string()),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("执法证"), "{}", r.body);
        assert_eq!(app.ledger_size().await, before, "nothing written");
        app.finish().await;
    }
}

#[tokio::test]
async fn api_runs_steps_and_refuses_with_the_article_and_stale_versions() {
    for app in TestApp::all().await {
        let zhifa = app.login("zhifa").await;
        let dept = market(&app).await.id;
        let r = app
            .json(
                "POST",
                "/api/v1/cases",
                Some(&zhifa),
                &serde_json::json!({"department_id": dept.to_string(), "party_kind": "individual",
                    "party_name": "李四", "clue": "巡查发现无照经营"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let case = r.json();
        let id = case["summary"]["id"].as_i64().unwrap();
        let version = case["version"].as_i64().unwrap();
        assert!(
            case["summary"]["case_number"]
                .as_str()
                .unwrap()
                .contains("〔")
        );
        let path = format!("/api/v1/cases/{id}/commands");
        let today = web_today().to_string();
        let r = app
            .json(
                "POST",
                &path,
                Some(&zhifa),
                &serde_json::json!({"action": "open", "version": version,
                    "fields": {"opened_on": today, "complexity": "ordinary"}}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["summary"]["stage"], "opened");
        // The same version again is stale.
        let r = app
            .json(
                "POST",
                &path,
                Some(&zhifa),
                &serde_json::json!({"action": "decline", "version": version, "fields": {"reason": "x"}}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        // Out of order: closing an investigation that never started.
        let r = app
            .json(
                "POST",
                &path,
                Some(&zhifa),
                &serde_json::json!({"action": "decide", "fields": {"decided_on": today,
                    "document_number": "安市监罚〔2025〕9号", "outcome": "penalty", "fine_yuan": "100"}}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.json()["code"].as_str().unwrap().starts_with("penalty."));
        let r = app
            .json(
                "POST",
                &path,
                Some(&zhifa),
                &serde_json::json!({"action": "teleport"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let r = app.get(&format!("/api/v1/cases/{id}"), Some(&zhifa)).await;
        let events = r.json()["events"].as_array().unwrap().len();
        assert_eq!(events, 2, "registered and opened only");
        let list = app.get("/api/v1/cases?stage=opened", Some(&zhifa)).await;
        assert_eq!(list.json()["total"], 1);
        // Someone outside the case's department gets 404, not the case.
        let guwen = app.login("guwen").await;
        assert_eq!(
            app.get(&format!("/api/v1/cases/{id}"), Some(&guwen))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn summary_procedure_limits_numbers_and_filing_art_51_52() {
    for app in TestApp::all().await {
        let zhifa = app.login("zhifa").await;
        let dept = market(&app).await.id;
        let officers = roster(&app, dept).await;
        let valid: Vec<String> = officers
            .iter()
            .filter(|(_, st, _)| *st == CertificateStatus::Valid)
            .take(2)
            .map(|(id, _, _)| id.to_string())
            .collect();
        let at = format!("{} 10:30", web_today());
        let body = |number: &str, party_kind: &str, fine: &str| {
            serde_json::json!({"department_id": dept.to_string(), "number": number, "party_kind": party_kind,
                "party_name": "王某", "facts": "占道经营", "basis": "《城市市容和环境卫生管理条例》第三十六条",
                "place": "递铺街道胜利西路", "decided_at": at, "sanction": "fine", "fine_yuan": fine,
                "collection": "bank", "officer_ids": valid, "rights_told": "true", "receipt": "signed"})
        };
        let r = app
            .json(
                "POST",
                "/api/v1/summary-decisions",
                Some(&zhifa),
                &body("市监简00000001", "individual", "200"),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        // 第五十一条: 300 元 on a person is beyond the on-the-spot limit.
        let r = app
            .json(
                "POST",
                "/api/v1/summary-decisions",
                Some(&zhifa),
                &body("市监简00000002", "individual", "300"),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert!(r.body.contains("第五十一条"), "{}", r.body);
        // ... but not on an organisation (up to 3,000 元).
        let r = app
            .json(
                "POST",
                "/api/v1/summary-decisions",
                Some(&zhifa),
                &body("市监简00000002", "organisation", "300"),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        // A pre-printed form number is used once.
        let r = app
            .json(
                "POST",
                "/api/v1/summary-decisions",
                Some(&zhifa),
                &body("市监简00000001", "individual", "50"),
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
        // A number outside the department's numbering is refused.
        let r = app
            .json(
                "POST",
                "/api/v1/summary-decisions",
                Some(&zhifa),
                &body("XYZ1", "individual", "50"),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        let page = app.get("/staff/summary", Some(&zhifa)).await;
        assert!(page.body.contains("市监简00000001"));
        let (rows, _) = app
            .db
            .store
            .summary_decisions(app.government_id, None, 0, 10)
            .await
            .unwrap();
        let first = rows.iter().find(|r| r.number == "市监简00000001").unwrap();
        let r = app
            .post_form(
                &format!("/staff/summary/{}/file", first.id),
                Some(&zhifa),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = app
            .post_form(
                &format!("/staff/summary/{}/file", first.id),
                Some(&zhifa),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT, "filed once");
        let history = app
            .db
            .store
            .ledger_entries_of(app.government_id, "summary_decision", &first.id.to_string())
            .await
            .unwrap();
        assert_eq!(
            history.iter().map(|e| e.event.as_str()).collect::<Vec<_>>(),
            ["decide", "file"]
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn department_threshold_decides_the_hearing_right_art_63() {
    for app in TestApp::all().await {
        let zhifa = app.login("zhifa").await;
        let dept = market(&app).await.id;
        let bad = app
            .post_form(
                "/staff/penalty-settings",
                Some(&zhifa),
                &[
                    ("department_id", &dept.to_string()),
                    ("individual_fine_yuan", "0"),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = app
            .post_form(
                "/staff/penalty-settings",
                Some(&zhifa),
                &[
                    ("department_id", &dept.to_string()),
                    ("individual_fine_yuan", "500"),
                    ("organisation_fine_yuan", "5000"),
                    ("individual_confiscation_yuan", "500"),
                    ("organisation_confiscation_yuan", "5000"),
                    ("defence_working_days", "5"),
                    ("case_prefix", "安市监"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let officers = roster(&app, dept).await;
        let valid: Vec<String> = officers
            .iter()
            .filter(|(_, st, q)| *st == CertificateStatus::Valid && !*q)
            .take(2)
            .map(|(id, _, _)| id.to_string())
            .collect();
        let today = web_today().to_string();
        let id = register(&app, &zhifa, dept, "individual", "钱某").await;
        for (action, fields) in [
            (
                "open",
                vec![
                    ("opened_on", today.clone()),
                    ("complexity", "ordinary".into()),
                ],
            ),
            (
                "assign",
                vec![
                    ("officer_ids", valid[0].clone()),
                    ("officer_ids", valid[1].clone()),
                ],
            ),
            ("close_investigation", vec![("closed_on", today.clone())]),
            (
                "notice",
                vec![
                    ("served_on", today.clone()),
                    ("fine_yuan", "1000".into()),
                    ("facts", "无照经营".into()),
                    ("basis", "《无证无照经营查处办法》第十三条".into()),
                ],
            ),
        ] {
            let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            step(&app, &zhifa, id, action, &f).await;
        }
        let c = app
            .db
            .store
            .penalty_case(app.government_id, id)
            .await
            .unwrap();
        assert!(
            c.summary.case_number.starts_with("安市监案"),
            "{}",
            c.summary.case_number
        );
        assert!(
            c.case.notice.unwrap().hearing_ground.is_some(),
            "1000 元 is 较大数额 under this department's 500 元 threshold"
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn portal_discloses_bodies_procedure_and_remedies_before_enforcement_art_39() {
    for app in TestApp::all().await {
        let r = app.get("/enforcement", None).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("安吉县市场监督管理局"));
        assert!(r.body.contains("第五十八条"));
        assert!(r.body.contains("六十日内"));
        assert!(r.body.contains("六个月内"));
        let home = app.get("/", None).await;
        assert!(home.body.contains("/decisions"));
        app.finish().await;
    }
}

#[tokio::test]
async fn fine_outside_the_discretion_standard_is_refused_art_34() {
    for app in TestApp::all().await {
        let zhifa = app.login("zhifa").await;
        let dept = market(&app).await.id;
        let store = &app.db.store;
        let bands = store.all_discretion_bands(app.government_id).await.unwrap();
        let mut chosen = None;
        for (power_id, band) in &bands {
            let p = store.power(app.government_id, *power_id).await.unwrap();
            if p.department_id == dept && band.min_fen > 0 && band.max_fen > band.min_fen {
                chosen = Some((*power_id, band.clone()));
                break;
            }
        }
        let (power_id, band) = chosen.expect("a market power with a discretion band");
        let r = app
            .post_form(
                "/staff/cases",
                Some(&zhifa),
                &[
                    ("department_id", &dept.to_string()),
                    ("power_id", &power_id.to_string()),
                    ("party_kind", "organisation"),
                    ("party_name", "安吉某贸易有限公司"),
                    ("clue", "抽检不合格"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let id: i64 = r
            .location()
            .trim_start_matches("/staff/cases/")
            .parse()
            .unwrap();
        let officers = roster(&app, dept).await;
        let valid: Vec<String> = officers
            .iter()
            .filter(|(_, st, q)| *st == CertificateStatus::Valid && !*q)
            .take(2)
            .map(|(id, _, _)| id.to_string())
            .collect();
        let today = web_today().to_string();
        step(
            &app,
            &zhifa,
            id,
            "open",
            &[("opened_on", &today), ("complexity", "ordinary")],
        )
        .await;
        step(
            &app,
            &zhifa,
            id,
            "assign",
            &[("officer_ids", &valid[0]), ("officer_ids", &valid[1])],
        )
        .await;
        step(
            &app,
            &zhifa,
            id,
            "close_investigation",
            &[("closed_on", &today)],
        )
        .await;
        let label = band.circumstance.label();
        let over = ((band.max_fen + 100) / 100).to_string();
        let inside = (band.min_fen / 100).max(1).to_string();
        let notice = |fine: &str, circumstance: &str| {
            vec![
                ("served_on", today.clone()),
                ("fine_yuan", fine.to_owned()),
                ("circumstance", circumstance.to_owned()),
                ("facts", "销售不合格产品".to_owned()),
                ("basis", "《中华人民共和国产品质量法》第四十九条".to_owned()),
            ]
        };
        let as_refs = |v: &Vec<(&'static str, String)>| {
            v.iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>()
        };
        let before = app.ledger_size().await;
        for (fields, article) in [
            (notice(&over, label), "第三十四条"),
            (notice(&inside, ""), "第三十四条"),
        ] {
            let owned = as_refs(&fields);
            let f: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let r = try_step(&app, &zhifa, id, "notice", &f).await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
            assert!(r.body.contains(article), "{}", r.body);
        }
        assert_eq!(app.ledger_size().await, before, "nothing written");
        let owned = as_refs(&notice(&inside, label));
        let f: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
        step(&app, &zhifa, id, "notice", &f).await;
        app.finish().await;
    }
}

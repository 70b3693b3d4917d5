//! Supervision through the staff pages and the API: the legal-affairs office draws a case-file
//! review round, scores a file, issues a rectification that the department reports on and the
//! office accepts; a supervision letter answered by the department within its deadline; a random
//! inspection drawn with an exclusion, conducted, turned into a penalty case and published on the
//! portal without personal data; refusals with their codes that leave nothing behind; and the
//! ledger check at the end.

use axum::http::StatusCode;
use store::Department;

use crate::util::{Session, TestApp};

async fn department(app: &TestApp, name: &str) -> Department {
    app.db
        .store
        .list_departments(app.government_id)
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.name == name)
        .expect("demo department")
}

async fn with_closed_cases(app: &TestApp) {
    demo::enforcement::seed_enforcement(
        &app.db.store,
        app.government_id,
        crate::util::T0,
        calendar::Calendar::official(),
        60,
    )
    .await
    .expect("demo cases");
}

fn id_after(location: &str, prefix: &str) -> i64 {
    location
        .trim_start_matches(prefix)
        .split(['?', '#'])
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("{location}"))
}

async fn verified(app: &TestApp) {
    let outcome = web::ledger::verify_government(&app.db.store, app.government_id)
        .await
        .expect("the log verifies");
    assert!(outcome.records_checked > 0);
}

async fn draw_round(
    app: &TestApp,
    s: &Session,
    departments: &[i64],
    size: &str,
) -> crate::util::Reply {
    let mut form: Vec<(&str, String)> = vec![
        ("title", "2025年度行政处罚案卷评查".into()),
        ("closed_from", "2025-01-01".into()),
        ("closed_to", "2026-03-02".into()),
        ("size_kind", "count".into()),
        ("size_value", size.into()),
    ];
    for d in departments {
        form.push(("department_ids", d.to_string()));
    }
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form("/staff/case-reviews", Some(s), &form).await
}

#[tokio::test]
async fn legal_office_draws_scores_and_rectifies_and_the_department_reports() {
    for app in TestApp::all().await {
        with_closed_cases(&app).await;
        let gov = app.government_id;
        let sifaju = app.login("sifaju").await;
        let zhifa = app.login("zhifa").await;
        let market = department(&app, "安吉县市场监督管理局").await.id;
        let city = department(&app, "安吉县综合行政执法局").await.id;
        assert_eq!(
            app.get("/staff/case-reviews/new", Some(&sifaju))
                .await
                .status,
            StatusCode::OK
        );
        assert_eq!(
            app.get("/staff/case-reviews/new", Some(&zhifa))
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        // No department: the form comes back with the message, and nothing is written.
        let before = app.ledger_size().await;
        let r = draw_round(&app, &sifaju, &[], "2").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("请至少选择一个被评查单位"));
        assert_eq!(app.ledger_size().await, before);
        let r = draw_round(&app, &zhifa, &[market], "2").await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);

        let r = draw_round(&app, &sifaju, &[market, city], "2").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let round_id = id_after(r.location(), "/staff/case-reviews/");
        assert_eq!(app.ledger_size().await, before + 1);
        let page = app
            .get(&format!("/staff/case-reviews/{round_id}"), Some(&sifaju))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("随机种子"));
        let files = app.db.store.case_review_files(gov, round_id).await.unwrap();
        assert!(files.len() >= 2, "{files:?}");
        let file = files
            .iter()
            .find(|f| f.department_id == market)
            .expect("a market bureau file");
        assert!(
            page.body
                .contains(&format!("/staff/cases/{}", file.case_id))
        );
        let case = file.case_id.to_string();

        // A deduction without its reason is refused beside the field.
        let before = app.ledger_size().await;
        let score_path = format!("/staff/case-reviews/{round_id}/score");
        let mut form = vec![("case_id", case.as_str()), ("findings", "告知书格式不规范")];
        form.extend([
            ("points_subject", "10"),
            ("points_procedure", "25"),
            ("points_evidence", "20"),
            ("points_law", "20"),
            ("points_documents", "8"),
            ("points_file", "10"),
            ("reason_documents", "送达回证缺少签名"),
        ]);
        let r = app.post_form(&score_path, Some(&sifaju), &form).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("扣分须写明理由"), "{}", r.body);
        assert_eq!(app.ledger_size().await, before);
        form.push(("reason_procedure", "事先告知书未载明陈述申辩期限"));
        let r = app.post_form(&score_path, Some(&sifaju), &form).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let scored = app.db.store.case_review_files(gov, round_id).await.unwrap();
        let scored = scored.iter().find(|f| f.case_id == file.case_id).unwrap();
        assert_eq!(scored.total, Some(93));

        // Rectification with a deadline the department sees.
        let r = app
            .post_form(
                &format!("/staff/case-reviews/{round_id}/rectifications"),
                Some(&sifaju),
                &[
                    ("case_id", &case),
                    ("requirement", "补正送达回证，规范事先告知书"),
                    ("due_on", "2026-03-30"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let rect = app
            .db
            .store
            .rectifications(gov, &Default::default())
            .await
            .unwrap()
            .pop()
            .unwrap();
        let deadlines = app.get("/staff/deadlines", Some(&zhifa)).await;
        assert!(
            deadlines.body.contains("案卷评查整改"),
            "{}",
            deadlines.body
        );
        let list = app.get("/staff/case-reviews", Some(&zhifa)).await;
        assert!(list.body.contains(&file.case_number));
        // The department may not accept its own rectification; the office may not before a report.
        let done = format!("/staff/case-reviews/rectifications/{}/done", rect.id);
        let report = format!("/staff/case-reviews/rectifications/{}/report", rect.id);
        assert_eq!(
            app.post_form(&done, Some(&zhifa), &[]).await.status,
            StatusCode::FORBIDDEN
        );
        let r = app.post_form(&done, Some(&sifaju), &[]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("尚未报告整改情况"));
        let r = app
            .post_form(
                &report,
                Some(&zhifa),
                &[("report", "已补正送达回证，修订告知书模板")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = app
            .post_form(&done, Some(&sifaju), &[("note", "经复核，整改到位")])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let page = app
            .get(&format!("/staff/case-reviews/{round_id}"), Some(&zhifa))
            .await;
        assert!(page.body.contains("整改完成"));
        assert!(page.body.contains("报告整改情况"));
        verified(&app).await;
        app.finish().await;
    }
}

#[tokio::test]
async fn supervision_letter_is_answered_by_the_department_within_its_deadline() {
    for app in TestApp::all().await {
        let sifaju = app.login("sifaju").await;
        let zhifa = app.login("zhifa").await;
        let market = department(&app, "安吉县市场监督管理局")
            .await
            .id
            .to_string();
        let city = department(&app, "安吉县综合行政执法局")
            .await
            .id
            .to_string();
        let send = |dept: String, subject: &'static str| {
            let app = &app;
            let sifaju = &sifaju;
            async move {
                app.post_form(
                    "/staff/letters",
                    Some(sifaju),
                    &[
                        ("kind", "supervision"),
                        ("department_id", &dept),
                        ("subject", subject),
                        ("body", "请于答复期限内书面报告办理情况。"),
                    ],
                )
                .await
            }
        };
        let r = send(market.clone(), "关于行政处罚决定公示超期问题的督办").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let path = r.location().to_owned();
        let page = app.get(&path, Some(&zhifa)).await;
        assert_eq!(page.status, StatusCode::OK);
        // 15 working days (the [practice] default) from Monday 2026-03-02.
        assert!(page.body.contains("2026-03-23"), "{}", page.body);
        assert!(page.body.contains("法监督〔2026〕1号"));
        assert!(
            app.get("/staff/deadlines", Some(&zhifa))
                .await
                .body
                .contains("关于行政处罚决定公示超期问题的督办")
        );
        // A letter to another department is out of the department's scope.
        let other = send(city, "关于市容执法文书的督办").await;
        let other_path = other.location().to_owned();
        assert_eq!(
            app.get(&other_path, Some(&zhifa)).await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            app.post_form(
                &format!("{other_path}/reply"),
                Some(&zhifa),
                &[("reply", "x")]
            )
            .await
            .status,
            StatusCode::NOT_FOUND
        );
        // The office does not answer its own letter.
        assert_eq!(
            app.post_form(&format!("{path}/reply"), Some(&sifaju), &[("reply", "x")])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let before = app.ledger_size().await;
        let r = app
            .post_form(&format!("{path}/reply"), Some(&zhifa), &[("reply", " ")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(app.ledger_size().await, before);
        let r = app
            .post_form(
                &format!("{path}/reply"),
                Some(&zhifa),
                &[("reply", "已逐案补正公示，并建立公示前审核机制。")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = app
            .post_form(
                &format!("{path}/reply"),
                Some(&zhifa),
                &[("reply", "再次答复")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("不能重复答复"));
        assert!(
            !app.get("/staff/deadlines", Some(&zhifa))
                .await
                .body
                .contains("关于行政处罚决定公示超期问题的督办")
        );
        let unreplied = app.get("/staff/letters?unreplied=1", Some(&sifaju)).await;
        assert!(unreplied.body.contains("关于市容执法文书的督办"));
        assert!(
            !unreplied
                .body
                .contains("关于行政处罚决定公示超期问题的督办")
        );
        // The reply period is configuration: the office changes it, the department may not.
        assert_eq!(
            app.post_form(
                "/staff/letters/settings",
                Some(&zhifa),
                &[("reply_working_days", "10")]
            )
            .await
            .status,
            StatusCode::FORBIDDEN
        );
        let r = app
            .post_form(
                "/staff/letters/settings",
                Some(&sifaju),
                &[("reply_working_days", "0")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = app
            .post_form(
                "/staff/letters/settings",
                Some(&sifaju),
                &[("reply_working_days", "10")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let r = send(market, "关于执法证件到期换证的督办").await;
        let page = app.get(r.location(), Some(&sifaju)).await;
        assert!(page.body.contains("2026-03-16"), "{}", page.body);
        verified(&app).await;
        app.finish().await;
    }
}

#[tokio::test]
async fn random_inspection_is_drawn_conducted_opened_as_a_case_and_published() {
    for app in TestApp::all().await {
        let gov = app.government_id;
        let zhifa = app.login("zhifa").await;
        let lingdao = app.login("lingdao").await;
        let market = department(&app, "安吉县市场监督管理局").await.id;
        let m = market.to_string();
        let matter = "食品经营许可事项监督检查";
        for (name, kind, id_number) in [
            ("周海峰", "individual", "330523198805051234"),
            (
                "安吉递铺好又多超市有限公司",
                "organisation",
                "91330523MA2B000001",
            ),
            ("安吉昌硕百味餐饮店", "organisation", "91330523MA2B000002"),
            ("安吉灵峰竹香农家乐", "organisation", "91330523MA2B000003"),
        ] {
            let r = app
                .post_form(
                    "/staff/inspection-targets",
                    Some(&zhifa),
                    &[
                        ("department_id", &m),
                        ("matter", matter),
                        ("name", name),
                        ("party_kind", kind),
                        ("id_number", id_number),
                        ("address", "安吉县递铺街道"),
                    ],
                )
                .await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        }
        let (targets, _) = app
            .db
            .store
            .inspection_targets(
                gov,
                &store::inspections::TargetFilter {
                    limit: 10,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        let person = targets.iter().find(|t| t.name == "周海峰").unwrap().id;
        let officers = app
            .db
            .store
            .list_officers(
                gov,
                &store::OfficerFilter {
                    department_ids: Some(vec![market]),
                    status: Some(domain::enforcement::officer::CertificateStatus::Valid),
                    expiring_within_days: None,
                    search: String::new(),
                    today: calendar::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
                    offset: 0,
                    limit: 100,
                },
            )
            .await
            .unwrap()
            .0;
        let excluded = officers[0].officer.id;
        let r = app
            .post_form(
                &format!("/staff/inspection-targets/{person}/exclusions"),
                Some(&zhifa),
                &[("officer_id", &excluded.to_string()), ("reason", "近亲属")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = app
            .post_form(
                "/staff/inspection-plans",
                Some(&zhifa),
                &[
                    ("department_id", &m),
                    ("title", "2026年食品经营者双随机抽查"),
                    ("matter", matter),
                    ("n_targets", "4"),
                    ("officers_per_target", "2"),
                    ("planned_on", "2026-03-02"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let plan_path = r.location().to_owned();
        let plan_id = id_after(&plan_path, "/staff/inspection-plans/");
        let r = app
            .post_form(&format!("{plan_path}/draw"), Some(&zhifa), &[])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = app
            .post_form(&format!("{plan_path}/draw"), Some(&zhifa), &[])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("已抽取"));
        let plan_page = app.get(&plan_path, Some(&zhifa)).await;
        assert!(plan_page.body.contains("随机种子"));
        let (drawn, n) = app
            .db
            .store
            .inspections(
                gov,
                &store::inspections::InspectionFilter {
                    plan_id: Some(plan_id),
                    limit: 10,
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(n, 4);
        let of_person = drawn
            .iter()
            .find(|i| i.inspection.target_id == person)
            .unwrap();
        assert!(!of_person.drawn_officer_ids.contains(&excluded));

        // The organisation: conducted by the drawn officers, a violation, 立案, published.
        let i = drawn
            .iter()
            .find(|i| i.inspection.target_id != person)
            .unwrap();
        let path = format!("/staff/inspections/{}", i.inspection.id);
        let act = format!("{path}/act");
        let mut form: Vec<(&str, String)> = vec![
            ("action", "conduct".into()),
            ("conducted_on", "2026-03-02".into()),
            ("findings", "后厨存放超过保质期的食品原料".into()),
        ];
        for o in &i.drawn_officer_ids {
            form.push(("officer_ids", o.to_string()));
        }
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            app.post_form(&act, Some(&lingdao), &form).await.status,
            StatusCode::FORBIDDEN
        );
        let r = app.post_form(&act, Some(&zhifa), &form).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = app
            .post_form(
                &act,
                Some(&zhifa),
                &[("action", "result"), ("result", "case")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let before = app.ledger_size().await;
        let r = app
            .post_form(&act, Some(&zhifa), &[("action", "close")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("须关联处罚案件"));
        assert_eq!(app.ledger_size().await, before);
        let r = app
            .post_form(&act, Some(&zhifa), &[("action", "open_case")])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let case_id = id_after(r.location(), "/staff/cases/");
        let case = app.get(r.location(), Some(&zhifa)).await;
        assert_eq!(case.status, StatusCode::OK);
        assert!(case.body.contains("后厨存放超过保质期的食品原料"));
        // The case page links back to the inspection it came from.
        assert!(case.body.contains("来源检查"), "{}", case.body);
        assert!(case.body.contains(&format!("href=\"{path}\"")));
        let r = app
            .post_form(&act, Some(&zhifa), &[("action", "publish")])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let page = app.get(&path, Some(&lingdao)).await;
        assert!(page.body.contains(&format!("/staff/cases/{case_id}")));
        assert!(page.body.contains("已在门户公示"));

        // The individual: compliant, published with the name masked and no identity number.
        let path = format!("/staff/inspections/{}", of_person.inspection.id);
        let act = format!("{path}/act");
        let mut form: Vec<(&str, String)> = vec![("action", "conduct".into())];
        for o in &of_person.drawn_officer_ids {
            form.push(("officer_ids", o.to_string()));
        }
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(
            app.post_form(&act, Some(&zhifa), &form).await.status,
            StatusCode::SEE_OTHER
        );
        for step in [
            vec![("action", "result"), ("result", "compliant")],
            vec![("action", "publish")],
            vec![("action", "close")],
        ] {
            let r = app.post_form(&act, Some(&zhifa), &step).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{step:?}: {}", r.body);
        }
        let portal = app.get("/inspections", None).await;
        assert_eq!(portal.status, StatusCode::OK);
        assert!(portal.body.contains(matter));
        assert!(portal.body.contains("周**"), "{}", portal.body);
        assert!(!portal.body.contains("周海峰"));
        assert!(!portal.body.contains("330523198805051234"));
        assert!(portal.body.contains("发现违法行为"));
        let api = app.get("/api/v1/public/inspections", None).await.json();
        assert_eq!(api["total"], 2);
        assert!(!api.to_string().contains("330523198805051234"));
        // The public ledger does not hold the individual's identity number either.
        let size = app.ledger_size().await;
        let entries = app
            .get(
                &format!(
                    "/api/v1/ledger/{gov}/entries?start={}&end={size}",
                    (size - 200).max(0)
                ),
                None,
            )
            .await;
        assert_eq!(entries.status, StatusCode::OK);
        assert!(entries.body.contains("inspection_target"));
        assert!(!entries.body.contains("330523198805051234"));
        verified(&app).await;
        app.finish().await;
    }
}

#[tokio::test]
async fn api_runs_supervision_and_refuses_with_codes() {
    for app in TestApp::all().await {
        with_closed_cases(&app).await;
        let sifaju = app.login("sifaju").await;
        let zhifa = app.login("zhifa").await;
        let market = department(&app, "安吉县市场监督管理局").await.id;
        let body = serde_json::json!({
            "title": "专项评查", "department_ids": [market], "closed_from": "2025-01-01",
            "closed_to": "2026-03-02", "size_kind": "per_mille", "size_value": 1000,
        });
        let r = app
            .json("POST", "/api/v1/case-reviews", Some(&zhifa), &body)
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(r.json()["code"], "forbidden");
        let r = app
            .json("POST", "/api/v1/case-reviews", Some(&sifaju), &body)
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let round = r.json();
        let id = round["id"].as_i64().unwrap();
        assert!(round["seed"].as_str().unwrap().parse::<u64>().is_ok());
        let case_id = round["groups"][0]["files"][0]["case_id"].as_i64().unwrap();
        let before = app.ledger_size().await;
        let r = app
            .json(
                "POST",
                &format!("/api/v1/case-reviews/{id}/scores"),
                Some(&sifaju),
                &serde_json::json!({"case_id": case_id, "scores": [{"code": "subject", "points": 11}]}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["code"], "invalid_input");
        assert!(r.json()["fields"]["points_subject"].is_array());
        let r = app
            .json(
                "POST",
                &format!("/api/v1/case-reviews/{id}/rectifications"),
                Some(&sifaju),
                &serde_json::json!({"case_id": case_id, "requirement": "补正", "due_on": "2026-03-01"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["code"], "supervision.rectification_due_too_early");
        assert_eq!(app.ledger_size().await, before);
        let r = app
            .json(
                "POST",
                &format!("/api/v1/case-reviews/{id}/rectifications"),
                Some(&sifaju),
                &serde_json::json!({"case_id": case_id, "requirement": "补正送达回证", "due_on": "2026-03-20"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let rid = r.json()["id"].as_i64().unwrap();
        let r = app
            .json(
                "POST",
                &format!("/api/v1/case-reviews/rectifications/{rid}/report"),
                Some(&zhifa),
                &serde_json::json!({"text": "已补正"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["status"], "reported");
        let list = app.get("/api/v1/case-reviews", Some(&zhifa)).await.json();
        assert_eq!(list["total"], 1);

        // Letters.
        let r = app
            .json(
                "POST",
                "/api/v1/letters",
                Some(&sifaju),
                &serde_json::json!({"kind": "prompt", "department_id": market.to_string(), "subject": "关于执法证到期的提示", "body": "请及时换证。"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let lid = r.json()["id"].as_i64().unwrap();
        assert_eq!(r.json()["letter_number"], "法监提〔2026〕1号");
        let reply = format!("/api/v1/letters/{lid}/reply");
        let r = app
            .json(
                "POST",
                &reply,
                Some(&zhifa),
                &serde_json::json!({"text": "已组织换证"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let r = app
            .json(
                "POST",
                &reply,
                Some(&zhifa),
                &serde_json::json!({"text": "再次答复"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["code"], "supervision.letter_already_replied");
        let letters = app.get("/api/v1/letters", Some(&zhifa)).await.json();
        assert_eq!(letters["total"], 1);

        // Inspections.
        let r = app
            .json(
                "POST",
                "/api/v1/inspections/targets",
                Some(&zhifa),
                &serde_json::json!({"department_id": market.to_string(), "matter": "工业产品质量监督检查", "name": "安吉递铺电线电缆有限公司"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let tid = r.json()["id"].as_i64().unwrap();
        let r = app
            .json(
                "POST",
                "/api/v1/inspections",
                Some(&zhifa),
                &serde_json::json!({"target_id": tid}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let iid = r.json()["id"].as_i64().unwrap();
        let before = app.ledger_size().await;
        let r = app
            .json(
                "POST",
                &format!("/api/v1/inspections/{iid}/commands"),
                Some(&zhifa),
                &serde_json::json!({"action": "result", "fields": {"result": "compliant"}}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["code"], "inspection.wrong_stage");
        // A one-officer team is refused (行政处罚法 第四十二条).
        let r = app
            .json(
                "POST",
                &format!("/api/v1/inspections/{iid}/commands"),
                Some(&zhifa),
                &serde_json::json!({"action": "conduct", "fields": {"officer_ids": []}}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_eq!(app.ledger_size().await, before);
        let planned = app
            .get("/api/v1/inspections?stage=planned", Some(&sifaju))
            .await
            .json();
        assert_eq!(planned["total"], 1);
        verified(&app).await;
        app.finish().await;
    }
}

//! The JSON API: error format, bad input, oversized bodies, a database that is down.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use crate::util::TestApp;

#[tokio::test]
async fn errors_are_json_with_a_stable_code_and_a_chinese_message() {
    for app in TestApp::all().await {
        let r = app.get("/api/v1/nothing-here", None).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_eq!(r.json()["code"], "not_found");
        let s = app.login("sifaju").await;
        let r = app
            .json(
                "POST",
                "/api/v1/departments",
                Some(&s),
                &serde_json::json!({"name": "", "is_enforcement_body": true}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let body = r.json();
        assert_eq!(body["code"], "invalid_input");
        assert_eq!(body["fields"]["name"][0], "此项为必填项");
        assert!(body["fields"]["enforcement_basis"].is_array());
        let req = Request::post("/api/v1/departments")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::COOKIE, &s.cookie)
            .header("x-csrf-token", &s.csrf)
            .body(Body::from("{not json"))
            .unwrap();
        let r = app.send(req).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(r.json()["code"], "bad_request");
        let r = app
            .json(
                "POST",
                "/api/v1/session",
                None,
                &serde_json::json!({"username": "admin", "password": "x"}),
            )
            .await;
        assert_eq!(r.json()["code"], "account.bad_credentials");
        assert!(
            r.json()["message"]
                .as_str()
                .unwrap()
                .contains("用户名或密码错误")
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let app = TestApp::on(store::test_support::sqlite().await).await;
    let s = app.login("sifaju").await;
    let big = "x".repeat(web::router::MAX_BODY_BYTES + 10);
    let req = Request::post("/api/v1/departments")
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::COOKIE, &s.cookie)
        .header("x-csrf-token", &s.csrf)
        .body(Body::from(format!("{{\"name\":\"{big}\"}}")))
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.json()["code"], "payload_too_large");
    let r = app
        .post_form("/staff/departments", Some(&s), &[("name", &big)])
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    app.finish().await;
}

#[tokio::test]
async fn a_database_that_is_down_answers_503() {
    for app in TestApp::all().await {
        let s = app.login("sifaju").await;
        app.db.store.close().await;
        let r = app.get("/api/v1/departments", Some(&s)).await;
        assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE, "{}", r.body);
        assert_eq!(r.json()["code"], "unavailable");
        let r = app.get("/", None).await;
        assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(r.body.contains("系统暂时不可用"));
        assert_eq!(
            app.get("/healthz", None).await.status,
            StatusCode::SERVICE_UNAVAILABLE
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn departments_through_the_api_are_ledgered_and_published() {
    for app in TestApp::all().await {
        let s = app.login("sifaju").await;
        let before = app.ledger_size().await;
        let r = app
            .json("POST", "/api/v1/departments", Some(&s), &serde_json::json!({"name": "安吉县气象局", "is_enforcement_body": true, "enforcement_basis": "《中华人民共和国气象法》第五条"}))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let id = r.json()["id"].as_i64().unwrap();
        let r = app
            .json(
                "POST",
                &format!("/api/v1/departments/{id}/publish"),
                Some(&s),
                &serde_json::json!({}),
            )
            .await;
        assert_eq!(r.json()["enforcement_published"], true);
        let public = app
            .get("/api/v1/public/enforcement-bodies", None)
            .await
            .json();
        assert!(
            public
                .as_array()
                .unwrap()
                .iter()
                .any(|b| b["name"] == "安吉县气象局")
        );
        let r = app
            .json(
                "POST",
                &format!("/api/v1/departments/{id}/withdraw"),
                Some(&s),
                &serde_json::json!({}),
            )
            .await;
        assert_eq!(r.json()["enforcement_published"], false);
        assert_eq!(app.ledger_size().await, before + 3);
        // A non-enforcement department cannot be published.
        let r = app
            .json(
                "POST",
                "/api/v1/departments",
                Some(&s),
                &serde_json::json!({"name": "安吉县档案馆"}),
            )
            .await;
        let id = r.json()["id"].as_i64().unwrap();
        let r = app
            .json(
                "POST",
                &format!("/api/v1/departments/{id}/publish"),
                Some(&s),
                &serde_json::json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.json()["code"], "department.not_publishable");
        app.finish().await;
    }
}

//! The role × route matrix: every route in `web::router::ROUTES`, with every role, allowed or denied
//! exactly as `domain::permission::allows` says.

use axum::http::StatusCode;
use domain::account::Role;
use domain::permission::allows;
use web::router::{Access, ROUTES};

use crate::util::TestApp;

#[tokio::test]
async fn every_route_with_every_role() {
    for app in TestApp::all().await {
        let admin = app.login("admin").await;
        // Targets for `{id}`: a department and an account nobody logs in with.
        let d = app
            .json(
                "POST",
                "/api/v1/departments",
                Some(&admin),
                &serde_json::json!({"name": "矩阵测试部门"}),
            )
            .await;
        let dept_id = d.json()["id"].as_i64().unwrap();
        let u = app
            .json("POST", "/api/v1/users", Some(&admin), &serde_json::json!({"username": "matrix.dummy", "display_name": "矩阵", "role": "leader"}))
            .await;
        let user_id = u.json()["user"]["id"].as_i64().unwrap();
        let users = [
            ("admin", Role::Admin),
            ("sifaju", Role::LegalOffice),
            ("zhifa", Role::DepartmentStaff),
            ("shenhe", Role::DepartmentReviewer),
            ("lingdao", Role::Leader),
            ("guwen", Role::LegalAdviser),
        ];
        let mut grid = Vec::new();
        for (method, path, access) in ROUTES {
            let id = if path.contains("/users/") {
                user_id
            } else {
                dept_id
            };
            let path = path
                .replace("{id}", &id.to_string())
                .replace("{government}", &app.government_id.to_string());
            // The department staff's scope is the market-supervision bureau: use a department inside it.
            for (username, role) in users {
                let s = app.login(username).await;
                let r = match *method {
                    "GET" => app.get(&path, Some(&s)).await,
                    "POST" if !path.starts_with("/api/") => {
                        app.post_form(&path, Some(&s), &[]).await
                    }
                    m => app.json(m, &path, Some(&s), &serde_json::json!({})).await,
                };
                // The login form answers 403 to a post without its pre-login token: that is CSRF, not the role.
                let denied = r.status == StatusCode::FORBIDDEN
                    && !r.body.contains("表单已过期")
                    && !r.body.contains("\"csrf\"");
                let expect_denied = match access {
                    Access::Public | Access::LoggedIn => false,
                    Access::Needs(action) => !allows(role, *action),
                };
                // Routes scoped to a department subtree answer 404 for departments outside it.
                let out_of_scope = r.status == StatusCode::NOT_FOUND
                    && path.contains("/departments/")
                    && role.needs_department();
                grid.push(format!("{method} {path} {username}: {}", r.status.as_u16()));
                if expect_denied {
                    assert!(
                        denied || out_of_scope,
                        "{method} {path} as {username} should be denied, got {} {}",
                        r.status,
                        &r.body[..r.body.len().min(200)]
                    );
                } else {
                    assert!(
                        !denied,
                        "{method} {path} as {username} should be allowed, got {} {}",
                        r.status,
                        &r.body[..r.body.len().min(300)]
                    );
                    assert_ne!(
                        r.status,
                        StatusCode::UNAUTHORIZED,
                        "{method} {path} as {username}"
                    );
                    assert!(
                        r.status.as_u16() < 500,
                        "{method} {path} as {username}: {} {}",
                        r.status,
                        r.body
                    );
                }
            }
        }
        assert_eq!(grid.len(), ROUTES.len() * users.len());
        app.finish().await;
    }
}

#[tokio::test]
async fn staff_routes_need_a_login() {
    for app in TestApp::all().await {
        for (method, path, access) in ROUTES {
            if *access == Access::Public {
                continue;
            }
            let path = path.replace("{id}", "1").replace("{government}", "1");
            let r = match *method {
                "GET" => app.get(&path, None).await,
                "POST" if !path.starts_with("/api/") => app.post_form(&path, None, &[]).await,
                m => app.json(m, &path, None, &serde_json::json!({})).await,
            };
            if path.starts_with("/api/") {
                assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{method} {path}");
                assert_eq!(r.json()["code"], "unauthenticated");
            } else {
                assert_eq!(r.status, StatusCode::SEE_OTHER, "{method} {path}");
                assert_eq!(r.location(), "/login");
            }
        }
        app.finish().await;
    }
}

#[tokio::test]
async fn openapi_documents_every_api_route() {
    let app = TestApp::on(store::test_support::sqlite().await).await;
    let doc = app.get("/api/v1/openapi.json", None).await.json();
    for (method, path, _) in ROUTES {
        if !path.starts_with("/api/v1/") || *path == "/api/v1/openapi.json" {
            continue;
        }
        let op = &doc["paths"][*path][method.to_lowercase()];
        assert!(
            op.is_object(),
            "{method} {path} is not in the OpenAPI document"
        );
    }
    assert!(doc["paths"]["/healthz"]["get"].is_object());
    app.finish().await;
}

#[test]
fn every_route_in_the_router_is_in_routes() {
    // The router is code and cannot be listed at run time, so read its source: every
    // `.route("…"` path must have an entry in ROUTES, or the role matrix would not cover it.
    let source = include_str!("../src/router.rs");
    let body = &source[source.find("pub fn app(").unwrap()..];
    let mut n = 0;
    for piece in body.split(".route(").skip(1) {
        let path = piece
            .trim_start()
            .trim_start_matches('"')
            .split('"')
            .next()
            .unwrap();
        n += 1;
        assert!(
            ROUTES.iter().any(|(_, p, _)| *p == path),
            "{path} is routed but not listed in ROUTES"
        );
    }
    assert!(n > 40);
}

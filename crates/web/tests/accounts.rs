//! Login controls: lockout, idle timeout, CSRF, forced password change, audit of every event.

use axum::http::StatusCode;
use store::AuditFilter;

use crate::util::{TestApp, enc};

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    let filter = AuditFilter {
        action: Some(action.into()),
        limit: 100,
        ..Default::default()
    };
    app.db
        .store
        .list_audit(app.government_id, &filter)
        .await
        .unwrap()
        .1
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_account_for_15_minutes() {
    for app in TestApp::all().await {
        for n in 1..=4 {
            let r = app.form_login("zhifa", "Wrong#pass1").await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "attempt {n}");
            assert!(r.body.contains("用户名或密码错误"), "{}", r.body);
        }
        let r = app.form_login("zhifa", "Wrong#pass1").await;
        assert!(r.body.contains("账号已锁定"), "{}", r.body);
        // The right password is refused while locked.
        let r = app.form_login("zhifa", demo::DEMO_PASSWORD).await;
        assert!(r.body.contains("账号已锁定"));
        assert_eq!(audit_count(&app, "login_failed").await, 4);
        assert_eq!(audit_count(&app, "account_locked").await, 1);
        assert_eq!(audit_count(&app, "login_refused_locked").await, 1);
        app.advance_minutes(15);
        let r = app.form_login("zhifa", demo::DEMO_PASSWORD).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(r.location(), "/staff");
        assert_eq!(audit_count(&app, "login").await, 1);
        app.finish().await;
    }
}

#[tokio::test]
async fn an_admin_unlocks_a_locked_account() {
    for app in TestApp::all().await {
        for _ in 0..5 {
            app.form_login("guwen", "Wrong#pass1").await;
        }
        assert!(app.try_login("guwen", demo::DEMO_PASSWORD).await.is_err());
        let admin = app.login("admin").await;
        let users = app.get("/api/v1/users", Some(&admin)).await.json();
        let id = users
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["username"] == "guwen")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let r = app
            .post_form(&format!("/staff/users/{id}/unlock"), Some(&admin), &[])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(app.try_login("guwen", demo::DEMO_PASSWORD).await.is_ok());
        assert_eq!(audit_count(&app, "user.unlock").await, 1);
        app.finish().await;
    }
}

#[tokio::test]
async fn unknown_user_names_are_refused_like_wrong_passwords() {
    for app in TestApp::all().await {
        let r = app.form_login("nobody", "Wrong#pass1").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("用户名或密码错误"));
        app.finish().await;
    }
}

#[tokio::test]
async fn sessions_end_after_30_idle_minutes() {
    for app in TestApp::all().await {
        let s = app.login("sifaju").await;
        app.advance_minutes(29);
        assert_eq!(app.get("/staff", Some(&s)).await.status, StatusCode::OK);
        // Activity restarts the clock.
        app.advance_minutes(29);
        assert_eq!(app.get("/staff", Some(&s)).await.status, StatusCode::OK);
        app.advance_minutes(31);
        let r = app.get("/staff", Some(&s)).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.location(), "/login");
        assert_eq!(
            app.get("/api/v1/me", Some(&s)).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(audit_count(&app, "session_timeout").await, 1);
        app.finish().await;
    }
}

#[tokio::test]
async fn forms_without_the_csrf_token_change_nothing() {
    for app in TestApp::all().await {
        let s = app.login("sifaju").await;
        let before = app.ledger_size().await;
        let r = app
            .post_form(
                "/staff/departments",
                Some(&s),
                &[
                    ("csrf", "forged"),
                    ("name", "县信访局"),
                    ("enforcement_basis", ""),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(r.body.contains("表单已过期或来源不明"));
        // API writes need the header too.
        let mut no_header = s.clone();
        no_header.csrf = String::new();
        let r = app
            .json(
                "POST",
                "/api/v1/departments",
                Some(&no_header),
                &serde_json::json!({"name": "县信访局"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(r.json()["code"], "csrf");
        assert_eq!(app.ledger_size().await, before);
        // The login form needs its pre-login token.
        let r = app
            .post_form(
                "/login",
                None,
                &[
                    ("csrf", "x"),
                    ("username", "admin"),
                    ("password", demo::DEMO_PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        app.finish().await;
    }
}

#[tokio::test]
async fn a_reset_password_must_be_changed_before_anything_else() {
    for app in TestApp::all().await {
        let admin = app.login("admin").await;
        let users = app.get("/api/v1/users", Some(&admin)).await.json();
        let id = users
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["username"] == "lingdao")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let r = app
            .json(
                "POST",
                &format!("/api/v1/users/{id}/reset-password"),
                Some(&admin),
                &serde_json::json!({}),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let initial = r.json()["initial_password"].as_str().unwrap().to_owned();
        let r = app.form_login("lingdao", &initial).await;
        assert_eq!(r.location(), "/account/password");
        let s = app.try_login("lingdao", &initial).await.unwrap();
        let r = app.get("/staff", Some(&s)).await;
        assert_eq!(r.location(), "/account/password");
        let r = app.get("/api/v1/me", Some(&s)).await;
        assert_eq!(r.json()["code"], "account.password_change_required");
        // A weak new password is refused beside the field.
        let r = app
            .post_form(
                "/account/password",
                Some(&s),
                &[
                    ("current", &initial),
                    ("new_password", "abcdefgh"),
                    ("confirm", "abcdefgh"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("至少三类"));
        let r = app
            .post_form(
                "/account/password",
                Some(&s),
                &[
                    ("current", &initial),
                    ("new_password", "Zhengfu#2026x"),
                    ("confirm", "Zhengfu#2026x"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let s = app.try_login("lingdao", "Zhengfu#2026x").await.unwrap();
        assert_eq!(app.get("/staff", Some(&s)).await.status, StatusCode::OK);
        let _ = enc("");
        app.finish().await;
    }
}

#[tokio::test]
async fn logout_ends_the_session_and_is_audited() {
    for app in TestApp::all().await {
        let s = app.login("shenhe").await;
        let r = app.post_form("/logout", Some(&s), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(
            app.get("/api/v1/me", Some(&s)).await.status,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(audit_count(&app, "logout").await, 1);
        app.finish().await;
    }
}

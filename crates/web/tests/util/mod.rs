//! The test application: a seeded demo county on a fresh database, a movable clock, and helpers
//! for requests as a visitor or a logged-in user.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use store::test_support::{self, TestDb};
use tower::ServiceExt;
use web::AppState;

/// 2026-03-02 09:00 China time.
pub const T0: i64 = 1_772_413_200_000;

/// A seeded application.
pub struct TestApp {
    pub router: Router,
    pub db: TestDb,
    pub clock: Arc<AtomicI64>,
    pub government_id: i64,
    pub keys: web::keys::KeyDir,
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// Every `name=value` the response sets as a cookie.
    pub fn cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(|v| v.split(';').next().unwrap_or("").to_owned())
            .collect()
    }
}

/// A logged-in client.
#[derive(Debug, Clone)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

fn hash(p: &str) -> String {
    web::auth::hash_password(p).unwrap()
}

impl TestApp {
    /// One app per engine available.
    pub async fn all() -> Vec<TestApp> {
        let mut apps = Vec::new();
        for db in test_support::engines().await {
            apps.push(TestApp::on(db).await);
        }
        apps
    }

    pub async fn on(db: TestDb) -> TestApp {
        let keys = web::keys::KeyDir::new(std::env::temp_dir().join(format!(
            "fazhi-keys-{}",
            store::test_support::unique_suffix()
        )));
        let new_log = |region: &str, name: &str| {
            keys.create_log(
                region,
                name,
                T0,
                ledger::HashAlgorithm::Sm3,
                ledger::SignatureAlgorithm::Sm2,
            )
        };
        let info = demo::seed(&db.store, T0, &hash, &new_log)
            .await
            .expect("demo seed");
        demo::annual::seed_annual_report(&db.store, info.government_id, T0)
            .await
            .expect("demo annual report");
        web::ledger::sign_pending(&db.store, &keys, T0)
            .await
            .expect("sign the first tree head");
        let clock = Arc::new(AtomicI64::new(T0));
        let c = clock.clone();
        let state = AppState::new(db.store.clone(), keys.clone())
            .with_clock(Arc::new(move || c.load(Ordering::SeqCst)))
            .load()
            .await
            .expect("load imported calendar tables");
        TestApp {
            router: web::app(state),
            db,
            clock,
            government_id: info.government_id,
            keys,
        }
    }

    pub fn advance_minutes(&self, minutes: i64) {
        self.clock.fetch_add(minutes * 60_000, Ordering::SeqCst);
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let resp = self.router.clone().oneshot(req).await.expect("infallible");
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = resp.into_body().collect().await.expect("body").to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    pub async fn get(&self, path: &str, session: Option<&Session>) -> Reply {
        let mut b = Request::get(path);
        if let Some(s) = session {
            b = b.header(header::COOKIE, &s.cookie);
        }
        self.send(b.body(Body::empty()).unwrap()).await
    }

    /// POSTs a form; the session's CSRF token is added unless the form has one.
    pub async fn post_form(
        &self,
        path: &str,
        session: Option<&Session>,
        form: &[(&str, &str)],
    ) -> Reply {
        let mut pairs: Vec<(String, String)> = form
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        if let Some(s) = session
            && !pairs.iter().any(|(k, _)| k == "csrf")
        {
            pairs.push(("csrf".into(), s.csrf.clone()));
        }
        let body: String = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect::<Vec<_>>()
            .join("&");
        let mut b =
            Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(s) = session {
            b = b.header(header::COOKIE, &s.cookie);
        }
        self.send(b.body(Body::from(body)).unwrap()).await
    }

    /// Sends JSON with the session cookie and CSRF header.
    pub async fn json(
        &self,
        method: &str,
        path: &str,
        session: Option<&Session>,
        body: &serde_json::Value,
    ) -> Reply {
        let mut b = Request::builder()
            .method(method)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(s) = session {
            b = b
                .header(header::COOKIE, &s.cookie)
                .header("x-csrf-token", &s.csrf);
        }
        self.send(b.body(Body::from(body.to_string())).unwrap())
            .await
    }

    /// Logs in through the API.
    pub async fn login(&self, username: &str) -> Session {
        self.try_login(username, demo::DEMO_PASSWORD)
            .await
            .unwrap_or_else(|r| panic!("login {username}: {r:?}"))
    }

    pub async fn try_login(&self, username: &str, password: &str) -> Result<Session, Reply> {
        let r = self
            .json(
                "POST",
                "/api/v1/session",
                None,
                &serde_json::json!({"username": username, "password": password}),
            )
            .await;
        if r.status != StatusCode::OK {
            return Err(r);
        }
        let cookie = r
            .cookies()
            .into_iter()
            .find(|c| c.starts_with("fazhi_session="))
            .expect("session cookie");
        let csrf = r.json()["csrf_token"].as_str().unwrap().to_owned();
        Ok(Session { cookie, csrf })
    }

    /// Logs in through the login form (with its pre-login CSRF cookie).
    pub async fn form_login(&self, username: &str, password: &str) -> Reply {
        let page = self.get("/login", None).await;
        let csrf_cookie = page
            .cookies()
            .into_iter()
            .find(|c| c.starts_with("fazhi_login_csrf="))
            .expect("login csrf cookie");
        let token = csrf_cookie
            .trim_start_matches("fazhi_login_csrf=")
            .to_owned();
        let body = format!(
            "csrf={}&username={}&password={}",
            enc(&token),
            enc(username),
            enc(password)
        );
        let req = Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, csrf_cookie)
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    pub async fn ledger_size(&self) -> i64 {
        self.db.store.ledger_size(self.government_id).await.unwrap()
    }

    pub async fn finish(self) {
        self.db.finish().await;
    }
}

pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

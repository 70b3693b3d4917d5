//! Staff pages and the portal: the department journey, validation beside the field, Chinese 404.

use axum::http::StatusCode;
use tower::ServiceExt;

use crate::util::TestApp;

#[tokio::test]
async fn a_department_is_created_published_and_shown_on_the_portal() {
    for app in TestApp::all().await {
        let s = app.login("sifaju").await;
        let before = app.ledger_size().await;
        let r = app
            .post_form(
                "/staff/departments",
                Some(&s),
                &[
                    ("name", "安吉县商务局"),
                    ("short_name", "商务"),
                    ("is_enforcement_body", "true"),
                    ("enforcement_basis", "《中华人民共和国对外贸易法》第三条"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let page = app.get(r.location(), Some(&s)).await;
        assert!(page.body.contains("公示为执法主体"));
        let r = app
            .post_form(
                &format!("{}/publish", r.location()),
                Some(&s),
                &[("published", "true")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let portal = app.get("/", None).await;
        assert_eq!(portal.status, StatusCode::OK);
        assert!(portal.body.contains("安吉县商务局"));
        assert!(portal.body.contains("对外贸易法"));
        assert_eq!(
            app.ledger_size().await,
            before + 2,
            "create and publish are two ledger entries"
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn an_enforcement_body_without_legal_basis_is_refused_beside_the_field() {
    for app in TestApp::all().await {
        let s = app.login("sifaju").await;
        let before = app.ledger_size().await;
        let r = app
            .post_form(
                "/staff/departments",
                Some(&s),
                &[("name", "安吉县统计局"), ("is_enforcement_body", "true")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("field-error"));
        assert!(r.body.contains("执法主体须填写法定依据"));
        assert!(
            r.body.contains("安吉县统计局"),
            "the submitted value is kept"
        );
        let r = app
            .post_form("/staff/departments", Some(&s), &[("name", "安吉县公安局")])
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(r.body.contains("名称与已有记录重复"));
        assert_eq!(app.ledger_size().await, before, "nothing was written");
        app.finish().await;
    }
}

#[tokio::test]
async fn department_staff_see_only_their_subtree() {
    for app in TestApp::all().await {
        let s = app.login("zhifa").await;
        let list = app.get("/api/v1/departments", Some(&s)).await.json();
        let names: Vec<&str> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["安吉县市场监督管理局", "递铺市场监督管理所"]);
        let police = app.get("/api/v1/departments/1", Some(&s)).await;
        assert_eq!(
            police.status,
            StatusCode::NOT_FOUND,
            "out of scope looks absent"
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn every_staff_page_renders_for_the_admin() {
    for app in TestApp::all().await {
        let s = app.login("admin").await;
        for path in [
            "/staff",
            "/staff/regions",
            "/staff/governments",
            "/staff/departments",
            "/staff/departments/new",
            "/staff/departments/2",
            "/staff/users",
            "/staff/users/new",
            "/staff/audit",
            "/account/password",
            "/staff/audit?action=login&from=2026-01-01&until=2026-12-31&page=1",
        ] {
            let r = app.get(path, Some(&s)).await;
            assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
            assert!(r.body.contains("法治政府建设工作平台"), "{path}");
        }
        let r = app.get("/staff/audit?from=2026-13-01", Some(&s)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("起始日期格式"));
        app.finish().await;
    }
}

#[tokio::test]
async fn admin_creates_a_region_and_a_government() {
    for app in TestApp::all().await {
        let s = app.login("admin").await;
        let r = app
            .post_form(
                "/staff/regions",
                Some(&s),
                &[
                    ("code", "330522"),
                    ("name", "长兴县"),
                    ("level", "county"),
                    ("parent_code", "330500"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = app
            .post_form(
                "/staff/regions",
                Some(&s),
                &[
                    ("code", "340522"),
                    ("name", "错县"),
                    ("level", "county"),
                    ("parent_code", "330500"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("不在上级区划"));
        let r = app
            .post_form(
                "/staff/governments",
                Some(&s),
                &[("region_code", "330522"), ("name", "长兴县人民政府")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let govs = app.get("/api/v1/governments", Some(&s)).await.json();
        assert_eq!(govs.as_array().unwrap().len(), 2);
        app.finish().await;
    }
}

#[tokio::test]
async fn admin_creates_an_account_with_a_generated_password() {
    for app in TestApp::all().await {
        let s = app.login("admin").await;
        let r = app
            .post_form(
                "/staff/users",
                Some(&s),
                &[
                    ("username", "wu.qiang"),
                    ("display_name", "吴强"),
                    ("role", "department_staff"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("该角色须指定所属部门"));
        let r = app
            .post_form(
                "/staff/users",
                Some(&s),
                &[
                    ("username", "wu.qiang"),
                    ("display_name", "吴强"),
                    ("role", "department_staff"),
                    ("department_id", "2"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let password = r
            .body
            .split("id=\"new-password\">")
            .nth(1)
            .unwrap()
            .split('<')
            .next()
            .unwrap()
            .to_owned();
        let login = app.form_login("wu.qiang", &password).await;
        assert_eq!(login.location(), "/account/password");
        let r = app
            .post_form(
                "/staff/users",
                Some(&s),
                &[
                    ("username", "wu.qiang"),
                    ("display_name", "吴强"),
                    ("role", "leader"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(r.body.contains("该用户名已被使用"));
        app.finish().await;
    }
}

#[tokio::test]
async fn unknown_pages_get_a_chinese_404() {
    let app = TestApp::on(store::test_support::sqlite().await).await;
    let r = app.get("/no/such/page", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("页面不存在"));
    let s = app.login("admin").await;
    assert_eq!(
        app.get("/staff/departments/abc", Some(&s)).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/staff/departments/99999", Some(&s)).await.status,
        StatusCode::NOT_FOUND
    );
    app.finish().await;
}

fn multipart(files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "fazhiTestBoundary7d";
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../report/tests/fixtures/");

#[tokio::test]
async fn a_batch_of_reports_is_reviewed_side_by_side() {
    use axum::body::Body;
    use axum::http::{Request, header};
    let app = TestApp::on(store::test_support::sqlite().await).await;
    let s = app.login("sifaju").await;
    let good = std::fs::read(format!("{FIXTURES}xiangning-2023.txt")).unwrap();
    let bad = std::fs::read(format!("{FIXTURES}cases/c-rate.txt")).unwrap();
    let (ct, body) = multipart(&[
        ("乡宁县2023.txt", &good),
        ("planted.txt", &bad),
        ("scan.pdf", b"%PDF-1.7 binary"),
    ]);
    let req = Request::post(format!("/staff/report-review?csrf={}", s.csrf))
        .header(header::CONTENT_TYPE, &ct)
        .header(header::COOKIE, &s.cookie)
        .body(Body::from(body.clone()))
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "{}",
        &r.body[..r.body.len().min(500)]
    );
    assert!(r.body.contains("审读结果对照"));
    assert!(r.body.contains("乡宁县2023.txt"));
    assert!(
        r.body.contains("无法审读"),
        "the PDF is refused with a reason"
    );
    assert!(r.body.contains("比率"), "the planted wrong rate is shown");
    // The same through the API, as JSON.
    let req = Request::post("/api/v1/report-reviews")
        .header(header::CONTENT_TYPE, &ct)
        .header(header::COOKIE, &s.cookie)
        .header("x-csrf-token", &s.csrf)
        .body(Body::from(body))
        .unwrap();
    let r = app.send(req).await;
    let json = r.json();
    let reports = json["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 3);
    assert_eq!(
        reports[0]["review"]["inconsistencies"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert!(
        !reports[1]["review"]["inconsistencies"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(reports[2]["error"].as_str().unwrap().contains("PDF"));
    // Without a file: the form says so.
    let (ct, body) = multipart(&[]);
    let req = Request::post(format!("/staff/report-review?csrf={}", s.csrf))
        .header(header::CONTENT_TYPE, &ct)
        .header(header::COOKIE, &s.cookie)
        .body(Body::from(body))
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("请选择至少一份报告文件"));
    app.finish().await;
}

#[tokio::test]
async fn a_draft_with_an_unlawful_fine_is_flagged_and_the_opinion_downloads() {
    use axum::body::Body;
    use axum::http::{Request, header};
    let app = TestApp::on(store::test_support::sqlite().await).await;
    let s = app.login("sifaju").await;
    let draft = "关于加强集贸市场管理的规定\n\n第一条 为加强集贸市场管理，制定本规定。\n第二条 对违反本规定的经营者，由市场监督管理部门处二千元以上一万元以下的罚款。\n第三条 违反食品安全规定的，依照《中华人民共和国食品安全法》第一百二十四条的规定处罚。\n第四条 本规定自2026年1月1日起施行，有效期5年。\n";
    let (ct, body) = multipart(&[("草案.txt", draft.as_bytes())]);
    let req = Request::post(format!("/staff/legality-review?csrf={}", s.csrf))
        .header(header::CONTENT_TYPE, &ct)
        .header(header::COOKIE, &s.cookie)
        .body(Body::from(body.clone()))
        .unwrap();
    let r = app.send(req).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("第二条"), "{}", r.body);
    assert!(r.body.contains("错误"));
    assert!(
        r.body.contains("第十六条"),
        "the finding cites 行政处罚法 第十六条"
    );
    assert!(
        !r.body.contains("第三条</td>"),
        "a restatement with a valid citation is not an error"
    );
    let req = Request::post(format!(
        "/staff/legality-review?csrf={}&output=docx",
        s.csrf
    ))
    .header(header::CONTENT_TYPE, &ct)
    .header(header::COOKIE, &s.cookie)
    .body(Body::from(body))
    .unwrap();
    let resp = app.router.clone().oneshot(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    let bytes = http_body_util::BodyExt::collect(resp.into_body())
        .await
        .unwrap()
        .to_bytes();
    assert_eq!(&bytes[..2], b"PK", "a .docx is a zip");
    app.finish().await;
}

//! Officers and certificates: the roster pages, standing changes, the Excel template, import and
//! export, the portal's certificate check, the API, and department scope.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use domain::enforcement::officer::{CertificateStanding, OFFICER_COLUMNS, parse_officer_rows};
use http_body_util::BodyExt;
use store::{Department, OfficerFilter, OfficerRecord};
use tower::ServiceExt;

use crate::util::{Session, TestApp, enc};

/// The demo department of a name.
async fn department(app: &TestApp, name: &str) -> Department {
    app.db
        .store
        .list_departments(app.government_id)
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.name == name)
        .unwrap_or_else(|| panic!("demo department {name}"))
}

/// Every officer of the demo county (or of one department).
async fn officers(app: &TestApp, department_id: Option<i64>) -> Vec<OfficerRecord> {
    let filter = OfficerFilter {
        department_ids: department_id.map(|d| vec![d]),
        status: None,
        expiring_within_days: None,
        search: String::new(),
        today: calendar::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        offset: 0,
        limit: 10_000,
    };
    app.db
        .store
        .list_officers(app.government_id, &filter)
        .await
        .unwrap()
        .0
}

const POLICE: &str = "安吉县公安局";
const MARKET: &str = "安吉县市场监督管理局";
const TRANSPORT: &str = "安吉县交通运输局";

/// A GET whose body is kept as bytes (downloads).
async fn get_bytes(app: &TestApp, path: &str, session: &Session) -> (StatusCode, String, Vec<u8>) {
    let req = Request::get(path)
        .header(header::COOKIE, &session.cookie)
        .body(Body::empty())
        .unwrap();
    let resp = app.router.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let content_type = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    (status, content_type, bytes.to_vec())
}

/// Uploads a workbook to the import form.
async fn upload(
    app: &TestApp,
    session: &Session,
    department_id: &str,
    file: &[u8],
) -> crate::util::Reply {
    let boundary = "----fazhi-officers-test";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"department_id\"\r\n\r\n{department_id}\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"roster.xlsx\"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let req = Request::post(format!(
        "/staff/officers/import?csrf={}",
        enc(&session.csrf)
    ))
    .header(
        header::CONTENT_TYPE,
        format!("multipart/form-data; boundary={boundary}"),
    )
    .header(header::COOKIE, &session.cookie)
    .body(Body::from(body))
    .unwrap();
    app.send(req).await
}

/// A roster row in the order of `OFFICER_COLUMNS`.
fn row(name: &str, number: &str, issued: &str) -> Vec<String> {
    [
        name,
        number,
        "交通运输",
        issued,
        "2030-12-31",
        "有效",
        "否",
        "32",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}

fn roster(n: usize) -> Vec<Vec<String>> {
    (0..n)
        .map(|i| {
            row(
                &format!("导入{i}"),
                &format!("浙E-IMPORT-{i:03}"),
                "2025-06-01",
            )
        })
        .collect()
}

#[tokio::test]
async fn add_edit_and_suspend_are_ledgered() {
    for app in TestApp::all().await {
        let s = app.login("sifaju").await;
        let police = department(&app, POLICE).await;
        let before = app.ledger_size().await;
        let form = |name: &'static str, number: &'static str, expires: &'static str| {
            vec![
                ("name", name),
                ("certificate_number", number),
                ("category", "公安"),
                ("issued_on", "2025-01-01"),
                ("expires_on", expires),
                ("standing", "in_force"),
                ("training_hours", "40"),
            ]
        };
        let mut f = form("韩梅梅", "浙E33052399001", "2029-12-31");
        let dept = police.id.to_string();
        f.push(("department_id", &dept));
        let r = app.post_form("/staff/officers", Some(&s), &f).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let path = r.location().to_owned();
        let id = path.rsplit('/').next().unwrap().to_owned();
        let page = app.get(&path, Some(&s)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("韩梅梅") && page.body.contains("浙E33052399001"));
        assert_eq!(app.ledger_size().await, before + 1);

        // Edit: a new expiry and the qualification.
        let mut f = form("韩梅梅", "浙E33052399001", "2030-06-30");
        f.push(("department_id", &dept));
        f.push(("legal_review_qualified", "true"));
        let r = app.post_form(&path, Some(&s), &f).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        // Suspend, then a second suspend is refused.
        let standing = format!("{path}/standing");
        let r = app
            .post_form(&standing, Some(&s), &[("standing", "suspended")])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let r = app
            .post_form(&standing, Some(&s), &[("standing", "suspended")])
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("已是「暂扣」状态"));
        let history = app
            .db
            .store
            .ledger_entries_of(app.government_id, "officer", &id)
            .await
            .unwrap();
        let events: Vec<&str> = history.iter().map(|e| e.event.as_str()).collect();
        assert_eq!(events, ["create", "edit", "suspend"]);
        assert_eq!(history[0].actor, "李明华");
        assert!(history[1].body.contains("\"expires_on\":\"2030-06-30\""));
        assert!(history[1].body.contains("\"legal_review_qualified\":true"));
        let page = app.get(&path, Some(&s)).await;
        assert!(page.body.contains("暂扣") && page.body.contains("恢复有效"));
        assert!(page.body.contains("防篡改日志"));
        // The audit log names what happened.
        let audit = app
            .get("/staff/audit", Some(&app.login("admin").await))
            .await;
        assert!(
            audit.body.contains("暂扣执法证"),
            "audit log lists the change"
        );

        // Bad input: errors beside the fields, nothing written.
        let size = app.ledger_size().await;
        let r = app
            .post_form(
                "/staff/officers",
                Some(&s),
                &[
                    ("name", ""),
                    ("department_id", &dept),
                    ("certificate_number", "浙E33052399002"),
                    ("category", "公安"),
                    ("issued_on", "2025-02-30"),
                    ("expires_on", "2024-01-01"),
                    ("training_hours", "很多"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        for m in [
            "姓名不能为空",
            "发证日期「2025-02-30」无法识别",
            "培训学时「很多」",
        ] {
            assert!(r.body.contains(m), "{m}");
        }
        // A number already held is refused beside the number.
        let mut f = form("李雷", "浙E33052399001", "2029-12-31");
        f.push(("department_id", &dept));
        let r = app.post_form("/staff/officers", Some(&s), &f).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(r.body.contains("已由执法人员韩梅梅持有"), "{}", r.body);
        assert_eq!(app.ledger_size().await, size);
        app.finish().await;
    }
}

#[tokio::test]
async fn the_roster_filters_pages_and_warns() {
    for app in TestApp::all().await {
        let s = app.login("lingdao").await;
        let all = officers(&app, None).await;
        assert!(all.len() > 100, "the demo county has a roster");
        let page = app.get("/staff/officers", Some(&s)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(&format!("共 {} 条", all.len())));
        assert!(page.body.contains("第 1 / "));
        assert!(
            page.body.contains("天后到期"),
            "expiring certificates are flagged"
        );
        assert!(!page.body.contains("新增执法人员"), "a leader only reads");
        let page = app.get("/staff/officers?status=revoked", Some(&s)).await;
        assert!(page.body.contains("共 1 条"), "one revoked in the demo");
        let page = app.get("/staff/officers?status=expired", Some(&s)).await;
        assert!(page.body.contains("已过期"));
        let someone = &all[7];
        let page = app
            .get(
                &format!(
                    "/staff/officers?q={}",
                    enc(&someone.officer.certificate.number)
                ),
                Some(&s),
            )
            .await;
        assert!(page.body.contains("共 1 条") && page.body.contains(&someone.officer.name));
        let page = app.get("/staff/officers?page=2", Some(&s)).await;
        assert!(page.body.contains("第 2 / "));
        app.finish().await;
    }
}

#[tokio::test]
async fn the_portal_checks_a_certificate_and_shows_nothing_else() {
    for app in TestApp::all().await {
        let all = officers(&app, None).await;
        let valid = all
            .iter()
            .find(|o| {
                o.officer.certificate.standing == CertificateStanding::InForce
                    && o.officer.legal_review_qualified
            })
            .unwrap();
        let number = &valid.officer.certificate.number;
        let home = app.get("/", None).await;
        assert!(home.body.contains("href=\"/certificate\""));
        let page = app
            .get(
                &format!("/certificate?number={}", enc(&number.to_lowercase())),
                None,
            )
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(&valid.officer.name));
        assert!(
            page.body
                .contains(&valid.officer.certificate.expires_on.to_string())
        );
        assert!(page.body.contains("安吉县"));
        assert!(!page.body.contains("法制审核") && !page.body.contains("培训"));
        let page = app.get("/certificate?number=%E6%B5%99X000", None).await;
        assert!(page.body.contains("未查询到"));

        let r = app
            .get(
                &format!("/api/v1/public/certificates/{}", enc(number)),
                None,
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        let found = r.json();
        let c = &found[0];
        assert_eq!(c["holder_name"], valid.officer.name.as_str());
        assert_eq!(c["status"], "valid");
        let keys: Vec<&String> = c.as_object().unwrap().keys().collect();
        assert!(
            keys.iter()
                .all(|k| !k.contains("id") && !k.contains("qualified") && !k.contains("hours")),
            "{keys:?}"
        );
        let suspended = all
            .iter()
            .find(|o| o.officer.certificate.standing == CertificateStanding::Suspended)
            .unwrap();
        let r = app
            .get(
                &format!(
                    "/api/v1/public/certificates/{}",
                    enc(&suspended.officer.certificate.number)
                ),
                None,
            )
            .await;
        assert_eq!(r.json()[0]["status_label"], "暂扣");
        let r = app
            .get("/api/v1/public/certificates/nothing-here", None)
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_eq!(r.json()["code"], "not_found");
        app.finish().await;
    }
}

#[tokio::test]
async fn an_import_with_one_bad_row_stores_nothing() {
    for app in TestApp::all().await {
        let s = app.login("sifaju").await;
        let transport = department(&app, TRANSPORT).await;
        let before = officers(&app, Some(transport.id)).await.len();
        let size = app.ledger_size().await;
        let mut rows = roster(40);
        rows[16][3] = "2025-13-01".into();
        let bytes = web::excel::write_xlsx("执法人员", &OFFICER_COLUMNS, &rows).unwrap();
        let r = upload(&app, &s, &transport.id.to_string(), &bytes).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        // Data row 17 is sheet row 18 (the header is row 1).
        assert!(r.body.contains("第18行"), "{}", r.body);
        assert!(r.body.contains("发证日期「2025-13-01」无法识别"));
        assert!(r.body.contains("1处错误，未导入任何记录"));
        assert_eq!(officers(&app, Some(transport.id)).await.len(), before);
        assert_eq!(app.ledger_size().await, size);

        // A number already in the county refuses the whole batch, naming it.
        let existing = officers(&app, Some(transport.id)).await[0]
            .officer
            .certificate
            .number
            .clone();
        let mut rows = roster(10);
        rows[9][1] = existing.clone();
        let bytes = web::excel::write_xlsx("执法人员", &OFFICER_COLUMNS, &rows).unwrap();
        let r = upload(&app, &s, &transport.id.to_string(), &bytes).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(r.body.contains(&existing) && r.body.contains("未导入任何记录"));
        assert_eq!(app.ledger_size().await, size);
        app.finish().await;
    }
}

#[tokio::test]
async fn a_good_import_stores_every_row_and_the_export_round_trips() {
    for app in TestApp::all().await {
        let s = app.login("sifaju").await;
        let transport = department(&app, TRANSPORT).await;
        let before = officers(&app, Some(transport.id)).await.len();
        let size = app.ledger_size().await;
        let rows = roster(60);
        let bytes = web::excel::write_xlsx("执法人员", &OFFICER_COLUMNS, &rows).unwrap();
        let r = upload(&app, &s, &transport.id.to_string(), &bytes).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert!(r.location().contains("imported=60"));
        let page = app.get(r.location(), Some(&s)).await;
        assert!(page.body.contains("已导入执法人员 60 名"));
        let stored = officers(&app, Some(transport.id)).await;
        assert_eq!(stored.len(), before + 60);
        // One ledger entry per officer, and an audit record for the batch.
        assert_eq!(app.ledger_size().await, size + 60);

        // The export of the department reads back as the same roster.
        let (status, content_type, bytes) = get_bytes(
            &app,
            &format!("/staff/officers/export.xlsx?department={}", transport.id),
            &s,
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(content_type.contains("spreadsheetml"));
        let sheet = web::excel::read_rows(&bytes).unwrap();
        assert_eq!(&sheet[0].1[..8], &OFFICER_COLUMNS.map(String::from)[..]);
        assert_eq!(sheet.len(), stored.len() + 1);
        let cells: Vec<Vec<String>> = sheet[1..].iter().map(|(_, c)| c[..8].to_vec()).collect();
        let parsed = parse_officer_rows(&cells).unwrap();
        for (p, o) in parsed.iter().zip(&stored) {
            assert_eq!(p.name, o.officer.name);
            assert_eq!(p.certificate_number, o.officer.certificate.number);
            assert_eq!(p.expires_on, o.officer.certificate.expires_on);
            assert_eq!(p.standing, o.officer.certificate.standing);
            assert_eq!(p.legal_review_qualified, o.officer.legal_review_qualified);
            assert_eq!(p.training_hours, o.officer.training_hours);
        }
        assert!(sheet[1].1[8] == TRANSPORT);

        // The template: the headers and a sample row that parses.
        let (status, _, bytes) = get_bytes(&app, "/staff/officers/template.xlsx", &s).await;
        assert_eq!(status, StatusCode::OK);
        let sheet = web::excel::read_rows(&bytes).unwrap();
        assert_eq!(sheet[0].1, OFFICER_COLUMNS.map(String::from).to_vec());
        assert!(parse_officer_rows(&[sheet[1].1.clone()]).is_ok());
        app.finish().await;
    }
}

#[tokio::test]
async fn bad_files_are_refused_in_chinese() {
    for app in TestApp::all().await {
        let s = app.login("sifaju").await;
        let transport = department(&app, TRANSPORT).await;
        let id = transport.id.to_string();
        let size = app.ledger_size().await;
        let r = upload(&app, &s, &id, b"this is not a workbook").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("不是有效的Excel工作簿"));
        let r = upload(&app, &s, &id, b"").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("请选择要导入的Excel文件"));
        let empty = web::excel::write_xlsx("执法人员", &[], &[]).unwrap();
        let r = upload(&app, &s, &id, &empty).await;
        assert!(r.body.contains("工作表是空的"), "{}", r.body);
        let header_only = web::excel::write_xlsx("执法人员", &OFFICER_COLUMNS, &[]).unwrap();
        let r = upload(&app, &s, &id, &header_only).await;
        assert!(r.body.contains("表头以下没有数据行"));
        let mut wrong = OFFICER_COLUMNS;
        wrong[1] = "证件号码";
        let bytes = web::excel::write_xlsx("执法人员", &wrong, &roster(2)).unwrap();
        let r = upload(&app, &s, &id, &bytes).await;
        assert!(r.body.contains("第2列应为「执法证号」，实际为「证件号码」"));
        let bytes = web::excel::write_xlsx("执法人员", &OFFICER_COLUMNS, &roster(2)).unwrap();
        let r = upload(&app, &s, "", &bytes).await;
        assert!(r.body.contains("请选择导入到哪个部门"));
        assert_eq!(app.ledger_size().await, size);
        app.finish().await;
    }
}

#[tokio::test]
async fn department_staff_keep_only_their_own_roster() {
    for app in TestApp::all().await {
        let zhifa = app.login("zhifa").await;
        let shenhe = app.login("shenhe").await;
        let market = department(&app, MARKET).await;
        let police = department(&app, POLICE).await;
        let theirs = officers(&app, Some(police.id)).await[0].officer.clone();
        let ours = officers(&app, Some(market.id)).await[0].officer.clone();
        // The roster and the export show the own department only.
        let page = app.get("/staff/officers", Some(&zhifa)).await;
        assert!(page.body.contains(&ours.certificate.number));
        assert!(!page.body.contains(&theirs.certificate.number));
        assert!(!page.body.contains(POLICE));
        let (_, _, bytes) = get_bytes(&app, "/staff/officers/export.xlsx", &zhifa).await;
        let sheet = web::excel::read_rows(&bytes).unwrap();
        assert!(sheet[1..].iter().all(|(_, c)| c[8].contains("市场监督")));
        // Another department's officer is absent for them: 404 to read and to change.
        let other = format!("/staff/officers/{}", theirs.id);
        assert_eq!(
            app.get(&other, Some(&zhifa)).await.status,
            StatusCode::NOT_FOUND
        );
        let r = app
            .post_form(
                &format!("{other}/standing"),
                Some(&zhifa),
                &[("standing", "revoked")],
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let r = app
            .get(&format!("/api/v1/officers/{}", theirs.id), Some(&zhifa))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        // Nor can they add an officer to another department.
        let r = app
            .json(
                "POST",
                "/api/v1/officers",
                Some(&zhifa),
                &serde_json::json!({"name": "越权", "department_id": police.id, "certificate_number": "X-1",
                    "category": "公安", "issued_on": "2025-01-01", "expires_on": "2029-01-01"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.json()["fields"]["department_id"].is_array());
        // Their own department's officer they may suspend.
        let own = format!("/staff/officers/{}/standing", ours.id);
        let r = app
            .post_form(&own, Some(&zhifa), &[("standing", "suspended")])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        // The department's legal reviewer reads the roster but may not change it: 403.
        assert_eq!(
            app.get(&format!("/staff/officers/{}", ours.id), Some(&shenhe))
                .await
                .status,
            StatusCode::OK
        );
        let r = app
            .post_form(&own, Some(&shenhe), &[("standing", "in_force")])
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = app
            .json(
                "POST",
                &format!("/api/v1/officers/{}/standing", ours.id),
                Some(&shenhe),
                &serde_json::json!({"standing": "in_force"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert_eq!(r.json()["code"], "forbidden");
        app.finish().await;
    }
}

#[tokio::test]
async fn the_api_lists_creates_edits_and_changes_standing() {
    for app in TestApp::all().await {
        let s = app.login("sifaju").await;
        let police = department(&app, POLICE).await;
        let body = serde_json::json!({
            "name": "欧阳娜娜", "department_id": police.id, "certificate_number": "浙E33052388001",
            "category": "公安", "issued_on": "2025-01-01", "expires_on": "2026-04-30",
            "legal_review_qualified": true, "training_hours": 12,
        });
        let r = app.json("POST", "/api/v1/officers", Some(&s), &body).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let o = r.json();
        let id = o["id"].as_i64().unwrap();
        assert_eq!(o["status"], "valid");
        assert_eq!(o["expiring"], true, "ends within 90 days of 2026-03-02");
        assert_eq!(o["department_name"], POLICE);
        let r = app.json("POST", "/api/v1/officers", Some(&s), &body).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert_eq!(r.json()["code"], "conflict");
        let mut edited = body.clone();
        edited["expires_on"] = "2030-12-31".into();
        edited["standing"] = "revoked".into();
        let r = app
            .json("PUT", &format!("/api/v1/officers/{id}"), Some(&s), &edited)
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["expires_on"], "2030-12-31");
        assert_eq!(
            r.json()["standing"],
            "in_force",
            "an edit keeps the standing"
        );
        let r = app
            .json(
                "POST",
                &format!("/api/v1/officers/{id}/standing"),
                Some(&s),
                &serde_json::json!({"standing": "revoked"}),
            )
            .await;
        assert_eq!(r.json()["status"], "revoked");
        let r = app
            .json(
                "POST",
                &format!("/api/v1/officers/{id}/standing"),
                Some(&s),
                &serde_json::json!({"standing": "lost"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let r = app
            .get(&format!("/api/v1/officers?q={}", enc("欧阳")), Some(&s))
            .await;
        let page = r.json();
        assert_eq!(page["total"], 1);
        assert_eq!(page["officers"][0]["id"], id);
        let r = app.get("/api/v1/officers?status=revoked", Some(&s)).await;
        assert_eq!(r.json()["total"], 2);
        let r = app.get(&format!("/api/v1/officers/{id}"), Some(&s)).await;
        assert_eq!(r.json()["name"], "欧阳娜娜");
        let bad = serde_json::json!({"name": "", "department_id": police.id, "certificate_number": "",
            "category": "公安", "issued_on": "昨天", "expires_on": "2029-01-01"});
        let r = app.json("POST", "/api/v1/officers", Some(&s), &bad).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields = &r.json()["fields"];
        for f in ["name", "certificate_number", "issued_on"] {
            assert!(fields[f].is_array(), "{f}: {fields}");
        }
        let events: Vec<String> = app
            .db
            .store
            .ledger_entries_of(app.government_id, "officer", &id.to_string())
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.event)
            .collect();
        assert_eq!(events, ["create", "edit", "revoke"]);
        app.finish().await;
    }
}

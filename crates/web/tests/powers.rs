//! The power list (权责清单): staff journey (create, edit, status change, discretion bands, each
//! ledgered), the fine check of 行政处罚法 第三十四条, Excel import (all or nothing) and export
//! round trip, the portal's published list with its bands, and department scope.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::json;

use crate::util::{Session, TestApp};

const MARKET: &str = "安吉县市场监督管理局";
const POLICE: &str = "安吉县公安局";

async fn department_id(app: &TestApp, s: &Session, name: &str) -> i64 {
    let r = app.get("/api/v1/departments", Some(s)).await.json();
    r.as_array()
        .unwrap()
        .iter()
        .find(|d| d["name"] == name)
        .unwrap_or_else(|| panic!("department {name}"))["id"]
        .as_i64()
        .unwrap()
}

async fn power_count(app: &TestApp) -> i64 {
    app.db.store.count_powers(app.government_id).await.unwrap()
}

/// The id of a demo power whose code starts with `prefix` (e.g. `330523-GA-`).
async fn demo_power(app: &TestApp, s: &Session, q: &str) -> serde_json::Value {
    let r = app
        .get(
            &format!("/api/v1/powers?q={}", crate::util::enc(q)),
            Some(s),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()["items"][0].clone()
}

fn multipart(name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "fazhiPowersBoundary3c";
    let mut body = Vec::new();
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes());
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(app: &TestApp, s: &Session, bytes: &[u8]) -> crate::util::Reply {
    let (ct, body) = multipart("权责清单.xlsx", bytes);
    let req = Request::post(format!("/staff/powers/import?csrf={}", s.csrf))
        .header(header::CONTENT_TYPE, &ct)
        .header(header::COOKIE, &s.cookie)
        .body(Body::from(body))
        .unwrap();
    app.send(req).await
}

fn sheet_row(code: &str, name: &str, dept: &str) -> Vec<String> {
    [
        code,
        name,
        "行政处罚",
        "《中华人民共和国广告法》",
        "第五十八条",
        "2026-01-01",
        "安政发〔2026〕5号",
        dept,
        "县级",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn headers() -> Vec<&'static str> {
    vec![
        "事项编码",
        "事项名称",
        "权力类型",
        "依据法律",
        "依据条款",
        "生效日期",
        "文件文号",
        "实施部门",
        "行使层级",
    ]
}

#[tokio::test]
async fn a_power_is_created_edited_and_adjusted_each_change_ledgered() {
    for app in TestApp::all().await {
        let s = app.login("sifaju").await;
        let market = department_id(&app, &s, MARKET).await;
        let before = app.ledger_size().await;
        let r = app
            .post_form(
                "/staff/powers",
                Some(&s),
                &[
                    ("code", "330523-SJ-CF-900"),
                    ("name", "对经营超过保质期的食品的处罚"),
                    ("power_type", "处罚"),
                    ("basis_law", "《中华人民共和国食品安全法》"),
                    ("basis_article", "第一百二十四条第一款第（五）项"),
                    ("department_id", &market.to_string()),
                    ("level", "县级"),
                    ("added_on", "2026-03-01"),
                    ("document_number", "安政发〔2026〕2号"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let path = r.location().to_owned();
        let page = app.get(&path, Some(&s)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("对经营超过保质期的食品的处罚"));
        assert!(page.body.contains("安政发〔2026〕2号"));
        assert!(
            page.body.contains("laws?title="),
            "the basis links to the law's text"
        );

        // A missing name is refused beside the field, nothing written.
        let r = app
            .post_form(
                &path,
                Some(&s),
                &[
                    ("code", "330523-SJ-CF-900"),
                    ("name", ""),
                    ("power_type", "处罚"),
                    ("basis_law", "《中华人民共和国食品安全法》"),
                    ("basis_article", "第一百二十四条"),
                    ("department_id", &market.to_string()),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("事项名称不能为空"));

        let r = app
            .post_form(
                &path,
                Some(&s),
                &[
                    ("code", "330523-SJ-CF-900"),
                    ("name", "对经营超过保质期的食品、食品添加剂的处罚"),
                    ("power_type", "行政处罚"),
                    ("basis_law", "《中华人民共和国食品安全法》"),
                    ("basis_article", "第一百二十四条第一款第（五）项"),
                    ("department_id", &market.to_string()),
                    ("level", "县级"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

        // Delegating needs a document number; then it is recorded.
        let r = app
            .post_form(
                &format!("{path}/status"),
                Some(&s),
                &[
                    ("change", "下放"),
                    ("on", "2026-04-01"),
                    ("document_number", " "),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("文号"));
        let r = app
            .post_form(
                &format!("{path}/status"),
                Some(&s),
                &[
                    ("change", "下放"),
                    ("on", "2026-04-01"),
                    ("document_number", "安政发〔2026〕9号"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        // Cancelling a power no longer in force is refused by the domain.
        let r = app
            .post_form(
                &format!("{path}/status"),
                Some(&s),
                &[
                    ("change", "取消"),
                    ("on", "2026-05-01"),
                    ("document_number", "安政发〔2026〕10号"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("未在实施"));

        let id = path.rsplit('/').next().unwrap();
        let detail = app
            .get(&format!("/api/v1/powers/{id}"), Some(&s))
            .await
            .json();
        assert_eq!(detail["power"]["in_force"], false);
        assert_eq!(
            detail["power"]["name"],
            "对经营超过保质期的食品、食品添加剂的处罚"
        );
        assert_eq!(detail["history"][1]["change"], "下放");
        assert_eq!(detail["history"][1]["document_number"], "安政发〔2026〕9号");
        assert_eq!(
            app.ledger_size().await,
            before + 3,
            "create, edit, status change"
        );
        let events: Vec<String> = app
            .db
            .store
            .ledger_entries_of(app.government_id, "power", id)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.event)
            .collect();
        assert_eq!(events, ["create", "edit", "status_change"]);
        let list = app
            .get(
                "/staff/powers?status=not_in_force&q=%E4%BF%9D%E8%B4%A8%E6%9C%9F",
                Some(&s),
            )
            .await;
        assert!(
            list.body
                .contains("对经营超过保质期的食品、食品添加剂的处罚")
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn a_fine_outside_the_discretion_band_is_refused_citing_article_34() {
    for app in TestApp::all().await {
        let s = app.login("sifaju").await;
        let p = demo_power(&app, &s, "对违反明码标价规定的处罚").await;
        let id = p["id"].as_i64().unwrap();
        // The demo's standard for 价格法 第四十二条 (0–5000元): 一般 is 1500–3500元.
        let ok = app
            .json(
                "POST",
                &format!("/api/v1/powers/{id}/check-fine"),
                Some(&s),
                &json!({"circumstance": "一般", "fine_fen": 200_000}),
            )
            .await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        let r = app
            .json(
                "POST",
                &format!("/api/v1/powers/{id}/check-fine"),
                Some(&s),
                &json!({"circumstance": "一般", "fine_fen": 400_000}),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        let body = r.json();
        assert_eq!(body["code"], "power.fine_outside_discretion");
        assert_eq!(body["basis"]["article"], "第三十四条");
        assert!(body["message"].as_str().unwrap().contains("第三十四条"));
        let page = app
            .get(
                &format!("/staff/powers/{id}?circumstance=%E4%B8%80%E8%88%AC&fine=4000"),
                Some(&s),
            )
            .await;
        assert!(page.body.contains("第三十四条"));
        assert!(page.body.contains("不在"));

        // A band whose ceiling is below a lighter circumstance's is refused by the domain.
        let before = app.ledger_size().await;
        let r = app
            .post_form(
                &format!("/staff/powers/{id}/discretion"),
                Some(&s),
                &[
                    ("circumstance", "从重"),
                    ("min_yuan", "100"),
                    ("max_yuan", "1000"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("最高罚款低于"), "{}", r.body);
        let r = app
            .post_form(
                &format!("/staff/powers/{id}/discretion"),
                Some(&s),
                &[
                    ("circumstance", "减轻"),
                    ("min_yuan", "0"),
                    ("max_yuan", "200"),
                    ("description", "主动消除违法后果"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(app.ledger_size().await, before + 1);
        let detail = app
            .get(&format!("/api/v1/powers/{id}"), Some(&s))
            .await
            .json();
        assert_eq!(detail["bands"][0]["circumstance"], "减轻");
        assert_eq!(detail["bands"].as_array().unwrap().len(), 4);
        app.finish().await;
    }
}

#[tokio::test]
async fn an_import_with_one_bad_row_stores_nothing_and_a_good_one_stores_all() {
    for app in TestApp::all().await {
        let s = app.login("sifaju").await;
        let before = power_count(&app).await;
        let mut rows: Vec<Vec<String>> = (1..=40)
            .map(|i| {
                sheet_row(
                    &format!("IMP-{i:03}"),
                    &format!("对广告违法行为的处罚（{i}）"),
                    MARKET,
                )
            })
            .collect();
        rows[26][2] = "备案".into();
        let bytes = web::excel::write_xlsx("权责清单", &headers(), &rows).unwrap();
        let r = upload(&app, &s, &bytes).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        // Data row 27 is sheet row 28 (the header is row 1).
        assert!(r.body.contains("第28行"), "{}", r.body);
        assert!(r.body.contains("权力类型"));
        assert!(r.body.contains("整表不导入"));
        assert_eq!(power_count(&app).await, before, "nothing stored");

        rows[26][2] = "行政处罚".into();
        let bytes = web::excel::write_xlsx("权责清单", &headers(), &rows).unwrap();
        let ledger_before = app.ledger_size().await;
        let r = upload(&app, &s, &bytes).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("已导入40项"));
        assert_eq!(power_count(&app).await, before + 40);
        assert_eq!(
            app.ledger_size().await,
            ledger_before + 40,
            "one ledger entry per power"
        );

        // The same sheet again: every code is already on the list.
        let r = upload(&app, &s, &bytes).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("已在权责清单中"));
        // Garbage is refused in Chinese.
        let r = upload(&app, &s, b"not a workbook").await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("Excel"));
        app.finish().await;
    }
}

#[tokio::test]
async fn the_export_round_trips_through_the_import() {
    for app in TestApp::all().await {
        let s = app.login("sifaju").await;
        let police = department_id(&app, &s, POLICE).await;
        let template = app.get("/staff/powers/template", Some(&s)).await;
        assert_eq!(template.status, StatusCode::OK);
        let r = app
            .send(
                Request::get(format!(
                    "/staff/powers/export?department={police}&power_type=%E5%A4%84%E7%BD%9A"
                ))
                .header(header::COOKIE, &s.cookie)
                .body(Body::empty())
                .unwrap(),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK);
        // The body was read as text; read the bytes again through the router for the workbook.
        let resp = {
            use http_body_util::BodyExt;
            use tower::ServiceExt;
            let req = Request::get(format!(
                "/staff/powers/export?department={police}&power_type=%E5%A4%84%E7%BD%9A"
            ))
            .header(header::COOKIE, &s.cookie)
            .body(Body::empty())
            .unwrap();
            let resp = app.router.clone().oneshot(req).await.unwrap();
            resp.into_body()
                .collect()
                .await
                .unwrap()
                .to_bytes()
                .to_vec()
        };
        let rows = web::excel::read_rows(&resp).unwrap();
        assert_eq!(
            &rows[0].1[..9],
            &headers().iter().map(|h| h.to_string()).collect::<Vec<_>>()[..]
        );
        let listed = app
            .get(&format!("/api/v1/powers?department_id={police}&power_type=%E5%A4%84%E7%BD%9A&per_page=500"), Some(&s))
            .await
            .json();
        let data = &rows[1..];
        assert_eq!(data.len() as i64, listed["total"].as_i64().unwrap());
        assert!(data.len() > 20);
        for (row, item) in data.iter().zip(listed["items"].as_array().unwrap()) {
            assert_eq!(row.1[0], item["code"].as_str().unwrap());
            assert_eq!(row.1[1], item["name"].as_str().unwrap());
            assert_eq!(row.1[7], POLICE);
        }
        // Imported again under new codes, the rows come back as the same powers.
        let renamed: Vec<Vec<String>> = data
            .iter()
            .map(|(_, cells)| {
                let mut c = cells[..9].to_vec();
                c[0] = format!("RT-{}", c[0]);
                c
            })
            .collect();
        let bytes = web::excel::write_xlsx("权责清单", &headers(), &renamed).unwrap();
        let r = upload(&app, &s, &bytes).await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{}",
            &r.body[..r.body.len().min(2000)]
        );
        let back = app
            .get("/api/v1/powers?q=RT-&per_page=500", Some(&s))
            .await
            .json();
        assert_eq!(back["total"].as_i64().unwrap(), data.len() as i64);
        for item in back["items"].as_array().unwrap() {
            let original = listed["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|o| {
                    format!("RT-{}", o["code"].as_str().unwrap()) == item["code"].as_str().unwrap()
                })
                .expect("same code");
            for field in [
                "name",
                "power_type",
                "basis_law",
                "basis_article",
                "department_id",
                "level",
            ] {
                assert_eq!(item[field], original[field], "{field}");
            }
        }
        app.finish().await;
    }
}

#[tokio::test]
async fn the_portal_publishes_the_list_with_its_discretion_standards() {
    for app in TestApp::all().await {
        let s = app.login("sifaju").await;
        let market = department_id(&app, &s, MARKET).await;
        let portal = app.get("/", None).await;
        assert!(portal.body.contains("href=\"/powers\""));
        let r = app
            .get(&format!("/powers?government={}&department={market}&power_type=%E5%A4%84%E7%BD%9A&q=%E6%98%8E%E7%A0%81", app.government_id), None)
            .await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("对违反明码标价规定的处罚"));
        assert!(r.body.contains("《中华人民共和国价格法》第四十二条"));
        assert!(r.body.contains("从轻：0元至1500元"), "bands are public");
        assert!(
            !r.body.contains("对扰乱公共秩序行为的处罚"),
            "filtered by department"
        );
        let p = app
            .get(
                &format!(
                    "/powers?government={}&department={market}&power_type=%E8%AE%B8%E5%8F%AF",
                    app.government_id
                ),
                None,
            )
            .await;
        assert!(p.body.contains("食品生产经营许可"));
        assert!(
            !p.body.contains("对违反明码标价规定的处罚"),
            "filtered by type"
        );
        let law = app.get("/laws?title=%E4%B8%AD%E5%8D%8E%E4%BA%BA%E6%B0%91%E5%85%B1%E5%92%8C%E5%9B%BD%E4%BB%B7%E6%A0%BC%E6%B3%95&article=%E7%AC%AC%E5%9B%9B%E5%8D%81%E4%BA%8C%E6%9D%A1", None).await;
        assert_eq!(law.status, StatusCode::OK);
        assert!(law.body.contains("明码标价"));
        let api = app
            .get("/api/v1/public/powers?power_type=%E5%A4%84%E7%BD%9A", None)
            .await;
        assert_eq!(api.status, StatusCode::OK);
        let items = api.json();
        let price = items
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["power"]["name"] == "对违反明码标价规定的处罚")
            .expect("published");
        assert_eq!(price["bands"][0]["circumstance"], "从轻");
        assert!(
            items
                .as_array()
                .unwrap()
                .iter()
                .all(|i| i["power"]["in_force"] == true)
        );
        app.finish().await;
    }
}

#[tokio::test]
async fn department_staff_manage_only_their_own_departments_powers() {
    for app in TestApp::all().await {
        let s = app.login("zhifa").await;
        let admin = app.login("admin").await;
        let market = department_id(&app, &admin, MARKET).await;
        let police = department_id(&app, &admin, POLICE).await;
        let police_power = demo_power(&app, &s, "对扰乱公共秩序行为的处罚").await;
        let id = police_power["id"].as_i64().unwrap();
        // Reading is allowed: the list is public anyway.
        assert_eq!(
            app.get(&format!("/staff/powers/{id}"), Some(&s))
                .await
                .status,
            StatusCode::OK
        );
        let before = app.ledger_size().await;
        let r = app
            .post_form(
                &format!("/staff/powers/{id}/status"),
                Some(&s),
                &[
                    ("change", "取消"),
                    ("on", "2026-04-01"),
                    ("document_number", "安政发〔2026〕9号"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let r = app
            .json(
                "POST",
                &format!("/api/v1/powers/{id}/status"),
                Some(&s),
                &json!({"change": "取消", "on": "2026-04-01", "document_number": "x"}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let r = app
            .json(
                "PUT",
                &format!("/api/v1/powers/{id}/discretion"),
                Some(&s),
                &json!({"bands": []}),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        let body = |dept: i64, code: &str| {
            json!({"code": code, "name": "对销售过期食品的处罚", "power_type": "处罚",
            "basis_law": "《中华人民共和国食品安全法》", "basis_article": "第一百二十四条", "department_id": dept,
            "added_on": "2026-03-01", "document_number": "安政发〔2026〕2号"})
        };
        let r = app
            .json("POST", "/api/v1/powers", Some(&s), &body(police, "ZF-1"))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.json()["fields"]["department_id"].is_array());
        assert_eq!(app.ledger_size().await, before, "nothing written");
        let r = app
            .json("POST", "/api/v1/powers", Some(&s), &body(market, "ZF-1"))
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        let r = app
            .json("POST", "/api/v1/powers", Some(&s), &body(market, "ZF-1"))
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        // A leader reads but may not manage.
        let leader = app.login("lingdao").await;
        assert_eq!(
            app.get("/staff/powers", Some(&leader)).await.status,
            StatusCode::OK
        );
        assert_eq!(
            app.get("/staff/powers/new", Some(&leader)).await.status,
            StatusCode::FORBIDDEN
        );
        app.finish().await;
    }
}

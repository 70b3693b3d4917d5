//! The `fazhi` binary end to end: the demo, ledger verification and offline bundles, the calendar
//! commands, `db copy`, and a server killed with SIGKILL in the middle of a stream of writes.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn fazhi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fazhi"))
        .args(args)
        .env_remove("FAZHI_DATABASE_URL")
        .output()
        .expect("run fazhi")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("fazhi-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn seed(dir: &Path) {
    let o = fazhi(&[
        "demo",
        "--no-serve",
        "--cases",
        "60",
        "--data",
        dir.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("Demo@2026"));
}

#[test]
fn the_demo_log_verifies_and_its_bundle_verifies_offline() {
    let dir = temp_dir("bundle");
    seed(&dir);
    let data = dir.to_str().unwrap();
    let o = fazhi(&["ledger", "verify", "--data", data]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("核验通过"));
    // Keys are readable by their owner only.
    #[cfg(unix)]
    for f in std::fs::read_dir(dir.join("keys")).unwrap() {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            f.unwrap().metadata().unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let bundle = dir.join("bundle.json");
    let o = fazhi(&[
        "ledger",
        "export",
        "--data",
        data,
        "--out",
        bundle.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let o = fazhi(&["ledger", "verify", "--bundle", bundle.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    // A bundle edited after export fails offline.
    let edited =
        std::fs::read_to_string(&bundle)
            .unwrap()
            .replacen("安吉县公安局", "安吉县公安分局", 1);
    std::fs::write(&bundle, edited).unwrap();
    let o = fazhi(&["ledger", "verify", "--bundle", bundle.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("核验失败"));
    // Seeding again reuses the demo (idempotent).
    seed(&dir);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn calendar_commands_print_dates_and_refuse_bad_input() {
    let o = fazhi(&[
        "calendar",
        "due",
        "--from",
        "2024-02-08",
        "--days",
        "5",
        "--unit",
        "working",
    ]);
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "2024-02-21");
    let o = fazhi(&[
        "calendar",
        "due",
        "--from",
        "2024-02-08",
        "--days",
        "5",
        "--unit",
        "working",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["due"], "2024-02-21");
    let o = fazhi(&["calendar", "is-working-day", "2024-02-04", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["working_day"], true,
        "a make-up working day of the 2024 Spring Festival"
    );
    let o = fazhi(&["calendar", "due", "--from", "2024-02-08", "--days", "-1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("期限长度不能为负数"));
    let o = fazhi(&["calendar", "is-working-day", "2024-02-30"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("格式应为YYYY-MM-DD"));
}

#[test]
fn db_copy_moves_a_deployment_with_its_log() {
    let dir = temp_dir("copy");
    seed(&dir);
    let from = format!("sqlite://{}/fazhi.db?mode=rwc", dir.display());
    let to = format!("sqlite://{}/copy.db?mode=rwc", dir.display());
    let o = fazhi(&["db", "copy", "--from", &from, "--to", &to]);
    assert!(o.status.success(), "{}", text(&o));
    let o = fazhi(&["ledger", "verify", "--database-url", &to]);
    assert!(o.status.success(), "{}", text(&o));
    let o = fazhi(&["db", "copy", "--from", &from, "--to", &to]);
    assert!(!o.status.success(), "a non-empty target is refused");
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------- crash

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(data: &str, port: u16) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_fazhi"))
        .args([
            "serve",
            "--data",
            data,
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .env_remove("FAZHI_DATABASE_URL")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // From here the guard owns the child: it is killed and waited for on every path.
    let server = Server(child);
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if http(port, "GET", "/healthz", &[], "").is_some_and(|(s, _, _)| s == 200) {
            return server;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("server did not start");
}

/// A minimal HTTP/1.1 client over loopback: (status, set-cookie values, body).
fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Option<(u16, Vec<String>, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).ok()?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).ok()?;
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n")?;
    let status = head
        .lines()
        .next()?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    let cookies = head
        .lines()
        .filter(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .map(|l| l[11..].trim().split(';').next().unwrap_or("").to_owned())
        .collect();
    Some((status, cookies, body.to_owned()))
}

#[test]
fn a_server_killed_mid_stream_loses_no_acknowledged_write_and_its_log_verifies() {
    let dir = temp_dir("crash");
    seed(&dir);
    let data = dir.to_str().unwrap();
    let port = free_port();
    let server = start(data, port);
    let (status, cookies, body) = http(
        port,
        "POST",
        "/api/v1/session",
        &[("Content-Type", "application/json")],
        r#"{"username":"sifaju","password":"Demo@2026"}"#,
    )
    .unwrap();
    assert_eq!(status, 200, "{body}");
    let cookie = cookies
        .into_iter()
        .find(|c| c.starts_with("fazhi_session="))
        .unwrap();
    let csrf = serde_json::from_str::<serde_json::Value>(&body).unwrap()["csrf_token"]
        .as_str()
        .unwrap()
        .to_owned();

    // Writers stream departments; the main thread kills the server with SIGKILL mid-stream.
    let acknowledged = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut writers = Vec::new();
    for w in 0..3 {
        let (cookie, csrf, acked) = (cookie.clone(), csrf.clone(), acknowledged.clone());
        writers.push(std::thread::spawn(move || {
            for i in 0..400 {
                let name = format!("压力测试部门{w}-{i}");
                let body = format!(r#"{{"name":"{name}"}}"#);
                match http(
                    port,
                    "POST",
                    "/api/v1/departments",
                    &[
                        ("Content-Type", "application/json"),
                        ("Cookie", &cookie),
                        ("X-CSRF-Token", &csrf),
                    ],
                    &body,
                ) {
                    Some((201, _, _)) => acked.lock().unwrap().push(name),
                    Some((s, _, b)) => panic!("unexpected {s}: {b}"),
                    None => return, // the server is gone
                }
            }
        }));
    }
    while acknowledged.lock().unwrap().len() < 40 {
        std::thread::sleep(Duration::from_millis(5));
    }
    drop(server); // SIGKILL: no graceful shutdown
    for w in writers {
        w.join().unwrap();
    }
    let acked = acknowledged.lock().unwrap().clone();
    assert!(acked.len() >= 40);

    // After a restart the log verifies, and every acknowledged write is there.
    let o = fazhi(&["ledger", "verify", "--data", data]);
    assert!(o.status.success(), "{}", text(&o));
    let port = free_port();
    let _server = start(data, port);
    let (_, cookies, body) = http(
        port,
        "POST",
        "/api/v1/session",
        &[("Content-Type", "application/json")],
        r#"{"username":"sifaju","password":"Demo@2026"}"#,
    )
    .unwrap();
    let cookie = cookies
        .into_iter()
        .find(|c| c.starts_with("fazhi_session="))
        .unwrap_or_default();
    assert!(!cookie.is_empty(), "{body}");
    let (_, _, list) = http(
        port,
        "GET",
        "/api/v1/departments",
        &[("Cookie", &cookie)],
        "",
    )
    .unwrap();
    for name in &acked {
        assert!(
            list.contains(name.as_str()),
            "acknowledged {name} is missing after the crash"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The parts of a .docx.
fn docx_parts(path: &Path) -> Vec<(String, String)> {
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            (entry.name().unwrap().to_string(), text)
        })
        .collect()
}

#[test]
fn the_demo_annual_report_exports_in_gongwen_format_and_passes_the_review() {
    let dir = temp_dir("annual");
    seed(&dir);
    let data = dir.to_str().unwrap();
    let o = fazhi(&["indicators", "rebuild", "--data", data]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("指标已重算"), "{}", text(&o));
    // The demo's report is of the last year that ended, or of this year when its cases all fall
    // in this year: whichever of the two is stored.
    let this_year: i32 = {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        // Days to a civil year (good for centuries around now): 365.2425 days a year.
        1970 + ((secs + 8 * 3600) as f64 / 86_400.0 / 365.2425) as i32
    };
    let out = dir.join("report.docx");
    let mut stored = None;
    for year in [this_year - 1, this_year] {
        let o = fazhi(&[
            "report",
            "annual",
            "--year",
            &year.to_string(),
            "--data",
            data,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", text(&o));
        if text(&o).contains("第2稿") {
            stored = Some(year);
            break;
        }
    }
    let year = stored.expect("the demo stores a report of its demo year");
    let parts = docx_parts(&out);
    let document = &parts
        .iter()
        .find(|(n, _)| n == "word/document.xml")
        .expect("document part")
        .1;
    // GB/T 9704-2012: A4 with the 公文 margins, and its fonts.
    assert!(document.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert!(document.contains("w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\""));
    let all: String = parts.iter().map(|(_, t)| t.as_str()).collect();
    for font in ["方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"] {
        assert!(all.contains(font), "{font}");
    }
    for heading in [
        "一、".to_owned(),
        "二、".to_owned(),
        "三、党政主要负责人履行推进法治建设第一责任人职责".to_owned(),
        format!("四、{}年推进法治政府建设的主要安排", year + 1),
        "五、其他需要报告的情况".to_owned(),
    ] {
        assert!(document.contains(&heading), "{heading}");
    }
    // Its text passes the report review: five sections, no inconsistency.
    let review = report::review::review_file(&out).unwrap();
    assert!(
        review.inconsistencies.is_empty(),
        "{:?}",
        review.inconsistencies
    );
    assert!(
        review.sections.missing.is_empty(),
        "{:?}",
        review.sections.missing
    );
    // HTML and Markdown too; an unknown extension is refused.
    for ext in ["html", "md"] {
        let f = dir.join(format!("report.{ext}"));
        let o = fazhi(&[
            "report",
            "annual",
            "--year",
            &year.to_string(),
            "--data",
            data,
            "--out",
            f.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", text(&o));
        assert!(
            std::fs::read_to_string(&f)
                .unwrap()
                .contains("其他需要报告的情况")
        );
    }
    let o = fazhi(&[
        "report", "annual", "--year", "2025", "--data", data, "--out", "x.pdf",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn search_reindex_rebuilds_the_index_from_the_database() {
    let dir = temp_dir("reindex");
    seed(&dir);
    let data = dir.to_str().unwrap();
    let o = fazhi(&["search", "reindex", "--data", data]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("已重建检索索引"), "{}", text(&o));
    assert!(dir.join("search").join("meta.json").exists());
    // A lost index folder is rebuilt the same way.
    std::fs::remove_dir_all(dir.join("search")).unwrap();
    let o = fazhi(&["search", "reindex", "--data", data, "--government", "999"]);
    assert!(!o.status.success());
    assert!(text(&o).contains("999"), "{}", text(&o));
    let o = fazhi(&["search", "reindex", "--data", data]);
    assert!(o.status.success(), "{}", text(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

//! Search benchmark: tantivy + jieba (crate `search`) beside SQLite FTS5 (trigram) and
//! PostgreSQL `ILIKE`, on the same synthetic normative documents in the same run.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-normative cargo bench -p search --bench search
//! SEARCH_BENCH_DOCS=10000 cargo bench -p search --bench search     # quick run
//! SEARCH_BENCH_PG=postgres://postgres@127.0.0.1:5432/test          # default; skipped when unreachable
//! ```
//!
//! Prints indexing throughput per engine, then latency p50/p99 over a fixed query set, and the
//! hit counts (the engines do not mean the same thing by a match: tantivy matches jieba words
//! in any order, FTS5 trigram and ILIKE match the typed string as a substring).

use std::time::{Duration, Instant};

use search::{DocumentIndex, IndexedDocument, Query, Scope};
use sqlx::Connection;

/// Governments in the corpus; every query searches the first.
const GOVERNMENTS: [(i64, &str, &str); 3] = [
    (1, "青山县", "青"),
    (2, "白水县", "白"),
    (3, "临江县", "临"),
];

/// Queries run against every engine: common topics, a reordered phrase, a law name, a rare
/// phrase, an exact document number and a query with no hit.
const QUERIES: &[&str] = &[
    "食品安全",
    "法治政府建设",
    "行政处罚",
    "行政复议法",
    "安全生产监督管理",
    "农村集体经济组织",
    "青政规〔2023〕15号",
    "量子计算产业",
];

fn main() {
    let n: usize = std::env::var("SEARCH_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let pg_url = std::env::var("SEARCH_BENCH_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());

    let started = Instant::now();
    let docs = generate(n, 20_250_601);
    let chars: usize = docs
        .iter()
        .map(|d| d.body.chars().count() + d.title.chars().count())
        .sum();
    let bytes: usize = docs.iter().map(|d| d.body.len() + d.title.len()).sum();
    println!(
        "corpus: {n} documents, {:.1} M characters ({:.0} MB UTF-8), mean {} characters; generated in {:.1} s",
        chars as f64 / 1e6,
        bytes as f64 / 1e6,
        chars / n.max(1),
        started.elapsed().as_secs_f64()
    );
    search::warm_up();

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");

    let dir = tempfile::tempdir().expect("temp dir");
    let mut results = Vec::new();
    results.push(bench_tantivy(&docs, &dir.path().join("tantivy"), bytes));
    results.push(runtime.block_on(bench_sqlite(&docs, &dir.path().join("fts.db"), bytes)));
    match runtime.block_on(bench_postgres(&docs, &pg_url, bytes)) {
        Ok(r) => results.push(r),
        Err(e) => println!("\nPostgreSQL skipped: {e}"),
    }

    println!("\n## Latency over all queries (ms)\n");
    println!("| engine | samples | p50 | p99 | max |");
    println!("|---|---|---|---|---|");
    for r in &results {
        let all: Vec<Duration> = r.per_query.iter().flat_map(|q| q.samples.clone()).collect();
        println!(
            "| {} | {} | {} | {} | {} |",
            r.engine,
            all.len(),
            ms(percentile(&all, 50.0)),
            ms(percentile(&all, 99.0)),
            ms(percentile(&all, 100.0))
        );
    }
    println!("\n## Per query: p50 ms (hits)\n");
    let header: Vec<&str> = results.iter().map(|r| r.engine).collect();
    println!("| query | {} |", header.join(" | "));
    println!("|---|{}", "---|".repeat(results.len()));
    for (i, q) in QUERIES.iter().enumerate() {
        let cells: Vec<String> = results
            .iter()
            .map(|r| {
                let pq = &r.per_query[i];
                format!("{} ({})", ms(percentile(&pq.samples, 50.0)), pq.hits)
            })
            .collect();
        println!("| {q} | {} |", cells.join(" | "));
    }
    println!("\ntotal run time {:.0} s", started.elapsed().as_secs_f64());
}

/// One engine's figures.
struct EngineResult {
    engine: &'static str,
    per_query: Vec<QueryResult>,
}

/// One query's timings on one engine.
struct QueryResult {
    samples: Vec<Duration>,
    hits: i64,
}

fn report_indexing(engine: &str, n: usize, bytes: usize, took: Duration) {
    let secs = took.as_secs_f64();
    println!(
        "{engine}: indexed {n} documents in {secs:.1} s = {:.0} docs/s, {:.1} MB/s",
        n as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
}

fn bench_tantivy(docs: &[IndexedDocument], dir: &std::path::Path, bytes: usize) -> EngineResult {
    let index = DocumentIndex::open(dir).expect("open index");
    let started = Instant::now();
    let n = index.rebuild(docs.iter().cloned()).expect("index");
    report_indexing("tantivy", n, bytes, started.elapsed());
    let per_query = QUERIES
        .iter()
        .map(|text| {
            let q = Query::new(GOVERNMENTS[0].0, Scope::Staff, *text);
            let mut hits = 0;
            let samples = timed(5, 60, || {
                hits = index.search(&q).expect("search").total as i64;
            });
            QueryResult { samples, hits }
        })
        .collect();
    EngineResult {
        engine: "tantivy+jieba",
        per_query,
    }
}

async fn bench_sqlite(
    docs: &[IndexedDocument],
    path: &std::path::Path,
    bytes: usize,
) -> EngineResult {
    let options = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Off)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Off);
    let mut conn = sqlx::SqliteConnection::connect_with(&options)
        .await
        .expect("sqlite");
    sqlx::query(
        "CREATE VIRTUAL TABLE docs USING fts5(government_id UNINDEXED, number, title, body, tokenize='trigram')",
    )
    .execute(&mut conn)
    .await
    .expect("create fts5");
    let started = Instant::now();
    let mut tx = conn.begin().await.expect("begin");
    for d in docs {
        sqlx::query(
            "INSERT INTO docs(rowid, government_id, number, title, body) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(d.government_id * 1_000_000 + d.id)
        .bind(d.government_id)
        .bind(d.document_number.as_deref().unwrap_or(""))
        .bind(&d.title)
        .bind(&d.body)
        .execute(&mut *tx)
        .await
        .expect("insert");
    }
    tx.commit().await.expect("commit");
    report_indexing("sqlite fts5 trigram", docs.len(), bytes, started.elapsed());

    let mut per_query = Vec::new();
    for text in QUERIES {
        // A phrase in double quotes: trigram FTS5 matches it as a substring of a column.
        let phrase = format!("\"{}\"", text.replace('"', "\"\""));
        let mut hits = 0;
        let mut samples = Vec::new();
        for i in 0..25 {
            let t = Instant::now();
            let page: Vec<(i64,)> = sqlx::query_as(
                "SELECT rowid FROM docs WHERE docs MATCH ? AND government_id = ? ORDER BY rank LIMIT 20",
            )
            .bind(&phrase)
            .bind(GOVERNMENTS[0].0)
            .fetch_all(&mut conn)
            .await
            .expect("fts5 page");
            let (total,): (i64,) = sqlx::query_as(
                "SELECT count(*) FROM docs WHERE docs MATCH ? AND government_id = ?",
            )
            .bind(&phrase)
            .bind(GOVERNMENTS[0].0)
            .fetch_one(&mut conn)
            .await
            .expect("fts5 count");
            std::hint::black_box(page);
            hits = total;
            if i >= 3 {
                samples.push(t.elapsed());
            }
        }
        per_query.push(QueryResult { samples, hits });
    }
    EngineResult {
        engine: "sqlite fts5 trigram",
        per_query,
    }
}

async fn bench_postgres(
    docs: &[IndexedDocument],
    url: &str,
    bytes: usize,
) -> Result<EngineResult, String> {
    let connect = sqlx::PgConnection::connect(url);
    let mut conn = tokio::time::timeout(Duration::from_secs(5), connect)
        .await
        .map_err(|_| format!("{url} did not answer within 5 s"))?
        .map_err(|e| format!("cannot connect to {url}: {e}"))?;
    sqlx::query("DROP TABLE IF EXISTS search_bench_docs")
        .execute(&mut conn)
        .await
        .map_err(|e| e.to_string())?;
    sqlx::query("CREATE TABLE search_bench_docs (government_id BIGINT NOT NULL, id BIGINT NOT NULL, number TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (government_id, id))")
    .execute(&mut conn)
    .await
    .map_err(|e| e.to_string())?;
    let started = Instant::now();
    for chunk in docs.chunks(1000) {
        let gov: Vec<i64> = chunk.iter().map(|d| d.government_id).collect();
        let id: Vec<i64> = chunk.iter().map(|d| d.id).collect();
        let number: Vec<&str> = chunk
            .iter()
            .map(|d| d.document_number.as_deref().unwrap_or(""))
            .collect();
        let title: Vec<&str> = chunk.iter().map(|d| d.title.as_str()).collect();
        let body: Vec<&str> = chunk.iter().map(|d| d.body.as_str()).collect();
        sqlx::query("INSERT INTO search_bench_docs SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[])")
        .bind(&gov)
        .bind(&id)
        .bind(&number)
        .bind(&title)
        .bind(&body)
        .execute(&mut conn)
        .await
        .map_err(|e| e.to_string())?;
    }
    sqlx::query("ANALYZE search_bench_docs")
        .execute(&mut conn)
        .await
        .map_err(|e| e.to_string())?;
    report_indexing(
        "postgresql (plain table, no index)",
        docs.len(),
        bytes,
        started.elapsed(),
    );

    let mut per_query = Vec::new();
    for text in QUERIES {
        let pattern = format!(
            "%{}%",
            text.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let mut hits = 0;
        let mut samples = Vec::new();
        for i in 0..7 {
            let t = Instant::now();
            let page: Vec<(i64,)> = sqlx::query_as("SELECT id FROM search_bench_docs WHERE government_id = $2 AND (number ILIKE $1 OR title ILIKE $1 OR body ILIKE $1) ORDER BY id LIMIT 20")
            .bind(&pattern)
            .bind(GOVERNMENTS[0].0)
            .fetch_all(&mut conn)
            .await
            .map_err(|e| e.to_string())?;
            let (total,): (i64,) = sqlx::query_as("SELECT count(*) FROM search_bench_docs WHERE government_id = $2 AND (number ILIKE $1 OR title ILIKE $1 OR body ILIKE $1)")
            .bind(&pattern)
            .bind(GOVERNMENTS[0].0)
            .fetch_one(&mut conn)
            .await
            .map_err(|e| e.to_string())?;
            std::hint::black_box(page);
            hits = total;
            if i >= 2 {
                samples.push(t.elapsed());
            }
        }
        per_query.push(QueryResult { samples, hits });
    }
    sqlx::query("DROP TABLE search_bench_docs")
        .execute(&mut conn)
        .await
        .map_err(|e| e.to_string())?;
    Ok(EngineResult {
        engine: "postgresql ilike",
        per_query,
    })
}

/// Runs `f` `warm + runs` times and returns the timings of the last `runs`.
fn timed(warm: usize, runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    for _ in 0..warm {
        f();
    }
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect()
}

/// Nearest-rank percentile.
fn percentile(samples: &[Duration], p: f64) -> Duration {
    if samples.is_empty() {
        return Duration::ZERO;
    }
    let mut sorted = samples.to_vec();
    sorted.sort_unstable();
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.2}")
    } else {
        format!("{ms:.0}")
    }
}

// ---------------------------------------------------------------------------------------------
// The synthetic corpus.

/// SplitMix64: a seeded generator, so every run indexes the same texts.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// One of `items` (a template or a name).
    fn text(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Issuing bodies: (number prefix after the county letter, name after the county name).
const ISSUERS: &[(&str, &str)] = &[
    ("政规", "人民政府"),
    ("政办规", "人民政府办公室"),
    ("市监规", "市场监督管理局"),
    ("农规", "农业农村局"),
    ("住建规", "住房和城乡建设局"),
    ("应急规", "应急管理局"),
    ("环规", "生态环境分局"),
    ("人社规", "人力资源和社会保障局"),
    ("教规", "教育局"),
    ("卫健规", "卫生健康局"),
];

/// Subjects and the law each rests on (laws with 中华人民共和国 in their full title are marked).
const TOPICS: &[(&str, &str, bool)] = &[
    ("食品安全", "食品安全法", true),
    ("安全生产", "安全生产法", true),
    ("道路交通安全", "道路交通安全法", true),
    ("大气污染防治", "大气污染防治法", true),
    ("水污染防治", "水污染防治法", true),
    ("噪声污染防治", "噪声污染防治法", true),
    ("城乡规划", "城乡规划法", true),
    ("土地管理", "土地管理法", true),
    ("消防安全", "消防法", true),
    ("药品安全", "药品管理法", true),
    ("个人信息保护", "个人信息保护法", true),
    ("数据安全", "数据安全法", true),
    ("突发事件应对", "突发事件应对法", true),
    ("野生动物保护", "野生动物保护法", true),
    ("森林资源保护", "森林法", true),
    ("广告监督管理", "广告法", true),
    ("消费者权益保护", "消费者权益保护法", true),
    ("建筑市场", "建筑法", true),
    ("价格监督检查", "价格法", true),
    ("税收征收", "税收征收管理法", true),
    ("农村集体经济组织", "民法典", true),
    ("物业服务", "物业管理条例", false),
    ("城市市容和环境卫生", "城市市容和环境卫生管理条例", false),
    ("政府信息公开", "政府信息公开条例", false),
    ("优化营商环境", "优化营商环境条例", false),
    ("信访工作", "信访工作条例", false),
];

const KINDS: &[&str] = &[
    "办法",
    "规定",
    "实施细则",
    "实施意见",
    "暂行办法",
    "管理办法",
];

const TITLE_FORMS: &[&str] = &[
    "{county}{topic}{kind}",
    "{county}关于加强{topic}工作的{kind}",
    "{county}关于进一步规范{topic}管理的{kind}",
    "{county}{topic}监督管理{kind}",
    "{county}关于印发《{topic}工作规范》的通知",
];

const PURPOSES: &[&str] = &[
    "规范{topic}管理",
    "加强{topic}监督管理",
    "推进{topic}工作制度化、规范化",
    "提升{topic}治理水平",
];

const GOALS: &[&str] = &[
    "保障人民群众生命财产安全",
    "维护公共利益和社会秩序",
    "保护公民、法人和其他组织的合法权益",
    "推进法治政府建设",
    "加快建设法治政府",
    "优化营商环境",
];

const DUTIES: &[&str] = &[
    "{dept}应当建立健全{topic}工作责任制，明确责任主体和工作要求，并定期开展监督检查。",
    "{dept}应当依法公开{topic}相关的行政许可、行政处罚等执法信息，接受社会监督。",
    "生产经营单位应当落实{topic}主体责任，建立内部管理制度，如实记录相关情况。",
    "{dept}在实施行政处罚时，应当遵循公开、公正、公平的原则，依法保障当事人的陈述权、申辩权。",
    "公民、法人或者其他组织对{dept}作出的具体行政行为不服的，可以依法申请行政复议或者提起行政诉讼。",
    "{dept}应当会同有关部门制定{topic}应急预案，定期组织演练，提高应急处置能力。",
    "乡镇人民政府、街道办事处应当协助做好本辖区内{topic}相关工作，发现问题及时报告。",
    "鼓励社会组织、行业协会参与{topic}工作，对作出突出贡献的单位和个人按照有关规定给予表彰。",
    "{dept}应当加强执法人员培训，严格执行行政执法公示、执法全过程记录和重大执法决定法制审核制度。",
    "{dept}应当利用信息化手段建立{topic}信息平台，实现数据共享，提高监管效能。",
    "任何单位和个人有权对违反本{kind}的行为进行投诉、举报，{dept}应当及时核实处理并为举报人保密。",
    "{dept}应当将{topic}工作所需经费纳入本级财政预算，保障工作正常开展。",
    "农村集体经济组织应当依法管理集体资产，定期公布财务收支情况，接受成员监督。",
    "行政机关制定涉及{topic}的规范性文件，应当进行合法性审核，未经审核的不得发布施行。",
];

const DEPTS: &[&str] = &[
    "县人民政府有关部门",
    "县市场监督管理局",
    "县应急管理局",
    "县农业农村局",
    "县住房和城乡建设局",
    "县司法局",
    "县生态环境分局",
    "县公安局",
];

fn numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", DIGITS[n % 10]),
        _ => {
            let tail = if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            };
            format!("{}十{}", DIGITS[n / 10], tail)
        }
    }
}

fn fill(template: &str, slots: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in slots {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// `n` documents spread over the governments, issuers and the years 2015–2025, with
/// registration numbers counted per issuer and year.
fn generate(n: usize, seed: u64) -> Vec<IndexedDocument> {
    let mut rng = Rng(seed);
    let mut sequences = std::collections::HashMap::<(usize, usize, i32), u32>::new();
    let statuses = [
        "in_force", "in_force", "in_force", "expired", "repealed", "draft", "void",
    ];
    (0..n)
        .map(|i| {
            let g = i % GOVERNMENTS.len();
            let (government_id, county, letter) = GOVERNMENTS[g];
            let issuer = rng.below(ISSUERS.len());
            let (prefix, issuer_suffix) = ISSUERS[issuer];
            let year = 2015 + rng.below(11) as i32;
            let &(topic, law, prc) = rng.pick(TOPICS);
            let kind = rng.text(KINDS);
            let status = *rng.pick(&statuses);
            let title = fill(
                rng.text(TITLE_FORMS),
                &[("county", county), ("topic", topic), ("kind", kind)],
            );
            let document_number = (status != "draft").then(|| {
                let seq = sequences.entry((g, issuer, year)).or_insert(0);
                *seq += 1;
                format!("{letter}{prefix}〔{year}〕{seq}号")
            });
            let law_title = if prc {
                format!("《中华人民共和国{law}》")
            } else {
                format!("《{law}》")
            };
            let slots = |dept: &'static str| {
                [("topic", topic), ("kind", kind), ("dept", dept), ("county", county)]
            };
            let mut body = String::new();
            let purpose = fill(rng.text(PURPOSES), &[("topic", topic)]);
            body.push_str(&format!(
                "第一条 为了{purpose}，{}，根据{law_title}等法律、法规和规章的规定，结合本县实际，制定本{kind}。",
                rng.text(GOALS)
            ));
            body.push_str(&format!("第二条 本{kind}适用于{county}行政区域内{topic}及其监督管理活动。"));
            let lead = rng.text(DEPTS);
            body.push_str(&format!("第三条 {lead}负责本行政区域内{topic}的监督管理工作；其他有关部门按照各自职责做好相关工作。"));
            let articles = 5 + rng.below(14);
            for a in 4..articles {
                let duty = fill(rng.text(DUTIES), &slots(rng.text(DEPTS)));
                body.push_str(&format!("第{}条 {duty}", numeral(a)));
                if rng.chance(25) {
                    body.push_str(&format!("违反本条规定的，由{lead}依照{law_title}的有关规定予以处理；构成犯罪的，依法追究刑事责任。"));
                }
            }
            let validity = 2 + rng.below(4);
            body.push_str(&format!(
                "第{}条 本{kind}自{year}年{}月{}日起施行，有效期{}年。",
                numeral(articles),
                1 + rng.below(12),
                1 + rng.below(28),
                numeral(validity)
            ));
            IndexedDocument {
                government_id,
                id: i as i64 + 1,
                title,
                document_number,
                issuer_id: issuer as i64 + 1,
                issuer_name: format!("{county}{issuer_suffix}"),
                year,
                status: status.to_owned(),
                body,
                published: status != "draft",
            }
        })
        .collect()
}

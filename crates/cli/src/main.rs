//! The `fazhi` binary: thin argument parsing over the crates.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, Parser, Subcommand};
use domain::account::{Role, check_username};
use domain::org::infer_region_level;
use store::{Actor, NewUser, Store};

/// 法治政府建设工作平台 fazhi.
#[derive(Debug, Parser)]
#[command(name = "fazhi", version, about = "法治政府建设工作平台 fazhi")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where the database is: a SQLite folder (default ./fazhi-data) or a PostgreSQL URL.
#[derive(Debug, Args, Clone)]
struct DbArgs {
    /// Folder for the embedded SQLite database.
    #[arg(long, default_value = "./fazhi-data")]
    data: PathBuf,
    /// Database URL (postgres://… or sqlite:…); overrides --data.
    #[arg(long, env = "FAZHI_DATABASE_URL")]
    database_url: Option<String>,
    /// Folder of the logs' private signing keys (default: the `keys` folder in --data).
    #[arg(long, env = "FAZHI_KEY_DIR")]
    key_dir: Option<PathBuf>,
    /// Folder of the full-text index of normative documents (default: the `search` folder in
    /// --data). Derived data: `fazhi search reindex` rebuilds it from the database.
    #[arg(long, env = "FAZHI_SEARCH_DIR")]
    search_dir: Option<PathBuf>,
}

impl DbArgs {
    fn url(&self) -> Result<String> {
        match &self.database_url {
            Some(url) => Ok(url.clone()),
            None => Ok(store::engine::sqlite_url_for_dir(&self.data)?),
        }
    }

    fn keys(&self) -> web::keys::KeyDir {
        web::keys::KeyDir::new(
            self.key_dir
                .clone()
                .unwrap_or_else(|| self.data.join("keys")),
        )
    }

    fn search_dir(&self) -> PathBuf {
        self.search_dir
            .clone()
            .unwrap_or_else(|| self.data.join("search"))
    }

    /// The on-disk search index (one process at a time may write to it).
    fn search(&self) -> Result<std::sync::Arc<web::search::SearchService>> {
        let dir = self.search_dir();
        web::search::SearchService::open(&dir).map_err(|e| {
            anyhow!(
                "无法打开检索索引 {}：{e}（若服务正在运行，请先停止服务，或由服务自行更新索引）",
                dir.display()
            )
        })
    }

    async fn open(&self) -> Result<Store> {
        let url = self.url()?;
        Store::open(&url)
            .await
            .with_context(|| format!("无法打开数据库 {}", redact(&url)))
    }
}

fn redact(url: &str) -> String {
    // Never print a password that may be in a PostgreSQL URL.
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://***@{}", &url[..s], &url[at + 1..]),
        _ => url.to_owned(),
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the web UI, portal and API.
    Serve {
        #[command(flatten)]
        db: DbArgs,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
    },
    /// Create (or reuse) a demo county government with one account per role, then serve.
    Demo {
        #[command(flatten)]
        db: DbArgs,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Seed the data and exit without serving.
        #[arg(long)]
        no_serve: bool,
        /// Number of penalty cases to generate for the demo county (first run only).
        #[arg(long, default_value_t = demo::enforcement::DEFAULT_CASES)]
        cases: usize,
    },
    /// Create the first government and its administrator.
    Init {
        #[command(flatten)]
        db: DbArgs,
        /// Region code of the government (GB/T 2260), e.g. 330523.
        #[arg(long)]
        region_code: String,
        /// Region name, e.g. 安吉县.
        #[arg(long)]
        region_name: String,
        /// Government name, e.g. 安吉县人民政府.
        #[arg(long)]
        government: String,
        /// Administrator user name.
        #[arg(long, default_value = "admin")]
        admin: String,
        /// Hash algorithm of the government's log: sm3 (GB/T 32905, default) or sha256. Never changes.
        #[arg(long, default_value = "sm3")]
        hash: String,
        /// Signature algorithm of its tree heads: sm2 (GB/T 32918, default) or ed25519.
        #[arg(long, default_value = "sm2")]
        signature: String,
    },
    /// Bring the database schema up to date.
    Migrate {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Database tools.
    Db {
        #[command(subcommand)]
        command: DbCommand,
    },
    /// Manage staff accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// The working-day calendar: due dates, working days, importing next year's table.
    Calendar {
        #[command(subcommand)]
        command: CalendarCommand,
    },
    /// Automatic legality review (智能审查) of a draft normative document (.txt or .docx): citations
    /// against the law corpus and clauses a normative document may not contain. Exit status 1 when
    /// a finding of severity error is reported.
    Review {
        /// The draft.
        file: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Also write a draft 合法性审核意见书 (.docx) listing the findings.
        #[arg(long)]
        opinion: Option<PathBuf>,
        /// Law corpus folder (default: the corpus built into fazhi).
        #[arg(long)]
        laws: Option<PathBuf>,
    },
    /// The tamper-evident log: verify, export, sign.
    Ledger {
        #[command(subcommand)]
        command: LedgerCommand,
    },
    /// Annual reports.
    Report {
        #[command(subcommand)]
        command: ReportCommand,
    },
    /// Indicators (指标): recompute the aggregates from the records.
    Indicators {
        #[command(subcommand)]
        command: IndicatorsCommand,
    },
    /// The full-text index of normative documents.
    Search {
        #[command(subcommand)]
        command: SearchCommand,
    },
}

#[derive(Debug, Subcommand)]
enum IndicatorsCommand {
    /// Recompute every fact and aggregate from the records (the server keeps them up to date
    /// from the outbox; a rebuild gives the same numbers).
    Rebuild {
        #[command(flatten)]
        db: DbArgs,
        /// Only this government (default: every government).
        #[arg(long)]
        government: Option<i64>,
    },
}

#[derive(Debug, Subcommand)]
enum SearchCommand {
    /// Rebuild the index from the documents in the database (after losing the index folder,
    /// or when a search seems to miss a document). Stop the server first: it holds the index.
    Reindex {
        #[command(flatten)]
        db: DbArgs,
        /// Only this government (default: every government).
        #[arg(long)]
        government: Option<i64>,
    },
}

#[derive(Debug, Subcommand)]
enum CalendarCommand {
    /// Print the due date of a period, e.g. `--from 2024-02-08 --days 5 --unit working`.
    Due {
        /// Trigger date (not counted), YYYY-MM-DD.
        #[arg(long)]
        from: String,
        /// Length of the period.
        #[arg(long, allow_negative_numbers = true)]
        days: i64,
        /// Unit: working, calendar or month.
        #[arg(long, default_value = "working")]
        unit: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Also apply the tables imported into this database (by default only the official tables).
        #[arg(long, env = "FAZHI_DATABASE_URL")]
        database_url: Option<String>,
    },
    /// Say whether a date is a working day.
    IsWorkingDay {
        /// The date, YYYY-MM-DD.
        date: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Also apply the tables imported into this database.
        #[arg(long, env = "FAZHI_DATABASE_URL")]
        database_url: Option<String>,
    },
    /// Import a holiday table (next year's State Council notice, or a local rule with --overlay).
    Import {
        #[command(flatten)]
        db: DbArgs,
        /// The table file (TAB-separated; see the calendar page).
        file: PathBuf,
        /// Apply date by date on top of the national arrangement (a local rule).
        #[arg(long)]
        overlay: bool,
    },
}

#[derive(Debug, Subcommand)]
enum LedgerCommand {
    /// Recompute every entry, rebuild the tree, check every tree head's signature and the
    /// consistency of successive heads, and the current records against their last entries.
    /// Exits 1 naming the first bad entry. With --bundle, checks an exported bundle offline.
    Verify {
        #[command(flatten)]
        db: DbArgs,
        /// Only this government (default: every government).
        #[arg(long)]
        government: Option<i64>,
        /// Verify an exported bundle file instead, with no database.
        #[arg(long)]
        bundle: Option<PathBuf>,
    },
    /// Write a self-contained bundle (entries, tree heads, public key) for offline verification.
    Export {
        #[command(flatten)]
        db: DbArgs,
        /// The government.
        #[arg(long)]
        government: Option<i64>,
        /// Output file.
        #[arg(long)]
        out: PathBuf,
    },
    /// Sign a tree head now for every log that has grown.
    Sign {
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Debug, Subcommand)]
enum ReportCommand {
    /// Review any annual report (.txt, .docx, .html; simplified or traditional): figures,
    /// inconsistencies, statutory sections. Several files give a side-by-side summary.
    Review {
        /// Report files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write the annual report of a year (法治政府建设年度报告): the stored report's current
    /// version, or, when the year has none, a draft from the indicators. The file's extension
    /// chooses the format: .docx (公文 format), .html or .md.
    Annual {
        #[command(flatten)]
        db: DbArgs,
        /// The year reported on.
        #[arg(long)]
        year: i32,
        /// The government (may be omitted when there is only one).
        #[arg(long)]
        government: Option<i64>,
        /// Output file (.docx, .html or .md).
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum DbCommand {
    /// Copy a whole deployment to another (empty) database, e.g. SQLite → PostgreSQL.
    Copy {
        /// Source URL.
        #[arg(long)]
        from: String,
        /// Target URL (migrated if needed; must be empty).
        #[arg(long)]
        to: String,
    },
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Add an account; prints its initial password, which must be changed at first login.
    Add {
        #[command(flatten)]
        db: DbArgs,
        /// User name.
        #[arg(long)]
        username: String,
        /// Display name.
        #[arg(long)]
        name: String,
        /// Role: admin, legal_office, department_staff, department_reviewer, leader, legal_adviser.
        #[arg(long)]
        role: String,
        /// Department id (scope); required for department roles.
        #[arg(long)]
        department: Option<i64>,
        /// Government id (may be omitted when there is only one).
        #[arg(long)]
        government: Option<i64>,
    },
    /// Reset a password; prints the new initial password.
    ResetPassword {
        #[command(flatten)]
        db: DbArgs,
        /// User name.
        username: String,
    },
    /// Lift a lockout.
    Unlock {
        #[command(flatten)]
        db: DbArgs,
        /// User name.
        username: String,
    },
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

fn hash(password: &str) -> String {
    web::auth::hash_password(password).expect("password hashing")
}

async fn single_government(store: &Store, given: Option<i64>) -> Result<i64> {
    if let Some(id) = given {
        store
            .government(id)
            .await
            .with_context(|| format!("政府 {id} 不存在"))?;
        return Ok(id);
    }
    let all = store.list_governments().await?;
    match all.as_slice() {
        [only] => Ok(only.id),
        [] => bail!("数据库中还没有政府；请先运行 fazhi init"),
        _ => bail!("数据库中有多个政府，请用 --government 指定"),
    }
}

fn main() -> std::process::ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("错误：无法启动运行时：{e}");
            return std::process::ExitCode::from(2);
        }
    };
    match runtime.block_on(run()) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            // One readable line (with its causes), never a backtrace.
            eprintln!("错误：{e:#}");
            std::process::ExitCode::from(2)
        }
    }
}

async fn run() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("FAZHI_LOG")
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let cli = Cli::parse();
    match cli.command {
        Command::Serve { db, listen } => {
            let store = db.open().await?;
            println!(
                "fazhi 已启动：http://{listen}/ （数据库：{}）",
                store.engine().name()
            );
            let search = db.search()?;
            web::serve(
                web::AppState::new(store, db.keys()).with_search(search),
                listen,
            )
            .await?;
        }
        Command::Demo {
            db,
            listen,
            no_serve,
            cases,
        } => {
            let store = db.open().await?;
            let keys = db.keys();
            let new_log = |region: &str, name: &str| {
                keys.create_log(
                    region,
                    name,
                    now_ms(),
                    ledger::HashAlgorithm::Sm3,
                    ledger::SignatureAlgorithm::Sm2,
                )
            };
            let info = demo::seed(&store, now_ms(), &hash, &new_log).await?;
            let started = std::time::Instant::now();
            let made = demo::enforcement::seed_enforcement(
                &store,
                info.government_id,
                now_ms(),
                calendar::Calendar::official(),
                cases,
            )
            .await?;
            if made > 0 {
                println!(
                    "已生成演示行政处罚案件 {made} 件（{:.1} 秒）",
                    started.elapsed().as_secs_f64()
                );
            }
            // Supervision of enforcement and inspections (issue #5 items 5 and 10).
            let supervised = demo::supervision::seed_supervision(
                &store,
                info.government_id,
                now_ms(),
                calendar::Calendar::official(),
            )
            .await?;
            if supervised != demo::supervision::SupervisionMade::default() {
                println!(
                    "已生成演示执法监督数据：检查对象 {} 个、行政检查 {} 件、案卷评查 {} 批、函件 {} 件",
                    supervised.targets,
                    supervised.inspections,
                    supervised.rounds,
                    supervised.letters
                );
            }
            // Last: the annual report of the demo year, drafted from every record above.
            demo::annual::seed_annual_report(&store, info.government_id, now_ms()).await?;
            web::ledger::sign_pending(&store, &keys, now_ms())
                .await
                .map_err(|e| anyhow!(e))?;
            println!(
                "演示数据已就绪：{}（数据库：{}）",
                info.government_name,
                store.engine().name()
            );
            println!("地址：http://{listen}/          门户首页");
            println!("      http://{listen}/login     工作人员登录");
            println!("演示账号（密码均为 {}）：", demo::DEMO_PASSWORD);
            for (username, role) in &info.accounts {
                println!("  {username:<10} {}", role.label());
            }
            if !no_serve {
                let search = db.search()?;
                web::serve(web::AppState::new(store, keys).with_search(search), listen).await?;
            }
        }
        Command::Init {
            db,
            region_code,
            region_name,
            government,
            admin,
            hash: hash_alg,
            signature,
        } => {
            check_username(&admin).map_err(|m| anyhow!(m))?;
            let level = infer_region_level(&region_code)
                .ok_or_else(|| anyhow!("区划代码应为6位或9位数字"))?;
            let store = db.open().await?;
            if !store.list_governments().await?.is_empty() {
                bail!("数据库已初始化；用 fazhi user add 添加账号");
            }
            let system = Actor::system("init");
            let now = now_ms();
            if store.region(&region_code).await.is_err() {
                let mut tx = store.begin_write(0, &system, now).await?;
                tx.create_region(&region_code, &region_name, level, None)
                    .await?;
                tx.commit().await?;
            }
            let hash_alg: ledger::HashAlgorithm = hash_alg
                .parse()
                .map_err(|_| anyhow!("--hash 应为 sm3 或 sha256"))?;
            let signature: ledger::SignatureAlgorithm = signature
                .parse()
                .map_err(|_| anyhow!("--signature 应为 sm2 或 ed25519"))?;
            let log = db
                .keys()
                .create_log(&region_code, &government, now, hash_alg, signature)
                .map_err(|e| anyhow!(e))?;
            let gov = store
                .create_government(&system, now, &region_code, &government, None, &log)
                .await?;
            let password = web::auth::random_token()[..10].to_owned() + "A#1";
            let mut tx = store.begin_write(gov.id, &system, now).await?;
            tx.create_user(&NewUser {
                username: admin.clone(),
                display_name: "系统管理员".into(),
                role: Role::Admin,
                department_id: None,
                password_hash: hash(&password),
                must_change_password: true,
            })
            .await?;
            tx.commit().await?;
            web::ledger::sign_pending(&store, &db.keys(), now_ms())
                .await
                .map_err(|e| anyhow!(e))?;
            println!("已创建 {}（编号 {}）及系统管理员 {admin}", gov.name, gov.id);
            println!(
                "防篡改日志：{}，签名私钥保存在 {}（仅所有者可读）",
                log.log_id,
                db.keys().path().display()
            );
            println!("初始密码：{password}（首次登录须修改）");
        }
        Command::Migrate { db } => {
            let store = db.open().await?;
            println!("数据库结构已是最新（{}）", store.engine().name());
        }
        Command::Db {
            command: DbCommand::Copy { from, to },
        } => {
            let source = Store::open(&from)
                .await
                .with_context(|| format!("无法打开源数据库 {}", redact(&from)))?;
            let target = Store::open(&to)
                .await
                .with_context(|| format!("无法打开目标数据库 {}", redact(&to)))?;
            let counts = store::copy::copy_database(&source, &target).await?;
            for (table, n) in &counts {
                println!("{table:<20} {n} 行");
            }
            println!(
                "复制完成：{} → {}",
                source.engine().name(),
                target.engine().name()
            );
        }
        Command::User { command } => user_command(command).await?,
        Command::Calendar { command } => calendar_command(command).await?,
        Command::Ledger { command } => {
            if !ledger_command(command).await? {
                std::process::exit(1);
            }
        }
        Command::Review {
            file,
            json,
            opinion,
            laws,
        } => {
            if review_document(&file, json, opinion.as_deref(), laws.as_deref())? {
                std::process::exit(1);
            }
        }
        Command::Report {
            command: ReportCommand::Review { files, json },
        } => report_review(&files, json)?,
        Command::Report {
            command:
                ReportCommand::Annual {
                    db,
                    year,
                    government,
                    out,
                },
        } => report_annual(&db, year, government, &out).await?,
        Command::Indicators {
            command: IndicatorsCommand::Rebuild { db, government },
        } => indicators_rebuild(&db, government).await?,
        Command::Search {
            command: SearchCommand::Reindex { db, government },
        } => {
            let store = db.open().await?;
            let search = db.search()?;
            let governments: Vec<i64> = match government {
                Some(g) => vec![single_government(&store, Some(g)).await?],
                None => store
                    .list_governments()
                    .await?
                    .into_iter()
                    .map(|g| g.id)
                    .collect(),
            };
            let today = china_today();
            for gov in governments {
                let n = search
                    .rebuild(&store, gov, today)
                    .await
                    .map_err(|e| anyhow!("重建检索索引失败：{e}"))?;
                println!("政府 {gov}：已重建检索索引，{n} 件规范性文件");
            }
        }
    }
    Ok(())
}

/// The working-day calendar in force: the official tables and the imported ones.
async fn calendar_of(store: &Store) -> Result<std::sync::Arc<calendar::Calendar>> {
    let shared = web::calendar::SharedCalendar::default();
    shared.reload(store).await?;
    Ok(shared.get())
}

async fn indicators_rebuild(db: &DbArgs, government: Option<i64>) -> Result<()> {
    let store = db.open().await?;
    let calendar = calendar_of(&store).await?;
    let governments = match government {
        Some(id) => vec![
            store
                .government(id)
                .await
                .with_context(|| format!("政府 {id} 不存在"))?,
        ],
        None => store.list_governments().await?,
    };
    for g in governments {
        let r = store.rebuild_indicators(g.id, &calendar, now_ms()).await?;
        println!(
            "{}：指标已重算，事实{}条，汇总{}行，已处理至第{}条变更",
            g.name,
            r.facts,
            r.aggregates,
            r.cursor + 1
        );
    }
    Ok(())
}

async fn report_annual(
    db: &DbArgs,
    year: i32,
    government: Option<i64>,
    out: &std::path::Path,
) -> Result<()> {
    let format = match out.extension().and_then(|e| e.to_str()) {
        Some("docx") => "docx",
        Some("html") => "html",
        Some("md") => "md",
        _ => bail!("输出文件应以 .docx、.html 或 .md 结尾"),
    };
    let store = db.open().await?;
    let gov = single_government(&store, government).await?;
    let (report, what) = match store.annual_report_of_year(gov, year).await? {
        Some(r) => {
            let v = store
                .annual_report_version(gov, r.id, r.current_version)
                .await?;
            let report = report::annual::json::from_json_str(&v.body).map_err(|e| anyhow!(e))?;
            (report, format!("第{}稿，{}", v.version, r.status.label()))
        }
        None => {
            let calendar = calendar_of(&store).await?;
            store.catch_up_indicators(gov, &calendar, now_ms()).await?;
            let g = store.government(gov).await?;
            let figures = store.indicator_figures(&[gov], 0, year).await?;
            (
                report::annual::draft(year, &g.name, &figures),
                "据指标起草，尚未保存".to_owned(),
            )
        }
    };
    let bytes = match format {
        "docx" => report::annual::to_docx(&report),
        "html" => report::annual::to_html(&report).into_bytes(),
        _ => report::annual::to_markdown(&report).into_bytes(),
    };
    std::fs::write(out, bytes).with_context(|| format!("无法写入 {}", out.display()))?;
    println!("已写出 {}：{}（{what}）", out.display(), report.title);
    Ok(())
}

/// Today in China Standard Time (UTC+8), for the documents' date-dependent status.
fn china_today() -> calendar::NaiveDate {
    let days = (now_ms() + 8 * 3_600_000).div_euclid(86_400_000);
    // 719_163 days from 0001-01-01 (day 1) to 1970-01-01.
    calendar::NaiveDate::from_num_days_from_ce_opt(719_163 + days as i32).unwrap_or_default()
}

async fn user_command(command: UserCommand) -> Result<()> {
    let system = Actor::system("命令行");
    match command {
        UserCommand::Add {
            db,
            username,
            name,
            role,
            department,
            government,
        } => {
            check_username(&username).map_err(|m| anyhow!(m))?;
            let role = Role::parse(&role).ok_or_else(|| anyhow!("未知角色 {role}"))?;
            if role.needs_department() && department.is_none() {
                bail!("角色 {} 须用 --department 指定部门", role.label());
            }
            let store = db.open().await?;
            let gov = single_government(&store, government).await?;
            if let Some(d) = department {
                store
                    .department(gov, d)
                    .await
                    .with_context(|| format!("部门 {d} 不存在"))?;
            }
            let password = web::auth::random_token()[..10].to_owned() + "A#1";
            let mut tx = store.begin_write(gov, &system, now_ms()).await?;
            tx.create_user(&NewUser {
                username: username.clone(),
                display_name: name,
                role,
                department_id: department,
                password_hash: hash(&password),
                must_change_password: true,
            })
            .await?;
            tx.commit().await?;
            println!(
                "已添加 {username}（{}），初始密码：{password}（首次登录须修改）",
                role.label()
            );
        }
        UserCommand::ResetPassword { db, username } => {
            let store = db.open().await?;
            let (user, _) = store
                .find_login(&username)
                .await?
                .ok_or_else(|| anyhow!("用户 {username} 不存在"))?;
            let password = web::auth::random_token()[..10].to_owned() + "A#1";
            let mut tx = store
                .begin_write(user.government_id, &system, now_ms())
                .await?;
            tx.set_password(user.id, &hash(&password), true).await?;
            tx.commit().await?;
            println!("已重置 {username} 的密码，新初始密码：{password}（登录后须修改）");
        }
        UserCommand::Unlock { db, username } => {
            let store = db.open().await?;
            let (user, _) = store
                .find_login(&username)
                .await?
                .ok_or_else(|| anyhow!("用户 {username} 不存在"))?;
            let mut tx = store
                .begin_write(user.government_id, &system, now_ms())
                .await?;
            tx.unlock_user(user.id).await?;
            tx.commit().await?;
            println!("已解锁 {username}");
        }
    }
    Ok(())
}

async fn calendar_with_imports(database_url: Option<String>) -> Result<calendar::Calendar> {
    match database_url {
        None => Ok(calendar::Calendar::builder().build()),
        Some(url) => {
            let store = Store::open(&url)
                .await
                .with_context(|| format!("无法打开数据库 {}", redact(&url)))?;
            Ok(web::calendar::build(&store.calendar_tables().await?))
        }
    }
}

fn parse_date(s: &str) -> Result<calendar::NaiveDate> {
    calendar::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| anyhow!("日期“{s}”格式应为YYYY-MM-DD"))
}

async fn calendar_command(command: CalendarCommand) -> Result<()> {
    match command {
        CalendarCommand::Due {
            from,
            days,
            unit,
            json,
            database_url,
        } => {
            let cal = calendar_with_imports(database_url).await?;
            let report = calendar::due_report(&cal, parse_date(&from)?, days, &unit)
                .map_err(|e| anyhow!(web::calendar::calendar_error_zh(&e)))?;
            if json {
                println!("{}", serde_json::to_string(&report)?);
            } else {
                println!("{report}");
                if report.provisional {
                    eprintln!("注意：该期间所涉年度的放假安排尚未公布，结果为暂定（只扣除周末）");
                }
            }
        }
        CalendarCommand::IsWorkingDay {
            date,
            json,
            database_url,
        } => {
            let cal = calendar_with_imports(database_url).await?;
            let report = calendar::working_day_report(&cal, parse_date(&date)?)
                .map_err(|e| anyhow!(web::calendar::calendar_error_zh(&e)))?;
            if json {
                println!("{}", serde_json::to_string(&report)?);
            } else {
                println!("{report}");
            }
        }
        CalendarCommand::Import { db, file, overlay } => {
            let source = std::fs::read_to_string(&file)
                .with_context(|| format!("无法读取 {}", file.display()))?;
            let table =
                web::calendar::parse_import(&source).map_err(|m| anyhow!("安排表有误：\n{m}"))?;
            let years = web::calendar::years_of(&table);
            let store = db.open().await?;
            let mut tx = store
                .begin_write(0, &Actor::system("命令行"), now_ms())
                .await?;
            tx.import_calendar_table(if overlay { "overlay" } else { "years" }, &years, &source)
                .await?;
            tx.commit().await?;
            println!(
                "已导入 {years} 年度的放假安排（{}）",
                if overlay {
                    "地方规定"
                } else {
                    "全年安排"
                }
            );
        }
    }
    Ok(())
}

fn report_review(files: &[PathBuf], json: bool) -> Result<()> {
    if files.len() == 1 {
        let review = report::review::review_file(&files[0])
            .map_err(|e| anyhow!("{}：{e}", files[0].display()))?;
        println!(
            "{}",
            if json {
                review.to_json()
            } else {
                review.to_text()
            }
        );
        return Ok(());
    }
    let mut loaded = Vec::new();
    for f in files {
        let bytes = std::fs::read(f).with_context(|| format!("无法读取 {}", f.display()))?;
        loaded.push((f.display().to_string(), bytes));
    }
    let entries = report::review::review_batch(loaded);
    if json {
        println!("{}", serde_json::to_string_pretty(&entries)?);
    } else {
        println!("{}", report::review::batch_to_text(&entries));
    }
    Ok(())
}

/// Reviews a draft; returns whether an error-severity finding was reported.
fn review_document(
    file: &std::path::Path,
    json: bool,
    opinion: Option<&std::path::Path>,
    laws: Option<&std::path::Path>,
) -> Result<bool> {
    let corpus = match laws {
        Some(dir) => legaltext::Corpus::load_dir(dir)
            .map_err(|e| anyhow!("无法读取法律语料 {}：{e}", dir.display()))?,
        None => legaltext::Corpus::embedded(),
    };
    let review =
        legaltext::review_file(file, &corpus).map_err(|e| anyhow!("{}：{e}", file.display()))?;
    println!(
        "{}",
        if json {
            review.to_json()
        } else {
            review.to_text()
        }
    );
    if let Some(out) = opinion {
        let bytes = legaltext::opinion_docx(&review, &legaltext::OpinionOptions::default())?;
        std::fs::write(out, bytes).with_context(|| format!("无法写入 {}", out.display()))?;
        eprintln!("合法性审核意见书草稿已写入 {}", out.display());
    }
    Ok(review.count(legaltext::rules::Severity::Error) > 0)
}

/// Runs a ledger command; returns false when verification failed (exit status 1).
async fn ledger_command(command: LedgerCommand) -> Result<bool> {
    match command {
        LedgerCommand::Verify {
            bundle: Some(file), ..
        } => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("无法读取 {}", file.display()))?;
            match ledger::verify_bundle(&bytes) {
                Ok(report) => {
                    println!("核验通过：{}（离线数据包）：{:?}", file.display(), report);
                    Ok(true)
                }
                Err(e) => {
                    println!("核验失败：{e}");
                    Ok(false)
                }
            }
        }
        LedgerCommand::Verify {
            db,
            government,
            bundle: None,
        } => {
            let store = db.open().await?;
            let govs: Vec<i64> = match government {
                Some(g) => vec![g],
                None => store
                    .ledger_logs()
                    .await?
                    .into_iter()
                    .map(|(g, _)| g)
                    .collect(),
            };
            let mut ok = true;
            for gov in govs {
                match web::ledger::verify_government(&store, gov).await {
                    Ok(o) => println!(
                        "政府 {gov}：核验通过，{} 条日志，{} 个签名树头，{} 项记录与日志一致",
                        o.entries, o.tree_heads, o.records_checked
                    ),
                    Err(e) => {
                        println!("政府 {gov}：核验失败：{e}");
                        ok = false;
                    }
                }
            }
            Ok(ok)
        }
        LedgerCommand::Export {
            db,
            government,
            out,
        } => {
            let store = db.open().await?;
            let gov = single_government(&store, government).await?;
            let meta = store
                .ledger_log(gov)
                .await?
                .ok_or_else(|| anyhow!("政府 {gov} 没有防篡改日志"))?;
            let heads = store.tree_heads(gov).await?;
            let size = store.ledger_size(gov).await? as u64;
            let entries: Vec<(ledger::Entry, Option<ledger::Hash>)> = store
                .ledger_stored_entries(gov, 0, size)
                .await?
                .into_iter()
                .map(|s| (s.entry, s.leaf_hash))
                .collect();
            let (n_entries, n_heads) = (entries.len(), heads.len());
            let bytes =
                ledger::export(&meta, heads, entries).map_err(|e| anyhow!("导出失败：{e}"))?;
            std::fs::write(&out, bytes).with_context(|| format!("无法写入 {}", out.display()))?;
            println!(
                "已导出 {n_entries} 条日志和 {n_heads} 个树头到 {}",
                out.display()
            );
            Ok(true)
        }
        LedgerCommand::Sign { db } => {
            let store = db.open().await?;
            let n = web::ledger::sign_pending(&store, &db.keys(), now_ms())
                .await
                .map_err(|e| anyhow!(e))?;
            println!("已签发 {n} 个新树头");
            Ok(true)
        }
    }
}

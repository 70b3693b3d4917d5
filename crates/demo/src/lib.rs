//! Deterministic generator of a demo government: a real county's region chain, the departments a
//! Chinese county actually has (with the laws that make them enforcement bodies), and one account
//! per role. Later subsystems add a year of their records here. Used by `fazhi demo` and tests.

use domain::account::Role;
use domain::org::{DepartmentInput, RegionLevel};
use ledger::LogMetadata;
use store::{Actor, NewUser, Store, StoreError};

mod powers;

/// The password of every demo account (meets the complexity rule; demo accounts need no change).
pub const DEMO_PASSWORD: &str = "Demo@2026";

/// Region code of the demo county (安吉县, 浙江省湖州市).
pub const DEMO_COUNTY_CODE: &str = "330523";

/// What the demo created: its government and its accounts.
#[derive(Debug, Clone)]
pub struct DemoInfo {
    /// The demo county government.
    pub government_id: i64,
    /// Its name.
    pub government_name: String,
    /// (user name, role) of each demo account; all use [`DEMO_PASSWORD`].
    pub accounts: Vec<(String, Role)>,
}

/// Departments of the demo county: name, short name, enforcement basis (empty: not an
/// enforcement body), published on the portal.
const DEPARTMENTS: &[(&str, &str, &str, bool)] = &[
    (
        "安吉县公安局",
        "公安",
        "《中华人民共和国治安管理处罚法》第七条；《中华人民共和国道路交通安全法》第五条",
        true,
    ),
    (
        "安吉县市场监督管理局",
        "市监",
        "《中华人民共和国食品安全法》第六条；《中华人民共和国产品质量法》第八条；《中华人民共和国广告法》第六条",
        true,
    ),
    (
        "湖州市生态环境局安吉分局",
        "环",
        "《中华人民共和国环境保护法》第十条；《中华人民共和国大气污染防治法》第五条",
        true,
    ),
    (
        "安吉县住房和城乡建设局",
        "建",
        "《中华人民共和国建筑法》第六条；《中华人民共和国城乡规划法》第十一条",
        true,
    ),
    (
        "安吉县交通运输局",
        "交",
        "《中华人民共和国道路运输条例》第七条",
        true,
    ),
    (
        "安吉县自然资源和规划局",
        "自然资源",
        "《中华人民共和国土地管理法》第五条",
        true,
    ),
    (
        "安吉县农业农村局",
        "农",
        "《中华人民共和国农产品质量安全法》第五条；《中华人民共和国动物防疫法》第八条",
        true,
    ),
    (
        "安吉县综合行政执法局",
        "综合执法",
        "《浙江省综合行政执法条例》第七条；《城市市容和环境卫生管理条例》第四条",
        true,
    ),
    (
        "安吉县卫生健康局",
        "卫健",
        "《中华人民共和国基本医疗卫生与健康促进法》第七条；《中华人民共和国传染病防治法》第七条",
        true,
    ),
    (
        "安吉县应急管理局",
        "应急",
        "《中华人民共和国安全生产法》第十条",
        true,
    ),
    (
        "安吉县人力资源和社会保障局",
        "人社",
        "《劳动保障监察条例》第三条",
        true,
    ),
    (
        "安吉县文化和广电旅游体育局",
        "文广旅体",
        "《中华人民共和国旅游法》第八十三条",
        true,
    ),
    ("安吉县水利局", "水", "《中华人民共和国水法》第十二条", true),
    ("安吉县林业局", "林", "《中华人民共和国森林法》第九条", true),
    (
        "安吉县教育局",
        "教",
        "《中华人民共和国教育法》第十五条",
        false,
    ),
    (
        "安吉县发展和改革局",
        "发改",
        "《中华人民共和国价格法》第五条",
        false,
    ),
    ("安吉县司法局", "司", "", false),
    ("安吉县财政局", "财", "", false),
    ("安吉县民政局", "民", "", false),
];

/// Makes the log of a new government (and keeps its private key): region code, name → metadata.
pub type NewLog<'a> = &'a dyn Fn(&str, &str) -> Result<LogMetadata, String>;

/// Seeds the demo county into `store`, or finds it if it is already there (idempotent).
/// `hash` turns a password into its stored hash; `new_log` creates the government's log.
pub async fn seed(
    store: &Store,
    now_ms: i64,
    hash: &dyn Fn(&str) -> String,
    new_log: NewLog<'_>,
) -> Result<DemoInfo, StoreError> {
    if let Some(g) = store
        .list_governments()
        .await?
        .into_iter()
        .find(|g| g.region_code == DEMO_COUNTY_CODE)
    {
        // A demo seeded before the power list existed gains it once.
        seed_power_list(store, g.id, now_ms).await?;
        let accounts = store
            .list_users(g.id)
            .await?
            .into_iter()
            .map(|u| (u.username, u.role))
            .collect();
        return Ok(DemoInfo {
            government_id: g.id,
            government_name: g.name,
            accounts,
        });
    }
    let system = Actor::system("演示数据");
    let mut tx = store.begin_write(0, &system, now_ms).await?;
    let regions: &[(&str, &str, RegionLevel, Option<&str>)] = &[
        ("330000", "浙江省", RegionLevel::Province, None),
        ("330500", "湖州市", RegionLevel::City, Some("330000")),
        ("330523", "安吉县", RegionLevel::County, Some("330500")),
        ("330523001", "递铺街道", RegionLevel::Town, Some("330523")),
        ("330523101", "孝丰镇", RegionLevel::Town, Some("330523")),
        ("330523102", "报福镇", RegionLevel::Town, Some("330523")),
        ("330523103", "天子湖镇", RegionLevel::Town, Some("330523")),
    ];
    let existing = store.list_regions().await?;
    for (code, name, level, parent) in regions {
        if !existing.iter().any(|r| r.code == *code) {
            tx.create_region(code, name, *level, *parent).await?;
        }
    }
    tx.commit().await?;
    let log = new_log(DEMO_COUNTY_CODE, "安吉县人民政府").map_err(StoreError::BadUrl)?;
    let government = store
        .create_government(
            &system,
            now_ms,
            DEMO_COUNTY_CODE,
            "安吉县人民政府",
            None,
            &log,
        )
        .await?;
    let gov = government.id;

    let mut tx = store.begin_write(gov, &system, now_ms).await?;
    let mut market_id = 0;
    for (name, short, basis, published) in DEPARTMENTS {
        let input = DepartmentInput::parse(name, short, !basis.is_empty(), basis)
            .expect("demo departments are valid");
        let d = tx.create_department(&input, None).await?;
        if *published {
            tx.set_enforcement_published(d.id, true).await?;
        }
        if *name == "安吉县市场监督管理局" {
            market_id = d.id;
        }
    }
    let station = DepartmentInput::parse("递铺市场监督管理所", "递铺所", false, "").expect("valid");
    tx.create_department(&station, Some(market_id)).await?;

    let password_hash = hash(DEMO_PASSWORD);
    let people: &[(&str, &str, Role, bool)] = &[
        ("admin", "王建国", Role::Admin, false),
        ("sifaju", "李明华", Role::LegalOffice, false),
        ("zhifa", "张卫东", Role::DepartmentStaff, true),
        ("shenhe", "陈静", Role::DepartmentReviewer, true),
        ("lingdao", "刘志强", Role::Leader, false),
        ("guwen", "赵律师", Role::LegalAdviser, false),
    ];
    let mut accounts = Vec::new();
    for (username, display_name, role, in_market) in people {
        tx.create_user(&NewUser {
            username: (*username).to_owned(),
            display_name: (*display_name).to_owned(),
            role: *role,
            department_id: in_market.then_some(market_id),
            password_hash: password_hash.clone(),
            must_change_password: false,
        })
        .await?;
        accounts.push(((*username).to_owned(), *role));
    }
    tx.commit().await?;
    seed_power_list(store, gov, now_ms).await?;
    Ok(DemoInfo {
        government_id: gov,
        government_name: government.name,
        accounts,
    })
}

/// Seeds the power list (权责清单) of the demo county in one transaction, unless it has one.
async fn seed_power_list(store: &Store, government_id: i64, now_ms: i64) -> Result<(), StoreError> {
    if store.count_powers(government_id).await? > 0 {
        return Ok(());
    }
    let departments = store.list_departments(government_id).await?;
    let system = Actor::system("演示数据");
    let mut tx = store.begin_write(government_id, &system, now_ms).await?;
    if powers::seed_powers(&mut tx, &departments).await? > 0 {
        tx.commit().await?;
    }
    Ok(())
}

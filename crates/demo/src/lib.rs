//! Deterministic generator of a demo government: a real county's region chain, the departments a
//! Chinese county actually has (with the laws that make them enforcement bodies), and one account
//! per role. Later subsystems add a year of their records here. Used by `fazhi demo` and tests.

use calendar::{Datelike, Days, NaiveDate};
use domain::account::Role;
use domain::enforcement::officer::{CertificateStanding, OfficerInput};
use domain::org::{DepartmentInput, RegionLevel};
use ledger::LogMetadata;
use store::{Actor, NewUser, OfficerFilter, Store, StoreError};

pub mod enforcement;
mod normative;
mod powers;
// Supervision of enforcement and inspections (issue #5 items 5 and 10).
pub mod supervision;

// Indicators (issue #9) and the annual report.
pub mod annual;

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
        // A demo county made before the roster existed gets it now; one that has it is left alone.
        seed_roster(store, g.id, now_ms).await?;
        // A demo seeded before the power list existed gains it once.
        seed_power_list(store, g.id, now_ms).await?;
        // And its normative documents.
        normative::seed_normative(store, g.id, now_ms).await?;
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
    seed_roster(store, gov, now_ms).await?;
    seed_power_list(store, gov, now_ms).await?;
    normative::seed_normative(store, gov, now_ms).await?;
    Ok(DemoInfo {
        government_id: gov,
        government_name: government.name,
        accounts,
    })
}

/// Common surnames, in rough order of frequency in Zhejiang.
const SURNAMES: &[&str] = &[
    "王", "李", "张", "陈", "刘", "杨", "黄", "吴", "赵", "周", "徐", "孙", "朱", "胡", "沈", "潘",
    "钱", "俞", "何", "金", "郑", "姚", "邵", "汪", "蒋", "章", "许", "方", "叶", "程",
];

/// Given names (one or two characters).
const GIVEN_NAMES: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "磊", "强", "军", "洋", "勇", "杰", "涛", "明辉", "建华", "晓燕",
    "丽娟", "志刚", "海峰", "玉兰", "国强", "文博", "思远", "雨婷", "佳怡", "浩然", "子涵", "俊杰",
    "秀英", "建平", "红梅", "立新", "晨曦", "一鸣", "鑫", "婷", "超", "斌", "慧", "琳", "宇航",
];

/// The enforcement category printed on the certificates of a department, by its short name.
fn category_of(short_name: &str) -> &'static str {
    match short_name {
        "公安" => "公安",
        "市监" => "市场监管",
        "环" => "生态环境",
        "建" => "住房城乡建设",
        "交" => "交通运输",
        "自然资源" => "自然资源",
        "农" => "农业农村",
        "综合执法" => "综合行政执法",
        "卫健" => "卫生健康",
        "应急" => "应急管理",
        "人社" => "人力资源社会保障",
        "文广旅体" => "文化市场",
        "水" => "水利",
        "林" => "林业",
        "教" => "教育",
        "发改" => "价格监督",
        _ => "综合",
    }
}

/// A small deterministic mixer (splitmix64 finaliser): the same inputs give the same roster.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// The day of `now_ms` in China Standard Time.
fn china_date(now_ms: i64) -> NaiveDate {
    let days = (now_ms + 8 * 3_600_000).div_euclid(86_400_000);
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date");
    epoch
        .checked_add_days(Days::new(u64::try_from(days).unwrap_or(0)))
        .unwrap_or(epoch)
}

/// The roster of one department (index `dept_index` among the enforcement bodies): 8 to 15
/// officers, certificates in the Zhejiang style (浙E = 湖州, then the county code, department and
/// sequence), dates around `today` so that a few have expired and a few expire soon. One
/// certificate of the county is suspended and one revoked (chosen by the caller).
fn roster_of(dept_index: usize, short_name: &str, today: NaiveDate) -> Vec<OfficerInput> {
    let seed = mix(dept_index as u64 + 1);
    let count = 8 + (seed % 8) as usize;
    let mut names = Vec::new();
    (0..count)
        .map(|i| {
            let h = mix(seed ^ (i as u64 + 1).wrapping_mul(0x1000_0001));
            let mut name = String::new();
            let mut k = 0;
            // Redraw the rare duplicate within a department, so that a roster reads naturally.
            while name.is_empty() || names.contains(&name) {
                let hk = mix(h.wrapping_add(k));
                name = format!(
                    "{}{}",
                    SURNAMES[(hk % SURNAMES.len() as u64) as usize],
                    GIVEN_NAMES[((hk >> 16) % GIVEN_NAMES.len() as u64) as usize]
                );
                k += 1;
            }
            names.push(name.clone());
            // Certificates run five years. Most were issued 0.1–4.6 years ago; every seventh is
            // older than five years (expired), and every ninth ends within the next 90 days.
            let age_days = if i % 7 == 5 {
                1_900 + (h >> 24) % 300
            } else if i % 9 == 4 {
                5 * 365 - 20 - (h >> 24) % 50
            } else {
                40 + (h >> 24) % 1_640
            };
            let issued_on = today.checked_sub_days(Days::new(age_days)).unwrap_or(today);
            let expires_on = NaiveDate::from_ymd_opt(issued_on.year() + 5, issued_on.month(), 1)
                .and_then(|d| d.checked_add_days(Days::new(u64::from(issued_on.day()) - 1)))
                .unwrap_or(issued_on)
                .pred_opt()
                .unwrap_or(issued_on);
            OfficerInput {
                name,
                certificate_number: format!(
                    "浙E{DEMO_COUNTY_CODE}{:02}{:03}",
                    dept_index + 1,
                    i + 1
                ),
                category: category_of(short_name).to_owned(),
                issued_on,
                expires_on,
                standing: CertificateStanding::InForce,
                // The first two of each department, and a third in larger ones, passed the
                // national legal profession exam.
                legal_review_qualified: i < 2 || (i == 2 && count > 11),
                training_hours: 20 + ((h >> 40) % 61) as u32,
            }
        })
        .collect()
}

/// Seeds the roster of officers of every enforcement department of the demo county, unless the
/// government already has officers (idempotent).
async fn seed_roster(store: &Store, government_id: i64, now_ms: i64) -> Result<(), StoreError> {
    let today = china_date(now_ms);
    let any = OfficerFilter {
        department_ids: None,
        status: None,
        expiring_within_days: None,
        search: String::new(),
        today,
        offset: 0,
        limit: 1,
    };
    if store.list_officers(government_id, &any).await?.1 > 0 {
        return Ok(());
    }
    let departments = store.list_departments(government_id).await?;
    let system = Actor::system("演示数据");
    let mut tx = store.begin_write(government_id, &system, now_ms).await?;
    let mut dept_index = 0;
    for (name, short, basis, _) in DEPARTMENTS {
        if basis.is_empty() {
            continue;
        }
        let Some(d) = departments.iter().find(|d| d.name == *name) else {
            continue;
        };
        let mut roster = roster_of(dept_index, short, today);
        // One suspended certificate (公安) and one revoked (市场监管) in the county.
        match dept_index {
            0 => roster[2].standing = CertificateStanding::Suspended,
            1 => roster[3].standing = CertificateStanding::Revoked,
            _ => {}
        }
        tx.import_officers(d.id, &roster).await?;
        dept_index += 1;
    }
    tx.commit().await
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rosters_are_deterministic_and_plausible() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let a = roster_of(3, "交", today);
        assert_eq!(a, roster_of(3, "交", today));
        assert!((8..=15).contains(&a.len()));
        assert_eq!(a[0].certificate_number, "浙E33052304001");
        let mut numbers: Vec<&str> = a.iter().map(|o| o.certificate_number.as_str()).collect();
        numbers.dedup();
        assert_eq!(numbers.len(), a.len());
        for o in &a {
            assert!(o.expires_on > o.issued_on);
            assert!(o.issued_on <= today);
            assert!((2..=4).contains(&o.name.chars().count()), "{}", o.name);
        }
        assert!(a.iter().any(|o| o.expires_on < today), "a few have expired");
        assert!(a.iter().filter(|o| o.legal_review_qualified).count() >= 2);
        assert_eq!(china_date(1_772_413_200_000), today);
    }
}

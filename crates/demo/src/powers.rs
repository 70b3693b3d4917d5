//! The demo county's power list (权责清单): for each enforcement department a handful of real
//! matters with their real legal basis (checked against `data/laws/`), expanded deterministically
//! into one power per item (项) of the articles that list several conducts, as published power
//! lists do. A few powers are cancelled, delegated to towns or taken back, with the documents
//! that ordered it; penalty powers whose article fixes a fine range get a discretion standard
//! (裁量基准) of three bands inside that range.

use chrono::NaiveDate;
use domain::enforcement::power::{
    Band, BasisText, Circumstance, PowerChange, PowerInput, PowerType, StatusEvent,
};
use store::{Department, StoreError, WriteTx};

/// One matter of a department: name, type, law, article, the statutory fine range in yuan (for
/// the discretion standard), and how many items (项) the article lists (0: one power only).
type Matter = (
    &'static str,
    PowerType,
    &'static str,
    &'static str,
    Option<(i64, i64)>,
    u32,
);

use PowerType::{CoerciveMeasure as Coercive, Inspection, Licence, Penalty};

const FOOD: &str = "《中华人民共和国食品安全法》";
const PRODUCT: &str = "《中华人民共和国产品质量法》";
const ADS: &str = "《中华人民共和国广告法》";
const PRICE: &str = "《中华人民共和国价格法》";
const REGISTRATION: &str = "《中华人民共和国市场主体登记管理条例》";
const DRUGS: &str = "《中华人民共和国药品管理法》";
const PUBLIC_ORDER: &str = "《中华人民共和国治安管理处罚法》";
const ROAD: &str = "《中华人民共和国道路交通安全法》";
const FIRE: &str = "《中华人民共和国消防法》";
const AIR: &str = "《中华人民共和国大气污染防治法》";
const WATER_POLLUTION: &str = "《中华人民共和国水污染防治法》";
const ENVIRONMENT: &str = "《中华人民共和国环境保护法》";
const NOISE: &str = "《中华人民共和国噪声污染防治法》";
const WASTE: &str = "《中华人民共和国固体废物污染环境防治法》";
const BUILDING: &str = "《中华人民共和国建筑法》";
const PLANNING: &str = "《中华人民共和国城乡规划法》";
const LAND: &str = "《中华人民共和国土地管理法》";
const SAFETY: &str = "《中华人民共和国安全生产法》";
const FOREST: &str = "《中华人民共和国森林法》";
const WATER: &str = "《中华人民共和国水法》";
const WILDLIFE: &str = "《中华人民共和国野生动物保护法》";
const CITY: &str = "《城市市容和环境卫生管理条例》";

/// Matters per department (by full name), with the code prefix of the department.
const MATTERS: &[(&str, &str, &[Matter])] = &[
    (
        "安吉县市场监督管理局",
        "SJ",
        &[
            (
                "对生产经营不符合食品安全标准的食品的处罚",
                Penalty,
                FOOD,
                "第一百二十四条",
                Some((50_000, 100_000)),
                9,
            ),
            (
                "对未取得食品生产经营许可从事食品生产经营活动的处罚",
                Penalty,
                FOOD,
                "第一百二十二条",
                None,
                0,
            ),
            (
                "对用非食品原料生产食品等违法行为的处罚",
                Penalty,
                FOOD,
                "第一百二十三条",
                None,
                6,
            ),
            (
                "对食品生产经营者违反食品安全管理制度的处罚",
                Penalty,
                FOOD,
                "第一百二十六条",
                Some((5_000, 50_000)),
                14,
            ),
            ("食品生产经营许可", Licence, FOOD, "第三十五条", None, 0),
            (
                "对食品生产经营的监督检查",
                Inspection,
                FOOD,
                "第一百一十条",
                None,
                0,
            ),
            (
                "查封、扣押不符合食品安全标准的食品",
                Coercive,
                FOOD,
                "第一百一十条",
                None,
                0,
            ),
            (
                "对生产、销售不符合保障人体健康和人身、财产安全标准的产品的处罚",
                Penalty,
                PRODUCT,
                "第四十九条",
                None,
                0,
            ),
            (
                "对在产品中掺杂、掺假，以假充真，以次充好的处罚",
                Penalty,
                PRODUCT,
                "第五十条",
                None,
                0,
            ),
            (
                "对伪造产品产地、冒用他人厂名厂址的处罚",
                Penalty,
                PRODUCT,
                "第五十三条",
                None,
                0,
            ),
            (
                "对涉嫌违法生产、销售的产品的检查和查封、扣押",
                Inspection,
                PRODUCT,
                "第十八条",
                None,
                0,
            ),
            (
                "对发布虚假广告的处罚",
                Penalty,
                ADS,
                "第五十五条",
                Some((200_000, 1_000_000)),
                0,
            ),
            ("对发布违法广告的处罚", Penalty, ADS, "第五十七条", None, 6),
            (
                "对广告违反相关禁止性规定的处罚",
                Penalty,
                ADS,
                "第五十八条",
                None,
                14,
            ),
            (
                "对不执行政府指导价、政府定价的处罚",
                Penalty,
                PRICE,
                "第三十九条",
                None,
                0,
            ),
            (
                "对违反明码标价规定的处罚",
                Penalty,
                PRICE,
                "第四十二条",
                Some((0, 5_000)),
                0,
            ),
            (
                "对未经设立登记从事经营活动的处罚",
                Penalty,
                REGISTRATION,
                "第四十三条",
                Some((10_000, 100_000)),
                0,
            ),
            (
                "对提交虚假材料取得市场主体登记的处罚",
                Penalty,
                REGISTRATION,
                "第四十四条",
                None,
                0,
            ),
            (
                "对生产、销售劣药的处罚",
                Penalty,
                DRUGS,
                "第一百一十七条",
                None,
                0,
            ),
            (
                "对未取得药品经营许可证经营药品的处罚",
                Penalty,
                DRUGS,
                "第一百一十五条",
                None,
                0,
            ),
        ],
    ),
    (
        "安吉县公安局",
        "GA",
        &[
            (
                "对扰乱公共秩序行为的处罚",
                Penalty,
                PUBLIC_ORDER,
                "第二十三条",
                Some((0, 200)),
                5,
            ),
            (
                "对扰乱大型群众性活动秩序行为的处罚",
                Penalty,
                PUBLIC_ORDER,
                "第二十四条",
                None,
                7,
            ),
            (
                "对散布谣言、谎报险情等行为的处罚",
                Penalty,
                PUBLIC_ORDER,
                "第二十五条",
                None,
                3,
            ),
            (
                "对寻衅滋事行为的处罚",
                Penalty,
                PUBLIC_ORDER,
                "第二十六条",
                Some((0, 500)),
                4,
            ),
            (
                "对侵犯人身权利行为的处罚",
                Penalty,
                PUBLIC_ORDER,
                "第四十二条",
                None,
                6,
            ),
            (
                "对殴打他人、故意伤害他人身体的处罚",
                Penalty,
                PUBLIC_ORDER,
                "第四十三条",
                None,
                0,
            ),
            (
                "对盗窃、诈骗、哄抢、抢夺、敲诈勒索、故意损毁公私财物的处罚",
                Penalty,
                PUBLIC_ORDER,
                "第四十九条",
                None,
                0,
            ),
            (
                "对以营利为目的为赌博提供条件或者参与赌博的处罚",
                Penalty,
                PUBLIC_ORDER,
                "第七十条",
                None,
                0,
            ),
            (
                "对机动车驾驶人违反道路通行规定的处罚",
                Penalty,
                ROAD,
                "第九十条",
                Some((20, 200)),
                0,
            ),
            (
                "对饮酒后驾驶机动车的处罚",
                Penalty,
                ROAD,
                "第九十一条",
                None,
                0,
            ),
            (
                "对行人、乘车人、非机动车驾驶人违反道路通行规定的处罚",
                Penalty,
                ROAD,
                "第八十九条",
                Some((5, 50)),
                0,
            ),
            (
                "对公路客运车辆载客超过额定乘员的处罚",
                Penalty,
                ROAD,
                "第九十二条",
                None,
                0,
            ),
            ("机动车驾驶证核发", Licence, ROAD, "第十九条", None, 0),
            (
                "对单位违反消防安全职责行为的处罚",
                Penalty,
                FIRE,
                "第六十条",
                Some((5_000, 50_000)),
                7,
            ),
            (
                "公众聚集场所投入使用、营业前消防安全检查",
                Licence,
                FIRE,
                "第十五条",
                None,
                0,
            ),
        ],
    ),
    (
        "湖州市生态环境局安吉分局",
        "HB",
        &[
            (
                "对未依法取得排污许可证排放大气污染物等行为的处罚",
                Penalty,
                AIR,
                "第九十九条",
                Some((100_000, 1_000_000)),
                3,
            ),
            (
                "对违反挥发性有机物污染防治规定的处罚",
                Penalty,
                AIR,
                "第一百零八条",
                None,
                6,
            ),
            (
                "对违反扬尘污染防治规定的处罚",
                Penalty,
                AIR,
                "第一百一十七条",
                None,
                8,
            ),
            (
                "查封、扣押造成大气污染物排放的设施、设备",
                Coercive,
                AIR,
                "第三十条",
                None,
                0,
            ),
            (
                "对未依法取得排污许可证排放水污染物等行为的处罚",
                Penalty,
                WATER_POLLUTION,
                "第八十三条",
                Some((100_000, 1_000_000)),
                4,
            ),
            (
                "对违反水污染防治规定排放污染物的处罚",
                Penalty,
                WATER_POLLUTION,
                "第八十五条",
                None,
                9,
            ),
            (
                "查封、扣押造成污染物排放的设施、设备",
                Coercive,
                ENVIRONMENT,
                "第二十五条",
                None,
                0,
            ),
            (
                "对违法排放污染物拒不改正的按日连续处罚",
                Penalty,
                ENVIRONMENT,
                "第五十九条",
                None,
                0,
            ),
            (
                "对超过噪声排放标准排放工业噪声的处罚",
                Penalty,
                NOISE,
                "第七十五条",
                None,
                0,
            ),
            (
                "对违反固体废物污染环境防治规定的处罚",
                Penalty,
                WASTE,
                "第一百零二条",
                None,
                12,
            ),
        ],
    ),
    (
        "安吉县住房和城乡建设局",
        "JS",
        &[
            (
                "对未取得施工许可证擅自施工的处罚",
                Penalty,
                BUILDING,
                "第六十四条",
                None,
                0,
            ),
            (
                "对将工程发包给不具有相应资质条件的承包单位的处罚",
                Penalty,
                BUILDING,
                "第六十五条",
                None,
                0,
            ),
            ("建筑工程施工许可", Licence, BUILDING, "第七条", None, 0),
            (
                "对违反消防设计审查验收规定的处罚",
                Penalty,
                FIRE,
                "第五十八条",
                None,
                4,
            ),
        ],
    ),
    (
        "安吉县自然资源和规划局",
        "ZR",
        &[
            (
                "对未取得建设工程规划许可证进行建设的处罚",
                Penalty,
                PLANNING,
                "第六十四条",
                None,
                0,
            ),
            ("建设工程规划许可", Licence, PLANNING, "第四十条", None, 0),
            (
                "对城乡规划实施情况的监督检查",
                Inspection,
                PLANNING,
                "第五十三条",
                None,
                0,
            ),
            ("对非法占用土地的处罚", Penalty, LAND, "第七十七条", None, 0),
            (
                "对买卖或者以其他形式非法转让土地的处罚",
                Penalty,
                LAND,
                "第七十四条",
                None,
                0,
            ),
        ],
    ),
    (
        "安吉县应急管理局",
        "YJ",
        &[
            (
                "对生产经营单位未按规定配备安全生产管理人员等行为的处罚",
                Penalty,
                SAFETY,
                "第九十七条",
                Some((0, 100_000)),
                7,
            ),
            (
                "对生产经营单位未对安全设备进行经常性维护等行为的处罚",
                Penalty,
                SAFETY,
                "第九十九条",
                Some((0, 50_000)),
                8,
            ),
            (
                "对生产经营单位执行安全生产法律法规情况的监督检查",
                Inspection,
                SAFETY,
                "第六十五条",
                None,
                0,
            ),
        ],
    ),
    (
        "安吉县林业局",
        "LY",
        &[
            (
                "对毁坏林木、林地的处罚",
                Penalty,
                FOREST,
                "第七十四条",
                None,
                0,
            ),
            ("对盗伐林木的处罚", Penalty, FOREST, "第七十六条", None, 0),
            ("林木采伐许可", Licence, FOREST, "第五十六条", None, 0),
            (
                "对违法猎捕、杀害野生动物的处罚",
                Penalty,
                WILDLIFE,
                "第四十八条",
                None,
                0,
            ),
            (
                "对违法出售、购买、利用野生动物及其制品的处罚",
                Penalty,
                WILDLIFE,
                "第五十二条",
                None,
                0,
            ),
        ],
    ),
    (
        "安吉县水利局",
        "SL",
        &[
            (
                "对在河道管理范围内建设妨碍行洪的建筑物、构筑物的处罚",
                Penalty,
                WATER,
                "第六十五条",
                None,
                0,
            ),
            (
                "对未经批准擅自取水等行为的处罚",
                Penalty,
                WATER,
                "第六十九条",
                None,
                2,
            ),
            ("取水许可", Licence, WATER, "第四十八条", None, 0),
        ],
    ),
    (
        "安吉县综合行政执法局",
        "ZF",
        &[
            (
                "对违反城市市容和环境卫生管理规定的处罚",
                Penalty,
                CITY,
                "第三十四条",
                None,
                6,
            ),
            (
                "对损坏环境卫生设施及其附属设施的处罚",
                Penalty,
                CITY,
                "第三十六条",
                None,
                3,
            ),
            (
                "对产生社会生活噪声经劝阻拒不改正的处罚",
                Penalty,
                NOISE,
                "第八十七条",
                Some((200, 1_000)),
                0,
            ),
            (
                "对违反生活垃圾管理规定的处罚",
                Penalty,
                WASTE,
                "第一百一十一条",
                None,
                8,
            ),
        ],
    ),
];

/// The first document of the list: the county government publishes its power list.
const LIST_DOCUMENT: &str = "安政发〔2024〕1号";

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid demo date")
}

fn type_code(t: PowerType) -> &'static str {
    match t {
        PowerType::Penalty => "CF",
        PowerType::Licence => "XK",
        PowerType::CoerciveMeasure => "QZ",
        PowerType::Inspection => "JC",
        _ => "QT",
    }
}

/// Chinese numeral of an item number (1–20), as articles number their items.
fn item_label(n: u32) -> &'static str {
    [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
        "十五", "十六", "十七", "十八", "十九", "二十",
    ][(n as usize - 1).min(19)]
}

/// Three bands (从轻, 一般, 从重) splitting a statutory range at 30 % and 70 %, in fen.
fn bands_for(min_yuan: i64, max_yuan: i64) -> Vec<Band> {
    let (min, max) = (min_yuan * 100, max_yuan * 100);
    let cut = |pct: i64| min + (max - min) * pct / 100;
    vec![
        Band {
            circumstance: Circumstance::Lighter,
            min_fen: min,
            max_fen: cut(30),
            description: "初次违法、危害后果轻微并及时改正的".into(),
        },
        Band {
            circumstance: Circumstance::Ordinary,
            min_fen: cut(30),
            max_fen: cut(70),
            description: "不具有从轻、从重情节的".into(),
        },
        Band {
            circumstance: Circumstance::Heavier,
            min_fen: cut(70),
            max_fen: max,
            description: "多次违法、造成严重后果或者拒不改正的".into(),
        },
    ]
}

/// Adds the demo power list in `tx`. Returns how many powers were added.
pub async fn seed_powers(
    tx: &mut WriteTx,
    departments: &[Department],
) -> Result<usize, StoreError> {
    let mut n = 0usize;
    for (dept_name, prefix, matters) in MATTERS {
        let Some(dept) = departments.iter().find(|d| d.name == *dept_name) else {
            continue;
        };
        let mut seq = 0u32;
        for (name, power_type, law, article, range, items) in *matters {
            let variants: Vec<(String, String)> = if *items == 0 {
                vec![((*name).to_owned(), (*article).to_owned())]
            } else {
                (1..=*items)
                    .map(|i| {
                        (
                            format!("{name}（第{}项情形）", item_label(i)),
                            format!("{article}第一款第（{}）项", item_label(i)),
                        )
                    })
                    .collect()
            };
            for (power_name, power_article) in variants {
                seq += 1;
                n += 1;
                let input = PowerInput {
                    code: format!("330523-{prefix}-{}-{seq:03}", type_code(*power_type)),
                    name: power_name,
                    power_type: *power_type,
                    basis: BasisText {
                        law: (*law).to_owned(),
                        article: power_article,
                    },
                    added_on: day(2024, 1, 1),
                    document_number: LIST_DOCUMENT.to_owned(),
                };
                let power = tx.create_power(&input, dept.id, "县级").await?;
                // A deterministic share of the list has been adjusted since it was published.
                let events: Vec<StatusEvent> = match n % 29 {
                    7 => vec![StatusEvent {
                        change: PowerChange::Delegated,
                        on: day(2025, 7, 1),
                        document_number: "安政发〔2025〕12号".into(),
                    }],
                    13 => vec![StatusEvent {
                        change: PowerChange::Cancelled,
                        on: day(2024, 12, 1),
                        document_number: "安政发〔2024〕30号".into(),
                    }],
                    21 => vec![
                        StatusEvent {
                            change: PowerChange::Delegated,
                            on: day(2024, 9, 1),
                            document_number: "安政发〔2024〕18号".into(),
                        },
                        StatusEvent {
                            change: PowerChange::Assumed,
                            on: day(2025, 10, 1),
                            document_number: "安政发〔2025〕21号".into(),
                        },
                    ],
                    _ => Vec::new(),
                };
                for event in &events {
                    tx.record_power_change(power.id, event).await?;
                }
                if let Some((min, max)) = range {
                    tx.set_discretion_bands(power.id, &bands_for(*min, *max))
                        .await?;
                }
            }
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_rise_and_lie_within_the_statutory_range() {
        let b = bands_for(50_000, 100_000);
        assert_eq!(b[0].min_fen, 5_000_000);
        assert_eq!(b[2].max_fen, 10_000_000);
        assert!(b.windows(2).all(|w| w[0].max_fen <= w[1].max_fen));
    }

    #[test]
    fn the_list_has_a_few_hundred_powers() {
        let n: u32 = MATTERS
            .iter()
            .flat_map(|(_, _, m)| m.iter())
            .map(|m| m.5.max(1))
            .sum();
        assert!((200..=400).contains(&n), "{n}");
    }
}

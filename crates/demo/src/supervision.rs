//! Supervision records of the demo county, made through the real write path: an inspection
//! target register for a few matters, two random inspection plans drawn, conducted and their
//! results published (one inspection leads to a penalty case, one to an ordered rectification),
//! a case-file review round over the demo's closed cases with scores and one rectification, and
//! two letters to departments (one replied).
//!
//! Idempotent: each part is skipped when the government already has records of its kind.

use calendar::{Calendar, Datelike, NaiveDate};
use domain::enforcement::PartyKind;
use domain::enforcement::inspection::{InspectionCommand, InspectionResult};
use domain::enforcement::officer::{CertifiedOfficer, InvestigationTeam, Officer};
use domain::enforcement::supervision::{
    self, DEFAULT_RECTIFICATION_WORKING_DAYS, ItemScore, LetterKind, SampleSize, SplitMix64,
};
use store::case_reviews::NewRound;
use store::inspections::{NewPlan, NewTarget, StoredInspection, TargetFilter};
use store::letters::{LetterFilter, NewLetter};
use store::penalty_flow::PenaltyEnv;
use store::{Actor, Department, OfficerFilter, Store, StoreError};

/// What [`seed_supervision`] made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SupervisionMade {
    /// Inspection targets registered.
    pub targets: usize,
    /// Inspections drawn and conducted.
    pub inspections: usize,
    /// Case-file review rounds drawn.
    pub rounds: usize,
    /// Letters sent.
    pub letters: usize,
}

/// Targets of one matter: (name, is an individual).
type Targets = &'static [(&'static str, bool)];

/// The register: department short name, matter, targets.
const REGISTER: &[(&str, &str, Targets)] = &[
    (
        "市监",
        "食品经营许可事项监督检查",
        &[
            ("安吉递铺好又多超市有限公司", false),
            ("安吉昌硕百味餐饮店", false),
            ("安吉灵峰竹香农家乐", false),
            ("安吉孝丰老街面馆", false),
            ("周海峰（个体食品摊贩）", true),
            ("安吉梅溪鲜果便利店", false),
            ("安吉天子湖茶叶有限公司", false),
            ("王秀英（个体早餐店）", true),
            ("安吉鄣吴烘焙坊", false),
            ("安吉杭垓山野菜馆", false),
        ],
    ),
    (
        "市监",
        "工业产品质量监督检查",
        &[
            ("安吉递铺电线电缆有限公司", false),
            ("安吉竹木制品厂", false),
            ("安吉报福五金商行", false),
            ("安吉天荒坪建材有限公司", false),
            ("安吉昌硕电子商务有限公司", false),
            ("安吉灵峰家具有限公司", false),
        ],
    ),
    (
        "综合执法",
        "市容环境卫生监督检查",
        &[
            ("安吉递铺万达广场商户", false),
            ("安吉昌硕街道夜市摊位", false),
            ("李建国（个体水果摊）", true),
            ("安吉孝丰镇农贸市场", false),
            ("安吉灵峰景区商业街", false),
            ("安吉梅溪镇汽车站周边商户", false),
            ("张春梅（个体小吃摊）", true),
        ],
    ),
];

fn department<'a>(all: &'a [Department], short: &str) -> Option<&'a Department> {
    all.iter()
        .find(|d| d.short_name == short && d.is_enforcement_body)
}

async fn roster(
    store: &Store,
    gov: i64,
    dept: i64,
    today: NaiveDate,
) -> Result<Vec<Officer>, StoreError> {
    Ok(store
        .list_officers(
            gov,
            &OfficerFilter {
                department_ids: Some(vec![dept]),
                status: None,
                expiring_within_days: None,
                search: String::new(),
                today,
                offset: 0,
                limit: 1000,
            },
        )
        .await?
        .0
        .into_iter()
        .map(|r| r.officer)
        .collect())
}

/// `n` working days before `d`.
fn back(calendar: &Calendar, d: NaiveDate, n: u32) -> NaiveDate {
    let mut day = d;
    let mut left = n;
    while left > 0 {
        day = day.pred_opt().unwrap_or(day);
        if calendar.is_working_day(day).unwrap_or(true) {
            left -= 1;
        }
    }
    day
}

fn forward(calendar: &Calendar, d: NaiveDate, n: u32) -> NaiveDate {
    calendar.add_working_days(d, n).unwrap_or(d)
}

/// Seeds the supervision records of the demo county (after its penalty cases).
pub async fn seed_supervision(
    store: &Store,
    government_id: i64,
    now_ms: i64,
    calendar: &Calendar,
) -> Result<SupervisionMade, StoreError> {
    let today = super::china_date(now_ms);
    let departments = store.list_departments(government_id).await?;
    let mut made = SupervisionMade::default();
    let (_, n_targets) = store
        .inspection_targets(
            government_id,
            &TargetFilter {
                limit: 1,
                ..TargetFilter::default()
            },
        )
        .await?;
    if n_targets == 0 {
        let (t, i) =
            seed_inspections(store, government_id, now_ms, calendar, today, &departments).await?;
        made.targets = t;
        made.inspections = i;
    }
    let (_, n_rounds) = store.case_review_rounds(government_id, None, 0, 1).await?;
    if n_rounds == 0 {
        made.rounds =
            seed_review(store, government_id, now_ms, calendar, today, &departments).await?;
    }
    let (_, n_letters) = store
        .letters(
            government_id,
            &LetterFilter {
                limit: 1,
                ..LetterFilter::default()
            },
        )
        .await?;
    if n_letters == 0 {
        made.letters =
            seed_letters(store, government_id, now_ms, calendar, today, &departments).await?;
    }
    Ok(made)
}

async fn seed_inspections(
    store: &Store,
    gov: i64,
    now_ms: i64,
    calendar: &Calendar,
    today: NaiveDate,
    departments: &[Department],
) -> Result<(usize, usize), StoreError> {
    let system = Actor::system("演示数据");
    let mut tx = store.begin_write(gov, &system, now_ms).await?;
    let mut n_targets = 0;
    let mut first_targets = Vec::new();
    for (short, matter, targets) in REGISTER {
        let Some(d) = department(departments, short) else {
            continue;
        };
        for (k, (name, individual)) in targets.iter().enumerate() {
            let t = tx
                .add_inspection_target(&NewTarget {
                    department_id: d.id,
                    power_id: None,
                    matter: (*matter).to_owned(),
                    name: (*name).to_owned(),
                    party_kind: if *individual {
                        PartyKind::Individual
                    } else {
                        PartyKind::Organisation
                    },
                    id_number: if *individual {
                        format!("33052319{:02}0{}01{:04}", 70 + k, 1 + k % 9, 1000 + k * 37)
                    } else {
                        format!("91330523MA2{:07}", 1_000_000 + k * 7919)
                    },
                    address: format!("安吉县递铺街道示范路{}号", 10 + k * 3),
                })
                .await?;
            if k == 0 {
                first_targets.push((d.id, t.id));
            }
            n_targets += 1;
        }
    }
    if n_targets == 0 {
        return Ok((0, 0));
    }
    // One declared conflict of interest per register's first target: the department's first officer.
    for (dept, target) in &first_targets {
        if let Some(o) = roster(store, gov, *dept, today).await?.first() {
            tx.add_inspection_exclusion(*target, o.id, "近亲属在该单位任职")
                .await?;
        }
    }
    tx.commit().await?;

    let mut n_inspections = 0;
    let plans: &[(&str, &str, &str, u32, u32)] = &[
        (
            "市监",
            "食品经营许可事项监督检查",
            "食品经营者“双随机”抽查",
            4,
            25,
        ),
        (
            "综合执法",
            "市容环境卫生监督检查",
            "市容环境卫生“双随机”抽查",
            3,
            15,
        ),
    ];
    for (plan_no, (short, matter, title, n, days_ago)) in plans.iter().enumerate() {
        let Some(d) = department(departments, short) else {
            continue;
        };
        let officers = roster(store, gov, d.id, today).await?;
        let planned_on = back(calendar, today, *days_ago);
        let drawn_on = back(calendar, planned_on, 3);
        let mut tx = store.begin_write(gov, &system, now_ms).await?;
        let plan = tx
            .create_inspection_plan(&NewPlan {
                department_id: d.id,
                title: format!("{}年{title}", today.year()),
                matter: (*matter).to_owned(),
                n_targets: *n,
                officers_per_target: 2,
                planned_on,
            })
            .await?;
        let drawn = match tx.draw_inspection_plan(plan.id, &officers, drawn_on).await {
            Ok((_, drawn)) => drawn,
            Err(StoreError::Refused(_)) => continue,
            Err(e) => return Err(e),
        };
        tx.commit().await?;
        for (k, i) in drawn.iter().enumerate() {
            // The first plan: one violation (立案), one rectification order, the rest compliant.
            let outcome = match (plan_no, k) {
                (0, 0) => 2,
                (0, 1) | (1, 0) => 1,
                _ => 0,
            };
            if conduct(
                store, gov, now_ms, calendar, i, &officers, planned_on, outcome, today,
            )
            .await?
            {
                n_inspections += 1;
            }
        }
    }
    Ok((n_targets, n_inspections))
}

/// Conducts a drawn inspection on `on`: result 0 compliant, 1 ordered to rectify (verified), 2 a
/// penalty case. Publishes the result and closes it. Returns false when a step was refused.
#[expect(clippy::too_many_arguments, reason = "one scripted inspection")]
async fn conduct(
    store: &Store,
    gov: i64,
    now_ms: i64,
    calendar: &Calendar,
    i: &StoredInspection,
    officers: &[Officer],
    on: NaiveDate,
    outcome: u8,
    today: NaiveDate,
) -> Result<bool, StoreError> {
    let certified: Vec<CertifiedOfficer> = i
        .drawn_officer_ids
        .iter()
        .filter_map(|id| officers.iter().find(|o| o.id == *id))
        .filter_map(|o| CertifiedOfficer::certify(o, on).ok())
        .collect();
    let Ok(team) = InvestigationTeam::new(certified) else {
        return Ok(false);
    };
    let id = i.inspection.id;
    let actor = Actor::system("演示数据");
    let findings = match outcome {
        2 => "后厨存放超过保质期的食品原料，未建立进货查验记录",
        1 => "从业人员健康证明过期，店外占道堆放杂物",
        _ => "",
    };
    let result_day = forward(calendar, on, 1).min(today);
    let publish_day = forward(calendar, result_day, 2).min(today);
    let steps: Vec<(InspectionCommand, NaiveDate)> = vec![
        (
            InspectionCommand::Conduct {
                on,
                team,
                findings: findings.to_owned(),
            },
            on,
        ),
        (
            InspectionCommand::RecordResult {
                result: match outcome {
                    2 => InspectionResult::CaseOrTransfer,
                    1 => InspectionResult::OrderedToRectify {
                        by: forward(calendar, result_day, 10),
                    },
                    _ => InspectionResult::Compliant,
                },
            },
            result_day,
        ),
    ];
    let mut tx = store.begin_write(gov, &actor, now_ms).await?;
    for (command, day) in steps {
        match tx
            .apply_inspection_command(id, None, command, day, calendar)
            .await
        {
            Ok(_) => {}
            Err(StoreError::Refused(_)) => return Ok(false),
            Err(e) => return Err(e),
        }
    }
    if outcome == 2 {
        let env = PenaltyEnv::new(calendar, result_day);
        match tx.open_case_from_inspection(&env, id, None).await {
            Ok(_) => {}
            Err(StoreError::Refused(_)) => return Ok(false),
            Err(e) => return Err(e),
        }
    }
    tx.publish_inspection_result(id, publish_day, publish_day)
        .await?;
    let close_day = if outcome == 1 {
        let verified = forward(calendar, result_day, 8).min(today);
        tx.apply_inspection_command(
            id,
            None,
            InspectionCommand::VerifyRectification { on: verified },
            verified,
            calendar,
        )
        .await?;
        verified
    } else {
        publish_day
    };
    tx.apply_inspection_command(
        id,
        None,
        InspectionCommand::Close { on: close_day },
        close_day,
        calendar,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

async fn seed_review(
    store: &Store,
    gov: i64,
    now_ms: i64,
    calendar: &Calendar,
    today: NaiveDate,
    departments: &[Department],
) -> Result<usize, StoreError> {
    let reviewed: Vec<i64> = ["市监", "综合执法", "公安"]
        .iter()
        .filter_map(|s| department(departments, s).map(|d| d.id))
        .collect();
    let from = NaiveDate::from_ymd_opt(today.year() - 1, 1, 1).unwrap_or(today);
    let population = store
        .closed_case_population(gov, &reviewed, from, today)
        .await?;
    if population.iter().all(|p| p.case_ids.is_empty()) {
        return Ok(0);
    }
    let office = Actor {
        user_id: None,
        name: "李明华".into(),
    };
    let rubric = supervision::default_rubric();
    let mut tx = store.begin_write(gov, &office, now_ms).await?;
    let round = tx
        .draw_case_review(&NewRound {
            title: format!("{}年度行政处罚案卷评查", today.year() - 1),
            department_ids: reviewed,
            closed_from: from,
            closed_to: today,
            size: SampleSize::Count(3),
            rubric: rubric.clone(),
            drawn_on: today,
        })
        .await?;
    // Deterministic scores: most items full marks, a few deductions with their reasons.
    let reasons = [
        ("procedure", "事先告知书未载明陈述申辩期限", 4),
        ("evidence", "现场检查笔录缺少当事人签名", 3),
        ("documents", "送达回证填写不完整", 2),
        ("law", "未写明适用的裁量基准档次", 5),
        ("file", "案卷目录与卷内材料页码不一致", 2),
    ];
    let mut rng = SplitMix64::new(round.seed);
    let mut lowest: Option<(i64, u32)> = None;
    for s in &round.sample {
        for case_id in &s.case_ids {
            let mut total = 0;
            let scores: Vec<ItemScore> = rubric
                .items()
                .iter()
                .map(|item| {
                    let deduction = reasons
                        .iter()
                        .find(|(code, _, _)| *code == item.code)
                        .filter(|_| rng.below(3) == 0);
                    let (points, reason) = match deduction {
                        Some((_, reason, minus)) => (item.max_points - minus, (*reason).to_owned()),
                        None => (item.max_points, String::new()),
                    };
                    total += points;
                    ItemScore {
                        code: item.code.clone(),
                        points,
                        deduction_reason: reason,
                    }
                })
                .collect();
            let findings = if total == rubric.max_total() {
                "案卷材料齐全，程序规范".to_owned()
            } else {
                "案卷总体规范，存在扣分项所列问题，请对照整改".to_owned()
            };
            tx.score_case_file(round.id, *case_id, &scores, &findings, today)
                .await?;
            if lowest.is_none_or(|(_, t)| total < t) {
                lowest = Some((*case_id, total));
            }
        }
    }
    if let Some((case_id, _)) = lowest {
        tx.issue_rectification(
            round.id,
            case_id,
            "针对评查扣分项逐项整改：补正相关执法文书，完善案卷归档，并对办案人员开展专项培训；整改完成后书面报告整改情况。",
            today,
            forward(calendar, today, DEFAULT_RECTIFICATION_WORKING_DAYS),
            today,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(1)
}

async fn seed_letters(
    store: &Store,
    gov: i64,
    now_ms: i64,
    calendar: &Calendar,
    today: NaiveDate,
    departments: &[Department],
) -> Result<usize, StoreError> {
    let office = Actor {
        user_id: None,
        name: "李明华".into(),
    };
    let mut n = 0;
    if let Some(d) = department(departments, "综合执法") {
        let sent_on = back(calendar, today, 12);
        let mut tx = store.begin_write(gov, &office, now_ms).await?;
        let letter = tx
            .send_letter(
                &NewLetter {
                    kind: LetterKind::Supervision,
                    department_id: d.id,
                    subject: "关于行政处罚决定公示超期问题的督办".into(),
                    body: "经查，你局部分行政处罚决定未在作出之日起7个工作日内公示（国办发〔2018〕118号）。请逐案核查、限期补正公示，分析原因、完善工作机制，并将整改情况书面报送我局。".into(),
                    sent_on,
                },
                today,
                calendar,
            )
            .await?;
        tx.commit().await?;
        n += 1;
        let staff = Actor {
            user_id: None,
            name: format!("{}法制科", d.short_name),
        };
        let replied_on = forward(calendar, sent_on, 6).min(today);
        let mut tx = store.begin_write(gov, &staff, now_ms).await?;
        tx.reply_letter(
            letter.id,
            "已对超期未公示的决定逐案补正公示，明确由法制科在决定作出后3个工作日内审核公示内容，并纳入月度执法考核。",
            replied_on,
            today,
        )
        .await?;
        tx.commit().await?;
    }
    if let Some(d) = department(departments, "市监") {
        let mut tx = store.begin_write(gov, &office, now_ms).await?;
        tx.send_letter(
            &NewLetter {
                kind: LetterKind::Prompt,
                department_id: d.id,
                subject: "关于执法证件即将到期人员换证的提示".into(),
                body: "你局有执法人员的行政执法证件将于近期到期。请提前组织换证培训和考试，证件过期的人员不得从事执法活动（《中华人民共和国行政处罚法》第四十二条）。".into(),
                sent_on: back(calendar, today, 2),
            },
            today,
            calendar,
        )
        .await?;
        tx.commit().await?;
        n += 1;
    }
    Ok(n)
}

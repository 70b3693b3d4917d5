//! A year and more of penalty cases for the demo county, run through the real flow
//! (`WriteTx::apply_penalty_command`): every step is decided by the domain and ledgered, so the
//! demo's cases are as lawful — and as late, returned or withdrawn — as real ones.
//!
//! Cases are registered from 1 January of last year up to today. Older cases went further:
//! most are archived, recent ones sit at every stage. Some decisions are published late, a few
//! withdrawn; reviewed and complex cases are filed with the legal-affairs office.

use calendar::{Approval, Calendar, Datelike, NaiveDate, Period};
use domain::enforcement::PartyKind;
use domain::enforcement::disclosure::{self, DecisionKind, DisclosurePeriods, WithdrawalGround};
use domain::enforcement::legal_review::{
    Finding, Opinion, QualifiedReviewer, ReviewGround, ReviewPoint,
};
use domain::enforcement::officer::{
    CertificateStatus, CertifiedOfficer, InvestigationTeam, Officer,
};
use domain::enforcement::penalty::{
    Command, Complexity, DefenceFinding, ExtensionAuthority, HearingOutcome, Outcome, Party,
    Penalty, Sanction, ServiceMethod,
};
use domain::enforcement::supervision::SplitMix64;
use store::disclosures::NewDisclosure;

use super::{GIVEN_NAMES, SURNAMES, mix};
use store::penalty_flow::{NewClue, PenaltyEnv};
use store::{
    Actor, CaseFilter, Department, OfficerFilter, PartyDetails, Store, StoreError, StoredCase,
};

/// Default number of cases `fazhi demo` generates (a county's year and a half).
pub const DEFAULT_CASES: usize = 3000;

/// What one department's cases look like: clue, facts, basis, fine range in yuan.
struct Matter {
    clue: &'static str,
    facts: &'static str,
    basis: &'static str,
    min_yuan: i64,
    max_yuan: i64,
}

const MATTERS: &[(&str, &[Matter])] = &[
    (
        "市监",
        &[
            Matter {
                clue: "群众投诉：超市销售超过保质期的食品",
                facts: "当事人经营超过保质期的食品",
                basis: "《中华人民共和国食品安全法》第一百二十四条第一款第五项",
                min_yuan: 5_000,
                max_yuan: 50_000,
            },
            Matter {
                clue: "日常检查发现：餐饮店未取得食品经营许可",
                facts: "当事人未取得食品经营许可从事餐饮服务",
                basis: "《中华人民共和国食品安全法》第一百二十二条第一款",
                min_yuan: 5_000,
                max_yuan: 30_000,
            },
            Matter {
                clue: "12345转办：网店发布虚假广告",
                facts: "当事人发布含有虚假内容的广告",
                basis: "《中华人民共和国广告法》第五十五条第一款",
                min_yuan: 1_000,
                max_yuan: 100_000,
            },
            Matter {
                clue: "抽检不合格：销售不合格电线电缆",
                facts: "当事人销售不符合保障人体健康和人身财产安全的国家标准的产品",
                basis: "《中华人民共和国产品质量法》第四十九条",
                min_yuan: 2_000,
                max_yuan: 60_000,
            },
        ],
    ),
    (
        "公安",
        &[
            Matter {
                clue: "接警：KTV内发生殴打他人",
                facts: "当事人殴打他人",
                basis: "《中华人民共和国治安管理处罚法》第四十三条第一款",
                min_yuan: 200,
                max_yuan: 500,
            },
            Matter {
                clue: "巡逻发现：宾馆未按规定登记住宿旅客信息",
                facts: "当事人未按规定登记住宿旅客信息",
                basis: "《中华人民共和国治安管理处罚法》第五十六条第一款",
                min_yuan: 200,
                max_yuan: 500,
            },
        ],
    ),
    (
        "环",
        &[Matter {
            clue: "在线监测超标：企业超标排放大气污染物",
            facts: "当事人超过大气污染物排放标准排放大气污染物",
            basis: "《中华人民共和国大气污染防治法》第九十九条第二项",
            min_yuan: 100_000,
            max_yuan: 1_000_000,
        }],
    ),
    (
        "建",
        &[Matter {
            clue: "巡查发现：施工单位未取得施工许可证擅自施工",
            facts: "当事人未取得施工许可证擅自施工",
            basis: "《建筑工程施工许可管理办法》第十二条",
            min_yuan: 10_000,
            max_yuan: 30_000,
        }],
    ),
    (
        "交",
        &[Matter {
            clue: "路面执法：未取得道路运输经营许可从事客运",
            facts: "当事人未取得道路运输经营许可，擅自从事道路客运经营",
            basis: "《中华人民共和国道路运输条例》第六十三条",
            min_yuan: 10_000,
            max_yuan: 100_000,
        }],
    ),
    (
        "综合执法",
        &[
            Matter {
                clue: "巡查发现：店外占道经营",
                facts: "当事人擅自占用城市道路摆摊经营",
                basis: "《城市市容和环境卫生管理条例》第三十六条第二项",
                min_yuan: 50,
                max_yuan: 500,
            },
            Matter {
                clue: "群众举报：违法搭建建筑物",
                facts: "当事人未取得建设工程规划许可证进行建设",
                basis: "《中华人民共和国城乡规划法》第六十四条",
                min_yuan: 5_000,
                max_yuan: 100_000,
            },
        ],
    ),
];

fn matters_of(short_name: &str) -> &'static [Matter] {
    MATTERS
        .iter()
        .find(|(s, _)| *s == short_name)
        .map(|(_, m)| *m)
        .unwrap_or(&MATTERS[0].1[..1])
}

const SHOPS: &[&str] = &[
    "便利店",
    "超市",
    "餐饮店",
    "五金商行",
    "建材有限公司",
    "运输有限公司",
    "竹木制品厂",
    "茶叶有限公司",
    "农家乐",
    "电子商务有限公司",
];
const PLACES: &[&str] = &[
    "递铺",
    "昌硕",
    "灵峰",
    "孝丰",
    "梅溪",
    "天子湖",
    "鄣吴",
    "杭垓",
    "报福",
    "天荒坪",
];

/// Seeds penalty cases unless the government already has some (idempotent).
pub async fn seed_enforcement(
    store: &Store,
    government_id: i64,
    now_ms: i64,
    calendar: &Calendar,
    n_cases: usize,
) -> Result<usize, StoreError> {
    let (_, existing) = store
        .list_penalty_cases(
            government_id,
            &CaseFilter {
                limit: 1,
                ..CaseFilter::default()
            },
        )
        .await?;
    if existing > 0 || n_cases == 0 {
        return Ok(0);
    }
    let today = super::china_date(now_ms);
    let departments: Vec<Department> = store
        .list_departments(government_id)
        .await?
        .into_iter()
        .filter(|d| d.is_enforcement_body)
        .collect();
    let mut rosters = Vec::new();
    for d in &departments {
        let officers: Vec<Officer> = store
            .list_officers(
                government_id,
                &OfficerFilter {
                    department_ids: Some(vec![d.id]),
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
            .collect();
        rosters.push(officers);
    }
    seed_catalogue(store, government_id, now_ms, &departments).await?;
    seed_summary(
        store,
        government_id,
        now_ms,
        calendar,
        today,
        &departments,
        &rosters,
        n_cases / 6,
    )
    .await?;
    let start = NaiveDate::from_ymd_opt(today.year() - 1, 1, 4).unwrap_or(today);
    let span = (today - start).num_days().max(1) as u64;
    let mut rng = SplitMix64::new(0x0fa2_4126);
    // The market bureau and the comprehensive enforcement bureau carry most cases.
    let weights: Vec<u64> = departments
        .iter()
        .map(|d| match d.short_name.as_str() {
            "市监" => 30,
            "综合执法" => 25,
            "公安" => 15,
            "交" => 10,
            "环" | "建" => 6,
            _ => 2,
        })
        .collect();
    let total_weight: u64 = weights.iter().sum();
    let actor = Actor::system("演示数据");
    let mut made = 0;
    for n in 0..n_cases {
        // Registration spread over the span, a little denser recently.
        let r = rng.below(span * span);
        let offset = span - 1 - (r as f64).sqrt() as u64;
        let mut registered = start + chrono::Days::new(span - 1 - offset);
        while !calendar.is_working_day(registered).unwrap_or(true) {
            registered = registered.succ_opt().unwrap_or(registered);
        }
        if registered > today {
            continue;
        }
        let mut pick = rng.below(total_weight);
        let mut di = 0;
        while pick >= weights[di] {
            pick -= weights[di];
            di += 1;
        }
        let dept = &departments[di];
        let officers = &rosters[di];
        let mut script = Script {
            calendar,
            today,
            rng: SplitMix64::new(mix(n as u64)),
            dept,
            officers,
            n,
        };
        let mut tx = store.begin_write(government_id, &actor, now_ms).await?;
        let Some(case) = script.run(&mut tx, registered).await? else {
            continue;
        };
        tx.commit().await?;
        made += 1;
        script
            .after_decision(store, government_id, &actor, now_ms, &case)
            .await?;
    }
    Ok(made)
}

/// On-the-spot decisions (简易程序): warnings and small fines by the police, the comprehensive
/// enforcement bureau and the transport bureau, each on a numbered form, most filed on time.
#[allow(clippy::too_many_arguments)]
async fn seed_summary(
    store: &Store,
    government_id: i64,
    now_ms: i64,
    calendar: &Calendar,
    today: NaiveDate,
    departments: &[Department],
    rosters: &[Vec<Officer>],
    n: usize,
) -> Result<(), StoreError> {
    use domain::enforcement::summary::{
        Collection, FILING_PERIOD, FormNumbering, Receipt, SpotCollectionGround, SummaryInput,
        SummaryLimits, SummarySanction, decide_on_the_spot,
    };
    let eligible: Vec<usize> = departments
        .iter()
        .enumerate()
        .filter(|(_, d)| matches!(d.short_name.as_str(), "公安" | "综合执法" | "交" | "市监"))
        .map(|(i, _)| i)
        .collect();
    if eligible.is_empty() {
        return Ok(());
    }
    let mut rng = SplitMix64::new(0x0005_eed5);
    let actor = Actor::system("演示数据");
    let start = NaiveDate::from_ymd_opt(today.year() - 1, 1, 4).unwrap_or(today);
    let span = (today - start).num_days().max(1) as u64;
    let mut tx = store.begin_write(government_id, &actor, now_ms).await?;
    for k in 0..n {
        let di = eligible[rng.below(eligible.len() as u64) as usize];
        let dept = &departments[di];
        let day = start + chrono::Days::new(rng.below(span));
        let at = day
            .and_hms_opt(8 + rng.below(10) as u32, rng.below(60) as u32, 0)
            .unwrap_or_default();
        let officers: Vec<CertifiedOfficer> = rosters[di]
            .iter()
            .filter(|o| o.certificate.status_on(day) == CertificateStatus::Valid)
            .take(2)
            .filter_map(|o| CertifiedOfficer::certify(o, day).ok())
            .collect();
        if officers.len() < 2 {
            continue;
        }
        let individual = rng.below(100) < 75;
        let fine = if rng.below(100) < 15 {
            SummarySanction::Warning
        } else if individual {
            SummarySanction::Fine {
                fen: (20 + rng.below(181) as i64) / 10 * 1000,
            }
        } else {
            SummarySanction::Fine {
                fen: (200 + rng.below(2801) as i64) / 100 * 10_000,
            }
        };
        let small = matches!(fine, SummarySanction::Fine { fen } if fen <= 10_000);
        let (facts, basis) = match dept.short_name.as_str() {
            "公安" => (
                "未按规定停放机动车，妨碍其他车辆通行",
                "《中华人民共和国道路交通安全法》第九十三条",
            ),
            "交" => (
                "货运车辆未随车携带道路运输证",
                "《中华人民共和国道路运输条例》第六十八条",
            ),
            "市监" => (
                "未按规定公示营业执照",
                "《中华人民共和国市场主体登记管理条例》第四十八条",
            ),
            _ => (
                "在主要街道两侧晾晒、吊挂有碍市容的物品",
                "《城市市容和环境卫生管理条例》第三十四条",
            ),
        };
        let name = if individual {
            format!("{}某", SURNAMES[rng.below(SURNAMES.len() as u64) as usize])
        } else {
            format!(
                "安吉{}{}",
                PLACES[rng.below(PLACES.len() as u64) as usize],
                SHOPS[rng.below(SHOPS.len() as u64) as usize]
            )
        };
        let input = SummaryInput {
            number: format!("{}简{:08}", dept.short_name, k + 1),
            party_kind: if individual {
                PartyKind::Individual
            } else {
                PartyKind::Organisation
            },
            party_name: name,
            facts: facts.into(),
            basis: basis.into(),
            place: format!(
                "安吉县{}镇",
                PLACES[rng.below(PLACES.len() as u64) as usize]
            ),
            decided_at: at,
            sanction: fine,
            collection: if small && rng.below(100) < 50 {
                Collection::OnTheSpot(SpotCollectionGround::SmallFine)
            } else {
                Collection::Bank
            },
            officers,
            single_officer_basis: None,
            rights_told_and_heard: true,
            receipt: if rng.below(100) < 3 {
                Receipt::RefusedNoted
            } else {
                Receipt::Signed
            },
        };
        let numbering = FormNumbering {
            prefix: format!("{}简", dept.short_name),
            digits: 8,
        };
        let Ok(decision) = decide_on_the_spot(
            input,
            &numbering,
            &SummaryLimits::STATUTE,
            FILING_PERIOD,
            calendar,
        ) else {
            continue;
        };
        let r = tx.record_summary_decision(dept.id, &decision).await?;
        let filed = if rng.below(100) < 92 {
            day
        } else {
            calendar.add_working_days(day, 2).unwrap_or(day)
        };
        if filed <= today {
            tx.file_summary_decision(r.id, &filed.to_string()).await?;
        }
    }
    tx.commit().await
}

/// Two legal-review catalogue items per enforcement body: large fines, and licence revocation.
async fn seed_catalogue(
    store: &Store,
    government_id: i64,
    now_ms: i64,
    departments: &[Department],
) -> Result<(), StoreError> {
    if !store
        .review_catalogue(government_id, None)
        .await?
        .is_empty()
    {
        return Ok(());
    }
    let mut tx = store
        .begin_write(government_id, &Actor::system("演示数据"), now_ms)
        .await?;
    for d in departments {
        let threshold = match d.short_name.as_str() {
            "公安" => 2_000,
            "环" => 200_000,
            _ => 50_000,
        };
        tx.add_catalogue_item(
            d.id,
            &format!("罚款{threshold}元以上的行政处罚决定"),
            "国办发〔2018〕118号；本机关重大执法决定法制审核目录清单",
            None,
            Some(threshold * 100),
        )
        .await?;
    }
    tx.commit().await
}

struct Script<'a> {
    calendar: &'a Calendar,
    today: NaiveDate,
    rng: SplitMix64,
    dept: &'a Department,
    officers: &'a [Officer],
    n: usize,
}

impl<'a> Script<'a> {
    fn chance(&mut self, percent: u64) -> bool {
        self.rng.below(100) < percent
    }

    /// `n` working days after `d` (clamped to today).
    fn later(&mut self, d: NaiveDate, min: u32, max: u32) -> NaiveDate {
        let n = min + self.rng.below(u64::from(max - min + 1)) as u32;
        self.calendar.add_working_days(d, n).unwrap_or(d)
    }

    fn party(&mut self) -> (Party, PartyDetails) {
        let place = PLACES[self.rng.below(PLACES.len() as u64) as usize];
        if self.chance(55) {
            let name = format!(
                "{}{}",
                SURNAMES[self.rng.below(SURNAMES.len() as u64) as usize],
                GIVEN_NAMES[self.rng.below(GIVEN_NAMES.len() as u64) as usize]
            );
            let id = format!(
                "3305231{:03}{:08}",
                960 + self.rng.below(40),
                self.rng.below(99_999_999)
            );
            (
                Party {
                    kind: PartyKind::Individual,
                    name,
                },
                PartyDetails {
                    id_number: id,
                    phone: format!("13{:09}", self.rng.below(999_999_999)),
                    address: format!("安吉县{place}镇{}号", 1 + self.rng.below(300)),
                },
            )
        } else {
            let shop = SHOPS[self.rng.below(SHOPS.len() as u64) as usize];
            (
                Party {
                    kind: PartyKind::Organisation,
                    name: format!("安吉{place}{shop}"),
                },
                PartyDetails {
                    id_number: format!("91330523MA2{:07}", self.rng.below(9_999_999)),
                    phone: format!("0572-5{:06}", self.rng.below(999_999)),
                    address: format!("安吉县{place}镇工业园区{}号", 1 + self.rng.below(80)),
                },
            )
        }
    }

    fn valid_on(&self, on: NaiveDate) -> Vec<&'a Officer> {
        self.officers
            .iter()
            .filter(|o| o.certificate.status_on(on) == CertificateStatus::Valid)
            .collect()
    }

    /// Applies a command dated `on`; `None` when the domain refuses (the case stops there).
    async fn apply(
        &self,
        tx: &mut store::WriteTx,
        id: i64,
        on: NaiveDate,
        command: Command,
    ) -> Result<Option<StoredCase>, StoreError> {
        if on > self.today {
            return Ok(None);
        }
        let env = PenaltyEnv::new(self.calendar, on);
        match tx.apply_penalty_command(&env, id, None, command).await {
            Ok(c) => Ok(Some(c)),
            Err(StoreError::Refused(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Runs one case as far as its dates allow; returns it when registered.
    async fn run(
        &mut self,
        tx: &mut store::WriteTx,
        registered: NaiveDate,
    ) -> Result<Option<StoredCase>, StoreError> {
        let (party, details) = self.party();
        let matters = matters_of(&self.dept.short_name);
        let matter = &matters[self.rng.below(matters.len() as u64) as usize];
        let env = PenaltyEnv::new(self.calendar, registered);
        let case = tx
            .register_penalty_case(
                &env,
                NewClue {
                    department_id: self.dept.id,
                    power_id: None,
                    party: party.clone(),
                    details,
                    clue: matter.clue.into(),
                    registered_on: registered,
                },
            )
            .await?;
        let id = case.case.id;
        let mut last = Some(case);
        // `step!(date, on => command)`: the command, built with its date bound to `on`, is
        // applied on that date; a refusal ends the case where it stands.
        macro_rules! step {
            ($date:expr, $on:ident => $cmd:expr) => {{
                let $on = $date;
                let command = $cmd;
                match self.apply(tx, id, $on, command).await? {
                    Some(c) => {
                        last = Some(c);
                    }
                    None => return Ok(last),
                }
                $on
            }};
        }
        let d = step!(self.later(registered, 0, 2), on => Command::StartVerification);
        if self.chance(6) {
            step!(
                self.later(d, 1, 5), on =>
                Command::DeclineToOpen {
                    reason: "经核查，违法事实不能成立，不予立案".into()
                }
            );
            return Ok(last);
        }
        let complex = self.chance(4);
        let opened = step!(
            self.later(d, 1, 8), on =>
            Command::Open {
                opened_on: on,
                complexity: if complex {
                    Complexity::ComplexOrMajor
                } else {
                    Complexity::Ordinary
                },
            }
        );
        let valid = self.valid_on(opened);
        // Keep the first (qualified) officer of the department free to review.
        let pool: Vec<&Officer> = valid
            .iter()
            .copied()
            .filter(|o| !o.legal_review_qualified)
            .collect();
        if pool.len() < 2 {
            return Ok(last);
        }
        let a = self.rng.below(pool.len() as u64) as usize;
        let b = (a + 1 + self.rng.below(pool.len() as u64 - 1) as usize) % pool.len();
        let team = match InvestigationTeam::new(vec![
            CertifiedOfficer::certify(pool[a], opened).map_err(refusal)?,
            CertifiedOfficer::certify(pool[b], opened).map_err(refusal)?,
        ]) {
            Ok(t) => t,
            Err(_) => return Ok(last),
        };
        let d = step!(opened, on => Command::AssignInvestigators { team });
        if self.chance(3) {
            step!(
                d, on =>
                Command::AddReviewGround {
                    ground: ReviewGround::ComplexMultipleRelations
                }
            );
        }
        let closed = step!(
            self.later(d, 5, 30), on =>
            Command::CloseInvestigation {
                closed_on: on,
            }
        );
        let roll = self.rng.below(100);
        if roll < 5 {
            // Transferred before any notice: the facts point to a crime.
            let on = self.later(closed, 1, 5);
            step!(on, _on =>
                Command::Decide {
                    decided_on: on,
                    document_number: self.number(on, "移"),
                    outcome: Outcome::TransferToJudiciary {
                        to: "安吉县公安局".into()
                    },
                }
            );
            step!(self.later(on, 1, 5), on => Command::Close { closed_on: on });
            return Ok(last);
        }
        if roll < 10 {
            let on = self.later(closed, 1, 5);
            step!(on, _on =>
                Command::Decide {
                    decided_on: on,
                    document_number: self.number(on, "不罚"),
                    outcome: Outcome::NoPenaltyMinor,
                }
            );
            let s = step!(
                self.later(on, 0, 3), on =>
                Command::Serve {
                    served_on: on,
                    method: ServiceMethod::InPerson,
                    consent_signed: false,
                }
            );
            let c = step!(self.later(s, 1, 3), on => Command::Close { closed_on: on });
            step!(self.later(c, 1, 10), on => Command::Archive { archived_on: on });
            return Ok(last);
        }
        let fine_yuan = {
            let span = (matter.max_yuan - matter.min_yuan).max(1) as u64;
            let raw = matter.min_yuan + self.rng.below(span) as i64;
            // Round as decisions do: to the hundred above 1,000 yuan.
            if raw > 1_000 { raw / 100 * 100 } else { raw }
        };
        let mut sanctions = vec![Sanction::Fine {
            fen: fine_yuan * 100,
        }];
        if self.chance(20) {
            sanctions.push(Sanction::ConfiscateGains {
                fen: (fine_yuan / 5).max(100) * 100,
            });
        }
        let proposal = Penalty {
            sanctions: sanctions.clone(),
            other_hearing_ground: false,
        };
        let noticed = step!(
            self.later(closed, 1, 5), on =>
            Command::IssueNotice {
                served_on: on,
                proposal,
                facts: format!("{}{}", party.name, matter.facts),
                basis: matter.basis.into(),
            }
        );
        let hearing_right = last
            .as_ref()
            .and_then(|c| c.case.notice.as_ref())
            .is_some_and(|n| n.hearing_ground.is_some());
        let after;
        if hearing_right && self.chance(30) {
            let req = step!(self.later(noticed, 1, 4), on => Command::RequestHearing { requested_on: on });
            let presiding = self
                .valid_on(req)
                .into_iter()
                .find(|o| {
                    !o.legal_review_qualified
                        && last
                            .as_ref()
                            .is_some_and(|c| !c.case.team.iter().any(|m| m.officer_id == o.id))
                })
                .map(|o| o.id);
            let Some(presiding) = presiding else {
                return Ok(last);
            };
            let notified = self.later(req, 1, 2);
            let hearing_on = self.later(notified, 8, 12);
            step!(
                notified, on =>
                Command::ScheduleHearing {
                    notified_on: notified,
                    hearing_on,
                    presiding_officer_id: presiding,
                }
            );
            after = step!(
                hearing_on, on =>
                Command::RecordHearing {
                    held_on: hearing_on,
                    outcome: if self.chance(90) {
                        HearingOutcome::Held
                    } else {
                        HearingOutcome::PartyAbsent
                    },
                }
            );
        } else if self.chance(40) {
            after = step!(self.later(noticed, 0, 3), on => Command::WaiveDefence { on });
        } else {
            after = step!(
                self.later(noticed, 2, 5), on =>
                Command::RecordDefence {
                    received_on: on,
                    summary: "当事人称系初次违法，已积极整改，请求从轻处罚".into(),
                    finding: if self.chance(50) {
                        DefenceFinding::PartlyAdopted
                    } else {
                        DefenceFinding::NotAdopted
                    },
                }
            );
        }
        // The decision waits until the hearing-request period has run.
        let period_end = self.later(noticed, 6, 6);
        let mut ready = self.later(after.max(period_end), 1, 4);
        let needs_review = last
            .as_ref()
            .is_some_and(|c| store::penalty::is_major(&c.case))
            || self.catalogue_covers(fine_yuan)
            || last.as_ref().is_some_and(|c| {
                matches!(
                    c.case.hearing,
                    domain::enforcement::penalty::Hearing::Done {
                        outcome: HearingOutcome::Held,
                        ..
                    }
                )
            });
        if needs_review {
            let sub = step!(ready, on => Command::SubmitForLegalReview { on: ready, change: String::new() });
            let reviewer = self
                .valid_on(sub)
                .into_iter()
                .find(|o| o.legal_review_qualified)
                .cloned();
            let Some(reviewer) = reviewer else {
                return Ok(last);
            };
            let qualified = QualifiedReviewer::from_officer(&reviewer).map_err(refusal)?;
            let mut on = self.later(sub, 2, 8);
            if self.chance(20) {
                step!(on, _on =>
                    Command::RecordLegalReview {
                        reviewer: qualified.clone(),
                        on,
                        opinion: Opinion::Problems(vec![Finding {
                            point: ReviewPoint::FactsAndEvidence,
                            reason: "现场检查笔录未经当事人签字确认，请补充".into(),
                        }]),
                    }
                );
                let again = step!(
                    self.later(on, 1, 4), on =>
                    Command::SubmitForLegalReview {
                        on,
                        change: "已补充当事人签字确认的现场检查笔录".into(),
                    }
                );
                on = self.later(again, 1, 5);
            }
            ready = step!(on, _on =>
                Command::RecordLegalReview {
                    reviewer: qualified,
                    on,
                    opinion: Opinion::Approve,
                }
            );
        }
        if complex {
            let on = self.later(ready, 1, 5);
            ready = step!(on, _on =>
                Command::RecordDeliberation {
                    held_on: on,
                    participants: vec!["局长".into(), "分管副局长".into(), "法制科科长".into()],
                    conclusion: "同意按拟处罚意见作出决定".into(),
                }
            );
        }
        if self.chance(3) {
            let opened_plus = opened + chrono::Days::new(85);
            step!(
                opened_plus.min(self.today), on =>
                Command::ExtendDecisionDeadline {
                    period: Period::days(30),
                    approval: Approval {
                        authority: "本机关负责人".into(),
                        approved_on: opened_plus.min(self.today),
                        reference: None,
                    },
                    authority: ExtensionAuthority::HeadApproval,
                }
            );
        }
        let decided = self.later(ready, 0, 4);
        let final_penalty = Penalty {
            sanctions: if self.chance(25) {
                // The defence was partly adopted: a lighter fine, never a heavier one (第四十五条).
                sanctions
                    .iter()
                    .map(|s| match s {
                        Sanction::Fine { fen } => Sanction::Fine {
                            fen: fen * 4 / 5 / 100 * 100,
                        },
                        other => other.clone(),
                    })
                    .collect()
            } else {
                sanctions
            },
            other_hearing_ground: false,
        };
        step!(
            decided, on =>
            Command::Decide {
                decided_on: decided,
                document_number: self.number(decided, "罚"),
                outcome: Outcome::Penalty(final_penalty.clone()),
            }
        );
        let served = step!(
            self.later(decided, 0, 6), on =>
            Command::Serve {
                served_on: on,
                method: if self.chance(70) { ServiceMethod::InPerson } else { ServiceMethod::Post },
                consent_signed: false,
            }
        );
        let total: i64 = final_penalty.fine_fen();
        let paid = step!(self.later(served, 1, 9), on => Command::RecordPayment { paid_on: on, fen: total });
        let closed = step!(self.later(paid, 1, 5), on => Command::Close { closed_on: on });
        step!(self.later(closed, 3, 20), on => Command::Archive { archived_on: on });
        Ok(last)
    }

    fn catalogue_covers(&self, fine_yuan: i64) -> bool {
        let threshold = match self.dept.short_name.as_str() {
            "公安" => 2_000,
            "环" => 200_000,
            _ => 50_000,
        };
        fine_yuan >= threshold
    }

    fn number(&self, on: NaiveDate, kind: &str) -> String {
        format!(
            "安{}{kind}〔{}〕{}号",
            self.dept.short_name,
            on.year(),
            self.n + 1
        )
    }

    /// Publication (mostly on time, some late, a few withdrawn) and major-penalty filing.
    async fn after_decision(
        &mut self,
        store: &Store,
        government_id: i64,
        actor: &Actor,
        now_ms: i64,
        case: &StoredCase,
    ) -> Result<(), StoreError> {
        let Some(decision) = &case.case.decision else {
            return Ok(());
        };
        if matches!(decision.outcome, Outcome::Penalty(_)) {
            let due = disclosure::publication_due(
                DecisionKind::Penalty,
                decision.decided_on,
                &DisclosurePeriods::default(),
                self.calendar,
            )
            .map_err(refusal)?;
            let published = if self.chance(8) {
                self.later(due.due, 1, 6)
            } else {
                self.later(decision.decided_on, 1, 6)
            };
            if published <= self.today {
                let (title, content) = store::disclosures::decision_text(case, &self.dept.name)
                    .map_err(|m| StoreError::Conflict(m.into()))?;
                let mut tx = store.begin_write(government_id, actor, now_ms).await?;
                let d = tx
                    .publish_disclosure(&NewDisclosure {
                        case_id: case.case.id,
                        department_id: case.summary.department_id,
                        title,
                        document_number: decision.document_number.clone(),
                        content,
                        decided_on: decision.decided_on.to_string(),
                        due_on: due.due.to_string(),
                        published_on: published.to_string(),
                    })
                    .await?;
                let withdraw_on = self.later(published, 20, 60);
                if self.chance(2) && withdraw_on <= self.today {
                    let w = disclosure::withdraw(
                        WithdrawalGround::Changed,
                        withdraw_on,
                        self.later(withdraw_on, 0, 2),
                        "经行政复议，原处罚决定被依法变更",
                        self.calendar,
                    )
                    .map_err(refusal)?;
                    tx.withdraw_disclosure(
                        d.id,
                        &w.withdrawn_on.to_string(),
                        w.ground.label(),
                        &w.reason,
                        w.late,
                    )
                    .await?;
                }
                tx.commit().await?;
            }
        }
        if case.summary.major {
            let env = PenaltyEnv::new(self.calendar, self.today);
            let mut tx = store.begin_write(government_id, actor, now_ms).await?;
            let due = tx.filing_due(&env, decision.decided_on)?;
            let filed = if self.chance(10) {
                self.later(due, 1, 10)
            } else {
                self.later(decision.decided_on, 2, 12)
            };
            if filed <= self.today {
                tx.file_major_penalty(
                    case,
                    &filed.to_string(),
                    &due.to_string(),
                    "报送重大行政处罚决定备案",
                )
                .await?;
                tx.commit().await?;
            }
        }
        Ok(())
    }
}

fn refusal(r: domain::Refusal) -> StoreError {
    StoreError::Refused(r)
}

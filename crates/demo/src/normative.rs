//! The demo county's normative documents (行政规范性文件): its issuing bodies, about 250
//! documents drafted since five years ago in every state of the procedure, texts composed from
//! clause templates, a clean-up campaign last year that repealed some, and objections answered
//! (a few still open).
//!
//! The history is simulated with `domain::normative` itself (every step through `apply`, on its
//! own date), then stored as an import: each document's final state, its timeline and text
//! versions, and one ledger entry, the way a deployment takes over the records of the system it
//! replaces. Objections go through the ordinary flow. Deterministic: the same day gives the
//! same county.

use std::collections::BTreeMap;

use calendar::{Calendar, Datelike, Days, NaiveDate, Period};
use domain::normative::cleanup::{self, Campaign, CampaignKind, CleanupOutcome};
use domain::normative::objection::{Channel, Finding};
use domain::normative::{
    Adoption, AutomaticFinding, Command, Conclusion, Context, CorrectionAction, Disposition,
    DocumentNumber, Event, FilingReview, NormativeDocument, Policy, Severity, Stage, apply,
};
use store::{
    Actor, ImportedDocument, IssuerInput, IssuerKind, NewText, NormativeEnv, Store, StoreError,
    TextSource,
};

use crate::mix;

/// An issuing body of the demo: name, department (None: the government), prefix, domain.
struct IssuerSpec {
    name: &'static str,
    department: Option<&'static str>,
    prefix: &'static str,
    basis: &'static str,
    domain: usize,
}

const ISSUERS: &[IssuerSpec] = &[
    IssuerSpec {
        name: "安吉县人民政府",
        department: None,
        prefix: "安政规",
        basis: "《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》第七十三条",
        domain: 0,
    },
    IssuerSpec {
        name: "安吉县人民政府办公室",
        department: None,
        prefix: "安政办规",
        basis: "《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》第七十九条；县人民政府授权",
        domain: 0,
    },
    IssuerSpec {
        name: "安吉县市场监督管理局",
        department: Some("安吉县市场监督管理局"),
        prefix: "安市监规",
        basis: "《中华人民共和国食品安全法》第六条；县人民政府确定的部门职责",
        domain: 1,
    },
    IssuerSpec {
        name: "安吉县住房和城乡建设局",
        department: Some("安吉县住房和城乡建设局"),
        prefix: "安建规",
        basis: "《物业管理条例》第五条；县人民政府确定的部门职责",
        domain: 2,
    },
    IssuerSpec {
        name: "安吉县交通运输局",
        department: Some("安吉县交通运输局"),
        prefix: "安交规",
        basis: "《中华人民共和国道路运输条例》第七条；县人民政府确定的部门职责",
        domain: 3,
    },
    IssuerSpec {
        name: "安吉县自然资源和规划局",
        department: Some("安吉县自然资源和规划局"),
        prefix: "安资规",
        basis: "《中华人民共和国土地管理法》第五条；县人民政府确定的部门职责",
        domain: 4,
    },
    IssuerSpec {
        name: "安吉县农业农村局",
        department: Some("安吉县农业农村局"),
        prefix: "安农规",
        basis: "《中华人民共和国农业法》第十条；县人民政府确定的部门职责",
        domain: 5,
    },
    IssuerSpec {
        name: "安吉县人力资源和社会保障局",
        department: Some("安吉县人力资源和社会保障局"),
        prefix: "安人社规",
        basis: "《中华人民共和国就业促进法》第六条；县人民政府确定的部门职责",
        domain: 6,
    },
    IssuerSpec {
        name: "安吉县教育局",
        department: Some("安吉县教育局"),
        prefix: "安教规",
        basis: "《中华人民共和国教育法》第十五条；县人民政府确定的部门职责",
        domain: 7,
    },
    IssuerSpec {
        name: "安吉县卫生健康局",
        department: Some("安吉县卫生健康局"),
        prefix: "安卫健规",
        basis: "《中华人民共和国基本医疗卫生与健康促进法》第七条；县人民政府确定的部门职责",
        domain: 8,
    },
];

/// Per domain: (topics, the laws a document cites, the lead department in the text).
const DOMAINS: &[(&[&str], &str, &str)] = &[
    (
        &[
            "白茶产业发展扶持",
            "美丽乡村长效管理",
            "竹产业高质量发展",
            "重大行政决策程序",
            "政府投资项目管理",
            "历史建筑保护利用",
            "突发事件应急处置",
            "城市管理综合执法协作",
            "招商引资项目准入",
            "乡村旅游发展",
            "生态补偿资金管理",
            "安全生产责任追究",
        ],
        "《中华人民共和国乡村振兴促进法》《浙江省实施〈中华人民共和国乡村振兴促进法〉办法》",
        "县发展和改革局",
    ),
    (
        &[
            "食品小作坊",
            "农贸市场",
            "电梯安全",
            "网络交易",
            "明码标价",
            "户外广告发布",
            "特种设备安全",
            "校园周边食品安全",
        ],
        "《中华人民共和国食品安全法》《中华人民共和国产品质量法》",
        "县市场监督管理局",
    ),
    (
        &[
            "住宅小区物业管理",
            "建筑垃圾处置",
            "住房租赁",
            "城镇燃气安全",
            "既有住宅加装电梯",
            "农村危房改造",
        ],
        "《物业管理条例》《中华人民共和国城乡规划法》",
        "县住房和城乡建设局",
    ),
    (
        &[
            "出租汽车客运",
            "农村公路养护",
            "网络预约出租汽车",
            "公交场站",
            "货运车辆超限超载治理",
        ],
        "《中华人民共和国道路运输条例》《中华人民共和国公路法》",
        "县交通运输局",
    ),
    (
        &[
            "农村宅基地",
            "土地储备",
            "矿产资源开发利用",
            "国有建设用地供应",
            "测绘成果",
        ],
        "《中华人民共和国土地管理法》《中华人民共和国城乡规划法》",
        "县自然资源和规划局",
    ),
    (
        &[
            "农作物秸秆综合利用",
            "病死畜禽无害化处理",
            "家庭农场培育",
            "农田水利设施",
            "农产品质量安全追溯",
        ],
        "《中华人民共和国农业法》《中华人民共和国农产品质量安全法》",
        "县农业农村局",
    ),
    (
        &[
            "就业补助资金",
            "高层次人才引进",
            "职业技能提升补贴",
            "创业担保贷款贴息",
            "劳动用工备案",
        ],
        "《中华人民共和国就业促进法》《中华人民共和国劳动合同法》",
        "县人力资源和社会保障局",
    ),
    (
        &[
            "民办学校",
            "校外培训机构",
            "学前教育",
            "中小学学籍",
            "家庭经济困难学生资助",
        ],
        "《中华人民共和国教育法》《中华人民共和国民办教育促进法》",
        "县教育局",
    ),
    (
        &[
            "医疗机构校验",
            "计划生育家庭特别扶助",
            "职业病防治",
            "公共场所卫生",
            "院前急救",
        ],
        "《中华人民共和国基本医疗卫生与健康促进法》《中华人民共和国传染病防治法》",
        "县卫生健康局",
    ),
];

const KINDS: &[&str] = &["管理办法", "实施细则", "管理规定", "暂行办法", "实施办法"];

const CLAUSES: &[&str] = &[
    "{topic}经营者应当建立健全内部管理制度，落实主体责任，如实记录并保存相关台账，保存期限不少于二年。",
    "县级有关部门应当按照“双随机、一公开”的要求，对{topic}开展监督检查，检查结果依法向社会公开。",
    "鼓励行业协会制定{topic}行业规范，加强行业自律，引导经营者诚信经营。",
    "县人民政府对在{topic}工作中做出显著成绩的单位和个人，按照有关规定给予表彰。",
    "有关部门应当简化办事程序，推行“一网通办”，申请人可以通过浙江政务服务网在线办理{topic}相关事项，不得要求申请人提供法律、法规、规章规定以外的证明材料。",
    "符合条件的单位和个人可以申请本{kind}规定的扶持，具体标准由县财政部门会同有关部门在年度预算中安排。",
    "{lead}应当会同有关部门制定{topic}突发事件应急预案，并定期组织演练。",
    "任何单位和个人有权对违反本{kind}的行为进行投诉、举报，有关部门应当依法及时处理，并为举报人保密。",
    "乡镇人民政府、街道办事处应当配合有关部门做好辖区内{topic}的日常巡查，发现问题及时报告。",
    "{lead}应当建立{topic}信用档案，依法将相关信息归集至公共信用信息平台。",
];

/// One document to simulate.
#[derive(Debug, Clone)]
struct Spec {
    issuer: usize,
    title: String,
    topic: &'static str,
    kind: &'static str,
    drafted_on: NaiveDate,
    affects_public: bool,
    n_comments: u32,
    /// The first draft sets a fine, which the review returns.
    unlawful_first: bool,
    /// The deliberation sends the first version back.
    sent_back: bool,
    withdraw: bool,
    /// Explicit validity in years (None: the longest allowed).
    validity_years: Option<u32>,
    effective_delay: u64,
    filing_delay: u64,
    correction: Option<CorrectionAction>,
    /// Stop once the document reaches this stage (recent documents pinned to a stage).
    stop: Option<Stage>,
    h: u64,
}

fn add(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_add_days(Days::new(days)).unwrap_or(d)
}

fn sub(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(days)).unwrap_or(d)
}

fn issuer_short(name: &str) -> String {
    name.trim_start_matches("安吉县").to_owned()
}

/// The text of a document from the clause templates; `fine` adds the unlawful fine clause
/// that the first review returns.
fn compose(spec: &Spec, effective: &str, fine: bool) -> String {
    let issuer = &ISSUERS[spec.issuer];
    let (_, laws, lead) = DOMAINS[issuer.domain];
    let kind = if spec.kind.ends_with("细则") {
        "细则"
    } else if spec.kind.ends_with("规定") {
        "规定"
    } else {
        "办法"
    };
    let fill = |t: &str| {
        t.replace("{topic}", spec.topic)
            .replace("{kind}", kind)
            .replace("{lead}", lead)
    };
    let years = spec
        .validity_years
        .unwrap_or(if spec.kind.contains("暂行") { 2 } else { 5 });
    let mut clauses = vec![
        format!(
            "为了规范{}工作，保障公民、法人和其他组织的合法权益，根据{laws}等法律、法规和规章的规定，结合本县实际，制定本{kind}。",
            spec.topic
        ),
        format!(
            "本{kind}适用于本县行政区域内{}及其监督管理活动。",
            spec.topic
        ),
        format!(
            "{lead}负责{}的统筹协调和监督管理工作。县发展和改革、财政、市场监督管理等部门按照各自职责做好相关工作。",
            spec.topic
        ),
    ];
    for k in 0..3 {
        let i = ((spec.h >> (8 * k)) as usize + k * 3) % CLAUSES.len();
        let c = fill(CLAUSES[i]);
        if !clauses.contains(&c) {
            clauses.push(c);
        }
    }
    if fine {
        clauses.push(format!(
            "违反本{kind}第四条规定的，由{lead}责令限期改正；逾期不改正的，处五百元以上二千元以下罚款。"
        ));
    } else {
        clauses.push(format!(
            "违反本{kind}规定的行为，法律、法规、规章已有法律责任规定的，从其规定。"
        ));
    }
    clauses.push(format!(
        "行政机关工作人员在{}工作中玩忽职守、滥用职权、徇私舞弊的，依法给予处分；构成犯罪的，依法追究刑事责任。",
        spec.topic
    ));
    clauses.push(format!("本{kind}由{}负责解释。", issuer_short(issuer.name)));
    clauses.push(format!("本{kind}自{effective}起施行，有效期{years}年。"));
    let mut out = format!("{}\n\n", spec.title);
    for (i, c) in clauses.iter().enumerate() {
        out.push_str(&format!("第{}条　{c}\n", legal_number(i as u32 + 1)));
    }
    out.trim_end().to_owned()
}

/// 1 → 一, 12 → 十二, 20 → 二十.
fn legal_number(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", D[(n - 10) as usize]),
        _ => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
    }
}

fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// A document being simulated.
struct Sim {
    spec: Spec,
    doc: NormativeDocument,
    events: Vec<(Event, String)>,
    texts: Vec<NewText>,
    /// The date of the last step.
    last: NaiveDate,
    done: bool,
}

/// What the simulation needs from outside.
struct World<'a> {
    calendar: &'a Calendar,
    policy: &'a Policy,
    today: NaiveDate,
    drafter: String,
    reviewer: String,
    reviewer_id: i64,
    numbers: BTreeMap<(String, i32), u32>,
}

impl World<'_> {
    fn ctx(&self, on: NaiveDate) -> Context<'_> {
        Context {
            today: on.min(self.today),
            calendar: self.calendar,
            policy: self.policy,
        }
    }

    fn due(&self, from: NaiveDate, period: Period) -> NaiveDate {
        self.calendar
            .due_date(from, period)
            .map(|d| d.due)
            .unwrap_or(add(from, 30))
    }
}

fn penalty_finding(kind: &str) -> AutomaticFinding {
    AutomaticFinding {
        rule: "creates_penalty".into(),
        severity: Severity::Error,
        location: "第七条".into(),
        excerpt: format!("违反本{kind}第四条规定的……处五百元以上二千元以下罚款"),
        message: "规范性文件不得设定行政处罚；罚款只能由法律、法规、规章设定".into(),
        basis: "《中华人民共和国行政处罚法》第十六条".into(),
    }
}

fn warning_finding() -> AutomaticFinding {
    AutomaticFinding {
        rule: "vague_reference".into(),
        severity: Severity::Warning,
        location: "第一条".into(),
        excerpt: "根据……等法律、法规和规章的规定".into(),
        message: "制定依据使用“等”字概括，建议列明所依据的法律、法规、规章名称".into(),
        basis: "国办发〔2018〕37号 合法性审核".into(),
    }
}

impl Sim {
    fn new(spec: Spec, id: i64, drafter_id: i64, world: &World<'_>) -> Option<Sim> {
        let (doc, event) = NormativeDocument::draft(
            id,
            0,
            drafter_id,
            &spec.title,
            spec.affects_public,
            spec.drafted_on,
            &world.ctx(spec.drafted_on),
        )
        .ok()?;
        let effective = chinese_date(add(spec.drafted_on, 120));
        let text = NewText {
            body: compose(&spec, &effective, spec.unlawful_first),
            source: if spec.h.is_multiple_of(3) {
                TextSource::Typed
            } else {
                TextSource::Docx
            },
            file_name: if spec.h.is_multiple_of(3) {
                String::new()
            } else {
                format!("{}（送审稿）.docx", spec.title)
            },
            note: String::new(),
        };
        Some(Sim {
            last: spec.drafted_on,
            spec,
            doc,
            events: vec![(event, world.drafter.clone())],
            texts: vec![text],
            done: false,
        })
    }

    /// The next step of the plan and its date, from the document's state.
    fn next(&self, world: &World<'_>) -> Option<(NaiveDate, Command, bool)> {
        let d = &self.doc;
        let s = &self.spec;
        let h = s.h;
        if self.done || Some(d.stage) == s.stop {
            return None;
        }
        let after = |days: u64| add(self.last, days);
        let step = match d.stage {
            Stage::Drafting => {
                if s.withdraw
                    && d.reviews.is_empty()
                    && d.public_comment.is_none()
                    && !s.affects_public
                {
                    (
                        after(20),
                        Command::Withdraw {
                            on: after(20),
                            reason: "上位法即将修订，暂缓制定".into(),
                        },
                        false,
                    )
                } else if d.affects_public && d.public_comment.is_none() {
                    (
                        after(3),
                        Command::OpenPublicComment {
                            on: after(3),
                            channel: "安吉县人民政府门户网站".into(),
                        },
                        false,
                    )
                } else if let Some(c) = d.public_comment.as_ref().filter(|c| c.unanswered() > 0) {
                    let n = c
                        .comments
                        .iter()
                        .find(|m| m.answer.is_none())
                        .map(|m| m.number)
                        .unwrap_or(1);
                    let (adoption, reason) = match (h >> n) % 3 {
                        0 => (Adoption::Adopted, "已采纳，相应修改了条款表述"),
                        1 => (
                            Adoption::PartlyAdopted,
                            "部分采纳，涉及收费的内容由价格主管部门另行规定",
                        ),
                        _ => (
                            Adoption::NotAdopted,
                            "该意见属于上位法规定事项，本文件不作重复规定",
                        ),
                    };
                    (
                        after(2),
                        Command::AnswerComment {
                            number: n,
                            adoption,
                            reason: reason.into(),
                        },
                        false,
                    )
                } else {
                    let round = d.reviews.len();
                    let findings = if s.unlawful_first && round == 0 {
                        vec![penalty_finding(s.kind), warning_finding()]
                    } else if h.is_multiple_of(4) {
                        vec![warning_finding()]
                    } else {
                        vec![]
                    };
                    (
                        after(4 + h % 6),
                        Command::SubmitForLegalityReview {
                            on: after(4 + h % 6),
                            findings,
                            change: String::new(),
                        },
                        false,
                    )
                }
            }
            Stage::PublicComment => {
                let c = d.public_comment.as_ref()?;
                let n = c.comments.len() as u32;
                if n < s.n_comments {
                    let on = add(c.opened_on, 5 + 6 * u64::from(n));
                    let (who, what) = [
                        ("胡建平", "建议进一步明确办理时限，方便群众"),
                        ("安吉县个体劳动者协会", "建议对小微经营者设置过渡期"),
                        ("匿名", "第四条的表述不够清楚，建议细化"),
                        ("浙江某律师事务所", "第六条的扶持条件建议与省里政策衔接"),
                    ][((h >> n) % 4) as usize];
                    (
                        on,
                        Command::RecordComment {
                            received_on: on,
                            commenter: who.into(),
                            text: what.into(),
                        },
                        false,
                    )
                } else {
                    (
                        c.period_ends,
                        Command::ClosePublicComment { on: c.period_ends },
                        false,
                    )
                }
            }
            Stage::UnderLegalityReview => {
                let round = d.current_review()?;
                if let Some((i, f)) = round
                    .findings
                    .iter()
                    .enumerate()
                    .find(|(_, f)| f.disposition == Disposition::Pending)
                {
                    let disposition =
                        if f.finding.severity == Severity::Error || h.is_multiple_of(2) {
                            Disposition::Accepted
                        } else {
                            Disposition::Rejected {
                                reason: "第一条已列明主要依据，“等”字用法符合立法技术规范".into(),
                            }
                        };
                    (
                        add(round.submitted_on, 1 + i as u64),
                        Command::DisposeFinding {
                            index: i,
                            disposition,
                        },
                        false,
                    )
                } else {
                    let min_end = world.due(round.submitted_on, world.policy.review_min);
                    let on = if h.is_multiple_of(23) {
                        add(world.due(round.submitted_on, world.policy.review_max), 3)
                    } else {
                        add(min_end, h % 5)
                    }
                    .max(self.last);
                    let errors = round.standing_errors().count() > 0;
                    let (conclusion, text) = if errors {
                        (
                            Conclusion::AmendmentsRequired,
                            "第七条设定罚款，超越规范性文件权限，应当删除；其余内容符合上位法规定",
                        )
                    } else {
                        (
                            Conclusion::Lawful,
                            "经审核，制定主体合法，未超越法定职权，内容符合法律、法规、规章和国家政策规定，制定程序符合要求",
                        )
                    };
                    (
                        on,
                        Command::RecordLegalityOpinion {
                            reviewer_id: world.reviewer_id,
                            reviewer: world.reviewer.clone(),
                            on,
                            conclusion,
                            text: text.into(),
                            short_review_reason: None,
                        },
                        false,
                    )
                }
            }
            Stage::ReturnedByReview => {
                // The text is revised first (the `true` marks a text revision), then resubmitted.
                let on = after(6 + h % 5);
                (
                    on,
                    Command::SubmitForLegalityReview {
                        on,
                        findings: vec![],
                        change:
                            "删除第七条罚款规定，改为“法律、法规、规章已有法律责任规定的，从其规定”"
                                .into(),
                    },
                    true,
                )
            }
            Stage::ReviewPassed => {
                if s.withdraw {
                    (
                        after(15),
                        Command::Withdraw {
                            on: after(15),
                            reason: "经研究，相关事项已由上级文件作出规定，不再另行制定".into(),
                        },
                        false,
                    )
                } else {
                    let adopted = !(s.sent_back && d.deliberations.is_empty());
                    let on = after(3 + h % 10);
                    (
                        on,
                        Command::RecordDeliberation {
                            held_on: on,
                            meeting: format!(
                                "{}第{}次{}",
                                if ISSUERS[s.issuer].department.is_none() {
                                    "县人民政府"
                                } else {
                                    "局"
                                },
                                3 + h % 30,
                                if ISSUERS[s.issuer].department.is_none() {
                                    "常务会议"
                                } else {
                                    "局务会议"
                                }
                            ),
                            participants: vec![
                                "沈国华".into(),
                                "钱丽萍".into(),
                                "朱建明".into(),
                                "俞晓东".into(),
                            ],
                            adopted,
                            conclusion: if adopted {
                                "原则通过，按会议意见修改后印发".into()
                            } else {
                                "部分条款需与上位法进一步衔接，退回起草单位修改".into()
                            },
                        },
                        false,
                    )
                }
            }
            Stage::Adopted => {
                let on = after(1 + h % 4);
                let issuer = &ISSUERS[s.issuer];
                let seq = world
                    .numbers
                    .get(&(issuer.prefix.to_owned(), on.year()))
                    .copied()
                    .unwrap_or(0)
                    + 1;
                let number = DocumentNumber {
                    prefix: issuer.prefix.into(),
                    year: on.year(),
                    sequence: seq,
                };
                let used = (1..seq).collect();
                (on, Command::Register { on, number, used }, false)
            }
            Stage::Registered => {
                let published_on = after(h % 3);
                let effective_on = add(published_on, s.effective_delay);
                let valid_until = s.validity_years.map(|y| {
                    NaiveDate::from_ymd_opt(
                        effective_on.year() + y as i32,
                        effective_on.month(),
                        effective_on.day().min(28),
                    )
                    .map(|x| sub(x, 1))
                    .unwrap_or(effective_on)
                });
                (
                    published_on,
                    Command::Publish {
                        published_on,
                        effective_on,
                        valid_until,
                        channel: "安吉县人民政府门户网站行政规范性文件库".into(),
                    },
                    false,
                )
            }
            Stage::Published => {
                let p = d.publication.as_ref()?;
                let pending = match &d.filing {
                    None => Some((
                        add(p.published_on, s.filing_delay),
                        Command::File {
                            filed_on: add(p.published_on, s.filing_delay),
                            recipient: if ISSUERS[s.issuer].department.is_none() {
                                "湖州市人民政府".into()
                            } else {
                                "安吉县人民政府".into()
                            },
                        },
                    )),
                    Some(f) => match &f.review {
                        FilingReview::Pending => {
                            let on = add(f.filed_on, 15 + h % 25);
                            Some(match &s.correction {
                                Some(_) => (on, Command::DemandCorrection { on, reasons: "第五条规定的申请条件增加了上位法以外的证明材料，应予纠正".into() }),
                                None => (on, Command::AcceptFiling { on }),
                            })
                        }
                        FilingReview::CorrectionDemanded { on, .. } => {
                            let at = add(*on, 20 + h % 20);
                            Some((
                                at,
                                Command::RecordCorrection {
                                    on: at,
                                    action: s
                                        .correction
                                        .clone()
                                        .unwrap_or(CorrectionAction::Repealed),
                                },
                            ))
                        }
                        _ => None,
                    },
                };
                match pending {
                    Some((on, c)) => (on, c, false),
                    None => {
                        let on = add(p.valid_until, 1);
                        (on, Command::Expire { on }, false)
                    }
                }
            }
            _ => return None,
        };
        Some(step)
    }

    /// Runs the plan up to `limit` (inclusive).
    fn advance(&mut self, limit: NaiveDate, world: &mut World<'_>) {
        while let Some((on, command, revise)) = self.next(world) {
            if on > limit || on > world.today {
                return;
            }
            let actor = match &command {
                Command::DisposeFinding { .. }
                | Command::RecordLegalityOpinion { .. }
                | Command::RecordDeliberation { .. }
                | Command::Register { .. }
                | Command::Publish { .. }
                | Command::File { .. }
                | Command::AcceptFiling { .. }
                | Command::DemandCorrection { .. }
                | Command::RecordCorrection { .. }
                | Command::Repeal { .. }
                | Command::DeclareVoid { .. } => world.reviewer.clone(),
                Command::Expire { .. } => "系统（有效期届满）".to_owned(),
                _ => world.drafter.clone(),
            };
            if revise {
                let revised_on = sub(on, 2).max(self.last);
                let effective = chinese_date(add(on, 90));
                self.texts.push(NewText {
                    body: compose(&self.spec, &effective, false),
                    source: TextSource::Docx,
                    file_name: format!("{}（修改稿）.docx", self.spec.title),
                    note: "按合法性审核意见删除罚款条款".into(),
                });
                self.events.push((
                    Event {
                        kind: "normative.text_revised",
                        document_id: self.doc.id,
                        on: revised_on,
                        stage: self.doc.stage,
                        fields: vec![
                            ("text_seq", self.texts.len().to_string()),
                            ("source", "docx".into()),
                            ("note", "按合法性审核意见删除罚款条款".into()),
                        ],
                        due: vec![],
                    },
                    world.drafter.clone(),
                ));
            }
            let registered = match &command {
                Command::Register { number, .. } => Some(number.clone()),
                _ => None,
            };
            match apply(&self.doc, command, &world.ctx(on)) {
                Ok((doc, event)) => {
                    if let Some(number) = registered {
                        world
                            .numbers
                            .insert((number.prefix.clone(), number.year), number.sequence);
                    }
                    self.doc = doc;
                    self.events.push((event, actor));
                    self.last = on;
                }
                Err(_) => {
                    // A plan the rules refuse stops here; the document keeps the state it has.
                    self.done = true;
                    return;
                }
            }
        }
    }
}

fn specs(today: NaiveDate) -> Vec<Spec> {
    let mut out = Vec::new();
    let first_year = today.year() - 5;
    let mut n = 0u64;
    let mut used_titles: Vec<String> = Vec::new();
    let mut push = |issuer: usize,
                    drafted_on: NaiveDate,
                    stop: Option<Stage>,
                    out: &mut Vec<Spec>,
                    used: &mut Vec<String>| {
        n += 1;
        let h = mix(n.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ drafted_on.num_days_from_ce() as u64);
        let (topics, _, _) = DOMAINS[ISSUERS[issuer].domain];
        let mut k = 0u64;
        let (topic, kind, title) = loop {
            let hk = mix(h.wrapping_add(k));
            let topic = topics[(hk % topics.len() as u64) as usize];
            let kind = KINDS[((hk >> 16) % KINDS.len() as u64) as usize];
            let title = if ISSUERS[issuer].department.is_none() {
                format!("安吉县{topic}{kind}")
            } else {
                format!("{}关于{topic}的{kind}", ISSUERS[issuer].name)
            };
            if !used.contains(&title) || k > 40 {
                break (topic, kind, title);
            }
            k += 1;
        };
        used.push(title.clone());
        let affects_public = h % 5 < 3;
        out.push(Spec {
            issuer,
            title,
            topic,
            kind,
            drafted_on,
            affects_public,
            n_comments: if affects_public {
                ((h >> 20) % 4) as u32
            } else {
                0
            },
            unlawful_first: (h >> 24).is_multiple_of(8),
            sent_back: (h >> 28).is_multiple_of(29),
            withdraw: (h >> 32).is_multiple_of(31),
            validity_years: match (h >> 36) % 9 {
                0 => Some(3),
                1 => Some(2),
                _ => None,
            },
            effective_delay: if (h >> 40).is_multiple_of(3) { 30 } else { 0 },
            filing_delay: if (h >> 44).is_multiple_of(11) {
                35 + (h >> 48) % 30
            } else {
                6 + (h >> 48) % 20
            },
            correction: match (h >> 52) % 23 {
                0 => Some(CorrectionAction::Amended {
                    summary: "删除第五条中要求提供的无犯罪记录证明".into(),
                }),
                1 => Some(CorrectionAction::Repealed),
                _ => None,
            },
            stop,
            h,
        });
    };
    for year in first_year..=today.year() {
        for month in 1..=12u32 {
            for k in 0..4u64 {
                let h = mix(((year as u64) << 8) ^ (u64::from(month) << 4) ^ k);
                let day = 1 + (h % 27) as u32;
                let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else {
                    continue;
                };
                if date > sub(today, 50) {
                    continue;
                }
                let issuer = ((h >> 8) % ISSUERS.len() as u64) as usize;
                push(issuer, date, None, &mut out, &mut used_titles);
            }
        }
    }
    // Recent documents pinned to each stage of the procedure.
    let pinned: [(usize, u64, Stage); 8] = [
        (2, 3, Stage::Drafting),
        (3, 12, Stage::PublicComment),
        (0, 9, Stage::UnderLegalityReview),
        (2, 30, Stage::ReturnedByReview),
        (4, 28, Stage::ReviewPassed),
        (6, 35, Stage::Adopted),
        (1, 40, Stage::Registered),
        (0, 46, Stage::Published),
    ];
    for (issuer, days, stage) in pinned {
        push(
            issuer,
            sub(today, days),
            Some(stage),
            &mut out,
            &mut used_titles,
        );
        let s = out.last_mut().expect("just pushed");
        s.withdraw = false;
        s.sent_back = false;
        s.correction = None;
        s.filing_delay = 60;
        s.affects_public = stage == Stage::PublicComment;
        s.n_comments = if stage == Stage::PublicComment { 2 } else { 0 };
        s.unlawful_first = matches!(stage, Stage::UnderLegalityReview | Stage::ReturnedByReview);
        // Out for comment until after today: the period itself holds it there, with comments.
        if stage == Stage::PublicComment {
            s.stop = None;
        }
    }
    out
}

/// Seeds the issuing bodies, documents, a clean-up campaign and objections, unless the
/// government already has issuing bodies (idempotent).
pub(crate) async fn seed_normative(
    store: &Store,
    government_id: i64,
    now_ms: i64,
) -> Result<(), StoreError> {
    if !store.normative_issuers(government_id).await?.is_empty() {
        return Ok(());
    }
    let today = crate::china_date(now_ms);
    let departments = store.list_departments(government_id).await?;
    let users = store.list_users(government_id).await?;
    let drafter = users.iter().find(|u| u.username == "zhifa");
    let reviewer = users.iter().find(|u| u.username == "sifaju");
    let calendar = Calendar::official();
    let policy = Policy::defaults();
    let mut world = World {
        calendar,
        policy: &policy,
        today,
        drafter: drafter
            .map(|u| u.display_name.clone())
            .unwrap_or_else(|| "起草人员".into()),
        reviewer: reviewer
            .map(|u| u.display_name.clone())
            .unwrap_or_else(|| "审核人员".into()),
        reviewer_id: reviewer.map(|u| u.id).unwrap_or(-1),
        numbers: BTreeMap::new(),
    };
    let drafter_id = drafter.map(|u| u.id).unwrap_or(0);
    let system = Actor::system("演示数据");
    let mut tx = store.begin_write(government_id, &system, now_ms).await?;
    let mut issuer_ids = Vec::new();
    for spec in ISSUERS {
        let department_id = spec
            .department
            .and_then(|name| departments.iter().find(|d| d.name == name))
            .map(|d| d.id);
        let issuer = tx
            .create_normative_issuer(&IssuerInput {
                name: spec.name.into(),
                kind: if department_id.is_some() {
                    IssuerKind::Department
                } else {
                    IssuerKind::Government
                },
                department_id,
                number_prefix: spec.prefix.into(),
                basis: spec.basis.into(),
                filing_body: if department_id.is_some() {
                    "安吉县人民政府".into()
                } else {
                    "湖州市人民政府".into()
                },
            })
            .await?;
        tx.set_normative_issuer_published(issuer.id, true).await?;
        issuer_ids.push(issuer.id);
    }

    // The documents, simulated in three phases around last year's clean-up campaign.
    let mut sims = Vec::new();
    let all_specs = specs(today);
    let first_id = tx
        .reserve_ids("normative_documents", all_specs.len() as i64)
        .await?;
    for (k, spec) in all_specs.into_iter().enumerate() {
        let id = first_id + k as i64;
        let issuer = issuer_ids[spec.issuer];
        if let Some(mut sim) = Sim::new(spec, id, drafter_id, &world) {
            sim.doc.issuer_id = issuer;
            sims.push(sim);
        }
    }
    let campaign_start = NaiveDate::from_ymd_opt(today.year() - 1, 9, 1).unwrap_or(today);
    let campaign_close = NaiveDate::from_ymd_opt(today.year() - 1, 11, 28).unwrap_or(today);
    for sim in &mut sims {
        sim.advance(campaign_start, &mut world);
    }
    let scope: Vec<i64> = sims
        .iter()
        .filter(|s| s.doc.stage == Stage::Published)
        .map(|s| s.doc.id)
        .collect();
    let campaign_id = tx.next_id("normative_campaigns").await?;
    let mut campaign_events = 0;
    let mut campaign = None;
    if let Ok((mut c, _)) = Campaign::start(
        campaign_id,
        &format!("{}年度行政规范性文件全面清理", today.year() - 1),
        CampaignKind::Periodic,
        campaign_start,
        scope.clone(),
        &world.ctx(campaign_start),
    ) {
        campaign_events += 1;
        for (k, id) in scope.iter().enumerate() {
            let h = mix(*id as u64 ^ 0xC1EA);
            let (outcome, reason) = match h % 20 {
                0 | 1 => (
                    CleanupOutcome::Repeal,
                    "调整对象已消失，文件已不适应经济社会发展需要",
                ),
                2 => (CleanupOutcome::DeclareVoid, "适用期已过，实际已失效"),
                3 => (
                    CleanupOutcome::Amend,
                    "部分条款与修订后的上位法不一致，拟予修改",
                ),
                _ => (CleanupOutcome::Keep, "符合上位法规定，继续有效"),
            };
            let on = add(campaign_start, 10 + (k as u64 % 50));
            if let Ok((next, _)) = cleanup::decide(&c, *id, outcome, reason, on, &world.ctx(on)) {
                c = next;
                campaign_events += 1;
            }
        }
        for sim in &mut sims {
            sim.advance(campaign_close, &mut world);
        }
        // Documents that lapsed meanwhile are kept on the list with their decision.
        if let Ok((closed, _)) = cleanup::close(&c, campaign_close, &world.ctx(campaign_close)) {
            c = closed;
            campaign_events += 1;
            for sim in &mut sims {
                if sim.doc.stage != Stage::Published {
                    continue;
                }
                if let Some(command) = cleanup::command_for(&c, sim.doc.id)
                    && let Ok((doc, event)) = apply(&sim.doc, command, &world.ctx(campaign_close))
                {
                    sim.doc = doc;
                    sim.events.push((event, world.reviewer.clone()));
                    sim.last = campaign_close;
                }
            }
        }
        campaign = Some(c);
    }
    for sim in &mut sims {
        sim.advance(today, &mut world);
    }
    let imported: Vec<ImportedDocument> = sims
        .iter()
        .map(|sim| ImportedDocument {
            document: sim.doc.clone(),
            events: sim.events.clone(),
            texts: sim.texts.clone(),
            department_id: ISSUERS[sim.spec.issuer]
                .department
                .and_then(|name| departments.iter().find(|d| d.name == name))
                .map(|d| d.id),
        })
        .collect();
    tx.import_normative_documents(&imported).await?;
    if let Some(c) = &campaign {
        tx.import_normative_campaign(c, campaign_events).await?;
    }
    tx.commit().await?;
    seed_objections(store, government_id, now_ms, &sims, &world).await
}

/// Objections to documents in force: most answered (one late), a few still open.
async fn seed_objections(
    store: &Store,
    government_id: i64,
    now_ms: i64,
    sims: &[Sim],
    world: &World<'_>,
) -> Result<(), StoreError> {
    let today = world.today;
    let env = NormativeEnv {
        calendar: world.calendar,
        today,
        policy: world.policy,
    };
    let in_force: Vec<&Sim> = sims
        .iter()
        .filter(|s| {
            s.doc.stage == Stage::Published
                && s.doc
                    .publication
                    .as_ref()
                    .is_some_and(|p| p.published_on < sub(today, 60))
        })
        .collect();
    let citizens = [
        (
            "王建军",
            "138****5021",
            "第四条要求提供的证明材料没有法律依据，增加了群众负担",
        ),
        (
            "安吉县某茶叶专业合作社",
            "0572-52*****",
            "第六条扶持条件将外地企业排除在外，涉嫌排除、限制竞争",
        ),
        (
            "李秀英",
            "浙江省安吉县递铺街道某小区",
            "文件规定的办理期限长于上位法规定",
        ),
        (
            "浙江某建设有限公司",
            "0572-51*****",
            "第五条对企业资质提出了上位法以外的要求",
        ),
        (
            "陈海峰",
            "139****7788",
            "第三条职责分工不明确，建议明确牵头部门",
        ),
    ];
    let system = Actor::system("演示数据");
    for (k, sim) in in_force
        .iter()
        .enumerate()
        .filter(|(k, _)| k % 9 == 4)
        .take(14)
    {
        let p = sim.doc.publication.as_ref().expect("published");
        let h = mix(sim.doc.id as u64 ^ 0x0B1E);
        let open = k % 4 == 0;
        let received_on = if open {
            sub(today, 3 + h % 15)
        } else {
            add(p.published_on, 20 + h % 300).min(sub(today, 50))
        };
        if received_on < p.published_on {
            continue;
        }
        let (citizen, contact, grounds) = citizens[(h % citizens.len() as u64) as usize];
        let mut tx = store.begin_write(government_id, &system, now_ms).await?;
        let o = tx
            .receive_normative_objection(
                &env,
                sim.doc.id,
                citizen,
                contact,
                grounds,
                if h.is_multiple_of(5) {
                    Channel::FilingBody
                } else {
                    Channel::Issuer
                },
                received_on,
            )
            .await?;
        if !open {
            let late = h.is_multiple_of(7);
            let replied_on = add(received_on, if late { 38 } else { 8 + h % 20 });
            let (finding, text) = if h.is_multiple_of(6) {
                (
                    Finding::PartlyUpheld,
                    "经审查，异议部分成立。制定机关已决定修改相关条款，删除要求提供的证明材料，修改文件将另行公布。",
                )
            } else {
                (
                    Finding::Rejected,
                    "经审查，该条款依据上位法的规定制定，未增加公民、法人和其他组织的义务，异议不成立。感谢您对规范性文件工作的监督。",
                )
            };
            tx.reply_normative_objection(&env, o.objection.id, replied_on, finding, text)
                .await?;
        }
        tx.commit().await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_words() {
        assert_eq!(legal_number(1), "一");
        assert_eq!(legal_number(10), "十");
        assert_eq!(legal_number(12), "十二");
        assert_eq!(legal_number(20), "二十");
        assert_eq!(legal_number(23), "二十三");
    }

    #[test]
    fn the_county_has_documents_in_every_state() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let policy = Policy::defaults();
        let mut world = World {
            calendar: Calendar::official(),
            policy: &policy,
            today,
            drafter: "张卫东".into(),
            reviewer: "李明华".into(),
            reviewer_id: 2,
            numbers: BTreeMap::new(),
        };
        let mut sims: Vec<Sim> = specs(today)
            .into_iter()
            .enumerate()
            .filter_map(|(i, s)| Sim::new(s, i as i64 + 1, 3, &world))
            .collect();
        assert!(sims.len() > 200, "{}", sims.len());
        for s in &mut sims {
            s.advance(today, &mut world);
        }
        let mut stages: Vec<Stage> = sims.iter().map(|s| s.doc.stage).collect();
        stages.sort_by_key(|s| s.as_str());
        stages.dedup();
        for stage in [
            Stage::Drafting,
            Stage::PublicComment,
            Stage::UnderLegalityReview,
            Stage::ReturnedByReview,
            Stage::ReviewPassed,
            Stage::Adopted,
            Stage::Registered,
            Stage::Published,
            Stage::Expired,
            Stage::Repealed,
            Stage::Withdrawn,
        ] {
            assert!(stages.contains(&stage), "no document {stage:?}: {stages:?}");
        }
        // Numbers run without gaps per prefix and year.
        let mut by_prefix: BTreeMap<(String, i32), Vec<u32>> = BTreeMap::new();
        for s in &sims {
            if let Some(n) = &s.doc.number {
                by_prefix
                    .entry((n.prefix.clone(), n.year))
                    .or_default()
                    .push(n.sequence);
            }
        }
        for (key, mut seqs) in by_prefix {
            seqs.sort_unstable();
            assert_eq!(seqs, (1..=seqs.len() as u32).collect::<Vec<_>>(), "{key:?}");
        }
        // Every event is dated no later than today, and in order.
        for s in &sims {
            assert!(s.events.iter().all(|(e, _)| e.on <= today));
        }
        assert!(sims.iter().any(|s| s.texts.len() == 2));
        assert!(
            sims.iter()
                .any(|s| s.doc.filing.as_ref().is_some_and(|f| f.late))
        );
    }
}

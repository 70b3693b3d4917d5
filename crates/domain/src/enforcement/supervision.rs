//! Supervision of enforcement: the case-file review (案卷评查) draw and score sheet, and the
//! random inspection (双随机) draw of targets and officers.
//!
//! Draws are deterministic functions of a seed: the lead records the seed in the ledger, and
//! anyone can rerun the draw and get the same sample. The generator is SplitMix64 (Steele, Lea
//! and Flood, 2014), written out here so that the sequence never changes with a dependency.

use std::collections::BTreeSet;

use calendar::NaiveDate;

use crate::enforcement::officer::CertifiedOfficer;
use crate::refusal::{FieldErrors, Refusal};

/// SplitMix64: a 64-bit state advanced by the golden-ratio increment and finalised by the
/// MurmurHash3-style mixer. Small, fast and fully specified, which is what a reproducible draw
/// needs (it is not for secrets).
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator started from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform integer in `0..n` (n > 0), without modulo bias: values from the incomplete last
    /// block are rejected and drawn again.
    pub fn below(&mut self, n: u64) -> u64 {
        assert!(n > 0, "below(0)");
        let zone = u64::MAX - (u64::MAX % n);
        loop {
            let x = self.next_u64();
            if x < zone {
                return x % n;
            }
        }
    }

    /// Picks `k` of `items` (all of them if fewer) by a partial Fisher–Yates shuffle, in draw
    /// order.
    pub fn choose<T: Clone>(&mut self, items: &[T], k: usize) -> Vec<T> {
        let mut pool: Vec<T> = items.to_vec();
        let k = k.min(pool.len());
        for i in 0..k {
            let j = i + self.below((pool.len() - i) as u64) as usize;
            pool.swap(i, j);
        }
        pool.truncate(k);
        pool
    }
}

/// A stream for one department, so that adding a department does not change the others' draws.
fn stream(seed: u64, department_id: i64) -> SplitMix64 {
    let mut mix = SplitMix64::new(department_id as u64);
    SplitMix64::new(seed ^ mix.next_u64())
}

/// Closed cases of one department, the population of a case-file review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentCases {
    /// Department store id.
    pub department_id: i64,
    /// Ids of closed cases.
    pub case_ids: Vec<i64>,
}

/// How many files to draw per department.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SampleSize {
    /// A fixed number (all files if fewer).
    Count(usize),
    /// A share in per mille, rounded up, at least one file when there are any (no floats).
    PerMille(u32),
}

/// The files drawn from one department.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSample {
    /// Department store id.
    pub department_id: i64,
    /// How many closed cases there were.
    pub population: usize,
    /// The drawn case ids, ascending.
    pub case_ids: Vec<i64>,
}

/// Draws the files for a case-file review. The result depends only on the seed and the sets of
/// ids (input order and duplicates do not matter); departments come out in ascending id order.
pub fn draw_case_files(
    seed: u64,
    departments: &[DepartmentCases],
    size: SampleSize,
) -> Vec<CaseSample> {
    let mut departments: Vec<&DepartmentCases> = departments.iter().collect();
    departments.sort_by_key(|d| d.department_id);
    departments.dedup_by_key(|d| d.department_id);
    departments
        .into_iter()
        .map(|dept| {
            let ids: Vec<i64> = dept
                .case_ids
                .iter()
                .copied()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let k = match size {
                SampleSize::Count(n) => n,
                SampleSize::PerMille(pm) => {
                    let n = (ids.len() as u64 * u64::from(pm)).div_ceil(1000) as usize;
                    if pm > 0 && !ids.is_empty() {
                        n.max(1)
                    } else {
                        n
                    }
                }
            };
            let mut drawn = stream(seed, dept.department_id).choose(&ids, k);
            drawn.sort_unstable();
            CaseSample {
                department_id: dept.department_id,
                population: ids.len(),
                case_ids: drawn,
            }
        })
        .collect()
}

/// One item of a case-file review score sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RubricItem {
    /// Stable code, e.g. `procedure`.
    pub code: String,
    /// Title, e.g. 「程序合法」.
    pub title: String,
    /// Highest score.
    pub max_points: u32,
}

/// A configured score sheet (评查标准). Items and points vary by province, so they are data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rubric {
    items: Vec<RubricItem>,
}

impl Rubric {
    /// Validates the items: at least one, codes unique and non-empty, each worth at least a point.
    pub fn new(items: Vec<RubricItem>) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        if items.is_empty() {
            errors.add("items", "评查标准至少应有一项");
        }
        let mut seen = BTreeSet::new();
        for item in &items {
            if item.code.trim().is_empty() || item.title.trim().is_empty() {
                errors.add("items", "评查项目的编码和名称不能为空");
            }
            if !seen.insert(item.code.trim().to_owned()) {
                errors.add(&item.code, "评查项目编码重复");
            }
            if item.max_points == 0 {
                errors.add(&item.code, "分值须大于零");
            }
        }
        errors.into_result()?;
        Ok(Rubric { items })
    }

    /// The items.
    pub fn items(&self) -> &[RubricItem] {
        &self.items
    }

    /// The highest total.
    pub fn max_total(&self) -> u32 {
        self.items.iter().map(|i| i.max_points).sum()
    }
}

/// A reviewer's score on one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemScore {
    /// Item code.
    pub code: String,
    /// Points given.
    pub points: u32,
    /// Why points were deducted (required when below the maximum).
    pub deduction_reason: String,
}

/// A validated score sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreCard {
    /// Scores, in rubric order.
    pub items: Vec<ItemScore>,
    /// Total.
    pub total: u32,
    /// Highest possible total.
    pub max_total: u32,
}

/// Validates scores against the rubric: every item scored once, within its maximum, and every
/// deduction explained (a case-file review is only useful if the department learns why).
pub fn score(rubric: &Rubric, scores: &[ItemScore]) -> Result<ScoreCard, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut items = Vec::new();
    for s in scores {
        if !rubric.items.iter().any(|i| i.code == s.code) {
            errors.add(&s.code, "评查标准中没有该项目");
        }
    }
    for item in &rubric.items {
        let given: Vec<&ItemScore> = scores.iter().filter(|s| s.code == item.code).collect();
        match given.as_slice() {
            [] => errors.add(&item.code, format!("「{}」未评分", item.title)),
            [s] => {
                if s.points > item.max_points {
                    errors.add(
                        &item.code,
                        format!("「{}」得分不得超过{}分", item.title, item.max_points),
                    );
                } else if s.points < item.max_points && s.deduction_reason.trim().is_empty() {
                    errors.add(&item.code, format!("「{}」扣分须写明理由", item.title));
                }
                items.push((*s).clone());
            }
            _ => errors.add(&item.code, format!("「{}」重复评分", item.title)),
        }
    }
    errors.into_result()?;
    let total = items.iter().map(|s| s.points).sum();
    Ok(ScoreCard {
        items,
        total,
        max_total: rubric.max_total(),
    })
}

/// The score sheet a new round starts from: the six headings of common provincial 案卷评查标准
/// (主体、程序、事实证据、法律适用、文书、案卷管理), 100 points. No national sheet exists
/// \[practice\]; the office edits items and points for each round, and the round records its own.
pub fn default_rubric() -> Rubric {
    let items = [
        ("subject", "执法主体与执法人员", 10),
        ("procedure", "执法程序", 30),
        ("evidence", "事实认定与证据", 20),
        ("law", "法律适用与裁量", 20),
        ("documents", "执法文书制作", 10),
        ("file", "案卷归档与管理", 10),
    ];
    Rubric {
        items: items
            .into_iter()
            .map(|(code, title, max_points)| RubricItem {
                code: code.to_owned(),
                title: title.to_owned(),
                max_points,
            })
            .collect(),
    }
}

/// An officer who must not inspect a target (回避: kin, former employer, earlier dealings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exclusion {
    /// Officer store id.
    pub officer_id: i64,
    /// Target store id.
    pub target_id: i64,
}

/// One drawn target and its officers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectionAssignment {
    /// Target store id.
    pub target_id: i64,
    /// Officer store ids, ascending.
    pub officer_ids: Vec<i64>,
}

/// What a random inspection draw needs.
#[derive(Debug, Clone)]
pub struct RandomInspectionInput<'a> {
    /// Seed recorded in the ledger.
    pub seed: u64,
    /// Ids of the targets in the register (检查对象名录库).
    pub targets: &'a [i64],
    /// How many targets to draw.
    pub n_targets: usize,
    /// The roster (执法检查人员名录库), certified on the draw day.
    pub officers: &'a [CertifiedOfficer],
    /// Officers per target, at least two.
    pub officers_per_target: usize,
    /// Conflicts of interest.
    pub exclusions: &'a [Exclusion],
}

/// The random inspection draw (双随机): targets from the register, then officers for each target
/// from the certified roster, skipping excluded pairs and spreading the work (an officer already
/// drawn fewer times is preferred; ties are broken by the draw).
pub fn draw_random_inspection(
    input: &RandomInspectionInput<'_>,
) -> Result<Vec<InspectionAssignment>, Refusal> {
    if input.officers_per_target < 2 {
        return Err(Refusal::new(
            "supervision.team_too_small",
            "每个检查对象应当随机匹配至少两名执法检查人员",
        ));
    }
    let targets: Vec<i64> = input
        .targets
        .iter()
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut roster: Vec<i64> = input.officers.iter().map(|o| o.id()).collect();
    roster.sort_unstable();
    roster.dedup();
    let mut rng = SplitMix64::new(input.seed);
    let drawn_targets = rng.choose(&targets, input.n_targets);
    let mut load: std::collections::BTreeMap<i64, usize> =
        roster.iter().map(|id| (*id, 0)).collect();
    let mut assignments = Vec::new();
    for target_id in drawn_targets {
        let eligible: Vec<i64> = roster
            .iter()
            .copied()
            .filter(|o| {
                !input
                    .exclusions
                    .iter()
                    .any(|e| e.officer_id == *o && e.target_id == target_id)
            })
            .collect();
        if eligible.len() < input.officers_per_target {
            return Err(Refusal::new(
                "supervision.not_enough_officers",
                format!(
                    "检查对象{target_id}在回避后仅有{}名可选执法人员，少于每组{}人",
                    eligible.len(),
                    input.officers_per_target
                ),
            ));
        }
        let mut shuffled = rng.choose(&eligible, eligible.len());
        shuffled.sort_by_key(|o| load[o]); // stable: keeps the random order among equals
        let mut chosen: Vec<i64> = shuffled
            .into_iter()
            .take(input.officers_per_target)
            .collect();
        for o in &chosen {
            *load.get_mut(o).expect("roster officer") += 1;
        }
        chosen.sort_unstable();
        assignments.push(InspectionAssignment {
            target_id,
            officer_ids: chosen,
        });
    }
    Ok(assignments)
}

// ------------------------------------------------------------------ letters, rectification,
// publication of random inspection results

/// Rule id of the reply period of a prompt or supervision letter (提示函、督办函). Not in
/// `deadline_rules`: no national rule fixes it.
pub const LETTER_REPLY_RULE_ID: &str = "supervision.letter_reply";

/// Default reply period of a letter, in working days. No national rule fixes it; 15 working
/// days is common in local 行政执法监督 rules \[practice\], so it is configuration with this
/// default (each government may set its own, and each letter records the period it was sent
/// with).
pub const DEFAULT_LETTER_REPLY_WORKING_DAYS: u32 = 15;

/// The longest reply period a government may configure, in working days (a sanity bound).
pub const MAX_LETTER_REPLY_WORKING_DAYS: u32 = 60;

/// Rule id of a rectification (整改) deadline set after a case-file review. Not in
/// `deadline_rules`: the legal-affairs office fixes the date in its rectification notice.
pub const RECTIFICATION_RULE_ID: &str = "supervision.rectification";

/// The due date a rectification form suggests, in working days after the notice \[practice\];
/// the office may set any later date.
pub const DEFAULT_RECTIFICATION_WORKING_DAYS: u32 = 20;

/// The kind of a letter to a department.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LetterKind {
    /// 提示函: draws attention to a risk or a lapse before it becomes a violation.
    Prompt,
    /// 督办函: requires the department to deal with a matter and report back.
    Supervision,
}

impl LetterKind {
    /// Every kind.
    pub const ALL: [LetterKind; 2] = [LetterKind::Prompt, LetterKind::Supervision];

    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            LetterKind::Prompt => "prompt",
            LetterKind::Supervision => "supervision",
        }
    }

    /// The kind whose code is `code`.
    pub fn parse(code: &str) -> Option<LetterKind> {
        LetterKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            LetterKind::Prompt => "提示函",
            LetterKind::Supervision => "督办函",
        }
    }

    /// The character of the letter's number, e.g. 「安司督〔2026〕3号」.
    pub fn number_mark(self) -> &'static str {
        match self {
            LetterKind::Prompt => "提",
            LetterKind::Supervision => "督",
        }
    }
}

fn in_future(on: NaiveDate, today: NaiveDate, what: &str) -> Result<(), Refusal> {
    if on > today {
        Err(Refusal::new(
            "supervision.date_in_future",
            format!("{what}{on}晚于今天"),
        ))
    } else {
        Ok(())
    }
}

/// Checks a reply period setting: between 1 and [`MAX_LETTER_REPLY_WORKING_DAYS`] working days.
pub fn check_reply_period(working_days: u32) -> Result<(), Refusal> {
    if working_days == 0 || working_days > MAX_LETTER_REPLY_WORKING_DAYS {
        return Err(Refusal::new(
            "supervision.reply_period_invalid",
            format!("答复期限应为1至{MAX_LETTER_REPLY_WORKING_DAYS}个工作日"),
        ));
    }
    Ok(())
}

/// The last day to reply to a letter sent on `sent_on` with a period of `working_days`.
pub fn letter_reply_due(
    sent_on: NaiveDate,
    working_days: u32,
    today: NaiveDate,
    calendar: &calendar::Calendar,
) -> Result<calendar::DueDate, Refusal> {
    check_reply_period(working_days)?;
    in_future(sent_on, today, "发函日期")?;
    calendar
        .due_date(sent_on, calendar::Period::working_days(working_days))
        .map_err(|e| Refusal::new("calendar.unavailable", format!("无法计算答复期限：{e}")))
}

/// Checks a department's reply to a letter: once only, not before the letter, not in the future.
/// Returns whether it is late (after `due_on`): a late reply is recorded as late, not refused,
/// because the duty to reply remains.
pub fn check_letter_reply(
    sent_on: NaiveDate,
    due_on: NaiveDate,
    already_replied: bool,
    replied_on: NaiveDate,
    today: NaiveDate,
) -> Result<bool, Refusal> {
    if already_replied {
        return Err(Refusal::new(
            "supervision.letter_already_replied",
            "该函件已答复，不能重复答复",
        ));
    }
    if replied_on < sent_on {
        return Err(Refusal::new(
            "supervision.reply_before_letter",
            format!("答复日期{replied_on}早于发函日期{sent_on}"),
        ));
    }
    in_future(replied_on, today, "答复日期")?;
    Ok(replied_on > due_on)
}

/// Checks a rectification notice: issued today or earlier, due after it is issued.
pub fn check_rectification(
    issued_on: NaiveDate,
    due_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), Refusal> {
    in_future(issued_on, today, "整改通知日期")?;
    if due_on <= issued_on {
        return Err(Refusal::new(
            "supervision.rectification_due_too_early",
            format!("整改期限{due_on}应晚于通知日期{issued_on}"),
        ));
    }
    Ok(())
}

/// Where a rectification stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RectificationStatus {
    /// 整改中: notice issued, nothing reported yet.
    Open,
    /// 已报告: the department reported what it did; the office has not accepted it yet.
    Reported,
    /// 已办结: the office accepted the rectification.
    Done,
}

impl RectificationStatus {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            RectificationStatus::Open => "open",
            RectificationStatus::Reported => "reported",
            RectificationStatus::Done => "done",
        }
    }

    /// The status whose code is `code`.
    pub fn parse(code: &str) -> Option<RectificationStatus> {
        [
            RectificationStatus::Open,
            RectificationStatus::Reported,
            RectificationStatus::Done,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    /// Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            RectificationStatus::Open => "整改中",
            RectificationStatus::Reported => "已报告整改情况",
            RectificationStatus::Done => "整改完成",
        }
    }
}

/// Checks the department's report on a rectification (it may report again until it is done).
pub fn check_rectification_report(
    status: RectificationStatus,
    issued_on: NaiveDate,
    reported_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), Refusal> {
    if status == RectificationStatus::Done {
        return Err(Refusal::new(
            "supervision.rectification_closed",
            "整改已办结，不能再报告",
        ));
    }
    if reported_on < issued_on {
        return Err(Refusal::new(
            "supervision.report_before_notice",
            format!("报告日期{reported_on}早于整改通知日期{issued_on}"),
        ));
    }
    in_future(reported_on, today, "报告日期")
}

/// Checks that the office may accept a rectification as done on `done_on`: the department has
/// reported what it did (整改情况), and the date is neither before the notice nor in the future.
pub fn check_rectification_done(
    status: RectificationStatus,
    issued_on: NaiveDate,
    done_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), Refusal> {
    match status {
        RectificationStatus::Done => Err(Refusal::new(
            "supervision.rectification_closed",
            "整改已办结",
        )),
        RectificationStatus::Open => Err(Refusal::new(
            "supervision.rectification_not_reported",
            "被评查单位尚未报告整改情况，不能验收办结",
        )),
        RectificationStatus::Reported => {
            if done_on < issued_on {
                return Err(Refusal::new(
                    "supervision.done_before_notice",
                    format!("办结日期{done_on}早于整改通知日期{issued_on}"),
                ));
            }
            in_future(done_on, today, "办结日期")
        }
    }
}

/// Whether an inspection's result may be published (双随机一公开: 抽查结果 are published; the
/// result must have been recorded first).
pub fn check_inspection_publication(
    inspection: &crate::enforcement::inspection::Inspection,
    already_published: bool,
) -> Result<(), Refusal> {
    use crate::enforcement::inspection::InspectionStage;
    if already_published {
        return Err(Refusal::new(
            "inspection.already_published",
            "该检查结果已公示",
        ));
    }
    if !matches!(
        inspection.stage,
        InspectionStage::ResultRecorded | InspectionStage::Closed
    ) {
        return Err(Refusal::new(
            "inspection.result_missing",
            "检查结果尚未记录，不能公示",
        ));
    }
    Ok(())
}

/// The Chinese conclusion of an inspection result, as the portal shows it (执法结论).
pub fn inspection_result_label(
    result: &crate::enforcement::inspection::InspectionResult,
) -> String {
    use crate::enforcement::inspection::InspectionResult;
    match result {
        InspectionResult::Compliant => "未发现问题".to_owned(),
        InspectionResult::OrderedToRectify { by } => format!("发现问题，已责令限期（{by}前）改正"),
        InspectionResult::CaseOrTransfer => "发现违法行为，已依法立案查处或移送".to_owned(),
    }
}

/// The name of an inspection target as published: an individual's name is masked (no personal
/// data of individuals on the portal), an organisation's is shown.
pub fn public_target_name(individual: bool, name: &str) -> String {
    if individual {
        crate::enforcement::redaction::mask_name(name)
    } else {
        name.trim().to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enforcement::officer::tests::{d, officer};

    #[test]
    fn splitmix64_reference_values() {
        // First outputs for seed 0 and seed 1234567 (the published reference sequence).
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        let mut rng = SplitMix64::new(1_234_567);
        assert_eq!(rng.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(rng.next_u64(), 3_203_168_211_198_807_973);
    }

    #[test]
    fn below_is_in_range_and_roughly_uniform() {
        let mut rng = SplitMix64::new(42);
        let mut counts = [0u32; 6];
        for _ in 0..6000 {
            counts[rng.below(6) as usize] += 1;
        }
        assert!(counts.iter().all(|c| (850..1150).contains(c)), "{counts:?}");
    }

    fn population() -> Vec<DepartmentCases> {
        vec![
            DepartmentCases {
                department_id: 2,
                case_ids: (100..140).collect(),
            },
            DepartmentCases {
                department_id: 1,
                case_ids: (1..=10).collect(),
            },
            DepartmentCases {
                department_id: 3,
                case_ids: vec![],
            },
        ]
    }

    #[test]
    fn case_file_draw_is_reproducible_from_the_seed() {
        let a = draw_case_files(20250307, &population(), SampleSize::Count(3));
        let b = draw_case_files(20250307, &population(), SampleSize::Count(3));
        assert_eq!(a, b);
        assert_eq!(
            a.iter().map(|s| s.department_id).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
        assert_eq!(a[0].case_ids.len(), 3);
        assert!(a[0].case_ids.iter().all(|id| (1..=10).contains(id)));
        assert!(a[2].case_ids.is_empty());
        // Input order does not matter; another seed gives another sample.
        let mut shuffled = population();
        shuffled.reverse();
        shuffled[1].case_ids.reverse();
        assert_eq!(
            draw_case_files(20250307, &shuffled, SampleSize::Count(3)),
            a
        );
        assert_ne!(
            draw_case_files(20250308, &population(), SampleSize::Count(3)),
            a
        );
        // Adding a department leaves the others' samples alone.
        let mut more = population();
        more.push(DepartmentCases {
            department_id: 4,
            case_ids: vec![7, 8],
        });
        assert_eq!(
            draw_case_files(20250307, &more, SampleSize::Count(3))[..3],
            a[..]
        );
    }

    #[test]
    fn case_file_draw_by_rate() {
        let s = draw_case_files(1, &population(), SampleSize::PerMille(50));
        // 5% of 10 rounds up to 1; 5% of 40 is 2; none of 0.
        assert_eq!(s[0].case_ids.len(), 1);
        assert_eq!(s[1].case_ids.len(), 2);
        assert_eq!(s[2].case_ids.len(), 0);
        let all = draw_case_files(1, &population(), SampleSize::PerMille(1000));
        assert_eq!(all[1].case_ids, (100..140).collect::<Vec<_>>());
    }

    fn rubric() -> Rubric {
        Rubric::new(vec![
            RubricItem {
                code: "subject".into(),
                title: "执法主体".into(),
                max_points: 10,
            },
            RubricItem {
                code: "procedure".into(),
                title: "执法程序".into(),
                max_points: 30,
            },
        ])
        .unwrap()
    }

    fn s(code: &str, points: u32, reason: &str) -> ItemScore {
        ItemScore {
            code: code.into(),
            points,
            deduction_reason: reason.into(),
        }
    }

    #[test]
    fn default_rubric_is_valid_and_worth_100() {
        let r = default_rubric();
        assert_eq!(Rubric::new(r.items().to_vec()).unwrap(), r);
        assert_eq!(r.max_total(), 100);
    }

    #[test]
    fn rubric_and_score_validation() {
        assert!(Rubric::new(vec![]).is_err());
        let dup = Rubric::new(vec![
            RubricItem {
                code: "a".into(),
                title: "甲".into(),
                max_points: 1,
            },
            RubricItem {
                code: "a".into(),
                title: "乙".into(),
                max_points: 0,
            },
        ])
        .unwrap_err();
        assert_eq!(dup.0["a"].len(), 2);
        let card = score(
            &rubric(),
            &[s("subject", 10, ""), s("procedure", 25, "未在七日内送达")],
        )
        .unwrap();
        assert_eq!((card.total, card.max_total), (35, 40));
        let errors = score(
            &rubric(),
            &[s("subject", 11, ""), s("procedure", 20, ""), s("x", 1, "")],
        )
        .unwrap_err();
        assert!(errors.0["subject"][0].contains("不得超过10分"));
        assert!(errors.0["procedure"][0].contains("扣分须写明理由"));
        assert!(errors.0.contains_key("x"));
        let errors = score(&rubric(), &[s("subject", 10, "")]).unwrap_err();
        assert!(errors.0["procedure"][0].contains("未评分"));
    }

    fn roster() -> Vec<CertifiedOfficer> {
        (1..=6)
            .map(|id| {
                CertifiedOfficer::certify(&officer(id, &format!("执法员{id}")), d(2025, 3, 7))
                    .unwrap()
            })
            .collect()
    }

    #[test]
    fn random_inspection_draw_is_reproducible_and_respects_exclusions() {
        let targets: Vec<i64> = (1000..1050).collect();
        let officers = roster();
        // Officer 1 is excluded from every target, officer 2 from target 1000.
        let mut exclusions: Vec<Exclusion> = targets
            .iter()
            .map(|t| Exclusion {
                officer_id: 1,
                target_id: *t,
            })
            .collect();
        exclusions.push(Exclusion {
            officer_id: 2,
            target_id: 1000,
        });
        let input = RandomInspectionInput {
            seed: 99,
            targets: &targets,
            n_targets: 10,
            officers: &officers,
            officers_per_target: 2,
            exclusions: &exclusions,
        };
        let a = draw_random_inspection(&input).unwrap();
        assert_eq!(a, draw_random_inspection(&input).unwrap());
        assert_eq!(a.len(), 10);
        let distinct: BTreeSet<i64> = a.iter().map(|x| x.target_id).collect();
        assert_eq!(distinct.len(), 10);
        for x in &a {
            assert_eq!(x.officer_ids.len(), 2);
            assert!(!x.officer_ids.contains(&1));
            assert!(!(x.target_id == 1000 && x.officer_ids.contains(&2)));
        }
        // 20 slots over 5 eligible officers: 4 each.
        for o in 2..=6 {
            assert_eq!(
                a.iter().filter(|x| x.officer_ids.contains(&o)).count(),
                4,
                "officer {o}"
            );
        }
        let other = RandomInspectionInput {
            seed: 100,
            ..input.clone()
        };
        assert_ne!(draw_random_inspection(&other).unwrap(), a);
    }

    #[test]
    fn random_inspection_refuses_when_exclusions_leave_too_few() {
        let officers: Vec<CertifiedOfficer> = roster().into_iter().take(2).collect();
        let exclusions = [Exclusion {
            officer_id: 2,
            target_id: 7,
        }];
        let input = RandomInspectionInput {
            seed: 1,
            targets: &[7],
            n_targets: 1,
            officers: &officers,
            officers_per_target: 2,
            exclusions: &exclusions,
        };
        assert_eq!(
            draw_random_inspection(&input).unwrap_err().code,
            "supervision.not_enough_officers"
        );
        let single = RandomInspectionInput {
            officers_per_target: 1,
            exclusions: &[],
            ..input
        };
        assert_eq!(
            draw_random_inspection(&single).unwrap_err().code,
            "supervision.team_too_small"
        );
    }

    #[test]
    fn letter_reply_due_counts_working_days_and_late_replies_are_recorded() {
        let cal = calendar::Calendar::official();
        // 15 working days from Monday 2026-03-02: 2026-03-23.
        let due = letter_reply_due(d(2026, 3, 2), 15, d(2026, 3, 2), cal).unwrap();
        assert_eq!(due.due, d(2026, 3, 23));
        assert_eq!(
            letter_reply_due(d(2026, 3, 2), 0, d(2026, 3, 2), cal)
                .unwrap_err()
                .code,
            "supervision.reply_period_invalid"
        );
        assert!(
            !check_letter_reply(d(2026, 3, 2), due.due, false, d(2026, 3, 20), d(2026, 4, 1))
                .unwrap()
        );
        assert!(
            check_letter_reply(d(2026, 3, 2), due.due, false, d(2026, 3, 24), d(2026, 4, 1))
                .unwrap()
        );
        assert_eq!(
            check_letter_reply(d(2026, 3, 2), due.due, true, d(2026, 3, 20), d(2026, 4, 1))
                .unwrap_err()
                .code,
            "supervision.letter_already_replied"
        );
        assert_eq!(
            check_letter_reply(d(2026, 3, 2), due.due, false, d(2026, 3, 1), d(2026, 4, 1))
                .unwrap_err()
                .code,
            "supervision.reply_before_letter"
        );
    }

    #[test]
    fn rectification_is_reported_before_it_is_accepted_as_done() {
        use RectificationStatus::*;
        assert!(check_rectification(d(2026, 3, 2), d(2026, 3, 30), d(2026, 3, 2)).is_ok());
        assert_eq!(
            check_rectification(d(2026, 3, 2), d(2026, 3, 2), d(2026, 3, 2))
                .unwrap_err()
                .code,
            "supervision.rectification_due_too_early"
        );
        assert_eq!(
            check_rectification_done(Open, d(2026, 3, 2), d(2026, 3, 9), d(2026, 3, 9))
                .unwrap_err()
                .code,
            "supervision.rectification_not_reported"
        );
        assert!(
            check_rectification_report(Open, d(2026, 3, 2), d(2026, 3, 6), d(2026, 3, 9)).is_ok()
        );
        assert!(
            check_rectification_done(Reported, d(2026, 3, 2), d(2026, 3, 9), d(2026, 3, 9)).is_ok()
        );
        assert_eq!(
            check_rectification_report(Done, d(2026, 3, 2), d(2026, 3, 9), d(2026, 3, 9))
                .unwrap_err()
                .code,
            "supervision.rectification_closed"
        );
        assert_eq!(RectificationStatus::parse("reported"), Some(Reported));
        assert_eq!(
            LetterKind::parse("supervision"),
            Some(LetterKind::Supervision)
        );
    }

    #[test]
    fn published_inspection_results_mask_individuals() {
        use crate::enforcement::inspection::{Inspection, InspectionResult};
        assert_eq!(public_target_name(false, "安吉某某超市"), "安吉某某超市");
        assert_ne!(public_target_name(true, "张小三"), "张小三");
        let planned = Inspection::plan(1, 2, d(2026, 3, 2), Some(7));
        assert_eq!(
            check_inspection_publication(&planned, false)
                .unwrap_err()
                .code,
            "inspection.result_missing"
        );
        assert!(inspection_result_label(&InspectionResult::Compliant).contains("未发现问题"));
    }
}

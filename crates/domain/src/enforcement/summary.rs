//! The summary procedure (简易程序): on-the-spot decisions of 行政处罚法 第五十一条、第五十二条.
//!
//! Only a warning, or a fine up to 200 元 for a person and 3,000 元 for an organisation, may be
//! decided on the spot; the officer shows the certificate, fills a numbered pre-printed form,
//! hands it over (a refusal to sign is noted) and files it with the department. The notice and
//! defence rules of 第四十四条、第四十五条 sit in the general provisions and bind this procedure
//! too (STATUTES.md §2.3).

use calendar::{Calendar, NaiveDate, NaiveDateTime, Period};

use crate::deadline_rules;
use crate::enforcement::officer::CertifiedOfficer;
use crate::enforcement::penalty::DueItem;
use crate::enforcement::{PartyKind, penalty_law, yuan};
use crate::refusal::Refusal;

/// The 第五十一条 ceilings, in fen. "法律另有规定的，从其规定": a sector law may set others, so
/// they are configuration with the statute's figures as [`SummaryLimits::STATUTE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SummaryLimits {
    /// Highest fine on a person (200 元).
    pub individual_fen: i64,
    /// Highest fine on an organisation (3,000 元).
    pub organisation_fen: i64,
}

impl SummaryLimits {
    /// 行政处罚法 第五十一条.
    pub const STATUTE: SummaryLimits = SummaryLimits {
        individual_fen: 20_000,
        organisation_fen: 300_000,
    };
}

/// What may be imposed on the spot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummarySanction {
    /// 警告.
    Warning,
    /// 罚款, in fen.
    Fine {
        /// Amount.
        fen: i64,
    },
}

/// How the fine is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collection {
    /// At the bank or electronically (第六十七条).
    Bank,
    /// Collected by the officer on the spot (第六十八条、第六十九条).
    OnTheSpot(SpotCollectionGround),
}

/// Why the officer may collect on the spot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpotCollectionGround {
    /// 第六十八条第一项: a fine of up to 100 元.
    SmallFine,
    /// 第六十八条第二项: hard to enforce later if not collected.
    HardToEnforce,
    /// 第六十九条: remote, water or traffic-poor area, at the party's request.
    RemoteArea,
}

/// Whether the party signed the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Receipt {
    /// Signed.
    Signed,
    /// Refused: the officer notes it on the form (第五十二条第一款).
    RefusedNoted,
}

/// The numbering scheme of the department's pre-printed forms: a fixed prefix and a number of
/// digits, e.g. prefix `京市监简` and 8 digits → `京市监简00001234`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormNumbering {
    /// Fixed prefix.
    pub prefix: String,
    /// Number of digits after the prefix.
    pub digits: usize,
}

impl FormNumbering {
    /// Whether `number` is a number of this scheme.
    pub fn accepts(&self, number: &str) -> bool {
        number
            .strip_prefix(self.prefix.as_str())
            .is_some_and(|rest| {
                rest.len() == self.digits && rest.bytes().all(|b| b.is_ascii_digit())
            })
    }
}

/// The facts of an on-the-spot decision, as the officer enters them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryInput {
    /// Form number.
    pub number: String,
    /// The party's kind.
    pub party_kind: PartyKind,
    /// The party's name.
    pub party_name: String,
    /// The violation.
    pub facts: String,
    /// Legal basis.
    pub basis: String,
    /// Place.
    pub place: String,
    /// When.
    pub decided_at: NaiveDateTime,
    /// Sanction.
    pub sanction: SummarySanction,
    /// Payment.
    pub collection: Collection,
    /// The officers who acted (certified on the day).
    pub officers: Vec<CertifiedOfficer>,
    /// The law allowing a single officer, if only one acted (第四十二条 "法律另有规定的除外").
    pub single_officer_basis: Option<String>,
    /// The party was told the facts, reasons, basis and rights and heard (第四十四条、第四十五条).
    pub rights_told_and_heard: bool,
    /// Receipt.
    pub receipt: Receipt,
}

/// A validated on-the-spot decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnTheSpotDecision {
    /// The validated input.
    pub input: SummaryInput,
    /// Due dates: filing with the department, and cash hand-over when collected on the spot.
    pub due: Vec<DueItem>,
}

/// Default period to file an on-the-spot decision with the department.
///
/// 第五十二条第三款 says only 「报所属行政机关备案」 and `deadline_rules` has no rule for it;
/// 公安机关办理行政案件程序规定 sets 24 hours for police \[memory\], others set days. Configurable.
pub const FILING_PERIOD: Period = Period::hours(24);

/// Rule id of the filing deadline (not in `deadline_rules`).
pub const FILING_RULE_ID: &str = "summary.filing";

/// Validates an on-the-spot decision (第五十一条、第五十二条).
pub fn decide_on_the_spot(
    input: SummaryInput,
    numbering: &FormNumbering,
    limits: &SummaryLimits,
    filing_period: Period,
    calendar: &Calendar,
) -> Result<OnTheSpotDecision, Refusal> {
    let day = input.decided_at.date();
    // 第五十一条: the ceiling depends on who the party is.
    if let SummarySanction::Fine { fen } = input.sanction {
        let limit = match input.party_kind {
            PartyKind::Individual => limits.individual_fen,
            PartyKind::Organisation => limits.organisation_fen,
        };
        if fen <= 0 {
            return Err(Refusal::new("summary.fine_invalid", "罚款数额须大于零"));
        }
        if fen > limit {
            return Err(Refusal::by_law(
                "summary.not_eligible",
                format!(
                    "对{}处以{}罚款超出当场处罚限额{}，应当适用普通程序（《中华人民共和国行政处罚法》第五十一条）",
                    input.party_kind.label(),
                    yuan(fen),
                    yuan(limit)
                ),
                penalty_law("第五十一条"),
            ));
        }
    }
    // 第五十二条第一款: a numbered, pre-printed form.
    if !numbering.accepts(input.number.trim()) {
        return Err(Refusal::by_law(
            "summary.number_invalid",
            format!(
                "当场处罚决定书编号「{}」不符合本机关预定格式（{}加{}位数字）（《中华人民共和国行政处罚法》第五十二条）",
                input.number, numbering.prefix, numbering.digits
            ),
            penalty_law("第五十二条第一款"),
        ));
    }
    // 第五十二条第二款: what the form must state.
    for (value, what) in [
        (&input.party_name, "当事人"),
        (&input.facts, "违法行为"),
        (&input.basis, "处罚依据"),
        (&input.place, "地点"),
    ] {
        if value.trim().is_empty() {
            return Err(Refusal::by_law(
                "summary.form_incomplete",
                format!(
                    "当场处罚决定书应当载明{what}（《中华人民共和国行政处罚法》第五十二条第二款）"
                ),
                penalty_law("第五十二条第二款"),
            ));
        }
    }
    // 第四十二条、第五十二条: certified officers who show their certificates, on that day.
    if input.officers.is_empty() || input.officers.iter().any(|o| o.certified_on() != day) {
        return Err(Refusal::by_law(
            "officer.certificate_check_stale",
            "当场处罚的执法人员须持当日有效的执法证件（《中华人民共和国行政处罚法》第四十二条、第五十二条）",
            penalty_law("第四十二条"),
        ));
    }
    let distinct = {
        let mut ids: Vec<i64> = input.officers.iter().map(|o| o.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    };
    if distinct < 2
        && input
            .single_officer_basis
            .as_deref()
            .is_none_or(|b| b.trim().is_empty())
    {
        return Err(Refusal::by_law(
            "officer.fewer_than_two",
            "执法人员不得少于两人；法律另有规定可由一人执法的，须注明依据（《中华人民共和国行政处罚法》第四十二条）",
            penalty_law("第四十二条"),
        ));
    }
    if !input.rights_told_and_heard {
        return Err(Refusal::by_law(
            "summary.rights_not_told",
            "当场作出处罚决定前，应当告知当事人拟作出的处罚内容及事实、理由、依据，并听取陈述、申辩（《中华人民共和国行政处罚法》第四十四条、第四十五条）",
            penalty_law("第四十四条"),
        ));
    }
    // 第六十八条: on-the-spot collection only in the cases listed.
    if let Collection::OnTheSpot(ground) = input.collection {
        let fen = match input.sanction {
            SummarySanction::Fine { fen } => fen,
            SummarySanction::Warning => 0,
        };
        if fen == 0 {
            return Err(Refusal::new(
                "summary.nothing_to_collect",
                "警告无需收缴罚款",
            ));
        }
        if ground == SpotCollectionGround::SmallFine && fen > 10_000 {
            return Err(Refusal::by_law(
                "summary.spot_collection_not_allowed",
                format!(
                    "{}超过一百元，不得以此为由当场收缴罚款（《中华人民共和国行政处罚法》第六十八条）",
                    yuan(fen)
                ),
                penalty_law("第六十八条"),
            ));
        }
    }
    let mut due = Vec::new();
    let filing = if filing_period.unit() == calendar::Unit::Hour {
        calendar
            .due_at(input.decided_at, filing_period)
            .map(|t| (t.due.date(), false))
    } else {
        calendar
            .due_date(day, filing_period)
            .map(|d| (d.due, d.provisional))
    }
    .map_err(|e| Refusal::new("calendar.unavailable", format!("无法计算期限：{e}")))?;
    due.push(DueItem {
        rule_id: FILING_RULE_ID,
        subject: "当场处罚决定报所属行政机关备案（第五十二条第三款）",
        due: filing.0,
        provisional: filing.1,
    });
    if matches!(input.collection, Collection::OnTheSpot(_)) {
        let rule = deadline_rules::rule("penalty.cash_to_agency")
            .ok_or_else(|| Refusal::new("calendar.rule_missing", "期限规则缺失"))?;
        let d = rule
            .due(calendar, day)
            .map_err(|e| Refusal::new("calendar.unavailable", format!("无法计算期限：{e}")))?;
        due.push(DueItem {
            rule_id: "penalty.cash_to_agency",
            subject: "当场收缴的罚款交至行政机关（第七十一条）",
            due: d.due,
            provisional: d.provisional,
        });
    }
    Ok(OnTheSpotDecision { input, due })
}

/// Whether the filing on `filed_on` met the due date of the decision's filing item.
pub fn filed_on_time(decision: &OnTheSpotDecision, filed_on: NaiveDate) -> bool {
    decision
        .due
        .iter()
        .find(|d| d.rule_id == FILING_RULE_ID)
        .is_none_or(|d| filed_on <= d.due)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enforcement::officer::tests::{d, officer};

    fn at(y: i32, m: u32, day: u32, h: u32) -> NaiveDateTime {
        d(y, m, day).and_hms_opt(h, 0, 0).unwrap()
    }

    fn numbering() -> FormNumbering {
        FormNumbering {
            prefix: "简".into(),
            digits: 6,
        }
    }

    fn input(kind: PartyKind, sanction: SummarySanction) -> SummaryInput {
        let day = d(2025, 3, 7);
        SummaryInput {
            number: "简000123".into(),
            party_kind: kind,
            party_name: "张三".into(),
            facts: "占道经营".into(),
            basis: "《城市市容和环境卫生管理条例》第三十六条".into(),
            place: "人民路".into(),
            decided_at: at(2025, 3, 7, 10),
            sanction,
            collection: Collection::Bank,
            officers: vec![
                CertifiedOfficer::certify(&officer(1, "李明"), day).unwrap(),
                CertifiedOfficer::certify(&officer(2, "王芳"), day).unwrap(),
            ],
            single_officer_basis: None,
            rights_told_and_heard: true,
            receipt: Receipt::RefusedNoted,
        }
    }

    fn decide(i: SummaryInput) -> Result<OnTheSpotDecision, Refusal> {
        decide_on_the_spot(
            i,
            &numbering(),
            &SummaryLimits::STATUTE,
            FILING_PERIOD,
            Calendar::official(),
        )
    }

    #[test]
    fn summary_limits_200_and_3000_yuan_art_51() {
        let cases = [
            (PartyKind::Individual, SummarySanction::Warning, true),
            (
                PartyKind::Individual,
                SummarySanction::Fine { fen: 20_000 },
                true,
            ),
            (
                PartyKind::Individual,
                SummarySanction::Fine { fen: 20_001 },
                false,
            ),
            (
                PartyKind::Organisation,
                SummarySanction::Fine { fen: 300_000 },
                true,
            ),
            (
                PartyKind::Organisation,
                SummarySanction::Fine { fen: 300_100 },
                false,
            ),
        ];
        for (kind, sanction, ok) in cases {
            let res = decide(input(kind, sanction));
            assert_eq!(res.is_ok(), ok, "{kind:?} {sanction:?}");
            if let Err(r) = res {
                assert_eq!(r.code, "summary.not_eligible");
                assert!(r.message.contains("第五十一条"));
            }
        }
    }

    #[test]
    fn numbered_complete_form_art_52() {
        for number in ["简00012", "简0001234", "繁000123", "简00012a", ""] {
            let mut i = input(PartyKind::Individual, SummarySanction::Warning);
            i.number = number.into();
            assert_eq!(
                decide(i).unwrap_err().code,
                "summary.number_invalid",
                "{number}"
            );
        }
        let mut i = input(PartyKind::Individual, SummarySanction::Warning);
        i.place = " ".into();
        let r = decide(i).unwrap_err();
        assert_eq!(r.code, "summary.form_incomplete");
        assert!(r.message.contains("地点"));
    }

    #[test]
    fn summary_officers_certified_and_two_unless_law_allows_one_art_42() {
        let mut i = input(PartyKind::Individual, SummarySanction::Warning);
        i.officers.truncate(1);
        assert_eq!(
            decide(i.clone()).unwrap_err().code,
            "officer.fewer_than_two"
        );
        i.single_officer_basis = Some("《道路交通安全法》第一百零七条".into());
        assert!(decide(i).is_ok());
        let mut i = input(PartyKind::Individual, SummarySanction::Warning);
        i.officers = vec![CertifiedOfficer::certify(&officer(1, "李明"), d(2025, 3, 6)).unwrap()];
        assert_eq!(
            decide(i).unwrap_err().code,
            "officer.certificate_check_stale"
        );
    }

    #[test]
    fn summary_still_needs_notice_and_defence_art_44() {
        let mut i = input(PartyKind::Individual, SummarySanction::Warning);
        i.rights_told_and_heard = false;
        assert_eq!(decide(i).unwrap_err().code, "summary.rights_not_told");
    }

    #[test]
    fn spot_collection_only_up_to_100_yuan_art_68() {
        let mut i = input(PartyKind::Individual, SummarySanction::Fine { fen: 15_000 });
        i.collection = Collection::OnTheSpot(SpotCollectionGround::SmallFine);
        assert_eq!(
            decide(i.clone()).unwrap_err().code,
            "summary.spot_collection_not_allowed"
        );
        i.collection = Collection::OnTheSpot(SpotCollectionGround::HardToEnforce);
        let decision = decide(i).unwrap();
        // Fri 2025-03-07: two working days later is Tue 03-11.
        let cash = decision
            .due
            .iter()
            .find(|d| d.rule_id == "penalty.cash_to_agency")
            .unwrap();
        assert_eq!(cash.due, d(2025, 3, 11));
    }

    #[test]
    fn filed_with_department_within_deadline_art_52() {
        let decision = decide(input(PartyKind::Individual, SummarySanction::Warning)).unwrap();
        assert_eq!(decision.due[0].rule_id, FILING_RULE_ID);
        assert_eq!(decision.due[0].due, d(2025, 3, 8));
        assert!(filed_on_time(&decision, d(2025, 3, 8)));
        assert!(!filed_on_time(&decision, d(2025, 3, 9)));
        let working = decide_on_the_spot(
            input(PartyKind::Individual, SummarySanction::Warning),
            &numbering(),
            &SummaryLimits::STATUTE,
            Period::working_days(5),
            Calendar::official(),
        )
        .unwrap();
        assert_eq!(working.due[0].due, d(2025, 3, 14));
    }
}

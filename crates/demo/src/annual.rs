//! The demo county's annual report (法治政府建设年度报告) for its demo year: drafted from
//! whatever records the demo holds (the data paragraphs come from the indicators), with the
//! narrative a legal-affairs office would write in place of the prompts, saved as two ledgered
//! versions and left as a draft for a leader to approve and publish. Idempotent: a year that
//! already has a report is left alone.

use calendar::{Calendar, Datelike};
use report::annual::{AnnualReport, Paragraph, ParagraphKind, SectionItem};
use store::{Actor, Store, StoreError};

/// The demo year: the last year that has ended, unless the demo's penalty decisions all fall in
/// the current year (then the current year, so that the report has figures to quote).
pub async fn demo_year(store: &Store, government_id: i64, now_ms: i64) -> Result<i32, StoreError> {
    let last = crate::china_date(now_ms).year() - 1;
    let decisions = |figures: &domain::indicators::Figures| {
        figures
            .get("enforcement.penalty_decisions")
            .map(|f| f.numerator)
            .unwrap_or(0)
    };
    let a = store.indicator_figures(&[government_id], 0, last).await?;
    let b = store
        .indicator_figures(&[government_id], 0, last + 1)
        .await?;
    Ok(if decisions(&a) == 0 && decisions(&b) > 0 {
        last + 1
    } else {
        last
    })
}

/// What the office writes in place of each prompt, in the register of real reports and without
/// figures (every figure of the report comes from the indicators).
fn narrative(report: &mut AnnualReport) {
    let year = report.year;
    let government = report.government.clone();
    let write = |paragraphs: &mut Vec<Paragraph>, texts: &[String]| {
        let at = paragraphs
            .iter()
            .position(|p| p.kind == ParagraphKind::Prompt)
            .unwrap_or(paragraphs.len());
        paragraphs.retain(|p| p.kind != ParagraphKind::Prompt);
        for (i, t) in texts.iter().enumerate() {
            paragraphs.insert(
                (at + i).min(paragraphs.len()),
                Paragraph::narrative(t.clone()),
            );
        }
    };
    write(
        &mut report.opening,
        &[format!(
            "{year}年，{government}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，\
             全面落实《法治政府建设实施纲要（2021—2025年）》，紧紧围绕县委、县政府中心工作，扎实推进依法行政，\
             法治政府建设各项工作取得积极成效。现将有关情况报告如下。"
        )],
    );
    write(
        &mut report
            .section_mut(SectionItem::MeasuresAndResults)
            .paragraphs,
        &[
            "此外，县政府持续深化“放管服”改革，健全重大行政决策程序，常态化开展法治宣传教育，\
           推动领导干部带头尊法学法守法用法，法治政府建设的群众满意度进一步提升。"
                .to_owned(),
        ],
    );
    write(
        &mut report
            .section_mut(SectionItem::ShortcomingsAndCauses)
            .paragraphs,
        &[
            "一是行政执法规范化水平仍需提升，个别执法人员程序意识不强，案卷制作不够规范。\
             二是法治队伍建设存在短板，基层法制审核力量相对薄弱。\
             三是法治宣传教育的针对性和实效性有待增强。"
                .to_owned(),
            "主要原因是部分单位对法治政府建设重要性认识不足，统筹推进力度不够，工作机制有待完善。"
                .to_owned(),
        ],
    );
    write(
        &mut report.section_mut(SectionItem::FirstResponsibility).paragraphs,
        &["县政府主要负责人切实履行推进法治建设第一责任人职责，多次主持召开县政府常务会议研究法治政府建设工作，\
           带头开展集体学法，对重大行政决策事项严格落实合法性审查，及时听取法治政府建设工作汇报，\
           推动解决重点难点问题。"
            .to_owned()],
    );
    write(
        &mut report.section_mut(SectionItem::NextYearPlan).paragraphs,
        &[format!(
            "{}年，县政府将继续深入学习贯彻习近平法治思想，重点抓好以下工作：一是全面落实行政执法“三项制度”，\
             深化行政执法体制改革；二是加强行政执法人员培训和执法证件管理；三是提升行政规范性文件合法性审核质量；\
             四是强化行政执法监督，推动严格规范公正文明执法。",
            year + 1
        )],
    );
    write(
        &mut report.section_mut(SectionItem::Other).paragraphs,
        &["无。".to_owned()],
    );
}

/// Seeds the draft of the demo year, unless that year has a report.
pub async fn seed_annual_report(
    store: &Store,
    government_id: i64,
    now_ms: i64,
) -> Result<(), StoreError> {
    store
        .catch_up_indicators(government_id, Calendar::official(), now_ms)
        .await?;
    let year = demo_year(store, government_id, now_ms).await?;
    if store
        .annual_report_of_year(government_id, year)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let government = store.government(government_id).await?;
    let figures = store.indicator_figures(&[government_id], 0, year).await?;
    let draft = report::annual::draft(year, &government.name, &figures);
    let mut written = draft.clone();
    narrative(&mut written);
    let office = Actor {
        user_id: None,
        name: "李明华".to_owned(),
    };
    let mut tx = store.begin_write(government_id, &office, now_ms).await?;
    let due = draft.due_on.map(|d| d.to_string());
    let r = tx
        .create_annual_report(
            year,
            due.as_deref(),
            &report::annual::json::to_json_string(&draft),
            "依据指标自动起草",
        )
        .await?;
    tx.save_annual_report_version(
        r.id,
        1,
        &report::annual::json::to_json_string(&written),
        "撰写开头语、存在的不足、第一责任人履职、下一年度安排等内容",
    )
    .await?;
    tx.commit().await
}

#[cfg(test)]
mod tests {
    use domain::indicators::Figures;

    use super::*;

    #[test]
    fn the_written_report_is_ready_for_approval() {
        let mut r = report::annual::draft(2025, "安吉县人民政府", &Figures::new(2025));
        assert!(r.approval_check().is_err());
        narrative(&mut r);
        assert_eq!(r.prompts_left(), 0);
        if let Err(problems) = r.approval_check() {
            panic!(
                "{:?}",
                problems.iter().map(ToString::to_string).collect::<Vec<_>>()
            );
        }
    }
}

//! The index end to end: Chinese queries, ranking, filters, tenancy, writes, rebuild, reopen.

use search::{DocumentIndex, Hits, IndexedDocument, Query, Scope, SearchError};

const GOV: i64 = 330_523;
const OTHER_GOV: i64 = 330_100;
const CITY: i64 = 1;
const MARKET: i64 = 2;

fn doc(
    id: i64,
    number: Option<&str>,
    title: &str,
    issuer_id: i64,
    year: i32,
    status: &str,
    body: &str,
) -> IndexedDocument {
    IndexedDocument {
        government_id: GOV,
        id,
        title: title.into(),
        document_number: number.map(str::to_owned),
        issuer_id,
        issuer_name: if issuer_id == CITY {
            "青山县人民政府".into()
        } else {
            "青山县市场监督管理局".into()
        },
        year,
        status: status.into(),
        body: body.into(),
        published: status != "draft",
    }
}

fn corpus() -> Vec<IndexedDocument> {
    let mut other = doc(
        1,
        Some("杭政规〔2025〕1号"),
        "杭州市食品安全管理办法",
        CITY,
        2025,
        "in_force",
        "第一条 为了保障食品安全，根据《中华人民共和国食品安全法》，制定本办法。",
    );
    other.government_id = OTHER_GOV;
    vec![
        doc(
            1,
            Some("青政规〔2025〕3号"),
            "青山县食品安全监督管理办法",
            CITY,
            2025,
            "in_force",
            "第一条 为了加强食品安全监督管理，保障公众身体健康和生命安全，根据《中华人民共和国食品安全法》等法律、法规，结合本县实际，制定本办法。第二条 本县行政区域内食品生产经营活动的监督管理，适用本办法。",
        ),
        doc(
            2,
            Some("青政规〔2024〕7号"),
            "青山县关于加快建设法治政府的实施意见",
            CITY,
            2024,
            "in_force",
            "为深入推进依法行政，加快建设法治政府，根据中央和省的部署，结合本县实际，提出如下意见。一、健全依法决策机制。",
        ),
        doc(
            3,
            Some("青市监规〔2023〕1号"),
            "青山县市场监督管理局行政处罚裁量基准",
            MARKET,
            2023,
            "expired",
            "第一条 为了规范市场监督管理行政处罚裁量权的行使，根据《中华人民共和国行政处罚法》，制定本基准。第二条 对当事人的违法行为依法不予行政处罚的，应当说明理由。",
        ),
        doc(
            4,
            None,
            "青山县餐饮服务食品安全管理规定（征求意见稿）",
            MARKET,
            2025,
            "draft",
            "第一条 为了规范餐饮服务食品安全管理，制定本规定。",
        ),
        doc(
            5,
            Some("青政规〔2019〕2号"),
            "青山县行政复议工作规则",
            CITY,
            2019,
            "repealed",
            "第一条 为了规范行政复议工作，根据《中华人民共和国行政复议法》及其实施条例，制定本规则。",
        ),
        doc(
            6,
            Some("青政规〔2025〕4号"),
            "青山县农贸市场管理办法",
            CITY,
            2025,
            "in_force",
            "第一条 为了规范农贸市场经营秩序，保障食品安全和消费者合法权益，制定本办法。第五条 市场开办者应当建立食品安全管理制度。",
        ),
        other,
    ]
}

fn indexed() -> DocumentIndex {
    let index = DocumentIndex::in_memory().unwrap();
    for d in corpus() {
        index.upsert(&d).unwrap();
    }
    index.commit().unwrap();
    index
}

fn staff(text: &str) -> Query {
    Query::new(GOV, Scope::Staff, text)
}

fn ids(hits: &Hits) -> Vec<i64> {
    hits.hits.iter().map(|h| h.id).collect()
}

#[test]
fn food_safety_finds_titles_before_bodies() {
    let index = indexed();
    let hits = index.search(&staff("食品安全")).unwrap();
    // 1 and 4 have it in the title, 6 only in the body; 4 is a draft (staff sees it).
    assert_eq!(hits.total, 3, "{:?}", ids(&hits));
    assert_eq!(
        ids(&hits)[2],
        6,
        "body-only match must rank last: {:?}",
        ids(&hits)
    );
    assert!(ids(&hits)[..2].contains(&1) && ids(&hits)[..2].contains(&4));
    // The other government's 杭州市食品安全管理办法 is never returned.
    assert!(hits.hits.iter().all(|h| h.government_id == GOV));
}

#[test]
fn rule_of_law_government_construction_finds_reordered_words() {
    let index = indexed();
    // The document says 建设法治政府; the user types 法治政府建设.
    let hits = index.search(&staff("法治政府建设")).unwrap();
    assert_eq!(ids(&hits), [2]);
}

#[test]
fn administrative_penalty_finds_the_discretion_standard() {
    let index = indexed();
    let hits = index.search(&staff("行政处罚")).unwrap();
    assert_eq!(ids(&hits), [3]);
    let hit = &hits.hits[0];
    assert_eq!(hit.document_number.as_deref(), Some("青市监规〔2023〕1号"));
    assert_eq!(hit.status, "expired");
    assert_eq!(hit.issuer_name, "青山县市场监督管理局");
    assert_eq!(hit.year, 2023);
}

#[test]
fn law_name_is_one_word() {
    let index = indexed();
    let hits = index.search(&staff("行政复议法")).unwrap();
    assert_eq!(ids(&hits)[0], 5);
}

#[test]
fn exact_document_number_comes_first() {
    let index = indexed();
    for typed in ["青政规〔2025〕3号", "青政规[2025]3号", "青政规（2025）3号"] {
        let hits = index.search(&staff(typed)).unwrap();
        assert_eq!(
            hits.hits.first().map(|h| h.id),
            Some(1),
            "{typed}: {:?}",
            ids(&hits)
        );
    }
    let hits = index.search(&staff("青政规〔2025〕4号")).unwrap();
    assert_eq!(hits.hits[0].id, 6);
}

#[test]
fn portal_never_sees_drafts_and_staff_does() {
    let index = indexed();
    let portal = index
        .search(&Query::new(GOV, Scope::Portal, "餐饮服务"))
        .unwrap();
    assert_eq!(portal.total, 0);
    let staff = index.search(&staff("餐饮服务")).unwrap();
    assert_eq!(ids(&staff), [4]);
    assert!(!staff.hits[0].published);
    assert_eq!(staff.hits[0].document_number, None);
}

#[test]
fn filters_by_issuer_year_and_status() {
    let index = indexed();
    let mut q = staff("制定");
    let all = index.search(&q).unwrap();
    assert_eq!(all.total, 5, "{:?}", ids(&all));

    q.issuer_ids = vec![MARKET];
    assert_eq!(sorted(index.search(&q).unwrap()), [3, 4]);

    q.issuer_ids.clear();
    q.years = Some((2024, 2025));
    assert_eq!(sorted(index.search(&q).unwrap()), [1, 4, 6]);

    q.years = None;
    q.statuses = vec!["expired".into(), "repealed".into()];
    assert_eq!(sorted(index.search(&q).unwrap()), [3, 5]);

    q.statuses = vec!["in_force".into()];
    q.years = Some((2025, 2025));
    q.issuer_ids = vec![CITY];
    assert_eq!(sorted(index.search(&q).unwrap()), [1, 6]);

    q.years = Some((2026, 2025));
    assert!(matches!(
        index.search(&q),
        Err(SearchError::InvalidFilter(_))
    ));
}

fn sorted(hits: Hits) -> Vec<i64> {
    let mut v = ids(&hits);
    v.sort_unstable();
    v
}

#[test]
fn punctuation_only_is_refused_with_a_chinese_message() {
    let index = indexed();
    for text in ["", "   ", "，。！？", "《》〔〕", "...!!!", "\u{3000}、"] {
        let err = index.search(&staff(text)).unwrap_err();
        assert!(matches!(err, SearchError::EmptyQuery), "{text:?}: {err:?}");
        assert_eq!(err.to_string(), "请输入要检索的字词");
        assert_eq!(err.code(), "search.empty_query");
        assert!(err.is_user_error());
    }
}

#[test]
fn overlong_query_is_refused() {
    let index = indexed();
    let err = index.search(&staff(&"食品".repeat(60))).unwrap_err();
    assert!(matches!(err, SearchError::QueryTooLong));
}

#[test]
fn snippets_mark_the_matched_words() {
    let index = indexed();
    let hits = index.search(&staff("食品安全")).unwrap();
    let body_only = hits.hits.iter().find(|h| h.id == 6).unwrap();
    let marked: Vec<&str> = body_only
        .snippet
        .segments()
        .into_iter()
        .filter(|(_, hit)| *hit)
        .map(|(run, _)| run)
        .collect();
    assert!(marked.contains(&"食品安全"), "{:?}", body_only.snippet);
    assert!(body_only.title.marks.is_empty());
    let titled = hits.hits.iter().find(|h| h.id == 1).unwrap();
    assert_eq!(
        titled.title.marked("【", "】"),
        "青山县【食品安全】监督管理办法"
    );
}

#[test]
fn paging_reports_the_total() {
    let index = indexed();
    let mut q = staff("制定");
    q.limit = 2;
    let first = index.search(&q).unwrap();
    q.offset = 2;
    let second = index.search(&q).unwrap();
    q.offset = 4;
    let third = index.search(&q).unwrap();
    assert_eq!((first.total, second.total, third.total), (5, 5, 5));
    assert_eq!(
        (first.hits.len(), second.hits.len(), third.hits.len()),
        (2, 2, 1)
    );
    let mut all: Vec<i64> = [first, second, third].iter().flat_map(ids).collect();
    all.sort_unstable();
    assert_eq!(all, [1, 3, 4, 5, 6]);
    q.limit = 0;
    assert!(index.search(&q).is_err());
}

#[test]
fn delete_removes_and_upsert_replaces() {
    let index = indexed();
    index.delete(GOV, 3).unwrap();
    // Not visible until the commit.
    assert_eq!(ids(&index.search(&staff("行政处罚")).unwrap()), [3]);
    index.commit().unwrap();
    assert_eq!(index.search(&staff("行政处罚")).unwrap().total, 0);

    let before = index.len();
    let mut changed = corpus().remove(1);
    changed.title = "青山县关于推进行政执法规范化的意见".into();
    index.upsert(&changed).unwrap();
    index.commit().unwrap();
    assert_eq!(index.len(), before, "upsert must replace, not add");
    assert_eq!(ids(&index.search(&staff("行政执法")).unwrap()), [2]);
    assert!(
        index
            .search(&staff("法治政府"))
            .unwrap()
            .hits
            .iter()
            .all(|h| h.title.text != "青山县关于加快建设法治政府的实施意见")
    );
    // Deleting in another government leaves ours alone.
    index.delete(OTHER_GOV, 2).unwrap();
    index.commit().unwrap();
    assert_eq!(ids(&index.search(&staff("行政执法")).unwrap()), [2]);
}

#[test]
fn rebuild_gives_the_same_results() {
    let index = indexed();
    let queries = [
        "食品安全",
        "法治政府建设",
        "行政处罚",
        "制定",
        "青政规〔2025〕3号",
    ];
    let before: Vec<Vec<i64>> = queries
        .iter()
        .map(|q| ids(&index.search(&staff(q)).unwrap()))
        .collect();
    // A stray document that the store no longer has disappears with the rebuild.
    index
        .upsert(&doc(
            99,
            None,
            "食品安全临时文件",
            CITY,
            2025,
            "draft",
            "无",
        ))
        .unwrap();
    index.commit().unwrap();
    let n = index.rebuild(corpus()).unwrap();
    assert_eq!(n, 7);
    assert_eq!(index.len(), 7);
    let after: Vec<Vec<i64>> = queries
        .iter()
        .map(|q| ids(&index.search(&staff(q)).unwrap()))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn reopening_from_disk_keeps_the_documents() {
    let dir = tempfile::tempdir().unwrap();
    {
        let index = DocumentIndex::open(dir.path()).unwrap();
        for d in corpus() {
            index.upsert(&d).unwrap();
        }
        index.commit().unwrap();
        // Uncommitted work is lost with the process, by design: the outbox replays it.
        index.delete(GOV, 1).unwrap();
    }
    let index = DocumentIndex::open(dir.path()).unwrap();
    assert_eq!(index.len(), 7);
    let hits = index.search(&staff("食品安全")).unwrap();
    assert_eq!(hits.total, 3);
    assert!(ids(&hits).contains(&1));
}

#[test]
fn deleting_a_government_leaves_the_others() {
    let index = indexed();
    let before = index.len();
    index.delete_government(OTHER_GOV).unwrap();
    index.commit().unwrap();
    assert_eq!(index.len(), before - 1);
    assert_eq!(ids(&index.search(&staff("食品安全")).unwrap()).len(), 3);
}

#[test]
fn snippets_of_overlapping_words_at_any_fragment_boundary_do_not_panic() {
    // Search mode yields 农贸, 市场 and then 农贸市场 over the same bytes; wherever a fragment
    // boundary falls among them, the snippet stays inside its text.
    let index = DocumentIndex::in_memory().unwrap();
    for pad in 0..60 {
        let filler = "本县行政区域内".repeat(pad % 7) + &"监督".repeat(pad);
        let body = format!(
            "{filler}农贸市场经营者应当建立健全内部管理制度。{}县级有关部门对农贸市场开展监督检查，中华人民共和国农贸市场。",
            "规范".repeat(pad * 3)
        );
        index
            .upsert(&doc(
                100 + pad as i64,
                None,
                "某办法",
                CITY,
                2025,
                "in_force",
                &body,
            ))
            .unwrap();
    }
    index.commit().unwrap();
    for q in ["农贸市场", "市场", "农贸", "监督检查", "人民"] {
        let mut query = staff(q);
        query.limit = 100;
        let hits = index.search(&query).unwrap();
        assert!(hits.total > 0, "{q}");
        for h in &hits.hits {
            // Every mark lies on the snippet's text and its char boundaries.
            let _ = h.snippet.segments();
            assert!(
                h.snippet
                    .marks
                    .iter()
                    .all(|m| m.end <= h.snippet.text.len())
            );
        }
    }
}

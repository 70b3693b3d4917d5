//! The published power list on the portal (`/powers`): every government's powers in force with
//! their discretion standards, which 行政处罚法 第三十四条 requires to be public; and `/laws`, the
//! text of a cited article from the law corpus, so a reader can check a power's legal basis.

use axum::extract::{Query, State};
use axum::http::StatusCode;
use domain::enforcement::power::PowerType;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use store::PowerFilter;

use crate::AppState;
use crate::pages::powers::{CORPUS, PAGE_SIZE, band_json, power_json, url_encode};
use crate::pages::{PageResult, page};

/// Query of the portal's power list.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub struct PortalQuery {
    /// Government id (default: the first with a power list).
    #[serde(default)]
    pub government: String,
    /// Department id.
    #[serde(default)]
    pub department: String,
    /// Power type label.
    #[serde(default)]
    pub power_type: String,
    /// Text searched in code, name and legal basis.
    #[serde(default)]
    pub q: String,
    /// Page from 1.
    #[serde(default)]
    pub page: String,
}

/// The filter the portal applies: powers in force only, of the department and type asked for.
pub fn portal_filter(department: &str, power_type: &str, q: &str) -> PowerFilter {
    PowerFilter {
        department_ids: department.parse::<i64>().ok().map(|d| vec![d]),
        power_type: PowerType::parse(power_type),
        in_force: Some(true),
        q: q.to_owned(),
    }
}

/// GET /powers
pub async fn list(State(state): State<AppState>, Query(q): Query<PortalQuery>) -> PageResult {
    let governments = state.store.list_governments().await?;
    let mut with_powers = Vec::new();
    for g in &governments {
        if state.store.count_powers(g.id).await? > 0 {
            with_powers.push(g.clone());
        }
    }
    let gov = q
        .government
        .parse::<i64>()
        .ok()
        .and_then(|id| with_powers.iter().find(|g| g.id == id))
        .or(with_powers.first());
    let page_no = q.page.parse::<i64>().ok().filter(|&p| p > 0).unwrap_or(1);
    let mut ctx = json!({
        "governments": with_powers.iter().map(|g| json!({"id": g.id.to_string(), "name": g.name})).collect::<Vec<_>>(),
        "q": q, "powers": [], "departments": [], "total": 0, "page": page_no, "n_pages": 1, "base": "",
        "types": PowerType::ALL.iter().map(|t| json!({"value": t.label(), "label": t.label()})).collect::<Vec<_>>(),
    });
    if let Some(gov) = gov {
        let departments = state.store.list_departments(gov.id).await?;
        let filter = portal_filter(&q.department, &q.power_type, &q.q);
        let (total, powers) = state
            .store
            .list_powers(gov.id, &filter, (page_no - 1) * PAGE_SIZE, PAGE_SIZE)
            .await?;
        let bands = state.store.all_discretion_bands(gov.id).await?;
        let rows: Vec<Value> = powers
            .iter()
            .map(|p| {
                let mut v = power_json(p, &departments);
                v["bands"] = bands
                    .iter()
                    .filter(|(id, _)| *id == p.id)
                    .map(|(_, b)| band_json(b))
                    .collect();
                v
            })
            .collect();
        ctx["government_name"] = json!(gov.name);
        ctx["government_id"] = json!(gov.id.to_string());
        ctx["powers"] = json!(rows);
        ctx["total"] = json!(total);
        ctx["n_pages"] = json!(((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1));
        ctx["base"] = json!(format!(
            "/powers?government={}&department={}&power_type={}&q={}&",
            gov.id,
            url_encode(&q.department),
            url_encode(&q.power_type),
            url_encode(&q.q)
        ));
        ctx["departments"] = json!(
            departments
                .iter()
                .filter(|d| d.is_enforcement_body)
                .map(|d| json!({"id": d.id.to_string(), "name": d.name}))
                .collect::<Vec<_>>()
        );
    }
    page(StatusCode::OK, "portal_powers.html", &ctx)
}

/// Query of the law page.
#[derive(Debug, Default, Deserialize)]
pub struct LawQuery {
    /// Law title, with or without 《》 and 中华人民共和国.
    #[serde(default)]
    pub title: String,
    /// Article text, e.g. 第一百二十四条第一款 (only the article number is used).
    #[serde(default)]
    pub article: String,
}

/// The article number of an article text such as 第一百二十四条第一款.
pub fn article_number(text: &str) -> Option<u32> {
    let start = text.find('第')? + '第'.len_utf8();
    let end = start + text[start..].find('条')?;
    let digits = &text[start..end];
    digits
        .parse::<u32>()
        .ok()
        .or_else(|| legaltext::numerals::parse(digits).and_then(|n| u32::try_from(n).ok()))
}

/// GET /laws — the cited article of a law in the corpus (or the law's article list).
pub async fn law(Query(q): Query<LawQuery>) -> PageResult {
    let Some(law) = CORPUS.find(&q.title) else {
        return page(
            StatusCode::NOT_FOUND,
            "law.html",
            &json!({"title": q.title, "missing": true}),
        );
    };
    let wanted = article_number(&q.article);
    let articles: Vec<Value> = law
        .articles
        .iter()
        .filter(|a| wanted.is_none_or(|n| a.number.number == n && a.number.suffix == 0))
        .map(|a| json!({"label": a.number.label(), "text": a.text()}))
        .collect();
    page(
        StatusCode::OK,
        "law.html",
        &json!({
            "title": law.meta.title, "version": law.meta.version, "effective": law.meta.effective,
            "article": q.article, "articles": articles, "missing": false,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_numbers_are_read_from_citations() {
        assert_eq!(article_number("第一百二十四条第一款"), Some(124));
        assert_eq!(article_number("第二十三条"), Some(23));
        assert_eq!(article_number("第12条"), Some(12));
        assert_eq!(article_number("附件"), None);
    }

    #[test]
    fn the_corpus_has_the_laws_the_demo_cites() {
        assert!(CORPUS.find("《中华人民共和国食品安全法》").is_some());
        assert!(CORPUS.find("中华人民共和国治安管理处罚法").is_some());
    }
}

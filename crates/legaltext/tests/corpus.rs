//! The corpus parses completely: every law's article count and highest article number
//! match `MANIFEST.tsv`, and loading from the repository copy equals the embedded copy.

use std::path::PathBuf;

use legaltext::corpus::{Corpus, embedded_manifest};

fn repo_corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/laws")
}

#[test]
fn article_counts_match_the_manifest() {
    let corpus = Corpus::load_dir(&repo_corpus_dir()).expect("corpus loads");
    let manifest = embedded_manifest();
    let header: Vec<&str> = manifest.lines().next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (c_articles, c_max, c_title) = (col("articles"), col("max_article"), col("title"));
    let mut checked = 0;
    for (row, law) in manifest.lines().skip(1).zip(&corpus.laws) {
        let cols: Vec<&str> = row.split('\t').collect();
        assert_eq!(law.meta.title, cols[c_title]);
        assert_eq!(
            law.articles.len().to_string(),
            cols[c_articles],
            "{}",
            cols[c_title]
        );
        assert_eq!(
            law.max_article().to_string(),
            cols[c_max],
            "{}",
            cols[c_title]
        );
        checked += 1;
    }
    assert_eq!(checked, 55);
    assert!(corpus.article_count() > 5000);
    assert!(
        corpus.issues.is_empty(),
        "{:?}",
        &corpus.issues[..corpus.issues.len().min(5)]
    );
}

#[test]
fn embedded_equals_repository_copy() {
    let from_dir = Corpus::load_dir(&repo_corpus_dir()).expect("corpus loads");
    let embedded = Corpus::embedded();
    assert_eq!(from_dir.laws, embedded.laws);
    assert_eq!(from_dir.repealed, embedded.repealed);
}

#[test]
fn finds_laws_by_any_title_form() {
    let corpus = Corpus::embedded();
    for title in [
        "中华人民共和国行政处罚法",
        "行政处罚法",
        "《行政处罚法》",
        "治安处罚法",
    ] {
        assert!(corpus.find(title).is_some(), "{title}");
    }
    let repealed = corpus
        .find_repealed("信访条例")
        .expect("信访条例 is repealed");
    assert!(repealed.repealed_by.contains("信访工作条例"));
    assert!(corpus.find_repealed("行政处罚法").is_none());
    let civil = corpus.find("民法典").unwrap();
    assert_eq!(civil.max_article(), 1260);
    assert!(
        civil
            .divisions
            .iter()
            .any(|d| d.id == "book_2__subbook_1__chp_1")
    );
}

#[test]
fn missing_directory_is_a_clear_error() {
    let err = Corpus::load_dir(&repo_corpus_dir().join("nope")).unwrap_err();
    assert!(err.to_string().contains("MANIFEST.tsv"), "{err}");
}

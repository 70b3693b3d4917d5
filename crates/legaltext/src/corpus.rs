//! The law corpus: parsed laws, the repeal list and title lookup.
//!
//! [`Corpus::embedded`] uses the copy of `data/laws` compiled into the crate;
//! [`Corpus::load_dir`] reads a directory the caller names (same layout: `MANIFEST.tsv`,
//! `repealed.tsv`, one `.md` per law), so an updated corpus can be used without a rebuild.

use std::collections::HashMap;
use std::path::Path;

use serde::Serialize;

use crate::embedded;
use crate::law::parse_law;
use crate::model::{Issue, Law};

/// A title recorded as repealed (row of `repealed.tsv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepealedTitle {
    /// Full title as recorded.
    pub title: String,
    /// The act that repealed or replaced it, empty when unknown.
    pub repealed_by: String,
    /// Date the repeal took effect, `YYYY-MM-DD`, empty when unknown.
    pub repeal_effective: String,
}

/// Errors loading a corpus directory.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// A file could not be read.
    #[error("无法读取语料文件 {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The manifest lists no law.
    #[error("语料目录 {0} 的 MANIFEST.tsv 中没有法律文本")]
    Empty(String),
}

/// The law corpus with a title index.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Laws in manifest order.
    pub laws: Vec<Law>,
    /// Parse issues per law file, `(file, issue)`.
    pub issues: Vec<(String, Issue)>,
    /// Repealed titles.
    pub repealed: Vec<RepealedTitle>,
    by_title: HashMap<String, usize>,
    repealed_by_title: HashMap<String, usize>,
}

/// Informal abbreviations people use in drafts, mapped to corpus short titles.
const ALIASES: &[(&str, &str)] = &[
    ("治安处罚法", "治安管理处罚法"),
    ("道交法", "道路交通安全法"),
    ("个保法", "个人信息保护法"),
    ("食安法", "食品安全法"),
    ("消法", "消费者权益保护法"),
    ("消保法", "消费者权益保护法"),
    ("税收征管法", "税收征收管理法"),
    ("行诉法", "行政诉讼法"),
    ("政府信息公开条例", "政府信息公开条例"),
];

/// Normalises a law title for lookup: no 《》 or spaces, no 中华人民共和国 prefix, no
/// trailing version note such as `（2021年修订）`, full-width parentheses.
pub fn normalize_title(title: &str) -> String {
    let mut t: String = crate::text::squeeze(title)
        .chars()
        .filter(|c| !matches!(c, '《' | '》' | '〈' | '〉'))
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            _ => c,
        })
        .collect();
    if let Some(start) = t.rfind('（')
        && t.ends_with('）')
    {
        // Drop version notes such as （2021年修订）; keep （试行）, part of some titles.
        let inner = &t[start..];
        if inner.contains(['修', '年']) && !inner.contains("试行") {
            t.truncate(start);
        }
    }
    t.strip_prefix("中华人民共和国").unwrap_or(&t).to_string()
}

impl Corpus {
    /// The corpus compiled into the crate (`data/laws` at build time).
    pub fn embedded() -> Corpus {
        let files = embedded::LAWS
            .iter()
            .map(|(name, text)| ((*name).to_string(), (*text).to_string()));
        Corpus::build(files, embedded::REPEALED)
    }

    /// Loads a corpus directory: the files listed in `MANIFEST.tsv` and `repealed.tsv`.
    pub fn load_dir(dir: &Path) -> Result<Corpus, CorpusError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|source| CorpusError::Io {
                path: path.display().to_string(),
                source,
            })
        };
        let manifest = read("MANIFEST.tsv")?;
        let mut files = Vec::new();
        for name in manifest_files(&manifest) {
            files.push((name.to_string(), read(name)?));
        }
        if files.is_empty() {
            return Err(CorpusError::Empty(dir.display().to_string()));
        }
        // repealed.tsv is optional: without it, no citation is reported as repealed.
        let repealed = read("repealed.tsv").unwrap_or_default();
        Ok(Corpus::build(files.into_iter(), &repealed))
    }

    fn build(files: impl Iterator<Item = (String, String)>, repealed_tsv: &str) -> Corpus {
        let mut corpus = Corpus::default();
        for (name, text) in files {
            let (law, issues) = parse_law(&text);
            corpus
                .issues
                .extend(issues.into_iter().map(|i| (name.clone(), i)));
            let index = corpus.laws.len();
            corpus
                .by_title
                .insert(normalize_title(&law.meta.title), index);
            corpus
                .by_title
                .entry(normalize_title(&law.meta.short_title))
                .or_insert(index);
            corpus.laws.push(law);
        }
        for (alias, target) in ALIASES {
            if let Some(&index) = corpus.by_title.get(*target) {
                corpus.by_title.entry((*alias).to_string()).or_insert(index);
            }
        }
        for line in repealed_tsv.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            let Some(title) = cols.first().filter(|t| !t.is_empty()) else {
                continue;
            };
            let entry = RepealedTitle {
                title: (*title).to_string(),
                repealed_by: cols.get(2).unwrap_or(&"").to_string(),
                repeal_effective: cols.get(3).unwrap_or(&"").to_string(),
            };
            let key = normalize_title(title);
            corpus
                .repealed_by_title
                .entry(key)
                .or_insert(corpus.repealed.len());
            corpus.repealed.push(entry);
        }
        corpus
    }

    /// Finds a law in the corpus by full title, short title or known abbreviation.
    pub fn find(&self, title: &str) -> Option<&Law> {
        self.by_title
            .get(&normalize_title(title))
            .map(|&i| &self.laws[i])
    }

    /// Finds a repealed title; a title in force in the corpus is never reported repealed
    /// (some acts were repealed and later enacted again).
    pub fn find_repealed(&self, title: &str) -> Option<&RepealedTitle> {
        if self.find(title).is_some() {
            return None;
        }
        self.repealed_by_title
            .get(&normalize_title(title))
            .map(|&i| &self.repealed[i])
    }

    /// Total number of articles in the corpus.
    pub fn article_count(&self) -> usize {
        self.laws.iter().map(|l| l.articles.len()).sum()
    }
}

/// File names listed in a manifest (first column, header skipped).
fn manifest_files(manifest: &str) -> impl Iterator<Item = &str> {
    manifest
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .filter(|f| f.ends_with(".md"))
}

/// The manifest embedded with the corpus, for tests that compare parse results.
pub fn embedded_manifest() -> &'static str {
    embedded::MANIFEST
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_list_matches_manifest() {
        let listed: Vec<&str> = manifest_files(embedded::MANIFEST).collect();
        let embedded: Vec<&str> = embedded::LAWS.iter().map(|(n, _)| *n).collect();
        assert_eq!(listed, embedded);
    }

    #[test]
    fn normalizes_titles() {
        assert_eq!(
            normalize_title("《中华人民共和国行政处罚法》"),
            "行政处罚法"
        );
        assert_eq!(normalize_title("行政处罚法(2021年修订)"), "行政处罚法");
        assert_eq!(normalize_title("行 政 处 罚 法"), "行政处罚法");
    }
}

//! Tidy checks as ordinary tests: every crate has its section in ARCHITECTURE.md, every module
//! opens with a `//!` line, and no test is ignored or expected to panic.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if !path.ends_with("fuzz") && !path.ends_with("target") {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_crate_has_a_section_in_architecture_md() {
    let architecture = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    for entry in std::fs::read_dir(root().join("crates")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            architecture.contains(&format!("### `crates/{name}`")),
            "ARCHITECTURE.md has no section for crates/{name}"
        );
    }
}

#[test]
fn every_module_starts_with_a_doc_line_and_no_test_is_ignored() {
    let mut files = Vec::new();
    rust_files(&root().join("crates"), &mut files);
    assert!(files.len() > 50);
    let ignored = ["#[", "ignore]"].concat();
    let should_panic = ["#[", "should_panic"].concat();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let in_src = f.components().any(|c| c.as_os_str() == "src");
        if in_src {
            assert!(
                text.starts_with("//!"),
                "{} does not start with a //! line",
                f.display()
            );
        }
        assert!(!text.contains(&ignored), "{} ignores a test", f.display());
        assert!(
            !text.contains(&should_panic),
            "{} expects a panic",
            f.display()
        );
    }
}

//! Bad input through the public entry points: a clear error or a best-effort parse,
//! never a panic.

use legaltext::Corpus;
use legaltext::input::{InputError, MAX_INPUT_BYTES};
use legaltext::review::{review_bytes, review_file, review_text};

#[test]
fn a_300_mb_file_is_refused_without_being_read() {
    let path = std::env::temp_dir().join(format!("legaltext-huge-{}.txt", std::process::id()));
    let file = std::fs::File::create(&path).unwrap();
    // A sparse file: its size is 300 MB but nothing is written or read.
    file.set_len(300 * 1024 * 1024).unwrap();
    let result = review_file(&path, &Corpus::embedded());
    std::fs::remove_file(&path).ok();
    match result {
        Err(InputError::TooLarge { size, limit }) => {
            assert_eq!(size, 300 * 1024 * 1024);
            assert_eq!(limit, MAX_INPUT_BYTES);
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn odd_documents_parse_best_effort() {
    let corpus = Corpus::embedded();
    let cases = [
        "第一条 依照《中华人民共和国行政处罚法的规定处罚。\n第三条 跳号。",
        "一、总则\n三、跳号\n（一）依照《行政处罚法》》第十六条",
        "第壹條 依照《中華人民共和國行政處罰法》第十六條處罰。\n第二条 简体混排。",
        "\u{FEFF}\u{200B}第一条\u{3000}\u{3000}",
        "《《《《》》》》第第第条条条",
    ];
    for text in cases {
        let review = review_text(text, &corpus);
        let _ = review.to_json();
        let _ = review.to_text();
    }
    let review = review_text(cases[0], &corpus);
    let codes: Vec<&str> = review.document.issues.iter().map(|i| i.code).collect();
    assert!(codes.contains(&"unbalanced_title_marks"), "{codes:?}");
    assert!(codes.contains(&"numbering_skip"), "{codes:?}");
    assert_eq!(review_bytes(b"", &corpus).unwrap_err(), InputError::Empty);
    assert!(review_bytes(b"\x00\x01\x02\x03binary\x00", &corpus).is_err());
}

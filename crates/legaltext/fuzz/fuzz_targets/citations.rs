//! Fuzz target: citation extraction and resolution must never panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    static CORPUS: OnceLock<legaltext::Corpus> = OnceLock::new();
    let corpus = CORPUS.get_or_init(legaltext::Corpus::embedded);
    for citation in legaltext::citation::extract(text) {
        let _ = legaltext::citation::resolve(&citation, corpus);
    }
});

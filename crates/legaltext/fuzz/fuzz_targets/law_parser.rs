//! Fuzz target: the law parser must never panic on any UTF-8 input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = legaltext::law::parse_law(text);
});

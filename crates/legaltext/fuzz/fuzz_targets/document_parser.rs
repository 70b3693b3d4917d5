//! Fuzz target: decoding bytes (text or .docx) and parsing a document must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok((text, _)) = legaltext::input::decode(bytes) {
        let _ = legaltext::document::parse_document(&text);
    }
});

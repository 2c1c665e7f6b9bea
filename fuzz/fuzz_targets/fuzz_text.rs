//! Decoding and the plain-text reader: arbitrary bytes (any encoding) named `.txt`.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let text = dyad::ingest::decode(data);
    // Valid UTF-8 without a BOM or NUL bytes (which could be UTF-16) is kept as it is.
    if let Ok(s) = std::str::from_utf8(data)
        && !s.starts_with('\u{FEFF}')
        && !s.contains('\0')
    {
        assert_eq!(text, s, "valid UTF-8 changed by decode");
    }
    let a = dyad::ingest::from_text(Path::new("fuzz.txt"), &text);
    if !a.text.trim().is_empty() {
        common::check_article(&a);
    }
    common::read_as("fuzz.txt", data);
});

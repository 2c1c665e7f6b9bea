//! User lexicon files: parse arbitrary JSON; a valid lexicon compiles into an extractor that
//! runs on a fixed text and on the lexicon's own text without breaking any span invariant.
#![no_main]

use std::path::Path;

use dyad::extract::{Extractor, lexicon};
use libfuzzer_sys::fuzz_target;

mod common;

const TEXT: &str = "Russia and Iran signed a treaty on Friday. The United States imposed \
    sanctions on Iran, and Israel struck Hezbollah positions. \"We distrust them,\" said Li.";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("fuzz_lexicon.json");
    match lexicon::parse(path, text) {
        Ok(lex) => {
            let ex = Extractor::from_lexicon(&lex);
            let out = ex.extract(TEXT);
            common::check_extraction(TEXT, &out);
            let out = ex.extract(text);
            common::check_extraction(text, &out);
            let _ = ex.kinds();
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(
                msg.contains("fuzz_lexicon.json"),
                "error does not name the file: {msg}"
            );
        }
    }
});

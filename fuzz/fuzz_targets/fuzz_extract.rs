//! The sentence splitter and the relation extractor (built-in lexicon) on arbitrary UTF-8:
//! every span in bounds and on char boundaries, and the same output twice.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let sentences = dyad::text::split_sentences(&text);
    common::check_sentences(&text, &sentences);
    let ex = common::extractor().extract(&text);
    assert_eq!(ex.sentences, sentences, "extractor splits differently");
    common::check_extraction(&text, &ex);
    let again = common::extractor().extract(&text);
    assert_eq!(ex, again, "extraction is not deterministic");
});

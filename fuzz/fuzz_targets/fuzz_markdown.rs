//! The markdown reader: arbitrary bytes named `.md` through `article_from_bytes`.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::read_as("fuzz.md", data);
});

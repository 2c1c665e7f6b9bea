//! The pdf reader: arbitrary bytes named `.pdf` through `article_from_bytes`.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::read_as("fuzz.pdf", data);
});

//! The epub reader: arbitrary bytes named `.epub` through `article_from_bytes`.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::read_as("fuzz.epub", data);
});

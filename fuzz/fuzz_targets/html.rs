#![no_main]
//! HTML extraction on arbitrary (lossy UTF-8) input.

use crossread::ingest::html::{extract_article, html_to_paragraphs};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let _ = extract_article(&s, None);
    let _ = html_to_paragraphs(&s);
});

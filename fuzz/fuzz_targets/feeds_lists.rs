#![no_main]
//! Subscription-list parsers: OPML and newsboat `urls`.

use crossread::feeds::{newsboat, opml};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let _ = opml::parse(&s);
    let (_feeds, bad) = newsboat::parse(&s);
    let lines = s.lines().count();
    for b in &bad {
        assert!(b.line >= 1 && b.line <= lines.max(1), "bad line number {} of {lines}", b.line);
    }
    let _ = newsboat::looks_like_opml(&s);
});

#![no_main]
//! `text::sanitize` must never let a terminal control character through.

use crossread::text::{is_forbidden, sanitize};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let out = sanitize(&input);
    for (i, c) in out.char_indices() {
        assert!(c != '\u{1b}', "ESC at byte {i} in {out:?}");
        let c0_c1 = c.is_control() && c != '\n' && c != '\t';
        assert!(!c0_c1, "control {c:?} at byte {i} in {out:?}");
        assert!(!is_forbidden(c), "forbidden {c:?} at byte {i} in {out:?}");
    }
    // Sanitising is idempotent: a second pass finds nothing left to remove.
    assert_eq!(sanitize(&out), out, "sanitize is not idempotent");
});

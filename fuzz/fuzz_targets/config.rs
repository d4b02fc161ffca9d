#![no_main]
//! Config file parsing: errors are fine, panics are not.

use std::path::Path;

use crossread::tui::config::Config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let _ = Config::parse(&s, Path::new("fuzz.toml"));
});

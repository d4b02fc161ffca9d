#![no_main]
//! `ingest::read_file` on arbitrary bytes under every extension, then analysis of each article.

use std::sync::OnceLock;

use crossread::ingest::{FileOutcome, read_file};
use libfuzzer_sys::fuzz_target;

const EXTENSIONS: [&str; 5] = ["txt", "md", "html", "xml", "json"];

fn dir() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("temp dir"))
}

fuzz_target!(|data: &[u8]| {
    for ext in EXTENSIONS {
        let path = dir().path().join(format!("input.{ext}"));
        std::fs::write(&path, data).expect("write temp file");
        let FileOutcome::Read(read) = read_file(&path) else {
            continue;
        };
        for article in read.articles {
            let body = article.body();
            let stored = crossread::analysis::analyze(article);
            for &(s, e) in &stored.sentences {
                assert!(s <= e && e <= body.len(), "sentence {s}..{e} outside body ({})", body.len());
                assert!(
                    body.is_char_boundary(s) && body.is_char_boundary(e),
                    "sentence {s}..{e} not on char boundaries"
                );
            }
            for ent in &stored.entities {
                let (s, e) = (ent.start, ent.end);
                assert!(s <= e && e <= body.len(), "entity {s}..{e} outside body ({})", body.len());
                assert!(
                    body.is_char_boundary(s) && body.is_char_boundary(e),
                    "entity {s}..{e} ({:?}) not on char boundaries",
                    ent.text
                );
            }
        }
    }
});

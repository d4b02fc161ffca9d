#![no_main]
//! Search queries: any string must give results (maybe none), never a panic or an error.

use std::sync::{Mutex, OnceLock};

use crossread::Library;
use libfuzzer_sys::fuzz_target;

const ARTICLES: [(&str, &str); 2] = [
    (
        "amazon.txt",
        "Amazon in talks to invest $10 billion in OpenAI\n\nAmazon is negotiating a deal that \
         could exceed $10 billion, according to CNBC. Microsoft has invested over $13 billion \
         since 2019.\n",
    ),
    (
        "anthropic.md",
        "---\ntitle: Anthropic raises funds\nsource: Example News\npublished: 2025-10-01\n---\n\n\
         Amazon has already committed $8 billion to Anthropic, a direct competitor to OpenAI. \
         Shares rose 4.5% on Tuesday in New York.\n",
    ),
];

fn library() -> &'static Mutex<Library> {
    static LIB: OnceLock<Mutex<Library>> = OnceLock::new();
    LIB.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut paths = Vec::new();
        for (name, text) in ARTICLES {
            let path = dir.path().join(name);
            std::fs::write(&path, text).expect("write article");
            paths.push(path);
        }
        let mut lib = Library::temporary().expect("temporary library");
        lib.add(&paths, &mut |_| {}).expect("add articles");
        assert!(lib.len() >= 2, "articles were not added: {}", lib.len());
        // The articles are in the index now; the files are no longer needed.
        drop(dir);
        Mutex::new(lib)
    })
}

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let lib = library().lock().unwrap_or_else(|e| e.into_inner());
    if let Err(err) = lib.search(&s, 5) {
        panic!("search({s:?}) failed: {err:#}");
    }
});

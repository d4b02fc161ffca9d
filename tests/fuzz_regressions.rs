//! Every input a fuzzer crashed on, replayed through the code it crashed: the files under
//! `tests/fixtures/fuzz-regressions/<target>/` (see `.ci/fuzz`).

mod common;

use crossread::Library;
use crossread::claims::{Prepared, judge, signature};
use crossread::entities::{Entity, recognize};
use crossread::sentences::split_sentences;

fn inputs(target: &str) -> Vec<(String, String)> {
    let dir = common::fixture("fuzz-regressions").join(target);
    let mut found: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
            (p.display().to_string(), text)
        })
        .collect();
    found.sort();
    assert!(
        !found.is_empty(),
        "no regression inputs in {}",
        dir.display()
    );
    found
}

#[test]
fn entity_and_claim_analysis_survives_every_crash_input() {
    for (name, text) in inputs("entities_claims") {
        let entities = recognize(&text, None);
        let mut previous = None;
        for range in split_sentences(&text) {
            let local: Vec<Entity> = entities
                .iter()
                .filter(|e| e.start >= range.start && e.end <= range.end)
                .map(|e| Entity {
                    start: e.start - range.start,
                    end: e.end - range.start,
                    ..e.clone()
                })
                .collect();
            let sig = signature(&text[range.clone()], &local, None);
            if let (Some(a), Some(b)) = (&previous, &sig) {
                let _ = judge(
                    &Prepared::new(a),
                    &Prepared::new(b),
                    0.5,
                    &Default::default(),
                );
            }
            if sig.is_some() {
                previous = sig;
            }
        }
        assert!(entities.iter().all(|e| e.end <= text.len()), "{name}");
    }
}

#[test]
fn search_answers_every_crash_query() {
    let mut library = Library::temporary().unwrap();
    library
        .add(&[common::fixture("seeds")], &mut |_| {})
        .unwrap();
    for (name, text) in inputs("query") {
        for query in std::iter::once(text.as_str()).chain(text.lines()) {
            let results = library.search(query, 5);
            assert!(results.is_ok(), "{name}: {query:?}: {:?}", results.err());
        }
    }
}

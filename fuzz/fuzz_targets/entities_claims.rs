#![no_main]
//! Entity recognition, sentence splitting and claim signatures/comparison on arbitrary text.

use crossread::claims::{Prepared, judge, signature};
use crossread::entities::{Entity, recognize};
use crossread::sentences::split_sentences;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let s: &str = &s;
    let entities = recognize(s, None);
    let mut prev_end = 0;
    for e in &entities {
        assert!(e.start < e.end, "empty or reversed entity {}..{} {:?}", e.start, e.end, e.text);
        assert!(e.end <= s.len(), "entity {}..{} past end {}", e.start, e.end, s.len());
        assert!(
            s.is_char_boundary(e.start) && s.is_char_boundary(e.end),
            "entity {}..{} not on char boundaries",
            e.start,
            e.end
        );
        assert!(
            e.start >= prev_end,
            "entities unsorted or overlapping at {}..{} (previous ended at {prev_end})",
            e.start,
            e.end
        );
        prev_end = e.end;
    }

    let mut previous = None;
    for range in split_sentences(s) {
        assert!(
            range.start <= range.end && range.end <= s.len(),
            "sentence {range:?} outside text ({})",
            s.len()
        );
        assert!(
            s.is_char_boundary(range.start) && s.is_char_boundary(range.end),
            "sentence {range:?} not on char boundaries"
        );
        let sentence = &s[range.clone()];
        let local: Vec<Entity> = entities
            .iter()
            .filter(|e| e.start >= range.start && e.end <= range.end)
            .map(|e| {
                let mut e = e.clone();
                e.start -= range.start;
                e.end -= range.start;
                e
            })
            .collect();
        let sig = signature(sentence, &local, Some("2026-01-30"));
        if let Some(sig) = sig {
            if let Some(prev) = &previous {
                let _ = judge(&Prepared::new(prev), &Prepared::new(&sig), 0.5, &Default::default());
                let _ = judge(&Prepared::new(&sig), &Prepared::new(prev), 0.5, &Default::default());
            }
            previous = Some(sig);
        }
    }
});

//! Word clusters learned from unlabelled text, read by the tagger as features.
//!
//! The labelled training data is small: most names a reader meets were never in it. Words that
//! occur in the same contexts share a cluster ("Boeing", "Airbus", "Chrysler"; "London",
//! "Houston", "Paris"), so a weight learned for one name's cluster carries to the others, as
//! Brown clusters do for Ratinov and Roth (2009). `examples/ner_clusters.rs` builds the table
//! (`assets/ner_clusters.tsv`: a word, then its class at each granularity) from news, web pages,
//! feeds and the unlabelled text of the training sets; it is compiled into the binary and
//! parsed once, keyed by the word's hash as the other word tables are.

use super::super::gazetteer::{FxMap, fnv};
use std::sync::LazyLock;

/// Granularities in the table (coarse to fine).
pub const LEVELS: usize = 3;

/// A word's class at each granularity, plus one (0: the word is not in the table).
pub type Classes = [u16; LEVELS];

static TABLE: LazyLock<FxMap<u64, Classes>> = LazyLock::new(|| {
    #[cfg(feature = "train")]
    if let Ok(path) = std::env::var("CROSSREAD_CLUSTERS") {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        return parse(&text);
    }
    parse(include_str!("../../../assets/ner_clusters.tsv"))
});

fn parse(text: &str) -> FxMap<u64, Classes> {
    let mut table = FxMap::default();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let mut fields = line.split('\t');
        let Some(word) = fields.next() else { continue };
        let mut classes = [0u16; LEVELS];
        for (c, f) in classes.iter_mut().zip(fields) {
            *c = f.parse::<u16>().map_or(0, |k| k.saturating_add(1));
        }
        table.insert(fnv(word.as_bytes()), classes);
    }
    table
}

/// The classes of a word from the hash of its form as written, else of its lower case.
#[inline]
pub fn classes_of(written: u64, lower: u64) -> Classes {
    let t = &*TABLE;
    t.get(&written)
        .or_else(|| t.get(&lower))
        .copied()
        .unwrap_or_default()
}

//! Word clusters learned from unlabelled text, read by the tagger as features.
//!
//! The labelled training data is small: most names a reader meets were never in it. Words that
//! occur in the same contexts share a cluster ("Boeing", "Airbus", "Chrysler"; "London",
//! "Houston", "Paris"), so a weight learned for one name's cluster carries to the others, as
//! Brown clusters do for Ratinov and Roth (2009). `examples/ner_clusters.rs` builds the table
//! (`assets/ner_clusters.tsv`: a word, then its class at each granularity) from news, web pages,
//! feeds and the unlabelled text of the training sets; it is compiled into the binary and
//! parsed once into the tagger's word table (`features`), keyed by the word's hash.

use super::super::gazetteer::fnv;

/// Granularities in the table (coarse to fine).
pub const LEVELS: usize = 3;

/// A word's class at each granularity, plus one (0: the word is not in the table).
pub type Classes = [u16; LEVELS];

/// The table's entries: the hash of a word and its classes.
pub fn entries() -> Vec<(u64, Classes)> {
    #[cfg(feature = "train")]
    if let Ok(path) = std::env::var("CROSSREAD_CLUSTERS") {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        return parse(&text);
    }
    parse(include_str!("../../../assets/ner_clusters.tsv"))
}

fn parse(text: &str) -> Vec<(u64, Classes)> {
    let mut entries = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let mut fields = line.split('\t');
        let Some(word) = fields.next() else { continue };
        let mut classes = [0u16; LEVELS];
        for (c, f) in classes.iter_mut().zip(fields) {
            *c = f.parse::<u16>().map_or(0, |k| k.saturating_add(1));
        }
        entries.push((fnv(word.as_bytes()), classes));
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(word: &str) -> Classes {
        let h = fnv(word.as_bytes());
        entries()
            .into_iter()
            .find(|e| e.0 == h)
            .map(|e| e.1)
            .unwrap_or_else(|| panic!("{word} is not in the cluster table"))
    }

    #[test]
    fn cities_share_a_cluster_and_companies_another() {
        let (london, paris, tokyo) = (classes("London"), classes("Paris"), classes("Tokyo"));
        let (boeing, airbus) = (classes("Boeing"), classes("Airbus"));
        assert!(london.iter().all(|&c| c > 0), "every level is known");
        assert_eq!(london[1], paris[1]);
        assert_eq!(london[1], tokyo[1]);
        assert_eq!(boeing[1], airbus[1]);
        assert_ne!(london[1], boeing[1]);
        assert_ne!(classes("said")[0], london[0]);
    }
}

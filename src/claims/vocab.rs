//! The two frozen word tables behind the claim scorer, compiled in from `assets/claims/`:
//! how rare a word stem is in a background corpus (its inverse document frequency), and which
//! WordNet event concepts a stem can evoke. Both are built by `examples/claims_vocab.rs`.
//!
//! Frozen tables rather than the library's own counts keep every pair's score a function of
//! the two sentences and their articles alone: the same library gives the same claims whatever
//! the order its articles were added in.

use crate::fxhash::FxMap;
use std::sync::LazyLock;

struct Tables {
    /// Stem -> inverse document frequency.
    idf: FxMap<&'static str, f32>,
    /// The weight of a stem the background corpus never saw twice.
    unseen_idf: f32,
    /// Stem -> event concept ids, sorted.
    concepts: FxMap<&'static str, Box<[u32]>>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let df_text = include_str!("../../assets/claims/term_df.tsv");
    let mut sentences = 1.0f32;
    let mut idf = FxMap::default();
    let mut counts: Vec<(&str, f32)> = Vec::new();
    for line in df_text.lines() {
        let Some((word, n)) = line.split_once('\t') else {
            continue;
        };
        let n: f32 = n.parse().unwrap_or(1.0);
        if word == "#sentences" {
            sentences = n;
        } else {
            counts.push((word, n));
        }
    }
    for (word, n) in counts {
        idf.insert(word, ((sentences + 1.0) / (n + 1.0)).ln());
    }
    let unseen_idf = ((sentences + 1.0) / 2.0).ln();
    let concepts = include_str!("../../assets/claims/concepts.tsv")
        .lines()
        .filter_map(|line| {
            let (word, ids) = line.split_once('\t')?;
            let ids: Box<[u32]> = ids.split(',').filter_map(|i| i.parse().ok()).collect();
            Some((word, ids))
        })
        .collect();
    Tables {
        idf,
        unseen_idf,
        concepts,
    }
});

/// Inverse document frequency of a stem in the background corpus (rare stems weigh more).
pub fn stem_weight(stem: &str) -> f32 {
    let t = &*TABLES;
    t.idf.get(stem).copied().unwrap_or(t.unseen_idf)
}

/// Weight of a normalised name: the weight of its rarest word ("tara reid" weighs like "reid",
/// "new york" like "york").
pub fn name_weight(name: &str) -> f32 {
    name.split(' ')
        .filter(|w| !w.is_empty())
        .map(stem_weight)
        .fold(0.0, f32::max)
        .max(if name.is_empty() { 0.0 } else { 1.0 })
}

/// The event concepts a stem can evoke (empty for words that name no event).
pub fn concepts(stem: &str) -> &'static [u32] {
    TABLES.concepts.get(stem).map(|c| &c[..]).unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::stem;

    #[test]
    fn rare_words_weigh_more_than_common_ones() {
        assert!(stem_weight(&stem("earthquake")) > stem_weight(&stem("people")) + 1.0);
        assert!(name_weight("tara reid") > name_weight("new york"));
    }

    #[test]
    fn paraphrases_share_a_concept() {
        let shared = |a: &str, b: &str| {
            let (x, y) = (concepts(&stem(a)), concepts(&stem(b)));
            x.iter().any(|c| y.contains(c))
        };
        assert!(shared("invested", "investment"));
        assert!(shared("talks", "negotiating"));
        assert!(shared("bought", "purchased"));
        assert!(!shared("arrested", "invested"));
        assert!(concepts("the").is_empty());
    }
}

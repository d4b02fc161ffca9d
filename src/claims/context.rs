//! What a sentence's claim signature takes from its article: the article's leading names (which
//! stand in for pronouns, "The company said ...") and the words of all its names (which confirm
//! that a capitalised word is a name where capitals prove nothing). Worked out once per article
//! and shared by all its sentences' signatures ([`super::extract`]).

use super::extract::normalize_name;
use super::lexicon::{event_class, is_attribution, is_not_name, is_outlet, is_stop};
use crate::entities::{Entity, EntityKind};

/// What a sentence's signature takes from its article, worked out once per article: the
/// leading names kept as the signature's context, and the words of all the article's names
/// (which confirm that a capitalised word is a name where capitals prove nothing).
#[derive(Debug, Clone, Default)]
pub struct ArticleContext {
    /// The first [`CONTEXT_KEEP`] leading names, normalised.
    pub(super) leading: Vec<String>,
    /// Words of the article's names that can be names (sorted, unique).
    name_words: Vec<String>,
}

impl ArticleContext {
    /// `participants`: the article's leading names, most frequent first (as
    /// [`article_participants`] gives them).
    pub fn new(participants: &[String]) -> ArticleContext {
        let mut name_words: Vec<String> = participants
            .iter()
            .flat_map(|c| c.split(' '))
            .filter(|w| {
                w.len() >= 3
                    && !is_stop(w)
                    && !is_not_name(w)
                    && !is_attribution(w)
                    && event_class(w).is_none()
            })
            .map(str::to_string)
            .collect();
        name_words.sort_unstable();
        name_words.dedup();
        ArticleContext {
            leading: participants
                .iter()
                .take(CONTEXT_KEEP)
                .map(|c| normalize_name(c))
                .filter(|c| !c.is_empty())
                .collect(),
            name_words,
        }
    }

    pub(super) fn is_name_word(&self, lower: &str) -> bool {
        self.name_words
            .binary_search_by(|w| w.as_str().cmp(lower))
            .is_ok()
    }
}

/// How many of the article's leading names a signature keeps as context.
const CONTEXT_KEEP: usize = 3;

/// The article's most frequent person, organisation and place names, most frequent first, for
/// [`super::signature_in_context`]. A short name counts toward the longer one it is part of ("Reid" ->
/// "tara reid"); news outlets and attribution sources are left out. `entities` are the whole
/// article's.
pub fn article_participants(entities: &[Entity]) -> Vec<String> {
    article_cast(entities)
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

/// Like [`article_participants`], with how often the article mentions each name (counting the
/// short forms folded into it).
pub fn article_cast(entities: &[Entity]) -> Vec<(String, u32)> {
    let mut names: Vec<(String, u32, usize)> = Vec::new(); // name, count, first position
    for (i, e) in entities.iter().enumerate() {
        if !matches!(
            e.kind,
            EntityKind::Person | EntityKind::Org | EntityKind::Product | EntityKind::Place
        ) {
            continue;
        }
        let n = normalize_name(&e.text);
        if n.len() < 2 || is_outlet(&n) || is_not_name(&n) {
            continue;
        }
        match names.iter_mut().find(|x| x.0 == n) {
            Some(x) => x.1 += 1,
            None => names.push((n, 1, i)),
        }
    }
    // Fold short names into the longest name containing them.
    let snapshot = names.clone();
    for x in names.iter_mut() {
        let words: Vec<&str> = x.0.split(' ').collect();
        x.1 += snapshot
            .iter()
            .filter(|y| {
                y.0 != x.0 && y.0.len() < x.0.len() && y.0.split(' ').all(|w| words.contains(&w))
            })
            .map(|y| y.1)
            .sum::<u32>();
    }
    let all = names.clone();
    names.retain(|x| {
        !all.iter().any(|y| {
            y.0.len() > x.0.len() && x.0.split(' ').all(|w| y.0.split(' ').any(|v| v == w))
        })
    });
    names.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    names.into_iter().map(|x| (x.0, x.1)).collect()
}

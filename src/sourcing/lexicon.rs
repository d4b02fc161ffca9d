//! The word lists of `assets/sourcing/lexicon.txt`, parsed once and matched token by token.
//! Kept apart from the rules so the vocabulary (reporting verbs, anonymity phrases, hedges) can
//! be reviewed and extended without touching how it is used.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::words::Token;

const LEXICON: &str = include_str!("../../assets/sourcing/lexicon.txt");

/// Phrases of one section, indexed by their first word.
#[derive(Debug, Default)]
pub(super) struct Phrases {
    by_first: HashMap<String, Vec<Vec<String>>>,
    /// Phrases whose first word is a contraction's tail ("n't", "'ll"): it matches the end of
    /// a token ("doesn't", "we'll"), so they cannot be found by the token's whole form.
    by_suffix: Vec<Vec<String>>,
}

/// Whether a lexicon word matches a token: `*` matches any word, a contraction's tail the
/// end of one.
fn word_matches(entry: &str, token: &str) -> bool {
    entry == "*" || entry == token || (is_suffix_entry(entry) && token.ends_with(entry))
}

fn is_suffix_entry(entry: &str) -> bool {
    entry.starts_with('\'') || entry.starts_with("n'")
}

impl Phrases {
    fn insert(&mut self, phrase: &str) {
        let words: Vec<String> = phrase.split_whitespace().map(str::to_string).collect();
        let Some(first) = words.first() else { return };
        if is_suffix_entry(first) {
            self.by_suffix.push(words);
        } else {
            self.by_first.entry(first.clone()).or_default().push(words);
        }
    }

    /// Whether one word (lowercase) is an entry of its own.
    pub(super) fn has_word(&self, word: &str) -> bool {
        let single = |p: &Vec<String>| p.len() == 1 && word_matches(&p[0], word);
        self.by_first
            .get(word)
            .is_some_and(|ps| ps.iter().any(single))
            || self.by_suffix.iter().any(single)
    }

    /// Length in tokens of the longest entry that starts at `tokens[at]`, if any. Only word
    /// tokens match.
    pub(super) fn match_at(&self, tokens: &[Token], at: usize) -> Option<usize> {
        let first = tokens.get(at).filter(|t| t.is_word())?;
        let candidates = self
            .by_first
            .get(first.lower.as_str())
            .into_iter()
            .flatten()
            .chain(&self.by_suffix);
        candidates
            .filter(|phrase| {
                phrase.iter().enumerate().all(|(k, w)| {
                    tokens
                        .get(at + k)
                        .is_some_and(|t| t.is_word() && word_matches(w, &t.lower))
                })
            })
            .map(Vec::len)
            .max()
    }

    /// Whether a whole name is an entry, compared as lowercase words without a leading "the"
    /// ("The Wall Street Journal" matches "wall street journal").
    pub(super) fn contains_text(&self, text: &str) -> bool {
        let lower = text.to_lowercase();
        let mut words: Vec<&str> = lower.split_whitespace().collect();
        if words.len() > 1 && words[0] == "the" {
            words.remove(0);
        }
        let Some(first) = words.first() else {
            return false;
        };
        self.by_first.get(*first).is_some_and(|ps| {
            ps.iter()
                .any(|p| p.iter().map(String::as_str).eq(words.iter().copied()))
        })
    }

    /// Whether an entry ends exactly at `tokens[end - 1]`; returns its first token.
    pub(super) fn match_ending_at(&self, tokens: &[Token], end: usize) -> Option<usize> {
        (end.saturating_sub(6)..end)
            .find(|&start| self.match_at(tokens, start) == Some(end - start))
    }
}

/// Declares the lexicon's sections once: each is a field named like its `[section]`.
macro_rules! sections {
    ($($name:ident),* $(,)?) => {
        /// Every section of the lexicon file.
        #[derive(Debug)]
        pub(super) struct Lexicon {
            $(pub $name: Phrases,)*
        }

        fn build(text: &str) -> Result<Lexicon, String> {
            let mut sections = parse(text)?;
            let mut take = |name: &str| {
                sections
                    .remove(name)
                    .ok_or_else(|| format!("section [{name}] is missing"))
            };
            Ok(Lexicon {
                $($name: take(stringify!($name))?,)*
            })
        }
    };
}

sections!(
    reporting_verbs,
    clause_reporting_verbs,
    object_reporting_verbs,
    source_markers,
    citing_markers,
    first_report_markers,
    report_nouns,
    news_reports,
    outlets,
    anonymous_heads,
    anonymous_people,
    anonymous_qualifiers,
    anonymous_modifiers,
    speaker_nouns,
    anaphor_person,
    anaphor_plural,
    anaphor_thing,
    anaphor_unnamed,
    anaphor_outlet,
    anaphor_company,
    not_names,
    determiners,
    phrase_breaks,
    prepositions,
    report_prepositions,
    speaker_adverbs,
    blocked_before_verb,
    be_forms,
    relative_pronouns,
    subordinators,
    clause_start_subordinators,
    auxiliaries,
    negation,
    negation_exceptions,
    denial,
    possibility_modals,
    possible,
    probable,
);

/// Sections by name, from the lexicon text.
fn parse(text: &str) -> Result<HashMap<String, Phrases>, String> {
    let mut sections: HashMap<String, Phrases> = HashMap::new();
    let mut current: Option<String> = None;
    for (number, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = Some(name.to_string());
            sections.entry(name.to_string()).or_default();
            continue;
        }
        let Some(section) = &current else {
            return Err(format!("line {}: entry before any [section]", number + 1));
        };
        if let Some(phrases) = sections.get_mut(section) {
            phrases.insert(&line.to_lowercase());
        }
    }
    Ok(sections)
}

/// The compiled-in lexicon. Its text is part of the binary and a test parses it, so a broken
/// file fails the build's tests rather than a user's run.
pub(super) fn lexicon() -> &'static Lexicon {
    static LEXICON_CELL: OnceLock<Lexicon> = OnceLock::new();
    LEXICON_CELL.get_or_init(|| {
        build(LEXICON).unwrap_or_else(|e| panic!("assets/sourcing/lexicon.txt: {e}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lexicon_file_has_every_section() {
        build(LEXICON).expect("lexicon parses");
    }

    #[test]
    fn a_missing_section_is_named() {
        let err = build("[reporting_verbs]\nsaid\n").unwrap_err();
        assert!(
            err.starts_with("section [") && err.ends_with("] is missing"),
            "{err}"
        );
    }

    #[test]
    fn an_entry_before_any_section_names_its_line() {
        let err = build("# words\nsaid\n").unwrap_err();
        assert_eq!(err, "line 2: entry before any [section]");
    }
}

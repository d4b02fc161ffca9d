//! Word lists loaded once per process: common English words, first names and surnames, places,
//! companies and other organisations (see `assets/gazetteers/SOURCES.md`).
//!
//! They are compiled into the binary with `include_str!` and parsed lazily into hash sets keyed by
//! `&'static str`, so lookups never allocate. Multi-word entries are indexed by their first token
//! and matched token by token against the article.

use super::EntityKind;
use super::token::{Token, TokenKind, tokenize};
use std::sync::LazyLock;

use crate::fxhash::{FxMap, FxSet};

pub struct Gazetteer {
    /// Lowercase common English words.
    pub common: FxSet<&'static str>,
    pub first_names: FxSet<&'static str>,
    /// Census surnames -> frequency rank (0 = most common).
    pub surnames: FxMap<&'static str, u32>,
    /// Country names (and the home nations), which stay places in sports results.
    pub countries: FxSet<&'static str>,
    /// Nationality / religion adjectives ("Israeli", "Muslim"): never names alone.
    pub demonyms: FxSet<&'static str>,
    /// Exact-case phrases (the hash of their tokens joined by single spaces) and their kind:
    /// hashed keys spare a string comparison on every hit.
    phrases: FxMap<u64, EntityKind>,
    /// First token of a phrase (hashed) -> largest phrase length in tokens.
    first_tok: FxMap<u64, usize>,
}

/// FNV-1a over bytes, continuing from `h` (so the hash of "A B" is the hash of "A" continued
/// over " B").
#[inline]
fn fnv_from(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a hash of a word: the key of the hashed word tables.
#[inline]
pub fn fnv(bytes: &[u8]) -> u64 {
    fnv_from(FNV_START, bytes)
}

fn lines(s: &'static str) -> impl Iterator<Item = &'static str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Gazetteer {
    fn add_phrase(&mut self, p: &str, kind: EntityKind, overwrite: bool) {
        let toks = tokenize(p);
        if toks.is_empty() || toks.len() > 8 {
            return;
        }
        if toks.iter().all(|t| t.kind == TokenKind::Punct) {
            return;
        }
        let key = fnv_from(FNV_START, join(p, &toks).as_bytes());
        let first = fnv_from(FNV_START, toks[0].text(p).as_bytes());
        let e = self.first_tok.entry(first).or_insert(0);
        *e = (*e).max(toks.len());
        if overwrite {
            self.phrases.insert(key, kind);
        } else {
            self.phrases.entry(key).or_insert(kind);
        }
    }
}

impl Gazetteer {
    /// The kind of an exact-case phrase (tokens joined by single spaces), if listed.
    pub fn phrase_kind(&self, phrase: &str) -> Option<EntityKind> {
        self.phrases
            .get(&fnv_from(FNV_START, phrase.as_bytes()))
            .copied()
    }
}

/// Tokens joined by single spaces.
pub fn join(body: &str, toks: &[Token]) -> String {
    let mut s = String::new();
    for (i, t) in toks.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(t.text(body));
    }
    s
}

pub static GAZ: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut g = Gazetteer {
        common: lines(include_str!("../../assets/gazetteers/common_words.txt")).collect(),
        first_names: lines(include_str!("../../assets/gazetteers/first_names.txt")).collect(),
        surnames: lines(include_str!("../../assets/gazetteers/surnames.txt"))
            .enumerate()
            .map(|(i, l)| (l, i as u32))
            .collect(),
        countries: lines(include_str!("../../assets/gazetteers/countries.txt")).collect(),
        demonyms: lines(include_str!("../../assets/gazetteers/demonyms.txt"))
            .flat_map(|l| l.split_whitespace())
            .collect(),
        phrases: FxMap::default(),
        first_tok: FxMap::default(),
    };
    for p in lines(include_str!("../../assets/gazetteers/companies.txt")) {
        g.add_phrase(p, EntityKind::Org, false);
    }
    for p in lines(include_str!("../../assets/gazetteers/places.txt")) {
        g.add_phrase(p, EntityKind::Place, true);
    }
    for p in lines(include_str!("../../assets/gazetteers/places_extra.txt")) {
        g.add_phrase(p, EntityKind::Place, true);
    }
    for p in lines(include_str!("../../assets/gazetteers/orgs_extra.txt")) {
        g.add_phrase(p, EntityKind::Org, true);
    }
    for p in lines(include_str!("../../assets/gazetteers/products.txt")) {
        g.add_phrase(p, EntityKind::Product, true);
    }
    g
});

/// Lowercase `w` into `buf` (ASCII fast path) and report whether it is a common English word.
pub fn is_common(w: &str) -> bool {
    let g = &*GAZ;
    if w.len() <= 48 && w.is_ascii() {
        let mut buf = [0u8; 48];
        for (d, s) in buf.iter_mut().zip(w.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        // ASCII lowercase of ASCII is valid UTF-8.
        let l = std::str::from_utf8(&buf[..w.len()]).unwrap_or("");
        g.common.contains(l)
    } else {
        g.common.contains(w.to_lowercase().as_str())
    }
}

/// Longest gazetteer phrase starting at token `i` (only over word/punct tokens that are not
/// separated by line breaks). Returns (token count, kind).
pub fn match_phrase(body: &str, toks: &[Token], i: usize) -> Option<(usize, EntityKind)> {
    let g = &*GAZ;
    let first = fnv_from(FNV_START, toks[i].text(body).as_bytes());
    let max = *g.first_tok.get(&first)?;
    let max = max.min(toks.len() - i);
    let mut key = first;
    let mut best = None;
    for k in 0..max {
        let t = &toks[i + k];
        if k > 0 {
            if t.newline_before {
                break;
            }
            key = fnv_from(fnv_from(key, b" "), t.text(body).as_bytes());
        }
        if let Some(&kind) = g.phrases.get(&key) {
            best = Some((k + 1, kind));
        }
    }
    best
}

//! Hashed features of one token for the name tagger.
//!
//! A feature is a 64-bit hash of a namespace and a value ("the word before is `ceo`", "the
//! token is inside a gazetteer place of three words, in the middle"), so the model needs no
//! vocabulary: the hash picks a row of weights. Everything that depends on a single word (its
//! lower case, shape, affixes, word-list memberships) is computed once per token in
//! [`WordInfo`]; a token's features then combine its own and its neighbours' precomputed
//! hashes with cheap integer mixing. The groups follow Ratinov and Roth (2009): the word and its
//! neighbours, shape and capitalisation in context, gazetteers (single words and multi-word
//! matches), the run of capitalised words around the token, and what the rest of the article
//! says about the same word.

use super::super::context::{Article, ascii_lower_bytes, camel_head, is_name_token};
use super::super::gazetteer::{GAZ, fnv};
use super::super::lexicon::*;
use super::super::token::{Token, TokenKind};
use super::clusters::{self, Classes, LEVELS};
use crate::entities::EntityKind;
use crate::fxhash::FxMap;
use std::sync::LazyLock;

/// Mixes a value into a feature hash (a strong 64-bit finaliser, so low bits are usable).
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let mut x = a ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x ^= x >> 32;
    x = x.wrapping_mul(0xd6e8_feb8_6659_fd93);
    x ^= x >> 32;
    x
}

/// Feature namespaces: one per kind of evidence.
mod ns {
    pub const BIAS: u64 = 1;
    pub const WORD: u64 = 2;
    pub const SHAPE: u64 = 3;
    pub const PREFIX3: u64 = 4;
    pub const SUFFIX2: u64 = 5;
    pub const SUFFIX3: u64 = 6;
    pub const SUFFIX4: u64 = 7;
    pub const WORD_PREV: u64 = 8;
    pub const WORD_NEXT: u64 = 9;
    pub const WORD_PREV2: u64 = 10;
    pub const WORD_NEXT2: u64 = 11;
    pub const SHAPE_PREV: u64 = 12;
    pub const SHAPE_NEXT: u64 = 13;
    pub const BIGRAM_PREV: u64 = 14;
    pub const BIGRAM_NEXT: u64 = 15;
    pub const POSITION: u64 = 16;
    pub const POSITION_SHAPE: u64 = 17;
    pub const LISTS: u64 = 18;
    pub const LIST: u64 = 19;
    pub const LISTS_PREV: u64 = 20;
    pub const LISTS_NEXT: u64 = 21;
    pub const PHRASE: u64 = 22;
    pub const PHRASE_PREV: u64 = 23;
    pub const PHRASE_NEXT: u64 = 24;
    pub const RUN: u64 = 25;
    pub const RUN_FIRST: u64 = 26;
    pub const RUN_LAST: u64 = 27;
    pub const RUN_BEFORE: u64 = 28;
    pub const RUN_AFTER: u64 = 29;
    pub const RUN_LAST_LISTS: u64 = 30;
    pub const ARTICLE: u64 = 31;
    pub const ARTICLE_SURNAME: u64 = 32;
    pub const ARTICLE_TITLE_CASE: u64 = 33;
    pub const WORD_SHAPE: u64 = 34;
    pub const PHRASE_IN_RUN: u64 = 35;
    pub const CAMEL: u64 = 36;
    pub const CLUSTER: u64 = 37;
    pub const CLUSTER_PREV: u64 = 38;
    pub const CLUSTER_NEXT: u64 = 39;
    pub const CLUSTER_SHAPE: u64 = 40;
}

/// Word-list memberships of one word, as bits.
mod list {
    pub const FIRST_NAME: u32 = 1;
    pub const SURNAME_FREQUENT: u32 = 1 << 1;
    pub const SURNAME: u32 = 1 << 2;
    pub const COMMON_WORD: u32 = 1 << 3;
    pub const DEMONYM: u32 = 1 << 4;
    pub const PERSON_TITLE: u32 = 1 << 5;
    pub const ROLE_NOUN: u32 = 1 << 6;
    pub const ORG_SUFFIX: u32 = 1 << 7;
    pub const PLACE_SUFFIX: u32 = 1 << 8;
    pub const ORG_PREFIX: u32 = 1 << 9;
    pub const PLACE_PREFIX: u32 = 1 << 10;
    pub const NOT_A_NAME: u32 = 1 << 11;
    pub const PERSON_VERB: u32 = 1 << 12;
    pub const PRODUCT_NOUN: u32 = 1 << 13;
    pub const ORG_FOLLOWER: u32 = 1 << 14;
    pub const PLACE_FOLLOWER: u32 = 1 << 15;
    pub const COUNT: u32 = 16;
}

/// Where a token sits in a multi-word gazetteer match: none, or kind x (begin, inside, last,
/// unit).
fn phrase_code(kind: EntityKind, k: usize, len: usize) -> u8 {
    let position = match (k, len) {
        (_, 1) => 3,
        (0, _) => 0,
        (k, l) if k + 1 == l => 2,
        _ => 1,
    };
    1 + 4 * kind as u8 + position
}

/// What one word contributes, computed once per token.
#[derive(Clone, Copy, Default)]
pub struct WordInfo {
    pub lower: u64,
    shape: u64,
    prefix3: u64,
    suffix2: u64,
    suffix3: u64,
    suffix4: u64,
    lists: u32,
    /// Word clusters (see [`clusters`]).
    clusters: Classes,
    /// Gazetteer match covering the token ([`phrase_code`]), 0 for none.
    phrase: u8,
    /// The tokens of that gazetteer match.
    phrase_span: (u32, u32),
    /// The capitalised run around the token: first and one-past-last token.
    run: (u32, u32),
}

const OUTSIDE: u64 = 0x5bd1_e995_0000_0001;

/// Per-token word information for an article, filled lazily for the tokens the tagger looks at:
/// in full for the tokens of a window, without affixes and run for their neighbours.
pub struct WordTable {
    /// Per token: 0 if not computed, else 1 + its index in `infos`.
    slot: Vec<u32>,
    infos: Vec<WordInfo>,
    /// Per entry of `infos`: 1 neighbour, 2 full.
    level: Vec<u8>,
    /// What each word form contributes, by the hash of the form (and whether it is on a line
    /// in capitals): a name repeated in an article is looked up once.
    forms: FxMap<u64, WordInfo>,
}

impl WordTable {
    /// A table for `n` tokens, of which about `filled` will be filled.
    pub fn new(n: usize, filled: usize) -> WordTable {
        WordTable {
            slot: vec![0; n],
            infos: Vec::with_capacity(filled),
            level: Vec::with_capacity(filled),
            forms: FxMap::with_capacity_and_hasher(filled / 2, Default::default()),
        }
    }

    /// The entry for token `i`, created empty if needed.
    fn entry(&mut self, i: usize) -> usize {
        if self.slot[i] == 0 {
            self.infos.push(WordInfo::default());
            self.level.push(0);
            self.slot[i] = self.infos.len() as u32;
        }
        self.slot[i] as usize - 1
    }

    /// Fills the tokens of `window` in full, two neighbours on each side, and the gazetteer
    /// matches that start in the window.
    pub fn fill(&mut self, art: &Article, window: std::ops::Range<usize>) {
        let n = art.tokens.len();
        for i in window.start.saturating_sub(2)..(window.end + 2).min(n) {
            let want = if window.contains(&i) { 2 } else { 1 };
            let e = self.entry(i);
            if self.level[e] < want {
                let old = self.infos[e];
                self.infos[e] = WordInfo {
                    phrase: old.phrase,
                    phrase_span: old.phrase_span,
                    ..word_info(art, i, want == 2, &mut self.forms)
                };
                self.level[e] = want;
            }
        }
        let mut i = window.start;
        while i < window.end {
            if self.get(i).phrase == 0
                && let Some((len, kind)) = art.phrase_at(i)
            {
                for k in 0..len.min(n - i) {
                    let e = self.entry(i + k);
                    if self.level[e] == 0 {
                        self.infos[e] = word_info(art, i + k, false, &mut self.forms);
                        self.level[e] = 1;
                    }
                    self.infos[e].phrase = phrase_code(kind, k, len);
                    self.infos[e].phrase_span = (i as u32, (i + len) as u32);
                }
                i += len;
                continue;
            }
            i += 1;
        }
    }

    pub fn get(&self, i: usize) -> &WordInfo {
        static EMPTY: WordInfo = WordInfo {
            lower: 0,
            shape: 0,
            prefix3: 0,
            suffix2: 0,
            suffix3: 0,
            suffix4: 0,
            lists: 0,
            clusters: [0; LEVELS],
            phrase: 0,
            phrase_span: (0, 0),
            run: (0, 0),
        };
        match self.slot[i] {
            0 => &EMPTY,
            k => &self.infos[k as usize - 1],
        }
    }

    fn has(&self, i: usize) -> bool {
        self.slot[i] != 0
    }
}

/// Whether byte `k` of UTF-8 `b` starts a character (or is its end).
#[inline]
fn is_boundary(b: &[u8], k: usize) -> bool {
    k >= b.len() || (b[k] as i8) >= -0x40
}

/// What the form of token `t` (text `w`) contributes wherever it occurs: its lower case, shape,
/// affixes, word lists and clusters.
fn word_form(t: &Token, w: &str, written_hash: u64, caps_line: bool) -> WordInfo {
    let mut buf = [0u8; 32];
    let owned;
    let lb: &[u8] = match ascii_lower_bytes(w, &mut buf) {
        Some(l) => l,
        None => {
            owned = w.to_lowercase();
            owned.as_bytes()
        }
    };
    let lower_hash = fnv(lb);
    let suffix = |k: usize| {
        let mut s = lb.len().saturating_sub(k);
        while !is_boundary(lb, s) {
            s -= 1;
        }
        fnv(&lb[s..])
    };
    let mut p = 3.min(lb.len());
    while !is_boundary(lb, p) {
        p += 1;
    }
    let mut info = WordInfo {
        lower: lower_hash,
        shape: shape_hash(w),
        prefix3: fnv(&lb[..p]),
        suffix2: suffix(2),
        suffix3: suffix(3),
        suffix4: suffix(4),
        ..WordInfo::default()
    };
    if t.kind == TokenKind::Word {
        // A word on a line in capitals ("JAPAN") is also looked up as it would be written in
        // Title Case.
        let title_hash = caps_line.then(|| title_case_hash(lb)).flatten();
        (info.lists, info.clusters) =
            lookup(written_hash, lower_hash, lb == w.as_bytes(), title_hash);
    }
    info
}

fn word_info(art: &Article, i: usize, full: bool, forms: &mut FxMap<u64, WordInfo>) -> WordInfo {
    let t = &art.tokens[i];
    let w = t.text(art.body);
    let written_hash = fnv(w.as_bytes());
    let caps_line = t.upper && t.title_line;
    let key = mix(
        written_hash,
        caps_line as u64 | ((t.kind == TokenKind::Word) as u64) << 1,
    );
    let mut info = *forms
        .entry(key)
        .or_insert_with(|| word_form(t, w, written_hash, caps_line));
    info.run = (i as u32, i as u32 + 1);
    if full && is_name_token(t) {
        let (s, e) = run_around(art, i);
        info.run = (s as u32, e as u32);
    }
    info
}

/// The maximal run of name-like tokens on one line around token `i`.
fn run_around(art: &Article, i: usize) -> (usize, usize) {
    let toks = &art.tokens;
    let mut s = i;
    while s > 0 && !toks[s].newline_before && is_name_token(&toks[s - 1]) && !art.taken[s - 1] {
        s -= 1;
    }
    let mut e = i + 1;
    while e < toks.len() && !toks[e].newline_before && is_name_token(&toks[e]) && !art.taken[e] {
        e += 1;
    }
    (s, e)
}

/// What comes before the inner capital of a camel-case word: a surname prefix ("McCain",
/// "LeBron", "DeShawn", "MacArthur") or something else ("OpenAI", "PayPal", "iPhone"), and how
/// long it is. Names of people and of companies both use the shape; the head tells them apart.
fn camel_code(w: &str) -> u64 {
    let head = camel_head(w);
    let surname_prefix = CAMEL_SURNAME_PREFIXES.contains(&head);
    let lower_start = w.starts_with(|c: char| c.is_lowercase());
    (surname_prefix as u64) | (lower_start as u64) << 1 | (head.len().min(5) as u64) << 2
}

/// Word shape with runs collapsed: "Xx", "X", "X.X.", "xX", "Xd", hashed.
fn shape_hash(w: &str) -> u64 {
    let mut out = [0u8; 8];
    let mut n = 0;
    let mut last = 0u8;
    for c in w.chars() {
        let s = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_ascii_digit() {
            b'd'
        } else if c.is_alphabetic() {
            b'a'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'o'
        };
        if s != last && n < out.len() {
            out[n] = s;
            n += 1;
            last = s;
        }
    }
    // Length matters for acronyms ("UN" vs "NASDAQ") and initials.
    mix(fnv(&out[..n]), w.chars().count().min(6) as u64)
}

/// What the tagger knows of one word form: the word lists that hold it and its clusters.
#[derive(Clone, Copy, Default)]
struct WordEntry {
    lists: u32,
    classes: Classes,
}

/// Every word list and the word clusters as one map from a word to what is known of it: one
/// lookup for the word as written and one for its lower case, instead of one per list.
/// Keyed by the word's hash: no string comparison on a hit.
static WORDS: LazyLock<FxMap<u64, WordEntry>> = LazyLock::new(|| {
    let g = &*GAZ;
    let mut m: FxMap<u64, WordEntry> = FxMap::default();
    let mut add = |words: &mut dyn Iterator<Item = &'static str>, bit: u32| {
        for w in words {
            m.entry(fnv(w.as_bytes())).or_default().lists |= bit;
        }
    };
    add(&mut g.first_names.iter().copied(), list::FIRST_NAME);
    add(
        &mut g.surnames.iter().filter(|e| *e.1 < 2000).map(|e| *e.0),
        list::SURNAME_FREQUENT,
    );
    add(
        &mut g.surnames.iter().filter(|e| *e.1 >= 2000).map(|e| *e.0),
        list::SURNAME,
    );
    add(&mut g.demonyms.iter().copied(), list::DEMONYM);
    add(&mut g.common.iter().copied(), list::COMMON_WORD);
    add(&mut PERSON_TITLES.iter().copied(), list::PERSON_TITLE);
    add(&mut ROLE_NOUNS.iter().copied(), list::ROLE_NOUN);
    add(&mut ORG_SUFFIXES.iter().copied(), list::ORG_SUFFIX);
    add(&mut PLACE_SUFFIXES.iter().copied(), list::PLACE_SUFFIX);
    add(&mut ORG_PREFIXES.iter().copied(), list::ORG_PREFIX);
    add(&mut PLACE_PREFIXES.iter().copied(), list::PLACE_PREFIX);
    add(&mut NOT_NAMES.iter().copied(), list::NOT_A_NAME);
    add(&mut PERSON_VERBS.iter().copied(), list::PERSON_VERB);
    add(&mut PRODUCT_NOUNS.iter().copied(), list::PRODUCT_NOUN);
    add(&mut ORG_FOLLOWERS.iter().copied(), list::ORG_FOLLOWER);
    add(&mut PLACE_FOLLOWERS.iter().copied(), list::PLACE_FOLLOWER);
    for (hash, classes) in clusters::entries() {
        m.entry(hash).or_default().classes = classes;
    }
    m
});

/// Lists that hold capitalised words (matched as written) and lower-case words (matched in
/// lower case).
const CASED_LISTS: u32 = list::FIRST_NAME
    | list::SURNAME_FREQUENT
    | list::SURNAME
    | list::DEMONYM
    | list::PERSON_TITLE
    | list::ORG_SUFFIX
    | list::PLACE_SUFFIX
    | list::ORG_PREFIX
    | list::PLACE_PREFIX
    | list::NOT_A_NAME;

/// The hash of a lower-case ASCII word with its first letter in capitals; `None` for other
/// words.
fn title_case_hash(lower: &[u8]) -> Option<u64> {
    let mut buf = [0u8; 32];
    if lower.len() > buf.len() || !lower.is_ascii() {
        return None;
    }
    buf[..lower.len()].copy_from_slice(lower);
    buf[0] = buf[0].to_ascii_uppercase();
    Some(fnv(&buf[..lower.len()]))
}

/// Lists matched on the word as written.
const WRITTEN_LISTS: u32 =
    CASED_LISTS | list::PRODUCT_NOUN | list::ORG_FOLLOWER | list::PLACE_FOLLOWER;

/// The list memberships and clusters of a word from the hashes of its forms: as written, in
/// lower case (`same`: the two are one), and in Title Case for a word on a line in capitals.
/// Cased lists match the written (or Title Case) form, the others the lower case; clusters
/// come from the written (or Title Case) form, else the lower case.
fn lookup(written: u64, lower: u64, same: bool, title: Option<u64>) -> (u32, Classes) {
    let m = &*WORDS;
    let get = |h: u64| m.get(&h).copied().unwrap_or_default();
    let as_written = get(written);
    let lowered = if same { as_written } else { get(lower) };
    let mut lists = (as_written.lists & WRITTEN_LISTS) | (lowered.lists & !CASED_LISTS);
    let first = match title {
        Some(t) => {
            let titled = get(t);
            lists |= titled.lists & WRITTEN_LISTS;
            titled.classes
        }
        None => as_written.classes,
    };
    let classes = if first == [0; LEVELS] {
        lowered.classes
    } else {
        first
    };
    (lists, classes)
}

/// Appends the features of token `i` (inside a decoding window) to `out`.
pub fn token_features(art: &Article, table: &WordTable, i: usize, out: &mut Vec<u64>) {
    let toks = &art.tokens;
    let n = toks.len();
    let t = &toks[i];
    let me = table.get(i);
    let at = |k: Option<usize>| -> Option<&WordInfo> {
        k.filter(|&k| k < n && table.has(k)).map(|k| table.get(k))
    };
    let lower_at = |k: Option<usize>| at(k).map_or(OUTSIDE, |w| w.lower);
    let prev = i.checked_sub(1);
    let next = Some(i + 1);
    let f = |space: u64, v: u64| mix(space, v);
    out.push(ns::BIAS);
    out.push(f(ns::WORD, me.lower));
    out.push(f(ns::SHAPE, me.shape));
    if t.camel {
        out.push(f(ns::CAMEL, camel_code(art.text(i))));
    }
    out.push(f(ns::WORD_SHAPE, mix(me.lower, me.shape)));
    out.push(f(ns::PREFIX3, me.prefix3));
    out.push(f(ns::SUFFIX2, me.suffix2));
    out.push(f(ns::SUFFIX3, me.suffix3));
    out.push(f(ns::SUFFIX4, me.suffix4));
    let (lp, ln) = (lower_at(prev), lower_at(next));
    out.push(f(ns::WORD_PREV, lp));
    out.push(f(ns::WORD_NEXT, ln));
    out.push(f(ns::WORD_PREV2, lower_at(i.checked_sub(2))));
    out.push(f(ns::WORD_NEXT2, lower_at(Some(i + 2))));
    out.push(f(ns::SHAPE_PREV, at(prev).map_or(OUTSIDE, |w| w.shape)));
    out.push(f(ns::SHAPE_NEXT, at(next).map_or(OUTSIDE, |w| w.shape)));
    out.push(f(ns::BIGRAM_PREV, mix(lp, me.lower)));
    out.push(f(ns::BIGRAM_NEXT, mix(me.lower, ln)));
    // Capitalisation in context: a sentence start or a headline makes capitals weak evidence.
    let after_open = prev.is_some_and(|p| {
        toks[p].kind == TokenKind::Punct
            && matches!(
                toks[p].text(art.body),
                "(" | "[" | "“" | "\"" | ":" | "•" | "*" | "|" | "-" | "–" | "—" | ">"
            )
    });
    let position = t.sent_start as u64
        | (t.title_line as u64) << 1
        | (t.upper as u64) << 2
        | (after_open as u64) << 3
        | (t.newline_before as u64) << 4;
    out.push(f(ns::POSITION, position));
    out.push(f(ns::POSITION_SHAPE, mix(position, me.shape)));
    // Word lists.
    out.push(f(ns::LISTS, me.lists as u64));
    for bit in 0..list::COUNT {
        if me.lists & (1 << bit) != 0 {
            out.push(f(ns::LIST, bit as u64 | position << 8));
        }
    }
    out.push(f(
        ns::LISTS_PREV,
        at(prev).map_or(u64::MAX, |w| w.lists as u64),
    ));
    out.push(f(
        ns::LISTS_NEXT,
        at(next).map_or(u64::MAX, |w| w.lists as u64),
    ));
    // Word clusters: the token's at every granularity, its neighbours' at the middle one.
    for (level, &c) in me.clusters.iter().enumerate() {
        out.push(f(ns::CLUSTER, (level as u64) << 16 | c as u64));
    }
    out.push(f(ns::CLUSTER_SHAPE, mix(me.clusters[1] as u64, me.shape)));
    out.push(f(
        ns::CLUSTER_PREV,
        at(prev).map_or(u64::MAX, |w| w.clusters[1] as u64),
    ));
    out.push(f(
        ns::CLUSTER_NEXT,
        at(next).map_or(u64::MAX, |w| w.clusters[1] as u64),
    ));
    out.push(f(ns::PHRASE, me.phrase as u64));
    out.push(f(ns::PHRASE_PREV, at(prev).map_or(99, |w| w.phrase as u64)));
    out.push(f(ns::PHRASE_NEXT, at(next).map_or(99, |w| w.phrase as u64)));
    // The run of capitalised words around the token ("... Corp", "University of ...").
    let (rs, re) = (me.run.0 as usize, me.run.1 as usize);
    let len = re - rs;
    let place = match (i - rs, len) {
        (_, 1) => 3,
        (0, _) => 0,
        (k, l) if k + 1 == l => 2,
        _ => 1,
    };
    out.push(f(ns::RUN, (len.min(4) * 4 + place) as u64));
    if len > 1 {
        out.push(f(ns::RUN_FIRST, mix(lower_at(Some(rs)), place as u64)));
        out.push(f(ns::RUN_LAST, mix(lower_at(Some(re - 1)), place as u64)));
        out.push(f(
            ns::RUN_LAST_LISTS,
            at(Some(re - 1)).map_or(0, |w| w.lists as u64) | (place as u64) << 32,
        ));
    }
    // A gazetteer name inside a longer capitalised run ("New Orleans Saints", "California
    // Highway Patrol"): the run may be another name that contains it.
    if me.phrase != 0 && len > 1 {
        let (ps, pe) = (me.phrase_span.0 as usize, me.phrase_span.1 as usize);
        let code = (ps > rs) as u64 | ((pe < re) as u64) << 1;
        out.push(f(ns::PHRASE_IN_RUN, code | (me.phrase as u64) << 2));
    }
    out.push(f(ns::RUN_BEFORE, lower_at(rs.checked_sub(1))));
    out.push(f(ns::RUN_AFTER, lower_at(Some(re))));
    // What the rest of the article says about the same word.
    if is_name_token(t) {
        let w = t.text(art.body);
        let elsewhere_mid = art
            .capitalised_mid_sentence(w)
            .saturating_sub((!t.sent_start && !t.title_line) as u16);
        let lower_too = art.seen_lowercase(w);
        let code = lower_too as u64
            | (elsewhere_mid.min(2) as u64) << 1
            | (t.sent_start as u64) << 3
            | (t.title_line as u64) << 4;
        out.push(f(ns::ARTICLE, code));
        if art.is_surname_here(w) {
            out.push(f(
                ns::ARTICLE_SURNAME,
                (i == rs) as u64 | (len.min(3) as u64) << 1,
            ));
        }
        if t.upper {
            out.push(f(ns::ARTICLE_TITLE_CASE, art.seen_title_case(w) as u64));
        }
    }
}

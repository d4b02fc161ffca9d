//! The article as the name recogniser sees it, shared by the tagger and the passes after it.
//!
//! Capitalisation is the main evidence of a name, and whether one occurrence is a name depends on
//! the others: a word written in lower case elsewhere ("Talks" / "talks") is probably a common
//! word at a sentence start, a word capitalised mid-sentence elsewhere is probably a name in the
//! headline, and "Jassy" after "Andy Jassy" is the same person. `Article` tokenizes the body
//! once, records which tokens the figure recognisers claimed, and counts those article-wide facts
//! in one pass so that every later stage reads them in constant time.

use super::EntityKind;
use super::gazetteer::{GAZ, fnv, match_phrase};
use super::token::{Token, TokenKind, mark_context, tokenize};
use crate::fxhash::{FxMap, FxSet};

pub struct Article<'a> {
    pub body: &'a str,
    pub tokens: Vec<Token>,
    /// Tokens claimed by the figure recognisers (money, percentages, quantities, dates).
    pub taken: Vec<bool>,
    /// Lower-case word forms (hashed) that occur in the article and are also capitalised.
    lowercase: FxSet<u64>,
    /// Capitalised (or camel-case) word forms, with how often each is capitalised in body text
    /// (not at a sentence start or on a headline line).
    capitalised: FxMap<&'a str, u16>,
    /// Last words of "First Last" names whose first word is a known first name.
    surnames: FxSet<&'a str>,
    /// The longest gazetteer phrase starting at each token (tokens, kind), looked up once.
    phrases: Vec<Option<(u8, EntityKind)>>,
}

impl<'a> Article<'a> {
    pub fn new(body: &'a str) -> Article<'a> {
        Article::with_sentences(body, &crate::sentences::split_sentences(body))
    }

    /// [`Article::new`] for a body already split into `sentences` (byte ranges, in order).
    pub fn with_sentences(body: &'a str, sentences: &[std::ops::Range<usize>]) -> Article<'a> {
        let mut tokens = tokenize(body);
        mark_context(body, &mut tokens, sentences);
        let n = tokens.len();
        let mut article = Article {
            body,
            tokens,
            taken: vec![false; n],
            lowercase: FxSet::default(),
            capitalised: FxMap::with_capacity_and_hasher(n / 8, Default::default()),
            surnames: FxSet::default(),
            phrases: vec![None; n],
        };
        article.count_forms();
        for i in 0..n {
            if is_name_token(&article.tokens[i]) {
                article.phrases[i] = match_phrase(body, &article.tokens, i)
                    .map(|(len, kind)| (len.min(u8::MAX as usize) as u8, kind));
            }
        }
        article
    }

    fn count_forms(&mut self) {
        let body = self.body;
        let g = &*GAZ;
        let tokens = std::mem::take(&mut self.tokens);
        let mut run_start: Option<usize> = None;
        for (i, t) in tokens.iter().enumerate() {
            let name_like = is_name_token(t);
            if name_like {
                let c = self.capitalised.entry(t.text(body)).or_default();
                if !t.sent_start && !t.title_line {
                    *c = c.saturating_add(1);
                }
            }
            // "First Last" and "First Middle Last" runs on one line.
            let continues = name_like && !t.newline_before && run_start.is_some();
            if !continues {
                if let Some(s) = run_start {
                    self.note_full_name(&tokens[s..i], g);
                }
                run_start = name_like.then_some(i);
            }
        }
        if let Some(s) = run_start {
            self.note_full_name(&tokens[s..], g);
        }
        // Lower-case forms of the capitalised words, looked up for every lower-case word: a
        // lookup in a small table is cheaper than inserting every word of the article.
        let wanted: FxSet<u64> = self.capitalised.keys().map(|w| lower_hash(w)).collect();
        for t in &tokens {
            if t.kind == TokenKind::Word && !t.cap && !t.camel {
                let h = fnv(t.text(body).as_bytes());
                if wanted.contains(&h) {
                    self.lowercase.insert(h);
                }
            }
        }
        self.tokens = tokens;
    }

    fn note_full_name(&mut self, run: &[Token], g: &super::gazetteer::Gazetteer) {
        if (2..=3).contains(&run.len()) && g.first_names.contains(run[0].text(self.body)) {
            let last = &run[run.len() - 1];
            if !last.upper {
                self.surnames.insert(last.text(self.body));
            }
        }
    }

    pub fn text(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.body)
    }

    /// The longest gazetteer phrase starting at token `i`: its length in tokens and its kind.
    pub fn phrase_at(&self, i: usize) -> Option<(usize, EntityKind)> {
        self.phrases[i].map(|(len, kind)| (len as usize, kind))
    }

    /// How often the article capitalises `w` in body text (not at a sentence start or on a
    /// headline line).
    pub fn capitalised_mid_sentence(&self, w: &str) -> u16 {
        self.capitalised.get(w).copied().unwrap_or(0)
    }

    /// The article also writes `w` in lower case ("Talks" and "talks").
    pub fn seen_lowercase(&self, w: &str) -> bool {
        self.lowercase.contains(&lower_hash(w))
    }

    /// The article writes an ALL CAPS word in Title Case elsewhere ("JAPAN" and "Japan").
    pub fn seen_title_case(&self, w: &str) -> bool {
        let mut buf = [0u8; 32];
        if w.len() > buf.len() || !w.is_ascii() {
            return false;
        }
        for (k, (d, s)) in buf.iter_mut().zip(w.bytes()).enumerate() {
            *d = if k == 0 { s } else { s.to_ascii_lowercase() };
        }
        std::str::from_utf8(&buf[..w.len()]).is_ok_and(|t| self.capitalised.contains_key(t))
    }

    /// `w` ends a "First Last" name somewhere in the article.
    pub fn is_surname_here(&self, w: &str) -> bool {
        self.surnames.contains(w)
    }
}

/// A word that may be (part of) a name: capitalised, camel-case ("iPhone") or all caps.
#[inline]
pub fn is_name_token(t: &Token) -> bool {
    t.kind == TokenKind::Word && (t.cap || t.camel)
}

/// The part of a camel-case word before its inner capital ("Open" of "OpenAI", "Mc" of
/// "McCain"); the whole word if there is none.
pub fn camel_head(w: &str) -> &str {
    let end = w
        .char_indices()
        .skip(1)
        .find(|(_, c)| c.is_uppercase())
        .map_or(w.len(), |(k, _)| k);
    &w[..end]
}

/// The hash of `w` in lower case.
fn lower_hash(w: &str) -> u64 {
    let mut buf = [0u8; 32];
    match ascii_lower_bytes(w, &mut buf) {
        Some(l) => fnv(l),
        None => fnv(w.to_lowercase().as_bytes()),
    }
}

/// ASCII lower case of `w` in `buf`; `None` for non-ASCII or long words.
#[inline]
pub fn ascii_lower<'b>(w: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    ascii_lower_bytes(w, buf).and_then(|l| std::str::from_utf8(l).ok())
}

/// [`ascii_lower`] as bytes, for hashing (no UTF-8 check).
#[inline]
pub fn ascii_lower_bytes<'b>(w: &str, buf: &'b mut [u8; 32]) -> Option<&'b [u8]> {
    if w.len() > buf.len() || !w.is_ascii() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    Some(&buf[..w.len()])
}

/// A name found in the article: tokens `start..end` and what it names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Name {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
}

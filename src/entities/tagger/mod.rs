//! The statistical name tagger: people, organisations and places as BIO tags over tokens.
//!
//! A linear model (averaged perceptron, trained by `examples/ner_train.rs` on open NER data)
//! scores each tag of each token from hashed features ([`features`]); Viterbi decoding
//! ([`decode`]) picks the best tag sequence. Only windows around name-like tokens are decoded:
//! a run of lower-case words is never a name, so most of an article costs one capital-letter
//! test per token. A window is a run of capitalised (or camel-case) tokens, joined across at
//! most two connecting tokens ("Bank of America", "AT & T"); tokens claimed by the figure
//! recognisers end a window.

mod clusters;
mod decode;
mod features;
mod model;

pub use model::Model;

use super::EntityKind;
use super::context::{Article, Name, ascii_lower, is_name_token};
use super::lexicon::{is_closed_class_word, is_name_connector};
use super::token::TokenKind;
use features::{WordTable, token_features};
use std::ops::Range;

/// Number of BIO tags: O, then B and I for person, organisation and place.
pub const TAGS: usize = 7;

/// The name kinds the tagger knows, in tag order.
const KINDS: [EntityKind; 3] = [EntityKind::Person, EntityKind::Org, EntityKind::Place];

/// One BIO tag, as an index: 0 = O, 1 + 2k = B-kind, 2 + 2k = I-kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tag(u8);

impl Tag {
    #[cfg(feature = "train")]
    pub const OUTSIDE: Tag = Tag(0);

    /// A training token whose tag is not known (inside a MISC name).
    #[cfg(feature = "train")]
    pub const UNKNOWN: Tag = Tag(u8::MAX);

    pub fn from_index(i: usize) -> Tag {
        Tag(i as u8)
    }

    #[cfg(feature = "train")]
    pub fn begin(kind: EntityKind) -> Option<Tag> {
        let k = KINDS.iter().position(|&x| x == kind)?;
        Some(Tag(1 + 2 * k as u8))
    }

    #[cfg(feature = "train")]
    pub fn inside(kind: EntityKind) -> Option<Tag> {
        Some(Tag(Tag::begin(kind)?.0 + 1))
    }

    /// The kind of a B- or I- tag.
    pub fn kind(self) -> Option<EntityKind> {
        (self.0 > 0).then(|| KINDS[(self.0 as usize - 1) / 2])
    }

    /// The kind of an I- tag.
    pub fn inside_of(self) -> Option<EntityKind> {
        (self.0 > 0 && self.0.is_multiple_of(2)).then(|| KINDS[(self.0 as usize - 1) / 2])
    }
}

/// A token that may start or continue a window.
fn is_candidate(art: &Article, i: usize) -> bool {
    !art.taken[i] && is_name_token(&art.tokens[i])
}

fn is_connector(art: &Article, i: usize) -> bool {
    let t = &art.tokens[i];
    !art.taken[i]
        && !t.newline_before
        && match t.kind {
            TokenKind::Word => !t.cap && is_name_connector(t.text(art.body)),
            TokenKind::Punct => matches!(t.text(art.body), "&" | "-"),
            TokenKind::Num => false,
        }
}

/// "The", "In", "He" opening a sentence, or the pronoun "I": one capitalised closed-class word
/// alone is never a name, so its window is not worth decoding.
fn is_lone_function_word(art: &Article, i: usize) -> bool {
    let w = art.text(i);
    let mut buf = [0u8; 32];
    w.len() <= 9 && ascii_lower(w, &mut buf).is_some_and(is_closed_class_word)
}

/// The token ranges the tagger decodes; every other token is outside any name.
pub fn windows(art: &Article) -> Vec<Range<usize>> {
    let n = art.tokens.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !is_candidate(art, i) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        loop {
            if end < n && is_candidate(art, end) && !art.tokens[end].newline_before {
                end += 1;
                continue;
            }
            let mut k = end;
            while k < n && k < end + 2 && is_connector(art, k) {
                k += 1;
            }
            if k > end && k < n && is_candidate(art, k) && !art.tokens[k].newline_before {
                end = k + 1;
                continue;
            }
            break;
        }
        if !(end == start + 1 && is_lone_function_word(art, start)) {
            out.push(start..end);
        }
        i = end;
    }
    out
}

/// Reusable buffers for tagging.
#[derive(Default)]
struct Scratch {
    features: Vec<u64>,
    emissions: Vec<[f32; TAGS]>,
    back: Vec<[u8; TAGS]>,
    tags: Vec<u8>,
}

/// The windows of `art` and the word information of their tokens and neighbours.
fn prepare(art: &Article) -> (WordTable, Vec<Range<usize>>) {
    let windows = windows(art);
    // Each window's tokens and two neighbours on each side.
    let filled = windows.iter().map(|w| w.len() + 4).sum::<usize>();
    let mut table = WordTable::new(art.tokens.len(), filled.min(art.tokens.len()));
    for w in &windows {
        table.fill(art, w.clone());
    }
    (table, windows)
}

/// Names in `art` under `model`, in order.
pub fn tag(art: &Article, model: &Model) -> Vec<Name> {
    let (table, windows) = prepare(art);
    decode_all(art, &table, &windows, model, &mut Scratch::default())
}

fn decode_all(
    art: &Article,
    table: &WordTable,
    windows: &[Range<usize>],
    model: &Model,
    s: &mut Scratch,
) -> Vec<Name> {
    let mut names = Vec::new();
    for w in windows {
        s.emissions.clear();
        for i in w.clone() {
            s.features.clear();
            token_features(art, table, i, &mut s.features);
            let mut e = [0f32; TAGS];
            model.score(&s.features, &mut e);
            s.emissions.push(e);
        }
        decode::viterbi(&s.emissions, &model.transitions, &mut s.back, &mut s.tags);
        spans_of(&s.tags, w.start, &mut names);
    }
    names
}

/// Appends the spans of a BIO tag sequence that starts at token `offset`.
fn spans_of(tags: &[u8], offset: usize, out: &mut Vec<Name>) {
    let mut k = 0;
    while k < tags.len() {
        let tag = Tag(tags[k]);
        match tag.kind() {
            Some(kind) if tag.inside_of().is_none() => {
                let mut e = k + 1;
                while e < tags.len() && Tag(tags[e]).inside_of() == Some(kind) {
                    e += 1;
                }
                out.push(Name {
                    start: offset + k,
                    end: offset + e,
                    kind,
                });
                k = e;
            }
            _ => k += 1,
        }
    }
}

/// One window with its features and gold tags, for training.
#[cfg(feature = "train")]
pub struct Sequence {
    /// Features of every token, concatenated; token k owns `features[starts[k]..starts[k+1]]`.
    pub features: Vec<u64>,
    pub starts: Vec<u32>,
    pub gold: Vec<u8>,
}

/// The windows of `art` with gold tags from `gold` (one tag per token).
#[cfg(feature = "train")]
pub fn sequences(art: &Article, gold: &[Tag]) -> Vec<Sequence> {
    let (table, windows) = prepare(art);
    let mut out = Vec::new();
    for w in windows {
        let mut seq = Sequence {
            features: Vec::new(),
            starts: vec![0],
            gold: Vec::new(),
        };
        for i in w.clone() {
            token_features(art, &table, i, &mut seq.features);
            seq.starts.push(seq.features.len() as u32);
            // A name cut by the window edge starts at the edge.
            let mut g = gold[i];
            if i == w.start
                && let Some(kind) = g.inside_of()
            {
                g = Tag::begin(kind).unwrap_or(Tag::OUTSIDE);
            }
            seq.gold.push(g.0);
        }
        out.push(seq);
    }
    out
}

/// Decodes one window's emission scores (for the trainer, which scores with float weights).
#[cfg(feature = "train")]
pub fn decode(emissions: &[[f32; TAGS]], transitions: &[[f32; TAGS]; TAGS + 1], out: &mut Vec<u8>) {
    let mut back = Vec::new();
    decode::viterbi(emissions, transitions, &mut back, out);
}

/// Whether tag `next` may follow `previous` (`None`: window start).
#[cfg(feature = "train")]
pub fn allowed(previous: Option<usize>, next: usize) -> bool {
    decode::allowed(previous, next)
}

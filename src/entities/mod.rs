//! Named-entity and figure recognition for article bodies.
//!
//! crossread highlights who and what an article is about and compares the figures that different
//! sources report for the same story, so it needs entities with exact byte spans and, for figures,
//! normalised values. This module is rule- and gazetteer-based (no regex) so that it is fast,
//! deterministic and explainable: a hand-written tokenizer (`token`), figure recognisers
//! (`numeric`, `dates`) that run first and claim their tokens, then the name recogniser (`names`,
//! `classify`) over the remaining tokens, backed by word lists (`gazetteer`, `lexicon`). A small
//! linear model (`model`, weights compiled in) may veto or retype the rules' weakest name guesses.

mod classify;
mod dates;
mod gazetteer;
mod lexicon;
mod model;
mod names;
mod numeric;
mod token;

#[cfg(test)]
mod tests;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EntityKind {
    Person,
    Org,
    Place,
    Product,
    Money,
    Percent,
    Date,
    Quantity,
}

impl EntityKind {
    /// Every kind, in the order the reader's legend and the listings show them.
    pub const ALL: [EntityKind; 8] = [
        EntityKind::Person,
        EntityKind::Org,
        EntityKind::Place,
        EntityKind::Product,
        EntityKind::Money,
        EntityKind::Percent,
        EntityKind::Date,
        EntityKind::Quantity,
    ];

    /// The name used in JSON and on screen ("PERSON", "ORG", ...).
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Person => "PERSON",
            EntityKind::Org => "ORG",
            EntityKind::Place => "PLACE",
            EntityKind::Product => "PRODUCT",
            EntityKind::Money => "MONEY",
            EntityKind::Percent => "PERCENT",
            EntityKind::Date => "DATE",
            EntityKind::Quantity => "QUANTITY",
        }
    }

    /// Position in [`EntityKind::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Entity {
    pub kind: EntityKind,
    /// Exactly `&body[start..end]`.
    pub text: String,
    /// UTF-8 byte offsets into the body.
    pub start: usize,
    pub end: usize,
    /// MONEY, PERCENT, QUANTITY: the number in base units ("$50 billion" -> 5e10). Ranges use
    /// their upper bound.
    pub value: Option<f64>,
    /// ISO currency code for money, "%" for percentages, the counted noun or "x" for quantities.
    pub unit: Option<String>,
    /// Hedge before a figure ("up to", "more than"), kept outside the span.
    pub qualifier: Option<String>,
    /// DATE: "2026-01-29", "2025-11", "2026-Q4", "2026-W05", "2026".
    pub normalized: Option<String>,
}

/// Entity over tokens `s..e`.
pub(crate) fn make(
    body: &str,
    toks: &[token::Token],
    kind: EntityKind,
    s: usize,
    e: usize,
) -> Entity {
    let start = toks[s].start;
    let end = toks[e - 1].end;
    Entity {
        kind,
        text: body[start..end].to_string(),
        start,
        end,
        value: None,
        unit: None,
        qualifier: None,
        normalized: None,
    }
}

/// Recognise entities in an article body. `published` is an ISO date or date-time used to resolve
/// relative dates. Entities are sorted by start and never overlap.
pub fn recognize(body: &str, published: Option<&str>) -> Vec<Entity> {
    run(body, published, None)
}

fn run(
    body: &str,
    published: Option<&str>,
    collect: Option<&mut Vec<names::TrainCand>>,
) -> Vec<Entity> {
    let sents = crate::sentences::split_sentences(body);
    let mut toks = token::tokenize(body);
    token::mark_context(body, &mut toks, &sents);
    let mut taken = vec![false; toks.len()];
    let mut out = Vec::new();
    numeric::find(body, &toks, &mut taken, &mut out);
    dates::find(body, &toks, published, &mut taken, &mut out);
    names::find(body, &toks, &mut taken, &mut out, collect);
    out.sort_by_key(|e| e.start);
    out
}

/// Training hooks for `examples/ner_train.rs` (cargo feature `train`; not part of the API).
#[cfg(feature = "train")]
#[doc(hidden)]
pub mod train {
    pub use super::model::{
        BITS, C_LOC, C_NONE, C_ORG, C_OTHER, C_PER, CLASSES, DROP_THRESHOLD, MODE, RuleInfo,
        THRESHOLD, class_of, combine, eligible, softmax,
    };
    pub use super::names::TrainCand;

    /// The name spans the rules produce for `body` (before the model), with their features.
    pub fn candidates(body: &str) -> Vec<TrainCand> {
        let mut c = Vec::new();
        super::run(body, None, Some(&mut c));
        c
    }
}

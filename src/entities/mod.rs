//! Named-entity and figure recognition for article bodies.
//!
//! crossread highlights who and what an article is about and compares the figures that different
//! sources report for the same story, so it needs entities with exact byte spans and, for figures,
//! normalised values. The pipeline, in order:
//! 1. `context`: the article tokenized once (`token`), with article-wide counts of how each word
//!    is written;
//! 2. `numeric` and `dates`: exact rules for money, percentages, quantities and dates, with
//!    their values; they claim their tokens first;
//! 3. `tagger`: a statistical tagger (averaged perceptron over BIO tags, Viterbi decoding,
//!    weights in `assets/ner_tagger.bin`) for people, organisations and places, reading word
//!    lists (`gazetteer`, `lexicon`) as features;
//! 4. `passes`: named rules after the tagger (products, sports teams, article-level
//!    consistency), each of which [`explain`] can report.

mod context;
mod dates;
mod gazetteer;
mod lexicon;
mod numeric;
mod passes;
mod tagger;
mod token;

#[cfg(test)]
mod tests;

pub use passes::Change;

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
    run(
        context::Article::new(body),
        published,
        tagger::Model::shipped(),
        None,
        &[],
    )
}

/// [`recognize`] for a body already split into `sentences` (as
/// [`crate::sentences::split_sentences`] splits it): indexing splits every body once for both.
pub fn recognize_in_sentences(
    body: &str,
    sentences: &[std::ops::Range<usize>],
    published: Option<&str>,
) -> Vec<Entity> {
    run(
        context::Article::with_sentences(body, sentences),
        published,
        tagger::Model::shipped(),
        None,
        &[],
    )
}

/// What each rule after the tagger changed in `body`'s names, in order (pass name, the name,
/// its kind before and after), for evaluation tools that ask why a name came out as it did.
pub fn explain(body: &str) -> Vec<Change> {
    let mut trace = Vec::new();
    run(
        context::Article::new(body),
        None,
        tagger::Model::shipped(),
        Some(&mut trace),
        &[],
    );
    trace
}

fn run(
    mut art: context::Article<'_>,
    published: Option<&str>,
    model: Option<&tagger::Model>,
    trace: Option<&mut Vec<Change>>,
    skip_passes: &[&str],
) -> Vec<Entity> {
    let body = art.body;
    let mut out = Vec::new();
    numeric::find(body, &art.tokens, &mut art.taken, &mut out);
    dates::find(body, &art.tokens, published, &mut art.taken, &mut out);
    let mut names = model.map(|m| tagger::tag(&art, m)).unwrap_or_default();
    passes::run_all(&art, &mut names, trace, skip_passes);
    out.extend(
        names
            .iter()
            .map(|n| make(body, &art.tokens, n.kind, n.start, n.end)),
    );
    out.sort_by_key(|e| e.start);
    out
}

/// Training hooks for `examples/ner_train.rs` (cargo feature `train`; not part of the API).
#[cfg(feature = "train")]
#[doc(hidden)]
pub mod train {
    pub use super::tagger::{Model, Sequence, TAGS, Tag, allowed, decode};
    use super::{Entity, EntityKind, context::Article, dates, numeric, tagger};

    /// The tagger's windows of `body` with gold tags from `gold` (kind, byte start, byte end):
    /// a token is inside a gold name when its bytes are.
    ///
    /// Names of another kind (`None`: MISC) leave their tokens' tags free: the trainer learns
    /// neither that they are names nor that they are not.
    pub fn sequences(body: &str, gold: &[(Option<EntityKind>, usize, usize)]) -> Vec<Sequence> {
        let mut art = Article::new(body);
        let mut figures = Vec::new();
        numeric::find(body, &art.tokens, &mut art.taken, &mut figures);
        dates::find(body, &art.tokens, None, &mut art.taken, &mut figures);
        let mut tags = vec![Tag::OUTSIDE; art.tokens.len()];
        for &(kind, s, e) in gold {
            let mut first = true;
            for (i, t) in art.tokens.iter().enumerate() {
                if t.start >= s && t.end <= e {
                    tags[i] = match kind {
                        Some(k) if first => Tag::begin(k).unwrap_or(Tag::OUTSIDE),
                        Some(k) => Tag::inside(k).unwrap_or(Tag::OUTSIDE),
                        None => Tag::UNKNOWN,
                    };
                    first = false;
                }
            }
        }
        tagger::sequences(&art, &tags)
    }

    /// [`super::recognize`] with another tagger model, without the passes named in `skip`.
    pub fn recognize_with(
        body: &str,
        published: Option<&str>,
        model: &Model,
        skip: &[&str],
    ) -> Vec<Entity> {
        super::run(Article::new(body), published, Some(model), None, skip)
    }

    /// The text of every token of `body`, as the tagger sees them (for `ner_clusters`).
    pub fn token_texts(body: &str) -> Vec<&str> {
        super::token::tokenize(body)
            .iter()
            .map(|t| t.text(body))
            .collect()
    }

    /// The names of the passes after the tagger, in order.
    pub fn pass_names() -> Vec<&'static str> {
        super::passes::PASSES.iter().map(|p| p.name).collect()
    }
}

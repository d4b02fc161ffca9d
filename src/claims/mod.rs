//! Cross-source claim linking: decide when sentences in different articles state the same
//! checkable fact, and whether they agree on its figures and dates. The pipeline, one file a
//! step: [`extract`] reduces a sentence, with what [`context`] keeps of its article, to a small
//! [`ClaimSignature`] (who, what, which figures, when); [`neighbours`] finds each article's
//! nearest articles by tf-idf over a frozen background vocabulary ([`vocab`]), so only
//! sentences of neighbouring articles are compared;
//! [`features`] measures a sentence pair and its two articles ([`features::PAIR_FEATURES`],
//! [`features::STORY_FEATURES`]); [`model`] holds the logistic regression trained on ECB+ (weights in
//! `assets/claims/model.json`, retrained by `examples/claims_train.rs`) and [`scorer`] turns
//! features into a probability ([`judge`]) or an account of it ([`explain`]); [`cluster`]
//! groups scored pairs into claims by average link, never by chains of single links; and
//! [`contradiction`] compares the figures and dates of two mentions of one claim.

pub mod cluster;
mod context;
mod contradiction;
mod extract;
pub mod features;
mod figures;
mod lexicon;
pub mod model;
mod names;
pub mod neighbours;
mod scorer;
mod summary;
#[cfg(test)]
mod tests;
mod vocab;

pub use context::{ArticleContext, article_cast, article_participants};
pub use contradiction::{FigureVerdict, compare_figures};
pub use extract::{signature, signature_in_context, signature_with};
pub use features::{ArticleVector, PairFeatures, Prepared, StoryFeatures, pair_features};
pub use lexicon::{reads_as_english, stem};
pub use names::same_name;
pub use scorer::{Explanation, explain, judge, same_claim_probability};
pub use summary::summary;

/// What a sentence asserts, reduced to the parts that make a fact checkable. Cheap to store: a
/// few short strings and numbers, serialised as JSON next to the sentence in the index.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ClaimSignature {
    /// Named people, organisations and products, normalised ("amazon", "sam altman"), sorted.
    pub participants: Vec<String>,
    /// Named places, normalised, sorted.
    pub places: Vec<String>,
    /// Event classes of the predicate words ("invest", "quake", "arrest"), in sentence order.
    pub predicates: Vec<String>,
    /// Stemmed content words outside names, dates, figures and attribution boilerplate, sorted.
    pub terms: Vec<String>,
    /// Figures stated by the sentence.
    pub values: Vec<ClaimValue>,
    /// Dates: ISO-like when normalised ("2025-10", "2008-12-14"), else lowercase text ("sunday").
    pub dates: Vec<String>,
    /// The article's leading names (from [`signature_in_context`]), normalised: who the article
    /// is about, which tells two same-kind events apart when the sentence names nobody.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub context: Vec<String>,
    /// The article's publication day (YYYY-MM-DD) when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Event concepts (WordNet synsets, see `vocab`) the sentence's words evoke, sorted:
    /// "invested" and "investment", "talks" and "negotiating" share one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub concepts: Vec<u32>,
    /// The participants the recogniser typed as people, normalised, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub persons: Vec<String>,
    /// Position of the sentence in its article (0: the headline or first line).
    #[serde(default)]
    pub position: u32,
    /// The sentence quotes someone.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub quote: bool,
}

/// One figure in a claim.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ClaimValue {
    /// "money", "percent" or "quantity".
    pub kind: String,
    pub value: f64,
    /// "USD", "%", or the counted noun for quantities ("people", "magnitude").
    pub unit: String,
    /// "up to", "about", "more than", ... when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// What the figure measures ("invest", "valuation", "round", "deaths"), when a nearby word says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Participant named just before the figure (usually the actor: "Amazon ... $50 billion").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    /// Participant named just after it ("$50 billion in OpenAI").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The figure as written, for display ("$50 billion").
    pub text: String,
}

/// Whether two mentions of the same claim agree on its figures and dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Support,
    Conflict,
}

/// Verdict of [`judge`] for a candidate pair of sentences.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LinkJudgement {
    /// The pair part of the model's logit ([`model::ClaimModel::pair_logit`]); the story part
    /// is added when the library is read ([`same_claim_probability`]).
    pub score: f32,
    pub stance: Stance,
    /// Human-readable conflicting values when `stance` is Conflict, e.g. "$50 billion vs $10 billion".
    pub detail: Option<String>,
}

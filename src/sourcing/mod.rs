//! Who says it, and how sure: the attribution and certainty of a sentence.
//!
//! Five outlets repeating a figure is less than it seems when all of them cite one report, and
//! "could exceed $10 billion" is not "has invested $8 billion". For each sentence this module
//! finds the outlets, people or documents it attributes its content to, each with a
//! [`Role`] ("according to CNBC", "as first reported by The Information", "people familiar
//! with the matter"), and a [`Certainty`] after FactBank's factuality scale simplified to four
//! values, judged on the main clause so that a hedge in a relative or adverbial clause does not
//! leak onto the claim. Attribution phrases are exact conventions of news writing, so the rules
//! here are plain pattern matches over words and recognised names; every word they use lives in
//! `assets/sourcing/lexicon.txt`. The functions are pure: a sentence, its neighbours, its
//! entities and the publishing article's own source in; [`Sourcing`] out.

mod attribution;
mod certainty;
mod lexicon;
mod speakers;
mod words;

#[cfg(test)]
mod tests;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::entities::{Entity, EntityKind};
use crate::library::index::StoredArticle;

pub use attribution::attribute;
pub use certainty::certainty;

/// How a sentence attributes its content to a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// "according to X", "X said", "X reported", "told X".
    AccordingTo,
    /// "first reported by X", "X broke the news", "citing a report by X".
    FirstReported,
    /// "people familiar with the matter", "sources said", "a person close to".
    Anonymous,
}

impl Role {
    /// The name used in JSON ("according_to", ...).
    pub fn label(self) -> &'static str {
        match self {
            Role::AccordingTo => "according_to",
            Role::FirstReported => "first_reported",
            Role::Anonymous => "anonymous",
        }
    }
}

/// One source a sentence attributes its content to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Attribution {
    /// The source as the sentence names it ("CNBC", "sources familiar with the discussions").
    pub source: String,
    pub role: Role,
}

/// How firmly a sentence states its claim (FactBank's scale in four steps).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Certainty {
    /// Stated as done or true.
    Certain,
    /// Expected, planned, set to, will.
    Probable,
    /// Could, may, might, potential, in talks, considering, negotiating.
    Possible,
    /// Denied, did not, no longer.
    Denied,
}

impl Certainty {
    pub const ALL: [Certainty; 4] = [
        Certainty::Certain,
        Certainty::Probable,
        Certainty::Possible,
        Certainty::Denied,
    ];

    /// The name used in JSON and on screen ("certain", ...).
    pub fn label(self) -> &'static str {
        match self {
            Certainty::Certain => "certain",
            Certainty::Probable => "probable",
            Certainty::Possible => "possible",
            Certainty::Denied => "denied",
        }
    }
}

/// A sentence's attribution and certainty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sourcing {
    pub attribution: Vec<Attribution>,
    pub certainty: Certainty,
}

impl Sourcing {
    /// The compact form the reader's side panel shows: "via CNBC, first: The Information ·
    /// possible". Sources come grouped by role: named ones ("via"), the first report
    /// ("first:"), unnamed ones ("unnamed:").
    pub fn compact(&self) -> String {
        let mut parts = Vec::new();
        for (role, lead) in [
            (Role::AccordingTo, "via "),
            (Role::FirstReported, "first: "),
            (Role::Anonymous, "unnamed: "),
        ] {
            let sources: Vec<&str> = self
                .attribution
                .iter()
                .filter(|a| a.role == role)
                .map(|a| a.source.as_str())
                .collect();
            if !sources.is_empty() {
                parts.push(format!("{lead}{}", sources.join(", ")));
            }
        }
        let mut text = parts.join(", ");
        if !text.is_empty() {
            text.push_str(" · ");
        }
        text.push_str(self.certainty.label());
        text
    }
}

/// One sentence with the entities recognised in the text it comes from.
#[derive(Debug, Clone, Copy)]
pub struct Sentence<'a> {
    pub text: &'a str,
    /// Where `text` starts in the text the entities' offsets refer to.
    pub offset: usize,
    /// Entities of that text; those outside the sentence are ignored.
    pub entities: &'a [Entity],
}

/// A sentence with the neighbours that attribution may need: a quotation that "he said" closes
/// later, a "he" or "the person" named earlier.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// Up to a few sentences before, nearest last.
    pub before: &'a [Sentence<'a>],
    pub sentence: Sentence<'a>,
    /// Up to a few sentences after, nearest first.
    pub after: &'a [Sentence<'a>],
    /// The publishing article's own source ("Reuters", a feed's title): never an attribution.
    pub own_source: Option<&'a str>,
}

/// How many sentences on each side [`ArticleSourcing`] gives as context.
const CONTEXT_SENTENCES: usize = 3;

/// Attribution and certainty for the sentences of one stored article, with their neighbours
/// and the article's own source as context.
pub struct ArticleSourcing<'a> {
    stored: &'a StoredArticle,
    body: String,
}

impl<'a> ArticleSourcing<'a> {
    pub fn new(stored: &'a StoredArticle) -> ArticleSourcing<'a> {
        ArticleSourcing {
            stored,
            body: stored.article.body(),
        }
    }

    /// The attribution and certainty of the article's sentence that spans `start..end` of the
    /// body (a claim mention). Certainty is judged where the sentence's figures are stated: in
    /// the main clause, or in a comma-bounded relative clause when every figure lies there
    /// ("Microsoft, which has invested $13 billion, no longer has ...").
    pub fn sentence(&self, start: usize, end: usize) -> Sourcing {
        let sentences = &self.stored.sentences;
        let index = sentences.partition_point(|&(s, _)| s < start);
        let span = |i: usize| -> Option<Sentence<'_>> {
            let &(s, e) = sentences.get(i)?;
            let text = self.body.get(s..e)?;
            Some(Sentence {
                text,
                offset: s,
                entities: &self.stored.entities,
            })
        };
        let Some(text) = self.body.get(start..end) else {
            return Sourcing {
                attribution: Vec::new(),
                certainty: Certainty::Certain,
            };
        };
        let sentence = Sentence {
            text,
            offset: start,
            entities: &self.stored.entities,
        };
        let before: Vec<Sentence<'_>> = (index.saturating_sub(CONTEXT_SENTENCES)..index)
            .filter_map(span)
            .collect();
        let at = if sentences.get(index) == Some(&(start, end)) {
            index + 1
        } else {
            index
        };
        let after: Vec<Sentence<'_>> = (at..at + CONTEXT_SENTENCES).filter_map(span).collect();
        let focus: Vec<std::ops::Range<usize>> = self
            .stored
            .entities
            .iter()
            .filter(|e| e.start >= start && e.end <= end && is_figure(e.kind))
            .map(|e| e.start - start..e.end - start)
            .collect();
        Sourcing {
            attribution: attribute(&Context {
                before: &before,
                sentence,
                after: &after,
                own_source: self.stored.article.source.as_deref(),
            }),
            certainty: certainty(&sentence, &focus),
        }
    }
}

/// Figures that a claim is about (dates place a claim rather than state it).
fn is_figure(kind: EntityKind) -> bool {
    matches!(
        kind,
        EntityKind::Money | EntityKind::Percent | EntityKind::Quantity
    )
}

/// A source name reduced for comparison: lowercase words without a leading "the", a web
/// suffix or punctuation ("The Information" = "information", "Reuters.com" = "reuters").
pub fn source_key(name: &str) -> String {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let words = match words.split_first() {
        Some((&"the", rest)) if !rest.is_empty() => rest,
        _ => &words[..],
    };
    let words = match words.split_last() {
        Some((&("com" | "org" | "net" | "co"), rest)) if !rest.is_empty() => rest,
        _ => words,
    };
    words.join(" ")
}

/// Whether two source names refer to the same outlet: equal keys, or one key opening the
/// other at a word boundary ("BBC" and "BBC News - World").
pub fn same_source(a: &str, b: &str) -> bool {
    let (a, b) = (source_key(a), source_key(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long == short || long.starts_with(&format!("{short} "))
}

/// Where a mention's claim comes from: the first report it cites, else the first named
/// source it is according to, else its own publisher (what the article reports itself,
/// including from unnamed sources).
pub fn origin(publisher: &str, attribution: &[Attribution]) -> String {
    let cited = |role| attribution.iter().find(|a| a.role == role);
    let source = cited(Role::FirstReported)
        .or_else(|| cited(Role::AccordingTo))
        .map_or(publisher, |a| a.source.as_str());
    source_key(source)
}

/// How many independent original sources a claim's mentions rest on: mentions that all cite
/// The Information count once, however many outlets repeat it. Each mention is its
/// publisher (the article's source, or its id when the source is unknown) with its
/// attribution.
pub fn independent_sources<'m>(
    mentions: impl IntoIterator<Item = (&'m str, &'m [Attribution])>,
) -> usize {
    mentions
        .into_iter()
        .map(|(publisher, attribution)| origin(publisher, attribution))
        .collect::<HashSet<_>>()
        .len()
}

//! Attribution: the sources a sentence attributes its content to, with their roles, read in
//! the context of its neighbours.
//!
//! Each sentence's speakers come from [`super::speakers`]; here pronouns and phrases like "the
//! report" are resolved against the sources and names of the sentences before, a quotation
//! without a speaker takes the speaker that closes it later ("..., '' he wrote") or, standing
//! alone, the speaker of the sentence before, and the publishing article's own source is left
//! out.

use super::lexicon::{Lexicon, lexicon};
use super::speakers::{Anaphor, Found, Scanner, Speaker};
use super::words::{InEntity, Kind, QuoteSide, Words};
use super::{Attribution, Context, Role, Sentence, same_source, source_key};
use crate::entities::EntityKind;

/// A resolved source of an earlier sentence, remembered for pronouns.
#[derive(Debug, Clone)]
struct Known {
    attribution: Attribution,
    /// The recogniser's kind for a name; `None` for names it missed and for common nouns.
    kind: Option<EntityKind>,
    named: bool,
}

/// What the sentences before the current one leave for resolving pronouns.
#[derive(Debug, Default)]
struct History {
    speakers: Vec<Known>,
    /// Sources of the sentence just before.
    previous: Vec<Known>,
    persons: Vec<String>,
    orgs: Vec<String>,
}

/// One sentence, tokenised, with the speakers found in it.
struct Analysed<'a> {
    text: &'a str,
    words: Words,
    found: Vec<Found>,
}

impl<'a> Analysed<'a> {
    fn new(sentence: &Sentence<'a>, lex: &Lexicon) -> Analysed<'a> {
        let words = Words::new(sentence.text, sentence.offset, sentence.entities);
        let found = Scanner {
            text: sentence.text,
            w: &words,
            lex,
        }
        .scan();
        Analysed {
            text: sentence.text,
            words,
            found,
        }
    }

    /// Names of a kind in this sentence whose first token comes before token `before`,
    /// outside quotations (a name quoted in "..., '' he said" is not the "he").
    fn names(&self, kinds: &[EntityKind], before: usize) -> Vec<String> {
        let tokens = &self.words.tokens[..before.min(self.words.tokens.len())];
        // Read backwards: after a closing quotation mark we are inside the quotation.
        let mut quoted = false;
        let mut seen = Vec::new();
        for t in tokens.iter().rev() {
            quoted = match t.kind {
                Kind::Quote(QuoteSide::Close) => true,
                Kind::Quote(QuoteSide::Open) => false,
                Kind::Quote(QuoteSide::Either) => !quoted,
                _ => quoted,
            };
            if let InEntity::Name(n) = t.entity
                && !quoted
                && !seen.contains(&n)
            {
                seen.push(n);
            }
        }
        seen.iter()
            .rev()
            .filter_map(|&n| {
                let (kind, s, e) = self.words.names[n];
                kinds.contains(&kind).then(|| self.text[s..e].to_string())
            })
            .collect()
    }

    fn resolve_all(&self, history: &History) -> Vec<Known> {
        self.found
            .iter()
            .filter_map(|f| self.resolve(f, history))
            .collect()
    }

    fn resolve(&self, found: &Found, history: &History) -> Option<Known> {
        let plain = |source: &str, role, kind, named| {
            Some(Known {
                attribution: Attribution {
                    source: clean_source(source),
                    role,
                },
                kind,
                named,
            })
        };
        let last_name = |kinds: &[EntityKind], earlier: &[String]| {
            self.names(kinds, found.at)
                .last()
                .or(earlier.last())
                .cloned()
        };
        let from = |known: &Known| {
            let mut known = known.clone();
            if known.attribution.role != Role::Anonymous && found.role == Role::FirstReported {
                known.attribution.role = Role::FirstReported;
            }
            Some(known)
        };
        match &found.speaker {
            Speaker::Named { text, kind, .. } => plain(text, found.role, *kind, true),
            Speaker::Generic(text) => plain(text, found.role, None, false),
            Speaker::Anonymous(text) => plain(text, Role::Anonymous, None, false),
            Speaker::Anaphor(anaphor, text) => match anaphor {
                Anaphor::Person => {
                    // The nearest person: named earlier in this sentence, else the last
                    // speaker, else the last person named before.
                    let here = self.names(&[EntityKind::Person], found.at).pop();
                    let speaker = history.speakers.iter().rev().find(|k| {
                        k.named && matches!(k.kind, Some(EntityKind::Person) | None)
                            || k.attribution.role == Role::Anonymous
                    });
                    match (here, speaker) {
                        (None, Some(known)) => from(known),
                        (here, _) => {
                            here.or_else(|| history.persons.last().cloned())
                                .and_then(|name| {
                                    plain(&name, found.role, Some(EntityKind::Person), true)
                                })
                        }
                    }
                }
                Anaphor::Plural => history
                    .speakers
                    .iter()
                    .rev()
                    .find(|k| !k.named)
                    .and_then(from),
                Anaphor::Thing => match history
                    .speakers
                    .iter()
                    .rev()
                    .find(|k| k.named && matches!(k.kind, Some(EntityKind::Org) | None))
                {
                    Some(known) => from(known),
                    None => last_name(&[EntityKind::Org], &history.orgs)
                        .and_then(|name| plain(&name, found.role, Some(EntityKind::Org), true)),
                },
                Anaphor::Unnamed => match history
                    .speakers
                    .iter()
                    .rev()
                    .find(|k| k.attribution.role == Role::Anonymous)
                {
                    Some(known) => from(known),
                    None => plain(text, Role::Anonymous, None, false),
                },
                Anaphor::Outlet => history
                    .speakers
                    .iter()
                    .rev()
                    .find(|k| k.named && k.attribution.role != Role::Anonymous)
                    .and_then(from),
                Anaphor::Company => last_name(&[EntityKind::Org], &history.orgs)
                    .and_then(|name| plain(&name, found.role, Some(EntityKind::Org), true)),
            },
        }
    }

    /// The quotation state after this sentence, given the state before it.
    fn quote_open_after(&self, mut open: bool) -> bool {
        for t in &self.words.tokens {
            open = match t.kind {
                Kind::Quote(QuoteSide::Open) => true,
                Kind::Quote(QuoteSide::Close) => false,
                Kind::Quote(QuoteSide::Either) => !open,
                _ => open,
            };
        }
        open
    }

    /// Where a quotation open at the sentence's start closes in it, if it does.
    fn closing_quote(&self, mut open: bool) -> Option<usize> {
        for (i, t) in self.words.tokens.iter().enumerate() {
            let was = open;
            open = match t.kind {
                Kind::Quote(QuoteSide::Open) => true,
                Kind::Quote(QuoteSide::Close) => false,
                Kind::Quote(QuoteSide::Either) => !open,
                _ => open,
            };
            if was && !open {
                return Some(i);
            }
        }
        None
    }

    /// Whether the sentence is all quotation: nothing but punctuation after the quotation
    /// closes, so no speaker of its own could follow.
    fn is_bare_quotation(&self, open_before: bool) -> bool {
        match self.closing_quote(open_before) {
            None => true,
            Some(close) => self.words.tokens[close..].iter().all(|t| !t.is_word()),
        }
    }

    fn starts_with_quote(&self) -> bool {
        self.words.tokens.first().is_some_and(|t| {
            matches!(
                t.kind,
                Kind::Quote(QuoteSide::Open) | Kind::Quote(QuoteSide::Either)
            )
        })
    }
}

impl History {
    fn absorb(&mut self, sentence: &Analysed<'_>, resolved: Vec<Known>) {
        let end = sentence.words.tokens.len();
        self.persons
            .extend(sentence.names(&[EntityKind::Person], end));
        self.orgs.extend(sentence.names(&[EntityKind::Org], end));
        self.speakers.extend(resolved.iter().cloned());
        self.previous = resolved;
    }
}

/// The sources a sentence attributes its content to, in the order the sentence names them;
/// the publishing article's own source is left out, and a source named twice is kept once
/// with its most specific role.
pub fn attribute(context: &Context<'_>) -> Vec<Attribution> {
    let lex = lexicon();
    let mut history = History::default();
    let mut quote_open = false;
    for sentence in context.before {
        let analysed = Analysed::new(sentence, lex);
        let resolved = analysed.resolve_all(&history);
        quote_open = analysed.quote_open_after(quote_open);
        history.absorb(&analysed, resolved);
    }
    let current = Analysed::new(&context.sentence, lex);
    let mut found = current.resolve_all(&history);
    if found.is_empty() && (quote_open || current.starts_with_quote()) {
        found = match closing_speaker(&current, quote_open, context.after, &history, lex) {
            Some(speakers) => speakers,
            None if current.is_bare_quotation(quote_open) => history.previous.clone(),
            None => Vec::new(),
        };
    }
    let mut out: Vec<Attribution> = Vec::new();
    for known in found {
        let a = known.attribution;
        if a.source.is_empty()
            || source_key(&a.source).is_empty()
            || context
                .own_source
                .is_some_and(|own| same_source(own, &a.source))
        {
            continue;
        }
        match out.iter_mut().find(|b| same_source(&b.source, &a.source)) {
            Some(b) => {
                if specificity(a.role) > specificity(b.role) {
                    b.role = a.role;
                }
            }
            None => out.push(a),
        }
    }
    out
}

/// Which role wins when a sentence names one source twice.
fn specificity(role: Role) -> u8 {
    match role {
        Role::AccordingTo => 0,
        Role::Anonymous => 1,
        Role::FirstReported => 2,
    }
}

/// The speaker named right after the quotation that the current sentence opens or continues
/// closes, in this sentence or one of the next.
fn closing_speaker(
    current: &Analysed<'_>,
    open_before: bool,
    after: &[Sentence<'_>],
    history: &History,
    lex: &Lexicon,
) -> Option<Vec<Known>> {
    let open_at_start = open_before || current.starts_with_quote();
    if current.closing_quote(open_before).is_some() || !open_at_start {
        return None;
    }
    let mut open = current.quote_open_after(open_before);
    for sentence in after {
        let analysed = Analysed::new(sentence, lex);
        let Some(close) = analysed.closing_quote(open) else {
            open = analysed.quote_open_after(open);
            if !open {
                return None;
            }
            continue;
        };
        let resolved: Vec<Known> = analysed
            .found
            .iter()
            .filter(|f| f.at > close)
            .filter_map(|f| analysed.resolve(f, history))
            .collect();
        return (!resolved.is_empty()).then_some(resolved);
    }
    None
}

/// A source as shown: no possessive, no surrounding punctuation.
fn clean_source(text: &str) -> String {
    let text = text.trim_matches(|c: char| !c.is_alphanumeric());
    let text = text
        .strip_suffix("'s")
        .or_else(|| text.strip_suffix("’s"))
        .unwrap_or(text);
    text.to_string()
}

//! Turns one sentence plus its entity spans into a [`ClaimSignature`], or rejects it as not a
//! claim, in named steps (see `build`): names and places, content words, figures
//! ([`super::figures`]), and whether what is left states a fact. What comes from the article
//! ([`super::context`]) is worked out once per article. Everything here is a single pass over
//! the sentence with table look-ups, so a signature costs microseconds: the index can afford
//! one per sentence of every article.

use super::context::ArticleContext;
use super::figures::figures;
use super::lexicon::{
    COMMENTARY_OPENERS, COMMENTARY_PHRASES, COMMENTARY_WORDS, OPINION, event_class, is_attribution,
    is_not_name, is_outlet, is_stop, stem,
};
use super::{ClaimSignature, ClaimValue};
use crate::entities::{Entity, EntityKind};

/// A word of the sentence with its byte span and lowercase form.
pub(super) struct Tok {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) lower: String,
    capital: bool,
}

fn tokenize(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut start = None;
    let push = |out: &mut Vec<Tok>, a: usize, b: usize| {
        let mut w = &s[a..b];
        for suf in ["'s", "’s", "'", "’"] {
            if let Some(x) = w.strip_suffix(suf) {
                w = x;
                break;
            }
        }
        let w = w.trim_matches(|c: char| c == '-' || c == '.' || c == '\'' || c == '’');
        if w.is_empty() {
            return;
        }
        // `w` is a slice of `s[a..b]`: its offset is where it starts in memory.
        let off = w.as_ptr() as usize - s[a..b].as_ptr() as usize;
        out.push(Tok {
            start: a + off,
            end: a + off + w.len(),
            lower: w.to_lowercase(),
            capital: w.chars().next().is_some_and(|c| c.is_uppercase()),
        });
    };
    for (i, c) in s.char_indices() {
        let inner = c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.' | ',');
        let inner = inner
            && (c.is_alphanumeric()
                || start.is_some()
                    && s[i + c.len_utf8()..].starts_with(|n: char| n.is_alphanumeric()));
        match (inner, start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                push(&mut out, a, i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(a) = start {
        push(&mut out, a, s.len());
    }
    out
}

/// The American spelling of a British word that often ends up in names ("Labour" is left
/// alone: the UK's Labour and Australia's Labor are two parties).
fn american_spelling(word: &str) -> Option<&'static str> {
    Some(match word {
        "centre" => "center",
        "centres" => "centers",
        "theatre" => "theater",
        "defence" => "defense",
        "organisation" => "organization",
        "programme" => "program",
        "harbour" => "harbor",
        _ => return None,
    })
}

/// Lowercase, drop possessives, corporate suffixes and leading articles: "Amazon.com, Inc." ->
/// "amazon", "the Federal Trade Commission" -> "federal trade commission".
pub(super) fn normalize_name(text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    // "Amazon.com, Inc." -> "Amazon, Inc."
    let text = &text.replace(".com", "");
    for raw in text.split(|c: char| c.is_whitespace() || c == ',' || c == '.') {
        let mut w = raw
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        for suf in ["'s", "’s"] {
            if let Some(x) = w.strip_suffix(suf) {
                w = x.to_string();
            }
        }
        if let Some(x) = w.strip_suffix(".com") {
            w = x.to_string();
        }
        if w.is_empty() || is_title(&w) {
            continue;
        }
        // One spelling for British and American forms ("Treatment Centre" / "Center").
        if let Some(american) = american_spelling(&w) {
            w = american.to_string();
        }
        words.push(w);
    }
    while words
        .first()
        .is_some_and(|w| matches!(w.as_str(), "the" | "a" | "an"))
    {
        words.remove(0);
    }
    while words.len() > 1
        && words.last().is_some_and(|w| {
            matches!(
                w.as_str(),
                "inc"
                    | "corp"
                    | "corporation"
                    | "co"
                    | "ltd"
                    | "llc"
                    | "plc"
                    | "group"
                    | "company"
                    | "incorporated"
            )
        })
    {
        words.pop();
    }
    words.join(" ")
}

/// Titles and honorifics dropped from names ("Gov. Sarah Palin" -> "sarah palin").
fn is_title(w: &str) -> bool {
    matches!(
        w,
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "gov"
            | "governor"
            | "sen"
            | "senator"
            | "rep"
            | "president"
            | "ceo"
            | "chairman"
            | "prof"
            | "judge"
            | "gen"
            | "general"
            | "lt"
            | "col"
            | "capt"
            | "sgt"
            | "st"
            | "sir"
            | "lord"
            | "lady"
            | "prince"
            | "princess"
            | "king"
            | "queen"
            | "pope"
            | "rev"
            | "minister"
            | "prime"
            | "coach"
            | "officer"
            | "detective"
            | "actress"
            | "actor"
            | "singer"
            | "star"
    )
}

/// A capitalised sentence-initial word that is probably an ordinary word ("Perennial",
/// "Shortly", "Enraged", "Sixteen"): names rarely end like adjectives, adverbs or numbers.
fn ordinary_initial_word(w: &str) -> bool {
    const ENDINGS: [&str; 12] = [
        "ly", "ed", "ial", "al", "ing", "ous", "ive", "teen", "ty", "ful", "less", "able",
    ];
    !w.contains(' ')
        && (ENDINGS.iter().any(|e| w.ends_with(e))
            || is_not_name(w)
            || is_attribution(w)
            || is_stop(w))
}

/// A stock exchange or the ticker after it: "(NASDAQ: AMZN)" names no participant.
fn ticker(sentence: &str, start: usize, name: &str) -> bool {
    matches!(name, "nasdaq" | "nyse" | "lse" | "tsx" | "otc")
        || sentence[..start].trim_end().ends_with(':') && name.len() <= 5 && !name.contains(' ')
}

/// Is the name at `start..end` the source of the sentence ("according to CNBC", "told People")?
fn in_attribution(s: &str, start: usize, end: usize) -> bool {
    let before = s[..start].trim_end().to_lowercase();
    let after = s[end..].trim_start().to_lowercase();
    const BEFORE: [&str; 9] = [
        "according to",
        "told",
        "reported by",
        "first reported by",
        "per",
        "cited by",
        "quoted by",
        "said",
        "tells",
    ];
    const AFTER: [&str; 6] = [
        "reported",
        "reports",
        "said",
        "says",
        "first reported",
        "quoted",
    ];
    BEFORE.iter().any(|b| before.ends_with(b))
        || AFTER.iter().any(|a| after.starts_with(a)) && !before.is_empty()
}

fn value_kind(k: EntityKind) -> Option<&'static str> {
    match k {
        EntityKind::Money => Some("money"),
        EntityKind::Percent => Some("percent"),
        EntityKind::Quantity => Some("quantity"),
        _ => None,
    }
}

/// Looks like a headline or navigation line: no sentence-final punctuation, mostly capitalised.
fn headline_like(s: &str, toks: &[Tok]) -> bool {
    let t = s.trim_end();
    if t.ends_with(['.', '!', '"', '”', '\'', ')']) {
        return false;
    }
    let words: Vec<&Tok> = toks.iter().filter(|t| t.lower.len() > 3).collect();
    let caps = words.iter().filter(|t| t.capital).count();
    words.is_empty() || caps * 10 >= words.len() * 6
}

/// Most longer words capitalised (Title Case), or the letters all upper case (ALL CAPS).
fn title_cased(toks: &[Tok]) -> bool {
    let words: Vec<&Tok> = toks
        .iter()
        .filter(|t| t.lower.chars().any(char::is_alphabetic))
        .collect();
    words.len() >= 3 && {
        let long: Vec<&&Tok> = words.iter().filter(|t| t.lower.len() > 3).collect();
        let caps = long.iter().filter(|t| t.capital).count();
        long.is_empty() || caps * 10 >= long.len() * 7
    }
}

fn is_named(k: EntityKind) -> bool {
    matches!(
        k,
        EntityKind::Person | EntityKind::Org | EntityKind::Product | EntityKind::Place
    )
}

/// A name span in a Title Case line, cut before the first word that is an event word or a
/// function word ("Lindsay Lohan Checks Into" -> "Lindsay Lohan"); `None` when nothing is left.
fn title_name_span(toks: &[Tok], start: usize, end: usize) -> Option<(usize, usize)> {
    let mut last = None;
    for t in toks.iter().filter(|t| t.start >= start && t.end <= end) {
        let joins = matches!(
            t.lower.as_str(),
            "of" | "and" | "&" | "de" | "la" | "van" | "von"
        );
        if event_class(&t.lower).is_some()
            || is_attribution(&t.lower)
            || is_stop(&t.lower) && !joins
        {
            break;
        }
        last = Some(t.end);
    }
    let e = last?;
    Some((start, e)).filter(|_| e > start)
}

/// `None` when the sentence is not a claim (opinion, question, headline without a fact, too
/// short, boilerplate). `entities` carry byte offsets relative to `sentence`.
pub fn signature(
    sentence: &str,
    entities: &[Entity],
    published: Option<&str>,
) -> Option<ClaimSignature> {
    build(sentence, entities, published, &ArticleContext::default())
}

/// Like [`signature`], with the article's main names (most frequent first, e.g. from
/// [`super::article_participants`]): a sentence whose actors are only pronouns or descriptions ("The
/// actress checked into rehab", "She was arrested on Sunday") takes the article's leading names
/// as its participants, so it can meet the same fact told with names elsewhere. For many
/// sentences of one article, build the [`ArticleContext`] once and call [`signature_with`].
pub fn signature_in_context(
    sentence: &str,
    entities: &[Entity],
    published: Option<&str>,
    article_participants: &[String],
) -> Option<ClaimSignature> {
    build(
        sentence,
        entities,
        published,
        &ArticleContext::new(article_participants),
    )
}

/// [`signature_in_context`] with the article's context prepared once for all its sentences.
pub fn signature_with(
    sentence: &str,
    entities: &[Entity],
    published: Option<&str>,
    context: &ArticleContext,
) -> Option<ClaimSignature> {
    build(sentence, entities, published, context)
}

/// The steps, in order: sentences that cannot be claims are turned away on their text alone
/// ([`turned_away`]); the recogniser's spans give names, places, dates and figures
/// ([`recognised_spans`]); capitalised runs it missed add names ([`missed_names`]); the other
/// words give event predicates, content terms and WordNet concepts ([`content_words`]); the
/// figures get their roles, holders and targets ([`figures`]); and what is left must name
/// someone and report something ([`states_a_fact`]).
fn build(
    sentence: &str,
    entities: &[Entity],
    published: Option<&str>,
    context: &ArticleContext,
) -> Option<ClaimSignature> {
    // Dates in the text arrive normalised by the recognizer, which already saw `published`;
    // the day itself is kept to tell news cycles apart.
    let published = published
        .and_then(|p| p.get(..10))
        .filter(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
        .map(str::to_string);
    let trimmed = sentence.trim();
    let lower = trimmed.to_lowercase();
    if turned_away(trimmed, &lower) {
        return None;
    }
    let toks = tokenize(sentence);
    if toks.len() < 5 {
        return None;
    }
    // Title Case or ALL CAPS: capitals say nothing about names, so participants come from the
    // recogniser's spans only (trimmed at the first ordinary word) and every other word is read
    // lowercase as predicate or content word.
    let title_case = title_cased(&toks) && !trimmed.ends_with(['.', '?']);
    let mut spans = recognised_spans(sentence, &toks, entities, title_case);
    missed_names(sentence, &toks, title_case, context, &mut spans);
    spans.participants.sort_by_key(|p| p.0);
    let content = content_words(&toks, &spans.covered);
    let values = figures(
        sentence,
        &toks,
        &spans.raw_values,
        &spans.participants,
        &spans.covered,
    );

    let mut part_names: Vec<String> = spans.participants.into_iter().map(|p| p.2).collect();
    part_names.sort();
    part_names.dedup();
    let mut places = spans.places;
    places.sort();
    places.dedup();
    let mut dates = spans.dates;
    dates.sort();
    dates.dedup();
    let mut persons = spans.persons;
    persons.sort();
    persons.dedup();
    let found = Found {
        named: !part_names.is_empty() || !places.is_empty(),
        content: &content,
        values: &values,
        dated: !dates.is_empty(),
    };
    if !states_a_fact(sentence, &lower, &toks, &found) {
        return None;
    }
    Some(ClaimSignature {
        participants: part_names,
        places,
        predicates: content.predicates,
        terms: content.terms,
        values,
        dates,
        context: context.leading.clone(),
        published,
        concepts: content.concepts,
        persons,
        position: 0,
        quote: sentence.contains(['"', '“', '”']) || sentence.contains("``"),
    })
}

/// Sentences that are no claim whatever their words: too short, questions, opinion.
fn turned_away(trimmed: &str, lower: &str) -> bool {
    trimmed.len() < 25 || trimmed.ends_with('?') || OPINION.iter().any(|m| lower.contains(m))
}

/// What the recogniser's spans give a signature. `covered` holds every span read as a name or
/// figure, so that its words are not read again as content words.
struct Spans<'e> {
    covered: Vec<(usize, usize)>,
    /// (start, end, normalised name) of people, organisations and products.
    participants: Vec<(usize, usize, String)>,
    persons: Vec<String>,
    places: Vec<String>,
    dates: Vec<String>,
    /// Money, percentages and quantities with a value, and their kind.
    raw_values: Vec<(&'e Entity, &'static str)>,
}

fn recognised_spans<'e>(
    sentence: &str,
    toks: &[Tok],
    entities: &'e [Entity],
    title_case: bool,
) -> Spans<'e> {
    let mut spans = Spans {
        covered: Vec::new(),
        participants: Vec::new(),
        persons: Vec::new(),
        places: Vec::new(),
        dates: Vec::new(),
        raw_values: Vec::new(),
    };
    for e in entities {
        if e.end > sentence.len() || e.start >= e.end {
            continue;
        }
        let (estart, eend) = if title_case && is_named(e.kind) {
            match title_name_span(toks, e.start, e.end) {
                Some(r) => r,
                None => continue,
            }
        } else {
            (e.start, e.end)
        };
        let etext = &sentence[estart..eend];
        spans.covered.push((estart, eend));
        match e.kind {
            EntityKind::Person | EntityKind::Org | EntityKind::Product => {
                let n = normalize_name(etext);
                let initial = sentence[..estart].trim().is_empty();
                if n.is_empty()
                    || is_outlet(&n)
                    || ticker(sentence, estart, &n)
                    || in_attribution(sentence, estart, eend)
                    || is_not_name(&n)
                    || initial && ordinary_initial_word(&n)
                {
                    continue;
                }
                if e.kind == EntityKind::Person {
                    spans.persons.push(n.clone());
                }
                spans.participants.push((estart, eend, n));
            }
            EntityKind::Place => {
                let n = normalize_name(etext);
                if !n.is_empty() {
                    spans.places.push(n);
                }
            }
            EntityKind::Date => {
                let d = e
                    .normalized
                    .clone()
                    .unwrap_or_else(|| e.text.to_lowercase());
                spans.dates.push(d);
            }
            k => {
                if let (Some(kind), Some(_)) = (value_kind(k), e.value) {
                    spans.raw_values.push((e, kind));
                }
            }
        }
    }
    spans
}

fn inside(t: &Tok, covered: &[(usize, usize)]) -> bool {
    covered.iter().any(|&(a, b)| t.start >= a && t.end <= b)
}

/// Capitalised runs the recognizer missed (not sentence-initial function words) still name
/// participants: sentence-level linking lives or dies by names. On a Title Case line, where
/// capitals prove nothing, only words of the article's own names count.
fn missed_names(
    sentence: &str,
    toks: &[Tok],
    title_case: bool,
    context: &ArticleContext,
    spans: &mut Spans,
) {
    let known_word = |t: &Tok| context.is_name_word(&t.lower);
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if title_case {
            if t.capital && !inside(t, &spans.covered) && known_word(t) {
                let mut j = i + 1;
                while j < toks.len()
                    && toks[j].capital
                    && !inside(&toks[j], &spans.covered)
                    && known_word(&toks[j])
                {
                    j += 1;
                }
                let (a, b) = (t.start, toks[j - 1].end);
                let n = normalize_name(&sentence[a..b]);
                if !n.is_empty() && !is_outlet(&n) && !in_attribution(sentence, a, b) {
                    spans.participants.push((a, b, n));
                    spans.covered.push((a, b));
                }
                i = j;
            } else {
                i += 1;
            }
            continue;
        }
        if !t.capital
            || inside(t, &spans.covered)
            || is_not_name(&t.lower)
            || is_attribution(&t.lower)
            || event_class(&t.lower).is_some() && i == 0
        {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < toks.len()
            && toks[j].capital
            && !inside(&toks[j], &spans.covered)
            && sentence[toks[j - 1].end..toks[j].start].trim().is_empty()
        {
            j += 1;
        }
        let (a, b) = (t.start, toks[j - 1].end);
        let n = normalize_name(&sentence[a..b]);
        let sentence_initial_single = i == 0 && j == 1;
        if !n.is_empty()
            && n.len() > 1
            && !is_outlet(&n)
            && !ticker(sentence, a, &n)
            && !in_attribution(sentence, a, b)
            && !sentence_initial_single
        {
            spans.participants.push((a, b, n));
            spans.covered.push((a, b));
        }
        i = j;
    }
}

/// The words outside names and figures: event predicates, content terms (stems) and their
/// WordNet concepts; terms and concepts sorted and unique.
struct Content {
    predicates: Vec<String>,
    terms: Vec<String>,
    concepts: Vec<u32>,
}

fn content_words(toks: &[Tok], covered: &[(usize, usize)]) -> Content {
    let mut predicates: Vec<String> = Vec::new();
    let mut terms: Vec<String> = Vec::new();
    let mut concepts: Vec<u32> = Vec::new();
    for (ti, t) in toks.iter().enumerate() {
        if inside(t, covered) || t.lower.chars().all(|c| !c.is_alphabetic()) {
            continue;
        }
        if let Some(mut c) = event_class(&t.lower) {
            // "checked out of the clinic" is the opposite event of "checked into" it.
            let mut next = ti + 1;
            if toks.get(next).is_some_and(|n| {
                matches!(
                    n.lower.as_str(),
                    "himself" | "herself" | "themselves" | "itself"
                )
            }) {
                next += 1;
            }
            if c == "checkin" && toks.get(next).is_some_and(|n| n.lower == "out") {
                c = "checkout";
            }
            if !predicates.iter().any(|p| p == c) {
                predicates.push(c.to_string());
            }
        }
        if t.lower.len() < 3 || is_stop(&t.lower) || is_attribution(&t.lower) {
            continue;
        }
        let s = stem(&t.lower);
        concepts.extend_from_slice(super::vocab::concepts(&s));
        terms.push(s);
    }
    terms.sort();
    terms.dedup();
    concepts.sort_unstable();
    concepts.dedup();
    Content {
        predicates,
        terms,
        concepts,
    }
}

/// What a sentence was found to hold, for [`states_a_fact`].
struct Found<'a> {
    /// It names a participant or a place.
    named: bool,
    content: &'a Content,
    values: &'a [ClaimValue],
    dated: bool,
}

/// Whether the sentence states a checkable fact: not commentary (unless it carries a figure),
/// anchored to someone (a name, a place, or a pronoun or description as the actor) and
/// reporting something (an event, a figure, a concept), or a dated figure; not a headline that
/// only announces; and with enough content to tell facts apart.
fn states_a_fact(sentence: &str, lower: &str, toks: &[Tok], found: &Found) -> bool {
    let Found {
        named,
        content,
        values,
        dated,
    } = *found;
    // Commentary (hedged, conditional, evaluative or advice) states no checkable fact unless it
    // carries a figure: "Investors may read this as ...", "If the deal pays off, ...".
    if values.is_empty() && commentary(lower, toks) {
        return false;
    }
    // A sentence whose actor is a pronoun or a description ("She was arrested", "The company
    // said") names no participant: whether it tells the same story as another article's
    // sentence is for the article-level features to say, not for borrowed names.
    let anchored = named || unnamed_actor(toks);
    let factual =
        !content.predicates.is_empty() || !values.is_empty() || !content.concepts.is_empty();
    let dated_figure = !values.is_empty() && dated;
    if !(anchored && factual || dated_figure) {
        return false;
    }
    let headline = headline_like(sentence, toks);
    if headline && content.predicates.iter().all(|p| p == "announce") && values.is_empty() {
        return false;
    }
    // Too little content to tell facts apart; a named actor plus a specific event is enough
    // ("Tara Reid has checked herself into Promises Treatment Center").
    content.terms.len() + content.predicates.len() + usize::from(named) >= 2
}

/// The sentence's actor is a pronoun or a description ("She", "The actress", "the 33-year-old").
fn unnamed_actor(toks: &[Tok]) -> bool {
    toks.iter().take(12).any(|t| {
        matches!(
            t.lower.as_str(),
            "he" | "she" | "they" | "him" | "her" | "his" | "their" | "them" | "its" | "it"
        )
    }) || toks.first().is_some_and(|t| t.lower == "the")
}

/// Hedged, conditional, evaluative, advisory or imperative wording: the sentence reads as
/// commentary on the story rather than as a report of what happened.
fn commentary(lower: &str, toks: &[Tok]) -> bool {
    if toks
        .first()
        .is_some_and(|t| COMMENTARY_OPENERS.contains(&t.lower.as_str()))
    {
        return true;
    }
    // A hedge after the sentence has reported its event in the past is about consequences, not
    // the fact: "Peterson has been found guilty, a verdict that means he could be executed".
    let reported = (0..toks.len())
        .find(|&i| {
            let t = &toks[i].lower;
            event_class(t).is_some()
                && (t.ends_with("ed")
                    || toks[i.saturating_sub(2)..i].iter().any(|p| {
                        matches!(
                            p.lower.as_str(),
                            "was" | "were" | "has" | "have" | "had" | "been"
                        )
                    }))
        })
        .unwrap_or(toks.len());
    toks[..reported]
        .iter()
        .any(|t| COMMENTARY_WORDS.contains(&t.lower.as_str()) && !(t.capital && t.lower == "may"))
        || COMMENTARY_PHRASES.iter().any(|p| lower.contains(p))
}

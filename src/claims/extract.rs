//! Turns one sentence plus its entity spans into a [`ClaimSignature`], or rejects it as not a
//! claim. Everything here is a single pass over the sentence with table look-ups, so a signature
//! costs microseconds: the index can afford one per sentence of every article.

use super::lexicon::{
    COMMENTARY_OPENERS, COMMENTARY_PHRASES, COMMENTARY_WORDS, OPINION, event_class, is_attribution,
    is_not_name, is_outlet, is_stop, stem, value_role,
};
use super::{ClaimSignature, ClaimValue};
use crate::entities::{Entity, EntityKind};

/// A word of the sentence with its byte span and lowercase form.
struct Tok {
    start: usize,
    end: usize,
    lower: String,
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
/// [`article_participants`]): a sentence whose actors are only pronouns or descriptions ("The
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

/// What a sentence's signature takes from its article, worked out once per article: the
/// leading names kept as the signature's context, and the words of all the article's names
/// (which confirm that a capitalised word is a name where capitals prove nothing).
#[derive(Debug, Clone, Default)]
pub struct ArticleContext {
    /// The first [`CONTEXT_KEEP`] leading names, normalised.
    leading: Vec<String>,
    /// Words of the article's names that can be names (sorted, unique).
    name_words: Vec<String>,
}

impl ArticleContext {
    /// `participants`: the article's leading names, most frequent first (as
    /// [`article_participants`] gives them).
    pub fn new(participants: &[String]) -> ArticleContext {
        let mut name_words: Vec<String> = participants
            .iter()
            .flat_map(|c| c.split(' '))
            .filter(|w| {
                w.len() >= 3
                    && !is_stop(w)
                    && !is_not_name(w)
                    && !is_attribution(w)
                    && event_class(w).is_none()
            })
            .map(str::to_string)
            .collect();
        name_words.sort_unstable();
        name_words.dedup();
        ArticleContext {
            leading: participants
                .iter()
                .take(CONTEXT_KEEP)
                .map(|c| normalize_name(c))
                .filter(|c| !c.is_empty())
                .collect(),
            name_words,
        }
    }

    fn is_name_word(&self, lower: &str) -> bool {
        self.name_words
            .binary_search_by(|w| w.as_str().cmp(lower))
            .is_ok()
    }
}

/// How many of the article's leading names a signature keeps as context.
const CONTEXT_KEEP: usize = 3;

/// The article's most frequent person, organisation and place names, most frequent first, for
/// [`signature_in_context`]. A short name counts toward the longer one it is part of ("Reid" ->
/// "tara reid"); news outlets and attribution sources are left out. `entities` are the whole
/// article's.
pub fn article_participants(entities: &[Entity]) -> Vec<String> {
    article_cast(entities)
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

/// Like [`article_participants`], with how often the article mentions each name (counting the
/// short forms folded into it).
pub fn article_cast(entities: &[Entity]) -> Vec<(String, u32)> {
    let mut names: Vec<(String, u32, usize)> = Vec::new(); // name, count, first position
    for (i, e) in entities.iter().enumerate() {
        if !matches!(
            e.kind,
            EntityKind::Person | EntityKind::Org | EntityKind::Product | EntityKind::Place
        ) {
            continue;
        }
        let n = normalize_name(&e.text);
        if n.len() < 2 || is_outlet(&n) || is_not_name(&n) {
            continue;
        }
        match names.iter_mut().find(|x| x.0 == n) {
            Some(x) => x.1 += 1,
            None => names.push((n, 1, i)),
        }
    }
    // Fold short names into the longest name containing them.
    let snapshot = names.clone();
    for x in names.iter_mut() {
        let words: Vec<&str> = x.0.split(' ').collect();
        x.1 += snapshot
            .iter()
            .filter(|y| {
                y.0 != x.0 && y.0.len() < x.0.len() && y.0.split(' ').all(|w| words.contains(&w))
            })
            .map(|y| y.1)
            .sum::<u32>();
    }
    let all = names.clone();
    names.retain(|x| {
        !all.iter().any(|y| {
            y.0.len() > x.0.len() && x.0.split(' ').all(|w| y.0.split(' ').any(|v| v == w))
        })
    });
    names.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    names.into_iter().map(|x| (x.0, x.1)).collect()
}

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
    if trimmed.len() < 25 || trimmed.ends_with('?') {
        return None;
    }
    let lower = trimmed.to_lowercase();
    if OPINION.iter().any(|m| lower.contains(m)) {
        return None;
    }
    let toks = tokenize(sentence);
    if toks.len() < 5 {
        return None;
    }
    let headline = headline_like(sentence, &toks);
    // Title Case or ALL CAPS: capitals say nothing about names, so participants come from the
    // recogniser's spans only (trimmed at the first ordinary word) and every other word is read
    // lowercase as predicate or content word.
    let title_case = title_cased(&toks) && !trimmed.ends_with(['.', '?']);

    let mut covered: Vec<(usize, usize)> = Vec::new();
    let mut participants: Vec<(usize, usize, String)> = Vec::new();
    let mut persons: Vec<String> = Vec::new();
    let mut places = Vec::new();
    let mut dates = Vec::new();
    let mut raw_values: Vec<(&Entity, &'static str)> = Vec::new();
    for e in entities {
        if e.end > sentence.len() || e.start >= e.end {
            continue;
        }
        let (estart, eend) = if title_case && is_named(e.kind) {
            match title_name_span(&toks, e.start, e.end) {
                Some(r) => r,
                None => continue,
            }
        } else {
            (e.start, e.end)
        };
        let etext = &sentence[estart..eend];
        covered.push((estart, eend));
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
                    persons.push(n.clone());
                }
                participants.push((estart, eend, n));
            }
            EntityKind::Place => {
                let n = normalize_name(etext);
                if !n.is_empty() {
                    places.push(n);
                }
            }
            EntityKind::Date => {
                let d = e
                    .normalized
                    .clone()
                    .unwrap_or_else(|| e.text.to_lowercase());
                dates.push(d);
            }
            k => {
                if let (Some(kind), Some(_)) = (value_kind(k), e.value) {
                    raw_values.push((e, kind));
                }
            }
        }
    }
    let inside = |t: &Tok, covered: &[(usize, usize)]| {
        covered.iter().any(|&(a, b)| t.start >= a && t.end <= b)
    };

    // Capitalised runs the recognizer missed (not sentence-initial function words) still name
    // participants: sentence-level linking lives or dies by names.
    // Words of the article's own names: they confirm a capitalised word is a name where
    // capitals prove nothing (Title Case lines, the first word of a sentence).
    let known_word = |t: &Tok| context.is_name_word(&t.lower);
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if title_case {
            if t.capital && !inside(t, &covered) && known_word(t) {
                let mut j = i + 1;
                while j < toks.len()
                    && toks[j].capital
                    && !inside(&toks[j], &covered)
                    && known_word(&toks[j])
                {
                    j += 1;
                }
                let (a, b) = (t.start, toks[j - 1].end);
                let n = normalize_name(&sentence[a..b]);
                if !n.is_empty() && !is_outlet(&n) && !in_attribution(sentence, a, b) {
                    participants.push((a, b, n));
                    covered.push((a, b));
                }
                i = j;
            } else {
                i += 1;
            }
            continue;
        }
        if !t.capital
            || inside(t, &covered)
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
            && !inside(&toks[j], &covered)
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
            participants.push((a, b, n));
            covered.push((a, b));
        }
        i = j;
    }
    participants.sort_by_key(|p| p.0);

    let mut predicates: Vec<String> = Vec::new();
    let mut terms: Vec<String> = Vec::new();
    let mut concepts: Vec<u32> = Vec::new();
    for (ti, t) in toks.iter().enumerate() {
        if inside(t, &covered) || t.lower.chars().all(|c| !c.is_alphabetic()) {
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

    let values: Vec<ClaimValue> = raw_values
        .iter()
        .map(|&(e, kind)| ClaimValue {
            kind: kind.to_string(),
            value: e.value.unwrap_or(0.0),
            unit: e.unit.clone().map(|u| u.to_lowercase()).unwrap_or_default(),
            qualifier: e.qualifier.clone(),
            role: role_near(&toks, e.start, e.end),
            holder: participants
                .iter()
                .rev()
                .find(|p| p.1 <= e.start && e.start - p.1 < 80)
                .map(|p| p.2.clone()),
            target: target_after(sentence, &participants, e.end),
            text: e.text.clone(),
        })
        .collect();

    let mut values = values;
    values.extend(scores(sentence, &covered));
    // A sentence whose actor is a pronoun or a description ("She was arrested", "The company
    // said") names no participant: whether it tells the same story as another article's
    // sentence is for the article-level features to say, not for borrowed names.
    let unnamed = unnamed_actor(&toks);
    let mut part_names: Vec<String> = participants.into_iter().map(|p| p.2).collect();
    part_names.sort();
    part_names.dedup();
    places.sort();
    places.dedup();
    dates.sort();
    dates.dedup();

    // Commentary (hedged, conditional, evaluative or advice) states no checkable fact unless it
    // carries a figure: "Investors may read this as ...", "If the deal pays off, ...".
    if values.is_empty() && commentary(&lower, &toks) {
        return None;
    }
    let anchored = !part_names.is_empty() || !places.is_empty() || unnamed;
    let factual = !predicates.is_empty() || !values.is_empty() || !concepts.is_empty();
    let dated_figure = !values.is_empty() && !dates.is_empty();
    let is_claim = anchored && factual || dated_figure;
    if !is_claim {
        return None;
    }
    if headline && predicates.iter().all(|p| p == "announce") && values.is_empty() {
        return None;
    }
    // Too little content to tell facts apart; a named actor plus a specific event is enough
    // ("Tara Reid has checked herself into Promises Treatment Center").
    let named = usize::from(!part_names.is_empty() || !places.is_empty());
    if terms.len() + predicates.len() + named < 2 {
        return None;
    }
    Some(ClaimSignature {
        participants: part_names,
        places,
        predicates,
        terms,
        values,
        dates,
        context: context.leading.clone(),
        published,
        concepts,
        persons: {
            persons.sort();
            persons.dedup();
            persons
        },
        position: 0,
        quote: sentence.contains(['"', '“', '”']) || sentence.contains("``"),
    })
}

/// Match scores and tallies written "31-24" or "20 - 13" (both sides at most three digits), as
/// `score` values (larger side first) that must match exactly: another score is another game.
fn scores(sentence: &str, covered: &[(usize, usize)]) -> Vec<ClaimValue> {
    let b = sentence.as_bytes();
    let digits = |mut i: usize| {
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        (s, i)
    };
    let mut out: Vec<ClaimValue> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit()
            || i > 0
                && (b[i - 1].is_ascii_alphanumeric()
                    || matches!(b[i - 1], b'-' | b'.' | b'$' | b','))
        {
            i += 1;
            continue;
        }
        let (s1, e1) = digits(i);
        let mut j = e1;
        while j < b.len() && b[j] == b' ' {
            j += 1;
        }
        let dash = j < b.len() && b[j] == b'-';
        let mut k = j + 1;
        while dash && k < b.len() && b[k] == b' ' {
            k += 1;
        }
        let (s2, e2) = if dash { digits(k) } else { (k, k) };
        let ok = dash
            && e2 > s2
            && e1 - s1 <= 3
            && e2 - s2 <= 3
            && (e2 == b.len()
                || !(b[e2].is_ascii_alphanumeric() || matches!(b[e2], b'-' | b'.' | b'%')))
            && (e2 == b.len() || !sentence[e2..].trim_start().starts_with('-'))
            && !covered
                .iter()
                .any(|&(x, y)| s1 < y && x < e2 && !(x >= s1 && y <= e1 || x >= s2 && y <= e2));
        if ok {
            let (x, y): (f64, f64) = (
                sentence[s1..e1].parse().unwrap_or(0.0),
                sentence[s2..e2].parse().unwrap_or(0.0),
            );
            let v = x.max(y) * 1000.0 + x.min(y);
            if !out.iter().any(|o| o.value == v) {
                out.push(ClaimValue {
                    kind: "score".into(),
                    value: v,
                    unit: String::new(),
                    qualifier: None,
                    role: None,
                    holder: None,
                    target: None,
                    text: format!("{}-{}", &sentence[s1..e1], &sentence[s2..e2]),
                });
            }
            i = e2;
        } else {
            i = e1.max(i + 1);
        }
    }
    out
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

/// The participant a figure goes to: first name after "in/into/for/of/to" just after the figure,
/// taking the head of "OpenAI rival Anthropic".
fn target_after(
    sentence: &str,
    participants: &[(usize, usize, String)],
    end: usize,
) -> Option<String> {
    let i = participants.iter().position(|p| {
        p.0 >= end
            && p.0 - end < 40
            && sentence.get(end..p.0).is_some_and(|gap| {
                let gap = gap.to_lowercase();
                [" in ", " into ", " for ", " of ", " to "]
                    .iter()
                    .any(|w| gap.contains(w))
            })
    })?;
    let mut t = &participants[i];
    for q in &participants[i + 1..] {
        // Participants may overlap the previous one; only a real gap can join them.
        let Some(gap) = sentence.get(t.1..q.0) else {
            break;
        };
        let words = gap.split_whitespace().count();
        if words <= 2 && gap.chars().all(|c| c.is_lowercase() || c == ' ') {
            t = q;
        } else {
            break;
        }
    }
    Some(t.2.clone())
}

/// What a figure at `start..end` measures: the nearest role word within a few tokens, looking
/// after and before alternately ("$50 billion investment", "valuation to $830 billion").
fn role_near(toks: &[Tok], start: usize, end: usize) -> Option<String> {
    let first_after = toks
        .iter()
        .position(|t| t.start >= end)
        .unwrap_or(toks.len());
    let last_before = toks.iter().rposition(|t| t.end <= start);
    for d in 0..5 {
        if let Some(t) = toks.get(first_after + d)
            && let Some(r) = value_role(&t.lower)
        {
            return Some(r.to_string());
        }
        if let Some(lb) = last_before
            && d <= lb
            && let Some(r) = value_role(&toks[lb - d].lower)
        {
            return Some(r.to_string());
        }
    }
    None
}

//! Rules that run after the tagger, each a named pass that can say what it changed.
//!
//! The tagger reads one window at a time and knows three kinds. What it cannot learn from the
//! open training data stays here, as small rules with a stated reason: titles outside names,
//! products (no training set labels them), sports teams named after their city in score lines
//! (rare in the training text, frequent in news), whole gazetteer names and recurring unknown
//! words the tagger left out, acronyms defined in brackets, article-level consistency (one
//! surface form, one kind; a name recognised once is recognised everywhere, a person's surname
//! alone included), one-word "people" never introduced, and camel-case company names.
//! [`PASSES`] lists them in order; `entities::explain` reports every change each one made. Each
//! pass's worth on held-out data is measured by `ner_train --ablate` (see the README).

use super::EntityKind;
use super::context::{Article, Name, ascii_lower, camel_head, is_name_token};
use super::gazetteer::{GAZ, is_common, join};
use super::lexicon::{
    CAMEL_SURNAME_PREFIXES, is_not_a_name, is_org_suffix, is_person_title, is_product_noun,
    is_score_word,
};
use super::token::TokenKind;
use crate::fxhash::{FxMap, FxSet};

/// One change a pass made to the names of an article.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Change {
    pub pass: &'static str,
    /// The name's text.
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Its kind before the pass (`None`: the pass added it).
    pub before: Option<EntityKind>,
    /// Its kind after the pass (`None`: the pass removed it).
    pub after: Option<EntityKind>,
}

/// A pass: its name and the function that edits the article's names.
pub struct Pass {
    pub name: &'static str,
    run: fn(&Article, &mut Vec<Name>),
}

/// The passes, in the order they run.
pub const PASSES: &[Pass] = &[
    Pass {
        name: "titles",
        run: titles,
    },
    Pass {
        name: "products",
        run: products,
    },
    Pass {
        name: "teams",
        run: teams,
    },
    Pass {
        name: "listed",
        run: listed,
    },
    Pass {
        name: "recurring",
        run: recurring,
    },
    Pass {
        name: "acronyms",
        run: acronyms,
    },
    Pass {
        name: "consistency",
        run: consistency,
    },
    Pass {
        name: "unintroduced",
        run: unintroduced,
    },
    Pass {
        name: "camel_case",
        run: camel_case,
    },
];

/// Runs every pass but those named in `skip` over `names` (sorted, non-overlapping), recording
/// changes in `trace`.
pub fn run_all(
    art: &Article,
    names: &mut Vec<Name>,
    mut trace: Option<&mut Vec<Change>>,
    skip: &[&str],
) {
    for pass in PASSES.iter().filter(|p| !skip.contains(&p.name)) {
        let before = trace.as_ref().map(|_| names.clone());
        (pass.run)(art, names);
        names.sort_by_key(|n| n.start);
        if let (Some(t), Some(before)) = (trace.as_deref_mut(), before) {
            diff(art, pass.name, &before, names, t);
        }
    }
}

fn diff(art: &Article, pass: &'static str, before: &[Name], after: &[Name], out: &mut Vec<Change>) {
    let change = |n: &Name, b: Option<EntityKind>, a: Option<EntityKind>| Change {
        pass,
        text: join_span(art, n),
        start: art.tokens[n.start].start,
        end: art.tokens[n.end - 1].end,
        before: b,
        after: a,
    };
    for n in before {
        match after.iter().find(|m| m.start == n.start && m.end == n.end) {
            Some(m) if m.kind != n.kind => out.push(change(n, Some(n.kind), Some(m.kind))),
            Some(_) => {}
            None => out.push(change(n, Some(n.kind), None)),
        }
    }
    for m in after {
        if !before.iter().any(|n| n.start == m.start && n.end == m.end) {
            out.push(change(m, None, Some(m.kind)));
        }
    }
}

fn join_span(art: &Article, n: &Name) -> String {
    art.body[art.tokens[n.start].start..art.tokens[n.end - 1].end].to_string()
}

/// Which of `n` tokens lie inside one of `names`.
fn covered_by(n: usize, names: &[Name]) -> Vec<bool> {
    let mut covered = vec![false; n];
    for name in names {
        covered[name.start..name.end]
            .iter_mut()
            .for_each(|c| *c = true);
    }
    covered
}

/// Replaces whatever overlaps `new` with it.
fn put(names: &mut Vec<Name>, new: Name) {
    names.retain(|n| n.end <= new.start || n.start >= new.end);
    names.push(new);
}

/// Titles are not part of a person's name ("Mr Buckley", "President Obama"): a person's name
/// that starts with one starts after it.
#[allow(clippy::ptr_arg)] // every pass has the signature of `Pass::run`
fn titles(art: &Article, names: &mut Vec<Name>) {
    for n in names.iter_mut() {
        while n.kind == EntityKind::Person
            && n.end - n.start > 1
            && is_person_title(art.text(n.start))
        {
            n.start += 1;
        }
    }
}

/// Products: names on the product list ("iPhone", "Windows"), a name-like run right before a
/// product noun ("Trainium chips", "GPT models"), and the other names of a coordination that
/// ends in one ("Trainium and Inferentia chips"); a company's name followed by a common word
/// ("Google Cloud", "Microsoft Azure" when the tagger joined them) is that company's product.
fn products(art: &Article, names: &mut Vec<Name>) {
    let toks = &art.tokens;
    let n = toks.len();
    let mut i = 0;
    while i < n {
        if art.taken[i] || !is_name_token(&toks[i]) {
            i += 1;
            continue;
        }
        if let Some((len, EntityKind::Product)) = art.phrase_at(i)
            && !art.taken[i..i + len].iter().any(|&x| x)
        {
            put(
                names,
                Name {
                    start: i,
                    end: i + len,
                    kind: EntityKind::Product,
                },
            );
            i += len;
            continue;
        }
        // A run of name-like tokens, then a product noun; acronyms that are not names ("AI")
        // may stand between ("Trainium AI chips"), but are not part of the product.
        let mut e = i;
        while e < n
            && !art.taken[e]
            && is_name_token(&toks[e])
            && (e == i || !toks[e].newline_before)
        {
            e += 1;
        }
        let mut noun = e;
        while e > i && is_not_a_name(art.text(e - 1)) {
            e -= 1;
        }
        // "AWS AI chips": an acronym before "AI chips" is the maker.
        let maker_acronym = e < noun && e == i + 1 && toks[i].upper;
        if e == i || maker_acronym {
            i = noun.max(i + 1);
            continue;
        }
        while noun < n && is_not_a_name(art.text(noun)) && toks[noun].upper {
            noun += 1;
        }
        let noun_follows = noun < n
            && toks[noun].kind == TokenKind::Word
            && !toks[noun].cap
            && is_product_noun(art.text(noun));
        if !noun_follows {
            i = e.max(i + 1);
            continue;
        }
        let run_is_not_product = names.iter().any(|m| {
            m.start <= i && m.end >= e && matches!(m.kind, EntityKind::Person | EntityKind::Place)
        }) || GAZ.phrase_kind(&join(art.body, &toks[i..e]))
            == Some(EntityKind::Org);
        let sentence_start_common = toks[i].sent_start && e == i + 1 && is_common(art.text(i));
        if !run_is_not_product && !sentence_start_common {
            put(
                names,
                Name {
                    start: i,
                    end: e,
                    kind: EntityKind::Product,
                },
            );
            // "Trainium and Inferentia chips": the name before the conjunction too.
            if i >= 2
                && matches!(art.text(i - 1), "and" | "or" | ",")
                && is_name_token(&toks[i - 2])
                && !art.taken[i - 2]
            {
                let mut s = i - 2;
                while s > 0
                    && is_name_token(&toks[s - 1])
                    && !art.taken[s - 1]
                    && !toks[s].newline_before
                {
                    s -= 1;
                }
                put(
                    names,
                    Name {
                        start: s,
                        end: i - 1,
                        kind: EntityKind::Product,
                    },
                );
            }
        }
        i = e.max(i + 1);
    }
    // "Google Cloud": a listed company, then a capitalised common word.
    for name in names.iter_mut() {
        if name.kind == EntityKind::Org
            && name.end - name.start == 2
            && GAZ.phrase_kind(art.text(name.start)) == Some(EntityKind::Org)
            && is_common(art.text(name.start + 1))
            && !is_org_suffix(art.text(name.start + 1))
            && !toks[name.start + 1].upper
        {
            name.kind = EntityKind::Product;
        }
    }
}

/// Sports teams named after their city: a place in a score line ("Barcelona 2 Real Madrid 1",
/// "Barcelona beat Real Madrid 2-1", a league table row) is the team, an organisation. Countries
/// stay places (national teams are written as their country).
#[allow(clippy::ptr_arg)] // every pass has the signature of `Pass::run`
fn teams(art: &Article, names: &mut Vec<Name>) {
    let toks = &art.tokens;
    // A score: a whole number below 200 on the same line ("2", not "2026" or "6.5").
    let is_score = |k: usize| {
        k < toks.len()
            && toks[k].kind == TokenKind::Num
            && !toks[k].newline_before
            && art.text(k).parse::<u32>().is_ok_and(|v| v < 200)
    };
    let line_of = |k: usize| {
        let mut s = k;
        while s > 0 && !toks[s].newline_before {
            s -= 1;
        }
        let mut e = k + 1;
        while e < toks.len() && !toks[e].newline_before {
            e += 1;
        }
        (s, e)
    };
    for name in names.iter_mut() {
        if name.kind != EntityKind::Place || is_country(art, name) {
            continue;
        }
        // "Barcelona 2 Real Madrid 1", "Ajax 10 7 2 1 25 8 23": a score right after the name,
        // then the end of the line, another name or another number.
        let e = name.end;
        let results_row = is_score(e)
            && toks
                .get(e + 1)
                .is_none_or(|t| t.newline_before || t.kind == TokenKind::Num || is_name_token(t));
        // "Barcelona beat Real Madrid 2-1": a score and a word of sport on the line.
        let (ls, le) = line_of(name.start);
        let score_line = (ls..le).any(|k| {
            is_score(k) && k + 2 < le && matches!(art.text(k + 1), "-" | "–") && is_score(k + 2)
        }) && (ls..le).any(|k| is_score_word(art.text(k)));
        if results_row || score_line {
            name.kind = EntityKind::Org;
        }
    }
}

fn is_country(art: &Article, name: &Name) -> bool {
    let text = join(art.body, &art.tokens[name.start..name.end]);
    GAZ.countries.contains(text.as_str())
}

/// A whole run of capitalised words that the gazetteer lists as an organisation or a place
/// ("Amazon" opening a sentence, where a capital is weak evidence) and that the tagger left
/// out is that organisation or place.
fn listed(art: &Article, names: &mut Vec<Name>) {
    let toks = &art.tokens;
    let covered = covered_by(toks.len(), names);
    let mut added = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if covered[i] || art.taken[i] || !is_name_token(&toks[i]) {
            i += 1;
            continue;
        }
        let mut e = i + 1;
        while e < toks.len() && is_name_token(&toks[e]) && !toks[e].newline_before && !art.taken[e]
        {
            e += 1;
        }
        let starts_run = i == 0 || !is_name_token(&toks[i - 1]) || toks[i].newline_before;
        if starts_run
            && !(i..e).any(|k| covered[k])
            && let Some((len, kind)) = art.phrase_at(i)
            && len == e - i
            && matches!(kind, EntityKind::Org | EntityKind::Place)
        {
            added.push(Name {
                start: i,
                end: e,
                kind,
            });
        }
        i = e;
    }
    names.extend(added);
}

/// Times a word must be capitalised mid-sentence (and never written in lower case) before the
/// `recurring` pass takes it for a name the tagger missed.
const RECURRING_MIN: u16 = 3;

/// A word that is not an English word, capitalised mid-sentence again and again and never
/// written in lower case, is a name even where the tagger did not see one ("Anthropic", "AWS"
/// in an article about them). It is taken for an organisation: people are introduced by full
/// name and places are mostly on the gazetteer, which the tagger reads.
fn recurring(art: &Article, names: &mut Vec<Name>) {
    let toks = &art.tokens;
    let covered = covered_by(toks.len(), names);
    let mut added = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if covered[i] || art.taken[i] || !is_name_token(t) {
            continue;
        }
        let joined = |k: usize| {
            k < toks.len() && is_name_token(&toks[k]) && !toks[k].newline_before && !art.taken[k]
        };
        if (i > 0 && joined(i) && !t.newline_before && is_name_token(&toks[i - 1])) || joined(i + 1)
        {
            continue;
        }
        let w = art.text(i);
        if art.capitalised_mid_sentence(w) >= RECURRING_MIN
            && !art.seen_lowercase(w)
            && !is_common(w)
            && !is_not_a_name(w)
            && !GAZ.demonyms.contains(w)
            && w.chars().count() > 1
        {
            added.push(Name {
                start: i,
                end: i + 1,
                kind: EntityKind::Org,
            });
        }
    }
    names.extend(added);
}

/// An acronym defined in brackets after a name is that name's kind: "Amazon Web Services
/// (AWS)", "Federal Trade Commission (FTC)".
fn acronyms(art: &Article, names: &mut Vec<Name>) {
    let toks = &art.tokens;
    let mut added = Vec::new();
    for n in names.iter() {
        let e = n.end;
        if e + 2 < toks.len()
            && art.text(e) == "("
            && toks[e + 1].upper
            && art.text(e + 2) == ")"
            && !art.taken[e + 1]
            && !is_not_a_name(art.text(e + 1))
            && n.end - n.start >= 2
        {
            added.push(Name {
                start: e + 1,
                end: e + 2,
                kind: n.kind,
            });
        }
    }
    for a in added {
        put(names, a);
    }
}

/// Article-level consistency. Every surface form takes the kind most of its occurrences got
/// (ties: the first occurrence's; a product found by a rule counts double); the last word of a person's full name is that person when
/// it stands alone; and capitalised occurrences the tagger left out (headlines, sentence
/// starts, an ALL CAPS headline's "JAPAN" for "Japan") get the kind of the same form elsewhere.
fn consistency(art: &Article, names: &mut Vec<Name>) {
    let toks = &art.tokens;
    // Votes per surface form, in lower case for matching ALL CAPS lines.
    let mut votes: FxMap<String, [u16; 8]> = FxMap::default();
    let mut first_kind: FxMap<String, EntityKind> = FxMap::default();
    let key = |s: usize, e: usize| join(art.body, &toks[s..e]).to_lowercase();
    for n in names.iter() {
        let k = key(n.start, n.end);
        // Products come from rules with evidence (a product noun, the product list).
        let weight = if n.kind == EntityKind::Product { 4 } else { 2 };
        votes.entry(k.clone()).or_default()[n.kind.index()] += weight;
        first_kind.entry(k).or_insert(n.kind);
        // "Jassy" after "Andy Jassy".
        if n.kind == EntityKind::Person && n.end - n.start >= 2 {
            let last = n.end - 1;
            if is_name_token(&toks[last]) && !toks[last].upper {
                let k = key(last, last + 1);
                votes.entry(k.clone()).or_default()[EntityKind::Person.index()] += 3;
                first_kind.entry(k).or_insert(EntityKind::Person);
            }
        }
    }
    let winner = |k: &str| -> Option<EntityKind> {
        let v = votes.get(k)?;
        let first = first_kind.get(k).copied();
        let best = (0..8).max_by_key(|&i| (v[i], first.is_some_and(|f| f.index() == i)))?;
        (v[best] > 0).then(|| EntityKind::ALL[best])
    };
    for n in names.iter_mut() {
        if let Some(w) = winner(&key(n.start, n.end)) {
            n.kind = w;
        }
    }
    // Occurrences the tagger missed.
    let mut longest: FxMap<String, usize> = FxMap::default();
    for k in votes.keys() {
        let first = k.split(' ').next().unwrap_or("").to_string();
        let len = k.split(' ').count();
        let e = longest.entry(first).or_insert(0);
        *e = (*e).max(len);
    }
    let covered = covered_by(toks.len(), names);
    let written: FxSet<String> = names
        .iter()
        .map(|n| join(art.body, &toks[n.start..n.end]))
        .collect();
    let mut added = Vec::new();
    let mut i = 0;
    let mut buf = [0u8; 32];
    while i < toks.len() {
        if covered[i] || art.taken[i] || !is_name_token(&toks[i]) {
            i += 1;
            continue;
        }
        let w = art.text(i);
        let max = match ascii_lower(w, &mut buf) {
            Some(l) => longest.get(l).copied(),
            None => longest.get(&w.to_lowercase()).copied(),
        };
        let max = max.unwrap_or(0).min(toks.len() - i);
        let mut hit = 0;
        for len in (1..=max).rev() {
            let span = i..i + len;
            if span
                .clone()
                .any(|k| covered[k] || art.taken[k] || (k > i && toks[k].newline_before))
            {
                continue;
            }
            // Only where the case tells nothing, or matches: an ALL CAPS word matches in any
            // case, any other word exactly.
            let exact = join(art.body, &toks[span.clone()]);
            let lower = exact.to_lowercase();
            let Some(kind) = winner(&lower) else {
                continue;
            };
            let written_so_elsewhere =
                written.contains(&exact) || (kind == EntityKind::Person && len == 1);
            if toks[i].upper || written_so_elsewhere {
                // The word right after must not continue the name ("Apple" in "Apple Music").
                let next_continues = i + len < toks.len()
                    && is_name_token(&toks[i + len])
                    && !toks[i + len].newline_before
                    && !toks[i + len].sent_start;
                if next_continues && !toks[i].upper {
                    continue;
                }
                added.push(Name {
                    start: i,
                    end: i + len,
                    kind,
                });
                hit = len;
                break;
            }
        }
        i += hit.max(1);
    }
    names.extend(added);
}

/// News introduces a person by full name or with a title before using one word for them. A
/// one-word "person" that recurs (three times or more) without ever being introduced so in
/// the article, and is not a first name, is a company or an organisation ("OpenAI",
/// "Anthropic" when the tagger read their shape as a surname's).
#[allow(clippy::ptr_arg)] // every pass has the signature of `Pass::run`
fn unintroduced(art: &Article, names: &mut Vec<Name>) {
    let toks = &art.tokens;
    let mut introduced: FxMap<&str, bool> = FxMap::default();
    let mut bare: FxMap<&str, usize> = FxMap::default();
    for n in names.iter().filter(|n| n.kind == EntityKind::Person) {
        if n.end - n.start >= 2 {
            for k in n.start..n.end {
                introduced.insert(art.text(k), true);
            }
        } else {
            *bare.entry(art.text(n.start)).or_default() += 1;
            let titled = n.start > 0 && {
                let p = art.text(n.start - 1);
                is_person_title(p) || GAZ.first_names.contains(p)
            };
            if titled {
                introduced.insert(art.text(n.start), true);
            }
        }
    }
    for n in names.iter_mut() {
        let w = art.text(n.start);
        if n.kind == EntityKind::Person
            && n.end - n.start == 1
            && bare.get(w).is_some_and(|&c| c >= 3)
            && !introduced.contains_key(w)
            && !GAZ.first_names.contains(w)
            && !toks[n.start].upper
        {
            n.kind = EntityKind::Org;
        }
    }
}

/// A one-word camel-case name whose head is not a surname's ("OpenAI", "SoftBank", "PayPal";
/// not "McAllen") is a company, not a place; nor a person when it holds a run of capitals
/// ("OpenAI", "JPMorgan": people's names do not).
#[allow(clippy::ptr_arg)] // every pass has the signature of `Pass::run`
fn camel_case(art: &Article, names: &mut Vec<Name>) {
    for n in names.iter_mut() {
        let t = &art.tokens[n.start];
        if n.end - n.start == 1
            && t.camel
            && t.cap
            && !CAMEL_SURNAME_PREFIXES.contains(&camel_head(art.text(n.start)))
            && (n.kind == EntityKind::Place
                || (n.kind == EntityKind::Person && has_capital_run(art.text(n.start))))
        {
            n.kind = EntityKind::Org;
        }
    }
}

/// Two capitals in a row after the first letter ("OpenAI", "JPMorgan").
fn has_capital_run(w: &str) -> bool {
    let b = w.as_bytes();
    (1..b.len()).any(|k| b[k].is_ascii_uppercase() && b[k - 1].is_ascii_uppercase())
}

//! Typing one candidate name: person, organisation, place or product.
//!
//! `names` finds the capitalised runs worth considering; this file decides what each run is, from
//! the strongest evidence to the weakest: gazetteer matches, titles before it ("CEO Andy Jassy"),
//! suffixes and head words ("... Corp", "University of ..."), first names, product nouns after it
//! ("Trainium chips"), word shape (acronyms, camelCase, version numbers), and finally defaults
//! tuned for news. Keeping the rules in one place makes their order explicit.

use super::EntityKind;
use super::gazetteer::GAZ;
use super::lexicon::*;
use super::names::{Cand, Ctx, Unit, has_digit, is_name_tok, is_title};
use super::token::Tk;

/// Word endings typical of place names ("Samarra" is not covered; "Islamabad", "Kazakhstan" are).
const PLACE_ENDINGS: &[&str] = &[
    "stan", "abad", "pur", "burg", "burgh", "grad", "ville", "polis", "shire", "ford", "chester",
    "caster", "mouth", "ingen", "hausen", "sk", "istan", "nagar", "garh", "kota",
];

fn product_noun_after(cx: &Ctx, mut k: usize) -> bool {
    while cx
        .toks
        .get(k)
        .is_some_and(|t| t.kind == Tk::Word && matches!(t.text(cx.body), "AI" | "AWS"))
    {
        k += 1;
    }
    cx.word_is(k, PRODUCT_NOUNS)
}

pub(super) fn classify(cx: &Ctx, run: &[Unit], person_ctx: bool, out: &mut Vec<Cand>) {
    let toks = cx.toks;
    let s = run[0].s;
    let e = run[run.len() - 1].e;
    let mut last_i = e - 1;
    if cx.text(last_i) == "." && last_i > s {
        last_i -= 1;
    }
    let first_txt = cx.text(s);
    let last_txt = cx.text(last_i);
    let g = &*GAZ;
    let push = |out: &mut Vec<Cand>, kind, by_default| {
        out.push(Cand {
            s,
            e,
            kind,
            by_default,
            by_noun: false,
        })
    };
    // Ticker after an exchange: "(NASDAQ: AMZN)".
    if s >= 2
        && cx.text(s - 1) == ":"
        && matches!(
            cx.text(s - 2),
            "NASDAQ" | "Nasdaq" | "NYSE" | "LSE" | "TSX" | "OTC" | "ASX" | "TSE"
        )
    {
        return;
    }
    let prev_possessive = s >= 3
        && cx.text(s - 1).eq_ignore_ascii_case("s")
        && matches!(cx.text(s - 2), "'" | "’" | "‘")
        && is_name_tok(&toks[s - 3]);
    // Storm names are events, not people: "Hurricane Katrina", "Typhoon Haiyan".
    if run.len() >= 2
        && run[0].gaz.is_none()
        && matches!(
            first_txt,
            "Hurricane" | "Typhoon" | "Cyclone" | "Storm" | "Tropical"
        )
    {
        return;
    }
    // "the Obama administration", "Bush Presidency": a leader's name.
    // Only for name-like words: "the Federal Aviation Administration", "the US administration"
    // and "the EU presidency" are not people.
    let next_txt = if e < toks.len() { cx.text(e) } else { "" };
    let leader_like = |units: &[Unit]| {
        units.len() <= 2
            && units
                .iter()
                .all(|u| !u.soft && !toks[u.s].upper && u.gaz != Some(EntityKind::Org))
            && !g.demonyms.contains(cx.text(units[0].s))
    };
    if LEADER_FOLLOWERS.contains(&next_txt) && leader_like(run) {
        push(out, EntityKind::Person, false);
        return;
    }
    if (2..=3).contains(&run.len())
        && run[run.len() - 1].e - run[run.len() - 1].s == 1
        && LEADER_FOLLOWERS.contains(&last_txt)
        && leader_like(&run[..run.len() - 1])
    {
        out.push(Cand {
            s,
            e: run[run.len() - 2].e,
            kind: EntityKind::Person,
            by_default: false,
            by_noun: false,
        });
        return;
    }
    // "Arcade Joseph Comeaux Jr.": a generational suffix ends a person's name.
    if run.len() >= 2 && GENERATIONAL.contains(&last_txt) {
        push(out, EntityKind::Person, false);
        return;
    }
    // "Aceh province", "Unity state", "Blang Mancung village".
    // A common word ("A Democratic state senator", "Federal police") needs a noun that only
    // places take.
    if run.len() <= 3
        && e < toks.len()
        && toks[e].kind == Tk::Word
        && is_place_follower(next_txt)
        && (!run.iter().all(|u| u.soft)
            || matches!(
                next_txt,
                "province" | "district" | "village" | "county" | "governorate" | "prefecture"
            ))
        && !run.iter().any(|u| u.gaz == Some(EntityKind::Org))
        && !person_ctx
    {
        push(out, EntityKind::Place, false);
        return;
    }
    // A title makes the whole run a person even where a word is also a place ("President
    // Vladimir Putin", "Sheikh Jarrah Smith").
    if person_ctx
        && run.len() >= 2
        && run[0].gaz == Some(EntityKind::Place)
        && run[0].e - run[0].s == 1
        && run[1..].iter().all(|u| u.gaz.is_none() && !u.soft)
        && !toks[s].upper
    {
        push(out, EntityKind::Person, false);
        return;
    }
    // ... or where the surname is ("President Barack Obama", "Mr. Tom Buckley").
    if person_ctx
        && (2..=3).contains(&run.len())
        && run[..run.len() - 1]
            .iter()
            .all(|u| u.gaz.is_none() && !u.soft && u.e - u.s == 1)
        && run[run.len() - 1].e - run[run.len() - 1].s == 1
        && run[run.len() - 1].gaz != Some(EntityKind::Org)
        && !toks[s].upper
    {
        push(out, EntityKind::Person, false);
        return;
    }
    // A first name that is also a company or a town, before an unknown name-like word, opens a
    // person's name ("Lindsay Lohan", "Sydney Leroux").
    if (2..=3).contains(&run.len())
        && run[0].gaz.is_some()
        && run[0].e - run[0].s == 1
        && g.first_names.contains(first_txt)
        && run[1..].iter().all(|u| u.gaz.is_none() && !u.soft)
        && !toks[s].upper
        && !is_org_suffix(last_txt)
        && !is_place_suffix(last_txt)
    {
        push(out, EntityKind::Person, false);
        return;
    }
    if run.len() == 1
        && let Some(kind) = run[0].gaz
    {
        // "Mr Buckley" (a surname that is also a town), "President Obama" (a city in Japan).
        let k = if person_ctx && kind == EntityKind::Place && !toks[s].upper
            || person_ctx
                && (g.first_names.contains(first_txt) || g.surnames.contains_key(first_txt))
        {
            EntityKind::Person
        } else {
            kind
        };
        push(out, k, false);
        return;
    }
    // "X of Y": the word before "of" decides.
    if let Some(k) = (0..run.len() - 1).find(|&k| cx.word_is(run[k].e, &["of"])) {
        let head = cx.text(run[k].e - 1);
        if is_org_prefix(head) || is_org_suffix(head) {
            push(out, EntityKind::Org, false);
            return;
        }
        if is_place_prefix(head) {
            push(out, EntityKind::Place, false);
            return;
        }
        if head == "City" && k == 0 {
            push(out, EntityKind::Org, false);
            return;
        }
    }
    if run.len() >= 2 && cx.word_is(run[0].e, &["of"]) && run[0].e - run[0].s == 1 {
        if is_org_prefix(first_txt) {
            push(out, EntityKind::Org, false);
            return;
        }
        if is_place_prefix(first_txt) {
            push(out, EntityKind::Place, false);
            return;
        }
    }
    if run.iter().any(|u| u.gaz.is_some()) {
        if is_org_suffix(last_txt) {
            push(out, EntityKind::Org, false);
            return;
        }
        // "Tampa Bay", "Orchestra Hall"; "South Vietnam", "Greater Noida".
        let compass = matches!(
            first_txt,
            "North"
                | "South"
                | "East"
                | "West"
                | "Northern"
                | "Southern"
                | "Eastern"
                | "Western"
                | "Central"
                | "Greater"
                | "Upper"
                | "Lower"
        );
        if (is_place_suffix(last_txt) && run[run.len() - 1].gaz.is_none())
            || (compass && run.len() == 2 && run[1].gaz == Some(EntityKind::Place))
        {
            push(out, EntityKind::Place, false);
            return;
        }
        // A team: a place and a plural nickname ("New Orleans Saints", "Portland Trail Blazers").
        if run[0].gaz == Some(EntityKind::Place)
            && (2..=3).contains(&run.len())
            && run[1..]
                .iter()
                .all(|u| u.gaz.is_none() && u.e - u.s == 1 && !toks[u.s].upper)
            && last_txt.len() > 3
            && last_txt.ends_with('s')
            && !last_txt.ends_with("ss")
            && !is_place_suffix(last_txt)
        {
            push(out, EntityKind::Org, false);
            return;
        }
        // A known product or company and one unknown word after it.
        if run.len() == 2 && run[1].gaz.is_none() && run[1].e - run[1].s == 1 {
            let kind = match run[0].gaz {
                // A model name: "MacBook Pro", "iPhone Air", "Galaxy Ultra".
                Some(EntityKind::Product) => Some(EntityKind::Product),
                // "Microsoft Azure", "Google Cloud" (a common word after a company) are
                // products; "Exxon Mobil" is one company.
                Some(EntityKind::Org) if run[1].soft => Some(EntityKind::Product),
                Some(EntityKind::Org) => Some(EntityKind::Org),
                _ => None,
            };
            if let Some(kind) = kind {
                push(out, kind, false);
                return;
            }
        }
        if run[0].gaz.is_none() && g.first_names.contains(first_txt) && run.len() <= 3 {
            push(out, EntityKind::Person, false);
            return;
        }
        // Split into gazetteer entries and unknown runs.
        let mut k = 0;
        while k < run.len() {
            if run[k].gaz.is_some() {
                classify(cx, &run[k..k + 1], false, out);
                k += 1;
            } else {
                let mut m = k;
                while m < run.len() && run[m].gaz.is_none() {
                    m += 1;
                }
                classify(cx, &run[k..m], person_ctx && k == 0, out);
                k = m;
            }
        }
        return;
    }
    let n = run.len();
    if n == 1 && (is_org_suffix(first_txt) || is_place_suffix(first_txt)) {
        return;
    }
    let all_soft = run.iter().all(|u| u.soft);
    let upper = toks[s].upper;
    // A title before common words is no evidence ("Artificial General Intelligence").
    if person_ctx && !upper && (!all_soft || g.first_names.contains(first_txt)) {
        push(out, EntityKind::Person, false);
        return;
    }
    if n >= 2 && is_org_suffix(last_txt) {
        push(out, EntityKind::Org, false);
        return;
    }
    if n >= 2 && is_place_suffix(last_txt) {
        push(out, EntityKind::Place, false);
        return;
    }
    if n >= 2 && cx.word_is(s + 1, &["of"]) {
        if is_org_prefix(first_txt) {
            push(out, EntityKind::Org, false);
            return;
        }
        if is_place_prefix(first_txt) {
            push(out, EntityKind::Place, false);
            return;
        }
    }
    // "Mount Sefton", "Lake Tekapo", "Fort Smith": a place word that opens a name.
    if n >= 2
        && matches!(
            first_txt,
            "Mount" | "Mt" | "Lake" | "Cape" | "Port" | "Fort" | "Isle"
        )
    {
        push(out, EntityKind::Place, false);
        return;
    }
    // "Malibu, Calif.", "Spiro, Oklahoma": a name before a known place and a comma is a town.
    if n <= 2
        && !person_ctx
        && cx.text(e.min(toks.len() - 1)) == ","
        && e + 1 < toks.len()
        && {
            let mut buf = String::new();
            // "Malibu, Calif., Access Hollywood said", but not "Comeaux, Texas officials
            // said" or "Gradient, Paris-based Mistral".
            super::gazetteer::match_phrase(cx.body, toks, e + 1, &mut buf).is_some_and(
                |(len, kind)| {
                    kind == EntityKind::Place
                        && toks
                            .get(e + 1 + len)
                            .is_none_or(|t| matches!(t.text(cx.body), "," | "." | ";" | ":" | ")"))
                },
            )
        }
        && !(n == 2 && g.first_names.contains(first_txt))
    {
        push(out, EntityKind::Place, false);
        return;
    }
    let first_name_led = n >= 2 && !upper && g.first_names.contains(first_txt);
    // "Andrew Luck", "Maurice Cheeks": a first name, then a common word capitalised
    // mid-sentence, is a person.
    if n == 2
        && first_name_led
        && (!run[1].soft || g.surnames.contains_key(cx.text(run[1].s)))
        && !toks[run[1].s].sent_start
        && !toks[run[1].s].title_line
        && !toks[run[1].s].upper
    {
        push(out, EntityKind::Person, false);
        return;
    }
    let rest_name_like = run.iter().skip(1).all(|u| {
        let w = cx.text(u.s);
        !u.soft || g.surnames.contains_key(w) || g.first_names.contains(w)
    });
    if first_name_led && (!run[1].soft || ((2..=3).contains(&n) && rest_name_like)) {
        push(out, EntityKind::Person, false);
        return;
    }
    if product_noun_after(cx, e) {
        out.push(Cand {
            s,
            e,
            kind: EntityKind::Product,
            // An acronym before "chips" is as often the maker ("AWS AI chips"): a weak vote.
            by_default: upper,
            by_noun: true,
        });
        return;
    }
    // Plural group nouns ("Sadrists", "Shiites", "Methodists") are not names.
    if n == 1
        && !upper
        && ["ists", "ites", "ians"]
            .iter()
            .any(|x| first_txt.len() > x.len() + 2 && first_txt.ends_with(x))
    {
        return;
    }
    if all_soft && !(n == 1 && cx.repeated_name(first_txt)) {
        // A frequent surname used mid-sentence ("Bush said", "with Rice").
        if n == 1 && g.surnames.get(first_txt).is_some_and(|&r| r < 1000) && !toks[s].sent_start {
            push(out, EntityKind::Person, true);
        }
        return;
    }
    if n == 1 && prev_possessive && !upper {
        push(out, EntityKind::Product, true);
        return;
    }
    let any_digit = (s..e).any(|k| has_digit(cx.text(k)));
    if any_digit || first_txt.ends_with("GPT") || first_txt.starts_with(|c: char| c.is_lowercase())
    {
        push(out, EntityKind::Product, false);
        return;
    }
    if n == 1 && (upper || toks[s].camel) {
        push(out, EntityKind::Org, false);
        return;
    }
    let org_ctx = toks
        .get(e)
        .is_some_and(|t| t.kind == Tk::Word && is_org_follower(t.text(cx.body)))
        || (cx.text(e.min(toks.len() - 1)) == ","
            && cx.word_is(e + 1, &["Inc", "Ltd", "LLC", "Corp", "plc"]));
    // A listing note after a name: "Anthropic (Private)", "Amazon (NASDAQ: AMZN)".
    let listing = cx.text(e.min(toks.len() - 1)) == "("
        && e > s
        && cx.word_is(
            e + 1,
            &[
                "Private", "private", "NYSE", "NASDAQ", "Nasdaq", "LSE", "TSX", "ASX", "OTC",
                "TSE", "HKEX", "SGX", "Euronext", "Xetra",
            ],
        );
    if org_ctx || listing {
        push(out, EntityKind::Org, false);
        return;
    }
    // Companies "say" things too: a verb only decides for multi-word names or known surnames.
    let name_like =
        n >= 2 || g.surnames.contains_key(first_txt) || g.first_names.contains(first_txt);
    if name_like
        && (cx.lower_word_in(e, PERSON_VERBS)
            || (s > 0 && cx.lower_word_in(s - 1, &["said", "says", "by"])))
    {
        push(out, EntityKind::Person, false);
        return;
    }
    // "in Palmer on Tuesday", "near Woodburn.": a locative with nothing financial before it
    // ("a stake in", "invest in") and no possessive after it is evidence, not a guess, so that
    // a town's recurring bare mentions do not outvote it as an organisation.
    if n == 1
        && (!all_soft || !toks[s].title_line)
        && s >= 2
        && cx.lower_word_in(s - 1, &["in", "near", "outside"])
        && !cx.lower_word_in(s - 2, NOT_BEFORE_LOCATIVE)
        && toks[s - 2].kind == Tk::Word
        && toks.get(e).is_none_or(|t| {
            let w = t.text(cx.body);
            matches!(w, "," | "." | ";" | ")")
                || t.kind == Tk::Word && w.starts_with(|c: char| c.is_lowercase())
        })
    {
        push(out, EntityKind::Place, false);
        return;
    }
    if n == 1
        && !all_soft
        && s > 0
        && cx.lower_word_in(
            s - 1,
            &[
                "in",
                "from",
                "near",
                "to",
                "across",
                "throughout",
                "outside",
            ],
        )
        && !(s >= 2 && cx.lower_word_in(s - 2, NOT_BEFORE_LOCATIVE))
        && !g.first_names.contains(first_txt)
        && !g.surnames.contains_key(first_txt)
    {
        push(out, EntityKind::Place, true);
        return;
    }
    if n == 1 && s > 0 && cx.lower_word_in(s - 1, &["at"]) {
        push(out, EntityKind::Org, true);
        return;
    }
    if n == 1 {
        let k = if all_soft {
            // A common word used as a name: a frequent surname ("Bush") or else an organisation
            // or brand ("Azure", "Anthropic").
            if g.surnames.get(first_txt).is_some_and(|&r| r < 2000)
                || g.first_names.contains(first_txt)
            {
                EntityKind::Person
            } else {
                EntityKind::Org
            }
        } else if PLACE_ENDINGS
            .iter()
            .any(|e| first_txt.len() > e.len() + 2 && first_txt.ends_with(e))
        {
            EntityKind::Place
        } else if g.first_names.contains(first_txt) && !upper {
            // A first name alone ("Bella", "Tara") is a person, however often it recurs.
            EntityKind::Person
        } else if cx.cap_all(first_txt) >= 2
            || (s > 0
                && cx.lower_word_in(
                    s - 1,
                    &[
                        "the", "a", "an", "its", "their", "our", "this", "that", "these", "those",
                        "rival", "like",
                    ],
                ))
        {
            // News introduces people with their full name; a bare name that keeps coming back
            // on its own (and never as a known person's surname: the article-level votes let
            // "Altman" after "Sam Altman" win), or that follows a determiner ("the Trainium
            // line"), is more often a company, brand or organisation.
            EntityKind::Org
        } else {
            EntityKind::Person
        };
        push(out, k, true);
        return;
    }
    if n <= 3 && run.iter().all(|u| !u.soft && !toks[u.s].upper) {
        push(out, EntityKind::Person, true);
        return;
    }
    // "Condoleeza Rice", "A. Noel Kramer": name-like words ending in a known surname.
    let initial = |u: &Unit| {
        let w = cx.text(u.s);
        w.len() <= 2 && w.chars().next().is_some_and(char::is_uppercase) && !toks[u.s].upper
            || (w.len() == 1 && w.chars().all(char::is_uppercase))
    };
    let last_w = cx.text(run[n - 1].s);
    if n <= 4
        && run[n - 1].e - run[n - 1].s == 1
        && !toks[run[n - 1].s].upper
        && g.surnames.get(last_w).is_some_and(|&r| r < 5000)
        && run[..n - 1]
            .iter()
            .all(|u| initial(u) || (!u.soft && !toks[u.s].upper))
        && run[..n - 1].iter().any(|u| !initial(u))
        && !toks[s].camel
        && !matches!(
            last_w,
            "Way"
                | "Field"
                | "Fields"
                | "Place"
                | "Lane"
                | "Drive"
                | "Row"
                | "Terrace"
                | "Hall"
                | "House"
                | "Tower"
                | "Building"
                | "Hotel"
                | "Brothers"
                | "Sons"
                | "Storm"
        )
        && !is_place_prefix(first_txt)
        && !is_org_prefix(first_txt)
        && !is_title(first_txt)
        && !is_org_suffix(last_w)
        && !is_place_suffix(last_w)
    {
        push(out, EntityKind::Person, true);
        return;
    }
    push(out, EntityKind::Org, true);
}

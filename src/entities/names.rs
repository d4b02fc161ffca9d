//! Names of people, organisations, places and products.
//!
//! There is no list of the names we must find: articles are about whoever is in the news. So the
//! recogniser combines (1) capitalisation, discounted where it is no evidence (sentence-initial
//! words, Title Case headlines), (2) gazetteers for the names that are always around (countries,
//! cities, listed companies, first names), (3) context rules (titles, company suffixes, "said",
//! product nouns, possessives) and (4) consistency across the article: whatever is recognised once
//! is recognised everywhere, a person's surname alone included, and one surface form gets one kind.
//! Last, the rules' default guesses for names seen once are shown to a small trained model
//! (`model`), which may drop them or turn them into a person or organisation when confident.

use super::classify::classify;
use super::gazetteer::{FxMap, FxSet, GAZ, is_common, join, match_phrase};
use super::lexicon::*;
use super::model::{
    DROP_THRESHOLD, MODE, RuleInfo, THRESHOLD, combine, eligible, features, predict,
};
use super::token::{Tk, Token};
use super::{Entity, EntityKind, make};
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug)]
pub(super) struct Unit {
    pub(super) s: usize,
    pub(super) e: usize,
    pub(super) gaz: Option<EntityKind>,
    pub(super) bad: bool,
    pub(super) soft: bool,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Cand {
    pub(super) s: usize,
    pub(super) e: usize,
    pub(super) kind: EntityKind,
    pub(super) by_default: bool,
    pub(super) by_noun: bool,
}

#[inline]
pub(super) fn is_name_tok(t: &Token) -> bool {
    t.kind == Tk::Word && (t.cap || t.camel)
}

static TITLE_SET: LazyLock<FxSet<&'static str>> =
    LazyLock::new(|| PERSON_TITLES.iter().copied().collect());
pub(super) static ROLE_SET: LazyLock<FxSet<&'static str>> =
    LazyLock::new(|| ROLE_NOUNS.iter().copied().collect());
static NOT_NAME_SET: LazyLock<FxSet<&'static str>> =
    LazyLock::new(|| NOT_NAMES.iter().copied().collect());
static FUNC_SET: LazyLock<FxSet<&'static str>> =
    LazyLock::new(|| FUNCTION_WORDS.iter().copied().collect());

pub(super) fn is_title(w: &str) -> bool {
    TITLE_SET.contains(w)
}

fn is_function_word(w: &str) -> bool {
    if w.len() > 12 || !w.is_ascii() {
        return false;
    }
    let mut buf = [0u8; 12];
    for (d, s) in buf.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..w.len()]).is_ok_and(|l| FUNC_SET.contains(l))
}

pub(super) fn has_digit(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
}

pub(super) struct Ctx<'a> {
    pub(super) body: &'a str,
    pub(super) toks: &'a [Token],
    /// Capitalised occurrences of a word: (mid-sentence in body text, anywhere).
    pub(super) caps: FxMap<&'a str, (u16, u16)>,
}

impl<'a> Ctx<'a> {
    pub(super) fn text(&self, i: usize) -> &'a str {
        self.toks[i].text(self.body)
    }
    pub(super) fn word_is(&self, i: usize, words: &[&str]) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Tk::Word && words.contains(&t.text(self.body)))
    }
    pub(super) fn lower_word_in(&self, i: usize, words: &[&str]) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.kind == Tk::Word && {
                let w = t.text(self.body);
                words.iter().any(|x| x.eq_ignore_ascii_case(w))
            }
        })
    }
    /// Soft (common-word) single token repeated capitalised mid-sentence and never lowercase.
    /// Capitalised mid-sentence occurrences of `w` in body text.
    pub(super) fn cap_mid(&self, w: &str) -> u16 {
        self.caps.get(w).map_or(0, |c| c.0)
    }
    /// Capitalised occurrences of `w` anywhere.
    pub(super) fn cap_all(&self, w: &str) -> u16 {
        self.caps.get(w).map_or(0, |c| c.1)
    }
    pub(super) fn repeated_name(&self, w: &str) -> bool {
        let cap = self.cap_mid(w);
        if cap < 2 {
            return false;
        }
        // Never written in lowercase anywhere in the article (whole-word match).
        let l = w.to_lowercase();
        let b = self.body.as_bytes();
        !self.body.match_indices(l.as_str()).any(|(pos, m)| {
            let before = pos == 0 || !b[pos - 1].is_ascii_alphanumeric();
            let end = pos + m.len();
            let after = end >= b.len() || !b[end].is_ascii_alphanumeric();
            before && after
        })
    }
}

fn build_unit(cx: &Ctx, j: usize) -> Unit {
    let t = &cx.toks[j];
    let w = t.text(cx.body);
    let g = &*GAZ;
    let common = !t.camel && !t.upper && is_common(w);
    let unit = |bad| Unit {
        s: j,
        e: j + 1,
        gaz: None,
        bad,
        soft: common,
    };
    // Plural acronyms ("ASICs", "GPUs") are common nouns.
    let plural_acronym = w.len() >= 3
        && w.ends_with('s')
        && w[..w.len() - 1].bytes().all(|b| b.is_ascii_uppercase());
    let junk = plural_acronym
        || (t.end - t.start == 1)
        || is_function_word(w)
        || NOT_NAME_SET.contains(w)
        || (t.upper && is_common(w))
        || g.demonyms.contains(w)
        || w.rsplit_once('.')
            .is_some_and(|(_, ext)| FILE_EXTENSIONS.contains(&ext));
    if junk {
        return unit(true);
    }
    let after_open = j > 0 && {
        let p = &cx.toks[j - 1];
        p.kind == Tk::Punct
            && matches!(
                p.text(cx.body),
                "(" | "[" | "“" | "\"" | ":" | "•" | "*" | "|" | "-" | "–" | "—" | ">"
            )
    };
    let weak = t.sent_start || t.title_line || after_open;
    // Headline words and sentence-initial acronyms need confirmation from the body text.
    let needs_confirmation = t.title_line || (t.sent_start && t.upper);
    let suspicious = (weak && common) || (needs_confirmation && cx.cap_mid(w) == 0);
    if !suspicious {
        return unit(false);
    }
    // "Tom Martin" at a line start: a first name followed by a capitalised name-like word.
    let first_name_lead = g.first_names.contains(w)
        && cx.toks.get(j + 1).is_some_and(|nx| {
            let nw = nx.text(cx.body);
            nx.kind == Tk::Word
                && nx.cap
                && !nx.upper
                && !nx.newline_before
                && (!is_common(nw) || g.surnames.contains_key(nw))
        });
    let prev_first_name = j > 0 && {
        let p = &cx.toks[j - 1];
        p.kind == Tk::Word
            && p.cap
            && !t.upper
            && (!common || g.surnames.contains_key(w))
            && g.first_names.contains(p.text(cx.body))
    };
    unit(!(first_name_lead || prev_first_name))
}

const FILE_EXTENSIONS: &[&str] = &[
    "pdf", "doc", "docx", "jpg", "png", "gif", "html", "htm", "txt", "xls", "xlsx", "ppt", "zip",
    "exe",
];

/// An "of" among tokens `s..e` (the chunk is an "X of Y" name).
fn has_of(cx: &Ctx, s: usize, e: usize) -> bool {
    (s..e).any(|k| cx.toks[k].kind == Tk::Word && cx.text(k) == "of")
}

/// Form a chunk of name units starting at `i`. Returns (units, end index).
fn chunk(cx: &Ctx, taken: &[bool], i: usize, buf: &mut String) -> (Vec<Unit>, usize) {
    let toks = cx.toks;
    let n = toks.len();
    let mut units: Vec<Unit> = Vec::new();
    let mut j = i;
    loop {
        if j >= n || taken[j] || (!units.is_empty() && toks[j].newline_before) {
            break;
        }
        let t = &toks[j];
        if !is_name_tok(t) {
            break;
        }
        let w = t.text(cx.body);
        let phrase = match_phrase(cx.body, toks, j, buf);
        // A title word that is also a surname after a first name is the surname ("Billy King").
        // Not when another name follows: "Charlotte Mayor Vi Lyles".
        let surname_after_first_name = units
            .last()
            .is_some_and(|u| u.e - u.s == 1 && GAZ.first_names.contains(cx.text(u.s)) && j == u.e)
            && GAZ.surnames.contains_key(w)
            && !toks
                .get(j + 1)
                .is_some_and(|t| is_name_tok(t) && !t.newline_before);
        if is_title(w) && !(units.is_empty() && phrase.is_some()) && !surname_after_first_name {
            break;
        }
        match phrase {
            Some((len, kind)) if !taken[j..j + len].iter().any(|&x| x) => {
                units.push(Unit {
                    s: j,
                    e: j + len,
                    gaz: Some(kind),
                    bad: false,
                    soft: false,
                });
                j += len;
            }
            _ => {
                units.push(build_unit(cx, j));
                j += 1;
            }
        }
        // Connectors.
        if j >= n || taken[j] {
            break;
        }
        let c = &toks[j];
        if is_name_tok(c) && !c.newline_before {
            continue;
        }
        if j + 1 >= n || taken[j + 1] {
            break;
        }
        let nx = &toks[j + 1];
        let cs = c.text(cx.body);
        let next_name = is_name_tok(nx) && !nx.newline_before;
        if is_name_tok(c) && !c.newline_before {
            continue;
        }
        let last = *units.last().unwrap_or(&units[0]);
        let last_txt = cx.text(last.e - 1);
        if cs == "."
            && !c.space_before
            && last.e - last.s == 1
            && matches!(
                last_txt,
                "St" | "Mt" | "Ft" | "Jr" | "Sr" | "Inc" | "Corp" | "Co" | "Ltd" | "Bros"
            )
        {
            if let Some(u) = units.last_mut() {
                u.e = j + 1;
            }
            j += 1;
            if next_name && !matches!(last_txt, "Inc" | "Corp" | "Co" | "Ltd" | "Jr" | "Sr") {
                continue;
            }
            break;
        }
        // Version numbers: "GPT-4", "Galaxy S-24".
        if cs == "-" && !c.space_before && nx.kind == Tk::Num && !nx.space_before {
            if let Some(u) = units.last_mut() {
                u.e = j + 2;
                u.soft = false;
            }
            j += 2;
            break;
        }
        if !next_name {
            break;
        }
        // Join "Rolls-Royce" but not two known names: "Amazon-OpenAI deal".
        if c.kind == Tk::Punct
            && (cs == "&" || last.gaz.is_none())
            && (cs == "-" || cs == "&")
            && (!c.space_before || cs == "&")
            && (!nx.space_before || cs == "&")
        {
            j += 1;
            continue;
        }
        // "Department of Housing and Urban Development", "Housing Authority of New Orleans".
        if c.kind == Tk::Word && cs == "of" {
            let head_ok = is_org_prefix(last_txt)
                || is_place_prefix(last_txt)
                || is_org_suffix(last_txt)
                || last_txt == "City";
            if head_ok && !units.iter().any(|u| u.bad) && !has_of(cx, units[0].s, j) {
                j += 1;
                continue;
            }
            break;
        }
        if c.kind == Tk::Word && cs == "and" && has_of(cx, units[0].s, j) {
            j += 1;
            continue;
        }
        if c.kind == Tk::Word
            && NAME_PARTICLES.contains(&cs)
            && !units[0].soft
            && units[0].gaz.is_none()
        {
            j += 1;
            continue;
        }
        break;
    }
    (units, j.max(i + 1))
}

/// Vote of a full person name for its surname alone (default guesses vote 1, evidence 2): one
/// "Anthony LaCalamita" outweighs the shape evidence of several bare "LaCalamita"s.
const SURNAME_VOTE: u16 = 16;

/// Guesses about one surface form count up to this many votes however often the form recurs: a
/// surname repeated twenty times after one full name ("Tyler Hansbrough ... Hansbrough") is
/// twenty guesses, not twenty pieces of evidence.
const GUESS_VOTES_CAP: u16 = 3;

/// Article-level votes for the kind of one surface form: evidence per kind, then guesses per kind.
#[derive(Default)]
struct Votes([u16; 16]);

impl Votes {
    fn winner(&self) -> EntityKind {
        let total = |k: usize| self.0[k].saturating_add(self.0[8 + k].min(GUESS_VOTES_CAP));
        // Ties go to the kind with more evidence, then to the earlier kind.
        EntityKind::ALL[(0..8)
            .max_by_key(|&k| (total(k), self.0[k], 8 - k))
            .unwrap_or(1)]
    }
}

fn kind_idx(k: EntityKind) -> usize {
    k as usize
}

/// Find names; marks their tokens in `taken`.
pub fn find(
    body: &str,
    toks: &[Token],
    taken: &mut [bool],
    out: &mut Vec<Entity>,
    mut collect: Option<&mut Vec<TrainCand>>,
) {
    let n = toks.len();
    let mut cx = Ctx {
        body,
        toks,
        caps: FxMap::with_capacity_and_hasher(n / 8 + 8, Default::default()),
    };
    for t in toks {
        if t.kind != Tk::Word {
            continue;
        }
        if t.cap || t.camel {
            let c = cx.caps.entry(t.text(body)).or_insert((0, 0));
            c.1 += 1;
            if !t.sent_start && !t.title_line {
                c.0 += 1;
            }
        }
    }
    let mut buf = String::new();
    let mut cands: Vec<Cand> = Vec::new();
    let mut i = 0;
    let mut person_ctx_at = usize::MAX;
    while i < n {
        let t = &toks[i];
        if taken[i] {
            i += 1;
            continue;
        }
        if t.kind == Tk::Word {
            let w = t.text(body);
            let title = if t.cap {
                is_title(w)
            } else {
                // Role nouns only matter right before a name.
                toks.get(i + 1).is_some_and(is_name_tok) && ROLE_SET.contains(w)
            };
            if title && match_phrase(body, toks, i, &mut buf).is_none() {
                let mut k = i + 1;
                if toks
                    .get(k)
                    .is_some_and(|d| d.text(body) == "." && !d.space_before)
                {
                    k += 1;
                }
                person_ctx_at = k;
                i += 1;
                continue;
            }
        }
        if !is_name_tok(t) {
            i += 1;
            continue;
        }
        let (units, end) = chunk(&cx, taken, i, &mut buf);
        let person_ctx = person_ctx_at == i;
        // Split at bad units.
        let mut k = 0;
        while k < units.len() {
            if units[k].bad {
                k += 1;
                // "Israeli Defense Forces": a demonym opens an organisation's name.
                let mut m = k;
                while m < units.len() && !units[m].bad {
                    m += 1;
                }
                if m > k
                    && k >= 1
                    && GAZ.demonyms.contains(cx.text(units[k - 1].s))
                    && is_org_suffix(cx.text(units[m - 1].e - 1))
                    && units[k..m].iter().all(|u| u.gaz.is_none())
                {
                    let mut st = k - 1;
                    while st > 0
                        && units[st - 1].bad
                        && GAZ.demonyms.contains(cx.text(units[st - 1].s))
                    {
                        st -= 1;
                    }
                    let (s, e) = (units[st].s, units[m - 1].e);
                    cands.push(Cand {
                        s,
                        e,
                        kind: EntityKind::Org,
                        by_default: false,
                        by_noun: false,
                    });
                    k = m;
                }
                continue;
            }
            let mut m = k;
            while m < units.len() && !units[m].bad {
                m += 1;
            }
            classify(&cx, &units[k..m], person_ctx && k == 0, &mut cands);
            k = m;
        }
        i = end;
    }
    // Coordinated products: "Trainium and Inferentia chips".
    for k in (1..cands.len()).rev() {
        if cands[k].kind == EntityKind::Product && cands[k].by_noun {
            let (a, b) = (cands[k - 1].e, cands[k].s);
            let between_ok = b > a
                && (a..b).all(|x| matches!(toks[x].text(body), "and" | "or" | ","))
                && b - a <= 2;
            if between_ok && cands[k - 1].by_default {
                cands[k - 1].kind = EntityKind::Product;
                cands[k - 1].by_noun = true;
                cands[k - 1].by_default = false;
            }
        }
    }
    // "the Trainium and Inferentia lines": coordinated guesses share the first one's kind.
    for k in 1..cands.len() {
        let (a, b) = (cands[k - 1].e, cands[k].s);
        if b == a + 1
            && matches!(toks[a].text(body), "and" | "or")
            && cands[k - 1].by_default
            && cands[k].by_default
            && cands[k].e - cands[k].s == 1
        {
            cands[k].kind = cands[k - 1].kind;
        }
    }
    // Lists of places: "in Mosul, Baiji and Tuz" (a guess next to a known place is a place).
    let listed = |toks: &[Token], a: usize, b: usize| {
        b > a && b - a <= 2 && (a..b).all(|x| matches!(toks[x].text(body), "," | "and" | "or"))
    };
    for k in 0..cands.len() {
        let w = toks[cands[k].s].text(body);
        if !cands[k].by_default
            || cands[k].e - cands[k].s != 1
            || GAZ.first_names.contains(w)
            || GAZ.surnames.contains_key(w)
        {
            continue;
        }
        let known_place = |c: &Cand| c.kind == EntityKind::Place && !c.by_default;
        let left = k > 0 && known_place(&cands[k - 1]) && listed(toks, cands[k - 1].e, cands[k].s);
        let right = k + 1 < cands.len()
            && known_place(&cands[k + 1])
            && listed(toks, cands[k].e, cands[k + 1].s);
        if left || right {
            cands[k].kind = EntityKind::Place;
        }
    }
    // "Anthropic's Claude": the owner of a product is an organisation.
    for k in 1..cands.len() {
        let (a, b) = (cands[k - 1].e, cands[k].s);
        if cands[k].kind == EntityKind::Product
            && b == a + 2
            && matches!(toks[a].text(body), "'" | "’" | "‘")
            && toks[a + 1].text(body) == "s"
            && cands[k - 1].by_default
            && cands[k - 1].e - cands[k - 1].s == 1
        {
            cands[k - 1].kind = EntityKind::Org;
            // Evidence, not a default guess: keeps the model's veto off it.
            cands[k - 1].by_default = false;
        }
    }
    // Extend organisations over ", Inc.".
    for c in &mut cands {
        if c.e + 1 < n
            && toks[c.e].text(body) == ","
            && matches!(
                toks[c.e + 1].text(body),
                "Inc" | "Ltd" | "LLC" | "Corp" | "plc"
            )
            && !taken[c.e + 1]
        {
            c.kind = EntityKind::Org;
            c.e += 2;
            if c.e < n && toks[c.e].text(body) == "." && !toks[c.e].space_before {
                c.e += 1;
            }
        }
    }
    cands.retain(|c| !taken[c.s..c.e].iter().any(|&x| x));
    // Remove overlaps (keep earlier).
    let mut last_end = 0;
    cands.retain(|c| {
        let ok = c.s >= last_end;
        if ok {
            last_end = c.e;
        }
        ok
    });
    for c in &cands {
        for x in &mut taken[c.s..c.e] {
            *x = true;
        }
    }
    // Article-level consistency: known surface forms with kind votes.
    let mut votes: FxMap<String, Votes> = FxMap::default();
    let mut first_tok: FxMap<&str, usize> = FxMap::default();
    let g = &*GAZ;
    let mut add =
        |s: usize, e: usize, kind: EntityKind, w: u16, votes: &mut FxMap<String, Votes>| {
            let key = join(body, &toks[s..e]);
            let v = votes.entry(key).or_default();
            // Votes of 1 are guesses: kept apart so that they saturate (see `Votes::winner`).
            let slot = if w == 1 { 8 } else { 0 } + kind_idx(kind);
            v.0[slot] = v.0[slot].saturating_add(w);
            let f = first_tok.entry(toks[s].text(body)).or_insert(0);
            *f = (*f).max(e - s);
        };
    for c in &cands {
        add(
            c.s,
            c.e,
            c.kind,
            // Headline guesses (title case hides which words are names) count as defaults.
            if c.by_default || toks[c.s].title_line {
                1
            } else {
                2
            },
            &mut votes,
        );
        if c.kind == EntityKind::Person && c.e - c.s >= 2 {
            let mut last = c.e - 1;
            // "Comeaux" of "Arcade Joseph Comeaux Jr.".
            while last > c.s + 1
                && (GENERATIONAL.contains(&toks[last].text(body)) || toks[last].text(body) == ".")
            {
                last -= 1;
            }
            let w = toks[last].text(body);
            if is_name_tok(&toks[last]) && (!is_common(w) || !c.by_default) && w.len() > 1 {
                // News introduces a person by full name, then uses the surname alone: the
                // full name outweighs any number of bare-surname guesses.
                add(last, last + 1, EntityKind::Person, SURNAME_VOTE, &mut votes);
            }
            if g.first_names.contains(toks[c.s].text(body)) {
                add(c.s, c.s + 1, EntityKind::Person, 1, &mut votes);
            }
        }
        // "Amazon Web Services (AWS)".
        if c.e + 2 < n
            && toks[c.e].text(body) == "("
            && toks[c.e + 1].upper
            && toks[c.e + 2].text(body) == ")"
            && !NOT_NAMES.contains(&toks[c.e + 1].text(body))
        {
            add(c.e + 1, c.e + 2, c.kind, 3, &mut votes);
        }
    }
    // Second pass: find known names anywhere (headlines, sentence starts).
    let mut extra: Vec<Cand> = Vec::new();
    let mut i = 0;
    while i < n {
        let t = &toks[i];
        if taken[i] || !is_name_tok(t) {
            i += 1;
            continue;
        }
        let max = first_tok.get(t.text(body)).copied().unwrap_or(0).min(n - i);
        let mut hit = 0;
        for len in (1..=max).rev() {
            if taken[i..i + len].iter().any(|&x| x)
                || toks[i + 1..i + len].iter().any(|t| t.newline_before)
            {
                continue;
            }
            buf.clear();
            for (k, tk) in toks[i..i + len].iter().enumerate() {
                if k > 0 {
                    buf.push(' ');
                }
                buf.push_str(tk.text(body));
            }
            if let Some(v) = votes.get(buf.as_str()) {
                let kind = v.winner();
                // Do not glue a known name onto a longer capitalised sequence mid-sentence.
                extra.push(Cand {
                    s: i,
                    e: i + len,
                    kind,
                    by_default: false,
                    by_noun: false,
                });
                hit = len;
                break;
            }
        }
        if hit > 0 {
            for x in &mut taken[i..i + hit] {
                *x = true;
            }
            i += hit;
        } else {
            i += 1;
        }
    }
    let mut fin: Vec<(Cand, bool, String)> = Vec::with_capacity(cands.len() + extra.len());
    let mut recur: FxMap<&str, usize> = FxMap::default();
    for (c, second) in cands
        .iter()
        .map(|c| (c, false))
        .chain(extra.iter().map(|c| (c, true)))
    {
        let key = join(body, &toks[c.s..c.e]);
        let kind = votes.get(key.as_str()).map(Votes::winner).unwrap_or(c.kind);
        fin.push((Cand { kind, ..*c }, second, key));
    }
    for (_, _, key) in &fin {
        *recur.entry(key.as_str()).or_insert(0) += 1;
    }
    let mut feats = Vec::with_capacity(64);
    for (c, second, key) in &fin {
        let ri = RuleInfo {
            kind: Some(c.kind),
            by_default: c.by_default,
            second_pass: *second,
            recur: recur.get(key.as_str()).copied().unwrap_or(1),
            cap: cx.cap_all(toks[c.s].text(body)) as usize,
        };
        let kind = match collect.as_deref_mut() {
            Some(col) => {
                features(&cx, c.s, c.e, ri, &mut buf, &mut feats);
                col.push(TrainCand {
                    start: toks[c.s].start,
                    end: toks[c.e - 1].end,
                    rule: ri,
                    feats: feats.clone(),
                });
                Some(c.kind)
            }
            None if eligible(&ri, MODE) => {
                features(&cx, c.s, c.e, ri, &mut buf, &mut feats);
                match predict(&feats) {
                    Some(p) => combine(c.kind, &p, THRESHOLD, DROP_THRESHOLD),
                    None => Some(c.kind),
                }
            }
            None => Some(c.kind),
        };
        if let Some(kind) = kind {
            out.push(make(body, toks, kind, c.s, c.e));
        }
    }
}

/// A candidate span with its features, for training the model.
#[derive(Clone, Debug)]
#[cfg_attr(not(feature = "train"), allow(dead_code))]
pub struct TrainCand {
    pub start: usize,
    pub end: usize,
    pub rule: RuleInfo,
    pub feats: Vec<u64>,
}

//! Speakers: the sources one sentence names, before pronouns are resolved.
//!
//! News writing names a source in a few fixed ways: a marker followed by the source
//! ("according to X", "first reported by X", "citing X"), a reporting verb with its subject
//! before or after it ("X said", "said X", "X first reported") and the outlet a statement was
//! given to ("told X"). A source is a recognised name, a capitalised name the recogniser missed
//! ("The Information"), an unnamed source ("people familiar with the matter"), a common noun
//! phrase ("police"), or a pronoun or phrase ("he", "the report") for
//! [`super::attribution`] to resolve against the sentences before.

use super::Role;
use super::lexicon::{Lexicon, Phrases};
use super::words::{InEntity, Kind, Words};
use crate::entities::EntityKind;

/// A speaker as the sentence names it, before pronouns are resolved.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Speaker {
    /// A recognised or capitalised name, with its kind when the recogniser knew it.
    Named {
        text: String,
        kind: Option<EntityKind>,
        /// Introduced as the author of a report ("a report by X", "X's article").
        report: bool,
    },
    /// A common noun phrase: "police", "a company spokesperson".
    Generic(String),
    /// An unnamed source: "people familiar with the matter".
    Anonymous(String),
    /// "he", "they", "the company", "the report": someone named before.
    Anaphor(Anaphor, String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Anaphor {
    Person,
    Plural,
    Thing,
    Unnamed,
    Outlet,
    Company,
}

/// A speaker found in a sentence: `at` is the token of the marker or verb that names it.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub speaker: Speaker,
    pub role: Role,
    pub at: usize,
}

/// The same speaker, known to be a report's author.
fn as_report(speaker: Speaker) -> Speaker {
    match speaker {
        Speaker::Named { text, kind, .. } => Speaker::Named {
            text,
            kind,
            report: true,
        },
        other => other,
    }
}

/// Finds the speakers of one sentence.
pub(super) struct Scanner<'s> {
    pub text: &'s str,
    pub w: &'s Words,
    pub lex: &'s Lexicon,
}

impl Scanner<'_> {
    pub fn scan(&self) -> Vec<Found> {
        let (w, lex) = (self.w, self.lex);
        let tokens = &w.tokens;
        let mut found = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if !w.is_word(i) || matches!(tokens[i].entity, InEntity::Name(_)) {
                i += 1;
                continue;
            }
            if let Some(len) = lex.first_report_markers.match_at(tokens, i) {
                if w.lower(i + len) == "by" {
                    if let Some((speaker, end)) = self.forward(i + len + 1) {
                        found.push(self.found(speaker, Role::FirstReported, i));
                        i = end;
                        continue;
                    }
                } else if let Some(speaker) = self.backward(i) {
                    found.push(self.found(speaker, Role::FirstReported, i));
                }
                i += len;
                continue;
            }
            if let Some(len) = lex.source_markers.match_at(tokens, i) {
                if let Some((speaker, end)) = self.forward(i + len) {
                    found.push(self.found(speaker, Role::AccordingTo, i));
                    i = end;
                    continue;
                }
                i += len;
                continue;
            }
            if let Some(len) = lex.citing_markers.match_at(tokens, i) {
                if let Some((speaker, end)) = self.forward(i + len) {
                    let role = self.citing_role(&speaker);
                    found.push(self.found(speaker, role, i));
                    i = end;
                    continue;
                }
                i += len;
                continue;
            }
            let titled = tokens[i].capital && i > 0 && !w.is_headline();
            let reports = lex.reporting_verbs.has_word(w.lower(i))
                || (lex.clause_reporting_verbs.has_word(w.lower(i)) && self.introduces_clause(i));
            if reports && !titled && !self.blocked(i) {
                self.reporting_verb(i, &mut found);
            }
            i += 1;
        }
        found
    }

    /// A found speaker; unnamed sources are anonymous whatever introduced them.
    fn found(&self, speaker: Speaker, role: Role, at: usize) -> Found {
        let role = if matches!(speaker, Speaker::Anonymous(_)) {
            Role::Anonymous
        } else {
            role
        };
        Found { speaker, role, at }
    }

    /// "citing X": an outlet or report is an earlier report; a person or document is a source.
    fn citing_role(&self, speaker: &Speaker) -> Role {
        match speaker {
            Speaker::Named {
                kind: Some(EntityKind::Person),
                ..
            } => Role::AccordingTo,
            Speaker::Named {
                text, kind, report, ..
            } => {
                let outlet = self.lex.outlets.contains_text(text);
                if *report || outlet || kind.is_none() {
                    Role::FirstReported
                } else {
                    Role::AccordingTo
                }
            }
            Speaker::Anaphor(Anaphor::Outlet, _) => Role::FirstReported,
            Speaker::Generic(text) => {
                let head = text.split_whitespace().last().unwrap_or("").to_lowercase();
                if self.lex.news_reports.has_word(&head) {
                    Role::FirstReported
                } else {
                    Role::AccordingTo
                }
            }
            _ => Role::AccordingTo,
        }
    }

    /// Whether a verb of [clause_reporting_verbs] reports speech here: it closes a quotation
    /// or a clause ("..., Smith noted."), or a clause follows it ("noted that", "wrote:", a
    /// quotation).
    fn introduces_clause(&self, verb: usize) -> bool {
        let tokens = &self.w.tokens;
        let after = tokens.get(verb + 1);
        let before = verb.checked_sub(1).map(|b| &tokens[b]);
        // `..., '' Heller argued`: the speaker's words sit between the verb and the quotation.
        let closes_quotation = (verb.saturating_sub(5)..verb)
            .rev()
            .find(|&m| !tokens[m].is_word())
            .is_some_and(|m| matches!(tokens[m].kind, Kind::Comma | Kind::Quote(_)));
        closes_quotation
            || after.is_none_or(|t| {
                matches!(
                    t.kind,
                    Kind::Comma | Kind::Colon | Kind::Stop | Kind::Quote(_) | Kind::Dash
                ) || t.lower == "that"
            })
            || before.is_some_and(|t| matches!(t.kind, Kind::Comma | Kind::Quote(_)))
    }

    /// "would not say", "to say", "declined to say": no statement is attributed; nor in the
    /// passive ("gunfire was reported").
    fn blocked(&self, verb: usize) -> bool {
        let w = self.w;
        let passive = verb > 0 && self.lex.be_forms.has_word(w.lower(verb - 1));
        passive
            || (1..=2).any(|back| {
                verb >= back
                    && w.is_word(verb - back)
                    && self.lex.blocked_before_verb.has_word(w.lower(verb - back))
            })
    }

    fn reporting_verb(&self, verb: usize, found: &mut Vec<Found>) {
        let w = self.w;
        let tokens = &w.tokens;
        let after_break = verb == 0
            || matches!(
                tokens[verb - 1].kind,
                Kind::Comma | Kind::Quote(_) | Kind::Dash | Kind::Colon
            );
        // "..., said Wilhelm." names the speaker after the verb; "said Page died" reports
        // about Page, and "X, Y, said" names it before.
        let after = if after_break && !w.lower(verb).ends_with("ing") {
            self.forward(verb + 1)
                .filter(|&(_, end)| !w.is_word(end))
                .map(|(speaker, _)| speaker)
        } else {
            None
        };
        let inverted = after.is_some();
        let subject = after.or_else(|| self.backward(verb));
        if let Some(speaker) = subject {
            found.push(self.found(speaker, Role::AccordingTo, verb));
        }
        if !inverted
            && self.lex.object_reporting_verbs.has_word(w.lower(verb))
            && let Some((object, _)) = self.forward(verb + 1)
            && self.is_recipient(&object)
        {
            found.push(self.found(object, Role::AccordingTo, verb));
        }
    }

    /// Whether the object of "told" is someone a statement can be given to: a name or a
    /// speaker noun ("told Reuters", "told police") or an outlet named before ("told the
    /// magazine"), not a pronoun or a document ("tells a different story").
    fn is_recipient(&self, object: &Speaker) -> bool {
        match object {
            Speaker::Named { .. } | Speaker::Anonymous(_) => true,
            Speaker::Generic(text) => {
                let head = text.split_whitespace().last().unwrap_or("").to_lowercase();
                !self.lex.report_nouns.has_word(&head)
            }
            // "told the magazine": the outlet named before.
            Speaker::Anaphor(anaphor, _) => matches!(anaphor, Anaphor::Outlet | Anaphor::Company),
        }
    }

    /// The speaker whose phrase ends just before token `at` (a verb or marker), skipping
    /// adverbs ("CNBC previously reported"), a date ("police on Friday said"), an appositive
    /// ("Steven Moffat, the show's writer, said") and a relative pronoun ("X, which first
    /// reported").
    fn backward(&self, at: usize) -> Option<Speaker> {
        let w = self.w;
        let tokens = &w.tokens;
        let mut j = at;
        while j > 0 {
            let t = &tokens[j - 1];
            if t.is_word()
                && t.entity == InEntity::None
                && self.lex.speaker_adverbs.has_word(&t.lower)
            {
                j -= 1;
            } else if t.entity == InEntity::Figure {
                j -= 1;
                if j > 0 && matches!(w.lower(j - 1), "on" | "in" | "late" | "early") {
                    j -= 1;
                }
            } else {
                break;
            }
        }
        if j == 0 {
            return None;
        }
        let mut k = j - 1;
        if self.lex.relative_pronouns.has_word(w.lower(k)) && k > 0 {
            // "Google Cloud, which reported": the antecedent, when it is a recognised
            // person or organisation.
            k -= 1;
            if tokens[k].kind == Kind::Comma && k > 0 {
                k -= 1;
            }
            return self.speaker_ending_at(k).filter(|s| {
                matches!(
                    s,
                    Speaker::Named {
                        kind: Some(EntityKind::Person | EntityKind::Org),
                        ..
                    }
                )
            });
        }
        match tokens[k].kind {
            Kind::Word => {
                let speaker = self.speaker_ending_at(k);
                let person = matches!(
                    speaker,
                    Some(Speaker::Named {
                        kind: Some(EntityKind::Person),
                        ..
                    })
                );
                if person {
                    speaker
                } else {
                    self.titled_person_before(k).or(speaker)
                }
            }
            Kind::Comma => self.appositive_speaker(k),
            _ => None,
        }
    }

    /// The speaker of "X, appositive, said", where `comma` is the comma before the verb.
    /// The comma-separated segments before it are read back to the clause's start; a
    /// segment naming a person wins ("Captain Manohar Nambiar, Chief Public Relations
    /// Officer, Defence, said"; "her agent, Mark Roesler, said"), then the earliest name,
    /// then the nearest segment that names a source.
    fn appositive_speaker(&self, comma: usize) -> Option<Speaker> {
        let tokens = &self.w.tokens;
        let mut segment_ends = Vec::new();
        let mut m = comma;
        while m > 0 && comma - m < 30 && segment_ends.len() < 4 {
            m -= 1;
            match tokens[m].kind {
                Kind::Comma => segment_ends.push(m),
                Kind::Stop | Kind::Quote(_) | Kind::Colon => break,
                _ if m == 0 => {}
                _ => continue,
            }
        }
        // Each segment ends just before a comma: the one before the verb, then earlier ones.
        let speakers: Vec<Speaker> = std::iter::once(comma)
            .chain(segment_ends)
            .filter(|&end| end > 0)
            .filter_map(|end| self.speaker_ending_at(end - 1))
            .filter(|s| !matches!(s, Speaker::Anaphor(..)))
            .collect();
        let named = |person: bool| {
            speakers.iter().rev().find(move |s| match s {
                Speaker::Named { kind, .. } => !person || *kind == Some(EntityKind::Person),
                _ => false,
            })
        };
        named(true)
            .or_else(|| named(false))
            .or_else(|| speakers.first())
            .cloned()
    }

    /// "Charlotte Moore, Controller BBC One, says": a person whose name alone fills the
    /// clause's first segment, when the words before the verb at `k` are that person's title.
    fn titled_person_before(&self, k: usize) -> Option<Speaker> {
        let w = self.w;
        let tokens = &w.tokens;
        let comma = (k.saturating_sub(8)..k)
            .rev()
            .take_while(|&m| tokens[m].is_word() || tokens[m].kind == Kind::Comma)
            .find(|&m| tokens[m].kind == Kind::Comma)?;
        let (kind, first, end) = w.name_at(comma.checked_sub(1)?)?;
        let opens_clause = first == 0 || !tokens[first - 1].is_word();
        (kind == EntityKind::Person && end == comma && opens_clause).then(|| Speaker::Named {
            text: w.text(self.text, first, end).to_string(),
            kind: Some(kind),
            report: false,
        })
    }

    /// The speaker whose phrase ends at token `k`.
    fn speaker_ending_at(&self, k: usize) -> Option<Speaker> {
        let (w, lex, text) = (self.w, self.lex, self.text);
        let tokens = &w.tokens;
        let t = tokens.get(k).filter(|t| t.is_word())?;
        if let Some((kind, first, end)) = w.name_at(k) {
            if end != k + 1 || t.lower.ends_with("'s") || self.after_preposition(first) {
                return None;
            }
            return Some(Speaker::Named {
                text: w.text(text, first, end).to_string(),
                kind: Some(kind),
                report: false,
            });
        }
        if t.lower.ends_with("'s") {
            return None;
        }
        if let Some(speaker) = self.anonymous_ending_at(k) {
            return Some(speaker);
        }
        if let Some(speaker) = self.anaphor_ending_at(k) {
            return Some(speaker);
        }
        let head = t.lower.as_str();
        if lex.speaker_nouns.has_word(head) || lex.report_nouns.has_word(head) {
            let first = self.phrase_start(k);
            if lex.report_nouns.has_word(head)
                && let Some(name) = (first..k).find_map(|m| w.name_at(m))
            {
                let (kind, s, e) = name;
                return Some(Speaker::Named {
                    text: w.text(text, s, e).to_string(),
                    kind: Some(kind),
                    report: false,
                });
            }
            if lex.speaker_nouns.has_word(head) {
                return Some(Speaker::Generic(w.text(text, first, k + 1).to_string()));
            }
            return None;
        }
        if t.capital {
            let mut first = k;
            while first > 0 && self.continues_capitalised_run(first - 1) {
                first -= 1;
            }
            while first < k && (!tokens[first].capital || self.opens_no_name(first)) {
                first += 1;
            }
            if self.after_preposition(first) {
                return None;
            }
            return self.capitalised(first, k + 1);
        }
        None
    }

    /// Whether token `first` follows a preposition: what starts there is an object, not a
    /// subject ("a tweeter in Sydney suggested").
    fn after_preposition(&self, first: usize) -> bool {
        first > 0 && self.lex.prepositions.has_word(self.w.lower(first - 1))
    }

    /// Whether a capitalised token cannot open a name: a function word ("As Mashable
    /// reports") other than "The", which opens many ("The Information").
    fn opens_no_name(&self, i: usize) -> bool {
        let lower = self.w.lower(i);
        lower != "the" && self.lex.not_names.has_word(lower)
    }

    /// Whether token `i` can belong to a capitalised name reaching forward.
    fn continues_capitalised_run(&self, i: usize) -> bool {
        let t = &self.w.tokens[i];
        t.is_word()
            && t.entity == InEntity::None
            && (t.capital || matches!(t.lower.as_str(), "of" | "the" | "and" | "&" | "for"))
            && !t.lower.ends_with("'s")
    }

    /// A capitalised name the recogniser missed, unless it is one function word ("The") or
    /// a contraction ("We've").
    fn capitalised(&self, first: usize, end: usize) -> Option<Speaker> {
        let w = self.w;
        let contraction = ["'ve", "'re", "'m", "'d", "'ll"]
            .iter()
            .any(|tail| w.lower(end - 1).ends_with(tail));
        if contraction || (end == first + 1 && self.lex.not_names.has_word(w.lower(first))) {
            return None;
        }
        Some(Speaker::Named {
            text: w.text(self.text, first, end).to_string(),
            kind: None,
            report: false,
        })
    }

    /// Where the noun phrase whose head is token `head` starts: back over modifiers, through
    /// one determiner, never across a phrase break.
    fn phrase_start(&self, head: usize) -> usize {
        let (w, lex) = (self.w, self.lex);
        let mut first = head;
        while first > 0 && head - first < 4 {
            let prev = first - 1;
            let t = &w.tokens[prev];
            if !t.is_word() || lex.phrase_breaks.has_word(&t.lower) || t.lower.ends_with("'s") {
                break;
            }
            first = prev;
            if lex.determiners.has_word(&t.lower) {
                break;
            }
        }
        first
    }

    /// An unnamed source ending at `k`: "sources", "a police source", "people familiar with
    /// the matter", "an unnamed official".
    fn anonymous_ending_at(&self, k: usize) -> Option<Speaker> {
        let (w, lex) = (self.w, self.lex);
        let tokens = &w.tokens;
        for h in (k.saturating_sub(10)..=k).rev() {
            if !tokens[h].is_word() {
                break;
            }
            let word = w.lower(h);
            let qualified = lex.anonymous_qualifiers.match_at(tokens, h + 1).is_some();
            let modified = h > 0 && lex.anonymous_modifiers.has_word(w.lower(h - 1));
            let anonymous = (lex.anonymous_heads.has_word(word) && (h == k || qualified))
                || (lex.anonymous_people.has_word(word) && (qualified || (h == k && modified)));
            if anonymous {
                let first = self.phrase_start(h);
                return Some(Speaker::Anonymous(
                    w.text(self.text, first, k + 1).to_string(),
                ));
            }
        }
        None
    }

    /// A pronoun or a phrase like "the report" ending at `k`, opening its clause.
    fn anaphor_ending_at(&self, k: usize) -> Option<Speaker> {
        let (w, lex) = (self.w, self.lex);
        for (phrases, anaphor) in self.anaphor_classes() {
            if let Some(first) = phrases.match_ending_at(&w.tokens, k + 1) {
                let opens = first == 0 || !w.is_word(first - 1) || w.lower(first - 1) == "and";
                if opens || lex.phrase_breaks.has_word(w.lower(first.wrapping_sub(1))) {
                    return Some(Speaker::Anaphor(
                        anaphor,
                        w.text(self.text, first, k + 1).to_string(),
                    ));
                }
            }
        }
        None
    }

    fn anaphor_classes(&self) -> [(&Phrases, Anaphor); 6] {
        let lex = self.lex;
        [
            (&lex.anaphor_person, Anaphor::Person),
            (&lex.anaphor_plural, Anaphor::Plural),
            (&lex.anaphor_thing, Anaphor::Thing),
            (&lex.anaphor_unnamed, Anaphor::Unnamed),
            (&lex.anaphor_outlet, Anaphor::Outlet),
            (&lex.anaphor_company, Anaphor::Company),
        ]
    }

    /// The speaker whose phrase starts at token `i` (after a marker, or after an inverted
    /// verb: "said a Western diplomat, who requested anonymity"), with the token after it.
    fn forward(&self, i: usize) -> Option<(Speaker, usize)> {
        let (w, lex, text) = (self.w, self.lex, self.text);
        let tokens = &w.tokens;
        if !w.is_word(i) {
            return None;
        }
        let mut end = i;
        while end < tokens.len() && end - i < 12 && tokens[end].is_word() {
            end += 1;
        }
        let near = (end).min(i + 5);
        // Unnamed sources.
        for h in i..near {
            let word = w.lower(h);
            let qualified = lex.anonymous_qualifiers.match_at(tokens, h + 1).is_some();
            let modified = h > i && lex.anonymous_modifiers.has_word(w.lower(h - 1));
            let qualified_after_comma = tokens.get(end).is_some_and(|t| t.kind == Kind::Comma)
                && lex.anonymous_qualifiers.match_at(tokens, end + 1).is_some();
            if lex.anonymous_heads.has_word(word) {
                let stop = if qualified { end } else { h + 1 };
                return Some((Speaker::Anonymous(w.text(text, i, stop).to_string()), stop));
            }
            if lex.anonymous_people.has_word(word) && (qualified || modified) {
                let stop = if qualified { end } else { h + 1 };
                return Some((Speaker::Anonymous(w.text(text, i, stop).to_string()), stop));
            }
            if (lex.anonymous_people.has_word(word) || lex.speaker_nouns.has_word(word))
                && qualified_after_comma
                && w.name_at(h).is_none()
            {
                return Some((Speaker::Anonymous(w.text(text, i, h + 1).to_string()), end));
            }
        }
        // "the report", "he", "the company".
        for (phrases, anaphor) in self.anaphor_classes() {
            if let Some(len) = phrases.match_at(tokens, i) {
                return Some((
                    Speaker::Anaphor(anaphor, w.text(text, i, i + len).to_string()),
                    i + len,
                ));
            }
        }
        // "a report by X", "an interview with X".
        for h in i..near {
            if lex.report_nouns.has_word(w.lower(h))
                && lex.report_prepositions.has_word(w.lower(h + 1))
                && let Some((named, end)) = self.forward_name(h + 2)
            {
                return Some((as_report(named), end));
            }
        }
        if let Some(named) = self.forward_name(i) {
            return Some(named);
        }
        // "Boston sportscaster Mike Lynch", "Felt's grandson Nick Jones", "the country's
        // Central Election Commission": a name among the phrase's first words, a person
        // first.
        if let Some(named) = self.name_in_phrase(i, near) {
            return Some(named);
        }
        // "media reports", "the Bloomberg article", "police", "her official website": the
        // phrase's last speaker or report noun is its head.
        let phrase_end = (i..near)
            .find(|&m| lex.phrase_breaks.has_word(w.lower(m)))
            .unwrap_or(near);
        let head = (i..phrase_end).rev().find(|&h| {
            lex.speaker_nouns.has_word(w.lower(h)) || lex.report_nouns.has_word(w.lower(h))
        })?;
        if let Some((kind, s, e)) = (i..head).find_map(|m| w.name_at(m)) {
            return Some((
                Speaker::Named {
                    text: w.text(text, s, e).to_string(),
                    kind: Some(kind),
                    report: lex.report_nouns.has_word(w.lower(head)),
                },
                head + 1,
            ));
        }
        // "fan site MakingStarWars.net", "research firm Gartner": the name that follows and
        // ends the phrase ("told police Smith was ..." names no source).
        if let Some((named, end)) = self.forward_name(head + 1)
            && !w.is_word(end)
        {
            return Some((named, end));
        }
        Some((
            Speaker::Generic(w.text(text, i, head + 1).to_string()),
            head + 1,
        ))
    }

    /// The first person named in tokens `i..near` before any phrase break, else the first
    /// name, with the token after it.
    fn name_in_phrase(&self, i: usize, near: usize) -> Option<(Speaker, usize)> {
        let w = self.w;
        let stop = (i..near)
            .find(|&m| self.lex.phrase_breaks.has_word(w.lower(m)))
            .unwrap_or(near);
        let names: Vec<(EntityKind, usize, usize)> = (i..stop)
            .filter_map(|m| w.name_at(m).filter(|&(_, first, _)| first == m))
            .collect();
        let (kind, first, end) = names
            .iter()
            .find(|(kind, ..)| *kind == EntityKind::Person)
            .or(names.first())
            .copied()?;
        Some((
            Speaker::Named {
                text: w.text(self.text, first, end).to_string(),
                kind: Some(kind),
                report: false,
            },
            end,
        ))
    }

    /// A name starting at token `i` (or after "the"): recognised, or a capitalised run.
    fn forward_name(&self, i: usize) -> Option<(Speaker, usize)> {
        let w = self.w;
        let tokens = &w.tokens;
        let start = if w.lower(i) == "the" && tokens.get(i + 1).is_some_and(|t| t.capital) {
            i + 1
        } else {
            i
        };
        if let Some((kind, first, end)) = w.name_at(start)
            && first == start
        {
            if tokens[end - 1].lower.ends_with("'s") {
                // "RedMonk's Stephens": the person of the organisation.
                if let Some(person) = self.forward_name(end) {
                    return Some(person);
                }
                // "Bloomberg's report": the author of a report.
                let report = (end..(end + 3).min(tokens.len()))
                    .take_while(|&m| tokens[m].is_word())
                    .any(|m| self.lex.report_nouns.has_word(w.lower(m)));
                let speaker = Speaker::Named {
                    text: w.text(self.text, first, end).to_string(),
                    kind: Some(kind),
                    report,
                };
                return Some((speaker, end));
            }
            // "New Zealand media reports", "the Press Association news agency": the name
            // modifies a speaker noun.
            let stop = (end..(end + 3).min(tokens.len()))
                .take_while(|&m| tokens[m].is_word() && !tokens[m].capital)
                .filter(|&m| self.lex.speaker_nouns.has_word(&tokens[m].lower))
                .last()
                .map_or(end, |head| head + 1);
            let modifies = stop > end;
            return Some((
                Speaker::Named {
                    text: w
                        .text(self.text, if modifies { i } else { first }, stop)
                        .to_string(),
                    kind: (!modifies).then_some(kind),
                    report: false,
                },
                stop,
            ));
        }
        if !tokens.get(start).is_some_and(|t| t.capital && t.is_word()) {
            return None;
        }
        // "President Jacob Zuma": capitalised titles before a recognised name.
        if let Some(named) = (start + 1..(start + 3).min(tokens.len()))
            .take_while(|&m| tokens[m - 1].capital && tokens[m - 1].entity == InEntity::None)
            .find_map(|m| w.name_at(m).filter(|&(_, first, _)| first == m))
        {
            let (kind, first, end) = named;
            return Some((
                Speaker::Named {
                    text: w.text(self.text, first, end).to_string(),
                    kind: Some(kind),
                    report: false,
                },
                end,
            ));
        }
        let mut end = start + 1;
        while end < tokens.len() && self.continues_capitalised_run(end) {
            end += 1;
        }
        while end > start + 1 && !tokens[end - 1].capital {
            end -= 1;
        }
        // "the Indian government": a capitalised modifier of a speaker noun.
        while end < tokens.len()
            && end < start + 4
            && tokens[end].is_word()
            && self.lex.speaker_nouns.has_word(&tokens[end].lower)
        {
            end += 1;
        }
        let speaker = self.capitalised(i, end)?;
        Some((speaker, end))
    }
}

//! Certainty: how firmly a sentence states its claim, on FactBank's factuality scale reduced to
//! certain, probable, possible and denied.
//!
//! The claim is the main clause's: relative clauses ("a deal that could see it invest"),
//! adverbial clauses ("if finalized", "although ...") and parentheses are set aside first, so
//! their hedges do not leak onto it. Reporting frames need no special care: in "police said the
//! man may have fled" the complement is part of the main clause, and its hedge counts. When
//! every figure of the claim sits in a comma-bounded relative clause ("Microsoft, which has
//! invested $13 billion, no longer has ..."), that clause is what states it and is judged
//! instead. The hedges themselves are the lexicon's `[possible]`, `[probable]`, `[negation]`
//! and `[denial]` lists; a denial outweighs a hedge, and a hedge outweighs a plan.

use std::ops::Range;

use super::lexicon::{Lexicon, Phrases, lexicon};
use super::words::{InEntity, Kind, Token, Words};
use super::{Certainty, Sentence};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClauseKind {
    /// Restrictive ("a deal that could ...") or comma-bounded (", which has ...,").
    Relative {
        restrictive: bool,
    },
    Adverbial,
    Parenthetical,
}

/// A subordinate clause: tokens `first..end`, its opening word included.
#[derive(Debug, Clone, Copy)]
struct Clause {
    first: usize,
    end: usize,
    kind: ClauseKind,
}

/// The certainty of a sentence's claim. `focus` holds the byte ranges (in the sentence) of the
/// figures the claim is about; empty judges the main clause.
pub fn certainty(sentence: &Sentence<'_>, focus: &[Range<usize>]) -> Certainty {
    let lex = lexicon();
    let words = Words::new(sentence.text, sentence.offset, sentence.entities);
    let tokens = &words.tokens;
    let clauses = subordinate_clauses(tokens, lex);
    let inside = |i: usize, c: &Clause| c.first <= i && i < c.end;
    let mut judged: Vec<bool> = (0..tokens.len())
        .map(|i| !clauses.iter().any(|c| inside(i, c)))
        .collect();
    let stating = clauses.iter().find(|c| {
        matches!(
            c.kind,
            ClauseKind::Relative { restrictive: false } | ClauseKind::Parenthetical
        ) && !focus.is_empty()
            && focus
                .iter()
                .all(|r| r.start >= tokens[c.first].start && r.end <= tokens[c.end - 1].end)
    });
    if let Some(clause) = stating {
        judged = (0..tokens.len())
            .map(|i| {
                inside(i, clause)
                    && !clauses
                        .iter()
                        .any(|d| d.first > clause.first && d.end <= clause.end && inside(i, d))
            })
            .collect();
    }
    if !judged.iter().zip(tokens).any(|(&j, t)| j && t.is_word()) {
        judged = vec![true; tokens.len()];
    }
    judge(tokens, &judged, words.is_headline(), lex)
}

/// The relative, adverbial and parenthetical clauses of a sentence, outermost only.
fn subordinate_clauses(tokens: &[Token], lex: &Lexicon) -> Vec<Clause> {
    let mut clauses = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if t.kind == Kind::OpenParen {
            let close = (i + 1..tokens.len())
                .find(|&j| tokens[j].kind == Kind::CloseParen)
                .map_or(tokens.len(), |j| j + 1);
            clauses.push(Clause {
                first: i,
                end: close,
                kind: ClauseKind::Parenthetical,
            });
            i = close;
            continue;
        }
        if !t.is_word() || t.entity != InEntity::None {
            i += 1;
            continue;
        }
        let after_break = i == 0
            || matches!(
                tokens[i - 1].kind,
                Kind::Comma | Kind::Dash | Kind::Colon | Kind::Quote(_) | Kind::OpenParen
            );
        let next_is_auxiliary = tokens
            .get(i + 1)
            .is_some_and(|n| n.is_word() && lex.auxiliaries.has_word(&n.lower));
        let opened = if i > 0 && lex.relative_pronouns.has_word(&t.lower) {
            let restrictive = !matches!(tokens[i - 1].kind, Kind::Comma | Kind::Dash);
            Some((1, ClauseKind::Relative { restrictive }))
        } else if i > 0 && t.lower == "that" && tokens[i - 1].is_word() && next_is_auxiliary {
            Some((1, ClauseKind::Relative { restrictive: true }))
        } else if let Some(len) = lex.subordinators.match_at(tokens, i) {
            Some((len, ClauseKind::Adverbial))
        } else if after_break && lex.clause_start_subordinators.has_word(&t.lower) {
            Some((1, ClauseKind::Adverbial))
        } else {
            None
        };
        match opened {
            Some((len, kind)) => {
                let relative = matches!(kind, ClauseKind::Relative { .. });
                let end = clause_end(tokens, i + len, relative, lex);
                clauses.push(Clause {
                    first: i,
                    end,
                    kind,
                });
                i = end;
            }
            None => i += 1,
        }
    }
    clauses
}

/// Where a clause whose body starts at token `from` ends: at the next comma, colon, dash,
/// closing parenthesis, quotation mark or sentence end. A relative clause also ends where a
/// new verb group starts after its own ("the company that makes chips | will invest").
fn clause_end(tokens: &[Token], from: usize, relative: bool, lex: &Lexicon) -> usize {
    let mut seen_content = false;
    let mut j = from;
    while j < tokens.len() {
        let t = &tokens[j];
        match t.kind {
            Kind::Comma
            | Kind::Colon
            | Kind::Stop
            | Kind::Dash
            | Kind::CloseParen
            | Kind::Quote(_) => return j,
            Kind::Word => {
                let auxiliary = t.entity == InEntity::None && lex.auxiliaries.has_word(&t.lower);
                if relative && seen_content && auxiliary {
                    return j;
                }
                if !auxiliary {
                    seen_content = true;
                }
            }
            _ => {}
        }
        j += 1;
    }
    tokens.len()
}

/// The certainty the cues among the judged tokens give.
fn judge(tokens: &[Token], judged: &[bool], headline: bool, lex: &Lexicon) -> Certainty {
    let mut denied = false;
    let mut possible = false;
    let mut probable = false;
    let mut last_word: Option<usize> = None;
    let mut i = 0;
    while i < tokens.len() {
        let cue = |phrases: &Phrases| {
            phrases
                .match_at(tokens, i)
                .filter(|&len| is_cue(tokens, judged, headline, i, len))
        };
        if !judged[i] || !tokens[i].is_word() {
            i += 1;
            continue;
        }
        let step = if let Some(len) = cue(&lex.negation_exceptions) {
            len
        } else if let Some(len) = cue(&lex.denial) {
            let after_be = last_word.is_some_and(|w| lex.be_forms.has_word(&tokens[w].lower));
            denied |= !after_be;
            len
        } else if let Some(len) =
            cue(&lex.negation).filter(|_| !is_numbering(tokens, i) && !is_contrastive(tokens, i))
        {
            // "may not" stays possible; every other negation denies.
            match last_word {
                Some(w) if lex.possibility_modals.has_word(&tokens[w].lower) => possible = true,
                _ => denied = true,
            }
            len
        } else if let Some(len) = cue(&lex.possible) {
            possible = true;
            len
        } else if let Some(len) = cue(&lex.probable) {
            probable = true;
            len
        } else {
            1
        };
        last_word = Some(i + step - 1);
        i += step;
    }
    if denied {
        Certainty::Denied
    } else if possible {
        Certainty::Possible
    } else if probable {
        Certainty::Probable
    } else {
        Certainty::Certain
    }
}

/// Whether tokens `i..i + len` can be a cue: all judged, none inside a name or figure ("Will
/// Smith", "in May"), and, outside headlines, not a capitalised word in mid-sentence (a name
/// the recogniser missed).
fn is_cue(tokens: &[Token], judged: &[bool], headline: bool, i: usize, len: usize) -> bool {
    let capital_inside = !headline && tokens[i].capital && i > 0 && tokens[i - 1].is_word();
    !capital_inside
        && (i..i + len).all(|k| judged.get(k) == Some(&true) && tokens[k].entity == InEntity::None)
}

/// "the past, not the future", "Amazon, not Microsoft": a negation after a comma or dash
/// sets a phrase against another; it does not deny the clause.
fn is_contrastive(tokens: &[Token], i: usize) -> bool {
    tokens[i].lower == "not" && i > 0 && matches!(tokens[i - 1].kind, Kind::Comma | Kind::Dash)
}

/// "No." and "No 2" number things; they deny nothing.
fn is_numbering(tokens: &[Token], i: usize) -> bool {
    tokens[i].lower == "no"
        && tokens.get(i + 1).is_some_and(|n| {
            n.kind == Kind::Stop || n.lower.starts_with(|c: char| c.is_ascii_digit())
        })
}

//! The figures of a claim sentence as its signature keeps them: each money, percentage or
//! quantity the recogniser found, with what it measures (its role word), who holds it and whom
//! it goes to; and match scores ("31-24"), which the recogniser does not read. Part of
//! [`super::extract`]; [`super::contradiction`] compares what comes out.

use super::ClaimValue;
use super::extract::Tok;
use super::lexicon::value_role;
use crate::entities::Entity;

/// The sentence's figures: each recognised money, percentage or quantity (`raw_values`, with
/// its kind) with its role, its holder (the participant just before it) and its target (among
/// `participants`: start, end, name); then match scores outside the `covered` spans.
pub(super) fn figures(
    sentence: &str,
    toks: &[Tok],
    raw_values: &[(&Entity, &'static str)],
    participants: &[(usize, usize, String)],
    covered: &[(usize, usize)],
) -> Vec<ClaimValue> {
    let mut values: Vec<ClaimValue> = raw_values
        .iter()
        .map(|&(e, kind)| ClaimValue {
            kind: kind.to_string(),
            value: e.value.unwrap_or(0.0),
            unit: e.unit.clone().map(|u| u.to_lowercase()).unwrap_or_default(),
            qualifier: e.qualifier.clone(),
            role: role_near(toks, e.start, e.end),
            holder: participants
                .iter()
                .rev()
                .find(|p| p.1 <= e.start && e.start - p.1 < 80)
                .map(|p| p.2.clone()),
            target: target_after(sentence, participants, e.end),
            text: e.text.clone(),
        })
        .collect();
    values.extend(scores(sentence, covered));
    values
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

//! The one-line summary readers see for a claim ("amazon, openai – invest – $50 billion"), and
//! the terms a claim sentence is indexed under.

use super::ClaimSignature;

fn key(s: &str) -> String {
    s.replace(' ', "_")
}

/// The retrieval term under which sentences naming participant `name` are indexed.
pub(crate) fn participant_term(name: &str) -> String {
    format!("e:{}", key(name))
}

/// Terms to index for candidate retrieval and to query with.
pub fn retrieval_terms(sig: &ClaimSignature) -> Vec<String> {
    let mut out = Vec::new();
    for p in &sig.participants {
        out.push(participant_term(p));
        for w in p.split(' ').filter(|w| w.len() >= 3) {
            out.push(format!("n:{w}"));
        }
    }
    for p in &sig.places {
        out.push(format!("pl:{}", key(p)));
    }
    for p in &sig.predicates {
        out.push(format!("p:{p}"));
    }
    for v in &sig.values {
        out.push(format!(
            "v:{}:{:e}",
            if v.kind == "quantity" {
                v.unit.as_str()
            } else {
                v.kind.as_str()
            },
            v.value
        ));
    }
    for d in &sig.dates {
        out.push(format!("d:{}", key(d)));
    }
    out.extend(sig.terms.iter().cloned());
    out.sort();
    out.dedup();
    out
}

/// Short human summary, e.g. "amazon, openai – invest – $50 billion".
pub fn summary(sig: &ClaimSignature) -> String {
    let mut parts = Vec::new();
    if !sig.participants.is_empty() {
        parts.push(
            sig.participants
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if !sig.predicates.is_empty() {
        parts.push(
            sig.predicates
                .iter()
                .take(2)
                .cloned()
                .collect::<Vec<_>>()
                .join("/"),
        );
    }
    if !sig.values.is_empty() {
        parts.push(
            sig.values
                .iter()
                .take(3)
                .map(|v| match &v.role {
                    Some(r) => format!("{} ({r})", v.text),
                    None => v.text.clone(),
                })
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if !sig.places.is_empty() {
        parts.push(
            sig.places
                .iter()
                .take(2)
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if let Some(d) = sig.dates.first() {
        parts.push(d.clone());
    }
    parts.join(" – ")
}

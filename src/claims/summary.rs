//! The one-line summary readers see for a claim ("amazon, openai – invest – $50 billion").

use super::ClaimSignature;

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

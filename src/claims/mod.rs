//! Placeholder until the claim module lands.
use crate::entities::Entity;
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ClaimSignature {
    pub terms: Vec<String>,
}
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Support,
    Conflict,
}
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LinkJudgement {
    pub score: f32,
    pub stance: Stance,
    pub detail: Option<String>,
}
pub fn signature(
    sentence: &str,
    _entities: &[Entity],
    _published: Option<&str>,
) -> Option<ClaimSignature> {
    let terms: Vec<String> = sentence
        .split_whitespace()
        .filter(|w| w.len() > 6)
        .map(|w| w.to_lowercase())
        .collect();
    (terms.len() > 3).then_some(ClaimSignature { terms })
}
pub fn retrieval_terms(sig: &ClaimSignature) -> Vec<String> {
    sig.terms.clone()
}
pub fn compare(a: &ClaimSignature, b: &ClaimSignature) -> Option<LinkJudgement> {
    let shared = a.terms.iter().filter(|t| b.terms.contains(t)).count();
    (shared * 2 > a.terms.len().max(b.terms.len())).then_some(LinkJudgement {
        score: 1.0,
        stance: Stance::Support,
        detail: None,
    })
}
pub fn summary(sig: &ClaimSignature) -> String {
    sig.terms.join(" ")
}
pub fn group_links(_n: usize, links: &[(usize, usize, f32)]) -> Vec<Vec<usize>> {
    links.iter().map(|&(a, b, _)| vec![a, b]).collect()
}

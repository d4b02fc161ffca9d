//! Judging one candidate pair: its features ([`super::features`]), the learned model's pair part
//! ([`super::model`]), and how its figures stand ([`super::contradiction`]). [`explain`] reports
//! every feature with its contribution, so a reader of the code (or `examples/claims_explain`)
//! can see what decided a pair.

use super::contradiction::compare_figures;
use super::features::{
    PAIR_FEATURES, PairFeatures, Prepared, StoryFeatures, pair_features, share_evidence,
};
use super::model::{model, probability};
use super::{LinkJudgement, Stance};

/// Judges a candidate pair of sentences whose articles have cosine `article_cosine` and, as
/// the library stands, story features `story`. `Err` names why the pair is not kept: the two
/// articles are less alike than any the model was trained for, the two sentences share no
/// evidence ([`share_evidence`]), its probability is under the model's storing threshold, or
/// its figures show two different facts.
pub fn judge(
    a: &Prepared,
    b: &Prepared,
    article_cosine: f32,
    story: &StoryFeatures,
) -> Result<LinkJudgement, &'static str> {
    let model = model();
    if article_cosine < model.min_article_cosine {
        return Err("articles too far apart");
    }
    if !share_evidence(a, b) {
        return Err("nothing shared");
    }
    let features = pair_features(a, b, article_cosine);
    let logit = model.pair_logit(&features);
    if probability(logit + model.story_logit(story)) < model.store_threshold {
        return Err("low score");
    }
    let verdict = compare_figures(a.signature, b.signature)?;
    Ok(LinkJudgement {
        score: logit,
        stance: verdict.stance,
        detail: verdict.detail,
    })
}

/// The probability that two mentions state the same claim, from the pair part stored with
/// their link and the story features of their articles.
pub fn same_claim_probability(pair_logit: f32, story: &StoryFeatures) -> f32 {
    probability(pair_logit + model().story_logit(story))
}

/// Everything that went into a pair's score.
#[derive(Debug, Clone)]
pub struct Explanation {
    /// (feature, value, contribution to the logit), pair features then story features.
    pub features: Vec<(String, f32, f32)>,
    pub pair_logit: f32,
    pub probability: f32,
    /// How the figures stand, or why they rule the pair out.
    pub figures: Result<(Stance, Option<String>), &'static str>,
}

/// Explains the judgement of a pair given its articles' cosine and story features.
pub fn explain(
    a: &Prepared,
    b: &Prepared,
    article_cosine: f32,
    story: &StoryFeatures,
) -> Explanation {
    let features: PairFeatures = pair_features(a, b, article_cosine);
    let model = model();
    let pair_logit = model.pair_logit(&features);
    let mut list = model.pair.contributions(&features.values);
    list.extend(model.story.contributions(&story.values));
    debug_assert_eq!(list.len(), PAIR_FEATURES.len() + story.values.len());
    Explanation {
        features: list,
        pair_logit,
        probability: same_claim_probability(pair_logit, story),
        figures: compare_figures(a.signature, b.signature).map(|v| (v.stance, v.detail)),
    }
}

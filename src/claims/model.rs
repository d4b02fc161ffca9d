//! The learned same-claim scorer: a logistic regression over [`PairFeatures`] and
//! [`StoryFeatures`], with weights trained by `examples/claims_train.rs` on ECB+ (odd topics)
//! and shipped in `assets/claims/model.json`.
//!
//! The score splits in two additive parts: the pair part is computed once, when the pair is
//! found, and stored with the candidate link; the story part is added when the library is read,
//! from the nearest-neighbour lists as they are then. So a pair's final probability always
//! reflects the whole library, whatever the order its articles were added in.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::features::{PAIR_FEATURES, PairFeatures, STORY_FEATURES, StoryFeatures};

/// Weights of one group of features: each feature is standardised, then weighted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureWeights {
    pub names: Vec<String>,
    pub mean: Vec<f32>,
    pub scale: Vec<f32>,
    pub weights: Vec<f32>,
}

impl FeatureWeights {
    fn logit(&self, values: &[f32]) -> f32 {
        values
            .iter()
            .zip(&self.mean)
            .zip(&self.scale)
            .zip(&self.weights)
            .map(|(((x, m), s), w)| w * (x - m) / s)
            .sum()
    }

    /// Each feature's contribution to the logit, for `explain`.
    pub fn contributions(&self, values: &[f32]) -> Vec<(String, f32, f32)> {
        self.names
            .iter()
            .zip(values)
            .enumerate()
            .map(|(i, (n, &x))| {
                (
                    n.clone(),
                    x,
                    self.weights[i] * (x - self.mean[i]) / self.scale[i],
                )
            })
            .collect()
    }
}

/// The scorer's weights and decision thresholds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimModel {
    pub bias: f32,
    pub pair: FeatureWeights,
    pub story: FeatureWeights,
    /// A mention joins a claim when its average probability against the claim's members
    /// reaches this.
    pub threshold: f32,
    /// Candidate pairs under this probability when they are found are not stored (they would
    /// count as 0 in a claim's average anyway).
    pub store_threshold: f32,
    /// The model judges only sentences of articles at least this similar (cosine of their
    /// article vectors): the trainer sets it to the 1st percentile of that similarity over the
    /// training pairs that state the same claim. Below it the model would extrapolate: its
    /// training data (one story per topic) holds almost no pairs of unrelated articles, and
    /// on a library of unrelated pages it linked lead sentences that merely share a word.
    #[serde(default)]
    pub min_article_cosine: f32,
    /// What trained the model and how it was measured (free text, for people).
    #[serde(default)]
    pub provenance: String,
}

impl ClaimModel {
    /// Checks that the weights name exactly the features this build computes.
    pub fn check(&self) -> Result<(), String> {
        let same = |w: &FeatureWeights, names: &[&str]| {
            w.names.len() == names.len()
                && w.names.iter().zip(names).all(|(a, b)| a == b)
                && w.mean.len() == names.len()
                && w.scale.len() == names.len()
                && w.weights.len() == names.len()
                && w.scale.iter().all(|s| *s > 0.0)
        };
        if !same(&self.pair, &PAIR_FEATURES) || !same(&self.story, &STORY_FEATURES) {
            return Err("the claim model's features are not the ones this build computes".into());
        }
        Ok(())
    }

    /// The pair part of the logit (bias included).
    pub fn pair_logit(&self, f: &PairFeatures) -> f32 {
        self.bias + self.pair.logit(&f.values)
    }

    /// The story part of the logit.
    pub fn story_logit(&self, f: &StoryFeatures) -> f32 {
        self.story.logit(&f.values)
    }
}

/// The logistic function.
pub fn probability(logit: f32) -> f32 {
    1.0 / (1.0 + (-logit).exp())
}

static MODEL: LazyLock<ClaimModel> = LazyLock::new(|| {
    let model: ClaimModel = serde_json::from_str(include_str!("../../assets/claims/model.json"))
        .expect("assets/claims/model.json is valid (checked by a test)");
    model
});

/// The shipped model.
pub fn model() -> &'static ClaimModel {
    &MODEL
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_shipped_model_matches_the_features() {
        super::model().check().expect("model and features agree");
    }
}

//! Trains the learned same-claim scorer (`src/claims/model.rs`) on ECB+ and writes
//! `assets/claims/model.json`, after measuring it by cross-validation over topics.
//!
//! Data: the ECB+ articles in `../shared/corpus/ecbplus/corpus` (all 43 topics are read, so
//! every article has its real neighbours), gold sentence pairs of the odd topics only
//! (`dev_pairs.jsonl`, `dev_selected.jsonl`); the even topics' gold is kept apart by the
//! corpus's publishers and never used. Every article goes through the product's own pipeline
//! (ingest, sentences, entities, claim mentions, article vectors, nearest-neighbour lists);
//! candidates are the mention pairs of neighbouring articles that share some evidence (a name,
//! an event concept, an agreeing figure or a rare word), exactly as `crossread add` forms them. A candidate whose two sentences are both gold-selected is a training example:
//! positive when the pair is gold, negative otherwise (mostly the same topic's other event).
//!
//! Model: logistic regression (L2, C = 1) on standardised features, fitted by Newton's method,
//! with each weight held to the sign its feature's meaning gives it ([`expected_sign`]): a
//! feature whose fitted weight has the wrong sign is left out and the rest refitted, until
//! none has (`--free-signs` fits without this, for comparison). `--trees N` (with `--depth`,
//! `--rate`) measures gradient-boosted trees instead (`claims_train/boost.rs`: monotone in
//! the same signs, each tree reading pair or story features only, so the score would keep its
//! two parts); they are measured, never written (see the README for why).
//! `--silver W` weighs the weak negatives (default [`SILVER_WEIGHT`]).
//! Before fitting, the program reports where the gold pairs are lost: a sentence that is no
//! claim mention, articles that are not each other's neighbours, nothing shared, figures
//! that rule the pair out.
//! Cross-validation: the odd topics in 5 folds (seeded shuffle); each fold's model scores the
//! held-out topics' candidates, which are clustered by the product's average linkage and
//! scored like `claims_eval` (pairs of gold-selected sentences of different articles). The
//! threshold written to the model is the one with the highest mean recall whose mean
//! precision over the folds is at least `--min-precision` (default 0.85, the precision the
//! product aims at). The accepted pairs before clustering are reported beside the claims.
//! The model is applied only to articles at least as alike as its training pairs that state
//! the same claim (`ClaimModel::min_article_cosine`, their 1st percentile): each fold takes
//! the floor from its own training topics and drops the held-out candidates under it.
//!
//! Run: `cargo run --release --example claims_train -- ../shared/corpus/ecbplus [--out
//! assets/claims/model.json] [--min-precision 0.85] [--dry-run] [--free-signs] [--silver W]
//! [--trees N --depth D --rate R]`

#[path = "claims_train/boost.rs"]
mod boost;
#[path = "common/mod.rs"]
mod common;
use common::{EcbKey, ecbplus_gold, norm_space, ordered};

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crossread::claims::cluster::{ScoredPair, average_link};
use crossread::claims::features::share_evidence;
use crossread::claims::features::{PAIR_FEATURES, STORY_FEATURES};
use crossread::claims::model::{ClaimModel, FeatureWeights, probability};
use crossread::claims::neighbours::{NeighbourLists, VectorIndex};
use crossread::claims::{ArticleVector, Prepared, compare_figures, pair_features};
use crossread::ingest::{Discovered, FileOutcome, discover, read_file};
use crossread::library::links::{Mention, mentions_of};

const FOLDS: usize = 5;
/// Pairs whose probability is under this share of the threshold are not stored (as
/// `ClaimModel::store_threshold`).
const STORE_FRACTION: f32 = 1.0;
/// A candidate pair of a selected and an unselected sentence of one topic is a weak negative
/// example with this weight: it teaches that two sentences of one story are not the same claim
/// by the story alone. Chosen with the cross-validated ECB+ figures and the generated corpus's
/// precision (weights 0, 0.1, 0.3, 0.5, 1; 1 kept the generated corpus's precision).
const SILVER_WEIGHT: f64 = 1.0;
/// The share of gold training pairs allowed under the model's article-similarity floor
/// (`ClaimModel::min_article_cosine`): the floor is this quantile of their article cosine.
const FLOOR_QUANTILE: f64 = 0.01;
const THRESHOLDS: [f32; 13] = [
    0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7,
];

struct Doc {
    name: String,
    topic: u32,
    mentions: Vec<Mention>,
}

/// A candidate pair: mention indices into the flat mention list, and its features.
struct Candidate {
    a: usize,
    b: usize,
    x: Vec<f32>,
    /// Gold label when both sentences are gold-selected.
    label: Option<bool>,
    /// One sentence gold-selected, the other not, both in one topic: a weak negative (the
    /// unselected sentence was not annotated as reporting the topic's events).
    silver: bool,
}

fn load(corpus: &Path) -> Vec<(Doc, ArticleVector)> {
    let mut out = Vec::new();
    for found in discover(&[corpus.to_path_buf()]) {
        let Discovered::File(path) = found else {
            continue;
        };
        let FileOutcome::Read(file) = read_file(&path) else {
            continue;
        };
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let topic: u32 = name
            .split('_')
            .next()
            .and_then(|t| t.parse().ok())
            .unwrap_or(0);
        for article in file.articles {
            let stored = crossread::analysis::analyze(article);
            let vector = ArticleVector::new(&stored.article.body(), &stored.entities);
            let mentions = mentions_of(&stored);
            out.push((
                Doc {
                    name: name.clone(),
                    topic,
                    mentions,
                },
                vector,
            ));
        }
    }
    out
}

fn neighbour_lists(ids: &[String], vectors: &[ArticleVector]) -> NeighbourLists {
    let mut index = VectorIndex::default();
    for (id, v) in ids.iter().zip(vectors) {
        index.insert(id, v.clone());
    }
    let mut lists = NeighbourLists::default();
    let mut admission = lists.admissions(&index);
    for (id, v) in ids.iter().zip(vectors) {
        lists.meet(&mut index, id, v, &mut admission);
    }
    lists
}

/// Standardisation and weights of a fitted model, over pair features then story features.
struct Fitted {
    mean: Vec<f32>,
    scale: Vec<f32>,
    weights: Vec<f32>,
    bias: f32,
}

impl Fitted {
    fn logit(&self, x: &[f32]) -> f32 {
        self.bias
            + x.iter()
                .zip(&self.mean)
                .zip(&self.scale)
                .zip(&self.weights)
                .map(|(((x, m), s), w)| w * (x - m) / s)
                .sum::<f32>()
    }
}

/// A fitted scorer: the logistic regression or boosted trees.
enum Scorer {
    Linear(Fitted),
    Forest(f32, Vec<boost::Tree>),
}

impl Scorer {
    fn logit(&self, x: &[f32]) -> f32 {
        match self {
            Scorer::Linear(f) => f.logit(x),
            Scorer::Forest(base, trees) => base + trees.iter().map(|t| t.value(x)).sum::<f32>(),
        }
    }
}

/// How a model is fitted: the logistic regression (shipped) or, for comparison, boosted trees
/// (`--trees N`); with or without the sign constraints; the weak negatives' weight.
struct FitSettings {
    trees: Option<boost::BoostSettings>,
    free_signs: bool,
    silver: f64,
}

fn fit_model(train: &[&Candidate], fit: &FitSettings) -> Scorer {
    match &fit.trees {
        None => Scorer::Linear(fit_examples(train, fit)),
        Some(settings) => fit_trees(train, fit, settings),
    }
}

/// Every feature's name, pair features then story features: the order of a candidate's `x`.
fn feature_names() -> Vec<&'static str> {
    PAIR_FEATURES
        .iter()
        .chain(&STORY_FEATURES)
        .copied()
        .collect()
}

/// Training examples as the fitters take them: feature rows, labels (gold or not) and example
/// weights (1 for the labelled candidates, the settings' weight for weak negatives).
struct Examples<'a> {
    rows: Vec<&'a [f32]>,
    labels: Vec<bool>,
    weights: Vec<f64>,
}

impl<'a> Examples<'a> {
    fn new(train: &[&'a Candidate], fit: &FitSettings) -> Examples<'a> {
        Examples {
            rows: train.iter().map(|c| c.x.as_slice()).collect(),
            labels: train.iter().map(|c| c.label == Some(true)).collect(),
            weights: train
                .iter()
                .map(|c| if c.label.is_some() { 1.0 } else { fit.silver })
                .collect(),
        }
    }
}

fn fit_trees(train: &[&Candidate], fit: &FitSettings, settings: &boost::BoostSettings) -> Scorer {
    let examples = Examples::new(train, fit);
    let names = feature_names();
    let group: Vec<u8> = (0..names.len())
        .map(|i| u8::from(i >= PAIR_FEATURES.len()))
        .collect();
    let sign: Vec<i8> = names
        .iter()
        .map(|n| if fit.free_signs { 0 } else { expected_sign(n) })
        .collect();
    let (base, trees) = boost::fit(
        &examples.rows,
        &examples.labels,
        &examples.weights,
        &group,
        &sign,
        settings,
    );
    Scorer::Forest(base, trees)
}

/// L2-regularised logistic regression (C = 1, bias not penalised) by Newton's method.
fn fit_logistic(rows: &[&[f32]], labels: &[bool], weights: &[f64], active: &[bool]) -> Fitted {
    let d = rows[0].len();
    let n = weights.iter().sum::<f64>();
    let mut mean = vec![0.0f64; d];
    for (r, wt) in rows.iter().zip(weights) {
        for j in 0..d {
            mean[j] += wt * r[j] as f64 / n;
        }
    }
    let mut var = vec![0.0f64; d];
    for (r, wt) in rows.iter().zip(weights) {
        for j in 0..d {
            var[j] += wt * (r[j] as f64 - mean[j]).powi(2) / n;
        }
    }
    let scale: Vec<f64> = var
        .iter()
        .map(|v| if *v > 1e-12 { v.sqrt() } else { 1.0 })
        .collect();
    let z: Vec<Vec<f64>> = rows
        .iter()
        .map(|r| {
            let mut v: Vec<f64> = (0..d).map(|j| (r[j] as f64 - mean[j]) / scale[j]).collect();
            v.push(1.0);
            v
        })
        .collect();
    let k = d + 1;
    let mut w = vec![0.0f64; k];
    for _ in 0..50 {
        let mut grad = vec![0.0f64; k];
        let mut hess = vec![0.0f64; k * k];
        for ((row, &y), &wt) in z.iter().zip(labels).zip(weights) {
            let s: f64 = row.iter().zip(&w).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-s).exp());
            let r = wt * (p - if y { 1.0 } else { 0.0 });
            let q = wt * (p * (1.0 - p)).max(1e-9);
            for i in 0..k {
                grad[i] += r * row[i];
                for j in 0..k {
                    hess[i * k + j] += q * row[i] * row[j];
                }
            }
        }
        for i in 0..d {
            grad[i] += w[i];
            hess[i * k + i] += 1.0;
            if !active[i] {
                // A feature left out: its weight stays 0.
                grad[i] = 0.0;
                for j in 0..k {
                    hess[i * k + j] = 0.0;
                    hess[j * k + i] = 0.0;
                }
                hess[i * k + i] = 1.0;
            }
        }
        let step = solve(&hess, &grad, k);
        let mut change = 0.0f64;
        for i in 0..k {
            w[i] -= step[i];
            change = change.max(step[i].abs());
        }
        if change < 1e-6 {
            break;
        }
    }
    Fitted {
        mean: mean.iter().map(|&m| m as f32).collect(),
        scale: scale.iter().map(|&s| s as f32).collect(),
        weights: w[..d].iter().map(|&x| x as f32).collect(),
        bias: w[d] as f32,
    }
}

/// Keeps, for each mention and each other article, only its [`crossread::claims::cluster::LINKS_PER_ARTICLE`]
/// most probable pairs, as the library stores them.
fn best_per_article(pairs: Vec<ScoredPair>, mention_doc: &[usize]) -> Vec<ScoredPair> {
    let articles: Vec<u32> = mention_doc.iter().map(|&d| d as u32).collect();
    crossread::claims::cluster::best_per_article(pairs, &articles)
}

/// The article-similarity floor of a model trained on `train`: the [`FLOOR_QUANTILE`] of the
/// article cosine (feature 0) over its gold pairs.
fn article_floor(train: &[&Candidate]) -> f32 {
    let mut cosines: Vec<f32> = train
        .iter()
        .filter(|c| c.label == Some(true))
        .map(|c| c.x[0])
        .collect();
    cosines.sort_by(f32::total_cmp);
    cosines
        .get((FLOOR_QUANTILE * (cosines.len().saturating_sub(1)) as f64) as usize)
        .copied()
        .unwrap_or(0.0)
}

/// Fits the logistic regression, each weight of the sign [`expected_sign`] gives it (unless
/// `free_signs`, for comparison).
fn fit_examples(train: &[&Candidate], fit: &FitSettings) -> Fitted {
    let examples = Examples::new(train, fit);
    let names = feature_names();
    let expected: Vec<i8> = names.iter().map(|n| expected_sign(n)).collect();
    let mut active = vec![true; names.len()];
    loop {
        let fitted = fit_logistic(&examples.rows, &examples.labels, &examples.weights, &active);
        if fit.free_signs {
            return fitted;
        }
        // The feature whose weight most contradicts its meaning leaves; refit without it.
        let worst = (0..names.len())
            .filter(|&i| active[i] && expected[i] != 0)
            .filter(|&i| fitted.weights[i] * f32::from(expected[i]) < 0.0)
            .max_by(|&i, &j| fitted.weights[i].abs().total_cmp(&fitted.weights[j].abs()));
        match worst {
            Some(i) => active[i] = false,
            None => return fitted,
        }
    }
}

/// The sign a feature's weight must have to mean what the feature says: +1 for evidence that
/// two sentences state one claim (shared names, words, events, agreeing figures and dates,
/// alike articles), -1 for evidence against (names or events only one states, differing
/// dates, articles far down each other's neighbour lists), 0 where either is plausible
/// (position, quotes). A weight of the wrong sign fits an accident of the training corpus
/// (ECB+ holds one story per topic), and carries badly to other libraries.
fn expected_sign(name: &str) -> i8 {
    match name {
        "article_cosine"
        | "sentence_cosine"
        | "article_x_sentence_cosine"
        | "shared_word_weight"
        | "shared_names"
        | "shared_name_weight"
        | "name_overlap"
        | "shared_event"
        | "dates_agree"
        | "figures_agree"
        | "shared_neighbours"
        | "mutual_neighbours" => 1,
        "unshared_names" | "different_events" | "different_people" | "dates_differ"
        | "nearer_rank" | "farther_rank" => -1,
        _ => 0,
    }
}

/// Solves `a x = b` for a symmetric positive definite `a` (Cholesky).
fn solve(a: &[f64], b: &[f64], k: usize) -> Vec<f64> {
    let mut l = vec![0.0f64; k * k];
    for i in 0..k {
        for j in 0..=i {
            let mut s = a[i * k + j];
            for m in 0..j {
                s -= l[i * k + m] * l[j * k + m];
            }
            l[i * k + j] = if i == j {
                s.max(1e-12).sqrt()
            } else {
                s / l[j * k + j]
            };
        }
    }
    let mut y = vec![0.0f64; k];
    for i in 0..k {
        let mut s = b[i];
        for m in 0..i {
            s -= l[i * k + m] * y[m];
        }
        y[i] = s / l[i * k + i];
    }
    let mut x = vec![0.0f64; k];
    for i in (0..k).rev() {
        let mut s = y[i];
        for m in i + 1..k {
            s -= l[m * k + i] * x[m];
        }
        x[i] = s / l[i * k + i];
    }
    x
}

fn to_model(f: &Fitted, threshold: f32, floor: f32, provenance: String) -> ClaimModel {
    let p = PAIR_FEATURES.len();
    let group = |names: &[&str], range: std::ops::Range<usize>| FeatureWeights {
        names: names.iter().map(|s| s.to_string()).collect(),
        mean: f.mean[range.clone()].to_vec(),
        scale: f.scale[range.clone()].to_vec(),
        weights: f.weights[range].to_vec(),
    };
    ClaimModel {
        bias: f.bias,
        pair: group(&PAIR_FEATURES, 0..p),
        story: group(&STORY_FEATURES, p..p + STORY_FEATURES.len()),
        threshold,
        store_threshold: threshold * STORE_FRACTION,
        min_article_cosine: floor,
        provenance,
    }
}

fn number<T: std::str::FromStr>(value: Option<String>, usage: &str) -> T {
    value
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("usage: {usage}"))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = PathBuf::from("../shared/corpus/ecbplus");
    let mut out = PathBuf::from("assets/claims/model.json");
    let mut min_precision = 0.85f32;
    let mut dry_run = false;
    let mut fit = FitSettings {
        trees: None,
        free_signs: false,
        silver: SILVER_WEIGHT,
    };
    let mut dump: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = PathBuf::from(args.next().expect("--out FILE")),
            "--min-precision" => {
                min_precision = args.next().and_then(|v| v.parse().ok()).expect("a number")
            }
            "--dry-run" => dry_run = true,
            "--free-signs" => fit.free_signs = true,
            "--silver" => fit.silver = number(args.next(), "--silver WEIGHT"),
            "--trees" => {
                fit.trees.get_or_insert_with(Default::default).trees =
                    number(args.next(), "--trees N")
            }
            "--depth" => {
                fit.trees.get_or_insert_with(Default::default).depth =
                    number(args.next(), "--depth N")
            }
            "--rate" => {
                fit.trees.get_or_insert_with(Default::default).learning_rate =
                    number(args.next(), "--rate X")
            }
            "--dump" => dump = Some(PathBuf::from(args.next().expect("--dump FILE"))),
            other => dir = PathBuf::from(other),
        }
    }
    if !dir.join("dev_pairs.jsonl").is_file() {
        eprintln!(
            "claims_train: {} has no dev_pairs.jsonl; training needs the ECB+ corpus from ../shared",
            dir.display()
        );
        std::process::exit(2);
    }
    let started = std::time::Instant::now();
    let (gold, selected) = ecbplus_gold(&dir);
    let loaded = load(&dir.join("corpus"));
    let ids: Vec<String> = loaded
        .iter()
        .map(|(d, _)| format!("{}#{}", d.topic, d.name))
        .collect();
    let vectors: Vec<ArticleVector> = loaded.iter().map(|(_, v)| v.clone()).collect();
    let docs: Vec<Doc> = loaded.into_iter().map(|(d, _)| d).collect();
    let lists = neighbour_lists(&ids, &vectors);
    let by_id: HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();

    // Flat mention list, with each mention's article and gold key.
    let mut mention_doc: Vec<usize> = Vec::new();
    let mut mention_ref: Vec<(usize, usize)> = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for m in 0..doc.mentions.len() {
            mention_doc.push(d);
            mention_ref.push((d, m));
        }
    }
    let mention_at = |i: usize| -> &Mention { &docs[mention_ref[i].0].mentions[mention_ref[i].1] };
    let key_of = |i: usize| -> EcbKey {
        (
            docs[mention_doc[i]].name.clone(),
            norm_space(&mention_at(i).text),
        )
    };
    let mut first_mention = vec![0usize; docs.len() + 1];
    for d in 0..docs.len() {
        first_mention[d + 1] = first_mention[d] + docs[d].mentions.len();
    }
    let covered = (0..mention_ref.len())
        .filter(|&i| selected.contains(&key_of(i)))
        .count();

    // Candidates: every mention pair of neighbouring articles that the figures do not rule out.
    let mut pairs_of_articles: Vec<(usize, usize, f32)> = Vec::new();
    for (a, id) in ids.iter().enumerate() {
        for (other, cosine) in lists.of(id) {
            let b = by_id[other];
            if a < b || !lists.of(other).any(|(n, _)| n == id) {
                pairs_of_articles.push((a.min(b), a.max(b), cosine));
            }
        }
    }
    pairs_of_articles.sort_by_key(|x| (x.0, x.1));
    pairs_of_articles.dedup_by(|x, y| x.0 == y.0 && x.1 == y.1);
    let mut candidates: Vec<Candidate> = Vec::new();
    for &(da, db, cosine) in &pairs_of_articles {
        let story = lists.story_features(&ids[da], &ids[db]);
        let pa: Vec<Prepared> = docs[da]
            .mentions
            .iter()
            .map(|m| Prepared::new(&m.signature))
            .collect();
        let pb: Vec<Prepared> = docs[db]
            .mentions
            .iter()
            .map(|m| Prepared::new(&m.signature))
            .collect();
        for (i, x) in pa.iter().enumerate() {
            for (j, y) in pb.iter().enumerate() {
                if !share_evidence(x, y) || compare_figures(x.signature, y.signature).is_err() {
                    continue;
                }
                let mut features = pair_features(x, y, cosine).values.to_vec();
                features.extend_from_slice(&story.values);
                let (ga, gb) = (first_mention[da] + i, first_mention[db] + j);
                let (ka, kb) = (key_of(ga), key_of(gb));
                let (sa, sb) = (selected.contains(&ka), selected.contains(&kb));
                let label = (sa && sb).then(|| gold.contains(&ordered(ka, kb)));
                let silver = sa != sb && docs[da].topic == docs[db].topic;
                candidates.push(Candidate {
                    a: ga,
                    b: gb,
                    x: features,
                    label,
                    silver,
                });
            }
        }
    }
    let labelled = candidates.iter().filter(|c| c.label.is_some()).count();
    let positives = candidates.iter().filter(|c| c.label == Some(true)).count();
    println!(
        "{} articles, {} mentions ({} of {} gold-selected sentences are mentions), {} neighbouring article pairs, {} candidates ({} labelled, {} gold) in {:.1?}",
        docs.len(),
        mention_ref.len(),
        covered,
        selected.len(),
        pairs_of_articles.len(),
        candidates.len(),
        labelled,
        positives,
        started.elapsed()
    );
    let gold_reachable = {
        let cand: HashSet<(EcbKey, EcbKey)> = candidates
            .iter()
            .filter(|c| c.label == Some(true))
            .map(|c| ordered(key_of(c.a), key_of(c.b)))
            .collect();
        cand.len()
    };
    {
        // Where gold pairs are lost before scoring.
        let mut where_key: HashMap<EcbKey, usize> = HashMap::new();
        for i in 0..mention_ref.len() {
            where_key.insert(key_of(i), i);
        }
        let neighbours: HashSet<(usize, usize)> =
            pairs_of_articles.iter().map(|x| (x.0, x.1)).collect();
        let mut lost: BTreeMap<&str, usize> = BTreeMap::new();
        for (ka, kb) in &gold {
            let reason = match (where_key.get(ka), where_key.get(kb)) {
                (Some(&a), Some(&b)) => {
                    let (da, db) = (
                        mention_doc[a].min(mention_doc[b]),
                        mention_doc[a].max(mention_doc[b]),
                    );
                    let (x, y) = (
                        Prepared::new(&mention_at(a).signature),
                        Prepared::new(&mention_at(b).signature),
                    );
                    if !neighbours.contains(&(da, db)) {
                        "articles not neighbours"
                    } else if !share_evidence(&x, &y) {
                        "nothing shared"
                    } else if compare_figures(x.signature, y.signature).is_err() {
                        "figures differ"
                    } else {
                        "candidate"
                    }
                }
                _ => "a sentence is no mention",
            };
            *lost.entry(reason).or_default() += 1;
        }
        println!("gold pairs: {lost:?}");
    }
    println!(
        "{} of {} gold pairs are candidates (the ceiling on recall)",
        gold_reachable,
        gold.len()
    );

    if let Some(path) = &dump {
        // Every candidate with its features, for analysis outside this program.
        let mut text = String::from(
            "a_doc\ta_pos\tb_doc\tb_pos\ta_selected\tb_selected\tlabel\ta_text\tb_text",
        );
        for n in feature_names() {
            text.push('\t');
            text.push_str(n);
        }
        text.push('\n');
        for c in &candidates {
            let (ka, kb) = (key_of(c.a), key_of(c.b));
            text.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                ka.0,
                mention_at(c.a).signature.position,
                kb.0,
                mention_at(c.b).signature.position,
                u8::from(selected.contains(&ka)),
                u8::from(selected.contains(&kb)),
                match c.label {
                    Some(true) => "1",
                    Some(false) => "0",
                    None => "",
                }
            ));
            for k in [&ka, &kb] {
                text.push('\t');
                if c.label.is_some() {
                    text.push_str(&k.1.replace(['\t', '"'], " "));
                }
            }
            for v in &c.x {
                text.push_str(&format!("\t{v}"));
            }
            text.push('\n');
        }
        std::fs::write(path, text).expect("write dump");
    }
    // Folds over the odd topics.
    let mut odd: Vec<u32> = docs
        .iter()
        .map(|d| d.topic)
        .filter(|t| t % 2 == 1)
        .collect();
    odd.sort();
    odd.dedup();
    let mut seed = 0x5eed_u64;
    for i in (1..odd.len()).rev() {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        odd.swap(i, (seed >> 33) as usize % (i + 1));
    }
    let fold_of: HashMap<u32, usize> = odd
        .iter()
        .enumerate()
        .map(|(i, &t)| (t, i % FOLDS))
        .collect();
    let topic_of = |c: &Candidate| docs[mention_doc[c.a]].topic;
    let mut results: BTreeMap<usize, Vec<(f64, f64)>> = BTreeMap::new();
    let mut pair_results: BTreeMap<usize, Vec<(f64, f64)>> = BTreeMap::new();
    for fold in 0..FOLDS {
        let train: Vec<&Candidate> = candidates
            .iter()
            .filter(|c| {
                (c.label.is_some() || c.silver)
                    && fold_of.get(&topic_of(c)).is_some_and(|&f| f != fold)
            })
            .collect();
        let fitted = fit_model(&train, &fit);
        let floor = article_floor(&train);
        let held: HashSet<u32> = fold_of
            .iter()
            .filter(|(_, f)| **f == fold)
            .map(|(t, _)| *t)
            .collect();
        let test: Vec<&Candidate> = candidates
            .iter()
            .filter(|c| held.contains(&topic_of(c)) && held.contains(&docs[mention_doc[c.b]].topic))
            .filter(|c| c.x[0] >= floor)
            .collect();
        let gold_here: HashSet<&(EcbKey, EcbKey)> = gold
            .iter()
            .filter(|(a, _)| {
                a.0.split('_')
                    .next()
                    .and_then(|t| t.parse::<u32>().ok())
                    .is_some_and(|t| held.contains(&t))
            })
            .collect();
        for (ti, &threshold) in THRESHOLDS.iter().enumerate() {
            let store = threshold * STORE_FRACTION;
            let kept: Vec<ScoredPair> = test
                .iter()
                .map(|c| ScoredPair {
                    a: c.a as u32,
                    b: c.b as u32,
                    probability: probability(fitted.logit(&c.x)),
                })
                .filter(|p| p.probability >= store)
                .collect();
            let scored = best_per_article(kept, &mention_doc);
            // The accepted pairs themselves, before clustering.
            let accepted: HashSet<(EcbKey, EcbKey)> = scored
                .iter()
                .filter(|p| p.probability >= threshold)
                .map(|p| (key_of(p.a as usize), key_of(p.b as usize)))
                .filter(|(ka, kb)| selected.contains(ka) && selected.contains(kb))
                .map(|(ka, kb)| ordered(ka, kb))
                .collect();
            let right_pairs = accepted.iter().filter(|p| gold_here.contains(p)).count();
            pair_results.entry(ti).or_default().push((
                right_pairs as f64 / accepted.len().max(1) as f64,
                right_pairs as f64 / gold_here.len().max(1) as f64,
            ));
            let groups = average_link(
                &mention_doc.iter().map(|&d| d as u32).collect::<Vec<_>>(),
                &scored,
                threshold,
            );
            let mut predicted: HashSet<(EcbKey, EcbKey)> = HashSet::new();
            for g in groups {
                for (x, &i) in g.iter().enumerate() {
                    for &j in &g[x + 1..] {
                        let (ki, kj) = (key_of(i as usize), key_of(j as usize));
                        if ki.0 != kj.0 && selected.contains(&ki) && selected.contains(&kj) {
                            predicted.insert(ordered(ki, kj));
                        }
                    }
                }
            }
            let right = predicted.iter().filter(|p| gold_here.contains(p)).count();
            let p = right as f64 / predicted.len().max(1) as f64;
            let r = right as f64 / gold_here.len().max(1) as f64;
            results.entry(ti).or_default().push((p, r));
        }
    }
    let stats = |v: &[f64]| {
        let m = v.iter().sum::<f64>() / v.len() as f64;
        let sd = (v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / v.len() as f64).sqrt();
        (m, sd)
    };
    for (ti, folds) in &pair_results {
        let (pm, ps) = stats(&folds.iter().map(|x| x.0).collect::<Vec<_>>());
        let (rm, rs) = stats(&folds.iter().map(|x| x.1).collect::<Vec<_>>());
        println!(
            "pairs accepted at {:.2}: precision {pm:.3} ± {ps:.3}, recall {rm:.3} ± {rs:.3}",
            THRESHOLDS[*ti]
        );
    }
    let mut chosen: Option<(f32, f64, f64)> = None;
    let mut table = String::new();
    for (ti, folds) in &results {
        let (pm, ps) = stats(&folds.iter().map(|x| x.0).collect::<Vec<_>>());
        let (rm, rs) = stats(&folds.iter().map(|x| x.1).collect::<Vec<_>>());
        let line = format!(
            "threshold {:.2}: precision {pm:.3} ± {ps:.3}, recall {rm:.3} ± {rs:.3}",
            THRESHOLDS[*ti]
        );
        println!("{line}");
        table.push_str(&line);
        table.push_str("; ");
        if pm >= min_precision as f64 && chosen.is_none_or(|c| rm > c.2) {
            chosen = Some((THRESHOLDS[*ti], pm, rm));
        }
    }
    let Some((threshold, pm, rm)) = chosen else {
        eprintln!(
            "claims_train: no threshold reaches mean precision {min_precision}; nothing written"
        );
        std::process::exit(1);
    };
    println!("chosen threshold {threshold} (mean precision {pm:.3}, recall {rm:.3})");

    let train: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| (c.label.is_some() || c.silver) && topic_of(c) % 2 == 1)
        .collect();
    let fitted = fit_model(&train, &fit);
    let floor = article_floor(&train);
    println!("article similarity floor {floor:.3} (quantile {FLOOR_QUANTILE} of the gold pairs')");
    let provenance = format!(
        "Trained by examples/claims_train.rs on ECB+ odd topics ({} labelled candidate pairs, {} gold; {} weak negatives at weight {}); article similarity floor {floor:.3} (quantile {FLOOR_QUANTILE} of the gold pairs'). {FOLDS}-fold cross-validation over topics, clustered: {table}threshold chosen: {threshold}.",
        train.iter().filter(|c| c.label.is_some()).count(),
        train.iter().filter(|c| c.label == Some(true)).count(),
        train.iter().filter(|c| c.silver).count(),
        fit.silver,
    );
    let Scorer::Linear(fitted) = fitted else {
        println!("boosted trees are measured here, not shipped: nothing written");
        return;
    };
    let model = to_model(&fitted, threshold, floor, provenance);
    model.check().expect("features and weights agree");
    for (name, w) in feature_names().iter().zip(&fitted.weights) {
        println!("  {name:<28} {w:+.3}");
    }
    if dry_run {
        return;
    }
    let json = serde_json::to_string_pretty(&model).expect("json");
    std::fs::write(&out, json + "\n").expect("write model");
    println!("wrote {}", out.display());
}

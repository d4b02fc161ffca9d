//! Claim linking quality on ECB+ through the real product pipeline.
//!
//! Adds every ECB+ article (all 43 topics, so cross-topic links cannot hide) to a throwaway
//! library exactly as `crossread add` does — ingest, sentence splitting, entities, claim
//! signatures, candidate retrieval through the tantivy sentence index, judging — then scores
//! the links against the gold sentence pairs of the odd (dev) topics.
//!
//! Protocol (the one `BASELINES.md` uses): a predicted pair counts when both sentences are
//! gold-selected sentences (`dev_selected.jsonl`) of different articles; it is right when the
//! pair is in `dev_pairs.jsonl`. Two figures are printed: the judge's pairwise links, and the
//! pairs implied by the claims the reader shows (`LinkStore::claims`).
//!
//! Run: `cargo run --release --example claims_eval -- ../shared/corpus/ecbplus`

#[path = "common/mod.rs"]
mod common;
use common::{EcbKey as Key, ecbplus_gold, norm_space as norm, ordered};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use crossread::Library;

fn doc_of(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn score(
    name: &str,
    predicted: &HashSet<(Key, Key)>,
    gold: &HashSet<(Key, Key)>,
    selected: &HashSet<Key>,
) {
    let counted: Vec<&(Key, Key)> = predicted
        .iter()
        .filter(|(a, b)| selected.contains(a) && selected.contains(b))
        .collect();
    let right = counted.iter().filter(|p| gold.contains(**p)).count();
    let p = right as f64 / counted.len().max(1) as f64;
    let r = right as f64 / gold.len().max(1) as f64;
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!(
        "{name:<8} precision {p:.3}  recall {r:.3}  F1 {f:.3}  ({right} right of {} counted pairs; {} gold pairs)",
        counted.len(),
        gold.len()
    );
}

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/corpus/ecbplus".to_string()),
    );
    if !dir.join("dev_pairs.jsonl").is_file() {
        eprintln!(
            "claims_eval: {} has no dev_pairs.jsonl; this evaluation needs the ECB+ corpus from ../shared (not needed by `cargo test`)",
            dir.display()
        );
        std::process::exit(2);
    }
    let started = Instant::now();
    let mut library = Library::temporary().expect("library");
    let report = library
        .add(&[dir.join("corpus")], &mut |_| {})
        .expect("add");
    let elapsed = started.elapsed();
    println!(
        "added {} articles in {:.2?} (ingest, analysis, indexing and linking)",
        report.entries.len(),
        elapsed
    );

    let (gold, selected) = ecbplus_gold(&dir);

    let doc_of_article: HashMap<String, String> = library
        .list()
        .into_iter()
        .map(|a| (a.id.clone(), doc_of(a.path.as_deref().unwrap_or(""))))
        .collect();
    let store = library.links().expect("links");
    let key_of = |mention: &crossread::library::links::LinkedMention| -> Option<Key> {
        Some((
            doc_of_article.get(&mention.key.article)?.clone(),
            norm(&mention.text),
        ))
    };
    let mut links = HashSet::new();
    for link in &store.links {
        if let (Some(a), Some(b)) = (key_of(store.mention(link.a)), key_of(store.mention(link.b))) {
            links.insert(ordered(a, b));
        }
    }
    let mut grouped = HashSet::new();
    let claims = store.claims();
    for claim in &claims {
        let keys: Vec<Key> = claim
            .mentions
            .iter()
            .filter_map(|m| key_of(&m.mention))
            .collect();
        for i in 0..keys.len() {
            for j in i + 1..keys.len() {
                if keys[i].0 != keys[j].0 {
                    grouped.insert(ordered(keys[i].clone(), keys[j].clone()));
                }
            }
        }
    }
    // How many gold sentences the pipeline produced verbatim (a sentence it split
    // differently cannot be scored as right).
    let produced: HashSet<Key> = store.mentions.iter().filter_map(|m| key_of(m)).collect();
    let covered = selected.iter().filter(|k| produced.contains(*k)).count();
    let mut split = HashSet::new();
    for summary in library.list() {
        if let Ok(Some(stored)) = library.article(&summary.id) {
            let body = stored.article.body();
            for &(start, end) in &stored.sentences {
                split.insert((doc_of_article[&summary.id].clone(), norm(&body[start..end])));
            }
        }
    }
    let found = selected.iter().filter(|k| split.contains(*k)).count();
    println!(
        "{found} of {} gold sentences are sentences of the ingested articles",
        selected.len()
    );
    if std::env::var_os("CLAIMS_EVAL_VERBOSE").is_some() {
        for k in selected.iter().filter(|k| !split.contains(*k)).take(15) {
            println!("  not split as in gold: {} | {}", k.0, k.1);
        }
    }
    println!(
        "{} links, {} claims; {} of {} gold sentences take part in a link",
        store.links.len(),
        claims.len(),
        covered,
        selected.len()
    );
    score("links", &links, &gold, &selected);
    score("claims", &grouped, &gold, &selected);
}

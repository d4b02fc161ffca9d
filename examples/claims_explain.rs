//! What decided the claim links of a set of articles: every stored candidate pair with its
//! probability and the features that weighed most, read pair by pair.
//!
//! Adds the inputs to a throwaway library exactly as `crossread add` does, then prints each
//! candidate link of the library (most probable first) with its two sentences, its probability,
//! whether its two sentences ended up in one claim, how its figures stand, and the features
//! that moved its score most ([`crossread::claims::explain`]). This is the tool for reading the
//! links a library gets, as the claims issue asks for the saved pages.
//!
//! Run: `cargo run --release --example claims_explain -- PATH... [--all] [--top N]`; without
//! `--all` only pairs at or above the model's threshold are printed (at most `--top`, default
//! 200).

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crossread::Library;
use crossread::claims::model::model;
use crossread::claims::{Prepared, explain};
use crossread::library::links::{Mention, MentionKey, mentions_of};

fn main() {
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut all = false;
    let mut top = 200usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--all" => all = true,
            "--top" => top = args.next().and_then(|n| n.parse().ok()).expect("--top N"),
            other => paths.push(PathBuf::from(other)),
        }
    }
    if paths.is_empty() {
        eprintln!("usage: claims_explain PATH... [--all] [--top N]");
        std::process::exit(2);
    }
    let mut library = Library::temporary().expect("library");
    let report = library.add(&paths, &mut |_| {}).expect("add");
    let store = library.links().expect("links");
    let titles: HashMap<String, String> = library
        .list()
        .into_iter()
        .map(|a| (a.id.clone(), a.title.clone()))
        .collect();
    let mut mentions: HashMap<MentionKey, Mention> = HashMap::new();
    for id in titles.keys() {
        if let Ok(Some(stored)) = library.article(id) {
            for m in mentions_of(&stored) {
                mentions.insert(m.key.clone(), m);
            }
        }
    }
    let claims = store.claims();
    let mut claim_of: HashMap<&MentionKey, usize> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        for m in &c.mentions {
            claim_of.insert(&m.mention.key, i);
        }
    }
    let threshold = model().threshold;
    let mut rows: Vec<(f32, usize)> = store
        .links
        .iter()
        .enumerate()
        .filter_map(|(i, l)| store.probability(l).map(|p| (p, i)))
        .filter(|(p, _)| all || *p >= threshold)
        .collect();
    rows.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    println!(
        "{} articles, {} candidate links, {} claims; threshold {threshold}",
        report.entries.len(),
        store.links.len(),
        claims.len()
    );
    let mut shown_pairs: HashSet<(String, String)> = HashSet::new();
    for &(p, i) in rows.iter().take(top) {
        let link = &store.links[i];
        let (a, b) = (store.mention(link.a), store.mention(link.b));
        let (Some(ma), Some(mb)) = (mentions.get(&a.key), mentions.get(&b.key)) else {
            continue;
        };
        let story = store
            .neighbours
            .story_features(&a.key.article, &b.key.article);
        let cosine = store
            .neighbours
            .of(&a.key.article)
            .chain(store.neighbours.of(&b.key.article))
            .find(|(id, _)| *id == b.key.article || *id == a.key.article)
            .map_or(0.0, |(_, c)| c);
        let why = explain(
            &Prepared::new(&ma.signature),
            &Prepared::new(&mb.signature),
            cosine,
            &story,
        );
        let together =
            claim_of.contains_key(&a.key) && claim_of.get(&a.key) == claim_of.get(&b.key);
        shown_pairs.insert((a.key.article.clone(), b.key.article.clone()));
        println!(
            "\n{p:.2} {} {:?}{}",
            if together {
                "same claim"
            } else {
                "not grouped"
            },
            link.stance,
            link.detail
                .as_deref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default()
        );
        for m in [a, b] {
            println!(
                "  [{}] {}",
                titles
                    .get(&m.key.article)
                    .map(|t| t.chars().take(50).collect::<String>())
                    .unwrap_or_default(),
                m.text.chars().take(220).collect::<String>()
            );
        }
        let mut weighed = why.features.clone();
        weighed.sort_by(|x, y| y.2.abs().total_cmp(&x.2.abs()));
        let parts: Vec<String> = weighed
            .iter()
            .take(5)
            .map(|(n, v, c)| format!("{n}={v:.2} ({c:+.2})"))
            .collect();
        println!("  {}", parts.join(", "));
    }
    println!(
        "\n{} pairs shown from {} article pairs",
        rows.len().min(top),
        shown_pairs.len()
    );
}

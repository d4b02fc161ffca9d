//! Throughput of the analysis run at indexing: entity tagging, sentence splitting and claim
//! signatures, on the news text in `tests/fixtures` (five sample articles and three ECB+
//! articles, about 45 KB), measured on one core.
//!
//! Run: `cargo bench --bench analysis`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crossread::ingest::{FileOutcome, read_file};

fn news_bodies() -> Vec<(String, Option<String>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut bodies = Vec::new();
    for dir in ["seeds", "ecbplus"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        for path in paths {
            if let FileOutcome::Read(file) = read_file(&path) {
                for article in file.articles {
                    bodies.push((article.body(), article.published.clone()));
                }
            }
        }
    }
    bodies
}

fn analysis(c: &mut Criterion) {
    let bodies = news_bodies();
    let bytes: usize = bodies.iter().map(|(b, _)| b.len()).sum();
    let mut group = c.benchmark_group("analysis");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("entities", |b| {
        b.iter(|| {
            for (body, published) in &bodies {
                black_box(crossread::entities::recognize(body, published.as_deref()));
            }
        })
    });
    group.bench_function("sentences", |b| {
        b.iter(|| {
            for (body, _) in &bodies {
                black_box(crossread::sentences::split_sentences(body));
            }
        })
    });
    let analysed: Vec<crossread::library::index::StoredArticle> = bodies
        .iter()
        .map(|(body, published)| {
            crossread::analysis::analyze(crossread::Article {
                id: "bench".into(),
                title: String::new(),
                source: None,
                url: None,
                author: None,
                published: published.clone(),
                path: None,
                paragraphs: body.split("\n\n").map(str::to_string).collect(),
            })
        })
        .collect();
    group.bench_function("claim_signatures", |b| {
        b.iter(|| {
            for stored in &analysed {
                black_box(crossread::library::links::mentions_of(stored));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);

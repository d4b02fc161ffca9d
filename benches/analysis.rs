//! Throughput of the analysis run at indexing, measured on one core: entity recognition (the
//! whole pass: tokens, figures, dates, the name tagger and its passes) on varied text from
//! `../shared` (every ECB+ article, the text of the 130 saved pages, the 68 feeds, the sample
//! articles, and the sentences of the NER sets (web text, Wikipedia, tweets) twenty to a body:
//! about 7 MB), and sentence splitting and claim signatures on the news text in
//! `tests/fixtures` (five sample articles and three ECB+ articles, about 45 KB). Without
//! `../shared` (a fresh clone, CI) the entity benchmark falls back to the fixtures and says so.
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

/// Article bodies of every readable file under `dir` (recursively).
fn bodies_under(dir: &std::path::Path, out: &mut Vec<(String, Option<String>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            bodies_under(&path, out);
        } else if let FileOutcome::Read(file) = read_file(&path) {
            for article in file.articles {
                out.push((article.body(), article.published.clone()));
            }
        }
    }
}

/// The varied text of `../shared` (news, saved web pages, feeds), if it is there.
fn varied_bodies() -> Option<Vec<(String, Option<String>)>> {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let mut bodies = Vec::new();
    for dir in [
        "corpus/seeds",
        "corpus/ecbplus/corpus",
        "testdata/readability-pages",
        "testdata/feeds",
    ] {
        bodies_under(&shared.join(dir), &mut bodies);
    }
    // Web text, Wikipedia and tweets: the sentences of the NER sets, twenty to a body.
    let mut ner_files = Vec::new();
    collect_files(&shared.join("corpus/ner"), "iob2", &mut ner_files);
    for path in ner_files {
        let Ok(data) = std::fs::read_to_string(&path) else {
            continue;
        };
        let lines: Vec<&str> = data
            .lines()
            .filter_map(|l| l.strip_prefix("# text = "))
            .collect();
        for chunk in lines.chunks(20) {
            bodies.push((chunk.join("\n"), None));
        }
    }
    (!bodies.is_empty()).then_some(bodies)
}

fn collect_files(dir: &std::path::Path, ext: &str, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect_files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

fn analysis(c: &mut Criterion) {
    let bodies = news_bodies();
    let bytes: usize = bodies.iter().map(|(b, _)| b.len()).sum();
    let varied = varied_bodies().unwrap_or_else(|| {
        eprintln!(
            "analysis bench: ../shared not found; entities measured on tests/fixtures ({bytes} bytes) instead of over 5 MB of varied text"
        );
        bodies.clone()
    });
    let varied_bytes: usize = varied.iter().map(|(b, _)| b.len()).sum();
    eprintln!(
        "analysis bench: entities on {} articles, {:.1} MB",
        varied.len(),
        varied_bytes as f64 / 1e6
    );
    let mut group = c.benchmark_group("analysis");
    group.throughput(Throughput::Bytes(varied_bytes as u64));
    group.sample_size(10);
    group.bench_function("entities", |b| {
        b.iter(|| {
            for (body, published) in &varied {
                black_box(crossread::entities::recognize(body, published.as_deref()));
            }
        })
    });
    group.finish();
    let mut group = c.benchmark_group("analysis");
    group.throughput(Throughput::Bytes(bytes as u64));
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

//! Learn the word clusters the name tagger reads (`assets/ner_clusters.tsv`) from unlabelled text.
//!
//! Usage: `cargo run --release --features train --example ner_clusters -- [--shared DIR]
//! [--classes 32,128,512] [--min-count N] [--iterations N] [--out FILE]`
//!
//! Words that occur in the same contexts get the same cluster ("Ford", "Toyota" and "Boeing";
//! "Senator", "Governor" and "Mayor"), so the tagger can generalise from names it saw in
//! training to names it never saw, as Brown clusters do in Ratinov and Roth (2009). The
//! clusters come from predictive exchange clustering (Uszkoreit and Brants, 2008), in both
//! directions: each word is moved to the class that best predicts it from the word before and
//! the word after (class bigram log-likelihood), most frequent words first, until few words
//! move. It is run once per granularity; the tagger reads every one.
//!
//! The text, tokenized as the tagger tokenizes it (numbers folded to one symbol), is read from
//! `DIR` (default `../shared`): the ECB+ articles of the odd topics, except the 22 articles of
//! the news gold (`examples/data/ner_news_gold.jsonl`) in them (the even topics hold the gold's
//! test half: none of their text is read); the MEANTIME Wikinews articles; the saved pages
//! and feeds of `testdata`; and the text of the NER training sets that no evaluation scores:
//! UNER EWT train, GUM without its news documents, BTC without section G, WNUT-17 train and
//! dev. wikigold, GUM news, BTC G, the WNUT-17 and EWT test sets are left out, so the
//! leave-one-source-out figures of `ner_train --cv` stay held out. Deterministic.

use crossread::entities::train::token_texts;
use crossread::ingest::{FileOutcome, read_file};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

struct Options {
    shared: PathBuf,
    classes: Vec<usize>,
    min_count: u32,
    iterations: usize,
    out: PathBuf,
}

fn options() -> Options {
    let mut o = Options {
        shared: "../shared".into(),
        classes: vec![32, 128, 512],
        min_count: 3,
        iterations: 12,
        out: "assets/ner_clusters.tsv".into(),
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let value = pair.get(1).cloned().unwrap_or_default();
        match pair[0].as_str() {
            "--shared" => o.shared = value.into(),
            "--classes" => {
                o.classes = value
                    .split(',')
                    .map(|c| c.parse().expect("--classes N,N,..."))
                    .collect()
            }
            "--min-count" => o.min_count = value.parse().expect("--min-count N"),
            "--iterations" => o.iterations = value.parse().expect("--iterations N"),
            "--out" => o.out = value.into(),
            other => panic!("unknown argument {other}"),
        }
    }
    o
}

/// Article bodies of every readable file under `dir` (recursively) accepted by `keep`.
fn bodies_under(dir: &Path, keep: &dyn Fn(&Path) -> bool, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            bodies_under(&path, keep, out);
        } else if keep(&path)
            && let FileOutcome::Read(file) = read_file(&path)
        {
            out.extend(file.articles.iter().map(|a| a.body()));
        }
    }
}

/// The sentences (`# text = ` lines) of an IOB2 file, one body per document, without the
/// documents whose id starts with `skip_prefix`.
fn iob2_bodies(path: &Path, skip_prefix: Option<&str>, out: &mut Vec<String>) {
    let Ok(data) = std::fs::read_to_string(path) else {
        eprintln!("missing {}: skipped", path.display());
        return;
    };
    let mut body = String::new();
    let mut skipping = false;
    for line in data.lines() {
        if let Some(id) = line.strip_prefix("# newdoc id = ") {
            if !body.is_empty() {
                out.push(std::mem::take(&mut body));
            }
            skipping = skip_prefix.is_some_and(|p| id.starts_with(p));
        } else if let Some(text) = line.strip_prefix("# text = ")
            && !skipping
        {
            body.push_str(text);
            body.push('\n');
        }
    }
    if !body.is_empty() {
        out.push(body);
    }
}

/// MEANTIME's tokens, one body per document.
fn meantime_bodies(path: &Path, out: &mut Vec<String>) {
    let Ok(data) = std::fs::read_to_string(path) else {
        eprintln!("missing {}: skipped", path.display());
        return;
    };
    let mut body = String::new();
    for line in data.lines() {
        if line.starts_with("#begin") || line.starts_with("#end") {
            if !body.is_empty() {
                out.push(std::mem::take(&mut body));
            }
        } else if let Some(token) = line.split('\t').nth(3) {
            body.push_str(token);
            body.push(' ');
        }
    }
}

fn gold_news_docs() -> HashSet<String> {
    let data = std::fs::read_to_string("examples/data/ner_news_gold.jsonl")
        .expect("run from the repository root (examples/data/ner_news_gold.jsonl)");
    data.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["doc"].as_str().map(String::from))
        .collect()
}

fn texts(shared: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let gold = gold_news_docs();
    let odd_topic_not_gold = |p: &Path| {
        let name = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let topic: u32 = name
            .split('_')
            .next()
            .and_then(|t| t.parse().ok())
            .unwrap_or(0);
        topic % 2 == 1 && !gold.contains(name)
    };
    bodies_under(
        &shared.join("corpus/ecbplus/corpus"),
        &odd_topic_not_gold,
        &mut out,
    );
    let ecb = out.len();
    meantime_bodies(
        &shared.join("corpus/events/meantime-en/meantime.conll"),
        &mut out,
    );
    bodies_under(
        &shared.join("testdata/readability-pages"),
        &|p| p.file_name().is_some_and(|n| n == "source.html"),
        &mut out,
    );
    bodies_under(&shared.join("testdata/feeds"), &|_| true, &mut out);
    let ner = shared.join("corpus/ner");
    for (file, skip) in [
        ("uner-en-ewt-train/en_ewt-ud-train.iob2", None),
        ("gum/gum-train.iob2", Some("GUM_news")),
        ("gum/gum-dev.iob2", Some("GUM_news")),
        ("gum/gum-test.iob2", Some("GUM_news")),
        ("btc/btc-a.iob2", None),
        ("btc/btc-b.iob2", None),
        ("btc/btc-e.iob2", None),
        ("btc/btc-f.iob2", None),
        ("btc/btc-h.iob2", None),
        ("wnut17/wnut17-train.iob2", None),
        ("wnut17/wnut17-dev.iob2", None),
    ] {
        iob2_bodies(&ner.join(file), skip, &mut out);
    }
    eprintln!("{} bodies ({ecb} ECB+ articles)", out.len());
    out
}

/// The symbol every number stands for, and the one between documents.
const NUMBER: &str = "<num>";
const BOUNDARY: &str = "<doc>";

/// `x ln x`, tabulated for small counts.
struct XLogX(Vec<f64>);

impl XLogX {
    fn new(n: usize) -> XLogX {
        XLogX(
            (0..n)
                .map(|x| {
                    if x == 0 {
                        0.0
                    } else {
                        x as f64 * (x as f64).ln()
                    }
                })
                .collect(),
        )
    }
    #[inline]
    fn at(&self, x: u32) -> f64 {
        match self.0.get(x as usize) {
            Some(&v) => v,
            None => x as f64 * (x as f64).ln(),
        }
    }
}

/// Words to cluster, with the contexts they occur in.
struct Vocabulary {
    words: Vec<String>,
    counts: Vec<u32>,
    /// Per word: (context, count); left contexts are `0..contexts`, right ones
    /// `contexts..2 * contexts`.
    contexts_of: Vec<Vec<(u32, u32)>>,
    contexts: usize,
}

fn vocabulary(bodies: &[String], min_count: u32, max_contexts: usize) -> Vocabulary {
    let mut seq: Vec<String> = Vec::new();
    for b in bodies {
        seq.push(BOUNDARY.into());
        for t in token_texts(b) {
            seq.push(if t.starts_with(|c: char| c.is_ascii_digit()) {
                NUMBER.into()
            } else {
                t.to_string()
            });
        }
    }
    seq.push(BOUNDARY.into());
    let mut freq: HashMap<&str, u32> = HashMap::new();
    for t in &seq {
        *freq.entry(t).or_default() += 1;
    }
    let mut ranked: Vec<(&str, u32)> = freq.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let rank: HashMap<&str, usize> = ranked.iter().enumerate().map(|(i, w)| (w.0, i)).collect();
    let ids: Vec<usize> = seq.iter().map(|t| rank[t.as_str()]).collect();
    // The most frequent words are contexts of their own; the others share one.
    let contexts = max_contexts.min(ranked.len()) + 1;
    let context = |id: usize| id.min(contexts - 1) as u32;
    let clustered = ranked.iter().take_while(|w| w.1 >= min_count).count();
    let mut pairs: Vec<HashMap<u32, u32>> = vec![HashMap::new(); clustered];
    for k in 0..ids.len() {
        if ids[k] >= clustered {
            continue;
        }
        let p = &mut pairs[ids[k]];
        if k > 0 {
            *p.entry(context(ids[k - 1])).or_default() += 1;
        }
        if k + 1 < ids.len() {
            *p.entry(contexts as u32 + context(ids[k + 1])).or_default() += 1;
        }
    }
    eprintln!(
        "{} tokens, {} distinct, {clustered} seen {min_count}+ times",
        seq.len(),
        ranked.len()
    );
    Vocabulary {
        words: ranked[..clustered]
            .iter()
            .map(|w| w.0.to_string())
            .collect(),
        counts: ranked[..clustered].iter().map(|w| w.1).collect(),
        contexts_of: pairs
            .into_iter()
            .map(|m| {
                let mut v: Vec<(u32, u32)> = m.into_iter().collect();
                v.sort_unstable();
                v
            })
            .collect(),
        contexts,
    }
}

/// Predictive exchange clustering into `classes` classes; returns each word's class.
fn exchange(v: &Vocabulary, classes: usize, iterations: usize, f: &XLogX) -> Vec<u32> {
    let n = v.words.len();
    let mut class: Vec<u32> = (0..n).map(|w| (w % classes) as u32).collect();
    // Context-by-class counts and class totals.
    let mut m = vec![0u32; 2 * v.contexts * classes];
    let mut total = vec![0u32; classes];
    for ((&c, contexts), &count) in class.iter().zip(&v.contexts_of).zip(&v.counts) {
        for &(x, k) in contexts {
            m[x as usize * classes + c as usize] += k;
        }
        total[c as usize] += count;
    }
    let mut gain = vec![0f64; classes];
    for iteration in 0..iterations {
        let mut moved = 0;
        for ((word_class, contexts), &cw) in class.iter_mut().zip(&v.contexts_of).zip(&v.counts) {
            let from = *word_class as usize;
            for &(x, k) in contexts {
                m[x as usize * classes + from] -= k;
            }
            total[from] -= cw;
            gain.iter_mut().for_each(|g| *g = 0.0);
            for &(x, k) in contexts {
                let row = &m[x as usize * classes..(x as usize + 1) * classes];
                for (g, &r) in gain.iter_mut().zip(row) {
                    *g += f.at(r + k) - f.at(r);
                }
            }
            let mut best = from;
            let mut best_gain = f64::NEG_INFINITY;
            for c in 0..classes {
                let g = gain[c] - 2.0 * (f.at(total[c] + cw) - f.at(total[c]));
                if g > best_gain + 1e-9 || (c == from && g >= best_gain - 1e-9) {
                    best_gain = g;
                    best = c;
                }
            }
            for &(x, k) in contexts {
                m[x as usize * classes + best] += k;
            }
            total[best] += cw;
            if best != from {
                *word_class = best as u32;
                moved += 1;
            }
        }
        eprintln!(
            "{classes} classes, iteration {}: {moved} words moved",
            iteration + 1
        );
        if moved * 1000 < n {
            break;
        }
    }
    class
}

fn main() {
    let o = options();
    let bodies = texts(&o.shared);
    assert!(!bodies.is_empty(), "no text under {}", o.shared.display());
    let v = vocabulary(&bodies, o.min_count, 30_000);
    let f = XLogX::new(1 << 20);
    let runs: Vec<Vec<u32>> = o
        .classes
        .iter()
        .map(|&c| exchange(&v, c, o.iterations, &f))
        .collect();
    let mut out = String::from(
        "# Word clusters for the name tagger: word, then its class at each granularity (",
    );
    out.push_str(
        &o.classes
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join(", "),
    );
    out.push_str(" classes).\n# Built by `cargo run --release --features train --example ner_clusters`; see its header.\n");
    let mut written = 0;
    for (w, word) in v.words.iter().enumerate() {
        // Only words: the tagger looks clusters up for word tokens.
        if !word.chars().next().is_some_and(char::is_alphabetic) {
            continue;
        }
        out.push_str(word);
        for run in &runs {
            out.push('\t');
            out.push_str(&run[w].to_string());
        }
        out.push('\n');
        written += 1;
    }
    std::fs::write(&o.out, out).unwrap_or_else(|e| panic!("{}: {e}", o.out.display()));
    eprintln!("wrote {} ({written} words)", o.out.display());
}

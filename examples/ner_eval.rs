//! Entity-level evaluation of `recognize` on an IOB2 file, plus a throughput measurement.
//!
//! Usage: `cargo run --release --example ner_eval -- FILE.iob2|FILE.jsonl [--errors] [--no-bench]`,
//! `... -- --show TEXTFILE...` (the entities of a file), `... -- --explain TEXTFILE...` (what
//! each pass after the tagger changed) or `... -- --sample` (named precision and recall on the
//! sample articles against `examples/data/sample_names.tsv`).
//! Prints exact-span precision/recall/F1 for PER/ORG/LOC (mapped from Person/Org/Place; other
//! predicted kinds are ignored), then MB/s of `recognize` over the seed articles and ECB+ files.
//! `FILE.iob2` is a Universal NER file, scored sentence by sentence and as whole documents;
//! `FILE.jsonl` is the hand-labelled news set (`examples/data/ner_news_gold.jsonl`), scored per
//! split as whole articles.

#[path = "common/mod.rs"]
mod common;
use common::{
    Counts, GoldDoc, Span, count, gold_docs, news_gold_docs, parse, print_counts, print_errors,
};
use crossread::entities::{EntityKind, recognize};
use std::time::Instant;

fn label(k: EntityKind) -> Option<&'static str> {
    match k {
        EntityKind::Person => Some("PER"),
        EntityKind::Org => Some("ORG"),
        EntityKind::Place => Some("LOC"),
        _ => None,
    }
}

fn predicted(text: &str) -> Vec<Span> {
    recognize(text, None)
        .into_iter()
        .filter_map(|e| label(e.kind).map(|l| (l.to_string(), e.start, e.end)))
        .collect()
}

fn score(name: &str, docs: &[GoldDoc], show_errors: bool) {
    let mut counts = Counts::new();
    for d in docs {
        let pred = predicted(&d.body);
        count(&d.gold, &pred, &mut counts);
        if show_errors {
            print_errors(&d.body, &d.gold, &pred);
        }
    }
    print_counts(&format!("{name}: {} documents", docs.len()), &counts);
}

/// A Universal NER IOB2 file: each sentence alone, and (where the file has documents) each
/// document's sentences as the lines of one body.
fn evaluate_iob2(path: &str, show_errors: bool) {
    let sentences = parse(path);
    score(
        &format!("{path} [sentence by sentence]"),
        &gold_docs(&sentences, false),
        show_errors,
    );
    if sentences.iter().any(|s| s.doc != 0) {
        score(
            &format!("{path} [whole documents]"),
            &gold_docs(&sentences, true),
            false,
        );
    }
}

/// The hand-labelled news set (`examples/data/ner_news_gold.jsonl`), per split, as whole
/// articles (what `crossread add` sees, so article-wide consistency counts).
fn evaluate_news(path: &str, show_errors: bool) {
    for split in ["dev", "test"] {
        score(
            &format!("{path} [{split}, whole articles]"),
            &news_gold_docs(path, split),
            show_errors && split == "dev",
        );
    }
}

/// Named precision and recall on the five sample articles (`assets/corpus`) against the names
/// listed in `examples/data/sample_names.tsv`: a predicted person, organisation, place or
/// product counts when its span is exactly a listed occurrence (whatever its kind), and the
/// kind is reported apart.
fn evaluate_sample() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let list = std::fs::read_to_string(root.join("examples/data/sample_names.tsv"))
        .expect("examples/data/sample_names.tsv");
    let mut forms: Vec<(&str, &str)> = list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .collect();
    forms.sort_by_key(|f| std::cmp::Reverse(f.1.len()));
    let mut paths: Vec<_> = std::fs::read_dir(root.join("assets/corpus"))
        .expect("assets/corpus")
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    let (mut tp, mut fp, mut fn_, mut kind_ok) = (0, 0, 0, 0);
    for path in paths {
        let body = std::fs::read_to_string(&path).expect("read");
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
        let mut taken = vec![false; body.len()];
        let mut gold: Vec<(usize, usize, &str)> = Vec::new();
        for (kind, text) in &forms {
            for (at, _) in body.match_indices(text) {
                let end = at + text.len();
                if word(body[..at].chars().next_back())
                    || word(body[end..].chars().next())
                    || taken[at..end].iter().any(|&t| t)
                {
                    continue;
                }
                taken[at..end].iter_mut().for_each(|t| *t = true);
                gold.push((at, end, kind));
            }
        }
        let names: Vec<_> = recognize(&body, None)
            .into_iter()
            .filter(|e| {
                matches!(
                    e.kind,
                    EntityKind::Person | EntityKind::Org | EntityKind::Place | EntityKind::Product
                )
            })
            .collect();
        for e in &names {
            match gold.iter().find(|g| g.0 == e.start && g.1 == e.end) {
                Some(g) => {
                    tp += 1;
                    kind_ok += (e.kind.label() == g.2) as usize;
                }
                None => {
                    fp += 1;
                    println!("FP {:?} {:?}", e.kind, e.text);
                }
            }
        }
        for g in &gold {
            if !names.iter().any(|e| e.start == g.0 && e.end == g.1) {
                fn_ += 1;
                println!("FN {} {:?}", g.2, &body[g.0..g.1]);
            }
        }
    }
    let (p, r, f) = common::prf(tp, fp, fn_);
    println!(
        "sample corpus names: P {p:.3} R {r:.3} F1 {f:.3} (tp {tp}, fp {fp}, fn {fn_}); kind right on {kind_ok} of {tp}"
    );
}

/// CPU time of this thread in seconds (Linux schedstat), if available: on a shared machine it is
/// a fairer measure than wall time.
fn thread_cpu_secs() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn throughput() {
    let mut docs: Vec<String> = Vec::new();
    let mut dirs = vec!["/work/shared/corpus/seeds".to_string()];
    if let Ok(rd) = std::fs::read_dir("/work/shared/corpus/ecbplus/corpus") {
        for d in rd.flatten() {
            dirs.push(d.path().display().to_string());
        }
    }
    for d in dirs {
        if let Ok(rd) = std::fs::read_dir(&d) {
            for f in rd.flatten() {
                let p = f.path();
                if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md"))
                    && let Ok(s) = std::fs::read_to_string(&p)
                {
                    docs.push(s);
                }
            }
        }
    }
    let one: usize = docs.iter().map(|d| d.len()).sum();
    if one == 0 {
        println!("throughput: no corpus found");
        return;
    }
    let _ = recognize("warm up the gazetteers", None);
    let reps = (20_000_000 / one).max(1);
    let t0 = Instant::now();
    let c0 = thread_cpu_secs();
    let mut n_ent = 0usize;
    for _ in 0..reps {
        for d in &docs {
            n_ent += recognize(d, Some("2026-01-30")).len();
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let cpu = c0.and_then(|c0| thread_cpu_secs().map(|c1| c1 - c0));
    let mb = (one * reps) as f64 / 1e6;
    println!(
        "throughput: {:.1} MB in {:.2}s wall = {:.1} MB/s wall{} ({} docs x {reps}, {} entities)",
        mb,
        secs,
        mb / secs,
        cpu.map(|c| format!(", {:.1} MB/s per CPU-second", mb / c))
            .unwrap_or_default(),
        docs.len(),
        n_ent
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(pos) = args.iter().position(|a| a == "--explain") {
        for f in &args[pos + 1..] {
            let body = std::fs::read_to_string(f).expect("read");
            for c in crossread::entities::explain(&body) {
                println!(
                    "{:<13} {:<40} {:>6}..{:<6} {:?} -> {:?}",
                    c.pass,
                    format!("{:?}", c.text),
                    c.start,
                    c.end,
                    c.before,
                    c.after
                );
            }
        }
        return;
    }
    if let Some(pos) = args.iter().position(|a| a == "--show") {
        for f in &args[pos + 1..] {
            let body = std::fs::read_to_string(f).expect("read");
            for e in recognize(&body, Some("2026-01-30")) {
                println!(
                    "{:<9} {:<40} v={:?} u={:?} q={:?} n={:?}",
                    format!("{:?}", e.kind),
                    format!("{:?}", e.text),
                    e.value,
                    e.unit,
                    e.qualifier,
                    e.normalized
                );
            }
        }
        return;
    }
    if args.iter().any(|a| a == "--sample") {
        evaluate_sample();
        return;
    }
    let errors = args.iter().any(|a| a == "--errors");
    let mut any = false;
    for a in args.iter().filter(|a| !a.starts_with("--")) {
        if a.ends_with(".jsonl") {
            evaluate_news(a, errors);
        } else {
            evaluate_iob2(a, errors);
        }
        any = true;
    }
    if !any {
        eprintln!(
            "usage: ner_eval FILE.iob2|FILE.jsonl [--errors] [--no-bench] | --show TEXTFILE... | --explain TEXTFILE..."
        );
    }
    if !args.iter().any(|a| a == "--no-bench") {
        throughput();
    }
}

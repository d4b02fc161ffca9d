//! Entity-level evaluation of `recognize` on an IOB2 file, plus a throughput measurement.
//!
//! Usage: `cargo run --release --example ner_eval -- FILE.iob2|FILE.jsonl [--errors] [--no-bench]
//! [--show TEXTFILE...]`
//! Prints exact-span precision/recall/F1 for PER/ORG/LOC (mapped from Person/Org/Place; other
//! predicted kinds are ignored), then MB/s of `recognize` over the seed articles and ECB+ files.
//! `FILE.iob2` is a Universal NER file; `FILE.jsonl` is the hand-labelled news set
//! (`examples/data/ner_news_gold.jsonl`), scored per split, sentence by sentence and as whole
//! articles.

#[path = "common/mod.rs"]
mod common;
use common::{Span, parse};
use crossread::entities::{EntityKind, recognize};
use std::collections::{BTreeMap, HashSet};
use std::time::Instant;

fn label(k: EntityKind) -> Option<&'static str> {
    match k {
        EntityKind::Person => Some("PER"),
        EntityKind::Org => Some("ORG"),
        EntityKind::Place => Some("LOC"),
        _ => None,
    }
}

fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp == 0 {
        0.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let r = if tp + fn_ == 0 {
        0.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// One scored sentence: its text, gold spans and predicted spans.
struct Scored {
    text: String,
    gold: Vec<Span>,
    pred: Vec<Span>,
}

fn predicted(text: &str) -> Vec<Span> {
    recognize(text, None)
        .into_iter()
        .filter_map(|e| label(e.kind).map(|l| (l.to_string(), e.start, e.end)))
        .collect()
}

fn report(name: &str, items: &[Scored], show_errors: bool) {
    let mut counts: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for ty in ["PER", "ORG", "LOC"] {
        counts.insert(ty.to_string(), (0, 0, 0));
    }
    for s in items {
        let pred: HashSet<&Span> = s.pred.iter().collect();
        let gold: HashSet<&Span> = s.gold.iter().collect();
        for p in &pred {
            let c = counts.entry(p.0.clone()).or_default();
            if gold.contains(p) {
                c.0 += 1;
            } else {
                c.1 += 1;
                if show_errors {
                    println!("FP {} {:?}\t| {}", p.0, &s.text[p.1..p.2], s.text);
                }
            }
        }
        for g in &gold {
            if !pred.contains(g) {
                counts.entry(g.0.clone()).or_default().2 += 1;
                if show_errors {
                    println!("FN {} {:?}\t| {}", g.0, &s.text[g.1..g.2], s.text);
                }
            }
        }
    }
    println!("{name}: {} sentences", items.len());
    println!(
        "{:<8}{:>8}{:>8}{:>8}{:>7}{:>7}{:>7}",
        "type", "P", "R", "F1", "tp", "fp", "fn"
    );
    let (mut t, mut f, mut n) = (0, 0, 0);
    for (ty, &(tp, fp, fn_)) in &counts {
        let (p, r, f1) = prf(tp, fp, fn_);
        println!("{ty:<8}{p:>8.3}{r:>8.3}{f1:>8.3}{tp:>7}{fp:>7}{fn_:>7}");
        t += tp;
        f += fp;
        n += fn_;
    }
    let (p, r, f1) = prf(t, f, n);
    println!(
        "{:<8}{p:>8.3}{r:>8.3}{f1:>8.3}{t:>7}{f:>7}{n:>7}",
        "overall"
    );
}

/// A Universal NER IOB2 file, one sentence at a time.
fn evaluate_iob2(path: &str, show_errors: bool) {
    let items: Vec<Scored> = parse(path)
        .into_iter()
        .map(|s| Scored {
            pred: predicted(&s.text),
            text: s.text,
            gold: s.gold,
        })
        .collect();
    report(path, &items, show_errors);
}

/// One article of the news set: its id and its sentences with their gold spans, in order.
type GoldArticle = (String, Vec<(String, Vec<Span>)>);

/// A hand-labelled news file (`examples/data/ner_news_gold.jsonl`: one sentence a line with
/// `split`, `doc`, `text` and byte-offset `entities`). Scored twice per split: each sentence
/// alone, and each article's sentences as one body (what `crossread add` sees, so consistency
/// across the article counts).
fn evaluate_news(path: &str, show_errors: bool) {
    let data = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut splits: BTreeMap<String, Vec<GoldArticle>> = BTreeMap::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("json line");
        let text = v["text"].as_str().expect("text").to_string();
        let gold: Vec<Span> = v["entities"]
            .as_array()
            .expect("entities")
            .iter()
            .map(|e| {
                (
                    e["type"].as_str().expect("type").to_string(),
                    e["start"].as_u64().expect("start") as usize,
                    e["end"].as_u64().expect("end") as usize,
                )
            })
            .collect();
        let docs = splits
            .entry(v["split"].as_str().expect("split").to_string())
            .or_default();
        let doc = v["doc"].as_str().expect("doc");
        if docs.last().is_none_or(|d| d.0 != doc) {
            docs.push((doc.to_string(), Vec::new()));
        }
        docs.last_mut().expect("doc").1.push((text, gold));
    }
    for (split, docs) in &splits {
        let alone: Vec<Scored> = docs
            .iter()
            .flat_map(|d| &d.1)
            .map(|(text, gold)| Scored {
                text: text.clone(),
                gold: gold.clone(),
                pred: predicted(text),
            })
            .collect();
        report(
            &format!("{path} [{split}, sentence by sentence]"),
            &alone,
            false,
        );
        let mut whole = Vec::new();
        for (_, sentences) in docs {
            let body = sentences
                .iter()
                .map(|s| s.0.as_str())
                .collect::<Vec<_>>()
                .join("\n\n");
            let pred = predicted(&body);
            let mut offset = 0;
            for (text, gold) in sentences {
                let end = offset + text.len();
                whole.push(Scored {
                    text: text.clone(),
                    gold: gold.clone(),
                    pred: pred
                        .iter()
                        .filter(|p| p.1 >= offset && p.2 <= end)
                        .map(|p| (p.0.clone(), p.1 - offset, p.2 - offset))
                        .collect(),
                });
                offset = end + 2;
            }
        }
        report(
            &format!("{path} [{split}, whole articles]"),
            &whole,
            show_errors,
        );
    }
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
        eprintln!("usage: ner_eval FILE.iob2 [--errors] | --show TEXTFILE...");
    }
    if !args.iter().any(|a| a == "--no-bench") {
        throughput();
    }
}

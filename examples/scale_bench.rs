//! Whole-process measurements for the scale benchmark (`benches/scale.sh` runs them all).
//!
//! Each mode is one process, so that peak memory (VmHWM) belongs to one activity:
//!
//! - `add CORPUS LIBRARY`: `crossread add` of CORPUS/articles into a new library, as the CLI
//!   does it, with phase times, peak memory and the library's size on disk;
//! - `bare CORPUS INDEX_DIR`: the same files read and indexed by tantivy alone (title and body,
//!   default tokenizer, stored), with no analysis: the yardstick for `add`;
//! - `score CORPUS LIBRARY`: the library's claim links against the generator's `truth.jsonl`
//!   (pairwise precision and recall, and stance accuracy on the correct links);
//! - `search LIBRARY`: latency of a fixed query set (p50/p99 over several rounds);
//! - `pty LIBRARY`: the real binary in a pseudo-terminal: time to first frame, time until the
//!   article list is drawn, and per-key redraw time (key written to output settled).
//!
//! - `table RESULTS N...`: the Markdown table of the JSON files `benches/scale.sh` wrote.
//!
//! Every other mode prints one JSON object on stdout.

#[path = "common/mod.rs"]
mod common;
use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crossread::Library;
use crossread::library::Layout;
use serde_json::json;

fn size_on_disk_mb(path: &Path) -> f64 {
    fn walk(path: &Path) -> u64 {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => std::fs::read_dir(path)
                .map(|entries| entries.flatten().map(|e| walk(&e.path())).sum())
                .unwrap_or(0),
            Ok(m) => m.len(),
            Err(_) => 0,
        }
    }
    walk(path) as f64 / 1e6
}

fn percentile_ms(samples: &mut [Duration], p: f64) -> f64 {
    common::percentile(samples, p).as_secs_f64() * 1000.0
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Adds the corpus in two steps, as a library grows: every folder but the last in one
/// `add` (the bulk), then the last folder of 1,000 articles (the incremental add a daily fetch
/// makes, linked against everything already there).
fn add(corpus: &Path, library_dir: &Path) {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(corpus.join("articles"))
        .expect("corpus articles")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    let last = if folders.len() > 1 {
        folders.pop()
    } else {
        None
    };
    let started = Instant::now();
    let mut library = Library::open(library_dir).expect("open library");
    let report = library.add(&folders, &mut |_| {}).expect("add");
    let mut failed = report.count(crossread::library::AddStatus::Failed);
    let mut timings = report.timings;
    let bulk_peak_mb = common::status_mb("VmHWM");
    let mut incremental = serde_json::Value::Null;
    if let Some(last) = last {
        // In its own process, so that its peak memory is its own.
        drop(library);
        let output = std::process::Command::new(std::env::current_exe().expect("own path"))
            .arg("add-more")
            .arg(&last)
            .arg(library_dir)
            .output()
            .expect("run add-more");
        assert!(output.status.success(), "{output:?}");
        incremental = serde_json::from_slice(&output.stdout).expect("add-more JSON");
        failed += incremental["failed"].as_u64().unwrap_or(0) as usize;
        let phase = |name: &str| Duration::from_secs_f64(incremental[name].as_f64().unwrap_or(0.0));
        timings += crossread::library::AddTimings {
            ingest: phase("ingest_s"),
            read: phase("read_s"),
            analysis: phase("analysis_s"),
            commit: phase("commit_s"),
            link: phase("link_s"),
            save: phase("save_s"),
        };
    }
    let library = Library::open(library_dir).expect("open library");
    let wall = started.elapsed().as_secs_f64();
    let input_mb = size_on_disk_mb(&corpus.join("articles"));
    // The bulk add's peak, before the links are read back for the count below.
    let peak_mb = bulk_peak_mb;
    let links = library.links().expect("links");
    println!(
        "{}",
        json!({
            "articles": library.len(),
            "input_mb": input_mb,
            "wall_s": wall,
            "ingest_s": timings.ingest.as_secs_f64(),
            "read_s": timings.read.as_secs_f64(),
            "analysis_s": timings.analysis.as_secs_f64(),
            "commit_s": timings.commit.as_secs_f64(),
            "link_s": timings.link.as_secs_f64(),
            "save_s": timings.save.as_secs_f64(),
            "incremental": incremental,
            "peak_mb": peak_mb,
            "peak_with_links_read_mb": common::status_mb("VmHWM"),
            "library_mb": size_on_disk_mb(library_dir),
            "index_mb": size_on_disk_mb(&library_dir.join("index")),
            "links_mb": size_on_disk_mb(&Layout::new(library_dir).links()),
            "links": links.links.len(),
            "failed": failed,
        })
    );
}

/// The daily case: one more folder added to a library that exists, in a fresh process.
fn add_more(folder: &Path, library_dir: &Path) {
    let mut library = Library::open(library_dir).expect("open library");
    let before = library.len();
    let clock = Instant::now();
    let report = library
        .add(&[folder.to_path_buf()], &mut |_| {})
        .expect("add");
    println!(
        "{}",
        json!({
            "articles": library.len() - before,
            "library_articles": before,
            "wall_s": clock.elapsed().as_secs_f64(),
            "ingest_s": report.timings.ingest.as_secs_f64(),
            "read_s": report.timings.read.as_secs_f64(),
            "analysis_s": report.timings.analysis.as_secs_f64(),
            "commit_s": report.timings.commit.as_secs_f64(),
            "link_s": report.timings.link.as_secs_f64(),
            "save_s": report.timings.save.as_secs_f64(),
            "peak_mb": common::status_mb("VmHWM"),
            // After the add: heap, and index files mapped in (shared with the page cache).
            "anon_mb": common::status_mb("RssAnon"),
            "file_mb": common::status_mb("RssFile"),
            "failed": report.count(crossread::library::AddStatus::Failed),
        })
    );
}

fn bare(corpus: &Path, index_dir: &Path) {
    use tantivy::schema::{STORED, Schema, TEXT};
    let started = Instant::now();
    let mut builder = Schema::builder();
    let title = builder.add_text_field("title", TEXT | STORED);
    let body = builder.add_text_field("body", TEXT | STORED);
    let schema = builder.build();
    std::fs::create_dir_all(index_dir).unwrap();
    let index = tantivy::Index::create_in_dir(index_dir, schema).expect("create bare index");
    let mut writer: tantivy::IndexWriter = index.writer(128 * 1024 * 1024).unwrap();
    let mut count = 0usize;
    for path in files_under(&corpus.join("articles")) {
        let text = std::fs::read_to_string(&path).unwrap();
        let (head, text) = text.split_once("\n---\n").unwrap_or(("", &text));
        let heading = head
            .lines()
            .find_map(|l| l.strip_prefix("title: "))
            .unwrap_or("")
            .trim_matches('"');
        writer
            .add_document(tantivy::doc!(title => heading, body => text))
            .unwrap();
        count += 1;
    }
    writer.commit().unwrap();
    writer.wait_merging_threads().unwrap();
    println!(
        "{}",
        json!({
            "articles": count,
            "wall_s": started.elapsed().as_secs_f64(),
            "peak_mb": common::status_mb("VmHWM"),
            "index_mb": size_on_disk_mb(index_dir),
        })
    );
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn score(corpus: &Path, library_dir: &Path) {
    // Truth: (file, sentence) -> (fact, figure).
    let truth_text = std::fs::read_to_string(corpus.join("truth.jsonl")).expect("truth.jsonl");
    let mut truth: HashMap<(String, String), (String, String)> = HashMap::new();
    let mut by_fact: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for line in truth_text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let key = (
            v["file"].as_str().unwrap().to_string(),
            norm(v["sentence"].as_str().unwrap()),
        );
        let fact = v["fact"].as_str().unwrap().to_string();
        let figure = v["figure"].as_str().unwrap().to_string();
        by_fact.entry(fact.clone()).or_default().push(key.clone());
        truth.insert(key, (fact, figure));
    }
    let mut gold_pairs = 0usize;
    for mentions in by_fact.values() {
        for (i, a) in mentions.iter().enumerate() {
            gold_pairs += mentions[i + 1..].iter().filter(|b| b.0 != a.0).count();
        }
    }
    let library = Library::open(library_dir).expect("open library");
    // The generator writes FOLDER/FILE under articles/; the truth names files that way.
    let file_of: HashMap<String, String> = library
        .list()
        .into_iter()
        .filter_map(|a| {
            let path = PathBuf::from(a.path?);
            let n = path.components().count();
            let rel: PathBuf = path.components().skip(n.saturating_sub(2)).collect();
            Some((a.id, rel.to_string_lossy().into_owned()))
        })
        .collect();
    let links = library.links().expect("links");
    let claims = crossread::library::links::ClaimIndex::new(links);
    let key_of = |m: &crossread::library::links::LinkedMention| -> Option<(String, String)> {
        Some((file_of.get(&m.key.article)?.clone(), norm(&m.text)))
    };
    let (mut right, mut wrong, mut untracked, mut stance_right) = (0usize, 0usize, 0usize, 0usize);
    let mut seen = HashSet::new();
    let mut wrong_examples: std::collections::BTreeMap<&str, Vec<serde_json::Value>> =
        Default::default();
    let mut wrong_kinds: std::collections::BTreeMap<&str, usize> = Default::default();
    // Every pair of mentions of different articles within one claim, as the reader shows them.
    for claim in &claims.claims {
        for (i, x) in claim.mentions.iter().enumerate() {
            for y in &claim.mentions[i + 1..] {
                if x.mention.key.article == y.mention.key.article {
                    continue;
                }
                let (Some(a), Some(b)) = (key_of(&x.mention), key_of(&y.mention)) else {
                    untracked += 1;
                    continue;
                };
                if !seen.insert((a.clone(), b.clone())) {
                    continue;
                }
                match (truth.get(&a), truth.get(&b)) {
                    (Some(fa), Some(fb)) if fa.0 == fb.0 => {
                        right += 1;
                        let conflict = fa.1 != fb.1;
                        let stance = claims.stance_between(x, y).0;
                        if conflict == (stance == crossread::claims::Stance::Conflict) {
                            stance_right += 1;
                        }
                    }
                    (ta, tb) => {
                        wrong += 1;
                        // Wrong pairs by kind: two planted claims of different facts (near
                        // misses), or a planted claim or filler grouped with filler.
                        let kind = match (ta, tb) {
                            (Some(_), Some(_)) => "different_facts",
                            (None, None) => "filler_pair",
                            _ => "claim_to_filler",
                        };
                        *wrong_kinds.entry(kind).or_insert(0usize) += 1;
                        let examples = wrong_examples.entry(kind).or_default();
                        if examples.len() < 4 && (a.1 != b.1) {
                            examples.push(json!([a.1, b.1]));
                        }
                    }
                }
            }
        }
    }
    let precision = right as f64 / (right + wrong).max(1) as f64;
    let recall = right as f64 / gold_pairs.max(1) as f64;
    println!(
        "{}",
        json!({
            "links": right + wrong,
            "right": right,
            "wrong": wrong,
            "unmapped": untracked,
            "gold_pairs": gold_pairs,
            "precision": precision,
            "recall": recall,
            "stance_accuracy": stance_right as f64 / right.max(1) as f64,
            "wrong_by_kind": wrong_kinds,
            "wrong_examples": wrong_examples,
        })
    );
}

/// Queries of the kinds people type: names, topics, phrases, figures, excluded words.
const QUERIES: &[&str] = &[
    "earthquake",
    "takeover",
    "investment talks",
    "\"chief executive\"",
    "jobs cut",
    "factory",
    "bail judge",
    "parliament act",
    "revenue quarter",
    "Lisbon",
    "Osaka earthquake",
    "Denver",
    "Maria Lindqvist",
    "Okafor",
    "Systems",
    "Bank",
    "fraud",
    "\"net profit\"",
    "stake percent",
    "valuation",
    "homes damaged",
    "death toll",
    "salary filing",
    "merger -rival",
    "headquarters",
    "restructuring plan",
    "pipeline",
    "wildfire",
    "billion",
    "2021",
    "title:deal",
    "source:\"Daily Ledger\"",
    "regulator review",
    "infrastructure investment",
    "union",
    "consolidation",
    "seismic",
    "vaccine clinic",
    "Kenya",
    "Spain",
];

fn search(library_dir: &Path) {
    let library = Library::open(library_dir).expect("open library");
    for q in QUERIES {
        library.search(q, 20).expect("search");
    }
    let mut samples = Vec::new();
    let mut hits = 0usize;
    for _ in 0..5 {
        for q in QUERIES {
            let t = Instant::now();
            let results = library.search(q, 20).expect("search");
            samples.push(t.elapsed());
            hits += results.hits.len();
        }
    }
    println!(
        "{}",
        json!({
            "queries": samples.len(),
            "hits": hits,
            "p50_ms": percentile_ms(&mut samples, 0.5),
            "p99_ms": percentile_ms(&mut samples, 0.99),
            "max_ms": percentile_ms(&mut samples, 1.0),
        })
    );
}

/// The real binary in a pseudo-terminal; the screen is followed by byte arrival.
fn pty(library_dir: &Path) {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let binary = std::env::var("CROSSREAD_BIN").unwrap_or_else(|_| {
        let exe = std::env::current_exe().unwrap();
        let release = exe.parent().unwrap().parent().unwrap();
        release.join("crossread").to_string_lossy().into_owned()
    });
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    // Warm the binary's pages first: the figure is the reader's start-up, not the disk's.
    let _ = std::process::Command::new(&binary)
        .arg("--version")
        .output();
    let mut command = CommandBuilder::new(&binary);
    command.env("CROSSREAD_LIBRARY", library_dir);
    command.env("TERM", "xterm-256color");
    command.env("XDG_CONFIG_HOME", library_dir.join("no-config"));
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(command).expect("start crossread");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let screen = Arc::new(Mutex::new((
        vt100::Parser::new(40, 120, 0),
        None::<Instant>,
    )));
    let sink = Arc::clone(&screen);
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            let mut guard = sink.lock().unwrap();
            guard.0.process(&buf[..n]);
            guard.1 = Some(Instant::now());
        }
    });
    let wait = |what: &dyn Fn(&str) -> bool, limit: u64| -> Option<Duration> {
        let deadline = Instant::now() + Duration::from_secs(limit);
        loop {
            {
                let guard = screen.lock().unwrap();
                if what(&guard.0.screen().contents()) {
                    return Some(started.elapsed());
                }
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
    };
    let first_frame = wait(&|s| !s.trim().is_empty(), 120).expect("reader drew nothing");
    let list_shown = wait(&|s| s.contains("articles"), 120).expect("no article list");
    // Keys are measured once the shared claims are loaded (the list shows ⇄ counts).
    let claims_shown = wait(&|s| s.contains('⇄'), 60);
    // Per key: from writing the key to the last output byte of its redraw (no output for
    // 30 ms after the last byte counts as settled).
    let mut press = |bytes: &[u8]| -> Duration {
        screen.lock().unwrap().1 = None;
        let sent = Instant::now();
        writer.write_all(bytes).unwrap();
        writer.flush().unwrap();
        let deadline = sent + Duration::from_secs(10);
        loop {
            std::thread::sleep(Duration::from_millis(1));
            let last = screen.lock().unwrap().1;
            match last {
                Some(t) if t.elapsed() > Duration::from_millis(30) => return t - sent,
                _ if Instant::now() > deadline => return Duration::from_secs(10),
                _ => {}
            }
        }
    };
    let mut list_keys = Vec::new();
    for _ in 0..40 {
        list_keys.push(press(b"j"));
    }
    press(b"\t");
    let mut article_keys = Vec::new();
    for _ in 0..40 {
        article_keys.push(press(b"j"));
    }
    let reader_peak_mb = child
        .process_id()
        .and_then(|pid| std::fs::read_to_string(format!("/proc/{pid}/status")).ok())
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0);
    press(b"q");
    let _ = child.wait();
    println!(
        "{}",
        json!({
            "first_frame_ms": first_frame.as_secs_f64() * 1000.0,
            "list_shown_ms": list_shown.as_secs_f64() * 1000.0,
            "claims_shown_ms": claims_shown.map(|d| d.as_secs_f64() * 1000.0),
            "list_key_p50_ms": percentile_ms(&mut list_keys, 0.5),
            "list_key_p99_ms": percentile_ms(&mut list_keys, 0.99),
            "article_key_p50_ms": percentile_ms(&mut article_keys, 0.5),
            "article_key_p99_ms": percentile_ms(&mut article_keys, 0.99),
            "reader_peak_mb": reader_peak_mb,
        })
    );
}

fn read_result(dir: &Path, name: &str) -> serde_json::Value {
    std::fs::read_to_string(dir.join(name))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(serde_json::Value::Null)
}

fn table(results: &Path, sizes: &[usize]) {
    let f = |v: &serde_json::Value, k: &str| v[k].as_f64().unwrap_or(f64::NAN);
    println!(
        "| articles | input MB | add s | of which linking s | last 1,000 added: s (linking s), peak | peak MB (bulk add) | library MB (index / links) | bare tantivy s | add / bare | links | precision | recall | stance right |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut previous: Option<(f64, f64, f64)> = None;
    let mut growth = Vec::new();
    for &n in sizes {
        let add = read_result(results, &format!("add-{n}.json"));
        let bare = read_result(results, &format!("bare-{n}.json"));
        let score = read_result(results, &format!("score-{n}.json"));
        println!(
            "| {n} | {:.0} | {:.1} | {:.1} | {} | {:.0} | {:.0} ({:.0} / {:.0}) | {:.1} | {:.0}x | {} | {:.3} | {:.3} | {:.3} |",
            f(&add, "input_mb"),
            f(&add, "wall_s"),
            f(&add, "link_s"),
            if add["incremental"].is_null() {
                "–".to_string()
            } else {
                format!(
                    "{:.1} ({:.1}), {:.0} MB",
                    f(&add["incremental"], "wall_s"),
                    f(&add["incremental"], "link_s"),
                    f(&add["incremental"], "peak_mb")
                )
            },
            f(&add, "peak_mb"),
            f(&add, "library_mb"),
            f(&add, "index_mb"),
            f(&add, "links_mb"),
            f(&bare, "wall_s"),
            f(&add, "wall_s") / f(&bare, "wall_s"),
            score["links"],
            f(&score, "precision"),
            f(&score, "recall"),
            f(&score, "stance_accuracy"),
        );
        let now = (n as f64, f(&add, "link_s"), f(&add, "wall_s"));
        if let Some((n0, link0, wall0)) = previous {
            let k = (now.0 / n0).ln();
            growth.push(format!(
                "{}→{n}: linking N^{:.2}, whole add N^{:.2}",
                n0 as usize,
                (now.1 / link0).ln() / k,
                (now.2 / wall0).ln() / k
            ));
        }
        previous = Some(now);
    }
    println!();
    println!("Growth between sizes: {}.", growth.join("; "));
    println!();
    println!(
        "| articles | add s: read (parallel) | analysis (parallel) | indexing hand-off | commits | linking | journals |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for &n in sizes {
        let add = read_result(results, &format!("add-{n}.json"));
        let (read, analysis, ingest) = (
            f(&add, "read_s"),
            f(&add, "analysis_s"),
            f(&add, "ingest_s"),
        );
        println!(
            "| {n} | {read:.1} | {analysis:.1} | {:.1} | {:.1} | {:.1} | {:.1} |",
            ingest - read - analysis,
            f(&add, "commit_s"),
            f(&add, "link_s"),
            f(&add, "save_s"),
        );
    }
    let Some(&largest) = sizes.last() else {
        return;
    };
    let search = read_result(results, &format!("search-{largest}.json"));
    let reader = read_result(results, &format!("reader-{largest}.json"));
    let pty = read_result(results, &format!("pty-{largest}.json"));
    println!();
    println!("| at {largest} articles | figure |");
    println!("|---|---:|");
    let ms2 =
        |v: &serde_json::Value, a: &str, b: &str| format!("{:.1} / {:.1} ms", f(v, a), f(v, b));
    let rows = [
        (
            "search p50 / p99 (40 queries × 5)",
            ms2(&search, "p50_ms", "p99_ms"),
        ),
        (
            "reader first frame (TestBackend, before the library is read)",
            format!("{:.1} ms", f(&reader, "first_frame_ms")),
        ),
        (
            "article list shown / shared claims loaded (background)",
            format!(
                "{:.0} / {:.0} ms",
                f(&reader, "list_shown_ms"),
                f(&reader, "claims_loaded_ms")
            ),
        ),
        (
            "key handled and redrawn on the UI thread, p99 of the worst key kind",
            format!("{:.1} ms", f(&reader, "key_p99_ms")),
        ),
        (
            "worker's answer to a key (article fetch, live search) p50 / p99",
            ms2(&reader, "worker_p50_ms", "worker_p99_ms"),
        ),
        (
            "real binary in a pty: first frame / list shown / claims shown",
            format!(
                "{:.0} / {:.0} / {:.0} ms",
                f(&pty, "first_frame_ms"),
                f(&pty, "list_shown_ms"),
                f(&pty, "claims_shown_ms")
            ),
        ),
        (
            "real binary: key to settled screen p50 / p99 (list)",
            ms2(&pty, "list_key_p50_ms", "list_key_p99_ms"),
        ),
        (
            "real binary: key to settled screen p50 / p99 (article)",
            ms2(&pty, "article_key_p50_ms", "article_key_p99_ms"),
        ),
        (
            "real binary: peak memory (VmHWM, claims loaded)",
            format!("{:.0} MB", f(&pty, "reader_peak_mb")),
        ),
    ];
    for (name, value) in rows {
        println!("| {name} | {value} |");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = |i: usize| PathBuf::from(args.get(i).expect("missing path argument"));
    match args.first().map(String::as_str) {
        Some("add") => add(&path(1), &path(2)),
        Some("add-more") => add_more(&path(1), &path(2)),
        Some("bare") => bare(&path(1), &path(2)),
        Some("score") => score(&path(1), &path(2)),
        Some("search") => search(&path(1)),
        Some("pty") => pty(&path(1)),
        Some("table") => table(
            &path(1),
            &args[2..]
                .iter()
                .map(|n| n.parse().expect("sizes are numbers"))
                .collect::<Vec<usize>>(),
        ),
        _ => {
            eprintln!(
                "usage: scale_bench add|bare|score CORPUS DIR | search|pty LIBRARY | table RESULTS N..."
            );
            std::process::exit(2);
        }
    }
}

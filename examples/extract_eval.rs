//! Evaluates `ingest::html::extract_article` on Mozilla Readability's test
//! pages (`shared/testdata/readability-pages`): each case folder holds
//! `source.html`, `expected.html` (the article Readability.js extracts) and
//! `expected-metadata.json`.
//!
//! Metrics: word-level F1 (multiset of lowercase alphanumeric tokens of our
//! paragraphs vs. the text of `expected.html` as dom_query formats it), averaged over all cases and
//! over the English news subset; metadata match rates (title, byline,
//! siteName, publishedTime; whitespace-normalised exact match, counted only
//! where the expected value is non-null); the 10 worst cases by F1.
//!
//! Run: `cargo run --release --example extract_eval -- ../shared/testdata/readability-pages`
//! (that folder, next to the repo, is also the default)
//! (set `EXTRACT_EVAL_VERBOSE=1` to list every metadata mismatch).

use crossread::ingest::html;
use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

/// English news / magazine cases, as listed in the fixture set's SOURCE.txt.
pub const ENGLISH_NEWS: &[&str] = &[
    "bbc-1",
    "cnn",
    "nytimes-1",
    "nytimes-2",
    "nytimes-3",
    "nytimes-4",
    "guardian-1",
    "wapo-1",
    "wapo-2",
    "telegraph",
    "yahoo-1",
    "yahoo-2",
    "yahoo-3",
    "seattletimes-1",
    "herald-sun-1",
    "salon-1",
    "msn",
    "buzzfeed-1",
    "breitbart",
    "aclu",
    "ars-1",
    "cnet",
    "engadget",
    "theverge",
    "citylab-1",
    "quanta-1",
    "tmz-1",
    "webmd-1",
    "webmd-2",
    "medicalnewstoday",
    "lwn-1",
    "wikia",
];

/// The URL Readability's own test harness gives every page.
pub const FAKE_URL: &str = "http://fakehost/test/page.html";

/// One extractor's output for one page, reduced to what is scored.
#[derive(Debug, Default, Clone)]
pub struct Prediction {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    pub published: Option<String>,
    pub text: String,
}

pub type Extractor<'a> = &'a dyn Fn(&str) -> Result<Prediction, String>;

fn tokens(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for tok in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        *counts.entry(tok.to_lowercase()).or_insert(0) += 1;
    }
    counts
}

/// Word-level F1 of `got` against `want` (multisets of tokens).
pub fn word_f1(got: &str, want: &str) -> f64 {
    let (g, w) = (tokens(got), tokens(want));
    let (ng, nw): (usize, usize) = (g.values().sum(), w.values().sum());
    if ng == 0 && nw == 0 {
        return 1.0;
    }
    let common: usize = g
        .iter()
        .map(|(t, c)| (*c).min(w.get(t).copied().unwrap_or(0)))
        .sum();
    if common == 0 {
        return 0.0;
    }
    let (p, r) = (common as f64 / ng as f64, common as f64 / nw as f64);
    2.0 * p * r / (p + r)
}

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Default)]
struct Rate {
    hit: usize,
    total: usize,
}

impl Rate {
    /// Counts one case; returns a description of the miss, if any.
    fn add(
        &mut self,
        expected: Option<&str>,
        got: Option<&str>,
        eq: impl Fn(&str, &str) -> bool,
    ) -> Option<String> {
        let expected = expected.map(norm).filter(|e| !e.is_empty())?;
        self.total += 1;
        if got.is_some_and(|g| eq(&expected, &norm(g))) {
            self.hit += 1;
            return None;
        }
        Some(format!("expected {expected:?}, got {got:?}"))
    }
}

impl std::fmt::Display for Rate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pct = if self.total == 0 {
            0.0
        } else {
            100.0 * self.hit as f64 / self.total as f64
        };
        write!(f, "{:>3}/{:<3} ({pct:5.1}%)", self.hit, self.total)
    }
}

/// Scores `extract` on every case folder in `dir` and prints the report.
pub fn evaluate(dir: &Path, label: &str, extract: Extractor) -> std::io::Result<()> {
    let mut cases: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("source.html").is_file() && p.join("expected.html").is_file())
        .collect();
    cases.sort();

    let (mut f1_all, mut f1_en) = (Vec::new(), Vec::new());
    let mut per_case = Vec::new();
    let (mut title, mut byline, mut site, mut published, mut pub_date) = Default::default();
    let mut failures = Vec::new();
    let mut elapsed = Duration::ZERO;
    let verbose = std::env::var_os("EXTRACT_EVAL_VERBOSE").is_some();
    for case in &cases {
        let name = case
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let source = String::from_utf8_lossy(&std::fs::read(case.join("source.html"))?).to_string();
        let expected_html = std::fs::read_to_string(case.join("expected.html"))?;
        // Reference text from dom_query's own formatter, independent of our
        // paragraph walker.
        let want_text = dom_query::Document::from(expected_html.as_str())
            .root()
            .formatted_text()
            .to_string();
        let meta: serde_json::Value = std::fs::read_to_string(case.join("expected-metadata.json"))
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default();
        let field = |k: &str| meta.get(k).and_then(|v| v.as_str()).map(str::to_string);

        let start = Instant::now();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract(&source)))
            .unwrap_or_else(|_| Err("PANIC".to_string()));
        elapsed += start.elapsed();
        let pred = result.unwrap_or_else(|e| {
            failures.push(format!("{name}: {e}"));
            Prediction::default()
        });

        let f1 = word_f1(&pred.text, &want_text);
        f1_all.push(f1);
        if ENGLISH_NEWS.contains(&name.as_str()) {
            f1_en.push(f1);
        }
        per_case.push((f1, name.clone()));
        let exact = |a: &str, b: &str| a == b;
        let same_day = |a: &str, b: &str| a.get(..10).is_some_and(|d| b.get(..10) == Some(d));
        let want_pub = field("publishedTime");
        let misses = [
            (
                "title",
                Rate::add(
                    &mut title,
                    field("title").as_deref(),
                    pred.title.as_deref(),
                    exact,
                ),
            ),
            (
                "byline",
                Rate::add(
                    &mut byline,
                    field("byline").as_deref(),
                    pred.byline.as_deref(),
                    exact,
                ),
            ),
            (
                "siteName",
                Rate::add(
                    &mut site,
                    field("siteName").as_deref(),
                    pred.site_name.as_deref(),
                    exact,
                ),
            ),
            (
                "publishedTime",
                Rate::add(
                    &mut published,
                    want_pub.as_deref(),
                    pred.published.as_deref(),
                    exact,
                ),
            ),
            (
                "published day",
                Rate::add(
                    &mut pub_date,
                    want_pub.as_deref(),
                    pred.published.as_deref(),
                    same_day,
                ),
            ),
        ];
        if verbose {
            for (what, miss) in misses {
                if let Some(miss) = miss {
                    println!("  {name}: {what}: {miss}");
                }
            }
        }
    }

    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    println!("== {label} ==");
    println!(
        "cases: {}  failures: {}  extraction time: {elapsed:.2?}",
        cases.len(),
        failures.len()
    );
    println!("mean word F1, all cases:        {:.4}", mean(&f1_all));
    println!(
        "mean word F1, English news ({}): {:.4}",
        f1_en.len(),
        mean(&f1_en)
    );
    println!("title          {title}");
    println!("byline         {byline}");
    println!("siteName       {site}");
    println!("publishedTime  {published}   same day: {pub_date}");
    per_case.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!("worst 10:");
    for (f1, name) in per_case.iter().take(10) {
        println!("  {f1:.3}  {name}");
    }
    for f in &failures {
        println!("  failed: {f}");
    }
    Ok(())
}

/// Our extractor: paragraphs joined by newlines.
pub fn crossread_extract(source: &str) -> Result<Prediction, String> {
    let page = html::extract_article(source, Some(FAKE_URL)).map_err(|e| e.to_string())?;
    Ok(Prediction {
        title: page.title,
        byline: page.byline,
        site_name: page.site_name,
        published: page.published,
        text: page.paragraphs.join("\n"),
    })
}

#[allow(dead_code)]
fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/testdata/readability-pages"
        )
        .to_string()
    });
    if !Path::new(&dir).is_dir() {
        eprintln!("usage: extract_eval <readability-pages dir>  ({dir} not found)");
        std::process::exit(2);
    }
    evaluate(
        Path::new(&dir),
        "crossread extract_article (dom_smoothie)",
        &crossread_extract,
    )
}

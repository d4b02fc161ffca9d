//! Helpers shared by the examples: the IOB2 reader of the entity evaluations, the ECB+ gold
//! pairs of the claim evaluations, and the latency percentiles and process memory figures of
//! the benchmarks. Included with `#[path = "common/mod.rs"] mod common;`; each example uses
//! part of it.
#![allow(dead_code)]

/// An entity span: type, byte start, byte end.
pub type Span = (String, usize, usize);

/// One sentence of an IOB2 file: its tokens joined by spaces, and the gold entity spans
/// (type, byte start, byte end) in that text. `doc` counts `# newdoc` lines.
pub struct Sentence {
    pub doc: usize,
    pub text: String,
    pub gold: Vec<Span>,
}

/// Reads a Universal NER IOB2 file (columns: index, token, tag).
pub fn parse(path: &str) -> Vec<Sentence> {
    let data = std::fs::read_to_string(path).expect("read iob2");
    let mut out = Vec::new();
    let mut text = String::new();
    let mut gold: Vec<Span> = Vec::new();
    let mut cur: Option<Span> = None;
    let mut doc = 0usize;
    let flush = |text: &mut String,
                 gold: &mut Vec<Span>,
                 cur: &mut Option<Span>,
                 out: &mut Vec<Sentence>,
                 doc: usize| {
        if let Some(c) = cur.take() {
            gold.push(c);
        }
        if !text.is_empty() {
            out.push(Sentence {
                doc,
                text: std::mem::take(text),
                gold: std::mem::take(gold),
            });
        }
    };
    for line in data.lines() {
        if line.starts_with("# newdoc") {
            flush(&mut text, &mut gold, &mut cur, &mut out, doc);
            doc += 1;
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut text, &mut gold, &mut cur, &mut out, doc);
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            continue;
        }
        let (tok, tag) = (cols[1], cols[2]);
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(tok);
        let end = text.len();
        if let Some(ty) = tag.strip_prefix("B-") {
            if let Some(c) = cur.take() {
                gold.push(c);
            }
            cur = Some((ty.to_string(), start, end));
        } else if let Some(ty) = tag.strip_prefix("I-") {
            match cur.as_mut() {
                Some(c) if c.0 == ty => c.2 = end,
                _ => {
                    if let Some(c) = cur.take() {
                        gold.push(c);
                    }
                    cur = Some((ty.to_string(), start, end));
                }
            }
        } else if let Some(c) = cur.take() {
            gold.push(c);
        }
    }
    flush(&mut text, &mut gold, &mut cur, &mut out, doc);
    out
}

/// A memory figure of this process from /proc/self/status in MB ("VmHWM" is the peak resident
/// size, "VmRSS" the current one); NaN where /proc is missing.
pub fn status_mb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field) && l[field.len()..].starts_with(':'))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

/// The `p` quantile (0.0 to 1.0) of a non-empty set of timings; sorts them.
pub fn percentile(samples: &mut [std::time::Duration], p: f64) -> std::time::Duration {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize]
}

/// An ECB+ sentence: document id, and the sentence with its whitespace normalised.
pub type EcbKey = (String, String);

/// Whitespace runs as single spaces, the form ECB+ sentences are compared in.
pub fn norm_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The lines of a JSON Lines file (blank lines skipped).
pub fn read_jsonl(path: &std::path::Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

/// A pair in a fixed order, so that (a, b) and (b, a) are one key.
pub fn ordered(a: EcbKey, b: EcbKey) -> (EcbKey, EcbKey) {
    if a <= b { (a, b) } else { (b, a) }
}

/// ECB+ dev gold from `dir` (`../shared/corpus/ecbplus`): the sentence pairs of different
/// documents that report the same event (each pair `ordered`), and the sentences whose
/// annotation is complete (`dev_selected.jsonl`).
pub fn ecbplus_gold(
    dir: &std::path::Path,
) -> (
    std::collections::HashSet<(EcbKey, EcbKey)>,
    std::collections::HashSet<EcbKey>,
) {
    let key = |v: &serde_json::Value, doc: &str, sentence: &str| -> EcbKey {
        (
            v[doc].as_str().expect("doc").to_string(),
            norm_space(v[sentence].as_str().expect("sentence")),
        )
    };
    let gold = read_jsonl(&dir.join("dev_pairs.jsonl"))
        .iter()
        .map(|p| (key(p, "doc_a", "sentence_a"), key(p, "doc_b", "sentence_b")))
        .filter(|(a, b)| a.0 != b.0)
        .map(|(a, b)| ordered(a, b))
        .collect();
    let selected = read_jsonl(&dir.join("dev_selected.jsonl"))
        .iter()
        .map(|s| key(s, "doc", "sentence"))
        .collect();
    (gold, selected)
}

//! Helpers shared by the examples: the IOB2 reader of the entity evaluations, and the
//! latency percentiles and process memory figures of the benchmarks. Included with `#[path = "common/mod.rs"] mod
//! common;`; each example uses part of it.
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

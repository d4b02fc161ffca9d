//! Helpers shared by the examples: the IOB2 reader and span scoring of the entity evaluations, the ECB+ gold
//! pairs of the claim evaluations, and the latency percentiles and process memory figures of
//! the benchmarks. Included with `#[path = "common/mod.rs"] mod common;`; each example uses
//! part of it.
#![allow(dead_code)]

/// An entity span: type, byte start, byte end.
pub type Span = (String, usize, usize);

/// One sentence of an IOB2 file: its tokens joined by spaces, and the gold entity spans
/// (type, byte start, byte end) in that text. `doc` counts `# newdoc` lines; `doc_id` is the
/// document's id where the file names it.
pub struct Sentence {
    pub doc: usize,
    pub doc_id: String,
    pub text: String,
    pub gold: Vec<Span>,
}

/// Reads a Universal NER IOB2 file (columns: index, token, tag).
pub fn parse(path: &str) -> Vec<Sentence> {
    let data = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out = Vec::new();
    let mut text = String::new();
    let mut gold: Vec<Span> = Vec::new();
    let mut cur: Option<Span> = None;
    let mut doc = 0usize;
    let mut doc_id = String::new();
    let flush = |text: &mut String,
                 gold: &mut Vec<Span>,
                 cur: &mut Option<Span>,
                 out: &mut Vec<Sentence>,
                 doc: usize,
                 doc_id: &str| {
        if let Some(c) = cur.take() {
            gold.push(c);
        }
        if !text.is_empty() {
            out.push(Sentence {
                doc,
                doc_id: doc_id.to_string(),
                text: std::mem::take(text),
                gold: std::mem::take(gold),
            });
        }
    };
    for line in data.lines() {
        if let Some(rest) = line.strip_prefix("# newdoc") {
            flush(&mut text, &mut gold, &mut cur, &mut out, doc, &doc_id);
            doc += 1;
            doc_id = rest
                .trim_start_matches([' ', 'i', 'd', '='])
                .trim()
                .to_string();
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut text, &mut gold, &mut cur, &mut out, doc, &doc_id);
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
    flush(&mut text, &mut gold, &mut cur, &mut out, doc, &doc_id);
    out
}

/// A document for entity evaluation: its sentences as lines of one body, and the gold
/// PER/ORG/LOC spans in it (other gold types, such as MISC, are dropped).
pub struct GoldDoc {
    pub id: String,
    pub body: String,
    pub gold: Vec<Span>,
}

/// The documents of IOB2 sentences: consecutive sentences of one `# newdoc`, or each sentence
/// alone when `whole_docs` is false or the file has no documents.
pub fn gold_docs(sentences: &[Sentence], whole_docs: bool) -> Vec<GoldDoc> {
    let mut out: Vec<GoldDoc> = Vec::new();
    let mut last_doc = usize::MAX;
    for s in sentences {
        let joins = whole_docs && s.doc == last_doc && s.doc != 0;
        last_doc = s.doc;
        if !joins {
            out.push(GoldDoc {
                id: s.doc_id.clone(),
                body: String::new(),
                gold: Vec::new(),
            });
        }
        let d = out.last_mut().expect("a document");
        if !d.body.is_empty() {
            d.body.push('\n');
        }
        let offset = d.body.len();
        d.body.push_str(&s.text);
        d.gold.extend(
            s.gold
                .iter()
                .filter(|g| matches!(g.0.as_str(), "PER" | "ORG" | "LOC"))
                .map(|g| (g.0.clone(), g.1 + offset, g.2 + offset)),
        );
    }
    out
}

/// True positives, false positives and false negatives per type.
pub type Counts = std::collections::BTreeMap<String, (usize, usize, usize)>;

/// Adds one document's exact-span matches to `counts`.
pub fn count(gold: &[Span], pred: &[Span], counts: &mut Counts) {
    for ty in ["PER", "ORG", "LOC"] {
        counts.entry(ty.to_string()).or_default();
    }
    for p in pred {
        let c = counts.entry(p.0.clone()).or_default();
        if gold.contains(p) {
            c.0 += 1;
        } else {
            c.1 += 1;
        }
    }
    for g in gold {
        if !pred.contains(g) {
            counts.entry(g.0.clone()).or_default().2 += 1;
        }
    }
}

/// Prints the false positives and false negatives of one document, each with its line.
pub fn print_errors(body: &str, gold: &[Span], pred: &[Span]) {
    let line = |at: usize| {
        let s = body[..at].rfind('\n').map_or(0, |k| k + 1);
        let e = body[at..].find('\n').map_or(body.len(), |k| at + k);
        &body[s..e]
    };
    for p in pred.iter().filter(|p| !gold.contains(p)) {
        println!("FP {} {:?}\t| {}", p.0, &body[p.1..p.2], line(p.1));
    }
    for g in gold.iter().filter(|g| !pred.contains(g)) {
        println!("FN {} {:?}\t| {}", g.0, &body[g.1..g.2], line(g.1));
    }
}

/// Precision, recall and F1 from counts.
pub fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
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

/// Summed counts over every type.
pub fn total(counts: &Counts) -> (usize, usize, usize) {
    counts
        .values()
        .fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2))
}

/// F1 over all types and for one type.
pub fn f1(counts: &Counts, ty: Option<&str>) -> f64 {
    let (tp, fp, fn_) = match ty {
        Some(t) => counts.get(t).copied().unwrap_or_default(),
        None => total(counts),
    };
    prf(tp, fp, fn_).2
}

/// Prints a P/R/F1 table.
pub fn print_counts(name: &str, counts: &Counts) {
    println!("{name}");
    println!(
        "{:<8}{:>8}{:>8}{:>8}{:>7}{:>7}{:>7}",
        "type", "P", "R", "F1", "tp", "fp", "fn"
    );
    for (ty, &(tp, fp, fn_)) in counts {
        let (p, r, f) = prf(tp, fp, fn_);
        println!("{ty:<8}{p:>8.3}{r:>8.3}{f:>8.3}{tp:>7}{fp:>7}{fn_:>7}");
    }
    let (tp, fp, fn_) = total(counts);
    let (p, r, f) = prf(tp, fp, fn_);
    println!(
        "{:<8}{p:>8.3}{r:>8.3}{f:>8.3}{tp:>7}{fp:>7}{fn_:>7}",
        "overall"
    );
}

/// The hand-labelled news set (`examples/data/ner_news_gold.jsonl`) as whole articles of one
/// split ("dev" or "test"): each article's sentences joined as lines of one body.
pub fn news_gold_docs(path: &str, split: &str) -> Vec<GoldDoc> {
    let mut out: Vec<GoldDoc> = Vec::new();
    for v in read_jsonl(std::path::Path::new(path)) {
        if v["split"].as_str() != Some(split) {
            continue;
        }
        let doc = v["doc"].as_str().expect("doc");
        if out.last().is_none_or(|d| d.id != doc) {
            out.push(GoldDoc {
                id: doc.to_string(),
                body: String::new(),
                gold: Vec::new(),
            });
        }
        let d = out.last_mut().expect("doc");
        if !d.body.is_empty() {
            d.body.push_str("\n\n");
        }
        let offset = d.body.len();
        d.body.push_str(v["text"].as_str().expect("text"));
        for e in v["entities"].as_array().expect("entities") {
            d.gold.push((
                e["type"].as_str().expect("type").to_string(),
                offset + e["start"].as_u64().expect("start") as usize,
                offset + e["end"].as_u64().expect("end") as usize,
            ));
        }
    }
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

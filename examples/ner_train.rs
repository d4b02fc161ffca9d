//! Train the name model (`src/entities/model.rs`) on an IOB2 file and write its weights.
//!
//! Usage: `cargo run --release --features train --example ner_train -- TRAIN.iob2 [--cv]
//! [--out assets/ner_model.bin]`
//!
//! Every span the rules propose in a sentence becomes one example, labelled with the gold type
//! when a gold PER/ORG/LOC span has exactly its bytes, OTHER when the rules called it a product,
//! and NONE otherwise. The model is a multinomial logistic regression over hashed features
//! trained by SGD with L2 regularisation. `--cv` prints 5-fold cross-validated exact-span F1
//! (folds by document) for the rules alone and for rules + model at several thresholds.

#[path = "common/mod.rs"]
mod common;
use common::{Sentence, Span, parse};
use crossread::entities::train::*;
use std::collections::{BTreeMap, HashMap};

struct Example {
    sent: usize,
    cand: TrainCand,
    label: usize,
}

fn class_of_tag(t: &str) -> Option<usize> {
    match t {
        "PER" => Some(C_PER),
        "ORG" => Some(C_ORG),
        "LOC" => Some(C_LOC),
        _ => None,
    }
}

struct Model {
    bits: u32,
    w: Vec<f32>,
}

impl Model {
    fn new(bits: u32) -> Model {
        Model {
            bits,
            w: vec![0.0; (1usize << bits) * CLASSES],
        }
    }
    fn idx(&self, f: u64) -> usize {
        (f & ((1u64 << self.bits) - 1)) as usize * CLASSES
    }
    fn probs(&self, feats: &[u64]) -> [f32; CLASSES] {
        let mut z = [0f32; CLASSES];
        for &f in feats {
            let o = self.idx(f);
            for (c, zc) in z.iter_mut().enumerate() {
                *zc += self.w[o + c];
            }
        }
        softmax(z)
    }
}

struct Params {
    epochs: usize,
    lr: f32,
    l2: f32,
}

/// SGD on the cross-entropy with L2 (applied lazily per touched feature), learning rate decaying
/// per epoch. Deterministic: examples are visited in a fixed pseudo-random order.
fn train(exs: &[&Example], p: &Params, bits: u32) -> Model {
    let mut m = Model::new(bits);
    let mut order: Vec<usize> = (0..exs.len()).collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for ep in 0..p.epochs {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        let lr = p.lr / (1.0 + ep as f32 * 0.5);
        for &i in &order {
            let ex = exs[i];
            let pr = m.probs(&ex.cand.feats);
            for &f in &ex.cand.feats {
                let o = m.idx(f);
                for (c, (w, &pc)) in m.w[o..o + CLASSES].iter_mut().zip(&pr).enumerate() {
                    let y = if c == ex.label { 1.0 } else { 0.0 };
                    *w -= lr * ((pc - y) + p.l2 * *w);
                }
            }
        }
    }
    m
}

/// tp, fp, fn per type (PER, ORG, LOC).
type Counts = BTreeMap<&'static str, (usize, usize, usize)>;

fn tag_of(k: crossread::entities::EntityKind) -> Option<&'static str> {
    use crossread::entities::EntityKind::*;
    match k {
        Person => Some("PER"),
        Org => Some("ORG"),
        Place => Some("LOC"),
        _ => None,
    }
}

fn score(sents: &[Sentence], preds: &HashMap<usize, Vec<Span>>, idx: &[usize], c: &mut Counts) {
    for &si in idx {
        let gold = &sents[si].gold;
        let empty = Vec::new();
        let pred = preds.get(&si).unwrap_or(&empty);
        for p in pred {
            let e = c.entry(tag_static(&p.0)).or_default();
            if gold.contains(p) {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
        for g in gold {
            if !pred.contains(g) {
                c.entry(tag_static(&g.0)).or_default().2 += 1;
            }
        }
    }
}

fn tag_static(t: &str) -> &'static str {
    match t {
        "PER" => "PER",
        "ORG" => "ORG",
        "LOC" => "LOC",
        _ => "OTHER",
    }
}

fn f1(tp: usize, fp: usize, fn_: usize) -> f64 {
    if tp == 0 {
        return 0.0;
    }
    2.0 * tp as f64 / (2 * tp + fp + fn_) as f64
}

fn report(name: &str, c: &Counts) {
    let mut line = format!("{name:<24}");
    let (mut t, mut f, mut n) = (0, 0, 0);
    for ty in ["PER", "ORG", "LOC"] {
        let &(tp, fp, fn_) = c.get(ty).unwrap_or(&(0, 0, 0));
        line += &format!(" {ty} {:.3}", f1(tp, fp, fn_));
        t += tp;
        f += fp;
        n += fn_;
    }
    line += &format!("  all {:.3} (tp {t} fp {f} fn {n})", f1(t, f, n));
    println!("{line}");
}

/// Predicted PER/ORG/LOC spans for the examples of the given sentences.
fn predict(
    exs: &[&Example],
    model: Option<&Model>,
    threshold: f32,
    drop: f32,
    mode: u8,
) -> HashMap<usize, Vec<Span>> {
    let mut out: HashMap<usize, Vec<Span>> = HashMap::new();
    for ex in exs {
        let Some(rule) = ex.cand.rule.kind else {
            continue;
        };
        let kind = match model {
            Some(m) if eligible(&ex.cand.rule, mode) => {
                combine(rule, &m.probs(&ex.cand.feats), threshold, drop)
            }
            _ => Some(rule),
        };
        if let Some(t) = kind.and_then(tag_of) {
            out.entry(ex.sent)
                .or_default()
                .push((t.to_string(), ex.cand.start, ex.cand.end));
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .expect("usage: ner_train TRAIN.iob2 [--cv] [--out FILE]");
    let out_path = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1).cloned())
        .unwrap_or_else(|| "assets/ner_model.bin".to_string());
    let get = |name: &str, d: f32| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(d)
    };
    let params = Params {
        epochs: get("--epochs", 5.0) as usize,
        lr: get("--lr", 0.05),
        l2: get("--l2", 1e-3),
    };
    let bits = get("--bits", BITS as f32) as u32;
    let sents = parse(path);
    let mut exs: Vec<Example> = Vec::new();
    for (si, s) in sents.iter().enumerate() {
        for cand in candidates(&s.text) {
            let gold = s
                .gold
                .iter()
                .find(|g| g.1 == cand.start && g.2 == cand.end)
                .and_then(|g| class_of_tag(&g.0));
            let label = match (gold, cand.rule.kind) {
                (Some(c), _) => c,
                (None, Some(k)) if class_of(k) == C_OTHER => C_OTHER,
                _ => C_NONE,
            };
            exs.push(Example {
                sent: si,
                cand,
                label,
            });
        }
    }
    let mut hist = [0usize; CLASSES];
    for e in &exs {
        hist[e.label] += 1;
    }
    println!(
        "{} sentences, {} candidates; labels PER/ORG/LOC/OTHER/NONE = {hist:?}",
        sents.len(),
        exs.len()
    );
    if args.iter().any(|a| a == "--cv") {
        let folds = 5;
        let fold_of = |si: usize| sents[si].doc.wrapping_mul(2_654_435_761) % folds;
        let thresholds = [0.4f32, 0.5, 0.6, 0.7, 0.8, 0.9];
        let modes = [0u8, 1, 2];
        let variants: Vec<(u8, f32, f32)> = modes
            .iter()
            .flat_map(|&m| {
                thresholds
                    .iter()
                    .flat_map(move |&t| [(m, t, t), (m, t, 2.0), (m, 2.0, t), (m, t, t + 0.1)])
            })
            .collect();
        let mut rules = Counts::new();
        let mut with: Vec<Counts> = vec![Counts::new(); variants.len()];
        for k in 0..folds {
            let tr: Vec<&Example> = exs.iter().filter(|e| fold_of(e.sent) != k).collect();
            let te: Vec<&Example> = exs.iter().filter(|e| fold_of(e.sent) == k).collect();
            let idx: Vec<usize> = (0..sents.len()).filter(|&si| fold_of(si) == k).collect();
            let m = train(&tr, &params, bits);
            score(&sents, &predict(&te, None, 1.0, 1.0, 0), &idx, &mut rules);
            for (vi, &(mode, t, d)) in variants.iter().enumerate() {
                let p = predict(&te, Some(&m), t, d, mode);
                score(&sents, &p, &idx, &mut with[vi]);
            }
        }
        report("rules alone", &rules);
        let shipped = variants
            .iter()
            .position(|&v| v == (MODE, THRESHOLD, DROP_THRESHOLD));
        if let Some(i) = shipped {
            report("rules+model (shipped)", &with[i]);
        }
        for (vi, (mode, t, d)) in variants.iter().enumerate() {
            report(&format!("mode {mode} type {t} drop {d}"), &with[vi]);
        }
    }
    if args.iter().any(|a| a == "--no-write") {
        return;
    }
    let all: Vec<&Example> = exs.iter().collect();
    let m = train(&all, &params, bits);
    let max = m.w.iter().fold(0f32, |a, &v| a.max(v.abs())).max(1e-6);
    let scale = max / 32767.0;
    let mut bytes = Vec::with_capacity(12 + m.w.len() * 2);
    bytes.extend_from_slice(b"NERM");
    bytes.extend_from_slice(&bits.to_le_bytes());
    bytes.extend_from_slice(&scale.to_le_bytes());
    for &v in &m.w {
        bytes.extend_from_slice(&((v / scale).round() as i16).to_le_bytes());
    }
    std::fs::write(&out_path, &bytes).expect("write model");
    let nz = m.w.iter().filter(|&&v| (v / scale).round() != 0.0).count();
    println!(
        "wrote {out_path}: {} bytes, {nz} nonzero weights, mode {MODE}, thresholds {THRESHOLD} / \
         {DROP_THRESHOLD}",
        bytes.len()
    );
}

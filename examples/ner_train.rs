//! Train the name tagger (`src/entities/tagger`) and measure it on sources it did not see.
//!
//! Usage: `cargo run --release --features train --example ner_train -- [--data DIR]
//! [--mix ewt,gum,wikigold,btc,wnut] [--bits N] [--epochs N] [--cv] [--errors]
//! [--errors-on SOURCE] [--skip-passes NAME,...] [--ablate] [--out FILE]`
//!
//! Training data: the IOB2 sets in `DIR` (default `../shared/corpus/ner`): `ewt` (UNER English
//! EWT train), `gum` (GUM, all splits), `wikigold`, `btc` (Broad Twitter Corpus), `wnut`
//! (WNUT-17). PER, ORG and LOC are learnt. MISC names (wikigold; WNUT-17's products and creative
//! works) are left open: their tokens' target tags are the best the model can give them under
//! the other gold tags, so the model learns neither that "Olympics" or "iPhone" is a name of one
//! of the three kinds nor that such capitalised words are not names. Each training document is
//! tagged as one body, so the article-level features see what they see at run time.
//!
//! The model is an averaged structured perceptron: for each window the tagger would decode, the
//! Viterbi path under the current weights is compared with the gold tags and the weights move
//! towards the gold features. Documents are visited in a seeded pseudo-random order, so a run is
//! deterministic.
//!
//! `--cv` measures the mix by leaving one source out: for every source, a model trained on the
//! mix without it is scored (whole documents, exact spans, PER/ORG/LOC) on that source's
//! evaluation set: GUM's Wikinews news documents, wikigold, UNER EWT **test**, BTC section G
//! (tweets of news outlets), WNUT-17 test. It prints each figure, their mean and spread, and the
//! full mix's scores on the team's ECB+ news gold (`examples/data/ner_news_gold.jsonl`, both
//! halves). `--ablate` also scores the held-out sources with each pass after the tagger left
//! out; `--skip-passes` leaves passes out of every score. `--errors` lists the false positives
//! and negatives on the ECB+ dev half, `--errors-on SOURCE` on a held-out source. `--out` writes
//! the model trained on the whole mix (the shipped one: `--out assets/ner_tagger.bin`).

#[path = "common/mod.rs"]
mod common;
use common::{Counts, GoldDoc, Span, count, f1, gold_docs, news_gold_docs, parse, print_counts};
use crossread::entities::EntityKind;
use crossread::entities::train::{
    Model, Sequence, TAGS, allowed, decode, pass_names, recognize_with, sequences,
};
use std::borrow::Cow;

/// One training source: its name, its training files, and its held-out evaluation set.
struct Source {
    name: &'static str,
    train: &'static [&'static str],
    eval: &'static [&'static str],
    /// Keep only evaluation documents whose id starts with this.
    eval_prefix: &'static str,
}

const SOURCES: &[Source] = &[
    Source {
        name: "ewt",
        train: &["uner-en-ewt-train/en_ewt-ud-train.iob2"],
        eval: &["uner-en-ewt/en_ewt-ud-test.iob2"],
        eval_prefix: "",
    },
    Source {
        name: "gum",
        train: &[
            "gum/gum-train.iob2",
            "gum/gum-dev.iob2",
            "gum/gum-test.iob2",
        ],
        eval: &[
            "gum/gum-train.iob2",
            "gum/gum-dev.iob2",
            "gum/gum-test.iob2",
        ],
        eval_prefix: "GUM_news",
    },
    Source {
        name: "wikigold",
        train: &["wikigold/wikigold.iob2"],
        eval: &["wikigold/wikigold.iob2"],
        eval_prefix: "",
    },
    Source {
        name: "btc",
        train: &[
            "btc/btc-a.iob2",
            "btc/btc-b.iob2",
            "btc/btc-e.iob2",
            "btc/btc-f.iob2",
            "btc/btc-g.iob2",
            "btc/btc-h.iob2",
        ],
        eval: &["btc/btc-g.iob2"],
        eval_prefix: "",
    },
    Source {
        name: "wnut",
        train: &[
            "wnut17/wnut17-train.iob2",
            "wnut17/wnut17-dev.iob2",
            "wnut17/wnut17-test.iob2",
        ],
        eval: &["wnut17/wnut17-test.iob2"],
        eval_prefix: "",
    },
];

struct Options {
    data: String,
    mix: Vec<String>,
    bits: u32,
    epochs: usize,
    cv: bool,
    errors: bool,
    errors_on: Option<String>,
    ablate: bool,
    skip: Vec<String>,
    out: Option<String>,
}

fn options() -> Options {
    let mut o = Options {
        data: "../shared/corpus/ner".into(),
        mix: ["ewt", "gum", "wikigold", "btc", "wnut"]
            .map(String::from)
            .to_vec(),
        bits: 19,
        epochs: 8,
        cv: false,
        errors: false,
        errors_on: None,
        ablate: false,
        skip: Vec::new(),
        out: None,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut k = 0;
    while k < args.len() {
        let value = || args.get(k + 1).cloned().unwrap_or_default();
        match args[k].as_str() {
            "--data" => o.data = value(),
            "--mix" => o.mix = value().split(',').map(String::from).collect(),
            "--bits" => o.bits = value().parse().expect("--bits N"),
            "--epochs" => o.epochs = value().parse().expect("--epochs N"),
            "--out" => o.out = Some(value()),
            "--errors-on" => {
                o.errors_on = Some(value());
                o.cv = true;
            }
            "--skip-passes" => o.skip = value().split(',').map(String::from).collect(),
            "--cv" | "--errors" | "--ablate" => {
                o.cv |= args[k] != "--errors";
                o.errors |= args[k] == "--errors";
                o.ablate |= args[k] == "--ablate";
                k += 1;
                continue;
            }
            other => panic!("unknown argument {other}"),
        }
        k += 2;
    }
    for m in &o.mix {
        assert!(SOURCES.iter().any(|s| s.name == m), "unknown source {m}");
    }
    o
}

fn kind_of(tag: &str) -> Option<EntityKind> {
    match tag {
        "PER" => Some(EntityKind::Person),
        "ORG" => Some(EntityKind::Org),
        "LOC" => Some(EntityKind::Place),
        _ => None,
    }
}

fn label(k: EntityKind) -> Option<&'static str> {
    match k {
        EntityKind::Person => Some("PER"),
        EntityKind::Org => Some("ORG"),
        EntityKind::Place => Some("LOC"),
        _ => None,
    }
}

fn read_docs(data: &str, files: &[&str], prefix: &str) -> Vec<GoldDoc> {
    let mut out = Vec::new();
    for f in files {
        let path = format!("{data}/{f}");
        if !std::path::Path::new(&path).exists() {
            eprintln!("missing {path}: skipped (the NER data lives in ../shared/corpus/ner)");
            continue;
        }
        out.extend(
            gold_docs(&parse(&path), true)
                .into_iter()
                .filter(|d| d.id.starts_with(prefix)),
        );
    }
    out
}

fn gold_names(d: &GoldDoc) -> Vec<(Option<EntityKind>, usize, usize)> {
    d.gold.iter().map(|g| (kind_of(&g.0), g.1, g.2)).collect()
}

/// Every `CAPS_EVERY`th training document is also trained on with its first line in capitals
/// (the training sets hardly hold any text in capitals; news headlines often are).
const CAPS_EVERY: usize = 4;

fn training_sequences(docs: &[&GoldDoc]) -> Vec<Sequence> {
    let mut out = Vec::new();
    for (k, d) in docs.iter().enumerate() {
        out.extend(sequences(&d.body, &gold_names(d)));
        if CAPS_EVERY > 0 && k % CAPS_EVERY == 0 {
            out.extend(sequences(&caps_headline(d).body, &gold_names(d)));
        }
    }
    out
}

/// The gold tag of a token inside a MISC name.
const UNKNOWN: u8 = u8::MAX;

/// Averaged structured perceptron; returns the encoded model.
fn train(seqs: &[&Sequence], bits: u32, epochs: usize) -> Vec<u8> {
    let buckets = 1usize << bits;
    let mask = (buckets - 1) as u64;
    let mut w = vec![0f32; buckets * TAGS];
    let mut acc = vec![0f32; buckets * TAGS];
    let mut tr = [[0f32; TAGS]; TAGS + 1];
    let mut tr_acc = [[0f32; TAGS]; TAGS + 1];
    let mut c = 1f32;
    let mut order: Vec<usize> = (0..seqs.len()).collect();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut emissions: Vec<[f32; TAGS]> = Vec::new();
    let mut pred = Vec::new();
    let mut target: Vec<u8> = Vec::new();
    for _ in 0..epochs {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &si in &order {
            let s = seqs[si];
            emissions.clear();
            for k in 0..s.gold.len() {
                let mut e = [0f32; TAGS];
                for &f in &s.features[s.starts[k] as usize..s.starts[k + 1] as usize] {
                    let row = (f & mask) as usize * TAGS;
                    for (t, x) in e.iter_mut().enumerate() {
                        *x += w[row + t];
                    }
                }
                emissions.push(e);
            }
            decode(&emissions, &tr, &mut pred);
            // The target: the gold tags, and where they are unknown (MISC), the best tags
            // the model can give them.
            target.clear();
            target.extend_from_slice(&s.gold);
            if s.gold.contains(&UNKNOWN) {
                let constrained: Vec<[f32; TAGS]> = emissions
                    .iter()
                    .zip(&s.gold)
                    .map(|(e, &g)| {
                        let mut c = *e;
                        if g != UNKNOWN {
                            for (t, x) in c.iter_mut().enumerate() {
                                if t != g as usize {
                                    *x = -1e9;
                                }
                            }
                        }
                        c
                    })
                    .collect();
                decode(&constrained, &tr, &mut target);
            }
            if pred != target {
                for k in 0..s.gold.len() {
                    let (g, p) = (target[k] as usize, pred[k] as usize);
                    if g != p {
                        for &f in &s.features[s.starts[k] as usize..s.starts[k + 1] as usize] {
                            let row = (f & mask) as usize * TAGS;
                            w[row + g] += 1.0;
                            acc[row + g] += c;
                            w[row + p] -= 1.0;
                            acc[row + p] -= c;
                        }
                    }
                    let gp = if k == 0 { TAGS } else { target[k - 1] as usize };
                    let pp = if k == 0 { TAGS } else { pred[k - 1] as usize };
                    if (gp, g) != (pp, p) {
                        tr[gp][g] += 1.0;
                        tr_acc[gp][g] += c;
                        tr[pp][p] -= 1.0;
                        tr_acc[pp][p] -= c;
                    }
                }
            }
            c += 1.0;
        }
    }
    for (x, a) in w.iter_mut().zip(&acc) {
        *x -= a / c;
    }
    for (row, arow) in tr.iter_mut().zip(&tr_acc) {
        for (x, a) in row.iter_mut().zip(arow) {
            *x -= a / c;
        }
    }
    // Transitions that decoding never allows stay impossible anyway; keep them finite.
    for (p, row) in tr.iter_mut().enumerate() {
        for (t, x) in row.iter_mut().enumerate() {
            let prev = (p < TAGS).then_some(p);
            if !allowed(prev, t) {
                *x = -1e4;
            }
        }
    }
    Model::encode(bits, &w, &tr)
}

fn evaluate(model: &Model, docs: &[GoldDoc], skip: &[&str], show_errors: bool) -> Counts {
    let mut counts = Counts::new();
    for d in docs {
        let pred: Vec<Span> = recognize_with(&d.body, None, model, skip)
            .into_iter()
            .filter_map(|e| Some((label(e.kind)?.to_string(), e.start, e.end)))
            .collect();
        count(&d.gold, &pred, &mut counts);
        if show_errors {
            common::print_errors(&d.body, &d.gold, &pred);
        }
    }
    counts
}

/// `d` with its first line in capitals (ASCII), as news headlines often are: the same byte
/// offsets, so the same gold spans.
fn caps_headline(d: &GoldDoc) -> GoldDoc {
    let end = d.body.find('\n').unwrap_or(d.body.len());
    GoldDoc {
        id: d.id.clone(),
        body: d.body[..end].to_ascii_uppercase() + &d.body[end..],
        gold: d.gold.clone(),
    }
}

fn model_of(bytes: Vec<u8>) -> Model {
    Model::from_bytes(Cow::Owned(bytes)).expect("a model we just encoded")
}

fn mean_spread(xs: &[f64]) -> (f64, f64) {
    let m = xs.iter().sum::<f64>() / xs.len().max(1) as f64;
    let v = xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / xs.len().max(1) as f64;
    (m, v.sqrt())
}

fn main() {
    let o = options();
    let skip: Vec<&str> = o.skip.iter().map(String::as_str).collect();
    let train_docs: Vec<(&str, Vec<GoldDoc>)> = o
        .mix
        .iter()
        .map(|m| {
            let s = SOURCES.iter().find(|s| s.name == m).expect("known source");
            (s.name, read_docs(&o.data, s.train, ""))
        })
        .collect();
    let seqs_of = |skip: Option<&str>| -> Vec<Sequence> {
        let docs: Vec<&GoldDoc> = train_docs
            .iter()
            .filter(|(n, _)| Some(*n) != skip)
            .flat_map(|(_, docs)| docs)
            .collect();
        training_sequences(&docs)
    };
    let train_all = |seqs: Vec<Sequence>| -> Vec<u8> {
        let refs: Vec<&Sequence> = seqs.iter().collect();
        train(&refs, o.bits, o.epochs)
    };
    if o.cv {
        // Variants of the passes to score: as configured, and with each pass left out.
        let mut variants: Vec<Vec<&str>> = vec![skip.clone()];
        if o.ablate {
            variants.extend(pass_names().into_iter().map(|p| vec![p]));
        }
        let mut f1s = vec![Vec::new(); variants.len()];
        let mut caps_f1s = Vec::new();
        let mut org = vec![Vec::new(); variants.len()];
        // Every source's evaluation set, so that mixes are compared on the same data.
        for s in SOURCES {
            let eval = read_docs(&o.data, s.eval, s.eval_prefix);
            let t0 = std::time::Instant::now();
            let model = model_of(train_all(seqs_of(Some(s.name))));
            let secs = t0.elapsed().as_secs_f64();
            for (v, skipped) in variants.iter().enumerate() {
                let counts = evaluate(
                    &model,
                    &eval,
                    skipped,
                    v == 0 && o.errors_on.as_deref() == Some(s.name),
                );
                if v == 0 {
                    print_counts(
                        &format!(
                            "held out {} ({} docs; trained on the rest in {secs:.0}s)",
                            s.name,
                            eval.len()
                        ),
                        &counts,
                    );
                }
                f1s[v].push(f1(&counts, None));
                if v == 0 {
                    let capsed: Vec<GoldDoc> = eval.iter().map(caps_headline).collect();
                    caps_f1s.push(f1(&evaluate(&model, &capsed, skipped, false), None));
                }
                org[v].push(f1(&counts, Some("ORG")));
            }
        }
        let (m, sd) = mean_spread(&caps_f1s);
        println!(
            "leave-one-source-out F1 with each document's first line in capitals: mean {m:.3}, spread (sd) {sd:.3} ({})",
            caps_f1s
                .iter()
                .map(|f| format!("{f:.3}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        for (v, skipped) in variants.iter().enumerate() {
            let (m, sd) = mean_spread(&f1s[v]);
            let (om, osd) = mean_spread(&org[v]);
            println!(
                "leave-one-source-out F1{}: mean {m:.3}, spread (sd) {sd:.3}; ORG F1 mean {om:.3} (sd {osd:.3})",
                if skipped.is_empty() {
                    String::new()
                } else {
                    format!(" without {}", skipped.join(","))
                }
            );
            println!(
                "per source: {}",
                SOURCES
                    .iter()
                    .map(|s| s.name)
                    .zip(&f1s[v])
                    .map(|(n, f)| format!("{n} {f:.3}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    let all = seqs_of(None);
    println!(
        "training on {} windows, {} tokens ({} of them in a name)",
        all.len(),
        all.iter().map(|s| s.gold.len()).sum::<usize>(),
        all.iter()
            .flat_map(|s| &s.gold)
            .filter(|&&g| g != 0 && g != UNKNOWN)
            .count()
    );
    let bytes = train_all(all);
    let model = model_of(bytes.clone());
    let news = "examples/data/ner_news_gold.jsonl";
    for split in ["dev", "test"] {
        let docs = news_gold_docs(news, split);
        let counts = evaluate(&model, &docs, &skip, o.errors && split == "dev");
        print_counts(
            &format!("full mix on the ECB+ news gold, {split} half (whole articles)"),
            &counts,
        );
        let capsed: Vec<GoldDoc> = docs.iter().map(caps_headline).collect();
        println!(
            "ECB+ {split}: F1 {:.3}, ORG F1 {:.3}; headline in capitals: F1 {:.3}",
            f1(&counts, None),
            f1(&counts, Some("ORG")),
            f1(&evaluate(&model, &capsed, &skip, false), None)
        );
    }
    if let Some(out) = &o.out {
        std::fs::write(out, &bytes).unwrap_or_else(|e| panic!("{out}: {e}"));
        println!("wrote {out} ({} bytes)", bytes.len());
    }
}

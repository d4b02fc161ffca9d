//! Why claim links are missed: the judge alone on ECB+ dev, with the rule that rejected each pair.
//!
//! `claims_eval` scores the whole pipeline (retrieval through the index, then the judge). This
//! tool takes retrieval out: it judges every pair of gold-selected sentences from different
//! articles of the same ECB+ topic with [`crossread::claims::explain`] and tallies, separately for
//! gold pairs and the rest, which rule said no. That shows which rule costs recall and what
//! loosening it would cost in precision.
//!
//! Run: `cargo run --release --example claims_explain -- ../shared/corpus/ecbplus [RULE|fp]`;
//! with a rule name (as printed, e.g. "no specific fact") it prints the gold pairs that rule
//! rejected, with `fp` the wrong pairs the judge accepted, with `unsigned` the gold-selected
//! sentences that get no claim signature. `CLAIMS_EXPLAIN_DUMP=FILE` also writes one line per
//! judged pair (topic, gold, verdict, then shared participants, places, event classes, term
//! cosine, shared context names, dates and terms, story similarity, score) for looking for a
//! better rule offline.
#[path = "common/mod.rs"]
mod common;
use common::{EcbKey as Key, ecbplus_gold, norm_space as norm, ordered};
use crossread::Library;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or("../shared/corpus/ecbplus".into()),
    );
    if !dir.join("dev_pairs.jsonl").is_file() {
        eprintln!(
            "claims_explain: {} has no dev_pairs.jsonl (needs ../shared/corpus/ecbplus)",
            dir.display()
        );
        std::process::exit(2);
    }
    let show: Option<String> = std::env::args().nth(2);
    let mut library = Library::temporary().unwrap();
    library.add(&[dir.join("corpus")], &mut |_| {}).unwrap();
    let (gold, selected) = ecbplus_gold(&dir);
    let mut by_topic: BTreeMap<String, Vec<(Key, crossread::claims::ClaimSignature)>> =
        BTreeMap::new();
    // Sentence document frequency of participant names, as the index gives it to the linker.
    let mut name_df: std::collections::HashMap<String, u64> = Default::default();
    let mut indexed_docs = 0u64;
    let mut no_sig = 0;
    let mut sel_sents = 0;
    for s in library.list() {
        let doc = Path::new(s.path.as_deref().unwrap())
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let topic = doc.split('_').next().unwrap().to_string();
        let stored = library.article(&s.id).unwrap().unwrap();
        let ms = crossread::library::links::mentions_of(&stored);
        let body = stored.article.body();
        let have: HashSet<String> = ms.iter().map(|m| norm(&m.text)).collect();
        indexed_docs += 1 + ms.len() as u64;
        for m in &ms {
            for p in &m.signature.participants {
                *name_df.entry(p.clone()).or_default() += 1;
            }
        }
        for &(a, b) in &stored.sentences {
            let k = (doc.clone(), norm(&body[a..b]));
            if selected.contains(&k) {
                sel_sents += 1;
                if !have.contains(&k.1) {
                    no_sig += 1;
                    if show.as_deref() == Some("unsigned") {
                        println!("UNSIGNED {}", k.1);
                    }
                }
            }
        }
        for m in ms {
            let k = (doc.clone(), norm(&m.text));
            if selected.contains(&k) {
                by_topic
                    .entry(topic.clone())
                    .or_default()
                    .push((k, m.signature));
            }
        }
    }
    println!("selected sentences found {sel_sents}, without signature {no_sig}");
    let mut dump = std::env::var_os("CLAIMS_EXPLAIN_DUMP")
        .map(|p| std::io::BufWriter::new(std::fs::File::create(p).expect("dump file")));
    let mut tp = 0;
    let mut fp = 0;
    let mut gold_n = 0;
    let mut rej_gold: BTreeMap<&str, usize> = BTreeMap::new();
    let mut rej_neg: BTreeMap<&str, usize> = BTreeMap::new();
    for v in by_topic.values() {
        for i in 0..v.len() {
            for j in i + 1..v.len() {
                if v[i].0.0 == v[j].0.0 {
                    continue;
                }
                let g = gold.contains(&ordered(v[i].0.clone(), v[j].0.clone()));
                if g {
                    gold_n += 1;
                }
                let story = crossread::claims::story_similarity(&v[i].1, &v[j].1, &mut |name| {
                    let df = name_df.get(name).copied().unwrap_or(0);
                    crossread::claims::name_rarity(df, indexed_docs)
                });
                let verdict = crossread::claims::explain_in_story(&v[i].1, &v[j].1, Some(story));
                if let Some(w) = dump.as_mut() {
                    use std::io::Write;
                    let (a, b) = (&v[i].1, &v[j].1);
                    let inter =
                        |x: &[String], y: &[String]| x.iter().filter(|t| y.contains(t)).count();
                    let cos = inter(&a.terms, &b.terms) as f64
                        / ((a.terms.len().max(1) * b.terms.len().max(1)) as f64).sqrt();
                    let reason = match &verdict {
                        Ok(_) => "accepted",
                        Err(r) => r,
                    };
                    writeln!(
                        w,
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{:.3}\t{:.3}",
                        v[i].0.0.split('_').next().unwrap_or(""),
                        u8::from(g),
                        reason,
                        inter(&a.participants, &b.participants),
                        a.participants.len().min(b.participants.len()),
                        inter(&a.places, &b.places),
                        inter(&a.predicates, &b.predicates),
                        a.predicates.len().min(b.predicates.len()),
                        cos,
                        inter(&a.context, &b.context),
                        inter(&a.dates, &b.dates),
                        a.dates.len().min(b.dates.len()),
                        a.terms.len().min(b.terms.len()),
                        inter(&a.terms, &b.terms),
                        story,
                        verdict.as_ref().map_or(0.0, |j| j.score),
                    )
                    .ok();
                }
                match verdict {
                    Ok(_) => {
                        if g {
                            tp += 1
                        } else {
                            fp += 1;
                            if show.as_deref() == Some("fp") {
                                println!(
                                    "FP story {story:.2}\n  {}\n  {:?}\n  {}\n  {:?}",
                                    v[i].0.1, v[i].1, v[j].0.1, v[j].1
                                );
                            }
                        }
                    }
                    Err(r) => {
                        if g {
                            *rej_gold.entry(r).or_default() += 1;
                            if show.as_deref() == Some(r) {
                                println!(
                                    "FN {r}\n  {}\n  {:?}\n  {}\n  {:?}",
                                    v[i].0.1, v[i].1, v[j].0.1, v[j].1
                                );
                            }
                        } else {
                            *rej_neg.entry(r).or_default() += 1;
                        }
                    }
                }
            }
        }
    }
    println!(
        "judge-only: tp {tp} fp {fp} P {:.3} R {:.3} (gold pairs with signatures {gold_n})",
        tp as f64 / (tp + fp) as f64,
        tp as f64 / gold_n as f64
    );
    println!("rejections of gold pairs: {rej_gold:?}");
    println!("rejections of non-gold pairs: {rej_neg:?}");
}

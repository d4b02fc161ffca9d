//! Builds the two word tables the claim scorer ships in `assets/claims/`:
//!
//! - `term_df.tsv`: how many sentences of a background corpus contain each word stem (the
//!   freely licensed NER training sets in `../shared/corpus/ner`: web, Wikipedia, Wikinews,
//!   academic, court and social text; the UNER EWT dev/test files are left out). The scorer
//!   weighs shared words by this inverse document frequency. A frozen table, not the library's
//!   own counts, keeps a pair's score a function of the two sentences alone, so the same
//!   library gives the same claims whatever the order its articles were added in.
//! - `concepts.tsv`: for each stem of an event word (a verb, or a noun derived from one), the
//!   Open English WordNet synsets of its first senses and their derivational relatives, so
//!   "invested" meets "investment" and "talks" meets "negotiating".
//!
//! Run: `cargo run --release --example claims_vocab -- ../shared [assets/claims]`

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crossread::claims::stem;

/// Verbs that say little about which event a sentence reports.
const LIGHT_VERBS: &str = "be have do say tell make take get give go come see know think want use \
find put call show report include accord become seem leave keep let begin start try need feel \
mean ask work seem set add note state claim";

/// How many of a lemma's senses (WordNet orders them by frequency) count.
const SENSES: usize = 2;

fn read_tsv(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("claims_vocab: cannot read {}: {e}", path.display());
        std::process::exit(2);
    });
    text.lines()
        .skip(1)
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// Words of a tokenised line the way the scorer sees them: lower case, alphabetic.
fn words(line: &str) -> impl Iterator<Item = String> + '_ {
    line.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| w.len() >= 2 && w.chars().all(char::is_alphabetic))
}

fn background_df(shared: &Path) -> (usize, BTreeMap<String, u32>) {
    let mut files: Vec<PathBuf> = Vec::new();
    let ner = shared.join("corpus/ner");
    for dir in std::fs::read_dir(&ner).expect("corpus/ner") {
        let dir = dir.expect("entry").path();
        // Held out for measuring the entity recogniser.
        if dir.file_name().is_some_and(|n| n == "uner-en-ewt") {
            continue;
        }
        for f in std::fs::read_dir(&dir).expect("folder") {
            let f = f.expect("entry").path();
            if f.extension().is_some_and(|e| e == "iob2") {
                files.push(f);
            }
        }
    }
    files.sort();
    let mut df: BTreeMap<String, u32> = BTreeMap::new();
    let mut sentences = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).expect("iob2");
        let mut seen: HashSet<String> = HashSet::new();
        let mut flush = |seen: &mut HashSet<String>| {
            if !seen.is_empty() {
                sentences += 1;
                for w in seen.drain() {
                    *df.entry(w).or_default() += 1;
                }
            }
        };
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            if line.trim().is_empty() {
                flush(&mut seen);
                continue;
            }
            if let Some(token) = line.split('\t').nth(1) {
                for w in words(token) {
                    seen.insert(stem(&w));
                }
            }
        }
        flush(&mut seen);
    }
    df.retain(|_, n| *n >= 2);
    (sentences, df)
}

/// Regular inflections of a lemma (the irregular ones come from WordNet's forms table).
fn inflections(lemma: &str, pos: &str) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    let l = lemma;
    if l.ends_with('y') && !l.ends_with("ey") && !l.ends_with("ay") && !l.ends_with("oy") {
        out.push(format!("{}ies", &l[..l.len() - 1]));
    } else if l.ends_with('s') || l.ends_with('x') || l.ends_with("ch") || l.ends_with("sh") {
        out.push(format!("{l}es"));
    } else {
        out.push(format!("{l}s"));
    }
    if pos == "v" {
        let stem_e = l.strip_suffix('e').unwrap_or(l);
        out.push(format!("{stem_e}ed"));
        out.push(format!("{stem_e}ing"));
        let b = l.as_bytes();
        if b.len() >= 3
            && !b"aeiou".contains(&b[b.len() - 1])
            && b"aeiou".contains(&b[b.len() - 2])
            && !b"aeiou".contains(&b[b.len() - 3])
        {
            let last = l.chars().last().unwrap_or('x');
            out.push(format!("{l}{last}ed"));
            out.push(format!("{l}{last}ing"));
        }
        if let Some(stem) = l.strip_suffix('y') {
            out.push(format!("{stem}ied"));
        }
    }
    out
}

fn concepts(oewn: &Path) -> BTreeMap<String, BTreeSet<u32>> {
    let light: HashSet<&str> = LIGHT_VERBS.split_whitespace().collect();
    // synset id "02275982-v" -> number: offset * 2 + (verb)
    let id = |s: &str| -> Option<u32> {
        let (num, pos) = s.split_once('-')?;
        Some(num.parse::<u32>().ok()? * 2 + u32::from(pos == "v"))
    };
    let mut senses: HashMap<(String, String), Vec<(u32, String)>> = HashMap::new();
    for row in read_tsv(&oewn.join("senses.tsv")) {
        if row.len() < 5 || !matches!(row[1].as_str(), "v" | "n") {
            continue;
        }
        let lemma = row[0].clone();
        if lemma.contains(' ') || lemma.chars().any(|c| c.is_uppercase()) {
            continue;
        }
        let rank = row[4].parse().unwrap_or(99);
        senses
            .entry((lemma, row[1].clone()))
            .or_default()
            .push((rank, row[2].clone()));
    }
    let mut derivations: HashMap<String, BTreeSet<String>> = HashMap::new();
    for row in read_tsv(&oewn.join("sense_relations.tsv")) {
        if row.len() >= 7 && row[0] == "derivation" {
            derivations
                .entry(row[3].clone())
                .or_default()
                .insert(row[6].clone());
            derivations
                .entry(row[6].clone())
                .or_default()
                .insert(row[3].clone());
        }
    }
    let mut irregular: HashMap<(String, String), Vec<String>> = HashMap::new();
    for row in read_tsv(&oewn.join("forms.tsv")) {
        if row.len() >= 3 {
            irregular
                .entry((row[0].clone(), row[1].clone()))
                .or_default()
                .push(row[2].to_lowercase());
        }
    }
    let mut table: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    let mut lemmas_of: BTreeMap<u32, BTreeSet<String>> = BTreeMap::new();
    let mut keys: Vec<&(String, String)> = senses.keys().collect();
    keys.sort();
    for key in keys {
        let (lemma, pos) = key;
        if light.contains(lemma.as_str()) || lemma.len() < 3 {
            continue;
        }
        let mut list = senses[key].clone();
        list.sort();
        let first: Vec<&String> = list.iter().take(SENSES).map(|(_, s)| s).collect();
        // Nouns count only when one of their first senses derives from a verb: "investment",
        // "negotiation", "arrest", not "table".
        let eventive = pos == "v"
            || first.iter().any(|s| {
                derivations
                    .get(*s)
                    .is_some_and(|d| d.iter().any(|x| x.ends_with("-v")))
            });
        if !eventive {
            continue;
        }
        let mut ids: BTreeSet<u32> = BTreeSet::new();
        for s in &first {
            ids.extend(id(s));
            if let Some(d) = derivations.get(*s) {
                ids.extend(d.iter().filter_map(|x| id(x)));
            }
        }
        for &i in &ids {
            lemmas_of.entry(i).or_default().insert(lemma.clone());
        }
        let mut forms = inflections(lemma, pos);
        if let Some(extra) = irregular.get(key) {
            forms.extend(extra.iter().cloned());
        }
        for form in forms {
            table.entry(stem(&form)).or_default().extend(&ids);
        }
    }
    // A synset only one lemma reaches joins no two different words (equal words already meet
    // as words); drop it, and number the rest densely.
    let mut dense: BTreeMap<u32, u32> = BTreeMap::new();
    for (&i, lemmas) in &lemmas_of {
        if lemmas.len() >= 2 {
            let next = dense.len() as u32;
            dense.insert(i, next);
        }
    }
    table
        .into_iter()
        .map(|(w, ids)| {
            (
                w,
                ids.iter().filter_map(|i| dense.get(i).copied()).collect(),
            )
        })
        .filter(|(_, ids): &(String, BTreeSet<u32>)| !ids.is_empty())
        .collect()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let shared = PathBuf::from(args.next().unwrap_or_else(|| "../shared".into()));
    let out = PathBuf::from(args.next().unwrap_or_else(|| "assets/claims".into()));
    if !shared.join("corpus/ner").is_dir() || !shared.join("lexicon/oewn").is_dir() {
        eprintln!(
            "claims_vocab: {} lacks corpus/ner or lexicon/oewn (the ../shared data); nothing written",
            shared.display()
        );
        std::process::exit(2);
    }
    let (sentences, df) = background_df(&shared);
    let mut text = format!("#sentences\t{sentences}\n");
    for (w, n) in &df {
        text.push_str(&format!("{w}\t{n}\n"));
    }
    std::fs::write(out.join("term_df.tsv"), text).expect("write term_df.tsv");
    let table = concepts(&shared.join("lexicon/oewn"));
    let mut text = String::new();
    for (w, ids) in &table {
        let ids: Vec<String> = ids.iter().map(u32::to_string).collect();
        text.push_str(&format!("{w}\t{}\n", ids.join(",")));
    }
    std::fs::write(out.join("concepts.tsv"), text).expect("write concepts.tsv");
    println!(
        "{} background sentences, {} stems with df >= 2; {} event stems with concepts",
        sentences,
        df.len(),
        table.len()
    );
}

//! A deterministic news corpus of any size with planted claims, for the scale benchmark.
//!
//! Real corpora are small (ECB+ has 982 articles), and copying them makes every sentence a
//! duplicate, which is not what a large library looks like. This generator writes N articles of
//! wire-story length about invented stories (takeovers, investments, earthquakes, lay-offs,
//! appointments, earnings, arrests, laws). Each story is reported by several outlets that reword
//! its facts, sometimes state a conflicting figure, date or year, and mention similar stories
//! in the background — the near-miss distractors (another company buying another company for
//! the same sum, another quake of the same magnitude) that a claim linker must not link. Filler
//! sentences (opinion, colour, context without a checkable fact) give the articles realistic
//! length and vocabulary.
//!
//! Beside the articles it writes `truth.jsonl`, one line per planted claim sentence:
//! `{"file", "sentence", "fact", "figure"}`. Two lines with the same `fact` in different files
//! make the same claim; they agree when `figure` is equal and conflict otherwise. Every other
//! pair of sentences makes different claims.
//!
//! Same seed and N give byte-identical output. Run:
//! `cargo run --release --example scale_corpus -- --articles 10000 --out /tmp/gen10k [--seed 7]`

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;

mod stories;
mod vocabulary;

use stories::{Story, story};
use vocabulary::*;

/// SplitMix64: tiny, fast, and stable across platforms and crate versions.
pub struct Rng(u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One planted claim sentence.
struct Mention {
    sentence: String,
    fact: String,
    figure: String,
}

/// Picks with a skew towards the start of the list, as word frequencies are skewed.
fn skewed<'a>(rng: &mut Rng, items: &'a [&'a str]) -> &'a str {
    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    items[((u * u) * items.len() as f64) as usize % items.len()]
}

fn descriptive(rng: &mut Rng) -> String {
    format!(
        "{}, the {} {} {} the {} {} of the {} {}.",
        rng.pick(OPENERS),
        skewed(rng, ADJECTIVES),
        skewed(rng, NOUNS),
        skewed(rng, VERBS),
        skewed(rng, ADJECTIVES),
        skewed(rng, NOUNS),
        skewed(rng, NOUNS),
        if rng.chance(0.5) {
            skewed(rng, NOUNS)
        } else {
            "as a whole"
        }
    )
}

fn filler(rng: &mut Rng, story: &Story) -> String {
    match rng.below(8) {
        5..=7 => descriptive(rng),
        0 | 1 => format!(
            "{} {} that {}.",
            rng.pick(FILLER_SUBJECTS),
            rng.pick(FILLER_VERBS),
            rng.pick(FILLER_CLAIMS)
        ),
        2 => rng.pick(FILLER_COLOUR).to_string(),
        3 => rng.pick(FILLER_CONTEXT).to_string(),
        _ => format!(
            "\"We are {} about what comes next,\" said {}, speaking for {}.",
            rng.pick(&["optimistic", "cautious", "clear", "realistic", "confident"]),
            story.speaker,
            story.speaker_org
        ),
    }
}

struct Args {
    articles: usize,
    seed: u64,
    out: PathBuf,
}

fn parse_args() -> Args {
    let mut args = Args {
        articles: 1000,
        seed: 7,
        out: PathBuf::from("target/scale-corpus"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_default();
        match flag.as_str() {
            "--articles" => args.articles = value.parse().expect("--articles N"),
            "--seed" => args.seed = value.parse().expect("--seed N"),
            "--out" => args.out = PathBuf::from(value),
            other => panic!("unknown flag {other}; use --articles N --seed S --out DIR"),
        }
    }
    args
}

fn main() {
    let args = parse_args();
    let mut rng = Rng(args.seed);
    let articles_dir = args.out.join("articles");
    std::fs::create_dir_all(&articles_dir).expect("create output directory");
    let mut truth =
        std::io::BufWriter::new(std::fs::File::create(args.out.join("truth.jsonl")).unwrap());
    let mut shared_money = Vec::new();
    let mut stories: Vec<Story> = Vec::new();
    let mut written = 0usize;
    let mut bytes = 0usize;
    let mut story_id = 0usize;
    while written < args.articles {
        let s = story(story_id, &mut rng, &mut shared_money);
        story_id += 1;
        // Most stories are reported by a handful of outlets, a few by many, some by one.
        let reports = match rng.below(10) {
            0 => 1,
            1..=6 => 2 + rng.below(4),
            7 | 8 => 5 + rng.below(6),
            _ => 10 + rng.below(15),
        }
        .min(args.articles - written);
        let mut outlets: Vec<&str> = OUTLETS.to_vec();
        for report in 0..reports {
            let outlet = outlets.remove(rng.below(outlets.len()).min(outlets.len() - 1));
            if outlets.is_empty() {
                outlets = OUTLETS.to_vec();
            }
            let published = s.date.shifted(rng.below(3) as u32);
            let mut mentions: Vec<Mention> = Vec::new();
            let mut paragraphs: Vec<Vec<String>> = Vec::new();
            // Which facts this report states, and whether it got a figure wrong.
            for (n, fact) in s.facts.iter().enumerate() {
                if n > 0 && !rng.chance(0.65) {
                    continue;
                }
                let conflict = !fact.conflict_figure.is_empty() && rng.chance(0.12);
                let sentence = (fact.write)(&mut rng, conflict);
                mentions.push(Mention {
                    sentence: sentence.clone(),
                    fact: fact.name.clone(),
                    figure: if conflict {
                        fact.conflict_figure.clone()
                    } else {
                        fact.figure.clone()
                    },
                });
                let mut paragraph = vec![sentence];
                for _ in 0..1 + rng.below(3) {
                    paragraph.push(filler(&mut rng, &s));
                }
                paragraphs.push(paragraph);
            }
            // Near misses: a sentence about a similar earlier story.
            if !stories.is_empty() && rng.chance(0.35) {
                let other = &stories[rng.below(stories.len())];
                if let Some(background) = other.background.first() {
                    let sentence = background(&mut rng);
                    mentions.push(Mention {
                        sentence: sentence.clone(),
                        fact: format!("s{}.bg", other.id),
                        figure: String::new(),
                    });
                    paragraphs.push(vec![sentence, filler(&mut rng, &s)]);
                }
                if rng.chance(0.3) {
                    // A planted fact of a similar story, stated as background.
                    let f = &other.facts[rng.below(other.facts.len())];
                    let sentence = (f.write)(&mut rng, false);
                    mentions.push(Mention {
                        sentence: sentence.clone(),
                        fact: f.name.clone(),
                        figure: f.figure.clone(),
                    });
                    paragraphs.push(vec![sentence, filler(&mut rng, &s)]);
                }
            }
            for _ in 0..3 + rng.below(5) {
                let len = 2 + rng.below(4);
                paragraphs.push((0..len).map(|_| filler(&mut rng, &s)).collect());
            }
            // The lead stays first; the rest is shuffled.
            let lead = paragraphs.remove(0);
            for i in (1..paragraphs.len()).rev() {
                paragraphs.swap(i, rng.below(i + 1));
            }
            paragraphs.insert(0, lead);
            let file = format!("a{written:07}.md");
            let mut text = String::new();
            let _ = writeln!(
                text,
                "---\ntitle: \"{}\"\nsource: \"{outlet}\"\npublished: \"{}\"\n---\n",
                s.headline,
                published.iso()
            );
            for p in &paragraphs {
                text.push_str(&p.join(" "));
                text.push_str("\n\n");
            }
            bytes += text.len();
            // Group the output in folders of 1,000 files.
            let folder = articles_dir.join(format!("{:04}", written / 1000));
            if written.is_multiple_of(1000) {
                std::fs::create_dir_all(&folder).unwrap();
            }
            std::fs::write(folder.join(&file), text).unwrap();
            for m in mentions {
                let line = serde_json::json!({
                    "file": format!("{:04}/{file}", written / 1000),
                    "sentence": m.sentence,
                    "fact": m.fact,
                    "figure": m.figure,
                });
                writeln!(truth, "{line}").unwrap();
            }
            written += 1;
            let _ = report;
        }
        stories.push(s);
        if stories.len() > 500 {
            stories.remove(0);
        }
    }
    truth.flush().unwrap();
    eprintln!(
        "scale_corpus: {written} articles ({:.1} MB) about {story_id} stories in {}",
        bytes as f64 / 1e6,
        args.out.display()
    );
}

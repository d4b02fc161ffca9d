//! Attribution and certainty against the hand-checked sentences of
//! `tests/fixtures/sourcing/gold.jsonl` (ECB+ and feed fixtures, labelled by reading; see the
//! README next to it). Prints precision and recall per role and certainty per value:
//!
//! ```text
//! cargo test --test sourcing_gold -- --nocapture
//! ```
//!
//! The floors asserted at the end sit a little under the figures measured when the set was
//! first scored, so a change that loses ground fails here.

use std::collections::BTreeMap;

use crossread::entities::{Entity, recognize};
use crossread::sourcing::{
    Attribution, Certainty, Context, Role, Sentence, attribute, certainty, source_key,
};
use serde::Deserialize;

#[derive(Deserialize)]
struct Gold {
    id: String,
    stratum: String,
    own_source: Option<String>,
    previous: String,
    sentence: String,
    next: String,
    attribution: Vec<Attribution>,
    certainty: Option<Certainty>,
}

fn load() -> Vec<Gold> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sourcing/gold.jsonl"
    ))
    .expect("gold set");
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("gold line"))
        .collect()
}

/// Whether a found source names the labelled one: equal names, or one containing the
/// other at word boundaries ("Salazar" and "Ken Salazar").
fn names_match(found: &str, gold: &str) -> bool {
    let (a, b) = (source_key(found), source_key(gold));
    let words = |s: &str| format!(" {s} ");
    !a.is_empty()
        && !b.is_empty()
        && (words(&a).contains(&words(&b)) || words(&b).contains(&words(&a)))
}

#[derive(Default)]
struct Counts {
    found: usize,
    gold: usize,
    right: usize,
}

impl Counts {
    fn precision(&self) -> f64 {
        ratio(self.right, self.found)
    }
    fn recall(&self) -> f64 {
        ratio(self.right, self.gold)
    }
    fn line(&self, name: &str) -> String {
        format!(
            "{name:<16} P {:.2} ({}/{})  R {:.2} ({}/{})",
            self.precision(),
            self.right,
            self.found,
            self.recall(),
            self.right,
            self.gold
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

struct Scored {
    /// Per role, and under "all" every role together.
    roles: BTreeMap<&'static str, Counts>,
    /// Per certainty value: found, gold, right.
    certainty: BTreeMap<&'static str, Counts>,
    certainty_right: usize,
    certainty_total: usize,
}

fn score(items: &[&Gold], show_errors: bool) -> Scored {
    let mut roles: BTreeMap<&'static str, Counts> = BTreeMap::new();
    let mut certainties: BTreeMap<&'static str, Counts> = BTreeMap::new();
    let (mut certainty_right, mut certainty_total) = (0, 0);
    for item in items {
        let texts = [&item.previous, &item.sentence, &item.next];
        let entities: Vec<Vec<Entity>> = texts.iter().map(|t| recognize(t, None)).collect();
        let at = |i: usize| Sentence {
            text: texts[i],
            offset: 0,
            entities: &entities[i],
        };
        let before: Vec<Sentence<'_>> = (!item.previous.is_empty())
            .then(|| at(0))
            .into_iter()
            .collect();
        let after: Vec<Sentence<'_>> = (!item.next.is_empty()).then(|| at(2)).into_iter().collect();
        let found = attribute(&Context {
            before: &before,
            sentence: at(1),
            after: &after,
            own_source: item.own_source.as_deref(),
        });
        let mut unmatched: Vec<&Attribution> = item.attribution.iter().collect();
        let mut wrong = Vec::new();
        for f in &found {
            let hit = unmatched
                .iter()
                .position(|g| g.role == f.role && names_match(&f.source, &g.source));
            for key in [f.role.label(), "all"] {
                let counts = roles.entry(key).or_default();
                counts.found += 1;
                counts.right += usize::from(hit.is_some());
            }
            match hit {
                Some(i) => {
                    unmatched.remove(i);
                }
                None => wrong.push(f),
            }
        }
        for g in &item.attribution {
            roles.entry(g.role.label()).or_default().gold += 1;
            roles.entry("all").or_default().gold += 1;
        }
        let judged = certainty(&at(1), &[]);
        if let Some(gold) = item.certainty {
            certainty_total += 1;
            certainty_right += usize::from(gold == judged);
            certainties.entry(judged.label()).or_default().found += 1;
            let counts = certainties.entry(gold.label()).or_default();
            counts.gold += 1;
            counts.right += usize::from(gold == judged);
        }
        let certainty_wrong = item.certainty.is_some_and(|g| g != judged);
        if show_errors && (!wrong.is_empty() || !unmatched.is_empty() || certainty_wrong) {
            println!("{} [{}] {}", item.id, item.stratum, item.sentence);
            for f in wrong {
                println!("    found, not labelled: {} ({})", f.source, f.role.label());
            }
            for g in unmatched {
                println!("    labelled, not found: {} ({})", g.source, g.role.label());
            }
            if certainty_wrong {
                println!(
                    "    certainty {} labelled {}",
                    judged.label(),
                    item.certainty.map_or("-", Certainty::label)
                );
            }
        }
    }
    Scored {
        roles,
        certainty: certainties,
        certainty_right,
        certainty_total,
    }
}

fn report(name: &str, scored: &Scored) {
    println!("== {name}");
    for role in ["according_to", "first_reported", "anonymous", "all"] {
        if let Some(counts) = scored.roles.get(role) {
            println!("  attribution {}", counts.line(role));
        }
    }
    println!(
        "  certainty accuracy {:.2} ({}/{})",
        ratio(scored.certainty_right, scored.certainty_total),
        scored.certainty_right,
        scored.certainty_total
    );
    for value in Certainty::ALL {
        if let Some(counts) = scored.certainty.get(value.label()) {
            println!("  certainty   {}", counts.line(value.label()));
        }
    }
}

#[test]
fn attribution_and_certainty_on_the_hand_checked_sentences() {
    let gold = load();
    assert_eq!(gold.len(), 155, "the hand-checked set");
    let all: Vec<&Gold> = gold.iter().collect();
    let show_errors = std::env::var_os("SOURCING_ERRORS").is_some();
    let scored = score(&all, show_errors);
    report(&format!("all {} sentences", gold.len()), &scored);
    // The `fresh_` strata were drawn and labelled after the rules were last changed: the
    // only figures here that no rule was fitted to.
    let fresh: Vec<&Gold> = gold
        .iter()
        .filter(|g| g.stratum.starts_with("fresh_"))
        .collect();
    let fresh_scored = score(&fresh, false);
    report(&format!("fresh ({})", fresh.len()), &fresh_scored);
    for stratum in [
        "random",
        "attribution_cue",
        "hedge_cue",
        "first_report_cue",
        "feed",
        "fresh_attribution_cue",
        "fresh_hedge_cue",
        "fresh_random",
    ] {
        let part: Vec<&Gold> = gold.iter().filter(|g| g.stratum == stratum).collect();
        report(&format!("{stratum} ({})", part.len()), &score(&part, false));
    }
    // Floors a little under the figures measured when the last strata were added (all:
    // attribution P 0.89 R 0.77, certainty 0.79; fresh: P 0.82 R 0.72, certainty 0.78).
    let floors = [
        (&scored, 0.85, 0.72, 0.75),
        (&fresh_scored, 0.78, 0.68, 0.74),
    ];
    for (scored, precision, recall, accuracy) in floors {
        let roles = &scored.roles["all"];
        assert!(roles.precision() >= precision, "{}", roles.line("all"));
        assert!(roles.recall() >= recall, "{}", roles.line("all"));
        let right = ratio(scored.certainty_right, scored.certainty_total);
        assert!(right >= accuracy, "certainty accuracy {right:.2}");
    }
    let anonymous = &scored.roles[Role::Anonymous.label()];
    assert!(anonymous.precision() >= 0.9 && anonymous.recall() >= 0.9);
}

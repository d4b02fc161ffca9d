//! The scorer on real sentences (from the sample corpus and ECB+): what its features measure,
//! what the shipped model decides, and how figures and dates stand.

use super::features::{PAIR_FEATURES, StoryFeatures, pair_features};
use super::model::model;
use super::*;
use crate::entities::recognize;

/// The claim signature of a sentence, with the recogniser's entities.
fn sig(sentence: &str) -> ClaimSignature {
    let entities = recognize(sentence, Some("2026-01-30"));
    signature(sentence, &entities, Some("2026-01-30"))
        .unwrap_or_else(|| panic!("not a claim: {sentence}"))
}

fn feature(values: &PairFeatures, name: &str) -> f32 {
    values.values[PAIR_FEATURES.iter().position(|n| *n == name).expect(name)]
}

/// Story features of two articles that tell the same story: each is the other's only
/// neighbour.
fn same_story() -> StoryFeatures {
    let mut lists = neighbours::NeighbourLists::default();
    lists.offer("a", "b", 0.6);
    lists.offer("b", "a", 0.6);
    lists.story_features("a", "b")
}

/// Story features of two articles that are neighbours of each other but each has many others.
fn distant_story() -> StoryFeatures {
    let mut lists = neighbours::NeighbourLists::default();
    for i in 0..9 {
        lists.offer("a", &format!("x{i}"), 0.5);
        lists.offer("b", &format!("y{i}"), 0.5);
    }
    lists.offer("a", "b", 0.15);
    lists.story_features("a", "b")
}

fn probability_of(a: &str, b: &str, story: &StoryFeatures) -> f32 {
    let (sa, sb) = (sig(a), sig(b));
    let f = pair_features(&Prepared::new(&sa), &Prepared::new(&sb), 0.5);
    same_claim_probability(model().pair_logit(&f), story)
}

const FIFTY: &str = "Amazon is negotiating a deal that could see it invest as much as $50 billion in OpenAI, according to sources familiar with the discussions.";
const FIFTY_AGAIN: &str = "Amazon is reportedly negotiating a $50 billion investment into OpenAI, a potential anchor in a $100 billion funding round.";
const TEN: &str = "According to CNBC, OpenAI is in confidential talks with Amazon about a potential investment that could exceed $10 billion, as first reported by The Information.";
const VALUATION: &str = "The investment would be part of a broader $100 billion funding round that could push the ChatGPT-maker's valuation to $830 billion.";

#[test]
fn features_measure_shared_names_figures_and_events() {
    let (a, b) = (sig(FIFTY), sig(FIFTY_AGAIN));
    let f = pair_features(&Prepared::new(&a), &Prepared::new(&b), 0.4);
    assert_eq!(feature(&f, "shared_names"), 2.0, "{a:?} / {b:?}");
    assert_eq!(feature(&f, "figures_agree"), 1.0);
    assert_eq!(
        feature(&f, "shared_event"),
        1.0,
        "negotiating / negotiating, invest / investment"
    );
    assert!(feature(&f, "sentence_cosine") > 0.3);
    assert_eq!(feature(&f, "article_cosine"), 0.4);
    // A sentence against itself is as alike as sentences get.
    let same = pair_features(&Prepared::new(&a), &Prepared::new(&a), 1.0);
    assert!((feature(&same, "sentence_cosine") - 1.0).abs() < 1e-4);
}

#[test]
fn paraphrased_event_words_meet_through_wordnet() {
    // After ECB+ 43_3ecbplus / 43_4ecbplus: the same takeover, bought and purchased.
    let a = sig("AMD bought SeaMicro, the server start-up, for $334 million.");
    let b = sig(
        "Advanced Micro Devices said it purchased SeaMicro for $334 million in cash and stock.",
    );
    let f = pair_features(&Prepared::new(&a), &Prepared::new(&b), 0.5);
    assert_eq!(feature(&f, "shared_event"), 1.0, "bought / purchased");
    assert_eq!(feature(&f, "figures_agree"), 1.0);
    // Talks and negotiations are one concept too.
    let a = sig("OpenAI is in confidential talks with Amazon about an investment.");
    let b = sig("Amazon is negotiating an investment in OpenAI, people familiar said.");
    let f = pair_features(&Prepared::new(&a), &Prepared::new(&b), 0.5);
    assert_eq!(feature(&f, "shared_event"), 1.0, "talks / negotiating");
}

#[test]
fn the_shipped_model_links_a_repeated_fact_and_not_unrelated_sentences_of_one_story() {
    let threshold = model().threshold;
    let repeated = probability_of(FIFTY, FIFTY_AGAIN, &same_story());
    assert!(repeated > threshold, "{repeated} <= {threshold}");
    // Two sentences of one story that share nothing are not even compared.
    let (a, b) = (
        sig(
            "Microsoft's advantage came from integrating OpenAI's models into its infrastructure and services.",
        ),
        sig(
            "Amazon recently announced it would eliminate roughly 16,000 corporate positions, following an earlier round of 14,000 job cuts in October.",
        ),
    );
    assert_eq!(
        judge(&Prepared::new(&a), &Prepared::new(&b), 0.5, &same_story()),
        Err("nothing shared")
    );
    // The hard negative of ECB+ (topic 23): two climbers' deaths in one national park, the
    // same kind of event in articles of two stories.
    let other = probability_of(
        "On Friday, 36-year-old Duncan Rait died after slipping and falling about 60 metres from a ridge near the Tasman Glacier.",
        "On Saturday, 32-year-old Englishman Robert Buckley fell about 600 metres while climbing to a hut on Mount Sefton.",
        &distant_story(),
    );
    assert!(other < threshold, "{other} >= {threshold}");
    // The same repeated fact weighs less between articles of different stories.
    assert!(probability_of(FIFTY, FIFTY_AGAIN, &distant_story()) < repeated);
}

#[test]
fn articles_less_alike_than_any_training_pair_are_not_judged() {
    // Two lead sentences of unrelated saved pages (Readability's test pages: a WebAssembly
    // post and a Fetch API post) share "JavaScript" and "the Web"; their articles' cosine was
    // 0.14, under any pair of articles the model was trained on.
    let floor = model().min_article_cosine;
    assert!(floor > 0.1 && floor < 0.3, "{floor}");
    let (a, b) = (
        sig(
            "Emscripten has always focused first and foremost on compiling to the Web and other JavaScript environments like Node.js.",
        ),
        sig(
            "For more than a decade the Web has used XMLHttpRequest (XHR) to achieve asynchronous requests in JavaScript.",
        ),
    );
    let (pa, pb) = (Prepared::new(&a), Prepared::new(&b));
    assert_eq!(
        judge(&pa, &pb, floor - 0.01, &distant_story()),
        Err("articles too far apart")
    );
    assert_ne!(
        judge(&pa, &pb, floor, &distant_story()),
        Err("articles too far apart")
    );
}

#[test]
fn figures_of_different_things_are_two_facts() {
    // "$50 billion investment" and "$830 billion valuation" share a "$100 billion round", so
    // they are comparable; a different investment and a valuation alone are not.
    let a = sig("Amazon is negotiating a $50 billion investment in OpenAI.");
    let b = sig("The talks could value OpenAI at $830 billion, a person familiar said.");
    assert!(compare_figures(&a, &b).is_err());
    let v = sig(VALUATION);
    assert!(
        compare_figures(&sig(FIFTY_AGAIN), &v).is_ok(),
        "the $100 billion round agrees"
    );
}

#[test]
fn a_different_figure_for_the_same_measure_is_a_conflict_and_a_bound_says_so() {
    let verdict = compare_figures(&sig(FIFTY), &sig(TEN)).expect("comparable");
    assert_eq!(verdict.stance, Stance::Conflict);
    let detail = verdict.detail.expect("detail");
    assert!(
        detail.contains("$50 billion") && detail.contains("$10 billion"),
        "{detail}"
    );
    assert!(detail.contains("within that bound"), "{detail}");
    let agree = compare_figures(&sig(FIFTY), &sig(FIFTY_AGAIN)).expect("comparable");
    assert_eq!(agree.stance, Stance::Support);
}

#[test]
fn counts_of_the_same_thing_and_dates_conflict() {
    let a = sig("The bank has subsidiaries in 15 countries across Europe, Reuters reported.");
    let b = sig("The bank operates subsidiaries in 18 countries, its annual report says.");
    let v = compare_figures(&a, &b).expect("comparable");
    assert_eq!(v.stance, Stance::Conflict);
    assert_eq!(v.detail.as_deref(), Some("15 countries vs 18 countries"));
    let a = sig(
        "These discussions follow OpenAI's October 2023 restructuring, which outlined its partnership with Microsoft.",
    );
    let b =
        sig("OpenAI's restructuring in October 2025 gave Microsoft a stake of about 27 percent.");
    let v = compare_figures(&a, &b).expect("comparable");
    assert_eq!(v.stance, Stance::Conflict, "{a:?} / {b:?}");
    assert_eq!(v.detail.as_deref(), Some("2023-10 vs 2025-10"));
    // Bare years are too often about something else (an album's release next to a deal).
    let a = sig("Universal bought the label, home of the 1999 album that made Eminem famous.");
    let b = sig("Universal completed its purchase of the label in 2012, the company said.");
    assert_eq!(compare_figures(&a, &b).expect("ok").stance, Stance::Support);
}

#[test]
fn the_same_figure_paid_by_two_buyers_is_two_facts() {
    let a = sig("Oracle agreed to buy Acme Corp for $2 billion, the companies said on Monday.");
    let b = sig("IBM agreed to buy Zenith Labs for $2 billion in cash, the companies said.");
    assert!(compare_figures(&a, &b).is_err(), "{a:?} / {b:?}");
}

#[test]
fn opinions_questions_and_fragments_are_not_claims() {
    let none = |s: &str| signature(s, &recognize(s, None), None).is_none();
    assert!(none(
        "Is this the end of Microsoft's exclusive hold on OpenAI?"
    ));
    assert!(none("Read more."));
    assert!(none(
        "In my view, Amazon should think twice before writing such a large check."
    ));
}

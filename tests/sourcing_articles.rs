//! Attribution and certainty of whole articles added to a library: real ECB+ articles and
//! feed items from the fixtures, judged with their neighbouring sentences and the article's
//! own source, as `claims --json` and `coverage` see them.

mod common;

use common::{fixture, no_progress};
use crossread::Library;
use crossread::sourcing::{ArticleSourcing, Attribution, Certainty, Role, Sourcing};

/// Every sentence of the articles added from `inputs`, with its attribution and certainty,
/// and each article's own source.
fn sourced(inputs: &[&str]) -> Vec<(Option<String>, String, Sourcing)> {
    let mut library = Library::temporary().expect("library");
    let paths: Vec<_> = inputs.iter().map(|i| fixture(i)).collect();
    library.add(&paths, &mut no_progress()).expect("add");
    let mut out = Vec::new();
    for summary in library.list() {
        let stored = library.article(&summary.id).unwrap().expect("stored");
        let body = stored.article.body();
        let sourcing = ArticleSourcing::new(&stored);
        for &(start, end) in &stored.sentences {
            out.push((
                stored.article.source.clone(),
                body[start..end].to_string(),
                sourcing.sentence(start, end),
            ));
        }
    }
    out
}

fn find<'a>(
    sentences: &'a [(Option<String>, String, Sourcing)],
    opening: &str,
) -> &'a (Option<String>, String, Sourcing) {
    sentences
        .iter()
        .find(|(_, text, _)| text.starts_with(opening))
        .unwrap_or_else(|| panic!("no sentence opens with {opening:?}"))
}

fn by(source: &str, role: Role) -> Attribution {
    Attribution {
        source: source.to_string(),
        role,
    }
}

#[test]
fn a_feed_item_credits_police_and_never_its_own_outlet() {
    let sentences = sourced(&["feeds/rss_2.0_nbcny.xml"]);
    let (own, _, found) = find(&sentences, "A young man was left for dead");
    assert_eq!(own.as_deref(), Some("NBC New York"));
    assert_eq!(found.attribution, [by("police", Role::AccordingTo)]);
    assert_eq!(found.certainty, Certainty::Certain);
}

#[test]
fn feed_items_of_the_register_and_a_blog_carry_their_hedges_and_denials() {
    let sentences = sourced(&["feeds/atom_example_2.xml", "feeds/rss_1.0_example_2.xml"]);
    let (_, _, threat) = find(&sentences, "France is threatening to stick submachine guns");
    assert_eq!(threat.certainty, Certainty::Possible);
    assert_eq!(threat.attribution, []);
    let (_, _, denial) = find(&sentences, "Microsoft are not any way bringing DX12");
    assert_eq!(denial.certainty, Certainty::Denied);
    let (_, _, done) = find(
        &sentences,
        "Microsoft have submitted to the upstream kernel",
    );
    assert_eq!(done.certainty, Certainty::Certain);
    for (_, text, found) in &sentences {
        assert!(
            found.attribution.is_empty(),
            "nobody is quoted in these items: {text} -> {found:?}"
        );
    }
}

#[test]
fn an_ecb_article_credits_the_magazine_the_rep_spoke_to() {
    let sentences = sourced(&["ecbplus/1_10ecb.md"]);
    let (_, _, lead) = find(&sentences, "Perennial party girl Tara Reid");
    assert_eq!(
        lead.attribution,
        [
            by("her rep", Role::AccordingTo),
            by("People", Role::AccordingTo)
        ]
    );
    let (_, _, quote) = find(&sentences, "`` We appreciate your respect");
    assert_eq!(
        quote.attribution,
        [
            by("Jack Ketsoyan", Role::AccordingTo),
            by("People", Role::AccordingTo)
        ]
    );
    let (_, _, silent) = find(&sentences, "Ketsoyan would not say");
    assert_eq!(silent.attribution, []);
    assert_eq!(silent.certainty, Certainty::Denied);
    let (_, _, plain) = find(&sentences, "Reid launched a new fashion line");
    assert_eq!(plain.attribution, []);
    assert_eq!(plain.certainty, Certainty::Certain);
}

#[test]
fn the_sample_corpus_mentions_carry_their_sources() {
    let sentences = sourced(&["seeds"]);
    let (_, _, cnbc) = find(
        &sentences,
        "According to CNBC, OpenAI is in confidential talks",
    );
    assert_eq!(
        cnbc.compact(),
        "via CNBC, first: The Information · possible"
    );
    let (_, _, anonymous) = find(&sentences, "Amazon is negotiating a deal that could see it");
    assert_eq!(
        anonymous.attribution,
        [by("sources familiar with the discussions", Role::Anonymous)]
    );
    let (_, _, invested) = find(
        &sentences,
        "Amazon has already invested at least $8 billion",
    );
    assert_eq!(invested.certainty, Certainty::Certain);
    let (_, _, reported) = find(&sentences, "The deal structure hints");
    assert_eq!(reported.attribution, []);
    let (_, _, previously) = find(&sentences, "CNBC previously reported the investment");
    assert_eq!(previously.attribution, [by("CNBC", Role::AccordingTo)]);
    assert_eq!(previously.certainty, Certainty::Possible);
}

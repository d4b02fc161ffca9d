//! Each input kind, read from real files.

mod common;

use common::fixture;
use crossread::ingest::{FileOutcome, InputKind, read_file};

fn read(rel: &str) -> crossread::ingest::ReadFile {
    match read_file(&fixture(rel)) {
        FileOutcome::Read(file) => file,
        other => panic!("{rel}: expected articles, got {other:?}"),
    }
}

#[test]
fn plain_text_seed_loses_page_furniture_but_keeps_the_story() {
    let file = read("seeds/004_ee64be6ebc57e438.txt");
    assert_eq!(file.kind, InputKind::Text);
    let article = &file.articles[0];
    assert_eq!(
        article.title,
        "Amazon in Talks for Massive $50 Billion Investment in OpenAI to Challenge Microsoft Dominance"
    );
    let body = article.body();
    assert!(body.starts_with(
        "Amazon in Talks for Massive $50 Billion Investment in OpenAI to Challenge Microsoft Dominance\n\nReports surfaced this week that Amazon.com"
    ));
    for junk in [
        "Skip to main content",
        "Photo for article",
        "AMZN  239.30",
        "Recent Quotes",
        "Privacy Policy",
        "not financial advice",
    ] {
        assert!(!body.contains(junk), "junk left in body: {junk}");
    }
    assert!(body.contains("the market will be watching closely for two things"));
}

#[test]
fn plain_text_drops_symbol_bullets_and_disclaimer_footer() {
    let first = read("seeds/000_96b79c2ca8872afe.txt").articles.remove(0);
    assert!(!first.body().contains('■'));
    assert!(first.title.starts_with("OpenAI's total funding round"));
    let second = read("seeds/002_48417b3ccf798182.txt").articles.remove(0);
    assert!(!second.body().contains("Disclaimer"));
    assert!(second.body().contains("Amazon just raised the stakes."));
}

#[test]
fn markdown_front_matter_supplies_metadata() {
    let file = read("ecbplus/3_8ecbplus.md");
    assert_eq!(file.kind, InputKind::Markdown);
    let a = &file.articles[0];
    assert_eq!(a.title, "Escape renews calls for prison agency shake - up");
    assert_eq!(a.source.as_deref(), Some("ECB+ 3_8ecbplus"));
    assert!(
        a.url
            .as_deref()
            .unwrap()
            .starts_with("http://www.chron.com/")
    );
    // The headline stays in the body, where the claim linker can use it.
    assert_eq!(a.paragraphs[0], a.title);
    assert!(a.body().contains("Arcade Joseph Comeaux Jr."));
}

#[test]
fn saved_page_extracts_article_and_metadata() {
    let file = read("pages/ars-1/source.html");
    assert_eq!(file.kind, InputKind::Html);
    let a = &file.articles[0];
    assert_eq!(
        a.title,
        "Just-released Minecraft exploit makes it easy to crash game servers"
    );
    assert_eq!(a.author.as_deref(), Some("Dan Goodin"));
    assert!(a.body().contains("Minecraft"));
    assert!(!a.body().contains('<'), "HTML left in body");
}

#[test]
fn every_feed_format_yields_entries() {
    for (rel, min_entries) in [
        ("feeds/atom_example_1.xml", 1),
        ("feeds/rss_2.0_example_2.xml", 1),
        ("feeds/jsonfeed_example_1.json", 1),
        ("feeds/rss_1.0_example_1.xml", 1),
        ("feeds/rss_0.91_spec_1.xml", 1),
    ] {
        let file = read(rel);
        assert_eq!(file.kind, InputKind::Feed, "{rel}");
        assert!(file.articles.len() >= min_entries, "{rel}");
        for a in &file.articles {
            assert!(!a.title.is_empty(), "{rel}: entry without title");
            assert!(!a.body().contains("<p"), "{rel}: HTML left in body");
        }
        let ids: std::collections::HashSet<_> = file.articles.iter().map(|a| &a.id).collect();
        assert_eq!(ids.len(), file.articles.len(), "{rel}: ids must be unique");
    }
}

#[test]
fn rss2_entry_fields_are_mapped() {
    let file = read("feeds/rss_2.0_example_2.xml");
    let a = &file.articles[0];
    assert_eq!(
        a.title,
        "NASA Television to Broadcast Space Station Departure of Cygnus Cargo Ship"
    );
    assert!(a.url.as_deref().is_some_and(|u| u.starts_with("http")));
    assert!(a.published.is_some());
    assert!(a.source.is_some());
}

#[test]
fn malformed_feed_fails_with_reason() {
    match read_file(&fixture("feeds/rss_2.0_invalid_1.xml")) {
        FileOutcome::Failed { reason, .. } => {
            assert!(reason.contains("malformed feed"), "{reason}")
        }
        other => panic!("expected failure, got {other:?}"),
    }
}

//! Highlights and Markdown export: anchoring, orphans, atomic writes under kill -9, and the
//! exported document's structure checked with a CommonMark parser.

mod common;

use std::process::{Command, Output};

use common::{crossread, fixture, library_dir};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::Value;

/// JSON of a command that must succeed.
fn json(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    common::json(output)
}

/// Highlights `text` in an article, with further `mark` arguments (note, tags).
fn mark(dir: &std::path::Path, id: &str, text: &str, extra: &[&str]) -> Value {
    let mut args = vec!["mark", "--article", id, "--text", text, "--json"];
    args.extend_from_slice(extra);
    json(&crossread(dir, &args))
}

/// A library with the five sample articles; returns the id of the article whose title starts
/// with `prefix`.
fn seeded(dir: &std::path::Path, inputs: &std::path::Path, prefix: &str) -> String {
    for entry in std::fs::read_dir(fixture("seeds")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, inputs.join(path.file_name().unwrap())).unwrap();
    }
    assert!(
        crossread(dir, &["add", inputs.to_str().unwrap()])
            .status
            .success()
    );
    let list = json(&crossread(dir, &["list", "--json"]));
    list["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with(prefix))
        .map(|a| a["id"].as_str().unwrap().to_string())
        .expect("article")
}

#[test]
fn mark_list_and_export_with_sources_and_conflicts() {
    let dir = library_dir();
    let inputs = tempfile::tempdir().unwrap();
    let id = seeded(dir.path(), inputs.path(), "According to CNBC");
    // Typed with a straight apostrophe where the article has none: found anyway.
    let marked = json(&crossread(
        dir.path(),
        &[
            "mark",
            "--article",
            &id,
            "--text",
            "OpenAI is in confidential talks with Amazon about a potential investment that could exceed $10 billion",
            "--note",
            "Lower than *everyone* else's figure",
            "--tag",
            "figures",
            "--json",
        ],
    ));
    assert_eq!(marked["article"], id.as_str());
    assert!(marked["text"].as_str().unwrap().contains("$10 billion"));
    let listed = json(&crossread(dir.path(), &["highlights", "--json"]));
    let first = &listed["highlights"][0];
    assert_eq!(first["orphaned"], false);
    assert_eq!(first["state"], "found");

    let out = crossread(dir.path(), &["export"]);
    assert!(out.status.success());
    let markdown = String::from_utf8(out.stdout).unwrap();
    assert!(markdown.starts_with("---\ntitle: "), "{markdown}");

    let mut options = Options::empty();
    options.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    let mut in_metadata = false;
    let mut metadata = String::new();
    let mut headings = Vec::new();
    let mut in_heading = false;
    let mut heading = String::new();
    let mut quote_depth = 0;
    let mut quote_text = String::new();
    let mut strong_in_quote = Vec::new();
    let mut in_strong = false;
    let mut list_items = 0;
    let mut text = String::new();
    for event in Parser::new_ext(&markdown, options) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                headings.push(std::mem::take(&mut heading));
            }
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth -= 1,
            Event::Start(Tag::Strong) => in_strong = true,
            Event::End(TagEnd::Strong) => in_strong = false,
            Event::Start(Tag::Item) => list_items += 1,
            Event::Text(t) => {
                if in_metadata {
                    metadata.push_str(&t);
                } else if in_heading {
                    heading.push_str(&t);
                } else if quote_depth > 0 {
                    quote_text.push_str(&t);
                    if in_strong {
                        strong_in_quote.push(t.to_string());
                    }
                }
                text.push_str(&t);
            }
            _ => {}
        }
    }
    assert!(metadata.contains("title: \"crossread highlights\""));
    assert!(metadata.contains(&id));
    assert_eq!(headings[0], "Highlights");
    assert!(headings[1].starts_with("According to CNBC"));
    assert!(
        quote_text.contains("could exceed $10 billion"),
        "{quote_text}"
    );
    assert!(
        strong_in_quote.iter().any(|s| s == "$10 billion"),
        "figures emphasised: {strong_in_quote:?}"
    );
    // The note renders literally: its asterisks were escaped.
    assert!(
        text.contains("Lower than *everyone* else's figure"),
        "{text}"
    );
    assert!(text.contains("Also reported by"));
    assert!(list_items >= 1, "other sources listed");
    assert!(
        text.contains("Contradicts"),
        "the $50 billion sources contradict the $10 billion figure"
    );
    // "could exceed $10 billion" is a bound that $50 billion lies within: said as such.
    assert!(
        text.to_lowercase()
            .contains("$50 billion vs exceed $10 billion (within that bound)")
            || text
                .to_lowercase()
                .contains("exceed $10 billion vs $50 billion (within that bound)"),
        "{text}"
    );
}

#[test]
fn highlights_survive_updates_and_vanished_text_is_orphaned() {
    let dir = library_dir();
    let inputs = tempfile::tempdir().unwrap();
    let id = seeded(
        dir.path(),
        inputs.path(),
        "Amazon is reportedly negotiating",
    );
    let keep = "Capital Scale Matters Less Than Placement";
    let lose = "Investors may read this as Amazon matching Microsoft’s early OpenAI play.";
    json(&crossread(
        dir.path(),
        &["mark", "--article", &id, "--text", keep, "--json"],
    ));
    json(&crossread(
        dir.path(),
        &[
            "mark",
            "--article",
            &id,
            "--text",
            lose,
            "--note",
            "keep me",
            "--json",
        ],
    ));

    // A new version: text added at the top, one sentence rewritten.
    let file = inputs.path().join("002_48417b3ccf798182.txt");
    let old = std::fs::read_to_string(&file).unwrap();
    let new = format!(
        "Update: this story was revised.\n{}",
        old.replace(lose, "Investors may see it differently.")
    );
    std::fs::write(&file, new).unwrap();
    let added = crossread(dir.path(), &["add", inputs.path().to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&added.stdout).contains("1 updated"));

    let listed = json(&crossread(dir.path(), &["highlights", "--json"]));
    let all = listed["highlights"].as_array().unwrap();
    assert_eq!(all.len(), 2, "nothing dropped");
    let kept = all.iter().find(|h| h["text"] == keep).unwrap();
    assert_eq!(kept["orphaned"], false);
    let orphan = all.iter().find(|h| h["text"] == lose).unwrap();
    assert_eq!(orphan["orphaned"], true);
    assert_eq!(orphan["note"], "keep me");

    let markdown = String::from_utf8(crossread(dir.path(), &["export"]).stdout).unwrap();
    assert!(markdown.contains("## Orphaned highlights"));
}

#[test]
fn export_never_overwrites_without_force() {
    let dir = library_dir();
    let inputs = tempfile::tempdir().unwrap();
    let id = seeded(dir.path(), inputs.path(), "Amazon in Talks");
    mark(dir.path(), &id, "Trainium and Inferentia", &[]);
    let target = inputs.path().join("notes.md");
    std::fs::write(&target, "my own notes").unwrap();
    let refused = crossread(dir.path(), &["export", "--out", target.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "my own notes");
    let forced = crossread(
        dir.path(),
        &["export", "--out", target.to_str().unwrap(), "--force"],
    );
    assert!(forced.status.success());
    let exported = std::fs::read_to_string(&target).unwrap();
    assert!(
        exported.contains("Trainium") && exported.contains("Inferentia"),
        "{exported}"
    );
}

#[test]
fn unknown_article_or_text_is_a_clear_error() {
    let dir = library_dir();
    let inputs = tempfile::tempdir().unwrap();
    let id = seeded(dir.path(), inputs.path(), "Amazon in Talks");
    let out = crossread(dir.path(), &["mark", "--article", "nope", "--text", "x"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no article with id nope"));
    let out = crossread(
        dir.path(),
        &[
            "mark",
            "--article",
            &id,
            "--text",
            "words that are not there",
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not in article"));
}

#[test]
fn kill_during_mark_never_corrupts_the_store() {
    let dir = library_dir();
    let inputs = tempfile::tempdir().unwrap();
    let id = seeded(dir.path(), inputs.path(), "Amazon in Talks");
    let phrases = [
        "Amazon Web Services",
        "Trainium and Inferentia",
        "OpenAI",
        "Microsoft",
        "$50 billion",
    ];
    let mut committed = 0;
    for round in 0..24u64 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_crossread"))
            .arg("--library")
            .arg(dir.path())
            .args([
                "mark",
                "--article",
                &id,
                "--text",
                phrases[round as usize % phrases.len()],
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Kill at a different moment each round, from immediately to after completion.
        std::thread::sleep(std::time::Duration::from_millis((round * 7) % 60));
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.success() {
            committed += 1;
        }
        // After every kill the store is readable and holds every committed highlight.
        let listed = json(&crossread(dir.path(), &["highlights", "--json"]));
        let count = listed["highlights"].as_array().unwrap().len();
        assert!(
            count >= committed,
            "round {round}: {count} stored < {committed} committed"
        );
    }
    // No temporary file is mistaken for the store, and the library still opens and searches.
    let search = json(&crossread(dir.path(), &["search", "Trainium", "--json"]));
    assert!(!search["hits"].as_array().unwrap().is_empty());
}

mod roundtrip {
    //! Export then parse gives back every highlight's text and note, whatever Markdown
    //! characters the note holds.
    use super::*;
    use proptest::prelude::*;

    fn parsed_quotes_and_notes(markdown: &str) -> (Vec<String>, Vec<String>) {
        let mut options = Options::empty();
        options.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
        let (mut quotes, mut notes) = (Vec::new(), Vec::new());
        let mut depth = 0;
        let mut paragraph = String::new();
        let mut in_paragraph = false;
        for event in Parser::new_ext(markdown, options) {
            match event {
                Event::Start(Tag::BlockQuote(_)) => depth += 1,
                Event::End(TagEnd::BlockQuote(_)) => depth -= 1,
                Event::Start(Tag::Paragraph) => {
                    in_paragraph = true;
                    paragraph.clear();
                }
                Event::End(TagEnd::Paragraph) => {
                    in_paragraph = false;
                    if depth > 0 {
                        quotes.push(paragraph.clone());
                    } else if let Some(note) = paragraph.strip_prefix("Note: ") {
                        notes.push(note.to_string());
                    }
                }
                Event::Text(t) | Event::Code(t) if in_paragraph => paragraph.push_str(&t),
                Event::SoftBreak | Event::HardBreak if in_paragraph => paragraph.push(' '),
                _ => {}
            }
        }
        (quotes, notes)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn export_then_parse_gives_back_the_highlights(
            note in "[a-zA-Z0-9 *_#<>`\\[\\]()!|~&\\\\.+=-]{1,40}",
            sentence in 0usize..6,
        ) {
            let note = note.trim().to_string();
            prop_assume!(!note.is_empty());
            let mut library = crossread::Library::temporary().unwrap();
            library.add(&[common::fixture("seeds/002_48417b3ccf798182.txt")], &mut |_| {}).unwrap();
            let id = library.list()[0].id.clone();
            let stored = library.article(&id).unwrap().unwrap();
            let body = stored.article.body();
            let (start, end) = stored.sentences[sentence + 1];
            library
                .mark_range(&id, &body, start, end, Some(note.clone()), vec![])
                .unwrap();
            let markdown = crossread::export::export_markdown(&library, &Default::default()).unwrap();
            let (quotes, notes) = parsed_quotes_and_notes(&markdown);
            prop_assert_eq!(&quotes[0], &body[start..end]);
            prop_assert_eq!(&notes[0], &note);
        }
    }
}

/// What an export shows under each "Also reported by" heading: per top-level entry, its
/// title and the number of sentences listed beneath it.
fn also_reported_entries(markdown: &str) -> Vec<Vec<(String, usize)>> {
    let mut sections: Vec<Vec<(String, usize)>> = Vec::new();
    let mut in_heading = false;
    let mut heading = String::new();
    let mut collecting = false;
    let mut depth = 0;
    let mut in_title = false;
    let mut options = Options::empty();
    options.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                heading.clear();
                collecting = false;
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                if heading == "Also reported by" {
                    collecting = true;
                    sections.push(Vec::new());
                }
            }
            Event::Start(Tag::Item) if collecting => {
                depth += 1;
                let section = sections.last_mut().unwrap();
                if depth == 1 {
                    section.push((String::new(), 0));
                } else if let Some(entry) = section.last_mut() {
                    entry.1 += 1;
                }
            }
            Event::End(TagEnd::Item) if collecting => depth -= 1,
            Event::Start(Tag::Emphasis) if collecting && depth == 1 => in_title = true,
            Event::End(TagEnd::Emphasis) => in_title = false,
            Event::Text(t) => {
                if in_heading {
                    heading.push_str(&t);
                } else if in_title
                    && let Some(entry) = sections.last_mut().and_then(|s| s.last_mut())
                {
                    entry.0.push_str(&t);
                }
            }
            _ => {}
        }
    }
    sections
}

#[test]
fn export_lists_each_other_article_once_with_its_sentences() {
    let dir = library_dir();
    let inputs = tempfile::tempdir().unwrap();
    let id = seeded(dir.path(), inputs.path(), "According to CNBC");
    for text in [
        "OpenAI is in confidential talks with Amazon about a potential investment that could exceed $10 billion",
        "Amazon has already invested at least $8 billion into OpenAI rival Anthropic",
    ] {
        mark(dir.path(), &id, text, &[]);
    }
    let out = crossread(dir.path(), &["export"]);
    assert!(out.status.success());
    let markdown = String::from_utf8(out.stdout).unwrap();
    let sections = also_reported_entries(&markdown);
    assert_eq!(
        sections.len(),
        1,
        "one section for the one article:\n{markdown}"
    );
    let entries = &sections[0];
    let titles: std::collections::HashSet<&str> = entries.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(
        titles.len(),
        entries.len(),
        "an article listed twice:\n{markdown}"
    );
    // The other sample articles report the investment talks (the scorer links three or four).
    assert!((3..=4).contains(&entries.len()), "{markdown}");
    // Each entry lists its matching sentences beneath it (how many depends on which of an
    // article's sentences the scorer pairs, and ties between them on the temporary paths).
    assert!(
        entries.iter().all(|(_, sentences)| *sentences >= 1),
        "{markdown}"
    );
    // Which figure is named first depends on which mention anchors the claim (ids come from
    // the temporary paths); either way both figures and the bound are said.
    assert!(
        markdown.lines().any(|l| {
            let l = l.to_lowercase();
            l.contains("**contradicts** (")
                && l.contains("exceed $10 billion")
                && l.contains("$50 billion")
                && l.contains("(within that bound)")
        }),
        "{markdown}"
    );
    // Every matching sentence says its stance: agrees, or contradicts with the figures.
    let stances: Vec<&str> = markdown
        .lines()
        .skip_while(|l| !l.starts_with("### Also reported by"))
        .filter(|l| l.starts_with("  - "))
        .collect();
    assert!(!stances.is_empty(), "{markdown}");
    assert!(
        stances
            .iter()
            .all(|l| l.starts_with("  - Agrees: “") || l.starts_with("  - **Contradicts** (")),
        "{markdown}"
    );
}

#[test]
fn an_ecbplus_article_heading_shows_its_source_and_link() {
    let dir = library_dir();
    for name in ["1_10ecb.md", "1_10ecbplus.md"] {
        assert!(
            crossread(
                dir.path(),
                &["add", fixture(&format!("ecbplus/{name}")).to_str().unwrap()]
            )
            .status
            .success()
        );
    }
    let list = json(&crossread(dir.path(), &["list", "--json"]));
    let id = list["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["source"] == "ECB+ 1_10ecbplus")
        .map(|a| a["id"].as_str().unwrap().to_string())
        .unwrap();
    mark(
        dir.path(),
        &id,
        "Lindsay Lohan has checked into the Betty Ford Center",
        &[],
    );
    let markdown = String::from_utf8(crossread(dir.path(), &["export"]).stdout).unwrap();
    // The heading, then the source in italics and the link, as CommonMark reads it.
    let mut options = Options::empty();
    options.insert(Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    let mut after_heading = false;
    let mut emphasis = false;
    let mut source = String::new();
    let mut links = Vec::new();
    for event in Parser::new_ext(&markdown, options) {
        match event {
            Event::End(TagEnd::Heading(pulldown_cmark::HeadingLevel::H2)) => after_heading = true,
            Event::Start(Tag::Emphasis) if after_heading => emphasis = true,
            Event::End(TagEnd::Emphasis) => emphasis = false,
            Event::Text(t) if emphasis => source.push_str(&t),
            Event::Start(Tag::Link { dest_url, .. }) if after_heading => {
                links.push(dest_url.to_string())
            }
            Event::End(TagEnd::Paragraph) if after_heading => break,
            _ => {}
        }
    }
    assert_eq!(source, "ECB+ 1_10ecbplus", "{markdown}");
    assert_eq!(
        links,
        ["http://articles.latimes.com/2013/may/03/local/la-me-0504-lohan-rehab-20130504"]
    );
}

#[test]
fn export_takes_a_template_and_names_the_line_of_a_broken_one() {
    let dir = library_dir();
    let inputs = tempfile::tempdir().unwrap();
    let id = seeded(dir.path(), inputs.path(), "According to CNBC");
    mark(
        dir.path(),
        &id,
        "could exceed $10 billion",
        &["--note", "check *this*", "--tag", "money talks"],
    );
    let template = inputs.path().join("readwise.md");
    std::fs::write(
        &template,
        "{% for a in articles %}\n# {{ a.title | md }}\n{% for h in a.highlights %}\n- {{ h.text }} ({{ h.note | md }}) {% for t in h.tags %}#{{ t | tag }}{% endfor %}\n\n{% endfor %}\n{% for o in a.also_reported %}\n* {{ o.title }}: {{ o.sentences | length }}\n{% endfor %}\n{% endfor %}\n",
    )
    .unwrap();
    let out = crossread(
        dir.path(),
        &["export", "--template", template.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("# According to CNBC"), "{text}");
    assert!(
        text.contains("- could exceed $10 billion (check \\*this\\*) #money-talks\n"),
        "{text}"
    );
    assert!((3..=4).contains(&text.matches("\n* ").count()), "{text}");

    std::fs::write(&template, "fine\n{% for a in articles %}\n{{ a.title }\n").unwrap();
    let out = crossread(
        dir.path(),
        &["export", "--template", template.to_str().unwrap()],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("readwise.md:3"), "{stderr}");
}

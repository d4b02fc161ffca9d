//! The `crossread` binary: JSON interfaces, exit codes and plain output.

mod common;

use common::{crossread, fixture, json, library_dir};

#[test]
fn add_list_and_search_json_shapes() {
    let dir = library_dir();
    let seeds = fixture("seeds");
    let add = crossread(dir.path(), &["add", seeds.to_str().unwrap()]);
    assert!(add.status.success());
    let text = String::from_utf8_lossy(&add.stdout);
    assert!(
        text.contains("5 added, 0 updated, 0 unchanged, 0 skipped, 0 failed"),
        "{text}"
    );

    let list = json(&crossread(dir.path(), &["list", "--json"]));
    let articles = list["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 5);
    for a in articles {
        let keys: Vec<&str> = a.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys.len(), 6, "{keys:?}");
        for key in ["id", "title", "source", "path", "url", "published"] {
            assert!(a.get(key).is_some(), "missing {key}");
        }
        assert!(a["path"].as_str().unwrap().ends_with(".txt"));
    }

    let search = json(&crossread(
        dir.path(),
        &["search", "Trainium", "--limit", "2", "--json"],
    ));
    assert_eq!(search["query"], "Trainium");
    let hits = search["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2);
    for hit in hits {
        for key in [
            "id",
            "title",
            "source",
            "path",
            "score",
            "snippet",
            "highlights",
        ] {
            assert!(hit.get(key).is_some(), "missing {key}");
        }
        let snippet = hit["snippet"].as_str().unwrap();
        let first = &hit["highlights"][0];
        let (start, end) = (
            first[0].as_u64().unwrap() as usize,
            first[1].as_u64().unwrap() as usize,
        );
        assert_eq!(&snippet[start..end], "Trainium");
    }

    let again = crossread(dir.path(), &["add", seeds.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 added, 0 updated, 5 unchanged"));
}

#[test]
fn search_in_inputs_leaves_the_library_alone() {
    let dir = library_dir();
    let out = crossread(
        dir.path(),
        &[
            "search",
            "--in",
            fixture("ecbplus").to_str().unwrap(),
            "--json",
            "escaped",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!json(&out)["hits"].as_array().unwrap().is_empty());
    let list = json(&crossread(dir.path(), &["list", "--json"]));
    assert!(list["articles"].as_array().unwrap().is_empty());
}

#[test]
fn exit_codes_follow_input_outcomes() {
    let dir = library_dir();
    let ok = crossread(
        dir.path(),
        &["add", fixture("feeds/atom_example_1.xml").to_str().unwrap()],
    );
    assert_eq!(ok.status.code(), Some(0));
    let failed = crossread(
        dir.path(),
        &[
            "add",
            fixture("feeds/rss_2.0_invalid_1.xml").to_str().unwrap(),
            "/no/such/file.txt",
        ],
    );
    assert_eq!(failed.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&failed.stdout);
    assert!(
        stdout.contains("/no/such/file.txt") && stdout.contains("no such file"),
        "{stdout}"
    );
    let usage = crossread(dir.path(), &["search"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn plain_search_output_has_no_escape_codes_when_piped() {
    let dir = library_dir();
    crossread(dir.path(), &["add", fixture("seeds").to_str().unwrap()]);
    let out = crossread(dir.path(), &["search", "OpenAI"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("1. "));
    assert!(!text.contains('\u{1b}'));
}

#[test]
fn the_reader_refuses_to_start_without_a_terminal() {
    let dir = library_dir();
    let out = crossread(dir.path(), &[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a terminal"));
}

#[test]
fn entities_json_shape_and_offsets() {
    let dir = library_dir();
    let out = crossread(
        dir.path(),
        &[
            "entities",
            "--json",
            fixture("seeds/002_48417b3ccf798182.txt").to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value = json(&out);
    let article = &value["articles"][0];
    for key in ["id", "path", "title", "body", "entities"] {
        assert!(article.get(key).is_some(), "missing {key}");
    }
    let body = article["body"].as_str().unwrap();
    let entities = article["entities"].as_array().unwrap();
    let mut money_50bn = false;
    for e in entities {
        for key in [
            "kind",
            "text",
            "start",
            "end",
            "value",
            "unit",
            "qualifier",
            "normalized",
        ] {
            assert!(e.get(key).is_some(), "entity missing {key}: {e}");
        }
        let (start, end) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&body[start..end], e["text"].as_str().unwrap());
        if e["kind"] == "MONEY" && e["text"] == "$50 billion" {
            assert_eq!(e["value"].as_f64(), Some(5e10));
            assert_eq!(e["unit"], "USD");
            money_50bn = true;
        }
    }
    assert!(money_50bn);
    assert!(
        entities
            .iter()
            .any(|e| e["kind"] == "ORG" && e["text"] == "OpenAI")
    );
    // The user's library is untouched by a throwaway analysis.
    let list = json(&crossread(dir.path(), &["list", "--json"]));
    assert!(list["articles"].as_array().unwrap().is_empty());
}

#[test]
fn claims_json_shape_and_a_conflict_on_the_seeds() {
    let dir = library_dir();
    let out = crossread(
        dir.path(),
        &["claims", "--json", fixture("seeds").to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value = json(&out);
    let articles = value["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 5);
    for a in articles {
        for key in ["id", "path", "title", "source"] {
            assert!(a.get(key).is_some(), "article missing {key}");
        }
    }
    let claims = value["claims"].as_array().unwrap();
    assert!(!claims.is_empty());
    let mut conflict_seen = false;
    for claim in claims {
        for key in ["id", "summary", "mentions"] {
            assert!(claim.get(key).is_some(), "claim missing {key}");
        }
        let mentions = claim["mentions"].as_array().unwrap();
        let distinct: std::collections::HashSet<&str> = mentions
            .iter()
            .map(|m| m["article"].as_str().unwrap())
            .collect();
        assert!(
            distinct.len() >= 2,
            "a claim made by one article only: {claim}"
        );
        for m in mentions {
            let keys: Vec<&str> = m.as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(keys.len(), 8, "{keys:?}");
            for key in [
                "article",
                "sentence",
                "start",
                "end",
                "stance",
                "values",
                "attribution",
                "certainty",
            ] {
                assert!(m.get(key).is_some(), "mention missing {key}");
            }
            let stance = m["stance"].as_str().unwrap();
            assert!(stance == "support" || stance == "conflict");
            if stance == "conflict" {
                conflict_seen = true;
            }
            let certainty = m["certainty"].as_str().unwrap();
            assert!(
                ["certain", "probable", "possible", "denied"].contains(&certainty),
                "{certainty}"
            );
            for a in m["attribution"].as_array().unwrap() {
                assert_eq!(a.as_object().unwrap().len(), 2, "{a}");
                assert!(!a["source"].as_str().unwrap().is_empty());
                let role = a["role"].as_str().unwrap();
                assert!(
                    ["according_to", "first_reported", "anonymous"].contains(&role),
                    "{role}"
                );
            }
        }
    }
    assert!(
        conflict_seen,
        "the $10 billion vs $50 billion conflict is reported"
    );
    let mention = |opening: &str| {
        claims
            .iter()
            .flat_map(|c| c["mentions"].as_array().unwrap())
            .find(|m| m["sentence"].as_str().unwrap().starts_with(opening))
            .unwrap_or_else(|| panic!("no mention opens with {opening:?}"))
            .clone()
    };
    let ten_billion = mention("According to CNBC, OpenAI is in confidential talks");
    assert_eq!(
        ten_billion["attribution"],
        serde_json::json!([
            {"source": "CNBC", "role": "according_to"},
            {"source": "The Information", "role": "first_reported"}
        ])
    );
    assert_eq!(ten_billion["certainty"], "possible");
    let anonymous = mention("Amazon is negotiating a deal that could see it invest");
    assert_eq!(anonymous["attribution"][0]["role"], "anonymous");
    assert_eq!(
        anonymous["attribution"][0]["source"],
        "sources familiar with the discussions"
    );
    let invested = mention("Amazon has already invested at least $8 billion");
    assert_eq!(invested["certainty"], "certain");
}

#[test]
fn coverage_json_shape_rows_and_a_conflict_cell_on_the_seeds() {
    let dir = library_dir();
    let seeds = fixture("seeds");
    let out = crossread(dir.path(), &["coverage", "--json", seeds.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value = json(&out);
    // serde_json's map lists keys sorted.
    let keys =
        |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(keys(&value), ["articles", "rows"]);
    let articles = value["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 5);
    let mut ids = std::collections::HashSet::new();
    for a in articles {
        assert_eq!(keys(a), ["id", "published", "source", "title"]);
        ids.insert(a["id"].as_str().unwrap());
    }
    let rows = value["rows"].as_array().unwrap();
    assert!(rows.len() >= 5, "{} rows", rows.len());
    let mut conflict = None;
    let mut previous_sources = usize::MAX;
    for row in rows {
        assert_eq!(keys(row), ["cells", "claim", "summary"]);
        let cells = row["cells"].as_array().unwrap();
        assert!(cells.len() >= 2 && cells.len() <= 5);
        assert!(cells.len() <= previous_sources, "rows ordered by sources");
        previous_sources = cells.len();
        let mut seen = std::collections::HashSet::new();
        for cell in cells {
            assert_eq!(keys(cell), ["article", "certainty", "stance", "values"]);
            let article = cell["article"].as_str().unwrap();
            assert!(ids.contains(article) && seen.insert(article), "{cell}");
            let stance = cell["stance"].as_str().unwrap();
            assert!(stance == "support" || stance == "conflict");
            if stance == "conflict" {
                conflict = Some(cell.clone());
            }
        }
    }
    let conflict = conflict.expect("a conflict cell");
    assert_eq!(conflict["values"][0]["text"], "$10 billion");
    assert_eq!(conflict["certainty"], "possible");

    let text = crossread(dir.path(), &["coverage", seeds.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("$10 billion · via CNBC, first: The Information · possible"),
        "{text}"
    );
    // The talks claim: every article that reports it is an independent source.
    assert!(
        text.contains("5 sources, 5 independent") || text.contains("4 sources, 4 independent"),
        "{text}"
    );
}

#[test]
fn invalid_configs_name_file_line_and_key() {
    let dir = library_dir();
    for (name, line, key) in [
        ("unknown_action.toml", 3, "jump_around"),
        ("bad_colour.toml", 2, "money"),
        ("bad_key.toml", 2, "Hyper-j"),
        ("bad_sort.toml", 2, "sort"),
        ("broken_toml.toml", 1, ""),
    ] {
        let path = fixture("invalid_configs").join(name);
        let out = crossread(dir.path(), &["--config", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("{}:{line}:", path.display())),
            "{name}: {stderr}"
        );
        assert!(stderr.contains(key), "{name}: {stderr}");
    }
    let missing = crossread(dir.path(), &["--config", "/no/such/config.toml"]);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/no/such/config.toml"));
}

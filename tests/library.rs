//! The library: incremental adds, removal, search, locking and bad inputs.

mod common;

use std::fs;
use std::io::Write;

use common::{fixture, library_dir, no_progress};
use crossread::library::AddStatus;
use crossread::{Library, LibraryError};

#[test]
fn re_adding_is_incremental() {
    let dir = library_dir();
    let inputs = tempfile::tempdir().unwrap();
    for name in ["000_96b79c2ca8872afe.txt", "003_31cf9df19f39d1bd.txt"] {
        fs::copy(fixture("seeds").join(name), inputs.path().join(name)).unwrap();
    }
    let mut library = Library::open(dir.path()).unwrap();
    let first = library
        .add(&[inputs.path().to_path_buf()], &mut no_progress())
        .unwrap();
    assert_eq!(first.count(AddStatus::Added), 2);

    // Reopen: the catalog persisted, nothing changed.
    let mut library = Library::open(dir.path()).unwrap();
    let second = library
        .add(&[inputs.path().to_path_buf()], &mut no_progress())
        .unwrap();
    assert_eq!(second.count(AddStatus::Unchanged), 2);
    assert_eq!(second.count(AddStatus::Added), 0);

    // Change one file: it replaces its old version under the same id.
    let changed = inputs.path().join("003_31cf9df19f39d1bd.txt");
    let mut file = fs::OpenOptions::new().append(true).open(&changed).unwrap();
    writeln!(file, "\nA late correction paragraph about Trainium supply.").unwrap();
    drop(file);
    let third = library
        .add(&[inputs.path().to_path_buf()], &mut no_progress())
        .unwrap();
    assert_eq!(third.count(AddStatus::Updated), 1);
    assert_eq!(third.count(AddStatus::Unchanged), 1);
    assert_eq!(library.len(), 2);
    let hits = library.search("correction", 10).unwrap().hits;
    assert_eq!(hits.len(), 1, "the updated text is searchable, once");

    // Remove drops it from the list and from search.
    let id = hits[0].id.clone();
    assert!(
        library
            .remove(std::slice::from_ref(&id))
            .unwrap()
            .is_empty()
    );
    assert_eq!(library.len(), 1);
    assert!(library.search("correction", 10).unwrap().hits.is_empty());
    assert!(library.article(&id).unwrap().is_none());
}

#[test]
fn search_ranks_and_highlights_snippets() {
    let mut library = Library::temporary().unwrap();
    library
        .add(&[fixture("seeds"), fixture("ecbplus")], &mut no_progress())
        .unwrap();
    let results = library.search("Trainium", 10).unwrap();
    assert!(results.hits.len() >= 2);
    for hit in &results.hits {
        assert!(!hit.highlights.is_empty(), "{hit:?}");
        for [start, end] in &hit.highlights {
            assert_eq!(hit.snippet[*start..*end].to_lowercase(), "trainium");
        }
    }
    // Phrases, boolean operators and fields work.
    let phrase = library.search("\"chips-for-equity\"", 10).unwrap();
    assert_eq!(phrase.hits.len(), 2);
    let not = library.search("Amazon NOT Trainium", 10).unwrap();
    assert!(
        not.hits
            .iter()
            .all(|h| !results.hits.iter().any(|r| r.id == h.id))
    );
    // An excluded phrase removes exactly the articles that contain it.
    let all_amazon = library.search("Amazon", 20).unwrap().hits.len();
    let without = library.search("Amazon -\"chips-for-equity\"", 20).unwrap();
    assert_eq!(without.hits.len(), all_amazon - 2);
    assert!(
        without
            .hits
            .iter()
            .all(|h| !phrase.hits.iter().any(|p| p.id == h.id))
    );
    let title = library.search("title:escape", 10).unwrap();
    assert_eq!(title.hits.len(), 1);
    assert!(title.hits[0].title.starts_with("Escape renews calls"));
}

#[test]
fn malformed_query_searches_what_it_can() {
    let mut library = Library::temporary().unwrap();
    library
        .add(&[fixture("seeds")], &mut no_progress())
        .unwrap();
    let results = library.search("Trainium AND title:(", 10).unwrap();
    assert!(!results.ignored.is_empty() || !results.hits.is_empty());
    let results = library.search("nosuchfield:x Trainium", 10).unwrap();
    assert!(!results.ignored.is_empty(), "unknown field is reported");
    assert!(!results.hits.is_empty(), "the rest of the query still runs");
}

#[test]
fn bad_inputs_are_reported_and_the_rest_is_added() {
    let dir = library_dir();
    let inputs = tempfile::tempdir().unwrap();
    let p = inputs.path();
    fs::write(p.join("empty.txt"), "  \n\n").unwrap();
    fs::write(p.join("image.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    fs::write(
        p.join("latin1.txt"),
        b"Caf\xe9 owners protest\n\nPrices rose 20% in M\xfcnchen.\n",
    )
    .unwrap();
    fs::write(
        p.join("broken.md"),
        "---\ntitle: Never closed\n\nBody words here.\n",
    )
    .unwrap();
    fs::copy(fixture("feeds/rss_2.0_invalid_1.xml"), p.join("bad.xml")).unwrap();
    let huge = fs::File::create(p.join("huge.txt")).unwrap();
    huge.set_len(51 * 1024 * 1024).unwrap();
    drop(huge);
    fs::copy(
        fixture("seeds/001_10130c30afdc7a7e.txt"),
        p.join("good.txt"),
    )
    .unwrap();

    let mut library = Library::open(dir.path()).unwrap();
    library
        .add(&[fixture("ecbplus")], &mut no_progress())
        .unwrap();
    let before = library.len();
    let report = library
        .add(
            &[p.to_path_buf(), p.join("missing.txt")],
            &mut no_progress(),
        )
        .unwrap();
    let status_of = |name: &str| {
        report
            .entries
            .iter()
            .find(|e| e.path.ends_with(name))
            .unwrap_or_else(|| panic!("{name} not reported: {report:?}"))
    };
    assert_eq!(status_of("empty.txt").status, AddStatus::Skipped);
    assert_eq!(status_of("image.txt").status, AddStatus::Skipped);
    assert!(
        status_of("image.txt")
            .reason
            .as_deref()
            .unwrap()
            .contains("binary")
    );
    assert_eq!(status_of("huge.txt").status, AddStatus::Skipped);
    assert!(
        status_of("huge.txt")
            .reason
            .as_deref()
            .unwrap()
            .contains("50 MB")
    );
    assert_eq!(status_of("bad.xml").status, AddStatus::Failed);
    assert_eq!(status_of("missing.txt").status, AddStatus::Failed);
    assert_eq!(status_of("latin1.txt").status, AddStatus::Added);
    assert_eq!(status_of("broken.md").status, AddStatus::Added);
    assert_eq!(status_of("good.txt").status, AddStatus::Added);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("latin1.txt") && w.contains("UTF-8"))
    );
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("broken.md") && w.contains("never closed"))
    );
    assert_eq!(
        library.len(),
        before + 3,
        "nothing already in the library is lost"
    );
    let latin = library.search("owners", 5).unwrap();
    assert_eq!(latin.hits[0].title, "Caf\u{fffd} owners protest");
}

#[test]
fn a_second_writer_is_told_who_holds_the_library() {
    let dir = library_dir();
    let mut library = Library::open(dir.path()).unwrap();
    library
        .add(&[fixture("ecbplus")], &mut no_progress())
        .unwrap();
    // Another process holding the lock (a separate open file description conflicts).
    let lock_path = dir.path().join("write.lock");
    let holder = fs::OpenOptions::new().write(true).open(&lock_path).unwrap();
    // Other tests of this binary start child processes; a child forked while a lock file was
    // open shares that lock until it execs, so allow the lock a moment to come free.
    let mut tries = 0;
    while holder.try_lock().is_err() {
        tries += 1;
        assert!(
            tries < 100,
            "the write lock stayed taken after add returned"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    fs::write(&lock_path, "4242").unwrap();
    let err = library
        .add(&[fixture("seeds")], &mut no_progress())
        .unwrap_err();
    match &err {
        LibraryError::Busy { holder, .. } => assert_eq!(holder.as_deref(), Some("4242")),
        other => panic!("expected Busy, got {other:?}"),
    }
    assert!(err.to_string().contains("pid 4242"));
    // Readers keep working meanwhile.
    assert_eq!(Library::open(dir.path()).unwrap().len(), 3);
    drop(holder);
    let mut outcome = library.add(&[fixture("seeds")], &mut no_progress());
    for _ in 0..100 {
        if !matches!(outcome, Err(LibraryError::Busy { .. })) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        outcome = library.add(&[fixture("seeds")], &mut no_progress());
    }
    assert!(outcome.is_ok(), "{outcome:?}");
}

#[test]
fn stored_articles_keep_the_cleaned_body() {
    let mut library = Library::temporary().unwrap();
    let report = library
        .add(
            &[fixture("seeds/002_48417b3ccf798182.txt")],
            &mut no_progress(),
        )
        .unwrap();
    let id = report.entries[0].id.clone().unwrap();
    let stored = library.article(&id).unwrap().unwrap();
    assert!(
        stored
            .article
            .body()
            .starts_with("Amazon is reportedly negotiating")
    );
    assert!(!stored.sentences.is_empty());
    let body = stored.article.body();
    for (start, end) in &stored.sentences {
        assert!(body.is_char_boundary(*start) && body.is_char_boundary(*end));
    }
}

#[test]
fn a_foreign_catalog_gives_a_clear_error_and_doctor_recovers() {
    let dir = library_dir();
    let inputs = tempfile::tempdir().unwrap();
    fs::copy(
        fixture("seeds/001_10130c30afdc7a7e.txt"),
        inputs.path().join("a.txt"),
    )
    .unwrap();
    Library::open(dir.path())
        .unwrap()
        .add(&[inputs.path().to_path_buf()], &mut no_progress())
        .unwrap();
    let good_catalog = fs::read(dir.path().join("catalog.jsonl")).unwrap();
    fs::write(dir.path().join("catalog.jsonl"), "<html>not ours</html>").unwrap();
    let err = Library::open(dir.path())
        .err()
        .expect("corrupt catalog is refused");
    let message = err.to_string();
    assert!(
        message.contains("catalog.jsonl") && message.contains("crossread doctor"),
        "{message}"
    );
    // With the catalog back but the index destroyed, doctor --rebuild restores everything.
    fs::write(dir.path().join("catalog.jsonl"), good_catalog).unwrap();
    fs::remove_dir_all(dir.path().join("index")).unwrap();
    fs::create_dir_all(dir.path().join("index")).unwrap();
    fs::write(dir.path().join("index/meta.json"), "garbage").unwrap();
    assert!(Library::open(dir.path()).is_err());
    let out = common::crossread(dir.path(), &["doctor", "--rebuild"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let library = Library::open(dir.path()).unwrap();
    assert_eq!(library.len(), 1);
    assert!(!library.search("Anthropic", 5).unwrap().hits.is_empty());
}

/// Writes `copies` copies of the sample articles into `dir` under new names; returns the
/// sample articles' paths.
fn seed_copies(dir: &std::path::Path, copies: usize) -> Vec<std::path::PathBuf> {
    let seeds: Vec<_> = fs::read_dir(fixture("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for copy in 0..copies {
        for seed in &seeds {
            let name = format!("{copy}-{}", seed.file_name().unwrap().to_string_lossy());
            fs::copy(seed, dir.join(name)).unwrap();
        }
    }
    seeds
}

#[test]
fn kill_during_add_leaves_a_library_that_opens_and_converges() {
    let dir = library_dir();
    let inputs = tempfile::tempdir().unwrap();
    // Enough files that an add takes a while.
    let seeds = seed_copies(inputs.path(), 40);
    let add = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_crossread"))
            .arg("--library")
            .arg(dir.path())
            .arg("add")
            .arg(inputs.path())
            .env_remove("CROSSREAD_LIBRARY")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    for round in 0..8u64 {
        let mut child = add();
        std::thread::sleep(std::time::Duration::from_millis(40 + round * 60));
        let _ = child.kill();
        child.wait().unwrap();
        // After every kill the library opens and searches the last committed state.
        let library = Library::open(dir.path()).expect("library opens after kill -9");
        library
            .search("OpenAI", 3)
            .expect("search works after kill -9");
    }
    let status = add().wait().unwrap();
    assert!(status.success());
    let library = Library::open(dir.path()).unwrap();
    assert_eq!(library.len(), seeds.len() * 40);
    assert!(!library.search("Trainium", 5).unwrap().hits.is_empty());
}

#[test]
fn two_readers_and_a_writer_at_once() {
    let dir = library_dir();
    let inputs = tempfile::tempdir().unwrap();
    let seeds = seed_copies(inputs.path(), 30);
    // Something committed before the writer starts.
    Library::open(dir.path())
        .unwrap()
        .add(&[fixture("ecbplus")], &mut no_progress())
        .unwrap();
    let mut writer = std::process::Command::new(env!("CARGO_BIN_EXE_crossread"))
        .arg("--library")
        .arg(dir.path())
        .arg("add")
        .arg(inputs.path())
        .env_remove("CROSSREAD_LIBRARY")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let readers: Vec<_> = (0..2)
        .map(|_| {
            let path = dir.path().to_path_buf();
            std::thread::spawn(move || {
                let mut seen = 0;
                for _ in 0..20 {
                    let library = Library::open(&path).expect("a reader opens while writing");
                    assert!(library.len() >= 3, "committed articles stay visible");
                    library
                        .search("escaped", 5)
                        .expect("a reader searches while writing");
                    seen = seen.max(library.len());
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                seen
            })
        })
        .collect();
    // Once the writer holds the lock, a second writer is refused with the holder named.
    let lock = dir.path().join("write.lock");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while fs::read_to_string(&lock).unwrap_or_default().trim() != writer.id().to_string() {
        assert!(
            std::time::Instant::now() < deadline,
            "writer never took the lock"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let mut second = Library::open(dir.path()).unwrap();
    if let Err(err) = second.add(&[fixture("seeds")], &mut no_progress()) {
        assert!(matches!(err, crossread::LibraryError::Busy { .. }), "{err}");
        assert!(
            err.to_string().contains(&format!("pid {}", writer.id())),
            "{err}"
        );
    }
    for reader in readers {
        reader.join().expect("reader thread");
    }
    assert!(writer.wait().unwrap().success());
    let library = Library::open(dir.path()).unwrap();
    assert!(library.len() >= 3 + seeds.len() * 30);
}

#[test]
fn hostile_sizes_and_shapes_are_bounded_and_the_batch_continues() {
    let inputs = tempfile::tempdir().unwrap();
    let p = inputs.path();
    // One 8 MB line of words without a newline.
    let long_line = "word ".repeat(1_600_000);
    fs::write(p.join("long-line.txt"), format!("Long line\n\n{long_line}")).unwrap();
    // 100,000 nested elements.
    let nested = format!(
        "<!DOCTYPE html><html><head><title>Deep</title></head><body>{}<p>Inside the nest there is text.</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    fs::write(p.join("nested.html"), nested).unwrap();
    // The "billion laughs" entity expansion bomb.
    let mut bomb =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
    for level in 1..10 {
        bomb.push_str(&format!(
            "<!ENTITY lol{level} \"{}\">\n",
            format!(
                "&lol{};",
                if level == 1 {
                    String::new()
                } else {
                    (level - 1).to_string()
                }
            )
            .repeat(10)
        ));
    }
    bomb.push_str("]>\n<rss version=\"2.0\"><channel><title>Bomb</title><item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>\n");
    fs::write(p.join("bomb.xml"), bomb).unwrap();
    fs::copy(
        fixture("seeds/003_31cf9df19f39d1bd.txt"),
        p.join("good.txt"),
    )
    .unwrap();

    let started = std::time::Instant::now();
    let mut library = Library::temporary().unwrap();
    let report = library.add(&[p.to_path_buf()], &mut no_progress()).unwrap();
    assert!(
        started.elapsed() < std::time::Duration::from_secs(120),
        "took {:?}",
        started.elapsed()
    );
    let status_of = |name: &str| {
        report
            .entries
            .iter()
            .find(|e| e.path.ends_with(name))
            .map(|e| e.status)
            .unwrap_or_else(|| panic!("{name} not reported: {report:?}"))
    };
    assert_eq!(
        status_of("good.txt"),
        AddStatus::Added,
        "the batch continues"
    );
    assert_eq!(status_of("long-line.txt"), AddStatus::Added);
    // The nested page and the bomb are either read (bounded) or refused with a reason.
    for name in ["nested.html", "bomb.xml"] {
        let entry = report
            .entries
            .iter()
            .find(|e| e.path.ends_with(name))
            .unwrap();
        assert!(
            entry.status == AddStatus::Added || entry.reason.is_some(),
            "{name}: {entry:?}"
        );
        if let Some(id) = &entry.id {
            let stored = library.article(id).unwrap().unwrap();
            assert!(stored.article.body().len() < 1_000_000, "{name} expanded");
        }
    }
}

/// Copies the library that `main` wrote before the journals (catalog.json, links.json and a
/// tantivy index; the 5 sample articles, added from /tmp/oldlib-inputs) into a new folder.
fn legacy_library() -> tempfile::TempDir {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        fs::create_dir_all(to).unwrap();
        for entry in fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy(&entry.path(), &target);
            } else {
                fs::copy(entry.path(), target).unwrap();
            }
        }
    }
    let dir = library_dir();
    copy(&fixture("library-v2"), dir.path());
    dir
}

#[test]
fn a_library_written_before_the_journals_opens_and_is_converted_by_its_first_write() {
    let dir = legacy_library();
    let listed = |dir: &std::path::Path| common::json(&common::crossread(dir, &["list", "--json"]));
    let claims =
        |dir: &std::path::Path| common::json(&common::crossread(dir, &["claims", "--json"]));
    let (list_before, claims_before) = (listed(dir.path()), claims(dir.path()));
    assert_eq!(list_before["articles"].as_array().unwrap().len(), 5);
    let library = Library::open(dir.path()).unwrap();
    assert_eq!(library.links().unwrap().links.len(), 73);
    assert!(!library.search("Trainium", 5).unwrap().hits.is_empty());
    drop(library);
    // Reading changes nothing on disk.
    assert!(dir.path().join("catalog.json").exists() && dir.path().join("links.json").exists());

    // The first write converts both files to journals and removes the old ones.
    let mut library = Library::open(dir.path()).unwrap();
    assert_eq!(
        library.remove(&["no-such-id".to_string()]).unwrap(),
        ["no-such-id"]
    );
    for (old, new) in [
        ("catalog.json", "catalog.jsonl"),
        ("links.json", "links.jsonl"),
    ] {
        assert!(!dir.path().join(old).exists(), "{old} is left");
        assert!(dir.path().join(new).exists(), "{new} is missing");
    }
    assert_eq!(listed(dir.path()), list_before);
    assert_eq!(claims(dir.path()), claims_before);

    // And the converted library keeps working: an article is removed with its links.
    let id = list_before["articles"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut library = Library::open(dir.path()).unwrap();
    assert!(
        library
            .remove(std::slice::from_ref(&id))
            .unwrap()
            .is_empty()
    );
    let library = Library::open(dir.path()).unwrap();
    assert_eq!(library.len(), 4);
    let links = library.links().unwrap();
    assert!(!links.links.is_empty());
    assert!(links.mentions.iter().all(|m| m.key.article != id));
    // Its articles predate the stories the claim scorer reads: the doctor says so and how to
    // mend it, without calling the library damaged.
    let doctor = common::crossread(dir.path(), &["doctor"]);
    let said = String::from_utf8_lossy(&doctor.stdout);
    assert!(doctor.status.success(), "{said}");
    assert!(said.contains("0 of 4 articles have a story"), "{said}");
    assert!(said.contains("crossread doctor --rebuild"), "{said}");
}

#[test]
fn a_writer_that_kept_the_library_open_keeps_what_another_process_added() {
    let dir = library_dir();
    let inputs = tempfile::tempdir().unwrap();
    let (first, second) = (inputs.path().join("first"), inputs.path().join("second"));
    for (folder, seed) in [
        (&first, "000_96b79c2ca8872afe.txt"),
        (&second, "004_ee64be6ebc57e438.txt"),
    ] {
        fs::create_dir_all(folder).unwrap();
        fs::copy(fixture("seeds").join(seed), folder.join(seed)).unwrap();
    }
    // Opened before the other process writes, and kept open (as the reader does).
    let mut kept_open = Library::open(dir.path()).unwrap();
    let other = common::crossread(dir.path(), &["add", first.to_str().unwrap()]);
    assert!(other.status.success());
    let report = kept_open.add(&[second], &mut no_progress()).unwrap();
    assert_eq!(report.count(AddStatus::Added), 1);
    assert_eq!(kept_open.len(), 2, "the other process's article is seen");
    let reopened = Library::open(dir.path()).unwrap();
    assert_eq!(reopened.len(), 2, "and not written over");
    // The first seed's claims were linked against the second's.
    assert!(!reopened.links().unwrap().links.is_empty());
}

#[test]
fn claims_and_list_do_not_depend_on_the_number_of_threads() {
    let inputs = tempfile::tempdir().unwrap();
    seed_copies(inputs.path(), 6);
    for name in fs::read_dir(fixture("ecbplus")).unwrap() {
        let path = name.unwrap().path();
        fs::copy(&path, inputs.path().join(path.file_name().unwrap())).unwrap();
    }
    fs::copy(
        fixture("feeds/rss_2.0_nbcny.xml"),
        inputs.path().join("nbcny.xml"),
    )
    .unwrap();
    let outputs: Vec<(Vec<u8>, Vec<u8>)> = ["1", "3"]
        .iter()
        .map(|threads| {
            let dir = library_dir();
            let added = std::process::Command::new(env!("CARGO_BIN_EXE_crossread"))
                .arg("--library")
                .arg(dir.path())
                .arg("add")
                .arg(inputs.path())
                .env_remove("CROSSREAD_LIBRARY")
                .env("RAYON_NUM_THREADS", threads)
                .output()
                .unwrap();
            assert!(added.status.success(), "{added:?}");
            let run = |args: &[&str]| common::crossread(dir.path(), args).stdout;
            (run(&["claims", "--json"]), run(&["list", "--json"]))
        })
        .collect();
    let claims = common::json(&common::crossread(
        library_dir().path(),
        &["claims", "--json", inputs.path().to_str().unwrap()],
    ));
    assert!(
        claims["claims"].as_array().unwrap().len() > 10,
        "enough claims to compare"
    );
    assert!(outputs[0].0 == outputs[1].0, "claims --json differ");
    assert!(outputs[0].1 == outputs[1].1, "list --json differ");
}

#[test]
fn claims_do_not_depend_on_the_order_articles_were_added_in() {
    let inputs = tempfile::tempdir().unwrap();
    seed_copies(inputs.path(), 1);
    for name in fs::read_dir(fixture("ecbplus")).unwrap() {
        let path = name.unwrap().path();
        fs::copy(&path, inputs.path().join(path.file_name().unwrap())).unwrap();
    }
    let mut files: Vec<String> = fs::read_dir(inputs.path())
        .unwrap()
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let at_once = library_dir();
    assert!(
        common::crossread(at_once.path(), &["add", inputs.path().to_str().unwrap()])
            .status
            .success()
    );
    // One file at a time, last first: every add links against what is there so far, and
    // neighbour lists change as the library grows.
    let one_by_one = library_dir();
    for file in files.iter().rev() {
        assert!(
            common::crossread(one_by_one.path(), &["add", file])
                .status
                .success()
        );
    }
    let claims = |dir: &std::path::Path| common::crossread(dir, &["claims", "--json"]).stdout;
    let first = claims(at_once.path());
    assert!(
        common::json(&common::crossread(at_once.path(), &["claims", "--json"]))["claims"]
            .as_array()
            .unwrap()
            .len()
            >= 3,
        "enough claims to compare"
    );
    assert!(first == claims(one_by_one.path()), "claims --json differ");
}

#[cfg(unix)]
#[test]
fn a_link_to_an_enclosing_folder_is_reported_once_and_the_walk_ends() {
    let inputs = tempfile::tempdir().unwrap();
    let root = inputs.path().join("news");
    let inner = root.join("inner");
    fs::create_dir_all(&inner).unwrap();
    fs::copy(
        fixture("seeds/000_96b79c2ca8872afe.txt"),
        root.join("a.txt"),
    )
    .unwrap();
    fs::copy(
        fixture("seeds/003_31cf9df19f39d1bd.txt"),
        inner.join("b.txt"),
    )
    .unwrap();
    // A loop, a second way into a folder already walked, and a link to a file.
    std::os::unix::fs::symlink(&root, inner.join("up")).unwrap();
    std::os::unix::fs::symlink(&inner, root.join("again")).unwrap();
    std::os::unix::fs::symlink(root.join("a.txt"), inner.join("same.txt")).unwrap();

    let started = std::time::Instant::now();
    let mut library = Library::temporary().unwrap();
    let report = library.add(&[root], &mut no_progress()).unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(60));
    let skipped: Vec<_> = report
        .entries
        .iter()
        .filter(|e| e.status == AddStatus::Skipped)
        .collect();
    assert_eq!(skipped.len(), 1, "{report:#?}");
    // Reached through "again" (walked first, in name order) or "inner": the same folder.
    assert!(skipped[0].path.ends_with("/up"), "{:?}", skipped[0]);
    let reason = skipped[0].reason.as_deref().unwrap();
    assert!(
        reason.contains("loop") && reason.contains("news"),
        "{reason}"
    );
    assert_eq!(report.count(AddStatus::Added), 2, "{report:#?}");
    assert_eq!(library.len(), 2);
    assert_eq!(report.count(AddStatus::Failed), 0);
}

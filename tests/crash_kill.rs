//! Kill -9 during `crossread fetch` and `crossread export --out`: the process is killed with
//! SIGKILL at many different moments (while feeds download from a local server, while their
//! articles are added, while the export is computed and written), and after every kill the
//! library still opens and searches, every committed highlight is still listed, the
//! subscription list still reads, and an export file is absent, the previous complete export
//! or the new one, never a partial write. The assertions hold whenever the kill lands.

mod common;
mod support;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use common::{crossread, fixture, json, library_dir};
use serde_json::Value;
use support::{Server, generated_code, generated_items, generated_title};

/// The tests run one at a time: the fetch test starts processes all the time, and a child
/// forked while the export test holds the library's write lock (in this process) holds the
/// lock too until it execs, which makes the export test's own writes find the library busy.
/// Running alone also keeps the kills of one test from being timed on a machine the other loads.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Runs a command that must succeed and print JSON.
fn ok_json(dir: &Path, args: &[&str]) -> Value {
    let output = crossread(dir, args);
    assert!(
        output.status.success(),
        "crossread {args:?} failed after a kill: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    json(&output)
}

/// Starts crossread on a library with no output and no proxy from the environment.
fn spawn(dir: &Path, args: &[&str]) -> std::process::Child {
    let mut command = Command::new(env!("CARGO_BIN_EXE_crossread"));
    command
        .arg("--library")
        .arg(dir)
        .args(args)
        .env_remove("CROSSREAD_LIBRARY")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for var in [
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        command.env_remove(var);
    }
    command.spawn().expect("start crossread")
}

/// Entries of a folder: name, size and modification time.
type FolderState = Vec<(String, u64, Option<std::time::SystemTime>)>;

fn folder_state(dir: &Path) -> FolderState {
    let mut state: FolderState = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| {
                    let entry = e.ok()?;
                    let meta = entry.metadata().ok()?;
                    Some((
                        entry.file_name().to_string_lossy().into_owned(),
                        meta.len(),
                        meta.modified().ok(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    state.sort();
    state
}

/// When to kill a run.
#[derive(Debug, Clone, Copy)]
enum Moment<'a> {
    /// This long after it starts.
    After(Duration),
    /// This long after the file `name` in `folder` (relative to the library or output folder)
    /// starts being written: it changes, or a temporary file for it appears. An empty name
    /// watches every file of the folder.
    OnWrite(&'a str, &'a str, Duration),
}

/// Kills `child` with SIGKILL at `moment` (unless it ended before); true when it ran to a
/// successful end instead.
fn kill_at(mut child: std::process::Child, base: &Path, moment: Moment<'_>) -> bool {
    let delay = match moment {
        Moment::After(delay) => delay,
        Moment::OnWrite(folder, name, delay) => {
            let dir = base.join(folder);
            let temporary = format!(".{name}.tmp-");
            let watched = |state: FolderState| -> FolderState {
                state
                    .into_iter()
                    .filter(|(n, ..)| name.is_empty() || n == name || n.starts_with(&temporary))
                    .collect()
            };
            let before = watched(folder_state(&dir));
            loop {
                if let Some(status) = child.try_wait().expect("poll crossread") {
                    return status.success();
                }
                if watched(folder_state(&dir)) != before {
                    break;
                }
                std::thread::yield_now();
            }
            delay
        }
    };
    std::thread::sleep(delay);
    let _ = child.kill();
    child.wait().expect("wait for crossread").success()
}

fn articles(listing: &Value) -> Vec<(String, String)> {
    listing["articles"]
        .as_array()
        .expect("articles array")
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_string(),
                a["title"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn search_ids(dir: &Path, query: &str) -> Vec<String> {
    let found = ok_json(dir, &["search", query, "--json"]);
    found["hits"]
        .as_array()
        .expect("hits array")
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

/// `crossread doctor` finds every part of the library (catalog, index, claim links,
/// highlights, write lock) readable.
fn assert_doctor_ok(dir: &Path, round: usize) {
    let doctor = crossread(dir, &["doctor"]);
    assert!(
        doctor.status.success(),
        "round {round}: doctor finds damage after a kill:\n{}{}",
        String::from_utf8_lossy(&doctor.stdout),
        String::from_utf8_lossy(&doctor.stderr)
    );
}

/// Every committed highlight id is listed and still found in its article.
fn assert_highlights_kept(dir: &Path, committed: &[String], round: usize) {
    let listed = ok_json(dir, &["highlights", "--json"]);
    let listed = listed["highlights"].as_array().expect("highlights array");
    for id in committed {
        let found = listed
            .iter()
            .find(|h| h["id"].as_str() == Some(id))
            .unwrap_or_else(|| panic!("round {round}: highlight {id} was lost"));
        assert_eq!(
            found["orphaned"],
            Value::Bool(false),
            "round {round}: highlight {id} lost its text: {found}"
        );
    }
    assert_eq!(listed.len(), committed.len(), "round {round}");
}

/// Feeds served by the local server: name, items per generation, new items per generation,
/// milliseconds the server waits before answering.
const GENERATED: [(&str, usize, usize, u64); 4] = [
    ("alpha", 30, 6, 0),
    ("bravo", 30, 6, 300),
    ("charlie", 20, 4, 900),
    ("delta", 12, 3, 1800),
];

#[test]
fn kill_during_fetch_keeps_library_highlights_and_subscriptions() {
    let _alone = one_at_a_time();
    let started = Instant::now();
    let server = Server::start();
    let dir = library_dir();
    let dir = dir.path();

    // Committed before any fetch: an article, a highlight of it, the subscriptions.
    let added = crossread(
        dir,
        &[
            "add",
            fixture("seeds/002_48417b3ccf798182.txt").to_str().unwrap(),
        ],
    );
    assert!(added.status.success());
    let seed_id = articles(&ok_json(dir, &["list", "--json"]))[0].0.clone();
    let mark = ok_json(
        dir,
        &[
            "mark",
            "--article",
            &seed_id,
            "--text",
            "AWS and Trainium infrastructure",
            "--json",
        ],
    );
    let mut committed = vec![mark["id"].as_str().unwrap().to_string()];
    let mut urls: Vec<String> = GENERATED
        .iter()
        .map(|(name, items, step, delay)| {
            server.url(&format!(
                "/gen/{name}?items={items}&step={step}&delay={delay}"
            ))
        })
        .collect();
    urls.extend(["/good.xml", "/atom.xml"].map(|p| server.url(p)));
    for url in &urls {
        assert!(crossread(dir, &["feeds", "add", url]).status.success());
    }
    let summary = server.url("/summary.xml");
    assert!(
        crossread(dir, &["feeds", "add", &summary, "--full-text"])
            .status
            .success()
    );
    urls.push(summary);

    let fetch_args = ["fetch", "--timeout", "10", "--concurrency", "3"];
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut completed = 0;
    let mut trace = Vec::new();
    // Timed kills from at once (opening the library) through downloads and adding to past the
    // end, then kills while a feed body, the claim links, the catalog and the subscription
    // list are being saved.
    let mut moments: Vec<Moment> = (0..12)
        .map(|i| Moment::After(Duration::from_millis(i * 233)))
        .collect();
    moments.extend([
        Moment::OnWrite("feeds", "", Duration::ZERO),
        Moment::OnWrite("", "links.jsonl", Duration::ZERO),
        Moment::OnWrite("", "catalog.jsonl", Duration::ZERO),
        Moment::OnWrite("", "catalog.jsonl", Duration::from_millis(2)),
        Moment::OnWrite("", "feeds.json", Duration::ZERO),
        Moment::OnWrite("", "feeds.json", Duration::from_millis(2)),
    ]);
    let rounds = moments.len();
    for (round, &moment) in moments.iter().enumerate() {
        // Each round the generated feeds roll forward, so every fetch has articles to add.
        server.generation.store(round, Ordering::SeqCst);
        let finished = kill_at(spawn(dir, &fetch_args), dir, moment);
        completed += usize::from(finished);

        // The library opens; nothing listed before is lost.
        let listing = articles(&ok_json(dir, &["list", "--json"]));
        let ids: BTreeSet<String> = listing.iter().map(|(id, _)| id.clone()).collect();
        assert!(
            seen.is_subset(&ids),
            "round {round}: articles vanished: {:?}",
            seen.difference(&ids).collect::<Vec<_>>()
        );
        trace.push(format!(
            "{}:{}{}",
            match moment {
                Moment::After(delay) => format!("{}ms", delay.as_millis()),
                Moment::OnWrite(_, name, delay) => format!("{name}+{}ms", delay.as_millis()),
            },
            ids.len() - seen.len(),
            if finished { "*" } else { "" }
        ));
        seen = ids;
        // Search works, and what the catalog lists is in the index (never the other way round).
        assert!(
            search_ids(dir, "Trainium").contains(&seed_id),
            "round {round}"
        );
        let newest = listing
            .iter()
            .filter_map(|(id, title)| {
                GENERATED.iter().find_map(|(name, ..)| {
                    let number = title.strip_prefix(&format!("{name} report "))?;
                    Some((id.clone(), name, number.parse::<usize>().ok()?))
                })
            })
            .max_by_key(|(_, _, number)| *number);
        if let Some((id, name, number)) = &newest {
            assert!(
                search_ids(dir, &generated_code(name, *number)).contains(id),
                "round {round}: {name} report {number} is listed but not searchable"
            );
        }
        assert_highlights_kept(dir, &committed, round);
        assert_doctor_ok(dir, round);
        // The subscription list reads and still holds every feed.
        let feeds = ok_json(dir, &["feeds", "list", "--json"]);
        let listed: BTreeSet<&str> = feeds
            .as_array()
            .expect("feeds array")
            .iter()
            .map(|f| f["url"].as_str().unwrap())
            .collect();
        assert_eq!(
            listed,
            urls.iter().map(String::as_str).collect(),
            "round {round}"
        );
        // No lock is left behind: the next write goes through.
        if let Some((id, name, number)) = &newest {
            let mark = ok_json(
                dir,
                &[
                    "mark",
                    "--article",
                    id,
                    "--text",
                    &format!("Reference code {}", generated_code(name, *number)),
                    "--json",
                ],
            );
            committed.push(mark["id"].as_str().unwrap().to_string());
        }
    }
    eprintln!(
        "{rounds} kills ({completed} fetches finished first; moment:new articles[*finished]: {}) in {:?}",
        trace.join(" "),
        started.elapsed()
    );

    // A complete fetch converges: every item the feeds serve now is in the library.
    let last = rounds - 1;
    let report = ok_json(dir, &["fetch", "--timeout", "10", "--json"]);
    let failures: Vec<&Value> = report["feeds"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] != "fetched" && f["status"] != "not_modified")
        .collect();
    assert!(failures.is_empty(), "{failures:?}");
    let listing = articles(&ok_json(dir, &["list", "--json"]));
    let titles: BTreeSet<&str> = listing.iter().map(|(_, t)| t.as_str()).collect();
    for (name, items, step, _) in GENERATED {
        for i in generated_items(items, step, last) {
            let title = generated_title(name, i);
            assert!(titles.contains(title.as_str()), "{title} missing");
        }
    }
    for title in ["Terminal delayed", "Gone page"] {
        assert!(titles.contains(title), "{title} missing");
    }
    let sources: BTreeSet<String> = ok_json(dir, &["list", "--json"])["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["source"].as_str().map(str::to_string))
        .collect();
    for source in ["NASA Breaking News", "dive into mark", "Summary Post"] {
        assert!(sources.contains(source), "{source} missing: {sources:?}");
    }
    assert_highlights_kept(dir, &committed, rounds);
    let feeds = ok_json(dir, &["feeds", "list", "--json"]);
    for feed in feeds.as_array().unwrap() {
        assert!(feed["state"].get("last_error").is_none(), "{feed}");
    }
    assert_doctor_ok(dir, rounds);
    // Saving links, catalog and subscriptions removed the temporary files killed runs left.
    let left: Vec<String> = folder_state(dir)
        .into_iter()
        .map(|(name, ..)| name)
        .filter(|name| name.contains(".tmp-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// The export with its `date:` line blanked (a run may cross midnight).
fn undated(markdown: &str) -> String {
    markdown
        .lines()
        .map(|line| {
            if line.starts_with("date: ") {
                "date:"
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A note long enough that the export is a few megabytes, ending in a marker that names the
/// highlight, so a cut-off file cannot pass for a complete one.
fn long_note(number: usize) -> String {
    let words = "Checked against the annual report; the figure differs from the wire copy. ";
    format!("{}End of note {number}.", words.repeat(200))
}

#[test]
fn kill_during_export_leaves_the_old_file_or_the_new_one() {
    let _alone = one_at_a_time();
    let started = Instant::now();
    let dir = library_dir();
    let dir = dir.path();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("highlights.md");
    let target_arg = target.to_str().unwrap();

    // Many highlights with long notes, so the export takes a while to compute and to write.
    let mut library = crossread::Library::open(dir).unwrap();
    library
        .add(&[fixture("seeds")], &mut common::no_progress())
        .unwrap();
    let mut spans = Vec::new();
    for summary in library.list() {
        let stored = library.article(&summary.id).unwrap().unwrap();
        let body = stored.article.body();
        for &(start, end) in &stored.sentences {
            spans.push((summary.id.clone(), body.clone(), start, end));
        }
    }
    assert!(spans.len() >= 40, "{} sentences", spans.len());
    let mut marked = 0;
    let mark = |library: &mut crossread::Library, marked: &mut usize| {
        let (id, body, start, end) = &spans[*marked % spans.len()];
        library
            .mark_range(id, body, *start, *end, Some(long_note(*marked)), vec![])
            .unwrap();
        *marked += 1;
    };
    for _ in 0..150 {
        mark(&mut library, &mut marked);
    }
    let expected = |library: &crossread::Library| {
        undated(&crossread::export::export_markdown(library, &Default::default()).unwrap())
    };
    assert_eq!(
        expected(&library),
        expected(&library),
        "export is deterministic"
    );

    // How long a whole export takes here (the slowest of three), to spread the kills over it.
    let scratch = out_dir.path().join("timing.md");
    let mut whole = Duration::ZERO;
    for _ in 0..3 {
        let timer = Instant::now();
        let full = crossread(dir, &["export", "--out", scratch.to_str().unwrap()]);
        assert!(full.status.success());
        whole = whole.max(timer.elapsed());
        std::fs::remove_file(&scratch).unwrap();
    }

    // Timed kills, at fractions of a whole export: early ones land while the library opens and
    // the Markdown is built, later ones around the write. Watched kills fire when the folder
    // first changes (a file created, truncated or renamed), plus a few milliseconds, so some
    // kills surely land while the file is being written, synced and renamed.
    let mut moments: Vec<Moment> = [0.0, 0.25, 0.5, 0.65, 0.75, 0.85, 0.92, 1.0, 1.2, 1.6]
        .iter()
        .map(|f| Moment::After(whole.mul_f64(*f)))
        .collect();
    moments.extend(
        [0, 0, 1, 2, 4, 8, 16, 32]
            .iter()
            .map(|ms| Moment::OnWrite("", "highlights.md", Duration::from_millis(*ms))),
    );
    let mut on_disk: Option<String> = None;
    let mut size = 0;
    let (mut kept_old, mut wrote_new) = (0, 0);
    let mut temporaries = BTreeSet::new();
    for (round, &moment) in moments.iter().enumerate() {
        // A new highlight each round, so the old and the new export differ.
        mark(&mut library, &mut marked);
        let new = expected(&library);
        kill_at(
            spawn(dir, &["export", "--out", target_arg, "--force"]),
            out_dir.path(),
            moment,
        );

        let now = match std::fs::read(&target) {
            Ok(bytes) => Some(undated(&String::from_utf8(bytes).unwrap_or_else(|_| {
                panic!("round {round}: export is not UTF-8 (cut inside a character)")
            }))),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
            Err(err) => panic!("round {round}: {err}"),
        };
        match &now {
            None => assert!(on_disk.is_none(), "round {round}: the export vanished"),
            Some(text) if *text == new => wrote_new += 1,
            Some(text) if Some(text) == on_disk.as_ref() => kept_old += 1,
            Some(text) => panic!(
                "round {round}: the file is neither the old export nor the new one \
                 ({} bytes, new is {}); it ends {:?}",
                text.len(),
                new.len(),
                text.chars()
                    .rev()
                    .take(80)
                    .collect::<String>()
                    .chars()
                    .rev()
                    .collect::<String>()
            ),
        }
        size = size.max(now.as_ref().map_or(0, String::len));
        on_disk = now;
        // Only the export and hidden temporaries of it are in the folder.
        for entry in std::fs::read_dir(out_dir.path()).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name != "highlights.md" {
                assert!(
                    name.starts_with(".highlights.md.tmp-"),
                    "round {round}: unexpected file {name}"
                );
                temporaries.insert(name);
            }
        }
        // The highlights and the library are untouched.
        let listed = ok_json(dir, &["highlights", "--json"]);
        assert_eq!(listed["highlights"].as_array().unwrap().len(), marked);
        assert_doctor_ok(dir, round);
    }
    eprintln!(
        "{} kills over a {whole:?} export of {size} bytes: {kept_old} kept the old file, \
         {wrote_new} left the new one, {} temporary files seen after kills; {:?}",
        moments.len(),
        temporaries.len(),
        started.elapsed()
    );

    // An export that runs to the end writes the current highlights.
    let done = crossread(dir, &["export", "--out", target_arg, "--force"]);
    assert!(done.status.success());
    let text = std::fs::read_to_string(&target).unwrap();
    assert_eq!(undated(&text), expected(&library));
    assert_eq!(text.matches("End of note ").count(), marked);
    // It also removed the temporary files the killed exports left.
    assert_eq!(
        folder_state(out_dir.path())
            .iter()
            .map(|(name, ..)| name.as_str())
            .collect::<Vec<_>>(),
        ["highlights.md"]
    );
    assert!(text.contains(&format!("End of note {}.", marked - 1)));
}

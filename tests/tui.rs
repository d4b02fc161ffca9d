//! Reader views drawn into ratatui's TestBackend on the sample corpus, checked with insta
//! snapshots (text) and direct style assertions (colours cannot show in a text snapshot).

/// Who says it and how sure: side panel sourcing, claims overview, coverage matrix.
#[path = "tui/claims.rs"]
mod claims;
mod common;
mod support;

use std::sync::mpsc;
use std::time::Duration;

use common::{fixture, no_progress};
use crossread::Library;
use crossread::tui::app::App;
use crossread::tui::claims_data::Stance;
use crossread::tui::component::Pane;
use crossread::tui::config::Config;
use crossread::tui::worker::{self, AppEvent, Request, Worker};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Files at a fixed path. Article ids hash the file's path, and ids decide tie-breaks (which
/// mention anchors a claim, list order among equal titles), so snapshots must not depend on
/// where the repository is checked out.
fn stable_dir(name: &str, files: &[(String, Vec<u8>)]) -> std::path::PathBuf {
    let dir = std::env::temp_dir()
        .join("crossread-snapshot-fixtures")
        .join(name);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, bytes) in files {
        let target = dir.join(file);
        if std::fs::read(&target).ok().as_deref() != Some(&bytes[..]) {
            crossread::fsutil::write_atomic(&target, bytes).unwrap();
        }
    }
    dir
}

/// The sample articles, by file name.
fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(fixture("seeds"))
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// The sample articles at a fixed path.
fn stable_seed_dir() -> std::path::PathBuf {
    stable_dir("seeds", &seeds())
}

/// The reader wired to a worker without threads: requests are answered as they are made, and
/// the worker's background reading of the claims is done whenever the reader waits.
struct Harness {
    app: App,
    worker: Worker,
    requests: mpsc::Receiver<Request>,
}

impl Harness {
    fn new() -> Harness {
        Harness::of(&stable_seed_dir())
    }

    fn of(dir: &std::path::Path) -> Harness {
        let mut library = Library::temporary().unwrap();
        library
            .add(&[dir.to_path_buf()], &mut no_progress())
            .unwrap();
        Harness::with(library, Some("5 articles".to_string()))
    }

    /// The reader on `library`, loaded as the worker hands it over.
    fn with(library: Library, notice: Option<String>) -> Harness {
        let (tx, requests) = mpsc::channel();
        let mut app = App::new(Config::default(), tx);
        let mut worker = Worker::new(library, ".");
        app.handle(worker.loaded(notice));
        let mut harness = Harness {
            app,
            worker,
            requests,
        };
        harness.pump();
        harness
    }

    /// Answers the app's requests and does the worker's background work; whether there was
    /// any.
    fn pump(&mut self) -> bool {
        let mut worked = false;
        loop {
            while let Ok(request) = self.requests.try_recv() {
                let event = self.worker.answer(request);
                self.app.handle(event);
                worked = true;
            }
            match self.worker.idle(Duration::MAX) {
                Some(event) => {
                    self.app.handle(event);
                    worked = true;
                }
                None => return worked,
            }
        }
    }

    fn key(&mut self, code: KeyCode) -> &mut Harness {
        self.key_with(code, KeyModifiers::NONE)
    }

    fn key_with(&mut self, code: KeyCode, modifiers: KeyModifiers) -> &mut Harness {
        self.app
            .handle(AppEvent::Key(KeyEvent::new(code, modifiers)));
        self.pump();
        self
    }

    fn typed(&mut self, text: &str) -> &mut Harness {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
        self
    }

    /// Draws the screen, again each time the worker has answered what drawing asked for
    /// (what the claims overview and the coverage matrix show), as the event loop does.
    fn draw(&mut self, width: u16, height: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        for _ in 0..10 {
            terminal.draw(|frame| self.app.render(frame)).unwrap();
            if !self.pump() {
                break;
            }
        }
        terminal
    }

    fn screen(&mut self, width: u16, height: u16) -> String {
        self.draw(width, height).backend().to_string()
    }

    /// Opens the article whose title starts with `prefix` from the list.
    fn open_titled(&mut self, prefix: &str) -> &mut Harness {
        self.app.focus = Pane::List;
        self.key(KeyCode::Char('g'));
        for _ in 0..self.app.list.len() {
            if self
                .app
                .list
                .selected(&self.app.data)
                .is_some_and(|a| a.title.starts_with(prefix))
            {
                break;
            }
            self.key(KeyCode::Char('j'));
        }
        self.key(KeyCode::Enter)
    }
}

fn cell_text_style(
    terminal: &Terminal<TestBackend>,
    needle: &str,
) -> Option<ratatui::style::Style> {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    for y in 0..area.height {
        let row: String = (0..area.width)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect();
        if let Some(byte) = row.find(needle) {
            let x = row[..byte].chars().count() as u16;
            return Some(buffer[(x, y)].style());
        }
    }
    None
}

#[test]
fn article_list_and_open_article() {
    let mut h = Harness::new();
    insta::assert_snapshot!("list_and_article", h.screen(120, 30));
}

#[test]
fn entities_are_coloured_by_kind() {
    let mut h = Harness::new();
    h.open_titled("Amazon in Talks");
    let terminal = h.draw(140, 40);
    let styles = crossread::tui::theme::Styles::from_config(&Config::default());
    let money = cell_text_style(&terminal, "$50 billion").expect("money on screen");
    assert_eq!(money.fg, styles.kinds[4].fg, "MONEY colour");
    let org = cell_text_style(&terminal, "Microsoft Corporation").expect("org on screen");
    assert_eq!(org.fg, styles.kinds[1].fg, "ORG colour");
    // Toggling MONEY off removes its colour.
    h.key(KeyCode::Char('5'));
    let terminal = h.draw(140, 40);
    let money = cell_text_style(&terminal, "$50 billion").unwrap();
    assert_ne!(money.fg, styles.kinds[4].fg);
}

#[test]
fn side_panel_lists_other_sources_and_jumps_there_and_back() {
    let mut h = Harness::new();
    h.open_titled("According to CNBC");
    h.key(KeyCode::Tab);
    // Walk the shared sentences until one has a conflicting source (the "$10 billion" figure
    // against the other outlets' "$50 billion").
    let mut found_conflict = false;
    for _ in 0..60 {
        let conflict = h
            .app
            .side
            .entries()
            .iter()
            .any(|m| m.stance == Stance::Conflict);
        if conflict {
            found_conflict = true;
            break;
        }
        let before = h.app.location();
        h.key(KeyCode::Char(']'));
        if h.app.location() == before {
            break;
        }
    }
    assert!(found_conflict, "no sentence with a conflicting source");
    let linked = h.app.location().unwrap();
    let screen = h.screen(140, 36);
    assert!(screen.contains("CONFLICT"), "{screen}");
    insta::assert_snapshot!("side_panel_with_conflict", screen);
    // Enter focuses the panel and jumps to the first other source.
    h.key(KeyCode::Enter);
    let there = h.app.location().unwrap();
    assert_ne!(there.0, linked.0);
    assert!(
        h.app.data.claims.is_shared(&there.0, there.1),
        "the target sentence makes the same claim"
    );
    // Back returns to the sentence we left, forward goes there again.
    h.key_with(KeyCode::Char('o'), KeyModifiers::CONTROL);
    assert_eq!(h.app.location().unwrap(), linked);
    h.key(KeyCode::Char('L'));
    assert_eq!(h.app.location().unwrap(), there);
}

#[test]
fn live_search_shows_highlighted_results_and_opens_at_the_match() {
    let mut h = Harness::new();
    h.key(KeyCode::Char('/')).typed("Trainium");
    insta::assert_snapshot!("search_results", h.screen(100, 24));
    h.key(KeyCode::Enter);
    let open = h.app.article.open().unwrap();
    let sentence = open.sentence_range(open.cursor).unwrap();
    assert!(open.body[sentence].contains("Trainium"));
    assert!(!open.matches.is_empty());
    // n moves to the next match, in a later sentence.
    let before = open.cursor;
    h.key(KeyCode::Char('n'));
    let open = h.app.article.open().unwrap();
    assert!(open.cursor > before || open.matches.len() == 1);
}

#[test]
fn help_is_generated_from_the_key_map_and_fits_every_size() {
    let mut h = Harness::new();
    h.key(KeyCode::Char('?'));
    let screen = h.screen(160, 45);
    assert!(screen.contains("j, Down"), "{screen}");
    // At 160x45 the groups sit in columns and the quit key shows without scrolling.
    for group in [
        "Moving",
        "Jumping",
        "Search",
        "Claims",
        "Highlights",
        "Display",
        "Quit",
    ] {
        assert!(screen.contains(group), "{group} missing:\n{screen}");
    }
    assert!(
        screen
            .lines()
            .any(|l| l.contains("q, Ctrl-c") && l.contains("quit crossread")),
        "{screen}"
    );
    insta::assert_snapshot!("help_160x45", screen);

    // At 80x24 one column scrolls, says there is more below, and End reaches quit.
    let screen = h.screen(80, 24);
    assert!(screen.contains("more below"), "{screen}");
    assert!(!screen.contains("quit crossread"));
    insta::assert_snapshot!("help_80x24", screen);
    h.key(KeyCode::End);
    let screen = h.screen(80, 24);
    assert!(screen.contains("quit crossread"), "{screen}");
    assert!(screen.contains("more above"), "{screen}");
    h.key(KeyCode::Home);

    // At 20x5 the footer still names the quit key.
    let screen = h.screen(20, 5);
    assert!(screen.contains("q: quit"), "{screen}");
    insta::assert_snapshot!("help_20x5", screen);

    // Every terminal of 20 rows or more can reach every entry by scrolling.
    for (w, hgt) in [(40, 20), (60, 20), (100, 30)] {
        h.key(KeyCode::Home);
        let mut seen = String::new();
        for _ in 0..40 {
            seen.push_str(&h.screen(w, hgt));
            h.key(KeyCode::PageDown);
        }
        for needle in [
            "next item",
            "toggle QUANTITY",
            "quit crossread",
            "this help",
        ] {
            assert!(seen.contains(needle), "{w}x{hgt}: {needle} never shown");
        }
    }
    h.key(KeyCode::Esc);
    assert!(h.app.overlay.is_none());
    // q quits from the help, as from anywhere else.
    h.key(KeyCode::Char('?')).key(KeyCode::Char('q'));
    assert!(h.app.should_quit());
}

#[test]
fn rebound_keys_show_in_help_and_work() {
    let config = Config::parse("[keys]\ndown = \"x\"\n", std::path::Path::new("t.toml")).unwrap();
    let mut h = Harness::new();
    h.app.config = config;
    h.key(KeyCode::Char('x'));
    assert_eq!(h.app.list.cursor(), 1);
    h.key(KeyCode::Char('?'));
    let screen = h.screen(100, 40);
    assert!(
        screen
            .lines()
            .any(|l| l.contains("x ") && l.contains("next item"))
    );
}

#[test]
fn tiny_terminal_shows_something_sensible() {
    let mut h = Harness::new();
    let screen = h.screen(20, 5);
    insta::assert_snapshot!("tiny", screen);
    assert!(screen.contains("Articles") || screen.contains("crossread"));
    // Resizing down and up keeps the cursor's sentence in view.
    h.open_titled("Amazon in Talks");
    h.key(KeyCode::Char('G'));
    let cursor = h.app.article.open().unwrap().cursor;
    for (w, hgt) in [(140, 40), (60, 12), (30, 8), (120, 30), (20, 5)] {
        h.screen(w, hgt);
        assert!(
            h.app.article.visible_sentences().contains(&Some(cursor))
                || h.app.focus != Pane::Article,
            "{w}x{hgt}: the cursor's sentence is not on screen"
        );
    }
}

#[test]
fn wide_and_hostile_text_is_drawn_safely() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wide.txt"),
        "東京で会議 🚀 Zürich\n\n日本の企業が\u{1b}]52;c;ZXZpbA==\u{7}投資した。 e\u{301}e\u{301} مرحبا بالعالم \u{1b}[31mred\n",
    )
    .unwrap();
    let mut library = Library::temporary().unwrap();
    library
        .add(&[dir.path().to_path_buf()], &mut no_progress())
        .unwrap();
    let mut h = Harness::with(library, None);
    for (w, hgt) in [(20, 5), (33, 9), (80, 20)] {
        let screen = h.screen(w, hgt);
        assert!(!screen.contains('\u{1b}'), "escape reached the screen");
        assert!(!screen.contains('\u{7}'));
    }
    let screen = h.screen(80, 20);
    assert!(screen.contains("投資した"), "{screen}");
}

#[test]
fn marking_a_sentence_stores_a_highlight_and_shows_it() {
    let mut h = Harness::new();
    h.open_titled("Amazon in Talks");
    assert_eq!(h.app.focus, Pane::Article);
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Char('m')).typed("check this figure");
    let screen = h.screen(120, 30);
    assert!(screen.contains("New highlight"), "{screen}");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.data.highlights.len(), 1);
    let stored = &h.app.data.highlights[0].highlight;
    assert_eq!(stored.note.as_deref(), Some("check this figure"));
    assert!(stored.text.starts_with("Reports surfaced this week"));
    // Drawn with the highlight style (underlined).
    h.key(KeyCode::Char('j'));
    let terminal = h.draw(140, 40);
    let style = cell_text_style(&terminal, "Reports surfaced").unwrap();
    assert!(
        style
            .add_modifier
            .contains(ratatui::style::Modifier::UNDERLINED),
        "{style:?} {:?}\n{}",
        h.app.data.highlights,
        terminal.backend()
    );
    // The highlights list jumps back to it.
    h.key(KeyCode::Char('G'));
    h.key(KeyCode::Char('M'));
    insta::assert_snapshot!("highlights_list", h.screen(100, 20));
    h.key(KeyCode::Enter);
    let open = h.app.article.open().unwrap();
    assert!(open.body[open.sentence_range(open.cursor).unwrap()].starts_with("Reports surfaced"));
}

#[test]
fn a_selection_of_sentences_can_be_highlighted() {
    let mut h = Harness::new();
    h.open_titled("Amazon in Talks");
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Char('v'))
        .key(KeyCode::Char('j'))
        .key(KeyCode::Char('j'));
    h.key(KeyCode::Char('m')).key(KeyCode::Enter);
    let stored = &h.app.data.highlights[0].highlight;
    assert!(stored.text.starts_with("Reports surfaced this week"));
    assert!(
        stored
            .text
            .contains("The proposed investment is reportedly the cornerstone")
    );
    assert!(!h.app.article.selecting());
}

/// Rows of the article pane's text (inside its frame) in a drawn screen.
fn article_rows(screen: &str, first_text_row: usize, rows: usize) -> Vec<String> {
    screen
        .lines()
        .skip(first_text_row)
        .take(rows)
        .map(str::to_string)
        .collect()
}

#[test]
fn jumps_land_a_third_down_marked_and_back_restores_the_scroll() {
    let mut h = Harness::new();
    h.open_titled("Amazon in Talks");
    h.key(KeyCode::Tab);
    // Down to a sentence other sources share, far enough that the pane has scrolled.
    let (width, height) = (140, 36);
    h.screen(width, height);
    for _ in 0..40 {
        h.key(KeyCode::Char(']'));
        h.screen(width, height);
        if !h.app.article.visible_sentences().contains(&Some(0)) {
            break;
        }
    }
    let before = h.app.location().unwrap();
    let before_screen = h.screen(width, height);
    assert!(
        !h.app.article.visible_sentences().contains(&Some(0)),
        "the pane should have scrolled away from the top"
    );

    h.key(KeyCode::Enter);
    let there = h.app.location().unwrap();
    assert_ne!(there.0, before.0, "jumped to another article");
    let screen = h.screen(width, height);
    let rows = h.app.article.visible_sentences().to_vec();
    let first_row = rows
        .iter()
        .position(|s| *s == Some(there.1))
        .expect("target sentence on screen");
    let header = rows.iter().take_while(|s| s.is_none()).count();
    let text_rows = rows.len() - header;
    let at = first_row - header;
    let third = text_rows / 3;
    // A third from the top, with context above and below.
    assert_eq!(at, third, "target on row {at} of {text_rows}:\n{screen}");
    // Context above the target.
    assert!(at >= 1 || there.1 == 0, "no context above:\n{screen}");
    // Marked for a moment: the gutter arrow and the mark's style.
    assert!(screen.contains('\u{25b6}'), "{screen}");
    let flash = h.app.article.flash().expect("jump mark");
    assert_eq!(flash.sentence, there.1);
    h.app.handle(AppEvent::Tick(flash.until));
    assert!(
        h.app.article.flash().is_none(),
        "the mark goes after its time"
    );
    assert!(!h.screen(width, height).contains('\u{25b6}'));

    // Back: the same sentence and exactly the same rows on screen.
    h.key_with(KeyCode::Char('o'), KeyModifiers::CONTROL);
    assert_eq!(h.app.location().unwrap(), before);
    let back_screen = h.screen(width, height);
    let pane = |s: &str| article_rows(s, 1, height as usize - 2);
    let strip_list = |rows: Vec<String>| -> Vec<String> {
        rows.into_iter()
            .map(|r| r.chars().skip(39).take(58).collect())
            .collect()
    };
    assert_eq!(
        strip_list(pane(&back_screen)),
        strip_list(pane(&before_screen)),
        "back restores the scroll position"
    );
    // Forward: the jump's target again, with the pane as it was left.
    h.key(KeyCode::Char('L'));
    assert_eq!(h.app.location().unwrap(), there);
}

#[test]
fn refresh_runs_in_the_background_and_keeps_the_cursor_on_its_article() {
    use crossread::feeds::store::{FeedStore, Subscription};
    use std::time::Instant;

    let server = support::Server::start();
    let dir = tempfile::tempdir().unwrap();
    let mut store = FeedStore::load(dir.path()).unwrap();
    store.subscribe(Subscription::new(
        server.url("/gen/wire?items=3&step=2&delay=600"),
    ));
    store.save(dir.path()).unwrap();

    let (event_tx, events) = mpsc::channel();
    let (request_tx, requests) = mpsc::channel();
    let startup = worker::Startup {
        library_dir: dir.path().to_path_buf(),
        add: Vec::new(),
        sample_corpus: None,
    };
    let worker_events = event_tx.clone();
    let worker = std::thread::spawn(move || worker::run(startup, requests, worker_events));
    let mut app = App::new(Config::default(), request_tx);
    // Runs the event loop until `done` holds (or fails after 30 s).
    let pump = |app: &mut App, done: &dyn Fn(&App) -> bool| {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !done(app) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "timed out; status: {}", app.status.message);
            if let Ok(event) = events.recv_timeout(left.min(Duration::from_millis(100))) {
                app.handle(event);
            }
        }
    };
    let press = |app: &mut App, code: KeyCode| {
        app.handle(AppEvent::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    };
    let titles = |app: &App| -> Vec<String> {
        app.list
            .ordered(&app.data)
            .map(|a| a.title.clone())
            .collect()
    };
    pump(&mut app, &|app| app.data.loading.is_none());
    assert_eq!(app.list.len(), 0);

    // First refresh: the feed's three items arrive.
    press(&mut app, KeyCode::Char('r'));
    assert!(app.data.loading.is_some());
    pump(&mut app, &|app| {
        app.list.len() == 3 && app.data.loading.is_none()
    });
    assert!(titles(&app).contains(&"wire report 2".to_string()));

    // The cursor on the second article; the feed moves on by two items.
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    let chosen = app.list.selected_id(&app.data).unwrap();
    server
        .generation
        .store(1, std::sync::atomic::Ordering::SeqCst);
    press(&mut app, KeyCode::Char('r'));
    // While the worker fetches (the server waits 600 ms), the reader keeps taking keys.
    press(&mut app, KeyCode::Char('k'));
    assert!(
        app.data.loading.is_some(),
        "the key was handled during the refresh"
    );
    let moved_to = app.list.selected_id(&app.data).unwrap();
    assert_ne!(moved_to, chosen);
    let mut screen = Terminal::new(TestBackend::new(120, 30)).unwrap();
    screen.draw(|frame| app.render(frame)).unwrap();
    assert!(
        screen
            .backend()
            .to_string()
            .contains("Reloading the library"),
        "the list says what is loading"
    );

    pump(&mut app, &|app| {
        app.list.len() == 5 && app.data.loading.is_none()
    });
    let now = titles(&app);
    for new in ["wire report 3", "wire report 4"] {
        assert!(now.contains(&new.to_string()), "{new} missing: {now:?}");
    }
    assert_eq!(
        app.list.selected_id(&app.data).unwrap(),
        moved_to,
        "the cursor stays on its article"
    );
    assert!(server.hits("/gen/wire?items=3&step=2&delay=600").len() >= 2);
    drop(app);
    drop(event_tx);
    worker.join().unwrap();
}

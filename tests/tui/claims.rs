//! The reader's views of who says what: the side panel's sourcing, the claims overview by
//! independent sources with figure drift, and the coverage matrix, drawn into TestBackend and
//! checked with insta snapshots, plus the worker thread that reads them.

use std::sync::mpsc;
use std::time::Duration;

use crossread::tui::app::App;
use crossread::tui::claims_data::{ClaimOrder, Stance};
use crossread::tui::component::Pane;
use crossread::tui::components::Overlay;
use crossread::tui::components::claims::ClaimsOverlay;
use crossread::tui::components::coverage::CoverageOverlay;
use crossread::tui::components::side::SideEntry;
use crossread::tui::config::Config;
use crossread::tui::worker::{self, AppEvent};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Harness, seeds, stable_dir, stable_seed_dir};

/// The sample articles as Markdown with a publisher and a publication date each: the CNBC
/// report of "$10 billion" in December, the "$50 billion" reports at the end of January, two
/// of them from one outlet (so five articles are four independent sources).
fn stable_dated_dir() -> std::path::PathBuf {
    let dated: Vec<(String, Vec<u8>)> = seeds()
        .into_iter()
        .map(|(name, text)| {
            let (source, published) = match &name[..3] {
                "000" => ("AI Business Daily", "2026-01-30"),
                "001" => ("Market Minute", "2026-01-29"),
                "002" => ("Cloud Report", "2026-01-30"),
                "003" => ("Tech Chronicle", "2025-12-17"),
                _ => ("Market Minute", "2026-01-29"),
            };
            let mut markdown =
                format!("---\nsource: {source}\npublished: {published}\n---\n").into_bytes();
            markdown.extend(text);
            (name.replace(".txt", ".md"), markdown)
        })
        .collect();
    stable_dir("dated", &dated)
}

impl Harness {
    /// Walks the shared sentences of the open article (`]`) until the side panel holds an
    /// entry for which `wanted` holds.
    fn walk_to_entry(&mut self, wanted: impl Fn(&SideEntry) -> bool) -> Option<SideEntry> {
        for _ in 0..60 {
            if let Some(entry) = self.app.side.entries().iter().find(|e| wanted(e)) {
                return Some(entry.clone());
            }
            let before = self.app.location();
            self.key(KeyCode::Char(']'));
            if self.app.location() == before {
                return None;
            }
        }
        None
    }

    /// The text of the sentence under the article's cursor.
    fn cursor_sentence(&self) -> String {
        let open = self.app.article.open().expect("an open article");
        open.body[open.sentence_range(open.cursor).unwrap()].to_string()
    }

    fn claims_overlay(&self) -> &ClaimsOverlay {
        match &self.app.overlay {
            Some(Overlay::Claims(overlay)) => overlay,
            other => panic!("the claims overview is not open: {other:?}"),
        }
    }
}

#[test]
fn side_panel_says_who_each_source_cites_and_how_firmly() {
    let mut h = Harness::new();
    h.open_titled("Amazon is negotiating");
    // The "$50 billion" sentence: the CNBC article contradicts it with "$10 billion", on
    // CNBC's word and The Information's first report, as a possibility.
    let cnbc = h
        .walk_to_entry(|e| e.label.starts_with("According to CNBC"))
        .expect("a sentence the CNBC article also reports");
    assert_eq!(cnbc.stance, Stance::Conflict);
    assert_eq!(
        cnbc.sourcing.as_deref(),
        Some("via CNBC, first: The Information \u{b7} possible")
    );
    // Every other source's sentence has been read on the worker's side.
    assert!(h.app.side.entries().iter().all(|e| e.sourcing.is_some()));
    // Select the CNBC article's entry in the panel.
    h.key(KeyCode::Tab);
    assert_eq!(h.app.focus, Pane::Side);
    while h.app.side.target().unwrap().article != cnbc.article {
        h.key(KeyCode::Char('j'));
    }
    let screen = h.screen(140, 36);
    assert!(
        screen.contains("via CNBC, first: The Information"),
        "{screen}"
    );
    insta::assert_snapshot!("side_panel_with_sourcing", screen);
}

#[test]
fn sourcing_facts_and_coverage_rows_arrive_from_the_worker_thread() {
    use std::time::Instant;

    let dir = tempfile::tempdir().unwrap();
    let (event_tx, events) = mpsc::channel();
    let (request_tx, requests) = mpsc::channel();
    let startup = worker::Startup {
        library_dir: dir.path().to_path_buf(),
        add: vec![stable_seed_dir()],
        sample_corpus: None,
    };
    let worker_events = event_tx.clone();
    let worker = std::thread::spawn(move || worker::run(startup, requests, worker_events));
    let mut app = App::new(Config::default(), request_tx);
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    // Runs the event loop until `done` holds, drawing after each event as the real one does
    // (drawing the matrix asks for its rows).
    let mut run_until = |app: &mut App, what: &str, done: &dyn Fn(&App) -> bool| {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            terminal.draw(|frame| app.render(frame)).unwrap();
            if done(app) {
                return;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "no {what}; status: {}", app.status.message);
            if let Ok(event) = events.recv_timeout(left.min(Duration::from_millis(100))) {
                app.handle(event);
            }
        }
    };
    let press = |app: &mut App, c: char| {
        app.handle(AppEvent::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    };
    // The first article opens by itself; its other sources' sourcing follows.
    run_until(&mut app, "sourcing in the side panel", &|app| {
        !app.side.entries().is_empty() && app.side.entries().iter().all(|e| e.sourcing.is_some())
    });
    // Nothing more is read until a view asks: the overview sorted by independent sources
    // has every claim's count read in the background.
    assert_eq!(app.data.claims.row(0).unwrap().independent, None);
    press(&mut app, 'c');
    press(&mut app, 's');
    run_until(&mut app, "independent sources", &|app| {
        app.data.claims.all_facts_known()
    });
    assert!(app.data.claims.row(0).unwrap().independent.is_some());
    // The matrix (opened from the overview) asks for the rows it shows.
    press(&mut app, 'x');
    assert!(matches!(app.overlay, Some(Overlay::Coverage(_))));
    run_until(&mut app, "coverage rows", &|app| {
        app.data.claims.coverage_row(0).is_some()
    });
    drop(app);
    drop(event_tx);
    worker.join().unwrap();
}

impl Harness {
    fn matrix(&self) -> &CoverageOverlay {
        match &self.app.overlay {
            Some(Overlay::Coverage(matrix)) => matrix,
            other => panic!("the coverage matrix is not open: {other:?}"),
        }
    }

    fn article_titled(&self, prefix: &str) -> String {
        let article = self
            .app
            .data
            .articles()
            .iter()
            .find(|a| a.title.starts_with(prefix));
        article.expect("an article with that title").id.clone()
    }
}

#[test]
fn coverage_matrix_shows_who_agrees_and_who_contradicts_and_jumps_to_a_cell() {
    let mut h = Harness::new();
    let cnbc = h.article_titled("According to CNBC");
    h.key(KeyCode::Char('x'));
    let screen = h.screen(80, 24);
    assert!(screen.contains("Coverage"), "{screen}");
    // The claim the CNBC article contradicts with "$10 billion" (the others say $50 billion).
    let claims = &h.app.data.claims;
    let row = (0..claims.len())
        .find(|&c| {
            claims.coverage_row(c).is_some_and(|row| {
                row.cells.iter().any(|cell| {
                    cell.article == cnbc
                        && cell.stance == Stance::Conflict
                        && cell.values.iter().any(|v| v.text == "$10 billion")
                })
            })
        })
        .expect("the CNBC article's $10 billion contradicts a claim");
    for _ in 0..row {
        h.key(KeyCode::Char('j'));
    }
    for _ in 0..5 {
        if h.matrix().article() == Some(cnbc.as_str()) {
            break;
        }
        h.key(KeyCode::Char('l'));
    }
    assert_eq!(h.matrix().selected().0, row);
    assert_eq!(h.matrix().article(), Some(cnbc.as_str()));
    let screen = h.screen(80, 24);
    // The cell: contradicts, as a possibility, with its figure; below, on whose word.
    assert!(screen.contains("\u{2717}? $10 billion"), "{screen}");
    assert!(
        screen.contains("via CNBC, first: The Information"),
        "{screen}"
    );
    insta::assert_snapshot!("coverage_80x24", screen);
    // Enter on that cell jumps to the sentence.
    h.key(KeyCode::Enter);
    assert!(h.app.overlay.is_none());
    assert!(
        h.cursor_sentence()
            .starts_with("According to CNBC, OpenAI is in confidential talks"),
        "{}",
        h.cursor_sentence()
    );

    // Scrolling right reaches the last article; at 80 columns the first goes out of view.
    h.key(KeyCode::Char('x'));
    h.screen(80, 24);
    for _ in 0..10 {
        h.key(KeyCode::Char('l'));
    }
    assert_eq!(h.matrix().selected(), (0, 4));
    let screen = h.screen(80, 24);
    assert!(screen.contains("article 5/5"), "{screen}");
    assert!(!screen.contains("According to \u{2026}"), "{screen}");
    // A claim the last article does not make: Enter says so and stays.
    for _ in 0..10 {
        h.key(KeyCode::Char('j'));
        let screen = h.screen(80, 24);
        if screen.contains("does not make this claim") {
            break;
        }
    }
    h.key(KeyCode::Enter);
    assert!(matches!(h.app.overlay, Some(Overlay::Coverage(_))));
    assert!(
        h.app.status.message.contains("does not make this claim"),
        "{}",
        h.app.status.message
    );

    // A wide terminal shows every article at once (all five undated).
    h.key(KeyCode::Char('g'));
    for _ in 0..10 {
        h.key(KeyCode::Char('h'));
    }
    let screen = h.screen(160, 45);
    assert!(screen.contains("claim 1/"), "{screen}");
    assert_eq!(screen.matches("undated").count(), 5, "{screen}");
    insta::assert_snapshot!("coverage_160x45", screen);
    // And a tiny one still draws the selected cell.
    let screen = h.screen(20, 5);
    assert!(
        screen.contains('\u{2713}') || screen.contains('\u{2717}'),
        "{screen}"
    );
    h.key(KeyCode::Char('x'));
    assert!(h.app.overlay.is_none());
}

#[test]
fn claims_overview_sorts_by_independent_sources() {
    let mut h = Harness::of(&stable_dated_dir());
    h.key(KeyCode::Char('c'));
    let by_sources = h.claims_overlay().order().to_vec();
    h.key(KeyCode::Char('s'));
    assert_eq!(h.claims_overlay().sort(), ClaimOrder::IndependentSources);
    // Drawing the overview so sorted has every claim's independent sources read.
    let screen = h.screen(120, 30);
    let order = h.claims_overlay().order().to_vec();
    let independent: Vec<usize> = order
        .iter()
        .map(|&c| h.app.data.claims.row(c).unwrap().independent.unwrap())
        .collect();
    assert!(
        independent.windows(2).all(|w| w[0] >= w[1]),
        "{independent:?}"
    );
    // Two of the five articles come from one outlet ("Market Minute"): a claim both make
    // rests on fewer independent sources than articles.
    let market_minute: Vec<String> = h
        .app
        .data
        .articles()
        .iter()
        .filter(|a| a.source.as_deref() == Some("Market Minute"))
        .map(|a| a.id.clone())
        .collect();
    let claims = &h.app.data.claims;
    let both = (0..claims.len())
        .find(|&c| {
            let articles = claims.articles_of(c);
            market_minute.iter().all(|m| articles.contains(&m.as_str()))
        })
        .expect("a claim both Market Minute articles make");
    let row = claims.row(both).unwrap();
    assert!(
        row.independent.unwrap() < row.sources,
        "{} sources, {:?} independent",
        row.sources,
        row.independent
    );
    assert!(screen.contains("by independent sources"), "{screen}");
    insta::assert_snapshot!("claims_by_independent_sources", screen);
    // The sort key cycles on to conflicts first, then back to sources.
    h.key(KeyCode::Char('s'));
    assert_eq!(h.claims_overlay().sort(), ClaimOrder::ConflictsFirst);
    h.key(KeyCode::Char('s'));
    assert_eq!(h.claims_overlay().order(), &by_sources[..]);
}

#[test]
fn claims_overview_shows_figure_drift_of_dated_articles() {
    let mut h = Harness::of(&stable_dated_dir());
    h.key(KeyCode::Char('c'));
    let screen = h.screen(120, 30);
    // Who said $10 billion first (in December), who said $50 billion later.
    assert!(screen.contains("drift: $10 billion"), "{screen}");
    let claims = &h.app.data.claims;
    let drift = (0..claims.len())
        .map(|c| claims.drift(c))
        .find(|d| d.iter().any(|step| step.figures.contains("$10 billion")))
        .unwrap_or_else(|| panic!("no drift of the investment figure:\n{screen}"));
    let step = |figure: &str, source: &str, date: &str| {
        drift
            .iter()
            .position(|s| {
                s.figures.to_lowercase().contains(figure) && s.source == source && s.date == date
            })
            .unwrap_or_else(|| panic!("{figure} ({source} {date}) missing: {drift:?}"))
    };
    assert!(
        step("$10 billion", "Tech Chronicle", "2025-12-17")
            < step("$50 billion", "Market Minute", "2026-01-29"),
        "{drift:?}"
    );
    insta::assert_snapshot!("claims_with_drift", screen);
    // Undated articles have no drift.
    let mut undated = Harness::new();
    undated.key(KeyCode::Char('c'));
    assert!(!undated.screen(120, 30).contains("drift:"));
}

//! Reader views drawn into ratatui's TestBackend on the sample corpus, checked with insta
//! snapshots (text) and direct style assertions (colours cannot show in a text snapshot).

mod common;

use std::sync::mpsc;

use common::{fixture, no_progress};
use crossread::Library;
use crossread::tui::config::Config;
use crossread::tui::app::App;
use crossread::tui::state::Pane;
use crossread::tui::view;
use crossread::tui::worker::{self, AppEvent, Request};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The sample articles at a fixed path. Article ids hash the file's path, and ids decide
/// tie-breaks (which mention anchors a claim, list order among equal titles), so snapshots
/// must not depend on where the repository is checked out.
fn stable_seed_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join("crossread-snapshot-fixtures/seeds");
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(fixture("seeds")).unwrap() {
        let path = entry.unwrap().path();
        let target = dir.join(path.file_name().unwrap());
        let bytes = std::fs::read(&path).unwrap();
        if std::fs::read(&target).ok().as_deref() != Some(&bytes[..]) {
            crossread::fsutil::write_atomic(&target, &bytes).unwrap();
        }
    }
    dir
}

/// The reader wired to a library without threads: requests are answered as they are made.
struct Harness {
    app: App,
    library: Library,
    requests: mpsc::Receiver<Request>,
}

impl Harness {
    fn new() -> Harness {
        let mut library = Library::temporary().unwrap();
        library
            .add(&[stable_seed_dir()], &mut no_progress())
            .unwrap();
        let (tx, requests) = mpsc::channel();
        let mut app = App::new(Config::default(), tx);
        app.handle(worker::loaded(&library, Some("5 articles".to_string())));
        let mut harness = Harness {
            app,
            library,
            requests,
        };
        harness.pump();
        harness
    }

    fn pump(&mut self) {
        while let Ok(request) = self.requests.try_recv() {
            let event = worker::answer(&mut self.library, std::path::Path::new("."), request);
            self.app.handle(event);
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

    fn draw(&mut self, width: u16, height: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal
            .draw(|frame| view::draw(frame, &mut self.app))
            .unwrap();
        terminal
    }

    fn screen(&mut self, width: u16, height: u16) -> String {
        self.draw(width, height).backend().to_string()
    }

    /// Opens the article whose title starts with `prefix` from the list.
    fn open_titled(&mut self, prefix: &str) -> &mut Harness {
        self.app.state.focus = crossread::tui::state::Pane::List;
        self.key(KeyCode::Char('g'));
        for _ in 0..self.app.state.order.len() {
            if self
                .app
                .state
                .selected_article()
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
            .side_mentions()
            .iter()
            .any(|m| m.stance == crossread::claims::Stance::Conflict);
        if conflict {
            found_conflict = true;
            break;
        }
        let before = h.app.state.location();
        h.key(KeyCode::Char(']'));
        if h.app.state.location() == before {
            break;
        }
    }
    assert!(found_conflict, "no sentence with a conflicting source");
    let linked = h.app.state.location().unwrap();
    let screen = h.screen(140, 36);
    assert!(screen.contains("CONFLICT"), "{screen}");
    insta::assert_snapshot!("side_panel_with_conflict", screen);
    // Enter focuses the panel and jumps to the first other source.
    h.key(KeyCode::Enter);
    let there = h.app.state.location().unwrap();
    assert_ne!(there.article, linked.article);
    assert!(
        h.app.state.cursor_claim().is_some(),
        "the target sentence makes the same claim"
    );
    // Back returns to the sentence we left, forward goes there again.
    h.key_with(KeyCode::Char('o'), KeyModifiers::CONTROL);
    assert_eq!(h.app.state.location().unwrap(), linked);
    h.key(KeyCode::Char('L'));
    assert_eq!(h.app.state.location().unwrap(), there);
}

#[test]
fn live_search_shows_highlighted_results_and_opens_at_the_match() {
    let mut h = Harness::new();
    h.key(KeyCode::Char('/')).typed("Trainium");
    insta::assert_snapshot!("search_results", h.screen(100, 24));
    h.key(KeyCode::Enter);
    let open = h.app.state.open.as_ref().unwrap();
    let sentence = open.sentence_range(open.cursor).unwrap();
    assert!(open.body[sentence].contains("Trainium"));
    assert!(!open.matches.is_empty());
    // n moves to the next match, in a later sentence.
    let before = open.cursor;
    h.key(KeyCode::Char('n'));
    let open = h.app.state.open.as_ref().unwrap();
    assert!(open.cursor > before || open.matches.len() == 1);
}

#[test]
fn help_is_generated_from_the_key_map() {
    let mut h = Harness::new();
    h.key(KeyCode::Char('?'));
    let screen = h.screen(100, 40);
    assert!(screen.contains("j, Down") || screen.contains("Down, j"));
    insta::assert_snapshot!("help", screen);
    h.key(KeyCode::Esc);
    assert!(h.app.state.overlay.is_none());
}

#[test]
fn rebound_keys_show_in_help_and_work() {
    let config = Config::parse("[keys]\ndown = \"x\"\n", std::path::Path::new("t.toml")).unwrap();
    let mut h = Harness::new();
    h.app.config = config;
    h.key(KeyCode::Char('x'));
    assert_eq!(h.app.state.list_cursor, 1);
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
    let cursor = h.app.state.open.as_ref().unwrap().cursor;
    for (w, hgt) in [(140, 40), (60, 12), (30, 8), (120, 30), (20, 5)] {
        h.screen(w, hgt);
        assert!(
            h.app.article_lines.contains(&Some(cursor)) || h.app.state.focus != Pane::Article,
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
    let (tx, requests) = mpsc::channel();
    let mut h = Harness {
        app: App::new(Config::default(), tx),
        library,
        requests,
    };
    h.app.handle(worker::loaded(&h.library, None));
    h.pump();
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
    assert_eq!(h.app.state.focus, Pane::Article);
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::Char('m')).typed("check this figure");
    let screen = h.screen(120, 30);
    assert!(screen.contains("New highlight"), "{screen}");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.state.highlights.len(), 1);
    let stored = &h.app.state.highlights[0].highlight;
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
        h.app.state.highlighted_ranges(),
        terminal.backend()
    );
    // The highlights list jumps back to it.
    h.key(KeyCode::Char('G'));
    h.key(KeyCode::Char('M'));
    insta::assert_snapshot!("highlights_list", h.screen(100, 20));
    h.key(KeyCode::Enter);
    let open = h.app.state.open.as_ref().unwrap();
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
    let stored = &h.app.state.highlights[0].highlight;
    assert!(stored.text.starts_with("Reports surfaced this week"));
    assert!(
        stored
            .text
            .contains("The proposed investment is reportedly the cornerstone")
    );
    assert!(h.app.state.selection_anchor.is_none());
}

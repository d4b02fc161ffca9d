//! Reader latency on a real library: time to the first frame, time until the library is
//! loaded and drawn, and the UI-thread time to handle a key press and redraw (TestBackend,
//! 120x40), with requests answered the way the background worker answers them and the
//! worker's time reported apart.
//!
//! Run: `cargo run --release --example reader_timing -- LIBRARY_DIR [--json]`
//! (build a large library first, e.g. ten copies of the ECB+ corpus: see README "Speed").

#[path = "common/mod.rs"]
mod common;
use common::percentile;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crossread::Library;
use crossread::tui::app::App;
use crossread::tui::component::Pane;
use crossread::tui::config::Config;
use crossread::tui::worker::{self, AppEvent};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: reader_timing LIBRARY_DIR [--json]");
    let as_json = std::env::args().any(|a| a == "--json");
    let dir = std::path::PathBuf::from(dir);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();

    let started = Instant::now();
    let (tx, rx) = mpsc::channel();
    let mut app = App::new(Config::default(), tx);
    terminal.draw(|f| app.render(f)).unwrap();
    let first_frame = started.elapsed();

    // What the worker does at start-up: the list first, then the claims.
    let opened = Instant::now();
    let mut library = Library::open(&dir).expect("open library");
    app.handle(AppEvent::Loaded {
        articles: library.list(),
        highlights: library.highlights().unwrap_or_default(),
        claims: Default::default(),
        notice: None,
    });
    terminal.draw(|f| app.render(f)).unwrap();
    let list_time = opened.elapsed();
    let rss_list = common::status_mb("VmRSS");
    library.links().expect("links");
    let rss_links = common::status_mb("VmRSS");
    app.handle(worker::claims_of(&library));
    library.release_links();
    let load_time = opened.elapsed();
    let rss_claims = common::status_mb("VmRSS");
    // Answers the app's requests as the worker thread would; returns the time spent in the
    // worker's answers (background work in the real reader, never on the UI thread).
    let pump = |app: &mut App, library: &mut Library| -> Duration {
        let mut worker_time = Duration::ZERO;
        while let Ok(request) = rx.try_recv() {
            let t = Instant::now();
            let event = worker::answer(library, &dir, request);
            worker_time += t.elapsed();
            app.handle(event);
        }
        worker_time
    };
    pump(&mut app, &mut library);
    terminal.draw(|f| app.render(f)).unwrap();
    let ready = started.elapsed();
    let mut lines = vec![
        format!(
            "library: {} articles, {} shared claims",
            app.data.articles().len(),
            app.data.claims.len()
        ),
        format!("first frame (before the library is loaded): {first_frame:.2?}"),
        format!("article list shown (library opened on the worker, list drawn): {list_time:.2?}"),
        format!("shared claims loaded (links read and grouped): {load_time:.2?}"),
        format!("loaded, first article open and drawn: {ready:.2?}"),
        format!(
            "resident memory: {rss_list:.0} MB with the list, {rss_links:.0} MB with the links read, {rss_claims:.0} MB with the claims grouped"
        ),
    ];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mut figures = serde_json::json!({
        "articles": app.data.articles().len(),
        "claims": app.data.claims.len(),
        "first_frame_ms": ms(first_frame),
        "list_shown_ms": ms(list_time),
        "claims_loaded_ms": ms(load_time),
        "ready_ms": ms(ready),
    });

    // UI-thread time of a key (handling it, handling the worker's answer, drawing), with the
    // worker's own time kept apart.
    let mut worker_times = Vec::new();
    let mut press = |app: &mut App, library: &mut Library, code: KeyCode| -> Duration {
        let t = Instant::now();
        app.handle(AppEvent::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        let worker_time = pump(app, library);
        terminal.draw(|f| app.render(f)).unwrap();
        if worker_time > Duration::ZERO {
            worker_times.push(worker_time);
        }
        t.elapsed() - worker_time
    };
    let mut list_moves = Vec::new();
    for _ in 0..200 {
        list_moves.push(press(&mut app, &mut library, KeyCode::Char('j')));
    }
    app.focus = Pane::Article;
    let mut sentence_moves = Vec::new();
    for _ in 0..200 {
        sentence_moves.push(press(&mut app, &mut library, KeyCode::Char('j')));
    }
    let mut linked_jumps = Vec::new();
    for _ in 0..50 {
        linked_jumps.push(press(&mut app, &mut library, KeyCode::Char(']')));
        linked_jumps.push(press(&mut app, &mut library, KeyCode::Enter));
    }
    press(&mut app, &mut library, KeyCode::Esc);
    let mut search_keys = Vec::new();
    press(&mut app, &mut library, KeyCode::Char('/'));
    for c in "earthquake".chars() {
        search_keys.push(press(&mut app, &mut library, KeyCode::Char(c)));
    }
    let mut worst_p99 = Duration::ZERO;
    for (name, samples) in [
        (
            "list j (next article: UI thread, worker fetch excluded)",
            &mut list_moves,
        ),
        ("article j (next sentence + draw)", &mut sentence_moves),
        (
            "] and Enter (next linked sentence, jump to another source)",
            &mut linked_jumps,
        ),
        ("search keystroke (live query + draw)", &mut search_keys),
    ] {
        let p50 = percentile(samples, 0.5);
        let p99 = percentile(samples, 0.99);
        let max = *samples.iter().max().unwrap();
        worst_p99 = worst_p99.max(p99);
        lines.push(format!(
            "{name}: p50 {p50:.2?}  p99 {p99:.2?}  max {max:.2?}"
        ));
    }
    let worker_p50 = percentile(&mut worker_times, 0.5);
    let worker_p99 = percentile(&mut worker_times, 0.99);
    lines.push(format!(
        "worker answers to those keys (article fetch, search; off the UI thread): p50 {worker_p50:.2?}  p99 {worker_p99:.2?}"
    ));
    figures["worker_p50_ms"] = ms(worker_p50).into();
    figures["worker_p99_ms"] = ms(worker_p99).into();
    lines.push(format!("peak memory: {:.0} MB", common::status_mb("VmHWM")));
    figures["key_p99_ms"] = ms(worst_p99).into();
    figures["peak_mb"] = common::status_mb("VmHWM").into();
    if as_json {
        println!("{figures}");
    } else {
        for line in lines {
            println!("{line}");
        }
    }
}

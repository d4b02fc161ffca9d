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
use crossread::tui::worker::{AppEvent, Worker};
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
    let library = Library::open(&dir).expect("open library");
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
    let mut worker = Worker::new(library, &dir);
    app.handle(worker.claims());
    let load_time = opened.elapsed();
    let rss_claims = common::status_mb("VmRSS");
    // Answers the app's requests as the worker thread would, and does the background work
    // they start (the opened article's other sources, the matrix's rows); returns the time
    // spent in the worker (off the UI thread in the real reader).
    let pump = |app: &mut App, worker: &mut Worker| -> Duration {
        let mut worker_time = Duration::ZERO;
        while let Ok(request) = rx.try_recv() {
            let t = Instant::now();
            let event = worker.answer(request);
            worker_time += t.elapsed();
            app.handle(event);
        }
        loop {
            let t = Instant::now();
            let Some(event) = worker.idle(Duration::MAX) else {
                break;
            };
            worker_time += t.elapsed();
            app.handle(event);
        }
        worker_time
    };
    pump(&mut app, &mut worker);
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
    let worker_times = std::cell::RefCell::new(Vec::new());
    let mut press = |app: &mut App, worker: &mut Worker, code: KeyCode| -> Duration {
        let t = Instant::now();
        app.handle(AppEvent::Key(KeyEvent::new(code, KeyModifiers::NONE)));
        let worker_time = pump(app, worker);
        terminal.draw(|f| app.render(f)).unwrap();
        if worker_time > Duration::ZERO {
            worker_times.borrow_mut().push(worker_time);
        }
        t.elapsed() - worker_time
    };
    let mut list_moves = Vec::new();
    for _ in 0..200 {
        list_moves.push(press(&mut app, &mut worker, KeyCode::Char('j')));
    }
    app.focus = Pane::Article;
    let mut sentence_moves = Vec::new();
    for _ in 0..200 {
        sentence_moves.push(press(&mut app, &mut worker, KeyCode::Char('j')));
    }
    let mut linked_jumps = Vec::new();
    for _ in 0..50 {
        linked_jumps.push(press(&mut app, &mut worker, KeyCode::Char(']')));
        linked_jumps.push(press(&mut app, &mut worker, KeyCode::Enter));
    }
    press(&mut app, &mut worker, KeyCode::Esc);
    let mut search_keys = Vec::new();
    press(&mut app, &mut worker, KeyCode::Char('/'));
    for c in "earthquake".chars() {
        search_keys.push(press(&mut app, &mut worker, KeyCode::Char(c)));
    }
    press(&mut app, &mut worker, KeyCode::Esc);
    // The claims overview and the coverage matrix over every claim.
    let mut overlay_keys = Vec::new();
    for _ in 0..5 {
        for code in ['c', 'j', 'j', 'C', 'c', 'x', 'l', 'j', 'G', 'x'] {
            overlay_keys.push(press(&mut app, &mut worker, KeyCode::Char(code)));
        }
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
        (
            "claims overview and coverage matrix keys (open, move, conflicts first, close)",
            &mut overlay_keys,
        ),
    ] {
        let p50 = percentile(samples, 0.5);
        let p99 = percentile(samples, 0.99);
        let max = *samples.iter().max().unwrap();
        worst_p99 = worst_p99.max(p99);
        lines.push(format!(
            "{name}: p50 {p50:.2?}  p99 {p99:.2?}  max {max:.2?}"
        ));
    }
    let worker_p50 = percentile(&mut worker_times.borrow_mut(), 0.5);
    let worker_p99 = percentile(&mut worker_times.borrow_mut(), 0.99);
    lines.push(format!(
        "worker answers to those keys (article fetch and its other sources' sourcing, search, claims in view; off the UI thread): p50 {worker_p50:.2?}  p99 {worker_p99:.2?}"
    ));
    figures["worker_p50_ms"] = ms(worker_p50).into();
    figures["worker_p99_ms"] = ms(worker_p99).into();
    lines.push(format!(
        "peak memory: {:.0} MB (resident now {:.0} MB, {:.0} MB of it mapped index files)",
        common::status_mb("VmHWM"),
        common::status_mb("VmRSS"),
        common::status_mb("RssFile")
    ));
    figures["peak_mb"] = common::status_mb("VmHWM").into();

    // The claims overview sorted by independent sources has every claim's articles read, in
    // the background (run here at once); then sorting is a key like any other.
    let rss_before = common::status_mb("VmRSS");
    let all_started = Instant::now();
    // Drawing the sorted overview asks for every claim; the next key's pump reads them all.
    for code in ['c', 's', 'j'] {
        press(&mut app, &mut worker, KeyCode::Char(code));
    }
    let all_time = all_started.elapsed();
    assert!(app.data.claims.all_facts_known());
    press(&mut app, &mut worker, KeyCode::Esc);
    let mut sort_keys = Vec::new();
    for _ in 0..5 {
        for code in ['c', 's', 'j', 's', 's', 'c'] {
            sort_keys.push(press(&mut app, &mut worker, KeyCode::Char(code)));
        }
    }
    let sort_p99 = percentile(&mut sort_keys, 0.99);
    lines.push(format!(
        "overview sorted by independent sources: every claim read in {all_time:.2?} (worker thread, between requests); resident memory {rss_before:.0} MB before, {:.0} MB after ({:.0} MB of it mapped index files); sort keys p99 {sort_p99:.2?}",
        common::status_mb("VmRSS"),
        common::status_mb("RssFile")
    ));
    figures["all_facts_ms"] = ms(all_time).into();
    figures["all_facts_rss_mb"] = common::status_mb("VmRSS").into();
    figures["sort_keys_p99_ms"] = ms(sort_p99).into();
    lines.push(format!(
        "peak memory with every claim read: {:.0} MB",
        common::status_mb("VmHWM")
    ));
    figures["key_p99_ms"] = ms(worst_p99).into();
    if as_json {
        println!("{figures}");
    } else {
        for line in lines {
            println!("{line}");
        }
    }
}

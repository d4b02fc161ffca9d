//! The reader: a ratatui app over the library.
//!
//! Map: `components` (one per pane and per overlay, each owning its state, keys and drawing,
//! on the `component` traits), `app` (routes events to components and acts on the messages
//! they return; keeps the jump `history`), `layout` (where the panes go), `data` (what the
//! worker last sent) with `claims_data` (the one adapter over the shared claims), `config`
//! (key map, theme, reader options) and `theme` (their styles), `wrap` (width-correct
//! wrapping), `worker` (the thread that owns the library, so the UI never blocks on I/O), and
//! this module: terminal set-up and the event loop. The terminal is restored on quit, on
//! error, on panic (ratatui's hook) and on SIGTERM/SIGHUP.

pub mod app;
pub mod claims_data;
pub mod component;
pub mod components;
pub mod config;
pub mod data;
pub mod history;
pub mod layout;
pub mod message;
pub mod theme;
pub mod worker;
pub mod wrap;

use std::io;
use std::sync::mpsc;
use std::time::Duration;

use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::execute;

use config::Config;

use app::{App, Effect};
use worker::{AppEvent, Request, Startup};

/// Runs the reader until the user quits.
pub fn run(config: Config, startup: Startup) -> anyhow::Result<()> {
    let (event_tx, event_rx) = mpsc::channel::<AppEvent>();
    let (request_tx, request_rx) = mpsc::channel::<Request>();
    let mouse = config.reader.mouse;

    let worker_events = event_tx.clone();
    std::thread::Builder::new()
        .name("crossread-worker".into())
        .spawn(move || worker::run(startup, request_rx, worker_events))?;
    spawn_signal_listener(event_tx.clone())?;

    let mut terminal = ratatui::init();
    if mouse {
        let _ = execute!(io::stdout(), EnableMouseCapture);
    }
    let input_tx = event_tx.clone();
    std::thread::Builder::new()
        .name("crossread-input".into())
        .spawn(move || forward_input(input_tx))?;

    let mut app = App::new(config, request_tx);
    let result = event_loop(&mut terminal, &mut app, &event_rx, mouse);
    if mouse {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    events: &mpsc::Receiver<AppEvent>,
    mouse: bool,
) -> anyhow::Result<()> {
    terminal.draw(|frame| app.render(frame))?;
    while !app.should_quit() {
        let event = match app.deadline() {
            Some(deadline) => {
                let wait = deadline.saturating_duration_since(std::time::Instant::now());
                match events.recv_timeout(wait) {
                    Ok(event) => event,
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        AppEvent::Tick(std::time::Instant::now())
                    }
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                }
            }
            None => match events.recv() {
                Ok(event) => event,
                Err(_) => break,
            },
        };
        let mut effect = app.handle(event);
        // Drain what else is queued before redrawing, so bursts cost one frame.
        while effect == Effect::None && !app.should_quit() {
            match events.try_recv() {
                Ok(event) => effect = app.handle(event),
                Err(_) => break,
            }
        }
        match effect {
            Effect::None => {}
            Effect::Suspend => suspend(terminal, mouse)?,
            Effect::OpenUrl(url) => app.status.set(open_url(&url)),
        }
        if !app.should_quit() {
            terminal.draw(|frame| app.render(frame))?;
        }
    }
    Ok(())
}

/// Reads terminal events on their own thread; the loop ends when the app has gone.
fn forward_input(events: mpsc::Sender<AppEvent>) {
    loop {
        if !event::poll(Duration::from_millis(250)).unwrap_or(false) {
            continue;
        }
        let Ok(event) = event::read() else {
            continue;
        };
        let app_event = match event {
            Event::Key(key) => AppEvent::Key(key),
            Event::Mouse(mouse) => AppEvent::Mouse(mouse),
            Event::Resize(_, _) => AppEvent::Resize,
            _ => continue,
        };
        if events.send(app_event).is_err() {
            return;
        }
    }
}

/// Turns SIGTERM and SIGHUP into a clean quit (the loop restores the terminal).
fn spawn_signal_listener(events: mpsc::Sender<AppEvent>) -> io::Result<()> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
        std::thread::Builder::new()
            .name("crossread-signals".into())
            .spawn(move || {
                if signals.forever().next().is_some() {
                    let _ = events.send(AppEvent::Terminate);
                }
            })?;
    }
    #[cfg(not(unix))]
    let _ = events;
    Ok(())
}

/// Ctrl-Z: give the terminal back, stop, and take it again when resumed.
fn suspend(terminal: &mut ratatui::DefaultTerminal, mouse: bool) -> anyhow::Result<()> {
    if mouse {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    #[cfg(unix)]
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    *terminal = ratatui::init();
    if mouse {
        let _ = execute!(io::stdout(), EnableMouseCapture);
    }
    terminal.clear()?;
    Ok(())
}

/// Opens a URL with `$BROWSER` (or xdg-open), as a direct process with the URL as its only
/// argument: never through a shell.
fn open_url(url: &str) -> String {
    let browser = std::env::var("BROWSER").unwrap_or_else(|_| "xdg-open".to_string());
    // $BROWSER may list alternatives separated by ':'; take the first.
    let program = browser
        .split(':')
        .next()
        .unwrap_or("xdg-open")
        .trim()
        .to_string();
    match std::process::Command::new(&program)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        Ok(_) => format!("Opened {url}"),
        Err(err) => format!("Cannot start {program}: {err}"),
    }
}

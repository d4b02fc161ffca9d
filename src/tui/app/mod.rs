//! The app: owns the components and the data they show, routes key presses, mouse events and
//! worker answers to them, acts on the [`Msg`]s they return, and keeps the jump history.
//!
//! Each frame is laid out (`layout`, which may settle scroll positions) and then drawn from
//! `&self` (`draw`). Anything that needs the terminal itself (suspending, launching a browser)
//! is returned as an [`Effect`] for the event loop to do.

mod route;

use std::sync::mpsc::Sender;
use std::time::Instant;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use super::claims_data::{ClaimsRead, SharedClaims};
use super::component::{Component, Context, Pane};
use super::components::Overlay;
use super::components::article::ArticlePane;
use super::components::list::{ArticleList, SortKey};
use super::components::side::SidePanel;
use super::components::status::StatusLine;
use super::config::{Config, KeyName, KeySpec};
use super::data::ReaderData;
use super::history::History;
use super::layout::ScreenLayout;
use super::theme::Styles;
use super::worker::{AppEvent, Request};
use super::wrap::truncate;

/// What the event loop must do after an event.
#[derive(Debug, PartialEq, Eq)]
pub enum Effect {
    None,
    Suspend,
    OpenUrl(String),
}

/// The context components see, built from the app's fields (so that a component field can
/// be borrowed mutably beside it).
macro_rules! context {
    ($app:expr) => {
        Context {
            data: &$app.data,
            config: &$app.config,
            styles: &$app.styles,
            focus: $app.focus,
        }
    };
}
pub(crate) use context;

pub struct App {
    pub config: Config,
    pub styles: Styles,
    pub data: ReaderData,
    pub list: ArticleList,
    pub article: ArticlePane,
    pub side: SidePanel,
    pub overlay: Option<Overlay>,
    pub focus: Pane,
    pub status: StatusLine,
    side_panel: bool,
    history: History,
    quit: bool,
    search_seq: u64,
    screen: ScreenLayout,
    requests: Sender<Request>,
}

/// Converts a terminal key event to the config's key notation.
pub fn key_spec(event: &KeyEvent) -> Option<KeySpec> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let alt = event.modifiers.contains(KeyModifiers::ALT);
    let key = match event.code {
        KeyCode::Char(c) => KeyName::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
        KeyCode::Enter => KeyName::Enter,
        KeyCode::Esc => KeyName::Esc,
        KeyCode::Tab => KeyName::Tab,
        KeyCode::BackTab => KeyName::BackTab,
        KeyCode::Backspace => KeyName::Backspace,
        KeyCode::Up => KeyName::Up,
        KeyCode::Down => KeyName::Down,
        KeyCode::Left => KeyName::Left,
        KeyCode::Right => KeyName::Right,
        KeyCode::Home => KeyName::Home,
        KeyCode::End => KeyName::End,
        KeyCode::PageUp => KeyName::PageUp,
        KeyCode::PageDown => KeyName::PageDown,
        KeyCode::Delete => KeyName::Delete,
        KeyCode::F(n) => KeyName::F(n),
        _ => return None,
    };
    Some(KeySpec { key, ctrl, alt })
}

impl App {
    pub fn new(config: Config, requests: Sender<Request>) -> App {
        let mut data = ReaderData::default();
        data.loading = Some("Opening the library\u{2026}".to_string());
        App {
            list: ArticleList::new(SortKey::from_config(&config.reader.sort)),
            side_panel: config.reader.side_panel,
            styles: Styles::from_config(&config),
            config,
            data,
            article: ArticlePane::default(),
            side: SidePanel::default(),
            overlay: None,
            focus: Pane::List,
            status: StatusLine::default(),
            history: History::default(),
            quit: false,
            search_seq: 0,
            screen: ScreenLayout::default(),
            requests,
        }
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The open article's id and the cursor's sentence.
    pub fn location(&self) -> Option<(String, usize)> {
        self.article.location().map(|(a, s)| (a.to_string(), s))
    }

    /// When the app wants to be woken without an event (a jump mark to clear).
    pub fn deadline(&self) -> Option<Instant> {
        self.article.deadline()
    }

    fn request(&mut self, request: Request) {
        if self.requests.send(request).is_err() {
            self.status
                .set("The background worker stopped; restart crossread.");
        }
    }

    /// Applies one event.
    pub fn handle(&mut self, event: AppEvent) -> Effect {
        match event {
            AppEvent::Key(key) if key.kind != KeyEventKind::Release => return self.on_key(key),
            AppEvent::Key(_) | AppEvent::Resize => {}
            AppEvent::Mouse(mouse) => return self.on_mouse(mouse),
            AppEvent::Tick(now) => {
                self.article.tick(now);
            }
            AppEvent::Progress(message) => self.data.loading = Some(message),
            AppEvent::Loaded {
                articles,
                highlights,
                claims,
                notice,
            } => {
                let keep = self.list.selected_id(&self.data);
                self.data.loading = None;
                self.data.highlights = highlights;
                self.data.set_articles(articles);
                self.data.claims = SharedClaims::new(claims);
                self.list.reorder(&self.data, keep.as_deref());
                let count = self.data.articles().len();
                self.status
                    .set(notice.unwrap_or_else(|| format!("{count} articles")));
                if self.article.open().is_none()
                    && !self.article.is_loading()
                    && let Some(id) = self.list.selected_id(&self.data)
                {
                    self.preview(id);
                }
                self.follow_cursor();
            }
            AppEvent::Article(stored) => {
                let id = stored.article.id.clone();
                if self.article.receive(*stored) {
                    self.list.mark_read(&id);
                    self.list.select(&self.data, &id);
                    self.follow_cursor();
                }
            }
            AppEvent::Claims(claims) => {
                let keep = self.list.selected_id(&self.data);
                self.data.claims = SharedClaims::new(claims);
                self.list.reorder(&self.data, keep.as_deref());
                self.follow_cursor();
            }
            AppEvent::ClaimsRead(read) => {
                let sourcing = matches!(read, ClaimsRead::Sourcing(_));
                if let Some(message) = self.data.claims.receive(read) {
                    self.status.set(message);
                }
                if sourcing {
                    self.follow_cursor();
                }
            }
            AppEvent::Highlights {
                highlights,
                message,
            } => {
                self.data.highlights = highlights;
                if let Some(message) = message {
                    self.status.set(message);
                }
            }
            AppEvent::SearchDone { seq, results } => {
                if let Some(Overlay::Search(search)) = &mut self.overlay {
                    search.receive(seq, results);
                }
            }
            AppEvent::Error(message) => {
                self.data.loading = None;
                self.status.set(message);
            }
            AppEvent::Terminate => self.quit = true,
        }
        Effect::None
    }

    /// The side panel follows the article's cursor.
    fn follow_cursor(&mut self) {
        let ctx = context!(self);
        self.side.follow(self.article.location(), &ctx);
    }

    /// Decides where everything goes in `area` (scroll positions included).
    pub fn layout(&mut self, area: Rect) {
        self.screen = ScreenLayout::compute(
            area,
            self.focus,
            self.side_panel,
            self.article.open().is_some(),
        );
        let ctx = context!(self);
        if let Some(rect) = self.screen.list {
            self.list.layout(rect, &ctx);
        }
        if let Some(rect) = self.screen.article {
            self.article.layout(rect, &ctx);
        }
        if let Some(rect) = self.screen.side {
            self.side.layout(rect, &ctx);
        }
        if let Some(overlay) = &mut self.overlay {
            overlay.component().layout(self.screen.body, &ctx);
        }
    }

    /// Draws the last layout.
    pub fn draw(&self, frame: &mut Frame) {
        let ctx = context!(self);
        if self.screen.too_small {
            let text = truncate("crossread: enlarge", self.screen.body.width as usize);
            frame.render_widget(Paragraph::new(text), self.screen.body);
            return;
        }
        if self.screen.list.is_some() {
            self.list.draw(frame, &ctx);
        }
        if self.screen.article.is_some() {
            self.article.draw(frame, &ctx);
        }
        if self.screen.side.is_some() {
            self.side.draw(frame, &ctx);
        }
        let position = match (self.article.open(), self.focus) {
            (Some(open), Pane::Article | Pane::Side) => {
                format!("sentence {}/{}", open.cursor + 1, open.sentence_count())
            }
            _ => format!(
                "{}/{}",
                (self.list.cursor() + 1).min(self.list.len()),
                self.list.len()
            ),
        };
        self.status.draw(frame, &ctx, self.screen.status, &position);
        if let Some(overlay) = &self.overlay {
            overlay.view().draw(frame, &ctx);
        }
    }

    /// Lays out and draws one frame, and asks the worker for what the frame shows of the
    /// claims but the reader has not read yet (it is drawn as soon as it comes).
    pub fn render(&mut self, frame: &mut Frame) {
        self.layout(frame.area());
        self.draw(frame);
        let wanted = match &self.overlay {
            Some(Overlay::Coverage(matrix)) => matrix.wanted(),
            Some(Overlay::Claims(overview)) => overview.wanted(),
            _ => return,
        };
        for request in self.data.claims.requests(&wanted) {
            self.request(Request::Claims(request));
        }
    }
}

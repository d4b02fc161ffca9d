//! What every pane and overlay of the reader is (the gitui and bottom pattern): a component
//! owns its state, turns key presses into an [`Outcome`] (a [`Msg`] for the app to route when
//! something beyond itself must happen), records a layout for the area it was given, and draws
//! from `&self` and that record. Drawing never changes state; components never reach into
//! each other.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Borders};

use super::config::{Action, Config};
use super::data::ReaderData;
use super::message::Msg;
use super::theme::Styles;

/// The panes that take focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Article,
    Side,
}

/// What components may read while handling keys, laying out and drawing.
pub struct Context<'a> {
    pub data: &'a ReaderData,
    pub config: &'a Config,
    pub styles: &'a Styles,
    pub focus: Pane,
}

impl Context<'_> {
    /// The first key bound to an action, for hints ("Press ] for ...").
    pub fn key_for(&self, action: Action) -> Option<String> {
        self.config
            .keys_for(action)
            .first()
            .map(|key| key.to_string())
    }

    /// A pane's frame, highlighted when it has the focus.
    pub fn pane_block(&self, pane: Pane, title: String) -> Block<'static> {
        let style = if self.focus == pane {
            self.styles.border_focused
        } else {
            self.styles.border
        };
        Block::default()
            .borders(Borders::ALL)
            .border_style(style)
            .title(ratatui::text::Span::styled(title, self.styles.title))
    }

    pub fn selected(&self, style: Style, selected: bool) -> Style {
        if selected {
            style.add_modifier(ratatui::style::Modifier::REVERSED)
        } else {
            style
        }
    }
}

/// A key press: the terminal's event (text lines read characters from it) and the action the
/// key map gives it.
#[derive(Debug, Clone, Copy)]
pub struct KeyPress {
    pub event: KeyEvent,
    pub action: Option<Action>,
}

/// What became of a key press.
#[derive(Debug)]
pub enum Outcome {
    /// Not this component's key.
    Ignored,
    /// Handled inside the component.
    Consumed,
    /// Handled; the app must do this too.
    Msg(Msg),
}

impl From<Msg> for Outcome {
    fn from(msg: Msg) -> Outcome {
        Outcome::Msg(msg)
    }
}

pub trait Component {
    fn handle_key(&mut self, key: &KeyPress, ctx: &Context) -> Outcome;
    /// Records what will be drawn in `area` (rows, scroll positions) for drawing and for the
    /// next key press or click.
    fn layout(&mut self, area: Rect, ctx: &Context);
    fn draw(&self, frame: &mut Frame, ctx: &Context);
}

//! The note line of a new highlight: shows the text being highlighted and takes an optional
//! note; Enter saves, Esc cancels.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::popup;
use crate::tui::component::{Component, Context, KeyPress, Outcome};
use crate::tui::message::Msg;
use crate::tui::wrap::{safe, truncate, wrap_plain};

/// Rows of the highlighted text shown above the note.
const PREVIEW_ROWS: usize = 6;

#[derive(Debug)]
pub struct NoteOverlay {
    article: String,
    start: usize,
    end: usize,
    /// The text being highlighted.
    quote: String,
    input: String,
    area: Rect,
}

impl NoteOverlay {
    pub fn new(article: String, start: usize, end: usize, quote: String) -> NoteOverlay {
        NoteOverlay {
            article,
            start,
            end,
            quote,
            input: String::new(),
            area: Rect::default(),
        }
    }
}

impl Component for NoteOverlay {
    fn handle_key(&mut self, key: &KeyPress, _ctx: &Context) -> Outcome {
        let ctrl = key.event.modifiers.contains(KeyModifiers::CONTROL);
        match key.event.code {
            KeyCode::Char('u') if ctrl => self.input.clear(),
            KeyCode::Char(c) if !ctrl => self.input.push(c),
            KeyCode::Backspace => {
                self.input.pop();
            }
            KeyCode::Enter => {
                let note = Some(self.input.trim().to_string()).filter(|n| !n.is_empty());
                return Msg::SaveHighlight {
                    article: self.article.clone(),
                    start: self.start,
                    end: self.end,
                    note,
                }
                .into();
            }
            _ => return Outcome::Ignored,
        }
        Outcome::Consumed
    }

    fn layout(&mut self, body: Rect, _ctx: &Context) {
        self.area = popup::area(body);
    }

    fn draw(&self, frame: &mut Frame, ctx: &Context) {
        let max = popup::inner(self.area).width as usize;
        let mut lines: Vec<Line> = wrap_plain(&self.quote, max)
            .into_iter()
            .take(PREVIEW_ROWS)
            .map(|line| Line::styled(line, ctx.styles.dim))
            .collect();
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "Note (optional). Enter saves the highlight, Esc cancels:",
            ctx.styles.dim,
        ));
        lines.push(Line::styled(
            truncate(&format!("> {}\u{258f}", safe(&self.input)), max),
            ctx.styles.title,
        ));
        popup::draw(frame, ctx, self.area, " New highlight ", lines);
    }
}

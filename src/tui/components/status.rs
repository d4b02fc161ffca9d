//! The status line: the last message (or what is loading) on the left, where the cursor is
//! and the help key on the right.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::component::Context;
use crate::tui::config::Action;
use crate::tui::wrap::{safe, truncate, width};

#[derive(Debug, Default)]
pub struct StatusLine {
    pub message: String,
}

impl StatusLine {
    pub fn set(&mut self, message: impl Into<String>) {
        self.message = crate::text::collapse_whitespace(&message.into());
    }

    /// Draws the line; `position` is the cursor's place ("sentence 3/40", "2/5").
    pub fn draw(&self, frame: &mut Frame, ctx: &Context, area: Rect, position: &str) {
        let help = ctx
            .key_for(Action::Help)
            .map(|k| format!(" \u{b7} {k}:help"))
            .unwrap_or_default();
        let message = ctx.data.loading.as_deref().unwrap_or(&self.message);
        let total = area.width as usize;
        let right = truncate(&format!("{position}{help}"), total / 2);
        let left = truncate(&safe(message), total.saturating_sub(width(&right) + 1));
        let pad = total.saturating_sub(width(&left) + width(&right));
        let line = Line::from(vec![
            Span::raw(left),
            Span::raw(" ".repeat(pad)),
            Span::raw(right),
        ])
        .style(ctx.styles.status);
        frame.render_widget(Paragraph::new(line), area);
    }
}

//! The frame every overlay is drawn in: centred over the panes, cleared, titled.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::tui::component::Context;

/// A rectangle of the given percentages of `area`, centred; small areas are used whole.
pub fn centered(area: Rect, width_percent: u16, height_percent: u16) -> Rect {
    let width = (area.width * width_percent / 100).max(area.width.min(20));
    let height = if area.height < 12 {
        area.height
    } else {
        (area.height * height_percent / 100).max(area.height.min(5))
    };
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// The usual overlay area over the panes.
pub fn area(body: Rect) -> Rect {
    centered(body, 90, 80)
}

/// The area inside an overlay's border.
pub fn inner(popup: Rect) -> Rect {
    Block::default().borders(Borders::ALL).inner(popup)
}

/// Clears `popup` and draws `lines` in a titled frame.
pub fn draw(frame: &mut Frame, ctx: &Context, popup: Rect, title: &str, lines: Vec<Line>) {
    frame.render_widget(Clear, popup);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(ctx.styles.border_focused)
        .title(Span::styled(title.to_string(), ctx.styles.title));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// The first row to show so that `selected` (of items `per_item` rows tall) stays in a
/// window of `room` rows.
pub fn first_visible(selected: usize, room: usize, per_item: usize) -> usize {
    let fits = (room / per_item.max(1)).max(1);
    selected.saturating_sub(fits - 1)
}

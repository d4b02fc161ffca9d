//! The help overlay, generated from the active key map: actions grouped (moving, jumping,
//! search, claims, highlights, display, quit), laid out in as many columns as the width
//! allows, scrollable when still too tall, with a footer that is always visible and says how
//! to scroll, close the help and quit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::popup;
use crate::tui::component::{Component, Context, KeyPress, Outcome};
use crate::tui::config::{Action, Config, Group, KeySpec};
use crate::tui::message::Msg;
use crate::tui::wrap::{truncate, width};

/// Narrowest column worth splitting the help into.
const MIN_COLUMN_WIDTH: usize = 64;
/// Widest keys column.
const MAX_KEYS_WIDTH: usize = 22;

/// Keys the reader reads outside the key map, listed with their group.
const FIXED_KEYS: &[(Group, &str, &str)] = &[
    (
        Group::Search,
        "Up/Down, Ctrl-n/p",
        "in the search line: choose a result; Enter opens it",
    ),
    (
        Group::Quit,
        "Esc",
        "close an overlay, cancel a selection, leave the side panel",
    ),
];

#[derive(Debug, Clone, PartialEq, Eq)]
enum HelpLine {
    Heading(&'static str),
    Entry { keys: String, help: String },
    Blank,
}

/// Every group with its entries, from the active key map.
fn groups(config: &Config) -> Vec<Vec<HelpLine>> {
    Group::ALL
        .iter()
        .map(|&group| {
            let mut lines = vec![HelpLine::Heading(group.title())];
            for info in Action::ALL.iter().filter(|i| i.group == group) {
                let keys = config.keys_for(info.action);
                if keys.is_empty() {
                    continue;
                }
                let keys: Vec<String> = keys.iter().map(KeySpec::to_string).collect();
                lines.push(HelpLine::Entry {
                    keys: keys.join(", "),
                    help: info.help.to_string(),
                });
            }
            for (_, keys, help) in FIXED_KEYS.iter().filter(|(g, ..)| *g == group) {
                lines.push(HelpLine::Entry {
                    keys: keys.to_string(),
                    help: help.to_string(),
                });
            }
            lines
        })
        .collect()
}

/// Below this cell width an entry's keys go on a line of their own, its text indented under.
const NARROW_CELL: usize = 48;

/// An entry per row: the text wrapped into the cell beside the keys (`keys_width` columns),
/// or, when `keys_width` is 0, below them, indented.
fn wrapped(group: Vec<HelpLine>, cell: usize, keys_width: usize) -> Vec<HelpLine> {
    let mut rows = Vec::new();
    for line in group {
        let HelpLine::Entry { keys, help } = line else {
            rows.push(line);
            continue;
        };
        let (text_width, indent, mut keys) = if keys_width == 0 {
            rows.push(HelpLine::Entry {
                keys,
                help: String::new(),
            });
            (cell.saturating_sub(2), "  ", None)
        } else {
            (cell.saturating_sub(keys_width + 2), "", Some(keys))
        };
        for text in crate::tui::wrap::wrap_plain(&help, text_width.max(8)) {
            rows.push(HelpLine::Entry {
                keys: keys.take().unwrap_or_default(),
                help: format!("{indent}{text}"),
            });
        }
    }
    rows
}

/// Spreads groups over `count` columns of about equal height, never splitting a group.
fn columns(groups: Vec<Vec<HelpLine>>, count: usize) -> Vec<Vec<HelpLine>> {
    let total: usize = groups.iter().map(|g| g.len() + 1).sum();
    let target = total.div_ceil(count.max(1));
    let mut columns: Vec<Vec<HelpLine>> = vec![Vec::new()];
    for group in groups {
        let current = columns.last().map(Vec::len).unwrap_or(0);
        if current > 0 && current + group.len() > target && columns.len() < count {
            columns.push(Vec::new());
        }
        let column = columns.last_mut().expect("one column at least");
        if !column.is_empty() {
            column.push(HelpLine::Blank);
        }
        column.extend(group);
    }
    columns
}

#[derive(Debug, Default)]
struct HelpLayout {
    area: Rect,
    columns: Vec<Vec<HelpLine>>,
    column_width: usize,
    keys_width: usize,
    /// Rows for the columns (the footer takes the last row of the frame).
    room: usize,
    /// Rows of the tallest column.
    content: usize,
    scroll: usize,
}

#[derive(Debug, Default)]
pub struct HelpOverlay {
    scroll: usize,
    view: HelpLayout,
}

impl HelpOverlay {
    fn page(&self) -> usize {
        self.view.room.saturating_sub(1).max(1)
    }

    fn footer(&self, ctx: &Context) -> String {
        let key = |action| ctx.key_for(action).unwrap_or_else(|| "?".to_string());
        let view = &self.view;
        let more = if view.scroll + view.room < view.content {
            format!(
                "\u{25bc} more below ({}/{}/{})",
                key(Action::Down),
                key(Action::PageDown),
                key(Action::Bottom)
            )
        } else if view.scroll > 0 {
            format!(
                "\u{25b2} more above ({}/{})",
                key(Action::Up),
                key(Action::Top)
            )
        } else {
            String::new()
        };
        let quit = format!("{}: quit", key(Action::Quit));
        let close = format!("Esc/{}: close help", key(Action::Help));
        [quit, more, close]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" \u{b7} ")
    }
}

impl Component for HelpOverlay {
    fn handle_key(&mut self, key: &KeyPress, _ctx: &Context) -> Outcome {
        let Some(action) = key.action else {
            return Outcome::Consumed;
        };
        match action {
            Action::Down => self.scroll += 1,
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::PageDown => self.scroll += self.page(),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(self.page()),
            Action::Top => self.scroll = 0,
            Action::Bottom => self.scroll = usize::MAX,
            Action::Help => return Msg::CloseOverlay.into(),
            _ => {}
        }
        Outcome::Consumed
    }

    fn layout(&mut self, body: Rect, ctx: &Context) {
        let area = popup::area(body);
        let inner = popup::inner(area);
        let width = inner.width as usize;
        let count = (width / MIN_COLUMN_WIDTH).clamp(1, 3);
        let groups = groups(ctx.config);
        let keys_width = groups
            .iter()
            .flatten()
            .filter_map(|l| match l {
                HelpLine::Entry { keys, .. } => Some(crate::tui::wrap::width(keys)),
                _ => None,
            })
            .max()
            .unwrap_or(0)
            .min(MAX_KEYS_WIDTH);
        let column_width = width / count;
        // Cells leave a gap of two columns between columns of text.
        let cell = column_width.saturating_sub(if count > 1 { 2 } else { 0 });
        let keys_width = if cell >= NARROW_CELL { keys_width } else { 0 };
        let groups = groups
            .into_iter()
            .map(|group| wrapped(group, cell, keys_width))
            .collect();
        let columns = columns(groups, count);
        let content = columns.iter().map(Vec::len).max().unwrap_or(0);
        let room = (inner.height as usize).saturating_sub(1);
        self.scroll = self.scroll.min(content.saturating_sub(room));
        self.view = HelpLayout {
            area,
            column_width,
            keys_width,
            columns,
            room,
            content,
            scroll: self.scroll,
        };
    }

    fn draw(&self, frame: &mut Frame, ctx: &Context) {
        let view = &self.view;
        let styles = ctx.styles;
        let mut lines = Vec::with_capacity(view.room + 1);
        for row in view.scroll..view.scroll + view.room {
            let mut spans = Vec::new();
            for (index, column) in view.columns.iter().enumerate() {
                let last = index + 1 == view.columns.len();
                // A gap of two columns between columns of text.
                let cell = view.column_width.saturating_sub(if last { 0 } else { 2 });
                let mut used = 0;
                match column.get(row) {
                    Some(HelpLine::Heading(title)) => {
                        let text = truncate(title, cell);
                        used = width(&text);
                        spans.push(Span::styled(text, styles.conflict));
                    }
                    Some(HelpLine::Entry { keys, help }) => {
                        let keys_width = if view.keys_width == 0 {
                            cell
                        } else {
                            view.keys_width
                        };
                        let keys = truncate(keys, keys_width.min(cell));
                        let pad = if view.keys_width == 0 {
                            0
                        } else {
                            view.keys_width.saturating_sub(width(&keys)) + 2
                        };
                        let help =
                            truncate(help, cell.saturating_sub(view.keys_width + pad.min(2)));
                        used = width(&keys) + pad + width(&help);
                        spans.push(Span::styled(keys, styles.title));
                        spans.push(Span::raw(" ".repeat(pad)));
                        spans.push(Span::raw(help));
                    }
                    Some(HelpLine::Blank) | None => {}
                }
                if !last {
                    spans.push(Span::raw(
                        " ".repeat(view.column_width.saturating_sub(used)),
                    ));
                }
            }
            lines.push(Line::from(spans));
        }
        let inner_width = popup::inner(view.area).width as usize;
        lines.push(Line::styled(
            truncate(&self.footer(ctx), inner_width),
            styles.dim,
        ));
        popup::draw(frame, ctx, view.area, " Keys ", lines);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_stay_whole_and_columns_balance() {
        let groups = groups(&Config::default());
        let total: usize = groups.iter().map(Vec::len).sum();
        let two = columns(groups.clone(), 2);
        assert_eq!(two.len(), 2);
        for column in &two {
            assert!(matches!(column.first(), Some(HelpLine::Heading(_))));
            assert!(column.len() < total, "one column holds everything");
        }
        let one = columns(groups, 1);
        assert_eq!(one.len(), 1);
        // Every group heading once, quit last.
        let headings: Vec<&HelpLine> = one[0]
            .iter()
            .filter(|l| matches!(l, HelpLine::Heading(_)))
            .collect();
        assert_eq!(headings.len(), Group::ALL.len());
        assert_eq!(headings.last(), Some(&&HelpLine::Heading("Quit")));
    }
}

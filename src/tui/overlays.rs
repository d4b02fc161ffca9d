//! Overlays drawn above the panes: help (generated from the key map), live search, the claims
//! overview and the entity picker.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::tui::config::Action;

use super::app::{App, claim_order};
use super::state::{Overlay, SearchMode};
use super::theme::kind_index;
use super::view::wrap_plain;
use super::wrap::{truncate, width};

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let Some(overlay) = &app.state.overlay else {
        return;
    };
    let popup = centered(area, 90, 80);
    frame.render_widget(Clear, popup);
    let (title, lines) = match overlay {
        Overlay::Help { scroll } => (" Keys ", help_lines(app, *scroll, popup)),
        Overlay::Search(_) => (" Search ", search_lines(app, popup)),
        Overlay::Claims {
            selected,
            conflicts_first,
        } => (
            " Shared claims ",
            claims_lines(app, *selected, *conflicts_first, popup),
        ),
        Overlay::Entities { .. } => (" Entities in this sentence ", entity_lines(app, popup)),
        Overlay::Note { input, .. } => (" New highlight ", note_lines(app, input, popup)),
        Overlay::Highlights { selected } => {
            (" Highlights ", highlight_lines(app, *selected, popup))
        }
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.styles.border_focused)
        .title(Span::styled(title, app.styles.title));
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// A rectangle of the given percentages of `area`, centred, never smaller than the area allows.
fn centered(area: Rect, width_percent: u16, height_percent: u16) -> Rect {
    let width = (area.width * width_percent / 100).max(area.width.min(20));
    let height = (area.height * height_percent / 100).max(area.height.min(5));
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

fn inner_width(popup: Rect) -> usize {
    popup.width.saturating_sub(2) as usize
}

fn inner_height(popup: Rect) -> usize {
    popup.height.saturating_sub(2) as usize
}

fn help_lines(app: &App, scroll: usize, popup: Rect) -> Vec<Line<'static>> {
    let keys_width = 22;
    let mut lines = Vec::new();
    for (action, _, _, _) in Action::ALL {
        let keys: Vec<String> = app
            .config
            .keys_for(*action)
            .iter()
            .map(|k| k.to_string())
            .collect();
        if keys.is_empty() {
            continue;
        }
        let keys = truncate(&keys.join(", "), keys_width);
        let pad = keys_width.saturating_sub(width(&keys)) + 2;
        lines.push(Line::from(vec![
            Span::styled(keys, app.styles.title),
            Span::raw(" ".repeat(pad)),
            Span::raw(truncate(
                action.description(),
                inner_width(popup).saturating_sub(keys_width + 2),
            )),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Search line: type to search, Up/Down or Ctrl-n/Ctrl-p to choose, Enter to open, Esc to close.",
        app.styles.dim,
    ));
    lines.push(Line::styled(
        "Rebind any key in config.toml ([keys] action = [\"key\", ...]).",
        app.styles.dim,
    ));
    let height = inner_height(popup);
    let scroll = scroll.min(lines.len().saturating_sub(height));
    lines.into_iter().skip(scroll).collect()
}

fn search_lines(app: &App, popup: Rect) -> Vec<Line<'static>> {
    let Some(Overlay::Search(search)) = &app.state.overlay else {
        return Vec::new();
    };
    let max = inner_width(popup);
    let prompt = match search.mode {
        SearchMode::Query => format!("/{}\u{258f}", search.input),
        SearchMode::Entity => format!("Articles mentioning {}", search.input),
    };
    let mut lines = vec![Line::styled(truncate(&prompt, max), app.styles.title)];
    let Some(results) = &search.results else {
        if !search.input.is_empty() {
            lines.push(Line::styled("searching\u{2026}", app.styles.dim));
        }
        return lines;
    };
    if !results.ignored.is_empty() {
        lines.push(Line::styled(
            truncate(&format!("ignored: {}", results.ignored.join("; ")), max),
            app.styles.dim,
        ));
    }
    if results.hits.is_empty() {
        lines.push(Line::styled("no matches", app.styles.dim));
        return lines;
    }
    let per_hit = 3;
    let room = inner_height(popup).saturating_sub(lines.len() + 1) / per_hit;
    let first = search.selected.saturating_sub(room.saturating_sub(1));
    for (index, hit) in results
        .hits
        .iter()
        .enumerate()
        .skip(first)
        .take(room.max(1))
    {
        let selected = index == search.selected;
        let source = hit.source.clone().unwrap_or_default();
        let heading = truncate(&format!("{}  {}", hit.title, source), max);
        let style = if selected {
            app.styles.title.add_modifier(Modifier::REVERSED)
        } else {
            app.styles.title
        };
        lines.push(Line::styled(heading, style));
        lines.push(snippet_line(app, &hit.snippet, &hit.highlights, max));
        lines.push(Line::raw(""));
    }
    lines
}

/// The snippet cut to one row, matches styled.
fn snippet_line(app: &App, snippet: &str, highlights: &[[usize; 2]], max: usize) -> Line<'static> {
    let mut spans = vec![Span::raw("  ")];
    let mut at = 0;
    let mut used = 2;
    let push = |text: &str, style, used: &mut usize, spans: &mut Vec<Span<'static>>| {
        let cut = truncate(text, max.saturating_sub(*used));
        *used += width(&cut);
        spans.push(Span::styled(cut, style));
    };
    for &[start, end] in highlights {
        if start < at
            || end > snippet.len()
            || !snippet.is_char_boundary(start)
            || !snippet.is_char_boundary(end)
        {
            continue;
        }
        push(&snippet[at..start], app.styles.dim, &mut used, &mut spans);
        push(
            &snippet[start..end],
            app.styles.search_match,
            &mut used,
            &mut spans,
        );
        at = end;
    }
    push(&snippet[at..], app.styles.dim, &mut used, &mut spans);
    Line::from(spans)
}

fn claims_lines(
    app: &App,
    selected: usize,
    conflicts_first: bool,
    popup: Rect,
) -> Vec<Line<'static>> {
    let claims = &app.state.claims.claims;
    let order = claim_order(claims, conflicts_first);
    let max = inner_width(popup);
    let mut lines = vec![Line::styled(
        truncate(
            &format!(
                "{} claims made by two or more sources{} \u{b7} Enter: jump \u{b7} {}: conflicts first",
                claims.len(),
                if conflicts_first {
                    ", conflicts first"
                } else {
                    ""
                },
                app.config
                    .keys_for(Action::ConflictsFirst)
                    .first()
                    .map(|k| k.to_string())
                    .unwrap_or_default()
            ),
            max,
        ),
        app.styles.dim,
    )];
    let room = inner_height(popup).saturating_sub(1);
    let first = selected.saturating_sub(room.saturating_sub(1));
    for (row, &index) in order.iter().enumerate().skip(first).take(room) {
        let claim = &claims[index];
        let conflict = if claim.has_conflict() { "! " } else { "  " };
        let text = truncate(
            &format!("{conflict}{:>2} sources  {}", claim.sources, claim.summary),
            max,
        );
        let mut style = if claim.has_conflict() {
            app.styles.conflict
        } else {
            ratatui::style::Style::default()
        };
        if row == selected {
            style = style.add_modifier(Modifier::REVERSED);
        }
        lines.push(Line::styled(text, style));
    }
    lines
}

fn entity_lines(app: &App, popup: Rect) -> Vec<Line<'static>> {
    let Some(Overlay::Entities { items, selected }) = &app.state.overlay else {
        return Vec::new();
    };
    let max = inner_width(popup);
    let mut lines = vec![Line::styled(
        "Enter: list every article that mentions it",
        app.styles.dim,
    )];
    for (index, entity) in items.iter().enumerate() {
        let label = entity.kind.label();
        let mut style = app.styles.kinds[kind_index(entity.kind)];
        if index == *selected {
            style = style.add_modifier(Modifier::REVERSED);
        }
        for (i, line) in wrap_plain(&format!("{label:<9} {}", entity.text), max)
            .into_iter()
            .enumerate()
        {
            lines.push(Line::styled(
                if i == 0 {
                    line
                } else {
                    format!("          {line}")
                },
                style,
            ));
        }
    }
    lines
}

fn note_lines(app: &App, input: &str, popup: Rect) -> Vec<Line<'static>> {
    let max = inner_width(popup);
    let mut lines = Vec::new();
    if let Some(open) = &app.state.open
        && let Some(range) = open.sentence_range(open.cursor)
    {
        for line in wrap_plain(&open.body[range], max).into_iter().take(6) {
            lines.push(Line::styled(line, app.styles.dim));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Note (optional). Enter saves the highlight, Esc cancels:",
        app.styles.dim,
    ));
    lines.push(Line::styled(
        truncate(&format!("> {input}\u{258f}"), max),
        app.styles.title,
    ));
    lines
}

fn highlight_lines(app: &App, selected: usize, popup: Rect) -> Vec<Line<'static>> {
    let max = inner_width(popup);
    let mut lines = vec![Line::styled("Enter: jump to the highlight", app.styles.dim)];
    let room = inner_height(popup).saturating_sub(1) / 2;
    let first = selected.saturating_sub(room.saturating_sub(1));
    for (index, h) in app
        .state
        .highlights
        .iter()
        .enumerate()
        .skip(first)
        .take(room.max(1))
    {
        let title = app
            .state
            .summary_of(&h.highlight.article)
            .map(|a| a.title.clone())
            .unwrap_or_else(|| h.highlight.article.clone());
        let orphan = if h.orphaned { " [orphaned]" } else { "" };
        let mut style = app.styles.title;
        if index == selected {
            style = style.add_modifier(Modifier::REVERSED);
        }
        lines.push(Line::styled(
            truncate(&format!("{title}{orphan}"), max),
            style,
        ));
        let note = h
            .highlight
            .note
            .as_deref()
            .map(|n| format!("  \u{2014} {n}"))
            .unwrap_or_default();
        lines.push(Line::styled(
            truncate(
                &format!("  \u{201c}{}\u{201d}{note}", h.highlight.text),
                max,
            ),
            app.styles.dim,
        ));
    }
    lines
}

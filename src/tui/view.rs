//! Drawing the panes: article list, article with highlights, claims side panel, status line.
//!
//! Drawing reads the state and records what it laid out (scroll offsets, which sentence each
//! row shows) so the next key press or click acts on what the user sees. Layout adapts to the
//! terminal: three panes when wide, the focused pane alone when narrow, and a one-line notice
//! when there is no room at all.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::claims::Stance;

use super::app::App;
use super::state::{OpenArticle, Pane};
use super::theme::kind_index;
use super::wrap::{truncate, width, wrap};
use crate::entities::EntityKind;

/// Columns before the text of each article line: the shared-claim marker and a space.
const GUTTER: usize = 2;

pub fn draw(frame: &mut Frame, app: &mut App) {
    let area = frame.area();
    app.areas = Default::default();
    if area.width < 10 || area.height < 2 {
        let text = truncate("crossread: enlarge", area.width as usize);
        frame.render_widget(Paragraph::new(text), area);
        return;
    }
    let [body, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    draw_panes(frame, app, body);
    draw_status(frame, app, status);
    super::overlays::draw(frame, app, body);
}

fn draw_panes(frame: &mut Frame, app: &mut App, area: Rect) {
    let focus = app.state.focus;
    let has_article = app.state.open.is_some();
    let side = app.state.side_panel && has_article;
    let (list, article, side_area) = if area.width >= 100 {
        let list_width = area.width * 28 / 100;
        let side_width = if side { area.width * 30 / 100 } else { 0 };
        let [l, a, s] = Layout::horizontal([
            Constraint::Length(list_width),
            Constraint::Min(10),
            Constraint::Length(side_width),
        ])
        .areas(area);
        (Some(l), Some(a), side.then_some(s))
    } else if area.width >= 60 {
        let left_width = area.width * 38 / 100;
        let [l, a] =
            Layout::horizontal([Constraint::Length(left_width), Constraint::Min(10)]).areas(area);
        if focus == Pane::Side && side {
            (None, Some(a), Some(l))
        } else {
            (Some(l), Some(a), None)
        }
    } else {
        match focus {
            Pane::Article if has_article => (None, Some(area), None),
            Pane::Side if side => (None, None, Some(area)),
            _ => (Some(area), None, None),
        }
    };
    if let Some(rect) = list {
        draw_list(frame, app, rect);
        app.areas.list = Some(rect);
    }
    if let Some(rect) = article {
        draw_article(frame, app, rect);
        app.areas.article = Some(rect);
    }
    if let Some(rect) = side_area {
        draw_side(frame, app, rect);
        app.areas.side = Some(rect);
    }
}

fn pane_block<'a>(app: &App, pane: Pane, title: String) -> Block<'a> {
    let style = if app.state.focus == pane {
        app.styles.border_focused
    } else {
        app.styles.border
    };
    Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .title(Span::styled(title, app.styles.title))
}

fn draw_list(frame: &mut Frame, app: &mut App, area: Rect) {
    let title = format!(
        " Articles ({}) \u{b7} {} ",
        app.state.articles.len(),
        app.state.sort.label()
    );
    let block = pane_block(app, Pane::List, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = inner.height as usize;
    if height == 0 {
        return;
    }
    let state = &mut app.state;
    if state.list_cursor < state.list_scroll {
        state.list_scroll = state.list_cursor;
    } else if state.list_cursor >= state.list_scroll + height {
        state.list_scroll = state.list_cursor + 1 - height;
    }
    let mut lines = Vec::with_capacity(height);
    if let Some(message) = &state.loading {
        lines.push(Line::styled(
            truncate(message, inner.width as usize),
            app.styles.dim,
        ));
    }
    for (row, &index) in state
        .order
        .iter()
        .enumerate()
        .skip(state.list_scroll)
        .take(height.saturating_sub(lines.len()))
    {
        let article = &state.articles[index];
        let unread = if state.read.contains(&article.id) {
            "  "
        } else {
            "\u{25cf} "
        };
        let date = article
            .published
            .as_deref()
            .map(|d| format!("{} ", &d[..d.len().min(10)]))
            .unwrap_or_default();
        let shared = state
            .claims
            .per_article
            .get(&article.id)
            .copied()
            .unwrap_or(0);
        let shared = if shared > 0 {
            format!(" \u{21c4}{shared}")
        } else {
            String::new()
        };
        let source = article
            .source
            .as_deref()
            .map(|s| format!(" \u{b7} {}", safe(s)))
            .unwrap_or_default();
        let fixed = width(unread) + width(&date) + width(&shared);
        let room = (inner.width as usize).saturating_sub(fixed);
        let title_and_source = truncate(&format!("{}{}", safe(&article.title), source), room);
        let pad = room.saturating_sub(width(&title_and_source));
        let mut style = Style::default();
        if row == state.list_cursor {
            style = style.add_modifier(Modifier::REVERSED);
        }
        lines.push(
            Line::from(vec![
                Span::styled(unread.to_string(), app.styles.linked),
                Span::styled(date, app.styles.dim),
                Span::raw(title_and_source),
                Span::raw(" ".repeat(pad)),
                Span::styled(shared, app.styles.linked),
            ])
            .style(style),
        );
    }
    if state.order.is_empty() && state.loading.is_none() {
        lines.push(Line::styled(
            "No articles. Add some with `crossread add PATH`.",
            app.styles.dim,
        ));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Keeps only what a terminal should draw (library text is sanitised at ingest; this guards
/// the metadata paths too).
fn safe(text: &str) -> String {
    crate::text::sanitize(text).replace(['\n', '\t'], " ")
}

/// One row of the article pane: a byte range of the body (None for blank rows).
struct Row {
    range: Option<Range<usize>>,
    sentence: Option<usize>,
}

fn layout_article(open: &OpenArticle, text_width: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    for (index, paragraph) in open.paragraphs.iter().enumerate() {
        if index > 0 {
            rows.push(Row {
                range: None,
                sentence: None,
            });
        }
        for line in wrap(&open.body, paragraph.clone(), text_width) {
            let sentence = Some(open.sentence_at(line.start)).filter(|_| open.sentence_count() > 0);
            rows.push(Row {
                range: Some(line),
                sentence,
            });
        }
    }
    rows
}

fn draw_article(frame: &mut Frame, app: &mut App, area: Rect) {
    let Some(open) = &app.state.open else {
        let block = pane_block(app, Pane::Article, " Article ".to_string());
        let message = if app.state.pending.is_some() {
            "Loading\u{2026}"
        } else {
            ""
        };
        frame.render_widget(Paragraph::new(message).block(block), area);
        return;
    };
    let title = format!(" {} ", safe(&open.stored.article.title));
    let block = pane_block(
        app,
        Pane::Article,
        truncate(&title, area.width.saturating_sub(4) as usize),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width < 4 || inner.height == 0 {
        return;
    }
    let mut header: Vec<Line> = Vec::new();
    if inner.height >= 10 {
        let a = &open.stored.article;
        let meta: Vec<String> = [
            a.source.as_deref(),
            a.author.as_deref(),
            a.published.as_deref(),
        ]
        .into_iter()
        .flatten()
        .map(safe)
        .collect();
        if !meta.is_empty() {
            header.push(Line::styled(
                truncate(&meta.join(" \u{b7} "), inner.width as usize),
                app.styles.dim,
            ));
        }
        header.push(legend(app, inner.width as usize));
    }
    let text_width = (inner.width as usize).saturating_sub(GUTTER).max(1);
    let rows = layout_article(open, text_width);
    let height = (inner.height as usize).saturating_sub(header.len()).max(1);
    // Keep the cursor's sentence in view (this is what makes resizing safe).
    let first = rows
        .iter()
        .position(|r| r.sentence == Some(open.cursor))
        .unwrap_or(0);
    let last = rows
        .iter()
        .rposition(|r| r.sentence == Some(open.cursor))
        .unwrap_or(first);
    let mut scroll = open.scroll.min(rows.len().saturating_sub(1));
    if first < scroll {
        scroll = first;
    } else if last >= scroll + height {
        scroll = (last + 1 - height).min(first);
    }
    // The cursor's sentence, or the whole selection while one is being made.
    let cursor_range = if app.state.selection_anchor.is_some() {
        app.state.marked_range()
    } else {
        open.sentence_range(open.cursor)
    };
    let mut lines = header;
    let mut recorded = vec![None; lines.len()];
    for row in rows.iter().skip(scroll).take(height) {
        recorded.push(row.sentence);
        let Some(range) = &row.range else {
            lines.push(Line::raw(""));
            continue;
        };
        let linked = row.sentence.is_some_and(|s| app.state.is_linked(s));
        let gutter = if linked {
            Span::styled("\u{258c} ", app.styles.linked)
        } else {
            Span::raw("  ")
        };
        let mut spans = vec![gutter];
        spans.extend(styled_spans(app, open, range.clone(), cursor_range.clone()));
        lines.push(Line::from(spans));
    }
    app.article_lines = recorded;
    if let Some(open) = &mut app.state.open {
        open.scroll = scroll;
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn legend(app: &App, max_width: usize) -> Line<'static> {
    let mut spans = Vec::new();
    for (index, kind) in EntityKind::ALL.iter().enumerate() {
        let hidden = app.state.hidden_kinds.contains(kind);
        let style = if hidden {
            app.styles.dim.add_modifier(Modifier::CROSSED_OUT)
        } else {
            app.styles.kinds[index]
        };
        spans.push(Span::styled(
            format!("{} {}", index + 1, kind.label()),
            style,
        ));
        spans.push(Span::raw(" "));
    }
    let total: usize = spans.iter().map(|s| width(&s.content)).sum();
    if total > max_width {
        // Narrow pane: numbers and initials only.
        spans = EntityKind::ALL
            .iter()
            .enumerate()
            .map(|(index, kind)| {
                let style = if app.state.hidden_kinds.contains(kind) {
                    app.styles.dim.add_modifier(Modifier::CROSSED_OUT)
                } else {
                    app.styles.kinds[index]
                };
                Span::styled(format!("{}{} ", index + 1, &kind.label()[..1]), style)
            })
            .collect();
    }
    Line::from(spans)
}

/// Splits one line of the body into spans at every style change.
fn styled_spans(
    app: &App,
    open: &OpenArticle,
    range: Range<usize>,
    cursor: Option<Range<usize>>,
) -> Vec<Span<'static>> {
    let entities = &open.stored.entities;
    let first_entity = entities.partition_point(|e| e.end <= range.start);
    let visible_entities: Vec<&crate::entities::Entity> = entities[first_entity..]
        .iter()
        .take_while(|e| e.start < range.end)
        .filter(|e| !app.state.hidden_kinds.contains(&e.kind))
        .collect();
    let highlighted: Vec<Range<usize>> = app
        .state
        .highlighted_ranges()
        .into_iter()
        .filter(|h| h.start < range.end && h.end > range.start)
        .collect();
    let matches: Vec<&Range<usize>> = open
        .matches
        .iter()
        .filter(|m| m.start < range.end && m.end > range.start)
        .collect();
    let mut cuts = vec![range.start, range.end];
    for e in &visible_entities {
        cuts.extend([e.start, e.end]);
    }
    for m in &matches {
        cuts.extend([m.start, m.end]);
    }
    for h in &highlighted {
        cuts.extend([h.start, h.end]);
    }
    if let Some(c) = &cursor {
        cuts.extend([c.start, c.end]);
    }
    cuts.retain(|&c| c >= range.start && c <= range.end && open.body.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans = Vec::with_capacity(cuts.len());
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let mut style = Style::default();
        if let Some(e) = visible_entities
            .iter()
            .find(|e| e.start <= start && e.end >= end)
        {
            style = style.patch(app.styles.kinds[kind_index(e.kind)]);
        }
        if highlighted.iter().any(|h| h.start <= start && h.end >= end) {
            style = style.patch(app.styles.highlight);
        }
        if cursor
            .as_ref()
            .is_some_and(|c| c.start <= start && c.end >= end)
        {
            style = style.patch(app.styles.cursor);
        }
        if matches.iter().any(|m| m.start <= start && m.end >= end) {
            style = style.patch(app.styles.search_match);
        }
        spans.push(Span::styled(open.body[start..end].to_string(), style));
    }
    spans
}

fn draw_side(frame: &mut Frame, app: &mut App, area: Rect) {
    let mentions = app.side_mentions();
    let title = if mentions.is_empty() {
        " Other sources ".to_string()
    } else {
        format!(" Also reported by ({}) ", mentions.len())
    };
    let block = pane_block(app, Pane::Side, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let text_width = inner.width as usize;
    if text_width < 4 || inner.height == 0 {
        return;
    }
    let mut lines: Vec<Line> = Vec::new();
    let mut owners: Vec<Option<usize>> = Vec::new();
    let Some(claim_index) = app.state.cursor_claim() else {
        let hint = app
            .config
            .keys_for(crate::tui::config::Action::NextLinked)
            .first()
            .map(|k| format!(" Press {k} for the next shared sentence."))
            .unwrap_or_default();
        let text = format!("No other source makes the claim of this sentence.{hint}");
        let para = Paragraph::new(text)
            .style(app.styles.dim)
            .wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(para, inner);
        app.side_rows.clear();
        return;
    };
    let claim = &app.state.claims.claims[claim_index];
    for line in wrap_plain(&claim.summary, text_width) {
        lines.push(Line::styled(line, app.styles.title));
        owners.push(None);
    }
    lines.push(Line::raw(""));
    owners.push(None);
    let mut selected_rows = 0..0;
    for (index, mention) in mentions.iter().enumerate() {
        let summary = app.state.summary_of(&mention.mention.key.article);
        let source = summary
            .map(|s| s.source.clone().unwrap_or_else(|| s.title.clone()))
            .unwrap_or_else(|| mention.mention.key.article.clone());
        let date = summary
            .and_then(|s| s.published.as_deref())
            .map(|d| format!(" \u{b7} {}", &d[..d.len().min(10)]))
            .unwrap_or_default();
        let start_row = lines.len();
        let selected = index == app.state.side_cursor;
        let marker = if selected { "\u{25b8} " } else { "  " };
        let heading_style = if selected && app.state.focus == Pane::Side {
            app.styles.title.add_modifier(Modifier::REVERSED)
        } else {
            app.styles.title
        };
        lines.push(Line::styled(
            truncate(&format!("{marker}{}{date}", safe(&source)), text_width),
            heading_style,
        ));
        owners.push(Some(index));
        let stance = match mention.stance {
            Stance::Support => Line::styled("  agrees", app.styles.linked),
            Stance::Conflict => Line::styled(
                truncate(
                    &format!(
                        "  CONFLICT{}",
                        mention
                            .detail
                            .as_deref()
                            .map(|d| format!(": {d}"))
                            .unwrap_or_default()
                    ),
                    text_width,
                ),
                app.styles.conflict,
            ),
        };
        lines.push(stance);
        owners.push(Some(index));
        for line in wrap_plain(&mention.mention.text, text_width.saturating_sub(2)) {
            lines.push(Line::styled(format!("  {line}"), app.styles.dim));
            owners.push(Some(index));
        }
        lines.push(Line::raw(""));
        owners.push(None);
        if selected {
            selected_rows = start_row..lines.len();
        }
    }
    let height = inner.height as usize;
    let scroll = if selected_rows.end > height {
        (selected_rows.end - height).min(selected_rows.start)
    } else {
        0
    };
    app.side_rows = owners.into_iter().skip(scroll).take(height).collect();
    let visible: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

/// Wraps plain text into owned lines.
pub fn wrap_plain(text: &str, max_width: usize) -> Vec<String> {
    let clean = safe(text);
    wrap(&clean, 0..clean.len(), max_width)
        .into_iter()
        .map(|r| clean[r].to_string())
        .collect()
}

fn draw_status(frame: &mut Frame, app: &App, area: Rect) {
    let state = &app.state;
    let help = app
        .config
        .keys_for(crate::tui::config::Action::Help)
        .first()
        .map(|k| format!("{k}:help"))
        .unwrap_or_default();
    let position = match (&state.open, state.focus) {
        (Some(open), Pane::Article | Pane::Side) => format!(
            "sentence {}/{} \u{b7} {help}",
            open.cursor + 1,
            open.sentence_count()
        ),
        _ => format!(
            "{}/{} \u{b7} {help}",
            (state.list_cursor + 1).min(state.order.len()),
            state.order.len()
        ),
    };
    let message = state.loading.as_deref().unwrap_or(&state.status);
    let total = area.width as usize;
    let right = truncate(&position, total / 2);
    let left = truncate(&safe(message), total.saturating_sub(width(&right) + 1));
    let pad = total.saturating_sub(width(&left) + width(&right));
    let line = Line::from(vec![
        Span::raw(left),
        Span::raw(" ".repeat(pad)),
        Span::raw(right),
    ])
    .style(app.styles.status);
    frame.render_widget(Paragraph::new(line), area);
}

//! Painting the article pane from its layout: header, gutter marks, and each row split into
//! spans wherever an entity, highlight, search match, the cursor or the jump mark starts or
//! ends.

use std::ops::Range;

use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{ArticlePane, OpenArticle};
use crate::entities::{Entity, EntityKind};
use crate::tui::component::{Context, Pane};
use crate::tui::wrap::{safe, truncate, width};

pub fn draw(pane: &ArticlePane, frame: &mut Frame, ctx: &Context) {
    let view = &pane.view;
    let Some(open) = &pane.open else {
        let message = if pane.is_loading() {
            "Loading\u{2026}"
        } else {
            ""
        };
        let block = ctx.pane_block(Pane::Article, " Article ".to_string());
        frame.render_widget(Paragraph::new(message).block(block), view.area);
        return;
    };
    let title = format!(" {} ", safe(&open.stored.article.title));
    let block = ctx.pane_block(
        Pane::Article,
        truncate(&title, view.area.width.saturating_sub(4) as usize),
    );
    frame.render_widget(block, view.area);
    let inner = view.inner;
    if inner.width < 4 || inner.height == 0 {
        return;
    }
    let mut lines: Vec<Line> = Vec::new();
    if view.header {
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
            lines.push(Line::styled(
                truncate(&meta.join(" \u{b7} "), inner.width as usize),
                ctx.styles.dim,
            ));
        }
        lines.push(legend(pane, ctx, inner.width as usize));
    }
    let marks = Marks::of(pane, open, ctx);
    for row in view.rows.iter().skip(view.scroll).take(view.height) {
        let Some(range) = &row.range else {
            lines.push(Line::raw(""));
            continue;
        };
        let flashed = marks.flash.is_some_and(|s| row.shows(s));
        let gutter = if flashed {
            Span::styled("\u{25b6} ", ctx.styles.jump_mark)
        } else if row
            .sentence
            .is_some_and(|s| ctx.data.claims.is_shared(open.id(), s))
        {
            Span::styled("\u{258c} ", ctx.styles.linked)
        } else {
            Span::raw("  ")
        };
        let mut spans = vec![gutter];
        spans.extend(marks.spans(open, range.clone(), ctx));
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn legend(pane: &ArticlePane, ctx: &Context, max_width: usize) -> Line<'static> {
    let style = |index: usize, kind: &EntityKind| {
        if pane.hidden.contains(kind) {
            ctx.styles.dim.add_modifier(Modifier::CROSSED_OUT)
        } else {
            ctx.styles.kinds[index]
        }
    };
    let mut spans = Vec::new();
    for (index, kind) in EntityKind::ALL.iter().enumerate() {
        spans.push(Span::styled(
            format!("{} {}", index + 1, kind.label()),
            style(index, kind),
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
                Span::styled(
                    format!("{}{} ", index + 1, &kind.label()[..1]),
                    style(index, kind),
                )
            })
            .collect();
    }
    Line::from(spans)
}

/// Everything that styles the text of the open article.
struct Marks<'a> {
    entities: Vec<&'a Entity>,
    highlighted: Vec<Range<usize>>,
    /// The cursor's sentence, or the whole selection while one is being made.
    cursor: Option<Range<usize>>,
    /// The sentence a jump landed on, while it is marked.
    flash: Option<usize>,
    flash_range: Option<Range<usize>>,
}

impl<'a> Marks<'a> {
    fn of(pane: &ArticlePane, open: &'a OpenArticle, ctx: &Context) -> Marks<'a> {
        let cursor = if pane.anchor.is_some() {
            pane.marked_range()
        } else {
            open.sentence_range(open.cursor)
        };
        let flash = pane.flash.map(|f| f.sentence);
        Marks {
            entities: open
                .stored
                .entities
                .iter()
                .filter(|e| !pane.hidden.contains(&e.kind))
                .collect(),
            highlighted: ctx.data.highlighted_ranges(open.id()),
            cursor,
            flash,
            flash_range: flash.and_then(|s| open.sentence_range(s)),
        }
    }

    /// One row of the body split into spans at every style change.
    fn spans(&self, open: &OpenArticle, range: Range<usize>, ctx: &Context) -> Vec<Span<'static>> {
        let overlaps = |r: &Range<usize>| r.start < range.end && r.end > range.start;
        let first = self.entities.partition_point(|e| e.end <= range.start);
        let entities: Vec<&Entity> = self.entities[first..]
            .iter()
            .copied()
            .take_while(|e| e.start < range.end)
            .collect();
        let highlighted: Vec<&Range<usize>> =
            self.highlighted.iter().filter(|h| overlaps(h)).collect();
        let matches: Vec<&Range<usize>> = open.matches.iter().filter(|m| overlaps(m)).collect();
        let mut cuts = vec![range.start, range.end];
        cuts.extend(entities.iter().flat_map(|e| [e.start, e.end]));
        for r in highlighted
            .iter()
            .copied()
            .chain(matches.iter().copied())
            .chain(self.cursor.as_ref())
            .chain(self.flash_range.as_ref())
        {
            cuts.extend([r.start, r.end]);
        }
        cuts.retain(|&c| c >= range.start && c <= range.end && open.body.is_char_boundary(c));
        cuts.sort_unstable();
        cuts.dedup();
        let covers = |r: &Range<usize>, start: usize, end: usize| r.start <= start && r.end >= end;
        let styles = ctx.styles;
        cuts.windows(2)
            .map(|pair| {
                let (start, end) = (pair[0], pair[1]);
                let mut style = Style::default();
                if let Some(e) = entities.iter().find(|e| e.start <= start && e.end >= end) {
                    style = style.patch(styles.kinds[e.kind.index()]);
                }
                if highlighted.iter().any(|h| covers(h, start, end)) {
                    style = style.patch(styles.highlight);
                }
                if self.cursor.as_ref().is_some_and(|c| covers(c, start, end)) {
                    style = style.patch(styles.cursor);
                }
                if self
                    .flash_range
                    .as_ref()
                    .is_some_and(|f| covers(f, start, end))
                {
                    style = style.patch(styles.jump_mark);
                }
                if matches.iter().any(|m| covers(m, start, end)) {
                    style = style.patch(styles.search_match);
                }
                Span::styled(open.body[start..end].to_string(), style)
            })
            .collect()
    }
}

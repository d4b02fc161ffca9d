//! The highlights list: every highlight with its article and note (orphaned ones marked);
//! Enter jumps to one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::popup;
use crate::library::highlights::Anchor;
use crate::tui::component::{Component, Context, KeyPress, Outcome};
use crate::tui::config::Action;
use crate::tui::message::{Landing, Msg, Target};
use crate::tui::wrap::{safe, truncate};

#[derive(Debug, Default)]
pub struct HighlightsOverlay {
    selected: usize,
    area: Rect,
}

impl Component for HighlightsOverlay {
    fn handle_key(&mut self, key: &KeyPress, ctx: &Context) -> Outcome {
        let highlights = &ctx.data.highlights;
        let last = highlights.len().saturating_sub(1);
        match key.action {
            Some(Action::Down) => self.selected = (self.selected + 1).min(last),
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Top) => self.selected = 0,
            Some(Action::Bottom) => self.selected = last,
            Some(Action::Highlights) => return Msg::CloseOverlay.into(),
            Some(Action::Open) => {
                let Some(h) = highlights.get(self.selected) else {
                    return Outcome::Consumed;
                };
                return match h.anchor {
                    Anchor::Found { start, .. } => Msg::Jump(Target {
                        article: h.highlight.article.clone(),
                        landing: Landing::Offset(start),
                        terms: Vec::new(),
                    }),
                    Anchor::Orphaned => Msg::Status(
                        "This highlight is orphaned: its text is no longer in the article.".into(),
                    ),
                }
                .into();
            }
            _ => {}
        }
        Outcome::Consumed
    }

    fn layout(&mut self, body: Rect, _ctx: &Context) {
        self.area = popup::area(body);
    }

    fn draw(&self, frame: &mut Frame, ctx: &Context) {
        let inner = popup::inner(self.area);
        let max = inner.width as usize;
        let mut lines = vec![Line::styled("Enter: jump to the highlight", ctx.styles.dim)];
        let room = (inner.height as usize).saturating_sub(1);
        let first = popup::first_visible(self.selected, room, 2);
        for (index, h) in ctx
            .data
            .highlights
            .iter()
            .enumerate()
            .skip(first)
            .take((room / 2).max(1))
        {
            let title = ctx
                .data
                .summary_of(&h.highlight.article)
                .map(|a| a.title.clone())
                .unwrap_or_else(|| h.highlight.article.clone());
            let orphan = if h.orphaned { " [orphaned]" } else { "" };
            lines.push(Line::styled(
                truncate(&safe(&format!("{title}{orphan}")), max),
                ctx.selected(ctx.styles.title, index == self.selected),
            ));
            let note = h
                .highlight
                .note
                .as_deref()
                .map(|n| format!("  \u{2014} {n}"))
                .unwrap_or_default();
            lines.push(Line::styled(
                truncate(
                    &safe(&format!("  \u{201c}{}\u{201d}{note}", h.highlight.text)),
                    max,
                ),
                ctx.styles.dim,
            ));
        }
        popup::draw(frame, ctx, self.area, " Highlights ", lines);
    }
}

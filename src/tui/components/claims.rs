//! The claims overview: every claim two or more articles make, ranked by the number of
//! sources or with the contested ones first; Enter jumps to where the claim is first made.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use super::popup;
use crate::tui::component::{Component, Context, KeyPress, Outcome};
use crate::tui::config::Action;
use crate::tui::message::{Msg, Target};
use crate::tui::wrap::{safe, truncate};

#[derive(Debug)]
pub struct ClaimsOverlay {
    /// Claims in display order.
    order: Vec<usize>,
    selected: usize,
    conflicts_first: bool,
    area: Rect,
}

impl ClaimsOverlay {
    pub fn new(ctx: &Context, conflicts_first: bool) -> ClaimsOverlay {
        ClaimsOverlay {
            order: ctx.data.claims.overview_order(conflicts_first),
            selected: 0,
            conflicts_first,
            area: Rect::default(),
        }
    }

    fn page(&self) -> usize {
        (popup::inner(self.area).height as usize / 2).max(1)
    }
}

impl Component for ClaimsOverlay {
    fn handle_key(&mut self, key: &KeyPress, ctx: &Context) -> Outcome {
        let last = self.order.len().saturating_sub(1);
        match key.action {
            Some(Action::Down) => self.selected = (self.selected + 1).min(last),
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::PageDown) => self.selected = (self.selected + self.page()).min(last),
            Some(Action::PageUp) => self.selected = self.selected.saturating_sub(self.page()),
            Some(Action::Top) => self.selected = 0,
            Some(Action::Bottom) => self.selected = last,
            Some(Action::ConflictsFirst) => {
                *self = ClaimsOverlay::new(ctx, !self.conflicts_first);
            }
            Some(Action::ClaimsOverview) => return Msg::CloseOverlay.into(),
            Some(Action::Open) => {
                let first = self
                    .order
                    .get(self.selected)
                    .and_then(|&claim| ctx.data.claims.first_mention(claim));
                if let Some((article, sentence)) = first {
                    return Msg::Jump(Target::sentence(article, sentence)).into();
                }
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
        let claims = &ctx.data.claims;
        let header = format!(
            "{} claims made by two or more sources{} \u{b7} Enter: jump \u{b7} {}: conflicts first",
            claims.len(),
            if self.conflicts_first {
                ", conflicts first"
            } else {
                ""
            },
            ctx.key_for(Action::ConflictsFirst).unwrap_or_default()
        );
        let mut lines = vec![Line::styled(truncate(&header, max), ctx.styles.dim)];
        let room = (inner.height as usize).saturating_sub(1);
        let first = popup::first_visible(self.selected, room, 1);
        for (row, &index) in self.order.iter().enumerate().skip(first).take(room) {
            let Some(claim) = claims.row(index) else {
                continue;
            };
            let marker = if claim.conflict { "! " } else { "  " };
            let text = truncate(
                &format!(
                    "{marker}{:>2} sources  {}",
                    claim.sources,
                    safe(claim.summary)
                ),
                max,
            );
            let style = if claim.conflict {
                ctx.styles.conflict
            } else {
                Style::default()
            };
            lines.push(Line::styled(
                text,
                ctx.selected(style, row == self.selected),
            ));
        }
        popup::draw(frame, ctx, self.area, " Shared claims ", lines);
    }
}

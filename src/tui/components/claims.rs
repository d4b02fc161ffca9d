//! The claims overview: every claim two or more articles make, ranked by the number of
//! sources, by the number of independent original sources (outlets that all cite one report
//! count once) or with the contested ones first; under a claim whose dated articles changed
//! its figures, the figures in publication order. Enter jumps to where the claim is first made.
//! What it shows beyond the claim index (independent sources, drift) is read by the worker
//! for the claims in view, or for every claim when sorted by independent sources.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

use super::popup;
use crate::tui::claims_data::{ClaimOrder, DriftStep, Wanted};
use crate::tui::component::{Component, Context, KeyPress, Outcome};
use crate::tui::config::Action;
use crate::tui::message::{Msg, Target};
use crate::tui::wrap::{safe, truncate};

/// Rows above the claims: the header.
const HEADER_ROWS: usize = 1;

#[derive(Debug)]
pub struct ClaimsOverlay {
    /// Claims in display order.
    order: Vec<usize>,
    sort: ClaimOrder,
    /// What `order` was computed from: the number of claims and whether every claim's
    /// independent sources were read. The order is computed again when that changes.
    basis: (usize, bool),
    selected: usize,
    /// The first claim shown (a position in `order`).
    top: usize,
    area: Rect,
}

/// Widest article name in a drift line (untitled sources go by their title).
const DRIFT_NAME_WIDTH: usize = 24;

/// "$10 billion (CNBC 2025-12-17) → $50 billion (Tech Wire 2026-01-29)".
fn drift_line(steps: &[DriftStep]) -> String {
    let steps: Vec<String> = steps
        .iter()
        .map(|s| {
            let source = truncate(&s.source, DRIFT_NAME_WIDTH);
            let when = [source.as_str(), s.date.as_str()]
                .into_iter()
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            format!("{} ({})", safe(&s.figures), safe(&when))
        })
        .collect();
    format!("       drift: {}", steps.join(" \u{2192} "))
}

impl ClaimsOverlay {
    pub fn new(ctx: &Context, sort: ClaimOrder) -> ClaimsOverlay {
        let mut overlay = ClaimsOverlay {
            order: Vec::new(),
            sort,
            basis: (0, false),
            selected: 0,
            top: 0,
            area: Rect::default(),
        };
        overlay.reorder(ctx);
        overlay
    }

    pub fn sort(&self) -> ClaimOrder {
        self.sort
    }

    /// The claims in display order.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    fn basis(ctx: &Context) -> (usize, bool) {
        let claims = &ctx.data.claims;
        (claims.len(), claims.all_facts_known())
    }

    /// Orders the claims by the current sort, keeping the selected claim selected.
    fn reorder(&mut self, ctx: &Context) {
        let selected = self.order.get(self.selected).copied();
        self.order = ctx.data.claims.overview_order(self.sort);
        self.basis = Self::basis(ctx);
        self.selected = selected
            .and_then(|claim| self.order.iter().position(|&c| c == claim))
            .unwrap_or(0);
    }

    fn resort(&mut self, sort: ClaimOrder, ctx: &Context) {
        self.sort = sort;
        self.reorder(ctx);
        self.selected = 0;
    }

    /// What the overview shows: the facts of the claims in view (a screenful either side),
    /// and every claim's when sorted by independent sources.
    pub fn wanted(&self) -> Wanted {
        let room = self.room().max(1);
        let from = self.top.saturating_sub(room);
        Wanted {
            claims: self
                .order
                .iter()
                .skip(from)
                .take(3 * room)
                .copied()
                .collect(),
            rows: false,
            all_facts: self.sort == ClaimOrder::IndependentSources,
        }
    }

    fn room(&self) -> usize {
        (popup::inner(self.area).height as usize).saturating_sub(HEADER_ROWS)
    }

    fn page(&self) -> usize {
        (self.room() / 2).max(1)
    }

    /// Rows a claim takes: its line, and its drift when it has one.
    fn rows_of(claim: usize, ctx: &Context) -> usize {
        1 + usize::from(!ctx.data.claims.drift(claim).is_empty())
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
            Some(Action::Sort) => self.resort(self.sort.next(), ctx),
            Some(Action::ConflictsFirst) => {
                let sort = if self.sort == ClaimOrder::ConflictsFirst {
                    ClaimOrder::Sources
                } else {
                    ClaimOrder::ConflictsFirst
                };
                self.resort(sort, ctx);
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

    fn layout(&mut self, body: Rect, ctx: &Context) {
        self.area = popup::area(body);
        if self.basis != Self::basis(ctx) {
            self.reorder(ctx);
        }
        self.selected = self.selected.min(self.order.len().saturating_sub(1));
        if self.order.is_empty() {
            self.top = 0;
            return;
        }
        // Keep the selected claim, with its drift line, in view: the window starts where it
        // did unless the claims from there to the selected one no longer fit (counted up
        // from the selected one, so a jump to the end costs one screen, not every claim).
        let room = self.room().max(1);
        self.top = self.top.min(self.selected);
        let mut first = self.selected;
        let mut used = Self::rows_of(self.order[first], ctx);
        while first > self.top {
            let above = Self::rows_of(self.order[first - 1], ctx);
            if used + above > room {
                break;
            }
            used += above;
            first -= 1;
        }
        self.top = first;
    }

    fn draw(&self, frame: &mut Frame, ctx: &Context) {
        let inner = popup::inner(self.area);
        let max = inner.width as usize;
        let claims = &ctx.data.claims;
        let reading = claims
            .facts_progress()
            .map(|(read, total)| format!(" \u{b7} reading sources: {read}/{total} claims"))
            .unwrap_or_default();
        let header = format!(
            "{} claims made by two or more sources, by {}{reading} \u{b7} Enter: jump \u{b7} {}: sort \u{b7} {}: conflicts first",
            claims.len(),
            self.sort.label(),
            ctx.key_for(Action::Sort).unwrap_or_default(),
            ctx.key_for(Action::ConflictsFirst).unwrap_or_default()
        );
        let mut lines = vec![Line::styled(truncate(&header, max), ctx.styles.dim)];
        let room = self.room();
        for (position, &index) in self.order.iter().enumerate().skip(self.top) {
            if lines.len() >= room + HEADER_ROWS {
                break;
            }
            let Some(claim) = claims.row(index) else {
                continue;
            };
            let marker = if claim.conflict { "! " } else { "  " };
            let independent = claim
                .independent
                .map_or_else(|| " ?".to_string(), |n| format!("{n:>2}"));
            let text = truncate(
                &format!(
                    "{marker}{:>2} sources, {independent} independent  {}",
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
                ctx.selected(style, position == self.selected),
            ));
            let drift = claims.drift(index);
            if !drift.is_empty() && lines.len() < room + HEADER_ROWS {
                lines.push(Line::styled(
                    truncate(&drift_line(drift), max),
                    ctx.styles.dim,
                ));
            }
        }
        popup::draw(frame, ctx, self.area, " Shared claims ", lines);
    }
}

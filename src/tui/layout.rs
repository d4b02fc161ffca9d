//! Where each pane goes for a terminal size: three panes when wide, two when medium, the
//! focused pane alone when narrow, and a one-line notice when there is no room at all.
//! Computed before drawing and kept for mouse hit-testing.

use ratatui::layout::{Constraint, Layout, Rect};

use super::component::Pane;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ScreenLayout {
    /// Everything above the status line (overlays are drawn over it).
    pub body: Rect,
    pub status: Rect,
    pub list: Option<Rect>,
    pub article: Option<Rect>,
    pub side: Option<Rect>,
    /// Too small for anything but a notice.
    pub too_small: bool,
}

impl ScreenLayout {
    pub fn compute(area: Rect, focus: Pane, side_panel: bool, has_article: bool) -> ScreenLayout {
        if area.width < 10 || area.height < 2 {
            return ScreenLayout {
                body: area,
                too_small: true,
                ..Default::default()
            };
        }
        let [body, status] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
        let side = side_panel && has_article;
        let (list, article, side_area) = if body.width >= 100 {
            let list_width = body.width * 28 / 100;
            let side_width = if side { body.width * 30 / 100 } else { 0 };
            let [l, a, s] = Layout::horizontal([
                Constraint::Length(list_width),
                Constraint::Min(10),
                Constraint::Length(side_width),
            ])
            .areas(body);
            (Some(l), Some(a), side.then_some(s))
        } else if body.width >= 60 {
            let left_width = body.width * 38 / 100;
            let [l, a] = Layout::horizontal([Constraint::Length(left_width), Constraint::Min(10)])
                .areas(body);
            if focus == Pane::Side && side {
                (None, Some(a), Some(l))
            } else {
                (Some(l), Some(a), None)
            }
        } else {
            match focus {
                Pane::Article if has_article => (None, Some(body), None),
                Pane::Side if side => (None, None, Some(body)),
                _ => (Some(body), None, None),
            }
        };
        ScreenLayout {
            body,
            status,
            list,
            article,
            side: side_area,
            too_small: false,
        }
    }

    /// The pane under a screen position.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<(Pane, Rect)> {
        let position = ratatui::layout::Position { x: column, y: row };
        [
            (Pane::List, self.list),
            (Pane::Article, self.article),
            (Pane::Side, self.side),
        ]
        .into_iter()
        .find_map(|(pane, rect)| rect.filter(|r| r.contains(position)).map(|r| (pane, r)))
    }
}

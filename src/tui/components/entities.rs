//! The entity picker: the people, organisations, places, products and figures of the
//! cursor's sentence; Enter lists every article that mentions the chosen one.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::popup;
use crate::entities::Entity;
use crate::tui::component::{Component, Context, KeyPress, Outcome};
use crate::tui::config::Action;
use crate::tui::message::Msg;
use crate::tui::wrap::wrap_plain;

#[derive(Debug)]
pub struct EntitiesOverlay {
    items: Vec<Entity>,
    selected: usize,
    area: Rect,
}

impl EntitiesOverlay {
    pub fn new(items: Vec<Entity>) -> EntitiesOverlay {
        EntitiesOverlay {
            items,
            selected: 0,
            area: Rect::default(),
        }
    }
}

impl Component for EntitiesOverlay {
    fn handle_key(&mut self, key: &KeyPress, _ctx: &Context) -> Outcome {
        let last = self.items.len().saturating_sub(1);
        match key.action {
            Some(Action::Down) => self.selected = (self.selected + 1).min(last),
            Some(Action::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Action::Top) => self.selected = 0,
            Some(Action::Bottom) => self.selected = last,
            Some(Action::Open) => {
                if let Some(entity) = self.items.get(self.selected) {
                    let query = format!("\"{}\"", entity.text.replace('"', " "));
                    return Msg::SearchEntity(query).into();
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
        let max = popup::inner(self.area).width as usize;
        let mut lines = vec![Line::styled(
            "Enter: list every article that mentions it",
            ctx.styles.dim,
        )];
        for (index, entity) in self.items.iter().enumerate() {
            let style = ctx.selected(
                ctx.styles.kinds[entity.kind.index()],
                index == self.selected,
            );
            let label = entity.kind.label();
            for (i, line) in wrap_plain(&format!("{label:<9} {}", entity.text), max)
                .into_iter()
                .enumerate()
            {
                let text = if i == 0 {
                    line
                } else {
                    format!("          {line}")
                };
                lines.push(Line::styled(text, style));
            }
        }
        popup::draw(frame, ctx, self.area, " Entities in this sentence ", lines);
    }
}

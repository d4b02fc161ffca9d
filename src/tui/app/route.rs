//! Routing: key presses and mouse events go to the open overlay or to a pane (a few global
//! actions the app does itself), and the messages components return are acted on here.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::{App, Effect, context, key_spec};
use crate::tui::claims_data::ClaimOrder;
use crate::tui::component::{Component, Context, KeyPress, Outcome, Pane};
use crate::tui::components::Overlay;
use crate::tui::components::article::Placement;
use crate::tui::components::claims::ClaimsOverlay;
use crate::tui::components::coverage::CoverageOverlay;
use crate::tui::components::entities::EntitiesOverlay;
use crate::tui::components::help::HelpOverlay;
use crate::tui::components::highlights::HighlightsOverlay;
use crate::tui::components::note::NoteOverlay;
use crate::tui::components::search::{SearchMode, SearchOverlay};
use crate::tui::config::{Action, KeyName};
use crate::tui::message::{Landing, Msg, Target};
use crate::tui::worker::Request;

/// Results shown by the live search.
const SEARCH_LIMIT: usize = 50;

/// Rows (or sentences, or sources) one turn of the mouse wheel moves.
const WHEEL_STEP: isize = 3;

/// A character typed without Ctrl or Alt: text in a text line, never a key map action.
fn is_text(event: &KeyEvent) -> bool {
    matches!(event.code, KeyCode::Char(_))
        && !event
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

impl App {
    pub(super) fn on_key(&mut self, event: KeyEvent) -> Effect {
        let spec = key_spec(&event);
        if spec.is_some_and(|s| s.key == KeyName::Esc && !s.ctrl && !s.alt) {
            self.escape();
            return Effect::None;
        }
        let mut action = spec.and_then(|s| self.config.keys.get(&s).copied());
        // The claims overview and the coverage matrix open each other.
        if matches!(
            (&self.overlay, action),
            (Some(Overlay::Claims(_)), Some(Action::CoverageMatrix))
                | (
                    Some(Overlay::Coverage(_)),
                    Some(Action::ClaimsOverview | Action::ConflictsFirst)
                )
        ) {
            self.overlay = None;
        }
        if let Some(overlay) = &mut self.overlay {
            if overlay.takes_text() && is_text(&event) {
                action = None;
            }
            if action == Some(Action::Quit) {
                self.quit = true;
                return Effect::None;
            }
            let press = KeyPress { event, action };
            let ctx = context!(self);
            let outcome = overlay.component().handle_key(&press, &ctx);
            return self.outcome(outcome);
        }
        let Some(action) = action else {
            return Effect::None;
        };
        self.article.clear_flash();
        self.action(KeyPress {
            event,
            action: Some(action),
        })
    }

    /// Esc closes the overlay, else cancels the selection, else leaves the side panel.
    fn escape(&mut self) {
        if self.overlay.take().is_none()
            && !self.article.cancel_selection()
            && self.focus == Pane::Side
        {
            self.focus = Pane::Article;
        }
    }

    fn action(&mut self, press: KeyPress) -> Effect {
        let Some(action) = press.action else {
            return Effect::None;
        };
        match action {
            Action::Quit => self.quit = true,
            Action::Suspend => return Effect::Suspend,
            Action::Help => self.overlay = Some(Overlay::Help(HelpOverlay::default())),
            Action::Search => {
                self.overlay = Some(Overlay::Search(SearchOverlay::new(
                    SearchMode::Query,
                    String::new(),
                )));
            }
            Action::ClaimsOverview | Action::ConflictsFirst | Action::CoverageMatrix => {
                if self.data.claims.is_empty() {
                    self.status.set("No claim is shared between articles yet.");
                } else if action == Action::CoverageMatrix {
                    self.overlay = Some(Overlay::Coverage(CoverageOverlay::default()));
                } else {
                    let ctx = context!(self);
                    let order = if action == Action::ConflictsFirst {
                        ClaimOrder::ConflictsFirst
                    } else {
                        ClaimOrder::Sources
                    };
                    self.overlay = Some(Overlay::Claims(ClaimsOverlay::new(&ctx, order)));
                }
            }
            Action::Highlights => {
                if self.data.highlights.is_empty() {
                    self.status.set("No highlights yet.");
                } else {
                    self.overlay = Some(Overlay::Highlights(HighlightsOverlay::default()));
                }
            }
            Action::Export => {
                if self.data.highlights.is_empty() {
                    self.status.set("No highlights to export.");
                } else {
                    self.request(Request::Export);
                }
            }
            Action::Refresh => {
                self.data.loading = Some("Reloading the library\u{2026}".to_string());
                self.request(Request::Reload);
            }
            Action::ToggleSidePanel => {
                self.side_panel = !self.side_panel;
                if !self.side_panel && self.focus == Pane::Side {
                    self.focus = Pane::Article;
                }
            }
            Action::NextPane => self.cycle_focus(1),
            Action::PrevPane => self.cycle_focus(-1),
            Action::Back => self.travel(false),
            Action::Forward => self.travel(true),
            Action::Sort => {
                let ctx = context!(self);
                let outcome = self.list.handle_key(&press, &ctx);
                return self.outcome(outcome);
            }
            Action::NextLinked | Action::PrevLinked | Action::Select => {
                if self.article.open().is_some() {
                    self.focus = Pane::Article;
                }
                return self.route_to_article(&press);
            }
            Action::NextMatch
            | Action::PrevMatch
            | Action::Mark
            | Action::EntityMentions
            | Action::OpenUrl
            | Action::ToggleKind1
            | Action::ToggleKind2
            | Action::ToggleKind3
            | Action::ToggleKind4
            | Action::ToggleKind5
            | Action::ToggleKind6
            | Action::ToggleKind7
            | Action::ToggleKind8 => return self.route_to_article(&press),
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom
            | Action::Open => {
                let ctx = context!(self);
                let outcome = match self.focus {
                    Pane::List => self.list.handle_key(&press, &ctx),
                    Pane::Article => self.article.handle_key(&press, &ctx),
                    Pane::Side => self.side.handle_key(&press, &ctx),
                };
                return self.outcome(outcome);
            }
        }
        Effect::None
    }

    fn route_to_article(&mut self, press: &KeyPress) -> Effect {
        let ctx = context!(self);
        let outcome = self.article.handle_key(press, &ctx);
        self.outcome(outcome)
    }

    fn cycle_focus(&mut self, step: isize) {
        let mut panes = vec![Pane::List];
        if self.article.open().is_some() {
            panes.push(Pane::Article);
            if self.side_panel {
                panes.push(Pane::Side);
            }
        }
        let at = panes.iter().position(|p| *p == self.focus).unwrap_or(0) as isize;
        let next = (at + step).rem_euclid(panes.len() as isize) as usize;
        self.focus = panes[next];
    }

    pub(super) fn on_mouse(&mut self, mouse: MouseEvent) -> Effect {
        if !self.config.reader.mouse || self.overlay.is_some() {
            return Effect::None;
        }
        let Some((pane, _)) = self.screen.pane_at(mouse.column, mouse.row) else {
            return Effect::None;
        };
        let step = match mouse.kind {
            MouseEventKind::ScrollDown => WHEEL_STEP,
            MouseEventKind::ScrollUp => -WHEEL_STEP,
            MouseEventKind::Down(MouseButton::Left) => {
                self.focus = pane;
                let ctx = context!(self);
                let outcome = match pane {
                    Pane::List => self.list.click(mouse.row, &ctx),
                    Pane::Article => self.article.click(mouse.row),
                    Pane::Side => self.side.click(mouse.row),
                };
                return self.outcome(outcome);
            }
            _ => return Effect::None,
        };
        // The wheel scrolls the pane under the pointer; it focuses the list, not the others.
        if pane == Pane::List {
            self.focus = Pane::List;
        }
        let ctx = context!(self);
        let outcome = match pane {
            Pane::List => self.list.scroll_by(step, &ctx),
            Pane::Article => self.article.scroll_by(step),
            Pane::Side => self.side.scroll_by(step),
        };
        self.outcome(outcome)
    }

    fn outcome(&mut self, outcome: Outcome) -> Effect {
        match outcome {
            Outcome::Msg(msg) => self.route(msg),
            Outcome::Ignored | Outcome::Consumed => Effect::None,
        }
    }

    /// Acts on a component's message.
    fn route(&mut self, msg: Msg) -> Effect {
        match msg {
            Msg::Preview(id) => self.preview(id),
            Msg::OpenFromList(id) => {
                self.preview(id);
                self.focus = Pane::Article;
            }
            Msg::Jump(target) => self.jump(target),
            Msg::CursorMoved => {
                self.article.clear_flash();
                self.follow_cursor();
            }
            Msg::FollowClaim => {
                self.side.select_first();
                if let Some(target) = self.side.target() {
                    self.jump(target);
                }
            }
            Msg::NewHighlight { start, end } => {
                if let Some(open) = self.article.open() {
                    let quote = open.body.get(start..end).unwrap_or("").to_string();
                    let note = NoteOverlay::new(open.id().to_string(), start, end, quote);
                    self.overlay = Some(Overlay::Note(note));
                }
            }
            Msg::SaveHighlight {
                article,
                start,
                end,
                note,
            } => {
                self.overlay = None;
                self.request(Request::Mark {
                    article,
                    start,
                    end,
                    note,
                });
            }
            Msg::PickEntity(items) => {
                self.overlay = Some(Overlay::Entities(EntitiesOverlay::new(items)));
            }
            Msg::SearchEntity(query) => {
                self.overlay = Some(Overlay::Search(SearchOverlay::new(
                    SearchMode::Entity,
                    query.clone(),
                )));
                self.search(query);
            }
            Msg::Search(query) => self.search(query),
            Msg::OpenUrl(url) => return Effect::OpenUrl(url),
            Msg::Status(message) => self.status.set(message),
            Msg::CloseOverlay => self.overlay = None,
        }
        Effect::None
    }

    /// Shows an article from the list, where it was left (no history entry).
    pub(super) fn preview(&mut self, id: String) {
        let target = Target {
            article: id,
            landing: Landing::Start,
            terms: Vec::new(),
        };
        self.show(target, Placement::Keep, false);
    }

    /// Goes to `target`, remembering where we were; the target sentence lands a third down
    /// the pane and is marked for a moment.
    fn jump(&mut self, target: Target) {
        if let Some(here) = self.article.place() {
            self.history.leave(here);
        }
        self.overlay = None;
        self.focus = Pane::Article;
        self.show(target, Placement::Third, true);
    }

    /// Back (or forward) through the jump history, to the scroll position that was left.
    fn travel(&mut self, forward: bool) {
        let Some(place) = self.history.travel(self.article.place(), forward) else {
            let way = if forward { "forward" } else { "back" };
            self.status.set(format!("Nothing to go {way} to."));
            return;
        };
        self.focus = Pane::Article;
        let target = Target::sentence(place.article, place.sentence);
        self.show(target, Placement::Exact(place.top), false);
    }

    fn show(&mut self, target: Target, placement: Placement, flash: bool) {
        match self.article.go_to(target, placement, flash) {
            Some(request) => self.request(request),
            None => self.follow_cursor(),
        }
    }

    /// Sends the live search's query to the worker.
    fn search(&mut self, query: String) {
        self.search_seq += 1;
        let seq = self.search_seq;
        let blank = query.trim().is_empty();
        if let Some(Overlay::Search(search)) = &mut self.overlay {
            search.sent((!blank).then_some(seq));
        }
        if !blank {
            self.request(Request::Search {
                query,
                seq,
                limit: SEARCH_LIMIT,
            });
        }
    }
}

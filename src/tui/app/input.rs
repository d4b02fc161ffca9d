//! Text and pointer input: editing the search and note lines, running the live search and
//! opening its hits, and mouse clicks and scrolling. Split from the key-action dispatch in the
//! parent module.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::*;

impl App {
    /// Text editing in the search line; returns false for keys the line does not use.
    pub(super) fn search_input(&mut self, key: &KeyEvent) -> bool {
        let Some(Overlay::Search(search)) = &mut self.state.overlay else {
            return false;
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let count = search.results.as_ref().map(|r| r.hits.len()).unwrap_or(0);
        match key.code {
            KeyCode::Char('n') if ctrl => {
                search.selected = (search.selected + 1).min(count.saturating_sub(1));
            }
            KeyCode::Char('p') if ctrl => search.selected = search.selected.saturating_sub(1),
            KeyCode::Down => search.selected = (search.selected + 1).min(count.saturating_sub(1)),
            KeyCode::Up => search.selected = search.selected.saturating_sub(1),
            KeyCode::Char('u') if ctrl && search.mode == SearchMode::Query => {
                search.input.clear();
                self.run_search();
            }
            KeyCode::Char(c) if !ctrl && search.mode == SearchMode::Query => {
                search.input.push(c);
                self.run_search();
            }
            KeyCode::Backspace if search.mode == SearchMode::Query => {
                search.input.pop();
                self.run_search();
            }
            KeyCode::Enter => self.open_search_hit(),
            _ => return false,
        }
        true
    }

    /// Text editing in the note line of a new highlight.
    pub(super) fn note_input(&mut self, key: &KeyEvent) -> bool {
        let Some(Overlay::Note { input, .. }) = &mut self.state.overlay else {
            return false;
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') if ctrl => input.clear(),
            KeyCode::Char(c) if !ctrl => input.push(c),
            KeyCode::Backspace => {
                input.pop();
            }
            KeyCode::Enter => {
                if let Some(Overlay::Note { start, end, input }) = self.state.overlay.take()
                    && let Some(open) = &self.state.open
                {
                    let article = open.id().to_string();
                    let note = Some(input.trim().to_string()).filter(|n| !n.is_empty());
                    self.request(Request::Mark {
                        article,
                        start,
                        end,
                        note,
                    });
                }
            }
            _ => return false,
        }
        true
    }

    pub(super) fn run_search(&mut self) {
        self.state.search_seq += 1;
        let seq = self.state.search_seq;
        let Some(Overlay::Search(search)) = &mut self.state.overlay else {
            return;
        };
        search.seq = seq;
        let query = search.input.clone();
        if query.trim().is_empty() {
            search.results = None;
            return;
        }
        self.request(Request::Search {
            query,
            seq,
            limit: SEARCH_LIMIT,
        });
    }

    pub(super) fn open_search_hit(&mut self) {
        let Some(Overlay::Search(search)) = self.state.overlay.take() else {
            return;
        };
        let Some(hit) = search
            .results
            .as_ref()
            .and_then(|r| r.hits.get(search.selected))
        else {
            self.state.overlay = Some(Overlay::Search(search));
            return;
        };
        let mut terms: Vec<String> = hit
            .highlights
            .iter()
            .filter_map(|&[s, e]| hit.snippet.get(s..e))
            .map(str::to_lowercase)
            .collect();
        if terms.is_empty() && search.mode == SearchMode::Entity {
            terms.push(search.input.trim_matches('"').to_lowercase());
        }
        terms.sort();
        terms.dedup();
        self.state.last_search_terms = terms.clone();
        if let Some(here) = self.state.location() {
            self.state.back.push(here);
            self.state.forward.clear();
        }
        self.open_article(hit.id.clone(), None, terms);
        self.state.focus = Pane::Article;
    }

    pub(super) fn on_mouse(&mut self, mouse: MouseEvent) {
        if !self.config.reader.mouse || self.state.overlay.is_some() {
            return;
        }
        let inside = |area: Option<ratatui::layout::Rect>| {
            area.is_some_and(|a| {
                mouse.column >= a.x
                    && mouse.column < a.x + a.width
                    && mouse.row >= a.y
                    && mouse.row < a.y + a.height
            })
        };
        let pane = if inside(self.areas.list) {
            Pane::List
        } else if inside(self.areas.article) {
            Pane::Article
        } else if inside(self.areas.side) {
            Pane::Side
        } else {
            return;
        };
        match mouse.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let previous = self.state.focus;
                self.state.focus = pane;
                let step = if mouse.kind == MouseEventKind::ScrollDown {
                    3
                } else {
                    -3
                };
                self.move_by(step);
                if pane != Pane::List {
                    self.state.focus = previous;
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                self.state.focus = pane;
                match pane {
                    Pane::List => {
                        if let Some(area) = self.areas.list {
                            let row = (mouse.row.saturating_sub(area.y + 1)) as usize;
                            let index = self.state.list_scroll + row;
                            if index < self.state.order.len() {
                                self.state.list_cursor = index;
                                self.open_selected(None, Vec::new());
                            }
                        }
                    }
                    Pane::Article => {
                        if let Some(area) = self.areas.article {
                            let row = (mouse.row.saturating_sub(area.y + 1)) as usize;
                            if let Some(Some(sentence)) = self.article_lines.get(row)
                                && let Some(open) = &mut self.state.open
                            {
                                open.cursor = *sentence;
                                self.state.side_cursor = 0;
                            }
                        }
                    }
                    Pane::Side => {
                        if let Some(area) = self.areas.side {
                            let row = (mouse.row.saturating_sub(area.y + 1)) as usize;
                            if let Some(Some(mention)) = self.side_rows.get(row) {
                                self.state.side_cursor = *mention;
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

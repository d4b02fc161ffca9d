//! Input handling: key presses, mouse events and worker answers change the [`State`].
//!
//! Keys are looked up in the configured key map (so every binding is data), except inside the
//! search line, where typed characters are text. Anything that needs the terminal itself
//! (suspending, launching a browser) is returned as an [`Effect`] for the event loop to do.

use std::sync::mpsc::Sender;

mod input;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::config::{Action, Config, KeyName, KeySpec};
use crate::entities::EntityKind;

use super::state::{
    Location, OpenArticle, Overlay, Pane, PendingOpen, SearchMode, SearchOverlay, SortKey, State,
};
use super::theme::Styles;
use super::worker::{AppEvent, Request};

/// Results shown by the live search.
const SEARCH_LIMIT: usize = 50;

/// A row of the side panel: another source's sentence and how it stands towards ours.
pub struct SideMention<'a> {
    pub mention: &'a crate::library::links::LinkedMention,
    pub stance: crate::claims::Stance,
    pub detail: Option<Box<str>>,
}

/// What the event loop must do after an event.
#[derive(Debug, PartialEq, Eq)]
pub enum Effect {
    None,
    Suspend,
    OpenUrl(String),
}

/// Screen areas recorded by the last draw, for mouse hit-testing.
#[derive(Debug, Default, Clone, Copy)]
pub struct Areas {
    pub list: Option<ratatui::layout::Rect>,
    pub article: Option<ratatui::layout::Rect>,
    pub side: Option<ratatui::layout::Rect>,
}

pub struct App {
    pub state: State,
    pub config: Config,
    pub styles: Styles,
    pub areas: Areas,
    /// Visual lines of the article pane from the last draw: (first byte, sentence index).
    pub article_lines: Vec<Option<usize>>,
    /// Side panel rows from the last draw: which mention each row belongs to.
    pub side_rows: Vec<Option<usize>>,
    requests: Sender<Request>,
}

/// Converts a terminal key event to the config's key notation.
pub fn key_spec(event: &KeyEvent) -> Option<KeySpec> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let alt = event.modifiers.contains(KeyModifiers::ALT);
    let key = match event.code {
        KeyCode::Char(c) => KeyName::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
        KeyCode::Enter => KeyName::Enter,
        KeyCode::Esc => KeyName::Esc,
        KeyCode::Tab => KeyName::Tab,
        KeyCode::BackTab => KeyName::BackTab,
        KeyCode::Backspace => KeyName::Backspace,
        KeyCode::Up => KeyName::Up,
        KeyCode::Down => KeyName::Down,
        KeyCode::Left => KeyName::Left,
        KeyCode::Right => KeyName::Right,
        KeyCode::Home => KeyName::Home,
        KeyCode::End => KeyName::End,
        KeyCode::PageUp => KeyName::PageUp,
        KeyCode::PageDown => KeyName::PageDown,
        KeyCode::Delete => KeyName::Delete,
        KeyCode::F(n) => KeyName::F(n),
        _ => return None,
    };
    Some(KeySpec { key, ctrl, alt })
}

impl App {
    pub fn new(config: Config, requests: Sender<Request>) -> App {
        let state = State::new(
            config.reader.side_panel,
            SortKey::from_config(&config.reader.sort),
        );
        App {
            state,
            styles: Styles::from_config(&config),
            config,
            areas: Areas::default(),
            article_lines: Vec::new(),
            side_rows: Vec::new(),
            requests,
        }
    }

    fn request(&mut self, request: Request) {
        if self.requests.send(request).is_err() {
            self.state.status = "The background worker stopped; restart crossread.".to_string();
        }
    }

    /// Applies one event.
    pub fn handle(&mut self, event: AppEvent) -> Effect {
        match event {
            AppEvent::Key(key) if key.kind != KeyEventKind::Release => return self.on_key(key),
            AppEvent::Key(_) | AppEvent::Resize => {}
            AppEvent::Mouse(mouse) => self.on_mouse(mouse),
            AppEvent::Progress(message) => self.state.loading = Some(message),
            AppEvent::Loaded {
                articles,
                highlights,
                claims,
                notice,
            } => {
                self.state.loading = None;
                self.state.highlights = highlights;
                self.state.set_articles(articles);
                self.state.claims = claims;
                self.state.resort();
                self.state.status =
                    notice.unwrap_or_else(|| format!("{} articles", self.state.articles.len()));
                if self.state.open.is_none() {
                    self.open_selected(None, Vec::new());
                }
            }
            AppEvent::Article(stored) => self.on_article(*stored),
            AppEvent::Claims(claims) => {
                self.state.claims = claims;
                self.state.resort();
            }
            AppEvent::Highlights {
                highlights,
                message,
            } => {
                self.state.highlights = highlights;
                if let Some(message) = message {
                    self.state.status = message;
                }
            }
            AppEvent::SearchDone { seq, results } => {
                if let Some(Overlay::Search(search)) = &mut self.state.overlay
                    && search.seq == seq
                {
                    search.results = Some(results);
                    search.selected = 0;
                }
            }
            AppEvent::Error(message) => {
                self.state.loading = None;
                self.state.status = crate::text::collapse_whitespace(&message);
            }
            AppEvent::Terminate => self.state.quit = true,
        }
        Effect::None
    }

    fn on_article(&mut self, stored: crate::library::index::StoredArticle) {
        let Some(pending) = self.state.pending.take() else {
            return;
        };
        if pending.article != stored.article.id {
            // An older request; the newer one is still on its way.
            self.state.pending = Some(pending);
            return;
        }
        let mut open = OpenArticle::new(stored);
        open.matches = find_terms(&open.body, &pending.terms);
        open.cursor = match (pending.sentence, pending.offset) {
            (Some(s), _) => s.min(open.sentence_count().saturating_sub(1)),
            (None, Some(offset)) => open.sentence_at(offset),
            (None, None) => open
                .matches
                .first()
                .map(|m| open.sentence_at(m.start))
                .unwrap_or(0),
        };
        self.state.read.insert(open.id().to_string());
        if let Some(position) = self
            .state
            .index_of(&open.stored.article.id)
            .and_then(|index| self.state.order.iter().position(|&i| i == index))
        {
            self.state.list_cursor = position;
        }
        self.state.open = Some(open);
        self.state.side_cursor = 0;
    }

    /// Asks the worker for the selected article.
    fn open_selected(&mut self, sentence: Option<usize>, terms: Vec<String>) {
        let Some(id) = self.state.selected_article().map(|a| a.id.clone()) else {
            return;
        };
        self.open_article(id, sentence, terms);
    }

    fn open_article(&mut self, id: String, sentence: Option<usize>, terms: Vec<String>) {
        if let Some(open) = &mut self.state.open
            && open.stored.article.id == id
        {
            // Already open: move without a round trip.
            open.matches = find_terms(&open.body, &terms);
            if let Some(s) = sentence {
                open.cursor = s.min(open.sentence_count().saturating_sub(1));
            } else if let Some(m) = open.matches.first() {
                open.cursor = open.sentence_at(m.start);
            }
            return;
        }
        self.state.pending = Some(PendingOpen {
            article: id.clone(),
            sentence,
            terms,
            offset: None,
        });
        self.request(Request::Open(id));
    }

    /// Jumps to a location, remembering where we were.
    fn jump(&mut self, to: Location) {
        if let Some(here) = self.state.location()
            && here != to
        {
            self.state.back.push(here);
            self.state.forward.clear();
        }
        self.open_article(to.article, Some(to.sentence), Vec::new());
        self.state.focus = Pane::Article;
    }

    /// Jumps to the sentence containing byte `offset` of an article.
    fn jump_to_offset(&mut self, article: String, offset: usize) {
        if let Some(here) = self.state.location() {
            self.state.back.push(here);
            self.state.forward.clear();
        }
        self.state.focus = Pane::Article;
        if let Some(open) = &mut self.state.open
            && open.stored.article.id == article
        {
            open.cursor = open.sentence_at(offset);
            return;
        }
        self.state.pending = Some(PendingOpen {
            article: article.clone(),
            sentence: None,
            terms: Vec::new(),
            offset: Some(offset),
        });
        self.request(Request::Open(article));
    }

    fn on_key(&mut self, key: KeyEvent) -> Effect {
        if let Some(Overlay::Search(_)) = &self.state.overlay
            && self.search_input(&key)
        {
            return Effect::None;
        }
        if let Some(Overlay::Note { .. }) = &self.state.overlay
            && self.note_input(&key)
        {
            return Effect::None;
        }
        let Some(spec) = key_spec(&key) else {
            return Effect::None;
        };
        if spec.key == KeyName::Esc {
            if self.state.overlay.take().is_none()
                && self.state.selection_anchor.take().is_none()
                && self.state.focus == Pane::Side
            {
                self.state.focus = Pane::Article;
            }
            return Effect::None;
        }
        let Some(action) = self.config.keys.get(&spec).copied() else {
            return Effect::None;
        };
        if self.state.overlay.is_some() {
            return self.overlay_action(action);
        }
        self.action(action)
    }

    fn overlay_action(&mut self, action: Action) -> Effect {
        let claims_len = self.state.claims.claims.len();
        match (&mut self.state.overlay, action) {
            (_, Action::Quit) | (Some(Overlay::Help { .. }), Action::Help) => {
                self.state.overlay = None;
            }
            (Some(Overlay::Help { scroll }), Action::Down) => *scroll += 1,
            (Some(Overlay::Help { scroll }), Action::Up) => *scroll = scroll.saturating_sub(1),
            (Some(Overlay::Help { scroll }), Action::Top) => *scroll = 0,
            (Some(Overlay::Claims { selected, .. }), Action::Down) => {
                *selected = (*selected + 1).min(claims_len.saturating_sub(1));
            }
            (Some(Overlay::Claims { selected, .. }), Action::Up) => {
                *selected = selected.saturating_sub(1)
            }
            (Some(Overlay::Claims { selected, .. }), Action::Top) => *selected = 0,
            (Some(Overlay::Claims { selected, .. }), Action::Bottom) => {
                *selected = claims_len.saturating_sub(1)
            }
            (
                Some(Overlay::Claims {
                    conflicts_first, ..
                }),
                Action::ConflictsFirst,
            ) => {
                *conflicts_first = !*conflicts_first;
            }
            (
                Some(Overlay::Claims {
                    selected,
                    conflicts_first,
                }),
                Action::Open,
            ) => {
                let order = claim_order(&self.state.claims.claims, *conflicts_first);
                if let Some(&index) = order.get(*selected) {
                    let key = self.state.claims.claims[index].mentions[0]
                        .mention
                        .key
                        .clone();
                    self.state.overlay = None;
                    self.jump(Location {
                        article: key.article,
                        sentence: key.sentence,
                    });
                }
            }
            (Some(Overlay::Entities { items, selected }), Action::Down) => {
                *selected = (*selected + 1).min(items.len().saturating_sub(1));
            }
            (Some(Overlay::Entities { selected, .. }), Action::Up) => {
                *selected = selected.saturating_sub(1)
            }
            (Some(Overlay::Entities { items, selected }), Action::Open) => {
                if let Some(entity) = items.get(*selected) {
                    let query = format!("\"{}\"", entity.text.replace('"', " "));
                    self.state.overlay = Some(Overlay::Search(SearchOverlay {
                        mode: SearchMode::Entity,
                        input: query,
                        seq: 0,
                        results: None,
                        selected: 0,
                    }));
                    self.run_search();
                }
            }
            (Some(Overlay::Highlights { selected }), Action::Down) => {
                *selected = (*selected + 1).min(self.state.highlights.len().saturating_sub(1));
            }
            (Some(Overlay::Highlights { selected }), Action::Up) => {
                *selected = selected.saturating_sub(1)
            }
            (Some(Overlay::Highlights { selected }), Action::Open) => {
                let target = self
                    .state
                    .highlights
                    .get(*selected)
                    .and_then(|h| match h.anchor {
                        crate::library::highlights::Anchor::Found { start, .. } => {
                            Some((h.highlight.article.clone(), start))
                        }
                        crate::library::highlights::Anchor::Orphaned => None,
                    });
                match target {
                    Some((article, start)) => {
                        self.state.overlay = None;
                        self.jump_to_offset(article, start);
                    }
                    None => {
                        self.state.status =
                            "This highlight is orphaned: its text is no longer in the article."
                                .to_string()
                    }
                }
            }
            (Some(Overlay::Search(_)), _) => {}
            _ => {}
        }
        Effect::None
    }

    fn action(&mut self, action: Action) -> Effect {
        match action {
            Action::Quit => self.state.quit = true,
            Action::Help => self.state.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(10),
            Action::PageUp => self.move_by(-10),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::NextPane => self.cycle_focus(1),
            Action::PrevPane => self.cycle_focus(-1),
            Action::Open => self.open_action(),
            Action::Back => self.travel_history(false),
            Action::Forward => self.travel_history(true),
            Action::NextLinked => self.move_to_linked(true),
            Action::PrevLinked => self.move_to_linked(false),
            Action::Search => {
                self.state.overlay = Some(Overlay::Search(SearchOverlay {
                    mode: SearchMode::Query,
                    input: String::new(),
                    seq: 0,
                    results: None,
                    selected: 0,
                }));
            }
            Action::NextMatch => self.move_to_match(true),
            Action::PrevMatch => self.move_to_match(false),
            Action::ClaimsOverview | Action::ConflictsFirst => {
                if self.state.claims.claims.is_empty() {
                    self.state.status = "No claim is shared between articles yet.".to_string();
                } else {
                    self.state.overlay = Some(Overlay::Claims {
                        selected: 0,
                        conflicts_first: action == Action::ConflictsFirst,
                    });
                }
            }
            Action::EntityMentions => self.entity_mentions(),
            Action::Sort => {
                self.state.sort = match self.state.sort {
                    SortKey::Date => SortKey::Source,
                    SortKey::Source => SortKey::SharedClaims,
                    SortKey::SharedClaims => SortKey::Date,
                };
                self.state.resort();
                self.state.status = format!("Sorted by {}", self.state.sort.label());
            }
            Action::OpenUrl => {
                let url = self
                    .state
                    .open
                    .as_ref()
                    .and_then(|o| o.stored.article.url.clone());
                match url {
                    Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
                        return Effect::OpenUrl(url);
                    }
                    Some(url) => {
                        self.state.status =
                            format!("Not opening {url:?}: only http and https links are opened.")
                    }
                    None => self.state.status = "This article has no URL.".to_string(),
                }
            }
            Action::ToggleSidePanel => self.state.side_panel = !self.state.side_panel,
            Action::Select => {
                if self.state.open.is_some() {
                    self.state.selection_anchor = match self.state.selection_anchor {
                        Some(_) => None,
                        None => self.state.open.as_ref().map(|o| o.cursor),
                    };
                    self.state.focus = Pane::Article;
                }
            }
            Action::Mark => {
                if let Some(range) = self.state.marked_range() {
                    self.state.selection_anchor = None;
                    self.state.overlay = Some(Overlay::Note {
                        start: range.start,
                        end: range.end,
                        input: String::new(),
                    });
                } else {
                    self.state.status = "Open an article to highlight a sentence.".to_string();
                }
            }
            Action::Highlights => {
                if self.state.highlights.is_empty() {
                    self.state.status = "No highlights yet.".to_string();
                } else {
                    self.state.overlay = Some(Overlay::Highlights { selected: 0 });
                }
            }
            Action::Export => {
                if self.state.highlights.is_empty() {
                    self.state.status = "No highlights to export.".to_string();
                } else {
                    self.request(Request::Export);
                }
            }
            Action::Refresh => {
                self.state.loading = Some("Reloading the library\u{2026}".to_string());
                self.request(Request::Reload);
            }
            Action::Suspend => return Effect::Suspend,
            Action::ToggleKind1
            | Action::ToggleKind2
            | Action::ToggleKind3
            | Action::ToggleKind4
            | Action::ToggleKind5
            | Action::ToggleKind6
            | Action::ToggleKind7
            | Action::ToggleKind8 => {
                let index = match action {
                    Action::ToggleKind1 => 0,
                    Action::ToggleKind2 => 1,
                    Action::ToggleKind3 => 2,
                    Action::ToggleKind4 => 3,
                    Action::ToggleKind5 => 4,
                    Action::ToggleKind6 => 5,
                    Action::ToggleKind7 => 6,
                    _ => 7,
                };
                let kind: EntityKind = EntityKind::ALL[index];
                if !self.state.hidden_kinds.remove(&kind) {
                    self.state.hidden_kinds.insert(kind);
                }
            }
        }
        Effect::None
    }

    fn cycle_focus(&mut self, step: isize) {
        let mut panes = vec![Pane::List];
        if self.state.open.is_some() {
            panes.push(Pane::Article);
            if self.state.side_panel {
                panes.push(Pane::Side);
            }
        }
        let at = panes
            .iter()
            .position(|p| *p == self.state.focus)
            .unwrap_or(0) as isize;
        let next = (at + step).rem_euclid(panes.len() as isize) as usize;
        self.state.focus = panes[next];
    }

    /// Back (or forward) through the jump history; the place left goes on the other stack.
    fn travel_history(&mut self, forward: bool) {
        let target = if forward {
            self.state.forward.pop()
        } else {
            self.state.back.pop()
        };
        let Some(to) = target else {
            let way = if forward { "forward" } else { "back" };
            self.state.status = format!("Nothing to go {way} to.");
            return;
        };
        if let Some(here) = self.state.location() {
            if forward {
                self.state.back.push(here);
            } else {
                self.state.forward.push(here);
            }
        }
        self.open_article(to.article, Some(to.sentence), Vec::new());
        self.state.focus = Pane::Article;
    }

    fn open_action(&mut self) {
        match self.state.focus {
            Pane::List => {
                self.open_selected(None, Vec::new());
                self.state.focus = Pane::Article;
            }
            Pane::Article => {
                if self.state.cursor_claim().is_some() {
                    self.state.focus = Pane::Side;
                    self.state.side_cursor = 0;
                    self.jump_to_side_selection();
                }
            }
            Pane::Side => self.jump_to_side_selection(),
        }
    }

    /// Other sources' mentions of the cursor's claim, in side panel order, each with its
    /// stance towards the cursor's sentence (not towards the claim's anchor).
    pub fn side_mentions(&self) -> Vec<SideMention<'_>> {
        let Some(index) = self.state.cursor_claim() else {
            return Vec::new();
        };
        let Some(open) = &self.state.open else {
            return Vec::new();
        };
        let claim = &self.state.claims.claims[index];
        let Some(here) = claim
            .mentions
            .iter()
            .find(|m| m.mention.key.article == open.id() && m.mention.key.sentence == open.cursor)
        else {
            return Vec::new();
        };
        claim
            .mentions
            .iter()
            .filter(|m| m.mention.key.article != open.id())
            .map(|m| {
                let (stance, detail) = self.state.claims.stance_between(here, m);
                SideMention {
                    mention: &m.mention,
                    stance,
                    detail,
                }
            })
            .collect()
    }

    fn jump_to_side_selection(&mut self) {
        let target = self
            .side_mentions()
            .get(self.state.side_cursor)
            .map(|m| m.mention.key.clone());
        if let Some(key) = target {
            self.jump(Location {
                article: key.article,
                sentence: key.sentence,
            });
        }
    }

    fn move_by(&mut self, delta: isize) {
        let clamp = |value: usize, len: usize| -> usize {
            let target = value as isize + delta;
            target.clamp(0, len.saturating_sub(1) as isize) as usize
        };
        match self.state.focus {
            Pane::List => {
                let len = self.state.order.len();
                let next = clamp(self.state.list_cursor, len);
                if next != self.state.list_cursor {
                    self.state.list_cursor = next;
                    self.open_selected(None, Vec::new());
                }
            }
            Pane::Article => {
                if let Some(open) = &mut self.state.open {
                    open.cursor = clamp(open.cursor, open.sentence_count());
                    self.state.side_cursor = 0;
                }
            }
            Pane::Side => {
                let len = self.side_mentions().len();
                self.state.side_cursor = clamp(self.state.side_cursor, len);
            }
        }
    }

    fn move_to_linked(&mut self, forward: bool) {
        let Some(open) = &self.state.open else {
            return;
        };
        let count = open.sentence_count();
        let cursor = open.cursor;
        let candidates: Box<dyn Iterator<Item = usize>> = if forward {
            Box::new(cursor + 1..count)
        } else {
            Box::new((0..cursor).rev())
        };
        let found = candidates.into_iter().find(|&s| self.state.is_linked(s));
        match found {
            Some(s) => {
                if let Some(open) = &mut self.state.open {
                    open.cursor = s;
                }
                self.state.side_cursor = 0;
                self.state.focus = Pane::Article;
            }
            None => {
                self.state.status = if forward {
                    "No further sentence shared with other sources.".to_string()
                } else {
                    "No earlier sentence shared with other sources.".to_string()
                }
            }
        }
    }

    fn move_to_match(&mut self, forward: bool) {
        let Some(open) = &mut self.state.open else {
            return;
        };
        let current = open.sentence_range(open.cursor).unwrap_or(0..0);
        let target = if forward {
            open.matches.iter().find(|m| m.start >= current.end)
        } else {
            open.matches.iter().rev().find(|m| m.end <= current.start)
        };
        match target {
            Some(m) => open.cursor = open.sentence_at(m.start),
            None => {
                self.state.status = if open.matches.is_empty() {
                    "No search matches in this article.".to_string()
                } else {
                    "No more matches in that direction.".to_string()
                }
            }
        }
    }

    fn entity_mentions(&mut self) {
        let Some(open) = &self.state.open else {
            return;
        };
        let mut items: Vec<crate::entities::Entity> = Vec::new();
        for e in open.entities_in_cursor() {
            if !items.iter().any(|i| i.text == e.text) {
                items.push(e.clone());
            }
        }
        // Names first: they are what people look up.
        items.sort_by_key(|e| {
            !matches!(
                e.kind,
                EntityKind::Person | EntityKind::Org | EntityKind::Place | EntityKind::Product
            )
        });
        if items.is_empty() {
            self.state.status = "No entity in this sentence.".to_string();
        } else {
            self.state.overlay = Some(Overlay::Entities { items, selected: 0 });
        }
    }
}

/// Claims in overview order: by number of sources, or conflicts first.
pub fn claim_order(claims: &[crate::library::links::Claim], conflicts_first: bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..claims.len()).collect();
    if conflicts_first {
        order.sort_by_key(|&i| {
            (
                !claims[i].has_conflict(),
                std::cmp::Reverse(claims[i].sources),
            )
        });
    }
    order
}

/// Case-insensitive occurrences of the search terms in the body, as byte ranges.
pub fn find_terms(body: &str, terms: &[String]) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    if terms.is_empty() {
        return found;
    }
    let lower = body.to_lowercase();
    if lower.len() != body.len() {
        // Lowercasing changed byte lengths (rare scripts): match on exact case only.
        for term in terms {
            found.extend(
                body.match_indices(term.as_str())
                    .map(|(i, t)| i..i + t.len()),
            );
        }
    } else {
        for term in terms {
            if term.is_empty() {
                continue;
            }
            found.extend(
                lower
                    .match_indices(term.as_str())
                    .map(|(i, t)| i..i + t.len())
                    .filter(|r| body.is_char_boundary(r.start) && body.is_char_boundary(r.end)),
            );
        }
    }
    found.sort_by_key(|r| r.start);
    found.dedup();
    found
}

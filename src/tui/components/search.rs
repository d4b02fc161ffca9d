//! The search overlay: a query line with live results from the worker (title, source and a
//! snippet with the matches marked), or the articles mentioning an entity. Enter opens the
//! chosen article at its first match.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::popup;
use crate::library::search::SearchResults;
use crate::tui::component::{Component, Context, KeyPress, Outcome};
use crate::tui::message::{Landing, Msg, Target};
use crate::tui::wrap::{safe, truncate, width};

/// What the search overlay is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchMode {
    /// The user types a query.
    Query,
    /// Articles mentioning an entity (query fixed).
    Entity,
}

#[derive(Debug)]
pub struct SearchOverlay {
    mode: SearchMode,
    input: String,
    /// The number of the query last sent, to drop answers the user has typed past.
    seq: u64,
    results: Option<SearchResults>,
    selected: usize,
    area: Rect,
}

impl SearchOverlay {
    pub fn new(mode: SearchMode, input: String) -> SearchOverlay {
        SearchOverlay {
            mode,
            input,
            seq: 0,
            results: None,
            selected: 0,
            area: Rect::default(),
        }
    }

    /// Whether typed characters go into the query.
    pub fn takes_text(&self) -> bool {
        self.mode == SearchMode::Query
    }

    /// The query went to the worker as number `seq` (None: nothing to search).
    pub fn sent(&mut self, seq: Option<u64>) {
        match seq {
            Some(seq) => self.seq = seq,
            None => self.results = None,
        }
    }

    /// Results from the worker; dropped unless they answer the latest query.
    pub fn receive(&mut self, seq: u64, results: SearchResults) {
        if seq == self.seq {
            self.results = Some(results);
            self.selected = 0;
        }
    }

    fn count(&self) -> usize {
        self.results.as_ref().map(|r| r.hits.len()).unwrap_or(0)
    }

    fn edited(&self) -> Outcome {
        Msg::Search(self.input.clone()).into()
    }

    /// The chosen hit, with the words to mark in it.
    fn open_hit(&self) -> Outcome {
        let Some(hit) = self
            .results
            .as_ref()
            .and_then(|r| r.hits.get(self.selected))
        else {
            return Outcome::Consumed;
        };
        let mut terms: Vec<String> = hit
            .highlights
            .iter()
            .filter_map(|&[s, e]| hit.snippet.get(s..e))
            .map(str::to_lowercase)
            .collect();
        if terms.is_empty() && self.mode == SearchMode::Entity {
            terms.push(self.input.trim_matches('"').to_lowercase());
        }
        terms.sort();
        terms.dedup();
        Msg::Jump(Target {
            article: hit.id.clone(),
            landing: Landing::Start,
            terms,
        })
        .into()
    }

    /// The snippet cut to one row, matches styled.
    fn snippet_line(
        ctx: &Context,
        snippet: &str,
        highlights: &[[usize; 2]],
        max: usize,
    ) -> Line<'static> {
        let mut spans = vec![Span::raw("  ")];
        let mut at = 0;
        let mut used = 2;
        let mut push = |text: &str, style| {
            let cut = truncate(&safe(text), max.saturating_sub(used));
            used += width(&cut);
            spans.push(Span::styled(cut, style));
        };
        for &[start, end] in highlights {
            if start < at
                || end > snippet.len()
                || !snippet.is_char_boundary(start)
                || !snippet.is_char_boundary(end)
            {
                continue;
            }
            push(&snippet[at..start], ctx.styles.dim);
            push(&snippet[start..end], ctx.styles.search_match);
            at = end;
        }
        push(&snippet[at..], ctx.styles.dim);
        Line::from(spans)
    }
}

impl Component for SearchOverlay {
    fn handle_key(&mut self, key: &KeyPress, _ctx: &Context) -> Outcome {
        let ctrl = key.event.modifiers.contains(KeyModifiers::CONTROL);
        let typing = self.mode == SearchMode::Query;
        let last = self.count().saturating_sub(1);
        match key.event.code {
            KeyCode::Char('n') if ctrl => self.selected = (self.selected + 1).min(last),
            KeyCode::Char('p') if ctrl => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down => self.selected = (self.selected + 1).min(last),
            KeyCode::Up => self.selected = self.selected.saturating_sub(1),
            KeyCode::Char('u') if ctrl && typing => {
                self.input.clear();
                return self.edited();
            }
            KeyCode::Char(c) if !ctrl && typing => {
                self.input.push(c);
                return self.edited();
            }
            KeyCode::Backspace if typing => {
                self.input.pop();
                return self.edited();
            }
            KeyCode::Enter => return self.open_hit(),
            _ => return Outcome::Ignored,
        }
        Outcome::Consumed
    }

    fn layout(&mut self, body: Rect, _ctx: &Context) {
        self.area = popup::area(body);
    }

    fn draw(&self, frame: &mut Frame, ctx: &Context) {
        let inner = popup::inner(self.area);
        let max = inner.width as usize;
        let prompt = match self.mode {
            SearchMode::Query => format!("/{}\u{258f}", self.input),
            SearchMode::Entity => format!("Articles mentioning {}", self.input),
        };
        let mut lines = vec![Line::styled(
            truncate(&safe(&prompt), max),
            ctx.styles.title,
        )];
        match &self.results {
            None if !self.input.is_empty() => {
                lines.push(Line::styled("searching\u{2026}", ctx.styles.dim));
            }
            None => {}
            Some(results) => {
                if !results.ignored.is_empty() {
                    lines.push(Line::styled(
                        truncate(&format!("ignored: {}", results.ignored.join("; ")), max),
                        ctx.styles.dim,
                    ));
                }
                if results.hits.is_empty() {
                    lines.push(Line::styled("no matches", ctx.styles.dim));
                }
                let per_hit = 3;
                let room = (inner.height as usize).saturating_sub(lines.len() + 1);
                let first = popup::first_visible(self.selected, room, per_hit);
                for (index, hit) in results
                    .hits
                    .iter()
                    .enumerate()
                    .skip(first)
                    .take((room / per_hit).max(1))
                {
                    let source = hit.source.clone().unwrap_or_default();
                    let heading = truncate(&safe(&format!("{}  {}", hit.title, source)), max);
                    lines.push(Line::styled(
                        heading,
                        ctx.selected(ctx.styles.title, index == self.selected),
                    ));
                    lines.push(Self::snippet_line(ctx, &hit.snippet, &hit.highlights, max));
                    lines.push(Line::raw(""));
                }
            }
        }
        popup::draw(frame, ctx, self.area, " Search ", lines);
    }
}

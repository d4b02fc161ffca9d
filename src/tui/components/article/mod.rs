//! The article pane: the open article with entities coloured, sentences other sources share
//! marked in the gutter, search matches, highlights, a sentence cursor and a selection.
//!
//! Jumps land with the target sentence about a third from the top and mark it for a moment;
//! back and forward restore the exact scroll position ([`Placement`]). `layout` turns the
//! article into rows for the pane's width and settles the scroll; `draw` paints them.

mod draw;
mod layout;

use std::collections::HashSet;
use std::ops::Range;
use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::entities::{Entity, EntityKind};
use crate::library::index::StoredArticle;
use crate::tui::component::{Component, Context, KeyPress, Outcome};
use crate::tui::config::Action;
use crate::tui::history::Place;
use crate::tui::message::{Landing, Msg, Target};
use crate::tui::worker::Request;

use layout::ArticleLayout;

/// How long a jump's target sentence stays marked.
pub const FLASH: Duration = Duration::from_millis(1500);

/// The article shown in the pane.
#[derive(Debug)]
pub struct OpenArticle {
    pub stored: StoredArticle,
    pub body: String,
    /// Byte ranges of paragraphs in `body`.
    pub paragraphs: Vec<Range<usize>>,
    /// Sentence under the cursor.
    pub cursor: usize,
    /// Search matches in the body, for highlighting and next/previous match.
    pub matches: Vec<Range<usize>>,
}

impl OpenArticle {
    pub fn new(stored: StoredArticle) -> OpenArticle {
        let body = stored.article.body();
        let mut paragraphs = Vec::new();
        let mut start = 0;
        for part in body.split(crate::article::PARAGRAPH_SEPARATOR) {
            paragraphs.push(start..start + part.len());
            start += part.len() + crate::article::PARAGRAPH_SEPARATOR.len();
        }
        OpenArticle {
            stored,
            body,
            paragraphs,
            cursor: 0,
            matches: Vec::new(),
        }
    }

    pub fn id(&self) -> &str {
        &self.stored.article.id
    }

    pub fn sentence_count(&self) -> usize {
        self.stored.sentences.len()
    }

    pub fn sentence_range(&self, index: usize) -> Option<Range<usize>> {
        self.stored.sentences.get(index).map(|&(s, e)| s..e)
    }

    /// The sentence containing byte `offset`, or the nearest one before it.
    pub fn sentence_at(&self, offset: usize) -> usize {
        self.stored
            .sentences
            .partition_point(|&(start, _)| start <= offset)
            .saturating_sub(1)
    }

    fn last_sentence(&self) -> usize {
        self.sentence_count().saturating_sub(1)
    }

    /// Puts the cursor where `target` says and marks its search terms.
    fn land(&mut self, target: &Target, fresh: bool) {
        self.matches = find_terms(&self.body, &target.terms);
        self.cursor = match target.landing {
            Landing::Sentence(s) => s.min(self.last_sentence()),
            Landing::Offset(offset) => self.sentence_at(offset),
            Landing::Start => match self.matches.first() {
                Some(m) => self.sentence_at(m.start),
                None if fresh => 0,
                None => self.cursor,
            },
        };
    }
}

/// What the next layout does with the scroll position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Scroll as little as keeps the cursor's sentence in view.
    Keep,
    /// The cursor's sentence about a third from the top, with context around it (jumps).
    Third,
    /// This scroll position (a body offset, see [`Place::top`]), as it was left.
    Exact(usize),
}

/// A sentence marked for a moment after a jump.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flash {
    pub sentence: usize,
    pub until: Instant,
}

/// An article asked of the worker, and how to show it when it arrives.
#[derive(Debug)]
struct Pending {
    target: Target,
    placement: Placement,
    flash: bool,
}

#[derive(Debug, Default)]
pub struct ArticlePane {
    open: Option<OpenArticle>,
    pending: Option<Pending>,
    hidden: HashSet<EntityKind>,
    /// First sentence of a selection in progress (the cursor is the other end).
    anchor: Option<usize>,
    flash: Option<Flash>,
    placement: Option<Placement>,
    /// Scroll position kept between frames (a body offset, see [`Place::top`]).
    top: usize,
    view: ArticleLayout,
}

impl ArticlePane {
    pub fn open(&self) -> Option<&OpenArticle> {
        self.open.as_ref()
    }

    pub fn is_loading(&self) -> bool {
        self.pending.is_some()
    }

    /// The open article's id and the cursor's sentence.
    pub fn location(&self) -> Option<(&str, usize)> {
        self.open.as_ref().map(|o| (o.id(), o.cursor))
    }

    /// Where the reader is, scroll position included, for the jump history.
    pub fn place(&self) -> Option<Place> {
        self.open.as_ref().map(|o| Place {
            article: o.id().to_string(),
            sentence: o.cursor,
            top: self.top,
        })
    }

    pub fn flash(&self) -> Option<Flash> {
        self.flash
    }

    pub fn selecting(&self) -> bool {
        self.anchor.is_some()
    }

    /// Cancels a selection in progress; false when there was none.
    pub fn cancel_selection(&mut self) -> bool {
        self.anchor.take().is_some()
    }

    /// The body range a new highlight would cover: the selection, or the cursor's sentence.
    pub fn marked_range(&self) -> Option<Range<usize>> {
        let open = self.open.as_ref()?;
        let anchor = self.anchor.unwrap_or(open.cursor);
        let first = open.sentence_range(anchor.min(open.cursor))?;
        let last = open.sentence_range(anchor.max(open.cursor))?;
        Some(first.start..last.end)
    }

    /// Shows `target`: at once when its article is open, else after the worker sends it
    /// (the returned request).
    pub fn go_to(&mut self, target: Target, placement: Placement, flash: bool) -> Option<Request> {
        if let Some(open) = &mut self.open
            && open.id() == target.article
        {
            open.land(&target, false);
            let sentence = open.cursor;
            self.settle(placement, flash.then_some(sentence));
            return None;
        }
        let request = Request::Open(target.article.clone());
        self.pending = Some(Pending {
            target,
            placement,
            flash,
        });
        Some(request)
    }

    /// An article from the worker; true when it is the one awaited (now open).
    pub fn receive(&mut self, stored: StoredArticle) -> bool {
        let Some(pending) = self.pending.take() else {
            return false;
        };
        if pending.target.article != stored.article.id {
            // An older request; the newer one is still on its way.
            self.pending = Some(pending);
            return false;
        }
        let mut open = OpenArticle::new(stored);
        open.land(&pending.target, true);
        let sentence = open.cursor;
        self.open = Some(open);
        self.anchor = None;
        self.top = 0;
        self.settle(pending.placement, pending.flash.then_some(sentence));
        true
    }

    fn settle(&mut self, placement: Placement, flash: Option<usize>) {
        self.placement = Some(placement);
        self.flash = flash.map(|sentence| Flash {
            sentence,
            until: Instant::now() + FLASH,
        });
    }

    /// When the jump mark must go (for the event loop's timer).
    pub fn deadline(&self) -> Option<Instant> {
        self.flash.map(|f| f.until)
    }

    /// Lets the jump mark go once its time is up; true when something changed.
    pub fn tick(&mut self, now: Instant) -> bool {
        if self.flash.is_some_and(|f| now >= f.until) {
            self.flash = None;
            return true;
        }
        false
    }

    pub fn clear_flash(&mut self) {
        self.flash = None;
    }

    /// Sentence shown on each row of the pane's inner area at the last layout (None for the
    /// header and blank rows).
    pub fn visible_sentences(&self) -> &[Option<usize>] {
        &self.view.visible
    }

    /// A click on a screen row: the cursor goes to the sentence drawn there.
    pub fn click(&mut self, row: u16) -> Outcome {
        let Some(index) = (row as usize).checked_sub(self.view.inner.y as usize) else {
            return Outcome::Consumed;
        };
        match (self.view.visible.get(index), &mut self.open) {
            (Some(Some(sentence)), Some(open)) => {
                open.cursor = *sentence;
                Msg::CursorMoved.into()
            }
            _ => Outcome::Consumed,
        }
    }

    /// Mouse wheel: moves the cursor by `delta` sentences.
    pub fn scroll_by(&mut self, delta: isize) -> Outcome {
        match &self.open {
            Some(open) => self.move_to(open.cursor.saturating_add_signed(delta)),
            None => Outcome::Ignored,
        }
    }

    fn move_to(&mut self, sentence: usize) -> Outcome {
        let Some(open) = &mut self.open else {
            return Outcome::Ignored;
        };
        let sentence = sentence.min(open.last_sentence());
        if sentence == open.cursor {
            return Outcome::Consumed;
        }
        open.cursor = sentence;
        Msg::CursorMoved.into()
    }

    /// Half a page of rows down (or up) from the cursor's sentence.
    fn page(&mut self, down: bool) -> Outcome {
        let Some(open) = &self.open else {
            return Outcome::Ignored;
        };
        let target = self
            .view
            .sentence_half_a_page_away(open.cursor, down)
            .unwrap_or_else(|| {
                if down {
                    open.cursor + 10
                } else {
                    open.cursor.saturating_sub(10)
                }
            });
        self.move_to(target)
    }

    fn move_to_shared(&mut self, forward: bool, ctx: &Context) -> Outcome {
        let Some(open) = &self.open else {
            return Outcome::Ignored;
        };
        let id = open.id();
        let shared = |s: &usize| ctx.data.claims.is_shared(id, *s);
        let found = if forward {
            (open.cursor + 1..open.sentence_count()).find(shared)
        } else {
            (0..open.cursor).rev().find(shared)
        };
        match found {
            Some(s) => self.move_to(s),
            None if forward => {
                Msg::Status("No further sentence shared with other sources.".into()).into()
            }
            None => Msg::Status("No earlier sentence shared with other sources.".into()).into(),
        }
    }

    fn move_to_match(&mut self, forward: bool) -> Outcome {
        let Some(open) = &self.open else {
            return Outcome::Ignored;
        };
        let current = open.sentence_range(open.cursor).unwrap_or(0..0);
        let target = if forward {
            open.matches.iter().find(|m| m.start >= current.end)
        } else {
            open.matches.iter().rev().find(|m| m.end <= current.start)
        };
        match target {
            Some(m) => self.move_to(open.sentence_at(m.start)),
            None if open.matches.is_empty() => {
                Msg::Status("No search matches in this article.".into()).into()
            }
            None => Msg::Status("No more matches in that direction.".into()).into(),
        }
    }

    /// The distinct entities of the cursor's sentence, names first.
    fn entities_in_cursor(&self) -> Vec<Entity> {
        let Some(open) = &self.open else {
            return Vec::new();
        };
        let Some(range) = open.sentence_range(open.cursor) else {
            return Vec::new();
        };
        let mut items: Vec<Entity> = Vec::new();
        for e in open
            .stored
            .entities
            .iter()
            .filter(|e| e.start >= range.start && e.end <= range.end)
        {
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
        items
    }

    fn open_url(&self) -> Outcome {
        let url = self
            .open
            .as_ref()
            .and_then(|o| o.stored.article.url.clone());
        let msg = match url {
            Some(url) if url.starts_with("http://") || url.starts_with("https://") => {
                Msg::OpenUrl(url)
            }
            Some(url) => Msg::Status(format!(
                "Not opening {:?}: only http and https links are opened.",
                crate::tui::wrap::safe(&url)
            )),
            None => Msg::Status("This article has no URL.".into()),
        };
        msg.into()
    }
}

impl Component for ArticlePane {
    fn handle_key(&mut self, key: &KeyPress, ctx: &Context) -> Outcome {
        let Some(action) = key.action else {
            return Outcome::Ignored;
        };
        if let Some(kind) = action.toggled_kind() {
            let kind = EntityKind::ALL[kind];
            if !self.hidden.remove(&kind) {
                self.hidden.insert(kind);
            }
            return Outcome::Consumed;
        }
        let Some(open) = &self.open else {
            return match action {
                Action::Mark => {
                    Msg::Status("Open an article to highlight a sentence.".into()).into()
                }
                _ => Outcome::Ignored,
            };
        };
        let cursor = open.cursor;
        match action {
            Action::Down => self.move_to(cursor + 1),
            Action::Up => self.move_to(cursor.saturating_sub(1)),
            Action::PageDown => self.page(true),
            Action::PageUp => self.page(false),
            Action::Top => self.move_to(0),
            Action::Bottom => self.move_to(usize::MAX),
            Action::Open if ctx.data.claims.is_shared(open.id(), cursor) => Msg::FollowClaim.into(),
            Action::Open => Outcome::Consumed,
            Action::NextLinked => self.move_to_shared(true, ctx),
            Action::PrevLinked => self.move_to_shared(false, ctx),
            Action::NextMatch => self.move_to_match(true),
            Action::PrevMatch => self.move_to_match(false),
            Action::Select => {
                self.anchor = match self.anchor {
                    Some(_) => None,
                    None => Some(cursor),
                };
                Outcome::Consumed
            }
            Action::Mark => match self.marked_range() {
                Some(range) => {
                    self.anchor = None;
                    Msg::NewHighlight {
                        start: range.start,
                        end: range.end,
                    }
                    .into()
                }
                None => Outcome::Consumed,
            },
            Action::EntityMentions => {
                let items = self.entities_in_cursor();
                if items.is_empty() {
                    Msg::Status("No entity in this sentence.".into()).into()
                } else {
                    Msg::PickEntity(items).into()
                }
            }
            Action::OpenUrl => self.open_url(),
            _ => Outcome::Ignored,
        }
    }

    fn layout(&mut self, area: Rect, ctx: &Context) {
        let placement = self.placement.take().unwrap_or(Placement::Keep);
        self.view = ArticleLayout::compute(self.open.as_ref(), area, ctx, placement, self.top);
        if self.open.is_some() {
            self.top = self.view.top_key();
        }
    }

    fn draw(&self, frame: &mut Frame, ctx: &Context) {
        draw::draw(self, frame, ctx);
    }
}

/// Case-insensitive occurrences of the search terms in the body, as byte ranges.
pub fn find_terms(body: &str, terms: &[String]) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    if terms.is_empty() {
        return found;
    }
    let lower = body.to_lowercase();
    if lower.len() != body.len() {
        // Lowercasing changed byte lengths (rare scripts): match on exact case only.
        for term in terms.iter().filter(|t| !t.is_empty()) {
            found.extend(
                body.match_indices(term.as_str())
                    .map(|(i, t)| i..i + t.len()),
            );
        }
    } else {
        for term in terms.iter().filter(|t| !t.is_empty()) {
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

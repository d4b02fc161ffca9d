//! The reader's state: what is loaded, what is open, where the cursor is, which overlay shows.
//!
//! State changes only through `app::App::handle_*`; drawing (`view`) reads it and records the
//! layout it drew (scroll positions, visible rows) for the next key press and mouse click.

use std::collections::HashSet;
use std::ops::Range;

use crate::entities::{Entity, EntityKind};
use crate::library::catalog::ArticleSummary;
use crate::library::index::StoredArticle;
use crate::library::search::SearchResults;

use crate::library::links::ClaimIndex;

/// The panes that take focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Article,
    Side,
}

/// Sort orders of the article list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Date,
    Source,
    SharedClaims,
}

impl SortKey {
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Date => "date",
            SortKey::Source => "source",
            SortKey::SharedClaims => "shared claims",
        }
    }

    pub fn from_config(name: &str) -> SortKey {
        match name {
            "source" => SortKey::Source,
            "claims" => SortKey::SharedClaims,
            _ => SortKey::Date,
        }
    }
}

/// A place in the library: an article and a sentence in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub article: String,
    pub sentence: usize,
}

/// The article shown in the article pane.
#[derive(Debug)]
pub struct OpenArticle {
    pub stored: StoredArticle,
    pub body: String,
    /// Byte ranges of paragraphs in `body`.
    pub paragraphs: Vec<Range<usize>>,
    /// Sentence under the cursor.
    pub cursor: usize,
    /// First visual line shown (set by drawing).
    pub scroll: usize,
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
            scroll: 0,
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

    /// Entities inside the cursor's sentence.
    pub fn entities_in_cursor(&self) -> Vec<&Entity> {
        let Some(range) = self.sentence_range(self.cursor) else {
            return Vec::new();
        };
        self.stored
            .entities
            .iter()
            .filter(|e| e.start >= range.start && e.end <= range.end)
            .collect()
    }
}

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
    pub mode: SearchMode,
    pub input: String,
    pub seq: u64,
    pub results: Option<SearchResults>,
    pub selected: usize,
}

/// Overlays drawn above the panes; the top one takes the keys.
#[derive(Debug)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Search(SearchOverlay),
    Claims {
        selected: usize,
        conflicts_first: bool,
    },
    Entities {
        items: Vec<Entity>,
        selected: usize,
    },
    /// Typing the note of a new highlight of `start..end` in the open article.
    Note {
        start: usize,
        end: usize,
        input: String,
    },
    Highlights {
        selected: usize,
    },
}

/// The whole reader state.
pub struct State {
    pub articles: Vec<ArticleSummary>,
    /// Position in `articles` by id (set with them by [`State::set_articles`]); a library can hold
    /// 100,000 articles, too many to search on every drawn line.
    article_by_id: std::collections::HashMap<String, usize>,
    /// Indices into `articles`, in display order.
    pub order: Vec<usize>,
    pub sort: SortKey,
    pub list_cursor: usize,
    pub list_scroll: usize,
    pub claims: ClaimIndex,
    pub open: Option<OpenArticle>,
    /// Where to put the cursor when the article being loaded arrives.
    pub pending: Option<PendingOpen>,
    pub focus: Pane,
    pub side_cursor: usize,
    pub side_panel: bool,
    pub back: Vec<Location>,
    pub forward: Vec<Location>,
    pub overlay: Option<Overlay>,
    pub hidden_kinds: HashSet<EntityKind>,
    /// Terms of the last search, to find matches in opened articles.
    pub last_search_terms: Vec<String>,
    pub status: String,
    pub loading: Option<String>,
    pub quit: bool,
    /// Article ids that were opened this session (unread marks).
    pub read: HashSet<String>,
    pub search_seq: u64,
    pub highlights: Vec<crate::library::LocatedHighlight>,
    /// First sentence of a selection in progress (the cursor is the other end).
    pub selection_anchor: Option<usize>,
}

/// An article requested from the worker, and where to land in it.
#[derive(Debug, Clone)]
pub struct PendingOpen {
    pub article: String,
    pub sentence: Option<usize>,
    pub terms: Vec<String>,
    /// Land on the sentence containing this byte offset (a highlight's start).
    pub offset: Option<usize>,
}

impl State {
    pub fn new(side_panel: bool, sort: SortKey) -> State {
        State {
            articles: Vec::new(),
            article_by_id: Default::default(),
            order: Vec::new(),
            sort,
            list_cursor: 0,
            list_scroll: 0,
            claims: ClaimIndex::default(),
            open: None,
            pending: None,
            focus: Pane::List,
            side_cursor: 0,
            side_panel,
            back: Vec::new(),
            forward: Vec::new(),
            overlay: None,
            hidden_kinds: HashSet::new(),
            last_search_terms: Vec::new(),
            status: String::new(),
            loading: Some("Opening the library\u{2026}".to_string()),
            quit: false,
            read: HashSet::new(),
            search_seq: 0,
            highlights: Vec::new(),
            selection_anchor: None,
        }
    }

    /// Re-sorts the list, keeping the selected article selected.
    /// Replaces the article list (the caller resorts).
    pub fn set_articles(&mut self, articles: Vec<ArticleSummary>) {
        self.article_by_id = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        self.articles = articles;
    }

    /// Position of an article in `articles`.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.article_by_id.get(id).copied()
    }

    pub fn resort(&mut self) {
        let selected = self.order.get(self.list_cursor).copied();
        let mut order: Vec<usize> = (0..self.articles.len()).collect();
        let articles = &self.articles;
        let shared = |i: usize| {
            self.claims
                .per_article
                .get(&articles[i].id)
                .copied()
                .unwrap_or(0)
        };
        match self.sort {
            SortKey::Date => order.sort_by(|&a, &b| {
                articles[b]
                    .published
                    .cmp(&articles[a].published)
                    .then(articles[a].title.cmp(&articles[b].title))
            }),
            SortKey::Source => order.sort_by(|&a, &b| {
                articles[a]
                    .source
                    .cmp(&articles[b].source)
                    .then(articles[a].title.cmp(&articles[b].title))
            }),
            SortKey::SharedClaims => order.sort_by(|&a, &b| {
                shared(b)
                    .cmp(&shared(a))
                    .then(articles[a].title.cmp(&articles[b].title))
            }),
        }
        self.order = order;
        self.list_cursor = selected
            .and_then(|s| self.order.iter().position(|&i| i == s))
            .unwrap_or(0);
    }

    pub fn selected_article(&self) -> Option<&ArticleSummary> {
        self.order.get(self.list_cursor).map(|&i| &self.articles[i])
    }

    pub fn summary_of(&self, id: &str) -> Option<&ArticleSummary> {
        self.article_by_id.get(id).map(|&i| &self.articles[i])
    }

    /// The claim the cursor's sentence makes, if other sources make it too.
    pub fn cursor_claim(&self) -> Option<usize> {
        let open = self.open.as_ref()?;
        let key = crate::library::links::MentionKey {
            article: open.id().to_string(),
            sentence: open.cursor,
        };
        self.claims.claim_of(&key)
    }

    /// Whether a sentence of the open article is shared with other sources.
    pub fn is_linked(&self, sentence: usize) -> bool {
        let Some(open) = self.open.as_ref() else {
            return false;
        };
        self.claims
            .claim_of(&crate::library::links::MentionKey {
                article: open.id().to_string(),
                sentence,
            })
            .is_some()
    }

    /// Sentences selected (from the anchor to the cursor), or just the cursor's sentence.
    pub fn selected_sentences(&self) -> Option<std::ops::RangeInclusive<usize>> {
        let open = self.open.as_ref()?;
        let anchor = self.selection_anchor.unwrap_or(open.cursor);
        Some(anchor.min(open.cursor)..=anchor.max(open.cursor))
    }

    /// The body range a new highlight would cover: the selection, or the cursor's sentence.
    pub fn marked_range(&self) -> Option<Range<usize>> {
        let open = self.open.as_ref()?;
        let sentences = self.selected_sentences()?;
        let first = open.sentence_range(*sentences.start())?;
        let last = open.sentence_range(*sentences.end())?;
        Some(first.start..last.end)
    }

    /// Byte ranges of the open article that are highlighted.
    pub fn highlighted_ranges(&self) -> Vec<Range<usize>> {
        let Some(open) = &self.open else {
            return Vec::new();
        };
        self.highlights
            .iter()
            .filter(|h| h.highlight.article == open.id())
            .filter_map(|h| match h.anchor {
                crate::library::highlights::Anchor::Found { start, end } => Some(start..end),
                crate::library::highlights::Anchor::Orphaned => None,
            })
            .collect()
    }

    pub fn location(&self) -> Option<Location> {
        self.open.as_ref().map(|o| Location {
            article: o.id().to_string(),
            sentence: o.cursor,
        })
    }
}

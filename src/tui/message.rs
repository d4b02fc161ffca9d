//! Messages components hand to the app: whatever a key press means beyond the component that
//! received it (open an article, jump, ask the worker, show a status message).

use crate::entities::Entity;

/// Where in an article to land.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Landing {
    /// The first sentence, or the first search match when there are search terms.
    Start,
    Sentence(usize),
    /// The sentence containing this byte of the body (a highlight's start).
    Offset(usize),
}

/// An article and where to land in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub article: String,
    pub landing: Landing,
    /// Search terms to mark in the article (and land on, with [`Landing::Start`]).
    pub terms: Vec<String>,
}

impl Target {
    pub fn sentence(article: impl Into<String>, sentence: usize) -> Target {
        Target {
            article: article.into(),
            landing: Landing::Sentence(sentence),
            terms: Vec::new(),
        }
    }
}

#[derive(Debug)]
pub enum Msg {
    /// Show an article in the article pane while browsing the list (no history entry).
    Preview(String),
    /// Open an article from the list and move into it.
    OpenFromList(String),
    /// Go somewhere, remembering where we were; the target sentence is placed with context
    /// and marked for a moment.
    Jump(Target),
    /// The article's cursor moved to another sentence.
    CursorMoved,
    /// From the article: go to the first other source of the cursor's claim.
    FollowClaim,
    /// Type a note for a new highlight of `start..end` of the open article.
    NewHighlight {
        start: usize,
        end: usize,
    },
    /// Save a highlight (from the note line).
    SaveHighlight {
        article: String,
        start: usize,
        end: usize,
        note: Option<String>,
    },
    /// Pick one of these entities to list the articles that mention it.
    PickEntity(Vec<Entity>),
    /// Search for articles mentioning this entity.
    SearchEntity(String),
    /// Run the live search's query.
    Search(String),
    OpenUrl(String),
    Status(String),
    CloseOverlay,
}

//! Highlights: sentences or spans a reader marked, with an optional note and tags.
//!
//! A highlight is anchored twice: by byte offsets into the article body, and by quote — the
//! exact text with some text before and after it, the W3C TextQuoteSelector idea — so it
//! survives re-indexing and an updated version of the article. When the article changes, the
//! quote is searched again and the occurrence whose surroundings match best wins; a highlight
//! whose text vanished is kept and reported as orphaned, never dropped. The store is one JSON
//! file replaced atomically (temporary file, fsync, rename), so a crash or a kill at any
//! moment leaves the old set or the new one, never a truncated file. A temporary library keeps
//! its highlights in memory.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Layout, Library};
use crate::error::{LibraryError, Result};
use crate::text::{stable_hash, truncate_on_char_boundary};

/// Bytes of context stored on each side of the quote.
const CONTEXT_BYTES: usize = 48;

/// One highlight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Highlight {
    pub id: String,
    pub article: String,
    /// The highlighted text, exactly as it was in the body.
    pub text: String,
    /// Text just before and after it, to find the right occurrence again.
    pub prefix: String,
    pub suffix: String,
    /// Byte offsets into the body when the highlight was made or last found.
    pub start: usize,
    pub end: usize,
    pub note: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// When it was made (RFC 3339, UTC).
    pub created: String,
}

/// Where a highlight is in the current version of its article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "state")]
pub enum Anchor {
    /// Found at these byte offsets.
    Found { start: usize, end: usize },
    /// The text is no longer in the article (or the article is gone).
    Orphaned,
}

impl Highlight {
    /// A highlight of `body[start..end]`; None when the range is empty or not on char
    /// boundaries.
    pub fn new(
        article: &str,
        body: &str,
        start: usize,
        end: usize,
        note: Option<String>,
        tags: Vec<String>,
    ) -> Option<Highlight> {
        if start >= end
            || end > body.len()
            || !body.is_char_boundary(start)
            || !body.is_char_boundary(end)
        {
            return None;
        }
        let text = body[start..end].to_string();
        let before = &body[..start];
        let mut prefix_start = start.saturating_sub(CONTEXT_BYTES);
        while !before.is_char_boundary(prefix_start) {
            prefix_start += 1;
        }
        let prefix = before[prefix_start..].to_string();
        let suffix = truncate_on_char_boundary(&body[end..], CONTEXT_BYTES).to_string();
        let created = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let id = format!(
            "{:012x}",
            stable_hash(&[
                article.as_bytes(),
                text.as_bytes(),
                created.as_bytes(),
                &start.to_le_bytes()
            ]) & 0xffff_ffff_ffff
        );
        Some(Highlight {
            id,
            article: article.to_string(),
            text,
            prefix,
            suffix,
            start,
            end,
            note: note.filter(|n| !n.trim().is_empty()),
            tags,
            created,
        })
    }

    /// Finds the highlight in `body`: at its offsets if the text is still there, else at the
    /// occurrence of its text whose surroundings best match the stored prefix and suffix.
    pub fn locate(&self, body: &str) -> Anchor {
        if body.get(self.start..self.end) == Some(self.text.as_str()) {
            return Anchor::Found {
                start: self.start,
                end: self.end,
            };
        }
        let best = body
            .match_indices(self.text.as_str())
            .map(|(at, _)| {
                let end = at + self.text.len();
                let score = common_suffix(&body[..at], &self.prefix)
                    + common_prefix(&body[end..], &self.suffix);
                (score, std::cmp::Reverse(at.abs_diff(self.start)), at)
            })
            .max();
        match best {
            Some((_, _, at)) => Anchor::Found {
                start: at,
                end: at + self.text.len(),
            },
            None => Anchor::Orphaned,
        }
    }
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.bytes()
        .rev()
        .zip(b.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// All highlights of a library.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HighlightStore {
    pub highlights: Vec<Highlight>,
}

impl HighlightStore {
    pub fn load(path: &Path) -> Result<HighlightStore> {
        Ok(crate::fsutil::load_json(path, "highlights")?.unwrap_or_default())
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        crate::fsutil::save_json(path, self)
    }
}

/// Finds `needle` in `body`: exactly first, then ignoring case, runs of whitespace and
/// typographic quotes and dashes (what a user typing a quote gets wrong). Returns byte offsets
/// into `body`.
pub fn find_text(body: &str, needle: &str) -> Option<(usize, usize)> {
    let needle = needle.trim();
    if needle.is_empty() {
        return None;
    }
    if let Some(at) = body.find(needle) {
        return Some((at, at + needle.len()));
    }
    // Fold both sides char by char, remembering where each folded char came from.
    let fold = |c: char| -> Option<char> {
        let folded = crate::text::normalize_for_matching(&c.to_string());
        let mut chars = folded.chars();
        let first = chars.next()?;
        if first.is_whitespace() {
            Some(' ')
        } else {
            Some(first)
        }
    };
    let mut folded_body: Vec<(char, usize, usize)> = Vec::with_capacity(body.len());
    for (at, c) in body.char_indices() {
        if let Some(f) = fold(c) {
            if f == ' ' && folded_body.last().is_some_and(|(p, _, _)| *p == ' ') {
                folded_body.last_mut().expect("checked").2 = at + c.len_utf8();
                continue;
            }
            folded_body.push((f, at, at + c.len_utf8()));
        }
    }
    let mut folded_needle: Vec<char> = Vec::new();
    for c in needle.chars() {
        if let Some(f) = fold(c) {
            if f == ' ' && folded_needle.last() == Some(&' ') {
                continue;
            }
            folded_needle.push(f);
        }
    }
    if folded_needle.is_empty() || folded_needle.len() > folded_body.len() {
        return None;
    }
    (0..=folded_body.len() - folded_needle.len()).find_map(|i| {
        let window = &folded_body[i..i + folded_needle.len()];
        window
            .iter()
            .zip(&folded_needle)
            .all(|((b, _, _), n)| b == n)
            .then(|| (window[0].1, window[window.len() - 1].2))
    })
}

/// Why a highlight could not be made.
#[derive(Debug, thiserror::Error)]
pub enum MarkError {
    #[error("no article with id {0} in the library; `crossread list` shows the ids")]
    UnknownArticle(String),
    #[error("the text {text:?} is not in article {article}; quote it as the article shows it")]
    TextNotFound { article: String, text: String },
    #[error(transparent)]
    Library(#[from] LibraryError),
}

/// A highlight and where it is now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocatedHighlight {
    #[serde(flatten)]
    pub highlight: Highlight,
    #[serde(flatten)]
    pub anchor: Anchor,
    pub orphaned: bool,
}

impl Library {
    fn highlights_path(&self) -> Option<PathBuf> {
        self.layout.as_ref().map(Layout::highlights)
    }

    fn load_highlights(&self) -> Result<HighlightStore> {
        match self.highlights_path() {
            Some(path) => HighlightStore::load(&path),
            None => Ok(self.memory_highlights.clone()),
        }
    }

    fn save_highlights(&mut self, store: HighlightStore) -> Result<()> {
        match self.highlights_path() {
            Some(path) => store.save(&path),
            None => {
                self.memory_highlights = store;
                Ok(())
            }
        }
    }

    /// Highlights `text` (found exactly, or ignoring case, spacing and typographic quotes) in
    /// an article, with an optional note and tags; stored atomically.
    pub fn mark_text(
        &mut self,
        article: &str,
        text: &str,
        note: Option<String>,
        tags: Vec<String>,
    ) -> std::result::Result<Highlight, MarkError> {
        let stored = self
            .article(article)?
            .ok_or_else(|| MarkError::UnknownArticle(article.to_string()))?;
        let body = stored.article.body();
        let (start, end) = find_text(&body, text).ok_or_else(|| MarkError::TextNotFound {
            article: article.to_string(),
            text: text.to_string(),
        })?;
        self.mark_range(article, &body, start, end, note, tags)
    }

    /// Highlights `body[start..end]` of an article whose body the caller already has.
    pub fn mark_range(
        &mut self,
        article: &str,
        body: &str,
        start: usize,
        end: usize,
        note: Option<String>,
        tags: Vec<String>,
    ) -> std::result::Result<Highlight, MarkError> {
        let highlight = Highlight::new(article, body, start, end, note, tags).ok_or_else(|| {
            MarkError::TextNotFound {
                article: article.to_string(),
                text: body.get(start..end).unwrap_or("").to_string(),
            }
        })?;
        let _lock = self.lock()?;
        let mut store = self.load_highlights()?;
        store.highlights.push(highlight.clone());
        self.save_highlights(store)?;
        Ok(highlight)
    }

    /// Removes a highlight by id; false when there was none.
    pub fn remove_highlight(&mut self, id: &str) -> Result<bool> {
        let _lock = self.lock()?;
        let mut store = self.load_highlights()?;
        let before = store.highlights.len();
        store.highlights.retain(|h| h.id != id);
        let removed = store.highlights.len() != before;
        if removed {
            self.save_highlights(store)?;
        }
        Ok(removed)
    }

    /// Every highlight, located in the current version of its article (orphaned when its
    /// text or its article is gone), in the order they were made.
    pub fn highlights(&self) -> Result<Vec<LocatedHighlight>> {
        let store = self.load_highlights()?;
        let mut bodies: std::collections::HashMap<String, Option<String>> = Default::default();
        let mut located = Vec::with_capacity(store.highlights.len());
        for highlight in store.highlights {
            if !bodies.contains_key(&highlight.article) {
                let body = self.article(&highlight.article)?.map(|s| s.article.body());
                bodies.insert(highlight.article.clone(), body);
            }
            let anchor = match &bodies[&highlight.article] {
                Some(body) => highlight.locate(body),
                None => Anchor::Orphaned,
            };
            located.push(LocatedHighlight {
                orphaned: anchor == Anchor::Orphaned,
                highlight,
                anchor,
            });
        }
        Ok(located)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str =
        "Amazon is in talks. Amazon is in talks to invest $50 billion in OpenAI. The end.";

    #[test]
    fn survives_text_inserted_before_it() {
        let start = BODY.find("Amazon is in talks to").unwrap();
        let end = BODY.find(" The end").unwrap();
        let h = Highlight::new("a", BODY, start, end, None, vec![]).unwrap();
        let updated = format!("Update: a correction was added. {BODY}");
        match h.locate(&updated) {
            Anchor::Found { start, end } => assert_eq!(&updated[start..end], h.text),
            Anchor::Orphaned => panic!("lost"),
        }
    }

    #[test]
    fn picks_the_occurrence_with_matching_context() {
        // "Amazon is in talks" occurs twice; the highlight is the second.
        let start = BODY.rfind("Amazon is in talks").unwrap();
        let h = Highlight::new("a", BODY, start, start + 18, None, vec![]).unwrap();
        let updated = BODY.replace("The end.", "More text. The end.");
        let shifted = format!("X {updated}");
        assert_eq!(
            h.locate(&shifted),
            Anchor::Found {
                start: start + 2,
                end: start + 20
            }
        );
    }

    #[test]
    fn vanished_text_is_orphaned() {
        let h = Highlight::new("a", BODY, 0, 6, Some("note".into()), vec![]).unwrap();
        assert_eq!(h.locate("Completely rewritten."), Anchor::Orphaned);
    }

    #[test]
    fn finds_text_typed_with_plain_quotes_and_other_case() {
        let body = "He said “we’re done” —  today.";
        let (s, e) = find_text(body, "\"WE'RE DONE\" - today").unwrap();
        assert_eq!(&body[s..e], "“we’re done” —  today");
        assert!(find_text(body, "absent").is_none());
    }
}

//! The article: the unit everything in crossread is about.
//!
//! Every input kind (plain text, Markdown, saved page, feed entry) becomes an [`Article`] with a
//! stable id derived from where it came from, metadata when known, and clean body text split
//! into paragraphs. The body the reader shows is `paragraphs.join("\n\n")`; every byte offset
//! stored elsewhere (entities, sentences, claims, highlights) points into that string.

use serde::{Deserialize, Serialize};

use crate::text::stable_hash;

/// Separator between paragraphs in [`Article::body`].
pub const PARAGRAPH_SEPARATOR: &str = "\n\n";

/// One article, ready to index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id: a hash of the origin (file path, plus the entry id for feeds).
    pub id: String,
    pub title: String,
    /// Site or outlet name ("Reuters", a feed's title, a front matter `source`).
    pub source: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    /// Publication date as ISO 8601 (`2026-01-30` or `2026-01-30T12:00:00Z`) when known.
    pub published: Option<String>,
    /// The file the article came from, when it came from a file.
    pub path: Option<String>,
    /// Clean paragraphs of body text.
    pub paragraphs: Vec<String>,
}

impl Article {
    /// The body text as the reader shows it, and as every stored offset refers to it.
    pub fn body(&self) -> String {
        self.paragraphs.join(PARAGRAPH_SEPARATOR)
    }

    /// Fingerprint of everything that is stored, so a re-add can tell unchanged from updated.
    pub fn content_hash(&self) -> u64 {
        let body = self.body();
        let fields = [
            self.title.as_bytes(),
            self.source.as_deref().unwrap_or("").as_bytes(),
            self.url.as_deref().unwrap_or("").as_bytes(),
            self.author.as_deref().unwrap_or("").as_bytes(),
            self.published.as_deref().unwrap_or("").as_bytes(),
            body.as_bytes(),
        ];
        stable_hash(&fields)
    }
}

/// Id for an article that came from `origin` (a canonical path or URL) and, for feeds and
/// other multi-article inputs, the entry's own id inside it.
pub fn article_id(origin: &str, entry: Option<&str>) -> String {
    let hash = stable_hash(&[origin.as_bytes(), entry.unwrap_or("").as_bytes()]);
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_depend_on_origin_and_entry() {
        let a = article_id("/news/a.txt", None);
        assert_eq!(a.len(), 16);
        assert_eq!(a, article_id("/news/a.txt", None));
        assert_ne!(a, article_id("/news/b.txt", None));
        assert_ne!(
            article_id("/f.xml", Some("1")),
            article_id("/f.xml", Some("2"))
        );
    }
}

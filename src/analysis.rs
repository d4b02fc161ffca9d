//! Analysis computed once, when an article is indexed: sentence boundaries and entities.
//!
//! The reader, the claim linker and the exporters read these stored results instead of
//! re-analysing text, so opening an article stays instant however slow analysis gets.

use crate::article::Article;
use crate::library::index::StoredArticle;

/// Splits the body into sentences and recognises its entities.
pub fn analyze(article: Article) -> StoredArticle {
    let body = article.body();
    let sentences = crate::sentences::split_sentences(&body)
        .into_iter()
        .map(|r| (r.start, r.end))
        .collect();
    let entities = crate::entities::recognize(&body, article.published.as_deref());
    StoredArticle {
        article,
        sentences,
        entities,
    }
}

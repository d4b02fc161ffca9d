//! Analysis computed once, when an article is indexed: sentence boundaries and entities.
//!
//! The reader, the claim linker and the exporters read these stored results instead of
//! re-analysing text, so opening an article stays instant however slow analysis gets.

use crate::article::Article;
use crate::library::index::StoredArticle;

/// Splits the body into sentences and recognises its entities.
pub fn analyze(article: Article) -> StoredArticle {
    let body = article.body();
    let ranges = crate::sentences::split_sentences(&body);
    let entities =
        crate::entities::recognize_in_sentences(&body, &ranges, article.published.as_deref());
    let sentences = ranges.into_iter().map(|r| (r.start, r.end)).collect();
    StoredArticle {
        article,
        sentences,
        entities,
    }
}

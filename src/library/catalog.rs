//! The catalog: what the library holds, without opening the index.
//!
//! A small JSON file beside the index lists every article's metadata (for `list` and the
//! reader's article list) and every input file's fingerprint with the articles it produced
//! (for incremental adds: an unchanged file is skipped without being parsed). It is written
//! atomically after each index commit; if a crash leaves it behind the index, the next add
//! re-reads the files whose fingerprints it lacks and converges.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::error::Result;

/// Metadata of one article, as the list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub path: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    /// Fingerprint of the stored content.
    #[serde(default)]
    pub content_hash: u64,
}

impl ArticleSummary {
    pub fn of(article: &Article) -> ArticleSummary {
        ArticleSummary {
            id: article.id.clone(),
            title: article.title.clone(),
            source: article.source.clone(),
            path: article.path.clone(),
            url: article.url.clone(),
            published: article.published.clone(),
            content_hash: article.content_hash(),
        }
    }
}

/// One input file the library has read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InputRecord {
    pub fingerprint: u64,
    pub article_ids: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub schema_version: u32,
    /// Articles by id.
    pub articles: BTreeMap<String, ArticleSummary>,
    /// Input files by canonical path.
    pub inputs: BTreeMap<String, InputRecord>,
}

impl Catalog {
    pub fn load(path: &Path) -> Result<Catalog> {
        Ok(
            crate::fsutil::load_json(path, "catalog entries")?.unwrap_or_else(|| Catalog {
                schema_version: super::Layout::SCHEMA_VERSION,
                ..Catalog::default()
            }),
        )
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        crate::fsutil::save_json(path, self)
    }
}

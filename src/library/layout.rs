//! The one place that names what lives in a library directory.
//!
//! A library directory holds the tantivy index, the catalog and the claim links (journals, or
//! the single JSON files of libraries written before them), the highlights,
//! the write lock, the feed subscriptions with the fetched feed bodies, and the sample corpus
//! the reader writes on first start; `doctor --rebuild` moves damaged parts into a dated
//! folder beside them. Every other module asks a [`Layout`] for these paths (and for the
//! format versions written into the files), so renaming or adding a file is a change here
//! only.

use std::path::{Path, PathBuf};

use crate::text::stable_hash;

/// The paths inside one library directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    root: PathBuf,
}

impl Layout {
    /// Format of the catalog and the index documents, stored in the catalog as
    /// `schema_version`. Bumped when the stored format changes; an older library is rebuilt
    /// from its sources.
    pub const SCHEMA_VERSION: u32 = 2;
    /// Format of the claim links journal.
    pub const LINKS_FORMAT: u32 = 3;
    /// Format of the claim links file written before the journal (`links.json`), which is
    /// still read and converted.
    pub const LEGACY_LINKS_FORMAT: u32 = 2;
    /// Format of the feed subscription list.
    pub const FEEDS_FORMAT: u32 = 1;

    pub fn new(root: impl Into<PathBuf>) -> Layout {
        Layout { root: root.into() }
    }

    /// The library directory itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The tantivy index (a folder).
    pub fn index(&self) -> PathBuf {
        self.root.join("index")
    }

    /// Article metadata and input fingerprints (a journal of JSON lines).
    pub fn catalog(&self) -> PathBuf {
        self.root.join("catalog.jsonl")
    }

    /// Judged claim links between articles (a journal of JSON lines).
    pub fn links(&self) -> PathBuf {
        self.root.join("links.jsonl")
    }

    /// The catalog as libraries wrote it before the journal: read, and replaced by
    /// [`Self::catalog`] on the first write.
    pub fn legacy_catalog(&self) -> PathBuf {
        self.root.join("catalog.json")
    }

    /// The claim links as libraries wrote them before the journal: read, and replaced by
    /// [`Self::links`] on the first write.
    pub fn legacy_links(&self) -> PathBuf {
        self.root.join("links.json")
    }

    /// Each article's vector of telling words and names, which finds its nearest articles
    /// when new ones arrive (only writers read it).
    pub fn stories(&self) -> PathBuf {
        self.root.join("stories.bin")
    }

    pub fn highlights(&self) -> PathBuf {
        self.root.join("highlights.json")
    }

    /// Held by the process that writes; it holds that process's id.
    pub fn write_lock(&self) -> PathBuf {
        self.root.join("write.lock")
    }

    /// The feed subscription list.
    pub fn subscriptions(&self) -> PathBuf {
        self.root.join("feeds.json")
    }

    /// The folder of fetched feed bodies.
    pub fn feed_bodies(&self) -> PathBuf {
        self.root.join("feeds")
    }

    /// Where the body of the feed at `url` is saved: stable across runs, so the library sees
    /// the same input each time and adds incrementally.
    pub fn feed_body(&self, url: &str) -> PathBuf {
        self.feed_bodies()
            .join(format!("{:016x}.xml", stable_hash(&[url.as_bytes()])))
    }

    /// The cache of linked pages fetched for the full text of the feed at `url`.
    pub fn feed_pages(&self, url: &str) -> PathBuf {
        self.feed_body(url).with_extension("pages.json")
    }

    /// Where the reader writes the sample corpus it opens on an empty library.
    pub fn sample_corpus(&self) -> PathBuf {
        self.root.join("sample-corpus")
    }

    /// The parts `doctor --rebuild` derives again from the input files (index, catalog, claim
    /// links in either format, and article vectors), in the order they are moved aside.
    pub fn derived_parts(&self) -> [PathBuf; 6] {
        [
            self.index(),
            self.catalog(),
            self.links(),
            self.legacy_catalog(),
            self.legacy_links(),
            self.stories(),
        ]
    }

    /// The folder `doctor --rebuild` moves damaged parts into, laid out like a library.
    pub fn moved_aside(&self, stamp: &str) -> Layout {
        Layout::new(self.root.join(format!("damaged-{stamp}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_moved_aside_keep_their_names() {
        let layout = Layout::new("/lib");
        let aside = layout.moved_aside("20250101T000000");
        assert_eq!(aside.root(), Path::new("/lib/damaged-20250101T000000"));
        for (from, to) in layout.derived_parts().iter().zip(aside.derived_parts()) {
            assert_eq!(from.file_name(), to.file_name());
            assert_eq!(to.parent(), Some(aside.root()));
        }
    }

    #[test]
    fn a_feed_keeps_its_body_and_pages_side_by_side() {
        let layout = Layout::new("/lib");
        let body = layout.feed_body("https://example.com/rss");
        assert_eq!(body.parent(), Some(layout.feed_bodies().as_path()));
        assert_eq!(
            layout.feed_pages("https://example.com/rss"),
            body.with_extension("pages.json")
        );
        assert_ne!(body, layout.feed_body("https://example.com/atom"));
    }
}

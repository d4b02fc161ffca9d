//! The catalog: what the library holds, without opening the index.
//!
//! It lists every article's metadata (for `list` and the reader's article list) and every
//! input file's fingerprint with the articles it produced (for incremental adds: an unchanged
//! file is skipped without being parsed). On disk it is a [journal](super::journal)
//! (`catalog.jsonl`): each commit of an add appends the articles and inputs it changed, and
//! the journal is rewritten whole only when it has grown to twice its size after the last
//! rewrite. It is saved after each index commit; if a crash leaves it behind the index, the
//! next add re-reads the files whose fingerprints it lacks and converges. A library written
//! before the journal (`catalog.json`, one JSON document) is read as it is and converted by
//! its first write.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::journal::{Journal, Mark};
use super::layout::Layout;
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

/// Articles by id and input files by canonical path, with the keys changed since the last
/// save.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub schema_version: u32,
    articles: BTreeMap<String, ArticleSummary>,
    inputs: BTreeMap<String, InputRecord>,
    #[serde(skip)]
    changed_articles: BTreeSet<String>,
    #[serde(skip)]
    changed_inputs: BTreeSet<String>,
}

impl Catalog {
    /// An empty catalog of this version's format.
    pub fn empty() -> Catalog {
        Catalog {
            schema_version: Layout::SCHEMA_VERSION,
            ..Catalog::default()
        }
    }

    /// Articles by id.
    pub fn articles(&self) -> &BTreeMap<String, ArticleSummary> {
        &self.articles
    }

    /// Input files by canonical path.
    pub fn inputs(&self) -> &BTreeMap<String, InputRecord> {
        &self.inputs
    }

    pub fn put_article(&mut self, summary: ArticleSummary) {
        self.changed_articles.insert(summary.id.clone());
        self.articles.insert(summary.id.clone(), summary);
    }

    pub fn remove_article(&mut self, id: &str) {
        if self.articles.remove(id).is_some() {
            self.changed_articles.insert(id.to_string());
        }
    }

    pub fn put_input(&mut self, origin: String, record: InputRecord) {
        self.changed_inputs.insert(origin.clone());
        self.inputs.insert(origin, record);
    }

    /// Takes `id` out of every input's article list, and drops inputs left with none.
    pub fn forget_in_inputs(&mut self, id: &str) {
        for (origin, input) in &mut self.inputs {
            let before = input.article_ids.len();
            input.article_ids.retain(|a| a != id);
            if input.article_ids.len() != before {
                self.changed_inputs.insert(origin.clone());
            }
        }
        self.inputs.retain(|_, r| !r.article_ids.is_empty());
    }

    /// Whether something changed since the catalog was read or saved.
    fn is_changed(&self) -> bool {
        !self.changed_articles.is_empty() || !self.changed_inputs.is_empty()
    }

    fn apply(&mut self, record: Record) {
        match record {
            Record::Article(summary) => {
                self.articles.insert(summary.id.clone(), summary);
            }
            Record::Removed(id) => {
                self.articles.remove(&id);
            }
            Record::Input(origin, input) => {
                self.inputs.insert(origin, input);
            }
            Record::InputRemoved(origin) => {
                self.inputs.remove(&origin);
            }
        }
    }
}

/// One line of the catalog journal.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Record {
    Article(ArticleSummary),
    Removed(String),
    Input(String, InputRecord),
    InputRemoved(String),
}

/// [`Record`] as written, borrowing from the catalog.
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum RecordRef<'a> {
    Article(&'a ArticleSummary),
    Removed(&'a str),
    Input(&'a str, &'a InputRecord),
    InputRemoved(&'a str),
}

/// The commit line of the catalog journal.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
struct Commit {
    schema_version: u32,
    /// Length of the journal when it was last written whole.
    base: u64,
}

/// A journal is rewritten whole once it is this much longer than twice its last rewrite.
const COMPACTION_SLACK_BYTES: u64 = 1 << 20;

/// The catalog's files in a library directory, and how far the journal was read.
pub struct CatalogFile {
    journal: Journal,
    legacy: PathBuf,
    /// How far the journal was read; None while the catalog came from the legacy file (or
    /// from nothing).
    mark: Option<Mark>,
    base: u64,
}

impl CatalogFile {
    /// Format of the catalog journal.
    pub const FORMAT: u32 = 1;

    pub fn new(layout: &Layout) -> CatalogFile {
        CatalogFile {
            journal: Journal::new(layout.catalog(), "catalog", Self::FORMAT),
            legacy: layout.legacy_catalog(),
            mark: None,
            base: 0,
        }
    }

    /// The file the catalog is read from: the journal, or the legacy file it replaces.
    pub fn path(&self) -> PathBuf {
        if !self.journal.exists() && self.legacy.is_file() {
            self.legacy.clone()
        } else {
            self.journal.path().to_path_buf()
        }
    }

    /// Reads the catalog: the journal, else the legacy file, else an empty catalog.
    pub fn load(&mut self) -> Result<Catalog> {
        let mut catalog = Catalog::empty();
        self.mark = None;
        self.base = 0;
        if !self.read_into(&mut catalog)? {
            catalog = crate::fsutil::load_json(&self.legacy, "catalog entries")?
                .unwrap_or_else(Catalog::empty);
        }
        Ok(catalog)
    }

    /// Brings `catalog` up to date with what other processes committed since it was read,
    /// reading only what they appended. Changes not saved are dropped. The caller holds the
    /// write lock.
    pub fn refresh(&mut self, catalog: &mut Catalog) -> Result<()> {
        if catalog.is_changed() || self.mark.is_none() || !self.journal.exists() {
            *catalog = self.load()?;
        } else {
            self.read_into(catalog)?;
        }
        if self.mark.is_some() {
            // What a conversion killed before its last step left.
            self.remove_legacy()?;
        }
        Ok(())
    }

    /// Replays the journal into `catalog` (from the mark when it still applies); false when
    /// there is no journal.
    fn read_into(&mut self, catalog: &mut Catalog) -> Result<bool> {
        let Some(mut records) = self.journal.read::<Commit>(self.mark)? else {
            return Ok(false);
        };
        if records.from_start {
            *catalog = Catalog::empty();
        }
        while let Some(record) = records.next_record()? {
            catalog.apply(record);
        }
        catalog.schema_version = records.commit.schema_version;
        self.mark = Some(records.mark);
        self.base = records.commit.base;
        Ok(true)
    }

    /// Saves what changed since the last save: appended to the journal, or the whole catalog
    /// when there is no journal yet (a new library, or one written before the journal) or the
    /// journal has doubled since its last rewrite. The caller holds the write lock.
    pub fn save(&mut self, catalog: &mut Catalog) -> Result<()> {
        let mark = match self.mark {
            Some(mark) if self.journal.exists() => mark,
            _ => return self.rewrite(catalog, 1),
        };
        if !catalog.is_changed() {
            return Ok(());
        }
        let mut appender = self.journal.append(mark)?;
        for id in std::mem::take(&mut catalog.changed_articles) {
            match catalog.articles.get(&id) {
                Some(summary) => appender.record(&RecordRef::Article(summary))?,
                None => appender.record(&RecordRef::Removed(&id))?,
            }
        }
        for origin in std::mem::take(&mut catalog.changed_inputs) {
            match catalog.inputs.get(&origin) {
                Some(input) => appender.record(&RecordRef::Input(&origin, input))?,
                None => appender.record(&RecordRef::InputRemoved(&origin))?,
            }
        }
        let mark = appender.commit(&Commit {
            schema_version: catalog.schema_version,
            base: self.base,
        })?;
        self.mark = Some(mark);
        if mark.end > 2 * self.base + COMPACTION_SLACK_BYTES {
            self.rewrite(catalog, mark.generation + 1)?;
        }
        Ok(())
    }

    /// Writes the whole catalog as journal generation `generation`, then removes the legacy
    /// file it replaces.
    fn rewrite(&mut self, catalog: &mut Catalog, generation: u64) -> Result<()> {
        let schema_version = catalog.schema_version;
        let mark = self.journal.rewrite(generation, |snapshot| {
            for summary in catalog.articles.values() {
                snapshot.record(&RecordRef::Article(summary))?;
            }
            for (origin, input) in &catalog.inputs {
                snapshot.record(&RecordRef::Input(origin, input))?;
            }
            Ok(Commit {
                schema_version,
                base: snapshot.written(),
            })
        })?;
        catalog.changed_articles.clear();
        catalog.changed_inputs.clear();
        self.base = mark.end;
        self.mark = Some(mark);
        self.remove_legacy()
    }

    /// Removes the legacy file once the journal replaces it.
    fn remove_legacy(&self) -> Result<()> {
        crate::fsutil::remove_if_present(&self.legacy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(id: &str, title: &str) -> ArticleSummary {
        ArticleSummary {
            id: id.to_string(),
            title: title.to_string(),
            source: None,
            path: None,
            url: None,
            published: None,
            content_hash: 1,
        }
    }

    #[test]
    fn saves_append_and_a_second_process_reads_only_the_new_part() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::new(dir.path());
        let mut writer = CatalogFile::new(&layout);
        let mut catalog = writer.load().unwrap();
        catalog.put_article(summary("a", "First"));
        catalog.put_input(
            "/in/a.txt".into(),
            InputRecord {
                fingerprint: 7,
                article_ids: vec!["a".into()],
            },
        );
        writer.save(&mut catalog).unwrap();
        let mut reader = CatalogFile::new(&layout);
        let mut seen = reader.load().unwrap();
        assert_eq!(seen.articles(), catalog.articles());

        let length = std::fs::metadata(layout.catalog()).unwrap().len();
        catalog.put_article(summary("b", "Second"));
        catalog.remove_article("a");
        catalog.forget_in_inputs("a");
        writer.save(&mut catalog).unwrap();
        let appended = std::fs::metadata(layout.catalog()).unwrap().len() - length;
        assert!(appended < length, "a save appends its changes only");

        reader.refresh(&mut seen).unwrap();
        assert_eq!(seen.articles(), catalog.articles());
        assert!(seen.inputs().is_empty());
        assert_eq!(CatalogFile::new(&layout).load().unwrap(), seen);
    }

    #[test]
    fn a_legacy_catalog_is_read_and_replaced_by_the_first_save() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::new(dir.path());
        let mut old = Catalog::empty();
        old.put_article(summary("a", "Old"));
        crate::fsutil::save_json(&layout.legacy_catalog(), &old).unwrap();
        let mut file = CatalogFile::new(&layout);
        assert_eq!(file.path(), layout.legacy_catalog());
        let mut catalog = file.load().unwrap();
        assert_eq!(catalog.articles()["a"].title, "Old");
        catalog.put_article(summary("b", "New"));
        file.save(&mut catalog).unwrap();
        assert!(!layout.legacy_catalog().exists());
        let reread = CatalogFile::new(&layout).load().unwrap();
        assert_eq!(reread.articles().len(), 2);
    }

    #[test]
    fn a_journal_that_doubled_is_rewritten_whole() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::new(dir.path());
        let mut file = CatalogFile::new(&layout);
        let mut catalog = file.load().unwrap();
        let title = "t".repeat(2000);
        for round in 0..1000 {
            catalog.put_article(summary("same", &format!("{round} {title}")));
            file.save(&mut catalog).unwrap();
        }
        let length = std::fs::metadata(layout.catalog()).unwrap().len();
        assert!(length < 2 * (1 << 20) + 10_000, "{length}");
        let reread = CatalogFile::new(&layout).load().unwrap();
        assert!(reread.articles()["same"].title.starts_with("999 "));
    }
}

//! Committing a write: the index first, then the claim links of what changed, then the
//! catalog.
//!
//! An add or a removal collects what it changed (articles replaced or removed, new claim
//! mentions). A commit makes the index durable, forgets the links of the changed articles and
//! links the new mentions against the committed library (appending both to the links
//! journal), then appends the catalog's changes. A crash between steps leaves files the next
//! add repairs: the catalog lags, so the changed inputs are read and linked again. A long add
//! commits every [`BATCH_ARTICLES`](super::add::BATCH_ARTICLES) articles; the end of a write may rewrite the
//! link journal when enough of it is garbage.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Instant;

use tantivy::{IndexWriter, Term};

use super::Library;
use super::add::AddTimings;
use super::links::Mention;
use super::links::candidates::{ArticlePair, Linker};
use super::links::file::LinkWriter;
use super::links::stories::Stories;
use crate::claims::ArticleVector;
use crate::claims::neighbours::NEIGHBOURS;
use crate::error::{LibraryError, Result};
use std::collections::{BTreeMap, BTreeSet};

/// Memory budget for tantivy's indexing buffers.
const WRITER_MEMORY_BYTES: usize = 128 * 1024 * 1024;

/// Work of the running write: articles replaced or removed, and new claim mentions.
#[derive(Default)]
pub(super) struct PendingLinks {
    pub(super) changed: HashSet<String>,
    /// How many of `changed` were in the library before (updated or removed).
    pub(super) replaced: usize,
    pub(super) mentions: Vec<Mention>,
    /// Vectors of the written articles, by id.
    pub(super) vectors: Vec<(String, ArticleVector)>,
}

/// Where a write's links go: the journal of a library on disk, or the in-memory store of a
/// temporary library.
pub(super) enum LinkSink {
    Journal(Box<LinkWriter>),
    Memory,
}

impl Library {
    /// Deletes an article from the index and the catalog; the next commit forgets its links.
    pub(super) fn delete_article(&mut self, writer: &mut IndexWriter, id: &str) {
        writer.delete_term(Term::from_field_text(self.fields.article_id, id));
        self.catalog.remove_article(id);
        self.pending.changed.insert(id.to_string());
        self.pending.replaced += 1;
    }

    /// Removes articles by id. Returns the ids that were not in the library.
    pub fn remove(&mut self, ids: &[String]) -> Result<Vec<String>> {
        let _lock = self.lock_for_write()?;
        let mut writer = self.writer()?;
        let mut links = self.link_sink()?;
        let mut unknown = Vec::new();
        for id in ids {
            if self.catalog.articles().contains_key(id) {
                self.delete_article(&mut writer, id);
                self.catalog.forget_in_inputs(id);
            } else {
                unknown.push(id.clone());
            }
        }
        let mut timings = self.commit(writer, &mut links)?;
        self.finish_write(links, &mut timings)?;
        Ok(unknown)
    }

    pub(super) fn writer(&self) -> Result<IndexWriter> {
        // One indexing thread: documents keep the order they were added in (so a search
        // breaks ties the same way whatever the machine), and analysis takes the other cores.
        self.index
            .writer_with_num_threads(1, WRITER_MEMORY_BYTES)
            .map_err(|err| match err {
                tantivy::TantivyError::LockFailure(_, _) => LibraryError::Busy {
                    path: self.dir().map(Path::to_path_buf).unwrap_or_default(),
                    holder: None,
                },
                other => other.into(),
            })
    }

    pub(super) fn link_sink(&self) -> Result<LinkSink> {
        Ok(match &self.layout {
            Some(layout) => LinkSink::Journal(Box::new(LinkWriter::open(layout)?)),
            None => LinkSink::Memory,
        })
    }

    /// Ends a write: the link journal is rewritten if enough of it is garbage (this reads it
    /// whole, once the add's own memory is released), and the links are read again on next
    /// use.
    pub(super) fn finish_write(&mut self, links: LinkSink, timings: &mut AddTimings) -> Result<()> {
        drop(links);
        if let Some(layout) = &self.layout {
            let clock = Instant::now();
            super::links::file::compact_if_worth_it(layout)?;
            timings.save += clock.elapsed();
            self.links = std::sync::OnceLock::new();
        }
        Ok(())
    }

    /// Commits the index, links the new claim mentions against the committed library, then
    /// saves links and catalog (each appended to its journal). A crash between steps leaves
    /// files that the next add repairs: the catalog lags, so the changed inputs are read and
    /// linked again.
    pub(super) fn commit(
        &mut self,
        mut writer: IndexWriter,
        links: &mut LinkSink,
    ) -> Result<AddTimings> {
        let mut timings = self.commit_batch(&mut writer, links)?;
        let clock = Instant::now();
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        timings.commit += clock.elapsed();
        Ok(timings)
    }

    /// [`Self::commit`] without closing the writer: a long add commits every
    /// [`BATCH_ARTICLES`] articles, which bounds the memory its pending mentions take and
    /// keeps the work done so far if it is interrupted.
    pub(super) fn commit_batch(
        &mut self,
        writer: &mut IndexWriter,
        links: &mut LinkSink,
    ) -> Result<AddTimings> {
        let mut timings = AddTimings::default();
        let clock = Instant::now();
        writer.commit()?;
        self.reader.reload()?;
        timings.commit = clock.elapsed();
        let clock = Instant::now();
        let pending = std::mem::take(&mut self.pending);
        if !pending.changed.is_empty() {
            match links {
                LinkSink::Journal(journal) => {
                    journal.forget(&pending.changed, pending.replaced, self.len())?
                }
                LinkSink::Memory => self.links_mut()?.forget_articles(&pending.changed),
            }
            let pairs = self.update_stories(&pending)?;
            self.link_pairs(&pending.mentions, &pairs, links)?;
        }
        timings.link = clock.elapsed();
        let clock = Instant::now();
        if let LinkSink::Journal(journal) = links {
            journal.commit()?;
        }
        if let (Some(layout), Some(stories)) = (&self.layout, &self.stories)
            && !pending.changed.is_empty()
        {
            stories.save(layout)?;
        }
        if let Some(file) = &mut self.catalog_file {
            file.save(&mut self.catalog)?;
        }
        timings.save = clock.elapsed();
        Ok(timings)
    }

    /// The library's stories (neighbour lists and article vectors), read from disk on first
    /// use by a writer.
    fn stories_mut(&mut self) -> Result<&mut Stories> {
        if self.stories.is_none() {
            let loaded = match &self.layout {
                Some(layout) => Stories::load(layout)?,
                None => Stories::default(),
            };
            self.stories = Some(loaded);
        }
        Ok(self.stories.as_mut().expect("loaded just above"))
    }

    /// Brings the article vectors and every article's nearest-neighbour list up to date with
    /// the batch's changed articles, and returns the article pairs to judge: each new or
    /// changed article with its neighbours, and any pair that became neighbours because an
    /// article left. Lists are exact top-k over the library's vectors, so they do not depend
    /// on the order articles arrived in.
    fn update_stories(&mut self, pending: &PendingLinks) -> Result<Vec<ArticlePair>> {
        let stories = self.stories_mut()?;
        let Stories { lists, vectors } = stories;
        let mut changed: Vec<&String> = pending.changed.iter().collect();
        changed.sort();
        let mut touched: BTreeSet<String> = BTreeSet::new();
        for id in &changed {
            // Only an article the stories already hold (replaced or removed) can be in a
            // list; forgetting scans every list, so new articles skip it.
            if vectors.slot_of(id).is_some() {
                vectors.remove(id);
                touched.extend(lists.forget(id));
            }
        }
        let mut new: Vec<&(String, ArticleVector)> = pending.vectors.iter().collect();
        new.sort_by(|a, b| a.0.cmp(&b.0));
        for (id, vector) in &new {
            vectors.insert(id, vector.clone());
        }
        let mut pairs: BTreeMap<(String, String), f32> = BTreeMap::new();
        let mut add_pair = |a: &str, b: &str, cosine: f32| {
            let key = if a < b {
                (a.to_string(), b.to_string())
            } else {
                (b.to_string(), a.to_string())
            };
            pairs.insert(key, cosine);
        };
        // Articles that lost a neighbour to a removal get their list again from the index; a
        // pair that becomes neighbours that way is judged like a new one.
        for id in &touched {
            if let Some(vector) = vectors.get(id).cloned() {
                let before: Vec<String> = lists.of(id).map(|(n, _)| n.to_string()).collect();
                let found = vectors.nearest(&vector, id, NEIGHBOURS);
                for (n, cosine) in &found {
                    if !before.contains(n) {
                        add_pair(id, n, *cosine);
                    }
                }
                lists.set(id, found);
            }
        }
        let mut admission = lists.admissions(vectors);
        for (id, vector) in &new {
            lists.meet(vectors, id, vector, &mut admission);
        }
        for (id, _) in &new {
            for (other, cosine) in lists.of(id) {
                add_pair(id, other, cosine);
            }
        }
        // Articles that took a new article as a neighbour (when it is not one of theirs).
        let new_ids: HashSet<&str> = new.iter().map(|(id, _)| id.as_str()).collect();
        let mut reverse = Vec::new();
        for id in vectors.ids() {
            if new_ids.contains(id) {
                continue;
            }
            for (other, cosine) in lists.of(id) {
                if new_ids.contains(other) {
                    reverse.push((id.to_string(), other.to_string(), cosine));
                }
            }
        }
        for (a, b, cosine) in reverse {
            add_pair(&a, &b, cosine);
        }
        Ok(pairs
            .into_iter()
            .map(|((a, b), cosine)| ArticlePair { a, b, cosine })
            .collect())
    }

    /// Judges every mention pair of the given article pairs (see [`Linker::link_in_parallel`])
    /// and stores the kept candidates in pair order.
    fn link_pairs(
        &mut self,
        mentions: &[Mention],
        pairs: &[ArticlePair],
        links: &mut LinkSink,
    ) -> Result<()> {
        let searcher = self.reader.searcher();
        let stories = self.stories.take().unwrap_or_default();
        let mut known: HashMap<&str, Vec<&Mention>> = HashMap::new();
        for m in mentions {
            known.entry(m.key.article.as_str()).or_default().push(m);
        }
        for list in known.values_mut() {
            list.sort_by(|x, y| x.key.cmp(&y.key));
        }
        let linker = Linker {
            searcher: &searcher,
            fields: self.fields,
            known: &known,
            neighbours: &stories.lists,
        };
        let judged = linker.link_in_parallel(pairs);
        drop(known);
        let stored = judged.and_then(|judged| match links {
            LinkSink::Journal(journal) => {
                for (mention, candidate, judgement) in &judged {
                    journal.insert(mention, candidate, judgement.clone())?;
                }
                Ok(())
            }
            LinkSink::Memory => {
                let store = self.links_mut()?;
                store.neighbours = stories.lists.clone();
                for (mention, candidate, judgement) in judged {
                    store.insert(&mention, &candidate, judgement);
                }
                Ok(())
            }
        });
        self.stories = Some(stories);
        stored
    }
}

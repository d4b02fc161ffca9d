//! The claim links on disk: a journal that an add appends to without reading it.
//!
//! `links.jsonl` is a [journal](crate::library::journal) of three kinds of records: a mention
//! (`{"m": [article, sentence, start, end, text, summary]}`), numbered by its order among the
//! journal's mentions (its log number); a link between two log numbers (`{"l": [a, b, score,
//! stance, detail]}`); and the articles whose links are forgotten because they were replaced
//! or removed (`{"f": [id, ...]}`). A writer ([`LinkWriter`]) appends a commit's records
//! without loading the store: forgetting an article is one record, and a mention already in
//! the journal is simply written again (reading it back resolves it by key). So an add's
//! memory and time do not grow with the links the library already holds.
//!
//! Reading replays the journal into a [`LinkStore`]: a link is dropped when one of its
//! articles is forgotten after it, and a mention when no link is left to it. The garbage that
//! replaced articles and repeated mentions leave is estimated in every commit line; when it
//! may be a third of the journal (and the journal has grown by half since it was last
//! checked), the end of an add replays it and, if so, rewrites it whole. Libraries written
//! before the journal keep their links in `links.json`, which is read as it is and converted
//! by the first write.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{Link, LinkStore, LinkedMention, Mention, MentionKey};
use crate::claims::LinkJudgement;
use crate::error::{LibraryError, Result};
use crate::library::journal::{Appender, Journal, Records};
use crate::library::layout::Layout;

/// A mention as a journal line: article, sentence, start, end, text, summary.
#[derive(Deserialize)]
struct MentionRow(String, usize, usize, usize, String, String);

#[derive(Serialize)]
struct MentionRowRef<'a>(&'a str, usize, usize, usize, &'a str, &'a str);

impl<'a> From<&'a LinkedMention> for MentionRowRef<'a> {
    fn from(m: &'a LinkedMention) -> Self {
        MentionRowRef(
            &m.key.article,
            m.key.sentence,
            m.start,
            m.end,
            &m.text,
            &m.summary,
        )
    }
}

/// One line of the links journal.
#[derive(Deserialize)]
enum Record {
    #[serde(rename = "m")]
    Mention(MentionRow),
    #[serde(rename = "l")]
    Link(Link),
    #[serde(rename = "f")]
    Forget(Vec<String>),
}

#[derive(Serialize)]
enum RecordRef<'a> {
    #[serde(rename = "m")]
    Mention(MentionRowRef<'a>),
    #[serde(rename = "l")]
    Link(&'a Link),
    #[serde(rename = "f")]
    Forget(&'a [String]),
}

/// The commit line: the next mention's log number, and the figures that decide when the
/// journal is worth rewriting. Records are counted in units: a mention, a link, or one
/// forgotten article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
struct Commit {
    mentions: u32,
    /// Units in the journal, and of them live, when it was last rewritten or checked.
    total: u64,
    live: u64,
    /// Units appended since, and how many units (of all) may have died since.
    added: u64,
    suspect: u64,
}

impl Commit {
    /// Whether the end of an add should replay the journal to see if it is worth rewriting:
    /// it grew by half since the last check, and a third of it may be garbage.
    fn worth_checking(&self) -> bool {
        let all = self.total + self.added;
        self.added >= (self.total / 2).max(MIN_UNITS_BEFORE_CHECK)
            && (self.total.saturating_sub(self.live) + self.suspect) * 3 >= all
    }
}

/// A journal is never checked for garbage before this many units were appended to it.
const MIN_UNITS_BEFORE_CHECK: u64 = 20_000;

fn journal(layout: &Layout) -> Journal {
    Journal::new(layout.links(), "links", Layout::LINKS_FORMAT)
}

/// The library's claim links: the journal, else the legacy file, else none.
pub fn load(layout: &Layout) -> Result<LinkStore> {
    match journal(layout).read::<Commit>(None)? {
        Some(mut records) => Ok(replay(&mut records)?.0),
        None => Ok(LinkStore::load_legacy(&layout.legacy_links())?.unwrap_or_default()),
    }
}

/// The file the links are read from, for messages: the journal, or the legacy file.
pub fn path(layout: &Layout) -> std::path::PathBuf {
    if !layout.links().exists() && layout.legacy_links().exists() {
        layout.legacy_links()
    } else {
        layout.links()
    }
}

/// Makes sure the journal exists before a write: a new library gets an empty one, a library
/// written before the journal gets its `links.json` converted (then removed). The caller
/// holds the write lock.
pub fn prepare(layout: &Layout) -> Result<()> {
    let journal = journal(layout);
    let legacy = layout.legacy_links();
    if !journal.exists() {
        let store = LinkStore::load_legacy(&legacy)?.unwrap_or_default();
        rewrite(&journal, &store, 1)?;
    }
    // Also what a conversion killed before its last step left.
    crate::fsutil::remove_if_present(&legacy)
}

/// Rewrites the journal without its garbage when it may hold enough to be worth it (see
/// [`Commit::worth_checking`]); this reads the whole store once. The caller holds the write
/// lock; returns whether the journal was rewritten.
pub fn compact_if_worth_it(layout: &Layout) -> Result<bool> {
    let journal = journal(layout);
    let Some((_, tip)) = journal.tip::<Commit>()? else {
        return Ok(false);
    };
    if !tip.worth_checking() {
        return Ok(false);
    }
    let Some(mut records) = journal.read::<Commit>(None)? else {
        return Ok(false);
    };
    let (store, units) = replay(&mut records)?;
    let live = (store.mentions.len() + store.links.len()) as u64;
    if (units - live.min(units)) * 3 >= units {
        rewrite(&journal, &store, records.mark.generation + 1)?;
        return Ok(true);
    }
    // Not worth it yet: note what was found, so the next check waits for more growth.
    let mut appender = journal.append(records.mark)?;
    appender.commit(&Commit {
        mentions: tip.mentions,
        total: units,
        live,
        added: 0,
        suspect: 0,
    })?;
    Ok(false)
}

/// Writes `store` whole as journal generation `generation`.
fn rewrite(journal: &Journal, store: &LinkStore, generation: u64) -> Result<()> {
    journal.rewrite(generation, |snapshot| {
        for mention in &store.mentions {
            snapshot.record(&RecordRef::Mention(mention.as_ref().into()))?;
        }
        for link in &store.links {
            snapshot.record(&RecordRef::Link(link))?;
        }
        let units = (store.mentions.len() + store.links.len()) as u64;
        Ok(Commit {
            mentions: store.mentions.len() as u32,
            total: units,
            live: units,
            added: 0,
            suspect: 0,
        })
    })?;
    Ok(())
}

/// Replays a journal into a store; also returns the units read (live or not).
fn replay(records: &mut Records<Commit>) -> Result<(LinkStore, u64)> {
    let mut mentions: Vec<LinkedMention> = Vec::new();
    // The record number at which each mention position was created, and at which each
    // article was last forgotten: a position created before its article was forgotten is dead.
    let mut created: Vec<u64> = Vec::new();
    let mut forgotten: HashMap<String, u64> = HashMap::new();
    // Position by key: by 64-bit id, with the rare colliding keys apart.
    let mut by_id: HashMap<u64, u32> = HashMap::new();
    let mut collided: HashMap<MentionKey, u32> = HashMap::new();
    let mut position_of_log: Vec<u32> = Vec::new();
    let mut links: Vec<(Link, u64)> = Vec::new();
    let mut units = 0u64;
    let mut record_number = 0u64;
    let path = records.path().to_path_buf();
    let corrupt = |reason: String| LibraryError::Corrupt {
        path: path.clone(),
        reason: format!("{reason}; run `crossread doctor --rebuild`"),
    };
    while let Some(record) = records.next_record::<Record>()? {
        record_number += 1;
        match record {
            Record::Mention(MentionRow(article, sentence, start, end, text, summary)) => {
                units += 1;
                let key = MentionKey { article, sentence };
                let id = key.id();
                let existing = match by_id.get(&id) {
                    Some(&p) if mentions[p as usize].key == key => Some(p),
                    Some(_) => collided.get(&key).copied(),
                    None => None,
                };
                let alive = existing.filter(|&p| {
                    forgotten
                        .get(&key.article)
                        .is_none_or(|&at| at < created[p as usize])
                });
                let position = match alive {
                    Some(p) => p,
                    None => {
                        let p = mentions.len() as u32;
                        match by_id.get(&id) {
                            Some(&other) if mentions[other as usize].key != key => {
                                collided.insert(key.clone(), p);
                            }
                            _ => {
                                by_id.insert(id, p);
                            }
                        }
                        mentions.push(LinkedMention {
                            key,
                            start,
                            end,
                            text,
                            summary,
                        });
                        created.push(record_number);
                        p
                    }
                };
                position_of_log.push(position);
            }
            Record::Link(link) => {
                units += 1;
                let count = position_of_log.len();
                let (Some(&a), Some(&b)) = (
                    position_of_log.get(link.a as usize),
                    position_of_log.get(link.b as usize),
                ) else {
                    return Err(corrupt(format!(
                        "link [{}, {}] names a mention not among the {count} before it",
                        link.a, link.b
                    )));
                };
                if a == b {
                    return Err(corrupt(format!(
                        "link [{}, {}] joins a mention to itself",
                        link.a, link.b
                    )));
                }
                links.push((
                    Link {
                        a: a.min(b),
                        b: a.max(b),
                        ..link
                    },
                    record_number,
                ));
            }
            Record::Forget(articles) => {
                units += articles.len() as u64;
                for article in articles {
                    forgotten.insert(article, record_number);
                }
            }
        }
    }
    drop((by_id, collided, position_of_log));
    let dead_at = |position: u32, at: u64| {
        forgotten
            .get(&mentions[position as usize].key.article)
            .is_some_and(|&gone| gone > at)
    };
    let links: Vec<Link> = links
        .into_iter()
        .filter(|(l, at)| !dead_at(l.a, *at) && !dead_at(l.b, *at))
        .map(|(l, _)| l)
        .collect();
    drop(forgotten);
    let mut used = vec![false; mentions.len()];
    for l in &links {
        used[l.a as usize] = true;
        used[l.b as usize] = true;
    }
    let mut renumber = vec![u32::MAX; mentions.len()];
    let mut kept = Vec::with_capacity(used.iter().filter(|&&u| u).count());
    for (i, m) in mentions.into_iter().enumerate() {
        if used[i] {
            renumber[i] = kept.len() as u32;
            kept.push(Arc::new(m));
        }
    }
    let links = links
        .into_iter()
        .map(|l| {
            let (a, b) = (renumber[l.a as usize], renumber[l.b as usize]);
            Link {
                a: a.min(b),
                b: a.max(b),
                ..l
            }
        })
        .collect();
    Ok((LinkStore::from_parts(kept, links), units))
}

/// Appends an add's forgotten articles, mentions and links to the journal, commit by commit,
/// without reading what is there.
pub struct LinkWriter {
    appender: Appender,
    commit: Commit,
    /// Log numbers of the mentions this writer appended, by key.
    logged: HashMap<MentionKey, u32>,
    /// Articles this writer forgot (they are being added again): their mentions are new.
    fresh: HashSet<String>,
    /// Pairs linked since the last commit (a pair is found from both sides in one batch).
    linked: HashSet<(u32, u32)>,
}

impl LinkWriter {
    /// Opens the journal for appending; [`prepare`] made sure it exists. The caller holds the
    /// write lock.
    pub fn open(layout: &Layout) -> Result<LinkWriter> {
        let journal = journal(layout);
        let (mark, commit) = journal
            .tip::<Commit>()?
            .ok_or_else(|| LibraryError::Corrupt {
                path: layout.links(),
                reason: "the claim links journal vanished while the library was locked".to_string(),
            })?;
        Ok(LinkWriter {
            appender: journal.append(mark)?,
            commit,
            logged: HashMap::new(),
            fresh: HashSet::new(),
            linked: HashSet::new(),
        })
    }

    /// Forgets every link of `articles` (being replaced or removed). `replaced` of them were
    /// in a library of `library_articles` articles, and may take links with them.
    pub fn forget(
        &mut self,
        articles: &HashSet<String>,
        replaced: usize,
        library_articles: usize,
    ) -> Result<()> {
        let mut sorted: Vec<String> = articles.iter().cloned().collect();
        sorted.sort();
        self.appender.record(&RecordRef::Forget(&sorted))?;
        self.logged
            .retain(|key, _| !articles.contains(&key.article));
        self.fresh.extend(sorted);
        let units = self.commit.total + self.commit.added;
        let per_article = units / (library_articles.max(1) as u64);
        self.commit.added += articles.len() as u64;
        self.commit.suspect += replaced as u64 * (per_article + 1) + articles.len() as u64;
        Ok(())
    }

    /// Adds a link unless the pair was already linked in this commit.
    pub fn insert(&mut self, a: &Mention, b: &Mention, judgement: LinkJudgement) -> Result<()> {
        let (x, y) = (self.log_number(a)?, self.log_number(b)?);
        let (a, b) = (x.min(y), x.max(y));
        if !self.linked.insert((a, b)) {
            return Ok(());
        }
        self.commit.added += 1;
        self.appender.record(&RecordRef::Link(&Link {
            a,
            b,
            score: judgement.score,
            stance: judgement.stance,
            detail: judgement.detail.map(String::into_boxed_str),
        }))
    }

    fn log_number(&mut self, m: &Mention) -> Result<u32> {
        if let Some(&n) = self.logged.get(&m.key) {
            return Ok(n);
        }
        let n = self.commit.mentions;
        let linked = LinkedMention::from(m);
        self.appender
            .record(&RecordRef::Mention((&linked).into()))?;
        self.commit.mentions += 1;
        self.commit.added += 1;
        // A mention of an article this add did not forget may already be in the journal.
        if !self.fresh.contains(&m.key.article) {
            self.commit.suspect += 1;
        }
        self.logged.insert(m.key.clone(), n);
        Ok(n)
    }

    /// Commits what was appended since the last commit, and syncs it to disk.
    pub fn commit(&mut self) -> Result<()> {
        self.appender.commit(&self.commit)?;
        self.linked.clear();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::Stance;

    fn mention(article: &str, sentence: usize) -> Mention {
        let text = format!("Amazon will invest ${sentence} billion in OpenAI, Reuters reported.");
        let entities = crate::entities::recognize(&text, None);
        let signature = crate::claims::signature(&text, &entities, None).expect("a claim");
        Mention {
            key: MentionKey {
                article: article.to_string(),
                sentence,
            },
            start: 0,
            end: text.len(),
            text,
            signature,
        }
    }

    fn judged(score: f32) -> LinkJudgement {
        LinkJudgement {
            score,
            stance: Stance::Support,
            detail: None,
        }
    }

    /// The same operations on an in-memory store and through the journal give the same
    /// claims.
    #[test]
    fn replaying_the_journal_gives_the_store_that_memory_holds() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::new(dir.path());
        prepare(&layout).unwrap();
        let mut memory = LinkStore::default();
        // Each commit: the articles replaced, then the links found (mention keys).
        type Key = (&'static str, usize);
        type Commit = (Vec<&'static str>, Vec<(Key, Key)>);
        let ops: Vec<Commit> = vec![
            (
                vec!["a", "b"],
                vec![(("b", 0), ("a", 0)), (("a", 0), ("b", 0))],
            ),
            (vec!["c"], vec![(("c", 1), ("a", 0)), (("c", 2), ("b", 3))]),
            // "a" is replaced: its links go, and "b" 0 loses its only link.
            (vec!["a"], vec![(("a", 5), ("c", 2))]),
            (vec!["d"], vec![(("d", 0), ("b", 0)), (("d", 0), ("c", 1))]),
        ];
        for (articles, links) in &ops {
            let mut writer = LinkWriter::open(&layout).unwrap();
            let changed: HashSet<String> = articles.iter().map(|s| s.to_string()).collect();
            memory.forget_articles(&changed);
            writer.forget(&changed, 0, 4).unwrap();
            for (i, ((x, i1), (y, i2))) in links.iter().enumerate() {
                let (a, b) = (mention(x, *i1), mention(y, *i2));
                memory.insert(&a, &b, judged(0.5 + i as f32 / 10.0));
                writer
                    .insert(&a, &b, judged(0.5 + i as f32 / 10.0))
                    .unwrap();
            }
            writer.commit().unwrap();
            let replayed = load(&layout).unwrap();
            assert_eq!(replayed.links.len(), memory.links.len());
            assert_eq!(claims(&replayed), claims(&memory));
        }
        let replayed = load(&layout).unwrap();
        assert!(
            !replayed
                .mentions
                .iter()
                .any(|m| m.key.article == "a" && m.key.sentence == 0),
            "the replaced article's old mention is gone"
        );
    }

    /// The claims of a store, without the mentions' positions (which depend on the order
    /// mentions were stored).
    fn claims(store: &LinkStore) -> Vec<(String, Vec<(MentionKey, Stance)>)> {
        store
            .claims()
            .into_iter()
            .map(|c| {
                let mentions = c
                    .mentions
                    .iter()
                    .map(|m| (m.mention.key.clone(), m.stance))
                    .collect();
                (c.id, mentions)
            })
            .collect()
    }

    #[test]
    fn compaction_drops_garbage_and_keeps_the_claims() {
        let dir = tempfile::tempdir().unwrap();
        let layout = Layout::new(dir.path());
        prepare(&layout).unwrap();
        // The same two articles replaced again and again: most of the journal is garbage.
        for round in 0..6000 {
            let mut writer = LinkWriter::open(&layout).unwrap();
            let changed: HashSet<String> = ["x".to_string()].into();
            writer.forget(&changed, 1, 2).unwrap();
            writer
                .insert(&mention("x", round % 3), &mention("y", 0), judged(0.9))
                .unwrap();
            writer.commit().unwrap();
        }
        let before = load(&layout).unwrap();
        let length = std::fs::metadata(layout.links()).unwrap().len();
        assert!(compact_if_worth_it(&layout).unwrap());
        let after = load(&layout).unwrap();
        assert_eq!(claims(&after), claims(&before));
        assert_eq!(after.links.len(), 1);
        assert!(std::fs::metadata(layout.links()).unwrap().len() < length / 100);
        assert!(!compact_if_worth_it(&layout).unwrap());
    }
}

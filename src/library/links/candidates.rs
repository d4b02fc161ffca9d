//! Candidate pairs and their judgement, on every core.
//!
//! Candidates come from stories, not from a search per sentence: two articles are compared only
//! when one is among the other's nearest articles ([`crate::claims::neighbours`]), and then
//! every claim sentence of one is judged against every claim sentence of the other by the
//! learned scorer ([`crate::claims::judge`]). An article has at most a fixed number of
//! neighbours, so the work per article does not grow with the library. Mentions of the batch
//! being linked are taken from memory; those of older articles are read from the index once per
//! article.

use std::collections::HashMap;

use tantivy::Term;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value as _};

use super::Mention;
use crate::claims::cluster::LINKS_PER_ARTICLE;
use crate::claims::neighbours::NeighbourLists;
use crate::claims::{LinkJudgement, Prepared};
use crate::error::Result;
use crate::library::index::Fields;

/// A mention, a mention of another article it was judged against, and the judgement.
pub(crate) type Judged = (Mention, Mention, LinkJudgement);

/// Two articles to compare and their cosine similarity.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ArticlePair {
    pub a: String,
    pub b: String,
    pub cosine: f32,
}

/// Judging against one committed index state; shared by the linking threads.
pub(crate) struct Linker<'a> {
    pub(crate) searcher: &'a tantivy::Searcher,
    pub(crate) fields: Fields,
    /// Mentions of the batch being linked, by article (older articles' are read from the
    /// index: keeping a whole add's mentions in memory cost about 800 MB at 100,000 articles).
    pub(crate) known: &'a HashMap<&'a str, Vec<&'a Mention>>,
    /// Every article's nearest articles, as updated for this batch.
    pub(crate) neighbours: &'a NeighbourLists,
}

impl Linker<'_> {
    /// Judges every pair of mentions of every article pair on every core (at most 8 threads);
    /// the judged pairs come back in article-pair order, so the result does not depend on the
    /// number of threads.
    pub(crate) fn link_in_parallel(&self, pairs: &[ArticlePair]) -> Result<Vec<Judged>> {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        let chunk = pairs.len().div_ceil(threads).max(1);
        let results: Vec<Result<Vec<Judged>>> = std::thread::scope(|scope| {
            let workers: Vec<_> = pairs
                .chunks(chunk)
                .map(|part| scope.spawn(|| self.link_all(part)))
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().expect("linking thread panicked"))
                .collect()
        });
        let mut judged = Vec::new();
        for r in results {
            judged.extend(r?);
        }
        Ok(judged)
    }

    fn link_all(&self, pairs: &[ArticlePair]) -> Result<Vec<Judged>> {
        let mut loaded: HashMap<String, Vec<Mention>> = HashMap::new();
        let mut out = Vec::new();
        for pair in pairs {
            for id in [&pair.a, &pair.b] {
                if !self.known.contains_key(id.as_str()) && !loaded.contains_key(id) {
                    let mentions = self.read_mentions(id)?;
                    loaded.insert(id.clone(), mentions);
                }
            }
            let side = |id: &str| -> Vec<&Mention> {
                match self.known.get(id) {
                    Some(list) => list.clone(),
                    None => loaded
                        .get(id)
                        .map(|l| l.iter().collect())
                        .unwrap_or_default(),
                }
            };
            let (ma, mb) = (side(&pair.a), side(&pair.b));
            let pa: Vec<Prepared> = ma.iter().map(|m| Prepared::new(&m.signature)).collect();
            let pb: Vec<Prepared> = mb.iter().map(|m| Prepared::new(&m.signature)).collect();
            let story = self.neighbours.story_features(&pair.a, &pair.b);
            let mut kept: Vec<(usize, usize, LinkJudgement)> = Vec::new();
            for (i, px) in pa.iter().enumerate() {
                for (j, py) in pb.iter().enumerate() {
                    if let Ok(judgement) = crate::claims::judge(px, py, pair.cosine, &story) {
                        kept.push((i, j, judgement));
                    }
                }
            }
            // A sentence states a fact once: each keeps its best few matches in the other
            // article (by score, ties by position).
            kept.sort_by(|x, y| {
                y.2.score
                    .total_cmp(&x.2.score)
                    .then((x.0, x.1).cmp(&(y.0, y.1)))
            });
            let mut per_a = vec![0usize; ma.len()];
            let mut per_b = vec![0usize; mb.len()];
            let mut chosen: Vec<(usize, usize, LinkJudgement)> = Vec::new();
            for (i, j, judgement) in kept {
                if per_a[i] < LINKS_PER_ARTICLE || per_b[j] < LINKS_PER_ARTICLE {
                    per_a[i] += 1;
                    per_b[j] += 1;
                    chosen.push((i, j, judgement));
                }
            }
            chosen.sort_by_key(|x| (x.0, x.1));
            for (i, j, judgement) in chosen {
                out.push((ma[i].clone(), mb[j].clone(), judgement));
            }
            // Older articles are read once per thread and pair list; drop them when no later
            // pair of this chunk needs them.
            if loaded.len() > 256 {
                loaded.clear();
            }
        }
        Ok(out)
    }

    /// The claim mentions of a committed article, from its sentence documents.
    fn read_mentions(&self, article: &str) -> Result<Vec<Mention>> {
        let f = self.fields;
        let query = TermQuery::new(
            Term::from_field_text(f.article_id, article),
            IndexRecordOption::Basic,
        );
        let hits = self
            .searcher
            .search(&query, &tantivy::collector::DocSetCollector)?;
        let mut mentions = Vec::new();
        for address in hits {
            let doc: tantivy::TantivyDocument = self.searcher.doc(address)?;
            if let Some(m) = doc
                .get_first(f.sentence_record)
                .and_then(|v| v.as_str())
                .and_then(|json| serde_json::from_str::<Mention>(json).ok())
            {
                mentions.push(m);
            }
        }
        mentions.sort_by(|x, y| x.key.cmp(&y.key));
        Ok(mentions)
    }
}

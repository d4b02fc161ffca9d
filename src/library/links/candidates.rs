//! Candidate retrieval and judging for claim linking, on every core.
//!
//! For one claim mention, the candidates are the best BM25 matches of its retrieval terms among
//! the sentence documents of other articles (top [`CANDIDATES_PER_MENTION`]); each is judged
//! by [`crate::claims::compare_in_story`], given how alike the two articles' casts are (names
//! weighted by their rarity in the index). Two things keep this linear in the library's size:
//! the query keeps only terms whose postings fit a fixed budget, and candidates added by the
//! running `add` are taken from memory by their fast `mention_id` instead of the document store.

use std::collections::HashMap;

use tantivy::schema::Value as _;
use tantivy::{TantivyDocument, Term};

use super::{CANDIDATES_PER_MENTION, Mention};
use crate::error::Result;
use crate::library::index::Fields;

/// How many postings (claim sentences containing its terms) one candidate query may scan: a
/// fixed budget keeps the cost of a query independent of the library's size.
const RETRIEVAL_POSTINGS_BUDGET: u64 = 20_000;

/// A mention, a candidate it was judged against, and the judgement.
pub(crate) type Judged<'a> = (
    &'a Mention,
    std::borrow::Cow<'a, Mention>,
    crate::claims::LinkJudgement,
);

/// Candidate retrieval and judging against one committed index state; shared by the
/// linking threads.
pub(crate) struct Linker<'a> {
    pub(crate) searcher: &'a tantivy::Searcher,
    pub(crate) fields: Fields,
    /// Mentions of the batch being linked, and of the running add's earlier batches, by
    /// id: most candidates of a bulk add are found here without reading the document store.
    pub(crate) batch: &'a HashMap<u64, &'a Mention>,
    pub(crate) earlier: &'a HashMap<u64, Mention>,
}

impl<'a> Linker<'a> {
    /// Finds and judges the candidates of every mention on every core (at most 8 threads);
    /// the judged pairs come back in mention order, so the result does not depend on the
    /// number of threads.
    pub(crate) fn link_in_parallel(&self, mentions: &'a [Mention]) -> Result<Vec<Judged<'a>>> {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        let chunk = mentions.len().div_ceil(threads).max(1);
        let results: Vec<Result<Vec<Judged<'a>>>> = std::thread::scope(|scope| {
            let workers: Vec<_> = mentions
                .chunks(chunk)
                .map(|part| scope.spawn(|| self.link_all(part)))
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().expect("linking thread panicked"))
                .collect()
        });
        let mut judged = Vec::new();
        for part in results {
            judged.extend(part?);
        }
        Ok(judged)
    }

    fn link_all(&self, mentions: &'a [Mention]) -> Result<Vec<Judged<'a>>> {
        let mut columns = HashMap::new();
        let mut rarity = HashMap::new();
        let mut out = Vec::new();
        for mention in mentions {
            self.link_one(mention, &mut columns, &mut rarity, &mut out)?;
        }
        Ok(out)
    }

    /// How rare a participant name is among the library's claim sentences (inverse document
    /// frequency), for [`crate::claims::story_similarity`]; cached per linking batch.
    fn rarity(&self, name: &str, cache: &mut HashMap<String, f32>) -> f32 {
        if let Some(&r) = cache.get(name) {
            return r;
        }
        let term = Term::from_field_text(
            self.fields.claim_terms,
            &crate::claims::participant_term(name),
        );
        let df = self.searcher.doc_freq(&term).unwrap_or(0);
        let r = crate::claims::name_rarity(df, self.searcher.num_docs());
        cache.insert(name.to_string(), r);
        r
    }

    fn link_one(
        &self,
        mention: &'a Mention,
        columns: &mut HashMap<u32, Option<tantivy::columnar::Column<u64>>>,
        rarity: &mut HashMap<String, f32>,
        out: &mut Vec<Judged<'a>>,
    ) -> Result<()> {
        use std::borrow::Cow;
        use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
        use tantivy::schema::IndexRecordOption;
        let f = self.fields;
        let mut terms: Vec<(u64, Term)> = crate::claims::retrieval_terms(&mention.signature)
            .iter()
            .map(|t| {
                let term = Term::from_field_text(f.claim_terms, t);
                (self.searcher.doc_freq(&term).unwrap_or(0), term)
            })
            .filter(|(df, _)| *df > 0)
            .collect();
        if terms.is_empty() {
            return Ok(());
        }
        // Terms in very many sentences ("said", a common verb class) add little to the ranking
        // but cost a scan of their whole posting list per query, which would make linking
        // quadratic in the library size. The rarest terms are kept while their postings fit a
        // fixed budget; a mention whose rarest term alone exceeds it has nothing specific to
        // find candidates by (a boilerplate sentence) and is not linked.
        terms.sort_by_key(|(df, _)| *df);
        let mut postings = 0;
        let keep = terms
            .iter()
            .take_while(|(df, _)| {
                postings += df;
                postings <= RETRIEVAL_POSTINGS_BUDGET
            })
            .count();
        if keep == 0 {
            return Ok(());
        }
        terms.truncate(keep);
        // Only sentence documents have claim terms, so no clause on the document kind.
        let any_term: Vec<(Occur, Box<dyn Query>)> = terms
            .into_iter()
            .map(|(_, term)| {
                let q: Box<dyn Query> =
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                (Occur::Should, q)
            })
            .collect();
        // Sentences of the same article are never linked, so they must not take the
        // candidate slots.
        let own_article: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_text(f.article_id, &mention.key.article),
            IndexRecordOption::Basic,
        ));
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(BooleanQuery::new(any_term))),
            (Occur::MustNot, own_article),
        ]);
        let hits = self.searcher.search(
            &query,
            &tantivy::collector::TopDocs::with_limit(CANDIDATES_PER_MENTION).order_by_score(),
        )?;
        for (_, address) in hits {
            let column = columns.entry(address.segment_ord).or_insert_with(|| {
                self.searcher
                    .segment_reader(address.segment_ord)
                    .fast_fields()
                    .u64("mention_id")
                    .ok()
            });
            let id = column.as_ref().and_then(|c| c.first(address.doc_id));
            let known = id.and_then(|id| self.batch.get(&id).copied().or(self.earlier.get(&id)));
            let candidate = match known {
                Some(known) => Cow::Borrowed(known),
                None => {
                    let doc: TantivyDocument = self.searcher.doc(address)?;
                    let Some(stored) = doc
                        .get_first(f.sentence_record)
                        .and_then(|v| v.as_str())
                        .and_then(|json| serde_json::from_str::<Mention>(json).ok())
                    else {
                        continue;
                    };
                    Cow::Owned(stored)
                }
            };
            if candidate.key.article == mention.key.article {
                continue;
            }
            let story = crate::claims::story_similarity(
                &mention.signature,
                &candidate.signature,
                &mut |name| self.rarity(name, rarity),
            );
            if let Some(judgement) =
                crate::claims::compare_in_story(&mention.signature, &candidate.signature, story)
            {
                out.push((mention, candidate, judgement));
            }
        }
        Ok(())
    }
}

//! Full-text search over the library's articles.
//!
//! Queries use tantivy's syntax (phrases, AND/OR/NOT, `title:`, `source:`), parsed leniently:
//! a malformed query searches what could be parsed and reports what was ignored. Each hit
//! carries a snippet with the byte ranges of the matched terms, ready to highlight.

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::SnippetGenerator;
use tantivy::{TantivyDocument, Term};

use super::Library;
use super::index::KIND_ARTICLE;
use crate::error::Result;

/// Longest snippet, in characters.
const SNIPPET_CHARS: usize = 220;

/// One ranked article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub path: Option<String>,
    pub score: f32,
    /// A passage of the body around the best matches, on one line.
    pub snippet: String,
    /// Byte ranges of matched terms inside `snippet`.
    pub highlights: Vec<[usize; 2]>,
}

/// Results of a query, with the parts of the query that were ignored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    pub query: String,
    pub hits: Vec<SearchHit>,
    #[serde(skip)]
    pub ignored: Vec<String>,
}

impl Library {
    /// Searches articles; `limit` caps the number of hits.
    pub fn search(&self, query_text: &str, limit: usize) -> Result<SearchResults> {
        let fields = self.fields();
        let mut parser = QueryParser::for_index(
            self.index_handle(),
            vec![fields.title, fields.body, fields.source],
        );
        parser.set_field_boost(fields.title, 2.0);
        parser.set_conjunction_by_default();
        let (parsed, errors) = parser.parse_query_lenient(query_text);
        let mut ignored: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        let searcher = self.reader().searcher();
        let (top, snippets) = match self.run_query(&searcher, parsed, limit) {
            Ok(ran) => ran,
            Err(err) => {
                // Parts the parser accepted can still fail when run (an exists query on an
                // unknown or non-fast field, `title:*`): search the words alone instead.
                ignored.push(format!("{err}; searched the words only"));
                let words: String = query_text
                    .chars()
                    .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                    .collect();
                let (plain, _) = parser.parse_query_lenient(&words);
                self.run_query(&searcher, plain, limit)?
            }
        };
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top.into_iter().take(limit) {
            let doc: TantivyDocument = searcher.doc(address)?;
            let Some(stored) = self.decode_record(&doc) else {
                continue;
            };
            let body = stored.article.body();
            let snippet = snippets.snippet(&body);
            let (text, highlights) = if snippet.fragment().is_empty() {
                lead_snippet(&body)
            } else {
                (
                    one_line(snippet.fragment()),
                    snippet
                        .highlighted()
                        .iter()
                        .map(|r| [r.start, r.end])
                        .collect(),
                )
            };
            hits.push(SearchHit {
                id: stored.article.id,
                title: stored.article.title,
                source: stored.article.source,
                path: stored.article.path,
                score,
                snippet: text,
                highlights,
            });
        }
        Ok(SearchResults {
            query: query_text.to_string(),
            hits,
            ignored,
        })
    }
}

impl Library {
    /// Runs a parsed query over articles: the top hits and a snippet generator for it.
    fn run_query(
        &self,
        searcher: &tantivy::Searcher,
        parsed: Box<dyn Query>,
        limit: usize,
    ) -> Result<(Vec<(f32, tantivy::DocAddress)>, SnippetGenerator)> {
        let fields = self.fields();
        let only_articles: Box<dyn Query> = Box::new(TermQuery::new(
            Term::from_field_text(fields.kind, KIND_ARTICLE),
            IndexRecordOption::Basic,
        ));
        // tantivy 0.27 trips an assertion when a phrase is excluded (`-"new since"`) and
        // scored inside the same boolean query; such phrases are run on their own and their
        // documents filtered out of the hits instead.
        let (positive, excluded_phrases) = split_excluded_phrases(parsed.box_clone());
        let mut excluded = std::collections::HashSet::new();
        for phrase in &excluded_phrases {
            excluded
                .extend(searcher.search(phrase.as_ref(), &tantivy::collector::DocSetCollector)?);
        }
        let query = BooleanQuery::new(vec![(Occur::Must, positive), (Occur::Must, only_articles)]);
        let wanted = limit.max(1) + excluded.len();
        let top: Vec<(f32, tantivy::DocAddress)> = searcher
            .search(&query, &TopDocs::with_limit(wanted).order_by_score())?
            .into_iter()
            .filter(|(_, address)| !excluded.contains(address))
            .collect();
        let mut snippets = SnippetGenerator::create(searcher, &*parsed, fields.body)?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        Ok((top, snippets))
    }
}

/// Removes `MustNot` clauses that hold phrases from a query, at any depth. Phrases excluded on a path of
/// `Must` clauses from the top are returned, to be filtered out of the hits; one excluded inside
/// an alternative (`a OR (b -"c d")`) is dropped, which widens that alternative slightly.
fn split_excluded_phrases(query: Box<dyn Query>) -> (Box<dyn Query>, Vec<Box<dyn Query>>) {
    let mut excluded = Vec::new();
    let rewritten = without_excluded_phrases(query, true, &mut excluded);
    (rewritten, excluded)
}

fn without_excluded_phrases(
    query: Box<dyn Query>,
    conjunctive: bool,
    excluded: &mut Vec<Box<dyn Query>>,
) -> Box<dyn Query> {
    let Some(boolean) = query.downcast_ref::<BooleanQuery>() else {
        return query;
    };
    let mut kept: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (occur, clause) in boolean.clauses() {
        if *occur == Occur::MustNot && contains_phrase(clause.as_ref()) {
            if conjunctive {
                excluded.push(clause.box_clone());
            }
            continue;
        }
        let inner_conjunctive = conjunctive && *occur == Occur::Must;
        kept.push((
            *occur,
            without_excluded_phrases(clause.box_clone(), inner_conjunctive, excluded),
        ));
    }
    if kept.iter().all(|(occur, _)| *occur == Occur::MustNot) {
        // Nothing positive is left: match everything, minus what remains excluded.
        kept.push((Occur::Must, Box::new(tantivy::query::AllQuery)));
    }
    Box::new(BooleanQuery::new(kept))
}

/// Whether a query is, or contains, a phrase (the parser wraps per-field phrases in a boolean).
fn contains_phrase(query: &dyn Query) -> bool {
    if query
        .downcast_ref::<tantivy::query::PhraseQuery>()
        .is_some()
    {
        return true;
    }
    query
        .downcast_ref::<BooleanQuery>()
        .is_some_and(|b| b.clauses().iter().any(|(_, q)| contains_phrase(q.as_ref())))
}

/// Newlines become spaces byte for byte, so highlight offsets stay valid.
fn one_line(fragment: &str) -> String {
    fragment.replace(['\n', '\t'], " ")
}

/// The start of the body, when the match was in the title only.
fn lead_snippet(body: &str) -> (String, Vec<[usize; 2]>) {
    let cut = crate::text::truncate_on_char_boundary(body, SNIPPET_CHARS);
    let cut = match cut.rfind(' ') {
        Some(space) if cut.len() < body.len() => &cut[..space],
        _ => cut,
    };
    (one_line(cut), Vec::new())
}

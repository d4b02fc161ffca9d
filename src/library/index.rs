//! The tantivy schema and the conversions between articles and index documents.
//!
//! One index holds two kinds of documents, told apart by the `kind` field:
//! - `article`: title, source and body for full-text search, plus the stored
//!   [`StoredArticle`] record (metadata, paragraphs and the analysis computed at indexing:
//!   sentences and entities), so the reader never re-analyses text;
//! - `sentence`: one per sentence that makes a claim, with its stored claim signature, read
//!   when an older article's mentions are judged against a new neighbour's. (Libraries built
//!   before claims v2 also hold `claim_terms` and `mention_id` fields; they are left unread.)
//!
//! Both kinds carry `article_id`, so replacing or removing an article is one delete-term.

use serde::{Deserialize, Serialize};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::article::Article;
use crate::entities::Entity;

pub const KIND_ARTICLE: &str = "article";
pub const KIND_SENTENCE: &str = "sentence";

/// Name of the whitespace tokenizer that libraries built before claims v2 name in their schema
/// (for `claim_terms`); still registered so they open and take new articles.
pub const TERMS_TOKENIZER: &str = "raw_terms";

/// What is stored per article: the article and its analysis.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StoredArticle {
    pub article: Article,
    /// Byte ranges of sentences in the body.
    pub sentences: Vec<(usize, usize)>,
    /// Entities in the body, sorted, non-overlapping.
    pub entities: Vec<Entity>,
}

/// Handles to the schema's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub kind: Field,
    pub article_id: Field,
    pub title: Field,
    pub source: Field,
    pub body: Field,
    pub record: Field,
    pub sentence_record: Field,
}

impl Fields {
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        Ok(Fields {
            kind: schema.get_field("kind")?,
            article_id: schema.get_field("article_id")?,
            title: schema.get_field("title")?,
            source: schema.get_field("source")?,
            body: schema.get_field("body")?,
            record: schema.get_field("record")?,
            sentence_record: schema.get_field("sentence_record")?,
        })
    }
}

/// Builds the schema. Field names are part of the query syntax users type (`title:`,
/// `source:`, `body:`).
pub fn build_schema() -> Schema {
    let mut builder = Schema::builder();
    let english = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("en_stem")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    builder.add_text_field("kind", STRING);
    builder.add_text_field("article_id", STRING | STORED);
    builder.add_text_field("title", english.clone());
    builder.add_text_field("source", english.clone());
    builder.add_text_field("body", english);
    builder.add_text_field("record", STORED);
    builder.add_text_field("sentence_record", STORED);
    builder.build()
}

/// Registers the tokenizers the schema names.
pub fn register_tokenizers(index: &tantivy::Index) {
    use tantivy::tokenizer::{TextAnalyzer, WhitespaceTokenizer};
    index.tokenizers().register(
        TERMS_TOKENIZER,
        TextAnalyzer::builder(WhitespaceTokenizer::default()).build(),
    );
}

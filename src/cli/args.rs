//! The command line, declared with clap's derive API.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "crossread",
    version,
    about = "A terminal news reader that highlights entities and links the same claim across sources",
    long_about = None
)]
pub struct Cli {
    /// Library directory (default: the platform data directory, or $CROSSREAD_LIBRARY).
    #[arg(long, global = true, env = "CROSSREAD_LIBRARY", value_name = "DIR")]
    pub library: Option<PathBuf>,

    /// Configuration file (default: config.toml in the platform config directory).
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// Files or folders to add before opening the reader.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add files and folders (text, Markdown, saved web pages, feeds) to the library.
    Add {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the articles in the library.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Search articles (tantivy query syntax: "phrases", AND/OR/NOT, title:word).
    Search {
        /// The query.
        #[arg(value_name = "QUERY", num_args = 1.., required = true)]
        query: Vec<String>,
        /// At most this many hits.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Search these inputs in a throwaway library instead of the user's library.
        #[arg(long = "in", value_name = "PATH")]
        inputs: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Recognised entities per article (people, organisations, places, products, money,
    /// percentages, dates, quantities).
    Entities {
        /// Analyse these inputs in a throwaway library instead of the user's library.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Claims made by two or more articles, with agreeing and conflicting sources.
    Claims {
        /// Analyse these inputs in a throwaway library instead of the user's library.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Coverage matrix: claims as rows, articles as columns, each cell agreeing or
    /// contradicting (with its figures and certainty) or empty when the article is silent.
    Coverage {
        /// Analyse these inputs in a throwaway library instead of the user's library.
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Highlight text in an article, with an optional note and tags.
    Mark {
        /// The article's id (see `crossread list`).
        #[arg(long, value_name = "ID")]
        article: String,
        /// The text to highlight, as the article shows it.
        #[arg(long, value_name = "TEXT")]
        text: String,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Print the stored highlight as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List highlights (orphaned ones are those whose text left the article).
    Highlights {
        #[arg(long)]
        json: bool,
    },
    /// Export highlights to Markdown (stdout without --out).
    Export {
        /// Write to this file (never overwritten without --force).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Only highlights of these articles.
        #[arg(long = "article", value_name = "ID")]
        articles: Vec<String>,
        /// Overwrite an existing --out file.
        #[arg(long)]
        force: bool,
        /// Lay the export out with this template (Jinja syntax; see the README).
        #[arg(long, value_name = "FILE")]
        template: Option<PathBuf>,
    },
    /// Check the library's files; with --rebuild, move damaged parts aside and re-add the
    /// sources.
    Doctor {
        #[arg(long)]
        rebuild: bool,
    },
    /// Manage feed subscriptions (add, list, remove, import OPML or newsboat urls, export OPML).
    #[command(subcommand)]
    Feeds(super::feeds::FeedsCommand),
    /// Fetch every subscribed feed into the library.
    Fetch(super::feeds::FetchArgs),
    /// Remove articles from the library by id.
    Remove {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
    },
}

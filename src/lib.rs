//! crossread's engine: ingest articles, index and search them, recognise entities, link claims
//! across sources, keep highlights and export them.
//!
//! Nothing here prints or touches a terminal; the binary (`src/main.rs`) and the reader
//! (`src/tui/`) are the only places that talk to the user.

pub mod analysis;
pub mod article;
pub mod claims;
pub mod coverage;
pub mod entities;
pub mod error;
pub mod export;
pub mod feeds;
pub mod fsutil;
pub mod fxhash;
pub mod ingest;
pub mod library;
pub mod sentences;
pub mod sourcing;
pub mod text;
pub mod tui;

pub use article::Article;
pub use error::LibraryError;
pub use library::Library;

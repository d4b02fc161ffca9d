//! Prints every sentence of the given inputs with the attribution and certainty crossread
//! finds for it, to see what the rules do on articles of your own:
//!
//! ```text
//! cargo run --release --example sourcing_explain -- PATH... [--only-attributed]
//! ```

use crossread::Library;
use crossread::sourcing::ArticleSourcing;

fn main() -> anyhow::Result<()> {
    let mut paths = Vec::new();
    let mut only_attributed = false;
    for arg in std::env::args().skip(1) {
        if arg == "--only-attributed" {
            only_attributed = true;
        } else {
            paths.push(std::path::PathBuf::from(arg));
        }
    }
    if paths.is_empty() {
        anyhow::bail!("usage: sourcing_explain PATH... [--only-attributed]");
    }
    let mut library = Library::temporary()?;
    library.add(&paths, &mut |_| {})?;
    for summary in library.list() {
        let Some(stored) = library.article(&summary.id)? else {
            continue;
        };
        println!(
            "== {} ({})",
            stored.article.title,
            stored.article.path.as_deref().unwrap_or("")
        );
        let sourcing = ArticleSourcing::new(&stored);
        let body = stored.article.body();
        for &(start, end) in &stored.sentences {
            let found = sourcing.sentence(start, end);
            if only_attributed && found.attribution.is_empty() {
                continue;
            }
            println!("  [{}] {}", found.compact(), &body[start..end]);
        }
    }
    Ok(())
}

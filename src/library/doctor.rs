//! Checking a library and rebuilding it from its sources.
//!
//! A corrupted or foreign file in the library directory must give a clear message and a way
//! out, never a panic. [`diagnose`] reads each part (catalog, index, stories, claim links,
//! highlights) and says what is wrong with it; [`rebuild`] moves the damaged parts aside (it
//! never deletes anything) and re-adds every input file the catalog remembers, keeping the
//! highlights, which re-anchor themselves by quote.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::catalog::CatalogFile;
use super::highlights::HighlightStore;
use super::{AddReport, Layout, Library};
use crate::error::{LibraryError, Result};

/// The verdict on one part of the library.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    pub part: &'static str,
    pub path: PathBuf,
    pub ok: bool,
    pub detail: String,
}

/// Checks every part of the library in `dir` without changing anything.
pub fn diagnose(dir: &Path) -> Vec<Check> {
    let layout = Layout::new(dir);
    let mut checks = Vec::new();
    let mut check =
        |part: &'static str, path: PathBuf, result: std::result::Result<String, String>| {
            let (ok, detail) = match result {
                Ok(detail) => (true, detail),
                Err(detail) => (false, detail),
            };
            checks.push(Check {
                part,
                path,
                ok,
                detail,
            });
        };
    let mut catalog_file = CatalogFile::new(&layout);
    let catalog = catalog_file.load();
    check(
        "catalog",
        catalog_file.path(),
        catalog
            .as_ref()
            .map(|c| {
                format!(
                    "{} articles from {} input files",
                    c.articles().len(),
                    c.inputs().len()
                )
            })
            .map_err(|e| e.to_string()),
    );
    let index = Library::open(dir).map(|library| library.len());
    let articles = index.as_ref().ok().copied();
    check(
        "index",
        layout.index(),
        index
            .map(|n| format!("opens; {n} articles listed"))
            .map_err(|e| e.to_string()),
    );
    check(
        "stories",
        layout.stories(),
        super::links::stories::Stories::load(&layout)
            .map_err(|e| e.to_string())
            .map(|stories| {
                // Not damage: an add cut off after its index commit leaves articles the next
                // add links; a library written before the learned claim scorer has none.
                let held = stories.vectors.len();
                match articles {
                    Some(n) if held < n => format!(
                        "{held} of {n} articles have a story; the others take no part in \
                         claims until an add reads them again (a library written before the \
                         learned claim scorer: `crossread doctor --rebuild`)"
                    ),
                    _ => format!("{held} articles with their nearest articles"),
                }
            }),
    );
    check(
        "claim links",
        super::links::file::path(&layout),
        super::links::file::load(&layout)
            .map(|l| format!("{} links", l.links.len()))
            .map_err(|e| e.to_string()),
    );
    let highlights_path = layout.highlights();
    check(
        "highlights",
        highlights_path.clone(),
        HighlightStore::load(&highlights_path)
            .map(|h| format!("{} highlights", h.highlights.len()))
            .map_err(|e| e.to_string()),
    );
    checks
}

/// What a rebuild did.
#[derive(Debug)]
pub struct Rebuild {
    /// Where the damaged parts were moved.
    pub moved_to: PathBuf,
    /// Input files re-added (those that still exist).
    pub inputs: Vec<PathBuf>,
    pub report: AddReport,
}

/// Moves the index, catalog and links aside and re-adds the inputs the catalog lists (from
/// the moved catalog when it is readable). Highlights stay where they are.
pub fn rebuild(dir: &Path) -> Result<Rebuild> {
    let layout = Layout::new(dir);
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S").to_string();
    let aside = layout.moved_aside(&stamp);
    let moved_to = aside.root().to_path_buf();
    let io_error = |path: &Path, err: std::io::Error| LibraryError::Write {
        path: path.to_path_buf(),
        reason: crate::ingest::describe_io_error(&err),
    };
    std::fs::create_dir_all(&moved_to).map_err(|e| io_error(&moved_to, e))?;
    let old_catalog = CatalogFile::new(&layout).load().ok();
    for (from, to) in layout
        .derived_parts()
        .into_iter()
        .zip(aside.derived_parts())
    {
        if from.exists() {
            std::fs::rename(&from, to).map_err(|e| io_error(&from, e))?;
        }
    }
    let inputs: Vec<PathBuf> = old_catalog
        .map(|c| {
            c.inputs()
                .keys()
                .map(PathBuf::from)
                .filter(|p| p.exists())
                .collect()
        })
        .unwrap_or_default();
    let mut library = Library::open(dir)?;
    let report = library.add(&inputs, &mut |_| {})?;
    Ok(Rebuild {
        moved_to,
        inputs,
        report,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corrupted_catalog_is_diagnosed_and_rebuilt_from_sources() {
        let inputs = tempfile::tempdir().unwrap();
        std::fs::write(
            inputs.path().join("a.txt"),
            "A headline\n\nSome body text here.\n",
        )
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        {
            let mut library = Library::open(dir.path()).unwrap();
            library
                .add(&[inputs.path().to_path_buf()], &mut |_| {})
                .unwrap();
        }
        // Damage the links file with foreign content: reported, not a panic.
        std::fs::write(dir.path().join("links.jsonl"), b"\x00\x01 not json").unwrap();
        let checks = diagnose(dir.path());
        let links = checks.iter().find(|c| c.part == "claim links").unwrap();
        assert!(!links.ok);
        assert!(links.detail.contains("links.jsonl"), "{}", links.detail);
        assert!(checks.iter().find(|c| c.part == "catalog").unwrap().ok);

        let rebuilt = rebuild(dir.path()).unwrap();
        assert_eq!(rebuilt.inputs.len(), 1);
        assert!(
            rebuilt.moved_to.join("links.jsonl").exists(),
            "nothing is deleted"
        );
        assert!(diagnose(dir.path()).iter().all(|c| c.ok));
        assert_eq!(Library::open(dir.path()).unwrap().len(), 1);
    }
}

//! The bundled sample corpus: five real articles about one story, compiled into the binary so
//! the reader works on a machine without the source tree.

use std::path::{Path, PathBuf};

const FILES: &[(&str, &str)] = &[
    (
        "000_96b79c2ca8872afe.txt",
        include_str!("../../assets/corpus/000_96b79c2ca8872afe.txt"),
    ),
    (
        "001_10130c30afdc7a7e.txt",
        include_str!("../../assets/corpus/001_10130c30afdc7a7e.txt"),
    ),
    (
        "002_48417b3ccf798182.txt",
        include_str!("../../assets/corpus/002_48417b3ccf798182.txt"),
    ),
    (
        "003_31cf9df19f39d1bd.txt",
        include_str!("../../assets/corpus/003_31cf9df19f39d1bd.txt"),
    ),
    (
        "004_ee64be6ebc57e438.txt",
        include_str!("../../assets/corpus/004_ee64be6ebc57e438.txt"),
    ),
];

/// Writes the sample corpus into the library directory's sample folder (unchanged files are
/// left alone) and returns that folder.
pub fn materialize(library_dir: &Path) -> std::io::Result<PathBuf> {
    let dir = crossread::library::Layout::new(library_dir).sample_corpus();
    std::fs::create_dir_all(&dir)?;
    for (name, text) in FILES {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(*text) {
            crossread::fsutil::write_atomic(&path, text.as_bytes())?;
        }
    }
    Ok(dir)
}

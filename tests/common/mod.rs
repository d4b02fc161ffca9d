//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// A fresh library directory that disappears with the returned guard.
pub fn library_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

pub fn no_progress() -> impl FnMut(crossread::library::AddProgress<'_>) {
    |_| {}
}

//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

/// Runs the binary on a library directory, isolated from the user's environment.
pub fn crossread(library: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crossread"))
        .arg("--library")
        .arg(library)
        .args(args)
        .env_remove("CROSSREAD_LIBRARY")
        .output()
        .expect("run crossread")
}

/// Stdout parsed as JSON, with both streams shown when it is not.
pub fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|err| {
        panic!(
            "stdout is not JSON ({err}): {}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

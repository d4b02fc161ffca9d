//! The `crossread` binary: parses arguments and hands each subcommand to `cli`.
//!
//! Map: `cli::args` defines the command line, `cli::commands` runs each subcommand against the
//! engine in the library crate, `cli::output` prints (colour only on a terminal; a closed pipe
//! is a normal end, not an error).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}

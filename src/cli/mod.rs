//! Command-line front end: argument parsing, dispatch, exit codes.

pub mod analyze;
pub mod args;
pub mod commands;
pub mod coverage;
pub mod feeds;
pub mod output;
pub mod sample;

use std::process::ExitCode;

use clap::Parser as _;

/// Exit code when an input failed (as opposed to a usage error, which clap exits 2 for).
pub const EXIT_INPUT_FAILED: u8 = 1;

pub fn run() -> ExitCode {
    let args = args::Cli::parse();
    match commands::dispatch(args) {
        Ok(code) => code,
        Err(err) => {
            if output::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("crossread: {err:#}");
            ExitCode::from(EXIT_INPUT_FAILED)
        }
    }
}

//! The command-line face of subscriptions: clap types and the functions that run them.
//!
//! The main crate's clap commands embed [`FeedsCommand`] (`crossread feeds …`) and
//! [`FetchArgs`] (`crossread fetch`) and call [`run_feeds_command`] / [`run_fetch_command`].
//! Results go to stdout (or JSON with `--json`); the progress bar and warnings go to stderr,
//! the bar only when stderr is a terminal. Exit code 1 means some input failed: a feed that
//! could not be fetched, or a list entry that was rejected.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Args, Subcommand};

use crossread::feeds::fetch::{FeedStatus, FetchOptions, FetchProgress, FetchReport, fetch};
use crossread::feeds::import::import_file;
use crossread::feeds::opml;
use crossread::feeds::store::{FeedStore, Subscribed, Subscription, clean_label, validate_url};
use crossread::library::{Layout, Library};

/// Exit code when a feed or a list entry failed.
const EXIT_INPUT_FAILED: u8 = 1;

#[derive(Debug, Subcommand)]
pub enum FeedsCommand {
    /// Subscribe to a feed (http or https URL).
    Add {
        #[arg(value_name = "URL")]
        url: String,
        /// Tag the feed (repeatable).
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Title to show instead of the feed's own.
        #[arg(long, value_name = "TITLE")]
        title: Option<String>,
        /// Fetch the linked page of entries that carry only a summary.
        #[arg(long)]
        full_text: bool,
    },
    /// List subscriptions.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Unsubscribe (articles already fetched stay in the library).
    Remove {
        #[arg(value_name = "URL")]
        url: String,
    },
    /// Import subscriptions from an OPML file or a newsboat `urls` file.
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Export subscriptions as OPML (stdout without --out).
    Export {
        /// Write to this file (never overwritten without --force).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        #[arg(long)]
        force: bool,
    },
}

/// Options of `crossread fetch`.
#[derive(Debug, Clone, Args)]
pub struct FetchArgs {
    /// Only feeds with this tag (repeatable).
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Feeds fetched at the same time.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=32))]
    pub concurrency: u16,
    /// Feeds fetched at the same time from one host (server).
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..=32))]
    pub per_host: u16,
    /// Seconds allowed per response, from connecting to the last byte.
    #[arg(long, value_name = "SECONDS", default_value_t = 20)]
    pub timeout: u64,
    /// Largest response accepted, in MB (after decompression).
    #[arg(long, value_name = "MB", default_value_t = 100)]
    pub max_size: u64,
    /// Longest wait, in seconds, for a server that answers 429 or 503 with Retry-After
    /// before its feed is tried again in this run (a longer wait is reported instead).
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub max_retry_wait: u64,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

impl FetchArgs {
    pub fn options(&self) -> FetchOptions {
        FetchOptions {
            concurrency: usize::from(self.concurrency),
            per_host: usize::from(self.per_host),
            max_retry_wait: Duration::from_secs(self.max_retry_wait),
            timeout: Duration::from_secs(self.timeout.max(1)),
            max_bytes: self.max_size.max(1) * 1024 * 1024,
            tags: self.tags.clone(),
            ..FetchOptions::default()
        }
    }
}

/// Runs `crossread feeds …` against the library in `library_dir`.
pub fn run_feeds_command(library_dir: &Path, cmd: FeedsCommand) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match cmd {
        FeedsCommand::Add {
            url,
            tags,
            title,
            full_text,
        } => {
            let mut sub = Subscription::new(validate_url(&url)?);
            sub.tags = tags.iter().filter_map(|t| clean_label(t)).collect();
            sub.title = title.as_deref().and_then(clean_label);
            sub.full_text = full_text;
            let mut store = FeedStore::load(library_dir)?;
            let shown = sub.url.clone();
            let result = store.subscribe(sub);
            store.save(library_dir)?;
            let verb = match result {
                Subscribed::Added => "subscribed to",
                Subscribed::Updated => "updated",
                Subscribed::Unchanged => "already subscribed to",
            };
            writeln!(out, "{verb} {shown}; run `crossread fetch` to fetch it")?;
        }
        FeedsCommand::List { json } => {
            let store = FeedStore::load(library_dir)?;
            if json {
                serde_json::to_writer_pretty(&mut out, &store.feeds)?;
                writeln!(out)?;
            } else if store.feeds.is_empty() {
                writeln!(
                    out,
                    "no subscriptions; add one with `crossread feeds add URL`"
                )?;
            } else {
                for feed in &store.feeds {
                    write!(out, "{}", feed.url)?;
                    if let Some(title) = &feed.title {
                        write!(out, "  {title}")?;
                    }
                    if !feed.tags.is_empty() {
                        write!(out, "  [{}]", feed.tags.join(", "))?;
                    }
                    if feed.full_text {
                        write!(out, "  (full text)")?;
                    }
                    if let Some(error) = &feed.state.last_error {
                        write!(out, "  last fetch failed: {error}")?;
                    }
                    writeln!(out)?;
                }
            }
        }
        FeedsCommand::Remove { url } => {
            let mut store = FeedStore::load(library_dir)?;
            let removed = store.unsubscribe(&url)?;
            store.save(library_dir)?;
            let layout = Layout::new(library_dir);
            let _ = std::fs::remove_file(layout.feed_pages(&removed.url));
            let _ = std::fs::remove_file(layout.feed_body(&removed.url));
            writeln!(
                out,
                "unsubscribed from {}; its articles stay in the library",
                removed.url
            )?;
        }
        FeedsCommand::Import { file } => return import(library_dir, &file, &mut out),
        FeedsCommand::Export { out: target, force } => {
            let store = FeedStore::load(library_dir)?;
            let text = opml::export(&store.feeds);
            match target {
                None => out.write_all(text.as_bytes())?,
                Some(path) => {
                    let written = if force {
                        crossread::fsutil::write_atomic(&path, text.as_bytes())
                    } else {
                        crossread::fsutil::create_new_atomic(&path, text.as_bytes())
                    };
                    written.with_context(|| format!("cannot write {}", path.display()))?;
                    writeln!(
                        out,
                        "exported {} subscriptions to {}",
                        store.feeds.len(),
                        path.display()
                    )?;
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn import(library_dir: &Path, file: &Path, out: &mut dyn Write) -> Result<ExitCode> {
    let report = import_file(library_dir, file)?;
    writeln!(
        out,
        "imported {} new subscriptions, {} updated, {} already there, {} rejected",
        report.added,
        report.updated,
        report.unchanged,
        report.rejected.len()
    )?;
    for (what, why) in &report.rejected {
        writeln!(out, "rejected  {what}  {why}")?;
    }
    out.flush()?;
    Ok(exit_code(report.rejected.is_empty()))
}

/// Runs `crossread fetch`: fetches every feed, with a progress bar on a terminal, then prints
/// a summary (or the JSON report) and lists failures.
pub fn run_fetch_command(library_dir: &Path, args: &FetchArgs) -> Result<ExitCode> {
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {bar:30} {pos}/{len} feeds · {msg} · {elapsed}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    });
    let mut on_progress = |p: FetchProgress<'_>| {
        if let Some(bar) = &bar {
            bar.set_length(p.total as u64);
            bar.set_position(p.done as u64);
            bar.set_message(format!("{} articles added", p.articles_added));
        }
    };
    let report = Library::open(library_dir)
        .map_err(Into::into)
        .and_then(|mut library| fetch(&mut library, &args.options(), &mut on_progress));
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let report = report?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        print_summary(&report, &mut out)?;
    }
    out.flush()?;
    Ok(exit_code(!report.has_failures()))
}

fn print_summary(report: &FetchReport, out: &mut dyn Write) -> std::io::Result<()> {
    if report.feeds.is_empty() {
        return writeln!(
            out,
            "no subscriptions; add one with `crossread feeds add URL`"
        );
    }
    let not_modified = report
        .feeds
        .iter()
        .filter(|f| f.status == FeedStatus::NotModified)
        .count();
    let failed = report.failures().count();
    writeln!(
        out,
        "{} feeds: {} articles added, {} updated; {} not modified, {} failed",
        report.feeds.len(),
        report.added(),
        report.updated(),
        not_modified,
        failed
    )?;
    for feed in &report.feeds {
        for warning in &feed.warnings {
            eprintln!("warning: {}: {warning}", feed.url);
        }
        if let FeedStatus::Failed { kind, reason } = &feed.status {
            let title = feed
                .title
                .as_deref()
                .map(|t| format!(" ({t})"))
                .unwrap_or_default();
            writeln!(
                out,
                "failed  {}{title}  {}: {reason}",
                feed.url,
                kind.label()
            )?;
        }
    }
    Ok(())
}

fn exit_code(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_INPUT_FAILED)
    }
}

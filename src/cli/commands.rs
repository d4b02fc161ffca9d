//! One function per subcommand; each is a thin layer over a library call.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use crossread::Library;
use crossread::library::{AddProgress, AddReport, AddStatus};
use serde::Serialize;

use super::EXIT_INPUT_FAILED;
use super::args::{Cli, Command};
use super::output::Out;

pub fn dispatch(cli: Cli) -> Result<ExitCode> {
    let library_dir = || library_dir(cli.library.as_deref());
    match cli.command {
        Some(Command::Add { paths, json }) => add(&library_dir()?, &paths, json),
        Some(Command::List { json }) => list(&open(&library_dir()?)?, json),
        Some(Command::Search {
            query,
            limit,
            inputs,
            json,
        }) => {
            let query = query.join(" ");
            if inputs.is_empty() {
                search(&open(&library_dir()?)?, &query, limit, json)
            } else {
                let (library, code) = temporary_library(&inputs)?;
                search(&library, &query, limit, json)?;
                Ok(code)
            }
        }
        Some(Command::Remove { ids }) => remove(&library_dir()?, &ids),
        Some(Command::Doctor { rebuild }) => doctor(&library_dir()?, rebuild),
        Some(Command::Feeds(command)) => super::feeds::run_feeds_command(&library_dir()?, command),
        Some(Command::Fetch(args)) => super::feeds::run_fetch_command(&library_dir()?, &args),
        Some(Command::Mark {
            article,
            text,
            note,
            tags,
            json,
        }) => mark(&library_dir()?, &article, &text, note, tags, json),
        Some(Command::Highlights { json }) => highlights(&open(&library_dir()?)?, json),
        Some(Command::Export {
            out,
            articles,
            force,
            template,
        }) => export(
            &open(&library_dir()?)?,
            out.as_deref(),
            articles,
            force,
            template.as_deref(),
        ),
        Some(Command::Entities { paths, json }) => {
            with_library(&paths, &library_dir, |l| super::analyze::entities(l, json))
        }
        Some(Command::Claims { paths, json }) => {
            with_library(&paths, &library_dir, |l| super::analyze::claims(l, json))
        }
        Some(Command::Coverage { paths, json }) => {
            with_library(&paths, &library_dir, |l| super::coverage::coverage(l, json))
        }
        None => open_reader(
            &library_dir()?,
            &cli.paths,
            load_config(cli.config.as_deref())?,
        ),
    }
}

/// The configuration: `--config FILE` (must exist), else `config.toml` in the platform config
/// directory (optional).
fn load_config(flag: Option<&Path>) -> Result<crossread::tui::config::Config> {
    if let Some(path) = flag {
        return Ok(crossread::tui::config::Config::load(path, true)?);
    }
    match directories::ProjectDirs::from("", "", "crossread") {
        Some(dirs) => Ok(crossread::tui::config::Config::load(
            &dirs.config_dir().join("config.toml"),
            false,
        )?),
        None => Ok(crossread::tui::config::Config::default()),
    }
}

/// Runs `command` on a throwaway library of `paths`, or on the user's library when there are
/// none; an input that failed makes the exit code 1 even when the command succeeds.
fn with_library(
    paths: &[PathBuf],
    library_dir: &dyn Fn() -> Result<PathBuf>,
    command: impl FnOnce(&Library) -> Result<ExitCode>,
) -> Result<ExitCode> {
    if paths.is_empty() {
        command(&open(&library_dir()?)?)
    } else {
        let (library, code) = temporary_library(paths)?;
        let result = command(&library)?;
        Ok(if code == ExitCode::SUCCESS {
            result
        } else {
            code
        })
    }
}

/// `--library`, then `$CROSSREAD_LIBRARY` (clap reads both), then the platform data dir.
fn library_dir(flag: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = flag {
        return Ok(dir.to_path_buf());
    }
    let dirs = directories::ProjectDirs::from("", "", "crossread").context(
        "cannot find a home directory for the library; pass --library DIR or set CROSSREAD_LIBRARY",
    )?;
    Ok(dirs.data_dir().to_path_buf())
}

fn open(dir: &Path) -> Result<Library> {
    Ok(Library::open(dir)?)
}

/// A throwaway in-memory library holding `inputs`; problems with inputs go to stderr.
pub fn temporary_library(inputs: &[PathBuf]) -> Result<(Library, ExitCode)> {
    let mut library = Library::temporary()?;
    let report = library.add(inputs, &mut |_| {})?;
    print_problems(&report);
    Ok((library, exit_code(&report)))
}

fn exit_code(report: &AddReport) -> ExitCode {
    if report.count(AddStatus::Failed) > 0 {
        ExitCode::from(EXIT_INPUT_FAILED)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_problems(report: &AddReport) {
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    for entry in &report.entries {
        match entry.status {
            AddStatus::Failed => eprintln!(
                "failed:  {}: {}",
                entry.path,
                entry.reason.as_deref().unwrap_or("")
            ),
            AddStatus::Skipped => eprintln!(
                "skipped: {}: {}",
                entry.path,
                entry.reason.as_deref().unwrap_or("")
            ),
            _ => {}
        }
    }
}

/// Adds inputs with a progress bar on stderr once the run passes a second.
fn run_add(library: &mut Library, paths: &[PathBuf]) -> Result<AddReport> {
    let started = Instant::now();
    let mut bar: Option<indicatif::ProgressBar> = None;
    let show_bar = std::io::stderr().is_terminal();
    let mut on_progress = |p: AddProgress<'_>| {
        if !show_bar {
            return;
        }
        if bar.is_none() && started.elapsed() > Duration::from_secs(1) {
            let new_bar = indicatif::ProgressBar::new(p.total as u64);
            new_bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files  {msg}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar = Some(new_bar);
        }
        if let Some(bar) = &bar {
            bar.set_position(p.done as u64);
            let name = p
                .current
                .file_name()
                .map(|n| crossread::text::sanitize(&n.to_string_lossy()))
                .unwrap_or_default();
            bar.set_message(name);
        }
    };
    let report = library.add(paths, &mut on_progress)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(report)
}

fn add(dir: &Path, paths: &[PathBuf], json: bool) -> Result<ExitCode> {
    let mut library = open(dir)?;
    let report = run_add(&mut library, paths)?;
    let mut out = Out::new();
    if json {
        out.json(&report)?;
    } else {
        for warning in &report.warnings {
            eprintln!("warning: {warning}");
        }
        for entry in &report.entries {
            let status = match entry.status {
                AddStatus::Added => "added",
                AddStatus::Updated => "updated",
                AddStatus::Unchanged => "unchanged",
                AddStatus::Skipped => "skipped",
                AddStatus::Failed => "failed",
            };
            let detail = match (&entry.title, &entry.reason) {
                (_, Some(reason)) => reason.clone(),
                (Some(title), None) => title.clone(),
                (None, None) => String::new(),
            };
            writeln!(out, "{status:<9} {}  {}", entry.path, out.dim(&detail))?;
        }
        writeln!(
            out,
            "{} added, {} updated, {} unchanged, {} skipped, {} failed; {} articles in {}",
            report.count(AddStatus::Added),
            report.count(AddStatus::Updated),
            report.count(AddStatus::Unchanged),
            report.count(AddStatus::Skipped),
            report.count(AddStatus::Failed),
            library.len(),
            dir.display()
        )?;
    }
    out.flush()?;
    Ok(exit_code(&report))
}

#[derive(Serialize)]
struct ListedArticle<'a> {
    id: &'a str,
    title: &'a str,
    source: Option<&'a str>,
    path: Option<&'a str>,
    url: Option<&'a str>,
    published: Option<&'a str>,
}

fn list(library: &Library, json: bool) -> Result<ExitCode> {
    let mut articles = library.list();
    articles.sort_by(|a, b| b.published.cmp(&a.published).then(a.title.cmp(&b.title)));
    let mut out = Out::new();
    if json {
        #[derive(Serialize)]
        struct Listing<'a> {
            articles: Vec<ListedArticle<'a>>,
        }
        let listing = Listing {
            articles: articles
                .iter()
                .map(|a| ListedArticle {
                    id: &a.id,
                    title: &a.title,
                    source: a.source.as_deref(),
                    path: a.path.as_deref(),
                    url: a.url.as_deref(),
                    published: a.published.as_deref(),
                })
                .collect(),
        };
        out.json(&listing)?;
    } else {
        for a in &articles {
            let date = a
                .published
                .as_deref()
                .map(|d| &d[..d.len().min(10)])
                .unwrap_or("");
            let source = a.source.as_deref().unwrap_or("");
            writeln!(
                out,
                "{}  {:<10}  {}  {}",
                a.id,
                date,
                out.bold(&a.title),
                out.dim(source)
            )?;
        }
        if articles.is_empty() {
            writeln!(
                out,
                "The library is empty; add articles with `crossread add PATH`."
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn search(library: &Library, query: &str, limit: usize, json: bool) -> Result<ExitCode> {
    let results = library.search(query, limit)?;
    for ignored in &results.ignored {
        eprintln!("note: ignored part of the query: {ignored}");
    }
    let mut out = Out::new();
    if json {
        out.json(&results)?;
    } else {
        for (rank, hit) in results.hits.iter().enumerate() {
            let source = hit.source.as_deref().or(hit.path.as_deref()).unwrap_or("");
            writeln!(
                out,
                "{:>2}. {}  {}  {}",
                rank + 1,
                out.bold(&hit.title),
                out.dim(source),
                out.dim(&hit.id)
            )?;
            writeln!(
                out,
                "    {}",
                out.highlighted(&hit.snippet, &hit.highlights)
            )?;
        }
        if results.hits.is_empty() {
            writeln!(out, "No articles match {query:?}.")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn remove(dir: &Path, ids: &[String]) -> Result<ExitCode> {
    let mut library = open(dir)?;
    let unknown = library.remove(ids)?;
    for id in &unknown {
        eprintln!("not in the library: {id}");
    }
    println!("removed {} article(s)", ids.len() - unknown.len());
    Ok(if unknown.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_INPUT_FAILED)
    })
}

/// Opens the reader: adds `paths` first (or, on an empty library, the bundled sample
/// corpus), all on the reader's background thread with progress shown.
fn open_reader(
    dir: &Path,
    paths: &[PathBuf],
    config: crossread::tui::config::Config,
) -> Result<ExitCode> {
    if !std::io::stdout().is_terminal() {
        anyhow::bail!(
            "the reader needs a terminal; use a subcommand (add, list, search, entities, claims, coverage) in scripts"
        );
    }
    let sample_dir = dir.to_path_buf();
    let startup = crossread::tui::worker::Startup {
        library_dir: dir.to_path_buf(),
        add: paths.to_vec(),
        sample_corpus: Some(Box::new(move || super::sample::materialize(&sample_dir))),
    };
    crossread::tui::run(config, startup)?;
    Ok(ExitCode::SUCCESS)
}

fn mark(
    dir: &Path,
    article: &str,
    text: &str,
    note: Option<String>,
    tags: Vec<String>,
    json: bool,
) -> Result<ExitCode> {
    let mut library = open(dir)?;
    let highlight = library.mark_text(article, text, note, tags)?;
    let mut out = Out::new();
    if json {
        out.json(&highlight)?;
    } else {
        writeln!(
            out,
            "marked {} in {}: {}",
            highlight.id, highlight.article, highlight.text
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn highlights(library: &Library, json: bool) -> Result<ExitCode> {
    let highlights = library.highlights()?;
    let mut out = Out::new();
    if json {
        #[derive(Serialize)]
        struct Listing<'a> {
            highlights: &'a [crossread::library::LocatedHighlight],
        }
        out.json(&Listing {
            highlights: &highlights,
        })?;
    } else {
        if highlights.is_empty() {
            writeln!(
                out,
                "No highlights yet; mark text with `crossread mark` or `m` in the reader."
            )?;
        }
        let titles: std::collections::HashMap<String, String> = library
            .list()
            .into_iter()
            .map(|a| (a.id, a.title))
            .collect();
        for h in &highlights {
            let title = titles
                .get(&h.highlight.article)
                .cloned()
                .unwrap_or_else(|| h.highlight.article.clone());
            let state = if h.orphaned {
                "  [orphaned: text no longer in the article]"
            } else {
                ""
            };
            writeln!(
                out,
                "{}  {}{}",
                out.dim(&h.highlight.id),
                out.bold(&title),
                state
            )?;
            writeln!(out, "    \u{201c}{}\u{201d}", h.highlight.text)?;
            if let Some(note) = &h.highlight.note {
                writeln!(out, "    note: {note}")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn export(
    library: &Library,
    out_path: Option<&Path>,
    articles: Vec<String>,
    force: bool,
    template: Option<&Path>,
) -> Result<ExitCode> {
    let template = match template {
        Some(path) => Some(crossread::export::template::Template {
            name: path.display().to_string(),
            source: std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the template {}", path.display()))?,
        }),
        None => None,
    };
    let markdown = crossread::export::export_markdown(
        library,
        &crossread::export::ExportOptions {
            articles,
            date: None,
            template,
        },
    )?;
    match out_path {
        None => {
            let mut out = Out::new();
            out.write_all(markdown.as_bytes())?;
            out.flush()?;
        }
        Some(path) => {
            let written = if force {
                crossread::fsutil::write_atomic(path, markdown.as_bytes())
            } else {
                crossread::fsutil::create_new_atomic(path, markdown.as_bytes())
            };
            written.with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn doctor(dir: &Path, rebuild: bool) -> Result<ExitCode> {
    let mut out = Out::new();
    let checks = crossread::library::doctor::diagnose(dir);
    for check in &checks {
        let verdict = if check.ok { "ok     " } else { "DAMAGED" };
        writeln!(out, "{verdict} {:<12} {}", check.part, check.detail)?;
    }
    let damaged = checks.iter().any(|c| !c.ok);
    if rebuild {
        let rebuilt = crossread::library::doctor::rebuild(dir)?;
        writeln!(
            out,
            "moved the index, catalog and links to {}; re-added {} input file(s): {} articles",
            rebuilt.moved_to.display(),
            rebuilt.inputs.len(),
            rebuilt.report.count(AddStatus::Added)
        )?;
    } else if damaged {
        writeln!(
            out,
            "run `crossread doctor --rebuild` to rebuild from the sources (nothing is deleted)"
        )?;
    }
    out.flush()?;
    Ok(if damaged && !rebuild {
        ExitCode::from(EXIT_INPUT_FAILED)
    } else {
        ExitCode::SUCCESS
    })
}

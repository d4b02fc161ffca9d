//! Turning files on disk into [`Article`]s.
//!
//! Inputs are detected by content as well as by extension: plain text, Markdown with YAML
//! front matter, saved web pages and RSS/Atom/JSON feeds; folders are walked recursively. Each
//! file yields a [`FileOutcome`]: its articles (with warnings such as lossy UTF-8 decoding), a
//! skip with the reason (empty, binary, too large, not an article format), or a failure with
//! the reason. One bad file never stops the others.

pub mod clean;
pub mod feed;
pub mod html;
pub mod markdown;
pub mod plain;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::article::Article;
use crate::text::{sanitize, stable_hash};

/// Files larger than this are skipped: no article is 50 MB, and reading one would stall.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// Why a file that was read gives no article (a feed with no entries says so too).
pub const NO_ARTICLE_TEXT: &str = "no article text after removing page furniture";
/// Feed files (by extension) may be larger: a feed of 10,000 full-text items can be 36 MB.
/// `crossread fetch` applies its own limit (`--max-size`) to the feeds it downloads.
pub const MAX_FEED_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// What kind of document a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Text,
    Markdown,
    Html,
    Feed,
}

/// The result of reading one file.
#[derive(Debug)]
pub enum FileOutcome {
    /// The file was read; `articles` may be several for a feed.
    Read(ReadFile),
    /// Deliberately not read, for a reason the user can act on.
    Skipped { path: PathBuf, reason: String },
    /// The file should have been readable but was not.
    Failed { path: PathBuf, reason: String },
    /// The file's bytes match the fingerprint the library already has.
    Unchanged { path: PathBuf },
}

impl FileOutcome {
    /// The file the outcome is about.
    pub fn path(&self) -> &Path {
        match self {
            FileOutcome::Read(file) => &file.path,
            FileOutcome::Skipped { path, .. }
            | FileOutcome::Failed { path, .. }
            | FileOutcome::Unchanged { path } => path,
        }
    }
}

/// A file that was read, with a fingerprint of its raw bytes for incremental re-adds.
#[derive(Debug)]
pub struct ReadFile {
    pub path: PathBuf,
    pub kind: InputKind,
    pub fingerprint: u64,
    pub articles: Vec<Article>,
    pub warnings: Vec<String>,
}

/// A file found under the paths the user gave, or a path that could not be used.
#[derive(Debug)]
pub enum Discovered {
    File(PathBuf),
    Missing {
        path: PathBuf,
        reason: String,
    },
    /// A folder not walked, for a reason the user can act on (a link that would loop).
    Skipped {
        path: PathBuf,
        reason: String,
    },
}

/// Expands the user's paths: files as they are, folders recursively (skipping hidden entries
/// and files whose extension is not an article format), in a stable order.
///
/// Symbolic links are followed, but each folder is walked at most once (folders are told
/// apart by device and inode, as walkdir does): a link to a folder already walked adds
/// nothing, and a link to a folder that contains it, which would make the walk descend
/// forever, is reported once as skipped.
pub fn discover(paths: &[PathBuf]) -> Vec<Discovered> {
    let mut walk = Walk::default();
    for path in paths {
        match fs::metadata(path) {
            Err(err) => walk.found.push(Discovered::Missing {
                path: path.clone(),
                reason: describe_io_error(&err),
            }),
            Ok(meta) if meta.is_dir() => walk.dir(path, &meta),
            Ok(_) => walk.found.push(Discovered::File(path.clone())),
        }
    }
    walk.found
}

/// Identifies a folder however it is reached.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FolderId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

impl FolderId {
    #[cfg(unix)]
    fn of(_path: &Path, meta: &fs::Metadata) -> FolderId {
        use std::os::unix::fs::MetadataExt;
        FolderId::Inode(meta.dev(), meta.ino())
    }

    #[cfg(not(unix))]
    fn of(path: &Path, _meta: &fs::Metadata) -> FolderId {
        FolderId::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

/// A folder walk: what it found, the folders it walked, and the folders it is inside.
#[derive(Default)]
struct Walk {
    found: Vec<Discovered>,
    walked: std::collections::HashSet<FolderId>,
    inside: Vec<(FolderId, PathBuf)>,
}

impl Walk {
    fn dir(&mut self, dir: &Path, meta: &fs::Metadata) {
        let id = FolderId::of(dir, meta);
        if let Some((_, ancestor)) = self.inside.iter().find(|(inside, _)| *inside == id) {
            self.found.push(Discovered::Skipped {
                path: dir.to_path_buf(),
                reason: format!(
                    "link to {}, a folder that contains it; not followed, as it would loop",
                    ancestor.display()
                ),
            });
            return;
        }
        if !self.walked.insert(id.clone()) {
            return;
        }
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(err) => {
                self.found.push(Discovered::Missing {
                    path: dir.to_path_buf(),
                    reason: describe_io_error(&err),
                });
                return;
            }
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        self.inside.push((id, dir.to_path_buf()));
        for path in paths {
            let hidden = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => self.dir(&path, &meta),
                // Files, and links that lead nowhere (reading them says why).
                _ if kind_from_extension(&path).is_some() => {
                    self.found.push(Discovered::File(path))
                }
                _ => {}
            }
        }
        self.inside.pop();
    }
}

/// Human wording for an I/O error, without Rust's "(os error 2)" noise.
pub fn describe_io_error(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => err.to_string(),
    }
}

fn kind_from_extension(path: &Path) -> Option<InputKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(InputKind::Text),
        "md" | "markdown" => Some(InputKind::Markdown),
        "html" | "htm" | "xhtml" => Some(InputKind::Html),
        "xml" | "rss" | "atom" | "rdf" | "feed" => Some(InputKind::Feed),
        "json" => Some(InputKind::Feed),
        _ => None,
    }
}

/// Detects the kind from the first bytes, falling back to the extension, then to text.
pub fn detect_kind(path: &Path, bytes: &[u8]) -> InputKind {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    let by_extension = kind_from_extension(path);
    if head.starts_with("<?xml") {
        // XHTML pages also start with an XML declaration.
        if head.contains("<html") && !head.contains("<rss") && !head.contains("<feed") {
            return InputKind::Html;
        }
        return InputKind::Feed;
    }
    if head.starts_with("<rss") || head.starts_with("<feed") || head.starts_with("<rdf:rdf") {
        return InputKind::Feed;
    }
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<!--") && head.contains("<html")
    {
        return InputKind::Html;
    }
    if head.starts_with('{') && head.contains("jsonfeed.org/version") {
        return InputKind::Feed;
    }
    if head.starts_with("---") {
        return InputKind::Markdown;
    }
    match by_extension {
        // A .json or .xml file that is not a feed is not an article either; let the feed
        // parser say why.
        Some(kind) => kind,
        None if head.starts_with('<') && (head.contains("<body") || head.contains("<p>")) => {
            InputKind::Html
        }
        None => InputKind::Text,
    }
}

/// Reads one file into articles. Never panics on bad input.
pub fn read_file(path: &Path) -> FileOutcome {
    read_file_if_changed(path, None)
}

/// Like [`read_file`], but returns [`FileOutcome::Unchanged`] without parsing when the file's
/// fingerprint equals `known`.
pub fn read_file_if_changed(path: &Path, known: Option<u64>) -> FileOutcome {
    let limit = match kind_from_extension(path) {
        Some(InputKind::Feed) => MAX_FEED_FILE_BYTES,
        _ => MAX_FILE_BYTES,
    };
    read_file_as(path, path, known, limit)
}

/// Reads `file` as if it were `path` (its origin, article ids and shown path are `path`'s), up
/// to `limit` bytes: a download is read before it replaces the file it updates.
pub fn read_file_as(file: &Path, path: &Path, known: Option<u64>, limit: u64) -> FileOutcome {
    let skipped = |reason: &str| FileOutcome::Skipped {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let failed = |reason: String| FileOutcome::Failed {
        path: path.to_path_buf(),
        reason,
    };
    let meta = match fs::metadata(file) {
        Ok(meta) => meta,
        Err(err) => return failed(describe_io_error(&err)),
    };
    if meta.len() > limit {
        return skipped(&format!(
            "file is {} MB, over the {} MB limit for one input",
            meta.len() / (1024 * 1024),
            limit / (1024 * 1024)
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    let read = fs::File::open(file).and_then(|file| file.take(limit + 1).read_to_end(&mut bytes));
    if let Err(err) = read {
        return failed(format!("cannot read: {}", describe_io_error(&err)));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return skipped("empty file");
    }
    if looks_binary(&bytes) {
        return skipped("binary file, not text");
    }
    let fingerprint = stable_hash(&[&bytes]);
    if known == Some(fingerprint) {
        return FileOutcome::Unchanged {
            path: path.to_path_buf(),
        };
    }
    let kind = detect_kind(path, &bytes);
    if kind == InputKind::Feed && is_plain_json(&bytes) {
        return skipped("JSON file that is not a JSON Feed (no jsonfeed.org version)");
    }
    let origin = canonical_origin(path);
    let mut warnings = Vec::new();
    let result = match kind {
        InputKind::Feed => feed::read_feed(&bytes, &origin),
        other => {
            let text = decode_text(&bytes, &mut warnings);
            match other {
                InputKind::Markdown => markdown::read_markdown(&text, &origin, &mut warnings),
                InputKind::Html => read_html(&text, &origin),
                _ => plain::read_text(&text, &origin),
            }
        }
    };
    match result {
        Ok(mut articles) => {
            let shown_path = path.to_string_lossy().into_owned();
            for article in &mut articles {
                article.path = Some(shown_path.clone());
            }
            if articles.is_empty() {
                return skipped(NO_ARTICLE_TEXT);
            }
            FileOutcome::Read(ReadFile {
                path: path.to_path_buf(),
                kind,
                fingerprint,
                articles,
                warnings,
            })
        }
        Err(reason) => failed(reason),
    }
}

/// The origin used for ids: the canonical absolute path, so the same file added from two
/// working directories is one article.
pub fn canonical_origin(path: &Path) -> String {
    fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// JSON that does not declare itself a JSON Feed.
fn is_plain_json(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    (head.starts_with('{') || head.starts_with('[')) && !head.contains("jsonfeed.org/version")
}

/// NUL bytes, or many control bytes, in the first 8 KiB mean this is not a text document.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        // UTF-16 text has NULs too, but saved articles in UTF-16 are rare enough to refuse.
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    controls * 20 > head.len()
}

/// Decodes UTF-8, replacing invalid sequences and warning how many there were.
fn decode_text(bytes: &[u8], warnings: &mut Vec<String>) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => sanitize(text),
        Err(_) => {
            let text = String::from_utf8_lossy(bytes);
            let replaced = text.matches('\u{fffd}').count();
            warnings.push(format!(
                "invalid UTF-8: {replaced} undecodable byte sequence(s) replaced with \u{fffd}"
            ));
            sanitize(&text)
        }
    }
}

fn read_html(html: &str, origin: &str) -> Result<Vec<Article>, String> {
    let page = html::extract_article(html, None).map_err(|err| err.to_string())?;
    let paragraphs: Vec<String> = clean::remove_junk(
        page.paragraphs
            .iter()
            .map(|p| crate::text::collapse_whitespace(&sanitize(p)))
            .filter(|p| !p.is_empty())
            .collect(),
    );
    let title = page
        .title
        .as_deref()
        .map(|t| crate::text::collapse_whitespace(&sanitize(t)))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| plain::title_from_first_line(&paragraphs));
    let clean = |s: Option<String>| {
        s.map(|s| crate::text::collapse_whitespace(&sanitize(&s)))
            .filter(|s| !s.is_empty())
    };
    Ok(vec![Article {
        id: crate::article::article_id(origin, None),
        title,
        source: clean(page.site_name),
        url: clean(page.url),
        author: clean(page.byline),
        published: clean(page.published),
        path: None,
        paragraphs,
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_kind_by_content_before_extension() {
        let p = Path::new("page.txt");
        assert_eq!(detect_kind(p, b"<!DOCTYPE html><html>"), InputKind::Html);
        assert_eq!(
            detect_kind(p, b"<?xml version=\"1.0\"?><rss>"),
            InputKind::Feed
        );
        assert_eq!(
            detect_kind(p, b"---\ntitle: x\n---\nbody"),
            InputKind::Markdown
        );
        assert_eq!(
            detect_kind(Path::new("a.md"), b"# Heading"),
            InputKind::Markdown
        );
        assert_eq!(
            detect_kind(Path::new("noext"), b"Just words."),
            InputKind::Text
        );
    }

    #[test]
    fn binary_detection() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(!looks_binary("plain text, with ünïcode".as_bytes()));
    }
}

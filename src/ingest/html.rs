//! Turns HTML into readable text for the reader, which lays text out by
//! paragraph and never renders HTML. Saved web pages go through
//! [`extract_article`]: `dom_smoothie` (a Rust port of Mozilla's Readability.js)
//! finds the article body and the metadata (title, byline, site name,
//! publication date, language); we add the canonical URL and split the
//! article into plain-text paragraphs (one per paragraph, heading or list
//! item). Feed entries, whose HTML is already just the article, go through
//! [`html_to_paragraphs`]. Hostile input must not hang or crash the reader:
//! input is capped at [`MAX_INPUT_BYTES`], Readability refuses documents with
//! more than [`MAX_ELEMENTS`] elements, and nesting deeper than [`MAX_DEPTH`]
//! is removed by a lexical pre-pass before html5ever parses it (its tree
//! building is quadratic in depth: ~9 s for 50k nested `<div>`s) and again on
//! the parsed tree, so Readability's recursive passes never see a deep tree.
//! Our own tree walks are iterative.

use std::borrow::Cow;
use std::collections::HashMap;

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability, ReadabilityError};

/// Inputs longer than this are truncated (at a char boundary) before parsing.
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;
/// Documents with more element nodes than this are refused by Readability.
pub const MAX_ELEMENTS: usize = 150_000;
/// Start tags opening an element deeper than this (by a lexical count) are
/// dropped before parsing; on the parsed tree, elements deeper than twice
/// this are unwrapped. Either way their text is kept.
pub const MAX_DEPTH: usize = 256;

/// What [`extract_article`] found in a saved web page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExtractedPage {
    pub title: Option<String>,
    /// Author(s), as the page states them.
    pub byline: Option<String>,
    pub site_name: Option<String>,
    /// Publication time as found in the page, usually ISO 8601.
    pub published: Option<String>,
    /// Canonical / `og:url` URL when the page declares one.
    pub url: Option<String>,
    pub lang: Option<String>,
    /// Article body, one entry per paragraph / heading / list item,
    /// whitespace-collapsed, no HTML (a `<br>` is kept as `'\n'`; `<pre>`
    /// blocks keep their lines and indentation).
    pub paragraphs: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("no readable article content found")]
    NoContent,
    #[error("could not parse HTML: {0}")]
    Parse(String),
}

/// Extracts the main article of a full HTML page.
///
/// `base_url` is the page's address, used to resolve a relative canonical
/// link; it is ignored if it is not an absolute URL.
pub fn extract_article(html: &str, base_url: Option<&str>) -> Result<ExtractedPage, ExtractError> {
    let html = crate::text::truncate_on_char_boundary(html, MAX_INPUT_BYTES);
    let base_url = base_url.filter(|u| is_absolute_url(u));
    let doc = parse_document(html);
    let canonical = canonical_url(&doc, base_url);

    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let mut readability = Readability::with_document(doc, base_url, Some(config))
        .map_err(|e| ExtractError::Parse(e.to_string()))?;
    let article = match readability.parse() {
        Ok(article) => article,
        Err(ReadabilityError::GrabFailed) => return Err(ExtractError::NoContent),
        Err(e) => return Err(ExtractError::Parse(e.to_string())),
    };

    let title = clean_opt(Some(article.title.as_str()));
    let content = Document::fragment(article.content);
    let mut paragraphs = paragraphs_of(&content.root());
    if let (Some(t), Some(first)) = (&title, paragraphs.first())
        && repeats_title(t, first)
    {
        paragraphs.remove(0);
    }
    if paragraphs.is_empty() {
        return Err(ExtractError::NoContent);
    }
    Ok(ExtractedPage {
        title,
        byline: clean_opt(article.byline.as_deref()),
        site_name: clean_opt(article.site_name.as_deref()),
        published: clean_opt(article.published_time.as_deref()),
        url: canonical.or_else(|| clean_opt(article.url.as_deref())),
        lang: clean_opt(article.lang.as_deref()),
        paragraphs,
    })
}

/// For feed entries: HTML fragment (possibly plain text) -> paragraphs of
/// text. Block elements become paragraph breaks, a `<br>` a line break
/// (`'\n'` inside the paragraph; two in a row a paragraph break), entities are
/// decoded, scripts/styles dropped. Plain text (no tags) is split on blank
/// lines, with entities still decoded.
pub fn html_to_paragraphs(fragment: &str) -> Vec<String> {
    let fragment = crate::text::truncate_on_char_boundary(fragment, MAX_INPUT_BYTES);
    if fragment.trim().is_empty() {
        return Vec::new();
    }
    if !looks_like_html(fragment) {
        let mut out = Vec::new();
        for chunk in split_blank_lines(fragment) {
            // No tag can start in `chunk`, so the parser only decodes entities.
            let doc = Document::fragment(chunk);
            out.extend(paragraphs_of(&doc.root()));
        }
        return out;
    }
    let doc = Document::fragment(cap_nesting(fragment, MAX_DEPTH).as_ref());
    paragraphs_of(&doc.root())
}

// ---------------------------------------------------------------------------
// Parsing guards

/// Parses a whole document with both nesting guards applied.
fn parse_document(html: &str) -> Document {
    let doc = Document::from(cap_nesting(html, MAX_DEPTH).as_ref());
    flatten_deep_nesting(&doc.root(), 2 * MAX_DEPTH);
    doc
}

/// Elements that never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];
/// Elements the parser closes by itself when a sibling starts; they cannot
/// build deep trees, so they are not counted (unclosed `<p>`s are common).
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "html", "head", "body", "rb", "rt", "rp",
];
/// Formatting elements, whose misnested end tags leave later elements open.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];
/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Drops start tags (and their end tags) that would open an element deeper
/// than `max_depth`, judged by a cheap lexical scan, before the HTML parser
/// sees them: html5ever's tree building is quadratic in nesting depth
/// (tens of seconds for ~50k nested `<div>`s) and later passes may recurse.
/// Input that never gets that deep is returned unchanged.
fn cap_nesting(html: &str, max_depth: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut out = String::new();
    let mut copied = 0; // bytes of `html` already accounted for in `out`
    let mut stack: Vec<String> = Vec::new();
    let mut suppressed: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let start = i + off;
        i = start + 1;
        let rest = &b[start + 1..];
        if rest.starts_with(b"!--") {
            i = find(b, start + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            continue; // `<!doctype`, `<?xml`, `< 3`: not an element
        }
        // Longer names are custom elements: a prefix is enough to match.
        let name = html[name_start..name_start + name_len.min(64)].to_ascii_lowercase();
        let end = tag_end(b, name_start + name_len);
        i = end;
        let self_closed = end >= 2 && b[end - 1] == b'>' && b[end - 2] == b'/';
        let mut drop = false;
        if closing {
            if let Some(n) = suppressed.get_mut(&name).filter(|n| **n > 0) {
                *n -= 1;
                drop = true;
            } else if let Some(pos) = stack.iter().rposition(|n| *n == name) {
                if FORMATTING.contains(&name.as_str()) {
                    // The adoption agency keeps misnested blocks open:
                    // `<b><div></b>` leaves the `div` open.
                    stack.remove(pos);
                } else {
                    stack.truncate(pos);
                }
            }
        } else if RAW_TEXT.contains(&name.as_str()) {
            i = find_end_tag(b, end, &name).unwrap_or(b.len());
        } else if VOID.contains(&name.as_str())
            || SELF_CLOSING_SIBLINGS.contains(&name.as_str())
            || self_closed
        {
        } else if stack.len() >= max_depth {
            *suppressed.entry(name).or_insert(0) += 1;
            drop = true;
        } else {
            stack.push(name);
        }
        if drop {
            out.push_str(&html[copied..start]);
            copied = end;
        }
    }
    if copied == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Index just past the `>` closing a tag whose attributes start at `i`,
/// skipping quoted attribute values; the input length if unterminated.
fn tag_end(b: &[u8], mut i: usize) -> usize {
    let mut after_eq = false;
    while i < b.len() {
        match b[i] {
            b'>' => return i + 1,
            q @ (b'"' | b'\'') if after_eq => {
                i = b[i + 1..]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(b.len(), |p| i + 1 + p);
                after_eq = false;
            }
            b'=' => after_eq = true,
            c if c.is_ascii_whitespace() => {}
            _ => after_eq = false,
        }
        i += 1;
    }
    b.len()
}

/// Start of the `</name` that ends a raw-text element (case-insensitive).
fn find_end_tag(b: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut i = from;
    while let Some(p) = find(b, i, b"</") {
        let n = b.get(p + 2..p + 2 + name.len())?;
        if n.eq_ignore_ascii_case(name.as_bytes()) {
            return Some(p);
        }
        i = p + 2;
    }
    None
}

/// Unwraps every element deeper than `max_depth` below `root`, keeping its
/// children (text survives, structure below the limit is lost). Iterative.
fn flatten_deep_nesting(root: &NodeRef, max_depth: usize) {
    let mut too_deep = Vec::new();
    let mut stack = vec![(*root, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        for child in node.children_it(false) {
            if child.is_element() {
                if depth + 1 > max_depth {
                    too_deep.push(child);
                }
                stack.push((child, depth + 1));
            }
        }
    }
    // Unwrap the deepest first so each unwrap moves only leaves-up content.
    for node in too_deep.into_iter().rev() {
        node.unwrap_node();
    }
}

fn is_absolute_url(u: &str) -> bool {
    let u = u.trim();
    match u.split_once("://") {
        Some((scheme, rest)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !rest.is_empty()
        }
        None => false,
    }
}

/// `<link rel=canonical>` or `og:url`, made absolute against `base_url` when
/// it is root-relative or scheme-relative.
fn canonical_url(doc: &Document, base_url: Option<&str>) -> Option<String> {
    let canonical = doc
        .select(r#"link[rel~="canonical"][href]"#)
        .nodes()
        .first()
        .and_then(|n| n.attr("href"))
        .map(|s| s.to_string());
    let og = || {
        doc.select(r#"meta[property="og:url"][content]"#)
            .nodes()
            .first()
            .and_then(|n| n.attr("content"))
            .map(|s| s.to_string())
    };
    let raw = canonical
        .filter(|s| !s.trim().is_empty())
        .or_else(og)?
        .trim()
        .to_string();
    if raw.is_empty() || raw.len() > 4096 {
        return None;
    }
    if is_absolute_url(&raw) {
        return Some(raw);
    }
    let base = base_url?;
    let (scheme, rest) = base.split_once("://")?;
    if let Some(stripped) = raw.strip_prefix("//") {
        return Some(format!("{scheme}://{stripped}"));
    }
    if raw.starts_with('/') {
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        return Some(format!("{scheme}://{host}{raw}"));
    }
    None
}

// ---------------------------------------------------------------------------
// Text helpers

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clean_opt(s: Option<&str>) -> Option<String> {
    let s = collapse_ws(s?);
    (!s.is_empty()).then_some(s)
}

/// Whether a paragraph just repeats the title: the same words (ignoring case
/// and punctuation), or one side of a `Title | Site`-style separator.
fn repeats_title(title: &str, paragraph: &str) -> bool {
    fn key(s: &str) -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    }
    let p = key(paragraph);
    if p.is_empty() {
        return false;
    }
    [" | ", " - ", " – ", " — ", " :: ", " » ", " · ", ": "]
        .iter()
        .flat_map(|sep| title.split(sep))
        .chain(std::iter::once(title))
        .any(|part| key(part) == p)
}

/// True when the text contains something that starts a tag, comment or
/// doctype (`<a`, `</`, `<!`, `<?`).
fn looks_like_html(s: &str) -> bool {
    s.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!' | b'?')))
}

fn split_blank_lines(s: &str) -> Vec<String> {
    let mut chunks = Vec::new();
    let mut cur = String::new();
    for line in s.lines() {
        if line.trim().is_empty() {
            if !cur.trim().is_empty() {
                chunks.push(std::mem::take(&mut cur));
            }
            cur.clear();
        } else {
            cur.push_str(line);
            cur.push('\n');
        }
    }
    if !cur.trim().is_empty() {
        chunks.push(cur);
    }
    chunks
}

// ---------------------------------------------------------------------------
// DOM -> paragraphs

/// Elements whose content is never text for the reader.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "title", "svg", "iframe", "object", "embed",
    "canvas", "select", "textarea", "button", "audio", "video", "map", "input",
];

/// Elements that start and end a paragraph.
#[rustfmt::skip]
const BLOCKS: &[&str] = &[
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
    "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead",
    "tr", "ul",
];

#[derive(Default)]
struct Collector {
    paragraphs: Vec<String>,
    cur: String,
    pending_space: bool,
    /// Inside `<pre>`: text is kept verbatim (indentation, blank lines).
    pre_depth: usize,
    /// `cur` holds verbatim `<pre>` text.
    verbatim: bool,
}

impl Collector {
    fn text(&mut self, s: &str) {
        for ch in s.chars() {
            match ch {
                // Invisible characters that only hurt search and layout.
                '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {}
                '\n' | ' ' if self.pre_depth > 0 => self.verbatim_push(ch),
                '\t' if self.pre_depth > 0 => self.verbatim_push_str("    "),
                c if c.is_whitespace() => self.pending_space = true,
                c if c.is_control() => {}
                c => {
                    if self.pending_space && !self.cur.is_empty() && !self.cur.ends_with('\n') {
                        self.cur.push(' ');
                    }
                    self.pending_space = false;
                    self.cur.push(c);
                }
            }
        }
    }

    fn verbatim_push(&mut self, c: char) {
        self.verbatim_push_str(c.encode_utf8(&mut [0; 4]));
    }

    fn verbatim_push_str(&mut self, s: &str) {
        if self.pending_space && !self.cur.is_empty() {
            self.cur.push(' ');
        }
        self.pending_space = false;
        self.verbatim = true;
        self.cur.push_str(s);
    }

    /// `<br>`: a line break; a second one in a row ends the paragraph.
    fn line_break(&mut self) {
        if self.pre_depth > 0 {
            return self.verbatim_push('\n');
        }
        self.pending_space = false;
        if self.cur.is_empty() {
            return;
        }
        if self.cur.ends_with('\n') {
            self.flush();
        } else {
            self.cur.push('\n');
        }
    }

    fn flush(&mut self) {
        let t = self.cur.trim();
        if self.verbatim && !t.is_empty() {
            // Keep indentation and inner blank lines; drop outer blank lines.
            let lines: Vec<&str> = self.cur.lines().map(str::trim_end).collect();
            let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(0);
            let last = lines.iter().rposition(|l| !l.is_empty()).unwrap_or(0);
            self.paragraphs.push(lines[first..=last].join("\n"));
        } else if !t.is_empty() {
            // Drop spaces around the kept line breaks and empty lines.
            let lines: Vec<&str> = t.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
            self.paragraphs.push(lines.join("\n"));
        }
        self.cur.clear();
        self.pending_space = false;
        self.verbatim = false;
    }
}

/// Walks `root` depth-first (iteratively: no recursion on deep trees) and
/// collects paragraphs.
fn paragraphs_of(root: &NodeRef) -> Vec<String> {
    enum Step<'a> {
        Enter(NodeRef<'a>),
        Leave { block: bool, pre: bool },
    }
    let mut out = Collector::default();
    let mut stack: Vec<Step> = root.children_it(true).map(Step::Enter).collect();
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Leave { block, pre } => {
                if pre {
                    out.pre_depth -= 1;
                }
                if block {
                    out.flush();
                }
                continue;
            }
            Step::Enter(node) => node,
        };
        if node.is_text() {
            out.text(&node.text());
            continue;
        }
        if !node.is_element() {
            continue;
        }
        let Some(name) = node.node_name() else {
            continue;
        };
        let name: &str = &name;
        if SKIPPED.contains(&name) || node.has_attr("hidden") {
            continue;
        }
        match name {
            "br" => {
                out.line_break();
                continue;
            }
            "hr" => {
                out.flush();
                continue;
            }
            "td" | "th" => out.pending_space = true,
            "img" => continue,
            _ => {}
        }
        let block = BLOCKS.contains(&name);
        let pre = name == "pre" || name == "listing" || name == "plaintext";
        if block {
            out.flush();
        }
        if pre {
            out.pre_depth += 1;
        }
        stack.push(Step::Leave { block, pre });
        stack.extend(node.children_it(true).map(Step::Enter));
    }
    out.flush();
    out.paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Readability's own test pages, copied into the test fixtures.
    fn fixture(case: &str, file: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/pages")
            .join(case)
            .join(file);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    #[test]
    fn extracts_small_real_page() {
        // A 12 KB blog post (Nicolas Perriault, "Get your Frontend JavaScript Code Covered").
        let page = extract_article(
            &fixture("001", "source.html"),
            Some("http://fakehost/test/page.html"),
        )
        .expect("article");
        assert_eq!(
            page.title.as_deref(),
            Some("Get your Frontend JavaScript Code Covered | Code")
        );
        assert_eq!(page.byline.as_deref(), Some("Nicolas Perriault"));
        assert_eq!(page.lang.as_deref(), Some("en"));
        assert!(
            page.paragraphs[0]
                .starts_with("So finally you're testing your frontend JavaScript code? Great!")
        );
        assert!(page.paragraphs.contains(&"Not a lot of frontend developers I know actually test their frontend code, and I can barely imagine how many of them have ever setup code coverage… Mostly because there are not many frontend-oriented tools in this area I guess.".to_string()));
        // `<br>`s in the quoted tweet stay line breaks; `&lt;` is decoded.
        assert!(page.paragraphs.contains(&"Drinking game for web devs:\n(1) Think of a noun\n(2) Google \"<noun>.js\"\n(3) If a library with that name exists - drink".to_string()));
        assert!(page.paragraphs.len() > 10);
        // Code blocks keep their indentation.
        assert!(page.paragraphs.iter().any(|p| p.starts_with(
            "// cow.js\n(function(exports) {\n  \"use strict\";\n\n  function Cow(name) {"
        )));
        assert!(
            page.paragraphs
                .iter()
                .all(|p| p.trim() == p && (p.contains('\n') || !p.contains("  ")))
        );
    }

    #[test]
    fn page_metadata_and_title_not_repeated() {
        let html = r#"<html lang="en"><head><title>Big News | Site</title>
            <meta property="og:site_name" content="The Site">
            <meta property="article:published_time" content="2024-05-01T10:00:00Z">
            <meta name="author" content="Ann Writer">
            <link rel="canonical" href="/news/big"></head>
            <body><nav><a href="/">Home</a> <a href="/x">X</a></nav><article>
            <h1>Big News</h1><p>First paragraph of the story, long enough to be kept by Readability, with some commas, clauses, and words.</p>
            <h2>Section</h2><p>Second paragraph &amp; more text, again long enough to count as content, with commas, and so on.</p>
            <ul><li>one item</li><li>two <b>items</b></li></ul></article></body></html>"#;
        let page = extract_article(html, Some("https://example.com/a?b")).expect("article");
        // Readability keeps a short site suffix; the body's "Big News" heading
        // still counts as a repeat of the title and is dropped.
        assert_eq!(page.title.as_deref(), Some("Big News | Site"));
        assert_eq!(page.byline.as_deref(), Some("Ann Writer"));
        assert_eq!(page.site_name.as_deref(), Some("The Site"));
        assert_eq!(page.published.as_deref(), Some("2024-05-01T10:00:00Z"));
        assert_eq!(page.url.as_deref(), Some("https://example.com/news/big"));
        assert_eq!(page.lang.as_deref(), Some("en"));
        assert_eq!(page.paragraphs[0].split(' ').next(), Some("First"));
        assert!(page.paragraphs.contains(&"Section".to_string()));
        assert!(page.paragraphs.contains(&"two items".to_string()));
        assert!(
            page.paragraphs
                .iter()
                .any(|p| p.starts_with("Second paragraph & more"))
        );
    }

    #[test]
    fn empty_and_boilerplate_pages_have_no_content() {
        assert!(matches!(
            extract_article("", None),
            Err(ExtractError::NoContent)
        ));
        let r = extract_article(
            "<html><body><script>x()</script></body></html>",
            Some("not a url"),
        );
        assert!(matches!(r, Err(ExtractError::NoContent)));
    }

    #[test]
    fn paragraphs_from_fragments() {
        let p = |s: &str| html_to_paragraphs(s);
        assert_eq!(p(""), Vec::<String>::new());
        assert_eq!(
            p("<p>AT&amp;T &lt;3 caf&eacute; &#8212; x&nbsp;y</p>"),
            ["AT&T <3 café — x y"]
        );
        assert_eq!(
            p("line one<br>line two<br/><br>new para"),
            ["line one\nline two", "new para"]
        );
        assert_eq!(
            p(
                "<div>intro <div><p>nested <i>para</i></p><ul><li>a</li><li>b<ul><li>c</li></ul></li></ul></div>tail</div>"
            ),
            ["intro", "nested para", "a", "b", "c", "tail"]
        );
        assert_eq!(
            p("<h2>Head</h2>body  text\n here"),
            ["Head", "body text here"]
        );
        assert_eq!(
            p(
                "<p>keep</p><script>alert('x<p>no</p>')</script><style>p{}</style><noscript>no</noscript><p>this</p>"
            ),
            ["keep", "this"]
        );
        assert_eq!(
            p("<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>"),
            ["a b", "c"]
        );
        assert_eq!(
            p("<pre>fn main() {\n    x(<b>1</b>);\n\n\ty();\n}\n</pre>after"),
            ["fn main() {\n    x(1);\n\n    y();\n}", "after"]
        );
        // Plain text: blank lines split paragraphs, entities are still decoded.
        assert_eq!(
            p("Plain text &amp; more\nwrapped line.\n\nSecond < third."),
            ["Plain text & more wrapped line.", "Second < third."]
        );
        assert_eq!(
            p("unclosed <b>bold <p>and <i>more"),
            ["unclosed bold", "and more"]
        );
    }

    #[test]
    fn hostile_input_does_not_panic() {
        let deep = |open: &str, n: usize| {
            format!(
                "<html><body>{}<p>deep text here</p></body></html>",
                open.repeat(n)
            )
        };
        for open in [
            "<div>",
            "<table><tr><td>",
            "<ul><li>",
            "<b><i>",
            "<blockquote>",
            "<svg><g>",
            "<span>",
            "<font><center></font>",
        ] {
            let html = deep(open, 3_000);
            let paras = html_to_paragraphs(&html);
            assert!(
                paras.iter().any(|p| p.contains("deep text here")),
                "{open}: {paras:?}"
            );
            let _ = extract_article(&html, None);
        }
        let huge_attr = format!(
            "<div title=\"{}\"><p>after</p></div><p x='{}",
            "x".repeat(300_000),
            "<".repeat(1000)
        );
        assert_eq!(html_to_paragraphs(&huge_attr), ["after"]);
        let _ = extract_article(&huge_attr, None);
        let garbage: Vec<u8> = (0..50_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let garbage = String::from_utf8_lossy(&garbage);
        let _ = html_to_paragraphs(&garbage);
        let _ = extract_article(&garbage, Some("http://example.com/"));
        for s in [
            "<",
            "</",
            "<!--",
            "<a",
            "<a b='",
            "&",
            "&#99999999;",
            "<br><br><br>",
            "\u{0}",
        ] {
            let _ = html_to_paragraphs(s);
            let _ = extract_article(s, None);
        }
    }

    #[test]
    fn nesting_cap_keeps_shallow_html_unchanged() {
        let html = "<div><p>a<p>b</div><script>if (a < b) { x = '<div>'; }</script>";
        assert!(matches!(cap_nesting(html, 3), Cow::Borrowed(_)));
        let capped = cap_nesting("<div><div><div>x</div></div></div>", 2);
        assert_eq!(capped, "<div><div>x</div></div>");
        // A misnested `</b>` leaves the `div` open, as the HTML parser does.
        let capped = cap_nesting("<b><div></b><b><div></b><b><div>x</b>", 2);
        assert_eq!(capped, "<b><div></b><b></b><b>x</b>");
    }
}

//! Markdown articles with optional YAML front matter.
//!
//! Front matter carries `title`, `source`, `url`, `published` (or `date`) and `author`, as in
//! the ECB+ corpus and in notes exported from Obsidian or Hugo. Only flat `key: value` pairs are
//! read; anything else is reported as a warning naming the line, and a block that never closes
//! is read as body text, so broken front matter never loses the article. Markdown syntax that
//! would show as noise in a reader (heading marks, emphasis, link targets, images) is removed.

use crate::article::{Article, article_id};
use crate::ingest::clean::remove_junk;
use crate::ingest::plain::title_from_first_line;
use crate::text::{collapse_whitespace, paragraphs};

/// Metadata read from front matter.
#[derive(Debug, Default, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub author: Option<String>,
}

pub fn read_markdown(
    text: &str,
    origin: &str,
    warnings: &mut Vec<String>,
) -> Result<Vec<Article>, String> {
    let (front, body) = split_front_matter(text, warnings);
    let plain: String = body
        .lines()
        .map(strip_markdown_line)
        .collect::<Vec<_>>()
        .join("\n");
    let paragraphs = remove_junk(paragraphs(&plain));
    if paragraphs.is_empty() && front.title.is_none() {
        return Ok(Vec::new());
    }
    let title = front
        .title
        .clone()
        .unwrap_or_else(|| title_from_first_line(&paragraphs));
    Ok(vec![Article {
        id: article_id(origin, None),
        title,
        source: front.source,
        url: front.url,
        author: front.author,
        published: front.published,
        path: None,
        paragraphs,
    }])
}

/// Splits `---` front matter from the body. Returns default metadata and the whole text when
/// there is none or when it is never closed.
pub fn split_front_matter<'a>(text: &'a str, warnings: &mut Vec<String>) -> (FrontMatter, &'a str) {
    let mut front = FrontMatter::default();
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (front, text);
    };
    let Some(end) = find_closing_fence(rest) else {
        warnings.push(
            "front matter opened with '---' on line 1 is never closed; read the file as body text"
                .to_string(),
        );
        return (front, text);
    };
    let (block, body) = (&rest[..end.0], &rest[end.1..]);
    for (index, line) in block.lines().enumerate() {
        let line_number = index + 2;
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            warnings.push(format!(
                "front matter line {line_number}: expected 'key: value', ignored"
            ));
            continue;
        };
        if line.starts_with([' ', '\t', '-']) {
            // Nested values and lists are not article metadata we use.
            continue;
        }
        let value = unquote(value.trim());
        let value = collapse_whitespace(&crate::text::sanitize(&value));
        if value.is_empty() {
            continue;
        }
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => front.title = Some(value),
            "source" | "site" | "publisher" => front.source = Some(value),
            "url" | "link" | "canonical" => front.url = Some(value),
            "published" | "date" | "pubdate" | "published_at" => front.published = Some(value),
            "author" | "byline" | "by" => front.author = Some(value),
            _ => {}
        }
    }
    (front, body)
}

/// Byte range of the closing `---` line inside the block after the opening fence: (start of
/// the fence, start of the body after it).
fn find_closing_fence(rest: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if bare == "---" || bare == "..." {
            return Some((offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

fn unquote(value: &str) -> String {
    let quoted = |q: char| value.len() >= 2 && value.starts_with(q) && value.ends_with(q);
    if quoted('"') {
        value[1..value.len() - 1]
            .replace("\\\"", "\"")
            .replace("\\\\", "\\")
    } else if quoted('\'') {
        value[1..value.len() - 1].replace("''", "'")
    } else {
        value.to_string()
    }
}

/// Removes Markdown markup from one line: heading and quote marks, emphasis, images, and link
/// targets (keeping link text).
pub fn strip_markdown_line(line: &str) -> String {
    let trimmed = line.trim_start();
    let trimmed = trimmed.trim_start_matches('#').trim_start();
    let trimmed = trimmed.trim_start_matches('>').trim_start();
    let mut out = String::with_capacity(trimmed.len());
    let chars: Vec<char> = trimmed.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '!'
            && chars.get(i + 1) == Some(&'[')
            && let Some((_, after)) = skip_link(&chars, i + 1)
        {
            i = after;
            continue;
        }
        if c == '['
            && let Some((text_end, after)) = skip_link(&chars, i)
        {
            out.extend(&chars[i + 1..text_end]);
            i = after;
            continue;
        }
        if (c == '*' || c == '_') && is_emphasis_mark(&chars, i) {
            i += 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// For `[text](target)` starting at `open`, returns (index of `]`, index after `)`).
fn skip_link(chars: &[char], open: usize) -> Option<(usize, usize)> {
    let close = open + chars[open..].iter().position(|&c| c == ']')?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = close + 1 + chars[close + 1..].iter().position(|&c| c == ')')?;
    Some((close, end + 1))
}

/// `*` and `_` next to a word edge are emphasis; inside words (snake_case, 2*3) they are text.
fn is_emphasis_mark(chars: &[char], i: usize) -> bool {
    let before = i.checked_sub(1).map(|j| chars[j]);
    let after = chars.get(i + 1).copied();
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let inside_word = is_word(before) && is_word(after);
    let standalone =
        before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace);
    !inside_word && !standalone
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_front_matter_fields() {
        let text = "---\ntitle: \"Escape renews calls\"\nsource: 'Chron'\nurl: http://x.test/a\npublished: 2009-11-30\n---\n\nEscape renews calls\n\nBody sentence.\n";
        let mut warnings = Vec::new();
        let articles = read_markdown(text, "/a.md", &mut warnings).unwrap();
        let a = &articles[0];
        assert_eq!(a.title, "Escape renews calls");
        assert_eq!(a.source.as_deref(), Some("Chron"));
        assert_eq!(a.published.as_deref(), Some("2009-11-30"));
        assert_eq!(a.paragraphs, vec!["Escape renews calls", "Body sentence."]);
        assert!(warnings.is_empty());
    }

    #[test]
    fn unclosed_front_matter_is_read_as_body_with_a_warning() {
        let mut warnings = Vec::new();
        let articles = read_markdown(
            "---\ntitle: Oops\nNo closing fence here.\n",
            "/b.md",
            &mut warnings,
        )
        .unwrap();
        assert_eq!(warnings.len(), 1);
        assert!(
            articles[0]
                .paragraphs
                .iter()
                .any(|p| p.contains("No closing fence"))
        );
    }

    #[test]
    fn bad_front_matter_line_is_named() {
        let mut warnings = Vec::new();
        let (front, _) =
            split_front_matter("---\ntitle: T\njust words\n---\nBody\n", &mut warnings);
        assert_eq!(front.title.as_deref(), Some("T"));
        assert!(warnings[0].contains("line 3"), "{warnings:?}");
    }

    #[test]
    fn strips_markup_but_keeps_text() {
        assert_eq!(
            strip_markdown_line("## A **bold** [link](http://x) and ![img](y.png) snake_case"),
            "A bold link and  snake_case"
        );
    }
}

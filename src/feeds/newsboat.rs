//! newsboat's `urls` file: one feed per line, the URL followed by optional tags.
//!
//! Tags may be double-quoted (with `\"` and `\\` escapes) to hold spaces; a tag starting with
//! `~` is the feed's title, one starting with `!` hides the feed in newsboat (ignored here);
//! `#` starts a comment line. newsboat's `exec:` and `filter:` lines run programs and `query:`
//! lines are searches: they are listed so the importer can reject them with a reason, and are
//! never run.

use super::opml::ListedFeed;
use super::store::clean_label;

/// A line that could not be read, with its 1-based number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    pub line: usize,
    pub reason: String,
}

/// Reads a `urls` file: the feeds, and the lines that are not feeds.
pub fn parse(text: &str) -> (Vec<ListedFeed>, Vec<BadLine>) {
    let mut feeds = Vec::new();
    let mut bad = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let tokens = match tokenize(line) {
            Ok(tokens) => tokens,
            Err(reason) => {
                bad.push(BadLine {
                    line: number + 1,
                    reason,
                });
                continue;
            }
        };
        let mut tokens = tokens.into_iter();
        let Some(url) = tokens.next() else { continue };
        let mut feed = ListedFeed {
            url,
            title: None,
            tags: Vec::new(),
        };
        for token in tokens {
            if let Some(title) = token.strip_prefix('~') {
                feed.title = clean_label(title);
            } else if token.starts_with('!') {
                continue;
            } else if let Some(tag) = clean_label(&token)
                && !feed.tags.contains(&tag)
            {
                feed.tags.push(tag);
            }
        }
        feeds.push(feed);
    }
    (feeds, bad)
}

/// Splits a line on whitespace, honouring double quotes and backslash escapes inside them.
fn tokenize(line: &str) -> Result<Vec<String>, String> {
    let mut tokens = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let Some(&first) = chars.peek() else { break };
        if first == '#' {
            break; // trailing comment
        }
        let mut token = String::new();
        if first == '"' {
            chars.next();
            loop {
                match chars.next() {
                    None => return Err("unterminated quote".to_string()),
                    Some('"') => break,
                    Some('\\') => match chars.next() {
                        Some(c) => token.push(c),
                        None => return Err("unterminated quote".to_string()),
                    },
                    Some(c) => token.push(c),
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                token.push(c);
            }
        }
        tokens.push(token);
    }
    Ok(tokens)
}

/// Whether `text` looks like OPML rather than a `urls` file.
pub fn looks_like_opml(text: &str) -> bool {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    head.starts_with('<')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_urls_file() {
        let text = "# my feeds\n\n\
            https://example.com/a.xml\n\
            http://example.com/b.xml news \"long tag\" \"~The B \\\"feed\\\"\" !hidden\n\
            \"exec:~/bin/make-feed.sh\" scripts\n\
            \"query:Unread:unread = \\\"yes\\\"\"\n\
            https://example.com/c.xml \"unterminated\n\
            https://example.com/d.xml tech # trailing comment\n";
        let (feeds, bad) = parse(text);
        assert_eq!(feeds.len(), 5);
        assert_eq!(feeds[0].url, "https://example.com/a.xml");
        assert!(feeds[0].tags.is_empty() && feeds[0].title.is_none());
        assert_eq!(feeds[1].tags, ["news", "long tag"]);
        assert_eq!(feeds[1].title.as_deref(), Some("The B \"feed\""));
        assert_eq!(feeds[2].url, "exec:~/bin/make-feed.sh");
        assert_eq!(feeds[3].url, "query:Unread:unread = \"yes\"");
        assert_eq!(feeds[4].tags, ["tech"]);
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].line, 7);
        assert!(!looks_like_opml(text));
        assert!(looks_like_opml("\u{feff}  <?xml version=\"1.0\"?><opml/>"));
    }
}

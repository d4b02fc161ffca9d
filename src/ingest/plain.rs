//! Plain-text articles: the first real line is the title, the rest is the body.
//!
//! "Real" means after page furniture is removed, so a text saved from a web page whose first
//! lines are "Skip to main content" still gets its headline as title. The headline stays in the
//! body as its first paragraph: headlines make claims other outlets repeat ("Lindsay Lohan
//! checks into Betty Ford"), and the claim linker can only link text that is in the body. When
//! the first line is a long sentence, a shortened copy names the article.

use crate::article::{Article, article_id};
use crate::ingest::clean::remove_junk;
use crate::text::paragraphs;

/// Longest title shown before it is cut at a word boundary.
const MAX_TITLE_CHARS: usize = 120;

pub fn read_text(text: &str, origin: &str) -> Result<Vec<Article>, String> {
    let paragraphs = remove_junk(paragraphs(text));
    if paragraphs.is_empty() {
        return Ok(Vec::new());
    }
    let title = title_from_first_line(&paragraphs);
    Ok(vec![Article {
        id: article_id(origin, None),
        title,
        source: None,
        url: None,
        author: None,
        published: None,
        path: None,
        paragraphs,
    }])
}

/// The first paragraph as a title, shortened at a word boundary when it is a long sentence.
pub fn title_from_first_line(paragraphs: &[String]) -> String {
    let Some(first) = paragraphs.first() else {
        return "Untitled".to_string();
    };
    if first.chars().count() <= MAX_TITLE_CHARS {
        return first.clone();
    }
    let mut title = String::new();
    for word in first.split_whitespace() {
        if title.chars().count() + word.chars().count() + 1 > MAX_TITLE_CHARS {
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    let trimmed = title.trim_end_matches([',', ';', ':', '-', '\u{2014}']);
    format!("{trimmed}\u{2026}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_becomes_title_and_opens_the_body() {
        let articles = read_text(
            "Skip to main content\n\nBig Merger Announced\n\nTwo firms merged today.\n",
            "/x.txt",
        )
        .unwrap();
        assert_eq!(articles[0].title, "Big Merger Announced");
        assert_eq!(
            articles[0].paragraphs,
            vec!["Big Merger Announced", "Two firms merged today."]
        );
    }

    #[test]
    fn sentence_first_line_stays_in_body_with_short_title() {
        let first = "Amazon is negotiating a deal that could see it invest as much as $50 billion in OpenAI, according to sources familiar with the discussions.";
        let articles = read_text(&format!("{first}\nSecond line here."), "/y.txt").unwrap();
        assert!(articles[0].title.ends_with('\u{2026}'));
        assert!(articles[0].title.starts_with("Amazon is negotiating"));
        assert_eq!(articles[0].paragraphs[0], first);
    }
}

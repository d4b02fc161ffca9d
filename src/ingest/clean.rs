//! Removal of scraped-page junk from article text, by general rules.
//!
//! Text saved from the web carries navigation ("Skip to main content"), image placeholders
//! ("Photo for article"), share buttons, bullet glyphs without words, stock-quote tables and
//! legal footers ("Disclaimer: ...", "not financial advice", "By accessing this page, you
//! agree ..."). These rules look at the shape of a line (how many letters, words, figures) and
//! at vocabulary that only page furniture uses; they never list any one site's strings.

use crate::text::normalize_for_matching;

/// Keeps the paragraphs that are article text, in order.
pub fn remove_junk(paragraphs: Vec<String>) -> Vec<String> {
    let total = paragraphs.len();
    let mut kept = Vec::with_capacity(total);
    let mut table_run: Vec<String> = Vec::new();
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let paragraph = paragraph.clone();
        let line = normalize_for_matching(&paragraph);
        if is_legal_footer(&line) {
            // A footer followed by no more prose ends the article: what follows is page
            // furniture (quote tables, policies, related links).
            if !paragraphs[index + 1..].iter().any(|p| is_prose(p)) {
                table_run.clear();
                break;
            }
            continue;
        }
        if looks_like_table_row(&paragraph) {
            table_run.push(paragraph);
            continue;
        }
        flush_table_run(&mut table_run, &mut kept);
        if is_furniture(&line) || !has_words(&paragraph) {
            continue;
        }
        let cleaned = drop_furniture_sentences(&paragraph);
        if !cleaned.is_empty() {
            kept.push(cleaned);
        }
    }
    flush_table_run(&mut table_run, &mut kept);
    // A short heading left dangling at the very end ("Recent Quotes", "Related Articles") is
    // furniture too.
    while kept
        .last()
        .is_some_and(|last| word_count(last) <= 3 && !ends_like_sentence(last))
    {
        kept.pop();
    }
    kept
}

/// Rows of figures and tickers: keep isolated ones (a line such as "2.4%" may be a pull
/// quote), drop runs of three or more.
fn flush_table_run(run: &mut Vec<String>, kept: &mut Vec<String>) {
    if run.len() < 3 {
        kept.extend(run.drain(..).filter(|row| has_words(row)));
    } else {
        run.clear();
    }
}

/// A paragraph of running text: enough words and a sentence ending.
fn is_prose(s: &str) -> bool {
    word_count(s) >= 15 && ends_like_sentence(s)
}

fn has_words(s: &str) -> bool {
    s.split_whitespace()
        .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn ends_like_sentence(s: &str) -> bool {
    s.trim_end()
        .ends_with(['.', '!', '?', '"', '\u{201d}', ':', ')'])
}

/// A row of a quote table: mostly figures, tickers and signs, no lowercase prose.
fn looks_like_table_row(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    let figures = words
        .iter()
        .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
        .count();
    let lowercase_words = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    figures >= 1 && lowercase_words == 0 && figures * 2 >= words.len()
        || (lowercase_words == 0 && words.iter().all(|w| is_table_header_word(w)))
}

fn is_table_header_word(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '%');
    matches!(
        w.to_ascii_lowercase().as_str(),
        "symbol"
            | "price"
            | "change"
            | "%"
            | "volume"
            | "last"
            | "open"
            | "close"
            | "high"
            | "low"
            | ""
    )
}

/// Legal and advertising footers that end an article.
fn is_legal_footer(line: &str) -> bool {
    line.starts_with("disclaimer")
        || line.contains("not financial advice")
        || line.contains("not investment advice")
        || line.contains("for informational purposes only")
        || line.contains("by accessing this page, you agree")
        || line.starts_with("copyright ©")
        || line.starts_with("©")
        || line.contains("all rights reserved")
}

/// Whole lines that are page furniture: navigation, image placeholders, share and subscribe
/// buttons, ad markers, cookie notices.
fn is_furniture(line: &str) -> bool {
    let words = line.split_whitespace().count();
    const SHORT_LINES: &[&str] = &[
        "skip to main content",
        "skip to content",
        "skip to navigation",
        "jump to",
        "photo for article",
        "image for article",
        "advertisement",
        "sponsored",
        "share",
        "share this article",
        "share on facebook",
        "share on twitter",
        "share on linkedin",
        "tweet",
        "email",
        "print",
        "view more",
        "read more",
        "show more",
        "load more",
        "see more",
        "subscribe",
        "sign up",
        "log in",
        "sign in",
        "menu",
        "close",
        "search",
        "comments",
        "related articles",
        "related stories",
        "most popular",
        "recommended",
        "trending",
        "listen to this article",
        "copy link",
    ];
    if words <= 6 {
        let bare = line.trim_matches(|c: char| !c.is_alphanumeric());
        if SHORT_LINES.contains(&bare)
            || bare.starts_with("photo:")
            || bare.starts_with("image:")
            || bare.starts_with("photo credit")
            || bare.starts_with("image credit")
            || bare.starts_with("getty images")
            || bare.starts_with("follow us")
            || bare.starts_with("share on ")
            || bare.starts_with("skip to ")
            || bare.starts_with("reading time")
            || bare.ends_with(" min read")
        {
            return true;
        }
    }
    line.contains("we use cookies")
        || line.contains("accept cookies")
        || line.contains("sign up for our newsletter")
        || line.contains("subscribe to our newsletter")
        || line.contains("supplied by www.")
        || line.contains("quotes delayed")
        || line.contains("privacy policy and terms")
}

/// Drops sentences inside a paragraph that only point at page furniture ("Read our full
/// disclaimer here.", "Click here to subscribe.").
fn drop_furniture_sentences(paragraph: &str) -> String {
    let mut out = String::with_capacity(paragraph.len());
    for sentence in paragraph.split_inclusive(['.', '!', '?']) {
        let lower = normalize_for_matching(sentence);
        let lower = lower.trim();
        let furniture = lower.starts_with("click here")
            || lower.starts_with("read our full")
            || lower.starts_with("read more:")
            || lower.starts_with("sign up for")
            || lower.starts_with("subscribe to")
            || (lower.contains(" here.") && lower.starts_with("read "));
        if !furniture {
            out.push_str(sentence);
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(lines: &[&str]) -> Vec<String> {
        lines.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn drops_navigation_placeholders_and_symbol_bullets() {
        let input = paras(&[
            "Skip to main content",
            "- ■",
            "Photo for article",
            "Amazon is in talks to invest in OpenAI.",
        ]);
        assert_eq!(
            remove_junk(input),
            paras(&["Amazon is in talks to invest in OpenAI."])
        );
    }

    #[test]
    fn drops_quote_tables_and_footers_at_the_end() {
        let mut input = paras(&[
            "First paragraph of the story.",
            "Second paragraph of the story.",
            "Third paragraph of the story.",
            "Fourth paragraph of the story.",
        ]);
        input.extend(paras(&[
            "This content is intended for informational purposes only and is not financial advice.",
            "Recent Quotes",
            "Symbol Price Change (%)",
            "AMZN  239.30",
            "-2.43 (-1.01%)",
        ]));
        assert_eq!(remove_junk(input).len(), 4);
    }

    #[test]
    fn quote_table_in_the_middle_is_removed_but_prose_kept() {
        let input = paras(&[
            "Prose before the table.",
            "AAPL  259.48",
            "+1.20 (0.46%)",
            "GOOG  338.53",
            "Prose after the table.",
        ]);
        assert_eq!(
            remove_junk(input),
            paras(&["Prose before the table.", "Prose after the table."])
        );
    }

    #[test]
    fn drops_pointer_sentences_but_keeps_the_rest() {
        let input = paras(&[
            "Body text one.",
            "Body text two.",
            "Body text three.",
            "We hold no positions. Read our full disclaimer here.",
        ]);
        assert_eq!(remove_junk(input)[3], "We hold no positions.");
    }

    #[test]
    fn keeps_headings_inside_the_article() {
        let input = paras(&[
            "The story starts here.",
            "What Amazon and OpenAI are Discussing",
            "The story goes on.",
        ]);
        assert_eq!(remove_junk(input.clone()), input);
    }
}

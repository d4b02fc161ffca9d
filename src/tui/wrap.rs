//! Word wrapping by display width, grapheme by grapheme.
//!
//! Wide characters (CJK, emoji) take two columns, combining marks none, and a line never splits
//! a grapheme cluster, so highlighting by byte ranges stays aligned with what is drawn.
//! Wrapping works on byte ranges of the original text, which is what every stored offset
//! (entities, sentences, matches) refers to.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Display width of a string in terminal columns.
pub fn width(text: &str) -> usize {
    text.graphemes(true).map(grapheme_width).sum()
}

fn grapheme_width(g: &str) -> usize {
    // A cluster draws as wide as its widest scalar (emoji with modifiers, CJK), at least 1
    // column for anything visible.
    UnicodeWidthStr::width(g).clamp(usize::from(!g.trim().is_empty()), 2)
}

/// Breaks `text[range]` into lines of at most `max_width` columns, at spaces when possible.
/// Returned ranges index into `text` and exclude the spaces a break replaces.
pub fn wrap(text: &str, range: Range<usize>, max_width: usize) -> Vec<Range<usize>> {
    let max_width = max_width.max(1);
    let mut lines = Vec::new();
    let slice = &text[range.clone()];
    let mut line_start = range.start;
    let mut line_width = 0;
    // Byte offset where the current word starts, and the width since then.
    let mut word_start = range.start;
    let mut word_width = 0;
    for (offset, g) in slice.grapheme_indices(true) {
        let at = range.start + offset;
        let w = grapheme_width(g);
        if g.chars().all(char::is_whitespace) {
            if line_width + w > max_width {
                lines.push(line_start..at);
                line_start = at + g.len();
                line_width = 0;
            } else {
                line_width += w;
            }
            word_start = at + g.len();
            word_width = 0;
            continue;
        }
        if line_width + w > max_width {
            if word_start > line_start {
                // Break before the current word; the space before it is dropped.
                let end = text[line_start..word_start].trim_end().len() + line_start;
                lines.push(line_start..end);
                line_start = word_start;
                line_width = word_width;
            } else {
                // A word longer than the line: break inside it.
                lines.push(line_start..at);
                line_start = at;
                word_start = at;
                line_width = 0;
                word_width = 0;
            }
        }
        line_width += w;
        word_width += w;
    }
    if line_start < range.end || lines.is_empty() {
        lines.push(line_start..range.end);
    }
    lines
}

/// Shortens `text` to `max_width` columns, with an ellipsis when cut.
pub fn truncate(text: &str, max_width: usize) -> String {
    if width(text) <= max_width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = grapheme_width(g);
        if used + w + 1 > max_width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if max_width > 0 {
        out.push('\u{2026}');
    }
    out
}

/// `text` in exactly `columns` columns: shortened with an ellipsis, or padded with spaces
/// (table cells).
pub fn fit(text: &str, columns: usize) -> String {
    let mut out = truncate(text, columns);
    let used = width(&out);
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(used)));
    out
}

/// Keeps only what a terminal should draw, on one line (library text is sanitised at ingest;
/// this guards metadata and every other path too).
pub fn safe(text: &str) -> String {
    crate::text::sanitize(text).replace(['\n', '\t'], " ")
}

/// Wraps plain text (made [`safe`] first) into owned lines.
pub fn wrap_plain(text: &str, max_width: usize) -> Vec<String> {
    let clean = safe(text);
    wrap(&clean, 0..clean.len(), max_width)
        .into_iter()
        .map(|r| clean[r].to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_pads_and_cuts_by_display_width() {
        assert_eq!(fit("CNBC", 6), "CNBC  ");
        assert_eq!(fit("東京", 6), "東京  ");
        assert_eq!(fit("The Information", 6), "The I\u{2026}");
        assert_eq!(width(&fit("東京東京", 5)), 5);
    }

    fn lines(text: &str, w: usize) -> Vec<&str> {
        wrap(text, 0..text.len(), w)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            lines("the quick brown fox", 10),
            vec!["the quick", "brown fox"]
        );
    }

    #[test]
    fn breaks_long_words() {
        assert_eq!(lines("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
    }

    #[test]
    fn wide_characters_take_two_columns() {
        let text = "東京都の人口は増えた";
        for line in lines(text, 7) {
            assert!(width(line) <= 7, "{line}");
        }
        assert_eq!(lines(text, 7).concat(), text);
    }

    #[test]
    fn combining_marks_and_emoji_stay_whole() {
        let text = "cafe\u{301} 👩‍👩‍👧 e\u{301}e\u{301}e\u{301}";
        for line in lines(text, 3) {
            assert!(width(line) <= 3, "{line:?}");
            assert!(text.is_char_boundary(line.as_ptr() as usize - text.as_ptr() as usize));
        }
    }

    #[test]
    fn every_line_fits_even_at_width_one() {
        let text = "مرحبا بالعالم 你好 ok";
        for w in 1..8 {
            for line in lines(text, w) {
                assert!(width(line) <= w.max(2), "{w}: {line:?}");
            }
        }
    }

    #[test]
    fn truncation_adds_an_ellipsis() {
        assert_eq!(truncate("Hello world", 6), "Hello\u{2026}");
        assert_eq!(truncate("Hi", 6), "Hi");
    }
}

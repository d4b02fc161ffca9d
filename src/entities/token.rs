//! Hand-written tokenizer shared by every recogniser.
//!
//! Entity recognition runs over ~100k articles, so instead of a regex engine we make one pass over
//! the text and emit compact tokens (byte offsets plus a few shape flags). Words keep internal dots
//! ("U.S.", "Amazon.com") and apostrophes ("O'Brien") but a possessive "'s" is split off so that
//! entity spans never include it. Numbers keep their separators ("16,000", "6.6"); letters glued to
//! a number ("100B", "19.3x", "4th") become a separate word token with `space_before == false`.
//! Abbreviations that end names ("Inc.", "Jr.", "St.", "Calif.") keep their dot.

use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Num,
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// Whitespace (or the start of the text) precedes the token.
    pub space_before: bool,
    /// A line break lies between the previous token and this one.
    pub newline_before: bool,
    /// First word of a sentence: its capital letter is no evidence of a name.
    pub sent_start: bool,
    /// The token lies on a Title Case or ALL CAPS line (headline).
    pub title_line: bool,
    /// First character is uppercase.
    pub cap: bool,
    /// Two or more letters, all uppercase ("AWS", "U.S.").
    pub upper: bool,
    /// An uppercase letter follows a lowercase one ("OpenAI", "iPhone").
    pub camel: bool,
}

impl Token {
    #[inline]
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        &body[self.start..self.end]
    }
}

#[inline]
fn is_apos(c: char) -> bool {
    c == '\'' || c == '’' || c == '‘'
}

/// Common combining-mark blocks (std has no `is_mark`).
#[inline]
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Split `body` into tokens.
pub fn tokenize(body: &str) -> Vec<Token> {
    let bytes = body.as_bytes();
    let mut toks = Vec::with_capacity(body.len() / 5 + 4);
    let mut i = 0;
    let mut space = true;
    let mut newline = true;
    let n = bytes.len();
    while i < n {
        let b = bytes[i];
        // Fast ASCII paths.
        if b == b' ' || b == b'\t' || b == b'\r' {
            space = true;
            i += 1;
            continue;
        }
        if b == b'\n' {
            space = true;
            newline = true;
            i += 1;
            continue;
        }
        let c = if b < 0x80 {
            b as char
        } else {
            body[i..].chars().next().unwrap_or(' ')
        };
        let clen = c.len_utf8();
        if c.is_whitespace() {
            space = true;
            if c == '\u{2028}' || c == '\u{2029}' || c == '\u{85}' {
                newline = true;
            }
            i += clen;
            continue;
        }
        let start = i;
        let kind;
        let mut cap = false;
        let mut upper = false;
        let mut camel = false;
        if c.is_ascii_digit() {
            kind = TokenKind::Num;
            i += 1;
            while i < n {
                let d = bytes[i];
                if d.is_ascii_digit() {
                    i += 1;
                } else if (d == b',' || d == b'.') && i + 1 < n && bytes[i + 1].is_ascii_digit() {
                    i += 2;
                } else {
                    break;
                }
            }
        } else if c.is_alphanumeric() {
            kind = TokenKind::Word;
            cap = c.is_uppercase();
            let mut letters = 0usize;
            let mut uppers = 0usize;
            let mut prev_lower = false;
            let mut dotted = false;
            let mut seg_max = 0usize;
            let mut seg = 0usize;
            let mut j = i;
            while j < n {
                let d = bytes[j];
                // ASCII letters and digits: the common case.
                if d.is_ascii_alphanumeric() {
                    if d.is_ascii_alphabetic() {
                        letters += 1;
                        if d.is_ascii_uppercase() {
                            uppers += 1;
                            if prev_lower {
                                camel = true;
                            }
                            prev_lower = false;
                        } else {
                            prev_lower = true;
                        }
                    }
                    seg += 1;
                    j += 1;
                    continue;
                }
                let ch = if d < 0x80 {
                    d as char
                } else {
                    body[j..].chars().next().unwrap_or(' ')
                };
                if ch.is_alphanumeric() || (is_mark(ch) && j > i) {
                    if ch.is_alphabetic() {
                        letters += 1;
                        if ch.is_uppercase() {
                            uppers += 1;
                            if prev_lower {
                                camel = true;
                            }
                            prev_lower = false;
                        } else if ch.is_lowercase() {
                            prev_lower = true;
                        }
                    }
                    seg += 1;
                    j += ch.len_utf8();
                    continue;
                }
                // Internal joiners.
                let next = body[j + ch.len_utf8()..].chars().next();
                let next_alpha = next.is_some_and(|x| x.is_alphabetic());
                if ch == '.' && next_alpha && j > i {
                    dotted = true;
                    seg_max = seg_max.max(seg);
                    seg = 0;
                    j += 1;
                    continue;
                }
                if is_apos(ch) && next_alpha {
                    // Possessive 's: stop before the apostrophe.
                    let after = &body[j + ch.len_utf8()..];
                    let mut it = after.chars();
                    let s = it.next();
                    let s2 = it.next();
                    let possessive = matches!(s, Some('s') | Some('S'))
                        && !s2.is_some_and(|x| x.is_alphanumeric());
                    if possessive {
                        break;
                    }
                    j += ch.len_utf8();
                    continue;
                }
                if ch == '&' && !prev_lower && uppers > 0 && next.is_some_and(|x| x.is_uppercase())
                {
                    j += 1;
                    continue;
                }
                break;
            }
            seg_max = seg_max.max(seg);
            // "U.S." / "e.g." / initials "J." keep their final dot.
            if j < n
                && bytes[j] == b'.'
                && ((dotted && seg_max == 1) || (letters == 1 && cap && seg_max == 1))
            {
                let after = &bytes[j + 1..];
                let glued_to_number = start > 0 && bytes[start - 1].is_ascii_digit();
                let initial_ok = dotted
                    || (!glued_to_number
                        && after.len() >= 2
                        && after[0] == b' '
                        && after[1].is_ascii_uppercase());
                if initial_ok {
                    j += 1;
                }
            } else if j < n && bytes[j] == b'.' && super::lexicon::is_abbreviation(&body[start..j])
            {
                // "Inc.", "Jr.", "St.", "Calif.": the dot belongs to the word.
                j += 1;
            }
            i = j;
            upper = letters >= 2 && uppers == letters;
        } else {
            kind = TokenKind::Punct;
            i += clen;
        }
        toks.push(Token {
            start,
            end: i,
            kind,
            space_before: space,
            newline_before: newline,
            sent_start: false,
            title_line: false,
            cap,
            upper,
            camel,
        });
        space = false;
        newline = false;
    }
    toks
}

/// Mark sentence-initial tokens (from `sentences`) and tokens on Title Case lines.
pub fn mark_context(body: &str, toks: &mut [Token], sentences: &[Range<usize>]) {
    let mut ti = 0;
    for r in sentences {
        while ti < toks.len() && toks[ti].start < r.start {
            ti += 1;
        }
        let mut k = ti;
        while k < toks.len() && toks[k].start < r.end {
            if toks[k].kind != TokenKind::Punct {
                toks[k].sent_start = true;
                break;
            }
            k += 1;
        }
    }
    // Lines.
    let mut line_start = 0;
    while line_start < toks.len() {
        let mut line_end = line_start + 1;
        while line_end < toks.len() && !toks[line_end].newline_before {
            line_end += 1;
        }
        // Cheap pre-check: most lines are body text with few capitals.
        let (mut words, mut capped) = (0usize, 0usize);
        for t in &toks[line_start..line_end] {
            if t.kind == TokenKind::Word {
                words += 1;
                capped += t.cap as usize;
            }
        }
        if words < 3 || capped * 2 < words {
            line_start = line_end;
            continue;
        }
        let mut content = 0usize;
        let mut caps = 0usize;
        let mut upper = 0usize;
        let mut ends_stop = false;
        for t in &toks[line_start..line_end] {
            if t.kind == TokenKind::Word {
                let w = t.text(body);
                if (w.len() <= 4
                    && !t.upper
                    && super::lexicon::TITLE_CASE_MINOR_WORDS
                        .iter()
                        .any(|m| m.eq_ignore_ascii_case(w)))
                    || w == "s"
                {
                    continue;
                }
                content += 1;
                caps += t.cap as usize;
                upper += t.upper as usize;
            }
        }
        if let Some(last) = toks[line_start..line_end].last() {
            let s = last.text(body);
            ends_stop = last.kind == TokenKind::Punct && (s == "." || s == "!" || s == "?");
        }
        // Headlines rarely end with a full stop; body sentences full of names usually do. A
        // line in capitals is a headline either way ("SOCCER - JAPAN GET LUCKY WIN .").
        let title =
            content >= 3 && caps * 10 >= content * 8 && (!ends_stop || upper * 10 >= content * 8);
        if title {
            for t in &mut toks[line_start..line_end] {
                t.title_line = true;
            }
        }
        line_start = line_end;
    }
}

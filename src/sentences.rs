//! Sentence splitting for article bodies.
//!
//! Claim linking and entity recognition both work sentence by sentence, so we need a splitter that
//! is fast (it runs over every article at ingest time) and does not break on the periods that are
//! everywhere in news text: abbreviations ("Mr.", "U.S.", "Jan."), decimals ("$6.6 billion"),
//! initials ("J. K. Rowling") and domain names. Line breaks always end a sentence, so headlines
//! and list items without final punctuation still come out as sentences of their own.

use std::ops::Range;

/// Abbreviations after which a period never ends a sentence (compared case-sensitively).
const ABBREV: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "Ft", "Gen", "Sen", "Rep",
    "Gov", "Lt", "Col", "Capt", "Sgt", "Cpl", "Adm", "Cmdr", "Rev", "Hon", "Pres", "Supt", "Det",
    "Insp", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    "No", "Nos", "Vol", "vol", "pp", "p", "fig", "Fig", "vs", "v", "e.g", "i.e", "cf", "approx",
    "Ave", "Blvd", "Rd", "Bros", "Dept", "Univ", "Assn", "est", "Est", "al", "ca", "op", "Op",
    "Art", "ch", "Ch", "sec", "Sec", "Ref", "ref", "Ph", "Messrs", "Mmes",
];

/// Abbreviations that often end a sentence too: break only before a typical sentence opener.
const SOFT_ABBREV: &[&str] = &[
    "etc", "U.S", "U.K", "U.N", "E.U", "a.m", "p.m", "A.M", "P.M", "Jr", "Sr",
];

/// Company suffixes end sentences more often than not ("... agreed to buy Acme Corp. The
/// deal ..."); they continue one only before a title or an acronym ("Acme Inc. CEO Jane Roe",
/// "Acme Inc. Chief Executive ...").
const COMPANY_ABBREV: &[&str] = &["Inc", "Corp", "Ltd", "Co", "Cos", "LLC", "Plc", "plc"];
const TITLE_AFTER_COMPANY: &[&str] = &[
    "Chief",
    "Chairman",
    "Chairwoman",
    "Chair",
    "President",
    "Vice",
    "Director",
    "Founder",
    "Co-founder",
    "Executive",
    "Managing",
    "Senior",
    "Head",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Chairperson",
    "General",
    "Deputy",
];

const OPENERS: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "I",
    "In",
    "But",
    "And",
    "A",
    "An",
    "However",
    "His",
    "Her",
    "Their",
    "There",
    "As",
    "On",
    "At",
    "For",
    "If",
    "When",
    "While",
    "Meanwhile",
    "According",
    "Shares",
    "So",
    "Yet",
    "After",
    "Before",
    "Last",
    "Earlier",
    "Now",
    "Then",
    "What",
    "Why",
    "How",
    "Analysts",
    "Investors",
];

#[inline]
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '›' | '}')
}

/// The length of a closing quote standing alone as a word at the start of `text`: `''` (the
/// tokenised closing quote) or `”`, or any closer when nothing follows it on the line.
fn standalone_closer(text: &str) -> Option<usize> {
    let quote = if text.starts_with("''") {
        2
    } else if text.starts_with('”') {
        '”'.len_utf8()
    } else {
        let first = text.chars().next()?;
        let alone = is_closer(first) && text[first.len_utf8()..].trim().is_empty();
        return alone.then_some(first.len_utf8());
    };
    text[quote..]
        .chars()
        .next()
        .is_none_or(char::is_whitespace)
        .then_some(quote)
}

/// Whether the "m" at byte `m` is the end of a spaced "a. m." or "p. m.".
fn spaced_meridiem(line: &str, m: usize) -> bool {
    let before = &line[..m];
    (before.ends_with("a. ")
        || before.ends_with("p. ")
        || before.ends_with("A. ")
        || before.ends_with("P. "))
        && !before[..before.len() - 3]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
}

/// The word (letters, digits, internal dots) that ends right before byte `end`.
fn word_before(line: &str, end: usize) -> &str {
    let b = line.as_bytes();
    let mut s = end;
    while s > 0 {
        let c = b[s - 1];
        if c.is_ascii_alphanumeric() || c == b'.' || c >= 0x80 {
            s -= 1;
        } else {
            break;
        }
    }
    // Only ASCII-or-UTF-8-safe: move forward to a char boundary.
    while s < end && !line.is_char_boundary(s) {
        s += 1;
    }
    line[s..end].trim_start_matches('.')
}

fn first_word(rest: &str) -> &str {
    let end = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(rest.len(), |(i, _)| i);
    &rest[..end]
}

/// Byte ranges of the sentences of `text`, trimmed of surrounding whitespace.
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split('\n') {
        split_line(line, line_start, &mut out);
        line_start += line.len() + 1;
    }
    out
}

fn push_trimmed(line: &str, base: usize, s: usize, e: usize, out: &mut Vec<Range<usize>>) {
    let seg = &line[s..e];
    let t = seg.trim_start();
    let s2 = s + (seg.len() - t.len());
    let t = t.trim_end();
    if !t.is_empty() {
        out.push(base + s2..base + s2 + t.len());
    }
}

fn split_line(line: &str, base: usize, out: &mut Vec<Range<usize>>) {
    let b = line.as_bytes();
    let n = b.len();
    let mut sent_start = 0;
    let mut i = 0;
    while i < n {
        // Jump to the next possible terminator.
        match b[i..]
            .iter()
            .position(|&c| matches!(c, b'.' | b'?' | b'!' | 0xE2))
        {
            Some(p) => i += p,
            None => break,
        }
        let c = b[i];
        let (is_term, tlen, ellipsis) = match c {
            b'.' => {
                let mut k = i;
                while k < n && b[k] == b'.' {
                    k += 1;
                }
                (true, k - i, k - i >= 3)
            }
            b'?' | b'!' => {
                let mut k = i;
                while k < n && (b[k] == b'?' || b[k] == b'!') {
                    k += 1;
                }
                (true, k - i, false)
            }
            0xE2 if i + 2 < n && b[i + 1] == 0x80 && b[i + 2] == 0xA6 => (true, 3, true),
            _ => (false, 1, false),
        };
        if !is_term {
            i += 1;
            continue;
        }
        let term_end = i + tlen;
        // Skip closing quotes / brackets.
        let mut j = term_end;
        let rest = &line[j..];
        for ch in rest.chars() {
            if is_closer(ch) {
                j += ch.len_utf8();
            } else {
                break;
            }
        }
        // Must be followed by whitespace or end of line.
        let after = &line[j..];
        let next_ws = after.chars().next().is_none_or(|ch| ch.is_whitespace());
        if !next_ws {
            i = term_end;
            continue;
        }
        // A closing quote set off by a space (tokenised text: `Who. ''`, `reason. "` at the end
        // of a line) still belongs to the sentence it closes.
        let mut next_text = after.trim_start();
        if let Some(quote) = standalone_closer(next_text) {
            j = line.len() - next_text.len() + quote;
            next_text = line[j..].trim_start();
        }
        if next_text.is_empty() {
            // End of line: the line end closes the sentence anyway.
            i = term_end;
            continue;
        }
        let nc = next_text.chars().next().unwrap_or(' ');
        if nc.is_lowercase() {
            i = term_end;
            continue;
        }
        // A decimal written with a space after its point, as tokenised text does ("a 6. 1
        // magnitude quake"): a sentence does not start with a digit right after one ending in one.
        if c == b'.' && tlen == 1 && nc.is_ascii_digit() && i > 0 && b[i - 1].is_ascii_digit() {
            i = term_end;
            continue;
        }
        if c == b'.' && !ellipsis && tlen == 1 {
            let w = word_before(line, i);
            // "7 p. m. Friday": the spaced form of "p.m." is a soft abbreviation too.
            if matches!(w, "m" | "M") && spaced_meridiem(line, i - 1) {
                let fw = first_word(next_text);
                if !OPENERS.contains(&fw) {
                    i = term_end;
                    continue;
                }
            }
            if ABBREV.contains(&w) {
                i = term_end;
                continue;
            }
            // Initials: a single capital letter.
            let mut wc = w.chars();
            if let (Some(f), None) = (wc.next(), wc.next())
                && f.is_uppercase()
            {
                i = term_end;
                continue;
            }
            if COMPANY_ABBREV.contains(&w) {
                let fw = first_word(next_text);
                let acronym = fw.len() >= 2 && fw.chars().all(|c| c.is_ascii_uppercase());
                if !nc.is_uppercase() || acronym || TITLE_AFTER_COMPANY.contains(&fw) {
                    i = term_end;
                    continue;
                }
            }
            // Dotted acronyms like "U.S." and soft abbreviations.
            let dotted_acronym =
                w.contains('.') && w.len() <= 5 && w.chars().all(|c| c == '.' || c.is_alphabetic());
            if SOFT_ABBREV.contains(&w) || dotted_acronym {
                let fw = first_word(next_text);
                if !OPENERS.contains(&fw) {
                    i = term_end;
                    continue;
                }
            }
        }
        if ellipsis && !(nc.is_uppercase() || nc == '"' || nc == '“') {
            i = term_end;
            continue;
        }
        push_trimmed(line, base, sent_start, j, out);
        sent_start = j;
        i = j;
    }
    push_trimmed(line, base, sent_start, n, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        split_sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn basic_and_lines() {
        assert_eq!(
            split("Headline Without Stop\n\nFirst one. Second one! Third?\nLast line"),
            vec![
                "Headline Without Stop",
                "First one.",
                "Second one!",
                "Third?",
                "Last line"
            ]
        );
    }

    #[test]
    fn abbreviations_and_decimals() {
        assert_eq!(
            split(
                "Mr. Smith paid $6.6 billion to Acme Corp. in Jan. 2020. Dr. Who met J. K. Rowling in St. Louis. It rained."
            ),
            vec![
                "Mr. Smith paid $6.6 billion to Acme Corp. in Jan. 2020.",
                "Dr. Who met J. K. Rowling in St. Louis.",
                "It rained."
            ]
        );
        assert_eq!(
            split("The U.S. economy grew. No. 1 was e.g. Amazon.com today. Done"),
            vec![
                "The U.S. economy grew.",
                "No. 1 was e.g. Amazon.com today.",
                "Done"
            ]
        );
        assert_eq!(
            split("He works at Apple Inc. The company grew."),
            vec!["He works at Apple Inc.", "The company grew."]
        );
        assert_eq!(
            split(
                "Oakford plc will invest in Paxfield plc. Until recently, few knew. It cost $6.2bn. Labour costs rose. Acme Inc. CEO Jane Roe and Acme Corp. Chief Executive John Doe spoke. Amazon.com, Inc. (NASDAQ: AMZN) is in talks."
            ),
            vec![
                "Oakford plc will invest in Paxfield plc.",
                "Until recently, few knew.",
                "It cost $6.2bn.",
                "Labour costs rose.",
                "Acme Inc. CEO Jane Roe and Acme Corp. Chief Executive John Doe spoke.",
                "Amazon.com, Inc. (NASDAQ: AMZN) is in talks."
            ]
        );
    }

    #[test]
    fn tokenised_text() {
        // As ECB+ and other tokenised corpora write news: spaced decimals, times and quotes.
        assert_eq!(
            split(
                "A 6. 1 - magnitude quake hit Aceh. The EU called it `` completely unacceptable. '' She was hit around 7 p. m. Friday at the corner. Police left at 9 a. m. The road reopened. They killed him for no reason. \""
            ),
            vec![
                "A 6. 1 - magnitude quake hit Aceh.",
                "The EU called it `` completely unacceptable. ''",
                "She was hit around 7 p. m. Friday at the corner.",
                "Police left at 9 a. m.",
                "The road reopened.",
                "They killed him for no reason. \""
            ]
        );
        // A sentence that ends in a number still ends before one that starts with a word.
        assert_eq!(
            split("The score was 3. 4 were hurt. It ended 2. Then rain."),
            vec!["The score was 3. 4 were hurt.", "It ended 2.", "Then rain."]
        );
    }

    #[test]
    fn quotes_ellipses() {
        assert_eq!(
            split(
                "He said \"yes.\" Then left. (It was late.) She said “no.” Wait... what? Well… Maybe."
            ),
            vec![
                "He said \"yes.\"",
                "Then left.",
                "(It was late.)",
                "She said “no.”",
                "Wait... what?",
                "Well…",
                "Maybe."
            ]
        );
    }

    #[test]
    fn multibyte_safe() {
        let t = "東京は大きい。 Él dijo «hola». Ünïcödé! 😀 ok.";
        for r in split_sentences(t) {
            assert!(t.is_char_boundary(r.start) && t.is_char_boundary(r.end));
        }
    }
}

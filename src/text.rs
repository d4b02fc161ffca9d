//! Text hygiene shared by every input path and every output path.
//!
//! Article, page and feed text is hostile: it may carry terminal escape sequences (CSI, OSC —
//! including OSC 52 clipboard writes —, DCS), C0/C1 control characters and bidi overrides that
//! would let a saved page rewrite the user's terminal. Everything that enters the library goes
//! through [`sanitize`], so nothing stored can reach a terminal as a control sequence. Matching
//! uses a separate normalised copy ([`normalize_for_matching`]) so the text a reader sees stays
//! as the author wrote it.

/// Removes terminal escape sequences, control characters (except `\n` and `\t`, which become
/// structure) and bidi embedding/override/isolate characters; turns `\r\n` and lone `\r` into
/// `\n`; replaces non-breaking and other exotic spaces with a plain space.
pub fn sanitize(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape_sequence(&mut chars),
            // C1 introducers: CSI, OSC, DCS, SOS, PM, APC take a payload like their ESC forms.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string_payload(&mut chars),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\t' => out.push(c),
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
                out.push(if c == '\u{3000}' { '\u{3000}' } else { ' ' })
            }
            c if is_forbidden(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// True for characters that must never be stored or drawn: C0/C1 controls (other than the
/// newline and tab that [`sanitize`] keeps), DEL, bidi controls, zero-width no-break space used
/// as a byte-order mark, and the Unicode "interlinear annotation" and object-replacement marks.
pub fn is_forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{061c}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}')
}

fn skip_escape_sequence(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => {
            chars.next();
            skip_string_payload(chars);
        }
        // Two-character escapes (ESC 7, ESC c, ESC ( B ...): drop the next character, and the
        // charset designator after '(' or ')'.
        Some('(') | Some(')') | Some('*') | Some('+') | Some('#') | Some('%') => {
            chars.next();
            chars.next();
        }
        Some(c) if ('\u{20}'..='\u{7e}').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

/// CSI: parameter and intermediate bytes, then one final byte in `@`..=`~`.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            return;
        }
        if !('\u{20}'..='\u{3f}').contains(&c) {
            // Malformed sequence: stop at the first character that cannot belong to it.
            return;
        }
    }
}

/// OSC/DCS/SOS/PM/APC: everything up to BEL, ST (ESC \) or the C1 ST.
fn skip_string_payload(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => return,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            _ => {}
        }
    }
}

/// Collapses runs of whitespace (including newlines) into one space and trims the ends.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// A lowercase copy with typographic quotes, dashes and ellipses folded to ASCII, used for
/// matching (duplicate detection, junk rules, claim keys); never shown to the user.
pub fn normalize_for_matching(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' => out.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '«' | '»' => {
                out.push('"')
            }
            '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
            '\u{2026}' => out.push_str("..."),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Splits cleaned text into paragraphs: blank lines separate paragraphs, and so do single
/// newlines (saved articles usually put one paragraph on each line). Each paragraph has its
/// whitespace collapsed; empty ones are dropped.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(collapse_whitespace)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Stable 64-bit FNV-1a hash, used for article ids and content fingerprints. Stable across
/// runs, platforms and Rust versions (unlike `std`'s hasher), which ids need.
pub fn stable_hash(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in *part {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        // Separator so ("ab","c") and ("a","bc") differ.
        hash ^= 0xff;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Truncates `s` to at most `max` bytes on a char boundary.
pub fn truncate_on_char_boundary(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_csi_osc_and_dcs_sequences() {
        let hostile =
            "safe\u{1b}[31mred\u{1b}[0m \u{1b}]52;c;ZXZpbA==\u{7}clip \u{1b}P1$r\u{1b}\\dcs end";
        assert_eq!(sanitize(hostile), "safered clip dcs end");
    }

    #[test]
    fn strips_c1_controls_and_bidi_overrides() {
        let hostile = "a\u{9b}2Jb\u{202e}evil\u{202c}c\u{0}d\u{7f}e";
        assert_eq!(sanitize(hostile), "abevilcde");
    }

    #[test]
    fn keeps_wide_and_combining_characters() {
        let s = "東京 café e\u{301} 🚀 مرحبا";
        assert_eq!(sanitize(s), s);
    }

    #[test]
    fn normalises_line_endings_and_odd_spaces() {
        assert_eq!(sanitize("a\r\nb\rc\u{a0}d"), "a\nb\nc d");
    }

    #[test]
    fn matching_copy_folds_quotes_and_dashes() {
        assert_eq!(
            normalize_for_matching("OpenAI’s “Big” Deal—Now"),
            "openai's \"big\" deal-now"
        );
    }

    #[test]
    fn stable_hash_is_stable() {
        assert_eq!(stable_hash(&[b"abc"]), stable_hash(&[b"abc"]));
        assert_ne!(stable_hash(&[b"ab", b"c"]), stable_hash(&[b"a", b"bc"]));
        // Pinned so ids never change between releases.
        assert_eq!(stable_hash(&[b"crossread"]), 0x5b5c_2349_48fc_7070);
    }

    #[test]
    fn truncation_respects_char_boundaries() {
        assert_eq!(truncate_on_char_boundary("héllo", 2), "h");
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        /// Text with terminal escape sequences, C0/C1 controls and bidi overrides mixed in.
        fn hostile_text() -> impl Strategy<Value = String> {
            let piece = prop_oneof![
                "\\PC{0,12}",
                Just("\u{1b}[31m".to_string()),
                Just("\u{1b}]52;c;ZXZpbA==\u{7}".to_string()),
                Just("\u{1b}]8;;http://evil\u{1b}\\".to_string()),
                Just("\u{1b}P1$r\u{1b}\\".to_string()),
                Just("\u{9b}2J".to_string()),
                Just("\u{202e}".to_string()),
                Just("\u{2067}".to_string()),
                Just("\r\n".to_string()),
                (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap().to_string()),
                (0x7fu32..0xa0).prop_map(|c| char::from_u32(c).unwrap().to_string()),
            ];
            proptest::collection::vec(piece, 0..24).prop_map(|parts| parts.concat())
        }

        proptest! {
            #[test]
            fn sanitized_text_has_no_control_or_bidi_characters(text in hostile_text()) {
                let clean = sanitize(&text);
                for c in clean.chars() {
                    prop_assert!(c == '\n' || c == '\t' || !is_forbidden(c), "{c:?} in {clean:?}");
                    prop_assert!(!matches!(c, '\u{1b}' | '\r'), "escape or CR left");
                }
                // Sanitising is idempotent.
                prop_assert_eq!(sanitize(&clean), clean.clone());
            }

            #[test]
            fn plain_text_ingest_never_panics_and_stays_clean(text in hostile_text()) {
                if let Ok(articles) = crate::ingest::plain::read_text(&sanitize(&text), "/p.txt") {
                    for article in articles {
                        for c in article.body().chars().chain(article.title.chars()) {
                            prop_assert!(c == '\n' || !is_forbidden(c));
                        }
                    }
                }
            }
        }
    }
}

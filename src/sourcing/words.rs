//! A sentence as attribution and certainty see it: words (lowercase, curly apostrophes made
//! straight) and the punctuation that bounds phrases and clauses, each with its byte span and
//! the recognised entity it lies in.

use crate::entities::{Entity, EntityKind};

/// What a token is, for the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    Comma,
    /// `;` or `:`, which end a clause like a comma but never sit inside a name.
    Colon,
    /// `.`, `!`, `?`
    Stop,
    /// `-`, `–`, `—` standing alone.
    Dash,
    OpenParen,
    CloseParen,
    /// A double quotation mark: `"`, `“`, `”`, `„`, `«`, `»`, or the doubled ASCII forms.
    Quote(QuoteSide),
    Other,
}

/// Which way a quotation mark faces; straight quotes do not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum QuoteSide {
    Open,
    Close,
    Either,
}

/// Which recognised entity a token lies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum InEntity {
    None,
    /// A name (person, organisation, place, product): index into the sentence's entities.
    Name(usize),
    /// A figure or date ("May 5", "$8 billion"): its words are never hedges.
    Figure,
}

#[derive(Debug, Clone)]
pub(super) struct Token {
    pub start: usize,
    pub end: usize,
    pub lower: String,
    pub kind: Kind,
    pub capital: bool,
    pub entity: InEntity,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
}

/// A sentence's tokens with the names in it (spans relative to the sentence).
#[derive(Debug, Clone)]
pub(super) struct Words {
    pub tokens: Vec<Token>,
    /// Names only (people, organisations, places, products), relative to the sentence.
    pub names: Vec<(EntityKind, usize, usize)>,
}

impl Words {
    /// `entities` are positioned in a larger text of which `text` starts at `offset`; those
    /// outside the sentence are ignored.
    pub fn new(text: &str, offset: usize, entities: &[Entity]) -> Words {
        let inside: Vec<(EntityKind, usize, usize)> = entities
            .iter()
            .filter(|e| e.start >= offset && e.end <= offset + text.len())
            .map(|e| (e.kind, e.start - offset, e.end - offset))
            .collect();
        let names: Vec<(EntityKind, usize, usize)> = inside
            .iter()
            .copied()
            .filter(|(kind, _, _)| is_name(*kind))
            .collect();
        let mut tokens = tokenize(text);
        for t in &mut tokens {
            // A token that starts inside a name belongs to it ("Amazon's" to "Amazon").
            if let Some(n) = names
                .iter()
                .position(|&(_, s, e)| s <= t.start && t.start < e)
            {
                t.entity = InEntity::Name(n);
            } else if inside.iter().any(|&(_, s, e)| s <= t.start && t.start < e) {
                t.entity = InEntity::Figure;
            }
        }
        Words { tokens, names }
    }

    /// The name entity token `i` lies in, as (kind, first token, last token + 1).
    pub fn name_at(&self, i: usize) -> Option<(EntityKind, usize, usize)> {
        let InEntity::Name(n) = self.tokens.get(i)?.entity else {
            return None;
        };
        let mut first = i;
        while first > 0 && self.tokens[first - 1].entity == InEntity::Name(n) {
            first -= 1;
        }
        let mut end = i + 1;
        while end < self.tokens.len() && self.tokens[end].entity == InEntity::Name(n) {
            end += 1;
        }
        Some((self.names[n].0, first, end))
    }

    /// The text from token `first` through token `end - 1`.
    pub fn text<'t>(&self, sentence: &'t str, first: usize, end: usize) -> &'t str {
        if first >= end || end > self.tokens.len() {
            return "";
        }
        &sentence[self.tokens[first].start..self.tokens[end - 1].end]
    }

    /// Whether the sentence is written in title case, as headlines are: most longer words
    /// capitalised.
    pub fn is_headline(&self) -> bool {
        let long: Vec<&Token> = self
            .tokens
            .iter()
            .filter(|t| t.is_word() && t.lower.chars().count() > 3)
            .collect();
        long.len() >= 3 && long.iter().filter(|t| t.capital).count() * 10 >= long.len() * 6
    }

    pub fn lower(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.lower.as_str())
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(Token::is_word)
    }
}

fn is_name(kind: EntityKind) -> bool {
    matches!(
        kind,
        EntityKind::Person | EntityKind::Org | EntityKind::Place | EntityKind::Product
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘')
}

/// Characters that join letters into one word when letters follow: "doesn't", "U.S.",
/// "co-founder", "AT&T".
fn is_joiner(c: char) -> bool {
    is_apostrophe(c) || matches!(c, '-' | '.' | '&')
}

/// Whether `rest` (the text after an apostrophe) is a contraction's tail: "ll", "s", "re", "ve",
/// "d" or "m" ending the word. Otherwise the apostrophe is a single quotation mark ('he did').
fn opens_contraction(rest: &str) -> bool {
    ["ll", "s", "re", "ve", "d", "m"].iter().any(|tail| {
        rest.get(..tail.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(tail))
            && !rest[tail.len()..].starts_with(|c: char| c.is_alphanumeric())
    })
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        let next = chars.get(k + 1).map(|&(_, n)| n);
        if c.is_alphanumeric()
            || (is_apostrophe(c) && opens_contraction(&text[at + c.len_utf8()..]))
        {
            // A word; an apostrophe opens it only as a contraction written apart ("we 'll").
            let mut end = k + 1;
            while end < chars.len() {
                let ch = chars[end].1;
                let after = chars.get(end + 1).map(|&(_, n)| n);
                if ch.is_alphanumeric()
                    || (is_joiner(ch) && after.is_some_and(|n| n.is_alphanumeric()))
                {
                    end += 1;
                } else {
                    break;
                }
            }
            // A trailing period belongs to an abbreviation only inside the word ("U.S.").
            let stop = chars.get(end).map_or(text.len(), |&(i, _)| i);
            let word = &text[at..stop];
            tokens.push(Token {
                start: at,
                end: stop,
                lower: word.replace(['’', '‘'], "'").to_lowercase(),
                kind: Kind::Word,
                capital: c.is_uppercase(),
                entity: InEntity::None,
            });
            k = end;
            continue;
        }
        if c.is_whitespace() {
            k += 1;
            continue;
        }
        // Doubled ASCII quotes (`` and '') as in tokenised corpora.
        let doubled = (c == '`' && next == Some('`')) || (c == '\'' && next == Some('\''));
        let (kind, width) = if doubled {
            let side = if c == '`' {
                QuoteSide::Open
            } else {
                QuoteSide::Close
            };
            (Kind::Quote(side), 2)
        } else {
            let kind = match c {
                ',' => Kind::Comma,
                ';' | ':' => Kind::Colon,
                '.' | '!' | '?' | '…' => Kind::Stop,
                '-' | '–' | '—' => Kind::Dash,
                '(' | '[' => Kind::OpenParen,
                ')' | ']' => Kind::CloseParen,
                '“' | '„' | '«' => Kind::Quote(QuoteSide::Open),
                '”' | '»' => Kind::Quote(QuoteSide::Close),
                '"' => Kind::Quote(QuoteSide::Either),
                _ => Kind::Other,
            };
            (kind, 1)
        };
        let end = chars.get(k + width).map_or(text.len(), |&(i, _)| i);
        tokens.push(Token {
            start: at,
            end,
            lower: text[at..end].to_string(),
            kind,
            capital: false,
            entity: InEntity::None,
        });
        k += width;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lowers(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.lower).collect()
    }

    #[test]
    fn words_keep_contractions_and_abbreviations_whole() {
        assert_eq!(
            lowers("Amazon doesn’t say, the U.S. firm’s CEO said."),
            [
                "amazon", "doesn't", "say", ",", "the", "u.s", ".", "firm's", "ceo", "said", "."
            ]
        );
        assert_eq!(lowers("DO N'T go"), ["do", "n't", "go"]);
        assert_eq!(
            lowers("we 'll see 'he did'"),
            ["we", "'ll", "see", "'", "he", "did", "'"]
        );
    }

    #[test]
    fn quotation_marks_know_their_side() {
        let kinds: Vec<Kind> = tokenize("`` Yes, '' he said. “No”")
            .into_iter()
            .map(|t| t.kind)
            .collect();
        assert_eq!(kinds[0], Kind::Quote(QuoteSide::Open));
        assert_eq!(kinds[3], Kind::Quote(QuoteSide::Close));
        assert_eq!(kinds[7], Kind::Quote(QuoteSide::Open));
        assert_eq!(kinds[9], Kind::Quote(QuoteSide::Close));
    }

    #[test]
    fn tokens_know_the_name_they_lie_in() {
        let text = "According to CNBC, talks began in May.";
        let entity = |kind, s: &str| {
            let start = text.find(s).unwrap();
            Entity {
                kind,
                text: s.to_string(),
                start: start + 100,
                end: start + s.len() + 100,
                value: None,
                unit: None,
                qualifier: None,
                normalized: None,
            }
        };
        let words = Words::new(
            text,
            100,
            &[
                entity(EntityKind::Org, "CNBC"),
                entity(EntityKind::Date, "May"),
            ],
        );
        assert_eq!(words.name_at(2), Some((EntityKind::Org, 2, 3)));
        assert_eq!(words.tokens[7].entity, InEntity::Figure);
        assert_eq!(words.name_at(7), None);
    }
}

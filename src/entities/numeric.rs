//! Money, percentages and quantities.
//!
//! These are the figures claims are made of, so each one carries a machine-readable value in base
//! units (`"$50 billion"` -> 5e10 USD), a unit, and any hedging qualifier ("up to", "more than"),
//! which is kept outside the span. Ranges ("$10-$20 billion", "10-15%") keep the whole range in the
//! span and use the UPPER bound as the value: a range in news is almost always a ceiling claim
//! ("could be worth $10-$20 billion"), and the upper bound is what a later report tends to confirm
//! or contradict.

use super::token::{Token, TokenKind};
use super::{Entity, EntityKind, make};

fn word_lower_eq(body: &str, t: &Token, w: &str) -> bool {
    t.kind == TokenKind::Word && t.text(body).eq_ignore_ascii_case(w)
}

pub fn parse_num(s: &str) -> Option<f64> {
    if s.contains(',') {
        let cleaned: String = s.chars().filter(|&c| c != ',').collect();
        cleaned.parse().ok()
    } else {
        s.parse().ok()
    }
}

/// Multiplier written as its own word ("billion", "bn").
fn spaced_multiplier(w: &str) -> Option<f64> {
    if w.len() > 9 {
        return None;
    }
    let mut buf = [0u8; 9];
    for (d, s) in buf.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    Some(match std::str::from_utf8(&buf[..w.len()]).unwrap_or("") {
        "thousand" => 1e3,
        "million" | "millions" | "mn" | "mln" => 1e6,
        "billion" | "billions" | "bn" | "bln" => 1e9,
        "trillion" | "trillions" | "tn" | "trn" => 1e12,
        "crore" | "crores" => 1e7,
        "lakh" | "lakhs" => 1e5,
        _ => return None,
    })
}

/// Multiplier glued to the figure ("100B", "3bn", "250m", "5k").
fn glued_multiplier(w: &str) -> Option<f64> {
    Some(match w {
        "k" | "K" => 1e3,
        "m" | "M" | "mn" | "mln" => 1e6,
        "b" | "B" | "bn" | "bln" | "Bn" => 1e9,
        "t" | "T" | "tn" | "trn" | "Tn" => 1e12,
        _ => return spaced_multiplier(w),
    })
}

fn symbol_currency(s: &str) -> Option<&'static str> {
    Some(match s {
        "$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "₹" => "INR",
        "₩" => "KRW",
        "₽" => "RUB",
        "₺" => "TRY",
        "₪" => "ILS",
        _ => return None,
    })
}

fn dollar_prefix(s: &str) -> Option<&'static str> {
    Some(match s {
        "US" | "U.S." => "USD",
        "C" | "CA" | "CAN" => "CAD",
        "A" | "AU" => "AUD",
        "HK" => "HKD",
        "NZ" => "NZD",
        "S" => "SGD",
        "R" => "BRL",
        "NT" => "TWD",
        _ => return None,
    })
}

fn code_currency(s: &str) -> Option<&'static str> {
    Some(match s {
        "USD" => "USD",
        "EUR" => "EUR",
        "GBP" => "GBP",
        "JPY" => "JPY",
        "CHF" => "CHF",
        "CNY" | "RMB" => "CNY",
        "INR" | "Rs" => "INR",
        "AUD" => "AUD",
        "CAD" => "CAD",
        "HKD" => "HKD",
        "SEK" => "SEK",
        "NOK" => "NOK",
        "KRW" => "KRW",
        _ => return None,
    })
}

fn word_currency(w: &str) -> Option<&'static str> {
    Some(match w.to_ascii_lowercase().as_str() {
        "dollars" | "dollar" => "USD",
        "euros" | "euro" => "EUR",
        "pounds" | "sterling" => "GBP",
        "yen" => "JPY",
        "yuan" | "renminbi" => "CNY",
        "rupees" | "rupee" => "INR",
        "francs" => "CHF",
        "won" => "KRW",
        "rubles" | "roubles" => "RUB",
        _ => return code_currency(w),
    })
}

const QUALIFIERS: &[&str] = &[
    "as much as",
    "as many as",
    "as little as",
    "as high as",
    "as low as",
    "in excess of",
    "upwards of",
    "up to",
    "more than",
    "less than",
    "fewer than",
    "greater than",
    "at least",
    "at most",
    "just over",
    "just under",
    "well over",
    "close to",
    "an estimated",
    "about",
    "nearly",
    "over",
    "roughly",
    "around",
    "almost",
    "approximately",
    "under",
    "some",
    "below",
    "above",
    "exceeding",
    "approaching",
    "exceed",
    "approx",
    "circa",
    "only",
];

/// Qualifier words directly before token `i` (lowercased), if any.
pub fn qualifier_before(body: &str, toks: &[Token], i: usize) -> Option<String> {
    for q in QUALIFIERS {
        let n = q.split(' ').count();
        if i < n {
            continue;
        }
        let ok = q
            .split(' ')
            .zip(&toks[i - n..i])
            .all(|(w, t)| word_lower_eq(body, t, w));
        if ok && !toks[i - n + 1..=i].iter().any(|t| t.newline_before) {
            return Some((*q).to_string());
        }
    }
    None
}

struct Amount {
    end: usize, // token index one past the amount
    value: f64,
    has_mult: bool,
}

/// Number token at `j` plus an optional multiplier.
fn amount(body: &str, toks: &[Token], j: usize) -> Option<Amount> {
    let t = toks.get(j)?;
    if t.kind != TokenKind::Num {
        return None;
    }
    let mut v = parse_num(t.text(body))?;
    let mut end = j + 1;
    let mut has_mult = false;
    if let Some(n) = toks.get(end)
        && n.kind == TokenKind::Word
    {
        if !n.space_before {
            if let Some(m) = glued_multiplier(n.text(body)) {
                v *= m;
                end += 1;
                has_mult = true;
            } else {
                return None; // "5G", "4th": not an amount
            }
        } else if let Some(m) = spaced_multiplier(n.text(body)) {
            v *= m;
            end += 1;
            has_mult = true;
        }
    }
    Some(Amount {
        end,
        value: v,
        has_mult,
    })
}

/// Currency prefix at `i`: returns (currency, index of the number token).
fn currency_prefix(body: &str, toks: &[Token], i: usize) -> Option<(&'static str, usize)> {
    let t = &toks[i];
    let s = t.text(body);
    if t.kind == TokenKind::Punct {
        let cur = symbol_currency(s)?;
        let n = toks.get(i + 1)?;
        if n.kind == TokenKind::Num && !n.newline_before {
            return Some((cur, i + 1));
        }
        return None;
    }
    if t.kind != TokenKind::Word {
        return None;
    }
    if let Some(cur) = dollar_prefix(s) {
        let d = toks.get(i + 1)?;
        if !d.space_before
            && d.text(body) == "$"
            && toks.get(i + 2).is_some_and(|n| n.kind == TokenKind::Num)
        {
            return Some((cur, i + 2));
        }
    }
    if let Some(cur) = code_currency(s) {
        let mut j = i + 1;
        if s == "Rs"
            && toks
                .get(j)
                .is_some_and(|d| d.text(body) == "." && !d.space_before)
        {
            j += 1;
        }
        let n = toks.get(j)?;
        if n.kind == TokenKind::Num && (n.space_before || s.len() == 3) && !n.newline_before {
            return Some((cur, j));
        }
    }
    None
}

fn is_dash(body: &str, t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(t.text(body), "-" | "–" | "—")
}

/// Try a money expression starting at token `i`.
fn money_at(body: &str, toks: &[Token], i: usize) -> Option<(usize, f64, &'static str)> {
    if let Some((cur, j)) = currency_prefix(body, toks, i) {
        let a = amount(body, toks, j)?;
        let mut end = a.end;
        let mut value = a.value;
        // "+" glued: "$500 billion+".
        if toks
            .get(end)
            .is_some_and(|t| !t.space_before && t.text(body) == "+")
        {
            end += 1;
        }
        // Range: "$10-$20 billion", "$10 to $20 billion", "$10-20 billion".
        if let Some(sep) = toks.get(end)
            && (is_dash(body, sep) || word_lower_eq(body, sep, "to"))
        {
            let mut k = end + 1;
            if toks
                .get(k)
                .is_some_and(|t| symbol_currency(t.text(body)) == Some(cur))
            {
                k += 1;
            }
            if let Some(b) = amount(body, toks, k) {
                let upper = b.value;
                let lower = if a.has_mult || !b.has_mult {
                    a.value
                } else {
                    // "$10-20 billion": the multiplier applies to both ends.
                    a.value * (b.value / parse_num(toks[k].text(body)).unwrap_or(1.0))
                };
                if upper >= lower {
                    value = upper;
                    end = b.end;
                }
            }
        }
        // Trailing currency code: "$5 million USD" is rare; ignore.
        return Some((end, value, cur));
    }
    // Number first: "50 billion dollars", "1.5 million euros".
    let a = amount(body, toks, i)?;
    let w = toks.get(a.end)?;
    if w.kind == TokenKind::Word && w.space_before {
        let s = w.text(body);
        if let Some(cur) = word_currency(s) {
            // "pounds" without a multiplier is usually weight.
            if (s.eq_ignore_ascii_case("pounds") || s.eq_ignore_ascii_case("won")) && !a.has_mult {
                return None;
            }
            return Some((a.end + 1, a.value, cur));
        }
    }
    None
}

/// "multibillion", "multibillion-dollar", "multi-billion-dollar".
fn vague_money_at(body: &str, toks: &[Token], i: usize) -> Option<usize> {
    let t = &toks[i];
    if t.kind != TokenKind::Word {
        return None;
    }
    let s = t.text(body);
    let mut end = i + 1;
    let base = ["multibillion", "multimillion", "multitrillion"]
        .iter()
        .any(|m| s.eq_ignore_ascii_case(m));
    if !base {
        if s.eq_ignore_ascii_case("multi")
            && toks
                .get(i + 1)
                .is_some_and(|d| !d.space_before && d.text(body) == "-")
            && toks.get(i + 2).is_some_and(|w| {
                !w.space_before
                    && ["billion", "million", "trillion"]
                        .iter()
                        .any(|m| w.text(body).eq_ignore_ascii_case(m))
            })
        {
            end = i + 3;
        } else {
            return None;
        }
    }
    if toks
        .get(end)
        .is_some_and(|d| !d.space_before && d.text(body) == "-")
        && toks
            .get(end + 1)
            .is_some_and(|w| !w.space_before && w.text(body).eq_ignore_ascii_case("dollar"))
    {
        end += 2;
    }
    Some(end)
}

fn percent_marker(body: &str, toks: &[Token], j: usize) -> Option<usize> {
    let t = toks.get(j)?;
    let s = t.text(body);
    if t.kind == TokenKind::Punct && s == "%" {
        return Some(j + 1);
    }
    if t.kind == TokenKind::Word && t.space_before {
        if s.eq_ignore_ascii_case("percent") || s.eq_ignore_ascii_case("pct") {
            return Some(j + 1);
        }
        if s.eq_ignore_ascii_case("per")
            && toks
                .get(j + 1)
                .is_some_and(|c| word_lower_eq(body, c, "cent"))
        {
            return Some(j + 2);
        }
        if s.eq_ignore_ascii_case("percentage")
            && toks.get(j + 1).is_some_and(|c| {
                word_lower_eq(body, c, "points") || word_lower_eq(body, c, "point")
            })
        {
            return Some(j + 2);
        }
    }
    None
}

fn percent_at(body: &str, toks: &[Token], i: usize) -> Option<(usize, f64)> {
    let t = &toks[i];
    if t.kind != TokenKind::Num {
        return None;
    }
    let v = parse_num(t.text(body))?;
    if let Some(end) = percent_marker(body, toks, i + 1) {
        return Some((end, v));
    }
    // Range "10-15%", "10 to 15 percent".
    let sep = toks.get(i + 1)?;
    if is_dash(body, sep) || word_lower_eq(body, sep, "to") {
        let n = toks.get(i + 2)?;
        if n.kind == TokenKind::Num {
            let v2 = parse_num(n.text(body))?;
            if let Some(end) = percent_marker(body, toks, i + 3) {
                return Some((end, v2.max(v)));
            }
        }
    }
    None
}

const TIME_NOUNS: &[&str] = &[
    "years",
    "months",
    "weeks",
    "days",
    "hours",
    "minutes",
    "seconds",
    "decades",
    "centuries",
    "quarters",
    "nights",
    "mornings",
    "times",
    "pm",
    "am",
    "a.m.",
    "p.m.",
    "percent",
];
const NOT_NOUNS: &[&str] = &[
    "is",
    "was",
    "has",
    "as",
    "this",
    "its",
    "thus",
    "us",
    "less",
    "across",
    "plus",
    "previous",
    "various",
    "always",
    "perhaps",
    "does",
    "his",
    "hers",
    "ours",
    "yours",
    "theirs",
    "whereas",
    "besides",
    "towards",
    "afterwards",
    "sometimes",
    "nevertheless",
    "unless",
    "famous",
    "serious",
    "always",
    "numerous",
    "enormous",
    "tremendous",
    "vs",
];
const UNIT_WORDS: &[&str] = &[
    "km",
    "kg",
    "mi",
    "mph",
    "kph",
    "ft",
    "lbs",
    "lb",
    "mm",
    "cm",
    "MW",
    "GW",
    "GWh",
    "MWh",
    "TWh",
    "kWh",
    "kW",
    "TB",
    "GB",
    "PB",
    "nm",
    "acres",
    "hectares",
    "tonnes",
    "tons",
    "barrels",
    "miles",
    "meters",
    "metres",
    "feet",
    "people",
    "staff",
    "personnel",
    "children",
    "men",
    "women",
];

fn quantity_at(body: &str, toks: &[Token], i: usize) -> Option<(usize, f64, String)> {
    let t = &toks[i];
    if t.kind != TokenKind::Num {
        return None;
    }
    let s = t.text(body);
    let v = parse_num(s)?;
    // Multiples: "19.3x".
    if let Some(w) = toks.get(i + 1)
        && w.kind == TokenKind::Word
        && !w.space_before
    {
        let ws = w.text(body);
        if ws == "x" || ws == "X" {
            return Some((i + 2, v, "x".to_string()));
        }
        if UNIT_WORDS.contains(&ws) {
            return Some((i + 2, v, ws.to_string()));
        }
        return None;
    }
    let a = amount(body, toks, i)?;
    let year_like =
        !a.has_mult && s.len() == 4 && !s.contains([',', '.']) && (1800.0..=2100.0).contains(&v);
    if year_like {
        return None;
    }
    let w = toks.get(a.end)?;
    if w.kind != TokenKind::Word || !w.space_before || w.newline_before {
        return None;
    }
    let ws = w.text(body);
    let lower_plural = ws.len() >= 3
        && ws.ends_with('s')
        && ws.chars().all(|c| c.is_ascii_lowercase())
        && !NOT_NOUNS.contains(&ws);
    let upper_plural = ws.len() >= 3
        && ws.ends_with('s')
        && ws[..ws.len() - 1].chars().all(|c| c.is_ascii_uppercase());
    if (lower_plural || upper_plural || UNIT_WORDS.contains(&ws)) && !TIME_NOUNS.contains(&ws) {
        return Some((a.end + 1, a.value, ws.to_string()));
    }
    None
}

/// A match: token range, kind, value, unit.
type Found = (usize, usize, EntityKind, Option<f64>, Option<String>);

/// Find money, percentages and quantities; marks their tokens in `taken`.
pub fn find(body: &str, toks: &[Token], taken: &mut [bool], out: &mut Vec<Entity>) {
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        // Only numbers, currency symbols, short capitalised words ("US", "Rs", "EUR") and
        // "multi..." words can start a match.
        let candidate = match t.kind {
            TokenKind::Num | TokenKind::Punct => true,
            TokenKind::Word => {
                let w = t.text(body);
                (t.cap && w.len() <= 3)
                    || (w.len() >= 5 && w.as_bytes()[..5].eq_ignore_ascii_case(b"multi"))
            }
        };
        if !candidate || taken[i] {
            i += 1;
            continue;
        }
        let mut found: Option<Found> = None;
        if let Some((end, v, cur)) = money_at(body, toks, i) {
            found = Some((i, end, EntityKind::Money, Some(v), Some(cur.to_string())));
        } else if let Some(end) = vague_money_at(body, toks, i) {
            found = Some((i, end, EntityKind::Money, None, None));
        } else if t.kind == TokenKind::Num {
            // Optional sign glued to the number.
            let mut start = i;
            let mut sign = 1.0;
            if i > 0 && !t.space_before {
                let p = &toks[i - 1];
                let ps = p.text(body);
                if p.kind == TokenKind::Punct
                    && matches!(ps, "-" | "−" | "+")
                    && (p.space_before || i == 1)
                    && !taken[i - 1]
                {
                    start = i - 1;
                    if ps != "+" {
                        sign = -1.0;
                    }
                }
            }
            if let Some((end, v)) = percent_at(body, toks, i) {
                found = Some((
                    start,
                    end,
                    EntityKind::Percent,
                    Some(sign * v),
                    Some("%".to_string()),
                ));
            } else if let Some((end, v, unit)) = quantity_at(body, toks, i) {
                found = Some((i, end, EntityKind::Quantity, Some(v), Some(unit)));
            }
        }
        match found {
            Some((s, e, kind, value, unit)) if !taken[s..e].iter().any(|&x| x) => {
                let mut ent = make(body, toks, kind, s, e);
                ent.value = value;
                ent.unit = unit;
                ent.qualifier = qualifier_before(body, toks, s);
                out.push(ent);
                for x in &mut taken[s..e] {
                    *x = true;
                }
                i = e;
            }
            _ => i += 1,
        }
    }
}

//! Dates and relative time expressions, normalised to ISO-like strings.
//!
//! Linking the same claim across sources needs "January 29, 2026", "Jan. 29" and "yesterday"
//! (in an article published on 2026-01-30) to compare equal, so every date gets a `normalized`
//! form when the text allows: "2026-01-29" (day), "2025-11" (month), "2026-Q4" / "2025-H1"
//! (quarter / half), "2026-W05" (week), "2026" (year). Relative expressions ("last October", "this
//! week", "on Monday") are resolved against the article's publication date when one is known, and
//! left with `normalized: None` otherwise. A bare weekday means the most recent such day on or
//! before publication unless "next" says otherwise; a bare month name means its most recent
//! occurrence on or before the publication month.

use super::token::{Token, TokenKind};
use super::{Entity, EntityKind, make};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ymd {
    pub y: i64,
    pub m: u32,
    pub d: u32,
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> Ymd {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    Ymd {
        y: if m <= 2 { y + 1 } else { y },
        m,
        d,
    }
}

/// 0 = Monday.
fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

fn iso_week(days: i64) -> (i64, i64) {
    let wd = weekday(days);
    let thursday = days - wd + 3;
    let ty = civil_from_days(thursday).y;
    let jan1 = days_from_civil(ty, 1, 1);
    (ty, (thursday - jan1) / 7 + 1)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// Parse "2026-01-30" or "2026-01-30T12:00:00Z" (only the date part is used).
pub fn parse_published(p: &str) -> Option<Ymd> {
    let b = p.trim().as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |s: &[u8]| -> Option<i64> { std::str::from_utf8(s).ok()?.parse().ok() };
    let y = num(&b[0..4])?;
    let m = num(&b[5..7])? as u32;
    let d = num(&b[8..10])? as u32;
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some(Ymd { y, m, d })
}

fn month_of(w: &str) -> Option<u32> {
    Some(match w {
        "January" | "Jan" | "JANUARY" => 1,
        "February" | "Feb" | "FEBRUARY" => 2,
        "March" | "Mar" | "MARCH" => 3,
        "April" | "Apr" | "APRIL" => 4,
        "May" | "MAY" => 5,
        "June" | "Jun" | "JUNE" => 6,
        "July" | "Jul" | "JULY" => 7,
        "August" | "Aug" | "AUGUST" => 8,
        "September" | "Sep" | "Sept" | "SEPTEMBER" => 9,
        "October" | "Oct" | "OCTOBER" => 10,
        "November" | "Nov" | "NOVEMBER" => 11,
        "December" | "Dec" | "DECEMBER" => 12,
        _ => return None,
    })
}

fn weekday_of(w: &str) -> Option<i64> {
    Some(match w {
        "Monday" | "Mon" => 0,
        "Tuesday" | "Tue" | "Tues" => 1,
        "Wednesday" | "Wed" => 2,
        "Thursday" | "Thu" | "Thurs" => 3,
        "Friday" | "Fri" => 4,
        "Saturday" | "Sat" => 5,
        "Sunday" | "Sun" => 6,
        _ => return None,
    })
}

fn lower_is(body: &str, t: Option<&Token>, words: &[&str]) -> bool {
    t.is_some_and(|t| {
        t.kind == TokenKind::Word && words.iter().any(|w| t.text(body).eq_ignore_ascii_case(w))
    })
}

fn small_num(body: &str, t: Option<&Token>, lo: u32, hi: u32) -> Option<u32> {
    let t = t?;
    if t.kind != TokenKind::Num {
        return None;
    }
    let v: u32 = t.text(body).parse().ok()?;
    (lo..=hi).contains(&v).then_some(v)
}

fn year_at(body: &str, toks: &[Token], j: usize) -> Option<i64> {
    let t = toks.get(j)?;
    if t.kind != TokenKind::Num || t.end - t.start != 4 || t.newline_before {
        return None;
    }
    let v: i64 = t.text(body).parse().ok()?;
    if !(1800..=2100).contains(&v) {
        return None;
    }
    // "2019 employees" / "2025s": not a year.
    if let Some(n) = toks.get(j + 1)
        && n.kind == TokenKind::Word
        && !n.space_before
    {
        return None;
    }
    Some(v)
}

/// Day number (with optional glued ordinal suffix) at `j`; returns (day, next index).
fn day_at(body: &str, toks: &[Token], j: usize) -> Option<(u32, usize)> {
    let d = small_num(body, toks.get(j), 1, 31)?;
    let t = &toks[j];
    if t.end - t.start > 2 {
        return None;
    }
    let mut end = j + 1;
    if let Some(n) = toks.get(end)
        && n.kind == TokenKind::Word
        && !n.space_before
    {
        if matches!(n.text(body), "st" | "nd" | "rd" | "th") {
            end += 1;
        } else {
            return None;
        }
    }
    // "29 percent", "29%" are not days.
    if let Some(n) = toks.get(end)
        && (n.text(body) == "%"
            || (n.kind == TokenKind::Word && n.text(body).eq_ignore_ascii_case("percent")))
    {
        return None;
    }
    Some((d, end))
}

struct Found {
    start: usize,
    end: usize,
    norm: Option<String>,
}

fn fmt_day(y: i64, m: u32, d: u32) -> Option<String> {
    (d <= days_in_month(y, m)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Month name (optionally abbreviated with a dot) at `i`; returns (month, next index).
fn month_at(body: &str, toks: &[Token], i: usize) -> Option<(u32, usize)> {
    let t = &toks[i];
    if t.kind != TokenKind::Word || !t.cap {
        return None;
    }
    let s = t.text(body);
    let m = month_of(s)?;
    let mut end = i + 1;
    if s.len() <= 4
        && s != "June"
        && s != "July"
        && toks
            .get(end)
            .is_some_and(|d| d.text(body) == "." && !d.space_before)
    {
        end += 1;
    }
    Some((m, end))
}

fn date_at(body: &str, toks: &[Token], i: usize, pubd: Option<Ymd>) -> Option<Found> {
    let t = &toks[i];
    let s = t.text(body);
    let prev = if i > 0 { toks.get(i - 1) } else { None };
    // ISO 2026-01-29.
    if let Some(y) = year_at(body, toks, i)
        && toks
            .get(i + 1)
            .is_some_and(|d| d.text(body) == "-" && !d.space_before)
        && let Some(m) = small_num(body, toks.get(i + 2), 1, 12)
        && toks
            .get(i + 3)
            .is_some_and(|d| d.text(body) == "-" && !d.space_before)
        && let Some(d) = small_num(body, toks.get(i + 4), 1, 31)
        && toks[i + 2].end - toks[i + 2].start == 2
    {
        return Some(Found {
            start: i,
            end: i + 5,
            norm: fmt_day(y, m, d),
        });
    }
    // Month-first forms.
    if let Some((m, j)) = month_at(body, toks, i) {
        if let Some((d, k)) = day_at(body, toks, j) {
            // Year after an optional comma.
            let mut yk = k;
            if toks.get(yk).is_some_and(|c| c.text(body) == ",") {
                yk += 1;
            }
            if let Some(y) = year_at(body, toks, yk) {
                return Some(Found {
                    start: i,
                    end: yk + 1,
                    norm: fmt_day(y, m, d),
                });
            }
            let norm = pubd.and_then(|p| fmt_day(p.y, m, d));
            return Some(Found {
                start: i,
                end: k,
                norm,
            });
        }
        let mut yk = j;
        if toks.get(yk).is_some_and(|c| c.text(body) == ",") {
            yk += 1;
        }
        if let Some(y) = year_at(body, toks, yk) {
            return Some(Found {
                start: i,
                end: yk + 1,
                norm: Some(format!("{y:04}-{m:02}")),
            });
        }
        // Month alone: "May" needs a date-like word before it.
        let mod_prev = lower_is(
            body,
            prev,
            &[
                "last", "this", "next", "early", "late", "mid", "since", "until", "in", "by",
                "through", "of", "during", "from", "before", "after",
            ],
        );
        if s == "May" || s == "MAY" || s == "March" || j - i == 2 {
            if !mod_prev {
                return None;
            }
        } else if t.sent_start && t.title_line {
            return None;
        }
        let rel = lower_is(body, prev, &["last", "this", "next"]);
        let start = if rel { i - 1 } else { i };
        let norm = pubd.map(|p| {
            let pw = prev.map(|t| t.text(body).to_ascii_lowercase());
            let y = match pw.as_deref() {
                Some("next") => {
                    if m > p.m {
                        p.y
                    } else {
                        p.y + 1
                    }
                }
                Some("this") => p.y,
                Some("last") => {
                    if m < p.m {
                        p.y
                    } else {
                        p.y - 1
                    }
                }
                _ => {
                    if m <= p.m {
                        p.y
                    } else {
                        p.y - 1
                    }
                }
            };
            format!("{y:04}-{m:02}")
        });
        return Some(Found {
            start,
            end: j,
            norm,
        });
    }
    // Day-first: "29 January 2026", "29th of January".
    if let Some((d, j)) = day_at(body, toks, i) {
        let mut mj = j;
        if lower_is(body, toks.get(mj), &["of"]) {
            mj += 1;
        }
        if mj < toks.len()
            && let Some((m, k)) = month_at(body, toks, mj)
        {
            if let Some(y) = year_at(body, toks, k) {
                return Some(Found {
                    start: i,
                    end: k + 1,
                    norm: fmt_day(y, m, d),
                });
            }
            return Some(Found {
                start: i,
                end: k,
                norm: pubd.and_then(|p| fmt_day(p.y, m, d)),
            });
        }
    }
    // Quarters: "Q4 2026", "Q4".
    if t.kind == TokenKind::Word
        && s.len() == 2
        && (s.starts_with('Q') || s.starts_with('H'))
        && matches!(s.as_bytes()[1], b'1'..=b'4')
    {
        let q = &s[1..];
        let half = s.starts_with('H');
        if half && q > "2" {
            return None;
        }
        let tag = if half { "H" } else { "Q" };
        if let Some(y) = year_at(body, toks, i + 1) {
            return Some(Found {
                start: i,
                end: i + 2,
                norm: Some(format!("{y:04}-{tag}{q}")),
            });
        }
        if half {
            return None;
        }
        return Some(Found {
            start: i,
            end: i + 1,
            norm: pubd.map(|p| format!("{:04}-Q{q}", p.y)),
        });
    }
    // "fourth quarter of 2026", "first half of 2025".
    if t.kind == TokenKind::Word {
        let ord = ["first", "second", "third", "fourth"]
            .iter()
            .position(|o| s.eq_ignore_ascii_case(o))
            .map_or(0, |p| p as u32 + 1);
        if ord > 0 {
            let unit = toks.get(i + 1).map(|u| u.text(body).to_ascii_lowercase());
            let tag = match unit.as_deref() {
                Some("quarter") => "Q",
                Some("half") if ord <= 2 => "H",
                _ => "",
            };
            if !tag.is_empty() {
                let mut k = i + 2;
                if lower_is(body, toks.get(k), &["of"]) {
                    k += 1;
                }
                if let Some(y) = year_at(body, toks, k) {
                    return Some(Found {
                        start: i,
                        end: k + 1,
                        norm: Some(format!("{y:04}-{tag}{ord}")),
                    });
                }
            }
        }
    }
    relative_at(body, toks, i, pubd)
}

fn shift_month(y: i64, m: u32, delta: i64) -> (i64, u32) {
    let idx = y * 12 + (m as i64 - 1) + delta;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

fn relative_at(body: &str, toks: &[Token], i: usize, pubd: Option<Ymd>) -> Option<Found> {
    let t = &toks[i];
    if t.kind != TokenKind::Word {
        return None;
    }
    let s = t.text(body);
    if s.len() > 9 {
        return None;
    }
    let mut lbuf = [0u8; 9];
    for (d, c) in lbuf.iter_mut().zip(s.bytes()) {
        *d = c.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&lbuf[..s.len()]).unwrap_or("");
    if !matches!(
        lower,
        "yesterday" | "today" | "tomorrow" | "earlier" | "later" | "this" | "last" | "next"
    ) && weekday_of(s).is_none()
    {
        return None;
    }
    let pdays = pubd.map(|p| days_from_civil(p.y, p.m, p.d));
    let day = |delta: i64| {
        pdays
            .map(|d| civil_from_days(d + delta))
            .map(|c| format!("{:04}-{:02}-{:02}", c.y, c.m, c.d))
    };
    match lower {
        "yesterday" => {
            return Some(Found {
                start: i,
                end: i + 1,
                norm: day(-1),
            });
        }
        "today" => {
            return Some(Found {
                start: i,
                end: i + 1,
                norm: day(0),
            });
        }
        "tomorrow" => {
            return Some(Found {
                start: i,
                end: i + 1,
                norm: day(1),
            });
        }
        _ => {}
    }
    // Weekdays.
    if t.cap
        && let Some(wd) = weekday_of(s)
        && s.len() > 3
    {
        let prev = if i > 0 { toks.get(i - 1) } else { None };
        let rel = prev
            .filter(|p| p.kind == TokenKind::Word)
            .map(|p| p.text(body).to_ascii_lowercase());
        let (start, dir) = match rel.as_deref() {
            Some("last") => (i - 1, -1),
            Some("next") => (i - 1, 1),
            Some("this") => (i - 1, 0),
            _ => (i, -1),
        };
        let norm = pdays.map(|pd| {
            let cur = weekday(pd);
            let delta = match dir {
                -1 => {
                    let back = (cur - wd).rem_euclid(7);
                    if rel.as_deref() == Some("last") && back == 0 {
                        -7
                    } else {
                        -back
                    }
                }
                1 => {
                    let f = (wd - cur).rem_euclid(7);
                    if f == 0 { 7 } else { f }
                }
                _ => wd - cur,
            };
            let c = civil_from_days(pd + delta);
            format!("{:04}-{:02}-{:02}", c.y, c.m, c.d)
        });
        return Some(Found {
            start,
            end: i + 1,
            norm,
        });
    }
    // "(earlier|later) (this|last|next) (week|month|year|quarter|season)".
    let (start, k) = if matches!(lower, "earlier" | "later") {
        (i, i + 1)
    } else {
        (i, i)
    };
    let rel = toks
        .get(k)
        .filter(|t| t.kind == TokenKind::Word)?
        .text(body)
        .to_ascii_lowercase();
    let delta: i64 = match rel.as_str() {
        "this" => 0,
        "last" | "past" if k == i => -1,
        "next" if k == i => 1,
        _ => return None,
    };
    let unit_t = toks.get(k + 1)?;
    if unit_t.kind != TokenKind::Word || unit_t.newline_before {
        return None;
    }
    let unit = unit_t.text(body).to_ascii_lowercase();
    let norm = match unit.as_str() {
        "week" | "weekend" => pdays.map(|pd| {
            let (wy, wn) = iso_week(pd + 7 * delta);
            format!("{wy:04}-W{wn:02}")
        }),
        "month" => pubd.map(|p| {
            let (y, m) = shift_month(p.y, p.m, delta);
            format!("{y:04}-{m:02}")
        }),
        "year" => pubd.map(|p| format!("{:04}", p.y + delta)),
        "quarter" => pubd.map(|p| {
            let (y, m) = shift_month(p.y, p.m, 3 * delta);
            format!("{y:04}-Q{}", (m - 1) / 3 + 1)
        }),
        "spring" | "summer" | "fall" | "autumn" | "winter" => {
            let start_m = match unit.as_str() {
                "spring" => 3,
                "summer" => 6,
                "winter" => 12,
                _ => 9,
            };
            pubd.map(|p| {
                let y = match delta {
                    0 => p.y,
                    -1 => {
                        if start_m < p.m {
                            p.y
                        } else {
                            p.y - 1
                        }
                    }
                    _ => {
                        if start_m > p.m {
                            p.y
                        } else {
                            p.y + 1
                        }
                    }
                };
                format!("{y:04}")
            })
        }
        _ => return None,
    };
    // "the last quarter of the year" is not a reference to the previous quarter.
    if rel == "past" || (i > 0 && toks[i - 1].text(body).eq_ignore_ascii_case("the")) {
        return None; // "the past year" is a duration
    }
    Some(Found {
        start,
        end: k + 2,
        norm,
    })
}

/// Find dates; marks their tokens in `taken`.
pub fn find(
    body: &str,
    toks: &[Token],
    published: Option<&str>,
    taken: &mut [bool],
    out: &mut Vec<Entity>,
) {
    let pubd = published.and_then(parse_published);
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if taken[i]
            || t.kind == TokenKind::Punct
            || (t.kind == TokenKind::Word
                && !t.cap
                && !t.text(body).starts_with([
                    'y', 't', 'l', 'e', 'f', 's', 'n', 'Y', 'T', 'L', 'E', 'F', 'S', 'N',
                ]))
        {
            i += 1;
            continue;
        }
        let mut found = date_at(body, toks, i, pubd);
        if found.is_none()
            && let Some(y) = year_at(body, toks, i)
        {
            // Bare year, with an optional "early/late/mid" before it.
            let prev = if i > 0 { toks.get(i - 1) } else { None };
            let mut start = i;
            if lower_is(body, prev, &["early", "late", "mid"]) && !taken[i - 1] {
                start = i - 1;
            } else if i >= 2
                && prev.is_some_and(|p| {
                    p.text(body) == "-" && !p.space_before && !toks[i].space_before
                })
                && lower_is(body, toks.get(i - 2), &["mid", "early", "late"])
                && !taken[i - 2]
            {
                start = i - 2;
            }
            let money_before = prev.is_some_and(|p| {
                p.kind == TokenKind::Punct && matches!(p.text(body), "$" | "€" | "£" | "#")
            });
            if !money_before {
                found = Some(Found {
                    start,
                    end: i + 1,
                    norm: Some(format!("{y:04}")),
                });
            }
        }
        match found {
            Some(f)
                if f.end > f.start
                    && f.end <= toks.len()
                    && !taken[f.start..f.end].iter().any(|&x| x) =>
            {
                let mut e = make(body, toks, EntityKind::Date, f.start, f.end);
                e.normalized = f.norm;
                out.push(e);
                for x in &mut taken[f.start..f.end] {
                    *x = true;
                }
                i = f.end;
            }
            _ => i += 1,
        }
    }
}

//! Figures and dates of two sentences judged to state one claim: whether they agree, conflict
//! (the same quantity with another value: "$10 billion" / "$50 billion", "15 countries" / "18
//! countries", "October 2023" / "October 2025"), or show that the two sentences state different
//! facts after all (a "$50 billion investment" and an "$830 billion valuation"; the same sum paid
//! by two different buyers). These are exact comparisons of numbers, kept as rules: the learned
//! scorer decides whether two sentences tell the same thing, this decides how their figures
//! stand.
//!
//! A bound is not a flat contradiction: "more than $10 billion" and "$50 billion" are marked as
//! a conflict (the reports give different figures) whose detail says the larger figure lies
//! within the stated bound.

use super::names::same_name;
use super::{ClaimSignature, ClaimValue, Stance};

fn approximate(q: Option<&str>) -> bool {
    matches!(
        q,
        Some(
            "about"
                | "around"
                | "roughly"
                | "nearly"
                | "approximately"
                | "approx"
                | "almost"
                | "some"
                | "an estimated"
                | "close to"
                | "circa"
        )
    )
}

/// Figures agree when within 5% (10% when either is hedged with "about", "nearly", ...).
fn values_agree(a: &ClaimValue, b: &ClaimValue) -> bool {
    if a.kind == "score" || b.kind == "score" {
        return a.kind == b.kind && a.value == b.value;
    }
    let m = a.value.abs().max(b.value.abs());
    if m == 0.0 {
        return true;
    }
    let tolerance = if approximate(a.qualifier.as_deref()) || approximate(b.qualifier.as_deref()) {
        0.10
    } else {
        0.05
    };
    (a.value - b.value).abs() / m <= tolerance
}

/// Roles that name the same figure: a takeover's "price" is its "deal" value.
fn same_role(a: &Option<String>, b: &Option<String>) -> bool {
    match (a.as_deref(), b.as_deref()) {
        (Some(x), Some(y)) => x == y || matches!((x, y), ("deal", "price") | ("price", "deal")),
        _ => false,
    }
}

/// Two figures measure the same kind of quantity: same kind, and for counts the same noun
/// ("15 countries" / "18 countries") or the same role.
fn comparable(a: &ClaimValue, b: &ClaimValue) -> bool {
    a.kind == b.kind
        && (a.kind != "quantity"
            || !a.unit.is_empty() && a.unit == b.unit
            || a.role.is_some() && a.role == b.role)
}

fn roles_compatible(a: &ClaimValue, b: &ClaimValue) -> bool {
    a.role.is_none() || b.role.is_none() || same_role(&a.role, &b.role)
}

/// Names attached to two figures point at different actors or recipients.
fn slots_clash(a: &ClaimValue, b: &ClaimValue) -> bool {
    let clash = |x: &Option<String>,
                 y: &Option<String>,
                 cross_a: &Option<String>,
                 cross_b: &Option<String>| match (x, y) {
        (Some(x), Some(y)) => {
            !same_name(x, y)
                && !cross_b.as_deref().is_some_and(|c| same_name(x, c))
                && !cross_a.as_deref().is_some_and(|c| same_name(y, c))
        }
        _ => false,
    };
    clash(&a.holder, &b.holder, &a.target, &b.target)
        || clash(&a.target, &b.target, &a.holder, &b.holder)
}

/// The qualifier makes the figure a lower or an upper bound.
fn bound(q: Option<&str>) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering::{Greater, Less};
    match q? {
        "more than" | "at least" | "over" | "in excess of" | "upwards of" | "greater than"
        | "exceeding" | "exceed" | "well over" | "just over" | "above" => Some(Greater),
        "up to" | "as much as" | "as many as" | "as high as" | "less than" | "fewer than"
        | "at most" | "under" | "below" | "just under" => Some(Less),
        _ => None,
    }
}

/// "$50 billion vs $10 billion", or with a bound that holds the other figure, "$50 billion vs
/// more than $10 billion (within that bound)".
fn describe(a: &ClaimValue, b: &ClaimValue) -> String {
    let shown = |v: &ClaimValue| match &v.qualifier {
        Some(q) if bound(Some(q)).is_some() => format!("{q} {}", v.text),
        _ => v.text.clone(),
    };
    let within =
        |bounded: &ClaimValue, other: &ClaimValue| match bound(bounded.qualifier.as_deref()) {
            Some(std::cmp::Ordering::Greater) => other.value >= bounded.value,
            Some(std::cmp::Ordering::Less) => other.value <= bounded.value,
            _ => false,
        };
    let mut text = format!("{} vs {}", shown(a), shown(b));
    if within(a, b) || within(b, a) {
        text.push_str(" (within that bound)");
    }
    text
}

/// How the figures and dates of two sentences of one claim stand.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureVerdict {
    pub stance: Stance,
    /// The conflicting values, for a conflict.
    pub detail: Option<String>,
}

/// Compares the figures and dates of two sentences. `Err` names why they cannot be one claim:
/// the same figure for two different actors, or figures of different things and none shared.
pub fn compare_figures(
    a: &ClaimSignature,
    b: &ClaimSignature,
) -> Result<FigureVerdict, &'static str> {
    let mut agree = 0;
    let mut clashing_equal = 0;
    let mut comparable_pairs = 0;
    let mut conflict: Option<(&ClaimValue, &ClaimValue)> = None;
    for va in &a.values {
        for vb in &b.values {
            if !comparable(va, vb) || !roles_compatible(va, vb) {
                continue;
            }
            comparable_pairs += 1;
            if values_agree(va, vb) {
                if same_role(&va.role, &vb.role) && slots_clash(va, vb) {
                    clashing_equal += 1;
                } else {
                    agree += 1;
                }
            } else if conflict.is_none() && !slots_clash(va, vb) {
                // A conflict needs the two figures to be about the same thing: the same role,
                // the same counted noun, or the only figure of its kind on each side.
                let only = |s: &ClaimSignature, v: &ClaimValue| {
                    s.values.iter().filter(|w| w.kind == v.kind).count() == 1
                };
                let same_measure = same_role(&va.role, &vb.role)
                    || va.kind == "quantity" && va.unit == vb.unit && !va.unit.is_empty()
                    || only(a, va) && only(b, vb);
                if same_measure && va.kind != "score" {
                    conflict = Some((va, vb));
                }
            }
        }
    }
    if clashing_equal > 0 && agree == 0 {
        return Err("same figure, different actors");
    }
    // Both state money or percentage figures and none of them measure the same thing: two
    // facts of one story ("$50 billion investment" / "$830 billion valuation").
    let financial = |s: &ClaimSignature| {
        s.values
            .iter()
            .any(|v| matches!(v.kind.as_str(), "money" | "percent"))
    };
    if financial(a) && financial(b) && comparable_pairs == 0 {
        return Err("figures of different things");
    }
    // Two different match scores are two games.
    let scores = |s: &ClaimSignature| s.values.iter().filter(|v| v.kind == "score").count();
    if scores(a) > 0
        && scores(b) > 0
        && !a.values.iter().any(|x| {
            x.kind == "score"
                && b.values
                    .iter()
                    .any(|y| y.kind == "score" && x.value == y.value)
        })
    {
        return Err("different scores");
    }
    if agree == 0
        && let Some((va, vb)) = conflict
    {
        return Ok(FigureVerdict {
            stance: Stance::Conflict,
            detail: Some(describe(va, vb)),
        });
    }
    if agree == 0
        && let Some(detail) = date_conflict(a, b)
    {
        return Ok(FigureVerdict {
            stance: Stance::Conflict,
            detail: Some(detail),
        });
    }
    Ok(FigureVerdict {
        stance: Stance::Support,
        detail: None,
    })
}

/// Two month- or day-precise dates that cannot be the same ("2023-10" / "2025-10"), when each
/// sentence gives exactly one: bare years are too often about something else (an album's
/// release year next to an acquisition's).
fn date_conflict(a: &ClaimSignature, b: &ClaimSignature) -> Option<String> {
    let precise = |s: &ClaimSignature| -> Option<String> {
        let dates: Vec<&String> = s
            .dates
            .iter()
            .filter(|d| {
                d.len() >= 7
                    && d.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                    && d.as_bytes()[4] == b'-'
            })
            .collect();
        (dates.len() == 1).then(|| dates[0].clone())
    };
    let (x, y) = (precise(a)?, precise(b)?);
    let compatible = x.starts_with(&y) || y.starts_with(&x);
    (!compatible).then(|| format!("{x} vs {y}"))
}

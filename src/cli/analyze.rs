//! The analysis subcommands: `entities` and `claims`, on the library or on given inputs
//! (`coverage` has its own file).

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use crossread::Library;
use crossread::claims::Stance;
use crossread::coverage::Figure;
use crossread::entities::{Entity, EntityKind};
use crossread::sourcing::{Attribution, Certainty};
use serde::Serialize;

use super::output::Out;

#[derive(Serialize)]
struct EntityArticle<'a> {
    id: &'a str,
    path: Option<&'a str>,
    title: &'a str,
    body: &'a str,
    entities: &'a [Entity],
}

pub fn entities(library: &Library, json: bool) -> Result<ExitCode> {
    let mut stored = Vec::new();
    for summary in library.list() {
        if let Some(article) = library.article(&summary.id)? {
            stored.push(article);
        }
    }
    let bodies: Vec<String> = stored.iter().map(|s| s.article.body()).collect();
    let mut out = Out::new();
    if json {
        #[derive(Serialize)]
        struct Listing<'a> {
            articles: Vec<EntityArticle<'a>>,
        }
        let listing = Listing {
            articles: stored
                .iter()
                .zip(&bodies)
                .map(|(s, body)| EntityArticle {
                    id: &s.article.id,
                    path: s.article.path.as_deref(),
                    title: &s.article.title,
                    body,
                    entities: &s.entities,
                })
                .collect(),
        };
        out.json(&listing)?;
    } else {
        for s in &stored {
            writeln!(
                out,
                "{}  {}",
                out.bold(&s.article.title),
                out.dim(&s.article.id)
            )?;
            for kind in EntityKind::ALL {
                let mut seen: Vec<String> = Vec::new();
                for e in s.entities.iter().filter(|e| e.kind == kind) {
                    let mut shown = e.text.clone();
                    if let Some(q) = &e.qualifier {
                        shown = format!("({q}) {shown}");
                    }
                    match (e.value, &e.unit, &e.normalized) {
                        (Some(v), Some(u), _) => shown.push_str(&format!(" = {v} {u}")),
                        (_, _, Some(n)) => shown.push_str(&format!(" = {n}")),
                        _ => {}
                    }
                    if !seen.contains(&shown) {
                        seen.push(shown);
                    }
                }
                if !seen.is_empty() {
                    writeln!(out, "  {:<9} {}", kind.label(), seen.join("; "))?;
                }
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct ClaimArticle<'a> {
    id: &'a str,
    path: Option<&'a str>,
    title: &'a str,
    source: Option<&'a str>,
}

#[derive(Serialize)]
struct MentionOut<'a> {
    article: &'a str,
    sentence: &'a str,
    start: usize,
    end: usize,
    stance: Stance,
    values: Vec<Figure>,
    attribution: &'a [Attribution],
    certainty: Certainty,
}

#[derive(Serialize)]
struct ClaimOut<'a> {
    id: &'a str,
    summary: &'a str,
    mentions: Vec<MentionOut<'a>>,
}

pub fn claims(library: &Library, json: bool) -> Result<ExitCode> {
    let articles = library.list();
    let claims = library.links()?.claims();
    // The link store keeps offsets; figures and sourcing come from each stored article.
    let stored = crossread::coverage::load_claim_articles(library, &claims)?;
    let details = crossread::coverage::mention_details(&claims, &stored);
    let title_of = |id: &str| {
        articles
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.source.clone().unwrap_or_else(|| a.title.clone()))
            .unwrap_or_else(|| id.to_string())
    };
    let mut out = Out::new();
    if json {
        #[derive(Serialize)]
        struct Report<'a> {
            articles: Vec<ClaimArticle<'a>>,
            claims: Vec<ClaimOut<'a>>,
        }
        let report = Report {
            articles: articles
                .iter()
                .map(|a| ClaimArticle {
                    id: &a.id,
                    path: a.path.as_deref(),
                    title: &a.title,
                    source: a.source.as_deref(),
                })
                .collect(),
            claims: claims
                .iter()
                .zip(&details)
                .map(|(c, details)| ClaimOut {
                    id: &c.id,
                    summary: &c.summary,
                    mentions: c
                        .mentions
                        .iter()
                        .zip(details)
                        .map(|(m, d)| MentionOut {
                            article: &m.mention.key.article,
                            sentence: &m.mention.text,
                            start: m.mention.start,
                            end: m.mention.end,
                            stance: m.stance,
                            values: d.figures.iter().map(Figure::from).collect(),
                            attribution: &d.sourcing.attribution,
                            certainty: d.sourcing.certainty,
                        })
                        .collect(),
                })
                .collect(),
        };
        out.json(&report)?;
    } else {
        if claims.is_empty() {
            writeln!(
                out,
                "No claim is made by two or more of the {} articles.",
                articles.len()
            )?;
        }
        for (rank, claim) in claims.iter().enumerate() {
            let conflict = if claim.has_conflict() {
                "  [CONFLICT]"
            } else {
                ""
            };
            writeln!(
                out,
                "{:>3}. {}  ({} sources){}",
                rank + 1,
                out.bold(&claim.summary),
                claim.sources,
                conflict
            )?;
            for (m, d) in claim.mentions.iter().zip(&details[rank]) {
                let mark = match m.stance {
                    Stance::Support => "  +",
                    Stance::Conflict => "  !",
                };
                let detail = m
                    .detail
                    .as_deref()
                    .map(|d| format!(" [{d}]"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{mark} {}{} ({}): {}",
                    out.dim(&title_of(&m.mention.key.article)),
                    detail,
                    d.sourcing.compact(),
                    m.mention.text
                )?;
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

//! `crossread coverage`: the coverage matrix as JSON, or as a table of claims against
//! lettered articles with the contradicting figures, their sourcing and the figures' drift.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use crossread::Library;
use crossread::claims::Stance;
use crossread::coverage::{Coverage, CoverageCell};
use crossread::sourcing::Sourcing;

use super::output::Out;

pub fn coverage(library: &Library, json: bool) -> Result<ExitCode> {
    let matrix = Coverage::build(library)?;
    let mut out = Out::new();
    if json {
        out.json(&matrix)?;
    } else {
        write_table(&mut out, &matrix)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// "A".."Z", then "AA", "AB", ...
fn column_label(mut index: usize) -> String {
    let mut label = Vec::new();
    loop {
        label.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    label.reverse();
    String::from_utf8(label).unwrap_or_default()
}

fn write_table(out: &mut Out, matrix: &Coverage) -> Result<()> {
    if matrix.rows.is_empty() {
        writeln!(
            out,
            "No claim is made by two or more of the {} articles.",
            matrix.articles.len()
        )?;
        return Ok(());
    }
    // Only articles that make a shared claim get a column; a large library has many that
    // do not.
    let shown: Vec<usize> = (0..matrix.articles.len())
        .filter(|&i| {
            let id = &matrix.articles[i].id;
            matrix
                .rows
                .iter()
                .any(|r| r.cells.iter().any(|c| &c.article == id))
        })
        .collect();
    let label_of = |article: &str| {
        shown
            .iter()
            .position(|&i| matrix.articles[i].id == article)
            .map(column_label)
            .unwrap_or_default()
    };
    let width = column_label(shown.len().saturating_sub(1)).len();
    writeln!(out, "{}", out.bold("Articles"))?;
    for (column, &i) in shown.iter().enumerate() {
        let a = &matrix.articles[i];
        let date = a
            .published
            .as_deref()
            .map(|d| &d[..d.len().min(10)])
            .unwrap_or("");
        writeln!(
            out,
            "  {:>width$}  {:<10}  {}  {}",
            column_label(column),
            date,
            a.title,
            out.dim(a.source.as_deref().unwrap_or(""))
        )?;
    }
    let hidden = matrix.articles.len() - shown.len();
    if hidden > 0 {
        writeln!(out, "  ({hidden} articles make no shared claim)")?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}  (+ agrees, ! contradicts, . silent)",
        out.bold("Claims")
    )?;
    let header: Vec<String> = (0..shown.len())
        .map(|c| format!("{:>width$}", column_label(c)))
        .collect();
    writeln!(out, "       {}", header.join(" "))?;
    for (rank, row) in matrix.rows.iter().enumerate() {
        let marks: Vec<String> = shown
            .iter()
            .map(|&i| {
                let mark = match row
                    .cells
                    .iter()
                    .find(|c| c.article == matrix.articles[i].id)
                {
                    Some(cell) if cell.stance == Stance::Conflict => "!",
                    Some(_) => "+",
                    None => ".",
                };
                format!("{mark:>width$}")
            })
            .collect();
        writeln!(
            out,
            "  {:>3}. {}  {}  {}",
            rank + 1,
            marks.join(" "),
            out.bold(&row.summary),
            out.dim(&format!(
                "{} sources, {} independent",
                row.cells.len(),
                row.independent_sources
            ))
        )?;
        for cell in row.cells.iter().filter(|c| c.stance == Stance::Conflict) {
            writeln!(
                out,
                "         ! {}: {}",
                label_of(&cell.article),
                cell_detail(cell)
            )?;
        }
        let drift = row.drift(&matrix.articles);
        if !drift.is_empty() {
            let steps: Vec<String> = drift
                .iter()
                .map(|p| {
                    let figures: Vec<&str> = p.figures.iter().map(|f| f.text.as_str()).collect();
                    let date = p.article.published.as_deref().unwrap_or("");
                    format!(
                        "{} ({} {})",
                        figures.join(", "),
                        label_of(&p.article.id),
                        &date[..date.len().min(10)]
                    )
                })
                .collect();
            writeln!(out, "         drift: {}", steps.join(" -> "))?;
        }
    }
    Ok(())
}

/// A contradicting cell: its figures, then who it cites and how firmly it says it.
fn cell_detail(cell: &CoverageCell) -> String {
    let figures: Vec<&str> = cell
        .values
        .iter()
        .filter(|v| v.kind != "DATE")
        .map(|v| v.text.as_str())
        .collect();
    let sourcing = Sourcing {
        attribution: cell.attribution.clone(),
        certainty: cell.certainty,
    };
    if figures.is_empty() {
        sourcing.compact()
    } else {
        format!("{} · {}", figures.join(", "), sourcing.compact())
    }
}

#[cfg(test)]
mod tests {
    use super::column_label;

    #[test]
    fn columns_are_lettered_like_a_spreadsheet() {
        let labels: Vec<String> = [0, 25, 26, 27, 51, 52, 701, 702]
            .into_iter()
            .map(column_label)
            .collect();
        assert_eq!(labels, ["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }
}

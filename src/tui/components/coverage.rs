//! The coverage matrix overlay: the whole story at once. Claims are rows (most sources
//! first), the articles that make the claims in view columns (oldest first), and each cell
//! says whether the article agrees with the claim, contradicts it (with its figure) or is
//! silent, with a mark for how firmly it says so. The grid scrolls both ways around a selected
//! cell, whose figures and sourcing show below it; Enter jumps to the sentence where the
//! article makes the claim. Rows are [`crate::coverage::CoverageRow`]s the worker reads for
//! the claims in view (drawn as "…" until they come); columns follow the claims in view,
//! since a library's thousands of articles would leave almost every cell empty.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::popup;
use crate::coverage::CoverageCell;
use crate::sourcing::{Certainty, Sourcing};
use crate::tui::claims_data::{Stance, Wanted};
use crate::tui::component::{Component, Context, KeyPress, Outcome};
use crate::tui::config::Action;
use crate::tui::message::{Msg, Target};
use crate::tui::wrap::{fit, safe, truncate};

/// Columns of one cell, with the space that separates it from the next.
const CELL_WIDTH: usize = 15;
/// Widest cell, when every article fits.
const WIDE_CELL_WIDTH: usize = 24;
/// Widest article name in the selected cell's details.
const NAME_WIDTH: usize = 32;
/// Narrowest and widest claims column.
const LABEL_WIDTH: (usize, usize) = (6, 40);

/// Where the grid goes in the overlay and which part of it shows.
#[derive(Debug, Default, Clone, Copy)]
struct Grid {
    inner: Rect,
    legend: bool,
    dates: bool,
    /// Rows of the selected cell's details below the grid (0, 1 or 2), after a blank row
    /// when `gap`.
    detail: usize,
    gap: bool,
    label_width: usize,
    cell_width: usize,
    /// Claims and articles that fit.
    rows: usize,
    columns: usize,
}

impl Grid {
    /// The grid for `claims` rows and `articles` columns in `inner`.
    fn new(inner: Rect, claims: usize, articles: usize) -> Grid {
        let height = inner.height as usize;
        let width = inner.width as usize;
        let legend = height >= 9;
        let dates = height >= 6;
        let detail = match height {
            0..=4 => 0,
            5..=11 => 1,
            _ => 2,
        };
        let gap = height >= 8;
        let header = usize::from(legend) + 1 + usize::from(dates);
        let label_width = (width * 2 / 5)
            .clamp(LABEL_WIDTH.0, LABEL_WIDTH.1)
            .min(width);
        // Cells widen when every article fits anyway.
        let spare = (width - label_width) / articles.max(1);
        let cell_width = spare
            .clamp(CELL_WIDTH, WIDE_CELL_WIDTH)
            .min(width - label_width)
            .max(1);
        Grid {
            inner,
            legend,
            dates,
            detail,
            gap,
            label_width,
            cell_width,
            rows: height
                .saturating_sub(header + detail + usize::from(gap))
                .clamp(1, claims.max(1)),
            columns: ((width - label_width) / cell_width).max(1),
        }
    }

    /// Rows the grid and its details take.
    fn height(&self) -> usize {
        usize::from(self.legend)
            + 1
            + usize::from(self.dates)
            + self.rows
            + usize::from(self.gap)
            + self.detail
    }
}

#[derive(Debug, Default)]
pub struct CoverageOverlay {
    /// The selected claim (row `i` of the matrix is claim `i`).
    row: usize,
    /// The selected column, and its article: the columns follow the claims in view, and the
    /// selection stays on its article while it is among them.
    column: usize,
    article: Option<String>,
    /// The first claim and article shown.
    top: usize,
    left: usize,
    area: Rect,
    grid: Grid,
    /// The articles that make the claims in view, oldest first (undated last, then by title).
    columns: Vec<String>,
}

/// A cell as the grid shows it: "✓  $50 billion", "✗? $10 billion", "·".
fn cell_text(cell: Option<&CoverageCell>) -> String {
    let Some(cell) = cell else {
        return "\u{b7}".to_string();
    };
    let stance = match cell.stance {
        Stance::Support => '\u{2713}',
        Stance::Conflict => '\u{2717}',
    };
    let certainty = match cell.certainty {
        Certainty::Certain => ' ',
        Certainty::Probable => '~',
        Certainty::Possible => '?',
        Certainty::Denied => '\u{ac}',
    };
    // The figures the claim is about, else its dates.
    let value = cell
        .values
        .iter()
        .find(|v| v.kind != "DATE")
        .or(cell.values.first())
        .map(|v| v.text.as_str())
        .unwrap_or("");
    safe(format!("{stance}{certainty} {value}").trim_end())
}

/// An article's name and date as the matrix shows them: its source (else its title), and
/// the day it was published.
fn article_name(ctx: &Context, id: &str) -> (String, Option<String>) {
    match ctx.data.summary_of(id) {
        Some(a) => (
            safe(a.source.as_deref().unwrap_or(&a.title)),
            a.published
                .as_deref()
                .map(|d| crate::text::truncate_on_char_boundary(d, 10).to_string()),
        ),
        None => (safe(id), None),
    }
}

/// What the selected cell says, and on whose word.
fn cell_details(ctx: &Context, claim: usize, article: &str) -> (String, String) {
    let (name, date) = article_name(ctx, article);
    let name = truncate(&name, NAME_WIDTH);
    let date = date.map(|d| format!(" {d}")).unwrap_or_default();
    let Some(row) = ctx.data.claims.coverage_row(claim) else {
        return (format!("{name}{date}: reading\u{2026}"), String::new());
    };
    let Some(cell) = row.cells.iter().find(|c| c.article == article) else {
        return (
            format!("{name}{date}: does not make this claim"),
            String::new(),
        );
    };
    let stance = match cell.stance {
        Stance::Support => "agrees",
        Stance::Conflict => "contradicts",
    };
    let values: Vec<&str> = cell.values.iter().map(|v| v.text.as_str()).collect();
    let values = if values.is_empty() {
        String::new()
    } else {
        format!(": {}", values.join(", "))
    };
    let sourcing = Sourcing {
        attribution: cell.attribution.clone(),
        certainty: cell.certainty,
    };
    (
        safe(&format!("{name}{date} {stance}{values}")),
        safe(&sourcing.compact()),
    )
}

/// The first position of a window of `room` of `count` items that keeps `selected` in view,
/// moving as little as possible from `first`, and never leaving room unused at the end.
fn scrolled(first: usize, selected: usize, room: usize, count: usize) -> usize {
    let first = if selected < first {
        selected
    } else if selected >= first + room {
        selected + 1 - room
    } else {
        first
    };
    first.min(count.saturating_sub(room))
}

/// The articles that make `claims`, each once, oldest first (undated last, then by title and
/// id, as [`crate::coverage::Coverage`] orders its columns).
fn columns_of(ctx: &Context, claims: std::ops::Range<usize>) -> Vec<String> {
    let mut articles: Vec<&str> = Vec::new();
    for claim in claims {
        for article in ctx.data.claims.articles_of(claim) {
            if !articles.contains(&article) {
                articles.push(article);
            }
        }
    }
    let key = |id: &str| {
        let summary = ctx.data.summary_of(id);
        let published = summary.and_then(|s| s.published.clone());
        let title = summary.map(|s| s.title.clone()).unwrap_or_default();
        (published.is_none(), published, title, id.to_string())
    };
    let mut keyed: Vec<_> = articles.into_iter().map(|id| (key(id), id)).collect();
    keyed.sort();
    keyed.into_iter().map(|(_, id)| id.to_string()).collect()
}

impl CoverageOverlay {
    /// The selected claim and column.
    pub fn selected(&self) -> (usize, usize) {
        (self.row, self.column)
    }

    /// The article of the selected column.
    pub fn article(&self) -> Option<&str> {
        self.article.as_deref()
    }

    /// What the matrix shows: its columns and the rows in view, with a screenful either side
    /// so that moving on finds them read.
    pub fn wanted(&self) -> Wanted {
        let room = self.grid.rows.max(1);
        Wanted {
            claims: (self.top.saturating_sub(room)..self.top + 2 * room).collect(),
            rows: true,
            all_facts: false,
        }
    }

    fn move_row(&mut self, to: usize, rows: usize) {
        self.row = to.min(rows.saturating_sub(1));
    }

    fn select_column(&mut self, column: usize) {
        self.column = column;
        self.article = self.columns.get(column).cloned();
    }
}

impl Component for CoverageOverlay {
    fn handle_key(&mut self, key: &KeyPress, ctx: &Context) -> Outcome {
        let claims = &ctx.data.claims;
        let rows = claims.len();
        let page = (self.grid.rows / 2).max(1);
        match key.action {
            Some(Action::Down) => self.move_row(self.row + 1, rows),
            Some(Action::Up) => self.move_row(self.row.saturating_sub(1), rows),
            Some(Action::PageDown) => self.move_row(self.row + page, rows),
            Some(Action::PageUp) => self.move_row(self.row.saturating_sub(page), rows),
            Some(Action::Top) => self.row = 0,
            Some(Action::Bottom) => self.move_row(usize::MAX, rows),
            Some(Action::NextPane) => {
                self.select_column((self.column + 1).min(self.columns.len().saturating_sub(1)));
            }
            Some(Action::PrevPane) => self.select_column(self.column.saturating_sub(1)),
            Some(Action::CoverageMatrix) => return Msg::CloseOverlay.into(),
            Some(Action::Open) => {
                let Some(article) = self.article.as_deref() else {
                    return Outcome::Consumed;
                };
                return match claims.cell_sentence(self.row, article) {
                    Some((article, sentence)) => {
                        Msg::Jump(Target::sentence(article, sentence)).into()
                    }
                    None => Msg::Status(cell_details(ctx, self.row, article).0).into(),
                };
            }
            _ => {}
        }
        Outcome::Consumed
    }

    fn layout(&mut self, body: Rect, ctx: &Context) {
        self.area = popup::centered(body, 96, 90);
        let claims = &ctx.data.claims;
        let inner = popup::inner(self.area);
        // The rows in view depend on the height only; the columns on the rows in view.
        let rows = Grid::new(inner, claims.len(), 1).rows;
        self.row = self.row.min(claims.len().saturating_sub(1));
        self.top = scrolled(self.top, self.row, rows, claims.len());
        self.columns = columns_of(ctx, self.top..(self.top + rows).min(claims.len()));
        self.grid = Grid::new(inner, claims.len(), self.columns.len());
        // No taller than the grid needs, still centred.
        let needed = (self.grid.height() + 2) as u16;
        if needed < self.area.height {
            self.area.y += (self.area.height - needed) / 2;
            self.area.height = needed;
            self.grid.inner = popup::inner(self.area);
        }
        let column = self
            .article
            .as_ref()
            .and_then(|a| self.columns.iter().position(|c| c == a))
            .unwrap_or(self.column);
        self.select_column(column.min(self.columns.len().saturating_sub(1)));
        self.left = scrolled(
            self.left,
            self.column,
            self.grid.columns,
            self.columns.len(),
        );
    }

    fn draw(&self, frame: &mut Frame, ctx: &Context) {
        let claims = &ctx.data.claims;
        let columns = &self.columns;
        let grid = self.grid;
        let styles = ctx.styles;
        let width = grid.inner.width as usize;
        let cell_width = grid.cell_width.saturating_sub(1);
        let shown =
            &columns[self.left.min(columns.len())..(self.left + grid.columns).min(columns.len())];
        let mut lines = Vec::new();
        if grid.legend {
            // The shortest key of each action ("h", not "BackTab").
            let keys = |action| {
                ctx.config
                    .keys_for(action)
                    .iter()
                    .map(|k| k.to_string())
                    .min_by_key(|k| k.len())
                    .unwrap_or_default()
            };
            let legend = format!(
                "\u{2713} agrees  \u{2717} contradicts  \u{b7} silent  ~ probable  ? possible  \u{ac} denied \u{b7} {}/{}: articles \u{b7} Enter: jump",
                keys(Action::PrevPane),
                keys(Action::NextPane)
            );
            lines.push(Line::styled(truncate(&legend, width), styles.dim));
        }
        // Column heads: the article's source (or title), then its date.
        let corner = format!("{} claims, by sources", claims.len());
        let mut names = vec![Span::styled(fit(&corner, grid.label_width), styles.dim)];
        let mut dates = vec![Span::raw(" ".repeat(grid.label_width))];
        for (offset, id) in shown.iter().enumerate() {
            let (name, date) = article_name(ctx, id);
            let selected = self.left + offset == self.column;
            names.push(Span::styled(
                fit(&name, cell_width) + " ",
                ctx.selected(styles.title, selected),
            ));
            dates.push(Span::styled(
                fit(date.as_deref().unwrap_or("undated"), cell_width) + " ",
                styles.dim,
            ));
        }
        lines.push(Line::from(names));
        if grid.dates {
            lines.push(Line::from(dates));
        }
        for claim in (self.top..claims.len()).take(grid.rows) {
            let Some(summary) = claims.row(claim) else {
                continue;
            };
            let label = format!("{:>2} {}", summary.sources, safe(summary.summary));
            let mut spans = vec![Span::styled(
                fit(&label, grid.label_width.saturating_sub(1)) + " ",
                ctx.selected(styles.title, claim == self.row),
            )];
            let row = claims.coverage_row(claim);
            for (offset, id) in shown.iter().enumerate() {
                let (text, style) = match row {
                    // Not read yet: the worker was asked for it.
                    None => ("\u{2026}".to_string(), styles.dim),
                    Some(row) => {
                        let cell = row.cells.iter().find(|c| &c.article == id);
                        let style = match cell.map(|c| c.stance) {
                            Some(Stance::Support) => styles.linked,
                            Some(Stance::Conflict) => styles.conflict,
                            None => styles.dim,
                        };
                        (cell_text(cell), style)
                    }
                };
                let selected = claim == self.row && self.left + offset == self.column;
                spans.push(Span::styled(
                    fit(&text, cell_width),
                    ctx.selected(style, selected),
                ));
                spans.push(Span::raw(" "));
            }
            lines.push(Line::from(spans));
        }
        if grid.detail > 0
            && let Some(article) = self.article.as_deref()
        {
            let (what, sourcing) = cell_details(ctx, self.row, article);
            if grid.gap {
                lines.push(Line::raw(""));
            }
            if grid.detail == 2 {
                lines.push(Line::styled(truncate(&what, width), Style::default()));
                lines.push(Line::styled(truncate(&sourcing, width), styles.dim));
            } else {
                let both = if sourcing.is_empty() {
                    what
                } else {
                    format!("{what} \u{b7} {sourcing}")
                };
                lines.push(Line::styled(truncate(&both, width), Style::default()));
            }
        }
        let title = format!(
            " Coverage \u{b7} claim {}/{} \u{b7} article {}/{} ",
            (self.row + 1).min(claims.len()),
            claims.len(),
            (self.column + 1).min(columns.len()),
            columns.len()
        );
        popup::draw(frame, ctx, self.area, &title, lines);
    }
}

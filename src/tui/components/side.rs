//! The side panel: for the sentence under the article's cursor, every other article that makes
//! the same claim, whether it agrees or gives a conflicting figure, on whose word and how firmly
//! it says so ("via CNBC, first: The Information · possible"), and the sentence it says it in.
//! Enter jumps there.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::claims_data::Stance;
use crate::tui::component::{Component, Context, KeyPress, Outcome, Pane};
use crate::tui::config::Action;
use crate::tui::message::{Msg, Target};
use crate::tui::wrap::{safe, truncate, wrap_plain};

/// Another article's report of the cursor's claim, ready to show.
#[derive(Debug, Clone)]
pub struct SideEntry {
    pub article: String,
    pub sentence: usize,
    /// Source (or title) and date of the other article.
    pub label: String,
    pub stance: Stance,
    pub detail: Option<String>,
    /// Who the other sentence cites and how firmly it says it, once the worker has read it.
    pub sourcing: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowKind {
    Summary,
    Heading,
    Agrees,
    Conflict,
    Sourcing,
    Text,
    Blank,
}

/// One laid-out row: what it shows and which entry it belongs to.
#[derive(Debug, Clone)]
struct SideRow {
    kind: RowKind,
    text: String,
    entry: Option<usize>,
}

#[derive(Debug, Default)]
struct SideLayout {
    area: Rect,
    inner: Rect,
    rows: Vec<SideRow>,
    scroll: usize,
}

#[derive(Debug, Default)]
pub struct SidePanel {
    /// The article and sentence followed.
    follows: Option<(String, usize)>,
    summary: Option<String>,
    entries: Vec<SideEntry>,
    cursor: usize,
    view: SideLayout,
}

impl SidePanel {
    pub fn entries(&self) -> &[SideEntry] {
        &self.entries
    }

    /// Shows the other reports of the claim of `at` (article, sentence); the cursor goes back
    /// to the first when the sentence changed.
    pub fn follow(&mut self, at: Option<(&str, usize)>, ctx: &Context) {
        let moved = self.follows.as_ref().map(|(a, s)| (a.as_str(), *s)) != at;
        self.follows = at.map(|(a, s)| (a.to_string(), s));
        let claims = &ctx.data.claims;
        self.summary = at
            .and_then(|(article, sentence)| claims.claim_of(article, sentence))
            .map(|claim| claims.summary(claim).to_string());
        self.entries = at
            .map(|(article, sentence)| claims.others(article, sentence))
            .unwrap_or_default()
            .into_iter()
            .map(|other| {
                let date = ctx
                    .data
                    .summary_of(&other.article)
                    .and_then(|s| s.published.as_deref())
                    .map(|d| format!(" \u{b7} {}", crate::text::truncate_on_char_boundary(d, 10)))
                    .unwrap_or_default();
                SideEntry {
                    label: format!("{}{date}", ctx.data.source_label(&other.article)),
                    sourcing: claims
                        .sourcing(&other.article, other.sentence)
                        .map(|s| s.compact()),
                    article: other.article,
                    sentence: other.sentence,
                    stance: other.stance,
                    detail: other.detail.map(String::from),
                    text: other.text,
                }
            })
            .collect();
        if moved || self.cursor >= self.entries.len() {
            self.cursor = 0;
        }
    }

    /// Where Enter on the selected entry goes.
    pub fn target(&self) -> Option<Target> {
        self.entries
            .get(self.cursor)
            .map(|e| Target::sentence(e.article.clone(), e.sentence))
    }

    pub fn select_first(&mut self) {
        self.cursor = 0;
    }

    pub fn click(&mut self, row: u16) -> Outcome {
        let index = (row as usize).checked_sub(self.view.inner.y as usize);
        if let Some(entry) = index
            .and_then(|i| self.view.rows.get(self.view.scroll + i))
            .and_then(|r| r.entry)
        {
            self.cursor = entry;
        }
        Outcome::Consumed
    }

    pub fn scroll_by(&mut self, delta: isize) -> Outcome {
        self.move_to(self.cursor.saturating_add_signed(delta))
    }

    fn move_to(&mut self, index: usize) -> Outcome {
        self.cursor = index.min(self.entries.len().saturating_sub(1));
        Outcome::Consumed
    }
}

impl Component for SidePanel {
    fn handle_key(&mut self, key: &KeyPress, _ctx: &Context) -> Outcome {
        let Some(action) = key.action else {
            return Outcome::Ignored;
        };
        match action {
            Action::Down => self.move_to(self.cursor + 1),
            Action::Up => self.move_to(self.cursor.saturating_sub(1)),
            Action::PageDown => self.move_to(self.cursor + 3),
            Action::PageUp => self.move_to(self.cursor.saturating_sub(3)),
            Action::Top => self.move_to(0),
            Action::Bottom => self.move_to(usize::MAX),
            Action::Open => match self.target() {
                Some(target) => Msg::Jump(target).into(),
                None => Outcome::Consumed,
            },
            _ => Outcome::Ignored,
        }
    }

    fn layout(&mut self, area: Rect, ctx: &Context) {
        let inner = ctx.pane_block(Pane::Side, String::new()).inner(area);
        let text_width = inner.width as usize;
        let mut rows = Vec::new();
        let push = |rows: &mut Vec<SideRow>, kind, text: String, entry| {
            rows.push(SideRow { kind, text, entry })
        };
        if let Some(summary) = &self.summary {
            for line in wrap_plain(summary, text_width) {
                push(&mut rows, RowKind::Summary, line, None);
            }
            push(&mut rows, RowKind::Blank, String::new(), None);
        }
        let mut selected = 0..0;
        for (index, entry) in self.entries.iter().enumerate() {
            let start = rows.len();
            let marker = if index == self.cursor {
                "\u{25b8} "
            } else {
                "  "
            };
            push(
                &mut rows,
                RowKind::Heading,
                truncate(&format!("{marker}{}", safe(&entry.label)), text_width),
                Some(index),
            );
            let stance = match entry.stance {
                Stance::Support => (RowKind::Agrees, "  agrees".to_string()),
                Stance::Conflict => (
                    RowKind::Conflict,
                    truncate(
                        &format!(
                            "  CONFLICT{}",
                            entry
                                .detail
                                .as_deref()
                                .map(|d| format!(": {}", safe(d)))
                                .unwrap_or_default()
                        ),
                        text_width,
                    ),
                ),
            };
            push(&mut rows, stance.0, stance.1, Some(index));
            if let Some(sourcing) = &entry.sourcing {
                for line in wrap_plain(sourcing, text_width.saturating_sub(2)) {
                    push(
                        &mut rows,
                        RowKind::Sourcing,
                        format!("  {line}"),
                        Some(index),
                    );
                }
            }
            for line in wrap_plain(&entry.text, text_width.saturating_sub(2)) {
                push(&mut rows, RowKind::Text, format!("  {line}"), Some(index));
            }
            push(&mut rows, RowKind::Blank, String::new(), None);
            if index == self.cursor {
                selected = start..rows.len();
            }
        }
        let height = inner.height as usize;
        let scroll = if selected.end > height {
            (selected.end - height).min(selected.start)
        } else {
            0
        };
        self.view = SideLayout {
            area,
            inner,
            rows,
            scroll,
        };
    }

    fn draw(&self, frame: &mut Frame, ctx: &Context) {
        let title = if self.entries.is_empty() {
            " Other sources ".to_string()
        } else {
            format!(" Also reported by ({}) ", self.entries.len())
        };
        frame.render_widget(ctx.pane_block(Pane::Side, title), self.view.area);
        let inner = self.view.inner;
        if inner.width < 4 || inner.height == 0 {
            return;
        }
        if self.summary.is_none() {
            let hint = ctx
                .key_for(Action::NextLinked)
                .map(|k| format!(" Press {k} for the next shared sentence."))
                .unwrap_or_default();
            let text = format!("No other source makes the claim of this sentence.{hint}");
            let para = Paragraph::new(text)
                .style(ctx.styles.dim)
                .wrap(Wrap { trim: true });
            frame.render_widget(para, inner);
            return;
        }
        let styles = ctx.styles;
        let lines: Vec<Line> = self
            .view
            .rows
            .iter()
            .skip(self.view.scroll)
            .take(inner.height as usize)
            .map(|row| {
                let style = match row.kind {
                    RowKind::Summary => styles.title,
                    RowKind::Heading => ctx.selected(
                        styles.title,
                        row.entry == Some(self.cursor) && ctx.focus == Pane::Side,
                    ),
                    RowKind::Agrees => styles.linked,
                    RowKind::Conflict => styles.conflict,
                    RowKind::Sourcing => Style::default(),
                    RowKind::Text | RowKind::Blank => styles.dim,
                };
                Line::styled(row.text.clone(), style)
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

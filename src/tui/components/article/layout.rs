//! The article as rows for a pane width, and where the pane is scrolled to.
//!
//! Each row has a key: the body offset of its first byte, or for the blank row between two
//! paragraphs the offset where the first paragraph ends. Keys grow row by row, so a scroll
//! position kept as the key of the top row survives a resize and is restored exactly at the
//! same width.

use std::ops::Range;

use ratatui::layout::Rect;

use super::{OpenArticle, Placement};
use crate::tui::component::{Context, Pane};
use crate::tui::wrap::wrap;

/// Columns before the text of each row: the shared-claim marker and a space.
pub const GUTTER: usize = 2;

/// Rows of the header (source line and entity legend) on panes this tall or taller.
const HEADER_MIN_HEIGHT: u16 = 10;

/// One row of the article: a byte range of the body (None for blank rows).
#[derive(Debug, Clone)]
pub struct Row {
    pub range: Option<Range<usize>>,
    /// The sentence the row starts in.
    pub sentence: Option<usize>,
    /// The sentence the row ends in (a row may hold the end of one and the start of the next).
    pub last_sentence: Option<usize>,
    pub key: usize,
}

impl Row {
    /// Whether part of `sentence` is on this row.
    pub fn shows(&self, sentence: usize) -> bool {
        matches!((self.sentence, self.last_sentence), (Some(a), Some(b)) if a <= sentence && sentence <= b)
    }
}

/// What the last layout decided.
#[derive(Debug, Default)]
pub struct ArticleLayout {
    pub area: Rect,
    pub inner: Rect,
    /// Whether the source line and legend are shown above the text.
    pub header: bool,
    pub rows: Vec<Row>,
    /// First row shown.
    pub scroll: usize,
    /// Rows of text the pane shows.
    pub height: usize,
    /// Sentence on each row of the inner area, header rows included (None there).
    pub visible: Vec<Option<usize>>,
}

fn rows_of(open: &OpenArticle, text_width: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    let has_sentences = open.sentence_count() > 0;
    for (index, paragraph) in open.paragraphs.iter().enumerate() {
        if index > 0 {
            rows.push(Row {
                range: None,
                sentence: None,
                last_sentence: None,
                key: open.paragraphs[index - 1].end,
            });
        }
        for line in wrap(&open.body, paragraph.clone(), text_width) {
            rows.push(Row {
                sentence: has_sentences.then(|| open.sentence_at(line.start)),
                last_sentence: has_sentences
                    .then(|| open.sentence_at(line.end.saturating_sub(1).max(line.start))),
                key: line.start,
                range: Some(line),
            });
        }
    }
    rows
}

/// Number of header rows the article shows in a pane of this inner height.
pub fn header_rows(open: &OpenArticle, inner: Rect) -> usize {
    if inner.height < HEADER_MIN_HEIGHT {
        return 0;
    }
    let a = &open.stored.article;
    let has_meta = a.source.is_some() || a.author.is_some() || a.published.is_some();
    1 + usize::from(has_meta)
}

impl ArticleLayout {
    pub fn compute(
        open: Option<&OpenArticle>,
        area: Rect,
        ctx: &Context,
        placement: Placement,
        top: usize,
    ) -> ArticleLayout {
        let inner = ctx.pane_block(Pane::Article, String::new()).inner(area);
        let mut layout = ArticleLayout {
            area,
            inner,
            ..Default::default()
        };
        let Some(open) = open else {
            return layout;
        };
        if inner.width < 4 || inner.height == 0 {
            return layout;
        }
        let header = header_rows(open, inner);
        layout.header = header > 0;
        let text_width = (inner.width as usize).saturating_sub(GUTTER).max(1);
        layout.rows = rows_of(open, text_width);
        layout.height = (inner.height as usize).saturating_sub(header).max(1);
        layout.scroll = layout.settle(open.cursor, placement, top);
        layout.visible = std::iter::repeat_n(None, header)
            .chain(
                layout
                    .rows
                    .iter()
                    .skip(layout.scroll)
                    .take(layout.height)
                    .map(|r| r.sentence),
            )
            .collect();
        layout
    }

    /// First and last row of a sentence.
    fn rows_of_sentence(&self, sentence: usize) -> Option<(usize, usize)> {
        let first = self
            .rows
            .iter()
            .position(|r| r.sentence == Some(sentence))?;
        let last = self
            .rows
            .iter()
            .rposition(|r| r.sentence == Some(sentence))
            .unwrap_or(first);
        Some((first, last))
    }

    /// The row a scroll position (row key) points at.
    fn row_at_key(&self, key: usize) -> usize {
        self.rows.partition_point(|r| r.key < key)
    }

    /// The first row to show: as `placement` asks, then moved as little as keeps the
    /// cursor's sentence in view.
    fn settle(&self, cursor: usize, placement: Placement, top: usize) -> usize {
        let height = self.height;
        let last_row = self.rows.len().saturating_sub(1);
        let (first, last) = self.rows_of_sentence(cursor).unwrap_or((0, 0));
        let mut scroll = match placement {
            Placement::Keep => self.row_at_key(top),
            Placement::Exact(key) => self.row_at_key(key),
            Placement::Third => first
                .saturating_sub(height / 3)
                .min(self.rows.len().saturating_sub(height)),
        }
        .min(last_row);
        if first < scroll {
            scroll = first;
        } else if last >= scroll + height {
            scroll = (last + 1 - height).min(first);
        }
        scroll
    }

    /// The key of the top row (the scroll position to keep).
    pub fn top_key(&self) -> usize {
        self.rows.get(self.scroll).map(|r| r.key).unwrap_or(0)
    }

    /// The sentence half a page of rows below (or above) the first row of `sentence`; None
    /// before the first layout.
    pub fn sentence_half_a_page_away(&self, sentence: usize, down: bool) -> Option<usize> {
        let (first, _) = self.rows_of_sentence(sentence)?;
        let half = (self.height / 2).max(1);
        let target = if down {
            (first + half).min(self.rows.len().saturating_sub(1))
        } else {
            first.saturating_sub(half)
        };
        // A blank row belongs to the paragraph after it.
        let found = self.rows[target..]
            .iter()
            .find_map(|r| r.sentence)
            .or_else(|| self.rows[..target].iter().rev().find_map(|r| r.sentence))?;
        Some(if found == sentence {
            if down {
                sentence + 1
            } else {
                sentence.saturating_sub(1)
            }
        } else {
            found
        })
    }
}

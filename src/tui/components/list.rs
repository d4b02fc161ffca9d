//! The article list: sorted by date, source or shared claims, with unread marks and the number
//! of claims each article shares with others. Moving through it previews the article.

use std::collections::HashSet;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::library::catalog::ArticleSummary;
use crate::tui::component::{Component, Context, KeyPress, Outcome, Pane};
use crate::tui::config::Action;
use crate::tui::data::ReaderData;
use crate::tui::message::Msg;
use crate::tui::wrap::{safe, truncate, width};

/// Sort orders of the article list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Date,
    Source,
    SharedClaims,
}

impl SortKey {
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Date => "date",
            SortKey::Source => "source",
            SortKey::SharedClaims => "shared claims",
        }
    }

    pub fn from_config(name: &str) -> SortKey {
        match name {
            "source" => SortKey::Source,
            "claims" => SortKey::SharedClaims,
            _ => SortKey::Date,
        }
    }

    fn next(self) -> SortKey {
        match self {
            SortKey::Date => SortKey::Source,
            SortKey::Source => SortKey::SharedClaims,
            SortKey::SharedClaims => SortKey::Date,
        }
    }
}

/// Where the list was drawn and from which row.
#[derive(Debug, Default)]
struct ListLayout {
    area: Rect,
    inner: Rect,
    scroll: usize,
    /// Rows above the first article (the loading notice).
    notice_rows: usize,
}

#[derive(Debug)]
pub struct ArticleList {
    /// Positions in [`ReaderData::articles`], in display order.
    order: Vec<usize>,
    cursor: usize,
    sort: SortKey,
    /// Articles opened this session (unread marks).
    read: HashSet<String>,
    view: ListLayout,
}

impl ArticleList {
    pub fn new(sort: SortKey) -> ArticleList {
        ArticleList {
            order: Vec::new(),
            cursor: 0,
            sort,
            read: HashSet::new(),
            view: ListLayout::default(),
        }
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Position of the cursor in display order.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn selected<'a>(&self, data: &'a ReaderData) -> Option<&'a ArticleSummary> {
        self.order.get(self.cursor).map(|&i| &data.articles()[i])
    }

    pub fn selected_id(&self, data: &ReaderData) -> Option<String> {
        self.selected(data).map(|a| a.id.clone())
    }

    /// Articles in display order.
    pub fn ordered<'a>(&'a self, data: &'a ReaderData) -> impl Iterator<Item = &'a ArticleSummary> {
        self.order.iter().map(|&i| &data.articles()[i])
    }

    pub fn mark_read(&mut self, id: &str) {
        self.read.insert(id.to_string());
    }

    /// Orders the articles again (after new data or a new sort), keeping `keep` selected.
    pub fn reorder(&mut self, data: &ReaderData, keep: Option<&str>) {
        let articles = data.articles();
        let mut order: Vec<usize> = (0..articles.len()).collect();
        match self.sort {
            SortKey::Date => order.sort_by(|&a, &b| {
                articles[b]
                    .published
                    .cmp(&articles[a].published)
                    .then(articles[a].title.cmp(&articles[b].title))
            }),
            SortKey::Source => order.sort_by(|&a, &b| {
                articles[a]
                    .source
                    .cmp(&articles[b].source)
                    .then(articles[a].title.cmp(&articles[b].title))
            }),
            SortKey::SharedClaims => {
                let shared = |i: usize| data.claims.shared_count(&articles[i].id);
                order.sort_by(|&a, &b| {
                    shared(b)
                        .cmp(&shared(a))
                        .then(articles[a].title.cmp(&articles[b].title))
                })
            }
        }
        self.order = order;
        let keep = keep.and_then(|id| data.index_of(id));
        self.cursor = keep
            .and_then(|k| self.order.iter().position(|&i| i == k))
            .unwrap_or(0);
    }

    /// Puts the cursor on an article.
    pub fn select(&mut self, data: &ReaderData, id: &str) {
        if let Some(position) = data
            .index_of(id)
            .and_then(|index| self.order.iter().position(|&i| i == index))
        {
            self.cursor = position;
        }
    }

    fn move_to(&mut self, target: usize, ctx: &Context) -> Outcome {
        let target = target.min(self.order.len().saturating_sub(1));
        if target == self.cursor {
            return Outcome::Consumed;
        }
        self.cursor = target;
        match self.selected_id(ctx.data) {
            Some(id) => Msg::Preview(id).into(),
            None => Outcome::Consumed,
        }
    }

    /// Half the visible rows, at least one.
    fn half_page(&self) -> usize {
        (self.view.inner.height as usize / 2).max(1)
    }

    /// A click on a screen row of the list.
    pub fn click(&mut self, row: u16, ctx: &Context) -> Outcome {
        let Some(offset) = (row as usize).checked_sub(self.view.inner.y as usize) else {
            return Outcome::Consumed;
        };
        let Some(index) = (self.view.scroll + offset).checked_sub(self.view.notice_rows) else {
            return Outcome::Consumed;
        };
        if index < self.order.len() {
            self.cursor = index;
            if let Some(id) = self.selected_id(ctx.data) {
                return Msg::Preview(id).into();
            }
        }
        Outcome::Consumed
    }

    /// Mouse wheel: moves the cursor by `delta` articles.
    pub fn scroll_by(&mut self, delta: isize, ctx: &Context) -> Outcome {
        self.move_to(self.cursor.saturating_add_signed(delta), ctx)
    }
}

impl Component for ArticleList {
    fn handle_key(&mut self, key: &KeyPress, ctx: &Context) -> Outcome {
        let Some(action) = key.action else {
            return Outcome::Ignored;
        };
        match action {
            Action::Down => self.move_to(self.cursor + 1, ctx),
            Action::Up => self.move_to(self.cursor.saturating_sub(1), ctx),
            Action::PageDown => self.move_to(self.cursor + self.half_page(), ctx),
            Action::PageUp => self.move_to(self.cursor.saturating_sub(self.half_page()), ctx),
            Action::Top => self.move_to(0, ctx),
            Action::Bottom => self.move_to(usize::MAX, ctx),
            Action::Open => match self.selected_id(ctx.data) {
                Some(id) => Msg::OpenFromList(id).into(),
                None => Outcome::Consumed,
            },
            Action::Sort => {
                let keep = self.selected_id(ctx.data);
                self.sort = self.sort.next();
                self.reorder(ctx.data, keep.as_deref());
                Msg::Status(format!("Sorted by {}", self.sort.label())).into()
            }
            _ => Outcome::Ignored,
        }
    }

    fn layout(&mut self, area: Rect, ctx: &Context) {
        let inner = ctx.pane_block(Pane::List, String::new()).inner(area);
        let notice_rows = usize::from(ctx.data.loading.is_some());
        let height = (inner.height as usize).saturating_sub(notice_rows);
        let mut scroll = self.view.scroll;
        if height > 0 {
            if self.cursor < scroll {
                scroll = self.cursor;
            } else if self.cursor >= scroll + height {
                scroll = self.cursor + 1 - height;
            }
        }
        self.view = ListLayout {
            area,
            inner,
            scroll,
            notice_rows,
        };
    }

    fn draw(&self, frame: &mut Frame, ctx: &Context) {
        let title = format!(
            " Articles ({}) \u{b7} {} ",
            ctx.data.articles().len(),
            self.sort.label()
        );
        frame.render_widget(ctx.pane_block(Pane::List, title), self.view.area);
        let inner = self.view.inner;
        let height = inner.height as usize;
        if height == 0 {
            return;
        }
        let styles = ctx.styles;
        let mut lines = Vec::with_capacity(height);
        if let Some(message) = &ctx.data.loading {
            lines.push(Line::styled(
                truncate(message, inner.width as usize),
                styles.dim,
            ));
        }
        let room = height.saturating_sub(lines.len());
        for (row, &index) in self
            .order
            .iter()
            .enumerate()
            .skip(self.view.scroll)
            .take(room)
        {
            let article = &ctx.data.articles()[index];
            let unread = if self.read.contains(&article.id) {
                "  "
            } else {
                "\u{25cf} "
            };
            let date = article
                .published
                .as_deref()
                .map(|d| format!("{} ", crate::text::truncate_on_char_boundary(d, 10)))
                .unwrap_or_default();
            let shared = match ctx.data.claims.shared_count(&article.id) {
                0 => String::new(),
                n => format!(" \u{21c4}{n}"),
            };
            let source = article
                .source
                .as_deref()
                .map(|s| format!(" \u{b7} {}", safe(s)))
                .unwrap_or_default();
            let fixed = width(unread) + width(&date) + width(&shared);
            let room = (inner.width as usize).saturating_sub(fixed);
            let title_and_source = truncate(&format!("{}{}", safe(&article.title), source), room);
            let pad = room.saturating_sub(width(&title_and_source));
            lines.push(
                Line::from(vec![
                    Span::styled(unread.to_string(), styles.linked),
                    Span::styled(date, styles.dim),
                    Span::raw(title_and_source),
                    Span::raw(" ".repeat(pad)),
                    Span::styled(shared, styles.linked),
                ])
                .style(ctx.selected(Style::default(), row == self.cursor)),
            );
        }
        if self.order.is_empty() && ctx.data.loading.is_none() {
            lines.push(Line::styled(
                "No articles. Add some with `crossread add PATH`.",
                styles.dim,
            ));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

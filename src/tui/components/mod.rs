//! The reader's components: one per pane (`list`, `article`, `side`) and per overlay (`help`,
//! `search`, `claims`, `coverage`, `entities`, `note`, `highlights`), plus the status line and the popup
//! frame the overlays share. Each owns its state, handles its keys and draws itself.

pub mod article;
pub mod claims;
pub mod coverage;
pub mod entities;
pub mod help;
pub mod highlights;
pub mod list;
pub mod note;
pub mod popup;
pub mod search;
pub mod side;
pub mod status;

use super::component::Component;

/// The overlay drawn above the panes; it takes the keys while it is open.
#[derive(Debug)]
pub enum Overlay {
    Help(help::HelpOverlay),
    Search(search::SearchOverlay),
    Claims(claims::ClaimsOverlay),
    Coverage(coverage::CoverageOverlay),
    Entities(entities::EntitiesOverlay),
    Note(note::NoteOverlay),
    Highlights(highlights::HighlightsOverlay),
}

impl Overlay {
    pub fn component(&mut self) -> &mut dyn Component {
        match self {
            Overlay::Help(c) => c,
            Overlay::Search(c) => c,
            Overlay::Claims(c) => c,
            Overlay::Coverage(c) => c,
            Overlay::Entities(c) => c,
            Overlay::Note(c) => c,
            Overlay::Highlights(c) => c,
        }
    }

    pub fn view(&self) -> &dyn Component {
        match self {
            Overlay::Help(c) => c,
            Overlay::Search(c) => c,
            Overlay::Claims(c) => c,
            Overlay::Coverage(c) => c,
            Overlay::Entities(c) => c,
            Overlay::Note(c) => c,
            Overlay::Highlights(c) => c,
        }
    }

    /// Whether typed characters are text here (so no key map action applies to them).
    pub fn takes_text(&self) -> bool {
        matches!(self, Overlay::Note(_)) || matches!(self, Overlay::Search(s) if s.takes_text())
    }
}

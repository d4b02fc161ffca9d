//! The key map's vocabulary: what the reader can be asked to do ([`Action`]), in which help
//! group each action is listed, its default keys, and keys written as terminal-agnostic
//! [`KeySpec`]s ("j", "Ctrl-d", "F1") so the configuration stays free of terminal types.

use std::fmt;

/// Everything the reader can be asked to do; each has a name used in `[keys]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Quit,
    Help,
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    NextPane,
    PrevPane,
    Open,
    Back,
    Forward,
    NextLinked,
    PrevLinked,
    Search,
    NextMatch,
    PrevMatch,
    ClaimsOverview,
    ConflictsFirst,
    CoverageMatrix,
    EntityMentions,
    Sort,
    OpenUrl,
    ToggleSidePanel,
    Select,
    Mark,
    Highlights,
    Export,
    Refresh,
    Suspend,
    ToggleKind1,
    ToggleKind2,
    ToggleKind3,
    ToggleKind4,
    ToggleKind5,
    ToggleKind6,
    ToggleKind7,
    ToggleKind8,
}

/// The groups the help lists actions in, in help order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    Moving,
    Jumping,
    Search,
    Claims,
    Highlights,
    Display,
    Quit,
}

impl Group {
    pub const ALL: [Group; 7] = [
        Group::Moving,
        Group::Jumping,
        Group::Search,
        Group::Claims,
        Group::Highlights,
        Group::Display,
        Group::Quit,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Group::Moving => "Moving",
            Group::Jumping => "Jumping",
            Group::Search => "Search",
            Group::Claims => "Claims",
            Group::Highlights => "Highlights",
            Group::Display => "Display",
            Group::Quit => "Quit",
        }
    }
}

/// One action's entry in the key map: its `[keys]` name, default keys, help text and group.
#[derive(Debug)]
pub struct ActionInfo {
    pub action: Action,
    pub name: &'static str,
    pub defaults: &'static [&'static str],
    pub help: &'static str,
    pub group: Group,
}

const fn info(
    action: Action,
    name: &'static str,
    defaults: &'static [&'static str],
    help: &'static str,
    group: Group,
) -> ActionInfo {
    ActionInfo {
        action,
        name,
        defaults,
        help,
        group,
    }
}

impl Action {
    /// Every action, in help order within its group.
    pub const ALL: &'static [ActionInfo] = &[
        info(
            Action::Down,
            "down",
            &["j", "Down"],
            "next item / next sentence",
            Group::Moving,
        ),
        info(
            Action::Up,
            "up",
            &["k", "Up"],
            "previous item / previous sentence",
            Group::Moving,
        ),
        info(
            Action::PageDown,
            "page_down",
            &["Ctrl-d", "PageDown"],
            "half a page down",
            Group::Moving,
        ),
        info(
            Action::PageUp,
            "page_up",
            &["Ctrl-u", "PageUp"],
            "half a page up",
            Group::Moving,
        ),
        info(
            Action::Top,
            "top",
            &["g", "Home"],
            "first item / first sentence",
            Group::Moving,
        ),
        info(
            Action::Bottom,
            "bottom",
            &["G", "End"],
            "last item / last sentence",
            Group::Moving,
        ),
        info(
            Action::NextPane,
            "next_pane",
            &["Tab", "l", "Right"],
            "next pane",
            Group::Moving,
        ),
        info(
            Action::PrevPane,
            "prev_pane",
            &["BackTab", "h", "Left"],
            "previous pane",
            Group::Moving,
        ),
        info(
            Action::Open,
            "open",
            &["Enter"],
            "open article / jump to the linked source",
            Group::Jumping,
        ),
        info(
            Action::Back,
            "back",
            &["Ctrl-o", "Backspace", "H"],
            "jump back",
            Group::Jumping,
        ),
        info(
            Action::Forward,
            "forward",
            &["Ctrl-n", "L"],
            "jump forward",
            Group::Jumping,
        ),
        info(
            Action::NextLinked,
            "next_linked",
            &["]"],
            "next sentence shared with other sources",
            Group::Jumping,
        ),
        info(
            Action::PrevLinked,
            "prev_linked",
            &["["],
            "previous sentence shared with other sources",
            Group::Jumping,
        ),
        info(
            Action::OpenUrl,
            "open_url",
            &["o"],
            "open the article's URL with $BROWSER",
            Group::Jumping,
        ),
        info(
            Action::Search,
            "search",
            &["/"],
            "search (live results)",
            Group::Search,
        ),
        info(
            Action::NextMatch,
            "next_match",
            &["n"],
            "next search match in the article",
            Group::Search,
        ),
        info(
            Action::PrevMatch,
            "prev_match",
            &["N"],
            "previous search match in the article",
            Group::Search,
        ),
        info(
            Action::EntityMentions,
            "entity_mentions",
            &["e"],
            "articles mentioning an entity of this sentence",
            Group::Search,
        ),
        info(
            Action::ClaimsOverview,
            "claims",
            &["c"],
            "claims shared across sources",
            Group::Claims,
        ),
        info(
            Action::ConflictsFirst,
            "conflicts_first",
            &["C"],
            "claims overview: conflicts first",
            Group::Claims,
        ),
        info(
            Action::CoverageMatrix,
            "coverage",
            &["x"],
            "coverage matrix: claims by articles, who agrees, who contradicts",
            Group::Claims,
        ),
        info(
            Action::ToggleSidePanel,
            "toggle_side_panel",
            &["p"],
            "show or hide the claims panel",
            Group::Claims,
        ),
        info(
            Action::Select,
            "select",
            &["v"],
            "start / cancel a selection of sentences to highlight",
            Group::Highlights,
        ),
        info(
            Action::Mark,
            "mark",
            &["m"],
            "highlight the selection or the current sentence (optional note)",
            Group::Highlights,
        ),
        info(
            Action::Highlights,
            "highlights",
            &["M"],
            "list highlights and jump to one",
            Group::Highlights,
        ),
        info(
            Action::Export,
            "export",
            &["E"],
            "export highlights to Markdown in the current directory",
            Group::Highlights,
        ),
        info(
            Action::Sort,
            "sort",
            &["s"],
            "sort the list (date, source, claims) or the claims overview (sources, independent, conflicts)",
            Group::Display,
        ),
        info(
            Action::ToggleKind1,
            "toggle_person",
            &["1"],
            "toggle PERSON highlighting",
            Group::Display,
        ),
        info(
            Action::ToggleKind2,
            "toggle_org",
            &["2"],
            "toggle ORG highlighting",
            Group::Display,
        ),
        info(
            Action::ToggleKind3,
            "toggle_place",
            &["3"],
            "toggle PLACE highlighting",
            Group::Display,
        ),
        info(
            Action::ToggleKind4,
            "toggle_product",
            &["4"],
            "toggle PRODUCT highlighting",
            Group::Display,
        ),
        info(
            Action::ToggleKind5,
            "toggle_money",
            &["5"],
            "toggle MONEY highlighting",
            Group::Display,
        ),
        info(
            Action::ToggleKind6,
            "toggle_percent",
            &["6"],
            "toggle PERCENT highlighting",
            Group::Display,
        ),
        info(
            Action::ToggleKind7,
            "toggle_date",
            &["7"],
            "toggle DATE highlighting",
            Group::Display,
        ),
        info(
            Action::ToggleKind8,
            "toggle_quantity",
            &["8"],
            "toggle QUANTITY highlighting",
            Group::Display,
        ),
        info(
            Action::Refresh,
            "refresh",
            &["r"],
            "fetch subscribed feeds and reload the library (in the background)",
            Group::Display,
        ),
        info(Action::Help, "help", &["?", "F1"], "this help", Group::Quit),
        info(
            Action::Suspend,
            "suspend",
            &["Ctrl-z"],
            "suspend to the shell",
            Group::Quit,
        ),
        info(
            Action::Quit,
            "quit",
            &["q", "Ctrl-c"],
            "quit crossread (Esc closes an overlay)",
            Group::Quit,
        ),
    ];

    fn info(self) -> Option<&'static ActionInfo> {
        Self::ALL.iter().find(|i| i.action == self)
    }

    pub fn name(self) -> &'static str {
        self.info().map(|i| i.name).unwrap_or("?")
    }

    pub fn description(self) -> &'static str {
        self.info().map(|i| i.help).unwrap_or("")
    }

    pub fn group(self) -> Group {
        self.info().map(|i| i.group).unwrap_or(Group::Display)
    }

    pub fn from_name(name: &str) -> Option<Action> {
        Self::ALL.iter().find(|i| i.name == name).map(|i| i.action)
    }

    /// The entity kind (by position in [`crate::entities::EntityKind::ALL`]) a toggle action
    /// shows or hides.
    pub fn toggled_kind(self) -> Option<usize> {
        Some(match self {
            Action::ToggleKind1 => 0,
            Action::ToggleKind2 => 1,
            Action::ToggleKind3 => 2,
            Action::ToggleKind4 => 3,
            Action::ToggleKind5 => 4,
            Action::ToggleKind6 => 5,
            Action::ToggleKind7 => 6,
            Action::ToggleKind8 => 7,
            _ => return None,
        })
    }
}

/// A key with modifiers, independent of any terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeySpec {
    pub key: KeyName,
    pub ctrl: bool,
    pub alt: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyName {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Delete,
    F(u8),
}

const NAMED_KEYS: &[(&str, KeyName)] = &[
    ("Enter", KeyName::Enter),
    ("Esc", KeyName::Esc),
    ("Tab", KeyName::Tab),
    ("BackTab", KeyName::BackTab),
    ("Backspace", KeyName::Backspace),
    ("Up", KeyName::Up),
    ("Down", KeyName::Down),
    ("Left", KeyName::Left),
    ("Right", KeyName::Right),
    ("Home", KeyName::Home),
    ("End", KeyName::End),
    ("PageUp", KeyName::PageUp),
    ("PageDown", KeyName::PageDown),
    ("Delete", KeyName::Delete),
    ("Space", KeyName::Char(' ')),
];

impl KeySpec {
    /// Parses "j", "G", "Ctrl-d", "Alt-Left", "F1", "Space", "Enter".
    pub fn parse(text: &str) -> Option<KeySpec> {
        let mut rest = text;
        let (mut ctrl, mut alt) = (false, false);
        loop {
            if let Some(r) = rest
                .strip_prefix("Ctrl-")
                .or_else(|| rest.strip_prefix("C-"))
            {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest
                .strip_prefix("Alt-")
                .or_else(|| rest.strip_prefix("M-"))
            {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let key = if let Some((_, named)) = NAMED_KEYS
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(rest))
        {
            *named
        } else if let Some(n) = rest.strip_prefix('F').and_then(|n| n.parse::<u8>().ok()) {
            if !(1..=12).contains(&n) {
                return None;
            }
            KeyName::F(n)
        } else {
            let mut chars = rest.chars();
            let c = chars.next()?;
            if chars.next().is_some() || c.is_control() {
                return None;
            }
            KeyName::Char(if ctrl { c.to_ascii_lowercase() } else { c })
        };
        Some(KeySpec { key, ctrl, alt })
    }
}

impl fmt::Display for KeySpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            write!(f, "Ctrl-")?;
        }
        if self.alt {
            write!(f, "Alt-")?;
        }
        match self.key {
            KeyName::Char(' ') => write!(f, "Space"),
            KeyName::Char(c) => write!(f, "{c}"),
            KeyName::F(n) => write!(f, "F{n}"),
            other => {
                let name = NAMED_KEYS
                    .iter()
                    .find(|(_, k)| *k == other)
                    .map(|(n, _)| *n)
                    .unwrap_or("?");
                write!(f, "{name}")
            }
        }
    }
}

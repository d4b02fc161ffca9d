//! User configuration: key bindings, colours and reader options from `config.toml`.
//!
//! Every key is rebindable and every colour themeable. The file is optional; what it does not
//! set keeps its default (documented in `config.example.toml`). A bad file never starts the
//! reader with surprising behaviour: the error names the file, the line and the key at fault
//! and lists what is allowed. Keys are stored as terminal-agnostic [`KeySpec`]s so the engine
//! stays free of terminal types; the reader translates its key events into them.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

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

impl Action {
    /// Every action with its config name, default keys and help text, in help order.
    pub const ALL: &'static [(Action, &'static str, &'static [&'static str], &'static str)] = &[
        (
            Action::Down,
            "down",
            &["j", "Down"],
            "next item / next sentence",
        ),
        (
            Action::Up,
            "up",
            &["k", "Up"],
            "previous item / previous sentence",
        ),
        (
            Action::PageDown,
            "page_down",
            &["Ctrl-d", "PageDown"],
            "half a page down",
        ),
        (
            Action::PageUp,
            "page_up",
            &["Ctrl-u", "PageUp"],
            "half a page up",
        ),
        (
            Action::Top,
            "top",
            &["g", "Home"],
            "first item / first sentence",
        ),
        (
            Action::Bottom,
            "bottom",
            &["G", "End"],
            "last item / last sentence",
        ),
        (
            Action::NextPane,
            "next_pane",
            &["Tab", "l", "Right"],
            "next pane",
        ),
        (
            Action::PrevPane,
            "prev_pane",
            &["BackTab", "h", "Left"],
            "previous pane",
        ),
        (
            Action::Open,
            "open",
            &["Enter"],
            "open article / jump to the linked source",
        ),
        (
            Action::Back,
            "back",
            &["Ctrl-o", "Backspace", "H"],
            "jump back",
        ),
        (Action::Forward, "forward", &["Ctrl-n", "L"], "jump forward"),
        (
            Action::NextLinked,
            "next_linked",
            &["]"],
            "next sentence shared with other sources",
        ),
        (
            Action::PrevLinked,
            "prev_linked",
            &["["],
            "previous sentence shared with other sources",
        ),
        (Action::Search, "search", &["/"], "search (live results)"),
        (
            Action::NextMatch,
            "next_match",
            &["n"],
            "next search match in the article",
        ),
        (
            Action::PrevMatch,
            "prev_match",
            &["N"],
            "previous search match in the article",
        ),
        (
            Action::ClaimsOverview,
            "claims",
            &["c"],
            "claims shared across sources",
        ),
        (
            Action::ConflictsFirst,
            "conflicts_first",
            &["C"],
            "claims overview: conflicts first",
        ),
        (
            Action::EntityMentions,
            "entity_mentions",
            &["e"],
            "articles mentioning an entity of this sentence",
        ),
        (
            Action::Sort,
            "sort",
            &["s"],
            "sort list by date / source / shared claims",
        ),
        (
            Action::OpenUrl,
            "open_url",
            &["o"],
            "open the article's URL with $BROWSER",
        ),
        (
            Action::ToggleSidePanel,
            "toggle_side_panel",
            &["p"],
            "show or hide the claims panel",
        ),
        (
            Action::Select,
            "select",
            &["v"],
            "start / cancel a selection of sentences to highlight",
        ),
        (
            Action::Mark,
            "mark",
            &["m"],
            "highlight the selection or the current sentence (optional note)",
        ),
        (
            Action::Highlights,
            "highlights",
            &["M"],
            "list highlights and jump to one",
        ),
        (
            Action::Export,
            "export",
            &["E"],
            "export highlights to Markdown in the current directory",
        ),
        (
            Action::Refresh,
            "refresh",
            &["r"],
            "fetch subscribed feeds and reload the library (in the background)",
        ),
        (
            Action::Suspend,
            "suspend",
            &["Ctrl-z"],
            "suspend to the shell",
        ),
        (
            Action::ToggleKind1,
            "toggle_person",
            &["1"],
            "toggle PERSON highlighting",
        ),
        (
            Action::ToggleKind2,
            "toggle_org",
            &["2"],
            "toggle ORG highlighting",
        ),
        (
            Action::ToggleKind3,
            "toggle_place",
            &["3"],
            "toggle PLACE highlighting",
        ),
        (
            Action::ToggleKind4,
            "toggle_product",
            &["4"],
            "toggle PRODUCT highlighting",
        ),
        (
            Action::ToggleKind5,
            "toggle_money",
            &["5"],
            "toggle MONEY highlighting",
        ),
        (
            Action::ToggleKind6,
            "toggle_percent",
            &["6"],
            "toggle PERCENT highlighting",
        ),
        (
            Action::ToggleKind7,
            "toggle_date",
            &["7"],
            "toggle DATE highlighting",
        ),
        (
            Action::ToggleKind8,
            "toggle_quantity",
            &["8"],
            "toggle QUANTITY highlighting",
        ),
        (Action::Help, "help", &["?", "F1"], "this help"),
        (
            Action::Quit,
            "quit",
            &["q", "Ctrl-c"],
            "quit (or close the open overlay)",
        ),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(a, ..)| *a == self)
            .map(|(_, name, ..)| *name)
            .unwrap_or("?")
    }

    pub fn description(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(a, ..)| *a == self)
            .map(|(.., d)| *d)
            .unwrap_or("")
    }

    fn from_name(name: &str) -> Option<Action> {
        Self::ALL
            .iter()
            .find(|(_, n, ..)| *n == name)
            .map(|(a, ..)| *a)
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

/// Colours of the reader, as names ("cyan", "light-red", "#ff8800", "none").
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub colours: BTreeMap<&'static str, String>,
}

/// Themeable parts and their default colours.
pub const THEME_DEFAULTS: &[(&str, &str)] = &[
    ("person", "light-cyan"),
    ("org", "light-blue"),
    ("place", "light-green"),
    ("product", "light-magenta"),
    ("money", "light-yellow"),
    ("percent", "yellow"),
    ("date", "light-red"),
    ("quantity", "yellow"),
    ("cursor_background", "#303848"),
    ("linked_sentence", "light-green"),
    ("conflict", "light-red"),
    ("highlight_background", "#4a3f10"),
    ("search_match", "black on yellow"),
    ("border", "dark-gray"),
    ("border_focused", "cyan"),
    ("title", "white"),
    ("dim", "gray"),
    ("status", "black on cyan"),
];

const COLOUR_NAMES: &[&str] = &[
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "dark-gray",
    "light-red",
    "light-green",
    "light-yellow",
    "light-blue",
    "light-magenta",
    "light-cyan",
    "white",
    "reset",
    "none",
];

/// Whether a colour string is one this configuration accepts: a name, `#rrggbb`, or
/// `FG on BG` of those.
pub fn is_valid_colour(text: &str) -> bool {
    text.split(" on ").all(|part| {
        let part = part.trim();
        COLOUR_NAMES.contains(&part)
            || (part.len() == 7
                && part.starts_with('#')
                && part[1..].chars().all(|c| c.is_ascii_hexdigit()))
    })
}

/// Reader options.
#[derive(Debug, Clone, PartialEq)]
pub struct ReaderOptions {
    pub side_panel: bool,
    /// Initial sort of the article list: "date", "source" or "claims".
    pub sort: String,
    pub mouse: bool,
}

/// The whole configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub keys: BTreeMap<KeySpec, Action>,
    pub theme: Theme,
    pub reader: ReaderOptions,
}

impl Default for Config {
    fn default() -> Config {
        let mut keys = BTreeMap::new();
        for (action, _, defaults, _) in Action::ALL {
            for key in *defaults {
                if let Some(spec) = KeySpec::parse(key) {
                    keys.insert(spec, *action);
                }
            }
        }
        Config {
            keys,
            theme: Theme {
                colours: THEME_DEFAULTS
                    .iter()
                    .map(|(k, v)| (*k, v.to_string()))
                    .collect(),
            },
            reader: ReaderOptions {
                side_panel: true,
                sort: "date".to_string(),
                mouse: true,
            },
        }
    }
}

/// A configuration problem, naming the file, the line and the key.
#[derive(Debug, thiserror::Error)]
#[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    keys: BTreeMap<String, toml::Spanned<KeyList>>,
    #[serde(default)]
    theme: BTreeMap<String, toml::Spanned<String>>,
    #[serde(default)]
    reader: Option<RawReader>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum KeyList {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReader {
    side_panel: Option<bool>,
    sort: Option<toml::Spanned<String>>,
    mouse: Option<bool>,
}

impl Config {
    /// Loads `path`; a missing file gives the defaults when `must_exist` is false.
    pub fn load(path: &Path, must_exist: bool) -> Result<Config, ConfigError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text, path),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound && !must_exist => {
                Ok(Config::default())
            }
            Err(err) => Err(ConfigError {
                path: path.to_path_buf(),
                line: None,
                message: format!(
                    "cannot read the configuration: {}",
                    crate::ingest::describe_io_error(&err)
                ),
            }),
        }
    }

    /// Parses configuration text; `path` is only used in error messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
        let error = |span: Option<std::ops::Range<usize>>, message: String| ConfigError {
            path: path.to_path_buf(),
            line: span.map(|s| line_of(s.start)),
            message,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|err| {
            let message = err.message().to_string();
            let message = if message.contains("unknown field") {
                format!("{message}; allowed sections are [keys], [theme] and [reader]")
            } else {
                message
            };
            error(err.span(), message)
        })?;
        let mut config = Config::default();
        for (name, spanned) in &raw.keys {
            let span = spanned.span();
            let Some(action) = Action::from_name(name) else {
                let allowed: Vec<&str> = Action::ALL.iter().map(|(_, n, ..)| *n).collect();
                return Err(error(
                    Some(span),
                    format!(
                        "[keys] {name}: unknown action; allowed: {}",
                        allowed.join(", ")
                    ),
                ));
            };
            let keys = match spanned.get_ref() {
                KeyList::One(k) => vec![k.clone()],
                KeyList::Many(ks) => ks.clone(),
            };
            // A rebinding replaces the action's default keys.
            config.keys.retain(|_, a| *a != action);
            for key in keys {
                let Some(spec) = KeySpec::parse(&key) else {
                    return Err(error(
                        Some(span),
                        format!(
                            "[keys] {name}: cannot read key {key:?}; write a character (\"j\"), a named key (Enter, Esc, Tab, BackTab, Backspace, Up, Down, Left, Right, Home, End, PageUp, PageDown, Delete, Space, F1-F12) with optional Ctrl- or Alt- prefixes"
                        ),
                    ));
                };
                config.keys.insert(spec, action);
            }
        }
        for (part, spanned) in &raw.theme {
            let Some((known, _)) = THEME_DEFAULTS.iter().find(|(k, _)| k == part) else {
                let allowed: Vec<&str> = THEME_DEFAULTS.iter().map(|(k, _)| *k).collect();
                return Err(error(
                    Some(spanned.span()),
                    format!(
                        "[theme] {part}: unknown colour; allowed: {}",
                        allowed.join(", ")
                    ),
                ));
            };
            let value = spanned.get_ref();
            if !is_valid_colour(value) {
                return Err(error(
                    Some(spanned.span()),
                    format!(
                        "[theme] {part} = {value:?}: not a colour; use a name ({}), #rrggbb, or \"FG on BG\"",
                        COLOUR_NAMES.join(", ")
                    ),
                ));
            }
            config.theme.colours.insert(known, value.clone());
        }
        if let Some(reader) = raw.reader {
            if let Some(side) = reader.side_panel {
                config.reader.side_panel = side;
            }
            if let Some(mouse) = reader.mouse {
                config.reader.mouse = mouse;
            }
            if let Some(sort) = reader.sort {
                if !["date", "source", "claims"].contains(&sort.get_ref().as_str()) {
                    return Err(error(
                        Some(sort.span()),
                        format!(
                            "[reader] sort = {:?}: allowed values are \"date\", \"source\" and \"claims\"",
                            sort.get_ref()
                        ),
                    ));
                }
                config.reader.sort = sort.into_inner();
            }
        }
        Ok(config)
    }

    /// Keys bound to `action`, for help and hints.
    pub fn keys_for(&self, action: Action) -> Vec<KeySpec> {
        self.keys
            .iter()
            .filter(|(_, a)| **a == action)
            .map(|(k, _)| *k)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_vim_and_newsboat_habits() {
        let config = Config::default();
        let action = |k: &str| config.keys.get(&KeySpec::parse(k).unwrap()).copied();
        assert_eq!(action("j"), Some(Action::Down));
        assert_eq!(action("Down"), Some(Action::Down));
        assert_eq!(action("G"), Some(Action::Bottom));
        assert_eq!(action("Ctrl-d"), Some(Action::PageDown));
        assert_eq!(action("/"), Some(Action::Search));
        assert_eq!(action("?"), Some(Action::Help));
        assert_eq!(action("q"), Some(Action::Quit));
    }

    #[test]
    fn rebinding_replaces_defaults() {
        let config =
            Config::parse("[keys]\ndown = [\"n\", \"Ctrl-j\"]\n", Path::new("c.toml")).unwrap();
        assert_eq!(config.keys_for(Action::Down).len(), 2);
        assert!(!config.keys.contains_key(&KeySpec::parse("j").unwrap()));
        assert_eq!(config.keys[&KeySpec::parse("n").unwrap()], Action::Down);
    }

    #[test]
    fn errors_name_file_line_and_key() {
        let err = Config::parse(
            "[keys]\nquit = \"q\"\njump = \"x\"\n",
            Path::new("/c/config.toml"),
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("/c/config.toml:3:"), "{text}");
        assert!(text.contains("jump") && text.contains("allowed"), "{text}");

        let err = Config::parse("[theme]\nmoney = \"sparkly\"\n", Path::new("c.toml")).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.to_string().contains("money"));

        let err =
            Config::parse("[keys]\ndown = \"Ctrl-Hyper-x\"\n", Path::new("c.toml")).unwrap_err();
        assert!(err.to_string().contains("Ctrl-Hyper-x"));

        let err = Config::parse("[keys\n", Path::new("c.toml")).unwrap_err();
        assert_eq!(err.line, Some(1));
    }

    #[test]
    fn key_specs_round_trip() {
        for k in [
            "j", "G", "Ctrl-d", "Alt-Left", "F1", "Space", "Enter", "?", "BackTab",
        ] {
            assert_eq!(KeySpec::parse(k).unwrap().to_string(), k);
        }
        assert!(KeySpec::parse("F13").is_none());
        assert!(KeySpec::parse("jj").is_none());
    }

    #[test]
    fn colours_are_checked() {
        assert!(is_valid_colour("light-cyan"));
        assert!(is_valid_colour("#ff8800"));
        assert!(is_valid_colour("black on yellow"));
        assert!(!is_valid_colour("#ff88"));
    }

    #[test]
    fn the_example_file_documents_every_option_with_its_default() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        let parsed = Config::parse(&text, &path).unwrap();
        assert_eq!(parsed, Config::default());
        for (_, name, _, _) in Action::ALL {
            assert!(
                text.contains(&format!("\n{name} = ")),
                "{name} is not documented"
            );
        }
        for (name, _) in THEME_DEFAULTS {
            assert!(
                text.contains(&format!("\n{name} = ")),
                "{name} is not documented"
            );
        }
    }
}

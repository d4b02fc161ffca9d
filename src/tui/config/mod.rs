//! User configuration: key bindings, colours and reader options from `config.toml`.
//!
//! Every key is rebindable and every colour themeable. The file is optional; what it does not
//! set keeps its default (documented in `config.example.toml`). A bad file never starts the
//! reader with surprising behaviour: the error names the file, the line and the key at fault
//! and lists what is allowed. Keys are stored as terminal-agnostic [`KeySpec`]s so the engine
//! stays free of terminal types; the reader translates its key events into them.

pub mod keys;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use keys::{Action, ActionInfo, Group, KeyName, KeySpec};

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
    ("jump_mark", "black on light-cyan"),
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
        for info in Action::ALL {
            for key in info.defaults {
                if let Some(spec) = KeySpec::parse(key) {
                    keys.insert(spec, info.action);
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
                let allowed: Vec<&str> = Action::ALL.iter().map(|i| i.name).collect();
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

    /// Keys bound to `action`, for help and hints: its default keys first, in their
    /// documented order.
    pub fn keys_for(&self, action: Action) -> Vec<KeySpec> {
        let defaults: Vec<KeySpec> = Action::ALL
            .iter()
            .find(|i| i.action == action)
            .map(|i| {
                i.defaults
                    .iter()
                    .filter_map(|k| KeySpec::parse(k))
                    .collect()
            })
            .unwrap_or_default();
        let mut keys: Vec<KeySpec> = self
            .keys
            .iter()
            .filter(|(_, a)| **a == action)
            .map(|(k, _)| *k)
            .collect();
        keys.sort_by_key(|k| defaults.iter().position(|d| d == k).unwrap_or(usize::MAX));
        keys
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
        for name in Action::ALL.iter().map(|i| i.name) {
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

    #[test]
    fn the_readme_key_table_lists_every_default_key() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
        let readme = std::fs::read_to_string(&path).unwrap();
        let start = readme
            .find("## Reader keys")
            .expect("a Reader keys section");
        let section = &readme[start..];
        let section = &section[..section[3..].find("\n## ").map_or(section.len(), |e| e + 3)];
        for info in Action::ALL {
            if info.action.toggled_kind().is_some() {
                assert!(section.contains("`1`\u{2013}`8`"), "toggles 1-8");
                continue;
            }
            for key in info.defaults {
                let listed = section.contains(&format!("`{key}`"))
                    || section
                        .split(['|', ',', '/', ' '])
                        .any(|word| word.trim() == *key);
                assert!(listed, "{} key {key} missing from the README", info.name);
            }
        }
    }
}

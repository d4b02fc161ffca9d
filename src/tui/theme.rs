//! Turning the configuration's colour names into ratatui styles.

use ratatui::style::{Color, Modifier, Style};

use super::config::Config;

/// Resolved styles for everything the reader draws.
#[derive(Debug, Clone)]
pub struct Styles {
    pub kinds: [Style; 8],
    pub cursor: Style,
    pub linked: Style,
    pub conflict: Style,
    pub highlight: Style,
    pub search_match: Style,
    /// The sentence a jump landed on, for a moment.
    pub jump_mark: Style,
    pub border: Style,
    pub border_focused: Style,
    pub title: Style,
    pub dim: Style,
    pub status: Style,
}

impl Styles {
    pub fn from_config(config: &Config) -> Styles {
        let get = |name: &str| {
            config
                .theme
                .colours
                .get(name)
                .map(|c| parse_style(c))
                .unwrap_or_default()
        };
        let bold = |s: Style| s.add_modifier(Modifier::BOLD);
        let cursor_bg = get("cursor_background");
        let highlight_bg = get("highlight_background");
        Styles {
            kinds: [
                get("person"),
                get("org"),
                get("place"),
                get("product"),
                bold(get("money")),
                bold(get("percent")),
                get("date"),
                bold(get("quantity")),
            ],
            // Background-only styles: a colour given as foreground is used as background.
            cursor: Style::default().bg(cursor_bg.fg.or(cursor_bg.bg).unwrap_or(Color::Reset)),
            linked: get("linked_sentence"),
            conflict: bold(get("conflict")),
            highlight: Style::default()
                .bg(highlight_bg.fg.or(highlight_bg.bg).unwrap_or(Color::Reset))
                .add_modifier(Modifier::UNDERLINED),
            search_match: get("search_match"),
            jump_mark: bold(get("jump_mark")),
            border: get("border"),
            border_focused: get("border_focused"),
            title: bold(get("title")),
            dim: get("dim"),
            status: get("status"),
        }
    }
}

/// "cyan", "#ff8800", "black on yellow", "none".
pub fn parse_style(text: &str) -> Style {
    let mut parts = text.split(" on ");
    let fg = parts.next().and_then(parse_colour);
    let bg = parts.next().and_then(parse_colour);
    let mut style = Style::default();
    if let Some(fg) = fg {
        style = style.fg(fg);
    }
    if let Some(bg) = bg {
        style = style.bg(bg);
    }
    style
}

fn parse_colour(name: &str) -> Option<Color> {
    let name = name.trim();
    if let Some(hex) = name.strip_prefix('#') {
        let value = u32::from_str_radix(hex, 16).ok()?;
        return Some(Color::Rgb(
            (value >> 16) as u8,
            (value >> 8) as u8,
            value as u8,
        ));
    }
    Some(match name {
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" => Color::Gray,
        "dark-gray" => Color::DarkGray,
        "light-red" => Color::LightRed,
        "light-green" => Color::LightGreen,
        "light-yellow" => Color::LightYellow,
        "light-blue" => Color::LightBlue,
        "light-magenta" => Color::LightMagenta,
        "light-cyan" => Color::LightCyan,
        "white" => Color::White,
        "reset" => Color::Reset,
        _ => return None,
    })
}

//! Export templates: Jinja syntax rendered by minijinja over an
//! [`ExportDocument`](super::ExportDocument), so users can lay their highlights out as their
//! notes app expects (as Readwise's export templates allow).
//!
//! Block tags alone on a line leave no blank line behind (`trim_blocks` and `lstrip_blocks`),
//! nothing is HTML-escaped, and these filters keep Markdown valid: `md` escapes text so it
//! renders literally, `blockquote` quotes each line, `link("label")` makes a link whose target
//! cannot break out of its parentheses, `tag` turns text into a `#tag`-safe word and `yaml`
//! into a double-quoted YAML string. The built-in layout is itself such a template
//! (`default.md.jinja`), a starting point for one's own.

use minijinja::syntax::SyntaxConfig;
use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment};

use super::ExportDocument;

/// The built-in layout.
const DEFAULT_TEMPLATE: &str = include_str!("default.md.jinja");

/// A template and the name its errors are reported under (its file name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub name: String,
    pub source: String,
}

impl Template {
    pub fn built_in() -> Template {
        Template {
            name: "default.md.jinja".to_string(),
            source: DEFAULT_TEMPLATE.to_string(),
        }
    }
}

/// A template that does not parse or fails while rendering, with the line at fault.
#[derive(Debug, thiserror::Error)]
#[error("template {name}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct TemplateError {
    pub name: String,
    pub line: Option<usize>,
    pub message: String,
}

impl TemplateError {
    fn of(name: &str, err: &minijinja::Error) -> TemplateError {
        let mut message = err.kind().to_string();
        if let Some(detail) = err.detail() {
            message.push_str(": ");
            message.push_str(detail);
        }
        TemplateError {
            name: name.to_string(),
            line: err.line(),
            message,
        }
    }
}

fn environment<'source>() -> Environment<'source> {
    let mut env = Environment::new();
    let syntax = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
        .expect("the default delimiters are valid");
    env.set_syntax(syntax);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.add_filter("md", |text: String| super::escape_inline(&text));
    env.add_filter("blockquote", |text: String| super::blockquote(&text));
    env.add_filter("link", |url: String, label: Option<String>| {
        super::link(label.as_deref().unwrap_or("link"), &url)
    });
    env.add_filter("tag", |text: String| super::tag(&text));
    env.add_filter("yaml", |text: String| super::yaml_string(&text));
    env
}

/// Renders `document` through `template`.
pub fn render(template: &Template, document: &ExportDocument) -> Result<String, TemplateError> {
    let mut env = environment();
    env.add_template(&template.name, &template.source)
        .map_err(|e| TemplateError::of(&template.name, &e))?;
    env.get_template(&template.name)
        .and_then(|t| t.render(Serde(document)))
        .map_err(|e| TemplateError::of(&template.name, &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document() -> ExportDocument {
        ExportDocument {
            title: "crossread highlights".into(),
            date: "2026-01-02".into(),
            query: None,
            highlight_count: 0,
            articles: Vec::new(),
            orphans: Vec::new(),
        }
    }

    #[test]
    fn filters_keep_markdown_literal() {
        let template = Template {
            name: "t.md".into(),
            source: "{{ '*a* [b]' | md }} {{ 'http://x.test/(y)' | link('go') }} {{ 'a b' | tag }} {{ 'say \"hi\"' | yaml }}".into(),
        };
        assert_eq!(
            render(&template, &document()).unwrap(),
            "\\*a\\* \\[b\\] [go](http://x.test/%28y%29) a-b \"say \\\"hi\\\"\""
        );
    }

    #[test]
    fn errors_name_the_template_and_line() {
        let template = Template {
            name: "mine.md".into(),
            source: "ok\n{% for a in articles %}\n{{ a.title }\n".into(),
        };
        let err = render(&template, &document()).unwrap_err();
        assert_eq!(err.name, "mine.md");
        assert_eq!(err.line, Some(3), "{err}");
        assert!(err.to_string().starts_with("template mine.md:3: "), "{err}");
    }
}

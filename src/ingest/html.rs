//! Placeholder: replaced by the extraction module under evaluation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExtractedPage {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub paragraphs: Vec<String>,
}
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("no readable article content found")]
    NoContent,
    #[error("could not parse HTML: {0}")]
    Parse(String),
}
pub fn extract_article(html: &str, base_url: Option<&str>) -> Result<ExtractedPage, ExtractError> {
    let mut r = dom_smoothie::Readability::new(html, base_url, None)
        .map_err(|e| ExtractError::Parse(e.to_string()))?;
    let a = r.parse().map_err(|e| ExtractError::Parse(e.to_string()))?;
    let paragraphs = html_to_paragraphs(&a.content);
    if paragraphs.is_empty() {
        return Err(ExtractError::NoContent);
    }
    Ok(ExtractedPage {
        title: Some(a.title).filter(|t| !t.is_empty()),
        byline: a.byline,
        site_name: a.site_name,
        published: a.published_time,
        url: base_url.map(str::to_string),
        lang: a.lang,
        paragraphs,
    })
}
pub fn html_to_paragraphs(fragment: &str) -> Vec<String> {
    let mut text = String::new();
    let mut in_tag = false;
    let mut tag = String::new();
    for c in fragment.chars() {
        if in_tag {
            if c == '>' {
                in_tag = false;
                let t = tag.trim_start_matches('/').to_ascii_lowercase();
                if ["p", "br", "div", "li", "h1", "h2", "h3", "h4"]
                    .iter()
                    .any(|b| t.starts_with(b))
                {
                    text.push('\n');
                }
                tag.clear();
            } else {
                tag.push(c);
            }
        } else if c == '<' {
            in_tag = true;
        } else {
            text.push(c);
        }
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ");
    text.lines()
        .map(crate::text::collapse_whitespace)
        .filter(|l| !l.is_empty())
        .collect()
}

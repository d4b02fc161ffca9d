//! OPML, the subscription list format feed readers exchange: import and export.
//!
//! Import reads every `<outline>` with an `xmlUrl`; enclosing outlines without one are folders
//! and become tags, as does a `category` attribute. Export writes OPML 2.0 with the title, URL
//! and tags (as `category`) of each subscription. Parsing is quick-xml's (already in the tree
//! through feed-rs); it does not resolve external entities, so an OPML file cannot make us
//! read other files.

use std::borrow::Cow;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

use super::store::{Subscription, clean_label};

/// A subscription as a list names it, before its URL is validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedFeed {
    pub url: String,
    pub title: Option<String>,
    pub tags: Vec<String>,
}

/// Reads the feeds of an OPML document.
pub fn parse(text: &str) -> Result<Vec<ListedFeed>, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut feeds = Vec::new();
    // One entry per open <outline>: the folder name it contributes, if it is a folder.
    let mut folders: Vec<Option<String>> = Vec::new();
    let mut saw_opml = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|err| format!("malformed XML at byte {}: {err}", reader.error_position()))?;
        match event {
            Event::Start(e) | Event::Empty(e)
                if e.local_name().as_ref().eq_ignore_ascii_case("opml") =>
            {
                saw_opml = true;
            }
            Event::Start(e) if is_outline(&e) => {
                let attrs = attributes(&e)?;
                let folder = match outline_feed(&attrs, &folders) {
                    Some(feed) => {
                        feeds.push(feed);
                        None
                    }
                    None => get(&attrs, "text")
                        .or_else(|| get(&attrs, "title"))
                        .and_then(|t| clean_label(&t)),
                };
                folders.push(folder);
            }
            Event::Empty(e) if is_outline(&e) => {
                let attrs = attributes(&e)?;
                if let Some(feed) = outline_feed(&attrs, &folders) {
                    feeds.push(feed);
                }
            }
            Event::End(e) if e.local_name().as_ref().eq_ignore_ascii_case("outline") => {
                folders.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_opml {
        return Err("no <opml> element".to_string());
    }
    Ok(feeds)
}

fn is_outline(e: &BytesStart<'_>) -> bool {
    e.local_name().as_ref().eq_ignore_ascii_case("outline")
}

fn attributes(e: &BytesStart<'_>) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for attr in e.attributes().with_checks(false) {
        let attr = attr.map_err(|err| format!("bad attribute: {err}"))?;
        let key = attr.key.local_name().as_ref().to_ascii_lowercase();
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .unwrap_or_else(|_| Cow::Owned(attr.value.to_string()));
        out.push((key, value.into_owned()));
    }
    Ok(out)
}

fn get(attrs: &[(String, String)], key: &str) -> Option<String> {
    attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
}

fn outline_feed(attrs: &[(String, String)], folders: &[Option<String>]) -> Option<ListedFeed> {
    let url = get(attrs, "xmlurl")?.trim().to_string();
    let title = get(attrs, "title")
        .filter(|t| !t.trim().is_empty())
        .or_else(|| get(attrs, "text"))
        .and_then(|t| clean_label(&t));
    let mut tags: Vec<String> = folders.iter().flatten().cloned().collect();
    if let Some(categories) = get(attrs, "category") {
        for category in categories.split(',') {
            if let Some(tag) = clean_label(category.trim().trim_matches('/')) {
                tags.push(tag);
            }
        }
    }
    tags.dedup();
    Some(ListedFeed { url, title, tags })
}

/// Writes the subscriptions as an OPML 2.0 document.
pub fn export(feeds: &[Subscription]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    \
         <title>crossread subscriptions</title>\n  </head>\n  <body>\n",
    );
    for feed in feeds {
        let title = feed.title.as_deref().unwrap_or(&feed.url);
        out.push_str(&format!(
            "    <outline type=\"rss\" text=\"{0}\" title=\"{0}\" xmlUrl=\"{1}\"",
            quick_xml::escape::escape(title),
            quick_xml::escape::escape(feed.url.as_str())
        ));
        if !feed.tags.is_empty() {
            out.push_str(&format!(
                " category=\"{}\"",
                quick_xml::escape::escape(feed.tags.join(","))
            ));
        }
        out.push_str("/>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0"?>
<opml version="1.0"><head><title>x</title></head><body>
  <outline text="News">
    <outline text="BBC" title="BBC &amp; Co" type="rss" xmlUrl="https://feeds.bbci.co.uk/news/rss.xml"/>
    <outline text="Tech"><outline text="LWN" xmlUrl="https://lwn.net/headlines/rss" category="/linux,kernel"/></outline>
  </outline>
  <outline text="Loose" xmlUrl="http://example.com/feed"></outline>
  <outline text="Script" xmlUrl="exec:rm -rf ~"/>
</body></opml>"#;

    #[test]
    fn reads_folders_as_tags() {
        let feeds = parse(SAMPLE).unwrap();
        assert_eq!(feeds.len(), 4);
        assert_eq!(feeds[0].title.as_deref(), Some("BBC & Co"));
        assert_eq!(feeds[0].tags, ["News"]);
        assert_eq!(feeds[1].tags, ["News", "Tech", "linux", "kernel"]);
        assert_eq!(feeds[2].url, "http://example.com/feed");
        assert!(feeds[2].tags.is_empty());
        // Returned as listed; the caller rejects it when validating.
        assert_eq!(feeds[3].url, "exec:rm -rf ~");
    }

    #[test]
    fn export_round_trips() {
        let mut sub = Subscription::new("https://example.com/a?x=1&y=\"2\"".into());
        sub.title = Some("A <b> & 'c'".into());
        sub.tags = vec!["news".into(), "tech".into()];
        let text = export(&[
            sub.clone(),
            Subscription::new("https://example.com/b".into()),
        ]);
        let back = parse(&text).unwrap();
        assert_eq!(back[0].url, sub.url);
        assert_eq!(back[0].title, sub.title);
        assert_eq!(back[0].tags, sub.tags);
        assert_eq!(back[1].title.as_deref(), Some("https://example.com/b"));
    }

    #[test]
    fn rejects_non_opml() {
        assert!(parse("<rss><channel/></rss>").is_err());
        assert!(parse("<opml><body><outline").is_err());
    }
}

//! The `feeds` subcommands through the real binary: add, list, import, export, remove, and
//! the refusal of anything that is not an http(s) address.

mod common;

use common::{crossread, json};
use crossread::feeds::import::import_file;
use crossread::feeds::store::FeedStore;

#[test]
fn add_list_remove_and_reject_non_http() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path();
    let ok = crossread(
        lib,
        &[
            "feeds",
            "add",
            "https://example.com/rss",
            "--tag",
            "news",
            "--full-text",
        ],
    );
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let refused = crossread(lib, &["feeds", "add", "file:///etc/passwd"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("only http:// and https://"));
    let refused = crossread(lib, &["feeds", "add", "exec:rm -rf ~"]);
    assert!(String::from_utf8_lossy(&refused.stderr).contains("never runs commands"));
    let store = FeedStore::load(lib).unwrap();
    assert_eq!(store.feeds.len(), 1);
    assert!(store.feeds[0].full_text);
    assert_eq!(store.feeds[0].tags, ["news"]);
    let listed = json(&crossread(lib, &["feeds", "list", "--json"]));
    assert!(listed.to_string().contains("https://example.com/rss"));
    assert!(
        crossread(lib, &["feeds", "remove", "https://example.com/rss"])
            .status
            .success()
    );
    assert!(FeedStore::load(lib).unwrap().feeds.is_empty());
    assert!(
        !crossread(lib, &["feeds", "remove", "https://example.com/rss"])
            .status
            .success()
    );
}

#[test]
fn import_newsboat_and_opml_then_export() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("library");
    let urls = dir.path().join("urls");
    std::fs::write(
        &urls,
        "# newsboat\nhttps://a.example/feed news \"~Alpha Feed\"\n\
         \"exec:~/bin/feed.sh\" scripts\nfile:///tmp/x.xml\n\nhttp://b.example/rss \"two words\"\n",
    )
    .unwrap();
    let report = import_file(&lib, &urls).unwrap();
    assert_eq!(report.added, 2);
    assert_eq!(report.rejected.len(), 2, "{:?}", report.rejected);
    let again = crossread(&lib, &["feeds", "import", urls.to_str().unwrap()]);
    assert_eq!(
        again.status.code(),
        Some(1),
        "rejected lines make the import exit 1"
    );

    let opml_out = dir.path().join("out.opml");
    let out = opml_out.to_str().unwrap();
    assert!(
        crossread(&lib, &["feeds", "export", "--out", out])
            .status
            .success()
    );
    assert!(
        !crossread(&lib, &["feeds", "export", "--out", out])
            .status
            .success(),
        "never overwrites without --force"
    );

    let other = dir.path().join("other");
    let report = import_file(&other, &opml_out).unwrap();
    assert_eq!((report.added, report.rejected.len()), (2, 0));
    let store = FeedStore::load(&other).unwrap();
    let alpha = store.get("https://a.example/feed").unwrap();
    assert_eq!(alpha.title.as_deref(), Some("Alpha Feed"));
    assert_eq!(alpha.tags, ["news"]);
    assert_eq!(
        store.get("http://b.example/rss").unwrap().tags,
        ["two words"]
    );

    let bad = dir.path().join("bad.opml");
    std::fs::write(&bad, "<opml><body><outline xmlUrl=\"https://x\"").unwrap();
    assert!(import_file(&other, &bad).is_err());
}

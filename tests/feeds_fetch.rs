//! Fetching against a local misbehaving server: every failure kind is classified, good feeds
//! land in the library, one failure never stops the others, and a second run is conditional.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use crossread::Library;
use crossread::feeds::store::{FeedStore, Subscription};
use crossread::feeds::{FailureKind, FeedStatus, FetchOptions, FetchReport, fetch};
use support::Server;

fn options() -> FetchOptions {
    FetchOptions {
        concurrency: 4,
        timeout: Duration::from_secs(1),
        max_bytes: 1024 * 1024,
        env_proxy: false,
        ..FetchOptions::default()
    }
}

fn subscribe(dir: &Path, urls: &[String], full_text: bool) {
    let mut store = FeedStore::load(dir).unwrap();
    for url in urls {
        let mut sub = Subscription::new(url.clone());
        sub.full_text = full_text;
        store.subscribe(sub);
    }
    store.save(dir).unwrap();
}

fn run(dir: &Path) -> FetchReport {
    let mut calls = Vec::new();
    let mut library = Library::open(dir).unwrap();
    let report = fetch(&mut library, &options(), &mut |p| {
        calls.push((p.done, p.total))
    })
    .unwrap();
    let total = report.feeds.len();
    assert_eq!(calls.first(), Some(&(0, total)));
    assert_eq!(
        calls.last(),
        Some(&(total, total)),
        "progress reaches the end"
    );
    report
}

fn failure(report: &FetchReport, url: &str) -> (FailureKind, String) {
    match &report.outcome(url).unwrap().status {
        FeedStatus::Failed { kind, reason } => (*kind, reason.clone()),
        other => panic!("{url} should have failed, got {other:?}"),
    }
}

fn sources(dir: &Path) -> Vec<String> {
    let library = Library::open(dir).unwrap();
    let mut sources: Vec<String> = library
        .list()
        .into_iter()
        .filter_map(|a| a.source)
        .collect();
    sources.sort();
    sources
}

#[test]
fn each_failure_is_classified_and_good_feeds_are_added() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let refused = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        format!("http://127.0.0.1:{port}/feed.xml")
    };
    let tls = format!("https://{}/good.xml", server.addr);
    let urls: Vec<String> = [
        "/good.xml",
        "/slow",
        "/atom.xml",
        "/huge",
        "/bomb",
        "/malformed.xml",
        "/page.html",
        "/missing",
        "/error",
        "/loop",
        "/wrong-type",
        "/moved",
    ]
    .iter()
    .map(|p| server.url(p))
    .chain([refused.clone(), tls.clone()])
    .collect();
    subscribe(dir.path(), &urls, false);

    let started = Instant::now();
    let report = run(dir.path());
    assert!(
        started.elapsed() < support::SLOW,
        "the slow feed is cut off by the timeout, not waited for ({:?})",
        started.elapsed()
    );

    for good in ["/good.xml", "/atom.xml", "/wrong-type", "/moved"] {
        let outcome = report.outcome(&server.url(good)).unwrap();
        assert_eq!(outcome.status, FeedStatus::Fetched, "{good}");
        assert!(outcome.added >= 1, "{good} added articles");
    }
    let (kind, reason) = failure(&report, &server.url("/slow"));
    assert_eq!(kind, FailureKind::Timeout);
    assert!(
        reason.starts_with("no complete response within 1 s"),
        "{reason}"
    );
    assert!(
        support::gzip_bomb().len() < 64 * 1024,
        "the bomb is small on the wire and inflates past the 1 MB limit"
    );
    let (kind, reason) = failure(&report, &server.url("/huge"));
    assert_eq!(kind, FailureKind::TooLarge);
    assert_eq!(
        reason,
        "response is over the 1 MB limit (raise it with `crossread fetch --max-size MB`)"
    );
    assert_eq!(
        failure(&report, &server.url("/bomb")).0,
        FailureKind::TooLarge
    );
    assert_eq!(
        failure(&report, &server.url("/malformed.xml")).0,
        FailureKind::Parse
    );
    assert_eq!(
        failure(&report, &server.url("/page.html")).0,
        FailureKind::Parse
    );
    let (kind, reason) = failure(&report, &server.url("/missing"));
    assert_eq!(
        (kind, reason.as_str()),
        (FailureKind::Http, "HTTP 404 Not Found")
    );
    let (kind, reason) = failure(&report, &server.url("/error"));
    assert_eq!(kind, FailureKind::Http);
    assert!(reason.contains("500"), "{reason}");
    let (kind, reason) = failure(&report, &server.url("/loop"));
    assert_eq!(kind, FailureKind::Http);
    assert_eq!(reason, "more than 5 redirects");
    assert!(
        server.hits("/loop").len() <= 6,
        "at most 5 redirects are followed"
    );
    assert_eq!(failure(&report, &refused).0, FailureKind::Connect);
    let (kind, reason) = failure(&report, &tls);
    assert_eq!(kind, FailureKind::Tls);
    assert!(reason.starts_with("TLS handshake failed"), "{reason}");
    assert_eq!(report.failures().count(), 10);
    assert_eq!(
        server.hits("/good.xml")[0]
            .headers
            .get("accept-encoding")
            .map(String::as_str),
        Some("gzip")
    );

    assert_eq!(
        sources(dir.path()),
        [
            "Moved Herald",
            "NASA Breaking News",
            "Wrong Type Weekly",
            "dive into mark"
        ]
    );
    let store = FeedStore::load(dir.path()).unwrap();
    let good = store.get(&server.url("/good.xml")).unwrap();
    assert_eq!(good.state.etag.as_deref(), Some("\"v1\""));
    assert_eq!(good.title.as_deref(), Some("NASA Breaking News"));
    assert!(good.state.last_error.is_none());
    let missing = store.get(&server.url("/missing")).unwrap();
    assert!(missing.state.last_error.as_deref().unwrap().contains("404"));
}

#[test]
fn second_fetch_is_conditional_and_adds_nothing() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let urls = [server.url("/good.xml"), server.url("/atom.xml")];
    subscribe(dir.path(), &urls, false);
    let first = run(dir.path());
    assert_eq!(first.added(), 2);
    let count = Library::open(dir.path()).unwrap().len();

    let second = run(dir.path());
    assert!(!second.has_failures());
    for url in &urls {
        let outcome = second.outcome(url).unwrap();
        assert_eq!(outcome.status, FeedStatus::NotModified, "{url}");
        assert_eq!((outcome.added, outcome.updated), (0, 0));
    }
    let hits = server.hits("/good.xml");
    assert_eq!(hits.len(), 2);
    assert!(!hits[0].headers.contains_key("if-none-match"));
    assert_eq!(
        hits[1].headers.get("if-none-match").map(String::as_str),
        Some("\"v1\"")
    );
    let atom = server.hits("/atom.xml");
    assert_eq!(
        atom[1].headers.get("if-modified-since").map(String::as_str),
        Some(support::LAST_MODIFIED)
    );
    assert_eq!(Library::open(dir.path()).unwrap().len(), count);

    // A lost body file makes the next request unconditional, so nothing stays missing.
    std::fs::remove_file(crossread::library::Layout::new(dir.path()).feed_body(&urls[0])).unwrap();
    let third = run(dir.path());
    assert_eq!(third.outcome(&urls[0]).unwrap().status, FeedStatus::Fetched);
    assert!(
        !server.hits("/good.xml")[2]
            .headers
            .contains_key("if-none-match")
    );
}

#[test]
fn full_text_replaces_summaries_with_the_linked_article() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    subscribe(dir.path(), &[server.url("/summary.xml")], true);
    let report = run(dir.path());
    let outcome = report.outcome(&server.url("/summary.xml")).unwrap();
    assert_eq!(outcome.status, FeedStatus::Fetched);
    assert_eq!(outcome.added, 2);
    assert_eq!(outcome.warnings.len(), 1, "{:?}", outcome.warnings);
    assert!(outcome.warnings[0].contains("404"));

    let library = Library::open(dir.path()).unwrap();
    let list = library.list();
    let full = list.iter().find(|a| a.title == "Terminal delayed").unwrap();
    assert_eq!(full.source.as_deref(), Some("Summary Post"));
    let stored = library.article(&full.id).unwrap().unwrap();
    let text = stored.article.paragraphs.join("\n");
    assert!(text.contains("northern quay wall"), "{text}");
    assert!(!text.contains("Short teaser"));
    let gone = list.iter().find(|a| a.title == "Gone page").unwrap();
    let stored = library.article(&gone.id).unwrap().unwrap();
    assert!(
        stored
            .article
            .paragraphs
            .join(" ")
            .contains("Teaser of a missing page")
    );

    // Pages are cached: a refetch of a changed-or-not feed does not download them again.
    let before = server.hits("/article.html").len();
    let again = run(dir.path());
    assert!(!again.has_failures());
    assert_eq!(again.added(), 0);
    assert_eq!(server.hits("/article.html").len(), before);
}

fn fetch_with(dir: &Path, options: &FetchOptions) -> FetchReport {
    let mut library = Library::open(dir).unwrap();
    fetch(&mut library, options, &mut |_| {}).unwrap()
}

#[test]
fn a_server_that_asks_to_retry_soon_is_retried_and_a_late_one_is_reported_with_the_time() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let soon = server.url("/busy-soon?after=1&times=1");
    let date = server.url("/maintenance?after=2");
    let late = server.url("/busy-late?after=7200&times=9");
    subscribe(
        dir.path(),
        &[soon.clone(), date.clone(), late.clone()],
        false,
    );

    let started = Instant::now();
    let report = run(dir.path());
    // 429 with Retry-After: 1, and 503 with an HTTP date two seconds ahead: tried again.
    for url in [&soon, &date] {
        let outcome = report.outcome(url).unwrap();
        assert_eq!(outcome.status, FeedStatus::Fetched, "{url}");
        assert_eq!(outcome.added, 1, "{url}");
    }
    assert_eq!(server.hits("/busy-soon?after=1&times=1").len(), 2);
    assert_eq!(server.hits("/maintenance?after=2").len(), 2);
    assert!(started.elapsed() >= Duration::from_secs(1));
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    // Two hours is past the wait allowed: reported with the time, not waited for.
    let (kind, reason) = failure(&report, &late);
    assert_eq!(kind, FailureKind::Http);
    assert!(
        reason.starts_with("HTTP 429 Too Many Requests; the server asks to wait until "),
        "{reason}"
    );
    assert!(reason.ends_with(" UTC"), "{reason}");
    assert_eq!(server.hits("/busy-late?after=7200&times=9").len(), 1);
    let store = FeedStore::load(dir.path()).unwrap();
    let asked = store.get(&late).unwrap().state.retry_after.unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert!(
        (now + 7000..now + 7300).contains(&asked),
        "{asked} vs {now}"
    );

    // The next run leaves that server alone until then, and says so.
    let again = run(dir.path());
    let (kind, reason) = failure(&again, &late);
    assert_eq!(kind, FailureKind::Http);
    assert!(
        reason.starts_with("not fetched: the server asked"),
        "{reason}"
    );
    assert_eq!(server.hits("/busy-late?after=7200&times=9").len(), 1);
}

#[test]
fn at_most_the_allowed_requests_reach_one_host_at_once() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let urls: Vec<String> = (0..6)
        .map(|i| server.url(&format!("/paced/desk{i}")))
        .collect();
    subscribe(dir.path(), &urls, false);
    let options = FetchOptions {
        concurrency: 6,
        per_host: 2,
        ..options()
    };
    let report = fetch_with(dir.path(), &options);
    assert!(!report.has_failures(), "{:?}", report.feeds);
    assert_eq!(report.added(), 6);
    let most = server
        .most_at_once
        .load(std::sync::atomic::Ordering::SeqCst);
    assert_eq!(most, 2, "requests at once to one host");
}

#[test]
fn a_host_that_does_not_resolve_is_a_dns_failure() {
    let dir = tempfile::tempdir().unwrap();
    // `.invalid` never resolves (RFC 6761); no request leaves the machine.
    let url = "http://feeds.crossread-test.invalid/rss.xml".to_string();
    subscribe(dir.path(), std::slice::from_ref(&url), false);
    let options = FetchOptions {
        timeout: Duration::from_secs(20),
        ..options()
    };
    let report = fetch_with(dir.path(), &options);
    let (kind, reason) = failure(&report, &url);
    assert_eq!(kind, FailureKind::Dns, "{reason}");
    let store = FeedStore::load(dir.path()).unwrap();
    let error = store.get(&url).unwrap().state.last_error.clone().unwrap();
    assert!(error.starts_with("DNS: "), "{error}");
}

//! A large feed over loopback, for `benches/feed.sh`: `crossread fetch` against newsboat.
//!
//! - `feed CORPUS OUT [--items N]`: an RSS 2.0 feed of the first N articles (default 10,000)
//!   of a `scale_corpus` folder: title, link, guid, date, the first paragraph as the
//!   description and the whole article as `content:encoded`, as news sites publish them;
//! - `serve FILE`: serves FILE at `http://127.0.0.1:PORT/feed.xml` (printing the URL on the
//!   first line of stdout) until killed;
//! - `fetch URL LIBRARY`: `crossread::feeds::fetch` with the default options into LIBRARY
//!   (subscribed to URL), printing one JSON object: wall time, the phases (download and parse
//!   on the fetching thread; the add's analysis, indexing hand-off, commits, linking and
//!   journals), articles added and peak memory.

#[path = "common/mod.rs"]
mod common;

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::json;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("feed") if args.len() >= 3 => {
            let items = args
                .iter()
                .position(|a| a == "--items")
                .and_then(|i| args.get(i + 1))
                .map_or(10_000, |n| n.parse().expect("--items N"));
            write_feed(Path::new(&args[1]), Path::new(&args[2]), items);
        }
        Some("serve") if args.len() == 2 => serve(Path::new(&args[1])),
        Some("fetch") if args.len() == 3 => fetch(&args[1], Path::new(&args[2])),
        _ => {
            eprintln!(
                "usage: feed_bench feed CORPUS OUT [--items N] | serve FILE | fetch URL LIBRARY"
            );
            std::process::exit(2);
        }
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("corpus folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Front matter value of `field` in a scale corpus article.
fn field<'a>(front: &'a str, name: &str) -> &'a str {
    front
        .lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(": "))
        .map_or("", |v| v.trim_matches('"'))
}

fn write_feed(corpus: &Path, out: &Path, items: usize) {
    let files = markdown_files(&corpus.join("articles"));
    assert!(
        files.len() >= items,
        "the corpus has {} articles",
        files.len()
    );
    let mut feed = std::io::BufWriter::new(std::fs::File::create(out).expect("create feed"));
    writeln!(
        feed,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n<channel><title>Wire Digest</title><link>http://news.example.com/</link><description>Every story of the day</description>"
    )
    .unwrap();
    for (i, path) in files.iter().take(items).enumerate() {
        let text = std::fs::read_to_string(path).expect("article");
        let (front, body) = text
            .strip_prefix("---\n")
            .and_then(|t| t.split_once("\n---\n"))
            .expect("front matter");
        let paragraphs: Vec<&str> = body
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let date = chrono::NaiveDate::parse_from_str(field(front, "published"), "%Y-%m-%d")
            .map(|d| d.and_hms_opt(9, 30, 0).unwrap().and_utc().to_rfc2822())
            .unwrap_or_default();
        let content: String = paragraphs
            .iter()
            .map(|p| format!("<p>{}</p>", escape(p)))
            .collect();
        writeln!(
            feed,
            "<item><title>{}</title><link>http://news.example.com/{i}</link><guid>wire-{i}</guid><pubDate>{date}</pubDate><author>desk@news.example.com ({})</author><description>{}</description><content:encoded><![CDATA[{content}]]></content:encoded></item>",
            escape(field(front, "title")),
            escape(field(front, "source")),
            escape(&format!("<p>{}</p>", paragraphs.first().unwrap_or(&""))),
        )
        .unwrap();
    }
    writeln!(feed, "</channel></rss>").unwrap();
    feed.flush().unwrap();
}

fn serve(file: &Path) {
    let body = std::fs::read(file).expect("feed file");
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    println!("http://{}/feed.xml", listener.local_addr().unwrap());
    std::io::stdout().flush().unwrap();
    for stream in listener.incoming().flatten() {
        let body = body.clone();
        std::thread::spawn(move || {
            let mut reader = std::io::BufReader::new(stream);
            let mut line = String::new();
            // The request head, up to the blank line.
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let mut stream = reader.into_inner();
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
            let _ = stream.flush();
            let _ = stream.read(&mut [0; 1]);
        });
    }
}

fn fetch(url: &str, library_dir: &Path) {
    use crossread::feeds::{FeedStore, FetchOptions, Subscription};
    let mut store = FeedStore::load(library_dir).expect("subscriptions");
    store.subscribe(Subscription::new(url.to_string()));
    store.save(library_dir).expect("save subscriptions");
    let started = Instant::now();
    let mut library = crossread::Library::open(library_dir).expect("open library");
    let report = crossread::feeds::fetch(&mut library, &FetchOptions::default(), &mut |_| {})
        .expect("fetch");
    let wall = started.elapsed().as_secs_f64();
    assert!(!report.has_failures(), "{:?}", report.feeds);
    let t = report.timings;
    let add = t.add;
    println!(
        "{}",
        json!({
            "wall_s": wall,
            "download_s": t.download.as_secs_f64(),
            "parse_s": t.parse.as_secs_f64(),
            "analysis_s": add.analysis.as_secs_f64(),
            "index_s": (add.ingest - add.read - add.analysis).as_secs_f64(),
            "commit_s": add.commit.as_secs_f64(),
            "link_s": add.link.as_secs_f64(),
            "save_s": add.save.as_secs_f64(),
            "articles": report.added(),
            "peak_mb": common::status_mb("VmHWM"),
        })
    );
}

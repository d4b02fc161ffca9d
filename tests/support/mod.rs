//! A misbehaving HTTP/1.1 server on 127.0.0.1 for the fetch tests: hand-written responses,
//! one thread per connection, no network beyond the loopback interface.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

pub const RSS: &[u8] = include_bytes!("../fixtures/feeds/rss_2.0_example_2.xml");
pub const ATOM: &[u8] = include_bytes!("../fixtures/feeds/atom_example_1.xml");
pub const LAST_MODIFIED: &str = "Wed, 21 Oct 2026 07:28:00 GMT";
/// How long `/slow` waits before answering; tests use a shorter fetch timeout.
pub const SLOW: Duration = Duration::from_secs(4);

/// One request the server saw: path and lower-cased headers.
#[derive(Debug, Clone)]
pub struct Hit {
    pub path: String,
    pub headers: HashMap<String, String>,
}

pub struct Server {
    pub addr: SocketAddr,
    pub hits: Arc<Mutex<Vec<Hit>>>,
    /// Which window of items the `/gen/` feeds serve (see [`generated_rss`]).
    pub generation: Arc<AtomicUsize>,
    /// The most requests the server was answering at once.
    pub most_at_once: Arc<AtomicUsize>,
}

impl Server {
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let hits = Arc::new(Mutex::new(Vec::new()));
        let generation = Arc::new(AtomicUsize::new(0));
        let most_at_once = Arc::new(AtomicUsize::new(0));
        let shared = Arc::clone(&hits);
        let shared_generation = Arc::clone(&generation);
        let shared_most = Arc::clone(&most_at_once);
        let at_once = Arc::new(AtomicUsize::new(0));
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let hits = Arc::clone(&shared);
                let generation = shared_generation.load(Ordering::SeqCst);
                let (at_once, most) = (Arc::clone(&at_once), Arc::clone(&shared_most));
                thread::spawn(move || {
                    let now = at_once.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    handle(stream, addr, &hits, generation);
                    at_once.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        Server {
            addr,
            hits,
            generation,
            most_at_once,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn hits(&self, path: &str) -> Vec<Hit> {
        let hits = self.hits.lock().unwrap();
        hits.iter().filter(|h| h.path == path).cloned().collect()
    }
}

fn handle(mut stream: TcpStream, addr: SocketAddr, hits: &Mutex<Vec<Hit>>, generation: usize) {
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 64 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
        if head.first() == Some(&0x16) {
            // A TLS ClientHello: answer in plain HTTP, which the client must reject.
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
            return;
        }
    }
    let text = String::from_utf8_lossy(&head).into_owned();
    let mut lines = text.split("\r\n");
    let path = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("/")
        .to_string();
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let seen = {
        let mut hits = hits.lock().unwrap();
        hits.push(Hit {
            path: path.clone(),
            headers: headers.clone(),
        });
        hits.iter().filter(|h| h.path == path).count()
    };
    let base = format!("http://{addr}");
    let response = respond(&path, &headers, &base, generation, seen);
    let _ = stream.write_all(&response.head);
    match response.body {
        Body::Bytes(bytes) => {
            let _ = stream.write_all(&bytes);
        }
        Body::Endless => {
            let chunk = vec![b' '; 64 * 1024];
            for _ in 0..64 {
                if stream.write_all(&chunk).is_err() {
                    break;
                }
            }
        }
    }
    let _ = stream.flush();
}

enum Body {
    Bytes(Vec<u8>),
    /// 4 MB of spaces with no Content-Length, cut off when the client hangs up.
    Endless,
}

struct Response {
    head: Vec<u8>,
    body: Body,
}

fn ok(content_type: &str, extra: &str, body: Vec<u8>) -> Response {
    Response {
        head: format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n",
            body.len()
        )
        .into_bytes(),
        body: Body::Bytes(body),
    }
}

fn status(line: &str, extra: &str) -> Response {
    let body = format!("<html><body>{line}</body></html>").into_bytes();
    Response {
        head: format!(
            "HTTP/1.1 {line}\r\nContent-Type: text/html\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n",
            body.len()
        )
        .into_bytes(),
        body: Body::Bytes(body),
    }
}

pub fn small_rss(title: &str, items: &[(&str, &str, &str)]) -> Vec<u8> {
    let mut out = format!(
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>{title}</title><link>http://example.com/</link><description>d</description>\n"
    );
    for (guid, item_title, extra) in items {
        out.push_str(&format!(
            "<item><guid>{guid}</guid><title>{item_title}</title>{extra}</item>\n"
        ));
    }
    out.push_str("</channel></rss>\n");
    out.into_bytes()
}

pub fn article_page() -> Vec<u8> {
    let paragraph = "The harbour authority confirmed on Tuesday that the new container terminal \
        will open in March, two months later than planned, after inspectors found cracks in the \
        northern quay wall that must be repaired before cranes can be installed there.";
    let mut body = String::from(
        "<!doctype html><html><head><title>Terminal delayed</title></head><body>\
         <nav><a href=\"/\">Home</a></nav><article><h1>Terminal delayed</h1>",
    );
    for i in 0..6 {
        body.push_str(&format!(
            "<p>{paragraph} Paragraph number {i} adds detail.</p>"
        ));
    }
    body.push_str("</article><footer>Copyright</footer></body></html>");
    body.into_bytes()
}

/// An HTTP date (IMF-fixdate), as `Retry-After` may carry.
pub fn httpdate(at: std::time::SystemTime) -> String {
    let seconds = at.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    chrono::DateTime::from_timestamp(seconds, 0)
        .unwrap()
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string()
}

pub fn gzip_bomb() -> Vec<u8> {
    use flate2::{Compression, write::GzEncoder};
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder
        .write_all(b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Bomb</title>")
        .unwrap();
    let zeros = vec![b' '; 1024 * 1024];
    for _ in 0..16 {
        encoder.write_all(&zeros).unwrap();
    }
    encoder.finish().unwrap()
}

/// Items a `/gen/NAME?items=N&step=S` feed serves in generation `generation`: N consecutive
/// items starting at `generation * S`, so each generation adds S new items and rolls S off.
pub fn generated_items(items: usize, step: usize, generation: usize) -> Vec<usize> {
    (generation * step..generation * step + items).collect()
}

/// Title of item `i` of the generated feed `name`.
pub fn generated_title(name: &str, i: usize) -> String {
    format!("{name} report {i}")
}

/// A word that occurs only in item `i` of the generated feed `name`, for searching.
pub fn generated_code(name: &str, i: usize) -> String {
    format!("{name}x{i}")
}

/// An RSS feed of news-like items with names, places and figures, so that adding each one
/// takes real analysis work and items of different feeds make comparable claims.
pub fn generated_rss(name: &str, items: &[usize]) -> Vec<u8> {
    const CITIES: [&str; 6] = [
        "Rotterdam",
        "Hamburg",
        "Antwerp",
        "Valencia",
        "Gdansk",
        "Genoa",
    ];
    const PEOPLE: [&str; 5] = [
        "Maria Jansen",
        "Thomas Weber",
        "Elena Ruiz",
        "Piotr Nowak",
        "Sara Bianchi",
    ];
    const MONTHS: [&str; 4] = ["March", "April", "May", "June"];
    let mut out = format!(
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>{name} wire</title><link>http://example.com/{name}</link><description>d</description>\n"
    );
    for &i in items {
        let city = CITIES[i % CITIES.len()];
        let person = PEOPLE[i % PEOPLE.len()];
        let month = MONTHS[i % MONTHS.len()];
        let percent = 3 + (i * 7 + name.len()) % 19;
        let million = 40 + (i * 13 + name.len() * 5) % 300;
        let description = format!(
            "The port authority of {city} said on Tuesday that container volumes rose {percent} percent in {month}. \
             Director {person} told reporters that the new terminal cost ${million} million and will open next year. \
             Unions in {city} welcomed the figures but warned that staff shortages remain. \
             Reference code {code} identifies this dispatch.",
            code = generated_code(name, i),
        );
        out.push_str(&format!(
            "<item><guid>{name}-{i}</guid><title>{title}</title><description>{description}</description></item>\n",
            title = generated_title(name, i),
        ));
    }
    out.push_str("</channel></rss>\n");
    out.into_bytes()
}

/// A small feed named after `path`, for the politeness cases.
fn polite_feed(path: &str) -> Response {
    let name = path.trim_start_matches('/');
    ok(
        "application/rss+xml",
        "",
        small_rss(
            &format!("{name} desk"),
            &[(
                &format!("{name}-1"),
                &format!("{name} update"),
                "<description>The council approved the budget on Monday.</description>",
            )],
        ),
    )
}

/// `path`'s query parameter `key`, or `default`.
fn query_param(path: &str, key: &str, default: u64) -> u64 {
    let query = path.split_once('?').map_or("", |(_, q)| q);
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == key)
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(default)
}

/// `seen`: how many requests for this exact path the server has had, this one included.
fn respond(
    path: &str,
    headers: &HashMap<String, String>,
    base: &str,
    generation: usize,
    seen: usize,
) -> Response {
    // 429 with Retry-After in seconds for the first `times` requests, then the feed.
    if path.starts_with("/busy") {
        if seen as u64 <= query_param(path, "times", 1) {
            let after = query_param(path, "after", 1);
            return status(
                "429 Too Many Requests",
                &format!("Retry-After: {after}\r\n"),
            );
        }
        return polite_feed(path.split('?').next().unwrap_or(path));
    }
    // 503 with Retry-After as an HTTP date `after` seconds ahead, for the first request.
    if path.starts_with("/maintenance") {
        if seen == 1 {
            let at =
                std::time::SystemTime::now() + Duration::from_secs(query_param(path, "after", 2));
            let date = httpdate(at);
            return status(
                "503 Service Unavailable",
                &format!("Retry-After: {date}\r\n"),
            );
        }
        return polite_feed(path.split('?').next().unwrap_or(path));
    }
    if let Some(rest) = path.strip_prefix("/paced/") {
        // Slow enough that several requests to this host overlap unless they are limited.
        thread::sleep(Duration::from_millis(300));
        return polite_feed(rest.split('?').next().unwrap_or(rest));
    }
    if let Some(rest) = path.strip_prefix("/gen/") {
        let name = rest.split('?').next().unwrap_or(rest);
        let param = |key: &str, default: u64| query_param(path, key, default) as usize;
        thread::sleep(Duration::from_millis(query_param(path, "delay", 0)));
        let items = generated_items(param("items", 10), param("step", 0), generation);
        return ok("application/rss+xml", "", generated_rss(name, &items));
    }
    match path {
        "/good.xml" => {
            if headers.get("if-none-match").map(String::as_str) == Some("\"v1\"") {
                return status("304 Not Modified", "ETag: \"v1\"\r\n");
            }
            ok("application/rss+xml", "ETag: \"v1\"\r\n", RSS.to_vec())
        }
        "/atom.xml" => {
            if headers.get("if-modified-since").map(String::as_str) == Some(LAST_MODIFIED) {
                return status("304 Not Modified", "");
            }
            let extra = format!("Last-Modified: {LAST_MODIFIED}\r\n");
            ok("application/atom+xml", &extra, ATOM.to_vec())
        }
        "/wrong-type" => ok(
            "application/octet-stream",
            "",
            small_rss(
                "Wrong Type Weekly",
                &[(
                    "wt-1",
                    "Bridge reopens after repairs",
                    "<description>The city bridge reopened on Monday after six weeks of repairs.</description>",
                )],
            ),
        ),
        "/moved" => status("301 Moved Permanently", "Location: /target.xml\r\n"),
        "/target.xml" => ok(
            "application/rss+xml",
            "",
            small_rss(
                "Moved Herald",
                &[(
                    "mh-1",
                    "Library extends opening hours",
                    "<description>The central library will stay open until nine on weekdays.</description>",
                )],
            ),
        ),
        "/slow" => {
            thread::sleep(SLOW);
            ok("application/rss+xml", "", RSS.to_vec())
        }
        "/huge" => Response {
            head: b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nConnection: close\r\n\r\n"
                .to_vec(),
            body: Body::Endless,
        },
        "/bomb" => {
            let body = gzip_bomb();
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            Response {
                head: head.into_bytes(),
                body: Body::Bytes(body),
            }
        }
        "/malformed.xml" => ok(
            "application/rss+xml",
            "",
            b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Broken</title><item><title>A</itemx></channel></rss>".to_vec(),
        ),
        "/page.html" => ok("text/html", "", b"<html><body><p>Not a feed</p></body></html>".to_vec()),
        "/missing" => status("404 Not Found", ""),
        "/error" => status("500 Internal Server Error", ""),
        "/loop" => status("302 Found", "Location: /loop\r\n"),
        "/summary.xml" => {
            let link = format!("<link>{base}/article.html</link><description>Short teaser.</description>");
            let broken = format!("<link>{base}/missing</link><description>Teaser of a missing page.</description>");
            ok(
                "application/rss+xml",
                "",
                small_rss(
                    "Summary Post",
                    &[("sp-1", "Terminal delayed", &link), ("sp-2", "Gone page", &broken)],
                ),
            )
        }
        "/article.html" => ok("text/html; charset=utf-8", "", article_page()),
        _ => status("404 Not Found", ""),
    }
}

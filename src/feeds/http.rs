//! One HTTP GET with the limits a feed reader needs, and failures sorted into kinds a user can
//! act on.
//!
//! ureq (rustls, gzip) does the protocol work; this module sets it up once per fetch: a
//! timeout over the whole exchange (body included), at most a few redirects, conditional
//! requests (If-None-Match / If-Modified-Since) and a cap on the body size measured after
//! decompression, so a small gzip bomb stops at the limit. A body can be streamed to a file
//! instead of held in memory. Every error becomes a [`FetchFailure`] whose [`FailureKind`]
//! says whether DNS, TLS, the connection, the server, the size or the content is at fault; a
//! server that answers 429 or 503 with `Retry-After` has the time it asks for in
//! [`FetchFailure::retry_at`].

use std::io;
use std::time::{Duration, SystemTime};

use serde::Serialize;

/// Why a feed (or a linked page) could not be fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FailureKind {
    /// The host name does not resolve.
    Dns,
    /// The TLS handshake or certificate check failed.
    Tls,
    /// The connection was refused, reset or dropped.
    Connect,
    /// The server did not answer (or finish answering) in time.
    Timeout,
    /// The server answered with an error status, too many redirects, or broken HTTP.
    Http,
    /// The response is over the size limit (after decompression).
    TooLarge,
    /// The response is not a feed crossread can read.
    Parse,
    /// Saving the feed on this machine failed.
    Local,
}

impl FailureKind {
    pub fn label(self) -> &'static str {
        match self {
            FailureKind::Dns => "DNS",
            FailureKind::Tls => "TLS",
            FailureKind::Connect => "connect",
            FailureKind::Timeout => "timeout",
            FailureKind::Http => "HTTP",
            FailureKind::TooLarge => "too large",
            FailureKind::Parse => "parse",
            FailureKind::Local => "local",
        }
    }
}

/// A failed fetch: its kind and a one-line reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FetchFailure {
    pub kind: FailureKind,
    pub reason: String,
    /// When the server asked to be tried again (429 or 503 with `Retry-After`).
    #[serde(skip)]
    pub retry_at: Option<SystemTime>,
}

impl FetchFailure {
    pub fn new(kind: FailureKind, reason: impl Into<String>) -> FetchFailure {
        FetchFailure {
            kind,
            reason: reason.into(),
            retry_at: None,
        }
    }
}

impl std::fmt::Display for FetchFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind.label(), self.reason)
    }
}

/// Limits of every request.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// Whole exchange, from DNS lookup to the last body byte, redirects included.
    pub timeout: Duration,
    /// Largest body accepted, counted after decompression.
    pub max_bytes: u64,
    pub max_redirects: u32,
    /// Use HTTP(S)_PROXY / NO_PROXY from the environment.
    pub env_proxy: bool,
}

/// Validators of a previous response, sent to make the request conditional.
#[derive(Debug, Clone, Copy, Default)]
pub struct Validators<'a> {
    pub etag: Option<&'a str>,
    pub last_modified: Option<&'a str>,
}

/// A successful response.
#[derive(Debug)]
pub enum Response<B = Vec<u8>> {
    /// 304: the copy we have is current.
    NotModified,
    Body {
        /// The body, or its length when it was streamed to a writer.
        bytes: B,
        etag: Option<String>,
        last_modified: Option<String>,
    },
}

const ACCEPT: &str = "application/rss+xml, application/atom+xml, application/feed+json, \
                      application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5";

/// A configured HTTP client, shared by the fetching threads.
pub struct Client {
    agent: ureq::Agent,
    max_bytes: u64,
    timeout: Duration,
    max_redirects: u32,
}

impl Client {
    pub fn new(config: &HttpConfig) -> Client {
        let mut builder = ureq::Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .max_redirects(config.max_redirects)
            .max_redirects_will_error(true)
            .http_status_as_error(false)
            .user_agent(concat!(
                "crossread/",
                env!("CARGO_PKG_VERSION"),
                " (feed reader)"
            ));
        if !config.env_proxy {
            builder = builder.proxy(None);
        }
        Client {
            agent: builder.build().into(),
            max_bytes: config.max_bytes,
            timeout: config.timeout,
            max_redirects: config.max_redirects,
        }
    }

    /// GETs `url` (already validated as http/https), conditionally when validators are given.
    pub fn get(&self, url: &str, validators: Validators<'_>) -> Result<Response, FetchFailure> {
        let mut bytes = Vec::new();
        Ok(match self.get_into(url, validators, &mut bytes)? {
            Response::NotModified => Response::NotModified,
            Response::Body {
                etag,
                last_modified,
                ..
            } => Response::Body {
                bytes,
                etag,
                last_modified,
            },
        })
    }

    /// Like [`Self::get`], streaming the body into `out` (a file, for a large feed); the
    /// response carries the body's length.
    pub fn get_into(
        &self,
        url: &str,
        validators: Validators<'_>,
        out: &mut dyn io::Write,
    ) -> Result<Response<u64>, FetchFailure> {
        let mut request = self.agent.get(url).header("Accept", ACCEPT);
        if let Some(etag) = validators.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = validators.last_modified {
            request = request.header("If-Modified-Since", date);
        }
        let https = url
            .get(..8)
            .is_some_and(|s| s.eq_ignore_ascii_case("https://"));
        let mut response = request.call().map_err(|err| self.failure(err, https))?;
        let status = response.status();
        if status.as_u16() == 304 {
            return Ok(Response::NotModified);
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        if !status.is_success() {
            let reason = match status.canonical_reason() {
                Some(text) => format!("HTTP {} {text}", status.as_u16()),
                None => format!("HTTP {}", status.as_u16()),
            };
            let reason = if status.is_redirection() {
                format!("{reason} (redirect without a usable Location)")
            } else {
                reason
            };
            let mut failure = FetchFailure::new(FailureKind::Http, reason);
            if matches!(status.as_u16(), 429 | 503) {
                failure.retry_at =
                    header("retry-after").and_then(|value| retry_time(&value, SystemTime::now()));
                if let Some(at) = failure.retry_at {
                    failure.reason = format!(
                        "{}; the server asks to wait until {}",
                        failure.reason,
                        describe_time(at)
                    );
                }
            }
            return Err(failure);
        }
        let etag = header("etag");
        let last_modified = header("last-modified");
        let declared = header("content-length").and_then(|v| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|len| len > self.max_bytes) {
            return Err(too_large(self.max_bytes));
        }
        let mut body = response
            .body_mut()
            .with_config()
            .limit(self.max_bytes)
            .reader();
        let mut out = Tracked { out, failed: false };
        let length = io::copy(&mut body, &mut out).map_err(|err| {
            if out.failed {
                return FetchFailure::new(
                    FailureKind::Local,
                    format!(
                        "cannot save the download: {}",
                        crate::ingest::describe_io_error(&err)
                    ),
                );
            }
            match ureq::Error::from(err) {
                ureq::Error::BodyExceedsLimit(_) => too_large(self.max_bytes),
                other => self.failure(other, https),
            }
        })?;
        Ok(Response::Body {
            bytes: length,
            etag,
            last_modified,
        })
    }
}

/// When a `Retry-After` value (seconds, or an HTTP date) asks to be tried again, from `now`.
pub fn retry_time(value: &str, now: SystemTime) -> Option<SystemTime> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(now + Duration::from_secs(seconds.min(365 * 24 * 3600)));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let seconds = u64::try_from(date.timestamp()).ok()?;
    Some((SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)).max(now))
}

/// A moment as the user reads it: UTC date and time.
pub fn describe_time(at: SystemTime) -> String {
    let utc: chrono::DateTime<chrono::Utc> = at.into();
    utc.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

/// A writer that remembers whether writing failed (as opposed to reading the response).
struct Tracked<'a> {
    out: &'a mut dyn io::Write,
    failed: bool,
}

impl io::Write for Tracked<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.out.write(bytes).inspect_err(|_| self.failed = true)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush().inspect_err(|_| self.failed = true)
    }
}

impl Client {
    /// [`classify`], with the limits this client enforces named in the reason.
    fn failure(&self, err: ureq::Error, https: bool) -> FetchFailure {
        let mut failure = classify(err, https);
        match failure.kind {
            FailureKind::Timeout => {
                failure.reason = format!(
                    "no complete response within {} s ({})",
                    self.timeout.as_secs_f32(),
                    failure.reason
                );
            }
            FailureKind::Http if failure.reason == "too many redirects" => {
                failure.reason = format!("more than {} redirects", self.max_redirects);
            }
            _ => {}
        }
        failure
    }
}

fn too_large(limit: u64) -> FetchFailure {
    FetchFailure::new(
        FailureKind::TooLarge,
        format!(
            "response is over the {} limit (raise it with `crossread fetch --max-size MB`)",
            human_bytes(limit)
        ),
    )
}

pub fn human_bytes(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{} MB", bytes / (1024 * 1024))
    } else if bytes >= 1024 {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// Sorts a ureq error into a [`FailureKind`] with a short reason. `https` tells whether the
/// request used TLS: rustls reports handshake failures as I/O errors of kind `InvalidData`.
pub fn classify(err: ureq::Error, https: bool) -> FetchFailure {
    use FailureKind as K;
    let (kind, reason) = match err {
        ureq::Error::HostNotFound => (K::Dns, "host not found (DNS lookup failed)".to_string()),
        ureq::Error::Timeout(which) => (K::Timeout, format!("timed out ({which})")),
        ureq::Error::Tls(msg) => (K::Tls, msg.to_string()),
        ureq::Error::Rustls(err) => (K::Tls, format!("TLS handshake failed: {err}")),
        ureq::Error::Pem(_) | ureq::Error::TlsRequired => (K::Tls, err.to_string()),
        ureq::Error::ConnectionFailed => (K::Connect, "connection failed".to_string()),
        ureq::Error::Io(io) => classify_io(&io, https),
        ureq::Error::StatusCode(code) => (K::Http, format!("HTTP {code}")),
        ureq::Error::TooManyRedirects => (K::Http, "too many redirects".to_string()),
        ureq::Error::RedirectFailed => (K::Http, "redirect failed".to_string()),
        ureq::Error::BodyExceedsLimit(_) | ureq::Error::LargeResponseHeader(..) => {
            (K::TooLarge, err.to_string())
        }
        ureq::Error::Decompress(..) => (K::Parse, err.to_string()),
        ureq::Error::Protocol(_) | ureq::Error::Http(_) | ureq::Error::BadUri(_) => {
            (K::Http, format!("bad HTTP exchange ({err})"))
        }
        other => (K::Connect, other.to_string()),
    };
    FetchFailure::new(kind, crate::text::sanitize(&reason))
}

fn classify_io(err: &io::Error, https: bool) -> (FailureKind, String) {
    let text = err.to_string();
    let lower = text.to_ascii_lowercase();
    let kind = match err.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => FailureKind::Timeout,
        io::ErrorKind::InvalidData if https => FailureKind::Tls,
        _ if lower.contains("certificate") || lower.contains("tls") => FailureKind::Tls,
        _ if lower.contains("failed to lookup") || lower.contains("name or service") => {
            FailureKind::Dns
        }
        _ => FailureKind::Connect,
    };
    let reason = match err.kind() {
        _ if kind == FailureKind::Tls => format!("TLS handshake failed: {text}"),
        io::ErrorKind::ConnectionRefused => "connection refused".to_string(),
        io::ErrorKind::ConnectionReset => "connection reset by the server".to_string(),
        io::ErrorKind::UnexpectedEof => "the server closed the connection early".to_string(),
        _ => text,
    };
    (kind, reason)
}

//! Which feed a fetching thread takes next: politeness towards each server.
//!
//! Feeds are started in subscription order, but never more than [`Schedule::per_host`] at a
//! time from one host (the threads take other hosts' feeds meanwhile), and a feed whose
//! server asked to be tried again later (429 or 503 with `Retry-After`) waits in a list of
//! retries until its time, without holding a thread.

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The feeds of one fetch run, shared by its threads.
pub struct Schedule {
    queue: Mutex<Queue>,
    changed: Condvar,
    /// Host of each feed (scheme-less authority, lower case).
    hosts: Vec<String>,
    per_host: usize,
}

struct Queue {
    /// Feeds not started yet, in subscription order.
    waiting: VecDeque<usize>,
    /// Feeds to try again, and from when.
    later: Vec<(Instant, usize)>,
    /// Requests running per host.
    busy: HashMap<String, usize>,
    running: usize,
    /// Requests started per feed.
    attempts: Vec<u32>,
    stopped: bool,
}

impl Schedule {
    /// A schedule of the feeds at `urls` in `order` (indices into `urls`), at most `per_host`
    /// at once per host.
    pub fn new(urls: &[String], order: Vec<usize>, per_host: usize) -> Schedule {
        Schedule {
            queue: Mutex::new(Queue {
                waiting: order.into(),
                later: Vec::new(),
                busy: HashMap::new(),
                running: 0,
                attempts: vec![0; urls.len()],
                stopped: false,
            }),
            changed: Condvar::new(),
            hosts: urls.iter().map(|url| host_of(url)).collect(),
            per_host: per_host.max(1),
        }
    }

    /// The next feed to request: a retry that is due, else the first feed not started, whose
    /// host has a free slot. Waits while none can start but some may still (a running request
    /// may free a slot or ask for a retry); None when everything is done or the run stopped.
    pub fn next(&self) -> Option<usize> {
        let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if queue.stopped {
                return None;
            }
            let now = Instant::now();
            let free = |queue: &Queue, feed: usize| {
                queue.busy.get(&self.hosts[feed]).copied().unwrap_or(0) < self.per_host
            };
            let due = queue
                .later
                .iter()
                .position(|&(at, feed)| at <= now && free(&queue, feed))
                .map(|at| queue.later.remove(at).1);
            let pick = due.or_else(|| {
                let at = queue.waiting.iter().position(|&feed| free(&queue, feed))?;
                queue.waiting.remove(at)
            });
            if let Some(feed) = pick {
                *queue.busy.entry(self.hosts[feed].clone()).or_default() += 1;
                queue.running += 1;
                queue.attempts[feed] += 1;
                return Some(feed);
            }
            if queue.waiting.is_empty() && queue.later.is_empty() && queue.running == 0 {
                return None;
            }
            let until_retry = queue
                .later
                .iter()
                .map(|&(at, _)| at.saturating_duration_since(now))
                .min();
            queue = match until_retry {
                Some(wait) => {
                    let wait = wait.max(Duration::from_millis(1));
                    self.changed
                        .wait_timeout(queue, wait)
                        .unwrap_or_else(PoisonError::into_inner)
                        .0
                }
                None => self
                    .changed
                    .wait(queue)
                    .unwrap_or_else(PoisonError::into_inner),
            };
        }
    }

    /// How many requests were started for `feed`.
    pub fn attempts(&self, feed: usize) -> u32 {
        let queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
        queue.attempts[feed]
    }

    /// A request for `feed` ended; `retry_at` puts the feed back to be tried again then.
    pub fn finish(&self, feed: usize, retry_at: Option<Instant>) {
        let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(busy) = queue.busy.get_mut(&self.hosts[feed]) {
            *busy = busy.saturating_sub(1);
        }
        queue.running = queue.running.saturating_sub(1);
        if let Some(at) = retry_at {
            queue.later.push((at, feed));
        }
        drop(queue);
        self.changed.notify_all();
    }

    /// Starts nothing more (the run failed).
    pub fn stop(&self) {
        let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
        queue.stopped = true;
        drop(queue);
        self.changed.notify_all();
    }
}

/// The host (and port) of a URL, lower case, without user info: what per-host limits count.
pub fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    host.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_ignore_case_paths_and_user_info() {
        assert_eq!(
            host_of("https://News.example.com/rss?x=1"),
            "news.example.com"
        );
        assert_eq!(
            host_of("http://user:pw@example.com:8080/a"),
            "example.com:8080"
        );
        assert_eq!(host_of("http://example.com"), "example.com");
    }

    #[test]
    fn one_host_gets_at_most_its_share_and_retries_wait_their_turn() {
        let urls: Vec<String> = ["http://a/1", "http://a/2", "http://a/3", "http://b/1"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let schedule = Schedule::new(&urls, vec![0, 1, 2, 3], 2);
        assert_eq!(schedule.next(), Some(0));
        assert_eq!(schedule.next(), Some(1));
        // Host a is full: b's feed goes first.
        assert_eq!(schedule.next(), Some(3));
        schedule.finish(0, Some(Instant::now() + Duration::from_millis(150)));
        let started = Instant::now();
        assert_eq!(schedule.next(), Some(2), "a slot of host a is free again");
        schedule.finish(1, None);
        schedule.finish(3, None);
        assert_eq!(schedule.next(), Some(0), "the retry, once due");
        assert!(started.elapsed() >= Duration::from_millis(140));
        assert_eq!(schedule.attempts(0), 2);
        schedule.finish(2, None);
        schedule.finish(0, None);
        assert_eq!(schedule.next(), None);
    }
}

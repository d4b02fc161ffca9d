//! Printing helpers: colour only when stdout is a terminal, and closed pipes end quietly.

use std::io::{self, IsTerminal, Write};

/// Whether an error chain bottoms out in a broken pipe (`crossread list | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// A locked, buffered stdout that knows whether it may use colour.
pub struct Out {
    pub colour: bool,
    inner: io::BufWriter<io::StdoutLock<'static>>,
}

impl Out {
    pub fn new() -> Out {
        let stdout = io::stdout();
        Out {
            colour: stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
            inner: io::BufWriter::new(stdout.lock()),
        }
    }

    /// Text with the given byte ranges in bold yellow (or plain without colour).
    pub fn highlighted(&self, text: &str, ranges: &[[usize; 2]]) -> String {
        if !self.colour {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len() + ranges.len() * 12);
        let mut at = 0;
        for &[start, end] in ranges {
            if start < at
                || end > text.len()
                || !text.is_char_boundary(start)
                || !text.is_char_boundary(end)
            {
                continue;
            }
            out.push_str(&text[at..start]);
            out.push_str("\x1b[1;33m");
            out.push_str(&text[start..end]);
            out.push_str("\x1b[0m");
            at = end;
        }
        out.push_str(&text[at..]);
        out
    }

    pub fn bold(&self, text: &str) -> String {
        if self.colour {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn dim(&self, text: &str) -> String {
        if self.colour {
            format!("\x1b[2m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn json<T: serde::Serialize>(&mut self, value: &T) -> anyhow::Result<()> {
        serde_json::to_writer_pretty(&mut self.inner, value)?;
        writeln!(self.inner)?;
        Ok(())
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

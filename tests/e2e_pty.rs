//! End to end: the real binary in a pseudo-terminal, driven by key presses, with the screen
//! read back through a VT100 emulator at each step.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(library: &std::path::Path) -> Session {
        Session::start_sized(library, 36, 130)
    }

    fn start_sized(library: &std::path::Path, rows: u16, cols: u16) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_crossread"));
        command.env("CROSSREAD_LIBRARY", library);
        command.env("TERM", "xterm-256color");
        command.env("XDG_CONFIG_HOME", library.join("config-home"));
        let child = pty.slave.spawn_command(command).expect("start crossread");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let sink = Arc::clone(&screen);
        std::thread::spawn(move || {
            let _master = pty.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        Session {
            screen,
            writer,
            child,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let contents = self.contents();
            if contents.contains(needle) {
                return contents;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {needle:?}; screen:\n{contents}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }
}

#[test]
fn open_follow_a_link_go_back_search_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path());
    s.wait_for("Articles (5)");
    s.wait_for("sample corpus");

    // Into the article, to the next sentence other sources share.
    s.send("\t");
    s.send("]");
    let screen = s.wait_for("Also reported by");
    let title_before = screen.lines().next().unwrap_or("").to_string();

    // Enter: jump to the other source; the side panel still shows the claim.
    s.send("\r");
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.contents().lines().next().unwrap_or("") == title_before {
        assert!(Instant::now() < deadline, "jump did not change the article");
        std::thread::sleep(Duration::from_millis(50));
    }
    s.wait_for("Also reported by");

    // Ctrl-O: back where we were.
    s.send("\x0f");
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.contents().lines().next().unwrap_or("") != title_before {
        assert!(
            Instant::now() < deadline,
            "back did not return:\n{}",
            s.contents()
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    // Search with live results, open the first hit.
    s.send("/");
    s.send("Trainium");
    s.wait_for("/Trainium");
    s.send("\r");
    s.wait_for("sentence ");

    // Help, then quit; the terminal leaves the alternate screen.
    s.send("?");
    s.wait_for("Keys");
    s.send("\x1b");
    s.send("q");
    s.wait_for_exit();
}

impl Session {
    fn wait_for_exit(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "exit status {status:?}");
                break;
            }
            assert!(Instant::now() < deadline, "crossread did not quit");
            std::thread::sleep(Duration::from_millis(50));
        }
        std::thread::sleep(Duration::from_millis(200));
        assert!(
            !self.screen.lock().unwrap().screen().alternate_screen(),
            "terminal not restored"
        );
    }
}

#[test]
fn help_shows_the_quit_key_at_160x45_and_q_quits_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start_sized(dir.path(), 45, 160);
    s.wait_for("Articles (5)");
    s.send("?");
    let screen = s.wait_for("Keys");
    assert!(screen.contains("quit crossread"), "{screen}");
    // End (ESC [ F) changes nothing when everything fits; the quit key stays in view.
    s.send("\x1b[F");
    let screen = s.wait_for("quit crossread");
    assert!(screen.contains("q: quit"), "{screen}");
    s.send("q");
    s.wait_for_exit();
}

#[test]
fn sigterm_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path());
    s.wait_for("Articles (5)");
    let pid = s.child.process_id().expect("pid");
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "crossread ignored SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(200));
    assert!(!s.screen.lock().unwrap().screen().alternate_screen());
    s.send("");
}

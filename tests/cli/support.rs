//! A temporary home for one test: data dir, decks, a fixed clock and seed.
use std::{
    fs,
    io::Write,
    path::{Path, PathBuf},
    process::{Command, Output, Stdio},
};

use tempfile::TempDir;

pub const NOW: &str = "2026-11-21T10:00:00Z";

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_recall")
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The Python of the reference peers' venv (`../shared/peers/setup-peers.sh`).
/// Without it the caller skips, saying so, unless `RECALL_REQUIRE_PEERS` is set (CI).
pub fn peers_python() -> Option<PathBuf> {
    let venv = std::env::var("PEERS_VENV").unwrap_or_else(|_| "/tmp/peers-venv".into());
    let py = PathBuf::from(venv).join("bin/python");
    if py.exists() {
        return Some(py);
    }
    let how = "run `bash ../shared/peers/setup-peers.sh` (.ci/run does)";
    if std::env::var_os("RECALL_REQUIRE_PEERS").is_some() {
        panic!("RECALL_REQUIRE_PEERS is set but there is no peers venv at {py:?}; {how}");
    }
    eprintln!("skipped: no peers venv; {how}");
    None
}

pub fn peers_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/peers")
}

/// Compares with a file in tests/snapshots; `RECALL_BLESS=1` rewrites it.
#[track_caller]
pub fn snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("RECALL_BLESS").is_some() {
        fs::write(&path, actual).unwrap();
    }
    let expected = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "{name} differs (RECALL_BLESS=1 rewrites it):\n--- expected\n{expected}\n--- actual\n{actual}"
    );
}

pub struct Env {
    pub dir: TempDir,
    pub now: String,
}

impl Env {
    /// Progress in a fresh folder, the fixture decks, user `ana` on device `laptop`.
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
            now: NOW.to_owned(),
        }
    }

    pub fn at(mut self, now: &str) -> Self {
        self.now = now.to_owned();
        self
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn user_dir(&self) -> PathBuf {
        self.data().join("ana")
    }

    /// The machine's cache folder.
    pub fn cache_dir(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    pub fn log_path(&self) -> PathBuf {
        self.user_dir().join("log-laptop.tsv")
    }

    /// Writes this device's log: the header, then `lines` (tab-separated records).
    pub fn write_log(&self, lines: &str) {
        fs::create_dir_all(self.user_dir()).unwrap();
        fs::write(
            self.log_path(),
            format!("# recall review log v1: time, card, entry, seconds, answer\n{lines}"),
        )
        .unwrap();
    }

    pub fn write_settings(&self, text: &str) {
        fs::create_dir_all(self.user_dir()).unwrap();
        fs::write(self.user_dir().join("settings.toml"), text).unwrap();
    }

    pub fn log(&self) -> String {
        fs::read_to_string(self.log_path()).unwrap_or_default()
    }

    /// The log's records, without the header.
    pub fn records(&self) -> Vec<Vec<String>> {
        self.log()
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|l| l.split('\t').map(str::to_owned).collect())
            .collect()
    }

    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(bin());
        cmd.args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("RECALL_DATA_DIR", self.data())
            .env("RECALL_CACHE_DIR", self.cache_dir())
            .env("RECALL_USER", "ana")
            .env("RECALL_DEVICE", "laptop")
            .env("RECALL_DECKS", fixtures().join("decks"))
            .env("RECALL_NOW", &self.now)
            .env("RECALL_SEED", "7")
            .env("TZ", "UTC")
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    /// Runs to the end with `stdin` piped in.
    pub fn run(&self, args: &[&str], stdin: &str) -> Run {
        run(self.cmd(args), stdin)
    }
}

pub fn run(cmd: Command, stdin: &str) -> Run {
    run_bytes(cmd, stdin.as_bytes())
}

/// [`run`] with input that need not be text.
pub fn run_bytes(mut cmd: Command, stdin: &[u8]) -> Run {
    let mut child = cmd.spawn().expect("spawn recall");
    let mut pipe = child.stdin.take().expect("stdin");
    let stdin = stdin.to_vec();
    // Written from a thread, so that a large input cannot fill the pipe while the program's
    // output fills the other; the program may stop reading early, which is not a failure.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&stdin);
    });
    let output = child.wait_with_output().expect("wait for recall");
    let _ = writer.join();
    Run(output)
}

pub struct Run(pub Output);

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }

    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }

    #[track_caller]
    pub fn success(&self) -> &Self {
        assert_eq!(
            self.code(),
            0,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }
}

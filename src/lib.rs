//! `recall`: a flashcard and quiz trainer for history, scheduled with FSRS.
//!
//! The binary parses arguments and calls [`run`]; everything else lives here.
//!
//! Output goes through `out!`, `outln!`, `eout!` and `eoutln!`: a reader that went
//! away ends the command quietly, output that cannot be written is exit code 3, and a
//! stderr that cannot be written is no panic.
#![deny(clippy::print_stdout, clippy::print_stderr)]

/// `print!` for the commands' output: when nobody reads it any more (`recall progress | head`)
/// the command ends quietly instead of panicking as `print!` does.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = write!(std::io::stdout().lock(), $($arg)*) {
            $crate::output_failed(e);
        }
    }};
}

/// `println!` as [`out!`] does it.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            $crate::output_failed(e);
        }
    }};
}

/// `eprint!` that never panics: what cannot be written to stderr (`2>/dev/full`) is dropped,
/// as there is nowhere left to say so.
macro_rules! eout {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr().lock(), $($arg)*);
    }};
}

/// `eprintln!` as [`eout!`] does it.
macro_rules! eoutln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}
pub mod answer;
pub mod card;
pub mod cli;
pub mod cloze;
mod cmd;
pub mod date;
pub mod deck;
pub mod error;
pub mod files;
pub mod generate;
pub mod grade;
pub mod interop;
pub mod lint;
pub mod number;
pub mod office;
pub mod optimizer;
pub mod output;
pub mod progress;
pub mod prompt;
pub mod quiz;
pub mod schedule;
pub mod session;
pub mod show;
pub mod stats;

use std::process::ExitCode;

use chrono::{DateTime, FixedOffset, Local};

use crate::error::{Error, Result};

/// Runs a parsed command line and renders any error; returns the exit code.
pub fn run(cli: cli::Cli) -> ExitCode {
    // Past a file-size limit (`ulimit -f`) a write fails, to be reported (exit code 3, the
    // half-written line taken back), instead of the signal killing recall silently.
    #[cfg(unix)]
    let _ = signal_hook::flag::register(
        signal_hook::consts::SIGXFSZ,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    );
    colour_from_env();
    let code = match cmd::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eoutln!("{e}");
            ExitCode::from(e.exit_code())
        }
    };
    // What is still buffered: its failure is the output's too.
    if let Err(e) = std::io::Write::flush(&mut std::io::stdout()) {
        output_failed(e);
    }
    code
}

/// `NO_COLOR` turns colour off only when it is set and not empty (no-color.org); the
/// terminal library also takes an empty one for "off".
fn colour_from_env() {
    use std::io::IsTerminal;
    if std::env::var_os("NO_COLOR").is_some_and(|v| v.is_empty()) {
        let var = |name: &str| std::env::var(name).ok();
        let on = |tty: bool| {
            (tty && var("TERM").as_deref() != Some("dumb")
                && var("CLICOLOR").as_deref() != Some("0"))
                || var("CLICOLOR_FORCE").is_some_and(|v| v != "0")
        };
        console::set_colors_enabled(on(std::io::stdout().is_terminal()));
        console::set_colors_enabled_stderr(on(std::io::stderr().is_terminal()));
    }
}

/// Ends the program when its output cannot be written: quietly (exit 0) when the reader went
/// away, as `head` does; with exit code 3 otherwise (a full disk behind a redirection).
#[doc(hidden)]
pub fn output_failed(e: std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eoutln!("error: could not write the output: {e}");
    std::process::exit(3);
}

/// The clock, fixed by `RECALL_NOW` (RFC 3339) for reproducible sessions.
#[derive(Clone, Copy, Debug)]
pub struct Clock {
    fixed: Option<DateTime<FixedOffset>>,
}

impl Clock {
    pub fn from_env() -> Result<Self> {
        let fixed = match std::env::var("RECALL_NOW") {
            Ok(s) if !s.is_empty() => Some(DateTime::parse_from_rfc3339(&s).map_err(|e| {
                Error::Usage(format!(
                    "RECALL_NOW `{s}` is not an RFC 3339 time ({e}), e.g. 2026-11-21T09:00:00+01:00"
                ))
            })?),
            _ => None,
        };
        Ok(Self { fixed })
    }

    pub fn now(&self) -> DateTime<FixedOffset> {
        self.fixed.unwrap_or_else(|| Local::now().fixed_offset())
    }
}

/// The shuffle's seed: `RECALL_SEED`, else the time.
pub fn seed_from_env() -> Result<u64> {
    match std::env::var("RECALL_SEED") {
        Ok(s) if !s.is_empty() => s
            .parse()
            .map_err(|_| Error::Usage(format!("RECALL_SEED `{s}` is not a whole number"))),
        _ => Ok(Local::now().timestamp_nanos_opt().unwrap_or_default() as u64),
    }
}

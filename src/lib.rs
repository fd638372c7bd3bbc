//! `recall`: a flashcard and quiz trainer for history, scheduled with FSRS.
//!
//! The binary parses arguments and calls [`run`]; everything else lives here.

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
pub mod answer;
pub mod card;
pub mod cli;
mod cmd;
pub mod date;
pub mod deck;
pub mod error;
pub mod files;
pub mod generate;
pub mod grade;
pub mod interop;
pub mod office;
pub mod optimizer;
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
    match cmd::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(e.exit_code())
        }
    }
}

/// Ends the program when its output cannot be written: quietly (exit 0) when the reader went
/// away, as `head` does; with exit code 3 otherwise (a full disk behind a redirection).
#[doc(hidden)]
pub fn output_failed(e: std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("error: could not write the output: {e}");
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

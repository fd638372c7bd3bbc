//! Asking and reading, on a terminal (dialoguer, colour) or through pipes (plain lines).
use std::io::{self, BufRead, IsTerminal, Write};

use console::{Key, Term, style};
use dialoguer::{Input, Select, theme::ColorfulTheme};

use crate::{
    error::{Error, Result},
    grade::Grade,
};

/// What the student did after seeing whether they were right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Followup {
    Keep,
    Regrade(Grade),
    /// Take the answer back and answer again.
    Undo,
    Suspend,
    Quit,
}

pub enum Prompter {
    Terminal(Term),
    Piped(Box<dyn BufRead>),
}

impl Prompter {
    /// A terminal when both stdin and stdout are one, plain lines otherwise.
    pub fn detect() -> Self {
        if io::stdin().is_terminal() && io::stdout().is_terminal() {
            Self::Terminal(Term::stdout())
        } else {
            Self::Piped(Box::new(io::stdin().lock()))
        }
    }

    pub fn is_terminal(&self) -> bool {
        matches!(self, Self::Terminal(_))
    }

    /// Prints a line (no colour codes when piped or `NO_COLOR` is set). Every answer is
    /// saved before it is shown, so output that cannot be written ends the session there:
    /// quietly if the reader went away, with exit code 3 if it is full.
    pub fn say(&self, line: impl std::fmt::Display) {
        outln!("{line}");
    }

    /// Reads a typed answer; `None` at the end of input.
    pub fn answer(&mut self) -> Result<Option<String>> {
        match self {
            Self::Terminal(term) => {
                let read = Input::<String>::with_theme(&ColorfulTheme::default())
                    .with_prompt("answer")
                    .allow_empty(true)
                    .report(false)
                    .interact_text_on(term);
                match read {
                    Ok(text) => Ok(Some(text)),
                    Err(dialoguer::Error::IO(e)) => end_or_error(e),
                }
            }
            Self::Piped(input) => read_line(input),
        }
    }

    /// On a terminal, a menu of `items`; `None` when the student stops. Piped: never called.
    pub fn choose(&mut self, prompt: &str, items: &[String]) -> Result<Option<usize>> {
        let Self::Terminal(term) = self else {
            return Ok(None);
        };
        let picked = Select::with_theme(&ColorfulTheme::default())
            .with_prompt(prompt)
            .items(items)
            .default(0)
            .report(false)
            .interact_on_opt(term);
        match picked {
            Ok(choice) => Ok(choice),
            Err(dialoguer::Error::IO(e)) => end_or_error(e),
        }
    }

    /// Asks for a self-grade. Piped: one line, `1`-`4` or a grade's name.
    pub fn grade(&mut self) -> Result<Option<Result<Grade, String>>> {
        match self {
            Self::Terminal(term) => {
                let items = ["1 again", "2 hard", "3 good", "4 easy"];
                let picked = Select::with_theme(&ColorfulTheme::default())
                    .with_prompt("how well did you recall it?")
                    .items(items)
                    .default(2)
                    .report(false)
                    .interact_on_opt(term);
                match picked {
                    Ok(Some(i)) => Ok(Grade::from_u8(i as u8 + 1).map(Ok)),
                    Ok(None) => Ok(None),
                    Err(dialoguer::Error::IO(e)) => end_or_error(e),
                }
            }
            Self::Piped(input) => Ok(read_line(input)?.map(|line| line.parse::<Grade>())),
        }
    }

    /// On a terminal, waits for Enter or a key that changes the grade. Piped: never reads.
    pub fn followup(&mut self, correct: bool, leech: bool) -> Result<Followup> {
        let Self::Terminal(term) = self else {
            return Ok(Followup::Keep);
        };
        let keys = format!(
            "enter next · {}u undo{} · q quit",
            if correct {
                "h hard · e easy · "
            } else {
                "r I was right · "
            },
            if leech { " · s suspend" } else { "" }
        );
        term.write_line(&style(keys).dim().to_string())
            .map_err(Error::Prompt)?;
        loop {
            let key = match term.read_key() {
                Ok(key) => key,
                Err(e) => return end_or_error::<()>(e).map(|_| Followup::Quit),
            };
            let followup = match key {
                Key::Enter | Key::Char(' ') => Followup::Keep,
                Key::Char('h') if correct => Followup::Regrade(Grade::Hard),
                Key::Char('e') if correct => Followup::Regrade(Grade::Easy),
                // "I was right": the checker missed a correct answer.
                Key::Char('r') if !correct => Followup::Regrade(Grade::Good),
                Key::Char('u') => Followup::Undo,
                Key::Char('s') if leech => Followup::Suspend,
                Key::Char('q') | Key::Escape | Key::CtrlC => Followup::Quit,
                _ => continue,
            };
            term.clear_last_lines(1).map_err(Error::Prompt)?;
            return Ok(followup);
        }
    }
}

/// A piped answer longer than this is cut to it: no answer is that long, and the log keeps
/// what was typed.
pub const MAX_ANSWER_BYTES: usize = 4096;

fn read_line(input: &mut Box<dyn BufRead>) -> Result<Option<String>> {
    if let Err(e) = io::stdout().flush() {
        // Nobody reads the questions any more, or they cannot be written.
        crate::output_failed(e);
    }
    let mut line = Vec::new();
    match input.read_until(b'\n', &mut line) {
        Ok(0) => Ok(None),
        // Bytes that are not UTF-8 make a wrong answer, not a crash.
        Ok(_) => {
            let mut answer = String::from_utf8_lossy(&line)
                .trim_end_matches(['\n', '\r'])
                .to_owned();
            // The whole line is read, so the next one is the next answer; only its start is kept.
            if answer.len() > MAX_ANSWER_BYTES {
                let mut end = MAX_ANSWER_BYTES;
                while !answer.is_char_boundary(end) {
                    end -= 1;
                }
                answer.truncate(end);
            }
            Ok(Some(answer))
        }
        Err(e) => Err(Error::Prompt(e)),
    }
}

fn end_or_error<T>(e: io::Error) -> Result<Option<T>> {
    match e.kind() {
        io::ErrorKind::UnexpectedEof | io::ErrorKind::Interrupted => Ok(None),
        _ => Err(Error::Prompt(e)),
    }
}

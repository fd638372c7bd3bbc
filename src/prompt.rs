//! Asking and reading, on a terminal (menus that take the keys they show, colour) or through
//! pipes (plain lines). Ctrl-C at any prompt ends the session as `q` does, with its summary.
use std::{
    io::{self, BufRead, IsTerminal, Write},
    sync::{Mutex, MutexGuard},
};

use console::{Key, Term, measure_text_width, style};
use dialoguer::{Input, theme::ColorfulTheme};

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

/// The keys offered after an answer.
#[derive(Clone, Copy, Debug, Default)]
pub struct Offer {
    /// The answer was right: `h` and `e` change its grade; else `r` says it was right.
    pub correct: bool,
    /// The card is a leech: `s` suspends it.
    pub leech: bool,
    /// The grade cannot go above Hard (the answer was shown before): no `e`, no `h`.
    pub capped: bool,
}

impl Offer {
    fn keys(&self) -> Vec<(char, &'static str, Followup)> {
        let mut keys = Vec::new();
        if self.correct && !self.capped {
            keys.push(('h', "hard", Followup::Regrade(Grade::Hard)));
            keys.push(('e', "easy", Followup::Regrade(Grade::Easy)));
        }
        if !self.correct {
            // "I was right": the checker missed a correct answer.
            keys.push(('r', "I was right", Followup::Regrade(Grade::Good)));
        }
        keys.push(('u', "undo", Followup::Undo));
        if self.leech {
            keys.push(('s', "suspend", Followup::Suspend));
        }
        keys.push(('q', "quit", Followup::Quit));
        keys
    }
}

/// One entry of a menu: what it shows, and the keys that pick it at once.
#[derive(Clone, Debug)]
pub struct Item {
    pub label: String,
    pub keys: Vec<char>,
}

impl Item {
    pub fn new(label: impl Into<String>, keys: &[char]) -> Self {
        Self {
            label: label.into(),
            keys: keys.to_vec(),
        }
    }
}

pub enum Prompter {
    Terminal(Term),
    Piped(Lines),
}

/// Piped input, one line at a time.
pub struct Lines(Box<dyn BufRead>);

impl Lines {
    pub fn new(input: Box<dyn BufRead>) -> Self {
        Self(input)
    }

    fn next(&mut self) -> Result<Option<String>> {
        read_line(&mut self.0)
    }
}

impl Prompter {
    /// A terminal when both stdin and stdout are one, plain lines otherwise.
    pub fn detect() -> Self {
        if io::stdin().is_terminal() && io::stdout().is_terminal() {
            Self::Terminal(Term::stdout())
        } else {
            Self::Piped(Lines::new(Box::new(io::stdin().lock())))
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
            Self::Piped(lines) => lines.next(),
        }
    }

    /// On a terminal, a menu of `items` that takes their keys, the arrows and Enter; `None`
    /// when the student stops (Esc, or `q` where no item takes it). Piped: never called.
    pub fn choose(
        &mut self,
        prompt: &str,
        items: &[Item],
        default: usize,
    ) -> Result<Option<usize>> {
        let Self::Terminal(term) = self else {
            return Ok(None);
        };
        menu(term, prompt, items, default)
    }

    /// Waits until the student asks to see the answer: Enter or Space on a terminal, one
    /// line piped. `None` when the student stops.
    pub fn reveal(&mut self) -> Result<Option<()>> {
        let term = match self {
            Self::Terminal(term) => term,
            Self::Piped(lines) => return Ok(lines.next()?.map(|_| ())),
        };
        term.write_line(
            &style("press Enter or Space to show the answer · q quit")
                .dim()
                .to_string(),
        )
        .map_err(Error::Prompt)?;
        loop {
            match read_key(term)? {
                None | Some(Key::Escape | Key::Char('q')) => {
                    term.clear_last_lines(1).map_err(Error::Prompt)?;
                    return Ok(None);
                }
                Some(Key::Enter | Key::Char(' ')) => {
                    term.clear_last_lines(1).map_err(Error::Prompt)?;
                    return Ok(Some(()));
                }
                Some(_) => {}
            }
        }
    }

    /// Asks for a self-grade: a menu taking `1`-`4` on a terminal; piped, one line, `1`-`4`
    /// or a grade's name.
    pub fn grade(&mut self) -> Result<Option<Result<Grade, String>>> {
        match self {
            Self::Terminal(term) => {
                let items: Vec<Item> = Grade::ALL
                    .iter()
                    .map(|g| {
                        let n = char::from(b'0' + g.as_u8());
                        Item::new(format!("{n}) {g}"), &[n])
                    })
                    .collect();
                let picked = menu(term, "how well did you recall it? (1-4)", &items, 2)?;
                Ok(picked.and_then(|i| Grade::from_u8(i as u8 + 1)).map(Ok))
            }
            Self::Piped(lines) => Ok(lines.next()?.map(|line| line.parse::<Grade>())),
        }
    }

    /// After an answer, on a terminal: waits for Enter or one of the keys offered. Piped,
    /// nothing is read here: the line where the next answer would be may be a key
    /// ([`followup_key`]).
    pub fn followup(&mut self, offer: Offer) -> Result<Followup> {
        let keys = offer.keys();
        let Self::Terminal(term) = self else {
            return Ok(Followup::Keep);
        };
        let shown: Vec<String> = std::iter::once("enter next".to_owned())
            .chain(keys.iter().map(|(k, what, _)| format!("{k} {what}")))
            .collect();
        term.write_line(&style(shown.join(" · ")).dim().to_string())
            .map_err(Error::Prompt)?;
        loop {
            let followup = match read_key(term)? {
                None => Followup::Quit,
                Some(Key::Enter | Key::Char(' ')) => Followup::Keep,
                Some(Key::Escape) => Followup::Quit,
                Some(Key::Char(c)) => match keys.iter().find(|(k, _, _)| *k == c) {
                    Some(&(_, _, followup)) => followup,
                    None => continue,
                },
                Some(_) => continue,
            };
            term.clear_last_lines(1).map_err(Error::Prompt)?;
            return Ok(followup);
        }
    }
}

/// A piped line that is just one of the keys `offer` makes (`h`, `e`, `r`, `u`, `s`, `q`).
pub fn followup_key(line: &str, offer: Offer) -> Option<Followup> {
    let line = line.trim().to_lowercase();
    let mut chars = line.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    offer
        .keys()
        .into_iter()
        .find(|(k, _, _)| *k == c)
        .map(|(_, _, followup)| followup)
}

/// Draws `items` under `prompt` with the one chosen marked, and reads keys until one is picked.
fn menu(term: &Term, prompt: &str, items: &[Item], default: usize) -> Result<Option<usize>> {
    let width = usize::from(term.size().1).max(20);
    let rows = |line: &str| measure_text_width(line).max(1).div_ceil(width);
    let mut at = default.min(items.len().saturating_sub(1));
    let takes_q = items.iter().any(|i| i.keys.contains(&'q'));
    let _ = term.hide_cursor();
    let picked = loop {
        let mut lines = vec![format!("{} {}", style("?").yellow(), style(prompt).bold())];
        for (i, item) in items.iter().enumerate() {
            lines.push(if i == at {
                format!("{} {}", style("❯").cyan(), style(&item.label).cyan())
            } else {
                format!("  {}", item.label)
            });
        }
        for line in &lines {
            term.write_line(line).map_err(Error::Prompt)?;
        }
        let key = read_key(term);
        let height = lines.iter().map(|l| rows(l)).sum();
        term.clear_last_lines(height).map_err(Error::Prompt)?;
        match key? {
            None | Some(Key::Escape) => break None,
            Some(Key::Char('q')) if !takes_q => break None,
            Some(Key::Enter | Key::Char(' ')) => break Some(at),
            Some(Key::ArrowUp | Key::ArrowLeft | Key::BackTab) => {
                at = (at + items.len() - 1) % items.len();
            }
            Some(Key::ArrowDown | Key::ArrowRight | Key::Tab) => at = (at + 1) % items.len(),
            Some(Key::Char(c)) => {
                let c = c.to_ascii_lowercase();
                if let Some(i) = items.iter().position(|i| i.keys.contains(&c)) {
                    break Some(i);
                }
            }
            Some(_) => {}
        }
    };
    let _ = term.show_cursor();
    if let Some(i) = picked {
        term.write_line(&format!("{} {}", style(prompt).dim(), items[i].label))
            .map_err(Error::Prompt)?;
    }
    Ok(picked)
}

/// A key from the terminal; `None` at the end of input. Ctrl-C ends the session.
fn read_key(term: &Term) -> Result<Option<Key>> {
    match term.read_key_raw() {
        Ok(Key::CtrlC) => interrupted(),
        Ok(key) => Ok(Some(key)),
        Err(e) => end_or_error(e),
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
        io::ErrorKind::UnexpectedEof => Ok(None),
        // Ctrl-C in a dialoguer prompt (which raises SIGINT as well).
        io::ErrorKind::Interrupted => interrupted(),
        _ => Err(Error::Prompt(e)),
    }
}

type Summary = Box<dyn FnMut() + Send>;

/// What Ctrl-C prints before the program ends; held while an answer is being saved.
static ON_INTERRUPT: Mutex<Option<Summary>> = Mutex::new(None);

fn on_interrupt_lock() -> MutexGuard<'static, Option<Summary>> {
    ON_INTERRUPT.lock().unwrap_or_else(|e| e.into_inner())
}

/// Makes Ctrl-C, at a prompt or between them, end the program through [`interrupted`].
pub fn catch_interrupts() {
    let _ = ctrlc::set_handler(|| {
        interrupted();
    });
}

/// Sets what Ctrl-C prints: the session's summary as it stands.
pub fn on_interrupt(summary: impl FnMut() + Send + 'static) {
    *on_interrupt_lock() = Some(Box::new(summary));
}

/// Holds Ctrl-C off until the guard is dropped (while an answer is written, say).
pub fn hold_interrupts() -> impl Drop {
    on_interrupt_lock()
}

/// Ctrl-C: prints the summary set by [`on_interrupt`] (once, whichever thread gets here first)
/// and ends with exit code 130.
pub fn interrupted() -> ! {
    let mut summary = on_interrupt_lock();
    // The cursor a menu hid comes back: on the terminal, never into a pipe.
    if io::stdout().is_terminal() {
        let _ = Term::stdout().show_cursor();
    }
    let _ = writeln!(io::stdout().lock());
    match summary.as_mut() {
        Some(print) => print(),
        None => eoutln!("interrupted"),
    }
    let _ = io::stdout().flush();
    std::process::exit(130);
}

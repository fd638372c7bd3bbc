//! Every error `recall` can end with, and the one place where they are rendered.
use std::{fmt, io, path::PathBuf};

use crate::show;

/// A problem at a place in a text file: a deck, the settings, a review log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located {
    pub path: String,
    pub line: usize,
    /// 0 when the problem is the whole line (`path:line: message`).
    pub column: usize,
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The offending line, shown under the message with a caret.
    pub snippet: Option<String>,
}

impl Located {
    /// Locates byte `offset` of `text`, 1-based line and column (in characters).
    pub fn at(path: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        let snippet = text[line_start..].lines().next().map(str::to_owned);
        Self {
            path: path.to_owned(),
            line,
            column,
            message: message.into(),
            help: None,
            snippet,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Located {
    /// Every part passes [`show`]: the path and message may quote a file's content.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = show::value(&self.path);
        let message = show::message(&self.message);
        if self.line == 0 {
            write!(f, "{path}: {message}")?;
        } else if self.column == 0 {
            write!(f, "{path}:{}: {message}", self.line)?;
        } else {
            write!(f, "{path}:{}:{}: {message}", self.line, self.column)?;
        }
        if let Some(snippet) = self.snippet.as_ref().filter(|_| self.column > 0) {
            let gutter = self.line.to_string().len();
            let pad = " ".repeat(gutter);
            let (shown, caret) = snippet_around(snippet, self.column);
            let caret_pad = " ".repeat(caret);
            write!(
                f,
                "\n{pad} |\n{} | {shown}\n{pad} | {caret_pad}^",
                self.line
            )?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {}", show::message(help))?;
        }
        Ok(())
    }
}

/// The part of a long line around `column` (1-based, in characters), made safe to show, and
/// the caret's place in it: at most [`show::MAX_VALUE_CHARS`] characters of the line.
fn snippet_around(line: &str, column: usize) -> (String, usize) {
    let at = column.saturating_sub(1);
    let before: String = line.chars().take(at).collect();
    let before = show::line(&before);
    let rest: String = line.chars().skip(at).take(show::MAX_VALUE_CHARS).collect();
    let rest = show::line(&rest);
    let half = show::MAX_VALUE_CHARS / 2;
    let before_chars = before.chars().count();
    let (lead, before) = if before_chars > half {
        (
            "… ",
            before.chars().skip(before_chars - half).collect::<String>(),
        )
    } else {
        ("", before.into_owned())
    };
    let room = show::MAX_VALUE_CHARS - before.chars().count();
    let rest_chars = rest.chars().count();
    let cut_rest = line.chars().count() > at + show::MAX_VALUE_CHARS || rest_chars > room;
    let rest: String = rest.chars().take(room).collect();
    let tail = if cut_rest { " …" } else { "" };
    let caret = lead.chars().count() + before.chars().count();
    (format!("{lead}{before}{rest}{tail}"), caret)
}

/// Why a command failed. Exit codes are documented in README.
#[derive(Debug)]
pub enum Error {
    /// Decks that do not load or do not lint.
    Decks(Vec<Located>),
    /// A bad argument or selection the parser could not catch.
    Usage(String),
    /// The per-user settings file is invalid.
    Settings(Located),
    /// Reading or writing the user's progress failed.
    Storage {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    /// Another session of the same user holds the lock.
    Locked { path: PathBuf },
    /// The lock was taken away while this session ran (a sync tool deleted or replaced it).
    LockLost { path: PathBuf },
    /// A terminal or pipe failed while prompting.
    Prompt(io::Error),
    /// Rows of a file being imported that cannot become cards; nothing was written.
    Import(Vec<Located>),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn storage(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        Self::Storage {
            action,
            path: path.into(),
            source,
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Decks(_) | Self::Import(_) => 1,
            Self::Usage(_) => 2,
            Self::Settings(_) | Self::Storage { .. } | Self::Prompt(_) => 3,
            Self::Locked { .. } | Self::LockLost { .. } => 4,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Decks(problems) => {
                for (i, p) in problems.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "error: {p}")?;
                }
                let n = problems.len();
                write!(
                    f,
                    "\nerror: {n} problem{} in the decks; nothing was studied and no progress was changed",
                    if n == 1 { "" } else { "s" }
                )
            }
            Self::Usage(msg) => write!(f, "error: {}", show::message(msg)),
            Self::Settings(p) => write!(f, "error: {p}"),
            Self::Storage {
                action,
                path,
                source,
            } => write!(
                f,
                "error: could not {action} `{}`: {}",
                show::value(&path.display().to_string()),
                show::message(&source.to_string())
            ),
            Self::Locked { path } => write!(
                f,
                "error: another recall session of this user is running (lock held on `{}`)\n  = help: finish or close that session first; progress is saved after every answer",
                show::value(&path.display().to_string())
            ),
            Self::Prompt(e) => write!(
                f,
                "error: could not read the answer: {}",
                show::message(&e.to_string())
            ),
            Self::LockLost { path } => write!(
                f,
                "error: the progress folder or its lock `{}` was deleted or replaced while this session ran, and could not be taken again; stopped here so that two sessions never write at once\n  = help: every answer before this one is saved; keep `lock` out of what your sync tool syncs",
                show::value(&path.display().to_string())
            ),
            Self::Import(problems) => {
                for p in problems {
                    writeln!(f, "error: {p}")?;
                }
                let n = problems.len();
                write!(
                    f,
                    "error: {n} bad row{} in the file; nothing was written",
                    if n == 1 { "" } else { "s" }
                )
            }
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_line_and_column_with_a_caret() {
        let text = "[deck]\nid = 3\n";
        let p = Located::at("d.toml", text, text.find('3').unwrap(), "bad id").help("quote it");
        assert_eq!((p.line, p.column), (2, 6));
        assert_eq!(
            p.to_string(),
            "d.toml:2:6: bad id\n  |\n2 | id = 3\n  |      ^\n  = help: quote it"
        );
    }

    #[test]
    fn a_long_or_hostile_line_is_shown_cut_and_escaped_around_the_caret() {
        let line = format!("{}\u{1b}]0;x\u{7}{}", "a".repeat(5000), "b".repeat(5000));
        let p = Located::at("log.tsv", &line, 5000, "bad line");
        let shown = p.to_string();
        assert!(
            !shown.chars().any(|c| show::is_unsafe(c) && c != '\n'),
            "{shown}"
        );
        let lines: Vec<&str> = shown.lines().collect();
        assert!(
            lines[2].chars().count() < 2 * show::MAX_VALUE_CHARS,
            "{}",
            lines[2]
        );
        let caret = lines[3].chars().position(|c| c == '^').unwrap();
        let under: String = lines[2].chars().skip(caret).take(6).collect();
        assert_eq!(under, "\\u{1b}");
        assert!(
            lines[2].contains("… a") && lines[2].ends_with("b …"),
            "{}",
            lines[2]
        );
    }

    #[test]
    fn locates_offsets_inside_multibyte_text() {
        let text = "a = \"Chosŏn\"\n";
        let p = Located::at("x", text, text.find('ŏ').unwrap() + 1, "m");
        assert_eq!((p.line, p.column), (1, 10));
    }
}

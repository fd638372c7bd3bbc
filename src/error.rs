//! Every error `recall` can end with, and the one place where they are rendered.
use std::{fmt, io, path::PathBuf};

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
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path, self.message)?;
        } else if self.column == 0 {
            write!(f, "{}:{}: {}", self.path, self.line, self.message)?;
        } else {
            write!(
                f,
                "{}:{}:{}: {}",
                self.path, self.line, self.column, self.message
            )?;
        }
        if let Some(snippet) = self.snippet.as_ref().filter(|_| self.column > 0) {
            let gutter = self.line.to_string().len();
            let pad = " ".repeat(gutter);
            let caret_pad: String = snippet
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(
                f,
                "\n{pad} |\n{} | {snippet}\n{pad} | {caret_pad}^",
                self.line
            )?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
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
            Self::Usage(msg) => write!(f, "error: {msg}"),
            Self::Settings(p) => write!(f, "error: {p}"),
            Self::Storage {
                action,
                path,
                source,
            } => write!(
                f,
                "error: could not {action} `{}`: {source}",
                path.display()
            ),
            Self::Locked { path } => write!(
                f,
                "error: another recall session of this user is running (lock held on `{}`)\n  = help: finish or close that session first; progress is saved after every answer",
                path.display()
            ),
            Self::LockLost { path } => write!(
                f,
                "error: the progress folder or its lock `{}` was deleted or replaced while this session ran, and could not be taken again; stopped here so that two sessions never write at once\n  = help: every answer before this one is saved; keep `lock` out of what your sync tool syncs",
                path.display()
            ),
            Self::Prompt(e) => write!(f, "error: could not read the answer: {e}"),
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
    fn locates_offsets_inside_multibyte_text() {
        let text = "a = \"Chosŏn\"\n";
        let p = Located::at("x", text, text.find('ŏ').unwrap() + 1, "m");
        assert_eq!((p.line, p.column), (1, 10));
    }
}

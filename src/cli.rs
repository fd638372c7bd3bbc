//! The command line. Doc comments here are the `--help` text.
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// A flashcard and quiz trainer for history, scheduled with FSRS.
///
/// Exit codes: 0 success, 1 a deck is invalid, 2 bad usage, 3 progress or
/// settings could not be read or written, 4 another session of the same user
/// is running, 130 interrupted.
#[derive(Debug, Parser)]
#[command(name = "recall", version, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Load the decks in DIR instead of the decks built into recall
    #[arg(long, global = true, env = "RECALL_DECKS", value_name = "DIR")]
    pub decks: Option<PathBuf>,

    /// Whose progress to use [default: the login name]
    #[arg(long, global = true, env = "RECALL_USER", value_name = "NAME")]
    pub user: Option<String>,

    /// Where progress is kept [default: the platform data dir, e.g. ~/.local/share/recall]
    #[arg(long, global = true, env = "RECALL_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Study what is due, then new cards
    Review(ReviewArgs),
    /// Every card you have seen, with its memory state and due date
    Progress(ProgressArgs),
    /// List and check decks
    #[command(subcommand)]
    Decks(DecksCommand),
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Decks to study, by id [default: all]
    #[arg(value_name = "DECK")]
    pub deck_ids: Vec<String>,

    /// Only cards whose fact has this tag (repeat for any of several)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// New cards to introduce today [default: the `new_per_day` setting, 20]
    #[arg(long, value_name = "N")]
    pub new: Option<usize>,

    /// Stop after this many cards
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    /// Show the answer and grade yourself (Again/Hard/Good/Easy) instead of typing it
    #[arg(long)]
    pub self_grade: bool,
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// Decks to show, by id [default: all]
    #[arg(value_name = "DECK")]
    pub deck_ids: Vec<String>,

    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum DecksCommand {
    /// Each deck with its numbers of facts and cards
    List,
    /// Check deck files and report every problem at once
    Lint(LintArgs),
    /// Draft a deck from plain-text history: dated events, agreements, leaders and incidents,
    /// each quoting its sentence
    ///
    /// Reads UTF-8 text (an encyclopedia article, a news report, a chapter; `= Heading =` lines
    /// are sections) and writes a deck ready for `recall decks lint --sources DIR` and review.
    /// Prints on stderr how many facts of each kind it drafted and every date it could not use.
    Generate(GenerateArgs),
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Plain-text files to draft from; each is cited by its id in a README table beside it, else by its file name
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// Write the deck to FILE (replaced whole, never half-written) instead of stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// The deck's id [default: the first file's source id]
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,

    /// The deck's title [default: the first file's first line]
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Deck files or folders [default: the decks in use]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Also check every quote against the cited texts in DIR (`<id>.txt`, or a README table naming each file's id)
    #[arg(long, value_name = "DIR")]
    pub sources: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}

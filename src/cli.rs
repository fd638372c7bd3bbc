//! The command line. Doc comments here are the `--help` text.
use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::{card::QuestionType, date::HistDate};

/// A flashcard and quiz trainer for history, scheduled with FSRS.
///
/// Exit codes: 0 success, 1 a deck is invalid, 2 bad usage, 3 progress or
/// settings could not be read or written, 4 another session of the same user
/// is running, 130 interrupted.
#[derive(Debug, Parser)]
#[command(
    name = "recall",
    version,
    max_term_width = 100,
    after_help = "Guide: docs/README.md (one page per topic)"
)]
pub struct Cli {
    #[command(flatten)]
    pub decks: DecksOpt,

    #[command(flatten)]
    pub user: UserOpts,

    /// Without one, what is due and how to start
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The command line, for completions, the man page and the guide's tests.
pub fn command() -> clap::Command {
    Cli::command()
}

/// Parses the process's arguments, exiting with clap's message and code 2 when they are wrong.
pub fn parse() -> Cli {
    let mut command = command();
    command.build();
    let args = match hoist(std::env::args_os().collect(), &command) {
        Ok(args) => args,
        Err((option, path)) => {
            let mut leaf = &mut command;
            for name in &path {
                leaf = leaf
                    .find_subcommand_mut(name)
                    .expect("hoist found this path");
            }
            let what = match option.as_str() {
                "--decks" => "it reads no decks",
                _ => "it reads and writes no progress",
            };
            let name = leaf.get_bin_name().unwrap_or_default().to_owned();
            leaf.error(
                clap::error::ErrorKind::UnknownArgument,
                format!("`{option}` does nothing for `{name}`: {what}"),
            )
            .exit()
        }
    };
    let matches = command.get_matches_from(args);
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// The options of the bare `recall` that subcommands take too.
const SHARED: [&str; 3] = ["--decks", "--user", "--data-dir"];

/// `recall --user ann review` means `recall review --user ann`: the shared options written
/// before a subcommand move after it, so that each subcommand offers only the options it
/// uses. One the subcommand does not take is returned with the subcommand's path.
fn hoist(
    args: Vec<std::ffi::OsString>,
    root: &clap::Command,
) -> Result<Vec<std::ffi::OsString>, (String, Vec<String>)> {
    let mut moved = Vec::new();
    let mut names = Vec::new();
    let mut rest = Vec::new();
    let mut command = root;
    let mut path = Vec::new();
    let original = args.clone();
    let mut tokens = args.into_iter();
    rest.extend(tokens.next());
    while let Some(token) = tokens.next() {
        let text = token.to_string_lossy().into_owned();
        let (name, joined) = text
            .split_once('=')
            .map_or((&*text, false), |(n, _)| (n, true));
        if SHARED.contains(&name) {
            names.push(name.to_owned());
            moved.push(token);
            if !joined {
                moved.extend(tokens.next());
            }
        } else if let Some(sub) = command.find_subcommand(&text) {
            path.push(sub.get_name().to_owned());
            command = sub;
            rest.push(token);
        } else {
            rest.push(token);
            rest.extend(tokens);
            break;
        }
    }
    // Short of a subcommand that runs (`recall card`), or asking for help, the bare
    // `recall` takes the options, and clap says what is missing or shows the help.
    let help = rest.iter().any(|t| t == "--help" || t == "-h");
    if path.is_empty() || command.has_subcommands() || help {
        return Ok(original);
    }
    let takes =
        |name: &String| (command.get_arguments()).any(|a| a.get_long() == name.strip_prefix("--"));
    if let Some(name) = names.into_iter().find(|n| !takes(n)) {
        return Err((name, path));
    }
    // `rest` is the program, the subcommand's path, then what followed it.
    let tail = rest.split_off(1 + path.len());
    rest.extend(moved);
    rest.extend(tail);
    Ok(rest)
}

/// Where the decks come from.
#[derive(Debug, Clone, Default, Args)]
pub struct DecksOpt {
    /// Load the decks in DIR instead of the decks built into recall
    #[arg(long, env = "RECALL_DECKS", value_name = "DIR")]
    pub decks: Option<PathBuf>,
}

/// Whose progress, and where it is kept.
#[derive(Debug, Clone, Default, Args)]
pub struct UserOpts {
    /// Whose progress to use [default: the login name]
    #[arg(long, env = "RECALL_USER", value_name = "NAME")]
    pub user: Option<String>,

    /// Where progress is kept [default: the platform data dir, e.g. ~/.local/share/recall]
    #[arg(long, env = "RECALL_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
}

/// What a subcommand was told of the decks and the user; what it does not take is left unset.
#[derive(Debug, Clone, Default)]
pub struct Global {
    pub decks: Option<PathBuf>,
    pub user: Option<String>,
    pub data_dir: Option<PathBuf>,
}

impl Global {
    pub fn new(decks: Option<&DecksOpt>, user: Option<&UserOpts>) -> Self {
        let user = user.cloned().unwrap_or_default();
        Global {
            decks: decks.and_then(|d| d.decks.clone()),
            user: user.user,
            data_dir: user.data_dir,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Study what is due, then new cards
    #[command(after_help = "Guide: docs/studying.md")]
    Review(ReviewArgs),
    /// Self-test: a scored exam across the decks, answers revealed at the end
    #[command(after_help = "Guide: docs/exams.md")]
    Exam(ExamArgs),
    /// Every card you have seen, with its memory state and due date
    #[command(after_help = "Guide: docs/progress.md")]
    Progress(ProgressArgs),
    /// How your studying goes: cards by state, retention, a study calendar, what is due
    #[command(after_help = "Guide: docs/stats.md")]
    Stats(StatsArgs),
    /// Fit your own FSRS parameters to your reviews, and use them if they predict better
    #[command(after_help = "Guide: docs/stats.md")]
    Optimize(OptimizeArgs),
    /// List and check decks
    #[command(subcommand)]
    #[command(after_help = "Guide: docs/decks.md")]
    Decks(DecksCommand),
    /// Suspend or unsuspend cards
    #[command(subcommand)]
    #[command(after_help = "Guide: docs/stats.md")]
    Card(CardCommand),
    /// For teachers: the progress of a class
    #[command(subcommand)]
    #[command(after_help = "Guide: docs/class-report.md")]
    Class(ClassCommand),
    /// Print shell completions: `recall completions bash > ~/.local/share/bash-completion/completions/recall`
    #[command(after_help = "Guide: docs/configuration.md")]
    Completions(CompletionsArgs),
    /// Print the man page (roff): `recall man > ~/.local/share/man/man1/recall.1`
    #[command(after_help = "Guide: docs/configuration.md")]
    Man,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Subcommand)]
pub enum ClassCommand {
    /// Each student's reviews and mastery, and the cards the class misses most (read-only)
    #[command(after_help = "Guide: docs/class-report.md")]
    Report(ClassReportArgs),
}

#[derive(Debug, Args)]
pub struct ClassReportArgs {
    /// The folder of the students' progress folders (DIR/<student>/log-*.tsv and settings.toml)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    /// Print CSV for a spreadsheet: the students, a blank line, then the most missed cards
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,

    /// Print JSON
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub decks: DecksOpt,
}

#[derive(Debug, Subcommand)]
pub enum CardCommand {
    /// Leave cards out of reviews until unsuspended (recorded in the log)
    #[command(after_help = "Guide: docs/stats.md")]
    Suspend(CardIds),
    /// Bring suspended cards back
    #[command(after_help = "Guide: docs/stats.md")]
    Unsuspend(CardIds),
}

#[derive(Debug, Args)]
pub struct CardIds {
    /// Card ids (`panmunjom-declaration/when`), or fact ids for all of a fact's cards
    #[arg(value_name = "ID", required = true)]
    pub ids: Vec<String>,

    #[command(flatten)]
    pub decks: DecksOpt,

    #[command(flatten)]
    pub user: UserOpts,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Decks to study, by id [default: all]
    #[arg(value_name = "DECK")]
    pub deck_ids: Vec<String>,

    /// Only cards whose fact has this tag (repeat for any of several)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// Also ask the facts a deck marks `optional = true` (trivia, side notes)
    #[arg(long)]
    pub optional: bool,

    /// New cards to introduce today [default: the `new_per_day` setting, 20]
    #[arg(long, value_name = "N")]
    pub new: Option<usize>,

    /// Stop after this many cards
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    /// Show the answer and grade yourself (Again/Hard/Good/Easy) instead of typing it
    #[arg(long)]
    pub self_grade: bool,

    /// Question types to ask, comma-separated [default: the `question_types` setting: text,date]
    #[arg(long, value_enum, value_delimiter = ',', value_name = "TYPES")]
    pub types: Vec<QuestionType>,

    /// Study for an exam on this day (written as a date answer is: 2026-12-15, 15 December
    /// 2026, Dec 15 2026): learn every new card in time and bring forward what would be
    /// forgotten by then [default: the `exam_date` setting]
    #[arg(long, value_name = "DAY", value_parser = parse_exam_date)]
    pub exam_date: Option<chrono::NaiveDate>,

    #[command(flatten)]
    pub decks: DecksOpt,

    #[command(flatten)]
    pub user: UserOpts,
}

#[derive(Debug, Args)]
pub struct ExamArgs {
    /// Decks to draw from, by id [default: all]
    #[arg(value_name = "DECK")]
    pub deck_ids: Vec<String>,

    /// Number of questions
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub count: usize,

    /// Time limit in minutes; unanswered questions count as wrong
    #[arg(long, value_name = "M")]
    pub minutes: Option<f64>,

    /// Question types, comma-separated [default: all]
    #[arg(long, value_enum, value_delimiter = ',', value_name = "TYPES")]
    pub types: Vec<QuestionType>,

    /// Only facts with this tag (repeat for any of several)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// Also ask the facts a deck marks `optional = true` (trivia, side notes)
    #[arg(long)]
    pub optional: bool,

    /// Only facts dated in or after this year
    #[arg(long, value_name = "YEAR", allow_negative_numbers = true)]
    pub from: Option<i32>,

    /// Only facts dated in or before this year
    #[arg(long, value_name = "YEAR", allow_negative_numbers = true)]
    pub to: Option<i32>,

    /// Seed for picking and shuffling questions [default: RECALL_SEED, else random]
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,

    /// Do not write the answers to your progress log
    #[arg(long)]
    pub no_record: bool,

    /// Also write the report as JSON to FILE (`-` for stdout)
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,

    /// Replace the --json file if it exists
    #[arg(long, requires = "json")]
    pub force: bool,

    #[command(flatten)]
    pub decks: DecksOpt,

    #[command(flatten)]
    pub user: UserOpts,
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    /// Decks to show, by id [default: all]
    #[arg(value_name = "DECK")]
    pub deck_ids: Vec<String>,

    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub decks: DecksOpt,

    #[command(flatten)]
    pub user: UserOpts,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Decks to show, by id [default: all]
    #[arg(value_name = "DECK")]
    pub deck_ids: Vec<String>,

    /// Print JSON instead of text and pictures
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub decks: DecksOpt,

    #[command(flatten)]
    pub user: UserOpts,
}

#[derive(Debug, Args)]
pub struct OptimizeArgs {
    /// Fit and compare, but leave the settings unchanged
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    pub user: UserOpts,
}

#[derive(Debug, Subcommand)]
pub enum DecksCommand {
    /// Each deck with its numbers of facts and cards
    #[command(after_help = "Guide: docs/decks.md")]
    List(ListArgs),
    /// Check deck files and report every problem at once
    #[command(after_help = "Guide: docs/deck-format.md")]
    Lint(LintArgs),
    /// Make decks from an Anki package (.apkg, .colpkg), or a Quizlet, Anki text or CSV export
    #[command(after_help = "Guide: docs/import-export.md")]
    Import(ImportArgs),
    /// Write decks as an Anki package, Anki text or CSV
    #[command(after_help = "Guide: docs/import-export.md")]
    Export(ExportArgs),
    /// Draft a deck from plain-text history: dated events, agreements, leaders and incidents,
    /// each quoting its sentence
    ///
    /// Reads UTF-8 text (an encyclopedia article, a news report, a chapter; `= Heading =` lines
    /// are sections) and writes a deck ready for `recall decks lint --sources DIR` and review.
    /// Prints on stderr how many facts of each kind it drafted and every date it could not use.
    #[command(after_help = "Guide: docs/generate.md")]
    Generate(GenerateArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub decks: DecksOpt,
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Plain-text files to draft from; each is cited by its id in a README table beside it, else by its file name
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// Write the deck to FILE (replaced whole, never half-written) instead of stdout (`-`)
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// The deck's id [default: the first file's source id]
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,

    /// The deck's title [default: the first file's first line]
    #[arg(long, value_name = "T")]
    pub title: Option<String>,

    /// The day the texts were written (2021-07-27, or 2018-01 or 2018 when known only so far):
    /// `last year`, `on Tuesday`, `January 5` count from it [default: the `date of the text`
    /// column of a README table beside each file]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_dated)]
    pub dated: Option<HistDate>,
}

/// A day in any form a typed answer may take; a month or a year alone is not a day.
fn parse_exam_date(s: &str) -> Result<chrono::NaiveDate, String> {
    let date = crate::date::parse_typed_date(s)?;
    if date.precision() != crate::date::Precision::Day {
        return Err(format!(
            "`{}` is not a day: give the day, month and year, e.g. 15 December 2026",
            crate::show::value(s.trim())
        ));
    }
    Ok(date.first_day())
}

fn parse_dated(s: &str) -> Result<HistDate, String> {
    const YEARS: &str = "the year must be 1 to 9999";
    let date = HistDate::parse_canonical(s).map_err(|e| {
        if e == crate::date::OUT_OF_RANGE {
            YEARS.to_owned()
        } else {
            e
        }
    })?;
    if (1..=9999).contains(&date.get_year()) {
        Ok(date)
    } else {
        Err(YEARS.into())
    }
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Deck files or folders [default: the decks in use]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Also check every quote against the cited texts in DIR (`<id>.txt`, or a README table naming each file's id)
    #[arg(long, value_name = "DIR")]
    pub sources: Option<PathBuf>,

    /// Treat every warning as an error (exit 1), as CI does for the shipped decks
    #[arg(long)]
    pub strict: bool,

    #[command(flatten)]
    pub decks: DecksOpt,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to read
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// What the file is [default: guessed from its content, and said on stderr]
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<ImportFormat>,

    /// Between term and definition in a Quizlet export (`---`, `/////`, any text)
    /// [default: found from the rows: tab, comma, `---`, `/////`, …]
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub separator: Option<String>,

    /// Between cards in a Quizlet export, for cards of several lines (`\n` is a line break)
    /// [default: a new line, or the line of punctuation alone between cards]
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub row_separator: Option<String>,

    /// Ask the definition and answer with the term (Quizlet), or the back for the front
    #[arg(long)]
    pub swap: bool,

    /// Write the deck to FILE, or each deck to FOLDER/<id>.toml (an Anki package holds
    /// several), instead of stdout (`-`)
    #[arg(long, value_name = "FILE|FOLDER")]
    pub out: Option<PathBuf>,

    /// Replace --out if it exists
    #[arg(long)]
    pub force: bool,

    /// Keep long answers typed: without it an answer of more than six words becomes a flip
    /// card, shown and graded by the student
    #[arg(long)]
    pub typed: bool,

    /// Also bring an Anki package's review history into your log (once: answers already
    /// there are not added again), so that recall carries on from what you know
    #[arg(long)]
    pub with_progress: bool,

    /// Refuse the whole file when a note or row cannot be a card [default: import the rest,
    /// naming each one left out]
    #[arg(long)]
    pub strict: bool,

    /// The deck's id [default: the file name, as a slug; for several decks, a prefix]
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,

    /// The deck's title [default: the file name]
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    #[command(flatten)]
    pub user: UserOpts,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// Quizlet's export: term, separator, definition; one card a line
    Quizlet,
    /// Anki's "Notes in Plain Text" export, with its `#separator:` header lines
    Anki,
    /// CSV whose header row names `prompt`, `answer` (and `accept`, `tags`, `explain`)
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Decks to export, by id [default: all]
    #[arg(value_name = "DECK")]
    pub deck_ids: Vec<String>,

    /// What to write
    #[arg(long, value_name = "FORMAT")]
    pub format: ExportFormat,

    /// The file to write (`-` for stdout)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,

    /// Replace --out if it exists
    #[arg(long)]
    pub force: bool,

    /// Put your review history and schedule into the .apkg, so Anki carries on from it
    #[arg(long)]
    pub with_progress: bool,

    #[command(flatten)]
    pub decks: DecksOpt,

    #[command(flatten)]
    pub user: UserOpts,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// An Anki package (.apkg): note type "recall" with Front, Back and Source
    Apkg,
    /// Anki's text format, for Anki's Basic note type (File > Import)
    Anki,
    /// CSV: card,deck,prompt,answer,accept,source,quote,tags (reads back with `decks import`)
    Csv,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}

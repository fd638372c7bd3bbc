//! One file per subcommand; this module dispatches and holds what they share.
mod card;
mod class;
mod completions;
mod decks;
mod exam;
mod export;
mod generate;
mod home;
mod import;
mod optimize;
mod progress;
pub(super) mod review;
mod stats;

use std::{collections::HashMap, process::ExitCode};

use crate::{
    card::Collection,
    cli::{CardCommand, ClassCommand, Cli, Command, DecksCommand, Global},
    deck,
    error::{Error, Located, Result},
    progress::{History, Settings, UserDir},
    schedule::{CardState, Scheduler},
};

pub fn run(cli: Cli) -> Result<ExitCode> {
    let Some(command) = cli.command else {
        return home::run(&Global::new(Some(&cli.decks), Some(&cli.user)));
    };
    let both = |decks, user| Global::new(Some(decks), Some(user));
    let decks = |decks| Global::new(Some(decks), None);
    let user = |user| Global::new(None, Some(user));
    match command {
        Command::Review(args) => review::run(&both(&args.decks, &args.user), args),
        Command::Exam(args) => exam::run(&both(&args.decks, &args.user), args),
        Command::Progress(args) => progress::run(&both(&args.decks, &args.user), args),
        Command::Stats(args) => stats::run(&both(&args.decks, &args.user), args),
        Command::Optimize(args) => optimize::run(&user(&args.user), args),
        Command::Decks(DecksCommand::List(args)) => decks::list(&decks(&args.decks)),
        Command::Decks(DecksCommand::Lint(args)) => decks::lint(&decks(&args.decks), args),
        Command::Decks(DecksCommand::Import(args)) => import::run(&user(&args.user), args),
        Command::Decks(DecksCommand::Export(args)) => {
            export::run(&both(&args.decks, &args.user), args)
        }
        Command::Card(CardCommand::Suspend(args)) => {
            card::mark(&both(&args.decks, &args.user), args, true)
        }
        Command::Card(CardCommand::Unsuspend(args)) => {
            card::mark(&both(&args.decks, &args.user), args, false)
        }
        Command::Decks(DecksCommand::Generate(args)) => generate::run(args),
        Command::Class(ClassCommand::Report(args)) => class::report(&decks(&args.decks), args),
        Command::Completions(args) => completions::completions(args),
        Command::Man => completions::man(),
    }
}

/// The decks in use: `--decks DIR`, else those built into the binary.
fn load_collection(global: &Global) -> Result<Collection> {
    let decks = match &global.decks {
        Some(dir) => deck::load_paths(std::slice::from_ref(dir)),
        None => deck::load_bundled(),
    };
    decks.map(Collection::new).map_err(Error::Decks)
}

fn scheduler(settings: &Settings) -> Result<Scheduler> {
    Scheduler::new(settings.schedule_options()).map_err(Error::Usage)
}

/// Reports log lines that could not be read; they stay in the file. A file that is not a log
/// at all (a copy of some other file) would give a warning a line: after the first few of a
/// file, only how many more there are.
fn warn_log(problems: &[Located]) {
    const SHOWN_PER_FILE: usize = 10;
    let mut per_file: Vec<(&str, usize)> = Vec::new();
    for p in problems {
        let seen = match per_file.iter_mut().find(|(path, _)| *path == p.path) {
            Some((_, n)) => n,
            None => {
                per_file.push((&p.path, 0));
                &mut per_file.last_mut().expect("just pushed").1
            }
        };
        *seen += 1;
        if *seen <= SHOWN_PER_FILE {
            eoutln!("warning: {p}");
        }
    }
    for (path, n) in per_file.into_iter().filter(|(_, n)| *n > SHOWN_PER_FILE) {
        eoutln!(
            "warning: {}: {} more lines could not be read; skipped",
            crate::show::value(path),
            n - SHOWN_PER_FILE
        );
    }
}

/// The user's history and the states it gives, with the log's problems reported.
fn read_states(
    user: &UserDir,
    scheduler: &Scheduler,
) -> Result<(History, HashMap<String, CardState>)> {
    let (history, states, problems) = read_progress(user, scheduler)?;
    warn_log(&problems);
    Ok((history, states))
}

/// The user's history, the states it gives, and the log's problems.
type LogRead = (History, HashMap<String, CardState>, Vec<Located>);

fn read_progress(user: &UserDir, scheduler: &Scheduler) -> Result<LogRead> {
    let read = user.read_progress(scheduler)?;
    Ok((read.history, read.states, read.problems))
}

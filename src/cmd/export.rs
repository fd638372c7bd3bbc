//! `recall decks export`: decks for Anki and spreadsheets.
use std::process::ExitCode;

use chrono::{DateTime, Utc};

use super::{load_collection, scheduler, warn_log};
use crate::{
    Clock,
    card::QuestionType,
    cli::{ExportArgs, ExportFormat, Global},
    error::{Error, Result},
    interop::{self, Note, anki_text, apkg, csv},
    progress::{History, UserDir},
};

pub fn run(global: &Global, args: ExportArgs) -> Result<ExitCode> {
    let collection = load_collection(global)?;
    // Anki asks typed questions; choice, order and true/false cards stay in recall.
    let selected = collection.select(
        &args.deck_ids,
        &[],
        &[QuestionType::Text, QuestionType::Date],
    )?;
    if args.with_progress && args.format != ExportFormat::Apkg {
        return Err(Error::Usage(
            "--with-progress needs --format apkg: only an Anki package holds a schedule".into(),
        ));
    }
    let mut notes = interop::notes(&collection, &selected);
    // A changed note takes its deck file's time: the same on every export of the same file.
    let modified: std::collections::HashMap<&str, Option<i64>> = collection
        .decks
        .iter()
        .map(|d| {
            let at = std::fs::metadata(&d.path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .and_then(|d| i64::try_from(d.as_secs()).ok());
            (d.id.as_str(), at)
        })
        .collect();
    for note in &mut notes {
        note.modified = modified.get(note.deck.as_str()).copied().flatten();
    }
    let bytes = match args.format {
        ExportFormat::Anki => anki_text::write(&notes).into_bytes(),
        ExportFormat::Csv => csv::write(&notes).into_bytes(),
        ExportFormat::Apkg => {
            let notes: Vec<Note> = notes
                .iter()
                .cloned()
                .map(Note::without_named_note_type)
                .collect();
            let now = Clock::from_env()?.now().with_timezone(&Utc);
            let progress = match args.with_progress {
                true => Some(progress(global, &notes, now)?),
                false => None,
            };
            apkg::write(&notes, now, progress.as_ref())
                .map_err(|e| Error::storage("write", &args.out, std::io::Error::other(e)))?
        }
    };
    crate::output::write(&args.out, args.force, &bytes)?;
    let decks = {
        let mut ids: Vec<&str> = notes.iter().map(|n| n.deck.as_str()).collect();
        ids.dedup();
        ids.len()
    };
    eoutln!(
        "wrote {} cards of {decks} deck{} to `{}`",
        notes.len(),
        if decks == 1 { "" } else { "s" },
        crate::show::value(&args.out.display().to_string())
    );
    Ok(ExitCode::SUCCESS)
}

/// The user's progress, replayed from their log with their settings.
fn progress(global: &Global, notes: &[Note], now: DateTime<Utc>) -> Result<apkg::Progress> {
    let user = UserDir::resolve(global)?;
    let scheduler = scheduler(&user.settings()?)?;
    let (records, problems) = user.read_log()?;
    warn_log(&problems);
    let answers = records.iter().filter(|r| r.grade().is_some()).count();
    let progress = apkg::Progress::replay(&scheduler, &History::new(records), now);
    let seen = notes
        .iter()
        .filter(|n| progress.cards.contains_key(&n.card))
        .count();
    eoutln!(
        "with the progress of `{}`: {seen} of these cards seen, {} answers in all",
        user.user,
        answers
    );
    Ok(progress)
}

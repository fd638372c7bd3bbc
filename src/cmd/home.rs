//! `recall` alone: what is due today and how to start, instead of a usage error.
use std::process::ExitCode;

use chrono::Utc;
use rand::{SeedableRng, rngs::StdRng};

use super::{
    load_collection, read_states,
    review::{self, Request, Study},
    scheduler,
};
use crate::{Clock, cli::Global, error::Result, progress::UserDir, show};

pub fn run(global: &Global) -> Result<ExitCode> {
    let collection = load_collection(global)?;
    let user = UserDir::resolve(global)?;
    let settings = user.settings()?;
    let scheduler = scheduler(&settings)?;
    let (history, mut states) = read_states(&user, &scheduler)?;
    let now = Clock::from_env()?.now().with_timezone(&Utc);
    let mut selected = collection.select(&[], &[], &settings.question_types)?;
    // As `recall review` without --optional.
    collection.drop_optional(&mut selected);
    let selected: Vec<usize> = selected
        .into_iter()
        .filter(|&i| !history.is_suspended(&collection.cards[i].id))
        .collect();
    // The counts do not depend on the order, so any seed does.
    let plan = review::plan(
        Study {
            collection: &collection,
            history: &history,
            scheduler: &scheduler,
            settings: &settings,
        },
        &selected,
        &mut states,
        now,
        Request {
            exam: settings.exam_day(),
            ..Request::default()
        },
        &mut StdRng::seed_from_u64(0),
    );
    let session = &plan.session;
    let user = show::value(&user.user);
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let decks: Vec<&str> = collection.decks.iter().map(|d| d.id.as_str()).collect();
    let from = format!(
        "{} deck{} ({})",
        decks.len(),
        plural(decks.len()),
        decks.join(", ")
    );
    if session.is_empty() {
        let next = selected
            .iter()
            .filter_map(|&i| states.get(&collection.cards[i].id)?.due)
            .min();
        match next {
            Some(next) => outln!(
                "Studying as `{}`, {from}: nothing is due; the next card is due {}.",
                user,
                next.with_timezone(&chrono::Local)
                    .format("%-d %B %Y at %H:%M")
            ),
            None => outln!(
                "Studying as `{}`, {from}: nothing is due, and no new cards are left today.",
                user
            ),
        }
    } else {
        outln!(
            "Studying as `{}`, {from}: {} card{} due and {} new today.",
            user,
            session.due,
            plural(session.due),
            session.new
        );
    }
    if let Some(note) = &plan.exam_note {
        outln!("{note}");
    }
    if let Some(warning) = &plan.exam_warning {
        outln!("warning: {warning}");
    }
    outln!();
    let unseen = selected
        .iter()
        .any(|&i| !states.contains_key(&collection.cards[i].id));
    let start = if !session.is_empty() {
        "study what is due, then the new cards (type the answers)"
    } else if unseen {
        "nothing now; `--new 10` learns 10 more new cards today"
    } else {
        "nothing now; come back when cards fall due"
    };
    for (command, what) in [
        ("recall review", start),
        (
            "recall review --self-grade",
            "flip cards: see the answer, grade yourself 1-4",
        ),
        (
            "recall exam",
            "a scored self-test, answers revealed at the end",
        ),
        ("recall stats", "how your studying goes"),
        ("recall --help", "every command and option"),
    ] {
        outln!("  {command:<28} {what}");
    }
    Ok(ExitCode::SUCCESS)
}

//! `recall card suspend` and `recall card unsuspend`: recorded in the log, never by rewriting it.
use std::process::ExitCode;

use super::{load_collection, read_states, scheduler};
use crate::{
    Clock,
    cli::{CardIds, Global},
    error::{Error, Result},
    progress::{Entry, Record, UserDir, device_name},
};

pub fn mark(global: &Global, args: CardIds, suspend: bool) -> Result<ExitCode> {
    let collection = load_collection(global)?;
    let mut cards = Vec::new();
    for id in &args.ids {
        let matching: Vec<&str> = match collection.index_of(id) {
            Some(i) => vec![collection.cards[i].id.as_str()],
            None => collection
                .cards
                .iter()
                .filter(|c| c.id.split_once('/').is_some_and(|(fact, _)| fact == id))
                .map(|c| c.id.as_str())
                .collect(),
        };
        if matching.is_empty() {
            return Err(Error::Usage(format!(
                "no card or fact `{id}` in the decks; card ids look like `panmunjom-declaration/when` (see `recall progress`)"
            )));
        }
        cards.extend(matching);
    }
    let user = UserDir::resolve(global)?;
    let scheduler = scheduler(&user.settings()?)?;
    let mut writer = user.open_writer(&device_name())?;
    let (history, _) = read_states(&user, &scheduler)?;
    let now = Clock::from_env()?.now();
    let (entry, verb) = if suspend {
        (Entry::Suspend, "suspended")
    } else {
        (Entry::Unsuspend, "unsuspended")
    };
    let mut changed = 0;
    for card in cards {
        if history.is_suspended(card) == suspend {
            outln!("{card}: already {verb}");
            continue;
        }
        writer.append(&Record::mark(now, card, entry))?;
        outln!("{card}: {verb}");
        changed += 1;
    }
    outln!(
        "{changed} card{} {verb}",
        if changed == 1 { "" } else { "s" }
    );
    Ok(ExitCode::SUCCESS)
}

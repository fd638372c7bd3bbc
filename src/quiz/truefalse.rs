//! Say whether a statement is true: the fact itself, or with one detail changed.
use rand::{Rng, RngExt, seq::SliceRandom};

use super::{Question, Response, distractors};
use crate::{
    answer::{self, equivalent},
    card::{Collection, on_date},
    date::HistDate,
    deck::{Fact, FactKind, join_names},
};

pub(super) fn ask(collection: &Collection, index: usize, rng: &mut impl Rng) -> Question {
    let fact = collection.fact(&collection.cards[index]);
    let truth = rng.random_bool(0.5);
    let statement = if truth {
        None
    } else {
        false_statement(collection, fact, rng)
    };
    let (prompt, truth) = match statement {
        Some(changed) => (changed, false),
        None => (true_statement(fact), true),
    };
    let answer = if truth {
        "true".to_owned()
    } else {
        format!("false: {}", true_statement(fact))
    };
    Question {
        card: index,
        prompt: format!("True or false? {prompt}"),
        options: Vec::new(),
        response: Response::TrueFalse(truth),
        answer,
    }
}

/// `t`, `yes`, `False`, ...
pub(super) fn read(typed: &str) -> Option<bool> {
    match typed.trim().to_lowercase().as_str() {
        "t" | "true" | "y" | "yes" | "1" => Some(true),
        "f" | "false" | "n" | "no" | "0" => Some(false),
        _ => None,
    }
}

/// The fact as a true statement.
fn true_statement(fact: &Fact) -> String {
    statement(fact, None, None, None)
}

/// The fact with one real detail changed: another date of the same period, another signer
/// of the same office and country, another place of the decks, another office of the same
/// country. Never the country alone. `None` when no change is unambiguous.
fn false_statement(collection: &Collection, fact: &Fact, rng: &mut impl Rng) -> Option<String> {
    let mut changes: Vec<u8> = Vec::new();
    if matches!(
        fact.kind,
        FactKind::Event { .. } | FactKind::Agreement { .. } | FactKind::Incident { .. }
    ) {
        changes.push(0);
    }
    if matches!(&fact.kind, FactKind::Agreement { parties, .. } if !parties.is_empty()) {
        changes.push(1);
    }
    if matches!(
        &fact.kind,
        FactKind::Incident { place: Some(_), .. } | FactKind::Event { place: Some(_), .. }
    ) {
        changes.push(2);
    }
    if matches!(fact.kind, FactKind::Leader { .. }) {
        changes.push(3);
    }
    changes.shuffle(rng);
    for change in changes {
        let statement = match change {
            0 => fact.date().map(|d| {
                let moved = distractors::other_date(collection, d, rng);
                statement(fact, Some(moved), None, None)
            }),
            1 => swap_party(collection, fact, rng)
                .map(|parties| statement(fact, None, Some(parties), None)),
            2 => other_place(collection, fact, rng)
                .map(|place| statement(fact, None, None, Some(place))),
            _ => distractors::other_office(collection, fact, rng).and_then(|(role, country)| {
                let FactKind::Leader { name, .. } = &fact.kind else {
                    return None;
                };
                Some(format!("{name} held the office of {role} of {country}."))
            }),
        };
        if statement.is_some() {
            return statement;
        }
    }
    None
}

fn swap_party(collection: &Collection, fact: &Fact, rng: &mut impl Rng) -> Option<Vec<String>> {
    let FactKind::Agreement { parties, .. } = &fact.kind else {
        return None;
    };
    let i = rng.random_range(0..parties.len());
    let replacement = distractors::stand_in(collection, &parties[i], parties, rng)?;
    let mut changed = parties.clone();
    changed[i] = replacement;
    Some(changed)
}

/// Another place of the decks, of a happening near in time where there is one; never a
/// spelling of this one, nor a part of it.
fn other_place(collection: &Collection, fact: &Fact, rng: &mut impl Rng) -> Option<String> {
    let place_of = |f: &Fact| match &f.kind {
        FactKind::Incident { place, .. } | FactKind::Event { place, .. } => place.clone(),
        _ => None,
    };
    let own = place_of(fact)?;
    let year = fact.date().map_or(0, |d| d.get_year());
    let mut places: Vec<(i32, String)> = collection
        .decks
        .iter()
        .flat_map(|d| &d.facts)
        .filter_map(|f| Some(((f.date()?.get_year() - year).abs(), place_of(f)?)))
        .filter(|(_, p)| {
            let (a, b) = (answer::normalize(p), answer::normalize(&own));
            !a.contains(&b) && !b.contains(&a) && !equivalent(p, &own)
        })
        .collect();
    places.sort();
    let mut seen = std::collections::HashSet::new();
    places.retain(|(_, p)| seen.insert(p.clone()));
    places.truncate(5);
    places.shuffle(rng);
    places.into_iter().next().map(|(_, p)| p)
}

fn statement(
    fact: &Fact,
    date: Option<HistDate>,
    parties: Option<Vec<String>>,
    place: Option<String>,
) -> String {
    let when = |d: &HistDate| on_date(&date.unwrap_or(*d));
    match &fact.kind {
        FactKind::Event {
            date: d,
            what,
            place: p,
            ..
        } => {
            let at = place
                .or_else(|| p.clone())
                .map(|p| format!(" at {p}"))
                .unwrap_or_default();
            format!(
                "{}: this happened{at} {}.",
                what.trim_end_matches('.'),
                when(d)
            )
        }
        FactKind::Agreement {
            name,
            date: d,
            parties: p,
            ..
        } => {
            let by = parties
                .or_else(|| (!p.is_empty()).then(|| p.clone()))
                .map(|p| format!(" by {}", join_names(&p)))
                .unwrap_or_default();
            format!("The {name} was signed{by} {}.", when(d))
        }
        FactKind::Incident {
            name,
            date: d,
            place: p,
            ..
        } => {
            let at = place
                .or_else(|| p.clone())
                .map(|p| format!(" at {p}"))
                .unwrap_or_default();
            format!("The {name} took place{at} {}.", when(d))
        }
        FactKind::Leader {
            name,
            role,
            country,
            ..
        } => format!("{name} held the office of {role} of {country}."),
        FactKind::Card { prompt, answer, .. } => format!("{prompt} {answer}"),
        FactKind::Figure { .. } | FactKind::Cloze { .. } => fact.context(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn true_false_reads_common_words() {
        for (typed, said) in [
            ("t", true),
            ("True", true),
            ("yes", true),
            ("f", false),
            ("NO", false),
        ] {
            assert_eq!(read(typed), Some(said), "{typed}");
        }
        assert_eq!(read("maybe"), None);
    }
}

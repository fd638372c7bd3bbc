//! Say whether a statement is true: the fact itself, or with one detail changed.
use rand::{Rng, RngExt, seq::SliceRandom};

use super::{Question, Response};
use crate::{
    answer::{self, equivalent},
    card::{Collection, on_date},
    date::{HistDate, Precision},
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

/// The fact with one detail changed, where the change is unambiguous; `None` when none is.
fn false_statement(collection: &Collection, fact: &Fact, rng: &mut impl Rng) -> Option<String> {
    let mut changes: Vec<u8> = vec![0];
    if matches!(&fact.kind, FactKind::Agreement { parties, .. } if !parties.is_empty()) {
        changes.push(1);
    }
    if matches!(
        &fact.kind,
        FactKind::Incident { place: Some(_), .. } | FactKind::Event { place: Some(_), .. }
    ) {
        changes.push(2);
    }
    changes.shuffle(rng);
    for change in changes {
        let statement = match change {
            0 => fact.date().map(|d| {
                let shift = [-3, -2, -1, 1, 2, 3][rng.random_range(0..6usize)];
                let moved = shift_year(d, shift);
                statement(fact, Some(moved), None, None)
            }),
            1 => swap_party(collection, fact, rng)
                .map(|parties| statement(fact, None, Some(parties), None)),
            _ => other_place(collection, fact, rng)
                .map(|place| statement(fact, None, None, Some(place))),
        };
        if statement.is_some() {
            return statement;
        }
    }
    match &fact.kind {
        FactKind::Leader {
            name,
            role,
            country,
            ..
        } => {
            let other = collection
                .decks
                .iter()
                .flat_map(|d| &d.facts)
                .filter_map(|f| match &f.kind {
                    FactKind::Leader { country: c, .. } if c != country => Some(c.clone()),
                    _ => None,
                })
                .next()?;
            Some(format!("{name} held the office of {role} of {other}."))
        }
        _ => None,
    }
}

fn shift_year(date: HistDate, years: i32) -> HistDate {
    let year = date.get_year() + years;
    match date.precision() {
        Precision::Decade => HistDate::decade(date.get_year() + 10 * years),
        Precision::Year => HistDate::year(year),
        Precision::Month => {
            HistDate::month(year, date.get_month().unwrap_or(1)).unwrap_or(HistDate::year(year))
        }
        Precision::Day => HistDate::day(
            year,
            date.get_month().unwrap_or(1),
            date.get_day().unwrap_or(1).min(28),
        )
        .unwrap_or(HistDate::year(year)),
    }
}

fn swap_party(collection: &Collection, fact: &Fact, rng: &mut impl Rng) -> Option<Vec<String>> {
    let FactKind::Agreement { parties, .. } = &fact.kind else {
        return None;
    };
    let (countries, names) = collection.leaders();
    let i = rng.random_range(0..parties.len());
    let country = countries.get(&answer::normalize(&parties[i]))?;
    let replacement = names
        .iter()
        .filter(|(name, c)| c == country && !parties.iter().any(|p| equivalent(p, name)))
        .map(|(name, _)| name.clone())
        .min_by_key(|name| answer::normalize(name).len() % 7 + rng.random_range(0..3usize))?;
    let mut changed = parties.clone();
    changed[i] = replacement;
    Some(changed)
}

fn other_place(collection: &Collection, fact: &Fact, rng: &mut impl Rng) -> Option<String> {
    let place_of = |f: &Fact| match &f.kind {
        FactKind::Incident { place, .. } | FactKind::Event { place, .. } => place.clone(),
        _ => None,
    };
    let own = place_of(fact)?;
    let mut places: Vec<String> = collection
        .decks
        .iter()
        .flat_map(|d| &d.facts)
        .filter_map(place_of)
        .filter(|p| {
            let (a, b) = (answer::normalize(p), answer::normalize(&own));
            !a.contains(&b) && !b.contains(&a)
        })
        .collect();
    places.sort();
    places.dedup();
    places.shuffle(rng);
    places.into_iter().next()
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
        FactKind::Figure { .. } => fact.context(),
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

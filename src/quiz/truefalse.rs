//! Say whether a statement is true: the fact itself, or with one detail changed.
use rand::{Rng, RngExt, seq::SliceRandom};

use super::{
    Question, Response, differ, distractors, names_place, names_place_strictly, places_overlap,
};
use crate::{
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
    let (prompt, answer) = match statement {
        Some((changed, truth)) => (changed, format!("false: {truth}")),
        None => {
            // A person is said to be who did what they are known for, or to hold their office.
            let said = match cue_statement(fact, None) {
                Some(cued) if rng.random_bool(0.5) => cued,
                _ => true_statement(fact),
            };
            (said, "true".to_owned())
        }
    };
    let truth = answer == "true";
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

/// "The President of South Korea who formally abandoned the Sunshine Policy in 2010 was Lee
/// Myung-bak", with `instead` in the person's place; `None` for a person known for nothing.
fn cue_statement(fact: &Fact, instead: Option<&str>) -> Option<String> {
    let FactKind::Leader {
        name,
        role,
        country,
        known_for,
        ..
    } = &fact.kind
    else {
        return None;
    };
    let cue = known_for.first()?.trim_end_matches('.');
    let who = instead.unwrap_or(name);
    Some(format!("The {role} of {country} who {cue} was {who}."))
}

/// The fact with one real detail changed, and the truth in the same words: another date of
/// the same period, another signer of the same office and country, another place of the
/// decks, another office of the same country and rank, another person of the same country
/// and rank for what this one is known for. Never the country alone. `None` when no change is
/// unambiguous.
fn false_statement(
    collection: &Collection,
    fact: &Fact,
    rng: &mut impl Rng,
) -> Option<(String, String)> {
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
    // Another place only where the text names none: "talks began in Seoul: this happened
    // at Mount Kumgang" would say itself that it is false.
    if place_of(fact).is_some_and(|own| !names_place(&text_of(fact), &own))
        && !all_places(collection).any(|p| names_place_strictly(&text_of(fact), &p))
    {
        changes.push(2);
    }
    if matches!(fact.kind, FactKind::Leader { .. }) {
        changes.extend([3, 4]);
    }
    changes.shuffle(rng);
    for change in changes {
        let statement = match change {
            0 => other_date(collection, fact, rng)
                .map(|moved| statement(fact, Some(moved), None, None)),
            1 => swap_party(collection, fact, rng)
                .map(|parties| statement(fact, None, Some(parties), None)),
            2 => other_place(collection, fact, rng)
                .map(|place| statement(fact, None, None, Some(place))),
            3 => distractors::other_office(collection, fact, rng).and_then(|(role, country)| {
                let FactKind::Leader { name, .. } = &fact.kind else {
                    return None;
                };
                Some(held(name, &role, &country))
            }),
            // Another person of the same country and rank: "...of the United States who
            // rejected Yoon's call ... was Park Soo Hyun" would swap only the country.
            _ => match &fact.kind {
                FactKind::Leader { name, .. } => {
                    distractors::stand_in(collection, name, std::slice::from_ref(name), rng)
                        .and_then(|other| cue_statement(fact, Some(&other)))
                }
                _ => None,
            },
        };
        let truth = match change {
            4 => cue_statement(fact, None),
            _ => Some(true_statement(fact)),
        };
        let statement = statement.zip(truth);
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

fn place_of(fact: &Fact) -> Option<String> {
    match &fact.kind {
        FactKind::Incident { place, .. } | FactKind::Event { place, .. } => place.clone(),
        _ => None,
    }
}

/// What a statement about the fact says besides its date, place and signers.
fn text_of(fact: &Fact) -> String {
    match &fact.kind {
        FactKind::Event { what, .. } => what.clone(),
        FactKind::Agreement { name, .. } | FactKind::Incident { name, .. } => name.clone(),
        _ => String::new(),
    }
}

fn all_places(collection: &Collection) -> impl Iterator<Item = String> + '_ {
    collection
        .decks
        .iter()
        .flat_map(|d| &d.facts)
        .filter_map(place_of)
}

/// "Nixon held the office of President of the United States"; an office that names its
/// own complement reads better with the country first: "North Korea's Ambassador to East
/// Germany".
fn held(name: &str, role: &str, country: &str) -> String {
    let complement = [" of ", " to ", " at ", " for ", " in "]
        .iter()
        .any(|w| role.contains(w));
    if complement {
        let owner = if country.ends_with('s') {
            format!("{country}'")
        } else {
            format!("{country}'s")
        };
        format!("{name} served as {owner} {role}.")
    } else {
        format!("{name} held the office of {role} of {country}.")
    }
}

/// Another date for a false statement that the statement does not itself give away: not
/// within the fact's own span ("the war lasted until 1953" is true of 1951), and on the
/// same side as the truth of every year the text names ("the first ship since 2002").
fn other_date(collection: &Collection, fact: &Fact, rng: &mut impl Rng) -> Option<HistDate> {
    let date = fact.date()?;
    let until = match &fact.kind {
        FactKind::Event { until, .. } => *until,
        _ => None,
    };
    let text = text_of(fact);
    let years: Vec<i32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .collect();
    (0..20)
        .map(|_| distractors::other_date(collection, date, rng))
        .find(|moved| {
            let outside = differ(*moved, date)
                && until.is_none_or(|u| *moved < date || (moved.truncate(u.precision()) > u));
            let year = moved.get_year();
            outside
                && years.iter().all(|&y| {
                    year != y
                        && (year < y) == (date.get_year() < y)
                        && (year > y) == (date.get_year() > y)
                })
        })
}

/// Another place of the decks, of a happening near in time where there is one; never a
/// spelling of this one, a part of it or a place that holds it.
fn other_place(collection: &Collection, fact: &Fact, rng: &mut impl Rng) -> Option<String> {
    let own = place_of(fact)?;
    let year = fact.date().map_or(0, |d| d.get_year());
    let mut places: Vec<(i32, String)> = collection
        .decks
        .iter()
        .flat_map(|d| &d.facts)
        .filter_map(|f| Some(((f.date()?.get_year() - year).abs(), place_of(f)?)))
        .filter(|(_, p)| !places_overlap(p, &own))
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
                .or_else(|| p.clone().filter(|p| !names_place(what, p)))
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
            // "The Baengnyeongdo drone incident took place at Baengnyeongdo" says nothing.
            let at = place
                .or_else(|| p.clone().filter(|p| !names_place(name, p)))
                .map(|p| format!(" at {p}"))
                .unwrap_or_default();
            format!("The {name} took place{at} {}.", when(d))
        }
        FactKind::Leader {
            name,
            role,
            country,
            ..
        } => held(name, role, country),
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

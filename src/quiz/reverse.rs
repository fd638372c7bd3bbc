//! From a date (and place), pick what happened.
use std::collections::HashSet;

use rand::Rng;

use super::{Question, Response, differ, distractors, label, names_place};
use crate::{
    answer::equivalent,
    card::{Collection, on_date},
    date::HistDate,
    deck::FactKind,
};

pub(super) fn ask(
    collection: &Collection,
    index: usize,
    pool: &[usize],
    rng: &mut impl Rng,
) -> Question {
    let card = &collection.cards[index];
    let fact = collection.fact(card);
    let date = fact.date().unwrap_or(HistDate::year(0));
    let (answer, place) = match &fact.kind {
        FactKind::Incident { name, place, .. } => (crate::deck::capitalize(name), place.clone()),
        _ => (label(fact), None),
    };
    let others = distractors::facts(collection, card, pool, &HashSet::new(), |other| {
        other.kind_name() == fact.kind_name()
            && other.date().is_some_and(|d| differ(d, date))
            && !equivalent(&label(other), &answer)
    });
    let others: Vec<String> = others.into_iter().take(3).map(|(_, f)| label(f)).collect();
    let (options, correct) = distractors::shuffled_with(answer.clone(), others, rng);
    // The place would point at whichever option names it: then the date alone asks.
    let place = place.filter(|p| !options.iter().any(|o| names_place(o, p)));
    let prompt = match (&fact.kind, place) {
        (FactKind::Agreement { .. }, _) => {
            format!("Which agreement was signed {}?", on_date(&date))
        }
        (_, Some(place)) => format!("Which of these happened at {place} {}?", on_date(&date)),
        _ => format!("Which of these happened {}?", on_date(&date)),
    };
    Question {
        card: index,
        prompt,
        options,
        response: Response::Choice { correct },
        answer,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_named_by_any_of_its_proper_names() {
        assert!(names_place(
            "Discovery of a drone on Baengnyeongdo",
            "sea off Baengnyeongdo"
        ));
        assert!(names_place("Blue House Raid", "the Blue House in Seoul"));
        assert!(names_place(
            "Leaflet-balloon drop on Seoul",
            "the Blue House in Seoul"
        ));
        assert!(!names_place("Shelling of Yeoncheon", "a site near Paju"));
        assert!(!names_place("DMZ mine blast", "sea off Baengnyeongdo"));
    }
}

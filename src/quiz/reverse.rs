//! From a date (and place), pick what happened.
use rand::Rng;

use super::{Question, Response, differ, distractors, label};
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
    let (answer, prompt) = match &fact.kind {
        FactKind::Agreement { name, .. } => (
            name.clone(),
            format!("Which agreement was signed {}?", on_date(&date)),
        ),
        FactKind::Incident { name, place, .. } => {
            let place = place
                .as_ref()
                .map(|p| format!(" at {p}"))
                .unwrap_or_default();
            (
                crate::deck::capitalize(name),
                format!("Which of these happened{place} {}?", on_date(&date)),
            )
        }
        _ => (
            label(fact),
            format!("Which of these happened {}?", on_date(&date)),
        ),
    };
    let others = distractors::facts(collection, card, pool, |other| {
        other.kind_name() == fact.kind_name()
            && other.date().is_some_and(|d| differ(d, date))
            && !equivalent(&label(other), &answer)
    });
    let others: Vec<String> = others.into_iter().take(3).map(label).collect();
    let (options, correct) = distractors::shuffled_with(answer.clone(), others, rng);
    Question {
        card: index,
        prompt,
        options,
        response: Response::Choice { correct },
        answer,
    }
}

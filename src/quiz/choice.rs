//! Pick one of four: a typed question's answer among others of the same kind.
use rand::Rng;

use super::{Question, Response, distractors};
use crate::{answer::Expected, card::Collection, deck::FactKind};

pub(super) fn ask(collection: &Collection, index: usize, rng: &mut impl Rng) -> Question {
    let card = &collection.cards[index];
    let fact = collection.fact(card);
    let others = match (&card.expected, &fact.kind) {
        (Expected::Date(date), _) => distractors::dates(collection, *date, rng),
        (_, FactKind::Leader { .. }) if card.id.ends_with("/who.choice") => {
            distractors::persons(collection, fact, rng)
        }
        (_, FactKind::Leader { .. }) if card.id.ends_with("/office.choice") => {
            distractors::offices(collection, fact, rng)
        }
        _ => distractors::texts(collection, card, rng),
    };
    let (options, correct) = distractors::shuffled_with(card.answer.clone(), others, rng);
    Question {
        card: index,
        prompt: strip_hint(&card.prompt),
        options,
        response: Response::Choice { correct },
        answer: card.answer.clone(),
    }
}

fn strip_hint(prompt: &str) -> String {
    match prompt.rfind(" (") {
        Some(i) if prompt.ends_with(')') => prompt[..i].to_owned(),
        _ => prompt.to_owned(),
    }
}

/// `2`, `b`, `B)` or the option's own text.
pub(super) fn read(typed: &str, n: usize) -> Option<usize> {
    let t = typed.trim().trim_end_matches([')', '.']).trim();
    if let Ok(i) = t.parse::<usize>() {
        return (1..=n).contains(&i).then(|| i - 1);
    }
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_alphabetic() => {
            let i = (c.to_ascii_lowercase() as u8).checked_sub(b'a')? as usize;
            (i < n).then_some(i)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_are_read_by_number_letter_or_with_punctuation() {
        assert_eq!(read("2", 4), Some(1));
        assert_eq!(read(" B) ", 4), Some(1));
        assert_eq!(read("d", 4), Some(3));
        assert_eq!(read("e", 4), None);
        assert_eq!(read("5", 4), None);
        assert_eq!(read("0", 4), None);
        assert_eq!(read("two", 4), None);
    }
}

//! The ways a card can be asked, built at ask time from the facts, and how an answer to
//! each is read. Pure: everything random comes from the caller's seeded rng.
mod choice;
mod distractors;
mod order;
mod reverse;
mod truefalse;

use std::collections::HashSet;

use rand::Rng;

use crate::{
    answer::{self, Confusables, Expected, Verdict, normalize},
    card::{Collection, QuestionType},
    date::HistDate,
    deck::{Fact, FactKind},
    grade::Grade,
};

/// What the student must give.
#[derive(Clone, Debug)]
pub enum Response {
    Typed(Expected),
    /// One of `options`, by number or letter.
    Choice {
        correct: usize,
    },
    /// The numbers of the options, earliest first.
    Order {
        correct: Vec<usize>,
    },
    TrueFalse(bool),
}

/// One asking of a card.
#[derive(Clone, Debug)]
pub struct Question {
    pub card: usize,
    pub prompt: String,
    /// Numbered options (choice, reverse, order).
    pub options: Vec<String>,
    pub response: Response,
    /// The right answer as shown afterwards.
    pub answer: String,
}

impl Question {
    /// A hint on how to answer, for piped mode and reports.
    pub fn how_to_answer(&self) -> Option<String> {
        match &self.response {
            Response::Typed(_) => None,
            Response::Choice { .. } => Some(format!(
                "answer 1-{} or a-{}",
                self.options.len(),
                letter(self.options.len() - 1)
            )),
            Response::Order { .. } => Some(format!(
                "answer with the {} numbers, earliest first, e.g. 2 1 3",
                self.options.len()
            )),
            Response::TrueFalse(_) => Some("answer true or false".to_owned()),
        }
    }
}

fn letter(i: usize) -> char {
    char::from(b'a' + (i as u8 % 26))
}

/// Builds the question for card `index`; companions and options come from `pool`
/// (indices of cards in the selection), falling back to the whole collection.
pub fn ask(collection: &Collection, index: usize, pool: &[usize], rng: &mut impl Rng) -> Question {
    let card = &collection.cards[index];
    match card.kind {
        QuestionType::Order => order::ask(collection, index, pool, &HashSet::new(), rng).0,
        _ => ask_excluding(collection, index, pool, &mut HashSet::new(), rng)
            .expect("only an order question can lack companions"),
    }
}

/// [`ask`] for a set of questions that never asks about one fact twice: the question draws
/// on no fact in `asked` (the facts, by deck and index, that the others ask about) and adds
/// its own. `None` when an order question cannot find three happenings left.
pub fn ask_excluding(
    collection: &Collection,
    index: usize,
    pool: &[usize],
    asked: &mut HashSet<(usize, usize)>,
    rng: &mut impl Rng,
) -> Option<Question> {
    let card = &collection.cards[index];
    asked.insert((card.deck, card.fact));
    let question = match card.kind {
        QuestionType::Text | QuestionType::Date => Question {
            card: index,
            prompt: card.prompt.clone(),
            options: Vec::new(),
            response: Response::Typed(card.expected.clone()),
            answer: card.answer.clone(),
        },
        QuestionType::Choice => choice::ask(collection, index, rng),
        QuestionType::Reverse => reverse::ask(collection, index, pool, rng),
        QuestionType::Order => {
            let (question, companions) = order::ask(collection, index, pool, asked, rng);
            if question.options.len() < 3 {
                return None;
            }
            asked.extend(companions);
            question
        }
        QuestionType::Truefalse => truefalse::ask(collection, index, rng),
    };
    Some(question)
}

/// Checks an answer to `question`. `confusables` only matter for typed answers.
pub fn grade(question: &Question, typed: &str, confusables: &Confusables) -> Verdict {
    let verdict = |grade: Grade, correct: bool, feedback: Option<String>| Verdict {
        grade,
        correct,
        feedback,
    };
    match &question.response {
        Response::Typed(expected) => answer::check_against(expected, typed, confusables),
        Response::Choice { correct } => match choice::read(typed, question.options.len()) {
            Some(i) if i == *correct => verdict(Grade::Good, true, None),
            Some(_) => verdict(Grade::Again, false, None),
            None => verdict(Grade::Again, false, question.how_to_answer()),
        },
        Response::Order { correct } => {
            let Some(given) = order::read(typed, question.options.len()) else {
                return verdict(Grade::Again, false, question.how_to_answer());
            };
            let wrong: Vec<usize> = (0..given.len())
                .filter(|&i| given[i] != correct[i])
                .collect();
            match wrong.as_slice() {
                [] => verdict(Grade::Good, true, None),
                [a, b] if given[*a] == correct[*b] && given[*b] == correct[*a] => {
                    verdict(Grade::Hard, false, Some("one pair swapped".to_owned()))
                }
                _ => verdict(Grade::Again, false, None),
            }
        }
        Response::TrueFalse(truth) => match truefalse::read(typed) {
            Some(said) if said == *truth => verdict(Grade::Good, true, None),
            Some(_) => verdict(Grade::Again, false, None),
            None => verdict(Grade::Again, false, question.how_to_answer()),
        },
    }
}

/// Why `typed` cannot be read as an answer to `question` (with the forms that are read):
/// it is asked again, never graded.
pub fn unreadable(question: &Question, typed: &str) -> Option<String> {
    let n = question.options.len();
    let readable = match &question.response {
        Response::Typed(expected) => return answer::unreadable(expected, typed),
        Response::Choice { .. } => choice::read(typed, n).is_some(),
        Response::Order { .. } => order::read(typed, n).is_some(),
        Response::TrueFalse(_) => truefalse::read(typed).is_some(),
    };
    let how = question.how_to_answer()?;
    let said = crate::show::value(typed.trim());
    (!readable).then(|| match &question.response {
        Response::Choice { .. } => format!("`{said}` is not one of the options: {how}"),
        Response::Order { .. } => format!("`{said}` is not an order of all {n}: {how}"),
        _ => format!("`{said}` is neither true nor false: {how}"),
    })
}

/// True when the two dates differ at the coarser of their precisions.
pub fn differ(a: HistDate, b: HistDate) -> bool {
    let p = a.precision().min(b.precision());
    a.truncate(p) != b.truncate(p)
}

/// Whether `option` names `place` or a part of it: any of its proper names ("Baengnyeongdo"
/// in "sea off Baengnyeongdo", "Blue House" in "the Blue House in Seoul").
pub(super) fn names_place(option: &str, place: &str) -> bool {
    let words: Vec<String> = option
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(normalize)
        .collect();
    place
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .map(normalize)
        .any(|name| words.contains(&name))
}

/// Words of a place's name that name no place alone ("South Korean zone of the Joint
/// Security Area" is not named by "South Korean").
const COMMON_PLACE_WORDS: &[&str] = &[
    "north", "south", "east", "west", "korea", "korean", "inter", "joint", "area", "sea", "yellow",
    "island", "station", "house", "mount", "zone", "the", "of",
];

/// Places inside others that the decks name, by proper names: a false statement never
/// moves a happening from the one to the other.
const WITHIN: &[(&str, &str)] = &[
    ("Joint Security Area", "Panmunjom"),
    ("Inter-Korean House of Freedom", "Panmunjom"),
    ("Inter-Korean House of Freedom", "Joint Security Area"),
    ("Panmunjom", "DMZ"),
    ("Joint Security Area", "DMZ"),
    ("Panmun Station", "Kaesong"),
    ("Blue House", "Seoul"),
];

/// Whether `text` names `place` by a name of its own (not by "South" or "Korean").
pub(super) fn names_place_strictly(text: &str, place: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(normalize)
        .collect();
    place
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .map(normalize)
        .filter(|w| !COMMON_PLACE_WORDS.contains(&w.as_str()))
        .any(|name| words.contains(&name))
}

/// Whether one place may be said of a happening at the other: a spelling of it, a part of
/// it or a place that holds it ("Panmunjom" for the Joint Security Area).
pub(super) fn places_overlap(a: &str, b: &str) -> bool {
    let (na, nb) = (normalize(a), normalize(b));
    if na.contains(&nb) || nb.contains(&na) || answer::equivalent(a, b) {
        return true;
    }
    let is = |place: &str, name: &str| {
        names_place_strictly(place, name) || answer::equivalent(place, name)
    };
    WITHIN
        .iter()
        .any(|(inner, outer)| (is(a, inner) && is(b, outer)) || (is(b, inner) && is(a, outer)))
}

/// How a fact is named in options: an agreement or incident by name, an event by what happened.
fn label(fact: &Fact) -> String {
    match &fact.kind {
        FactKind::Event { what, .. } => what.trim_end_matches('.').to_owned(),
        FactKind::Agreement { name, .. } => name.clone(),
        FactKind::Incident { name, .. } => crate::deck::capitalize(name),
        FactKind::Leader { name, .. } => name.clone(),
        FactKind::Card { answer, .. } => answer.clone(),
        FactKind::Figure { question, .. } => question.clone(),
        FactKind::Cloze { text, .. } => crate::cloze::revealed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_grading_counts_one_swap_as_hard() {
        let q = Question {
            card: 0,
            prompt: String::new(),
            options: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            response: Response::Order {
                correct: vec![2, 0, 3, 1],
            },
            answer: String::new(),
        };
        assert_eq!(
            grade(&q, "3 1 4 2", &Confusables::default()).grade,
            Grade::Good
        );
        assert_eq!(
            grade(&q, "3 2 4 1", &Confusables::default()).grade,
            Grade::Hard,
            "1 and 2 swapped"
        );
        assert_eq!(
            grade(&q, "1 2 3 4", &Confusables::default()).grade,
            Grade::Again
        );
        assert_eq!(
            grade(&q, "nonsense", &Confusables::default())
                .feedback
                .as_deref(),
            Some("answer with the 4 numbers, earliest first, e.g. 2 1 3")
        );
    }

    #[test]
    fn dates_differ_only_at_the_coarser_precision() {
        let year = HistDate::year(2018);
        let april = HistDate::month(2018, 4).unwrap();
        assert!(!differ(year, april));
        assert!(differ(april, HistDate::month(2018, 5).unwrap()));
        assert!(differ(year, HistDate::year(2019)));
    }
}

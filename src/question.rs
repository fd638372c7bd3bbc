//! The ways a card can be asked, built at ask time from the facts, and graded. Pure:
//! everything random comes from the caller's seeded rng.
use std::collections::HashSet;

use rand::{Rng, RngExt, seq::SliceRandom};
use serde::{Deserialize, Serialize};

use crate::{
    answer::{self, Confusables, Expected, Verdict, equivalent},
    card::{Card, Collection, on_date},
    date::{HistDate, Precision},
    deck::{Fact, FactKind, join_names},
    grade::Grade,
};

/// How a question is asked. A card's id says its type, so each keeps its own schedule.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum QuestionType {
    /// Type a name or a phrase
    Text,
    /// Type a date
    Date,
    /// Pick one of four
    Choice,
    /// Put three to five happenings in order
    Order,
    /// From a date (and place), pick what happened
    Reverse,
    /// Say whether a statement is true
    Truefalse,
}

impl QuestionType {
    pub const ALL: [QuestionType; 6] = [
        QuestionType::Text,
        QuestionType::Date,
        QuestionType::Choice,
        QuestionType::Order,
        QuestionType::Reverse,
        QuestionType::Truefalse,
    ];

    pub fn name(self) -> &'static str {
        match self {
            QuestionType::Text => "text",
            QuestionType::Date => "date",
            QuestionType::Choice => "choice",
            QuestionType::Order => "order",
            QuestionType::Reverse => "reverse",
            QuestionType::Truefalse => "truefalse",
        }
    }
}

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
    let fact = collection.fact(card);
    let base =
        |prompt: String, options: Vec<String>, response: Response, answer: String| Question {
            card: index,
            prompt,
            options,
            response,
            answer,
        };
    match card.kind {
        QuestionType::Text | QuestionType::Date => base(
            card.prompt.clone(),
            Vec::new(),
            Response::Typed(card.expected.clone()),
            card.answer.clone(),
        ),
        QuestionType::Choice => {
            let distractors = match &card.expected {
                Expected::Date(date) => date_distractors(*date, rng),
                _ => text_distractors(collection, card, rng),
            };
            let (options, correct) = shuffled_with(card.answer.clone(), distractors, rng);
            let prompt = strip_hint(&card.prompt);
            base(
                prompt,
                options,
                Response::Choice { correct },
                card.answer.clone(),
            )
        }
        QuestionType::Reverse => {
            let date = fact.date().unwrap_or(HistDate::year(0));
            let (label, prompt) = match &fact.kind {
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
                    reverse_label(fact),
                    format!("Which of these happened {}?", on_date(&date)),
                ),
            };
            let others = pick_facts(collection, card, pool, |other| {
                other.kind_name() == fact.kind_name()
                    && other.date().is_some_and(|d| differ(d, date))
                    && !equivalent(&reverse_label(other), &label)
            });
            let distractors: Vec<String> = others.into_iter().take(3).map(reverse_label).collect();
            let (options, correct) = shuffled_with(label.clone(), distractors, rng);
            base(prompt, options, Response::Choice { correct }, label)
        }
        QuestionType::Order => {
            let date = fact.date().unwrap_or(HistDate::year(0));
            let mut items: Vec<(String, HistDate)> = vec![(reverse_label(fact), date)];
            let want = rng.random_range(3..=5usize);
            let mut candidates = pick_facts(collection, card, pool, |other| other.date().is_some());
            candidates.shuffle(rng);
            for other in candidates {
                if items.len() == want {
                    break;
                }
                let Some(d) = other.date() else { continue };
                if items
                    .iter()
                    .all(|(label, x)| differ(*x, d) && *label != reverse_label(other))
                {
                    items.push((reverse_label(other), d));
                }
            }
            items.shuffle(rng);
            let mut correct: Vec<usize> = (0..items.len()).collect();
            correct.sort_by_key(|&i| items[i].1);
            let answer = correct
                .iter()
                .map(|&i| format!("{} ({})", i + 1, items[i].1))
                .collect::<Vec<_>>()
                .join(", ");
            let options = items.iter().map(|(label, _)| label.clone()).collect();
            base(
                "Put these in order, earliest first:".to_owned(),
                options,
                Response::Order { correct },
                answer,
            )
        }
        QuestionType::Truefalse => {
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
            base(
                format!("True or false? {prompt}"),
                Vec::new(),
                Response::TrueFalse(truth),
                answer,
            )
        }
    }
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
        Response::Choice { correct } => match pick(typed, question.options.len()) {
            Some(i) if i == *correct => verdict(Grade::Good, true, None),
            Some(_) => verdict(Grade::Again, false, None),
            None => verdict(Grade::Again, false, question.how_to_answer()),
        },
        Response::Order { correct } => {
            let Some(given) = order(typed, question.options.len()) else {
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
        Response::TrueFalse(truth) => match yes_no(typed) {
            Some(said) if said == *truth => verdict(Grade::Good, true, None),
            Some(_) => verdict(Grade::Again, false, None),
            None => verdict(Grade::Again, false, question.how_to_answer()),
        },
    }
}

/// Why `typed` cannot be read as an answer to `question` (with the forms that are read):
/// it is asked again, never graded.
pub fn unreadable(question: &Question, typed: &str) -> Option<String> {
    match &question.response {
        Response::Typed(expected) => answer::unreadable(expected, typed),
        _ => None,
    }
}

/// `2`, `b`, `B)` or the option's own text.
fn pick(typed: &str, n: usize) -> Option<usize> {
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

/// `2 4 1 3`, `2,4,1,3` or `2413`: every number from 1 to n once; zero-based.
fn order(typed: &str, n: usize) -> Option<Vec<usize>> {
    let parts: Vec<&str> = typed
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let digits: Vec<String> = if parts.len() == 1 && n < 10 {
        parts[0].chars().map(String::from).collect()
    } else {
        parts.iter().map(|p| (*p).to_owned()).collect()
    };
    let numbers: Vec<usize> = digits
        .iter()
        .map(|d| d.parse::<usize>().ok()?.checked_sub(1))
        .collect::<Option<_>>()?;
    let unique: HashSet<usize> = numbers.iter().copied().collect();
    (numbers.len() == n && unique.len() == n && numbers.iter().all(|&i| i < n)).then_some(numbers)
}

fn yes_no(typed: &str) -> Option<bool> {
    match typed.trim().to_lowercase().as_str() {
        "t" | "true" | "y" | "yes" | "1" => Some(true),
        "f" | "false" | "n" | "no" | "0" => Some(false),
        _ => None,
    }
}

/// True when the two dates differ at the coarser of their precisions.
pub fn differ(a: HistDate, b: HistDate) -> bool {
    let p = a.precision().min(b.precision());
    a.truncate(p) != b.truncate(p)
}

fn strip_hint(prompt: &str) -> String {
    match prompt.rfind(" (") {
        Some(i) if prompt.ends_with(')') => prompt[..i].to_owned(),
        _ => prompt.to_owned(),
    }
}

/// How a fact is named in options: an agreement or incident by name, an event by what happened.
fn reverse_label(fact: &Fact) -> String {
    match &fact.kind {
        FactKind::Event { what, .. } => what.trim_end_matches('.').to_owned(),
        FactKind::Agreement { name, .. } => name.clone(),
        FactKind::Incident { name, .. } => crate::deck::capitalize(name),
        FactKind::Leader { name, .. } => name.clone(),
        FactKind::Card { answer, .. } => answer.clone(),
    }
}

fn shuffled_with(
    answer: String,
    distractors: Vec<String>,
    rng: &mut impl Rng,
) -> (Vec<String>, usize) {
    let mut options = vec![answer.clone()];
    for d in distractors {
        if options.len() < 4 && !options.iter().any(|o| equivalent(o, &d)) {
            options.push(d);
        }
    }
    options.shuffle(rng);
    let correct = options.iter().position(|o| *o == answer).unwrap_or(0);
    (options, correct)
}

/// Facts other than the card's that pass `keep`: first from the pool, the card's own
/// deck first, nearest in time first; then from the whole collection.
fn pick_facts<'c>(
    collection: &'c Collection,
    card: &Card,
    pool: &[usize],
    keep: impl Fn(&Fact) -> bool,
) -> Vec<&'c Fact> {
    let fact = collection.fact(card);
    let year = fact.date().map(|d| d.get_year());
    let mut seen = HashSet::new();
    seen.insert((card.deck, card.fact));
    let mut found: Vec<(bool, bool, i32, &Fact)> = Vec::new();
    let all: Vec<usize> = (0..collection.cards.len()).collect();
    for (in_pool, indices) in [(true, pool), (false, all.as_slice())] {
        for &i in indices {
            let other = &collection.cards[i];
            if !seen.insert((other.deck, other.fact)) {
                continue;
            }
            let f = collection.fact(other);
            if keep(f) {
                let distance = match (year, f.date()) {
                    (Some(a), Some(b)) => (a - b.get_year()).abs(),
                    _ => i32::MAX,
                };
                found.push((!in_pool, other.deck != card.deck, distance, f));
            }
        }
    }
    found.sort_by_key(|(a, b, c, _)| (*a, *b, *c));
    found.into_iter().map(|(.., f)| f).collect()
}

/// Three other answers to the same question about facts of the same kind: the nearest in
/// time (and for leaders, of the same country), never an alias of the answer.
fn text_distractors(collection: &Collection, card: &Card, rng: &mut impl Rng) -> Vec<String> {
    let fact = collection.fact(card);
    let base = card
        .id
        .rsplit_once('/')
        .map_or("", |(_, s)| s)
        .trim_end_matches(".choice");
    let country = match &fact.kind {
        FactKind::Leader { country, .. } => Some(country.as_str()),
        _ => None,
    };
    let accepted: Vec<String> = match &card.expected {
        Expected::Text(alts) => alts.clone(),
        _ => vec![card.answer.clone()],
    };
    let year = fact.date().map(|d| d.get_year());
    let mut candidates: Vec<(bool, i32, String)> = collection
        .cards
        .iter()
        .filter(|c| {
            c.kind == QuestionType::Text && c.id.rsplit_once('/').is_some_and(|(_, s)| s == base)
        })
        .filter(|c| (c.deck, c.fact) != (card.deck, card.fact))
        .filter(|c| !accepted.iter().any(|a| equivalent(a, &c.answer)))
        .map(|c| {
            let other = collection.fact(c);
            let other_country = match &other.kind {
                FactKind::Leader { country, .. } => Some(country.as_str()),
                _ => None,
            };
            let distance = match (year, other.date()) {
                (Some(a), Some(b)) => (a - b.get_year()).abs(),
                _ => 0,
            };
            (
                country.is_some() && other_country != country,
                distance,
                c.answer.clone(),
            )
        })
        .collect();
    candidates.sort();
    candidates.dedup_by(|a, b| equivalent(&a.2, &b.2));
    let mut near: Vec<String> = candidates.into_iter().take(6).map(|(.., a)| a).collect();
    near.shuffle(rng);
    near
}

/// Three dates within a few years of `date`, at its precision.
fn date_distractors(date: HistDate, rng: &mut impl Rng) -> Vec<String> {
    let mut out: Vec<HistDate> = Vec::new();
    let mut tries = 0;
    while out.len() < 3 && tries < 100 {
        tries += 1;
        let years = rng.random_range(-4..=4i32);
        let candidate = match date.precision() {
            Precision::Year => Some(HistDate::year(date.get_year() + years)),
            Precision::Month => {
                let month = date.get_month().unwrap_or(1);
                let month = if rng.random_bool(0.5) {
                    rng.random_range(1..=12)
                } else {
                    month
                };
                HistDate::month(date.get_year() + years, month)
            }
            Precision::Day => {
                let (m, d) = (date.get_month().unwrap_or(1), date.get_day().unwrap_or(1));
                let (m, d) = if rng.random_bool(0.5) {
                    (rng.random_range(1..=12), rng.random_range(1..=28))
                } else {
                    (m, d)
                };
                HistDate::day(date.get_year() + years, m, d)
            }
        };
        if let Some(c) = candidate
            && c != date
            && !out.contains(&c)
        {
            out.push(c);
        }
    }
    out.iter().map(ToString::to_string).collect()
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_are_read_by_number_letter_or_with_punctuation() {
        assert_eq!(pick("2", 4), Some(1));
        assert_eq!(pick(" B) ", 4), Some(1));
        assert_eq!(pick("d", 4), Some(3));
        assert_eq!(pick("e", 4), None);
        assert_eq!(pick("5", 4), None);
        assert_eq!(pick("0", 4), None);
        assert_eq!(pick("two", 4), None);
    }

    #[test]
    fn orders_are_read_in_any_separator() {
        assert_eq!(order("2 4 1 3", 4), Some(vec![1, 3, 0, 2]));
        assert_eq!(order("2,4,1,3", 4), Some(vec![1, 3, 0, 2]));
        assert_eq!(order("2413", 4), Some(vec![1, 3, 0, 2]));
        assert_eq!(order("2 4 1", 4), None);
        assert_eq!(order("2 2 1 3", 4), None);
        assert_eq!(order("2 5 1 3", 4), None);
    }

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
    fn true_false_reads_common_words() {
        for (typed, said) in [
            ("t", true),
            ("True", true),
            ("yes", true),
            ("f", false),
            ("NO", false),
        ] {
            assert_eq!(yes_no(typed), Some(said), "{typed}");
        }
        assert_eq!(yes_no("maybe"), None);
    }

    #[test]
    fn dates_differ_only_at_the_coarser_precision() {
        let year = HistDate::year(2018);
        let april = HistDate::month(2018, 4).unwrap();
        assert!(!differ(year, april));
        assert!(differ(april, HistDate::month(2018, 5).unwrap()));
        assert!(differ(year, HistDate::year(2019)));
    }

    #[test]
    fn date_distractors_keep_the_precision_and_never_repeat_the_answer() {
        use rand::SeedableRng;
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        for date in [
            HistDate::year(1950),
            HistDate::month(2018, 4).unwrap(),
            HistDate::day(1953, 7, 27).unwrap(),
        ] {
            for _ in 0..50 {
                let d = date_distractors(date, &mut rng);
                assert_eq!(d.len(), 3);
                assert!(!d.contains(&date.to_string()));
                let unique: HashSet<_> = d.iter().collect();
                assert_eq!(unique.len(), 3);
                for s in &d {
                    let parsed = crate::date::parse_typed_date(s).unwrap();
                    assert_eq!(parsed.precision(), date.precision());
                    assert!((parsed.get_year() - date.get_year()).abs() <= 4);
                }
            }
        }
    }
}

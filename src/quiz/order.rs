//! Put three to five happenings in order.
use std::collections::HashSet;

use rand::{
    Rng, RngExt,
    seq::{IndexedRandom, SliceRandom},
};

use super::{Question, Response, differ, distractors, distractors::At, label};
use crate::{card::Collection, date::HistDate, deck::FactKind};

/// How many years the happenings of one order question may span, where the decks allow.
const PERIOD: i32 = 15;

/// Three to five happenings of one period, the card's among them, and the other facts it
/// lists (so an exam asks about none of them again). Companions come from the pool first.
pub(super) fn ask(
    collection: &Collection,
    index: usize,
    pool: &[usize],
    exclude: &HashSet<At>,
    rng: &mut impl Rng,
) -> (Question, Vec<At>) {
    let card = &collection.cards[index];
    let fact = collection.fact(card);
    let date = fact.date().unwrap_or(HistDate::year(0));
    let own = label(fact);
    let want = rng.random_range(3..=5usize);
    let in_pool: HashSet<At> = pool
        .iter()
        .map(|&i| (collection.cards[i].deck, collection.cards[i].fact))
        .collect();
    let candidates: Vec<(At, String, HistDate)> =
        // Happenings only: a person's first year is not an event to place.
        distractors::facts(collection, card, pool, exclude, |other| {
            other.date().is_some() && !matches!(other.kind, FactKind::Leader { .. })
        })
        .into_iter()
        .filter_map(|(at, f)| Some((at, label(f), f.date()?)))
        .filter(|(_, l, d)| *l != own && differ(*d, date))
        .collect();
    // The window of PERIOD years around the card's date that holds the most of them.
    let year = date.get_year();
    let within = |start: i32| {
        candidates
            .iter()
            .filter(|(_, _, d)| (start..=start + PERIOD).contains(&d.get_year()))
            .count()
    };
    let best = (year - PERIOD..=year).map(within).max().unwrap_or(0);
    let starts: Vec<i32> = (year - PERIOD..=year)
        .filter(|&s| within(s) >= best.min(want - 1))
        .collect();
    let start = starts.choose(rng).copied().unwrap_or(year);
    let mut period: Vec<&(At, String, HistDate)> = candidates
        .iter()
        .filter(|(_, _, d)| (start..=start + PERIOD).contains(&d.get_year()))
        .collect();
    period.shuffle(rng);
    // Optional facts (asked only on request) only where the period has too few others.
    let optional = |at: &At| !fact.optional && collection.decks[at.0].facts[at.1].optional;
    period.sort_by_key(|(at, ..)| (!in_pool.contains(at), optional(at)));
    let mut items: Vec<(String, HistDate)> = vec![(own, date)];
    let mut companions = Vec::new();
    let mut nearest: Vec<&(At, String, HistDate)> = candidates.iter().collect();
    nearest.sort_by_key(|(at, _, d)| (optional(at), (d.get_year() - year).abs()));
    // A month apart where the period allows, so that the order is knowledge, not a guess
    // between two days; fewer where it has fewer; the nearest in time where it has not three.
    let apart = |a: HistDate, b: HistDate, days: i64| {
        differ(a, b) && (a.first_day() - b.first_day()).num_days().abs() >= days
    };
    for (pass, list, days) in [(want, &period, 31), (3, &period, 0), (3, &nearest, 0)] {
        for (at, l, d) in list.iter() {
            if items.len() >= pass {
                break;
            }
            if items.iter().all(|(x, y)| apart(*y, *d, days) && x != l) {
                items.push((l.clone(), *d));
                companions.push(*at);
            }
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
    let options = items.iter().map(|(l, _)| l.clone()).collect();
    let question = Question {
        card: index,
        prompt: "Put these in order, earliest first:".to_owned(),
        options,
        response: Response::Order { correct },
        answer,
    };
    (question, companions)
}

/// `2 4 1 3`, `2,4,1,3` or `2413`: every number from 1 to n once; zero-based.
pub(super) fn read(typed: &str, n: usize) -> Option<Vec<usize>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_are_read_in_any_separator() {
        assert_eq!(read("2 4 1 3", 4), Some(vec![1, 3, 0, 2]));
        assert_eq!(read("2,4,1,3", 4), Some(vec![1, 3, 0, 2]));
        assert_eq!(read("2413", 4), Some(vec![1, 3, 0, 2]));
        assert_eq!(read("2 4 1", 4), None);
        assert_eq!(read("2 2 1 3", 4), None);
        assert_eq!(read("2 5 1 3", 4), None);
    }
}

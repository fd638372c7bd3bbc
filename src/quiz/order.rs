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
    let names = proper_names(collection);
    for (pass, list, days) in [(want, &period, 31), (3, &period, 0), (3, &nearest, 0)] {
        for (at, l, d) in list.iter() {
            if items.len() >= pass {
                break;
            }
            if items.iter().all(|(x, y)| {
                apart(*y, *d, days)
                    && x != l
                    && !tells(x, l, *d, &names)
                    && !tells(l, x, *y, &names)
            }) {
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

fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Words that say nothing of one happening: "North Korea's", "the two Koreas".
const COMMON: &[&str] = &[
    "the", "of", "a", "an", "and", "in", "on", "at", "to", "for", "by", "with", "north", "south",
    "korea", "korean", "koreas", "inter", "two", "s", "its", "their", "was", "were", "had", "has",
    "from", "as",
];

/// People's and countries' names, as words: sharing one tells nothing of the order.
fn proper_names(collection: &Collection) -> Vec<Vec<String>> {
    let people = collection
        .decks
        .iter()
        .flat_map(|d| &d.facts)
        .filter_map(|f| match &f.kind {
            FactKind::Leader { name, aka, .. } => Some(std::iter::once(name).chain(aka)),
            _ => None,
        })
        .flatten()
        .map(|n| tokens(n));
    let countries = crate::office::COUNTRIES
        .iter()
        .flat_map(|c| c.forms)
        .map(|f| tokens(f));
    people.chain(countries).collect()
}

/// Whether happening `a` tells where `b` (on `b_date`) falls beside it: it names `b`
/// ("terminated the Panmunjom Declaration"), `b`'s year ("after the breakthrough of
/// 2018"), or a happening they share ("followed the first inter-Korean summit", "abandoned
/// the Sunshine Policy"); a person's or a country's name tells nothing.
fn tells(a: &str, b: &str, b_date: HistDate, names: &[Vec<String>]) -> bool {
    let (ta, tb) = (tokens(a), tokens(b));
    if tb.len() >= 2 && ta.windows(tb.len()).any(|w| w == tb.as_slice()) {
        return true;
    }
    if ta.contains(&b_date.get_year().to_string()) {
        return true;
    }
    let uncommon = |run: &[String]| {
        run.iter()
            .filter(|t| !COMMON.contains(&t.as_str()))
            .filter(|t| !names.iter().any(|n| n.contains(t)))
            .count()
    };
    (0..ta.len()).any(|i| {
        (0..tb.len()).any(|j| {
            let k = ta[i..]
                .iter()
                .zip(&tb[j..])
                .take_while(|(x, y)| x == y)
                .count();
            k >= 3 && uncommon(&ta[i..i + k]) >= 2
        })
    })
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
    fn a_happening_that_names_another_tells_the_order() {
        let names = vec![tokens("Kim Jong Un"), tokens("Moon Jae-in")];
        let day = |y, m, d| HistDate::day(y, m, d).unwrap();
        for (a, b, date) in [
            (
                "South Korea's State Council terminated the Panmunjom Declaration",
                "Panmunjom Declaration",
                day(2018, 4, 27),
            ),
            (
                "After the breakthrough of 2018, negotiations stalled",
                "Moon Jae-in and Kim Jong Un met for a second time",
                day(2018, 5, 26),
            ),
            (
                "A reunion of separated families followed the first inter-Korean summit",
                "Joint Declaration of the first inter-Korean summit",
                day(2000, 6, 15),
            ),
        ] {
            assert!(tells(a, b, date, &names), "{a} / {b}");
        }
        assert!(!tells(
            "Moon Jae-in and Kim Jong Un began exchanging personal letters",
            "Kim Jong Un and Moon Jae-in met again in the DMZ",
            day(2019, 6, 30),
            &names
        ));
        assert!(!tells(
            "North Korea's Red Cross sent emergency supplies to the South",
            "The two Koreas fought a naval clash",
            day(1999, 6, 15),
            &names
        ));
    }

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

//! Put three to five happenings in order.
use std::collections::HashSet;

use rand::{Rng, RngExt, seq::SliceRandom};

use super::{Question, Response, differ, distractors, label};
use crate::{card::Collection, date::HistDate};

pub(super) fn ask(
    collection: &Collection,
    index: usize,
    pool: &[usize],
    rng: &mut impl Rng,
) -> Question {
    let card = &collection.cards[index];
    let fact = collection.fact(card);
    let date = fact.date().unwrap_or(HistDate::year(0));
    let mut items: Vec<(String, HistDate)> = vec![(label(fact), date)];
    let want = rng.random_range(3..=5usize);
    let mut candidates = distractors::facts(collection, card, pool, |other| other.date().is_some());
    candidates.shuffle(rng);
    for other in candidates {
        if items.len() == want {
            break;
        }
        let Some(d) = other.date() else { continue };
        if items
            .iter()
            .all(|(l, x)| differ(*x, d) && *l != label(other))
        {
            items.push((label(other), d));
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
    Question {
        card: index,
        prompt: "Put these in order, earliest first:".to_owned(),
        options,
        response: Response::Order { correct },
        answer,
    }
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

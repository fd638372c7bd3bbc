//! Options beside the right answer: other facts of the same kind, other dates.
use std::collections::HashSet;

use rand::{Rng, RngExt, seq::SliceRandom};

use crate::{
    answer::{Expected, equivalent},
    card::{Card, Collection, QuestionType},
    date::{HistDate, Precision},
    deck::{Fact, FactKind},
};

/// The answer among the distractors (up to four options, no two alike), shuffled; and
/// where the answer went.
pub(super) fn shuffled_with(
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
pub(super) fn facts<'c>(
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
pub(super) fn texts(collection: &Collection, card: &Card, rng: &mut impl Rng) -> Vec<String> {
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
pub(super) fn dates(date: HistDate, rng: &mut impl Rng) -> Vec<String> {
    let mut out: Vec<HistDate> = Vec::new();
    let mut tries = 0;
    while out.len() < 3 && tries < 100 {
        tries += 1;
        let years = rng.random_range(-4..=4i32);
        let candidate = match date.precision() {
            Precision::Decade => Some(HistDate::decade(date.get_year() + 10 * years)),
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

#[cfg(test)]
mod tests {
    use super::*;

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
                let d = dates(date, &mut rng);
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

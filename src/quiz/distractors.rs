//! Options beside the right answer, of the same kind as it: people of the same office and
//! country (else of the same country and era), offices of the same rank, dates of the same
//! period that do not point at the answer.
use std::collections::HashSet;

use rand::{
    Rng, RngExt,
    seq::{IndexedRandom, SliceRandom},
};

use crate::{
    answer::{Expected, equivalent, normalize},
    card::{Card, Collection, QuestionType, heads},
    date::{HistDate, Precision},
    deck::{Fact, FactKind},
};

/// A fact by its deck and its place in it.
pub(super) type At = (usize, usize);

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

/// Facts other than the card's (and than those in `exclude`) that pass `keep`: first from
/// the pool, optional facts (asked only on request) last, the card's own deck first,
/// nearest in time first; then from the whole collection.
pub(super) fn facts<'c>(
    collection: &'c Collection,
    card: &Card,
    pool: &[usize],
    exclude: &HashSet<At>,
    keep: impl Fn(&Fact) -> bool,
) -> Vec<(At, &'c Fact)> {
    let fact = collection.fact(card);
    let year = fact.date().map(|d| d.get_year());
    let mut seen = exclude.clone();
    seen.insert((card.deck, card.fact));
    let mut found: Vec<(bool, bool, bool, i32, At, &Fact)> = Vec::new();
    let all: Vec<usize> = (0..collection.cards.len()).collect();
    for (in_pool, indices) in [(true, pool), (false, all.as_slice())] {
        for &i in indices {
            let other = &collection.cards[i];
            let at = (other.deck, other.fact);
            if !seen.insert(at) {
                continue;
            }
            let f = collection.fact(other);
            if keep(f) {
                let distance = match (year, f.date()) {
                    (Some(a), Some(b)) => (a - b.get_year()).abs(),
                    _ => i32::MAX,
                };
                let optional = f.optional && !fact.optional;
                found.push((!in_pool, optional, other.deck != card.deck, distance, at, f));
            }
        }
    }
    found.sort_by_key(|(a, b, c, d, ..)| (*a, *b, *c, *d));
    found.into_iter().map(|(.., at, f)| (at, f)).collect()
}

/// The latest date the decks give, so that no option is later than everything taught.
pub(super) fn last_date(collection: &Collection) -> Option<HistDate> {
    collection
        .decks
        .iter()
        .flat_map(|d| &d.facts)
        .flat_map(|f| match &f.kind {
            FactKind::Event { date, until, .. } => [Some(*date), *until],
            FactKind::Leader { from, to, .. } => [*from, *to],
            _ => [f.date(), None],
        })
        .flatten()
        .max()
}

/// Whether `date` is later than `last` at the coarser of their precisions.
pub(super) fn after(date: HistDate, last: Option<HistDate>) -> bool {
    last.is_some_and(|last| {
        let p = date.precision().min(last.precision());
        date.truncate(p) > last.truncate(p)
    })
}

/// A person of the decks, with the year they are most named in.
struct Person<'c> {
    name: &'c str,
    aka: &'c [String],
    role: &'c str,
    country: &'c str,
    /// Every office (role, country), the first the one `role` and `country` give.
    offices: Vec<(&'c str, &'c str)>,
    year: Option<i32>,
    /// Asked only on request: such a person is an option only where too few others are.
    optional: bool,
}

impl Person<'_> {
    fn office(&self) -> String {
        format!("{} of {}", self.role, self.country)
    }

    /// Whether `role` of `country` may also be said of this person: one of their offices
    /// or one that overlaps it ("Leader" beside "President").
    fn may_hold(&self, role: &str, country: &str) -> bool {
        self.offices
            .iter()
            .any(|(r, c)| *c == country && crate::office::overlaps(r, role))
    }

    /// Whether one of this person's offices heads a state or a government.
    fn heads(&self) -> bool {
        self.offices.iter().any(|(r, _)| heads(r))
    }

    /// How much further down an option of `other` goes for a question about `self`: an
    /// optional person only where the others of the same kind run out.
    fn optional_beside(&self, other: &Person) -> u8 {
        u8::from(other.optional && !self.optional)
    }

    fn is(&self, name: &str) -> bool {
        std::iter::once(self.name)
            .chain(self.aka.iter().map(String::as_str))
            .any(|n| equivalent(n, name))
    }
}

/// Every person the decks give; their era is the middle year of their own dates and of the
/// facts that name them.
fn people(collection: &Collection) -> Vec<Person<'_>> {
    let facts: Vec<&Fact> = collection.decks.iter().flat_map(|d| &d.facts).collect();
    let texts: Vec<(Option<i32>, String)> = facts
        .iter()
        .map(|f| {
            let text = match &f.kind {
                FactKind::Event { what, people, .. } => format!("{what} {}", people.join(" ")),
                FactKind::Agreement {
                    parties, summary, ..
                } => format!("{summary} {}", parties.join(" ")),
                FactKind::Incident { summary, .. } => summary.clone(),
                _ => String::new(),
            };
            (f.date().map(|d| d.get_year()), normalize(&text))
        })
        .collect();
    facts
        .iter()
        .filter_map(|f| match &f.kind {
            FactKind::Leader {
                name,
                aka,
                role,
                country,
                from,
                to,
                offices,
                ..
            } => {
                let spellings: Vec<String> = std::iter::once(name)
                    .chain(aka)
                    .map(|n| normalize(n))
                    .filter(|n| n.len() > 3)
                    .collect();
                let mut years: Vec<i32> = [from, to]
                    .into_iter()
                    .flatten()
                    .map(|d| d.get_year())
                    .chain(texts.iter().filter_map(|(year, text)| {
                        spellings
                            .iter()
                            .any(|s| text.contains(s.as_str()))
                            .then_some(*year)?
                    }))
                    .collect();
                years.sort_unstable();
                let mut held: Vec<(&str, &str)> = vec![(role.as_str(), country.as_str())];
                held.extend(
                    offices
                        .iter()
                        .map(|o| (o.role.as_str(), o.country.as_str())),
                );
                Some(Person {
                    name,
                    aka,
                    role,
                    country,
                    offices: held,
                    year: years.get(years.len() / 2).copied(),
                    optional: f.optional,
                })
            }
            _ => None,
        })
        .collect()
}

fn years_apart(a: Option<i32>, b: Option<i32>) -> i32 {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs(),
        _ => 1000,
    }
}

/// How unlike the answer an option is: its kind (0 the closest), fewer words of the office
/// in common, more years apart.
type Rank = (u8, i32, i32);

/// How many words two offices share ("Blue House spokesperson", "Unification Ministry
/// spokesperson"), as a negative number so that more sorts first.
fn shared(a: &str, b: &str) -> i32 {
    let words = |s: &str| -> HashSet<String> {
        s.split_whitespace()
            .map(normalize)
            .filter(|w| !["of", "the", "to", "for", "and", "in", "at", "on"].contains(&w.as_str()))
            .collect()
    };
    -(words(a).intersection(&words(b)).count() as i32)
}

/// Three of `ranked` (closeness, option): all of the closest kinds, then at random among the
/// nearest of the next kind, so that the options vary without straying.
fn closest(mut ranked: Vec<(Rank, String)>, rng: &mut impl Rng) -> Vec<String> {
    ranked.sort_by_key(|(rank, _)| *rank);
    let mut unique: Vec<(Rank, String)> = Vec::new();
    for (rank, option) in ranked {
        if !unique.iter().any(|(_, o)| equivalent(o, &option)) {
            unique.push((rank, option));
        }
    }
    let Some(&((cut, ..), _)) = unique.get(2) else {
        return unique.into_iter().map(|(_, o)| o).collect();
    };
    let sure: Vec<String> = unique
        .iter()
        .filter(|((kind, ..), _)| *kind < cut)
        .map(|(_, o)| o.clone())
        .collect();
    let mut next: Vec<String> = unique
        .iter()
        .filter(|((kind, ..), _)| *kind == cut)
        .take(6 - sure.len())
        .map(|(_, o)| o.clone())
        .collect();
    next.shuffle(rng);
    let mut chosen: Vec<String> = sure.into_iter().chain(next).take(3).collect();
    chosen.shuffle(rng);
    chosen
}

/// One of the closest kind of `ranked`, at random among the nearest of that kind.
fn one_of_closest(mut ranked: Vec<(Rank, String)>, rng: &mut impl Rng) -> Option<String> {
    let best = ranked.iter().map(|((kind, ..), _)| *kind).min()?;
    ranked.retain(|((kind, ..), _)| *kind == best);
    closest(ranked, rng).into_iter().next()
}

/// Three other people for "name the ... who ...": of the same office and country where the
/// decks have enough, else of the same country and rank, nearest in era; then of the same
/// office or rank elsewhere. Never a head of state beside an official, or the reverse.
pub(super) fn persons(collection: &Collection, fact: &Fact, rng: &mut impl Rng) -> Vec<String> {
    let everyone = people(collection);
    let FactKind::Leader { name, .. } = &fact.kind else {
        return Vec::new();
    };
    let Some(me) = everyone.iter().find(|p| p.name == name) else {
        return Vec::new();
    };
    let ranked = everyone
        .iter()
        .filter(|p| !p.is(me.name) && !me.is(p.name) && heads(p.role) == heads(me.role))
        .map(|p| {
            let office = normalize(p.role) == normalize(me.role);
            let kind = match (p.country == me.country, office) {
                (true, true) => 0,
                (true, false) => 2,
                (false, true) => 4,
                (false, false) => 6,
            } + me.optional_beside(p);
            (
                (kind, shared(p.role, me.role), years_apart(p.year, me.year)),
                p.name.to_owned(),
            )
        })
        .collect();
    closest(ranked, rng)
}

/// Three other offices for "what office did ... hold": of the same rank, in the same country
/// first, as other people of the decks held them.
pub(super) fn offices(collection: &Collection, fact: &Fact, rng: &mut impl Rng) -> Vec<String> {
    let everyone = people(collection);
    let FactKind::Leader { name, .. } = &fact.kind else {
        return Vec::new();
    };
    let Some(me) = everyone.iter().find(|p| p.name == name) else {
        return Vec::new();
    };
    let ranked = everyone
        .iter()
        .filter(|p| heads(p.role) == heads(me.role) && !me.may_hold(p.role, p.country))
        .map(|p| {
            let kind = 2 * u8::from(p.country != me.country) + me.optional_beside(p);
            let rank = (kind, shared(p.role, me.role), years_apart(p.year, me.year));
            (rank, p.office())
        })
        .collect();
    closest(ranked, rng)
}

/// Another person's office for a false statement about `fact`'s person: another office
/// of the same country and rank (a real one, not this office elsewhere: no official is
/// called President, nor a President an official);
/// never one that may also be said of them (an office of theirs, a broader or overlapping
/// one), nor, for one who headed the state, another of its top offices, which pass between
/// the same few people (Kim Il Sung was Premier, then President).
pub(super) fn other_office(
    collection: &Collection,
    fact: &Fact,
    rng: &mut impl Rng,
) -> Option<(String, String)> {
    let everyone = people(collection);
    let FactKind::Leader { name, .. } = &fact.kind else {
        return None;
    };
    let me = everyone.iter().find(|p| p.name == name)?;
    let ranked = everyone
        .iter()
        .filter(|p| {
            p.country == me.country
                && heads(p.role) == heads(me.role)
                && !me.may_hold(p.role, p.country)
                && !(me.heads() && heads(p.role))
        })
        .map(|p| {
            let kind = me.optional_beside(p);
            let rank = (kind, shared(p.role, me.role), years_apart(p.year, me.year));
            (rank, p.role.to_owned())
        })
        .collect();
    let role = one_of_closest(ranked, rng)?;
    Some((role, me.country.to_owned()))
}

/// Another person of the same kind to sign in `name`'s place: of the same office and
/// country, nearest in era.
pub(super) fn stand_in(
    collection: &Collection,
    name: &str,
    besides: &[String],
    rng: &mut impl Rng,
) -> Option<String> {
    let everyone = people(collection);
    let me = everyone.iter().find(|p| p.is(name))?;
    let ranked = everyone
        .iter()
        .filter(|p| {
            p.country == me.country
                && heads(p.role) == heads(me.role)
                && !besides.iter().any(|b| p.is(b))
        })
        .map(|p| {
            let kind =
                2 * u8::from(normalize(p.role) != normalize(me.role)) + me.optional_beside(p);
            ((kind, 0, years_apart(p.year, me.year)), p.name.to_owned())
        })
        .collect();
    one_of_closest(ranked, rng)
}

/// Three other answers to the same question about facts of the same kind: the nearest in
/// time (and for leaders, of the same country), optional facts only where the others run
/// out, never an alias of the answer.
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
    let mut candidates: Vec<(bool, bool, i32, String)> = collection
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
                other.optional && !fact.optional,
                country.is_some() && other_country != country,
                distance,
                c.answer.clone(),
            )
        })
        .collect();
    candidates.sort();
    candidates.dedup_by(|a, b| equivalent(&a.3, &b.3));
    let mut near: Vec<String> = candidates.into_iter().take(6).map(|(.., a)| a).collect();
    near.shuffle(rng);
    near
}

/// Three dates at `date`'s precision, of the same period, that do not point at the answer:
/// the answer falls first, last or between at random; real dates of other facts where the
/// decks have them, else dates that differ from it in more than one part; none after the
/// decks' last date.
pub(super) fn dates(collection: &Collection, date: HistDate, rng: &mut impl Rng) -> Vec<String> {
    let last = last_date(collection);
    let mut real: Vec<HistDate> = collection
        .decks
        .iter()
        .flat_map(|d| &d.facts)
        .filter_map(Fact::date)
        .filter(|d| {
            d.precision() == date.precision()
                && super::differ(*d, date)
                && (d.get_year() - date.get_year()).abs() <= 15
                && !after(*d, last)
        })
        .collect();
    real.sort();
    real.dedup();
    let before = real.iter().filter(|d| **d < date).count();
    let later = real.len() - before;
    let room_after = last
        .map_or(6, |l| l.get_year() - date.get_year())
        .clamp(0, 6);
    // How many options come before the answer.
    let mut earlier = rng.random_range(0..=3usize);
    if room_after == 0 && later == 0 {
        earlier = 3;
    }
    let later_ones = side(&real, date, last, room_after, 3 - earlier, false, rng);
    // Where the decks end too soon after the answer, the rest go before it.
    let mut out = side(
        &real,
        date,
        last,
        room_after,
        3 - later_ones.len(),
        true,
        rng,
    );
    out.extend(later_ones);
    // A month or a day the answer shares with every option would show which it is.
    if date.precision() > Precision::Year && out.iter().all(|d| one_part(*d, date)) {
        for _ in 0..100 {
            let i = rng.random_range(0..out.len());
            let shift = if out[i] < date { -1 } else { 1 };
            if let Some(c) = synthetic(date, shift, rng)
                && !one_part(c, date)
                && (c < date) == (out[i] < date)
                && !after(c, last)
                && !out.contains(&c)
            {
                out[i] = c;
                break;
            }
        }
    }
    out.iter().map(ToString::to_string).collect()
}

/// `want` dates before (or after) `date`: real ones near it first, then made-up ones.
fn side(
    real: &[HistDate],
    date: HistDate,
    last: Option<HistDate>,
    room_after: i32,
    want: usize,
    earlier_side: bool,
    rng: &mut impl Rng,
) -> Vec<HistDate> {
    let mut out = Vec::new();
    let mut near: Vec<HistDate> = real
        .iter()
        .copied()
        .filter(|d| (*d < date) == earlier_side)
        .collect();
    // Nearest in days, so that the answer sits among them rather than apart.
    near.sort_by_key(|d| (d.first_day() - date.first_day()).num_days().abs());
    near.truncate(want + 3);
    near.shuffle(rng);
    out.extend(near.into_iter().take(want));
    let mut tries = 0;
    while out.len() < want && tries < 100 {
        tries += 1;
        let years = if earlier_side {
            -rng.random_range(0..=5i32)
        } else {
            rng.random_range(0..=room_after.max(0))
        };
        let candidate = synthetic(date, years, rng);
        if let Some(c) = candidate
            && super::differ(c, date)
            && (c < date) == earlier_side
            && !after(c, last)
            && !out.contains(&c)
        {
            out.push(c);
        }
    }
    out
}

/// `date` moved by `years`, with a month and day drawn afresh at its precision.
fn synthetic(date: HistDate, years: i32, rng: &mut impl Rng) -> Option<HistDate> {
    let year = date.get_year() + years;
    match date.precision() {
        Precision::Decade => Some(HistDate::decade(date.get_year() + 10 * years)),
        Precision::Year => Some(HistDate::year(year)),
        Precision::Month => HistDate::month(year, rng.random_range(1..=12)),
        Precision::Day => HistDate::day(year, rng.random_range(1..=12), rng.random_range(1..=28)),
    }
}

/// Whether `a` is `b` with one of its parts (year, month, day) changed.
fn one_part(a: HistDate, b: HistDate) -> bool {
    let parts = |d: HistDate| [Some(d.get_year() as u32), d.get_month(), d.get_day()];
    parts(a)
        .iter()
        .zip(parts(b))
        .filter(|(x, y)| **x != *y)
        .count()
        == 1
}

/// Another date of the same period for a false statement: a real date of another fact at
/// the same precision within a few years where the decks have one, else the year moved.
pub(super) fn other_date(collection: &Collection, date: HistDate, rng: &mut impl Rng) -> HistDate {
    let last = last_date(collection);
    let mut real: Vec<HistDate> = collection
        .decks
        .iter()
        .flat_map(|d| &d.facts)
        .filter_map(Fact::date)
        .filter(|d| {
            d.precision() == date.precision()
                && d.get_year() != date.get_year()
                && (d.get_year() - date.get_year()).abs() <= 5
                && !after(*d, last)
        })
        .collect();
    real.sort();
    real.dedup();
    if let Some(d) = real.choose(rng) {
        return *d;
    }
    let mut shifts = vec![-3, -2, -1, 1, 2, 3];
    shifts.retain(|s| !after(shift_year(date, *s), last));
    shift_year(date, *shifts.choose(rng).unwrap_or(&-1))
}

pub(super) fn shift_year(date: HistDate, years: i32) -> HistDate {
    let year = date.get_year() + years;
    match date.precision() {
        Precision::Decade => HistDate::decade(date.get_year() + 10 * years),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_distractors_keep_the_precision_and_the_period_and_never_repeat_the_answer() {
        use rand::SeedableRng;
        let collection = Collection::new(crate::deck::load_bundled().unwrap());
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        for date in [
            HistDate::year(1950),
            HistDate::month(2018, 4).unwrap(),
            HistDate::day(1953, 7, 27).unwrap(),
        ] {
            for _ in 0..50 {
                let d = dates(&collection, date, &mut rng);
                assert_eq!(d.len(), 3);
                assert!(!d.contains(&date.to_string()));
                let unique: HashSet<_> = d.iter().collect();
                assert_eq!(unique.len(), 3);
                for s in &d {
                    let parsed = crate::date::parse_typed_date(s).unwrap();
                    assert_eq!(parsed.precision(), date.precision());
                    assert!((parsed.get_year() - date.get_year()).abs() <= 15);
                }
            }
        }
    }
}

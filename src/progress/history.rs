//! What the log says once its changes of mind are applied: each card's answers, undone
//! ones taken back, and which cards are suspended.
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};

use super::log::{Entry, Record};
use crate::{
    grade::Grade,
    schedule::{CardState, Scheduler},
};

/// Below this many cards, replaying in one thread is as fast.
const PARALLEL_REPLAY: usize = 2_000;

#[derive(Debug, Default, PartialEq)]
pub struct History {
    /// Each card's answers, oldest first. (A log holds a million answers: foldhash
    /// hashes their card ids faster than the standard hasher, and the ids are the user's own.)
    answers: foldhash::HashMap<String, Vec<Answer>>,
    suspended: HashSet<String>,
}

/// What replaying needs of an answer: a log of a million answers is kept in a few dozen megabytes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Answer {
    pub at: DateTime<Utc>,
    pub grade: Grade,
    pub seconds: f32,
}

impl Answer {
    pub fn utc(&self) -> DateTime<Utc> {
        self.at
    }

    /// Always a grade; the same accessor as [`Record::grade`].
    pub fn grade(&self) -> Option<Grade> {
        Some(self.grade)
    }
}

/// The answers of `records` that stand, undone ones taken back, in log order: for what
/// the compact history leaves out, such as what was typed.
pub fn standing(records: &[Record]) -> Vec<&Record> {
    let mut by_card: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    for (i, r) in records.iter().enumerate() {
        match r.entry {
            Entry::Answer(_) => by_card.entry(&r.card).or_default().push(i),
            Entry::Undo => {
                if let Some(answers) = by_card.get_mut(r.card.as_str()) {
                    let undone = match r.undoes() {
                        Some((at, _)) => answers.iter().rposition(|&j| records[j].utc() == at),
                        None => answers.len().checked_sub(1),
                    };
                    if let Some(k) = undone {
                        answers.remove(k);
                    }
                }
            }
            Entry::Suspend | Entry::Unsuspend => {}
        }
    }
    let mut kept: Vec<usize> = by_card.into_values().flatten().collect();
    kept.sort_unstable();
    kept.into_iter().map(|i| &records[i]).collect()
}

impl History {
    /// `records` oldest first.
    pub fn new(records: impl IntoIterator<Item = Record>) -> Self {
        let mut history = Self::default();
        for record in records {
            history.apply(record);
        }
        history
    }

    pub(super) fn insert(&mut self, card: String, answers: Vec<Answer>) {
        self.answers.insert(card, answers);
    }

    pub(super) fn suspend(&mut self, card: String) {
        self.suspended.insert(card);
    }

    /// Applies one more line of the log. An undo takes back the card's latest answer at the
    /// time it names (these records are one device's, or already merged: see
    /// [`UserDir::read_log`](super::UserDir::read_log)).
    pub fn apply(&mut self, record: Record) {
        let undone = record.undoes().map(|(at, _)| at);
        self.enter(
            &record.card,
            record.entry,
            record.utc(),
            record.seconds,
            undone,
        );
    }

    fn enter(
        &mut self,
        card: &str,
        entry: Entry,
        at: DateTime<Utc>,
        seconds: f32,
        undone: Option<DateTime<Utc>>,
    ) {
        match entry {
            Entry::Answer(grade) => {
                let answer = Answer { at, grade, seconds };
                match self.answers.get_mut(card) {
                    Some(answers) => answers.push(answer),
                    None => {
                        self.answers.insert(card.to_owned(), vec![answer]);
                    }
                }
            }
            Entry::Undo => {
                if let Some(answers) = self.answers.get_mut(card) {
                    let undone = match undone {
                        Some(at) => answers.iter().rposition(|a| a.at == at),
                        None => answers.len().checked_sub(1),
                    };
                    if let Some(k) = undone {
                        answers.remove(k);
                    }
                }
            }
            Entry::Suspend => {
                self.suspended.insert(card.to_owned());
            }
            Entry::Unsuspend => {
                self.suspended.remove(card);
            }
        }
    }

    /// Takes out the answers dated after `latest`; returns how many there were.
    pub fn drop_after(&mut self, latest: DateTime<Utc>) -> usize {
        let mut dropped = 0;
        self.answers.retain(|_, answers| {
            let before = answers.len();
            answers.retain(|a| a.at <= latest);
            dropped += before - answers.len();
            !answers.is_empty()
        });
        dropped
    }

    pub fn answers(&self, card: &str) -> &[Answer] {
        self.answers.get(card).map_or(&[], Vec::as_slice)
    }

    /// Every card's answers.
    pub fn cards(&self) -> impl Iterator<Item = (&str, &[Answer])> {
        self.answers
            .iter()
            .map(|(card, answers)| (card.as_str(), answers.as_slice()))
    }

    pub fn is_suspended(&self, card: &str) -> bool {
        self.suspended.contains(card)
    }

    /// How many cards were first answered on scheduler day `day`, and every card answered on it.
    pub fn answered_on(&self, scheduler: &Scheduler, day: NaiveDate) -> (usize, Vec<&str>) {
        // Only answers within days of the day's start can fall on it (offsets are under a day):
        // the others need no conversion to local time.
        let start = scheduler.day_start(day).timestamp();
        let near = start - 3 * 86_400..start + 3 * 86_400;
        let on_day = |a: &Answer| near.contains(&a.at.timestamp()) && scheduler.day(a.at) == day;
        let mut introduced = 0;
        let mut answered = Vec::new();
        for (card, answers) in self.cards() {
            if answers.first().is_some_and(on_day) {
                introduced += 1;
            }
            if answers.iter().any(on_day) {
                answered.push(card);
            }
        }
        (introduced, answered)
    }

    /// The card's state, replayed from its answers.
    pub fn state(&self, scheduler: &Scheduler, card: &str) -> Option<CardState> {
        let answers = self.answers.get(card).filter(|a| !a.is_empty())?;
        Some(scheduler.replay(card, answers.iter().map(|a| (a.at, a.grade))))
    }

    /// Every answered card's state.
    pub fn states(&self, scheduler: &Scheduler) -> HashMap<String, CardState> {
        let cards: Vec<&String> = self.answers.keys().collect();
        let replay = |scheduler: &Scheduler, cards: &[&String]| -> Vec<(String, CardState)> {
            cards
                .iter()
                .filter_map(|&card| Some((card.clone(), self.state(scheduler, card)?)))
                .collect()
        };
        // Cards replay independently: a long log is shared out among the cores.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        if threads == 1 || cards.len() < PARALLEL_REPLAY {
            return replay(scheduler, &cards).into_iter().collect();
        }
        std::thread::scope(|scope| {
            let replay = &replay;
            let parts: Vec<_> = cards
                .chunks(cards.len().div_ceil(threads))
                .map(|part| {
                    let scheduler = scheduler.clone();
                    scope.spawn(move || replay(&scheduler, part))
                })
                .collect();
            parts
                .into_iter()
                .flat_map(|part| part.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::{grade::Grade, schedule::Options};

    fn at(minute: u32) -> chrono::DateTime<chrono::FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2026-11-21T10:{minute:02}:00Z")).unwrap()
    }

    #[test]
    fn undo_takes_back_the_latest_answer_and_suspension_can_be_lifted() {
        let history = History::new([
            Record::answer(at(0), "a/when", Grade::Again, 1.0, "1999"),
            Record::answer(at(1), "a/when", Grade::Good, 1.0, "2000"),
            Record::mark(at(2), "a/when", Entry::Undo),
            Record::mark(at(3), "b/when", Entry::Suspend),
            Record::mark(at(4), "c/when", Entry::Suspend),
            Record::mark(at(5), "c/when", Entry::Unsuspend),
            Record::mark(at(6), "d/when", Entry::Undo),
        ]);
        assert_eq!(history.answers("a/when").len(), 1);
        assert_eq!(history.answers("a/when")[0].grade, Grade::Again);
        assert!(history.is_suspended("b/when"));
        assert!(!history.is_suspended("c/when"));
        let scheduler = Scheduler::new(Options::default()).unwrap();
        let states = history.states(&scheduler);
        assert_eq!(states.len(), 1);
        assert_eq!(states["a/when"].reviews, 1);
    }
}

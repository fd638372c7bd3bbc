//! What a review session asks and in what order; no I/O.
use std::collections::{HashMap, HashSet, VecDeque};

use chrono::{DateTime, Duration, Utc};
use rand::{Rng, seq::SliceRandom};

use crate::{
    card::Collection,
    schedule::{CardState, Phase},
};

/// A card missed in a session comes back after this many others.
const REASK_AFTER: usize = 3;
/// Cards learning within the day are shown this early, as Anki's learn-ahead limit.
const LEARN_AHEAD: i64 = 20;

/// How much a session may hold.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub new: usize,
    pub total: Option<usize>,
}

pub struct Session {
    queue: VecDeque<usize>,
    pub due: usize,
    pub new: usize,
    asked: usize,
    answered: usize,
    first_answers: HashMap<usize, bool>,
    /// Answers kept this session, per card.
    answers_per_card: HashMap<usize, usize>,
    /// The card whose answer was just taken back, asked again next.
    retry: Option<usize>,
    /// The card being asked, if its answer was shown just before (an undo).
    shown: Option<usize>,
}

impl Session {
    /// Due cards first (shuffled, interleaved across decks), then up to `limits.new`
    /// new cards in deck order, interleaved, at most one per fact and none of a
    /// fact already studied today (`studied_today`, as (deck, fact)).
    pub fn plan(
        collection: &Collection,
        selected: &[usize],
        states: &HashMap<String, CardState>,
        studied_today: &HashSet<(usize, usize)>,
        now: DateTime<Utc>,
        limits: Limits,
        rng: &mut impl Rng,
    ) -> Self {
        let learn_ahead = now + Duration::minutes(LEARN_AHEAD);
        let mut due: Vec<usize> = Vec::new();
        let mut new: Vec<usize> = Vec::new();
        for &i in selected {
            match states.get(&collection.cards[i].id) {
                None => new.push(i),
                Some(state) => {
                    let horizon = if state.phase == Phase::Learning {
                        learn_ahead
                    } else {
                        now
                    };
                    if state.due.is_some_and(|d| d <= horizon) {
                        due.push(i);
                    }
                }
            }
        }
        due.shuffle(rng);
        let due = interleave(collection, due);

        // One new question per fact, picked at random so that every question of a fact gets its turn.
        new.shuffle(rng);
        let mut facts_seen: HashSet<(usize, usize)> = HashSet::new();
        new.retain(|&i| {
            let card = &collection.cards[i];
            let fact = (card.deck, card.fact);
            !studied_today.contains(&fact) && facts_seen.insert(fact)
        });
        new.sort_by_key(|&i| (collection.cards[i].deck, collection.cards[i].fact));
        let mut new = interleave(collection, new);
        new.truncate(limits.new);

        let mut queue: VecDeque<usize> = due.iter().chain(&new).copied().collect();
        if let Some(limit) = limits.total {
            queue.truncate(limit);
        }
        let due_count = due.len().min(queue.len());
        Self {
            due: due_count,
            new: queue.len() - due_count,
            queue,
            asked: 0,
            answered: 0,
            first_answers: HashMap::new(),
            answers_per_card: HashMap::new(),
            retry: None,
            shown: None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty() && self.asked == 0
    }

    pub fn pop(&mut self) -> Option<usize> {
        let card = self.queue.pop_front();
        self.shown = self.retry.take().filter(|&c| Some(c) == card);
        card
    }

    /// Puts back `card`, just popped and not answered, to be asked next.
    pub fn unpop(&mut self, card: usize) {
        self.retry = self.shown.take();
        self.queue.push_front(card);
    }

    /// Where the student is: (this question's number, questions in all so far).
    pub fn position(&self) -> (usize, usize) {
        (self.asked + 1, self.asked + 1 + self.queue.len())
    }

    /// Whether the student saw `card`'s answer just before answering it again (after an undo).
    pub fn answer_was_shown(&self, card: usize) -> bool {
        self.shown == Some(card)
    }

    /// Records an answer; a miss comes back later in the session until it is right.
    pub fn answered(&mut self, card: usize, correct: bool) {
        self.asked += 1;
        self.answered += 1;
        *self.answers_per_card.entry(card).or_default() += 1;
        self.first_answers.entry(card).or_insert(correct);
        if !correct {
            let at = REASK_AFTER.min(self.queue.len());
            self.queue.insert(at, card);
        }
    }

    /// The last answer to `card` was taken back: it is asked again now, its answer seen.
    pub fn undo(&mut self, card: usize) {
        self.remove(card);
        self.retry = Some(card);
        self.asked -= 1;
        self.answered -= 1;
        if let Some(n) = self.answers_per_card.get_mut(&card) {
            *n -= 1;
            if *n == 0 {
                self.first_answers.remove(&card);
            }
        }
        self.queue.push_front(card);
    }

    /// The last answer to `card` was regraded, right or wrong.
    pub fn regraded(&mut self, card: usize, correct: bool) {
        self.remove(card);
        if self.answers_per_card.get(&card) == Some(&1) {
            self.first_answers.insert(card, correct);
        }
        if !correct {
            let at = REASK_AFTER.min(self.queue.len());
            self.queue.insert(at, card);
        }
    }

    /// Takes `card` out of the rest of the session.
    pub fn remove(&mut self, card: usize) {
        self.queue.retain(|&c| c != card);
    }

    /// (cards seen, right the first time, answers given).
    pub fn tally(&self) -> (usize, usize, usize) {
        let right = self.first_answers.values().filter(|&&r| r).count();
        (self.first_answers.len(), right, self.answered)
    }

    pub fn remaining(&self) -> usize {
        self.queue.len()
    }
}

/// Round-robin across decks, keeping each deck's order.
fn interleave(collection: &Collection, cards: Vec<usize>) -> Vec<usize> {
    let mut by_deck: Vec<VecDeque<usize>> = vec![VecDeque::new(); collection.decks.len()];
    for i in cards {
        by_deck[collection.cards[i].deck].push_back(i);
    }
    let mut out = Vec::new();
    while by_deck.iter().any(|d| !d.is_empty()) {
        for deck in &mut by_deck {
            out.extend(deck.pop_front());
        }
    }
    out
}

//! Study statistics as pure functions of a user's history: card counts, retention,
//! reviews per day, the pictures drawn from them, and what a class report adds up.
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use crate::{
    answer::normalize,
    grade::Grade,
    progress::{History, Record, history::Answer},
    schedule::{CardState, Phase, Scheduler},
};

/// With an exam ahead, a card whose predicted recall on the exam day is at least this is mastered.
pub const MASTERED: f32 = 0.9;
/// Without one, a card whose stability is at least this many days is mastered, as Anki calls a
/// card with a 21-day interval mature: a week before an exam it is still very likely recalled.
pub const MASTERED_DAYS: f32 = 21.0;

/// A user's progress at one moment, as the statistics read it.
pub struct Snapshot<'a> {
    pub history: &'a History,
    pub states: &'a HashMap<String, CardState>,
    pub scheduler: &'a Scheduler,
    pub now: DateTime<Utc>,
    /// The exam studied for, if it is still ahead: mastery is then measured on that day.
    pub exam: Option<NaiveDate>,
}

/// Cards by where they stand; `mastered` overlaps the others.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub new: usize,
    pub learning: usize,
    pub review: usize,
    pub suspended: usize,
    /// See [`Snapshot::is_mastered`].
    pub mastered: usize,
}

impl Counts {
    pub fn total(&self) -> usize {
        self.new + self.learning + self.review + self.suspended
    }

    /// The share of the cards that is mastered.
    pub fn mastery(&self) -> Option<f64> {
        share(self.mastered as u32, self.total() as u32)
    }
}

/// Reviews answered right (Hard or better) out of those counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Retention {
    pub right: u32,
    pub reviews: u32,
}

impl Retention {
    pub fn rate(&self) -> Option<f64> {
        share(self.right, self.reviews)
    }
}

fn share(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) / f64::from(whole))
}

/// What was studied on one day.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Day {
    pub reviews: u32,
    pub seconds: f64,
}

impl Snapshot<'_> {
    /// The scheduler day it is now.
    pub fn today(&self) -> NaiveDate {
        self.scheduler.day(self.now)
    }

    fn day_of(&self, answer: &Answer) -> NaiveDate {
        self.scheduler.day(answer.utc())
    }

    /// `cards` by state: suspended first, then new (never answered), learning or review;
    /// and how many of them are mastered, suspended or not.
    pub fn counts<'c>(&self, cards: impl IntoIterator<Item = &'c str>) -> Counts {
        let mut counts = Counts::default();
        for card in cards {
            let state = self.states.get(card);
            if self.history.is_suspended(card) {
                counts.suspended += 1;
            } else {
                match state.map_or(Phase::New, |s| s.phase) {
                    Phase::New => counts.new += 1,
                    Phase::Learning => counts.learning += 1,
                    Phase::Review => counts.review += 1,
                }
            }
            if state.is_some_and(|s| self.is_mastered(s)) {
                counts.mastered += 1;
            }
        }
        counts
    }

    /// Mastered: predicted recall on the exam day of at least [`MASTERED`] when an exam is
    /// ahead, else a stability of at least [`MASTERED_DAYS`].
    pub fn is_mastered(&self, state: &CardState) -> bool {
        match self.exam.filter(|&exam| exam >= self.today()) {
            Some(exam) => self
                .scheduler
                .retrievability(state, self.scheduler.day_start(exam))
                .is_some_and(|r| r >= MASTERED),
            None => state.memory.is_some_and(|m| m.stability >= MASTERED_DAYS),
        }
    }

    /// True retention from day `from` to day `to`, both included: of each card, only
    /// the first answer of a day counts, and never the card's very first answer.
    pub fn retention<'c>(
        &self,
        cards: impl IntoIterator<Item = &'c str>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Retention {
        let mut retention = Retention::default();
        for card in cards {
            let answers = self.history.answers(card);
            for pair in answers.windows(2) {
                let day = self.day_of(&pair[1]);
                if day == self.day_of(&pair[0]) || day < from || day > to {
                    continue;
                }
                let Some(grade) = pair[1].grade() else {
                    continue;
                };
                retention.reviews += 1;
                retention.right += u32::from(grade >= Grade::Hard);
            }
        }
        retention
    }

    /// True retention of each of the last `weeks` weeks, the oldest first; the last
    /// week ends today.
    pub fn retention_by_week<'c>(
        &self,
        cards: impl IntoIterator<Item = &'c str> + Clone,
        weeks: usize,
    ) -> Vec<(NaiveDate, Retention)> {
        let today = self.today();
        (0..weeks as i64)
            .rev()
            .map(|k| {
                let to = today - Duration::days(7 * k);
                let from = to - Duration::days(6);
                (from, self.retention(cards.clone(), from, to))
            })
            .collect()
    }

    /// Answers and time spent on each day something was studied.
    pub fn per_day<'c>(
        &self,
        cards: impl IntoIterator<Item = &'c str>,
    ) -> BTreeMap<NaiveDate, Day> {
        let mut days: BTreeMap<NaiveDate, Day> = BTreeMap::new();
        for card in cards {
            for answer in self.history.answers(card) {
                let day = days.entry(self.day_of(answer)).or_default();
                day.reviews += 1;
                day.seconds += f64::from(answer.seconds);
            }
        }
        days
    }

    /// How many of `cards` fall due on each of the next `days` days, today first;
    /// overdue cards count as due today, suspended cards not at all.
    pub fn due_per_day<'c>(
        &self,
        cards: impl IntoIterator<Item = &'c str>,
        days: usize,
    ) -> Vec<u32> {
        let today = self.today();
        let mut due = vec![0; days];
        for card in cards {
            if self.history.is_suspended(card) {
                continue;
            }
            let Some(at) = self.states.get(card).and_then(|s| s.due) else {
                continue;
            };
            let ahead = (self.scheduler.day(at) - today).num_days().max(0);
            if let Some(n) = usize::try_from(ahead).ok().and_then(|i| due.get_mut(i)) {
                *n += 1;
            }
        }
        due
    }

    /// The `n` answered cards with the most lapses, then the highest FSRS difficulty: a card
    /// never missed after it was learnt never comes before one that was.
    pub fn hardest<'c>(&self, cards: impl IntoIterator<Item = &'c str>, n: usize) -> Vec<&'c str> {
        let mut answered: Vec<(&str, &CardState)> = cards
            .into_iter()
            .filter_map(|c| Some((c, self.states.get(c)?)))
            .collect();
        let difficulty = |s: &CardState| s.memory.map_or(0.0, |m| m.difficulty);
        answered.sort_by(|(a, sa), (b, sb)| {
            sb.lapses
                .cmp(&sa.lapses)
                .then(difficulty(sb).total_cmp(&difficulty(sa)))
                .then(a.cmp(b))
        });
        answered.into_iter().take(n).map(|(c, _)| c).collect()
    }

    /// Cards missed at least `lapses` times after they were learnt and not suspended,
    /// the most missed first.
    pub fn leeches<'c>(
        &self,
        cards: impl IntoIterator<Item = &'c str>,
        lapses: u32,
    ) -> Vec<&'c str> {
        let mut leeches: Vec<(&str, u32)> = cards
            .into_iter()
            .filter(|c| !self.history.is_suspended(c))
            .filter_map(|c| Some((c, self.states.get(c)?.lapses)))
            .filter(|&(_, n)| n >= lapses)
            .collect();
        leeches.sort_by(|(a, na), (b, nb)| nb.cmp(na).then(a.cmp(b)));
        leeches.into_iter().map(|(c, _)| c).collect()
    }

    /// Every answer (of any card) from day `from` to day `to`, both included.
    pub fn answers_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut n = 0;
        for (_, answers) in self.history.cards() {
            n += answers
                .iter()
                .filter(|a| (from..=to).contains(&self.day_of(a)))
                .count() as u32;
        }
        n
    }

    /// The last day anything was answered.
    pub fn last_study_day(&self) -> Option<NaiveDate> {
        self.history
            .cards()
            .filter_map(|(_, answers)| answers.last())
            .map(|a| self.day_of(a))
            .max()
    }
}

/// Days in a row with reviews, up to today; a day is not lost before it is over,
/// so with nothing studied yet today the streak runs up to yesterday.
pub fn streak(days: &BTreeMap<NaiveDate, Day>, today: NaiveDate) -> u32 {
    let studied = |d: NaiveDate| days.get(&d).is_some_and(|d| d.reviews > 0);
    let mut day = if studied(today) {
        today
    } else {
        today - Duration::days(1)
    };
    let mut streak = 0;
    while studied(day) {
        streak += 1;
        day -= Duration::days(1);
    }
    streak
}

/// Reviews a day over whole weeks (Monday to Sunday) up to the week of today.
#[derive(Clone, Debug, PartialEq)]
pub struct Calendar {
    /// The Monday of the first week.
    pub first_day: NaiveDate,
    /// Each week's reviews, Monday first; `None` for the days after today.
    pub weeks: Vec<[Option<u32>; 7]>,
}

pub const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

impl Calendar {
    /// The last `weeks` weeks, the last one holding today.
    pub fn new(days: &BTreeMap<NaiveDate, Day>, today: NaiveDate, weeks: usize) -> Self {
        let monday = today - Duration::days(today.weekday().num_days_from_monday().into());
        let first_day = monday - Duration::weeks(weeks as i64 - 1);
        let weeks = (0..weeks as i64)
            .map(|w| {
                std::array::from_fn(|d| {
                    let day = first_day + Duration::days(7 * w + d as i64);
                    (day <= today).then(|| days.get(&day).map_or(0, |d| d.reviews))
                })
            })
            .collect();
        Self { first_day, weeks }
    }

    /// The most reviews on one day.
    pub fn busiest(&self) -> u32 {
        self.weeks
            .iter()
            .flatten()
            .flatten()
            .copied()
            .max()
            .unwrap_or(0)
    }

    /// A line of month names over the weeks, then one line per weekday: `·` for a day
    /// without reviews, `░▒▓█` by reviews that day, a blank for days still to come.
    pub fn lines(&self) -> Vec<String> {
        let busiest = self.busiest();
        // Month names are ASCII, so bytes are columns. A month that starts too close to
        // the previous label takes its place: the older month then has a week at most.
        let mut months = String::from("    ");
        let mut label_start = 0;
        let mut previous = None;
        for w in 0..self.weeks.len() {
            let monday = self.first_day + Duration::weeks(w as i64);
            let column = 4 + 2 * w;
            if previous != Some(monday.month()) {
                if months.len() >= column {
                    months.truncate(label_start);
                }
                months.extend(std::iter::repeat_n(' ', column - months.len()));
                label_start = months.len();
                months.push_str(&monday.format("%b").to_string());
            }
            previous = Some(monday.month());
        }
        let mut lines = vec![months.trim_end().to_owned()];
        for (d, name) in WEEKDAYS.iter().enumerate() {
            let mut line = format!("{name} ");
            for week in &self.weeks {
                line.push(week[d].map_or(' ', |n| shade(n, busiest)));
                line.push(' ');
            }
            lines.push(line.trim_end().to_owned());
        }
        lines
    }

    /// What each shade stands for: (shade, fewest, most reviews).
    pub fn legend(&self) -> Vec<(char, u32, u32)> {
        let busiest = self.busiest();
        (1..=4u32)
            .filter_map(|k| {
                let low = (k - 1) * busiest / 4 + 1;
                let high = k * busiest / 4;
                (low <= high).then(|| (SHADES[k as usize - 1], low, high))
            })
            .collect()
    }
}

const SHADES: [char; 4] = ['░', '▒', '▓', '█'];
const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// `·` for none, else one of `░▒▓█` in proportion to `max`.
pub fn shade(n: u32, max: u32) -> char {
    if n == 0 || max == 0 {
        return '·';
    }
    SHADES[(4 * n.min(max)).div_ceil(max) as usize - 1]
}

/// A blank for none, else one of `▁▂▃▄▅▆▇█` in proportion to `max`.
pub fn bar(n: u32, max: u32) -> char {
    if n == 0 || max == 0 {
        return ' ';
    }
    BARS[(8 * n.min(max)).div_ceil(max) as usize - 1]
}

/// One character per rate: `▁` at 50% or less up to `█` at 100%; `·` where there is none.
pub fn sparkline(rates: &[Option<f64>]) -> String {
    rates
        .iter()
        .map(|rate| match rate {
            None => '·',
            Some(r) => {
                let level = ((r - 0.5) / 0.5 * 8.0).ceil().clamp(1.0, 8.0);
                BARS[level as usize - 1]
            }
        })
        .collect()
}

/// "42s", "3m 05s", "1h 20m".
pub fn duration(seconds: f64) -> String {
    let s = seconds.round() as u64;
    match s {
        0..60 => format!("{s}s"),
        60..3600 => format!("{}m {:02}s", s / 60, s % 60),
        _ => format!("{}h {:02}m", s / 3600, s % 3600 / 60),
    }
}

/// The wrong answers typed most often, the same answer however it was spelt
/// counted together under its commonest spelling; blanks left out.
pub fn common_answers<'t>(
    typed: impl IntoIterator<Item = &'t str>,
    n: usize,
) -> Vec<(String, usize)> {
    let mut groups: HashMap<String, HashMap<&str, usize>> = HashMap::new();
    for t in typed {
        let t = t.trim();
        if !t.is_empty() {
            *groups
                .entry(normalize(t))
                .or_default()
                .entry(t)
                .or_default() += 1;
        }
    }
    let mut answers: Vec<(String, usize)> = groups
        .into_values()
        .map(|spellings| {
            let total = spellings.values().sum();
            let commonest = spellings
                .into_iter()
                .max_by(|(a, na), (b, nb)| na.cmp(nb).then(b.cmp(a)))
                .map(|(s, _)| s.to_owned())
                .unwrap_or_default();
            (commonest, total)
        })
        .collect();
    answers.sort_by(|(a, na), (b, nb)| nb.cmp(na).then(a.cmp(b)));
    answers.truncate(n);
    answers
}

/// One card's Again answers across a class.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Missed {
    pub misses: u32,
    /// How many students missed it.
    pub students: u32,
    /// What was typed in the Again answers.
    pub typed: Vec<String>,
}

/// Adds one student's Again answers (`standing`: the answers that stand in their log) of
/// `cards` to `missed`.
pub fn add_misses<'c>(
    missed: &mut BTreeMap<String, Missed>,
    standing: &[&Record],
    cards: impl IntoIterator<Item = &'c str>,
) {
    let mut again: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for r in standing.iter().filter(|r| r.grade() == Some(Grade::Again)) {
        again.entry(r.card.as_str()).or_default().push(&r.typed);
    }
    for card in cards {
        let Some(typed) = again.get(card) else {
            continue;
        };
        let entry = missed.entry(card.to_owned()).or_default();
        entry.misses += typed.len() as u32;
        entry.students += 1;
        entry.typed.extend(typed.iter().map(|t| (*t).to_owned()));
    }
}

/// The `n` cards missed most often, then by the most students.
pub fn most_missed(missed: &BTreeMap<String, Missed>, n: usize) -> Vec<(&str, &Missed)> {
    let mut cards: Vec<(&str, &Missed)> = missed.iter().map(|(c, m)| (c.as_str(), m)).collect();
    cards.sort_by(|(a, ma), (b, mb)| {
        (mb.misses, mb.students)
            .cmp(&(ma.misses, ma.students))
            .then(a.cmp(b))
    });
    cards.truncate(n);
    cards
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, FixedOffset};

    use super::*;
    use crate::{progress::Entry, schedule::Options};

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn scheduler() -> Scheduler {
        Scheduler::new(Options {
            fuzz: false,
            rollover_hour: 0,
            ..Options::default()
        })
        .unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// `a`: good on day 1, again and good on day 3, good on day 10.
    /// `b`: again, hard on day 9 (first answer and a same-day one: neither counts).
    fn history() -> History {
        History::new(records())
    }

    fn records() -> Vec<Record> {
        vec![
            Record::answer(at("2026-11-01T10:00:00Z"), "a", Grade::Good, 5.0, "x"),
            Record::answer(at("2026-11-03T10:00:00Z"), "a", Grade::Again, 7.0, "y"),
            Record::answer(at("2026-11-03T10:05:00Z"), "a", Grade::Good, 3.0, "x"),
            Record::answer(at("2026-11-09T10:00:00Z"), "b", Grade::Again, 2.0, "1999"),
            Record::answer(at("2026-11-09T10:10:00Z"), "b", Grade::Hard, 2.0, "2000"),
            Record::answer(at("2026-11-10T10:00:00Z"), "a", Grade::Good, 4.0, "x"),
            Record::mark(at("2026-11-10T11:00:00Z"), "c", Entry::Suspend),
        ]
    }

    fn with_snapshot<T>(f: impl FnOnce(&Snapshot) -> T) -> T {
        let history = history();
        let scheduler = scheduler();
        let states = history.states(&scheduler);
        f(&Snapshot {
            history: &history,
            states: &states,
            scheduler: &scheduler,
            now: at("2026-11-10T12:00:00Z").with_timezone(&Utc),
            exam: None,
        })
    }

    fn card(lapses: u32, stability: f32, difficulty: f32, last_review: &str) -> CardState {
        CardState {
            phase: Phase::Review,
            memory: Some(fsrs::MemoryState {
                stability,
                difficulty,
            }),
            reviews: lapses + 3,
            lapses,
            last_review: Some(at(last_review).with_timezone(&Utc)),
            ..CardState::default()
        }
    }

    #[test]
    fn mastered_means_a_stability_of_three_weeks_or_recall_on_the_exam_day() {
        let history = History::default();
        let scheduler = scheduler();
        let states: HashMap<String, CardState> = [
            ("firm", card(0, 30.0, 5.0, "2026-11-09T10:00:00Z")),
            ("just", card(0, 21.0, 5.0, "2026-11-09T10:00:00Z")),
            // Recalled today at 99%, but not for long.
            ("fresh", card(0, 4.0, 5.0, "2026-11-10T10:00:00Z")),
            ("new", CardState::default()),
        ]
        .into_iter()
        .map(|(c, s)| (c.to_owned(), s))
        .collect();
        let mut s = Snapshot {
            history: &history,
            states: &states,
            scheduler: &scheduler,
            now: at("2026-11-10T12:00:00Z").with_timezone(&Utc),
            exam: None,
        };
        let cards = ["firm", "just", "fresh", "new"];
        assert_eq!(s.counts(cards).mastered, 2, "firm and just");
        // Two days ahead, `fresh` is still at 90% or more; a month ahead, only `firm` is.
        s.exam = Some(day("2026-11-12"));
        assert_eq!(s.counts(cards).mastered, 3);
        s.exam = Some(day("2026-12-10"));
        assert_eq!(
            s.counts(cards).mastered,
            0,
            "30 days of stability ends at 90%"
        );
        s.exam = Some(day("2026-12-01"));
        assert_eq!(s.counts(cards).mastered, 1);
        // An exam that has passed changes nothing.
        s.exam = Some(day("2026-11-01"));
        assert_eq!(s.counts(cards).mastered, 2);
    }

    #[test]
    fn the_hardest_cards_are_those_missed_most_then_the_most_difficult() {
        let history = History::default();
        let scheduler = scheduler();
        let states: HashMap<String, CardState> = [
            (
                "never-missed-but-difficult",
                card(0, 1.0, 9.9, "2026-11-09T10:00:00Z"),
            ),
            (
                "missed-once-easy",
                card(1, 50.0, 1.0, "2026-11-09T10:00:00Z"),
            ),
            (
                "missed-once-harder",
                card(1, 50.0, 6.0, "2026-11-09T10:00:00Z"),
            ),
            ("missed-twice", card(2, 90.0, 2.0, "2026-11-09T10:00:00Z")),
            ("easy", card(0, 9.0, 1.0, "2026-11-09T10:00:00Z")),
        ]
        .into_iter()
        .map(|(c, s)| (c.to_owned(), s))
        .collect();
        let s = Snapshot {
            history: &history,
            states: &states,
            scheduler: &scheduler,
            now: at("2026-11-10T12:00:00Z").with_timezone(&Utc),
            exam: None,
        };
        let mut cards: Vec<&str> = states.keys().map(String::as_str).collect();
        cards.push("unanswered");
        assert_eq!(
            s.hardest(cards, 10),
            [
                "missed-twice",
                "missed-once-harder",
                "missed-once-easy",
                "never-missed-but-difficult",
                "easy"
            ]
        );
    }

    #[test]
    fn true_retention_counts_first_answers_of_a_day_after_the_first_ever() {
        with_snapshot(|s| {
            let all = s.retention(["a", "b", "c"], day("2026-11-01"), day("2026-11-10"));
            assert_eq!(
                all,
                Retention {
                    right: 1,
                    reviews: 2
                }
            );
            assert_eq!(all.rate(), Some(0.5));
            let last_week = s.retention(["a", "b"], day("2026-11-04"), day("2026-11-10"));
            assert_eq!(
                last_week,
                Retention {
                    right: 1,
                    reviews: 1
                }
            );
            let weeks = s.retention_by_week(["a", "b"], 3);
            assert_eq!(weeks[0].0, day("2026-10-21"));
            let counted: Vec<u32> = weeks.iter().map(|(_, r)| r.reviews).collect();
            assert_eq!(counted, [0, 1, 1]);
        });
    }

    #[test]
    fn counts_reviews_days_streak_and_the_hardest() {
        with_snapshot(|s| {
            let counts = s.counts(["a", "b", "c", "d"]);
            let by_state = (counts.new, counts.learning, counts.review, counts.suspended);
            assert_eq!(by_state, (1, 1, 1, 1), "b was missed today: learning");
            assert_eq!(counts.total(), 4);
            let days = s.per_day(["a", "b"]);
            assert_eq!(days.len(), 4);
            assert_eq!(days[&day("2026-11-03")].reviews, 2);
            assert_eq!(days[&day("2026-11-03")].seconds, 10.0);
            assert_eq!(streak(&days, day("2026-11-10")), 2);
            assert_eq!(streak(&days, day("2026-11-11")), 2, "today is not over");
            assert_eq!(streak(&days, day("2026-11-12")), 0);
            assert_eq!(s.answers_between(day("2026-11-03"), day("2026-11-09")), 4);
            assert_eq!(s.last_study_day(), Some(day("2026-11-10")));
            assert_eq!(s.hardest(["a", "b", "c"], 10)[0], "a", "a lapsed once");
            assert_eq!(s.leeches(["a", "b"], 1), ["a"]);
            let due = s.due_per_day(["a", "b", "c"], 30);
            assert_eq!(due.iter().sum::<u32>(), 2);
        });
    }

    #[test]
    fn the_calendar_has_weeks_as_columns_and_shades_by_reviews() {
        let mut days = BTreeMap::new();
        for (d, n) in [("2026-11-02", 8), ("2026-11-10", 2), ("2026-11-11", 0)] {
            days.insert(
                day(d),
                Day {
                    reviews: n,
                    seconds: 0.0,
                },
            );
        }
        let calendar = Calendar::new(&days, day("2026-11-11"), 3);
        assert_eq!(calendar.first_day, day("2026-10-26"));
        assert_eq!(calendar.weeks.len(), 3);
        assert_eq!(calendar.weeks[1][0], Some(8));
        assert_eq!(calendar.weeks[2][1], Some(2));
        assert_eq!(calendar.weeks[2][3], None, "Thursday is to come");
        assert_eq!(
            calendar.lines(),
            [
                "      Nov",
                "Mon · █ ·",
                "Tue · · ░",
                "Wed · · ·",
                "Thu · ·",
                "Fri · ·",
                "Sat · ·",
                "Sun · ·",
            ]
        );
        assert_eq!(
            calendar.legend(),
            [('░', 1, 2), ('▒', 3, 4), ('▓', 5, 6), ('█', 7, 8)]
        );
    }

    #[test]
    fn shades_bars_and_sparklines_scale_to_the_most() {
        assert_eq!(shade(0, 10), '·');
        assert_eq!(shade(1, 10), '░');
        assert_eq!(shade(10, 10), '█');
        let bars: String = (0..=8).map(|n| bar(n, 8)).collect();
        assert_eq!(bars, " ▁▂▃▄▅▆▇█");
        assert_eq!(
            sparkline(&[None, Some(0.2), Some(0.75), Some(0.9), Some(1.0)]),
            "·▁▄▇█"
        );
        assert_eq!(duration(42.4), "42s");
        assert_eq!(duration(185.0), "3m 05s");
        assert_eq!(duration(4800.0), "1h 20m");
    }

    #[test]
    fn common_wrong_answers_group_spellings() {
        let typed = ["1999", "Seoul", " seoul", "seoul", "", "1999", "Busan"];
        assert_eq!(
            common_answers(typed, 2),
            [("seoul".to_owned(), 3), ("1999".to_owned(), 2)]
        );
    }

    #[test]
    fn misses_add_up_across_students() {
        let mut missed = BTreeMap::new();
        let records = records();
        let standing = crate::progress::history::standing(&records);
        add_misses(&mut missed, &standing, ["a", "b", "c"]);
        add_misses(&mut missed, &standing, ["b"]);
        assert_eq!(
            missed["b"],
            Missed {
                misses: 2,
                students: 2,
                typed: vec!["1999".into(), "1999".into()]
            }
        );
        let top: Vec<&str> = most_missed(&missed, 5).iter().map(|(c, _)| *c).collect();
        assert_eq!(top, ["b", "a"]);
    }
}

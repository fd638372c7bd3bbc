//! FSRS scheduling as Anki does it with no learning steps, as pure functions.
//!
//! A card's state is never stored: it is replayed from the review log.
use std::cell::RefCell;

use chrono::{DateTime, Datelike, Duration, Local, NaiveDate, Offset, TimeZone, Utc};
use fsrs::{FSRS, ItemState, MemoryState, NextStates};

use crate::grade::Grade;

/// Scheduling settings, fixed for a session.
#[derive(Clone, Debug)]
pub struct Options {
    pub desired_retention: f32,
    pub parameters: Vec<f32>,
    pub fuzz: bool,
    /// The hour (local time) at which a new day starts.
    pub rollover_hour: u32,
    pub maximum_interval: u32,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            desired_retention: 0.9,
            parameters: fsrs::DEFAULT_PARAMETERS.to_vec(),
            fuzz: true,
            rollover_hour: 4,
            maximum_interval: 36500,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    New,
    /// Due again within the day (a miss whose next interval rounds to zero days).
    Learning,
    Review,
}

/// What the log says about one card.
#[derive(Clone, Debug, PartialEq)]
pub struct CardState {
    pub phase: Phase,
    pub memory: Option<MemoryState>,
    pub reviews: u32,
    pub lapses: u32,
    pub last_review: Option<DateTime<Utc>>,
    pub due: Option<DateTime<Utc>>,
    /// Days to the next review: whole days in review, a fraction while learning.
    pub interval: f32,
}

impl Default for CardState {
    fn default() -> Self {
        Self {
            phase: Phase::New,
            memory: None,
            reviews: 0,
            lapses: 0,
            last_review: None,
            due: None,
            interval: 0.0,
        }
    }
}

#[derive(Clone)]
pub struct Scheduler {
    model: Model,
    options: Options,
    /// Local time conversions, remembered: asking the system's time zone for every
    /// answer of a long log was most of the time a replay took.
    local: RefCell<LocalTime>,
}

/// The local offset of each UTC day on which it does not change, and where days begin.
#[derive(Clone, Default)]
struct LocalTime {
    /// Seconds east of UTC, by days since 1970 (UTC).
    offsets: foldhash::HashMap<i64, Option<i32>>,
    /// By day number (see [`Scheduler::day_number`]).
    day_starts: foldhash::HashMap<i64, DateTime<Utc>>,
}

/// 1970-01-01, counted in days from 1 January of year 1.
const UNIX_EPOCH_FROM_CE: i64 = 719_163;

impl Scheduler {
    pub fn new(options: Options) -> Result<Self, String> {
        let model = Model::new(&options.parameters, options.desired_retention)
            .map_err(|e| format!("invalid FSRS parameters: {e}"))?;
        Ok(Self {
            model,
            options,
            local: RefCell::default(),
        })
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The scheduler day `t` falls on: days start at the rollover hour, local time.
    pub fn day(&self, t: DateTime<Utc>) -> NaiveDate {
        date_of(self.day_number(t))
    }

    /// [`Self::day`] as a number of days since 1970-01-01: a replay does its day arithmetic
    /// on these, as chrono's on dates was a fifth of its time.
    fn day_number(&self, t: DateTime<Utc>) -> i64 {
        // The local date of the instant `rollover_hour` hours before `t`.
        let shifted = t.timestamp() - i64::from(self.options.rollover_hour) * 3600;
        (shifted + i64::from(self.local_offset(shifted))).div_euclid(86_400)
    }

    /// The local offset, in seconds east of UTC, at `secs` seconds since 1970 (UTC).
    fn local_offset(&self, secs: i64) -> i32 {
        let at = |secs: i64| {
            DateTime::from_timestamp(secs, 0).map_or(0, |t| {
                Local
                    .offset_from_utc_datetime(&t.naive_utc())
                    .fix()
                    .local_minus_utc()
            })
        };
        let utc_day = secs.div_euclid(86_400);
        let offset = *self
            .local
            .borrow_mut()
            .offsets
            .entry(utc_day)
            .or_insert_with(|| {
                let (first, next) = (at(utc_day * 86_400), at((utc_day + 1) * 86_400));
                // A day whose offset changes (summer time) is converted answer by answer.
                (first == next).then_some(first)
            });
        offset.unwrap_or_else(|| at(secs))
    }

    /// When scheduler day `day` begins.
    pub fn day_start(&self, day: NaiveDate) -> DateTime<Utc> {
        self.day_start_of(i64::from(day.num_days_from_ce()) - UNIX_EPOCH_FROM_CE)
    }

    fn day_start_of(&self, day: i64) -> DateTime<Utc> {
        *self
            .local
            .borrow_mut()
            .day_starts
            .entry(day)
            .or_insert_with(|| {
                let naive = date_of(day).and_hms_opt(0, 0, 0).unwrap_or_default()
                    + Duration::hours(self.options.rollover_hour.into());
                Local
                    .from_local_datetime(&naive)
                    .earliest()
                    .map_or_else(|| Utc.from_utc_datetime(&naive), |t| t.with_timezone(&Utc))
            })
    }

    /// What each grade would do to `state` if answered at `at`.
    pub fn next_states(&self, state: &CardState, at: DateTime<Utc>) -> NextStates {
        let elapsed = self.elapsed_days(state, self.day_number(at));
        let next = |grade| self.next_state(state.memory, elapsed, grade);
        NextStates {
            again: next(Grade::Again),
            hard: next(Grade::Hard),
            good: next(Grade::Good),
            easy: next(Grade::Easy),
        }
    }

    /// Scheduler days from the card's last review to day number `today`.
    fn elapsed_days(&self, state: &CardState, today: i64) -> u32 {
        let elapsed = state
            .last_review
            .map_or(0, |last| (today - self.day_number(last)).max(0));
        u32::try_from(elapsed).unwrap_or(u32::MAX)
    }

    /// The `grade` member of the fsrs crate's `next_states`, computed alone: a replay needs
    /// one grade's state, or three grades' intervals, of the four that `next_states`
    /// computes for every answer. (Equal to it bit for bit: see the tests.)
    fn next_state(&self, memory: Option<MemoryState>, elapsed: u32, grade: Grade) -> ItemState {
        let rating = u32::from(grade.as_u8());
        let step = |memory: Option<MemoryState>, elapsed: u32| {
            let memory = self.model.memory_state(rating, elapsed, memory)?;
            let interval = self.model.next_interval(memory.stability);
            Some(ItemState { memory, interval })
        };
        // Only non-finite memory states fail; start the card afresh rather than stop.
        step(memory, elapsed)
            .or_else(|| step(None, 0))
            .expect("FSRS schedules a new card")
    }

    /// The state after answering `card_id` with `grade` at `at`.
    pub fn answer(
        &self,
        card_id: &str,
        state: &CardState,
        grade: Grade,
        at: DateTime<Utc>,
    ) -> CardState {
        let today = self.day_number(at);
        let elapsed = self.elapsed_days(state, today);
        let next = |grade| self.next_state(state.memory, elapsed, grade);
        let chosen = next(grade);
        let mut after = CardState {
            memory: Some(chosen.memory),
            reviews: state.reviews + 1,
            lapses: state.lapses + u32::from(state.phase == Phase::Review && grade == Grade::Again),
            last_review: Some(at),
            ..CardState::default()
        };
        let fuzz = self
            .options
            .fuzz
            .then(|| fuzz_factor(card_id, state.reviews));
        let max = self.options.maximum_interval;
        let days = if state.phase == Phase::Review && grade != Grade::Again {
            // Anki keeps the passing buttons in order: hard >= 1, good > hard, easy > good.
            let interval = |g| {
                if g == grade {
                    chosen.interval
                } else {
                    next(g).interval
                }
            };
            let hard = constrain(interval(Grade::Hard), 1, max, fuzz);
            let good = || constrain(interval(Grade::Good), hard + 1, max, fuzz);
            Some(match grade {
                Grade::Hard => hard,
                Grade::Good => good(),
                _ => constrain(chosen.interval, good() + 1, max, fuzz),
            })
        } else if chosen.interval < 0.5 {
            None
        } else {
            Some(constrain(chosen.interval, 1, max, fuzz))
        };
        match days {
            Some(days) => {
                after.phase = Phase::Review;
                after.interval = days as f32;
                after.due = Some(self.day_start_of(today + i64::from(days)));
            }
            None => {
                after.phase = Phase::Learning;
                after.interval = chosen.interval;
                after.due = Some(
                    at + Duration::milliseconds((f64::from(chosen.interval) * 86_400_000.0) as i64),
                );
            }
        }
        after
    }

    /// Replays a card's reviews, oldest first.
    pub fn replay(
        &self,
        card_id: &str,
        reviews: impl IntoIterator<Item = (DateTime<Utc>, Grade)>,
    ) -> CardState {
        reviews
            .into_iter()
            .fold(CardState::default(), |state, (at, grade)| {
                self.answer(card_id, &state, grade, at)
            })
    }

    /// The predicted chance of recalling the card at `at`.
    pub fn retrievability(&self, state: &CardState, at: DateTime<Utc>) -> Option<f32> {
        let (memory, last) = (state.memory?, state.last_review?);
        let days = (at - last).num_seconds().max(0) as f32 / 86_400.0;
        let decay = self
            .options
            .parameters
            .get(20)
            .copied()
            .unwrap_or(fsrs::FSRS6_DEFAULT_DECAY);
        Some(fsrs::current_retrievability(memory, days, decay))
    }
}

/// FSRS-6's arithmetic for one review, as the fsrs crate does it (`FSRS::memory_state` of a
/// one-review item, then `next_interval`), operation for operation so that its results are
/// the crate's bit for bit (see the tests); with what is the same for every answer worked
/// out once, and only the branch the grade takes computed. Going through the crate, a
/// replay computed some forty powers and exponentials an answer, most of them constants.
#[derive(Clone, Debug)]
struct Model {
    w: [f32; 21],
    /// -w20, and the forgetting curve's factor for it.
    decay: f32,
    factor: f32,
    /// `desired_retention^(1 / decay) - 1`, of the next interval.
    retention_term: f32,
    /// `e^w8`, `init_difficulty(4)`, `e^(w17 w18)`.
    w8_exp: f32,
    easy_difficulty: f32,
    failure_floor: f32,
}

const S_MIN: f32 = 0.001;
const S_MAX: f32 = 36500.0;
const D_MIN: f32 = 1.0;
const D_MAX: f32 = 10.0;

impl Model {
    /// As `FSRS::new` checks, fills in and clips the parameters.
    fn new(parameters: &[f32], desired_retention: f32) -> Result<Self, fsrs::FSRSError> {
        // Validated as the crate validates them, error for error.
        FSRS::new(parameters)?;
        let filled = fsrs::check_and_fill_parameters(parameters)?;
        let mut w = [0.0; 21];
        w.copy_from_slice(&filled);
        // fsrs' `clip_parameters(_, 1, false)`: one relearning step, no short-term floor.
        let clamps: [(f32, f32); 21] = [
            (S_MIN, 100.0),
            (S_MIN, 100.0),
            (S_MIN, 100.0),
            (S_MIN, 100.0),
            (D_MIN, D_MAX),
            (0.001, 4.0),
            (0.001, 4.0),
            (0.001, 0.75),
            (0.0, 4.5),
            (0.0, 0.8),
            (0.001, 3.5),
            (0.001, 5.0),
            (0.001, 0.25),
            (0.001, 0.9),
            (0.0, 4.0),
            (0.0, 1.0),
            (1.0, 6.0),
            (0.0, 2.0),
            (0.0, 2.0),
            (0.0, 0.8),
            (0.1, 0.8),
        ];
        for (w, (low, high)) in w.iter_mut().zip(clamps) {
            *w = w.clamp(low, high);
        }
        let decay = -w[20];
        let factor = (0.9f32.ln() / decay).exp() - 1.0;
        Ok(Self {
            w,
            decay,
            factor,
            retention_term: desired_retention.powf(1.0 / decay) - 1.0,
            w8_exp: w[8].exp(),
            easy_difficulty: init_difficulty(&w, 4),
            failure_floor: (w[17] * w[18]).exp(),
        })
    }

    fn next_interval(&self, stability: f32) -> f32 {
        stability / self.factor * self.retention_term
    }

    /// The memory state after a review rated `rating` `elapsed` days after the last, from
    /// `memory` (`None`: the card's first review); `None` if it is not finite.
    fn memory_state(
        &self,
        rating: u32,
        elapsed: u32,
        memory: Option<MemoryState>,
    ) -> Option<MemoryState> {
        let state = match memory {
            Some(state) => self.step(elapsed as f32, rating as f32, state),
            None if rating == 0 => MemoryState {
                stability: S_MIN,
                difficulty: D_MIN,
            },
            None => {
                let rating = rating.clamp(1, 4) as usize;
                MemoryState {
                    stability: self.w[rating - 1].clamp(S_MIN, S_MAX),
                    difficulty: init_difficulty(&self.w, rating).clamp(D_MIN, D_MAX),
                }
            }
        };
        (state.stability.is_finite() && state.difficulty.is_finite()).then_some(state)
    }

    /// fsrs' `step` for the first review of an item that starts from `state`.
    fn step(&self, delta_t: f32, rating: f32, state: MemoryState) -> MemoryState {
        let w = &self.w;
        if rating == 0.0 {
            return MemoryState {
                stability: state.stability.clamp(S_MIN, S_MAX).clamp(S_MIN, S_MAX),
                difficulty: state.difficulty.clamp(D_MIN, D_MAX),
            };
        }
        if state.stability == 0.0 {
            let init = (rating as u32).clamp(1, 4) as usize;
            return MemoryState {
                stability: self.w[init - 1].clamp(S_MIN, S_MAX),
                difficulty: init_difficulty(w, init).clamp(D_MIN, D_MAX),
            };
        }
        let last_s = state.stability.clamp(S_MIN, S_MAX);
        let last_d = state.difficulty.clamp(D_MIN, D_MAX);
        let new_s = if delta_t == 0.0 {
            let sinc = (w[17] * (rating - 3.0 + w[18])).exp() * last_s.powf(-w[19]);
            last_s * if rating >= 2.0 { sinc.max(1.0) } else { sinc }
        } else {
            let r = (delta_t / last_s * self.factor + 1.0).powf(self.decay);
            if rating == 1.0 {
                let new_s = w[11]
                    * last_d.powf(-w[12])
                    * ((last_s + 1.0).powf(w[13]) - 1.0)
                    * ((1.0 - r) * w[14]).exp();
                new_s.min(last_s / self.failure_floor)
            } else {
                let hard_penalty = if rating == 2.0 { w[15] } else { 1.0 };
                let easy_bonus = if rating == 4.0 { w[16] } else { 1.0 };
                last_s
                    * (self.w8_exp
                        * (11.0 - last_d)
                        * last_s.powf(-w[9])
                        * (((1.0 - r) * w[10]).exp() - 1.0)
                        * hard_penalty
                        * easy_bonus
                        + 1.0)
            }
        };
        let delta_d = -w[6] * (rating - 3.0);
        let new_d = last_d + (10.0 - last_d) * delta_d / 9.0;
        let new_d = (w[7] * (self.easy_difficulty - new_d) + new_d).clamp(D_MIN, D_MAX);
        MemoryState {
            stability: new_s.clamp(S_MIN, S_MAX),
            difficulty: new_d,
        }
    }
}

fn init_difficulty(w: &[f32; 21], rating: usize) -> f32 {
    w[4] - (w[5] * rating.saturating_sub(1) as f32).exp() + 1.0
}

/// What studying for an exam on `exam` needs, from `today`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExamPlan {
    pub days_left: i64,
    /// New cards to introduce each day so that all are learnt with days to spare.
    pub new_per_day: usize,
    /// Cards whose next review falls after the exam but whose predicted recall on
    /// the exam day is below the desired retention: they are due now.
    pub brought_forward: Vec<usize>,
}

impl Scheduler {
    /// Plans for an exam: `cards` are (index, state) of the selection, `None` for new cards.
    /// New cards are spread over the days left but the last two, which are kept for review.
    pub fn exam_plan(
        &self,
        cards: &[(usize, Option<&CardState>)],
        now: DateTime<Utc>,
        exam: NaiveDate,
    ) -> ExamPlan {
        let today = self.day(now);
        let days_left = (exam - today).num_days().max(0);
        let exam_start = self.day_start(exam);
        let new = cards.iter().filter(|(_, s)| s.is_none()).count();
        let spread = usize::try_from((days_left - 2).max(1)).unwrap_or(1);
        let brought_forward = cards
            .iter()
            .filter_map(|(i, state)| {
                let state = (*state)?;
                let after = state.due.is_some_and(|due| due > now && due >= exam_start);
                let r = self.retrievability(state, exam_start)?;
                (after && r < self.options.desired_retention).then_some(*i)
            })
            .collect();
        ExamPlan {
            days_left,
            new_per_day: new.div_ceil(spread),
            brought_forward,
        }
    }
}

fn date_of(day: i64) -> NaiveDate {
    i32::try_from(day + UNIX_EPOCH_FROM_CE)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or(if day < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
}

/// Rounds an FSRS interval to whole days within `[minimum, maximum]`, fuzzed
/// the way Anki fuzzes review intervals when `fuzz` is given.
fn constrain(interval: f32, minimum: u32, maximum: u32, fuzz: Option<f32>) -> u32 {
    let minimum = minimum.min(maximum);
    let Some(factor) = fuzz else {
        return (interval.round() as u32).clamp(minimum, maximum);
    };
    let delta = fuzz_delta(interval);
    let mut lower = ((interval - delta).round() as u32).clamp(minimum, maximum);
    let mut upper = ((interval + delta).round() as u32).clamp(minimum, maximum);
    if upper == lower && upper > 2 && upper < maximum {
        upper = lower + 1;
    }
    lower = lower.min(upper);
    (lower as f32 + factor * (1 + upper - lower) as f32).floor() as u32
}

/// How far either side of an interval Anki's fuzz may move it.
fn fuzz_delta(interval: f32) -> f32 {
    if interval < 2.5 {
        return 0.0;
    }
    const RANGES: [(f32, f32, f32); 3] =
        [(2.5, 7.0, 0.15), (7.0, 20.0, 0.1), (20.0, f32::MAX, 0.05)];
    1.0 + RANGES
        .iter()
        .map(|&(start, end, factor)| factor * (interval.min(end) - start).max(0.0))
        .sum::<f32>()
}

/// A number in [0, 1) fixed by the card and its review count, so that
/// replaying the log always fuzzes the same way.
fn fuzz_factor(card_id: &str, reviews: u32) -> f32 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in card_id.bytes().chain(reviews.to_le_bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (hash >> 40) as f32 / (1u64 << 24) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn plain() -> Scheduler {
        Scheduler::new(Options {
            fuzz: false,
            rollover_hour: 0,
            ..Options::default()
        })
        .unwrap()
    }

    #[test]
    fn a_new_card_answered_good_follows_the_fsrs_crate() {
        let s = plain();
        let state = s.replay("c", [(at("2025-01-01T12:00:00Z"), Grade::Good)]);
        let expected = FSRS::new(&fsrs::DEFAULT_PARAMETERS)
            .unwrap()
            .next_states(None, 0.9, 0)
            .unwrap()
            .good;
        assert_eq!(state.memory, Some(expected.memory));
        assert_eq!(state.phase, Phase::Review);
        assert_eq!(state.interval, expected.interval.round());
        assert_eq!(state.reviews, 1);
    }

    proptest::proptest! {
        /// Computing one grade at a time gives what the crate's `next_states` gives, bit for
        /// bit, with the default parameters and with others (which the crate clips).
        #[test]
        fn one_grade_at_a_time_is_the_fsrs_crates_next_states_bit_for_bit(
            stability in 0.0001f32..40000.0,
            difficulty in 0.5f32..11.0,
            new in proptest::bool::weighted(0.1),
            elapsed in proptest::prop_oneof![0u32..3, 0u32..40, 0u32..20000],
            retention in 0.7f32..0.99,
            kind in 0..4u8,
            random in proptest::collection::vec(-1.0f32..10.0, 21),
        ) {
            // The defaults, an optimised set, and any numbers at all (the crate clips them),
            // in FSRS-6's 21 and FSRS-4.5's 19.
            let parameters = match kind {
                0 => fsrs::DEFAULT_PARAMETERS.to_vec(),
                1 => vec![
                    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666,
                    0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658,
                    0.1542,
                ],
                2 => random.clone(),
                _ => random[..19].to_vec(),
            };
            let s = Scheduler::new(Options {
                desired_retention: retention,
                parameters: parameters.clone(),
                ..Options::default()
            })
            .unwrap();
            let memory = (!new).then_some(MemoryState { stability, difficulty });
            // Parameters that make a state non-finite are the crate's error, and not compared.
            let Ok(all) = FSRS::new(&parameters)
                .unwrap()
                .next_states(memory, retention, elapsed)
            else {
                return Ok(());
            };
            for (grade, want) in [
                (Grade::Again, all.again),
                (Grade::Hard, all.hard),
                (Grade::Good, all.good),
                (Grade::Easy, all.easy),
            ] {
                let got = s.next_state(memory, elapsed, grade);
                let bits = |i: &ItemState| {
                    (i.memory.stability.to_bits(), i.memory.difficulty.to_bits(), i.interval.to_bits())
                };
                proptest::prop_assert_eq!(bits(&got), bits(&want), "{:?}", grade);
            }
        }
    }

    #[test]
    fn a_miss_on_a_new_card_stays_within_the_day() {
        let s = plain();
        let state = s.replay("c", [(at("2025-01-01T12:00:00Z"), Grade::Again)]);
        assert_eq!(state.phase, Phase::Learning);
        let due = state.due.unwrap();
        assert!(
            due > at("2025-01-01T12:00:00Z") && due < at("2025-01-01T18:00:00Z"),
            "{due}"
        );
        assert_eq!(state.lapses, 0, "a miss while learning is not a lapse");
    }

    #[test]
    fn review_intervals_keep_the_buttons_in_order() {
        for grades in [
            [Grade::Good, Grade::Hard],
            [Grade::Good, Grade::Good],
            [Grade::Easy, Grade::Easy],
        ] {
            let s = plain();
            let first = s.replay("c", [(at("2025-01-01T12:00:00Z"), grades[0])]);
            let t = first.due.unwrap() + Duration::hours(12);
            let next = s.next_states(&first, t);
            let hard = s.answer("c", &first, Grade::Hard, t).interval;
            let good = s.answer("c", &first, Grade::Good, t).interval;
            let easy = s.answer("c", &first, Grade::Easy, t).interval;
            assert!(
                hard >= 1.0 && good > hard && easy > good,
                "{hard} {good} {easy} from {next:?}"
            );
        }
    }

    #[test]
    fn a_lapse_is_counted_on_review_cards() {
        let s = plain();
        let state = s.replay(
            "c",
            [
                (at("2025-01-01T12:00:00Z"), Grade::Good),
                (at("2025-01-05T12:00:00Z"), Grade::Again),
            ],
        );
        assert_eq!(state.lapses, 1);
    }

    #[test]
    fn same_day_reviews_use_zero_elapsed_days() {
        let s = plain();
        let t0 = at("2025-01-01T09:00:00Z");
        let t1 = at("2025-01-01T09:10:00Z");
        let state = s.replay("c", [(t0, Grade::Again), (t1, Grade::Good)]);
        let f = FSRS::new(&fsrs::DEFAULT_PARAMETERS).unwrap();
        let again = f.next_states(None, 0.9, 0).unwrap().again.memory;
        let good = f.next_states(Some(again), 0.9, 0).unwrap().good.memory;
        assert_eq!(state.memory, Some(good));
    }

    #[test]
    fn an_exam_plan_spreads_new_cards_and_brings_forward_what_would_be_forgotten() {
        let s = plain();
        let now = at("2026-11-21T10:00:00Z");
        let exam = NaiveDate::from_ymd_opt(2026, 12, 11).unwrap();
        // Reviewed long ago with a short stability, and due (as fuzz may make it) after the exam.
        let weak = CardState {
            phase: Phase::Review,
            memory: Some(MemoryState {
                stability: 5.0,
                difficulty: 5.0,
            }),
            reviews: 3,
            lapses: 0,
            last_review: Some(at("2026-11-15T10:00:00Z")),
            due: Some(at("2026-12-20T04:00:00Z")),
            interval: 35.0,
        };
        let strong = CardState {
            memory: Some(MemoryState {
                stability: 400.0,
                difficulty: 3.0,
            }),
            ..weak.clone()
        };
        let due_soon = CardState {
            due: Some(at("2026-11-25T04:00:00Z")),
            ..weak.clone()
        };
        let mut cards: Vec<(usize, Option<&CardState>)> =
            vec![(0, Some(&weak)), (1, Some(&strong)), (2, Some(&due_soon))];
        cards.extend((3..40).map(|i| (i, None)));
        let plan = s.exam_plan(&cards, now, exam);
        assert_eq!(plan.days_left, 20);
        assert_eq!(plan.new_per_day, 37usize.div_ceil(18));
        assert_eq!(plan.brought_forward, [0]);
        assert!(s.retrievability(&strong, s.day_start(exam)).unwrap() > 0.9);
    }

    #[test]
    fn an_exam_tomorrow_asks_for_every_new_card_today() {
        let s = plain();
        let cards: Vec<(usize, Option<&CardState>)> = (0..30).map(|i| (i, None)).collect();
        let plan = s.exam_plan(
            &cards,
            at("2026-11-21T10:00:00Z"),
            NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        );
        assert_eq!((plan.days_left, plan.new_per_day), (1, 30));
    }

    #[test]
    fn fuzz_is_deterministic_and_stays_near_the_interval() {
        for ivl in [1.0f32, 2.4, 3.0, 10.0, 50.0, 400.0] {
            for reviews in 0..50 {
                let f = fuzz_factor("card/when", reviews);
                assert!((0.0..1.0).contains(&f));
                let days = constrain(ivl, 1, 36500, Some(f));
                assert_eq!(days, constrain(ivl, 1, 36500, Some(f)));
                let delta = fuzz_delta(ivl) + 1.0;
                assert!((days as f32 - ivl).abs() <= delta, "{ivl} -> {days}");
            }
        }
        assert_eq!(
            constrain(2.0, 1, 36500, Some(0.99)),
            2,
            "no fuzz below 2.5 days"
        );
    }
}

//! Fitting a user's own FSRS parameters to their review log, as Anki does.
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use fsrs::{
    CombinedProgressState, ComputeParametersInput, FSRS, FSRSError, FSRSItem, FSRSReview,
    ModelEvaluation,
};

use crate::{progress::History, schedule::Scheduler};

/// The fsrs crate trains nothing on fewer items than this: below 64 it only estimates
/// the first four parameters (the initial stabilities), below 8 it returns the defaults.
pub const MIN_ITEMS: usize = 64;

/// What the optimizer learns from: one item per answer that follows an answer of the
/// same card on an earlier day, holding every earlier answer of the card. Each review's
/// `delta_t` is the number of study days since the one before (0 for the first answer
/// and for answers on the same day), as Anki builds them for training. Sorted by the
/// time of their last answer: the crate weighs recent items more.
pub fn training_items(history: &History, scheduler: &Scheduler) -> Vec<FSRSItem> {
    let mut items: Vec<(DateTime<Utc>, &str, FSRSItem)> = Vec::new();
    for (card, answers) in history.cards() {
        let graded: Vec<(DateTime<Utc>, u32)> = answers
            .iter()
            .filter_map(|a| Some((a.utc(), u32::from(a.grade()?.as_u8()))))
            .collect();
        let mut reviews = Vec::with_capacity(graded.len());
        let mut previous: Option<chrono::NaiveDate> = None;
        for &(at, rating) in &graded {
            let day = scheduler.day(at);
            let delta_t = previous.map_or(0, |p| (day - p).num_days().max(0) as u32);
            previous = Some(day);
            reviews.push(FSRSReview { rating, delta_t });
            if reviews.len() > 1 && delta_t > 0 {
                items.push((
                    at,
                    card,
                    FSRSItem {
                        reviews: reviews.clone(),
                    },
                ));
            }
        }
    }
    items.sort_by(|(a, ca, _), (b, cb, _)| a.cmp(b).then(ca.cmp(cb)));
    items.into_iter().map(|(_, _, item)| item).collect()
}

/// Fits parameters to `items`; `progress` follows the training.
pub fn fit(
    items: Vec<FSRSItem>,
    progress: Arc<Mutex<CombinedProgressState>>,
) -> Result<Vec<f32>, FSRSError> {
    fsrs::compute_parameters(ComputeParametersInput {
        train_set: items,
        progress: Some(progress),
        ..ComputeParametersInput::default()
    })
}

/// How well `parameters` predict `items`: log loss and RMSE over bins, lower is better.
pub fn evaluate(parameters: &[f32], items: &[FSRSItem]) -> Result<ModelEvaluation, FSRSError> {
    FSRS::new(parameters)?.evaluate(items.to_vec(), |_| true)
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::{
        grade::Grade,
        progress::{Entry, Record},
        schedule::Options,
    };

    #[test]
    fn items_follow_answers_on_later_days_with_day_deltas() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
        let history = History::new([
            Record::answer(at("2026-11-01T10:00:00Z"), "a", Grade::Again, 1.0, ""),
            Record::answer(at("2026-11-01T10:05:00Z"), "a", Grade::Good, 1.0, ""),
            Record::answer(at("2026-11-03T10:00:00Z"), "a", Grade::Good, 1.0, ""),
            Record::answer(at("2026-11-03T10:00:00Z"), "b", Grade::Easy, 1.0, ""),
            Record::answer(at("2026-11-10T09:00:00Z"), "a", Grade::Hard, 1.0, ""),
            Record::answer(at("2026-11-10T09:30:00Z"), "a", Grade::Good, 1.0, ""),
            Record::mark(at("2026-11-10T09:31:00Z"), "a", Entry::Undo),
        ]);
        let scheduler = Scheduler::new(Options {
            rollover_hour: 0,
            ..Options::default()
        })
        .unwrap();
        let items = training_items(&history, &scheduler);
        let review = |rating, delta_t| FSRSReview { rating, delta_t };
        assert_eq!(
            items,
            [
                FSRSItem {
                    reviews: vec![review(1, 0), review(3, 0), review(3, 2)]
                },
                FSRSItem {
                    reviews: vec![review(1, 0), review(3, 0), review(3, 2), review(2, 7)]
                },
            ],
            "b's only answer and the undone one make no item"
        );
    }
}

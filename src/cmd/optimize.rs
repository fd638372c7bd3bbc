//! `recall optimize`: fit FSRS parameters to the user's own reviews.
use std::{
    process::ExitCode,
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    thread,
    time::Duration,
};

use fsrs::{CombinedProgressState, FSRSError, ModelEvaluation};
use indicatif::{ProgressBar, ProgressStyle};

use super::{scheduler, warn_log};
use crate::{
    cli::{Global, OptimizeArgs},
    error::{Error, Result},
    optimizer::{self, MIN_ITEMS},
    progress::{History, UserDir, settings},
};

pub fn run(global: &Global, args: OptimizeArgs) -> Result<ExitCode> {
    let user = UserDir::resolve(global)?;
    let settings = user.settings()?;
    let scheduler = scheduler(&settings)?;
    let (records, problems) = user.read_log()?;
    warn_log(&problems);
    let history = History::new(records);
    let items = optimizer::training_items(&history, &scheduler);
    let too_few = || {
        Error::Usage(format!(
            "`{}` has {} review{} of cards seen on an earlier day; fitting FSRS parameters needs at least {MIN_ITEMS}\n  = help: keep reviewing with the default parameters, and optimize later",
            user.user,
            items.len(),
            if items.len() == 1 { "" } else { "s" }
        ))
    };
    if items.len() < MIN_ITEMS {
        return Err(too_few());
    }
    outln!(
        "Fitting FSRS parameters to {} reviews of `{}`…",
        items.len(),
        user.user
    );
    let fitted = match fit_with_progress_bar(items.clone()) {
        Err(FSRSError::NotEnoughData) => return Err(too_few()),
        other => other.map_err(|e| Error::Usage(format!("the FSRS optimizer failed: {e:?}")))?,
    };

    let evaluate = |parameters: &[f32]| {
        optimizer::evaluate(parameters, &items)
            .map_err(|e| Error::Usage(format!("could not evaluate FSRS parameters: {e:?}")))
    };
    let default = evaluate(&fsrs::DEFAULT_PARAMETERS)?;
    let current = settings.parameters.as_deref().map(evaluate).transpose()?;
    let new = evaluate(&fitted)?;
    outln!();
    outln!("parameters        log loss  RMSE (bins)");
    let row = |name: &str, e: &ModelEvaluation| {
        outln!(
            "{name:<16}  {:>8.4}  {:>10.2}%",
            e.log_loss,
            e.rmse_bins * 100.0
        );
    };
    row("default", &default);
    if let Some(current) = &current {
        row("your current", current);
    }
    row("fitted", &new);
    outln!("(on the same {} reviews; lower is better)", items.len());
    let values: Vec<String> = fitted.iter().map(|p| format!("{p:.4}")).collect();
    outln!("fitted: {}", values.join(", "));
    outln!();

    let (in_use, name) = match &current {
        Some(current) => (current, "your current parameters"),
        None => (&default, "the default parameters"),
    };
    if new.log_loss >= in_use.log_loss {
        outln!(
            "The fitted parameters predict your reviews no better than {name}; settings unchanged."
        );
    } else if args.dry_run {
        outln!(
            "The fitted parameters predict your reviews better than {name}; --dry-run: settings unchanged."
        );
    } else {
        let path = settings::save_parameters(&user.path, &fitted)?;
        outln!(
            "The fitted parameters predict your reviews better than {name}; saved to `{}`. Reviews are scheduled with them from now on.",
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs the optimizer with a progress bar on stderr (drawn only on a terminal).
fn fit_with_progress_bar(items: Vec<fsrs::FSRSItem>) -> Result<Vec<f32>, FSRSError> {
    let progress = CombinedProgressState::new_shared();
    let bar = ProgressBar::new(0).with_style(
        ProgressStyle::with_template("{bar:40.cyan/blue} {percent:>3}% {elapsed}")
            .expect("a valid progress template"),
    );
    let done = Arc::new(AtomicBool::new(false));
    let watcher = {
        let (progress, bar, done) = (progress.clone(), bar.clone(), done.clone());
        thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                thread::sleep(Duration::from_millis(100));
                let state = progress.lock().expect("progress lock");
                bar.set_length(state.total() as u64);
                bar.set_position(state.current() as u64);
            }
        })
    };
    let fitted = optimizer::fit(items, progress);
    done.store(true, Ordering::Relaxed);
    let _ = watcher.join();
    bar.finish_and_clear();
    fitted
}

//! `recall review`: the main job. Ask what is due, check, schedule, save each answer.
use std::{
    collections::{HashMap, HashSet},
    path::PathBuf,
    process::ExitCode,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use console::style;
use rand::{SeedableRng, rngs::StdRng};

use super::{LogRead, load_collection, read_progress, scheduler, warn_log};
use crate::{
    Clock,
    answer::Verdict,
    card::{Card, Collection},
    cli::{Global, ReviewArgs},
    error::Result,
    grade::Grade,
    progress::{Entry, History, Record, Settings, UserDir, Writer, device_name},
    prompt::{Followup, Prompter},
    quiz::{self, Question, Response},
    schedule::{CardState, Scheduler},
    seed_from_env,
    session::{Limits, Session},
    show,
};

/// Everything an answer changes: the log on disk, the history and the card's state.
struct Progress<'a> {
    writer: Writer,
    history: History,
    states: HashMap<String, CardState>,
    scheduler: &'a Scheduler,
    saved: Arc<AtomicUsize>,
}

impl Progress<'_> {
    /// Appends `record` to the log (on disk before anything else happens), then applies it.
    fn save(&mut self, record: Record) -> Result<&CardState> {
        self.writer.append(&record)?;
        if matches!(record.entry, Entry::Answer(_)) {
            self.saved.fetch_add(1, Ordering::SeqCst);
        }
        let card = record.card.clone();
        self.history.apply(record);
        let state = self
            .history
            .state(self.scheduler, &card)
            .unwrap_or_default();
        self.states.insert(card.clone(), state);
        Ok(&self.states[&card])
    }

    /// Takes back the card's latest answer: the one this session just gave.
    fn undo(&mut self, at: DateTime<chrono::FixedOffset>, card: &str) -> Result<()> {
        let Some(last) = self.history.answers(card).last() else {
            return Ok(());
        };
        let record = Record::undo(at, card, last.at, &self.writer.device);
        self.save(record).map(|_| ())
    }
}

pub fn run(global: &Global, args: ReviewArgs) -> Result<ExitCode> {
    // The decks load while the logs are read: the two longest waits before the first
    // question, and neither needs the other.
    let (collection, read) = std::thread::scope(|scope| {
        let decks = scope.spawn(|| load_collection(global));
        let read = read_before_lock(global);
        let decks = decks.join();
        (decks.unwrap_or_else(|p| std::panic::resume_unwind(p)), read)
    });
    let collection = collection?;
    let clock = Clock::from_env()?;
    let mut rng = StdRng::seed_from_u64(seed_from_env()?);
    let BeforeLock {
        user,
        settings,
        scheduler,
        sizes,
        read,
    } = read?;
    let types = if args.types.is_empty() {
        &settings.question_types
    } else {
        &args.types
    };
    let mut selected = collection.select(&args.deck_ids, &args.tags, types)?;
    if !args.optional {
        collection.drop_optional(&mut selected);
    }
    let writer = user.open_writer(&device_name())?;
    // Read again, locked, if another session appended while the logs were being read.
    // (This device's log, if begun just now, holds nothing to read.)
    let unread = |sizes: &mut Vec<(PathBuf, u64)>| {
        if writer.begun {
            sizes.retain(|(path, _)| *path != writer.path);
        }
    };
    let (mut before, mut now) = (sizes, user.log_sizes()?);
    unread(&mut before);
    unread(&mut now);
    let (history, mut states, problems) = if now == before {
        read
    } else {
        read_progress(&user, &scheduler)?
    };
    warn_log(&problems);
    let selected: Vec<usize> = selected
        .into_iter()
        .filter(|&i| !history.is_suspended(&collection.cards[i].id))
        .collect();

    let start = clock.now();
    let now = start.with_timezone(&Utc);
    let today = scheduler.day(now);
    let (introduced_today, studied_today) = today_so_far(&collection, &history, &scheduler, today);
    let mut new_limit = args
        .new
        .unwrap_or_else(|| settings.new_per_day.saturating_sub(introduced_today));
    let mut prompter = Prompter::detect();
    if let Some(exam) = args.exam_date.or_else(|| settings.exam_day()) {
        let (note, exam_new) = plan_for_exam(
            &collection,
            &selected,
            &mut states,
            &scheduler,
            &settings,
            now,
            exam,
        );
        if args.new.is_none() {
            new_limit = new_limit.max(exam_new.saturating_sub(introduced_today));
        }
        prompter.say(note);
    }
    let mut session = Session::plan(
        &collection,
        &selected,
        &states,
        &studied_today,
        now,
        Limits {
            new: new_limit,
            total: args.limit,
        },
        &mut rng,
    );
    if session.is_empty() {
        let next = selected
            .iter()
            .filter_map(|&i| states.get(&collection.cards[i].id)?.due)
            .min();
        match next {
            Some(next) => prompter.say(format!(
                "Nothing is due for `{}`. The next card is due {}.",
                user.user,
                next.with_timezone(&chrono::Local)
                    .format("%-d %B %Y at %H:%M")
            )),
            None => prompter.say("Nothing to study: no new cards are left today."),
        }
        return Ok(ExitCode::SUCCESS);
    }
    prompter.say(format!(
        "Reviewing as `{}`: {} due, {} new.",
        user.user, session.due, session.new
    ));

    let saved = Arc::new(AtomicUsize::new(0));
    let on_interrupt = Arc::clone(&saved);
    // Ctrl-C at a prompt: every answer so far is already on disk.
    let _ = ctrlc::set_handler(move || {
        let n = on_interrupt.load(Ordering::SeqCst);
        eoutln!(
            "\ninterrupted: {n} answer{} saved",
            if n == 1 { "" } else { "s" }
        );
        // The cursor dialoguer hid comes back: on the terminal, never into a pipe.
        if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
            let _ = console::Term::stdout().show_cursor();
        }
        std::process::exit(130);
    });
    let mut progress = Progress {
        writer,
        history,
        states,
        scheduler: &scheduler,
        saved,
    };

    let mut stopped_early = false;
    while let Some(i) = session.pop() {
        let card = &collection.cards[i];
        let (n, total) = session.position();
        prompter.say("");
        prompter.say(format!(
            "{} {}",
            style(format!("[{n}/{total}]")).dim(),
            style(&collection.deck(card).title).dim()
        ));
        let question = quiz::ask(&collection, i, &selected, &mut rng);
        let asked = clock.now();
        let outcome = if args.self_grade {
            self_graded(&mut prompter, &collection, &question)?
        } else {
            answered(&mut prompter, &collection, &question)?
        };
        let (grade, correct, typed, verdict) = match outcome {
            Outcome::Answered {
                grade,
                correct,
                typed,
                verdict,
            } => (grade, correct, typed, verdict),
            Outcome::Skipped => {
                session.skipped();
                continue;
            }
            Outcome::Stop => {
                stopped_early = true;
                break;
            }
        };
        let at = clock.now();
        let seconds = (at - asked).num_milliseconds().max(0) as f32 / 1000.0;
        let state = progress.save(Record::answer(at, &card.id, grade, seconds, &typed))?;
        // Only an answer on disk is confirmed: a crash after this line loses nothing shown.
        if let Some(verdict) = &verdict {
            show_verdict(&prompter, &question, &typed, verdict);
            show_context(&prompter, &collection, card);
        }
        session.answered(i, grade != Grade::Again);
        let leech = grade == Grade::Again && state.lapses >= settings.leech_lapses;
        if leech {
            prompter.say(
                style(format!(
                    "  leech: missed {} times after learning it; suspend it and rework the fact?",
                    state.lapses
                ))
                .yellow(),
            );
        }
        let followup = if args.self_grade {
            Followup::Keep
        } else {
            prompter.followup(correct, leech)?
        };
        match followup {
            Followup::Keep => {}
            Followup::Regrade(new) if new != grade => {
                progress.undo(clock.now(), &card.id)?;
                progress.save(Record::answer(clock.now(), &card.id, new, seconds, &typed))?;
                session.regraded(i, new != Grade::Again);
            }
            Followup::Regrade(_) => {}
            Followup::Undo => {
                progress.undo(clock.now(), &card.id)?;
                session.undo(i);
            }
            Followup::Suspend => {
                progress.save(Record::mark(clock.now(), &card.id, Entry::Suspend))?;
                session.remove(i);
                prompter.say(format!(
                    "  suspended; `recall card unsuspend {}` brings it back",
                    card.id
                ));
            }
            Followup::Quit => {
                stopped_early = true;
                break;
            }
        }
    }

    let (seen, right, answers) = session.tally();
    let elapsed = (clock.now() - start).num_seconds().max(0);
    prompter.say("");
    if stopped_early {
        let left = session.remaining() + 1;
        prompter.say(format!(
            "Stopped early with {left} card{} left; every answer so far is saved.",
            if left == 1 { "" } else { "s" }
        ));
    }
    let percent = (right * 100).checked_div(seen).unwrap_or(0);
    prompter.say(format!(
        "Session over: {seen} card{} seen, {right} right the first time ({percent}%), {answers} answer{} in {}m {:02}s.",
        if seen == 1 { "" } else { "s" },
        if answers == 1 { "" } else { "s" },
        elapsed / 60,
        elapsed % 60
    ));
    let due_by = |days: i64| {
        let end = scheduler.day_start(today + Duration::days(days + 1));
        selected
            .iter()
            .filter(|&&i| {
                progress
                    .states
                    .get(&collection.cards[i].id)
                    .and_then(|s| s.due)
                    .is_some_and(|d| d < end)
            })
            .count()
    };
    prompter.say(format!(
        "Due tomorrow: {}. Due this week: {}.",
        due_by(1),
        due_by(7)
    ));
    Ok(ExitCode::SUCCESS)
}

/// The user's folder, settings and scheduler, and what the logs said before the user's lock
/// was taken, with their sizes then.
struct BeforeLock {
    user: UserDir,
    settings: Settings,
    scheduler: Scheduler,
    sizes: Vec<(PathBuf, u64)>,
    read: LogRead,
}

fn read_before_lock(global: &Global) -> Result<BeforeLock> {
    let user = UserDir::resolve(global)?;
    let settings = user.settings()?;
    let scheduler = scheduler(&settings)?;
    let sizes = user.log_sizes()?;
    let read = read_progress(&user, &scheduler)?;
    Ok(BeforeLock {
        user,
        settings,
        scheduler,
        sizes,
        read,
    })
}

/// How many cards were first answered today, and which facts (deck, fact) were studied today.
fn today_so_far(
    collection: &Collection,
    history: &History,
    scheduler: &Scheduler,
    today: NaiveDate,
) -> (usize, HashSet<(usize, usize)>) {
    let (introduced, answered) = history.answered_on(scheduler, today);
    let studied = answered
        .into_iter()
        .filter_map(|card| collection.index_of(card))
        .map(|i| (collection.cards[i].deck, collection.cards[i].fact))
        .collect();
    (introduced, studied)
}

/// Brings forward what would be forgotten by the exam; returns what to tell the student
/// and how many new cards a day the exam needs.
fn plan_for_exam(
    collection: &Collection,
    selected: &[usize],
    states: &mut HashMap<String, CardState>,
    scheduler: &Scheduler,
    settings: &Settings,
    now: DateTime<Utc>,
    exam: NaiveDate,
) -> (String, usize) {
    if exam < scheduler.day(now) {
        return (
            format!("The exam date {exam} has passed; studying as usual."),
            0,
        );
    }
    let cards: Vec<(usize, Option<&CardState>)> = selected
        .iter()
        .map(|&i| (i, states.get(&collection.cards[i].id)))
        .collect();
    let plan = scheduler.exam_plan(&cards, now, exam);
    let new_total = cards.iter().filter(|(_, s)| s.is_none()).count();
    for &i in &plan.brought_forward {
        if let Some(state) = states.get_mut(&collection.cards[i].id) {
            state.due = Some(now);
        }
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let when = match plan.days_left {
        0 => "today".to_owned(),
        1 => "tomorrow".to_owned(),
        n => format!("in {n} days"),
    };
    let note = format!(
        "Exam on {} ({when}): {new_total} new card{} to learn by then, {} a day; {} card{} brought forward so that every card is predicted at {:.0}% on the day.",
        exam.format("%-d %B %Y"),
        plural(new_total),
        plan.new_per_day,
        plan.brought_forward.len(),
        plural(plan.brought_forward.len()),
        settings.desired_retention * 100.0
    );
    (note, plan.new_per_day)
}

enum Outcome {
    Answered {
        grade: Grade,
        correct: bool,
        typed: String,
        /// The checker's verdict, shown once the answer is saved (none when self-graded).
        verdict: Option<Verdict>,
    },
    /// Nothing to record (a piped line that is not a grade).
    Skipped,
    Stop,
}

/// Asks `question` and checks the answer.
fn answered(
    prompter: &mut Prompter,
    collection: &Collection,
    question: &Question,
) -> Result<Outcome> {
    let card = &collection.cards[question.card];
    let Some(typed) = ask(prompter, question)? else {
        return Ok(Outcome::Stop);
    };
    let verdict = quiz::grade(question, &typed, &collection.confusables(card));
    Ok(Outcome::Answered {
        grade: verdict.grade,
        correct: verdict.correct,
        typed,
        verdict: Some(verdict),
    })
}

/// Shows a question and reads the answer: a menu on a terminal for options, a line otherwise.
/// `None` when the student stops.
pub(super) fn ask(prompter: &mut Prompter, question: &Question) -> Result<Option<String>> {
    prompter.say(style(&question.prompt).bold());
    let menu = match &question.response {
        Response::Choice { .. } => Some(question.options.clone()),
        Response::TrueFalse(_) => Some(vec!["true".to_owned(), "false".to_owned()]),
        _ => None,
    };
    if let (true, Some(items)) = (prompter.is_terminal(), menu) {
        return Ok(prompter
            .choose("your answer", &items)?
            .map(|i| match &question.response {
                Response::TrueFalse(_) => items[i].clone(),
                _ => (i + 1).to_string(),
            }));
    }
    for (i, option) in question.options.iter().enumerate() {
        prompter.say(format!("  {}) {option}", i + 1));
    }
    if let Some(how) = question.how_to_answer().filter(|_| !prompter.is_terminal()) {
        prompter.say(style(format!("({how})")).dim());
    }
    let Some(mut typed) = prompter.answer()? else {
        return Ok(None);
    };
    // An answer that cannot be read is asked again, not graded; piped, the next line answers.
    while let Some(hint) = quiz::unreadable(question, &typed) {
        prompter.say(style(hint).yellow());
        match prompter.answer()? {
            Some(again) => typed = again,
            None => return Ok(None),
        }
    }
    Ok(Some(typed))
}

/// Shows the answer and asks for a grade.
fn self_graded(
    prompter: &mut Prompter,
    collection: &Collection,
    question: &Question,
) -> Result<Outcome> {
    let card = &collection.cards[question.card];
    prompter.say(style(&question.prompt).bold());
    for (i, option) in question.options.iter().enumerate() {
        prompter.say(format!("  {}) {option}", i + 1));
    }
    prompter.say(format!(
        "answer: {}",
        style(&question.answer).green().bold()
    ));
    show_context(prompter, collection, card);
    loop {
        match prompter.grade()? {
            None => return Ok(Outcome::Stop),
            Some(Ok(grade)) => {
                return Ok(Outcome::Answered {
                    grade,
                    correct: grade != Grade::Again,
                    typed: String::new(),
                    verdict: None,
                });
            }
            Some(Err(why)) if prompter.is_terminal() => prompter.say(why),
            Some(Err(why)) => {
                // Piped input has one line per question: a bad grade skips the card, unrecorded.
                prompter.say(format!("{why}; card skipped, nothing recorded"));
                return Ok(Outcome::Skipped);
            }
        }
    }
}

pub(super) fn show_verdict(
    prompter: &Prompter,
    question: &Question,
    typed: &str,
    verdict: &Verdict,
) {
    let answer = &question.answer;
    let feedback = verdict
        .feedback
        .as_deref()
        .filter(|f| *f != format!("it was {answer}"))
        .map(|f| format!(" ({})", show::message(f)))
        .unwrap_or_default();
    let line = match (verdict.correct, verdict.grade) {
        (true, Grade::Good | Grade::Easy) => {
            format!("{} {answer}", style("✓ right:").green().bold())
        }
        (true, _) => format!(
            "{} {answer}{feedback}",
            style("~ right, but:").yellow().bold()
        ),
        (false, Grade::Hard) => {
            format!("{} {answer}{feedback}", style("~ partly:").yellow().bold())
        }
        (false, _) => {
            let said = if typed.trim().is_empty() {
                String::new()
            } else {
                format!(" you said `{}`;", show::value(typed.trim()))
            };
            format!(
                "{}{said} it is {answer}{feedback}",
                style("✗ wrong:").red().bold()
            )
        }
    };
    prompter.say(line);
}

pub(super) fn show_context(prompter: &Prompter, collection: &Collection, card: &Card) {
    let fact = collection.fact(card);
    prompter.say(format!("  {}", fact.context()));
    prompter.say(
        style(format!(
            "  source ({}): \"{}\"",
            fact.citation.source, fact.citation.quote
        ))
        .dim(),
    );
}

//! `recall review`: the main job. Ask what is due, check, schedule, save each answer.
use std::{
    collections::{HashMap, HashSet},
    mem::ManuallyDrop,
    path::PathBuf,
    process::ExitCode,
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
    prompt::{self, Followup, Item, Offer, Prompter},
    quiz::{self, Question, Response},
    schedule::{CardState, Scheduler},
    seed_from_env,
    session::{Limits, Session},
    show,
};

/// Everything an answer changes: the log on disk, the history and the card's state.
struct Progress<'a> {
    writer: Writer,
    history: ManuallyDrop<History>,
    states: ManuallyDrop<HashMap<String, CardState>>,
    scheduler: &'a Scheduler,
}

impl Progress<'_> {
    /// Appends `record` to the log (on disk before anything else happens), then applies it.
    fn save(&mut self, record: Record) -> Result<&CardState> {
        self.writer.append(&record)?;
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
    // Left to the exit to free, as the history below: freeing 50,000 cards and a million
    // answers one by one was a sixth of a start.
    let collection = ManuallyDrop::new(collection?);
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
    let (history, states, problems) = if now == before {
        read
    } else {
        read_progress(&user, &scheduler)?
    };
    let (history, mut states) = (ManuallyDrop::new(history), ManuallyDrop::new(states));
    warn_log(&problems);
    let selected: Vec<usize> = selected
        .into_iter()
        .filter(|&i| !history.is_suspended(&collection.cards[i].id))
        .collect();

    let start = clock.now();
    let now = start.with_timezone(&Utc);
    let today = scheduler.day(now);
    let mut prompter = Prompter::detect();
    let plan = plan(
        Study {
            collection: &collection,
            history: &history,
            scheduler: &scheduler,
            settings: &settings,
        },
        &selected,
        &mut states,
        now,
        Request {
            new: args.new,
            limit: args.limit,
            exam: args.exam_date.or_else(|| settings.exam_day()),
        },
        &mut rng,
    );
    if let Some(note) = &plan.exam_note {
        prompter.say(note);
    }
    if let Some(warning) = &plan.exam_warning {
        eoutln!("warning: {warning}");
    }
    let mut session = plan.session;
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

    let mut progress = Progress {
        writer,
        history,
        states,
        scheduler: &scheduler,
    };
    let due_by = |states: &HashMap<String, CardState>, days: i64| {
        let end = scheduler.day_start(today + Duration::days(days + 1));
        selected
            .iter()
            .filter(|&&i| {
                states
                    .get(&collection.cards[i].id)
                    .and_then(|s| s.due)
                    .is_some_and(|d| d < end)
            })
            .count()
    };
    // Where the session stands, for its summary: at the end, on `q` and on Ctrl-C alike.
    let standing = |session: &Session, states: &HashMap<String, CardState>, left: usize| {
        let (seen, right, answers) = session.tally();
        Standing {
            seen,
            right,
            answers,
            left,
            due_tomorrow: due_by(states, 1),
            due_week: due_by(states, 7),
        }
    };
    let summary_on_interrupt = |standing: Standing| {
        prompt::on_interrupt(move || {
            let elapsed = (clock.now() - start).num_seconds();
            for line in standing.summary(true, elapsed) {
                outln!("{line}");
            }
        });
    };
    prompt::catch_interrupts();

    let mut stopped_early = None;
    // The last answer, while a key may still change it (piped: at the next question).
    let mut last: Option<Last> = None;
    let mut pending: Option<(Last, Followup)> = None;
    loop {
        if let Some((last, followup)) = pending.take() {
            let card = &collection.cards[last.card];
            let hold = prompt::hold_interrupts();
            match followup {
                Followup::Keep => {}
                Followup::Regrade(new) => {
                    let new = if last.offer.capped {
                        new.min(Grade::Hard)
                    } else {
                        new
                    };
                    if new == last.grade {
                        prompter.say(format!("  {}: already {new}; nothing changed", card.id));
                    } else {
                        progress.undo(clock.now(), &card.id)?;
                        let record =
                            Record::answer(clock.now(), &card.id, new, last.seconds, &last.typed);
                        let due = due_in(progress.save(record)?.due, now, &scheduler);
                        session.regraded(last.card, new != Grade::Again);
                        let what = regraded(new, last.offer.correct);
                        prompter.say(format!(
                            "  {}: {what} instead of {}; {due}",
                            card.id, last.grade
                        ));
                    }
                }
                Followup::Undo => {
                    progress.undo(clock.now(), &card.id)?;
                    session.undo(last.card);
                    prompter.say(format!("  {}: answer taken back; asked again", card.id));
                }
                Followup::Suspend => {
                    progress.save(Record::mark(clock.now(), &card.id, Entry::Suspend))?;
                    session.remove(last.card);
                    prompter.say(format!(
                        "  suspended; `recall card unsuspend {}` brings it back",
                        card.id
                    ));
                }
                Followup::Quit => {
                    stopped_early = Some(session.remaining());
                    break;
                }
            }
            drop(hold);
        }
        let Some(i) = session.pop() else {
            break;
        };
        summary_on_interrupt(standing(
            &session,
            &progress.states,
            session.remaining() + 1,
        ));
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
        // A flip card (a long definition) is self-graded whatever the session's mode.
        let self_grade = args.self_grade || collection.self_graded(card);
        let outcome = if self_grade {
            self_graded(&mut prompter, &collection, &question)?
        } else {
            answered(&mut prompter, &collection, &question, last.take())?
        };
        let (grade, correct, typed, verdict) = match outcome {
            Outcome::Answered {
                grade,
                correct,
                typed,
                verdict,
            } => (grade, correct, typed, verdict),
            Outcome::Followup(previous, followup) => {
                // A key for the answer before, read where this one would be: this card waits.
                session.unpop(i);
                pending = Some((previous, followup));
                continue;
            }
            Outcome::Stop => {
                stopped_early = Some(session.remaining() + 1);
                break;
            }
        };
        // Seen a moment ago, before an undo: knowing it now is no proof of memory.
        let shown = session.answer_was_shown(i);
        let capped = shown && grade > Grade::Hard;
        let grade = if capped { Grade::Hard } else { grade };
        let at = clock.now();
        let seconds = (at - asked).num_milliseconds().max(0) as f32 / 1000.0;
        let hold = prompt::hold_interrupts();
        let state = progress
            .save(Record::answer(at, &card.id, grade, seconds, &typed))?
            .clone();
        session.answered(i, grade != Grade::Again);
        drop(hold);
        summary_on_interrupt(standing(&session, &progress.states, session.remaining()));
        // Only an answer on disk is confirmed: a crash after this line loses nothing shown.
        if let Some(verdict) = &verdict {
            show_verdict(&prompter, &question, &typed, verdict);
            show_context(&prompter, &collection, card);
        }
        if capped {
            prompter
                .say(style("  graded hard at most: the answer was shown before the undo").yellow());
        }
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
        if self_grade {
            continue;
        }
        let answer = Last {
            card: i,
            grade,
            seconds,
            typed,
            offer: Offer {
                correct,
                leech,
                capped: shown,
            },
        };
        if prompter.is_terminal() {
            let followup = prompter.followup(answer.offer)?;
            pending = Some((answer, followup));
        } else {
            last = Some(answer);
        }
    }

    let elapsed = (clock.now() - start).num_seconds();
    let standing = standing(
        &session,
        &progress.states,
        stopped_early.unwrap_or_default(),
    );
    // Ctrl-C from here on has nothing more to say.
    prompt::on_interrupt(|| {});
    prompter.say("");
    for line in standing.summary(stopped_early.is_some(), elapsed) {
        prompter.say(line);
    }
    Ok(ExitCode::SUCCESS)
}

/// Where a session stands, for its summary.
#[derive(Clone, Copy, Debug)]
struct Standing {
    seen: usize,
    right: usize,
    answers: usize,
    /// Cards still to come when it stopped.
    left: usize,
    due_tomorrow: usize,
    due_week: usize,
}

impl Standing {
    /// The closing lines: the same whether the session ended, was quit or interrupted.
    fn summary(&self, stopped_early: bool, elapsed: i64) -> Vec<String> {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let elapsed = elapsed.max(0);
        let mut lines = Vec::new();
        if stopped_early {
            lines.push(format!(
                "Stopped early with {} card{} left; every answer so far is saved.",
                self.left,
                plural(self.left)
            ));
        }
        let percent = (self.right * 100).checked_div(self.seen).unwrap_or(0);
        lines.push(format!(
            "Session over: {} card{} seen, {} right the first time ({percent}%), {} answer{} in {}m {:02}s.",
            self.seen,
            plural(self.seen),
            self.right,
            self.answers,
            plural(self.answers),
            elapsed / 60,
            elapsed % 60
        ));
        lines.push(format!(
            "Due tomorrow: {}. Due this week: {}.",
            self.due_tomorrow, self.due_week
        ));
        lines
    }
}

/// What a new grade did, in the student's words.
fn regraded(new: Grade, was_correct: bool) -> String {
    if was_correct {
        format!("now {new}")
    } else {
        format!("marked right, {new}")
    }
}

/// When a card comes back: "due again later today", "… tomorrow", "… in 12 days".
fn due_in(due: Option<DateTime<Utc>>, now: DateTime<Utc>, scheduler: &Scheduler) -> String {
    let Some(due) = due else {
        return "not scheduled".to_owned();
    };
    match (scheduler.day(due) - scheduler.day(now)).num_days() {
        ..=0 => "due again later today".to_owned(),
        1 => "due again tomorrow".to_owned(),
        n => format!("due again in {n} days"),
    }
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

/// What a plan reads.
pub(super) struct Study<'a> {
    pub collection: &'a Collection,
    pub history: &'a History,
    pub scheduler: &'a Scheduler,
    pub settings: &'a Settings,
}

/// What the student asked for (`--new`, `--limit`, `--exam-date` or the `exam_date` setting).
#[derive(Clone, Copy, Default)]
pub(super) struct Request {
    pub new: Option<usize>,
    pub limit: Option<usize>,
    pub exam: Option<NaiveDate>,
}

/// A session as `review` plans it now.
pub(super) struct Plan {
    pub session: Session,
    /// What studying for the exam takes, when one is set.
    pub exam_note: Option<String>,
    /// When that is more than a student can do a day, and how to narrow it.
    pub exam_warning: Option<String>,
}

/// Plans a session of `selected` (not suspended): due cards, then today's new ones, more of
/// them when an exam needs it. Cards that would be forgotten by the exam become due now.
pub(super) fn plan(
    study: Study,
    selected: &[usize],
    states: &mut HashMap<String, CardState>,
    now: DateTime<Utc>,
    request: Request,
    rng: &mut StdRng,
) -> Plan {
    let Study {
        collection,
        history,
        scheduler,
        settings,
    } = study;
    let today = scheduler.day(now);
    let (introduced_today, studied_today) = today_so_far(collection, history, scheduler, today);
    let mut new_limit = request
        .new
        .unwrap_or_else(|| settings.new_per_day.saturating_sub(introduced_today));
    let (mut exam_note, mut exam_warning) = (None, None);
    if let Some(exam) = request.exam {
        let (note, exam_new, warning) =
            plan_for_exam(collection, selected, states, scheduler, settings, now, exam);
        if request.new.is_none() {
            new_limit = new_limit.max(exam_new.saturating_sub(introduced_today));
        }
        exam_note = Some(note);
        exam_warning = warning;
    }
    let session = Session::plan(
        collection,
        selected,
        states,
        &studied_today,
        now,
        Limits {
            new: new_limit,
            total: request.limit,
        },
        rng,
    );
    Plan {
        session,
        exam_note,
        exam_warning,
    }
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
) -> (String, usize, Option<String>) {
    if exam < scheduler.day(now) {
        return (
            format!("The exam date {exam} has passed; studying as usual."),
            0,
            None,
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
    let warning = heavy(collection, selected, settings, plan.new_per_day);
    (note, plan.new_per_day, warning)
}

/// A warning when the exam asks for more than twice the `new_per_day` setting in new cards a
/// day, saying how to study only what the exam covers.
fn heavy(
    collection: &Collection,
    selected: &[usize],
    settings: &Settings,
    new_per_day: usize,
) -> Option<String> {
    if new_per_day <= 2 * settings.new_per_day.max(1) {
        return None;
    }
    let mut decks: Vec<&str> = selected
        .iter()
        .map(|&i| collection.deck(&collection.cards[i]).id.as_str())
        .collect();
    decks.sort();
    decks.dedup();
    Some(format!(
        "{new_per_day} new cards a day is a heavy load (more than twice your new_per_day of {}); \
         study only what the exam covers: `recall review DECK...` (decks: {}) or `--tag TAG`, \
         or choose a later --exam-date",
        settings.new_per_day,
        decks.join(", ")
    ))
}

enum Outcome {
    Answered {
        grade: Grade,
        correct: bool,
        typed: String,
        /// The checker's verdict, shown once the answer is saved (none when self-graded).
        verdict: Option<Verdict>,
    },
    /// A key for the answer before (piped).
    Followup(Last, Followup),
    Stop,
}

/// An answer given, and what may still change it.
struct Last {
    card: usize,
    grade: Grade,
    seconds: f32,
    typed: String,
    offer: Offer,
}

/// Asks `question` and checks the answer. Piped, a line that is a key offered after `last`
/// (the answer before) is that key.
fn answered(
    prompter: &mut Prompter,
    collection: &Collection,
    question: &Question,
    last: Option<Last>,
) -> Result<Outcome> {
    let card = &collection.cards[question.card];
    let offer = last.as_ref().map(|l| l.offer);
    let typed = match ask_after(prompter, question, offer)? {
        Asked::Answer(typed) => typed,
        Asked::Followup(followup) => {
            let last = last.expect("a key is read only after an answer");
            return Ok(Outcome::Followup(last, followup));
        }
        Asked::Stop => return Ok(Outcome::Stop),
    };
    let verdict = quiz::grade(question, &typed, &collection.confusables(card));
    Ok(Outcome::Answered {
        grade: verdict.grade,
        correct: verdict.correct,
        typed,
        verdict: Some(verdict),
    })
}

/// What reading an answer gave.
enum Asked {
    Answer(String),
    /// Piped: a key offered after the answer before.
    Followup(Followup),
    Stop,
}

/// Shows a question and reads the answer: a menu on a terminal for options, a line otherwise.
/// `None` when the student stops.
pub(super) fn ask(prompter: &mut Prompter, question: &Question) -> Result<Option<String>> {
    Ok(match ask_after(prompter, question, None)? {
        Asked::Answer(typed) => Some(typed),
        Asked::Followup(_) | Asked::Stop => None,
    })
}

/// [`ask`], where a piped line that is one of the keys of `after` is that key.
fn ask_after(prompter: &mut Prompter, question: &Question, after: Option<Offer>) -> Result<Asked> {
    prompter.say(style(&question.prompt).bold());
    if prompter.is_terminal()
        && let Some((prompt, items)) = menu(question)
    {
        let picked = prompter.choose(&prompt, &items, 0)?;
        return Ok(picked.map_or(Asked::Stop, |i| {
            Asked::Answer(match &question.response {
                Response::TrueFalse(_) => ["true", "false"][i].to_owned(),
                _ => (i + 1).to_string(),
            })
        }));
    }
    for (i, option) in question.options.iter().enumerate() {
        prompter.say(format!("  {}) {option}", i + 1));
    }
    if let Some(how) = question.how_to_answer().filter(|_| !prompter.is_terminal()) {
        prompter.say(style(format!("({how})")).dim());
    }
    let Some(mut typed) = prompter.answer()? else {
        return Ok(Asked::Stop);
    };
    if let Some(followup) = after.and_then(|offer| prompt::followup_key(&typed, offer)) {
        return Ok(Asked::Followup(followup));
    }
    // An answer that cannot be read is asked again, not graded; piped, the next line answers.
    while let Some(hint) = quiz::unreadable(question, &typed) {
        prompter.say(style(hint).yellow());
        match prompter.answer()? {
            Some(again) => typed = again,
            None => return Ok(Asked::Stop),
        }
    }
    Ok(Asked::Answer(typed))
}

/// The menu a terminal shows for options: numbers and letters pick a choice, `t` and `f` a
/// truth value.
fn menu(question: &Question) -> Option<(String, Vec<Item>)> {
    match &question.response {
        Response::Choice { .. } => {
            let n = question.options.len();
            let items = question
                .options
                .iter()
                .enumerate()
                .map(|(i, option)| {
                    let (number, letter) = (char::from(b'1' + i as u8), char::from(b'a' + i as u8));
                    let keys: Vec<char> = [number, letter].into_iter().filter(|_| i < 9).collect();
                    Item::new(format!("{number}) {option}"), &keys)
                })
                .collect();
            let last = (char::from(b'0' + n as u8), char::from(b'a' + n as u8 - 1));
            Some((format!("your answer (1-{} or a-{})", last.0, last.1), items))
        }
        Response::TrueFalse(_) => Some((
            "your answer (t or f)".to_owned(),
            vec![
                Item::new("t) true", &['t', 'y']),
                Item::new("f) false", &['f', 'n']),
            ],
        )),
        _ => None,
    }
}

/// A flip card: the question, the answer when the student asks for it, then their grade.
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
    if prompter.reveal()?.is_none() {
        return Ok(Outcome::Stop);
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
            // Asked again, as an answer that cannot be read; piped, the next line is the grade.
            Some(Err(why)) => prompter.say(style(show::message(&why)).yellow()),
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

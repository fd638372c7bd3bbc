//! `recall review`: the main job. Ask what is due, check, schedule, save each answer.
use std::{
    collections::{HashMap, HashSet},
    process::ExitCode,
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
};

use chrono::{Duration, Utc};
use console::style;
use rand::{SeedableRng, rngs::StdRng};

use super::{load_collection, read_states, scheduler};
use crate::{
    Clock,
    answer::Verdict,
    card::{Card, Collection},
    cli::{Global, ReviewArgs},
    error::Result,
    grade::Grade,
    progress::{Record, UserDir, device_name},
    prompt::{Followup, Prompter},
    question::{self, Question, Response},
    schedule::CardState,
    seed_from_env,
    session::{Limits, Session},
};

pub fn run(global: &Global, args: ReviewArgs) -> Result<ExitCode> {
    let collection = load_collection(global)?;
    let clock = Clock::from_env()?;
    let mut rng = StdRng::seed_from_u64(seed_from_env()?);
    let user = UserDir::resolve(global)?;
    let settings = user.settings()?;
    let types = if args.types.is_empty() {
        &settings.question_types
    } else {
        &args.types
    };
    let selected = collection.select(&args.deck_ids, &args.tags, types)?;
    let scheduler = scheduler(&settings)?;
    // Lock before reading, so that no other session appends in between.
    let mut writer = user.open_writer(&device_name())?;
    let (records, mut states) = read_states(&user, &scheduler)?;

    let start = clock.now();
    let today = scheduler.day(start.with_timezone(&Utc));
    let mut first_seen = HashMap::new();
    for r in &records {
        first_seen.entry(r.card.as_str()).or_insert(r.utc());
    }
    let introduced_today = first_seen
        .values()
        .filter(|t| scheduler.day(**t) == today)
        .count();
    let studied_today: HashSet<(usize, usize)> = records
        .iter()
        .filter(|r| scheduler.day(r.utc()) == today)
        .filter_map(|r| collection.index_of(&r.card))
        .map(|i| (collection.cards[i].deck, collection.cards[i].fact))
        .collect();
    let mut new_limit = args
        .new
        .unwrap_or_else(|| settings.new_per_day.saturating_sub(introduced_today));
    let exam = args.exam_date.or_else(|| settings.exam_day());
    let mut exam_note = None;
    if let Some(exam) = exam {
        let now = start.with_timezone(&Utc);
        if exam < today {
            exam_note = Some(format!(
                "The exam date {exam} has passed; studying as usual."
            ));
        } else {
            let cards: Vec<(usize, Option<&CardState>)> = selected
                .iter()
                .map(|&i| (i, states.get(&collection.cards[i].id)))
                .collect();
            let plan = scheduler.exam_plan(&cards, now, exam);
            let new_total = cards.iter().filter(|(_, s)| s.is_none()).count();
            drop(cards);
            for &i in &plan.brought_forward {
                if let Some(state) = states.get_mut(&collection.cards[i].id) {
                    state.due = Some(now);
                }
            }
            if args.new.is_none() {
                new_limit = new_limit.max(plan.new_per_day.saturating_sub(introduced_today));
            }
            exam_note = Some(format!(
                "Exam on {} ({}): {new_total} new card{} to learn by then, {} a day; {} card{} brought forward so that every card is predicted at {:.0}% on the day.",
                exam.format("%-d %B %Y"),
                match plan.days_left {
                    0 => "today".to_owned(),
                    1 => "tomorrow".to_owned(),
                    n => format!("in {n} days"),
                },
                if new_total == 1 { "" } else { "s" },
                plan.new_per_day,
                plan.brought_forward.len(),
                if plan.brought_forward.len() == 1 {
                    ""
                } else {
                    "s"
                },
                settings.desired_retention * 100.0
            ));
        }
    }
    let mut session = Session::plan(
        &collection,
        &selected,
        &states,
        &studied_today,
        start.with_timezone(&Utc),
        Limits {
            new: new_limit,
            total: args.limit,
        },
        &mut rng,
    );

    let mut prompter = Prompter::detect();
    if let Some(note) = &exam_note {
        prompter.say(note);
    }
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
        eprintln!(
            "\ninterrupted: {n} answer{} saved",
            if n == 1 { "" } else { "s" }
        );
        let _ = console::Term::stdout().show_cursor();
        std::process::exit(130);
    });

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
        let question = question::ask(&collection, i, &selected, &mut rng);
        let asked = clock.now();
        let outcome = if args.self_grade {
            self_graded(&mut prompter, &collection, &question)?
        } else {
            answered(&mut prompter, &collection, &question)?
        };
        let (grade, typed) = match outcome {
            Outcome::Answered { grade, typed } => (grade, typed),
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
        let record = Record {
            at,
            card: card.id.clone(),
            grade,
            seconds: (at - asked).num_milliseconds().max(0) as f32 / 1000.0,
            typed,
        };
        writer.append(&record)?;
        saved.fetch_add(1, Ordering::SeqCst);
        let state = states.entry(card.id.clone()).or_default();
        *state = scheduler.answer(&card.id, state, grade, record.utc());
        session.answered(i, grade != Grade::Again);
    }

    let (seen, right, answers) = session.tally();
    let elapsed = (clock.now() - start).num_seconds().max(0);
    prompter.say("");
    if stopped_early {
        prompter.say(format!(
            "Stopped early with {} card{} left; every answer so far is saved.",
            session.remaining() + 1,
            if session.remaining() == 0 { "" } else { "s" }
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
                states
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

enum Outcome {
    Answered {
        grade: Grade,
        typed: String,
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
    let typed = match ask(prompter, question)? {
        Some(typed) => typed,
        None => return Ok(Outcome::Stop),
    };
    let verdict = question::grade(question, &typed, &collection.confusables(card));
    show_verdict(prompter, question, &typed, &verdict);
    show_context(prompter, collection, card);
    let grade = match prompter.followup(verdict.correct)? {
        Followup::Keep => verdict.grade,
        Followup::Regrade(grade) => grade,
        Followup::WasRight => Grade::Good,
        Followup::Quit => return Ok(Outcome::Stop),
    };
    Ok(Outcome::Answered { grade, typed })
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
    prompter.answer()
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
                    typed: String::new(),
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
        .map(|f| format!(" ({f})"))
        .unwrap_or_default();
    let line = match (verdict.correct, verdict.grade) {
        (true, Grade::Good | Grade::Easy) => {
            format!("{} {}", style("✓ right:").green().bold(), answer)
        }
        (true, _) => format!(
            "{} {}{feedback}",
            style("~ right, but:").yellow().bold(),
            answer
        ),
        (false, Grade::Hard) => format!(
            "{} {}{feedback}",
            style("~ partly:").yellow().bold(),
            answer
        ),
        (false, _) => {
            let said = if typed.trim().is_empty() {
                String::new()
            } else {
                format!(" you said `{}`;", typed.trim())
            };
            format!(
                "{}{said} it is {}{feedback}",
                style("✗ wrong:").red().bold(),
                answer
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

//! `recall exam`: a self-test that reveals nothing until the end, then a scored report.
use std::{
    collections::{BTreeMap, HashSet},
    process::ExitCode,
    sync::Mutex,
    thread,
    time::{Duration, Instant},
};

use chrono::{DateTime, FixedOffset};
use console::style;
use rand::{SeedableRng, rngs::StdRng, seq::SliceRandom};
use serde::Serialize;

use super::{load_collection, review::ask};
use crate::{
    Clock,
    answer::Verdict,
    card::Collection,
    card::QuestionType,
    cli::{ExamArgs, Global},
    error::{Error, Result},
    progress::{Record, UserDir, Writer, device_name},
    prompt::{self, Prompter},
    quiz::{self, Question},
    seed_from_env, show,
};

struct Sheet {
    questions: Vec<Question>,
    answers: Vec<Option<(String, Verdict)>>,
    writer: Option<Writer>,
    finished: bool,
}

/// The longest time limit: a day.
const MAX_MINUTES: f64 = 1440.0;

pub fn run(global: &Global, args: ExamArgs) -> Result<ExitCode> {
    if args.count == 0 {
        return Err(Error::Usage("--count must be at least 1".into()));
    }
    if args.minutes.is_some_and(|m| !(m > 0.0 && m <= MAX_MINUTES)) {
        return Err(Error::Usage(format!(
            "--minutes must be a positive number of at most {MAX_MINUTES} (a day)"
        )));
    }
    let collection = load_collection(global)?;
    let types = if args.types.is_empty() {
        QuestionType::ALL.to_vec()
    } else {
        args.types.clone()
    };
    let mut candidates = collection.select(&args.deck_ids, &args.tags, &types)?;
    if !args.optional {
        collection.drop_optional(&mut candidates);
    }
    candidates.retain(|&i| {
        let year = collection
            .fact(&collection.cards[i])
            .date()
            .map(|d| d.get_year());
        let after = args.from.is_none_or(|from| year.is_some_and(|y| y >= from));
        let before = args.to.is_none_or(|to| year.is_some_and(|y| y <= to));
        after && before
    });
    if candidates.is_empty() {
        return Err(Error::Usage(
            "no question fits this selection; widen the decks, tags, types or years".into(),
        ));
    }
    let seed = match args.seed {
        Some(seed) => seed,
        None => seed_from_env()?,
    };
    let mut rng = StdRng::seed_from_u64(seed);
    let questions = questions(&collection, &candidates, args.count, &mut rng);
    let picked: Vec<usize> = questions.iter().map(|q| q.card).collect();

    let clock = Clock::from_env()?;
    let writer = if args.no_record {
        None
    } else {
        Some(UserDir::resolve(global)?.open_writer(&device_name())?)
    };
    let mut prompter = Prompter::detect();
    let n = questions.len();
    let limit = args.minutes.map(|m| Duration::from_secs_f64(m * 60.0));
    prompter.say(format!(
        "Exam: {n} question{} from {}{}. Answers are revealed at the end.",
        if n == 1 { "" } else { "s" },
        deck_names(&collection, &picked),
        limit
            .map(|l| format!(", {} to answer them", clock_time(l)))
            .unwrap_or_default(),
    ));
    if n < args.count {
        prompter.say(format!(
            "(only {n} questions about different facts fit the selection)"
        ));
    }

    let started = clock.now();
    let deadline = limit.map(|l| Instant::now() + l);
    let sheet = Mutex::new(Sheet {
        answers: vec![None; n],
        questions,
        writer,
        finished: false,
    });
    let finish = |sheet: &Sheet, timed_out: bool| -> Result<()> {
        Report::new(&collection, sheet, seed, started, clock.now(), timed_out)
            .conclude(args.json.as_deref(), args.force)
    };
    // Ctrl-C ends the exam as the end of input does: the report of what was answered.
    let report_on_interrupt = |sheet: &Sheet| {
        let mut report = Report::new(&collection, sheet, seed, started, clock.now(), false);
        let (json, force) = (args.json.clone(), args.force);
        prompt::on_interrupt(move || {
            report.seconds = (clock.now() - started).num_seconds().max(0);
            if let Err(e) = report.conclude(json.as_deref(), force) {
                eoutln!("{e}");
            }
        });
    };
    prompt::catch_interrupts();

    thread::scope(|scope| -> Result<ExitCode> {
        if let Some(deadline) = deadline {
            let (sheet, finish) = (&sheet, &finish);
            scope.spawn(move || {
                while Instant::now() < deadline {
                    if sheet.lock().map(|s| s.finished).unwrap_or(true) {
                        return;
                    }
                    thread::sleep((deadline - Instant::now()).min(Duration::from_millis(100)));
                }
                let Ok(sheet) = sheet.lock() else { return };
                if sheet.finished {
                    return;
                }
                // No Ctrl-C report on top of this one.
                let _hold = prompt::hold_interrupts();
                outln!("\n\nTime is up.");
                let code = match finish(&sheet, true) {
                    Ok(()) => 0,
                    Err(e) => {
                        eoutln!("{e}");
                        e.exit_code().into()
                    }
                };
                // The student may be in the middle of typing: the exam is over all the same.
                std::process::exit(code);
            });
        }
        report_on_interrupt(&sheet.lock().expect("exam state"));
        for k in 0..n {
            let question = sheet.lock().expect("exam state").questions[k].clone();
            let left = deadline.map(|d| {
                format!(
                    " · {} left",
                    clock_time(d.saturating_duration_since(Instant::now()))
                )
            });
            prompter.say("");
            prompter.say(style(format!("[{}/{n}]{}", k + 1, left.unwrap_or_default())).dim());
            let asked = clock.now();
            let Some(typed) = ask(&mut prompter, &question)? else {
                break;
            };
            let card = &collection.cards[question.card];
            let verdict = quiz::grade(&question, &typed, &collection.confusables(card));
            let mut sheet = sheet.lock().expect("exam state");
            if deadline.is_some_and(|d| Instant::now() >= d) {
                break;
            }
            let hold = prompt::hold_interrupts();
            if let Some(writer) = &mut sheet.writer {
                let at = clock.now();
                writer.append(&Record::answer(
                    at,
                    &card.id,
                    verdict.grade,
                    seconds_between(asked, at),
                    &typed,
                ))?;
            }
            sheet.answers[k] = Some((typed, verdict));
            drop(hold);
            report_on_interrupt(&sheet);
        }
        let mut sheet = sheet.lock().expect("exam state");
        sheet.finished = true;
        prompt::on_interrupt(|| {});
        finish(&sheet, false)?;
        Ok(ExitCode::SUCCESS)
    })
}

fn seconds_between(a: DateTime<FixedOffset>, b: DateTime<FixedOffset>) -> f32 {
    (b - a).num_milliseconds().max(0) as f32 / 1000.0
}

fn clock_time(d: Duration) -> String {
    let s = d.as_secs();
    format!("{}:{:02}", s / 60, s % 60)
}

fn deck_names(collection: &Collection, picked: &[usize]) -> String {
    let mut ids: Vec<&str> = picked
        .iter()
        .map(|&i| collection.deck(&collection.cards[i]).id.as_str())
        .collect();
    ids.sort();
    ids.dedup();
    ids.join(", ")
}

/// Up to `count` questions in a random order, never two about the same fact nor an order
/// question listing a fact that another question asks about.
fn questions(
    collection: &Collection,
    candidates: &[usize],
    count: usize,
    rng: &mut StdRng,
) -> Vec<Question> {
    let at = |i: usize| (collection.cards[i].deck, collection.cards[i].fact);
    // The first `count` are the exam; the rest stand in for an order question that finds
    // too few happenings left to list.
    let mut ranked = pick(collection, candidates, candidates.len(), rng);
    let first = count.min(ranked.len());
    ranked[..first].shuffle(rng);
    let mut asked: HashSet<(usize, usize)> = ranked.iter().take(count).map(|&i| at(i)).collect();
    let mut questions = Vec::new();
    for (k, &i) in ranked.iter().enumerate() {
        if questions.len() == count {
            break;
        }
        if k >= count && asked.contains(&at(i)) {
            continue;
        }
        if let Some(q) = quiz::ask_excluding(collection, i, candidates, &mut asked, rng) {
            questions.push(q);
        }
    }
    questions
}

/// Up to `count` questions, round-robin across decks and, within a deck, across
/// question types; never two about the same fact.
fn pick(
    collection: &Collection,
    candidates: &[usize],
    count: usize,
    rng: &mut StdRng,
) -> Vec<usize> {
    let mut buckets: BTreeMap<usize, BTreeMap<QuestionType, Vec<usize>>> = BTreeMap::new();
    for &i in candidates {
        let card = &collection.cards[i];
        buckets
            .entry(card.deck)
            .or_default()
            .entry(card.kind)
            .or_default()
            .push(i);
    }
    for types in buckets.values_mut() {
        for cards in types.values_mut() {
            cards.shuffle(rng);
        }
    }
    let mut cursors: Vec<usize> = (0..buckets.len()).collect();
    let mut used_facts = HashSet::new();
    let mut picked = Vec::new();
    while picked.len() < count {
        let mut progress = false;
        for (types, cursor) in buckets.values_mut().zip(&mut cursors) {
            let kinds: Vec<QuestionType> = types.keys().copied().collect();
            for step in 0..kinds.len() {
                let kind = kinds[(*cursor + step) % kinds.len()];
                let cards = types.get_mut(&kind).expect("a listed type");
                while let Some(i) = cards.pop() {
                    let card = &collection.cards[i];
                    if used_facts.insert((card.deck, card.fact)) {
                        picked.push(i);
                        progress = true;
                        break;
                    }
                }
                if progress {
                    *cursor += step + 1;
                    break;
                }
            }
            if picked.len() == count {
                break;
            }
        }
        if !progress {
            break;
        }
    }
    picked
}

#[derive(Serialize)]
struct Report {
    seed: u64,
    started: String,
    seconds: i64,
    timed_out: bool,
    questions: usize,
    answered: usize,
    score: f64,
    percent: f64,
    by_deck: Vec<Part>,
    by_type: Vec<Part>,
    items: Vec<Item>,
    review_next: Vec<String>,
}

#[derive(Serialize)]
struct Part {
    name: String,
    questions: usize,
    score: f64,
    percent: f64,
}

#[derive(Serialize)]
struct Item {
    number: usize,
    card: String,
    deck: String,
    #[serde(rename = "type")]
    kind: QuestionType,
    prompt: String,
    options: Vec<String>,
    your_answer: Option<String>,
    right_answer: String,
    score: f64,
    feedback: Option<String>,
    context: String,
    source: String,
    quote: String,
}

fn percent(score: f64, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        (score * 1000.0 / of as f64).round() / 10.0
    }
}

impl Report {
    fn new(
        collection: &Collection,
        sheet: &Sheet,
        seed: u64,
        started: DateTime<FixedOffset>,
        ended: DateTime<FixedOffset>,
        timed_out: bool,
    ) -> Self {
        let items: Vec<Item> = sheet
            .questions
            .iter()
            .zip(&sheet.answers)
            .enumerate()
            .map(|(k, (q, a))| {
                let card = &collection.cards[q.card];
                let fact = collection.fact(card);
                Item {
                    number: k + 1,
                    card: card.id.clone(),
                    deck: collection.deck(card).id.clone(),
                    kind: card.kind,
                    prompt: q.prompt.clone(),
                    options: q.options.clone(),
                    your_answer: a.as_ref().map(|(typed, _)| typed.clone()),
                    right_answer: q.answer.clone(),
                    score: a.as_ref().map_or(0.0, |(_, v)| v.points()),
                    feedback: a.as_ref().and_then(|(_, v)| v.feedback.clone()),
                    context: fact.context(),
                    source: fact.citation.source.clone(),
                    quote: fact.citation.quote.clone(),
                }
            })
            .collect();
        let part = |name: String, of: Vec<&Item>| {
            let score: f64 = of.iter().map(|i| i.score).sum();
            Part {
                name,
                questions: of.len(),
                score,
                percent: percent(score, of.len()),
            }
        };
        let mut decks: Vec<String> = items.iter().map(|i| i.deck.clone()).collect();
        decks.sort();
        decks.dedup();
        let by_deck = decks
            .into_iter()
            .map(|d| part(d.clone(), items.iter().filter(|i| i.deck == d).collect()))
            .collect();
        let by_type = QuestionType::ALL
            .iter()
            .filter(|t| items.iter().any(|i| i.kind == **t))
            .map(|t| {
                part(
                    t.name().to_owned(),
                    items.iter().filter(|i| i.kind == *t).collect(),
                )
            })
            .collect();
        let mut missed: BTreeMap<String, usize> = BTreeMap::new();
        for item in items.iter().filter(|i| i.score < 1.0) {
            *missed.entry(item.deck.clone()).or_default() += 1;
        }
        let mut review_next: Vec<(String, usize)> = missed.into_iter().collect();
        review_next.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let score: f64 = items.iter().map(|i| i.score).sum();
        Self {
            seed,
            started: started.to_rfc3339(),
            seconds: (ended - started).num_seconds().max(0),
            timed_out,
            questions: items.len(),
            answered: sheet.answers.iter().filter(|a| a.is_some()).count(),
            score,
            percent: percent(score, items.len()),
            by_deck,
            by_type,
            items,
            review_next: review_next
                .into_iter()
                .map(|(deck, n)| format!("{deck} ({n} missed)"))
                .collect(),
        }
    }

    /// Prints the report, and writes it as JSON to `json` if given.
    fn conclude(&self, json: Option<&std::path::Path>, force: bool) -> Result<()> {
        self.print();
        if let Some(path) = json {
            let text =
                show::json(serde_json::to_string_pretty(self).expect("the report serialises"));
            crate::output::write(path, force, (text + "\n").as_bytes())?;
        }
        Ok(())
    }

    fn print(&self) {
        let mut out = String::new();
        let line = |out: &mut String, s: String| {
            out.push_str(&s);
            out.push('\n');
        };
        line(&mut out, String::new());
        line(&mut out, style("Exam report").bold().to_string());
        line(
            &mut out,
            format!(
                "Score: {} of {} ({}%). Answered {} of {} in {}m {:02}s{}.",
                self.score,
                self.questions,
                self.percent,
                self.answered,
                self.questions,
                self.seconds / 60,
                self.seconds % 60,
                if self.timed_out {
                    ", when time ran out"
                } else {
                    ""
                }
            ),
        );
        for (title, parts) in [
            ("By deck", &self.by_deck),
            ("By question type", &self.by_type),
        ] {
            line(&mut out, format!("{title}:"));
            for p in parts {
                line(
                    &mut out,
                    format!(
                        "  {:<12} {:>4} of {:<3} {:>5}%",
                        p.name, p.score, p.questions, p.percent
                    ),
                );
            }
        }
        let misses: Vec<&Item> = self.items.iter().filter(|i| i.score < 1.0).collect();
        if misses.is_empty() {
            line(&mut out, "No misses.".into());
        } else {
            line(&mut out, format!("Misses ({}):", misses.len()));
        }
        for item in misses {
            line(
                &mut out,
                format!("{}. [{}] {}", item.number, item.deck, item.prompt),
            );
            for (i, option) in item.options.iter().enumerate() {
                line(&mut out, format!("     {}) {option}", i + 1));
            }
            let said = item
                .your_answer
                .as_deref()
                .map_or("(not answered)".to_owned(), |a| {
                    format!("`{}`", show::value(a))
                });
            let feedback = item
                .feedback
                .as_deref()
                .map(|f| format!(" ({})", show::message(f)))
                .unwrap_or_default();
            line(&mut out, format!("   you: {said}{feedback}"));
            line(&mut out, format!("   right: {}", item.right_answer));
            line(&mut out, format!("   {}", item.context));
            line(
                &mut out,
                style(format!("   source ({}): \"{}\"", item.source, item.quote))
                    .dim()
                    .to_string(),
            );
        }
        if !self.review_next.is_empty() {
            line(
                &mut out,
                format!("Review next: {}.", self.review_next.join(", ")),
            );
        }
        out!("{out}");
    }
}

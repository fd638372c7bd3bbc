//! `recall class report`: a teacher's view of the students' progress folders.
//!
//! Read-only: the logs and settings are read directly, never through the writer, so
//! nothing is locked, created or changed under DIR.
use std::{
    collections::BTreeMap,
    fs,
    path::{Path, PathBuf},
    process::ExitCode,
};

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Value, json};

use super::{load_collection, scheduler, warn_log};
use crate::{
    Clock,
    card::{Card, Collection},
    cli::{ClassReportArgs, Global},
    error::{Error, Result},
    interop::delimited,
    progress::{History, Record, Settings, UserDir, history},
    show,
    stats::{self, Missed, Snapshot},
};

/// How many of the most missed cards to list, and of their wrong answers.
const MOST_MISSED: usize = 10;
const WRONG_ANSWERS: usize = 3;

struct Student {
    name: String,
    reviews_7: u32,
    reviews_30: u32,
    last_study_day: Option<NaiveDate>,
    /// The share of each deck's cards mastered, in the collection's deck order.
    mastery: Vec<Option<f64>>,
}

/// A card of the most missed, with its commonest wrong answers and their counts.
struct MissedCard<'a> {
    card: &'a Card,
    missed: &'a Missed,
    wrong: Vec<(String, usize)>,
}

struct Report<'a> {
    collection: &'a Collection,
    dir: &'a Path,
    today: NaiveDate,
    students: Vec<Student>,
    /// (folder name, why it was skipped)
    skipped: Vec<(String, String)>,
    missed: BTreeMap<String, Missed>,
}

pub fn report(global: &Global, args: ClassReportArgs) -> Result<ExitCode> {
    let collection = load_collection(global)?;
    let now = Clock::from_env()?.now();
    let entries = fs::read_dir(&args.dir).map_err(|e| Error::storage("read", &args.dir, e))?;
    let mut folders: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| !name_of(p).starts_with('.'))
        .collect();
    folders.sort();
    let mut report = Report {
        collection: &collection,
        dir: &args.dir,
        today: now.date_naive(),
        students: Vec::new(),
        skipped: Vec::new(),
        missed: BTreeMap::new(),
    };
    for folder in &folders {
        match read_student(&collection, folder, now.to_utc(), &mut report.missed) {
            Ok(student) => report.students.push(student),
            Err(why) => {
                eoutln!(
                    "warning: `{}`: {}; skipped",
                    show::value(&folder.display().to_string()),
                    show::message(&why)
                );
                report.skipped.push((name_of(folder), why));
            }
        }
    }
    if args.json {
        outln!(
            "{}",
            show::json(serde_json::to_string_pretty(&report.json()).expect("report serialises"))
        );
    } else if args.csv {
        out!("{}", report.csv());
    } else {
        report.print();
    }
    Ok(ExitCode::SUCCESS)
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// An error's message without its `error: ` lead, to be shown as a warning.
fn message(e: &Error) -> String {
    let text = e.to_string();
    text.strip_prefix("error: ").unwrap_or(&text).to_owned()
}

/// One student's figures from their folder; adds their misses to `missed`.
fn read_student(
    collection: &Collection,
    folder: &Path,
    now: DateTime<Utc>,
    missed: &mut BTreeMap<String, Missed>,
) -> Result<Student, String> {
    // A student's folder comes from elsewhere (a copy, a sync): a link in it could point at
    // any file of the teacher's, so none is followed, and only regular files are read.
    let meta = fs::symlink_metadata(folder).map_err(|e| format!("could not read it: {e}"))?;
    if meta.file_type().is_symlink() {
        return Err("a symbolic link, not a folder (links are not followed)".into());
    }
    if !meta.is_dir() {
        return Err("not a folder".into());
    }
    let mut has_log = false;
    for entry in fs::read_dir(folder)
        .map_err(|e| format!("could not read it: {e}"))?
        .filter_map(|e| e.ok())
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_log = name.starts_with("log-") && name.ends_with(".tsv");
        if !is_log && name != crate::progress::settings::FILE_NAME {
            continue;
        }
        let kind = entry
            .file_type()
            .map_err(|e| format!("could not read `{name}`: {e}"))?;
        if kind.is_symlink() {
            return Err(format!(
                "`{name}` is a symbolic link; links in a student's folder are not followed"
            ));
        }
        if !kind.is_file() {
            return Err(format!("`{name}` is not a regular file"));
        }
        has_log |= is_log;
    }
    if !has_log {
        return Err("no review log (log-*.tsv) in it".into());
    }
    let user = UserDir::new(name_of(folder), folder.to_path_buf());
    let settings = user.settings().unwrap_or_else(|e| {
        eoutln!(
            "warning: {}\n  the default settings are used for `{}`",
            message(&e),
            show::value(&user.user)
        );
        Settings::default()
    });
    let scheduler = scheduler(&settings).map_err(|e| message(&e))?;
    let (records, problems) = user.read_log().map_err(|e| message(&e))?;
    warn_log(&problems);
    // What was typed is not kept in the history: take the misses from the log first.
    let misses: Vec<Record> = history::standing(&records)
        .into_iter()
        .filter(|r| r.grade() == Some(crate::grade::Grade::Again))
        .cloned()
        .collect();
    let history = History::new(records);
    let states = history.states(&scheduler);
    let snapshot = Snapshot {
        history: &history,
        states: &states,
        scheduler: &scheduler,
        now,
        exam: settings.exam_day(),
    };
    let today = snapshot.today();
    let in_scope =
        |c: &&Card| settings.question_types.contains(&c.kind) || !history.answers(&c.id).is_empty();
    let mastery = (0..collection.decks.len())
        .map(|d| {
            let cards = collection
                .cards
                .iter()
                .filter(|c| c.deck == d)
                .filter(in_scope)
                .map(|c| c.id.as_str());
            snapshot.counts(cards).mastery()
        })
        .collect();
    stats::add_misses(
        missed,
        &misses.iter().collect::<Vec<_>>(),
        collection.cards.iter().map(|c| c.id.as_str()),
    );
    Ok(Student {
        name: user.user.clone(),
        reviews_7: snapshot.answers_between(today - chrono::Duration::days(6), today),
        reviews_30: snapshot.answers_between(today - chrono::Duration::days(29), today),
        last_study_day: snapshot.last_study_day(),
        mastery,
    })
}

impl Report<'_> {
    fn most_missed(&self) -> Vec<MissedCard<'_>> {
        stats::most_missed(&self.missed, MOST_MISSED)
            .into_iter()
            .filter_map(|(id, missed)| {
                let card = &self.collection.cards[self.collection.index_of(id)?];
                let wrong =
                    stats::common_answers(missed.typed.iter().map(String::as_str), WRONG_ANSWERS);
                Some(MissedCard {
                    card,
                    missed,
                    wrong,
                })
            })
            .collect()
    }

    fn print(&self) {
        outln!(
            "Class report for `{}`: {} student{}, {}",
            show::value(&self.dir.display().to_string()),
            self.students.len(),
            plural(self.students.len()),
            self.today.format("%A %-d %B %Y")
        );
        if self.students.is_empty() {
            outln!(
                "No student folder with a review log; a class folder holds one folder per student, as the data dir does."
            );
            return;
        }
        outln!();
        let width = self
            .students
            .iter()
            .map(|s| show::value(&s.name).chars().count())
            .max()
            .unwrap_or(0)
            .max(7);
        let mut header = format!(
            "{:width$}  {:>10}  {:>11}  {:<12}",
            "student", "reviews 7d", "reviews 30d", "last studied"
        );
        for deck in &self.collection.decks {
            header.push_str(&format!("  {:>5}", deck.id));
        }
        outln!("{}", header.trim_end());
        for s in &self.students {
            let mut line = format!(
                "{:width$}  {:>10}  {:>11}  {:<12}",
                show::value(&s.name),
                s.reviews_7,
                s.reviews_30,
                s.last_study_day.map_or("never".into(), |d| d.to_string())
            );
            for (deck, mastery) in self.collection.decks.iter().zip(&s.mastery) {
                let cell = mastery.map_or("-".into(), |m| format!("{:.0}%", m * 100.0));
                line.push_str(&format!("  {cell:>w$}", w = deck.id.chars().count().max(5)));
            }
            outln!("{}", line.trim_end());
        }
        outln!("(mastery: the share of each deck's cards mastered, as `recall stats` counts them)");

        outln!();
        let missed = self.most_missed();
        if missed.is_empty() {
            outln!("Most missed cards: none missed yet");
            return;
        }
        outln!("Most missed cards (Again answers):");
        for (
            n,
            MissedCard {
                card,
                missed: m,
                wrong,
            },
        ) in missed.iter().enumerate()
        {
            outln!(
                "{:>3}. {} ({}): {} miss{} by {} student{}",
                n + 1,
                card.id,
                self.collection.deck(card).id,
                m.misses,
                if m.misses == 1 { "" } else { "es" },
                m.students,
                plural(m.students as usize)
            );
            if !card.prompt.is_empty() {
                outln!("     {}", card.prompt);
            }
            if !card.answer.is_empty() {
                outln!("     answer: {}", card.answer);
            }
            if !wrong.is_empty() {
                let wrong: Vec<String> = wrong
                    .iter()
                    .map(|(typed, count)| format!("`{}` ×{count}", show::value(typed)))
                    .collect();
                outln!("     wrong answers: {}", wrong.join(", "));
            }
        }
    }

    fn csv(&self) -> String {
        let mut out = String::new();
        let mut header: Vec<String> = [
            "student",
            "reviews_7_days",
            "reviews_30_days",
            "last_study_day",
        ]
        .map(String::from)
        .into();
        header.extend(
            self.collection
                .decks
                .iter()
                .map(|d| format!("mastery_{}", d.id)),
        );
        out.push_str(&delimited::csv_line(&header));
        for s in &self.students {
            let mut row = vec![
                show::value(&s.name).into_owned(),
                s.reviews_7.to_string(),
                s.reviews_30.to_string(),
                s.last_study_day.map(|d| d.to_string()).unwrap_or_default(),
            ];
            row.extend(
                s.mastery
                    .iter()
                    .map(|m| m.map(|m| format!("{:.1}", m * 100.0)).unwrap_or_default()),
            );
            out.push_str(&delimited::csv_line(&row));
        }
        out.push('\n');
        let header = [
            "card",
            "deck",
            "misses",
            "students",
            "question",
            "answer",
            "wrong_answers",
        ]
        .map(String::from);
        out.push_str(&delimited::csv_line(&header));
        for MissedCard {
            card,
            missed: m,
            wrong,
        } in self.most_missed()
        {
            let wrong: Vec<String> = wrong
                .iter()
                .map(|(typed, count)| format!("{} ({count})", show::value(typed)))
                .collect();
            let row = [
                card.id.clone(),
                self.collection.deck(card).id.clone(),
                m.misses.to_string(),
                m.students.to_string(),
                card.prompt.clone(),
                card.answer.clone(),
                wrong.join("; "),
            ];
            out.push_str(&delimited::csv_line(&row));
        }
        out
    }

    fn json(&self) -> Value {
        let students: Vec<Value> = self
            .students
            .iter()
            .map(|s| {
                let mastery: serde_json::Map<String, Value> = self
                    .collection
                    .decks
                    .iter()
                    .zip(&s.mastery)
                    .map(|(d, m)| (d.id.clone(), json!(m)))
                    .collect();
                json!({
                    "student": s.name,
                    "reviews_7_days": s.reviews_7,
                    "reviews_30_days": s.reviews_30,
                    "last_study_day": s.last_study_day.map(|d| d.to_string()),
                    "mastery": mastery,
                })
            })
            .collect();
        let missed: Vec<Value> = self
            .most_missed()
            .into_iter()
            .map(
                |MissedCard {
                     card,
                     missed: m,
                     wrong,
                 }| {
                    let wrong: Vec<Value> = wrong
                        .into_iter()
                        .map(|(answer, count)| json!({"answer": answer, "count": count}))
                        .collect();
                    json!({
                        "card": card.id,
                        "deck": self.collection.deck(card).id,
                        "question": card.prompt,
                        "answer": card.answer,
                        "misses": m.misses,
                        "students": m.students,
                        "wrong_answers": wrong,
                    })
                },
            )
            .collect();
        let skipped: Vec<Value> = self
            .skipped
            .iter()
            .map(|(folder, why)| json!({"folder": folder, "reason": why}))
            .collect();
        json!({
            "today": self.today.to_string(),
            "students": students,
            "most_missed": missed,
            "skipped": skipped,
        })
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

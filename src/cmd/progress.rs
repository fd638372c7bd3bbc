//! `recall progress`: every card the user has seen.
use std::process::ExitCode;

use chrono::{SecondsFormat, Utc};
use serde::Serialize;

use super::{load_collection, read_states, scheduler};
use crate::{
    Clock,
    card::QuestionType,
    cli::{Global, ProgressArgs},
    error::Result,
    progress::UserDir,
    schedule::Phase,
    show,
};

#[derive(Serialize)]
struct Row {
    card: String,
    deck: String,
    question: String,
    answer: String,
    phase: Phase,
    suspended: bool,
    reviews: u32,
    lapses: u32,
    stability: Option<f32>,
    difficulty: Option<f32>,
    retrievability: Option<f32>,
    last_review: Option<String>,
    due: Option<String>,
}

pub fn run(global: &Global, args: ProgressArgs) -> Result<ExitCode> {
    let collection = load_collection(global)?;
    let selected = collection.select(&args.deck_ids, &[], &QuestionType::ALL)?;
    let user = UserDir::resolve(global)?;
    let scheduler = scheduler(&user.settings()?)?;
    let (history, states) = read_states(&user, &scheduler)?;
    let now = Clock::from_env()?.now().with_timezone(&Utc);
    let time = |t: Option<chrono::DateTime<Utc>>| {
        t.map(|t| {
            t.with_timezone(&chrono::Local)
                .to_rfc3339_opts(SecondsFormat::Secs, true)
        })
    };
    let rows: Vec<Row> = selected
        .iter()
        .filter_map(|&i| {
            let card = &collection.cards[i];
            let state = states.get(&card.id)?;
            Some(Row {
                card: card.id.clone(),
                deck: collection.deck(card).id.clone(),
                question: card.prompt.clone(),
                answer: card.answer.clone(),
                phase: state.phase,
                suspended: history.is_suspended(&card.id),
                reviews: state.reviews,
                lapses: state.lapses,
                stability: state.memory.map(|m| m.stability),
                difficulty: state.memory.map(|m| m.difficulty),
                retrievability: scheduler.retrievability(state, now),
                last_review: time(state.last_review),
                due: time(state.due),
            })
        })
        .collect();

    if args.json {
        outln!(
            "{}",
            show::json(serde_json::to_string_pretty(&rows).expect("rows serialise"))
        );
        return Ok(ExitCode::SUCCESS);
    }
    if rows.is_empty() {
        outln!(
            "`{}` has not reviewed any of these cards yet; start with `recall review`",
            user.user
        );
        return Ok(ExitCode::SUCCESS);
    }
    let width = rows.iter().map(|r| r.card.len()).max().unwrap_or(4).max(4);
    outln!(
        "{:width$}  {:>7}  {:>6}  {:>9}  {:>10}  {:>6}  {:<16}  due",
        "card",
        "reviews",
        "lapses",
        "stability",
        "difficulty",
        "recall",
        "last review"
    );
    for r in &rows {
        let short = |t: &Option<String>| {
            t.as_deref().map_or("-".to_owned(), |t| {
                t.chars().take(16).collect::<String>().replace('T', " ")
            })
        };
        outln!(
            "{:width$}  {:>7}  {:>6}  {:>9}  {:>10}  {:>6}  {:<16}  {}",
            r.card,
            r.reviews,
            r.lapses,
            r.stability.map_or("-".into(), |s| format!("{s:.1}d")),
            r.difficulty.map_or("-".into(), |d| format!("{d:.2}")),
            r.retrievability
                .map_or("-".into(), |p| format!("{:.0}%", p * 100.0)),
            short(&r.last_review),
            short(&r.due),
        );
    }
    outln!("{} cards seen by `{}`", rows.len(), user.user);
    Ok(ExitCode::SUCCESS)
}

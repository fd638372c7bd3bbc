//! `recall stats`: how the studying goes, in figures and pictures.
use std::{collections::BTreeMap, process::ExitCode};

use chrono::{Duration, NaiveDate, Utc};
use console::style;
use serde_json::{Value, json};

use super::{load_collection, read_states, scheduler};
use crate::{
    Clock,
    card::QuestionType,
    card::{Card, Collection},
    cli::{Global, StatsArgs},
    error::Result,
    progress::{Settings, UserDir},
    show,
    stats::{self, Calendar, Counts, Day, Retention, Snapshot},
};

/// The study calendar's weeks, the due chart's days, the retention line's weeks, hardest cards.
const CALENDAR_WEEKS: usize = 26;
const DUE_DAYS: usize = 30;
const RETENTION_WEEKS: usize = 12;
const HARDEST: usize = 10;

struct Figures {
    counts: Counts,
    week: Retention,
    month: Retention,
}

struct Report<'a> {
    collection: &'a Collection,
    user: &'a str,
    today: NaiveDate,
    decks: Vec<(&'a str, Figures)>,
    overall: Figures,
    days: BTreeMap<NaiveDate, Day>,
    streak: u32,
    calendar: Calendar,
    due: Vec<u32>,
    weeks: Vec<(NaiveDate, Retention)>,
    hardest: Vec<&'a Card>,
    leeches: Vec<&'a Card>,
    snapshot: &'a Snapshot<'a>,
    settings: &'a Settings,
}

pub fn run(global: &Global, args: StatsArgs) -> Result<ExitCode> {
    let collection = load_collection(global)?;
    let selected = collection.select(&args.deck_ids, &[], &QuestionType::ALL)?;
    let user = UserDir::resolve(global)?;
    let settings = user.settings()?;
    let scheduler = scheduler(&settings)?;
    let (history, states) = read_states(&user, &scheduler)?;
    let now = Clock::from_env()?.now().with_timezone(&Utc);
    let snapshot = Snapshot {
        history: &history,
        states: &states,
        scheduler: &scheduler,
        now,
        exam: settings.exam_day(),
    };
    // The cards of the question types reviewed, and any other card answered (in an exam, say).
    let cards: Vec<&Card> = selected
        .iter()
        .map(|&i| &collection.cards[i])
        .filter(|c| settings.question_types.contains(&c.kind) || !history.answers(&c.id).is_empty())
        .collect();
    let report = Report::new(&collection, &cards, &snapshot, &settings, &user.user);
    if args.json {
        outln!(
            "{}",
            show::json(serde_json::to_string_pretty(&report.json()).expect("stats serialise"))
        );
    } else {
        report.print();
    }
    Ok(ExitCode::SUCCESS)
}

impl<'a> Report<'a> {
    fn new(
        collection: &'a Collection,
        cards: &[&'a Card],
        snapshot: &'a Snapshot<'a>,
        settings: &'a Settings,
        user: &'a str,
    ) -> Self {
        let today = snapshot.today();
        let ids =
            |cards: &[&'a Card]| -> Vec<&'a str> { cards.iter().map(|c| c.id.as_str()).collect() };
        let figures = |cards: &[&'a Card]| {
            let ids = ids(cards);
            Figures {
                counts: snapshot.counts(ids.iter().copied()),
                week: snapshot.retention(ids.iter().copied(), today - Duration::days(6), today),
                month: snapshot.retention(ids.iter().copied(), today - Duration::days(29), today),
            }
        };
        let mut deck_indices: Vec<usize> = cards.iter().map(|c| c.deck).collect();
        deck_indices.sort();
        deck_indices.dedup();
        let decks = deck_indices
            .into_iter()
            .map(|d| {
                let of_deck: Vec<&Card> = cards.iter().copied().filter(|c| c.deck == d).collect();
                (collection.decks[d].id.as_str(), figures(&of_deck))
            })
            .collect();
        let all = ids(cards);
        let days = snapshot.per_day(all.iter().copied());
        let card = |id: &str| collection.index_of(id).map(|i| &collection.cards[i]);
        Self {
            collection,
            user,
            today,
            decks,
            overall: figures(cards),
            streak: stats::streak(&days, today),
            calendar: Calendar::new(&days, today, CALENDAR_WEEKS),
            days,
            due: snapshot.due_per_day(all.iter().copied(), DUE_DAYS),
            weeks: snapshot.retention_by_week(all.iter().copied(), RETENTION_WEEKS),
            hardest: snapshot
                .hardest(all.iter().copied(), HARDEST)
                .into_iter()
                .filter_map(card)
                .collect(),
            leeches: snapshot
                .leeches(all.iter().copied(), settings.leech_lapses)
                .into_iter()
                .filter_map(card)
                .collect(),
            snapshot,
            settings,
        }
    }

    /// Reviews and time spent from `days` days ago up to today.
    fn studied_since(&self, days: i64) -> Day {
        let from = self.today - Duration::days(days);
        let mut total = Day::default();
        for day in self.days.range(from..=self.today).map(|(_, d)| d) {
            total.reviews += day.reviews;
            total.seconds += day.seconds;
        }
        total
    }

    /// The prompt and the right answer, as far as the card has them (an order question
    /// has neither: its fact stands for both).
    fn question_and_answer(&self, card: &Card) -> (String, String) {
        let fact = self.collection.fact(card);
        let question = if card.prompt.is_empty() {
            format!("a {} question", card.kind.name())
        } else {
            card.prompt.clone()
        };
        let answer = if card.answer.is_empty() {
            fact.context()
        } else {
            card.answer.clone()
        };
        (question, answer)
    }

    fn print(&self) {
        let heading = |text: String| outln!("{}", style(text).bold());
        heading(format!(
            "Statistics for `{}`, {}",
            self.user,
            self.today.format("%A %-d %B %Y")
        ));
        outln!();
        self.print_table();
        outln!("{}", style(self.mastered_means()).dim());

        outln!();
        let today = self.studied_since(0);
        let week = self.studied_since(6);
        let month = self.studied_since(29);
        outln!(
            "Reviews: today {} in {}; last 7 days {} in {}; last 30 days {} in {}",
            today.reviews,
            stats::duration(today.seconds),
            week.reviews,
            stats::duration(week.seconds),
            month.reviews,
            stats::duration(month.seconds),
        );
        self.print_last_days();
        outln!(
            "Streak: {} day{} in a row",
            self.streak,
            plural(self.streak as usize)
        );

        outln!();
        let legend: Vec<String> = self
            .calendar
            .legend()
            .into_iter()
            .map(|(shade, low, high)| {
                let range = if low == high {
                    low.to_string()
                } else {
                    format!("{low}–{high}")
                };
                format!("{} {range}", green(shade))
            })
            .collect();
        heading(format!(
            "Study calendar, last {CALENDAR_WEEKS} weeks (reviews a day: · none  {})",
            legend.join("  ")
        ));
        for line in self.calendar.lines() {
            outln!("{}", line.chars().map(green).collect::<String>());
        }

        outln!();
        let total: u32 = self.due.iter().sum();
        let most = self.due.iter().copied().max().unwrap_or(0);
        heading(format!(
            "Due in the next {DUE_DAYS} days: {total} card{} (today {}, at most {most} a day)",
            plural(total as usize),
            self.due[0]
        ));
        let bars: String = self.due.iter().map(|&n| stats::bar(n, most)).collect();
        outln!("{}", style(format!("│{bars}│")).cyan());
        outln!(
            " today{:>width$}",
            format!("in {} days", DUE_DAYS - 1),
            width = DUE_DAYS - 5
        );

        outln!();
        let rates: Vec<Option<f64>> = self.weeks.iter().map(|(_, r)| r.rate()).collect();
        heading(format!(
            "Retention by week, last {RETENTION_WEEKS} weeks (▁ 50% or less … █ 100%, · no reviews)"
        ));
        outln!(
            "{}  this week {}",
            style(stats::sparkline(&rates)).yellow(),
            percent(self.overall.week)
        );

        outln!();
        self.print_hardest();
        outln!();
        self.print_leeches();
        outln!();
        self.print_parameters();
    }

    fn print_table(&self) {
        let width = self
            .decks
            .iter()
            .map(|(d, _)| d.chars().count())
            .max()
            .unwrap_or(0)
            .max(4);
        outln!(
            "{:width$}  {:>5}  {:>5}  {:>8}  {:>6}  {:>9}  {:>10}  {:>14}  {:>14}",
            "deck",
            "cards",
            "new",
            "learning",
            "review",
            "suspended",
            "mastered",
            "retention 7d",
            "retention 30d"
        );
        let rows = self
            .decks
            .iter()
            .map(|(d, f)| (*d, f))
            .chain(std::iter::once(("all", &self.overall)));
        for (deck, f) in rows {
            let c = f.counts;
            let mastered = match c.mastery() {
                Some(m) => format!("{} ({:.0}%)", c.mastered, m * 100.0),
                None => "-".into(),
            };
            outln!(
                "{:width$}  {:>5}  {:>5}  {:>8}  {:>6}  {:>9}  {:>10}  {:>14}  {:>14}",
                deck,
                c.total(),
                c.new,
                c.learning,
                c.review,
                c.suspended,
                mastered,
                retention(f.week),
                retention(f.month)
            );
        }
    }

    fn mastered_means(&self) -> String {
        match self.exam() {
            Some(exam) => format!(
                "mastered: predicted at {:.0}% or more on the exam day, {}",
                stats::MASTERED * 100.0,
                exam.format("%A %-d %B %Y")
            ),
            None => format!(
                "mastered: a stability of {} days or more (as Anki's mature cards)",
                stats::MASTERED_DAYS
            ),
        }
    }

    /// The exam mastery is measured for, if it is still ahead.
    fn exam(&self) -> Option<NaiveDate> {
        self.snapshot.exam.filter(|&exam| exam >= self.today)
    }

    fn print_last_days(&self) {
        let mut names = String::from("          ");
        let mut reviews = String::from("reviews   ");
        let mut time = String::from("time      ");
        for ago in (0..7).rev() {
            let day = self.today - Duration::days(ago);
            let studied = self.days.get(&day).copied().unwrap_or_default();
            names.push_str(&format!("{:>8}", day.format("%a %-d").to_string()));
            reviews.push_str(&format!("{:>8}", studied.reviews));
            let spent = if studied.reviews == 0 {
                "-".to_owned()
            } else {
                stats::duration(studied.seconds)
            };
            time.push_str(&format!("{spent:>8}"));
        }
        outln!("{names}\n{reviews}\n{time}");
    }

    fn print_hardest(&self) {
        outln!(
            "{}",
            style("Hardest cards (most lapses, then most difficult)").bold()
        );
        if self.hardest.is_empty() {
            outln!("  none yet: nothing answered");
        }
        for (n, card) in self.hardest.iter().enumerate() {
            let state = &self.snapshot.states[&card.id];
            let (question, answer) = self.question_and_answer(card);
            outln!(
                "{:>3}. {} ({}): {} lapse{}, {}",
                n + 1,
                card.id,
                self.collection.deck(card).id,
                state.lapses,
                plural(state.lapses as usize),
                state
                    .memory
                    .map_or("no memory state yet".into(), |m| format!(
                        "difficulty {:.1} of 10, stability {:.1} days",
                        m.difficulty, m.stability
                    ))
            );
            outln!("     {question}");
            outln!("     answer: {}", style(answer).green());
        }
    }

    fn print_leeches(&self) {
        let threshold = self.settings.leech_lapses;
        let title = format!(
            "Leeches (at least {threshold} lapse{}):",
            plural(threshold as usize)
        );
        if self.leeches.is_empty() {
            outln!("{} none", style(title).bold());
            return;
        }
        outln!("{} {}", style(title).bold(), self.leeches.len());
        for card in &self.leeches {
            let (question, _) = self.question_and_answer(card);
            outln!(
                "  {} {}: {} lapses; {question}",
                style("!").red().bold(),
                card.id,
                self.snapshot.states[&card.id].lapses
            );
        }
        let ids: Vec<&str> = self.leeches.iter().map(|c| c.id.as_str()).collect();
        outln!(
            "  suspend them, then rework the facts: recall card suspend {}",
            ids.join(" ")
        );
    }

    fn print_parameters(&self) {
        match &self.settings.parameters {
            Some(own) => {
                let values: Vec<String> = own.iter().map(|p| format!("{p:.4}")).collect();
                outln!(
                    "{} your own parameters, from settings.toml: {}",
                    style("FSRS parameters:").bold(),
                    values.join(", ")
                );
            }
            None => outln!(
                "{} the defaults (FSRS-6); `recall optimize` fits your own to your reviews",
                style("FSRS parameters:").bold()
            ),
        }
    }

    fn json(&self) -> Value {
        let figures = |f: &Figures| {
            let c = f.counts;
            json!({
                "cards": c.total(),
                "new": c.new,
                "learning": c.learning,
                "review": c.review,
                "suspended": c.suspended,
                "mastered": c.mastered,
                "mastery": c.mastery(),
                "retention_7_days": retention_json(f.week),
                "retention_30_days": retention_json(f.month),
            })
        };
        let decks: Vec<Value> = self
            .decks
            .iter()
            .map(|(deck, f)| {
                let mut v = figures(f);
                v["deck"] = json!(deck);
                v
            })
            .collect();
        let days: Vec<Value> = self
            .days
            .iter()
            .map(|(day, d)| json!({"day": day.to_string(), "reviews": d.reviews, "seconds": round(d.seconds)}))
            .collect();
        let weeks: Vec<Value> = self
            .weeks
            .iter()
            .map(|(from, r)| {
                let mut v = retention_json(*r);
                v["from"] = json!(from.to_string());
                v["to"] = json!((*from + Duration::days(6)).to_string());
                v
            })
            .collect();
        let card_json = |card: &Card| {
            let state = &self.snapshot.states[&card.id];
            let (question, answer) = self.question_and_answer(card);
            json!({
                "card": card.id,
                "deck": self.collection.deck(card).id,
                "question": question,
                "answer": answer,
                "reviews": state.reviews,
                "lapses": state.lapses,
                "stability": state.memory.map(|m| m.stability),
                "difficulty": state.memory.map(|m| m.difficulty),
            })
        };
        let parameters = match &self.settings.parameters {
            Some(own) => json!({"source": "own", "values": own}),
            None => json!({"source": "default", "values": fsrs::DEFAULT_PARAMETERS}),
        };
        json!({
            "user": self.user,
            "today": self.today.to_string(),
            "decks": decks,
            "overall": figures(&self.overall),
            "reviews_per_day": days,
            "streak": self.streak,
            "calendar": {
                "first_day": self.calendar.first_day.to_string(),
                "weeks": self.calendar.weeks,
            },
            "due_next_30_days": self.due,
            "retention_by_week": weeks,
            "hardest": self.hardest.iter().map(|c| card_json(c)).collect::<Vec<_>>(),
            "leeches": self.leeches.iter().map(|c| card_json(c)).collect::<Vec<_>>(),
            "exam_date": self.exam().map(|d| d.to_string()),
            "leech_lapses": self.settings.leech_lapses,
            "desired_retention": self.settings.desired_retention,
            "parameters": parameters,
        })
    }
}

fn retention_json(r: Retention) -> Value {
    json!({"right": r.right, "reviews": r.reviews, "rate": r.rate()})
}

fn round(seconds: f64) -> f64 {
    (seconds * 10.0).round() / 10.0
}

/// "90% (9/10)", or "-" with no reviews.
fn retention(r: Retention) -> String {
    match r.rate() {
        Some(rate) => format!("{:.0}% ({}/{})", rate * 100.0, r.right, r.reviews),
        None => "-".into(),
    }
}

fn percent(r: Retention) -> String {
    r.rate()
        .map_or("-".into(), |rate| format!("{:.0}%", rate * 100.0))
}

fn green(c: char) -> String {
    if "░▒▓█".contains(c) {
        style(c).green().to_string()
    } else {
        c.to_string()
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

//! `cargo bench`: how `recall review` copes with a heavy collection (issue 7).
//!
//! Generates synthetic collections (`support/synthetic.rs`) in temporary folders and measures,
//! in process: the time to the first question (load the decks, read and replay the logs, plan
//! the session), with the cache of the logs up to date (every start but the first, or the
//! first after a late sync) and without it; the time only to read and parse the same files;
//! and the time per answer (check, schedule, append and flush). Then it runs the real release
//! binary for its time to the first question and its peak memory. Sizes go from 1k to 20k
//! facts (at 1M reviews) and from 10k to 1M reviews (at 20k facts), 2.5 cards a fact; and
//! issue 16's heavy user, 50k facts of one card each with 1M reviews.
#[path = "support/synthetic.rs"]
mod synthetic;

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
    process::{Command, Stdio},
    sync::{LazyLock, Mutex},
    time::{Duration, Instant},
};

use chrono::{DateTime, Utc};
use rand::{SeedableRng, rngs::StdRng};
use recall::{
    card::Collection,
    deck,
    progress::{History, Record, UserDir, log::parse_lines},
    quiz,
    schedule::Scheduler,
    session::{Limits, Session},
};
use synthetic::{Layout, NOW, Size};

const FACTS: &[usize] = &[1_000, 5_000, 20_000];
const REVIEWS: &[usize] = &[10_000, 100_000, 1_000_000];

fn main() {
    divan::main();
    stages(Size::HEAVY);
    stages(Size::ONE_CARD);
    real_binary();
}

/// Generated collections, kept for the whole run (each 1M-review one takes about a second).
static COLLECTIONS: LazyLock<Mutex<HashMap<SizeKey, &'static Generated>>> =
    LazyLock::new(Default::default);

/// Facts, reviews, one card a fact.
type SizeKey = (usize, usize, bool);

struct Generated {
    _dir: tempfile::TempDir,
    layout: Layout,
    /// The machine's cache folder, with the cache of the logs up to date.
    cache: tempfile::TempDir,
}

fn collection(facts: usize, reviews: usize) -> &'static Layout {
    &generated(sized(facts, reviews)).layout
}

/// A cache folder holding an up-to-date cache of the collection's logs.
fn warm_cache(facts: usize, reviews: usize) -> &'static Path {
    generated(sized(facts, reviews)).cache.path()
}

fn sized(facts: usize, reviews: usize) -> Size {
    Size {
        facts,
        reviews,
        ..Size::HEAVY
    }
}

fn generated(size: Size) -> &'static Generated {
    let mut all = COLLECTIONS.lock().unwrap();
    all.entry((size.facts, size.reviews, size.one_card))
        .or_insert_with(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let layout = synthetic::generate(dir.path(), size).expect("write the collection");
            let cache = tempfile::tempdir().expect("temp dir");
            // A first read writes the cache.
            user(&layout, Some(cache.path()))
                .read_progress(&Scheduler::new(Default::default()).unwrap())
                .expect("read the logs");
            Box::leak(Box::new(Generated {
                _dir: dir,
                layout,
                cache,
            }))
        })
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(NOW)
        .unwrap()
        .with_timezone(&Utc)
}

fn user(layout: &Layout, cache: Option<&Path>) -> UserDir {
    UserDir {
        user: layout.user.to_owned(),
        path: layout.data.join(layout.user),
        cache: cache.map(|dir| dir.join("heavy.bin")),
    }
}

/// What [`start`] leaves: the first question asked.
struct Started {
    collection: Collection,
    scheduler: Scheduler,
    history: History,
    selected: Vec<usize>,
    first: Option<usize>,
}

/// What `recall review` does before it asks: the same library calls, in the same order, the
/// decks loaded while the logs are read. `cache`: the cache folder, if any.
fn start(layout: &Layout, cache: Option<&Path>) -> Started {
    let user = user(layout, cache);
    let (decks, (settings, scheduler, history, states)) = std::thread::scope(|scope| {
        let decks = scope.spawn(|| deck::load_paths(std::slice::from_ref(&layout.decks)));
        let settings = user.settings().unwrap();
        let scheduler = Scheduler::new(settings.schedule_options()).unwrap();
        let read = user.read_progress(&scheduler).unwrap();
        let read = (settings, scheduler, read.history, read.states);
        (decks.join().unwrap().expect("decks load"), read)
    });
    let collection = Collection::new(decks);
    let selected = collection
        .select(&[], &[], &settings.question_types)
        .unwrap();
    let selected: Vec<usize> = selected
        .into_iter()
        .filter(|&i| !history.is_suspended(&collection.cards[i].id))
        .collect();
    let (introduced, answered) = history.answered_on(&scheduler, scheduler.day(now()));
    let studied = answered
        .into_iter()
        .filter_map(|card| collection.index_of(card))
        .map(|i| (collection.cards[i].deck, collection.cards[i].fact))
        .collect();
    let mut rng = StdRng::seed_from_u64(7);
    let mut session = Session::plan(
        &collection,
        &selected,
        &states,
        &studied,
        now(),
        Limits {
            new: settings.new_per_day.saturating_sub(introduced),
            total: None,
        },
        &mut rng,
    );
    let first = session.pop();
    if let Some(i) = first {
        divan::black_box(quiz::ask(&collection, i, &selected, &mut rng));
    }
    Started {
        collection,
        scheduler,
        history,
        selected,
        first,
    }
}

/// Only reading and parsing the same files, in one thread: the floor for [`start`].
fn read_and_parse(layout: &Layout) -> (usize, usize) {
    let decks = deck::load_paths(std::slice::from_ref(&layout.decks)).expect("decks load");
    let mut lines = 0;
    for entry in std::fs::read_dir(layout.data.join(layout.user)).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "tsv") {
            let text = std::fs::read_to_string(&path).unwrap();
            lines += parse_lines("log", &text).0.len();
        }
    }
    (decks.len(), lines)
}

#[divan::bench(args = FACTS, sample_count = 3, sample_size = 1)]
fn first_question_by_facts(facts: usize) -> Option<usize> {
    start(
        collection(facts, 1_000_000),
        Some(warm_cache(facts, 1_000_000)),
    )
    .first
}

#[divan::bench(args = REVIEWS, sample_count = 3, sample_size = 1)]
fn first_question_by_reviews(reviews: usize) -> Option<usize> {
    start(
        collection(20_000, reviews),
        Some(warm_cache(20_000, reviews)),
    )
    .first
}

#[divan::bench(args = FACTS, sample_count = 3, sample_size = 1)]
fn first_question_without_cache_by_facts(facts: usize) -> Option<usize> {
    start(collection(facts, 1_000_000), None).first
}

#[divan::bench(args = REVIEWS, sample_count = 3, sample_size = 1)]
fn first_question_without_cache_by_reviews(reviews: usize) -> Option<usize> {
    start(collection(20_000, reviews), None).first
}

/// Issue 16's heavy user: 50,000 facts of one card each, 1,000,000 reviews.
#[divan::bench(sample_count = 3, sample_size = 1)]
fn first_question_one_card_a_fact() -> Option<usize> {
    let g = generated(Size::ONE_CARD);
    start(&g.layout, Some(g.cache.path())).first
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn first_question_one_card_a_fact_without_cache() -> Option<usize> {
    start(&generated(Size::ONE_CARD).layout, None).first
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn read_and_parse_one_card_a_fact() -> (usize, usize) {
    read_and_parse(&generated(Size::ONE_CARD).layout)
}

#[divan::bench(args = FACTS, sample_count = 3, sample_size = 1)]
fn read_and_parse_by_facts(facts: usize) -> (usize, usize) {
    read_and_parse(collection(facts, 1_000_000))
}

#[divan::bench(args = REVIEWS, sample_count = 3, sample_size = 1)]
fn read_and_parse_by_reviews(reviews: usize) -> (usize, usize) {
    read_and_parse(collection(20_000, reviews))
}

/// One answer as `recall review` handles it: ask, check, append to the log and flush it to
/// disk, apply it and replay the card. The log is a fresh one in a folder of its own.
#[divan::bench(args = FACTS, sample_count = 20, sample_size = 10)]
fn answer(bencher: divan::Bencher, facts: usize) {
    let layout = collection(facts, 1_000_000);
    let mut started = start(layout, Some(warm_cache(facts, 1_000_000)));
    let card = started.first.expect("something to ask");
    let out = tempfile::tempdir().unwrap();
    let mut writer = UserDir {
        user: "answers".into(),
        path: out.path().join("answers"),
        cache: None,
    }
    .open_writer("bench")
    .unwrap();
    let mut rng = StdRng::seed_from_u64(7);
    let at = DateTime::parse_from_rfc3339(NOW).unwrap();
    bencher.bench_local(|| {
        let c = &started.collection;
        let q = quiz::ask(c, card, &started.selected, &mut rng);
        let typed = "the armistice 1953";
        let verdict = quiz::grade(&q, typed, &c.confusables(&c.cards[card]));
        let record = Record::answer(at, &c.cards[card].id, verdict.grade, 3.2, typed);
        writer.append(&record).unwrap();
        started.history.apply(record);
        started.history.state(&started.scheduler, &c.cards[card].id)
    });
}

/// Each step of [`start`] on its own, at `size`: what dominates the time to the first question.
fn stages(size: Size) {
    let generated = generated(size);
    let layout = &generated.layout;
    let cold = user(layout, None);
    let warm = user(layout, Some(generated.cache.path()));
    let mut rows: Vec<(&str, Duration)> = Vec::new();
    let mut time = |name, f: &mut dyn FnMut()| {
        let t = Instant::now();
        f();
        rows.push((name, t.elapsed()));
    };
    let mut decks = Vec::new();
    time("parse the decks (TOML)", &mut || {
        decks = deck::load_paths(std::slice::from_ref(&layout.decks)).unwrap()
    });
    let mut collection = None;
    time("make the cards", &mut || {
        collection = Some(Collection::new(std::mem::take(&mut decks)))
    });
    let mut texts = Vec::new();
    time("read the logs", &mut || {
        texts = std::fs::read_dir(&cold.path)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect::<Vec<_>>()
    });
    time("parse the log lines (one thread)", &mut || {
        for text in &texts {
            divan::black_box(parse_lines("log", text));
        }
    });
    drop(texts);
    let scheduler = Scheduler::new(Default::default()).unwrap();
    let mut history = History::default();
    time("read and replay the logs, no cache", &mut || {
        history = cold.read_progress(&scheduler).unwrap().history
    });
    let mut states = HashMap::new();
    time("read the logs, cache up to date", &mut || {
        let read = warm.read_progress(&scheduler).unwrap();
        (history, states) = (read.history, read.states);
    });
    time("replay every card (FSRS), alone", &mut || {
        divan::black_box(history.states(&scheduler));
    });
    time("cards answered today", &mut || {
        divan::black_box(history.answered_on(&scheduler, scheduler.day(now())));
    });
    let collection = collection.unwrap();
    let selected = collection
        .select(
            &[],
            &[],
            &recall::progress::Settings::default().question_types,
        )
        .unwrap();
    time("plan the session", &mut || {
        divan::black_box(Session::plan(
            &collection,
            &selected,
            &states,
            &Default::default(),
            now(),
            Limits {
                new: 20,
                total: None,
            },
            &mut StdRng::seed_from_u64(7),
        ));
    });
    println!(
        "\nTime to the first question, step by step ({} facts{}, {} reviews, one run):",
        size.facts,
        if size.one_card { " of one card" } else { "" },
        size.reviews
    );
    for (name, took) in rows {
        println!("  {name:<34} {:>8.1} ms", took.as_secs_f64() * 1000.0);
    }
}

/// The real binary, `recall review --limit 1` with input ended, under `/usr/bin/time`, for its
/// wall time (to the first question and out) and its peak resident memory: with the cache of
/// the logs up to date (written by a first run) and without one.
fn real_binary() {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_recall"));
    if !PathBuf::from("/usr/bin/time").exists() {
        println!("\nreal binary: skipped, no /usr/bin/time (Debian package `time`)");
        return;
    }
    println!("\nThe real binary, `review --limit 1` with input ended (best of 3):");
    println!(
        "  {:>7} {:>9}  {:>9} {:>9}  {:>13} {:>9}",
        "facts", "reviews", "cached", "peak RSS", "without cache", "peak RSS"
    );
    let sizes = FACTS
        .iter()
        .map(|&f| sized(f, 1_000_000))
        .chain(
            REVIEWS
                .iter()
                .filter(|&&r| r != 1_000_000)
                .map(|&r| sized(20_000, r)),
        )
        .chain([Size::ONE_CARD]);
    for size in sizes {
        let layout = &generated(size).layout;
        let cache = tempfile::tempdir().expect("temp dir");
        let run = |cache: &Path| {
            let out = Command::new("/usr/bin/time")
                .args(["-f", "%e %M"])
                .arg(&bin)
                .args(["review", "--limit", "1"])
                .env("RECALL_DECKS", &layout.decks)
                .env("RECALL_DATA_DIR", &layout.data)
                .env("RECALL_CACHE_DIR", cache)
                .env("RECALL_USER", layout.user)
                .env("RECALL_DEVICE", layout.device)
                .env("RECALL_NOW", NOW)
                .env("RECALL_SEED", "7")
                .env("TZ", "UTC")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .output()
                .expect("run recall");
            let err = String::from_utf8_lossy(&out.stderr);
            let last = err.lines().last().unwrap_or_default();
            let mut fields = last.split_whitespace();
            let secs: f64 = fields
                .next()
                .and_then(|s| s.parse().ok())
                .unwrap_or(f64::NAN);
            let kb: u64 = fields.next().and_then(|s| s.parse().ok()).unwrap_or(0);
            (secs, kb / 1024)
        };
        let best = |cache: &Path| {
            (0..3)
                .map(|_| run(cache))
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .unwrap()
        };
        run(cache.path());
        let (warm, warm_mb) = best(cache.path());
        let (cold, cold_mb) = best(Path::new(""));
        let (facts, reviews) = (size.facts, size.reviews);
        let one = if size.one_card { "1 card a fact" } else { "" };
        println!(
            "  {facts:>7} {reviews:>9}  {warm:>8.2}s {warm_mb:>6} MB  {cold:>12.2}s {cold_mb:>6} MB  {one}"
        );
    }
}

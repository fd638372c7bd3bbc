//! A synthetic heavy collection for the benchmarks: decks of events and plain cards, and
//! years of reviews logged on several devices, written the way `recall` writes them.
use std::{
    fs,
    io::{self, BufWriter, Write},
    path::{Path, PathBuf},
};

use chrono::{DateTime, Duration, FixedOffset};
use rand::{RngExt, SeedableRng, rngs::StdRng};
use recall::{grade::Grade, progress::Record};

/// The clock of every benchmark session: the day after the last logged review.
pub const NOW: &str = "2026-11-21T10:00:00+00:00";
/// How far back the reviews go.
pub const YEARS: i64 = 5;

#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub facts: usize,
    pub decks: usize,
    pub reviews: usize,
    pub devices: usize,
    /// Every fact a plain card, one card each, as most real decks have; else 2.5 cards a fact.
    pub one_card: bool,
}

impl Size {
    /// The heavy user of issue 7: 20,000 facts in 20 decks, 1,000,000 reviews on 3 devices.
    pub const HEAVY: Size = Size {
        facts: 20_000,
        decks: 20,
        reviews: 1_000_000,
        devices: 3,
        one_card: false,
    };

    /// The heavy user of issue 16: 50,000 facts of one card each in 20 decks, 1,000,000 reviews.
    pub const ONE_CARD: Size = Size {
        facts: 50_000,
        one_card: true,
        ..Size::HEAVY
    };
}

/// Where a generated collection lives.
pub struct Layout {
    pub decks: PathBuf,
    pub data: PathBuf,
    pub user: &'static str,
    pub device: &'static str,
}

/// Writes `size` worth of decks and logs under `root`; the same `size` always gives the same files.
pub fn generate(root: &Path, size: Size) -> io::Result<Layout> {
    let layout = Layout {
        decks: root.join("decks"),
        data: root.join("data"),
        user: "heavy",
        device: "bench",
    };
    fs::create_dir_all(&layout.decks)?;
    let user_dir = layout.data.join(layout.user);
    fs::create_dir_all(&user_dir)?;
    let mut rng = StdRng::seed_from_u64(7);
    let cards = write_decks(&layout.decks, size, &mut rng)?;
    write_logs(&user_dir, size, &cards, &mut rng)?;
    Ok(layout)
}

/// Three facts in eight are events (five cards each: when, when.choice, order, reverse,
/// truefalse), the rest plain cards (one each): 2.5 cards a fact; or, with `size.one_card`,
/// all are plain cards. Returns every card id.
fn write_decks(dir: &Path, size: Size, rng: &mut StdRng) -> io::Result<Vec<String>> {
    let mut cards = Vec::new();
    let per_deck = size.facts.div_ceil(size.decks);
    for d in 0..size.decks {
        let mut text = format!(
            "[deck]\nid = \"deck-{d:02}\"\ntitle = \"Synthetic deck {d}\"\n\n[[source]]\nid = \"src\"\ntitle = \"A synthetic source\"\n"
        );
        let facts = per_deck.min(size.facts.saturating_sub(d * per_deck));
        for f in 0..facts {
            let id = format!("d{d:02}-fact-{f:05}");
            let word = WORDS[rng.random_range(0..WORDS.len())];
            if !size.one_card && f % 8 < 3 {
                let year = rng.random_range(1900..2026);
                let month = rng.random_range(1..=12);
                text.push_str(&format!(
                    "\n[[event]]\nid = \"{id}\"\ndate = \"{year}-{month:02}\"\nwhat = \"The {word} talks number {f} of deck {d} took place.\"\nsource = {{ ref = \"src\", quote = \"In {year}, the {word} talks number {f} of deck {d} took place.\" }}\ntags = [\"t{}\"]\n",
                    f % 10
                ));
                for suffix in ["when", "when.choice", "order", "reverse", "truefalse"] {
                    cards.push(format!("{id}/{suffix}"));
                }
            } else {
                text.push_str(&format!(
                    "\n[[card]]\nid = \"{id}\"\nprompt = \"What is the {word} term number {f} of deck {d}?\"\nanswer = \"{word} {f}\"\naccept = [\"{word}-{f}\"]\nsource = {{ ref = \"src\", quote = \"The {word} term number {f} of deck {d} is {word} {f}.\" }}\n"
                ));
                cards.push(format!("{id}/card"));
            }
        }
        fs::write(dir.join(format!("deck-{d:02}.toml")), text)?;
    }
    Ok(cards)
}

/// Spreads `size.reviews` answers over the cards and the years before [`NOW`], in time
/// order per device; one answer in a hundred is also in a second device's log, as after a sync.
fn write_logs(dir: &Path, size: Size, cards: &[String], rng: &mut StdRng) -> io::Result<()> {
    let now = DateTime::parse_from_rfc3339(NOW).expect("NOW is RFC 3339");
    let span = Duration::days(365 * YEARS).num_seconds();
    let mut reviews: Vec<(DateTime<FixedOffset>, u32, Grade)> = Vec::with_capacity(size.reviews);
    let per_card = size.reviews.div_ceil(cards.len()).max(1);
    let mut card = 0;
    while reviews.len() < size.reviews {
        let n = per_card.min(size.reviews - reviews.len());
        // A card is first seen some time in the years, then reviewed until now.
        let first = rng.random_range(0..span - 86_400);
        for _ in 0..n {
            let at = now - Duration::seconds(span)
                + Duration::seconds(rng.random_range(first..span - 3_600));
            let grade = match rng.random_range(0..100) {
                0..10 => Grade::Again,
                10..17 => Grade::Hard,
                17..97 => Grade::Good,
                _ => Grade::Easy,
            };
            reviews.push((at, card as u32, grade));
        }
        card = (card + 1) % cards.len();
    }
    reviews.sort_by_key(|r| r.0);
    let mut logs: Vec<BufWriter<fs::File>> = (0..size.devices)
        .map(|i| {
            let mut log =
                BufWriter::new(fs::File::create(dir.join(format!("log-device-{i}.tsv")))?);
            writeln!(
                log,
                "# recall review log v1: time, card, entry, seconds, answer"
            )?;
            Ok(log)
        })
        .collect::<io::Result<_>>()?;
    for (at, card, grade) in reviews {
        let typed = format!(
            "{} {}",
            WORDS[rng.random_range(0..WORDS.len())],
            rng.random_range(0..3000)
        );
        let seconds = rng.random_range(10..300) as f32 / 10.0;
        let line = Record::answer(at, &cards[card as usize], grade, seconds, &typed).to_line();
        let device = rng.random_range(0..size.devices);
        logs[device].write_all(line.as_bytes())?;
        if size.devices > 1 && rng.random_range(0..100) == 0 {
            logs[(device + 1) % size.devices].write_all(line.as_bytes())?;
        }
    }
    for mut log in logs {
        log.flush()?;
    }
    Ok(())
}

const WORDS: &[&str] = &[
    "armistice",
    "border",
    "summit",
    "ceasefire",
    "treaty",
    "envoy",
    "delegation",
    "accord",
    "railway",
    "tunnel",
    "island",
    "harbour",
    "reunion",
    "broadcast",
    "leaflet",
    "balloon",
];

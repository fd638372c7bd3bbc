use std::fs;

use chrono::{DateTime, Duration, Utc};

use crate::support::Env;

/// A seeded simulated student: `cards` cards, each reviewed about when its true
/// stability says (give or take), recalled with probability 0.9^(days / stability),
/// its stability growing 2.5 times on a success and cut on a miss (then relearnt the
/// same day). Returns the log's lines.
pub fn simulated_log(cards: usize, seed: u64) -> String {
    let mut state = seed;
    let mut random = move || {
        // xorshift64*: enough for a reproducible student.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    };
    let start: DateTime<Utc> = "2026-01-01T10:00:00Z".parse().unwrap();
    let mut lines = Vec::new();
    let mut line = |at: DateTime<Utc>, card: &str, grade: &str| {
        lines.push((
            at,
            format!(
                "{}\t{card}\t{grade}\t3.0\t\n",
                at.format("%Y-%m-%dT%H:%M:%S%.3fZ")
            ),
        ));
    };
    for c in 0..cards {
        let card = format!("simulated-{c}/card");
        let mut day = (c % 60) as i64;
        let mut stability = if random() < 0.8 {
            line(start + Duration::days(day), &card, "good");
            3.0
        } else {
            line(start + Duration::days(day), &card, "again");
            line(
                start + Duration::days(day) + Duration::minutes(10),
                &card,
                "good",
            );
            1.0
        };
        for _ in 0..6 {
            let interval = (stability * (0.5 + 1.5 * random())).round().max(1.0);
            day += interval as i64;
            if day > 330 {
                break;
            }
            let at = start + Duration::days(day);
            if random() < 0.9f64.powf(interval / stability) {
                let roll = random();
                let grade = if roll < 0.1 {
                    "hard"
                } else if roll > 0.9 {
                    "easy"
                } else {
                    "good"
                };
                line(at, &card, grade);
                stability *= 2.5;
            } else {
                line(at, &card, "again");
                line(at + Duration::minutes(10), &card, "good");
                stability = (stability * 0.3).max(0.5);
            }
        }
    }
    lines.sort();
    lines.into_iter().map(|(_, l)| l).collect()
}

pub const AFTER: &str = "2026-12-01T10:00:00Z";

/// Two answers of a card of the fixture decks, for `recall progress` to show.
const FIXTURE_CARD: &str = "2026-11-01T09:00:00.000Z\tun-entry/card\tgood\t4.0\t1991
2026-11-05T09:00:00.000Z\tun-entry/card\tgood\t3.0\t1991
";

#[test]
fn optimize_refuses_with_too_few_reviews() {
    let env = Env::new().at(AFTER);
    env.write_log(&simulated_log(8, 1));
    let run = env.run(&["optimize"], "");
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains(
            "reviews of cards seen on an earlier day; fitting FSRS parameters needs at least 64"
        ),
        "{}",
        run.stderr()
    );
    assert!(!env.user_dir().join("settings.toml").exists());
}

#[test]
fn optimize_fits_compares_and_saves_only_what_predicts_better() {
    let env = Env::new().at(AFTER);
    env.write_log(&(simulated_log(300, 7) + FIXTURE_CARD));
    let settings = env.user_dir().join("settings.toml");
    let mine = "# my settings\nnew_per_day = 7 # a week's worth\n";
    fs::write(&settings, mine).unwrap();

    let dry = env.run(&["optimize", "--dry-run"], "");
    dry.success();
    let out = dry.stdout();
    assert!(
        out.contains("parameters        log loss  RMSE (bins)"),
        "{out}"
    );
    let loss = |out: &str, name: &str| -> f64 {
        let line = out.lines().find(|l| l.starts_with(name)).unwrap();
        line.split_whitespace()
            .rev()
            .nth(1)
            .unwrap()
            .parse()
            .unwrap()
    };
    assert!(loss(&out, "fitted") < loss(&out, "default"), "{out}");
    assert!(out.contains("--dry-run: settings unchanged"), "{out}");
    assert_eq!(fs::read_to_string(&settings).unwrap(), mine);

    let run = env.run(&["optimize"], "");
    run.success();
    assert!(run.stdout().contains("saved to `"), "{}", run.stdout());
    let saved = fs::read_to_string(&settings).unwrap();
    assert!(saved.starts_with(mine), "the rest is kept: {saved}");
    assert!(saved.contains("\nparameters = ["), "{saved}");

    let stats = env.run(&["stats"], "");
    stats.success();
    assert!(
        stats
            .stdout()
            .contains("FSRS parameters: your own parameters, from settings.toml"),
        "{}",
        stats.stdout()
    );
    // Fitting the same reviews again finds nothing better than what is in use.
    let again = env.run(&["optimize"], "");
    again.success();
    assert!(
        again.stdout().contains("your current"),
        "{}",
        again.stdout()
    );
    assert!(
        again
            .stdout()
            .contains("no better than your current parameters; settings unchanged"),
        "{}",
        again.stdout()
    );
    assert_eq!(fs::read_to_string(&settings).unwrap(), saved);

    // The schedule follows the saved parameters.
    let stability = |env: &Env| {
        let run = env.run(&["progress", "--json"], "");
        run.success();
        let rows: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
        rows[0]["stability"].as_f64().unwrap()
    };
    let default = Env::new().at(AFTER);
    default.write_log(FIXTURE_CARD);
    assert_ne!(stability(&env), stability(&default));
}

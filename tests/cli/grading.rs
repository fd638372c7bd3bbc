//! Typed answers graded the same way in review and exam: one checker, one verdict.
use std::{fs, path::Path};

use serde_json::Value;

use crate::support::{Env, Run, run};

const DECK: &str = r#"[deck]
id = "war"
title = "War test deck"

[[source]]
id = "wiki-relations"
title = "North Korea–South Korea relations (encyclopedia article)"

[[event]]
id = "war-begins"
date = 1950-06-25
what = "North Korea invaded South Korea."
source = { ref = "wiki-relations", quote = "On 25 June 1950, North Korea invaded South Korea." }
"#;

fn deck_dir(env: &Env, text: &str) -> std::path::PathBuf {
    let dir = env.dir.path().join("decks");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("deck.toml"), text).unwrap();
    dir
}

fn with_decks(env: &Env, decks: &Path, args: &[&str], stdin: &str) -> Run {
    let mut cmd = env.cmd(args);
    cmd.env("RECALL_DECKS", decks);
    run(cmd, stdin)
}

fn exam(env: &Env, decks: &Path, stdin: &str) -> (Run, Value) {
    let json = env.dir.path().join("report.json");
    let run = with_decks(
        env,
        decks,
        &[
            "exam",
            "--types",
            "date",
            "--count",
            "1",
            "--json",
            json.to_str().unwrap(),
        ],
        stdin,
    );
    run.success();
    let report = serde_json::from_str(&fs::read_to_string(&json).unwrap()).unwrap();
    (run, report)
}

#[test]
fn an_unreadable_date_is_asked_again_with_a_hint_and_never_graded() {
    let env = Env::new();
    let decks = deck_dir(&env, DECK);
    let input = "9/10/1950\nsummer 1950\n25 June 1950\n";

    let review = with_decks(&env, &decks, &["review"], input);
    review.success();
    let out = review.stdout();
    assert!(
        out.contains("cannot read `9/10/1950` as a date: ambiguous day and month"),
        "{out}"
    );
    assert!(
        out.contains("cannot read `summer 1950` as a date: could not read `summer` as a month"),
        "{out}"
    );
    assert!(out.contains("write it like 25 June 1950"), "{out}");
    assert!(out.contains("✓ right: 25 June 1950"), "{out}");
    let records = env.records();
    assert_eq!(records.len(), 1, "only the readable answer is recorded");
    assert_eq!(records[0][2], "good");
    assert_eq!(records[0][4], "25 June 1950");

    let env = Env::new();
    let decks = deck_dir(&env, DECK);
    let (run, report) = exam(&env, &decks, input);
    assert!(
        run.stdout().contains("cannot read `summer 1950` as a date"),
        "{}",
        run.stdout()
    );
    assert_eq!(report["items"][0]["your_answer"], "25 June 1950");
    assert_eq!(report["score"], 1.0);
    assert_eq!(env.records().len(), 1);
}

#[test]
fn unreadable_to_the_end_of_input_grades_nothing() {
    let env = Env::new();
    let decks = deck_dir(&env, DECK);
    let review = with_decks(&env, &decks, &["review"], "summer 1950\n");
    review.success();
    assert!(review.stdout().contains("cannot read `summer 1950`"));
    assert!(env.records().is_empty(), "{:?}", env.records());
}

#[test]
fn a_date_less_precise_than_asked_is_a_near_miss_in_review_and_in_exam() {
    // answer typed, review grade, exam points
    let table = [
        ("25 June 1950", "good", 1.0),
        ("June 25, 1950", "good", 1.0),
        ("1950", "hard", 0.5),
        ("June 1950", "hard", 0.5),
        ("24 June 1950", "hard", 0.5),
        ("25 July 1950", "hard", 0.5),
        ("1951", "again", 0.0),
        ("25 June 1949", "again", 0.0),
        ("", "again", 0.0),
    ];
    for (typed, grade, points) in table {
        let env = Env::new();
        let decks = deck_dir(&env, DECK);
        let review = with_decks(&env, &decks, &["review"], &format!("{typed}\n"));
        review.success();
        let records = env.records();
        assert_eq!(
            records[0][2],
            grade,
            "review of `{typed}`: {}",
            review.stdout()
        );
        if grade == "hard" {
            assert!(
                review.stdout().contains("~ partly: 25 June 1950"),
                "{}",
                review.stdout()
            );
        }

        let env = Env::new();
        let decks = deck_dir(&env, DECK);
        let (_, report) = exam(&env, &decks, &format!("{typed}\n"));
        assert_eq!(report["score"], points, "exam of `{typed}`");
        assert_eq!(
            env.records()[0][2],
            grade,
            "the exam logs the review's grade"
        );
    }
}

#[test]
fn typo_feedback_shows_what_was_typed_beside_the_spelling() {
    let env = Env::new();
    let run = env.run(&["review"], "two hostile states declaratoin\n");
    run.success();
    assert!(
        run.stdout().contains(
            "(typo: `two hostile states declaratoin` is spelt `two hostile states declaration`)"
        ),
        "{}",
        run.stdout()
    );
}

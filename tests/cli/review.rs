use serde_json::Value;

use crate::support::Env;

/// The fixture decks' first session (seed 7): one new card per fact, interleaved across decks.
const FIRST_SESSION: &str =
    "two hostile states declaration\n1999\n1991\nApril 2018\nkim jong-un\n2000\n";

#[test]
fn a_piped_session_checks_answers_saves_each_and_schedules_them() {
    let env = Env::new();
    let run = env.run(&["review"], FIRST_SESSION);
    run.success();
    let out = run.stdout();
    assert!(out.contains("Reviewing as `ana`: 0 due, 5 new."), "{out}");
    assert!(out.contains("[1/5] Events test deck\nWhat happened on 30 December 2023?\n✓ right: Two hostile states declaration"), "{out}");
    assert!(
        out.contains("✗ wrong: you said `1999`; it is 2000"),
        "{out}"
    );
    assert!(
        out.contains("[6/6] Korea test deck\nWhen did this happen? Kim Dae-jung"),
        "the miss comes back: {out}"
    );
    assert!(out.contains("source (wiki-relations): \"In April 2018, the two countries signed the Panmunjom Declaration.\""), "{out}");
    assert!(
        out.contains(
            "Session over: 5 cards seen, 4 right the first time (80%), 6 answers in 0m 00s."
        ),
        "{out}"
    );

    let records = env.records();
    let summary: Vec<(&str, &str, &str)> = records
        .iter()
        .map(|r| (r[1].as_str(), r[2].as_str(), r[4].as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            (
                "two-states-declaration/what",
                "good",
                "two hostile states declaration"
            ),
            ("visit-2000/when", "again", "1999"),
            ("un-entry/card", "good", "1991"),
            ("panmunjom-declaration/when", "good", "April 2018"),
            ("kim-jong-un/who", "good", "kim jong-un"),
            ("visit-2000/when", "good", "2000"),
        ]
    );
    assert!(records.iter().all(|r| r[0] == "2026-11-21T10:00:00.000Z"));

    let progress = env.run(&["progress", "--json"], "");
    progress.success();
    let rows: Vec<Value> = serde_json::from_str(&progress.stdout()).unwrap();
    assert_eq!(rows.len(), 5);
    let visit = rows
        .iter()
        .find(|r| r["card"] == "visit-2000/when")
        .unwrap();
    assert_eq!(visit["reviews"], 2);
    assert_eq!(visit["lapses"], 0);
    // Missed then right on the same day: FSRS's short-term stability is under half a day,
    // so it comes back later today, as in Anki with no learning steps.
    assert_eq!(visit["phase"], "learning");
    let visit_due = visit["due"].as_str().unwrap();
    assert!(
        visit_due > "2026-11-21T10:00" && visit_due < "2026-11-22",
        "{visit}"
    );
    for row in rows.iter().filter(|r| r["card"] != "visit-2000/when") {
        let due = row["due"].as_str().unwrap();
        assert!(due > "2026-11-22", "{row}");
        assert_eq!(row["phase"], "review");
        assert!(row["stability"].as_f64().unwrap() > 0.0);
    }
}

#[test]
fn cards_come_back_when_due_and_siblings_wait_for_another_day() {
    let env = Env::new();
    env.run(&["review"], FIRST_SESSION).success();

    let same_day = env.run(&["review"], "");
    same_day.success();
    assert!(
        same_day
            .stdout()
            .contains("Nothing is due for `ana`. The next card is due"),
        "{}",
        same_day.stdout()
    );

    let later = Env {
        now: "2026-12-30T10:00:00Z".into(),
        ..env
    };
    let run = later.run(&["review", "--new", "0"], "");
    run.success();
    assert!(
        run.stdout().contains("Reviewing as `ana`: 5 due, 0 new."),
        "{}",
        run.stdout()
    );
    let next_day = later.run(&["review", "--limit", "20"], "");
    assert!(
        next_day.stdout().contains("5 due, 3 new"),
        "one more question of each fact with siblings: {}",
        next_day.stdout()
    );
}

#[test]
fn end_of_input_stops_cleanly_with_every_answer_saved() {
    let env = Env::new();
    let run = env.run(&["review"], "two hostile states declaration\n2000\n");
    run.success();
    assert!(
        run.stdout()
            .contains("Stopped early with 3 cards left; every answer so far is saved."),
        "{}",
        run.stdout()
    );
    assert_eq!(env.records().len(), 2);
}

#[test]
fn self_grading_is_a_flip_card_a_line_reveals_then_a_line_grades() {
    let env = Env::new();
    let run = env.run(
        &["review", "--self-grade", "--limit", "3"],
        "\n3\n\neasy\n\nmaybe\nhard\n",
    );
    run.success();
    let out = run.stdout();
    // The answer comes after the question, never with it.
    assert!(
        out.contains(
            "What happened on 30 December 2023?\nanswer: Two hostile states declaration\n"
        ),
        "{out}"
    );
    assert!(
        !out.contains("[2/3]") || out.find("[2/3]") < out.find("answer: 2000"),
        "{out}"
    );
    // A line that is not a grade is asked again; nothing is recorded for it.
    assert!(
        out.contains("`maybe` is not a grade: use 1-4 or again, hard, good, easy\n"),
        "{out}"
    );
    let grades: Vec<String> = env.records().iter().map(|r| r[2].clone()).collect();
    assert_eq!(grades, ["good", "easy", "hard"]);
}

#[test]
fn deck_and_tag_selection() {
    let env = Env::new();
    let run = env.run(&["review", "korea", "--tag", "thaw-2018"], "April 2018\n");
    run.success();
    assert!(run.stdout().contains("0 due, 1 new"), "{}", run.stdout());
    let unknown = env.run(&["review", "nope"], "");
    assert_eq!(unknown.code(), 2);
    assert!(
        unknown
            .stderr()
            .contains("error: no deck `nope`; the decks are `events`, `korea`"),
        "{}",
        unknown.stderr()
    );
    let tag = env.run(&["review", "--tag", "nope"], "");
    assert_eq!(tag.code(), 2);
    assert!(tag.stderr().contains("no card has the tag `nope`"));
}

#[test]
fn the_bundled_decks_need_no_flags() {
    let env = Env::new();
    let mut cmd = env.cmd(&["decks", "list"]);
    cmd.env_remove("RECALL_DECKS");
    let run = crate::support::run(cmd, "");
    run.success();
    assert!(run.stdout().contains("agreements"), "{}", run.stdout());
}

#[test]
fn progress_lists_seen_cards_as_a_table() {
    let env = Env::new();
    let empty = env.run(&["progress"], "");
    empty.success();
    assert!(
        empty
            .stdout()
            .contains("`ana` has not reviewed any of these cards yet")
    );
    env.run(&["review"], FIRST_SESSION).success();
    let table = env.run(&["progress", "korea"], "");
    table.success();
    let out = table.stdout();
    assert!(out.contains("visit-2000/when"), "{out}");
    assert!(!out.contains("un-entry/card"), "only the korea deck: {out}");
    assert!(out.contains("3 cards seen by `ana`"), "{out}");
}

#[test]
fn settings_change_the_daily_new_limit_and_bad_settings_name_their_line() {
    let env = Env::new();
    std::fs::create_dir_all(env.user_dir()).unwrap();
    std::fs::write(env.user_dir().join("settings.toml"), "new_per_day = 2\n").unwrap();
    let run = env.run(&["review"], "");
    assert!(run.stdout().contains("0 due, 2 new"), "{}", run.stdout());

    std::fs::write(
        env.user_dir().join("settings.toml"),
        "new_per_day = 2\ndesired_retension = 0.8\n",
    )
    .unwrap();
    let bad = env.run(&["review"], "");
    assert_eq!(bad.code(), 3);
    assert!(
        bad.stderr()
            .contains("settings.toml:2:1: unknown field `desired_retension`"),
        "{}",
        bad.stderr()
    );
}

#[test]
fn studying_for_an_exam_paces_new_cards_and_says_so() {
    let env = Env::new();
    let run = env.run(&["review", "--exam-date", "2026-11-24"], "");
    run.success();
    let out = run.stdout();
    assert!(
        out.contains("Exam on 24 November 2026 (in 3 days): 9 new cards to learn by then, 9 a day; 0 cards brought forward so that every card is predicted at 90% on the day."),
        "{out}"
    );
    std::fs::create_dir_all(env.user_dir()).unwrap();
    std::fs::write(
        env.user_dir().join("settings.toml"),
        "new_per_day = 1\nexam_date = 2026-11-22\n",
    )
    .unwrap();
    let run = env.run(&["review"], "");
    assert!(
        run.stdout()
            .contains("(tomorrow): 9 new cards to learn by then, 9 a day"),
        "{}",
        run.stdout()
    );
    assert!(
        run.stdout().contains("0 due, 5 new"),
        "one question per fact a day: {}",
        run.stdout()
    );
    let past = env.run(&["review", "--exam-date", "2026-01-01"], "");
    assert!(
        past.stdout()
            .contains("The exam date 2026-01-01 has passed; studying as usual."),
        "{}",
        past.stdout()
    );
}

#[test]
fn suspended_cards_stay_out_of_reviews_until_unsuspended() {
    let env = Env::new();
    let run = env.run(&["card", "suspend", "visit-2000", "un-entry/card"], "");
    run.success();
    assert_eq!(
        run.stdout(),
        "visit-2000/when: suspended\nvisit-2000/when.choice: suspended\nvisit-2000/order: suspended\nvisit-2000/truefalse: suspended\nun-entry/card: suspended\n5 cards suspended\n",
        "a fact id stands for all its cards"
    );
    let again = env.run(&["card", "suspend", "un-entry/card"], "");
    assert!(
        again
            .stdout()
            .contains("un-entry/card: already suspended\n0 cards suspended"),
        "{}",
        again.stdout()
    );
    let review = env.run(&["review"], "");
    assert!(
        review.stdout().contains("0 due, 3 new"),
        "{}",
        review.stdout()
    );
    assert!(
        !review.stdout().contains("Kim Dae-jung became"),
        "{}",
        review.stdout()
    );

    env.run(&["card", "unsuspend", "visit-2000/when"], "")
        .success();
    let review = env.run(&["review"], "");
    assert!(
        review.stdout().contains("0 due, 4 new"),
        "{}",
        review.stdout()
    );
    let entries: Vec<String> = env
        .records()
        .iter()
        .map(|r| format!("{} {}", r[1], r[2]))
        .collect();
    assert_eq!(entries[0], "visit-2000/when suspend");
    assert_eq!(entries[4], "un-entry/card suspend");
    assert_eq!(entries[5], "visit-2000/when unsuspend");

    let unknown = env.run(&["card", "suspend", "nope"], "");
    assert_eq!(unknown.code(), 2);
    assert!(
        unknown.stderr().contains("no card or fact `nope`"),
        "{}",
        unknown.stderr()
    );
}

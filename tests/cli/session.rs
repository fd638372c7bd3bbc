//! The study loop as a student meets it, through pipes: plain `recall`, answers that
//! cannot be read, the keys after an answer, undo.
use crate::support::Env;

#[test]
fn plain_recall_says_what_is_due_and_how_to_start() {
    let env = Env::new();
    let run = env.run(&[], "");
    run.success();
    let out = run.stdout();
    assert!(
        out.starts_with(
            "Studying as `ana`, 2 decks (events, korea): 0 cards due and 5 new today.\n"
        ),
        "{out}"
    );
    for start in [
        "recall review ",
        "recall exam ",
        "recall stats ",
        "recall --help ",
    ] {
        assert!(out.contains(&format!("\n  {start}")), "{start}: {out}");
    }
    assert!(!env.user_dir().exists(), "looking writes nothing");

    // After the first session: what is due and when.
    env.run(
        &["review"],
        "two hostile states declaration\n1999\n1991\nApril 2018\nkim jong-un\n2000\n",
    )
    .success();
    let run = env.run(&[], "");
    run.success();
    assert!(
        run.stdout().starts_with(
            "Studying as `ana`, 2 decks (events, korea): nothing is due; the next card is due 21 November 2026 at "
        ),
        "{}",
        run.stdout()
    );
    assert!(
        run.stdout()
            .contains("`--new 10` learns 10 more new cards today"),
        "{}",
        run.stdout()
    );
    let later = env.at("2026-12-30T10:00:00Z");
    let run = later.run(&[], "");
    assert!(
        run.stdout().contains(": 5 cards due and 3 new today."),
        "{}",
        run.stdout()
    );
}

#[test]
fn a_piped_answer_that_is_not_an_option_is_asked_again_not_graded() {
    let env = Env::new();
    let run = env.run(
        &["review", "--types", "choice", "--limit", "1"],
        "t\n5\nB)\n",
    );
    run.success();
    let out = run.stdout();
    assert!(
        out.contains("`t` is not one of the options: answer 1-4 or a-d\n"),
        "{out}"
    );
    assert!(
        out.contains("`5` is not one of the options: answer 1-4 or a-d\n"),
        "{out}"
    );
    let answers: Vec<String> = env.records().iter().map(|r| r[4].clone()).collect();
    assert_eq!(
        answers,
        ["B)"],
        "only the readable answer is graded and logged"
    );

    // The same for true or false, and for an order that leaves a number out.
    let env = Env::new();
    let run = env.run(
        &["review", "--types", "truefalse", "--limit", "1"],
        "2\nt\n",
    );
    assert!(
        run.stdout()
            .contains("`2` is neither true nor false: answer true or false\n"),
        "{}",
        run.stdout()
    );
    assert_eq!(env.records().len(), 1);
    assert_eq!(env.records()[0][4], "t");
}

/// The first session's answers with a key after three of them: `e` (easy) after a right
/// answer, `r` (I was right) after a wrong one, `h` (hard) after a right one.
const WITH_KEYS: &str =
    "two hostile states declaration\ne\n1999\nr\n1991\nh\nApril 2018\nkim jong-un\n";

#[test]
fn piped_keys_after_an_answer_change_it_and_say_so() {
    let env = Env::new();
    let run = env.run(&["review"], WITH_KEYS);
    run.success();
    let out = run.stdout();
    for said in [
        "  two-states-declaration/what: now easy instead of good; due again in 8 days\n",
        "  visit-2000/when: marked right, good instead of again; due again in 2 days\n",
        "  un-entry/card: now hard instead of good; due again tomorrow\n",
    ] {
        assert!(out.contains(said), "{said}: {out}");
    }
    let grades: Vec<(String, String)> = env
        .records()
        .iter()
        .map(|r| (r[1].clone(), r[2].clone()))
        .collect();
    let expected = [
        ("two-states-declaration/what", "good"),
        ("two-states-declaration/what", "undo"),
        ("two-states-declaration/what", "easy"),
        ("visit-2000/when", "again"),
        ("visit-2000/when", "undo"),
        ("visit-2000/when", "good"),
        ("un-entry/card", "good"),
        ("un-entry/card", "undo"),
        ("un-entry/card", "hard"),
        ("panmunjom-declaration/when", "good"),
        ("kim-jong-un/who", "good"),
    ];
    assert_eq!(grades, expected.map(|(c, g)| (c.to_owned(), g.to_owned())));
    // Marked right, the miss does not come back: five cards, five answers.
    assert!(
        out.contains(
            "Session over: 5 cards seen, 5 right the first time (100%), 5 answers in 0m 00s."
        ),
        "{out}"
    );
}

#[test]
fn after_an_undo_the_answer_just_shown_earns_at_most_hard() {
    let env = Env::new();
    // Wrong, taken back, then the answer the verdict showed: hard, not good.
    let run = env.run(
        &["review", "--limit", "2"],
        "two hostile states declaration\n1999\nu\n2000\ne\n",
    );
    run.success();
    let out = run.stdout();
    assert!(
        out.contains("  visit-2000/when: answer taken back; asked again\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "✓ right: 2000\n  2000: Kim Dae-jung became the first President of South Korea to visit North Korea.\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("  graded hard at most: the answer was shown before the undo\n"),
        "{out}"
    );
    let tail: Vec<String> = env
        .records()
        .iter()
        .map(|r| format!("{} {}", r[2], r[4]))
        .collect();
    // `e` is not offered after a capped answer: there is no next question to read it as.
    assert_eq!(
        tail,
        [
            "good two hostile states declaration",
            "again 1999",
            "undo 2026-11-21T10:00:00.000Z laptop",
            "hard 2000"
        ]
    );
    assert!(
        out.contains("Session over: 2 cards seen, 2 right the first time (100%), 2 answers"),
        "an answer taken back is not counted: {out}"
    );

    // A right answer taken back and given again is capped too.
    let env = Env::new();
    env.run(
        &["review", "--limit", "2"],
        "two hostile states declaration\nu\ntwo hostile states declaration\n2000\n",
    )
    .success();
    let grades: Vec<String> = env.records().iter().map(|r| r[2].clone()).collect();
    assert_eq!(grades, ["good", "undo", "hard", "good"]);
}

#[test]
fn the_exam_date_takes_the_forms_a_date_answer_takes() {
    let env = Env::new();
    for day in [
        "2026-12-15",
        "15 December 2026",
        "Dec 15, 2026",
        "15/12/2026",
    ] {
        let run = env.run(&["review", "--exam-date", day, "--limit", "0"], "");
        run.success();
        assert!(
            run.stdout()
                .starts_with("Exam on 15 December 2026 (in 24 days): "),
            "{day}: {}",
            run.stdout()
        );
        assert!(run.stderr().is_empty(), "{day}: {}", run.stderr());
    }
    for (day, why) in [
        (
            "December 2026",
            "`December 2026` is not a day: give the day, month and year",
        ),
        ("12/11/2026", "ambiguous day and month"),
        ("15 December", "year"),
    ] {
        let run = env.run(&["review", "--exam-date", day], "");
        assert_eq!(run.code(), 2, "{day}");
        assert!(run.stderr().contains(why), "{day}: {}", run.stderr());
    }
    assert!(!env.user_dir().exists() || env.records().is_empty());
}

#[test]
fn an_exam_too_close_for_the_cards_left_warns_and_says_how_to_narrow_it() {
    let env = Env::new();
    env.write_settings("new_per_day = 2\n");
    // Tomorrow: all 9 cards today, more than twice 2 a day.
    let run = env.run(
        &["review", "--exam-date", "22 November 2026", "--limit", "0"],
        "",
    );
    run.success();
    assert!(
        run.stdout().contains(
            "Exam on 22 November 2026 (tomorrow): 9 new cards to learn by then, 9 a day;"
        ),
        "{}",
        run.stdout()
    );
    assert!(
        run.stderr().contains(
            "warning: 9 new cards a day is a heavy load (more than twice your new_per_day of 2); \
             study only what the exam covers: `recall review DECK...` (decks: events, korea) \
             or `--tag TAG`, or choose a later --exam-date"
        ),
        "{}",
        run.stderr()
    );
    // The korea deck alone over three weeks is no heavy load.
    let run = env.run(
        &[
            "review",
            "korea",
            "--exam-date",
            "2026-12-12",
            "--limit",
            "0",
        ],
        "",
    );
    run.success();
    assert!(run.stderr().is_empty(), "{}", run.stderr());
}

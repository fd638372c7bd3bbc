//! What a teacher writes beyond the basics: notes on a disputed source, optional facts,
//! numbers, list answers, cues; and the lint that guards a deck's questions.
use std::fs;

use crate::support::Env;

const HEAD: &str =
    "[deck]\nid = \"t\"\ntitle = \"Teacher's deck\"\n\n[[source]]\nid = \"s\"\ntitle = \"S\"\n\n";

/// A folder holding one deck made of `facts`, used instead of the fixture decks.
fn deck(env: &Env, facts: &str) -> String {
    let dir = env.dir.path().join("decks");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("t.toml"), format!("{HEAD}{facts}")).unwrap();
    dir.to_str().unwrap().to_owned()
}

const FIGURE: &str = "[[figure]]\nid = \"cheonan-deaths\"\nquestion = \"How many of the 104 sailors aboard the ROKS Cheonan died?\"\nnumber = 46\nunit = \"sailors\"\nnote = \"A teacher's remark.\"\nsource = { ref = \"s\", quote = \"Out of 104 sailors, 46 died.\" }\n\n";

const LIST: &str = "[[card]]\nid = \"armistice-years\"\nprompt = \"In which three years did it happen? (separate them with commas)\"\nanswer = \"1994, 1996 and 2003\"\nparts = [\"1994\", \"1996\", \"2003\"]\nsource = { ref = \"s\", quote = \"in the years 1994, 1996 and 2003\" }\n\n";

const TRIVIA: &str = "[[event]]\nid = \"film\"\ndate = \"1999\"\nwhat = \"A film came out.\"\noptional = true\nsource = { ref = \"s\", quote = \"A film came out in 1999.\" }\n\n";

#[test]
fn a_figure_is_graded_as_a_number_in_digits_or_words_and_shows_its_note() {
    let env = Env::new();
    let decks = deck(&env, FIGURE);
    let run = env.run(&["--decks", &decks, "review"], "forty-six\n");
    run.success();
    let out = run.stdout();
    assert!(out.contains("How many of the 104 sailors"), "{out}");
    assert!(out.contains("✓ right: 46 sailors"), "{out}");
    assert!(out.contains("Note: A teacher's remark."), "{out}");

    let env = Env::new();
    let decks = deck(&env, FIGURE);
    let wrong = env.run(&["--decks", &decks, "review", "--limit", "1"], "48\n");
    assert!(
        wrong
            .stdout()
            .contains("✗ wrong: you said `48`; it is 46 sailors"),
        "{}",
        wrong.stdout()
    );
}

#[test]
fn a_list_answer_wants_every_part_in_any_order() {
    let env = Env::new();
    let decks = deck(&env, LIST);
    let all = env.run(
        &["--decks", &decks, "review", "--limit", "1"],
        "2003, 1994, 1996\n",
    );
    assert!(all.stdout().contains("✓ right"), "{}", all.stdout());

    let env = Env::new();
    let decks = deck(&env, LIST);
    let some = env.run(
        &["--decks", &decks, "review", "--limit", "1"],
        "1994, 1996\n",
    );
    assert!(
        some.stdout().contains("missing `2003`"),
        "{}",
        some.stdout()
    );
}

#[test]
fn optional_facts_are_asked_only_when_asked_for() {
    let env = Env::new();
    let decks = deck(&env, &format!("{TRIVIA}{LIST}"));
    let run = env.run(&["--decks", &decks, "review"], "");
    run.success();
    assert!(
        !run.stdout().contains("A film came out"),
        "{}",
        run.stdout()
    );
    assert!(
        run.stdout().contains("In which three years"),
        "{}",
        run.stdout()
    );

    let with = env.run(&["--decks", &decks, "review", "--optional"], "x\nx\nx\nx\n");
    assert!(
        with.stdout().contains("A film came out"),
        "{}",
        with.stdout()
    );

    let exam = env.run(
        &["--decks", &decks, "exam", "--no-record", "--count", "5"],
        "",
    );
    assert!(
        !exam.stdout().contains("A film came out"),
        "{}",
        exam.stdout()
    );
    let exam = env.run(
        &[
            "--decks",
            &decks,
            "exam",
            "--no-record",
            "--optional",
            "--count",
            "5",
        ],
        "",
    );
    assert!(
        exam.stdout().contains("A film came out"),
        "{}",
        exam.stdout()
    );
}

#[test]
fn a_cue_replaces_the_bare_date_of_an_incident_question() {
    let env = Env::new();
    let cued = "[[incident]]\nid = \"test\"\nname = \"first nuclear test\"\ndate = 2006-10-09\ncue = \"in North Korea's weapons programme on 9 October 2006\"\nsummary = \"A test.\"\nsource = { ref = \"s\", quote = \"q\" }\n";
    let decks = deck(&env, cued);
    let run = env.run(
        &["--decks", &decks, "review", "--limit", "2", "--new", "2"],
        "first nuclear test\n2006-10-09\n",
    );
    run.success();
    assert!(
        run.stdout()
            .contains("What happened in North Korea's weapons programme on 9 October 2006?"),
        "{}",
        run.stdout()
    );
    let lint = env.run(&["decks", "lint", "--strict", &decks], "");
    lint.success();
}

#[test]
fn lint_strict_refuses_the_flaws_a_student_would_notice_naming_file_line_col() {
    let env = Env::new();
    let flawed = "[[incident]]\nid = \"hijack\"\nname = \"airliner hijacking\"\ndate = 1969-12-11\nsummary = \"A plane was hijacked.\"\nsource = { ref = \"s\", quote = \"q\" }\n\n\
                  [[event]]\nid = \"last\"\ndate = \"2013\"\nwhat = \"The last of the announcements the encyclopedia lists was made.\"\nsource = { ref = \"s\", quote = \"r\" }\n";
    let decks = deck(&env, flawed);
    let plain = env.run(&["decks", "lint", &decks], "");
    plain.success();
    assert!(
        plain
            .stderr()
            .contains("t.toml:10:7: `hijack/what` asks only what happened at a date"),
        "{}",
        plain.stderr()
    );
    let strict = env.run(&["decks", "lint", "--strict", &decks], "");
    assert_eq!(strict.code(), 1, "{}", strict.stderr());
    assert!(
        strict
            .stderr()
            .contains("t.toml:19:39: `last/when` speaks of its source (`the encyclopedia`)"),
        "{}",
        strict.stderr()
    );
    assert!(strict.stderr().contains("help:"), "{}", strict.stderr());
}

const DECADE: &str = "[[event]]\nid = \"dialogues\"\ndate = \"1970s\"\nwhat = \"The two Koreas began informal diplomatic dialogues.\"\nsource = { ref = \"s\", quote = \"Since the 1970s, both nations have held informal diplomatic dialogues.\" }\n\n";

#[test]
fn a_decade_is_asked_graded_and_exported_at_that_precision() {
    for (typed, verdict) in [
        ("the 1970s", "✓ right: the 1970s"),
        ("1970s", "✓ right: the 1970s"),
        ("1975", "✓ right: the 1970s"),
        (
            "the 1980s",
            "✗ wrong: you said `the 1980s`; it is the 1970s",
        ),
    ] {
        let env = Env::new();
        let decks = deck(&env, DECADE);
        let run = env.run(
            &["--decks", &decks, "review", "--limit", "1"],
            &format!("{typed}\n"),
        );
        run.success();
        assert!(run.stdout().contains("(the decade)"), "{}", run.stdout());
        assert!(run.stdout().contains(verdict), "{typed}: {}", run.stdout());
    }
    let env = Env::new();
    let decks = deck(&env, DECADE);
    let out = env.dir.path().join("out.csv");
    env.run(
        &[
            "--decks",
            &decks,
            "decks",
            "export",
            "--format",
            "csv",
            "--out",
            out.to_str().unwrap(),
        ],
        "",
    )
    .success();
    let csv = fs::read_to_string(&out).unwrap();
    assert!(csv.contains("the 1970s"), "{csv}");
    // What is exported comes back as a deck that loads.
    let back = env.dir.path().join("back.toml");
    env.run(
        &[
            "decks",
            "import",
            out.to_str().unwrap(),
            "--out",
            back.to_str().unwrap(),
        ],
        "",
    )
    .success();
    env.run(&["decks", "lint", back.to_str().unwrap()], "")
        .success();
}

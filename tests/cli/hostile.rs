//! Hostile input (issue 14): escape sequences, formulas, links, special files and implausible
//! values never reach a terminal, a spreadsheet, another file or the schedule.
//! One test per row of README's "Bad input" table that names this file.
use std::{fs, path::Path, process::Command, time::Instant};

use crate::support::{Env, Run};

const HEADER: &str = "# recall review log v1: time, card, entry, seconds, answer\n";

/// No raw control character but line breaks: nothing a terminal would act on.
#[track_caller]
fn nothing_raw(what: &str, text: &str) {
    let raw: Vec<char> = text
        .chars()
        .filter(|&c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c))
        .collect();
    assert!(raw.is_empty(), "{what} holds {raw:?}:\n{text}");
}

#[track_caller]
fn nothing_raw_in(run: &Run) {
    nothing_raw("stdout", &run.stdout());
    nothing_raw("stderr", &run.stderr());
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A deck whose every kind of text holds escape sequences: a window title, a screen clear,
/// colours, the one-character C1 CSI and a right-to-left override.
const EVIL_DECK: &str = r#"[deck]
id = "evil"
title = "Evil \u001b]0;pwned\u0007deck"

[[source]]
id = "s"
title = "S \u001b[8m"

[[card]]
id = "sum"
prompt = "What is one and one? \u001b[2J\u001b[1;1H\u001b[32m✓ right: fake"
answer = "two\u009b31m"
accept = ["2"]
source = { ref = "s", quote = "One and one make two.\u001b[8m hidden \u202e" }
"#;

fn evil_decks(env: &Env) -> std::path::PathBuf {
    let dir = env.dir.path().join("decks");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("evil.toml"), EVIL_DECK).unwrap();
    dir
}

#[test]
fn escape_sequences_in_a_deck_are_shown_not_sent_by_review_exam_and_decks_list() {
    let env = Env::new();
    let decks = evil_decks(&env);
    let review = env.run(&["review", "--decks", s(&decks)], "three\n2\n");
    review.success();
    nothing_raw_in(&review);
    let out = review.stdout();
    assert!(
        out.contains("What is one and one? \\u{1b}[2J\\u{1b}[1;1H\\u{1b}[32m✓ right: fake"),
        "{out}"
    );
    assert!(out.contains("it is two\\u{9b}31m"), "{out}");
    assert!(out.contains("hidden \\u{202e}"), "{out}");
    assert!(out.contains("Evil \\u{1b}]0;pwned\\u{7}deck"), "{out}");

    let list = env.run(&["decks", "list", "--decks", s(&decks)], "");
    list.success();
    nothing_raw_in(&list);
    assert!(list.stdout().contains("Evil \\u{1b}]0;pwned\\u{7}deck"));

    let exam = env.run(&["exam", "--decks", s(&decks), "--count", "1"], "three\n");
    exam.success();
    nothing_raw_in(&exam);
    for json in ["progress", "stats"] {
        let run = env.run(&[json, "--decks", s(&decks), "--json"], "");
        run.success();
        nothing_raw_in(&run);
    }
}

#[test]
fn control_characters_in_a_deck_are_lint_errors_at_their_place() {
    let env = Env::new();
    let decks = evil_decks(&env);
    let run = env.run(&["decks", "lint", s(&decks)], "");
    assert_eq!(run.code(), 1, "{}", run.stderr());
    nothing_raw_in(&run);
    let err = run.stderr();
    // The title, the source's title, the prompt, the answer and the quote, in file order.
    let places: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("control character"))
        .map(|l| l.split(": control").next().unwrap())
        .collect();
    let file = decks.join("evil.toml");
    let at = |line: usize, col: usize| format!("error: {}:{line}:{col}", file.display());
    assert_eq!(
        places,
        [at(3, 15), at(7, 12), at(11, 32), at(12, 14), at(14, 53)],
        "{err}"
    );
    assert!(
        err.contains("control character `\\u{1b}` in the text"),
        "{err}"
    );
    assert!(err.contains("= help: delete it"), "{err}");
}

#[test]
fn a_hostile_typed_answer_is_shown_escaped_and_cut() {
    let env = Env::new();
    let answer = format!("\u{1b}]0;owned\u{7}\u{1b}[2J{}", "x".repeat(3000));
    let run = env.run(&["review", "--limit", "1"], &format!("{answer}\n"));
    run.success();
    nothing_raw_in(&run);
    let said = run
        .stdout()
        .lines()
        .find(|l| l.contains("you said"))
        .map(str::to_owned)
        .expect("a verdict");
    assert!(
        said.contains("you said `\\u{1b}]0;owned\\u{7}\\u{1b}[2Jxxx"),
        "{said}"
    );
    assert!(said.contains("… (2828 more characters)`"), "{said}");
    assert!(said.chars().count() < 400, "{said}");
    // What was typed is logged as typed (the log escapes nothing a reader could run).
    assert_eq!(env.records()[0][4].len(), answer.len());
}

/// A class folder whose students attack the teacher: a log that links to a file outside,
/// a student folder that links outside, escape sequences in a folder name and in wrong
/// answers, formulas for the spreadsheet, a log that is another file's copy.
fn hostile_class(env: &Env) -> std::path::PathBuf {
    let dir = env.dir.path().join("class");
    let secret = env.dir.path().join("secret.txt");
    fs::write(&secret, "root:x:0:0:SECRET-LINE-1\nSECRET-LINE-2\n").unwrap();
    let outside = env.dir.path().join("elsewhere");
    fs::create_dir_all(&outside).unwrap();
    fs::write(
        outside.join("log-laptop.tsv"),
        format!("{HEADER}2026-11-20T09:00:00.000Z\tun-entry/card\tagain\t4.0\tOUTSIDE-ANSWER\n"),
    )
    .unwrap();
    let student = |name: &str, log: &str| {
        let folder = dir.join(name);
        fs::create_dir_all(&folder).unwrap();
        fs::write(folder.join("log-laptop.tsv"), format!("{HEADER}{log}")).unwrap();
    };
    student(
        "ana",
        "2026-11-20T09:00:00.000Z\tun-entry/card\tagain\t4.0\t\u{1b}]0;owned\u{7}1990\n\
2026-11-20T09:01:00.000Z\tun-entry/card\tagain\t4.0\t=HYPERLINK(\"http://evil\",\"1992\")\n",
    );
    student(
        "eve\u{1b}[2J",
        "2026-11-20T09:00:00.000Z\tun-entry/card\tgood\t4.0\t1991\n",
    );
    student(
        "=2+5+cmd|' -C calc'!A0",
        "2026-11-20T09:00:00.000Z\tun-entry/card\tgood\t4.0\t1991\n",
    );
    // A "log" that is some other file: its lines are not logs; only cut snippets are shown.
    let copy: String = (0..50)
        .map(|i| format!("COPIED-{i} {}\u{1b}[2J\n", "y".repeat(1000)))
        .collect();
    student("fay", &copy);
    fs::create_dir_all(dir.join("mallory")).unwrap();
    std::os::unix::fs::symlink(&secret, dir.join("mallory/log-laptop.tsv")).unwrap();
    std::os::unix::fs::symlink(&secret, dir.join("ana/settings.toml")).ok();
    std::os::unix::fs::symlink(&outside, dir.join("trent")).unwrap();
    dir
}

#[cfg(unix)]
#[test]
fn a_hostile_student_folder_reaches_neither_the_teachers_terminal_nor_other_files() {
    let env = Env::new();
    let dir = hostile_class(&env);
    for format in [None, Some("--csv"), Some("--json")] {
        let mut args = vec!["class", "report", s(&dir)];
        args.extend(format);
        let run = env.run(&args, "");
        run.success();
        nothing_raw_in(&run);
        let all = format!("{}{}", run.stdout(), run.stderr());
        for secret in ["SECRET-LINE", "OUTSIDE-ANSWER"] {
            assert!(!all.contains(secret), "{format:?} shows {secret}:\n{all}");
        }
        let err = run.stderr();
        assert!(
            err.contains("mallory") && err.contains("`log-laptop.tsv` is a symbolic link"),
            "{err}"
        );
        assert!(
            err.contains("trent") && err.contains("links are not followed"),
            "{err}"
        );
        assert!(err.contains("`settings.toml` is a symbolic link"), "{err}");
        // The copied file: ten cut snippets, then a count.
        assert_eq!(err.matches("COPIED-").count(), 10, "{err}");
        assert!(err.contains("40 more lines could not be read"), "{err}");
        assert!(err.lines().all(|l| l.chars().count() < 700), "{err}");
    }
    // ana's settings are a link, so she is skipped with it; eve's name is shown escaped.
    let text = env.run(&["class", "report", s(&dir)], "").stdout();
    assert!(text.contains("eve\\u{1b}[2J"), "{text}");

    let csv = env.run(&["class", "report", s(&dir), "--csv"], "").stdout();
    assert!(csv.contains("\n\"'=2+5+cmd|' -C calc'!A0\","), "{csv}");
    for line in csv.lines() {
        for cell in line.split(',') {
            assert!(
                !cell
                    .trim_start_matches('"')
                    .starts_with(['=', '+', '-', '@']),
                "{cell} in {csv}"
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn wrong_answers_in_a_class_report_are_escaped_and_formulas_neutralised() {
    let env = Env::new();
    let dir = env.dir.path().join("class");
    fs::create_dir_all(dir.join("ana")).unwrap();
    fs::write(
        dir.join("ana/log-laptop.tsv"),
        format!(
            "{HEADER}2026-11-20T09:00:00.000Z\tun-entry/card\tagain\t4.0\t\u{1b}]0;owned\u{7}1990\n\
2026-11-20T09:01:00.000Z\tun-entry/card\tagain\t4.0\t=HYPERLINK(\"http://evil\",\"1992\")\n\
2026-11-20T09:02:00.000Z\tun-entry/card\tagain\t4.0\t=HYPERLINK(\"http://evil\",\"1992\")\n"
        ),
    )
    .unwrap();
    let text = env.run(&["class", "report", s(&dir)], "");
    text.success();
    nothing_raw_in(&text);
    assert!(
        text.stdout().contains("`\\u{1b}]0;owned\\u{7}1990` ×1"),
        "{}",
        text.stdout()
    );
    let csv = env.run(&["class", "report", s(&dir), "--csv"], "");
    nothing_raw_in(&csv);
    let row = csv
        .stdout()
        .lines()
        .find(|l| l.starts_with("un-entry/card"))
        .map(str::to_owned)
        .unwrap();
    assert!(
        row.ends_with(
            ",\"'=HYPERLINK(\"\"http://evil\"\",\"\"1992\"\") (2); \\u{1b}]0;owned\\u{7}1990 (1)\""
        ),
        "{row}"
    );
    let json = env.run(&["class", "report", s(&dir), "--json"], "");
    nothing_raw_in(&json);
    let value: serde_json::Value = serde_json::from_str(&json.stdout()).unwrap();
    let wrong = &value["most_missed"][0]["wrong_answers"];
    // JSON keeps the data: a reader gets what was typed.
    assert!(
        wrong
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["answer"] == "\u{1b}]0;owned\u{7}1990"),
        "{wrong}"
    );
}

#[test]
fn csv_exports_neutralise_formulas_and_read_back() {
    let env = Env::new();
    let dir = env.dir.path().join("decks");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("f.toml"),
        r#"[deck]
id = "f"
title = "F"

[[source]]
id = "s"
title = "S"

[[card]]
id = "sum"
prompt = "=1+1 is what a spreadsheet computes; what is 1 + 1?"
answer = "-2 plus 4"
accept = ["@two"]
source = { ref = "s", quote = "+ one and one make two" }
"#,
    )
    .unwrap();
    let out = env.dir.path().join("f.csv");
    env.run(
        &[
            "decks",
            "export",
            "--decks",
            s(&dir),
            "--format",
            "csv",
            "--out",
            s(&out),
        ],
        "",
    )
    .success();
    let csv = fs::read_to_string(&out).unwrap();
    let row = csv.lines().nth(1).unwrap();
    assert!(
        row.starts_with("sum/card,f,\"'=1+1 is what a spreadsheet computes; what is 1 + 1?\",\"'-2 plus 4\",\"'@two\",,S,\"'+ one and one make two\""),
        "{row}"
    );
    let back = env.dir.path().join("back.toml");
    env.run(&["decks", "import", s(&out), "--out", s(&back)], "")
        .success();
    let deck = fs::read_to_string(&back).unwrap();
    assert!(deck.contains("prompt = \"=1+1 is what"), "{deck}");
    assert!(deck.contains("answer = \"-2 plus 4\""), "{deck}");
}

fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_where_a_file_is_expected_never_hangs() {
    let env = Env::new();
    fs::create_dir_all(env.user_dir()).unwrap();
    if !mkfifo(&env.user_dir().join("settings.toml")) {
        eprintln!("skipped: no mkfifo");
        return;
    }
    let started = Instant::now();
    let run = env.run(&["review"], "");
    assert_eq!(run.code(), 3, "{}", run.stderr());
    assert!(
        run.stderr()
            .contains("a settings file must be a regular file, not a FIFO"),
        "{}",
        run.stderr()
    );

    // In a class folder, the student's defaults are used instead.
    let class = env.dir.path().join("class");
    fs::create_dir_all(class.join("ana")).unwrap();
    fs::write(
        class.join("ana/log-laptop.tsv"),
        format!("{HEADER}2026-11-20T09:00:00.000Z\tun-entry/card\tgood\t4.0\t1991\n"),
    )
    .unwrap();
    mkfifo(&class.join("ana/settings.toml"));
    let run = env.run(&["class", "report", s(&class)], "");
    run.success();
    assert!(
        run.stderr().contains("not a regular file"),
        "{}",
        run.stderr()
    );

    // Sources for lint: a FIFO among the texts is refused, not waited on.
    let sources = env.dir.path().join("sources");
    fs::create_dir_all(&sources).unwrap();
    mkfifo(&sources.join("wiki.txt"));
    let run = env.run(&["decks", "lint", "--sources", s(&sources)], "");
    assert_eq!(run.code(), 3, "{}", run.stderr());
    assert!(run.stderr().contains("not a FIFO"), "{}", run.stderr());

    // A device named on the command line is read no further than the limit.
    let run = env.run(&["decks", "generate", "/dev/zero"], "");
    assert_ne!(run.code(), 0);
    assert!(
        run.stderr().contains("larger than 4 MiB"),
        "{}",
        run.stderr()
    );
    assert!(started.elapsed().as_secs() < 60);
}

#[test]
fn log_lines_from_the_future_before_1970_or_a_day_long_are_warned_about_and_not_used() {
    let env = Env::new();
    env.write_log(
        "9999-12-31T00:00:00.000Z\tun-entry/card\tgood\t4.0\t1991\n\
1960-01-01T00:00:00.000Z\tpanmunjom-declaration/when\tgood\t4.0\tApril 2018\n\
2026-11-20T09:00:00.000Z\tvisit-2000/when\tgood\t100000\t2000\n\
2026-11-22T09:00:00.000Z\tkim-jong-un/who\tgood\t4.0\tKim Jong Un\n",
    );
    // Twice: the second run reads the cache, and must say and do the same.
    for _ in 0..2 {
        let run = env.run(&["progress", "--json"], "");
        run.success();
        let err = run.stderr();
        assert!(
            err.contains(
                ":2:1: time `9999-12-31T00:00:00.000Z` is more than a day after now; line skipped"
            ),
            "{err}"
        );
        assert!(
            err.contains(":3:1: time `1960-01-01T00:00:00.000Z` is before 1970"),
            "{err}"
        );
        assert!(
            err.contains(":4:1: duration `100000` is more than a day"),
            "{err}"
        );
        let seen: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
        let cards: Vec<&str> = seen
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["card"].as_str().unwrap())
            .collect();
        // Less than a day ahead (a clock a little fast) is kept.
        assert_eq!(cards, ["kim-jong-un/who"], "{seen}");
    }
    // The card answered "in 9999" is not hidden: it is new again.
    let run = env.run(&["review", "--limit", "30"], &"1991\n".repeat(20));
    run.success();
    assert!(
        run.stdout()
            .contains("In what year did both Koreas join the United Nations?"),
        "{}",
        run.stdout()
    );
    // Nothing was removed from the log.
    assert!(env.log().contains("9999-12-31"));
}

fn deck_with_date(env: &Env, date: &str) -> std::path::PathBuf {
    let dir = env
        .dir
        .path()
        .join(format!("decks-{}", date.replace('-', "m")));
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("y.toml"),
        format!(
            r#"[deck]
id = "y"
title = "Y"

[[source]]
id = "s"
title = "S"

[[event]]
id = "far"
date = "{date}"
what = "something happened"
source = {{ ref = "s", quote = "something happened" }}
"#
        ),
    )
    .unwrap();
    dir
}

#[test]
fn deck_years_past_9999_or_2_pow_31_are_errors_and_bce_years_work() {
    let env = Env::new();
    for date in [
        "20180",
        "-10000",
        "2147483648",
        "-2147483649",
        "4294967296",
        "2147483647",
    ] {
        let dir = deck_with_date(&env, date);
        let run = env.run(&["decks", "lint", s(&dir)], "");
        assert_eq!(run.code(), 1, "{date}: {}", run.stderr());
        assert!(
            run.stderr().contains(&format!(
                "11:8: `{date}` is not a date: the year must be from -9999 to 9999"
            )),
            "{date}: {}",
            run.stderr()
        );
    }
    // -499 is 500 BC, asked and answered as such.
    let dir = deck_with_date(&env, "-0499");
    let run = env.run(&["review", "--decks", s(&dir)], "500 BC\n");
    run.success();
    assert!(run.stdout().contains("✓ right: 500 BC"), "{}", run.stdout());
    let dir = deck_with_date(&env, "9999-12");
    env.run(&["decks", "lint", s(&dir)], "").success();
}

#[test]
fn a_typed_year_of_2_pow_31_is_refused_not_wrapped() {
    let env = Env::new().at("2026-11-21T10:00:00Z");
    let dir = deck_with_date(&env, "2018");
    for typed in ["2147485666", "-2147481630", "4294969314", "20180"] {
        let run = env.run(
            &["review", "--decks", s(&dir), "--new", "1"],
            &format!("{typed}\n"),
        );
        run.success();
        let out = run.stdout();
        assert!(
            out.contains("a year must be from 10000 BC to AD 9999") && !out.contains("✓ right"),
            "{typed}: {out}"
        );
        fs::remove_dir_all(env.user_dir()).ok();
    }
}

#[test]
fn three_hundred_thousand_aliases_are_checked_in_linear_time() {
    let env = Env::new();
    let dir = env.dir.path().join("decks");
    fs::create_dir_all(&dir).unwrap();
    let aliases: Vec<String> = (0..300_000)
        .map(|i| format!("\"alias number {i}\""))
        .collect();
    fs::write(
        dir.join("a.toml"),
        format!(
            "[deck]\nid = \"a\"\ntitle = \"A\"\n\n[[source]]\nid = \"s\"\ntitle = \"S\"\n\n\
[[card]]\nid = \"c\"\nprompt = \"Which?\"\nanswer = \"the answer\"\naccept = [{}]\n\
source = {{ ref = \"s\", quote = \"q\" }}\n",
            aliases.join(", ")
        ),
    )
    .unwrap();
    // With a check quadratic in the aliases this took minutes per answer.
    let run = env.run(
        &["review", "--decks", s(&dir)],
        "wrong thing\nalias number 299999\n",
    );
    run.success();
    let out = run.stdout();
    assert!(out.contains("✗ wrong: you said `wrong thing`"), "{out}");
    assert!(out.contains("✓ right: the answer"), "{out}");
}

#[test]
fn errors_on_dotted_keys_and_deep_nesting_point_at_the_offending_line() {
    let env = Env::new();
    let dir = env.dir.path().join("decks");
    fs::create_dir_all(&dir).unwrap();
    let head = "[deck]\nid = \"d\"\ntitle = \"D\"\n\n[[source]]\nid = \"s\"\ntitle = \"S\"\n\n[[card]]\nid = \"c\"\nprompt = \"Which?\"\nanswer = \"a\"\n";
    for (body, at) in [
        (
            "source.ref = \"s\"\nsource.qoute = \"q\"\n",
            "14:8: unknown field `qoute`",
        ),
        (
            "source.ref = 5\nsource.quote = \"q\"\n",
            "13:14: invalid type: integer `5`",
        ),
        (
            "source.ref = \"s\"\ntags = [\"x\"]\n",
            "13:1: missing field `quote`",
        ),
        (
            &format!(
                "source = {{ ref = \"s\", quote = \"q\" }}\nx = {}{}\n",
                "[".repeat(5000),
                "]".repeat(5000)
            ),
            "14:",
        ),
    ] {
        fs::write(dir.join("d.toml"), format!("{head}{body}")).unwrap();
        let run = env.run(&["decks", "lint", s(&dir)], "");
        assert_eq!(run.code(), 1, "{}", run.stderr());
        assert!(
            run.stderr().contains(&format!("d.toml:{at}")),
            "{at}: {}",
            run.stderr()
        );
        assert!(
            run.stderr().lines().all(|l| l.chars().count() < 400),
            "{}",
            run.stderr()
        );
    }
}

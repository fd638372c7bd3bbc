use std::fs;

use crate::support::{Env, fixtures};

const HEAD: &str =
    "[deck]\nid = \"bad\"\ntitle = \"Bad\"\n\n[[source]]\nid = \"wiki\"\ntitle = \"Wiki\"\n\n";

fn event(fields: &str) -> String {
    format!("{HEAD}[[event]]\nid = \"e\"\n{fields}\nsource = {{ ref = \"wiki\", quote = \"q\" }}\n")
}

/// (case, deck text, the `file:line:col: message` it must produce, a word of the help)
fn cases() -> Vec<(&'static str, String, &'static str, &'static str)> {
    vec![
        (
            "unknown key",
            event("date = \"2000\"\nwhat = \"x\"\ndat = \"2000\""),
            "bad.toml:13:1: unknown field `dat`, expected one of",
            "spelling",
        ),
        (
            "missing field",
            event("date = \"2000\""),
            "bad.toml:9:1: missing field `what`",
            "add the field",
        ),
        (
            "wrong type",
            event("date = \"2000\"\nwhat = 5"),
            "bad.toml:12:8: invalid type: integer `5`, expected a string",
            "quotes",
        ),
        (
            "bad date",
            event("date = \"2000-13\"\nwhat = \"x\""),
            "bad.toml:11:8: `2000-13` is not a date: the month must be 01 to 12",
            "2018-04-27",
        ),
        (
            "unquoted year",
            event("date = 2000\nwhat = \"x\""),
            "bad.toml:11:8: the year `2000` must be quoted as text",
            "\"2018\"",
        ),
        (
            "impossible day",
            event("date = 2001-02-29\nwhat = \"x\""),
            "bad.toml:11:8: invalid date, expected day between 01 and 28",
            "real calendar day",
        ),
        (
            "duplicate id",
            format!(
                "{}[[card]]\nid = \"e\"\nprompt = \"p\"\nanswer = \"a\"\nsource = {{ ref = \"wiki\", quote = \"q\" }}\n",
                event("date = \"2000\"\nwhat = \"x\"")
            ),
            "bad.toml:15:6: duplicate fact id `e`",
            "own id",
        ),
        (
            "dangling source",
            format!(
                "{HEAD}[[card]]\nid = \"c\"\nprompt = \"p\"\nanswer = \"a\"\nsource = {{ ref = \"wikipedia\", quote = \"q\" }}\n"
            ),
            "bad.toml:13:18: source `wikipedia` is not defined (this file defines `wiki`)",
            "[[source]]",
        ),
        (
            "bad id",
            event("date = \"2000\"\nwhat = \"x\"").replace("id = \"e\"", "id = \"Big Event\""),
            "bad.toml:10:6: fact id `Big Event` may only have lowercase letters",
            "panmunjom-declaration",
        ),
        (
            "syntax",
            format!("{HEAD}[[card]\n"),
            "bad.toml:9:8: unclosed array table, expected `]`",
            "syntax",
        ),
        (
            "no deck table",
            "[[source]]\nid = \"wiki\"\ntitle = \"Wiki\"\n".into(),
            "bad.toml:1:1: missing field `deck`",
            "add the field",
        ),
    ]
}

#[test]
fn each_kind_of_bad_deck_names_file_line_column_and_the_fix_and_leaves_progress_alone() {
    for (case, text, expected, help) in cases() {
        let env = Env::new();
        env.run(&["review", "--limit", "1"], "2023\n").success();
        let log_before = env.log();
        let dir = env.dir.path().join("decks");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("bad.toml"), &text).unwrap();
        let deck_path = dir.join("bad.toml").display().to_string();

        let mut cmd = env.cmd(&["review"]);
        cmd.env("RECALL_DECKS", &dir);
        let run = crate::support::run(cmd, "2000\n");
        assert_eq!(run.code(), 1, "{case}: {}", run.stderr());
        let stderr = run.stderr();
        let expected = expected.replace("bad.toml", &deck_path);
        assert!(
            stderr.contains(&format!("error: {expected}")),
            "{case}: wanted `{expected}` in\n{stderr}"
        );
        assert!(
            stderr.contains("= help:") && stderr.contains(help),
            "{case}: {stderr}"
        );
        assert!(
            stderr.contains("nothing was studied and no progress was changed"),
            "{case}: {stderr}"
        );
        assert!(run.stdout().is_empty(), "{case}");
        assert_eq!(env.log(), log_before, "{case}: progress untouched");
    }
}

#[test]
fn lint_reports_every_problem_at_once_across_files() {
    let env = Env::new();
    let dir = env.dir.path().join("decks");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("a.toml"),
        event("date = \"2000-13\"\nwhat = \"x\"").replace("ref = \"wiki\"", "ref = \"nope\""),
    )
    .unwrap();
    fs::write(
        dir.join("b.toml"),
        event("date = \"2000\"\nwhat = \"x\"\nwhen = 1"),
    )
    .unwrap();
    let run = env.run(&["decks", "lint", dir.to_str().unwrap()], "");
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(
        err.contains("a.toml:11:8: `2000-13` is not a date"),
        "{err}"
    );
    assert!(
        err.contains("a.toml:13:18: source `nope` is not defined"),
        "{err}"
    );
    assert!(err.contains("b.toml:13:1: unknown field `when`"), "{err}");
    assert!(err.contains("error: 3 problems in the decks"), "{err}");
}

#[test]
fn lint_shows_the_line_and_a_caret() {
    let env = Env::new();
    let dir = env.dir.path().join("decks");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("bad.toml"),
        event("date = \"2000-13\"\nwhat = \"x\""),
    )
    .unwrap();
    let run = env.run(
        &["decks", "lint", dir.join("bad.toml").to_str().unwrap()],
        "",
    );
    assert!(
        run.stderr()
            .contains("   |\n11 | date = \"2000-13\"\n   |        ^\n"),
        "{}",
        run.stderr()
    );
}

#[test]
fn duplicate_deck_ids_and_prompts_are_caught() {
    let env = Env::new();
    let dir = env.dir.path().join("decks");
    fs::create_dir_all(&dir).unwrap();
    let card = |id: &str| {
        format!(
            "[[card]]\nid = \"{id}\"\nprompt = \"Same?\"\nanswer = \"a\"\nsource = {{ ref = \"wiki\", quote = \"q\" }}\n"
        )
    };
    fs::write(dir.join("a.toml"), format!("{HEAD}{}", card("one"))).unwrap();
    fs::write(dir.join("b.toml"), format!("{HEAD}{}", card("two"))).unwrap();
    let run = env.run(&["decks", "lint", dir.to_str().unwrap()], "");
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains("deck id `bad` is also used by"),
        "{}",
        run.stderr()
    );

    fs::write(
        dir.join("b.toml"),
        format!("{}{}", HEAD.replace("\"bad\"", "\"other\""), card("two")),
    )
    .unwrap();
    let run = env.run(&["decks", "lint", dir.to_str().unwrap()], "");
    assert!(
        run.stderr()
            .contains("`two/card` asks the same question as `one/card`: Same?"),
        "{}",
        run.stderr()
    );
}

#[test]
fn lint_checks_quotes_against_the_sources() {
    let env = Env::new();
    let sources = env.dir.path().join("sources");
    fs::create_dir_all(&sources).unwrap();
    fs::write(sources.join("wiki-relations.txt"), "Intro.\n\nBoth nations joined the United Nations\nin 1991 and are recognized by most member states.\n").unwrap();
    let fixtures = fixtures().join("decks");
    let run = env.run(
        &[
            "decks",
            "lint",
            fixtures.to_str().unwrap(),
            "--sources",
            sources.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(
        err.contains("korea.toml:14:44: quote not found in `wiki-relations`"),
        "{err}"
    );
    assert_eq!(
        err.matches("quote not found").count(),
        4,
        "all but the UN quote, found across a line break: {err}"
    );
    assert!(err.contains("copy the sentence verbatim"), "{err}");
}

#[test]
fn list_counts_facts_and_cards() {
    let env = Env::new();
    let run = env.run(&["decks", "list"], "");
    run.success();
    assert_eq!(
        run.stdout(),
        "deck    facts  typed  cards  title\nevents      2      3      6  Events test deck\nkorea       3      6     13  Korea test deck\ntotal       5      9     19\n(typed: the text and date questions `recall review` asks by default; cards: every question type)\n"
    );
}

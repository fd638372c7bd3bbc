//! The decks built into the binary: they pass `decks lint` against the five source
//! texts, and none of them silently loses facts or cards.
use std::path::Path;

use crate::support::{Env, Run, run};

/// `recall` with the bundled decks: no `RECALL_DECKS`, no `--decks`.
fn bundled(env: &Env, args: &[&str]) -> Run {
    let mut cmd = env.cmd(args);
    cmd.env_remove("RECALL_DECKS");
    run(cmd, "")
}

#[test]
fn the_shipped_decks_pass_lint_against_the_source_texts() {
    let sources = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/sources");
    if !sources.is_dir() {
        // The texts live outside the repository (they are not ours to copy).
        eprintln!("skipped: no source texts at {}", sources.display());
        return;
    }
    let env = Env::new();
    let lint = bundled(
        &env,
        &[
            "decks",
            "lint",
            "--strict",
            "--sources",
            sources.to_str().unwrap(),
        ],
    );
    lint.success();
    assert!(
        lint.stdout()
            .starts_with("ok: 4 decks, 236 facts, 1137 cards, every quote found in its source"),
        "{}",
        lint.stdout()
    );
    // Strict: a warning would have failed the run; none is printed either.
    assert!(!lint.stderr().contains("warning:"), "{}", lint.stderr());
}

#[test]
fn the_shipped_decks_keep_their_facts_and_cards() {
    let env = Env::new();
    let list = bundled(&env, &["decks", "list"]);
    list.success();
    let counts: Vec<(String, usize, usize, usize)> = list
        .stdout()
        .lines()
        .skip(1)
        .filter(|line| !line.starts_with('('))
        .map(|line| {
            let cols: Vec<&str> = line.split_whitespace().collect();
            (
                cols[0].to_owned(),
                cols[1].parse().unwrap(),
                cols[2].parse().unwrap(),
                cols[3].parse().unwrap(),
            )
        })
        .collect();
    // (deck, facts, typed cards, cards of every question type)
    let expected = [
        ("agreements", 11, 25, 75),
        // Two cloze facts of two deletions each.
        ("dates", 147, 149, 689),
        ("incidents", 37, 57, 185),
        // Ri Son Gwon, a leader of two offices: who, office, office-2, and choice and true/false;
        // no office choice for Kim Jong Il or Kim Jong Un (every other top office of the
        // North may also be said of a "Leader").
        ("leaders", 41, 79, 188),
        ("total", 236, 310, 1137),
    ];
    let expected: Vec<(String, usize, usize, usize)> = expected
        .iter()
        .map(|&(d, f, t, c)| (d.to_owned(), f, t, c))
        .collect();
    assert_eq!(counts, expected, "{}", list.stdout());
}

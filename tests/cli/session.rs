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

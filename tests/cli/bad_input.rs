//! Bad input of every kind: a clear message and a documented exit code, never a panic.
//! One test per row of README's "Bad input" table that other files do not already cover.
use std::{fs, process::Stdio};

use crate::support::{Env, Run, fixtures};

/// Neither a panic nor Rust's backtrace hint, whatever the exit code.
#[track_caller]
fn no_panic(run: &Run) {
    let err = run.stderr();
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
}

fn with_decks(env: &Env, files: &[(&str, &[u8])]) -> std::path::PathBuf {
    let dir = env.dir.path().join("decks");
    fs::create_dir_all(&dir).unwrap();
    for (name, bytes) in files {
        fs::write(dir.join(name), bytes).unwrap();
    }
    dir
}

/// A few kilobytes of bytes that are no text: every value, NULs and broken UTF-8 among them.
fn garbage() -> Vec<u8> {
    let mut state: u32 = 7;
    (0..20_000)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (state >> 16) as u8
        })
        .collect()
}

#[test]
fn binary_garbage_in_a_deck_is_not_utf8_text_exit_1() {
    let env = Env::new();
    let dir = with_decks(&env, &[("junk.toml", &garbage())]);
    let run = env.run(&["review", "--decks", dir.to_str().unwrap()], "");
    no_panic(&run);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr().contains("junk.toml:1:") && run.stderr().contains("is not UTF-8 text"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("save the deck as UTF-8"));
}

#[test]
fn control_characters_in_a_deck_are_a_located_toml_error_exit_1() {
    let env = Env::new();
    let text = "[deck]\nid = \"x\"\ntitle = \"a\u{0}b\"\n";
    let dir = with_decks(&env, &[("nul.toml", text.as_bytes())]);
    let run = env.run(&["decks", "lint", dir.to_str().unwrap()], "");
    no_panic(&run);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("nul.toml:3:"), "{}", run.stderr());
}

#[test]
fn a_50_mb_deck_is_refused_without_reading_it_all_exit_1() {
    let env = Env::new();
    let dir = with_decks(&env, &[]);
    let path = dir.join("huge.toml");
    let file = fs::File::create(&path).unwrap();
    file.set_len(50 << 20).unwrap();
    let started = std::time::Instant::now();
    let run = env.run(&["review", "--decks", dir.to_str().unwrap()], "");
    no_panic(&run);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr()
            .contains("the file is larger than 16 MiB, too large for a deck"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("split it into several decks"));
    assert!(started.elapsed().as_secs() < 20);
}

#[cfg(unix)]
#[test]
fn a_device_given_as_a_deck_is_read_no_further_than_a_deck_can_be() {
    let env = Env::new();
    let run = env.run(&["decks", "lint", "/dev/zero"], "");
    no_panic(&run);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr().contains("too large for a deck"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_missing_or_empty_decks_folder_exit_1() {
    let env = Env::new();
    let missing = env.dir.path().join("nowhere");
    let run = env.run(&["review", "--decks", missing.to_str().unwrap()], "");
    no_panic(&run);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains("No such file or directory"),
        "{}",
        run.stderr()
    );
    let empty = with_decks(&env, &[]);
    let run = env.run(&["review", "--decks", empty.to_str().unwrap()], "");
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr()
            .contains("no deck files (`*.toml`) in this folder"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_deck_citing_a_source_with_no_text_is_reported_by_lint_exit_1() {
    let env = Env::new();
    let sources = env.dir.path().join("sources");
    fs::create_dir_all(&sources).unwrap();
    fs::write(sources.join("other.txt"), "Another text.\n").unwrap();
    let decks = fixtures().join("decks");
    let run = env.run(
        &[
            "decks",
            "lint",
            decks.to_str().unwrap(),
            "--sources",
            sources.to_str().unwrap(),
        ],
        "",
    );
    no_panic(&run);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr()
            .contains("no text for source `wiki-relations` in the sources folder"),
        "{}",
        run.stderr()
    );
}

#[test]
fn settings_that_are_not_text_exit_3() {
    let env = Env::new();
    fs::create_dir_all(env.user_dir()).unwrap();
    fs::write(env.user_dir().join("settings.toml"), garbage()).unwrap();
    let run = env.run(&["review"], "");
    no_panic(&run);
    assert_eq!(run.code(), 3, "{}", run.stderr());
    assert!(
        run.stderr().contains("error: could not read `") && run.stderr().contains("settings.toml"),
        "{}",
        run.stderr()
    );
}

#[test]
fn settings_out_of_range_name_their_line_exit_3() {
    let env = Env::new();
    fs::create_dir_all(env.user_dir()).unwrap();
    for (text, message) in [
        (
            "rollover_hour = 24\n",
            "rollover_hour must be an hour from 0 to 23",
        ),
        (
            "desired_retention = 2.0\n",
            "desired_retention must be between 0.7 and 0.99",
        ),
        (
            "parameters = [1.0]\n",
            "parameters are not valid FSRS parameters",
        ),
        (
            "exam_date = 2026-12-15T10:00:00\n",
            "exam_date must be a day",
        ),
        ("new_per_day = -1\n", "invalid value: integer `-1`"),
    ] {
        fs::write(env.user_dir().join("settings.toml"), text).unwrap();
        let run = env.run(&["review"], "");
        no_panic(&run);
        assert_eq!(run.code(), 3, "{text}: {}", run.stderr());
        assert!(
            run.stderr().contains(":1:") && run.stderr().contains(message),
            "{text}: {}",
            run.stderr()
        );
    }
}

#[test]
fn bad_flags_are_usage_errors_exit_2() {
    let env = Env::new();
    for args in [
        &["review", "--frobnicate"][..],
        &["review", "--limit", "many"],
        &["review", "--limit", "-1"],
        &["review", "--types", "essay"],
        &["review", "--exam-date", "2026-13-01"],
        &["exam", "--minutes", "soon"],
        &["decks", "export", "--format", "pdf", "--out", "x"],
        &["nonsense"],
    ] {
        let run = env.run(args, "");
        no_panic(&run);
        assert_eq!(run.code(), 2, "{args:?}: {}", run.stderr());
        assert!(
            run.stderr().contains("error:"),
            "{args:?}: {}",
            run.stderr()
        );
    }
}

#[test]
fn a_bad_clock_or_seed_in_the_environment_exit_2() {
    let env = Env::new();
    for (var, value, message) in [
        (
            "RECALL_NOW",
            "tomorrow",
            "RECALL_NOW `tomorrow` is not an RFC 3339 time",
        ),
        (
            "RECALL_SEED",
            "-3",
            "RECALL_SEED `-3` is not a whole number",
        ),
    ] {
        let mut cmd = env.cmd(&["review"]);
        cmd.env(var, value);
        let run = crate::support::run(cmd, "");
        no_panic(&run);
        assert_eq!(run.code(), 2, "{var}: {}", run.stderr());
        assert!(run.stderr().contains(message), "{}", run.stderr());
    }
}

#[test]
fn an_unusable_user_name_exit_2_and_an_unknown_one_is_a_new_user() {
    let env = Env::new();
    for name in ["../ana", ".hidden", "a/b", "x y"] {
        let mut cmd = env.cmd(&["review"]);
        cmd.env("RECALL_USER", name);
        let run = crate::support::run(cmd, "");
        no_panic(&run);
        assert_eq!(run.code(), 2, "{name:?}: {}", run.stderr());
        assert!(
            run.stderr().contains("is not a usable user name"),
            "{name:?}: {}",
            run.stderr()
        );
    }
    let mut cmd = env.cmd(&["progress"]);
    cmd.env("RECALL_USER", "zoe");
    let run = crate::support::run(cmd, "");
    run.success();
    assert!(
        run.stdout()
            .contains("`zoe` has not reviewed any of these cards yet")
    );
}

#[test]
fn no_terminal_and_no_input_ends_the_session_cleanly() {
    let env = Env::new();
    let mut cmd = env.cmd(&["review"]);
    cmd.stdin(Stdio::null());
    let run = Run(cmd.output().unwrap());
    no_panic(&run);
    run.success();
    assert!(
        run.stdout().contains("Stopped early with 5 cards left"),
        "{}",
        run.stdout()
    );
    assert!(env.records().is_empty());
}

#[test]
fn binary_garbage_on_stdin_makes_wrong_answers() {
    let env = Env::new();
    let mut input = garbage();
    input.extend_from_slice(b"\n2000\n");
    let run = crate::support::run_bytes(env.cmd(&["review"]), &input);
    no_panic(&run);
    run.success();
    assert!(run.stdout().contains("✗ wrong"), "{}", run.stdout());
    assert!(!env.records().is_empty());
    // What was saved reads back.
    let progress = env.run(&["progress", "--json"], "");
    progress.success();
    assert!(
        !progress.stderr().contains("warning"),
        "{}",
        progress.stderr()
    );
}

#[test]
fn a_10_mb_answer_line_is_checked_and_only_its_start_kept() {
    let env = Env::new();
    let mut input = "x".repeat(10 << 20);
    input.push_str("\n1999\n");
    let run = env.run(&["review", "--limit", "2"], &input);
    no_panic(&run);
    run.success();
    let out = run.stdout();
    assert!(out.contains("✗ wrong"), "{}", &out[..out.len().min(2000)]);
    assert!(out.len() < 64 << 10, "the answer is not echoed whole");
    let records = env.records();
    assert_eq!(records.len(), 2, "the long line is one answer");
    assert_eq!(records[0][4].len(), 4096);
    assert_eq!(records[1][4], "1999", "the next line is the next answer");
}

#[test]
fn output_closed_early_ends_quietly() {
    let env = Env::new();
    env.run(&["review"], "1\n2\n3\n4\n5\n").success();
    for args in [
        &["progress"][..],
        &["progress", "--json"],
        &["decks", "list"],
    ] {
        let mut cmd = env.cmd(args);
        // A reader that is gone before anything is written: the write fails with EPIPE.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        cmd.stdout(writer);
        let run = Run(cmd.output().unwrap());
        no_panic(&run);
        assert_eq!(run.code(), 0, "{args:?}: {}", run.stderr());
    }
}

//! Quiet, correct exits: no panic, an output that cannot be written is exit code 3, a reader
//! that went away is exit code 0 (issue 19 §2 §3, issue 14 §6).
use std::{
    fs,
    io::{BufRead, BufReader, Write},
    process::{Command, Stdio},
    sync::mpsc,
    time::Duration,
};

use crate::support::{Env, Run};

#[track_caller]
fn no_panic(run: &Run) {
    assert!(
        !run.stderr().contains("panicked") && run.code() != 101,
        "{}",
        run.stderr()
    );
}

/// A session piped in whose output goes to `stdout`.
fn review_into(env: &Env, stdout: impl Into<Stdio>) -> Run {
    let mut cmd = env.cmd(&["review", "--limit", "5"]);
    cmd.stdout(stdout);
    crate::support::run(cmd, &"1953\n".repeat(50))
}

#[test]
fn no_panics_with_an_endless_exam_time_limit_or_an_unwritable_stderr() {
    let env = Env::new();
    for minutes in ["5e17", "1e300", "1441"] {
        let run = env.run(&["exam", "--no-record", "--minutes", minutes], "");
        no_panic(&run);
        assert_eq!(run.code(), 2, "{minutes}: {}", run.stderr());
        assert!(run.stderr().contains("at most 1440"), "{}", run.stderr());
    }
    // A warning to write (a garbled log line) and nowhere to write it.
    env.write_log("garbage\n");
    for args in [&["stats"][..], &["progress"], &["review", "--limit", "1"]] {
        let mut cmd = env.cmd(args);
        cmd.stderr(fs::File::create("/dev/full").unwrap());
        let run = crate::support::run(cmd, "1953\n");
        no_panic(&run);
        assert_eq!(run.code(), 0, "{args:?}");
    }
}

#[test]
fn output_that_cannot_be_written_is_an_error_and_a_reader_that_goes_away_is_not() {
    let env = Env::new();
    let full = review_into(&env, fs::File::create("/dev/full").unwrap());
    no_panic(&full);
    assert_eq!(full.code(), 3, "{}", full.stderr());
    assert!(
        full.stderr()
            .contains("error: could not write the output: No space left on device"),
        "{}",
        full.stderr()
    );
    for args in [&["stats"][..], &["stats", "--json"], &["progress"]] {
        let mut cmd = env.cmd(args);
        cmd.stdout(fs::File::create("/dev/full").unwrap());
        let run = Run(cmd.output().unwrap());
        no_panic(&run);
        assert_eq!(run.code(), 3, "{args:?}: {}", run.stderr());
    }
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let gone = review_into(&env, writer);
    no_panic(&gone);
    assert_eq!(gone.code(), 0, "{}", gone.stderr());
    assert_eq!(gone.stderr(), "");
}

/// Issue 14 §6: SIGXFSZ killed recall silently with half a line written.
#[test]
fn a_file_size_limit_is_exit_3_with_a_message_and_no_torn_line() {
    let env = Env::new();
    // A log 24 bytes short of the limit (`ulimit -f 1`: 1024 bytes): the next answer's line
    // is cut by it.
    let line = "2026-11-01T10:00:00.000Z\tvisit-2000/when\tgood\t1.0\t2000\n";
    let header = "# recall review log v1: time, card, entry, seconds, answer\n";
    let mut log = header.to_owned();
    while log.len() + line.len() <= 1000 {
        log.push_str(line);
    }
    log.push_str(&"#".repeat(999 - log.len()));
    log.push('\n');
    assert_eq!(log.len(), 1000);
    fs::create_dir_all(env.user_dir()).unwrap();
    fs::write(env.log_path(), &log).unwrap();
    let recall = env.cmd(&[]).get_program().to_owned();
    let mut cmd = env.cmd(&[]);
    cmd.env_remove("RECALL_CACHE_DIR")
        .env("RECALL_CACHE_DIR", "");
    let mut shell = Command::new("bash");
    shell
        .arg("-c")
        .arg("ulimit -f 1 && exec \"$0\" review --limit 3")
        .arg(recall)
        .env_clear()
        .envs(cmd.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let run = crate::support::run(shell, "1953\n1953\n1953\n");
    no_panic(&run);
    assert_eq!(run.code(), 3, "{}", run.stderr());
    assert!(
        run.stderr().contains("could not save the answer to") && run.stderr().contains("large"),
        "{}",
        run.stderr()
    );
    assert_eq!(
        fs::read_to_string(env.log_path()).unwrap(),
        log,
        "no torn line"
    );
}

/// Issue 14 §6: `stats` was silent about a log it could not read; now every command warns.
#[test]
fn a_log_that_cannot_be_read_is_warned_about_in_stats_as_in_review() {
    let env = Env::new();
    fs::create_dir_all(env.user_dir().join("log-desktop.tsv")).unwrap();
    for args in [&["stats"][..], &["review", "--limit", "1"], &["progress"]] {
        let run = env.run(args, "1953\n");
        run.success();
        assert!(
            run.stderr()
                .contains("log-desktop.tsv: it is not a file; not read"),
            "{args:?}: {}",
            run.stderr()
        );
    }
}

/// Issue 19 §8: on Ctrl-C the cursor came back as `ESC[?25h` on stdout, even into a pipe.
#[test]
fn ctrl_c_shows_the_cursor_on_the_terminal_only() {
    let env = Env::new();
    let mut child = env.cmd(&["review"]).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut lines = BufReader::new(stdout);
        loop {
            let mut line = Vec::new();
            match lines.read_until(b'\n', &mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => {
                    let _ = tx.send(String::from_utf8_lossy(&line).into_owned());
                    all.extend(line);
                }
            }
        }
        all
    });
    writeln!(stdin, "1953").unwrap();
    loop {
        let line = rx.recv_timeout(Duration::from_secs(20)).unwrap();
        if line.starts_with('✗') || line.starts_with('✓') {
            break;
        }
    }
    let interrupted = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    let status = child.wait().unwrap();
    let out = reader.join().unwrap();
    assert_eq!(status.code(), Some(130));
    assert!(
        !out.windows(6).any(|w| w == b"\x1b[?25h"),
        "{}",
        String::from_utf8_lossy(&out)
    );
    // Ctrl-C ends the session as `q` does: the same summary, counting answers.
    let out = String::from_utf8_lossy(&out);
    assert!(
        out.contains("Stopped early with 5 cards left; every answer so far is saved.\n"),
        "{out}"
    );
    assert!(
        out.contains("Session over: 1 card seen, 0 right the first time (0%), 1 answer in "),
        "{out}"
    );
    drop(stdin);
}

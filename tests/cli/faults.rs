//! Nothing is lost: kill -9, a second session, torn and garbled log lines, full or unwritable disks.
use std::{
    fs,
    io::{BufRead, BufReader, Write},
    process::{Child, Command},
    sync::mpsc::{Receiver, channel},
    thread,
    time::Duration,
};

use crate::support::{Env, bin};

/// Streams the child's stdout lines.
fn lines_of(child: &mut Child) -> Receiver<String> {
    let stdout = child.stdout.take().expect("stdout");
    let (tx, rx) = channel();
    thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

fn wait_for(rx: &Receiver<String>, pred: impl Fn(&str) -> bool) -> String {
    loop {
        let line = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("recall answered in time");
        if pred(&line) {
            return line;
        }
    }
}

fn is_verdict(line: &str) -> bool {
    line.starts_with('✓') || line.starts_with('✗') || line.starts_with('~')
}

#[test]
fn kill_9_during_piped_sessions_loses_no_saved_answer() {
    let answers = [
        "30 December 2023",
        "1999",
        "1991",
        "April 2018",
        "kim jong-un",
        "2000",
    ];
    let mut env = Env::new();
    let mut confirmed_total = 0;
    for round in 0..12usize {
        // A month later each round, so there is always something to study.
        env.now = format!("2027-{:02}-15T10:00:00Z", round + 1);
        let before = env.records().len();
        let mut child = env.cmd(&["review"]).spawn().unwrap();
        let rx = lines_of(&mut child);
        let mut stdin = child.stdin.take().unwrap();
        let stop_after = round % 4;
        let mut confirmed = 0;
        let mut in_flight = 0;
        for (k, answer) in answers.iter().enumerate() {
            wait_for(&rx, |l| l.starts_with('['));
            if k == stop_after {
                // Every other round, kill while an answer is on its way.
                if round % 2 == 0 {
                    writeln!(stdin, "{answer}").unwrap();
                    in_flight = 1;
                }
                break;
            }
            writeln!(stdin, "{answer}").unwrap();
            wait_for(&rx, is_verdict);
            confirmed += 1;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let saved = env.records().len() - before;
        assert!(
            saved >= confirmed && saved <= confirmed + in_flight,
            "round {round}: {saved} saved, {confirmed} confirmed, {in_flight} in flight"
        );
        confirmed_total += confirmed;
        // The next session starts normally and reads every line.
        let next = env.run(&["progress", "--json"], "");
        next.success();
        assert!(!next.stderr().contains("warning"), "{}", next.stderr());
    }
    assert!(
        confirmed_total >= 12,
        "the test answered something: {confirmed_total}"
    );
}

#[test]
fn a_second_session_of_the_same_user_is_refused_while_the_first_goes_on() {
    let env = Env::new();
    let mut first = env.cmd(&["review"]).spawn().unwrap();
    let rx = lines_of(&mut first);
    wait_for(&rx, |l| l.starts_with('['));

    let second = env.run(&["review"], "2000\n");
    assert_eq!(second.code(), 4, "{}", second.stderr());
    assert!(
        second
            .stderr()
            .contains("another recall session of this user is running"),
        "{}",
        second.stderr()
    );

    let mut stdin = first.stdin.take().unwrap();
    writeln!(stdin, "30 December 2023").unwrap();
    drop(stdin);
    assert!(first.wait().unwrap().success());
    assert_eq!(env.records().len(), 1);
    // Another user is not blocked.
    let mut other = env.cmd(&["review", "--limit", "1"]);
    other.env("RECALL_USER", "ben");
    crate::support::run(other, "1\n").success();
}

#[test]
fn torn_garbled_and_future_lines_are_reported_skipped_and_kept() {
    let env = Env::new();
    env.run(&["review", "--limit", "2"], "30 December 2023\n2000\n")
        .success();
    let mut log = env.log();
    let good = log.lines().nth(1).unwrap().to_owned();
    log.push_str("this line is garbage\n");
    log.push_str("2026-11-21T10:00:00Z\tun-entry/card\tbury\t0.0\t\n");
    log.push_str("2026-11-21T10:00:00Z\tgone-from-every-deck/when\tgood\t1.0\tx\n");
    log.push_str(&good[..25]);
    fs::write(env.log_path(), &log).unwrap();

    let run = env.run(&["review", "--limit", "1"], "1991\n");
    run.success();
    let err = run.stderr();
    let path = env.log_path().display().to_string();
    assert!(
        err.contains(&format!(
            "warning: {path}:4:1: expected at least 4 tab-separated fields, found 1; line skipped"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "warning: {path}:5:1: unknown entry `bury` (written by a newer recall?); line skipped"
        )),
        "{err}"
    );
    // The torn line was closed with a newline before the new answer, so it reads as a short line.
    assert!(
        err.contains(&format!(
            "warning: {path}:7:1: expected at least 4 tab-separated fields, found 2; line skipped"
        )),
        "{err}"
    );
    let after = env.log();
    assert!(after.starts_with(&log), "nothing rewritten");
    assert_eq!(
        after.lines().count(),
        log.lines().count() + 1,
        "the new answer is on a line of its own"
    );
    assert!(after.lines().last().unwrap().contains("\t1991"));
    let progress = env.run(&["progress", "--json"], "");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&progress.stdout()).unwrap();
    assert_eq!(rows.len(), 3, "the readable lines replay");
}

#[test]
fn an_unwritable_data_dir_is_a_clear_error() {
    let env = Env::new();
    fs::write(env.data(), "a file where the folder should be").unwrap();
    let run = env.run(&["review"], "2000\n");
    assert_eq!(run.code(), 3);
    assert!(
        run.stderr()
            .contains(&format!("error: could not read `{}", env.data().display())),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("Not a directory"), "{}", run.stderr());
}

#[test]
fn a_full_disk_stops_the_session_at_the_answer_that_could_not_be_saved() {
    let env = Env::new();
    env.run(&["review", "--limit", "1"], "30 December 2023\n")
        .success();
    // Fill the log close to a 1 KiB file-size limit: the next answer fits, the one after does not.
    let mut log = env.log();
    while log.len() < 1024 - 80 {
        log.push_str("# padding\n");
    }
    fs::write(env.log_path(), &log).unwrap();
    let mut cmd = Command::new("bash");
    let mut inner = env.cmd(&["review"]);
    cmd.arg("-c")
        .arg(format!("trap '' XFSZ; ulimit -f 1; exec {} review", bin()));
    for (k, v) in inner.get_envs() {
        if let Some(v) = v {
            cmd.env(k, v);
        }
    }
    inner.stdin(std::process::Stdio::null());
    cmd.stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let run = crate::support::run(cmd, "1991\n2000\nApril 2018\n");
    assert_eq!(run.code(), 3, "{}\n{}", run.stdout(), run.stderr());
    assert!(
        run.stderr().contains("error: could not save the answer to"),
        "{}",
        run.stderr()
    );
    let after = env.log();
    assert!(after.starts_with(&log), "nothing earlier lost");
    let records = env.records();
    assert_eq!(records.len(), 2, "{after}");
    assert!(after.ends_with('\n'), "no half-written line is left behind");
    assert_eq!(
        run.stdout().matches("✓ right").count(),
        2,
        "{}",
        run.stdout()
    );
    assert!(
        !run.stdout().contains("[3/"),
        "the session stopped at once: {}",
        run.stdout()
    );
}

#[cfg(unix)]
#[test]
fn progress_folders_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.run(&["review", "--limit", "1"], "1\n").success();
    let mode = fs::metadata(env.user_dir()).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o700);
}

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

/// How many sessions the crash test kills; `RECALL_CRASH_ROUNDS` changes it.
const CRASH_ROUNDS: usize = 300;

/// Kills piped sessions with SIGKILL at random moments (while starting, while reading the
/// log, between answers, with an answer on its way), hundreds of times. After each kill,
/// every answer whose verdict was printed is in the log exactly once, and the next session
/// starts and reads the log without a warning (but for a line torn mid-write, if a kill
/// ever tears one). `RECALL_CRASH_SEED` repeats a run; the seed is printed on failure.
#[test]
fn kill_9_at_random_moments_loses_no_confirmed_answer() {
    let seed: u64 = std::env::var("RECALL_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(7, |d| d.as_nanos() as u64)
        });
    let rounds = std::env::var("RECALL_CRASH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(CRASH_ROUNDS);
    let result = std::panic::catch_unwind(|| crash_rounds(seed, rounds));
    if let Err(panic) = result {
        eprintln!("the crash test failed with RECALL_CRASH_SEED={seed}");
        std::panic::resume_unwind(panic);
    }
}

fn crash_rounds(seed: u64, rounds: usize) {
    use rand::{RngExt, SeedableRng, rngs::StdRng};
    let mut rng = StdRng::seed_from_u64(seed);
    let mut env = Env::new();
    let start = std::time::Instant::now();
    let mut confirmed: Vec<String> = Vec::new();
    let mut in_flight: Vec<String> = Vec::new();
    let mut torn_lines: Vec<usize> = Vec::new();
    let mut killed_answering = 0;
    for round in 0..rounds {
        // A day later each round: the cards missed the day before are due again.
        let day = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
            + chrono::Duration::days(round as i64);
        env.now = format!("{day}T10:00:00Z");
        let mut child = env.cmd(&["review"]).spawn().unwrap();
        let rx = lines_of(&mut child);
        let mut stdin = child.stdin.take().unwrap();
        // Unique answers, so each can be found in the log: all wrong, so the cards come back.
        // Numbers, so that a date question reads them too (as a year) instead of asking again:
        // years from 5000 on, which no card has, and unique for up to 499 rounds (a year is
        // at most 9999).
        let answer = |k: usize| format!("{}", 5_000 + round * 10 + k);
        match rng.random_range(0..3) {
            // Killed at a random moment of a session fed every answer at once.
            0 => {
                let all: String = (0..8).map(|k| answer(k) + "\n").collect();
                let _ = stdin.write_all(all.as_bytes());
                thread::sleep(Duration::from_micros(rng.random_range(0..15_000)));
                in_flight.extend((0..8).map(answer));
            }
            // Killed between answers, or while one is on its way.
            _ => {
                let answers = rng.random_range(0..4);
                for k in 0..=answers {
                    wait_for(&rx, |l| l.starts_with('['));
                    writeln!(stdin, "{}", answer(k)).unwrap();
                    if k == answers {
                        thread::sleep(Duration::from_micros(rng.random_range(0..2_000)));
                        in_flight.push(answer(k));
                        killed_answering += 1;
                    } else {
                        wait_for(&rx, is_verdict);
                    }
                }
            }
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        drop(stdin);
        // Every line the session printed before it died.
        let printed: Vec<String> = rx.iter().collect();
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        for line in printed.iter().filter(|l| is_verdict(l)) {
            let typed = line
                .split('`')
                .nth(1)
                .unwrap_or_else(|| panic!("round {round}: a verdict quotes the answer: {line}"));
            in_flight.retain(|a| a != typed);
            confirmed.push(typed.to_owned());
        }
        check_log(
            &env,
            round,
            &confirmed,
            &in_flight,
            &mut torn_lines,
            &stderr,
        );
        in_flight.clear();
    }
    // The log reads whole at the end, and the next session is a normal one.
    let progress = env.run(&["progress", "--json"], "");
    progress.success();
    check_warnings(&env, &progress.stderr(), &torn_lines, rounds);
    let next = env.run(&["review", "--limit", "1"], "last\n");
    next.success();
    assert!(
        next.stdout().contains("✗ wrong: you said `last`"),
        "{}",
        next.stdout()
    );
    assert!(
        // A loaded machine confirms fewer answers before each kill; a fifth still shows
        // that both kinds of moment were hit.
        confirmed.len() >= rounds / 5 && killed_answering >= rounds / 5,
        "the test exercised answers: {} confirmed, {killed_answering} killed while answering",
        confirmed.len()
    );
    eprintln!(
        "crash test: {rounds} kills in {:.1?}, {} confirmed answers all saved once, {} torn lines",
        start.elapsed(),
        confirmed.len(),
        torn_lines.len()
    );
}

/// Every confirmed answer is in the log exactly once; an answer in flight at most once.
fn check_log(
    env: &Env,
    round: usize,
    confirmed: &[String],
    in_flight: &[String],
    torn_lines: &mut Vec<usize>,
    stderr: &str,
) {
    let log = env.log();
    if !log.is_empty() && !log.ends_with('\n') {
        torn_lines.push(log.lines().count());
    }
    let count = |typed: &str| {
        log.lines()
            .filter(|l| l.split('\t').nth(4) == Some(typed))
            .count()
    };
    for typed in confirmed {
        assert_eq!(count(typed), 1, "round {round}: confirmed `{typed}`\n{log}");
    }
    for typed in in_flight {
        assert!(
            count(typed) <= 1,
            "round {round}: `{typed}` saved twice\n{log}"
        );
    }
    // The session read the log of the rounds before it without a complaint.
    check_warnings(env, stderr, torn_lines, round);
}

fn check_warnings(env: &Env, stderr: &str, torn_lines: &[usize], round: usize) {
    let path = env.log_path().display().to_string();
    for warning in stderr.lines().filter(|l| l.starts_with("warning")) {
        let torn = torn_lines
            .iter()
            .any(|n| warning.starts_with(&format!("warning: {path}:{n}:")));
        assert!(torn, "round {round}: {warning}\n{stderr}");
    }
    assert!(
        !stderr.contains("error"),
        "round {round}: the session started normally: {stderr}"
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
    // A card that no deck has any more is replayed and kept (its fact may come back),
    // without a warning, and not listed.
    assert!(!err.contains("gone-from-every-deck"), "{err}");
    assert!(
        rows.iter()
            .all(|r| r["card"] != "gone-from-every-deck/when"),
        "{rows:?}"
    );
    assert!(env.log().contains("gone-from-every-deck/when\tgood"));
    let table = env.run(&["progress"], "");
    table.success();
    assert!(!table.stdout().contains("gone-from-every-deck"));
    // Every command that replays the log copes with it.
    for args in [
        &["exam", "--count", "1", "--no-record"][..],
        &[
            "decks",
            "export",
            "--format",
            "apkg",
            "--with-progress",
            "--out",
        ],
    ] {
        let mut args = args.to_vec();
        let out = env.dir.path().join("out.apkg");
        let out = out.to_str().unwrap();
        if args.last() == Some(&"--out") {
            args.push(out);
        }
        let run = env.run(&args, "x\n");
        run.success();
    }
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
        1,
        "the answer that could not be saved is not confirmed: {}",
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
fn progress_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &std::path::Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let env = Env::new();
    env.run(&["review", "--limit", "1"], "1\n").success();
    assert_eq!(mode(&env.user_dir()), 0o700);
    assert_eq!(mode(&env.log_path()), 0o600);
    assert_eq!(mode(&env.user_dir().join("lock")), 0o600);

    // Files from before, or written by hand, are made private when the log is next opened.
    let settings = env.user_dir().join("settings.toml");
    fs::write(&settings, "new_per_day = 5\n").unwrap();
    for path in [&settings, &env.log_path()] {
        fs::set_permissions(path, fs::Permissions::from_mode(0o644)).unwrap();
    }
    env.run(&["review", "--limit", "1"], "1\n").success();
    assert_eq!(mode(&settings), 0o600);
    assert_eq!(mode(&env.log_path()), 0o600);
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Makes `path` unwritable even for root with the immutable attribute (`chattr +i`), and
/// takes it back when dropped. `None` where the file system or the process cannot.
struct Immutable(std::path::PathBuf);

impl Immutable {
    fn set(path: &std::path::Path) -> Option<Self> {
        let ok = Command::new("chattr")
            .arg("+i")
            .arg(path)
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then(|| Self(path.to_owned()))
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
    }
}

/// A read-only progress folder: nothing can be saved, so nothing is asked. Root ignores
/// permission bits, so as root the folder is made immutable instead (`chattr +i`); where
/// that is not possible either, the case is skipped, saying why.
#[cfg(unix)]
#[test]
fn a_read_only_progress_folder_is_a_clear_error_before_any_question() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    fs::create_dir_all(env.user_dir()).unwrap();
    let _guard = if is_root() {
        match Immutable::set(&env.user_dir()) {
            Some(guard) => Some(guard),
            None => {
                eprintln!("skipped: running as root and `chattr +i` is not available here");
                return;
            }
        }
    } else {
        fs::set_permissions(env.user_dir(), fs::Permissions::from_mode(0o500)).unwrap();
        None
    };
    let run = env.run(&["review"], "2000\n");
    if !is_root() {
        fs::set_permissions(env.user_dir(), fs::Permissions::from_mode(0o700)).unwrap();
    }
    assert_eq!(run.code(), 3, "{}\n{}", run.stdout(), run.stderr());
    let lock = env.user_dir().join("lock");
    assert!(
        run.stderr()
            .contains(&format!("error: could not create `{}`", lock.display())),
        "{}",
        run.stderr()
    );
    assert!(
        !run.stdout().contains('['),
        "nothing was asked: {}",
        run.stdout()
    );
}

/// The log becomes unwritable in the middle of a session (as on a file system remounted
/// read-only): the answer that could not be saved is reported at once, the session stops,
/// and nothing earlier is lost. Needs `chattr +i`, so root; skipped otherwise, saying why.
#[cfg(unix)]
#[test]
fn a_log_that_becomes_read_only_stops_the_session_at_the_unsaved_answer() {
    if !is_root() {
        eprintln!("skipped: only root can make the open log immutable (`chattr +i`)");
        return;
    }
    let env = Env::new();
    env.run(&["review", "--limit", "1"], "30 December 2023\n")
        .success();
    let mut child = env.cmd(&["review"]).spawn().unwrap();
    let rx = lines_of(&mut child);
    let mut stdin = child.stdin.take().unwrap();
    wait_for(&rx, |l| l.starts_with('['));
    writeln!(stdin, "1991").unwrap();
    wait_for(&rx, is_verdict);
    wait_for(&rx, |l| l.starts_with('['));
    let before = env.log();
    let Some(guard) = Immutable::set(&env.log_path()) else {
        eprintln!("skipped: `chattr +i` is not available here");
        let _ = child.kill();
        return;
    };
    writeln!(stdin, "2000").unwrap();
    writeln!(stdin, "April 2018").unwrap();
    drop(stdin);
    let status = child.wait().unwrap();
    drop(guard);
    let printed: Vec<String> = rx.iter().collect();
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(status.code(), Some(3), "{printed:?}\n{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: could not save the answer to `{}`",
            env.log_path().display()
        )),
        "{stderr}"
    );
    assert!(
        !printed.iter().any(|l| is_verdict(l) || l.starts_with('[')),
        "the unsaved answer is not confirmed and nothing more is asked: {printed:?}"
    );
    assert_eq!(
        env.log(),
        before,
        "nothing earlier lost, nothing half-written"
    );
    assert_eq!(env.records().len(), 2);
}

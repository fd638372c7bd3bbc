//! The progress folder against sync tools and other users: no link followed, one session at
//! a time whatever happens to the `lock` file, everything private (issue 14 §3 §5, 19 §6 §8).
use std::{
    fs,
    io::{BufRead, BufReader, Write},
    os::unix::fs::{PermissionsExt, symlink},
    sync::mpsc,
    time::Duration,
};

use crate::support::Env;

fn mode(path: &std::path::Path) -> u32 {
    fs::symlink_metadata(path).unwrap().permissions().mode() & 0o777
}

/// Issue 14 §3: an answer was appended to a link's target, and the target chmod'ed 0600.
#[test]
fn links_in_a_progress_folder_are_refused_never_followed() {
    let env = Env::new();
    env.run(&["review", "--limit", "1"], "1953\n").success();
    let outside = env.dir.path().join("outside.txt");
    fs::write(&outside, "someone else's file\n").unwrap();
    fs::set_permissions(&outside, fs::Permissions::from_mode(0o644)).unwrap();

    // This device's log, the lock and the settings, each a link in turn.
    for name in ["log-laptop.tsv", "lock", "settings.toml"] {
        let path = env.user_dir().join(name);
        let kept = env.user_dir().join(format!("{name}.kept"));
        let _ = fs::rename(&path, &kept);
        symlink(&outside, &path).unwrap();
        let run = env.run(&["review", "--limit", "1"], "1953\n");
        assert_eq!(run.code(), 3, "{name}: {}", run.stderr());
        assert!(
            run.stderr().contains("is a symbolic link"),
            "{name}: {}",
            run.stderr()
        );
        fs::remove_file(&path).unwrap();
        let _ = fs::rename(&kept, &path);
    }
    // Another device's log as a link: not read, said so, and the rest goes on.
    symlink(&outside, env.user_dir().join("log-phone.tsv")).unwrap();
    for args in [&["progress"][..], &["stats"], &["review", "--limit", "1"]] {
        let run = env.run(args, "1953\n");
        run.success();
        assert!(
            run.stderr()
                .contains("log-phone.tsv: it is a symbolic link, and recall follows no link"),
            "{args:?}: {}",
            run.stderr()
        );
        assert!(!run.stderr().contains("someone else"), "{}", run.stderr());
    }
    assert_eq!(
        fs::read_to_string(&outside).unwrap(),
        "someone else's file\n"
    );
    assert_eq!(mode(&outside), 0o644, "the target is never chmod'ed");
}

/// Spawns a piped session and waits for its first question.
fn started_session(
    env: &Env,
) -> (
    std::process::Child,
    std::process::ChildStdin,
    mpsc::Receiver<String>,
) {
    let mut child = env.cmd(&["review", "--limit", "3"]).spawn().unwrap();
    let stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    wait_for(&rx, |l| l.starts_with('['));
    (child, stdin, rx)
}

fn wait_for(rx: &mpsc::Receiver<String>, pred: impl Fn(&str) -> bool) -> String {
    loop {
        let line = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("recall answered");
        if pred(&line) {
            return line;
        }
    }
}

/// Issue 19 §6: a sync tool deleting or replacing `lock` let a second session start.
#[test]
fn one_session_per_user_whatever_a_sync_tool_does_to_the_lock() {
    let env = Env::new();
    let (mut first, mut stdin, rx) = started_session(&env);
    let lock = env.user_dir().join("lock");
    for replace in [false, true] {
        fs::remove_file(&lock).unwrap();
        if replace {
            fs::write(&lock, "").unwrap();
        }
        let second = env.run(&["review", "--limit", "1"], "1953\n");
        assert_eq!(second.code(), 4, "{}", second.stderr());
        assert!(
            second
                .stderr()
                .contains("another recall session of this user is running"),
            "{}",
            second.stderr()
        );
        // The first session goes on saving, and takes the new `lock` file.
        writeln!(stdin, "1953").unwrap();
        wait_for(&rx, |l| l.starts_with('✗') || l.starts_with('✓'));
    }
    drop(stdin);
    assert!(first.wait().unwrap().success());
    assert_eq!(env.records().len(), 2);
    assert!(!env.log().contains("1953\n1953"), "each answer once");
    // With the first session over, the next one starts.
    env.run(&["review", "--limit", "1"], "1953\n").success();
}

/// Issue 19 §8: a user folder made 0755 (by hand, by a sync tool) stayed so.
#[test]
fn an_existing_user_folder_is_made_private() {
    let env = Env::new();
    fs::create_dir_all(env.user_dir()).unwrap();
    fs::set_permissions(env.user_dir(), fs::Permissions::from_mode(0o755)).unwrap();
    env.run(&["review", "--limit", "1"], "1953\n").success();
    assert_eq!(mode(&env.user_dir()), 0o700);
    assert_eq!(mode(&env.log_path()), 0o600);
    assert_eq!(mode(&env.user_dir().join("lock")), 0o600);
}

/// Issue 14 §5: `settings.toml` became 0644 when `optimize` rewrote it, and a killed
/// process's temporary file stayed for ever.
#[test]
fn settings_stay_private_when_rewritten_and_leftover_temporary_files_go() {
    let env = Env::new().at(crate::optimize::AFTER);
    env.write_log(&crate::optimize::simulated_log(300, 7));
    env.write_settings("new_per_day = 20\n");
    fs::set_permissions(
        env.user_dir().join("settings.toml"),
        fs::Permissions::from_mode(0o600),
    )
    .unwrap();
    let leftover = env.user_dir().join(".settings.toml.4000000000.tmp");
    fs::write(&leftover, "half").unwrap();
    let run = env.run(&["optimize"], "");
    let saved = run.stdout().contains("saved to");
    if saved {
        assert_eq!(mode(&env.user_dir().join("settings.toml")), 0o600);
        assert!(
            fs::read_to_string(env.user_dir().join("settings.toml"))
                .unwrap()
                .contains("parameters")
        );
        assert!(
            !leftover.exists(),
            "the killed process's temporary file is gone"
        );
    } else {
        panic!("optimize saved nothing: {}\n{}", run.stdout(), run.stderr());
    }
}

/// The progress folder itself may be a link the user made (to a synced folder): it is the
/// files in it that are never links.
#[test]
fn a_progress_folder_that_is_a_link_the_user_made_is_used() {
    let env = Env::new();
    let real = env.dir.path().join("synced");
    fs::create_dir_all(&real).unwrap();
    fs::create_dir_all(env.data()).unwrap();
    symlink(&real, env.user_dir()).unwrap();
    env.run(&["review", "--limit", "2"], "1953\n1953\n")
        .success();
    assert_eq!(env.records().len(), 2);
    assert!(real.join("log-laptop.tsv").exists());
}

//! The cache of the logs (in the machine's cache folder) changes nothing anyone sees:
//! whatever happens to the logs or to it, recall says what the logs say.
use std::fs;

use crate::support::{Env, run};

/// `progress --json` at `now`, with the cache or without.
fn progress(env: &Env, now: &str, cached: bool) -> String {
    let mut cmd = env.cmd(&["progress", "--json"]);
    cmd.env("RECALL_NOW", now);
    if !cached {
        cmd.env("RECALL_CACHE_DIR", "");
    }
    let out = run(cmd, "");
    out.success();
    out.stdout() + &out.stderr()
}

fn session(env: &Env, device: &str, now: &str, answers: &str) {
    let mut cmd = env.cmd(&["review", "--types", "text,date,choice"]);
    cmd.env("RECALL_DEVICE", device).env("RECALL_NOW", now);
    run(cmd, answers).success();
}

fn cache_files(env: &Env) -> Vec<std::path::PathBuf> {
    fs::read_dir(env.cache_dir())
        .map(|entries| entries.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

fn same_with_and_without_cache(env: &Env, now: &str) -> String {
    let cached = progress(env, now, true);
    assert_eq!(cached, progress(env, now, false), "at {now}");
    // And again, now that the cache has caught up.
    assert_eq!(cached, progress(env, now, true), "at {now}");
    cached
}

#[test]
fn sessions_synced_late_and_out_of_order_read_the_same_with_the_cache() {
    let env = Env::new();
    let now = "2026-11-30T10:00:00Z";
    session(&env, "laptop", "2026-11-21T08:00:00Z", "1\n1999\n1991\n");
    let first = same_with_and_without_cache(&env, now);
    assert_eq!(
        cache_files(&env).len(),
        1,
        "the cache is written once there is a log"
    );

    session(
        &env,
        "laptop",
        "2026-11-24T08:00:00Z",
        "2000\n1991\nApril 2018\n",
    );
    let second = same_with_and_without_cache(&env, now);
    assert_ne!(first, second);

    // Another device's log arrives late, its answers falling between this device's.
    let other = Env::new();
    session(
        &other,
        "desktop",
        "2026-11-22T20:00:00Z",
        "1\n2000\n1990\nApril 2018\n",
    );
    let desktop = fs::read_to_string(other.user_dir().join("log-desktop.tsv")).unwrap();
    fs::write(env.user_dir().join("log-desktop.tsv"), &desktop).unwrap();
    let third = same_with_and_without_cache(&env, now);
    assert_ne!(second, third);

    // A log edited by hand (the same length), then one removed.
    let log = env.log();
    fs::write(env.log_path(), log.replacen("\tgood\t", "\teasy\t", 1)).unwrap();
    let fourth = same_with_and_without_cache(&env, now);
    assert_ne!(third, fourth);
    fs::remove_file(env.user_dir().join("log-desktop.tsv")).unwrap();
    same_with_and_without_cache(&env, now);
}

#[test]
fn bad_lines_are_reported_the_same_with_the_cache() {
    let env = Env::new();
    env.write_log(
        "2026-11-20T09:00:00.000Z\tvisit-2000/when\tgood\t3.0\t1972\ngarbage\n\
         2026-11-20T09:01:00.000Z\tvisit-2000/when\tbury\t3.0\t\n",
    );
    let now = "2026-11-21T10:00:00Z";
    let first = same_with_and_without_cache(&env, now);
    assert!(first.contains("log-laptop.tsv:3"), "{first}");
    assert!(first.contains("log-laptop.tsv:4"), "{first}");
    // A line torn by a crash, then completed by the next session's newline and more lines.
    fs::write(env.log_path(), env.log() + "2026-11-20T09:02").unwrap();
    assert!(same_with_and_without_cache(&env, now).contains("incomplete"));
    fs::write(
        env.log_path(),
        env.log() + "\n2026-11-20T09:03:00.000Z\tvisit-2000/when\tagain\t3.0\t1971\n",
    )
    .unwrap();
    let last = same_with_and_without_cache(&env, now);
    assert!(last.contains("log-laptop.tsv:5"), "{last}");
    assert!(!last.contains("incomplete"), "{last}");
}

#[test]
fn a_damaged_or_unwritable_cache_is_no_loss() {
    let env = Env::new();
    env.write_log("2026-11-20T09:00:00.000Z\tvisit-2000/when\tgood\t3.0\t1972\n");
    let now = "2026-11-21T10:00:00Z";
    let expected = same_with_and_without_cache(&env, now);
    let cache = cache_files(&env).pop().expect("a cache");
    let mut bytes = fs::read(&cache).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    fs::write(&cache, &bytes).unwrap();
    assert_eq!(
        progress(&env, now, true),
        expected,
        "a damaged cache is read again"
    );
    fs::write(&cache, b"").unwrap();
    assert_eq!(progress(&env, now, true), expected, "an empty one too");
    // What a process killed while writing the cache left behind is cleared away.
    let leftover = cache.with_extension("4242.tmp");
    fs::write(&leftover, b"half a cache").unwrap();
    fs::write(&cache, b"").unwrap();
    progress(&env, now, true);
    assert!(!leftover.exists());
    assert_eq!(cache_files(&env), std::slice::from_ref(&cache));

    // A file where the cache folder should be: recall works on, saying nothing of it.
    fs::remove_dir_all(env.cache_dir()).unwrap();
    fs::write(env.cache_dir(), "not a folder").unwrap();
    assert_eq!(progress(&env, now, true), expected);
    env.run(&["review", "--limit", "1"], "1\n").success();
}

#[cfg(unix)]
#[test]
fn the_cache_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &std::path::Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let env = Env::new();
    env.write_log("2026-11-20T09:00:00.000Z\tvisit-2000/when\tgood\t3.0\t1972\n");
    progress(&env, "2026-11-21T10:00:00Z", true);
    assert_eq!(mode(&env.cache_dir()), 0o700);
    let cache = cache_files(&env).pop().expect("a cache");
    assert_eq!(mode(&cache), 0o600);
}

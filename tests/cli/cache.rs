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

/// The caches of the logs (not the snapshots of the decks).
fn cache_files(env: &Env) -> Vec<std::path::PathBuf> {
    fs::read_dir(env.cache_dir())
        .map(|entries| {
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| {
                    !p.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with("decks-")
                })
                .collect()
        })
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

/// Issue 14: a cache that is a link (to `/dev/zero`, which never ends) or a FIFO (which
/// waits for a writer) is not read: the logs are, and the cache is made again in its place.
#[cfg(unix)]
#[test]
fn a_cache_that_is_a_link_or_a_fifo_is_ignored_and_rebuilt() {
    let env = Env::new();
    env.write_log("2026-11-20T09:00:00.000Z\tvisit-2000/when\tgood\t3.0\t1972\n");
    let now = "2026-11-21T10:00:00Z";
    let expected = same_with_and_without_cache(&env, now);
    let cache = cache_files(&env).pop().expect("a cache");
    fs::remove_file(&cache).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &cache).unwrap();
    assert_eq!(progress(&env, now, true), expected);
    assert!(fs::symlink_metadata(&cache).unwrap().is_file(), "rebuilt");
    fs::remove_file(&cache).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&cache).status();
    assert!(made.unwrap().success());
    assert_eq!(progress(&env, now, true), expected);
    assert!(fs::symlink_metadata(&cache).unwrap().is_file(), "rebuilt");
}

/// The decks as last parsed are kept in the cache folder; a deck that changed is parsed
/// again, and a damaged snapshot is no loss.
#[test]
fn a_deck_changed_since_it_was_last_parsed_is_parsed_again() {
    let env = Env::new();
    let decks = env.data().join("decks");
    fs::create_dir_all(&decks).unwrap();
    for entry in fs::read_dir(crate::support::fixtures().join("decks")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, decks.join(path.file_name().unwrap())).unwrap();
    }
    let list = |cached: bool| {
        let mut cmd = env.cmd(&["decks", "list"]);
        cmd.env("RECALL_DECKS", &decks);
        if !cached {
            cmd.env("RECALL_CACHE_DIR", "");
        }
        let out = run(cmd, "");
        out.stdout() + &out.stderr()
    };
    let first = list(true);
    let snapshot = || {
        fs::read_dir(env.cache_dir())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| {
                p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with("decks-")
            })
            .expect("a snapshot of the decks")
    };
    let written = fs::read(snapshot()).unwrap();
    assert_eq!(list(true), first);
    assert_eq!(fs::read(snapshot()).unwrap(), written, "not written again");

    // A title changed, to one of the same length, and then a deck that no longer parses.
    let deck = fs::read_dir(&decks)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = fs::read_to_string(&deck).unwrap();
    let title = text.lines().find(|l| l.starts_with("title")).unwrap();
    let renamed = title.replacen('"', "\"X", 1);
    let renamed = &renamed[..renamed.len() - 2];
    let changed = text.replacen(title, &format!("{renamed}\""), 1);
    fs::write(&deck, &changed).unwrap();
    let second = list(true);
    assert_ne!(second, first);
    assert_eq!(second, list(false));
    fs::write(&deck, changed.replacen("[deck]", "[deck", 1)).unwrap();
    assert_eq!(list(true), list(false));
    assert!(list(true).contains("error"), "{}", list(true));
    fs::write(&deck, &changed).unwrap();

    let mut bytes = fs::read(snapshot()).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    fs::write(snapshot(), &bytes).unwrap();
    assert_eq!(list(true), second, "a damaged snapshot is read again");
}

//! Several devices: each appends to its own log; the schedule is replayed from all of them.
use std::fs;

use serde_json::Value;

use crate::support::{Env, run};

fn session(env: &Env, device: &str, now: &str, answers: &str) {
    let mut cmd = env.cmd(&["review", "--types", "text,date,choice"]);
    cmd.env("RECALL_DEVICE", device).env("RECALL_NOW", now);
    run(cmd, answers).success();
}

fn schedule(env: &Env, now: &str) -> Vec<Value> {
    let mut cmd = env.cmd(&["progress", "--json"]);
    cmd.env("RECALL_NOW", now);
    let out = run(cmd, "");
    out.success();
    assert!(out.stderr().is_empty(), "{}", out.stderr());
    serde_json::from_str(&out.stdout()).unwrap()
}

#[test]
fn two_devices_studying_offline_merge_into_one_schedule_in_any_order() {
    let laptop = Env::new();
    let desktop = Env::new();
    // Both study on the same days without syncing.
    session(
        &laptop,
        "laptop",
        "2026-11-21T08:00:00Z",
        "two hostile states declaration\n1999\n1991\n",
    );
    session(
        &desktop,
        "desktop",
        "2026-11-21T20:00:00Z",
        "1\n2000\n1990\nApril 2018\n",
    );
    session(
        &laptop,
        "laptop",
        "2026-11-24T08:00:00Z",
        "2000\n1991\nApril 2018\nKim Jong Un\n1\n2\n",
    );
    session(
        &desktop,
        "desktop",
        "2026-11-25T20:00:00Z",
        "2000\n1991\n3\n4\n",
    );

    let laptop_log = fs::read_to_string(laptop.user_dir().join("log-laptop.tsv")).unwrap();
    let desktop_log = fs::read_to_string(desktop.user_dir().join("log-desktop.tsv")).unwrap();
    // Sync by copying files, each way round.
    fs::write(laptop.user_dir().join("log-desktop.tsv"), &desktop_log).unwrap();
    fs::write(desktop.user_dir().join("log-laptop.tsv"), &laptop_log).unwrap();
    // A sync tool's conflicted copy holds answers already counted.
    fs::write(
        desktop.user_dir().join("log-laptop (conflicted copy).tsv"),
        &laptop_log,
    )
    .unwrap();

    // The same answers all on one device, in time order.
    let one = Env::new();
    fs::create_dir_all(one.user_dir()).unwrap();
    let mut lines: Vec<&str> = laptop_log
        .lines()
        .chain(desktop_log.lines())
        .filter(|l| !l.starts_with('#'))
        .collect();
    // By time; answers given at one instant keep their order.
    lines.sort_by_key(|l| l.split('\t').next().unwrap().to_owned());
    fs::write(
        one.user_dir().join("log-one.tsv"),
        format!("# recall review log v1\n{}\n", lines.join("\n")),
    )
    .unwrap();

    let now = "2026-11-30T12:00:00Z";
    let merged_on_laptop = schedule(&laptop, now);
    let merged_on_desktop = schedule(&desktop, now);
    let single = schedule(&one, now);
    assert!(merged_on_laptop.len() >= 4, "{merged_on_laptop:?}");
    assert_eq!(merged_on_laptop, single);
    assert_eq!(merged_on_desktop, single);
    let reviews: u64 = single.iter().map(|c| c["reviews"].as_u64().unwrap()).sum();
    assert_eq!(reviews as usize, lines.len(), "every review counted once");

    // Each device keeps writing only its own log.
    session(&desktop, "desktop", "2026-11-30T12:00:00Z", "1991\n");
    assert_eq!(
        fs::read_to_string(desktop.user_dir().join("log-laptop.tsv")).unwrap(),
        laptop_log
    );
}

/// Issue 19 §1: the laptop's undo took back the phone's answer and kept its own.
#[test]
fn undo_on_one_device_never_takes_back_another_devices_answer() {
    let card = "visit-2000/when";
    let line = |time: &str, entry: &str, typed: &str| {
        format!("2026-11-21T10:00:{time}.000Z\t{card}\t{entry}\t1.0\t{typed}\n")
    };
    // An undo as recall writes it now (naming the answer), and one from an older recall.
    for undo in ["2026-11-21T10:00:00.000Z laptop", ""] {
        let env = Env::new();
        fs::create_dir_all(env.user_dir()).unwrap();
        let laptop = format!(
            "{}{}{}",
            line("00", "again", "1999"),
            line("30", "undo", undo),
            line("31", "good", "2000")
        );
        fs::write(env.user_dir().join("log-laptop.tsv"), laptop).unwrap();
        fs::write(
            env.user_dir().join("log-phone.tsv"),
            line("10", "easy", "2000"),
        )
        .unwrap();
        let cards = schedule(&env, "2026-11-22T10:00:00Z");
        let visit = cards.iter().find(|c| c["card"] == card).unwrap();
        assert_eq!(visit["reviews"], 2, "undo `{undo}`: {visit}");
        assert_eq!(visit["lapses"], 0, "the undone `again` is gone: {visit}");
    }
}

/// Issue 19 §8: `a/b`, `a.b` and `a b` all became `log-a-b.tsv`; names as before keep their log.
#[test]
fn device_names_map_one_to_one_onto_log_files() {
    let env = Env::new();
    for (day, device) in (21..).zip(["a/b", "a.b", "a b", "a-b", "../x"]) {
        // One name question a day, answered `x` (a line any text question reads).
        let mut cmd = env.cmd(&["review", "--types", "text", "--limit", "1"]);
        cmd.env("RECALL_DEVICE", device)
            .env("RECALL_NOW", format!("2026-11-{day}T08:00:00Z"));
        run(cmd, "x\n").success();
    }
    let mut names: Vec<String> = fs::read_dir(env.user_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("log-"))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "log-%2E%2E%2Fx.tsv",
            "log-a%20b.tsv",
            "log-a%2Eb.tsv",
            "log-a%2Fb.tsv",
            "log-a-b.tsv"
        ]
    );
    for name in &names {
        let log = fs::read_to_string(env.user_dir().join(name)).unwrap();
        assert_eq!(log.lines().count(), 2, "{name}: the header and one answer");
    }
}

/// `Laptop` and `laptop` are one file on macOS and Windows (and become one when the folder
/// syncs there): the second device is refused before it writes, and the log stays as it was.
#[test]
fn a_device_name_that_differs_from_another_log_only_in_case_is_refused() {
    let env = Env::new();
    env.write_log("2026-11-21T10:00:00.000Z\tun-entry/when\tgood\t1.0\t1991\n");
    let before = env.log();
    for twin in ["Laptop", "LAPTOP"] {
        let mut cmd = env.cmd(&["review", "--types", "text,date,choice"]);
        cmd.env("RECALL_DEVICE", twin);
        let out = run(cmd, "1991\n");
        assert_eq!(out.code(), 2, "{}", out.stderr());
        assert!(
            out.stderr().contains("`log-laptop.tsv`") && out.stderr().contains("set RECALL_DEVICE"),
            "{}",
            out.stderr()
        );
        assert_eq!(env.log(), before);
        assert!(!env.user_dir().join(format!("log-{twin}.tsv")).exists());
    }
    // The device whose log it is goes on, and a name of its own begins a log of its own.
    for device in ["laptop", "Laptop-2"] {
        let mut cmd = env.cmd(&["review", "--types", "text,date,choice"]);
        cmd.env("RECALL_DEVICE", device);
        run(cmd, "1991\n").success();
    }
    assert!(env.user_dir().join("log-Laptop-2.tsv").exists());
}

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

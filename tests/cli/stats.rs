use serde_json::Value;

use crate::support::{Env, snapshot};

/// A month of studying the fixture decks, up to Saturday 21 November 2026 (UTC, rollover 4 AM).
///
/// Counted for true retention (the first answer of a day, never a card's first answer):
/// in the last 7 days un-entry again (15th), good (19th), visit-2000 hard (20th), good (21st):
/// 3 of 4; in the last 30 days also un-entry good (5th) and kim-jong-un again (30 Oct): 4 of 6.
const LOG: &str = "\
2026-10-10T09:00:00.000Z\tkim-jong-un/who\tgood\t5.0\tkim jong un
2026-10-30T09:00:00.000Z\tkim-jong-un/who\tagain\t9.0\tkim il sung
2026-11-01T09:00:00.000Z\tun-entry/card\tgood\t4.0\t1991
2026-11-02T09:00:00.000Z\ttwo-states-declaration/what\tsuspend\t0.0\t
2026-11-05T09:00:00.000Z\tun-entry/card\tgood\t3.0\t1991
2026-11-10T09:00:00.000Z\tvisit-2000/when.choice\tgood\t2.0\t2
2026-11-15T09:00:00.000Z\tun-entry/card\tagain\t6.0\t1992
2026-11-15T09:10:00.000Z\tun-entry/card\tgood\t4.0\t1991
2026-11-19T09:00:00.000Z\tun-entry/card\tgood\t3.0\t1991
2026-11-19T09:00:00.000Z\tvisit-2000/when\tgood\t5.0\t2000
2026-11-20T09:00:00.000Z\tvisit-2000/when\thard\t8.0\t200
2026-11-21T08:00:00.000Z\tpanmunjom-declaration/when\tagain\t10.0\tMay 2018
2026-11-21T08:05:00.000Z\tpanmunjom-declaration/when\tagain\t7.0\tMarch 2018
2026-11-21T08:10:00.000Z\tpanmunjom-declaration/when\tgood\t6.0\tApril 2018
2026-11-21T09:00:00.000Z\tvisit-2000/when\tgood\t4.0\t2000
";

fn stats_json(env: &Env, args: &[&str]) -> Value {
    let mut all = vec!["stats", "--json"];
    all.extend(args);
    let run = env.run(&all, "");
    run.success();
    serde_json::from_str(&run.stdout()).unwrap()
}

#[test]
fn stats_on_a_known_log_give_exact_figures() {
    let env = Env::new();
    env.write_log(LOG);
    let stats = stats_json(&env, &[]);
    assert_eq!(stats["today"], "2026-11-21");

    let overall = &stats["overall"];
    // The 9 text and date cards of the fixtures, and the one choice card answered.
    assert_eq!(overall["cards"], 10);
    let by_state = ["new", "learning", "review", "suspended"].map(|k| overall[k].clone());
    assert_eq!(by_state, [4, 1, 4, 1], "{overall}");
    assert_eq!(overall["retention_7_days"]["right"], 3);
    assert_eq!(overall["retention_7_days"]["reviews"], 4);
    assert_eq!(overall["retention_7_days"]["rate"], 0.75);
    assert_eq!(overall["retention_30_days"]["right"], 4);
    assert_eq!(overall["retention_30_days"]["reviews"], 6);

    let decks = stats["decks"].as_array().unwrap();
    let ids: Vec<&str> = decks.iter().map(|d| d["deck"].as_str().unwrap()).collect();
    assert_eq!(ids, ["events", "korea"]);
    assert_eq!(decks[0]["cards"], 3);
    assert_eq!(decks[0]["suspended"], 1, "two-states-declaration/what");
    assert_eq!(decks[0]["retention_7_days"]["reviews"], 2);
    assert_eq!(
        decks[1]["learning"], 1,
        "panmunjom-declaration/when, missed today"
    );

    assert_eq!(stats["streak"], 3);
    let days = stats["reviews_per_day"].as_array().unwrap();
    let today = days.last().unwrap();
    assert_eq!(today["day"], "2026-11-21");
    assert_eq!(today["reviews"], 4);
    assert_eq!(today["seconds"], 27.0);
    assert_eq!(days.len(), 9);

    let weeks = stats["calendar"]["weeks"].as_array().unwrap();
    assert_eq!(weeks.len(), 26);
    assert!(weeks.iter().all(|w| w.as_array().unwrap().len() == 7));
    assert_eq!(stats["calendar"]["first_day"], "2026-05-25", "a Monday");
    assert_eq!(
        weeks[25],
        serde_json::json!([0, 0, 0, 2, 1, 4, null]),
        "Monday 16th to Sunday 22nd, still to come"
    );

    let due = stats["due_next_30_days"].as_array().unwrap();
    assert_eq!(due.len(), 30);
    let total: u64 = due.iter().map(|n| n.as_u64().unwrap()).sum();
    // Every answered card that is not suspended, within 30 days here.
    assert_eq!(total, 5);
    assert_eq!(
        due[0], 3,
        "kim-jong-un and un-entry overdue, panmunjom learning"
    );

    let weekly = stats["retention_by_week"].as_array().unwrap();
    assert_eq!(weekly.len(), 12);
    assert_eq!(weekly[11]["from"], "2026-11-15");
    assert_eq!(weekly[11]["rate"], 0.75);
    assert_eq!(weekly[8]["rate"], 0.0, "kim-jong-un missed on 30 October");

    let hardest: Vec<&str> = stats["hardest"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["card"].as_str().unwrap())
        .collect();
    // Lapses first, then FSRS difficulty: panmunjom (missed twice today while learning,
    // difficulty 8.8) is harder to learn than either, but has never lapsed.
    assert_eq!(
        hardest,
        [
            "kim-jong-un/who",
            "un-entry/card",
            "panmunjom-declaration/when",
            "visit-2000/when",
            "visit-2000/when.choice"
        ]
    );
    assert_eq!(stats["hardest"][2]["lapses"], 0);
    assert!(stats["hardest"][2]["difficulty"].as_f64().unwrap() > 8.7);
    assert_eq!(
        overall["mastered"], 0,
        "no card has a stability of 21 days yet"
    );
    assert_eq!(stats["exam_date"], Value::Null);
    assert_eq!(stats["hardest"][1]["answer"], "1991");
    assert_eq!(stats["leeches"], serde_json::json!([]));
    assert_eq!(stats["parameters"]["source"], "default");

    let korea = stats_json(&env, &["korea"]);
    assert_eq!(korea["decks"].as_array().unwrap().len(), 1);
    assert_eq!(korea["overall"]["cards"], 7);
}

#[test]
fn the_text_report_draws_plain_pictures_when_piped() {
    let env = Env::new();
    env.write_log(LOG);
    let run = env.run(&["stats"], "");
    run.success();
    let out = run.stdout();
    assert!(!out.contains('\u{1b}'), "no escape codes: {out}");
    snapshot("stats-plain.txt", &out);
    let calendar: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.starts_with("Study calendar"))
        .skip(2)
        .take(7)
        .collect();
    let weekdays: Vec<&str> = calendar.iter().map(|l| &l[..3]).collect();
    assert_eq!(weekdays, ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    assert_eq!(calendar[5].chars().filter(|c| *c != ' ').count(), 3 + 26);

    // Colour only when asked for (or on a terminal), and never with NO_COLOR.
    let mut forced = env.cmd(&["stats"]);
    forced.env_remove("NO_COLOR").env("CLICOLOR_FORCE", "1");
    let coloured = crate::support::run(forced, "");
    assert!(
        coloured.stdout().contains('\u{1b}'),
        "{}",
        coloured.stdout()
    );
}

#[test]
fn leeches_are_listed_with_how_to_suspend_them() {
    let env = Env::new();
    env.write_log(LOG);
    env.write_settings("leech_lapses = 1\n");
    let run = env.run(&["stats"], "");
    run.success();
    let out = run.stdout();
    assert!(out.contains("Leeches (at least 1 lapse): 2"), "{out}");
    assert!(
        out.contains("recall card suspend kim-jong-un/who un-entry/card"),
        "{out}"
    );
    env.run(&["card", "suspend", "kim-jong-un/who", "un-entry/card"], "")
        .success();
    let stats = stats_json(&env, &[]);
    assert_eq!(stats["leeches"], serde_json::json!([]));
    assert_eq!(stats["overall"]["suspended"], 3);
}

#[test]
fn a_streak_lasts_until_a_day_without_reviews_is_over() {
    let env = Env::new().at("2026-11-22T10:00:00Z");
    env.write_log(LOG);
    assert_eq!(stats_json(&env, &[])["streak"], 3, "nothing yet today");
    let env = Env {
        now: "2026-11-23T10:00:00Z".into(),
        ..env
    };
    assert_eq!(stats_json(&env, &[])["streak"], 0);
}

#[test]
fn stats_before_any_review_count_every_card_as_new() {
    let env = Env::new();
    let stats = stats_json(&env, &[]);
    assert_eq!(stats["overall"]["new"], 9);
    assert_eq!(stats["overall"]["retention_7_days"]["rate"], Value::Null);
    assert_eq!(stats["streak"], 0);
    let run = env.run(&["stats"], "");
    run.success();
    assert!(run.stdout().contains("none yet: nothing answered"));
    assert!(!env.user_dir().exists(), "stats writes nothing");
}

/// un-entry learnt in August (stability 62 days, last seen 20 August); visit-2000 learnt in
/// November (stability 26 days, last seen 12 November).
const SETTLED: &str = "\
2026-08-01T09:00:00.000Z\tun-entry/card\tgood\t4.0\t1991
2026-08-05T09:00:00.000Z\tun-entry/card\tgood\t4.0\t1991
2026-08-20T09:00:00.000Z\tun-entry/card\tgood\t4.0\t1991
2026-11-01T09:00:00.000Z\tvisit-2000/when\tgood\t4.0\t2000
2026-11-12T09:00:00.000Z\tvisit-2000/when\tgood\t4.0\t2000
";

#[test]
fn mastered_means_three_weeks_of_stability_or_recall_on_the_exam_day() {
    let env = Env::new();
    env.write_log(SETTLED);
    let stats = stats_json(&env, &[]);
    assert_eq!(stats["overall"]["mastered"], 2);
    let run = env.run(&["stats"], "");
    assert!(
        run.stdout()
            .contains("mastered: a stability of 21 days or more"),
        "{}",
        run.stdout()
    );

    // Four days ahead, un-entry (last seen three months ago) is predicted under 90%.
    env.write_settings("exam_date = 2026-11-25\n");
    let stats = stats_json(&env, &[]);
    assert_eq!(stats["exam_date"], "2026-11-25");
    assert_eq!(stats["overall"]["mastered"], 1);
    let decks: Vec<(&str, u64)> = stats["decks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["deck"].as_str().unwrap(), d["mastered"].as_u64().unwrap()))
        .collect();
    assert_eq!(decks, [("events", 0), ("korea", 1)]);
    let run = env.run(&["stats"], "");
    assert!(
        run.stdout().contains(
            "mastered: predicted at 90% or more on the exam day, Wednesday 25 November 2026"
        ),
        "{}",
        run.stdout()
    );

    // An exam that has passed is no measure.
    env.write_settings("exam_date = 2026-11-01\n");
    assert_eq!(stats_json(&env, &[])["overall"]["mastered"], 2);
}

use std::{
    fs,
    path::{Path, PathBuf},
    time::SystemTime,
};

use serde_json::{Value, json};

use crate::support::Env;

const HEADER: &str = "# recall review log v1: time, card, entry, seconds, answer\n";

/// ana studies well; bo's log has a garbled line and a torn last one, and a misspelt
/// setting; cy's folder is empty; notes.txt is no folder at all.
fn class(env: &Env) -> PathBuf {
    let dir = env.dir.path().join("class");
    let write = |path: &str, text: &str| {
        let path = dir.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    write(
        "ana/log-laptop.tsv",
        &format!(
            "{HEADER}\
2026-10-15T09:00:00.000Z\tun-entry/card\tgood\t4.0\t1991
2026-11-01T09:00:00.000Z\tun-entry/card\tgood\t4.0\t1991
2026-11-05T09:00:00.000Z\tun-entry/card\tgood\t3.0\t1991
2026-11-20T09:00:00.000Z\tpanmunjom-declaration/when\tagain\t5.0\tMay 2018
2026-11-20T09:05:00.000Z\tpanmunjom-declaration/when\tgood\t5.0\tApril 2018
"
        ),
    );
    write(
        "ana/log-phone.tsv",
        &format!(
            "{HEADER}2026-10-01T09:00:00.000Z\tvisit-2000/when\tagain\t4.0\t1998
2026-10-01T09:05:00.000Z\tvisit-2000/when\tgood\t4.0\t2000
"
        ),
    );
    write(
        "bo/log-laptop.tsv",
        &format!(
            "{HEADER}\
2026-11-21T08:00:00.000Z\tpanmunjom-declaration/when\tagain\t5.0\tmay 2018
garbage
2026-11-21T08:05:00.000Z\tpanmunjom-declaration/when\tagain\t5.0\tMarch 2018
2026-11-21T08:10:00.000Z\tpanmunjom-declaration/when\tgood\t5.0\tApril 2018
2026-11-21T08:20:00.000Z\tun-entry/ca"
        ),
    );
    write("bo/settings.toml", "new_per_dya = 3\n");
    fs::create_dir_all(dir.join("cy")).unwrap();
    write("notes.txt", "to do: mark essays\n");
    dir
}

/// Every file and folder under `dir`: path, modification time and contents.
fn listing(dir: &Path) -> Vec<(PathBuf, SystemTime, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        let modified = fs::metadata(&path).unwrap().modified().unwrap();
        if path.is_dir() {
            out.push((path.clone(), modified, Vec::new()));
            stack.extend(fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else {
            out.push((path.clone(), modified, fs::read(&path).unwrap()));
        }
    }
    out.sort();
    out
}

#[test]
fn a_class_report_reads_every_student_and_writes_nothing() {
    let env = Env::new();
    let dir = class(&env);
    let before = listing(&dir);
    let dir_arg = dir.to_str().unwrap();

    let run = env.run(&["class", "report", dir_arg], "");
    run.success();
    let out = run.stdout();
    let err = run.stderr();
    assert!(
        out.contains(": 2 students, Saturday 21 November 2026"),
        "{out}"
    );
    assert!(
        out.contains(
            "student  reviews 7d  reviews 30d  last studied  events  korea\n\
             ana               2            4  2026-11-20       33%     0%\n\
             bo                3            3  2026-11-21        0%     0%\n"
        ),
        "{out}"
    );
    assert!(
        out.contains("  1. panmunjom-declaration/when (korea): 3 misses by 2 students\n"),
        "{out}"
    );
    assert!(
        out.contains("     wrong answers: `May 2018` ×2, `March 2018` ×1\n"),
        "{out}"
    );
    assert!(
        out.contains("  2. visit-2000/when (korea): 1 miss by 1 student"),
        "{out}"
    );
    assert!(
        err.contains("bo/log-laptop.tsv:3:1: expected at least 4 tab-separated fields"),
        "{err}"
    );
    assert!(
        err.contains("bo/log-laptop.tsv:6:1: the last line is incomplete"),
        "{err}"
    );
    assert!(err.contains("unknown field `new_per_dya`"), "{err}");
    assert!(
        err.contains("the default settings are used for `bo`"),
        "{err}"
    );
    assert!(
        err.contains("cy`: no review log (log-*.tsv) in it; skipped"),
        "{err}"
    );
    assert!(err.contains("notes.txt`: not a folder; skipped"), "{err}");

    let csv = env.run(&["class", "report", dir_arg, "--csv"], "");
    csv.success();
    assert_eq!(
        csv.stdout(),
        "student,reviews_7_days,reviews_30_days,last_study_day,mastery_events,mastery_korea
ana,2,4,2026-11-20,33.3,0.0
bo,3,3,2026-11-21,0.0,0.0

card,deck,misses,students,question,answer,wrong_answers
panmunjom-declaration/when,korea,3,2,When was the Panmunjom Declaration signed? (month and year),April 2018,May 2018 (2); March 2018 (1)
visit-2000/when,korea,1,1,When did this happen? Kim Dae-jung became the first President of South Korea to visit North Korea. (the year),2000,1998 (1)
"
    );

    let json_run = env.run(&["class", "report", dir_arg, "--json"], "");
    json_run.success();
    let report: Value = serde_json::from_str(&json_run.stdout()).unwrap();
    let students = report["students"].as_array().unwrap();
    assert_eq!(students.len(), 2);
    assert_eq!(students[0]["student"], "ana");
    assert_eq!(students[0]["reviews_30_days"], 4, "both of ana's logs");
    assert_eq!(students[0]["last_study_day"], "2026-11-20");
    assert!((students[0]["mastery"]["events"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(
        report["most_missed"][0]["card"],
        "panmunjom-declaration/when"
    );
    assert_eq!(report["most_missed"][0]["misses"], 3);
    assert_eq!(
        report["most_missed"][0]["wrong_answers"],
        json!([{"answer": "May 2018", "count": 2}, {"answer": "March 2018", "count": 1}])
    );
    assert_eq!(
        report["skipped"],
        json!([
            {"folder": "cy", "reason": "no review log (log-*.tsv) in it"},
            {"folder": "notes.txt", "reason": "not a folder"}
        ])
    );

    assert_eq!(listing(&dir), before, "the class folder is unchanged");
}

#[test]
fn a_missing_class_folder_is_an_error() {
    let env = Env::new();
    let missing = env.dir.path().join("nope");
    let run = env.run(&["class", "report", missing.to_str().unwrap()], "");
    assert_eq!(run.code(), 3);
    assert!(run.stderr().contains("could not read"), "{}", run.stderr());
    assert!(!missing.exists());
}

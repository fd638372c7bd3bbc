use std::{collections::HashSet, fs, time::Duration};

use expectrl::{Eof, Expect};
use serde_json::Value;

use crate::support::{Env, snapshot};

const ANSWERS: &str = "1990\n1\ntrue\nMay 2018\ntwo hostile states declaration\n";

#[test]
fn a_piped_exam_with_a_seed_gives_a_stable_report_and_records_its_answers() {
    let env = Env::new();
    let json = env.dir.path().join("report.json");
    let run = env.run(
        &[
            "exam",
            "--count",
            "5",
            "--seed",
            "3",
            "--json",
            json.to_str().unwrap(),
        ],
        ANSWERS,
    );
    run.success();
    snapshot("exam-piped.txt", &run.stdout());

    let report: Value = serde_json::from_str(&fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(report["questions"], 5);
    assert_eq!(report["answered"], 5);
    let items = report["items"].as_array().unwrap();
    let facts: HashSet<&str> = items
        .iter()
        .map(|i| i["card"].as_str().unwrap().split('/').next().unwrap())
        .collect();
    assert_eq!(facts.len(), 5, "no two questions about the same fact");
    let score: f64 = items.iter().map(|i| i["score"].as_f64().unwrap()).sum();
    assert_eq!(report["score"].as_f64().unwrap(), score);
    assert!(
        run.stdout().contains(&format!("Score: {score} of 5")),
        "{}",
        run.stdout()
    );
    for item in items.iter().filter(|i| i["score"].as_f64().unwrap() < 1.0) {
        assert!(
            run.stdout().contains(item["quote"].as_str().unwrap()),
            "every miss shows its source"
        );
    }

    let records = env.records();
    assert_eq!(records.len(), 5, "exam answers are real retrievals");
    let logged: Vec<&str> = records.iter().map(|r| r[1].as_str()).collect();
    let asked: Vec<&str> = items.iter().map(|i| i["card"].as_str().unwrap()).collect();
    assert_eq!(logged, asked);
}

#[test]
fn answers_stay_hidden_until_the_report() {
    let env = Env::new();
    let run = env.run(&["exam", "--count", "5", "--seed", "3"], ANSWERS);
    let out = run.stdout();
    let report_at = out.find("Exam report").unwrap();
    assert!(
        !out[..report_at].contains("right:") && !out[..report_at].contains("wrong"),
        "{out}"
    );
}

#[test]
fn no_record_leaves_progress_alone() {
    let env = Env::new();
    env.run(
        &["exam", "--count", "3", "--seed", "3", "--no-record"],
        ANSWERS,
    )
    .success();
    assert!(!env.log_path().exists());
}

#[test]
fn questions_are_balanced_across_decks_and_types() {
    let env = Env::new();
    let json = env.dir.path().join("r.json");
    env.run(
        &[
            "exam",
            "--count",
            "5",
            "--seed",
            "11",
            "--no-record",
            "--json",
            json.to_str().unwrap(),
        ],
        "",
    )
    .success();
    let report: Value = serde_json::from_str(&fs::read_to_string(&json).unwrap()).unwrap();
    let decks: Vec<u64> = report["by_deck"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["questions"].as_u64().unwrap())
        .collect();
    assert_eq!(decks.iter().sum::<u64>(), 5);
    assert!(
        decks.iter().max().unwrap() - decks.iter().min().unwrap() <= 1,
        "{decks:?}"
    );
    assert!(
        report["by_type"].as_array().unwrap().len() >= 3,
        "{}",
        report["by_type"]
    );
    assert_eq!(report["answered"], 0);
    assert_eq!(report["score"], 0.0, "unanswered questions count as wrong");
}

#[test]
fn selection_by_years_types_and_bad_counts() {
    let env = Env::new();
    let json = env.dir.path().join("r.json");
    env.run(
        &[
            "exam",
            "--count",
            "9",
            "--from",
            "2010",
            "--types",
            "date,truefalse",
            "--seed",
            "1",
            "--no-record",
            "--json",
            json.to_str().unwrap(),
        ],
        "",
    )
    .success();
    let report: Value = serde_json::from_str(&fs::read_to_string(&json).unwrap()).unwrap();
    for item in report["items"].as_array().unwrap() {
        let card = item["card"].as_str().unwrap();
        assert!(
            ["two-states-declaration", "panmunjom-declaration"]
                .contains(&card.split('/').next().unwrap()),
            "{card}"
        );
        assert!(
            ["date", "truefalse"].contains(&item["type"].as_str().unwrap()),
            "{item}"
        );
    }
    let zero = env.run(&["exam", "--count", "0"], "");
    assert_eq!(zero.code(), 2);
    let none = env.run(&["exam", "--from", "2100"], "");
    assert_eq!(none.code(), 2);
    assert!(
        none.stderr().contains("no question fits this selection"),
        "{}",
        none.stderr()
    );
}

#[test]
fn time_running_out_ends_the_exam_and_lists_the_unanswered() {
    let env = Env::new();
    let mut child = env
        .cmd(&["exam", "--count", "4", "--seed", "3", "--minutes", "0.03"])
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    use std::io::Write;
    writeln!(stdin, "2").unwrap();
    // Then the student stops answering; recall must end on its own.
    let started = std::time::Instant::now();
    let out = child.wait_with_output().unwrap();
    assert!(started.elapsed() < Duration::from_secs(15));
    drop(stdin);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(stdout.contains("Time is up."), "{stdout}");
    assert!(stdout.contains("Answered 1 of 4"), "{stdout}");
    assert!(stdout.contains("when time ran out"), "{stdout}");
    assert_eq!(stdout.matches("(not answered)").count(), 3, "{stdout}");
    assert!(
        stdout.contains(" left\n") || stdout.contains(" left"),
        "time left is shown: {stdout}"
    );
    assert_eq!(env.records().len(), 1);
}

#[test]
fn an_exam_on_a_terminal_uses_menus_and_typed_answers() {
    let env = Env::new();
    let mut cmd = env.cmd(&[
        "exam",
        "--count",
        "3",
        "--seed",
        "5",
        "--types",
        "choice,truefalse,text",
    ]);
    cmd.stdin(std::process::Stdio::inherit())
        .stdout(std::process::Stdio::inherit())
        .stderr(std::process::Stdio::inherit());
    cmd.env("TERM", "xterm");
    let mut p = expectrl::Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(20)));
    for _ in 0..3 {
        p.expect("[").unwrap();
        // A menu takes Enter (its first option), a typed answer takes a line.
        p.send_line("").unwrap();
    }
    p.expect("Exam report").unwrap();
    p.expect(Eof).unwrap();
    assert_eq!(env.records().len(), 3);
}

/// The facts of the shipped decks by the text an order question lists them by.
fn facts_by_label() -> std::collections::HashMap<String, Vec<String>> {
    use recall::deck::{FactKind, capitalize, load_bundled};
    let mut by_label: std::collections::HashMap<String, Vec<String>> = Default::default();
    for fact in load_bundled().unwrap().iter().flat_map(|d| &d.facts) {
        let label = match &fact.kind {
            FactKind::Event { what, .. } => what.trim_end_matches('.').to_owned(),
            FactKind::Agreement { name, .. } => name.clone(),
            FactKind::Incident { name, .. } => capitalize(name),
            _ => continue,
        };
        by_label.entry(label).or_default().push(fact.id.clone());
    }
    by_label
}

#[test]
fn no_exam_of_the_shipped_decks_asks_about_one_fact_twice_not_even_inside_an_order_question() {
    let by_label = facts_by_label();
    let (mut orders, mut listed) = (0, 0);
    for seed in 0..24 {
        let env = Env::new();
        let json = env.dir.path().join("report.json");
        let seed = seed.to_string();
        let count = if seed.len() == 1 { "40" } else { "15" };
        let mut cmd = env.cmd(&[
            "exam",
            "--count",
            count,
            "--seed",
            &seed,
            "--no-record",
            "--json",
            json.to_str().unwrap(),
        ]);
        cmd.env_remove("RECALL_DECKS");
        crate::support::run(cmd, "").success();
        let report: Value = serde_json::from_str(&fs::read_to_string(&json).unwrap()).unwrap();
        let mut seen: HashSet<String> = HashSet::new();
        let mut about = |fact: &str, item: &Value| {
            assert!(
                seen.insert(fact.to_owned()),
                "seed {seed}: `{fact}` comes up twice, again in {}",
                item["card"]
            );
        };
        for item in report["items"].as_array().unwrap() {
            let card = item["card"].as_str().unwrap();
            about(card.split('/').next().unwrap(), item);
            if item["type"] == "order" {
                orders += 1;
                for option in item["options"].as_array().unwrap() {
                    let label = option.as_str().unwrap();
                    let facts = by_label
                        .get(label)
                        .unwrap_or_else(|| panic!("`{label}` is a fact of the decks"));
                    if !facts.iter().any(|f| card.starts_with(&format!("{f}/"))) {
                        assert_eq!(facts.len(), 1, "`{label}` names one fact");
                        about(&facts[0], item);
                        listed += 1;
                    }
                }
            }
        }
    }
    assert!(
        orders > 20 && listed > 40,
        "{orders} orders, {listed} listed"
    );
}

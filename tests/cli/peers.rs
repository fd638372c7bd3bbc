//! Scheduling checked against Anki's own FSRS (the `anki` package from PyPI), through
//! `../shared/peers/anki_check.py`. `.ci/run` sets up its venv; elsewhere the test says how.
use std::{fs, process::Command};

use crate::support::{Env, peers_dir, peers_python};

/// Writes the sample review log as recall's log and a deck with one card per card id.
fn import_sample(env: &Env, csv: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut log = String::from("# recall review log v1\n");
    for line in csv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
    {
        let f: Vec<&str> = line.split(',').collect();
        let grade = ["again", "hard", "good", "easy"][f[2].trim().parse::<usize>().unwrap() - 1];
        log.push_str(&format!(
            "{}\t{}/card\t{grade}\t1.0\t\n",
            f[1].replace('Z', "+00:00"),
            f[0]
        ));
        if !ids.contains(&f[0].to_owned()) {
            ids.push(f[0].to_owned());
        }
    }
    fs::create_dir_all(env.user_dir()).unwrap();
    fs::write(env.log_path(), log).unwrap();
    fs::write(
        env.user_dir().join("settings.toml"),
        "fuzz = false\nrollover_hour = 4\n",
    )
    .unwrap();
    let mut deck = String::from(
        "[deck]\nid = \"peer\"\ntitle = \"Peer\"\n[[source]]\nid = \"s\"\ntitle = \"s\"\n",
    );
    for id in &ids {
        deck.push_str(&format!("[[card]]\nid = \"{id}\"\nprompt = \"{id}?\"\nanswer = \"{id}\"\nsource = {{ ref = \"s\", quote = \"q\" }}\n"));
    }
    fs::create_dir_all(env.dir.path().join("decks")).unwrap();
    fs::write(env.dir.path().join("decks/peer.toml"), deck).unwrap();
    ids
}

#[test]
fn recall_schedules_as_anki_does_with_no_learning_steps_and_no_fuzz() {
    let Some(python) = peers_python() else {
        return;
    };
    for sample in ["reviews.csv", "reviews_aligned.csv"] {
        let csv_path = peers_dir().join("samples").join(sample);
        let csv = fs::read_to_string(&csv_path).unwrap();
        // After the last review: a log line more than a day after now is not used.
        let env = Env::new().at("2025-04-01T00:00:00Z");
        let ids = import_sample(&env, &csv);
        let mut cmd = env.cmd(&["progress", "--json"]);
        cmd.env("RECALL_DECKS", env.dir.path().join("decks"));
        let run = crate::support::run(cmd, "");
        run.success();
        let ours: Vec<serde_json::Value> = serde_json::from_str(&run.stdout()).unwrap();

        let anki_input = env.dir.path().join("anki.csv");
        let renamed: String = csv
            .lines()
            .enumerate()
            .map(|(i, l)| {
                if i == 0 || l.starts_with('#') || l.starts_with("card_id") {
                    format!("{l}\n")
                } else {
                    format!("{}\n", l.replacen(',', "/card,", 1))
                }
            })
            .collect();
        fs::write(&anki_input, renamed).unwrap();
        let out = Command::new(&python)
            .current_dir(peers_dir())
            .args(["anki_check.py", "--schedule"])
            .arg(&anki_input)
            .args(["--rollover", "4", "--tz", "UTC"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let anki = String::from_utf8(out.stdout).unwrap();
        let mut lines = anki.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
        let mut compared = 0;
        for line in lines {
            let f: Vec<&str> = line.split(',').collect();
            let card = f[col("card_id")];
            let mine = ours
                .iter()
                .find(|r| r["card"] == card)
                .unwrap_or_else(|| panic!("{card} missing"));
            let close = |ours: f64, theirs: f64| (ours - theirs).abs() <= 1e-4 * theirs.abs();
            let (s, d) = (
                mine["stability"].as_f64().unwrap(),
                mine["difficulty"].as_f64().unwrap(),
            );
            let (as_, ad) = (
                f[col("revlog_stability")].parse::<f64>().unwrap(),
                f[col("revlog_difficulty")].parse::<f64>().unwrap(),
            );
            assert!(
                close(s, as_) && close(d, ad),
                "{sample} {card}: stability {s} vs Anki {as_}, difficulty {d} vs {ad}"
            );
            assert_eq!(
                mine["due"].as_str().unwrap(),
                f[col("due")],
                "{sample} {card}: due"
            );
            compared += 1;
        }
        assert_eq!(compared, ids.len(), "{sample}: every card compared");
    }
}

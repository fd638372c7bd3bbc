//! `recall decks import` and `recall decks export`, with the exports checked by
//! Anki's own importer through `../shared/peers/anki_check.py`.
use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
};

use crate::support::{Env, peers_dir, peers_python};

/// Writes `text` as `name` in the test's folder.
fn file(env: &Env, name: &str, text: &str) -> PathBuf {
    let path = env.dir.path().join(name);
    fs::write(&path, text).unwrap();
    path
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The `[[card]]` tables of a deck file.
fn deck_cards(deck: &Path) -> Vec<toml::Table> {
    deck_tables(deck, "card")
}

/// The `[[kind]]` tables of a deck file.
fn deck_tables(deck: &Path, kind: &str) -> Vec<toml::Table> {
    let text = fs::read_to_string(deck).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    table
        .get(kind)
        .and_then(|t| t.as_array())
        .map_or(&[][..], |a| a.as_slice())
        .iter()
        .map(|c| c.as_table().unwrap().clone())
        .collect()
}

fn field<'a>(card: &'a toml::Table, key: &str) -> &'a str {
    card.get(key).and_then(|v| v.as_str()).unwrap_or("")
}

fn lint_clean(env: &Env, deck: &Path) {
    let run = env.run(&["decks", "lint", s(deck)], "");
    run.success();
    assert!(run.stdout().starts_with("ok: 1 deck"), "{}", run.stdout());
}

const QUIZLET: &str = "Korean Armistice Agreement\t27 July 1953\n\
                       North-South Joint Statement\t4 July 1972\n";

const ANKI: &str = "#separator:tab\n#html:true\n#notetype:Basic\n#deck:Korea\n\
                    #columns:GUID\tFront\tBack\tTags\n#guid column:1\n#tags column:4\n\
                    Ab3$x\tWho <b>signed</b> the Panmunjom&nbsp;Declaration?\tMoon Jae-in &amp; Kim Jong Un<br>in 2018\tthaw-2018\n\
                    Cd4%y\t\"When did both Koreas join the UN?\"\t1991\t\n";

const CSV: &str = "prompt,answer,accept,tags,explain\n\
                   \"Where was the armistice signed, in 1953?\",Panmunjom,Panmunjeom;P'anmunjŏm,war;1953,\"Then a village.\nNow the Joint Security Area.\"\n\
                   \"Who said \"\"two hostile states\"\"?\",Kim Jong Un,Kim Jong-un,,\n";

#[test]
fn each_format_becomes_a_deck_that_lints_clean_and_quotes_its_rows() {
    for (name, text, guessed) in [
        ("quizlet.txt", QUIZLET, "as a Quizlet export"),
        ("anki notes.txt", ANKI, "as an Anki text export"),
        ("korea.csv", CSV, "as CSV"),
    ] {
        let env = Env::new();
        let input = file(&env, name, text);
        let out = env.dir.path().join("out.toml");
        let run = env.run(&["decks", "import", s(&input), "--out", s(&out)], "");
        run.success();
        assert!(run.stderr().contains(guessed), "{name}: {}", run.stderr());
        assert!(run.stdout().is_empty(), "{name}");
        lint_clean(&env, &out);

        let deck: toml::Table = toml::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
        let stem = name.split('.').next().unwrap();
        assert_eq!(deck["deck"]["title"].as_str(), Some(stem), "{name}");
        assert_eq!(
            deck["deck"]["id"].as_str(),
            Some(stem.replace(' ', "-").as_str())
        );
        assert_eq!(deck["source"][0]["id"].as_str(), Some("import"));
        assert!(deck["source"][0]["title"].as_str().unwrap().contains(name));

        // Every quote is the row as it stands in the file: lint finds it there.
        let sources = env.dir.path().join("sources");
        fs::create_dir_all(&sources).unwrap();
        fs::write(sources.join("import.txt"), text).unwrap();
        let run = env.run(&["decks", "lint", s(&out), "--sources", s(&sources)], "");
        run.success();
        assert!(
            run.stdout().contains("every quote found in its source"),
            "{name}: {}",
            run.stdout()
        );
    }
}

#[test]
fn fields_are_carried_over_with_html_reduced_to_text() {
    let env = Env::new();
    let anki = file(&env, "notes.txt", ANKI);
    let run = env.run(&["decks", "import", s(&anki), "--id", "korea-anki"], "");
    run.success();
    let out = file(&env, "anki.toml", &run.stdout());
    let cards = deck_cards(&out);
    assert_eq!(
        field(&cards[0], "prompt"),
        "Who signed the Panmunjom Declaration?"
    );
    assert_eq!(
        field(&cards[0], "answer"),
        "Moon Jae-in & Kim Jong Un; in 2018"
    );
    assert_eq!(field(&cards[0], "guid"), "Ab3$x");
    // The id comes from the GUID, so that Anki edits keep the card's progress.
    assert!(field(&cards[0], "id").starts_with("anki-"));
    assert_eq!(cards[0]["tags"].as_array().unwrap().len(), 1);
    assert_eq!(
        field(&cards[1], "prompt"),
        "When did both Koreas join the UN?"
    );
    let deck: toml::Table = toml::from_str(&run.stdout()).unwrap();
    assert_eq!(deck["deck"]["id"].as_str(), Some("korea-anki"));

    let csv = file(&env, "cards.csv", CSV);
    let out = env.dir.path().join("csv.toml");
    env.run(
        &[
            "decks",
            "import",
            s(&csv),
            "--out",
            s(&out),
            "--title",
            "Korea: the war",
        ],
        "",
    )
    .success();
    let cards = deck_cards(&out);
    assert_eq!(field(&cards[0], "answer"), "Panmunjom");
    assert_eq!(
        cards[0]["accept"].as_array().unwrap()[1].as_str(),
        Some("P'anmunjŏm")
    );
    assert_eq!(
        field(&cards[0], "explain"),
        "Then a village.\nNow the Joint Security Area."
    );
    assert_eq!(
        field(&cards[1], "prompt"),
        "Who said \"two hostile states\"?"
    );
    assert_eq!(field(&cards[1], "id"), "who-said-two-hostile-states");

    // A Quizlet file with another separator.
    let dashes = file(
        &env,
        "dashes.txt",
        "Armistice - 1953\nJoint Statement - 1972\n",
    );
    let run = env.run(
        &[
            "decks",
            "import",
            s(&dashes),
            "--format",
            "quizlet",
            "--separator",
            " - ",
        ],
        "",
    );
    run.success();
    assert!(
        run.stdout().contains("answer = \"1972\""),
        "{}",
        run.stdout()
    );
}

#[test]
fn bad_rows_are_named_by_line_and_the_rest_imported_unless_strict() {
    let env = Env::new();
    let cases = [
        (
            "bad.csv",
            "prompt,answer\nok?,yes\nno answer?,\ntoo,many,columns\n\"Who?\",Kim\n\"open,quote\nand more\n",
            vec![
                ":3: `no answer?` has no answer",
                ":4: 3 columns, but the header names 2",
                ":6: a quote opened on this line is never closed",
            ],
            2,
        ),
        (
            "bad.txt",
            "Armistice\t1953\nno tab\nArmistice\t1954\nJoint Statement\t1972\n",
            vec![
                ":2: no tab between term and definition",
                ":3: `Armistice` is asked on line 1 already",
            ],
            2,
        ),
    ];
    for (name, text, expected, good) in cases {
        let input = file(&env, name, text);
        let out = env.dir.path().join("out.toml");
        let run = env.run(
            &["decks", "import", s(&input), "--out", s(&out), "--strict"],
            "",
        );
        assert_eq!(run.code(), 1, "{name}: {}", run.stderr());
        let err = run.stderr();
        for line in &expected {
            let want = format!("error: {}{line}", input.display());
            assert!(err.contains(&want), "{name}: wanted `{want}` in\n{err}");
        }
        assert!(err.contains("= help:"), "{err}");
        assert!(
            err.contains(&format!(
                "{} bad rows in the file; nothing was written",
                expected.len()
            )),
            "{err}"
        );
        assert!(!out.exists(), "{name}: nothing written");
        assert!(run.stdout().is_empty());
        let leftovers: Vec<_> = fs::read_dir(env.dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());

        // Without --strict the good rows are imported and each bad one named.
        let run = env.run(&["decks", "import", s(&input), "--out", s(&out)], "");
        run.success();
        let err = run.stderr();
        for line in &expected {
            let want = format!("warning: {}{line}", input.display());
            assert!(err.contains(&want), "{name}: wanted `{want}` in\n{err}");
        }
        assert!(
            err.contains(&format!("left out {} rows", expected.len())),
            "{err}"
        );
        assert_eq!(deck_cards(&out).len(), good, "{name}");
        lint_clean(&env, &out);
        fs::remove_file(&out).unwrap();
    }
}

#[test]
fn an_unknown_format_and_an_existing_out_are_refused() {
    let env = Env::new();
    let plain = file(&env, "plain.txt", "just some words\n");
    let run = env.run(&["decks", "import", s(&plain)], "");
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr().contains("pass --format quizlet, anki or csv"),
        "{}",
        run.stderr()
    );

    let input = file(&env, "q.txt", QUIZLET);
    let out = file(&env, "taken.toml", "keep me");
    let run = env.run(&["decks", "import", s(&input), "--out", s(&out)], "");
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("pass --force"), "{}", run.stderr());
    assert_eq!(fs::read_to_string(&out).unwrap(), "keep me");
    env.run(
        &["decks", "import", s(&input), "--out", s(&out), "--force"],
        "",
    )
    .success();
    lint_clean(&env, &out);

    let csv = env.dir.path().join("x.csv");
    let run = env.run(
        &[
            "decks",
            "export",
            "--format",
            "csv",
            "--with-progress",
            "--out",
            s(&csv),
        ],
        "",
    );
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr().contains("needs --format apkg"),
        "{}",
        run.stderr()
    );
    let run = env.run(
        &[
            "decks",
            "export",
            "nope",
            "--format",
            "csv",
            "--out",
            s(&csv),
        ],
        "",
    );
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("no deck `nope`"), "{}", run.stderr());
    assert!(!csv.exists());
}

#[test]
fn exported_csv_reimports_with_the_same_prompts_and_answers() {
    let env = Env::new();
    let exported = env.dir.path().join("all.csv");
    let run = env.run(
        &["decks", "export", "--format", "csv", "--out", s(&exported)],
        "",
    );
    run.success();
    assert!(
        run.stderr().contains("wrote 9 cards of 2 decks"),
        "{}",
        run.stderr()
    );
    let text = fs::read_to_string(&exported).unwrap();
    assert!(text.starts_with("card,deck,prompt,answer,accept,explain,source,quote,tags,guid\n"));
    assert_eq!(text.lines().count(), 10, "{text}");

    let deck = env.dir.path().join("back.toml");
    let run = env.run(&["decks", "import", s(&exported), "--out", s(&deck)], "");
    run.success();
    assert!(run.stderr().contains("as CSV"), "{}", run.stderr());
    lint_clean(&env, &deck);

    let back = deck_cards(&deck);
    // Each card keeps an id from the `card` column: its fact's (`un-entry/card`), or the
    // card's as one fact of its own (`visit-2000/when` is `visit-2000-when`).
    let ids: Vec<String> = text
        .lines()
        .skip(1)
        .map(|l| {
            let card = l.split(',').next().unwrap();
            card.strip_suffix("/card").unwrap_or(card).replace('/', "-")
        })
        .collect();
    let back_ids: Vec<&str> = back.iter().map(|c| field(c, "id")).collect();
    assert_eq!(back_ids, ids);
    let asked = fixture_questions(&env);
    assert_eq!(back.len(), asked.len());
    for (card, (prompt, answer)) in back.iter().zip(&asked) {
        assert_eq!(field(card, "prompt"), prompt);
        assert_eq!(field(card, "answer"), answer);
    }
    // Other spellings come back as `accept`.
    let armistice = back
        .iter()
        .find(|c| field(c, "prompt").starts_with("Name the agreement"))
        .unwrap();
    assert_eq!(
        armistice["accept"].as_array().unwrap()[0].as_str(),
        Some("Panmunjeom Declaration")
    );
}

/// Every card's prompt and answer, as the exported Anki text file has them.
fn fixture_questions(env: &Env) -> Vec<(String, String)> {
    let out = env.dir.path().join("questions.txt");
    env.run(
        &["decks", "export", "--format", "anki", "--out", s(&out)],
        "",
    )
    .success();
    fs::read_to_string(&out)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let unquote = |s: &str| {
                s.strip_prefix('"')
                    .and_then(|s| s.strip_suffix('"'))
                    .map_or(s.to_owned(), |s| s.replace("\"\"", "\""))
            };
            (unquote(f[1]), unquote(f[2]))
        })
        .collect()
}

/// Runs `anki_check.py` on `file` and returns its JSON.
fn anki_check(python: &Path, file: &Path, extra: &[&str]) -> serde_json::Value {
    let out = Command::new(python)
        .current_dir(peers_dir())
        .arg("anki_check.py")
        .arg(file)
        .args(["--notes", "50"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "anki_check.py {}: {}\n{}",
        file.display(),
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn anki_imports_the_text_export_into_one_deck_per_recall_deck() {
    let Some(python) = peers_python() else {
        return;
    };
    let env = Env::new();
    let all = env.dir.path().join("all.txt");
    env.run(
        &["decks", "export", "--format", "anki", "--out", s(&all)],
        "",
    )
    .success();
    let anki = anki_check(&python, &all, &[]);
    assert_eq!(anki["notes"], 9, "{anki:#}");
    assert_eq!(anki["import_log"]["new"], 9);
    assert_eq!(
        anki["decks_with_cards"],
        serde_json::json!({"recall::Events test deck": 3, "recall::Korea test deck": 6})
    );
    let first = &anki["first_notes"][0];
    assert_eq!(first["notetype"], "Basic");
    assert!(
        first["fields"]["Front"]
            .as_str()
            .unwrap()
            .starts_with("When "),
        "{first:#}"
    );
    assert_eq!(first["guid"].as_str().unwrap().len(), 16);
    let tags = anki["tags"].as_array().unwrap();
    for tag in ["korea", "events", "thaw-2018"] {
        assert!(tags.iter().any(|t| t == tag), "{tag} in {tags:?}");
    }

    // One deck: `#deck:` instead of a deck column.
    let one = env.dir.path().join("events.txt");
    env.run(
        &[
            "decks",
            "export",
            "events",
            "--format",
            "anki",
            "--out",
            s(&one),
        ],
        "",
    )
    .success();
    let anki = anki_check(&python, &one, &[]);
    assert_eq!(anki["notes"], 3);
    assert_eq!(
        anki["header_directives"]["deck"],
        "recall::Events test deck"
    );
}

/// Imports packages one after the other into ONE fresh Anki collection and
/// prints what each import did and what the collection holds.
const IMPORT_INTO_ONE: &str = r#"
import json, os, sys, tempfile
from anki.collection import Collection
from anki.import_export_pb2 import ImportAnkiPackageRequest
col = Collection(os.path.join(tempfile.mkdtemp(), "collection.anki2"))
logs = []
for path in sys.argv[1:]:
    options = col._backend.get_import_anki_package_presets()
    options.with_scheduling = True
    log = col.import_anki_package(ImportAnkiPackageRequest(package_path=path, options=options)).log
    logs.append({k: len(getattr(log, k)) for k in ("new", "updated", "duplicate", "conflicting")})
fronts = sorted(col.get_note(n)["Front"] for n in col.find_notes(""))
print(json.dumps({"logs": logs, "notes": col.note_count(), "cards": col.card_count(), "fronts": fronts}))
col.close()
"#;

fn python_json(python: &Path, script: &str, args: &[&Path]) -> serde_json::Value {
    let out = Command::new(python)
        .arg("-c")
        .arg(script)
        .args(args)
        .env("TZ", "UTC")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn anki_imports_the_package_and_a_newer_export_updates_its_notes() {
    let Some(python) = peers_python() else {
        return;
    };
    let env = Env::new().at("2026-11-20T10:00:00Z");
    let first = env.dir.path().join("first.apkg");
    env.run(
        &["decks", "export", "--format", "apkg", "--out", s(&first)],
        "",
    )
    .success();
    let anki = anki_check(&python, &first, &[]);
    assert_eq!(
        (anki["notes"].as_u64(), anki["cards"].as_u64()),
        (Some(9), Some(9))
    );
    assert_eq!(
        anki["decks_with_cards"],
        serde_json::json!({"recall::Events test deck": 3, "recall::Korea test deck": 6})
    );
    assert_eq!(anki["notetypes_detail"][0]["name"], "recall");
    assert_eq!(
        anki["notetypes_detail"][0]["fields"],
        serde_json::json!(["Front", "Back", "Back Extra", "Source"])
    );
    let un = anki["first_notes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["fields"]["Back"] == "1991")
        .unwrap_or_else(|| panic!("{anki:#}"));
    assert_eq!(
        un["fields"]["Front"],
        "In what year did both Koreas join the United Nations?"
    );
    assert_eq!(
        un["fields"]["Source"],
        "“Both nations joined the United Nations in 1991 and are recognized by most member \
         states.”<br>— North Korea–South Korea relations (encyclopedia article)"
    );
    assert_eq!(un["tags"], serde_json::json!(["events"]));
    assert_eq!(un["decks"], serde_json::json!(["recall::Events test deck"]));

    // A day later, with a prompt reworded in a copy of the deck.
    let decks = env.dir.path().join("decks");
    fs::create_dir_all(&decks).unwrap();
    for name in ["events.toml", "korea.toml"] {
        let text = fs::read_to_string(crate::support::fixtures().join("decks").join(name))
            .unwrap()
            .replace(
                "In what year did both Koreas join the United Nations?",
                "Which year did both Koreas join the UN in?",
            );
        fs::write(decks.join(name), text).unwrap();
    }
    let second = env.dir.path().join("second.apkg");
    let mut cmd = Env::new().cmd(&["decks", "export", "--format", "apkg", "--out", s(&second)]);
    cmd.env("RECALL_DECKS", &decks);
    crate::support::run(cmd, "").success();

    let both = python_json(&python, IMPORT_INTO_ONE, &[&first, &second]);
    assert_eq!(both["notes"], 9, "{both:#}");
    assert_eq!(both["cards"], 9, "{both:#}");
    assert_eq!(both["logs"][0]["new"], 9, "{both:#}");
    assert_eq!(both["logs"][1]["new"], 0, "{both:#}");
    assert_eq!(both["logs"][1]["updated"], 9, "{both:#}");
    let fronts = both["fronts"].as_array().unwrap();
    assert!(
        fronts
            .iter()
            .any(|f| f == "Which year did both Koreas join the UN in?")
    );
    assert!(
        !fronts
            .iter()
            .any(|f| f == "In what year did both Koreas join the United Nations?")
    );
}

/// Imports a package with its scheduling into a fresh Anki collection and
/// prints each studied card as Anki holds it, with Anki's own FSRS replay of
/// the card's review log (`compute_memory_state`).
const IMPORT_WITH_SCHEDULING: &str = r#"
import json, os, sys, tempfile
from anki.collection import Collection
from anki.import_export_pb2 import ImportAnkiPackageRequest
col = Collection(os.path.join(tempfile.mkdtemp(), "collection.anki2"))
options = col._backend.get_import_anki_package_presets()
options.with_scheduling = True
col.import_anki_package(ImportAnkiPackageRequest(package_path=sys.argv[1], options=options))
cards = {}
for cid in col.find_cards("-is:new"):
    card = col.get_card(cid)
    replayed = col.compute_memory_state(cid)
    cards[card.note()["Front"]] = {
        "type": card.type, "queue": card.queue, "ivl": card.ivl, "reps": card.reps,
        "lapses": card.lapses,
        "due": card.due - col.sched.today if card.queue == 2 else card.due,
        "stability": card.memory_state.stability, "difficulty": card.memory_state.difficulty,
        "replayed_stability": replayed.stability, "replayed_difficulty": replayed.difficulty,
        "revlog": col.db.scalar("select count() from revlog where cid = ?", cid),
    }
print(json.dumps(cards))
col.close()
"#;

#[test]
fn the_package_carries_the_review_history_and_anki_continues_the_schedule() {
    let Some(python) = peers_python() else {
        return;
    };
    let env = Env::new();
    fs::create_dir_all(env.user_dir()).unwrap();
    fs::write(
        env.log_path(),
        "# recall review log v1\n\
         2026-11-01T09:00:00.000+00:00\tvisit-2000/when\tgood\t5.0\t2000\n\
         2026-11-05T09:00:00.000+00:00\tvisit-2000/when\tgood\t4.0\t2000\n\
         2026-11-01T09:01:00.000+00:00\tpanmunjom-declaration/when\tgood\t3.0\tApril 2018\n\
         2026-11-10T09:00:00.000+00:00\tpanmunjom-declaration/when\tagain\t7.0\t2017\n\
         2026-11-15T09:00:00.000+00:00\tpanmunjom-declaration/when\thard\t9.5\tApril 2018\n\
         2026-11-21T09:00:00.000+00:00\tkim-jong-un/office\tagain\t2.0\tPresident\n",
    )
    .unwrap();
    let package = env.dir.path().join("progress.apkg");
    let run = env.run(
        &[
            "decks",
            "export",
            "--format",
            "apkg",
            "--with-progress",
            "--out",
            s(&package),
        ],
        "",
    );
    run.success();
    assert!(
        run.stderr().contains("3 of these cards seen, 6 answers"),
        "{}",
        run.stderr()
    );

    let anki = anki_check(&python, &package, &[]);
    assert_eq!(
        anki["cards_by_type"],
        serde_json::json!({"new": 6, "learning": 1, "review": 2})
    );
    assert_eq!(anki["revlog_entries"], 6);

    let ours = env.run(&["progress", "--json"], "");
    ours.success();
    let ours: Vec<serde_json::Value> = serde_json::from_str(&ours.stdout()).unwrap();
    let theirs = python_json(&python, IMPORT_WITH_SCHEDULING, &[&package]);
    assert_eq!(theirs.as_object().unwrap().len(), 3, "{theirs:#}");
    for card in &ours {
        let anki = &theirs[card["question"].as_str().unwrap()];
        let id = card["card"].as_str().unwrap();
        let close = |a: &serde_json::Value, b: &serde_json::Value, tolerance: f64| {
            let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            assert!(
                (a - b).abs() <= tolerance * b.abs(),
                "{id}: {a} vs Anki {b}"
            );
        };
        // Anki keeps the state we computed (rounded as it stores it), and its
        // own replay of the review log finds the same.
        close(&card["stability"], &anki["stability"], 1e-4);
        close(&card["difficulty"], &anki["difficulty"], 1e-3);
        close(&card["stability"], &anki["replayed_stability"], 1e-4);
        close(&card["difficulty"], &anki["replayed_difficulty"], 1e-4);
        assert_eq!(card["reviews"], anki["reps"], "{id}");
        assert_eq!(card["lapses"], anki["lapses"], "{id}");
        assert_eq!(card["reviews"], anki["revlog"], "{id}");
        let due = chrono::DateTime::parse_from_rfc3339(card["due"].as_str().unwrap()).unwrap();
        match card["phase"].as_str().unwrap() {
            "review" => {
                assert_eq!(
                    (&anki["type"], &anki["queue"]),
                    (&2.into(), &2.into()),
                    "{id}"
                );
                // Anki counts review days from its own today (the wall clock, less
                // the rollover hour), which is not the test's fixed clock.
                let anki_today = (chrono::Utc::now() - chrono::Duration::hours(4)).date_naive();
                let days = (due.date_naive() - anki_today).num_days();
                assert_eq!(anki["due"], days, "{id}: due in days");
            }
            "learning" => {
                assert_eq!(
                    (&anki["type"], &anki["queue"]),
                    (&1.into(), &1.into()),
                    "{id}"
                );
                assert_eq!(anki["due"], due.timestamp(), "{id}: due at");
            }
            phase => panic!("{id}: {phase}"),
        }
    }
}

/// The fixtures made by `tests/fixtures/anki/make.py` with Anki's own code.
fn anki_fixture(name: &str) -> PathBuf {
    crate::support::fixtures().join("anki").join(name)
}

/// Imports `fixture` into a fresh folder of `env`; the folder and stderr.
fn import_into_folder(env: &Env, fixture: &Path, extra: &[&str]) -> (PathBuf, String) {
    let folder = env.dir.path().join("decks");
    fs::create_dir_all(&folder).unwrap();
    let mut args = vec!["decks", "import", s(fixture), "--out", s(&folder)];
    args.extend_from_slice(extra);
    let run = env.run(&args, "");
    run.success();
    (folder, run.stderr())
}

fn all_cards(folder: &Path) -> Vec<toml::Table> {
    all_tables(folder, "card")
}

fn all_tables(folder: &Path, kind: &str) -> Vec<toml::Table> {
    let mut files: Vec<PathBuf> = fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files.iter().flat_map(|f| deck_tables(f, kind)).collect()
}

#[test]
fn every_anki_package_format_imports_with_its_decks_note_types_and_clean_text() {
    for (name, format) in [
        ("legacy.apkg", "collection.anki2"),
        ("anki21.apkg", "collection.anki21"),
        ("current.apkg", "collection.anki21b"),
        ("current.colpkg", "collection.anki21b"),
        ("legacy.colpkg", "collection.anki21"),
    ] {
        let env = Env::new();
        let (folder, err) = import_into_folder(&env, &anki_fixture(name), &[]);
        assert!(err.contains(format), "{name}: {err}");
        // Two Anki decks, two recall decks with their names.
        let war: toml::Table =
            toml::from_str(&fs::read_to_string(folder.join("korea-war.toml")).unwrap()).unwrap();
        assert_eq!(war["deck"]["title"].as_str(), Some("Korea::War"), "{name}");
        assert!(folder.join("korea-division.toml").exists(), "{name}");
        // The one picture-only note is left out, counted and named; the note type
        // recall does not know is named in a warning.
        assert!(err.contains("left out 1 note"), "{name}: {err}");
        assert!(
            err.contains("`kd-picture`") && err.contains("only a picture"),
            "{name}: {err}"
        );
        assert!(err.contains("note type `Vocab`"), "{name}: {err}");
        // A note with a sound beside its text is imported, and named.
        assert!(
            err.contains("1 imported note shows media beside its text: `kd-sound` (a sound)"),
            "{name}: {err}"
        );
        let cards = all_cards(&folder);
        let by_prompt = |p: &str| {
            cards
                .iter()
                .find(|c| field(c, "prompt") == p)
                .unwrap_or_else(|| panic!("{name}: no card `{p}`"))
        };
        // Basic and reversed: both ways; optional reversed: only when asked for.
        assert_eq!(
            field(
                by_prompt("the truce village on the demarcation line"),
                "answer"
            ),
            "Panmunjom"
        );
        assert_eq!(
            field(by_prompt("the line dividing Korea in 1945"), "answer"),
            "38th parallel"
        );
        assert!(
            !cards.iter().any(|c| field(c, "answer") == "Syngman Rhee"),
            "{name}"
        );
        // Cloze: one `[[cloze]]` fact a note, its deletions as Anki marked them.
        let clozes = all_tables(&folder, "cloze");
        let cloze = |guid: &str| {
            clozes
                .iter()
                .find(|c| field(c, "guid") == guid)
                .unwrap_or_else(|| panic!("{name}: no cloze `{guid}`"))
        };
        let war = cloze("kw-cloze-war");
        assert_eq!(
            field(war, "text"),
            "The {{c1::Korean War}} began on {{c2::25 June 1950::date}}."
        );
        assert_eq!(
            field(war, "explain"),
            "North Korea crossed the 38th parallel."
        );
        assert_eq!(
            field(cloze("kw-cloze-kim"), "text"),
            "{{c1::Kim Il Sung}} founded the DPRK in 1948."
        );
        assert_eq!(clozes.len(), 2, "{name}");
        // Type-in, the user's own note type (its template says which field asks), a
        // sound beside text, other scripts.
        assert_eq!(
            field(by_prompt("Capital of South Korea?"), "answer"),
            "Seoul"
        );
        assert_eq!(field(by_prompt("평화"), "answer"), "peace");
        assert_eq!(
            field(by_prompt("Which anthem is this?"), "answer"),
            "Aegukga"
        );
        assert_eq!(
            field(by_prompt("조선을 건국한 사람은?"), "answer"),
            "이성계"
        );
        assert_eq!(
            field(by_prompt("Two lines?"), "answer"),
            "first; second; third"
        );
        // Hostile HTML: no control character, no script, `<<<>>>` kept.
        let hostile = cards
            .iter()
            .find(|c| field(c, "guid") == "kd-hostile")
            .unwrap();
        assert_eq!(field(hostile, "prompt"), "Escape[31m and bell and nul here");
        assert_eq!(field(hostile, "answer"), "ab <<<>>> c");
        for card in &cards {
            for key in ["prompt", "answer", "explain"] {
                assert!(
                    !field(card, key)
                        .chars()
                        .any(|c| c.is_control() && c != '\n'),
                    "{name}: {card:?}"
                );
            }
            // Every id comes from the note's GUID.
            assert!(field(card, "id").starts_with("anki-"), "{name}: {card:?}");
        }
        assert_eq!(cards.len(), 16, "{name}");

        // The decks lint clean and can be studied, piped.
        let run = env.run(&["--decks", s(&folder), "decks", "lint"], "");
        run.success();
        // Typed cards take any line; a flip card (a long definition) takes a grade.
        let run = env.run(
            &["--decks", s(&folder), "review", "--limit", "3"],
            &"1953\n3\n".repeat(12),
        );
        run.success();
        assert!(env.records().len() >= 3, "{name}: {}", run.stdout());
    }
}

#[test]
fn the_same_notes_get_the_same_ids_from_every_format() {
    let ids = |name: &str| {
        let env = Env::new();
        let (folder, _) = import_into_folder(&env, &anki_fixture(name), &[]);
        let mut ids: Vec<String> = all_cards(&folder)
            .iter()
            .chain(&all_tables(&folder, "cloze"))
            .map(|c| field(c, "id").to_owned())
            .collect();
        ids.sort();
        ids
    };
    let legacy = ids("legacy.apkg");
    assert_eq!(legacy, ids("current.apkg"));
    // A text export with its GUID column gives the same ids too.
    assert_eq!(legacy, ids("notes-all.txt"));
}

#[test]
fn strict_refuses_a_package_with_a_note_it_cannot_ask() {
    let env = Env::new();
    let folder = env.dir.path().join("decks");
    fs::create_dir_all(&folder).unwrap();
    let run = env.run(
        &[
            "decks",
            "import",
            s(&anki_fixture("current.apkg")),
            "--out",
            s(&folder),
            "--strict",
        ],
        "",
    );
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr().contains("nothing was written"),
        "{}",
        run.stderr()
    );
    assert_eq!(fs::read_dir(&folder).unwrap().count(), 0);
}

#[test]
fn files_recall_cannot_read_say_what_they_are() {
    let env = Env::new();
    let zip_of = |entries: &[(&str, &[u8])]| {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, data) in entries {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut zip, data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "photos.apkg",
            zip_of(&[("a.jpg", b"x")]),
            "a zip archive without an Anki collection in it",
        ),
        (
            "sheet.apkg",
            zip_of(&[("[Content_Types].xml", b"x")]),
            "save it as CSV",
        ),
        (
            "broken.apkg",
            zip_of(&[("collection.anki21b", b"not zstd")]),
            "damaged zstd",
        ),
        (
            "notanki.apkg",
            zip_of(&[("collection.anki2", b"SQLite format 3\0 but short")]),
            "not an SQLite database",
        ),
        (
            "cards.txt",
            vec![0xff, 0xfe, b'a', 0],
            "UTF-16 text; save it as UTF-8",
        ),
        ("cards.pdf", b"%PDF-1.4 ...".to_vec(), "a PDF document"),
        ("cards.bin", vec![0u8; 4096], "a binary file"),
    ];
    for (name, bytes, expected) in cases {
        let path = env.dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let run = env.run(&["decks", "import", s(&path)], "");
        assert_eq!(run.code(), 2, "{name}: {}", run.stderr());
        assert!(run.stderr().contains(expected), "{name}: {}", run.stderr());
        assert!(!run.stderr().contains("panicked"));
    }
}

#[test]
fn import_reads_no_more_than_its_limit() {
    let env = Env::new();
    let run = env.run(&["decks", "import", "/dev/zero"], "");
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains("too large to import"),
        "{}",
        run.stderr()
    );
}

#[test]
fn several_decks_need_a_folder_and_a_missing_folder_is_named() {
    let env = Env::new();
    let package = anki_fixture("legacy.apkg");
    let run = env.run(&["decks", "import", s(&package)], "");
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr()
            .contains("holds 2 decks (`Korea::War`, `Korea::Division`); pass --out FOLDER"),
        "{}",
        run.stderr()
    );
    let missing = env.dir.path().join("no-such-folder");
    for out in [missing.join("deck.toml"), missing.join("")] {
        let run = env.run(
            &[
                "decks",
                "import",
                s(&anki_fixture("quizlet-tab.txt")),
                "--out",
                s(&out),
            ],
            "",
        );
        assert_eq!(run.code(), 2, "{}", run.stderr());
        assert!(
            run.stderr().contains(&format!(
                "the folder `{}` does not exist",
                missing.display()
            )),
            "{}",
            run.stderr()
        );
    }
}

#[test]
fn ids_taken_by_another_deck_in_the_folder_are_reported_before_writing() {
    let env = Env::new();
    let package = anki_fixture("current.apkg");
    let (folder, _) = import_into_folder(&env, &package, &[]);
    // The same notes again, under other deck ids: their cards clash.
    let run = env.run(
        &[
            "decks",
            "import",
            s(&package),
            "--out",
            s(&folder),
            "--id",
            "again",
        ],
        "",
    );
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(run.stderr().contains("is in `"), "{}", run.stderr());
    assert_eq!(fs::read_dir(&folder).unwrap().count(), 2, "nothing written");
    // Importing over the files it wrote is a replacement, with --force.
    let run = env.run(&["decks", "import", s(&package), "--out", s(&folder)], "");
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("--force"), "{}", run.stderr());
    let run = env.run(
        &[
            "decks",
            "import",
            s(&package),
            "--out",
            s(&folder),
            "--force",
        ],
        "",
    );
    run.success();
}

#[test]
fn quizlet_exports_import_without_flags_whatever_their_separators() {
    for name in [
        "quizlet-tab.txt",
        "quizlet-comma.txt",
        "quizlet-dashes.txt",
        "quizlet-slashes.txt",
        "quizlet-custom-rows.txt",
    ] {
        let env = Env::new();
        let out = env.dir.path().join("q.toml");
        let run = env.run(
            &["decks", "import", s(&anki_fixture(name)), "--out", s(&out)],
            "",
        );
        run.success();
        assert!(
            run.stderr().contains("as a Quizlet export"),
            "{name}: {}",
            run.stderr()
        );
        let cards = deck_cards(&out);
        assert_eq!(cards.len(), 6, "{name}");
        // Split at the first separator: a comma in a definition stays in it.
        let sunshine = cards
            .iter()
            .find(|c| field(c, "prompt") == "Sunshine Policy")
            .unwrap_or_else(|| panic!("{name}: {cards:?}"));
        assert_eq!(
            field(sunshine, "answer"),
            "Kim Dae-jung's policy of engagement with North Korea, from 1998",
            "{name}"
        );
        // A Korean prompt's id is a hash of it, not a place in the file.
        let joseon = cards.iter().find(|c| field(c, "prompt") == "조선").unwrap();
        assert!(field(joseon, "id").starts_with("card-"), "{name}");
        lint_clean(&env, &out);
    }
}

#[test]
fn a_separator_that_looks_like_a_flag_swap_and_a_row_separator() {
    let env = Env::new();
    let input = file(&env, "q.txt", "1953---Armistice\n1972---Joint Statement\n");
    for separator in [vec!["--separator", "---"], vec!["--separator=---"]] {
        let mut args = vec![
            "decks",
            "import",
            s(&input),
            "--format",
            "quizlet",
            "--swap",
        ];
        args.extend(separator.iter().copied());
        let run = env.run(&args, "");
        run.success();
        assert!(
            run.stdout()
                .contains("prompt = \"Armistice\"\nanswer = \"1953\""),
            "{}",
            run.stdout()
        );
    }
    let input = file(
        &env,
        "rows.txt",
        "Juche\tself-reliance,\nan ideology@@Hallyu\tthe Korean wave",
    );
    let run = env.run(&["decks", "import", s(&input), "--row-separator", "@@"], "");
    run.success();
    assert!(
        run.stdout()
            .contains("answer = \"self-reliance, an ideology\""),
        "{}",
        run.stdout()
    );
}

#[test]
fn a_headerless_old_anki_export_is_not_taken_for_quizlet() {
    let env = Env::new();
    // Anki before 2.1.55: fields then tags, tab-separated, no header lines.
    let input = file(
        &env,
        "old.txt",
        "When was the armistice signed?\t<b>1953</b>\twar korea\nWho led the UN Command?\tDouglas MacArthur\twar\n",
    );
    let run = env.run(&["decks", "import", s(&input)], "");
    run.success();
    assert!(
        run.stderr().contains("older Anki exports"),
        "{}",
        run.stderr()
    );
    let out = file(&env, "old.toml", &run.stdout());
    let cards = deck_cards(&out);
    assert_eq!(field(&cards[0], "answer"), "1953");
    assert_eq!(cards[0]["tags"].as_array().unwrap().len(), 2);
}

#[test]
fn csv_headers_are_read_without_case_and_keep_their_ids() {
    let env = Env::new();
    for (name, first_id) in [
        (
            "headers-front-back.csv",
            "who-signed-the-panmunjom-declaration-in-2018",
        ),
        ("headers-question-answer.csv", "un-1991"),
        ("headers-term-definition.csv", "anki-"),
    ] {
        let run = env.run(&["decks", "import", s(&anki_fixture(name))], "");
        run.success();
        assert!(run.stderr().contains("as CSV"), "{name}: {}", run.stderr());
        let out = file(&env, "h.toml", &run.stdout());
        assert!(
            field(&deck_cards(&out)[0], "id").starts_with(first_id),
            "{name}"
        );
    }
}

#[test]
fn with_progress_brings_anki_reviews_once_and_the_memory_states_match_anki() {
    let env = Env::new();
    let package = anki_fixture("current.apkg");
    let (folder, err) = import_into_folder(&env, &package, &["--with-progress"]);
    // 11 rows in the review log: 10 answers and one manual reschedule.
    assert!(
        err.contains("10 answers to 2 cards added to the log of `ana`"),
        "{err}"
    );
    let records = env.records();
    assert_eq!(records.len(), 10);
    assert_eq!(
        records[0][1], records[1][1],
        "learning steps are answers too"
    );
    assert_eq!(
        &records[0][2..4],
        ["again", "8.0"],
        "grade and seconds kept"
    );
    assert!(
        records[0][0].starts_with("2026-05-28T20:26:40.000"),
        "{:?}",
        records[0]
    );
    // Importing again adds nothing.
    let run = env.run(
        &[
            "decks",
            "import",
            s(&package),
            "--out",
            s(&folder),
            "--force",
            "--with-progress",
        ],
        "",
    );
    run.success();
    assert!(
        run.stderr().contains("0 answers to 0 cards added"),
        "{}",
        run.stderr()
    );
    assert_eq!(env.records().len(), 10);
    // Only a package has a history.
    let run = env.run(
        &[
            "decks",
            "import",
            s(&anki_fixture("quizlet-tab.txt")),
            "--with-progress",
        ],
        "",
    );
    assert_eq!(run.code(), 2);

    let Some(python) = peers_python() else {
        return;
    };
    let mut cmd = env.cmd(&["progress", "--json"]);
    cmd.env("RECALL_DECKS", &folder);
    let ours = crate::support::run(cmd, "");
    ours.success();
    let ours: Vec<serde_json::Value> = serde_json::from_str(&ours.stdout()).unwrap();
    let mut ratings = String::from("card_id,reviewed_at,rating\n");
    let grade = |g: &str| {
        ["again", "hard", "good", "easy"]
            .iter()
            .position(|x| *x == g)
            .unwrap()
            + 1
    };
    for r in &records {
        ratings.push_str(&format!("{},{},{}\n", r[1], r[0], grade(&r[2])));
    }
    let csv = file(&env, "ratings.csv", &ratings);
    let out = Command::new(&python)
        .current_dir(peers_dir())
        .args(["anki_check.py", "--schedule"])
        .arg(&csv)
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
        let mine = ours.iter().find(|r| r["card"] == card).unwrap();
        let (s, d) = (
            mine["stability"].as_f64().unwrap(),
            mine["difficulty"].as_f64().unwrap(),
        );
        let (as_, ad) = (
            f[col("revlog_stability")].parse::<f64>().unwrap(),
            f[col("revlog_difficulty")].parse::<f64>().unwrap(),
        );
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-4 * b.abs();
        assert!(
            close(s, as_) && close(d, ad),
            "{card}: {s}/{d} vs Anki {as_}/{ad}"
        );
        compared += 1;
    }
    assert_eq!(compared, 2);
}

#[test]
fn a_long_definition_is_a_flip_card_and_a_date_answer_is_graded_as_a_date() {
    let env = Env::new();
    let folder = env.dir.path().join("decks");
    fs::create_dir_all(&folder).unwrap();
    let long = file(
        &env,
        "long.txt",
        "Sunshine Policy\tKim Dae-jung's policy of engagement with North Korea, from 1998\n",
    );
    let date = file(
        &env,
        "date.txt",
        "Korean Armistice Agreement\t27 July 1953\n",
    );
    for input in [&long, &date] {
        env.run(&["decks", "import", s(input), "--out", s(&folder)], "")
            .success();
    }
    assert_eq!(
        field(&deck_cards(&folder.join("long.toml"))[0], "grade"),
        "self"
    );
    assert_eq!(
        field(&deck_cards(&folder.join("date.toml"))[0], "grade"),
        "date"
    );
    // The flip card shows its answer and takes the student's grade.
    let run = env.run(
        &["--decks", s(&folder), "review", "long", "--limit", "1"],
        "\n3\n",
    );
    run.success();
    assert!(
        run.stdout().contains("engagement with North Korea"),
        "{}",
        run.stdout()
    );
    assert_eq!(env.records()[0][2], "good");
    // The date card takes a date written another way.
    let run = env.run(
        &["--decks", s(&folder), "review", "date", "--limit", "1"],
        "1953-07-27\n",
    );
    run.success();
    assert_eq!(env.records()[1][2], "good", "{}", run.stdout());
    // --typed keeps a long answer typed.
    let run = env.run(&["decks", "import", s(&long), "--typed"], "");
    assert!(!run.stdout().contains("grade ="), "{}", run.stdout());
}

/// Imports files one after the other into ONE fresh Anki collection (packages with their
/// importer, text files with the CSV importer) and prints what each import did, then each
/// note by GUID: its fields and number of cards.
const INTO_ONE_COLLECTION: &str = r#"
import json, os, sys, tempfile
from anki.collection import Collection
from anki.import_export_pb2 import ImportAnkiPackageRequest, ImportCsvRequest
col = Collection(os.path.join(tempfile.mkdtemp(), "collection.anki2"))
logs = []
for path in sys.argv[1:]:
    if path.endswith(".txt"):
        log = col.import_csv(ImportCsvRequest(path=path, metadata=col.get_csv_metadata(path, None))).log
    else:
        options = col._backend.get_import_anki_package_presets()
        log = col.import_anki_package(ImportAnkiPackageRequest(package_path=path, options=options)).log
    logs.append({k: len(getattr(log, k)) for k in
                 ("new", "updated", "duplicate", "conflicting", "missing_notetype", "first_field_match")})
    notes = {}
    for nid in col.find_notes(""):
        note = col.get_note(nid)
        notes[note.guid] = {"fields": dict(note.items()), "cards": len(note.cards()),
                            "notetype": note.note_type()["name"]}
    logs[-1]["notes"] = notes
print(json.dumps({"logs": logs}))
col.close()
"#;

/// Each note's modification time in a package, by GUID.
fn note_mtimes(package: &Path) -> std::collections::BTreeMap<String, i64> {
    let file = fs::File::open(package).unwrap();
    let collection = recall::interop::package::read_zip(file).unwrap();
    collection
        .notes
        .iter()
        .map(|n| (n.guid.clone(), n.mtime))
        .collect()
}

#[test]
fn notes_from_anki_go_back_as_updates_never_as_conflicts() {
    let Some(python) = peers_python() else {
        return;
    };
    let env = Env::new();
    let fixture = anki_fixture("current.apkg");
    let (folder, _) = import_into_folder(&env, &fixture, &[]);
    let export = |name: &str, format: &str| {
        let out = env.dir.path().join(name);
        env.run(
            &[
                "--decks",
                s(&folder),
                "decks",
                "export",
                "--format",
                format,
                "--out",
                s(&out),
                "--force",
            ],
            "",
        )
        .success();
        out
    };
    let first = export("first.apkg", "apkg");
    let text = export("first.txt", "anki");
    // The package imports clean into a fresh collection too, with its note types. (The
    // text export names note types by their id in the collection the notes came from.)
    let anki = anki_check(&python, &first, &[]);
    assert_eq!(anki["import_log"]["new"], 16, "{anki:#}");

    // An unchanged note keeps Anki's time; exporting again changes nothing.
    let original = note_mtimes(&fixture);
    let exported = note_mtimes(&first);
    for (guid, mtime) in &exported {
        assert_eq!(Some(mtime), original.get(guid), "{guid}");
    }

    // Two cards changed in recall: a reworded prompt, and a cloze given a second deletion.
    let war = folder.join("korea-war.toml");
    let deck = fs::read_to_string(&war).unwrap();
    let edited = deck
        .replace(
            "prompt = \"Who led the UN Command at Inchon?\"",
            "prompt = \"Who led the UN Command at Incheon?\"",
        )
        .replace(
            "text = \"{{c1::Kim Il Sung}} founded the DPRK in 1948.\"",
            "text = \"{{c1::Kim Il Sung}} founded the {{c2::DPRK}} in 1948.\"",
        );
    assert_ne!(deck, edited);
    fs::write(&war, edited).unwrap();
    let second = export("second.apkg", "apkg");
    let second_times = note_mtimes(&second);
    for (guid, mtime) in &second_times {
        if guid == "kw-inchon" || guid == "kw-cloze-kim" {
            assert!(*mtime > original[guid], "{guid}: {mtime}");
        } else {
            assert_eq!(*mtime, original[guid], "{guid}");
        }
    }
    assert_eq!(note_mtimes(&export("third.apkg", "apkg")), second_times);

    let run = python_json(
        &python,
        INTO_ONE_COLLECTION,
        &[&fixture, &first, &second, &text],
    );
    let logs = &run["logs"];
    let none_new_or_conflicting = |i: usize| {
        for key in [
            "new",
            "conflicting",
            "missing_notetype",
            "first_field_match",
        ] {
            assert_eq!(logs[i][key], 0, "import {i}, {key}: {run:#}");
        }
    };
    // The package of the unchanged deck: every note is Anki's own, unchanged.
    none_new_or_conflicting(1);
    assert_eq!(logs[1]["duplicate"], 16, "{run:#}");
    // The edited deck: the two edited notes are updated, the rest left alone.
    none_new_or_conflicting(2);
    assert_eq!(logs[2]["updated"], 2, "{run:#}");
    let notes = &logs[2]["notes"];
    assert_eq!(
        notes["kw-inchon"]["fields"]["Front"],
        "Who led the UN Command at Incheon?"
    );
    assert_eq!(
        notes["kw-cloze-kim"]["fields"]["Text"],
        "{{c1::Kim Il Sung}} founded the {{c2::DPRK}} in 1948."
    );
    assert_eq!(notes["kw-cloze-kim"]["cards"], 2, "{run:#}");
    // Untouched notes keep their HTML and the fields recall does not ask.
    assert_eq!(
        notes["kd-lines"]["fields"]["Back"],
        "first<br>second<div>third</div>"
    );
    assert_eq!(notes["kw-38th"]["fields"]["Add Reverse"], "y");
    // The text export goes to the same note types: each note updated, none conflicting.
    none_new_or_conflicting(3);
    assert_eq!(logs[3]["updated"], 16, "{run:#}");
    assert_eq!(logs[3]["notes"].as_object().unwrap().len(), 17, "{run:#}");
}

#[test]
fn an_apkg_never_holds_the_field_separator_inside_a_field() {
    let env = Env::new();
    let decks = env.dir.path().join("decks");
    fs::create_dir_all(&decks).unwrap();
    let us = "\\u001f";
    fs::write(
        decks.join("h.toml"),
        format!(
            "[deck]\nid = \"h\"\ntitle = \"Hostile{us}deck\"\n\n\
             [[source]]\nid = \"s\"\ntitle = \"Source{us}title\"\n\n\
             [[card]]\nid = \"sep\"\nprompt = \"one{us}two{us}\"\nanswer = \"a{us}b\"\n\
             accept = [\"c{us}d\"]\nexplain = \"e{us}f\"\ntags = [\"t{us}u\"]\n\
             note = \"n{us}o\"\nsource = {{ ref = \"s\", quote = \"q{us}r\" }}\n\n\
             [[cloze]]\nid = \"cz\"\ntext = \"The {{{{c1::x{us}y}}}} and {{{{c2::z::h{us}i}}}}{us}.\"\n\
             explain = \"w{us}v\"\nsource = {{ ref = \"s\", quote = \"q{us}\" }}\n"
        ),
    )
    .unwrap();
    let package = env.dir.path().join("h.apkg");
    env.run(
        &[
            "--decks",
            s(&decks),
            "decks",
            "export",
            "--format",
            "apkg",
            "--out",
            s(&package),
        ],
        "",
    )
    .success();
    let collection = recall::interop::package::read_zip(fs::File::open(&package).unwrap()).unwrap();
    assert_eq!(collection.notes.len(), 2);
    for note in &collection.notes {
        let notetype = &collection.notetypes[&note.notetype];
        // A raw U+001F would have split a field in two.
        assert_eq!(
            note.fields.len(),
            notetype.fields.len(),
            "{:?} of {}",
            note.fields,
            notetype.name
        );
        assert!(
            note.fields.iter().all(|f| !f.contains('\u{1f}')),
            "{:?}",
            note.fields
        );
    }
    let cloze = collection
        .notes
        .iter()
        .find(|n| n.cards.len() == 2)
        .unwrap();
    assert!(
        cloze.fields[0].starts_with("The {{c1::x"),
        "{:?}",
        cloze.fields
    );
}

/// `make DIR PACKAGE TEXT`: a collection in DIR of the package's notes, and Anki's own text
/// export of them (note type, deck and GUID columns) as TEXT. `import DIR TEXT`: the text
/// imported into that collection; what the import did, and the notes' fields by GUID.
const TEXT_ROUND_TRIP: &str = r#"
import json, os, sys
from anki.collection import Collection
from anki.import_export_pb2 import ImportAnkiPackageRequest, ImportCsvRequest
mode, folder = sys.argv[1], sys.argv[2]
col = Collection(os.path.join(folder, "collection.anki2"))
if mode == "make":
    options = col._backend.get_import_anki_package_presets()
    col.import_anki_package(ImportAnkiPackageRequest(package_path=sys.argv[3], options=options))
    col.export_note_csv(out_path=sys.argv[4], limit=None, with_html=True, with_tags=True,
                        with_deck=True, with_notetype=True, with_guid=True)
    print("{}")
else:
    path = sys.argv[3]
    log = col.import_csv(ImportCsvRequest(path=path, metadata=col.get_csv_metadata(path, None))).log
    out = {k: len(getattr(log, k)) for k in
           ("new", "updated", "duplicate", "conflicting", "missing_notetype", "first_field_match")}
    out["notes"] = {col.get_note(n).guid: dict(col.get_note(n).items()) for n in col.find_notes("")}
    print(json.dumps(out))
col.close()
"#;

#[test]
fn an_anki_text_export_goes_back_to_its_collection_as_updates() {
    let Some(python) = peers_python() else {
        return;
    };
    let env = Env::new();
    let collection = env.dir.path().join("anki");
    fs::create_dir_all(&collection).unwrap();
    let theirs = env.dir.path().join("theirs.txt");
    let make = [
        Path::new("make"),
        &collection,
        &anki_fixture("current.apkg"),
        &theirs,
    ];
    python_json(&python, TEXT_ROUND_TRIP, &make);
    let (folder, _) = import_into_folder(&env, &theirs, &[]);
    let war = folder.join("korea-war.toml");
    let deck = fs::read_to_string(&war).unwrap();
    fs::write(
        &war,
        deck.replace(
            "prompt = \"Who led the UN Command at Inchon?\"",
            "prompt = \"Who led the UN Command at Incheon?\"",
        ),
    )
    .unwrap();
    let ours = env.dir.path().join("ours.txt");
    env.run(
        &[
            "--decks",
            s(&folder),
            "decks",
            "export",
            "--format",
            "anki",
            "--out",
            s(&ours),
        ],
        "",
    )
    .success();
    let run = python_json(
        &python,
        TEXT_ROUND_TRIP,
        &[Path::new("import"), &collection, &ours],
    );
    for key in [
        "new",
        "conflicting",
        "missing_notetype",
        "first_field_match",
    ] {
        assert_eq!(run[key], 0, "{key}: {run:#}");
    }
    // Every note the file had (a picture-only one was left out) is updated in place.
    assert_eq!(run["updated"], 16, "{run:#}");
    let notes = &run["notes"];
    assert_eq!(notes.as_object().unwrap().len(), 17);
    assert_eq!(
        notes["kw-inchon"]["Front"],
        "Who led the UN Command at Incheon?"
    );
    assert_eq!(notes["kd-lines"]["Back"], "first<br>second<div>third</div>");
    assert_eq!(notes["kw-38th"]["Add Reverse"], "y");
    assert_eq!(
        notes["kw-cloze-war"]["Text"],
        "The {{c1::Korean War}} began on {{c2::25 June 1950::date}}."
    );
}

/// The package PACKAGE with two answers to the second card (`c2`) of the cloze note
/// `kw-cloze-war`, exported with its scheduling as OUT.
const CLOZE_REVIEWS: &str = r#"
import os, sys, tempfile
from anki.collection import Collection, ExportAnkiPackageOptions
from anki.import_export_pb2 import ImportAnkiPackageRequest
col = Collection(os.path.join(tempfile.mkdtemp(), "collection.anki2"))
options = col._backend.get_import_anki_package_presets()
options.with_scheduling = True
col.import_anki_package(ImportAnkiPackageRequest(package_path=sys.argv[1], options=options))
nid = col.db.scalar("select id from notes where guid = 'kw-cloze-war'")
cid = col.db.scalar("select id from cards where nid = ? and ord = 1", nid)
for row in [(1_781_000_000_000, cid, 1, -60, 0, 0, 9000, 0), (1_781_000_600_000, cid, 3, 1, -60, 0, 4000, 0)]:
    col.db.execute("insert into revlog values (?,?,-1,?,?,?,?,?,?)", *row)
col.export_anki_package(out_path=sys.argv[2], options=ExportAnkiPackageOptions(
    with_scheduling=True, with_deck_configs=False, with_media=False, legacy=False), limit=None)
print("{}")
"#;

#[test]
fn with_progress_gives_a_cloze_cards_reviews_to_its_number() {
    let Some(python) = peers_python() else {
        return;
    };
    let env = Env::new();
    let package = env.dir.path().join("cloze-reviews.apkg");
    python_json(
        &python,
        CLOZE_REVIEWS,
        &[&anki_fixture("current.apkg"), &package],
    );
    let (folder, err) = import_into_folder(&env, &package, &["--with-progress"]);
    assert!(err.contains("12 answers to 3 cards added"), "{err}");
    let war = fs::read_to_string(folder.join("korea-war.toml")).unwrap();
    let id = deck_tables(&folder.join("korea-war.toml"), "cloze")
        .into_iter()
        .find(|c| field(c, "guid") == "kw-cloze-war")
        .map(|c| field(&c, "id").to_owned())
        .unwrap_or_else(|| panic!("{war}"));
    let cloze: Vec<Vec<String>> = env
        .records()
        .into_iter()
        .filter(|r| r[1].starts_with(&id))
        .collect();
    assert_eq!(cloze.len(), 2, "{:?}", env.records());
    assert_eq!(cloze[0][1], format!("{id}/c2"));
    assert_eq!(&cloze[0][2..4], ["again", "9.0"]);
    assert_eq!(cloze[1][2], "good");
}

//! `[[cloze]]` facts: written by a teacher from a source sentence, studied piped, checked
//! by lint, and carried to and from Anki as real cloze notes.
use std::{fs, path::PathBuf};

use crate::support::{Env, peers_dir, peers_python};

const DECK: &str = r#"[deck]
id = "cz"
title = "Cloze deck"

[[source]]
id = "s"
title = "An article"

[[cloze]]
id = "armistice"
text = "Fighting ended on {{c1::27 July 1953}}, with an {{c2::armistice::a kind of truce}} that approximately restored the original boundaries."
explain = "It was never followed by a peace treaty."
source = { ref = "s", quote = "Fighting ended on 27 July 1953, with an armistice that approximately restored the original boundaries." }
"#;

/// A folder with `DECK` in it, and the `--decks` arguments for it.
fn deck_folder(env: &Env, text: &str) -> PathBuf {
    let folder = env.dir.path().join("decks");
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("cz.toml"), text).unwrap();
    folder
}

fn s(path: &std::path::Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn a_cloze_is_asked_one_deletion_a_card_and_graded_as_its_kind() {
    let env = Env::new();
    let decks = deck_folder(&env, DECK);
    // The hint is shown; a wrong word is wrong, and so is a right answer to another blank.
    let run = env.run(
        &["--decks", s(&decks), "review", "--limit", "1"],
        "treaty\narmistice\n",
    );
    run.success();
    let out = run.stdout();
    assert!(
        out.contains(
            "Fighting ended on 27 July 1953, with an [a kind of truce] that approximately restored the original boundaries."
        ),
        "{out}"
    );
    assert!(
        out.contains("✗ wrong: you said `treaty`; it is armistice"),
        "{out}"
    );
    assert!(out.contains("✓ right: armistice"), "{out}");
    assert!(
        out.contains("It was never followed by a peace treaty."),
        "{out}"
    );
    let records = env.records();
    assert_eq!(records[0][1], "armistice/c2");
    assert_eq!(records[0][2], "again");

    // The date deletion, the next day: graded as a date, at its precision.
    let env = env.at("2026-11-26T10:00:00Z");
    let run = env.run(
        &["--decks", s(&decks), "review", "--limit", "2"],
        "armistice\n27/7/1953\n",
    );
    run.success();
    let out = run.stdout();
    assert!(
        out.contains("Fighting ended on […], with an armistice that approximately restored the original boundaries. (day, month and year)"),
        "{out}"
    );
    assert!(out.contains("✓ right: 27 July 1953"), "{out}");
    assert!(env.log().contains("armistice/c1\tgood"), "{}", env.log());

    // Both cards are counted, from the deck snapshot as from the TOML.
    for _ in 0..2 {
        let run = env.run(&["--decks", s(&decks), "decks", "lint"], "");
        run.success();
        assert_eq!(run.stdout().trim(), "ok: 1 deck, 1 facts, 2 cards");
    }
    let run = env.run(&["--decks", s(&decks), "stats"], "");
    run.success();
    assert!(run.stdout().contains("cz"), "{}", run.stdout());
}

#[test]
fn an_exam_asks_cloze_cards_too() {
    let env = Env::new();
    let decks = deck_folder(&env, DECK);
    let run = env.run(
        &["--decks", s(&decks), "exam", "--count", "2"],
        "armistice\n1953\n",
    );
    run.success();
    let out = run.stdout();
    assert!(
        out.contains("[a kind of truce]") || out.contains("[…]"),
        "{out}"
    );
}

#[test]
fn bad_markers_are_named_by_file_line_and_column() {
    let env = Env::new();
    let text = DECK.replace(
        "text = \"Fighting ended on {{c1::27 July 1953}}, with an {{c2::armistice::a kind of truce}}",
        "text = \"Fighting ended on {{c1::27 July 1953}}, with an {{c2:: }} or {{c::x}} and {{c3::truce",
    );
    let decks = deck_folder(&env, &text);
    let run = env.run(&["--decks", s(&decks), "decks", "lint"], "");
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    let path = decks.join("cz.toml");
    for (column, message) in [
        (57, "the deletion c2 is empty"),
        (70, "a deletion needs a number and `::`, as in `{{c1::`"),
        (83, "the deletion `{{c3::` is not closed by `}}`"),
    ] {
        let wanted = format!("{}:11:{column}: {message}", path.display());
        assert!(err.contains(&wanted), "{wanted}\n{err}");
    }

    // A cloze that is not its quote, a gap in the numbers, an answer the prompt gives away.
    let text = DECK
        .replace("{{c2::armistice::a kind of truce}}", "{{c3::armistice}}")
        .replace(
            "approximately restored the original boundaries.\"\nexplain",
            "restored the original boundaries.\"\nexplain",
        );
    let decks = deck_folder(&env, &text);
    let run = env.run(&["--decks", s(&decks), "decks", "lint", "--strict"], "");
    assert_eq!(run.code(), 1, "{}", run.stdout());
    let all = format!("{}{}", run.stdout(), run.stderr());
    assert!(all.contains("the cloze text is not its quote"), "{all}");
    assert!(all.contains("`armistice` has no deletion c2"), "{all}");
    assert!(all.contains("cz.toml:11:1:"), "{all}");
}

#[test]
fn an_anki_cloze_note_becomes_a_cloze_fact_and_is_studied() {
    let env = Env::new();
    let folder = env.dir.path().join("decks");
    fs::create_dir_all(&folder).unwrap();
    let package = crate::support::fixtures().join("anki/current.apkg");
    env.run(&["decks", "import", s(&package), "--out", s(&folder)], "")
        .success();
    let war = fs::read_to_string(folder.join("korea-war.toml")).unwrap();
    assert!(
        war.contains(
            "[[cloze]]\nid = \"anki-497586681658\"\ntext = \"The {{c1::Korean War}} began on {{c2::25 June 1950::date}}.\""
        ),
        "{war}"
    );
    let run = env.run(&["--decks", s(&folder), "card", "anki-497586681658/c2"], "");
    // Whatever `card` prints, the card exists.
    assert!(run.code() == 0 || run.code() == 2, "{}", run.stderr());
    let run = env.run(
        &[
            "--decks",
            s(&folder),
            "review",
            "korea-war",
            "--tag",
            "cloze",
            "--limit",
            "1",
        ],
        "Korean War\n",
    );
    run.success();
    assert!(
        run.stdout().contains("The […] began on 25 June 1950.")
            || run.stdout().contains("The Korean War began on [date]."),
        "{}",
        run.stdout()
    );
}

/// Imports `file` into a fresh Anki collection and prints each note's type and fields, and
/// its cards' ords.
const NOTES: &str = r#"
import json, os, sys, tempfile
from anki.collection import Collection
from anki.import_export_pb2 import ImportAnkiPackageRequest
col = Collection(os.path.join(tempfile.mkdtemp(), "collection.anki2"))
path = sys.argv[1]
if path.endswith(".apkg"):
    options = col._backend.get_import_anki_package_presets()
    col.import_anki_package(ImportAnkiPackageRequest(package_path=path, options=options))
else:
    md = col.get_csv_metadata(path, None)
    from anki.import_export_pb2 import ImportCsvRequest
    col.import_csv(ImportCsvRequest(path=path, metadata=md))
notes = []
for nid in col.find_notes(""):
    note = col.get_note(nid)
    nt = note.note_type()
    notes.append({"notetype": nt["name"], "cloze": nt["type"] == 1, "fields": dict(note.items()),
                  "ords": sorted(c.ord for c in note.cards()),
                  "questions": [col._backend.strip_html(text=c.question(), mode=0) for c in sorted(note.cards(), key=lambda c: c.ord)]})
print(json.dumps(notes))
col.close()
"#;

#[test]
fn a_cloze_goes_to_anki_as_one_cloze_note_in_a_package_and_in_text() {
    let Some(python) = peers_python() else {
        return;
    };
    let env = Env::new();
    let decks = deck_folder(&env, DECK);
    for (format, name) in [("apkg", "cz.apkg"), ("anki", "cz.txt")] {
        let out = env.dir.path().join(name);
        env.run(
            &[
                "--decks",
                s(&decks),
                "decks",
                "export",
                "--format",
                format,
                "--out",
                s(&out),
            ],
            "",
        )
        .success();
        let run = std::process::Command::new(&python)
            .current_dir(peers_dir())
            .arg("anki_check.py")
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let run = std::process::Command::new(&python)
            .arg("-c")
            .arg(NOTES)
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let notes: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
        assert_eq!(notes.as_array().unwrap().len(), 1, "{format}: {notes:#}");
        let note = &notes[0];
        assert_eq!(note["cloze"], true, "{format}: {note:#}");
        assert_eq!(
            note["ords"],
            serde_json::json!([0, 1]),
            "{format}: {note:#}"
        );
        assert_eq!(
            note["fields"]["Text"],
            "Fighting ended on {{c1::27 July 1953}}, with an {{c2::armistice::a kind of truce}} that approximately restored the original boundaries.",
            "{format}"
        );
        assert_eq!(
            note["fields"]["Back Extra"], "It was never followed by a peace treaty.",
            "{format}"
        );
        let second = note["questions"][1].as_str().unwrap();
        assert!(second.contains("[a kind of truce]"), "{format}: {second}");
    }

    // CSV: one row a card, the blank in the prompt.
    let out = env.dir.path().join("cz.csv");
    env.run(
        &[
            "--decks",
            s(&decks),
            "decks",
            "export",
            "--format",
            "csv",
            "--out",
            s(&out),
        ],
        "",
    )
    .success();
    let csv = fs::read_to_string(&out).unwrap();
    assert!(csv.contains("armistice/c1,cz,\"Fighting ended on […], with an armistice that approximately restored the original boundaries. (day, month and year)\",27 July 1953"), "{csv}");
    assert_eq!(csv.lines().count(), 3, "{csv}");
}

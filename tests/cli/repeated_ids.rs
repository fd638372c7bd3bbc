//! A file that names one note twice (an Anki GUID, a CSV `id`) still imports as decks that
//! load: both notes are kept, as Anki keeps them, the second named by a warning at its line,
//! and each gets an id of its own that a second import of the same file gives again.
use std::{collections::HashSet, fs, path::Path};

use crate::support::Env;

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Imports `file` into a fresh folder: the deck files' fact ids, in order, and stderr.
fn import(env: &Env, file: &Path, out: &str) -> (Vec<String>, String) {
    let out = env.dir.path().join(out);
    fs::create_dir_all(&out).unwrap();
    let run = env.run(&["decks", "import", s(file), "--out", s(&out)], "");
    run.success();
    let mut ids = Vec::new();
    let mut names: Vec<_> = fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    for deck in &names {
        let table: toml::Table = toml::from_str(&fs::read_to_string(deck).unwrap()).unwrap();
        for card in table["card"].as_array().unwrap() {
            ids.push(card["id"].as_str().unwrap().to_owned());
        }
    }
    // What was written loads: `decks list` reads every deck of the folder.
    let list = env.run(&["decks", "list", "--decks", s(&out)], "");
    list.success();
    (ids, run.stderr())
}

/// Imports `text` twice: every card is there, no id twice, the same ids both times, and the
/// warning names the repeat's line.
fn check(name: &str, text: &[u8], cards: usize, warning: Option<&str>) -> Vec<String> {
    let env = Env::new();
    let file = env.dir.path().join(name);
    fs::write(&file, text).unwrap();
    let (ids, stderr) = import(&env, &file, "first");
    assert_eq!(ids.len(), cards, "{ids:?}\n{stderr}");
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    if let Some(warning) = warning {
        assert!(
            stderr.contains(&format!("warning: {}:{warning}", s(&file))),
            "{stderr}"
        );
    }
    let (again, _) = import(&env, &file, "second");
    assert_eq!(ids, again);
    ids
}

#[test]
fn an_anki_text_export_that_repeats_a_guid_imports_both_notes() {
    // The second note of GUID `kw-38th` differs from the first only by case: the fuzzer's find.
    let text = "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n\
                kw-38th\tBasic (optional reversed card)\tKorea::War\t38th parallel\tthe line dividing Korea in 1945\ty\n\
                kw-rhee\tBasic\tKorea::War\tSyngman Rhee\tfirst President of South Korea\t\n\
                kw-38th\tBasic (optional reversed card)\tKorea::War\t38TH PARALLEL\tthe line dividing Korea in 1945\ty\n\
                kw-38th\tBasic\tKorea::War\tWhen was Korea divided?\t1945\t\n";
    let ids = check(
        "notes.txt",
        text.as_bytes(),
        // The first note and its reverse, the repeat (its reverse asks what the first's
        // does, so is left out as any such row is), `kw-rhee`, and the third `kw-38th`.
        5,
        Some("8: the note on line 6 has the same Anki GUID `kw-38th`"),
    );
    assert!(ids.iter().all(|id| id.starts_with("anki-")), "{ids:?}");
}

#[test]
fn a_csv_that_repeats_a_guid_or_an_id_imports_every_row() {
    let text = "prompt,answer,guid,id\n\
                Where is Kaesong?,North Korea,g1,kaesong\n\
                WHERE IS KAESONG?,North Korea,g1,kaesong\n\
                Who founded Goryeo?,Wang Geon,,founder\n\
                Who founded Joseon?,Yi Seong-gye,,founder\n";
    check(
        "cards.csv",
        text.as_bytes(),
        4,
        Some("3: the note on line 2 has the same Anki GUID `g1`"),
    );
    check(
        "cards.csv",
        text.as_bytes(),
        4,
        Some("5: the row on line 4 has the same fact id `founder`"),
    );
}

#[test]
fn a_quizlet_export_whose_prompts_differ_only_in_case_imports_every_row() {
    // Quizlet has no ids: prompts that slug alike are told apart by their text.
    let text = "38th parallel\tthe line dividing Korea in 1945\n\
                38TH PARALLEL\tthe line dividing Korea in 1945\n\
                38th Parallel\tthe line dividing Korea in 1945\n";
    check("set.txt", text.as_bytes(), 3, None);
}

#[test]
fn an_anki_package_that_repeats_a_guid_imports_both_notes() {
    // recall's export writes a card's `guid` as the note's: two cards with one GUID make an
    // Anki package with the GUID twice, as a collection that Anki let repeat it exports.
    let env = Env::new();
    let decks = env.dir.path().join("decks");
    fs::create_dir_all(&decks).unwrap();
    fs::write(
        decks.join("repeats.toml"),
        "[deck]\nid = \"repeats\"\ntitle = \"Repeats\"\n\n\
         [[source]]\nid = \"s\"\ntitle = \"Notes\"\n\n\
         [[card]]\nid = \"one\"\nprompt = \"38th parallel\"\nanswer = \"the line dividing Korea in 1945\"\n\
         guid = \"kw-38th\"\nsource = { ref = \"s\", quote = \"38th parallel\" }\n\n\
         [[card]]\nid = \"two\"\nprompt = \"38TH PARALLEL\"\nanswer = \"the line dividing Korea in 1945\"\n\
         guid = \"kw-38th\"\nsource = { ref = \"s\", quote = \"38TH PARALLEL\" }\n",
    )
    .unwrap();
    let package = env.dir.path().join("repeats.apkg");
    let mut cmd = env.cmd(&["decks", "export", "--format", "apkg", "--out", s(&package)]);
    cmd.env("RECALL_DECKS", &decks);
    crate::support::run(cmd, "").success();
    let bytes = fs::read(&package).unwrap();
    check(
        "repeats.apkg",
        &bytes,
        2,
        Some("2: the note on line 1 has the same Anki GUID `kw-38th`"),
    );
}

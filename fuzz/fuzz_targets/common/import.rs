//! What every import target checks of what a parser read: every problem renders, and the
//! deck import would write from the rows loads (issue 19 §4: "what import writes must load").
use recall::{
    deck::parse_deck,
    interop::{DeckMeta, Parsed, Row, deck_toml},
};

pub fn check(parsed: &Parsed) {
    for problem in &parsed.problems {
        let _ = problem.to_string();
    }
    // One deck file a deck of the file, as import writes them.
    let mut decks: Vec<(Option<&str>, Vec<Row>)> = Vec::new();
    for row in &parsed.rows {
        let deck = row.deck.as_deref();
        match decks.iter_mut().find(|(d, _)| *d == deck) {
            Some((_, rows)) => rows.push(row.clone()),
            None => decks.push((deck, vec![row.clone()])),
        }
    }
    for (_, rows) in decks {
        let meta = DeckMeta {
            id: "fuzz".into(),
            title: "Fuzz".into(),
            file_name: "fuzz.txt".into(),
            // The Anki note types the rows of a package name, as import writes them.
            note_types: parsed.note_types.clone(),
        };
        let toml = deck_toml(&meta, &rows);
        if let Err(problems) = parse_deck("fuzz.toml", &toml) {
            let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
            panic!("the imported deck does not load:\n{}\n---\n{toml}", shown.join("\n"));
        }
    }
}

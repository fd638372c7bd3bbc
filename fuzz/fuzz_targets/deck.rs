//! The deck loader never panics, and whatever it accepts makes cards.
#![no_main]
use libfuzzer_sys::fuzz_target;
use recall::{card::Collection, deck::parse_deck};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_deck("fuzz.toml", text) {
        Ok(deck) => {
            for fact in &deck.facts {
                let _ = fact.context();
            }
            let collection = Collection::new(vec![deck]);
            for card in &collection.cards {
                let _ = collection.confusables(card);
            }
        }
        // Every problem renders, with its caret, inside the text.
        Err(problems) => {
            for problem in problems {
                let _ = problem.to_string();
            }
        }
    }
});

//! The checks `recall decks lint` makes of what a deck asks, beyond loading it: flaws a
//! student would notice in any teacher's deck. Pure: they look only at the collection.
use crate::{
    answer::{Expected, normalize},
    card::{Card, Collection, on_date},
    deck::{Deck, Fact, FactKind},
    error::Located,
};

/// Words that name the text a fact was taken from: a student has not read it.
const SOURCE_WORDS: [&str; 14] = [
    "the encyclopedia",
    "this encyclopedia",
    "the article",
    "this article",
    "the text ",
    "this text",
    "the document",
    "this document",
    "the listing",
    "this listing",
    "the source",
    "this source",
    "the passage",
    "according to the",
];

const STOP_WORDS: [&str; 12] = [
    "the", "a", "an", "of", "and", "in", "on", "at", "to", "for", "by", "with",
];

/// Every flaw found, as warnings at the fact they concern.
pub fn quality(collection: &Collection) -> Vec<Located> {
    let mut found = Vec::new();
    for deck in &collection.decks {
        if deck.facts.is_empty() {
            found.push(
                Located::at(&deck.path, &deck.text, 0, "the deck has no facts")
                    .help("add facts to it, or remove the file"),
            );
        }
    }
    for card in collection.cards.iter().filter(|c| c.is_typed()) {
        let deck = collection.deck(card);
        let fact = collection.fact(card);
        let warn = |message: String, help: &str, phrase: Option<&str>| {
            Located::at(
                &deck.path,
                &deck.text,
                place_of(deck, fact, phrase),
                message,
            )
            .help(help)
        };
        if let Some(words) = speaks_of_source(&card.prompt) {
            found.push(warn(
                format!(
                    "`{}` speaks of its source (`{words}`): {}",
                    card.id, card.prompt
                ),
                "ask about the history itself; a student has not read the source",
                Some(words.trim()),
            ));
        }
        if is_bare_date(card, fact) {
            found.push(warn(
                format!("`{}` asks only what happened at a date: {}", card.id, card.prompt),
                "give a cue (a place, who, what kind of happening) that makes one answer right, or ask when instead",
                None,
            ));
        }
        if let Some(given) = gives_away(card) {
            found.push(warn(
                format!(
                    "`{}` holds its own answer (`{given}`): {}",
                    card.id, card.prompt
                ),
                "reword the fact so that the question does not say what it asks",
                None,
            ));
        }
    }
    found.extend(clozes(collection));
    found.extend(same_sentence_and_date(collection));
    found.extend(same_cue(collection));
    found
}

/// The offset of `phrase` within the fact's table, else of the fact's id.
fn place_of(deck: &Deck, fact: &Fact, phrase: Option<&str>) -> usize {
    // A fact's span may cover only its `[[kind]]` header: read on to the next table.
    let rest = deck.text.get(fact.span.start..).unwrap_or_default();
    let table = rest
        .get(1..)
        .and_then(|r| r.find("\n[").map(|i| &rest[..i + 1]))
        .unwrap_or(rest);
    let lower = table.to_lowercase();
    phrase
        .and_then(|p| lower.find(&p.to_lowercase()))
        .filter(|&i| table.is_char_boundary(i))
        .or_else(|| table.find(&format!("\"{}\"", fact.id)).map(|i| i + 1))
        .map_or(fact.span.start, |i| fact.span.start + i)
}

fn speaks_of_source(prompt: &str) -> Option<&'static str> {
    let lower = format!("{} ", prompt.to_lowercase());
    SOURCE_WORDS.iter().copied().find(|w| lower.contains(w))
}

/// "What happened on 21 January 1968?": the date alone, which many happenings share.
fn is_bare_date(card: &Card, fact: &Fact) -> bool {
    let Some(date) = fact.date() else {
        return false;
    };
    let prompt = card.prompt.trim().trim_end_matches('?').trim();
    let Some(rest) = prompt
        .strip_prefix("What happened")
        .or_else(|| prompt.strip_prefix("what happened"))
    else {
        return false;
    };
    let rest = rest
        .replace(&on_date(&date), "")
        .replace(&date.to_string(), "");
    rest.split_whitespace()
        .all(|w| ["on", "in", "at", "during", "around"].contains(&w))
}

fn content_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .map(normalize)
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

/// The most words of `answer` that `prompt` says in a row.
fn longest_run(answer: &[String], prompt: &[String]) -> usize {
    let mut best = 0;
    for start in 0..answer.len() {
        for p in 0..prompt.len() {
            let run = answer[start..]
                .iter()
                .zip(&prompt[p..])
                .take_while(|(a, b)| a == b)
                .count();
            best = best.max(run);
        }
    }
    best
}

/// The answer, when the prompt says most of it in a row ("What happened at the Blue House?"
/// for "Blue House raid"; a one-word answer the prompt names).
fn gives_away(card: &Card) -> Option<String> {
    let prompt: Vec<String> = content_words(&card.prompt);
    let given = |answer: &str| {
        let words = content_words(answer);
        let run = longest_run(&words, &prompt);
        (!words.is_empty() && run * 3 >= words.len() * 2).then(|| answer.to_owned())
    };
    match &card.expected {
        Expected::Text(alternatives) => alternatives.iter().find_map(|a| given(a)),
        Expected::Names(people) => {
            let all: Vec<String> = people.iter().filter_map(|p| p.first()).cloned().collect();
            all.iter()
                .all(|name| given(name).is_some())
                .then(|| all.join(", "))
        }
        Expected::Date(date) => {
            let year = date.get_year().to_string();
            card.prompt
                .split(|c: char| !c.is_ascii_digit())
                .any(|n| n == year)
                .then_some(year)
        }
        Expected::Number(n) => {
            let n = n.to_string();
            card.prompt
                .split(|c: char| !c.is_ascii_digit())
                .any(|d| d == n)
                .then_some(n)
        }
    }
}

/// A cloze is its source's sentence: its text, deletions shown, is in its quote. Its numbers
/// run from 1 without a gap, so that no card is missing.
fn clozes(collection: &Collection) -> Vec<Located> {
    let mut found = Vec::new();
    for deck in &collection.decks {
        for fact in &deck.facts {
            let FactKind::Cloze { text, .. } = &fact.kind else {
                continue;
            };
            let warn = |message: String, help: &str| {
                Located::at(
                    &deck.path,
                    &deck.text,
                    place_of(deck, fact, Some("text")),
                    message,
                )
                .help(help)
            };
            let sentence = squash(&crate::cloze::revealed(text));
            let quote = squash(&fact.citation.quote);
            // An imported cloze quotes its note as the file had it, markers and all.
            if !quote.contains(&sentence) && !quote.contains(&squash(text)) {
                found.push(warn(
                    format!("`{}`: the cloze text is not its quote: {sentence}", fact.id),
                    "write the cloze from the quote, word for word, and mark the deletions in it",
                ));
            }
            let numbers = crate::cloze::numbers(text);
            if let Some(missing) =
                (1..=numbers.last().copied().unwrap_or(0)).find(|n| !numbers.contains(n))
            {
                found.push(warn(
                    format!("`{}` has no deletion c{missing}", fact.id),
                    "number the deletions c1, c2, … without a gap",
                ));
            }
        }
    }
    found
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Two dated facts drawn from one sentence at one date are one fact asked twice.
fn same_sentence_and_date(collection: &Collection) -> Vec<Located> {
    let mut found = Vec::new();
    let mut seen: Vec<(&Fact, String)> = Vec::new();
    for deck in &collection.decks {
        for fact in &deck.facts {
            let Some(date) = fact.date() else { continue };
            if matches!(fact.kind, FactKind::Leader { .. }) {
                continue;
            }
            let quote = squash(&fact.citation.quote);
            let twin = seen.iter().find(|(other, q)| {
                other.date() == Some(date)
                    && other.citation.source == fact.citation.source
                    && (q.contains(&quote) || quote.contains(q.as_str()))
            });
            if let Some((other, _)) = twin {
                found.push(
                    Located::at(
                        &deck.path,
                        &deck.text,
                        place_of(deck, fact, None),
                        format!(
                            "`{}` comes from the same sentence and date as `{}`",
                            fact.id, other.id
                        ),
                    )
                    .help("keep each fact in one place: merge the two, or date each by its own sentence"),
                );
            }
            seen.push((fact, quote));
        }
    }
    found
}

/// "What happened at the DMZ in August 2015?" is unfair when two facts fit that cue.
fn same_cue(collection: &Collection) -> Vec<Located> {
    let mut found = Vec::new();
    for card in collection.cards.iter().filter(|c| c.id.ends_with("/what")) {
        let fact = collection.fact(card);
        let FactKind::Incident {
            date,
            place,
            cue: None,
            ..
        } = &fact.kind
        else {
            continue;
        };
        let cue_place = place.as_deref().map(normalize).unwrap_or_default();
        let rivals: Vec<&Fact> = collection
            .decks
            .iter()
            .flat_map(|d| &d.facts)
            .filter(|other| other.id != fact.id)
            .filter(|other| match (&other.kind, other.date()) {
                (
                    FactKind::Event { place: p, .. } | FactKind::Incident { place: p, .. },
                    Some(d),
                ) => {
                    d.truncate(date.precision()) == *date
                        && p.as_deref()
                            .is_none_or(|p| cue_place.is_empty() || normalize(p) == cue_place)
                }
                _ => false,
            })
            .collect();
        if let Some(rival) = rivals.first() {
            let deck = collection.deck(card);
            found.push(
                Located::at(
                    &deck.path,
                    &deck.text,
                    place_of(deck, fact, None),
                    format!(
                        "`{}` asks what happened {}{}, but `{}` fits that too: {}",
                        card.id,
                        place.as_ref().map(|p| format!("at {p} ")).unwrap_or_default(),
                        on_date(date),
                        rival.id,
                        card.prompt
                    ),
                )
                .help("give the question a cue only this fact fits (a more precise date, a place, who), or ask when instead"),
            );
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::parse_deck;

    fn lint(facts: &str) -> Vec<String> {
        let text = format!(
            "[deck]\nid = \"t\"\ntitle = \"T\"\n[[source]]\nid = \"s\"\ntitle = \"S\"\n{facts}"
        );
        let deck = parse_deck("t.toml", &text).expect("the test deck loads");
        quality(&Collection::new(vec![deck]))
            .into_iter()
            .map(|l| format!("{}: {}", l.line, l.message))
            .collect()
    }

    const SRC: &str = "source = { ref = \"s\", quote = \"q\" }";

    #[test]
    fn a_deck_with_no_facts_is_flagged() {
        assert_eq!(lint(""), ["1: the deck has no facts"]);
    }

    #[test]
    fn a_prompt_that_speaks_of_its_source_is_flagged() {
        let bad = lint(&format!(
            "[[event]]\nid = \"e\"\ndate = \"1994\"\nwhat = \"The first of the six announcements the encyclopedia lists was made.\"\n{SRC}\n"
        ));
        assert_eq!(bad.len(), 1, "{bad:?}");
        assert!(
            bad[0].starts_with("10: `e/when` speaks of its source"),
            "{bad:?}"
        );
        let good = lint(&format!(
            "[[event]]\nid = \"e\"\ndate = \"1994\"\nwhat = \"North Korea announced it would leave the armistice.\"\n{SRC}\n"
        ));
        assert!(good.is_empty(), "{good:?}");
    }

    #[test]
    fn a_bare_what_happened_is_flagged_and_a_place_is_a_cue() {
        let bare = lint(&format!(
            "[[incident]]\nid = \"i\"\nname = \"border shooting\"\ndate = 1968-01-21\nsummary = \"Shots.\"\n{SRC}\n"
        ));
        assert!(
            bare.iter()
                .any(|w| w.contains("`i/what` asks only what happened at a date")),
            "{bare:?}"
        );
        let cued = lint(&format!(
            "[[incident]]\nid = \"i\"\nname = \"border shooting\"\ndate = 1968-01-21\nplace = \"Panmunjom\"\nsummary = \"Shots.\"\n{SRC}\n"
        ));
        assert!(cued.is_empty(), "{cued:?}");
    }

    #[test]
    fn a_prompt_holding_its_answer_is_flagged() {
        let bad = lint(&format!(
            "[[incident]]\nid = \"raid\"\nname = \"Blue House raid\"\ndate = 1968-01-21\nplace = \"the Blue House\"\nsummary = \"Commandos attacked.\"\n{SRC}\n"
        ));
        assert!(
            bad.iter()
                .any(|w| w.contains("`raid/what` holds its own answer")),
            "{bad:?}"
        );
        let year = lint(&format!(
            "[[event]]\nid = \"e\"\ndate = \"2018\"\nwhat = \"At the 2018 Olympics the two Koreas marched together.\"\n{SRC}\n"
        ));
        assert!(
            year.iter()
                .any(|w| w.contains("`e/when` holds its own answer (`2018`)")),
            "{year:?}"
        );
        let good = lint(&format!(
            "[[incident]]\nid = \"raid\"\nname = \"Blue House raid\"\ndate = 1968-01-21\nplace = \"Seoul\"\nsummary = \"Commandos attacked.\"\n{SRC}\n\
             [[event]]\nid = \"e\"\ndate = \"2018\"\nwhat = \"At the Olympics in Pyeongchang the two Koreas marched together.\"\nsource = {{ ref = \"s\", quote = \"other\" }}\n"
        ));
        assert!(good.is_empty(), "{good:?}");
    }

    #[test]
    fn a_cloze_is_its_quote_without_gaps_or_giveaways() {
        let cloze = |text: &str, quote: &str| {
            lint(&format!(
                "[[cloze]]\nid = \"c\"\ntext = \"{text}\"\nsource = {{ ref = \"s\", quote = \"{quote}\" }}\n"
            ))
        };
        let good = cloze(
            "{{c1::Kim Il Sung}} founded the {{c2::DPRK}}.",
            "In 1948 Kim Il Sung founded the DPRK.",
        );
        assert!(good.is_empty(), "{good:?}");
        assert_eq!(
            cloze(
                "{{c1::Kim Il Sung}} founded it.",
                "Kim Il Sung founded the DPRK."
            ),
            ["9: `c`: the cloze text is not its quote: Kim Il Sung founded it."]
        );
        assert_eq!(
            cloze("{{c1::Kim}} and {{c3::Rhee}}.", "Kim and Rhee."),
            ["9: `c` has no deletion c2"]
        );
        let given = cloze(
            "{{c1::Kim Il Sung}} named his son after {{c2::Kim Il Sung}}.",
            "Kim Il Sung named his son after Kim Il Sung.",
        );
        assert!(
            given
                .iter()
                .any(|w| w.contains("`c/c1` holds its own answer")),
            "{given:?}"
        );
        let year = cloze(
            "It ended in {{c1::1953}}, the year 1953.",
            "It ended in 1953, the year 1953.",
        );
        assert!(
            year.iter()
                .any(|w| w.contains("`c/c1` holds its own answer (`1953`)")),
            "{year:?}"
        );
    }

    #[test]
    fn two_facts_of_one_sentence_and_date_are_flagged() {
        let twice = lint(&format!(
            "[[event]]\nid = \"a\"\ndate = \"1983\"\nwhat = \"A proposal was made.\"\n{SRC}\n\
             [[event]]\nid = \"b\"\ndate = \"1983\"\nwhat = \"An attempt was made.\"\n{SRC}\n"
        ));
        assert!(
            twice
                .iter()
                .any(|w| w.contains("`b` comes from the same sentence and date as `a`")),
            "{twice:?}"
        );
        let listed = lint(&format!(
            "[[event]]\nid = \"a\"\ndate = \"1994\"\nwhat = \"A proposal was made.\"\n{SRC}\n\
             [[event]]\nid = \"b\"\ndate = \"1996\"\nwhat = \"An attempt was made.\"\n{SRC}\n"
        ));
        assert!(listed.is_empty(), "{listed:?}");
    }

    #[test]
    fn a_cue_that_two_facts_fit_is_flagged() {
        let shared = lint(&format!(
            "[[incident]]\nid = \"mine\"\nname = \"mine blast\"\ndate = \"2015-08\"\nplace = \"the DMZ\"\nsummary = \"Two soldiers were maimed.\"\n{SRC}\n\
             [[event]]\nid = \"shells\"\ndate = 2015-08-20\nplace = \"the DMZ\"\nwhat = \"Shells were fired across the border.\"\nsource = {{ ref = \"s\", quote = \"other\" }}\n"
        ));
        assert!(
            shared
                .iter()
                .any(|w| w.contains("`mine/what` asks what happened at the DMZ in August 2015, but `shells` fits that too")),
            "{shared:?}"
        );
        let apart = lint(&format!(
            "[[incident]]\nid = \"mine\"\nname = \"mine blast\"\ndate = \"2015-08\"\nplace = \"the DMZ\"\nsummary = \"Two soldiers were maimed.\"\n{SRC}\n\
             [[event]]\nid = \"shells\"\ndate = 2015-09-20\nplace = \"the DMZ\"\nwhat = \"Shells were fired across the border.\"\nsource = {{ ref = \"s\", quote = \"other\" }}\n"
        ));
        assert!(apart.is_empty(), "{apart:?}");
    }
}

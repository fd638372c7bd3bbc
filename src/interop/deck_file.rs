//! An imported file as a deck: one `[[card]]` a row, each citing the file.
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::Row;

/// What the deck is called and what it cites.
pub struct DeckMeta {
    pub id: String,
    pub title: String,
    /// The imported file's name, for the source's title.
    pub file_name: String,
}

/// The id of the `[[source]]` every imported card cites.
pub const SOURCE_ID: &str = "import";

#[derive(Serialize)]
struct DeckFile<'a> {
    deck: DeckTable<'a>,
    source: [SourceTable; 1],
    card: Vec<CardTable<'a>>,
}

#[derive(Serialize)]
struct DeckTable<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct SourceTable {
    id: &'static str,
    title: String,
}

#[derive(Serialize)]
struct CardTable<'a> {
    id: String,
    prompt: &'a str,
    answer: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    accept: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    guid: Option<&'a str>,
    source: Citation<'a>,
}

#[derive(Serialize)]
struct Citation<'a> {
    #[serde(rename = "ref")]
    reference: &'static str,
    quote: &'a str,
}

/// The deck file for `rows`, written by the TOML serializer so that every
/// quote, backslash and newline is escaped.
pub fn deck_toml(meta: &DeckMeta, rows: &[Row]) -> String {
    let mut ids: Vec<String> = Vec::with_capacity(rows.len());
    for row in rows {
        let base = slug(&row.prompt, 48);
        let base = if base.is_empty() { "card".into() } else { base };
        let mut id = base.clone();
        let mut n = 1;
        while ids.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        ids.push(id);
    }
    let file = DeckFile {
        deck: DeckTable {
            id: &meta.id,
            title: &meta.title,
        },
        source: [SourceTable {
            id: SOURCE_ID,
            title: format!("{} (imported file)", meta.file_name),
        }],
        card: rows
            .iter()
            .zip(ids)
            .map(|(row, id)| CardTable {
                id,
                prompt: &row.prompt,
                answer: &row.answer,
                accept: &row.accept,
                explain: row.explain.as_deref(),
                tags: &row.tags,
                guid: row.guid.as_deref(),
                source: Citation {
                    reference: SOURCE_ID,
                    quote: &row.raw,
                },
            })
            .collect(),
    };
    toml::to_string_pretty(&file).expect("a deck of strings serialises")
}

/// Lowercase ASCII letters and digits joined by `-`, at most `max` bytes, cut
/// at a word: "When was the Korean Armistice signed?" → `when-was-the-korean-armistice-signed`.
/// Accents are dropped (`Chosŏn` → `choson`); other scripts give nothing.
pub fn slug(text: &str, max: usize) -> String {
    let plain: String = text
        .nfkd()
        .filter(char::is_ascii)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let mut out = String::new();
    for word in plain
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() && out.len() + 1 + word.len() > max {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    out.truncate(max);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::{FactKind, parse_deck};

    #[test]
    fn slugs_read_well() {
        assert_eq!(
            slug("When was the Korean Armistice Agreement signed?", 48),
            "when-was-the-korean-armistice-agreement-signed"
        );
        assert_eq!(slug("Chosŏn's \"capital\"", 48), "choson-s-capital");
        assert_eq!(slug("조선", 48), "");
        assert_eq!(slug("a very long prompt indeed", 10), "a-very");
    }

    #[test]
    fn the_deck_loads_and_escapes_what_needs_it() {
        let rows = vec![
            Row {
                line: 2,
                raw: "\"Say \"\"hi\"\"\",a\\b".into(),
                prompt: "Say \"hi\"".into(),
                answer: "a\\b".into(),
                accept: vec!["ab".into()],
                tags: vec!["t".into()],
                explain: Some("two\nlines".into()),
                guid: Some("g#1".into()),
            },
            Row {
                line: 3,
                raw: "say hi,x".into(),
                prompt: "Say hi!".into(),
                answer: "x".into(),
                ..Row::default()
            },
        ];
        let meta = DeckMeta {
            id: "imported".into(),
            title: "Imported \"deck\"".into(),
            file_name: "cards.csv".into(),
        };
        let text = deck_toml(&meta, &rows);
        let deck = parse_deck("out.toml", &text).unwrap_or_else(|p| panic!("{p:?}\n{text}"));
        assert_eq!(deck.title, "Imported \"deck\"");
        let ids: Vec<&str> = deck.facts.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["say-hi", "say-hi-2"]);
        assert_eq!(deck.facts[0].citation.quote, rows[0].raw);
        match &deck.facts[0].kind {
            FactKind::Card {
                prompt,
                answer,
                explain,
                guid,
                ..
            } => {
                assert_eq!((prompt.as_str(), answer.as_str()), ("Say \"hi\"", "a\\b"));
                assert_eq!(explain.as_deref(), Some("two\nlines"));
                assert_eq!(guid.as_deref(), Some("g#1"));
            }
            _ => panic!("not a card"),
        }
    }
}

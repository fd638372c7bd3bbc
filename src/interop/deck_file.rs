//! An imported file as a deck: one `[[card]]` a row, each citing the file.
use std::{borrow::Borrow, collections::HashMap};

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::Row;

/// What the deck is called and what it cites.
pub struct DeckMeta {
    pub id: String,
    pub title: String,
    /// The imported file's name, for the source's title.
    pub file_name: String,
    /// The Anki note types of its rows.
    pub note_types: Vec<crate::deck::AnkiNoteType>,
}

/// The id of the `[[source]]` every imported card cites.
pub const SOURCE_ID: &str = "import";

#[derive(Serialize)]
struct DeckFile<'a> {
    deck: DeckTable<'a>,
    source: [SourceTable; 1],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    note_type: &'a [crate::deck::AnkiNoteType],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    card: Vec<CardTable<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    cloze: Vec<ClozeTable<'a>>,
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
    #[serde(skip_serializing_if = "Option::is_none")]
    grade: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    anki: Option<&'a crate::deck::AnkiOrigin>,
    source: Citation<'a>,
}

#[derive(Serialize)]
struct ClozeTable<'a> {
    id: String,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    guid: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    anki: Option<&'a crate::deck::AnkiOrigin>,
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
    let ids = fact_ids(rows);
    deck_toml_with_ids(meta, rows, &ids)
}

/// The deck file for `rows` with the fact ids `ids` (one a row).
pub fn deck_toml_with_ids<R: std::borrow::Borrow<Row>>(
    meta: &DeckMeta,
    rows: &[R],
    ids: &[String],
) -> String {
    let rows = || rows.iter().map(Borrow::borrow).zip(ids);
    let file = DeckFile {
        deck: DeckTable {
            id: &meta.id,
            title: &meta.title,
        },
        source: [SourceTable {
            id: SOURCE_ID,
            title: format!("{} (imported file)", meta.file_name),
        }],
        note_type: &meta.note_types,
        cloze: rows()
            .filter_map(|(row, id): (&Row, _)| {
                Some(ClozeTable {
                    id: id.clone(),
                    text: row.cloze.as_deref()?,
                    explain: row.explain.as_deref(),
                    tags: &row.tags,
                    guid: row.guid.as_deref(),
                    anki: row.anki.as_ref(),
                    source: Citation {
                        reference: SOURCE_ID,
                        quote: &row.raw,
                    },
                })
            })
            .collect(),
        card: rows()
            .filter(|(row, _)| row.cloze.is_none())
            .map(|(row, id): (&Row, _)| CardTable {
                id: id.clone(),
                prompt: &row.prompt,
                answer: &row.answer,
                accept: &row.accept,
                explain: row.explain.as_deref(),
                tags: &row.tags,
                guid: row.guid.as_deref(),
                grade: row.grade,
                anki: row.anki.as_ref(),
                source: Citation {
                    reference: SOURCE_ID,
                    quote: &row.raw,
                },
            })
            .collect(),
    };
    toml::to_string_pretty(&file).expect("a deck of strings serialises")
}

/// Each row's fact id, from what the row says and never from where it stands,
/// so that an edited or reordered file keeps its ids, and so its progress:
/// from the Anki GUID when there is one, else a slug of the prompt, with a
/// short hash of the prompt where the slug leaves letters out (other scripts)
/// or two prompts give the same slug. A note's further cards add their suffix.
pub fn fact_ids(rows: &[Row]) -> Vec<String> {
    let base: Vec<String> = rows.iter().map(base_id).collect();
    let mut count: HashMap<&str, usize> = HashMap::with_capacity(rows.len());
    for id in &base {
        *count.entry(id.as_str()).or_default() += 1;
    }
    let mut ids: Vec<String> = rows
        .iter()
        .zip(&base)
        .map(|(row, id)| {
            if count[id.as_str()] > 1 && row.guid.is_none() {
                format!("{id}-{}", exact_hash(&row.prompt))
            } else {
                id.clone()
            }
        })
        .collect();
    // The same prompt in two Anki decks: told apart by the deck.
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(rows.len());
    for id in &ids {
        *seen.entry(id.clone()).or_default() += 1;
    }
    for (row, id) in rows.iter().zip(ids.iter_mut()) {
        if seen[id.as_str()] > 1 {
            let deck = row.deck.as_deref().unwrap_or("");
            *id = format!(
                "{id}-{}",
                short_hash(&format!("{deck}\u{1f}{}", row.prompt))
            );
        }
    }
    make_unique(rows, &mut ids);
    ids
}

/// Whatever the rules above leave shared (one Anki GUID on two notes whose prompts differ
/// only in case, a prompt whose slug reads like another row's id and hash) is told apart by
/// the whole row, then by its place among rows alike in everything: a deck never holds an id
/// twice.
fn make_unique(rows: &[Row], ids: &mut [String]) {
    let mut count: HashMap<&str, usize> = HashMap::with_capacity(ids.len());
    for id in ids.iter() {
        *count.entry(id.as_str()).or_default() += 1;
    }
    let shared: Vec<usize> = (0..ids.len())
        .filter(|&i| count[ids[i].as_str()] > 1)
        .collect();
    if shared.is_empty() {
        return;
    }
    let mut taken: std::collections::HashSet<String> = ids
        .iter()
        .filter(|id| count[id.as_str()] == 1)
        .cloned()
        .collect();
    for i in shared {
        let row = &rows[i];
        let hash = exact_hash(&format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}",
            row.deck.as_deref().unwrap_or(""),
            row.prompt,
            row.answer,
            row.suffix.as_deref().unwrap_or("")
        ));
        let mut unique = format!("{}-{hash}", ids[i]);
        let mut n = 1;
        while !taken.insert(unique.clone()) {
            n += 1;
            unique = format!("{}-{hash}-{n}", ids[i]);
        }
        ids[i] = unique;
    }
}

fn base_id(row: &Row) -> String {
    if let Some(id) = row.id.as_ref().filter(|id| is_id(id)) {
        return id.clone();
    }
    let mut id = match &row.guid {
        Some(guid) => format!("anki-{}", &super::guid_for(guid)[..12]),
        None => {
            let slug = slug(&row.prompt, 48);
            if slug.is_empty() {
                format!("card-{}", short_hash(&row.prompt))
            } else if leaves_letters_out(&row.prompt) {
                format!("{slug}-{}", short_hash(&row.prompt))
            } else {
                slug
            }
        }
    };
    if let Some(suffix) = &row.suffix {
        id.push('-');
        id.push_str(suffix);
    }
    id
}

/// Whether `id` is a fact id as decks write them: lowercase letters, digits and `-`.
pub(super) fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-')
}

/// Whether a slug of `text` drops letters or digits (of other scripts than Latin).
fn leaves_letters_out(text: &str) -> bool {
    text.nfkd().any(|c| c.is_alphanumeric() && !c.is_ascii())
}

/// Eight hex digits of a hash of the text as it is.
fn exact_hash(text: &str) -> String {
    let normal: String = text.nfc().collect();
    format!("{:08x}", super::fnv1a(&normal) >> 32)
}

/// Eight hex digits of a hash of the normalised text.
fn short_hash(text: &str) -> String {
    let normal: String = text.nfc().flat_map(char::to_lowercase).collect();
    format!("{:08x}", super::fnv1a(normal.trim()) >> 32)
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

    proptest::proptest! {
        /// Reordering a file's rows never changes a card's id, in any script.
        #[test]
        fn shuffling_rows_never_changes_an_id(
            prompts in proptest::collection::hash_set(
                proptest::string::string_regex("[a-c가나다ЖЯ朝 ?!]{1,6}").unwrap(), 1..30),
            guids in proptest::collection::vec(proptest::bool::ANY, 30),
            seed in 0u64..1000,
        ) {
            use rand::{SeedableRng, seq::SliceRandom};
            let rows: Vec<Row> = prompts
                .iter()
                .zip(&guids)
                .enumerate()
                .map(|(i, (p, g))| Row {
                    prompt: p.clone(),
                    line: i + 1,
                    guid: g.then(|| format!("g{p}")),
                    ..Row::default()
                })
                .collect();
            let ids = fact_ids(&rows);
            let unique: std::collections::HashSet<&String> = ids.iter().collect();
            proptest::prop_assert_eq!(unique.len(), ids.len());
            let mut shuffled: Vec<(Row, String)> = rows.into_iter().zip(ids).collect();
            shuffled.shuffle(&mut rand::rngs::StdRng::seed_from_u64(seed));
            let (rows, before): (Vec<Row>, Vec<String>) = shuffled.into_iter().unzip();
            let after = fact_ids(&rows);
            proptest::prop_assert_eq!(&before, &after);
            for id in &after {
                proptest::prop_assert!(id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "{}", id);
            }
        }
    }

    proptest::proptest! {
        /// However rows repeat GUIDs, given ids, prompts (in any case) and decks, no id is
        /// given twice, and the same rows give the same ids.
        #[test]
        fn no_id_is_given_twice(
            rows in proptest::collection::vec(
                (
                    proptest::string::string_regex("[aA가 ]{1,3}").unwrap(),
                    proptest::option::of(proptest::sample::select(vec!["g1", "g2"])),
                    proptest::option::of(proptest::sample::select(vec!["x", "x-1", "a"])),
                    proptest::option::of(proptest::sample::select(vec!["A", "B"])),
                    proptest::option::of(proptest::sample::select(vec!["reversed", "c1"])),
                    proptest::sample::select(vec!["1", "2"]),
                ),
                1..40,
            ),
        ) {
            let rows: Vec<Row> = rows
                .into_iter()
                .enumerate()
                .map(|(i, (prompt, guid, id, deck, suffix, answer))| Row {
                    line: i + 1,
                    prompt,
                    answer: answer.into(),
                    guid: guid.map(Into::into),
                    id: id.map(Into::into),
                    deck: deck.map(Into::into),
                    suffix: suffix.map(Into::into),
                    ..Row::default()
                })
                .collect();
            let ids = fact_ids(&rows);
            let unique: std::collections::HashSet<&String> = ids.iter().collect();
            proptest::prop_assert_eq!(unique.len(), ids.len(), "{:?}", ids);
            proptest::prop_assert!(ids.iter().all(|id| is_id(id)), "{:?}", ids);
            proptest::prop_assert_eq!(&ids, &fact_ids(&rows));
        }
    }

    #[test]
    fn one_guid_on_prompts_that_differ_in_case_gives_two_ids() {
        // The import_anki_text fuzz target's find: both notes became `anki-…-a5023323`.
        let row = |prompt: &str, line| Row {
            line,
            prompt: prompt.into(),
            answer: "the line dividing Korea in 1945".into(),
            guid: Some("kw-38th".into()),
            ..Row::default()
        };
        let rows = [row("38th parallel", 2), row("38TH PARALLEL", 5)];
        let ids = fact_ids(&rows);
        assert_ne!(ids[0], ids[1]);
        assert!(ids.iter().all(|id| id.starts_with("anki-")), "{ids:?}");
        // From what the rows say: the same in another order.
        let swapped = fact_ids(&[rows[1].clone(), rows[0].clone()]);
        assert_eq!((&swapped[1], &swapped[0]), (&ids[0], &ids[1]));
    }

    #[test]
    fn rows_alike_in_everything_still_get_ids_of_their_own() {
        let row = Row {
            prompt: "Who?".into(),
            answer: "Kim".into(),
            id: Some("who".into()),
            ..Row::default()
        };
        let ids = fact_ids(&[row.clone(), row.clone(), row]);
        let unique: std::collections::HashSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), 3, "{ids:?}");
    }

    #[test]
    fn ids_of_other_scripts_are_hashes_not_positions() {
        let row = |p: &str| Row {
            prompt: p.into(),
            ..Row::default()
        };
        let ids = fact_ids(&[
            row("조선을 건국한 사람은?"),
            row("대한민국의 수도는?"),
            row("Chosŏn?"),
        ]);
        assert!(ids[0].starts_with("card-") && ids[1].starts_with("card-"));
        assert_ne!(ids[0], ids[1]);
        assert_eq!(ids[2], "choson");
        assert_eq!(fact_ids(&[row("대한민국의 수도는?")])[0], ids[1]);
    }

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
                ..Row::default()
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
            note_types: Vec::new(),
        };
        let text = deck_toml(&meta, &rows);
        let deck = parse_deck("out.toml", &text).unwrap_or_else(|p| panic!("{p:?}\n{text}"));
        assert_eq!(deck.title, "Imported \"deck\"");
        let ids: Vec<&str> = deck.facts.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(
            ids[0],
            format!("anki-{}", &crate::interop::guid_for("g#1")[..12])
        );
        assert_eq!(ids[1], "say-hi");
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

//! Other programs' card files: Quizlet, Anki text and CSV read into decks;
//! Anki packages, Anki text and CSV written from decks.
//!
//! The types here are the files' own, apart from the domain types, so that a
//! file format stays put while the rest of the code changes.
pub mod anki_note;
pub mod anki_text;
pub mod apkg;
pub mod csv;
mod deck_file;
pub mod delimited;
pub mod html;
pub mod package;
pub mod quizlet;

use std::{
    collections::HashMap,
    fs,
    io::{self, Write},
    path::Path,
};

pub use deck_file::{DeckMeta, deck_toml, deck_toml_with_ids, fact_ids, slug};

use crate::{
    answer::{Expected, normalize},
    card::Collection,
    deck::FactKind,
    error::{Error, Located, Result},
};

/// One card read from another program's file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    /// The 1-based line the row starts on.
    pub line: usize,
    /// The row as it stands in the file, without its line ending.
    pub raw: String,
    pub prompt: String,
    pub answer: String,
    pub accept: Vec<String>,
    pub tags: Vec<String>,
    pub explain: Option<String>,
    /// Anki's note id, kept so that a later export updates the same note.
    pub guid: Option<String>,
    /// The Anki deck it is in, when the file says: each becomes a recall deck.
    pub deck: Option<String>,
    /// The Anki note type it came from, when the file says.
    pub note_type: Option<String>,
    /// Which of its note's cards it is (`reversed`, `c2`): one note, several cards.
    pub suffix: Option<String>,
    /// The fact id the file gives (an `id` column), kept when it is a valid id.
    pub id: Option<String>,
    /// `date` or `self` when the answer is checked so (see [`Row::choose_grade`]).
    pub grade: Option<&'static str>,
    /// A cloze note's text with its `{{c1::…}}` deletions: the row is a `[[cloze]]` fact,
    /// its prompt the whole sentence and its answer every deletion.
    pub cloze: Option<String>,
    /// The Anki note of a package it came from, for exports back to Anki.
    pub anki: Option<crate::deck::AnkiOrigin>,
}

impl Row {
    /// The hash of what the row's card says, as [`crate::deck::AnkiOrigin::hash`] keeps it.
    pub fn content_hash(&self) -> String {
        crate::deck::AnkiOrigin::hash_of(&[
            self.cloze.as_deref().unwrap_or(&self.prompt),
            if self.cloze.is_some() {
                ""
            } else {
                &self.answer
            },
            self.explain.as_deref().unwrap_or(""),
        ])
    }
}

impl Row {
    /// An answer that is only a date is checked as a date; a long definition (more than
    /// six words) is a flip card, shown and self-graded, unless `typed`.
    pub fn choose_grade(&mut self, typed: bool) {
        if self.cloze.is_some() {
            return;
        }
        let words = self.answer.split_whitespace().count();
        self.grade = if crate::date::only_a_date(&self.answer).is_some() {
            Some("date")
        } else if words > 6 && !typed {
            Some("self")
        } else {
            None
        };
    }
}

/// What reading a file gave: its cards, and the rows that cannot be cards.
#[derive(Debug, Default)]
pub struct Parsed {
    pub rows: Vec<Row>,
    pub problems: Vec<Located>,
    /// Things imported but not as the file had them (a note type recall does not know).
    pub warnings: Vec<String>,
    /// The Anki note types of a package's notes.
    pub note_types: Vec<crate::deck::AnkiNoteType>,
    /// Each (deck, prompt) asked so far, and its row.
    asked: HashMap<(Option<String>, String), usize>,
    /// Each Anki GUID and fact id given so far, and the line of its note.
    named: HashMap<(bool, String), usize>,
}

impl Parsed {
    fn problem(&mut self, path: &str, line: usize, message: String, help: &str) {
        self.problems.push(line_problem(path, line, message, help));
    }

    /// Checks what every format requires of a row, then keeps it or reports it.
    fn push(&mut self, path: &str, row: Row) {
        if row.prompt.is_empty() {
            self.problem(
                path,
                row.line,
                "the row has no prompt".into(),
                "write the question in the first column, or delete the row",
            );
        } else if row.answer.is_empty() {
            self.problem(
                path,
                row.line,
                format!("`{}` has no answer", row.prompt),
                "write the answer in the second column, or delete the row",
            );
        } else {
            let key = (row.deck.clone(), row.prompt.clone());
            if let Some(&first) = self.asked.get(&key) {
                let first = self.rows[first].line;
                self.problem(
                    path,
                    row.line,
                    format!("`{}` is asked on line {first} already", row.prompt),
                    "a question needs one right answer: merge the two rows or reword one prompt",
                );
            } else {
                self.name_once(path, &row);
                self.asked.insert(key, self.rows.len());
                self.rows.push(row);
            }
        }
    }

    /// Warns of a GUID or fact id that an earlier note gave already. Anki itself adds both
    /// notes of a file that repeats a GUID, and a repeat asking the same was left out above,
    /// so this one asks something else: it is kept, as a card of its own (its id is made
    /// unique from what it says, see [`fact_ids`]), and nothing the file holds is lost.
    fn name_once(&mut self, path: &str, row: &Row) {
        let names = [
            row.guid.as_ref().map(|g| (false, g)),
            row.id
                .as_ref()
                .filter(|id| deck_file::is_id(id))
                .map(|id| (true, id)),
        ];
        for (is_id, name) in names.into_iter().flatten() {
            let first = *self.named.entry((is_id, name.clone())).or_insert(row.line);
            // A note's further cards (reversed, c2) share its GUID and its line.
            if first != row.line {
                let (note, what, like) = if is_id {
                    ("row", "fact id", "")
                } else {
                    ("note", "Anki GUID", ", as Anki does")
                };
                let warning = format!(
                    "{path}:{}: the {note} on line {first} has the same {what} `{}`; both are imported{like}, each with an id made from its text",
                    row.line,
                    crate::show::value(name)
                );
                if self.warnings.last() != Some(&warning) {
                    self.warnings.push(warning);
                }
            }
        }
    }
}

/// "1 column", "3 columns".
pub fn columns(n: usize) -> String {
    format!("{n} column{}", if n == 1 { "" } else { "s" })
}

/// A problem with a whole line of a file: `path:line: message`.
pub fn line_problem(path: &str, line: usize, message: String, help: &str) -> Located {
    Located {
        path: path.to_owned(),
        line,
        column: 0,
        message,
        help: Some(help.to_owned()),
        snippet: None,
    }
}

/// One card as other programs get it.
#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    /// Anki's note id: the card's `guid`, else derived from the card id (a cloze's from its
    /// fact id: one note holds all its cards).
    pub guid: String,
    pub card: String,
    pub fact: String,
    pub deck: String,
    pub deck_title: String,
    pub prompt: String,
    pub answer: String,
    /// Other answers that count.
    pub accept: Vec<String>,
    pub source_title: String,
    pub quote: String,
    pub tags: Vec<String>,
    /// Shown after the answer: a card's `explain`, else the teacher's note.
    pub explain: Option<String>,
    /// A cloze fact's text with its deletions, and the number of this card.
    pub cloze: Option<(String, u32)>,
    /// The Anki note it was imported from, its note type, and whether it changed since.
    pub anki: Option<(crate::deck::AnkiOrigin, crate::deck::AnkiNoteType, bool)>,
    /// When its deck file was last changed (seconds), when known: a changed note's time.
    pub modified: Option<i64>,
    key: String,
}

/// What an Anki note is one of: an imported note's cards (a reversed card, a cloze's
/// numbers) are that note (by GUID and fields, as a file may repeat a GUID on two notes),
/// a cloze fact's cards are one note, any other card is a note of its own.
fn note_key(
    card: &str,
    fact: &str,
    guid: &str,
    anki: Option<&crate::deck::AnkiOrigin>,
    cloze: bool,
) -> String {
    match anki {
        Some(origin) => format!("{guid}\u{1f}{:016x}", fnv1a(&origin.fields.join("\u{1f}"))),
        None if cloze => fact.to_owned(),
        None => card.to_owned(),
    }
}

impl Note {
    /// Forgets the Anki note type of a note read from a text export, which names it only:
    /// a package cannot carry a note type without its id.
    pub fn without_named_note_type(mut self) -> Self {
        if self.anki.as_ref().is_some_and(|(_, t, _)| t.id < 0) {
            self.anki = None;
            self.key = note_key(
                &self.card,
                &self.fact,
                &self.guid,
                None,
                self.cloze.is_some(),
            );
        }
        self
    }

    /// What the Anki note is one of (see [`note_key`]).
    pub fn note_key(&self) -> &str {
        &self.key
    }

    /// The name of the Anki deck the note goes to.
    pub fn anki_deck(&self) -> String {
        format!("recall::{}", self.deck_title)
    }

    /// Anki's tags for the note: the fact's tags and the deck id, with no spaces.
    pub fn anki_tags(&self) -> Vec<String> {
        self.tags
            .iter()
            .chain(std::iter::once(&self.deck))
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join("_"))
            .collect()
    }

    /// The quote and where it is from, as one line.
    pub fn source_line(&self) -> String {
        format!("“{}” ({})", self.quote, self.source_title)
    }
}

/// The notes of the collection's cards `selected`, in order.
pub fn notes(collection: &Collection, selected: &[usize]) -> Vec<Note> {
    selected
        .iter()
        .map(|&i| {
            let card = &collection.cards[i];
            let deck = collection.deck(card);
            let fact = collection.fact(card);
            let source_title = deck
                .sources
                .iter()
                .find(|s| s.id == fact.citation.source)
                .map_or_else(|| fact.citation.source.clone(), |s| s.title.clone());
            let accept = match &card.expected {
                Expected::Text(alternatives) => alternatives
                    .iter()
                    .filter(|a| normalize(a) != normalize(&card.answer))
                    .cloned()
                    .collect(),
                _ => Vec::new(),
            };
            let guid = match &fact.kind {
                FactKind::Card {
                    guid: Some(guid), ..
                }
                | FactKind::Cloze {
                    guid: Some(guid), ..
                } => guid.clone(),
                FactKind::Cloze { .. } => guid_for(&fact.id),
                _ => guid_for(&card.id),
            };
            let explain = match &fact.kind {
                FactKind::Card {
                    explain: Some(e), ..
                }
                | FactKind::Cloze {
                    explain: Some(e), ..
                } => Some(e.clone()),
                _ => fact.note.clone(),
            };
            let cloze = match &fact.kind {
                FactKind::Cloze { text, .. } => card
                    .id
                    .rsplit_once("/c")
                    .and_then(|(_, n)| n.parse().ok())
                    .map(|n| (text.clone(), n)),
                _ => None,
            };
            let anki = match &fact.kind {
                FactKind::Card {
                    prompt,
                    answer,
                    explain,
                    anki: Some(origin),
                    ..
                } => Some((
                    origin,
                    [prompt.as_str(), answer, explain.as_deref().unwrap_or("")],
                )),
                FactKind::Cloze {
                    text,
                    explain,
                    anki: Some(origin),
                    ..
                } => Some((
                    origin,
                    [text.as_str(), "", explain.as_deref().unwrap_or("")],
                )),
                _ => None,
            }
            .and_then(|(origin, said)| {
                let note_type = deck.note_types.iter().find(|t| t.id == origin.note_type)?;
                let changed = crate::deck::AnkiOrigin::hash_of(&said) != origin.hash;
                Some((origin.clone(), note_type.clone(), changed))
            });
            Note {
                key: note_key(
                    &card.id,
                    &fact.id,
                    &guid,
                    anki.as_ref().map(|a| &a.0),
                    cloze.is_some(),
                ),
                guid,
                card: card.id.clone(),
                fact: fact.id.clone(),
                explain,
                cloze,
                anki,
                modified: None,
                deck: deck.id.clone(),
                deck_title: deck.title.clone(),
                prompt: card.prompt.clone(),
                answer: card.answer.clone(),
                accept,
                source_title,
                quote: fact.citation.quote.clone(),
                tags: fact.tags.clone(),
            }
        })
        .collect()
}

/// A stable Anki note id for a card id: 64 bits of hash, in hex. Anki matches
/// notes by it, so importing a newer export updates the notes it made before.
pub fn guid_for(card_id: &str) -> String {
    // FNV-1a, then SplitMix64's finaliser so that similar ids give unlike GUIDs.
    let mut x = fnv1a(&format!("recall:{card_id}"));
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    format!("{:016x}", x ^ (x >> 31))
}

/// FNV-1a, 64 bits: small, stable across versions and platforms.
pub fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Writes `bytes` to `path` whole or not at all: a temporary file in the same
/// folder, flushed to disk, then renamed over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| -> io::Result<()> {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        // On disk before the rename, so that a crash leaves the old file or the new one.
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    written.map_err(|e| {
        let _ = fs::remove_file(&temp);
        Error::storage("write", path, e)
    })
}

/// Refuses to replace an existing file unless asked to.
pub fn check_overwrite(path: &Path, force: bool) -> Result<()> {
    if !force && path.exists() {
        return Err(Error::Usage(format!(
            "`{}` exists already; pass --force to replace it, or choose another --out",
            path.display()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_guid_or_id_is_kept_and_named_once_at_its_line() {
        let text = "#separator:tab\n#html:false\n#guid column:1\n#notetype column:2\n\
                    g1\tBasic (and reversed card)\t38th parallel\tthe 1945 line\n\
                    g2\tBasic\tWho?\tRhee\n\
                    g1\tBasic (and reversed card)\t38TH PARALLEL\tthe line of 1945\n";
        let parsed = anki_text::parse("n.txt", text);
        assert_eq!(parsed.rows.len(), 5, "{:?}", parsed.problems);
        assert_eq!(
            parsed.warnings,
            [
                "n.txt:7: the note on line 5 has the same Anki GUID `g1`; both are imported, as Anki does, each with an id made from its text"
            ]
        );
        let csv = csv::parse("c.csv", "prompt,answer,id\nA?,1,a\nB?,2,a\nC?,3,c\n");
        assert_eq!(csv.rows.len(), 3);
        assert_eq!(csv.warnings.len(), 1, "{:?}", csv.warnings);
        assert!(csv.warnings[0].starts_with("c.csv:3: the row on line 2 has the same fact id `a`"));
    }

    #[test]
    fn guids_are_stable_and_differ_by_card() {
        assert_eq!(guid_for("a/when"), guid_for("a/when"));
        assert_ne!(guid_for("a/when"), guid_for("a/who"));
        assert_eq!(guid_for("a/when").len(), 16);
        assert_eq!(guid_for("panmunjom-declaration/when"), "a59a47dda713d479");
        // Pinned: changing it would duplicate every note a user imported before.
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    }
}

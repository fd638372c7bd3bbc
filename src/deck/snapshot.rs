//! Decks as last parsed, kept in binary in the machine's cache folder, so that a start
//! parses a deck's TOML only when the file changed: parsing is most of the time a large
//! collection takes to load.
//!
//! A deck is taken from the snapshot only if its file has the same path, length and hash
//! of its bytes as when it was parsed, and the snapshot was written by this build of recall
//! (see the log cache); only decks that parsed without a problem are kept. Anything else,
//! a damaged snapshot included, and the TOML is parsed, as it would be without one.
use std::{
    collections::HashMap,
    path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};

use super::{Deck, parse_deck};
use crate::{error::Located, progress::cache};

const MAGIC: &str = "recall deck snapshot";
const BUILD: &str = env!("RECALL_BUILD_ID");

#[derive(Deserialize)]
struct Entry {
    len: u64,
    hash: u64,
    deck: Deck,
}

#[derive(Deserialize)]
struct Stored {
    magic: String,
    build: String,
    /// By path, as shown in messages.
    decks: HashMap<String, Entry>,
}

/// [`Stored`] as written, borrowing the decks.
#[derive(Serialize)]
struct Storing<'a> {
    magic: &'a str,
    build: &'a str,
    decks: HashMap<&'a str, StoringEntry<'a>>,
}

#[derive(Serialize)]
struct StoringEntry<'a> {
    len: u64,
    hash: u64,
    deck: &'a Deck,
}

/// The snapshot of the decks in `files`, read when made and written if it changed.
pub struct Snapshot {
    path: Option<PathBuf>,
    old: HashMap<String, Entry>,
    /// The length and hash of each file parsed or taken from the snapshot, by path.
    seen: HashMap<String, (u64, u64)>,
    changed: bool,
}

impl Snapshot {
    /// The snapshot for the deck files `files` in the cache folder `dir`, if any.
    pub fn open(dir: Option<&Path>, files: &[PathBuf]) -> Self {
        let path = dir.map(|dir| {
            let names: Vec<u8> = files
                .iter()
                .flat_map(|f| {
                    let f = std::path::absolute(f).unwrap_or_else(|_| f.clone());
                    [f.as_os_str().as_encoded_bytes(), b"\0"].concat()
                })
                .collect();
            dir.join(format!("decks-{:016x}.bin", cache::hash(&names)))
        });
        let old = path
            .as_deref()
            .and_then(cache::read_checked)
            .and_then(|bytes| postcard::from_bytes::<Stored>(&bytes).ok())
            .filter(|s| s.magic == MAGIC && s.build == BUILD)
            .map(|s| s.decks)
            .unwrap_or_default();
        Self {
            path,
            old,
            seen: HashMap::new(),
            changed: false,
        }
    }

    /// The deck in the file `path` whose text is `text`: from the snapshot if it was parsed
    /// before, else parsed.
    pub fn parse(&mut self, path: &str, text: String) -> Result<Deck, Vec<Located>> {
        let key = (text.len() as u64, cache::hash(text.as_bytes()));
        self.seen.insert(path.to_owned(), key);
        if let Some(entry) = self.old.remove(path)
            && (entry.len, entry.hash) == key
        {
            let mut deck = entry.deck;
            deck.text = text;
            deck.path = path.to_owned();
            return Ok(deck);
        }
        self.changed = true;
        parse_deck(path, &text)
    }

    /// Writes the snapshot of `decks` (all of them parsed through [`Self::parse`]) if one was
    /// parsed anew or one is gone.
    pub fn save(self, decks: &[Deck]) {
        let Some(path) = self.path else { return };
        if !self.changed && self.old.is_empty() {
            return;
        }
        let decks = decks
            .iter()
            .filter_map(|deck| {
                let &(len, hash) = self.seen.get(&deck.path)?;
                Some((deck.path.as_str(), StoringEntry { len, hash, deck }))
            })
            .collect();
        let storing = Storing {
            magic: MAGIC,
            build: BUILD,
            decks,
        };
        if let Ok(bytes) = postcard::to_stdvec(&storing) {
            cache::write_checked(&path, bytes);
        }
    }
}

//! Reading Anki's packages (`.apkg`, `.colpkg`) and bare collections, in every
//! format Anki has written: `collection.anki2` (schema 11, Anki 2.0 and 2.1),
//! `collection.anki21` (schema 11, Anki 2.1.x "support older versions"), and
//! `collection.anki21b` (zstd-compressed, schema 18 with `notetypes`, `fields`,
//! `templates` and `decks` tables, beside a protobuf `meta` and media map).
//! The format is told by content: zip, SQLite and zstd magic numbers.
use std::{
    collections::{BTreeMap, HashMap},
    io::{Cursor, Read},
};

use rusqlite::{Connection, OpenFlags};
use serde_json::Value;

use super::{Parsed, anki_note, html};

/// The most a collection may take once decompressed: a collection of 100,000
/// notes is some 100 MB.
pub const MAX_COLLECTION_BYTES: u64 = 1 << 30;

/// A note type: its fields and card templates.
#[derive(Clone, Debug, Default)]
pub struct NoteType {
    pub name: String,
    pub cloze: bool,
    pub fields: Vec<String>,
    /// Each template's question and answer format, by `ord`.
    pub templates: Vec<(String, String)>,
    /// Each template's name, by `ord`: Anki tells note types apart by them too.
    pub template_names: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Note {
    pub id: i64,
    pub guid: String,
    pub notetype: i64,
    pub mtime: i64,
    pub tags: Vec<String>,
    pub fields: Vec<String>,
    /// Its cards: template `ord` (cloze number - 1 for cloze), card id, deck id.
    pub cards: Vec<(u32, i64, i64)>,
}

/// One row of Anki's review log.
#[derive(Clone, Debug)]
pub struct Review {
    /// When, in milliseconds since 1970.
    pub id: i64,
    pub card: i64,
    /// 0 (a manual reschedule), 1 again, 2 hard, 3 good, 4 easy.
    pub ease: i64,
    /// Time taken, in milliseconds.
    pub time: i64,
    /// 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled.
    pub kind: i64,
}

/// What a package holds.
#[derive(Debug, Default)]
pub struct Collection {
    /// `collection.anki2`, `collection.anki21` or `collection.anki21b`.
    pub format: &'static str,
    pub notetypes: HashMap<i64, NoteType>,
    /// Deck names, `::` between levels.
    pub decks: HashMap<i64, String>,
    pub notes: Vec<Note>,
    pub revlog: Vec<Review>,
    /// Media files in the package (not carried over).
    pub media: usize,
    /// Anki's scheduler version: 1 had three buttons while learning.
    pub sched_ver: u8,
}

impl Collection {
    /// How many decks hold the notes' cards.
    pub fn decks_used(&self) -> usize {
        let decks: std::collections::HashSet<i64> = self
            .notes
            .iter()
            .filter_map(|n| n.cards.first().map(|c| c.2))
            .collect();
        decks.len()
    }
}

/// Why a file is not a collection recall can read, said to the user.
#[derive(Debug, PartialEq)]
pub struct Unreadable(pub String);

/// What the first bytes say a file is.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum Kind {
    Zip,
    Sqlite,
    Zstd,
    Other,
}

pub fn kind(bytes: &[u8]) -> Kind {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Kind::Zip
    } else if bytes.starts_with(b"SQLite format 3\0") {
        Kind::Sqlite
    } else if bytes.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Kind::Zstd
    } else {
        Kind::Other
    }
}

/// Reads a package, or a collection file taken out of one.
pub fn read(bytes: &[u8]) -> Result<Collection, Unreadable> {
    match kind(bytes) {
        Kind::Zip => read_zip(Cursor::new(bytes)),
        Kind::Sqlite => read_sqlite(bytes.to_vec(), "collection.anki2"),
        Kind::Zstd => read_sqlite(unzstd(bytes)?, "collection.anki21b"),
        Kind::Other => Err(Unreadable(
            "not an Anki package (no zip, SQLite or zstd header)".into(),
        )),
    }
}

fn unzstd(bytes: &[u8]) -> Result<Vec<u8>, Unreadable> {
    let decoder = zstd::stream::read::Decoder::new(bytes)
        .map_err(|e| Unreadable(format!("a damaged zstd stream ({e})")))?;
    let mut out = Vec::new();
    decoder
        .take(MAX_COLLECTION_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| Unreadable(format!("a damaged zstd stream ({e})")))?;
    if out.len() as u64 > MAX_COLLECTION_BYTES {
        return Err(Unreadable(format!(
            "its collection is larger than {} MiB once decompressed",
            MAX_COLLECTION_BYTES >> 20
        )));
    }
    Ok(out)
}

/// Reads a package from a file without reading its media.
pub fn read_zip(file: impl Read + std::io::Seek) -> Result<Collection, Unreadable> {
    let mut archive = zip::ZipArchive::new(file)
        .map_err(|e| Unreadable(format!("a damaged zip archive ({e})")))?;
    let names: Vec<String> = (0..archive.len())
        .filter_map(|i| archive.name_for_index(i)?.ok().map(|n| n.to_string()))
        .collect();
    let mut entry = |name: &str| -> Result<Option<Vec<u8>>, Unreadable> {
        let Ok(file) = archive.by_name(name) else {
            return Ok(None);
        };
        let mut out = Vec::new();
        file.take(MAX_COLLECTION_BYTES + 1)
            .read_to_end(&mut out)
            .map_err(|e| Unreadable(format!("`{name}` in the zip cannot be read ({e})")))?;
        if out.len() as u64 > MAX_COLLECTION_BYTES {
            return Err(Unreadable(format!(
                "`{name}` is larger than {} MiB",
                MAX_COLLECTION_BYTES >> 20
            )));
        }
        Ok(Some(out))
    };
    // Newer Anki writes a stub `collection.anki2` beside the real collection.
    let (name, data) = if let Some(data) = entry("collection.anki21b")? {
        ("collection.anki21b", unzstd(&data)?)
    } else if let Some(data) = entry("collection.anki21")? {
        ("collection.anki21", data)
    } else if let Some(data) = entry("collection.anki2")? {
        ("collection.anki2", data)
    } else {
        let what = if names.iter().any(|n| n == "[Content_Types].xml") {
            "a spreadsheet or office document, not an Anki package; save it as CSV (UTF-8) and import that"
                .to_owned()
        } else {
            format!(
                "a zip archive without an Anki collection in it (it holds {}); export again from Anki with File > Export > Anki Deck Package",
                list(&names)
            )
        };
        return Err(Unreadable(what));
    };
    let meta = entry("meta")?.map(|m| varint_field(&m, 1).unwrap_or(0));
    if let Some(version) = meta.filter(|&v| v > 3) {
        return Err(Unreadable(format!(
            "an Anki package newer than recall knows (its `meta` says version {version}); export it again with Anki's \"Support older Anki versions\" ticked"
        )));
    }
    let media = match entry("media")? {
        Some(m) if m.starts_with(b"{") => {
            serde_json::from_slice::<HashMap<String, Value>>(&m).map_or(0, |m| m.len())
        }
        Some(m) => unzstd(&m)
            .map(|m| fields(&m).filter(|(n, _)| *n == 1).count())
            .unwrap_or(0),
        None => 0,
    };
    let mut collection = read_sqlite(data, name)?;
    collection.media = media;
    Ok(collection)
}

fn list(names: &[String]) -> String {
    let shown: Vec<String> = names.iter().take(3).map(|n| format!("`{n}`")).collect();
    match names.len() {
        0 => "nothing".into(),
        n if n > 3 => format!("{} and {} more", shown.join(", "), n - 3),
        _ => shown.join(", "),
    }
}

fn read_sqlite(mut data: Vec<u8>, format: &'static str) -> Result<Collection, Unreadable> {
    if kind(&data) != Kind::Sqlite || data.len() < 100 {
        return Err(Unreadable(format!("`{format}` is not an SQLite database")));
    }
    // A database in WAL mode (as Anki keeps `collection.anki21b`) cannot be
    // opened from memory; its bytes 18 and 19 say so, and the data is whole.
    if data[18] == 2 || data[19] == 2 {
        data[18] = 1;
        data[19] = 1;
    }
    let damaged = |e: rusqlite::Error| Unreadable(format!("a damaged Anki collection ({e})"));
    let mut db = Connection::open_in_memory_with_flags(
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(damaged)?;
    // Anki's schema 18 orders names with its own collation.
    db.create_collation("unicase", |a, b| a.to_lowercase().cmp(&b.to_lowercase()))
        .map_err(damaged)?;
    let len = data.len();
    db.deserialize_read_exact(rusqlite::MAIN_DB, &data[..], len, true)
        .map_err(damaged)?;
    let tables: Vec<String> = db
        .prepare("select name from sqlite_master where type = 'table'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| Unreadable(format!("an SQLite database that cannot be read ({e})")))?;
    let has = |t: &str| tables.iter().any(|n| n == t);
    if !has("notes") || !has("cards") || !has("col") {
        return Err(Unreadable(
            "an SQLite database, but not an Anki collection (it has no `notes`, `cards` and `col` tables)"
                .into(),
        ));
    }
    let mut collection = Collection {
        format,
        ..Collection::default()
    };
    if has("notetypes") {
        read_schema18(&db, &mut collection).map_err(damaged)?;
    } else {
        read_schema11(&db, &mut collection)?;
    }
    collection.sched_ver = sched_ver(&db, has("config"));
    read_notes(&db, &mut collection).map_err(damaged)?;
    if has("revlog") {
        collection.revlog = db
            .prepare("select id, cid, ease, time, type from revlog order by id")
            .and_then(|mut s| {
                s.query_map([], |r| {
                    Ok(Review {
                        id: r.get(0)?,
                        card: r.get(1)?,
                        ease: r.get(2)?,
                        time: r.get(3)?,
                        kind: r.get(4)?,
                    })
                })?
                .collect()
            })
            .map_err(damaged)?;
    }
    Ok(collection)
}

/// The scheduler version the collection was reviewed with: `schedVer` in the
/// collection's settings (the `config` table in schema 18, `col.conf` before);
/// a collection that does not say is Anki 2.0's, version 1.
fn sched_ver(db: &Connection, has_config: bool) -> u8 {
    let json: Option<String> = if has_config {
        db.query_row(
            "select cast(val as text) from config where KEY = 'schedVer'",
            [],
            |r| r.get(0),
        )
        .ok()
    } else {
        db.query_row("select conf from col limit 1", [], |r| {
            r.get::<_, String>(0)
        })
        .ok()
        .and_then(|conf| serde_json::from_str::<Value>(&conf).ok())
        .map(|conf| conf["schedVer"].to_string())
    };
    match json.as_deref().map(str::trim) {
        Some("1") | Some("null") | None => 1,
        Some(v) => v.parse().unwrap_or(2),
    }
}

/// One of Anki's reviews as a recall answer: the card's id in recall, when,
/// the grade and the seconds taken. Entries that are no answer (a manual
/// reschedule, ease 0) give none.
pub struct Answer {
    pub card: String,
    pub at_ms: i64,
    pub grade: u8,
    pub seconds: f32,
}

/// The review log's answers, for the cards recall made of them: `card_id`
/// gives the recall card id of an Anki note (by GUID) and the card's suffix
/// (`None`, `reversed`, `c2`).
pub fn answers(
    collection: &Collection,
    card_id: impl Fn(&str, Option<&str>) -> Option<String>,
) -> (Vec<Answer>, usize) {
    let mut by_card: HashMap<i64, String> = HashMap::new();
    for note in &collection.notes {
        let cloze = collection
            .notetypes
            .get(&note.notetype)
            .is_some_and(|t| t.cloze);
        for &(ord, id, _) in &note.cards {
            let suffix = match (cloze, ord) {
                (true, n) => Some(format!("c{}", n + 1)),
                (false, 0) => None,
                (false, 1) => Some("reversed".to_owned()),
                _ => continue,
            };
            if let Some(recall) = card_id(&note.guid, suffix.as_deref()) {
                by_card.insert(id, recall);
            }
        }
    }
    let mut unmatched = 0;
    let mut out = Vec::new();
    for review in &collection.revlog {
        // Learning (0), review (1), relearning (2) and filtered (3) answers; not
        // manual (4) or rescheduled (5) entries.
        if !(1..=4).contains(&review.ease) || !(0..=3).contains(&review.kind) {
            continue;
        }
        let Some(card) = by_card.get(&review.card) else {
            unmatched += 1;
            continue;
        };
        // Scheduler 1 showed three buttons while learning: Again, Good, Easy.
        let grade = match (collection.sched_ver, review.kind, review.ease) {
            (1, 0 | 2, 2) => 3,
            (1, 0 | 2, 3) => 4,
            (_, _, ease) => ease as u8,
        };
        out.push(Answer {
            card: card.clone(),
            at_ms: review.id,
            grade,
            seconds: (review.time.clamp(0, 3_600_000) as f32) / 1000.0,
        });
    }
    (out, unmatched)
}

/// Schema 11: note types and decks are JSON in the `col` row.
fn read_schema11(db: &Connection, collection: &mut Collection) -> Result<(), Unreadable> {
    let (models, decks): (String, String) = db
        .query_row("select models, decks from col limit 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .map_err(|e| Unreadable(format!("a damaged Anki collection ({e})")))?;
    let bad = |what: &str| {
        Unreadable(format!(
            "a damaged Anki collection (its {what} are not JSON)"
        ))
    };
    let models: HashMap<String, Value> =
        serde_json::from_str(&models).map_err(|_| bad("note types"))?;
    for (id, model) in models {
        let Ok(id) = id.parse::<i64>() else { continue };
        let mut fields: Vec<(i64, String)> = model["flds"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(i, f)| {
                (
                    f["ord"].as_i64().unwrap_or(i as i64),
                    f["name"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        fields.sort();
        let mut templates: Vec<(i64, (String, String), String)> = model["tmpls"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(i, t)| {
                let text = |k: &str| t[k].as_str().unwrap_or_default().to_owned();
                (
                    t["ord"].as_i64().unwrap_or(i as i64),
                    (text("qfmt"), text("afmt")),
                    text("name"),
                )
            })
            .collect();
        templates.sort();
        collection.notetypes.insert(
            id,
            NoteType {
                name: model["name"].as_str().unwrap_or_default().to_owned(),
                cloze: model["type"].as_i64() == Some(1),
                fields: fields.into_iter().map(|(_, n)| n).collect(),
                template_names: templates.iter().map(|(_, _, n)| n.clone()).collect(),
                templates: templates.into_iter().map(|(_, t, _)| t).collect(),
            },
        );
    }
    let decks: HashMap<String, Value> = serde_json::from_str(&decks).map_err(|_| bad("decks"))?;
    for (id, deck) in decks {
        if let (Ok(id), Some(name)) = (id.parse::<i64>(), deck["name"].as_str()) {
            collection.decks.insert(id, name.to_owned());
        }
    }
    Ok(())
}

/// Schema 18: tables of note types, fields, templates and decks, their
/// settings in protobuf.
fn read_schema18(db: &Connection, collection: &mut Collection) -> rusqlite::Result<()> {
    let mut notetypes = db.prepare("select id, name, config from notetypes")?;
    let rows = notetypes.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Vec<u8>>(2)?,
        ))
    })?;
    for row in rows {
        let (id, name, config) = row?;
        collection.notetypes.insert(
            id,
            NoteType {
                name,
                cloze: varint_field(&config, 1) == Some(1),
                ..NoteType::default()
            },
        );
    }
    let mut field_names = db.prepare("select ntid, name from fields order by ntid, ord")?;
    for row in field_names.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, name) = row?;
        if let Some(t) = collection.notetypes.get_mut(&id) {
            t.fields.push(name);
        }
    }
    let mut templates =
        db.prepare("select ntid, config, name from templates order by ntid, ord")?;
    for row in templates.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Vec<u8>>(1)?,
            r.get::<_, String>(2)?,
        ))
    })? {
        let (id, config, name) = row?;
        let text = |n: u64| {
            fields(&config)
                .find(|(f, _)| *f == n)
                .map(|(_, v)| String::from_utf8_lossy(v).into_owned())
                .unwrap_or_default()
        };
        if let Some(t) = collection.notetypes.get_mut(&id) {
            t.templates.push((text(1), text(2)));
            t.template_names.push(name);
        }
    }
    let mut decks = db.prepare("select id, name from decks")?;
    for row in decks.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, name) = row?;
        collection.decks.insert(id, name.replace('\u{1f}', "::"));
    }
    Ok(())
}

fn read_notes(db: &Connection, collection: &mut Collection) -> rusqlite::Result<()> {
    let mut by_id: HashMap<i64, usize> = HashMap::new();
    let mut notes = db.prepare("select id, guid, mid, mod, tags, flds from notes order by id")?;
    let rows = notes.query_map([], |r| {
        Ok(Note {
            id: r.get(0)?,
            guid: r.get(1)?,
            notetype: r.get(2)?,
            mtime: r.get(3)?,
            tags: r
                .get::<_, String>(4)?
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
            fields: r
                .get::<_, String>(5)?
                .split('\u{1f}')
                .map(str::to_owned)
                .collect(),
            cards: Vec::new(),
        })
    })?;
    for note in rows {
        let note = note?;
        by_id.insert(note.id, collection.notes.len());
        collection.notes.push(note);
    }
    // A card in a filtered deck belongs to its original deck (`odid`).
    let mut cards = db.prepare(
        "select nid, ord, id, case when odid != 0 then odid else did end from cards order by nid, ord",
    )?;
    let rows = cards.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, u32>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    for row in rows {
        let (nid, ord, id, deck) = row?;
        if let Some(&i) = by_id.get(&nid) {
            collection.notes[i].cards.push((ord, id, deck));
        }
    }
    Ok(())
}

/// The notes of a collection as rows, one Anki deck per recall deck.
pub fn parse(path: &str, collection: &Collection) -> Parsed {
    let mut parsed = Parsed::default();
    let mut foreign: BTreeMap<String, (usize, String)> = BTreeMap::new();
    // Notes imported whose fields also show a picture or a sound, by GUID.
    let mut with_media: Vec<(String, &'static str)> = Vec::new();
    for (i, note) in collection.notes.iter().enumerate() {
        let line = i + 1;
        let Some(notetype) = collection.notetypes.get(&note.notetype) else {
            parsed.problem(
                path,
                line,
                format!(
                    "the note `{}` has a note type the file does not define",
                    note.guid
                ),
                "the package is damaged: export it again from Anki",
            );
            continue;
        };
        let deck = note
            .cards
            .first()
            .and_then(|(_, _, d)| collection.decks.get(d))
            .cloned()
            .unwrap_or_else(|| "Default".into());
        let raw = note
            .fields
            .iter()
            .map(|f| html::tidy(&html::to_text(f)).replace('\n', " "))
            .filter(|f| !f.is_empty())
            .collect::<Vec<_>>()
            .join(" | ");
        let input = anki_note::Input {
            line,
            raw,
            guid: Some(note.guid.clone()).filter(|g| !g.is_empty()),
            note_type: &notetype.name,
            cloze: notetype.cloze,
            templates: &notetype.templates,
            field_names: &notetype.fields,
            ords: Some(note.cards.iter().map(|(o, _, _)| *o).collect()),
            fields: note.fields.clone(),
            html: true,
            tags: note.tags.clone(),
            deck: Some(deck),
        };
        match anki_note::map(input) {
            anki_note::Mapped::Rows(rows) => {
                if !notetype.cloze && !anki_note::is_stock(&notetype.name) {
                    let entry = foreign
                        .entry(notetype.name.clone())
                        .or_insert_with(|| (0, anki_note::describe_roles(notetype)));
                    entry.0 += 1;
                }
                if !parsed.note_types.iter().any(|t| t.id == note.notetype) {
                    parsed.note_types.push(crate::deck::AnkiNoteType {
                        id: note.notetype,
                        name: notetype.name.clone(),
                        cloze: notetype.cloze,
                        fields: notetype.fields.clone(),
                        templates: notetype.templates.clone(),
                        template_names: notetype.template_names.clone(),
                    });
                }
                if let Some(field) = note.fields.iter().find(|f| html::has_media(f)) {
                    with_media.push((note.guid.clone(), html::media_kind(field)));
                }
                for mut row in rows {
                    row.anki = Some(crate::deck::AnkiOrigin {
                        note_type: note.notetype,
                        mtime: note.mtime,
                        hash: row.content_hash(),
                        fields: note.fields.clone(),
                        card: u32::from(row.suffix.as_deref() == Some("reversed")),
                    });
                    parsed.push(path, row);
                }
            }
            anki_note::Mapped::Skipped(why) => parsed.problem(
                path,
                line,
                format!("the note `{}` ({}): {why}", note.guid, notetype.name),
                anki_note::help_for(&why),
            ),
        }
    }
    if !with_media.is_empty() {
        let named: Vec<String> = with_media
            .iter()
            .take(5)
            .map(|(guid, kind)| format!("`{}` ({kind})", crate::show::value(guid)))
            .collect();
        parsed.warnings.push(format!(
            "{} show{} media beside {} text: {}{}; recall asks the text, and an export gives Anki back the note with its media",
            if with_media.len() == 1 { "1 imported note".to_owned() } else { format!("{} imported notes", with_media.len()) },
            if with_media.len() == 1 { "s" } else { "" },
            if with_media.len() == 1 { "its" } else { "their" },
            named.join(", "),
            if with_media.len() > 5 { ", …" } else { "" }
        ));
    }
    for (name, (count, roles)) in foreign {
        parsed.warnings.push(format!(
            "{count} note{} of note type `{name}`, which recall does not know: {roles}",
            if count == 1 { "" } else { "s" }
        ));
    }
    if collection.media > 0 {
        parsed.warnings.push(format!(
            "the package's {} not carried over; text beside pictures and sounds is",
            if collection.media == 1 {
                "media file is".to_owned()
            } else {
                format!("{} media files are", collection.media)
            }
        ));
    }
    parsed
}

/// The fields of a protobuf message: (field number, bytes) for length-delimited
/// fields, and the varint's bytes for varints. Stops at anything malformed.
fn fields(message: &[u8]) -> impl Iterator<Item = (u64, &[u8])> {
    let mut rest = message;
    std::iter::from_fn(move || {
        let (key, used) = varint(rest)?;
        rest = &rest[used..];
        let (number, wire) = (key >> 3, key & 7);
        let value = match wire {
            0 => {
                let (_, used) = varint(rest)?;
                let v = &rest[..used];
                rest = &rest[used..];
                v
            }
            1 | 5 => {
                let n = if wire == 1 { 8 } else { 4 };
                let v = rest.get(..n)?;
                rest = &rest[n..];
                v
            }
            2 => {
                let (len, used) = varint(rest)?;
                let end = used.checked_add(usize::try_from(len).ok()?)?;
                let v = rest.get(used..end)?;
                rest = &rest[end..];
                v
            }
            _ => return None,
        };
        Some((number, value))
    })
}

fn varint(bytes: &[u8]) -> Option<(u64, usize)> {
    let mut value = 0u64;
    for (i, &b) in bytes.iter().enumerate().take(10) {
        value |= u64::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
}

/// The value of varint field `number` of a protobuf message.
fn varint_field(message: &[u8], number: u64) -> Option<u64> {
    fields(message)
        .find(|(n, _)| *n == number)
        .and_then(|(_, v)| varint(v))
        .map(|(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protobuf_fields_and_varints_read() {
        assert_eq!(varint(&[0x96, 0x01]), Some((150, 2)));
        assert_eq!(varint_field(&[0x08, 0x03], 1), Some(3));
        let msg = [0x0a, 0x02, b'h', b'i', 0x10, 0x05];
        let found: Vec<(u64, &[u8])> = fields(&msg).collect();
        assert_eq!(found, [(1, &b"hi"[..]), (2, &[5u8][..])]);
        // A length past the end stops the reading instead of panicking.
        assert_eq!(fields(&[0x0a, 0x7f, 1]).count(), 0);
    }

    #[test]
    fn files_that_are_not_packages_say_what_they_are() {
        assert!(
            read(b"hello")
                .unwrap_err()
                .0
                .contains("not an Anki package")
        );
        let sqlite = {
            let mut db = Connection::open_in_memory().unwrap();
            db.execute_batch("create table t (x)").unwrap();
            db.serialize(rusqlite::MAIN_DB).unwrap().to_vec()
        };
        assert!(
            read(&sqlite)
                .unwrap_err()
                .0
                .contains("not an Anki collection")
        );
    }
}

//! Anki packages (`.apkg`): a zip holding `collection.anki2`, an SQLite
//! database in Anki's legacy schema 11 (which every Anki since 2.1 imports),
//! and `media`, the JSON list of media files (`{}`: none).
//!
//! One Anki deck per recall deck (`recall::<title>`), a note type `recall`
//! with the fields Front, Back and Source, one note per card. Note GUIDs come
//! from card ids and the note type and deck ids are fixed, so that importing a
//! newer package updates the notes of an older one instead of adding copies.
use std::io::{Cursor, Write};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};
use serde_json::{Value, json};
use zip::{CompressionMethod, ZipWriter, write::SimpleFileOptions};

use super::{Note, fnv1a, html};

/// The note type's id. Fixed: Anki matches note types by id.
const NOTETYPE_ID: i64 = 1_700_000_000_001;
/// When the note type last changed (seconds). Anki replaces a note type it has
/// by a newer one, so bump this when the fields, templates or CSS change.
const NOTETYPE_MTIME: i64 = 1_795_219_200;

const SCHEMA: &str = "
create table col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
create table notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
create table cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
create table revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null,
  factor integer not null, time integer not null, type integer not null);
create table graves (usn integer not null, oid integer not null, type integer not null);
create index ix_notes_usn on notes (usn);
create index ix_cards_usn on cards (usn);
create index ix_revlog_usn on revlog (usn);
create index ix_cards_nid on cards (nid);
create index ix_cards_sched on cards (did, queue, due);
create index ix_revlog_cid on revlog (cid);
create index ix_notes_csum on notes (csum);
";

/// The Anki deck id of a recall deck: fixed by its id.
fn deck_id(deck: &str) -> i64 {
    (fnv1a(&format!("recall deck:{deck}")) >> 14) as i64
}

/// The package for `notes`, made at `now`.
pub fn write(notes: &[Note], now: DateTime<Utc>) -> rusqlite::Result<Vec<u8>> {
    let mut db = Connection::open_in_memory()?;
    db.execute_batch(SCHEMA)?;
    let now_secs = now.timestamp();
    // Anki refuses ids from the future, and takes note and card ids for the
    // time they were added: count up to now.
    let first_id = now.timestamp_millis() - notes.len() as i64;

    let mut decks = json!({ "1": deck_json(1, "Default", now_secs) });
    for note in notes {
        let id = deck_id(&note.deck);
        decks[id.to_string()] = deck_json(id, &note.anki_deck(), now_secs);
    }
    let first_deck = notes.first().map_or(1, |n| deck_id(&n.deck));
    db.execute(
        "insert into col values (1, ?1, ?2, ?2, 11, 0, 0, 0, ?3, ?4, ?5, ?6, '{}')",
        params![
            now_secs,
            now.timestamp_millis(),
            conf_json(notes.len()).to_string(),
            json!({ NOTETYPE_ID.to_string(): notetype_json(first_deck) }).to_string(),
            decks.to_string(),
            json!({ "1": deck_config_json() }).to_string(),
        ],
    )?;

    let mut insert_note =
        db.prepare("insert into notes values (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, 0, 0, '')")?;
    let mut insert_card = db.prepare(
        "insert into cards values (?1, ?2, ?3, 0, ?4, -1, 0, 0, ?5, 0, 0, 0, 0, 0, 0, 0, 0, '')",
    )?;
    for (i, note) in notes.iter().enumerate() {
        let id = first_id + i as i64;
        let source = format!(
            "“{}”<br>— {}",
            html::escape(&note.quote),
            html::escape(&note.source_title)
        );
        let fields = [
            html::escape(&note.prompt),
            html::escape(&note.answer),
            source,
        ];
        insert_note.execute(params![
            id,
            note.guid,
            NOTETYPE_ID,
            now_secs,
            format!(" {} ", note.anki_tags().join(" ")),
            fields.join("\u{1f}"),
            note.prompt,
        ])?;
        insert_card.execute(params![id, id, deck_id(&note.deck), now_secs, i as i64 + 1])?;
    }
    drop((insert_note, insert_card));
    let collection = db.serialize(rusqlite::MAIN_DB)?;
    Ok(zip(&collection).expect("zipping into memory does not fail"))
}

/// The zip archive of a package: the collection and an empty media list.
fn zip(collection: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file("collection.anki2", options)?;
    zip.write_all(collection)?;
    zip.start_file("media", options)?;
    zip.write_all(b"{}")?;
    Ok(zip.finish()?.into_inner())
}

fn conf_json(notes: usize) -> Value {
    json!({
        "schedVer": 2,
        "activeDecks": [1],
        "curDeck": 1,
        "curModel": NOTETYPE_ID,
        "nextPos": notes + 1,
        "newSpread": 0,
        "collapseTime": 1200,
        "timeLim": 0,
        "estTimes": true,
        "dueCounts": true,
        "sortType": "noteFld",
        "sortBackwards": false,
        "addToCur": true,
    })
}

fn deck_json(id: i64, name: &str, now_secs: i64) -> Value {
    json!({
        "id": id,
        "name": name,
        "desc": "",
        "conf": 1,
        "dyn": 0,
        "collapsed": false,
        "extendNew": 0,
        "extendRev": 0,
        "newToday": [0, 0],
        "revToday": [0, 0],
        "lrnToday": [0, 0],
        "timeToday": [0, 0],
        "mod": now_secs,
        "usn": -1,
    })
}

fn notetype_json(deck: i64) -> Value {
    let field = |ord: usize, name: &str| {
        json!({ "name": name, "ord": ord, "sticky": false, "rtl": false,
                "font": "Arial", "size": 20, "media": [] })
    };
    json!({
        "id": NOTETYPE_ID,
        "name": "recall",
        "type": 0,
        "mod": NOTETYPE_MTIME,
        "usn": -1,
        "sortf": 0,
        "did": deck,
        "flds": [field(0, "Front"), field(1, "Back"), field(2, "Source")],
        "tmpls": [{
            "name": "Card 1",
            "ord": 0,
            "qfmt": "{{Front}}",
            "afmt": "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}\n\n{{#Source}}<div class=source>{{Source}}</div>{{/Source}}",
            "bqfmt": "",
            "bafmt": "",
            "did": null,
            "bfont": "",
            "bsize": 0,
        }],
        "css": ".card { font-family: arial; font-size: 20px; text-align: center; color: black; background-color: white; }\n.source { margin-top: 1.5em; font-size: 14px; color: #666; }\n",
        "latexPre": "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
        "latexPost": "\\end{document}",
        "latexsvg": false,
        "req": [[0, "any", [0]]],
        "tags": [],
        "vers": [],
    })
}

/// Anki's default deck options. Their `mod` is 0, so Anki never lets them
/// replace the options a collection has.
fn deck_config_json() -> Value {
    json!({
        "id": 1,
        "name": "Default",
        "mod": 0,
        "usn": 0,
        "maxTaken": 60,
        "autoplay": true,
        "timer": 0,
        "replayq": true,
        "dyn": false,
        "new": { "bury": true, "delays": [1.0, 10.0], "initialFactor": 2500,
                 "ints": [1, 4, 0], "order": 1, "perDay": 20 },
        "rev": { "bury": true, "ease4": 1.3, "ivlFct": 1.0, "maxIvl": 36500,
                 "perDay": 200, "hardFactor": 1.2 },
        "lapse": { "delays": [10.0], "leechAction": 1, "leechFails": 8,
                   "minInt": 1, "mult": 0.0 },
    })
}

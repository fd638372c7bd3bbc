//! Anki packages (`.apkg`): a zip holding `collection.anki2`, an SQLite
//! database in Anki's legacy schema 11 (which every Anki since 2.1 imports),
//! and `media`, the JSON list of media files (`{}`: none).
//!
//! One Anki deck per recall deck (`recall::<title>`), a note type `recall`
//! with the fields Front, Back and Source, one note per card. Note GUIDs come
//! from card ids and the note type and deck ids are fixed, so that importing a
//! newer package updates the notes of an older one instead of adding copies.
use std::{
    collections::{HashMap, HashSet},
    io::{Cursor, Write},
};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};
use serde_json::{Value, json};
use zip::{CompressionMethod, ZipWriter, write::SimpleFileOptions};

use super::{Note, fnv1a, html};
use crate::{
    grade::Grade,
    schedule::{CardState, Phase, Scheduler},
};

/// The note type's id. Fixed: Anki matches note types by id. (`…001` had no Back Extra:
/// a note type's fields never change under one id, or Anki takes its notes for others.)
const NOTETYPE_ID: i64 = 1_700_000_000_002;
/// The cloze note type's id.
const CLOZE_NOTETYPE_ID: i64 = 1_700_000_000_003;
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

/// A user's reviews and where they leave each card, for the package.
pub struct Progress {
    /// When the scheduler day of the export began: the collection's creation,
    /// so that Anki counts review due dates from it.
    pub day_start: DateTime<Utc>,
    pub rollover_hour: u32,
    pub desired_retention: f32,
    /// FSRS-6's decay, the last of the parameters.
    pub decay: f32,
    pub cards: HashMap<String, History>,
}

/// One card's reviews, oldest first (never empty).
pub struct History {
    pub reviews: Vec<Review>,
    /// For a card in review: days from the export's day to the due day.
    pub due_in_days: i64,
    /// The interval the card had before its last lapse, in days.
    pub interval_before_lapse: u32,
}

pub struct Review {
    pub at: DateTime<Utc>,
    pub grade: Grade,
    pub seconds: f32,
    pub before: CardState,
    pub after: CardState,
}

impl History {
    fn state(&self) -> &CardState {
        &self.reviews.last().expect("a history has reviews").after
    }
}

impl Progress {
    /// Replays the log with the user's scheduler, as `recall review` does.
    pub fn replay(
        scheduler: &Scheduler,
        log: &crate::progress::History,
        now: DateTime<Utc>,
    ) -> Self {
        let mut cards: HashMap<String, History> = HashMap::new();
        let today = scheduler.day(now);
        // A card whose answers were all undone has no history.
        for (card, answers) in log.cards().filter(|(_, answers)| !answers.is_empty()) {
            let history = cards.entry(card.to_owned()).or_insert(History {
                reviews: Vec::new(),
                due_in_days: 0,
                interval_before_lapse: 0,
            });
            for answer in answers {
                let before = history
                    .reviews
                    .last()
                    .map_or_else(CardState::default, |r| r.after.clone());
                let after = scheduler.answer(card, &before, answer.grade, answer.at);
                if before.phase == Phase::Review && after.phase == Phase::Learning {
                    history.interval_before_lapse = before.interval as u32;
                }
                if let (Phase::Review, Some(due)) = (after.phase, after.due) {
                    history.due_in_days = (scheduler.day(due) - today).num_days();
                }
                history.reviews.push(Review {
                    at: answer.at,
                    grade: answer.grade,
                    seconds: answer.seconds,
                    before,
                    after,
                });
            }
        }
        let options = scheduler.options();
        Self {
            day_start: scheduler.day_start(today),
            rollover_hour: options.rollover_hour,
            desired_retention: options.desired_retention,
            decay: options
                .parameters
                .get(20)
                .copied()
                .unwrap_or(fsrs::FSRS6_DEFAULT_DECAY),
            cards,
        }
    }
}

/// A card's columns in Anki's `cards` table: type, queue, due, ivl, factor,
/// reps, lapses and the FSRS memory state in `data`.
struct CardColumns {
    ctype: i64,
    queue: i64,
    due: i64,
    interval: i64,
    factor: i64,
    reps: i64,
    lapses: i64,
    data: String,
}

impl CardColumns {
    fn new(position: i64) -> Self {
        Self {
            ctype: 0,
            queue: 0,
            due: position,
            interval: 0,
            factor: 0,
            reps: 0,
            lapses: 0,
            data: String::new(),
        }
    }

    fn from_history(history: &History, progress: &Progress) -> Self {
        let state = history.state();
        let data = match (state.memory, state.last_review) {
            (Some(memory), Some(last)) => json!({
                "s": memory.stability,
                "d": memory.difficulty,
                "dr": progress.desired_retention,
                "decay": progress.decay,
                "lrt": last.timestamp(),
            })
            .to_string(),
            _ => String::new(),
        };
        let (ctype, queue, due, interval) = match state.phase {
            Phase::New => (0, 0, 0, 0),
            // Due within the day: Anki's learning queue, due at a time (seconds).
            Phase::Learning => (
                if state.lapses > 0 { 3 } else { 1 },
                1,
                state.due.map_or(0, |d| d.timestamp()),
                i64::from(history.interval_before_lapse),
            ),
            // Due on a day, counted from the collection's creation.
            Phase::Review => (2, 2, history.due_in_days, state.interval as i64),
        };
        Self {
            ctype,
            queue,
            due,
            interval,
            // Anki's starting ease, used only if the collection schedules with SM-2.
            factor: 2500,
            reps: i64::from(state.reviews),
            lapses: i64::from(state.lapses),
            data,
        }
    }
}

/// How Anki's review log writes an interval: days, or negative seconds while learning.
fn revlog_interval(state: &CardState) -> i64 {
    match state.phase {
        Phase::New => 0,
        Phase::Learning => -(f64::from(state.interval) * 86_400.0).round() as i64,
        Phase::Review => state.interval as i64,
    }
}

/// Anki's kind of review: 0 learning, 1 review, 2 relearning.
fn revlog_kind(before: &CardState) -> i64 {
    match before.phase {
        Phase::Review => 1,
        Phase::Learning if before.lapses > 0 => 2,
        _ => 0,
    }
}

/// Anki's review-log row for an answer to card `card_id`: id (the time in
/// milliseconds, kept unique in `taken`), card, button, interval, last
/// interval, factor, time taken and kind.
fn revlog_row(review: &Review, card_id: i64, taken: &mut HashSet<i64>) -> [i64; 8] {
    let mut id = review.at.timestamp_millis();
    while !taken.insert(id) {
        id += 1;
    }
    // Anki logs FSRS difficulty as 100 (easiest) to 1100 (hardest).
    let factor = review.after.memory.map_or(0, |m| {
        (((m.difficulty - 1.0) / 9.0 + 0.1) * 1000.0).round() as i64
    });
    [
        id,
        card_id,
        i64::from(review.grade.as_u8()),
        revlog_interval(&review.after),
        revlog_interval(&review.before),
        factor,
        // Anki caps the time taken at a minute by default.
        (f64::from(review.seconds) * 1000.0).round().min(60_000.0) as i64,
        revlog_kind(&review.before),
    ]
}

/// The Anki deck id of a recall deck: fixed by its id.
fn deck_id(deck: &str) -> i64 {
    (fnv1a(&format!("recall deck:{deck}")) >> 14) as i64
}

/// The package for `notes`, made at `now`, with the user's `progress` if given.
pub fn write(
    notes: &[Note],
    now: DateTime<Utc>,
    progress: Option<&Progress>,
) -> rusqlite::Result<Vec<u8>> {
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
            progress.map_or(now_secs, |p| p.day_start.timestamp()),
            now.timestamp_millis(),
            conf_json(notes.len(), progress.map_or(4, |p| p.rollover_hour)).to_string(),
            notetypes_json(notes, first_deck).to_string(),
            decks.to_string(),
            json!({ "1": deck_config_json() }).to_string(),
        ],
    )?;

    let mut insert_note =
        db.prepare("insert into notes values (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, 0, 0, '')")?;
    let mut insert_card = db.prepare(
        "insert into cards values (?1, ?2, ?3, ?4, ?5, -1, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, 0, 0, 0, ?13)",
    )?;
    let mut insert_review =
        db.prepare("insert into revlog values (?1, ?2, -1, ?3, ?4, ?5, ?6, ?7, ?8)")?;
    let mut revlog_ids = HashSet::new();
    // One Anki note a recall card, but one a cloze fact, its cards its numbers.
    let mut note_ids: HashMap<&str, i64> = HashMap::new();
    for (i, note) in notes.iter().enumerate() {
        let id = first_id + i as i64;
        let note_id = match note_ids.get(note.note_key()) {
            Some(&nid) => nid,
            None => {
                note_ids.insert(note.note_key(), id);
                let main = main_card(notes, note);
                let (notetype, fields) = anki_fields(main);
                insert_note.execute(params![
                    id,
                    note.guid,
                    notetype,
                    note_mtime(notes, main, now_secs),
                    format!(" {} ", note.anki_tags().join(" ")),
                    fields.join("\u{1f}"),
                    html::to_text(&fields[0]),
                ])?;
                id
            }
        };
        let ord = match (&note.cloze, &note.anki) {
            (Some((_, n)), _) => i64::from(*n) - 1,
            (None, Some((origin, _, _))) => i64::from(origin.card),
            (None, None) => 0,
        };
        let history = progress.and_then(|p| Some((p, p.cards.get(&note.card)?)));
        let card = match history {
            Some((progress, history)) => CardColumns::from_history(history, progress),
            None => CardColumns::new(i as i64 + 1),
        };
        insert_card.execute(params![
            id,
            note_id,
            deck_id(&note.deck),
            ord,
            now_secs,
            card.ctype,
            card.queue,
            card.due,
            card.interval,
            card.factor,
            card.reps,
            card.lapses,
            card.data,
        ])?;
        for review in history.map_or(&[][..], |(_, h)| &h.reviews) {
            insert_review.execute(revlog_row(review, id, &mut revlog_ids))?;
        }
    }
    drop((insert_note, insert_card, insert_review));
    let collection = db.serialize(rusqlite::MAIN_DB)?;
    Ok(zip(&collection).expect("zipping into memory does not fail"))
}

/// The card whose fields a note is written from: of an imported note, its first card
/// (not the reversed one) if it is exported.
fn main_card<'a>(notes: &'a [Note], note: &'a Note) -> &'a Note {
    if note.anki.as_ref().is_some_and(|(o, _, _)| o.card != 0)
        && let Some(first) = notes.iter().find(|n| {
            n.note_key() == note.note_key() && n.anki.as_ref().is_some_and(|(o, _, _)| o.card == 0)
        })
    {
        return first;
    }
    note
}

/// When the note last changed: an imported note that no card of changed keeps Anki's time,
/// so that Anki takes it as the note it has; a changed note, and recall's own, take the
/// time their deck file last changed (else now), so that exporting twice gives one time.
fn note_mtime(notes: &[Note], main: &Note, now_secs: i64) -> i64 {
    let cards = notes.iter().filter(|n| n.note_key() == main.note_key());
    let changed = cards
        .clone()
        .any(|n| n.anki.as_ref().is_none_or(|(_, _, c)| *c));
    let modified = cards.filter_map(|n| n.modified).max().unwrap_or(now_secs);
    match &main.anki {
        Some((origin, _, _)) if !changed => origin.mtime,
        Some((origin, _, _)) => modified.max(origin.mtime + 1),
        None => modified,
    }
}

/// A note's note type and fields, as HTML: an imported note's own (as Anki had them while
/// unchanged), else `recall` (Front, Back, Back Extra, Source) or `recall cloze` (Text,
/// Back Extra, Source).
pub fn anki_fields(note: &Note) -> (i64, Vec<String>) {
    if let Some((origin, note_type, changed)) = &note.anki {
        if !changed {
            return (note_type.id, origin.fields.clone());
        }
        let explain = note.explain.as_deref().unwrap_or("");
        let (card, cloze) = match &note.cloze {
            Some((text, _)) => ([text.as_str(), "", explain], true),
            None if origin.card != 0 => ([note.answer.as_str(), &note.prompt, explain], false),
            None => ([note.prompt.as_str(), &note.answer, explain], false),
        };
        return (
            note_type.id,
            super::anki_note::fields_for(note_type, &origin.fields, card, cloze),
        );
    }
    let source = format!(
        "“{}”<br>— {}",
        html::escape(&note.quote),
        html::escape(&note.source_title)
    );
    let extra = note
        .explain
        .as_deref()
        .map(html::escape)
        .unwrap_or_default();
    match &note.cloze {
        Some((text, _)) => (CLOZE_NOTETYPE_ID, vec![html::escape(text), extra, source]),
        None => (
            NOTETYPE_ID,
            vec![
                html::escape(&note.prompt),
                html::escape(&note.answer),
                extra,
                source,
            ],
        ),
    }
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

fn conf_json(notes: usize, rollover_hour: u32) -> Value {
    json!({
        "schedVer": 2,
        "rollover": rollover_hour,
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

fn field_json(ord: usize, name: &str) -> Value {
    json!({ "name": name, "ord": ord, "sticky": false, "rtl": false,
            "font": "Arial", "size": 20, "media": [] })
}

const CSS: &str = ".card { font-family: arial; font-size: 20px; text-align: center; color: black; background-color: white; }\n.cloze { font-weight: bold; color: blue; }\n.extra { margin-top: 1em; }\n.source { margin-top: 1.5em; font-size: 14px; color: #666; }\n";

/// recall's note types, and those of the imported notes.
fn notetypes_json(notes: &[Note], deck: i64) -> Value {
    let mut all = json!({
        NOTETYPE_ID.to_string(): notetype_json(deck),
        CLOZE_NOTETYPE_ID.to_string(): cloze_notetype_json(deck),
    });
    for (_, note_type, _) in notes.iter().filter_map(|n| n.anki.as_ref()) {
        all[note_type.id.to_string()] = imported_notetype_json(note_type, deck);
    }
    all
}

/// An imported note type as the package had it. Its time is 0, older than any, so that
/// Anki keeps the user's own templates and styling of it and only adds it if it is missing.
fn imported_notetype_json(note_type: &crate::deck::AnkiNoteType, deck: i64) -> Value {
    let mut notetype = notetype_json(deck);
    notetype["id"] = json!(note_type.id);
    notetype["name"] = json!(note_type.name);
    notetype["type"] = json!(i64::from(note_type.cloze));
    notetype["mod"] = json!(0);
    notetype["flds"] = note_type
        .fields
        .iter()
        .enumerate()
        .map(|(i, name)| field_json(i, name))
        .collect();
    notetype["tmpls"] = note_type
        .templates
        .iter()
        .enumerate()
        .map(|(i, (q, a))| {
            let name = note_type.template_names.get(i).cloned().unwrap_or_else(|| {
                if note_type.cloze {
                    "Cloze".to_owned()
                } else {
                    format!("Card {}", i + 1)
                }
            });
            json!({ "name": name,
                    "ord": i, "qfmt": q, "afmt": a, "bqfmt": "", "bafmt": "", "did": null,
                    "bfont": "", "bsize": 0 })
        })
        .collect();
    notetype["req"] = json!([]);
    notetype
}

/// `recall cloze`: Anki's own Cloze, with the source.
fn cloze_notetype_json(deck: i64) -> Value {
    let mut notetype = notetype_json(deck);
    notetype["id"] = json!(CLOZE_NOTETYPE_ID);
    notetype["name"] = json!("recall cloze");
    notetype["type"] = json!(1);
    notetype["flds"] = json!([
        field_json(0, "Text"),
        field_json(1, "Back Extra"),
        field_json(2, "Source")
    ]);
    notetype["tmpls"][0]["name"] = json!("Cloze");
    notetype["tmpls"][0]["qfmt"] = json!("{{cloze:Text}}");
    notetype["tmpls"][0]["afmt"] = json!(
        "{{cloze:Text}}\n\n{{#Back Extra}}<div class=extra>{{Back Extra}}</div>{{/Back Extra}}\n\n{{#Source}}<div class=source>{{Source}}</div>{{/Source}}"
    );
    notetype["req"] = json!([[0, "any", [0]]]);
    notetype
}

fn notetype_json(deck: i64) -> Value {
    let field = field_json;
    json!({
        "id": NOTETYPE_ID,
        "name": "recall",
        "type": 0,
        "mod": NOTETYPE_MTIME,
        "usn": -1,
        "sortf": 0,
        "did": deck,
        "flds": [field(0, "Front"), field(1, "Back"), field(2, "Back Extra"), field(3, "Source")],
        "tmpls": [{
            "name": "Card 1",
            "ord": 0,
            "qfmt": "{{Front}}",
            "afmt": "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}\n\n{{#Back Extra}}<div class=extra>{{Back Extra}}</div>{{/Back Extra}}\n\n{{#Source}}<div class=source>{{Source}}</div>{{/Source}}",
            "bqfmt": "",
            "bafmt": "",
            "did": null,
            "bfont": "",
            "bsize": 0,
        }],
        "css": CSS,
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

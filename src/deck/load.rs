//! Reading deck files: TOML shape first (serde, with spans), then the rules serde can't say.
use std::{
    collections::HashSet,
    fs,
    io::Read,
    ops::Range,
    path::{Path, PathBuf},
};

use serde::Deserialize;
use toml::Spanned;

use super::{AnkiNoteType, AnkiOrigin, CardGrade, Citation, Deck, Fact, FactKind, Office, Source};
use crate::{date::HistDate, error::Located, show};

include!(concat!(env!("OUT_DIR"), "/bundled_decks.rs"));

/// The decks built into the binary.
pub fn load_bundled() -> Result<Vec<Deck>, Vec<Located>> {
    collect(
        BUNDLED_DECKS
            .iter()
            .map(|(path, text)| parse_deck(path, text)),
    )
}

/// Deck files, and every `*.toml` directly inside the folders among `paths`.
pub fn load_paths(paths: &[PathBuf]) -> Result<Vec<Deck>, Vec<Located>> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_dir() {
            match toml_files_in(path) {
                Ok(found) if found.is_empty() => problems.push(file_problem(
                    path,
                    "no deck files (`*.toml`) in this folder",
                    "point --decks at the folder that holds the deck files",
                )),
                Ok(found) => files.extend(found),
                Err(e) => problems.push(file_problem(path, &e.to_string(), "check the path")),
            }
        } else {
            files.push(path.clone());
        }
    }
    let mut snapshot =
        super::snapshot::Snapshot::open(crate::progress::cache_dir().as_deref(), &files);
    let decks = files.iter().map(|file| match read_deck(file) {
        Ok(bytes) if bytes.len() as u64 > MAX_DECK_BYTES => Err(vec![file_problem(
            file,
            &format!(
                "the file is larger than {} MiB, too large for a deck",
                MAX_DECK_BYTES >> 20
            ),
            "split it into several decks, or point --decks at the folder of deck files",
        )]),
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => snapshot.parse(&file.display().to_string(), text),
            Err(e) => {
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                Err(vec![
                    Located::at(
                        &file.display().to_string(),
                        &text,
                        e.utf8_error().valid_up_to(),
                        "the file is not UTF-8 text",
                    )
                    .help("save the deck as UTF-8"),
                ])
            }
        },
        Err(e) => Err(vec![file_problem(file, &e.to_string(), "check the path")]),
    });
    let loaded = collect(decks);
    if let Ok(decks) = &loaded {
        snapshot.save(decks);
    }
    match loaded {
        Ok(decks) if problems.is_empty() => Ok(decks),
        Ok(_) => Err(problems),
        Err(mut more) => {
            problems.append(&mut more);
            Err(problems)
        }
    }
}

/// Decks are written by hand: 16 MiB holds some 70,000 facts.
pub const MAX_DECK_BYTES: u64 = 16 << 20;

/// The file's bytes, but no more than one past [`MAX_DECK_BYTES`] (a device or a huge file
/// is not read to its end).
fn read_deck(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    fs::File::open(path)?
        .take(MAX_DECK_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn file_problem(path: &Path, message: &str, help: &str) -> Located {
    Located {
        path: path.display().to_string(),
        line: 1,
        column: 1,
        message: message.to_owned(),
        help: Some(help.to_owned()),
        snippet: None,
    }
}

fn toml_files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    Ok(files)
}

/// Loads decks, then checks what spans them: unique deck ids and fact ids.
fn collect(
    decks: impl Iterator<Item = Result<Deck, Vec<Located>>>,
) -> Result<Vec<Deck>, Vec<Located>> {
    let mut ok = Vec::new();
    let mut problems = Vec::new();
    for deck in decks {
        match deck {
            Ok(deck) => ok.push(deck),
            Err(mut p) => problems.append(&mut p),
        }
    }
    let mut deck_ids: Vec<(&str, &Deck)> = Vec::new();
    let mut fact_ids: std::collections::HashMap<&str, &Deck> = Default::default();
    for deck in &ok {
        if let Some((_, first)) = deck_ids.iter().find(|(id, _)| *id == deck.id) {
            problems.push(
                Located::at(
                    &deck.path,
                    &deck.text,
                    deck.text.find(&deck.id).unwrap_or(0),
                    format!("deck id `{}` is also used by {}", deck.id, first.path),
                )
                .help("give each deck its own id"),
            );
        }
        deck_ids.push((&deck.id, deck));
        for fact in &deck.facts {
            if let Some(first) = fact_ids.insert(&fact.id, deck) {
                problems.push(
                    Located::at(&deck.path, &deck.text, id_offset(deck, fact), format!("duplicate fact id `{}` (also in {})", fact.id, first.path))
                        .help("fact ids must be unique across all decks, since progress is kept by id; rename one"),
                );
            }
        }
    }
    if problems.is_empty() {
        Ok(ok)
    } else {
        Err(problems)
    }
}

fn id_offset(deck: &Deck, fact: &Fact) -> usize {
    let table = &deck.text[fact.span.clone()];
    fact.span.start + table.find(&format!("\"{}\"", fact.id)).map_or(0, |i| i + 1)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    deck: RawMeta,
    #[serde(default)]
    source: Vec<RawSource>,
    #[serde(default)]
    event: Vec<Spanned<RawEvent>>,
    #[serde(default)]
    agreement: Vec<Spanned<RawAgreement>>,
    #[serde(default)]
    leader: Vec<Spanned<RawLeader>>,
    #[serde(default)]
    incident: Vec<Spanned<RawIncident>>,
    #[serde(default)]
    card: Vec<Spanned<RawCard>>,
    #[serde(default)]
    figure: Vec<Spanned<RawFigure>>,
    #[serde(default)]
    cloze: Vec<Spanned<RawCloze>>,
    #[serde(default)]
    note_type: Vec<AnkiNoteType>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    id: Spanned<String>,
    title: String,
    #[serde(default)]
    description: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: Spanned<String>,
    title: String,
    url: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCitation {
    #[serde(rename = "ref")]
    reference: Spanned<String>,
    quote: Spanned<String>,
}

/// Fields every fact has. (Each raw kind repeats them: serde's `flatten` would lose
/// `deny_unknown_fields`.)
struct Common {
    id: Spanned<String>,
    tags: Vec<String>,
    source: RawCitation,
    note: Option<String>,
    optional: bool,
}

type RawDate = Spanned<toml::Value>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    id: Spanned<String>,
    #[serde(default)]
    tags: Vec<String>,
    source: RawCitation,
    note: Option<String>,
    #[serde(default)]
    optional: bool,
    date: RawDate,
    until: Option<RawDate>,
    what: String,
    place: Option<String>,
    #[serde(default)]
    people: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAgreement {
    id: Spanned<String>,
    #[serde(default)]
    tags: Vec<String>,
    source: RawCitation,
    note: Option<String>,
    #[serde(default)]
    optional: bool,
    name: String,
    #[serde(default)]
    aka: Vec<String>,
    date: RawDate,
    #[serde(default)]
    parties: Vec<String>,
    place: Option<String>,
    summary: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLeader {
    id: Spanned<String>,
    #[serde(default)]
    tags: Vec<String>,
    source: RawCitation,
    note: Option<String>,
    #[serde(default)]
    optional: bool,
    name: String,
    #[serde(default)]
    aka: Vec<String>,
    country: String,
    role: Option<Spanned<String>>,
    from: Option<RawDate>,
    to: Option<RawDate>,
    #[serde(default)]
    known_for: Vec<String>,
    offices: Option<Spanned<Vec<Spanned<RawOffice>>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOffice {
    role: Spanned<String>,
    country: Option<String>,
    from: Option<RawDate>,
    to: Option<RawDate>,
    /// A date the source shows the person in office.
    #[serde(rename = "in")]
    held: Option<RawDate>,
    source: Option<RawCitation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIncident {
    id: Spanned<String>,
    #[serde(default)]
    tags: Vec<String>,
    source: RawCitation,
    note: Option<String>,
    #[serde(default)]
    optional: bool,
    name: String,
    #[serde(default)]
    aka: Vec<String>,
    date: RawDate,
    place: Option<String>,
    cue: Option<String>,
    toll: Option<String>,
    summary: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCard {
    id: Spanned<String>,
    #[serde(default)]
    tags: Vec<String>,
    source: RawCitation,
    note: Option<String>,
    #[serde(default)]
    optional: bool,
    prompt: String,
    answer: String,
    #[serde(default)]
    accept: Vec<String>,
    #[serde(default)]
    parts: Vec<String>,
    explain: Option<String>,
    guid: Option<String>,
    grade: Option<Spanned<String>>,
    anki: Option<Spanned<AnkiOrigin>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCloze {
    id: Spanned<String>,
    #[serde(default)]
    tags: Vec<String>,
    source: RawCitation,
    note: Option<String>,
    #[serde(default)]
    optional: bool,
    text: Spanned<String>,
    explain: Option<String>,
    guid: Option<String>,
    anki: Option<Spanned<AnkiOrigin>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    id: Spanned<String>,
    #[serde(default)]
    tags: Vec<String>,
    source: RawCitation,
    note: Option<String>,
    #[serde(default)]
    optional: bool,
    question: String,
    number: Spanned<i64>,
    unit: Option<String>,
}

/// Reads one deck file, reporting every problem it can find.
pub fn parse_deck(path: &str, text: &str) -> Result<Deck, Vec<Located>> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        vec![
            Located::at(path, text, at, e.message().trim().to_owned())
                .help(shape_help(e.message())),
        ]
    })?;
    let mut checker = Checker {
        path,
        text,
        problems: Vec::new(),
        sources: raw.source.iter().map(|s| s.id.get_ref().clone()).collect(),
        ids: HashSet::new(),
        note_types: raw.note_type.iter().map(|t| t.id).collect(),
    };

    checker.slug(&raw.deck.id, "deck id");
    let mut source_ids = HashSet::new();
    let sources = raw
        .source
        .iter()
        .map(|s| {
            checker.slug(&s.id, "source id");
            if !source_ids.insert(s.id.get_ref().as_str()) {
                checker.problem(
                    s.id.span(),
                    format!("duplicate source id `{}`", s.id.get_ref()),
                    "each [[source]] needs its own id",
                );
            }
            Source {
                id: s.id.get_ref().clone(),
                title: s.title.clone(),
                url: s.url.clone(),
            }
        })
        .collect();

    let mut facts = Vec::new();
    checker.facts(raw.event, &mut facts);
    checker.facts(raw.agreement, &mut facts);
    checker.facts(raw.leader, &mut facts);
    checker.facts(raw.incident, &mut facts);
    checker.facts(raw.card, &mut facts);
    checker.facts(raw.figure, &mut facts);
    checker.facts(raw.cloze, &mut facts);
    facts.sort_by_key(|f| f.span.start);

    if !checker.problems.is_empty() {
        return Err(checker.problems);
    }
    let mut deck = Deck {
        id: raw.deck.id.into_inner(),
        title: raw.deck.title,
        description: raw.deck.description,
        path: path.to_owned(),
        text: text.to_owned(),
        sources,
        facts,
        note_types: raw.note_type,
    };
    make_safe(&mut deck);
    Ok(deck)
}

/// Every text of the deck as it may be shown: a control character or escape sequence
/// (`"\u001b[2J"` in the TOML) is kept visible (`\u{1b}[2J`), never sent to a terminal.
/// `recall decks lint` reports them as errors; the deck still loads so that one bad
/// string does not stop a student's reviews.
fn make_safe(deck: &mut Deck) {
    fn safe(s: &mut String) {
        if let std::borrow::Cow::Owned(clean) = show::text(s) {
            *s = clean;
        }
    }
    fn all(list: &mut [String]) {
        list.iter_mut().for_each(safe);
    }
    safe(&mut deck.title);
    safe(&mut deck.description);
    for source in &mut deck.sources {
        safe(&mut source.title);
        source.url.iter_mut().for_each(safe);
    }
    for fact in &mut deck.facts {
        all(&mut fact.tags);
        safe(&mut fact.citation.quote);
        match &mut fact.kind {
            FactKind::Event {
                date: _,
                until: _,
                what,
                place,
                people,
            } => {
                safe(what);
                place.iter_mut().for_each(safe);
                all(people);
            }
            FactKind::Agreement {
                name,
                aka,
                date: _,
                parties,
                place,
                summary,
            } => {
                safe(name);
                all(aka);
                all(parties);
                place.iter_mut().for_each(safe);
                safe(summary);
            }
            FactKind::Leader {
                name,
                aka,
                country,
                role,
                from: _,
                to: _,
                known_for,
                offices,
            } => {
                safe(name);
                all(aka);
                safe(country);
                safe(role);
                all(known_for);
                for office in offices {
                    safe(&mut office.role);
                    safe(&mut office.country);
                    if let Some(citation) = &mut office.citation {
                        safe(&mut citation.quote);
                    }
                }
            }
            FactKind::Incident {
                name,
                aka,
                date: _,
                place,
                cue,
                toll,
                summary,
            } => {
                safe(name);
                all(aka);
                place.iter_mut().for_each(safe);
                cue.iter_mut().for_each(safe);
                toll.iter_mut().for_each(safe);
                safe(summary);
            }
            FactKind::Card {
                prompt,
                answer,
                accept,
                parts,
                explain,
                guid,
                ..
            } => {
                safe(prompt);
                safe(answer);
                all(accept);
                all(parts);
                explain.iter_mut().for_each(safe);
                guid.iter_mut().for_each(safe);
            }
            FactKind::Cloze {
                text,
                explain,
                guid,
                anki: _,
            } => {
                safe(text);
                explain.iter_mut().for_each(safe);
                guid.iter_mut().for_each(safe);
            }
            FactKind::Figure {
                question,
                number: _,
                unit,
            } => {
                safe(question);
                unit.iter_mut().for_each(safe);
            }
        }
        fact.note.iter_mut().for_each(safe);
    }
}

fn shape_help(message: &str) -> &'static str {
    if message.contains("unknown field") {
        "check the spelling against the fields listed above (docs/deck-format.md describes each)"
    } else if message.contains("missing field") {
        "add the field; docs/deck-format.md lists what each kind of fact needs"
    } else if message.contains("invalid date") {
        "write a real calendar day, e.g. 2018-04-27"
    } else if message.contains("invalid type") {
        "write the value with the type shown: text in quotes, lists in [ ], dates as 2018-04-27 or \"2018-04\""
    } else {
        "fix the TOML syntax at this place"
    }
}

/// A fact table as written, turned into the model by checking its dates.
trait RawFact {
    fn split(self, checker: &mut Checker) -> (Common, FactKind);
}

macro_rules! common {
    ($raw:expr) => {
        Common {
            id: $raw.id,
            tags: $raw.tags,
            source: $raw.source,
            note: $raw.note,
            optional: $raw.optional,
        }
    };
}

impl RawFact for RawEvent {
    fn split(self, checker: &mut Checker) -> (Common, FactKind) {
        let kind = FactKind::Event {
            date: checker.date(&self.date),
            until: self.until.as_ref().map(|d| checker.date(d)),
            what: self.what,
            place: self.place,
            people: self.people,
        };
        (common!(self), kind)
    }
}

impl RawFact for RawAgreement {
    fn split(self, checker: &mut Checker) -> (Common, FactKind) {
        let kind = FactKind::Agreement {
            date: checker.date(&self.date),
            name: self.name,
            aka: self.aka,
            parties: self.parties,
            place: self.place,
            summary: self.summary,
        };
        (common!(self), kind)
    }
}

impl RawFact for RawLeader {
    fn split(mut self, checker: &mut Checker) -> (Common, FactKind) {
        let offices = checker.offices(&mut self);
        let first = offices.first().cloned();
        let kind = FactKind::Leader {
            from: first.as_ref().and_then(|o| o.from),
            to: first.as_ref().and_then(|o| o.to),
            name: self.name,
            aka: self.aka,
            country: self.country,
            role: first.map(|o| o.role).unwrap_or_default(),
            known_for: self.known_for,
            offices,
        };
        (common!(self), kind)
    }
}

impl RawFact for RawIncident {
    fn split(self, checker: &mut Checker) -> (Common, FactKind) {
        let kind = FactKind::Incident {
            date: checker.date(&self.date),
            name: self.name,
            aka: self.aka,
            place: self.place,
            cue: self.cue,
            toll: self.toll,
            summary: self.summary,
        };
        (common!(self), kind)
    }
}

impl RawFact for RawCard {
    fn split(self, checker: &mut Checker) -> (Common, FactKind) {
        let grade = match self.grade.as_ref().map(|g| g.get_ref().as_str()) {
            None | Some("text") => CardGrade::Text,
            Some("self") => CardGrade::SelfGraded,
            Some("date") => {
                if crate::date::parse_typed_date(&self.answer).is_err()
                    && let Some(g) = &self.grade
                {
                    checker.problem(
                        g.span(),
                        format!("`grade = \"date\"`, but the answer `{}` is not a date", self.answer),
                        "write the answer as a date (27 July 1953, 1953-07-27, July 1953, 1953), or drop `grade`",
                    );
                }
                CardGrade::Date
            }
            Some(other) => {
                if let Some(g) = &self.grade {
                    checker.problem(
                        g.span(),
                        format!("unknown grade `{other}`"),
                        "write grade = \"text\" (typed, the default), \"date\" (a typed date) or \"self\" (shown, then graded by the student)",
                    );
                }
                CardGrade::Text
            }
        };
        let kind = FactKind::Card {
            prompt: self.prompt,
            answer: self.answer,
            accept: self.accept,
            parts: self.parts,
            explain: self.explain,
            guid: self.guid,
            grade,
            anki: checker.anki(self.anki),
        };
        (common!(self), kind)
    }
}

impl RawFact for RawCloze {
    fn split(self, checker: &mut Checker) -> (Common, FactKind) {
        let text = self.text.get_ref();
        if !text.trim().is_empty() {
            for problem in crate::cloze::check(text) {
                let at = offset_in_string(checker.text, self.text.span(), problem.at);
                checker.problems.push(
                    Located::at(checker.path, checker.text, at, problem.message).help(problem.help),
                );
            }
        }
        let kind = FactKind::Cloze {
            text: self.text.get_ref().clone(),
            explain: self.explain,
            guid: self.guid,
            anki: checker.anki(self.anki),
        };
        (common!(self), kind)
    }
}

/// Where byte `at` of the value of a TOML string (whose literal is at `span`) is in the file:
/// exact for a one-line string without escapes, else the literal's start.
fn offset_in_string(file: &str, span: Range<usize>, at: usize) -> usize {
    let literal = file.get(span.clone()).unwrap_or_default();
    let one_line = |q: char| {
        literal.len() >= 2
            && literal.starts_with(q)
            && !literal.starts_with(&format!("{q}{q}{q}"))
            && (q == '\'' || !literal.contains('\\'))
    };
    if (one_line('"') || one_line('\'')) && at + 1 < literal.len() {
        span.start + 1 + at
    } else {
        span.start
    }
}

impl RawFact for RawFigure {
    fn split(self, checker: &mut Checker) -> (Common, FactKind) {
        let number = *self.number.get_ref();
        if !(0..=MAX_FIGURE).contains(&number) {
            checker.problem(
                self.number.span(),
                format!("the number `{number}` is out of range"),
                "write a whole number from 0 to 1000000000000",
            );
        }
        let kind = FactKind::Figure {
            question: self.question,
            number,
            unit: self.unit,
        };
        (common!(self), kind)
    }
}

/// The largest `number` a figure may have: a trillion is past any toll or count in history.
const MAX_FIGURE: i64 = 1_000_000_000_000;

struct Checker<'a> {
    path: &'a str,
    text: &'a str,
    problems: Vec<Located>,
    sources: Vec<String>,
    ids: HashSet<String>,
    note_types: Vec<i64>,
}

impl Checker<'_> {
    /// A fact's Anki origin, whose note type the file must define.
    fn anki(&mut self, raw: Option<Spanned<AnkiOrigin>>) -> Option<AnkiOrigin> {
        let raw = raw?;
        if !self.note_types.contains(&raw.get_ref().note_type) {
            self.problem(
                raw.span(),
                format!(
                    "Anki note type `{}` is not defined by a [[note_type]] of this file",
                    raw.get_ref().note_type
                ),
                "leave `anki` as `recall decks import` wrote it, or remove it (an export then adds the note anew)",
            );
        }
        Some(raw.into_inner())
    }

    fn facts<T: RawFact>(&mut self, raw: Vec<Spanned<T>>, facts: &mut Vec<Fact>) {
        for item in raw {
            let span = item.span();
            let (common, kind) = item.into_inner().split(self);
            facts.extend(self.fact(common, kind, span));
        }
    }

    fn problem(&mut self, span: Range<usize>, message: String, help: &str) {
        self.problems
            .push(Located::at(self.path, self.text, span.start, message).help(help));
    }

    fn slug(&mut self, id: &Spanned<String>, what: &str) {
        let s = id.get_ref();
        let ok = !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !s.starts_with('-');
        if !ok {
            self.problem(
                id.span(),
                format!("{what} `{s}` may only have lowercase letters, digits and `-`"),
                "write it like `panmunjom-declaration`",
            );
        }
    }

    fn date(&mut self, raw: &RawDate) -> HistDate {
        let parsed = match raw.get_ref() {
            toml::Value::Datetime(d) => match (d.date, d.time) {
                (Some(date), None) => {
                    HistDate::day(date.year.into(), date.month.into(), date.day.into())
                        .ok_or_else(|| format!("`{d}` is not a calendar day"))
                }
                _ => Err(format!(
                    "`{d}` has a time; a fact's date is a day, a month or a year"
                )),
            },
            toml::Value::String(s) => {
                HistDate::parse_canonical(s).map_err(|e| format!("`{s}` is not a date: {e}"))
            }
            toml::Value::Integer(y) => Err(format!("the year `{y}` must be quoted as text")),
            other => Err(format!("a date cannot be {}", other.type_str())),
        };
        parsed.unwrap_or_else(|message| {
            self.problem(
                raw.span(),
                message,
                "write 2018-04-27, \"2018-04\" or \"2018\", only as precise as the source",
            );
            HistDate::year(0)
        })
    }

    fn fact(&mut self, common: Common, kind: FactKind, span: Range<usize>) -> Option<Fact> {
        self.slug(&common.id, "fact id");
        let id = common.id.get_ref().clone();
        if !self.ids.insert(id.clone()) {
            self.problem(
                common.id.span(),
                format!("duplicate fact id `{id}`"),
                "each fact needs its own id; progress is kept by it",
            );
        }
        let citation = self.citation(common.source);
        self.empty_text(&kind, &span);
        let note = common.note.filter(|n| !n.trim().is_empty());
        Some(Fact {
            id,
            tags: common.tags,
            note,
            optional: common.optional,
            citation,
            kind,
            span,
        })
    }

    fn citation(&mut self, raw: RawCitation) -> Citation {
        let reference = raw.reference;
        if !self.sources.contains(reference.get_ref()) {
            let known = if self.sources.is_empty() {
                "this file defines no [[source]]".to_owned()
            } else {
                format!(
                    "this file defines {}",
                    self.sources
                        .iter()
                        .map(|s| format!("`{s}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            self.problem(
                reference.span(),
                format!("source `{}` is not defined ({known})", reference.get_ref()),
                "add a [[source]] with this id to the deck, or cite one it has",
            );
        }
        let quote = raw.quote;
        if quote.get_ref().trim().is_empty() {
            self.problem(
                quote.span(),
                "the quote is empty".into(),
                "quote the sentence of the source that supports this fact",
            );
        }
        Citation {
            source: reference.into_inner(),
            quote: quote.get_ref().clone(),
            quote_span: quote.span(),
        }
    }

    /// A leader's offices: `role` (with `from` and `to`) for one, or `offices` for several.
    fn offices(&mut self, raw: &mut RawLeader) -> Vec<Office> {
        let from = raw.from.as_ref().map(|d| self.date(d));
        let to = raw.to.as_ref().map(|d| self.date(d));
        let Some(list) = raw.offices.take() else {
            let Some(role) = &raw.role else {
                self.problem(
                    raw.id.span(),
                    format!("leader `{}` has no `role`", raw.id.get_ref()),
                    "add `role = \"President\"`, or `offices = [{ role = .. }, ..]` for several offices",
                );
                return Vec::new();
            };
            if role.get_ref().trim().is_empty() {
                self.problem(
                    role.span(),
                    "`role` is empty".into(),
                    "write it out; a question is made from it",
                );
            }
            return vec![Office {
                role: role.get_ref().clone(),
                country: raw.country.clone(),
                from,
                to,
                held: None,
                citation: None,
            }];
        };
        let span = list.span();
        if let Some(role) = &raw.role {
            self.problem(
                role.span(),
                "a leader has `role` or `offices`, not both".into(),
                "move this role into `offices`, or drop `offices`",
            );
        }
        if let Some(date) = raw.from.as_ref().or(raw.to.as_ref()) {
            self.problem(
                date.span(),
                "with `offices`, `from` and `to` belong to each office".into(),
                "write `offices = [{ role = \"..\", from = \"1948\" }, ..]`",
            );
        }
        let list = list.into_inner();
        if list.is_empty() {
            self.problem(
                span,
                "`offices` is empty".into(),
                "list at least one office, or give `role` instead",
            );
        }
        let mut offices: Vec<Office> = Vec::new();
        for item in list {
            let raw_office = item.into_inner();
            let role = raw_office.role;
            if role.get_ref().trim().is_empty() {
                self.problem(
                    role.span(),
                    "the office's `role` is empty".into(),
                    "write the office, e.g. `role = \"Foreign Minister\"`",
                );
            }
            let office = Office {
                role: role.get_ref().clone(),
                country: raw_office.country.unwrap_or_else(|| raw.country.clone()),
                from: raw_office.from.as_ref().map(|d| self.date(d)),
                to: raw_office.to.as_ref().map(|d| self.date(d)),
                held: raw_office.held.as_ref().map(|d| self.date(d)),
                citation: raw_office.source.map(|c| self.citation(c)),
            };
            if let (Some(from), Some(to)) = (office.from, office.to)
                && to < from
            {
                self.problem(
                    role.span(),
                    format!(
                        "the office `{}` ends ({to}) before it begins ({from})",
                        office.role
                    ),
                    "check `from` and `to` against the source",
                );
            }
            let same = offices.iter().find(|o| {
                o.title().eq_ignore_ascii_case(&office.title()) && o.date() == office.date()
            });
            if same.is_some() {
                self.problem(
                    role.span(),
                    format!("the office `{}` is listed twice", office.title()),
                    "list each office once",
                );
            }
            offices.push(office);
        }
        offices
    }

    fn empty_text(&mut self, kind: &FactKind, span: &Range<usize>) {
        let required: Vec<(&str, &str)> = match kind {
            FactKind::Event { what, .. } => vec![("what", what)],
            FactKind::Agreement { name, summary, .. } => vec![("name", name), ("summary", summary)],
            // Roles are checked with the offices.
            FactKind::Leader { name, country, .. } => vec![("name", name), ("country", country)],
            FactKind::Incident { name, summary, .. } => vec![("name", name), ("summary", summary)],
            FactKind::Card { prompt, answer, .. } => vec![("prompt", prompt), ("answer", answer)],
            FactKind::Cloze { text, .. } => vec![("text", text)],
            FactKind::Figure { question, .. } => vec![("question", question)],
        };
        for (field, value) in required {
            if value.trim().is_empty() {
                let at = self.text[span.clone()]
                    .find(&format!("{field} "))
                    .map_or(span.start, |i| span.start + i);
                self.problems.push(
                    Located::at(self.path, self.text, at, format!("`{field}` is empty"))
                        .help("write it out; a question is made from it"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str =
        "[deck]\nid = \"t\"\ntitle = \"T\"\n\n[[source]]\nid = \"s\"\ntitle = \"S\"\n\n";

    fn leader(body: &str) -> String {
        format!(
            "{HEAD}[[leader]]\nid = \"kis\"\nname = \"Kim Il Sung\"\ncountry = \"North Korea\"\n{body}source = {{ ref = \"s\", quote = \"Q\" }}\n"
        )
    }

    /// Each problem as `line:column: message`.
    fn problems(text: &str) -> Vec<String> {
        match parse_deck("t.toml", text) {
            Ok(_) => Vec::new(),
            Err(problems) => problems
                .iter()
                .map(|p| format!("{}:{}: {}", p.line, p.column, p.message))
                .collect(),
        }
    }

    #[test]
    fn several_offices_load_each_with_its_years_and_source() {
        let text = leader(
            "offices = [\n  { role = \"Prime Minister\", from = \"1948\" },\n  { role = \"President\", from = \"1972\", to = \"1994\", source = { ref = \"s\", quote = \"R\" } },\n  { role = \"Chairman\", country = \"Korea\", in = 1980-05-01 },\n]\n",
        );
        let deck = parse_deck("t.toml", &text).expect("loads");
        let FactKind::Leader {
            role,
            from,
            offices,
            ..
        } = &deck.facts[0].kind
        else {
            panic!("a leader");
        };
        assert_eq!(
            (role.as_str(), *from),
            ("Prime Minister", Some(HistDate::year(1948)))
        );
        assert_eq!(offices.len(), 3);
        assert_eq!(offices[1].to, Some(HistDate::year(1994)));
        assert_eq!(
            offices[1].citation.as_ref().map(|c| c.quote.as_str()),
            Some("R")
        );
        assert_eq!(offices[2].country, "Korea");
        assert_eq!(offices[2].held, HistDate::day(1980, 5, 1));
        assert_eq!(offices[0].country, "North Korea");
        assert_eq!(deck.facts[0].citations().len(), 2);

        let one =
            parse_deck("t.toml", &leader("role = \"Premier\"\nfrom = \"1948\"\n")).expect("loads");
        let FactKind::Leader { offices, .. } = &one.facts[0].kind else {
            panic!("a leader");
        };
        assert_eq!(offices.len(), 1);
        assert_eq!(offices[0].title(), "Premier of North Korea");
        assert_eq!(offices[0].from, Some(HistDate::year(1948)));
    }

    #[test]
    fn bad_offices_are_located() {
        let cases = [
            ("", "10:6: leader `kis` has no `role`"),
            ("role = \"\"\n", "13:8: `role` is empty"),
            (
                "role = \"President\"\noffices = [{ role = \"Premier\" }]\n",
                "13:8: a leader has `role` or `offices`, not both",
            ),
            (
                "from = \"1948\"\noffices = [{ role = \"Premier\" }]\n",
                "13:8: with `offices`, `from` and `to` belong to each office",
            ),
            ("offices = []\n", "13:11: `offices` is empty"),
            (
                "offices = [{ role = \"Premier\" }, { role = \" \" }]\n",
                "13:43: the office's `role` is empty",
            ),
            (
                "offices = [{ role = \"Premier\" }, { role = \"premier\" }]\n",
                "13:43: the office `premier of North Korea` is listed twice",
            ),
            (
                "offices = [{ role = \"Premier\", from = \"1990\", to = \"1980\" }]\n",
                "13:21: the office `Premier` ends (1980) before it begins (1990)",
            ),
            (
                "offices = [{ role = \"Premier\", from = \"1948-13\" }]\n",
                "13:39: `1948-13` is not a date: the month must be 01 to 12",
            ),
            (
                "offices = [{ role = \"Premier\", source = { ref = \"x\", quote = \"Q\" } }]\n",
                "13:49: source `x` is not defined (this file defines `s`)",
            ),
            (
                "offices = [{ role = \"Premier\", since = \"1948\" }]\n",
                "13:32: unknown field `since`, expected one of `role`, `country`, `from`, `to`, `in`, `source`",
            ),
        ];
        for (body, wanted) in cases {
            let found = problems(&leader(body));
            assert!(
                found.iter().any(|p| p == wanted),
                "{body:?}: wanted {wanted}, found {found:?}"
            );
            assert_eq!(found.len(), 1, "{body:?}: one problem, found {found:?}");
        }
    }
}

//! Decks: the facts a teacher writes, loaded strictly from TOML.
mod load;
mod snapshot;

use std::ops::Range;

pub use load::{MAX_DECK_BYTES, load_bundled, load_paths, parse_deck};

use crate::date::HistDate;

/// How a `[[card]]`'s answer is checked (`grade = "text" | "date" | "self"`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum CardGrade {
    /// Typed and checked as text.
    #[default]
    Text,
    /// Typed and checked as a date, at the answer's precision.
    Date,
    /// A flip card: the answer is shown and the student grades it (a long definition).
    SelfGraded,
}

/// One deck file.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Deck {
    pub id: String,
    pub title: String,
    pub description: String,
    /// Where it was read from, as shown in messages.
    pub path: String,
    /// The file's text, for locating problems in it (not in a snapshot: the file has it).
    #[serde(skip)]
    pub text: String,
    pub sources: Vec<Source>,
    pub facts: Vec<Fact>,
    /// The Anki note types its imported notes have, so that an export gives them back.
    pub note_types: Vec<AnkiNoteType>,
}

/// An Anki note type, as an Anki package had it: Anki matches a note type by its id and
/// its fields, and updates a note only within the note type it has.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnkiNoteType {
    pub id: i64,
    pub name: String,
    pub cloze: bool,
    pub fields: Vec<String>,
    /// Each card template's question and answer format.
    pub templates: Vec<(String, String)>,
    /// Each card template's name.
    pub template_names: Vec<String>,
}

/// The Anki note a `[[card]]` or `[[cloze]]` was imported from.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnkiOrigin {
    /// The id of its [`AnkiNoteType`], among the deck's.
    pub note_type: i64,
    /// When Anki last changed the note (seconds): given back while the card is unchanged.
    pub mtime: i64,
    /// A hash of the card as imported ([`AnkiOrigin::hash_of`]): it tells whether it changed.
    pub hash: String,
    /// The note's fields as Anki had them (HTML).
    pub fields: Vec<String>,
    /// The card template it is (1 for a reversed card).
    pub card: u32,
}

impl AnkiOrigin {
    /// What a card says, hashed: its prompt, answer and explanation, or a cloze's text.
    pub fn hash_of(parts: &[&str]) -> String {
        format!("{:016x}", crate::interop::fnv1a(&parts.join("\u{1f}")))
    }
}

/// A text that facts cite.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
}

/// The sentence of a source that supports a fact.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Citation {
    pub source: String,
    pub quote: String,
    pub quote_span: Range<usize>,
}

/// One office a leader held. A leader with one office has it from `role`, `country`, `from`
/// and `to`; a leader with several lists them, each with the years the text gives.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Office {
    pub role: String,
    pub country: String,
    /// When the office was taken.
    pub from: Option<HistDate>,
    pub to: Option<HistDate>,
    /// A date the source shows the person in office, when it does not say from when.
    pub held: Option<HistDate>,
    /// The sentence that gives this office, when it is not the fact's own.
    pub citation: Option<Citation>,
}

impl Office {
    /// "President of South Korea".
    pub fn title(&self) -> String {
        format!("{} of {}", self.role, self.country)
    }

    /// The date a question about this office asks by, if any.
    pub fn date(&self) -> Option<HistDate> {
        self.from.or(self.held).or(self.to)
    }
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Fact {
    pub id: String,
    pub tags: Vec<String>,
    /// A teacher's word shown with the answer: where the source is disputed or wrong.
    pub note: Option<String>,
    /// Left out of review and exam unless asked for (`--optional`).
    pub optional: bool,
    pub citation: Citation,
    pub kind: FactKind,
    /// Where the fact's table starts in its file.
    pub span: Range<usize>,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub enum FactKind {
    Event {
        date: HistDate,
        until: Option<HistDate>,
        what: String,
        place: Option<String>,
        people: Vec<String>,
    },
    Agreement {
        name: String,
        aka: Vec<String>,
        date: HistDate,
        parties: Vec<String>,
        place: Option<String>,
        summary: String,
    },
    Leader {
        name: String,
        aka: Vec<String>,
        country: String,
        role: String,
        from: Option<HistDate>,
        to: Option<HistDate>,
        known_for: Vec<String>,
        /// Every office, the first the one that `role`, `country`, `from` and `to` give.
        offices: Vec<Office>,
    },
    Incident {
        name: String,
        aka: Vec<String>,
        date: HistDate,
        place: Option<String>,
        /// What "What happened …?" asks after, when the place and date alone do not
        /// single the incident out: "to a monument in Pyongyang in January 2024".
        cue: Option<String>,
        toll: Option<String>,
        summary: String,
    },
    Card {
        prompt: String,
        answer: String,
        accept: Vec<String>,
        /// When the answer is a list ("1994, 1996 and 2003"), its items: each is wanted,
        /// in any order, and a partial list earns partial credit.
        parts: Vec<String>,
        explain: Option<String>,
        /// The id of the Anki note it was imported from, kept for exports.
        guid: Option<String>,
        /// How the answer is checked: typed text, a typed date, or shown and self-graded.
        grade: CardGrade,
        anki: Option<AnkiOrigin>,
    },
    /// A source's sentence with deletions (`{{c1::…}}`): one card per number.
    Cloze {
        /// The sentence with its deletion markers, checked when loaded.
        text: String,
        explain: Option<String>,
        /// The id of the Anki note it was imported from, kept for exports.
        guid: Option<String>,
        anki: Option<AnkiOrigin>,
    },
    /// A number the text gives: a toll, a count, a sum.
    Figure {
        /// The whole question, e.g. "How many of the Cheonan's 104 sailors died?"
        question: String,
        number: i64,
        /// What is counted, shown after the number ("sailors").
        unit: Option<String>,
    },
}

impl Fact {
    /// The table name it is written under: `event`, `agreement`, ...
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            FactKind::Event { .. } => "event",
            FactKind::Agreement { .. } => "agreement",
            FactKind::Leader { .. } => "leader",
            FactKind::Incident { .. } => "incident",
            FactKind::Card { .. } => "card",
            FactKind::Cloze { .. } => "cloze",
            FactKind::Figure { .. } => "figure",
        }
    }

    /// The date the fact is ordered by, if it has one.
    pub fn date(&self) -> Option<HistDate> {
        match &self.kind {
            FactKind::Event { date, .. }
            | FactKind::Agreement { date, .. }
            | FactKind::Incident { date, .. } => Some(*date),
            FactKind::Leader { from, .. } => *from,
            FactKind::Card { .. } | FactKind::Cloze { .. } | FactKind::Figure { .. } => None,
        }
    }

    /// The fact's citation and those of its offices, each with the date it supports.
    pub fn citations(&self) -> Vec<(&Citation, Option<HistDate>)> {
        let mut all = vec![(&self.citation, self.date())];
        if let FactKind::Leader { offices, .. } = &self.kind {
            all.extend(
                offices
                    .iter()
                    .filter_map(|o| Some((o.citation.as_ref()?, o.date()))),
            );
        }
        all
    }

    /// A one-line reminder of the whole fact, shown after an answer, with the teacher's
    /// note when there is one.
    pub fn context(&self) -> String {
        let context = self.summary();
        match &self.note {
            Some(note) => format!("{context} Note: {note}"),
            None => context,
        }
    }

    fn summary(&self) -> String {
        match &self.kind {
            FactKind::Event {
                date,
                until,
                what,
                place,
                ..
            } => {
                let when = match until {
                    Some(until) => format!("{date} – {until}"),
                    None => date.to_string(),
                };
                let place = place.as_ref().map(|p| format!(", {p}")).unwrap_or_default();
                format!("{when}{place}: {what}")
            }
            FactKind::Agreement {
                name,
                date,
                parties,
                summary,
                ..
            } => {
                let by = if parties.is_empty() {
                    String::new()
                } else {
                    format!(", {}", join_names(parties))
                };
                format!("{name} ({date}{by}): {summary}")
            }
            FactKind::Leader {
                name,
                known_for,
                offices,
                ..
            } => {
                let offices: Vec<String> = offices
                    .iter()
                    .map(|o| {
                        let years = match (o.from, o.to, o.held) {
                            (Some(f), Some(t), _) => format!(" ({f} – {t})"),
                            (Some(f), None, _) => format!(" (from {f})"),
                            (None, Some(t), _) => format!(" (until {t})"),
                            (None, None, Some(h)) => format!(" (in {h})"),
                            (None, None, None) => String::new(),
                        };
                        format!("{}{years}", o.title())
                    })
                    .collect();
                let known = if known_for.is_empty() {
                    String::new()
                } else {
                    format!("; {}", known_for.join("; "))
                };
                format!("{name}, {}{known}", join_names(&offices))
            }
            FactKind::Incident {
                name,
                date,
                place,
                toll,
                summary,
                ..
            } => {
                let place = place.as_ref().map(|p| format!(", {p}")).unwrap_or_default();
                let toll = toll
                    .as_ref()
                    .map(|t| format!(" Toll: {t}."))
                    .unwrap_or_default();
                format!("{} ({date}{place}): {summary}{toll}", capitalize(name))
            }
            FactKind::Card {
                answer, explain, ..
            } => match explain {
                Some(explain) => format!("{answer}: {explain}"),
                None => answer.clone(),
            },
            // The sentence is shown with its source: the explanation, when there is one, is
            // what is new.
            FactKind::Cloze { text, explain, .. } => explain
                .clone()
                .unwrap_or_else(|| crate::cloze::revealed(text)),
            FactKind::Figure {
                question,
                number,
                unit,
            } => match unit {
                Some(unit) => format!("{question} {} {unit}.", crate::number::show(*number)),
                None => format!("{question} {}.", crate::number::show(*number)),
            },
        }
    }
}

/// "A", "A and B", "A, B and C".
pub fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

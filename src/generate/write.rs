//! The draft as deck TOML: ids, tables, and the check with the project's own loader and card
//! builder that no two facts ask the same question.
use std::collections::{BTreeSet, HashMap};

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::leaders::Leader;
use super::*;

/// A slug of at most `words` words: lowercase ASCII letters and digits joined by `-`.
pub fn slug(s: &str, words: usize) -> String {
    let ascii: String = s.nfkd().filter(char::is_ascii).collect();
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(words)
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

/// Makes `id` unique among `taken`.
pub(super) fn unique(id: String, taken: &mut BTreeSet<String>) -> String {
    let id = if id.is_empty() { "fact".to_owned() } else { id };
    let mut candidate = id.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{id}-{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

// The deck file's shape, as the loader reads it (docs/deck-format.md).

#[derive(Serialize)]
#[serde(untagged)]
enum OutDate {
    Day(toml::value::Datetime),
    Partial(String),
}

fn out_date(d: HistDate) -> OutDate {
    match (d.precision(), d.get_month(), d.get_day()) {
        (Precision::Day, Some(month), Some(day)) => OutDate::Day(toml::value::Datetime {
            date: Some(toml::value::Date {
                year: d.get_year() as u16,
                month: month as u8,
                day: day as u8,
            }),
            time: None,
            offset: None,
        }),
        _ => OutDate::Partial(d.canonical()),
    }
}

#[derive(Serialize)]
struct OutHead {
    deck: OutMeta,
    source: Vec<OutSource>,
}

#[derive(Serialize)]
struct OutMeta {
    id: String,
    title: String,
    description: String,
}

#[derive(Serialize)]
struct OutSource {
    id: String,
    title: String,
}

#[derive(Serialize)]
struct OutEvent {
    id: String,
    date: OutDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    until: Option<OutDate>,
    what: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    people: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
}

#[derive(Serialize)]
struct OutAgreement {
    id: String,
    name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aka: Vec<String>,
    date: OutDate,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    parties: Vec<String>,
    summary: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
}

#[derive(Serialize)]
struct OutLeader {
    id: String,
    name: String,
    country: String,
    role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<OutDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<OutDate>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    known_for: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
}

#[derive(Serialize)]
struct OutIncident {
    id: String,
    name: String,
    date: OutDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    toll: Option<String>,
    summary: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
}

/// Who wrote a fact into the deck: a drafted fact or a leader, by index.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Owner {
    Drafted(usize),
    Leader(usize),
}

/// Writes the deck, then loads it with the project's own loader: a fact whose question another
/// fact already asks becomes an event (an agreement or incident) or is left out, until no
/// question repeats. Returns the TOML, what was changed, and the kind of each fact kept.
pub(super) fn write_checked(
    inputs: &[Input],
    id: &str,
    title: &str,
    mut drafted: Vec<Drafted>,
    mut leaders: Vec<Leader>,
) -> (String, Vec<String>, Vec<&'static str>) {
    let mut dropped = Vec::new();
    loop {
        let (toml, owners) = write(inputs, id, title, &drafted, &leaders);
        let deck = deck::parse_deck("draft.toml", &toml).unwrap_or_else(|problems| {
            // The writer and the loader disagree: a bug, shown rather than hidden.
            let message: Vec<String> = problems.iter().map(ToString::to_string).collect();
            panic!(
                "the drafted deck does not load:\n{}\n{toml}",
                message.join("\n")
            )
        });
        let collection = Collection::new(vec![deck]);
        let mut seen = BTreeSet::new();
        let mut owned = BTreeSet::new();
        // Every repeat of one pass at once (a long text may have hundreds), by its owner.
        let mut repeats: Vec<(Owner, String)> = collection
            .cards
            .iter()
            .filter(|card| card.is_typed())
            .filter(|card| !seen.insert(card.prompt.clone()))
            .map(|card| (owners[&collection.fact(card).id], card.prompt.clone()))
            .filter(|(owner, _)| owned.insert(*owner))
            .collect();
        if repeats.is_empty() {
            let kinds = collection.decks[0]
                .facts
                .iter()
                .map(|f| f.kind_name())
                .collect();
            return (toml, dropped, kinds);
        }
        // From the last index down, so a removal leaves the other indices in place.
        repeats.sort_by_key(|(owner, _)| std::cmp::Reverse(*owner));
        let mut notes = Vec::new();
        for (owner, prompt) in repeats {
            match owner {
                Owner::Leader(k) => {
                    let l = leaders.remove(k);
                    notes.push(format!("{}: left out: {prompt}", inputs[l.input].file));
                }
                Owner::Drafted(k) => {
                    let d = &mut drafted[k];
                    let place = format!("{}:{}", inputs[d.input].file, d.line);
                    match &d.fact {
                        Fact::Agreement { date, what, .. } | Fact::Incident { date, what, .. } => {
                            notes.push(format!("{place}: made an event: {prompt}"));
                            d.fact = Fact::Event {
                                date: *date,
                                until: None,
                                what: what.clone(),
                            };
                        }
                        Fact::Event { .. } => {
                            notes.push(format!("{place}: left out: {prompt}"));
                            drafted.remove(k);
                        }
                    }
                }
            }
        }
        dropped.extend(notes.into_iter().rev());
    }
}

/// The TOML text, and who wrote each fact id.
fn write(
    inputs: &[Input],
    id: &str,
    title: &str,
    drafted: &[Drafted],
    leaders: &[Leader],
) -> (String, HashMap<String, Owner>) {
    let mut taken = BTreeSet::new();
    let head = OutHead {
        deck: OutMeta {
            id: id.to_owned(),
            title: title.to_owned(),
            description: format!(
                "Drafted by `recall decks generate` from {}; review before studying.",
                inputs
                    .iter()
                    .map(|i| file_name(&i.file))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
        source: inputs
            .iter()
            .enumerate()
            .filter(|(k, i)| !inputs[..*k].iter().any(|o| o.source == i.source))
            .map(|(_, i)| OutSource {
                id: i.source.clone(),
                title: i.title.clone(),
            })
            .collect(),
    };
    let mut out = serialize(&head);
    let mut ids = HashMap::new();
    let mut sections = [String::new(), String::new(), String::new(), String::new()];
    for (k, d) in drafted.iter().enumerate() {
        let tags = d.tags.clone();
        let (section, table, body) = match &d.fact {
            Fact::Event { date, until, what } => {
                let base = format!("{}-{}", date.get_year(), slug(&what.replace("___", " "), 6));
                let id = unique(base, &mut taken);
                ids.insert(id.clone(), Owner::Drafted(k));
                let e = OutEvent {
                    id,
                    date: out_date(*date),
                    until: until.map(out_date),
                    what: what.clone(),
                    people: d.people.clone(),
                    tags,
                };
                (0, "event", serialize(&e))
            }
            Fact::Agreement {
                name,
                aka,
                date,
                parties,
                summary,
                ..
            } => {
                let mut base = slug(name, 8);
                if taken.contains(&base) {
                    base = format!("{base}-{}", date.get_year());
                }
                let id = unique(base, &mut taken);
                ids.insert(id.clone(), Owner::Drafted(k));
                let a = OutAgreement {
                    id,
                    name: name.clone(),
                    aka: aka.clone(),
                    date: out_date(*date),
                    parties: parties.clone(),
                    summary: summary.clone(),
                    tags,
                };
                (1, "agreement", serialize(&a))
            }
            Fact::Incident {
                name,
                date,
                place,
                toll,
                summary,
                ..
            } => {
                let id = unique(slug(name, 8), &mut taken);
                ids.insert(id.clone(), Owner::Drafted(k));
                let i = OutIncident {
                    id,
                    name: name.clone(),
                    date: out_date(*date),
                    place: place.clone(),
                    toll: toll.clone(),
                    summary: summary.clone(),
                    tags,
                };
                (3, "incident", serialize(&i))
            }
        };
        sections[section] += &table_text(table, &body, &inputs[d.input].source, &d.quote);
    }
    for (k, l) in leaders.iter().enumerate() {
        let id = unique(slug(&l.name, 6), &mut taken);
        ids.insert(id.clone(), Owner::Leader(k));
        let leader = OutLeader {
            id,
            name: l.name.clone(),
            country: l.country.clone(),
            role: l.role.clone(),
            from: l.from.map(|y| out_date(HistDate::year(y))),
            to: l.to.map(|y| out_date(HistDate::year(y))),
            known_for: l.known_for.clone(),
            tags: l.tags.clone(),
        };
        sections[2] += &table_text(
            "leader",
            &serialize(&leader),
            &inputs[l.input].source,
            &l.quote,
        );
    }
    for section in sections {
        out += &section;
    }
    (out, ids)
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn serialize<T: Serialize>(value: &T) -> String {
    toml::to_string(value).unwrap_or_else(|e| panic!("a deck always serializes: {e}"))
}

/// `[[kind]]`, the fields, and the citation as one inline table, the way decks are written by hand.
fn table_text(kind: &str, body: &str, source: &str, quote: &str) -> String {
    let value = |s: &str| toml::Value::String(s.to_owned()).to_string();
    format!(
        "\n[[{kind}]]\n{body}source = {{ ref = {}, quote = {} }}\n",
        value(source),
        value(quote)
    )
}

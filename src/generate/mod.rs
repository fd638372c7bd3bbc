//! `recall decks generate`: a draft deck from plain-text history, by fixed rules.
//!
//! Each text is read as headings, paragraphs and sentences; a report's dateline gives the day it
//! was written, and a listing's or timeline's date line dates what is on it or under it. Every
//! date expression is found and, when relative (`On 13 June`, `the next day`, `that year`),
//! resolved from the nearest date before it in the same section; one that counts from the day
//! the text was written (`last year`, `on Tuesday`, `January 5` in a news report) is resolved
//! from the text's date, when it has one. Each usable date of a sentence becomes one fact: the
//! named agreement signed then, the incident that happened then, or else an event. People named
//! with an office become leaders. The same fact found twice (by name, by most of its words, or
//! by who did what to whom) is merged, keeping the more precise date.
mod dates;
mod facts;
mod gist;
mod lines;
mod people;
mod readme;
mod text;

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::{
    card::Collection,
    date::{HistDate, Precision},
    deck,
};
use dates::{Anchors, Mention};
use facts::{Dated, Fact};
pub use readme::{About, about, text_date};

/// One text to draft from.
pub struct Input {
    /// The file as named in messages.
    pub file: String,
    /// The source id its facts cite.
    pub source: String,
    pub title: String,
    pub text: String,
    /// The day the text was written (`--dated`, or its README), to the precision known:
    /// `last year`, `on Tuesday` and `January 5` count from it.
    pub dated: Option<HistDate>,
}

/// A date the generator found but did not use, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unused {
    pub file: String,
    pub line: usize,
    pub expression: String,
    pub reason: &'static str,
    pub sentence: String,
}

/// The drafted deck and what the generator has to say about it.
#[derive(Debug)]
pub struct Draft {
    pub toml: String,
    pub events: usize,
    pub agreements: usize,
    pub leaders: usize,
    pub incidents: usize,
    pub unused: Vec<Unused>,
    /// `file:line` of a duplicate and the `file:line` of the fact it was merged into.
    pub merged: Vec<(String, String)>,
    /// Facts left out because another asks the same question: `file:line: question`.
    pub dropped: Vec<String>,
    /// Facts tagged `check-wording`: their sentence opens with a pronoun.
    pub to_check: usize,
}

/// A fact with where it came from.
#[derive(Clone, Debug)]
struct Drafted {
    fact: Fact,
    input: usize,
    line: usize,
    quote: String,
    people: Vec<String>,
    tags: Vec<String>,
    /// Who did what to whom in the clause of its date, for telling restatements.
    gist: gist::Gist,
}

/// One mention of a person with an office, and the years of its sentence.
struct Mentioned {
    holder: people::Holder,
    input: usize,
    quote: String,
    years: Vec<i32>,
    /// Whether its sentence says they took office then, left it then, or held it.
    term: people::Term,
    tags: Vec<String>,
}

pub const CHECK_WORDING: &str = "check-wording";

/// Drafts one deck from the texts.
pub fn draft(inputs: &[Input], id: &str, title: &str) -> Draft {
    let mut drafted = Vec::new();
    let mut mentioned = Vec::new();
    let mut unused = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        read(i, input, &mut drafted, &mut mentioned, &mut unused);
    }
    let mut merged = Vec::new();
    let drafted = merge(drafted, inputs, &mut merged);
    let leaders = leaders(mentioned);
    let (toml, dropped, kept) = write_checked(inputs, id, title, drafted, leaders);
    let count = |kind: &str| kept.iter().filter(|k| **k == kind).count();
    Draft {
        events: count("event"),
        agreements: count("agreement"),
        leaders: count("leader"),
        incidents: count("incident"),
        to_check: toml.matches(&format!("\"{CHECK_WORDING}\"")).count(),
        toml,
        unused,
        merged,
        dropped,
    }
}

/// Walks one text: sections, datelines, paragraphs and sentences, with the date in force.
fn read(
    i: usize,
    input: &Input,
    drafted: &mut Vec<Drafted>,
    mentioned: &mut Vec<Mentioned>,
    unused: &mut Vec<Unused>,
) {
    let text = &input.text;
    // The nearest date before, which relative dates count from; reset by each heading.
    let mut context: Option<HistDate> = None;
    // A line that is only a date dates the first sentence under it.
    let mut entry: Option<dates::Span> = None;
    // The paragraph that set it, and the year of the section's heading, if it names one.
    let mut context_block: Option<usize> = None;
    let mut section_year: Option<HistDate> = None;
    let mut section: Vec<String> = Vec::new();
    // The day the text was written, made more precise by a report's dateline.
    let mut written = input.dated;
    let starts_entry = |line: &str| lines::entry(line).is_some();
    for (b, mut block) in text::blocks(text, starts_entry).into_iter().enumerate() {
        if !block.heading
            && let Some(d) = lines::report_dateline(&text[block.range.clone()])
        {
            if let Some(m) = &d.date {
                let anchors = Anchors {
                    written,
                    ..Anchors::default()
                };
                if let Ok((date, None)) = dates::resolve(&m.when, anchors) {
                    written = lines::refine(written, date);
                }
                let start = block.range.start;
                let first = text::sentences(text, block.range.clone(), block.line);
                unused.push(Unused {
                    file: input.file.clone(),
                    line: block.line,
                    expression: text[start + m.words.start..start + m.words.end].to_owned(),
                    reason: lines::DATELINE,
                    sentence: squash(&text[first[0].range.clone()]),
                });
            }
            block.range.start += d.len;
        }
        let block_text = &text[block.range.clone()];
        if block.heading {
            context = dates::heading_year(block_text);
            section_year = context;
            context_block = None;
            entry = None;
            if block.level == 2 {
                section = vec![slug(block_text, 6)];
            }
            continue;
        }
        // A run-in heading that names a year starts its part there; one that names none goes on
        // in the year before it, as the parts of a chapter do.
        if let Some(year) = text::run_in_heading(block_text).and_then(dates::heading_year) {
            context = Some(year);
            section_year = context;
            context_block = None;
            entry = None;
        }
        // A listing's or timeline's entry: its date dates the text after it on the line, or
        // the first sentence under it.
        let mut title = text::is_title(block_text);
        // Where an entry's date starts, when the entry says its happening on the same line:
        // the quote keeps the date, so that it shows what it supports.
        let mut quote_from = None;
        if let Some(e) = lines::entry(block_text) {
            let anchors = Anchors {
                before: context,
                // Entries in a row read as one paragraph.
                here: if context_block.is_some_and(|c| c + 1 == b) {
                    context
                } else {
                    section_year
                },
                written,
                ahead: None,
            };
            match dates::resolve(&e.date.when, anchors) {
                Ok((date, until)) => {
                    context = Some(until.unwrap_or(date));
                    context_block = Some(b);
                    entry = Some((date, until));
                }
                Err(reason) => unused.push(Unused {
                    file: input.file.clone(),
                    line: block.line,
                    expression: block_text[e.date.phrase.clone()].to_owned(),
                    reason,
                    sentence: squash(block_text),
                }),
            }
            if e.rest == block_text.len() {
                continue;
            }
            quote_from = Some(block.range.start + e.date.words.start);
            block.range.start += e.rest;
            // What the entry says is read as a sentence, however it is written.
            title = false;
        }
        let sentences = text::sentences(text, block.range.clone(), block.line);
        // The first date with its year in the paragraph, for a month and day before it that
        // nothing earlier dates.
        let ahead = (!title)
            .then(|| {
                sentences.iter().find_map(|x| {
                    dates::find(&text[x.range.clone()])
                        .into_iter()
                        .find_map(|m| match m.when {
                            dates::When::Date(d, _) => Some(d),
                            _ => None,
                        })
                })
            })
            .flatten();
        for (k, sentence) in sentences.iter().enumerate() {
            let s = &text[sentence.range.clone()];
            let quote = match quote_from {
                Some(from) if k == 0 => &text[from..sentence.range.end],
                _ => s,
            };
            let mut not_used = |m: &Mention, reason| {
                unused.push(Unused {
                    file: input.file.clone(),
                    line: sentence.line,
                    expression: s[m.phrase.clone()].to_owned(),
                    reason,
                    sentence: squash(s),
                })
            };
            let mentions = if title {
                dates::find_in_title(s)
            } else {
                dates::find(s)
            };
            let mut dated = Vec::new();
            for m in &mentions {
                let anchors = Anchors {
                    before: context,
                    // A listing's entry reads as one paragraph with its date line.
                    here: if context_block == Some(b) || entry.is_some() {
                        context
                    } else {
                        section_year
                    },
                    written,
                    ahead,
                };
                match dates::resolve(&m.when, anchors) {
                    Ok((date, until)) => {
                        let end = until.unwrap_or(date);
                        // A look back within a paragraph ("had shut down in February 2016"), or
                        // to before its section's year, does not move the story's date.
                        let before = |c: HistDate| end < c && !dates::compatible(end, c);
                        let looks_back = context.is_some_and(before) && context_block == Some(b)
                            || section_year.is_some_and(before);
                        if (!m.attributive || m.opens) && !looks_back {
                            context = Some(end);
                            context_block = Some(b);
                        }
                        dated.push(Dated {
                            date,
                            until,
                            mention: Some(m.clone()),
                        });
                    }
                    Err(reason) => not_used(m, reason),
                }
            }
            // A listing's entry: its date is the document's, and dates the first sentence
            // under its title, beside any date that sentence has of its own.
            if !title
                && let Some((date, until)) = entry.take()
                && !dated.iter().any(|d| dates::compatible(d.date, date))
            {
                dated.push(Dated {
                    date,
                    until,
                    mention: None,
                });
            }
            let holders = if title {
                Vec::new()
            } else {
                people::holders(s)
            };
            let years: Vec<i32> = dated
                .iter()
                .filter(|d| d.mention.as_ref().is_none_or(|m| !m.attributive))
                .map(|d| d.date.get_year())
                .collect();
            for holder in &holders {
                let mut one_line = holder.clone();
                one_line.name = squash(&holder.name);
                one_line.role = squash(&holder.role);
                one_line.known_for = holder.known_for.as_deref().map(squash);
                mentioned.push(Mentioned {
                    holder: one_line,
                    input: i,
                    quote: quote.to_owned(),
                    years: years.clone(),
                    term: people::term(s, &holder.name),
                    tags: section.clone(),
                });
            }
            if dated.is_empty() {
                continue;
            }
            let names: Vec<String> = holders.iter().map(|h| h.name.clone()).collect();
            let next = sentences.get(k + 1).map(|n| &text[n.range.clone()]);
            for (fact, k) in facts::sentence_facts(s, &dated, &names, next) {
                let gist = dated[k]
                    .mention
                    .as_ref()
                    .map(|m| gist::gist(s, m.phrase.clone()))
                    .unwrap_or_default();
                let mut tags = section.clone();
                if let Fact::Event { what, .. } = &fact
                    && facts::dangling(what)
                {
                    tags.push(CHECK_WORDING.to_owned());
                }
                drafted.push(Drafted {
                    fact: fact.one_line(),
                    input: i,
                    line: sentence.line,
                    quote: quote.to_owned(),
                    people: names.clone(),
                    tags,
                    gist,
                });
            }
        }
    }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lowercase words, plurals cut, `the` dropped: `Exchanges` and `Exchange` are one name.
fn name_key(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("the"))
        .map(|w| {
            let w = w.to_lowercase();
            match w.strip_suffix('s') {
                Some(stem) if stem.len() > 3 => stem.to_owned(),
                _ => w,
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

const STOP_WORDS: [&str; 24] = [
    "that", "this", "with", "from", "were", "have", "been", "their", "they", "which", "into",
    "also", "after", "before", "between", "both", "when", "would", "will", "over", "than", "there",
    "other", "about",
];

/// The content words of a sentence, for telling restatements apart from new facts.
fn content_words(s: &str) -> BTreeSet<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '-')
        .map(str::to_lowercase)
        .filter(|w| {
            w.chars().count() >= 4
                && !w.chars().all(|c| c.is_ascii_digit())
                && !STOP_WORDS.contains(&w.as_str())
        })
        .collect()
}

/// Two facts that say the same thing: the same agreement or incident (by name), or events with
/// compatible dates whose sentences share most of their words.
fn same_fact(a: &Drafted, b: &Drafted) -> bool {
    if !dates::compatible(a.fact.date(), b.fact.date()) {
        return false;
    }
    match (&a.fact, &b.fact) {
        (
            Fact::Agreement {
                name: n1, aka: a1, ..
            },
            Fact::Agreement {
                name: n2, aka: a2, ..
            },
        ) => {
            let keys = |n: &String, aka: &Vec<String>| {
                std::iter::once(n)
                    .chain(aka)
                    .map(|x| name_key(x))
                    .collect::<Vec<_>>()
            };
            let k2 = keys(n2, a2);
            keys(n1, a1).iter().any(|k| k2.contains(k))
        }
        (Fact::Incident { name: n1, .. }, Fact::Incident { name: n2, .. }) => {
            name_key(n1) == name_key(n2)
        }
        (Fact::Event { until: u1, .. }, Fact::Event { until: u2, .. }) => {
            let ends_agree = match (u1, u2) {
                (Some(x), Some(y)) => dates::compatible(*x, *y),
                _ => true,
            };
            let (w1, w2) = (content_words(&a.quote), content_words(&b.quote));
            let shared = w1.intersection(&w2).count();
            let smaller = w1.len().min(w2.len()).max(1);
            let same_day =
                a.fact.date() == b.fact.date() && a.fact.date().precision() == Precision::Day;
            let restated = shared * 10 >= smaller * 7
                || gist::same_happening(&a.gist, &b.gist)
                || same_day && gist::same_death(&a.gist, &b.gist);
            ends_agree && a.quote != b.quote && restated
        }
        _ => false,
    }
}

fn is_more_precise(a: &Fact, b: &Fact) -> bool {
    let spans = |f: &Fact| matches!(f, Fact::Event { until: Some(_), .. });
    (a.date().precision(), spans(a)) > (b.date().precision(), spans(b))
}

/// Merges restatements into the more precise fact; the other's names become `aka`.
fn merge(all: Vec<Drafted>, inputs: &[Input], merged: &mut Vec<(String, String)>) -> Vec<Drafted> {
    let place = |d: &Drafted| format!("{}:{}", inputs[d.input].file, d.line);
    let mut out: Vec<Drafted> = Vec::new();
    for d in all {
        let Some(k) = out.iter().position(|o| same_fact(o, &d)) else {
            out.push(d);
            continue;
        };
        let (keep, drop) = if is_more_precise(&d.fact, &out[k].fact) {
            (d, out[k].clone())
        } else {
            (out[k].clone(), d)
        };
        merged.push((place(&drop), place(&keep)));
        let mut keep = keep;
        if let (
            Fact::Agreement {
                name, aka, parties, ..
            },
            Fact::Agreement {
                name: other,
                aka: other_aka,
                parties: other_parties,
                ..
            },
        ) = (&mut keep.fact, &drop.fact)
        {
            for n in std::iter::once(other).chain(other_aka) {
                if n != name && !aka.contains(n) {
                    aka.push(n.clone());
                }
            }
            for p in other_parties {
                if !parties.contains(p) {
                    parties.push(p.clone());
                }
            }
        }
        out[k] = keep;
    }
    out
}

/// A leader made from every mention of one person.
struct Leader {
    name: String,
    country: String,
    role: String,
    from: Option<i32>,
    to: Option<i32>,
    known_for: Vec<String>,
    input: usize,
    quote: String,
    tags: Vec<String>,
}

/// Korean family names: alone, they do not say who is meant.
const FAMILY_NAMES: [&str; 14] = [
    "Kim", "Lee", "Park", "Pak", "Moon", "Roh", "Yoon", "Rhee", "Chun", "Choi", "Ri", "Cho",
    "Jang", "Yi",
];

/// One leader per person: the office named most often, the country the text gives, the years
/// of the sentences that name them with it.
fn leaders(mentioned: Vec<Mentioned>) -> Vec<Leader> {
    let full_names: Vec<String> = mentioned
        .iter()
        .map(|m| m.holder.name.clone())
        .filter(|n| n.contains(' '))
        .collect();
    let mut by_name: Vec<(String, Vec<&Mentioned>)> = Vec::new();
    for m in &mentioned {
        let name = &m.holder.name;
        if !name.contains(' ')
            && (FAMILY_NAMES.contains(&name.as_str())
                || full_names.iter().any(|f| f.split(' ').any(|w| w == name)))
        {
            continue;
        }
        match by_name.iter_mut().find(|(n, _)| n == name) {
            Some((_, all)) => all.push(m),
            None => by_name.push((name.clone(), vec![m])),
        }
    }
    let countries: HashMap<String, String> = by_name
        .iter()
        .filter_map(|(n, all)| {
            let c = all.iter().find_map(|m| m.holder.country.clone())?;
            Some((n.clone(), c))
        })
        .collect();
    let mut out = Vec::new();
    for (name, all) in &by_name {
        let country = countries.get(name).cloned().or_else(|| {
            all.iter()
                .find_map(|m| m.holder.relative_of.as_ref())
                .and_then(|r| countries.get(r).cloned())
        });
        let Some(country) = country else { continue };
        let mut roles: Vec<(&str, usize)> = Vec::new();
        for m in all {
            match roles
                .iter_mut()
                .find(|(r, _)| r.eq_ignore_ascii_case(&m.holder.role))
            {
                Some((_, n)) => *n += 1,
                None => roles.push((&m.holder.role, 1)),
            }
        }
        let role = roles
            .iter()
            .rev()
            .max_by_key(|(_, n)| *n)
            .map(|(r, _)| r.to_string())
            .unwrap_or_default();
        // The years the text ties to them in this office, not in another.
        let in_office = |m: &&&Mentioned| m.holder.role.eq_ignore_ascii_case(&role);
        // The year they left office ends the term and never starts it; the year they took it
        // starts it and never ends it.
        let years_when = |keep: &dyn Fn(people::Term) -> bool| -> Vec<i32> {
            all.iter()
                .filter(in_office)
                .filter(|m| keep(m.term))
                .flat_map(|m| m.years.clone())
                .collect()
        };
        let from = years_when(&|t| t != people::Term::End).into_iter().min();
        let to = years_when(&|t| t != people::Term::Start)
            .into_iter()
            .max()
            .filter(|t| Some(*t) != from && from.is_none_or(|f| *t > f));
        let known_for: Vec<String> = all
            .iter()
            .filter_map(|m| m.holder.known_for.clone())
            .filter(|k| !k.contains(name.as_str()))
            .collect();
        // Quote the sentence that dates them first, else the one that says what they did.
        let first = all
            .iter()
            .find(|m| from.is_some() && m.years.contains(&from.unwrap_or_default()))
            .or_else(|| all.iter().find(|m| m.holder.known_for.is_some()))
            .unwrap_or(&all[0]);
        out.push(Leader {
            name: name.clone(),
            country,
            role,
            from,
            to,
            known_for,
            input: first.input,
            quote: first.quote.clone(),
            tags: first.tags.clone(),
        });
    }
    out
}

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
fn unique(id: String, taken: &mut BTreeSet<String>) -> String {
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
fn write_checked(
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

#[cfg(test)]
mod tests {
    use super::*;

    fn input(text: &str) -> Input {
        Input {
            file: "t.txt".into(),
            source: "t".into(),
            title: "T".into(),
            text: text.into(),
            dated: None,
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        /// Whatever the text, the draft loads with the project's loader and asks nothing twice.
        #[test]
        fn any_text_drafts_a_deck_that_loads(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "In", "On", "the", "next", "day", "following", "year", "13", "June", "2018",
                    "April", "27,", "1998", "from", "to", "1950", "–", "1953", "1970s", "signed",
                    "Panmunjom", "Declaration", "President", "Moon", "Jae-in", "attacked", "Blue",
                    "House", "was", "hijacked", "Kim", ".", ",", "\n\n", "== 2019 ==\n", "•",
                    "South", "Korean", "leader", "sank", "Agreement", "of", "September", "\"", "é",
                    "Tuesday", "last", "this", "New", "Year's", "Day", "a", "before", "(1)", ":",
                    "present", "will", "SEOUL", "—", "(Reuters)", "that", "Earlier", "spring",
                    "twenty-fifth", "4th", "53", "report", "covers", "speech", "Christmas",
                    "mid-1990s", "\n1991: ", "\n- 27 April –", "Meeting", "visited",
                ]),
                0..120,
            ),
            dated in proptest::option::of(proptest::sample::select(vec![
                HistDate::year(2025),
                HistDate::month(2018, 1).unwrap(),
                HistDate::day(2021, 7, 27).unwrap(),
            ]))
        ) {
            let text = words.join(" ");
            let d = draft(&[Input { dated, ..input(&text) }], "t", "T");
            proptest::prop_assert!(deck::parse_deck("x", &d.toml).is_ok());
        }
    }

    fn leader(toml: &str, name: &str) -> String {
        let at = toml
            .find(&format!("name = \"{name}\""))
            .unwrap_or_else(|| panic!("{name} in {toml}"));
        toml[at..].split("\n\n").next().unwrap().to_owned()
    }

    /// The year a person left office ends their term; it never starts it.
    #[test]
    fn a_leader_s_term_starts_when_they_took_office_and_ends_when_they_left() {
        let d = draft(
            &[input(
                "Japanese Prime Minister Taro Aso became leader in 2008.\n\nIn 2009, Japanese Prime Minister Taro Aso resigned.\n\nIn 2006, Israeli Prime Minister Ehud Olmert resigned after the war.\n",
            )],
            "t",
            "T",
        );
        let aso = leader(&d.toml, "Taro Aso");
        assert!(
            aso.contains("from = \"2008\"") && aso.contains("to = \"2009\""),
            "{aso}"
        );
        let olmert = leader(&d.toml, "Ehud Olmert");
        assert!(!olmert.contains("from ="), "{olmert}");
        assert!(olmert.contains("to = \"2006\""), "{olmert}");
    }

    /// A textbook's run-in heading that names a year dates its part; one that names none goes
    /// on in the year before.
    #[test]
    fn run_in_headings_carry_the_year_of_a_textbook_s_parts() {
        let d = draft(
            &[input(
                "=The Election of 1916.=--Wilson won the election.\n\nThe vote of 1912 was lower.\n\n=Peace Notes.=--On December 16, the Emperor proposed talks.\n",
            )],
            "t",
            "T",
        );
        assert!(d.toml.contains("date = 1916-12-16"), "{}", d.toml);
    }

    #[test]
    fn slugs_are_ascii_words() {
        assert_eq!(
            slug("Kwangmyŏngsŏng-3 Unit 2", 8),
            "kwangmyongsong-3-unit-2"
        );
        assert_eq!(
            slug("Agreement on Reconciliation, Non-Aggression", 3),
            "agreement-on-reconciliation"
        );
    }

    #[test]
    fn relative_dates_count_from_the_section_and_headings_reset_them() {
        let d = draft(
            &[input(
                "== 2020 ==\n\nOn 13 June, Kim warned the South. On 16 June, the North threatened it. Later that day, the office in Kaesong was blown up.\n\n== Other ==\n\nOn 5 May, the clocks changed.\n",
            )],
            "t",
            "T",
        );
        assert!(d.toml.contains("date = 2020-06-13"), "{}", d.toml);
        assert!(d.toml.contains("date = 2020-06-16"), "{}", d.toml);
        assert_eq!(d.incidents, 1, "{}", d.toml);
        assert_eq!(d.unused.len(), 1);
        assert_eq!(d.unused[0].reason, dates::NO_YEAR);
        assert_eq!(d.unused[0].line, 7);
    }

    #[test]
    fn a_dateline_dates_the_entry_under_it() {
        let d = draft(
            &[input(
                "  • December 08, 1960\n\n    Report on the Talks\n\n    Kim Il thanks the Soviet Union.\n\n  • May 16, 1961\n",
            )],
            "t",
            "T",
        );
        assert!(
            d.toml
                .contains("date = 1960-12-08\nwhat = \"Kim Il thanks the Soviet Union.\""),
            "{}",
            d.toml
        );
        assert_eq!(d.events, 1);
    }

    #[test]
    fn a_dateline_dates_the_first_sentence_under_it_beside_its_own_dates() {
        let d = draft(
            &[input(
                "  • May 02, 1963\n\n    The Development of the Reunification Policy\n\n    The report tells how the armies fought from 1950 to 1953.\n",
            )],
            "t",
            "T",
        );
        assert!(d.toml.contains("date = 1963-05-02\n"), "{}", d.toml);
        assert!(
            d.toml.contains("date = \"1950\"\nuntil = \"1953\""),
            "{}",
            d.toml
        );
    }

    #[test]
    fn a_timeline_s_lines_date_what_is_on_them_or_under_them() {
        let d = draft(
            &[input(
                "== Timeline ==\n\n• 27 April 1968 – Students occupy the Sorbonne\n- 1989: The Wall falls in Berlin.\n1991 — Summit at Maastricht\n1914–1918: War in Europe\n\n== 1969 ==\n\n- 20 July: Apollo 11 lands on the Moon.\n\n1972:\n\nThe two Germanys sign a basic treaty.\n",
            )],
            "t",
            "T",
        );
        for (date, what) in [
            ("1968-04-27", "Students occupy the Sorbonne."),
            ("\"1989\"", "The Wall falls in Berlin."),
            ("\"1991\"", "Summit at Maastricht."),
            ("\"1914\"\nuntil = \"1918\"", "War in Europe."),
            ("1969-07-20", "Apollo 11 lands on the Moon."),
            ("\"1972\"", "The two Germanys sign a basic treaty."),
        ] {
            assert!(
                d.toml
                    .contains(&format!("date = {date}\nwhat = \"{what}\"")),
                "{date} {what}\n{}",
                d.toml
            );
        }
        assert_eq!(d.events, 6, "{}", d.toml);
        assert!(d.unused.is_empty(), "{:?}", d.unused);
    }

    #[test]
    fn a_listing_s_titles_date_what_they_name_and_its_reports_not_what_they_cover() {
        let d = draft(
            &[input(
                "  • April 03, 1971\n\n    Letter on the March 30th Trade Union Congress\n\n    The letter reviews the unions' demands from 1968 to 1970.\n\n  • April 09, 1971\n\n    Memorandum for 9 April 1971, on Relations after the War, 1954-1961\n\n    A note on the talks.\n",
            )],
            "t",
            "T",
        );
        for (date, what) in [
            ("1971-03-30", "Letter on the ___ Trade Union Congress."),
            (
                "1971-04-03",
                "The letter reviews the unions' demands from 1968 to 1970.",
            ),
            ("1971-04-09", "A note on the talks."),
        ] {
            assert!(
                d.toml
                    .contains(&format!("date = {date}\nwhat = \"{what}\"")),
                "{date} {what}\n{}",
                d.toml
            );
        }
        assert_eq!(d.events, 3, "{}", d.toml);
        let reasons: Vec<(&str, &str)> = d
            .unused
            .iter()
            .map(|u| (u.expression.as_str(), u.reason))
            .collect();
        assert_eq!(
            reasons,
            [
                ("from 1968 to 1970", dates::COVERAGE),
                ("for 9 April 1971", dates::TITLE),
                ("1954-1961", dates::TITLE),
            ]
        );
    }

    #[test]
    fn a_dated_report_counts_its_own_dates_from_the_day_it_was_written() {
        let text = "For most of last year, the two sides traded threats.\n\nA spokesman spoke to reporters on January 5.\n\nDuring a New Year's Day speech, Kim offered talks. Just a day later, Seoul proposed a meeting.\n\nThe following day, the drills were delayed.\n";
        let dated = |d| Input {
            dated: d,
            ..input(text)
        };
        let d = draft(&[dated(HistDate::month(2018, 1))], "t", "T");
        for (date, what) in [
            ("\"2017\"", "For most of ___, the two sides traded threats."),
            ("2018-01-05", "A spokesman spoke to reporters."),
            ("2018-01-01", "During a ___ speech, Kim offered talks."),
            ("2018-01-02", "Seoul proposed a meeting."),
            ("2018-01-03", "The drills were delayed."),
        ] {
            assert!(
                d.toml
                    .contains(&format!("date = {date}\nwhat = \"{what}\"")),
                "{date} {what}\n{}",
                d.toml
            );
        }
        assert!(d.unused.is_empty(), "{:?}", d.unused);
        // Undated, the same text yields nothing it cannot date.
        let d = draft(&[dated(None)], "t", "T");
        assert_eq!(d.events, 0, "{}", d.toml);
        assert_eq!(d.unused.len(), 5, "{:?}", d.unused);
    }

    #[test]
    fn a_report_s_dateline_is_the_day_it_was_written_not_a_happening() {
        let text = "CAIRO, March 3 — Troops crossed the canal on Sunday morning.\n\nThe talks had failed last month.\n";
        let d = draft(
            &[Input {
                dated: Some(HistDate::year(1998)),
                ..input(text)
            }],
            "t",
            "T",
        );
        // 3 March 1998 was a Tuesday: the Sunday before it was 1 March.
        assert!(
            d.toml
                .contains("date = 1998-03-01\nwhat = \"Troops crossed the canal.\""),
            "{}",
            d.toml
        );
        assert!(d.toml.contains("date = \"1998-02\""), "{}", d.toml);
        assert_eq!(d.events, 2, "{}", d.toml);
        assert_eq!(d.unused.len(), 1);
        assert_eq!(
            (d.unused[0].expression.as_str(), d.unused[0].reason),
            ("March 3", lines::DATELINE)
        );
        // With a year of its own, the dateline dates an undated text.
        let d = draft(
            &[input(
                "ATHENS, 4 May 2001 (AP) – Ministers met yesterday.\n",
            )],
            "t",
            "T",
        );
        assert!(d.toml.contains("date = 2001-05-03\n"), "{}", d.toml);
    }

    #[test]
    fn restatements_merge_into_the_more_precise_date() {
        let d = draft(
            &[input(
                "These talks led in 1991 to the Agreement on Reconciliation, Non-Aggression, Exchanges and Cooperation.\n\nIn December 1991 both states made an accord, the Agreement on Reconciliation, Non-Aggression, Exchange and Cooperation, pledging peace.\n",
            )],
            "t",
            "T",
        );
        assert_eq!(d.agreements, 1, "{}", d.toml);
        assert!(d.toml.contains("date = \"1991-12\""), "{}", d.toml);
        assert!(
            d.toml.contains(
                "aka = [\"Agreement on Reconciliation, Non-Aggression, Exchanges and Cooperation\"]"
            ),
            "{}",
            d.toml
        );
        assert_eq!(d.merged, [("t.txt:1".to_owned(), "t.txt:3".to_owned())]);
    }

    #[test]
    fn a_lead_s_summary_merges_into_the_body_s_precise_telling() {
        let d = draft(
            &[input(
                "The chancellor Willy Brandt also visited Moscow in 1970 and met with Soviet leader Leonid Brezhnev.\n\n== Ostpolitik ==\n\nOn 12 August 1970, West German Chancellor Willy Brandt flew to Moscow for talks with Leonid Brezhnev. On 12 August 1970, Willy Brandt and Alexei Kosygin signed the treaty.\n",
            )],
            "t",
            "T",
        );
        assert_eq!(d.events, 2, "{}", d.toml);
        assert!(!d.toml.contains("date = \"1970\""), "{}", d.toml);
        assert_eq!(d.merged, [("t.txt:1".to_owned(), "t.txt:5".to_owned())]);
    }

    /// Found by fuzzing: each once panicked.
    #[test]
    fn cut_off_and_out_of_range_texts_draft_a_deck() {
        for (text, dated) in [
            (
                "The talks were announced by Baek Tae-hyun, a spokesperson for\n",
                None,
            ),
            (
                "Talks were held, a day before last month.\n",
                HistDate::day(2018, 1, 15),
            ),
            ("d January 5", HistDate::day(9999, 12, 31)),
        ] {
            let d = draft(
                &[Input {
                    dated,
                    ..input(text)
                }],
                "t",
                "T",
            );
            assert!(deck::parse_deck("x", &d.toml).is_ok(), "{text}");
        }
        let d = draft(
            &[Input {
                dated: HistDate::day(9999, 12, 31),
                ..input("d January 5")
            }],
            "t",
            "T",
        );
        assert_eq!(d.unused[0].reason, dates::OUT_OF_RANGE);
    }

    #[test]
    fn many_repeated_questions_are_all_resolved() {
        let text = "In 2000, the Blue House was attacked.\n\n".repeat(300);
        let d = draft(&[input(&text)], "t", "T");
        assert_eq!(d.events + d.incidents, 1, "{:?}", d.dropped);
    }

    #[test]
    fn a_question_asked_twice_is_left_out_once() {
        let d = draft(
            &[input(
                "In 2000, the Blue House was attacked.\n\nIn 2001, the Blue House was attacked.\n",
            )],
            "t",
            "T",
        );
        // Both are "When did the attack on ... take place?": the second is left out.
        assert!(
            d.dropped.is_empty() || d.dropped.len() == 1,
            "{:?}",
            d.dropped
        );
        assert!(deck::parse_deck("x", &d.toml).is_ok());
    }
}

//! The questions each fact yields, and the collection of loaded decks.
use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, Mutex},
};

use serde::{Deserialize, Serialize};

use crate::{
    answer::{Confusables, Expected, normalize},
    date::{HistDate, Precision},
    deck::{Citation, Deck, Fact, FactKind, Office, capitalize, join_names},
    error::{Error, Result},
    office,
};

/// How a question is asked. A card's id says its type, so each keeps its own schedule.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum QuestionType {
    /// Type a name or a phrase
    Text,
    /// Type a date
    Date,
    /// Pick one of four
    Choice,
    /// Put three to five happenings in order
    Order,
    /// From a date (and place), pick what happened
    Reverse,
    /// Say whether a statement is true
    Truefalse,
}

impl QuestionType {
    pub const ALL: [QuestionType; 6] = [
        QuestionType::Text,
        QuestionType::Date,
        QuestionType::Choice,
        QuestionType::Order,
        QuestionType::Reverse,
        QuestionType::Truefalse,
    ];

    pub fn name(self) -> &'static str {
        match self {
            QuestionType::Text => "text",
            QuestionType::Date => "date",
            QuestionType::Choice => "choice",
            QuestionType::Order => "order",
            QuestionType::Reverse => "reverse",
            QuestionType::Truefalse => "truefalse",
        }
    }
}

/// One question with its own schedule. Its id is derived from the fact id, so
/// rewording a prompt never loses progress.
pub struct Card {
    pub id: String,
    pub deck: usize,
    pub fact: usize,
    pub kind: QuestionType,
    pub prompt: String,
    pub expected: Expected,
    /// The right answer as shown to the student.
    pub answer: String,
}

impl Card {
    /// Typed text and date questions; each has a prompt of its own (a choice shares
    /// its typed twin's, and order, reverse and true/false prompts are made at ask time).
    pub fn is_typed(&self) -> bool {
        matches!(self.kind, QuestionType::Text | QuestionType::Date)
    }
}

/// Every loaded deck and the cards made from them.
pub struct Collection {
    pub decks: Vec<Deck>,
    pub cards: Vec<Card>,
    by_id: foldhash::HashMap<String, usize>,
    /// By kind of question (`who`, `card`, ...), once asked for.
    confusables: Mutex<HashMap<String, Arc<Confusables>>>,
}

impl Collection {
    pub fn new(decks: Vec<Deck>) -> Self {
        let people = people_index(&decks);
        let mut cards = Vec::new();
        for (d, deck) in decks.iter().enumerate() {
            for (f, fact) in deck.facts.iter().enumerate() {
                for (suffix, prompt, expected, answer) in questions(fact, &people) {
                    let typed = if matches!(expected, Expected::Date(_)) {
                        QuestionType::Date
                    } else {
                        QuestionType::Text
                    };
                    // Names and plain cards have no plausible options of the same kind.
                    // A second office has too few of its kind.
                    let choice = !matches!(expected, Expected::Names(_) | Expected::Number(_))
                        && !matches!(fact.kind, FactKind::Cloze { .. })
                        && !matches!(suffix.as_str(), "card" | "what")
                        && !suffix.starts_with("office-");
                    let twin = choice.then(|| Card {
                        id: format!("{}/{suffix}.choice", fact.id),
                        deck: d,
                        fact: f,
                        kind: QuestionType::Choice,
                        prompt: prompt.clone(),
                        expected: expected.clone(),
                        answer: answer.clone(),
                    });
                    cards.push(Card {
                        id: format!("{}/{suffix}", fact.id),
                        deck: d,
                        fact: f,
                        kind: typed,
                        prompt,
                        expected,
                        answer,
                    });
                    cards.extend(twin);
                }
                let dated = matches!(
                    fact.kind,
                    FactKind::Event { .. } | FactKind::Agreement { .. } | FactKind::Incident { .. }
                );
                let mut extra = Vec::new();
                if dated {
                    extra.extend([
                        ("order", QuestionType::Order),
                        ("reverse", QuestionType::Reverse),
                    ]);
                }
                if dated || matches!(fact.kind, FactKind::Leader { .. }) {
                    extra.push(("truefalse", QuestionType::Truefalse));
                }
                for (suffix, kind) in extra {
                    cards.push(Card {
                        id: format!("{}/{suffix}", fact.id),
                        deck: d,
                        fact: f,
                        kind,
                        prompt: String::new(),
                        expected: Expected::Text(vec![fact.id.clone()]),
                        answer: String::new(),
                    });
                }
            }
        }
        drop_unaskable(&decks, &mut cards);
        let by_id = cards
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        Self {
            decks,
            cards,
            by_id,
            confusables: Mutex::default(),
        }
    }

    /// Whether the card is a flip card: its answer shown, the student grading it.
    pub fn self_graded(&self, card: &Card) -> bool {
        matches!(
            self.fact(card).kind,
            FactKind::Card {
                grade: crate::deck::CardGrade::SelfGraded,
                ..
            }
        )
    }

    pub fn fact(&self, card: &Card) -> &Fact {
        &self.decks[card.deck].facts[card.fact]
    }

    pub fn deck(&self, card: &Card) -> &Deck {
        &self.decks[card.deck]
    }

    pub fn index_of(&self, card_id: &str) -> Option<usize> {
        self.by_id.get(card_id).copied()
    }

    /// The cards of the named decks (all when none is named) whose fact has one of `tags`
    /// (any when none), asked in one of `types`.
    pub fn select(
        &self,
        deck_ids: &[String],
        tags: &[String],
        types: &[QuestionType],
    ) -> Result<Vec<usize>> {
        for id in deck_ids {
            if !self.decks.iter().any(|d| &d.id == id) {
                let known: Vec<_> = self.decks.iter().map(|d| format!("`{}`", d.id)).collect();
                return Err(Error::Usage(format!(
                    "no deck `{id}`; the decks are {} (see `recall decks list`)",
                    known.join(", ")
                )));
            }
        }
        let selected: Vec<usize> = (0..self.cards.len())
            .filter(|&i| {
                let card = &self.cards[i];
                let deck_ok = deck_ids.is_empty() || deck_ids.contains(&self.decks[card.deck].id);
                deck_ok
                    && types.contains(&card.kind)
                    && (tags.is_empty() || self.fact(card).tags.iter().any(|t| tags.contains(t)))
            })
            .collect();
        if selected.is_empty() && !tags.is_empty() {
            return Err(Error::Usage(format!(
                "no card has the tag{} {}",
                if tags.len() == 1 { "" } else { "s" },
                tags.iter()
                    .map(|t| format!("`{t}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        Ok(selected)
    }

    /// Leaves out the cards of facts marked `optional`, which are asked only on request.
    pub fn drop_optional(&self, selected: &mut Vec<usize>) {
        selected.retain(|&i| !self.fact(&self.cards[i]).optional);
    }

    /// Answers to other questions of the same kind: a typed answer equal to one
    /// of these is another fact, not a typo of this one. (The card's own answers are
    /// among them; the checker leaves out whatever is spelt like an answer it expects.)
    /// Prepared once per kind and kept.
    pub fn confusables(&self, card: &Card) -> Arc<Confusables> {
        if !matches!(card.kind, QuestionType::Text) {
            return Arc::default();
        }
        let kind = kind_of(&card.id);
        let mut prepared = self.confusables.lock().unwrap_or_else(|e| e.into_inner());
        let found = prepared.entry(kind.to_owned()).or_insert_with(|| {
            let answers = self
                .cards
                .iter()
                .filter(|other| other.kind == QuestionType::Text && kind_of(&other.id) == kind)
                .filter_map(|other| match &other.expected {
                    Expected::Text(alts) => Some(alts),
                    _ => None,
                })
                .flatten();
            Arc::new(Confusables::new(answers))
        });
        Arc::clone(found)
    }
}

/// Choice, reverse and order questions need other facts of the same kind to draw
/// options from: four options for a choice, three to five happenings to order.
fn drop_unaskable(decks: &[Deck], cards: &mut Vec<Card>) {
    // Only the kinds a choice card counts the answers of: normalising every plain card's
    // answer was a third of the time 50,000 of them took to make.
    let counted: HashSet<&str> = cards
        .iter()
        .filter(|c| c.kind == QuestionType::Choice && !matches!(c.expected, Expected::Date(_)))
        .map(|c| suffix(&c.id).trim_end_matches(".choice"))
        .collect();
    let mut answers: HashMap<String, Vec<String>> = HashMap::new();
    for card in cards
        .iter()
        .filter(|c| c.kind == QuestionType::Text && counted.contains(suffix(&c.id)))
    {
        answers
            .entry(suffix(&card.id).to_owned())
            .or_default()
            .push(normalize(&card.answer));
    }
    for list in answers.values_mut() {
        list.sort();
        list.dedup();
    }
    let mut dates: HashMap<&str, Vec<HistDate>> = HashMap::new();
    for fact in decks.iter().flat_map(|d| &d.facts) {
        if let Some(date) = fact.date() {
            dates.entry(fact.kind_name()).or_default().push(date);
            dates.entry("any").or_default().push(date);
        }
    }
    for list in dates.values_mut() {
        list.sort();
        list.dedup();
    }
    fn count<K: std::borrow::Borrow<str> + std::hash::Hash + Eq, T>(
        map: &HashMap<K, Vec<T>>,
        key: &str,
    ) -> usize {
        map.get(key).map_or(0, Vec::len)
    }
    // A person's options are people (or offices) of the same rank: never a president
    // beside a deputy assistant secretary.
    let people: Vec<(&str, &str, &str)> = decks
        .iter()
        .flat_map(|d| &d.facts)
        .filter_map(|f| match &f.kind {
            FactKind::Leader {
                name,
                role,
                country,
                ..
            } => Some((name.as_str(), role.as_str(), country.as_str())),
            _ => None,
        })
        .collect();
    let peers = |role: &str, keep: &dyn Fn(&(&str, &str, &str)) -> bool| {
        let mut found: Vec<String> = people
            .iter()
            .filter(|p| heads(p.1) == heads(role) && keep(p))
            .map(|p| normalize(&format!("{} {}", p.0, p.1)))
            .collect();
        found.sort();
        found.dedup();
        found.len()
    };
    cards.retain(|card| {
        let fact = &decks[card.deck].facts[card.fact];
        match (card.kind, &fact.kind) {
            (
                QuestionType::Choice,
                FactKind::Leader {
                    name,
                    role,
                    country,
                    offices: held,
                    ..
                },
            ) => match suffix(&card.id) {
                "who.choice" => peers(role, &|p| p.0 != name) >= 3,
                _ => {
                    // No office that may also be said of the person is an option.
                    let may_hold = |p: &(&str, &str, &str)| {
                        std::iter::once((role.as_str(), country.as_str()))
                            .chain(held.iter().map(|o| (o.role.as_str(), o.country.as_str())))
                            .any(|(r, c)| c == p.2 && office::overlaps(r, p.1))
                    };
                    let office = |p: &(&str, &str, &str)| normalize(&format!("{} {}", p.1, p.2));
                    let mut offices: Vec<String> = people
                        .iter()
                        .filter(|p| heads(p.1) == heads(role) && !may_hold(p))
                        .map(office)
                        .collect();
                    offices.sort();
                    offices.dedup();
                    offices.len() >= 3
                }
            },
            (QuestionType::Choice, _) => {
                matches!(card.expected, Expected::Date(_))
                    || count(&answers, suffix(&card.id).trim_end_matches(".choice")) >= 4
            }
            (QuestionType::Reverse, _) => count(&dates, fact.kind_name()) >= 4,
            (QuestionType::Order, _) => count(&dates, "any") >= 3,
            _ => true,
        }
    });
}

/// What a card asks about, its number aside: `office-2` asks an office as `office` does.
fn kind_of(card_id: &str) -> &str {
    let suffix = suffix(card_id);
    match suffix.rsplit_once('-') {
        Some((kind, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => kind,
        _ => suffix,
    }
}

/// Whether an office heads a state or a government (President, Prime Minister, Leader, ...),
/// as against the officials below them.
pub fn heads(role: &str) -> bool {
    let role = role.split_whitespace().collect::<Vec<_>>().join(" ");
    let role = role.to_lowercase();
    let office = role.split(" of ").next().unwrap_or(&role);
    [
        "president",
        "prime minister",
        "premier",
        "leader",
        "supreme leader",
        "chairman",
        "general secretary",
        "first secretary",
        "king",
        "queen",
        "emperor",
        "empress",
        "chancellor",
        "head of state",
    ]
    .contains(&office)
}

fn suffix(card_id: &str) -> &str {
    card_id.rsplit_once('/').map_or(card_id, |(_, s)| s)
}

/// Every spelling of each leader's name, keyed by the normalised name, so that
/// "who signed" accepts the aliases a leader's fact lists.
fn people_index(decks: &[Deck]) -> HashMap<String, Vec<String>> {
    let mut index = HashMap::new();
    for fact in decks.iter().flat_map(|d| &d.facts) {
        if let FactKind::Leader { name, aka, .. } = &fact.kind {
            let all: Vec<String> = std::iter::once(name).chain(aka).cloned().collect();
            for spelling in &all {
                index.insert(normalize(spelling), all.clone());
            }
        }
    }
    index
}

fn spellings(name: &str, people: &HashMap<String, Vec<String>>) -> Vec<String> {
    let mut all = vec![name.to_owned()];
    if let Some(known) = people.get(&normalize(name)) {
        all.extend(known.iter().filter(|k| *k != name).cloned());
    }
    all
}

fn alternatives(name: &str, aka: &[String]) -> Vec<String> {
    std::iter::once(name)
        .chain(aka.iter().map(String::as_str))
        .map(str::to_owned)
        .collect()
}

/// What precision a date question asks for.
pub fn precision_hint(date: &HistDate) -> &'static str {
    match date.precision() {
        Precision::Decade => "the decade",
        Precision::Year => "the year",
        Precision::Month => "month and year",
        Precision::Day => "day, month and year",
    }
}

/// "on 27 April 2018", "in April 2018", "in 2018".
pub fn on_date(date: &HistDate) -> String {
    match date.precision() {
        Precision::Day => format!("on {date}"),
        _ => format!("in {date}"),
    }
}

fn without_article(name: &str) -> &str {
    name.strip_prefix("the ")
        .or_else(|| name.strip_prefix("The "))
        .unwrap_or(name)
}

fn when(
    suffix: &'static str,
    prompt: String,
    date: &HistDate,
) -> (String, String, Expected, String) {
    (
        suffix.to_owned(),
        format!("{prompt} ({})", precision_hint(date)),
        Expected::Date(*date),
        date.to_string(),
    )
}

fn questions(
    fact: &Fact,
    people: &HashMap<String, Vec<String>>,
) -> Vec<(String, String, Expected, String)> {
    match &fact.kind {
        FactKind::Event { date, what, .. } => {
            vec![when("when", format!("When did this happen? {what}"), date)]
        }
        FactKind::Agreement {
            name,
            aka,
            date,
            parties,
            summary,
            ..
        } => {
            let name = without_article(name);
            let mut qs = vec![when("when", format!("When was the {name} signed?"), date)];
            if !parties.is_empty() {
                let expected =
                    Expected::Names(parties.iter().map(|p| spellings(p, people)).collect());
                let prompt = match parties.len() {
                    1 => format!("Who signed the {name}?"),
                    2 => format!("Who signed the {name}? (name both)"),
                    n => format!("Who signed the {name}? (name all {n})"),
                };
                qs.push(("who".to_owned(), prompt, expected, join_names(parties)));
            }
            qs.push((
                "which".to_owned(),
                format!("Name the agreement ({}): {summary}", date.get_year()),
                Expected::Text(alternatives(name, aka)),
                name.to_owned(),
            ));
            qs
        }
        FactKind::Leader {
            name,
            aka,
            country,
            role,
            known_for,
            offices,
            ..
        } => {
            let mut qs = Vec::new();
            if let Some(cue) = known_for.first() {
                qs.push((
                    "who".to_owned(),
                    format!("Name the {role} of {country} who {cue}."),
                    Expected::Text(alternatives(name, aka)),
                    name.clone(),
                ));
            }
            qs.extend(office_questions(name, offices, &fact.citation));
            qs
        }
        FactKind::Incident {
            name,
            aka,
            date,
            place,
            cue,
            ..
        } => {
            let name = without_article(name);
            let what = match (cue, place) {
                (Some(cue), _) => format!("What happened {}?", cue.trim_end_matches('?')),
                (None, Some(place)) => format!("What happened at {place} {}?", on_date(date)),
                (None, None) => format!("What happened {}?", on_date(date)),
            };
            vec![
                when("when", format!("When did the {name} take place?"), date),
                (
                    "what".to_owned(),
                    what,
                    Expected::Text(alternatives(name, aka)),
                    capitalize(name),
                ),
            ]
        }
        FactKind::Card {
            prompt,
            answer,
            accept,
            parts,
            grade,
            ..
        } => {
            let date = (*grade == crate::deck::CardGrade::Date)
                .then(|| crate::date::parse_typed_date(answer).ok())
                .flatten();
            let expected = if let Some(date) = date {
                Expected::Date(date)
            } else if parts.is_empty() {
                Expected::Text(alternatives(answer, accept))
            } else {
                Expected::Names(parts.iter().map(|p| vec![p.clone()]).collect())
            };
            vec![("card".to_owned(), prompt.clone(), expected, answer.clone())]
        }
        FactKind::Cloze { text, .. } => crate::cloze::numbers(text)
            .into_iter()
            .filter_map(|n| {
                let (prompt, answers) = crate::cloze::card(text, n)?;
                let (prompt, expected) = match answers.as_slice() {
                    [one] => match crate::date::only_a_date(one) {
                        Some(date) => (
                            format!("{prompt} ({})", precision_hint(&date)),
                            Expected::Date(date),
                        ),
                        None => (prompt, Expected::Text(vec![one.clone()])),
                    },
                    all => (
                        prompt,
                        Expected::Names(all.iter().map(|a| vec![a.clone()]).collect()),
                    ),
                };
                Some((format!("c{n}"), prompt, expected, answers.join(", ")))
            })
            .collect(),
        FactKind::Figure {
            question,
            number,
            unit,
        } => {
            let shown = crate::number::show(*number);
            let answer = match unit {
                Some(unit) => format!("{shown} {unit}"),
                None => shown,
            };
            vec![(
                "number".to_owned(),
                question.clone(),
                Expected::Number(*number),
                answer,
            )]
        }
    }
}

/// One question per office that the text dates ("What office did Kim Il Sung take in
/// 1948?"), and one for the offices it does not date, where every listed office counts. The
/// first is `/office`, the next `/office-2` and so on.
fn office_questions(
    name: &str,
    offices: &[Office],
    citation: &Citation,
) -> Vec<(String, String, Expected, String)> {
    let alternatives = |office: &Office| {
        let mut quotes = vec![citation.quote.as_str()];
        quotes.extend(office.citation.as_ref().map(|c| c.quote.as_str()));
        self::offices(&office.role, &office.country, &quotes)
    };
    let mut asked: Vec<(String, Expected, String)> = Vec::new();
    let mut undated = false;
    for office in offices {
        let prompt = match (office.from, office.held, office.to) {
            (Some(from), ..) => format!("What office did {name} take {}?", on_date(&from)),
            (None, Some(held), _) => format!("What office did {name} hold {}?", on_date(&held)),
            (None, None, Some(to)) => format!("What office did {name} hold until {to}?"),
            (None, None, None) if undated => continue,
            (None, None, None) => {
                // Asked as a whole, any office the person held is right.
                undated = true;
                let undated: Vec<String> = offices
                    .iter()
                    .filter(|o| o.date().is_none())
                    .map(Office::title)
                    .collect();
                asked.push((
                    format!("What office did {name} hold?"),
                    Expected::Text(offices.iter().flat_map(alternatives).collect()),
                    undated.join(" or "),
                ));
                continue;
            }
        };
        asked.push((prompt, Expected::Text(alternatives(office)), office.title()));
    }
    asked
        .into_iter()
        .enumerate()
        .map(|(k, (prompt, expected, answer))| {
            let suffix = match k {
                0 => "office".to_owned(),
                k => format!("office-{}", k + 1),
            };
            (suffix, prompt, expected, answer)
        })
        .collect()
}

/// Every way of writing `role` of `country` that a teacher accepts: the role, its synonyms
/// and the acronyms that it or the texts in `defined_in` define, alone, with "of {country}"
/// or after the country. The checker reads every name, abbreviation and adjective of a
/// country as the country, so one spelling of it is enough here. The first is the answer
/// as shown.
fn offices(role: &str, country: &str, defined_in: &[&str]) -> Vec<String> {
    let acronyms: Vec<(String, String)> = std::iter::once(role)
        .chain(defined_in.iter().copied())
        .flat_map(office::defined_acronyms)
        .collect();
    let country = without_article(country);
    let mut all = Vec::new();
    for form in office::role_forms(role, &acronyms) {
        all.push(format!("{form} of {country}"));
        all.push(format!("{country} {form}"));
        all.push(form);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::check;

    const KCIA_QUOTE: &str = "In May 1972, Lee Hu-rak, the director of the Korean Central Intelligence Agency (KCIA), secretly met with Kim Il Sung in Pyongyang.";

    /// Role, country, quote; then what a student may type, right and wrong side by side.
    type OfficeCase = (
        &'static str,
        &'static str,
        &'static str,
        &'static [&'static str],
        &'static [&'static str],
    );

    const OFFICE_CASES: &[OfficeCase] = &[
        (
            "President",
            "South Korea",
            "",
            &[
                "President",
                "president",
                "the President",
                "President of South Korea",
                "South Korean president",
                "South Korea's President",
                "President of the Republic of Korea",
                "ROK president",
                "R.O.K. President",
                "President of the ROK",
                "the South Korean President",
                "Republic of Korea President",
            ],
            &[
                "President of North Korea",
                "North Korean president",
                "DPRK President",
                "US President",
                "Vice President",
                "Vice President of South Korea",
                "Prime Minister",
                "Premier",
                "Leader",
                "South Korea",
                "President of Japan",
                "First Lady",
            ],
        ),
        (
            "President",
            "the United States",
            "",
            &[
                "US President",
                "U.S. president",
                "President of the United States",
                "President of the USA",
                "American president",
                "USA President",
                "President of America",
                "the President of the United States of America",
                "U.S.A. President",
                "America's president",
            ],
            &[
                "UK Prime Minister",
                "President of South Korea",
                "Soviet President",
                "Secretary of State",
                "US Vice President",
                "British president",
                "President of the United Kingdom",
                "USSR President",
                "Chinese President",
                "American",
            ],
        ),
        (
            "Prime Minister",
            "North Korea",
            "",
            &[
                "Prime Minister",
                "Premier",
                "Premier of North Korea",
                "North Korean Premier",
                "DPRK Prime Minister",
                "Prime Minister of the DPRK",
                "Prime Minister of the Democratic People's Republic of Korea",
                "prime minister of DPR Korea",
            ],
            &[
                "President of North Korea",
                "Deputy Premier",
                "Prime Minister of South Korea",
                "Supreme Leader",
                "Minister",
                "Japanese Prime Minister",
                "Vice Premier",
                "Premier of China",
            ],
        ),
        (
            "Deputy Premier",
            "North Korea",
            "",
            &[
                "Deputy Premier",
                "Deputy Prime Minister of North Korea",
                "North Korea's deputy premier",
                "Vice Premier",
                "DPRK vice premier",
            ],
            &[
                "Premier",
                "Prime Minister",
                "Deputy Premier of South Korea",
                "Deputy",
                "Deputy Minister",
            ],
        ),
        (
            "Director of the Korean Central Intelligence Agency",
            "South Korea",
            KCIA_QUOTE,
            &[
                "KCIA director",
                "director of the KCIA",
                "Director of KCIA",
                "Director of the Korean Central Intelligence Agency",
                "South Korean KCIA director",
                "Korean Central Intelligence Agency director",
                "director of the South Korean KCIA",
            ],
            &[
                "director",
                "CIA director",
                "KCIA",
                "Director of the CIA",
                "deputy director of the KCIA",
                "North Korean KCIA director",
                "Korean Central Intelligence Agency",
            ],
        ),
        (
            "Ambassador to North Korea",
            "the Soviet Union",
            "",
            &[
                "Ambassador to North Korea",
                "Soviet Ambassador to North Korea",
                "USSR ambassador to the DPRK",
                "Soviet Union's Ambassador to North Korea",
                "Ambassador of the Soviet Union to North Korea",
                "Soviet envoy to North Korea",
            ],
            &[
                "Ambassador to South Korea",
                "US Ambassador to North Korea",
                "Soviet Ambassador",
                "Ambassador to the Soviet Union",
                "Hungarian Ambassador to North Korea",
                "Ambassador",
            ],
        ),
        (
            "Leader",
            "North Korea",
            "",
            &[
                "Leader",
                "Supreme Leader",
                "Supreme Leader of North Korea",
                "North Korean leader",
                "leader of the DPRK",
                "the DPRK's Supreme Leader",
            ],
            &[
                "President of North Korea",
                "South Korean leader",
                "Deputy Leader",
                "Chairman",
                "Supreme Leader of South Korea",
                "Leader of China",
            ],
        ),
        (
            "Minister of Unification",
            "South Korea",
            "",
            &[
                "Unification Minister",
                "South Korean Unification Minister",
                "Minister of Unification of South Korea",
                "Minister for Unification",
                "ROK unification minister",
                "minister of unification",
            ],
            &[
                "Minister",
                "Foreign Minister",
                "North Korean Unification Minister",
                "Prime Minister",
                "Vice Minister of Unification",
                "Unification",
            ],
        ),
        (
            "Counselor at the Embassy in North Korea",
            "the Soviet Union",
            "",
            &[
                "Counselor at the USSR Embassy in the DPRK",
                "Soviet Counselor at the Embassy in North Korea",
                "Counsellor at the Embassy in North Korea",
            ],
            &[
                "Counselor at the US Embassy in the DPRK",
                "Counselor at the Embassy in South Korea",
                "Ambassador to North Korea",
            ],
        ),
        (
            "Speaker of the National Assembly",
            "South Korea",
            "",
            &[
                "National Assembly Speaker",
                "South Korean National Assembly Speaker",
                "Speaker of the National Assembly of South Korea",
                "Speaker of the South Korean National Assembly",
            ],
            &[
                "Speaker of the North Korean National Assembly",
                "Deputy Speaker of the National Assembly",
                "Speaker",
                "National Assembly",
            ],
        ),
    ];

    #[test]
    fn offices_are_graded_as_a_teacher_would() {
        let mut failures = Vec::new();
        let (mut right, mut wrong) = (0, 0);
        for (role, country, quote, good, bad) in OFFICE_CASES {
            let expected = Expected::Text(offices(role, country, &[quote]));
            for typed in *good {
                right += 1;
                let verdict = check(&expected, typed, &[]);
                if verdict.grade != crate::grade::Grade::Good {
                    failures.push(format!(
                        "{role} of {country}: `{typed}` is right, got {verdict:?}"
                    ));
                }
            }
            for typed in *bad {
                wrong += 1;
                let verdict = check(&expected, typed, &[]);
                if verdict.correct || verdict.grade != crate::grade::Grade::Again {
                    failures.push(format!(
                        "{role} of {country}: `{typed}` is wrong, got {verdict:?}"
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert!(
            wrong * 10 >= right * 9,
            "{right} right forms, only {wrong} wrong ones"
        );
    }

    fn collection(leader: &str) -> Collection {
        let text = format!(
            "[deck]\nid = \"t\"\ntitle = \"T\"\n\n[[source]]\nid = \"s\"\ntitle = \"S\"\n\n[[leader]]\nid = \"kis\"\nname = \"Kim Il Sung\"\ncountry = \"North Korea\"\n{leader}source = {{ ref = \"s\", quote = \"Q\" }}\n"
        );
        Collection::new(vec![
            crate::deck::parse_deck("t.toml", &text).expect("loads"),
        ])
    }

    fn typed_cards(collection: &Collection) -> Vec<(&str, &str, &str)> {
        collection
            .cards
            .iter()
            .filter(|c| c.is_typed())
            .map(|c| (c.id.as_str(), c.prompt.as_str(), c.answer.as_str()))
            .collect()
    }

    #[test]
    fn each_dated_office_is_its_own_question_and_undated_ones_share_one() {
        let kis = collection(
            "offices = [\n  { role = \"Prime Minister\", from = \"1948\" },\n  { role = \"President\", from = \"1972\" },\n  { role = \"Chairman of the Party\" },\n  { role = \"Marshal\" },\n]\n",
        );
        assert_eq!(
            typed_cards(&kis),
            [
                (
                    "kis/office",
                    "What office did Kim Il Sung take in 1948?",
                    "Prime Minister of North Korea"
                ),
                (
                    "kis/office-2",
                    "What office did Kim Il Sung take in 1972?",
                    "President of North Korea"
                ),
                (
                    "kis/office-3",
                    "What office did Kim Il Sung hold?",
                    "Chairman of the Party of North Korea or Marshal of North Korea"
                ),
            ]
        );
        let grade = |id: &str, typed: &str| {
            let card = &kis.cards[kis.index_of(id).expect("a card")];
            crate::answer::check_against(&card.expected, typed, &kis.confusables(card)).grade
        };
        use crate::grade::Grade::{Again, Good};
        // The question says which office it asks; another office of the same person is wrong.
        assert_eq!(grade("kis/office", "Premier of North Korea"), Good);
        assert_eq!(grade("kis/office", "President of North Korea"), Again);
        assert_eq!(grade("kis/office-2", "DPRK President"), Good);
        assert_eq!(grade("kis/office-2", "Prime Minister"), Again);
        // Asked as a whole, every listed office counts.
        for typed in ["Marshal", "Chairman of the Party", "President", "Premier"] {
            assert_eq!(grade("kis/office-3", typed), Good, "{typed}");
        }
        assert_eq!(grade("kis/office-3", "Vice Marshal"), Again);
        assert_eq!(grade("kis/office-3", "South Korean President"), Again);

        let one = collection("role = \"Premier\"\nfrom = \"1948\"\n");
        assert_eq!(
            typed_cards(&one),
            [(
                "kis/office",
                "What office did Kim Il Sung take in 1948?",
                "Premier of North Korea"
            )]
        );
        let undated = collection("role = \"Premier\"\n");
        assert_eq!(
            typed_cards(&undated)[0].1,
            "What office did Kim Il Sung hold?"
        );
        let held = collection(
            "offices = [{ role = \"Premier\", in = 1950-06-25 }, { role = \"Marshal\", to = \"1994\" }]\n",
        );
        let prompts: Vec<&str> = typed_cards(&held).iter().map(|c| c.1).collect();
        assert_eq!(
            prompts,
            [
                "What office did Kim Il Sung hold on 25 June 1950?",
                "What office did Kim Il Sung hold until 1994?"
            ]
        );
    }

    #[test]
    fn another_country_is_named_in_the_feedback() {
        let expected = Expected::Text(offices("President", "South Korea", &[]));
        let verdict = check(&expected, "President of the DPRK", &[]);
        assert_eq!(
            verdict.feedback.as_deref(),
            Some("wrong country: North Korea")
        );
        let typo = check(&expected, "South Korean presidnet", &[]);
        assert!(typo.correct, "{typo:?}");
        assert_eq!(
            typo.feedback.as_deref(),
            Some("typo: `South Korean presidnet` is spelt `South Korea President`")
        );
    }
}

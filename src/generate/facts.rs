//! The facts one dated sentence yields: named agreements, incidents, and events for the rest.
use std::ops::Range;

use super::dates::Mention;
use super::text::{Kind, Token, tokens};
use super::wording::finish;
pub use super::wording::{dangling, edit_out};
use crate::date::{HistDate, MONTHS};

/// A date of a sentence: from a mention in it, or (`mention: None`) from the dateline above it.
#[derive(Clone, Debug)]
pub struct Dated {
    pub date: HistDate,
    pub until: Option<HistDate>,
    pub mention: Option<Mention>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fact {
    Event {
        date: HistDate,
        until: Option<HistDate>,
        what: String,
    },
    Agreement {
        name: String,
        aka: Vec<String>,
        date: HistDate,
        parties: Vec<String>,
        summary: String,
        /// The sentence as an event, should the name ask a question another fact asks.
        what: String,
    },
    Incident {
        name: String,
        date: HistDate,
        place: Option<String>,
        toll: Option<String>,
        summary: String,
        what: String,
    },
}

impl Fact {
    /// The fact with its names and wording on one line each: a hard-wrapped text (a plain-text
    /// book) breaks lines inside names (`sinking of the\nAmerican ship`).
    pub fn one_line(self) -> Fact {
        let line = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
        match self {
            Fact::Event { date, until, what } => Fact::Event {
                date,
                until,
                what: line(what),
            },
            Fact::Agreement {
                name,
                aka,
                date,
                parties,
                summary,
                what,
            } => Fact::Agreement {
                name: line(name),
                aka: aka.into_iter().map(line).collect(),
                date,
                parties: parties.into_iter().map(line).collect(),
                summary: line(summary),
                what: line(what),
            },
            Fact::Incident {
                name,
                date,
                place,
                toll,
                summary,
                what,
            } => Fact::Incident {
                name: line(name),
                date,
                place: place.map(line),
                toll: toll.map(line),
                summary: line(summary),
                what: line(what),
            },
        }
    }

    pub fn date(&self) -> HistDate {
        match self {
            Fact::Event { date, .. }
            | Fact::Agreement { date, .. }
            | Fact::Incident { date, .. } => *date,
        }
    }
}

/// Every fact of one sentence, one per usable date, with the index in `dated` of the date it
/// takes: a named agreement takes the date it was signed, an incident its own date, and each
/// remaining date makes an event. `next` is the following sentence, which may say what an
/// agreement did.
pub fn sentence_facts(
    sentence: &str,
    dated: &[Dated],
    parties: &[String],
    next: Option<&str>,
) -> Vec<(Fact, usize)> {
    let toks = tokens(sentence);
    let mut taken = vec![false; dated.len()];
    let mut facts = Vec::new();
    let signing = signing_verbs(&toks);
    let mut previous: Option<Range<usize>> = None;
    for agreement in agreements(&toks, sentence) {
        // One date, one agreement, but for agreements listed together (`the A and the B`):
        // `signing the Convention of Peking ... on 24 October 1860, thus ratifying the Treaty of
        // Tientsin` dates the convention only.
        let listed = previous.as_ref().is_some_and(|p| {
            let between = sentence.get(p.end..agreement.range.start).unwrap_or("");
            matches!(
                between.split_whitespace().collect::<Vec<_>>().as_slice(),
                ["and"] | ["and", "the"] | [","] | [",", "the"]
            )
        });
        previous = Some(agreement.range.clone());
        let Some(k) = agreement_date(&agreement, dated, &signing).filter(|&k| !taken[k] || listed)
        else {
            continue;
        };
        taken[k] = true;
        let parties = if signing.is_empty() || parties.is_empty() {
            agreement.between.clone()
        } else {
            parties.to_vec()
        };
        let what = edit_out(sentence, &dated[k], dated.len());
        // A date written into the name goes with the name.
        let in_name = dated[k].mention.as_ref().is_some_and(|m| {
            m.words.start >= agreement.range.start && m.words.end <= agreement.range.end
        });
        let mut summary = blank(if in_name { sentence } else { &what }, &agreement);
        if in_name {
            summary = finish(&summary);
        }
        if let Some(next) = next.filter(|n| describes_agreement(n)) {
            summary = format!("{summary} {next}");
        }
        facts.push((
            Fact::Agreement {
                name: agreement.name.clone(),
                aka: agreement.aka.clone(),
                date: dated[k].date,
                parties,
                summary,
                what,
            },
            k,
        ));
    }
    // An incident is asked for by its place and day ("What happened at Sinop on ...?"); one the
    // sentence gives no place for is drafted as an event, asked for by its sentence.
    if let Some(incident) = incident(&toks, sentence).filter(|i| i.place.is_some())
        && let Some(k) = incident_date(sentence, &incident, dated, &taken)
    {
        taken[k] = true;
        let what = edit_out(sentence, &dated[k], dated.len());
        facts.push((
            Fact::Incident {
                name: incident.name,
                date: dated[k].date,
                place: incident.place,
                toll: toll(&toks, sentence),
                summary: what.clone(),
                what,
            },
            k,
        ));
    }
    for (k, d) in dated.iter().enumerate() {
        // `France mobilised on 15 July 1870, leading Prussia to respond later that day`: one
        // day of one sentence is one fact.
        let again = dated[..k]
            .iter()
            .any(|e| e.date == d.date && e.until == d.until);
        if !taken[k] && !again {
            let what = edit_out(sentence, d, dated.len());
            facts.push((
                Fact::Event {
                    date: d.date,
                    until: d.until,
                    what,
                },
                k,
            ));
        }
    }
    facts
}

/// The date of an incident: the first after its keyword in the same clause, else the nearest before.
fn incident_date(
    sentence: &str,
    incident: &Found,
    dated: &[Dated],
    taken: &[bool],
) -> Option<usize> {
    let candidates = || {
        (0..dated.len()).filter_map(|k| {
            let m = dated[k].mention.as_ref();
            (!taken[k] && !m.is_some_and(|m| m.attributive)).then_some((k, m))
        })
    };
    let keyword = &incident.keyword;
    let after = candidates().find(|(_, m)| {
        m.is_some_and(|m| {
            m.words.start >= keyword.end
                && !sentence[keyword.end..m.words.start].contains([',', ';'])
        })
    });
    let before = candidates().rfind(|(_, m)| m.is_none_or(|m| m.words.end <= keyword.start));
    after
        .or(before)
        .or_else(|| candidates().next())
        .map(|(k, _)| k)
}

const AGREEMENT_WORDS: [&str; 14] = [
    "Declaration",
    "Statement",
    "Accord",
    "Accords",
    "Agreement",
    "Framework",
    "Treaty",
    "Armistice",
    "Pact",
    "Communiqué",
    "Communique",
    "Protocol",
    "Charter",
    "Convention",
];

const GENERIC_NAME_WORDS: [&str; 6] = ["Joint", "Peace", "the", "of", "on", "and"];

const FUNCTION_WORDS: [&str; 22] = [
    "the", "a", "an", "in", "on", "at", "as", "also", "under", "during", "after", "before", "by",
    "from", "since", "until", "with", "to", "of", "and", "for", "this",
];

fn name_word(t: &Token) -> bool {
    t.kind == Kind::Word
        && t.is_capitalized()
        && !FUNCTION_WORDS.contains(&t.lower().as_str())
        && !MONTHS.contains(&t.text)
}

/// A named agreement in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    pub name: String,
    pub aka: Vec<String>,
    /// Token range of the name.
    pub tokens: Range<usize>,
    /// Byte range of the name in the sentence, with a trailing `of <date>`.
    pub range: Range<usize>,
    /// `between the US and North Korea`.
    pub between: Vec<String>,
}

/// Named agreements: capitalised names with `Declaration`, `Agreement`, `Treaty`, ... in them
/// (`Panmunjom Declaration`, `Agreement on Reconciliation, Non-Aggression, Exchanges and
/// Cooperation`), but not a bare `Joint Declaration` or `Armistice`.
pub fn agreements(t: &[Token], sentence: &str) -> Vec<Named> {
    let mut out: Vec<Named> = Vec::new();
    let mut k = 0;
    while k < t.len() {
        if !AGREEMENT_WORDS.contains(&t[k].text) {
            k += 1;
            continue;
        }
        let mut start = k;
        while start > 0 && name_word(&t[start - 1]) {
            start -= 1;
        }
        let mut end = k + 1;
        loop {
            while end < t.len() && (name_word(&t[end]) || AGREEMENT_WORDS.contains(&t[end].text)) {
                end += 1;
            }
            // Connectors (`of the`, `on`, `,`, `and`) then more capitalised words.
            let mut c = end;
            while c < t.len() && (matches!(t[c].text, "," | "of" | "on" | "for" | "the" | "and")) {
                c += 1;
            }
            if c == end || c >= t.len() || !name_word(&t[c]) {
                break;
            }
            let mut run = c;
            while run < t.len() && name_word(&t[run]) {
                run += 1;
            }
            let starts_another = (c..run.min(t.len()))
                .any(|r| AGREEMENT_WORDS.contains(&t[r].text))
                || t[end..c]
                    .iter()
                    .any(|x| x.text == "the" && t[end].text == "and");
            if starts_another {
                break;
            }
            end = run;
        }
        let name = &sentence[t[start].range.start..t[end - 1].range.end];
        let distinctive = t[start..end].iter().any(|x| {
            name_word(x)
                && !AGREEMENT_WORDS.contains(&x.text)
                && !GENERIC_NAME_WORDS.contains(&x.text)
        });
        let mut range = t[start].range.clone();
        range.end = t[end - 1].range.end;
        let mut aka = Vec::new();
        // `Declaration of September 2018`: the date belongs to the name.
        if t.get(end).is_some_and(|x| x.is("of"))
            && t.get(end + 1).is_some_and(|x| MONTHS.contains(&x.text))
        {
            let mut e = end + 1;
            while e < t.len()
                && matches!(t[e].kind, Kind::Word | Kind::Number)
                && (t[e].is_capitalized() || t[e].kind == Kind::Number)
            {
                e += 1;
            }
            range.end = t[e - 1].range.end;
            aka.push(sentence[range.clone()].to_owned());
        }
        if let Some(other) = also_known_as(t, sentence, end) {
            aka.push(other);
        }
        if distinctive {
            out.push(Named {
                name: name.to_owned(),
                aka,
                tokens: start..end,
                range,
                between: between(t, sentence, end),
            });
        }
        k = end.max(k + 1);
    }
    out
}

/// `(a.k.a. "the Basic Agreement")`, `also known as the X`.
fn also_known_as(t: &[Token], sentence: &str, from: usize) -> Option<String> {
    let rest = &sentence[t.get(from)?.range.start..];
    let at = rest
        .find("a.k.a.")
        .map(|i| i + 6)
        .or_else(|| rest.find("also known as").map(|i| i + 13))?;
    if at > 12 {
        return None;
    }
    let tail = rest[at..].trim_start().trim_start_matches(['"', '“']);
    let tail = tail.strip_prefix("the ").unwrap_or(tail);
    let end = tail.find(['"', '”', ')', ',']).unwrap_or(tail.len());
    let other = tail[..end].trim();
    (!other.is_empty()).then(|| other.to_owned())
}

/// `between the US and North Korea` after a name.
fn between(t: &[Token], sentence: &str, from: usize) -> Vec<String> {
    if !t.get(from).is_some_and(|x| x.is("between")) {
        return Vec::new();
    }
    let mut parties = Vec::new();
    let mut k = from + 1;
    loop {
        if t.get(k).is_some_and(|x| x.is("the")) {
            k += 1;
        }
        let start = k;
        while k < t.len() && name_word(&t[k]) {
            k += 1;
        }
        if k == start {
            break;
        }
        parties.push(sentence[t[start].range.start..t[k - 1].range.end].to_owned());
        if t.get(k).is_some_and(|x| x.is("and")) {
            k += 1;
        } else {
            break;
        }
    }
    if parties.len() >= 2 {
        parties
    } else {
        Vec::new()
    }
}

const SIGNING: [&str; 12] = [
    "signed",
    "issued",
    "made",
    "concluded",
    "reached",
    "adopted",
    "led",
    "sign",
    "signing",
    "agreed",
    "announced",
    "struck",
];

fn signing_verbs(t: &[Token]) -> Vec<usize> {
    t.iter()
        .filter(|x| SIGNING.contains(&x.lower().as_str()))
        .map(|x| x.range.start)
        .collect()
}

/// The date an agreement was made: one written onto its name (`the 2018 Panmunjom Declaration`,
/// `Declaration of September 2018`), else the first after a verb of signing, else the sentence's
/// date when it has a verb of signing.
fn agreement_date(a: &Named, dated: &[Dated], signing: &[usize]) -> Option<usize> {
    let mention = |k: usize| dated[k].mention.as_ref();
    let onto = (0..dated.len()).find(|&k| {
        mention(k).is_some_and(|m| {
            let just_before =
                m.attributive && m.phrase.end + 1 >= a.range.start && m.phrase.end <= a.range.start;
            let inside = m.words.start >= a.range.start && m.words.end <= a.range.end;
            just_before || inside
        })
    });
    if onto.is_some() {
        return onto;
    }
    if signing.is_empty() {
        return None;
    }
    let after_signing = (0..dated.len()).find(|&k| {
        mention(k).is_some_and(|m| {
            signing
                .iter()
                .any(|&s| s < m.words.start && m.words.start - s < 40)
        })
    });
    after_signing.or_else(|| (!dated.is_empty()).then_some(0))
}

fn describes_agreement(next: &str) -> bool {
    let lower = next.to_lowercase();
    [
        "the statement ",
        "the agreement ",
        "the declaration ",
        "the document ",
        "the accord ",
        "the treaty ",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
        && super::dates::find(next).is_empty()
}

/// The agreement's name in a summary is a blank: the question asks for it.
fn blank(summary: &str, a: &Named) -> String {
    let mut out = summary.to_owned();
    for name in a.aka.iter().chain(std::iter::once(&a.name)) {
        out = out.replace(name.as_str(), "___");
    }
    out.replace("___ ___", "___")
}

/// An incident found in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub name: String,
    pub place: Option<String>,
    /// Byte range of the word that makes it an incident.
    pub keyword: Range<usize>,
}

/// Nouns naming an incident: `the bombing of Korean Air Flight 858`.
const INCIDENT_NOUNS: [&str; 10] = [
    "bombing",
    "sinking",
    "shelling",
    "hijacking",
    "attack",
    "raid",
    "demolition",
    "destruction",
    "kidnapping",
    "bombardment",
];

/// Verbs of an incident, the noun it becomes, and whether the sentence names its object after
/// the verb (`attacked the Blue House`) or before it (`a South Korean airliner was hijacked`).
const INCIDENT_VERBS: [(&str, &str, bool); 14] = [
    ("attacked", "attack on", true),
    ("raided", "raid on", true),
    ("bombed", "bombing of", true),
    ("shelled", "shelling of", true),
    ("destroyed", "destruction of", true),
    ("demolished", "demolition of", true),
    ("abducted", "abduction of", true),
    ("kidnapped", "kidnapping of", true),
    ("hijacked", "hijacking of", false),
    ("sank", "sinking of", false),
    ("sunk", "sinking of", false),
    ("blown", "demolition of", false),
    ("fired", "shelling of", true),
    ("tested", "test of", true),
];

/// An attack, raid, sinking, shelling, hijacking, bombing, test, demolition... with a name
/// a student can be asked for (`sinking of the 1,500-ton ROKS Cheonan`): one that names
/// something (a capital letter), not a bare `naval clash`.
pub fn incident(t: &[Token], sentence: &str) -> Option<Found> {
    let found = incident_name(t, sentence)?;
    let has_name = found
        .0
        .split_whitespace()
        .any(|w| w.chars().next().is_some_and(char::is_uppercase));
    has_name.then(|| Found {
        place: place(t, sentence),
        name: found.0,
        keyword: found.1,
    })
}

fn incident_name(t: &[Token], sentence: &str) -> Option<(String, Range<usize>)> {
    let text =
        |r: Range<usize>| sentence[t[r.start].range.start..t[r.end - 1].range.end].to_owned();
    // `the bombing of Korean Air Flight 858`, `the Rangoon assassination attempt`
    for (k, tok) in t.iter().enumerate() {
        let lower = tok.lower();
        if INCIDENT_NOUNS.contains(&lower.as_str())
            && t.get(k + 1).is_some_and(|x| x.is("of") || x.is("on"))
        {
            let end = noun_phrase(t, k + 2);
            if end > k + 2 {
                return Some((text(k..end), tok.range.clone()));
            }
        }
        if lower == "assassination"
            && t.get(k + 1).is_some_and(|x| x.is("attempt"))
            && k > 0
            && name_word(&t[k - 1])
        {
            let mut start = k - 1;
            while start > 0 && name_word(&t[start - 1]) {
                start -= 1;
            }
            return Some((text(start..k + 2), tok.range.clone()));
        }
    }
    for (k, tok) in t.iter().enumerate() {
        let lower = tok.lower();
        let Some(&(_, noun, object_after)) = INCIDENT_VERBS.iter().find(|(v, _, _)| *v == lower)
        else {
            // `conducted its first nuclear test`
            if lower == "test"
                && k >= 2
                && t[..k]
                    .iter()
                    .any(|x| matches!(x.lower().as_str(), "conducted" | "carried"))
            {
                let mut start = k;
                while start > 0
                    && t[start - 1].kind == Kind::Word
                    && !t[start - 1].is_capitalized()
                    && !matches!(
                        t[start - 1].lower().as_str(),
                        "its" | "a" | "an" | "the" | "their" | "conducted" | "out" | "his"
                    )
                {
                    start -= 1;
                }
                let subject = first_country(t, sentence)?;
                return Some((
                    format!("{} of {subject}", text(start..k + 1)),
                    tok.range.clone(),
                ));
            }
            continue;
        };
        let passive = t[..k]
            .iter()
            .rev()
            .take_while(|x| {
                matches!(
                    x.lower().as_str(),
                    "was" | "were" | "been" | "subsequently" | "later"
                )
            })
            .any(|x| matches!(x.lower().as_str(), "was" | "were" | "been"));
        // `a German raider sank the American ship`: the sinking is of what it sank.
        let transitive = lower == "sank"
            && t.get(k + 1).is_some_and(|x| {
                matches!(x.lower().as_str(), "the" | "a" | "an" | "two" | "three")
                    || x.is_capitalized()
            });
        if (object_after || transitive) && !passive {
            let mut from = k + 1;
            if lower == "fired" {
                // `fired a shell on the city`, `fired at South Korea's Yeonpyeong island`
                while from < t.len() && !matches!(t[from].lower().as_str(), "at" | "on" | "into") {
                    if t[from].kind == Kind::Punct || from > k + 4 {
                        return None;
                    }
                    from += 1;
                }
                from += 1;
            }
            let end = noun_phrase(t, from);
            if end > from {
                return Some((format!("{noun} {}", text(from..end)), tok.range.clone()));
            }
        } else {
            // The subject: back from the verb (and `was`, `subsequently`, `up`) to a comma or the start.
            let mut end = k;
            while end > 0
                && matches!(
                    t[end - 1].lower().as_str(),
                    "was" | "were" | "subsequently" | "later" | "been"
                )
            {
                end -= 1;
            }
            if end > 0 && t[end - 1].text == "," {
                end -= 1;
            }
            let mut start = end;
            while start > 0 && t[start - 1].text != "," {
                start -= 1;
            }
            let mut stop = start;
            while stop < end
                && !matches!(t[stop].lower().as_str(), "with" | "which" | "who")
                && t[stop].text != "("
            {
                stop += 1;
            }
            if stop > start {
                let subject = text(start..stop);
                let subject = subject
                    .strip_prefix("The ")
                    .map(|s| format!("the {s}"))
                    .unwrap_or(subject);
                return Some((format!("{noun} {subject}"), tok.range.clone()));
            }
        }
    }
    None
}

/// Tokens of a noun phrase from `k`: an article, words, `of`, names and numbers, up to
/// punctuation or a word that starts a new clause.
fn noun_phrase(t: &[Token], k: usize) -> usize {
    let mut end = k;
    while end < t.len() {
        let x = &t[end];
        let joins_names = x.is("and")
            && end > k
            && t[end - 1].is_capitalized()
            && t.get(end + 1).is_some_and(Token::is_capitalized);
        let stop = x.kind == Kind::Punct && !(x.text == "-" || x.text == "'")
            || !joins_names
                && matches!(
                    x.lower().as_str(),
                    "in" | "and"
                        | "with"
                        | "after"
                        | "before"
                        | "on"
                        | "at"
                        | "which"
                        | "who"
                        | "that"
                        | "as"
                        | "when"
                        | "while"
                        | "to"
                        | "for"
                        | "from"
                        | "by"
                        | "near"
                        | "off"
                        | "during"
                        | "amid"
                );
        if stop
            || MONTHS.contains(&x.text)
            || x.kind == Kind::Number
                && x.text.len() == 4
                && end > k
                && !t[end - 1].is_capitalized()
        {
            break;
        }
        end += 1;
    }
    end
}

/// The first `North Korea`, `South Korea`, `China`, ... a sentence names.
fn first_country(t: &[Token], sentence: &str) -> Option<String> {
    for (k, x) in t.iter().enumerate() {
        if (x.is("North") || x.is("South")) && t.get(k + 1).is_some_and(|y| y.is("Korea")) {
            return Some(sentence[x.range.start..t[k + 1].range.end].to_owned());
        }
    }
    None
}

/// `off Baengnyeongdo`, `in Kaesong`, `at the DMZ`: the first place the sentence names.
/// Nouns that name a happening, which a name they begin is not the place of.
const HAPPENINGS: [&str; 16] = [
    "battle",
    "battles",
    "siege",
    "treaty",
    "congress",
    "conference",
    "convention",
    "war",
    "summit",
    "peace",
    "armistice",
    "campaign",
    "offensive",
    "uprising",
    "revolution",
    "massacre",
];

fn place(t: &[Token], sentence: &str) -> Option<String> {
    let mut k = 0;
    while k < t.len() {
        let object_of_fire = k > 0 && t[k - 1].is("fired");
        if matches!(t[k].lower().as_str(), "in" | "at" | "off" | "near") && !object_of_fire {
            let mut s = k + 1;
            let article = t.get(s).is_some_and(|x| x.is("the"));
            if article {
                s += 1;
            }
            let mut e = s;
            while e < t.len() && name_word(&t[e]) {
                e += 1;
            }
            // `at the Battle of Sinop`, `at the Congress of Vienna`: a happening, not a place.
            let happening = t
                .get(s)
                .is_some_and(|x| HAPPENINGS.contains(&x.lower().as_str()));
            if e > s && !happening {
                let start = if article {
                    t[s - 1].range.start
                } else {
                    t[s].range.start
                };
                return Some(sentence[start..t[e - 1].range.end].to_owned());
            }
        }
        k += 1;
    }
    None
}

/// `46 died`, `Two South Korean marines and two civilians were killed`, `wounding two soldiers`.
pub fn toll(t: &[Token], sentence: &str) -> Option<String> {
    const HARM: [&str; 10] = [
        "killed",
        "died",
        "dead",
        "wounded",
        "injured",
        "missing",
        "killing",
        "wounding",
        "injuring",
        "casualties",
    ];
    let k = t.iter().position(|x| HARM.contains(&x.lower().as_str()))?;
    let is_count = |x: &Token| {
        x.kind == Kind::Number
            || x.kind == Kind::Mixed && x.text.contains(',')
            || matches!(
                x.lower().as_str(),
                "one"
                    | "two"
                    | "three"
                    | "four"
                    | "five"
                    | "six"
                    | "seven"
                    | "eight"
                    | "nine"
                    | "ten"
                    | "dozen"
                    | "dozens"
                    | "hundreds"
                    | "no"
            )
    };
    let lower = t[k].lower();
    let range = if lower.ends_with("ing") {
        let end = noun_phrase(t, k + 1);
        (end > k + 1 && t[k + 1..end].iter().any(is_count)).then_some(k..end)?
    } else {
        // The first count of the clause: `Two marines and two civilians were killed`.
        let clause = t[..k]
            .iter()
            .rposition(|x| x.text == ",")
            .map_or(0, |c| c + 1);
        let start = (clause.max(k.saturating_sub(8))..k).find(|&s| is_count(&t[s]))?;
        start..k + 1
    };
    Some(sentence[t[range.start].range.start..t[range.end - 1].range.end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::dates::{Anchors, find, resolve};

    fn dated(sentence: &str, before: Option<HistDate>) -> Vec<Dated> {
        find(sentence)
            .into_iter()
            .filter_map(|m| {
                let anchors = Anchors {
                    before,
                    ..Anchors::default()
                };
                let (date, until) = resolve(&m.when, anchors).ok()?;
                Some(Dated {
                    date,
                    until,
                    mention: Some(m),
                })
            })
            .collect()
    }

    fn facts(sentence: &str) -> Vec<Fact> {
        sentence_facts(
            sentence,
            &dated(sentence, HistDate::day(2020, 6, 16)),
            &[],
            None,
        )
        .into_iter()
        .map(|(fact, _)| fact)
        .collect()
    }

    /// Wording from the tuned half's textbook chapters (sentences written for the tests).
    #[test]
    fn textbook_wording_reads_as_a_question() {
        // The comma that closes a US-style date goes with it.
        assert_eq!(
            whats("The ambassador on September 1, 1915, sent a brief note."),
            ["The ambassador sent a brief note."]
        );
        // One that closes a phrase stays.
        assert_eq!(
            whats("In a second note, made public on June 11, the position was affirmed."),
            ["In a second note, made public, the position was affirmed."]
        );
        // A run-in heading reads as a label.
        assert_eq!(
            whats("=The Notes.=--On May 14, 1915, the Department made public a note."),
            ["The Notes: the Department made public a note."]
        );
        // What a raider sank is what the sinking is of; a ship that sank is its own.
        let names = |s: &str| -> Vec<String> {
            facts(s)
                .into_iter()
                .filter_map(|f| match f {
                    Fact::Incident { name, .. } => Some(name),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(
            names(
                "On 28 January 1915, a German raider sank the American ship Frye in the South Atlantic."
            ),
            ["sinking of the American ship Frye"]
        );
        assert_eq!(
            names("On 7 May 1915, the Lusitania sank off Ireland."),
            ["sinking of the Lusitania"]
        );
        // A hard-wrapped line break inside a name is a space.
        let wrapped = Fact::Incident {
            name: "sinking of the\nAmerican ship".into(),
            date: HistDate::year(1915),
            place: None,
            toll: None,
            summary: String::new(),
            what: String::new(),
        };
        assert!(
            matches!(wrapped.one_line(), Fact::Incident { name, .. } if name == "sinking of the American ship")
        );
    }

    fn whats(sentence: &str) -> Vec<String> {
        facts(sentence)
            .into_iter()
            .filter_map(|f| match f {
                Fact::Event { what, .. } => Some(what),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_what_of_an_event_leaves_the_date_out() {
        let cases: &[(&str, &[&str])] = &[
            (
                "In 1998, South Korean President Kim Dae-jung announced a Sunshine Policy towards North Korea.",
                &[
                    "South Korean President Kim Dae-jung announced a Sunshine Policy towards North Korea.",
                ],
            ),
            (
                "In 2007 it was estimated that around 750,000 people remained separated.",
                &["It was estimated that around 750,000 people remained separated."],
            ),
            (
                "Goodwill dissipated with the staging of the exercise, Team Spirit, in 1986.",
                &["Goodwill dissipated with the staging of the exercise, Team Spirit."],
            ),
            (
                "The summit was followed in August by a family reunion.",
                &["The summit was followed by a family reunion."],
            ),
            (
                "US forces left the South the following year, though advisers remained.",
                &["US forces left the South, though advisers remained."],
            ),
            (
                "Later that day, the office was blown up.",
                &["The office was blown up."],
            ),
            (
                "The DPRK proclaimed Seoul its capital, a position not changed until 1972.",
                &["The DPRK proclaimed Seoul its capital, a position not changed until ___."],
            ),
            (
                "January–September 2013 saw an escalation of tensions.",
                &["___ saw an escalation of tensions."],
            ),
            (
                "Beginning with North Korea's participation in the 2018 Winter Olympics, relations warmed.",
                &[
                    "Beginning with North Korea's participation in the ___ Winter Olympics, relations warmed.",
                ],
            ),
            (
                "The thaw began when Kim, in his New Year's Day address in 1990, offered talks.",
                &["The thaw began when Kim, in his ___ address in ___, offered talks."],
            ),
            (
                "On Christmas Day in 1914, soldiers met in no man's land.",
                &["Soldiers met in no man's land."],
            ),
            (
                "The films Shiri, in 1999, and Joint Security Area, in 2000, were sympathetic.",
                &[
                    "The films Shiri, in ___, and Joint Security Area, in 2000, were sympathetic.",
                    "The films Shiri, in 1999, and Joint Security Area, in ___, were sympathetic.",
                ],
            ),
        ];
        for (sentence, want) in cases {
            assert_eq!(whats(sentence), *want, "{sentence}");
        }
    }

    #[test]
    fn agreements_take_the_date_they_were_signed() {
        let got = facts("In April 2018, the two countries signed the Panmunjom Declaration.");
        assert_eq!(
            got,
            [Fact::Agreement {
                name: "Panmunjom Declaration".into(),
                aka: vec![],
                date: HistDate::month(2018, 4).unwrap(),
                parties: vec![],
                summary: "The two countries signed the ___.".into(),
                what: "The two countries signed the Panmunjom Declaration.".into(),
            }]
        );
        let got = facts(
            "In November 2023, both the Koreas suspended the Comprehensive Agreement Pact - a pact - which was signed at the September 2018 inter-Korean summit.",
        );
        assert!(
            matches!(&got[0], Fact::Agreement { name, date, .. } if name == "Comprehensive Agreement Pact" && *date == HistDate::month(2018, 9).unwrap()),
            "{got:?}"
        );
        assert!(
            matches!(&got[1], Fact::Event { date, .. } if *date == HistDate::month(2023, 11).unwrap()),
            "{got:?}"
        );

        let got = facts(
            "In 1994, concern over North Korea's nuclear program led to the Agreed Framework between the US and North Korea.",
        );
        assert!(
            matches!(&got[0], Fact::Agreement { name, parties, .. } if name == "Agreed Framework" && parties == &["US", "North Korea"]),
            "{got:?}"
        );

        let got = facts(
            "These talks led in 1991 to the Agreement on Reconciliation, Non-Aggression, Exchanges and Cooperation and the Joint Declaration of the Denuclearization of the Korean Peninsula.",
        );
        let names: Vec<&str> = got
            .iter()
            .filter_map(|f| match f {
                Fact::Agreement { name, .. } => Some(name.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            names,
            [
                "Agreement on Reconciliation, Non-Aggression, Exchanges and Cooperation",
                "Joint Declaration of the Denuclearization of the Korean Peninsula"
            ]
        );

        let got = facts(
            "In Pyongyang, an agreement titled the \"Pyongyang Joint Declaration of September 2018\" was signed by both Korean leaders.",
        );
        assert!(
            matches!(&got[0], Fact::Agreement { name, aka, date, .. } if name == "Pyongyang Joint Declaration" && aka == &["Pyongyang Joint Declaration of September 2018"] && *date == HistDate::month(2018, 9).unwrap()),
            "{got:?}"
        );

        // A name alone is not an agreement made then; a generic name is no name.
        assert!(matches!(
            &facts("On 23 October 2018, Moon ratified the Basic Agreement.")[0],
            Fact::Event { .. }
        ));
        assert!(matches!(
            &facts("The 15 June 2000 Joint Declaration that the two leaders signed stated that.")
                [0],
            Fact::Event { .. }
        ));
    }

    #[test]
    fn incidents_are_named_from_their_verb_or_noun() {
        let cases = [
            (
                "On 21 January 1968, North Koreans commandos attacked the South Korean Blue House.",
                "attack on the South Korean Blue House",
                None,
            ),
            (
                "On 11 December 1969, a South Korean airliner was hijacked.",
                "hijacking of a South Korean airliner",
                None,
            ),
            (
                "On 26 March 2010, the 1,500-ton ROKS Cheonan with a crew of 104, sank off Baengnyeongdo in the Yellow Sea.",
                "sinking of the 1,500-ton ROKS Cheonan",
                Some("Baengnyeongdo"),
            ),
            (
                "On 23 November 2010, North Korea's artillery fired at South Korea's Yeonpyeong island in the Yellow Sea and South Korea returned fire.",
                "shelling of South Korea's Yeonpyeong island",
                Some("the Yellow Sea"),
            ),
            (
                "On 20 August 2015, North Korea fired a shell on the city of Yeoncheon.",
                "shelling of the city of Yeoncheon",
                None,
            ),
            (
                "Later that day, the joint liaison office in Kaesong was blown up by the North Korean government.",
                "demolition of the joint liaison office in Kaesong",
                Some("Kaesong"),
            ),
            (
                "The Arch of Reunification in Pyongyang was subsequently demolished in January 2024.",
                "demolition of the Arch of Reunification in Pyongyang",
                Some("Pyongyang"),
            ),
            (
                "This failed, and the bombing of Korean Air Flight 858 in 1987 was seen as revenge.",
                "bombing of Korean Air Flight 858",
                None,
            ),
            (
                "In 2006, however, North Korea resumed testing missiles and on 9 October conducted its first nuclear test.",
                "first nuclear test of North Korea",
                None,
            ),
            (
                "On 15 October 2024, North Korea destroyed the road connecting North and South Korea.",
                "destruction of the road connecting North and South Korea",
                None,
            ),
        ];
        for (sentence, name, place) in cases {
            let found = incident(&tokens(sentence), sentence);
            assert_eq!(
                found.as_ref().map(|f| f.name.as_str()),
                Some(name),
                "{sentence}"
            );
            if place.is_some() {
                assert_eq!(found.unwrap().place.as_deref(), place, "{sentence}");
            }
        }
        assert_eq!(
            incident(
                &tokens("Despite a naval clash in 1999, this led to talks."),
                "Despite a naval clash in 1999, this led to talks."
            ),
            None
        );
    }

    #[test]
    fn no_question_holds_its_answer_and_no_incident_is_asked_without_its_place() {
        // One day of one sentence is one fact.
        let sentence =
            "France mobilised on 15 July 1870, leading Prussia to mobilise later that day.";
        let got = sentence_facts(
            sentence,
            &dated(sentence, HistDate::day(1870, 7, 15)),
            &[],
            None,
        );
        assert_eq!(got.len(), 1, "{got:?}");
        // The fact's year is blanked wherever else the sentence writes it.
        let got = whats("The Revolution of 1821 was a war between 1821 and 1829.");
        assert!(got.iter().all(|w| !w.contains("1821")), "{got:?}");
        // Without a place, an incident would be asked as "What happened on ...?": an event.
        let got = facts("The next day, on 23 October 1856, British gunboats shelled the city.");
        assert!(
            got.iter().all(|f| matches!(f, Fact::Event { .. })),
            "{got:?}"
        );
    }

    #[test]
    fn a_happening_named_after_at_is_not_a_place() {
        let t = tokens("The squadron was destroyed at the Battle of Sinop in Turkey.");
        assert_eq!(
            place(
                &t,
                "The squadron was destroyed at the Battle of Sinop in Turkey."
            ),
            Some("Turkey".into())
        );
    }

    #[test]
    fn one_date_dates_one_agreement_unless_they_are_listed_together() {
        let names = |sentence: &str| -> Vec<String> {
            facts(sentence)
                .into_iter()
                .filter_map(|f| match f {
                    Fact::Agreement { name, .. } => Some(name),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(
            names(
                "Prince Gong stayed, signing the Convention of Peking with the alliance on 24 October 1860, thus ratifying the Treaty of Tientsin."
            ),
            ["Convention of Peking"]
        );
    }

    #[test]
    fn tolls_are_counts_of_the_harmed() {
        for (s, want) in [
            (
                "Out of 104 sailors, 46 died and 58 were rescued.",
                Some("46 died"),
            ),
            (
                "a mine went off at the DMZ, wounding two South Korean soldiers.",
                Some("wounding two South Korean soldiers"),
            ),
            (
                "Two South Korean marines and two civilians were killed, more than a dozen were wounded.",
                Some("Two South Korean marines and two civilians were killed"),
            ),
            ("The road was destroyed.", None),
        ] {
            assert_eq!(toll(&tokens(s), s).as_deref(), want, "{s}");
        }
    }

    #[test]
    fn sentences_that_open_without_a_subject_are_flagged() {
        assert!(dangling("This policy was continued by the next president."));
        assert!(dangling("The two sides reaffirmed the spirit."));
        assert!(dangling("The film was released in South Korea."));
        assert!(!dangling(
            "The joint liaison office in Kaesong was blown up."
        ));
        assert!(!dangling("North Korea invaded the South."));
    }
}

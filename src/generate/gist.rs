//! Who did what to whom in the clause of a date, by names: enough to tell that two sentences
//! restate one happening (`Roh Moo-hyun who also visited North Korea in 2007 and met with ... Kim
//! Jong Il` and `President Roh Moo-hyun walked across the DMZ on 2 October 2007 ... for talks with
//! Kim Jong Il`).
use std::ops::Range;

use super::text::{Kind, Token, tokens};
use crate::date::MONTHS;

/// The names around a date's verb.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gist {
    /// Names before the verb in its clause: `Roh Moo-hyun`.
    pub subject: Vec<String>,
    /// The verb the date goes with, lowercase: `visited`.
    pub verb: Option<String>,
    /// Names after the verb in its clause: `North Korea`, `Kim Jong Il`.
    pub objects: Vec<String>,
}

/// Two clauses tell one happening when they name a thing acted on in common, and either the
/// same actor or the same action: `Roh ... visited North Korea ... met with Kim Jong Il` and `Roh
/// walked across the DMZ ... for talks with Kim Jong Il`; `annexed by Japan` and `annexed into
/// Japan`.
pub fn same_happening(a: &Gist, b: &Gist) -> bool {
    let same_object = a.objects.iter().any(|n| b.objects.contains(n));
    let same_actor = a
        .subject
        .iter()
        .any(|n| b.subject.iter().any(|m| same_person(n, m)));
    same_object && (same_actor || a.verb.is_some() && a.verb == b.verb)
}

/// Verbs that tell a person's death: one person dies once.
const DEATHS: [&str; 7] = [
    "died",
    "assassinated",
    "killed",
    "murdered",
    "executed",
    "slain",
    "perished",
];

/// Two clauses tell one death when both verbs tell a death and they name the same actor, or
/// one names none (`He died in November 22, 1963` and `Kennedy was assassinated on November 22,
/// 1963`, in his biography). Said only of clauses dated the same day.
pub fn same_death(a: &Gist, b: &Gist) -> bool {
    let death = |g: &Gist| g.verb.as_deref().is_some_and(|v| DEATHS.contains(&v));
    let same_actor = a.subject.is_empty()
        || b.subject.is_empty()
        || a.subject
            .iter()
            .any(|n| b.subject.iter().any(|m| same_person(n, m)));
    death(a) && death(b) && same_actor
}

/// One actor: the same name, or a name and its last words (`Kennedy` and `John F Kennedy`; not
/// `Kim` and `Kim Jong Il`, which may be any Kim). Things acted on must have the same name:
/// `Korea` is not `North Korea`.
fn same_person(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long == short || long.ends_with(short) && long[..long.len() - short.len()].ends_with(' ')
}

/// Offices and titles: they stand before a name without being part of it.
const TITLES: [&str; 30] = [
    "President",
    "Chancellor",
    "Mayor",
    "Governor",
    "Senator",
    "Pope",
    "Prince",
    "Admiral",
    "Colonel",
    "Prime",
    "Minister",
    "Leader",
    "Chairman",
    "General",
    "Secretary",
    "King",
    "Queen",
    "Emperor",
    "Premier",
    "Ambassador",
    "Foreign",
    "Defense",
    "Vice",
    "Supreme",
    "Commander",
    "Marshal",
    "Comrade",
    "Mr",
    "Mrs",
    "Dr",
];

/// Words for a people or a side: `South Korean` before a noun is not a name.
const DEMONYMS: [&str; 30] = [
    "Korean",
    "Inter-Korean",
    "American",
    "Japanese",
    "Chinese",
    "Soviet",
    "Russian",
    "British",
    "French",
    "German",
    "Vietnamese",
    "Taiwanese",
    "Indian",
    "Cuban",
    "Syrian",
    "Iraqi",
    "Iranian",
    "Israeli",
    "Egyptian",
    "Ukrainian",
    "Polish",
    "Italian",
    "Spanish",
    "Turkish",
    "Mongolian",
    "Canadian",
    "Allied",
    "Communist",
    "European",
    "Asian",
];

/// Capitalised words that open a sentence without naming anything.
const OPENERS: [&str; 30] = [
    "the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "after", "before",
    "during", "under", "with", "however", "although", "but", "and", "it", "they", "he", "she",
    "its", "his", "her", "their", "both", "also", "since",
];

/// Past forms that do not end in `-ed`.
const IRREGULAR: [&str; 42] = [
    "met", "went", "made", "held", "began", "took", "led", "won", "fell", "broke", "came",
    "became", "sent", "gave", "fought", "left", "rose", "shot", "struck", "sank", "spoke", "told",
    "saw", "ran", "built", "brought", "drew", "chose", "threw", "flew", "stood", "swore", "wrote",
    "withdrew", "lost", "kept", "sought", "found", "said", "signed", "died", "slain",
];

/// Auxiliaries: the verb is the word after them (`was held`).
const AUXILIARIES: [&str; 8] = ["was", "were", "had", "has", "have", "been", "is", "are"];

fn is_verb(t: &[Token], k: usize) -> bool {
    let x = &t[k];
    let lower = x.lower();
    if x.kind != Kind::Word || x.is_capitalized() {
        return false;
    }
    // `the reconstituted border`: a participle after a determiner is an adjective.
    let adjective = k > 0 && matches!(t[k - 1].lower().as_str(), "the" | "a" | "an");
    (lower.len() > 4 && lower.ends_with("ed") && !adjective) || IRREGULAR.contains(&lower.as_str())
}

/// Names in tokens `range`, as keys: offices and a people's word left out (`South Korean
/// President Roh Moo-hyun` is `Roh Moo-hyun`), the date's own tokens skipped.
fn names(t: &[Token], range: Range<usize>, skip: &Range<usize>) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, out: &mut Vec<String>| {
        let is_people = run.last().is_some_and(|w| DEMONYMS.contains(w));
        if !run.is_empty() && !is_people {
            let name = run.join(" ");
            if !out.contains(&name) {
                out.push(name);
            }
        }
        run.clear();
    };
    for k in range {
        let x = &t[k];
        // `John F. Kennedy`: an initial's full stop stays in the name.
        let initial = k > 0 && x.text == "." && t[k - 1].text.chars().count() == 1;
        if initial && !run.is_empty() {
            continue;
        }
        let in_date = x.range.start >= skip.start && x.range.end <= skip.end;
        let word = x.text.trim_end_matches("'s").trim_end_matches("’s");
        let capitalized = matches!(x.kind, Kind::Word | Kind::Mixed) && x.is_capitalized();
        let first_word = k == 0 && opener(&x.lower());
        let name = capitalized
            && !in_date
            && !first_word
            && !TITLES.contains(&word)
            && !MONTHS.contains(&word);
        if name {
            run.push(word);
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// A capitalised first word that names nothing: `The`, `In`, `Formerly`, `Following`.
fn opener(lower: &str) -> bool {
    OPENERS.contains(&lower) || lower.ends_with("ly") || lower.ends_with("ing")
}

/// The gist of the clause holding the date at byte range `date` of `sentence`: its verb is the
/// nearest before the date in the clause, or the first after it when the date opens the clause
/// (`On 2 October 2007, Roh walked ...`).
pub fn gist(sentence: &str, date: Range<usize>) -> Gist {
    let t = tokens(sentence);
    let first = t
        .iter()
        .position(|x| x.range.start >= date.start)
        .unwrap_or(t.len());
    let last = t
        .iter()
        .position(|x| x.range.start >= date.end)
        .unwrap_or(t.len());
    let start = t[..first]
        .iter()
        .rposition(|x| x.text == ";")
        .map_or(0, |k| k + 1);
    let end = t[last..]
        .iter()
        .position(|x| x.text == ";")
        .map_or(t.len(), |k| last + k);
    let opens = t[start..first].iter().all(|x| {
        x.kind == Kind::Punct || matches!(x.lower().as_str(), "in" | "on" | "during" | "from")
    });
    let before = (start..first).rev().find(|&k| is_verb(&t, k));
    let after = || (last..end).find(|&k| is_verb(&t, k));
    let verb = if opens {
        after()
    } else {
        before.or_else(after)
    };
    let Some(v) = verb else {
        return Gist::default();
    };
    // The subject is what stands before the verb after any comma: not the names of an opening
    // phrase (`In a meeting at Seoul's Blue House, amid a row with Japan, Moon spoke`).
    let subject_start = t[start..v]
        .iter()
        .rposition(|x| x.text == ",")
        .map_or(start, |c| start + c + 1);
    // `was held`: the auxiliary is not the verb.
    Gist {
        subject: names(&t, subject_start..v, &date),
        verb: Some(t[v].lower()).filter(|w| !AUXILIARIES.contains(&w.as_str())),
        objects: names(&t, v + 1..end, &date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_death_told_twice() {
        let at = |s: &'static str, date: &str| {
            let k = s.find(date).unwrap();
            gist(s, k..k + date.len())
        };
        let died = at("He died in November 22, 1963.", "November 22, 1963");
        let shot = at(
            "Kennedy was assassinated on November 22, 1963, in Dallas.",
            "November 22, 1963",
        );
        let other = at(
            "Oswald was killed on November 22, 1963.",
            "November 22, 1963",
        );
        let signed = at(
            "Kennedy signed the treaty on November 22, 1963.",
            "November 22, 1963",
        );
        assert!(same_death(&died, &shot));
        assert!(!same_death(&shot, &other), "two people");
        assert!(!same_death(&shot, &signed), "not a death");
    }

    fn of(sentence: &str, date: &str) -> Gist {
        let at = sentence.find(date).expect("date in sentence");
        gist(sentence, at..at + date.len())
    }

    fn strings(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    /// A sentence, its date, and the subject, verb and objects of the date's clause.
    type Case = (
        &'static str,
        &'static str,
        &'static [&'static str],
        &'static str,
        &'static [&'static str],
    );

    #[test]
    fn the_names_around_a_date_s_verb() {
        let cases: &[Case] = &[
            (
                "The treaty was followed by the chancellor Willy Brandt who also visited Moscow in 1970 and met with Soviet leader Leonid Brezhnev.",
                "in 1970",
                &["Willy Brandt"],
                "visited",
                &["Moscow", "Leonid Brezhnev"],
            ),
            (
                "On 12 August 1970, West German Chancellor Willy Brandt flew to Moscow for talks with Leonid Brezhnev.",
                "On 12 August 1970",
                &["Willy Brandt"],
                "flew",
                &["Moscow", "Leonid Brezhnev"],
            ),
            (
                "US President John F. Kennedy visited West Berlin in 1963 and spoke with Mayor Willy Brandt.",
                "in 1963",
                &["US", "John F Kennedy"],
                "visited",
                &["West Berlin", "Willy Brandt"],
            ),
            (
                "Formerly a kingdom that was annexed by Prussia in 1866, the region was divided.",
                "in 1866",
                &[],
                "annexed",
                &["Prussia"],
            ),
            (
                "At a meeting in Warsaw in May 1981, amid a quarrel with Moscow, Walesa called a strike.",
                "in May 1981",
                &["Walesa"],
                "called",
                &[],
            ),
            (
                "The Polish government resigned; on 9 May the Diet elected Jan Kowalski.",
                "on 9 May",
                &["Diet"],
                "elected",
                &["Jan Kowalski"],
            ),
        ];
        for (sentence, date, subject, verb, objects) in cases {
            let g = of(sentence, date);
            assert_eq!(g.subject, strings(subject), "{sentence}");
            assert_eq!(g.verb.as_deref(), Some(*verb), "{sentence}");
            assert_eq!(g.objects, strings(objects), "{sentence}");
        }
    }

    #[test]
    fn restatements_share_what_was_acted_on_and_who_acted_or_how() {
        let brandt = of(
            "The treaty was followed by the chancellor Willy Brandt who also visited Moscow in 1970 and met with Soviet leader Leonid Brezhnev.",
            "in 1970",
        );
        let flight = of(
            "On 12 August 1970, West German Chancellor Willy Brandt flew to Moscow for talks with Leonid Brezhnev.",
            "On 12 August 1970",
        );
        let signing = of(
            "On 12 August 1970, Willy Brandt and Alexei Kosygin signed the treaty.",
            "On 12 August 1970",
        );
        let annexed = of("Hanover was annexed by Prussia in 1866.", "in 1866");
        let later = of(
            "In 1864 the duchies became Danish wards and later annexed into Prussia in 1866.",
            "in 1866",
        );
        let attacked = of("Austria attacked Prussia in 1866.", "in 1866");
        assert!(same_happening(&brandt, &flight));
        let visit = of(
            "US President John F. Kennedy visited West Berlin in 1963.",
            "in 1963",
        );
        let speech = of(
            "On 26 June 1963, Kennedy spoke in West Berlin.",
            "On 26 June 1963",
        );
        assert!(same_happening(&visit, &speech), "a surname is the name");
        assert!(!same_person("Kim", "Kim Jong Il"), "a family name is not");
        let games = of(
            "East and West Germany competed as \"Germany\" at the 1964 Olympics.",
            "1964",
        );
        let talks = of("In 1964 East Germany met West Germany.", "In 1964");
        assert!(
            !same_happening(&games, &talks),
            "Germany is not West Germany"
        );
        assert!(
            !same_happening(&brandt, &signing),
            "nothing named acted on in common"
        );
        assert!(
            same_happening(&annexed, &later),
            "the same action on Prussia"
        );
        assert!(
            !same_happening(&annexed, &attacked),
            "other actor, other action"
        );
    }
}

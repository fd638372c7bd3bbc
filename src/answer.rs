//! Checks a typed answer against what a question expects.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use std::sync::LazyLock;

use crate::date::{HistDate, parse_typed_date};
use crate::grade::Grade;
use crate::office;

/// What a question expects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    /// Free text; the first is the canonical answer, the rest accepted alternatives (aka/accept).
    Text(Vec<String>),
    /// Several names, each with its alternatives (first canonical), all wanted, any order.
    Names(Vec<Vec<String>>),
    /// A date, asked at its own precision.
    Date(HistDate),
    /// A whole number: a toll, a count.
    Number(i64),
}

/// The checker's judgement of a typed answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// Again, Hard or Good (the checker never says Easy).
    pub grade: Grade,
    /// True for Good and for Hard-but-right (a typo, or less precise but right).
    pub correct: bool,
    /// A short lowercase explanation, when useful.
    pub feedback: Option<String>,
}

impl Verdict {
    fn new(grade: Grade, correct: bool, feedback: Option<String>) -> Self {
        Verdict {
            grade,
            correct,
            feedback,
        }
    }

    fn good() -> Self {
        Self::new(Grade::Good, true, None)
    }

    fn again(feedback: Option<String>) -> Self {
        Self::new(Grade::Again, false, feedback)
    }

    /// What the answer earns in an exam, from the same verdict that grades it in review:
    /// full marks when right (a typo included), half for a near miss (Hard but not right:
    /// a date less precise than asked, the right year but the wrong month, one pair out of
    /// order), nothing otherwise.
    pub fn points(&self) -> f64 {
        match (self.correct, self.grade) {
            (true, _) => 1.0,
            (false, Grade::Hard) => 0.5,
            _ => 0.0,
        }
    }
}

/// The forms a typed date is read in, for the hint when one cannot be read.
pub const DATE_FORMS: &str =
    "write it like 25 June 1950, June 25 1950, 1950-06-25, June 1950 or 1950; Enter alone gives up";

/// Why `typed` cannot be read as an answer to `expected`, with the forms that are read.
/// Such an answer is asked again and never graded. Only a date can be unreadable (an
/// ambiguous `9/10/1983`, `summer 1950`); a blank answer is an answer: "I don't know".
pub fn unreadable(expected: &Expected, typed: &str) -> Option<String> {
    match expected {
        Expected::Date(_) if !normalize(typed).is_empty() => {
            parse_typed_date(typed).err().map(|error| {
                format!(
                    "cannot read `{}` as a date: {error}; {DATE_FORMS}",
                    typed.trim()
                )
            })
        }
        _ => None,
    }
}

/// Checks `typed` against `expected`.
///
/// `confusables` are other answers from the same collection (e.g. every other leader's name
/// and alias): a typed answer that matches one of them is wrong even if it is within typo
/// distance of the expected one, and typo tolerance never accepts a string that is at least
/// as close to a confusable as to the answer.
pub fn check(expected: &Expected, typed: &str, confusables: &[String]) -> Verdict {
    check_against(expected, typed, &Confusables::new(confusables))
}

/// [`check`] with confusables prepared beforehand, for many checks against the same ones.
pub fn check_against(expected: &Expected, typed: &str, confusables: &Confusables) -> Verdict {
    if normalize(typed).is_empty() {
        return Verdict::again(Some("no answer".to_string()));
    }
    match expected {
        Expected::Text(alternatives) => check_text(alternatives, typed, confusables),
        Expected::Names(people) => check_names(people, typed, confusables),
        Expected::Date(date) => check_date(*date, typed),
        Expected::Number(n) => check_number(*n, typed),
    }
}

/// A number is right or wrong; words after it ("46 sailors") are what is counted.
fn check_number(expected: i64, typed: &str) -> Verdict {
    let words: Vec<&str> = typed.split_whitespace().collect();
    let read = (1..=words.len())
        .rev()
        .find_map(|n| crate::number::parse(&words[..n].join(" ")));
    match read {
        Some(n) if n == expected => Verdict::good(),
        Some(n) => {
            let off = (n - expected).unsigned_abs() as f64 / expected.max(1) as f64;
            let close = if off <= 0.1 { "close, but " } else { "" };
            Verdict::again(Some(format!(
                "{close}{} is {} than {}",
                crate::number::show(n),
                if n < expected { "less" } else { "more" },
                crate::number::show(expected)
            )))
        }
        None => Verdict::again(Some("write a number, e.g. 46 or forty-six".to_string())),
    }
}

/// Other answers of a collection, prepared for comparison once: preparing tens of
/// thousands of them at every answer made checking slow.
#[derive(Default)]
pub struct Confusables(Vec<Prepared>);

impl Confusables {
    pub fn new<S: AsRef<str>>(answers: impl IntoIterator<Item = S>) -> Self {
        Self(answers.into_iter().map(|a| prepare(a.as_ref())).collect())
    }
}

/// The normalisation used for comparison: Unicode NFKD without combining marks, lowercase,
/// a leading "the" dropped, and everything but letters and digits removed, so that
/// `Kim Jong-un`, `kim jong un` and `Kim Jongun` all become `kimjongun`.
pub fn normalize(s: &str) -> String {
    words(s).concat()
}

/// Whether two answers are the same answer to the checker (spelling and romanisation aside).
pub fn equivalent(a: &str, b: &str) -> bool {
    prepare(a).key == prepare(b).key
}

fn words(s: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    // ASCII decomposes to itself and has no combining marks: a deck of 50,000 cards is
    // loaded a fifth faster for not asking.
    let ascii = s
        .is_ascii()
        .then(|| s.chars().map(|c| c.to_ascii_lowercase()));
    let other = (!s.is_ascii()).then(|| {
        s.nfkd()
            .flat_map(char::to_lowercase)
            .filter(|c| !is_combining_mark(*c))
    });
    let chars = ascii
        .into_iter()
        .flatten()
        .chain(other.into_iter().flatten());
    for c in chars {
        if c.is_alphanumeric() {
            word.push(c);
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    words
}

/// Korean surnames whose spellings differ by more than the letter rules in [`romanise`].
fn surname(word: &str) -> &str {
    match word {
        "roh" | "noh" => "no",
        "lee" | "rhee" | "ri" => "yi",
        "park" | "bak" => "pak",
        _ => word,
    }
}

/// Maps romanisation variants to one spelling: Revised Romanisation `eo`, `eu`, `g`, `b`,
/// `d`, `j` against McCune–Reischauer `ŏ`, `ŭ`, `k`, `p`, `t`, `ch`, and `ee` against `i`.
/// It merges letters but never drops a syllable, so distinct names stay distinct.
fn romanise(s: &str) -> String {
    s.replace("eo", "o")
        .replace("eu", "u")
        .replace("ee", "i")
        .replace("ch", "j")
        .chars()
        .map(|c| match c {
            'k' => 'g',
            'p' => 'b',
            't' => 'd',
            _ => c,
        })
        .collect()
}

/// A string ready for comparison.
struct Prepared {
    text: String,
    /// Its words, lowercase, a country phrase as one `#code` word, "the" dropped.
    raw: Vec<String>,
    /// The romanisation key of the whole string, separators removed.
    key: String,
    /// The romanisation key of each word, to tell when one answer is part of another.
    words: Vec<String>,
    /// The length of the normalised string, which sets the typo tolerance.
    len: usize,
    /// Words written in capitals (`KCIA`), lowercase: an acronym has no typos.
    acronyms: Vec<String>,
}

impl Prepared {
    fn countries(&self) -> impl Iterator<Item = &str> {
        self.raw.iter().filter_map(|w| w.strip_prefix('#'))
    }

    fn has_title(&self) -> bool {
        self.raw
            .iter()
            .any(|w| office::TITLE_WORDS.contains(&w.as_str()))
    }
}

/// Country phrases as words, longest first, with their codes.
fn country_forms() -> &'static [(Vec<String>, &'static str)] {
    static FORMS: LazyLock<Vec<(Vec<String>, &'static str)>> = LazyLock::new(|| {
        let mut forms = Vec::new();
        for country in office::COUNTRIES {
            for form in country.forms {
                forms.push((words(form), country.code));
                if form.len() > 1 && form.chars().all(|c| c.is_ascii_uppercase()) {
                    let dotted = form.chars().map(|c| c.to_ascii_lowercase().to_string());
                    forms.push((dotted.collect(), country.code));
                }
            }
        }
        forms.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        forms
    });
    &FORMS
}

/// `words` with each country phrase made one word `#code`, dropping a "the" before it and a
/// possessive "s" after it: "the United States", "U.S." and "America's" are all `#us`.
fn mark_countries(words: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        match country_forms()
            .iter()
            .find(|(form, _)| words[i..].starts_with(form))
        {
            Some((form, code)) => {
                if out.last().is_some_and(|w| w == "the") {
                    out.pop();
                }
                out.push(format!("#{code}"));
                i += form.len();
                if words.get(i).is_some_and(|w| w == "s") {
                    i += 1;
                }
            }
            None => {
                out.push(words[i].clone());
                i += 1;
            }
        }
    }
    out
}

fn prepare(text: &str) -> Prepared {
    let mut raw = mark_countries(words(text));
    if raw.len() > 1 {
        raw.retain(|w| w != "the");
    }
    prepare_words(text.trim().to_string(), raw)
}

fn prepare_words(text: String, raw: Vec<String>) -> Prepared {
    let acronyms = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase()))
        .map(str::to_lowercase)
        .filter(|w| raw.contains(w))
        .collect();
    // Romanised run by run: a country word is compared as it is.
    let mut key = String::new();
    let mut run = String::new();
    for word in &raw {
        if word.starts_with('#') {
            key.push_str(&romanise(&std::mem::take(&mut run)));
            key.push_str(word);
        } else {
            run.push_str(surname(word));
        }
    }
    key.push_str(&romanise(&run));
    Prepared {
        text,
        key,
        len: raw
            .iter()
            .filter(|w| !w.starts_with('#'))
            .map(|w| w.chars().count())
            .sum(),
        words: raw
            .iter()
            .map(|w| {
                if w.starts_with('#') {
                    w.clone()
                } else {
                    romanise(surname(w))
                }
            })
            .collect(),
        raw,
        acronyms,
    }
}

/// How a country is named in feedback.
fn country_name(code: &str) -> &'static str {
    office::COUNTRIES
        .iter()
        .find(|c| c.code == code)
        .map_or("another country", |c| c.forms[0])
}

fn tolerance(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=9 => 1,
        _ => 2,
    }
}

/// The edit distance between two keys if it is at most `max`. A changed number or country
/// is never a typo: "39th parallel" is not "38th parallel".
fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let countries = |s: &str| {
        s.match_indices('#')
            .map(|(i, _)| s.get(i + 1..i + 3).unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
    };
    if a.chars().count().abs_diff(b.chars().count()) > max
        || digits(a) != digits(b)
        || countries(a) != countries(b)
    {
        return None;
    }
    let d = strsim::damerau_levenshtein(a, b);
    (d <= max).then_some(d)
}

/// Whether `inner` is a run of whole words inside the longer `outer`.
fn part_of(inner: &[String], outer: &[String]) -> bool {
    !inner.is_empty()
        && inner.len() < outer.len()
        && outer.windows(inner.len()).any(|run| run == inner)
}

/// How a typed text matched one of the alternatives.
enum Match {
    Exact,
    /// A typo of this alternative.
    Typo(String),
}

/// Why a typed text did not match.
enum Miss {
    /// It is this other answer.
    Confusable(String),
    /// Within typo distance, but at least as close to this other answer.
    TooClose(String),
    /// Some of the answer's words.
    Part,
    /// The answer's words and more.
    More,
    /// It names a country that the answer does not (by code).
    Country(String),
    Wrong,
}

/// Matches `typed` as written, then without what never changes its meaning: a country that
/// only some spellings of the answer name (or any, when none does) and titles around an
/// answer that has none ("President Kim Dae-jung", "Kim Jong Un, leader of North Korea").
/// A country that no spelling of the answer names is another country: wrong.
fn match_text(
    alternatives: &[Prepared],
    typed: &Prepared,
    confusables: &[&Prepared],
) -> Result<Match, Miss> {
    let all: Vec<&Prepared> = alternatives.iter().collect();
    let plain = match_plain(&all, typed, confusables);
    if matches!(plain, Ok(Match::Exact)) {
        return plain;
    }
    let named: Vec<&str> = alternatives.iter().flat_map(Prepared::countries).collect();
    if !named.is_empty()
        && let Some(other) = typed.countries().find(|c| !named.contains(c))
    {
        return Err(Miss::Country(other.to_owned()));
    }
    let required = |code: &str| {
        !alternatives.is_empty()
            && alternatives
                .iter()
                .all(|a| a.countries().any(|c| c == code))
    };
    // Without the optional countries, and without an "of" before one ("Ambassador of the
    // Soviet Union to North Korea") or keeping it ("Speaker of the South Korean Assembly").
    let without_countries = |keep_of: bool| {
        let mut base: Vec<String> = Vec::new();
        for word in &typed.raw {
            if word.strip_prefix('#').is_some_and(|code| !required(code)) {
                if !keep_of
                    && base
                        .last()
                        .is_some_and(|w| matches!(w.as_str(), "of" | "from" | "in"))
                {
                    base.pop();
                }
            } else {
                base.push(word.clone());
            }
        }
        base
    };
    let is_title = |w: &String| office::TITLE_WORDS.contains(&w.as_str()) || w == "of";
    let untitled = |base: &[String]| {
        let mut words = base;
        while words.first().is_some_and(is_title) {
            words = &words[1..];
        }
        while words.last().is_some_and(is_title) {
            words = &words[..words.len() - 1];
        }
        words.to_vec()
    };
    let (popped, kept) = (without_countries(false), without_countries(true));
    let without_titles: Vec<&Prepared> = all.iter().copied().filter(|a| !a.has_title()).collect();
    let cores = [
        (untitled(&popped), &without_titles),
        (popped, &all),
        (kept, &all),
    ]
    .into_iter()
    .filter(|(words, alternatives)| {
        !words.is_empty() && *words != typed.raw && !alternatives.is_empty()
    })
    .map(|(words, alternatives)| {
        let core = prepare_words(typed.text.clone(), words);
        (true, match_plain(alternatives, &core, confusables))
    });
    let (mut typo, mut miss) = (None, None);
    for (core, result) in std::iter::once((false, plain)).chain(cores) {
        match result {
            Ok(Match::Exact) => return Ok(Match::Exact),
            Ok(m) => typo = typo.or(Some(m)),
            // A core's miss says more than the whole answer's ("President Kim Il": part).
            Err(m) if core || miss.is_none() => miss = Some(m),
            Err(_) => {}
        }
    }
    match (typo, miss) {
        (Some(m), _) => Ok(m),
        (None, Some(m)) => Err(m),
        (None, None) => Err(Miss::Wrong),
    }
}

fn match_plain(
    alternatives: &[&Prepared],
    typed: &Prepared,
    confusables: &[&Prepared],
) -> Result<Match, Miss> {
    if alternatives.iter().any(|a| a.key == typed.key) {
        return Ok(Match::Exact);
    }
    // An "other" answer spelt like one of ours says nothing about confusion. (A set, so that
    // a card with many aliases, which are among its confusables too, is checked in linear time.)
    let ours: std::collections::HashSet<&str> =
        alternatives.iter().map(|a| a.key.as_str()).collect();
    let confusables: Vec<&Prepared> = confusables
        .iter()
        .copied()
        .filter(|c| !ours.contains(c.key.as_str()))
        .collect();
    if let Some(c) = confusables.iter().find(|c| c.key == typed.key) {
        return Err(Miss::Confusable(c.text.clone()));
    }
    if alternatives.iter().any(|a| part_of(&typed.words, &a.words)) {
        return Err(Miss::Part);
    }
    if alternatives.iter().any(|a| part_of(&a.words, &typed.words)) {
        return Err(Miss::More);
    }
    let closest = alternatives
        .iter()
        .filter(|a| a.acronyms.iter().all(|x| typed.raw.contains(x)))
        .filter_map(|a| Some((distance(&a.key, &typed.key, tolerance(a.len))?, a)))
        .min_by_key(|(d, _)| *d);
    let Some((d, alternative)) = closest else {
        return Err(Miss::Wrong);
    };
    match confusables
        .iter()
        .find(|c| distance(&c.key, &typed.key, d).is_some())
    {
        Some(c) => Err(Miss::TooClose(c.text.clone())),
        None => Ok(Match::Typo(alternative.text.clone())),
    }
}

fn check_text(alternatives: &[String], typed: &str, confusables: &Confusables) -> Verdict {
    let alternatives: Vec<Prepared> = alternatives.iter().map(|a| prepare(a)).collect();
    let confusables: Vec<&Prepared> = confusables.0.iter().collect();
    match match_text(&alternatives, &prepare(typed), &confusables) {
        Ok(Match::Exact) => Verdict::good(),
        Ok(Match::Typo(spelling)) => Verdict::new(
            Grade::Hard,
            true,
            Some(format!("typo: `{}` is spelt `{spelling}`", typed.trim())),
        ),
        Err(miss) => Verdict::again(match miss {
            Miss::Confusable(other) => Some(format!("`{other}` is a different answer")),
            Miss::TooClose(other) => Some(format!("too close to `{other}` to count as a typo")),
            Miss::Part => Some("only part of the answer".to_string()),
            Miss::More => Some("more than the answer".to_string()),
            Miss::Country(code) => Some(format!("wrong country: {}", country_name(&code))),
            Miss::Wrong => None,
        }),
    }
}

/// Splits a typed list of names on `,`, `;`, `&`, `/`, `+` and the word "and".
fn split_names(typed: &str) -> Vec<String> {
    let mut names = Vec::new();
    for part in typed.split([',', ';', '&', '/', '+']) {
        let mut name: Vec<&str> = Vec::new();
        for word in part.split_whitespace() {
            if word.eq_ignore_ascii_case("and") {
                names.push(name.join(" "));
                name.clear();
            } else {
                name.push(word);
            }
        }
        names.push(name.join(" "));
    }
    names.retain(|name| !normalize(name).is_empty());
    names
}

/// `a`, `b` and `c`
fn quoted_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("`{item}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// Gives typed name `name` a person it matches, moving earlier claims to other people if
/// need be (Kuhn's augmenting paths), so that as many people as possible are named and
/// each typed name counts for at most one of them.
fn claim(
    name: usize,
    options: &[Vec<(usize, Match)>],
    owner: &mut [Option<usize>],
    seen: &mut [bool],
) -> bool {
    for &(person, _) in &options[name] {
        if std::mem::replace(&mut seen[person], true) {
            continue;
        }
        if owner[person].is_none_or(|other| claim(other, options, owner, seen)) {
            owner[person] = Some(name);
            return true;
        }
    }
    false
}

fn check_names(people: &[Vec<String>], typed: &str, confusables: &Confusables) -> Verdict {
    let people: Vec<Vec<Prepared>> = people
        .iter()
        .map(|alternatives| alternatives.iter().map(|a| prepare(a)).collect())
        .collect();
    let confusables = &confusables.0;
    let names = split_names(typed);
    if names.is_empty() {
        return Verdict::again(Some("no answer".to_string()));
    }

    // For each typed name, the people it matches, exact matches first. The other people in
    // the question are confusables too, so a typo can only ever match one person.
    let options: Vec<Vec<(usize, Match)>> = names
        .iter()
        .map(|name| {
            let typed = prepare(name);
            let mut matches: Vec<(usize, Match)> = people
                .iter()
                .enumerate()
                .filter_map(|(i, alternatives)| {
                    let others: Vec<&Prepared> = people
                        .iter()
                        .enumerate()
                        .filter(|(j, _)| *j != i)
                        .flat_map(|(_, other)| other)
                        .chain(confusables)
                        .collect();
                    Some((i, match_text(alternatives, &typed, &others).ok()?))
                })
                .collect();
            matches.sort_by_key(|(_, m)| matches!(m, Match::Typo(_)));
            matches
        })
        .collect();

    let mut owner: Vec<Option<usize>> = vec![None; people.len()];
    for name in 0..names.len() {
        claim(name, &options, &mut owner, &mut vec![false; people.len()]);
    }

    let missing: Vec<&str> = people
        .iter()
        .zip(&owner)
        .filter(|(_, owner)| owner.is_none())
        .map(|(person, _)| person.first().map_or("?", |a| a.text.as_str()))
        .collect();
    // A name that matches nobody is wrong; one that repeats a named person is not counted.
    let strangers: Vec<&str> = names
        .iter()
        .zip(&options)
        .filter(|(_, options)| options.is_empty())
        .map(|(name, _)| name.as_str())
        .collect();
    let typos: Vec<String> = owner
        .iter()
        .enumerate()
        .filter_map(|(person, name)| {
            let name = (*name)?;
            let (_, m) = options[name].iter().find(|(p, _)| *p == person)?;
            match m {
                Match::Typo(spelling) => Some(format!("`{}` is spelt `{spelling}`", names[name])),
                Match::Exact => None,
            }
        })
        .collect();

    let named = people.len() - missing.len();
    let mut problems = Vec::new();
    if named > 0 && !missing.is_empty() {
        problems.push(format!(
            "{named} of {} named: missing {}",
            people.len(),
            quoted_list(&missing)
        ));
    }
    match strangers.as_slice() {
        [] => {}
        [one] => problems.push(format!("`{one}` is not one of them")),
        several => problems.push(format!("{} are not among them", quoted_list(several))),
    }
    if !problems.is_empty() {
        Verdict::again(Some(problems.join("; ")))
    } else if typos.is_empty() {
        Verdict::good()
    } else {
        Verdict::new(
            Grade::Hard,
            true,
            Some(format!(
                "typo{}: {}",
                if typos.len() == 1 { "" } else { "s" },
                typos.join(", ")
            )),
        )
    }
}

fn check_date(fact: HistDate, typed: &str) -> Verdict {
    let date = match parse_typed_date(typed) {
        Ok(date) => date,
        Err(error) => return Verdict::again(Some(format!("could not read a date: {error}"))),
    };
    // More precision than the fact has is never punished.
    if date.truncate(fact.precision()) == fact {
        return Verdict::good();
    }
    // Less precise than asked: right as far as it goes, but only a near miss.
    let shared = date.precision().min(fact.precision());
    if date == fact.truncate(shared) {
        return Verdict::new(
            Grade::Hard,
            false,
            Some(format!("right {}; the full date is {fact}", shared.name())),
        );
    }
    if date.get_year() == fact.get_year() {
        let wrong = if date.get_month() == fact.get_month() {
            "right month, wrong day"
        } else {
            "right year, wrong month"
        };
        return Verdict::new(Grade::Hard, false, Some(format!("{wrong}: it was {fact}")));
    }
    let off = i64::from(date.get_year()) - i64::from(fact.get_year());
    let feedback = match off.unsigned_abs() {
        1 => format!("close: 1 year {}", if off < 0 { "early" } else { "late" }),
        2 => format!("close: 2 years {}", if off < 0 { "early" } else { "late" }),
        _ => format!("it was {fact}"),
    };
    Verdict::again(Some(feedback))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Grade::{Again, Good, Hard};
    use proptest::prelude::*;

    fn text(alternatives: &[&str]) -> Expected {
        Expected::Text(alternatives.iter().map(|a| a.to_string()).collect())
    }

    fn names(people: &[&[&str]]) -> Expected {
        Expected::Names(
            people
                .iter()
                .map(|p| p.iter().map(|a| a.to_string()).collect())
                .collect(),
        )
    }

    fn date(canonical: &str) -> Expected {
        Expected::Date(HistDate::parse_canonical(canonical).expect("test date"))
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    struct Case {
        expected: Expected,
        typed: &'static str,
        confusables: &'static [&'static str],
        grade: Grade,
        correct: bool,
    }

    fn case(
        expected: Expected,
        typed: &'static str,
        confusables: &'static [&'static str],
        grade: Grade,
        correct: bool,
    ) -> Case {
        Case {
            expected,
            typed,
            confusables,
            grade,
            correct,
        }
    }

    const KIMS: &[&str] = &["Kim Il Sung", "Kim Jong Il", "Kim Jong Un"];
    const PRESIDENTS: &[&str] = &[
        "Syngman Rhee",
        "Park Chung-hee",
        "Chun Doo-hwan",
        "Roh Tae-woo",
        "Kim Young-sam",
        "Kim Dae-jung",
        "Roh Moo-hyun",
        "Lee Myung-bak",
        "Park Geun-hye",
        "Moon Jae-in",
        "Lee Jae-myung",
    ];

    fn cases() -> Vec<Case> {
        let kis = || text(&["Kim Il Sung"]);
        let dynasty = || names(&[&["Kim Il Sung"], &["Kim Jong Il"], &["Kim Jong Un"]]);
        let juniors = || {
            names(&[
                &["Roh Tae-woo", "No Tae-u"],
                &["Chun Doo-hwan", "Jeon Du-hwan"],
            ])
        };
        let jong_un = || text(&["Kim Jong Un", "Kim Jong-un"]);
        let nuclear = || text(&["2006 North Korean nuclear test"]);
        let war = || date("1950-06-25");
        let summit = || date("2018-04-27");
        vec![
            // Exact and normalised text.
            case(kis(), "Kim Il Sung", &[], Good, true),
            case(kis(), "Kim Il-sung", &[], Good, true),
            case(kis(), "kim il-sung", &[], Good, true),
            case(kis(), "Kim Ilsung", &[], Good, true),
            case(kis(), "  KIM IL SUNG!  ", &[], Good, true),
            case(kis(), "Kim Il Sung", KIMS, Good, true),
            case(kis(), "Kim Il", &[], Again, false),
            case(kis(), "Kim Il", &["Kim Il"], Again, false),
            case(text(&["Kim Il"]), "Kim Il Sung", &[], Again, false),
            case(kis(), "Kim Jong Il", &[], Again, false),
            case(kis(), "Kim Il Sung Kim Jong Il", &[], Again, false),
            case(kis(), "Kim Il Sang", &[], Hard, true),
            case(kis(), "Kim Il Sang", KIMS, Hard, true),
            case(kis(), "Kim Il-sang", &["Kim Il-sung", "Kim Il"], Hard, true),
            case(text(&["Kim Jong Il"]), "Kim Jong Un", &[], Again, false),
            case(text(&["Kim Jong Un"]), "Kim Jong Il", &[], Again, false),
            case(text(&["Kim Jong Un"]), "Kim Jong Il", KIMS, Again, false),
            case(text(&["Kim Jong Un"]), "Kim Jong-eun", &[], Good, true),
            case(text(&["Kim Jong Il"]), "Kim Jong Ul", &[], Hard, true),
            case(text(&["Kim Jong Il"]), "Kim Jong Ul", KIMS, Again, false),
            case(text(&["Kim Jong Un"]), "Kim Jong Ul", KIMS, Again, false),
            // Presidents that share a surname.
            case(text(&["Roh Tae-woo"]), "Roh Moo-hyun", &[], Again, false),
            case(text(&["Roh Moo-hyun"]), "Roh Tae-woo", &[], Again, false),
            case(
                text(&["Roh Tae-woo"]),
                "Roh Moo-hyun",
                &["Roh Moo-hyun"],
                Again,
                false,
            ),
            case(
                text(&["Roh Moo-hyun"]),
                "Roh Tae-woo",
                &["Roh Tae-woo"],
                Again,
                false,
            ),
            case(
                text(&["Roh Tae-woo"]),
                "Roh Tae-woo",
                &["Roh Moo-hyun"],
                Good,
                true,
            ),
            case(text(&["Roh Tae-woo"]), "No Tae-woo", &[], Good, true),
            case(
                text(&["Roh Tae-woo"]),
                "Noh Tae-woo",
                PRESIDENTS,
                Good,
                true,
            ),
            case(text(&["Roh Tae-woo"]), "Roh Tae-wo", PRESIDENTS, Hard, true),
            case(
                text(&["Park Chung-hee"]),
                "Park Geun-hye",
                &[],
                Again,
                false,
            ),
            case(
                text(&["Park Geun-hye"]),
                "Park Chung-hee",
                &[],
                Again,
                false,
            ),
            case(text(&["Park Chung-hee"]), "Pak Chung-hee", &[], Good, true),
            case(text(&["Park Chung-hee"]), "Bak Jung-hee", &[], Good, true),
            case(text(&["Lee Myung-bak"]), "Lee Jae-myung", &[], Again, false),
            case(text(&["Lee Jae-myung"]), "Lee Myung-bak", &[], Again, false),
            case(
                text(&["Lee Myung-bak"]),
                "Yi Myung-bak",
                PRESIDENTS,
                Good,
                true,
            ),
            case(text(&["Kim Dae-jung"]), "Gim Dae-jung", &[], Good, true),
            case(
                text(&["Kim Dae-jung"]),
                "Kim Dae-jang",
                PRESIDENTS,
                Hard,
                true,
            ),
            case(
                text(&["Kim Dae-jung"]),
                "Kim Young-sam",
                PRESIDENTS,
                Again,
                false,
            ),
            case(text(&["Kim Young-sam"]), "Kim Dae-jung", &[], Again, false),
            // Romanisation variants and diacritics.
            case(text(&["Panmunjom"]), "Panmunjeom", &[], Good, true),
            case(text(&["Panmunjom"]), "P'anmunjŏm", &[], Good, true),
            case(text(&["Panmunjeom"]), "Panmunjom", &[], Good, true),
            case(text(&["Kaesong"]), "Gaesong", &[], Good, true),
            case(text(&["Kaesong"]), "Kaesŏng", &[], Good, true),
            case(text(&["Joseon"]), "Chosŏn", &[], Good, true),
            case(text(&["Chosŏn"]), "Choson", &[], Good, true),
            case(text(&["Goguryeo"]), "Koguryŏ", &[], Good, true),
            case(text(&["Baekje"]), "Paekche", &[], Good, true),
            case(text(&["Busan"]), "Pusan", &[], Good, true),
            case(text(&["Daegu"]), "Taegu", &[], Good, true),
            case(text(&["Jeju"]), "Cheju", &[], Good, true),
            case(text(&["Pyongyang"]), "Pyeongyang", &[], Good, true),
            case(text(&["Hangul"]), "Hangeul", &[], Good, true),
            case(
                text(&["Treaty of Ganghwa"]),
                "Treaty of Kanghwa",
                &[],
                Good,
                true,
            ),
            case(
                text(&["Treaty of Ganghwa"]),
                "Ganghwa Treaty",
                &[],
                Again,
                false,
            ),
            case(text(&["Pétain"]), "petain", &[], Good, true),
            // Part of an answer, or more than it.
            case(
                text(&["Panmunjom Declaration"]),
                "Panmunjom",
                &[],
                Again,
                false,
            ),
            case(
                text(&["Panmunjom"]),
                "Panmunjom Declaration",
                &[],
                Again,
                false,
            ),
            case(text(&["Sejong the Great"]), "Sejong", &[], Again, false),
            case(
                text(&["Sejong the Great", "Sejong"]),
                "Sejong",
                &[],
                Good,
                true,
            ),
            case(text(&["Sejong"]), "Sejong I", &[], Again, false),
            // A leading "the".
            case(text(&["The Korean War"]), "Korean War", &[], Good, true),
            case(text(&["Korean War"]), "the korean war", &[], Good, true),
            case(text(&["The Hague"]), "Hague", &[], Good, true),
            // Typos by length.
            case(text(&["Yalu"]), "Yalo", &[], Again, false),
            case(text(&["Silla"]), "Silly", &[], Hard, true),
            case(text(&["Silla"]), "Sylly", &[], Again, false),
            case(text(&["Manchuria"]), "Manchuira", &[], Hard, true),
            case(text(&["Manchuria"]), "Menchurie", &[], Again, false),
            case(text(&["Vladivostok"]), "Vladivastak", &[], Hard, true),
            case(text(&["Vladivostok"]), "Vladivastakk", &[], Again, false),
            case(text(&["38th parallel"]), "38th paralel", &[], Hard, true),
            case(text(&["38th parallel"]), "39th parallel", &[], Again, false),
            case(text(&["Silla"]), "Silly", &["Silly"], Again, false),
            case(text(&["Silla"]), "Sillo", &["Sille"], Again, false),
            // Empty and blank.
            case(kis(), "", &[], Again, false),
            case(kis(), "   ", &[], Again, false),
            case(kis(), " - ", &[], Again, false),
            case(text(&[]), "anything", &[], Again, false),
            // Several names.
            case(
                dynasty(),
                "Kim Il Sung, Kim Jong Il, Kim Jong Un",
                &[],
                Good,
                true,
            ),
            case(
                dynasty(),
                "kim jong un; kim il-sung & kim jong il",
                &[],
                Good,
                true,
            ),
            case(
                dynasty(),
                "Kim Jong Un and Kim Il Sung and Kim Jong Il",
                &[],
                Good,
                true,
            ),
            case(
                dynasty(),
                "Kim Jong Un / Kim Il Sung + Kim Jong Il",
                &[],
                Good,
                true,
            ),
            case(
                dynasty(),
                "Kim Il Sang, Kim Jong Il, Kim Jong Un",
                &[],
                Hard,
                true,
            ),
            case(dynasty(), "Kim Il Sung, Kim Jong Il", &[], Again, false),
            case(
                dynasty(),
                "Kim Il Sung, Kim Il Sung, Kim Jong Il",
                &[],
                Again,
                false,
            ),
            case(
                dynasty(),
                "Kim Il, Kim Jong Il, Kim Jong Un",
                &[],
                Again,
                false,
            ),
            case(
                dynasty(),
                "Kim Il Sung, Kim Jong Il, Kim Jong Ul",
                &[],
                Again,
                false,
            ),
            case(
                dynasty(),
                "Kim Il Sung, Kim Jong Il, Kim Jong Un, Park Chung-hee",
                &[],
                Again,
                false,
            ),
            case(
                dynasty(),
                "Kim Il Sung Kim Jong Il Kim Jong Un",
                &[],
                Again,
                false,
            ),
            case(dynasty(), ", ,", &[], Again, false),
            case(juniors(), "No Tae-u and Jeon Du-hwan", &[], Good, true),
            case(
                juniors(),
                "Chun Doo-hwan, Roh Tae-woo",
                PRESIDENTS,
                Good,
                true,
            ),
            case(juniors(), "Chun Doo-hwan", &[], Again, false),
            case(
                juniors(),
                "Roh Moo-hyun, Chun Doo-hwan",
                PRESIDENTS,
                Again,
                false,
            ),
            case(juniors(), "and", &[], Again, false),
            case(
                names(&[&["Yi Sun-sin", "Admiral Yi"], &["Yi Seong-gye", "Taejo"]]),
                "Taejo & Admiral Yi",
                &[],
                Good,
                true,
            ),
            // A title or a country around a name never changes who is meant.
            case(kis(), "President Kim Il Sung", KIMS, Good, true),
            case(kis(), "Premier Kim Il-sung", KIMS, Good, true),
            case(kis(), "Kim Il Sung of North Korea", KIMS, Good, true),
            case(kis(), "the DPRK's Kim Il Sung", KIMS, Good, true),
            case(kis(), "President Kim Il Sang", KIMS, Hard, true),
            case(kis(), "President Kim Il", KIMS, Again, false),
            case(kis(), "President Kim Jong Il", KIMS, Again, false),
            case(kis(), "Kim Il Sung University", KIMS, Again, false),
            case(kis(), "President", KIMS, Again, false),
            case(kis(), "North Korea", KIMS, Again, false),
            case(jong_un(), "Chairman Kim Jong Un", KIMS, Good, true),
            case(
                jong_un(),
                "North Korean leader Kim Jong Un",
                KIMS,
                Good,
                true,
            ),
            case(jong_un(), "Supreme Leader Kim Jong-un", KIMS, Good, true),
            case(
                jong_un(),
                "Kim Jong Un, leader of the DPRK",
                KIMS,
                Good,
                true,
            ),
            case(jong_un(), "Marshal Kim Jong Un", KIMS, Good, true),
            case(jong_un(), "Chairman Kim Jong Il", KIMS, Again, false),
            case(jong_un(), "Kim Jong Un's sister", KIMS, Again, false),
            case(jong_un(), "Chairman Kim", KIMS, Again, false),
            case(jong_un(), "Kim Jong Un Kim Yo Jong", KIMS, Again, false),
            case(jong_un(), "Leader Kim Jong Ul", KIMS, Again, false),
            case(
                text(&["Kim Dae-jung"]),
                "President Kim Dae-jung",
                PRESIDENTS,
                Good,
                true,
            ),
            case(
                text(&["Kim Dae-jung"]),
                "South Korean President Kim Dae-jung",
                PRESIDENTS,
                Good,
                true,
            ),
            case(
                text(&["Moon Jae-in"]),
                "Mr. Moon Jae-in",
                PRESIDENTS,
                Good,
                true,
            ),
            case(
                text(&["Kim Dae-jung"]),
                "President Kim Young-sam",
                PRESIDENTS,
                Again,
                false,
            ),
            case(
                text(&["Park Chung-hee"]),
                "President Park",
                PRESIDENTS,
                Again,
                false,
            ),
            case(
                text(&["Roh Tae-woo"]),
                "President Roh Moo-hyun",
                PRESIDENTS,
                Again,
                false,
            ),
            case(
                text(&["Sejong the Great"]),
                "King Sejong the Great",
                &[],
                Good,
                true,
            ),
            case(
                text(&["Sejong the Great"]),
                "King Sejong",
                &[],
                Again,
                false,
            ),
            case(
                dynasty(),
                "President Kim Il Sung, Chairman Kim Jong Il and Supreme Leader Kim Jong Un",
                &[],
                Good,
                true,
            ),
            case(
                dynasty(),
                "President Kim Il Sung, Chairman Kim Jong Il and Supreme Leader Kim Yo Jong",
                &[],
                Again,
                false,
            ),
            // A country in an answer is any of its names; another country is wrong.
            case(nuclear(), "2006 DPRK nuclear test", &[], Good, true),
            case(
                nuclear(),
                "2006 South Korean nuclear test",
                &[],
                Again,
                false,
            ),
            case(nuclear(), "2006 nuclear test", &[], Again, false),
            case(
                nuclear(),
                "2009 North Korean nuclear test",
                &[],
                Again,
                false,
            ),
            case(nuclear(), "2006 Chinese nuclear test", &[], Again, false),
            // Dates at day precision.
            case(war(), "25 June 1950", &[], Good, true),
            case(war(), "25 Jun 1950", &[], Good, true),
            case(war(), "June 25 1950", &[], Good, true),
            case(war(), "June 25, 1950", &[], Good, true),
            case(war(), "25th June 1950", &[], Good, true),
            case(war(), "1950-06-25", &[], Good, true),
            case(war(), "1950/06/25", &[], Good, true),
            case(war(), "25/6/1950", &[], Good, true),
            case(war(), "6/25/1950", &[], Good, true),
            case(war(), "  25 JUNE 1950.  ", &[], Good, true),
            case(war(), "1950", &[], Hard, false),
            case(war(), "June 1950", &[], Hard, false),
            case(war(), "1950-06", &[], Hard, false),
            case(war(), "6/1950", &[], Hard, false),
            case(war(), "25 July 1950", &[], Hard, false),
            case(war(), "July 1950", &[], Hard, false),
            case(war(), "24 June 1950", &[], Hard, false),
            case(war(), "25 June 1951", &[], Again, false),
            case(war(), "25 June 1948", &[], Again, false),
            case(war(), "1940", &[], Again, false),
            case(war(), "'50", &[], Again, false),
            case(war(), "50", &[], Again, false),
            case(war(), "25/6/50", &[], Again, false),
            case(war(), "5/6/1950", &[], Again, false),
            case(war(), "Korean War", &[], Again, false),
            case(war(), "", &[], Again, false),
            case(summit(), "27/4/2018", &[], Good, true),
            case(summit(), "4/27/2018", &[], Good, true),
            case(summit(), "April 27, 2018", &[], Good, true),
            case(summit(), "27 April '18", &[], Again, false),
            case(summit(), "31 April 2018", &[], Again, false),
            case(summit(), "2018", &[], Hard, false),
            case(summit(), "2016", &[], Again, false),
            case(date("2018-04-04"), "4/4/2018", &[], Good, true),
            case(date("2018-04-05"), "5/4/2018", &[], Again, false),
            // Dates at year and month precision.
            case(date("1950"), "1950", &[], Good, true),
            case(date("1950"), "1950-06-25", &[], Good, true),
            case(date("1950"), "25 June 1950", &[], Good, true),
            case(date("1950"), "June 1950", &[], Good, true),
            case(date("1950"), "1951", &[], Again, false),
            case(date("1950-06"), "June 1950", &[], Good, true),
            case(date("1950-06"), "Jun 1950", &[], Good, true),
            case(date("1950-06"), "6/1950", &[], Good, true),
            case(date("1950-06"), "1950-06-25", &[], Good, true),
            case(date("1950-06"), "1950-07-01", &[], Hard, false),
            case(date("1950-06"), "1950", &[], Hard, false),
        ]
    }

    #[test]
    fn table() {
        let cases = cases();
        assert!(cases.len() >= 80, "only {} cases", cases.len());
        let failures: Vec<String> = cases
            .iter()
            .filter_map(|c| {
                let verdict = check(&c.expected, c.typed, &strings(c.confusables));
                (verdict.grade != c.grade || verdict.correct != c.correct).then(|| {
                    format!(
                        "{:?} typed {:?} with {:?}: expected {:?}/{}, got {verdict:?}",
                        c.expected, c.typed, c.confusables, c.grade, c.correct
                    )
                })
            })
            .collect();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    fn feedback(expected: &Expected, typed: &str, confusables: &[&str]) -> String {
        check(expected, typed, &strings(confusables))
            .feedback
            .unwrap_or_default()
    }

    #[test]
    fn feedback_explains() {
        let dynasty = names(&[&["Kim Il Sung"], &["Kim Jong Il"], &["Kim Jong Un"]]);
        let war = date("1950-06-25");
        let cases = [
            (text(&["Kim Il Sung"]), "", "no answer"),
            (
                text(&["Kim Dae-jung"]),
                "Kim Dae-jang",
                "typo: `Kim Dae-jang` is spelt `Kim Dae-jung`",
            ),
            (
                text(&["Kim Jong Un"]),
                "Kim Jong Il",
                "`Kim Jong Il` is a different answer",
            ),
            (
                text(&["Kim Jong Il"]),
                "Kim Jong Ul",
                "too close to `Kim Jong Un` to count as a typo",
            ),
            (text(&["Kim Il Sung"]), "Kim Il", "only part of the answer"),
            (
                text(&["Panmunjom"]),
                "Panmunjom Declaration",
                "more than the answer",
            ),
            (
                dynasty.clone(),
                "Kim Il Sung, Kim Jong Il",
                "2 of 3 named: missing `Kim Jong Un`",
            ),
            (
                dynasty.clone(),
                "Kim Il Sung",
                "1 of 3 named: missing `Kim Jong Il` and `Kim Jong Un`",
            ),
            (
                dynasty.clone(),
                "Kim Il Sung, Kim Jong Il, Kim Jong Un, Park Chung-hee",
                "`Park Chung-hee` is not one of them",
            ),
            (
                dynasty.clone(),
                "Kim Il Sung, Kim Jong Il, Kim Il",
                "2 of 3 named: missing `Kim Jong Un`; `Kim Il` is not one of them",
            ),
            (
                dynasty.clone(),
                "Kim Il Sang, Kim Jong Ill, Kim Jong Un",
                "typos: `Kim Il Sang` is spelt `Kim Il Sung`, `Kim Jong Ill` is spelt `Kim Jong Il`",
            ),
            (
                war.clone(),
                "1950",
                "right year; the full date is 25 June 1950",
            ),
            (
                war.clone(),
                "June 1950",
                "right month; the full date is 25 June 1950",
            ),
            (
                war.clone(),
                "25 July 1950",
                "right year, wrong month: it was 25 June 1950",
            ),
            (
                war.clone(),
                "24 June 1950",
                "right month, wrong day: it was 25 June 1950",
            ),
            (war.clone(), "25 June 1948", "close: 2 years early"),
            (war.clone(), "1951", "close: 1 year late"),
            (war.clone(), "1066", "it was 25 June 1950"),
            (
                war.clone(),
                "'50",
                "could not read a date: write the year in full, e.g. 2018",
            ),
        ];
        for (expected, typed, wanted) in cases {
            assert_eq!(feedback(&expected, typed, KIMS), wanted, "{typed}");
        }
        assert!(feedback(&war, "5/6/1950", &[]).contains("ambiguous"));
    }

    #[test]
    fn an_unreadable_date_is_asked_again_never_graded() {
        let war = date("1950-06-25");
        for typed in [
            "9/10/1950",
            "summer 1950",
            "'50",
            "50",
            "25 June",
            "June",
            "31 June 1950",
            "Korean War",
            "1950 1951",
            "25/6/50",
        ] {
            let hint = unreadable(&war, typed).unwrap_or_default();
            assert!(
                hint.contains("25 June 1950, June 25 1950"),
                "{typed}: {hint}"
            );
        }
        for typed in [
            "",
            "  ",
            "1950",
            "25 June 1950",
            "6/1950",
            "25/6/1950",
            "1066",
        ] {
            assert_eq!(unreadable(&war, typed), None, "{typed}");
        }
        assert_eq!(unreadable(&text(&["Kim Il Sung"]), "summer 1950"), None);
    }

    #[test]
    fn exam_points_come_from_the_review_verdict() {
        let war = date("1950-06-25");
        for (typed, grade, points) in [
            ("25 June 1950", Good, 1.0),
            ("1950", Hard, 0.5),
            ("June 1950", Hard, 0.5),
            ("24 June 1950", Hard, 0.5),
            ("1951", Again, 0.0),
        ] {
            let verdict = check(&war, typed, &[]);
            assert_eq!(
                (verdict.grade, verdict.points()),
                (grade, points),
                "{typed}"
            );
        }
        // A typo is right: Hard in review, full marks in exam.
        let typo = check(&text(&["Kim Dae-jung"]), "Kim Dae-jang", &[]);
        assert_eq!((typo.grade, typo.points()), (Hard, 1.0));
    }

    #[test]
    fn normalisation() {
        assert_eq!(normalize("Kim Jong-un"), "kimjongun");
        assert_eq!(normalize("kim jong un"), normalize("Kim Jongun"));
        assert_eq!(normalize("  The Korean   War! "), "koreanwar");
        assert_eq!(normalize("The"), "the");
        assert_eq!(normalize("Chosŏn"), "choson");
        assert_eq!(normalize("Pétain"), "petain");
        assert_eq!(normalize("O’Brien"), normalize("o'brien"));
        assert_eq!(normalize("ＫＩＭ"), "kim");
        assert_eq!(normalize("İstanbul ℂity"), "istanbulcity");
        assert_eq!(normalize(" ...  "), "");
    }

    #[test]
    fn presidents_are_never_taken_for_each_other() {
        let mut people: Vec<&str> = PRESIDENTS.to_vec();
        people.extend(KIMS);
        people.extend(["Kim Il", "Yun Bo-seon", "Choi Kyu-hah", "Yoon Suk-yeol"]);
        for a in &people {
            for b in &people {
                if a == b {
                    continue;
                }
                for confusables in [vec![], strings(&people)] {
                    let verdict = check(&text(&[a]), b, &confusables);
                    assert_eq!(verdict.grade, Again, "{b} accepted for {a}");
                }
            }
        }
    }

    fn alternative() -> impl Strategy<Value = String> {
        "[A-Za-z][A-Za-z \\-']{0,30}"
    }

    fn no_and(name: &str) -> bool {
        !name
            .split_whitespace()
            .any(|word| word.eq_ignore_ascii_case("and"))
    }

    proptest! {
        /// What [`words`] takes for granted of ASCII text, which it reads directly.
        #[test]
        fn ascii_reads_the_same_decomposed(s in "[\\x00-\\x7f]{0,40}") {
            let decomposed: String = s
                .nfkd()
                .flat_map(char::to_lowercase)
                .filter(|c| !is_combining_mark(*c))
                .collect();
            let direct: String = s.chars().map(|c| c.to_ascii_lowercase()).collect();
            prop_assert_eq!(decomposed, direct);
        }
    }

    proptest! {
        #[test]
        fn check_never_panics(
            typed in any::<String>(),
            alternatives in proptest::collection::vec(any::<String>(), 0..4),
            confusables in proptest::collection::vec(any::<String>(), 0..4),
            year in any::<i32>(),
        ) {
            let people = vec![alternatives.clone(), confusables.clone()];
            for expected in [
                Expected::Text(alternatives.clone()),
                Expected::Names(people),
                Expected::Date(HistDate::year(year)),
            ] {
                let verdict = check(&expected, &typed, &confusables);
                prop_assert!(verdict.grade != Grade::Easy);
            }
        }

        #[test]
        fn date_check_never_panics(typed in "[0-9A-Za-z /,.'-]{0,24}", year in 1000..=2999i32) {
            let fact = HistDate::day(year, 6, 25).unwrap_or(HistDate::year(year));
            check(&Expected::Date(fact), &typed, &[]);
        }

        #[test]
        fn every_alternative_is_good(
            alternatives in proptest::collection::vec(alternative(), 1..5),
            pick in any::<proptest::sample::Index>(),
        ) {
            let typed = pick.get(&alternatives).clone();
            let verdict = check(&Expected::Text(alternatives), &typed, &[]);
            prop_assert_eq!(verdict, Verdict::good());
        }

        #[test]
        fn every_list_of_names_is_good(
            people in proptest::collection::vec(
                proptest::collection::vec(alternative().prop_filter("no `and`", |name| no_and(name)), 1..4),
                1..5,
            ),
            picks in proptest::collection::vec(any::<proptest::sample::Index>(), 5),
            order in Just((0..5).collect::<Vec<usize>>()).prop_shuffle(),
        ) {
            let chosen: Vec<&str> = order
                .iter()
                .filter(|&&i| i < people.len())
                .map(|&i| picks[i].get(&people[i]).as_str())
                .collect();
            let verdict = check(&Expected::Names(people.clone()), &chosen.join(", "), &[]);
            prop_assert_eq!(verdict, Verdict::good());
        }
    }
}

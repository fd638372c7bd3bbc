//! Date expressions in a sentence, and resolving the relative ones against an earlier date or
//! against the day the text was written.
use std::ops::Range;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::text::{Kind, Token, title_case, tokens};
use crate::date::{HistDate, Precision};

/// What a date expression says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum When {
    /// A date with its year, and the end of a span if it has one.
    Date(HistDate, Option<HistDate>),
    /// A month, or a day and month, without the year (`On 13 June`, `In September`,
    /// `From 4 to 7 September`, `New Year's Day`): the year comes from the date before it, or,
    /// in a text with a date of its own, from that date unless its paragraph gives one. A
    /// weekday given with it (`Tuesday, July 27`) must fall on it.
    Partial {
        month: u32,
        day: Option<u32>,
        until_day: Option<u32>,
        weekday: Option<Weekday>,
    },
    /// Two days and months without the year, in different months (`between February 26 and
    /// April 2`): the year comes as for `Partial`, and the end is in that year or the next.
    PartialSpan {
        month: u32,
        day: u32,
        until_month: u32,
        until_day: u32,
    },
    /// `the next day`, `later that day`, `a day later`, `two days later`: days after the date
    /// before it.
    Days(i64),
    /// `the following month`.
    Months(i32),
    /// `the following year`, `later that year`.
    Years(i32),
    /// A month (and day) in a year counted from the date before it: `In April of that year` (0),
    /// `in March the following year` (1).
    InYearOf {
        month: u32,
        day: Option<u32>,
        years: i32,
    },
    /// Counted from the day the text was written: `last year`, `on Tuesday`.
    Own(Own),
    /// A date the deck cannot use, and why.
    Unusable(&'static str),
}

/// A date counted from the day the text was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Own {
    /// `this year` (0), `last year` (-1).
    Year(i32),
    /// `this month` (0), `last month` (-1).
    Month(i32),
    /// `today` (0), `yesterday` (-1).
    Day(i64),
    /// `last April`: the latest April before the text's month.
    LastMonth(u32),
    /// `on Tuesday`, `this Tuesday`: the latest Tuesday on or before the text's day;
    /// `last Tuesday` (`strictly`): before it.
    Weekday { day: Weekday, strictly: bool },
    /// `June 30 last year`, `in January this year`: a month (and day) of a year counted from the
    /// text's.
    InYear {
        month: u32,
        day: Option<u32>,
        years: i32,
    },
}

/// A date expression found in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub when: When,
    /// The date's own words, as byte range of the sentence: `2 September 1945`.
    pub words: Range<usize>,
    /// With its preposition and qualifiers: `in the first week of August 2015`.
    pub phrase: Range<usize>,
    /// Words inside it that are not the date's, with the preposition of its year: `speech in`
    /// in `New Year's Day speech in 2018`.
    pub gap: Option<Range<usize>>,
    /// The preposition before it, lowercase: `in`, `on`, `from`, `until`, ...
    pub prep: Option<String>,
    /// It qualifies a noun (`the 2018 Winter Olympics`, `a December 2023 incident`).
    pub attributive: bool,
    /// It qualifies the noun of the phrase that opens the sentence after a preposition
    /// (`During a New Year's Day speech, Kim said`): it dates the sentence all the same.
    pub opens: bool,
    /// It is written into a name (`the May 18th ... Meeting`, `15 June Joint Declaration`, `the
    /// 2018 Winter Olympics`).
    pub named: bool,
}

impl When {
    /// A month, or a day and month, without the year.
    pub const fn on(month: u32, day: Option<u32>) -> When {
        When::Partial {
            month,
            day,
            until_day: None,
            weekday: None,
        }
    }
}

impl Mention {
    pub fn usable(&self) -> bool {
        !matches!(self.when, When::Unusable(_))
    }
}

pub const DECADE: &str = "a decade (a deck date is a year, a month or a day)";
pub const LIST: &str = "one of a list of years";
pub const FIRST_SINCE: &str = "`the first ... since`: not when it happened";
pub const BOUND: &str = "only a bound (before, after, by)";
pub const PLAN: &str = "a plan, not a happening";
pub const OWN_DATE: &str =
    "counts from the day the text was written, which it does not give (give it with --dated)";
pub const OWN_VAGUE: &str =
    "counts from the day the text was written, which is not known precisely enough";
pub const NO_CONTEXT: &str = "no earlier date in the section to count from";
pub const NO_YEAR: &str =
    "no year: no earlier date in the section, and no date of the text (give it with --dated)";
pub const NOT_A_DAY: &str = "not a day of the calendar in that year";
pub const WEEKDAY: &str = "the weekday given does not fall on that date";
pub const WEEK: &str = "a week (a deck date is a year, a month or a day)";
pub const OPEN_SPAN: &str = "a span to the present, not one happening";
pub const NAME: &str = "part of a name";
pub const TITLE: &str = "in a title or caption, not a sentence";
pub const SEASON: &str = "a season without its year";
pub const OUT_OF_RANGE: &str = "falls outside the years 0 to 9999 a deck can hold";
pub const COVERAGE: &str = "the period a document covers, not a happening";
pub const CITATION: &str = "in a reference to a publication (`vol.`, `pp.`), not a happening";
pub const PAPERWORK: &str = "a note on the document's own handling (`Drafted by ...`)";

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// Words that may follow a weekday: `Tuesday morning, July 27`.
const PARTS_OF_DAY: [&str; 4] = ["morning", "afternoon", "evening", "night"];

/// Prepositions a date phrase may start with.
const PREPOSITIONS: [&str; 20] = [
    "in",
    "on",
    "by",
    "during",
    "from",
    "since",
    "until",
    "till",
    "through",
    "between",
    "around",
    "circa",
    "for",
    "at",
    "of",
    "before",
    "after",
    "to",
    "into",
    "throughout",
];

const DETERMINERS: [&str; 13] = [
    "the", "a", "an", "this", "that", "its", "his", "her", "their", "our", "whose", "each", "every",
];

fn month(t: &Token) -> Option<u32> {
    if t.kind != Kind::Word || !t.is_capitalized() {
        return None;
    }
    let lower = t.lower();
    let lower = lower.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| {
            *m == lower
                || (lower.len() >= 3
                    && (m.starts_with(lower) && (lower.len() == 3 || lower == "sept")))
        })
        .map(|i| i as u32 + 1)
}

fn weekday(t: &Token) -> Option<Weekday> {
    if t.kind != Kind::Word || !t.is_capitalized() {
        return None;
    }
    let lower = t.lower();
    WEEKDAYS
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|(_, day)| *day)
}

fn day(t: &Token) -> Option<u32> {
    let digits = match t.kind {
        Kind::Number => t.text,
        Kind::Mixed => t
            .text
            .strip_suffix("st")
            .or_else(|| t.text.strip_suffix("nd"))
            .or_else(|| t.text.strip_suffix("rd"))
            .or_else(|| t.text.strip_suffix("th"))?,
        _ => return None,
    };
    if digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year(t: &Token) -> Option<i32> {
    if t.kind != Kind::Number || t.text.len() != 4 {
        return None;
    }
    t.text.parse().ok().filter(|y| (1000..=2100).contains(y))
}

/// The end of a span written with its last two digits (`1950–53`, `1999–01`): the first year
/// after `start` that ends in them.
fn short_year(t: &Token, start: i32) -> Option<i32> {
    if t.kind != Kind::Number || t.text.len() != 2 {
        return None;
    }
    let digits: i32 = t.text.parse().ok()?;
    let year = start - start.rem_euclid(100) + digits;
    Some(if year > start { year } else { year + 100 })
}

fn is_dash(t: Option<&Token>) -> bool {
    t.is_some_and(|t| matches!(t.text, "–" | "-" | "—") || t.is("to"))
}

fn is_comma(t: Option<&Token>) -> bool {
    t.is_some_and(|t| t.text == ",")
}

/// Finds every date expression in a sentence.
pub fn find(sentence: &str) -> Vec<Mention> {
    let toks = without_old_style(tokens(sentence));
    let mut mentions = scan(sentence, &toks);
    // `the spirit of 15 June Joint Declaration`: a day and month written into a name refer to
    // the named thing, dated where it is told.
    for m in &mut mentions {
        if m.named && matches!(m.when, When::Partial { .. }) {
            m.when = When::Unusable(NAME);
        }
    }
    mark_lists(&toks, &mut mentions);
    mark_name_lists(sentence, &toks, &mut mentions);
    mark_bounds(&toks, &mut mentions);
    mark_coverage(&toks, &mut mentions);
    mark_name_years(&toks, &mut mentions);
    mark_notes(&toks, &mut mentions);
    mentions
}

/// Past participles that open an archive's note on a document's own handling: `Prepared by
/// Gleason on March 23.`, `Received at 5:40 p.m.`, `Repeated to Vienna.`
const PAPERWORK_VERBS: [&str; 12] = [
    "prepared",
    "drafted",
    "approved",
    "received",
    "initialed",
    "initialled",
    "transmitted",
    "repeated",
    "pouched",
    "forwarded",
    "cleared",
    "typed",
];

/// A reference to a publication (`Continued from Foreign Relations, 1952–1954, vol. VIII, pp. 954
/// ff.`) and a note on how a document was handled date no happening.
fn mark_notes(t: &[Token], mentions: &mut [Mention]) {
    let citation = t
        .windows(2)
        .any(|w| matches!(w[0].text, "vol" | "Vol" | "pp" | "Vols" | "vols") && w[1].text == ".");
    let paperwork = t
        .first()
        .is_some_and(|x| PAPERWORK_VERBS.contains(&x.lower().as_str()))
        && t.get(1)
            .is_some_and(|x| matches!(x.lower().as_str(), "by" | "at" | "on" | "to" | "in"));
    let reason = match (citation, paperwork) {
        (true, _) => CITATION,
        (_, true) => PAPERWORK,
        _ => return,
    };
    for m in mentions.iter_mut().filter(|m| m.usable()) {
        m.when = When::Unusable(reason);
    }
}

/// `the Battle of Warsaw (1920)`, `The Russian Revolution of 1905, ... which began on 22 January
/// 1905`: the year written after a name, beside a more precise date of the same year in the
/// sentence, names the thing that date tells of; it is not a second happening.
fn mark_name_years(t: &[Token], mentions: &mut [Mention]) {
    let precise: Vec<HistDate> = mentions
        .iter()
        .flat_map(|m| match m.when {
            When::Date(d, None) if d.precision() > Precision::Year => vec![d],
            When::Date(d, Some(e)) => vec![d, e],
            _ => vec![],
        })
        .collect();
    for m in mentions.iter_mut() {
        let When::Date(d, None) = m.when else {
            continue;
        };
        if d.precision() != Precision::Year || !precise.iter().any(|p| p.get_year() == d.get_year())
        {
            continue;
        }
        // `The war (April 21 – August 13, 1898) was fought ... in 1898`: the year restates it.
        let restates = !precise.is_empty();
        if restates {
            m.when = When::Unusable(NAME);
            continue;
        }
        let Some(k) = t.iter().position(|x| x.range.start == m.words.start) else {
            continue;
        };
        let before = |n: usize| k.checked_sub(n).and_then(|i| t.get(i));
        let of_name =
            before(1).is_some_and(|x| x.is("of")) && before(2).is_some_and(Token::is_capitalized);
        let in_brackets = before(1).is_some_and(|x| x.text == "(")
            && t.get(k + 1).is_some_and(|x| x.text == ")")
            && before(2).is_some_and(Token::is_capitalized);
        if of_name || in_brackets {
            m.when = When::Unusable(NAME);
        }
    }
}

/// The tokens without a calendar note in brackets (`9 February [O.S. 27 January] 1904`,
/// `(N.S. 6 May)`): the date is read as written around it, in the calendar of the text.
fn without_old_style(toks: Vec<Token<'_>>) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let opens = matches!(toks[i].text, "[" | "(");
        let note = opens
            && toks
                .get(i + 1)
                .is_some_and(|x| matches!(x.text, "O.S" | "N.S"));
        let close = if toks[i].text == "[" { "]" } else { ")" };
        match toks[i..].iter().position(|x| x.text == close) {
            Some(len) if note => i += len + 1,
            _ => {
                out.push(toks[i].clone());
                i += 1;
            }
        }
    }
    out
}

/// The date expressions of a title (a document's, a list entry's, a caption). A date written
/// into a name in it dates the named thing (`Contents of the May 18th ... Meeting`, `Report on
/// the 1972 Joint Communiqué`); any other (`Journal ... for 8 December 1960`, `Relations after
/// the War, 1954-1961`) is the document's date or the period it is about, not a happening.
pub fn find_in_title(title: &str) -> Vec<Mention> {
    let toks = tokens(title);
    let mut mentions = scan(title, &toks);
    let last = mentions.len().checked_sub(1);
    for (k, m) in mentions.iter_mut().enumerate() {
        if !m.named && m.usable() && !(Some(k) == last && place_and_day(&toks, m)) {
            m.when = When::Unusable(TITLE);
        }
    }
    mentions
}

/// A catalogue's title that ends with where and when the document was written (`Memorandum of
/// Discussion at the 280th Meeting of the National Security Council, Washington, March 22,
/// 1956`, `Letter, Lee to Davis, Richmond, 5 May 1862, 11 a.m.`): that day dates what the
/// document records.
fn place_and_day(t: &[Token], m: &Mention) -> bool {
    let day = matches!(&m.when, When::Date(d, None) if d.precision() == Precision::Day);
    let Some(at) = t.iter().position(|x| x.range.start == m.words.start) else {
        return false;
    };
    // `, Washington,` before it; nothing after it but a time of day.
    let place = at >= 3
        && t[at - 1].text == ","
        && t[at - 2].is_capitalized()
        && t[..at - 2].iter().rev().take(3).any(|x| x.text == ",");
    let rest_is_time = t.iter().filter(|x| x.range.start >= m.words.end).all(|x| {
        x.kind != Kind::Word || matches!(x.lower().as_str(), "a.m" | "p.m" | "noon" | "midnight")
    });
    day && place && rest_is_time
}

/// Every date expression of a sentence, spans joined.
fn scan(sentence: &str, toks: &[Token]) -> Vec<Mention> {
    let mut mentions: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match match_at(toks, i) {
            Some((len, when, gap)) => {
                mentions.push(mention(toks, i..i + len, when, gap));
                i += len;
            }
            None => i += 1,
        }
    }
    join_spans(sentence, &mut mentions);
    mentions
}

/// The date starting at token `i`: how many tokens it takes, what it says, and the tokens inside
/// it that are not the date's (`speech in` in `New Year's Day speech in 2018`). A month (and
/// day) takes the year written after it (`April of 1950`, `Christmas Day in 1914`, `New Year's
/// Day speech in 2018`), or counted from the text's date (`June 30 last year`) or from the date
/// before (`April of that year`).
fn match_at(t: &[Token], i: usize) -> Option<(usize, When, Option<Range<usize>>)> {
    let (len, when) = date_at(t, i)?;
    if let When::Partial {
        month,
        day,
        until_day: None,
        weekday: None,
    } = when
    {
        if let Some((more, years)) = own_year_at(t, i + len) {
            return Some((
                len + more,
                When::Own(Own::InYear { month, day, years }),
                None,
            ));
        }
        if let Some((more, years)) = that_year_at(t, i + len) {
            return Some((len + more, When::InYearOf { month, day, years }, None));
        }
        let holiday = holiday_at(t, i).is_some();
        if let Some((more, y, gap)) = year_of_day_at(t, i + len, day.is_some(), holiday)
            && let Some(date) = month_day(y, month, day)
        {
            return Some((len + more, When::Date(date, None), gap));
        }
    }
    Some((len, when, None))
}

/// The most words between a day and the year it is in: `New Year's Day speech in 2018`.
const MAX_GAP: usize = 2;

/// Words that may stand between a day and its year: the noun it dates (`speech`, `truce`), not
/// a verb, a pronoun or a conjunction.
fn gap_word(t: &Token) -> bool {
    const NOT: [&str; 24] = [
        "and", "or", "but", "was", "were", "is", "are", "had", "has", "have", "when", "which",
        "that", "who", "to", "the", "a", "an", "he", "she", "it", "they", "at", "by",
    ];
    t.kind == Kind::Word
        && !t.is_capitalized()
        && !t.text.ends_with("ed")
        && !NOT.contains(&t.lower().as_str())
}

/// The year after a month or day at token `k`: `of 1950`, `in 1950`; after a day, also past a
/// noun or two (`speech in 2018`); after a holiday, also on its own (`Christmas Day 1914`).
/// How many tokens, the year, and the tokens between the day and the year.
fn year_of_day_at(
    t: &[Token],
    k: usize,
    day: bool,
    holiday: bool,
) -> Option<(usize, i32, Option<Range<usize>>)> {
    if holiday {
        let comma = usize::from(is_comma(t.get(k)));
        if let Some(y) = t.get(k + comma).and_then(year) {
            return Some((comma + 1, y, None));
        }
    }
    let most = if day { MAX_GAP } else { 0 };
    (0..=most).find_map(|gap| {
        let nouns = t.get(k..k + gap)?.iter().all(gap_word);
        let prep = t.get(k + gap).is_some_and(|x| x.is("in") || x.is("of"));
        let y = t.get(k + gap + 1).and_then(year)?;
        (nouns && prep).then(|| (gap + 2, y, (gap > 0).then(|| k..k + gap + 1)))
    })
}

/// Days of the year known by name, on the same date every year.
const HOLIDAYS: [(&[&str], u32, u32); 10] = [
    (&["new", "year's", "day"], 1, 1),
    (&["new", "year's", "eve"], 12, 31),
    (&["valentine's", "day"], 2, 14),
    (&["may", "day"], 5, 1),
    (&["bastille", "day"], 7, 14),
    (&["halloween"], 10, 31),
    (&["armistice", "day"], 11, 11),
    (&["christmas", "eve"], 12, 24),
    (&["christmas", "day"], 12, 25),
    (&["boxing", "day"], 12, 26),
];

/// A holiday at token `i` (`New Year's Day`, `Christmas Eve`): how many tokens, month and day.
fn holiday_at(t: &[Token], i: usize) -> Option<(usize, u32, u32)> {
    HOLIDAYS.iter().find_map(|(words, month, day)| {
        let here = words.iter().enumerate().all(|(k, w)| {
            t.get(i + k).is_some_and(|x| {
                x.is_capitalized() && x.text.replace('’', "'").eq_ignore_ascii_case(w)
            })
        });
        here.then_some((words.len(), *month, *day))
    })
}

/// A year counted from the date before: `of that year`, `the following year`, `of the year
/// before` at token `k`: how many tokens and how many years on.
fn that_year_at(t: &[Token], k: usize) -> Option<(usize, i32)> {
    const YEARS: [(&[&str], i32); 8] = [
        (&["that", "year"], 0),
        (&["that", "same", "year"], 0),
        (&["the", "same", "year"], 0),
        (&["the", "following", "year"], 1),
        (&["the", "next", "year"], 1),
        (&["the", "previous", "year"], -1),
        (&["the", "year", "before"], -1),
        (&["the", "year", "after"], 1),
    ];
    let of = usize::from(t.get(k).is_some_and(|x| x.is("of") || x.is("in")));
    YEARS.iter().find_map(|(words, years)| {
        let len = words_at(t, k + of, words)?;
        Some((of + len, *years))
    })
}

/// How many tokens `words` take at token `k`, if they are there; `the year before` and `the day
/// after` count only when nothing follows that they could be before or after (`the year before
/// the war` counts from the war).
fn words_at(t: &[Token], k: usize, words: &[&str]) -> Option<usize> {
    let here = words
        .iter()
        .enumerate()
        .all(|(n, w)| t.get(k + n).is_some_and(|tok| tok.is(w)));
    let open = matches!(words.last(), Some(&("before" | "after")));
    let next = t.get(k + words.len());
    let ends = next.is_none_or(|x| x.kind == Kind::Punct || x.is("and") || x.is("but"));
    (here && (!open || ends)).then_some(words.len())
}

/// `last year`, `this year` or `of last year` at token `k`: how many tokens and which year.
fn own_year_at(t: &[Token], k: usize) -> Option<(usize, i32)> {
    let of = usize::from(t.get(k).is_some_and(|x| x.is("of")));
    let years = match t.get(k + of)?.lower().as_str() {
        "last" => -1,
        "this" => 0,
        _ => return None,
    };
    t.get(k + of + 1)
        .is_some_and(|x| x.is("year"))
        .then_some((of + 2, years))
}

/// The date starting at token `i`: how many tokens it takes and what it says.
fn date_at(t: &[Token], i: usize) -> Option<(usize, When)> {
    let at = |k: usize| t.get(i + k);
    let day_at = |k| at(k).and_then(day);
    let month_at = |k| at(k).and_then(month);
    let year_at = |k| at(k).and_then(year);
    let full = |y, m, d| HistDate::day(y, m, d).map(|date| When::Date(date, None));

    // New Year's Day, May Day (before the month May)
    if let Some((len, m, d)) = holiday_at(t, i) {
        return Some((len, When::on(m, Some(d))));
    }

    // 4 to 7 September 1990
    if let (Some(d1), true, Some(d2), Some(m)) = (day_at(0), is_dash(at(1)), day_at(2), month_at(3))
    {
        return Some(match year_at(4) {
            Some(y) => (
                5,
                When::Date(HistDate::day(y, m, d1)?, Some(HistDate::day(y, m, d2)?)),
            ),
            None => (
                4,
                When::Partial {
                    month: m,
                    day: Some(d1),
                    until_day: Some(d2),
                    weekday: None,
                },
            ),
        });
    }
    // between 12 and 25 August 1920
    let between = i.checked_sub(1).is_some_and(|p| t[p].is("between"));
    if let (true, Some(d1), true, Some(d2), Some(m), Some(y)) = (
        between,
        day_at(0),
        at(1).is_some_and(|x| x.is("and")),
        day_at(2),
        month_at(3),
        year_at(4),
    ) {
        return Some((
            5,
            When::Date(HistDate::day(y, m, d1)?, Some(HistDate::day(y, m, d2)?)),
        ));
    }
    // the 4th of July 1972, the twenty-fifth of June
    let ordinal = at(0).and_then(|x| match x.kind {
        Kind::Mixed => day(x),
        _ => written_ordinal(x),
    });
    if let (Some(d), true, Some(m)) = (ordinal, at(1).is_some_and(|x| x.is("of")), month_at(2)) {
        let comma = usize::from(is_comma(at(3)));
        return Some(match year_at(3 + comma) {
            Some(y) => (4 + comma, full(y, m, d)?),
            None => (3, When::on(m, Some(d))),
        });
    }
    // 2 September 1945, 13 June
    if let (Some(d), Some(m)) = (day_at(0), month_at(1)) {
        let comma = usize::from(is_comma(at(2)));
        return Some(match year_at(2 + comma) {
            Some(y) => (3 + comma, full(y, m, d)?),
            None => (2, When::on(m, Some(d))),
        });
    }
    if let Some(m) = month_at(0) {
        // `Jan. 5`: the full stop of an abbreviation.
        let o = 1 + usize::from(
            t[i].text.len() <= 4 && at(1).is_some_and(|x| x.text == ".") && day_at(2).is_some(),
        );
        // December 08, 1960; July 27
        // (not `June 12:30`, a time)
        let time = at(o + 1).is_some_and(|n| n.text == ":")
            && at(o + 2).is_some_and(|n| n.kind == Kind::Number);
        if let Some(d) = day_at(o).filter(|_| !time) {
            let comma = usize::from(is_comma(at(o + 1)));
            return Some(match year_at(o + 1 + comma) {
                Some(y) => (o + 2 + comma, full(y, m, d)?),
                None => (o + 1, When::on(m, Some(d))),
            });
        }
        // January–September 2013, December to February 1951 (from December 1950)
        if let (true, Some(m2), Some(y)) = (is_dash(at(1)), month_at(2), year_at(3)) {
            let start = HistDate::month(y - i32::from(m2 < m), m)?;
            return Some((4, When::Date(start, Some(HistDate::month(y, m2)?))));
        }
        // April 2018, and the older `August, 1918`
        if let Some(y) = year_at(1) {
            return Some((2, When::Date(HistDate::month(y, m)?, None)));
        }
        if let (true, Some(y)) = (is_comma(at(1)), year_at(2)) {
            return Some((3, When::Date(HistDate::month(y, m)?, None)));
        }
        // In September (only after a preposition or a qualifier)
        let prev = i.checked_sub(1).map(|p| t[p].lower());
        let after_prep = prev.as_deref().is_some_and(|p| {
            PREPOSITIONS.contains(&p) || matches!(p, "early" | "late" | "mid" | "-")
        });
        if after_prep {
            return Some((1, When::on(m, None)));
        }
        return None;
    }
    if let Some(y) = year_at(0) {
        if designator_before(t, i) || counts(at(1)) {
            return None;
        }
        // from 1953 to the present
        if at(1).is_some_and(|x| x.is("to")) {
            let the = usize::from(at(2).is_some_and(|x| x.is("the")));
            if at(2 + the).is_some_and(|x| x.is("present")) {
                return Some((3 + the, When::Unusable(OPEN_SPAN)));
            }
        }
        // 2019–2020, 1954-1961, 1950–53
        if is_dash(at(1)) && at(1).is_some_and(|d| !d.is("to")) {
            let end = year_at(2).or_else(|| at(2).and_then(|x| short_year(x, y)));
            if let Some(y2) = end.filter(|y2| *y2 > y) {
                return Some((3, When::Date(HistDate::year(y), Some(HistDate::year(y2)))));
            }
            if at(2).is_some_and(|p| p.is("present")) {
                return Some((3, When::Date(HistDate::year(y), None)));
            }
        }
        return Some((1, When::Date(HistDate::year(y), None)));
    }
    let tok = at(0)?;
    if tok.kind == Kind::Mixed && is_decade(tok.text) {
        return Some((1, When::Unusable(DECADE)));
    }
    // mid-2018, mid-1990s
    if let Some(rest) = tok
        .text
        .strip_prefix("mid-")
        .or(tok.text.strip_prefix("Mid-"))
    {
        if is_decade(rest) {
            return Some((1, When::Unusable(DECADE)));
        }
        let y = rest.parse().ok().filter(|y| (1000..=2100).contains(y))?;
        return Some((1, When::Date(HistDate::year(y), None)));
    }
    if let Some(w) = weekday(tok) {
        return Some(weekday_at(t, i, w));
    }
    relative_at(t, i)
}

/// A weekday at token `i`: with the date after it (`Tuesday, July 27`, `Tuesday morning, 27 July
/// 2021`), which it must fall on; alone (`on Tuesday`), the latest such day on or before the day
/// the text was written.
fn weekday_at(t: &[Token], i: usize, w: Weekday) -> (usize, When) {
    let mut j = i + 1;
    if t.get(j)
        .is_some_and(|x| PARTS_OF_DAY.contains(&x.lower().as_str()))
    {
        j += 1;
    }
    let alone = j - i;
    j += usize::from(is_comma(t.get(j)));
    let dated = date_at(t, j).and_then(|(len, when)| match when {
        When::Date(d, None) if d.precision() == Precision::Day => {
            let when = if d.first_day().weekday() == w {
                When::Date(d, None)
            } else {
                When::Unusable(WEEKDAY)
            };
            Some((len, when))
        }
        When::Partial {
            month,
            day: Some(day),
            until_day: None,
            weekday: None,
        } => Some((
            len,
            When::Partial {
                month,
                day: Some(day),
                until_day: None,
                weekday: Some(w),
            },
        )),
        _ => None,
    });
    match dated {
        Some((len, when)) => (j - i + len, when),
        None => (
            alone,
            When::Own(Own::Weekday {
                day: w,
                strictly: false,
            }),
        ),
    }
}

/// `Resolution 2087`, `Flight 1987`: a number naming something, not a year.
fn designator_before(t: &[Token], i: usize) -> bool {
    let Some(prev) = i.checked_sub(1).map(|p| &t[p]) else {
        return false;
    };
    let lower = prev.lower();
    prev.kind == Kind::Word
        && prev.is_capitalized()
        && month(prev).is_none()
        && !PREPOSITIONS.contains(&lower.as_str())
        && !DETERMINERS.contains(&lower.as_str())
        && !matches!(
            lower.as_str(),
            "early"
                | "late"
                | "mid"
                | "starting"
                | "beginning"
                | "since"
                | "until"
                | "spring"
                | "summer"
                | "autumn"
                | "fall"
                | "winter"
        )
}

/// Plural nouns a number counts: `carrying to death 1153 persons` is not the year 1153.
const COUNTED: [&str; 24] = [
    "persons",
    "people",
    "men",
    "women",
    "children",
    "soldiers",
    "troops",
    "sailors",
    "civilians",
    "prisoners",
    "casualties",
    "deaths",
    "dead",
    "killed",
    "wounded",
    "ships",
    "vessels",
    "guns",
    "votes",
    "miles",
    "kilometres",
    "kilometers",
    "acres",
    "tons",
];

fn counts(next: Option<&Token>) -> bool {
    next.is_some_and(|x| x.kind == Kind::Word && COUNTED.contains(&x.text))
}

fn is_decade(s: &str) -> bool {
    let b = s.as_bytes();
    (b.len() == 5 || b.len() == 6 && b[4] == b'\'')
        && b[..3].iter().all(u8::is_ascii_digit)
        && b[3] == b'0'
        && b[b.len() - 1] == b's'
}

/// Relative words: `the next day`, `the following year`, `last year`, `last April`.
/// `first` to `thirty-first`, as a day of the month.
fn written_ordinal(t: &Token) -> Option<u32> {
    const UNITS: [&str; 9] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    ];
    const TEENS: [&str; 10] = [
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    let lower = t.lower();
    let (tens, rest) = match lower.split_once('-') {
        Some(("twenty", rest)) => (20, rest),
        Some(("thirty", rest)) => (30, rest),
        Some(_) => return None,
        None => (0, lower.as_str()),
    };
    let position = |words: &[&str]| words.iter().position(|w| *w == rest).map(|k| k as u32);
    let day = match (tens, rest) {
        (0, "twentieth") => 20,
        (0, "thirtieth") => 30,
        _ => match (position(&UNITS), position(&TEENS)) {
            (Some(k), _) => tens + k + 1,
            (None, Some(k)) if tens == 0 => k + 10,
            _ => return None,
        },
    };
    (day <= 31).then_some(day)
}

const SEASONS: [&str; 5] = ["spring", "summer", "autumn", "fall", "winter"];

/// `in the spring of that year` counts from the date before, to its year; `in the spring`, with
/// no year, is not used (`the summer of 1953` is the year's, found at the year).
fn season_at(t: &[Token], i: usize) -> Option<(usize, When)> {
    let the = usize::from(t[i].is("the"));
    let season = t.get(i + the)?;
    if !SEASONS.contains(&season.text) {
        return None;
    }
    if t.get(i + the + 1).is_some_and(|x| x.is("of")) {
        let (len, years) = that_year_at(t, i + the + 1)?;
        return Some((the + 1 + len, When::Years(years)));
    }
    let after_prep = i > 0 && PREPOSITIONS.contains(&t[i - 1].lower().as_str());
    let ends = t.get(i + the + 1).is_none_or(|x| {
        x.kind == Kind::Punct || DETERMINERS.contains(&x.lower().as_str()) || x.is("and")
    });
    (after_prep && ends).then_some((the + 1, When::Unusable(SEASON)))
}

const SMALL_NUMBERS: [&str; 9] = [
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

fn relative_at(t: &[Token], i: usize) -> Option<(usize, When)> {
    if let Some(found) = season_at(t, i) {
        return Some(found);
    }
    const PHRASES: &[(&[&str], When)] = &[
        (&["the", "next", "day"], When::Days(1)),
        (&["the", "following", "day"], When::Days(1)),
        (&["a", "day", "later"], When::Days(1)),
        (&["a", "day", "earlier"], When::Days(-1)),
        (&["the", "previous", "day"], When::Days(-1)),
        (&["later", "that", "day"], When::Days(0)),
        (&["that", "same", "day"], When::Days(0)),
        (&["the", "same", "day"], When::Days(0)),
        (&["earlier", "that", "day"], When::Days(0)),
        (&["earlier", "in", "the", "day"], When::Days(0)),
        (&["later", "in", "the", "day"], When::Days(0)),
        (&["that", "day"], When::Days(0)),
        (&["the", "day", "before"], When::Days(-1)),
        (&["the", "day", "after"], When::Days(1)),
        (&["the", "following", "month"], When::Months(1)),
        (&["the", "next", "month"], When::Months(1)),
        (&["a", "month", "later"], When::Months(1)),
        (&["a", "month", "earlier"], When::Months(-1)),
        (&["the", "previous", "month"], When::Months(-1)),
        (&["later", "that", "month"], When::Months(0)),
        (&["earlier", "that", "month"], When::Months(0)),
        (&["later", "in", "the", "month"], When::Months(0)),
        (&["earlier", "in", "the", "month"], When::Months(0)),
        (&["that", "same", "month"], When::Months(0)),
        (&["the", "same", "month"], When::Months(0)),
        (&["that", "month"], When::Months(0)),
        (&["the", "month", "before"], When::Months(-1)),
        (&["the", "month", "after"], When::Months(1)),
        (&["the", "following", "year"], When::Years(1)),
        (&["the", "next", "year"], When::Years(1)),
        (&["a", "year", "later"], When::Years(1)),
        (&["a", "year", "earlier"], When::Years(-1)),
        (&["later", "that", "year"], When::Years(0)),
        (&["earlier", "that", "year"], When::Years(0)),
        (&["later", "in", "the", "year"], When::Years(0)),
        (&["earlier", "in", "the", "year"], When::Years(0)),
        (&["that", "same", "year"], When::Years(0)),
        (&["the", "same", "year"], When::Years(0)),
        (&["that", "year"], When::Years(0)),
        (&["the", "previous", "year"], When::Years(-1)),
        (&["the", "year", "before"], When::Years(-1)),
        (&["the", "year", "after"], When::Years(1)),
        (&["last", "year"], When::Own(Own::Year(-1))),
        (&["this", "year"], When::Own(Own::Year(0))),
        (&["last", "month"], When::Own(Own::Month(-1))),
        (&["this", "month"], When::Own(Own::Month(0))),
        (&["yesterday"], When::Own(Own::Day(-1))),
        (&["today"], When::Own(Own::Day(0))),
        (&["last", "week"], When::Unusable(WEEK)),
        (&["this", "week"], When::Unusable(WEEK)),
        (&["next", "week"], When::Unusable(PLAN)),
        (&["next", "month"], When::Unusable(PLAN)),
        (&["next", "year"], When::Unusable(PLAN)),
        (&["tomorrow"], When::Unusable(PLAN)),
    ];
    let at = |k: usize| t.get(i + k);
    for (words, when) in PHRASES {
        if let Some(len) = words_at(t, i, words) {
            return Some((len, when.clone()));
        }
    }
    // `on January 4, a day before North Korea agreed`: what follows was a day after that date;
    // `A day before, ...`: the day before it.
    if at(0)?.is("a") && at(1).is_some_and(|x| x.is("day")) && at(2).is_some_and(|x| x.is("before"))
    {
        let apposition =
            i > 0 && t[i - 1].text == "," && at(3).is_some_and(|x| x.kind == Kind::Word);
        let alone = is_comma(at(3));
        return match (apposition, alone) {
            (true, _) => Some((3, When::Days(1))),
            (false, true) => Some((3, When::Days(-1))),
            _ => None,
        };
    }
    // `two days later`, `3 days later`: counted on from the date before.
    if at(1).is_some_and(|x| x.is("days")) && at(2).is_some_and(|x| x.is("later")) {
        let n = match at(0)? {
            x if x.kind == Kind::Number => x.text.parse().ok().filter(|n| (2..=31).contains(n)),
            x => SMALL_NUMBERS
                .iter()
                .position(|w| x.is(w))
                .map(|k| k as i64 + 2),
        };
        if let Some(n) = n {
            return Some((3, When::Days(n)));
        }
    }
    // `last April`, `last Tuesday`, `this Tuesday`, `next April`
    let which = at(0)?.lower();
    if matches!(which.as_str(), "last" | "this" | "next") {
        let next = at(1)?;
        let when = match (which.as_str(), month(next), weekday(next)) {
            ("next", Some(_), _) | ("next", _, Some(_)) => When::Unusable(PLAN),
            ("last", Some(m), _) => When::Own(Own::LastMonth(m)),
            (_, _, Some(day)) => When::Own(Own::Weekday {
                day,
                strictly: which == "last",
            }),
            _ => return None,
        };
        return Some((2, when));
    }
    None
}

/// Builds a mention from its tokens: the preposition, qualifiers and whether it is attributive.
fn mention(t: &[Token], span: Range<usize>, when: When, gap: Option<Range<usize>>) -> Mention {
    let words = t[span.start].range.start..t[span.end - 1].range.end;
    let gap = gap.map(|g| t[g.start].range.start..t[g.end - 1].range.end);
    let mut first = span.start;
    // "the first week of", "the end of", "early", "mid-"
    let lower = |k: usize| t[k].lower();
    let qualifier = |w: &str| matches!(w, "early" | "late" | "mid") || SEASONS.contains(&w);
    if first >= 1 && qualifier(&lower(first - 1)) {
        first -= 1;
    } else if first >= 2 && t[first - 1].text == "-" && lower(first - 2) == "mid" {
        first -= 2;
    } else if first >= 3
        && lower(first - 1) == "of"
        && matches!(
            lower(first - 2).as_str(),
            "end"
                | "beginning"
                | "start"
                | "middle"
                | "spring"
                | "summer"
                | "autumn"
                | "fall"
                | "winter"
        )
        && lower(first - 3) == "the"
    {
        first -= 3;
    } else if first >= 4
        && lower(first - 1) == "of"
        && matches!(
            lower(first - 2).as_str(),
            "week" | "half" | "days" | "weeks"
        )
        && lower(first - 4) == "the"
    {
        first -= 4;
    }
    // `the mid-1990s`, `the 13th of August 1961`
    let ordinal = t.get(span.start + 1).is_some_and(|x| x.is("of"));
    if (when == When::Unusable(DECADE) || ordinal) && first >= 1 && lower(first - 1) == "the" {
        first -= 1;
    }
    let relative = matches!(
        when,
        When::Days(_) | When::Months(_) | When::Years(_) | When::Own(_)
    );
    // `Just a day later`
    if relative && first >= 1 && matches!(lower(first - 1).as_str(), "just" | "only") {
        first -= 1;
    }
    let mut prep = None;
    if first >= 1 {
        let p = lower(first - 1);
        if PREPOSITIONS.contains(&p.as_str()) {
            prep = Some(p);
            first -= 1;
            if first >= 1 && matches!(lower(first - 1).as_str(), "starting" | "beginning") {
                first -= 1;
            }
        }
    }
    let before = first.checked_sub(1).map(|k| &t[k]);
    let after = t.get(span.end);
    let determiner = before.is_some_and(|b| {
        DETERMINERS.contains(&b.lower().as_str())
            || b.text.ends_with("'s")
            || b.text.ends_with("’s")
    });
    let noun_after = after.is_some_and(|a| {
        a.kind == Kind::Word
            && !matches!(
                a.lower().as_str(),
                "and"
                    | "or"
                    | "to"
                    | "until"
                    | "when"
                    | "with"
                    | "after"
                    | "before"
                    | "in"
                    | "on"
                    | "as"
                    | "at"
                    | "by"
                    | "for"
                    | "from"
                    | "that"
                    | "which"
                    | "who"
                    | "where"
                    | "through"
                    | "saw"
                    | "was"
                    | "were"
                    | "is"
                    | "are"
                    | "had"
                    | "has"
                    | "have"
            )
    });
    let attributive = !relative
        && noun_after
        && (determiner
            || prep.as_deref() == Some("of") && after.is_some_and(Token::is_capitalized));
    // `During a New Year's Day speech, ...`
    let opens =
        attributive && determiner && first == 2 && PREPOSITIONS.contains(&lower(0).as_str());
    let named = attributive && after.is_some_and(Token::is_capitalized);
    let phrase = t[first].range.start..words.end;
    Mention {
        when,
        words,
        gap,
        phrase,
        prep,
        attributive,
        opens,
        named,
    }
}

/// `from 1950 to 1953`, `between 1973 and 1975`, `began on 10 March and ran until 20 March`:
/// two mentions that make one span.
fn join_spans(sentence: &str, mentions: &mut Vec<Mention>) {
    let mut k = 0;
    while k + 1 < mentions.len() {
        let (a, b) = (&mentions[k], &mentions[k + 1]);
        // Mentions that overlap (`a day before last month`) are not two ends of a span.
        let Some(between) = sentence.get(a.words.end..b.phrase.start) else {
            k += 1;
            continue;
        };
        let between_words: Vec<&str> = between.split_whitespace().collect();
        let words: Vec<&str> = between_words
            .iter()
            .map(|w| w.trim_matches(','))
            .filter(|w| !w.is_empty())
            .collect();
        // `began on 22 August 1791, and ended in 1804`, `... and lasted until ...`
        let ends = words.len() <= 3
            && words.iter().any(|w| {
                matches!(
                    *w,
                    "ended" | "ending" | "lasted" | "lasting" | "concluded" | "ran" | "continued"
                )
            });
        // `the period between Napoleon's return to Paris on 20 March 1815 and the second
        // restoration on 8 July 1815`: `between` opens the clause of the first date.
        let opened = sentence
            .get(..a.phrase.start)
            .and_then(|s| s.rfind(" between "))
            .is_some_and(|b| !sentence[b..a.phrase.start].contains([',', ';']));
        let between_clauses = opened
            && between_words.first() == Some(&"and")
            && !between.contains([',', ';'])
            && a.prep.is_some()
            && a.prep == b.prep;
        let closes = match (a.prep.as_deref(), b.prep.as_deref()) {
            _ if between_clauses => true,
            // `(8 February 1904 – 5 September 1905)`, `13 June – 13 July 1878`
            _ if matches!(between_words.as_slice(), ["–" | "—" | "-"]) => true,
            (Some("on" | "in" | "from" | "since"), Some("in" | "on" | "until" | "till"))
                if ends =>
            {
                true
            }
            (Some("from"), Some("to")) => between_words.is_empty(),
            // `serving from 1961 until his assassination in 1963`: the end is the happening the
            // span runs until, dated by its own year.
            (Some("from"), Some("in")) => {
                matches!(words.first(), Some(&("until" | "till")))
                    && (2..=4).contains(&words.len())
                    && !between.contains([',', ';'])
            }
            (Some("between"), _) => between_words == ["and"],
            (Some("on" | "in" | "from" | "since"), Some("until" | "till" | "through")) => {
                !between.contains([',', ';']) && between_words.len() <= 3
            }
            _ => false,
        };
        let span = if closes {
            span_of(&a.when, &b.when)
        } else {
            None
        };
        // The happening a span runs until stays in the question: `from ___ until his
        // assassination in ___`.
        let until_thing = matches!(words.first(), Some(&("until" | "till"))) && words.len() >= 2;
        match span {
            Some(when) => {
                let b = mentions.remove(k + 1);
                let a = &mut mentions[k];
                a.when = when;
                if until_thing && a.gap.is_none() {
                    a.gap = Some(a.words.end..b.words.start);
                }
                a.words.end = b.words.end;
                a.phrase.end = b.phrase.end;
            }
            None => k += 1,
        }
    }
}

fn span_of(a: &When, b: &When) -> Option<When> {
    match (a, b) {
        (When::Date(start, None), When::Date(end, None)) if end > start => {
            Some(When::Date(*start, Some(*end)))
        }
        // `from June to August 2018`, `from 4 June to 7 August 2018`: the year is the end's
        // (or the year before, `from December to February 1951`).
        (
            When::Partial {
                month,
                day,
                until_day: None,
                weekday: None,
            },
            When::Date(end, None),
        ) if day.is_some() == (end.precision() == Precision::Day) => {
            let y = end.get_year();
            let start = [y, y - 1]
                .into_iter()
                .filter_map(|y| month_day(y, *month, *day))
                .find(|start| start < end)?;
            Some(When::Date(start, Some(*end)))
        }
        (
            When::Partial {
                month,
                day: Some(d1),
                until_day: None,
                weekday: None,
            },
            When::Partial {
                month: m2,
                day: Some(d2),
                until_day: None,
                weekday: None,
            },
        ) if m2 == month && d2 > d1 => Some(When::Partial {
            month: *month,
            day: Some(*d1),
            until_day: Some(*d2),
            weekday: None,
        }),
        (
            When::Partial {
                month,
                day: Some(d1),
                until_day: None,
                weekday: None,
            },
            When::Partial {
                month: m2,
                day: Some(d2),
                until_day: None,
                weekday: None,
            },
        ) if m2 != month => Some(When::PartialSpan {
            month: *month,
            day: *d1,
            until_month: *m2,
            until_day: *d2,
        }),
        _ => None,
    }
}

/// `in the years 1994, 1996, 2003 and 2013`: years listed for one kind of happening.
fn mark_lists(t: &[Token], mentions: &mut [Mention]) {
    // `on January 4, a day before ...` counts on from the first date: no list.
    let absolute = |m: &Mention| matches!(m.when, When::Date(..) | When::Partial { .. });
    let joined = |a: &Mention, b: &Mention| {
        absolute(a)
            && absolute(b)
            && t.iter()
                .filter(|tok| tok.range.start >= a.words.end && tok.range.end <= b.words.start)
                .all(|tok| tok.text == "," || tok.is("and") || tok.is("or"))
    };
    let mut k = 0;
    while k < mentions.len() {
        let mut end = k + 1;
        while end < mentions.len() && joined(&mentions[end - 1], &mentions[end]) {
            end += 1;
        }
        if end - k >= 2 {
            for m in &mut mentions[k..end] {
                m.when = When::Unusable(LIST);
            }
        }
        k = end;
    }
}

/// `see (1) Inter-Korean Relations after the War, 1954-1961; (2) ...`, `collections include:
/// Korea at the United Nations, 1988 Seoul Olympic Games, and the Two Koreas and the Third World`:
/// a list of titles after a colon or a numbered list, whose dates are parts of the names.
fn mark_name_lists(sentence: &str, t: &[Token], mentions: &mut [Mention]) {
    let colon = sentence.find(':').map(|c| c + 1);
    let numbered = t
        .windows(3)
        .find(|w| w[0].text == "(" && w[1].text == "1" && w[2].text == ")")
        .map(|w| w[0].range.start);
    let Some(start) = [colon, numbered].into_iter().flatten().min() else {
        return;
    };
    let list = sentence[start..].trim_end_matches(['.', ' ']);
    let separator = if list.contains(';') { ';' } else { ',' };
    let items: Vec<&str> = list.split(separator).collect();
    if items.len() >= 2 && items.iter().all(|item| is_name(item)) {
        for m in mentions.iter_mut().filter(|m| m.words.start >= start) {
            m.when = When::Unusable(NAME);
        }
    }
}

/// A title: capitalised words, the small ones aside (`(2) Inter-Korean Competition, 1961-1970`,
/// `and the Two Koreas and the Third World`).
fn is_name(item: &str) -> bool {
    tokens(item).iter().any(Token::is_capitalized) && title_case(item)
}

/// For each token, whether it is inside quotation marks (straight or curly).
fn quoted(t: &[Token]) -> Vec<bool> {
    let mut inside = false;
    t.iter()
        .map(|tok| match tok.text {
            "\"" => {
                inside = !inside;
                false
            }
            "“" => {
                inside = true;
                false
            }
            "”" => {
                inside = false;
                false
            }
            _ => inside,
        })
        .collect()
}

/// Dates that do not say when the sentence's happening was.
fn mark_bounds(t: &[Token], mentions: &mut [Mention]) {
    // Words someone is quoted as saying (`sent a note: "Liners will not be sunk ..."`) do not
    // make the sentence's own happening a plan.
    let quoted = quoted(t);
    let word_before = |m: &Mention, word: &str| {
        t.iter()
            .zip(&quoted)
            .take_while(|(tok, _)| tok.range.end <= m.phrase.start)
            .any(|(tok, q)| !q && tok.is(word))
    };
    let modal_before = |m: &Mention| {
        ["would", "will", "should"]
            .iter()
            .any(|w| word_before(m, w))
    };
    let comma_after = |m: &Mention| {
        t.iter()
            .find(|tok| tok.range.start >= m.words.end)
            .is_some_and(|tok| tok.text == ",")
    };
    // `From this Tuesday, the two Koreas will resume their calls`: the future, as of its writing.
    let future = t.iter().zip(&quoted).any(|(tok, q)| !q && tok.is("will"));
    let usable = mentions.iter().filter(|m| m.usable()).count();
    for m in mentions.iter_mut() {
        if !m.usable() {
            continue;
        }
        let reason = match m.prep.as_deref() {
            Some("since") if word_before(m, "first") => Some(FIRST_SINCE),
            // `By 3 October 1935, the Italian Army ... launched`: what had happened by then,
            // told as the sentence's opening phrase, happened then.
            Some("by") if m.phrase.start == 0 && comma_after(m) => None,
            Some("before" | "after" | "by") => Some(BOUND),
            _ if usable > 1 && modal_before(m) => Some(PLAN),
            _ if usable == 1 && future => Some(PLAN),
            _ => None,
        };
        if let Some(reason) = reason {
            m.when = When::Unusable(reason);
        }
    }
}

/// Nouns naming a document or a work, whose period is what it covers.
const DOCUMENTS: [&str; 37] = [
    "report",
    "reports",
    "collection",
    "book",
    "study",
    "survey",
    "archive",
    "archives",
    "document",
    "documents",
    "volume",
    "chapter",
    "article",
    "memorandum",
    "paper",
    "series",
    "record",
    "records",
    "file",
    "files",
    "exhibition",
    "overview",
    "chronology",
    "timeline",
    "account",
    "anthology",
    "database",
    "catalogue",
    "documentary",
    "section",
    "letter",
    "journal",
    "diary",
    "memoir",
    "note",
    "cable",
    "telegram",
];

/// Verbs saying what a document is about.
const COVERS: [&str; 30] = [
    "covers",
    "covered",
    "covering",
    "spans",
    "spanned",
    "spanning",
    "ranging",
    "documents",
    "documented",
    "chronicles",
    "traces",
    "surveys",
    "reviews",
    "summarizes",
    "summarises",
    "sums",
    "offers",
    "examines",
    "describes",
    "presents",
    "includes",
    "contains",
    "discusses",
    "focuses",
    "deals",
    "recounts",
    "evaluates",
    "analyzes",
    "analyses",
    "outlines",
];

/// Words that start a clause of its own, whose verb a date after them dates.
const CLAUSE_OPENERS: [&str; 9] = [
    "how", "when", "that", "which", "who", "where", "while", "as", "why",
];

/// A word that may be a verb of its own clause: a past form, or a common irregular past.
fn past_verb(t: &Token) -> bool {
    const IRREGULAR: [&str; 16] = [
        "began", "fought", "met", "went", "made", "held", "took", "led", "won", "fell", "broke",
        "came", "became", "sent", "gave", "was",
    ];
    let lower = t.lower();
    t.kind == Kind::Word
        && (lower.len() > 4 && lower.ends_with("ed") || IRREGULAR.contains(&lower.as_str()))
}

/// `The report offers an evaluation of the plans from 1945 through 1962`, `documents covering
/// 1950–1953`: a span that gives the period a document covers, not the time of a happening. It
/// follows a verb of covering whose subject is a document, with no verb or clause of its own
/// between them (`The book describes how the armies fought from 1950 to 1953` dates the
/// fighting; `the war, spanning 1950 to 1953` has no document).
fn mark_coverage(t: &[Token], mentions: &mut [Mention]) {
    for m in mentions.iter_mut() {
        if !matches!(m.when, When::Date(_, Some(_))) {
            continue;
        }
        let before: Vec<&Token> = t
            .iter()
            .take_while(|x| x.range.end <= m.phrase.start)
            .collect();
        let Some(v) = before
            .iter()
            .rposition(|x| COVERS.contains(&x.lower().as_str()))
        else {
            continue;
        };
        let opens_clause =
            |x: &&Token| CLAUSE_OPENERS.contains(&x.lower().as_str()) || x.text == ";";
        let object = before[v + 1..]
            .iter()
            .all(|x| !past_verb(x) && !opens_clause(x));
        let subject = before[..v]
            .iter()
            .rposition(|x| DOCUMENTS.contains(&x.lower().as_str()))
            .is_some_and(|d| !before[d..v].iter().any(opens_clause));
        if subject && object {
            m.when = When::Unusable(COVERAGE);
        }
    }
}

/// A date and the end of its span.
pub type Span = (HistDate, Option<HistDate>);

/// The dates relative expressions count from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Anchors {
    /// The nearest date before in the section: `the next day`, `the following year`.
    pub before: Option<HistDate>,
    /// The date before when its own paragraph set it, else the year of the section's heading:
    /// in a text with a date of its own, `On 13 June` takes its year rather than that date's.
    pub here: Option<HistDate>,
    /// The day the text was written (`--dated`, or its README): `last year`, `on Tuesday`, and
    /// the year of `January 5` when its paragraph gives none.
    pub written: Option<HistDate>,
    /// The first date with its year later in the same paragraph, for a month and day with
    /// nothing before them (a textbook names the year once: `On January 28, ... On the morning
    /// of May 1, 1915, ...`): their year is its year, or the one before when they fall after it
    /// in the calendar.
    pub ahead: Option<HistDate>,
}

/// Resolves what a mention says against the dates it counts from; the date and its end, within
/// the years a deck can write (`January 5` in a text dated 9999-12-31 would be in 10000).
pub fn resolve(when: &When, at: Anchors) -> Result<Span, &'static str> {
    let writable = |d: &HistDate| (0..=9999).contains(&d.get_year());
    let (date, until) = resolve_any(when, at)?;
    if writable(&date) && until.as_ref().is_none_or(writable) {
        Ok((date, until))
    } else {
        Err(OUT_OF_RANGE)
    }
}

fn resolve_any(when: &When, at: Anchors) -> Result<Span, &'static str> {
    let need = |precision: Precision| {
        at.before
            .filter(|d| d.precision() >= precision)
            .ok_or(NO_CONTEXT)
    };
    match when {
        When::Date(date, until) => Ok((*date, *until)),
        When::Unusable(reason) => Err(reason),
        When::Partial {
            month,
            day,
            until_day,
            weekday,
        } => {
            let y = partial_year(*month, *day, at)?;
            let date = month_day(y, *month, *day).ok_or(NOT_A_DAY)?;
            if weekday.is_some_and(|w| date.first_day().weekday() != w) {
                return Err(WEEKDAY);
            }
            let until = until_day.and_then(|d| HistDate::day(y, *month, d));
            Ok((date, until))
        }
        When::PartialSpan {
            month,
            day,
            until_month,
            until_day,
        } => {
            let y = partial_year(*month, Some(*day), at)?;
            let date = HistDate::day(y, *month, *day).ok_or(NOT_A_DAY)?;
            let end_year = y + i32::from((*until_month, *until_day) < (*month, *day));
            let until = HistDate::day(end_year, *until_month, *until_day).ok_or(NOT_A_DAY)?;
            Ok((date, Some(until)))
        }
        When::Days(n) => {
            let d = need(Precision::Day)?.first_day() + Duration::days(*n);
            Ok((HistDate::from(d), None))
        }
        When::Months(n) => Ok((add_months(need(Precision::Month)?, *n)?, None)),
        When::Years(n) => Ok((HistDate::year(need(Precision::Year)?.get_year() + n), None)),
        When::InYearOf { month, day, years } => {
            let y = need(Precision::Year)?.get_year() + years;
            Ok((month_day(y, *month, *day).ok_or(NOT_A_DAY)?, None))
        }
        When::Own(own) => Ok((own_date(*own, at.written)?, None)),
    }
}

fn month_day(year: i32, month: u32, day: Option<u32>) -> Option<HistDate> {
    match day {
        Some(d) => HistDate::day(year, month, d),
        None => HistDate::month(year, month),
    }
}

fn add_months(d: HistDate, n: i32) -> Result<HistDate, &'static str> {
    let index = d.get_year() * 12 + d.get_month().unwrap_or(1) as i32 - 1 + n;
    HistDate::month(index.div_euclid(12), index.rem_euclid(12) as u32 + 1).ok_or(NO_CONTEXT)
}

/// The year of a month (and day) written without one. In a text without a date of its own, the
/// year of the date before it. In a dated one, the year of its paragraph's date (or its section
/// heading's), else the latest that puts it no more than a month after the day the text was
/// written (a report tells of the past and of the weeks ahead: `December 28` in a text of January
/// 2018 is 2017's, `January 5` in one of July 2021 is 2021's).
fn partial_year(month: u32, day: Option<u32>, at: Anchors) -> Result<i32, &'static str> {
    match (at.here, at.written) {
        (_, None) => at
            .before
            .map(|d| d.get_year())
            .or_else(|| {
                let ahead = at.ahead?;
                let y = ahead.get_year();
                let later = month_day(y, month, day).is_some_and(|d| d > ahead);
                Some(y - i32::from(later))
            })
            .ok_or(NO_YEAR),
        (Some(here), Some(_)) => Ok(here.get_year()),
        (None, Some(written)) => {
            let y = written.get_year();
            let horizon = last_day(written) + Duration::days(31);
            [y + 1, y, y - 1]
                .into_iter()
                .find(|&y| month_day(y, month, day).is_some_and(|d| d.first_day() <= horizon))
                .ok_or(NOT_A_DAY)
        }
    }
}

/// The last calendar day a date covers.
fn last_day(d: HistDate) -> NaiveDate {
    let next = match d.precision() {
        Precision::Day => return d.first_day(),
        Precision::Month => add_months(d, 1).map(|n| n.first_day()),
        Precision::Year => Ok(HistDate::year(d.get_year() + 1).first_day()),
        Precision::Decade => Ok(HistDate::year(d.get_year() + 10).first_day()),
    };
    next.map_or(d.first_day(), |n| n - Duration::days(1))
}

/// A date counted from the day the text was written, at the precision that day is known to.
pub fn own_date(own: Own, written: Option<HistDate>) -> Result<HistDate, &'static str> {
    let written = written.ok_or(OWN_DATE)?;
    let need = |precision: Precision| {
        Some(written)
            .filter(|w| w.precision() >= precision)
            .ok_or(OWN_VAGUE)
    };
    let year = |n: i32| Ok(HistDate::year(need(Precision::Year)?.get_year() + n));
    match own {
        Own::Year(n) => year(n),
        Own::Month(n) => add_months(need(Precision::Month)?, n),
        Own::Day(n) => Ok(HistDate::from(
            need(Precision::Day)?.first_day() + Duration::days(n),
        )),
        Own::LastMonth(month) => {
            let w = need(Precision::Month)?;
            let y = w.get_year() - i32::from(month >= w.get_month().unwrap_or(1));
            HistDate::month(y, month).ok_or(NOT_A_DAY)
        }
        Own::Weekday { day, strictly } => {
            let w = need(Precision::Day)?.first_day();
            let back = (w.weekday().num_days_from_monday() + 7 - day.num_days_from_monday()) % 7;
            let back = if back == 0 && strictly { 7 } else { back };
            Ok(HistDate::from(w - Duration::days(i64::from(back))))
        }
        Own::InYear { month, day, years } => {
            let y = year(years)?.get_year();
            month_day(y, month, day).ok_or(NOT_A_DAY)
        }
    }
}

/// A heading that names one year (`=== 2019 ===`, `Thaw in 2017`) sets the year of its section.
pub fn heading_year(text: &str) -> Option<HistDate> {
    let dates: Vec<HistDate> = find(text)
        .iter()
        .filter_map(|m| match m.when {
            When::Date(date, _) => Some(date),
            _ => None,
        })
        .collect();
    match dates.as_slice() {
        [date] => Some(*date),
        _ => None,
    }
}

/// `2018-04` and `2018-04-27` can be the same day; `2018-04` and `2018-05` cannot.
pub fn compatible(a: HistDate, b: HistDate) -> bool {
    let p = a.precision().min(b.precision());
    a.truncate(p) == b.truncate(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> HistDate {
        HistDate::day(y, m, d).unwrap()
    }

    fn ym(y: i32, m: u32) -> HistDate {
        HistDate::month(y, m).unwrap()
    }

    fn y(y: i32) -> HistDate {
        HistDate::year(y)
    }

    /// Counting from `before`, as in a text without a date of its own.
    fn after(before: HistDate) -> Anchors {
        Anchors {
            before: Some(before),
            ..Anchors::default()
        }
    }

    /// A text written on `written`, with no date before in the paragraph.
    fn written(written: HistDate) -> Anchors {
        Anchors {
            written: Some(written),
            ..Anchors::default()
        }
    }

    /// Each expression, the only date of its text, resolved against `anchors`.
    fn check(anchors: Anchors, cases: &[(&str, Result<Span, &str>)]) {
        for (text, want) in cases {
            let found = find(text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(&resolve(&found[0].when, anchors), want, "{text}");
        }
    }

    /// Dates as textbooks, biographical directories and archive notes write them, from the
    /// tuned half of the development corpus (sentences written for the tests).
    #[test]
    fn older_and_catalogue_ways_of_writing_dates() {
        check(
            after(y(1917)),
            &[
                // `Month, YYYY`, the comma of older prose.
                (
                    "Later, in August, 1918, the law was changed.",
                    Ok((ym(1918, 8), None)),
                ),
                // Two dates of a span joined by a hyphen: not the token `1951-January`.
                (
                    "served in Congress (January 3, 1951-January 3, 1953); retired",
                    Ok((ymd(1951, 1, 3), Some(ymd(1953, 1, 3)))),
                ),
                // A span of days in two months, without the year: the year of the date before.
                (
                    "Between February 26 and April 2, six ships were sunk.",
                    Ok((ymd(1917, 2, 26), Some(ymd(1917, 4, 2)))),
                ),
                (
                    "Between December 20 and January 3, the talks stalled.",
                    Ok((ymd(1917, 12, 20), Some(ymd(1918, 1, 3)))),
                ),
                // A span to a happening dated by its year.
                (
                    "He served from 1961 until his assassination in 1963.",
                    Ok((y(1961), Some(y(1963)))),
                ),
                // What is quoted does not make the sentence a plan.
                (
                    "On September 1, 1915, the ambassador sent a note: \"Liners will not be sunk.\"",
                    Ok((ymd(1915, 9, 1), None)),
                ),
                (
                    "Continued from Foreign Relations, 1952–1954, vol. VIII.",
                    Err(CITATION),
                ),
                ("Prepared by Gleason on March 23, 1956.", Err(PAPERWORK)),
                ("Drafted by Tyler on 4 May 1956.", Err(PAPERWORK)),
            ],
        );
        check(
            after(ymd(1963, 11, 22)),
            &[
                (
                    "He was shot two days later by a nightclub owner.",
                    Ok((ymd(1963, 11, 24), None)),
                ),
                (
                    "Ten days later the commission met.",
                    Ok((ymd(1963, 12, 2), None)),
                ),
            ],
        );
        // A number that counts people is not a year; a year before a noun that is not counted
        // still is.
        assert!(find("The ship sank, carrying to death 1153 persons.").is_empty());
        assert_eq!(find("The 1153 charter was signed.").len(), 1);
        // `ten days` alone, or `several days later`, count nothing.
        assert!(find("Several days later the ship sank.").is_empty());
    }

    /// A month and day that nothing before dates take the year of the first date after them in
    /// their paragraph, or the year before when they fall later in the calendar.
    #[test]
    fn a_month_and_day_with_nothing_before_count_from_the_paragraph_s_next_date() {
        let ahead = |d| Anchors {
            ahead: Some(d),
            ..Anchors::default()
        };
        check(
            ahead(ymd(1915, 5, 1)),
            &[(
                "On January 28, a raider sank a ship.",
                Ok((ymd(1915, 1, 28), None)),
            )],
        );
        check(
            ahead(ymd(1917, 1, 22)),
            &[(
                "On December 16, the Emperor proposed talks.",
                Ok((ymd(1916, 12, 16), None)),
            )],
        );
        // What is before comes first.
        check(
            Anchors {
                before: Some(y(1914)),
                ahead: Some(ymd(1915, 5, 1)),
                ..Anchors::default()
            },
            &[(
                "On January 28, a raider sank a ship.",
                Ok((ymd(1914, 1, 28), None)),
            )],
        );
        check(
            Anchors::default(),
            &[("On January 28, a raider sank a ship.", Err(NO_YEAR))],
        );
    }

    /// A catalogue's title dates what its document records when it ends with the place and the
    /// day it was written; other dates in titles stay unused.
    #[test]
    fn a_title_ending_with_place_and_day_dates_its_document() {
        let usable = |title: &str| find_in_title(title).iter().filter(|m| m.usable()).count();
        assert_eq!(
            usable(
                "34. Memorandum of Discussion at the 280th Meeting of the Council, Washington, March 22, 1956"
            ),
            1
        );
        assert_eq!(
            usable("Letter, Lee to Davis, Richmond, 5 May 1862, 11 a.m."),
            1
        );
        assert_eq!(
            usable("Journal of Ambassador Puzanov for 8 December 1960"),
            0
        );
        assert_eq!(usable("Relations after the War, 1954-1961"), 0);
        assert_eq!(usable("Report of the Mission, Washington, 1956"), 0);
    }

    /// Spans and dates written the ways encyclopedias write them, from the failures on the
    /// development corpus.
    #[test]
    fn spans_by_a_dash_or_by_an_ending_verb_and_calendar_notes() {
        check(
            after(y(1900)),
            &[
                (
                    "The war (8 February 1904 – 5 September 1905) was fought",
                    Ok((ymd(1904, 2, 8), Some(ymd(1905, 9, 5)))),
                ),
                (
                    "At the Congress (13 June – 13 July 1878), the powers met",
                    Ok((ymd(1878, 6, 13), Some(ymd(1878, 7, 13)))),
                ),
                (
                    "The war (April 21 – August 13, 1898) was fought",
                    Ok((ymd(1898, 4, 21), Some(ymd(1898, 8, 13)))),
                ),
                (
                    "The revolt began on 22 August 1791, and ended in 1804 with independence.",
                    Ok((ymd(1791, 8, 22), Some(y(1804)))),
                ),
                (
                    "The army won between 12 and 25 August 1920.",
                    Ok((ymd(1920, 8, 12), Some(ymd(1920, 8, 25)))),
                ),
                (
                    "Japan attacked Port Arthur on 9 February [O.S. 27 January] 1904.",
                    Ok((ymd(1904, 2, 9), None)),
                ),
                (
                    "Throughout 1919, the army held the city.",
                    Ok((y(1919), None)),
                ),
                // A happening told as having happened by then, in the opening phrase.
                (
                    "By August, Soviet troops had pushed the army back to Warsaw.",
                    Ok((ym(1900, 8), None)),
                ),
                (
                    "By 3 October 1935, the Italian Army had launched an invasion.",
                    Ok((ymd(1935, 10, 3), None)),
                ),
                (
                    "It marked the period between his return to Paris on 20 March 1815 and the restoration of the king on 8 July 1815.",
                    Ok((ymd(1815, 3, 20), Some(ymd(1815, 7, 8)))),
                ),
                // A bound elsewhere is still a bound.
                ("The army withdrew by 3 October 1935.", Err(BOUND)),
            ],
        );
    }

    #[test]
    fn a_year_written_after_a_name_beside_its_precise_date_is_the_name_s() {
        for text in [
            "At the Battle of Warsaw (1920), the army won on 15 August 1920.",
            "The Revolution of 1905 began on 22 January 1905.",
        ] {
            let usable: Vec<_> = find(text).into_iter().filter(Mention::usable).collect();
            assert_eq!(usable.len(), 1, "{text}: {usable:?}");
        }
        // Without a precise date beside it, the year dates the named thing.
        assert_eq!(
            find("the Russian Constitution of 1906 was enacted").len(),
            1
        );
    }

    #[test]
    fn overlapping_mentions_make_no_span() {
        let found = find("Talks were held, a day before last month.");
        assert!(
            found.iter().all(|m| m.phrase.start <= m.phrase.end),
            "{found:?}"
        );
    }

    #[test]
    fn dates_past_the_year_9999_are_not_used() {
        check(
            written(ymd(9999, 12, 31)),
            &[
                ("January 5", Err(OUT_OF_RANGE)),
                ("last year", Ok((y(9998), None))),
            ],
        );
    }

    /// Each expression, resolved after `context`, gives this date and end (or the reason it is unusable).
    #[test]
    fn date_expressions() {
        let cases: &[(&str, Result<Span, &str>)] = &[
            ("on 27 April 2018", Ok((ymd(2018, 4, 27), None))),
            ("on April 27, 2018", Ok((ymd(2018, 4, 27), None))),
            ("December 08, 1960", Ok((ymd(1960, 12, 8), None))),
            ("Updated Jul 27, 2021", Ok((ymd(2021, 7, 27), None))),
            ("In April 2018", Ok((ym(2018, 4), None))),
            ("In 1998", Ok((y(1998), None))),
            ("from 1950 to 1953", Ok((y(1950), Some(y(1953))))),
            ("between 1973 and 1975", Ok((y(1973), Some(y(1975))))),
            ("1973–1975", Ok((y(1973), Some(y(1975))))),
            ("1954-1961", Ok((y(1954), Some(y(1961))))),
            ("(2025–present)", Ok((y(2025), None))),
            (
                "January–September 2013",
                Ok((ym(2013, 1), Some(ym(2013, 9)))),
            ),
            (
                "From 4 to 7 September 1990",
                Ok((ymd(1990, 9, 4), Some(ymd(1990, 9, 7)))),
            ),
            (
                "from 14 December 2019 to 16 February 2020",
                Ok((ymd(2019, 12, 14), Some(ymd(2020, 2, 16)))),
            ),
            (
                "began on 10 March and ran until 20 March",
                Ok((ymd(2020, 3, 10), Some(ymd(2020, 3, 20)))),
            ),
            ("In the first week of August 2015", Ok((ym(2015, 8), None))),
            ("in early April 2018", Ok((ym(2018, 4), None))),
            ("On 13 June", Ok((ymd(2020, 6, 13), None))),
            ("on January 9", Ok((ymd(2020, 1, 9), None))),
            ("In September", Ok((ym(2020, 9), None))),
            ("the next day", Ok((ymd(2020, 6, 17), None))),
            ("Later that day", Ok((ymd(2020, 6, 16), None))),
            ("the following year", Ok((y(2021), None))),
            ("the following month", Ok((ym(2020, 7), None))),
            ("Just a day later", Ok((ymd(2020, 6, 17), None))),
            ("A day earlier", Ok((ymd(2020, 6, 15), None))),
            ("A day before, it warned", Ok((ymd(2020, 6, 15), None))),
            ("Since the 1970s", Err(DECADE)),
            ("in the late 1960s", Err(DECADE)),
            ("the first time since 2005", Err(FIRST_SINCE)),
            ("from 1953 to the present", Err(OPEN_SPAN)),
            // Without the day the text was written, its own dates have nothing to count from.
            ("last year", Err(OWN_DATE)),
            ("since last April", Err(OWN_DATE)),
            ("on Tuesday", Err(OWN_DATE)),
            ("In June last year", Err(OWN_DATE)),
            // The future, as of its writing: a plan with or without the day.
            ("next week", Err(PLAN)),
            ("tomorrow", Err(PLAN)),
            ("until next April", Err(PLAN)),
        ];
        check(after(ymd(2020, 6, 16)), cases);
    }

    /// A report of Tuesday 27 July 2021: its own dates count from that day, and a month and day
    /// without a year take the year that puts them nearest it.
    #[test]
    fn dates_counted_from_a_day_the_text_was_written() {
        check(
            written(ymd(2021, 7, 27)),
            &[
                (
                    "on Tuesday morning, July 27 at 10 a.m.",
                    Ok((ymd(2021, 7, 27), None)),
                ),
                ("Tuesday, July 27", Ok((ymd(2021, 7, 27), None))),
                ("Monday, July 27", Err(WEEKDAY)),
                ("on Tuesday, 27 July 2021", Ok((ymd(2021, 7, 27), None))),
                ("on Friday, 27 July 2021", Err(WEEKDAY)),
                ("on Tuesday", Ok((ymd(2021, 7, 27), None))),
                ("on Saturday", Ok((ymd(2021, 7, 24), None))),
                ("this Tuesday", Ok((ymd(2021, 7, 27), None))),
                ("last Tuesday", Ok((ymd(2021, 7, 20), None))),
                ("next Tuesday", Err(PLAN)),
                ("yesterday", Ok((ymd(2021, 7, 26), None))),
                ("today", Ok((ymd(2021, 7, 27), None))),
                ("last year", Ok((y(2020), None))),
                ("this year", Ok((y(2021), None))),
                ("last month", Ok((ym(2021, 6), None))),
                ("this month", Ok((ym(2021, 7), None))),
                ("since last April", Ok((ym(2021, 4), None))),
                ("last July", Ok((ym(2020, 7), None))),
                ("last August", Ok((ym(2020, 8), None))),
                ("In June last year", Ok((ym(2020, 6), None))),
                ("On June 30 last year", Ok((ymd(2020, 6, 30), None))),
                ("in January of this year", Ok((ym(2021, 1), None))),
                ("on January 5", Ok((ymd(2021, 1, 5), None))),
                ("In April", Ok((ym(2021, 4), None))),
                ("New Year's Day", Ok((ymd(2021, 1, 1), None))),
                ("last week", Err(WEEK)),
                // Counted from the date before it, not from the day of writing.
                ("The following day", Err(NO_CONTEXT)),
            ],
        );
    }

    /// A report of early January 2018: known to the month, so no weekday or `yesterday`.
    #[test]
    fn dates_counted_from_a_month_the_text_was_written() {
        check(
            written(ym(2018, 1)),
            &[
                ("told reporters on January 5", Ok((ymd(2018, 1, 5), None))),
                ("on December 28", Ok((ymd(2017, 12, 28), None))),
                (
                    "During a New Year’s Day speech",
                    Ok((ymd(2018, 1, 1), None)),
                ),
                ("Tuesday, January 2", Ok((ymd(2018, 1, 2), None))),
                ("Wednesday, January 2", Err(WEEKDAY)),
                ("For most of last year", Ok((y(2017), None))),
                ("last month", Ok((ym(2017, 12), None))),
                ("on Tuesday", Err(OWN_VAGUE)),
                ("yesterday", Err(OWN_VAGUE)),
            ],
        );
        check(
            written(y(2025)),
            &[
                ("last year", Ok((y(2024), None))),
                ("last month", Err(OWN_VAGUE)),
                ("on 5 May", Ok((ymd(2025, 5, 5), None))),
            ],
        );
    }

    /// A month and day without a year take the year of a date before them in their paragraph
    /// (or of the section's heading) over the day of writing; offsets count from the date before.
    #[test]
    fn the_paragraph_s_year_comes_before_the_day_of_writing() {
        let before = ymd(2015, 8, 20);
        let report = ymd(2016, 6, 1);
        let here = Anchors {
            before: Some(before),
            here: Some(before),
            written: Some(report),
            ahead: None,
        };
        let elsewhere = Anchors { here: None, ..here };
        assert_eq!(
            find("In May")[0].when,
            When::Partial {
                month: 5,
                day: None,
                until_day: None,
                weekday: None
            }
        );
        let may = &find("In May")[0].when;
        assert_eq!(resolve(may, here), Ok((ym(2015, 5), None)));
        assert_eq!(resolve(may, elsewhere), Ok((ym(2016, 5), None)));
        let next_day = &find("the next day")[0].when;
        assert_eq!(resolve(next_day, elsewhere), Ok((ymd(2015, 8, 21), None)));
        // Without a day of writing, the date before gives the year, as it always did.
        let before_only = Anchors {
            written: None,
            ..elsewhere
        };
        assert_eq!(resolve(may, before_only), Ok((ym(2015, 5), None)));
    }

    /// Spans written short or with their year only at the end.
    #[test]
    fn ranges() {
        check(
            after(ymd(1950, 6, 1)),
            &[
                ("the 1950–53 war", Ok((y(1950), Some(y(1953))))),
                ("from 1950-53", Ok((y(1950), Some(y(1953))))),
                ("in 1998–2003", Ok((y(1998), Some(y(2003))))),
                ("in 1999–01", Ok((y(1999), Some(y(2001))))),
                ("between 1950 and 1953", Ok((y(1950), Some(y(1953))))),
                (
                    "from June to August 2018",
                    Ok((ym(2018, 6), Some(ym(2018, 8)))),
                ),
                (
                    "between June and August 2018",
                    Ok((ym(2018, 6), Some(ym(2018, 8)))),
                ),
                (
                    "from 4 June to 7 August 2018",
                    Ok((ymd(2018, 6, 4), Some(ymd(2018, 8, 7)))),
                ),
                (
                    "from June 4 to August 7, 2018",
                    Ok((ymd(2018, 6, 4), Some(ymd(2018, 8, 7)))),
                ),
                (
                    "from November 1950 to January 1951",
                    Ok((ym(1950, 11), Some(ym(1951, 1)))),
                ),
                ("June–August 2018", Ok((ym(2018, 6), Some(ym(2018, 8))))),
                (
                    "from December to February 1951",
                    Ok((ym(1950, 12), Some(ym(1951, 2)))),
                ),
            ],
        );
        // A number after a dash that cannot end the span is not its end.
        for (s, n) in [("in 1950-3 formation", 1), ("Resolution 1950–53", 0)] {
            assert_eq!(find(s).len(), n, "{s}: {:?}", find(s));
        }
    }

    /// Ordinal days, days written out, parts of a year and seasons.
    #[test]
    fn ordinals_written_out_days_and_parts_of_years() {
        check(
            after(ymd(1950, 6, 1)),
            &[
                ("on the 4th of July 1972", Ok((ymd(1972, 7, 4), None))),
                ("on the 4th of July, 1972", Ok((ymd(1972, 7, 4), None))),
                ("On the twenty-fifth of June", Ok((ymd(1950, 6, 25), None))),
                ("on the first of May 1886", Ok((ymd(1886, 5, 1), None))),
                ("the 31st of December", Ok((ymd(1950, 12, 31), None))),
                ("On June 25th, 1950", Ok((ymd(1950, 6, 25), None))),
                ("on 25th June 1950", Ok((ymd(1950, 6, 25), None))),
                ("In early 2018", Ok((y(2018), None))),
                ("by late 1944", Err(BOUND)),
                ("in mid-2018", Ok((y(2018), None))),
                ("in the mid-1990s", Err(DECADE)),
                ("In the summer of 1953", Ok((y(1953), None))),
                ("in summer 1953", Ok((y(1953), None))),
                ("Summer 1953 was hot", Ok((y(1953), None))),
                ("in the spring of that year", Ok((y(1950), None))),
                ("in the spring", Err(SEASON)),
                ("During the winter", Err(SEASON)),
            ],
        );
        for (s, phrase) in [
            ("Troops landed in summer 1953.", "in summer 1953"),
            ("It ended in the summer of 1953.", "in the summer of 1953"),
            ("It rained in the spring, they said.", "in the spring"),
            ("It ended in mid-1953.", "in mid-1953"),
            (
                "On the 13th of August 1961, troops",
                "On the 13th of August 1961",
            ),
        ] {
            assert_eq!(&s[find(s)[0].phrase.clone()], phrase, "{s}");
        }
        // Not dates: ordinals without a month, a season's name.
        for s in [
            "the first of many",
            "the 4th Infantry",
            "the Prague Spring",
            "a spring offensive",
        ] {
            assert!(find(s).is_empty(), "{s}: {:?}", find(s));
        }
    }

    #[test]
    fn the_period_a_document_covers_is_not_a_happening() {
        for (s, covers) in [
            (
                "The report offers a summary of the plans from 1945 through 1962.",
                true,
            ),
            (
                "The collection documents relations between 1953 and 1975.",
                true,
            ),
            ("This volume covers the years 1961–1963.", true),
            ("A series of files spanning 1950–1953 was opened.", true),
            ("The diary, kept in secret, covers 1942–1944.", true),
            (
                "The book describes how the armies fought from 1950 to 1953.",
                false,
            ),
            ("The war, spanning 1950–1953, ended where it began.", false),
            ("The report said that talks ran from 1971 to 1972.", false),
            ("The two countries fought from 1950 to 1953.", false),
        ] {
            let found = find(s);
            assert_eq!(found.len(), 1, "{s}: {found:?}");
            assert_eq!(found[0].when == When::Unusable(COVERAGE), covers, "{s}");
        }
    }

    /// In a title, a date written into a name dates the named thing; any other is not a happening.
    #[test]
    fn dates_in_titles() {
        for (title, want) in [
            (
                "Contents of the May 18th Party Central Committee Meeting",
                When::on(5, Some(18)),
            ),
            (
                "Report on the 1972 Joint Communiqué",
                When::Date(y(1972), None),
            ),
            (
                "Journal of Ambassador Puzanov for 8 December 1960",
                When::Unusable(TITLE),
            ),
            (
                "Inter-Korean Relations after the War, 1954-1961",
                When::Unusable(TITLE),
            ),
            ("Updated Jul 27, 2021 - World", When::Unusable(TITLE)),
        ] {
            let found = find_in_title(title);
            assert_eq!(found.len(), 1, "{title}: {found:?}");
            assert_eq!(found[0].when, want, "{title}");
        }
        // In a sentence, a day and month written into a name are the name's.
        assert_eq!(
            find("They discussed the May 18th Party Central Committee Meeting.")[0].when,
            When::Unusable(NAME)
        );
    }

    /// A day named without its year, then its year: one date, not two.
    #[test]
    fn a_day_and_the_year_after_it_are_one_date() {
        let cases: &[(&str, Result<Span, &str>, Option<&str>)] = &[
            (
                "in his New Year's Day speech in 2018",
                Ok((ymd(2018, 1, 1), None)),
                Some("speech in"),
            ),
            (
                "on Christmas Day in 1914",
                Ok((ymd(1914, 12, 25), None)),
                None,
            ),
            (
                "the Christmas Eve raid of 1971",
                Ok((ymd(1971, 12, 24), None)),
                Some("raid of"),
            ),
            (
                "on New Year’s Eve 1999",
                Ok((ymd(1999, 12, 31), None)),
                None,
            ),
            (
                "a May Day rally in 1968",
                Ok((ymd(1968, 5, 1), None)),
                Some("rally in"),
            ),
            (
                "On Bastille Day of 1880",
                Ok((ymd(1880, 7, 14), None)),
                None,
            ),
            ("on 25 June of 1950", Ok((ymd(1950, 6, 25), None)), None),
            (
                "the June 25 attack in 1950",
                Ok((ymd(1950, 6, 25), None)),
                Some("attack in"),
            ),
            ("In April of 1961", Ok((ym(1961, 4), None)), None),
            // Alone, a holiday takes its year from the date before.
            ("on Armistice Day", Ok((ymd(2020, 11, 11), None)), None),
        ];
        for (text, want, gap) in cases {
            let found = find(text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(
                &resolve(&found[0].when, after(ymd(2020, 6, 16))),
                want,
                "{text}"
            );
            assert_eq!(found[0].gap.clone().map(|g| &text[g]), *gap, "{text}");
        }
        // A verb, a pronoun or a comma between them: two dates.
        for text in [
            "On 13 June, talks began in 2018",
            "on 5 May they met in 1950",
            "on 5 May fighting resumed in 1950",
        ] {
            assert_eq!(find(text).len(), 2, "{text}: {:?}", find(text));
        }
    }

    /// `that day`, `that year`, `the year before` and the like count from the date before them,
    /// at the precision it has.
    #[test]
    fn that_day_that_year_and_the_year_before() {
        check(
            after(ymd(1962, 10, 16)),
            &[
                (
                    "Earlier in the day, the ships turned",
                    Ok((ymd(1962, 10, 16), None)),
                ),
                ("later in the day", Ok((ymd(1962, 10, 16), None))),
                ("earlier that day", Ok((ymd(1962, 10, 16), None))),
                (
                    "On that day the blockade began",
                    Ok((ymd(1962, 10, 16), None)),
                ),
                ("on the same day", Ok((ymd(1962, 10, 16), None))),
                (
                    "the day before, the photographs",
                    Ok((ymd(1962, 10, 15), None)),
                ),
                ("a month later", Ok((ym(1962, 11), None))),
                ("later that month", Ok((ym(1962, 10), None))),
                ("In that month alone", Ok((ym(1962, 10), None))),
                ("earlier that year", Ok((y(1962), None))),
                ("by the end of that year", Err(BOUND)),
                ("The year before, a coup failed", Ok((y(1961), None))),
                ("and the year after.", Ok((y(1963), None))),
                ("In April of that year", Ok((ym(1962, 4), None))),
                ("in March the following year", Ok((ym(1963, 3), None))),
                ("on 5 May of the previous year", Ok((ymd(1961, 5, 5), None))),
                (
                    "on December 2 of the same year",
                    Ok((ymd(1962, 12, 2), None)),
                ),
            ],
        );
        // Only as precise as the date before: a year gives no month or day.
        check(
            after(y(1962)),
            &[
                ("that year", Ok((y(1962), None))),
                ("In April of that year", Ok((ym(1962, 4), None))),
                ("that month", Err(NO_CONTEXT)),
                ("earlier in the day", Err(NO_CONTEXT)),
            ],
        );
        // Before or after something named, they count from it: not dates.
        for s in [
            "the year before the war",
            "the day after the vote",
            "the month after elections",
        ] {
            assert!(find(s).is_empty(), "{s}: {:?}", find(s));
        }
    }

    #[test]
    fn relative_dates_need_an_earlier_date_precise_enough() {
        assert_eq!(resolve(&When::Days(1), after(ym(2020, 6))), Err(NO_CONTEXT));
        assert_eq!(
            resolve(
                &When::Partial {
                    month: 6,
                    day: Some(13),
                    until_day: None,
                    weekday: None,
                },
                Anchors::default()
            ),
            Err(NO_YEAR)
        );
        assert_eq!(
            resolve(&When::Years(1), after(ymd(1948, 12, 10))),
            Ok((y(1949), None))
        );
    }

    #[test]
    fn a_day_before_what_follows_counts_on_from_the_date_before_it() {
        let s = "told me in an interview on January 4, a day before North Korea agreed to talk";
        let found = find(s);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            resolve(&found[1].when, after(ymd(2018, 1, 4))),
            Ok((ymd(2018, 1, 5), None))
        );
    }

    #[test]
    fn numbers_that_are_not_years() {
        for text in [
            "Security Council Resolution 2087 condemned it",
            "the 1,500-ton ROKS Cheonan",
            "150,000 spectators",
            "the COVID-19 pandemic",
            "around 6:07 pm",
            "a 98m tall flagpole",
            "Man Gyong Bong 92",
        ] {
            assert!(find(text).is_empty(), "{text}: {:?}", find(text));
        }
    }

    #[test]
    fn phrases_prepositions_and_attributive_dates() {
        let s = "In the first week of August 2015, a mine went off.";
        let m = &find(s)[0];
        assert_eq!(&s[m.phrase.clone()], "In the first week of August 2015");
        assert_eq!(m.prep.as_deref(), Some("in"));
        assert!(!m.attributive);

        let s = "Starting in 1998, the region was developed.";
        assert_eq!(&s[find(s)[0].phrase.clone()], "Starting in 1998");

        for (s, attributive) in [
            ("beginning with the 2018 Winter Olympics, it warmed.", true),
            (
                "The move follows a December 2023 incident where drones entered.",
                true,
            ),
            ("The 15 June 2000 Joint Declaration stated that.", true),
            ("the spirit of 15 June Joint Declaration", true),
            ("In May 2017 Moon Jae-in was elected.", false),
            ("In 2007 it was estimated.", false),
            ("January–September 2013 saw an escalation.", false),
        ] {
            assert_eq!(find(s)[0].attributive, attributive, "{s}");
        }
    }

    #[test]
    fn lists_plans_and_several_dates() {
        let found = find("in the years 1994, 1996, 2003, 2006, 2009, and 2013.");
        assert_eq!(found.len(), 6);
        assert!(found.iter().all(|m| m.when == When::Unusable(LIST)));

        let found = find(
            "South Korea announced on 23 June 2018 that it would not hold drills in September.",
        );
        assert_eq!(found[0].when, When::Date(ymd(2018, 6, 23), None));
        assert_eq!(found[1].when, When::Unusable(PLAN));

        let found = find(
            "Just a day later, Cho said both countries should meet at Panmunjom on January 9.",
        );
        assert_eq!(found[0].when, When::Days(1));
        assert_eq!(found[1].when, When::Unusable(PLAN));

        // A sentence in the future tense, as of its writing.
        let found = find("From this Tuesday, the two Koreas will resume their calls.");
        assert_eq!(found[0].when, When::Unusable(PLAN));
        let found = find("On Tuesday, the two Koreas resumed their calls.");
        assert!(found[0].usable());

        let found =
            find("annexed by Japan in 1910, the peninsula was divided on 2 September 1945.");
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn dates_in_a_list_of_titles_are_parts_of_the_names() {
        let s = "For more focused collections, see (1) Inter-Korean Relations after the War, 1954-1961; (2) Inter-Korean Competition, 1961-1970; and (5) Inter-Korean Dialogue, 1977-1980.";
        let found = find(s);
        assert_eq!(found.len(), 3);
        assert!(
            found.iter().all(|m| m.when == When::Unusable(NAME)),
            "{found:?}"
        );
        let s = "Other related collections include: Korea at the United Nations, 1988 Seoul Olympic Games, and the Two Koreas and the Third World.";
        assert_eq!(find(s)[0].when, When::Unusable(NAME));
        // A list that is not of names, and names without a list, keep their dates.
        for s in [
            "They may have a point: hours after the announcement in 1988, Ri faxed a message.",
            "When Seoul was chosen to host the 1988 Summer Olympics, North Korea tried a boycott.",
            "A phone call via the Inter-Korean Communication Channel, in Paju, South Korea, January 3, 2018.",
        ] {
            assert!(find(s)[0].usable(), "{s}");
        }
        // A day and month before a name are the name's; before a common noun, a date.
        assert_eq!(
            find("the spirit of 15 June Joint Declaration")[0].when,
            When::Unusable(NAME)
        );
        let m = &find("During a New Year's Day speech, Kim said he wanted athletes to come.")[0];
        assert!(m.usable() && m.attributive && m.opens, "{m:?}");
    }

    #[test]
    fn heading_years() {
        assert_eq!(heading_year("2019"), Some(y(2019)));
        assert_eq!(heading_year("Thaw in 2017 and 2018"), None);
        assert_eq!(heading_year("Division of Korea"), None);
    }
}

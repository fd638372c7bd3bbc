//! Date expressions in a sentence, and resolving the relative ones against an earlier date.
use std::ops::Range;

use chrono::Duration;

use super::text::{Kind, Token, tokens};
use crate::date::{HistDate, Precision};

/// What a date expression says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum When {
    /// A date with its year, and the end of a span if it has one.
    Date(HistDate, Option<HistDate>),
    /// A month, or a day and month, without the year (`On 13 June`, `In September`,
    /// `From 4 to 7 September`): the year comes from the date before it.
    Partial {
        month: u32,
        day: Option<u32>,
        until_day: Option<u32>,
    },
    /// `the next day`, `later that day`: days after the date before it.
    Days(i64),
    /// `the following month`.
    Months(i32),
    /// `the following year`, `that year`.
    Years(i32),
    /// A date the deck cannot use, and why.
    Unusable(&'static str),
}

/// A date expression found in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub when: When,
    /// The date's own words, as byte range of the sentence: `2 September 1945`.
    pub words: Range<usize>,
    /// With its preposition and qualifiers: `in the first week of August 2015`.
    pub phrase: Range<usize>,
    /// The preposition before it, lowercase: `in`, `on`, `from`, `until`, ...
    pub prep: Option<String>,
    /// It qualifies a noun (`the 2018 Winter Olympics`, `a December 2023 incident`).
    pub attributive: bool,
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
pub const OWN_DATE: &str = "counts from the day the text was written, which it does not give";
pub const NO_CONTEXT: &str = "no earlier date in the section to count from";

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

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Prepositions a date phrase may start with.
const PREPOSITIONS: [&str; 19] = [
    "in", "on", "by", "during", "from", "since", "until", "till", "through", "between", "around",
    "circa", "for", "at", "of", "before", "after", "to", "into",
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

fn is_dash(t: Option<&Token>) -> bool {
    t.is_some_and(|t| matches!(t.text, "–" | "-" | "—") || t.is("to"))
}

fn is_comma(t: Option<&Token>) -> bool {
    t.is_some_and(|t| t.text == ",")
}

/// Finds every date expression in a sentence.
pub fn find(sentence: &str) -> Vec<Mention> {
    let toks = tokens(sentence);
    let mut found: Vec<(Range<usize>, When)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match match_at(&toks, i) {
            Some((len, when)) => {
                found.push((i..i + len, when));
                i += len;
            }
            None => i += 1,
        }
    }
    let mut mentions: Vec<Mention> = found
        .into_iter()
        .map(|(span, when)| mention(&toks, span, when))
        .collect();
    join_spans(sentence, &mut mentions);
    mark_lists(&toks, &mut mentions);
    mark_bounds(&toks, &mut mentions);
    mentions
}

/// The date starting at token `i`: how many tokens it takes and what it says.
fn match_at(t: &[Token], i: usize) -> Option<(usize, When)> {
    let at = |k: usize| t.get(i + k);
    let day_at = |k| at(k).and_then(day);
    let month_at = |k| at(k).and_then(month);
    let year_at = |k| at(k).and_then(year);
    let full = |y, m, d| HistDate::day(y, m, d).map(|date| When::Date(date, None));

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
                },
            ),
        });
    }
    // 2 September 1945, 13 June
    if let (Some(d), Some(m)) = (day_at(0), month_at(1)) {
        let comma = usize::from(is_comma(at(2)));
        return Some(match year_at(2 + comma) {
            Some(y) => (3 + comma, full(y, m, d)?),
            None => (
                2,
                When::Partial {
                    month: m,
                    day: Some(d),
                    until_day: None,
                },
            ),
        });
    }
    if let Some(m) = month_at(0) {
        // December 08, 1960; July 27
        if let Some(d) = day_at(1).filter(|_| at(2).is_none_or(|n| n.text != ":")) {
            let comma = usize::from(is_comma(at(2)));
            return Some(match year_at(2 + comma) {
                Some(y) => (3 + comma, full(y, m, d)?),
                None => (
                    2,
                    When::Partial {
                        month: m,
                        day: Some(d),
                        until_day: None,
                    },
                ),
            });
        }
        // January–September 2013
        if let (true, Some(m2), Some(y)) = (is_dash(at(1)), month_at(2), year_at(3)) {
            return Some((
                4,
                When::Date(HistDate::month(y, m)?, Some(HistDate::month(y, m2)?)),
            ));
        }
        // April 2018
        if let Some(y) = year_at(1) {
            return Some((2, When::Date(HistDate::month(y, m)?, None)));
        }
        // In September (only after a preposition or a qualifier)
        let prev = i.checked_sub(1).map(|p| t[p].lower());
        let after_prep = prev.as_deref().is_some_and(|p| {
            PREPOSITIONS.contains(&p) || matches!(p, "early" | "late" | "mid" | "-")
        });
        if prev.as_deref() == Some("last") || prev.as_deref() == Some("next") {
            return Some((1, When::Unusable(OWN_DATE)));
        }
        if after_prep {
            return Some((
                1,
                When::Partial {
                    month: m,
                    day: None,
                    until_day: None,
                },
            ));
        }
        return None;
    }
    if let Some(y) = year_at(0) {
        if designator_before(t, i) {
            return None;
        }
        // 2019–2020, 1954-1961
        if is_dash(at(1)) && at(1).is_some_and(|d| !d.is("to")) {
            if let Some(y2) = year_at(2).filter(|y2| *y2 > y) {
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
    relative_at(t, i)
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
            "early" | "late" | "mid" | "starting" | "beginning" | "since" | "until"
        )
}

fn is_decade(s: &str) -> bool {
    let b = s.as_bytes();
    (b.len() == 5 || b.len() == 6 && b[4] == b'\'')
        && b[..3].iter().all(u8::is_ascii_digit)
        && b[3] == b'0'
        && b[b.len() - 1] == b's'
}

/// Relative words: `the next day`, `the following year`, `last year`, `on Tuesday`.
fn relative_at(t: &[Token], i: usize) -> Option<(usize, When)> {
    const PHRASES: &[(&[&str], When)] = &[
        (&["the", "next", "day"], When::Days(1)),
        (&["the", "following", "day"], When::Days(1)),
        (&["later", "that", "day"], When::Days(0)),
        (&["that", "same", "day"], When::Days(0)),
        (&["the", "same", "day"], When::Days(0)),
        (&["the", "following", "month"], When::Months(1)),
        (&["the", "next", "month"], When::Months(1)),
        (&["the", "following", "year"], When::Years(1)),
        (&["the", "next", "year"], When::Years(1)),
        (&["a", "year", "later"], When::Years(1)),
        (&["later", "that", "year"], When::Years(0)),
        (&["that", "same", "year"], When::Years(0)),
        (&["the", "same", "year"], When::Years(0)),
        (&["the", "previous", "year"], When::Years(-1)),
        (&["last", "year"], When::Unusable(OWN_DATE)),
        (&["last", "month"], When::Unusable(OWN_DATE)),
        (&["last", "week"], When::Unusable(OWN_DATE)),
        (&["next", "week"], When::Unusable(OWN_DATE)),
        (&["next", "month"], When::Unusable(OWN_DATE)),
        (&["this", "year"], When::Unusable(OWN_DATE)),
        (&["this", "month"], When::Unusable(OWN_DATE)),
        (&["this", "week"], When::Unusable(OWN_DATE)),
        (&["yesterday"], When::Unusable(OWN_DATE)),
        (&["today"], When::Unusable(OWN_DATE)),
        (&["tomorrow"], When::Unusable(OWN_DATE)),
    ];
    for (words, when) in PHRASES {
        let matches = words
            .iter()
            .enumerate()
            .all(|(k, w)| t.get(i + k).is_some_and(|tok| tok.is(w)));
        if matches {
            return Some((words.len(), when.clone()));
        }
    }
    let tok = &t[i];
    if tok.is_capitalized() && WEEKDAYS.contains(&tok.lower().as_str()) {
        // "Tuesday" alone, or "Tuesday morning, July 27": the date after it says more.
        return Some((1, When::Unusable(OWN_DATE)));
    }
    None
}

/// Builds a mention from its tokens: the preposition, qualifiers and whether it is attributive.
fn mention(t: &[Token], span: Range<usize>, when: When) -> Mention {
    let words = t[span.start].range.start..t[span.end - 1].range.end;
    let mut first = span.start;
    // "the first week of", "the end of", "early", "mid-"
    let lower = |k: usize| t[k].lower();
    if first >= 1 && matches!(lower(first - 1).as_str(), "early" | "late" | "mid") {
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
    if when == When::Unusable(DECADE) && first >= 1 && lower(first - 1) == "the" {
        first -= 1;
    }
    let relative = matches!(when, When::Days(_) | When::Months(_) | When::Years(_));
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
    let phrase = t[first].range.start..words.end;
    Mention {
        when,
        words,
        phrase,
        prep,
        attributive,
    }
}

/// `from 1950 to 1953`, `between 1973 and 1975`, `began on 10 March and ran until 20 March`:
/// two mentions that make one span.
fn join_spans(sentence: &str, mentions: &mut Vec<Mention>) {
    let mut k = 0;
    while k + 1 < mentions.len() {
        let (a, b) = (&mentions[k], &mentions[k + 1]);
        let between = &sentence[a.words.end..b.phrase.start];
        let between_words: Vec<&str> = between.split_whitespace().collect();
        let closes = match (a.prep.as_deref(), b.prep.as_deref()) {
            (Some("from"), Some("to")) => between_words.is_empty(),
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
        match span {
            Some(when) => {
                let b = mentions.remove(k + 1);
                let a = &mut mentions[k];
                a.when = when;
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
        (
            When::Partial {
                month,
                day: Some(d1),
                until_day: None,
            },
            When::Partial {
                month: m2,
                day: Some(d2),
                until_day: None,
            },
        ) if m2 == month && d2 > d1 => Some(When::Partial {
            month: *month,
            day: Some(*d1),
            until_day: Some(*d2),
        }),
        _ => None,
    }
}

/// `in the years 1994, 1996, 2003 and 2013`: years listed for one kind of happening.
fn mark_lists(t: &[Token], mentions: &mut [Mention]) {
    let joined = |a: &Mention, b: &Mention| {
        t.iter()
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

/// Dates that do not say when the sentence's happening was.
fn mark_bounds(t: &[Token], mentions: &mut [Mention]) {
    let word_before = |m: &Mention, word: &str| {
        t.iter()
            .take_while(|tok| tok.range.end <= m.phrase.start)
            .any(|tok| tok.is(word))
    };
    let usable = mentions.iter().filter(|m| m.usable()).count();
    for m in mentions.iter_mut() {
        if !m.usable() {
            continue;
        }
        let reason = match m.prep.as_deref() {
            Some("since") if word_before(m, "first") => Some(FIRST_SINCE),
            Some("before" | "after" | "by") => Some(BOUND),
            _ if usable > 1 && (word_before(m, "would") || word_before(m, "will")) => Some(PLAN),
            _ => None,
        };
        if let Some(reason) = reason {
            m.when = When::Unusable(reason);
        }
    }
}

/// A date and the end of its span.
pub type Span = (HistDate, Option<HistDate>);

/// Resolves what a mention says against the date before it; the date and its end.
pub fn resolve(when: &When, before: Option<HistDate>) -> Result<Span, &'static str> {
    let need = |precision: Precision| {
        before
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
        } => {
            let y = need(Precision::Year)?.get_year();
            let date = match day {
                Some(d) => HistDate::day(y, *month, *d),
                None => HistDate::month(y, *month),
            }
            .ok_or(NO_CONTEXT)?;
            let until = until_day.and_then(|d| HistDate::day(y, *month, d));
            Ok((date, until))
        }
        When::Days(n) => {
            let d = need(Precision::Day)?.first_day() + Duration::days(*n);
            Ok((HistDate::from(d), None))
        }
        When::Months(n) => {
            let d = need(Precision::Month)?;
            let index = d.get_year() * 12 + d.get_month().unwrap_or(1) as i32 - 1 + n;
            let date = HistDate::month(index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
            Ok((date.ok_or(NO_CONTEXT)?, None))
        }
        When::Years(n) => Ok((HistDate::year(need(Precision::Year)?.get_year() + n), None)),
    }
}

/// A line that is only a date (`December 08, 1960`): it dates what follows it.
pub fn dateline(text: &str) -> Option<HistDate> {
    let mentions = find(text);
    match mentions.as_slice() {
        [m] if m.words == (0..text.trim_end().len()) => match m.when {
            When::Date(date, None) => Some(date),
            _ => None,
        },
        _ => None,
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

    /// Each expression, resolved after `context`, gives this date and end (or the reason it is unusable).
    #[test]
    fn date_expressions() {
        let before = Some(ymd(2020, 6, 16));
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
            ("Since the 1970s", Err(DECADE)),
            ("in the late 1960s", Err(DECADE)),
            ("the first time since 2005", Err(FIRST_SINCE)),
            ("last year", Err(OWN_DATE)),
            ("since last April", Err(OWN_DATE)),
            ("on Tuesday", Err(OWN_DATE)),
        ];
        for (text, want) in cases {
            let found = find(text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(&resolve(&found[0].when, before), want, "{text}");
        }
    }

    #[test]
    fn relative_dates_need_an_earlier_date_precise_enough() {
        assert_eq!(resolve(&When::Days(1), Some(ym(2020, 6))), Err(NO_CONTEXT));
        assert_eq!(
            resolve(
                &When::Partial {
                    month: 6,
                    day: Some(13),
                    until_day: None
                },
                None
            ),
            Err(NO_CONTEXT)
        );
        assert_eq!(
            resolve(&When::Years(1), Some(ymd(1948, 12, 10))),
            Ok((y(1949), None))
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

        let found =
            find("annexed by Japan in 1910, the peninsula was divided on 2 September 1945.");
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn datelines_and_heading_years() {
        assert_eq!(dateline("December 08, 1960"), Some(ymd(1960, 12, 8)));
        assert_eq!(dateline("Report, Embassy of Hungary"), None);
        assert_eq!(dateline("Updated Jul 27, 2021 - World"), None);
        assert_eq!(heading_year("2019"), Some(y(2019)));
        assert_eq!(heading_year("Thaw in 2017 and 2018"), None);
        assert_eq!(heading_year("Division of Korea"), None);
    }
}

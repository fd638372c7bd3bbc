//! Lines whose date is not a sentence's: a news report's dateline (`SEOUL, June 17 —`), which
//! gives the day the report was written; and a listing's or timeline's date line (`• December 08,
//! 1960`, `- 1991: ...`, `2000 — ...`), which dates what is on it or under it.
use super::dates::{Mention, find};
use super::text::{Kind, Token, tokens};
use crate::date::HistDate;

/// A news report's dateline at the start of a paragraph: the place in capitals, perhaps a
/// region, a date and an agency, then a dash (`SEOUL, June 17 —`, `PYONGYANG (Reuters) -`,
/// `WASHINGTON, Jan. 5, 2018 (AP) —`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// Bytes it takes, with the dash and the spaces after it.
    pub len: usize,
    /// Its date, if it gives one: the day the report was written, not a happening.
    pub date: Option<Mention>,
}

pub const DATELINE: &str = "the dateline: the day the report was written, not a happening";

/// The longest a dateline runs, in tokens, before its dash.
const MAX_DATELINE: usize = 16;

fn dash(t: &Token) -> bool {
    matches!(t.text, "—" | "–" | "-")
}

/// A place in capitals: `SEOUL`, `NEW YORK`, `PORT-AU-PRINCE` (two letters at least).
fn capitals(t: &Token) -> bool {
    t.kind == Kind::Word
        && t.text.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !t.text.chars().any(char::is_lowercase)
}

/// The dateline opening `paragraph`, if it has one.
pub fn report_dateline(paragraph: &str) -> Option<Dateline> {
    let t = tokens(paragraph);
    let mut k = t.iter().take_while(|x| capitals(x)).count();
    if k == 0 {
        return None;
    }
    let mentions = find(paragraph);
    let mut date = None;
    let mut region = false;
    while !dash(t.get(k)?) {
        if k > MAX_DATELINE {
            return None;
        }
        let x = &t[k];
        if x.text == "," {
            k += 1;
        } else if x.text == "(" {
            // The agency: `(Reuters)`, `(AP)`.
            let close = k + t[k..].iter().take(6).position(|y| y.text == ")")?;
            k = close + 1;
        } else if let Some(m) = mentions.iter().find(|m| m.words.start == x.range.start) {
            if date.is_some() {
                return None;
            }
            date = Some(m.clone());
            k = t.iter().position(|y| y.range.start >= m.words.end)?;
        } else if x.kind == Kind::Word && x.is_capitalized() && date.is_none() && !region {
            // `SEOUL, South Korea, June 17 —`
            while t
                .get(k)
                .is_some_and(|y| y.kind == Kind::Word && y.is_capitalized())
            {
                k += 1;
            }
            region = true;
        } else {
            return None;
        }
    }
    let after = t[k].range.end;
    let rest = paragraph[after..].trim_start();
    // What follows opens a sentence (`NATO — the alliance grew` is not a dateline).
    let opens = rest
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“'‘".contains(c));
    opens.then_some(Dateline {
        len: paragraph.len() - rest.len(),
        date,
    })
}

/// A line that opens with a date and then a colon or a dash, or that is only a date: a
/// listing's or a timeline's entry (`December 08, 1960`, `27 April 2018 – Moon and Kim meet`,
/// `1991: Both Koreas join the UN`, `2000 — Summit in Pyongyang`, `1950–1953:`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The date it opens with.
    pub date: Mention,
    /// Where the text after the colon or dash starts (the line's length when there is none).
    pub rest: usize,
}

/// The entry `line` makes, if it opens with a date and a colon or dash (or is only a date).
pub fn entry(line: &str) -> Option<Entry> {
    let mentions = find(line);
    let date = mentions.first().filter(|m| m.words.start == 0)?;
    let after = line[date.words.end..].trim_start();
    let rest = match after.chars().next() {
        None => line.len(),
        Some(c @ (':' | '–' | '—' | '-')) => {
            line.len() - after[c.len_utf8()..].trim_start().len()
        }
        Some(_) => return None,
    };
    Some(Entry {
        date: date.clone(),
        rest,
    })
}

/// The day a text was written, made more precise by its dateline when they agree (a text known to
/// be of 2020 whose dateline says `June 17` was written on 17 June 2020).
pub fn refine(written: Option<HistDate>, dateline: HistDate) -> Option<HistDate> {
    match written {
        None => Some(dateline),
        Some(w)
            if super::dates::compatible(w, dateline) && dateline.precision() > w.precision() =>
        {
            Some(dateline)
        }
        w => w,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A paragraph, and what its dateline takes with its date's words.
    type Case = (&'static str, Option<(&'static str, Option<&'static str>)>);

    #[test]
    fn report_datelines() {
        let cases: &[Case] = &[
            (
                "SEOUL, June 17 — North Korea blew up the office.",
                Some(("SEOUL, June 17 — ", Some("June 17"))),
            ),
            (
                "PYONGYANG (Reuters) - The North said on Monday that it would talk.",
                Some(("PYONGYANG (Reuters) - ", None)),
            ),
            (
                "WASHINGTON, Jan. 5, 2018 (AP) — The talks were agreed.",
                Some(("WASHINGTON, Jan. 5, 2018 (AP) — ", Some("Jan. 5, 2018"))),
            ),
            (
                "BEIJING, China, 3 March 1998 – Delegates met.",
                Some(("BEIJING, China, 3 March 1998 – ", Some("3 March 1998"))),
            ),
            ("NEW YORK — A vote was held.", Some(("NEW YORK — ", None))),
            // Not datelines: an acronym that opens a sentence, a dash later on, a capital word.
            ("UN forces landed at Incheon — a gamble that worked.", None),
            ("NATO — the alliance of 1949 — grew.", None),
            ("US-ROK drills began on 5 March.", None),
            ("Seoul, June 17 — the office was blown up.", None),
            ("SEOUL —", None),
        ];
        for (paragraph, want) in cases {
            let got = report_dateline(paragraph)
                .map(|d| (&paragraph[..d.len], d.date.map(|m| &paragraph[m.words])));
            assert_eq!(got, *want, "{paragraph}");
        }
    }

    #[test]
    fn entries_of_listings_and_timelines() {
        // (line, its date's words, the text after it)
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            ("December 08, 1960", Some(("December 08, 1960", ""))),
            (
                "27 April 2018 – Moon and Kim meet",
                Some(("27 April 2018", "Moon and Kim meet")),
            ),
            (
                "1991: Both Koreas join the UN.",
                Some(("1991", "Both Koreas join the UN.")),
            ),
            (
                "2000 — Summit in Pyongyang",
                Some(("2000", "Summit in Pyongyang")),
            ),
            ("1950–1953:", Some(("1950–1953", ""))),
            (
                "June 25: North Korea invades",
                Some(("June 25", "North Korea invades")),
            ),
            ("1989 - The Wall falls", Some(("1989", "The Wall falls"))),
            // A sentence that opens with a date, a title with a date later on.
            ("1991 was a year of change.", None),
            ("In 1991: a summary", None),
            ("Updated Jul 27, 2021 - World", None),
            ("December 08, 1960, was cold", None),
        ];
        for (line, want) in cases {
            let got = entry(line).map(|e| (&line[e.date.words.clone()], &line[e.rest..]));
            assert_eq!(got, *want, "{line}");
        }
    }

    #[test]
    fn a_dateline_makes_the_day_of_writing_more_precise_when_they_agree() {
        let day = HistDate::day(2020, 6, 17).unwrap();
        assert_eq!(refine(None, day), Some(day));
        assert_eq!(refine(Some(HistDate::year(2020)), day), Some(day));
        // The text's own date wins when they disagree or it is as precise.
        let other = HistDate::day(2020, 6, 18).unwrap();
        assert_eq!(refine(Some(other), day), Some(other));
        assert_eq!(
            refine(Some(HistDate::year(2019)), day),
            Some(HistDate::year(2019))
        );
    }
}

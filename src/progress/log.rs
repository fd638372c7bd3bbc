//! The review log: one line per answer, tab-separated, appended and never rewritten.
//!
//! The first line is a header; then each line holds, separated by tabs, the time
//! (RFC 3339 with the local offset), the card id, the entry (a grade: `again`, `hard`,
//! `good`, `easy`; or `undo`, `suspend`, `unsuspend`), the seconds the answer took and
//! what was typed (tabs, newlines and backslashes escaped as `\t`, `\n`, `\\`):
//!
//! ```text
//! # recall review log v1: time, card, grade, seconds, answer
//! 2026-11-21T09:15:02.000+09:00→panmunjom-declaration/when→good→4.2→April 2018
//! ```
//! (→ stands for a tab.)
//!
//! An `undo` line's last field names the answer it takes back: that answer's time and the
//! device whose log holds it (`2026-11-21T09:15:02.000+09:00 laptop`). An undo from before
//! recall wrote that (an empty field) takes back the card's last answer in its own log.
use chrono::{DateTime, FixedOffset, SecondsFormat, SubsecRound, Utc};

use crate::{error::Located, grade::Grade};

pub const HEADER: &str = "# recall review log v1: time, card, entry, seconds, answer";

/// What a line records. Changes of mind are new lines, never edits of old ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Entry {
    Answer(Grade),
    /// Takes back the answer it names (see [`Record::undo`]).
    Undo,
    Suspend,
    Unsuspend,
}

impl std::fmt::Display for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Entry::Answer(grade) => write!(f, "{grade}"),
            Entry::Undo => f.write_str("undo"),
            Entry::Suspend => f.write_str("suspend"),
            Entry::Unsuspend => f.write_str("unsuspend"),
        }
    }
}

impl std::str::FromStr for Entry {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "undo" => Ok(Entry::Undo),
            "suspend" => Ok(Entry::Suspend),
            "unsuspend" => Ok(Entry::Unsuspend),
            _ => Grade::ALL
                .into_iter()
                .find(|g| g.name() == s)
                .map(Entry::Answer)
                .ok_or_else(|| format!("unknown entry `{s}` (written by a newer recall?)")),
        }
    }
}

/// One line of the log.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub at: DateTime<FixedOffset>,
    pub card: String,
    pub entry: Entry,
    pub seconds: f32,
    /// What the student typed (empty for self-graded cards).
    pub typed: String,
}

impl Record {
    /// An answer at `at` (to the millisecond, as the log keeps it).
    pub fn answer(
        at: DateTime<FixedOffset>,
        card: &str,
        grade: Grade,
        seconds: f32,
        typed: &str,
    ) -> Self {
        Self {
            at: at.trunc_subsecs(3),
            card: card.to_owned(),
            entry: Entry::Answer(grade),
            seconds,
            typed: typed.to_owned(),
        }
    }

    /// An entry with no answer: undo, suspend, unsuspend.
    pub fn mark(at: DateTime<FixedOffset>, card: &str, entry: Entry) -> Self {
        Self {
            at: at.trunc_subsecs(3),
            card: card.to_owned(),
            entry,
            seconds: 0.0,
            typed: String::new(),
        }
    }

    /// An undo at `at` of the answer to `card` given at `undone` on `device` (a log's
    /// [`device`](super::device_name) name).
    pub fn undo(
        at: DateTime<FixedOffset>,
        card: &str,
        undone: DateTime<Utc>,
        device: &str,
    ) -> Self {
        let mut record = Self::mark(at, card, Entry::Undo);
        record.typed = format!(
            "{} {device}",
            undone.to_rfc3339_opts(SecondsFormat::Millis, true)
        );
        record
    }

    /// For an undo, the time and device of the answer it takes back, if it names one.
    pub fn undoes(&self) -> Option<(DateTime<Utc>, &str)> {
        undoes(self.entry, &self.typed)
    }

    pub fn grade(&self) -> Option<Grade> {
        match self.entry {
            Entry::Answer(grade) => Some(grade),
            _ => None,
        }
    }

    pub fn utc(&self) -> DateTime<Utc> {
        self.at.with_timezone(&Utc)
    }

    /// The line as written to the log, with its newline.
    pub fn to_line(&self) -> String {
        format!(
            "{}\t{}\t{}\t{:.1}\t{}\n",
            self.at.to_rfc3339_opts(SecondsFormat::Millis, true),
            self.card,
            self.entry,
            self.seconds,
            escape(&self.typed)
        )
    }

    /// Reads one line; the error says what is wrong with it.
    pub fn parse(line: &str) -> Result<Self, String> {
        Line::parse(line).map(|line| line.to_record())
    }
}

/// The longest an answer can have taken: a day. A longer one is a damaged or hostile line.
pub const MAX_SECONDS: f32 = 86_400.0;

/// One line of the log as read, borrowing from the log's text: reading a long log
/// allocates nothing per line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Line<'a> {
    pub at: DateTime<FixedOffset>,
    pub card: &'a str,
    pub entry: Entry,
    pub seconds: f32,
    /// What was typed, still escaped as in the file.
    pub typed: &'a str,
}

impl<'a> Line<'a> {
    /// Reads one line (without its newline); the error says what is wrong with it.
    pub fn parse(line: &'a str) -> Result<Self, String> {
        let mut fields = [""; 5];
        let mut found = 0;
        for field in line.split('\t').take(5) {
            fields[found] = field;
            found += 1;
        }
        if found < 4 {
            return Err(format!(
                "expected at least 4 tab-separated fields, found {found}"
            ));
        }
        let at = parse_time(fields[0]).map_err(|e| format!("bad time `{}`: {e}", fields[0]))?;
        let card = fields[1];
        if card.is_empty() || card.contains(char::is_whitespace) {
            return Err(format!("bad card id `{card}`"));
        }
        let entry = fields[2].parse::<Entry>()?;
        if at.timestamp() < 0 {
            return Err(format!("time `{}` is before 1970", fields[0]));
        }
        let seconds = fields[3]
            .parse::<f32>()
            .ok()
            .filter(|s| s.is_finite() && *s >= 0.0)
            .ok_or_else(|| format!("bad duration `{}`", fields[3]))?;
        if seconds > MAX_SECONDS {
            return Err(format!(
                "duration `{}` is more than a day; no answer takes that long",
                fields[3]
            ));
        }
        Ok(Self {
            at,
            card,
            entry,
            seconds,
            typed: fields[4],
        })
    }

    pub fn utc(&self) -> DateTime<Utc> {
        self.at.with_timezone(&Utc)
    }

    /// As [`Record::undoes`].
    pub fn undoes(&self) -> Option<(DateTime<Utc>, &'a str)> {
        undoes(self.entry, self.typed)
    }

    pub fn to_record(self) -> Record {
        Record {
            at: self.at,
            card: self.card.to_owned(),
            entry: self.entry,
            seconds: self.seconds,
            typed: unescape(self.typed),
        }
    }
}

fn undoes(entry: Entry, field: &str) -> Option<(DateTime<Utc>, &str)> {
    if entry != Entry::Undo {
        return None;
    }
    let (at, device) = field.split_once(' ')?;
    let at = parse_time(at).ok()?;
    (!device.is_empty()).then(|| (at.with_timezone(&Utc), device))
}

/// An RFC 3339 time. The form recall writes (`2026-11-21T09:15:02.250+09:00`, or `Z`) is
/// read directly, as parsing a million of them with chrono took a fifth of a replay;
/// anything else goes to chrono, which decides.
pub(super) fn parse_time(s: &str) -> chrono::ParseResult<DateTime<FixedOffset>> {
    fn fast(s: &[u8]) -> Option<DateTime<FixedOffset>> {
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            s.get(range)?.iter().try_fold(0, |n, &b| {
                b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
            })
        };
        let punctuation = [
            (4, b'-'),
            (7, b'-'),
            (10, b'T'),
            (13, b':'),
            (16, b':'),
            (19, b'.'),
        ];
        if punctuation.iter().any(|&(i, c)| s.get(i) != Some(&c)) {
            return None;
        }
        let offset = match (s.len(), s.get(23)?) {
            (24, b'Z') => 0,
            (29, sign @ (b'+' | b'-')) if s[26] == b':' => {
                let east = i32::try_from(digits(24..26)? * 3600 + digits(27..29)? * 60).ok()?;
                if *sign == b'-' { -east } else { east }
            }
            _ => return None,
        };
        let date = chrono::NaiveDate::from_ymd_opt(
            i32::try_from(digits(0..4)?).ok()?,
            digits(5..7)?,
            digits(8..10)?,
        )?;
        let time = chrono::NaiveTime::from_hms_milli_opt(
            digits(11..13)?,
            digits(14..16)?,
            digits(17..19).filter(|&s| s < 60)?,
            digits(20..23)?,
        )?;
        let offset = FixedOffset::east_opt(offset)?;
        date.and_time(time).and_local_timezone(offset).single()
    }
    match fast(s.as_bytes()) {
        Some(at) => Ok(at),
        None => DateTime::parse_from_rfc3339(s),
    }
}

/// Every record of a log's text, and a problem for each line that is not one.
/// Nothing is dropped silently: a bad line is reported and skipped, and stays in the file.
pub fn parse_log(path: &str, text: &str) -> (Vec<Record>, Vec<Located>) {
    let (lines, problems) = parse_lines(path, text);
    (lines.into_iter().map(Line::to_record).collect(), problems)
}

/// [`parse_log`], borrowing from `text`.
pub fn parse_lines<'a>(path: &str, text: &'a str) -> (Vec<Line<'a>>, Vec<Located>) {
    let mut lines = Vec::with_capacity(text.len() / 64);
    let mut problems = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let complete = line.ends_with('\n');
        let line = line.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if !complete {
            // Every record is written with its newline in one go: without it, the write was cut short.
            problems.push(Located::at(
                path,
                text,
                start,
                "the last line is incomplete (recall was stopped while writing it); skipped",
            ));
            continue;
        }
        match Line::parse(line) {
            Ok(parsed) => lines.push(parsed),
            Err(why) => problems.push(Located::at(
                path,
                text,
                start,
                format!("{why}; line skipped"),
            )),
        }
    }
    (lines, problems)
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typed: &str) -> Record {
        Record {
            at: DateTime::parse_from_rfc3339("2026-11-21T09:15:02.250+09:00").unwrap(),
            card: "panmunjom-declaration/when".into(),
            entry: Entry::Answer(Grade::Hard),
            seconds: 4.25,
            typed: typed.into(),
        }
    }

    #[test]
    fn a_record_round_trips_through_its_line() {
        for typed in ["", "April 2018", "a\tb\\c\nd", "Chosŏn"] {
            let line = record(typed).to_line();
            assert!(line.ends_with('\n') && line.matches('\n').count() == 1);
            let back = Record::parse(line.trim_end()).unwrap();
            assert_eq!(back.typed, typed);
            assert_eq!(back.at, record(typed).at);
            assert_eq!(back.entry, Entry::Answer(Grade::Hard));
        }
        assert_eq!(
            record("April 2018").to_line(),
            "2026-11-21T09:15:02.250+09:00\tpanmunjom-declaration/when\thard\t4.2\tApril 2018\n"
        );
    }

    #[test]
    fn bad_and_torn_lines_are_reported_with_line_numbers_and_skipped() {
        let good = record("x").to_line();
        let text = format!(
            "{HEADER}\n{good}garbage\n{good}2026-11-21T09:15:02Z\tc/when\tbury\t1.0\t\n{}",
            &good[..20]
        );
        let (records, problems) = parse_log("log.tsv", &text);
        assert_eq!(records.len(), 2);
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [3, 5, 6]);
        assert!(problems[1].message.contains("newer recall"));
        assert!(problems[2].message.contains("incomplete"));
    }

    /// The direct reading of times agrees with chrono's: the same instant and offset, or an error.
    fn agrees_with_chrono(s: &str) {
        let ours = parse_time(s).map(|t| (t, t.offset().local_minus_utc()));
        let chrono = DateTime::parse_from_rfc3339(s).map(|t| (t, t.offset().local_minus_utc()));
        assert_eq!(ours.ok(), chrono.ok(), "{s}");
    }

    #[test]
    fn times_in_other_forms_are_read_as_chrono_reads_them() {
        for s in [
            "2026-11-21T09:15:02.250+09:00",
            "2026-11-21T09:15:02.250Z",
            "2026-11-21T09:15:02.250-00:00",
            "2016-12-31T23:59:60.000Z",
            "2026-02-30T09:15:02.250Z",
            "2026-11-21T24:15:02.250Z",
            "2026-11-21T09:15:02.250+24:00",
            "2026-11-21t09:15:02.250z",
            "2026-11-21 09:15:02Z",
            "2026-11-21T09:15:02Z",
            "2026-11-21T09:15:02.25+09:00",
            "2026-11-21T09:15:02.250123+09:30",
            "+2026-11-21T09:15:02.250Z",
            "2026-11-21T09:15:02.250+0900",
            "2026-1a-21T09:15:02.250Z",
            "",
        ] {
            agrees_with_chrono(s);
        }
    }

    proptest::proptest! {
        #[test]
        fn times_as_written_are_read_as_chrono_reads_them(
            secs in -62_000_000_000i64..250_000_000_000,
            millis in 0u32..1000,
            offset_minutes in -1439i32..1440,
        ) {
            let offset = FixedOffset::east_opt(offset_minutes * 60).unwrap();
            let at = DateTime::from_timestamp(secs, millis * 1_000_000).unwrap().with_timezone(&offset);
            let written = at.to_rfc3339_opts(SecondsFormat::Millis, true);
            agrees_with_chrono(&written);
            assert_eq!(parse_time(&written).unwrap(), at);
        }
    }
}

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
use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};

use crate::{error::Located, grade::Grade};

pub const HEADER: &str = "# recall review log v1: time, card, entry, seconds, answer";

/// What a line records. Changes of mind are new lines, never edits of old ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Entry {
    Answer(Grade),
    /// Takes back the card's latest answer.
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
    /// An answer at `at`.
    pub fn answer(
        at: DateTime<FixedOffset>,
        card: &str,
        grade: Grade,
        seconds: f32,
        typed: &str,
    ) -> Self {
        Self {
            at,
            card: card.to_owned(),
            entry: Entry::Answer(grade),
            seconds,
            typed: typed.to_owned(),
        }
    }

    /// An entry with no answer: undo, suspend, unsuspend.
    pub fn mark(at: DateTime<FixedOffset>, card: &str, entry: Entry) -> Self {
        Self {
            at,
            card: card.to_owned(),
            entry,
            seconds: 0.0,
            typed: String::new(),
        }
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

    /// Whether both are written as the same line, without writing them out.
    pub fn same_line(&self, other: &Self) -> bool {
        if self.card != other.card || self.entry != other.entry || self.typed != other.typed {
            return false;
        }
        let same_time = self.at == other.at && self.at.offset() == other.at.offset();
        // Times within a millisecond, or durations that round alike, may still be written alike.
        (same_time && self.seconds == other.seconds) || self.to_line() == other.to_line()
    }

    /// Reads one line; the error says what is wrong with it.
    pub fn parse(line: &str) -> Result<Self, String> {
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
        let at = DateTime::parse_from_rfc3339(fields[0])
            .map_err(|e| format!("bad time `{}`: {e}", fields[0]))?;
        let card = fields[1];
        if card.is_empty() || card.contains(char::is_whitespace) {
            return Err(format!("bad card id `{card}`"));
        }
        let entry = fields[2].parse::<Entry>()?;
        let seconds = fields[3]
            .parse::<f32>()
            .ok()
            .filter(|s| s.is_finite() && *s >= 0.0)
            .ok_or_else(|| format!("bad duration `{}`", fields[3]))?;
        let typed = unescape(fields[4]);
        Ok(Self {
            at,
            card: card.to_owned(),
            entry,
            seconds,
            typed,
        })
    }
}

/// Every record of a log's text, and a problem for each line that is not one.
/// Nothing is dropped silently: a bad line is reported and skipped, and stays in the file.
pub fn parse_log(path: &str, text: &str) -> (Vec<Record>, Vec<Located>) {
    let mut records = Vec::new();
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
        match Record::parse(line) {
            Ok(record) => records.push(record),
            Err(why) => problems.push(Located::at(
                path,
                text,
                start,
                format!("{why}; line skipped"),
            )),
        }
    }
    (records, problems)
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
}

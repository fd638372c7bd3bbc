//! Historical dates known to a decade, a year, a month or a day.
//!
//! Years use astronomical numbering, as chrono does: year 0 is 1 BC and year -43 is 44 BC.

use std::cmp::Ordering;
use std::fmt;

use chrono::{Datelike, NaiveDate};

/// The months' names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The years a date may have (astronomical numbering: -9999 is 10000 BC).
pub const YEARS: std::ops::RangeInclusive<i32> = -9999..=9999;
pub const OUT_OF_RANGE: &str = "the year must be from -9999 to 9999 (-499 is 500 BC)";

const CANONICAL_FORMS: &str = "expected a date like 2018-04-27, 2018-04 or 2018";
const TYPED_FORMS: &str = "expected a date like 27 April 2018, 2018-04-27, April 2018 or 2018";
const FULL_YEAR: &str = "write the year in full, e.g. 2018";
const NO_YEAR: &str = "give the year too, e.g. 27 April 2018";
const AMBIGUOUS: &str = "ambiguous day and month: write the month as a word, e.g. 27 April 2018";

/// How much of a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// "the 1970s": what a text dates only that loosely ("since the 1970s").
    Decade,
    Year,
    Month,
    Day,
}

impl Precision {
    /// "year", "month" or "day".
    pub fn name(self) -> &'static str {
        match self {
            Precision::Decade => "decade",
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

/// A historical date known to a year, a month or a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct HistDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
    /// Known only to its decade; `year` is then the decade's first year.
    decade: bool,
}

impl HistDate {
    /// A date known only to its year.
    pub fn year(year: i32) -> Self {
        HistDate {
            year,
            month: None,
            day: None,
            decade: false,
        }
    }

    /// The decade `year` falls in ("the 1970s" for 1975).
    pub fn decade(year: i32) -> Self {
        HistDate {
            year: year - year.rem_euclid(10),
            month: None,
            day: None,
            decade: true,
        }
    }

    /// A date known to its month; `None` unless `month` is 1 to 12.
    pub fn month(year: i32, month: u32) -> Option<Self> {
        let month = u8::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
        Some(HistDate {
            year,
            month: Some(month),
            day: None,
            decade: false,
        })
    }

    /// A date known to the day; `None` unless it is a real calendar day.
    pub fn day(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(Self::from)
    }

    /// The year (0 is 1 BC).
    pub fn get_year(&self) -> i32 {
        self.year
    }

    /// The month, 1 to 12, if known.
    pub fn get_month(&self) -> Option<u32> {
        self.month.map(u32::from)
    }

    /// The day of the month, if known.
    pub fn get_day(&self) -> Option<u32> {
        self.day.map(u32::from)
    }

    /// How much of the date is known.
    pub fn precision(&self) -> Precision {
        if self.decade {
            return Precision::Decade;
        }
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The date cut down to at most `precision`; it never adds precision.
    pub fn truncate(&self, precision: Precision) -> Self {
        match precision.min(self.precision()) {
            Precision::Decade => Self::decade(self.year),
            Precision::Year => Self::year(self.year),
            Precision::Month => HistDate { day: None, ..*self },
            Precision::Day => *self,
        }
    }

    /// Parses the form used in deck files: "2018-04-27", "2018-04" or "2018".
    ///
    /// The error is a short lowercase message saying what form is expected.
    pub fn parse_canonical(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if let Some(decade) = s.strip_suffix('s') {
            return match decade.parse::<i32>() {
                Ok(y) if y % 10 == 0 && (1000..=9990).contains(&y) => Ok(Self::decade(y)),
                _ => Err("a decade is written like 1970s".to_string()),
            };
        }
        let (negative, rest) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let year = |y: &str| {
            let year = Some(y)
                .filter(|y| !y.is_empty() && y.bytes().all(|b| b.is_ascii_digit()))
                .ok_or(CANONICAL_FORMS.to_string())?;
            // Digits past the range are never parsed as a number, so nothing can wrap.
            year.trim_start_matches('0')
                .parse::<i32>()
                .ok()
                .or(Some(0).filter(|_| year.bytes().all(|b| b == b'0')))
                .map(|y| if negative { -y } else { y })
                .filter(|y| YEARS.contains(y))
                .ok_or_else(|| OUT_OF_RANGE.to_string())
        };
        let two_digits = |p: &str| {
            Some(p)
                .filter(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|p| p.parse::<u32>().ok())
                .ok_or(CANONICAL_FORMS.to_string())
        };
        let parts: Vec<&str> = rest.split('-').collect();
        match *parts.as_slice() {
            [y] => Ok(Self::year(year(y)?)),
            [y, m] => Self::month(year(y)?, two_digits(m)?)
                .ok_or_else(|| "the month must be 01 to 12".to_string()),
            [y, m, d] => Self::day(year(y)?, two_digits(m)?, two_digits(d)?)
                .ok_or_else(|| "it is not a calendar day".to_string()),
            _ => Err(CANONICAL_FORMS.to_string()),
        }
    }

    /// The deck-file form, the inverse of [`HistDate::parse_canonical`].
    pub fn canonical(&self) -> String {
        if self.decade {
            return format!("{}s", self.year);
        }
        let year = if self.year < 0 {
            format!("-{:04}", -i64::from(self.year))
        } else {
            format!("{:04}", self.year)
        };
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{year}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{year}-{m:02}"),
            _ => year,
        }
    }

    /// The first calendar day it covers (for day counting and sorting).
    ///
    /// Years beyond chrono's range give chrono's earliest or latest day.
    pub fn first_day(&self) -> NaiveDate {
        let month = self.get_month().unwrap_or(1);
        let day = self.get_day().unwrap_or(1);
        NaiveDate::from_ymd_opt(self.year, month, day).unwrap_or(if self.year < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
    }
}

impl From<NaiveDate> for HistDate {
    fn from(date: NaiveDate) -> Self {
        HistDate {
            year: date.year(),
            month: Some(date.month() as u8),
            day: Some(date.day() as u8),
            decade: false,
        }
    }
}

impl Ord for HistDate {
    /// Chronological; at an equal prefix the less precise date comes first.
    fn cmp(&self, other: &Self) -> Ordering {
        // `None` sorts before `Some`, which puts "2018" before "2018-04"; and "the 2010s"
        // before 2010.
        (self.year, !self.decade, self.month, self.day).cmp(&(
            other.year,
            !other.decade,
            other.month,
            other.day,
        ))
    }
}

impl PartialOrd for HistDate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for HistDate {
    /// "27 April 2018", "April 2018" or "2018"; "44 BC" and "AD 18" for early years.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.decade {
            return write!(f, "the {}s", self.year);
        }
        if let Some(day) = self.day {
            write!(f, "{day} ")?;
        }
        if let Some(month) = self.month {
            write!(f, "{} ", month_name(u32::from(month)))?;
        }
        write!(f, "{}", year_text(self.year))
    }
}

fn month_name(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| MONTHS.get(i as usize))
        .copied()
        .unwrap_or("?")
}

// A plain "18" would read back as a two-digit year, so early years carry their era.
fn year_text(year: i32) -> String {
    match year {
        ..=0 => format!("{} BC", 1 - i64::from(year)),
        1..=99 => format!("AD {year}"),
        _ => year.to_string(),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Era {
    Bc,
    Ad,
}

#[derive(Debug)]
struct Number<'a> {
    digits: &'a str,
    ordinal: bool,
}

impl Number<'_> {
    /// A day or month number: at most two digits.
    fn small(&self) -> Result<u32, String> {
        match self.digits.len() {
            1 | 2 => self.digits.parse().map_err(|_| TYPED_FORMS.to_string()),
            _ => Err(TYPED_FORMS.to_string()),
        }
    }

    fn is_long(&self) -> bool {
        self.digits.len() >= 3
    }

    fn year(&self, era: Option<Era>) -> Result<i32, String> {
        if self.ordinal {
            return Err(TYPED_FORMS.to_string());
        }
        if era.is_none() && !self.is_long() {
            return Err(FULL_YEAR.to_string());
        }
        let n: i64 = self.digits.parse().map_err(|_| "that year is too large")?;
        let year = match era {
            Some(_) if n == 0 => return Err("there is no year 0: 1 BC is followed by AD 1".into()),
            Some(Era::Bc) => 1 - n,
            _ => n,
        };
        i32::try_from(year)
            .ok()
            .filter(|y| YEARS.contains(y))
            .ok_or_else(|| "a year must be from 10000 BC to AD 9999".to_string())
    }
}

#[derive(Debug)]
enum Token<'a> {
    Number(Number<'a>),
    Month(u32),
}

fn month_from_word(word: &str) -> Option<u32> {
    if word.chars().count() < 3 {
        return None;
    }
    let position = MONTHS
        .iter()
        .position(|m| m.to_lowercase().starts_with(word))?;
    u32::try_from(position + 1).ok()
}

fn prefix_len(s: &str, keep: impl Fn(char) -> bool) -> usize {
    s.find(|c: char| !keep(c)).unwrap_or(s.len())
}

/// Splits typed text into numbers and month names; anything else that is not a letter or
/// digit separates them.
fn tokenize(lower: &str) -> Result<(Vec<Token<'_>>, Option<Era>), String> {
    let mut tokens = Vec::new();
    let mut era = None;
    let mut rest = lower;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() {
            let (digits, tail) = rest.split_at(prefix_len(rest, |c| c.is_ascii_digit()));
            let (suffix, after) = tail.split_at(prefix_len(tail, char::is_alphabetic));
            let ordinal = matches!(suffix, "st" | "nd" | "rd" | "th");
            rest = if ordinal { after } else { tail };
            tokens.push(Token::Number(Number { digits, ordinal }));
        } else if c.is_alphabetic() {
            let (word, tail) = rest.split_at(prefix_len(rest, char::is_alphabetic));
            rest = tail;
            let word_era = match word {
                "of" | "the" => continue,
                "bc" | "bce" => Era::Bc,
                "ad" | "ce" => Era::Ad,
                _ => {
                    let month = month_from_word(word)
                        .ok_or_else(|| format!("could not read `{word}` as a month"))?;
                    tokens.push(Token::Month(month));
                    continue;
                }
            };
            if era.replace(word_era).is_some() {
                return Err(TYPED_FORMS.to_string());
            }
        } else {
            rest = &rest[c.len_utf8()..];
        }
    }
    Ok((tokens, era))
}

fn month_date(year: i32, month: u32) -> Result<HistDate, String> {
    HistDate::month(year, month).ok_or_else(|| "the month must be 1 to 12".to_string())
}

fn day_date(year: i32, month: u32, day: u32) -> Result<HistDate, String> {
    if !(1..=12).contains(&month) {
        return Err("the month must be 1 to 12".to_string());
    }
    HistDate::day(year, month, day)
        .ok_or_else(|| format!("{} {} has no day {day}", month_name(month), year_text(year)))
}

/// Reads numeric day and month whose order is not given: accepted only when one of them
/// cannot be a month or both are the same.
fn unordered_day(year: i32, a: u32, b: u32) -> Result<HistDate, String> {
    let is_month = |n: u32| (1..=12).contains(&n);
    match (is_month(a), is_month(b)) {
        (true, true) if a != b => Err(AMBIGUOUS.to_string()),
        (true, _) => day_date(year, a, b),
        (false, true) => day_date(year, b, a),
        (false, false) => Err("the month must be 1 to 12".to_string()),
    }
}

/// The date a text is, when it is only a date (`27 July 1953`, `1953`): such an answer is
/// graded as a date. A number of three to eight digits in four words at most, so that
/// `500` alone is a year but a sentence with a year in it is not a date.
pub fn only_a_date(text: &str) -> Option<HistDate> {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let words = text.split_whitespace().count();
    ((3..=8).contains(&digits) && words <= 4)
        .then(|| parse_typed_date(text).ok())
        .flatten()
}

/// A date as a person types it.
///
/// Forms: `27 April 2018`, `27 Apr 2018`, `April 27 2018`, `April 27, 2018`,
/// `27th April 2018`, `2018-04-27`, `2018/04/27`, `27/4/2018` or `4/27/2018` only where
/// unambiguous (one part > 12, or both parts equal), `April 2018`, `Apr 2018`, `2018-04`,
/// `4/2018`, `2018`; case-insensitive; surrounding whitespace and punctuation tolerated.
/// A year needs at least three digits unless it has an era (`44 BC`, `AD 18`), so `'18` and
/// `18` are errors. The error is a short lowercase message.
pub fn parse_typed_date(input: &str) -> Result<HistDate, String> {
    use Token::{Month, Number as Num};

    let lower = input.to_lowercase();
    if let Some(decade) = typed_decade(&lower) {
        return decade;
    }
    let (tokens, era) = tokenize(&lower)?;
    match tokens.as_slice() {
        [Num(y)] => Ok(HistDate::year(y.year(era)?)),
        [Month(m), Num(y)] => month_date(y.year(era)?, *m),
        [Num(y), Month(m)] if y.is_long() || era.is_some() => month_date(y.year(era)?, *m),
        [Num(_), Month(_)] | [Month(_)] => Err(NO_YEAR.to_string()),
        [Num(y), Month(m), Num(d)] if y.is_long() => day_date(y.year(era)?, *m, d.small()?),
        [Num(d), Month(m), Num(y)] | [Month(m), Num(d), Num(y)] => {
            day_date(y.year(era)?, *m, d.small()?)
        }
        [Num(y), Num(m)] if y.is_long() => month_date(y.year(era)?, m.small()?),
        [Num(m), Num(y)] => month_date(y.year(era)?, m.small()?),
        [Num(y), Num(m), Num(d)] if y.is_long() => day_date(y.year(era)?, m.small()?, d.small()?),
        [Num(a), Num(b), Num(y)] => unordered_day(y.year(era)?, a.small()?, b.small()?),
        _ => Err(TYPED_FORMS.to_string()),
    }
}

/// "1970s", "the 1970s", "1970's", "the seventies" is not read (one form per meaning).
fn typed_decade(lower: &str) -> Option<Result<HistDate, String>> {
    let s = lower.trim().trim_start_matches("the ").trim();
    let digits = s.strip_suffix("'s").or_else(|| s.strip_suffix('s'))?;
    if digits.len() < 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(match digits.parse::<i32>() {
        Ok(y) if y % 10 == 0 && (1000..=9990).contains(&y) => Ok(HistDate::decade(y)),
        _ => Err("a decade ends in 0, e.g. the 1970s".to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn decades_are_written_read_shown_and_ordered() {
        let d = HistDate::parse_canonical("1970s").unwrap();
        assert_eq!(d.precision(), Precision::Decade);
        assert_eq!(d.to_string(), "the 1970s");
        assert_eq!(d.canonical(), "1970s");
        assert_eq!(HistDate::decade(1975), d);
        assert_eq!(HistDate::year(1975).truncate(Precision::Decade), d);
        assert!(d < HistDate::year(1970) && HistDate::year(1969) < d);
        for typed in ["1970s", "the 1970s", "1970's", " The 1970s "] {
            assert_eq!(parse_typed_date(typed), Ok(d), "{typed}");
        }
        assert!(parse_typed_date("1975s").is_err());
        assert!(HistDate::parse_canonical("1975s").is_err());
        assert!(HistDate::parse_canonical("70s").is_err());
    }

    fn ymd(y: i32, m: u32, d: u32) -> HistDate {
        HistDate::day(y, m, d).expect("valid test date")
    }

    fn ym(y: i32, m: u32) -> HistDate {
        HistDate::month(y, m).expect("valid test month")
    }

    #[test]
    fn typed_years_stay_in_range_and_never_wrap() {
        for far in [
            "20180",
            "10001 BC",
            "2147483648",
            "4294967297 BC",
            "99999999999999999999",
        ] {
            assert!(parse_typed_date(far).is_err(), "{far}");
        }
        assert_eq!(parse_typed_date("10000 BC"), Ok(HistDate::year(-9999)));
        assert_eq!(parse_typed_date("9999"), Ok(HistDate::year(9999)));
    }

    #[test]
    fn constructors_validate() {
        assert!(HistDate::month(2018, 0).is_none());
        assert!(HistDate::month(2018, 13).is_none());
        assert!(HistDate::month(2018, 256 + 4).is_none());
        assert!(HistDate::day(2018, 2, 29).is_none());
        assert!(HistDate::day(2016, 2, 29).is_some());
        assert!(HistDate::day(2018, 4, 31).is_none());
        assert!(HistDate::day(2018, 13, 1).is_none());
        let d = ymd(2018, 4, 27);
        assert_eq!(
            (d.get_year(), d.get_month(), d.get_day()),
            (2018, Some(4), Some(27))
        );
        assert_eq!(HistDate::year(2018).get_month(), None);
        assert_eq!(ym(2018, 4).get_day(), None);
    }

    #[test]
    fn precision_and_truncate() {
        let d = ymd(2018, 4, 27);
        assert_eq!(d.precision(), Precision::Day);
        assert_eq!(ym(2018, 4).precision(), Precision::Month);
        assert_eq!(HistDate::year(2018).precision(), Precision::Year);
        assert_eq!(d.truncate(Precision::Month), ym(2018, 4));
        assert_eq!(d.truncate(Precision::Year), HistDate::year(2018));
        assert_eq!(d.truncate(Precision::Day), d);
        assert_eq!(
            HistDate::year(2018).truncate(Precision::Day),
            HistDate::year(2018)
        );
        assert_eq!(ym(2018, 4).truncate(Precision::Day), ym(2018, 4));
    }

    #[test]
    fn display() {
        assert_eq!(ymd(2018, 4, 27).to_string(), "27 April 2018");
        assert_eq!(ym(2018, 4).to_string(), "April 2018");
        assert_eq!(HistDate::year(2018).to_string(), "2018");
        assert_eq!(ymd(1950, 6, 5).to_string(), "5 June 1950");
        assert_eq!(HistDate::year(668).to_string(), "668");
        assert_eq!(HistDate::year(18).to_string(), "AD 18");
        assert_eq!(HistDate::year(0).to_string(), "1 BC");
        assert_eq!(ymd(-43, 3, 15).to_string(), "15 March 44 BC");
    }

    #[test]
    fn ordering_is_chronological_less_precise_first() {
        let mut dates = [
            ymd(2018, 4, 27),
            HistDate::year(2019),
            ym(2018, 4),
            HistDate::year(2018),
            ymd(2018, 3, 31),
            ym(2018, 12),
            HistDate::year(-43),
            ymd(1950, 6, 25),
        ];
        dates.sort();
        let canonical: Vec<String> = dates.iter().map(HistDate::canonical).collect();
        assert_eq!(
            canonical,
            [
                "-0043",
                "1950-06-25",
                "2018",
                "2018-03-31",
                "2018-04",
                "2018-04-27",
                "2018-12",
                "2019"
            ]
        );
    }

    #[test]
    fn canonical_form() {
        assert_eq!(ymd(2018, 4, 27).canonical(), "2018-04-27");
        assert_eq!(ym(2018, 4).canonical(), "2018-04");
        assert_eq!(HistDate::year(2018).canonical(), "2018");
        assert_eq!(HistDate::year(668).canonical(), "0668");
        assert_eq!(HistDate::year(-43).canonical(), "-0043");
        assert_eq!(
            HistDate::parse_canonical("2018-04-27"),
            Ok(ymd(2018, 4, 27))
        );
        assert_eq!(HistDate::parse_canonical(" 2018-04 "), Ok(ym(2018, 4)));
        assert_eq!(HistDate::parse_canonical("2018"), Ok(HistDate::year(2018)));
        assert_eq!(HistDate::parse_canonical("668"), Ok(HistDate::year(668)));
        assert_eq!(
            HistDate::parse_canonical("-0043-03-15"),
            Ok(ymd(-43, 3, 15))
        );
        for bad in [
            "",
            "-",
            "2018-4-27",
            "2018-04-27-01",
            "27 April 2018",
            "2018/04/27",
            "+2018",
            "2018-",
        ] {
            let err = HistDate::parse_canonical(bad).expect_err(bad);
            assert!(err.contains("2018-04-27"), "{bad}: {err}");
        }
        assert_eq!(HistDate::parse_canonical("9999-12"), Ok(ym(9999, 12)));
        assert_eq!(
            HistDate::parse_canonical("-9999"),
            Ok(HistDate::year(-9999))
        );
        for far in [
            "20180",
            "10000-01",
            "-10000",
            "2147483648",
            "-2147483648",
            "2147483647",
            "99999999999",
        ] {
            let err = HistDate::parse_canonical(far).expect_err(far);
            assert!(err.contains("from -9999 to 9999"), "{far}: {err}");
        }
        assert_eq!(
            HistDate::parse_canonical("2018-02-30"),
            Err("it is not a calendar day".to_string())
        );
        assert!(HistDate::parse_canonical("2018-13").is_err());
    }

    #[test]
    fn first_day_and_from_naive_date() {
        let naive = NaiveDate::from_ymd_opt(2018, 4, 27).expect("valid");
        assert_eq!(HistDate::from(naive), ymd(2018, 4, 27));
        assert_eq!(ymd(2018, 4, 27).first_day(), naive);
        assert_eq!(
            ym(2018, 4).first_day(),
            NaiveDate::from_ymd_opt(2018, 4, 1).expect("valid")
        );
        assert_eq!(
            HistDate::year(2018).first_day(),
            NaiveDate::from_ymd_opt(2018, 1, 1).expect("valid")
        );
        assert_eq!(HistDate::year(i32::MAX).first_day(), NaiveDate::MAX);
        assert_eq!(HistDate::year(i32::MIN).first_day(), NaiveDate::MIN);
    }

    #[test]
    fn parses_typed_forms() {
        let day = ymd(2018, 4, 27);
        for typed in [
            "27 April 2018",
            "27 Apr 2018",
            "27 apr. 2018",
            "April 27 2018",
            "April 27, 2018",
            "27th April 2018",
            "the 27th of April, 2018",
            "2018-04-27",
            "2018/04/27",
            "2018 April 27",
            "27/4/2018",
            "27.04.2018",
            "4/27/2018",
            "  27 APRIL 2018.  ",
            "(27 April 2018)",
        ] {
            assert_eq!(parse_typed_date(typed), Ok(day), "{typed}");
        }
        for typed in [
            "April 2018",
            "Apr 2018",
            "april, 2018",
            "2018-04",
            "4/2018",
            "04/2018",
        ] {
            assert_eq!(parse_typed_date(typed), Ok(ym(2018, 4)), "{typed}");
        }
        assert_eq!(parse_typed_date("Sept 1950"), Ok(ym(1950, 9)));
        assert_eq!(parse_typed_date("2018"), Ok(HistDate::year(2018)));
        assert_eq!(parse_typed_date(" 2018! "), Ok(HistDate::year(2018)));
        assert_eq!(parse_typed_date("668"), Ok(HistDate::year(668)));
        assert_eq!(parse_typed_date("4/4/2018"), Ok(ymd(2018, 4, 4)));
        assert_eq!(parse_typed_date("1st May 2018"), Ok(ymd(2018, 5, 1)));
        assert_eq!(parse_typed_date("18 BC"), Ok(HistDate::year(-17)));
        assert_eq!(parse_typed_date("15 March 44 BC"), Ok(ymd(-43, 3, 15)));
        assert_eq!(parse_typed_date("AD 18"), Ok(HistDate::year(18)));
    }

    #[test]
    fn typed_errors_explain() {
        for typed in ["'18", "18", "April '18", "27/4/18", "4/18"] {
            let err = parse_typed_date(typed).expect_err(typed);
            assert_eq!(err, FULL_YEAR, "{typed}");
        }
        for typed in ["5/4/2018", "4/5/2018", "12/11/2018"] {
            let err = parse_typed_date(typed).expect_err(typed);
            assert!(err.contains("ambiguous"), "{typed}: {err}");
            assert!(err.contains("month as a word"), "{typed}: {err}");
        }
        assert_eq!(parse_typed_date("27 April"), Err(NO_YEAR.to_string()));
        assert_eq!(parse_typed_date("April"), Err(NO_YEAR.to_string()));
        assert_eq!(
            parse_typed_date("31 April 2018"),
            Err("April 2018 has no day 31".to_string())
        );
        assert_eq!(
            parse_typed_date("Aprul 2018"),
            Err("could not read `aprul` as a month".to_string())
        );
        assert_eq!(
            parse_typed_date("13/2018"),
            Err("the month must be 1 to 12".to_string())
        );
        assert!(parse_typed_date("13/13/2018").is_err());
        assert!(parse_typed_date("").is_err());
        assert!(parse_typed_date("2018 2019").is_err());
        assert!(parse_typed_date("2018th").is_err());
        assert!(parse_typed_date("0 BC").is_err());
        assert!(parse_typed_date("99999999999999999999").is_err());
        assert!(parse_typed_date("ma 2018").is_err());
    }

    fn hist_date(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = HistDate> {
        (years, 1..=12u32, 1..=31u32, 0..3u8).prop_map(|(y, m, d, precision)| {
            let date = HistDate::day(y, m, d)
                .or_else(|| HistDate::day(y, m, 28))
                .unwrap_or(HistDate::year(y));
            match precision {
                0 => date.truncate(Precision::Year),
                1 => date.truncate(Precision::Month),
                _ => date,
            }
        })
    }

    proptest! {
        #[test]
        fn typed_display_round_trips(date in hist_date(1000..=2999)) {
            prop_assert_eq!(parse_typed_date(&date.to_string()), Ok(date));
        }

        #[test]
        fn canonical_round_trips(date in hist_date(1000..=2999)) {
            prop_assert_eq!(HistDate::parse_canonical(&date.canonical()), Ok(date));
        }

        #[test]
        fn early_years_round_trip(date in hist_date(-9999..=999)) {
            prop_assert_eq!(parse_typed_date(&date.to_string()), Ok(date));
            prop_assert_eq!(HistDate::parse_canonical(&date.canonical()), Ok(date));
        }

        #[test]
        fn parsers_never_panic(s in ".{0,40}") {
            let _ = parse_typed_date(&s);
            let _ = HistDate::parse_canonical(&s);
        }
    }
}

//! TEMPORARY stand-in; replaced by the full module.
use std::fmt;

use chrono::{Datelike, NaiveDate};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HistDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

const MONTHS: [&str; 12] = [
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

impl HistDate {
    pub fn year(y: i32) -> Self {
        Self {
            year: y,
            month: None,
            day: None,
        }
    }
    pub fn month(y: i32, m: u32) -> Option<Self> {
        (1..=12).contains(&m).then(|| Self {
            year: y,
            month: Some(m as u8),
            day: None,
        })
    }
    pub fn day(y: i32, m: u32, d: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(y, m, d).map(Self::from)
    }
    pub fn get_year(&self) -> i32 {
        self.year
    }
    pub fn get_month(&self) -> Option<u32> {
        self.month.map(u32::from)
    }
    pub fn get_day(&self) -> Option<u32> {
        self.day.map(u32::from)
    }
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (_, Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }
    pub fn truncate(&self, p: Precision) -> Self {
        match p {
            Precision::Year => Self::year(self.year),
            Precision::Month => Self { day: None, ..*self },
            Precision::Day => *self,
        }
    }
    pub fn parse_canonical(s: &str) -> Result<Self, String> {
        let parts: Vec<&str> = s.split('-').collect();
        let bad = || format!("`{s}` is not a date: write 2018-04-27, \"2018-04\" or \"2018\"");
        let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
        match parts.as_slice() {
            [y] if y.len() == 4 => Ok(Self::year(num(y)? as i32)),
            [y, m] if y.len() == 4 && m.len() == 2 => {
                Self::month(num(y)? as i32, num(m)?).ok_or_else(bad)
            }
            [y, m, d] if y.len() == 4 => {
                Self::day(num(y)? as i32, num(m)?, num(d)?).ok_or_else(bad)
            }
            _ => Err(bad()),
        }
    }
    pub fn canonical(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(
            self.year,
            self.get_month().unwrap_or(1),
            self.get_day().unwrap_or(1),
        )
        .unwrap_or_default()
    }
}

impl From<NaiveDate> for HistDate {
    fn from(d: NaiveDate) -> Self {
        Self {
            year: d.year(),
            month: Some(d.month() as u8),
            day: Some(d.day() as u8),
        }
    }
}

impl fmt::Display for HistDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{d} {} {}", MONTHS[m as usize - 1], self.year),
            (Some(m), None) => write!(f, "{} {}", MONTHS[m as usize - 1], self.year),
            _ => write!(f, "{}", self.year),
        }
    }
}

pub fn parse_typed_date(input: &str) -> Result<HistDate, String> {
    HistDate::parse_canonical(input.trim())
}

//! TEMPORARY stand-in; replaced by the full module.
use crate::{date::HistDate, grade::Grade};

pub enum Expected {
    Text(Vec<String>),
    Names(Vec<Vec<String>>),
    Date(HistDate),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub grade: Grade,
    pub correct: bool,
    pub feedback: Option<String>,
}

pub fn normalize(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

pub fn check(expected: &Expected, typed: &str, _confusables: &[String]) -> Verdict {
    let ok = match expected {
        Expected::Text(alts) => alts.iter().any(|a| normalize(a) == normalize(typed)),
        Expected::Names(people) => people.iter().all(|alts| {
            alts.iter()
                .any(|a| normalize(typed).contains(&normalize(a)))
        }),
        Expected::Date(d) => {
            crate::date::parse_typed_date(typed).is_ok_and(|t| t.truncate(d.precision()) == *d)
        }
    };
    Verdict {
        grade: if ok { Grade::Good } else { Grade::Again },
        correct: ok,
        feedback: None,
    }
}

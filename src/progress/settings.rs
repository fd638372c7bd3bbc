//! Per-user settings, a small TOML file beside the log.
use serde::{Deserialize, Serialize};

use crate::{error::Located, question::QuestionType, schedule::Options};

pub const FILE_NAME: &str = "settings.toml";

#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// The chance of recall FSRS aims for when it schedules (0.7 to 0.99).
    pub desired_retention: f32,
    /// New cards introduced per day.
    pub new_per_day: usize,
    /// The hour (0-23, local time) at which a new study day starts.
    pub rollover_hour: u32,
    /// Spread review dates by a few days, as Anki does, so cards learnt together do not stay together.
    pub fuzz: bool,
    /// A card missed this many times after it was learnt is a leech, flagged so you can suspend it.
    pub leech_lapses: u32,
    /// The day of an exam to study for (`recall review --exam-date`).
    pub exam_date: Option<toml::value::Datetime>,
    /// The question types `recall review` asks.
    pub question_types: Vec<QuestionType>,
    /// Your own FSRS parameters (21 numbers); the defaults when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameters: Option<Vec<f32>>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            desired_retention: 0.9,
            new_per_day: 20,
            rollover_hour: 4,
            fuzz: true,
            question_types: vec![QuestionType::Text, QuestionType::Date],
            exam_date: None,
            leech_lapses: 8,
            parameters: None,
        }
    }
}

impl Settings {
    /// The exam day, if one is set.
    pub fn exam_day(&self) -> Option<chrono::NaiveDate> {
        let d = self.exam_date.as_ref()?;
        let date = d.date.filter(|_| d.time.is_none())?;
        chrono::NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
    }

    /// What the scheduler needs of the settings.
    pub fn schedule_options(&self) -> Options {
        Options {
            desired_retention: self.desired_retention,
            parameters: self
                .parameters
                .clone()
                .unwrap_or_else(|| fsrs::DEFAULT_PARAMETERS.to_vec()),
            fuzz: self.fuzz,
            rollover_hour: self.rollover_hour,
            ..Options::default()
        }
    }

    pub fn parse(path: &str, text: &str) -> Result<Self, Located> {
        let settings: Self = toml::from_str(text).map_err(|e| {
            Located::at(path, text, e.span().map_or(0, |s| s.start), e.message().trim().to_owned())
                .help("the settings are desired_retention, new_per_day, rollover_hour, fuzz, question_types, exam_date, leech_lapses and parameters (see README)")
        })?;
        let at = |key: &str| text.find(key).unwrap_or(0);
        if !(0.7..=0.99).contains(&settings.desired_retention) {
            return Err(Located::at(
                path,
                text,
                at("desired_retention"),
                "desired_retention must be between 0.7 and 0.99",
            )
            .help("0.9 is the usual choice"));
        }
        if settings.rollover_hour > 23 {
            return Err(Located::at(
                path,
                text,
                at("rollover_hour"),
                "rollover_hour must be an hour from 0 to 23",
            ));
        }
        if settings.exam_date.is_some() && settings.exam_day().is_none() {
            return Err(
                Located::at(path, text, at("exam_date"), "exam_date must be a day")
                    .help("write it as a TOML date, e.g. exam_date = 2026-12-15"),
            );
        }
        if let Some(p) = &settings.parameters
            && fsrs::FSRS::new(p).is_err()
        {
            return Err(Located::at(
                path,
                text,
                at("parameters"),
                "parameters are not valid FSRS parameters",
            )
            .help("remove them to use the defaults"));
        }
        Ok(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_gives_the_defaults() {
        assert_eq!(Settings::parse("s", "").unwrap(), Settings::default());
    }

    #[test]
    fn mistakes_name_their_place() {
        let e =
            Settings::parse("s.toml", "new_per_day = 5\ndesired_retension = 0.8\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
        assert!(e.message.contains("unknown field"), "{e}");
        let e = Settings::parse("s.toml", "desired_retention = 1.5\n").unwrap_err();
        assert!(e.message.contains("between 0.7 and 0.99"));
    }
}

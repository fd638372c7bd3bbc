//! Per-user settings, a small TOML file beside the log.
use std::{
    io,
    path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};

use crate::{
    card::QuestionType,
    error::{Error, Located, Result},
    schedule::Options,
};

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

/// `text` with its `parameters` set to `parameters`, every other line (comments
/// included) as it was; added at the end when the file has none.
pub fn with_parameters(text: &str, parameters: &[f32]) -> String {
    #[derive(Deserialize)]
    struct Found {
        parameters: Option<toml::Spanned<toml::Value>>,
    }
    let list: Vec<String> = parameters.iter().map(|p| format!("{p:?}")).collect();
    let list = format!("[{}]", list.join(", "));
    match toml::from_str::<Found>(text)
        .ok()
        .and_then(|f| f.parameters)
    {
        Some(old) => {
            let span = old.span();
            format!("{}{list}{}", &text[..span.start], &text[span.end..])
        }
        None => {
            let mut out = text.to_owned();
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str("# your own FSRS parameters, fitted by `recall optimize`\n");
            out.push_str(&format!("parameters = {list}\n"));
            out
        }
    }
}

/// Writes `parameters` into the settings in folder `dir`, whole or not at all.
pub fn save_parameters(dir: &Path, parameters: &[f32]) -> Result<PathBuf> {
    let path = dir.join(FILE_NAME);
    let read = super::open_in_folder(
        &path,
        std::fs::OpenOptions::new().read(true),
        crate::files::SETTINGS,
    )
    .and_then(|file| crate::files::read_open(file, crate::files::SETTINGS))
    .and_then(crate::files::into_text);
    let text = match read {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::storage("read", path, e)),
    };
    let text = with_parameters(&text, parameters);
    Settings::parse(&path.display().to_string(), &text).map_err(Error::Settings)?;
    super::replace_private(&path, text.as_bytes())?;
    Ok(path)
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

    #[test]
    fn parameters_are_written_in_place_keeping_the_rest() {
        let text =
            "# mine\nnew_per_day = 5 # a few\nparameters = [1.0,\n  2.0] # old\nfuzz = false\n";
        let p = fsrs::DEFAULT_PARAMETERS;
        let out = with_parameters(text, &p);
        assert!(
            out.starts_with("# mine\nnew_per_day = 5 # a few\nparameters = [0.212, "),
            "{out}"
        );
        assert!(out.ends_with("] # old\nfuzz = false\n"), "{out}");
        let settings = Settings::parse("s", &out).unwrap();
        assert_eq!(settings.parameters.as_deref(), Some(&p[..]));
        assert_eq!((settings.new_per_day, settings.fuzz), (5, false));

        let added = with_parameters("new_per_day = 5", &p);
        assert!(
            added.starts_with("new_per_day = 5\n# your own FSRS"),
            "{added}"
        );
        assert_eq!(
            Settings::parse("s", &added).unwrap().parameters.as_deref(),
            Some(&p[..])
        );
        assert!(Settings::parse("s", &with_parameters("", &p)).is_ok());
    }
}

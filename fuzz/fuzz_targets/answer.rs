//! The answer checker and the typed-date reader never panic.
//!
//! The input's lines: what is expected (`a|b` alternatives; `x;y` several names; a
//! deck-file date such as `2018-04` asks for a date), what was typed, then confusables.
#![no_main]
use libfuzzer_sys::fuzz_target;
use recall::{
    answer::{Expected, check, equivalent, normalize},
    date::{HistDate, parse_typed_date},
};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let expected = lines.next().unwrap_or_default();
    let typed = lines.next().unwrap_or_default();
    let confusables: Vec<String> = lines.map(str::to_owned).collect();

    if let Ok(date) = parse_typed_date(typed) {
        // What is read back is a date that can be written and read again.
        assert_eq!(
            HistDate::parse_canonical(&date.canonical()),
            Ok(date),
            "{typed:?}"
        );
    }
    let expected = match HistDate::parse_canonical(expected) {
        Ok(date) => Expected::Date(date),
        Err(_) if expected.contains(';') => Expected::Names(
            expected
                .split(';')
                .map(|name| name.split('|').map(str::to_owned).collect())
                .collect(),
        ),
        Err(_) => Expected::Text(expected.split('|').map(str::to_owned).collect()),
    };
    let verdict = check(&expected, typed, &confusables);
    if verdict.correct {
        assert!(
            !normalize(typed).is_empty(),
            "{typed:?} is right, yet empty"
        );
    }
    let _ = equivalent(typed, &text);
});

//! `decks generate` never panics, and its draft always loads and asks nothing twice (the
//! generator checks that itself, and panics if not). The first two bytes pick the date of the
//! text, so relative dates are resolved against days near the edges of the calendar too.
#![no_main]
use libfuzzer_sys::fuzz_target;
use recall::{
    date::HistDate,
    generate::{Input, draft},
};

fuzz_target!(|data: &[u8]| {
    let (head, rest) = data.split_at(data.len().min(2));
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let dated = match head {
        [kind, n] => {
            let year = [1, 1950, 2018, 9999][usize::from(*kind) % 4];
            match kind / 4 % 4 {
                0 => None,
                1 => Some(HistDate::year(year)),
                2 => HistDate::month(year, u32::from(n % 12) + 1),
                _ => HistDate::day(year, u32::from(n % 12) + 1, u32::from(n % 28) + 1),
            }
        }
        _ => None,
    };
    let input = Input {
        file: "fuzz.txt".into(),
        source: "fuzz".into(),
        title: "Fuzz".into(),
        text: text.to_owned(),
        dated,
    };
    let _ = draft(&[input], "fuzz", "Fuzz");
});

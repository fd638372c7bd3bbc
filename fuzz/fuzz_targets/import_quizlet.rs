//! The Quizlet (delimited text) reader never panics, and what it reads makes a deck that
//! loads. The first byte picks the separator (Quizlet's tab, comma, dash or a custom one),
//! the row separator (a line, or a custom one) and whether the columns are swapped.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common/import.rs"]
mod import;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let separator = ["\t", ",", " - ", ";", "::", "→"][usize::from(pick) % 6];
    let rows = [None, Some("\n\n"), Some(";;")][usize::from(pick / 6) % 3];
    let swap = pick >= 128;
    import::check(&recall::interop::quizlet::parse(
        "fuzz.txt", &text, separator, rows, swap,
    ));
});

//! The CSV reader never panics, and what it reads makes a deck that loads.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common/import.rs"]
mod import;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    import::check(&recall::interop::csv::parse("fuzz.csv", &text));
});

//! The Anki package reader (zip, SQLite collection, zstd) never panics on any bytes, and a
//! collection it reads makes decks that load.
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "common/import.rs"]
mod import;

fuzz_target!(|data: &[u8]| {
    if let Ok(collection) = recall::interop::package::read(data) {
        import::check(&recall::interop::package::parse("fuzz.apkg", &collection));
    }
});

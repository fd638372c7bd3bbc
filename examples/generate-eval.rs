//! Prints the precision and recall of `recall decks generate` on each text that has a
//! hand-checked list in tests/fixtures/generate/. `-v` also lists what was missed and what is
//! wrong; `--tuned` leaves out the held-out texts (the rules were not developed on them, and
//! their misses are not to be looked at while rules change).
//! Usage: `cargo run -q --example generate-eval -- [-v] [--tuned] [SOURCES_DIR]`.
#[path = "../tests/cli/eval.rs"]
mod eval;

use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let tuned_only = args.iter().any(|a| a == "--tuned");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sources = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/sources"));
    let lists = root.join("tests/fixtures/generate");
    println!("| text | rules tuned on it | listed | drafted | matched | precision | recall |");
    println!("|---|---|---|---|---|---|---|");
    let mut details = String::new();
    for t in eval::TEXTS.iter().filter(|t| t.tuned || !tuned_only) {
        let s = eval::evaluate(&sources, &lists, t);
        let id = t.id;
        println!(
            "| `{id}` | {} | {} | {} | {} | {:.2} | {:.2} |",
            if t.tuned { "yes" } else { "no, held out" },
            s.listed,
            s.generated,
            s.matched,
            s.precision(),
            s.recall()
        );
        if verbose {
            details += &format!("\n{id}: missed {}\n", s.missed.len());
            for m in &s.missed {
                details += &format!("  {m}\n");
            }
            details += &format!("{id}: wrong {}\n", s.wrong.len());
            for w in &s.wrong {
                details += &format!("  {w}\n");
            }
        }
    }
    print!("{details}");
}

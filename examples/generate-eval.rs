//! Prints the precision and recall of `recall decks generate` on each text that has a
//! hand-checked list in tests/fixtures/generate/. `-v` also lists what was missed and what is
//! wrong; `--tuned` leaves out the held-out texts (the rules were not developed on them, and
//! their misses are not to be looked at while rules change), then the same for the development
//! corpus in tests/generate/, its tuned half and its held-out half (whose misses `-v` never
//! lists).
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
    corpus_table(root, verbose, tuned_only);
}

/// The development corpus, tuned half and held-out half apart, with each half's totals.
fn corpus_table(root: &Path, verbose: bool, tuned_only: bool) {
    let corpus = root.join("tests/generate");
    let mut details = String::new();
    for held_out in [false, true] {
        if held_out && tuned_only {
            break;
        }
        let half = if held_out { "held-out" } else { "tuned" };
        println!(
            "\n| {half} corpus text | kind | listed | drafted | matched | precision | recall |"
        );
        println!("|---|---|---|---|---|---|---|");
        let mut scores = Vec::new();
        for t in eval::CORPUS.iter().filter(|t| t.held_out == held_out) {
            let s = eval::evaluate_corpus(&corpus, t);
            println!(
                "| `{}` | {} | {} | {} | {} | {:.2} | {:.2} |",
                t.id,
                t.kind,
                s.listed,
                s.generated,
                s.matched,
                s.precision(),
                s.recall()
            );
            // The held-out half's misses are not shown: they are not to be tuned on.
            if verbose && !held_out {
                details += &format!("\n{}: missed {}\n", t.id, s.missed.len());
                for m in &s.missed {
                    details += &format!("  {m}\n");
                }
                details += &format!("{}: wrong {}\n", t.id, s.wrong.len());
                for w in &s.wrong {
                    details += &format!("  {w}\n");
                }
            }
            scores.push(s);
        }
        let all = eval::total(&scores);
        let worst = scores
            .iter()
            .map(|s| s.precision().min(s.recall()))
            .fold(1.0, f64::min);
        println!(
            "| **all {half}** | | {} | {} | {} | **{:.2}** | **{:.2}** |",
            all.listed,
            all.generated,
            all.matched,
            all.precision(),
            all.recall()
        );
        println!("\nlowest precision or recall of one {half} text: {worst:.2}");
    }
    print!("{details}");
}

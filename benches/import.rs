//! `cargo bench --bench import`: how `recall decks import` scales (issue 19 §4).
//!
//! Quizlet exports of 10k, 100k and 1M lines, made here (term and definition of a few
//! words, tab-separated): in process, the reading (`quizlet::parse`), the ids and the deck
//! text; then the real release binary, end to end, writing into a folder (a million
//! cards make several deck files, each read back before it is written). Time should grow
//! linearly with the lines.
use std::{
    path::{Path, PathBuf},
    process::Command,
    time::Instant,
};

use recall::interop::{self, DeckMeta, quizlet};

const LINES: &[usize] = &[10_000, 100_000, 1_000_000];

fn main() {
    divan::main();
    real_binary();
}

/// A Quizlet export of `lines` cards, every prompt different.
fn quizlet_text(lines: usize) -> String {
    let words = [
        "armistice",
        "summit",
        "border",
        "treaty",
        "seoul",
        "pyongyang",
        "talks",
        "leader",
        "declaration",
        "hotline",
        "reunion",
        "zone",
    ];
    let mut out = String::with_capacity(lines * 56);
    let mut x: u64 = 7;
    let mut word = || {
        x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        words[(x >> 33) as usize % words.len()]
    };
    for i in 0..lines {
        out.push_str(&format!(
            "{} {} {} {i}\t{} {} {}\n",
            word(),
            word(),
            word(),
            word(),
            word(),
            word()
        ));
    }
    out
}

#[divan::bench(args = LINES, sample_count = 3, sample_size = 1)]
fn parse_ids_and_deck_text(bencher: divan::Bencher, lines: usize) {
    let text = quizlet_text(lines);
    bencher.bench(|| {
        let parsed = quizlet::parse("q.txt", &text, "\t", None, false);
        let ids = interop::fact_ids(&parsed.rows);
        let meta = DeckMeta {
            id: "q".into(),
            title: "q".into(),
            file_name: "q.txt".into(),
            note_types: Vec::new(),
        };
        interop::deck_toml_with_ids(&meta, &parsed.rows, &ids).len()
    });
}

/// The release binary, end to end, once per size: wall time and what it wrote.
fn real_binary() {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/recall");
    if !bin.exists() {
        println!(
            "(no target/release/recall: `cargo build --release` first for the end-to-end times)"
        );
        return;
    }
    println!("\nrecall decks import, release binary, end to end:");
    for &lines in LINES {
        let dir = tempfile::tempdir().expect("temp dir");
        let input = dir.path().join("quizlet.txt");
        std::fs::write(&input, quizlet_text(lines)).expect("write input");
        let out: PathBuf = dir.path().join("decks");
        std::fs::create_dir(&out).expect("out folder");
        let start = Instant::now();
        let status = Command::new(&bin)
            .args(["decks", "import"])
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .stderr(std::process::Stdio::null())
            .status()
            .expect("run recall");
        let took = start.elapsed();
        let files = std::fs::read_dir(&out).map_or(0, |d| d.count());
        println!(
            "  {lines:>9} lines: {:>6.2} s, {files} deck file(s){}",
            took.as_secs_f64(),
            if status.success() { "" } else { " (failed)" }
        );
    }
}

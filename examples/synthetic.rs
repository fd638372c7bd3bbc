//! Writes the benchmarks' synthetic collection into a folder, for `scripts/bench.sh`:
//! `cargo run --release --example synthetic -- DIR [FACTS] [REVIEWS]`.
#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use synthetic::Size;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: synthetic DIR [FACTS] [REVIEWS]");
    let mut size = Size::HEAVY;
    if let Some(facts) = args.next() {
        size.facts = facts.parse().expect("FACTS is a number");
    }
    if let Some(reviews) = args.next() {
        size.reviews = reviews.parse().expect("REVIEWS is a number");
    }
    let layout = synthetic::generate(std::path::Path::new(&dir), size)?;
    println!(
        "{} {} {} {}",
        layout.decks.display(),
        layout.data.display(),
        layout.user,
        layout.device
    );
    Ok(())
}

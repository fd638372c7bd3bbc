//! Writes the benchmarks' synthetic collection into a folder, for `scripts/bench.sh`:
//! `cargo run --release --example synthetic -- DIR [FACTS] [REVIEWS] [one-card]`.
#[path = "../benches/support/synthetic.rs"]
mod synthetic;

use synthetic::Size;

fn main() -> std::io::Result<()> {
    let usage = "usage: synthetic DIR [FACTS] [REVIEWS] [one-card]";
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let one_card = args.iter().any(|a| a == "one-card");
    args.retain(|a| a != "one-card");
    let mut size = if one_card {
        Size::ONE_CARD
    } else {
        Size::HEAVY
    };
    let dir = args.first().expect(usage).clone();
    if let Some(facts) = args.get(1) {
        size.facts = facts.parse().expect(usage);
    }
    if let Some(reviews) = args.get(2) {
        size.reviews = reviews.parse().expect(usage);
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

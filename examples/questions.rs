//! Lists every question the shipped decks make, with its answer and options, for reading
//! them as a student would: `cargo run --example questions -- [SEED] [SEEDS]`.
use rand::{SeedableRng, rngs::StdRng};
use recall::{
    card::Collection,
    deck::load_bundled,
    quiz::{Response, ask},
};

fn main() {
    let mut args = std::env::args()
        .skip(1)
        .map(|a| a.parse::<u64>().expect("a number"));
    let first = args.next().unwrap_or(0);
    let seeds = args.next().unwrap_or(1);
    let collection = Collection::new(load_bundled().expect("the shipped decks load"));
    let all: Vec<usize> = (0..collection.cards.len()).collect();
    for seed in first..first + seeds {
        let mut rng = StdRng::seed_from_u64(seed);
        for &i in &all {
            let q = ask(&collection, i, &all, &mut rng);
            let card = &collection.cards[i];
            let optional = if collection.fact(card).optional {
                " (optional)"
            } else {
                ""
            };
            println!("## {} [seed {seed}]{optional}", card.id);
            println!("Q: {}", q.prompt);
            for (k, option) in q.options.iter().enumerate() {
                let mark = match q.response {
                    Response::Choice { correct } if correct == k => "*",
                    _ => " ",
                };
                println!("  {mark}{}. {option}", k + 1);
            }
            println!("A: {}", q.answer);
        }
    }
}

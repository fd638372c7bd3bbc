//! Every question the shipped decks can make, built many times: options are sound.
use std::collections::HashSet;

use rand::{SeedableRng, rngs::StdRng};
use recall::{
    answer::{Expected, equivalent},
    card::Collection,
    deck::load_bundled,
    quiz::{Response, ask},
};

#[test]
fn no_option_set_repeats_itself_or_offers_an_alias_of_the_answer() {
    let collection = Collection::new(load_bundled().expect("the shipped decks load"));
    let all: Vec<usize> = (0..collection.cards.len()).collect();
    let mut checked = 0;
    for seed in 0..5 {
        let mut rng = StdRng::seed_from_u64(seed);
        for &i in &all {
            let q = ask(&collection, i, &all, &mut rng);
            let card = &collection.cards[i];
            match &q.response {
                Response::Choice { correct } => {
                    assert_eq!(q.options.len(), 4, "{}: {:?}", card.id, q.options);
                    let accepted: Vec<String> = match &card.expected {
                        Expected::Text(alts)
                            if card.kind != recall::card::QuestionType::Reverse =>
                        {
                            alts.clone()
                        }
                        _ => vec![q.options[*correct].clone()],
                    };
                    for (k, option) in q.options.iter().enumerate() {
                        for (j, other) in q.options.iter().enumerate() {
                            assert!(
                                k == j || !equivalent(option, other),
                                "{}: duplicate options {:?}",
                                card.id,
                                q.options
                            );
                        }
                        if k != *correct {
                            assert!(
                                !accepted.iter().any(|a| equivalent(a, option)),
                                "{}: `{option}` is the answer too",
                                card.id
                            );
                        }
                    }
                    assert_eq!(q.options[*correct], q.answer);
                    checked += 1;
                }
                Response::Order { correct } => {
                    assert!(
                        (3..=5).contains(&q.options.len()),
                        "{}: {:?}",
                        card.id,
                        q.options
                    );
                    let unique: HashSet<_> = correct.iter().collect();
                    assert_eq!(unique.len(), q.options.len());
                    checked += 1;
                }
                _ => {}
            }
        }
    }
    assert!(checked > 1000, "{checked}");
}

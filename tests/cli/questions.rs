//! Every question the shipped decks can make, built many times: options are sound.
use std::collections::HashSet;

use rand::{SeedableRng, rngs::StdRng};
use recall::{
    answer::{Expected, equivalent},
    card::Collection,
    date::HistDate,
    deck::{FactKind, load_bundled},
    quiz::{Question, Response, ask},
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

/// The shipped decks and every question they make, asked with many seeds.
struct Asked {
    collection: Collection,
    questions: Vec<Question>,
}

/// Built once for all the tests here: asking is the slow part.
fn asked() -> &'static Asked {
    static ASKED: std::sync::OnceLock<Asked> = std::sync::OnceLock::new();
    ASKED.get_or_init(|| ask_all(6))
}

fn ask_all(seeds: u64) -> Asked {
    let collection = Collection::new(load_bundled().expect("the shipped decks load"));
    let all: Vec<usize> = (0..collection.cards.len()).collect();
    let mut questions = Vec::new();
    for seed in 0..seeds {
        let mut rng = StdRng::seed_from_u64(seed);
        for &i in &all {
            questions.push(ask(&collection, i, &all, &mut rng));
        }
    }
    Asked {
        collection,
        questions,
    }
}

impl Asked {
    fn of_card<'a>(&'a self, suffix: &'a str) -> impl Iterator<Item = &'a Question> + 'a {
        self.questions
            .iter()
            .filter(move |q| self.collection.cards[q.card].id.ends_with(suffix))
    }

    /// Each person's full name with their office and country.
    fn people(&self) -> Vec<(String, String, String)> {
        self.collection
            .decks
            .iter()
            .flat_map(|d| &d.facts)
            .filter_map(|f| match &f.kind {
                FactKind::Leader {
                    name,
                    role,
                    country,
                    ..
                } => Some((name.clone(), role.clone(), country.clone())),
                _ => None,
            })
            .collect()
    }

    fn countries(&self) -> Vec<String> {
        let mut all: Vec<String> = self.people().into_iter().map(|(.., c)| c).collect();
        all.sort_by_key(|c| std::cmp::Reverse(c.len()));
        all.dedup();
        all
    }

    /// The latest date any fact gives.
    fn last_date(&self) -> HistDate {
        self.collection
            .decks
            .iter()
            .flat_map(|d| &d.facts)
            .flat_map(|f| match &f.kind {
                FactKind::Event { date, until, .. } => vec![Some(*date), *until],
                FactKind::Leader { from, to, .. } => vec![*from, *to],
                _ => vec![f.date()],
            })
            .flatten()
            .max()
            .expect("dated facts")
    }
}

/// The offices that head a state or a government, as a reader knows them.
fn heads(role: &str) -> bool {
    let role = role.to_lowercase();
    let office = role.split(" of ").next().unwrap_or(&role);
    [
        "president",
        "prime minister",
        "premier",
        "leader",
        "supreme leader",
        "chairman",
        "general secretary",
        "king",
        "queen",
        "emperor",
        "chancellor",
    ]
    .contains(&office)
}

#[test]
fn choices_of_a_person_offer_people_of_the_same_kind_named_in_full() {
    let asked = asked();
    let people = asked.people();
    let of = |name: &str| {
        people
            .iter()
            .find(|(n, ..)| n == name)
            .unwrap_or_else(|| panic!("`{name}` is a person's full name as the decks give it"))
    };
    let mut checked = 0;
    for q in asked.of_card("/who.choice") {
        let (answer, role, country) = of(&q.answer);
        let alike = |pick: &dyn Fn(&(String, String, String)) -> bool| {
            people.iter().filter(|p| p.0 != *answer && pick(p)).count()
        };
        let same_office = alike(&|(_, r, c)| r == role && c == country);
        let same_country = alike(&|(_, r, c)| c == country && heads(r) == heads(role));
        for option in q.options.iter().filter(|o| *o != answer) {
            let (_, r, c) = of(option);
            let card = &asked.collection.cards[q.card].id;
            assert_eq!(
                heads(r),
                heads(role),
                "{card}: `{option}` ({r}) beside {role}"
            );
            if same_office >= 3 {
                assert!(
                    r == role && c == country,
                    "{card}: `{option}` is a {r} of {c}"
                );
            } else if same_country >= 3 {
                assert_eq!(c, country, "{card}: `{option}`");
            }
        }
        checked += 1;
    }
    assert!(checked > 100, "{checked}");
}

#[test]
fn choices_of_an_office_offer_offices_of_the_same_rank() {
    let asked = asked();
    let people = asked.people();
    let office = |text: &str| {
        people
            .iter()
            .find(|(_, r, c)| format!("{r} of {c}") == text)
            .map(|(_, r, _)| r.clone())
            .unwrap_or_else(|| panic!("`{text}` is someone's office"))
    };
    let mut checked = 0;
    for q in asked.of_card("/office.choice") {
        let role = office(&q.answer);
        for option in &q.options {
            assert_eq!(
                heads(&office(option)),
                heads(&role),
                "{}: `{option}` beside `{}`",
                asked.collection.cards[q.card].id,
                q.answer
            );
        }
        checked += 1;
    }
    assert!(checked > 100, "{checked}");
}

#[test]
fn a_false_statement_changes_a_real_detail_not_only_the_country() {
    let asked = asked();
    let countries = asked.countries();
    let without_countries = |s: &str| {
        let mut s = s.to_owned();
        for c in &countries {
            s = s.replace(c.as_str(), "");
            s = s.replace(c.trim_start_matches("the "), "");
        }
        s.replace("the ", "")
    };
    let mut checked = 0;
    for q in &asked.questions {
        let Response::TrueFalse(false) = q.response else {
            continue;
        };
        let said = q.prompt.trim_start_matches("True or false? ");
        let truth = q.answer.trim_start_matches("false: ");
        let card = &asked.collection.cards[q.card].id;
        assert_ne!(said, truth, "{card}: a false statement that is the truth");
        assert_ne!(
            without_countries(said),
            without_countries(truth),
            "{card}: `{said}` only swaps the country of `{truth}`"
        );
        checked += 1;
    }
    assert!(checked > 300, "{checked}");
}

/// The dates an order question's answer shows: `2 (1950), 1 (25 June 1950), ...`.
fn order_dates(answer: &str) -> Vec<HistDate> {
    answer
        .split(", ")
        .map(|part| {
            let date = part.split_once(" (").expect("`n (date)`").1;
            recall::date::parse_typed_date(date.trim_end_matches(')')).expect("a date")
        })
        .collect()
}

#[test]
fn order_questions_take_events_of_one_period() {
    let asked = asked();
    let dated: Vec<(HistDate, &recall::deck::Fact)> = asked
        .collection
        .decks
        .iter()
        .flat_map(|d| &d.facts)
        .filter_map(|f| Some((f.date()?, f)))
        .collect();
    let mut checked = 0;
    for q in asked
        .questions
        .iter()
        .filter(|q| matches!(q.response, Response::Order { .. }))
    {
        let card = &asked.collection.cards[q.card];
        let year = asked.collection.fact(card).date().unwrap().get_year();
        // Do the decks have three happenings, this one among them, within 15 years?
        let possible = (year - 15..=year).any(|start| {
            let mut years: Vec<HistDate> = dated
                .iter()
                .filter(|(d, _)| (start..=start + 15).contains(&d.get_year()))
                .map(|(d, _)| *d)
                .collect();
            years.sort();
            years.dedup();
            years.len() >= 3
        });
        let dates = order_dates(&q.answer);
        assert_eq!(dates.len(), q.options.len());
        let span = dates.last().unwrap().get_year() - dates[0].get_year();
        if possible {
            assert!(span <= 15, "{}: {} spans {span} years", card.id, q.answer);
            checked += 1;
        }
    }
    assert!(checked > 500, "{checked}");
}

#[test]
fn no_option_falls_after_the_last_date_in_the_decks() {
    let asked = asked();
    let last = asked.last_date();
    let after = |d: HistDate| {
        let p = d.precision().min(last.precision());
        d.truncate(p) > last.truncate(p)
    };
    let mut checked = 0;
    for q in &asked.questions {
        let card = &asked.collection.cards[q.card];
        if let (Response::Choice { .. }, Expected::Date(_)) = (&q.response, &card.expected) {
            for option in &q.options {
                let d = recall::date::parse_typed_date(option).unwrap();
                assert!(!after(d), "{}: {option} is after {last}", card.id);
            }
            checked += 1;
        }
        if let Response::TrueFalse(false) = q.response {
            // A year the false statement brings in (not one the fact's own text gives).
            let numbers = |s: &str| -> Vec<String> {
                s.split(|c: char| !c.is_ascii_digit())
                    .filter(|w| w.len() == 4)
                    .map(str::to_owned)
                    .collect()
            };
            let truth = numbers(&q.answer);
            for year in numbers(&q.prompt).iter().filter(|y| !truth.contains(y)) {
                let year: i32 = year.parse().unwrap();
                assert!(year <= last.get_year(), "{}: {}", card.id, q.prompt);
            }
        }
        if let Response::Order { .. } = q.response {
            assert!(order_dates(&q.answer).into_iter().all(|d| !after(d)));
        }
    }
    assert!(checked > 300, "{checked}");
}

#[test]
fn date_options_do_not_point_at_the_answer() {
    let asked = asked();
    let (mut questions, mut middle, mut first, mut last) = (0, 0, 0, 0);
    for q in &asked.questions {
        let card = &asked.collection.cards[q.card];
        let (Response::Choice { correct }, Expected::Date(answer)) = (&q.response, &card.expected)
        else {
            continue;
        };
        let dates: Vec<HistDate> = q
            .options
            .iter()
            .map(|o| recall::date::parse_typed_date(o).unwrap())
            .collect();
        let parts = |d: &HistDate| [Some(d.get_year() as u32), d.get_month(), d.get_day()];
        let one_part = |d: &HistDate| {
            parts(d)
                .iter()
                .zip(parts(answer))
                .filter(|(a, b)| **a != *b)
                .count()
                == 1
        };
        if answer.get_month().is_some() {
            assert!(
                !dates.iter().filter(|d| *d != answer).all(one_part),
                "{}: every other option is the answer with one part changed: {:?}",
                card.id,
                q.options
            );
        }
        let rank = dates.iter().filter(|d| **d < dates[*correct]).count();
        questions += 1;
        match rank {
            0 => first += 1,
            3 => last += 1,
            _ => middle += 1,
        }
    }
    assert!(questions > 300, "{questions}");
    let share = |n: i32| f64::from(n) / f64::from(questions);
    assert!(
        share(middle) < 0.6 && share(first) > 0.15 && share(last) > 0.1,
        "the answer is first {first}, in the middle {middle}, last {last} times of {questions}"
    );
}

#[test]
fn options_never_repeat_the_place_the_question_gives() {
    let asked = asked();
    let mut checked = 0;
    for q in asked.of_card("/reverse") {
        let fact = asked.collection.fact(&asked.collection.cards[q.card]);
        let place = match &fact.kind {
            FactKind::Incident { place, .. }
            | FactKind::Event { place, .. }
            | FactKind::Agreement { place, .. } => place.clone(),
            _ => None,
        };
        let Some(place) = place else { continue };
        if !q.prompt.contains(&place) {
            continue;
        }
        let names: Vec<String> = place
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .map(str::to_lowercase)
            .collect();
        for option in &q.options {
            let words: Vec<String> = option
                .split(|c: char| !c.is_alphanumeric())
                .map(str::to_lowercase)
                .collect();
            assert!(
                !names.iter().any(|n| words.contains(n)),
                "`{}` offers `{option}`",
                q.prompt
            );
        }
        checked += 1;
    }
    assert!(checked > 10, "{checked}");
}

/// A leader's every office, as (role, country).
fn offices_of(fact: &recall::deck::Fact) -> Vec<(String, String)> {
    let FactKind::Leader {
        role,
        country,
        offices,
        ..
    } = &fact.kind
    else {
        return Vec::new();
    };
    std::iter::once((role.clone(), country.clone()))
        .chain(offices.iter().map(|o| (o.role.clone(), o.country.clone())))
        .collect()
}

impl Asked {
    /// Every office any person of the decks held, as (role, country).
    fn all_offices(&self) -> Vec<(String, String)> {
        self.collection
            .decks
            .iter()
            .flat_map(|d| &d.facts)
            .flat_map(offices_of)
            .collect()
    }

    fn places(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .collection
            .decks
            .iter()
            .flat_map(|d| &d.facts)
            .filter_map(|f| match &f.kind {
                FactKind::Incident { place, .. } | FactKind::Event { place, .. } => place.clone(),
                _ => None,
            })
            .collect();
        all.sort_by_key(|p| std::cmp::Reverse(p.len()));
        all.dedup();
        all
    }
}

/// Whether `role` of `country` may also be said of one who held `offices`.
fn may_hold(offices: &[(String, String)], role: &str, country: &str) -> bool {
    offices
        .iter()
        .any(|(r, c)| c == country && recall::office::overlaps(r, role))
}

#[test]
fn no_false_statement_or_wrong_office_may_also_be_said_of_the_person() {
    let asked = asked();
    let all = asked.all_offices();
    let (mut statements, mut choices) = (0, 0);
    for q in &asked.questions {
        let card = &asked.collection.cards[q.card];
        let fact = asked.collection.fact(card);
        let FactKind::Leader { name, .. } = &fact.kind else {
            continue;
        };
        let mine = offices_of(fact);
        match &q.response {
            Response::TrueFalse(false) => {
                let said = q.prompt.trim_start_matches("True or false? ");
                let heads = |r: &str| recall::card::heads(r);
                if let Some((_, other)) = said
                    .strip_prefix("The ")
                    .and_then(|s| s.rsplit_once(" was "))
                {
                    // Another person for what this one is known for: of the same country and rank.
                    let other = other.trim_end_matches('.');
                    let (_, role, country) = asked
                        .people()
                        .into_iter()
                        .find(|(n, ..)| n == other)
                        .unwrap_or_else(|| panic!("{}: `{other}` is no person", card.id));
                    assert!(
                        other != name && country == mine[0].1 && heads(&role) == heads(&mine[0].0),
                        "{}: `{said}` puts {other}, a {role} of {country}, in {name}'s place",
                        card.id
                    );
                    statements += 1;
                    continue;
                }
                let (role, country) = all
                    .iter()
                    .find(|(r, c)| {
                        let c = c.as_str();
                        let owner = c.trim_end_matches('s');
                        said == format!("{name} held the office of {r} of {c}.")
                            || said.starts_with(&format!("{name} served as {owner}"))
                                && said.ends_with(&format!(" {r}."))
                    })
                    .unwrap_or_else(|| panic!("{}: `{said}` names no office", card.id));
                assert!(
                    !may_hold(&mine, role, country),
                    "{}: `{said}` may be true of {name} ({mine:?})",
                    card.id
                );
                assert_eq!(
                    heads(role),
                    heads(&mine[0].0),
                    "{}: `{said}` calls an official a head of state or the reverse",
                    card.id
                );
                assert!(
                    !(mine.iter().any(|(r, c)| heads(r) && c == country) && heads(role)),
                    "{}: `{said}`: the top offices of one state pass between its leaders",
                    card.id
                );
                statements += 1;
            }
            Response::Choice { correct } if card.id.ends_with("/office.choice") => {
                for (k, option) in q.options.iter().enumerate().filter(|(k, _)| k != correct) {
                    let (role, country) = all
                        .iter()
                        .find(|(r, c)| *option == format!("{r} of {c}"))
                        .unwrap_or_else(|| panic!("{}: `{option}` is no office", card.id));
                    assert!(
                        !may_hold(&mine, role, country),
                        "{}: option {} `{option}` may be true of {name}",
                        card.id,
                        k + 1
                    );
                }
                choices += 1;
            }
            _ => {}
        }
    }
    assert!(statements > 50 && choices > 100, "{statements} {choices}");
}

#[test]
fn optional_facts_are_options_only_where_the_others_run_out() {
    let asked = asked();
    let facts: Vec<&recall::deck::Fact> = asked
        .collection
        .decks
        .iter()
        .flat_map(|d| &d.facts)
        .collect();
    let optional_labels: Vec<String> = facts
        .iter()
        .filter(|f| f.optional)
        .filter_map(|f| match &f.kind {
            FactKind::Leader { name, .. } => Some(name.clone()),
            FactKind::Event { what, .. } => Some(what.trim_end_matches('.').to_owned()),
            FactKind::Incident { name, .. } | FactKind::Agreement { name, .. } => {
                Some(name.clone())
            }
            _ => None,
        })
        .collect();
    let offered_optional = |q: &Question| {
        q.options
            .iter()
            .filter(|o| *o != &q.answer)
            .any(|o| optional_labels.iter().any(|l| l.eq_ignore_ascii_case(o)))
    };
    let mut checked = 0;
    for q in &asked.questions {
        let card = &asked.collection.cards[q.card];
        let fact = asked.collection.fact(card);
        if fact.optional || !matches!(q.response, Response::Choice { .. }) {
            continue;
        }
        checked += 1;
        if !offered_optional(q) {
            continue;
        }
        // Allowed only for a person with fewer than three others of the same country and
        // rank who are not optional.
        let FactKind::Leader {
            name,
            role,
            country,
            ..
        } = &fact.kind
        else {
            panic!("{}: offers an optional fact: {:?}", card.id, q.options);
        };
        let heads = recall::card::heads(role);
        let others = facts
            .iter()
            .filter(|f| !f.optional)
            .filter(|f| {
                matches!(&f.kind, FactKind::Leader { name: n, role: r, country: c, .. }
                    if n != name && c == country && recall::card::heads(r) == heads)
            })
            .count();
        assert!(
            others < 3,
            "{}: offers an optional person though {others} others are of its kind: {:?}",
            card.id,
            q.options
        );
    }
    assert!(checked > 500, "{checked}");
}

/// Whether `text` names `place` by one of its own proper names (not "South" or "Korean").
fn names_place(text: &str, place: &str) -> bool {
    const COMMON: [&str; 16] = [
        "north", "south", "east", "west", "korea", "korean", "inter", "joint", "area", "sea",
        "yellow", "island", "station", "house", "mount", "zone",
    ];
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .collect();
    place
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .map(str::to_lowercase)
        .filter(|w| !COMMON.contains(&w.as_str()))
        .any(|w| words.contains(&w))
}

#[test]
fn no_statement_gives_a_place_its_own_text_names_or_contradicts() {
    let asked = asked();
    let places = asked.places();
    let mut checked = 0;
    for q in asked.of_card("/truefalse") {
        let card = &asked.collection.cards[q.card];
        let fact = asked.collection.fact(card);
        let (text, own) = match &fact.kind {
            FactKind::Incident { name, place, .. } => (name.as_str(), place.clone()),
            FactKind::Event { what, place, .. } => (what.as_str(), place.clone()),
            _ => continue,
        };
        let said = q.prompt.trim_start_matches("True or false? ");
        // What the statement adds to the fact's own text.
        let added = said
            .rsplit_once(": this happened")
            .or_else(|| said.rsplit_once(" took place"))
            .map_or("", |(_, tail)| tail);
        let Some(place) = places.iter().find(|p| {
            added.starts_with(&format!(" at {p} on ")) || added.starts_with(&format!(" at {p} in "))
        }) else {
            continue;
        };
        assert!(
            !names_place(text, place),
            "{}: `{said}` repeats the place its text names",
            card.id
        );
        if own.as_ref() != Some(place) {
            let named: Vec<&String> = places.iter().filter(|p| names_place(text, p)).collect();
            assert!(
                named.is_empty(),
                "{}: `{said}` moves it from {named:?}, which its text names",
                card.id
            );
        }
        checked += 1;
    }
    assert!(checked > 15, "{checked}");
}

#[test]
fn no_false_date_falls_in_the_span_or_contradicts_a_year_the_text_gives() {
    let asked = asked();
    let mut checked = 0;
    for q in asked.of_card("/truefalse") {
        let Response::TrueFalse(false) = q.response else {
            continue;
        };
        let card = &asked.collection.cards[q.card];
        let fact = asked.collection.fact(card);
        let (text, until) = match &fact.kind {
            FactKind::Event { what, until, .. } => (what.clone(), *until),
            FactKind::Incident { name, .. } | FactKind::Agreement { name, .. } => {
                (name.clone(), None)
            }
            _ => continue,
        };
        let date = fact.date().expect("a dated fact");
        let said = q.prompt.trim_start_matches("True or false? ");
        let tail = said.trim_end_matches('.');
        let Some(moved) = [" on ", " in "].iter().find_map(|w| {
            let (_, d) = tail.rsplit_once(w)?;
            recall::date::parse_typed_date(d.trim_start_matches("the ")).ok()
        }) else {
            continue;
        };
        let p = moved.precision().min(date.precision());
        if moved.truncate(p) == date.truncate(p) {
            continue;
        }
        if let Some(until) = until {
            let p = moved.precision().min(until.precision());
            assert!(
                moved < date || moved.truncate(p) > until.truncate(p),
                "{}: `{said}` is within {date} – {until}",
                card.id
            );
        }
        for year in text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|w| w.len() == 4)
            .filter_map(|w| w.parse::<i32>().ok())
        {
            let side = |y: i32| (y - year).signum();
            assert!(
                side(moved.get_year()) == side(date.get_year()),
                "{}: `{said}` contradicts the {year} its text names",
                card.id
            );
        }
        checked += 1;
    }
    assert!(checked > 200, "{checked}");
}

fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn no_order_question_lists_a_happening_that_tells_where_another_falls() {
    let asked = asked();
    // Names of people and countries: sharing one tells nothing.
    let mut names: Vec<String> = asked
        .collection
        .decks
        .iter()
        .flat_map(|d| &d.facts)
        .filter_map(|f| match &f.kind {
            FactKind::Leader { name, aka, .. } => Some(std::iter::once(name).chain(aka)),
            _ => None,
        })
        .flatten()
        .flat_map(|n| tokens(n))
        .collect();
    names.extend(
        recall::office::COUNTRIES
            .iter()
            .flat_map(|c| c.forms)
            .flat_map(|f| tokens(f)),
    );
    let common = [
        "the", "of", "a", "an", "and", "in", "on", "at", "to", "for", "by", "with", "north",
        "south", "korea", "korean", "koreas", "inter", "two", "s", "its", "their", "was", "were",
        "had", "has", "from", "as",
    ];
    let mut checked = 0;
    for q in asked.of_card("/order") {
        let card = &asked.collection.cards[q.card].id;
        let mut dates = vec![None; q.options.len()];
        for part in q.answer.split(", ") {
            let (n, date) = part.split_once(" (").expect("`n (date)`");
            let date = recall::date::parse_typed_date(date.trim_end_matches(')')).unwrap();
            dates[n.parse::<usize>().unwrap() - 1] = Some(date);
        }
        for (i, a) in q.options.iter().enumerate() {
            for (j, b) in q.options.iter().enumerate().filter(|(j, _)| *j != i) {
                let (ta, tb) = (tokens(a), tokens(b));
                assert!(
                    tb.len() < 2 || !ta.windows(tb.len()).any(|w| w == tb.as_slice()),
                    "{card}: `{a}` names `{b}`"
                );
                let year = dates[j].unwrap().get_year().to_string();
                assert!(!ta.contains(&year), "{card}: `{a}` names the year of `{b}`");
                for x in 0..ta.len() {
                    for y in 0..tb.len() {
                        let k = ta[x..]
                            .iter()
                            .zip(&tb[y..])
                            .take_while(|(p, q)| p == q)
                            .count();
                        let telling = ta[x..x + k]
                            .iter()
                            .filter(|t| !common.contains(&t.as_str()) && !names.contains(t))
                            .count();
                        assert!(
                            k < 3 || telling < 2,
                            "{card}: `{a}` and `{b}` share `{}`",
                            ta[x..x + k].join(" ")
                        );
                    }
                }
            }
        }
        checked += 1;
    }
    assert!(checked > 500, "{checked}");
}

#[test]
fn no_choice_prompt_shares_a_word_with_the_right_option_alone() {
    let asked = asked();
    let suffix = |q: &Question| {
        let card = &asked.collection.cards[q.card];
        let kind = asked.collection.fact(card).kind_name();
        let suffix = card.id.rsplit_once('/').map_or("", |(_, s)| s);
        format!("{kind}/{suffix}")
    };
    // The words every question of a kind has ("Name the agreement") are its frame.
    let mut frames: std::collections::HashMap<String, HashSet<String>> = Default::default();
    for q in &asked.questions {
        let words: HashSet<String> = tokens(&q.prompt).into_iter().collect();
        frames
            .entry(suffix(q))
            .and_modify(|f| f.retain(|w| words.contains(w)))
            .or_insert(words);
    }
    // Country words name no one answer ("South Korean president", "Korean Peninsula").
    let mut countries: HashSet<String> = recall::office::COUNTRIES
        .iter()
        .flat_map(|c| c.forms)
        .flat_map(|f| tokens(f))
        .collect();
    countries.extend(["korea", "korean", "koreas", "inter"].map(String::from));
    let mut checked = 0;
    for q in &asked.questions {
        let Response::Choice { correct } = q.response else {
            continue;
        };
        let card = &asked.collection.cards[q.card].id;
        let frame = &frames[&suffix(q)];
        let prompt: Vec<String> = tokens(&q.prompt)
            .into_iter()
            .filter(|w| !frame.contains(w))
            .collect();
        let wrong: Vec<String> = q
            .options
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != correct)
            .flat_map(|(_, o)| tokens(o))
            .collect();
        for word in tokens(&q.options[correct]) {
            assert!(
                word.len() < 4
                    || countries.contains(&word)
                    || !prompt.contains(&word)
                    || wrong.contains(&word),
                "{card}: `{word}` is in the question and in the right option only: {} {:?}",
                q.prompt,
                q.options
            );
        }
        checked += 1;
    }
    assert!(checked > 1000, "{checked}");
}

//! Typed answers graded the same way in review and exam: one checker, one verdict.
use std::{fs, path::Path};

use serde_json::Value;

use crate::support::{Env, Run, run};

const DECK: &str = r#"[deck]
id = "war"
title = "War test deck"

[[source]]
id = "wiki-relations"
title = "North Korea–South Korea relations (encyclopedia article)"

[[event]]
id = "war-begins"
date = 1950-06-25
what = "North Korea invaded South Korea."
source = { ref = "wiki-relations", quote = "On 25 June 1950, North Korea invaded South Korea." }
"#;

fn deck_dir(env: &Env, text: &str) -> std::path::PathBuf {
    let dir = env.dir.path().join("decks");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("deck.toml"), text).unwrap();
    dir
}

fn with_decks(env: &Env, decks: &Path, args: &[&str], stdin: &str) -> Run {
    let mut cmd = env.cmd(args);
    cmd.env("RECALL_DECKS", decks);
    run(cmd, stdin)
}

fn exam(env: &Env, decks: &Path, stdin: &str) -> (Run, Value) {
    let json = env.dir.path().join("report.json");
    let run = with_decks(
        env,
        decks,
        &[
            "exam",
            "--types",
            "date",
            "--count",
            "1",
            "--json",
            json.to_str().unwrap(),
        ],
        stdin,
    );
    run.success();
    let report = serde_json::from_str(&fs::read_to_string(&json).unwrap()).unwrap();
    (run, report)
}

#[test]
fn an_unreadable_date_is_asked_again_with_a_hint_and_never_graded() {
    let env = Env::new();
    let decks = deck_dir(&env, DECK);
    let input = "9/10/1950\nsummer 1950\n25 June 1950\n";

    let review = with_decks(&env, &decks, &["review"], input);
    review.success();
    let out = review.stdout();
    assert!(
        out.contains("cannot read `9/10/1950` as a date: ambiguous day and month"),
        "{out}"
    );
    assert!(
        out.contains("cannot read `summer 1950` as a date: could not read `summer` as a month"),
        "{out}"
    );
    assert!(out.contains("write it like 25 June 1950"), "{out}");
    assert!(out.contains("✓ right: 25 June 1950"), "{out}");
    let records = env.records();
    assert_eq!(records.len(), 1, "only the readable answer is recorded");
    assert_eq!(records[0][2], "good");
    assert_eq!(records[0][4], "25 June 1950");

    let env = Env::new();
    let decks = deck_dir(&env, DECK);
    let (run, report) = exam(&env, &decks, input);
    assert!(
        run.stdout().contains("cannot read `summer 1950` as a date"),
        "{}",
        run.stdout()
    );
    assert_eq!(report["items"][0]["your_answer"], "25 June 1950");
    assert_eq!(report["score"], 1.0);
    assert_eq!(env.records().len(), 1);
}

#[test]
fn unreadable_to_the_end_of_input_grades_nothing() {
    let env = Env::new();
    let decks = deck_dir(&env, DECK);
    let review = with_decks(&env, &decks, &["review"], "summer 1950\n");
    review.success();
    assert!(review.stdout().contains("cannot read `summer 1950`"));
    assert!(env.records().is_empty(), "{:?}", env.records());
}

#[test]
fn a_date_less_precise_than_asked_is_a_near_miss_in_review_and_in_exam() {
    // answer typed, review grade, exam points
    let table = [
        ("25 June 1950", "good", 1.0),
        ("June 25, 1950", "good", 1.0),
        ("1950", "hard", 0.5),
        ("June 1950", "hard", 0.5),
        ("24 June 1950", "hard", 0.5),
        ("25 July 1950", "hard", 0.5),
        ("1951", "again", 0.0),
        ("25 June 1949", "again", 0.0),
        ("", "again", 0.0),
    ];
    for (typed, grade, points) in table {
        let env = Env::new();
        let decks = deck_dir(&env, DECK);
        let review = with_decks(&env, &decks, &["review"], &format!("{typed}\n"));
        review.success();
        let records = env.records();
        assert_eq!(
            records[0][2],
            grade,
            "review of `{typed}`: {}",
            review.stdout()
        );
        if grade == "hard" {
            assert!(
                review.stdout().contains("~ partly: 25 June 1950"),
                "{}",
                review.stdout()
            );
        }

        let env = Env::new();
        let decks = deck_dir(&env, DECK);
        let (_, report) = exam(&env, &decks, &format!("{typed}\n"));
        assert_eq!(report["score"], points, "exam of `{typed}`");
        assert_eq!(
            env.records()[0][2],
            grade,
            "the exam logs the review's grade"
        );
    }
}

#[test]
fn typo_feedback_shows_what_was_typed_beside_the_spelling() {
    let env = Env::new();
    let run = env.run(&["review"], "two hostile states declaratoin\n");
    run.success();
    assert!(
        run.stdout().contains(
            "(typo: `two hostile states declaratoin` is spelt `two hostile states declaration`)"
        ),
        "{}",
        run.stdout()
    );
}

const NIXON: &str = r#"[deck]
id = "us"
title = "US test deck"

[[source]]
id = "wiki-relations"
title = "North Korea–South Korea relations (encyclopedia article)"

[[leader]]
id = "nixon"
name = "Nixon"
aka = ["Richard Nixon"]
country = "the United States"
role = "President"
source = { ref = "wiki-relations", quote = "During preparations for US President Nixon's visit to China in 1972, South Korean President Park Chung Hee initiated covert contact with the North's Kim Il Sung." }
"#;

#[test]
fn an_office_is_graded_alike_in_review_and_exam_whatever_the_country_is_called() {
    for (typed, verdict, grade, points) in [
        (
            "U.S. president",
            "✓ right: President of the United States",
            "good",
            1.0,
        ),
        (
            "President of the USA",
            "✓ right: President of the United States",
            "good",
            1.0,
        ),
        (
            "American President",
            "✓ right: President of the United States",
            "good",
            1.0,
        ),
        (
            "South Korean President",
            "✗ wrong: you said `South Korean President`; it is President of the United States (wrong country: South Korea)",
            "again",
            0.0,
        ),
        (
            "US Vice President",
            "✗ wrong: you said `US Vice President`; it is President of the United States (more than the answer)",
            "again",
            0.0,
        ),
    ] {
        let env = Env::new();
        let decks = deck_dir(&env, NIXON);
        let review = with_decks(&env, &decks, &["review"], &format!("{typed}\n"));
        review.success();
        assert!(
            review.stdout().contains("What office did Nixon hold?"),
            "{}",
            review.stdout()
        );
        assert!(
            review.stdout().contains(verdict),
            "{typed}: {}",
            review.stdout()
        );
        assert_eq!(env.records()[0][2], grade, "{typed}");

        let env = Env::new();
        let decks = deck_dir(&env, NIXON);
        let json = env.dir.path().join("report.json");
        let exam = with_decks(
            &env,
            &decks,
            &[
                "exam",
                "--types",
                "text",
                "--count",
                "1",
                "--json",
                json.to_str().unwrap(),
            ],
            &format!("{typed}\n"),
        );
        exam.success();
        let report: Value = serde_json::from_str(&fs::read_to_string(&json).unwrap()).unwrap();
        assert_eq!(report["score"], points, "{typed}");
    }
}

#[test]
fn a_bad_list_of_offices_is_a_located_error() {
    let env = Env::new();
    let deck = NIXON.replace(
        "role = \"President\"\n",
        "role = \"President\"\noffices = [{ role = \"Vice President\" }]\n",
    );
    let decks = deck_dir(&env, &deck);
    let run = with_decks(&env, &decks, &["decks", "lint"], "");
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr()
            .contains("deck.toml:14:8: a leader has `role` or `offices`, not both"),
        "{}",
        run.stderr()
    );
    assert!(
        run.stderr().contains("help: move this role into `offices`"),
        "{}",
        run.stderr()
    );
}

mod shipped {
    use recall::{
        answer::check_against,
        card::Collection,
        deck::{FactKind, load_bundled},
        grade::Grade,
        office::COUNTRIES,
    };

    fn country_of(name: &str) -> &'static recall::office::Country {
        let name = name.strip_prefix("the ").unwrap_or(name);
        COUNTRIES
            .iter()
            .find(|c| c.forms.iter().any(|f| f.eq_ignore_ascii_case(name)))
            .unwrap_or_else(|| panic!("`{name}` is not in the table of countries"))
    }

    /// Every office of the shipped decks, in every form of its country and of every other.
    #[test]
    fn an_office_is_right_in_any_form_of_its_country_and_wrong_in_another() {
        let collection = Collection::new(load_bundled().expect("the shipped decks load"));
        let (mut right, mut wrong, mut failures) = (0, 0, Vec::new());
        for card in collection
            .cards
            .iter()
            .filter(|c| c.kind == recall::card::QuestionType::Text)
            .filter(|c| {
                c.id.rsplit_once('/')
                    .is_some_and(|(_, s)| s.starts_with("office"))
            })
        {
            let FactKind::Leader { .. } = &collection.fact(card).kind else {
                continue;
            };
            // "Ambassador to North Korea of the Soviet Union": the last " of " is the country's.
            let (role, country) = card.answer.rsplit_once(" of ").expect("role of country");
            let home = country_of(country);
            let confusables = collection.confusables(card);
            for other in COUNTRIES {
                for form in other.forms {
                    for typed in [format!("{form} {role}"), format!("{role} of the {form}")] {
                        let verdict = check_against(&card.expected, &typed, &confusables);
                        if other.code == home.code {
                            right += 1;
                            if verdict.grade != Grade::Good {
                                failures
                                    .push(format!("{}: `{typed}` is right: {verdict:?}", card.id));
                            }
                        } else {
                            wrong += 1;
                            if verdict.correct {
                                failures
                                    .push(format!("{}: `{typed}` is wrong: {verdict:?}", card.id));
                            }
                        }
                    }
                }
            }
        }
        assert!(right > 100, "{right}");
        assert!(wrong > right, "{wrong} wrong forms for {right} right ones");
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// A person the texts give two offices is asked each, by the date the text gives.
    #[test]
    fn the_shipped_decks_ask_each_office_the_texts_give() {
        let collection = Collection::new(load_bundled().expect("the shipped decks load"));
        let card = |id: &str| {
            &collection.cards[collection
                .index_of(id)
                .unwrap_or_else(|| panic!("no card {id}"))]
        };
        let grade = |id: &str, typed: &str| {
            let card = card(id);
            check_against(&card.expected, typed, &collection.confusables(card)).grade
        };
        assert_eq!(
            card("ri-son-gwon/office").prompt,
            "What office did Ri Son Gwon hold on 5 June 2020?"
        );
        assert_eq!(
            card("ri-son-gwon/office-2").prompt,
            "What office did Ri Son Gwon hold in January 2018?"
        );
        assert_eq!(
            grade("ri-son-gwon/office", "North Korean foreign minister"),
            Grade::Good
        );
        assert_eq!(
            grade(
                "ri-son-gwon/office",
                "Minister of Foreign Affairs of the DPRK"
            ),
            Grade::Good
        );
        assert_eq!(
            grade("ri-son-gwon/office", "South Korean foreign minister"),
            Grade::Again
        );
        let chairman = "Chairman of the Committee for the Peaceful Reunification of the Fatherland";
        assert_eq!(grade("ri-son-gwon/office-2", chairman), Grade::Good);
        assert_eq!(grade("ri-son-gwon/office", chairman), Grade::Again);
        assert_eq!(
            grade("ri-son-gwon/office-2", "Foreign Minister"),
            Grade::Again
        );
        assert!(collection.index_of("ri-son-gwon/office.choice").is_some());
        assert!(collection.index_of("ri-son-gwon/office-2.choice").is_none());

        assert_eq!(
            card("kim-il-sung/office").prompt,
            "What office did Kim Il Sung take in 1948?"
        );
        assert_eq!(
            grade("kim-il-sung/office", "Premier of the DPRK"),
            Grade::Good
        );
        assert_eq!(
            grade("kim-il-sung/office", "President of North Korea"),
            Grade::Again
        );
        assert_eq!(grade("lee-hu-rak/office", "KCIA director"), Grade::Good);
        assert_eq!(
            grade("lee-hu-rak/office", "director of the KCIA"),
            Grade::Good
        );
        assert_eq!(grade("lee-hu-rak/office", "CIA director"), Grade::Again);
    }

    /// Titles in front of every shipped leader's name: right for them, wrong for the others.
    #[test]
    fn a_title_before_a_name_is_right_for_that_person_only() {
        let collection = Collection::new(load_bundled().expect("the shipped decks load"));
        let who: Vec<_> = collection
            .cards
            .iter()
            .filter(|c| c.kind == recall::card::QuestionType::Text && c.id.ends_with("/who"))
            .filter(|c| matches!(collection.fact(c).kind, FactKind::Leader { .. }))
            .collect();
        assert!(who.len() > 20);
        let mut failures = Vec::new();
        for card in &who {
            let confusables = collection.confusables(card);
            for other in &who {
                for title in ["President", "Chairman", "Comrade", "Premier", "Mr."] {
                    let typed = format!("{title} {}", other.answer);
                    let verdict = check_against(&card.expected, &typed, &confusables);
                    let same = card.answer == other.answer;
                    if same != (verdict.grade == Grade::Good) || same != verdict.correct {
                        failures.push(format!("{}: `{typed}`: {verdict:?}", card.id));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}

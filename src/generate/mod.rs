//! `recall decks generate`: a draft deck from plain-text history, by fixed rules.
//!
//! Each text is read as headings, paragraphs and sentences; a report's dateline gives the day it
//! was written, and a listing's or timeline's date line dates what is on it or under it. Every
//! date expression is found and, when relative (`On 13 June`, `the next day`, `that year`),
//! resolved from the nearest date before it in the same section; one that counts from the day
//! the text was written (`last year`, `on Tuesday`, `January 5` in a news report) is resolved
//! from the text's date, when it has one. Each usable date of a sentence becomes one fact: the
//! named agreement signed then, the incident that happened then, or else an event. People named
//! with an office become leaders. The same fact found twice (by name, by most of its words, or
//! by who did what to whom) is merged, keeping the more precise date.
//!
//! One file per stage, each with its tests: `text` (paragraphs, sentences, tokens) and `lines`
//! (datelines, timeline entries); `dates`; `facts` (agreements, incidents, events) and `wording`
//! (the question's sentence); `people` (office holders in a sentence) and `leaders` (one per
//! person); `gist` and `merge` (restatements); `read` walks a text through them and `write`
//! writes and checks the deck.
mod dates;
mod facts;
mod gist;
mod leaders;
mod lines;
mod merge;
mod people;
mod read;
mod readme;
mod text;
mod wording;
mod write;

use crate::{
    card::Collection,
    date::{HistDate, Precision},
    deck,
};
use dates::{Anchors, Mention};
use facts::{Dated, Fact};
pub use readme::{About, about, text_date};
pub use write::slug;

/// One text to draft from.
pub struct Input {
    /// The file as named in messages.
    pub file: String,
    /// The source id its facts cite.
    pub source: String,
    pub title: String,
    pub text: String,
    /// The day the text was written (`--dated`, or its README), to the precision known:
    /// `last year`, `on Tuesday` and `January 5` count from it.
    pub dated: Option<HistDate>,
}

/// A date the generator found but did not use, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unused {
    pub file: String,
    pub line: usize,
    pub expression: String,
    pub reason: &'static str,
    pub sentence: String,
}

/// The drafted deck and what the generator has to say about it.
#[derive(Debug)]
pub struct Draft {
    pub toml: String,
    pub events: usize,
    pub agreements: usize,
    pub leaders: usize,
    pub incidents: usize,
    pub unused: Vec<Unused>,
    /// `file:line` of a duplicate and the `file:line` of the fact it was merged into.
    pub merged: Vec<(String, String)>,
    /// Facts left out because another asks the same question: `file:line: question`.
    pub dropped: Vec<String>,
    /// Facts tagged `check-wording`: their sentence opens with a pronoun.
    pub to_check: usize,
}

/// A fact with where it came from.
#[derive(Clone, Debug)]
struct Drafted {
    fact: Fact,
    input: usize,
    line: usize,
    quote: String,
    people: Vec<String>,
    tags: Vec<String>,
    /// Who did what to whom in the clause of its date, for telling restatements.
    gist: gist::Gist,
}

/// One mention of a person with an office, and the years of its sentence.
struct Mentioned {
    holder: people::Holder,
    input: usize,
    quote: String,
    years: Vec<i32>,
    /// Whether its sentence says they took office then, left it then, or held it.
    term: people::Term,
    tags: Vec<String>,
}

pub const CHECK_WORDING: &str = "check-wording";

/// Drafts one deck from the texts.
pub fn draft(inputs: &[Input], id: &str, title: &str) -> Draft {
    let mut drafted = Vec::new();
    let mut mentioned = Vec::new();
    let mut unused = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        read::read(i, input, &mut drafted, &mut mentioned, &mut unused);
    }
    let mut merged = Vec::new();
    let drafted = merge::merge(drafted, inputs, &mut merged);
    let leaders = leaders::leaders(mentioned);
    let (toml, dropped, kept) = write::write_checked(inputs, id, title, drafted, leaders);
    let count = |kind: &str| kept.iter().filter(|k| **k == kind).count();
    Draft {
        events: count("event"),
        agreements: count("agreement"),
        leaders: count("leader"),
        incidents: count("incident"),
        to_check: toml.matches(&format!("\"{CHECK_WORDING}\"")).count(),
        toml,
        unused,
        merged,
        dropped,
    }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(text: &str) -> Input {
        Input {
            file: "t.txt".into(),
            source: "t".into(),
            title: "T".into(),
            text: text.into(),
            dated: None,
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        /// Whatever the text, the draft loads with the project's loader and asks nothing twice.
        #[test]
        fn any_text_drafts_a_deck_that_loads(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "In", "On", "the", "next", "day", "following", "year", "13", "June", "2018",
                    "April", "27,", "1998", "from", "to", "1950", "–", "1953", "1970s", "signed",
                    "Panmunjom", "Declaration", "President", "Moon", "Jae-in", "attacked", "Blue",
                    "House", "was", "hijacked", "Kim", ".", ",", "\n\n", "== 2019 ==\n", "•",
                    "South", "Korean", "leader", "sank", "Agreement", "of", "September", "\"", "é",
                    "Tuesday", "last", "this", "New", "Year's", "Day", "a", "before", "(1)", ":",
                    "present", "will", "SEOUL", "—", "(Reuters)", "that", "Earlier", "spring",
                    "twenty-fifth", "4th", "53", "report", "covers", "speech", "Christmas",
                    "mid-1990s", "\n1991: ", "\n- 27 April –", "Meeting", "visited",
                ]),
                0..120,
            ),
            dated in proptest::option::of(proptest::sample::select(vec![
                HistDate::year(2025),
                HistDate::month(2018, 1).unwrap(),
                HistDate::day(2021, 7, 27).unwrap(),
            ]))
        ) {
            let text = words.join(" ");
            let d = draft(&[Input { dated, ..input(&text) }], "t", "T");
            proptest::prop_assert!(deck::parse_deck("x", &d.toml).is_ok());
        }
    }

    fn leader(toml: &str, name: &str) -> String {
        let at = toml
            .find(&format!("name = \"{name}\""))
            .unwrap_or_else(|| panic!("{name} in {toml}"));
        toml[at..].split("\n\n").next().unwrap().to_owned()
    }

    /// The year a person left office ends their term; it never starts it.
    #[test]
    fn a_leader_s_term_starts_when_they_took_office_and_ends_when_they_left() {
        let d = draft(
            &[input(
                "Japanese Prime Minister Taro Aso became leader in 2008.\n\nIn 2009, Japanese Prime Minister Taro Aso resigned.\n\nIn 2006, Israeli Prime Minister Ehud Olmert resigned after the war.\n",
            )],
            "t",
            "T",
        );
        let aso = leader(&d.toml, "Taro Aso");
        assert!(
            aso.contains("from = \"2008\"") && aso.contains("to = \"2009\""),
            "{aso}"
        );
        let olmert = leader(&d.toml, "Ehud Olmert");
        assert!(!olmert.contains("from ="), "{olmert}");
        assert!(olmert.contains("to = \"2006\""), "{olmert}");
    }

    /// A textbook's run-in heading that names a year dates its part; one that names none goes
    /// on in the year before.
    #[test]
    fn run_in_headings_carry_the_year_of_a_textbook_s_parts() {
        let d = draft(
            &[input(
                "=The Election of 1916.=--Wilson won the election.\n\nThe vote of 1912 was lower.\n\n=Peace Notes.=--On December 16, the Emperor proposed talks.\n",
            )],
            "t",
            "T",
        );
        assert!(d.toml.contains("date = 1916-12-16"), "{}", d.toml);
    }

    #[test]
    fn slugs_are_ascii_words() {
        assert_eq!(
            slug("Kwangmyŏngsŏng-3 Unit 2", 8),
            "kwangmyongsong-3-unit-2"
        );
        assert_eq!(
            slug("Agreement on Reconciliation, Non-Aggression", 3),
            "agreement-on-reconciliation"
        );
    }

    #[test]
    fn relative_dates_count_from_the_section_and_headings_reset_them() {
        let d = draft(
            &[input(
                "== 2020 ==\n\nOn 13 June, Kim warned the South. On 16 June, the North threatened it. Later that day, the office in Kaesong was blown up.\n\n== Other ==\n\nOn 5 May, the clocks changed.\n",
            )],
            "t",
            "T",
        );
        assert!(d.toml.contains("date = 2020-06-13"), "{}", d.toml);
        assert!(d.toml.contains("date = 2020-06-16"), "{}", d.toml);
        assert_eq!(d.incidents, 1, "{}", d.toml);
        assert_eq!(d.unused.len(), 1);
        assert_eq!(d.unused[0].reason, dates::NO_YEAR);
        assert_eq!(d.unused[0].line, 7);
    }

    #[test]
    fn a_dateline_dates_the_entry_under_it() {
        let d = draft(
            &[input(
                "  • December 08, 1960\n\n    Report on the Talks\n\n    Kim Il thanks the Soviet Union.\n\n  • May 16, 1961\n",
            )],
            "t",
            "T",
        );
        assert!(
            d.toml
                .contains("date = 1960-12-08\nwhat = \"Kim Il thanks the Soviet Union.\""),
            "{}",
            d.toml
        );
        assert_eq!(d.events, 1);
    }

    #[test]
    fn a_dateline_dates_the_first_sentence_under_it_beside_its_own_dates() {
        let d = draft(
            &[input(
                "  • May 02, 1963\n\n    The Development of the Reunification Policy\n\n    The report tells how the armies fought from 1950 to 1953.\n",
            )],
            "t",
            "T",
        );
        assert!(d.toml.contains("date = 1963-05-02\n"), "{}", d.toml);
        assert!(
            d.toml.contains("date = \"1950\"\nuntil = \"1953\""),
            "{}",
            d.toml
        );
    }

    #[test]
    fn a_timeline_s_lines_date_what_is_on_them_or_under_them() {
        let d = draft(
            &[input(
                "== Timeline ==\n\n• 27 April 1968 – Students occupy the Sorbonne\n- 1989: The Wall falls in Berlin.\n1991 — Summit at Maastricht\n1914–1918: War in Europe\n\n== 1969 ==\n\n- 20 July: Apollo 11 lands on the Moon.\n\n1972:\n\nThe two Germanys sign a basic treaty.\n",
            )],
            "t",
            "T",
        );
        for (date, what) in [
            ("1968-04-27", "Students occupy the Sorbonne."),
            ("\"1989\"", "The Wall falls in Berlin."),
            ("\"1991\"", "Summit at Maastricht."),
            ("\"1914\"\nuntil = \"1918\"", "War in Europe."),
            ("1969-07-20", "Apollo 11 lands on the Moon."),
            ("\"1972\"", "The two Germanys sign a basic treaty."),
        ] {
            assert!(
                d.toml
                    .contains(&format!("date = {date}\nwhat = \"{what}\"")),
                "{date} {what}\n{}",
                d.toml
            );
        }
        assert_eq!(d.events, 6, "{}", d.toml);
        assert!(d.unused.is_empty(), "{:?}", d.unused);
    }

    #[test]
    fn a_listing_s_titles_date_what_they_name_and_its_reports_not_what_they_cover() {
        let d = draft(
            &[input(
                "  • April 03, 1971\n\n    Letter on the March 30th Trade Union Congress\n\n    The letter reviews the unions' demands from 1968 to 1970.\n\n  • April 09, 1971\n\n    Memorandum for 9 April 1971, on Relations after the War, 1954-1961\n\n    A note on the talks.\n",
            )],
            "t",
            "T",
        );
        for (date, what) in [
            ("1971-03-30", "Letter on the ___ Trade Union Congress."),
            (
                "1971-04-03",
                "The letter reviews the unions' demands from 1968 to 1970.",
            ),
            ("1971-04-09", "A note on the talks."),
        ] {
            assert!(
                d.toml
                    .contains(&format!("date = {date}\nwhat = \"{what}\"")),
                "{date} {what}\n{}",
                d.toml
            );
        }
        assert_eq!(d.events, 3, "{}", d.toml);
        let reasons: Vec<(&str, &str)> = d
            .unused
            .iter()
            .map(|u| (u.expression.as_str(), u.reason))
            .collect();
        assert_eq!(
            reasons,
            [
                ("from 1968 to 1970", dates::COVERAGE),
                ("for 9 April 1971", dates::TITLE),
                ("1954-1961", dates::TITLE),
            ]
        );
    }

    #[test]
    fn a_dated_report_counts_its_own_dates_from_the_day_it_was_written() {
        let text = "For most of last year, the two sides traded threats.\n\nA spokesman spoke to reporters on January 5.\n\nDuring a New Year's Day speech, Kim offered talks. Just a day later, Seoul proposed a meeting.\n\nThe following day, the drills were delayed.\n";
        let dated = |d| Input {
            dated: d,
            ..input(text)
        };
        let d = draft(&[dated(HistDate::month(2018, 1))], "t", "T");
        for (date, what) in [
            ("\"2017\"", "For most of ___, the two sides traded threats."),
            ("2018-01-05", "A spokesman spoke to reporters."),
            ("2018-01-01", "During a ___ speech, Kim offered talks."),
            ("2018-01-02", "Seoul proposed a meeting."),
            ("2018-01-03", "The drills were delayed."),
        ] {
            assert!(
                d.toml
                    .contains(&format!("date = {date}\nwhat = \"{what}\"")),
                "{date} {what}\n{}",
                d.toml
            );
        }
        assert!(d.unused.is_empty(), "{:?}", d.unused);
        // Undated, the same text yields nothing it cannot date.
        let d = draft(&[dated(None)], "t", "T");
        assert_eq!(d.events, 0, "{}", d.toml);
        assert_eq!(d.unused.len(), 5, "{:?}", d.unused);
    }

    #[test]
    fn a_report_s_dateline_is_the_day_it_was_written_not_a_happening() {
        let text = "CAIRO, March 3 — Troops crossed the canal on Sunday morning.\n\nThe talks had failed last month.\n";
        let d = draft(
            &[Input {
                dated: Some(HistDate::year(1998)),
                ..input(text)
            }],
            "t",
            "T",
        );
        // 3 March 1998 was a Tuesday: the Sunday before it was 1 March.
        assert!(
            d.toml
                .contains("date = 1998-03-01\nwhat = \"Troops crossed the canal.\""),
            "{}",
            d.toml
        );
        assert!(d.toml.contains("date = \"1998-02\""), "{}", d.toml);
        assert_eq!(d.events, 2, "{}", d.toml);
        assert_eq!(d.unused.len(), 1);
        assert_eq!(
            (d.unused[0].expression.as_str(), d.unused[0].reason),
            ("March 3", lines::DATELINE)
        );
        // With a year of its own, the dateline dates an undated text.
        let d = draft(
            &[input(
                "ATHENS, 4 May 2001 (AP) – Ministers met yesterday.\n",
            )],
            "t",
            "T",
        );
        assert!(d.toml.contains("date = 2001-05-03\n"), "{}", d.toml);
    }

    #[test]
    fn restatements_merge_into_the_more_precise_date() {
        let d = draft(
            &[input(
                "These talks led in 1991 to the Agreement on Reconciliation, Non-Aggression, Exchanges and Cooperation.\n\nIn December 1991 both states made an accord, the Agreement on Reconciliation, Non-Aggression, Exchange and Cooperation, pledging peace.\n",
            )],
            "t",
            "T",
        );
        assert_eq!(d.agreements, 1, "{}", d.toml);
        assert!(d.toml.contains("date = \"1991-12\""), "{}", d.toml);
        assert!(
            d.toml.contains(
                "aka = [\"Agreement on Reconciliation, Non-Aggression, Exchanges and Cooperation\"]"
            ),
            "{}",
            d.toml
        );
        assert_eq!(d.merged, [("t.txt:1".to_owned(), "t.txt:3".to_owned())]);
    }

    #[test]
    fn a_lead_s_summary_merges_into_the_body_s_precise_telling() {
        let d = draft(
            &[input(
                "The chancellor Willy Brandt also visited Moscow in 1970 and met with Soviet leader Leonid Brezhnev.\n\n== Ostpolitik ==\n\nOn 12 August 1970, West German Chancellor Willy Brandt flew to Moscow for talks with Leonid Brezhnev. On 12 August 1970, Willy Brandt and Alexei Kosygin signed the treaty.\n",
            )],
            "t",
            "T",
        );
        assert_eq!(d.events, 2, "{}", d.toml);
        assert!(!d.toml.contains("date = \"1970\""), "{}", d.toml);
        assert_eq!(d.merged, [("t.txt:1".to_owned(), "t.txt:5".to_owned())]);
    }

    /// Found by fuzzing: each once panicked.
    #[test]
    fn cut_off_and_out_of_range_texts_draft_a_deck() {
        for (text, dated) in [
            (
                "The talks were announced by Baek Tae-hyun, a spokesperson for\n",
                None,
            ),
            (
                "Talks were held, a day before last month.\n",
                HistDate::day(2018, 1, 15),
            ),
            ("d January 5", HistDate::day(9999, 12, 31)),
        ] {
            let d = draft(
                &[Input {
                    dated,
                    ..input(text)
                }],
                "t",
                "T",
            );
            assert!(deck::parse_deck("x", &d.toml).is_ok(), "{text}");
        }
        let d = draft(
            &[Input {
                dated: HistDate::day(9999, 12, 31),
                ..input("d January 5")
            }],
            "t",
            "T",
        );
        assert_eq!(d.unused[0].reason, dates::OUT_OF_RANGE);
    }

    #[test]
    fn many_repeated_questions_are_all_resolved() {
        let text = "In 2000, the Blue House was attacked.\n\n".repeat(300);
        let d = draft(&[input(&text)], "t", "T");
        assert_eq!(d.events + d.incidents, 1, "{:?}", d.dropped);
    }

    #[test]
    fn a_question_asked_twice_is_left_out_once() {
        let d = draft(
            &[input(
                "In 2000, the Blue House was attacked.\n\nIn 2001, the Blue House was attacked.\n",
            )],
            "t",
            "T",
        );
        // Both are "When did the attack on ... take place?": the second is left out.
        assert!(
            d.dropped.is_empty() || d.dropped.len() == 1,
            "{:?}",
            d.dropped
        );
        assert!(deck::parse_deck("x", &d.toml).is_ok());
    }
}

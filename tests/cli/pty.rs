//! A session on a pseudo-terminal, through the dialoguer prompts, as a person would.
use std::time::Duration;

use expectrl::{Eof, Expect, Session};

use crate::support::Env;

fn spawn(env: &Env, args: &[&str]) -> expectrl::session::OsSession {
    let mut cmd = env.cmd(args);
    cmd.stdin(std::process::Stdio::inherit())
        .stdout(std::process::Stdio::inherit())
        .stderr(std::process::Stdio::inherit());
    cmd.env("TERM", "xterm");
    let mut session = Session::spawn(cmd).expect("spawn on a pty");
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    session
}

#[test]
fn a_terminal_session_types_answers_and_changes_a_grade() {
    let env = Env::new();
    let mut p = spawn(&env, &["review", "--limit", "3"]);
    p.expect("[1/3]").unwrap();
    p.expect("What happened on 30 December 2023?").unwrap();
    p.expect("answer").unwrap();
    p.send_line("Two hostile states declaration").unwrap();
    p.expect("right").unwrap();
    p.expect("enter next").unwrap();
    p.send("e").unwrap(); // it was easy
    p.expect("two-states-declaration/what: now easy instead of good; due again in 8 days")
        .unwrap();

    p.expect("[2/3]").unwrap();
    p.expect("answer").unwrap();
    p.send_line("1999").unwrap();
    p.expect("wrong").unwrap();
    p.expect("I was right").unwrap();
    p.send("\r").unwrap();

    p.expect("[3/4]").unwrap();
    p.expect("answer").unwrap();
    p.send_line("1991").unwrap();
    p.expect("enter next").unwrap();
    p.send("q").unwrap();
    p.expect("Session over").unwrap();
    p.expect(Eof).unwrap();

    let grades: Vec<(String, String)> = env
        .records()
        .iter()
        .map(|r| (r[1].clone(), r[2].clone()))
        .collect();
    let expected = [
        ("two-states-declaration/what", "good"),
        // A change of grade is a new line: the answer is taken back and given again.
        ("two-states-declaration/what", "undo"),
        ("two-states-declaration/what", "easy"),
        ("visit-2000/when", "again"),
        // An answer given before quitting is kept.
        ("un-entry/card", "good"),
    ];
    assert_eq!(grades, expected.map(|(c, g)| (c.to_owned(), g.to_owned())));
}

#[test]
fn a_self_graded_card_shows_its_answer_only_on_enter_or_space_then_takes_a_grade_key() {
    let env = Env::new();
    let mut p = spawn(&env, &["review", "--self-grade", "--limit", "2"]);
    p.expect("What happened on 30 December 2023?").unwrap();
    let before = p.expect("press Enter or Space to show the answer").unwrap();
    let shown = String::from_utf8_lossy(before.before()).into_owned();
    assert!(!shown.contains("Two hostile states"), "{shown}");
    p.send("x").unwrap(); // not a key that shows it
    p.send(" ").unwrap();
    p.expect("answer: Two hostile states declaration").unwrap();
    p.expect("how well did you recall it?").unwrap();
    p.send("2").unwrap(); // hard, at once

    p.expect("Kim Dae-jung").unwrap();
    p.expect("press Enter or Space").unwrap();
    p.send("\r").unwrap();
    p.expect("answer: 2000").unwrap();
    p.expect("how well did you recall it?").unwrap();
    p.send("\x1b[B").unwrap(); // the arrows still work: down from good to easy
    p.send("\r").unwrap();
    p.expect("Session over").unwrap();
    p.expect(Eof).unwrap();
    let grades: Vec<String> = env.records().iter().map(|r| r[2].clone()).collect();
    assert_eq!(grades, ["hard", "easy"]);
}

#[test]
fn menus_take_the_numbers_and_letters_they_show() {
    let env = Env::new();
    let mut p = spawn(&env, &["review", "--types", "choice", "--limit", "2"]);
    p.expect("When did the two hostile states declaration take place?")
        .unwrap();
    p.expect("your answer (1-4 or a-d)").unwrap();
    p.expect("4) ").unwrap();
    p.send("2").unwrap(); // the second option, without Enter
    p.expect("your answer (1-4 or a-d) 2) ").unwrap();
    p.expect("enter next").unwrap();
    p.send("\r").unwrap();
    p.expect("Kim Dae-jung").unwrap();
    p.expect("4) ").unwrap();
    p.send("c").unwrap(); // the third
    p.expect("your answer (1-4 or a-d) 3) ").unwrap();
    p.expect("enter next").unwrap();
    p.send("q").unwrap();
    p.expect("Session over").unwrap();
    p.expect(Eof).unwrap();
    let picked: Vec<String> = env.records().iter().map(|r| r[4].clone()).collect();
    assert_eq!(picked, ["2", "3"]);

    let env = Env::new();
    let mut p = spawn(&env, &["review", "--types", "truefalse", "--limit", "1"]);
    p.expect("your answer (t or f)").unwrap();
    p.expect("f) false").unwrap();
    p.send("t").unwrap();
    p.expect("right: true").unwrap();
    p.expect("enter next").unwrap();
    p.send("\r").unwrap();
    p.expect(Eof).unwrap();
    assert_eq!(env.records()[0][4], "true");
}

/// The exit status of a finished session, as text (`Exited(pid, 130)`).
fn status(p: &expectrl::session::OsSession) -> String {
    format!("{:?}", p.get_process().wait().unwrap())
}

#[test]
fn ctrl_c_at_any_prompt_ends_with_the_session_summary() {
    // At a typed answer, after one answer and a change of grade (three log lines).
    let env = Env::new();
    let mut p = spawn(&env, &["review", "--limit", "3"]);
    p.expect("answer").unwrap();
    p.send_line("Two hostile states declaration").unwrap();
    p.expect("enter next").unwrap();
    p.send("e").unwrap();
    p.expect("now easy").unwrap();
    p.expect("[2/3]").unwrap();
    p.expect("answer").unwrap();
    p.send("\x03").unwrap();
    p.expect("Stopped early with 2 cards left; every answer so far is saved.")
        .unwrap();
    p.expect("Session over: 1 card seen, 1 right the first time (100%), 1 answer in 0m 00s.")
        .unwrap();
    p.expect("Due tomorrow: 0. Due this week: 0.").unwrap();
    p.expect(Eof).unwrap();
    assert!(status(&p).contains("130"), "{}", status(&p));
    assert_eq!(env.records().len(), 3);

    // In a menu, and at the keys after an answer.
    let env = Env::new();
    let mut p = spawn(&env, &["review", "--types", "choice", "--limit", "2"]);
    p.expect("your answer (1-4 or a-d)").unwrap();
    p.send("\x03").unwrap();
    p.expect("Stopped early with 2 cards left").unwrap();
    p.expect("Session over: 0 cards seen, 0 right the first time (0%), 0 answers")
        .unwrap();
    p.expect(Eof).unwrap();
    let env = Env::new();
    let mut p = spawn(&env, &["review", "--limit", "2"]);
    p.expect("answer").unwrap();
    p.send_line("Two hostile states declaration").unwrap();
    p.expect("enter next").unwrap();
    p.send("\x03").unwrap();
    p.expect("Stopped early with 1 card left").unwrap();
    p.expect("Session over: 1 card seen, 1 right the first time (100%), 1 answer")
        .unwrap();
    p.expect(Eof).unwrap();

    // An exam: the report of what was answered, as at the end of input.
    let env = Env::new();
    let mut p = spawn(&env, &["exam", "--count", "3", "--types", "text,date"]);
    p.expect("[1/3]").unwrap();
    p.expect("answer").unwrap();
    p.send_line("1991").unwrap();
    p.expect("[2/3]").unwrap();
    p.expect("answer").unwrap();
    p.send("\x03").unwrap();
    p.expect("Exam report").unwrap();
    p.expect("Answered 1 of 3").unwrap();
    p.expect(Eof).unwrap();
    assert!(status(&p).contains("130"), "{}", status(&p));
}

#[test]
fn undo_asks_again_and_a_leech_can_be_suspended() {
    let env = Env::new().at("2026-12-30T10:00:00Z");
    // visit-2000/when learnt, then forgotten eight times, each time relearnt the next day.
    let mut log = String::from(
        "# recall review log v1\n2026-11-01T10:00:00Z\tvisit-2000/when\tgood\t1.0\t2000\n",
    );
    for lapse in 1..=8 {
        log.push_str(&format!(
            "2026-11-{:02}T10:00:00Z\tvisit-2000/when\tagain\t1.0\tx\n",
            lapse * 3
        ));
        log.push_str(&format!(
            "2026-11-{:02}T10:00:00Z\tvisit-2000/when\tgood\t1.0\t2000\n",
            lapse * 3 + 1
        ));
    }
    std::fs::create_dir_all(env.user_dir()).unwrap();
    std::fs::write(env.log_path(), &log).unwrap();

    let mut p = spawn(&env, &["review", "korea", "--new", "0"]);
    p.expect("Kim Dae-jung").unwrap();
    p.expect("answer").unwrap();
    p.send_line("1999").unwrap();
    p.expect("wrong").unwrap();
    p.expect("leech: missed 9 times").unwrap();
    p.expect("u undo · s suspend").unwrap();
    p.send("u").unwrap();
    // Asked again at once.
    p.expect("Kim Dae-jung").unwrap();
    p.expect("answer").unwrap();
    p.send_line("1998").unwrap();
    p.expect("s suspend").unwrap();
    p.send("s").unwrap();
    p.expect("suspended; `recall card unsuspend visit-2000/when` brings it back")
        .unwrap();
    p.expect("Session over").unwrap();
    p.expect(Eof).unwrap();
    let tail: Vec<String> = env
        .records()
        .iter()
        .rev()
        .take(4)
        .rev()
        .map(|r| format!("{} {}", r[2], r[4]))
        .collect();
    assert_eq!(
        tail,
        [
            "again 1999",
            "undo 2026-12-30T10:00:00.000Z laptop",
            "again 1998",
            "suspend "
        ]
    );
}

/// Issue 19 §1: a session's undo names the answer it takes back, so that another device's
/// answer to the card at the same moment stays when the logs are merged.
#[test]
fn undo_on_one_device_never_takes_back_another_devices_answer_in_a_session() {
    let env = Env::new();
    let mut p = spawn(&env, &["review", "--limit", "1"]);
    p.expect("What happened on 30 December 2023?").unwrap();
    p.send_line("Two hostile states declaration").unwrap();
    p.expect("enter next").unwrap();
    p.send("u").unwrap();
    p.expect("What happened on 30 December 2023?").unwrap();
    p.send_line("1999").unwrap();
    p.expect("enter next").unwrap();
    p.send("q").unwrap();
    p.expect(Eof).unwrap();
    let undo: Vec<String> = env.records().into_iter().find(|r| r[2] == "undo").unwrap();
    assert_eq!(undo[4], "2026-11-21T10:00:00.000Z laptop");
    // The phone answered the same card at the same moment; its log arrives later.
    std::fs::write(
        env.user_dir().join("log-a-phone.tsv"),
        "2026-11-21T10:00:00.000Z\ttwo-states-declaration/what\teasy\t3.0\tx\n",
    )
    .unwrap();
    let out = env.run(&["progress", "--json"], "");
    let cards: serde_json::Value = serde_json::from_str(&out.stdout()).unwrap();
    let card = cards
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["card"] == "two-states-declaration/what")
        .unwrap();
    assert_eq!(
        card["reviews"], 2,
        "the phone's easy and the laptop's again: {card}"
    );
}

/// Issue 19 §8: an empty `NO_COLOR=` turned colour off (no-color.org: present and not empty).
#[test]
fn an_empty_no_color_keeps_colour() {
    let sgr = |bytes: &[u8]| {
        let text = String::from_utf8_lossy(bytes);
        text.split('\x1b').skip(1).any(|esc| {
            esc.strip_prefix('[').is_some_and(|rest| {
                let end = rest.find(|c: char| !(c.is_ascii_digit() || c == ';'));
                end.is_some_and(|i| i > 0 && rest[i..].starts_with('m'))
            })
        })
    };
    for (no_color, coloured) in [("", true), ("1", false)] {
        let env = Env::new();
        let mut cmd = env.cmd(&["review", "--limit", "1"]);
        cmd.env("NO_COLOR", no_color).env("TERM", "xterm");
        cmd.stdin(std::process::Stdio::inherit())
            .stdout(std::process::Stdio::inherit())
            .stderr(std::process::Stdio::inherit());
        let mut p = Session::spawn(cmd).expect("spawn on a pty");
        p.set_expect_timeout(Some(Duration::from_secs(20)));
        p.expect("What happened on 30 December 2023?").unwrap();
        p.send_line("1999").unwrap();
        let shown = p.expect("enter next").unwrap();
        assert_eq!(
            sgr(shown.before()),
            coloured,
            "NO_COLOR={no_color:?}: {:?}",
            String::from_utf8_lossy(shown.before())
        );
        p.send("q").unwrap();
        p.expect(Eof).unwrap();
    }
}

#[test]
fn a_cloze_on_a_terminal_shows_its_blank_and_takes_the_typed_deletion() {
    let env = Env::new();
    let decks = env.dir.path().join("decks");
    std::fs::create_dir_all(&decks).unwrap();
    std::fs::write(
        decks.join("cz.toml"),
        "[deck]\nid = \"cz\"\ntitle = \"Cloze\"\n\n[[source]]\nid = \"s\"\ntitle = \"S\"\n\n\
         [[cloze]]\nid = \"halt\"\n\
         text = \"Soviet forces were asked to halt at the {{c1::38th parallel::a line}}.\"\n\
         source = { ref = \"s\", quote = \"Soviet forces were asked to halt at the 38th parallel.\" }\n",
    )
    .unwrap();
    let mut p = spawn(
        &env,
        &["--decks", decks.to_str().unwrap(), "review", "--limit", "1"],
    );
    p.expect("Soviet forces were asked to halt at the [a line].")
        .unwrap();
    p.expect("answer").unwrap();
    p.send_line("the 38th parallel").unwrap();
    p.expect("right").unwrap();
    p.expect("enter next").unwrap();
    p.send("q").unwrap();
    p.expect("Session over").unwrap();
    p.expect(Eof).unwrap();
    assert_eq!(env.records()[0][1..3], ["halt/c1", "good"]);
}

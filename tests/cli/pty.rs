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
    assert_eq!(
        grades,
        [
            ("two-states-declaration/what".into(), "easy".into()),
            ("visit-2000/when".into(), "again".into())
        ],
        "quitting at the last card saves nothing for it"
    );
}

#[test]
fn a_terminal_self_graded_session_picks_grades_from_a_menu() {
    let env = Env::new();
    let mut p = spawn(&env, &["review", "--self-grade", "--limit", "1"]);
    p.expect("answer: Two hostile states declaration").unwrap();
    p.expect("how well did you recall it?").unwrap();
    p.send("\x1b[B").unwrap(); // down: from good to easy
    p.send("\r").unwrap();
    p.expect("Session over").unwrap();
    p.expect(Eof).unwrap();
    assert_eq!(env.records()[0][2], "easy");
}

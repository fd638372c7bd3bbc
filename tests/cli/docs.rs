//! The examples in README.md and docs/*.md are run, so they cannot rot: each ```console
//! block holds `$ recall …` lines (optionally fed by `printf '…' |`), each followed by the
//! output it prints. The blocks of one page run in order on one fresh progress folder,
//! with the bundled decks, a fixed clock and seed. `RECALL_BLESS=1` rewrites the outputs.
//! And every subcommand and option of the command line is named somewhere in the guide.
use std::{
    fs,
    path::{Path, PathBuf},
};

use crate::support::{Env, run};

/// The clock of the examples: a Thursday morning.
const EXAMPLE_NOW: &str = "2026-12-03T09:00:00Z";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn pages() -> Vec<PathBuf> {
    let mut pages = vec![root().join("README.md")];
    let mut docs: Vec<PathBuf> = fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

/// Splits a command line as a shell would, for the quoting the examples use.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut any = false;
    for c in line.chars() {
        match (quote, c) {
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => {
                if any {
                    out.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            (_, c) => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(word);
    }
    out
}

/// `printf 'a\nb\n' | recall review` → ("a\nb\n", ["review"]).
fn command(line: &str) -> (String, Vec<String>) {
    let (stdin, rest) = match line.split_once(" | ") {
        Some((printf, rest)) if printf.starts_with("printf ") => {
            let arg = words(printf).into_iter().nth(1).unwrap_or_default();
            (arg.replace("\\n", "\n"), rest)
        }
        _ => (String::new(), line),
    };
    let mut args = words(rest);
    assert_eq!(args.first().map(String::as_str), Some("recall"), "{line}");
    args.remove(0);
    (stdin, args)
}

struct Example {
    /// Line index of the `$` line, and of the first and one-past-last output lines.
    command: usize,
    output: std::ops::Range<usize>,
}

fn examples(lines: &[&str]) -> Vec<Example> {
    let mut found = Vec::new();
    let mut in_block = false;
    let mut current: Option<Example> = None;
    for (i, line) in lines.iter().enumerate() {
        if !in_block {
            in_block = line.trim_end() == "```console";
            continue;
        }
        let end = line.trim_end() == "```";
        if (end || line.starts_with("$ "))
            && let Some(mut ex) = current.take()
        {
            ex.output.end = i;
            found.push(ex);
        }
        if end {
            in_block = false;
        } else if line.starts_with("$ ") {
            current = Some(Example {
                command: i,
                output: i + 1..i + 1,
            });
        }
    }
    found
}

fn run_page(page: &Path) -> (String, Vec<String>) {
    let text = fs::read_to_string(page).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let env = Env::new().at(EXAMPLE_NOW);
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let mut failures = Vec::new();
    // Replaced from the end so that earlier line numbers stay right.
    let mut replacements = Vec::new();
    for ex in examples(&lines) {
        let (stdin, args) = command(&lines[ex.command][2..]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut cmd = env.cmd(&args);
        cmd.env_remove("RECALL_DECKS")
            .env("RECALL_USER", "mina")
            .env("RECALL_SEED", "1")
            .current_dir(root());
        let result = run(cmd, &stdin);
        let actual = format!("{}{}", result.stdout(), result.stderr());
        let actual: Vec<String> = actual.lines().map(|l| l.trim_end().to_owned()).collect();
        let expected: Vec<String> = lines[ex.output.clone()]
            .iter()
            .map(|l| l.trim_end().to_owned())
            .collect();
        if actual != expected {
            failures.push(format!(
                "{}:{}: `{}` printed:\n{}\n--- but the page shows:\n{}",
                page.display(),
                ex.command + 1,
                &lines[ex.command][2..],
                actual.join("\n"),
                expected.join("\n")
            ));
            replacements.push((ex.output, actual));
        }
    }
    for (range, actual) in replacements.into_iter().rev() {
        out.splice(range, actual);
    }
    (out.join("\n") + "\n", failures)
}

#[test]
fn every_example_in_the_readme_and_the_guide_prints_what_it_shows() {
    let mut failures = Vec::new();
    let mut count = 0;
    for page in pages() {
        let text = fs::read_to_string(&page).unwrap();
        count += examples(&text.lines().collect::<Vec<_>>()).len();
        let (blessed, failed) = run_page(&page);
        if !failed.is_empty() && std::env::var_os("RECALL_BLESS").is_some() {
            fs::write(&page, blessed).unwrap();
        } else {
            failures.extend(failed);
        }
    }
    assert!(count >= 5, "the guide has only {count} tested examples");
    assert!(
        failures.is_empty(),
        "{} example(s) differ (RECALL_BLESS=1 rewrites them):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Every `recall <subcommand>` and every `--option` of the command line.
fn cli_names() -> Vec<String> {
    fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            if arg.is_hide_set() {
                continue;
            }
            if let Some(long) = arg.get_long()
                && !["help", "version"].contains(&long)
            {
                out.push(format!("--{long}"));
            }
        }
        for sub in cmd.get_subcommands() {
            if sub.get_name() == "help" || sub.is_hide_set() {
                continue;
            }
            let path = format!("{path} {}", sub.get_name());
            out.push(path.clone());
            walk(sub, &path, out);
        }
    }
    let mut out = Vec::new();
    walk(&recall::cli::command(), "recall", &mut out);
    out.sort();
    out.dedup();
    out
}

#[test]
fn every_subcommand_and_option_is_named_in_the_guide() {
    let guide: String = pages()
        .iter()
        .map(|p| fs::read_to_string(p).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let missing: Vec<String> = cli_names()
        .into_iter()
        .filter(|name| !guide.contains(name.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "the guide (README.md, docs/) never mentions: {}",
        missing.join(", ")
    );
}

#[test]
fn every_help_page_ends_with_the_guide_page_to_read() {
    fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
        let help = cmd.get_after_long_help().or(cmd.get_after_help());
        let ok = help.is_some_and(|h| {
            let h = h.to_string();
            h.contains("docs/") && {
                let page = h.split_whitespace().find(|w| w.contains("docs/")).unwrap();
                let page = page.trim_matches(|c: char| {
                    !c.is_alphanumeric() && c != '/' && c != '.' && c != '-'
                });
                root().join(page.trim_end_matches('.')).is_file()
            }
        });
        if !ok {
            out.push(path.to_owned());
        }
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            walk(sub, &format!("{path} {}", sub.get_name()), out);
        }
    }
    let mut missing = Vec::new();
    walk(&recall::cli::command(), "recall", &mut missing);
    assert!(
        missing.is_empty(),
        "no existing docs/ page named at the end of the help of: {}",
        missing.join(", ")
    );
}

#[test]
fn help_names_its_guide_page_and_completions_and_man_are_generated() {
    let env = Env::new();
    let review = env.run(&["review", "--help"], "");
    review.success();
    assert!(
        review.stdout().contains("Guide: docs/studying.md"),
        "{}",
        review.stdout()
    );

    let bash = env.run(&["completions", "bash"], "");
    bash.success();
    for word in ["_recall()", "review", "generate", "--exam-date"] {
        assert!(bash.stdout().contains(word), "{word}");
    }
    let man = env.run(&["man"], "");
    man.success();
    assert!(man.stdout().contains(".TH recall 1"), "{}", man.stdout());
    assert!(man.stdout().contains("review"), "{}", man.stdout());
}

/// Each subcommand offers `--decks`, `--user` and `--data-dir` only where they change what
/// it does; a new subcommand must be placed here.
#[test]
fn options_that_do_nothing_for_a_subcommand_are_not_offered_there() {
    const DECKS: &[&str] = &["--decks"];
    const USER: &[&str] = &["--user", "--data-dir"];
    const BOTH: &[&str] = &["--decks", "--user", "--data-dir"];
    let expected: &[(&str, &[&str])] = &[
        ("recall", BOTH),
        ("recall review", BOTH),
        ("recall exam", BOTH),
        ("recall progress", BOTH),
        ("recall stats", BOTH),
        ("recall optimize", USER),
        ("recall decks list", DECKS),
        ("recall decks lint", DECKS),
        ("recall decks import", USER),
        ("recall decks export", BOTH),
        ("recall decks generate", &[]),
        ("recall card suspend", BOTH),
        ("recall card unsuspend", BOTH),
        ("recall class report", DECKS),
        ("recall completions", &[]),
        ("recall man", &[]),
    ];
    fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<(String, Vec<String>)>) {
        let subs: Vec<_> = cmd
            .get_subcommands()
            .filter(|s| s.get_name() != "help")
            .collect();
        if subs.is_empty() || path == "recall" {
            let shared = cmd
                .get_arguments()
                .filter_map(|a| a.get_long())
                .filter(|l| ["decks", "user", "data-dir"].contains(l))
                .map(|l| format!("--{l}"))
                .collect();
            out.push((path.to_owned(), shared));
        }
        for sub in subs {
            walk(sub, &format!("{path} {}", sub.get_name()), out);
        }
    }
    let mut offered = Vec::new();
    walk(&recall::cli::command(), "recall", &mut offered);
    let mut expected: Vec<(String, Vec<String>)> = expected
        .iter()
        .map(|(p, o)| (p.to_string(), o.iter().map(|s| s.to_string()).collect()))
        .collect();
    expected.sort();
    offered.sort();
    assert_eq!(offered, expected);

    let env = Env::new();
    let help = env.run(&["decks", "generate", "--help"], "");
    help.success();
    for option in BOTH {
        assert!(!help.stdout().contains(option), "{}", help.stdout());
    }
}

#[test]
fn a_shared_option_before_the_subcommand_counts_and_one_it_does_not_take_is_refused() {
    let env = Env::new();
    let after = env.run(&["progress", "--user", "bo"], "");
    let before = env.run(&["--user", "bo", "progress"], "");
    let joined = env.run(&["--user=bo", "progress"], "");
    after.success();
    assert!(after.stdout().contains("`bo`"), "{}", after.stdout());
    assert_eq!(before.stdout(), after.stdout());
    assert_eq!(joined.stdout(), after.stdout());

    let text = env.dir.path().join("a.txt");
    fs::write(&text, "The war began in 1853.\n").unwrap();
    let text = text.to_str().unwrap();
    for args in [
        &["--user", "bo", "decks", "generate", text][..],
        &["decks", "generate", "--user", "bo", text][..],
    ] {
        let refused = env.run(args, "");
        assert_eq!(refused.code(), 2, "{}", refused.stderr());
        assert!(
            refused.stderr().contains(
                "`--user` does nothing for `recall decks generate`: it reads and writes no progress"
            ),
            "{}",
            refused.stderr()
        );
        assert!(refused.stderr().contains("Usage: recall decks generate"));
    }
    // Help, and a command group without its subcommand, are not refused.
    for args in [
        &["--decks", "d", "card", "--help"][..],
        &["--user", "bo", "decks", "generate", "--help"][..],
    ] {
        let help = env.run(args, "");
        help.success();
        assert!(help.stdout().contains("Usage: recall"), "{}", help.stdout());
    }
    let refused = env.run(&["--decks", "d", "decks", "import", text], "");
    assert_eq!(refused.code(), 2);
    assert!(
        refused
            .stderr()
            .contains("`--decks` does nothing for `recall decks import`")
    );
}

//! Files written for the user: `-` is stdout, nothing replaced without `--force`, nothing
//! that is not a regular file ever replaced (issue 14 §5, issue 19 §7).
use std::{
    fs,
    os::unix::fs::{FileTypeExt, symlink},
    process::Command,
};

use crate::support::Env;

fn export(env: &Env, out: &str, force: bool) -> crate::support::Run {
    let mut args = vec!["decks", "export", "--format", "csv", "--out", out];
    if force {
        args.push("--force");
    }
    env.run(&args, "")
}

#[test]
fn dash_means_stdout_for_every_output() {
    let env = Env::new();
    let run = export(&env, "-", false);
    run.success();
    assert!(run.stdout().contains("visit-2000"), "{}", run.stdout());
    assert!(!env.dir.path().join("-").exists());
    let exam = env.run(
        &["exam", "--no-record", "--count", "2", "--json", "-"],
        "1\n1\n",
    );
    exam.success();
    assert!(exam.stdout().contains("\"score\""), "{}", exam.stdout());
}

/// Issue 14 §5: `exam --json FILE` silently overwrote an existing file.
#[test]
fn outputs_are_never_replaced_without_force() {
    let env = Env::new();
    let json = env.dir.path().join("exam.json");
    fs::write(&json, "my notes\n").unwrap();
    let args = [
        "exam",
        "--no-record",
        "--count",
        "2",
        "--json",
        json.to_str().unwrap(),
    ];
    let run = env.run(&args, "1\n1\n");
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains("exists already; pass --force"),
        "{}",
        run.stderr()
    );
    assert_eq!(fs::read_to_string(&json).unwrap(), "my notes\n");
    let mut forced = args.to_vec();
    forced.push("--force");
    env.run(&forced, "1\n1\n").success();
    assert!(fs::read_to_string(&json).unwrap().contains("\"score\""));

    let csv = env.dir.path().join("cards.csv");
    let csv = csv.to_str().unwrap();
    export(&env, csv, false).success();
    let again = export(&env, csv, false);
    assert_eq!(again.code(), 2, "{}", again.stderr());
    export(&env, csv, true).success();
    // No temporary file stays beside it.
    let names: Vec<String> = fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

/// Issue 14 §5: `decks export --out /dev/stdout --force` replaced the system's `/dev/stdout`.
#[test]
fn an_output_that_is_not_a_regular_file_is_written_through_or_refused_never_replaced() {
    let env = Env::new();
    // A link to a device (as /dev/stdout is) and a FIFO: written through, still there after.
    let dev = env.dir.path().join("stdout-link");
    symlink("/dev/stdout", &dev).unwrap();
    let run = export(&env, dev.to_str().unwrap(), true);
    run.success();
    assert!(run.stdout().contains("visit-2000"), "{}", run.stdout());
    assert!(fs::symlink_metadata(&dev).unwrap().file_type().is_symlink());
    let null = export(&env, "/dev/null", true);
    null.success();
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );

    let fifo = env.dir.path().join("fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    export(&env, fifo.to_str().unwrap(), true).success();
    assert!(reader.join().unwrap().contains("visit-2000"));
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());

    // A folder: refused, untouched.
    let dir = env.dir.path().join("folder");
    fs::create_dir(&dir).unwrap();
    let run = export(&env, dir.to_str().unwrap(), true);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(run.stderr().contains("is a folder"), "{}", run.stderr());
    assert!(dir.is_dir());

    // A link to a regular file: the file is replaced, the link stays a link.
    let target = env.dir.path().join("target.csv");
    fs::write(&target, "old\n").unwrap();
    let link = env.dir.path().join("link.csv");
    symlink(&target, &link).unwrap();
    assert_eq!(export(&env, link.to_str().unwrap(), false).code(), 2);
    export(&env, link.to_str().unwrap(), true).success();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(fs::read_to_string(&target).unwrap().contains("visit-2000"));
}

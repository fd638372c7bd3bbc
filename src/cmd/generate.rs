//! `recall decks generate`: read the texts, draft, write the deck and report.
use std::{path::Path, process::ExitCode};

use crate::{
    cli::GenerateArgs,
    date::HistDate,
    error::{Error, Result},
    files,
    generate::{self, About, Draft, Input},
    show,
};

pub fn run(args: GenerateArgs) -> Result<ExitCode> {
    let inputs = args
        .files
        .iter()
        .map(|f| read_input(f, args.dated))
        .collect::<Result<Vec<_>>>()?;
    let id = match args.id {
        Some(id) => check_id(id)?,
        None => inputs[0].source.clone(),
    };
    let title = args.title.unwrap_or_else(|| inputs[0].title.clone());
    let draft = generate::draft(&inputs, &id, &title);
    match &args.out {
        Some(path) => crate::output::write(path, true, draft.toml.as_bytes())?,
        None => out!("{}", draft.toml),
    }
    // The texts are anyone's: what the summary quotes of them is shown safely.
    let summary = report(&draft, args.out.as_deref(), inputs.len());
    eout!("{}", show::text(&summary));
    Ok(ExitCode::SUCCESS)
}

fn check_id(id: String) -> Result<String> {
    let ok = !id.is_empty()
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(id)
    } else {
        Err(Error::Usage(format!(
            "deck id `{id}` may only have lowercase letters, digits and `-`; write it like `korea-draft`"
        )))
    }
}

/// A text to draft a deck from: a long history book is some 2 MiB, and the draft of a longer
/// text would be more than a deck holds.
const INPUT: files::Limit = files::Limit::named("text to draft a deck from", 4 << 20);

/// Reads one text, with what the README beside it says of it; `dated` (`--dated`) wins over the
/// README's date of the text.
fn read_input(path: &Path, dated: Option<HistDate>) -> Result<Input> {
    let bytes = files::read(path, INPUT).map_err(|e| {
        Error::Usage(format!(
            "cannot read `{}`: {e}; name a plain-text file",
            path.display()
        ))
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::Usage(format!(
            "`{}` is not UTF-8 text (byte {} is not); save it as UTF-8 and try again",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let about = readme_about(path, &name).unwrap_or_default();
    let source = about.id.unwrap_or_else(|| {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = generate::slug(&stem, 12);
        if id.is_empty() { "source".into() } else { id }
    });
    let title = text
        .lines()
        .map(|l| l.trim().trim_matches('=').trim())
        .find(|l| !l.is_empty())
        .map(|l| l.chars().take(120).collect())
        .unwrap_or_else(|| name.clone());
    Ok(Input {
        file: path.display().to_string(),
        source,
        title,
        text,
        dated: dated.or(about.dated),
    })
}

/// What a README table in the file's folder says of it (its id, as `recall decks lint --sources`
/// reads it, and the date of the text).
fn readme_about(path: &Path, name: &str) -> Option<About> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let readme = files::read_to_string(&dir.join("README.md"), files::SOURCE).ok()?;
    generate::about(&readme, name)
}

/// The summary on stderr: counts, merges, changes, and the dates not used with their lines.
fn report(draft: &Draft, out: Option<&Path>, files: usize) -> String {
    let mut s = String::new();
    let total = draft.events + draft.agreements + draft.leaders + draft.incidents;
    let into = out
        .map(|p| format!(" into `{}`", show::value(&p.display().to_string())))
        .unwrap_or_default();
    s += &format!(
        "drafted {} from {}{into}: {}, {}, {}, {}\n",
        count(total, "fact"),
        count(files, "file"),
        count(draft.events, "event"),
        count(draft.agreements, "agreement"),
        count(draft.leaders, "leader"),
        count(draft.incidents, "incident"),
    );
    if !draft.merged.is_empty() {
        s += &format!(
            "merged {} restatements into the more precise fact:\n",
            draft.merged.len()
        );
        for (from, into) in &draft.merged {
            s += &format!("  {from} into {into}\n");
        }
    }
    if !draft.dropped.is_empty() {
        s += &format!(
            "{} facts asked a question another fact asks:\n",
            draft.dropped.len()
        );
        for d in &draft.dropped {
            s += &format!("  {d}\n");
        }
    }
    if draft.to_check > 0 {
        s += &format!(
            "{} with a pronoun or a vague subject: check the wording (tag `{}`)\n",
            count(draft.to_check, "fact opens"),
            generate::CHECK_WORDING
        );
    }
    if !draft.unused.is_empty() {
        s += &format!("{} not used:\n", count(draft.unused.len(), "date"));
        for u in &draft.unused {
            let sentence: String = u.sentence.chars().take(100).collect();
            let more = if u.sentence.chars().count() > 100 {
                "…"
            } else {
                ""
            };
            s += &format!(
                "  {}:{}: `{}`: {}: {sentence}{more}\n",
                u.file, u.line, u.expression, u.reason
            );
        }
    }
    s
}

/// `1 fact`, `2 facts`; `1 fact opens`, `2 facts open`.
fn count(n: usize, what: &str) -> String {
    match (n, what.split_once(' ')) {
        (1, _) => format!("{n} {what}"),
        (_, Some((noun, verb))) => format!("{n} {noun}s {}", verb.trim_end_matches('s')),
        (_, None) => format!("{n} {what}s"),
    }
}

//! `recall decks import`: another program's export as a deck.
use std::process::ExitCode;

use crate::{
    card::Collection,
    cli::{ImportArgs, ImportFormat},
    deck,
    error::{Error, Result},
    files,
    interop::{self, DeckMeta, anki_text, csv, quizlet},
};

/// An export to import: far more than any deck holds (decks stop at 16 MiB).
const INPUT: files::Limit = files::Limit::named("file to import", 256 << 20);

pub fn run(args: ImportArgs) -> Result<ExitCode> {
    let path = args.file.display().to_string();
    let bytes =
        files::read(&args.file, INPUT).map_err(|e| Error::storage("read", &args.file, e))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::Usage(format!(
            "`{path}` is not UTF-8 text (byte {}); save it as UTF-8 and import it again",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);

    let format = match args.format {
        Some(format) => format,
        None => {
            let (format, why) = guess(text).ok_or_else(|| {
                Error::Usage(format!(
                    "cannot tell what kind of file `{path}` is; pass --format quizlet, anki or csv"
                ))
            })?;
            eprintln!(
                "reading `{}` as {} ({why}); pass --format to choose",
                crate::show::value(&path),
                format_name(format)
            );
            format
        }
    };
    if args.separator.is_some() && format != ImportFormat::Quizlet {
        return Err(Error::Usage(
            "--separator is for Quizlet files; Anki and CSV files say their own".into(),
        ));
    }
    let parsed = match format {
        ImportFormat::Quizlet => {
            let separator = args.separator.as_deref().unwrap_or("\t");
            if separator.is_empty() {
                return Err(Error::Usage("--separator cannot be empty".into()));
            }
            quizlet::parse(&path, text, separator)
        }
        ImportFormat::Anki => anki_text::parse(&path, text),
        ImportFormat::Csv => csv::parse(&path, text),
    };
    if !parsed.problems.is_empty() {
        return Err(Error::Import(parsed.problems));
    }
    if parsed.rows.is_empty() {
        return Err(Error::Usage(format!(
            "`{path}` has no cards; nothing was written"
        )));
    }

    let stem = args
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = match args.id {
        Some(id) => id,
        None => Some(interop::slug(&stem, 40))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "imported".into()),
    };
    let meta = DeckMeta {
        title: args.title.unwrap_or(stem),
        file_name: args
            .file
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        id,
    };
    let toml = interop::deck_toml(&meta, &parsed.rows);

    // The deck must load and lint clean; a bad --id is the user's to fix.
    let out_name = args
        .out
        .as_ref()
        .map_or("<stdout>".to_owned(), |p| p.display().to_string());
    let deck = deck::parse_deck(&out_name, &toml).map_err(Error::Decks)?;
    let cards = Collection::new(vec![deck]).cards.len();

    match &args.out {
        Some(out) => {
            interop::check_overwrite(out, args.force)?;
            interop::write_atomically(out, toml.as_bytes())?;
            eprintln!(
                "imported {cards} cards from `{}` into `{}` (deck `{}`)",
                crate::show::value(&path),
                crate::show::value(&out_name),
                meta.id
            );
        }
        None => out!("{toml}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// The format `text` is in, and why it looks so.
fn guess(text: &str) -> Option<(ImportFormat, &'static str)> {
    if anki_text::has_header(text) {
        Some((ImportFormat::Anki, "it starts with Anki's `#` header lines"))
    } else if csv::has_header(text) {
        Some((
            ImportFormat::Csv,
            "its first row names the `prompt` and `answer` columns",
        ))
    } else if text.lines().find(|l| !l.trim().is_empty())?.contains('\t') {
        Some((ImportFormat::Quizlet, "its lines are split by tabs"))
    } else {
        None
    }
}

fn format_name(format: ImportFormat) -> &'static str {
    match format {
        ImportFormat::Quizlet => "a Quizlet export",
        ImportFormat::Anki => "an Anki text export",
        ImportFormat::Csv => "CSV",
    }
}

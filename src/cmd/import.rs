//! `recall decks import`: another program's export as decks, one a deck of
//! the file (Anki packages hold several).
use std::{
    collections::{HashMap, HashSet},
    fs,
    io::{Read, Seek},
    path::{Path, PathBuf},
    process::ExitCode,
};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::{
    cli::{Global, ImportArgs, ImportFormat},
    deck::{self, MAX_DECK_BYTES},
    error::{Error, Result},
    grade::Grade,
    interop::{self, DeckMeta, Parsed, Row, anki_text, csv, package, quizlet},
    progress::{Record, UserDir, device_name},
};

/// The most a text export may hold: a million Quizlet cards are some 60 MB.
pub const MAX_IMPORT_BYTES: u64 = 256 << 20;

pub fn run(global: &Global, args: ImportArgs) -> Result<ExitCode> {
    // Shown in messages: a file name can hold anything.
    let path = crate::show::value(&args.file.display().to_string()).into_owned();
    // Shown on a terminal only (indicatif draws nothing when stderr is not one).
    let spinner = ProgressBar::new_spinner().with_message(format!("reading `{path}`"));
    if big_file(&args.file) {
        spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    }
    let read = read(&args, &path);
    spinner.finish_and_clear();
    let (mut parsed, what, collection) = read?;
    for row in &mut parsed.rows {
        row.choose_grade(args.typed);
    }
    if args.with_progress && collection.is_none() {
        return Err(Error::Usage(format!(
            "--with-progress needs an Anki package (.apkg, .colpkg): `{path}` is {what}, which holds no review history"
        )));
    }
    for warning in &parsed.warnings {
        eoutln!("warning: {warning}");
    }
    if args.strict && !parsed.problems.is_empty() {
        return Err(Error::Import(parsed.problems));
    }
    if parsed.rows.is_empty() {
        if !parsed.problems.is_empty() {
            return Err(Error::Import(parsed.problems));
        }
        return Err(Error::Usage(format!(
            "`{path}` ({what}) has no cards; nothing was written"
        )));
    }
    for problem in &parsed.problems {
        eoutln!("warning: {problem}");
    }

    let decks = decks(&args, &parsed.rows, &parsed.note_types);
    let target = Target::of(&args, &decks)?;
    let files = target.files(&args, &decks)?;
    check_clashes(&target, &files, &decks)?;

    // What is written must load: each file is read back as `recall` reads decks.
    let bar = ProgressBar::hidden();
    if parsed.rows.len() >= 20_000 {
        bar.set_draw_target(ProgressDrawTarget::stderr());
        bar.set_length(2 * files.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{msg} {bar:40.cyan/blue} {pos}/{len} {elapsed}")
                .expect("a valid progress template"),
        );
        bar.set_message("checking and writing deck files");
    }
    // Deck files are read back side by side: a million cards make fifteen.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let checked: Vec<std::result::Result<(), Vec<crate::error::Located>>> =
        std::thread::scope(|scope| {
            let chunks: Vec<_> = files.chunks(files.len().div_ceil(workers).max(1)).collect();
            let handles: Vec<_> = chunks
                .into_iter()
                .map(|chunk| {
                    let bar = &bar;
                    scope.spawn(move || {
                        chunk
                            .iter()
                            .map(|(file, _, toml)| {
                                let name = file
                                    .as_ref()
                                    .map_or("<stdout>".to_owned(), |p| p.display().to_string());
                                let loaded = deck::parse_deck(&name, toml).map(drop);
                                bar.inc(1);
                                loaded
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("a deck check does not panic"))
                .collect()
        });
    for result in checked {
        result.map_err(Error::Decks)?;
    }
    // Each imported row is one `[[card]]` (one question) or one `[[cloze]]` (one a number).
    let cards: usize = parsed
        .rows
        .iter()
        .map(|r| {
            r.cloze
                .as_deref()
                .map_or(1, |t| crate::cloze::numbers(t).len())
        })
        .sum();
    for (file, _, toml) in &files {
        match file {
            Some(file) => crate::output::write(file, args.force, toml.as_bytes())?,
            None => out!("{toml}"),
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    let skipped = summary(&parsed.problems);
    match (&target, files.as_slice()) {
        (Target::Stdout, _) => {}
        (_, [(Some(file), meta, _)]) => eoutln!(
            "imported {} from `{path}` into `{}` (deck `{}`){skipped}",
            count(cards, "card"),
            crate::show::value(&file.display().to_string()),
            meta.id
        ),
        (Target::Folder(dir) | Target::File(dir), _) => eoutln!(
            "imported {} from `{path}` into {} in `{}`: {}{skipped}",
            count(cards, "card"),
            count(files.len(), "deck file"),
            crate::show::value(&dir.display().to_string()),
            files
                .iter()
                .map(|(_, m, _)| format!("`{}`", m.id))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
    if !skipped.is_empty() && matches!(target, Target::Stdout) {
        eoutln!("imported {}{skipped}", count(cards, "card"));
    }
    if let Some(collection) = collection.filter(|_| args.with_progress) {
        bring_progress(global, &collection, &decks)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Anki's review history as answers in the user's log: each answer once, at
/// its time, with its grade and the time it took. Learning steps are answers
/// like any other, as recall schedules its own (same-day answers count as
/// short-term memory).
fn bring_progress(
    global: &Global,
    collection: &package::Collection,
    decks: &[DeckRows],
) -> Result<()> {
    let mut card: HashMap<(&str, Option<String>), String> = HashMap::new();
    for deck in decks {
        for (row, id) in deck.rows.iter().zip(&deck.ids) {
            let Some(guid) = &row.guid else { continue };
            match &row.cloze {
                // A cloze note's cards are its numbers, as recall's are.
                Some(text) => {
                    for n in crate::cloze::numbers(text) {
                        card.insert((guid.as_str(), Some(format!("c{n}"))), format!("{id}/c{n}"));
                    }
                }
                None => {
                    card.insert((guid.as_str(), row.suffix.clone()), format!("{id}/card"));
                }
            }
        }
    }
    let (mut answers, unmatched) = package::answers(collection, |guid, suffix| {
        card.get(&(guid, suffix.map(str::to_owned))).cloned()
    });
    answers.sort_by_key(|a| a.at_ms);
    let user = UserDir::resolve(global)?;
    let (records, problems) = user.read_log()?;
    super::warn_log(&problems);
    let logged: HashSet<(&str, i64)> = records
        .iter()
        .filter(|r| r.grade().is_some())
        .map(|r| (r.card.as_str(), r.at.timestamp_millis()))
        .collect();
    let mut writer = user.open_writer(&device_name())?;
    let (mut added, mut already) = (0, 0);
    let mut cards = HashSet::new();
    for answer in &answers {
        if logged.contains(&(answer.card.as_str(), answer.at_ms)) {
            already += 1;
            continue;
        }
        let (Some(at), Some(grade)) = (
            chrono::DateTime::from_timestamp_millis(answer.at_ms),
            Grade::from_u8(answer.grade),
        ) else {
            continue;
        };
        writer.append(&Record::answer(
            at.fixed_offset(),
            &answer.card,
            grade,
            answer.seconds,
            "",
        ))?;
        cards.insert(answer.card.as_str());
        added += 1;
    }
    let mut notes = Vec::new();
    if already > 0 {
        notes.push(format!("{} in the log already", count(already, "answer")));
    }
    if unmatched > 0 {
        notes.push(format!(
            "{} to cards not imported",
            count(unmatched, "answer")
        ));
    }
    eoutln!(
        "with the progress: {} to {} added to the log of `{}`{}",
        count(added, "answer"),
        count(cards.len(), "card"),
        user.user,
        if notes.is_empty() {
            String::new()
        } else {
            format!(" ({})", notes.join(", "))
        }
    );
    Ok(())
}

/// A file large enough for its reading to take a moment.
fn big_file(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.len() > 4 << 20)
}

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// "; skipped 3 notes (2 whose question is only a picture, 1 …), listed above".
fn summary(problems: &[crate::error::Located]) -> String {
    if problems.is_empty() {
        return String::new();
    }
    let mut reasons: Vec<(String, usize)> = Vec::new();
    for p in problems {
        let reason = p
            .message
            .rsplit_once("): ")
            .map_or(p.message.as_str(), |(_, r)| r);
        let reason = if reason.contains('`') {
            "other problems".to_owned()
        } else {
            reason.to_owned()
        };
        match reasons.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, n)) => *n += 1,
            None => reasons.push((reason, 1)),
        }
    }
    let detail: Vec<String> = reasons.iter().map(|(r, n)| format!("{r} ({n})")).collect();
    let noun = if problems[0].message.starts_with("the note `") {
        "note"
    } else {
        "row"
    };
    format!(
        "; left out {}, each named above: {} (--strict refuses the file instead)",
        count(problems.len(), noun),
        detail.join("; ")
    )
}

/// Reads the file, whatever it is, and says what it was read as.
fn read(args: &ImportArgs, path: &str) -> Result<(Parsed, String, Option<package::Collection>)> {
    let mut file = fs::File::open(&args.file).map_err(|e| Error::storage("read", &args.file, e))?;
    let mut head = [0u8; 16];
    let n = read_up_to(&mut file, &mut head).map_err(|e| Error::storage("read", &args.file, e))?;
    let head = &head[..n];
    let kind = package::kind(head);
    if kind != package::Kind::Other {
        if args.format.is_some() || args.separator.is_some() {
            return Err(Error::Usage(format!(
                "`{path}` is an Anki package: --format and --separator are for text files"
            )));
        }
        let unreadable = |e: package::Unreadable| {
            Error::Usage(format!("`{path}` cannot be imported: it is {}", e.0))
        };
        let collection = if kind == package::Kind::Zip {
            file.rewind()
                .map_err(|e| Error::storage("read", &args.file, e))?;
            package::read_zip(std::io::BufReader::new(file)).map_err(unreadable)?
        } else {
            package::read(&read_limited(
                file,
                &args.file,
                package::MAX_COLLECTION_BYTES,
            )?)
            .map_err(unreadable)?
        };
        let what = format!("an Anki package, `{}`", collection.format);
        eoutln!(
            "reading `{path}` as {what}: {} in {}",
            count(collection.notes.len(), "note"),
            count(collection.decks_used(), "deck")
        );
        return Ok((package::parse(path, &collection), what, Some(collection)));
    }
    file.rewind()
        .map_err(|e| Error::storage("read", &args.file, e))?;
    let bytes = read_limited(file, &args.file, MAX_IMPORT_BYTES)?;
    let text = text_of(bytes, path)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);

    let format = match args.format {
        Some(format) => format,
        None => {
            let (format, why) = guess(text).ok_or_else(|| {
                Error::Usage(format!(
                    "cannot tell what kind of file `{path}` is; pass --format quizlet, anki or csv"
                ))
            })?;
            eoutln!(
                "reading `{path}` as {} ({why}); pass --format to choose",
                format_name(format)
            );
            format
        }
    };
    if (args.separator.is_some() || args.row_separator.is_some()) && format != ImportFormat::Quizlet
    {
        return Err(Error::Usage(
            "--separator and --row-separator are for Quizlet files; Anki and CSV files say their own"
                .into(),
        ));
    }
    let mut parsed = match format {
        ImportFormat::Quizlet => {
            let row_separator = args.row_separator.as_ref().map(|r| r.replace("\\n", "\n"));
            if args.separator.as_deref() == Some("") || row_separator.as_deref() == Some("") {
                return Err(Error::Usage("a separator cannot be empty".into()));
            }
            let separator = match &args.separator {
                Some(sep) => sep.replace("\\t", "\t"),
                None => {
                    let rows: Vec<&str> = quizlet::rows(text, row_separator.as_deref())
                        .into_iter()
                        .take(1000)
                        .map(|(_, r)| r)
                        .collect();
                    let found = quizlet::detect_separator(&rows).ok_or_else(|| {
                        Error::Usage(format!(
                            "cannot find what separates term and definition in `{path}`; pass it with --separator"
                        ))
                    })?;
                    if found != "\t" {
                        eoutln!(
                            "terms and definitions are split by `{found}`; pass --separator to choose another"
                        );
                    }
                    found
                }
            };
            quizlet::parse(path, text, &separator, row_separator.as_deref(), args.swap)
        }
        ImportFormat::Anki => anki_text::parse(path, text),
        ImportFormat::Csv => csv::parse(path, text),
    };
    if args.swap && format != ImportFormat::Quizlet {
        for row in &mut parsed.rows {
            std::mem::swap(&mut row.prompt, &mut row.answer);
        }
    }
    Ok((parsed, format_name(format).to_owned(), None))
}

fn read_up_to(file: &mut fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// The file's bytes, refused past `limit` (a device such as /dev/zero is not read to its end).
fn read_limited(file: fs::File, path: &Path, limit: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::storage("read", path, e))?;
    if bytes.len() as u64 > limit {
        return Err(Error::Usage(format!(
            "`{}` is larger than {} MiB, too large to import; split it into several files",
            path.display(),
            limit >> 20
        )));
    }
    Ok(bytes)
}

/// The text of a file, or a message that says what the file is instead.
fn text_of(bytes: Vec<u8>, path: &str) -> Result<String> {
    let refuse = |what: &str| {
        Err(Error::Usage(format!(
            "`{path}` cannot be imported: it is {what}"
        )))
    };
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return refuse("UTF-16 text; save it as UTF-8 (in Excel: CSV UTF-8) and import it again");
    }
    if bytes.starts_with(b"%PDF") {
        return refuse("a PDF document; export the cards as text, CSV or an Anki package");
    }
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return refuse("gzip-compressed; decompress it first (gunzip)");
    }
    // Anki's own plain-text export can hold a stray NUL; a binary file is full of them.
    let head = &bytes[..bytes.len().min(8192)];
    if head
        .iter()
        .filter(|&&b| b < 9 || (14..32).contains(&b))
        .count()
        * 20
        > head.len().max(1)
    {
        return refuse(
            "a binary file, neither text nor an Anki package; recall imports Quizlet and Anki text exports, CSV, and .apkg/.colpkg packages",
        );
    }
    String::from_utf8(bytes).or_else(|e| {
        refuse(&format!(
            "not UTF-8 text (byte {}) nor an Anki package; save it as UTF-8 and import it again",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// The rows of each Anki deck (or the one deck of a text file), in the file's order.
struct DeckRows<'a> {
    meta: DeckMeta,
    rows: Vec<&'a Row>,
    ids: Vec<String>,
}

fn decks<'a>(
    args: &ImportArgs,
    rows: &'a [Row],
    note_types: &[crate::deck::AnkiNoteType],
) -> Vec<DeckRows<'a>> {
    let ids = interop::fact_ids(rows);
    let stem = args
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let file_name = args
        .file
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut order: Vec<Option<&str>> = Vec::new();
    let mut by_deck: HashMap<Option<&str>, (Vec<&Row>, Vec<String>)> = HashMap::new();
    for (row, id) in rows.iter().zip(ids) {
        let key = row.deck.as_deref();
        let entry = by_deck.entry(key).or_insert_with(|| {
            order.push(key);
            Default::default()
        });
        entry.0.push(row);
        entry.1.push(id);
    }
    let single = order.len() == 1;
    order
        .into_iter()
        .map(|key| {
            let (rows, ids) = by_deck.remove(&key).unwrap_or_default();
            let (id, title) = match (key, single) {
                (_, true) | (None, _) => (
                    args.id.clone().unwrap_or_else(|| {
                        Some(interop::slug(&stem, 40))
                            .filter(|s| !s.is_empty())
                            .unwrap_or_else(|| "imported".into())
                    }),
                    args.title.clone().unwrap_or_else(|| match key {
                        Some(name) if stem.is_empty() => name.to_owned(),
                        _ => stem.clone(),
                    }),
                ),
                (Some(name), false) => {
                    let slug = interop::slug(&name.replace("::", " "), 40);
                    let slug = if slug.is_empty() {
                        format!("deck-{:08x}", interop::fnv1a(name) >> 32)
                    } else if slug.len() < name.chars().filter(|c| c.is_alphanumeric()).count() / 2
                    {
                        format!("{slug}-{:08x}", interop::fnv1a(name) >> 32)
                    } else {
                        slug
                    };
                    let id = match &args.id {
                        Some(prefix) => format!("{prefix}-{slug}"),
                        None => slug,
                    };
                    (id, name.to_owned())
                }
            };
            let note_types = note_types
                .iter()
                .filter(|t| {
                    rows.iter()
                        .any(|r| r.anki.as_ref().is_some_and(|a| a.note_type == t.id))
                })
                .cloned()
                .collect();
            DeckRows {
                meta: DeckMeta {
                    id,
                    title,
                    file_name: file_name.clone(),
                    note_types,
                },
                rows,
                ids,
            }
        })
        .collect()
}

/// Where the decks go.
enum Target {
    Stdout,
    /// One file, in this folder.
    File(PathBuf),
    /// A file a deck, in this folder.
    Folder(PathBuf),
}

impl Target {
    fn of(args: &ImportArgs, decks: &[DeckRows]) -> Result<Self> {
        let Some(out) = args
            .out
            .as_ref()
            .filter(|out| !crate::output::is_stdout(out))
        else {
            if decks.len() > 1 {
                return Err(Error::Usage(format!(
                    "`{}` holds {} decks ({}); pass --out FOLDER to write one deck file each",
                    args.file.display(),
                    decks.len(),
                    names(decks)
                )));
            }
            return Ok(Self::Stdout);
        };
        if out.is_dir() {
            return Ok(Self::Folder(out.clone()));
        }
        let as_folder = out.as_os_str().to_string_lossy().ends_with('/');
        let folder = if as_folder {
            let shown = out.as_os_str().to_string_lossy();
            PathBuf::from(shown.trim_end_matches('/'))
        } else {
            match out.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
                _ => PathBuf::from("."),
            }
        };
        if !folder.is_dir() {
            return Err(Error::Usage(format!(
                "the folder `{}` does not exist; create it, or choose another --out",
                folder.display()
            )));
        }
        if as_folder {
            return Ok(Self::Folder(folder));
        }
        if decks.len() > 1 {
            return Err(Error::Usage(format!(
                "`{}` holds {} decks ({}): pass --out FOLDER to write one deck file each, not the one file `{}`",
                args.file.display(),
                decks.len(),
                names(decks),
                out.display()
            )));
        }
        Ok(Self::File(folder))
    }

    fn folder(&self) -> Option<&Path> {
        match self {
            Self::Stdout => None,
            Self::File(dir) | Self::Folder(dir) => Some(dir),
        }
    }

    /// Each file to write (none for stdout), its deck and its text. A deck too
    /// large to load as one file is split into parts, in a folder.
    fn files(
        &self,
        args: &ImportArgs,
        decks: &[DeckRows],
    ) -> Result<Vec<(Option<PathBuf>, DeckMeta, String)>> {
        let mut out = Vec::new();
        for deck in decks {
            let parts = split(deck);
            if parts.len() > 1 && !matches!(self, Self::Folder(_)) {
                return Err(Error::Usage(format!(
                    "`{}` makes a deck larger than {} MiB, more than one deck file loads; pass --out FOLDER to write it as {} deck files",
                    args.file.display(),
                    MAX_DECK_BYTES >> 20,
                    parts.len()
                )));
            }
            for (meta, toml) in parts {
                let file = match self {
                    Self::Stdout => None,
                    Self::File(_) => args.out.clone(),
                    Self::Folder(dir) => Some(dir.join(format!("{}.toml", meta.id))),
                };
                out.push((file, meta, toml));
            }
        }
        for (file, _, _) in &out {
            if let Some(file) = file {
                interop::check_overwrite(file, args.force)?;
            }
        }
        Ok(out)
    }
}

fn names(decks: &[DeckRows]) -> String {
    let shown: Vec<String> = decks
        .iter()
        .take(4)
        .map(|d| format!("`{}`", d.meta.title))
        .collect();
    if decks.len() > 4 {
        format!("{}, …", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

/// The deck's text, or its parts when one file would be too large to load.
fn split(deck: &DeckRows) -> Vec<(DeckMeta, String)> {
    // Room under the limit for what a part repeats (deck and source tables).
    let budget = (MAX_DECK_BYTES as usize) * 7 / 8;
    let sample = deck.rows.len().min(2000);
    let sampled =
        interop::deck_toml_with_ids(&deck.meta, &deck.rows[..sample], &deck.ids[..sample]).len();
    let estimate = sampled / sample.max(1) * deck.rows.len();
    let mut parts = estimate.div_ceil(budget).max(1);
    loop {
        let per = deck.rows.len().div_ceil(parts);
        let total = deck.rows.len().div_ceil(per);
        let texts: Vec<(DeckMeta, String)> = deck
            .rows
            .chunks(per)
            .zip(deck.ids.chunks(per))
            .enumerate()
            .map(|(i, (rows, ids))| {
                let meta = if total == 1 {
                    clone_meta(&deck.meta)
                } else {
                    DeckMeta {
                        id: if i == 0 {
                            deck.meta.id.clone()
                        } else {
                            format!("{}-{}", deck.meta.id, i + 1)
                        },
                        title: format!("{} ({} of {total})", deck.meta.title, i + 1),
                        file_name: deck.meta.file_name.clone(),
                        note_types: deck.meta.note_types.clone(),
                    }
                };
                let text = interop::deck_toml_with_ids(&meta, rows, ids);
                (meta, text)
            })
            .collect();
        if texts
            .iter()
            .all(|(_, t)| t.len() <= MAX_DECK_BYTES as usize)
            || per == 1
        {
            return texts;
        }
        parts += 1;
    }
}

fn clone_meta(meta: &DeckMeta) -> DeckMeta {
    DeckMeta {
        id: meta.id.clone(),
        title: meta.title.clone(),
        file_name: meta.file_name.clone(),
        note_types: meta.note_types.clone(),
    }
}

/// Deck and fact ids the folder's other decks use already are reported before
/// anything is written: two decks with one id do not load together.
fn check_clashes(
    target: &Target,
    files: &[(Option<PathBuf>, DeckMeta, String)],
    decks: &[DeckRows],
) -> Result<()> {
    let Some(folder) = target.folder() else {
        return Ok(());
    };
    let replaced: HashSet<PathBuf> = files
        .iter()
        .filter_map(|(f, _, _)| f.as_ref().and_then(|f| fs::canonicalize(f).ok()))
        .collect();
    let Ok(entries) = fs::read_dir(folder) else {
        return Ok(());
    };
    let mut deck_ids: HashMap<String, PathBuf> = HashMap::new();
    let mut fact_ids: HashMap<String, PathBuf> = HashMap::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "toml")
            || fs::canonicalize(&path).is_ok_and(|p| replaced.contains(&p))
        {
            continue;
        }
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let Ok(deck) = deck::parse_deck(&path.display().to_string(), &text) else {
            continue;
        };
        for fact in &deck.facts {
            fact_ids.insert(fact.id.clone(), path.clone());
        }
        deck_ids.insert(deck.id, path);
    }
    for (_, meta, _) in files {
        if let Some(other) = deck_ids.get(&meta.id) {
            return Err(Error::Usage(format!(
                "deck id `{}` is taken by `{}` in the same folder; pass --id to choose another",
                meta.id,
                other.display()
            )));
        }
    }
    let clash = decks
        .iter()
        .flat_map(|d| &d.ids)
        .find_map(|id| fact_ids.get(id).map(|p| (id, p)));
    if let Some((id, other)) = clash {
        return Err(Error::Usage(format!(
            "card `{id}` is in `{}` already (imported before?); nothing was written: replace that file with --out {} --force, or remove it",
            other.display(),
            other.display()
        )));
    }
    Ok(())
}

/// The format `text` is in, and why it looks so.
fn guess(text: &str) -> Option<(ImportFormat, &'static str)> {
    if anki_text::has_header(text) {
        return Some((ImportFormat::Anki, "it starts with Anki's `#` header lines"));
    }
    if csv::has_header(text) {
        return Some((
            ImportFormat::Csv,
            "its first row names the question and answer columns",
        ));
    }
    // The first rows tell; a million-row file is not read twice.
    let mut end = text.len().min(1 << 16);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = match text[..end].rfind('\n') {
        Some(i) if end < text.len() => &text[..i],
        _ => &text[..end],
    };
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(200)
        .collect();
    if anki_text::looks_headerless(&lines) {
        return Some((
            ImportFormat::Anki,
            "every line has the same three or more tab-separated fields, as older Anki exports have",
        ));
    }
    let rows: Vec<&str> = quizlet::rows(text, None)
        .into_iter()
        .take(200)
        .map(|(_, r)| r)
        .collect();
    quizlet::detect_separator(&rows).map(|sep| {
        (
            ImportFormat::Quizlet,
            if sep == "\t" {
                "its lines are split by tabs"
            } else {
                "its rows are term and definition split by one separator"
            },
        )
    })
}

fn format_name(format: ImportFormat) -> &'static str {
    match format {
        ImportFormat::Quizlet => "a Quizlet export",
        ImportFormat::Anki => "an Anki text export",
        ImportFormat::Csv => "CSV",
    }
}

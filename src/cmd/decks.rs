//! `recall decks list` and `recall decks lint`.
use std::{
    collections::HashMap,
    fs,
    path::{Path, PathBuf},
    process::ExitCode,
};

use toml::{
    Spanned,
    de::{DeTable, DeValue},
};

use super::load_collection;
use crate::{
    card::Collection,
    cli::{Global, LintArgs},
    deck::{self, Deck},
    error::{Error, Located, Result},
    files, show,
};

pub fn list(global: &Global) -> Result<ExitCode> {
    let collection = load_collection(global)?;
    let rows: Vec<(&Deck, usize, usize)> = collection
        .decks
        .iter()
        .enumerate()
        .map(|(d, deck)| {
            let cards = collection.cards.iter().filter(|c| c.deck == d);
            (
                deck,
                cards.clone().filter(|c| c.is_typed()).count(),
                cards.count(),
            )
        })
        .collect();
    let width = rows
        .iter()
        .map(|(d, ..)| d.id.len())
        .max()
        .unwrap_or(4)
        .max(5);
    outln!(
        "{:width$}  {:>5}  {:>5}  {:>5}  title",
        "deck",
        "facts",
        "typed",
        "cards"
    );
    for (deck, typed, cards) in &rows {
        outln!(
            "{:width$}  {:>5}  {:>5}  {:>5}  {}",
            deck.id,
            deck.facts.len(),
            typed,
            cards,
            deck.title
        );
    }
    let facts: usize = rows.iter().map(|(d, ..)| d.facts.len()).sum();
    let typed: usize = rows.iter().map(|(_, t, _)| t).sum();
    outln!(
        "{:width$}  {:>5}  {:>5}  {:>5}",
        "total",
        facts,
        typed,
        collection.cards.len()
    );
    outln!(
        "(typed: the text and date questions `recall review` asks by default; cards: every question type)"
    );
    Ok(ExitCode::SUCCESS)
}

pub fn lint(global: &Global, args: LintArgs) -> Result<ExitCode> {
    let collection = if args.paths.is_empty() {
        load_collection(global)?
    } else {
        deck::load_paths(&args.paths)
            .map(Collection::new)
            .map_err(Error::Decks)?
    };
    let mut problems = duplicate_prompts(&collection);
    for deck in &collection.decks {
        problems.extend(control_characters(deck));
    }
    let mut warnings = Vec::new();
    if let Some(dir) = &args.sources {
        let texts = source_texts(dir)?;
        for deck in &collection.decks {
            check_quotes(deck, &texts, &mut problems, &mut warnings);
        }
    }
    warnings.extend(crate::lint::quality(&collection));
    if args.strict {
        problems.append(&mut warnings);
    }
    for w in &warnings {
        eoutln!("warning: {w}");
    }
    if !problems.is_empty() {
        return Err(Error::Decks(problems));
    }
    let facts: usize = collection.decks.iter().map(|d| d.facts.len()).sum();
    outln!(
        "ok: {} deck{}, {facts} facts, {} cards{}",
        collection.decks.len(),
        if collection.decks.len() == 1 { "" } else { "s" },
        collection.cards.len(),
        if args.sources.is_some() {
            ", every quote found in its source"
        } else {
            ""
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// Two cards asking the same thing cannot both have one right answer. Only typed questions
/// are compared: a `choice` card asks its typed sibling's question by design, and order,
/// reverse and true/false questions are made up when asked.
fn duplicate_prompts(collection: &Collection) -> Vec<Located> {
    let mut first: HashMap<&str, &str> = HashMap::new();
    let mut problems = Vec::new();
    for card in collection.cards.iter().filter(|c| c.is_typed()) {
        if let Some(other) = first.insert(&card.prompt, &card.id) {
            let deck = collection.deck(card);
            let fact = collection.fact(card);
            problems.push(
                Located::at(
                    &deck.path,
                    &deck.text,
                    fact.span.start,
                    format!(
                        "`{}` asks the same question as `{other}`: {}",
                        card.id, card.prompt
                    ),
                )
                .help("say more in the fact so that its question has one right answer"),
            );
        }
    }
    problems
}

/// Text holding a control character or an escape sequence (`"\u001b]0;title\u0007"`): it
/// could rewrite a student's terminal. Recall shows such characters visibly (`\u{1b}`), and
/// lint calls them errors. Line breaks and tabs are allowed.
fn control_characters(deck: &Deck) -> Vec<Located> {
    fn walk(value: &Spanned<DeValue<'_>>, found: &mut Vec<(std::ops::Range<usize>, char)>) {
        match value.get_ref() {
            DeValue::String(s) => {
                if let Some(c) = s.chars().find(|&c| unsafe_in_deck(c)) {
                    found.push((value.span(), c));
                }
            }
            DeValue::Array(items) => items.iter().for_each(|v| walk(v, found)),
            DeValue::Table(table) => table.values().for_each(|v| walk(v, found)),
            _ => {}
        }
    }
    // The deck loaded, so its TOML parses.
    let Ok(table) = DeTable::parse(&deck.text) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for value in table.get_ref().values() {
        walk(value, &mut found);
    }
    found.sort_by_key(|(span, _)| span.start);
    found
        .into_iter()
        .map(|(span, c)| {
            let at = span.start + escape_offset(&deck.text[span]).unwrap_or(0);
            Located::at(
                &deck.path,
                &deck.text,
                at,
                format!(
                    "control character `{}` in the text; it could take over the terminal it is shown on",
                    show::line(&c.to_string())
                ),
            )
            .help("delete it; write a line break as a real one in a \"\"\"multi-line\"\"\" string")
        })
        .collect()
}

fn unsafe_in_deck(c: char) -> bool {
    show::is_unsafe(c) && c != '\n' && c != '\t'
}

/// Where, in the TOML string `raw` (quotes included), the first escape of an unsafe
/// character is. A literal ('…') string has no escapes, and a raw control character is no TOML.
fn escape_offset(raw: &str) -> Option<usize> {
    if raw.starts_with('\'') {
        return None;
    }
    let mut chars = raw.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            continue;
        }
        let digits = match chars.next()?.1 {
            'u' => 4,
            'U' => 8,
            'x' => 2,
            'e' => return Some(i),
            _ => continue,
        };
        let hex = raw.get(i + 2..i + 2 + digits)?;
        if u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .is_some_and(unsafe_in_deck)
        {
            return Some(i);
        }
    }
    None
}

/// A cited text, and what its folder's README says of it (e.g. the date of a news report).
struct SourceText {
    path: PathBuf,
    text: String,
    about: String,
}

/// Source id -> text, from `DIR/<id>.txt` files and from a README table that
/// names each file with its id in backticks.
fn source_texts(dir: &Path) -> Result<HashMap<String, SourceText>> {
    let read = |path: &Path| {
        files::read_to_string(path, files::SOURCE).map_err(|e| Error::storage("read", path, e))
    };
    let entries = fs::read_dir(dir).map_err(|e| Error::storage("read", dir, e))?;
    let mut texts = HashMap::new();
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.extension().is_some_and(|x| x == "txt")
            && let Some(stem) = path.file_stem().and_then(|s| s.to_str())
        {
            let text = read(&path)?;
            texts.insert(
                stem.to_owned(),
                SourceText {
                    path,
                    text,
                    about: String::new(),
                },
            );
        }
    }
    if let Ok(readme) = files::read_to_string(&dir.join("README.md"), files::SOURCE) {
        for line in readme.lines().filter(|l| l.starts_with('|')) {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let file = cells.iter().find(|c| c.ends_with(".txt"));
            let id = cells
                .iter()
                .find_map(|c| c.strip_prefix('`').and_then(|c| c.strip_suffix('`')));
            if let (Some(file), Some(id)) = (file, id) {
                let path = dir.join(file.trim_matches('`'));
                if path.is_file() {
                    let text = read(&path)?;
                    texts.insert(
                        id.to_owned(),
                        SourceText {
                            path,
                            text,
                            about: line.to_owned(),
                        },
                    );
                }
            }
        }
    }
    Ok(texts)
}

/// "Last year", "the following year": the quote dates the fact a year from a year its
/// context names.
fn relative_year(quote: &str, year: i32, context: &[&str]) -> bool {
    let lower = quote.to_lowercase();
    let step = if ["last year", "the previous year", "the year before"]
        .iter()
        .any(|p| lower.contains(p))
    {
        1
    } else if ["the following year", "the next year", "a year later"]
        .iter()
        .any(|p| lower.contains(p))
    {
        -1
    } else {
        return false;
    };
    let named = (year + step).to_string();
    context
        .iter()
        .any(|p| p.split(|c: char| !c.is_ascii_digit()).any(|n| n == named))
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn check_quotes(
    deck: &Deck,
    texts: &HashMap<String, SourceText>,
    problems: &mut Vec<Located>,
    warnings: &mut Vec<Located>,
) {
    let at = |offset: usize, message: String| Located::at(&deck.path, &deck.text, offset, message);
    for (fact, citation, date) in deck
        .facts
        .iter()
        .flat_map(|f| f.citations().into_iter().map(move |(c, d)| (f, c, d)))
    {
        let Some(SourceText { path, text, about }) = texts.get(&citation.source) else {
            problems.push(
                at(
                    citation.quote_span.start,
                    format!(
                        "no text for source `{}` in the sources folder",
                        citation.source
                    ),
                )
                .help("name the file `<id>.txt` or list it in the folder's README"),
            );
            continue;
        };
        let quote = squash(&citation.quote);
        let paragraphs: Vec<String> = text
            .split("\n\n")
            .map(squash)
            .filter(|p| !p.is_empty())
            .collect();
        let Some(found) = paragraphs.iter().position(|p| p.contains(&quote)) else {
            problems.push(
                at(
                    citation.quote_span.start,
                    format!(
                        "quote not found in `{}` ({})",
                        citation.source,
                        path.display()
                    ),
                )
                .help("copy the sentence verbatim from the source; only whitespace may differ"),
            );
            continue;
        };
        let Some(date) = date else { continue };
        let year = date.get_year().to_string();
        // A date may be given by the paragraph, by the dated line or heading just before
        // it, or by the text's own date (a news report's "on Tuesday").
        let context: Vec<&str> = paragraphs[..=found]
            .iter()
            .rev()
            .take(3)
            .map(String::as_str)
            .chain([about.as_str()])
            .collect();
        if !context.iter().any(|p| p.contains(&year))
            && !relative_year(&quote, date.get_year(), &context)
        {
            warnings.push(
                at(citation.quote_span.start, format!("the year {year} of `{}` is not in its quote's paragraph or the two before it", fact.id))
                    .help("check the date against the source, or quote the sentence that dates it"),
            );
        }
    }
}

//! Anki's text format: `#key:value` header lines (`#separator:`, `#html:`,
//! `#columns:`, `#deck:`, `#notetype:`, `#guid column:`, `#tags column:`, …),
//! then one note a line, fields quoted as in CSV.
use super::{Note, Parsed, anki_note, delimited, html};

/// The header keys Anki reads.
const KEYS: [&str; 12] = [
    "separator",
    "html",
    "tags",
    "columns",
    "notetype",
    "deck",
    "notetype column",
    "deck column",
    "tags column",
    "guid column",
    "match scope",
    "if matches",
];

/// The `#key:value` lines at the top of `text`, and the line after them.
fn header(text: &str) -> (Vec<(String, String)>, usize) {
    let mut found = Vec::new();
    let mut lines = 0;
    for line in text.lines() {
        let Some(directive) = line.strip_prefix('#') else {
            break;
        };
        lines += 1;
        if let Some((key, value)) = directive.split_once(':') {
            let key = key.trim().to_lowercase();
            if KEYS.contains(&key.as_str()) {
                found.push((key, value.trim_end_matches('\r').to_owned()));
            }
        }
    }
    (found, lines)
}

/// Whether lines without a header are an older Anki export (Anki before 2.1.55
/// wrote none): the same number of tab-separated fields on every line, three or
/// more (its fields, then the tags), unlike Quizlet's two.
pub fn looks_headerless(lines: &[&str]) -> bool {
    let tabs = |l: &&str| l.matches('\t').count();
    let Some(first) = lines.first().map(tabs) else {
        return false;
    };
    lines.len() >= 2 && first >= 2 && lines.iter().all(|l| tabs(l) == first)
}

/// Whether `text` starts with Anki's header lines.
pub fn has_header(text: &str) -> bool {
    !header(text).0.is_empty()
}

fn separator(name: &str) -> Option<char> {
    match name.trim().to_lowercase().as_str() {
        "tab" | "\t" => Some('\t'),
        "comma" | "," => Some(','),
        "semicolon" | ";" => Some(';'),
        "pipe" | "|" => Some('|'),
        "colon" | ":" => Some(':'),
        "space" => Some(' '),
        _ => name.chars().next().filter(|_| name.chars().count() == 1),
    }
}

pub fn parse(path: &str, text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let (directives, header_lines) = header(text);
    let get = |key: &str| {
        directives
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let body_start = text
        .split_inclusive('\n')
        .take(header_lines)
        .map(str::len)
        .sum::<usize>();
    let body = &text[body_start..];
    let sep = match get("separator") {
        Some(name) => match separator(name) {
            Some(sep) => sep,
            None => {
                parsed.problem(
                    path,
                    1,
                    format!("`#separator:{name}` is not a separator Anki knows"),
                    "write #separator:tab, comma, semicolon, pipe, colon or space",
                );
                return parsed;
            }
        },
        None if body.lines().next().is_some_and(|l| l.contains('\t')) => '\t',
        None => ',',
    };
    let is_html = match get("html").map(|v| v.trim().to_lowercase()) {
        Some(v) => v == "true",
        None => html::looks_like_html(body),
    };
    // Columns count from 1; a `0` (or anything else) names no column.
    let column = |key: &str| {
        get(key)
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&c| c >= 1)
    };
    // Older Anki wrote no header, and the tags last.
    let headerless_tags = directives
        .is_empty()
        .then(|| body.lines().next().map(|l| l.matches(sep).count() + 1))
        .flatten()
        .filter(|&n| n >= 3);
    let column =
        |key: &str| column(key).or_else(|| headerless_tags.filter(|_| key == "tags column"));
    let special: Vec<usize> = [
        "guid column",
        "tags column",
        "deck column",
        "notetype column",
    ]
    .iter()
    .filter_map(|k| column(k))
    .collect();
    let labels: Vec<String> = get("columns")
        .map(|c| c.split(sep).map(|l| l.trim().to_lowercase()).collect())
        .unwrap_or_default();
    let (records, unclosed) = delimited::records(body, sep, header_lines + 1, true);
    // Without a header that says, the first note sets the number of columns.
    let width = if labels.is_empty() {
        records.first().map_or(0, |r| r.fields.len())
    } else {
        labels.len()
    };
    let varies = column("notetype column").is_some();
    let mut foreign: std::collections::BTreeMap<String, usize> = Default::default();
    for record in records {
        if !varies && record.fields.len() != width {
            parsed.problem(
                path,
                record.line,
                format!(
                    "{}, where the file has {width}",
                    super::columns(record.fields.len())
                ),
                "give every note the same columns; quote a field that holds the separator",
            );
            continue;
        }
        let special_field = |key: &str| column(key).and_then(|c| record.fields.get(c - 1));
        // Note fields: every column that is not the guid, tags, deck or note type,
        // nor a `Source` column of recall's own export.
        let fields: Vec<String> = record
            .fields
            .iter()
            .enumerate()
            .filter(|(i, _)| !special.contains(&(i + 1)))
            .filter(|(i, _)| labels.get(*i).is_none_or(|l| l != "source"))
            .map(|(_, f)| f.clone())
            .collect();
        let note_type = special_field("notetype column")
            .map(|t| t.trim().to_owned())
            .or_else(|| get("notetype").map(|t| t.trim().to_owned()))
            .unwrap_or_default();
        let deck = special_field("deck column")
            .map(|d| d.trim().to_owned())
            .or_else(|| get("deck").map(|d| d.trim().to_owned()))
            .filter(|d| !d.is_empty());
        // The note as the file has it, as HTML, for a text export back to the collection.
        let original: Vec<String> = if is_html {
            fields.clone()
        } else {
            fields.iter().map(|f| html::escape(f)).collect()
        };
        let input = anki_note::Input {
            line: record.line,
            raw: html::plain(&record.raw).replace('\n', " "),
            guid: special_field("guid column")
                .map(|g| g.trim().to_owned())
                .filter(|g| !g.is_empty()),
            note_type: &note_type,
            cloze: false,
            templates: &[],
            field_names: &[],
            ords: None,
            fields,
            html: is_html,
            tags: special_field("tags column")
                .map(|t| t.split_whitespace().map(str::to_owned).collect())
                .unwrap_or_default(),
            deck,
        };
        match anki_note::map(input) {
            anki_note::Mapped::Rows(rows) => {
                if !anki_note::is_stock(&note_type) {
                    *foreign.entry(note_type.clone()).or_default() += 1;
                }
                let known = by_name(&mut parsed, &note_type, &original, &rows);
                for mut row in rows {
                    if let (Some(id), Some(_)) = (known, &row.guid) {
                        row.anki = Some(crate::deck::AnkiOrigin {
                            note_type: id,
                            mtime: 0,
                            hash: row.content_hash(),
                            fields: original.clone(),
                            card: u32::from(row.suffix.as_deref() == Some("reversed")),
                        });
                    }
                    parsed.push(path, row);
                }
            }
            anki_note::Mapped::Skipped(why) => {
                parsed.problem(path, record.line, why.clone(), anki_note::help_for(&why));
            }
        }
    }
    for (name, count) in foreign {
        parsed.warnings.push(format!(
            "{count} note{} of note type `{name}`, which recall does not know: the first two fields read as question and answer",
            if count == 1 { "" } else { "s" }
        ));
    }
    if let Some(line) = unclosed {
        parsed.problem(
            path,
            line,
            "a quote opened on this line is never closed".into(),
            "close the quoted field with `\"`, and write a quote inside it as `\"\"`",
        );
    }
    parsed
}

/// The notes as an Anki text file for Anki's Basic note type (Front, Back; the
/// Source column is kept for people and for `recall decks import`, but Basic
/// has no field for it). Tags are the fact's tags and the deck id.
/// The note type a text export names (`Basic`, or an id), as a note type known by name only:
/// a negative id, so that a text export names it again and a package leaves it out.
fn by_name(parsed: &mut Parsed, name: &str, fields: &[String], rows: &[super::Row]) -> Option<i64> {
    if name.is_empty() {
        return None;
    }
    let id = -((super::fnv1a(name) >> 2) as i64) - 1;
    if !parsed.note_types.iter().any(|t| t.id == id) {
        parsed.note_types.push(crate::deck::AnkiNoteType {
            id,
            name: name.to_owned(),
            cloze: rows.iter().any(|r| r.cloze.is_some()),
            fields: (1..=fields.len()).map(|i| format!("Field {i}")).collect(),
            templates: Vec::new(),
            template_names: Vec::new(),
        });
    }
    Some(id)
}

pub fn write(notes: &[Note]) -> String {
    let several_decks = notes.iter().any(|n| n.deck != notes[0].deck);
    // One line a note, its fields in its note type's order, as HTML: an imported note's
    // own note type and fields (Anki updates the note it has), else Anki's stock note types,
    // which every collection has: Basic (Front, Back) and Cloze (Text, Back Extra).
    let mut lines: Vec<(String, Vec<String>, &Note)> = Vec::new();
    let mut written = std::collections::HashSet::new();
    for note in notes {
        if !written.insert(note.note_key()) {
            continue;
        }
        let main = notes
            .iter()
            .find(|n| {
                n.note_key() == note.note_key()
                    && n.anki.as_ref().is_some_and(|(o, _, _)| o.card == 0)
            })
            .unwrap_or(note);
        let (note_type, fields) = match (&main.anki, &main.cloze) {
            // By id, which is how the collection the note came from knows it whatever its
            // name there; by name when an Anki text export gave only that.
            (Some((_, note_type, _)), _) => (
                if note_type.id < 0 {
                    note_type.name.clone()
                } else {
                    note_type.id.to_string()
                },
                super::apkg::anki_fields(main).1,
            ),
            (None, Some((text, _))) => (
                "Cloze".to_owned(),
                vec![
                    html::escape(text),
                    html::escape(main.explain.as_deref().unwrap_or("")),
                ],
            ),
            (None, None) => (
                "Basic".to_owned(),
                vec![html::escape(&main.prompt), html::escape(&main.answer)],
            ),
        };
        lines.push((note_type, fields, main));
    }
    let width = lines.iter().map(|(_, f, _)| f.len()).max().unwrap_or(2);
    let mut columns = vec!["Notetype".to_owned()];
    columns.extend((1..=width).map(|i| format!("Field {i}")));
    columns.push("Tags".into());
    let tags_column = columns.len();
    let mut out = String::from("#separator:tab\n#html:true\n#notetype column:1\n");
    if several_decks {
        columns.push("Deck".into());
        out.push_str(&format!("#deck column:{}\n", columns.len()));
    } else if let Some(first) = notes.first() {
        out.push_str(&format!("#deck:{}\n", first.anki_deck()));
    }
    columns.push("GUID".into());
    out.push_str(&format!(
        "#columns:{}\n#guid column:{}\n#tags column:{tags_column}\n",
        columns.join("\t"),
        columns.len()
    ));
    for (note_type, mut fields, note) in lines {
        fields.resize(width, String::new());
        let mut line = vec![note_type];
        line.extend(fields);
        line.push(note.anki_tags().join(" "));
        if several_decks {
            line.push(note.anki_deck());
        }
        line.push(note.guid.clone());
        out.push_str(&delimited::line(&line, '\t'));
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_column_numbered_zero_names_no_column() {
        let text = "#separator:tab\n#html:false\n#guid column:0\n#tags column:5\nq\ta\n";
        // Must not panic; the note is read without a guid.
        let _ = super::parse("x.txt", text);
    }

    use super::*;

    #[test]
    fn reads_header_columns_guid_tags_and_html() {
        let text = "#separator:tab\n#html:true\n#deck:Imported\n#columns:GUID\tFront\tBack\tTags\n\
                    #guid column:1\n#tags column:4\n\
                    g1\t<b>first</b> question\tfirst <i>answer</i>&amp;more\ttagA tagB\n\
                    g2\tsecond\t\"two<br>lines\"\t\n";
        assert!(has_header(text));
        let parsed = parse("n.txt", text);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let first = &parsed.rows[0];
        assert_eq!(
            (first.prompt.as_str(), first.answer.as_str()),
            ("first question", "first answer&more")
        );
        assert_eq!(first.guid.as_deref(), Some("g1"));
        assert_eq!(first.tags, ["tagA", "tagB"]);
        assert_eq!(first.line, 7);
        assert_eq!(parsed.rows[1].answer, "two; lines");
    }

    #[test]
    fn wrong_column_counts_are_bad_rows() {
        let text = "#separator:comma\n#html:false\na,b\nc,d,e\nf\n";
        let parsed = parse("n.txt", text);
        let lines: Vec<usize> = parsed.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [4, 5]);
    }
}

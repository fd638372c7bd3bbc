//! CSV with a header row. Read: `prompt,answer` and optionally `accept`, `tags`
//! (both split by `;`), `explain` and `guid`, in any order; other columns are
//! ignored. Written: `card,deck,prompt,answer,accept,explain,source,quote,tags,guid`
//! (a cloze fact a row per card), which reads back.
use super::{Note, Parsed, Row, delimited};

/// The columns [`write`] writes.
pub const HEADER: [&str; 10] = [
    "card", "deck", "prompt", "answer", "accept", "explain", "source", "quote", "tags", "guid",
];

/// The names a header may give each column, compared without case: Anki's
/// Front/Back, Quizlet's Term/Definition, Question/Answer, and an id or GUID.
const PROMPT: [&str; 5] = ["prompt", "front", "question", "term", "word"];
const ANSWER: [&str; 4] = ["answer", "back", "definition", "meaning"];
const ID: [&str; 3] = ["id", "card", "card id"];
const GUID: [&str; 3] = ["guid", "note id", "anki guid"];

fn position(names: &[String], wanted: &[&str]) -> Option<usize> {
    names.iter().position(|n| wanted.contains(&n.as_str()))
}

/// Whether the first line of `text` is a header that names a question and an answer column.
pub fn has_header(text: &str) -> bool {
    let first = text.split('\n').next().unwrap_or("");
    let (records, _) = delimited::records(first, ',', 1, false);
    records.first().is_some_and(|r| {
        let names: Vec<String> = r.fields.iter().map(|f| f.trim().to_lowercase()).collect();
        position(&names, &PROMPT).is_some() && position(&names, &ANSWER).is_some()
    })
}

pub fn parse(path: &str, text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let (records, unclosed) = delimited::records(text, ',', 1, false);
    let mut records = records.into_iter();
    let Some(header) = records.next() else {
        parsed.problem(
            path,
            1,
            "the file is empty".into(),
            "export some cards into it",
        );
        return parsed;
    };
    let names: Vec<String> = header
        .fields
        .iter()
        .map(|f| f.trim().to_lowercase())
        .collect();
    let column = |name: &str| names.iter().position(|n| n == name);
    let (Some(prompt), Some(answer)) = (position(&names, &PROMPT), position(&names, &ANSWER))
    else {
        parsed.problem(
            path,
            header.line,
            "the first row must name the columns, with `prompt` and `answer` (or Front and Back, Question and Answer, Term and Definition) among them".into(),
            "start the file with a header row such as `prompt,answer,accept,tags,explain`",
        );
        return parsed;
    };
    let (accept, tags, explain, guid) = (
        column("accept"),
        column("tags"),
        column("explain"),
        position(&names, &GUID),
    );
    let id = position(&names, &ID);
    for record in records {
        if record.fields.len() != names.len() {
            parsed.problem(
                path,
                record.line,
                format!(
                    "{}, but the header names {}",
                    super::columns(record.fields.len()),
                    names.len()
                ),
                "give every row one value per header column; quote a value that holds a comma, as \"Seoul, Korea\"",
            );
            continue;
        }
        // A cell that `decks export` (or a careful spreadsheet) kept from running as a formula.
        let get = |i: Option<usize>| {
            i.map_or("", |i| {
                delimited::spreadsheet_value(record.fields[i].trim())
            })
        };
        let list = |i: Option<usize>| -> Vec<String> {
            get(i)
                .split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let optional = |i: Option<usize>| Some(get(i).to_owned()).filter(|s| !s.is_empty());
        let row = Row {
            line: record.line,
            prompt: get(Some(prompt)).to_owned(),
            answer: get(Some(answer)).to_owned(),
            accept: list(accept),
            tags: list(tags),
            explain: optional(explain),
            guid: optional(guid),
            // recall's own export names the card (`fact/card`, `fact/c2`): its fact keeps its
            // id, a cloze's card becomes `fact-c2`.
            id: optional(id).map(|i| i.strip_suffix("/card").unwrap_or(&i).replace('/', "-")),
            raw: record.raw,
            ..Row::default()
        };
        parsed.push(path, row);
    }
    if let Some(line) = unclosed {
        parsed.problem(
            path,
            line,
            "a quote opened on this line is never closed".into(),
            "close the quoted value with `\"`, and write a quote inside it as `\"\"`",
        );
    }
    parsed
}

/// The notes as CSV, with the [`HEADER`] row.
pub fn write(notes: &[Note]) -> String {
    let mut out = delimited::csv_line(&HEADER.map(String::from));
    for note in notes {
        let fields = [
            note.card.clone(),
            note.deck.clone(),
            note.prompt.clone(),
            note.answer.clone(),
            note.accept.join(";"),
            note.explain.clone().unwrap_or_default(),
            note.source_title.clone(),
            note.quote.clone(),
            note.tags.join(";"),
            note.guid.clone(),
        ];
        out.push_str(&delimited::csv_line(&fields));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_columns_by_name_and_splits_lists() {
        let text = "Tags,Prompt,Answer,Accept,other\n\
                    2018;thaw,\"Who met at Panmunjom, in 2018?\",Moon Jae-in,Moon; President Moon,x\n";
        assert!(has_header(text));
        let parsed = parse("c.csv", text);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let row = &parsed.rows[0];
        assert_eq!(row.prompt, "Who met at Panmunjom, in 2018?");
        assert_eq!(row.accept, ["Moon", "President Moon"]);
        assert_eq!(row.tags, ["2018", "thaw"]);
        assert_eq!(row.line, 2);
    }

    #[test]
    fn bad_rows_are_reported_with_their_lines() {
        let text = "prompt,answer\nok?,yes\nonly one\n,no prompt\n\"open,quote\nnever closed\n";
        let parsed = parse("c.csv", text);
        assert_eq!(parsed.rows.len(), 1);
        let lines: Vec<usize> = parsed.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [3, 4, 5]);
        assert!(parsed.problems[2].message.contains("never closed"));
    }

    #[test]
    fn a_header_without_prompt_is_refused() {
        assert!(!has_header("name,value\na,b\n"));
        let parsed = parse("c.csv", "name,value\na,b\n");
        assert_eq!(parsed.problems.len(), 1);
    }

    #[test]
    fn headers_people_use_are_read_without_case() {
        for header in [
            "Front,Back,GUID",
            "QUESTION,Answer,guid",
            "term,Definition,Note ID",
        ] {
            let text = format!("{header}\nSeoul,capital,Ab3\n");
            assert!(has_header(&text), "{header}");
            let parsed = parse("c.csv", &text);
            assert_eq!(parsed.rows[0].answer, "capital", "{header}");
            assert_eq!(parsed.rows[0].guid.as_deref(), Some("Ab3"), "{header}");
        }
        let parsed = parse(
            "c.csv",
            "id,prompt,answer\nkaesong,Where is Kaesong?,North Korea\n",
        );
        assert_eq!(parsed.rows[0].id.as_deref(), Some("kaesong"));
    }
}
